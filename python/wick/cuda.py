"""wick.cuda on a build without a usable GPU: nothing is available."""
from wick import _C


def is_available():
    return False


def device_count():
    return 0


def _unavailable(*args, **kwargs):
    raise AssertionError("Torch not compiled with CUDA enabled")


current_device = _unavailable
set_device = _unavailable
synchronize = _unavailable
get_device_name = _unavailable
manual_seed = lambda seed: None  # noqa: E731  (PyTorch silently ignores it without CUDA)
manual_seed_all = lambda seed: None  # noqa: E731


class _CudaLegacyMeta(type):
    def __call__(cls, *args, **kwargs):
        raise TypeError(f"type torch.cuda.{cls.__name__} not available. "
                        "Torch not compiled with CUDA enabled.")

    def __instancecheck__(cls, obj):
        return False

    def __repr__(cls):
        return f"<class 'torch.cuda.{cls.__name__}'>"


for _name, _dt in [("FloatTensor", _C.float32), ("DoubleTensor", _C.float64),
                   ("HalfTensor", _C.float16), ("BFloat16Tensor", _C.bfloat16),
                   ("ByteTensor", _C.uint8), ("CharTensor", _C.int8), ("ShortTensor", _C.int16),
                   ("IntTensor", _C.int32), ("LongTensor", _C.int64), ("BoolTensor", _C.bool)]:
    globals()[_name] = _CudaLegacyMeta(_name, (), {"dtype": _dt, "is_cuda": True,
                                                   "__module__": "wick.cuda"})
del _name, _dt

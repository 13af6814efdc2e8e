"""The legacy typed constructors: wick.FloatTensor(2, 3), wick.LongTensor([1, 2]).

Each is a class whose instances are plain wick.Tensors of its dtype;
isinstance(t, wick.FloatTensor) checks the dtype, as in PyTorch.
"""
from wick import _C


class _LegacyTensorMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, _C.Tensor) and obj.dtype == cls.dtype

    def __call__(cls, *args, **kwargs):
        return _C._legacy_new(cls.dtype, *args, **kwargs)

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _make(name, dtype):
    return _LegacyTensorMeta(name, (), {"dtype": dtype, "is_cuda": False, "__module__": "wick"})


FloatTensor = _make("FloatTensor", _C.float32)
DoubleTensor = _make("DoubleTensor", _C.float64)
HalfTensor = _make("HalfTensor", _C.float16)
BFloat16Tensor = _make("BFloat16Tensor", _C.bfloat16)
ByteTensor = _make("ByteTensor", _C.uint8)
CharTensor = _make("CharTensor", _C.int8)
ShortTensor = _make("ShortTensor", _C.int16)
IntTensor = _make("IntTensor", _C.int32)
LongTensor = _make("LongTensor", _C.int64)
BoolTensor = _make("BoolTensor", _C.bool)

"""Process-wide settings and small predicates of the torch namespace."""
import builtins

from wick import _C


def set_default_dtype(d):
    if not isinstance(d, _C.dtype) or not d.is_floating_point:
        raise TypeError(f"only floating-point types are supported as the default type")
    _C._set_default_dtype(d)


def get_default_dtype():
    return _C._get_default_dtype()


def set_default_tensor_type(t):
    """Sets the default dtype from a legacy type (wick.DoubleTensor) or its name
    ('torch.DoubleTensor'); CUDA types are refused in a build without CUDA."""
    from wick import _legacy, cuda
    if isinstance(t, str):
        parts = t.split(".")
        if len(parts) < 2 or parts[0] not in ("torch", "wick") or not parts[-1].endswith("Tensor"):
            raise TypeError(f"invalid type: '{t}'")
        mod = cuda if parts[1:2] == ["cuda"] else _legacy
        if not hasattr(mod, parts[-1]):
            raise TypeError(f"invalid type: '{t}'")
        t = getattr(mod, parts[-1])
    if getattr(t, "is_cuda", False):
        raise TypeError(f"type torch.cuda.{t.__name__} not available. "
                        "Torch not compiled with CUDA enabled.")
    if not t.dtype.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    set_default_dtype(t.dtype)


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None, sci_mode=None):
    _C._set_printoptions(precision, threshold, edgeitems, linewidth, profile, sci_mode)


def is_tensor(obj):
    return isinstance(obj, _C.Tensor)


def is_floating_point(input):
    return input.is_floating_point()


def numel(input):
    return input.numel()


def set_num_threads(n):
    if not isinstance(n, builtins.int) or n <= 0:
        raise RuntimeError("set_num_threads expects a positive integer")
    _C._set_num_threads(n)


def get_num_threads():
    return _C._get_num_threads()


# Functions PyTorch also exposes at top level for a few Tensor methods.
def is_complex(input):
    return input.is_complex()


def is_signed(input):
    return input.is_signed()


def get_device(input):
    return input.get_device()


def real(input):
    return input.real


def index_put_(input, indices, values, accumulate=False):
    return input.index_put_(indices, values, accumulate)


def xlogy_(input, other):
    return input.xlogy_(other)


def addmv_(input, mat, vec, *, beta=1, alpha=1):
    return input.addmv_(mat, vec, beta=beta, alpha=alpha)


def resize_as_(input, the_template, *, memory_format=None):
    return input.resize_as_(the_template)

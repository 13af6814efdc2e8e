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
    from wick import _legacy
    if isinstance(t, str):
        t = getattr(_legacy, t.split(".")[-1])
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

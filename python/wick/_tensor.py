"""Tensor methods written in Python on top of _C (kept few: most are C++)."""
from wick import _C

Tensor = _C.Tensor


def _register(fn):
    setattr(Tensor, fn.__name__, fn)
    return fn


@_register
def __contains__(self, element):
    if isinstance(element, (Tensor, int, float, bool)):
        return bool((element == self).any().item())
    raise RuntimeError(
        f"Tensor.__contains__ only supports Tensor or scalar, but you passed in a {type(element)}.")


@_register
def __iter__(self):
    if self.dim() == 0:
        raise TypeError("iteration over a 0-d tensor")
    return iter(self.unbind(0))


@_register
def __reversed__(self):
    if self.dim() == 0:
        return self
    return self.flip(0)


@_register
def __format__(self, format_spec):
    if self.dim() == 0:
        return self.item().__format__(format_spec)
    return object.__format__(self, format_spec)


Tensor.__array_priority__ = 1000
Tensor.__module__ = "wick"

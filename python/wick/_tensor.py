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


# ---- numpy -----------------------------------------------------------------------
@_register
def __array__(self, dtype=None):
    a = self.numpy()
    return a if dtype is None else a.astype(dtype, copy=False)


@_register
def __array_wrap__(self, array, context=None, return_scalar=False):
    # numpy ufuncs on tensors (np.sin(t)) come back as tensors, as in PyTorch.
    if array.dtype == bool:
        array = array.astype("uint8")
    return _C.from_numpy(array)


# ---- pickle and copy ----------------------------------------------------------------
def _rebuild_tensor(cls, data, dtype, shape, requires_grad):
    t = _C._tensor_from_bytes(data, dtype, list(shape))
    if cls is not Tensor:
        t = Tensor._make_subclass(cls, t, requires_grad)
    elif requires_grad:
        t.requires_grad_(True)
    return t


_rebuild_tensor.__module__ = "wick._tensor"


@_register
def __reduce_ex__(self, protocol):
    # Values, dtype, shape and requires_grad; like PyTorch, not .grad and not
    # the autograd history. Views are saved as their own values.
    state = getattr(self, "__dict__", None) or None
    args = (type(self), _C._tensor_bytes(self), self.dtype, tuple(self.shape), self.requires_grad)
    return (_rebuild_tensor, args, state)


@_register
def __setstate__(self, state):
    if state:
        self.__dict__.update(state)


@_register
def __deepcopy__(self, memo):
    if not self.is_leaf:
        raise RuntimeError(
            "Only Tensors created explicitly by the user (graph leaves) support the deepcopy "
            "protocol at the moment.  If you were attempting to deepcopy a module, this may be "
            "because of a torch.nn.utils.weight_norm usage, see "
            "https://github.com/pytorch/pytorch/pull/103001")
    if id(self) in memo:
        return memo[id(self)]
    import copy
    with _no_grad():
        new = self.clone()
    if type(self) is not Tensor:
        new = Tensor._make_subclass(type(self), new, self.requires_grad)
    else:
        new.requires_grad_(self.requires_grad)
    memo[id(self)] = new
    if self.grad is not None:
        new.grad = copy.deepcopy(self.grad, memo)
    d = getattr(self, "__dict__", None)
    if d:
        new.__dict__.update(copy.deepcopy(d, memo))
    return new


class _no_grad:
    def __enter__(self):
        self.prev = _C.is_grad_enabled()
        _C._set_grad_enabled(False)

    def __exit__(self, *exc):
        _C._set_grad_enabled(self.prev)


@_register
def new(self, *args, **kwargs):
    """The legacy constructor with self's dtype: t.new(2, 3), t.new([1, 2]), t.new()."""
    return _C._legacy_new(self.dtype, *args, **kwargs)

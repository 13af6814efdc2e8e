"""wick.nn.Parameter: a tensor that a Module registers as one of its parameters."""
from wick import _C

Tensor = _C.Tensor


class Parameter(Tensor):
    """A Tensor that, assigned as a Module attribute, joins module.parameters().
    requires_grad defaults to True."""

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = _C.empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"Parameter(): argument 'data' (position 1) must be Tensor, not "
                            f"{type(data).__name__}")
        return Tensor._make_subclass(cls, data, requires_grad)

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        with _NoGrad():
            data = self.detach().clone()
        result = type(self)(data, self.requires_grad)
        memo[id(self)] = result
        return result

    def __repr__(self):
        plain = self.detach()
        if self.requires_grad:
            plain.requires_grad_(True)
        return "Parameter containing:\n" + Tensor.__repr__(plain)

    __str__ = __repr__

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self.detach(), self.requires_grad))


def _rebuild_parameter(data, requires_grad):
    return Parameter(data, requires_grad)


_rebuild_parameter.__module__ = "wick.nn.parameter"


class _NoGrad:
    def __enter__(self):
        self.prev = _C.is_grad_enabled()
        _C._set_grad_enabled(False)

    def __exit__(self, *exc):
        _C._set_grad_enabled(self.prev)


class UninitializedParameter(Parameter):
    """A parameter whose shape is not known yet (lazy modules): it holds no data
    until materialize(shape) is called."""

    cls_to_become = Parameter

    def __new__(cls, requires_grad=True, device=None, dtype=None):
        return Tensor._make_subclass(cls, _C.empty(0, dtype=dtype), requires_grad)

    def materialize(self, shape, device=None, dtype=None):
        if dtype is None:
            dtype = self.dtype
        self.data = _C.empty(shape, dtype=dtype)
        self.__class__ = self.cls_to_become

    def __repr__(self):
        return "<UninitializedParameter>"


def is_lazy(param):
    return isinstance(param, UninitializedParameter)

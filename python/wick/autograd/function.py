"""wick.autograd.Function: custom differentiable operations written in Python.

    class Exp(wick.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, g):
            y, = ctx.saved_tensors
            return g * y

    y = Exp.apply(x)

forward runs with grad mode off; its tensor outputs get one graph node,
named "<ClassName>Backward", that calls backward (a C++ node calling back
into Python, see python/src/autograd.cpp). backward returns one gradient (or
None) per forward argument.
"""
import functools

from wick import _C

_ag = _C._autograd

FunctionCtx = _ag.FunctionCtx


class BackwardCFunction(FunctionCtx):
    """The ctx of a custom Function, which is also its grad_fn node: name(),
    next_functions, register_hook, register_prehook, metadata, plus
    saved_tensors, needs_input_grad and the attributes forward set."""

    _forward_cls = None

    def apply(self, *args):
        return self._forward_cls.backward(self, *args)

    def __repr__(self):
        return f"<wick.autograd.function.{type(self).__name__} object at {hex(id(self))}>"


class FunctionMeta(type):
    """Gives each Function subclass its node class, "<Name>Backward"."""

    def __init__(cls, name, bases, attrs):
        backward_cls = type(name + "Backward", (BackwardCFunction,), {"_forward_cls": cls})
        backward_cls.__module__ = "wick.autograd.function"
        backward_cls.__qualname__ = name + "Backward"
        cls._backward_cls = backward_cls
        # A Function may define vjp instead of backward (they are aliases).
        if "vjp" in attrs and "backward" not in attrs:
            cls.backward = attrs["vjp"]
        super().__init__(name, bases, attrs)


class Function(metaclass=FunctionMeta):
    """Base class for custom autograd functions: subclass it with static
    forward(ctx, *args, **kwargs) and backward(ctx, *grad_outputs) methods (or
    forward(*args) plus setup_context(ctx, inputs, output)), and call apply()."""

    # True when forward may be called without a ctx (setup_context style).
    generate_vmap_rule = False

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. "
            "Please use new-style autograd function with static forward method. "
            "(Example: https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @staticmethod
    def forward(*args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for "
                                  "your custom autograd.Function to use it with backward "
                                  "mode AD.")

    vjp = backward

    @staticmethod
    def jvp(ctx, *grad_inputs):
        raise NotImplementedError("You must implement the jvp function for custom "
                                  "autograd.Function to use it with forward mode AD.")

    @classmethod
    def apply(cls, *args, **kwargs):
        uses_setup_context = cls.setup_context is not Function.setup_context
        return _ag._function_apply(cls, args, kwargs, uses_setup_context)


def once_differentiable(fn):
    """Decorator for backward: runs it without recording, and makes its
    results non-differentiable (double backward through it is not supported)."""

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        from wick.grad_mode import no_grad
        with no_grad():
            outputs = fn(ctx, *args)
        return outputs

    return wrapper


class InplaceFunction(Function):
    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace


class NestedIOFunction(Function):
    pass

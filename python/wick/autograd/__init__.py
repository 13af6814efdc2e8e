"""wick.autograd: backward, grad, Function, gradcheck, anomaly detection."""
from wick import _C
from wick.grad_mode import no_grad, enable_grad, set_grad_enabled, inference_mode  # noqa: F401
from wick.autograd.function import Function, FunctionCtx, once_differentiable  # noqa: F401
from wick.autograd.gradcheck import gradcheck, gradgradcheck, GradcheckError  # noqa: F401
from wick.autograd.anomaly_mode import (  # noqa: F401
    detect_anomaly, set_detect_anomaly, is_anomaly_enabled, is_anomaly_check_nan_enabled,
)
from wick.autograd import graph  # noqa: F401
from wick import grad_mode  # noqa: F401  (torch.autograd.grad_mode)

_ag = _C._autograd

# The legacy Variable wrapper is a tensor now, as in PyTorch.
Variable = _C.Tensor


def _tensor_or_tensors(x, what):
    if x is None:
        return None
    if isinstance(x, _C.Tensor):
        return (x,)
    if isinstance(x, (tuple, list)):
        return tuple(x)
    raise TypeError(f"{what} must be a Tensor or a sequence of Tensors, but got "
                    f"{type(x).__name__}")


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
             grad_variables=None, inputs=None):
    """Accumulates the gradients of `tensors` (weighted by grad_tensors) into
    the .grad of the graph's leaves (or only of `inputs`)."""
    if grad_variables is not None:
        if grad_tensors is not None:
            raise RuntimeError("'grad_tensors' and 'grad_variables' (deprecated) arguments "
                               "both passed to backward(). Please only use 'grad_tensors'.")
        grad_tensors = grad_variables
    if inputs is not None and len(_tensor_or_tensors(inputs, "inputs")) == 0:
        raise RuntimeError("'inputs' argument to backward() cannot be empty.")
    tensors = _tensor_or_tensors(tensors, "tensors")
    grad_tensors = _tensor_or_tensors(grad_tensors, "grad_tensors")
    if grad_tensors is not None and len(grad_tensors) != len(tensors):
        raise RuntimeError(f"got {len(tensors)} tensors and {len(grad_tensors)} gradients")
    _ag.backward(tensors, grad_tensors, retain_graph, create_graph,
                 _tensor_or_tensors(inputs, "inputs"))


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of outputs with respect to inputs (a tuple, one per input);
    .grad fields are left alone."""
    if materialize_grads and allow_unused is False:
        raise ValueError("Expected allow_unused to be True or not passed when "
                         "materialize_grads=True, but got: allow_unused=False.")
    if allow_unused is None:
        allow_unused = materialize_grads
    if is_grads_batched:
        raise NotImplementedError("wick.autograd.grad: is_grads_batched=True is not supported")
    outputs = _tensor_or_tensors(outputs, "outputs")
    inputs = _tensor_or_tensors(inputs, "inputs")
    grad_outputs = _tensor_or_tensors(grad_outputs, "grad_outputs")
    if grad_outputs is not None and len(grad_outputs) != len(outputs):
        raise RuntimeError(f"got {len(outputs)} tensors and {len(grad_outputs)} gradients")
    result = _ag.grad(outputs, inputs, grad_outputs, retain_graph, create_graph,
                      bool(allow_unused))
    if materialize_grads:
        result = tuple(g if g is not None else _C.zeros_like(i) for g, i in zip(result, inputs))
    return result

"""wick.autograd: backward, grad, Function, gradcheck, anomaly detection."""
from wick import _C
from wick.grad_mode import no_grad, enable_grad, set_grad_enabled, inference_mode  # noqa: F401

_ag = _C._autograd


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
             grad_variables=None, inputs=None):
    if grad_tensors is None:
        grad_tensors = grad_variables
    _ag.backward(tensors, grad_tensors, retain_graph, create_graph, inputs)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=False, is_grads_batched=False):
    return _ag.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused)

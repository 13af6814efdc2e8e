"""wick.optim.SGD: torch.optim.SGD (PyTorch 2.x signature and state)."""
import wick
from wick import _C
from wick.optim.optimizer import Optimizer, _check_unsupported, _use_grad_for_differentiable

__all__ = ["SGD"]


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum, dampening, Nesterov
    momentum, weight decay and maximize (PyTorch's update order)."""

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False,
                 *, maximize=False, foreach=None, differentiable=False, fused=None):
        if isinstance(lr, wick.Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        _check_unsupported("SGD", differentiable=differentiable)
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening,
                        weight_decay=weight_decay, nesterov=nesterov, maximize=maximize,
                        foreach=foreach, differentiable=differentiable, fused=fused)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("nesterov", False)
            group.setdefault("maximize", False)
            group.setdefault("foreach", None)
            group.setdefault("differentiable", False)
            group.setdefault("fused", False)

    @_use_grad_for_differentiable
    def step(self, closure=None):
        """Performs a single optimization step; closure re-evaluates the model
        and returns the loss."""
        loss = None
        if closure is not None:
            with wick.enable_grad():
                loss = closure()
        for group in self.param_groups:
            params, grads, bufs = [], [], []
            momentum = group["momentum"]
            for p in group["params"]:
                if p.grad is not None:
                    params.append(p)
                    grads.append(p.grad)
                    if momentum != 0:
                        bufs.append(self.state[p].get("momentum_buffer"))
                    else:
                        bufs.append(None)
            if not params:
                continue
            new_bufs = _C._optim.sgd(params, grads, bufs, lr=float(group["lr"]),
                                     momentum=float(momentum),
                                     dampening=float(group["dampening"]),
                                     weight_decay=float(group["weight_decay"]),
                                     nesterov=bool(group["nesterov"]),
                                     maximize=bool(group["maximize"]))
            if momentum != 0:
                for p, buf in zip(params, new_bufs):
                    self.state[p]["momentum_buffer"] = buf
        return loss

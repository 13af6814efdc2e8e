"""wick.optim.RMSprop: torch.optim.RMSprop (PyTorch 2.x signature and state)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _check_unsupported, _convert_steps, _scalar_dtype,
                                  _use_grad_for_differentiable)

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """RMSprop (Hinton) with optional momentum, centering, weight decay and maximize."""

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False, capturable=False, foreach=None, maximize=False,
                 differentiable=False):
        if isinstance(lr, wick.Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= momentum:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= alpha:
            raise ValueError(f"Invalid alpha value: {alpha}")
        _check_unsupported("RMSprop", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, capturable=capturable, foreach=foreach,
                        maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("momentum", 0)
            group.setdefault("centered", False)
            group.setdefault("foreach", None)
            group.setdefault("maximize", False)
            group.setdefault("differentiable", False)
            group.setdefault("capturable", False)
        _convert_steps(self)

    @_use_grad_for_differentiable
    def step(self, closure=None):
        """Performs a single optimization step; closure re-evaluates the model
        and returns the loss."""
        loss = None
        if closure is not None:
            with wick.enable_grad():
                loss = closure()
        for group in self.param_groups:
            params, grads, square_avgs, grad_avgs, bufs, steps = [], [], [], [], [], []
            for p in group["params"]:
                if p.grad is None:
                    continue
                params.append(p)
                grads.append(p.grad)
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = wick.zeros((), dtype=_scalar_dtype())
                    state["square_avg"] = wick.zeros_like(p)
                    if group["momentum"] > 0:
                        state["momentum_buffer"] = wick.zeros_like(p)
                    if group["centered"]:
                        state["grad_avg"] = wick.zeros_like(p)
                square_avgs.append(state["square_avg"])
                steps.append(state["step"])
                if group["momentum"] > 0:
                    bufs.append(state["momentum_buffer"])
                if group["centered"]:
                    grad_avgs.append(state["grad_avg"])
            if not params:
                continue
            _C._optim.rmsprop(params, grads, square_avgs, grad_avgs, bufs, steps,
                              lr=float(group["lr"]), alpha=float(group["alpha"]),
                              eps=float(group["eps"]), weight_decay=float(group["weight_decay"]),
                              momentum=float(group["momentum"]),
                              centered=bool(group["centered"]), maximize=bool(group["maximize"]))
        return loss

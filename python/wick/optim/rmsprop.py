"""wick.optim.RMSprop: torch.optim.RMSprop (PyTorch 2.x signature and state)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _adam_like_state, _check_unsupported, _convert_steps,
                                  _run_closure, _use_grad_for_differentiable)

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
        loss = _run_closure(closure)
        for group in self.param_groups:
            names = (["square_avg"] + (["momentum_buffer"] if group["momentum"] > 0 else [])
                     + (["grad_avg"] if group["centered"] else []))
            params, grads, lists = self._gather(group, _adam_like_state(*names), names + ["step"])
            got = dict(zip(names + ["step"], lists))
            square_avgs, steps = got["square_avg"], got["step"]
            bufs, grad_avgs = got.get("momentum_buffer", []), got.get("grad_avg", [])
            if not params:
                continue
            _C._optim.rmsprop(params, grads, square_avgs, grad_avgs, bufs, steps,
                              lr=float(group["lr"]), alpha=float(group["alpha"]),
                              eps=float(group["eps"]), weight_decay=float(group["weight_decay"]),
                              momentum=float(group["momentum"]),
                              centered=bool(group["centered"]), maximize=bool(group["maximize"]))
        return loss

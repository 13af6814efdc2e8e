"""wick.optim.Adadelta: torch.optim.Adadelta (PyTorch 2.x signature and state)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _adam_like_state, _check_unsupported, _convert_steps,
                                  _run_closure, _use_grad_for_differentiable)

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    """Adadelta (Zeiler) with weight decay and maximize."""

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *,
                 capturable=False, maximize=False, differentiable=False):
        if isinstance(lr, wick.Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        _check_unsupported("Adadelta", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize,
                        capturable=capturable, foreach=foreach, differentiable=differentiable)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
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
        init = _adam_like_state("square_avg", "acc_delta")
        for group in self.param_groups:
            params, grads, (square_avgs, acc_deltas, steps) = self._gather(
                group, init, ("square_avg", "acc_delta", "step"))
            if not params:
                continue
            _C._optim.adadelta(params, grads, square_avgs, acc_deltas, steps,
                               lr=float(group["lr"]), rho=float(group["rho"]),
                               eps=float(group["eps"]),
                               weight_decay=float(group["weight_decay"]),
                               maximize=bool(group["maximize"]))
        return loss

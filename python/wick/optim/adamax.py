"""wick.optim.Adamax: torch.optim.Adamax (PyTorch 2.x signature and state)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _adam_like_state, _check_unsupported, _convert_steps,
                                  _run_closure, _use_grad_for_differentiable)

__all__ = ["Adamax"]


class Adamax(Optimizer):
    """Adamax: Adam with the infinity norm (Kingma & Ba, section 7)."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 foreach=None, *, maximize=False, differentiable=False, capturable=False):
        if isinstance(lr, wick.Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        _check_unsupported("Adamax", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, capturable=capturable)
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
        init = _adam_like_state("exp_avg", "exp_inf")
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            params, grads, (exp_avgs, exp_infs, steps) = self._gather(
                group, init, ("exp_avg", "exp_inf", "step"))
            if not params:
                continue
            _C._optim.adamax(params, grads, exp_avgs, exp_infs, steps, eps=float(group["eps"]),
                             beta1=float(beta1), beta2=float(beta2), lr=float(group["lr"]),
                             weight_decay=float(group["weight_decay"]),
                             maximize=bool(group["maximize"]))
        return loss

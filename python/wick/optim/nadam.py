"""wick.optim.NAdam and RAdam: torch.optim.NAdam / RAdam (PyTorch 2.x
signatures and state, including maximize and decoupled_weight_decay)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _adam_like_state, _check_unsupported, _convert_steps,
                                  _run_closure, _scalar_dtype, _use_grad_for_differentiable)

__all__ = ["NAdam", "RAdam"]


def _check(lr, betas, eps, weight_decay):
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


class NAdam(Optimizer):
    """NAdam: Adam with Nesterov momentum (Dozat), momentum_decay schedule."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 momentum_decay=4e-3, decoupled_weight_decay=False, *, foreach=None,
                 maximize=False, capturable=False, differentiable=False):
        _check(lr, betas, eps, weight_decay)
        if not 0.0 <= momentum_decay:
            raise ValueError(f"Invalid momentum_decay value: {momentum_decay}")
        _check_unsupported("NAdam", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        momentum_decay=momentum_decay,
                        decoupled_weight_decay=decoupled_weight_decay, maximize=maximize,
                        foreach=foreach, capturable=capturable, differentiable=differentiable)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("maximize", False)
            group.setdefault("foreach", None)
            group.setdefault("capturable", False)
            group.setdefault("differentiable", False)
            group.setdefault("decoupled_weight_decay", False)
        _convert_steps(self)
        for s in self.state.values():
            if "mu_product" in s and not isinstance(s["mu_product"], wick.Tensor):
                s["mu_product"] = wick.tensor(float(s["mu_product"]), dtype=_scalar_dtype())

    @_use_grad_for_differentiable
    def step(self, closure=None):
        """Performs a single optimization step; closure re-evaluates the model
        and returns the loss."""
        loss = _run_closure(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            params, grads, (exp_avgs, exp_avg_sqs, mu_products, steps) = self._gather(
                group, _adam_like_state("exp_avg", "exp_avg_sq", mu_product=1.0),
                ("exp_avg", "exp_avg_sq", "mu_product", "step"))
            if not params:
                continue
            _C._optim.nadam(params, grads, exp_avgs, exp_avg_sqs, mu_products, steps,
                            beta1=float(beta1), beta2=float(beta2), lr=float(group["lr"]),
                            weight_decay=float(group["weight_decay"]),
                            momentum_decay=float(group["momentum_decay"]),
                            eps=float(group["eps"]),
                            decoupled_weight_decay=bool(group["decoupled_weight_decay"]),
                            maximize=bool(group["maximize"]))
        return loss


class RAdam(Optimizer):
    """RAdam: Adam with the variance rectification of Liu et al."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False,
                 capturable=False, differentiable=False):
        _check(lr, betas, eps, weight_decay)
        _check_unsupported("RAdam", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, foreach=foreach,
                        maximize=maximize, capturable=capturable,
                        decoupled_weight_decay=decoupled_weight_decay,
                        differentiable=differentiable)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("foreach", None)
            group.setdefault("maximize", False)
            group.setdefault("differentiable", False)
            group.setdefault("decoupled_weight_decay", False)
            group.setdefault("capturable", False)
        _convert_steps(self)

    @_use_grad_for_differentiable
    def step(self, closure=None):
        """Performs a single optimization step; closure re-evaluates the model
        and returns the loss."""
        loss = _run_closure(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            params, grads, (exp_avgs, exp_avg_sqs, steps) = self._gather(
                group, _adam_like_state("exp_avg", "exp_avg_sq"),
                ("exp_avg", "exp_avg_sq", "step"))
            if not params:
                continue
            _C._optim.radam(params, grads, exp_avgs, exp_avg_sqs, steps, beta1=float(beta1),
                            beta2=float(beta2), lr=float(group["lr"]),
                            weight_decay=float(group["weight_decay"]), eps=float(group["eps"]),
                            decoupled_weight_decay=bool(group["decoupled_weight_decay"]),
                            maximize=bool(group["maximize"]))
        return loss

"""wick.optim.Adam and AdamW: torch.optim.Adam / AdamW (PyTorch 2.x signature
and state: 'step' is a float32 scalar tensor)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _adam_like_state, _check_unsupported, _run_closure,
                                  _scalar_dtype, _use_grad_for_differentiable)

__all__ = ["Adam", "AdamW"]


def _check_adam_args(lr, betas, eps, weight_decay):
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


class _AdamBase(Optimizer):
    _decoupled = False

    def __init__(self, params, lr, betas, eps, weight_decay, amsgrad, *, foreach, maximize,
                 capturable, differentiable, fused):
        _check_adam_args(lr, betas, eps, weight_decay)
        _check_unsupported(type(self).__name__, differentiable=differentiable,
                           capturable=capturable)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("amsgrad", False)
            group.setdefault("maximize", False)
            group.setdefault("foreach", None)
            group.setdefault("capturable", False)
            group.setdefault("differentiable", False)
            group.setdefault("fused", None)
        state_values = list(self.state.values())
        step_is_tensor = len(state_values) != 0 and wick.is_tensor(state_values[0].get("step"))
        if not step_is_tensor:
            for s in state_values:
                if "step" in s:
                    s["step"] = wick.tensor(float(s["step"]), dtype=_scalar_dtype())

    def _init_group(self, group):
        names = ["exp_avg", "exp_avg_sq"] + (["max_exp_avg_sq"] if group["amsgrad"] else [])
        params, grads, lists = self._gather(group, _adam_like_state(*names), names + ["step"])
        steps = lists[-1]
        if group["differentiable"] and any(st.requires_grad for st in steps):
            raise RuntimeError("`requires_grad` is not supported for `step` in "
                               "differentiable mode")
        return params, grads, lists[0], lists[1], lists[2] if group["amsgrad"] else [], steps

    @_use_grad_for_differentiable
    def step(self, closure=None):
        """Performs a single optimization step; closure re-evaluates the model
        and returns the loss."""
        loss = _run_closure(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, steps = self._init_group(group)
            if not params:
                continue
            _C._optim.adam(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, steps,
                           amsgrad=bool(group["amsgrad"]), beta1=float(beta1),
                           beta2=float(beta2), lr=float(group["lr"]),
                           weight_decay=float(group["weight_decay"]), eps=float(group["eps"]),
                           maximize=bool(group["maximize"]),
                           decoupled_weight_decay=self._decoupled)
        return loss


class Adam(_AdamBase):
    """Adam (Kingma & Ba) with L2 weight decay added to the gradient, amsgrad and
    maximize."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 amsgrad=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, fused=None):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach,
                         maximize=maximize, capturable=capturable,
                         differentiable=differentiable, fused=fused)


class AdamW(_AdamBase):
    """AdamW (Loshchilov & Hutter): Adam with decoupled weight decay."""

    _decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False, foreach=None, capturable=False,
                 differentiable=False, fused=None):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach,
                         maximize=maximize, capturable=capturable,
                         differentiable=differentiable, fused=fused)

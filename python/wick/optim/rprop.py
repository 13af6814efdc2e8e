"""wick.optim.Rprop and ASGD: torch.optim.Rprop / ASGD (PyTorch 2.x
signatures and state)."""
import wick
from wick import _C
from wick.optim.optimizer import (Optimizer, _adam_like_state, _check_unsupported, _convert_steps,
                                  _run_closure, _scalar_dtype, _use_grad_for_differentiable)

__all__ = ["ASGD", "Rprop"]


class Rprop(Optimizer):
    """Rprop: per-element step sizes grown by etaplus while the gradient keeps
    its sign and shrunk by etaminus when it flips."""

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        if isinstance(lr, wick.Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        _check_unsupported("Rprop", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, etas=etas, step_sizes=step_sizes, foreach=foreach,
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
        for group in self.param_groups:
            etaminus, etaplus = group["etas"]
            step_size_min, step_size_max = group["step_sizes"]

            def init(p, state, lr=group["lr"]):
                state["step"] = wick.zeros((), dtype=_scalar_dtype())
                state["prev"] = wick.zeros_like(p)
                state["step_size"] = wick.full_like(p.grad, lr)
            params, grads, (prevs, step_sizes, steps) = self._gather(
                group, init, ("prev", "step_size", "step"))
            if not params:
                continue
            _C._optim.rprop(params, grads, prevs, step_sizes, steps,
                            step_size_min=float(step_size_min),
                            step_size_max=float(step_size_max), etaminus=float(etaminus),
                            etaplus=float(etaplus), maximize=bool(group["maximize"]))
        return loss


class ASGD(Optimizer):
    """Averaged SGD (Polyak & Juditsky): 'ax' holds the running average of the
    parameters from step t0 on."""

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0,
                 foreach=None, maximize=False, differentiable=False, capturable=False):
        if isinstance(lr, wick.Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        _check_unsupported("ASGD", differentiable=differentiable, capturable=capturable)
        defaults = dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay,
                        foreach=foreach, maximize=maximize, differentiable=differentiable,
                        capturable=capturable)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("foreach", None)
            group.setdefault("maximize", False)
            group.setdefault("differentiable", False)
            group.setdefault("capturable", False)
        _convert_steps(self)
        for s in self.state.values():
            for key in ("eta", "mu"):
                if key in s and not isinstance(s[key], wick.Tensor):
                    s[key] = wick.tensor(float(s[key]), dtype=_scalar_dtype())

    @_use_grad_for_differentiable
    def step(self, closure=None):
        """Performs a single optimization step; closure re-evaluates the model
        and returns the loss."""
        loss = _run_closure(closure)
        for group in self.param_groups:
            init = _adam_like_state("ax", eta=float(group["lr"]), mu=1.0)
            params, grads, (axs, mus, etas, steps) = self._gather(
                group, init, ("ax", "mu", "eta", "step"))
            if not params:
                continue
            _C._optim.asgd(params, grads, axs, mus, etas, steps, lambd=float(group["lambd"]),
                           lr=float(group["lr"]), t0=float(group["t0"]),
                           alpha=float(group["alpha"]),
                           weight_decay=float(group["weight_decay"]),
                           maximize=bool(group["maximize"]))
        return loss

"""wick.optim.lr_scheduler against torch.optim.lr_scheduler: every scheduler
driven side by side with torch's for 30-100 steps (same param groups, SGD with
momentum and Adam), comparing get_last_lr() and the groups' lr / momentum /
betas each step; state_dict round trips; errors and warnings.

PyTorch 1.13 is the reference; where 2.x differs (CyclicLR cycling Adam's
beta1, OneCycleLR's "Tried to step" count, verbose deprecated, the
_opt_called marker, AveragedModel syncing unaveraged buffers) the tests
follow 2.x and say so. The swa_utils tests are at the end."""
import math
import pickle
import warnings

import numpy as np
import pytest

import wick
from conftest import needs_torch

pytestmark = needs_torch


def make_opt(m, kind="sgd", groups=2):
    ps = [m.zeros(3, requires_grad=True) for _ in range(groups)]
    for p in ps:
        p.grad = m.ones(3)
    lrs = [0.1, 0.05, 0.02][:groups]
    if kind == "sgd":
        return m.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(ps, lrs)], lr=0.1, momentum=0.9)
    if kind == "sgd_plain":
        return m.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(ps, lrs)], lr=0.1)
    if kind == "adam":
        return m.optim.Adam([{"params": [p], "lr": lr} for p, lr in zip(ps, lrs)], lr=0.1)
    raise AssertionError(kind)


def group_values(opt):
    out = []
    for g in opt.param_groups:
        out.append((g["lr"], g.get("momentum"), tuple(g["betas"]) if "betas" in g else None))
    return out


def assert_close(a, b, tol=1e-12):
    if isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple)) and len(a) == len(b), (a, b)
        for x, y in zip(a, b):
            assert_close(x, y, tol)
        return
    if a is None or b is None:
        assert a is None and b is None, (a, b)
        return
    assert abs(a - b) <= tol * max(1.0, abs(b)), (a, b)


def last_lr(sched):
    # 1.13's ReduceLROnPlateau has no get_last_lr() (2.x does).
    if hasattr(sched, "get_last_lr"):
        return list(sched.get_last_lr())
    return [g["lr"] for g in sched.optimizer.param_groups]


def drive(make_sched, kind="sgd", steps=60, metrics=None, epochs=None, groups=2):
    """Runs the same schedule with wick and torch, comparing every step."""
    import torch
    results = []
    for m in (wick, torch):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            opt = make_opt(m, kind, groups)
            sched = make_sched(m, opt)
            trace = [(last_lr(sched), group_values(opt))]
            for i in range(steps):
                opt.step()
                if metrics is not None:
                    sched.step(metrics[i])
                elif epochs is not None:
                    sched.step(epochs[i])
                else:
                    sched.step()
                trace.append((last_lr(sched), group_values(opt)))
        results.append(trace)
    w, t = results
    # Same float operations in the same order: wick's values are torch's exactly.
    for a, b in zip(w, t):
        assert_close(a[0], b[0], tol=0.0)
        assert_close(a[1], b[1], tol=0.0)
    return w


S = wick.optim.lr_scheduler

CASES = {
    "lambda": lambda m, o: m.optim.lr_scheduler.LambdaLR(o, lambda e: 0.95 ** e),
    "lambda_list": lambda m, o: m.optim.lr_scheduler.LambdaLR(o, [lambda e: 0.9 ** e, lambda e: 1 / (e + 1)]),
    "multiplicative": lambda m, o: m.optim.lr_scheduler.MultiplicativeLR(o, lambda e: 0.97),
    "step": lambda m, o: m.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5),
    "step_default": lambda m, o: m.optim.lr_scheduler.StepLR(o, 3),
    "multistep": lambda m, o: m.optim.lr_scheduler.MultiStepLR(o, milestones=[5, 12, 12, 30], gamma=0.3),
    "constant": lambda m, o: m.optim.lr_scheduler.ConstantLR(o),
    "constant_opts": lambda m, o: m.optim.lr_scheduler.ConstantLR(o, factor=0.5, total_iters=10),
    "linear": lambda m, o: m.optim.lr_scheduler.LinearLR(o),
    "linear_opts": lambda m, o: m.optim.lr_scheduler.LinearLR(o, start_factor=1.0, end_factor=0.1,
                                                              total_iters=25),
    "exponential": lambda m, o: m.optim.lr_scheduler.ExponentialLR(o, gamma=0.93),
    "polynomial": lambda m, o: m.optim.lr_scheduler.PolynomialLR(o),
    "polynomial_opts": lambda m, o: m.optim.lr_scheduler.PolynomialLR(o, total_iters=40, power=2.0),
    "cosine": lambda m, o: m.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10),
    "cosine_eta": lambda m, o: m.optim.lr_scheduler.CosineAnnealingLR(o, T_max=13, eta_min=0.001),
    "warm_restarts": lambda m, o: m.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=5),
    "warm_restarts_mult": lambda m, o: m.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, 3, T_mult=2,
                                                                                      eta_min=0.002),
    "cyclic": lambda m, o: m.optim.lr_scheduler.CyclicLR(o, 0.01, 0.1, step_size_up=5),
    "cyclic_tri2": lambda m, o: m.optim.lr_scheduler.CyclicLR(o, [0.01, 0.001], [0.1, 0.2], step_size_up=4,
                                                              step_size_down=6, mode="triangular2"),
    "cyclic_exp": lambda m, o: m.optim.lr_scheduler.CyclicLR(o, 0.01, 0.1, step_size_up=3, mode="exp_range",
                                                             gamma=0.97, base_momentum=0.7,
                                                             max_momentum=[0.95, 0.9]),
    "cyclic_fn": lambda m, o: m.optim.lr_scheduler.CyclicLR(o, 0.01, 0.1, step_size_up=4,
                                                            scale_fn=lambda x: 0.5 ** x, scale_mode="iterations"),
    "cyclic_nomom": lambda m, o: m.optim.lr_scheduler.CyclicLR(o, 0.01, 0.1, 5, cycle_momentum=False),
    "onecycle": lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, max_lr=0.5, total_steps=61),
    "onecycle_linear": lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, [0.5, 0.3], epochs=6, steps_per_epoch=11,
                                                                    pct_start=0.4, anneal_strategy="linear",
                                                                    div_factor=10.0, final_div_factor=100.0),
    "onecycle_three": lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.4, total_steps=70, three_phase=True,
                                                                   base_momentum=0.8, max_momentum=0.9),
    "onecycle_nomom": lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.4, total_steps=70, cycle_momentum=False),
    "sequential": lambda m, o: m.optim.lr_scheduler.SequentialLR(
        o, [m.optim.lr_scheduler.LinearLR(o, 0.1, total_iters=5),
            m.optim.lr_scheduler.ExponentialLR(o, 0.9)], milestones=[5]),
    "sequential3": lambda m, o: m.optim.lr_scheduler.SequentialLR(
        o, [m.optim.lr_scheduler.ConstantLR(o, 0.5, total_iters=4),
            m.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10),
            m.optim.lr_scheduler.StepLR(o, 5, 0.5)], milestones=[4, 20]),
    "chained": lambda m, o: m.optim.lr_scheduler.ChainedScheduler(
        [m.optim.lr_scheduler.ConstantLR(o, 0.1, total_iters=4),
         m.optim.lr_scheduler.ExponentialLR(o, 0.9)]),
    "chained_cos": lambda m, o: m.optim.lr_scheduler.ChainedScheduler(
        [m.optim.lr_scheduler.LinearLR(o, 0.2, total_iters=8),
         m.optim.lr_scheduler.CosineAnnealingLR(o, T_max=15, eta_min=0.001)]),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("kind", ["sgd", "sgd_plain"])
def test_trajectory_sgd(name, kind):
    # SGD(momentum=0) still has 'momentum' in defaults: CyclicLR/OneCycleLR cycle it too.
    drive(CASES[name], kind, steps=60)


@pytest.mark.parametrize("name", [n for n in CASES if not n.startswith("cyclic")])
def test_trajectory_adam(name):
    # OneCycleLR cycles Adam's beta1 (both 1.13 and 2.x).
    drive(CASES[name], "adam", steps=60)


def test_trajectory_one_group_100_steps():
    drive(CASES["cosine"], "sgd", steps=100, groups=1)
    drive(CASES["onecycle"], "sgd", steps=61, groups=1)


def test_cyclic_adam_beta1():
    # PyTorch 2.x cycles Adam's beta1 (1.13 raised); compare with torch's SGD momentum.
    import torch
    w_opt = make_opt(wick, "adam")
    t_opt = make_opt(torch, "sgd")
    w = S.CyclicLR(w_opt, 0.01, [0.1, 0.2], step_size_up=4, mode="triangular2", base_momentum=0.8,
                   max_momentum=0.95)
    t = torch.optim.lr_scheduler.CyclicLR(t_opt, 0.01, [0.1, 0.2], step_size_up=4, mode="triangular2",
                                          base_momentum=0.8, max_momentum=0.95)
    for _ in range(40):
        w_opt.step()
        t_opt.step()
        w.step()
        t.step()
        assert_close(w.get_last_lr(), t.get_last_lr())
        for wg, tg in zip(w_opt.param_groups, t_opt.param_groups):
            assert_close(wg["betas"][0], tg["momentum"])
            assert wg["betas"][1] == 0.999


def test_warm_restarts_fractional_epochs():
    epochs = [i * 0.3 for i in range(1, 60)]
    drive(CASES["warm_restarts"], steps=len(epochs), epochs=epochs)
    drive(CASES["warm_restarts_mult"], steps=len(epochs), epochs=epochs)
    w = drive(CASES["warm_restarts_mult"], steps=4, epochs=[0.5, 20.0, 2.0, 7.5])
    assert len(w) == 5


@pytest.mark.parametrize("name", ["step", "multistep", "constant_opts", "linear_opts", "exponential",
                                  "polynomial_opts", "cosine_eta", "lambda", "cyclic"])
def test_epoch_argument_closed_form(name):
    epochs = [3, 7, 8, 20, 0, 15, 30, 12]
    drive(CASES[name], steps=len(epochs), epochs=epochs)


METRICS = [1.0, 0.9, 0.9, 0.91, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85, 0.85, 0.79, 0.7999, 0.7999, 0.7999,
           0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]


@pytest.mark.parametrize("kwargs", [
    {},
    {"patience": 2},
    {"patience": 1, "cooldown": 2, "factor": 0.5},
    {"mode": "max", "patience": 1},
    {"threshold_mode": "abs", "threshold": 0.05, "patience": 1},
    {"mode": "max", "threshold_mode": "abs", "patience": 0, "min_lr": [0.02, 0.03]},
    {"patience": 0, "min_lr": 0.009, "eps": 1e-3},
    {"patience": 0, "factor": 0.9, "eps": 0.01},
])
@pytest.mark.parametrize("kind", ["sgd", "adam"])
def test_reduce_lr_on_plateau(kwargs, kind):
    drive(lambda m, o: m.optim.lr_scheduler.ReduceLROnPlateau(o, **kwargs), kind, steps=len(METRICS),
          metrics=METRICS)


def test_reduce_lr_on_plateau_tensor_metric_and_state():
    opt = make_opt(wick)
    s = S.ReduceLROnPlateau(opt, patience=0)
    s.step(wick.tensor(1.0))
    s.step(wick.tensor(2.0))
    assert s.best == 1.0 and s.last_epoch == 2
    assert_close(s.get_last_lr(), [0.01, 0.005])
    sd = s.state_dict()
    assert "optimizer" not in sd
    s2 = S.ReduceLROnPlateau(make_opt(wick), mode="max")
    s2.load_state_dict(sd)
    assert s2.mode == "min" and s2.mode_worse == math.inf and s2.best == 1.0
    s2.optimizer.add_param_group({"params": [wick.zeros(1)]})
    s2.step(5.0)  # scalar min_lr is extended to the new group (2.x)
    assert len(s2.min_lrs) == 3


def test_reduce_lr_on_plateau_min_lrs_mismatch():
    opt = make_opt(wick)
    s = S.ReduceLROnPlateau(opt, patience=0, min_lr=[0.0, 0.0])
    opt.add_param_group({"params": [wick.zeros(1)]})
    s.step(1.0)
    with pytest.raises(RuntimeError, match=r"The number of param groups in the `optimizer` \(3\) differs"):
        s.step(2.0)


# ---- state_dict -------------------------------------------------------------

ROUND_TRIP = ["lambda", "multiplicative", "step", "multistep", "constant_opts", "linear_opts", "exponential",
              "polynomial_opts", "cosine_eta", "warm_restarts_mult", "cyclic_tri2", "cyclic_exp",
              "onecycle_three", "sequential3", "chained_cos"]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_state_dict_round_trip(name):
    make = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opt = make_opt(wick)
        sched = make(wick, opt)
        for _ in range(17):
            opt.step()
            sched.step()
        sd = sched.state_dict()
        assert "optimizer" not in sd
        sd = pickle.loads(pickle.dumps({k: v for k, v in sd.items()
                                        if not callable(v) and k != "lr_lambdas"})) | \
            {k: v for k, v in sd.items() if callable(v) or k == "lr_lambdas"}
        # PyTorch's order: build optimizer and scheduler, then load both states.
        opt2 = make_opt(wick)
        sched2 = make(wick, opt2)
        opt2.load_state_dict(opt.state_dict())
        sched2.load_state_dict(sd)
        assert sched2.get_last_lr() == sched.get_last_lr()
        for _ in range(20):
            opt.step()
            opt2.step()
            sched.step()
            sched2.step()
            assert sched2.get_last_lr() == sched.get_last_lr()
            assert group_values(opt2) == group_values(opt)


def test_state_dict_keys_like_torch():
    import torch
    for name in ["step", "cosine", "onecycle", "cyclic", "lambda", "sequential", "chained", "warm_restarts"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = CASES[name](wick, make_opt(wick)).state_dict()
            t = CASES[name](torch, make_opt(torch)).state_dict()
        # 2.x: no 'verbose' when not given, '_scale_fn_ref' gone, '_anneal_func_type' replaces 'anneal_func'.
        ignore = {"verbose", "_scale_fn_ref", "anneal_func", "_anneal_func_type", "_get_lr_called_within_step",
                  "use_beta1"}
        assert set(w) - ignore == set(t) - ignore, name


def test_state_dict_through_wick_save():
    import io
    opt = make_opt(wick)
    s = S.MultiStepLR(opt, [2, 4, 4])
    for _ in range(3):
        opt.step()
        s.step()
    buf = io.BytesIO()
    wick.save(s.state_dict(), buf)
    buf.seek(0)
    s2 = S.MultiStepLR(make_opt(wick), [1])
    s2.load_state_dict(wick.load(buf))
    assert s2.milestones == s.milestones and s2.last_epoch == 3
    with pytest.warns(UserWarning, match="The epoch parameter"):
        s2.step(5)
    assert_close(s2.get_last_lr(), [0.1 * 0.001, 0.05 * 0.001])


def test_lambda_state_dict_saves_callable_objects():
    class Fn:
        def __init__(self, f):
            self.f = f

        def __call__(self, e):
            return self.f ** e

    opt = make_opt(wick)
    s = S.LambdaLR(opt, [Fn(0.5), lambda e: 1.0])
    sd = s.state_dict()
    assert sd["lr_lambdas"] == [{"f": 0.5}, None]
    s2 = S.LambdaLR(make_opt(wick), [Fn(0.9), lambda e: 1.0])
    s2.load_state_dict(sd)
    assert s2.lr_lambdas[0].f == 0.5


def test_cyclic_state_dict_drops_function_scale_fn():
    s = CASES["cyclic_fn"](wick, make_opt(wick))
    sd = s.state_dict()
    assert sd["_scale_fn_custom"] is None
    pickle.dumps(sd)


# ---- base protocol ----------------------------------------------------------

def test_initial_lr_and_base_lrs():
    opt = make_opt(wick)
    s = S.StepLR(opt, 2)
    assert [g["initial_lr"] for g in opt.param_groups] == [0.1, 0.05]
    assert s.base_lrs == [0.1, 0.05] and s.last_epoch == 0 and s._step_count == 1
    assert isinstance(s, S._LRScheduler) and S._LRScheduler is S.LRScheduler
    with pytest.raises(KeyError, match=r"param 'initial_lr' is not specified in param_groups\[0\] "
                                       "when resuming an optimizer"):
        S.StepLR(make_opt(wick), 2, last_epoch=3)
    s2 = S.StepLR(opt, 2, last_epoch=3)  # resuming: initial_lr is there now
    assert s2.last_epoch == 4


def test_resume_matches_torch():
    drive(lambda m, o: (m.optim.lr_scheduler.ExponentialLR(o, 0.5),
                        m.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, last_epoch=4))[1], steps=30)


def test_not_an_optimizer():
    for ctor in [lambda: S.StepLR(object(), 2), lambda: S.ReduceLROnPlateau(object()),
                 lambda: S.OneCycleLR(object(), 0.1, 10), lambda: S.CyclicLR(object(), 0.1, 1.0)]:
        with pytest.raises(TypeError, match="object is not an Optimizer"):
            ctor()


def test_step_order_warning():
    opt = make_opt(wick)
    s = S.StepLR(opt, 2)
    with pytest.warns(UserWarning, match=r"Detected call of `lr_scheduler.step\(\)` before `optimizer.step\(\)`"):
        s.step()
    opt = make_opt(wick)
    s = S.StepLR(opt, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opt.step()
        s.step()
        s.step()
    opt = make_opt(wick)
    s = S.StepLR(opt, 2)
    opt.step = lambda: None
    with pytest.warns(UserWarning, match=r"Seems like `optimizer.step\(\)` has been overridden"):
        s.step()


def test_step_is_wrapped_once_and_optimizer_still_pickles():
    opt = make_opt(wick)
    S.StepLR(opt, 2)
    first = opt.step
    S.ExponentialLR(opt, 0.9)
    assert opt.step is first and first._wrapped_by_lr_sched
    opt.step()
    assert opt._opt_called
    pickle.dumps(opt.state_dict())


def test_get_lr_warning_and_epoch_deprecation():
    opt = make_opt(wick)
    s = S.StepLR(opt, 2)
    with pytest.warns(UserWarning, match=r"To get the last learning rate computed by the scheduler, "
                                         r"please use `get_last_lr\(\)`."):
        s.get_lr()
    opt.step()
    with pytest.warns(UserWarning, match="The epoch parameter in `scheduler.step\\(\\)` was not necessary"):
        s.step(4)
    assert_close(s.get_last_lr(), [0.001, 0.0005])
    with pytest.warns(UserWarning, match="The epoch parameter"):
        S.ReduceLROnPlateau(opt).step(1.0, 3)


def test_verbose_deprecated():
    with pytest.warns(UserWarning, match="The verbose parameter is deprecated"):
        S.StepLR(make_opt(wick), 2, verbose=False)


def test_tensor_lr_is_filled_in_place():
    p = wick.zeros(2, requires_grad=True)
    opt = wick.optim.SGD([p], lr=0.1)
    lr = wick.tensor(0.1, dtype=wick.float64)
    opt.param_groups[0]["lr"] = lr
    s = S.ExponentialLR(opt, 0.5)
    opt.step()
    s.step()
    assert opt.param_groups[0]["lr"] is lr and abs(lr.item() - 0.05) < 1e-15
    assert isinstance(opt.param_groups[0]["initial_lr"], wick.Tensor)
    assert opt.param_groups[0]["initial_lr"] is not lr


# ---- errors -----------------------------------------------------------------

def torch_error(make, kind="sgd"):
    import torch
    with pytest.raises(Exception) as t:
        make(torch, make_opt(torch, kind))
    with pytest.raises(type(t.value)) as w:
        make(wick, make_opt(wick, kind))
    assert str(w.value) == str(t.value)


@pytest.mark.parametrize("make", [
    lambda m, o: m.optim.lr_scheduler.LambdaLR(o, [lambda e: 1.0]),
    lambda m, o: m.optim.lr_scheduler.MultiplicativeLR(o, [lambda e: 1.0] * 3),
    lambda m, o: m.optim.lr_scheduler.ConstantLR(o, factor=1.5),
    lambda m, o: m.optim.lr_scheduler.ConstantLR(o, factor=-0.1),
    lambda m, o: m.optim.lr_scheduler.LinearLR(o, end_factor=1.5),
    lambda m, o: m.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=0),
    lambda m, o: m.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=2.0),
    lambda m, o: m.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=0),
    lambda m, o: m.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=1.5),
    lambda m, o: m.optim.lr_scheduler.CyclicLR(o, 0.1, 1.0, mode="bogus"),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1, total_steps=0),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1, total_steps=5.0),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1, epochs=0, steps_per_epoch=3),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1, epochs=2, steps_per_epoch=-1),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1, 10, pct_start=1.5),
    lambda m, o: m.optim.lr_scheduler.OneCycleLR(o, 0.1, 10, pct_start=1),
    lambda m, o: m.optim.lr_scheduler.ReduceLROnPlateau(o, factor=1.0),
    lambda m, o: m.optim.lr_scheduler.ReduceLROnPlateau(o, mode="avg"),
    lambda m, o: m.optim.lr_scheduler.ReduceLROnPlateau(o, threshold_mode="pct"),
    lambda m, o: m.optim.lr_scheduler.ReduceLROnPlateau(o, min_lr=[0.1]),
    lambda m, o: m.optim.lr_scheduler.SequentialLR(o, [m.optim.lr_scheduler.StepLR(o, 2)], milestones=[3]),
])
def test_errors_like_torch(make):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch_error(make)


def test_errors_2x_messages():
    opt = make_opt(wick, "sgd")
    # 2.x message (1.13: "expected 2 values for max_lr, got 3").
    with pytest.raises(ValueError, match="max_lr must have the same length as optimizer.param_groups. "
                                         "max_lr has 3 values, param_groups has 2."):
        S.OneCycleLR(opt, [0.1, 0.2, 0.3], 10)
    with pytest.raises(ValueError, match="optimizer must support momentum or beta1 with `cycle_momentum` "
                                         "option enabled"):
        p = wick.zeros(2, requires_grad=True)
        S.CyclicLR(wick.optim.Adagrad([p]), 0.1, 1.0)
    # 2.x wording (1.13: "... between 0 and 1." and "must by one of").
    for sf in (0, 1.2):
        with pytest.raises(ValueError, match="^Starting multiplicative factor expected to be greater than 0 "
                                             "and less or equal to 1.$"):
            S.LinearLR(opt, start_factor=sf)
    with pytest.raises(ValueError, match="^anneal_strategy must be one of 'cos' or 'linear', instead got exp$"):
        S.OneCycleLR(opt, 0.1, 10, anneal_strategy="exp")
    # 2.x rejects ReduceLROnPlateau inside SequentialLR / ChainedScheduler (1.13 accepted it).
    for cls in (lambda ss: S.SequentialLR(opt, ss, [3]), S.ChainedScheduler):
        with pytest.raises(ValueError, match=r"does not support `ReduceLROnPlateau` scheduler as it requires "
                                             r"additional kwargs to be specified when calling `step`, but got "
                                             r"one at index 1 in the given schedulers sequence.$"):
            cls([S.StepLR(opt, 2), S.ReduceLROnPlateau(opt)])
    with pytest.raises(ValueError, match="SequentialLR expects at least one scheduler, but got no scheduler."):
        S.SequentialLR(opt, [], [])
    with pytest.raises(ValueError, match="ChainedScheduler expects at least one scheduler to be chained"):
        S.ChainedScheduler([])
    with pytest.raises(ValueError, match="Expected float or int eta_min, but got None"):
        S.CosineAnnealingWarmRestarts(opt, 2, eta_min=None)
    s = S.CosineAnnealingWarmRestarts(opt, 2)
    with pytest.raises(ValueError, match="Expected non-negative epoch, but got -1"):
        s.step(-1)
    other = S.StepLR(make_opt(wick), 2)
    with pytest.raises(ValueError, match="SequentialLR expects all schedulers to belong to the same optimizer"):
        S.SequentialLR(opt, [S.StepLR(opt, 2), other], [2])
    with pytest.raises(TypeError, match="SequentialLR at index 0 should have `optimizer` as its attribute."):
        S.SequentialLR(opt, [object()], [])


def test_onecycle_too_many_steps():
    opt = make_opt(wick)
    s = S.OneCycleLR(opt, 0.1, total_steps=5)
    for _ in range(5):
        opt.step()
        s.step()
    opt.step()
    # 2.x counts last_epoch (1.13 printed one more).
    with pytest.raises(ValueError, match="^Tried to step 6 times. The specified number of total steps is 5$"):
        s.step()


def test_verbose_prints():
    import contextlib
    import io
    buf = io.StringIO()
    opt = make_opt(wick, groups=1)
    with warnings.catch_warnings(), contextlib.redirect_stdout(buf):
        warnings.simplefilter("ignore")
        s = S.StepLR(opt, 1, gamma=0.5, verbose=True)
        opt.step()
        s.step()
        s.step(3)
        r = S.ReduceLROnPlateau(opt, patience=0, verbose=True)
        r.step(1.0)
        r.step(2.0)
    assert buf.getvalue() == ("Adjusting learning rate of group 0 to 1.0000e-01.\n"
                              "Adjusting learning rate of group 0 to 5.0000e-02.\n"
                              "Epoch 00003: adjusting learning rate of group 0 to 1.2500e-02.\n"
                              "Epoch 00002: reducing learning rate of group 0 to 1.2500e-03.\n")


def test_user_subclass_like_torch():
    def make(m, o):
        # 2.x's public name is LRScheduler; 1.13 only has _LRScheduler.
        class Halve(m.optim.lr_scheduler._LRScheduler):
            def get_lr(self):
                return [lr * 0.5 ** (self.last_epoch // 3) for lr in self.base_lrs]
        return Halve(o)

    drive(make, steps=30)


def test_optimizer_copies_after_scheduler():
    import copy
    opt = make_opt(wick)
    S.StepLR(opt, 2)
    opt2 = copy.deepcopy(opt)
    assert "step" not in opt2.__dict__ and opt2.param_groups[0]["initial_lr"] == 0.1
    pickle.loads(pickle.dumps(opt))


def test_get_last_lr_is_a_new_list():
    opt = make_opt(wick)
    s = S.ExponentialLR(opt, 0.5)
    before = s.get_last_lr()
    opt.step()
    s.step()
    assert before == [0.1, 0.05] and s.get_last_lr() == [0.05, 0.025]


def test_exports():
    for name in S.__all__:
        assert hasattr(S, name)
    assert wick.optim.lr_scheduler is S


# ---- swa_utils ----------------------------------------------------------------


def build(m, seed_values):
    net = m.nn.Sequential(m.nn.Linear(3, 4), m.nn.BatchNorm1d(4), m.nn.Linear(4, 2))
    with m.no_grad():
        for p, v in zip(net.parameters(), seed_values):
            p.copy_(m.from_numpy(v.copy()))
    return net


def values(seed=0):
    rng = np.random.default_rng(seed)
    shapes = [(4, 3), (4,), (4,), (4,), (2, 4), (2,)]
    return [rng.standard_normal(s).astype(np.float32) for s in shapes]


def state(net):
    return [t.detach().numpy().copy() for t in list(net.parameters()) + list(net.buffers())]


def run_average(m, make_avg, steps=8):
    net = build(m, values(0))
    avg = make_avg(m, net)
    rng = np.random.default_rng(1)
    for i in range(steps):
        with m.no_grad():
            for p in net.parameters():
                p.add_(m.from_numpy(rng.standard_normal(tuple(p.shape)).astype(np.float32)))
        net.train()
        net(m.from_numpy(rng.standard_normal((5, 3)).astype(np.float32)))  # moves BN stats
        avg.update_parameters(net)
    avg.source = net
    return avg


@pytest.mark.parametrize("name", ["swa", "ema", "use_buffers", "ema_buffers"])
def test_averaged_model_like_torch(name):
    import torch

    def make(m, net):
        su = m.optim.swa_utils
        if name == "swa":
            return su.AveragedModel(net)
        if name == "ema":
            return su.AveragedModel(net, avg_fn=lambda a, c, n: 0.9 * a + 0.1 * c)
        if name == "use_buffers":
            return su.AveragedModel(net, use_buffers=True)
        return su.AveragedModel(net, avg_fn=lambda a, c, n: 0.8 * a + 0.2 * c, use_buffers=True)

    w = run_average(wick, make)
    t = run_average(torch, make)
    assert int(w.n_averaged.item()) == int(t.n_averaged.item()) == 8
    assert w.n_averaged.dtype == wick.int64
    if name in ("swa", "ema"):
        # 2.x copies the source model's buffers when they are not averaged (1.13 left them).
        for a, b in zip(w.module.buffers(), w.source.buffers()):
            np.testing.assert_array_equal(a.numpy(), b.numpy())
        for a, b in zip(w.parameters(), t.parameters()):
            np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-6, atol=1e-6)
        with torch.no_grad():
            for a, b in zip(t.module.buffers(), t.source.buffers()):
                a.copy_(b)
    for a, b in zip(state(w), state(t)):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)
    x = np.random.default_rng(3).standard_normal((2, 3)).astype(np.float32)
    w.eval()
    t.eval()
    np.testing.assert_allclose(w(wick.from_numpy(x)).detach().numpy(), t(torch.from_numpy(x)).detach().numpy(),
                               rtol=1e-5, atol=1e-6)


def test_multi_avg_fns_match_single():
    su = wick.optim.swa_utils
    net = build(wick, values(0))
    a = run_average(wick, lambda m, n: su.AveragedModel(n, multi_avg_fn=su.get_swa_multi_avg_fn()))
    b = run_average(wick, lambda m, n: su.AveragedModel(n, avg_fn=su.get_swa_avg_fn()))
    for x, y in zip(state(a), state(b)):
        np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-6)
    a = run_average(wick, lambda m, n: su.AveragedModel(n, multi_avg_fn=su.get_ema_multi_avg_fn(0.9)))
    b = run_average(wick, lambda m, n: su.AveragedModel(n, avg_fn=su.get_ema_avg_fn(0.9)))
    for x, y in zip(state(a), state(b)):
        np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-6)
    with pytest.raises(AssertionError, match="Only one of avg_fn and multi_avg_fn should be provided"):
        su.AveragedModel(net, avg_fn=su.get_swa_avg_fn(), multi_avg_fn=su.get_swa_multi_avg_fn())


def test_update_bn_like_torch():
    import torch
    out = []
    for m in (wick, torch):
        net = build(m, values(0))
        net.eval()
        rng = np.random.default_rng(5)
        loader = [(m.from_numpy(rng.standard_normal((4, 3)).astype(np.float32)), 0) for _ in range(3)]
        loader.append(m.from_numpy(rng.standard_normal((6, 3)).astype(np.float32)))
        m.optim.swa_utils.update_bn(loader, net)
        assert not net.training and net[1].momentum == 0.1
        out.append(state(net))
    for a, b in zip(*out):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    wick.optim.swa_utils.update_bn([], wick.nn.Linear(2, 2))  # no BatchNorm: nothing to do


def make_swa_opt(m):
    ps = [m.zeros(2, requires_grad=True) for _ in range(2)]
    return m.optim.SGD([{"params": [ps[0]], "lr": 0.5}, {"params": [ps[1]], "lr": 0.1}], lr=0.1, momentum=0.9)


@pytest.mark.parametrize("kwargs", [{"swa_lr": 0.05}, {"swa_lr": [0.01, 0.2], "anneal_epochs": 4},
                                    {"swa_lr": 0.05, "anneal_strategy": "linear", "anneal_epochs": 7},
                                    {"swa_lr": 0.05, "anneal_epochs": 0}])
def test_swalr_like_torch(kwargs):
    import torch
    traces = []
    for m in (wick, torch):
        opt = make_swa_opt(m)
        s = m.optim.swa_utils.SWALR(opt, **kwargs)
        trace = [list(s.get_last_lr())]
        for _ in range(30):
            opt.step()
            s.step()
            trace.append(list(s.get_last_lr()))
        traces.append(trace)
    for a, b in zip(*traces):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert abs(x - y) <= 1e-12, (a, b)


def test_swalr_after_cosine_like_torch():
    import torch
    traces = []
    for m in (wick, torch):
        opt = make_swa_opt(m)
        cos = m.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
        for _ in range(5):
            opt.step()
            cos.step()
        s = m.optim.swa_utils.SWALR(opt, swa_lr=0.02, anneal_epochs=3)
        tr = []
        for _ in range(10):
            opt.step()
            s.step()
            tr.append(list(s.get_last_lr()))
        traces.append(tr)
    np.testing.assert_allclose(np.array(traces[0]), np.array(traces[1]), rtol=1e-12, atol=0)


@pytest.mark.parametrize("kwargs", [{"swa_lr": [0.1]}, {"swa_lr": 0.1, "anneal_strategy": "exp"},
                                    {"swa_lr": 0.1, "anneal_epochs": -1}, {"swa_lr": 0.1, "anneal_epochs": 2.0}])
def test_swalr_errors_like_torch(kwargs):
    import torch
    with pytest.raises(ValueError) as t:
        torch.optim.swa_utils.SWALR(make_swa_opt(torch), **kwargs)
    with pytest.raises(ValueError) as w:
        wick.optim.swa_utils.SWALR(make_swa_opt(wick), **kwargs)
    assert str(w.value) == str(t.value)

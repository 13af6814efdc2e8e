"""wick.optim against torch.optim: trajectories over 100 steps on fixed
gradients for every option combination, closures, zero_grad, param groups,
state_dict round trips and exchange with torch, hooks, repr and errors.

PyTorch 1.13 is the reference here; where 2.x differs (Adam's lerp_ for
exp_avg, SGD keeping no state when momentum == 0, lr defaults, the 'fused'
key) the tests follow 2.x and say so."""
import copy
import itertools
import warnings

import numpy as np
import pytest

import wick
from conftest import needs_torch

pytestmark = needs_torch

STEPS = 100


def to_torch(t):
    import torch
    return torch.from_numpy(t.detach().numpy().copy())


def to_wick(t):
    return wick.from_numpy(t.detach().numpy().copy())


def convert_state_dict(sd, conv):
    state = {k: {n: conv(v) if hasattr(v, "numpy") else v for n, v in s.items()}
             for k, s in sd["state"].items()}
    return {"state": state, "param_groups": [dict(g) for g in sd["param_groups"]]}


def make_params(m, dtype_name="float32"):
    """Three parameters: a small one, a non-contiguous (transposed) one and one
    big enough to be split over threads."""
    dtype = getattr(m, dtype_name)
    rng = np.random.RandomState(0)
    a = rng.randn(3, 4)
    b = rng.randn(5, 3)
    c = rng.randn(40000)
    ps = [m.nn.Parameter(m.from_numpy(a).to(dtype)),
          m.nn.Parameter(m.from_numpy(b).to(dtype).t()),
          m.nn.Parameter(m.from_numpy(c).to(dtype))]
    grads = [m.from_numpy(rng.randn(*p.shape)).to(dtype) for p in ps]
    return ps, grads


def run_steps(m, opt, ps, grads, steps=STEPS, start=0):
    for i in range(start, start + steps):
        for p, g in zip(ps, grads):
            # fixed gradients, varied per step so the state matters
            p.grad = g * (1.0 + (i % 3)) - 0.25 * (i % 2)
        opt.step()


def assert_close(w, t, rtol=2e-5, atol=2e-6):
    wn = w.detach().numpy()
    tn = t.detach().numpy()
    assert wn.shape == tn.shape
    np.testing.assert_allclose(wn, tn, rtol=rtol, atol=atol)


def trajectory(name, kwargs, dtype="float32", steps=STEPS):
    import torch
    out = []
    for m in (wick, torch):
        ps, grads = make_params(m, dtype)
        opt = getattr(m.optim, name)(ps, **kwargs)
        run_steps(m, opt, ps, grads, steps)
        out.append((ps, opt))
    return out[0], out[1]


def check_state_match(wopt, wps, topt, tps, tol):
    for wp, tp in zip(wps, tps):
        ws, ts = wopt.state[wp], topt.state[tp]
        assert sorted(ws) == sorted(ts)
        for k in ts:
            if ts[k] is None:
                assert ws[k] is None
            else:
                assert str(ws[k].dtype) == str(ts[k].dtype).replace("torch.", "wick.")
                assert_close(ws[k], ts[k], *tol)


SGD_CASES = [
    dict(momentum=mo, dampening=da, nesterov=ne, weight_decay=wd, maximize=mx)
    for mo, da, ne, wd, mx in itertools.product([0.0, 0.9], [0.0, 0.3], [False, True],
                                                [0.0, 0.05], [False, True])
    if not (ne and (mo == 0 or da != 0))
]


@pytest.mark.parametrize("kw", SGD_CASES, ids=lambda kw: "-".join(f"{k}={v}" for k, v in kw.items()))
def test_sgd_trajectory(kw):
    (wps, wopt), (tps, topt) = trajectory("SGD", dict(lr=0.01, **kw))
    for wp, tp in zip(wps, tps):
        assert_close(wp, tp)
    if kw["momentum"] != 0:
        check_state_match(wopt, wps, topt, tps, (2e-5, 2e-6))
    else:
        # PyTorch 2.x keeps no state without momentum (1.13 stores None)
        assert all(len(wopt.state[p]) == 0 for p in wps)


ADAM_CASES = [dict(amsgrad=a, maximize=mx, weight_decay=wd)
              for a, mx, wd in itertools.product([False, True], [False, True], [0.0, 0.1])]


@pytest.mark.parametrize("name", ["Adam", "AdamW"])
@pytest.mark.parametrize("kw", ADAM_CASES, ids=lambda kw: "-".join(f"{k}={v}" for k, v in kw.items()))
def test_adam_trajectory(name, kw):
    (wps, wopt), (tps, topt) = trajectory(name, dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, **kw))
    for wp, tp in zip(wps, tps):
        assert_close(wp, tp)
    check_state_match(wopt, wps, topt, tps, (2e-5, 1e-7))
    for p in wps:
        assert wopt.state[p]["step"].dtype == wick.float32
        assert wopt.state[p]["step"].item() == STEPS
        assert ("max_exp_avg_sq" in wopt.state[p]) == kw["amsgrad"]


@pytest.mark.parametrize("name,kw", [
    ("SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("Adam", dict(lr=0.01, amsgrad=True, weight_decay=0.01)),
    ("AdamW", dict(lr=0.01, maximize=True)),
])
def test_float64_trajectory(name, kw):
    (wps, _), (tps, _) = trajectory(name, kw, dtype="float64")
    for wp, tp in zip(wps, tps):
        assert wp.dtype == wick.float64
        assert_close(wp, tp, rtol=1e-12, atol=1e-13)


def test_default_hyperparameters_match_torch_2x():
    # PyTorch 2.x: SGD's lr defaults to 1e-3 (1.13 requires it)
    p = wick.nn.Parameter(wick.ones(2))
    assert wick.optim.SGD([p]).defaults == dict(
        lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False,
        foreach=None, differentiable=False, fused=None)
    for cls, wd in ((wick.optim.Adam, 0), (wick.optim.AdamW, 1e-2)):
        assert cls([p]).defaults == dict(
            lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=wd, amsgrad=False,
            maximize=False, foreach=None, capturable=False, differentiable=False, fused=None)


def test_training_loop_matches_torch():
    import torch
    out = []
    for m in (wick, torch):
        m.manual_seed(0)
        rng = np.random.RandomState(1)
        model = m.nn.Sequential(m.nn.Linear(4, 8), m.nn.Tanh(), m.nn.Linear(8, 2))
        with m.no_grad():
            for p in model.parameters():
                p.copy_(m.from_numpy(rng.randn(*p.shape).astype(np.float32)))
        x = m.from_numpy(rng.randn(16, 4).astype(np.float32))
        y = m.from_numpy(rng.randn(16, 2).astype(np.float32))
        opt = m.optim.AdamW(model.parameters(), lr=0.01)
        losses = []
        for _ in range(30):
            opt.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        out.append((losses, list(model.parameters())))
    np.testing.assert_allclose(out[0][0], out[1][0], rtol=1e-4)
    assert out[0][0][-1] < out[0][0][0]
    for wp, tp in zip(out[0][1], out[1][1]):
        assert_close(wp, tp, rtol=1e-4, atol=1e-5)


# ---- closure, zero_grad ---------------------------------------------------------

@pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW"])
def test_closure(name):
    import torch
    results = []
    for m in (wick, torch):
        w = m.nn.Parameter(m.tensor([1.0, -2.0, 3.0]))
        opt = getattr(m.optim, name)([w], lr=0.1)
        seen = []

        def closure():
            seen.append(m.is_grad_enabled())
            opt.zero_grad()
            loss = (w * w).sum()
            loss.backward()
            return loss

        losses = [opt.step(closure).item() for _ in range(5)]
        assert seen == [True] * 5
        assert opt.step() is None
        results.append((losses, w.detach().numpy().copy()))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-6)


def test_step_runs_without_grad_and_bumps_version():
    w = wick.nn.Parameter(wick.ones(3))
    opt = wick.optim.SGD([w], lr=0.1)
    w.grad = wick.ones(3)
    v = w._version
    with wick.enable_grad():
        opt.step()
    assert w._version > v
    assert w.requires_grad and w.grad_fn is None and w.is_leaf


def test_zero_grad():
    w = wick.nn.Parameter(wick.ones(3))
    u = wick.nn.Parameter(wick.ones(2))  # never gets a grad
    opt = wick.optim.SGD([w, u], lr=0.1)
    (w * 2).sum().backward()
    opt.zero_grad()  # set_to_none=True is the 2.x default
    assert w.grad is None and u.grad is None
    (w * 2).sum().backward()
    g = w.grad
    opt.zero_grad(set_to_none=False)
    assert w.grad is g
    assert w.grad.tolist() == [0.0, 0.0, 0.0]
    assert not w.grad.requires_grad
    # a grad with history is detached first
    w.grad = (wick.ones(3, requires_grad=True) * 3)
    opt.zero_grad(False)
    assert w.grad.grad_fn is None and w.grad.tolist() == [0.0, 0.0, 0.0]


def test_params_without_grad_are_skipped():
    a = wick.nn.Parameter(wick.ones(2))
    b = wick.nn.Parameter(wick.ones(2))
    opt = wick.optim.Adam([a, b], lr=0.1)
    a.grad = wick.ones(2)
    opt.step()
    assert b.tolist() == [1.0, 1.0]
    assert len(opt.state[b]) == 0 and opt.state[a]["step"].item() == 1


# ---- param groups -------------------------------------------------------------

@pytest.mark.parametrize("name", ["SGD", "Adam"])
def test_param_groups_with_different_options(name):
    import torch
    out = []
    for m in (wick, torch):
        ps, grads = make_params(m)
        if name == "SGD":
            groups = [{"params": ps[:1]},
                      {"params": ps[1:], "lr": 0.02, "momentum": 0.5, "nesterov": True}]
            opt = m.optim.SGD(groups, lr=0.01, momentum=0.9)
        else:
            groups = [{"params": [ps[0], ps[2]], "amsgrad": True}, {"params": ps[1], "lr": 0.05}]
            opt = m.optim.Adam(groups, lr=0.01, weight_decay=0.1)
        # groups can be changed between steps, as schedulers do
        run_steps(m, opt, ps, grads, 10)
        opt.param_groups[0]["lr"] = 0.003
        run_steps(m, opt, ps, grads, 10, start=10)
        out.append((ps, opt))
    (wps, wopt), (tps, topt) = out
    for wp, tp in zip(wps, tps):
        assert_close(wp, tp)
    assert len(wopt.param_groups) == 2
    for wg, tg in zip(wopt.param_groups, topt.param_groups):
        assert {k: v for k, v in wg.items() if k not in ("params", "fused")} == \
            {k: v for k, v in tg.items() if k not in ("params", "fused")}


def test_add_param_group():
    a = wick.nn.Parameter(wick.ones(2))
    b = wick.nn.Parameter(wick.ones(3))
    opt = wick.optim.SGD([a], lr=0.1, momentum=0.9)
    opt.add_param_group({"params": b, "lr": 0.5})
    assert opt.param_groups[1]["params"] == [b]
    assert opt.param_groups[1]["lr"] == 0.5 and opt.param_groups[1]["momentum"] == 0.9
    b.grad = wick.ones(3)
    opt.step()
    assert b.tolist() == [0.5, 0.5, 0.5]


# ---- state_dict ---------------------------------------------------------------

@pytest.mark.parametrize("name,kw", [("SGD", dict(lr=0.05, momentum=0.9)),
                                     ("Adam", dict(lr=0.01, amsgrad=True)),
                                     ("AdamW", dict(lr=0.01))])
def test_state_dict_round_trip(name, kw):
    ps, grads = make_params(wick)
    opt = getattr(wick.optim, name)(ps, **kw)
    run_steps(wick, opt, ps, grads, 5)
    sd = opt.state_dict()
    assert sorted(sd) == ["param_groups", "state"]
    assert sorted(sd["state"]) == [0, 1, 2]
    assert sd["param_groups"][0]["params"] == [0, 1, 2]
    # the state_dict shares the optimizer's tensors, as PyTorch's does
    assert next(iter(sd["state"][1].values())) is next(iter(opt.state[ps[1]].values()))
    # a copy of the run: the same params and a fresh optimizer loading the state
    ps2 = [wick.nn.Parameter(p.detach().clone()) for p in ps]
    opt2 = getattr(wick.optim, name)(ps2, lr=123.0)
    # PyTorch 2.x's load_state_dict copies shallowly (tensors of the right dtype
    # are shared), so load a deep copy, as a checkpoint read back from disk is
    opt2.load_state_dict(copy.deepcopy(sd))
    assert opt2.param_groups[0]["lr"] == kw["lr"]
    assert opt2.param_groups[0]["params"] == ps2
    run_steps(wick, opt, ps, grads, 5, start=5)
    run_steps(wick, opt2, ps2, grads, 5, start=5)
    for a, b in zip(ps, ps2):
        assert a.tolist() == b.tolist()


def test_state_dict_structure_matches_torch():
    import torch
    out = []
    for m in (wick, torch):
        ps, grads = make_params(m)
        opt = m.optim.Adam([{"params": ps[:2]}, {"params": ps[2:], "lr": 0.1}], lr=0.01)
        run_steps(m, opt, ps, grads, 3)
        out.append(opt.state_dict())
    wsd, tsd = out
    assert sorted(wsd["state"]) == sorted(tsd["state"])
    for k in tsd["state"]:
        assert list(wsd["state"][k]) == list(tsd["state"][k])
        assert wsd["state"][k]["step"].dim() == 0
    for wg, tg in zip(wsd["param_groups"], tsd["param_groups"]):
        assert list(wg) == list(tg)
        assert wg["params"] == tg["params"]


@pytest.mark.parametrize("name,kw", [
    ("SGD", dict(lr=0.05, momentum=0.9, dampening=0.1)),
    ("Adam", dict(lr=0.01, amsgrad=True, weight_decay=0.1)),
    ("AdamW", dict(lr=0.01, maximize=True)),
])
def test_state_dict_exchange_with_torch(name, kw):
    import torch
    # torch -> wick
    tps, tgrads = make_params(torch)
    topt = getattr(torch.optim, name)(tps, **kw)
    run_steps(torch, topt, tps, tgrads, 10)
    wps = [wick.nn.Parameter(to_wick(p)) for p in tps]
    wgrads = [to_wick(g) for g in tgrads]
    wopt = getattr(wick.optim, name)(wps, lr=1.0)
    wopt.load_state_dict(convert_state_dict(topt.state_dict(), to_wick))
    assert wopt.param_groups[0]["lr"] == kw["lr"]
    run_steps(torch, topt, tps, tgrads, 10, start=10)
    run_steps(wick, wopt, wps, wgrads, 10, start=10)
    for wp, tp in zip(wps, tps):
        assert_close(wp, tp)
    check_state_match(wopt, wps, topt, tps, (2e-5, 1e-7))
    # wick -> torch
    tps2 = [torch.nn.Parameter(to_torch(p)) for p in wps]
    topt2 = getattr(torch.optim, name)(tps2, lr=1.0)
    topt2.load_state_dict(convert_state_dict(wopt.state_dict(), to_torch))
    run_steps(torch, topt2, tps2, tgrads, 10, start=20)
    run_steps(wick, wopt, wps, wgrads, 10, start=20)
    for wp, tp in zip(wps, tps2):
        assert_close(wp, tp)


def test_load_state_dict_casts_to_param_dtype():
    ps, grads = make_params(wick, "float64")
    opt = wick.optim.Adam(ps, lr=0.01)
    run_steps(wick, opt, ps, grads, 2)
    sd = opt.state_dict()
    ps32 = [wick.nn.Parameter(p.detach().float()) for p in ps]
    opt32 = wick.optim.Adam(ps32)
    opt32.load_state_dict(sd)
    for p in ps32:
        s = opt32.state[p]
        assert s["exp_avg"].dtype == wick.float32 and s["exp_avg_sq"].dtype == wick.float32
        assert s["step"].dtype == wick.float32 and s["step"].item() == 2  # 'step' kept as is
    run_steps(wick, opt32, ps32, [g.float() for g in grads], 2)


def test_load_state_dict_converts_int_step():
    ps, grads = make_params(wick)
    opt = wick.optim.Adam(ps, lr=0.01)
    run_steps(wick, opt, ps, grads, 2)
    sd = opt.state_dict()
    for s in sd["state"].values():
        s["step"] = 2  # an old checkpoint's int step
    opt2 = wick.optim.Adam([wick.nn.Parameter(p.detach().clone()) for p in ps])
    opt2.load_state_dict(sd)
    for s in opt2.state.values():
        assert isinstance(s["step"], wick.Tensor) and s["step"].dtype == wick.float32
        assert s["step"].item() == 2


def test_step_dtype_follows_float64_default():
    prev = wick.get_default_dtype()
    wick.set_default_dtype(wick.float64)
    try:
        w = wick.nn.Parameter(wick.ones(2))
        opt = wick.optim.Adam([w])
        w.grad = wick.ones(2)
        opt.step()
        assert opt.state[w]["step"].dtype == wick.float64
        assert opt.state[w]["step"].item() == 1
    finally:
        wick.set_default_dtype(prev)


def test_load_state_dict_errors():
    import torch
    for m in (wick, torch):
        a, b = m.nn.Parameter(m.ones(2)), m.nn.Parameter(m.ones(2))
        sd = m.optim.SGD([a, b], lr=0.1).state_dict()
        with pytest.raises(ValueError, match="^loaded state dict has a different number of "
                                             "parameter groups$"):
            m.optim.SGD([{"params": [a]}, {"params": [b]}], lr=0.1).load_state_dict(sd)
        with pytest.raises(ValueError, match="^loaded state dict contains a parameter group that "
                                             "doesn't match the size of optimizer's group$"):
            m.optim.SGD([a], lr=0.1).load_state_dict(sd)


# ---- repr, hooks, pickling ---------------------------------------------------

def test_repr():
    import torch
    wp = wick.nn.Parameter(wick.ones(2))
    tp = torch.nn.Parameter(torch.ones(2))
    w = wick.optim.Adam([{"params": [wp]}], lr=0.1, amsgrad=True)
    t = torch.optim.Adam([{"params": [tp]}], lr=0.1, amsgrad=True)
    # 1.13 prints fused: False; 2.x's default is None
    assert repr(w) == repr(t).replace("fused: False", "fused: None")
    assert repr(wick.optim.SGD([wp], lr=0.5, momentum=0.9)) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n"
        "    foreach: None\n    fused: None\n    lr: 0.5\n    maximize: False\n"
        "    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)")


def test_step_hooks():
    w = wick.nn.Parameter(wick.ones(2))
    opt = wick.optim.SGD([w], lr=0.1)
    calls = []
    h1 = opt.register_step_pre_hook(lambda o, a, k: calls.append(("pre", o is opt)))
    h2 = opt.register_step_post_hook(lambda o, a, k: calls.append(("post", o is opt)))
    w.grad = wick.ones(2)
    opt.step()
    assert calls == [("pre", True), ("post", True)]
    h1.remove()
    h2.remove()
    opt.step()
    assert len(calls) == 2
    g = wick.optim.optimizer.register_optimizer_step_post_hook(lambda o, a, k: calls.append("g"))
    opt.step()
    g.remove()
    assert calls[-1] == "g"


def test_pickle_round_trip():
    import pickle
    w = wick.nn.Parameter(wick.ones(2))
    opt = wick.optim.SGD([w], lr=0.1, momentum=0.9)
    w.grad = wick.ones(2)
    opt.step()
    opt2 = pickle.loads(pickle.dumps(opt))
    assert opt2.param_groups[0]["lr"] == 0.1 and len(opt2.state) == 1
    (p2,) = opt2.param_groups[0]["params"]
    assert opt2.state[p2]["momentum_buffer"].tolist() == [1.0, 1.0]


def test_custom_optimizer_subclass():
    from wick.optim.optimizer import required

    class Plain(wick.optim.Optimizer):
        def __init__(self, params, lr=required):
            super().__init__(params, dict(lr=lr))

        @wick.no_grad()
        def step(self, closure=None):
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is not None:
                        p.add_(p.grad, alpha=-group["lr"])

    w = wick.nn.Parameter(wick.ones(2))
    opt = Plain([w], lr=0.5)
    w.grad = wick.ones(2)
    opt.step()
    assert w.tolist() == [0.5, 0.5]
    assert repr(required) == "<required parameter>"
    with pytest.raises(ValueError, match="^parameter group didn't specify a value of required "
                                         "optimization parameter lr$"):
        Plain([w])


# ---- errors -----------------------------------------------------------------

@pytest.mark.parametrize("name,kw,msg", [
    ("SGD", dict(lr=-0.1), "Invalid learning rate: -0.1"),
    ("SGD", dict(lr=0.1, momentum=-1), "Invalid momentum value: -1"),
    ("SGD", dict(lr=0.1, weight_decay=-1), "Invalid weight_decay value: -1"),
    ("SGD", dict(lr=0.1, nesterov=True), "Nesterov momentum requires a momentum and zero dampening"),
    ("SGD", dict(lr=0.1, momentum=0.9, dampening=0.1, nesterov=True),
     "Nesterov momentum requires a momentum and zero dampening"),
    ("Adam", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("Adam", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("Adam", dict(betas=(1.0, 0.9)), "Invalid beta parameter at index 0: 1.0"),
    ("AdamW", dict(betas=(0.9, -0.1)), "Invalid beta parameter at index 1: -0.1"),
    ("AdamW", dict(weight_decay=-0.5), "Invalid weight_decay value: -0.5"),
])
def test_constructor_errors(name, kw, msg):
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(2))
        with pytest.raises(ValueError) as e:
            getattr(m.optim, name)([p], **kw)
        assert str(e.value) == msg


def test_param_errors():
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(2))
        with pytest.raises(ValueError, match="^optimizer got an empty parameter list$"):
            m.optim.SGD([], lr=0.1)
        with pytest.raises(TypeError) as e:
            m.optim.SGD(p, lr=0.1)
        assert str(e.value) == ("params argument given to the optimizer should be an iterable of "
                                "Tensors or dicts, but got torch.FloatTensor")
        with pytest.raises(TypeError, match="^optimizer can only optimize Tensors, but one of the "
                                            "params is int$"):
            m.optim.SGD([p, 3], lr=0.1)
        with pytest.raises(TypeError, match="ordering of tensors in sets will change"):
            m.optim.SGD([{"params": {p}}], lr=0.1)
        with pytest.raises(ValueError, match="^can't optimize a non-leaf Tensor$"):
            m.optim.SGD([p * 2], lr=0.1)
        with pytest.raises(ValueError, match="^some parameters appear in more than one "
                                             "parameter group$"):
            m.optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            m.optim.SGD([p, p], lr=0.1)
        assert any("duplicate parameters" in str(x.message) for x in w)


def test_unsupported_modes_raise():
    p = wick.nn.Parameter(wick.ones(2))
    with pytest.raises(RuntimeError, match="differentiable=True"):
        wick.optim.Adam([p], differentiable=True)
    with pytest.raises(RuntimeError, match="capturable=True"):
        wick.optim.AdamW([p], capturable=True)


def test_kernel_errors():
    p = wick.ones(3)
    with pytest.raises(RuntimeError, match="sgd: expected 1 grads"):
        wick._C._optim.sgd([p], [], [None], lr=0.1, momentum=0.0, dampening=0.0,
                           weight_decay=0.0, nesterov=False, maximize=False)
    with pytest.raises(RuntimeError, match="grads 0 has size"):
        wick._C._optim.sgd([p], [wick.ones(2)], [None], lr=0.1, momentum=0.0, dampening=0.0,
                           weight_decay=0.0, nesterov=False, maximize=False)
    with pytest.raises(RuntimeError, match="grads 0 has dtype"):
        wick._C._optim.sgd([p], [wick.ones(3, dtype=wick.float64)], [None], lr=0.1,
                           momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
                           maximize=False)
    with pytest.raises(RuntimeError, match="must be a floating point tensor"):
        wick._C._optim.sgd([wick.ones(3, dtype=wick.int64)], [wick.ones(3, dtype=wick.int64)],
                           [None], lr=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0,
                           nesterov=False, maximize=False)
    z = wick.zeros(3)
    with pytest.raises(RuntimeError, match="state_steps"):
        wick._C._optim.adam([p], [p], [z], [z], [], [wick.zeros(2)], amsgrad=False, beta1=0.9,
                            beta2=0.99, lr=0.1, weight_decay=0.0, eps=1e-8, maximize=False)
    with pytest.raises(RuntimeError, match="expected 1 max_exp_avg_sqs"):
        wick._C._optim.adam([p], [p], [z], [z], [], [wick.zeros(())], amsgrad=True, beta1=0.9,
                            beta2=0.99, lr=0.1, weight_decay=0.0, eps=1e-8, maximize=False)
    assert p.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_reduced_precision_params(dtype):
    import torch
    out = []
    for m in (wick, torch):
        p = m.nn.Parameter(m.linspace(-1, 1, 8).to(getattr(m, dtype)))
        opt = m.optim.SGD([p], lr=0.1, momentum=0.9)
        for i in range(5):
            p.grad = (m.linspace(1, 2, 8) * (i + 1)).to(getattr(m, dtype))
            opt.step()
        out.append(p.detach().float().numpy())
    np.testing.assert_allclose(out[0], out[1], rtol=1e-2, atol=1e-2)


def test_state_dict_hooks():
    w = wick.nn.Parameter(wick.ones(2))
    opt = wick.optim.SGD([w], lr=0.1, momentum=0.9)
    calls = []
    opt.register_state_dict_pre_hook(lambda o: calls.append("pre"))
    opt.register_state_dict_pre_hook(lambda o: calls.append("pre0"), prepend=True)

    def post(o, sd):
        calls.append("post")
        sd["extra"] = 1
        return sd

    h = opt.register_state_dict_post_hook(post)
    sd = opt.state_dict()
    assert calls == ["pre0", "pre", "post"] and sd["extra"] == 1
    h.remove()
    assert "extra" not in opt.state_dict()

    def load_pre(o, sd):
        sd = dict(sd)
        sd["param_groups"] = [dict(g, lr=0.5) for g in sd["param_groups"]]
        return sd

    opt.register_load_state_dict_pre_hook(load_pre)
    opt.register_load_state_dict_post_hook(lambda o: calls.append("loaded"))
    opt.load_state_dict(sd)
    assert opt.param_groups[0]["lr"] == 0.5 and calls[-1] == "loaded"

"""wick.optim.LBFGS against torch.optim.LBFGS (1.13): Rosenbrock, least
squares and logistic regression from identical starts, with and without the
strong-Wolfe line search, several history_size / max_iter settings; the loss
and parameters after every step, the state's counters, state_dict round trips
and errors."""
import copy

import numpy as np
import pytest

import wick
from conftest import needs_torch

pytestmark = needs_torch

STEPS = 4


def _data(seed=0):
    rng = np.random.RandomState(seed)
    return {
        "ls_X": rng.randn(20, 4), "ls_Y": rng.randn(20, 3),
        "ls_W": rng.randn(3, 4) * 0.5, "ls_b": rng.randn(3) * 0.5,
        "lr_X": rng.randn(30, 5), "lr_y": (rng.rand(30) > 0.5).astype(np.float64),
        "lr_w": rng.randn(5) * 0.1, "lr_b": np.zeros(1),
    }


def build(m, problem, dtype):
    """Returns (params, closure-maker) for module m (wick or torch)."""
    D = _data()
    dt = getattr(m, dtype)

    def T(a, grad=False):
        t = m.tensor(np.asarray(a, dtype=np.float64), dtype=dt)
        return t.requires_grad_(True) if grad else t

    if problem == "rosenbrock":
        params = [T([-1.5, 2.0, -0.5, 1.2], True), T([[0.8, -1.0]], True)]

        def loss_fn():
            x = m.cat([params[0], params[1].reshape(-1)])
            return ((1 - x[:-1]) ** 2 + 100 * (x[1:] - x[:-1] ** 2) ** 2).sum()
    elif problem == "lstsq":
        X, Y = T(D["ls_X"]), T(D["ls_Y"])
        params = [T(D["ls_W"], True), T(D["ls_b"], True)]

        def loss_fn():
            return ((X @ params[0].t() + params[1] - Y) ** 2).mean()
    else:  # logistic regression
        X, y = T(D["lr_X"]), T(D["lr_y"])
        params = [T(D["lr_w"], True), T(D["lr_b"], True)]

        def loss_fn():
            z = X @ params[0] + params[1]
            return (m.log(1 + m.exp(z)) - y * z).mean() + 0.01 * (params[0] ** 2).sum()

    def make_closure(opt):
        def closure():
            opt.zero_grad()
            loss = loss_fn()
            loss.backward()
            return loss
        return closure

    return params, make_closure


def _np(t):
    return t.detach().numpy().astype(np.float64)


CONFIGS = [
    dict(),
    dict(line_search_fn="strong_wolfe"),
    dict(history_size=3, max_iter=5),
    dict(history_size=3, max_iter=5, line_search_fn="strong_wolfe"),
    dict(history_size=1, max_iter=10, lr=0.5),
    dict(history_size=10, max_iter=7, max_eval=9, line_search_fn="strong_wolfe"),
    dict(max_iter=3, lr=0.1, tolerance_change=1e-5),
    # a short first trial step: the line search extrapolates
    dict(max_iter=6, lr=0.01, line_search_fn="strong_wolfe"),
    # a long one: it brackets and zooms
    dict(max_iter=6, lr=20, line_search_fn="strong_wolfe"),
    dict(max_iter=6, lr=1000, history_size=2, line_search_fn="strong_wolfe"),
]


def _run_both(problem, dtype, config, steps=STEPS):
    import torch
    wp, wmk = build(wick, problem, dtype)
    tp, tmk = build(torch, problem, dtype)
    wopt = wick.optim.LBFGS(wp, **config)
    topt = torch.optim.LBFGS(tp, **config)
    wcl, tcl = wmk(wopt), tmk(topt)
    out = []
    for _ in range(steps):
        wl = wopt.step(wcl)
        tl = topt.step(tcl)
        out.append((wl, tl, [_np(p) for p in wp], [_np(p) for p in tp]))
    return wopt, topt, out


# float32: rounding differences of the reductions (dot, sum, mean) grow over
# many iterations, so the float32 runs are short.
CONFIGS32 = [
    dict(max_iter=3),
    dict(max_iter=3, line_search_fn="strong_wolfe"),
    dict(history_size=2, max_iter=4, lr=0.5),
    dict(history_size=2, max_iter=4, line_search_fn="strong_wolfe"),
    dict(max_iter=3, lr=20, line_search_fn="strong_wolfe"),
]
# (not lr=0.01 with strong_wolfe in float32: on logreg the first cubic is
# nearly degenerate and a 1-ulp difference of the loss flips the sign of its
# discriminant, in torch as in wick)


def _ids(c):
    return ",".join(f"{k}={v}" for k, v in c.items()) or "default"


CASES = ([("float64", c) for c in CONFIGS] + [("float32", c) for c in CONFIGS32])


@pytest.mark.parametrize("dtype,config", CASES, ids=[f"{d}-{_ids(c)}" for d, c in CASES])
@pytest.mark.parametrize("problem", ["rosenbrock", "lstsq", "logreg"])
def test_trajectory_matches_torch(problem, dtype, config):
    tol = 1e-10 if dtype == "float64" else 1e-5
    steps = STEPS if dtype == "float64" else 2
    if problem == "rosenbrock" and not config:
        # lr=1 without a line search on Rosenbrock is chaotic: after 20 such
        # iterations last-bit differences of the loss's sums are amplified to
        # ~1e-10, so only the first step is compared to 1e-10.
        steps = 1
    wopt, topt, out = _run_both(problem, dtype, config, steps)
    for wl, tl, wps, tps in out:
        assert isinstance(wl, wick.Tensor)
        np.testing.assert_allclose(float(wl), float(tl), rtol=tol, atol=tol)
        for a, b in zip(wps, tps):
            np.testing.assert_allclose(a, b, rtol=tol, atol=tol)
    ws = wopt.state[wopt.param_groups[0]["params"][0]]
    ts = topt.state[topt.param_groups[0]["params"][0]]
    assert ws["func_evals"] == ts["func_evals"]
    assert ws["n_iter"] == ts["n_iter"]
    assert len(ws["old_dirs"]) == len(ts["old_dirs"])
    assert set(ws) == set(ts)


def test_rosenbrock_converges():
    p = wick.tensor([-1.5, 2.0], dtype=wick.float64, requires_grad=True)
    opt = wick.optim.LBFGS([p], line_search_fn="strong_wolfe", max_iter=100)

    def closure():
        opt.zero_grad()
        loss = (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
        loss.backward()
        return loss
    for _ in range(3):
        opt.step(closure)
    # torch stops at the same point (~2e-6 away: the directional derivative
    # falls below tolerance_change)
    np.testing.assert_allclose(p.detach().numpy(), [1.0, 1.0], atol=1e-5)


def test_state_keys_and_defaults():
    import torch
    wp, wmk = build(wick, "lstsq", "float64")
    tp, tmk = build(torch, "lstsq", "float64")
    wopt, topt = wick.optim.LBFGS(wp), torch.optim.LBFGS(tp)
    assert wopt.defaults == topt.defaults
    assert wopt.defaults["max_eval"] == 25
    assert wick.optim.LBFGS(wp, max_iter=7).defaults["max_eval"] == 8
    wopt.step(wmk(wopt))
    topt.step(tmk(topt))
    ws, ts = wopt.state[wp[0]], topt.state[tp[0]]
    assert set(ws) == set(ts) == {"func_evals", "n_iter", "d", "t", "old_dirs", "old_stps", "ro",
                                  "H_diag", "prev_flat_grad", "prev_loss", "al"}
    assert len(wopt.state) == 1
    assert len(ws["al"]) == 100
    np.testing.assert_allclose(_np(ws["prev_flat_grad"]), _np(ts["prev_flat_grad"]), atol=1e-12)
    np.testing.assert_allclose(_np(ws["d"]), _np(ts["d"]), atol=1e-12)
    assert ws["prev_loss"] == pytest.approx(ts["prev_loss"], abs=1e-12)


@pytest.mark.parametrize("ls", [None, "strong_wolfe"])
def test_state_dict_round_trip(ls):
    wp, wmk = build(wick, "logreg", "float64")
    opt = wick.optim.LBFGS(wp, history_size=4, max_iter=3, line_search_fn=ls)
    cl = wmk(opt)
    opt.step(cl)
    opt.step(cl)
    sd = copy.deepcopy(opt.state_dict())
    saved = [p.detach().clone() for p in wp]
    ref_losses = [float(opt.step(cl)) for _ in range(2)]
    ref_params = [_np(p) for p in wp]

    wp2, wmk2 = build(wick, "logreg", "float64")
    with wick.no_grad():
        for p, s in zip(wp2, saved):
            p.copy_(s)
    opt2 = wick.optim.LBFGS(wp2, history_size=4, max_iter=3, line_search_fn=ls)
    opt2.load_state_dict(sd)
    assert opt2.state[wp2[0]]["n_iter"] == sd["state"][0]["n_iter"] > 2
    assert opt2.state[wp2[0]]["func_evals"] == sd["state"][0]["func_evals"]
    cl2 = wmk2(opt2)
    losses = [float(opt2.step(cl2)) for _ in range(2)]
    assert losses == pytest.approx(ref_losses, abs=1e-13)
    for a, b in zip([_np(p) for p in wp2], ref_params):
        np.testing.assert_allclose(a, b, atol=1e-13)


def test_state_dict_matches_torch_layout():
    import torch
    wp, wmk = build(wick, "lstsq", "float64")
    tp, tmk = build(torch, "lstsq", "float64")
    wopt, topt = wick.optim.LBFGS(wp, max_iter=2), torch.optim.LBFGS(tp, max_iter=2)
    wopt.step(wmk(wopt))
    topt.step(tmk(topt))
    wsd, tsd = wopt.state_dict(), topt.state_dict()
    assert wsd["param_groups"] == tsd["param_groups"]
    assert list(wsd["state"]) == list(tsd["state"]) == [0]


def test_optimum_returns_early():
    p = wick.zeros(3, dtype=wick.float64, requires_grad=True)
    opt = wick.optim.LBFGS([p])
    calls = []

    def closure():
        calls.append(1)
        opt.zero_grad()
        loss = (p ** 2).sum()
        loss.backward()
        return loss
    loss = opt.step(closure)
    assert float(loss) == 0.0 and len(calls) == 1
    assert opt.state[p]["func_evals"] == 1 and opt.state[p]["n_iter"] == 0


def test_missing_grad_is_zero():
    a = wick.tensor([1.0, 2.0], dtype=wick.float64, requires_grad=True)
    b = wick.tensor([3.0], dtype=wick.float64, requires_grad=True)
    opt = wick.optim.LBFGS([a, b], max_iter=3)

    def closure():
        opt.zero_grad()
        loss = (a ** 2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    assert float(b) == 3.0
    assert float(a.abs().max()) < 2.0


def test_errors():
    import torch
    a = wick.zeros(2, requires_grad=True)
    b = wick.zeros(2, requires_grad=True)
    with pytest.raises(ValueError, match="doesn't support per-parameter options"):
        wick.optim.LBFGS([{"params": [a]}, {"params": [b], "lr": 0.1}])
    ta, tb = torch.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
    with pytest.raises(ValueError, match="doesn't support per-parameter options"):
        torch.optim.LBFGS([{"params": [ta]}, {"params": [tb], "lr": 0.1}])
    opt = wick.optim.LBFGS([a])
    with pytest.raises(TypeError, match="closure"):
        opt.step()
    topt = torch.optim.LBFGS([ta])
    with pytest.raises(TypeError, match="closure"):
        topt.step()
    with pytest.raises(ValueError, match="empty parameter list"):
        wick.optim.LBFGS([])

    c = wick.tensor([1.0, 2.0], requires_grad=True)
    opt = wick.optim.LBFGS([c], line_search_fn="bogus")

    def closure():
        opt.zero_grad()
        loss = (c ** 2).sum()
        loss.backward()
        return loss
    with pytest.raises(RuntimeError, match="only 'strong_wolfe' is supported"):
        opt.step(closure)


def test_hooks_and_repr():
    a = wick.tensor([1.0, 2.0], dtype=wick.float64, requires_grad=True)
    opt = wick.optim.LBFGS([a], max_iter=2)
    seen = []
    opt.register_step_pre_hook(lambda o, args, kw: seen.append("pre"))
    opt.register_step_post_hook(lambda o, args, kw: seen.append("post"))

    def closure():
        opt.zero_grad()
        loss = (a ** 2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    assert seen == ["pre", "post"]
    r = repr(opt)
    assert r.startswith("LBFGS (") and "history_size: 100" in r and "line_search_fn: None" in r
    assert "LBFGS" in wick.optim.__all__


def _convert(v, conv):
    if hasattr(v, "numpy"):
        return conv(v)
    if isinstance(v, list):
        return [_convert(x, conv) for x in v]
    return v


@pytest.mark.parametrize("ls", [None, "strong_wolfe"])
def test_state_dict_exchange_with_torch(ls):
    """A wick state_dict loaded into torch (and back) continues identically."""
    import torch
    wp, wmk = build(wick, "lstsq", "float64")
    tp, tmk = build(torch, "lstsq", "float64")
    cfg = dict(history_size=3, max_iter=4, line_search_fn=ls)
    wopt, topt = wick.optim.LBFGS(wp, **cfg), torch.optim.LBFGS(tp, **cfg)
    wcl, tcl = wmk(wopt), tmk(topt)
    wopt.step(wcl)
    with torch.no_grad():
        for t, w in zip(tp, wp):
            t.copy_(torch.from_numpy(w.detach().numpy().copy()))
    sd = wopt.state_dict()
    tsd = {"state": {k: {n: _convert(v, lambda x: torch.from_numpy(x.numpy().copy()))
                         for n, v in s.items()} for k, s in sd["state"].items()},
           "param_groups": copy.deepcopy(sd["param_groups"])}
    topt.load_state_dict(tsd)
    for _ in range(2):
        wl, tl = wopt.step(wcl), topt.step(tcl)
        assert float(wl) == pytest.approx(float(tl), abs=1e-12)
        for a, b in zip(wp, tp):
            np.testing.assert_allclose(_np(a), _np(b), atol=1e-12)
    # and back: torch's state into a fresh wick optimizer
    wp2, wmk2 = build(wick, "lstsq", "float64")
    with wick.no_grad():
        for w2, t in zip(wp2, tp):
            w2.copy_(wick.from_numpy(t.detach().numpy().copy()))
    wopt2 = wick.optim.LBFGS(wp2, **cfg)
    tsd = topt.state_dict()
    wopt2.load_state_dict({"state": {k: {n: _convert(v, lambda x: wick.from_numpy(
        x.numpy().copy())) for n, v in s.items()} for k, s in tsd["state"].items()},
        "param_groups": copy.deepcopy(tsd["param_groups"])})
    wl, tl = wopt2.step(wmk2(wopt2)), topt.step(tcl)
    assert float(wl) == pytest.approx(float(tl), abs=1e-12)
    for a, b in zip(wp2, tp):
        np.testing.assert_allclose(_np(a), _np(b), atol=1e-12)


def test_save_load_state_dict(tmp_path):
    wp, wmk = build(wick, "logreg", "float64")
    opt = wick.optim.LBFGS(wp, history_size=3, max_iter=3)
    opt.step(wmk(opt))
    path = tmp_path / "lbfgs.pt"
    wick.save(opt.state_dict(), str(path))
    sd = wick.load(str(path))
    st = sd["state"][0]
    ref = opt.state_dict()["state"][0]
    assert set(st) == set(ref)
    assert st["n_iter"] == ref["n_iter"] and len(st["old_dirs"]) == len(ref["old_dirs"])
    np.testing.assert_array_equal(_np(st["d"]), _np(ref["d"]))


def test_cubic_interpolate_matches_torch():
    import torch
    from torch.optim.lbfgs import _cubic_interpolate as tci

    from wick.optim.lbfgs import _cubic_interpolate as wci
    rng = np.random.RandomState(3)
    kinds = set()
    for i in range(200):
        x1, x2 = rng.randn(2) * 2
        f1, f2 = rng.randn(2)
        g1, g2 = rng.randn(2) * 3
        bounds = None if i % 2 else tuple(sorted(rng.randn(2) * 3))
        r_t = tci(x1, f1, torch.tensor(g1, dtype=torch.float64), x2, f2,
                  torch.tensor(g2, dtype=torch.float64), bounds=bounds)
        r_w = wci(x1, f1, wick.tensor(g1, dtype=wick.float64), x2, f2,
                  wick.tensor(g2, dtype=wick.float64), bounds=bounds)
        assert float(r_w) == pytest.approx(float(r_t), rel=1e-13, abs=1e-13)
        kinds.add((x1 <= x2, isinstance(r_t, torch.Tensor)))
    assert len(kinds) == 4  # both orders, real and no real minimiser


@pytest.mark.parametrize("t0", [1e-3, 0.05, 0.7, 3.0, 40.0])
@pytest.mark.parametrize("shift", [0.0, 1.3, -2.1, 0.77])
@pytest.mark.parametrize("c2", [0.9, 0.01])
def test_strong_wolfe_matches_torch(t0, shift, c2):
    """The line search alone on a non-convex 2-D function along a fixed
    direction: step, loss, gradient and evaluation count."""
    import torch
    from torch.optim.lbfgs import _strong_wolfe as tsw

    from wick.optim.lbfgs import _strong_wolfe as wsw

    def run(m, sw):
        x0 = m.tensor([0.3 + shift, -0.7], dtype=m.float64)
        d = m.tensor([1.0, 0.4], dtype=m.float64)

        def fg(x):
            x = x.clone().requires_grad_(True)
            with m.enable_grad():
                f = (m.sin(3 * x) + 0.1 * x ** 2).sum() + m.cos(x[0] * x[1])
                f.backward()
            return float(f), x.grad

        def obj(x, t, d):
            return fg(x[0] + float(t) * d)

        f, g = fg(x0)
        if float(g.dot(d)) > 0:
            d = -d
        return sw(obj, [x0], t0, d, f, g, g.dot(d), c2=c2, max_ls=25)

    wf, wg, wt, wn = run(wick, wsw)
    tf, tg, tt, tn = run(torch, tsw)
    assert wn == tn
    assert float(wt) == pytest.approx(float(tt), rel=1e-12, abs=1e-12)
    assert wf == pytest.approx(tf, rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(_np(wg), _np(tg), atol=1e-12)


@pytest.mark.parametrize("ls", [None, "strong_wolfe"])
def test_nn_module_matches_torch(ls):
    """A small MLP's parameters (nn.Module.parameters()) trained by LBFGS."""
    import torch
    rng = np.random.RandomState(5)
    X, Y = rng.randn(16, 3), rng.randn(16, 2)

    def make(m):
        m.manual_seed(0)
        net = m.nn.Sequential(m.nn.Linear(3, 5), m.nn.Tanh(), m.nn.Linear(5, 2)).double()
        return net

    wnet, tnet = make(wick), make(torch)
    with wick.no_grad():
        for wp, tp in zip(wnet.parameters(), tnet.parameters()):
            wp.copy_(wick.from_numpy(tp.detach().numpy().copy()))
    out = []
    for m, net in ((wick, wnet), (torch, tnet)):
        x, y = m.from_numpy(X.copy()), m.from_numpy(Y.copy())
        opt = m.optim.LBFGS(net.parameters(), history_size=5, max_iter=8, line_search_fn=ls)

        def closure():
            opt.zero_grad()
            loss = m.nn.functional.mse_loss(net(x), y)
            loss.backward()
            return loss
        losses = [float(opt.step(closure)) for _ in range(3)]
        out.append((losses, [_np(p) for p in net.parameters()]))
    (wl, wps), (tl, tps) = out
    np.testing.assert_allclose(wl, tl, rtol=1e-10, atol=1e-10)
    for a, b in zip(wps, tps):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-10)
    assert tl[-1] < tl[0]


def test_invalid_lr():
    a = wick.zeros(2, requires_grad=True)
    # PyTorch 2.x checks lr (1.13 did not)
    with pytest.raises(ValueError, match="Invalid learning rate"):
        wick.optim.LBFGS([a], lr=-1.0)

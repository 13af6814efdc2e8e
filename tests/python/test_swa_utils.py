"""wick.optim.swa_utils against torch.optim.swa_utils: AveragedModel (default
SWA average, EMA avg_fn, multi_avg_fn, use_buffers), update_bn and SWALR
trajectories. PyTorch 1.13 is the reference (on CPU 2.x averages the same way)."""
import warnings

import numpy as np
import pytest

import wick
from conftest import needs_torch

pytestmark = needs_torch


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


def make_opt(m):
    ps = [m.zeros(2, requires_grad=True) for _ in range(2)]
    return m.optim.SGD([{"params": [ps[0]], "lr": 0.5}, {"params": [ps[1]], "lr": 0.1}], lr=0.1, momentum=0.9)


@pytest.mark.parametrize("kwargs", [{"swa_lr": 0.05}, {"swa_lr": [0.01, 0.2], "anneal_epochs": 4},
                                    {"swa_lr": 0.05, "anneal_strategy": "linear", "anneal_epochs": 7},
                                    {"swa_lr": 0.05, "anneal_epochs": 0}])
def test_swalr_like_torch(kwargs):
    import torch
    traces = []
    for m in (wick, torch):
        opt = make_opt(m)
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
        opt = make_opt(m)
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
        torch.optim.swa_utils.SWALR(make_opt(torch), **kwargs)
    with pytest.raises(ValueError) as w:
        wick.optim.swa_utils.SWALR(make_opt(wick), **kwargs)
    assert str(w.value) == str(t.value)

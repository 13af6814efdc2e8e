"""Pooling (wick.nn.functional): parity with PyTorch for values, indices, grads,
grad_fn names, options, unbatched input, errors; float64 gradcheck/gradgradcheck."""
import numpy as np
import pytest

import wick
from conftest import needs_torch

pytestmark = needs_torch


def F(m):
    return m.nn.functional


def data(shape, seed=0, distinct=False):
    rng = np.random.default_rng(seed)
    if distinct:  # no ties even in bfloat16
        n = int(np.prod(shape))
        return (rng.permutation(n).reshape(shape) - n / 2).astype(np.float64) / 8
    return rng.standard_normal(shape)


def tensor(m, arr, dtype="float32", grad=True):
    t = m.tensor(arr, dtype=getattr(m, dtype))
    if grad:
        t.requires_grad_(True)
    return t


def close(w, t, rtol, atol):
    import torch
    assert tuple(w.shape) == tuple(t.shape), (tuple(w.shape), tuple(t.shape))
    assert str(w.dtype) == str(t.dtype).replace("torch.", "wick."), (w.dtype, t.dtype)
    wn = w.detach().float().numpy() if w.dtype == wick.bfloat16 else w.detach().numpy()
    tn = t.detach().float().numpy() if t.dtype == torch.bfloat16 else t.detach().numpy()
    np.testing.assert_allclose(wn, tn, rtol=rtol, atol=atol, equal_nan=True)


def parity(fn, shape, dtype="float32", grad=True, distinct=False, seed=0):
    """fn(m, x) -> tensor or tuple; compares results, grad_fn names and x.grad."""
    import torch
    arr = data(shape, seed, distinct)
    res = {}
    for m in (wick, torch):
        x = tensor(m, arr, dtype, grad)
        y = fn(m, x)
        ys = list(y) if isinstance(y, tuple) else [y]
        g = None
        if grad and ys[0].requires_grad:
            go = m.tensor(data(tuple(ys[0].shape), seed + 1), dtype=getattr(m, dtype))
            ys[0].backward(go)
            g = x.grad
        res[m.__name__] = (ys, g)
    (wy, wg), (ty, tg) = res["wick"], res["torch"]
    rtol, atol = (1e-2, 1e-2) if dtype in ("bfloat16", "float16") else (1e-5, 1e-6)
    assert len(wy) == len(ty)
    for a, b in zip(wy, ty):
        close(a, b, rtol, atol)
        name_w = None if a.grad_fn is None else a.grad_fn.name()
        name_t = None if b.grad_fn is None else type(b.grad_fn).__name__
        assert name_w == name_t, (name_w, name_t)
    if tg is None:
        assert wg is None
    else:
        close(wg, tg, rtol, atol)


MAX_CASES = [
    # (dims, shape, kwargs)
    (2, (2, 3, 9, 10), dict(kernel_size=3, stride=2, padding=1)),
    (2, (2, 3, 9, 10), dict(kernel_size=(3, 2), stride=(2, 3), padding=(1, 0), dilation=(2, 1))),
    (2, (2, 3, 9, 10), dict(kernel_size=3, stride=2, ceil_mode=True)),
    (2, (1, 2, 6, 6), dict(kernel_size=2, stride=2, padding=1, ceil_mode=True)),
    (2, (2, 3, 7, 7), dict(kernel_size=2)),
    (2, (3, 7, 8), dict(kernel_size=3, stride=1)),                     # unbatched
    (2, (0, 3, 7, 8), dict(kernel_size=2)),                            # empty batch
    (2, (2, 3, 5, 5), dict(kernel_size=[2, 3], stride=[1, 2], dilation=2)),
    (1, (2, 3, 11), dict(kernel_size=3, stride=2, padding=1)),
    (1, (3, 11), dict(kernel_size=4, stride=3, ceil_mode=True)),
    (1, (2, 3, 11), dict(kernel_size=2, dilation=3)),
    (3, (2, 2, 5, 6, 7), dict(kernel_size=3, stride=2, padding=1)),
    (3, (2, 5, 6, 7), dict(kernel_size=(2, 3, 2), stride=(1, 2, 3), ceil_mode=True)),
    (3, (1, 2, 6, 6, 6), dict(kernel_size=2, dilation=2, padding=1)),
]


@pytest.mark.parametrize("dims,shape,kw", MAX_CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_max_pool(dims, shape, kw, dtype):
    name = f"max_pool{dims}d"
    parity(lambda m, x: getattr(F(m), name)(x, **kw), shape, dtype)
    parity(lambda m, x: getattr(F(m), name)(x, **kw, return_indices=True), shape, dtype)
    parity(lambda m, x: getattr(F(m), name + "_with_indices")(x, **kw), shape, dtype)


@pytest.mark.parametrize("dims,shape,kw", MAX_CASES[:3] + MAX_CASES[8:9])
def test_max_pool_bfloat16(dims, shape, kw):
    name = f"max_pool{dims}d"
    parity(lambda m, x: getattr(F(m), name)(x, **kw, return_indices=True), shape, "bfloat16",
           distinct=True)


def test_max_pool_torch_level_forms():
    import torch
    arr = data((2, 3, 8, 8))
    for m in (wick, torch):
        pass
    w, t = wick.tensor(arr), torch.tensor(arr)
    close(wick.max_pool2d(w, 2), torch.max_pool2d(t, 2), 1e-6, 1e-7)
    close(wick.max_pool2d(w, 3, 2, 1, 1, True), torch.max_pool2d(t, 3, 2, 1, 1, True), 1e-6, 1e-7)
    close(wick.max_pool3d(w, 2), torch.max_pool3d(t, 2), 1e-6, 1e-7)
    close(wick.max_pool1d(w[0], 3, stride=2), torch.max_pool1d(t[0], 3, stride=2), 1e-6, 1e-7)
    wo, wi = wick.max_pool1d_with_indices(w[0], 2)
    to, ti = torch.max_pool1d_with_indices(t[0], 2)
    close(wo, to, 1e-6, 1e-7)
    close(wi, ti, 0, 0)
    assert wi.dtype == wick.int64


def test_max_pool_noncontiguous_and_nan():
    parity(lambda m, x: F(m).max_pool2d(x.transpose(2, 3), 3, 2, 1, return_indices=True),
           (2, 3, 8, 9))
    parity(lambda m, x: F(m).max_pool2d(x[:, :, ::2], 2, return_indices=True), (2, 3, 8, 9))
    import torch
    arr = data((1, 1, 4, 4))
    arr[0, 0, 1, 0] = np.nan
    arr[0, 0, 3, 3] = -np.inf
    w = F(wick).max_pool2d(wick.tensor(arr), 2, return_indices=True)
    t = F(torch).max_pool2d(torch.tensor(arr), 2, return_indices=True)
    close(w[0], t[0], 0, 0)
    close(w[1], t[1], 0, 0)
    arr = np.full((1, 1, 4, 4), -np.inf)
    w = F(wick).max_pool2d(wick.tensor(arr), 2, padding=1, return_indices=True)
    t = F(torch).max_pool2d(torch.tensor(arr), 2, padding=1, return_indices=True)
    close(w[1], t[1], 0, 0)


def test_max_pool_2d_fast_path_ties_nans_and_wide_rows():
    # Unclipped 2-d windows take a vectorised path: ties pick the first index in the
    # window, a later NaN replaces an earlier one, -inf everywhere keeps the first,
    # and rows wider than its 64-output chunks continue across them.
    import torch
    rng = np.random.default_rng(3)
    arr = rng.integers(0, 3, size=(2, 3, 6, 300)).astype(np.float32)  # many ties
    arr[0, 0, 0, :4] = [np.nan, 1, np.nan, 2]
    arr[1, 2, 2:4, 10:12] = -np.inf
    for dtype in ("float32", "float64"):
        a = arr.astype(dtype)
        for args in ((2,), (3, 2), ((2, 3), (1, 3)), (3, 1)):
            w = F(wick).max_pool2d(wick.tensor(a), *args, return_indices=True)
            t = F(torch).max_pool2d(torch.tensor(a), *args, return_indices=True)
            close(w[0], t[0], 0, 0)
            close(w[1], t[1], 0, 0)


def test_max_pool_2d_padded_interior_and_border():
    # Padded pools (ResNet's 3x3 stride 2 pad 1) run the vectorised path on the
    # outputs whose windows are whole and the general kernel on the border; ceil_mode
    # clips the last windows. Values and indices must be torch's, with ties and NaNs
    # on the border and inside, and inputs too small to have an interior.
    import torch
    rng = np.random.default_rng(11)
    arr = rng.integers(0, 4, size=(2, 3, 13, 150)).astype(np.float32)
    arr[0, 0, 0, 0] = np.nan
    arr[0, 1, 6, 70:73] = np.nan
    arr[1, 2, -1, -3:] = -np.inf
    small = rng.standard_normal((1, 2, 2, 3)).astype(np.float32)
    cases = [((3, 2, 1), {}), ((3, 2, 1), {"ceil_mode": True}), ((2, 2, 1), {}),
             (((3, 5), (2, 3), (1, 2)), {}), ((5, 1, 2), {}), ((3, 3, 1), {"ceil_mode": True})]
    for a in (arr, arr.astype("float64"), small):
        for args, kw in cases:
            if a is small and args[0] != 3:
                continue
            w = F(wick).max_pool2d(wick.tensor(a), *args, return_indices=True, **kw)
            t = F(torch).max_pool2d(torch.tensor(a), *args, return_indices=True, **kw)
            close(w[0], t[0], 0, 0)
            close(w[1], t[1], 0, 0)
            close(F(wick).max_pool2d(wick.tensor(a), *args, **kw), t[0], 0, 0)


def test_max_pool_values_only_path_matches_and_still_has_a_backward():
    # Without return_indices and without grad the indices are skipped; with grad they
    # are kept for the backward. Both must give what torch gives.
    import torch
    rng = np.random.default_rng(5)
    arr = rng.standard_normal((2, 3, 9, 10)).astype(np.float32)
    arr[0, 1, 2, 3] = np.nan
    for args in ((2,), (3, 2, 1), (2, 1, 0, 2)):
        w = F(wick).max_pool2d(wick.tensor(arr), *args)
        t = F(torch).max_pool2d(torch.tensor(arr), *args)
        close(w, t, 0, 0)
        close(wick.max_pool2d(wick.tensor(arr), *args), t, 0, 0)
        close(F(wick).max_pool3d(wick.tensor(arr), *args), F(torch).max_pool3d(torch.tensor(arr), *args), 0, 0)
        wx = wick.tensor(arr, requires_grad=True)
        tx = torch.tensor(arr, requires_grad=True)
        F(wick).max_pool2d(wx, *args).nan_to_num().sum().backward()
        F(torch).max_pool2d(tx, *args).nan_to_num().sum().backward()
        close(wx.grad, tx.grad, 0, 0)


def test_max_pool_overlapping_grad_accumulates():
    # stride 1 windows share their maxima: the gradient sums there
    parity(lambda m, x: F(m).max_pool2d(x, 3, stride=1), (1, 2, 6, 6))
    parity(lambda m, x: F(m).max_pool1d(x, 4, stride=1, padding=2), (2, 7))


def test_max_pool_double_backward_names():
    import torch
    names = {}
    for m in (wick, torch):
        x = tensor(m, data((2, 3, 6, 6)), "float64")
        for f, key in [(lambda x: F(m).max_pool2d(x, 2), "mp2"),
                       (lambda x: F(m).max_pool3d(x, 2), "mp3"),
                       (lambda x: F(m).avg_pool2d(x, 2), "ap2"),
                       (lambda x: F(m).avg_pool3d(x, 2), "ap3"),
                       (lambda x: F(m).adaptive_avg_pool2d(x, 3), "aap2"),
                       (lambda x: F(m).adaptive_avg_pool3d(x, 3), "aap3"),
                       (lambda x: F(m).adaptive_max_pool2d(x, 3), "amp2"),
                       (lambda x: F(m).adaptive_max_pool3d(x, 3), "amp3")]:
            y = f(x)
            (g,) = m.autograd.grad(y.sum(), x, create_graph=True)
            gf = g.grad_fn
            names[(m.__name__, key)] = gf.name() if m is wick else type(gf).__name__
    for key in ["mp2", "mp3", "ap2", "ap3", "aap2", "aap3", "amp2", "amp3"]:
        assert names[("wick", key)] == names[("torch", key)], key


GRAD_FNS = [
    lambda F, x: F.max_pool2d(x, 3, 2, 1),
    lambda F, x: F.max_pool2d(x, 2, 1, dilation=2, ceil_mode=True),
    lambda F, x: F.max_pool1d(x[0], 3, 2, 1),
    lambda F, x: F.max_pool3d(x.unsqueeze(0), 2, 1),
    lambda F, x: F.avg_pool2d(x, 3, 2, 1),
    lambda F, x: F.avg_pool2d(x, 3, 2, 1, True, False),
    lambda F, x: F.avg_pool2d(x, 3, 2, 1, divisor_override=4),
    lambda F, x: F.avg_pool1d(x[0], 3, 2, 1, ceil_mode=True),
    lambda F, x: F.avg_pool3d(x.unsqueeze(0), 2, 1, 1, count_include_pad=False),
    lambda F, x: F.adaptive_avg_pool2d(x, (3, 4)),
    lambda F, x: F.adaptive_avg_pool1d(x[0], 4),
    lambda F, x: F.adaptive_avg_pool3d(x.unsqueeze(0), 2),
    lambda F, x: F.adaptive_max_pool2d(x, (3, 4)),
    lambda F, x: F.adaptive_max_pool1d(x[0], 4),
    lambda F, x: F.adaptive_max_pool3d(x.unsqueeze(0), 2),
    lambda F, x: F.lp_pool2d(x.abs() + 0.1, 2, 2),
    lambda F, x: F.lp_pool1d(x[0].abs() + 0.1, 3, 2),
]


@pytest.mark.parametrize("i", range(len(GRAD_FNS)))
def test_gradcheck_gradgradcheck(i):
    f = GRAD_FNS[i]
    x = wick.tensor(data((2, 5, 6), seed=i), dtype=wick.float64, requires_grad=True)
    assert wick.autograd.gradcheck(lambda x: f(F(wick), x), (x,))
    assert wick.autograd.gradgradcheck(lambda x: f(F(wick), x), (x,))


def test_max_unpool_gradcheck():
    x = wick.tensor(data((1, 2, 4, 4)), dtype=wick.float64)
    o, i = F(wick).max_pool2d(x, 2, return_indices=True)
    o = o.detach().requires_grad_(True)
    assert wick.autograd.gradcheck(lambda o: F(wick).max_unpool2d(o, i, 2), (o,))
    assert wick.autograd.gradgradcheck(lambda o: F(wick).max_unpool2d(o, i, 2), (o,))


AVG_CASES = [
    (2, (2, 3, 9, 10), dict(kernel_size=3, stride=2, padding=1)),
    (2, (2, 3, 9, 10), dict(kernel_size=3, stride=2, padding=1, count_include_pad=False)),
    (2, (2, 3, 9, 10), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)),
    (2, (2, 3, 9, 10), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True,
                            count_include_pad=False)),
    (2, (2, 3, 9, 10), dict(kernel_size=(2, 4), stride=(3, 1), padding=(1, 2),
                            divisor_override=3)),
    (2, (3, 7, 8), dict(kernel_size=2)),
    (1, (2, 3, 11), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)),
    (1, (3, 11), dict(kernel_size=4, count_include_pad=False, padding=2)),
    (3, (2, 2, 5, 6, 7), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)),
    (3, (2, 5, 6, 7), dict(kernel_size=(2, 3, 2), count_include_pad=False, padding=1)),
    (3, (2, 2, 5, 6, 7), dict(kernel_size=2, divisor_override=7)),
]


@pytest.mark.parametrize("dims,shape,kw", AVG_CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_avg_pool(dims, shape, kw, dtype):
    parity(lambda m, x: getattr(F(m), f"avg_pool{dims}d")(x, **kw), shape, dtype)


def test_avg_pool_integer():
    import torch
    arr = np.arange(2 * 3 * 7 * 6).reshape(2, 3, 7, 6) % 11
    for kw in (dict(kernel_size=3, stride=2, padding=1), dict(kernel_size=2, ceil_mode=True,
                                                               count_include_pad=False)):
        close(F(wick).avg_pool2d(wick.tensor(arr), **kw), F(torch).avg_pool2d(torch.tensor(arr), **kw),
              0, 0)


def test_avg_pool_bfloat16_and_torch_level():
    parity(lambda m, x: F(m).avg_pool2d(x, 3, 2, 1), (2, 3, 8, 8), "bfloat16")
    parity(lambda m, x: m.avg_pool1d(x, 3, 2, 1, True, False), (2, 3, 8))


ADAPTIVE = [
    (1, (2, 3, 11), 4), (1, (3, 11), 11), (1, (2, 3, 5), 8),
    (2, (2, 3, 9, 10), (4, 3)), (2, (3, 9, 10), 1), (2, (2, 3, 7, 7), (None, 2)),
    (2, (2, 3, 5, 5), 7),
    (3, (2, 2, 5, 6, 7), (2, 3, 4)), (3, (2, 5, 6, 7), 1), (3, (1, 1, 4, 4, 4), (None, 3, None)),
]


@pytest.mark.parametrize("dims,shape,size", ADAPTIVE)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_adaptive(dims, shape, size, dtype):
    if dims == 1 and size is None:
        return
    parity(lambda m, x: getattr(F(m), f"adaptive_avg_pool{dims}d")(x, size), shape, dtype)
    parity(lambda m, x: getattr(F(m), f"adaptive_max_pool{dims}d")(x, size), shape, dtype)
    parity(lambda m, x: getattr(F(m), f"adaptive_max_pool{dims}d")(x, size, True), shape, dtype)


def test_adaptive_torch_level():
    parity(lambda m, x: m.adaptive_avg_pool1d(x, 3), (2, 3, 8))
    parity(lambda m, x: m.adaptive_max_pool1d(x, 3), (2, 3, 8))


@pytest.mark.parametrize("dims,shape,kw", [
    (1, (2, 3, 8), dict(kernel_size=2)),
    (1, (2, 3, 9), dict(kernel_size=3, stride=2, padding=1)),
    (2, (2, 3, 8, 8), dict(kernel_size=2)),
    (2, (3, 9, 9), dict(kernel_size=3, stride=2, padding=1)),
    (3, (1, 2, 4, 6, 4), dict(kernel_size=2)),
])
def test_max_unpool(dims, shape, kw):
    def f(m, x):
        o, i = getattr(F(m), f"max_pool{dims}d")(x, **kw, return_indices=True)
        return getattr(F(m), f"max_unpool{dims}d")(o, i, **kw)
    parity(f, shape)

    def g(m, x):
        o, i = getattr(F(m), f"max_pool{dims}d")(x, **kw, return_indices=True)
        size = list(x.shape[-dims:])
        return getattr(F(m), f"max_unpool{dims}d")(o, i, **kw, output_size=size)
    parity(g, shape)


@pytest.mark.parametrize("kw", [dict(norm_type=2, kernel_size=3), dict(norm_type=3, kernel_size=2,
                                                                        stride=1, ceil_mode=True)])
def test_lp_pool(kw):
    parity(lambda m, x: F(m).lp_pool1d(x.abs() + 0.5, **kw), (2, 3, 9))
    parity(lambda m, x: F(m).lp_pool2d(x.abs() + 0.5, **kw), (2, 3, 9, 8))


def errors_of(fn):
    import torch
    out = []
    for m in (wick, torch):
        try:
            fn(m)
        except Exception as e:  # noqa: BLE001
            out.append((type(e).__name__, str(e).split("\n")[0]))
        else:
            out.append(None)
    return out


ERRORS = [
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), 0),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), 2, stride=0),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), 2, dilation=0),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), (2, 2, 2)),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), 2, stride=(1, 1, 1)),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), 2, padding=(1, 1, 1)),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 5, 5), 6),
    lambda m: F(m).max_pool2d(m.zeros(5), 2),
    lambda m: F(m).max_pool2d(m.zeros(2, 0, 4, 4), 2),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 0, 4), 2),
    lambda m: F(m).max_pool2d(m.zeros(2, 3, 4, 4).long(), 2),
    lambda m: F(m).max_pool1d(m.zeros(5), 2),
    lambda m: F(m).max_pool1d(m.zeros(2, 3, 4, 5), 2),
    lambda m: F(m).max_pool1d(m.zeros(2, 5), 3, padding=2),
    lambda m: F(m).max_pool1d(m.zeros(2, 5), 0),
    lambda m: F(m).max_pool3d(m.zeros(2, 3, 4), 2),
    lambda m: F(m).max_pool3d(m.zeros(2, 3, 4, 4, 4), 5),
    lambda m: F(m).max_pool3d(m.zeros(2, 3, 4, 4, 4), 0),
    lambda m: F(m).avg_pool2d(m.zeros(2, 3, 5, 5), 6),
    lambda m: F(m).avg_pool2d(m.zeros(2, 3, 5, 5), 0),
    lambda m: F(m).avg_pool2d(m.zeros(2, 3, 5, 5), 2, divisor_override=0),
    lambda m: F(m).avg_pool1d(m.zeros(2, 5), 6),
    lambda m: F(m).avg_pool1d(m.zeros(5), 2),
    lambda m: F(m).avg_pool3d(m.zeros(2, 3, 4), 2),
    lambda m: F(m).adaptive_avg_pool2d(m.zeros(2, 3, 5, 5), (2, 2, 2)),
    lambda m: F(m).adaptive_avg_pool2d(m.zeros(5), 2),
    lambda m: F(m).adaptive_avg_pool2d(m.zeros(2, 3, 0, 4), 2),
    lambda m: F(m).adaptive_avg_pool2d(m.zeros(2, 3, 5, 5), -1),
    lambda m: F(m).adaptive_max_pool2d(m.zeros(5), 2),
    lambda m: F(m).adaptive_avg_pool1d(m.zeros(2, 3, 5, 5), 2),
    lambda m: F(m).adaptive_max_pool1d(m.zeros(2, 3, 5, 5), 2),
    lambda m: F(m).adaptive_avg_pool3d(m.zeros(3, 5, 5), 2),
    lambda m: F(m).max_unpool2d(m.zeros(1, 1, 2, 2), m.full((1, 1, 2, 2), 100).long(), 2),
    lambda m: F(m).max_unpool2d(m.zeros(1, 1, 2, 2), m.zeros(1, 1, 2, 2).long(), 2,
                                output_size=(9, 9)),
    lambda m: F(m).max_unpool2d(m.zeros(1, 1, 2, 2), m.zeros(1, 1, 2, 2).long(), 2,
                                output_size=(1, 2, 3)),
]


@pytest.mark.parametrize("i", range(len(ERRORS)))
def test_errors(i):
    w, t = errors_of(ERRORS[i])
    assert t is not None and w is not None, (w, t)
    assert w[0] == t[0]
    assert w[1] == t[1]


def test_pad_error_uses_effective_kernel_wording():
    # PyTorch 2.x wording (1.13 omits the dilation)
    for f in (lambda: F(wick).max_pool2d(wick.zeros(2, 3, 5, 5), 3, padding=2),
              lambda: F(wick).avg_pool2d(wick.zeros(2, 3, 5, 5), 3, padding=2),
              lambda: F(wick).max_pool3d(wick.zeros(1, 2, 3, 5, 5), 3, padding=2)):
        with pytest.raises(RuntimeError, match="pad should be at most half of effective kernel "
                           "size, but got pad=2, kernel_size=3 and dilation=1"):
            f()
    # the effective kernel counts the dilation: allowed in 2.x
    y = F(wick).max_pool2d(wick.zeros(1, 1, 7, 7), 3, padding=2, dilation=2)
    assert tuple(y.shape) == (1, 1, 3, 3)


# ---- padding and shuffles -----------------------------------------------------------------

PADS = [
    ((1, 2, 3, 4), (1, 2), "constant"),
    ((1, 2, 3, 4), (1, -2, 0, 1, 1, 1, 1, 1), "constant"),
    ((2, 5), (-1, -1, 2, 0), "constant"),
    ((1, 2, 3, 4), (1, 2, 1, 1), "reflect"),
    ((1, 2, 3, 4), (-1, 2, 1, 1), "reflect"),
    ((1, 3, 3, 4), (1, 2, 1, 1, 1, 0), "reflect"),
    ((3, 4), (3, 2), "reflect"),
    ((2, 3, 5), (2, 4), "reflect"),
    ((1, 2, 3, 4), (1, 2, 1, 1), "replicate"),
    ((1, 2, 3, 4), (3, 5, 0, 2, 1, 1), "replicate"),
    ((2, 3, 5), (4, 1), "replicate"),
    ((3, 4, 5), (2, 3, 1, 0), "replicate"),
    ((1, 2, 3, 4), (1, 2, 1, 1), "circular"),
    ((1, 2, 3, 4, 5), (1, 2, 1, 1, 2, 0), "circular"),
    ((2, 3, 5), (5, 1), "circular"),
]


@pytest.mark.parametrize("shape,pad,mode", PADS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_pad(shape, pad, mode, dtype):
    import torch
    if mode == "circular":  # 1.13 records CopySlices; wick a CircularPadNDBackward0 node
        arr = data(shape)
        for m in (wick, torch):
            x = tensor(m, arr, dtype)
            y = F(m).pad(x, pad, mode=mode)
            y.backward(m.tensor(data(tuple(y.shape), 1), dtype=getattr(m, dtype)))
            if m is wick:
                wy, wg = y, x.grad
            else:
                close(wy, y, 1e-6, 1e-7)
                close(wg, x.grad, 1e-6, 1e-7)
        return
    parity(lambda m, x: F(m).pad(x, pad, mode=mode), shape, dtype)
    if mode == "constant":
        parity(lambda m, x: F(m).pad(x, pad, "constant", 2.5), shape, dtype)
        parity(lambda m, x: m.constant_pad_nd(x, pad, -1), shape, dtype)


def test_pad_integer_and_double_backward():
    import torch
    arr = np.arange(24).reshape(2, 3, 4)
    for mode in ("constant",):
        w = F(wick).pad(wick.tensor(arr), (1, 2), mode=mode)
        t = F(torch).pad(torch.tensor(arr), (1, 2), mode=mode)
        close(w, t, 0, 0)
    for mode in ("reflect", "replicate", "circular", "constant"):
        x = wick.tensor(data((2, 3, 5)), dtype=wick.float64, requires_grad=True)
        f = (lambda x, mode=mode: F(wick).pad(x, (2, 1), mode=mode))
        assert wick.autograd.gradcheck(f, (x,))
        assert wick.autograd.gradgradcheck(f, (x,))
        x4 = wick.tensor(data((1, 2, 3, 4)), dtype=wick.float64, requires_grad=True)
        f2 = (lambda x, mode=mode: F(wick).pad(x, (2, 1, 1, 2), mode=mode))
        assert wick.autograd.gradcheck(f2, (x4,))
        assert wick.autograd.gradgradcheck(f2, (x4,))
    names = {}
    for m in (wick, torch):
        x = tensor(m, data((1, 2, 3, 4)), "float64")
        y = F(m).pad(x, (1, 2, 1, 1), mode="reflect")
        (g,) = m.autograd.grad(y.sum(), x, create_graph=True)
        names[m.__name__] = g.grad_fn.name() if m is wick else type(g.grad_fn).__name__
    assert names["wick"] == names["torch"] == "ReflectionPad2DBackwardBackward0"


PAD_ERRORS = [
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 2, 3)),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 1) * 5),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 2), mode="reflect"),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 2), mode="replicate"),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (4, 2, 1, 1), mode="reflect"),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 1, 3, 3), mode="reflect"),
    lambda m: F(m).pad(m.zeros(3, 4), (4, 2), mode="reflect"),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (5, 2, 1, 1), mode="circular"),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 2), mode="foo"),
    lambda m: F(m).pad(m.zeros(1, 2, 3, 4), (1, 2), mode="reflect", value=1.0),
    lambda m: F(m).pad(m.zeros(4), (1, 2), mode="reflect"),
    lambda m: F(m).pixel_shuffle(m.zeros(1, 7, 2, 3), 2),
    lambda m: F(m).pixel_shuffle(m.zeros(8, 3), 2),
    lambda m: F(m).pixel_shuffle(m.zeros(1, 8, 2, 3), 0),
    lambda m: F(m).pixel_unshuffle(m.zeros(1, 2, 5, 6), 2),
    lambda m: F(m).pixel_unshuffle(m.zeros(1, 2, 4, 5), 2),
    lambda m: m.channel_shuffle(m.zeros(1, 2, 3, 4), 3),
]


@pytest.mark.parametrize("i", range(len(PAD_ERRORS)))
def test_pad_errors(i):
    w, t = errors_of(PAD_ERRORS[i])
    assert t is not None and w is not None, (w, t)
    assert w == t


@pytest.mark.parametrize("shape,r", [((1, 8, 2, 3), 2), ((2, 18, 3, 2), 3), ((9, 2, 2), 3),
                                     ((2, 1, 4, 2, 3), 2)])
def test_pixel_shuffle(shape, r):
    parity(lambda m, x: F(m).pixel_shuffle(x, r), shape)
    parity(lambda m, x: m.pixel_shuffle(x, r), shape)
    out = tuple(shape[:-3]) + (shape[-3] // (r * r), shape[-2] * r, shape[-1] * r)
    parity(lambda m, x: F(m).pixel_unshuffle(x, r), out)
    parity(lambda m, x: m.pixel_unshuffle(x, downscale_factor=r), out)
    x = wick.tensor(data(shape), dtype=wick.float64, requires_grad=True)
    assert wick.autograd.gradgradcheck(lambda x: F(wick).pixel_shuffle(x, r), (x,))


def test_channel_shuffle():
    import torch
    arr = data((2, 6, 3, 2))
    close(wick.channel_shuffle(wick.tensor(arr), 3), torch.channel_shuffle(torch.tensor(arr), 3),
          0, 0)
    close(F(wick).channel_shuffle(wick.tensor(arr), 2),
          F(torch).channel_shuffle(torch.tensor(arr), 2), 0, 0)


# ---- interpolate ----------------------------------------------------------------------------

INTERP = [
    ((2, 3, 5), dict(scale_factor=2, mode="nearest")),
    ((2, 3, 5), dict(size=7, mode="nearest")),
    ((2, 3, 5), dict(size=3, mode="nearest-exact")),
    ((2, 3, 5), dict(scale_factor=1.7, mode="linear")),
    ((2, 3, 5), dict(size=9, mode="linear", align_corners=True)),
    ((2, 3, 5), dict(size=3, mode="area")),
    ((2, 3, 4, 5), dict(scale_factor=2, mode="nearest")),
    ((2, 3, 4, 5), dict(scale_factor=(1.5, 2.3), mode="nearest")),
    ((2, 3, 4, 5), dict(size=(7, 3), mode="nearest-exact")),
    ((2, 3, 4, 5), dict(scale_factor=2, mode="bilinear")),
    ((2, 3, 4, 5), dict(scale_factor=0.6, mode="bilinear")),
    ((2, 3, 4, 5), dict(size=(6, 9), mode="bilinear", align_corners=True)),
    ((2, 3, 4, 5), dict(scale_factor=1.7, mode="bilinear", recompute_scale_factor=True)),
    ((2, 3, 4, 5), dict(scale_factor=2, mode="bicubic")),
    ((2, 3, 4, 5), dict(size=(7, 3), mode="bicubic", align_corners=True)),
    ((2, 3, 6, 5), dict(scale_factor=0.5, mode="bicubic")),
    ((2, 3, 4, 5), dict(size=(2, 3), mode="area")),
    ((2, 3, 4, 5), dict(scale_factor=0.5, mode="area")),
    ((1, 2, 3, 4, 5), dict(scale_factor=2, mode="nearest")),
    ((1, 2, 3, 4, 5), dict(size=(4, 3, 7), mode="nearest-exact")),
    ((1, 2, 3, 4, 5), dict(scale_factor=(1.5, 2, 0.7), mode="trilinear")),
    ((1, 2, 3, 4, 5), dict(size=(5, 5, 5), mode="trilinear", align_corners=True)),
    ((1, 2, 3, 4, 5), dict(size=(2, 2, 2), mode="area")),
    ((2, 3, 4, 5), dict(size=(4, 5), mode="bilinear")),
]


@pytest.mark.parametrize("shape,kw", INTERP)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_interpolate(shape, kw, dtype):
    parity(lambda m, x: F(m).interpolate(x, **kw), shape, dtype)


def test_interpolate_gradcheck():
    for shape, kw in INTERP[::2]:
        x = wick.tensor(data(shape), dtype=wick.float64, requires_grad=True)
        f = (lambda x, kw=kw: F(wick).interpolate(x, **kw))
        assert wick.autograd.gradcheck(f, (x,))
        assert wick.autograd.gradgradcheck(f, (x,))


def test_upsample_aliases():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parity(lambda m, x: F(m).upsample(x, scale_factor=2, mode="bilinear"), (1, 2, 3, 4))
        parity(lambda m, x: F(m).upsample_nearest(x, size=(5, 7)), (1, 2, 3, 4))
        parity(lambda m, x: F(m).upsample_bilinear(x, scale_factor=2), (1, 2, 3, 4))


INTERP_ERRORS = [
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), size=2, scale_factor=2),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4)),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), size=(2, 3, 4)),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), scale_factor=(2, 3, 4)),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), size=2, align_corners=True),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), size=2, recompute_scale_factor=True),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3), size=2, mode="bilinear"),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), size=2, mode="trilinear"),
    lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4), size=2, mode="linear"),
    lambda m: F(m).interpolate(m.zeros(2, 3), size=2),
]


@pytest.mark.parametrize("i", range(len(INTERP_ERRORS)))
def test_interpolate_errors(i):
    w, t = errors_of(INTERP_ERRORS[i])
    assert t is not None and w is not None, (w, t)
    assert w == t


# ---- grid_sample / affine_grid -------------------------------------------------

def grid_parity(shape, gshape, dtype, seed=0, **kw):
    """Values, grad_fn names and grads of input and grid against PyTorch."""
    import torch
    x0 = data(shape, seed)
    g0 = np.random.default_rng(seed + 7).uniform(-1.6, 1.6, gshape)
    res = {}
    for m in (wick, torch):
        x = tensor(m, x0, dtype)
        g = tensor(m, g0, dtype)
        y = F(m).grid_sample(x, g, **kw)
        y.backward(m.tensor(data(tuple(y.shape), seed + 1), dtype=getattr(m, dtype)))
        res[m.__name__] = (y, x.grad, g.grad)
    tol = (1e-4, 1e-5) if dtype == "float32" else (1e-10, 1e-12)
    for a, b in zip(res["wick"], res["torch"]):
        close(a, b, *tol)
    assert res["wick"][0].grad_fn.name() == type(res["torch"][0].grad_fn).__name__


GRID_KW = [dict(mode=mo, padding_mode=p, align_corners=a)
           for mo in ("bilinear", "nearest", "bicubic")
           for p in ("zeros", "border", "reflection") for a in (False, True)]


@pytest.mark.parametrize("kw", GRID_KW, ids=lambda kw: "-".join(map(str, kw.values())))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_grid_sample_2d(kw, dtype):
    grid_parity((2, 3, 5, 6), (2, 4, 3, 2), dtype, **kw)


@pytest.mark.parametrize("kw", [k for k in GRID_KW if k["mode"] != "bicubic"],
                         ids=lambda kw: "-".join(map(str, kw.values())))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_grid_sample_3d(kw, dtype):
    grid_parity((2, 2, 3, 4, 5), (2, 2, 3, 4, 3), dtype, **kw)


def test_grid_sample_edges_and_defaults():
    import warnings
    import torch
    # points exactly on pixel centres, the borders and far outside
    vals = [-3, -1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 3, 1e10]
    pts = np.array([[a, b] for a in vals for b in vals]).reshape(1, 1, -1, 2)
    for kw in GRID_KW:
        out = []
        for m in (wick, torch):
            x = tensor(m, data((1, 2, 4, 4)), "float64")
            g = tensor(m, pts, "float64")
            y = F(m).grid_sample(x, g, **kw)
            y.sum().backward()
            out.append((y, x.grad, g.grad))
        for a, b in zip(*out):
            close(a, b, 1e-9, 1e-9)
    # default align_corners warns and means False; non-contiguous operands
    for m in (wick, torch):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            F(m).grid_sample(m.zeros(1, 1, 2, 2), m.zeros(1, 1, 1, 2))
        assert len(w) == 1 and "align_corners=False since 1.3.0" in str(w[0].message)
    r = []
    for m in (wick, torch):
        x = m.tensor(data((2, 3, 4, 5)), dtype=m.float64).transpose(2, 3)
        g = m.tensor(np.random.default_rng(3).uniform(-1, 1, (2, 2, 3, 4)),
                     dtype=m.float64).permute(0, 2, 3, 1)
        r.append(m.grid_sampler(x, g, 2, 2, True))
    close(*r, 1e-12, 1e-12)


AFFINE_CASES = [(2, 3, 4, 5), (3, 1, 1, 6), (1, 2, 3, 4, 5), (2, 1, 1, 2, 3)]


@pytest.mark.parametrize("size", AFFINE_CASES)
@pytest.mark.parametrize("align", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_affine_grid(size, align, dtype):
    import warnings
    nd = len(size) - 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parity(lambda m, th: F(m).affine_grid(th, size, align_corners=align),
               (size[0], nd, nd + 1), dtype)
        parity(lambda m, th: m.affine_grid_generator(th, list(size), align),
               (size[0], nd, nd + 1), dtype)


def test_grid_gradcheck():
    import warnings
    rng = np.random.default_rng(5)
    x = wick.tensor(data((1, 2, 3, 4)), dtype=wick.float64, requires_grad=True)
    g = wick.tensor(rng.uniform(-1.3, 1.3, (1, 2, 3, 2)), dtype=wick.float64, requires_grad=True)
    x3 = wick.tensor(data((1, 2, 2, 3, 4)), dtype=wick.float64, requires_grad=True)
    g3 = wick.tensor(rng.uniform(-1.3, 1.3, (1, 2, 1, 2, 3)), dtype=wick.float64,
                     requires_grad=True)
    for kw in GRID_KW:
        assert wick.autograd.gradcheck(lambda a, b: F(wick).grid_sample(a, b, **kw), (x, g))
        if kw["mode"] != "bicubic":
            assert wick.autograd.gradcheck(lambda a, b: F(wick).grid_sample(a, b, **kw), (x3, g3))
    th = wick.tensor(rng.standard_normal((2, 3, 4)), dtype=wick.float64, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        f = lambda t: F(wick).affine_grid(t, (2, 1, 2, 3, 4))  # noqa: E731
        assert wick.autograd.gradcheck(f, (th,))
        assert wick.autograd.gradgradcheck(f, (th,))


def test_grid_sample_double_backward_not_implemented():
    for m in (wick,):
        x = m.zeros(1, 1, 2, 2, dtype=m.float64, requires_grad=True)
        g = m.zeros(1, 1, 1, 2, dtype=m.float64, requires_grad=True)
        y = F(m).grid_sample(x, g, align_corners=False)
        (gx,) = m.autograd.grad(y.sum(), (g,), create_graph=True)
        with pytest.raises(RuntimeError, match="derivative for grid_sampler_2d_backward"):
            gx.sum().backward()


GRID_ERRORS = [
    lambda m: F(m).grid_sample(m.zeros(1, 2, 3, 4), m.zeros(1, 2, 2, 2), mode="foo",
                               align_corners=False),
    lambda m: F(m).grid_sample(m.zeros(1, 2, 3, 4), m.zeros(1, 2, 2, 2), padding_mode="foo",
                               align_corners=False),
    lambda m: F(m).grid_sample(m.zeros(2, 2, 3, 4), m.zeros(1, 2, 2, 2), align_corners=False),
    lambda m: F(m).grid_sample(m.zeros(1, 2, 3, 4), m.zeros(1, 2, 2, 3), align_corners=False),
    lambda m: F(m).grid_sample(m.zeros(1, 2, 0, 4), m.zeros(1, 2, 2, 2), align_corners=False),
    lambda m: F(m).grid_sample(m.zeros(1, 2, 3, 4, 5), m.zeros(1, 2, 2, 2, 3), mode="bicubic",
                               align_corners=False),
    lambda m: F(m).affine_grid(m.zeros(2, 2, 3), (2, 3, 4, 5, 6), align_corners=False),
    lambda m: F(m).affine_grid(m.zeros(2, 3, 4), (2, 3, 4, 5), align_corners=False),
    lambda m: F(m).affine_grid(m.zeros(2, 2, 3), (3, 3, 4, 5), align_corners=False),
    lambda m: F(m).affine_grid(m.zeros(2, 2, 3), (2, 3, 4), align_corners=False),
    lambda m: F(m).affine_grid(m.zeros(2, 2, 3, dtype=m.int32), (2, 3, 4, 5),
                               align_corners=False),
    lambda m: F(m).affine_grid(m.zeros(2, 2, 3), (2, 3, 0, 5), align_corners=False),
    lambda m: m.affine_grid_generator(m.zeros(2, 2, 3), [2, 3, 4], False),
]


@pytest.mark.parametrize("i", range(len(GRID_ERRORS)))
def test_grid_errors(i):
    w, t = errors_of(GRID_ERRORS[i])
    assert t is not None and w is not None, (w, t)
    assert w == (t[0], t[1].replace("torch.", "wick."))


def test_grid_dtype_mismatch():
    # PyTorch 2.x wording (1.13 says "expected scalar type Float but found Double" and raises
    # RuntimeError "grid_sampler_2d_cpu not implemented for Int" for integers)
    with pytest.raises(NotImplementedError, match="\"grid_sampler_2d_cpu\" not implemented for 'Int'"):
        F(wick).grid_sample(wick.zeros(1, 2, 3, 4, dtype=wick.int32),
                            wick.zeros(1, 2, 2, 2, dtype=wick.int32), align_corners=False)
    with pytest.raises(RuntimeError, match="expected input and grid to have same dtype"):
        F(wick).grid_sample(wick.zeros(1, 1, 2, 2), wick.zeros(1, 1, 1, 2, dtype=wick.float64),
                            align_corners=False)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_grid_sample_low_precision(dtype):
    # PyTorch 2.x computes these in float on CPU (1.13 has no kernel): compare with float64
    rng = np.random.default_rng(2)
    x = wick.tensor(data((2, 3, 4, 5)), dtype=getattr(wick, dtype), requires_grad=True)
    g = wick.tensor(rng.uniform(-1.2, 1.2, (2, 3, 4, 2)), dtype=getattr(wick, dtype),
                    requires_grad=True)
    xr = x.detach().double().requires_grad_(True)
    gr = g.detach().double().requires_grad_(True)
    for mode in ("bilinear", "bicubic"):
        y = F(wick).grid_sample(x, g, mode=mode, align_corners=False)
        yr = F(wick).grid_sample(xr, gr, mode=mode, align_corners=False)
        y.sum().backward()
        yr.sum().backward()
        assert y.dtype == x.grad.dtype == g.grad.dtype == getattr(wick, dtype)
        tol = 2e-2 if dtype == "bfloat16" else 2e-3
        np.testing.assert_allclose(y.double().detach().numpy(), yr.detach().numpy(), atol=tol * 4)
        np.testing.assert_allclose(x.grad.double().numpy(), xr.grad.numpy(), atol=tol * 8)
        x.grad = g.grad = xr.grad = gr.grad = None


# ---- interpolate(antialias=True) --------------------------------------------------------

INTERP_AA = [
    ((2, 3, 9, 7), dict(size=(4, 3))),
    ((2, 3, 9, 7), dict(scale_factor=0.5)),
    ((1, 2, 20, 17), dict(size=(6, 5))),
    ((1, 2, 20, 17), dict(scale_factor=(0.3, 0.45))),
    ((1, 2, 16, 16), dict(size=(5, 16))),
    ((1, 2, 16, 16), dict(size=(16, 5))),
    ((1, 2, 5, 6), dict(size=(11, 13))),
    ((1, 2, 5, 6), dict(scale_factor=2.5)),
    ((1, 2, 9, 7), dict(size=(4, 3), align_corners=True)),
    ((1, 2, 9, 7), dict(size=(1, 1))),
    ((1, 2, 4, 9), dict(size=(9, 4), align_corners=True)),
    ((1, 2, 9, 7), dict(scale_factor=0.4, recompute_scale_factor=True)),
]


@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
@pytest.mark.parametrize("shape,kw", INTERP_AA)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_interpolate_antialias(shape, kw, mode, dtype):
    parity(lambda m, x: F(m).interpolate(x, mode=mode, antialias=True, **kw), shape, dtype)


@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
def test_interpolate_antialias_float_rounding(mode):
    # float32 values as PyTorch's to a few ulps (same weights, same pass order).
    import torch
    arr = data((2, 3, 37, 29), 4)
    kw = dict(size=(11, 8), mode=mode, antialias=True)
    w = F(wick).interpolate(wick.tensor(arr, dtype=wick.float32), **kw)
    t = F(torch).interpolate(torch.tensor(arr, dtype=torch.float32), **kw)
    np.testing.assert_allclose(w.numpy(), t.numpy(), rtol=2e-6, atol=2e-6)


@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
def test_interpolate_antialias_direct_and_noncontiguous(mode):
    import torch
    arr = data((2, 3, 12, 10), 2)
    for m in (wick, torch):
        x = m.tensor(arr, dtype=m.float32).transpose(2, 3)
        r = getattr(m._C._nn, f"_upsample_{mode}2d_aa")(x, [4, 5], False, None)
        r2 = getattr(m._C._nn, f"_upsample_{mode}2d_aa")(x, None, False, [0.5, 0.5])
        if m is wick:
            w, w2 = r, r2
        else:
            t, t2 = r, r2
    close(w, t, 1e-5, 1e-6)
    close(w2, t2, 1e-5, 1e-6)


def test_interpolate_antialias_gradcheck():
    for mode in ("bilinear", "bicubic"):
        for shape, kw in INTERP_AA[::3]:
            x = wick.tensor(data(shape), dtype=wick.float64, requires_grad=True)
            f = (lambda x, kw=kw: F(wick).interpolate(x, mode=mode, antialias=True, **kw))
            assert wick.autograd.gradcheck(f, (x,))
            assert wick.autograd.gradgradcheck(f, (x,))
    x = wick.randn(1, 1, 6, 6, dtype=wick.float64, requires_grad=True)
    y = F(wick).interpolate(x, size=(3, 3), mode="bilinear", antialias=True)
    (g,) = wick.autograd.grad(y.sum(), x, create_graph=True)
    assert g.grad_fn.name() == "UpsampleBilinear2DAaBackwardBackward0"


def test_interpolate_antialias_errors():
    w, t = errors_of(lambda m: F(m).interpolate(m.zeros(1, 2, 3), size=2, mode="linear",
                                                antialias=True))
    assert w == t and t is not None
    w, t = errors_of(lambda m: F(m).interpolate(m.zeros(1, 2, 3, 4, 5), size=2, mode="bilinear",
                                                antialias=True))
    assert w == t and t is not None

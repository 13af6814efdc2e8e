"""wick.nn.functional normalisation, dropout and embedding against PyTorch:
values, running-stat updates, gradients of every input, grad_fn names, train vs
eval, float64 gradcheck/gradgradcheck, dropout masks for the same seed, errors."""
import warnings

import numpy as np
import pytest

import wick
from conftest import needs_torch
from ops_helpers import check, compare

pytestmark = needs_torch

RNG = np.random.default_rng(7)


def arr(*shape, scale=1.0, shift=0.0):
    return (RNG.standard_normal(shape) * scale + shift).tolist()


def F(m):
    return m.nn.functional


def gname(t):
    return repr(t.grad_fn).split()[0].lstrip("<")


def run_grad(fn, datas, dtype="float32", rtol=2e-5, atol=2e-5, name=None, grad_mask=None):
    """fn(m, *tensors) in wick and torch; compares output, grad_fn name and the
    gradients of every input after backward with a fixed output gradient."""
    import torch
    res = {}
    for m in (wick, torch):
        dt = getattr(m, dtype)
        ts = [None if d is None else m.tensor(d, dtype=dt, requires_grad=(grad_mask is None or grad_mask[i]))
              for i, d in enumerate(datas)]
        y = fn(m, *ts)
        gout = m.tensor(np.linspace(-1, 1, int(np.prod(y.shape))).reshape(tuple(y.shape)).tolist(), dtype=dt)
        y.backward(gout)
        res[m.__name__] = (y, [t.grad if t is not None else None for t in ts])
    (yw, gw), (yt, gt) = res["wick"], res["torch"]
    compare(yw.detach(), yt.detach(), rtol, atol, check_repr=False)
    if name != "any":
        assert gname(yw) == gname(yt) == (name or gname(yt))
    for a, b in zip(gw, gt):
        if b is None:
            assert a is None
        else:
            compare(a, b, rtol * 10, atol * 10, check_repr=False)


# ---- batch_norm --------------------------------------------------------------------

SHAPES = [(6, 3), (4, 3, 5), (3, 3, 4, 5), (2, 3, 2, 3, 4)]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_batch_norm_values_grads(shape, training, dtype):
    C = shape[1]
    x, w, b = arr(*shape, scale=2, shift=1), arr(C), arr(C)
    rm, rv = arr(C), (np.abs(arr(C)) + 0.5).tolist()
    stats = {}

    def f(m, x, w, b):
        dt = getattr(m, dtype)
        r_m, r_v = m.tensor(rm, dtype=dt), m.tensor(rv, dtype=dt)
        y = F(m).batch_norm(x, r_m, r_v, w, b, training=training, momentum=0.3, eps=1e-3)
        stats[m.__name__] = (r_m, r_v)
        return y
    run_grad(f, [x, w, b], dtype, name="NativeBatchNormBackward0")
    for a, t in zip(stats["wick"], stats["torch"]):
        compare(a, t, 1e-5, 1e-6, check_repr=False)


def test_batch_norm_no_stats_no_affine_and_keywords():
    x = arr(5, 4, 3)
    run_grad(lambda m, x: F(m).batch_norm(x, None, None, training=True), [x])
    run_grad(lambda m, x, w: F(m).batch_norm(x, None, None, weight=w, training=True, eps=0.1),
             [x, arr(4)])
    run_grad(lambda m, x, b: m.batch_norm(x, None, b, None, None, True, 0.1, 1e-5, False),
             [x, arr(4)])
    check(lambda m: m.native_batch_norm(m.tensor(x), None, None, None, None, True, 0.1, 1e-5),
          2e-5, 1e-6, check_repr=False)


def test_batch_norm_non_contiguous_and_half():
    x = np.array(arr(4, 6, 5))
    check(lambda m: F(m).batch_norm(m.tensor(x.tolist()).transpose(0, 2), None, None, training=True),
          2e-5, 1e-5, check_repr=False)
    check(lambda m: F(m).batch_norm(m.tensor(x.tolist(), dtype=m.bfloat16), None, None,
                                    training=True), 2e-2, 2e-2, check_repr=False)


def test_batch_norm_gradcheck():
    x = wick.tensor(arr(4, 3, 2), dtype=wick.float64, requires_grad=True)
    w = wick.tensor(arr(3), dtype=wick.float64, requires_grad=True)
    b = wick.tensor(arr(3), dtype=wick.float64, requires_grad=True)
    rm, rv = wick.zeros(3, dtype=wick.float64), wick.ones(3, dtype=wick.float64) * 2
    for training in (True, False):
        f = lambda x, w, b: wick.nn.functional.batch_norm(x, rm.clone(), rv.clone(), w, b,  # noqa: E731
                                                          training=training)
        assert wick.autograd.gradcheck(f, (x, w, b))
        assert wick.autograd.gradgradcheck(f, (x, w, b))


def test_batch_norm_errors():
    check(lambda m: F(m).batch_norm(m.randn(1, 3), None, None, training=True))
    check(lambda m: F(m).batch_norm(m.randn(2, 3), m.zeros(4), m.ones(3)))
    check(lambda m: F(m).batch_norm(m.randn(2, 3), m.zeros(3), m.ones(4)))
    check(lambda m: F(m).batch_norm(m.randn(2, 3), m.zeros(3), m.ones(3), weight=m.ones(4)))
    check(lambda m: F(m).batch_norm(m.randn(2, 3), m.zeros(3), m.ones(3), bias=m.ones(4)))
    check(lambda m: F(m).batch_norm(m.randn(2, 3), None, None))
    check(lambda m: F(m).batch_norm(m.randn(3), None, None, training=True))


# ---- layer_norm / group_norm / instance_norm ---------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("ns", [(5,), (4, 5), (3, 4, 5)])
def test_layer_norm(dtype, ns):
    x = arr(3, 4, 5, scale=3, shift=2)
    run_grad(lambda m, x, w, b: F(m).layer_norm(x, ns, w, b, eps=1e-4),
             [x, arr(*ns), arr(*ns)], dtype, name="NativeLayerNormBackward0")
    run_grad(lambda m, x: F(m).layer_norm(x, ns), [x], dtype)
    run_grad(lambda m, x, w: m.layer_norm(x, list(ns), w), [x, arr(*ns)], dtype)


def test_layer_norm_gradcheck_and_errors():
    x = wick.tensor(arr(3, 4), dtype=wick.float64, requires_grad=True)
    w = wick.tensor(arr(4), dtype=wick.float64, requires_grad=True)
    b = wick.tensor(arr(4), dtype=wick.float64, requires_grad=True)
    f = lambda x, w, b: wick.nn.functional.layer_norm(x, (4,), w, b)  # noqa: E731
    assert wick.autograd.gradcheck(f, (x, w, b))
    assert wick.autograd.gradgradcheck(f, (x, w, b))
    check(lambda m: F(m).layer_norm(m.randn(2, 3), (4,)))
    check(lambda m: F(m).layer_norm(m.randn(2, 3), (3,), m.ones(4)))
    check(lambda m: F(m).layer_norm(m.randn(2, 3), (3,), None, m.ones(4)))
    check(lambda m: F(m).layer_norm(m.randn(3), ()))
    d = arr(2, 3)
    check(lambda m: m.native_layer_norm(m.tensor(d), [3], None, None, 1e-5), 2e-5, 1e-6,
          check_repr=False)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape,groups", [((4, 6), 3), ((2, 6, 5), 2), ((2, 4, 3, 3), 4),
                                          ((2, 4, 3, 3), 1)])
def test_group_norm(dtype, shape, groups):
    x = arr(*shape, scale=2, shift=-1)
    C = shape[1]
    run_grad(lambda m, x, w, b: F(m).group_norm(x, groups, w, b, eps=1e-4),
             [x, arr(C), arr(C)], dtype, name="NativeGroupNormBackward0")
    run_grad(lambda m, x: F(m).group_norm(x, groups), [x], dtype)


def test_group_norm_gradcheck_and_errors():
    x = wick.tensor(arr(2, 4, 3), dtype=wick.float64, requires_grad=True)
    w = wick.tensor(arr(4), dtype=wick.float64, requires_grad=True)
    b = wick.tensor(arr(4), dtype=wick.float64, requires_grad=True)
    f = lambda x, w, b: wick.nn.functional.group_norm(x, 2, w, b)  # noqa: E731
    assert wick.autograd.gradcheck(f, (x, w, b))
    assert wick.autograd.gradgradcheck(f, (x, w, b))
    check(lambda m: F(m).group_norm(m.randn(2, 6, 4), 4))
    check(lambda m: F(m).group_norm(m.randn(2, 6, 4), 3, m.ones(5)))
    # (PyTorch 1.13 prints the weight's shape, [0], for the bias)
    with pytest.raises(RuntimeError, match=r"but got bias of shape \[5\] and input of shape \[2, 6, 4\]"):
        F(wick).group_norm(wick.randn(2, 6, 4), 3, None, wick.ones(5))
    d = arr(2, 4, 3)
    check(lambda m: m.native_group_norm(m.tensor(d), None, None, 2, 4, 3, 2, 1e-5),
          2e-5, 1e-6, check_repr=False)


@pytest.mark.parametrize("use_input_stats", [True, False])
def test_instance_norm(use_input_stats):
    x = arr(3, 4, 5, scale=2)
    rm, rv = arr(4), (np.abs(arr(4)) + 0.5).tolist()
    stats = {}

    def f(m, x, w, b):
        r_m, r_v = m.tensor(rm), m.tensor(rv)
        stats[m.__name__] = (r_m, r_v)
        return F(m).instance_norm(x, r_m, r_v, w, b, use_input_stats=use_input_stats, momentum=0.2)
    run_grad(f, [x, arr(4), arr(4)], name="ViewBackward0")
    for a, t in zip(stats["wick"], stats["torch"]):
        compare(a, t, 1e-5, 1e-6, check_repr=False)
    run_grad(lambda m, x: F(m).instance_norm(x), [x])
    check(lambda m: F(m).instance_norm(m.randn(2, 3, 1)))


def test_local_response_norm():
    for shape in [(2, 6, 5), (2, 5, 3, 4), (1, 4, 2, 2, 3)]:
        for size in (1, 2, 3, 4):
            run_grad(lambda m, x: F(m).local_response_norm(x, size, alpha=0.1, beta=0.6, k=2.0),
                     [arr(*shape)], "float64", 1e-6, 1e-7)
    # PyTorch 1.13's message has stray spaces (fixed in 2.x, whose wording wick has)
    with pytest.raises(ValueError, match=r"Expected 3D or higher dimensionality input \(got 2 dimensions\)"):
        F(wick).local_response_norm(wick.randn(2, 3), 2)


def test_normalize_cosine_pairwise():
    a, b = arr(4, 5), arr(4, 5)
    for p in (1.0, 2.0, 3.0):
        run_grad(lambda m, x: F(m).normalize(x, p=p, dim=-1), [a], "float64", 1e-6, 1e-7,
                 name="DivBackward0")
    run_grad(lambda m, x: F(m).normalize(x), [a], "float64", 1e-6, 1e-7)
    run_grad(lambda m, x, y: F(m).cosine_similarity(x, y), [a, b], "float64", 1e-6, 1e-7)
    run_grad(lambda m, x, y: m.cosine_similarity(x, y, dim=0, eps=1e-3), [a, b], "float64", 1e-6, 1e-7)
    run_grad(lambda m, x, y: F(m).cosine_similarity(x, y), [arr(4, 1), b], "float64", 1e-6, 1e-7)
    for p in (1.0, 2.0, 3.5):
        for keepdim in (False, True):
            # grad_fn: 1.13 says NormBackward1, wick's norm records LinalgVectorNormBackward0
            run_grad(lambda m, x, y: F(m).pairwise_distance(x, y, p=p, keepdim=keepdim), [a, b],
                     "float64", 1e-6, 1e-7, name="any")
    run_grad(lambda m, x, y: m.pairwise_distance(x, y), [arr(5), arr(5)], "float64", 1e-6, 1e-7,
             name="any")
    c1, c2 = arr(3, 4), arr(5, 4)
    check(lambda m: m.cdist(m.tensor(c1, dtype=m.float64), m.tensor(c2, dtype=m.float64)),
          1e-6, 1e-7, check_repr=False)


# ---- dropout -----------------------------------------------------------------------

def seeded(fn):
    import torch
    torch.manual_seed(1234)
    wick.manual_seed(1234)
    return check(fn, 1e-6, 1e-7)


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9, 1.0])
def test_dropout_masks_match(p):
    seeded(lambda m: F(m).dropout(m.ones(7, 9), p))
    seeded(lambda m: F(m).dropout(m.ones(7, 9), p, training=False))
    seeded(lambda m: m.dropout(m.ones(100), p, True))
    seeded(lambda m: F(m).alpha_dropout(m.ones(5, 6), p, True))
    seeded(lambda m: F(m).feature_alpha_dropout(m.ones(3, 4, 5), p, True))
    seeded(lambda m: F(m).dropout1d(m.ones(3, 4, 5), p))
    seeded(lambda m: F(m).dropout1d(m.ones(4, 5), p))
    seeded(lambda m: F(m).dropout2d(m.ones(2, 3, 4, 5), p))
    seeded(lambda m: F(m).dropout3d(m.ones(2, 3, 2, 2, 2), p))
    seeded(lambda m: F(m).dropout3d(m.ones(3, 2, 2, 2), p))
    seeded(lambda m: F(m).dropout(m.ones(4, 4, dtype=m.float64), p, inplace=True))


def test_dropout_grad_and_inplace():
    import torch
    for m in (wick, torch):
        m.manual_seed(5)
    res = []
    for m in (wick, torch):
        m.manual_seed(5)
        x = m.ones(50, requires_grad=True)
        y = F(m).dropout(x, 0.4)
        y.sum().backward()
        res.append((y, x.grad, gname(y)))
    compare(res[0][0].detach(), res[1][0].detach())
    compare(res[0][1], res[1][1])
    assert res[0][2] == res[1][2] == "MulBackward0"
    x = wick.ones(5)
    assert F(wick).dropout(x, 0.5, training=False) is x
    y = F(wick).dropout(x, 0.5, inplace=True)
    assert y is x


def test_dropout_errors_and_warnings():
    for p in (1.5, -0.1, -1):
        check(lambda m: F(m).dropout(m.ones(3), p))
        check(lambda m: F(m).alpha_dropout(m.ones(3), p))
        check(lambda m: F(m).dropout2d(m.ones(3, 3, 3), p))
        check(lambda m: m.dropout(m.ones(3), p, True))
    check(lambda m: F(m).dropout1d(m.ones(3), 0.5))
    check(lambda m: F(m).feature_alpha_dropout(m.ones(3), 0.5, True))
    import torch
    for args in [((3,),), ((2, 3, 4),), ((2, 2, 3, 4, 5),)]:
        msgs = []
        for m in (wick, torch):
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                try:
                    F(m).dropout2d(m.ones(*args[0]), 0.5)
                except RuntimeError:
                    pass
            msgs.append([str(x.message) for x in w])
        assert msgs[0] == msgs[1]
    msgs = []
    for m in (wick, torch):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            F(m).dropout3d(m.ones(2, 3), 0.5)
        msgs.append([str(x.message) for x in w])
    assert msgs[0] == msgs[1] and msgs[0]


# ---- embedding / embedding_bag / one_hot -------------------------------------------

def test_embedding():
    W = arr(6, 3)
    idx = [[0, 2, 5], [2, 2, 1]]

    def f(**kw):
        return lambda m, w: F(m).embedding(m.tensor(idx), w, **kw)
    run_grad(f(), [W], "float64", name="EmbeddingBackward0")
    run_grad(f(padding_idx=2), [W], "float64")
    run_grad(f(padding_idx=-1), [W], "float64")
    run_grad(f(scale_grad_by_freq=True), [W], "float64")
    run_grad(lambda m, w: m.embedding(w, m.tensor([1, 0, 1])), [W], "float64")
    check(lambda m: F(m).embedding(m.tensor([1.0]), m.randn(3, 2)))
    check(lambda m: F(m).embedding(m.tensor([5]), m.randn(3, 2)))
    check(lambda m: F(m).embedding(m.tensor([1]), m.randn(3)))
    check(lambda m: F(m).embedding(m.tensor([1]), m.randn(3, 2), padding_idx=3))
    w = wick.tensor(W, dtype=wick.float64, requires_grad=True)
    assert wick.autograd.gradgradcheck(
        lambda w: wick.nn.functional.embedding(wick.tensor(idx), w, padding_idx=1), (w,))


def test_embedding_max_norm():
    W = (np.array(arr(6, 3)) * 3).tolist()
    res = []
    import torch
    for m in (wick, torch):
        w = m.tensor(W)
        y = F(m).embedding(m.tensor([[0, 1], [1, 4]]), w, max_norm=1.5, norm_type=2.0)
        res.append((y, w))
    compare(res[0][0], res[1][0], 1e-5, 1e-6)
    compare(res[0][1], res[1][1], 1e-5, 1e-6)


@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
def test_embedding_bag(mode):
    W = arr(8, 3)
    idx = [1, 2, 4, 5, 4, 3, 2, 7]
    offs = [0, 2, 2, 5]

    def f(**kw):
        return lambda m, w: F(m).embedding_bag(m.tensor(idx), w, m.tensor(offs), mode=mode, **kw)
    run_grad(f(), [W], "float64", name="EmbeddingBagBackward0")
    run_grad(lambda m, w: F(m).embedding_bag(m.tensor(idx), w, m.tensor(offs + [8]), mode=mode,
                                             include_last_offset=True), [W], "float64")
    # (PyTorch 1.13's backward corrupts its heap with padding_idx: forward only)
    check(lambda m: F(m).embedding_bag(m.tensor(idx), m.tensor(W, dtype=m.float64),
                                       m.tensor(offs), mode=mode, padding_idx=2), 1e-6, 1e-7)
    w = wick.tensor(W, dtype=wick.float64, requires_grad=True)
    F(wick).embedding_bag(wick.tensor(idx), w, wick.tensor(offs), mode=mode,
                          padding_idx=2).sum().backward()
    assert w.grad[2].abs().sum().item() == 0 and w.grad[1].abs().sum().item() > 0
    run_grad(lambda m, w: F(m).embedding_bag(m.tensor([[1, 2], [3, 3]]), w, mode=mode), [W],
             "float64")
    if mode == "sum":
        run_grad(lambda m, w, p: F(m).embedding_bag(m.tensor(idx), w, m.tensor(offs), mode="sum",
                                                    per_sample_weights=p), [W, arr(8)], "float64",
                 grad_mask=[True, False])


def test_one_hot():
    check(lambda m: F(m).one_hot(m.tensor([0, 3, 1])))
    check(lambda m: F(m).one_hot(m.tensor([[0, 3], [1, 1]]), num_classes=5))
    check(lambda m: F(m).one_hot(m.tensor([], dtype=m.int64), 3))
    check(lambda m: F(m).one_hot(m.tensor([1.0])))
    check(lambda m: F(m).one_hot(m.tensor([-1])))
    check(lambda m: F(m).one_hot(m.tensor([3]), 2))
    check(lambda m: F(m).one_hot(m.tensor([], dtype=m.int64)))


# ---- embedding_bag(scale_grad_by_freq=True) ----------------------------------------------

def _bag_grad(m, idx, off, mode, padding_idx=None, psw=None, via_embedding=False):
    Fm = m.nn.functional
    w = m.arange(12.0, dtype=m.float64).view(6, 2).requires_grad_()
    i = m.tensor(idx)
    go = m.arange(2.0 * len(off), dtype=m.float64).view(len(off), 2) + 1
    if via_embedding:  # the reference: embedding's (correct) frequency scaling, then the bags
        e = Fm.embedding(i, w, padding_idx=padding_idx, scale_grad_by_freq=True)
        bounds = list(off) + [len(idx)]
        rows = []
        for b in range(len(off)):
            seg = e[bounds[b]:bounds[b + 1]]
            keep = [j for j in range(bounds[b], bounds[b + 1]) if idx[j] != padding_idx]
            if mode == "sum":
                rows.append(seg.sum(0))
            else:
                rows.append(seg.sum(0) / max(len(keep), 1))
        out = m.stack(rows)
    else:
        out = Fm.embedding_bag(i, w, m.tensor(off), mode=mode, scale_grad_by_freq=True,
                               padding_idx=padding_idx, per_sample_weights=psw)
    out.backward(go)
    return w.grad


@pytest.mark.parametrize("mode", ["sum", "mean"])
@pytest.mark.parametrize("padding_idx", [None, 2])
def test_embedding_bag_scale_grad_by_freq(mode, padding_idx):
    import torch
    idx, off = [1, 2, 1, 3, 1, 0, 2], [0, 3, 5]
    w = _bag_grad(wick, idx, off, mode, padding_idx)
    # Each index's gradient divided by its frequency in the batch (PyTorch's
    # embedding and CUDA embedding_bag; 1.13's CPU embedding_bag divides some rows by
    # another index's count, pytorch/pytorch#190063).
    t = _bag_grad(torch, idx, off, mode, padding_idx, via_embedding=True)
    np.testing.assert_allclose(w.numpy(), t.numpy(), rtol=1e-12)
    # Where the CPU kernel's counts happen to be right, it agrees with wick.
    idx2, off2 = [4, 1, 1, 4, 0, 0], [0, 2, 4]
    w2 = _bag_grad(wick, idx2, off2, mode, padding_idx)
    t2 = _bag_grad(torch, idx2, off2, mode, padding_idx)
    np.testing.assert_allclose(w2.numpy(), t2.numpy(), rtol=1e-12)


def test_embedding_bag_scale_grad_by_freq_per_sample_weights():
    import torch
    idx, off = [1, 1, 3, 3, 0, 0], [0, 3]
    psw = np.linspace(0.5, 2.0, 6)
    w = _bag_grad(wick, idx, off, "sum", psw=wick.tensor(psw))
    t = _bag_grad(torch, idx, off, "sum", psw=torch.tensor(psw))
    np.testing.assert_allclose(w.numpy(), t.numpy(), rtol=1e-12)
    # without the flag nothing is scaled
    ww = wick.ones(4, 2, dtype=wick.float64, requires_grad=True)
    F_ = wick.nn.functional
    F_.embedding_bag(wick.tensor([1, 1, 3]), ww, wick.tensor([0])).sum().backward()
    assert ww.grad[1].tolist() == [2 / 3, 2 / 3]


def test_embedding_bag_max_mode_refuses_scale_grad_by_freq():
    import torch
    for lib in (torch, wick):
        with pytest.raises(ValueError, match="max mode does not support scaling the gradient by the frequency"):
            lib.nn.functional.embedding_bag(lib.tensor([[0, 1]]), lib.randn(3, 2), mode="max",
                                            scale_grad_by_freq=True)

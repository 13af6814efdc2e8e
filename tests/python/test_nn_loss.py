"""wick.nn.functional softmax family and losses: parity with torch.nn.functional."""
import warnings

import numpy as np
import pytest

import wick
import wick.nn.functional as WF
from conftest import needs_torch

pytestmark = needs_torch

rng = np.random.RandomState(0)
X = rng.randn(4, 5)
X3 = rng.randn(2, 3, 4)
Y = rng.randn(4, 5)
P = rng.rand(4, 5)
T = np.array([0, 3, 1, 4])
S = np.sign(rng.randn(4, 5))


def _libs():
    import torch
    import torch.nn.functional as TF
    return ((torch, TF), (wick, WF))


def _np(t):
    return np.array(t.detach().double().tolist()) if t is not None else None


def _name(r):
    fn = r.grad_fn
    if fn is None:
        return None
    return type(fn).__name__ if type(fn).__module__ != "wick._C" and hasattr(fn, "__module__") and not hasattr(fn, "name") else fn.name()


def parity(f, data=X, dtype="float64", grad=True, check_name=True, tol=1e-6):
    outs = []
    for lib, F in _libs():
        x = lib.tensor(data, dtype=getattr(lib, dtype), requires_grad=grad)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = f(lib, F, x)
        g = None
        if grad:
            (r * lib.arange(r.numel(), dtype=r.dtype).reshape(r.shape).add(1)).sum().backward()
            g = _np(x.grad)
        outs.append((r, g))
    (rt, gt), (rw, gw) = outs
    assert tuple(rt.shape) == tuple(rw.shape)
    assert str(rw.dtype) == str(rt.dtype).replace("torch.", "wick.")
    np.testing.assert_allclose(_np(rw), _np(rt), rtol=tol, atol=tol)
    if grad:
        np.testing.assert_allclose(gw, gt, rtol=tol, atol=tol)
        if check_name:
            assert rw.grad_fn.name() == type(rt.grad_fn).__name__


def L(lib, a, **kw):
    return lib.tensor(a, **kw)


# ---- softmax family -------------------------------------------------------------------

@pytest.mark.parametrize("fn", ["softmax", "log_softmax", "softmin"])
@pytest.mark.parametrize("dim", [0, 1, -1])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_family(fn, dim, dtype):
    parity(lambda lib, F, x: getattr(F, fn)(x, dim), dtype=dtype, tol=1e-5)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dim", [0, 1, 2])
def test_softmax_3d_and_noncontiguous(fn, dim):
    parity(lambda lib, F, x: getattr(F, fn)(x.transpose(0, 2), dim), data=X3)
    parity(lambda lib, F, x: getattr(lib, fn)(x, dim), data=X3)
    parity(lambda lib, F, x: getattr(x, fn)(dim), data=X3)


def test_softmax_dtype_and_large_rows():
    big = rng.randn(3, 300) * 30
    parity(lambda lib, F, x: F.softmax(x, 1, dtype=lib.float64), data=big, dtype="float32", check_name=False)
    parity(lambda lib, F, x: F.log_softmax(x, 0), data=rng.randn(70, 130))
    parity(lambda lib, F, x: F.softmax(x, 0), data=np.array(2.0))


def test_softmax_implicit_dim_warns():
    x = wick.tensor(X)
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax has been deprecated"):
        r = WF.softmax(x)
    import torch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = torch.nn.functional.softmax(torch.tensor(X))
    np.testing.assert_allclose(_np(r), _np(t))


def test_softmax_errors():
    with pytest.raises(IndexError):
        WF.softmax(wick.tensor(X), 2)
    with pytest.raises((RuntimeError, NotImplementedError), match="not implemented for 'Long'"):
        WF.softmax(wick.tensor([1, 2]), 0)


def test_softmax_double_backward():
    x = wick.tensor(rng.randn(3, 4), requires_grad=True)
    assert wick.autograd.gradcheck(lambda a: WF.softmax(a, 1), (x,))
    assert wick.autograd.gradgradcheck(lambda a: WF.softmax(a, 0), (x,))
    assert wick.autograd.gradgradcheck(lambda a: WF.log_softmax(a, 1), (x,))


# ---- nll / cross entropy ----------------------------------------------------------------

@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_nll_loss(reduction):
    parity(lambda lib, F, x: F.nll_loss(x, L(lib, T), reduction=reduction))
    parity(lambda lib, F, x: F.nll_loss(x, L(lib, T), weight=L(lib, P[0]), ignore_index=3, reduction=reduction))
    parity(lambda lib, F, x: F.nll_loss(x[0], L(lib, 2), reduction=reduction))


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_nll_loss_spatial(reduction):
    d4 = rng.randn(2, 3, 2, 2)
    t4 = rng.randint(0, 3, (2, 2, 2))
    parity(lambda lib, F, x: F.nll_loss(x, L(lib, t4), reduction=reduction), data=d4)
    t3 = rng.randint(0, 3, (2, 4))
    parity(lambda lib, F, x: F.nll_loss(x, L(lib, t3), reduction=reduction, ignore_index=1), data=X3, check_name=False)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("ls", [0.0, 0.25])
def test_cross_entropy(reduction, ls):
    parity(lambda lib, F, x: F.cross_entropy(x, L(lib, T), reduction=reduction, label_smoothing=ls))
    parity(lambda lib, F, x: F.cross_entropy(x, L(lib, T), weight=L(lib, P[1]), ignore_index=1,
                                             reduction=reduction, label_smoothing=ls))
    parity(lambda lib, F, x: F.cross_entropy(x, L(lib, P), reduction=reduction, label_smoothing=ls),
           check_name=False)
    parity(lambda lib, F, x: F.cross_entropy(x, L(lib, P), weight=L(lib, P[2]), reduction=reduction),
           check_name=False)
    t3 = rng.randint(0, 3, (2, 4))
    parity(lambda lib, F, x: F.cross_entropy(x, L(lib, t3), reduction=reduction, label_smoothing=ls),
           data=X3, check_name=False)


def test_cross_entropy_graph():
    x = wick.tensor(X, requires_grad=True)
    r = WF.cross_entropy(x, wick.tensor(T))
    assert r.grad_fn.name() == "NllLossBackward0"
    assert r.grad_fn.next_functions[0][0].name() == "LogSoftmaxBackward0"


def test_nll_errors():
    x = wick.tensor(X)
    with pytest.raises(IndexError, match="Target 5 is out of bounds."):
        WF.nll_loss(x, wick.tensor([0, 1, 2, 5]))
    with pytest.raises(ValueError, match=r"Expected input batch_size \(4\) to match target batch_size \(2\)\."):
        WF.nll_loss(x, wick.tensor([0, 1]))
    with pytest.raises(RuntimeError, match="expected scalar type Long but found Float"):
        WF.nll_loss(x, wick.tensor([0.0, 1, 2, 3]))
    with pytest.raises(ValueError, match="foo is not a valid value for reduction"):
        WF.nll_loss(x, wick.tensor(T), reduction="foo")
    with pytest.raises(RuntimeError, match="weight tensor should be defined either for all 5 classes"):
        WF.nll_loss(x, wick.tensor(T), weight=wick.ones(4, dtype=wick.float64))
    with pytest.raises(RuntimeError, match=r"Expected target size \[2, 4\], got \[2, 5\]"):
        WF.nll_loss(wick.tensor(X3), wick.zeros(2, 5, dtype=wick.int64))
    with pytest.raises(RuntimeError, match="label_smoothing must be between 0.0 and 1.0"):
        WF.cross_entropy(x, wick.tensor(T), label_smoothing=1.5)


def test_legacy_reduction_args_warn():
    x = wick.tensor(X)
    with pytest.warns(UserWarning, match="size_average and reduce args will be deprecated, please use reduction='sum' instead."):
        r = WF.nll_loss(x, wick.tensor(T), size_average=False)
    import torch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = torch.nn.functional.nll_loss(torch.tensor(X), torch.tensor(T), size_average=False)
    np.testing.assert_allclose(_np(r), _np(t))
    with pytest.warns(UserWarning, match="reduction='none'"):
        assert WF.mse_loss(x, x, reduce=False).shape == (4, 5)
    with pytest.warns(UserWarning, match="elementwise_mean"):
        WF.mse_loss(x, x, reduction="elementwise_mean")


def test_nll_double_backward():
    x = wick.tensor(rng.randn(3, 4), requires_grad=True)
    t = wick.tensor([0, 3, 1])
    assert wick.autograd.gradcheck(lambda a: WF.cross_entropy(a, t, label_smoothing=0.1), (x,))
    assert wick.autograd.gradgradcheck(lambda a: WF.cross_entropy(a, t), (x,))
    assert wick.autograd.gradgradcheck(lambda a: WF.nll_loss(a, t, reduction="none"), (x,))


# ---- regression / pointwise losses --------------------------------------------------------

@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_pointwise_losses(reduction, dtype):
    kw = dict(dtype=dtype, tol=1e-5)
    parity(lambda lib, F, x: F.mse_loss(x, L(lib, Y, dtype=x.dtype), reduction=reduction), **kw)
    parity(lambda lib, F, x: F.l1_loss(x, L(lib, Y, dtype=x.dtype), reduction=reduction), **kw)
    for beta in (0.0, 0.5, 1.0):
        parity(lambda lib, F, x: F.smooth_l1_loss(x, L(lib, Y, dtype=x.dtype), reduction=reduction, beta=beta), **kw)
    parity(lambda lib, F, x: F.huber_loss(x, L(lib, Y, dtype=x.dtype), reduction=reduction, delta=0.7), **kw)
    parity(lambda lib, F, x: F.binary_cross_entropy(x.sigmoid(), L(lib, P, dtype=x.dtype), reduction=reduction), **kw)
    parity(lambda lib, F, x: F.binary_cross_entropy(x.sigmoid(), L(lib, P, dtype=x.dtype),
                                                    weight=L(lib, P[0], dtype=x.dtype), reduction=reduction), **kw)
    parity(lambda lib, F, x: F.binary_cross_entropy_with_logits(x * 10, L(lib, P, dtype=x.dtype), reduction=reduction), **kw)
    parity(lambda lib, F, x: F.binary_cross_entropy_with_logits(
        x, L(lib, P, dtype=x.dtype), weight=L(lib, P[1], dtype=x.dtype),
        pos_weight=L(lib, P[2], dtype=x.dtype), reduction=reduction), **kw)
    parity(lambda lib, F, x: F.soft_margin_loss(x, L(lib, S, dtype=x.dtype), reduction=reduction), **kw)
    for lt in (False, True):
        parity(lambda lib, F, x: F.kl_div(x, L(lib, P, dtype=x.dtype), reduction=reduction, log_target=lt), **kw)
    parity(lambda lib, F, x: F.kl_div(x, L(lib, P, dtype=x.dtype), reduction="batchmean"), **kw)


def test_target_grads():
    # Gradients w.r.t. a differentiable target.
    for name in ["mse_loss", "smooth_l1_loss", "huber_loss", "binary_cross_entropy_with_logits", "l1_loss"]:
        outs = []
        for lib, F in _libs():
            t = lib.tensor(P, requires_grad=True)
            x = lib.tensor(Y if name != "binary_cross_entropy" else P)
            getattr(F, name)(x, t).backward()
            outs.append(_np(t.grad))
        np.testing.assert_allclose(outs[1], outs[0], rtol=1e-6, atol=1e-7, err_msg=name)
    outs = []
    for lib, F in _libs():
        t = lib.tensor(P, requires_grad=True)
        F.binary_cross_entropy(lib.tensor(P[::-1].copy()), t).backward()
        outs.append(_np(t.grad))
    np.testing.assert_allclose(outs[1], outs[0], rtol=1e-6)


def test_pointwise_warnings_and_errors():
    a, b = wick.rand(3), wick.rand(3, 1)
    with pytest.warns(UserWarning, match=r"Using a target size \(wick.Size\(\[3, 1\]\)\) that is different to the input size"):
        assert WF.mse_loss(a, b, reduction="none").shape == (3, 3)
    with pytest.raises(ValueError, match="is deprecated. Please ensure they have the same size."):
        WF.binary_cross_entropy(a, b)
    with pytest.raises(ValueError, match=r"Target size \(wick.Size\(\[3, 1\]\)\) must be the same as input size"):
        WF.binary_cross_entropy_with_logits(a, b)
    with pytest.raises(RuntimeError, match="all elements of input should be between 0 and 1"):
        WF.binary_cross_entropy(wick.tensor([1.5]), wick.tensor([1.0]))
    with pytest.warns(UserWarning, match="'batchmean' divides only by the batch size"):
        WF.kl_div(a, a)
    with pytest.raises(ValueError, match="bad is not a valid value for reduction"):
        WF.l1_loss(a, a, reduction="bad")
    # log clamping at -100
    r = WF.binary_cross_entropy(wick.tensor([0.0, 1.0]), wick.tensor([1.0, 0.0]), reduction="none")
    assert r.tolist() == [100.0, 100.0]


def test_pointwise_double_backward():
    x = wick.tensor(rng.randn(3, 4), requires_grad=True)
    t = wick.tensor(rng.rand(3, 4), requires_grad=True)
    for f in [WF.mse_loss, WF.smooth_l1_loss, WF.huber_loss, WF.binary_cross_entropy_with_logits,
              WF.soft_margin_loss]:
        assert wick.autograd.gradcheck(f, (x, t))
        assert wick.autograd.gradgradcheck(f, (x, t))
    xs = wick.tensor(rng.rand(3, 4) * 0.8 + 0.1, requires_grad=True)
    assert wick.autograd.gradcheck(WF.binary_cross_entropy, (xs, t))
    assert wick.autograd.gradgradcheck(lambda a: WF.binary_cross_entropy(a, t.detach()), (xs,))


# ---- the rest ------------------------------------------------------------------------------

@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_other_losses(reduction):
    r = reduction
    parity(lambda lib, F, x: F.poisson_nll_loss(x, L(lib, P * 3), reduction=r))
    parity(lambda lib, F, x: F.poisson_nll_loss(x.exp(), L(lib, P * 3), log_input=False, full=True, reduction=r))
    parity(lambda lib, F, x: F.gaussian_nll_loss(x, L(lib, Y), L(lib, P), reduction=r))
    parity(lambda lib, F, x: F.gaussian_nll_loss(x, L(lib, Y), L(lib, P[:, 0]), full=True, reduction=r))
    parity(lambda lib, F, x: F.cosine_embedding_loss(x, L(lib, Y), L(lib, [1, -1, 1, -1]), margin=0.1, reduction=r))
    parity(lambda lib, F, x: F.margin_ranking_loss(x[:, 0], L(lib, Y[:, 0]), L(lib, [1.0, -1, 1, -1]), margin=0.2, reduction=r))
    parity(lambda lib, F, x: F.hinge_embedding_loss(x, L(lib, S), margin=0.5, reduction=r))
    parity(lambda lib, F, x: F.multilabel_margin_loss(x, L(lib, [[1, 2, -1, 0, 0], [4, -1, 0, 0, 0],
                                                                [0, 1, 2, 3, 4], [3, 0, -1, 2, 2]]), reduction=r))
    parity(lambda lib, F, x: F.multilabel_margin_loss(x[0], L(lib, [1, 2, -1, 0, 0]), reduction=r))
    parity(lambda lib, F, x: F.multilabel_soft_margin_loss(x, L(lib, P), weight=L(lib, P[0]), reduction=r))
    # x == 0 exactly: the gradient there is sigmoid(0) - target, not twice it.
    parity(lambda lib, F, x: F.multilabel_soft_margin_loss(x, L(lib, P[:1]), reduction=r),
           data=np.array([[0.0, 1.0, -2.0, 0.0, 3.0]]))
    for p in (1, 2):
        parity(lambda lib, F, x: F.multi_margin_loss(x, L(lib, T), p=p, margin=0.7, reduction=r))
        parity(lambda lib, F, x: F.multi_margin_loss(x, L(lib, T), p=p, weight=L(lib, P[0]), reduction=r))
    parity(lambda lib, F, x: F.triplet_margin_loss(x, L(lib, Y), L(lib, P), reduction=r))
    parity(lambda lib, F, x: F.triplet_margin_loss(x, L(lib, Y), L(lib, P), p=1, swap=True, margin=2.0, reduction=r))
    parity(lambda lib, F, x: F.triplet_margin_with_distance_loss(x, L(lib, Y), L(lib, P), reduction=r),
           check_name=False)
    parity(lambda lib, F, x: F.triplet_margin_with_distance_loss(
        x, L(lib, Y), L(lib, P), distance_function=lambda a, b: (a - b).abs().sum(-1), swap=True, reduction=r),
        check_name=False)


def test_other_errors():
    x = wick.tensor(X)
    with pytest.raises(ValueError, match="only p == 1 and p == 2 supported"):
        WF.multi_margin_loss(x, wick.tensor(T), p=3)
    with pytest.raises(ValueError, match="var is of incorrect size"):
        WF.gaussian_nll_loss(x, x, wick.ones(3))
    with pytest.raises(ValueError, match="var has negative entry"):
        WF.gaussian_nll_loss(x, x, -wick.ones(4, 5, dtype=wick.float64))
    with pytest.raises(ValueError, match="bad is not valid"):
        WF.gaussian_nll_loss(x, x, x, reduction="bad")
    with pytest.raises(RuntimeError, match="same number of dimensions"):
        WF.triplet_margin_loss(x, x, x[0])


def test_softmax_nonfinite_rows():
    import torch
    rows = [[1.0, float("nan"), 2.0], [float("-inf")] * 3, [float("inf"), 1.0, 2.0], [float("-inf"), 0.0, 1.0]]
    for fn in ("softmax", "log_softmax"):
        for dim in (0, 1):
            w = getattr(wick, fn)(wick.tensor(rows), dim)
            t = getattr(torch, fn)(torch.tensor(rows), dim)
            np.testing.assert_allclose(_np(w), _np(t), rtol=1e-6, equal_nan=True)


# ---- ctc_loss ---------------------------------------------------------------------------

_z = rng.randn(7, 3, 5)
LP = _z - np.log(np.exp(_z).sum(2, keepdims=True))      # (T=7, N=3, C=5) log-probabilities
CTG = [[1, 1, 2, 3], [4, 2, 0, 0], [3, 1, 3, 0]]         # padded; a repeated label in row 0
CIL, CTL = [7, 5, 6], [4, 2, 3]
CCAT = [1, 1, 2, 3, 4, 2, 3, 1, 3]                       # the same targets concatenated


def ctc_parity(f, data=LP, dtype="float64", tol=1e-6):
    outs = []
    for lib, F in _libs():
        x = lib.tensor(data, dtype=getattr(lib, dtype), requires_grad=True)
        r = f(lib, F, x)
        (r * lib.arange(r.numel(), dtype=r.dtype).reshape(r.shape).add(1)).sum().backward()
        outs.append((r, _np(x.grad)))
    (rt, gt), (rw, gw) = outs
    assert tuple(rt.shape) == tuple(rw.shape)
    assert str(rw.dtype) == str(rt.dtype).replace("torch.", "wick.")
    np.testing.assert_allclose(_np(rw), _np(rt), rtol=tol, atol=tol, equal_nan=True)
    np.testing.assert_allclose(gw, gt, rtol=tol, atol=tol, equal_nan=True)
    assert rw.grad_fn.name() == type(rt.grad_fn).__name__
    return rw


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("form", ["padded", "concat", "tensor_lengths", "int32"])
def test_ctc_loss(reduction, dtype, form):
    tol = 1e-4 if dtype == "float32" else 1e-9

    def f(lib, F, x):
        tg = lib.tensor(CCAT if form == "concat" else CTG)
        il, tl = CIL, CTL
        if form in ("tensor_lengths", "int32"):
            dt = lib.int32 if form == "int32" else lib.int64
            tg, il, tl = tg.to(dt), lib.tensor(CIL, dtype=dt), lib.tensor(CTL, dtype=dt)
        return F.ctc_loss(x, tg, il, tl, reduction=reduction)
    ctc_parity(f, dtype=dtype, tol=tol)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_ctc_loss_blank_keywords_noncontiguous(reduction):
    tg = [[min(v, 3) for v in row] for row in CTG]
    data = np.ascontiguousarray(LP.transpose(1, 0, 2))
    ctc_parity(lambda lib, F, x: F.ctc_loss(log_probs=x.transpose(0, 1), targets=lib.tensor(tg),
                                            input_lengths=tuple(CIL), target_lengths=tuple(CTL), blank=4,
                                            reduction=reduction, zero_infinity=False), data=data)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("zero_infinity", [False, True])
def test_ctc_loss_impossible_alignment(reduction, zero_infinity):
    # item 0 needs 5 frames (a repeat needs a blank between), item 2 needs 3
    il = [4, 5, 2]
    r = ctc_parity(lambda lib, F, x: F.ctc_loss(x, lib.tensor(CTG), il, CTL, reduction=reduction,
                                                zero_infinity=zero_infinity))
    if zero_infinity and reduction == "none":
        assert r[0].item() == 0 and r[2].item() == 0
    if not zero_infinity:
        assert np.isinf(_np(r)).any()


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("lengths", ["list", "tensor"])
def test_ctc_loss_unbatched(reduction, lengths):
    def f(lib, F, x):
        il, tl = ([7], [4]) if lengths == "list" else (lib.tensor(7), lib.tensor(4))
        return F.ctc_loss(x, lib.tensor(CTG[0]), il, tl, reduction=reduction)
    r = ctc_parity(f, data=LP[:, 0])
    assert r.dim() == 0


def test_ctc_loss_torch_level_and_graph():
    import torch
    outs = []
    for lib in (torch, wick):
        x = lib.tensor(LP, requires_grad=True)
        y = lib.ctc_loss(x, lib.tensor(CTG), lib.tensor(CIL), lib.tensor(CTL), 0, 2, False)
        # (torch 1.13's binding reads the schema default reduction=Mean as 0: pass it)
        z = lib.ctc_loss(x, lib.tensor(CTG), CIL, CTL, 0, 1)
        outs.append((y.item(), z.item()))
        m = lib.nn.functional.ctc_loss(x, lib.tensor(CTG), CIL, CTL)
        names = []
        fn = m.grad_fn
        while fn is not None and len(names) < 3:
            names.append(fn.name())
            fn = fn.next_functions[0][0]
        outs.append(names)
    assert np.allclose(outs[0], outs[2])
    # wick.ctc_loss's default reduction is the schema's Mean
    assert wick.ctc_loss(wick.tensor(LP), wick.tensor(CTG), CIL, CTL).dim() == 0
    assert outs[1] == outs[3] == ["MeanBackward0", "DivBackward0", "CtcLossBackward0"]


def test_ctc_loss_gradcheck_and_double_backward():
    x = wick.tensor(rng.randn(5, 2, 4), requires_grad=True)
    tg = wick.tensor([[1, 2], [3, 3]])
    for red in ("none", "mean", "sum"):
        assert wick.autograd.gradcheck(
            lambda a: WF.ctc_loss(a.log_softmax(2), tg, [5, 5], [2, 2], reduction=red), (x,))
    y = WF.ctc_loss(x.log_softmax(2), tg, [5, 4], [2, 2])
    g, = wick.autograd.grad(y, x, create_graph=True)
    with pytest.raises(RuntimeError, match="derivative for aten::_ctc_loss_backward is not implemented"):
        g.sum().backward()


def test_ctc_loss_errors():
    import torch
    import torch.nn.functional as TF
    cases = [
        (lambda lib: (lib.tensor(CTG), [7], CTL), {}),
        (lambda lib: (lib.tensor(CTG), CIL, [4]), {}),
        (lambda lib: (lib.tensor(CTG), [8, 5, 6], CTL), {}),
        (lambda lib: (lib.tensor(CTG), CIL, [5, 2, 3]), {}),
        (lambda lib: (lib.tensor(CTG)[:2], CIL, CTL), {}),
        (lambda lib: (lib.tensor(CCAT)[:8], CIL, CTL), {}),
        (lambda lib: (lib.tensor(CTG).unsqueeze(0), CIL, CTL), {}),
        (lambda lib: (lib.tensor(CTG), CIL, CTL), {"blank": 5}),
        (lambda lib: (lib.tensor(CTG), CIL, CTL), {"blank": -1}),
        (lambda lib: (lib.tensor(CTG), lib.tensor([7.0, 5, 6]), lib.tensor(CTL)), {}),
    ]
    for make, kw in cases:
        msgs = []
        for lib, F in ((torch, TF), (wick, WF)):
            with pytest.raises(RuntimeError) as e:
                F.ctc_loss(lib.tensor(LP), *make(lib), **kw)
            msgs.append(str(e.value).split("\n")[0])
        assert msgs[0] == msgs[1]
    for dt in ("float16", "int32"):
        msgs = []
        for lib, F in ((torch, TF), (wick, WF)):
            with pytest.raises(RuntimeError) as e:
                F.ctc_loss(lib.tensor(LP).to(getattr(lib, dt)), lib.tensor(CTG), CIL, CTL)
            msgs.append(str(e.value))
        assert msgs[0] == msgs[1]
    with pytest.raises(RuntimeError, match="Expected 3-dimensional tensor, but got 4-dimensional"):
        WF.ctc_loss(wick.tensor(LP).unsqueeze(0), wick.tensor(CTG), CIL, CTL)
    with pytest.raises(ValueError, match="foo is not a valid value for reduction"):
        WF.ctc_loss(wick.tensor(LP), wick.tensor(CTG), CIL, CTL, reduction="foo")
    # wick raises where PyTorch 1.13 reads out of bounds
    with pytest.raises(RuntimeError, match="input_lengths must be non-negative"):
        WF.ctc_loss(wick.tensor(LP), wick.tensor(CTG), [-1, 5, 6], CTL)
    with pytest.raises(RuntimeError, match="target_lengths must be non-negative"):
        WF.ctc_loss(wick.tensor(LP), wick.tensor(CTG), CIL, [-1, 2, 3])
    with pytest.raises(RuntimeError, match=r"Expected targets to have values in \[0, 5\)"):
        WF.ctc_loss(wick.tensor(LP), wick.tensor(CTG) * 2, CIL, CTL)


@pytest.mark.skipif(not hasattr(wick.nn, "CTCLoss"), reason="nn.CTCLoss not in this branch")
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_ctc_loss_module(reduction):
    ctc_parity(lambda lib, F, x: lib.nn.CTCLoss(blank=0, reduction=reduction, zero_infinity=True)(
        x, lib.tensor(CTG), lib.tensor([4, 5, 6]), lib.tensor(CTL)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ctc_loss_random_lengths(seed):
    # many repeats (C=4), lengths from 0 to full, some alignments impossible
    r = np.random.RandomState(seed)
    T, N, C, S = 25, 8, 4, 12
    z = r.randn(T, N, C)
    lp = z - np.log(np.exp(z).sum(2, keepdims=True))
    tg = r.randint(1, C, (N, S)).tolist()
    tl = r.randint(0, S + 1, N).tolist()
    il = r.randint(1, T + 1, N).tolist()
    il[0], tl[0] = T, S
    for zi in (False, True):
        for red in ("none", "sum"):
            ctc_parity(lambda lib, F, x: F.ctc_loss(x, lib.tensor(tg), il, tl, reduction=red, zero_infinity=zi),
                       data=lp, tol=1e-8)

"""wick.nn.functional linear/bilinear/conv*/conv_transpose*/unfold/fold vs PyTorch."""
import warnings

import numpy as np
import pytest

import wick
import wick.nn.functional as WF
from conftest import needs_torch

pytestmark = needs_torch


def _torch():
    import torch
    return torch


def make_pair(shapes, dtype="float64", seed=0, requires_grad=True):
    """Identical tensors in torch and wick (None stays None)."""
    torch = _torch()
    g = torch.Generator().manual_seed(seed)
    ts, ws = [], []
    for s in shapes:
        if s is None:
            ts.append(None)
            ws.append(None)
            continue
        t = torch.randn(*s, generator=g, dtype=torch.float64).to(getattr(torch, dtype))
        w = wick.tensor(t.double().numpy()).to(getattr(wick, dtype))
        ts.append(t.requires_grad_(requires_grad) if requires_grad else t)
        ws.append(w.requires_grad_(requires_grad) if requires_grad else w)
    return ws, ts


def tol(dtype):
    return dict(rtol=1e-4, atol=1e-4) if dtype == "float32" else dict(rtol=1e-9, atol=1e-10)


def check_parity(wfn, tfn, shapes, dtype="float64", **kw):
    torch = _torch()
    ws, ts = make_pair(shapes, dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yt = tfn(*ts, **kw)
    yw = wfn(*ws, **kw)
    assert tuple(yw.shape) == tuple(yt.shape)
    assert str(yw.dtype) == str(yt.dtype).replace("torch", "wick")
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), **tol(dtype))
    # PyTorch 2.x records ViewBackward0 where 1.13 recorded ReshapeAliasBackward0.
    assert yw.grad_fn.name() == yt.grad_fn.name().replace("ReshapeAliasBackward0", "ViewBackward0")
    gt = torch.randn(yt.shape, generator=torch.Generator().manual_seed(7), dtype=yt.dtype)
    yt.backward(gt)
    yw.backward(wick.tensor(gt.double().numpy()).to(yw.dtype))
    for w, t in zip(ws, ts):
        if t is None:
            continue
        np.testing.assert_allclose(w.grad.numpy(), t.grad.numpy(), **tol(dtype))
    return yw, yt


CONV_CASES = [
    # fn, input, weight, bias, kwargs
    ("conv1d", (2, 4, 9), (6, 4, 3), (6,), {}),
    ("conv1d", (2, 4, 9), (6, 2, 3), None, dict(stride=2, padding=1, groups=2)),
    ("conv1d", (4, 9), (6, 4, 2), (6,), dict(dilation=3, padding=(2,))),
    ("conv1d", (2, 4, 9), (6, 4, 4), (6,), dict(padding="same", dilation=2)),
    ("conv1d", (2, 4, 9), (6, 4, 4), (6,), dict(padding="valid")),
    ("conv2d", (2, 3, 9, 8), (4, 3, 3, 2), (4,), {}),
    ("conv2d", (2, 4, 9, 8), (6, 2, 3, 2), (6,), dict(stride=2, padding=(1, 2), dilation=(2, 1), groups=2)),
    ("conv2d", (2, 4, 9, 8), (6, 2, 3, 4), (6,), dict(padding="same", groups=2)),
    ("conv2d", (2, 4, 9, 8), (6, 4, 2, 2), None, dict(padding="same", dilation=(1, 3))),
    ("conv2d", (3, 9, 8), (4, 3, 3, 3), (4,), dict(padding=1)),
    ("conv2d", (2, 4, 9, 8), (4, 1, 3, 3), (4,), dict(groups=4, padding=1)),  # depthwise
    ("conv2d", (2, 4, 9, 8), (5, 4, 1, 1), (5,), {}),  # 1x1
    ("conv2d", (1, 4, 9, 8), (5, 4, 1, 1), None, {}),
    ("conv2d", (3, 4, 9, 8), (5, 4, 1, 1), (5,), dict(stride=2)),
    ("conv2d", (5, 3, 7, 7), (2, 3, 7, 7), (2,), {}),  # kernel covers the input
    ("conv2d", (2, 3, 6, 6), (4, 3, 3, 3), (4,), dict(stride=(3, 1), padding=(0, 2))),
    ("conv2d", (0, 3, 6, 6), (4, 3, 3, 3), (4,), {}),
    ("conv3d", (2, 4, 5, 6, 7), (6, 4, 3, 2, 3), (6,), dict(stride=(1, 2, 1), padding=1)),
    ("conv3d", (4, 5, 6, 7), (6, 2, 2, 2, 2), None, dict(groups=2, dilation=2)),
    ("conv3d", (2, 2, 5, 6, 7), (2, 2, 3, 3, 2), (2,), dict(padding="same")),
]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("fn,xs,ws,bs,kw", CONV_CASES)
def test_conv_parity(fn, xs, ws, bs, kw, dtype):
    torch = _torch()
    check_parity(getattr(WF, fn), getattr(torch.nn.functional, fn), [xs, ws, bs], dtype, **kw)


CONVT_CASES = [
    ("conv_transpose1d", (2, 4, 5), (4, 3, 3), (3,), {}),
    ("conv_transpose1d", (4, 5), (4, 3, 3), (3,), dict(stride=2, output_padding=1)),
    ("conv_transpose2d", (2, 4, 5, 6), (4, 3, 3, 2), (3,), dict(stride=2, padding=1, output_padding=1)),
    ("conv_transpose2d", (2, 4, 5, 6), (4, 3, 3, 2), (6,),
     dict(stride=(2, 3), padding=1, output_padding=(1, 0), groups=2, dilation=2)),
    ("conv_transpose2d", (2, 4, 5, 6), (4, 3, 3, 3), None, dict(dilation=2, output_padding=1)),
    ("conv_transpose2d", (3, 4, 5), (3, 2, 1, 1), (2,), {}),
    ("conv_transpose2d", (2, 4, 5, 6), (4, 1, 2, 2), (4,), dict(stride=2, groups=4)),
    ("conv_transpose3d", (2, 2, 3, 4, 3), (2, 3, 2, 3, 2), (3,), dict(stride=2, padding=(0, 1, 0))),
    ("conv_transpose3d", (2, 3, 4, 3), (2, 2, 2, 2, 2), None, dict(output_padding=1, stride=2)),
]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("fn,xs,ws,bs,kw", CONVT_CASES)
def test_conv_transpose_parity(fn, xs, ws, bs, kw, dtype):
    torch = _torch()
    check_parity(getattr(WF, fn), getattr(torch.nn.functional, fn), [xs, ws, bs], dtype, **kw)


@pytest.mark.parametrize("kw", [
    dict(kernel_size=3), dict(kernel_size=(2, 3), stride=2, padding=1, dilation=(1, 2)),
    dict(kernel_size=1, stride=(2, 1)),
])
@pytest.mark.parametrize("xs", [(2, 3, 9, 8), (3, 7, 6)])
def test_unfold_parity(xs, kw):
    torch = _torch()
    yw, yt = check_parity(WF.unfold, torch.nn.functional.unfold, [xs], **kw)
    assert yw.grad_fn.name() == "Im2ColBackward0"


@pytest.mark.parametrize("xs,kw", [
    ((2, 12, 40), dict(output_size=(7, 8), kernel_size=(2, 2), stride=(1, 2), padding=1)),
    ((27, 36), dict(output_size=8, kernel_size=3)),
    ((1, 18, 9), dict(output_size=(5, 5), kernel_size=(3, 2), dilation=(1, 2), stride=2, padding=1)),
])
def test_fold_parity(xs, kw):
    torch = _torch()
    yw, yt = check_parity(WF.fold, torch.nn.functional.fold, [xs], **kw)
    assert yw.grad_fn.name() == "Col2ImBackward0"


def test_fold_is_unfold_adjoint():
    x = wick.randn(2, 3, 6, 7, dtype=wick.float64)
    c = wick.randn(2, 3 * 6, 16, dtype=wick.float64)
    kw = dict(kernel_size=(2, 3), padding=1, stride=2)
    lhs = (WF.unfold(x, **kw) * c).sum()
    rhs = (x * WF.fold(c, (6, 7), **kw)).sum()
    assert abs(lhs.item() - rhs.item()) < 1e-9


LINEAR_CASES = [
    ((5, 3), (4, 3), (4,), "AddmmBackward0"),
    ((5, 3), (4, 3), None, "MmBackward0"),
    ((2, 5, 3), (4, 3), (4,), "ViewBackward0"),
    ((2, 5, 3), (4, 3), None, "UnsafeViewBackward0"),
    ((3,), (4, 3), (4,), "AddBackward0"),
    ((2, 2, 2, 3), (4, 3), (4,), "ViewBackward0"),  # PyTorch 2.x; 1.13 gives AddBackward0
    ((5, 3), (3,), None, None),
]


@pytest.mark.parametrize("xs,ws,bs,name", LINEAR_CASES)
def test_linear_parity(xs, ws, bs, name):
    torch = _torch()
    ws_, ts = make_pair([xs, ws, bs])
    yt = torch.nn.functional.linear(*ts)
    yw = WF.linear(*ws_)
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-12)
    if name is not None:
        assert yw.grad_fn.name() == name
    yt.sum().backward()
    yw.sum().backward()
    for w, t in zip(ws_, ts):
        if t is not None:
            np.testing.assert_allclose(w.grad.numpy(), t.grad.numpy(), rtol=1e-12)


def test_linear_noncontiguous_and_keywords():
    torch = _torch()
    (x, w, b), (xt, wt, bt) = make_pair([(3, 5, 4), (2, 5), (2,)])
    yw = WF.linear(input=x.transpose(1, 2), weight=w, bias=b)
    yt = torch.nn.functional.linear(input=xt.transpose(1, 2), weight=wt, bias=bt)
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-12)
    assert yw.grad_fn.name() == "AddBackward0"


@pytest.mark.parametrize("s1,s2,ws,bs", [
    ((5, 3), (5, 2), (4, 3, 2), (4,)),
    ((2, 5, 3), (2, 5, 2), (4, 3, 2), (4,)),
    ((3,), (2,), (4, 3, 2), None),
    ((6, 3), (6, 3), (1, 3, 3), None),
])
def test_bilinear_parity(s1, s2, ws, bs):
    torch = _torch()
    check_parity(WF.bilinear, torch.nn.functional.bilinear, [s1, s2, ws, bs])
    check_parity(wick.bilinear, torch.bilinear, [s1, s2, ws, bs])


def test_torch_level_forms_and_keywords():
    torch = _torch()
    (x, w, b), (xt, wt, bt) = make_pair([(2, 4, 7, 7), (6, 2, 3, 3), (6,)])
    for wf, tf, kw in [
        (wick.conv2d, torch.conv2d, dict(stride=2, padding=1, dilation=1, groups=2)),
        (WF.conv2d, torch.nn.functional.conv2d, dict(bias=None, stride=(1, 2), padding="same" if False else 0, groups=2)),
        (wick.conv2d, torch.conv2d, dict(padding="same", groups=2)),
    ]:
        yw = wf(input=x, weight=w, **({"bias": b} if "bias" not in kw else {}), **kw)
        yt = tf(input=xt, weight=wt, **({"bias": bt} if "bias" not in kw else {}), **kw)
        np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-10)
    yw = wick.convolution(x, w, b, [1], [1], [1], False, [0], 2)
    yt = torch.convolution(xt, wt, bt, [1], [1], [1], False, [0], 2)
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-10)
    assert yw.grad_fn.name() == "ConvolutionBackward0"
    (x, w), (xt, wt) = make_pair([(2, 4, 5, 5), (4, 3, 3, 3)])
    yw = wick.conv_transpose2d(x, w, None, 2, 1, 1, 1, 1)
    yt = torch.conv_transpose2d(xt, wt, None, 2, 1, 1, 1, 1)
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-10)
    yw = WF.conv_transpose2d(x, w, stride=2, output_padding=1, dilation=1)
    yt = torch.nn.functional.conv_transpose2d(xt, wt, stride=2, output_padding=1, dilation=1)
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-10)
    assert wick.conv1d is not None and wick.conv3d is not None and wick.conv_transpose3d is not None


def test_grad_fn_names():
    x = wick.randn(2, 3, 5, 5, requires_grad=True)
    w = wick.randn(4, 3, 3, 3, requires_grad=True)
    assert WF.conv2d(x, w).grad_fn.name() == "ConvolutionBackward0"
    assert WF.conv2d(x[0], w).grad_fn.name() == "SqueezeBackward1"
    assert WF.conv_transpose2d(x, w.transpose(0, 1)).grad_fn.name() == "ConvolutionBackward0"
    with wick.no_grad():
        assert WF.conv2d(x, w).grad_fn is None
    assert WF.conv2d(x.detach(), w.detach()).requires_grad is False


def test_noncontiguous_inputs():
    torch = _torch()
    (x, w, b), (xt, wt, bt) = make_pair([(2, 7, 3, 9), (4, 3, 3, 2), (8,)])
    yw = WF.conv2d(x.transpose(1, 2), w.transpose(2, 3).contiguous().transpose(2, 3), b[::2])
    yt = torch.nn.functional.conv2d(xt.transpose(1, 2), wt, bt[::2])
    np.testing.assert_allclose(yw.detach().numpy(), yt.detach().numpy(), rtol=1e-10)


@pytest.mark.parametrize("dtype", ["bfloat16", "float16"])
def test_half_dtypes_compute_in_float(dtype):
    torch = _torch()
    (x, w, b), (xt, wt, bt) = make_pair([(2, 3, 6, 6), (4, 3, 3, 3), (4,)], requires_grad=False)
    yw = WF.conv2d(x.to(getattr(wick, dtype)), w.to(getattr(wick, dtype)), b.to(getattr(wick, dtype)), padding=1)
    assert yw.dtype == getattr(wick, dtype)
    ref = torch.nn.functional.conv2d(xt.to(getattr(torch, dtype)).float(), wt.to(getattr(torch, dtype)).float(),
                                     bt.to(getattr(torch, dtype)).float(), padding=1)
    np.testing.assert_allclose(yw.float().numpy(), ref.numpy(), rtol=2e-2, atol=3e-2)
    if dtype == "bfloat16":
        yt = torch.nn.functional.conv2d(xt.bfloat16(), wt.bfloat16(), bt.bfloat16(), padding=1)
        np.testing.assert_allclose(yw.float().numpy(), yt.float().numpy(), rtol=2e-2, atol=5e-2)
    u = WF.unfold(x.to(getattr(wick, dtype)), 2)
    assert u.dtype == getattr(wick, dtype)


@pytest.mark.parametrize("dtype", ["int64", "int32"])
def test_integer_conv_forward(dtype):
    torch = _torch()
    g = torch.Generator().manual_seed(3)
    xt = torch.randint(-5, 5, (2, 4, 6, 6), generator=g).to(getattr(torch, dtype))
    wt = torch.randint(-5, 5, (6, 2, 3, 3), generator=g).to(getattr(torch, dtype))
    x, w = wick.tensor(xt.numpy()), wick.tensor(wt.numpy())
    yw = WF.conv2d(x, w, None, 1, 1, 1, 2)
    yt = torch.nn.functional.conv2d(xt, wt, None, 1, 1, 1, 2)
    assert yw.dtype == getattr(wick, dtype)
    np.testing.assert_array_equal(yw.numpy(), yt.numpy())
    yw = WF.conv_transpose2d(x, wick.tensor(wt.numpy()[:4]), stride=2)
    yt = torch.nn.functional.conv_transpose2d(xt.long(), wt[:4].long(), stride=2)  # 1.13: int64 only
    np.testing.assert_array_equal(yw.numpy(), yt.numpy())


def _gc_inputs(*shapes):
    gen = wick.Generator().manual_seed(5)
    return [wick.randn(*s, generator=gen, dtype=wick.float64, requires_grad=True) for s in shapes]


GRADCHECK_CASES = [
    (lambda x, w, b: WF.conv1d(x, w, b, stride=2, padding=1), [(2, 2, 7), (3, 2, 3), (3,)]),
    (lambda x, w, b: WF.conv2d(x, w, b, stride=2, padding=1, dilation=(1, 2)), [(2, 3, 6, 6), (4, 3, 3, 2), (4,)]),
    (lambda x, w, b: WF.conv2d(x, w, b, padding="same", groups=2), [(1, 4, 5, 5), (2, 2, 2, 3), (2,)]),
    (lambda x, w, b: WF.conv3d(x, w, b, stride=(1, 2, 1), padding=(1, 0, 1)), [(1, 2, 4, 4, 3), (2, 2, 2, 2, 2), (2,)]),
    (lambda x, w, b: WF.conv_transpose1d(x, w, b, stride=2, output_padding=1), [(2, 2, 4), (2, 3, 3), (3,)]),
    (lambda x, w, b: WF.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1, groups=2),
     [(2, 4, 3, 4), (4, 1, 3, 2), (2,)]),
    (lambda x, w, b: WF.conv_transpose3d(x, w, b, stride=2), [(1, 2, 2, 3, 2), (2, 2, 2, 2, 2), (2,)]),
    (lambda x, w, b: WF.conv2d(x, w, b), [(2, 3, 4), (2, 2, 3, 3), (2,)]),  # unbatched
    (lambda x: WF.unfold(x, (2, 3), padding=1, stride=2), [(2, 2, 5, 5)]),
    (lambda x: WF.fold(x, (4, 5), (2, 2), padding=1), [(2, 8, 30)]),
    (lambda x, w, b: WF.linear(x, w, b), [(2, 3, 4), (5, 4), (5,)]),
    (lambda x, y, w, b: WF.bilinear(x, y, w, b), [(3, 2), (3, 4), (2, 2, 4), (2,)]),
]


@pytest.mark.parametrize("i", range(len(GRADCHECK_CASES)))
def test_gradcheck_and_gradgradcheck(i):
    fn, shapes = GRADCHECK_CASES[i]
    inputs = _gc_inputs(*shapes)
    assert wick.autograd.gradcheck(fn, inputs)
    assert wick.autograd.gradgradcheck(fn, inputs)


def test_double_backward_names_and_third_order():
    x, w = _gc_inputs((1, 2, 5, 5), (3, 2, 3, 3))
    y = WF.conv2d(x, w, padding=1)
    (gx,) = wick.autograd.grad(y.pow(2).sum(), [x], create_graph=True)
    assert gx.grad_fn is not None
    (gw,) = wick.autograd.grad(gx.pow(2).sum(), [w], create_graph=True)
    (gww,) = wick.autograd.grad(gw.sum(), [w])
    assert gww.shape == w.shape


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e).split("\n")[0]
    return None


ERROR_CASES = [
    lambda m: m.nn.functional.conv2d(m.ones(1, 3, 28, 28), m.ones(6, 1, 5, 5)),
    lambda m: m.nn.functional.conv2d(m.ones(3, 28), m.ones(6, 1, 5, 5)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 1, 3, 28, 28), m.ones(6, 1, 5, 5)),
    lambda m: m.nn.functional.conv1d(m.ones(1, 6, 8, 8, 8), m.ones(6, 6, 3)),
    lambda m: m.nn.functional.conv3d(m.ones(6, 8, 8), m.ones(6, 6, 3, 3, 3)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 1, 3, 3), m.ones(6, 1, 5, 5)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=4),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(5, 3, 3, 3), groups=2),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=0),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=2, stride=0),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=2, padding=-1),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=2, dilation=0),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=2, stride=2, padding="same"),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=2, padding="foo"),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), m.ones(5), groups=2),
    lambda m: m.nn.functional.conv2d(m.ones(1, 4, 2, 2), m.ones(4, 4, 3, 3), m.ones(4, 1)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3), groups=2),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8), m.ones(6, 3, 3, 3), groups=2, stride=(1, 1, 1)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 4, 5, 5), m.ones(4, 4, 3, 3), padding=(1, 2, 3)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8, dtype=m.float64), m.ones(6, 3, 3, 3), groups=2),
    lambda m: m.nn.functional.conv2d(m.ones(1, 4, 5, 5), m.ones(4, 4, 3, 3), m.ones(4, dtype=m.float64)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 6, 8, 8, dtype=m.bool), m.ones(6, 6, 3, 3, dtype=m.bool)),
    lambda m: m.nn.functional.conv2d(m.ones(1, 3, 8, 8), m.ones(0, 3, 3, 3)),
    lambda m: m.convolution(m.ones(6, 8, 8), m.ones(6, 6, 3, 3), None, [1], [0], [1], False, [0], 1),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(1, 3, 8, 8), m.ones(3, 2, 3, 3), output_padding=2, stride=2),
    lambda m: m.nn.functional.conv_transpose1d(m.ones(1, 3, 8), m.ones(3, 2, 3), output_padding=2, stride=2),
    lambda m: m.nn.functional.conv_transpose3d(m.ones(1, 3, 4, 4, 4), m.ones(3, 2, 3, 3, 3), output_padding=2, stride=2),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(1, 3, 8, 8), m.ones(4, 2, 3, 3)),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(1, 4, 8, 8), m.ones(4, 2, 3, 3), groups=3),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(8, 8), m.ones(4, 2, 3, 3)),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(1, 4, 2, 2), m.ones(4, 2, 3, 3), padding=3),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(1, 4, 2, 2), m.ones(4, 2, 3, 3), m.ones(3)),
    lambda m: m.nn.functional.conv_transpose2d(m.ones(1, 6, 8, 8), m.ones(6, 6, 3, 3), output_padding=-1, stride=2),
    lambda m: m.nn.functional.unfold(m.ones(1, 3, 8, 8), 9),
    lambda m: m.nn.functional.unfold(m.ones(1, 3, 8, 8), 0),
    lambda m: m.nn.functional.unfold(m.ones(1, 3, 8, 8), 3, stride=0),
    lambda m: m.nn.functional.unfold(m.ones(1, 3, 8, 8), 3, dilation=0),
    lambda m: m.nn.functional.unfold(m.ones(1, 3, 8, 8), 3, padding=-1),
    lambda m: m.nn.functional.unfold(m.ones(1, 3, 8, 8, dtype=m.int64), 3),
    lambda m: m.nn.functional.fold(m.ones(1, 26, 36), (8, 8), 3),
    lambda m: m.nn.functional.fold(m.ones(1, 27, 35), (8, 8), 3),
    lambda m: m.nn.functional.fold(m.ones(1, 27, 36, 2), (8, 8), 3),
    lambda m: m.nn.functional.fold(m.ones(1, 27, 36), (2, 2), 3),
    lambda m: m.nn.functional.fold(m.ones(1, 27, 36, dtype=m.int64), (8, 8), 3),
    lambda m: m.nn.functional.bilinear(m.ones(5, 3), m.ones(5, 2, 1), m.ones(4, 3, 2)),
    lambda m: m.nn.functional.bilinear(m.ones(5, 3), m.ones(4, 2), m.ones(4, 3, 2)),
    lambda m: m.nn.functional.bilinear(m.ones(5, 4), m.ones(5, 2), m.ones(4, 3, 2)),
    lambda m: m.nn.functional.bilinear(m.ones(5, 3), m.ones(5, 3), m.ones(4, 3, 2)),
    lambda m: m.nn.functional.bilinear(m.ones(5, 3), m.ones(5, 2), m.ones(4, 3, 2), m.ones(3)),
    lambda m: m.nn.functional.linear(m.ones(2, 5, 3), m.ones(4, 2)),
    lambda m: m.nn.functional.linear(m.ones(2, 3), m.ones(3), m.ones(())),
]


def test_linear_dtype_mismatch_message():
    # addmm's PyTorch 2.x wording (1.13: "expected scalar type Float but found Double").
    with pytest.raises(RuntimeError, match="expected m1 and m2 to have the same dtype, but got: float != double"):
        WF.linear(wick.ones(2, 3), wick.ones(4, 3, dtype=wick.float64))


@pytest.mark.parametrize("i", range(len(ERROR_CASES)))
def test_error_messages(i):
    import torch
    te = _err(lambda: ERROR_CASES[i](torch))
    we = _err(lambda: ERROR_CASES[i](wick))
    assert te is not None and we is not None, (we, te)
    assert we == te


def test_half_conv_supported_unlike_torch_113():
    # PyTorch 1.13 raises "slow_conv2d_cpu" not implemented for 'Half'; 2.x computes it.
    y = WF.conv2d(wick.ones(1, 2, 4, 4, dtype=wick.float16), wick.ones(1, 2, 3, 3, dtype=wick.float16))
    assert y.dtype == wick.float16 and y.float().sum().item() == 4 * 18

"""wick.nn.functional activations against torch.nn.functional: values (edge values at the
thresholds, 0/-0/inf/nan), dtypes, gradients, grad_fn names, in-place forms, keyword forms,
torch-level forms, Tensor methods, errors, gradcheck/gradgradcheck."""
import math
import warnings

import numpy as np
import pytest

import wick
from conftest import needs_torch
from ops_helpers import check, compare

pytestmark = needs_torch

INF, NAN = math.inf, math.nan
EDGE = [-3.5, -3.0, -2.0, -1.0, -0.5, -0.25, -0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 3.0, 6.0, 7.0,
        25.0, -25.0, INF, -INF, NAN]
SMOOTH = [-2.7, -1.3, -0.6, -0.2, 0.15, 0.7, 1.9, 4.1]  # away from every kink


def F(m):
    return m.nn.functional


# name -> (positional extra args, keyword args); all take the input first.
SPECS = {
    "relu": ((), {}),
    "relu6": ((), {}),
    "leaky_relu": ((0.2,), {}),
    "elu": ((0.7,), {}),
    "selu": ((), {}),
    "celu": ((1.5,), {}),
    "threshold": ((0.5, -7.0), {}),
    "hardsigmoid": ((), {}),
    "hardswish": ((), {}),
    "softsign": ((), {}),
    "tanhshrink": ((), {}),
    "softshrink": ((0.5,), {}),
    "hardshrink": ((0.5,), {}),
    "logsigmoid": ((), {}),
    "silu": ((), {}),
    "mish": ((), {}),
    "gelu": ((), {}),
    "softplus": ((2.0, 3.0), {}),
    "hardtanh": ((-0.5, 0.75), {}),
    "rrelu": ((0.1, 0.3), {}),
}
INPLACE = ["relu", "relu6", "leaky_relu", "elu", "selu", "celu", "threshold", "hardsigmoid",
           "hardswish", "silu", "mish", "hardtanh", "rrelu"]
UNDERSCORE = ["relu_", "leaky_relu_", "elu_", "selu_", "celu_", "threshold_", "hardtanh_",
              "rrelu_"]
GRAD_FN = {
    "relu": "ReluBackward0", "relu6": "HardtanhBackward0", "leaky_relu": "LeakyReluBackward0",
    "elu": "EluBackward0", "selu": "EluBackward0", "celu": "CeluBackward0",
    "threshold": "ThresholdBackward0", "hardsigmoid": "HardsigmoidBackward0",
    "hardswish": "HardswishBackward0", "softsign": "DivBackward0", "tanhshrink": "SubBackward0",
    "softshrink": "SoftshrinkBackward0", "hardshrink": "HardshrinkBackward0",
    "logsigmoid": "LogSigmoidBackward0", "silu": "SiluBackward0", "mish": "MishBackward0",
    "gelu": "GeluBackward0", "softplus": "SoftplusBackward0", "hardtanh": "HardtanhBackward0",
    "rrelu": "RreluWithNoiseBackward0",
}


def call(m, name, x, **kw):
    args, kwargs = SPECS[name]
    return getattr(F(m), name)(x, *args, **kwargs, **kw)


def edge_data(name):
    # PyTorch 1.13 gives softshrink(nan) = 0 (2.x keeps NaN, as wick does).
    return [v for v in EDGE if not (name == "softshrink" and v != v)]


@pytest.mark.parametrize("name", list(SPECS))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_forward_edge_values(name, dtype):
    data = edge_data(name)
    r, a = (2e-5, 1e-6) if dtype == "float32" else (1e-7, 1e-9)
    # float32 gelu's erf tail differs from PyTorch's in the 4th digit (repr not compared).
    check(lambda m: call(m, name, m.tensor(data, dtype=getattr(m, dtype))), r, a,
          check_repr=not (name == "gelu" and dtype == "float32"))


@pytest.mark.parametrize("name", list(SPECS))
def test_forward_2d_and_noncontiguous(name):
    base = np.linspace(-4, 4, 48).reshape(6, 8)
    check(lambda m: call(m, name, m.from_numpy(base)[:, ::3]))
    check(lambda m: call(m, name, m.from_numpy(base).t()))
    check(lambda m: call(m, name, m.tensor(0.5, dtype=m.float64)))
    check(lambda m: call(m, name, m.zeros(0, 3)))


@pytest.mark.parametrize("name", list(SPECS))
@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_dtypes(name, dtype):
    # Many of these lack CPU half kernels in PyTorch 1.13 (2.x has them): compare with
    # PyTorch's float32 result rounded to the 16-bit type.
    import torch
    data = [v for v in edge_data(name) if abs(v) < 10 or v != v]
    w = call(wick, name, wick.tensor(data, dtype=getattr(wick, dtype)))
    t = call(torch, name, torch.tensor(data, dtype=getattr(torch, dtype)).float())
    t = t.to(getattr(torch, dtype))
    assert str(w.dtype) == f"wick.{dtype}"
    compare(w, t, 1e-2, 1e-2, check_repr=False)


@pytest.mark.parametrize("name", list(SPECS))
def test_grad_and_grad_fn(name):
    data = [v for v in edge_data(name) if math.isfinite(v)]

    def fn(m):
        x = m.tensor(data, dtype=m.float64, requires_grad=True)
        y = call(m, name, x)
        assert y.grad_fn.name() == GRAD_FN[name]
        y.backward(m.linspace(-1, 2, len(data), dtype=m.float64))
        return y.detach(), x.grad
    check(fn)


@pytest.mark.parametrize("name", list(SPECS))
def test_grad_float32(name):
    def fn(m):
        x = m.tensor(SMOOTH, requires_grad=True)
        call(m, name, x).sum().backward()
        return x.grad
    check(fn, 2e-5, 1e-6)


@pytest.mark.parametrize("name", list(SPECS))
def test_gradcheck_gradgradcheck(name):
    x = wick.tensor(SMOOTH, dtype=wick.float64, requires_grad=True)
    f = lambda t: call(wick, name, t)  # noqa: E731
    assert wick.autograd.gradcheck(f, (x,))
    if name not in ("relu", "relu6", "hardtanh", "threshold", "hardshrink"):
        # piecewise linear ones have zero second derivatives that still must run
        pass
    assert wick.autograd.gradgradcheck(f, (x,))


def test_double_backward_matches_torch():
    # (Piecewise-linear ones have gradients that do not depend on x: see test below.)
    for name in ["elu", "celu", "selu", "hardswish", "logsigmoid", "mish", "silu", "gelu",
                 "softplus", "tanhshrink", "softsign"]:
        def fn(m):
            x = m.tensor(SMOOTH, dtype=m.float64, requires_grad=True)
            y = call(m, name, x)
            (g,) = m.autograd.grad(y.sum(), x, create_graph=True)
            (gg,) = m.autograd.grad((g * g).sum(), x)
            return g.detach(), gg
        check(fn)


@pytest.mark.parametrize("name", INPLACE)
def test_inplace_keyword(name):
    data = [v for v in edge_data(name) if math.isfinite(v)]

    def fn(m):
        x = m.tensor(data, dtype=m.float64, requires_grad=True)
        z = x * 1
        r = call(m, name, z, inplace=True)
        assert r is z
        names = z.grad_fn.name()
        z.backward(m.linspace(-1, 2, len(data), dtype=m.float64))
        return z.detach(), x.grad, names
    check(fn)


@pytest.mark.parametrize("name", INPLACE)
def test_inplace_on_leaf_is_an_error(name):
    check(lambda m: call(m, name, m.tensor([1.0, -1.0], requires_grad=True), inplace=True))


@pytest.mark.parametrize("name", UNDERSCORE)
def test_underscore_forms(name):
    base = name[:-1]
    args, _ = SPECS[base]

    def fn(m):
        x = m.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], dtype=m.float64, requires_grad=True)
        z = x * 1
        r = getattr(F(m), name)(z, *args)
        assert r is z
        z.sum().backward()
        return z.detach(), x.grad
    check(fn)


def test_grad_fn_names_in_place():
    import torch
    for name in INPLACE:
        w = wick.tensor([1.0, -1.0], requires_grad=True) * 1
        t = torch.tensor([1.0, -1.0], requires_grad=True) * 1
        call(wick, name, w, inplace=True)
        call(torch, name, t, inplace=True)
        assert w.grad_fn.name() == t.grad_fn.name(), name


def test_keyword_forms():
    x = [-2.0, -0.3, 0.0, 0.4, 2.0]
    check(lambda m: F(m).leaky_relu(m.tensor(x), negative_slope=0.3))
    check(lambda m: F(m).elu(m.tensor(x), alpha=2.0))
    check(lambda m: F(m).celu(input=m.tensor(x), alpha=0.5))
    check(lambda m: F(m).threshold(m.tensor(x), threshold=0.1, value=9.0))
    check(lambda m: F(m).softshrink(m.tensor(x), lambd=0.3))
    check(lambda m: F(m).hardshrink(m.tensor(x), lambd=0.3))
    check(lambda m: F(m).hardtanh(m.tensor(x), min_val=-0.1, max_val=0.2))
    check(lambda m: F(m).softplus(m.tensor(x), beta=3, threshold=1))
    check(lambda m: F(m).gelu(m.tensor(x), approximate="tanh"))
    check(lambda m: F(m).glu(m.tensor([x[:4]]), dim=1))
    check(lambda m: F(m).rrelu(m.tensor(x), lower=0.2, upper=0.4, training=False))
    check(lambda m: F(m).relu(m.tensor(x), inplace=False))
    check(lambda m: F(m).hardswish(input=m.tensor(x)))
    check(lambda m: F(m).gelu(m.tensor(x), "tanh"))  # approximate is keyword-only: TypeError


def test_integer_inputs():
    xi = [3, -2, 0, 7]
    for name in ["relu", "relu6", "hardtanh", "softsign", "tanhshrink"]:
        check(lambda m: call(m, name, m.tensor(xi)))
    check(lambda m: F(m).threshold(m.tensor(xi), 1, 5))
    for name in ["leaky_relu", "elu", "selu", "celu", "hardsigmoid", "hardswish", "softshrink",
                 "hardshrink", "logsigmoid", "silu", "mish", "gelu", "softplus", "rrelu"]:
        check(lambda m: call(m, name, m.tensor(xi)))
    check(lambda m: F(m).glu(m.tensor([1, 2])))
    check(lambda m: F(m).prelu(m.tensor(xi), m.tensor([1])))
    check(lambda m: F(m).threshold(m.tensor([True]), 1, 5))
    check(lambda m: F(m).relu(m.tensor([True])))


def test_errors():
    x = [-1.0, 0.5, 2.0]
    check(lambda m: F(m).softshrink(m.tensor(x), -1.0))
    check(lambda m: F(m).hardshrink(m.tensor(x), -1.0))  # allowed
    check(lambda m: F(m).celu(m.tensor(x), 0.0))
    check(lambda m: F(m).rrelu(m.tensor(x), 0.5, 0.1, True))
    check(lambda m: F(m).rrelu(m.tensor(x), 0.5, 0.1, False))
    check(lambda m: F(m).gelu(m.tensor(x), approximate="bogus"))
    check(lambda m: F(m).hardtanh(m.tensor(x), 2.0, 1.0))


def test_inplace_negative_slope_backward_errors():
    def leaky(m):
        x = m.tensor([-1.0, 2.0], requires_grad=True)
        F(m).leaky_relu(x * 1, -0.1, inplace=True).sum().backward()

    def elu(m):
        x = m.tensor([-1.0, 2.0], requires_grad=True)
        F(m).elu(x * 1, -0.1, inplace=True).sum().backward()

    def celu(m):
        x = m.tensor([-1.0, 2.0], requires_grad=True)
        F(m).celu(x * 1, -0.1, inplace=True).sum().backward()
    assert check(leaky) is not None
    assert check(elu) is not None
    assert check(celu) is not None


def test_out_forms():
    def fn(m, name, *args):
        out = m.empty(0)
        r = getattr(F(m), name)(m.tensor([-1.0, 0.2, 3.0, 0.7]), *args, out=out)
        assert r is out
        return out
    for name, args in [("gelu", ()), ("softplus", ()), ("softshrink", (0.3,)),
                       ("hardshrink", ()), ("logsigmoid", ()), ("glu", ())]:  # glu: TypeError
        check(lambda m: fn(m, name, *args))

    def th(m):
        out = m.empty(3)
        r = m.threshold(m.tensor([-1.0, 0.2, 3.0]), 0.5, 4.0, out=out)
        assert r is out
        return out
    check(th)


# ---- torch-level forms and Tensor methods -------------------------------------------------

def test_torch_level_forms():
    x = [-2.0, -0.3, 0.0, 0.4, 2.0]
    check(lambda m: m.selu(m.tensor(x)))
    check(lambda m: m.celu(m.tensor(x), 2.0))
    check(lambda m: m.celu(m.tensor(x), alpha=2.0))
    check(lambda m: m.threshold(m.tensor(x), 0.1, 3.0))
    check(lambda m: m.hardshrink(m.tensor(x), 0.35))
    check(lambda m: m.tensor(x).hardshrink())
    check(lambda m: m.tensor(x).hardshrink(lambd=0.1))
    check(lambda m: m.rrelu(m.tensor(x)))
    check(lambda m: m.prelu(m.tensor(x), m.tensor([0.3])))
    check(lambda m: m.tensor(x).prelu(m.tensor([0.3])))
    check(lambda m: m.relu(m.tensor(x)))
    for name, args in [("relu_", ()), ("selu_", ()), ("celu_", (0.5,)), ("threshold_", (0.1, 5.0)),
                       ("rrelu_", ())]:
        def fn(m):
            t = m.tensor(x)
            assert getattr(m, name)(t, *args) is t
            return t
        check(fn)

    def gradfns(m):
        a = m.tensor(x, requires_grad=True)
        return [m.selu(a).grad_fn.name(), m.celu(a).grad_fn.name(),
                m.threshold(a, 0.0, 1.0).grad_fn.name(), m.hardshrink(a).grad_fn.name(),
                m.rrelu(a).grad_fn.name(), m.prelu(a, m.tensor([0.2])).grad_fn.name()]
    check(gradfns)


def test_sigmoid_tanh_functional_warn():
    import torch
    x = [-1.0, 0.0, 2.0]
    for name in ["sigmoid", "tanh"]:
        with warnings.catch_warnings(record=True) as ww:
            warnings.simplefilter("always")
            w = getattr(F(wick), name)(wick.tensor(x, requires_grad=True))
        with warnings.catch_warnings(record=True) as tw:
            warnings.simplefilter("always")
            t = getattr(F(torch), name)(torch.tensor(x, requires_grad=True))
        assert [str(a.message) for a in ww] == [str(a.message) for a in tw]
        compare(w, t, check_repr=False)
        assert w.grad_fn.name() == t.grad_fn.name()


# ---- prelu ----------------------------------------------------------------------------------

@pytest.mark.parametrize("shape,wsize", [((), 1), ((5,), 1), ((3, 4), 1), ((3, 4), 4),
                                         ((2, 3, 5), 3), ((2, 3, 2, 2), 3), ((2, 3, 2, 2), 1),
                                         ((2, 3, 1, 2, 2), 3)])
@pytest.mark.parametrize("wdim", [0, 1])
def test_prelu(shape, wsize, wdim):
    if wdim == 0 and wsize != 1:
        return
    n = int(np.prod(shape)) if shape else 1
    data = np.linspace(-3, 2, n).reshape(shape)
    wdata = np.linspace(-0.5, 0.7, wsize)

    def fn(m):
        x = m.tensor(data.tolist(), dtype=m.float64, requires_grad=True)
        w = m.tensor(wdata.tolist() if wdim else float(wdata[0]), dtype=m.float64,
                     requires_grad=True)
        y = F(m).prelu(x, w)
        assert y.grad_fn.name() == "PreluBackward0"
        y.backward(m.ones_like(y) * 1.5)
        return y, x.grad, w.grad
    check(fn)


def test_prelu_gradcheck():
    x = wick.tensor(np.linspace(-3, 2, 24).reshape(2, 3, 4) + 0.01, requires_grad=True)
    w = wick.tensor([0.2, -0.4, 0.6], dtype=wick.float64, requires_grad=True)
    assert wick.autograd.gradcheck(lambda a, b: F(wick).prelu(a, b), (x, w))
    assert wick.autograd.gradgradcheck(lambda a, b: F(wick).prelu(a, b), (x, w))


def test_prelu_errors_and_dtypes():
    check(lambda m: F(m).prelu(m.randn(2, 3), m.randn(2)))
    check(lambda m: F(m).prelu(m.randn(2, 3), m.randn(3, 1)))
    check(lambda m: F(m).prelu(m.tensor(-1.0), m.tensor([0.25, 1.0, 2.0])))
    check(lambda m: F(m).prelu(m.randn(3), m.tensor([0.25, 1.0, 2.0])))
    check(lambda m: F(m).prelu(m.randn(3), m.tensor([0.25, 1.0])))
    check(lambda m: F(m).prelu(m.randn(3), m.tensor([0.25], dtype=m.float64)))
    check(lambda m: F(m).prelu(m.tensor([-1.0, 2.0]).double(), m.tensor([0.25]).double()))
    x = [-1.0, 2.0, -3.0]
    w = wick.nn.functional.prelu(wick.tensor(x, dtype=wick.bfloat16), wick.tensor([0.5], dtype=wick.bfloat16))
    assert w.dtype == wick.bfloat16 and w.float().tolist() == [-0.5, 2.0, -1.5]


# ---- rrelu ----------------------------------------------------------------------------------

# bfloat16: the same draws, but PyTorch 1.13 rounds some products differently (not compared).
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_rrelu_training_matches_torch_generator(dtype):
    def fn(m):
        m.manual_seed(1234)
        x = m.linspace(-3, 3, 101, dtype=m.float64).to(getattr(m, dtype))
        x = x.reshape(1, 101).requires_grad_()
        y = F(m).rrelu(x, 0.1, 0.4, training=True)
        assert y.grad_fn.name() == "RreluWithNoiseBackward0"
        y.sum().backward()
        after = m.rand(3, dtype=m.float64)  # the generator was consumed the same way
        return y, x.grad, after
    check(fn, 1e-6, 1e-7)


def test_double_backward_piecewise_linear_through_weights():
    # The second derivative of a piecewise-linear activation is zero; through a weight
    # (a gradient penalty) both give the same numbers.
    for name in ["leaky_relu", "relu", "softshrink", "hardtanh", "threshold"]:
        def fn(m):
            x = m.tensor(SMOOTH, dtype=m.float64, requires_grad=True)
            w = m.tensor(1.7, dtype=m.float64, requires_grad=True)
            y = call(m, name, x * w)
            (g,) = m.autograd.grad(y.sum(), x, create_graph=True)
            (gw,) = m.autograd.grad((g * g).sum(), w)
            return g.detach(), gw
        check(fn)


def test_rrelu_training_inplace_and_generator():
    def fn(m):
        g = m.Generator().manual_seed(7)
        x = m.linspace(-2, 2, 20, dtype=m.float64, requires_grad=True)
        z = x * 1
        r = m.rrelu_(z, 0.2, 0.5, True, g)
        assert r is z
        name = z.grad_fn.name()
        z.sum().backward()
        return z, x.grad, name
    check(fn)

    def threshold_value_above(m):  # in place, the gradient still follows the input
        x = m.tensor([-2.0, 1.0], requires_grad=True)
        z = x * 1
        m.threshold_(z, 0.1, 4.0)
        z.sum().backward()
        return x.grad
    check(threshold_value_above)

    def strided_in(m):
        m.manual_seed(3)
        x = m.linspace(-2, 2, 40).reshape(5, 8)[:, ::2]
        return F(m).rrelu(x, training=True)
    check(strided_in)


def test_rrelu_properties():
    x = wick.full((10000,), -1.0)
    y = wick.nn.functional.rrelu(x, 0.2, 0.3, training=True)
    assert float(y.max()) <= -0.2 and float(y.min()) >= -0.3
    assert wick.nn.functional.rrelu(wick.ones(5), training=True).tolist() == [1.0] * 5


def test_rrelu_gradgradcheck():
    x = wick.tensor(SMOOTH, dtype=wick.float64, requires_grad=True)
    f = lambda t: F(wick).rrelu(t, 0.2, 0.2, training=True)  # noqa: E731 - fixed slope
    assert wick.autograd.gradcheck(f, (x,))
    assert wick.autograd.gradgradcheck(f, (x,))


# ---- glu ------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape,dim", [((4,), 0), ((3, 4), -1), ((4, 3), 0), ((2, 6, 3), 1),
                                       ((2, 3, 4), -1)])
def test_glu(shape, dim):
    data = np.linspace(-3, 2, int(np.prod(shape))).reshape(shape)

    def fn(m):
        x = m.tensor(data.tolist(), dtype=m.float64, requires_grad=True)
        y = F(m).glu(x, dim)
        assert y.grad_fn.name() == "GluBackward0"
        y.backward(m.ones_like(y) * 0.5)
        return y, x.grad
    check(fn)
    x = wick.tensor(data.tolist(), dtype=wick.float64, requires_grad=True)
    assert wick.autograd.gradgradcheck(lambda t: F(wick).glu(t, dim), (x,))


def test_glu_errors():
    check(lambda m: F(m).glu(m.randn(2, 3)))
    check(lambda m: F(m).glu(m.tensor(1.0)))
    check(lambda m: F(m).glu(m.randn(2, 4), 2))
    check(lambda m: F(m).glu(m.arange(8.0).reshape(4, 2).t()))
    w = F(wick).glu(wick.tensor([1.0, 2.0, 0.0, -1.0], dtype=wick.float16))
    assert w.dtype == wick.float16


# ---- gumbel_softmax ---------------------------------------------------------------------

@pytest.mark.parametrize("hard", [False, True])
@pytest.mark.parametrize("dim", [-1, 0])
def test_gumbel_softmax_same_seed(hard, dim):
    import torch
    logits = np.random.default_rng(3).standard_normal((4, 6))
    res = {}
    for m in (wick, torch):
        m.manual_seed(11)
        x = m.tensor(logits, dtype=m.float32, requires_grad=True)
        y = m.nn.functional.gumbel_softmax(x, tau=0.7, hard=hard, dim=dim)
        y.backward(m.tensor(np.arange(24.0).reshape(4, 6), dtype=m.float32))
        res[m.__name__] = (y, x.grad, m.rand(2))
    (wy, wg, wn), (ty, tg, tn) = res["wick"], res["torch"]
    np.testing.assert_allclose(wy.detach().numpy(), ty.detach().numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(wg.numpy(), tg.numpy(), rtol=1e-4, atol=1e-5)
    # the generator advanced by the same amount
    np.testing.assert_array_equal(wn.numpy(), tn.numpy())
    assert wy.grad_fn.name() == type(ty.grad_fn).__name__
    if hard:
        assert sorted(set(wy.detach().numpy().ravel().tolist())) == [0.0, 1.0]


def test_gumbel_softmax_eps_warns():
    with pytest.warns(UserWarning, match="`eps` parameter is deprecated and has no effect."):
        wick.nn.functional.gumbel_softmax(wick.zeros(2, 3), eps=1e-5)


# ---- second derivatives of the piecewise-linear activations --------------------------------

PIECEWISE = {
    "relu": lambda m, x: m.nn.functional.relu(x),
    "relu6": lambda m, x: m.nn.functional.relu6(x),
    "hardtanh": lambda m, x: m.nn.functional.hardtanh(x, -0.5, 0.7),
    "leaky_relu": lambda m, x: m.nn.functional.leaky_relu(x, 0.1),
    "threshold": lambda m, x: m.nn.functional.threshold(x, 0.2, -1.0),
    "hardshrink": lambda m, x: m.nn.functional.hardshrink(x, 0.3),
    "softshrink": lambda m, x: m.nn.functional.softshrink(x, 0.3),
    "rrelu_eval": lambda m, x: m.nn.functional.rrelu(x, training=False),
    "relu_": lambda m, x: m.nn.functional.relu(x.clone(), inplace=True),
    "relu6_": lambda m, x: m.nn.functional.relu6(x.clone(), inplace=True),
    "hardtanh_": lambda m, x: m.nn.functional.hardtanh(x.clone(), inplace=True),
    "leaky_relu_": lambda m, x: m.nn.functional.leaky_relu(x.clone(), 0.1, inplace=True),
    "threshold_": lambda m, x: m.nn.functional.threshold(x.clone(), 0.2, -1.0, inplace=True),
    "relu_module": lambda m, x: m.nn.ReLU()(x),
    "relu_times_x": lambda m, x: m.nn.functional.relu(x) * x,
    "leaky_relu_of_square": lambda m, x: m.nn.functional.leaky_relu(x * x - 1, 0.2),
    "hardtanh_times_x": lambda m, x: m.nn.functional.hardtanh(x) * x,
}
PW_VALUES = [-3.5, -1.2, -0.4, -0.1, 0.05, 0.25, 0.6, 1.3, 2.9, 6.2]


def _second(m, f):
    x = m.tensor(PW_VALUES, dtype=m.float64, requires_grad=True)
    w = m.tensor([float(i % 3 + 1) for i in range(10)], dtype=m.float64)
    (gx,) = m.autograd.grad((f(m, x) * w).sum(), x, create_graph=True)
    (gg,) = m.autograd.grad((gx * w * gx).sum(), x)
    return gx, gg


@pytest.mark.parametrize("name", list(PIECEWISE))
def test_piecewise_second_derivative(name):
    import torch
    wgx, wgg = _second(wick, PIECEWISE[name])
    tgx, tgg = _second(torch, PIECEWISE[name])
    np.testing.assert_allclose(wgx.detach().numpy(), tgx.detach().numpy())
    np.testing.assert_array_equal(wgg.numpy(), tgg.numpy())
    assert wgx.grad_fn.name() == type(tgx.grad_fn).__name__


@pytest.mark.parametrize("name", ["hardsigmoid", "rrelu_train"])
def test_piecewise_second_derivative_zero(name):
    # PyTorch 1.13 has no double backward for hardsigmoid (2.x: zeros through x);
    # rrelu in training: g * noise, zeros through x.
    f = {"hardsigmoid": lambda x: wick.nn.functional.hardsigmoid(x),
         "rrelu_train": lambda x: wick.nn.functional.rrelu(x, training=True)}[name]
    x = wick.tensor(PW_VALUES, dtype=wick.float64, requires_grad=True)
    (gx,) = wick.autograd.grad(f(x).sum(), x, create_graph=True)
    (gg,) = wick.autograd.grad(gx.sum(), x)
    assert gg.tolist() == [0.0] * 10
    assert gx.grad_fn.name() == {"hardsigmoid": "HardsigmoidBackwardBackward0",
                                 "rrelu_train": "RreluWithNoiseBackwardBackward0"}[name]


@pytest.mark.parametrize("name", ["relu", "relu6", "hardtanh", "leaky_relu", "threshold",
                                  "hardshrink", "softshrink", "rrelu_eval"])
def test_piecewise_gradgradcheck(name):
    x = wick.tensor(PW_VALUES, dtype=wick.float64, requires_grad=True)
    f = lambda x: PIECEWISE[name](wick, x)  # noqa: E731
    assert wick.autograd.gradgradcheck(f, (x,))
    (gx,) = wick.autograd.grad(f(x).sum(), x, create_graph=True)
    g = wick.ones(10, dtype=wick.float64, requires_grad=True)
    (ggo,) = wick.autograd.grad(gx, x, g, create_graph=True)
    assert ggo.tolist() == [0.0] * 10


@pytest.mark.parametrize("wshape", [(3,), (1,)])
@pytest.mark.parametrize("wreq", [False, True])
def test_prelu_second_derivatives(wshape, wreq):
    import torch
    vals = [[-3.5, -1.2, 0.4], [-0.1, 0.05, 0.25], [0.6, -1.3, 2.9], [-3.2, 0.3, -0.7]]
    wv = [0.25, -0.5, 0.1][:wshape[0]]
    res = {}
    for m in (wick, torch):
        x = m.tensor(vals, dtype=m.float64, requires_grad=True)
        w = m.tensor(wv, dtype=m.float64, requires_grad=wreq)
        c = m.tensor([[1.0, 2, 3]] * 4, dtype=m.float64)
        ins = (x, w) if wreq else (x,)
        gs = m.autograd.grad((m.nn.functional.prelu(x, w) * c).sum(), ins, create_graph=True)
        tot = (gs[0] * c * 0.5).sum() + (gs[1].sum() * 3 if wreq else 0)
        res[m.__name__] = (gs, m.autograd.grad(tot, ins),
                           gs[0].grad_fn.name() if m is wick else type(gs[0].grad_fn).__name__)
    (wg, wgg, wn), (tg, tgg, tn) = res["wick"], res["torch"]
    assert wn == tn
    for a, b in list(zip(wg, tg)) + list(zip(wgg, tgg)):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-12)


def test_prelu_gradgradcheck():
    x = wick.tensor([[-3.5, -1.2, 0.4], [-0.1, 0.05, 0.25]], dtype=wick.float64,
                    requires_grad=True)
    w = wick.tensor([0.25, -0.5, 0.1], dtype=wick.float64, requires_grad=True)
    assert wick.autograd.gradgradcheck(wick.nn.functional.prelu, (x, w))

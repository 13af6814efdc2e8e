"""Reductions and scans: dim forms (int, tuple, None), keepdim, dtype=, out=, named
tuples, legacy unbiased and correction= forms, errors, gradients."""
import numpy as np
import pytest

import wick
from conftest import needs_torch
from ops_helpers import DTYPES, check, make, strided, tol

pytestmark = needs_torch

DATA = [[0.25, -0.5, 0.75, 2.0], [1.5, -2.0, 0.0, 3.0], [4.0, 1.0, -1.0, 0.5]]
INT_DATA = [[3, -2, 0, 1], [7, 1, -5, 2], [0, 4, 4, -1]]
BOOL_DATA = [[True, False, True, True], [False, False, True, False], [True, True, True, False]]


def data_for(dtype):
    return DATA if dtype.startswith("float") else INT_DATA if dtype == "int64" else BOOL_DATA


@pytest.mark.parametrize("name", ["sum", "nansum", "mean", "nanmean"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_sum_mean(name, dtype):
    d, (r, a) = data_for(dtype), tol(dtype)
    f = lambda m: getattr(m, name)  # noqa: E731
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: f(m)(x(m)), r, a)
    check(lambda m: f(m)(x(m), 0), r, a)
    check(lambda m: f(m)(x(m), -1, True), r, a)
    check(lambda m: f(m)(x(m), (0, 1)), r, a)
    check(lambda m: f(m)(x(m), [1], keepdim=True), r, a)
    check(lambda m: f(m)(x(m), dim=None), r, a)
    check(lambda m: f(m)(x(m), dtype=m.float64), r, a)
    check(lambda m: f(m)(x(m), 1, dtype=m.float64), r, a)
    check(lambda m: getattr(x(m), name)(), r, a)
    check(lambda m: getattr(x(m), name)(1, keepdim=True), r, a)
    check(lambda m: getattr(x(m), name)(dim=(0,), dtype=m.float64), r, a)
    check(lambda m: getattr(x(m), name)(1, False, m.float64), r, a)  # dtype is keyword-only
    check(lambda m: f(m)(x(m), 5), r, a)  # IndexError


def test_dim_out_of_range_message():
    with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of "
                                         r"\[-2, 1\], but got 5\)"):
        wick.sum(wick.ones(2, 3), 5)
    check(lambda m: m.ones(2, 3).mean((0, 0)))  # repeated dim


@pytest.mark.parametrize("name", ["sum", "mean", "prod", "amax", "amin", "nansum", "logsumexp"])
def test_out(name):
    def fn(m):
        out = m.empty(0)
        r = getattr(m, name)(m.tensor(DATA), 1, out=out)
        assert r is out
        return out
    check(fn, *tol("float32"))


@pytest.mark.parametrize("dtype", DTYPES)
def test_prod(dtype):
    d = data_for(dtype)
    check(lambda m: m.prod(make(m, d, dtype)))
    check(lambda m: m.prod(make(m, d, dtype), 1))
    check(lambda m: m.prod(make(m, d, dtype), 0, keepdim=True, dtype=m.float64))
    check(lambda m: make(m, d, dtype).prod(dim=-1))
    check(lambda m: m.prod(make(m, d, dtype), (0, 1)))  # TypeError: one int dim


@pytest.mark.parametrize("name", ["max", "min"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_max_min_forms(name, dtype):
    d = data_for(dtype)
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: getattr(m, name)(x(m)))
    check(lambda m: getattr(m, name)(x(m), 1))
    check(lambda m: getattr(m, name)(x(m), 0, True))
    check(lambda m: getattr(m, name)(x(m), dim=-1, keepdim=True))
    check(lambda m: getattr(x(m), name)(1))
    check(lambda m: getattr(x(m), name)())
    check(lambda m: getattr(m, name)(x(m), make(m, d[::-1], dtype)))
    check(lambda m: getattr(x(m), name)(other=make(m, d[::-1], dtype)))

    def out(m):
        v, i = m.empty(0, dtype=getattr(m, dtype)), m.empty(0, dtype=m.int64)
        r = getattr(m, name)(x(m), 1, out=(v, i))
        assert r[0] is v and r[1] is i
        return r
    check(out)


def test_max_named_tuple_repr_and_fields():
    w = wick.max(wick.tensor([[1, 5], [3, 2]]), 1)
    assert type(w).__module__ == "wick.return_types"
    assert repr(w) == "wick.return_types.max(\nvalues=tensor([5, 3]),\nindices=tensor([1, 0]))"
    values, indices = w
    assert w.values is values and w.indices is indices
    check(lambda m: m.max(m.tensor([[1, 5], [3, 2]]), 1))


def test_max_empty_errors():
    check(lambda m: m.max(m.zeros(0)))
    check(lambda m: m.max(m.zeros(0, 3), 0))
    check(lambda m: m.max(m.zeros(0, 3), 1))
    check(lambda m: m.amax(m.zeros(0, 3), 1))


@pytest.mark.parametrize("name", ["amax", "amin"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_amax_amin(name, dtype):
    d = data_for(dtype)
    f = lambda m: getattr(m, name)  # noqa: E731
    check(lambda m: f(m)(make(m, d, dtype)))
    check(lambda m: f(m)(make(m, d, dtype), 0))
    check(lambda m: f(m)(make(m, d, dtype), (0, 1), True))
    check(lambda m: getattr(make(m, d, dtype), name)(dim=-1))


def test_aminmax():
    check(lambda m: m.aminmax(m.tensor(DATA)))
    check(lambda m: m.aminmax(m.tensor(DATA), dim=1))
    check(lambda m: m.aminmax(m.tensor(INT_DATA), dim=0, keepdim=True))
    check(lambda m: m.tensor(DATA).aminmax(dim=-1))
    check(lambda m: m.aminmax(m.tensor(DATA), 1))  # dim is keyword-only


@pytest.mark.parametrize("name", ["argmax", "argmin"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_argmax_argmin(name, dtype):
    d = data_for(dtype)
    check(lambda m: getattr(m, name)(make(m, d, dtype)))
    check(lambda m: getattr(m, name)(make(m, d, dtype), 1))
    check(lambda m: getattr(m, name)(make(m, d, dtype), dim=0, keepdim=True))
    check(lambda m: getattr(m, name)(make(m, d, dtype), None, True))
    check(lambda m: getattr(make(m, d, dtype), name)(-1))


@pytest.mark.parametrize("name", ["all", "any"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_all_any(name, dtype):
    d = data_for(dtype)
    check(lambda m: getattr(m, name)(make(m, d, dtype)))
    check(lambda m: getattr(m, name)(make(m, d, dtype), 1))
    check(lambda m: getattr(m, name)(make(m, d, dtype), dim=0, keepdim=True))
    check(lambda m: getattr(make(m, d, dtype), name)())
    check(lambda m: getattr(make(m, d, dtype), name)(-1, True))
    check(lambda m: getattr(m, name)(m.zeros(0)))


@pytest.mark.parametrize("name", ["std", "var"])
def test_std_var_forms(name):
    x = lambda m: m.tensor(DATA, dtype=m.float64)  # noqa: E731
    f = lambda m: getattr(m, name)  # noqa: E731
    check(lambda m: f(m)(x(m)))
    check(lambda m: f(m)(x(m), True))
    check(lambda m: f(m)(x(m), False))
    check(lambda m: f(m)(x(m), 1))
    check(lambda m: f(m)(x(m), 1, True, True))
    check(lambda m: f(m)(x(m), (0, 1), False))
    check(lambda m: f(m)(x(m), dim=0, unbiased=False, keepdim=True))
    check(lambda m: f(m)(x(m), 0, correction=0, keepdim=True))
    check(lambda m: f(m)(x(m), dim=None, correction=2))
    check(lambda m: f(m)(x(m), dim=1))
    check(lambda m: getattr(x(m), name)())
    check(lambda m: getattr(x(m), name)(0, True, True))
    check(lambda m: getattr(x(m), name)(unbiased=False))
    check(lambda m: getattr(x(m), name)(1, correction=0))
    check(lambda m: getattr(x(m), name)(None, True))
    check(lambda m: f(m)(m.tensor([1.0])))  # one element: nan
    check(lambda m: f(m)(m.tensor(INT_DATA)))  # integer input: error

    def out(m):
        o = m.empty(0, dtype=m.float64)
        assert f(m)(x(m), 1, out=o) is o
        return o
    check(out)


@pytest.mark.parametrize("name", ["std_mean", "var_mean"])
def test_std_mean_var_mean(name):
    x = lambda m: m.tensor(DATA, dtype=m.float64)  # noqa: E731
    f = lambda m: getattr(m, name)  # noqa: E731
    check(lambda m: f(m)(x(m)))
    check(lambda m: f(m)(x(m), False))
    check(lambda m: f(m)(x(m), 1))
    check(lambda m: f(m)(x(m), 0, True, True))
    check(lambda m: f(m)(x(m), dim=1, correction=0, keepdim=True))


def test_norm_and_dist():
    x = lambda m: m.tensor(DATA)  # noqa: E731
    r, a = tol("float32")
    check(lambda m: m.norm(x(m)), r, a)
    check(lambda m: m.norm(x(m), 1), r, a)
    check(lambda m: m.norm(x(m), p=3.0, dim=1), r, a)
    check(lambda m: m.norm(x(m), "fro", dim=(0, 1), keepdim=True), r, a)
    check(lambda m: m.norm(x(m), float("inf"), dim=0), r, a)
    check(lambda m: m.norm(x(m), 0), r, a)
    # PyTorch 2.x takes dtype= with p='fro' (1.13 raised ValueError)
    w = wick.norm(x(wick), dim=1, dtype=wick.float64)
    assert w.dtype == wick.float64 and w.shape == (3,)
    check(lambda m: m.norm(x(m), 2, dim=1, dtype=m.float64), r, a)
    check(lambda m: x(m).norm(), r, a)
    check(lambda m: x(m).norm(1, 1, True), r, a)
    check(lambda m: x(m).norm(p=2, dim=0), r, a)
    check(lambda m: m.norm(m.tensor([1, 2])))  # integer: error
    check(lambda m: m.dist(x(m), m.zeros(3, 4)), r, a)
    check(lambda m: m.dist(x(m), m.ones(4), 1), r, a)
    check(lambda m: x(m).dist(m.ones(4), p=float("inf")), r, a)


def test_logsumexp_count_nonzero():
    r, a = tol("float32")
    check(lambda m: m.logsumexp(m.tensor(DATA), 1), r, a)
    check(lambda m: m.logsumexp(m.tensor(DATA), (0, 1), True), r, a)
    check(lambda m: m.tensor(DATA).logsumexp(dim=0, keepdim=True), r, a)
    check(lambda m: m.logsumexp(m.tensor([[float("-inf")] * 2]), 1), r, a)
    for dtype in DTYPES:
        d = data_for(dtype)
        check(lambda m: m.count_nonzero(make(m, d, dtype)))
        check(lambda m: m.count_nonzero(make(m, d, dtype), 1))
        check(lambda m: m.count_nonzero(make(m, d, dtype), dim=(0, 1)))
        check(lambda m: make(m, d, dtype).count_nonzero(0))


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_cumsum_cumprod(name, dtype):
    d = data_for(dtype)
    check(lambda m: getattr(m, name)(make(m, d, dtype), 1))
    check(lambda m: getattr(m, name)(make(m, d, dtype), dim=0, dtype=m.float64))
    check(lambda m: getattr(make(m, d, dtype), name)(-1))
    check(lambda m: getattr(make(m, d, dtype), name)(0, m.float64))  # dtype is keyword-only
    check(lambda m: getattr(m, name)(make(m, d, dtype), 1, out=m.empty(0, dtype=m.float64)))
    if dtype != "bool":
        def inplace(m):
            x = make(m, d, dtype)
            assert getattr(x, name + "_")(1) is x
            return x
        check(inplace)


@pytest.mark.parametrize("name", ["cummax", "cummin"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_cummax_cummin(name, dtype):
    d = data_for(dtype)
    check(lambda m: getattr(m, name)(make(m, d, dtype), 1))
    check(lambda m: getattr(m, name)(make(m, d, dtype), dim=0))
    check(lambda m: getattr(make(m, d, dtype), name)(-1))

    def out(m):
        v, i = m.empty(0, dtype=getattr(m, dtype)), m.empty(0, dtype=m.int64)
        r = getattr(m, name)(make(m, d, dtype), 1, out=(v, i))
        assert r.values is v and r.indices is i
        return r
    check(out)


def test_logcumsumexp():
    r, a = tol("float32")
    check(lambda m: m.logcumsumexp(m.tensor(DATA), 1), r, a)
    check(lambda m: m.tensor(DATA, dtype=m.float64).logcumsumexp(dim=0))
    check(lambda m: m.logcumsumexp(m.tensor(DATA), 0, out=m.empty(0)), r, a)


@pytest.mark.parametrize("name", ["median", "nanmedian"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_median(name, dtype):
    d = data_for(dtype)
    check(lambda m: getattr(m, name)(make(m, d, dtype)))
    check(lambda m: getattr(m, name)(make(m, d, dtype), 1))
    check(lambda m: getattr(m, name)(make(m, d, dtype), dim=0, keepdim=True))
    check(lambda m: getattr(make(m, d, dtype), name)())
    check(lambda m: getattr(make(m, d, dtype), name)(-1))
    check(lambda m: getattr(m, name)(m.tensor([[1.0, float("nan"), 3.0], [2.0, 1.0, 0.0]]), 1))


def test_mode():
    x = lambda m: m.tensor([[1, 2, 2, 3], [4, 4, 1, 1], [0, 5, 5, 5]])  # noqa: E731
    check(lambda m: m.mode(x(m)))
    check(lambda m: m.mode(x(m), 0))
    check(lambda m: m.mode(x(m), dim=1, keepdim=True))
    check(lambda m: x(m).mode())
    check(lambda m: x(m).float().mode(1))


@pytest.mark.parametrize("shape", ["0dim", "empty", "strided"])
@pytest.mark.parametrize("name", ["sum", "mean", "prod", "amax", "argmax", "all", "std",
                                  "logsumexp", "cumsum"])
def test_shapes(shape, name):
    arr = np.arange(12, dtype=np.float32).reshape(3, 4) / 3 - 1

    def fn(m):
        x = {"0dim": lambda: m.tensor(2.5), "empty": lambda: m.zeros(0, 3),
             "strided": lambda: strided(m, arr)}[shape]()
        if name in ("logsumexp", "cumsum"):
            return getattr(m, name)(x, 0)
        return getattr(m, name)(x), getattr(m, name)(x, 0)
    check(fn, *tol("float32"))


@pytest.mark.parametrize("name", ["sum", "mean", "prod", "amax", "max", "std", "var", "norm",
                                  "logsumexp", "cumsum", "cumprod", "logcumsumexp", "median"])
def test_gradients(name):
    def fn(m):
        x = m.tensor([[0.25, 0.5, 3.0], [1.5, 2.0, -1.0]], dtype=m.float64, requires_grad=True)
        f = getattr(m, name)
        y = f(x, 1) if name not in ("max", "median") else f(x, 1).values
        y.sum().backward()
        return x.grad
    check(fn)


def test_gradient_full_reductions():
    def fn(m):
        x = m.tensor([[0.25, 0.5, 3.0], [1.5, 2.0, -1.0]], dtype=m.float64, requires_grad=True)
        (x.sum() + x.mean() * 2 + x.max() + x.std() + x.norm() + x.prod()
         + x.amin(dim=(0, 1)) + x.var(0, correction=0).sum()).backward()
        return x.grad
    check(fn)


def test_full_reduction_keepdim_keeps_every_dim():
    x = lambda m: m.tensor(DATA)  # noqa: E731
    check(lambda m: m.sum(x(m), None, True))
    check(lambda m: m.mean(x(m), dim=None, keepdim=True))
    check(lambda m: m.nansum(x(m), None, True))
    check(lambda m: m.amax(x(m), keepdim=True))
    check(lambda m: x(m).std(None, keepdim=True))
    check(lambda m: m.norm(x(m), keepdim=True), *tol("float32"))
    check(lambda m: m.argmax(x(m), None, True))
    check(lambda m: m.argmin(x(m), keepdim=True))
    # PyTorch 2.x: all/any(dim=None, keepdim=True) keep every dim (1.13 refused dim=None)
    for name in ["all", "any", "prod"]:
        assert getattr(wick, name)(x(wick), None, True).shape == (1, 1)
        assert getattr(x(wick), name)(keepdim=True).shape == (1, 1)


def test_named_tuple_out_forms():
    x = lambda m: m.tensor(DATA)  # noqa: E731
    pair = lambda m: (m.empty(0), m.empty(0, dtype=m.int64))  # noqa: E731
    check(lambda m: m.aminmax(x(m), out=(m.empty(0), m.empty(0))))
    check(lambda m: m.aminmax(x(m), dim=0, out=(m.empty(0), m.empty(0))))
    check(lambda m: m.median(x(m), 1, out=pair(m)))
    check(lambda m: m.nanmedian(x(m), 0, True, out=pair(m)))
    check(lambda m: m.mode(x(m), 0, out=pair(m)))
    check(lambda m: m.min(x(m), 0, keepdim=True, out=pair(m)))
    check(lambda m: m.cummin(x(m), 0, out=pair(m)))


@pytest.mark.parametrize("name", ["all", "any"])
def test_all_any_over_several_dims(name):
    # PyTorch 2.2+ takes a tuple of dims; compared with the one-dim-at-a-time result.
    x = wick.tensor([[[True, False], [True, True]], [[True, True], [False, True]]])
    f = getattr(wick, name)
    assert f(x, (0, 2)).tolist() == f(f(x, 2), 0).tolist()
    assert f(x, (-1, 0), keepdim=True).shape == (1, 2, 1)
    assert getattr(x, name)((1, 2)).tolist() == f(f(x, 2), 1).tolist()
    assert f(x, (0, 1, 2)).tolist() == f(x).tolist()
    with pytest.raises(RuntimeError, match="dim 0 appears multiple times in the list of dims"):
        f(x, (0, -3))
    out = wick.empty(0, dtype=wick.bool)
    assert f(x, (0, 1), out=out) is out and out.tolist() == f(f(x, 1), 0).tolist()

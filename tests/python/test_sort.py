"""sort, argsort, msort, topk, kthvalue, unique, unique_consecutive, searchsorted,
bucketize, bincount, histc."""
import numpy as np
import pytest

import wick
from conftest import needs_torch
from ops_helpers import DTYPES, check, make, strided

pytestmark = needs_torch

DATA = [[0.25, -0.5, 0.75, 2.0], [1.5, -2.0, 0.0, 3.0], [4.0, 1.0, -1.0, 0.5]]
INT_DATA = [[3, -2, 0, 1], [7, 1, -5, 2], [0, 4, 9, -1]]
BOOL_DATA = [[True, False, True, True], [False, False, True, False], [True, True, False, False]]


def data_for(dtype):
    return DATA if dtype.startswith("float") else INT_DATA if dtype == "int64" else BOOL_DATA


@pytest.mark.parametrize("dtype", DTYPES)
def test_sort(dtype):
    d = data_for(dtype)
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: m.sort(x(m)))
    check(lambda m: m.sort(x(m), 0))
    check(lambda m: m.sort(x(m), 1, True))
    check(lambda m: m.sort(x(m), dim=0, descending=True, stable=True))
    check(lambda m: m.sort(x(m), stable=True))
    check(lambda m: x(m).sort())
    check(lambda m: x(m).sort(0, descending=True))
    check(lambda m: x(m).sort(stable=True, dim=1))

    def out(m):
        v, i = m.empty(0, dtype=getattr(m, dtype)), m.empty(0, dtype=m.int64)
        r = m.sort(x(m), 1, out=(v, i))
        assert r.values is v and r.indices is i
        return r
    check(out)


def test_sort_repr_and_stability():
    w = wick.sort(wick.tensor([3, 1, 2, 1, 3]), stable=True)
    assert repr(w) == ("wick.return_types.sort(\nvalues=tensor([1, 1, 2, 3, 3]),\n"
                       "indices=tensor([1, 3, 2, 0, 4]))")
    check(lambda m: m.sort(m.tensor([2, 1, 2, 1, 2, 1, 2, 1] * 3), stable=True, descending=True))
    check(lambda m: m.sort(m.tensor([1.0, float("nan"), -1.0, float("nan")])))
    check(lambda m: m.sort(m.tensor([1.0, float("nan"), -1.0]), descending=True))


@pytest.mark.parametrize("dtype", DTYPES)
def test_argsort_msort(dtype):
    d = data_for(dtype)
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: m.argsort(x(m), stable=True))
    check(lambda m: m.argsort(x(m), dim=0, descending=True, stable=True))
    check(lambda m: x(m).argsort(dim=1, stable=True))
    check(lambda m: m.msort(x(m)))
    check(lambda m: x(m).msort())
    check(lambda m: m.msort(x(m), out=m.empty(0, dtype=getattr(m, dtype))))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_topk(dtype):
    d = data_for(dtype)
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: m.topk(x(m), 2))
    check(lambda m: m.topk(x(m), 2, 0))
    check(lambda m: m.topk(x(m), 3, largest=False))
    check(lambda m: m.topk(x(m), k=1, dim=0, largest=True, sorted=True))
    check(lambda m: x(m).topk(2))
    check(lambda m: x(m).topk(2, dim=0, largest=False))
    check(lambda m: m.topk(x(m), 5))  # k too big: RuntimeError
    check(lambda m: m.topk(x(m), 2, out=(m.empty(0, dtype=getattr(m, dtype)),
                                          m.empty(0, dtype=m.int64))))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_kthvalue(dtype):
    d = data_for(dtype)
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: m.kthvalue(x(m), 2))
    check(lambda m: m.kthvalue(x(m), 1, 0))
    check(lambda m: m.kthvalue(x(m), 3, dim=0, keepdim=True))
    check(lambda m: x(m).kthvalue(4))
    check(lambda m: x(m).kthvalue(2, 0, True))
    check(lambda m: m.kthvalue(x(m), 9))  # out of range
    check(lambda m: m.kthvalue(x(m), 2, out=(m.empty(0, dtype=getattr(m, dtype)),
                                             m.empty(0, dtype=m.int64))))


@pytest.mark.parametrize("dtype", DTYPES)
def test_unique(dtype):
    d = data_for(dtype)
    x = lambda m: make(m, d, dtype)  # noqa: E731
    check(lambda m: m.unique(x(m)))
    check(lambda m: m.unique(x(m), return_inverse=True))
    check(lambda m: m.unique(x(m), return_counts=True))
    check(lambda m: m.unique(x(m), True, True, True))
    check(lambda m: x(m).unique())
    check(lambda m: x(m).unique(return_inverse=True, return_counts=True))
    check(lambda m: m.unique(x(m), dim=0, return_counts=True))
    check(lambda m: m.unique(m.tensor([[1, 2], [1, 2], [0, 5]]), dim=0, return_inverse=True))
    check(lambda m: m.unique(m.tensor([[1, 2, 1], [3, 4, 3]]), dim=1, return_counts=True))
    check(lambda m: m.unique(m.tensor([], dtype=getattr(m, dtype))))


@pytest.mark.parametrize("dtype", DTYPES)
def test_unique_consecutive(dtype):
    data = {"bool": [True, True, False, True], "int64": [1, 1, 2, 2, 3, 1, 1, 2]}.get(
        dtype, [1.0, 1.0, 2.5, 2.5, -1.0, 1.0])
    x = lambda m: m.tensor(data, dtype=getattr(m, dtype))  # noqa: E731
    check(lambda m: m.unique_consecutive(x(m)))
    check(lambda m: m.unique_consecutive(x(m), return_inverse=True))
    check(lambda m: m.unique_consecutive(x(m), return_counts=True))
    check(lambda m: m.unique_consecutive(x(m), True, True))
    check(lambda m: x(m).unique_consecutive(return_counts=True, return_inverse=True))
    check(lambda m: m.unique_consecutive(m.tensor([[1, 1], [1, 1], [2, 3]]), dim=0,
                                         return_counts=True))


def test_searchsorted():
    seq = [1.0, 2.0, 2.0, 4.0, 8.0]
    vals = [[0.0, 2.0, 3.0], [8.0, 9.0, 2.0]]
    s = lambda m: m.tensor(seq)  # noqa: E731
    v = lambda m: m.tensor(vals)  # noqa: E731
    check(lambda m: m.searchsorted(s(m), v(m)))
    check(lambda m: m.searchsorted(s(m), v(m), right=True))
    check(lambda m: m.searchsorted(s(m), v(m), side="right"))
    check(lambda m: m.searchsorted(s(m), v(m), side="left", out_int32=True))
    check(lambda m: m.searchsorted(s(m), 2.0))
    check(lambda m: m.searchsorted(s(m), 3, right=True))
    check(lambda m: m.searchsorted(m.tensor([[1, 3, 5], [2, 4, 6]]), m.tensor([[2], [5]])))
    check(lambda m: m.searchsorted(m.tensor([5.0, 1.0, 3.0]), m.tensor([2.0, 4.0]),
                                   sorter=m.tensor([1, 2, 0])))
    check(lambda m: m.searchsorted(s(m), v(m), out=m.empty(0, dtype=m.int64)))
    check(lambda m: m.searchsorted(s(m), v(m), right=False, side="right"))  # conflict: error
    check(lambda m: m.searchsorted(s(m), v(m), side="middle"))


def test_bucketize():
    b = lambda m: m.tensor([1, 3, 5, 7])  # noqa: E731
    check(lambda m: m.bucketize(m.tensor([[0, 3, 6], [7, 9, 1]]), b(m)))
    check(lambda m: m.bucketize(m.tensor([[0, 3, 6], [7, 9, 1]]), b(m), right=True))
    check(lambda m: m.bucketize(m.tensor([0.5, 3.0]), b(m), out_int32=True))
    check(lambda m: m.bucketize(4, b(m)))
    check(lambda m: m.bucketize(m.tensor([2, 8]), b(m), out=m.empty(0, dtype=m.int64)))
    check(lambda m: m.bucketize(m.tensor([2, 8]), m.tensor([[1, 2]])))  # 1-d boundaries only


def test_bincount_histc():
    x = lambda m: m.tensor([0, 1, 1, 3, 2, 1, 7])  # noqa: E731
    check(lambda m: m.bincount(x(m)))
    check(lambda m: m.bincount(x(m), minlength=10))
    check(lambda m: m.bincount(x(m), m.tensor([0.5, 1.0, 1.0, 2.0, 0.25, 1.0, 3.0])))
    check(lambda m: x(m).bincount(weights=m.tensor([1, 2, 3, 4, 5, 6, 7], dtype=m.float64)))
    check(lambda m: m.bincount(m.tensor([], dtype=m.int64)))
    check(lambda m: m.bincount(m.tensor([-1, 2])))  # negative: error
    check(lambda m: m.bincount(m.tensor([1.0])))  # float: error
    y = lambda m: m.tensor([1.0, 2.0, 1.0, 2.5, 4.0, -1.0])  # noqa: E731
    check(lambda m: m.histc(y(m)))
    check(lambda m: m.histc(y(m), bins=4, min=0, max=3))
    check(lambda m: m.histc(y(m), 5, -1, 4))
    check(lambda m: y(m).histc(bins=3))
    check(lambda m: m.histc(y(m), 4, out=m.empty(0)))
    check(lambda m: m.histc(y(m), bins=-1))
    check(lambda m: m.histc(y(m), 4, 3, 1))  # max < min: error


def test_strided_and_empty():
    arr = np.array([[5.0, 0, 1, 0, 3, 0], [2, 0, -4, 0, 0, 0]], dtype=np.float32)
    check(lambda m: m.sort(strided(m, arr)))
    check(lambda m: m.topk(strided(m, arr), 2))
    check(lambda m: m.unique(strided(m, arr), return_counts=True))
    check(lambda m: m.sort(m.zeros(0, 3), 0))
    check(lambda m: m.sort(m.tensor(2.5)))
    check(lambda m: m.argsort(m.tensor(2.5)))
    check(lambda m: m.topk(m.tensor(2.5), 1))


@pytest.mark.parametrize("name", ["sort", "topk", "kthvalue", "msort"])
def test_gradients(name):
    def fn(m):
        x = m.tensor([[0.25, 0.5, 3.0], [1.5, 2.0, -1.0]], dtype=m.float64, requires_grad=True)
        w = m.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=m.float64)
        if name == "sort":
            y = m.sort(x, 1, descending=True).values * w
        elif name == "topk":
            y = m.topk(x, 2).values * m.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=m.float64)
        elif name == "kthvalue":
            y = m.kthvalue(x, 2, 0).values * 5
        else:
            y = m.msort(x) * w
        y.sum().backward()
        return x.grad
    check(fn)

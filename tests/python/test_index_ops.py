"""Index ops: gather/scatter*, index_select/add/copy/fill, masked_*, nonzero,
argwhere, take/put, index_put: function, method, in-place and out= forms."""
import pytest

import wick
from conftest import assert_same, both, needs_torch

DTYPES = ["float32", "float64", "int64", "int32", "uint8", "float16"]


def x_of(m, dtype, shape=(3, 4)):
    n = 1
    for s in shape:
        n *= s
    x = m.arange(n).reshape(shape)
    if dtype == "bool":
        return (x % 2) == 0
    return x.to(getattr(m, dtype))


def idx(m, v):
    return m.tensor(v)


def src_of(m, dtype, shape=(2, 4)):
    return (x_of(m, "int64", shape) + 100).to(getattr(m, dtype)) if dtype != "bool" else x_of(m, "bool", shape)


CASES = {
    "gather": lambda m, x, d: m.gather(x, 1, idx(m, [[0, 0], [1, 3], [2, 1]])),
    "gather_m": lambda m, x, d: x.gather(0, idx(m, [[2, 1, 0, 0]])),
    "gather_kw": lambda m, x, d: m.gather(input=x, dim=-1, index=idx(m, [[3], [2], [1]]), sparse_grad=False),
    "scatter_src": lambda m, x, d: m.scatter(x, 0, idx(m, [[2, 1, 0, 0], [0, 1, 2, 2]]), src_of(m, d)),
    "scatter_m": lambda m, x, d: x.scatter(1, idx(m, [[3], [0], [1]]), src_of(m, d, (3, 1))),
    "scatter_value": lambda m, x, d: m.scatter(x, 1, idx(m, [[0, 1], [2, 3], [1, 1]]), 7),
    "scatter_value_kw": lambda m, x, d: x.scatter(1, idx(m, [[0], [2], [1]]), value=5),
    "scatter_src_kw": lambda m, x, d: x.scatter(dim=0, index=idx(m, [[1, 1, 1, 1]]), src=src_of(m, d)),
    "scatter_add": lambda m, x, d: m.scatter_add(x, 0, idx(m, [[2, 2, 0, 0], [2, 1, 2, 2]]), src_of(m, d)),
    "scatter_add_m": lambda m, x, d: x.scatter_add(1, idx(m, [[0, 0], [3, 3], [1, 2]]), src_of(m, d, (3, 2))),
    "index_select": lambda m, x, d: m.index_select(x, 0, idx(m, [2, 0, 2])),
    "index_select_m": lambda m, x, d: x.index_select(1, idx(m, [3, 1])),
    "index_select_kw": lambda m, x, d: x.index_select(dim=-1, index=idx(m, [0])),
    "index_add": lambda m, x, d: m.index_add(x, 0, idx(m, [2, 0]), src_of(m, d)),
    "index_add_alpha": lambda m, x, d: x.index_add(1, idx(m, [0, 0, 3]), src_of(m, d, (3, 3)), alpha=2),
    "index_copy": lambda m, x, d: m.index_copy(x, 0, idx(m, [2, 0]), src_of(m, d)),
    "index_copy_m": lambda m, x, d: x.index_copy(1, idx(m, [3, 1]), src_of(m, d, (3, 2))),
    "index_fill": lambda m, x, d: m.index_fill(x, 1, idx(m, [0, 2]), 9),
    "index_fill_m": lambda m, x, d: x.index_fill(0, idx(m, [-1]), -1 if d not in ("uint8", "bool") else 1),
    "index_fill_t": lambda m, x, d: x.index_fill(0, idx(m, [1]), m.tensor(3)),
    "masked_select": lambda m, x, d: m.masked_select(x, x_of(m, "int64") % 3 == 0),
    "masked_select_b": lambda m, x, d: x.masked_select(m.tensor([True, False, True, False])),
    "masked_fill": lambda m, x, d: m.masked_fill(x, x_of(m, "int64") > 5, 2),
    "masked_fill_f": lambda m, x, d: x.masked_fill(m.tensor([[True], [False], [True]]), 1.5),
    "masked_fill_t": lambda m, x, d: x.masked_fill(x_of(m, "int64") < 3, m.tensor(4)),
    "masked_scatter": lambda m, x, d: m.masked_scatter(x, x_of(m, "int64") % 2 == 1, src_of(m, d, (2, 4))),
    "masked_scatter_m": lambda m, x, d: x.masked_scatter(m.tensor([True, False, False, True]), src_of(m, d, (2, 4))),
    "nonzero": lambda m, x, d: m.nonzero(x),
    "nonzero_m": lambda m, x, d: (x % 3).nonzero(),
    "nonzero_tuple": lambda m, x, d: m.nonzero(x, as_tuple=True),
    "nonzero_tuple_m": lambda m, x, d: x.nonzero(as_tuple=True),
    "nonzero_0d": lambda m, x, d: m.nonzero(x[1, 1], as_tuple=True),
    "argwhere": lambda m, x, d: m.argwhere(x),
    "argwhere_m": lambda m, x, d: (x > 4).argwhere(),
    "take": lambda m, x, d: m.take(x, idx(m, [[0, 11], [-1, 5]])),
    "take_m": lambda m, x, d: x.take(idx(m, [3])),
    "put": lambda m, x, d: m.put(x, idx(m, [0, 11]), src_of(m, d, (2,))),
    "put_acc": lambda m, x, d: x.put(idx(m, [1, 1, -1]), src_of(m, d, (3,)), accumulate=True),
    "index_put": lambda m, x, d: m.index_put(x, (idx(m, [0, 2]), idx(m, [1, 3])), src_of(m, d, (2,))),
    "index_put_m": lambda m, x, d: x.index_put((idx(m, [0, 0]),), src_of(m, d, (4,)), accumulate=True),
}


@needs_torch
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_index_ops_match_torch(dtype, name):
    w, t = both(lambda m: CASES[name](m, x_of(m, dtype), dtype))
    if isinstance(t, tuple):
        assert type(w) is tuple
    assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("name", ["masked_select", "masked_fill", "nonzero", "nonzero_tuple", "index_select",
                                  "take", "masked_scatter", "argwhere"])
def test_bool_inputs(name):
    assert_same(*both(lambda m: CASES[name](m, x_of(m, "bool"), "bool")))


REDUCE_CASES = [
    ("sum", True), ("sum", False), ("prod", True), ("prod", False), ("mean", True), ("mean", False),
    ("amax", True), ("amax", False), ("amin", True), ("amin", False),
]


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32"])
@pytest.mark.parametrize("reduce,include_self", REDUCE_CASES)
def test_scatter_reduce(dtype, reduce, include_self):
    def run(m):
        x = x_of(m, dtype)
        i = idx(m, [[0, 0, 2, 1], [0, 2, 2, 1]])
        s = src_of(m, dtype)
        a = m.scatter_reduce(x, 0, i, s, reduce, include_self=include_self)
        b = x.scatter_reduce(0, i, s, reduce=reduce, include_self=include_self)
        c = x.clone()
        r = c.scatter_reduce_(0, i, s, reduce, include_self=include_self)
        assert r is c
        return a, b, c
    assert_same(*both(run))


@needs_torch
@pytest.mark.parametrize("reduce", ["add", "multiply"])
def test_scatter_legacy_reduce(reduce):
    def run(m):
        x = x_of(m, "float32")
        i = idx(m, [[0, 1, 2, 0]])
        a = x.scatter(0, i, src_of(m, "float32", (1, 4)), reduce=reduce)
        b = m.scatter(x, 0, i, 2.0, reduce=reduce)
        c = x * 1
        c.scatter_(0, i, 3.0, reduce=reduce)
        d = x * 1
        d.scatter_(0, i, src_of(m, "float32", (1, 4)), reduce=reduce)
        return a, b, c, d
    assert_same(*both(run))


INPLACE = {
    "scatter_": lambda m, x: x.scatter_(1, idx(m, [[1], [0], [3]]), src_of(m, "float32", (3, 1))),
    "scatter_v": lambda m, x: x.scatter_(1, idx(m, [[1], [0], [3]]), -2.0),
    "scatter_kw": lambda m, x: x.scatter_(1, idx(m, [[1], [0], [3]]), value=-2.0),
    "scatter_add_": lambda m, x: x.scatter_add_(0, idx(m, [[1, 1, 1, 1]]), src_of(m, "float32")),
    "index_add_": lambda m, x: x.index_add_(0, idx(m, [1, 1]), src_of(m, "float32"), alpha=-1),
    "index_copy_": lambda m, x: x.index_copy_(0, idx(m, [2, 1]), src_of(m, "float32")),
    "index_fill_": lambda m, x: x.index_fill_(1, idx(m, [1, 2]), 0.5),
    "index_fill_t": lambda m, x: x.index_fill_(1, idx(m, [1, 2]), m.tensor(0.25)),
    "masked_fill_": lambda m, x: x.masked_fill_(x > 6, -1.0),
    "masked_fill_t": lambda m, x: x.masked_fill_(m.tensor([False, True, True, False]), m.tensor(8.0)),
    "masked_scatter_": lambda m, x: x.masked_scatter_(x < 3, src_of(m, "float32")),
    "put_": lambda m, x: x.put_(idx(m, [0, 5]), m.tensor([9.0, 8.0])),
    "put_acc": lambda m, x: x.put_(idx(m, [0, 0]), m.tensor([9.0, 8.0]), accumulate=True),
    "index_put_": lambda m, x: x.index_put_((idx(m, [0, 2]),), m.tensor(1.0)),
    "index_put_acc": lambda m, x: x.index_put_((idx(m, [0, 0]), idx(m, [1, 1])), m.tensor([1.0, 2.0]), True),
}


@needs_torch
@pytest.mark.parametrize("name", sorted(INPLACE))
def test_inplace_forms(name):
    def run(m):
        x = x_of(m, "float32")
        r = INPLACE[name](m, x)
        assert r is x
        return x
    assert_same(*both(run))


OUT_CASES = {
    "gather": lambda m, x, o: m.gather(x, 1, idx(m, [[0], [1], [2]]), out=o),
    "scatter": lambda m, x, o: m.scatter(x, 0, idx(m, [[1, 0, 2, 0]]), src_of(m, "float32"), out=o),
    "scatter_v": lambda m, x, o: m.scatter(x, 0, idx(m, [[1, 0, 2, 0]]), 3.0, out=o),
    "scatter_add": lambda m, x, o: m.scatter_add(x, 0, idx(m, [[1, 0, 2, 0]]), src_of(m, "float32"), out=o),
    "scatter_reduce": lambda m, x, o: m.scatter_reduce(x, 0, idx(m, [[1, 0, 2, 0]]), src_of(m, "float32"),
                                                       "amax", out=o),
    "index_select": lambda m, x, o: m.index_select(x, 0, idx(m, [1, 1]), out=o),
    "index_add": lambda m, x, o: m.index_add(x, 0, idx(m, [1, 1]), src_of(m, "float32"), out=o),
    "index_copy": lambda m, x, o: m.index_copy(x, 0, idx(m, [1, 0]), src_of(m, "float32"), out=o),
    "masked_select": lambda m, x, o: m.masked_select(x, x > 3, out=o),
    "take": lambda m, x, o: m.take(x, idx(m, [1, 2]), out=o),
}


@needs_torch
@pytest.mark.parametrize("name", sorted(OUT_CASES))
def test_out_forms(name):
    def run(m):
        x = x_of(m, "float32")
        o = m.empty(0)
        r = OUT_CASES[name](m, x, o)
        assert r is o
        return o
    assert_same(*both(run))


@needs_torch
def test_nonzero_out():
    def run(m):
        o = m.empty(0, dtype=m.int64)
        r = m.nonzero(m.tensor([[0, 1], [2, 0]]), out=o)
        assert r is o
        return o
    assert_same(*both(run))


@needs_torch
def test_errors():
    import torch
    cases = [
        (lambda m: m.gather(m.zeros(3, 4), 1, m.tensor([[5]])), RuntimeError, "out of bounds"),
        (lambda m: m.gather(m.zeros(3, 4), 1, m.tensor([[1.0]])), RuntimeError, "gather\\(\\): Expected dtype int64 for index"),
        (lambda m: m.index_select(m.zeros(3), 0, m.tensor([3])), IndexError, "out of range"),
        (lambda m: m.zeros(3).masked_fill(m.tensor([1, 0, 1]), 1.0), RuntimeError, "masked_fill_ only supports boolean masks"),
        (lambda m: m.zeros(3).masked_fill(m.tensor([True, False, True]), m.tensor([1.0, 2.0])), RuntimeError,
         "only supports a 0-dimensional value tensor"),
        (lambda m: m.take(m.zeros(3), m.tensor([3])), IndexError, "out of range"),
        (lambda m: m.zeros(3).scatter_reduce(0, m.tensor([0]), m.ones(1), "max"), RuntimeError, "reduce argument must be"),
    ]
    for fn, exc, msg in cases:
        if "boolean masks" not in msg:  # PyTorch 1.13 still accepts a long mask (2.x refuses)
            with pytest.raises(exc):
                fn(torch)
        with pytest.raises(exc, match=msg):
            fn(wick)


@needs_torch
def test_gradients():
    def run(m):
        x = x_of(m, "float32")
        x.requires_grad = True
        s = src_of(m, "float32")
        s.requires_grad = True
        g = m.arange(12.0).reshape(3, 4)
        outs = [
            (m.gather(x, 1, idx(m, [[0, 0], [1, 3], [2, 1]])), None),
            (x.index_select(0, idx(m, [2, 2, 0])), None),
            (x.masked_select(x > 4.5), None),
            (x.masked_fill(x > 4.5, 0.0), None),
            (x.take(idx(m, [[1, 1], [4, 11]])), None),
            (x.scatter(0, idx(m, [[2, 1, 0, 0], [0, 1, 2, 2]]), s), None),
            (x.scatter_add(0, idx(m, [[2, 2, 0, 0], [2, 1, 2, 2]]), s), None),
            (x.index_add(0, idx(m, [2, 0]), s, alpha=3), None),
            (x.index_copy(0, idx(m, [2, 0]), s), None),
            (x.masked_scatter(x > 5.5, s), None),
            (x.index_fill(1, idx(m, [0]), 2.0), None),
        ]
        for y, _ in outs:
            y.backward(gradient=m.arange(float(y.numel())).reshape(y.shape))
        return x.grad, s.grad
    assert_same(*both(run))


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool"])
def test_take_along_dim(dtype):
    def run(m):
        x = x_of(m, dtype, (3, 4))
        i = m.tensor([[0, 3], [1, 1], [2, 0]])
        j = m.tensor([[1, 0, 2, 2]])
        o = m.empty(0, dtype=x.dtype)
        r = m.take_along_dim(x, i, dim=1, out=o)
        assert r is o
        return (m.take_along_dim(x, i, 1), x.take_along_dim(j, dim=0), x.take_along_dim(m.tensor([11, 0])),
                m.take_along_dim(x, m.tensor([[0], [1], [2]]), -1), o)
    assert_same(*both(run))
    with pytest.raises(RuntimeError, match="should have the same number of dimensions"):
        wick.take_along_dim(wick.zeros(2, 2), wick.tensor([0]), 0)


@needs_torch
def test_take_along_dim_of_zero_dim_tensor_is_an_index_error():
    import torch
    for m in (wick, torch):
        with pytest.raises(IndexError, match="Dimension specified as 0 but tensor has no dimensions"):
            m.tensor(1.5).take_along_dim(m.tensor(0), -1)

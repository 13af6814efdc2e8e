"""More factories and tensor-state methods against PyTorch: range, logspace,
empty_strided, full_like, scalar_tensor, zeros/ones/empty out=, Tensor.new_*,
fill_/zero_/resize_/set_, clone/detach functions, type-promotion queries."""
import warnings

import pytest

import wick
from conftest import assert_same, both, needs_torch

pytestmark = needs_torch


def quiet(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return both(fn)


@pytest.mark.parametrize("call", [
    lambda m: m.range(1, 4),
    lambda m: m.range(0, 1, 0.25),
    lambda m: m.range(0, 1, 0.25, dtype=m.float64),
    lambda m: m.range(start=2, end=8, step=3),
    lambda m: m.range(5, 1, -2),
    lambda m: m.range(1, 3, dtype=m.int32),
    lambda m: m.range(0, 2, out=m.empty(0)),
    lambda m: m.range(0, 2, requires_grad=True),
])
def test_range(call):
    assert_same(*quiet(call))


def test_range_needs_end():
    for m in (wick, __import__("torch")):
        with pytest.raises(TypeError, match="missing 1 required positional arguments"):
            m.range(4)


def test_range_warns():
    with pytest.warns(UserWarning, match="wick.range is deprecated"):
        wick.range(0, 3)


@pytest.mark.parametrize("call", [
    lambda m: m.logspace(0, 2, 3),
    lambda m: m.logspace(0, 3, 4, base=2),
    lambda m: m.logspace(0, 3, 4, 2.0, dtype=m.int64),
    lambda m: m.logspace(-1.0, 1.0, 5, dtype=m.float64),
    lambda m: m.logspace(start=0, end=1, steps=1),
    lambda m: m.logspace(0, 1, 2, out=m.empty(0)),
    lambda m: m.logspace(0, 1, 0),
])
def test_logspace(call):
    assert_same(*both(call))


def test_empty_strided():
    w, t = both(lambda m: m.empty_strided((2, 3), (1, 2)))
    assert tuple(w.shape) == tuple(t.shape) and w.stride() == t.stride()
    w, t = both(lambda m: m.empty_strided([2, 2], [2, 1], dtype=m.float64, requires_grad=True))
    assert str(w.dtype) == "wick.float64" and w.requires_grad and w.stride() == t.stride()


@pytest.mark.parametrize("call", [
    lambda m: m.full_like(m.zeros(2, dtype=m.int32), 7),
    lambda m: m.full_like(m.zeros(2, 2), 2.5, dtype=m.float64),
    lambda m: m.full_like(m.zeros(3), True),
    lambda m: m.full_like(m.zeros(3), 1.5, requires_grad=True),
    lambda m: m.full_like(input=m.zeros(1), fill_value=3),
    lambda m: m.scalar_tensor(3),
    lambda m: m.scalar_tensor(2.5),
    lambda m: m.scalar_tensor(True, dtype=m.bool),
    lambda m: m.scalar_tensor(7, dtype=m.int64),
    lambda m: m.scalar_tensor(1, requires_grad=True),
])
def test_full_like_and_scalar_tensor(call):
    assert_same(*both(call))


def test_zeros_ones_empty_out():
    def run(m):
        o = m.ones(5, dtype=m.int32)
        r = m.zeros(2, 3, out=o)
        assert r is o
        a = o.tolist()
        r = m.ones((2,), out=o)
        assert r is o
        b = o.tolist()
        m.empty(4, out=o)  # contents are left alone by the resize
        return a, b, o.shape, o.dtype
    w, t = both(run)
    assert w[0] == t[0] and w[1] == t[1]
    assert tuple(w[2]) == tuple(t[2]) and str(w[3]) == str(t[3]).replace("torch", "wick")


def test_out_dtype_mismatch():
    for m in (wick, __import__("torch")):
        with pytest.raises(RuntimeError, match=r"dtype Float does not match dtype of out parameter \(Int\)"):
            m.zeros(2, out=m.ones(1, dtype=m.int32), dtype=m.float32)


def test_out_with_leaf_requiring_grad():
    for m in (wick, __import__("torch")):
        with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
            m.zeros(2, out=m.ones(1, requires_grad=True))


@pytest.mark.parametrize("call", [
    lambda x, m: x.new_zeros(2, 3),
    lambda x, m: x.new_zeros((2, 3)),
    lambda x, m: x.new_zeros([2]),
    lambda x, m: x.new_zeros(size=(1, 2)),
    lambda x, m: x.new_zeros(2, dtype=m.int32),
    lambda x, m: x.new_ones(3),
    lambda x, m: x.new_ones((2, 2), dtype=m.bool),
    lambda x, m: x.new_ones(2, requires_grad=True),
    lambda x, m: x.new_full((2,), 3),
    lambda x, m: x.new_full([2, 1], 3.5, dtype=m.float32),
    lambda x, m: x.new_full(size=(2,), fill_value=-1, dtype=m.int8),
    lambda x, m: x.new_tensor([1, 2]),
    lambda x, m: x.new_tensor([[1.5, 2]], dtype=m.float32),
    lambda x, m: x.new_tensor(3),
    lambda x, m: x.new_tensor(m.tensor([1, 2])),
    lambda x, m: x.new_tensor([1.0], requires_grad=True),
    lambda x, m: x.new_empty(2, 3).shape,
    lambda x, m: x.new_empty((0,)).dtype,
    lambda x, m: x.new_empty_strided((2, 2), (1, 2)).stride(),
    lambda x, m: x.new_empty(3, device="cpu").device,
])
def test_new_methods(call):
    w, t = both(lambda m: call(m.zeros(2, dtype=m.float64), m))
    if isinstance(t, tuple) or not hasattr(t, "dtype") or not hasattr(t, "shape"):
        assert str(w) == str(t).replace("torch", "wick")
    else:
        assert_same(w, t)


def test_new_tensor_copies():
    src = wick.tensor([1.0, 2.0])
    n = wick.zeros(1).new_tensor(src)
    with wick.no_grad():
        n.add_(1)
    assert src.tolist() == [1.0, 2.0]


def test_new_zeros_bad_size():
    with pytest.raises(TypeError):
        wick.zeros(1).new_zeros("a")
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        wick.zeros(1).new_zeros(2, bogus=1)


def test_fill_zero():
    def run(m):
        y = m.ones(2, 3)
        out = []
        assert y.fill_(2) is y
        out.append(y.clone())
        assert y.fill_(m.tensor(5)) is y
        out.append(y.clone())
        assert y.zero_() is y
        out.append(y.clone())
        assert m.fill_(y, 1.5) is y
        out.append(y.clone())
        assert m.zero_(y) is y
        out.append(y.clone())
        i = m.zeros(3, dtype=m.int64)
        i.fill_(7)
        out.append(i)
        return out
    assert_same(*both(run))


def test_fill_with_multi_element_tensor_fails():
    import torch
    with pytest.raises(RuntimeError) as te:
        torch.ones(2).fill_(torch.ones(2))
    with pytest.raises(RuntimeError) as we:
        wick.ones(2).fill_(wick.ones(2))
    assert str(we.value) == str(te.value)


def test_resize_and_set():
    def run(m):
        y = m.arange(6.0)
        res = []
        assert y.resize_(3, 2) is y
        res.append(y.clone())
        y.resize_((2,))
        res.append(y.clone())
        y.resize_as_(m.zeros(1, 3))
        res.append(y.clone())
        z = m.ones(4)
        assert y.set_(z) is y
        res.append(y.clone())
        y.set_()
        res.append(y.clone())
        return res
    assert_same(*both(run))


def test_set_shares_storage():
    a, b = wick.zeros(3), wick.zeros(1)
    b.set_(a)
    with wick.no_grad():
        a.add_(1)
    assert b.tolist() == [1.0, 1.0, 1.0]


def test_clone_detach_functions():
    def run(m):
        x = m.ones(2, requires_grad=True)
        c = m.clone(x)
        d = m.detach(x)
        c2 = m.clone(x, memory_format=m.preserve_format) if hasattr(m, "preserve_format") else m.clone(x)
        return c, d, c2
    w, t = both(run)
    assert w[0].requires_grad and not w[1].requires_grad
    assert_same(w[1], t[1])
    assert w[0].tolist() == t[0].tolist()


@pytest.mark.parametrize("call", [
    lambda m: m.is_nonzero(m.tensor([1.0])),
    lambda m: m.is_nonzero(m.tensor(0)),
    lambda m: m.tensor([True]).is_nonzero(),
    lambda m: m.is_same_size(m.ones(2), m.ones(3)),
    lambda m: m.ones(2, 3).is_same_size(m.zeros(2, 3)),
    lambda m: m.result_type(m.tensor([1]), 2.0),
    lambda m: m.result_type(m.tensor([1], dtype=m.int8), m.tensor(1000)),
    lambda m: m.result_type(m.tensor([1], dtype=m.int8), 1000),
    lambda m: m.result_type(2, 3),
    lambda m: m.result_type(2, 3.0),
    lambda m: m.result_type(tensor=m.ones(1, dtype=m.float16), other=m.ones(1, dtype=m.float64)),
    lambda m: m.promote_types(m.int32, m.float16),
    lambda m: m.promote_types(m.uint8, m.int8),
    lambda m: m.promote_types(type1=m.bool, type2=m.int16),
    lambda m: m.can_cast(m.float, m.int),
    lambda m: m.can_cast(m.int, m.float),
    lambda m: m.can_cast(m.int64, m.bool),
    lambda m: m.can_cast(**{"from": m.bool, "to": m.uint8}),
])
def test_predicates_and_promotion(call):
    w, t = both(call)
    assert str(w) == str(t).replace("torch", "wick")


@pytest.mark.parametrize("n", [0, 2])
def test_is_nonzero_errors(n):
    import torch
    with pytest.raises(RuntimeError) as te:
        torch.is_nonzero(torch.ones(n))
    with pytest.raises(RuntimeError) as we:
        wick.is_nonzero(wick.ones(n))
    assert str(we.value) == str(te.value)

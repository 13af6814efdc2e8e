"""The Tensor object itself: construction, identity, attributes, dtypes, numpy."""
import copy

import numpy as np
import pytest

import wick
from conftest import assert_same, both, needs_torch, wick_repr


@needs_torch
@pytest.mark.parametrize("data", [
    [[1.0, 2.0], [3.0, 4.0]], [1, 2, 3], [True, False], 3.5, 7, [], [[1, 2.5], [3, 4]],
    [[True, 2], [3, 4]],
])
def test_tensor_from_data_matches_torch(data):
    w, t = both(lambda m: m.tensor(data))
    assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "int16", "int8",
                                   "uint8", "bool", "float16", "bfloat16"])
def test_tensor_dtype_keyword(dtype):
    w, t = both(lambda m: m.tensor([[0, 1.5], [2, 3]], dtype=getattr(m, dtype)))
    assert_same(w, t)


def test_ragged_data_is_a_value_error():
    with pytest.raises(ValueError, match=r"expected sequence of length 2 at dim 1 \(got 3\)"):
        wick.tensor([[1, 2], [3, 4, 5]])


def test_invalid_data_type():
    with pytest.raises(TypeError, match="new\\(\\): invalid data type 'str'"):
        wick.tensor(["a"])


def test_same_python_object_for_same_tensor():
    x = wick.ones(3, requires_grad=True)
    (x * 2).sum().backward()
    assert x.grad is x.grad
    y = x.view(3)
    assert y.grad_fn is y.grad_fn and x.grad_fn is None
    with wick.no_grad():
        z = x.mul_(1)
    assert z is x


def test_subclass_survives_round_trip_through_cpp():
    class MyTensor(wick.Tensor):
        pass
    m = MyTensor([1.0, 2.0])
    assert type(m) is MyTensor
    assert repr(m) == "MyTensor([1., 2.])"
    assert m.add_(1) is m
    m.tag = "kept"
    assert m.add_(1).tag == "kept"


def test_make_subclass_shares_memory():
    class P(wick.Tensor):
        pass
    base = wick.zeros(2)
    p = wick.Tensor._make_subclass(P, base, True)
    assert type(p) is P and p.requires_grad and p.is_leaf
    with wick.no_grad():
        p.add_(1)
    assert base.tolist() == [1.0, 1.0]


def test_hash_is_identity():
    a, b = wick.ones(1), wick.ones(1)
    assert hash(a) != hash(b) or a is b
    assert len({a, b}) == 2


@needs_torch
def test_attributes_match_torch():
    def make(m):
        x = m.ones(2, 3, requires_grad=True)
        return x, x * 2
    (wx, wy), (tx, ty) = both(make)
    for attr in ["is_leaf", "requires_grad", "ndim", "is_cuda"]:
        assert getattr(wx, attr) == getattr(tx, attr), attr
        assert getattr(wy, attr) == getattr(ty, attr), attr
    assert repr(wx.shape) == wick_repr(repr(tx.shape))
    assert repr(wx.dtype) == wick_repr(repr(tx.dtype))
    assert repr(wx.device) == repr(tx.device)
    assert wy.grad_fn.name() == ty.grad_fn.name()
    assert wx.grad_fn is None


def test_size_is_a_tuple():
    s = wick.ones(2, 3).shape
    assert isinstance(s, tuple) and isinstance(s, wick.Size)
    assert s == (2, 3) and s[1] == 3 and s.numel() == 6
    assert repr(s[1:]) == "wick.Size([3])"
    assert repr(wick.Size([4, 5])) == "wick.Size([4, 5])"


def test_dtype_objects():
    assert wick.float is wick.float32 and wick.long is wick.int64 and wick.double is wick.float64
    assert wick.float32.is_floating_point and not wick.int64.is_floating_point
    assert wick.int16.itemsize == 2
    assert repr(wick.int32) == "wick.int32"
    assert copy.deepcopy(wick.float16) is wick.float16


def test_numpy_shares_memory_both_ways():
    a = np.arange(6.0).reshape(2, 3)
    t = wick.from_numpy(a)
    assert t.dtype == wick.float64
    t.add_(1)
    assert a[0, 0] == 1.0
    n = t.numpy()
    n[1, 2] = 100
    assert t[1, 2].item() == 100


def test_numpy_refuses_requires_grad():
    x = wick.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"):
        x.numpy()
    assert x.detach().numpy().tolist() == [1.0, 1.0]


def test_python_number_conversions():
    t = wick.tensor([2.5])
    assert float(t) == 2.5 and int(t) == 2 and bool(t)
    assert wick.tensor(3).__index__() == 3
    with pytest.raises(ValueError, match="Boolean value of Tensor with more than one value is ambiguous"):
        bool(wick.ones(2))
    with pytest.raises(TypeError, match="only integer tensors of a single element"):
        [0, 1][wick.tensor(0.5)]


def test_legacy_constructors():
    assert wick.Tensor(2, 3).shape == (2, 3)
    assert wick.Tensor([1, 2]).dtype == wick.float32
    assert wick.LongTensor([1, 2]).dtype == wick.int64
    assert wick.IntTensor(3).shape == (3,)
    assert isinstance(wick.ones(2), wick.FloatTensor)
    assert not isinstance(wick.ones(2), wick.LongTensor)
    assert wick.ones(2).type() == "torch.FloatTensor"
    assert wick.ones(2).type(wick.LongTensor).dtype == wick.int64
    assert wick.ones(2).type("torch.DoubleTensor").dtype == wick.float64


@needs_torch
def test_as_subclass_views_and_keeps_history():
    import torch

    def run(m):
        class M(m.Tensor):
            pass
        x = m.ones(2, requires_grad=True)
        y = x * 2
        z = y.as_subclass(M)
        z.sum().backward()
        return (type(z).__name__, z.grad_fn.name(), z._base is y, z.data_ptr() == y.data_ptr(),
                x.grad.tolist(), type(x.as_subclass(M)).__name__, x.as_subclass(M).is_leaf)
    w, t = both(run)
    assert w == t
    with pytest.raises(TypeError):
        wick.ones(1).as_subclass(int)

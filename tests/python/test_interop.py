"""Exchanging tensors with numpy, DLPack consumers and producers, pickle and copy."""
import copy
import pickle

import numpy as np
import pytest

import wick
from conftest import assert_same, both, needs_torch


DTYPES = ["float32", "float64", "float16", "bfloat16", "int64", "int32", "int16", "int8",
          "uint8", "bool"]


@pytest.mark.parametrize("dtype", DTYPES)
def test_pickle_round_trip(dtype):
    t = wick.tensor([[0, 1], [2, 3]], dtype=getattr(wick, dtype))
    back = pickle.loads(pickle.dumps(t))
    assert back.dtype == t.dtype and back.shape == t.shape
    assert back.tolist() == t.tolist()
    assert back is not t


def test_pickle_keeps_requires_grad_and_subclass_state():
    class Tagged(wick.Tensor):
        pass
    globals()["Tagged"] = Tagged  # pickle finds classes by module-level name
    Tagged.__qualname__ = "Tagged"
    t = Tagged([1.0, 2.0])
    t.tag = "kept"
    t.requires_grad_(True)
    back = pickle.loads(pickle.dumps(t))
    assert type(back) is Tagged and back.tag == "kept" and back.requires_grad
    assert back.tolist() == [1.0, 2.0]


def test_pickle_of_non_contiguous_view_saves_its_values():
    base = wick.arange(6).reshape([2, 3])
    v = base.t()
    back = pickle.loads(pickle.dumps(v))
    assert back.tolist() == v.tolist() and back.shape == (3, 2)


def test_deepcopy_leaf_copies_values_grad_and_flags():
    x = wick.ones(2, requires_grad=True)
    (x * 3).backward(wick.ones(2))
    y = copy.deepcopy(x)
    assert y is not x and y.requires_grad and y.is_leaf
    assert y.grad.tolist() == [3.0, 3.0] and y.grad is not x.grad
    with wick.no_grad():
        y.add_(1)
    assert x.tolist() == [1.0, 1.0]


def test_deepcopy_memo_keeps_aliasing_of_the_same_object():
    x = wick.zeros(2)
    a, b = copy.deepcopy([x, x])
    assert a is b


def test_deepcopy_refuses_non_leaf():
    x = wick.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="Only Tensors created explicitly by the user"):
        copy.deepcopy(x * 2)


def test_copy_copy_shares_nothing_surprising():
    x = wick.ones(2)
    y = copy.deepcopy(x)
    y.add_(1)
    assert x.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("dtype", [d for d in DTYPES if d not in ("bfloat16",)])
def test_numpy_from_dlpack_shares_memory(dtype):
    if dtype == "bool":
        pytest.skip("numpy 1.24 does not import bool through DLPack")
    t = wick.tensor([[0, 1], [1, 0]], dtype=getattr(wick, dtype))
    a = np.from_dlpack(t)
    assert a.dtype == np.dtype(str(t.dtype).split(".")[1] if dtype != "bool" else "bool")
    assert a.tolist() == t.tolist()
    t.fill_(1)
    assert a.tolist() == t.tolist()  # numpy sees writes through the tensor


def test_from_dlpack_of_numpy_shares_memory():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)[:, ::2]  # strided
    t = wick.from_dlpack(a)
    assert t.shape == (2, 2) and t.tolist() == [[0.0, 2.0], [3.0, 5.0]]
    t.mul_(10)
    assert a.tolist() == [[0.0, 20.0], [30.0, 50.0]]
    del a
    assert t.tolist() == [[0.0, 20.0], [30.0, 50.0]]  # the tensor keeps numpy's memory alive


def test_dlpack_capsule_is_consumed_once():
    cap = wick.ones(2).__dlpack__()
    wick.from_dlpack(cap)
    with pytest.raises(ValueError, match="consumed only once"):
        wick.from_dlpack(cap)


def test_dlpack_refuses_requires_grad():
    with pytest.raises(RuntimeError, match="Can't export tensors that require gradient"):
        wick.ones(2, requires_grad=True).__dlpack__()
    assert wick.ones(2).__dlpack_device__() == (1, 0)


@needs_torch
def test_dlpack_with_pytorch_both_ways():
    import torch
    from torch.utils import dlpack as tdl
    w = wick.tensor([1.5, 2.5, 3.5])
    t = tdl.from_dlpack(w.__dlpack__())
    assert t.tolist() == [1.5, 2.5, 3.5] and t.dtype == torch.float32
    t.add_(1)
    assert w.tolist() == [2.5, 3.5, 4.5]
    src = torch.arange(6, dtype=torch.int64).reshape(2, 3).t()
    back = wick.from_dlpack(tdl.to_dlpack(src))
    assert back.tolist() == src.tolist() and back.dtype == wick.int64
    bf = wick.from_dlpack(tdl.to_dlpack(torch.tensor([1.0, 2.0], dtype=torch.bfloat16)))
    assert bf.dtype == wick.bfloat16 and bf.float().tolist() == [1.0, 2.0]


@needs_torch
def test_numpy_functions_on_tensors_match_torch():
    def run(m):
        t = m.tensor([[1.0, 2.0], [3.0, 4.0]])
        return (np.asarray(t).tolist(), np.array(t, dtype=np.float64).dtype,
                type(np.sin(t)).__name__, np.sin(t).tolist(), (np.ones(2) == m.ones(2)))
    w, t = both(run)
    assert w == t


@needs_torch
def test_tensor_operators_take_numpy_arrays():
    for op in [lambda a, b: a + b, lambda a, b: a * b, lambda a, b: a - b, lambda a, b: a / b]:
        w, t = both(lambda m: op(m.ones(2), np.array([2.0, 4.0])))
        assert_same(w, t)
    w, t = both(lambda m: m.ones(2) == np.ones(2))
    assert w == t

"""Helpers shared by the op-family parity tests (unary, pointwise, reduce, sort)."""
import numpy as np
import pytest

import wick
from conftest import assert_same, wick_repr

DTYPES = ["float32", "float64", "int64", "bool"]


def make(m, data, dtype=None, requires_grad=False):
    kw = {"dtype": getattr(m, dtype)} if dtype else {}
    return m.tensor(data, requires_grad=requires_grad, **kw)


def strided(m, arr):
    """A non-contiguous tensor (every other column) viewed from a numpy array."""
    return m.from_numpy(np.ascontiguousarray(arr)[:, ::2])


def check(fn, rtol=1e-6, atol=1e-7, check_repr=True):
    """fn(module) gives the same result with wick as with torch, or the same error type
    and (except for TypeError) message."""
    import torch
    try:
        t = fn(torch)
    except Exception as e:  # noqa: BLE001 - the error itself is what is compared
        with pytest.raises(type(e)) as info:
            fn(wick)
        # PyTorch's message (the C++ core keeps PyTorch's wording, `torch.` included);
        # TypeErrors from argument parsing are worded by pybind11, so only the type counts.
        if not isinstance(e, TypeError):
            assert str(info.value) in (str(e), wick_repr(str(e)))
        return info.value
    w = fn(wick)
    compare(w, t, rtol, atol, check_repr)
    return None


def compare(w, t, rtol=1e-6, atol=1e-7, check_repr=True):
    import torch
    if type(t).__module__ == "torch.return_types":  # a named tuple (values, indices)
        assert type(w).__module__ == "wick.return_types"
        assert type(w).__name__ == type(t).__name__
        if check_repr:
            assert repr(w) == wick_repr(repr(t))
        for a, b in zip(w, t):
            compare(a, b, rtol, atol, check_repr)
        return
    if isinstance(t, (tuple, list)):
        assert type(w) is type(t), f"{type(w)} != {type(t)}"
        assert len(w) == len(t)
        for a, b in zip(w, t):
            compare(a, b, rtol, atol, check_repr)
        return
    if isinstance(t, torch.Tensor):
        assert_same(w, t, check_repr=check_repr, rtol=rtol, atol=atol)
        return
    assert w == t


def tol(dtype):
    return (2e-5, 1e-6) if dtype in ("float32", "float16", "bfloat16") else (1e-6, 1e-7)

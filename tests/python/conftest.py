"""Shared helpers for wick's Python tests.

Parity tests run the same code through PyTorch (the reference) and wick and
compare the results; they are skipped when PyTorch is not installed.
"""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))

import wick  # noqa: E402

try:
    import torch  # noqa: F401
    HAVE_TORCH = True
except ImportError:  # pragma: no cover - CI installs python3-torch
    HAVE_TORCH = False

needs_torch = pytest.mark.skipif(not HAVE_TORCH, reason="PyTorch (the reference) is not installed")


@pytest.fixture
def torch_ref():
    if not HAVE_TORCH:
        pytest.skip("PyTorch (the reference) is not installed")
    import torch
    return torch


def wick_repr(torch_text):
    """PyTorch's printed text as wick prints it (`torch.` becomes `wick.`)."""
    return torch_text.replace("torch.", "wick.")


def assert_same(w, t, check_repr=True, rtol=1e-6, atol=1e-7):
    """w (wick) equals t (torch): type, shape, dtype, values, requires_grad, repr."""
    import numpy as np
    import torch
    if isinstance(t, (tuple, list)):
        assert isinstance(w, (tuple, list)), f"expected a sequence, got {type(w)}"
        assert len(w) == len(t)
        for a, b in zip(w, t):
            assert_same(a, b, check_repr, rtol, atol)
        return
    if not isinstance(t, torch.Tensor):
        assert type(w) is type(t) and w == t, f"{w!r} != {t!r}"
        return
    assert isinstance(w, wick.Tensor), f"expected a wick.Tensor, got {type(w)}"
    assert tuple(w.shape) == tuple(t.shape), f"shape {tuple(w.shape)} != {tuple(t.shape)}"
    assert str(w.dtype) == wick_repr(str(t.dtype)), f"dtype {w.dtype} != {t.dtype}"
    assert w.requires_grad == t.requires_grad
    wn = w.detach().numpy() if w.dtype != wick.bfloat16 else w.detach().float().numpy()
    tn = t.detach().numpy() if t.dtype != torch.bfloat16 else t.detach().float().numpy()
    np.testing.assert_allclose(wn, tn, rtol=rtol, atol=atol, equal_nan=True)
    if check_repr:
        assert repr(w) == wick_repr(repr(t))


def both(fn):
    """Runs fn(module) with torch and with wick; returns (wick_result, torch_result)."""
    import torch
    return fn(wick), fn(torch)

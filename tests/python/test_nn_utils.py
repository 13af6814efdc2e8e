"""nn.utils: clip_grad_norm_, clip_grad_value_, parameters_to_vector,
vector_to_parameters against PyTorch."""
import pytest

import wick
from conftest import assert_same, needs_torch, wick_repr

pytestmark = needs_torch


def run(fn):
    import torch
    out = []
    for m in (wick, torch):
        m.manual_seed(0)
        out.append(fn(m))
    return out[0], out[1]


def params_with_grads(m, scale=1.0):
    ps = [m.nn.Parameter(m.randn(3, 4)), m.nn.Parameter(m.randn(5)),
          m.nn.Parameter(m.randn(2, 2))]
    for p in ps[:2]:
        p.grad = m.randn(p.shape) * scale
    return ps


@pytest.mark.parametrize("norm_type", [2.0, 1, 3.5, float("inf"), "inf"])
@pytest.mark.parametrize("max_norm", [0.5, 100.0])
def test_clip_grad_norm(norm_type, max_norm):
    def f(m):
        ps = params_with_grads(m)
        nt = float(norm_type) if norm_type == "inf" else norm_type
        total = m.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=nt)
        return total, [p.grad for p in ps[:2]], ps[2].grad
    w, t = run(f)
    assert_same(w[0], t[0], check_repr=False, rtol=1e-5)
    for a, b in zip(w[1], t[1]):
        assert_same(a, b, check_repr=False, rtol=1e-5, atol=1e-6)
    assert w[2] is None and t[2] is None


def test_clip_grad_norm_single_tensor_and_empty():
    def f(m):
        p = m.nn.Parameter(m.randn(4))
        p.grad = m.ones(4) * 3
        total = m.nn.utils.clip_grad_norm_(p, 1.0)
        empty = m.nn.utils.clip_grad_norm_([m.nn.Parameter(m.ones(2))], 1.0)
        return total, p.grad, empty
    w, t = run(f)
    for a, b in zip(w, t):
        assert_same(a, b, check_repr=False, rtol=1e-6)


def test_clip_grad_norm_nonfinite():
    def f(m):
        p = m.nn.Parameter(m.randn(3))
        p.grad = m.tensor([1.0, float("inf"), 2.0])
        try:
            m.nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite=True)
        except RuntimeError as e:
            msg = wick_repr(str(e))
        total = m.nn.utils.clip_grad_norm_([p], 1.0)
        return msg, total.item()
    w, t = run(f)
    assert w == t


def test_clip_grad_value():
    def f(m):
        ps = params_with_grads(m, 3.0)
        r = m.nn.utils.clip_grad_value_(ps, 1.5)
        q = m.nn.Parameter(m.randn(3))
        q.grad = m.randn(3)
        m.nn.utils.clip_grad_value_(q, 0.2)
        return r, [p.grad for p in ps[:2]], q.grad
    w, t = run(f)
    assert w[0] is None and t[0] is None
    for a, b in zip(w[1] + [w[2]], t[1] + [t[2]]):
        assert_same(a, b, check_repr=False)


def test_clip_grad_norm_on_module():
    def f(m):
        lin = m.nn.Linear(4, 3)
        for p in lin.parameters():
            p.grad = m.randn(p.shape)
        total = m.nn.utils.clip_grad_norm_(lin.parameters(), max_norm=0.1)
        return total, lin.weight.grad, lin.bias.grad
    w, t = run(f)
    for a, b in zip(w, t):
        assert_same(a, b, check_repr=False, rtol=1e-5, atol=1e-7)


def test_parameters_to_vector_and_back():
    def f(m):
        lin = m.nn.Linear(3, 2)
        vec = m.nn.utils.parameters_to_vector(lin.parameters())
        m.nn.utils.vector_to_parameters(m.arange(8.0), lin.parameters())
        return vec, lin.weight, lin.bias, type(lin.weight).__name__
    w, t = run(f)
    for a, b in zip(w[:3], t[:3]):
        assert_same(a, b, check_repr=False)
    assert w[3] == t[3]


def test_vector_to_parameters_type_error():
    def f(m):
        try:
            m.nn.utils.vector_to_parameters([1.0], [m.nn.Parameter(m.ones(1))])
        except TypeError as e:
            return wick_repr(str(e))
    w, t = run(f)
    assert w == t and w is not None

"""Tensor.view(*ints), Tensor.sum() and Tensor.mean() with no arguments take a
hand-written path (Note [Method fast path] in python/src/fast_paths.cpp); every
other argument list goes to the general binding. Both must behave as PyTorch."""
import threading

import numpy as np
import pytest

import wick
from conftest import assert_same, both, needs_torch


def err(m, fn, exc=Exception):
    with pytest.raises(exc) as e:
        fn(m)
    return type(e.value).__name__, str(e.value)


@needs_torch
@pytest.mark.parametrize("args", [(-1,), (12,), (3, 4), (2, -1, 3), (1, 12, 1), (2, 2, 3)])
def test_view_with_ints(args):
    w, t = both(lambda m: m.arange(12.0).view(*args))
    assert_same(w, t)
    # The view shares memory and the version counter with its base.
    x = wick.zeros(12)
    v = x.view(*args)
    v.add_(1)
    assert x.tolist() == [1.0] * 12 and x._version == v._version == 1


@needs_torch
@pytest.mark.parametrize("make", [
    lambda m, t: t.view((3, 4)), lambda m, t: t.view([2, 6]), lambda m, t: t.view(size=(4, 3)),
    lambda m, t: t.view(m.int32), lambda m, t: t.view(dtype=m.int32),
    lambda m, t: t.view(np.int64(3), 4), lambda m, t: t.view(m.tensor(3), 4),
    lambda m, t: t.view(m.Size([6, 2])), lambda m, t: t.view(()) if t.numel() == 1 else t.view(-1),
])
def test_view_general_forms(make):
    w, t = both(lambda m: make(m, m.arange(12.0)))
    assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("bad", [
    lambda m: m.arange(12.0).view(5),
    lambda m: m.arange(12.0).view(-1, -1),
    lambda m: m.arange(12.0).view(3, 5),
    lambda m: m.arange(12.0).t() if False else m.arange(12.0).view(3, 4).t().view(12),
])
def test_view_errors_match(bad):
    assert err(wick, bad) == err(__import__("torch"), bad)


def test_view_argument_errors():
    # The general binding's messages, as before the fast path.
    t = wick.arange(12.0)
    cases = [
        (lambda: t.view(2.0, 6),
         "view(): argument 'size' must be tuple of ints, but found element of type float at pos 1"),
        (lambda: t.view(True, 12),
         "view(): argument 'size' must be tuple of ints, but found element of type bool at pos 1"),
        (lambda: t.view(2**70),
         "view(): argument 'size' must be tuple of ints, but found element of type int at pos 0"),
        (lambda: t.view(3, 4, bogus=1), "view() got an unexpected keyword argument 'bogus'"),
        (lambda: t.view(), 'view() missing 1 required positional arguments: "size"'),
    ]
    for fn, msg in cases:
        with pytest.raises(TypeError) as e:
            fn()
        assert str(e.value) == msg
    with pytest.raises(TypeError):
        t.view("a")
    # Many dims (past the inline argument buffer).
    assert t.view(1, 1, 1, 1, 1, 1, 1, 1, 1, 12).shape == (1,) * 9 + (12,)


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "uint8", "bool",
                                   "float16", "bfloat16"])
@pytest.mark.parametrize("shape", [(), (1,), (10,), (3, 4), (0,), (1000,)])
def test_sum_no_arguments(dtype, shape):
    def run(m):
        n = 1
        for s in shape:
            n *= s
        x = (m.arange(n) % 7).to(getattr(m, dtype)).reshape(shape)
        return x.sum()
    w, t = both(run)
    assert_same(w, t, check_repr=False, rtol=1e-2 if "16" in dtype else 1e-6)


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "bfloat16"])
@pytest.mark.parametrize("shape", [(), (1,), (10,), (3, 4), (0,), (1000,)])
def test_mean_no_arguments(dtype, shape):
    def run(m):
        n = 1
        for s in shape:
            n *= s
        x = (m.arange(n) % 7).to(getattr(m, dtype)).reshape(shape)
        return x.mean()
    w, t = both(run)
    assert_same(w, t, check_repr=False, rtol=1e-2 if "16" in dtype else 1e-6)


@needs_torch
@pytest.mark.parametrize("call", [
    lambda m, x: x.sum(0), lambda m, x: x.sum(dim=1), lambda m, x: x.sum(keepdim=True, dim=0),
    lambda m, x: x.sum(dtype=m.float64), lambda m, x: x.sum((0, 1)), lambda m, x: x.mean(1),
    lambda m, x: x.mean(dim=0, keepdim=True), lambda m, x: x.mean(dtype=m.float64),
])
def test_reductions_with_arguments_take_the_general_path(call):
    w, t = both(lambda m: call(m, m.arange(12.0).reshape(3, 4)))
    assert_same(w, t, check_repr=False)


@needs_torch
def test_mean_of_integers_raises_as_torch():
    f = lambda m: m.arange(4).mean()  # noqa: E731
    assert err(wick, f) == err(__import__("torch"), f)
    g = lambda m: m.arange(4.0).sum(bogus=1)  # noqa: E731
    assert err(wick, g, TypeError)[0] == "TypeError"


@needs_torch
def test_sum_and_mean_autograd():
    def run(m):
        x = m.arange(1.0, 5.0, requires_grad=True)
        y = (x * x).sum() + x.mean() * 4
        y.backward()
        return y, x.grad
    (wy, wg), (ty, tg) = both(run)
    assert_same(wy, ty, check_repr=False)
    assert_same(wg, tg)
    assert wy.grad_fn.name() == ty.grad_fn.name()


def test_methods_on_subclass_and_unbound():
    class Sub(wick.Tensor):
        pass

    s = wick.Tensor._make_subclass(Sub, wick.arange(6.0))
    assert s.view(2, 3).shape == (2, 3)
    assert s.sum().item() == 15.0
    assert s.mean().item() == 2.5
    assert wick.Tensor.view(wick.arange(4.0), 2, 2).shape == (2, 2)
    assert wick.Tensor.sum(wick.arange(4.0)).item() == 6.0
    with pytest.raises(TypeError):
        wick.Tensor.sum("not a tensor")
    assert wick.Tensor.view.__doc__


def test_large_reductions_from_threads():
    big = wick.ones(200000)
    errors = []

    def work():
        try:
            for _ in range(20):
                assert big.sum().item() == 200000.0
                assert big.view(400, 500).shape == (400, 500)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors

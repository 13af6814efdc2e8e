"""where, clamp/clip, clamp_min/clamp_max, lerp, addcmul, addcdiv."""
import numpy as np
import pytest

import wick
from conftest import needs_torch
from ops_helpers import DTYPES, check, make, strided

pytestmark = needs_torch

DATA = [[0.25, -0.5, 0.75], [1.5, -2.0, 0.0]]
INT_DATA = [[3, -2, 0], [7, 1, -5]]


def data_for(dtype):
    return DATA if dtype.startswith("float") else INT_DATA if dtype == "int64" else \
        [[True, False, True], [False, False, True]]


@pytest.mark.parametrize("dtype", DTYPES)
def test_where_tensors_and_scalars(dtype):
    d = data_for(dtype)
    cond = [[True, False, True], [False, True, False]]
    check(lambda m: m.where(m.tensor(cond), make(m, d, dtype), m.zeros(2, 3, dtype=getattr(m, dtype))))
    check(lambda m: m.where(m.tensor(cond), make(m, d, dtype), 2))
    check(lambda m: m.where(m.tensor(cond), 1.5, make(m, d, dtype)))
    check(lambda m: m.where(m.tensor(cond), 1.5, 2))
    check(lambda m: make(m, d, dtype).where(m.tensor(cond), make(m, d[::-1], dtype)))
    # Tensor.where(condition, number): PyTorch 2.x accepts it (1.13 does not)
    w = make(wick, d, dtype).where(wick.tensor(cond), 7)
    assert w[0, 1].item() == 7
    check(lambda m: m.where(m.tensor(cond), make(m, d, dtype), m.tensor([9], dtype=getattr(m, dtype))))


def test_where_condition_only_is_a_tuple():
    check(lambda m: m.where(m.tensor([[1, 0, 2], [0, 3, 0]])))
    check(lambda m: m.where(m.tensor([False, False])))
    check(lambda m: m.where(m.tensor(True)))


def test_where_out_and_errors():
    def fn(m):
        out = m.empty(0)
        r = m.where(m.tensor([True, False]), m.tensor([1.0, 2.0]), m.tensor([3.0, 4.0]), out=out)
        assert r is out
        return out
    check(fn)
    check(lambda m: m.where(m.tensor([1.0, 0.0]), m.tensor([1.0, 2.0]), 0.0))  # cond not bool
    check(lambda m: m.where(m.tensor([True, False, True]), m.tensor([1.0, 2.0]), 0.0))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
@pytest.mark.parametrize("name", ["clamp", "clip"])
def test_clamp_numbers(name, dtype):
    d = data_for(dtype)
    f = lambda m: getattr(m, name)  # noqa: E731
    check(lambda m: f(m)(make(m, d, dtype), -1, 1))
    check(lambda m: f(m)(make(m, d, dtype), min=0))
    check(lambda m: f(m)(make(m, d, dtype), max=0.5))
    check(lambda m: f(m)(make(m, d, dtype), 0.5, -0.5))  # min > max: all max
    check(lambda m: getattr(make(m, d, dtype), name)(-1, max=1))
    check(lambda m: getattr(make(m, d, dtype), name)())  # neither bound: RuntimeError

    def inplace(m):
        x = make(m, d, dtype)
        assert getattr(x, name + "_")(min=0) is x
        assert getattr(m, name + "_")(x, max=1) is x
        return x
    check(inplace)

    def out(m):
        o = m.empty(0, dtype=getattr(m, dtype))
        assert f(m)(make(m, d, dtype), 0, 1, out=o) is o
        return o
    check(out)


def test_clamp_tensors():
    lo = [[0.0, 0.0, 1.0], [0.0, -1.0, 0.5]]
    check(lambda m: m.clamp(m.tensor(DATA), m.tensor(lo)))
    check(lambda m: m.clamp(m.tensor(DATA), max=m.tensor([0.5, 0.1, 0.2])))
    check(lambda m: m.clamp(m.tensor(DATA), m.tensor(lo), m.tensor(1.0)))
    check(lambda m: m.clamp(m.tensor(DATA), 0, m.tensor(1.0)))  # a number and a tensor
    check(lambda m: m.tensor(DATA).clamp(min=m.tensor(lo)))
    check(lambda m: m.tensor(DATA).clamp_(m.tensor(lo)))
    check(lambda m: m.clamp(m.tensor(DATA), m.tensor(lo), out=m.empty(2, 3)))


def test_clamp_min_max():
    for name in ["clamp_min", "clamp_max"]:
        check(lambda m: getattr(m, name)(m.tensor(DATA), 0.3))
        check(lambda m: getattr(m, name)(m.tensor(DATA), m.tensor([0.0, 1.0, -1.0])))
        check(lambda m: getattr(m.tensor(DATA), name)(0))
        check(lambda m: getattr(m.tensor(INT_DATA), name)(1))

        def inplace(m):
            x = m.tensor(DATA)
            assert getattr(x, name + "_")(0.1) is x
            return x
        check(inplace)


def test_clamp_strided_and_empty():
    arr = np.arange(12, dtype=np.float32).reshape(3, 4) - 6
    check(lambda m: m.clamp(strided(m, arr), -2, 3))
    check(lambda m: m.clamp(m.zeros(0, 2), -2, 3))
    check(lambda m: m.clamp(m.tensor(5.0), max=3))


def test_lerp():
    s, e = [[0.0, 1.0], [2.0, 3.0]], [[10.0, 10.0], [10.0, 10.0]]
    check(lambda m: m.lerp(m.tensor(s), m.tensor(e), 0.25))
    check(lambda m: m.lerp(m.tensor(s), m.tensor(e), weight=m.tensor([0.5, 0.75])))
    check(lambda m: m.tensor(s).lerp(m.tensor(e), 0.5))
    check(lambda m: m.tensor(s).lerp_(m.tensor(e), m.tensor(0.1)))
    check(lambda m: m.lerp(m.tensor(s), m.tensor(e), 0.5, out=m.empty(0)))
    check(lambda m: m.lerp(m.tensor(s), m.tensor(e, dtype=m.float64), 0.5))  # dtype mismatch


@pytest.mark.parametrize("name", ["addcmul", "addcdiv"])
def test_addcmul_addcdiv(name):
    a, b, c = [1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [2.0, 4.0, 8.0]
    check(lambda m: getattr(m, name)(m.tensor(a), m.tensor(b), m.tensor(c)))
    check(lambda m: getattr(m, name)(m.tensor(a), m.tensor(b), m.tensor(c), value=0.5))
    check(lambda m: getattr(m.tensor(a), name)(m.tensor(b), m.tensor(c), value=-2))
    check(lambda m: getattr(m.tensor(a), name + "_")(m.tensor(b), m.tensor(c), value=3))
    check(lambda m: getattr(m, name)(m.tensor(a), m.tensor(b), m.tensor(c), out=m.empty(3)))
    check(lambda m: getattr(m, name)(m.tensor(a), m.tensor(b), m.tensor(c), 2))  # value kw-only
    check(lambda m: getattr(m.tensor([[1.0], [2.0]]), name)(m.tensor(b), m.tensor(c)))


def test_addcdiv_integer_is_an_error():
    check(lambda m: m.addcdiv(m.tensor([1, 2]), m.tensor([1, 2]), m.tensor([1, 2])))


def test_gradients():
    def fn(m):
        x = m.tensor([0.5, -1.5, 2.0], dtype=m.float64, requires_grad=True)
        y = m.tensor([1.0, 2.0, 3.0], dtype=m.float64, requires_grad=True)
        (m.clamp(x, -1, 1) * 2 + m.where(x > 0, x * y, y) + m.lerp(x, y, 0.3)
         + m.addcmul(x, x, y, value=0.5) + m.addcdiv(y, x, y)).sum().backward()
        return x.grad, y.grad
    check(fn)

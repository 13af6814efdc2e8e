"""Random sampling: signatures, generator=, and seeded parity with PyTorch's CPU
generator (wick's streams are meant to be bit-identical for the same seed)."""
import pytest

import wick
from conftest import assert_same, needs_torch


def seeded(fn, seed=0):
    """fn(module) after manual_seed(seed) on both; returns (wick, torch)."""
    import torch
    wick.manual_seed(seed)
    w = fn(wick)
    torch.manual_seed(seed)
    t = fn(torch)
    return w, t


def with_gen(fn, seed=7):
    """fn(module, generator) with a fresh generator seeded `seed` on both sides."""
    import torch
    return (fn(wick, wick.Generator().manual_seed(seed)),
            fn(torch, torch.Generator().manual_seed(seed)))


SEEDED_FACTORIES = [
    lambda m: m.rand(5),
    lambda m: m.rand(2, 3, dtype=m.float64),
    lambda m: m.rand((17,)),
    lambda m: m.rand(size=(4, 4)),
    lambda m: m.rand(3, dtype=m.float16),
    lambda m: m.rand(3, dtype=m.bfloat16),
    lambda m: m.randn(5),
    lambda m: m.randn(20),  # the vectorised path (>= 16 elements)
    lambda m: m.randn(3, 7, dtype=m.float64),
    lambda m: m.randint(10, (6,)),
    lambda m: m.randint(-5, 5, (2, 3)),
    lambda m: m.randint(0, 2 ** 40, (4,)),
    lambda m: m.randint(3, 10, size=(5,), dtype=m.int32),
    lambda m: m.randint(low=1, high=4, size=(5,), dtype=m.float32),
    lambda m: m.randint(high=7, size=(3,), dtype=m.uint8),
    lambda m: m.randperm(10),
    lambda m: m.randperm(40, dtype=m.int32),
    lambda m: m.randperm(5, dtype=m.float64),
    lambda m: m.normal(0.0, 1.0, (5,)),
    lambda m: m.normal(2, 3, size=(2, 3)),
    lambda m: m.normal(1.0, 0.5, (4,), dtype=m.float64),
    lambda m: m.normal(m.arange(4.0), 2.0),
    lambda m: m.normal(m.arange(4.0)),
    lambda m: m.normal(1.5, m.arange(1.0, 5.0)),
    lambda m: m.normal(m.zeros(2, 3), m.ones(3)),
    lambda m: m.normal(mean=m.zeros(3), std=m.ones(3)),
    lambda m: m.bernoulli(m.full((8,), 0.3)),
    lambda m: m.bernoulli(m.full((3, 3), 0.7, dtype=m.float64)),
    lambda m: m.bernoulli(m.zeros(6), 0.4),
    lambda m: m.bernoulli(m.zeros(6), p=0.9),
    lambda m: m.full((5,), 0.5).bernoulli(),
    lambda m: m.zeros(5).bernoulli(0.25),
    lambda m: m.multinomial(m.tensor([1.0, 2.0, 3.0, 4.0]), 3),
    lambda m: m.multinomial(m.tensor([1.0, 2.0, 3.0]), 6, replacement=True),
    lambda m: m.multinomial(m.tensor([[1.0, 0.0, 3.0], [2.0, 2.0, 2.0]]), 2),
    lambda m: m.tensor([0.1, 0.9]).multinomial(5, True),
    lambda m: m.rand_like(m.zeros(2, 2)),
    lambda m: m.randn_like(m.zeros(3, dtype=m.float64)),
    lambda m: m.randint_like(m.zeros(4), 5),
    lambda m: m.randint_like(m.zeros(4, dtype=m.int32), 2, 9),
    lambda m: m.randint_like(m.zeros(4), low=-3, high=3),
]


@needs_torch
@pytest.mark.parametrize("i", range(len(SEEDED_FACTORIES)))
def test_seeded_factories_match_torch(i):
    w, t = seeded(SEEDED_FACTORIES[i])
    assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("seed", [0, 1, 42, 2 ** 40 + 3])
def test_seeds(seed):
    assert_same(*seeded(lambda m: m.rand(7), seed))
    assert_same(*seeded(lambda m: m.randn(9), seed))


@needs_torch
def test_consecutive_draws_share_the_stream():
    def run(m):
        return [m.rand(3), m.randn(3), m.randint(9, (3,)), m.randperm(4), m.randn(1),
                m.normal(0.0, 1.0, (1,)), m.bernoulli(m.full((3,), 0.5)), m.rand(2)]
    assert_same(*seeded(run))


INPLACE = [
    lambda t: t.uniform_(),
    lambda t: t.uniform_(-2, 5),
    lambda t: t.uniform_(**{"from": 1.0, "to": 2.0}),
    lambda t: t.normal_(),
    lambda t: t.normal_(3, 0.5),
    lambda t: t.normal_(mean=-1, std=2),
    lambda t: t.random_(),
    lambda t: t.random_(10),
    lambda t: t.random_(to=6),
    lambda t: t.random_(-3, 4),
    lambda t: t.random_(**{"from": 2, "to": 5}),
    lambda t: t.random_(5, None),
    lambda t: t.bernoulli_(),
    lambda t: t.bernoulli_(0.2),
    lambda t: t.bernoulli_(p=0.8),
    lambda t: t.exponential_(),
    lambda t: t.exponential_(lambd=3.0),
]


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("i", range(len(INPLACE)))
def test_seeded_inplace_match_torch(i, dtype):
    def run(m):
        x = m.zeros(2, 9, dtype=getattr(m, dtype))
        r = INPLACE[i](x)
        assert r is x
        return x
    assert_same(*seeded(run))


@needs_torch
@pytest.mark.parametrize("dtype", ["int64", "int32", "int16", "int8", "uint8", "bool"])
def test_seeded_random_integer_dtypes(dtype):
    assert_same(*seeded(lambda m: m.zeros(6, dtype=getattr(m, dtype)).random_()))
    if dtype != "bool":
        assert_same(*seeded(lambda m: m.zeros(6, dtype=getattr(m, dtype)).random_(1, 7)))


@needs_torch
def test_bernoulli_tensor_p_inplace():
    assert_same(*seeded(lambda m: m.zeros(6).bernoulli_(m.linspace(0, 1, 6))))


@needs_torch
def test_generator_keyword_matches_torch():
    fns = [
        lambda m, g: m.rand(4, generator=g),
        lambda m, g: m.randn(2, 2, generator=g),
        lambda m, g: m.randint(0, 100, (5,), generator=g),
        lambda m, g: m.randperm(7, generator=g),
        lambda m, g: m.normal(0.0, 1.0, (3,), generator=g),
        lambda m, g: m.normal(m.zeros(3), m.ones(3), generator=g),
        lambda m, g: m.bernoulli(m.full((5,), 0.5), generator=g),
        lambda m, g: m.multinomial(m.tensor([1.0, 1.0, 1.0]), 2, generator=g),
        lambda m, g: m.zeros(4).uniform_(0, 2, generator=g),
        lambda m, g: m.zeros(4).normal_(generator=g),
        lambda m, g: m.zeros(4).random_(0, 9, generator=g),
        lambda m, g: m.zeros(4).exponential_(generator=g),
        lambda m, g: m.zeros(4).bernoulli_(0.5, generator=g),
    ]
    for f in fns:
        assert_same(*with_gen(f))


def test_generator_does_not_touch_default_stream():
    wick.manual_seed(3)
    a = wick.rand(4)
    wick.manual_seed(3)
    wick.rand(10, generator=wick.Generator().manual_seed(5))
    b = wick.rand(4)
    assert a.tolist() == b.tolist()


def test_same_generator_seed_same_values():
    g1, g2 = wick.Generator().manual_seed(11), wick.Generator().manual_seed(11)
    assert wick.randn(6, generator=g1).tolist() == wick.randn(6, generator=g2).tolist()
    assert wick.randn(6, generator=g1).tolist() != wick.randn(6, generator=g1).tolist()


@needs_torch
def test_out_forms_match_torch():
    def run(m):
        outs = [m.empty(0), m.empty(0, dtype=m.float64), m.empty(0, dtype=m.int64),
                m.empty(0, dtype=m.int32), m.empty(0), m.empty(0), m.empty(0, dtype=m.int64)]
        rs = [m.rand(3, out=outs[0]), m.randn(2, 2, out=outs[1]),
              m.randint(0, 5, (4,), out=outs[2]), m.randperm(5, out=outs[3]),
              m.normal(m.zeros(3), m.ones(3), out=outs[4]),
              m.normal(0.0, 2.0, (3,), out=outs[5]),
              m.multinomial(m.tensor([1.0, 2.0]), 2, out=outs[6])]
        for r, o in zip(rs, outs):
            assert r is o
        return outs
    assert_same(*seeded(run))


@needs_torch
def test_requires_grad_and_dtype_keywords():
    w, t = seeded(lambda m: m.rand(2, requires_grad=True))
    assert_same(w, t)
    w, t = seeded(lambda m: m.normal(0.0, 1.0, (2,), requires_grad=True))
    assert_same(w, t)


def test_properties():
    x = wick.randint(3, 8, (1000,))
    assert x.dtype == wick.int64
    vals = x.tolist()
    assert min(vals) >= 3 and max(vals) < 8 and len(set(vals)) == 5
    p = wick.randperm(50).tolist()
    assert sorted(p) == list(range(50))
    u = wick.zeros(1000).uniform_(2, 3).tolist()
    assert min(u) >= 2 and max(u) < 3
    b = wick.bernoulli(wick.zeros(100), 1.0).tolist()
    assert b == [1.0] * 100
    m = wick.multinomial(wick.tensor([0.0, 1.0, 0.0]), 4, True).tolist()
    assert m == [1, 1, 1, 1]
    assert wick.randint(5, (2, 3)).shape == wick.Size([2, 3])


@needs_torch
@pytest.mark.parametrize("call", [
    lambda m: m.randint(5, 5, (2,)),
    lambda m: m.randn(2, dtype=m.int64),
    lambda m: m.multinomial(m.tensor([1.0, 2.0]), 3),
    lambda m: m.normal(m.zeros(2), -1.0),
    lambda m: m.zeros(3).uniform_(2, 1),
])
def test_runtime_errors_match_torch(call):
    import torch
    with pytest.raises(RuntimeError) as te:
        call(torch)
    with pytest.raises(RuntimeError) as we:
        call(wick)
    assert str(we.value) == str(te.value).replace("torch.", "wick.")


@pytest.mark.parametrize("call", [
    lambda: wick.randint(5),
    lambda: wick.randint(1, 2, 3, 4),
    lambda: wick.randint(5, 3),
    lambda: wick.normal(2.0, 3.0),
    lambda: wick.normal(),
    lambda: wick.rand(2, generator=5),
    lambda: wick.bernoulli(wick.ones(2), generator="x"),
    lambda: wick.rand(2, bogus=1),
])
def test_type_errors(call):
    with pytest.raises(TypeError):
        call()


def test_normal_error_lists_overloads():
    with pytest.raises(TypeError, match=r"\(float mean, float std, tuple of ints size"):
        wick.normal(2.0, 3.0)

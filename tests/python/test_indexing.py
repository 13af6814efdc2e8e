"""Tensor.__getitem__ / __setitem__: basic and advanced indexing, numpy's
placement rules, assignment of tensors / numbers / lists, errors and autograd."""
import numpy as np
import pytest

import wick
from conftest import assert_same, both, needs_torch

DTYPES = ["float32", "float64", "int64", "int32", "uint8", "bool", "float16"]


def base(m, dtype="float32", shape=(3, 4, 5)):
    x = m.arange(int(np.prod(shape))).reshape(shape)
    if dtype == "bool":
        return (x % 3) == 0
    return x.to(getattr(m, dtype))


def I(m, v):  # noqa: E743 - an index tensor in module m
    return m.tensor(v)


# Each case: m -> index object.
GET_CASES = [
    lambda m: 0, lambda m: -1, lambda m: 2, lambda m: (1, 2), lambda m: (-1, -2, -3), lambda m: (0, 1, 2),
    lambda m: slice(None), lambda m: slice(1, None), lambda m: slice(None, 2), lambda m: slice(0, 3, 2),
    lambda m: slice(-2, None), lambda m: slice(10, 20), lambda m: slice(-10, 2), lambda m: slice(1, 1),
    lambda m: (slice(None), 1), lambda m: (slice(None), slice(None, None, 2), 3),
    lambda m: (Ellipsis, 0), lambda m: (0, Ellipsis), lambda m: (Ellipsis, slice(1, 3)), lambda m: Ellipsis,
    lambda m: (1, Ellipsis, 2), lambda m: None, lambda m: (None, 0), lambda m: (0, None, slice(None), None),
    lambda m: (Ellipsis, None), lambda m: (None, Ellipsis, None),
    lambda m: True, lambda m: False, lambda m: (0, True), lambda m: (False, 1),
    lambda m: [0, 2], lambda m: [-1, 0, 0], lambda m: [[0, 1], [2, 0]], lambda m: [True, False, True],
    lambda m: ([0, 2], [1, 3]), lambda m: ([0, 2], slice(None), [1, 3]), lambda m: (slice(None), [0, 2], [1, 3]),
    lambda m: (0, [1, 2]), lambda m: (slice(None), [1, 2], 0), lambda m: ([1], slice(None), [0, 2, 4]),
    lambda m: (Ellipsis, [0, 4]), lambda m: ([[0], [2]], [1, 3]), lambda m: (None, [0, 1], None),
    lambda m: I(m, [0, 2]), lambda m: I(m, [[1, 0], [2, 2]]), lambda m: I(m, 1), lambda m: (I(m, 1), I(m, 2)),
    lambda m: (slice(None), I(m, [3, 0])), lambda m: (I(m, [0, 1]), 1, I(m, [2, 3])),
    lambda m: I(m, [True, False, True]), lambda m: I(m, True), lambda m: I(m, False),
    lambda m: (slice(None), I(m, [True, False, True, True])),
    lambda m: (I(m, [[True, False, True, False]] * 3)), lambda m: (slice(None), I(m, [[True] * 5, [False] * 5, [True, False] * 2 + [True], [False] * 5])),
    lambda m: (0, I(m, [[True, False, True, False, True]] * 4)),
    lambda m: np.array([0, 2]), lambda m: (np.array([1]), slice(None), np.int64(2)), lambda m: np.array([True, False, True]),
    lambda m: (np.int64(1), np.int32(2)), lambda m: [],
    # int32 index tensors: PyTorch 2.x accepts them (1.13 does not, so torch gets int64 here)
    lambda m: (I(m, [0, 1]).to(m.int32 if m is wick else m.int64), slice(None), I(m, [1, 2]).to(m.int32 if m is wick else m.int64)),
    lambda m: (slice(None, None, 2), [0, 1], slice(1, None)), lambda m: ([[0, 1]], [[0], [1]]),
    lambda m: (I(m, [0, 1]), slice(None), None), lambda m: (Ellipsis, I(m, [[0, 1]])),
]


@needs_torch
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", range(len(GET_CASES)))
def test_getitem_matches_torch(dtype, case):
    w, t = both(lambda m: base(m, dtype)[GET_CASES[case](m)])
    assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("shape", [(5,), (2, 3), (1, 1, 4), (0, 3)])
def test_getitem_shapes(shape):
    cases = [lambda m: 0, lambda m: slice(None, None, 2), lambda m: None, lambda m: Ellipsis,
             lambda m: (Ellipsis, -1), lambda m: [0], lambda m: True, lambda m: slice(1, 100)]
    for c in cases:
        try:
            import torch
            t = base(torch, "float32", shape)[c(torch)]
        except Exception as e:  # the error must match too
            with pytest.raises(type(e)):
                base(wick, "float32", shape)[c(wick)]
            continue
        assert_same(base(wick, "float32", shape)[c(wick)], t)


def test_mask_then_int_follows_numpy():
    # numpy: a 2-d mask covers dims 0-1, the int then indexes dim 2. (PyTorch 1.13
    # applies the int to dim 1 and raises a mask shape error.)
    x = wick.arange(60.0).reshape(3, 4, 5)
    m = wick.tensor([[True, False, True, False]] * 3)
    r = x[m, 0]
    assert r.tolist() == x.numpy()[m.numpy(), 0].tolist()


def test_basic_indexing_gives_views():
    x = wick.zeros(3, 4)
    for idx in [0, (1, slice(None)), slice(1, 3), (Ellipsis, 2), (None, 1), (slice(None), slice(0, 4, 2))]:
        v = x[idx]
        assert v.data_ptr() >= x.data_ptr() and v.data_ptr() < x.data_ptr() + x.nbytes
    x[1][2] = 5.0
    assert x[1, 2].item() == 5.0
    x[:, 1:3][0] = 7.0
    assert x[0].tolist() == [0.0, 7.0, 7.0, 0.0]
    v = x[...]
    assert v is not x and v.data_ptr() == x.data_ptr()
    # advanced indexing copies
    c = x[[0, 1]]
    c[0, 0] = 99.0
    assert x[0, 0].item() == 0.0


def test_zero_dim_int_tensor_index_is_a_view():
    x = wick.zeros(3)
    v = x[wick.tensor(1)]
    v.fill_(4.0) if hasattr(v, "fill_") else None
    v[...] = 4.0
    assert x.tolist() == [0.0, 4.0, 0.0]


@needs_torch
def test_getitem_errors():
    import torch
    cases = [
        (lambda m: 5, IndexError, "index 5 is out of bounds for dimension 0 with size 3"),
        (lambda m: -4, IndexError, "index -4 is out of bounds for dimension 0 with size 3"),
        (lambda m: (0, 4), IndexError, "index 4 is out of bounds for dimension 1 with size 4"),
        (lambda m: (slice(None), 7), IndexError, "index 7 is out of bounds for dimension 1 with size 4"),
        (lambda m: slice(None, None, -1), ValueError, "step must be greater than zero"),
        (lambda m: (0, slice(None, None, -2)), ValueError, "step must be greater than zero"),
        (lambda m: (0, 0, 0, 0), IndexError, "too many indices for tensor of dimension 3"),
        (lambda m: 1.5, IndexError, r"only integers, slices \(`:`\), ellipsis \(`...`\), None and long or "
                                    r"byte Variables are valid indices \(got float\)"),
        (lambda m: object(), IndexError, r"valid indices \(got object\)"),
        (lambda m: m.tensor([1.0]), IndexError, "tensors used as indices must be long"),
        (lambda m: [5], IndexError, "out of bounds"),
        (lambda m: m.tensor([0, 3]), IndexError, "out of bounds"),
        (lambda m: "a", TypeError, None),
    ]
    for idx, exc, msg in cases:
        with pytest.raises(exc):
            base(torch)[idx(torch)]
        with pytest.raises(exc, match=msg):
            base(wick)[idx(wick)]
    # numpy's rule (PyTorch 1.13 accepts two ellipses silently)
    with pytest.raises(IndexError, match="an index can only have a single ellipsis"):
        base(wick)[..., 0, ...]
    for m in (torch, wick):
        with pytest.raises(IndexError, match="invalid index of a 0-dim tensor"):
            m.tensor(5)[0]
        with pytest.raises(ValueError, match="slice step cannot be zero"):
            m.arange(3)[::0]


# ---- __setitem__ ---------------------------------------------------------------------------------
SET_CASES = [
    (lambda m: 0, lambda m: 7), (lambda m: -1, lambda m: 2.5), (lambda m: (1, 2), lambda m: True),
    (lambda m: (0, 1, 2), lambda m: -3), (lambda m: slice(1, None), lambda m: 1),
    (lambda m: (slice(None), 0), lambda m: m.tensor([1, 2, 3, 4, 5])),
    (lambda m: (slice(None), slice(None, None, 2)), lambda m: m.arange(5.0)),
    (lambda m: 1, lambda m: m.ones(1, 4, 5)),  # leading 1-dims are dropped
    (lambda m: 1, lambda m: m.arange(5)), (lambda m: Ellipsis, lambda m: 4),
    (lambda m: (Ellipsis, 0), lambda m: m.tensor(9.0)), (lambda m: None, lambda m: 3),
    (lambda m: True, lambda m: 1), (lambda m: False, lambda m: 1),
    (lambda m: [0, 2], lambda m: 8), (lambda m: ([0, 2], [1, 3]), lambda m: 6),
    (lambda m: ([0, 2], slice(None), [1, 3]), lambda m: 5), (lambda m: m.tensor([2, 0]), lambda m: 1),
    (lambda m: (slice(None), m.tensor([True, False, True, False])), lambda m: 0),
    (lambda m: m.tensor([True, False, True]), lambda m: 2.0),
    (lambda m: np.array([0, 1]), lambda m: 3), (lambda m: (np.int64(1), 2), lambda m: 4),
    (lambda m: 0, lambda m: [1, 2, 3, 4, 5]), (lambda m: (0, 0), lambda m: [9, 8, 7, 6, 5]),
    (lambda m: 2, lambda m: np.arange(5)), (lambda m: (slice(None), 1), lambda m: m.ones(3, 5, dtype=m.int32)),
    (lambda m: [[0, 1], [1, 2]], lambda m: 0),
]


def _set_value(m, dtype, value):
    v = value(m)
    if isinstance(v, list) and m.__name__ == "torch":  # PyTorch 2.x accepts sequences; 1.13 does not
        v = m.tensor(v, dtype=getattr(m, dtype))
    if isinstance(v, np.ndarray) and m.__name__ == "torch":
        v = m.tensor(v, dtype=getattr(m, dtype))
    return v


@needs_torch
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", range(len(SET_CASES)))
def test_setitem_matches_torch(dtype, case):
    idx, value = SET_CASES[case]

    def run(m):
        x = base(m, dtype)
        v = _set_value(m, dtype, value)
        if isinstance(v, m.Tensor) and v.dim() > 0 and any(
                not isinstance(i, (int, slice, type(None), type(Ellipsis), bool, np.integer))
                for i in (idx(m) if isinstance(idx(m), tuple) else (idx(m),))):
            v = v.to(x.dtype)  # index_put_ needs self's dtype for non-scalar values
        x[idx(m)] = v
        return x
    assert_same(*both(run))


@needs_torch
def test_setitem_advanced_needs_same_dtype():
    import torch
    for m in (torch, wick):
        x = m.zeros(3)
        with pytest.raises(RuntimeError, match="Index put requires the source and destination dtypes match"):
            x[m.tensor([0, 1])] = m.tensor([1, 2])


@needs_torch
def test_setitem_errors():
    x = wick.zeros(3)
    with pytest.raises(TypeError, match="can't assign a str to a wick.FloatTensor"):
        x[0] = "x"
    with pytest.raises(TypeError, match="can't assign a NoneType to a wick.FloatTensor"):
        x[0] = None
    with pytest.raises(TypeError, match="can't assign a object to a wick.IntTensor"):
        wick.zeros(2, dtype=wick.int32)[0] = object()
    with pytest.raises(IndexError, match="index 3 is out of bounds for dimension 0 with size 3"):
        x[3] = 1.0
    with pytest.raises(ValueError, match="step must be greater than zero"):
        x[::-1] = 1.0
    with pytest.raises(RuntimeError):
        x[0:2] = wick.ones(3)
    with pytest.raises(TypeError):
        del x[0]


def test_setitem_casts_numbers():
    x = wick.zeros(3, dtype=wick.int32)
    x[0] = 2.7
    x[1] = True
    assert x.tolist() == [2, 1, 0]
    y = wick.zeros(2, dtype=wick.bool)
    y[1] = 5
    assert y.tolist() == [False, True]


@needs_torch
def test_setitem_value_broadcasts():
    def run(m):
        x = m.zeros(2, 3, 4)
        x[:, 1] = m.arange(4.0)
        x[0, :, 2:] = m.tensor([[1.0], [2.0], [3.0]])
        x[m.tensor([1, 1, 0]), 0] = m.tensor([5.0, 5.0, 6.0, 6.0])
        return x
    assert_same(*both(run))


# ---- autograd ------------------------------------------------------------------------------------
@needs_torch
def test_setitem_into_non_leaf_keeps_autograd():
    def run(m):
        a = m.ones(3)
        a.requires_grad = True
        b = a + 2
        b[0] = 1000.0
        b.backward(gradient=m.ones(3))
        return a.grad, b
    assert_same(*both(run))


@needs_torch
def test_setitem_with_grad_value():
    def run(m):
        a = m.zeros(2, 3)
        a.requires_grad = True
        v = m.arange(3.0)
        v.requires_grad = True
        b = a * 1
        b[1] = v * 2
        b[0, m.tensor([0, 2])] = v[:2]
        b.backward(gradient=m.arange(6.0).reshape(2, 3))
        return a.grad, v.grad
    assert_same(*both(run))


@needs_torch
def test_setitem_leaf_requiring_grad_errors():
    import torch
    for m in (torch, wick):
        a = m.ones(3)
        a.requires_grad = True
        with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
            a[0] = 2.0


GRAD_GET = [
    lambda m: 1, lambda m: (slice(None), 1), lambda m: (Ellipsis, slice(1, 4, 2)), lambda m: (None, 0, None),
    lambda m: [0, 0, 2], lambda m: ([0, 2], slice(None), [1, 1]), lambda m: m.tensor([[True] * 4, [False] * 4, [True, False] * 2]),
    lambda m: (slice(None), m.tensor([3, 3, 0])),
]


@needs_torch
@pytest.mark.parametrize("case", range(len(GRAD_GET)))
def test_grad_through_getitem(case):
    def run(m):
        x = m.arange(60.0).reshape(3, 4, 5)
        x.requires_grad = True
        y = x[GRAD_GET[case](m)]
        y.backward(gradient=m.arange(float(y.numel())).reshape(y.shape))
        return x.grad
    assert_same(*both(run))


def test_view_of_view_setitem_updates_version_and_base():
    a = wick.zeros(4)
    v = a[1:3]
    v0 = a._version
    v[0] = 1.0
    assert a._version > v0
    assert a.tolist() == [0.0, 1.0, 0.0, 0.0]


def test_subclass_indexing():
    class Sub(wick.Tensor):
        pass
    s = Sub([1.0, 2.0, 3.0])
    assert s[1].item() == 2.0
    s[0] = 5.0
    assert s.tolist() == [5.0, 2.0, 3.0]
    assert wick.Tensor.__getitem__(s, 2).item() == 3.0
    wick.Tensor.__setitem__(s, 2, 7.0)
    assert s[2].item() == 7.0


@needs_torch
def test_zero_dim_tensor_indexing():
    import torch
    for i in [lambda m: Ellipsis, lambda m: None, lambda m: True, lambda m: False, lambda m: (None, None),
              lambda m: (Ellipsis, None), lambda m: m.tensor(True), lambda m: m.tensor(False)]:
        assert_same(*both(lambda m: m.tensor(5.0)[i(m)]))
    for m in (torch, wick):
        with pytest.raises(IndexError, match="slice\\(\\) cannot be applied to a 0-dim tensor"):
            m.tensor(5.0)[:]


def test_setitem_numpy_scalars_and_arrays():
    # PyTorch 2.x accepts numpy scalars and arrays as values (1.13 does not)
    x = wick.arange(6.0).reshape(2, 3)
    x[1] = np.float32(2.5)
    x[0, 0] = np.int64(7)
    x[:, 2] = wick.tensor(9)
    assert x.tolist() == [[7.0, 1.0, 9.0], [2.5, 2.5, 9.0]]
    x[0] = np.array([1, 2, 3])
    x[[1, 1], [0, 1]] = np.array([4.0, 5.0])
    assert x.tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 9.0]]
    y = wick.zeros(4, dtype=wick.int64)
    y[wick.tensor([True, False, True, False])] = [3, 4]
    assert y.tolist() == [3, 0, 4, 0]


def test_sequence_index_is_a_tuple_when_it_holds_sequences():
    x = wick.arange(9).reshape(3, 3)
    assert x[[[0, 1], [1, 0]]].tolist() == [1, 3]  # same as x[[0, 1], [1, 0]]
    assert x[[0, slice(None)]].tolist() == [0, 1, 2]
    assert x[[0, 1]].tolist() == [[0, 1, 2], [3, 4, 5]]


@needs_torch
def test_ellipsis_and_empty_index_keep_history():
    def run(m):
        x = m.ones(2, requires_grad=True)
        y = x * 2
        out = [y[...].grad_fn.name(), x[...].grad_fn.name(), y[()].grad_fn.name()]
        (y[...] * 3).sum().backward()
        return out, x.grad.tolist()
    w, t = both(run)
    assert w == t

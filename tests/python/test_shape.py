"""Shape ops: views, splitting (tuples), repeating/flipping and joining, with
PyTorch's Python signatures (varargs and sequence forms, keywords, out=)."""
import numpy as np
import pytest

import wick
from conftest import assert_same, both, needs_torch

DTYPES = ["float32", "float64", "int64", "int32", "uint8", "bool", "float16", "bfloat16"]


def base(m, dtype="float32", shape=(2, 3, 4)):
    n = int(np.prod(shape))
    x = m.arange(n).reshape(shape)
    if dtype == "bool":
        return (x % 3) == 0
    return x.to(getattr(m, dtype))


def check(fn, check_repr=True):
    w, t = both(fn)
    # (bfloat16 printing wraps lines differently in PyTorch 1.13: not a shape-op matter)
    if getattr(t, "dtype", None) is not None and "bfloat16" in str(t.dtype):
        check_repr = False
    assert_same(w, t, check_repr=check_repr)
    return w, t


# ---- views ---------------------------------------------------------------------------------
VIEW_CASES = [
    lambda x: x.view(6, 4), lambda x: x.view((6, 4)), lambda x: x.view([4, -1]), lambda x: x.view(-1),
    lambda x: x.view(size=(3, 8)), lambda x: x.view(24), lambda x: x.view(2, 3, 2, 2),
    lambda x: x.reshape(4, 6), lambda x: x.reshape((-1,)), lambda x: x.reshape(shape=[6, 4]),
    lambda x: x.permute(2, 0, 1), lambda x: x.permute((1, 2, 0)), lambda x: x.permute(dims=[2, 1, 0]),
    lambda x: x.transpose(0, 2), lambda x: x.transpose(-1, -2), lambda x: x.swapaxes(0, 1),
    lambda x: x.swapdims(1, 2), lambda x: x[0].t(), lambda x: x.expand(2, 2, 3, 4),
    lambda x: x.expand((3, 2, 3, 4)), lambda x: x[:, :1].expand(-1, 5, -1),
    lambda x: x.unsqueeze(0), lambda x: x.unsqueeze(-1), lambda x: x.unsqueeze(2).squeeze(),
    lambda x: x[:1].squeeze(0), lambda x: x[:1].squeeze(1), lambda x: x.flatten(),
    lambda x: x.flatten(1), lambda x: x.flatten(0, 1), lambda x: x.flatten(start_dim=1, end_dim=2),
    lambda x: x.unflatten(2, (2, 2)), lambda x: x.unflatten(-1, [2, -1]), lambda x: x.ravel(),
    lambda x: x.narrow(2, 1, 2), lambda x: x.narrow(-1, 0, 1), lambda x: x.select(1, -1),
    lambda x: x.select(2, 0), lambda x: x.diagonal(), lambda x: x.diagonal(1, 1, 2),
    lambda x: x.diagonal(offset=-1, dim1=2, dim2=0), lambda x: x.movedim(0, 2),
    lambda x: x.movedim((0, 1), (2, 0)), lambda x: x.moveaxis(-1, 0),
    lambda x: x.as_strided((2, 2), (1, 2)), lambda x: x.as_strided((3,), (2,), 1),
    lambda x: x.unfold(2, 2, 1), lambda x: x.unfold(1, 2, 2), lambda x: x[0, :1].broadcast_to((3, 4)),
    lambda x: x.view_as(x.reshape(4, 6)), lambda x: x.reshape_as(x.reshape(2, 12)),
    lambda x: x.expand_as(x.unsqueeze(0).expand(2, 2, 3, 4)),
]


@needs_torch
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", range(len(VIEW_CASES)))
def test_views_match_torch(dtype, case):
    w, t = check(lambda m: VIEW_CASES[case](base(m, dtype)))
    assert w.stride() == t.stride()


@needs_torch
@pytest.mark.parametrize("case", range(len(VIEW_CASES)))
def test_views_share_memory(case):
    x = base(wick, "float32")
    v = VIEW_CASES[case](x)
    assert v.data_ptr() >= x.data_ptr() and v.data_ptr() < x.data_ptr() + x.nbytes
    if 0 in v.stride():
        return  # expanded: several elements share one location
    v[...] = -1.0
    # Every location the view addresses (windows of unfold may overlap) is written.
    import itertools
    locations = {sum(i * s for i, s in zip(idx, v.stride()))
                 for idx in itertools.product(*[range(n) for n in v.shape])}
    assert (x == -1).sum().item() == len(locations)
    assert (v == -1).all().item()


def test_view_write_goes_to_base():
    x = wick.zeros(2, 3)
    v = x.view(6)
    v[4] = 7.0
    assert x.tolist() == [[0.0, 0.0, 0.0], [0.0, 7.0, 0.0]]
    p = x.permute(1, 0)
    p[2, 0] = 5.0
    assert x[0, 2].item() == 5.0
    x.transpose(0, 1)[0, 1] = 3.0
    assert x[1, 0].item() == 3.0


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "int64", "uint8", "float64"])
def test_view_dtype(dtype):
    check(lambda m: base(m, "float32").view(getattr(m, dtype)))
    check(lambda m: base(m, "float32").view(dtype=getattr(m, dtype)))


@needs_torch
def test_function_forms():
    check(lambda m: m.reshape(base(m), (4, 6)))
    check(lambda m: m.reshape(base(m), shape=[-1]))
    check(lambda m: m.permute(base(m), (2, 0, 1)))
    check(lambda m: m.transpose(base(m), 0, 1))
    check(lambda m: m.swapaxes(base(m), axis0=0, axis1=2))
    check(lambda m: m.swapdims(base(m), dim0=0, dim1=2))
    check(lambda m: m.t(base(m)[0]))
    check(lambda m: m.t(m.arange(3)))
    check(lambda m: m.squeeze(base(m)[:1]))
    check(lambda m: m.squeeze(base(m)[:1], 0))
    check(lambda m: m.squeeze(base(m)[:1, :1], dim=1))
    check(lambda m: m.unsqueeze(base(m), dim=1))
    check(lambda m: m.flatten(base(m), 1))
    check(lambda m: m.unflatten(base(m), 1, (3, 1)))
    check(lambda m: m.ravel(base(m).transpose(0, 2)))
    check(lambda m: m.narrow(base(m), 1, 1, 2))
    check(lambda m: m.narrow(base(m), 1, m.tensor(1), 2))
    check(lambda m: m.narrow_copy(base(m), 2, 1, 2))
    check(lambda m: m.select(base(m), 0, 1))
    check(lambda m: m.diagonal(base(m), 0, 0, 1))
    check(lambda m: m.movedim(base(m), 0, -1))
    check(lambda m: m.moveaxis(base(m), (0, 1), (1, 0)))
    check(lambda m: m.as_strided(base(m), (2, 2), (4, 1), 2))
    check(lambda m: m.broadcast_to(m.arange(3), (2, 3)))
    check(lambda m: m.adjoint(base(m)))


@needs_torch
def test_squeeze_tuple_dims_and_inplace():
    # PyTorch 2.x: squeeze(dim) takes a tuple of dims
    w = wick.zeros(1, 2, 1, 3).squeeze((0, 2))
    assert tuple(w.shape) == (2, 3)
    w = wick.zeros(1, 2, 1, 3).squeeze((0, 1))
    assert tuple(w.shape) == (2, 1, 3)
    for fn in [lambda x: x.squeeze_(), lambda x: x.squeeze_(0), lambda x: x.unsqueeze_(1),
               lambda x: x.t_() if x.dim() <= 2 else x.transpose_(0, 2), lambda x: x.swapaxes_(0, 1),
               lambda x: x.swapdims_(0, 1)]:
        def run(m):
            x = m.zeros(1, 2, 3)
            r = fn(x)
            assert r is x
            return x
        w, t = both(run)
        assert_same(w, t)
        assert w.stride() == t.stride()
    w = wick.zeros(1, 2, 1, 3)
    assert w.squeeze_((0, 2)) is w and tuple(w.shape) == (2, 3)


@needs_torch
def test_mT_T_and_view_errors():
    for expr, exc in [("x.view(5, 5)", RuntimeError), ("x.view(3, 'a')", TypeError),
                      ("x.permute(0, 1)", RuntimeError), ("x.transpose(0, 3)", IndexError),
                      ("x.squeeze(5)", IndexError), ("x.expand(3, 3)", RuntimeError),
                      ("x.narrow(0, 1, 5)", RuntimeError), ("x.select(0, 5)", IndexError),
                      ("x.view(-1, -1)", RuntimeError)]:
        with pytest.raises(exc):
            eval(expr, {"x": base(wick)})
        import torch
        with pytest.raises(exc):
            eval(expr, {"x": base(torch)})
    with pytest.raises(RuntimeError, match="shape '\\[5, 5\\]' is invalid for input of size 24"):
        base(wick).view(5, 5)
    with pytest.raises(TypeError, match="must be tuple of ints, but found element of type str"):
        base(wick).view(3, "a")


def test_view_non_contiguous_error_and_reshape_copies():
    x = wick.zeros(2, 3).t()
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        x.view(6)
    r = x.reshape(6)
    r[0] = 1.0
    assert x[0, 0].item() == 0.0  # reshape of a non-viewable tensor copies


# ---- splitting -------------------------------------------------------------------------------
SPLIT_CASES = [
    lambda m, x: x.chunk(2), lambda m, x: x.chunk(3, 2), lambda m, x: x.chunk(chunks=5, dim=-1),
    lambda m, x: m.chunk(x, 2, dim=1),
    lambda m, x: x.split(1), lambda m, x: x.split(2, 2), lambda m, x: x.split([1, 2], 1),
    lambda m, x: x.split(split_size=3, dim=2), lambda m, x: m.split(x, 1),
    lambda m, x: m.split(x, [3, 1], dim=2), lambda m, x: m.split(x, split_size_or_sections=[1, 1]),
    lambda m, x: x.split_with_sizes([1, 2], 1), lambda m, x: m.split_with_sizes(x, [2, 2], dim=2),
    lambda m, x: x.tensor_split(3, 2), lambda m, x: x.tensor_split([1, 2], 1),
    lambda m, x: m.tensor_split(x, (1,), dim=2), lambda m, x: m.tensor_split(x, m.tensor([1, 3]), 2),
    lambda m, x: m.tensor_split(x, m.tensor(2), 1), lambda m, x: x.tensor_split(sections=2, dim=2),
    lambda m, x: x.tensor_split(indices=[1], dim=1),
    lambda m, x: x.unbind(), lambda m, x: x.unbind(2), lambda m, x: m.unbind(x, dim=1),
    lambda m, x: x.hsplit(3), lambda m, x: m.vsplit(x, [1]), lambda m, x: m.dsplit(x, 2),
    lambda m, x: m.hsplit(m.arange(6), 2),
]


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool"])
@pytest.mark.parametrize("case", range(len(SPLIT_CASES)))
def test_splits_return_tuples(dtype, case):
    w, t = both(lambda m: SPLIT_CASES[case](m, base(m, dtype)))
    assert type(w) is tuple and type(t) is tuple
    assert_same(w, t)
    for a, b in zip(w, t):
        assert a.stride() == b.stride()


def test_split_pieces_are_views():
    x = wick.zeros(4, 2)
    a, b = x.chunk(2)
    b[0, 0] = 9.0
    assert x[2, 0].item() == 9.0
    x.unbind(1)[1][3] = 4.0
    assert x[3, 1].item() == 4.0


@needs_torch
def test_split_errors():
    import torch
    for m, exc in [(wick, RuntimeError), (torch, RuntimeError)]:
        with pytest.raises(exc):
            base(m).split([1, 1], 1)
        with pytest.raises(exc):
            base(m).hsplit(5)
    with pytest.raises(RuntimeError, match="not divisible by the split_size 5"):
        base(wick).hsplit(5)


# ---- repeat / flip / roll ------------------------------------------------------------------------
COPY_CASES = [
    lambda m, x: x.repeat(2, 1, 1), lambda m, x: x.repeat((1, 2, 1, 2)), lambda m, x: x.repeat([2, 1, 1]),
    lambda m, x: x.repeat(repeats=(1, 1, 2)),
    lambda m, x: x.repeat_interleave(2), lambda m, x: x.repeat_interleave(2, dim=1),
    lambda m, x: x.repeat_interleave(m.tensor([1, 0, 2]), 1),
    lambda m, x: m.repeat_interleave(x, 3, 0), lambda m, x: m.repeat_interleave(x, repeats=2, dim=-1),
    lambda m, x: m.repeat_interleave(m.tensor([1, 2, 0])),
    lambda m, x: x.tile(2), lambda m, x: x.tile(1, 2), lambda m, x: x.tile((2, 1, 1, 1)),
    lambda m, x: m.tile(x, (2,)), lambda m, x: m.tile(x, dims=[1, 2, 1]),
    lambda m, x: x.flip(0), lambda m, x: x.flip(0, 2), lambda m, x: x.flip((1, 2)), lambda m, x: x.flip([-1]),
    lambda m, x: x.flip(dims=(0,)), lambda m, x: m.flip(x, (0, 1)), lambda m, x: m.flip(x, dims=[2]),
    lambda m, x: x.fliplr(), lambda m, x: m.flipud(x),
    lambda m, x: x.roll(1), lambda m, x: x.roll(-1, 2), lambda m, x: x.roll((1, 2), (0, 2)),
    lambda m, x: m.roll(x, shifts=5), lambda m, x: m.roll(x, shifts=(1,), dims=(1,)),
    lambda m, x: x.rot90(), lambda m, x: x.rot90(2), lambda m, x: x.rot90(-1, [1, 2]),
    lambda m, x: m.rot90(x, k=3, dims=(0, 2)),
    lambda m, x: x.narrow_copy(1, 1, 2),
]


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool", "float16"])
@pytest.mark.parametrize("case", range(len(COPY_CASES)))
def test_copies_match_torch(dtype, case):
    check(lambda m: COPY_CASES[case](m, base(m, dtype)))


# ---- joining -----------------------------------------------------------------------------------
JOIN_CASES = [
    lambda m, a, b: m.cat([a, b]), lambda m, a, b: m.cat((a, b), 1), lambda m, a, b: m.cat([a, b], dim=-1),
    lambda m, a, b: m.cat(tensors=[a, b, a], dim=0), lambda m, a, b: m.concat([a, b], 1),
    lambda m, a, b: m.concatenate([a, b], axis=1), lambda m, a, b: m.concatenate((a, b)),
    lambda m, a, b: m.stack([a, b]), lambda m, a, b: m.stack((a, b), 2), lambda m, a, b: m.stack([a, b], dim=-1),
    lambda m, a, b: m.hstack([a, b]), lambda m, a, b: m.vstack((a, b)), lambda m, a, b: m.row_stack([a, b]),
    lambda m, a, b: m.dstack([a, b]), lambda m, a, b: m.column_stack([a, b]),
    lambda m, a, b: m.column_stack([a[0], b[1]]), lambda m, a, b: m.hstack([a[0], b[0]]),
    lambda m, a, b: m.vstack([a[0], b[0]]), lambda m, a, b: m.dstack([a[0], b[0]]),
]


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool", "bfloat16"])
@pytest.mark.parametrize("case", range(len(JOIN_CASES)))
def test_joins_match_torch(dtype, case):
    check(lambda m: JOIN_CASES[case](m, base(m, dtype, (2, 3)), base(m, dtype, (2, 3)) * 1 if dtype != "bool"
                                     else base(m, dtype, (2, 3)) == False))  # noqa: E712


@needs_torch
def test_cat_mixed_dtypes_promote():
    check(lambda m: m.cat([m.ones(2, dtype=m.int32), m.ones(2, dtype=m.float64)]))


@needs_torch
@pytest.mark.parametrize("name", ["cat", "stack", "hstack", "vstack", "dstack", "column_stack",
                                  "row_stack", "concat"])
def test_join_out(name):
    def run(m):
        a, b = m.ones(2, 3), m.zeros(2, 3)
        out = m.empty(0)
        r = getattr(m, name)([a, b], out=out)
        assert r is out
        return out
    check(run)


@needs_torch
def test_join_errors():
    import torch
    for m in (wick, torch):
        with pytest.raises(RuntimeError):
            m.cat([m.ones(2, 3), m.ones(3, 2)], 1)
        with pytest.raises(RuntimeError):
            m.stack([m.ones(2), m.ones(3)])
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        wick.stack([wick.ones(2), wick.ones(3)])


@needs_torch
def test_broadcast_and_meshgrid():
    w, t = both(lambda m: m.broadcast_tensors(m.ones(3, 1), m.arange(4)))
    assert type(w) is tuple
    assert_same(w, t)
    w, t = both(lambda m: m.broadcast_shapes((2, 1), (3,), (1, 1, 1)))
    assert tuple(w) == tuple(t) and repr(w) == repr(t).replace("torch", "wick")
    for ind in ["ij", "xy"]:
        w, t = both(lambda m: m.meshgrid(m.arange(3), m.arange(2), indexing=ind))
        assert type(w) is tuple
        assert_same(w, t)
        w, t = both(lambda m: m.meshgrid([m.arange(3), m.arange(4)], indexing=ind))
        assert_same(w, t)
    assert_same(*both(lambda m: m.cartesian_prod(m.arange(3), m.tensor([5, 6]))))
    assert_same(*both(lambda m: m.cartesian_prod(m.arange(3))))


@needs_torch
def test_atleast():
    for n in ["atleast_1d", "atleast_2d", "atleast_3d"]:
        assert_same(*both(lambda m: getattr(m, n)(m.tensor(1.0))))
        assert_same(*both(lambda m: getattr(m, n)(m.arange(3))))
        w, t = both(lambda m: getattr(m, n)(m.tensor(1.0), m.arange(3)))
        assert type(w) is tuple
        assert_same(w, t)
        w, t = both(lambda m: getattr(m, n)([m.tensor(1.0), m.ones(2, 2)]))
        assert_same(w, t)


# ---- gradients through views ----------------------------------------------------------------------
GRAD_CASES = [
    lambda x: x.view(6, 4), lambda x: x.permute(2, 0, 1) * 2, lambda x: x.transpose(0, 1),
    lambda x: x[:, 1:].expand(2, 2, 2, 4), lambda x: x.unsqueeze(1).squeeze(1), lambda x: x.narrow(2, 1, 2),
    lambda x: x.select(1, 2), lambda x: x.diagonal(0, 1, 2), lambda x: x.movedim(0, 2),
    lambda x: x.unfold(2, 2, 1), lambda x: x.repeat(2, 1, 1), lambda x: x.flip(0, 2),
    lambda x: x.roll(1, 2), lambda x: x.chunk(2, 2)[1], lambda x: x.split([1, 2], 1)[1],
    lambda x: x.unbind(0)[1], lambda x: x.tile(2), lambda x: x.repeat_interleave(2, 1),
    lambda x: x.rot90(1, [1, 2]), lambda x: x.flatten(1),
]


@needs_torch
@pytest.mark.parametrize("case", range(len(GRAD_CASES)))
def test_grad_through_shape_ops(case):
    def run(m):
        x = m.arange(24.0).reshape(2, 3, 4)
        x.requires_grad = True
        y = GRAD_CASES[case](x)
        g = m.arange(float(y.numel())).reshape(y.shape)
        y.backward(gradient=g)
        return x.grad
    assert_same(*both(run))


@needs_torch
def test_grad_through_cat_stack():
    def run(m):
        a = m.ones(2, 3)
        a.requires_grad = True
        b = m.zeros(2, 3)
        b.requires_grad = True
        y = m.cat([a, b * 2], 1)
        y2 = m.stack([a, b], 0)
        y.backward(gradient=m.arange(12.0).reshape(2, 6))
        y2.backward(gradient=m.arange(12.0).reshape(2, 2, 3))
        return a.grad, b.grad
    assert_same(*both(run))


@needs_torch
def test_argument_type_errors_match_torch():
    import torch
    exprs = [
        ("x.flip()", 'flip\\(\\) missing 1 required positional arguments: "dims"'),
        ("x.reshape()", 'reshape\\(\\) missing 1 required positional arguments: "shape"'),
        ("x.permute()", 'permute\\(\\) missing 1 required positional arguments: "dims"'),
        ("x.repeat()", 'repeat\\(\\) missing 1 required positional arguments: "repeats"'),
        ("x.permute(0, 1, bar=2)", "permute\\(\\) got an unexpected keyword argument 'bar'"),
        ("x.reshape([2, 3.0])", "reshape\\(\\): argument 'shape' must be tuple of (Sym)?[iI]nts, but found element of type float at pos 2"),
        ("m.cat(x)", "cat\\(\\): argument 'tensors' \\(position 1\\) must be tuple of Tensors, not Tensor"),
        ("m.stack(x)", "stack\\(\\): argument 'tensors' \\(position 1\\) must be tuple of Tensors, not Tensor"),
        ("m.cat([x, 1])", "expected Tensor as element 1 in argument 0, but got int"),
        ("m.meshgrid(x[0], 1)", "expected Tensor as element 1 in argument 0, but got int"),
        ("x.view()", None),
    ]
    for e, msg in exprs:
        for m in (torch, wick):
            with pytest.raises(TypeError, match=msg):
                eval(e, {"x": m.zeros(2, 3), "m": m})
    for m in (torch, wick):
        with pytest.raises(RuntimeError, match="expected a non-empty list of Tensors"):
            m.cat([])


def test_tensor_type_has_fast_mapping_slots():
    # __getitem__ is a slot wrapper (so subclasses keep the C slot), not a Python function
    assert type(wick.Tensor.__getitem__).__name__ == "wrapper_descriptor"
    assert type(wick.Tensor.__setitem__).__name__ == "wrapper_descriptor"


@needs_torch
def test_unsafe_splits():
    for e in ["m.unsafe_chunk(x, 2, 1)", "x.unsafe_split(1)", "m.unsafe_split(x, 2, dim=2)",
              "x.unsafe_split_with_sizes([1, 2], 1)"]:
        w, t = both(lambda m: eval(e, {"m": m, "x": base(m)}))
        assert type(w) is tuple
        assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_view_scatters(dtype):
    cases = [
        lambda m, x: m.select_scatter(x, m.ones(3, 4, dtype=x.dtype), 0, 1),
        lambda m, x: x.select_scatter(m.ones(2, 4, dtype=x.dtype), dim=1, index=-1),
        lambda m, x: m.diagonal_scatter(x, m.ones(2, 3, dtype=x.dtype), 0, 1, 2),
        lambda m, x: x.diagonal_scatter(m.zeros(2, 3, dtype=x.dtype), offset=1, dim1=1, dim2=2),
    ]
    for c in cases:
        check(lambda m: c(m, base(m, dtype)))
    with pytest.raises(RuntimeError, match="expected src to have a size equal to the slice of self"):
        wick.select_scatter(base(wick), wick.ones(3), 0, 0)


@needs_torch
def test_view_scatter_grad():
    def run(m):
        x = m.zeros(3, 4)
        x.requires_grad = True
        s = m.ones(4)
        s.requires_grad = True
        y = m.select_scatter(x * 2, s * 3, 0, 1)
        y.backward(gradient=m.arange(12.0).reshape(3, 4))
        return x.grad, s.grad
    assert_same(*both(run))


@needs_torch
def test_slice_scatter():
    # PyTorch 1.13's slice_scatter misreads its optional ints (garbage ends/steps),
    # so the reference here is torch's indexing assignment.
    import torch
    cases = [((1, 1, 2, 1), (slice(None), slice(1, 2))), ((2, 0, 4, 2), (Ellipsis, slice(0, 4, 2))),
             ((0, 0, 1, 1), (slice(0, 1),)), ((2, 1, None, 1), (Ellipsis, slice(1, None)))]
    for (dim, start, end, step), idx in cases:
        x = base(torch)
        exp = x.clone()
        src = torch.full(exp[idx].shape, -1.0)
        exp[idx] = src
        w = wick.slice_scatter(base(wick), wick.full(src.shape, -1.0), dim, start, end, step)
        assert_same(w, exp)
        w = base(wick).slice_scatter(wick.full(src.shape, -1.0), dim=dim, start=start, end=end, step=step)
        assert_same(w, exp)


def test_slice_scatter_default_end():
    x = wick.zeros(2, 3)
    r = wick.slice_scatter(x, wick.ones(2, 2), 1, 1)
    assert r.tolist() == [[0.0, 1.0, 1.0], [0.0, 1.0, 1.0]]
    assert x.tolist() == [[0.0] * 3] * 2

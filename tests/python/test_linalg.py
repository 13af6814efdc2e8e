"""Linear algebra bindings: products, structured matrices, det/inverse/...,
wick.linalg, named tuples, out=, errors and gradients, against PyTorch."""
import numpy as np
import pytest

import wick
from conftest import assert_same, both, needs_torch, wick_repr

pytestmark = needs_torch

DTYPES = ["float32", "float64"]
RNG = np.random.RandomState(1234)


def data(*shape, spd=False, seed=None):
    rng = np.random.RandomState(seed) if seed is not None else RNG
    a = rng.uniform(-1, 1, size=shape)
    if spd:  # symmetric positive definite (batched)
        a = a @ np.swapaxes(a, -1, -2) + shape[-1] * np.eye(shape[-1])
    return a


def T(m, arr, dtype="float32", requires_grad=False):
    return m.tensor(np.asarray(arr).tolist(), dtype=getattr(m, dtype), requires_grad=requires_grad)


def close(w, t, dtype="float32", check_repr=False):
    tol = 1e-4 if dtype == "float32" else 1e-10
    assert_same(w, t, check_repr=check_repr, rtol=tol, atol=tol)


# ---- products ----------------------------------------------------------------------------

PRODUCTS = [
    ("mm", (2, 3), (3, 4)),
    ("bmm", (2, 2, 3), (2, 3, 4)),
    ("matmul", (2, 3), (3, 4)),
    ("matmul", (3,), (3,)),
    ("matmul", (3,), (3, 4)),
    ("matmul", (2, 3), (3,)),
    ("matmul", (5, 2, 3), (3, 4)),
    ("matmul", (2, 1, 2, 3), (3, 3, 2)),  # broadcast batch
    ("matmul", (4,), (2, 4, 3)),
    ("mv", (2, 3), (3,)),
    ("dot", (4,), (4,)),
    ("vdot", (4,), (4,)),
    ("inner", (2, 3), (4, 3)),
    ("outer", (3,), (2,)),
    ("ger", (3,), (2,)),
    ("kron", (2, 2), (2, 3)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,sa,sb", PRODUCTS)
def test_products(name, sa, sb, dtype):
    a, b = data(*sa), data(*sb)
    w, t = both(lambda m: getattr(m, name)(T(m, a, dtype), T(m, b, dtype)))
    close(w, t, dtype)
    # method form
    w, t = both(lambda m: getattr(T(m, a, dtype), name)(T(m, b, dtype)))
    close(w, t, dtype)


@pytest.mark.parametrize("name,sa,sb", PRODUCTS[:4] + PRODUCTS[9:12])
def test_products_out(name, sa, sb):
    a, b = data(*sa), data(*sb)

    def run(m):
        out = m.empty(0)
        r = getattr(m, name)(T(m, a), T(m, b), out=out)
        assert r is out
        return out
    close(*both(run))


def test_matmul_operator_and_keywords():
    a, b = data(2, 3), data(3, 2)
    close(*both(lambda m: T(m, a) @ T(m, b)))
    close(*both(lambda m: m.mm(input=T(m, a), mat2=T(m, b))))
    close(*both(lambda m: m.matmul(T(m, a), other=T(m, b))))


def test_integer_matmul_repr():
    w, t = both(lambda m: m.mm(m.tensor([[1, 2], [3, 4]]), m.tensor([[5, 6], [7, 8]])))
    assert_same(w, t)


def test_mm_shape_error():
    for m in (wick, __import__("torch")):
        with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)"):
            m.mm(m.ones(2, 3), m.ones(2, 3))


def test_dot_error_matches_torch():
    import torch
    with pytest.raises(RuntimeError) as te:
        torch.dot(torch.ones(3), torch.ones(4))
    with pytest.raises(RuntimeError) as we:
        wick.dot(wick.ones(3), wick.ones(4))
    assert str(we.value) == str(te.value)


def test_bmm_needs_3d():
    with pytest.raises(RuntimeError):
        wick.bmm(wick.ones(2, 3), wick.ones(3, 2))


ADDPRODUCTS = [
    ("addmm", (2, 4), (2, 3), (3, 4)),
    ("addmm", (4,), (2, 3), (3, 4)),  # broadcast input
    ("baddbmm", (2, 2, 4), (2, 2, 3), (2, 3, 4)),
    ("addbmm", (2, 4), (3, 2, 3), (3, 3, 4)),
    ("addmv", (2,), (2, 3), (3,)),
    ("addr", (3, 2), (3,), (2,)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,s0,s1,s2", ADDPRODUCTS)
def test_addproducts(name, s0, s1, s2, dtype):
    x, a, b = data(*s0), data(*s1), data(*s2)
    f = lambda m, **kw: getattr(m, name)(T(m, x, dtype), T(m, a, dtype), T(m, b, dtype), **kw)
    close(*both(lambda m: f(m)), dtype)
    close(*both(lambda m: f(m, beta=0.5, alpha=2)), dtype)
    close(*both(lambda m: getattr(T(m, x, dtype), name)(T(m, a, dtype), T(m, b, dtype),
                                                         beta=2, alpha=-1)), dtype)

    def out(m):
        o = m.empty(0, dtype=getattr(m, dtype))
        r = f(m, beta=3, out=o)
        assert r is o
        return o
    close(*both(out), dtype)


@pytest.mark.parametrize("name,s0,s1,s2", [p for p in ADDPRODUCTS if p[1] != (4,)])
def test_addproducts_inplace(name, s0, s1, s2):
    x, a, b = data(*s0), data(*s1), data(*s2)

    def run(m):
        s = T(m, x)
        r = getattr(s, name + "_")(T(m, a), T(m, b), beta=0.5, alpha=2)
        assert r is s
        return s
    close(*both(run))


def test_beta_alpha_are_keyword_only():
    with pytest.raises(TypeError):
        wick.addmm(wick.ones(2, 2), wick.ones(2, 2), wick.ones(2, 2), 1, 1)


# ---- contractions --------------------------------------------------------------------

@pytest.mark.parametrize("eq,shapes", [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("i,j->ij", [(3,), (2,)]),
    ("...ij->...ji", [(2, 3, 4)]),
    ("ij,ij->", [(2, 3), (2, 3)]),
])
def test_einsum(eq, shapes):
    arrs = [data(*s) for s in shapes]
    close(*both(lambda m: m.einsum(eq, *[T(m, a) for a in arrs])))
    close(*both(lambda m: m.einsum(eq, [T(m, a) for a in arrs])))


@pytest.mark.parametrize("dims", [2, 1, 0, ([1, 0], [0, 1]), ([2], [0]), ((0,), (1,))])
def test_tensordot(dims):
    a, b = data(3, 4, 2), data(4, 3, 2) if dims != ([2], [0]) else data(2, 3)
    if dims == 2:
        b = data(4, 2, 5)
    if dims == 1:
        b = data(2, 5)
    if dims == ((0,), (1,)):
        b = data(2, 3)
    close(*both(lambda m: m.tensordot(T(m, a), T(m, b), dims=dims)))
    close(*both(lambda m: m.tensordot(T(m, a), T(m, b), dims, out=m.empty(0))))


def test_chain_matmul_and_multi_dot():
    ms = [data(2, 3), data(3, 4), data(4, 2)]
    close(*both(lambda m: m.linalg.multi_dot([T(m, x) for x in ms])))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        close(*both(lambda m: m.chain_matmul(*[T(m, x) for x in ms])))


@pytest.mark.parametrize("dim", [None, 0, 1, -1])
def test_cross(dim):
    a, b = data(3, 3), data(3, 3)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        close(*both(lambda m: m.cross(T(m, a), T(m, b), dim=dim)))
        close(*both(lambda m: T(m, a).cross(T(m, b), dim)))
    if dim is not None:
        close(*both(lambda m: m.linalg.cross(T(m, a), T(m, b), dim=dim)))


# ---- structured ----------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(3, 3), (2, 4), (4, 2)])
@pytest.mark.parametrize("k", [0, 1, -1, 5])
def test_tril_triu_diag(shape, k):
    a = data(*shape)
    for name in ("tril", "triu", "diag") if abs(k) < min(shape) else ("tril", "triu"):
        close(*both(lambda m: getattr(m, name)(T(m, a), k)), check_repr=True)
        close(*both(lambda m: getattr(T(m, a), name)(diagonal=k)))
        close(*both(lambda m: getattr(m, name)(T(m, a), diagonal=k, out=m.empty(0))))
    for name in ("tril_", "triu_"):
        def run(m):
            x = T(m, a)
            assert getattr(x, name)(k) is x
            return x
        close(*both(run))


def test_batched_tril_and_int_dtypes():
    w, t = both(lambda m: m.tril(m.ones(2, 3, 3, dtype=m.int64), -1))
    assert_same(w, t)
    w, t = both(lambda m: m.diag(m.tensor([1, 2, 3]), 1))
    assert_same(w, t)


def test_trace_and_diag_embed():
    a = data(3, 4)
    close(*both(lambda m: m.trace(T(m, a))), check_repr=True)
    close(*both(lambda m: T(m, a).trace()))
    w, t = both(lambda m: m.trace(m.tensor([[1, 2], [3, 4]])))
    assert_same(w, t)
    b = data(2, 3)
    close(*both(lambda m: m.diag_embed(T(m, b))))
    close(*both(lambda m: m.diag_embed(T(m, b), offset=1, dim1=0, dim2=2)))
    close(*both(lambda m: T(m, b).diag_embed(-1)))


# ---- det, inverse, ... ------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4)])
def test_det_inverse_family(shape, dtype):
    a = data(*shape, spd=True)
    for name in ("det", "logdet", "inverse", "pinverse"):
        close(*both(lambda m: getattr(m, name)(T(m, a, dtype))), dtype)
        close(*both(lambda m: getattr(T(m, a, dtype), name)()), dtype)
    close(*both(lambda m: m.inverse(T(m, a, dtype), out=m.empty(0, dtype=getattr(m, dtype)))), dtype)
    close(*both(lambda m: m.linalg.inv(T(m, a, dtype))), dtype)
    close(*both(lambda m: m.linalg.det(T(m, a, dtype))), dtype)
    close(*both(lambda m: m.cholesky(T(m, a, dtype))), dtype)
    close(*both(lambda m: T(m, a, dtype).cholesky(upper=True)), dtype)
    close(*both(lambda m: m.linalg.cholesky(T(m, a, dtype), upper=True)), dtype)
    close(*both(lambda m: m.matrix_power(T(m, a, dtype), 3)), dtype)
    close(*both(lambda m: T(m, a, dtype).matrix_power(-2)), dtype)
    close(*both(lambda m: m.linalg.matrix_power(T(m, a, dtype), 0)), dtype)


def test_slogdet_named_tuple():
    a = [[2.0, 1.0], [1.0, -3.0]]
    w, t = both(lambda m: m.slogdet(m.tensor(a)))
    assert repr(w) == wick_repr(repr(t))
    assert type(w).__name__ == "slogdet"
    w, t = both(lambda m: m.linalg.slogdet(m.tensor(a)))
    assert repr(w) == wick_repr(repr(t))
    assert_same(w.sign, t.sign) and assert_same(w.logabsdet, t.logabsdet)
    assert type(w).__module__ == "wick.return_types"


def test_singular_inverse_error():
    import torch
    with pytest.raises(RuntimeError) as te:
        torch.linalg.inv(torch.zeros(2, 2))
    with pytest.raises(RuntimeError) as we:
        wick.linalg.inv(wick.zeros(2, 2))
    assert "singular" in str(we.value) and "singular" in str(te.value)


# ---- wick.linalg decompositions ------------------------------------------------------------

def test_linalg_module():
    import wick.linalg as la
    assert la is wick.linalg
    for n in ("inv", "det", "slogdet", "solve", "cholesky", "qr", "svd", "svdvals", "eigh",
              "eigvalsh", "norm", "vector_norm", "matrix_norm", "pinv", "matrix_rank",
              "matrix_power", "cross", "multi_dot", "matmul", "diagonal"):
        assert callable(getattr(la, n)), n


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 3, 3)])
def test_qr(shape, mode, dtype):
    a = data(*shape)
    w, t = both(lambda m: m.linalg.qr(T(m, a, dtype), mode=mode))
    assert type(w).__name__ == "linalg_qr"
    close(w.R, t.R, dtype)
    close(w.Q, t.Q, dtype)
    w, t = both(lambda m: m.linalg.qr(T(m, a, dtype), mode))
    close(tuple(w), tuple(t), dtype)


def test_qr_repr_and_old_qr():
    a = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    w, t = both(lambda m: m.linalg.qr(m.tensor(a)))
    assert repr(w) == wick_repr(repr(t))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w, t = both(lambda m: m.qr(m.tensor(a), some=False))
    assert repr(w) == wick_repr(repr(t))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 3, 3)])
def test_svd(shape, full, dtype):
    a = data(*shape)
    w, t = both(lambda m: m.linalg.svd(T(m, a, dtype), full_matrices=full))
    assert type(w).__name__ == "linalg_svd" and w._fields == ("U", "S", "Vh")
    close(w.S, t.S, dtype)
    # singular vectors are unique up to sign: check the reconstruction
    k = min(shape[-2:])
    wn = np.einsum("...ik,...k,...kj->...ij", w.U.numpy()[..., :k], w.S.numpy(), w.Vh.numpy()[..., :k, :])
    np.testing.assert_allclose(wn, a, rtol=1e-4, atol=1e-4)
    assert tuple(w.U.shape) == tuple(t.U.shape) and tuple(w.Vh.shape) == tuple(t.Vh.shape)
    close(*both(lambda m: m.linalg.svdvals(T(m, a, dtype))), dtype)


def test_old_svd():
    a = data(3, 2)
    w, t = both(lambda m: m.svd(T(m, a)))
    assert type(w).__name__ == "svd" and w._fields == ("U", "S", "V")
    close(w.S, t.S)
    assert tuple(w.V.shape) == tuple(t.V.shape) == (2, 2)
    w, t = both(lambda m: m.svd(T(m, a), compute_uv=False))
    close(tuple(w), tuple(t))
    w, t = both(lambda m: T(m, a).svd(some=False))
    assert tuple(w.U.shape) == tuple(t.U.shape) == (3, 3)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh(uplo, dtype):
    a = data(2, 3, 3, spd=True)
    w, t = both(lambda m: m.linalg.eigh(T(m, a, dtype), UPLO=uplo))
    assert type(w).__name__ == "linalg_eigh" and w._fields == ("eigenvalues", "eigenvectors")
    close(w.eigenvalues, t.eigenvalues, dtype)
    # eigenvectors up to sign
    np.testing.assert_allclose(np.abs(w.eigenvectors.numpy()), np.abs(t.eigenvectors.numpy()),
                               rtol=1e-4, atol=1e-4)
    close(*both(lambda m: m.linalg.eigvalsh(T(m, a, dtype), uplo)), dtype)


def test_eigh_repr():
    a = [[2.0, 0.0], [0.0, 1.0]]
    w, t = both(lambda m: m.linalg.eigh(m.tensor(a)))
    assert repr(w) == wick_repr(repr(t))


def test_decomposition_out():
    a = data(3, 3, spd=True)

    def run(m):
        q, r = m.empty(0), m.empty(0)
        res = m.linalg.qr(T(m, a), out=(q, r))
        assert res.Q is q and res.R is r
        e, v = m.empty(0), m.empty(0)
        res2 = m.linalg.eigh(T(m, a), out=(e, v))
        assert res2.eigenvalues is e
        return q, r, e
    w, t = both(run)
    close(w[2], t[2])
    np.testing.assert_allclose(np.abs(w[1].numpy()), np.abs(t[1].numpy()), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dtype", DTYPES)
def test_solve(dtype):
    A, B = data(3, 3, spd=True), data(3, 2)
    close(*both(lambda m: m.linalg.solve(T(m, A, dtype), T(m, B, dtype))), dtype)
    close(*both(lambda m: m.linalg.solve(T(m, A, dtype), T(m, B.T, dtype), left=False)), dtype)
    Ab, Bb = data(2, 3, 3, spd=True), data(3,)
    close(*both(lambda m: m.linalg.solve(T(m, Ab, dtype), T(m, Bb, dtype))), dtype)
    close(*both(lambda m: m.linalg.solve(T(m, A, dtype), T(m, B, dtype),
                                         out=m.empty(0, dtype=getattr(m, dtype)))), dtype)


def test_pinv_matrix_rank():
    a = data(4, 3)
    close(*both(lambda m: m.linalg.pinv(T(m, a))))
    close(*both(lambda m: m.linalg.pinv(T(m, a), rtol=0.5)))
    s = data(3, 3, spd=True)
    close(*both(lambda m: m.linalg.pinv(T(m, s), hermitian=True)))
    low = np.outer([1.0, 2, 3], [1.0, 0, 1])
    w, t = both(lambda m: m.linalg.matrix_rank(T(m, low)))
    assert_same(w, t)
    w, t = both(lambda m: m.linalg.matrix_rank(T(m, a), atol=0.1, rtol=0.0))
    assert_same(w, t)


@pytest.mark.parametrize("ord", [None, 2, 1, float("inf"), -float("inf"), 0, 3.5])
@pytest.mark.parametrize("dim", [None, 0, (0, 1), -1])
@pytest.mark.parametrize("keepdim", [False, True])
def test_vector_norm(ord, dim, keepdim):
    a = data(3, 4)
    kw = {} if ord is None else {"ord": ord}
    close(*both(lambda m: m.linalg.vector_norm(T(m, a), dim=dim, keepdim=keepdim, **kw)))
    if ord is not None and isinstance(dim, int):
        close(*both(lambda m: m.linalg.norm(T(m, a), ord, dim=dim, keepdim=keepdim)))


@pytest.mark.parametrize("ord", ["fro", "nuc", 1, -1, 2, -2, float("inf"), -float("inf")])
def test_matrix_norm(ord):
    a = data(2, 3, 4)
    close(*both(lambda m: m.linalg.matrix_norm(T(m, a), ord=ord)))
    close(*both(lambda m: m.linalg.matrix_norm(T(m, a), ord, dim=(0, 2), keepdim=True)))
    close(*both(lambda m: m.linalg.norm(T(m, a), ord, dim=(1, 2))))


def test_norm_defaults_and_dtype():
    a = data(3, 4)
    close(*both(lambda m: m.linalg.norm(T(m, a))), check_repr=True)
    close(*both(lambda m: m.linalg.norm(T(m, a), dim=1)))
    close(*both(lambda m: m.linalg.vector_norm(T(m, a), dtype=m.float64)))
    close(*both(lambda m: m.linalg.norm(T(m, a), out=m.empty(0))))


@pytest.mark.parametrize("p", [None, 2, -2, "fro", "nuc", 1, -1, float("inf"), -float("inf")])
def test_cond(p):
    a = data(2, 3, 3, spd=True)
    close(*both(lambda m: m.linalg.cond(T(m, a), p)), "float32")
    close(*both(lambda m: m.linalg.cond(T(m, a, "float64"), p=p)), "float64")


@pytest.mark.parametrize("dim", [-1, 0])
def test_vecdot(dim):
    x, y = data(3, 4), data(3, 4)
    close(*both(lambda m: m.linalg.vecdot(T(m, x), T(m, y), dim=dim)))
    close(*both(lambda m: m.linalg.vecdot(T(m, x), T(m, y[0]))))
    close(*both(lambda m: m.linalg.vecdot(T(m, x), T(m, y), out=m.empty(0))))


def test_linalg_diagonal_and_matmul():
    a = data(2, 3, 3)
    close(*both(lambda m: m.linalg.diagonal(T(m, a))))
    close(*both(lambda m: m.linalg.diagonal(T(m, a), offset=1, dim1=0, dim2=1)))
    close(*both(lambda m: m.linalg.matmul(T(m, a), T(m, a))))


# ---- gradients ------------------------------------------------------------------------

def grads(m, fn, arrays, seed_grad, dtype="float64"):
    xs = [T(m, a, dtype, requires_grad=True) for a in arrays]
    y = fn(m, *xs)
    y.backward(gradient=T(m, seed_grad, dtype))
    return [x.grad for x in xs]


@pytest.mark.parametrize("name,fn,shapes,out_shape", [
    ("mm", lambda m, a, b: m.mm(a, b), [(2, 3), (3, 4)], (2, 4)),
    ("matmul_bcast", lambda m, a, b: m.matmul(a, b), [(2, 1, 2, 3), (3, 3, 2)], (2, 3, 2, 2)),
    ("matmul_vec", lambda m, a, b: m.matmul(a, b), [(3,), (2, 3, 4)], (2, 4)),
    ("bmm", lambda m, a, b: m.bmm(a, b), [(2, 2, 3), (2, 3, 4)], (2, 2, 4)),
    ("addmm", lambda m, x, a, b: m.addmm(x, a, b, beta=0.5, alpha=2), [(4,), (2, 3), (3, 4)], (2, 4)),
    ("mv", lambda m, a, b: m.mv(a, b), [(2, 3), (3,)], (2,)),
    ("outer", lambda m, a, b: m.outer(a, b), [(3,), (2,)], (3, 2)),
    ("einsum", lambda m, a, b: m.einsum("bij,bjk->bik", a, b), [(2, 2, 3), (2, 3, 2)], (2, 2, 2)),
    ("tril", lambda m, a: m.tril(a, -1), [(3, 3)], (3, 3)),
    ("kron", lambda m, a, b: m.kron(a, b), [(2, 2), (2, 1)], (4, 2)),
    ("inv", lambda m, a: m.linalg.inv(a), [(3, 3)], (3, 3)),
    ("det", lambda m, a: m.det(a), [(2, 3, 3)], (2,)),
    ("solve", lambda m, a, b: m.linalg.solve(a, b), [(3, 3), (3, 2)], (3, 2)),
    ("matrix_norm", lambda m, a: m.linalg.matrix_norm(a), [(3, 4)], ()),
    ("vector_norm", lambda m, a: m.linalg.vector_norm(a, 3, dim=1), [(3, 4)], (3,)),
    ("trace", lambda m, a: m.trace(a), [(3, 3)], ()),
])
def test_gradients_match_torch(name, fn, shapes, out_shape):
    arrays = [data(*s, seed=i) + (3 * np.eye(s[-1]) if name in ("inv", "det", "solve")
                                  and i == 0 else 0) for i, s in enumerate(shapes)]
    g = data(*out_shape, seed=99) if out_shape else np.array(0.7)
    w, t = both(lambda m: grads(m, fn, arrays, g))
    close(w, t, "float64")


def test_cholesky_and_eigvalsh_gradients():
    a = data(3, 3, spd=True, seed=5)
    g = data(3, 3, seed=6)
    w, t = both(lambda m: grads(m, lambda m, x: m.linalg.cholesky(x), [a], np.tril(g)))
    close(w, t, "float64")
    w, t = both(lambda m: grads(m, lambda m, x: m.linalg.eigvalsh(x), [a], g[0]))
    close(w, t, "float64")


@pytest.mark.parametrize("call", [
    lambda m: m.matmul(m.ones(2, 3), m.ones(2, 3)),
    lambda m: m.bmm(m.ones(2, 2, 3), m.ones(2, 2, 3)),
    lambda m: m.mv(m.ones(2, 3), m.ones(2)),
    lambda m: m.det(m.ones(2, 3)),
    lambda m: m.linalg.inv(m.ones(2, 3)),
    lambda m: m.einsum("ij,jk", m.ones(2, 3)),
    lambda m: m.linalg.qr(m.ones(2, 2), mode="x"),
    lambda m: m.linalg.eigh(m.ones(2, 2), UPLO="X"),
    lambda m: m.addmm(m.ones(2, 2), m.ones(2, 3), m.ones(2, 2)),
    lambda m: m.tensordot(m.ones(2, 3), m.ones(2, 3), dims=([1], [1, 0])),
])
def test_error_messages_match_torch(call):
    import torch
    with pytest.raises(RuntimeError) as te:
        call(torch)
    with pytest.raises(RuntimeError) as we:
        call(wick)
    assert str(we.value) == str(te.value)


@needs_torch
def test_decomposition_failures_raise_linalg_error():
    import torch
    assert issubclass(wick.linalg.LinAlgError, RuntimeError)
    assert repr(wick.linalg.LinAlgError) == "<class 'wick.linalg.LinAlgError'>"
    cases = [lambda m: m.linalg.cholesky(m.zeros(2, 2) - m.eye(2)),
             lambda m: m.linalg.solve(m.zeros(2, 2), m.ones(2)),
             lambda m: m.linalg.inv(m.zeros(3, 3)),
             lambda m: m.inverse(m.zeros(2, 2, 2))]
    for call in cases:
        with pytest.raises(torch.linalg.LinAlgError) as te:
            call(torch)
        with pytest.raises(wick.linalg.LinAlgError) as we:
            call(wick)
        assert str(we.value) == str(te.value).replace("torch.", "wick.") or \
            str(we.value) == str(te.value)


def test_argument_type_errors():
    with pytest.raises(TypeError):
        wick.einsum("i", [1, 2])
    with pytest.raises(TypeError):
        wick.tensordot(wick.ones(2), wick.ones(2), dims="a")
    with pytest.raises(TypeError):
        wick.linalg.qr(wick.ones(2, 2), out=wick.ones(1))
    with pytest.raises(TypeError):
        wick.mm(wick.ones(2, 2), 3)


def test_named_tuples_unpack():
    r = wick.linalg.svd(wick.eye(2))
    U, S, Vh = r
    assert S.tolist() == [1.0, 1.0] and Vh is r.Vh and U is r[0]
    assert type(r) is wick.return_types.linalg_svd
    q = wick.linalg.qr(wick.eye(2))
    assert isinstance(q, tuple) and len(q) == 2 and q[1] is q.R

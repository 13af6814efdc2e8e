"""nn.utils.weight_norm / spectral_norm (hook-based), nn.utils.parametrize and
nn.utils.parametrizations against PyTorch: state-dict keys, values, gradients,
grad_fn names, power iterations with the same seed, eval mode, removal."""
import copy

import numpy as np
import pytest

import wick
from conftest import needs_torch

pytestmark = needs_torch


def _np(t):
    return t.detach().numpy()


def _to_wick(t):
    return wick.tensor(_np(t).copy(), dtype=getattr(wick, str(t.dtype).split(".")[1]))


def _pair(make):
    """The same module in both libraries, with torch's parameters copied into wick's."""
    import torch
    torch.manual_seed(0)
    tm = make(torch)
    wm = make(wick)
    with wick.no_grad():
        for (wn, wp), (tn, tp) in zip(wm.named_parameters(), tm.named_parameters()):
            assert wn == tn
            wp.copy_(_to_wick(tp))
    return wm, tm


def _close(w, t, rtol=1e-5, atol=1e-6):
    np.testing.assert_allclose(_np(w), _np(t), rtol=rtol, atol=atol)


# ---- torch._weight_norm and friends -------------------------------------------------

@pytest.mark.parametrize("dim", [0, 1, 2, -1, -2])
def test_norm_except_dim(dim):
    import torch
    v = torch.randn(4, 3, 5, dtype=torch.float64)
    _close(wick.norm_except_dim(_to_wick(v), 2, dim), torch.norm_except_dim(v, 2, dim))
    _close(wick.norm_except_dim(_to_wick(v), 3, dim), torch.norm_except_dim(v, 3, dim))
    assert tuple(wick.norm_except_dim(_to_wick(v), 2, dim).shape) == \
        tuple(torch.norm_except_dim(v, 2, dim).shape)


@pytest.mark.parametrize("dim", [0, 1, 2, -1])
def test_weight_norm_op_values_grads_names(dim):
    import torch
    v = torch.randn(4, 3, 5, dtype=torch.float64, requires_grad=True)
    g = (torch.norm_except_dim(v, 2, dim).detach() * 1.5).requires_grad_()
    t = torch._weight_norm(v, g, dim)
    wv, wg = _to_wick(v).requires_grad_(), _to_wick(g).requires_grad_()
    w = wick._weight_norm(wv, wg, dim)
    _close(w, t)
    assert w.grad_fn.name() == t.grad_fn.name()
    go = torch.randn(4, 3, 5, dtype=torch.float64)
    t.backward(go)
    w.backward(_to_wick(go))
    _close(wv.grad, v.grad)
    _close(wg.grad, g.grad)


def test_weight_norm_interface():
    import torch
    v = torch.randn(4, 3, dtype=torch.float32)
    g = torch.rand(4, 1) + 0.5
    tw, tn = torch._weight_norm_interface(v, g, 0)
    ww, wn = wick._weight_norm_interface(_to_wick(v), _to_wick(g), 0)
    _close(ww, tw)
    _close(wn, tn)
    assert wn.dtype == wick.float32
    with pytest.raises(RuntimeError, match="weight_norm_kernel"):
        wick._weight_norm(wick.ones(3, 2, dtype=wick.int64), wick.ones(3, 1, dtype=wick.int64), 0)


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_weight_norm_gradcheck(dim):
    v = wick.randn(3, 4, dtype=wick.float64, requires_grad=True)
    g = (wick.norm_except_dim(v.detach(), 2, dim) + 0.3).requires_grad_()
    f = lambda v, g: wick._weight_norm(v, g, dim)  # noqa: E731
    assert wick.autograd.gradcheck(f, (v, g))
    # Second derivatives include the norms' dependence on v (PyTorch's fused op drops it).
    assert wick.autograd.gradgradcheck(f, (v, g))


# ---- nn.utils.weight_norm (hooks) ---------------------------------------------------

@pytest.mark.parametrize("dim", [0, 1, None])
def test_weight_norm_linear(dim):
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(3, 4))
    tm = torch.nn.utils.weight_norm(tm, dim=dim)
    wm = wick.nn.utils.weight_norm(wm, dim=dim)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    assert [n for n, _ in wm.named_parameters()] == [n for n, _ in tm.named_parameters()]
    _close(wm.weight_g, tm.weight_g)
    _close(wm.weight_v, tm.weight_v)
    assert tuple(wm.weight_g.shape) == tuple(tm.weight_g.shape)
    x = torch.randn(2, 3)
    with torch.no_grad():
        tm.weight_g.mul_(1.7)
    with wick.no_grad():
        wm.weight_g.mul_(1.7)
    ty = tm(x)
    wy = wm(_to_wick(x))
    _close(wy, ty)
    assert wm.weight.grad_fn.name() == tm.weight.grad_fn.name()
    ty.pow(2).sum().backward()
    wy.pow(2).sum().backward()
    _close(wm.weight_g.grad, tm.weight_g.grad)
    _close(wm.weight_v.grad, tm.weight_v.grad)
    _close(wm.bias.grad, tm.bias.grad)


def test_weight_norm_conv_and_remove():
    import torch
    wm, tm = _pair(lambda m: m.nn.Conv2d(2, 3, 3))
    torch.nn.utils.weight_norm(tm, name="weight", dim=1)
    wick.nn.utils.weight_norm(wm, name="weight", dim=1)
    x = torch.randn(1, 2, 5, 5)
    _close(wm(_to_wick(x)), tm(x))
    with pytest.raises(RuntimeError, match="Cannot register two weight_norm hooks on the same "
                       "parameter weight"):
        wick.nn.utils.weight_norm(wm)
    torch.nn.utils.remove_weight_norm(tm)
    wick.nn.utils.remove_weight_norm(wm)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    assert isinstance(wm.weight, wick.nn.Parameter)
    _close(wm.weight, tm.weight)
    assert len(wm._forward_pre_hooks) == 0
    with pytest.raises(ValueError) as e:
        wick.nn.utils.remove_weight_norm(wm)
    with pytest.raises(ValueError) as et:
        torch.nn.utils.remove_weight_norm(tm)
    assert str(e.value).split(" not found")[0] == str(et.value).split(" not found")[0]


def test_weight_norm_state_dict_roundtrip():
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(3, 4))
    torch.nn.utils.weight_norm(tm)
    wick.nn.utils.weight_norm(wm)
    sd = {k: _to_wick(v) for k, v in tm.state_dict().items()}
    wm2 = wick.nn.utils.weight_norm(wick.nn.Linear(3, 4))
    wm2.load_state_dict(sd)
    x = torch.randn(2, 3)
    _close(wm2(_to_wick(x)), tm(x))


# ---- nn.utils.spectral_norm (hooks) -------------------------------------------------

@pytest.mark.parametrize("n_iter", [1, 3])
def test_spectral_norm_linear_same_seed(n_iter):
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(5, 4))
    torch.manual_seed(7)
    torch.nn.utils.spectral_norm(tm, n_power_iterations=n_iter)
    wick.manual_seed(7)
    wick.nn.utils.spectral_norm(wm, n_power_iterations=n_iter)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    assert [n for n, _ in wm.named_buffers()] == [n for n, _ in tm.named_buffers()]
    assert [n for n, _ in wm.named_parameters()] == [n for n, _ in tm.named_parameters()]
    _close(wm.weight_u, tm.weight_u)
    _close(wm.weight_v, tm.weight_v)
    x = torch.randn(3, 5)
    for _ in range(3):
        ty = tm(x)
        wy = wm(_to_wick(x))
        _close(wy, ty, rtol=1e-4, atol=1e-5)
        _close(wm.weight_u, tm.weight_u, rtol=1e-4, atol=1e-5)
        _close(wm.weight_v, tm.weight_v, rtol=1e-4, atol=1e-5)
    assert wm.weight.grad_fn.name() == tm.weight.grad_fn.name()
    ty.sum().backward()
    wy.sum().backward()
    _close(wm.weight_orig.grad, tm.weight_orig.grad, rtol=1e-4, atol=1e-5)
    # eval mode: no power iteration, u and v stay
    tm.eval()
    wm.eval()
    u = wm.weight_u.clone()
    _close(wm(_to_wick(x)), tm(x), rtol=1e-4, atol=1e-5)
    _close(wm.weight_u, u)


def test_spectral_norm_conv_transpose_dim_and_remove():
    import torch
    wm, tm = _pair(lambda m: m.nn.ConvTranspose2d(3, 2, 3))
    torch.manual_seed(1)
    torch.nn.utils.spectral_norm(tm)
    wick.manual_seed(1)
    wick.nn.utils.spectral_norm(wm)
    assert tuple(wm.weight_u.shape) == tuple(tm.weight_u.shape) == (2,)
    x = torch.randn(1, 3, 4, 4)
    _close(wm(_to_wick(x)), tm(x), rtol=1e-4, atol=1e-5)
    with pytest.raises(RuntimeError, match="Cannot register two spectral_norm hooks"):
        wick.nn.utils.spectral_norm(wm)
    torch.nn.utils.remove_spectral_norm(tm)
    wick.nn.utils.remove_spectral_norm(wm)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    _close(wm.weight, tm.weight, rtol=1e-4, atol=1e-5)
    assert not wm._state_dict_hooks and not wm._load_state_dict_pre_hooks
    with pytest.raises(ValueError, match="spectral_norm of 'weight' not found in"):
        wick.nn.utils.remove_spectral_norm(wm)


def test_spectral_norm_errors_and_metadata():
    with pytest.raises(ValueError, match="Expected n_power_iterations to be positive, but got "
                       "n_power_iterations=0"):
        wick.nn.utils.spectral_norm(wick.nn.Linear(2, 2), n_power_iterations=0)
    m = wick.nn.utils.spectral_norm(wick.nn.Linear(3, 2))
    sd = m.state_dict()
    assert sd._metadata[""]["spectral_norm"] == {"weight.version": 1}
    m2 = wick.nn.utils.spectral_norm(wick.nn.Linear(3, 2))
    m2.load_state_dict(sd)
    _close(m2.weight_u, m.weight_u)


def test_spectral_norm_loads_version0_state_dict():
    # A version-0 state dict has `weight` (the normalised one) and no weight_v:
    # the load pre-hook solves for v (a square weight: W^T W is invertible).
    import torch
    torch.manual_seed(3)
    tm = torch.nn.utils.spectral_norm(torch.nn.Linear(4, 4))
    tm(torch.randn(1, 4))
    sd = tm.state_dict()
    sd0 = {k: v for k, v in sd.items() if k != "weight_v"}
    sd0["weight"] = tm.weight.detach()
    tm2 = torch.nn.utils.spectral_norm(torch.nn.Linear(4, 4))
    tm2.load_state_dict(sd0)
    wm2 = wick.nn.utils.spectral_norm(wick.nn.Linear(4, 4))
    wm2.load_state_dict({k: _to_wick(v) for k, v in sd0.items()})
    _close(wm2.weight_v, tm2.weight_v, rtol=1e-3, atol=1e-4)
    tm2.eval()
    wm2.eval()
    x = torch.randn(2, 4)
    _close(wm2(_to_wick(x)), tm2(x), rtol=1e-3, atol=1e-4)


# ---- parametrize --------------------------------------------------------------------

class _Symmetric:
    @staticmethod
    def make(m):
        class Symmetric(m.nn.Module):
            def forward(self, X):
                return X.triu() + X.triu(1).transpose(-1, -2)

            def right_inverse(self, A):
                return A.triu()
        return Symmetric()


def test_register_parametrization_like_torch():
    import torch
    P = torch.nn.utils.parametrize
    WP = wick.nn.utils.parametrize
    wm, tm = _pair(lambda m: m.nn.Linear(3, 3))
    P.register_parametrization(tm, "weight", _Symmetric.make(torch))
    WP.register_parametrization(wm, "weight", _Symmetric.make(wick))
    assert type(wm).__name__ == type(tm).__name__ == "ParametrizedLinear"
    assert repr(wm).replace("wick", "torch") == repr(tm)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    assert WP.is_parametrized(wm) and WP.is_parametrized(wm, "weight")
    assert not WP.is_parametrized(wm, "bias")
    assert WP.type_before_parametrizations(wm) is wick.nn.Linear
    _close(wm.weight, tm.weight)
    _close(wm.parametrizations.weight.original, tm.parametrizations.weight.original)
    x = torch.randn(2, 3)
    ty, wy = tm(x), wm(_to_wick(x))
    _close(wy, ty)
    ty.sum().backward()
    wy.sum().backward()
    _close(wm.parametrizations.weight.original.grad, tm.parametrizations.weight.original.grad)
    # assignment goes through right_inverse
    A = torch.randn(3, 3)
    with torch.no_grad():
        tm.weight = A
    with wick.no_grad():
        wm.weight = _to_wick(A)
    _close(wm.parametrizations.weight.original, tm.parametrizations.weight.original)
    # removal, leaving the parametrized value
    P.remove_parametrizations(tm, "weight")
    WP.remove_parametrizations(wm, "weight")
    assert type(wm) is wick.nn.Linear
    assert not hasattr(wm, "parametrizations")
    assert isinstance(wm.weight, wick.nn.Parameter)
    _close(wm.weight, tm.weight)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())


def test_parametrize_errors_and_cached():
    WP = wick.nn.utils.parametrize
    m = wick.nn.Linear(3, 3)
    with pytest.raises(ValueError, match="does not have a parameter, a buffer, or a parametrized "
                       "element with name 'foo'"):
        WP.register_parametrization(m, "foo", _Symmetric.make(wick))

    class Bad(wick.nn.Module):
        def forward(self, X):
            return X[0]
    with pytest.raises(ValueError, match="may not change the shape"):
        WP.register_parametrization(m, "weight", Bad())
    with pytest.raises(ValueError, match="does not have a parametrization on weight"):
        WP.remove_parametrizations(m, "weight")

    calls = []

    class Counting(wick.nn.Module):
        def forward(self, X):
            calls.append(1)
            return X * 2
    WP.register_parametrization(m, "weight", Counting())
    calls.clear()
    with WP.cached():
        a = m.weight
        b = m.weight
    assert a is b and len(calls) == 1
    m.weight
    m.weight
    assert len(calls) == 3
    # chaining a second parametrization
    WP.register_parametrization(m, "weight", Counting())
    assert len(m.parametrizations.weight) == 2
    _close(m.weight, m.parametrizations.weight.original * 4)
    WP.remove_parametrizations(m, "weight", leave_parametrized=False)
    assert type(m) is wick.nn.Linear
    with pytest.raises(RuntimeError, match="Serialization of parametrized modules is only "
                       "supported through state_dict"):
        m2 = WP.register_parametrization(wick.nn.Linear(2, 2), "weight", Counting())
        m2.__getstate__()
    m3 = copy.deepcopy(WP.register_parametrization(wick.nn.Linear(2, 2), "weight", Counting()))
    assert type(m3).__name__ == "ParametrizedLinear"


def test_parametrizations_spectral_norm_same_seed():
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(5, 4))
    torch.manual_seed(5)
    torch.nn.utils.parametrizations.spectral_norm(tm)
    wick.manual_seed(5)
    wick.nn.utils.parametrizations.spectral_norm(wm)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    _close(wm.parametrizations.weight[0]._u, tm.parametrizations.weight[0]._u, rtol=1e-4,
           atol=1e-5)
    x = torch.randn(3, 5)
    for _ in range(2):
        ty, wy = tm(x), wm(_to_wick(x))
        _close(wy, ty, rtol=1e-4, atol=1e-5)
    ty.sum().backward()
    wy.sum().backward()
    _close(wm.parametrizations.weight.original.grad, tm.parametrizations.weight.original.grad,
           rtol=1e-4, atol=1e-5)
    tm.eval()
    wm.eval()
    _close(wm(_to_wick(x)), tm(x), rtol=1e-4, atol=1e-5)
    with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of "
                       r"\[-2, 1\] but got 2\)"):
        wick.nn.utils.parametrizations.spectral_norm(wick.nn.Linear(2, 2), dim=2)


def test_parametrizations_weight_norm():
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(3, 4))
    wick.nn.utils.parametrizations.weight_norm(wm)
    assert list(wm.state_dict().keys()) == [
        "bias", "parametrizations.weight.original0", "parametrizations.weight.original1"]
    assert type(wm).__name__ == "ParametrizedLinear"
    _close(wm.weight, tm.weight)
    # the same numbers as the hook-based weight_norm
    torch.nn.utils.weight_norm(tm)
    _close(wm.parametrizations.weight.original0, tm.weight_g)
    _close(wm.parametrizations.weight.original1, tm.weight_v)
    x = torch.randn(2, 3)
    ty, wy = tm(x), wm(_to_wick(x))
    _close(wy, ty)
    ty.pow(2).sum().backward()
    wy.pow(2).sum().backward()
    _close(wm.parametrizations.weight.original0.grad, tm.weight_g.grad)
    _close(wm.parametrizations.weight.original1.grad, tm.weight_v.grad)
    # old-style (weight_g / weight_v) state dicts load
    wm2 = wick.nn.utils.parametrizations.weight_norm(wick.nn.Linear(3, 4))
    wm2.load_state_dict({k: _to_wick(v) for k, v in tm.state_dict().items()})
    _close(wm2(_to_wick(x)), ty)
    wick.nn.utils.parametrize.remove_parametrizations(wm2, "weight")
    assert list(wm2.state_dict().keys()) == ["bias", "weight"]
    _close(wm2.weight, tm.weight)


# ---- parametrizations.orthogonal ----------------------------------------------------

@pytest.mark.parametrize("shape", [(3, 3), (5, 3), (3, 5)])
@pytest.mark.parametrize("omap", [None, "matrix_exp", "cayley", "householder"])
def test_parametrizations_orthogonal(shape, omap):
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(shape[1], shape[0]))
    torch.manual_seed(9)
    torch.nn.utils.parametrizations.orthogonal(tm, orthogonal_map=omap)
    wick.manual_seed(9)
    wick.nn.utils.parametrizations.orthogonal(wm, orthogonal_map=omap)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys())
    assert wm.parametrizations.weight[0].orthogonal_map.name == \
        tm.parametrizations.weight[0].orthogonal_map.name
    _close(wm.parametrizations.weight.original, tm.parametrizations.weight.original)
    _close(wm.weight, tm.weight, rtol=1e-4, atol=1e-5)
    # move off the base point: the maps themselves
    delta = torch.linspace(-0.3, 0.4, shape[0] * shape[1]).reshape(shape)
    delta.diagonal().zero_()  # householder reads the signs off the diagonal
    with torch.no_grad():
        tm.parametrizations.weight.original.add_(delta)
    with wick.no_grad():
        wm.parametrizations.weight.original.add_(_to_wick(delta))
    tw, ww = tm.weight, wm.weight
    _close(ww, tw, rtol=1e-4, atol=1e-5)
    I = np.eye(min(shape))
    wq = _np(ww)
    np.testing.assert_allclose(wq @ wq.T if shape[0] < shape[1] else wq.T @ wq, I, atol=1e-5)
    x = torch.randn(2, shape[1])
    tm(x).pow(2).sum().backward()
    wm(_to_wick(x)).pow(2).sum().backward()
    _close(wm.parametrizations.weight.original.grad, tm.parametrizations.weight.original.grad,
           rtol=1e-3, atol=1e-4)


def test_parametrizations_orthogonal_errors():
    P = wick.nn.utils.parametrizations
    with pytest.raises(ValueError, match="Expected a matrix or batch of matrices. Got a tensor "
                       "of 1 dimensions."):
        P.orthogonal(wick.nn.Linear(2, 2), "bias")
    with pytest.raises(ValueError, match='orthogonal_map has to be one of "matrix_exp", '
                       '"cayley", "householder". Got: foo'):
        P.orthogonal(wick.nn.Linear(2, 2), orthogonal_map="foo")
    m = P.orthogonal(wick.nn.Linear(3, 3), use_trivialization=False)
    with pytest.raises(NotImplementedError, match="It is not possible to assign to the matrix "
                       "exponential"):
        m.weight = wick.eye(3)
    q = m.weight
    np.testing.assert_allclose(_np(q.T @ q), np.eye(3), atol=1e-5)


# ---- fusion -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["conv", "conv_transpose", "linear", "conv_nobias"])
def test_fuse_bn_eval(kind):
    import torch
    make = {
        "conv": lambda m: m.nn.Sequential(m.nn.Conv2d(2, 3, 3), m.nn.BatchNorm2d(3)),
        "conv_nobias": lambda m: m.nn.Sequential(m.nn.Conv2d(2, 3, 3, bias=False),
                                                 m.nn.BatchNorm2d(3)),
        "conv_transpose": lambda m: m.nn.Sequential(m.nn.ConvTranspose2d(2, 3, 3),
                                                    m.nn.BatchNorm2d(3)),
        "linear": lambda m: m.nn.Sequential(m.nn.Linear(4, 3), m.nn.BatchNorm1d(3)),
    }[kind]
    wm, tm = _pair(make)
    for m, mod in ((torch, tm), (wick, wm)):
        with m.no_grad():
            mod[1].running_mean.copy_(m.tensor([0.1, -0.2, 0.3]))
            mod[1].running_var.copy_(m.tensor([1.5, 0.5, 2.0]))
        mod.eval()
    x = torch.randn(2, 2, 5, 5) if kind != "linear" else torch.randn(2, 4)
    fuse = {"linear": lambda U, mod: U.fusion.fuse_linear_bn_eval(mod[0], mod[1])}.get(
        kind, lambda U, mod: U.fuse_conv_bn_eval(mod[0], mod[1],
                                                 transpose=kind == "conv_transpose"))
    tf = fuse(torch.nn.utils, tm)
    wf = fuse(wick.nn.utils, wm)
    assert isinstance(wf.weight, wick.nn.Parameter) and isinstance(wf.bias, wick.nn.Parameter)
    _close(wf.weight, tf.weight)
    _close(wf.bias, tf.bias)
    _close(wf(_to_wick(x)), tf(x), rtol=1e-4, atol=1e-5)
    _close(wf(_to_wick(x)), wm(_to_wick(x)), rtol=1e-4, atol=1e-5)
    wm[0].train()
    with pytest.raises(AssertionError, match="Fusion only for eval!"):
        fuse(wick.nn.utils, wm)


@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
def test_parametrizations_orthogonal_householder_no_trivialization(shape):
    import torch
    wm, tm = _pair(lambda m: m.nn.Linear(shape[1], shape[0]))
    torch.nn.utils.parametrizations.orthogonal(tm, orthogonal_map="householder",
                                                use_trivialization=False)
    wick.nn.utils.parametrizations.orthogonal(wm, orthogonal_map="householder",
                                               use_trivialization=False)
    assert list(wm.state_dict().keys()) == list(tm.state_dict().keys()) == \
        ["bias", "parametrizations.weight.original"]
    _close(wm.parametrizations.weight.original, tm.parametrizations.weight.original,
           rtol=1e-4, atol=1e-5)
    _close(wm.weight, tm.weight, rtol=1e-4, atol=1e-5)
    Q = torch.linalg.qr(torch.randn(max(shape), min(shape)))[0]
    Q = Q.T if shape[0] < shape[1] else Q
    with torch.no_grad():
        tm.weight = Q
    with wick.no_grad():
        wm.weight = _to_wick(Q)
    _close(wm.weight, tm.weight, rtol=1e-4, atol=1e-5)
    _close(wm.weight, Q, rtol=1e-4, atol=1e-5)

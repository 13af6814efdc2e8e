"""wick.nn.utils.parametrizations: orthogonal, weight_norm and spectral_norm
written as parametrizations (wick.nn.utils.parametrize), with PyTorch's
state-dict keys: parametrizations.weight.original (+ .0.base for orthogonal),
parametrizations.weight.original0 / original1 (weight_norm's g and v) and
parametrizations.weight.0._u / ._v (spectral_norm)."""
import math
from enum import Enum, auto

import wick
import wick.nn.functional as F
from wick.nn.modules.module import Module
from wick.nn.utils import parametrize

__all__ = ["orthogonal", "weight_norm", "spectral_norm"]


# ---- orthogonal ---------------------------------------------------------------------

def _matrix_exp(A):
    """exp of a (batch of) square matrices: Taylor series of degree 18 on A / 2^s
    (||A / 2^s||_1 <= 1/2), squared s times. Built from wick ops, so differentiable."""
    n = A.size(-1)
    with wick.no_grad():
        norm = A.abs().sum(-2).max().item() if A.numel() else 0.0
    s = max(0, int(math.ceil(math.log2(norm))) + 1) if norm > 0 else 0
    X = A / (2.0 ** s)
    Id = wick.eye(n, dtype=A.dtype).expand(A.shape)
    E = Id
    for k in range(18, 0, -1):  # Horner: I + X/1 (I + X/2 (I + ... ))
        E = Id + (X @ E) / k
    for _ in range(s):
        E = E @ E
    return E


def _householder_product(A, tau):
    """The first n columns of H_1 ... H_k, H_i = I - tau_i v_i v_i^T, v_i the i-th
    column of A below the diagonal with a 1 on it (LAPACK's orgqr)."""
    m, n = A.size(-2), A.size(-1)
    k = tau.size(-1)
    Q = wick.eye(m, n, dtype=A.dtype).expand(*A.shape[:-2], m, n)
    rows = wick.arange(m)
    for i in range(k - 1, -1, -1):
        below = (rows > i).to(A.dtype)
        on = (rows == i).to(A.dtype)
        v = A[..., :, i] * below + on                      # (..., m)
        vQ = (v.unsqueeze(-1) * Q).sum(-2, keepdim=True)   # v^T Q: (..., 1, n)
        Q = Q - tau[..., i].unsqueeze(-1).unsqueeze(-1) * v.unsqueeze(-1) * vQ
    return Q


def _geqrf(A):
    """LAPACK's geqrf of a (batch of) m x n matrices: R on and above the diagonal,
    the Householder vectors (leading 1 implied) below it, and their taus."""
    m, n = A.size(-2), A.size(-1)
    k = min(m, n)
    batch = A.shape[:-2]
    R = A.reshape(-1, m, n).clone()
    tau = wick.zeros(R.size(0), k, dtype=A.dtype)
    for b in range(R.size(0)):
        M = R[b]
        for j in range(k):
            alpha = M[j, j].item()
            xnorm = wick.linalg.vector_norm(M[j + 1:, j]).item() if j + 1 < m else 0.0
            if xnorm == 0.0:
                continue  # H = I (tau 0), as dlarfg
            beta = -math.copysign(math.hypot(alpha, xnorm), alpha)
            t = (beta - alpha) / beta
            M[j + 1:, j] /= (alpha - beta)
            M[j, j] = beta
            tau[b, j] = t
            if j + 1 < n:
                v = wick.cat([wick.ones(1, dtype=A.dtype), M[j + 1:, j]])
                C = M[j:, j + 1:]
                C -= t * v.unsqueeze(1) * (v.unsqueeze(1) * C).sum(0, keepdim=True)
    return R.reshape(*batch, m, n), tau.reshape(*batch, k)


def _eps(dtype):
    return {wick.float64: 2.220446049250313e-16, wick.float32: 1.1920928955078125e-07,
            wick.float16: 0.0009765625, wick.bfloat16: 0.0078125}[dtype]


def _is_orthogonal(Q, eps=None):
    n, k = Q.size(-2), Q.size(-1)
    Id = wick.eye(k, dtype=Q.dtype)
    eps = 10. * n * _eps(Q.dtype)
    return wick.allclose(Q.mH @ Q, Id, atol=eps)


def _make_orthogonal(A):
    """The Q of A = QR (A tall) with diag(R) >= 0."""
    Q, R = wick.linalg.qr(A)
    return Q * R.diagonal(dim1=-2, dim2=-1).sgn().unsqueeze(-2)


class _OrthMaps(Enum):
    matrix_exp = auto()
    cayley = auto()
    householder = auto()


class _Orthogonal(Module):
    def __init__(self, weight, orthogonal_map, *, use_trivialization=True):
        super().__init__()
        self.shape = weight.shape
        self.orthogonal_map = orthogonal_map
        if use_trivialization:
            self.register_buffer("base", None)

    def forward(self, X):
        n, k = X.size(-2), X.size(-1)
        transposed = n < k
        if transposed:
            X = X.mT
            n, k = k, n
        if self.orthogonal_map in (_OrthMaps.matrix_exp, _OrthMaps.cayley):
            # n x k - k(k-1)/2 parameters: the lower triangle, embedded in a square
            X = X.tril()
            if n != k:
                X = wick.cat([X, X.new_zeros(n, n - k).expand(*X.shape[:-2], -1, -1)], dim=-1)
            A = X - X.mH  # skew-symmetric
            if self.orthogonal_map == _OrthMaps.matrix_exp:
                Q = _matrix_exp(A)
            else:  # the Cayley retraction (I + A/2)(I - A/2)^{-1}
                Id = wick.eye(n, dtype=A.dtype)
                Q = wick.linalg.solve(wick.add(Id, A, alpha=-0.5), wick.add(Id, A, alpha=0.5))
            if n != k:
                Q = Q[..., :k]
        else:
            A = X.tril(diagonal=-1)
            tau = 2. / (1. + (A * A).sum(dim=-2))
            Q = _householder_product(A, tau)
            # the diagonal of X holds the signs (+-1), not differentiated
            Q = Q * X.diagonal(dim1=-2, dim2=-1).int().unsqueeze(-2)
        if hasattr(self, "base"):
            Q = self.base @ Q
        if transposed:
            Q = Q.mT
        return Q

    def right_inverse(self, Q):
        with wick.no_grad():
            if Q.shape != self.shape:
                raise ValueError(f"Expected a matrix or batch of matrices of shape {self.shape}. "
                                 f"Got a tensor of shape {Q.shape}.")
            Q_init = Q
            n, k = Q.size(-2), Q.size(-1)
            transpose = n < k
            if transpose:
                Q = Q.mT
                n, k = k, n
            if not hasattr(self, "base"):
                if self.orthogonal_map in (_OrthMaps.cayley, _OrthMaps.matrix_exp):
                    raise NotImplementedError(
                        "It is not possible to assign to the matrix exponential or the Cayley "
                        "parametrizations when use_trivialization=False.")
                # Householder: the reflectors of Q's QR; the diagonal keeps only the
                # signs of R's (flipped where LAPACK used no reflection), so that
                # forward(A) gives Q back.
                A, tau = _geqrf(Q)
                d = A.diagonal(dim1=-2, dim2=-1)
                d.copy_(d.sign() * wick.where(tau == 0., -1., 1.).to(d.dtype))
                return A.mT if transpose else A
            if n == k:
                Q = _make_orthogonal(Q) if not _is_orthogonal(Q) else Q.clone()
            else:
                # complete Q to an n x n orthogonal matrix
                N = wick.randn(*(Q.size()[:-2] + (n, n - k)), dtype=Q.dtype)
                Q = _make_orthogonal(wick.cat([Q, N], dim=-1))
            self.base = Q
            # -Id: householder(zeros) is then eye, and the maps give base itself
            neg_Id = wick.zeros_like(Q_init)
            neg_Id.diagonal(dim1=-2, dim2=-1).fill_(-1.)
            return neg_Id


def orthogonal(module, name="weight", orthogonal_map=None, *, use_trivialization=True):
    weight = getattr(module, name, None)
    if not isinstance(weight, wick.Tensor):
        raise ValueError("Module '{}' has no parameter or buffer with name '{}'".format(
            module, name))
    if weight.ndim < 2:
        raise ValueError("Expected a matrix or batch of matrices. "
                         f"Got a tensor of {weight.ndim} dimensions.")
    if orthogonal_map is None:
        orthogonal_map = ("matrix_exp" if weight.size(-2) == weight.size(-1)
                          else "householder")
    orth_enum = getattr(_OrthMaps, orthogonal_map, None)
    if orth_enum is None:
        raise ValueError('orthogonal_map has to be one of "matrix_exp", "cayley", "householder". '
                         f'Got: {orthogonal_map}')
    orth = _Orthogonal(weight, orth_enum, use_trivialization=use_trivialization)
    parametrize.register_parametrization(module, name, orth, unsafe=True)
    return module


class _WeightNorm(Module):
    def __init__(self, dim=0):
        super().__init__()
        if dim is None:
            dim = -1
        self.dim = dim

    def forward(self, weight_g, weight_v):
        return wick._C._weight_norm(weight_v, weight_g, self.dim)

    def right_inverse(self, weight):
        weight_g = wick.norm_except_dim(weight, 2, self.dim)
        weight_v = weight
        return weight_g, weight_v


def weight_norm(module, name="weight", dim=0):
    _weight_norm = _WeightNorm(dim)
    parametrize.register_parametrization(module, name, _weight_norm, unsafe=True)

    def _weight_norm_compat_hook(state_dict, prefix, local_metadata, strict, missing_keys,
                                 unexpected_keys, error_msgs):
        # State dicts of the hook-based nn.utils.weight_norm load too.
        g_key = f"{prefix}{name}_g"
        v_key = f"{prefix}{name}_v"
        if g_key in state_dict and v_key in state_dict:
            original0 = state_dict.pop(g_key)
            original1 = state_dict.pop(v_key)
            state_dict[f"{prefix}parametrizations.{name}.original0"] = original0
            state_dict[f"{prefix}parametrizations.{name}.original1"] = original1

    module._register_load_state_dict_pre_hook(_weight_norm_compat_hook)
    return module


class _SpectralNorm(Module):
    def __init__(self, weight, n_power_iterations=1, dim=0, eps=1e-12):
        super().__init__()
        ndim = weight.ndim
        if dim >= ndim or dim < -ndim:
            raise IndexError("Dimension out of range (expected to be in range of "
                             f"[-{ndim}, {ndim - 1}] but got {dim})")
        if n_power_iterations <= 0:
            raise ValueError("Expected n_power_iterations to be positive, but "
                             "got n_power_iterations={}".format(n_power_iterations))
        self.dim = dim if dim >= 0 else dim + ndim
        self.eps = eps
        if ndim > 1:
            self.n_power_iterations = n_power_iterations
            weight_mat = self._reshape_weight_to_matrix(weight)
            h, w = weight_mat.size()
            u = weight_mat.new_empty(h).normal_(0, 1)
            v = weight_mat.new_empty(w).normal_(0, 1)
            self.register_buffer("_u", F.normalize(u, dim=0, eps=self.eps))
            self.register_buffer("_v", F.normalize(v, dim=0, eps=self.eps))
            # A good start: 15 iterations at registration.
            self._power_method(weight_mat, 15)

    def _reshape_weight_to_matrix(self, weight):
        assert weight.ndim > 1
        if self.dim != 0:
            weight = weight.permute(self.dim, *(d for d in range(weight.dim()) if d != self.dim))
        return weight.flatten(1)

    def _power_method(self, weight_mat, n_power_iterations):
        with wick.no_grad():
            for _ in range(n_power_iterations):
                self._u = F.normalize(wick.mv(weight_mat, self._v), dim=0, eps=self.eps,
                                      out=self._u)
                self._v = F.normalize(wick.mv(weight_mat.H, self._u), dim=0, eps=self.eps,
                                      out=self._v)

    def forward(self, weight):
        if weight.ndim == 1:
            return F.normalize(weight, dim=0, eps=self.eps)
        weight_mat = self._reshape_weight_to_matrix(weight)
        if self.training:
            self._power_method(weight_mat, self.n_power_iterations)
        u = self._u.clone()
        v = self._v.clone()
        sigma = wick.vdot(u, wick.mv(weight_mat, v))
        return weight / sigma

    def right_inverse(self, value):
        return value


def _is_conv_transpose(module):
    from wick.nn.modules.conv import ConvTranspose1d, ConvTranspose2d, ConvTranspose3d
    return isinstance(module, (ConvTranspose1d, ConvTranspose2d, ConvTranspose3d))


def spectral_norm(module, name="weight", n_power_iterations=1, eps=1e-12, dim=None):
    weight = getattr(module, name, None)
    if not isinstance(weight, wick.Tensor):
        raise ValueError("Module '{}' has no parameter or buffer with name '{}'".format(
            module, name))
    if dim is None:
        dim = 1 if _is_conv_transpose(module) else 0
    parametrize.register_parametrization(
        module, name, _SpectralNorm(weight, n_power_iterations, dim, eps))
    return module

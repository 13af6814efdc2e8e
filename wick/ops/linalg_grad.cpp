// Autograd for the structured ops (einsum, tensordot, kron, cross, trace,
// diag, diag_embed, tril/triu) and torch.linalg (det, slogdet, inv, solve,
// cholesky, qr, svd, eigh, pinv, matrix_power, the norms). Each public op runs
// its kernel (the *_nograd function beside it) and, when an input requires
// grad, records PyTorch's node with a formula written in wick ops, so the
// formulas differentiate again. Composite ops (tensordot, kron, pinv,
// matrix_power, matrix_norm) are written with differentiable ops when
// recording, as PyTorch writes them.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "wick/autograd/formula.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/linalg_internal.h"
#include "wick/ops/shape.h"

namespace wick {

namespace {
using autograd::FormulaNode;
using autograd::variable_list;

Tensor mT(const Tensor& t) { return t.transpose(-2, -1); }

// An identity matrix shaped like the last two dims of `like`.
Tensor eye_like(const Tensor& like) {
  return eye(like.size(-2), like.size(-1), like.options());
}

// zeros(sizes) whose (offset, d1, d2) diagonal is g (recorded, so it is
// differentiable in g).
Tensor diagonal_scatter_zeros(const Tensor& g, IntArrayRef sizes, int64_t offset, int64_t d1,
                              int64_t d2) {
  Tensor out = zeros(sizes, g.options());
  out.diagonal(offset, d1, d2).copy_(g);
  return out;
}

template <typename Compute>
Tensor no_grad_run(Compute&& c) {
  NoGradGuard no_grad;
  return c();
}
}  // namespace

// ---- einsum --------------------------------------------------------------------------
// The gradient of operand i is itself an einsum: of the output's gradient with
// the other operands, into operand i's labels. Labels only operand i has (summed
// right away by the forward) come back by broadcasting; repeated labels (a
// diagonal) by an identity matrix per repeat. Ellipses are spelled out as
// letters the equation does not use.

namespace {
struct EinsumSpec {
  std::vector<std::string> terms;  // per operand, one letter per dim
  std::string out;
};

EinsumSpec spell_out(const std::string& equation, TensorList tensors) {
  std::string eq;
  for (char c : equation)
    if (c != ' ') eq.push_back(c);
  const size_t arrow = eq.find("->");
  const std::string lhs = arrow == std::string::npos ? eq : eq.substr(0, arrow);
  std::vector<std::string> raw;
  size_t start = 0;
  while (true) {
    size_t comma = lhs.find(',', start);
    raw.push_back(lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::vector<bool> used(128, false);
  for (char c : eq)
    if (std::isalpha(static_cast<unsigned char>(c))) used[c] = true;
  std::string free_letters;
  for (char c = 'A'; c <= 'Z'; ++c)
    if (!used[c]) free_letters.push_back(c);
  for (char c = 'a'; c <= 'z'; ++c)
    if (!used[c]) free_letters.push_back(c);
  int64_t max_ell = 0;
  std::vector<int64_t> ell(raw.size(), 0);
  for (size_t i = 0; i < raw.size(); ++i) {
    size_t dots = raw[i].find("...");
    if (dots == std::string::npos) continue;
    ell[i] = tensors[i].dim() - static_cast<int64_t>(raw[i].size() - 3);
    max_ell = std::max(max_ell, ell[i]);
  }
  WICK_CHECK(static_cast<int64_t>(free_letters.size()) >= max_ell,
             "einsum(): too many dims under the ellipsis to differentiate");
  const std::string ell_all = free_letters.substr(0, max_ell);
  auto expand = [&](const std::string& t, int64_t n) {
    size_t dots = t.find("...");
    if (dots == std::string::npos) return t;
    return t.substr(0, dots) + ell_all.substr(max_ell - n) + t.substr(dots + 3);
  };
  EinsumSpec spec;
  for (size_t i = 0; i < raw.size(); ++i) spec.terms.push_back(expand(raw[i], ell[i]));
  if (arrow != std::string::npos) {
    spec.out = expand(eq.substr(arrow + 2), max_ell);
  } else {
    std::vector<int> count(128, 0);
    for (const auto& t : spec.terms)
      for (char c : t) count[c]++;
    spec.out = ell_all;
    for (int c = 'A'; c <= 'z'; ++c)
      if (std::isalpha(c) && count[c] == 1 && ell_all.find(static_cast<char>(c)) == std::string::npos)
        spec.out.push_back(static_cast<char>(c));
  }
  return spec;
}

variable_list einsum_backward(FormulaNode& n, const variable_list& grads) {
  const size_t nops = n.int_at(0);
  // Terms are kept as sizes (letters as ints): sizes(i) for operand i, sizes(nops) for the output.
  std::vector<std::string> t(nops);
  for (size_t i = 0; i < nops; ++i)
    for (auto c : n.sizes(i)) t[i].push_back(static_cast<char>(c));
  std::string out;
  for (auto c : n.sizes(nops)) out.push_back(static_cast<char>(c));
  std::vector<Tensor> ops(nops);
  for (size_t i = 0; i < nops; ++i) ops[i] = n.saved(i);
  std::vector<bool> used(128, false);
  for (auto& s : t)
    for (char c : s) used[c] = true;
  for (char c : out) used[c] = true;
  variable_list result(nops);
  for (size_t i = 0; i < nops; ++i) {
    if (!n.needs(i)) continue;
    // The gradient einsum produces the letters of operand i that the output,
    // another operand or an identity has; the rest broadcast back afterwards.
    std::string target;     // operand i's letters with repeats renamed
    std::vector<Tensor> inputs = {grads[0]};
    std::string lhs = out;
    for (size_t j = 0; j < nops; ++j)
      if (j != i) {
        lhs += "," + t[j];
        inputs.push_back(ops[j]);
      }
    std::vector<bool> seen(128, false);
    DimVector missing_dims;
    char next_free = 'A';
    auto fresh = [&]() {
      while (used[next_free] || !std::isalpha(static_cast<unsigned char>(next_free))) {
        ++next_free;
        WICK_CHECK(next_free <= 'z', "einsum(): too many labels to differentiate");
      }
      used[next_free] = true;
      return next_free;
    };
    for (size_t d = 0; d < t[i].size(); ++d) {
      char c = t[i][d];
      if (!seen[c]) {
        seen[c] = true;
        target.push_back(c);
        continue;
      }
      // A repeat: a new letter tied to c by an identity matrix.
      char r = fresh();
      target.push_back(r);
      lhs += std::string(",") + c + r;
      inputs.push_back(eye(ops[i].size(static_cast<int64_t>(d)), grads[0].options()));
    }
    // Letters only operand i has: leave them out, then broadcast.
    std::string target_avail;
    for (size_t d = 0; d < target.size(); ++d) {
      char c = target[d];
      bool avail = lhs.find(c) != std::string::npos;
      if (avail) target_avail.push_back(c);
      else missing_dims.push_back(static_cast<int64_t>(d));
    }
    Tensor gi = einsum(lhs + "->" + target_avail, inputs);
    if (!missing_dims.empty()) {
      for (auto d : missing_dims) gi = gi.unsqueeze(d);
      gi = gi.expand(ops[i].sizes());
    }
    result[i] = gi;
  }
  return result;
}
}  // namespace

Tensor einsum(const std::string& equation, TensorList tensors) {
  bool req = false;
  for (const auto& t : tensors) req = req || autograd::compute_requires_grad(t);
  if (!req) return einsum_nograd(equation, tensors);
  // A copy: the kernel may return a view of an input ('ij->ij').
  Tensor out = no_grad_run([&] { return einsum_nograd(equation, tensors).clone(); });
  EinsumSpec spec = spell_out(equation, tensors);
  std::vector<Tensor> inputs(tensors.begin(), tensors.end());
  if (FormulaNode* n = autograd::record("EinsumBackward0", einsum_backward, inputs, {out})) {
    for (const auto& t : tensors) n->save(t);
    for (const auto& term : spec.terms) n->keep(DimVector(term.begin(), term.end()));
    n->keep(DimVector(spec.out.begin(), spec.out.end()));
    n->keep_int(static_cast<int64_t>(tensors.size()));
  }
  return out;
}

// ---- tensordot, kron: composites ------------------------------------------------------

Tensor tensordot(const Tensor& a, const Tensor& b, IntArrayRef dims_a, IntArrayRef dims_b) {
  if (!autograd::compute_requires_grad(a, b)) return tensordot_nograd(a, b, dims_a, dims_b);
  no_grad_run([&] { return tensordot_nograd(a, b, dims_a, dims_b); });  // the argument checks
  std::vector<bool> ca(a.dim(), false), cb(b.dim(), false);
  DimVector perm_a, perm_b, out_shape;
  int64_t K = 1;
  for (size_t i = 0; i < dims_a.size(); ++i) {
    ca[maybe_wrap_dim(dims_a[i], a.dim())] = true;
    cb[maybe_wrap_dim(dims_b[i], b.dim())] = true;
    K *= a.size(maybe_wrap_dim(dims_a[i], a.dim()));
  }
  int64_t M = 1, N = 1;
  for (int64_t d = 0; d < a.dim(); ++d)
    if (!ca[d]) {
      perm_a.push_back(d);
      out_shape.push_back(a.size(d));
      M *= a.size(d);
    }
  for (auto d : dims_a) perm_a.push_back(maybe_wrap_dim(d, a.dim()));
  for (auto d : dims_b) perm_b.push_back(maybe_wrap_dim(d, b.dim()));
  for (int64_t d = 0; d < b.dim(); ++d)
    if (!cb[d]) {
      perm_b.push_back(d);
      out_shape.push_back(b.size(d));
      N *= b.size(d);
    }
  return mm(a.permute(perm_a).reshape({M, K}), b.permute(perm_b).reshape({K, N})).reshape(out_shape);
}

Tensor kron(const Tensor& self, const Tensor& other) {
  if (!autograd::compute_requires_grad(self, other)) return kron_nograd(self, other);
  const int64_t nd = std::max(self.dim(), other.dim());
  DimVector sa, sb, out_shape;
  for (int64_t d = 0; d < nd; ++d) {
    int64_t ia = d - (nd - self.dim()), ib = d - (nd - other.dim());
    int64_t as = ia >= 0 ? self.size(ia) : 1, bs = ib >= 0 ? other.size(ib) : 1;
    sa.insert(sa.end(), {as, 1});
    sb.insert(sb.end(), {1, bs});
    out_shape.push_back(as * bs);
  }
  return (self.reshape(sa) * other.reshape(sb)).reshape(out_shape);
}

// ---- cross, trace, diag, diag_embed, tril/triu -------------------------------------------

namespace linalg {
namespace {
variable_list cross_backward(FormulaNode& n, const variable_list& g) {
  const int64_t dim = n.int_at(0);
  return {n.needs(0) ? linalg::cross(n.saved(1), g[0], dim) : Tensor(),
          n.needs(1) ? linalg::cross(g[0], n.saved(0), dim) : Tensor()};
}
}  // namespace

Tensor cross(const Tensor& input, const Tensor& other, int64_t dim) {
  if (!autograd::compute_requires_grad(input, other)) return cross_nograd(input, other, dim);
  Tensor out = no_grad_run([&] { return cross_nograd(input, other, dim); });
  if (FormulaNode* n = autograd::record("LinalgCrossBackward0", cross_backward, {input, other}, {out}))
    n->save(input)->save(other)->keep_int(maybe_wrap_dim(dim, out.dim()));
  return out;
}
}  // namespace linalg

namespace {
variable_list trace_backward(FormulaNode& n, const variable_list& g) {
  IntArrayRef s = n.sizes(0);
  return {eye(s[0], s[1], g[0].options()) * g[0]};
}
// sizes(0): input's; int 0: offset; int 1: input was 1-d.
variable_list diag_backward(FormulaNode& n, const variable_list& g) {
  const int64_t offset = n.int_at(0);
  if (n.int_at(1)) return {g[0].diagonal(offset, 0, 1)};
  return {diagonal_scatter_zeros(g[0], n.sizes(0), offset, 0, 1)};
}
variable_list diag_embed_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].diagonal(n.int_at(0), n.int_at(1), n.int_at(2))};
}
variable_list tril_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].tril(n.int_at(0))};
}
variable_list triu_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].triu(n.int_at(0))};
}
}  // namespace

Tensor trace(const Tensor& self) {
  if (!autograd::compute_requires_grad(self)) return trace_nograd(self);
  Tensor out = no_grad_run([&] { return trace_nograd(self); });
  if (FormulaNode* n = autograd::record("TraceBackward0", trace_backward, {self}, {out}))
    n->keep(self.sizes());
  return out;
}

Tensor diag(const Tensor& self, int64_t diagonal) {
  if (!autograd::compute_requires_grad(self)) return diag_nograd(self, diagonal);
  Tensor out = no_grad_run([&] { return diag_nograd(self, diagonal); });
  if (FormulaNode* n = autograd::record("DiagBackward0", diag_backward, {self}, {out}))
    n->keep(self.sizes())->keep_int(diagonal)->keep_int(self.dim() == 1);
  return out;
}

Tensor diag_embed(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  if (!autograd::compute_requires_grad(self)) return diag_embed_nograd(self, offset, dim1, dim2);
  Tensor out = no_grad_run([&] { return diag_embed_nograd(self, offset, dim1, dim2); });
  if (FormulaNode* n = autograd::record("DiagEmbedBackward0", diag_embed_backward, {self}, {out}))
    n->keep_int(offset)->keep_int(maybe_wrap_dim(dim1, out.dim()))->keep_int(maybe_wrap_dim(dim2, out.dim()));
  return out;
}

Tensor tril(const Tensor& self, int64_t diagonal) {
  if (!autograd::compute_requires_grad(self)) return tril_nograd(self, diagonal);
  Tensor out = no_grad_run([&] { return tril_nograd(self, diagonal); });
  if (FormulaNode* n = autograd::record("TrilBackward0", tril_backward, {self}, {out}))
    n->keep_int(diagonal);
  return out;
}
Tensor triu(const Tensor& self, int64_t diagonal) {
  if (!autograd::compute_requires_grad(self)) return triu_nograd(self, diagonal);
  Tensor out = no_grad_run([&] { return triu_nograd(self, diagonal); });
  if (FormulaNode* n = autograd::record("TriuBackward0", triu_backward, {self}, {out}))
    n->keep_int(diagonal);
  return out;
}
Tensor& tril_(Tensor& self, int64_t diagonal) {
  autograd::impl::check_inplace(self);
  {
    NoGradGuard no_grad;
    tril_nograd_(self, diagonal);
  }
  if (autograd::compute_requires_grad(self))
    if (FormulaNode* n = autograd::record("TrilBackward0", tril_backward, {self}, {self}))
      n->keep_int(diagonal);
  return self;
}
Tensor& triu_(Tensor& self, int64_t diagonal) {
  autograd::impl::check_inplace(self);
  {
    NoGradGuard no_grad;
    triu_nograd_(self, diagonal);
  }
  if (autograd::compute_requires_grad(self))
    if (FormulaNode* n = autograd::record("TriuBackward0", triu_backward, {self}, {self}))
      n->keep_int(diagonal);
  return self;
}

// ---- torch.linalg ------------------------------------------------------------------------

namespace linalg {
namespace {

// g[..., None, None]
Tensor as_matrix_scale(const Tensor& g) { return g.unsqueeze(-1).unsqueeze(-1); }

// The cofactor matrix of A (d det(A) / dA) through the SVD A = U S Vh, also
// for singular A: det(U) det(Vh) U diag(p) Vh with p_i = prod_{j != i} s_j,
// nonzero for rank n-1 (PyTorch 2.x also takes an SVD for singular inputs).
Tensor det_cofactor_svd(const Tensor& A) {
  auto [U, S, Vh] = linalg::svd(A);
  Tensor id = eye_like(A);
  Tensor p = (S.unsqueeze(-2) * (1 - id) + id).prod(-1);
  Tensor sign;
  {
    NoGradGuard no_grad;  // +-1, piecewise constant
    sign = linalg::det(U) * linalg::det(Vh);
  }
  return as_matrix_scale(sign) * matmul(U * p.unsqueeze(-2), Vh);
}

// d det(A) = det(A) tr(A^-1 dA): gA = g det A^-T; for singular A (where
// A^-1 does not exist) the cofactors from the SVD.
variable_list det_backward(FormulaNode& n, const variable_list& g) {
  Tensor A = n.saved(0), d = n.saved(1);
  if (d.eq(0).any().item<bool>()) return {as_matrix_scale(g[0]) * det_cofactor_svd(A)};
  return {as_matrix_scale(g[0] * d) * mT(inverse(A))};
}
variable_list slogdet_backward(FormulaNode& n, const variable_list& g) {
  // sign is piecewise constant; log|det| has gradient A^-T.
  return {as_matrix_scale(g[1]) * mT(inverse(n.saved(0)))};
}
// d(A^-1) = -A^-1 dA A^-1
variable_list inv_backward(FormulaNode& n, const variable_list& g) {
  Tensor Ai = n.saved(0);
  return {-matmul(matmul(mT(Ai), g[0]), mT(Ai))};
}
// X = A^-1 B: gB = A^-T g, gA = -gB X^T. int 0: vector case.
variable_list solve_backward(FormulaNode& n, const variable_list& g) {
  Tensor A = n.saved(0), X = n.saved(1);
  const bool vec = n.int_at(0);
  Tensor gB = solve(mT(A), g[0], true);
  Tensor gA;
  if (n.needs(0)) {
    gA = vec ? -(gB.unsqueeze(-1) * X.unsqueeze(-2)) : -matmul(gB, mT(X));
  }
  return {gA, n.needs(1) ? gB : Tensor()};
}

// A = L L^T: with P = Phi(L^T gL) (lower triangle, diagonal halved),
// S = L^-T P L^-1, gA = (S + S^T) / 2. int 0: upper (U = L^T).
variable_list cholesky_backward(FormulaNode& n, const variable_list& g) {
  const bool upper = n.int_at(0);
  Tensor L = n.saved(0), gL = g[0];
  if (upper) {
    L = mT(L);
    gL = mT(gL);
  }
  Tensor M = matmul(mT(L), gL);
  Tensor P = M.tril() - M.diagonal(0, -2, -1).diag_embed() * 0.5;
  Tensor Li = inverse(L);
  Tensor S = matmul(matmul(mT(Li), P), Li);
  return {(S + mT(S)) * 0.5};
}

// Reduced QR of a tall or square (m >= n) matrix: M = R gR^T - gQ^T Q,
// gA = (gQ + Q copyltu(M)) R^-T with copyltu(M) = tril(M) + tril(M, -1)^T.
Tensor qr_backward_tall(const Tensor& Q, const Tensor& R, const Tensor& gQ, const Tensor& gR) {
  Tensor M = matmul(R, mT(gR)) - matmul(mT(gQ), Q);
  Tensor sym = M.tril() + mT(M.tril(-1));
  Tensor b = gQ + matmul(Q, sym);
  // b R^-T = (R^-1 b^T)^T
  return mT(solve(R, mT(b), true));
}

// A wide matrix (m < n) splits as [X | Y] with X = Q U square and Y = Q V
// (R = [U | V]): X takes the square formula with gQ + Y gV^T, and gY = Q gV.
variable_list qr_backward(FormulaNode& n, const variable_list& g) {
  Tensor Q = n.saved(0), R = n.saved(1);
  const int64_t m = R.size(-2), cols = R.size(-1);
  if (cols <= m) return {qr_backward_tall(Q, R, g[0], g[1])};
  Tensor U = R.narrow(-1, 0, m), V = R.narrow(-1, m, cols - m);
  Tensor gU = g[1].narrow(-1, 0, m), gV = g[1].narrow(-1, m, cols - m);
  Tensor Y = matmul(Q, V);
  Tensor gX = qr_backward_tall(Q, U, g[0] + matmul(Y, mT(gV)), gU);
  Tensor gY = matmul(Q, gV);
  DimVector shape(R.sizes().begin(), R.sizes().end());
  shape[shape.size() - 2] = Q.size(-2);
  Tensor gA = zeros(shape, gX.options());
  gA.narrow(-1, 0, m).copy_(gX);
  gA.narrow(-1, m, cols - m).copy_(gY);
  return {gA};
}

// A = U diag(S) Vh (reduced, distinct nonzero singular values):
// gA = U [ (F o (U^T gU - gU^T U)) S + diag(gS) + S (F o (V^T gV - gV^T V)) ] V^T
//      + (I - U U^T) gU S^-1 V^T + U S^-1 gV^T (I - V V^T),  F_ij = 1 / (s_j^2 - s_i^2).
Tensor svd_backward_impl(const Tensor& gU, const Tensor& gS, const Tensor& gVh, const Tensor& U,
                         const Tensor& S, const Tensor& Vh) {
  Tensor V = mT(Vh);
  const int64_t k = S.size(-1);
  Tensor inner = gS.diag_embed();
  if (gU.defined() || gVh.defined()) {
    Tensor I = eye(k, S.options());
    Tensor s2 = S * S;
    Tensor E = s2.unsqueeze(-2) - s2.unsqueeze(-1) + I;  // E_ij = s_j^2 - s_i^2, 1 on the diagonal
    Tensor F = (1 - I) / E;
    Tensor Sm = S.diag_embed();
    Tensor Sinv = S.reciprocal().diag_embed();
    Tensor extra;
    if (gU.defined()) {
      Tensor UtgU = matmul(mT(U), gU);
      inner = inner + matmul(F * (UtgU - mT(UtgU)), Sm);
      Tensor proj = gU - matmul(U, UtgU);  // (I - U U^T) gU
      extra = matmul(matmul(proj, Sinv), Vh);
    }
    if (gVh.defined()) {
      Tensor gV = mT(gVh);
      Tensor VtgV = matmul(mT(V), gV);
      inner = inner + matmul(Sm, F * (VtgV - mT(VtgV)));
      Tensor proj = mT(gV) - matmul(mT(VtgV), Vh);  // gV^T (I - V V^T)
      Tensor e2 = matmul(matmul(U, Sinv), proj);
      extra = extra.defined() ? extra + e2 : e2;
    }
    Tensor core = matmul(matmul(U, inner), Vh);
    return extra.defined() ? core + extra : core;
  }
  return matmul(matmul(U, inner), Vh);
}

// With full_matrices, the columns of U (rows of Vh) past k = min(m, n) are an
// arbitrary basis: as PyTorch, only the first k take part.
variable_list svd_backward(FormulaNode& n, const variable_list& g) {
  Tensor U = n.saved(0), S = n.saved(1), Vh = n.saved(2);
  Tensor gU = g[0], gVh = g[2];
  const int64_t k = S.size(-1);
  if (U.size(-1) != k) {
    U = U.narrow(-1, 0, k);
    gU = gU.narrow(-1, 0, k);
  }
  if (Vh.size(-2) != k) {
    Vh = Vh.narrow(-2, 0, k);
    gVh = gVh.narrow(-2, 0, k);
  }
  return {svd_backward_impl(gU, g[1], gVh, U, S, Vh)};
}

// svdvals: only the values' gradient; U and Vh are saved from the forward.
variable_list svdvals_backward(FormulaNode& n, const variable_list& g) {
  return {svd_backward_impl(Tensor(), g[0], Tensor(), n.saved(0), n.saved(1), n.saved(2))};
}

// A = V diag(w) V^T (distinct eigenvalues): gA = V (diag(gw) + F o (V^T gV)) V^T,
// F_ij = 1 / (w_j - w_i) off the diagonal, 0 on it.
variable_list eigh_backward(FormulaNode& n, const variable_list& g) {
  Tensor w = n.saved(0), V = n.saved(1);
  Tensor inner = g[0].diag_embed();
  if (g.size() > 1 && g[1].defined()) {
    const int64_t k = w.size(-1);
    Tensor I = eye(k, w.options());
    Tensor F = (1 - I) / (w.unsqueeze(-2) - w.unsqueeze(-1) + I);
    inner = inner + F * matmul(mT(V), g[1]);
  }
  return {matmul(matmul(V, inner), mT(V))};
}

// The vector p-norm's gradient. Saved: x, the norm (keepdim shape when
// recorded with keepdim, else unsqueezed here); sizes(0): the reduced dims
// (empty: all); scalar 0: ord; int 0: keepdim.
variable_list vector_norm_backward(FormulaNode& n, const variable_list& grads) {
  Tensor x = n.saved(0), r = n.saved(1), g = grads[0];
  const double p = n.scalar(0).toDouble();
  IntArrayRef dims = n.sizes(0);
  if (!n.int_at(0) && x.dim() > 0) {
    DimVector ds;
    if (dims.empty()) for (int64_t d = 0; d < x.dim(); ++d) ds.push_back(d);
    else for (auto d : dims) ds.push_back(maybe_wrap_dim(d, x.dim()));
    std::sort(ds.begin(), ds.end());
    for (auto d : ds) {
      g = g.unsqueeze(d);
      r = r.unsqueeze(d);
    }
  }
  if (p == 0) return {zeros_like(x)};
  if (p == 1) return {g * x.sign()};
  if (p == 2) {
    // 0 where the norm is 0 (PyTorch's convention): divide by a safe norm.
    Tensor zero = (r == 0).to(x.dtype());
    return {g * x / (r + zero) * (1 - zero)};
  }
  if (std::isinf(p)) {
    // Evenly among the elements whose |x| is the extreme.
    Tensor mask = (x.abs() == r).to(x.dtype());
    Tensor count = dims.empty() ? mask.sum() : mask.sum(dims, true);
    if (dims.empty() && n.int_at(0)) count = count.reshape(r.sizes());
    return {g * x.sign() * mask / count};
  }
  // g x |x|^(p-2) / r^(p-1)
  Tensor zero = (r == 0).to(x.dtype());
  return {g * x * x.abs().pow(p - 2) / (r + zero).pow(p - 1) * (1 - zero)};
}
}  // namespace

Tensor inv(const Tensor& A) {
  if (!autograd::compute_requires_grad(A)) return inv_nograd(A);
  Tensor out = no_grad_run([&] { return inv_nograd(A); });
  if (FormulaNode* n = autograd::record("LinalgInvExBackward0", inv_backward, {A}, {out}))
    n->save_output(out);
  return out;
}

Tensor det(const Tensor& A) {
  if (!autograd::compute_requires_grad(A)) return det_nograd(A);
  Tensor out = no_grad_run([&] { return det_nograd(A); });
  if (FormulaNode* n = autograd::record("LinalgDetBackward0", det_backward, {A}, {out}))
    n->save(A)->save_output(out);
  return out;
}

std::tuple<Tensor, Tensor> slogdet(const Tensor& A) {
  if (!autograd::compute_requires_grad(A)) return slogdet_nograd(A);
  Tensor sign, logabs;
  {
    NoGradGuard no_grad;
    std::tie(sign, logabs) = slogdet_nograd(A);
  }
  if (FormulaNode* n = autograd::record("LinalgSlogdetBackward0", slogdet_backward, {A}, {sign, logabs}))
    n->save(A);
  return {sign, logabs};
}

Tensor solve(const Tensor& A, const Tensor& B, bool left) {
  if (!autograd::compute_requires_grad(A, B)) return solve_nograd(A, B, left);
  const bool vector_case =
      B.dim() == 1 || (B.dim() == A.dim() - 1 &&
                       IntArrayRef(B.sizes().data(), B.dim()).equals(
                           IntArrayRef(A.sizes().data(), A.dim() - 1)));
  if (!left) {
    // X A = B  <=>  A^T X^T = B^T, through differentiable transposes.
    Tensor X = solve(mT(A), vector_case ? B : mT(B), true);
    return vector_case ? X : mT(X);
  }
  Tensor out = no_grad_run([&] { return solve_nograd(A, B, true); });
  if (FormulaNode* n = autograd::record("LinalgSolveExBackward0", solve_backward, {A, B}, {out}))
    n->save(A)->save_output(out)->keep_int(vector_case);
  return out;
}

namespace {
Tensor cholesky_with_grad(const Tensor& A, bool upper, const char* name) {
  if (!autograd::compute_requires_grad(A)) return cholesky_nograd(A, upper);
  Tensor out = no_grad_run([&] { return cholesky_nograd(A, upper); });
  if (FormulaNode* n = autograd::record(name, cholesky_backward, {A}, {out}))
    n->save_output(out)->keep_int(upper);
  return out;
}
}  // namespace

Tensor cholesky(const Tensor& A, bool upper) {
  return cholesky_with_grad(A, upper, "LinalgCholeskyExBackward0");
}

std::tuple<Tensor, Tensor> qr(const Tensor& A, const std::string& mode) {
  if (!autograd::compute_requires_grad(A)) return qr_nograd(A, mode);
  WICK_CHECK(mode != "r",
             "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. "
             "Please use linalg.qr(A, mode='reduced') if you are going to differentiate through "
             "linalg.qr.");
  WICK_CHECK(mode != "complete" || A.size(-2) <= A.size(-1),
             "The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
  Tensor Q, R;
  {
    NoGradGuard no_grad;
    std::tie(Q, R) = qr_nograd(A, mode);
  }
  if (FormulaNode* n = autograd::record("LinalgQrBackward0", qr_backward, {A}, {Q, R}))
    n->save_output(Q)->save_output(R);
  return {Q, R};
}

std::tuple<Tensor, Tensor, Tensor> svd(const Tensor& A, bool full_matrices) {
  if (!autograd::compute_requires_grad(A)) return svd_nograd(A, full_matrices);
  Tensor U, S, Vh;
  {
    NoGradGuard no_grad;
    std::tie(U, S, Vh) = svd_nograd(A, full_matrices);
  }
  if (FormulaNode* n = autograd::record("LinalgSvdBackward0", svd_backward, {A}, {U, S, Vh}))
    n->save_output(U)->save_output(S)->save_output(Vh);
  return {U, S, Vh};
}

Tensor svdvals(const Tensor& A) {
  if (!autograd::compute_requires_grad(A)) return svdvals_nograd(A);
  // U and Vh come from a recorded svd, so the second derivative sees theirs.
  auto [U, S, Vh] = svd(A, false);
  Tensor out = no_grad_run([&] { return S.clone(); });
  if (FormulaNode* n = autograd::record("LinalgSvdBackward0", svdvals_backward, {A}, {out}))
    n->save(U)->save(S)->save(Vh);
  return out;
}

std::tuple<Tensor, Tensor> eigh(const Tensor& A, const std::string& UPLO) {
  if (!autograd::compute_requires_grad(A)) return eigh_nograd(A, UPLO);
  Tensor w, V;
  {
    NoGradGuard no_grad;
    std::tie(w, V) = eigh_nograd(A, UPLO);
  }
  if (FormulaNode* n = autograd::record("LinalgEighBackward0", eigh_backward, {A}, {w, V}))
    n->save_output(w)->save_output(V);
  return {w, V};
}

Tensor eigvalsh(const Tensor& A, const std::string& UPLO) {
  if (!autograd::compute_requires_grad(A)) return eigvalsh_nograd(A, UPLO);
  return std::get<0>(eigh(A, UPLO));
}

// Composite when recording: V diag(1/s) U^T over the values above the cut-off
// (the gradient of a fixed-rank pseudo-inverse).
Tensor pinv(const Tensor& A, std::optional<double> atol, std::optional<double> rtol,
            bool hermitian) {
  if (!autograd::compute_requires_grad(A)) return pinv_nograd(A, atol, rtol, hermitian);
  linalg_detail::check_float_input("linalg.pinv", A);
  Tensor vals, left, right;
  if (hermitian) {
    auto [w, V] = eigh(A, "L");
    vals = w;
    left = V;
    right = mT(V);
  } else {
    auto [U, S, Vh] = svd(A, false);
    vals = S;
    left = U;
    right = Vh;
  }
  Tensor keep;
  {
    NoGradGuard no_grad;
    const double eps = A.dtype() == kFloat ? std::numeric_limits<float>::epsilon()
                                           : std::numeric_limits<double>::epsilon();
    const double rt = rtol ? *rtol
                           : (atol && *atol > 0 ? 0.0
                                                : eps * static_cast<double>(std::max(A.size(-2), A.size(-1))));
    Tensor mx = vals.abs().amax({-1}, true);
    Tensor thr = (mx * rt).clamp_min(atol.value_or(0.0));
    keep = (vals.abs() > thr).to(A.dtype());
  }
  Tensor inv_vals = keep / (vals + (1 - keep));
  return matmul(mT(right) * inv_vals.unsqueeze(-2), mT(left));
}

namespace {
variable_list zeros_backward(FormulaNode&, const variable_list& g) { return {zeros_like(g[0])}; }
}  // namespace

Tensor matrix_power(const Tensor& A, int64_t n) {
  if (!autograd::compute_requires_grad(A)) return matrix_power_nograd(A, n);
  linalg_detail::check_square("linalg.matrix_power", A);
  if (n == 0) {
    Tensor out = no_grad_run([&] { return matrix_power_nograd(A, 0); });
    autograd::record("CopyBackwards", zeros_backward, {A}, {out});
    return out;
  }
  Tensor base = n < 0 ? inv(A) : A;
  uint64_t e = n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
  if (e == 1) return n < 0 ? base : A.clone();
  Tensor result;
  while (e > 0) {
    if (e & 1) result = result.defined() ? matmul(result, base) : base;
    e >>= 1;
    if (e > 0) base = matmul(base, base);
  }
  return result;
}

Tensor vector_norm(const Tensor& x, double ord, OptionalIntArrayRef dim, bool keepdim,
                   std::optional<ScalarType> dtype) {
  if (!autograd::compute_requires_grad(x)) return vector_norm_nograd(x, ord, dim, keepdim, dtype);
  // The dtype cast is its own (differentiable) op, as in PyTorch.
  Tensor out = no_grad_run([&] { return vector_norm_nograd(x, ord, dim, keepdim, dtype); });
  Tensor src = dtype && *dtype != x.dtype() ? x.to(*dtype) : x;
  DimVector dims;
  if (dim) dims.assign(dim->begin(), dim->end());
  if (FormulaNode* n = autograd::record("LinalgVectorNormBackward0", vector_norm_backward, {src}, {out}))
    n->save(src)->save_output(out)->keep(dims)->keep(Scalar(ord))->keep_int(keepdim);
  return out;
}

// Composite when recording: 'fro' is a vector norm, 'nuc' and +-2 reduce the
// singular values, +-1 and +-inf the column / row sums of |A|.
Tensor matrix_norm(const Tensor& A, const NormOrd& ord, IntArrayRef dim, bool keepdim,
                   std::optional<ScalarType> dtype) {
  if (!autograd::compute_requires_grad(A)) return matrix_norm_nograd(A, ord, dim, keepdim, dtype);
  no_grad_run([&] { return matrix_norm_nograd(A, ord, dim, keepdim, dtype); });  // the argument checks
  const int64_t d0 = maybe_wrap_dim(dim[0], A.dim()), d1 = maybe_wrap_dim(dim[1], A.dim());
  Tensor src = dtype && *dtype != A.dtype() ? A.to(*dtype) : A;
  if (const auto* s = std::get_if<std::string>(&ord)) {
    if (*s == "fro") return vector_norm(src, 2, IntArrayRef{d0, d1}, keepdim, std::nullopt);
    Tensor r = svdvals(src.movedim({d0, d1}, {-2, -1})).sum({-1});
    if (keepdim) r = r.unsqueeze(std::min(d0, d1)).unsqueeze(std::max(d0, d1));
    return r;
  }
  const double num = std::get<double>(ord);
  if (num == 2 || num == -2) {
    Tensor s = svdvals(src.movedim({d0, d1}, {-2, -1}));
    Tensor r = std::get<0>(s.topk(1, -1, num > 0)).squeeze(-1);
    if (keepdim) r = r.unsqueeze(std::min(d0, d1)).unsqueeze(std::max(d0, d1));
    return r;
  }
  const bool cols = std::fabs(num) == 1;
  const int64_t first = cols ? d0 : d1, second = cols ? d1 : d0;
  Tensor sums = src.abs().sum({first}, true);
  Tensor r = std::get<0>(sums.topk(1, second, num > 0));  // keepdim shape
  return keepdim ? r : r.squeeze(IntArrayRef{d0, d1});
}

}  // namespace linalg

Tensor cholesky(const Tensor& self, bool upper) {
  return linalg::cholesky_with_grad(self, upper, "CholeskyBackward0");
}

}  // namespace wick

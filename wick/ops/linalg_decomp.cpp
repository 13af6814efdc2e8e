// torch.linalg: LAPACK decompositions batched over leading dims, and the norms.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "wick/autograd/variable.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/lapack.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/linalg_internal.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {
using namespace linalg_detail;
namespace lapack = kernels::lapack;

namespace {

// Each matrix of A [..., m, n] copied column-major into a contiguous [..., n, m]
// buffer (LAPACK's layout); transpose_view of the buffer reads it back as [..., m, n].
Tensor col_major(const Tensor& A, ScalarType dt) {
  Tensor t = transpose_view(A, -2, -1);
  Tensor c = empty(t.sizes(), TensorOptions(dt));
  c.copy_(t);
  return c;
}
Tensor from_col_major(const Tensor& buf) { return transpose_view(buf, -2, -1); }

DimVector batch_shape(const Tensor& A) {
  return DimVector(A.sizes().begin(), A.sizes().end() - 2);
}
int64_t batch_count(const Tensor& A) {
  int64_t b = 1;
  for (int64_t d = 0; d < A.dim() - 2; ++d) b *= A.size(d);
  return b;
}

// Runs fn(b) for each matrix; small matrices spread over threads (LAPACK runs
// them single-threaded anyway), large ones leave the threads to BLAS.
template <typename F>
void for_each_matrix(int64_t batch, int64_t n, const F& fn) {
  if (batch > 1 && n <= 64) {
    parallel_for(0, batch, std::max<int64_t>(1, 4096 / std::max<int64_t>(n * n * n, 1) ),
                 [&](int64_t b0, int64_t b1) {
                   for (int64_t b = b0; b < b1; ++b) fn(b);
                 });
  } else {
    for (int64_t b = 0; b < batch; ++b) fn(b);
  }
}

// Raises the first nonzero LAPACK info as a PyTorch-worded error.
template <typename Msg>
void check_infos(const std::vector<int>& infos, bool batched, const char* name, const Msg& msg) {
  for (size_t b = 0; b < infos.size(); ++b) {
    if (infos[b] > 0) {
      std::string prefix = batched ? str("(Batch element ", b, "): ") : std::string();
      throw LinAlgError(str(name, ": ", prefix, msg(infos[b])));
    }
  }
}

int ld(int64_t x) { return static_cast<int>(std::max<int64_t>(x, 1)); }

void check_linalg_input(const char* name, const Tensor& A) {
  WICK_CHECK(A.dim() >= 2, name, ": The input tensor A must have at least 2 dimensions.");
  check_float_input(name, A);
}

std::string format_ord(double ord) {
  if (std::isinf(ord)) return ord > 0 ? "inf" : "-inf";
  if (ord == std::floor(ord) && std::fabs(ord) < 1e15) return str(static_cast<int64_t>(ord));
  return str(ord);
}

}  // namespace

namespace linalg {

Tensor inv_nograd(const Tensor& A) {
  check_linalg_input("linalg.inv", A);
  check_square("linalg.inv", A);
  const int64_t n = A.size(-1), batch = batch_count(A);
  Tensor buf = col_major(A, A.dtype());
  if (n == 0 || batch == 0) return from_col_major(buf);
  std::vector<int> infos(batch, 0);
  WICK_DISPATCH_FLOATING_TYPES(A.dtype(), "linalg.inv", [&] {
    scalar_t* data = buf.data_ptr<scalar_t>();
    for_each_matrix(batch, n, [&](int64_t b) {
      std::vector<int> ipiv(n);
      scalar_t* a = data + b * n * n;
      infos[b] = lapack::getrf(n, n, a, ld(n), ipiv.data());
      if (infos[b] == 0) lapack::getri(n, a, ld(n), ipiv.data());
    });
  });
  check_infos(infos, A.dim() > 2, "linalg.inv", [](int i) {
    return str("The diagonal element ", i,
               " is zero, the inversion could not be completed because the input matrix is "
               "singular.");
  });
  return from_col_major(buf);
}
Tensor& inv_out(Tensor& out, const Tensor& A) {
  autograd::check_out_no_grad("linalg_inv_ex", out, A);
  return assign_out(out, inv(A));
}

std::tuple<Tensor, Tensor> slogdet_nograd(const Tensor& A) {
  check_linalg_input("linalg.slogdet", A);
  check_square("linalg.slogdet", A);
  const int64_t n = A.size(-1), batch = batch_count(A);
  Tensor buf = col_major(A, A.dtype());
  Tensor sign = empty(batch_shape(A), A.options()), logabs = empty(batch_shape(A), A.options());
  WICK_DISPATCH_FLOATING_TYPES(A.dtype(), "linalg.slogdet", [&] {
    scalar_t* data = buf.data_ptr<scalar_t>();
    scalar_t* sg = sign.data_ptr<scalar_t>();
    scalar_t* la = logabs.data_ptr<scalar_t>();
    for_each_matrix(batch, n, [&](int64_t b) {
      std::vector<int> ipiv(std::max<int64_t>(n, 1));
      scalar_t* a = data + b * n * n;
      if (n > 0) lapack::getrf(n, n, a, ld(n), ipiv.data());
      double s = 1, l = 0;
      for (int64_t i = 0; i < n; ++i) {
        double d = a[i * n + i];
        if (ipiv[i] != i + 1) s = -s;
        if (d < 0) s = -s;
        if (d == 0) s = 0;
        l += std::log(std::fabs(d));
      }
      sg[b] = static_cast<scalar_t>(s);
      la[b] = static_cast<scalar_t>(s == 0 ? -std::numeric_limits<double>::infinity() : l);
    });
  });
  return {sign, logabs};
}

Tensor det_nograd(const Tensor& A) {
  check_linalg_input("linalg.det", A);
  check_square("linalg.det", A);
  const int64_t n = A.size(-1), batch = batch_count(A);
  Tensor buf = col_major(A, A.dtype());
  Tensor result = empty(batch_shape(A), A.options());
  WICK_DISPATCH_FLOATING_TYPES(A.dtype(), "linalg.det", [&] {
    scalar_t* data = buf.data_ptr<scalar_t>();
    scalar_t* out = result.data_ptr<scalar_t>();
    for_each_matrix(batch, n, [&](int64_t b) {
      std::vector<int> ipiv(std::max<int64_t>(n, 1));
      scalar_t* a = data + b * n * n;
      if (n > 0) lapack::getrf(n, n, a, ld(n), ipiv.data());
      scalar_t d = 1;
      for (int64_t i = 0; i < n; ++i) {
        d *= a[i * n + i];
        if (ipiv[i] != i + 1) d = -d;
      }
      out[b] = d;
    });
  });
  return result;
}

Tensor solve_nograd(const Tensor& A, const Tensor& B, bool left) {
  check_linalg_input("linalg.solve", A);
  check_square("linalg.solve", A);
  WICK_CHECK(B.dim() >= 1, "linalg.solve: The input tensor B must have at least 1 dimensions.");
  check_float_input("linalg.solve", B, "input");
  WICK_CHECK(A.dtype() == B.dtype(), "linalg.solve: Expected A and B to have the same dtype, but found A of type ",
             A.dtype(), " and B of type ", B.dtype(), " instead");
  const bool vector_case =
      B.dim() == 1 || (B.dim() == A.dim() - 1 &&
                       IntArrayRef(B.sizes().data(), B.dim()).equals(
                           IntArrayRef(A.sizes().data(), A.dim() - 1)));
  if (!left) {
    // X A = B  <=>  A^T X^T = B^T
    Tensor Bt = vector_case ? B : transpose_view(B, -2, -1);
    Tensor X = solve_nograd(transpose_view(A, -2, -1), Bt, true);
    return vector_case ? X : transpose_view(X, -2, -1);
  }
  Tensor B2 = vector_case ? unsqueeze_view(B, -1) : B;
  const int64_t n = A.size(-1);
  WICK_CHECK(B2.size(-2) == n, "linalg.solve: Incompatible shapes of A and B for the equation AX = B (",
             A.size(-2), "x", A.size(-1), " and ", B2.size(-2), "x", B2.size(-1), ")");
  const int64_t k = B2.size(-1);
  DimVector batch = infer_size(IntArrayRef(A.sizes().data(), A.dim() - 2),
                               IntArrayRef(B2.sizes().data(), B2.dim() - 2));
  DimVector sa(batch.begin(), batch.end()), sb(batch.begin(), batch.end());
  sa.insert(sa.end(), {n, n});
  sb.insert(sb.end(), {n, k});
  Tensor abuf = col_major(expand_view(A, sa), A.dtype());
  Tensor bbuf = col_major(expand_view(B2, sb), A.dtype());
  int64_t nb = 1;
  for (auto s : batch) nb *= s;
  std::vector<int> infos(nb, 0);
  if (n > 0 && k > 0) {
    WICK_DISPATCH_FLOATING_TYPES(A.dtype(), "linalg.solve", [&] {
      scalar_t* ad = abuf.data_ptr<scalar_t>();
      scalar_t* bd = bbuf.data_ptr<scalar_t>();
      for_each_matrix(nb, n, [&](int64_t b) {
        std::vector<int> ipiv(n);
        infos[b] = lapack::getrf(n, n, ad + b * n * n, ld(n), ipiv.data());
        if (infos[b] == 0)
          lapack::getrs('N', n, k, ad + b * n * n, ld(n), ipiv.data(), bd + b * n * k, ld(n));
      });
    });
  }
  check_infos(infos, batch.size() > 0, "torch.linalg.solve",
              [](int) { return std::string("The solver failed because the input matrix is singular."); });
  Tensor X = from_col_major(bbuf);
  if (vector_case) {
    DimVector shape(X.sizes().begin(), X.sizes().end() - 1);
    DimVector strides(X.strides().begin(), X.strides().end() - 1);
    return make_view(X, shape, strides, X.storage_offset());
  }
  return X;
}
Tensor& solve_out(Tensor& out, const Tensor& A, const Tensor& B, bool left) {
  autograd::check_out_no_grad("_linalg_solve_ex", out, A, B);
  return assign_out(out, solve(A, B, left));
}

Tensor cholesky_nograd(const Tensor& A, bool upper) {
  check_linalg_input("linalg.cholesky", A);
  check_square("linalg.cholesky", A);
  const int64_t n = A.size(-1), batch = batch_count(A);
  Tensor buf = col_major(A, A.dtype());
  std::vector<int> infos(batch, 0);
  if (n > 0) {
    WICK_DISPATCH_FLOATING_TYPES(A.dtype(), "linalg.cholesky", [&] {
      scalar_t* data = buf.data_ptr<scalar_t>();
      for_each_matrix(batch, n, [&](int64_t b) {
        scalar_t* a = data + b * n * n;
        infos[b] = lapack::potrf(upper ? 'U' : 'L', n, a, ld(n));
        // The other triangle still holds the input.
        for (int64_t j = 0; j < n; ++j)
          for (int64_t i = 0; i < n; ++i)
            if (upper ? i > j : i < j) a[j * n + i] = 0;
      });
    });
  }
  check_infos(infos, A.dim() > 2, "linalg.cholesky", [](int i) {
    return str("The factorization could not be completed because the input is not "
               "positive-definite (the leading minor of order ", i, " is not positive-definite).");
  });
  return from_col_major(buf);
}
Tensor& cholesky_out(Tensor& out, const Tensor& A, bool upper) {
  autograd::check_out_no_grad("linalg_cholesky_ex", out, A);
  return assign_out(out, linalg::cholesky(A, upper));
}

std::tuple<Tensor, Tensor> qr_nograd(const Tensor& A, const std::string& mode) {
  WICK_CHECK(mode == "reduced" || mode == "complete" || mode == "r", "qr received unrecognized mode '",
             mode, "' but expected one of 'reduced' (default), 'r', or 'complete'");
  check_linalg_input("linalg.qr", A);
  const int64_t m = A.size(-2), n = A.size(-1), k = std::min(m, n), batch = batch_count(A);
  const int64_t qcols = mode == "complete" ? m : k, rrows = mode == "complete" ? m : k;
  Tensor buf = col_major(A, A.dtype());
  DimVector rshape = batch_shape(A), qshape = batch_shape(A);
  rshape.insert(rshape.end(), {rrows, n});
  qshape.insert(qshape.end(), {qcols, m});  // column-major Q
  Tensor R = zeros(rshape, A.options());
  Tensor Qbuf = mode == "r" ? empty({0}, A.options()) : zeros(qshape, A.options());
  WICK_DISPATCH_FLOATING_TYPES(A.dtype(), "linalg.qr", [&] {
    scalar_t* data = buf.data_ptr<scalar_t>();
    scalar_t* r = R.data_ptr<scalar_t>();
    scalar_t* q = mode == "r" ? nullptr : Qbuf.data_ptr<scalar_t>();
    for_each_matrix(batch, std::max(m, n), [&](int64_t b) {
      scalar_t* a = data + b * m * n;
      std::vector<scalar_t> tau(std::max<int64_t>(k, 1));
      if (m > 0 && n > 0) lapack::geqrf(m, n, a, ld(m), tau.data());
      scalar_t* rb = r + b * rrows * n;
      for (int64_t i = 0; i < std::min(rrows, m); ++i)
        for (int64_t j = i; j < n; ++j) rb[i * n + j] = a[j * m + i];
      if (q != nullptr && m > 0 && qcols > 0) {
        scalar_t* qb = q + b * qcols * m;
        std::copy(a, a + k * m, qb);
        lapack::orgqr(m, qcols, k, qb, ld(m), tau.data());
      }
    });
  });
  return {mode == "r" ? Qbuf : from_col_major(Qbuf), R};
}

namespace {
// Singular values (and vectors when `vectors`) of every matrix of A.
std::tuple<Tensor, Tensor, Tensor> svd_impl(const Tensor& A, bool full, bool vectors,
                                            const char* name) {
  check_linalg_input(name, A);
  const int64_t m = A.size(-2), n = A.size(-1), k = std::min(m, n), batch = batch_count(A);
  const int64_t ucols = full ? m : k, vtrows = full ? n : k;
  Tensor buf = col_major(A, A.dtype());
  DimVector sshape = batch_shape(A), ushape = batch_shape(A), vshape = batch_shape(A);
  sshape.push_back(k);
  ushape.insert(ushape.end(), {ucols, m});
  vshape.insert(vshape.end(), {n, vtrows});
  Tensor S = empty(sshape, A.options());
  Tensor U = vectors ? zeros(ushape, A.options()) : Tensor();
  Tensor V = vectors ? zeros(vshape, A.options()) : Tensor();
  std::vector<int> infos(batch, 0);
  WICK_DISPATCH_FLOATING_TYPES(A.dtype(), name, [&] {
    scalar_t* data = buf.data_ptr<scalar_t>();
    scalar_t* s = S.data_ptr<scalar_t>();
    scalar_t* u = vectors ? U.data_ptr<scalar_t>() : nullptr;
    scalar_t* v = vectors ? V.data_ptr<scalar_t>() : nullptr;
    for_each_matrix(batch, std::max(m, n), [&](int64_t b) {
      if (k == 0) {
        // Empty input: the full bases are identities.
        if (vectors && full) {
          for (int64_t i = 0; i < m; ++i) u[b * m * m + i * m + i] = 1;
          for (int64_t i = 0; i < n; ++i) v[b * n * n + i * n + i] = 1;
        }
        return;
      }
      scalar_t dummy = 0;
      infos[b] = lapack::gesdd(vectors ? (full ? 'A' : 'S') : 'N', m, n, data + b * m * n, ld(m),
                               s + b * k, vectors ? u + b * ucols * m : &dummy, ld(m),
                               vectors ? v + b * n * vtrows : &dummy, ld(vtrows));
    });
  });
  check_infos(infos, A.dim() > 2, name, [](int i) {
    return str("The algorithm failed to converge because the input matrix is ill-conditioned "
               "or has too many repeated singular values (error code: ", i, ").");
  });
  if (!vectors) return {Tensor(), S, Tensor()};
  return {from_col_major(U), S, from_col_major(V)};
}

std::tuple<Tensor, Tensor> eigh_impl(const Tensor& A, const std::string& UPLO, bool vectors,
                                     const char* name) {
  WICK_CHECK(UPLO == "L" || UPLO == "U" || UPLO == "l" || UPLO == "u",
             "Expected UPLO argument to be 'L' or 'U', but got ", UPLO);
  check_linalg_input(name, A);
  check_square(name, A);
  const int64_t n = A.size(-1), batch = batch_count(A);
  Tensor buf = col_major(A, A.dtype());
  DimVector wshape = batch_shape(A);
  wshape.push_back(n);
  Tensor W = empty(wshape, A.options());
  std::vector<int> infos(batch, 0);
  const char uplo = (UPLO == "L" || UPLO == "l") ? 'L' : 'U';
  if (n > 0) {
    WICK_DISPATCH_FLOATING_TYPES(A.dtype(), name, [&] {
      scalar_t* data = buf.data_ptr<scalar_t>();
      scalar_t* w = W.data_ptr<scalar_t>();
      for_each_matrix(batch, n, [&](int64_t b) {
        infos[b] = lapack::syevd(vectors ? 'V' : 'N', uplo, n, data + b * n * n, ld(n), w + b * n);
      });
    });
  }
  check_infos(infos, A.dim() > 2, name, [](int i) {
    return str("The algorithm failed to converge because the input matrix is ill-conditioned "
               "or has too many repeated eigenvalues (error code: ", i, ").");
  });
  return {W, vectors ? from_col_major(buf) : Tensor()};
}

// Relative/absolute cut-off for pinv and matrix_rank (PyTorch's defaults).
double default_rtol(const Tensor& A, std::optional<double> atol, std::optional<double> rtol) {
  if (rtol) return *rtol;
  if (atol && *atol > 0) return 0.0;
  const double eps = A.dtype() == kFloat ? std::numeric_limits<float>::epsilon()
                                         : std::numeric_limits<double>::epsilon();
  return eps * static_cast<double>(std::max(A.size(-2), A.size(-1)));
}

// For each row of `vals` ([batch, k] as doubles), the cut-off below which a value counts as zero.
std::vector<double> thresholds(const Tensor& absvals, double atol, double rtol) {
  Tensor mx = reduce_double(absvals, {-1}, false, Reduce::MaxAbs);
  if (absvals.size(-1) == 0) mx = zeros(mx.sizes(), TensorOptions(kDouble));
  Tensor c = mx.contiguous();
  std::vector<double> out(c.numel());
  const double* p = c.data_ptr<double>();
  for (size_t i = 0; i < out.size(); ++i) out[i] = std::max(atol, rtol * p[i]);
  return out;
}
}  // namespace

std::tuple<Tensor, Tensor, Tensor> svd_nograd(const Tensor& A, bool full_matrices) {
  return svd_impl(A, full_matrices, true, "linalg.svd");
}
Tensor svdvals_nograd(const Tensor& A) { return std::get<1>(svd_impl(A, false, false, "linalg.svdvals")); }

std::tuple<Tensor, Tensor> eigh_nograd(const Tensor& A, const std::string& UPLO) {
  return eigh_impl(A, UPLO, true, "linalg.eigh");
}
Tensor eigvalsh_nograd(const Tensor& A, const std::string& UPLO) {
  return std::get<0>(eigh_impl(A, UPLO, false, "linalg.eigvalsh"));
}

Tensor pinv_nograd(const Tensor& A, std::optional<double> atol, std::optional<double> rtol,
            bool hermitian) {
  check_linalg_input("linalg.pinv", A);
  const double rt = default_rtol(A, atol, rtol), at = atol.value_or(0.0);
  Tensor vals, left, right;  // A = left diag(vals) right
  if (hermitian) {
    auto [w, V] = eigh(A, "L");
    vals = w;
    left = V;
    right = transpose_view(V, -2, -1);
  } else {
    auto [U, S, Vh] = svd(A, false);
    vals = S;
    left = U;
    right = Vh;
  }
  const int64_t k = vals.size(-1);
  Tensor vd = vals.to(kDouble).contiguous();
  Tensor inv_vals = empty(vd.sizes(), TensorOptions(kDouble));
  std::vector<double> thr = thresholds(vd, at, rt);
  const double* pv = vd.data_ptr<double>();
  double* pi = inv_vals.data_ptr<double>();
  for (int64_t i = 0; i < vd.numel(); ++i) {
    double x = pv[i];
    pi[i] = std::fabs(x) > thr[i / std::max<int64_t>(k, 1)] ? 1.0 / x : 0.0;
  }
  // pinv = right^T diag(1/vals) left^T
  Tensor scaled = mul_broadcast(right, unsqueeze_view(inv_vals.to(A.dtype()), -1));
  return matmul(transpose_view(scaled, -2, -1), transpose_view(left, -2, -1));
}

Tensor matrix_rank(const Tensor& A, std::optional<double> atol, std::optional<double> rtol,
                   bool hermitian) {
  check_linalg_input("linalg.matrix_rank", A);
  const double rt = default_rtol(A, atol, rtol), at = atol.value_or(0.0);
  Tensor vals = hermitian ? eigvalsh(A, "L") : svdvals(A);
  Tensor vd = vals.to(kDouble).contiguous();
  const int64_t k = vd.size(-1);
  std::vector<double> thr = thresholds(vd, at, rt);
  Tensor result = empty(batch_shape(A), TensorOptions(kLong));
  int64_t* out = result.data_ptr<int64_t>();
  const double* pv = vd.data_ptr<double>();
  for (int64_t b = 0; b < result.numel(); ++b) {
    int64_t c = 0;
    for (int64_t i = 0; i < k; ++i) c += std::fabs(pv[b * k + i]) > thr[b];
    out[b] = c;
  }
  return result;
}

Tensor matrix_power_nograd(const Tensor& A, int64_t n) {
  check_square("linalg.matrix_power", A);
  if (n == 0) {
    Tensor result = zeros(A.sizes(), A.options());
    diagonal_view(result, 0, -2, -1).fill_(1);
    return result;
  }
  Tensor base = n < 0 ? inv(A) : A;
  uint64_t e = n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
  if (e == 1) return n < 0 ? base : copy_new(A);
  Tensor result;
  while (e > 0) {
    if (e & 1) result = result.defined() ? matmul(result, base) : base;
    e >>= 1;
    if (e > 0) base = matmul(base, base);
  }
  return result.is_same(A) ? copy_new(A) : result;
}

Tensor vector_norm_nograd(const Tensor& x, double ord, OptionalIntArrayRef dim, bool keepdim,
                   std::optional<ScalarType> dtype) {
  WICK_CHECK(is_floating_type(x.dtype()),
             "linalg.vector_norm: Expected a floating point or complex tensor as input. Got ",
             x.dtype());
  if (dtype)
    WICK_CHECK(is_floating_type(*dtype), "linalg.vector_norm: dtype should be floating point or complex. Got ",
               *dtype);
  const ScalarType out_dtype = dtype.value_or(x.dtype());
  DimVector dims;
  if (dim) dims.assign(dim->begin(), dim->end());
  if (ord < 0 || std::isinf(ord)) {
    bool empty_reduce = x.numel() == 0;
    if (dim && !dims.empty()) {
      empty_reduce = false;
      for (auto d : dims)
        if (x.dim() > 0 && x.size(maybe_wrap_dim(d, x.dim())) == 0) empty_reduce = true;
    }
    WICK_CHECK(!empty_reduce, "linalg.vector_norm cannot compute the ", format_ord(ord),
               " norm on an empty tensor because the operation does not have an identity");
  }
  Tensor src = dtype ? x.to(*dtype) : x;
  Tensor r;
  if (std::isinf(ord)) {
    r = reduce_double(src, dims, keepdim, ord > 0 ? Reduce::MaxAbs : Reduce::MinAbs);
  } else if (ord == 0) {
    r = reduce_double(src, dims, keepdim, Reduce::CountNonzero);
  } else if (ord == 1) {
    r = reduce_double(src, dims, keepdim, Reduce::SumAbs);
  } else if (ord == 2) {
    r = reduce_double(src, dims, keepdim, Reduce::SumSquares);
    double* p = r.data_ptr<double>();
    for (int64_t i = 0; i < r.numel(); ++i) p[i] = std::sqrt(p[i]);
  } else {
    r = reduce_double(src, dims, keepdim, Reduce::Lp, ord);
    double* p = r.data_ptr<double>();
    for (int64_t i = 0; i < r.numel(); ++i) p[i] = std::pow(p[i], 1.0 / ord);
  }
  return r.to(out_dtype);
}

Tensor matrix_norm_nograd(const Tensor& A, const NormOrd& ord, IntArrayRef dim, bool keepdim,
                   std::optional<ScalarType> dtype) {
  WICK_CHECK(A.dim() >= 2, "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
  WICK_CHECK(is_floating_type(A.dtype()),
             "linalg.matrix_norm: Expected a floating point or complex tensor as input. Got ",
             A.dtype());
  WICK_CHECK(dim.size() == 2, "linalg.matrix_norm: dim must be a 2-tuple. Got ", dim);
  const int64_t d0 = maybe_wrap_dim(dim[0], A.dim()), d1 = maybe_wrap_dim(dim[1], A.dim());
  WICK_CHECK(d0 != d1, "linalg.matrix_norm: dims must be different. Got (", dim[0], ", ", dim[1], ")");
  const ScalarType out_dtype = dtype.value_or(A.dtype());
  Tensor src = dtype ? A.to(*dtype) : A;
  bool spectral = false;
  double num = 0;
  Reduce spectral_kind = Reduce::Sum;
  if (const auto* s = std::get_if<std::string>(&ord)) {
    if (*s == "fro") return vector_norm(A, 2, IntArrayRef{d0, d1}, keepdim, dtype);
    WICK_CHECK(*s == "nuc", "linalg.matrix_norm: Order ", *s, " not supported.");
    spectral = true;
  } else {
    num = std::get<double>(ord);
    WICK_CHECK(num == 1 || num == -1 || num == 2 || num == -2 || std::isinf(num),
               "linalg.matrix_norm: Order ", format_ord(num), " not supported.");
    if (num == 2 || num == -2) {
      spectral = true;
      spectral_kind = num > 0 ? Reduce::Max : Reduce::Min;
    }
  }
  DimVector kept_shape(A.sizes().begin(), A.sizes().end());
  kept_shape[d0] = kept_shape[d1] = 1;
  DimVector drop_shape;
  for (int64_t d = 0; d < A.dim(); ++d)
    if (d != d0 && d != d1) drop_shape.push_back(A.size(d));
  Tensor r;
  if (spectral) {
    // The non-matrix dims keep their order, so the result matches drop_shape.
    Tensor moved = move_dims_last(src, {d0, d1});
    if (src.dtype() != kFloat && src.dtype() != kDouble) moved = moved.to(kFloat);
    Tensor s = svdvals(moved);
    WICK_CHECK(s.size(-1) > 0 || spectral_kind == Reduce::Sum,
               "linalg.matrix_norm: the input must have at least one element");
    r = reduce_double(s, {-1}, false, spectral_kind);
  } else {
    // 1-norms sum |a| down columns (over d0) then take the extreme column; inf-norms the reverse.
    const bool cols = std::fabs(num) == 1;
    Tensor sums = reduce_double(src, {cols ? d0 : d1}, true, Reduce::SumAbs);
    r = reduce_double(sums, {cols ? d1 : d0}, true, num > 0 ? Reduce::Max : Reduce::Min);
  }
  r = reshape_any(r, keepdim ? IntArrayRef(kept_shape) : IntArrayRef(drop_shape));
  return r.to(out_dtype);
}

Tensor norm(const Tensor& A, const std::optional<NormOrd>& ord, OptionalIntArrayRef dim,
            bool keepdim, std::optional<ScalarType> dtype) {
  if (dim) {
    WICK_CHECK(dim->size() == 1 || dim->size() == 2,
               "linalg.norm: If dim is specified, it must be of length 1 or 2. Got ", *dim);
    if (dim->size() == 2) return matrix_norm(A, ord.value_or(NormOrd(std::string("fro"))), *dim, keepdim, dtype);
    WICK_CHECK(!ord || std::holds_alternative<double>(*ord),
               "linalg.norm: If dim is specified, it mut be of length 1 or 2. Got ", *dim);
    return vector_norm(A, ord ? std::get<double>(*ord) : 2.0, dim, keepdim, dtype);
  }
  if (ord) {
    WICK_CHECK(A.dim() == 1 || A.dim() == 2,
               "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ",
               A.dim(), "D.");
    if (A.dim() == 2) return matrix_norm(A, *ord, {-2, -1}, keepdim, dtype);
    WICK_CHECK(std::holds_alternative<double>(*ord), "linalg.norm: Order ",
               std::get<std::string>(*ord), " not supported for vectors.");
    return vector_norm(A, std::get<double>(*ord), std::nullopt, keepdim, dtype);
  }
  return vector_norm(A, 2.0, std::nullopt, keepdim, dtype);
}

Tensor multi_dot(TensorList tensors) {
  const int64_t n = static_cast<int64_t>(tensors.size());
  WICK_CHECK(n >= 2, "multi_dot(): expected at least 2 tensors but got ", n);
  const int64_t first_dim = tensors[0].dim(), last_dim = tensors[n - 1].dim();
  WICK_CHECK(first_dim == 1 || first_dim == 2,
             "multi_dot(): the first tensor must be 1D or 2D but got ", first_dim, "D");
  WICK_CHECK(last_dim == 1 || last_dim == 2,
             "multi_dot(): the last tensor must be 1D or 2D but got ", last_dim, "D");
  std::vector<Tensor> mats(n);
  for (int64_t i = 0; i < n; ++i) {
    const Tensor& t = tensors[i];
    if (i > 0 && i < n - 1)
      WICK_CHECK(t.dim() == 2, "multi_dot(): tensor ", i, " must be 2D but got ", t.dim(), "D");
    WICK_CHECK(t.dtype() == tensors[0].dtype(),
               "multi_dot(): all tensors must have be the same dtype but tensor 0 is ",
               tensors[0].dtype(), " and tensor ", i, " is ", t.dtype());
    mats[i] = t;
  }
  if (first_dim == 1) mats[0] = mats[0].unsqueeze(0);
  if (last_dim == 1) mats[n - 1] = mats[n - 1].unsqueeze(1);
  for (int64_t i = 0; i + 1 < n; ++i)
    WICK_CHECK(mats[i].size(1) == mats[i + 1].size(0), "multi_dot(): tensors ", i, " and ", i + 1,
               " with shapes ", mats[i].sizes(), " and ", mats[i + 1].sizes(),
               " cannot be multiplied");
  // Cheapest parenthesisation by dynamic programming over chain lengths.
  std::vector<int64_t> p(n + 1);
  for (int64_t i = 0; i < n; ++i) p[i] = mats[i].size(0);
  p[n] = mats[n - 1].size(1);
  std::vector<std::vector<double>> cost(n, std::vector<double>(n, 0));
  std::vector<std::vector<int64_t>> split(n, std::vector<int64_t>(n, 0));
  for (int64_t len = 1; len < n; ++len)
    for (int64_t i = 0; i + len < n; ++i) {
      const int64_t j = i + len;
      cost[i][j] = std::numeric_limits<double>::infinity();
      for (int64_t s = i; s < j; ++s) {
        double c = cost[i][s] + cost[s + 1][j] + double(p[i]) * double(p[s + 1]) * double(p[j + 1]);
        if (c < cost[i][j]) {
          cost[i][j] = c;
          split[i][j] = s;
        }
      }
    }
  std::function<Tensor(int64_t, int64_t)> chain = [&](int64_t i, int64_t j) -> Tensor {
    if (i == j) return mats[i];
    return mm(chain(i, split[i][j]), chain(split[i][j] + 1, j));
  };
  Tensor r = chain(0, n - 1);
  DimVector shape;
  if (first_dim == 2) shape.push_back(r.size(0));
  if (last_dim == 2) shape.push_back(r.size(1));
  return r.reshape(shape);
}

Tensor& det_out(Tensor& out, const Tensor& A) {
  autograd::check_out_no_grad("_linalg_det", out, A);
  return assign_out(out, linalg::det(A));
}
Tensor& svdvals_out(Tensor& out, const Tensor& A) {
  autograd::check_out_no_grad("_linalg_svd", out, A);
  return assign_out(out, svdvals(A));
}
Tensor& eigvalsh_out(Tensor& out, const Tensor& A, const std::string& UPLO) {
  autograd::check_out_no_grad("_linalg_eigh", out, A);
  return assign_out(out, eigvalsh(A, UPLO));
}
Tensor& pinv_out(Tensor& out, const Tensor& A, std::optional<double> atol,
                 std::optional<double> rtol, bool hermitian) {
  autograd::check_out_no_grad("linalg_pinv", out, A);
  return assign_out(out, pinv(A, atol, rtol, hermitian));
}
Tensor& matrix_power_out(Tensor& out, const Tensor& A, int64_t n) {
  autograd::check_out_no_grad("mm", out, A);
  return assign_out(out, linalg::matrix_power(A, n));
}
Tensor& matrix_rank_out(Tensor& out, const Tensor& A, std::optional<double> atol,
                        std::optional<double> rtol, bool hermitian) {
  return assign_out(out, matrix_rank(A, atol, rtol, hermitian));
}
Tensor& vector_norm_out(Tensor& out, const Tensor& x, double ord, OptionalIntArrayRef dim,
                        bool keepdim, std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("linalg_vector_norm", out, x);
  return assign_out(out, vector_norm(x, ord, dim, keepdim, dtype));
}
Tensor& matrix_norm_out(Tensor& out, const Tensor& A, const NormOrd& ord, IntArrayRef dim,
                        bool keepdim, std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("linalg_matrix_norm", out, A);
  return assign_out(out, matrix_norm(A, ord, dim, keepdim, dtype));
}
Tensor& norm_out(Tensor& out, const Tensor& A, const std::optional<NormOrd>& ord,
                 OptionalIntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("linalg_norm", out, A);
  return assign_out(out, norm(A, ord, dim, keepdim, dtype));
}
Tensor& cross_out(Tensor& out, const Tensor& input, const Tensor& other, int64_t dim) {
  autograd::check_out_no_grad("linalg_cross", out, input, other);
  return assign_out(out, linalg::cross(input, other, dim));
}
Tensor& multi_dot_out(Tensor& out, TensorList tensors) {
  autograd::check_out_no_grad("mm", out, tensors);
  return assign_out(out, multi_dot(tensors));
}

}  // namespace linalg

// ---- the torch-level spellings ------------------------------------------------------
Tensor det(const Tensor& self) { return linalg::det(self); }
Tensor logdet(const Tensor& self) {
  auto [sign, logabs] = linalg::slogdet(self);
  if (logabs.requires_grad()) {
    // NaN where det < 0: log|det| times 1 or NaN (0 / 0), recorded as a product.
    Tensor m = (sign >= 0).to(logabs.dtype());
    return logabs * (m / m);
  }
  Tensor s = sign.to(kDouble).contiguous(), l = logabs.to(kDouble).contiguous();
  Tensor r = empty(s.sizes(), TensorOptions(kDouble));
  const double* ps = s.data_ptr<double>();
  const double* pl = l.data_ptr<double>();
  double* pr = r.data_ptr<double>();
  for (int64_t i = 0; i < r.numel(); ++i)
    pr[i] = ps[i] < 0 ? std::numeric_limits<double>::quiet_NaN() : pl[i];
  return r.to(self.dtype());
}
Tensor inverse(const Tensor& self) { return linalg::inv(self); }
Tensor& inverse_out(Tensor& out, const Tensor& self) {
  autograd::check_out_no_grad("linalg_inv_ex", out, self);
  return assign_out(out, inverse(self));
}
Tensor pinverse(const Tensor& self, double rcond) { return linalg::pinv(self, 0.0, rcond); }
Tensor matrix_power(const Tensor& self, int64_t n) { return linalg::matrix_power(self, n); }

}  // namespace wick

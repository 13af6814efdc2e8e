// softmax / log_softmax / softmin and the losses. Each op's forward and its
// backward formula sit together; formulas are written with wick ops so that
// create_graph differentiates them again. The softmax kernels are one pass per
// row (max, sum of exponentials, write), parallel over rows.
#include "wick/ops/loss.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/cpu_capability.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/vec_math.h"
#include "wick/ops/activation.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"
#include "wick/ops/pointwise.h"
#include "wick/ops/reduce.h"
#include "wick/ops/shape.h"
#include "wick/ops/unary.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

int64_t reduction_from_string(const std::string& s) {
  if (s == "none") return Reduction::None;
  if (s == "mean" || s == "elementwise_mean") return Reduction::Mean;
  if (s == "sum") return Reduction::Sum;
  throw ValueError(str(s, " is not a valid value for reduction"));
}

namespace {

// ---- softmax kernels ---------------------------------------------------------------

constexpr int kLanes = 16;

template <typename A>
inline A row_max(const A* x, int64_t n) {
  // GCC vector extensions: four 16-byte maxima per step (the scalar select
  // loop is not vectorised at the SSE2 baseline).
  typedef A V __attribute__((vector_size(16)));
  constexpr int kW = 16 / sizeof(A);
  const A ninf = -std::numeric_limits<A>::infinity();
  V a0, a1, a2, a3;
  for (int k = 0; k < kW; ++k) a0[k] = a1[k] = a2[k] = a3[k] = ninf;
  int64_t j = 0;
  for (; j + 4 * kW <= n; j += 4 * kW) {
    V v0, v1, v2, v3;
    std::memcpy(&v0, x + j, 16);
    std::memcpy(&v1, x + j + kW, 16);
    std::memcpy(&v2, x + j + 2 * kW, 16);
    std::memcpy(&v3, x + j + 3 * kW, 16);
    a0 = v0 > a0 ? v0 : a0;
    a1 = v1 > a1 ? v1 : a1;
    a2 = v2 > a2 ? v2 : a2;
    a3 = v3 > a3 ? v3 : a3;
  }
  a0 = a1 > a0 ? a1 : a0;
  a2 = a3 > a2 ? a3 : a2;
  a0 = a2 > a0 ? a2 : a0;
  A m = ninf;
  for (int k = 0; k < kW; ++k) m = a0[k] > m ? a0[k] : m;
  for (; j < n; ++j) m = x[j] > m ? x[j] : m;
  // A NaN in the row need not win here: exp(NaN - m) makes the row's sum, and
  // so every output, NaN.
  return m;
}

template <typename A>
inline A row_sum(const A* x, int64_t n) {
  A acc[kLanes] = {};
  int64_t j = 0;
  for (; j + kLanes <= n; j += kLanes)
    for (int k = 0; k < kLanes; ++k) acc[k] += x[j + k];
  A s = 0;
  for (int k = 0; k < kLanes; ++k) s += acc[k];
  for (; j < n; ++j) s += x[j];
  return s;
}

template <typename A>
inline A row_dot(const A* x, const A* y, int64_t n) {
  A acc[kLanes] = {};
  int64_t j = 0;
  for (; j + kLanes <= n; j += kLanes)
    for (int k = 0; k < kLanes; ++k) acc[k] += x[j + k] * y[j + k];
  A s = 0;
  for (int k = 0; k < kLanes; ++k) s += acc[k];
  for (; j < n; ++j) s += x[j] * y[j];
  return s;
}

// One row, contiguous: y = softmax(x) or log_softmax(x). y may not alias x.
template <typename A, bool Log>
void softmax_row(const A* __restrict x, A* __restrict y, int64_t n) {
  const A m = row_max(x, n);
  for (int64_t j = 0; j < n; ++j) y[j] = kernels::vec::exp_fast(x[j] - m);
  const A s = row_sum(y, n);
  if constexpr (Log) {
    const A c = m + std::log(s);
    for (int64_t j = 0; j < n; ++j) y[j] = x[j] - c;
  } else {
    const A inv = A(1) / s;
    for (int64_t j = 0; j < n; ++j) y[j] *= inv;
  }
}

// A block of `w` adjacent columns (stride `inner` between rows of the
// reduced dim): x[j * inner + i], j < n, i < w.
template <typename A, bool Log>
void softmax_cols(const A* x, A* y, int64_t n, int64_t inner, int64_t w, A* mbuf, A* sbuf) {
  for (int64_t i = 0; i < w; ++i) {
    mbuf[i] = -std::numeric_limits<A>::infinity();
    sbuf[i] = 0;
  }
  for (int64_t j = 0; j < n; ++j) {
    const A* xr = x + j * inner;
    for (int64_t i = 0; i < w; ++i) mbuf[i] = (xr[i] > mbuf[i] || xr[i] != xr[i]) ? xr[i] : mbuf[i];
  }
  for (int64_t j = 0; j < n; ++j) {
    const A* xr = x + j * inner;
    A* yr = y + j * inner;
    for (int64_t i = 0; i < w; ++i) {
      const A e = kernels::vec::exp_fast(xr[i] - mbuf[i]);
      sbuf[i] += e;
      if constexpr (!Log) yr[i] = e;
    }
  }
  if constexpr (Log) {
    for (int64_t i = 0; i < w; ++i) mbuf[i] += std::log(sbuf[i]);
    for (int64_t j = 0; j < n; ++j) {
      const A* xr = x + j * inner;
      A* yr = y + j * inner;
      for (int64_t i = 0; i < w; ++i) yr[i] = xr[i] - mbuf[i];
    }
  } else {
    for (int64_t i = 0; i < w; ++i) sbuf[i] = A(1) / sbuf[i];
    for (int64_t j = 0; j < n; ++j) {
      A* yr = y + j * inner;
      for (int64_t i = 0; i < w; ++i) yr[i] *= sbuf[i];
    }
  }
}

// Backward of one row: softmax: gi = y * (g - <g, y>); log_softmax: gi = g - exp(y) * sum(g).
template <typename A, bool Log>
void softmax_backward_row(const A* __restrict g, const A* __restrict y, A* __restrict gi, int64_t n) {
  if constexpr (Log) {
    const A s = row_sum(g, n);
    for (int64_t j = 0; j < n; ++j) gi[j] = g[j] - kernels::vec::exp_fast(y[j]) * s;
  } else {
    const A d = row_dot(g, y, n);
    for (int64_t j = 0; j < n; ++j) gi[j] = y[j] * (g[j] - d);
  }
}

template <typename A, bool Log>
void softmax_backward_cols(const A* g, const A* y, A* gi, int64_t n, int64_t inner, int64_t w,
                           A* sbuf) {
  for (int64_t i = 0; i < w; ++i) sbuf[i] = 0;
  for (int64_t j = 0; j < n; ++j) {
    const A* gr = g + j * inner;
    const A* yr = y + j * inner;
    if constexpr (Log) {
      for (int64_t i = 0; i < w; ++i) sbuf[i] += gr[i];
    } else {
      for (int64_t i = 0; i < w; ++i) sbuf[i] += gr[i] * yr[i];
    }
  }
  for (int64_t j = 0; j < n; ++j) {
    const A* gr = g + j * inner;
    const A* yr = y + j * inner;
    A* o = gi + j * inner;
    if constexpr (Log) {
      for (int64_t i = 0; i < w; ++i) o[i] = gr[i] - kernels::vec::exp_fast(yr[i]) * sbuf[i];
    } else {
      for (int64_t i = 0; i < w; ++i) o[i] = yr[i] * (gr[i] - sbuf[i]);
    }
  }
}

// ---- float rows with AVX2/AVX-512 copies --------------------------------------------
// The same row kernels on GCC vector types of W bytes (max, sums) and loops the
// compiler vectorises (vec::exp, scaling), always inlined into functions that
// carry the target attribute, picked by cpu_capability(). No FMA contraction.

template <int W>
struct VecF {
  typedef float type __attribute__((vector_size(W)));
};

template <int W>
[[gnu::always_inline]] inline float vrow_max(const float* x, int64_t n) {
  using V = typename VecF<W>::type;
  constexpr int kW = W / 4;
  const float ninf = -std::numeric_limits<float>::infinity();
  V a[4];
  for (auto& v : a) v = V{} + ninf;
  int64_t j = 0;
  for (; j + 4 * kW <= n; j += 4 * kW)
    for (int k = 0; k < 4; ++k) {
      V v;
      std::memcpy(&v, x + j + k * kW, sizeof(V));
      a[k] = v > a[k] ? v : a[k];
    }
  float m = ninf;
  for (int k = 0; k < 4; ++k)
    for (int l = 0; l < kW; ++l) m = a[k][l] > m ? a[k][l] : m;
  for (; j < n; ++j) m = x[j] > m ? x[j] : m;
  return m;  // a NaN need not win: it makes the row's sum, so every output, NaN
}

// 4 vector accumulators (>= 16 lanes), tail into the first lanes, pairwise tree.
template <int W, bool Dot>
[[gnu::always_inline]] inline float vrow_sum(const float* x, const float* y, int64_t n) {
  using V = typename VecF<W>::type;
  constexpr int kW = W / 4;
  constexpr int kL = 4 * kW < 16 ? 16 : 4 * kW;
  constexpr int kNV = kL / kW;
  V acc[kNV];
  for (auto& v : acc) v = V{};
  int64_t j = 0;
  for (; j + kL <= n; j += kL)
    for (int k = 0; k < kNV; ++k) {
      V v;
      std::memcpy(&v, x + j + k * kW, sizeof(V));
      if constexpr (Dot) {
        V u;
        std::memcpy(&u, y + j + k * kW, sizeof(V));
        v *= u;
      }
      acc[k] += v;
    }
  if (j < n) {
    float lane[kL];
    std::memcpy(lane, acc, sizeof(lane));
    for (int l = 0; j < n; ++j, ++l) lane[l] += Dot ? x[j] * y[j] : x[j];
    std::memcpy(acc, lane, sizeof(lane));
  }
  for (int nv = kNV / 2; nv > 0; nv /= 2)  // the lane tree, whole vectors first
    for (int k = 0; k < nv; ++k) acc[k] += acc[k + nv];
  float lane[kW];
  std::memcpy(lane, &acc[0], sizeof(lane));
  for (int w = kW / 2; w > 0; w /= 2)
    for (int l = 0; l < w; ++l) lane[l] += lane[l + w];
  return lane[0];
}

template <int W, bool Log>
[[gnu::always_inline]] inline void vsoftmax_row(const float* __restrict x, float* __restrict y,
                                                int64_t n) {
  const float m = vrow_max<W>(x, n);
  for (int64_t j = 0; j < n; ++j) y[j] = kernels::vec::exp(x[j] - m);
  const float s = vrow_sum<W, false>(y, nullptr, n);
  if constexpr (Log) {
    const float c = m + std::log(s);
    for (int64_t j = 0; j < n; ++j) y[j] = x[j] - c;
  } else {
    const float inv = 1.0f / s;
    for (int64_t j = 0; j < n; ++j) y[j] *= inv;
  }
}

template <int W, bool Log>
[[gnu::always_inline]] inline void vsoftmax_backward_row(const float* __restrict g,
                                                         const float* __restrict y,
                                                         float* __restrict gi, int64_t n) {
  if constexpr (Log) {
    const float s = vrow_sum<W, false>(g, nullptr, n);
    for (int64_t j = 0; j < n; ++j) gi[j] = g[j] - kernels::vec::exp(y[j]) * s;
  } else {
    const float d = vrow_sum<W, true>(g, y, n);
    for (int64_t j = 0; j < n; ++j) gi[j] = y[j] * (g[j] - d);
  }
}

// rows [b, e) of length n
template <bool Log>
void softmax_rows_default(const float* x, float* y, int64_t n, int64_t b, int64_t e) {
  for (int64_t i = b; i < e; ++i) vsoftmax_row<16, Log>(x + i * n, y + i * n, n);
}
template <bool Log>
WICK_TARGET_AVX2 void softmax_rows_avx2(const float* x, float* y, int64_t n, int64_t b, int64_t e) {
  for (int64_t i = b; i < e; ++i) vsoftmax_row<32, Log>(x + i * n, y + i * n, n);
}
template <bool Log>
WICK_TARGET_AVX512 void softmax_rows_avx512(const float* x, float* y, int64_t n, int64_t b,
                                            int64_t e) {
  for (int64_t i = b; i < e; ++i) vsoftmax_row<64, Log>(x + i * n, y + i * n, n);
}
template <bool Log>
void softmax_backward_rows_default(const float* g, const float* y, float* gi, int64_t n, int64_t b,
                                   int64_t e) {
  for (int64_t i = b; i < e; ++i) vsoftmax_backward_row<16, Log>(g + i * n, y + i * n, gi + i * n, n);
}
template <bool Log>
WICK_TARGET_AVX2 void softmax_backward_rows_avx2(const float* g, const float* y, float* gi,
                                                 int64_t n, int64_t b, int64_t e) {
  for (int64_t i = b; i < e; ++i) vsoftmax_backward_row<32, Log>(g + i * n, y + i * n, gi + i * n, n);
}
template <bool Log>
WICK_TARGET_AVX512 void softmax_backward_rows_avx512(const float* g, const float* y, float* gi,
                                                     int64_t n, int64_t b, int64_t e) {
  for (int64_t i = b; i < e; ++i) vsoftmax_backward_row<64, Log>(g + i * n, y + i * n, gi + i * n, n);
}

template <bool Log>
auto softmax_rows_for(CpuCapability c) {
  switch (c) {
    case CpuCapability::AVX512: return &softmax_rows_avx512<Log>;
    case CpuCapability::AVX2: return &softmax_rows_avx2<Log>;
    default: return &softmax_rows_default<Log>;
  }
}
template <bool Log>
auto softmax_backward_rows_for(CpuCapability c) {
  switch (c) {
    case CpuCapability::AVX512: return &softmax_backward_rows_avx512<Log>;
    case CpuCapability::AVX2: return &softmax_backward_rows_avx2<Log>;
    default: return &softmax_backward_rows_default<Log>;
  }
}

// Contiguous rows of n floats, split over threads.
template <typename F>
void for_rows(int64_t rows, int64_t n, const F& f) {
  const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(n, 1));
  parallel_for(0, rows, grain, [&](int64_t b, int64_t e) { f(b, e); });
}

constexpr int64_t kColBlock = 64;

struct Geometry {
  int64_t outer = 1, n = 1, inner = 1;
};
Geometry geometry(const Tensor& t, int64_t dim) {
  Geometry g;
  if (t.dim() == 0) return g;
  for (int64_t d = 0; d < dim; ++d) g.outer *= t.size(d);
  g.n = t.size(dim);
  for (int64_t d = dim + 1; d < t.dim(); ++d) g.inner *= t.size(d);
  return g;
}

// Runs `row(i)` for every row (inner == 1) or `cols(o, i0, w)` for every
// block of columns, in parallel.
template <typename Row, typename Cols>
void for_each_line(const Geometry& geo, Row&& row, Cols&& cols) {
  if (geo.n == 0 || geo.outer == 0 || geo.inner == 0) return;
  if (geo.inner == 1) {
    const int64_t grain = std::max<int64_t>(1, 8192 / std::max<int64_t>(geo.n, 1));
    parallel_for(0, geo.outer, grain, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) row(i);
    });
    return;
  }
  const int64_t nblk = (geo.inner + kColBlock - 1) / kColBlock;
  const int64_t tasks = geo.outer * nblk;
  const int64_t per_task = geo.n * std::min(geo.inner, kColBlock);
  const int64_t grain = std::max<int64_t>(1, 8192 / std::max<int64_t>(per_task, 1));
  parallel_for(0, tasks, grain, [&](int64_t b, int64_t e) {
    for (int64_t t = b; t < e; ++t) {
      const int64_t o = t / nblk, blk = t % nblk;
      const int64_t i0 = blk * kColBlock;
      cols(o, i0, std::min(kColBlock, geo.inner - i0));
    }
  });
}

template <bool Log>
const char* softmax_kernel_name(bool lastdim) {
  if (Log) return lastdim ? "log_softmax_lastdim_kernel_impl" : "log_softmax_kernel_impl";
  return lastdim ? "softmax_lastdim_kernel_impl" : "softmax_kernel_impl";
}

template <bool Log>
Tensor softmax_forward_kernel(const Tensor& x_in, int64_t dim) {
  const bool lastdim = x_in.dim() == 0 || dim == x_in.dim() - 1;
  const ScalarType st = x_in.dtype();
  if (!is_floating_type(st))
    WICK_DISPATCH_FLOATING_AND_HALF(st, softmax_kernel_name<Log>(lastdim), [&] { (void)sizeof(scalar_t); });
  // Half and bfloat16 compute in float.
  const bool low = st == kHalf || st == kBFloat16;
  Tensor x = (low ? x_in.to(kFloat) : x_in).contiguous();
  Tensor y = empty(x.sizes(), TensorOptions(x.dtype()));
  const Geometry geo = geometry(x, dim);
  if (x.dtype() == kFloat && geo.inner == 1) {
    if (geo.n == 0 || geo.outer == 0) return low ? y.to(st) : y;
    const float* xp = x.data_ptr<float>();
    float* yp = y.data_ptr<float>();
    auto rows = softmax_rows_for<Log>(cpu_capability());
    for_rows(geo.outer, geo.n, [&](int64_t b, int64_t e) { rows(xp, yp, geo.n, b, e); });
    return low ? y.to(st) : y;
  }
  WICK_DISPATCH_FLOATING_TYPES(x.dtype(), softmax_kernel_name<Log>(lastdim), [&] {
    const scalar_t* xp = x.data_ptr<scalar_t>();
    scalar_t* yp = y.data_ptr<scalar_t>();
    for_each_line(
        geo, [&](int64_t i) { softmax_row<scalar_t, Log>(xp + i * geo.n, yp + i * geo.n, geo.n); },
        [&](int64_t o, int64_t i0, int64_t w) {
          scalar_t mbuf[kColBlock], sbuf[kColBlock];
          const int64_t off = o * geo.n * geo.inner + i0;
          softmax_cols<scalar_t, Log>(xp + off, yp + off, geo.n, geo.inner, w, mbuf, sbuf);
        });
  });
  return low ? y.to(st) : y;
}

template <bool Log>
Tensor softmax_backward_kernel(const Tensor& g_in, const Tensor& y_in, int64_t dim) {
  const ScalarType st = y_in.dtype();
  const bool low = st == kHalf || st == kBFloat16;
  const ScalarType ct = low ? kFloat : st;
  Tensor g = g_in.to(ct).contiguous();
  Tensor y = y_in.to(ct).contiguous();
  if (g.sizes() != y.sizes()) g = g.expand(y.sizes()).contiguous();
  Tensor gi = empty(y.sizes(), TensorOptions(ct));
  const Geometry geo = geometry(y, dim);
  if (ct == kFloat && geo.inner == 1) {
    if (geo.n == 0 || geo.outer == 0) return low ? gi.to(st) : gi;
    const float* gp = g.data_ptr<float>();
    const float* yp = y.data_ptr<float>();
    float* op = gi.data_ptr<float>();
    auto rows = softmax_backward_rows_for<Log>(cpu_capability());
    for_rows(geo.outer, geo.n, [&](int64_t b, int64_t e) { rows(gp, yp, op, geo.n, b, e); });
    return low ? gi.to(st) : gi;
  }
  WICK_DISPATCH_FLOATING_TYPES(ct, Log ? "log_softmax_backward" : "softmax_backward", [&] {
    const scalar_t* gp = g.data_ptr<scalar_t>();
    const scalar_t* yp = y.data_ptr<scalar_t>();
    scalar_t* op = gi.data_ptr<scalar_t>();
    for_each_line(
        geo,
        [&](int64_t i) {
          softmax_backward_row<scalar_t, Log>(gp + i * geo.n, yp + i * geo.n, op + i * geo.n, geo.n);
        },
        [&](int64_t o, int64_t i0, int64_t w) {
          scalar_t sbuf[kColBlock];
          const int64_t off = o * geo.n * geo.inner + i0;
          softmax_backward_cols<scalar_t, Log>(gp + off, yp + off, op + off, geo.n, geo.inner, w,
                                               sbuf);
        });
  });
  return low ? gi.to(st) : gi;
}

// saved(0): the output; int_at(0): the dim.
variable_list softmax_backward(FormulaNode& n, const variable_list& g) {
  Tensor y = n.saved(0);
  const int64_t d = n.int_at(0);
  if (autograd::GradMode::is_enabled()) {
    if (y.dim() == 0) return {y * (g[0] - g[0] * y)};
    return {y * (g[0] - (g[0] * y).sum({d}, true))};
  }
  return {softmax_backward_kernel<false>(g[0], y, d)};
}

variable_list log_softmax_backward(FormulaNode& n, const variable_list& g) {
  Tensor y = n.saved(0);
  const int64_t d = n.int_at(0);
  if (autograd::GradMode::is_enabled()) {
    if (y.dim() == 0) return {g[0] - y.exp() * g[0]};
    return {g[0] - y.exp() * g[0].sum({d}, true)};
  }
  return {softmax_backward_kernel<true>(g[0], y, d)};
}

template <bool Log>
Tensor softmax_impl(const Tensor& self, int64_t dim_in, std::optional<ScalarType> dtype) {
  Tensor x = (dtype && *dtype != self.dtype()) ? self.to(*dtype) : self;
  const int64_t dim = maybe_wrap_dim(dim_in, x.dim());
  Tensor y;
  {
    autograd::NoGradGuard guard;
    y = softmax_forward_kernel<Log>(x, dim);
  }
  if (autograd::compute_requires_grad(x)) {
    if (FormulaNode* n = autograd::record(Log ? "LogSoftmaxBackward0" : "SoftmaxBackward0",
                                          Log ? log_softmax_backward : softmax_backward, {x}, {y}))
      n->save_output(y)->keep_int(dim);
  }
  return y;
}

}  // namespace

Tensor softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return softmax_impl<false>(self, dim, dtype);
}
Tensor log_softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return softmax_impl<true>(self, dim, dtype);
}
Tensor softmin(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  Tensor x = (dtype && *dtype != self.dtype()) ? self.to(*dtype) : self;
  return softmax_impl<false>(-x, dim, std::nullopt);
}
Tensor _softmax_backward_data(const Tensor& grad_output, const Tensor& output, int64_t dim) {
  return softmax_backward_kernel<false>(grad_output, output, maybe_wrap_dim(dim, output.dim()));
}
Tensor _log_softmax_backward_data(const Tensor& grad_output, const Tensor& output, int64_t dim) {
  return softmax_backward_kernel<true>(grad_output, output, maybe_wrap_dim(dim, output.dim()));
}

Tensor Tensor::softmax(int64_t dim, std::optional<ScalarType> dtype) const {
  return wick::softmax(*this, dim, dtype);
}
Tensor Tensor::log_softmax(int64_t dim, std::optional<ScalarType> dtype) const {
  return wick::log_softmax(*this, dim, dtype);
}

// ---- shared loss helpers ---------------------------------------------------------------

namespace {

Tensor apply_reduction(const Tensor& l, int64_t reduction) {
  if (reduction == Reduction::Mean) return l.mean();
  if (reduction == Reduction::Sum) return l.sum();
  return l;
}

void check_reduction(int64_t reduction) {
  WICK_CHECK_T(ValueError, reduction >= 0 && reduction <= 2, reduction,
               " is not a valid value for reduction");
}

// The gradient of a reduced loss at each element: g itself for 'none' and
// 'sum' (a 0-dim g broadcasts), g / numel for 'mean'.
Tensor elementwise_grad(const Tensor& g, int64_t reduction, int64_t numel) {
  if (reduction == Reduction::Mean) return g / static_cast<double>(std::max<int64_t>(numel, 1));
  return g;
}

// Records `name` over `inputs` for a loss computed without history.
FormulaNode* record_loss(const char* name, autograd::Formula f, TensorList inputs,
                         const Tensor& out) {
  return autograd::record(name, f, inputs, {out});
}

}  // namespace

// ---- nll_loss -----------------------------------------------------------------------------

namespace {

// Forward over x viewed as (N, C, S) and target as (N, S). Fills `out` ('none':
// (N*S) values) or returns {sum, total_weight}; `coef` (N, C, S), when given,
// receives d loss / d x for an upstream gradient of 1.
template <typename T>
std::pair<double, double> nll_kernel(const T* x, const int64_t* t, const T* w, int64_t N, int64_t C,
                                     int64_t S, int64_t ignore_index, int64_t reduction, T* out,
                                     T* coef) {
  // Bounds first (PyTorch's IndexError), then the sums.
  for (int64_t i = 0; i < N * S; ++i) {
    const int64_t c = t[i];
    if (c != ignore_index && (c < 0 || c >= C)) throw IndexError(str("Target ", c, " is out of bounds."));
  }
  double total = 0, total_w = 0;
  for (int64_t n = 0; n < N; ++n) {
    for (int64_t s = 0; s < S; ++s) {
      const int64_t c = t[n * S + s];
      double wt = 0, v = 0;
      if (c != ignore_index) {
        wt = w ? static_cast<double>(w[c]) : 1.0;
        v = -wt * static_cast<double>(x[(n * C + c) * S + s]);
      }
      if (reduction == Reduction::None) out[n * S + s] = static_cast<T>(v);
      total += v;
      total_w += wt;
    }
  }
  if (coef) {
    const double scale = reduction == Reduction::Mean ? 1.0 / total_w : 1.0;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t s = 0; s < S; ++s) {
        const int64_t c = t[n * S + s];
        if (c == ignore_index) continue;
        const double wt = w ? static_cast<double>(w[c]) : 1.0;
        coef[(n * C + c) * S + s] = static_cast<T>(-wt * scale);
      }
  }
  return {total, total_w};
}

// saved(0): coef (N, C, S) reshaped like input; int_at(0): reduction.
// sizes(0): the 'none' output's shape viewed as (N, 1, S).
variable_list nll_backward(FormulaNode& n, const variable_list& g) {
  Tensor coef = n.saved(0);
  if (n.int_at(0) == Reduction::None) {
    Tensor gv = g[0].reshape(n.sizes(0));
    return {(coef.reshape(n.sizes(1)) * gv).reshape(coef.sizes())};
  }
  return {coef * g[0]};
}

void check_same_dtype(const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dtype() == b.dtype(), "expected scalar type ", to_string(a.dtype()), " but found ",
             to_string(b.dtype()));
}

Tensor nll_core(const Tensor& self, const Tensor& target, const Tensor& weight, int64_t reduction,
                int64_t ignore_index, const char* name) {
  check_reduction(reduction);
  WICK_CHECK(target.dtype() == kLong, "expected scalar type Long but found ", to_string(target.dtype()));
  WICK_CHECK(is_floating_type(self.dtype()), "\"nll_loss_out_frame\" not implemented for '",
             to_string(self.dtype()), "'");
  const int64_t C = self.dim() <= 1 ? self.numel() : self.size(1);
  const int64_t N = self.dim() <= 1 ? 1 : self.size(0);
  int64_t S = 1;
  for (int64_t d = 2; d < self.dim(); ++d) S *= self.size(d);
  if (weight.defined()) {
    WICK_CHECK(weight.numel() == C, "weight tensor should be defined either for all ", C,
               " classes or no classes but got weight tensor of shape: ", weight.sizes());
    check_same_dtype(self, weight);
  }
  DimVector out_shape;
  if (self.dim() >= 2) {
    out_shape.push_back(N);
    for (int64_t d = 2; d < self.dim(); ++d) out_shape.push_back(self.size(d));
  }
  const bool low = self.dtype() == kHalf || self.dtype() == kBFloat16;
  const ScalarType ct = low ? kFloat : self.dtype();
  Tensor x = self.to(ct).contiguous();
  Tensor t = target.contiguous();
  Tensor w = weight.defined() ? weight.to(ct).contiguous() : Tensor();
  const bool grad = autograd::compute_requires_grad(self);
  Tensor out = reduction == Reduction::None ? empty(out_shape, TensorOptions(ct)) : Tensor();
  Tensor coef = grad ? zeros(x.sizes(), TensorOptions(ct)) : Tensor();
  double total = 0, total_w = 0;
  WICK_DISPATCH_FLOATING_TYPES(ct, "nll_loss_out_frame", [&] {
    auto r = nll_kernel<scalar_t>(x.data_ptr<scalar_t>(), t.data_ptr<int64_t>(),
                                  w.defined() ? w.data_ptr<scalar_t>() : nullptr, N, C, S, ignore_index,
                                  reduction, out.defined() ? out.data_ptr<scalar_t>() : nullptr,
                                  coef.defined() ? coef.data_ptr<scalar_t>() : nullptr);
    total = r.first;
    total_w = r.second;
  });
  if (reduction == Reduction::Sum) out = scalar_tensor(total, TensorOptions(ct));
  if (reduction == Reduction::Mean) out = scalar_tensor(total / total_w, TensorOptions(ct));
  if (low) {
    out = out.to(self.dtype());
    if (coef.defined()) coef = coef.to(self.dtype());
  }
  if (grad) {
    if (FormulaNode* n = record_loss(name, nll_backward, {self}, out)) {
      n->save(coef)->keep_int(reduction);
      n->keep(IntArrayRef({N, 1, S}))->keep(IntArrayRef({N, C, S}));
    }
  }
  return out;
}

}  // namespace

Tensor nll_loss(const Tensor& self, const Tensor& target, const Tensor& weight, int64_t reduction,
                int64_t ignore_index) {
  WICK_CHECK(self.dim() > 0 && self.dim() <= 2, "input tensor should be 1D or 2D");
  WICK_CHECK(target.dim() <= 1, "0D or 1D target tensor expected, multi-target not supported");
  const bool no_batch = self.dim() == 1 && target.dim() == 0;
  WICK_CHECK(no_batch || self.size(0) == target.size(0), "size mismatch (got input: ", self.sizes(),
             ", target: ", target.sizes(), ")");
  return nll_core(self, target, weight, reduction, ignore_index, "NllLossBackward0");
}

Tensor nll_loss2d(const Tensor& self, const Tensor& target, const Tensor& weight, int64_t reduction,
                  int64_t ignore_index) {
  WICK_CHECK(target.dim() == 3, "only batches of spatial targets supported (3D tensors) but got targets of dimension: ",
             target.dim());
  WICK_CHECK(self.dim() == 4, "only batches of spatial inputs supported (4D tensors), but got input of dimension: ",
             self.dim());
  WICK_CHECK(self.size(0) == target.size(0) && self.size(2) == target.size(1) &&
                 self.size(3) == target.size(2),
             "input and target batch or spatial sizes don't match: target ", target.sizes(),
             ", input ", self.sizes());
  return nll_core(self, target, weight, reduction, ignore_index, "NllLoss2DBackward0");
}

Tensor nll_loss_nd(const Tensor& self, const Tensor& target, const Tensor& weight, int64_t reduction,
                   int64_t ignore_index) {
  WICK_CHECK(self.dim() >= 1, "Expected 1 or more dimensions (got ", self.dim(), ")");
  if (self.dim() != 1 && target.dim() >= 1 && self.size(0) != target.size(0))
    throw ValueError(str("Expected input batch_size (", self.size(0), ") to match target batch_size (",
                         target.size(0), ")."));
  if (self.dim() <= 2) return nll_loss(self, target, weight, reduction, ignore_index);
  if (self.dim() == 4) return nll_loss2d(self, target, weight, reduction, ignore_index);
  DimVector expected{self.size(0)};
  for (int64_t d = 2; d < self.dim(); ++d) expected.push_back(self.size(d));
  WICK_CHECK(target.sizes() == IntArrayRef(expected), "Expected target size ", IntArrayRef(expected),
             ", got ", target.sizes());
  check_reduction(reduction);
  return nll_core(self, target, weight, reduction, ignore_index, "NllLoss2DBackward0");
}

// ---- cross_entropy -------------------------------------------------------------------------

namespace {
// weight (C,) viewed to broadcast along the class dim of an input of `ndim` dims.
Tensor class_view(const Tensor& weight, int64_t ndim, int64_t class_dim) {
  DimVector shape(static_cast<size_t>(ndim), 1);
  shape[static_cast<size_t>(class_dim)] = weight.numel();
  return weight.view(shape);
}
}  // namespace

Tensor cross_entropy_loss(const Tensor& self, const Tensor& target, const Tensor& weight,
                          int64_t reduction, int64_t ignore_index, double label_smoothing) {
  check_reduction(reduction);
  const int64_t class_dim = self.dim() == 1 ? 0 : 1;
  WICK_CHECK(label_smoothing >= 0.0 && label_smoothing <= 1.0,
             "label_smoothing must be between 0.0 and 1.0. Got: ", label_smoothing);
  if (self.sizes() == target.sizes()) {
    // Class probabilities.
    WICK_CHECK(is_floating_type(target.dtype()),
               "Expected floating point type for target with class probabilities, got ",
               to_string(target.dtype()));
    WICK_CHECK(ignore_index < 0, "ignore_index is not supported for floating point target");
    const int64_t C = self.size(class_dim);
    Tensor logp = log_softmax(self, class_dim);
    Tensor tgt = target;
    if (label_smoothing > 0) tgt = tgt * (1 - label_smoothing) + label_smoothing / static_cast<double>(C);
    Tensor prod = logp * tgt;
    if (weight.defined()) prod = prod * class_view(weight, self.dim(), class_dim);
    if (reduction == Reduction::Mean) {
      if (self.numel() == 0) return -prod.sum() / 0.0;
      return -prod.sum() / static_cast<double>(self.numel() / C);
    }
    if (reduction == Reduction::Sum) return -prod.sum();
    return -prod.sum({class_dim});
  }
  Tensor logp = log_softmax(self, class_dim);
  Tensor nll = nll_loss_nd(logp, target, weight, reduction, ignore_index);
  if (label_smoothing <= 0) return nll;
  const int64_t C = self.size(class_dim);
  Tensor ignore_mask = target.eq(Scalar(ignore_index));
  Tensor smooth = weight.defined() ? -(logp * class_view(weight, self.dim(), class_dim)).sum({class_dim})
                                   : -logp.sum({class_dim});
  smooth = smooth.masked_fill(ignore_mask, 0.0);
  Tensor ret;
  if (reduction == Reduction::Mean) {
    if (weight.defined()) {
      Tensor kept = target.masked_select(ignore_mask.logical_not());
      ret = smooth.sum() / weight.gather(0, kept.flatten()).sum();
    } else {
      ret = smooth.sum() / ignore_mask.logical_not().sum();
    }
  } else if (reduction == Reduction::Sum) {
    ret = smooth.sum();
  } else {
    ret = smooth;
  }
  return nll * (1 - label_smoothing) + ret * (label_smoothing / static_cast<double>(C));
}

// ---- pointwise losses with their own nodes -----------------------------------------------------

namespace {

// saved(0) input, saved(1) target; int_at(0) reduction, int_at(1) numel.
variable_list mse_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), t = n.saved(1);
  Tensor gx = (x - t) * elementwise_grad(g[0], n.int_at(0), n.int_at(1)) * 2.0;
  return {n.needs(0) ? gx : Tensor(), n.needs(1) ? -gx : Tensor()};
}

// scalar(0): beta.
variable_list smooth_l1_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), t = n.saved(1);
  const double beta = n.scalar(0).toDouble();
  Tensor d = x - t;
  Tensor local = beta == 0.0 ? d.sign() : where(d.abs().lt(beta), d / beta, d.sign());
  Tensor gx = local * elementwise_grad(g[0], n.int_at(0), n.int_at(1));
  return {n.needs(0) ? gx : Tensor(), n.needs(1) ? -gx : Tensor()};
}

// scalar(0): delta.
variable_list huber_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), t = n.saved(1);
  const double delta = n.scalar(0).toDouble();
  Tensor gx = (x - t).clamp(-delta, delta) * elementwise_grad(g[0], n.int_at(0), n.int_at(1));
  return {n.needs(0) ? gx : Tensor(), n.needs(1) ? -gx : Tensor()};
}

// saved(0) input, saved(1) target, saved(2) weight (maybe undefined).
variable_list bce_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), t = n.saved(1), w = n.saved(2);
  Tensor ge = elementwise_grad(g[0], n.int_at(0), n.int_at(1));
  if (w.defined()) ge = ge * w;
  Tensor gx, gt;
  if (n.needs(0)) gx = ge * (x - t) / ((1 - x) * x).clamp_min(1e-12);
  if (n.needs(1)) gt = ge * ((1 - x).log().clamp_min(-100) - x.log().clamp_min(-100));
  return {gx, gt};
}

// saved(0) input, saved(1) target, saved(2) weight, saved(3) pos_weight.
variable_list bce_logits_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), t = n.saved(1), w = n.saved(2), pw = n.saved(3);
  Tensor ge = elementwise_grad(g[0], n.int_at(0), n.int_at(1));
  if (w.defined()) ge = ge * w;
  Tensor gx, gt;
  if (pw.defined()) {
    Tensor pt = pw * t;
    if (n.needs(0)) gx = ge * (x.sigmoid() * (pt + 1 - t) - pt);
    if (n.needs(1)) {
      Tensor sp = (-x).clamp_min(0) + (-x.abs()).exp().log1p();  // softplus(-x)
      gt = ge * ((pw - 1) * sp - x);
    }
  } else {
    if (n.needs(0)) gx = ge * (x.sigmoid() - t);
    if (n.needs(1)) gt = -ge * x;
  }
  return {gx, gt};
}

variable_list soft_margin_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), t = n.saved(1);
  Tensor ge = elementwise_grad(g[0], n.int_at(0), n.int_at(1));
  Tensor gx, gt;
  if (n.needs(0)) gx = -t * (-t * x).sigmoid() * ge;
  if (n.needs(1)) gt = -x * (-t * x).sigmoid() * ge;
  return {gx, gt};
}

template <typename Compute>
Tensor pointwise_loss(const char* name, autograd::Formula f, const Tensor& self, const Tensor& target,
                      int64_t reduction, Compute&& compute, std::optional<Scalar> param = std::nullopt,
                      const Tensor& w = {}, const Tensor& pw = {}, bool save_weights = false) {
  check_reduction(reduction);
  Tensor l, out;
  {
    autograd::NoGradGuard guard;
    l = compute();
    out = apply_reduction(l, reduction);
  }
  if (autograd::compute_requires_grad(self, target)) {
    if (FormulaNode* n = record_loss(name, f, {self, target}, out)) {
      n->save(self)->save(target);
      if (save_weights) n->save(w)->save(pw);
      n->keep_int(reduction)->keep_int(l.numel());
      if (param) n->keep(*param);
    }
  }
  return out;
}

}  // namespace

Tensor mse_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  return pointwise_loss("MseLossBackward0", mse_backward, self, target, reduction, [&] {
    Tensor d = self - target;
    return d * d;
  });
}

Tensor l1_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  check_reduction(reduction);
  return apply_reduction((self - target).abs(), reduction);
}

Tensor smooth_l1_loss(const Tensor& self, const Tensor& target, int64_t reduction, double beta) {
  WICK_CHECK(beta >= 0, "smooth_l1_loss does not support negative values for beta.");
  return pointwise_loss(
      "SmoothL1LossBackward0", smooth_l1_backward, self, target, reduction,
      [&] {
        Tensor d = (self - target).abs();
        if (beta == 0.0) return d;
        return where(d.lt(beta), d * d * (0.5 / beta), d - 0.5 * beta);
      },
      Scalar(beta));
}

Tensor huber_loss(const Tensor& self, const Tensor& target, int64_t reduction, double delta) {
  WICK_CHECK(delta > 0, "huber_loss does not support non-positive values for delta.");
  return pointwise_loss(
      "HuberLossBackward0", huber_backward, self, target, reduction,
      [&] {
        Tensor d = (self - target).abs();
        return where(d.lt(delta), d * d * 0.5, (d - 0.5 * delta) * delta);
      },
      Scalar(delta));
}

Tensor binary_cross_entropy(const Tensor& self, const Tensor& target, const Tensor& weight,
                            int64_t reduction) {
  {
    autograd::NoGradGuard guard;
    WICK_CHECK(!(self.lt(0).logical_or(self.gt(1))).any().item<bool>(),
               "all elements of input should be between 0 and 1");
  }
  return pointwise_loss(
      "BinaryCrossEntropyBackward0", bce_backward, self, target, reduction,
      [&] {
        Tensor l = -(target * self.log().clamp_min(-100) + (1 - target) * (1 - self).log().clamp_min(-100));
        return weight.defined() ? l * weight : l;
      },
      std::nullopt, weight, Tensor(), true);
}

Tensor binary_cross_entropy_with_logits(const Tensor& self, const Tensor& target, const Tensor& weight,
                                        const Tensor& pos_weight, int64_t reduction) {
  return pointwise_loss(
      "BinaryCrossEntropyWithLogitsBackward0", bce_logits_backward, self, target, reduction,
      [&] {
        // -log(sigmoid(x)) = max(-x, 0) + log1p(exp(-|x|))
        Tensor nls = (-self).clamp_min(0) + (-self.abs()).exp().log1p();
        Tensor l = pos_weight.defined() ? (1 - target) * self + (1 + (pos_weight - 1) * target) * nls
                                        : (1 - target) * self + nls;
        return weight.defined() ? l * weight : l;
      },
      std::nullopt, weight, pos_weight, true);
}

Tensor soft_margin_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  return pointwise_loss("SoftMarginLossBackward0", soft_margin_backward, self, target, reduction,
                        [&] { return (-target * self).exp().log1p(); });
}

Tensor kl_div(const Tensor& self, const Tensor& target, int64_t reduction, bool log_target) {
  check_reduction(reduction);
  Tensor l = log_target ? target.exp() * (target - self) : xlogy(target, target) - target * self;
  return apply_reduction(l, reduction);
}

// ---- composite losses ----------------------------------------------------------------------------

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool log_input, bool full, double eps,
                        int64_t reduction) {
  check_reduction(reduction);
  Tensor loss = log_input ? input.exp() - target * input : input - target * (input + eps).log();
  if (full) {
    Tensor stirling = target * target.log() - target + (target * (2 * M_PI)).log() * 0.5;
    loss = loss + stirling.masked_fill(target.le(1), 0);
  }
  return apply_reduction(loss, reduction);
}

Tensor gaussian_nll_loss(const Tensor& input, const Tensor& target, const Tensor& var_in, bool full,
                         double eps, int64_t reduction) {
  check_reduction(reduction);
  Tensor var = var_in;
  if (var.sizes() != input.sizes()) {
    auto in_lead = input.sizes().slice(0, std::max<int64_t>(input.dim() - 1, 0));
    if (input.dim() >= 1 && in_lead == var.sizes()) {
      var = var.unsqueeze(-1);
    } else if (input.dim() >= 1 && var.dim() == input.dim() && var.size(-1) == 1 &&
               var.sizes().slice(0, var.dim() - 1) == in_lead) {
      // heteroscedastic with a singleton last dim: broadcasts
    } else {
      throw ValueError("var is of incorrect size");
    }
  }
  {
    autograd::NoGradGuard guard;
    if (var.lt(0).any().item<bool>()) throw ValueError("var has negative entry/entries");
  }
  var = var.clone();
  {
    autograd::NoGradGuard guard;
    var.clamp_min_(eps);
  }
  Tensor d = input - target;
  Tensor loss = (var.log() + d * d / var) * 0.5;
  if (full) loss = loss + 0.5 * std::log(2 * M_PI);
  return apply_reduction(loss, reduction);
}

Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             double margin, int64_t reduction) {
  check_reduction(reduction);
  const int64_t td = target.dim();
  WICK_CHECK(td <= 1, "0D or 1D target tensor expected, multi-target not supported");
  if (td == 1) {
    WICK_CHECK(input1.dim() == 2 && input2.dim() == 2, "1D target tensor expects 2D input tensors, but found inputs with sizes ",
               input1.sizes(), " and ", input2.sizes(), ".");
  } else {
    WICK_CHECK(input1.dim() == 1 && input2.dim() == 1, "0D target tensor expects 1D input tensors, but found inputs with sizes ",
               input1.sizes(), " and ", input2.sizes(), ".");
  }
  const int64_t d = input1.dim() - 1;
  constexpr double kEps = 1e-12;
  Tensor prod = (input1 * input2).sum({d});
  Tensor m1 = (input1 * input1).sum({d}) + kEps;
  Tensor m2 = (input2 * input2).sum({d}) + kEps;
  Tensor cos = prod / (m1 * m2).sqrt();
  Tensor zero = zeros_like(cos);
  Tensor pos = 1 - cos;
  Tensor neg = (cos - margin).clamp_min(0);
  Tensor out = where(target.eq(1), pos, zero) + where(target.eq(-1), neg, zero);
  return apply_reduction(out, reduction);
}

Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           double margin, int64_t reduction) {
  check_reduction(reduction);
  return apply_reduction((-target * (input1 - input2) + margin).clamp_min(0), reduction);
}

Tensor hinge_embedding_loss(const Tensor& self, const Tensor& target, double margin, int64_t reduction) {
  check_reduction(reduction);
  Tensor zero = zeros_like(self);
  Tensor margin_clamp = (margin - self).clamp_min(0);
  Tensor out = where(target.ne(1), margin_clamp, zero) + where(target.ne(-1), self, zero);
  return apply_reduction(out, reduction);
}

Tensor multilabel_soft_margin_loss(const Tensor& self, const Tensor& target, const Tensor& weight,
                                   int64_t reduction) {
  check_reduction(reduction);
  // wick::log_sigmoid, not a clamp/abs composite: their subgradients at x == 0 add up to
  // twice PyTorch's gradient there.
  Tensor loss = -(target * wick::log_sigmoid(self) + (1 - target) * wick::log_sigmoid(-self));
  if (weight.defined()) loss = loss * weight;
  const int64_t cd = self.dim() - 1;
  loss = loss.sum({cd}) / static_cast<double>(self.size(cd));
  return apply_reduction(loss, reduction);
}

// ---- margin losses with their own kernels ------------------------------------------------------

namespace {

// saved(0): coef (d loss_n / d x for upstream 1, per sample); int_at(0)
// reduction; sizes(0): per-sample gradient view shape (N, 1).
variable_list coef_backward(FormulaNode& n, const variable_list& g) {
  Tensor coef = n.saved(0);
  if (n.int_at(0) == Reduction::None) return {coef * g[0].reshape(n.sizes(0))};
  return {coef * g[0]};
}

Tensor finish_sample_loss(const char* name, const Tensor& self, Tensor per_sample, Tensor coef,
                          int64_t reduction, bool unbatched) {
  Tensor out;
  const int64_t N = per_sample.numel();
  if (reduction == Reduction::None) {
    out = unbatched ? per_sample.reshape({}) : per_sample;
  } else if (reduction == Reduction::Sum) {
    out = per_sample.sum();
  } else {
    out = per_sample.mean();
    coef = coef / static_cast<double>(std::max<int64_t>(N, 1));
  }
  if (autograd::compute_requires_grad(self)) {
    if (FormulaNode* n = record_loss(name, coef_backward, {self}, out)) {
      n->save(coef)->keep_int(reduction);
      if (unbatched) {
        n->keep(IntArrayRef{});
      } else {
        DimVector s(static_cast<size_t>(self.dim()), 1);
        s[0] = N;
        n->keep(s);
      }
    }
  }
  return out;
}

}  // namespace

Tensor multilabel_margin_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  check_reduction(reduction);
  const int64_t nd = self.dim();
  WICK_CHECK((nd <= 1 && self.numel() > 0) || (nd == 2 && self.size(1) > 0),
             "Expected non-empty vector or matrix with optional 0-dim batch size, but got: ", self.sizes());
  WICK_CHECK(target.sizes() == self.sizes(), "inconsistent target size: ", target.sizes(),
             " for input of size: ", self.sizes());
  WICK_CHECK(target.dtype() == kLong, "expected scalar type Long but found ", to_string(target.dtype()));
  const int64_t C = nd == 0 ? 1 : self.size(nd - 1);
  const int64_t N = nd <= 1 ? 1 : self.size(0);
  const bool low = self.dtype() == kHalf || self.dtype() == kBFloat16;
  const ScalarType ct = low ? kFloat : self.dtype();
  Tensor x = self.to(ct).contiguous(), t = target.contiguous();
  Tensor per = empty({N}, TensorOptions(ct));
  Tensor coef = zeros(x.sizes(), TensorOptions(ct));
  WICK_DISPATCH_FLOATING_TYPES(ct, "multilabel_margin_loss_forward_out_frame", [&] {
    const scalar_t* xp = x.data_ptr<scalar_t>();
    const int64_t* tp = t.data_ptr<int64_t>();
    scalar_t* pp = per.data_ptr<scalar_t>();
    scalar_t* cp = coef.data_ptr<scalar_t>();
    std::vector<char> is_target(static_cast<size_t>(C));
    for (int64_t n = 0; n < N; ++n) {
      const scalar_t* xr = xp + n * C;
      const int64_t* tr = tp + n * C;
      scalar_t* cr = cp + n * C;
      std::fill(is_target.begin(), is_target.end(), 0);
      for (int64_t k = 0; k < C; ++k) {
        if (tr[k] < 0) break;
        WICK_CHECK(tr[k] < C, "target index out of range");
        is_target[tr[k]] = 1;
      }
      double sum = 0;
      for (int64_t k = 0; k < C; ++k) {
        if (tr[k] < 0) break;
        const int64_t j = tr[k];
        for (int64_t i = 0; i < C; ++i) {
          if (is_target[i]) continue;
          const double z = 1.0 - (static_cast<double>(xr[j]) - static_cast<double>(xr[i]));
          if (z > 0) {
            sum += z;
            cr[j] -= static_cast<scalar_t>(1.0 / C);
            cr[i] += static_cast<scalar_t>(1.0 / C);
          }
        }
      }
      pp[n] = static_cast<scalar_t>(sum / C);
    }
  });
  if (low) {
    per = per.to(self.dtype());
    coef = coef.to(self.dtype());
  }
  return finish_sample_loss("MultilabelMarginLossBackward0", self, per, coef, reduction, nd <= 1);
}

Tensor multi_margin_loss(const Tensor& self, const Tensor& target, const Scalar& p_s, const Scalar& margin_s,
                         const Tensor& weight, int64_t reduction) {
  check_reduction(reduction);
  const double p = p_s.toDouble(), margin = margin_s.toDouble();
  WICK_CHECK(p == 1 || p == 2, "only p == 1 and p == 2 supported");
  const int64_t nd = self.dim();
  WICK_CHECK((nd <= 1 && self.numel() > 0) || (nd == 2 && self.size(1) > 0),
             "Expected non-empty vector or matrix with optional 0-dim batch size, but got: ", self.sizes());
  const int64_t C = nd == 0 ? 1 : self.size(nd - 1);
  const int64_t N = nd <= 1 ? 1 : self.size(0);
  WICK_CHECK(target.dim() <= 1 && target.numel() == N, "inconsistent target size, expected ", N,
             " but got ", target.sizes());
  WICK_CHECK(target.dtype() == kLong, "expected scalar type Long but found ", to_string(target.dtype()));
  if (weight.defined())
    WICK_CHECK(weight.dim() <= 1 && weight.numel() == C, "inconsistent weight size, expected ", C,
               " but got ", weight.sizes());
  const bool low = self.dtype() == kHalf || self.dtype() == kBFloat16;
  const ScalarType ct = low ? kFloat : self.dtype();
  Tensor x = self.to(ct).contiguous(), t = target.contiguous();
  Tensor w = weight.defined() ? weight.to(ct).contiguous() : Tensor();
  Tensor per = empty({N}, TensorOptions(ct));
  Tensor coef = zeros(x.sizes(), TensorOptions(ct));
  WICK_DISPATCH_FLOATING_TYPES(ct, "multi_margin_loss_cpu_kernel", [&] {
    const scalar_t* xp = x.data_ptr<scalar_t>();
    const int64_t* tp = t.data_ptr<int64_t>();
    scalar_t* pp = per.data_ptr<scalar_t>();
    scalar_t* cp = coef.data_ptr<scalar_t>();
    const scalar_t* wp = w.defined() ? w.data_ptr<scalar_t>() : nullptr;
    for (int64_t n = 0; n < N; ++n) {
      const int64_t y = tp[n];
      WICK_CHECK(y >= 0 && y < C, "target out of range");
      const scalar_t* xr = xp + n * C;
      scalar_t* cr = cp + n * C;
      const double wy = wp ? static_cast<double>(wp[y]) : 1.0;
      double sum = 0;
      for (int64_t i = 0; i < C; ++i) {
        if (i == y) continue;
        const double z = margin - static_cast<double>(xr[y]) + static_cast<double>(xr[i]);
        if (z > 0) {
          const double h = (p == 1 ? 1.0 : 2 * z) * wy / C;
          sum += (p == 1 ? z : z * z) * wy;
          cr[i] += static_cast<scalar_t>(h);
          cr[y] -= static_cast<scalar_t>(h);
        }
      }
      pp[n] = static_cast<scalar_t>(sum / C);
    }
  });
  if (low) {
    per = per.to(self.dtype());
    coef = coef.to(self.dtype());
  }
  return finish_sample_loss("MultiMarginLossBackward0", self, per, coef, reduction, nd <= 1);
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           double margin, double p, double eps, bool swap, int64_t reduction) {
  check_reduction(reduction);
  WICK_CHECK(anchor.dim() == positive.dim() && anchor.dim() == negative.dim(),
             "The anchor, positive, and negative tensors are expected to have the same number of "
             "dimensions, but got: anchor ",
             anchor.dim(), "D, positive ", positive.dim(), "D, and negative ", negative.dim(), "D inputs");
  auto dist = [&](const Tensor& a, const Tensor& b) {
    const int64_t d = std::max(a.dim(), b.dim()) - 1;
    return (a - b + eps).norm(Scalar(p), IntArrayRef{std::max<int64_t>(d, 0)}, false);
  };
  Tensor dpos = dist(anchor, positive);
  Tensor dneg = dist(anchor, negative);
  if (swap) dneg = minimum(dneg, dist(positive, negative));
  return apply_reduction((dpos - dneg + margin).clamp_min(0), reduction);
}

// ---- ctc_loss ------------------------------------------------------------------------------
// Connectionist temporal classification: the alpha recursion over the
// extended target (blank, l1, blank, l2, ..., blank) in log space, one batch
// item per task; backward runs the beta recursion and gives
//   d nll / d lp[t, c] = exp(lp[t, c]) - exp(logsumexp_{s: l'(s) = c}(alpha + beta)[t, s] + nll - lp[t, c])
// for t < input_length (0 beyond).

namespace {

constexpr const char* kCtcWhere = " (while checking arguments for ctc_loss_cpu)";

// The item layout of the targets: offsets into the flattened long targets.
struct CtcLayout {
  int64_t T = 0, N = 0, C = 0, max_tl = 0;
  std::vector<int64_t> offsets;
};

CtcLayout ctc_check(const Tensor& lp, const Tensor& targets, IntArrayRef il, IntArrayRef tl, int64_t blank) {
  CtcLayout g;
  WICK_CHECK(lp.dim() == 3, "Expected 3-dimensional tensor, but got ", lp.dim(),
             "-dimensional tensor for argument #1 'log_probs'", kCtcWhere);
  g.T = lp.size(0);
  g.N = lp.size(1);
  g.C = lp.size(2);
  WICK_CHECK(blank >= 0 && blank < g.C, "blank must be in label range");
  WICK_CHECK(static_cast<int64_t>(il.size()) == g.N, "input_lengths must be of size batch_size");
  WICK_CHECK(static_cast<int64_t>(tl.size()) == g.N, "target_lengths must be of size batch_size");
  WICK_CHECK(targets.dim() >= 1 && targets.dim() <= 2, "Expected 1 to 2 dimensions, but got ", targets.dim(),
             "-dimensional tensor for argument #2 'targets'", kCtcWhere);
  g.offsets.resize(static_cast<size_t>(g.N));
  int64_t pos = 0;
  for (int64_t b = 0; b < g.N; ++b) {
    WICK_CHECK(tl[b] >= 0, "target_lengths must be non-negative");
    g.max_tl = std::max(g.max_tl, tl[b]);
    if (targets.dim() == 1) {
      g.offsets[b] = pos;
      pos += tl[b];
    } else {
      g.offsets[b] = b * targets.size(1);
    }
  }
  if (targets.dim() == 1) {
    WICK_CHECK(targets.size(0) == pos, "Expected tensor to have size ", pos, " at dimension 0, but got size ",
               targets.size(0), " for argument #2 'targets'", kCtcWhere);
  } else {
    WICK_CHECK(targets.size(0) == g.N, "Expected tensor to have size ", g.N, " at dimension 0, but got size ",
               targets.size(0), " for argument #2 'targets'", kCtcWhere);
    WICK_CHECK(targets.size(1) >= g.max_tl, "Expected tensor to have size at least ", g.max_tl,
               " at dimension 1, but got size ", targets.size(1), " for argument #2 'targets'", kCtcWhere);
  }
  for (int64_t b = 0; b < g.N; ++b) {
    WICK_CHECK(il[b] >= 0, "input_lengths must be non-negative");
    WICK_CHECK(il[b] <= g.T, "Expected input_lengths to have value at most ", g.T, ", but got value ", il[b],
               kCtcWhere);
  }
  return g;
}

void ctc_check_labels(const int64_t* tp, const CtcLayout& g, IntArrayRef tl) {
  for (int64_t b = 0; b < g.N; ++b)
    for (int64_t k = 0; k < tl[b]; ++k) {
      const int64_t c = tp[g.offsets[b] + k];
      WICK_CHECK(c >= 0 && c < g.C, "Expected targets to have values in [0, ", g.C, "), but got value ", c,
                 kCtcWhere);
    }
}

// log(exp(a) + exp(b) + exp(c)) with -inf terms allowed: the largest term
// factored out, two exponentials and a log1p.
template <typename A>
inline A ctc_lse3(A a, A b, A c) {
  constexpr A ninf = -std::numeric_limits<A>::infinity();
  if (b > a) std::swap(a, b);
  if (c > a) std::swap(a, c);
  if (a == ninf) return ninf;
  return a + std::log(A(1) + std::exp(b - a) + std::exp(c - a));
}

template <typename A>
inline A ctc_lse2(A a, A b) {
  constexpr A ninf = -std::numeric_limits<A>::infinity();
  if (a == ninf) return b;
  if (b == ninf) return a;
  const A m = std::max(a, b);
  return m + std::log(A(1) + std::exp(-std::abs(a - b)));
}

// The extended target of one item: labels ext[s] (blank at even s) and
// whether s may be reached from s - 2 (skip[s]: a label differing from the
// one two back).
void ctc_extended(const int64_t* tgt, int64_t tl, int64_t blank, std::vector<int64_t>& ext,
                  std::vector<char>& skip) {
  const int64_t L = 2 * tl + 1;
  ext.resize(static_cast<size_t>(L));
  skip.assign(static_cast<size_t>(L), 0);
  for (int64_t s = 0; s < L; ++s) ext[s] = (s % 2 == 0) ? blank : tgt[s / 2];
  for (int64_t s = 2; s < L; ++s) skip[s] = ext[s] != ext[s - 2];
}

// lp (T, N, C) contiguous; alpha (N, T, 2 * max_tl + 1) pre-filled with -inf.
// At time t only s <= 2t + 1 is reachable (alpha is -inf beyond), so the
// loop stops there.
template <typename A>
void ctc_alpha(const A* lp, const int64_t* tp, const CtcLayout& g, IntArrayRef il, IntArrayRef tl, int64_t blank,
               A* alpha, A* nll) {
  const int64_t Lmax = 2 * g.max_tl + 1;
  constexpr A ninf = -std::numeric_limits<A>::infinity();
  const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(g.T * Lmax, 1));
  parallel_for(0, g.N, grain, [&](int64_t b0, int64_t b1) {
    std::vector<int64_t> ext;
    std::vector<char> skip;
    std::vector<A> gathered;
    for (int64_t b = b0; b < b1; ++b) {
      const int64_t T = il[b], L = 2 * tl[b] + 1;
      A* la = alpha + b * g.T * Lmax;
      if (T == 0) {
        nll[b] = tl[b] == 0 ? A(0) : std::numeric_limits<A>::infinity();
        continue;
      }
      ctc_extended(tp + g.offsets[b], tl[b], blank, ext, skip);
      // Gather lp[t, b, ext[s]] first: the loads are independent there (the
      // recursion would otherwise wait on a cache miss per label and step).
      gathered.resize(static_cast<size_t>(T * L));
      for (int64_t t = 0; t < T; ++t) {
        const A* row = lp + (t * g.N + b) * g.C;
        A* gr = gathered.data() + t * L;
        for (int64_t s = 0; s < L; ++s) gr[s] = row[ext[s]];
      }
      const A* ge = gathered.data();
      la[0] = ge[0];
      if (L > 1) la[1] = ge[1];
      for (int64_t t = 1; t < T; ++t) {
        const A* prev = la + (t - 1) * Lmax;
        A* cur = la + t * Lmax;
        const A* row = ge + t * L;
        const int64_t hi = std::min(L, 2 * t + 2);
        cur[0] = prev[0] + row[0];
        for (int64_t s = 1; s < hi; ++s) {
          const A a = skip[s] ? ctc_lse3(prev[s], prev[s - 1], prev[s - 2]) : ctc_lse2(prev[s], prev[s - 1]);
          cur[s] = a + row[s];
        }
      }
      const A* last = la + (T - 1) * Lmax;
      nll[b] = -ctc_lse2(last[L - 1], L > 1 ? last[L - 2] : ninf);
    }
  });
}

// grad (T, N, C) zero-filled; go (N,) the upstream gradient per item. Beta is
// -inf at s < L - 2 (T - t) (the end is out of reach), so loops start there.
template <typename A>
void ctc_grad(const A* lp, const int64_t* tp, const CtcLayout& g, IntArrayRef il, IntArrayRef tl, int64_t blank,
              const A* alpha, const A* nll, const A* go, bool zero_infinity, A* grad) {
  const int64_t Lmax = 2 * g.max_tl + 1;
  constexpr A ninf = -std::numeric_limits<A>::infinity();
  const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(g.T * Lmax, 1));
  parallel_for(0, g.N, grain, [&](int64_t b0, int64_t b1) {
    std::vector<A> beta, gathered, lcab(static_cast<size_t>(g.C), -std::numeric_limits<A>::infinity());
    std::vector<int64_t> ext;
    std::vector<char> skip;
    for (int64_t b = b0; b < b1; ++b) {
      const int64_t T = il[b], L = 2 * tl[b] + 1;
      if (T == 0) continue;
      const A nl = nll[b];
      if (zero_infinity && nl == std::numeric_limits<A>::infinity()) continue;
      ctc_extended(tp + g.offsets[b], tl[b], blank, ext, skip);
      const A* la = alpha + b * g.T * Lmax;
      beta.assign(static_cast<size_t>(T * L), ninf);
      A* lb = beta.data();
      gathered.resize(static_cast<size_t>(T * L));
      for (int64_t t = 0; t < T; ++t) {
        const A* row = lp + (t * g.N + b) * g.C;
        A* gr = gathered.data() + t * L;
        for (int64_t s = 0; s < L; ++s) gr[s] = row[ext[s]];
      }
      const A* rowT = gathered.data() + (T - 1) * L;
      lb[(T - 1) * L + L - 1] = rowT[L - 1];
      if (L > 1) lb[(T - 1) * L + L - 2] = rowT[L - 2];
      for (int64_t t = T - 2; t >= 0; --t) {
        const A* next = lb + (t + 1) * L;
        A* cur = lb + t * L;
        const A* row = gathered.data() + t * L;
        const int64_t lo = std::max<int64_t>(0, L - 2 * (T - t));
        for (int64_t s = lo; s < L; ++s) {
          A v;
          if (s < L - 2 && skip[s + 2]) v = ctc_lse3(next[s], next[s + 1], next[s + 2]);
          else if (s < L - 1) v = ctc_lse2(next[s], next[s + 1]);
          else v = next[s];
          cur[s] = v + row[s];
        }
      }
      const A gb = go[b];
      // lcab stays -inf between steps: the second term is only evaluated
      // (and lcab reset) at the labels of the extended target. An infinite
      // nll makes every entry NaN, as the plain formula does.
      const bool finite = nl != std::numeric_limits<A>::infinity();
      for (int64_t t = 0; t < T; ++t) {
        const A* at = la + t * Lmax;
        const A* bt = lb + t * L;
        const int64_t lo = std::max<int64_t>(0, L - 2 * (T - t)), hi = std::min(L, 2 * t + 2);
        for (int64_t s = lo; s < hi; ++s) lcab[ext[s]] = ctc_lse2(lcab[ext[s]], at[s] + bt[s]);
        const A* row = lp + (t * g.N + b) * g.C;
        A* gr = grad + (t * g.N + b) * g.C;
        if (!finite) {
          for (int64_t c = 0; c < g.C; ++c) gr[c] = (std::exp(row[c]) - std::exp(lcab[c] + nl - row[c])) * gb;
          std::fill(lcab.begin(), lcab.end(), ninf);
          continue;
        }
        for (int64_t c = 0; c < g.C; ++c) gr[c] = kernels::vec::exp_fast(row[c]);
        for (int64_t s = lo; s < hi; ++s) {
          const int64_t c = ext[s];
          if (lcab[c] == ninf) continue;
          gr[c] -= std::exp(lcab[c] + nl - row[c]);
          lcab[c] = ninf;
        }
        for (int64_t c = 0; c < g.C; ++c) gr[c] *= gb;
      }
    }
  });
}

variable_list ctc_not_implemented(FormulaNode&, const variable_list&) {
  throw Error("derivative for aten::_ctc_loss_backward is not implemented");
}

// saved: log_probs (T, N, C), targets (long, contiguous), log_alpha, nll.
// sizes: input_lengths, target_lengths; ints: blank, zero_infinity.
variable_list ctc_backward(FormulaNode& n, const variable_list& g) {
  Tensor lp = n.saved(0), targets = n.saved(1), alpha = n.saved(2), nll = n.saved(3);
  const IntArrayRef il = n.sizes(0), tl = n.sizes(1);
  const int64_t blank = n.int_at(0);
  const bool zero_infinity = n.int_at(1) != 0;
  const bool graph = autograd::GradMode::is_enabled();
  Tensor grad;
  {
    autograd::NoGradGuard guard;
    Tensor x = lp.contiguous();
    Tensor go = g[0].to(x.dtype()).reshape({-1}).contiguous();
    if (go.numel() != lp.size(1)) go = go.expand({lp.size(1)}).contiguous();
    const CtcLayout geo = ctc_check(x, targets, il, tl, blank);
    grad = zeros(x.sizes(), TensorOptions(x.dtype()));
    WICK_DISPATCH_FLOATING_TYPES(x.dtype(), "ctc_loss_backward_cpu", [&] {
      ctc_grad<scalar_t>(x.data_ptr<scalar_t>(), targets.data_ptr<int64_t>(), geo, il, tl, blank,
                         alpha.data_ptr<scalar_t>(), nll.contiguous().data_ptr<scalar_t>(), go.data_ptr<scalar_t>(),
                         zero_infinity, grad.data_ptr<scalar_t>());
    });
  }
  if (graph && autograd::compute_requires_grad(g[0], lp))
    autograd::record("wick::autograd::NotImplemented", ctc_not_implemented, {g[0], lp}, {grad});
  return {grad};
}

}  // namespace

Tensor ctc_loss(const Tensor& log_probs, const Tensor& targets, IntArrayRef input_lengths,
                IntArrayRef target_lengths, int64_t blank, int64_t reduction, bool zero_infinity) {
  check_reduction(reduction);
  const ScalarType st = log_probs.dtype();
  if (st != kFloat && st != kDouble)
    WICK_DISPATCH_FLOATING_TYPES(st, "ctc_loss_cpu", [&] { (void)sizeof(scalar_t); });  // the dtype error of the dispatch, PyTorch's wording
  const bool unbatched = log_probs.dim() == 2;
  Tensor lp = unbatched ? log_probs.unsqueeze(1) : log_probs;
  const CtcLayout geo = ctc_check(lp, targets, input_lengths, target_lengths, blank);
  Tensor tg = targets.to(kLong).contiguous();
  ctc_check_labels(tg.data_ptr<int64_t>(), geo, target_lengths);
  Tensor nll, alpha;
  {
    autograd::NoGradGuard guard;
    Tensor x = lp.contiguous();
    nll = empty({geo.N}, TensorOptions(st));
    alpha = full({geo.N, geo.T, 2 * geo.max_tl + 1}, -std::numeric_limits<double>::infinity(), TensorOptions(st));
    WICK_DISPATCH_FLOATING_TYPES(st, "ctc_loss_cpu", [&] {
      ctc_alpha<scalar_t>(x.data_ptr<scalar_t>(), tg.data_ptr<int64_t>(), geo, input_lengths, target_lengths, blank,
                          alpha.data_ptr<scalar_t>(), nll.data_ptr<scalar_t>());
    });
  }
  if (autograd::compute_requires_grad(lp)) {
    if (FormulaNode* n = record_loss("CtcLossBackward0", ctc_backward, {lp}, nll)) {
      n->save(lp)->save(tg)->save(alpha)->save_output(nll);
      n->keep(input_lengths)->keep(target_lengths)->keep_int(blank)->keep_int(zero_infinity ? 1 : 0);
    }
  }
  Tensor res = nll;
  if (zero_infinity) res = where(res.eq(std::numeric_limits<double>::infinity()), zeros_like(res), res);
  if (reduction == Reduction::Mean) {
    std::vector<double> lens(target_lengths.begin(), target_lengths.end());
    Tensor tl = empty({geo.N}, TensorOptions(kDouble));
    for (int64_t b = 0; b < geo.N; ++b) tl.data_ptr<double>()[b] = std::max<double>(lens[b], 1.0);
    return (res / tl.to(st)).mean();
  }
  if (reduction == Reduction::Sum) return res.sum();
  return unbatched ? res.squeeze(0) : res;
}

Tensor ctc_loss(const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
                const Tensor& target_lengths, int64_t blank, int64_t reduction, bool zero_infinity) {
  WICK_CHECK(is_integral_type(input_lengths.dtype(), false),
             "input_lengths must be integral");
  WICK_CHECK(is_integral_type(target_lengths.dtype(), false),
             "target_lengths must be integral");
  Tensor il = input_lengths.to(kLong).contiguous(), tl = target_lengths.to(kLong).contiguous();
  std::vector<int64_t> ilv(il.data_ptr<int64_t>(), il.data_ptr<int64_t>() + il.numel());
  std::vector<int64_t> tlv(tl.data_ptr<int64_t>(), tl.data_ptr<int64_t>() + tl.numel());
  return ctc_loss(log_probs, targets, IntArrayRef(ilv), IntArrayRef(tlv), blank, reduction, zero_infinity);
}

}  // namespace wick

// Linear layers, convolutions (im2col/vol2col + GEMM), fold/unfold.
//
// Note [Convolution as three bilinear maps]
// A convolution y = F(x, w) is bilinear. With <.,.> the elementwise inner
// product, its two adjoints are
//   Gx(gy, w): <gy, F(x, w)> = <Gx(gy, w), x>   (grad of the input; also the
//              transposed convolution)
//   Gw(x, gy): <gy, F(x, w)> = <Gw(x, gy), w>   (grad of the weight)
// and the vector-Jacobian products of all three are again F, Gx and Gw:
//   F (x, w)  -> dx = Gx(g, w),  dw = Gw(x, g)
//   Gx(gy, w) -> dgy = F(g, w),  dw = Gw(g, gy)
//   Gw(x, gy) -> dx = Gx(gy, g), dgy = F(x, g)
// conv_op records one node per use whose formula calls conv_op again, so
// gradients of any order come out of the same three GEMM kernels. The
// geometry (stride, low-side padding, dilation, the spatial sizes of the
// convolution's input, output and kernel) is fixed once per convolution, so
// asymmetric 'same' padding and output_padding need no extra pass.
#include "wick/ops/conv.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <sstream>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/blas.h"
#include "wick/ops/conv_dnnl.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

namespace {

// ---- geometry ------------------------------------------------------------------

// Always three spatial dims; 1-d and 2-d convolutions have leading size-1 dims.
struct ConvGeom {
  int64_t nd = 2;  // spatial dims the user sees
  int64_t groups = 1;
  int64_t stride[3] = {1, 1, 1}, pad[3] = {0, 0, 0}, dil[3] = {1, 1, 1};
  int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1}, k[3] = {1, 1, 1};

  int64_t in_numel() const { return in[0] * in[1] * in[2]; }
  int64_t out_numel() const { return out[0] * out[1] * out[2]; }
  int64_t k_numel() const { return k[0] * k[1] * k[2]; }
  // im2col is the identity: 1x1 kernel, stride 1, no padding.
  bool identity() const {
    for (int i = 0; i < 3; ++i)
      if (k[i] != 1 || stride[i] != 1 || pad[i] != 0 || in[i] != out[i]) return false;
    return true;
  }
  DimVector pack() const {
    DimVector v{nd, groups};
    for (const int64_t* a : {stride, pad, dil, in, out, k}) v.insert(v.end(), a, a + 3);
    return v;
  }
  static ConvGeom unpack(IntArrayRef v) {
    ConvGeom g;
    g.nd = v[0];
    g.groups = v[1];
    int64_t* arrs[] = {g.stride, g.pad, g.dil, g.in, g.out, g.k};
    for (int a = 0; a < 6; ++a)
      for (int i = 0; i < 3; ++i) arrs[a][i] = v[2 + a * 3 + i];
    return g;
  }
  // (n, c, *spatial) with the user's number of spatial dims.
  DimVector shape(int64_t n, int64_t c, const int64_t* sp) const {
    DimVector s{n, c};
    for (int64_t i = 3 - nd; i < 3; ++i) s.push_back(sp[i]);
    return s;
  }
};

// ---- kernels -------------------------------------------------------------------

// Rows of the column matrix for one channel plane: row (kd, kh, kw), column
// (od, oh, ow), written at col + row * ldcol.
template <typename T>
void im2col_plane(const T* in, T* col, int64_t ldcol, const ConvGeom& g, int64_t r0 = 0,
                  int64_t r1 = -1) {
  // Only output rows (od, oh) with r0 <= od * oH + oh < r1, written from column 0.
  const int64_t D = g.in[0], H = g.in[1], W = g.in[2];
  const int64_t oD = g.out[0], oH = g.out[1], oW = g.out[2];
  if (r1 < 0) r1 = oD * oH;
  const int64_t sw = g.stride[2];
  int64_t row = 0;
  for (int64_t kd = 0; kd < g.k[0]; ++kd)
    for (int64_t kh = 0; kh < g.k[1]; ++kh)
      for (int64_t kw = 0; kw < g.k[2]; ++kw, ++row) {
        T* dst_row = col + row * ldcol;
        const int64_t iw0 = kw * g.dil[2] - g.pad[2];
        int64_t lo = iw0 >= 0 ? 0 : (-iw0 + sw - 1) / sw;
        int64_t hi = W - 1 - iw0 < 0 ? 0 : (W - 1 - iw0) / sw + 1;
        hi = std::min(hi, oW);
        lo = std::min(lo, hi);
        for (int64_t r = r0; r < r1; ++r) {
          const int64_t od = r / oH, oh = r % oH;
          const int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
          {
            T* dst = dst_row + (r - r0) * oW;
            const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
            if (id < 0 || id >= D || ih < 0 || ih >= H) {
              std::fill(dst, dst + oW, T(0));
              continue;
            }
            const T* src = in + (id * H + ih) * W + iw0;
            std::fill(dst, dst + lo, T(0));
            if (sw == 1) {
              if (hi > lo) std::memcpy(dst + lo, src + lo, (hi - lo) * sizeof(T));
            } else {
              for (int64_t ow = lo; ow < hi; ++ow) dst[ow] = src[ow * sw];
            }
            std::fill(dst + hi, dst + oW, T(0));
          }
        }
      }
}

// The adjoint: adds the rows back into one channel plane (which it does not clear).
template <typename T>
void col2im_plane(const T* col, int64_t ldcol, T* in, const ConvGeom& g, int64_t r0 = 0,
                  int64_t r1 = -1) {
  const int64_t D = g.in[0], H = g.in[1], W = g.in[2];
  const int64_t oD = g.out[0], oH = g.out[1], oW = g.out[2];
  if (r1 < 0) r1 = oD * oH;
  const int64_t sw = g.stride[2];
  int64_t row = 0;
  for (int64_t kd = 0; kd < g.k[0]; ++kd)
    for (int64_t kh = 0; kh < g.k[1]; ++kh)
      for (int64_t kw = 0; kw < g.k[2]; ++kw, ++row) {
        const T* src_row = col + row * ldcol;
        const int64_t iw0 = kw * g.dil[2] - g.pad[2];
        int64_t lo = iw0 >= 0 ? 0 : (-iw0 + sw - 1) / sw;
        int64_t hi = W - 1 - iw0 < 0 ? 0 : (W - 1 - iw0) / sw + 1;
        hi = std::min(hi, oW);
        lo = std::min(lo, hi);
        for (int64_t r = r0; r < r1; ++r) {
          const int64_t od = r / oH, oh = r % oH;
          const int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
          if (id < 0 || id >= D) continue;
          {
            const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
            if (ih < 0 || ih >= H) continue;
            const T* src = src_row + (r - r0) * oW;
            T* dst = in + (id * H + ih) * W + iw0;
            if (sw == 1) {
              for (int64_t ow = lo; ow < hi; ++ow) dst[ow] += src[ow];
            } else {
              for (int64_t ow = lo; ow < hi; ++ow) dst[ow * sw] += src[ow];
            }
          }
        }
      }
}

// Column buffers hold at most this many elements (several batch items share
// one GEMM when they fit).
constexpr int64_t kColBudget = int64_t(1) << 17;

template <typename T>
std::unique_ptr<T[]> buffer(int64_t n) {
  return std::unique_ptr<T[]>(new T[std::max<int64_t>(n, 1)]);
}

int64_t chunk_items(int64_t n, int64_t per_item) {
  return std::clamp<int64_t>(kColBudget / std::max<int64_t>(per_item, 1), 1, std::max<int64_t>(n, 1));
}

// Note [Convolution threads]
// Batch items are split over wick's threads, each running its own im2col and
// GEMMs (kernels::gemm runs on one thread inside a parallel region). A single
// item (or one thread) runs serial im2col and lets the GEMM split over every
// thread.
// body(task, item_begin, item_end) over `tasks` contiguous ranges of N items.
template <typename F>
void over_items(int64_t N, int64_t tasks, F&& body) {
  if (tasks <= 1) {
    body(0, 0, N);
    return;
  }
  parallel_for(0, tasks, 1, [&](int64_t b, int64_t e) {
    for (int64_t t = b; t < e; ++t) body(t, t * N / tasks, (t + 1) * N / tasks);
  });
}

int64_t item_tasks(int64_t N) {
  if (in_parallel_region()) return 1;
  return std::max<int64_t>(1, std::min<int64_t>(get_num_threads(), N));
}

// Columns of m batch items from x (N, C, in) starting at item n0: (C*KK, m*L).
template <typename T>
void im2col_chunk(const T* x, int64_t C, int64_t n0, int64_t m, T* col, const ConvGeom& g) {
  const int64_t KK = g.k_numel(), L = g.out_numel(), Lin = g.in_numel(), ld = m * L;
  for (int64_t n = 0; n < m; ++n)
    for (int64_t c = 0; c < C; ++c)
      im2col_plane(x + ((n0 + n) * C + c) * Lin, col + c * KK * ld + n * L, ld, g);
}

// (m, Co, L) items of t from n0 -> a (Co, m*L) matrix, and back.
template <typename T>
void gather_items(const T* t, int64_t Co, int64_t L, int64_t n0, int64_t m, T* mat) {
  for (int64_t n = 0; n < m; ++n)
    for (int64_t o = 0; o < Co; ++o)
      std::memcpy(mat + o * m * L + n * L, t + ((n0 + n) * Co + o) * L, L * sizeof(T));
}
template <typename T>
void scatter_items(const T* mat, int64_t Co, int64_t L, int64_t n0, int64_t m, T* t) {
  for (int64_t n = 0; n < m; ++n)
    for (int64_t o = 0; o < Co; ++o)
      std::memcpy(t + ((n0 + n) * Co + o) * L, mat + o * m * L + n * L, L * sizeof(T));
}

// y (N, Cout, out) = F(x (N, C, in), w (Cout, C/G, k)).
template <typename T>
void conv_forward_kernel(const T* x, const T* w, T* y, int64_t N, int64_t C, int64_t Cout,
                         ScalarType dt, const ConvGeom& g) {
  const int64_t G = g.groups, Cg = C / G, Og = Cout / G, KK = g.k_numel();
  const int64_t Kg = Cg * KK, L = g.out_numel(), Lin = g.in_numel();
  if (N == 0 || Cout == 0 || L == 0) return;
  if (Kg == 0) {
    std::fill(y, y + N * Cout * L, T(0));
    return;
  }
  const bool ident = g.identity();
  const int64_t tasks = item_tasks(N);
  over_items(N, tasks, [&](int64_t, int64_t i0, int64_t i1) {
    const int64_t nb = chunk_items(i1 - i0, C * KK * L);
    auto col = buffer<T>(ident && nb == 1 ? 0 : C * KK * nb * L);
    auto tmp = buffer<T>(nb > 1 ? Cout * nb * L : 0);
    // One item's columns past the budget: im2col and multiply in tiles of
    // output rows, so that the column tile stays in cache.
    const int64_t rows = g.out[0] * g.out[1], oW = g.out[2];
    const int64_t tile_rows = std::max<int64_t>(1, kColBudget / std::max<int64_t>(C * KK * oW, 1));
    if (nb == 1 && !ident && tile_rows < rows) {
      auto tcol = buffer<T>(C * KK * tile_rows * oW);
      for (int64_t n = i0; n < i1; ++n)
        for (int64_t r0 = 0; r0 < rows; r0 += tile_rows) {
          const int64_t r1 = std::min(rows, r0 + tile_rows), ld = (r1 - r0) * oW;
          for (int64_t c = 0; c < C; ++c)
            im2col_plane(x + (n * C + c) * Lin, tcol.get() + c * KK * ld, ld, g, r0, r1);
          for (int64_t gi = 0; gi < G; ++gi)
            kernels::gemm(dt, Og, ld, Kg, 1, {w + gi * Og * Kg, Kg, false},
                          {tcol.get() + gi * Kg * ld, ld, false}, 0,
                          y + (n * Cout + gi * Og) * L + r0 * oW, L);
        }
      return;
    }
    for (int64_t n0 = i0; n0 < i1; n0 += nb) {
      const int64_t m = std::min(nb, i1 - n0), ld = m * L;
      const T* cols = col.get();
      if (ident && m == 1) {
        cols = x + n0 * C * Lin;
      } else {
        im2col_chunk(x, C, n0, m, col.get(), g);
      }
      T* dst = m == 1 ? y + n0 * Cout * L : tmp.get();
      for (int64_t gi = 0; gi < G; ++gi)
        kernels::gemm(dt, Og, ld, Kg, 1, {w + gi * Og * Kg, Kg, false},
                      {cols + gi * Kg * ld, ld, false}, 0, dst + gi * Og * ld, ld);
      if (m > 1) scatter_items(tmp.get(), Cout, L, n0, m, y);
    }
  });
}

// gx (N, C, in) = Gx(gy (N, Cout, out), w).
template <typename T>
void conv_input_kernel(const T* gy, const T* w, T* gx, int64_t N, int64_t C, int64_t Cout,
                       ScalarType dt, const ConvGeom& g) {
  const int64_t G = g.groups, Cg = C / G, Og = Cout / G, KK = g.k_numel();
  const int64_t Kg = Cg * KK, L = g.out_numel(), Lin = g.in_numel();
  const bool ident = g.identity();
  const int64_t tasks = item_tasks(N);
  over_items(N, tasks, [&](int64_t, int64_t i0, int64_t i1) {
    std::fill(gx + i0 * C * Lin, gx + i1 * C * Lin, T(0));
    if (C == 0 || L == 0 || Og == 0) return;
    const int64_t nb = chunk_items(i1 - i0, C * KK * L);
    const int64_t rows = g.out[0] * g.out[1], oW = g.out[2];
    const int64_t tile_rows = std::max<int64_t>(1, kColBudget / std::max<int64_t>(C * KK * oW, 1));
    if (nb == 1 && !ident && tile_rows < rows) {  // tiles of output rows, as in forward
      auto tcol = buffer<T>(C * KK * tile_rows * oW);
      for (int64_t n = i0; n < i1; ++n)
        for (int64_t r0 = 0; r0 < rows; r0 += tile_rows) {
          const int64_t r1 = std::min(rows, r0 + tile_rows), ld = (r1 - r0) * oW;
          for (int64_t gi = 0; gi < G; ++gi)
            kernels::gemm(dt, Kg, ld, Og, 1, {w + gi * Og * Kg, Kg, true},
                          {gy + (n * Cout + gi * Og) * L + r0 * oW, L, false}, 0,
                          tcol.get() + gi * Kg * ld, ld);
          for (int64_t c = 0; c < C; ++c)
            col2im_plane(tcol.get() + c * KK * ld, ld, gx + (n * C + c) * Lin, g, r0, r1);
        }
      return;
    }
    auto col = buffer<T>(ident && nb == 1 ? 0 : C * KK * nb * L);
    auto tmp = buffer<T>(nb > 1 ? Cout * nb * L : 0);
    for (int64_t n0 = i0; n0 < i1; n0 += nb) {
      const int64_t m = std::min(nb, i1 - n0), ld = m * L;
      const T* src = gy + n0 * Cout * L;
      if (m > 1) {
        gather_items(gy, Cout, L, n0, m, tmp.get());
        src = tmp.get();
      }
      T* cols = ident && m == 1 ? gx + n0 * C * Lin : col.get();
      for (int64_t gi = 0; gi < G; ++gi)
        kernels::gemm(dt, Kg, ld, Og, 1, {w + gi * Og * Kg, Kg, true},
                      {src + gi * Og * ld, ld, false}, 0, cols + gi * Kg * ld, ld);
      if (ident && m == 1) continue;
      for (int64_t n = 0; n < m; ++n)
        for (int64_t c = 0; c < C; ++c)
          col2im_plane(cols + c * KK * ld + n * L, ld, gx + ((n0 + n) * C + c) * Lin, g);
    }
  });
}

// gw (Cout, C/G, k) = Gw(x (N, C, in), gy (N, Cout, out)).
template <typename T>
void conv_weight_kernel(const T* x, const T* gy, T* gw, int64_t N, int64_t C, int64_t Cout,
                        ScalarType dt, const ConvGeom& g) {
  const int64_t G = g.groups, Cg = C / G, Og = Cout / G, KK = g.k_numel();
  const int64_t Kg = Cg * KK, L = g.out_numel(), Lin = g.in_numel(), WN = Cout * Kg;
  std::fill(gw, gw + WN, T(0));
  if (N == 0 || Kg == 0 || L == 0 || Og == 0) return;
  const bool ident = g.identity();
  const int64_t tasks = item_tasks(N);
  // One accumulator per task, summed at the end (task 0 writes gw itself).
  auto acc = buffer<T>(tasks > 1 ? (tasks - 1) * WN : 0);
  over_items(N, tasks, [&](int64_t t, int64_t i0, int64_t i1) {
    T* out = t == 0 ? gw : acc.get() + (t - 1) * WN;
    if (i1 == i0) {
      std::fill(out, out + WN, T(0));
      return;
    }
    const int64_t nb = chunk_items(i1 - i0, C * KK * L);
    const int64_t rows = g.out[0] * g.out[1], oW = g.out[2];
    const int64_t tile_rows = std::max<int64_t>(1, kColBudget / std::max<int64_t>(C * KK * oW, 1));
    if (nb == 1 && !ident && tile_rows < rows) {  // tiles of output rows, as in forward
      auto tcol = buffer<T>(C * KK * tile_rows * oW);
      bool first = true;
      for (int64_t n = i0; n < i1; ++n)
        for (int64_t r0 = 0; r0 < rows; r0 += tile_rows) {
          const int64_t r1 = std::min(rows, r0 + tile_rows), ld = (r1 - r0) * oW;
          for (int64_t c = 0; c < C; ++c)
            im2col_plane(x + (n * C + c) * Lin, tcol.get() + c * KK * ld, ld, g, r0, r1);
          for (int64_t gi = 0; gi < G; ++gi)
            kernels::gemm(dt, Og, Kg, ld, 1, {gy + (n * Cout + gi * Og) * L + r0 * oW, L, false},
                          {tcol.get() + gi * Kg * ld, ld, true}, first ? 0 : 1,
                          out + gi * Og * Kg, Kg);
          first = false;
        }
      return;
    }
    auto col = buffer<T>(ident && nb == 1 ? 0 : C * KK * nb * L);
    auto tmp = buffer<T>(nb > 1 ? Cout * nb * L : 0);
    for (int64_t n0 = i0; n0 < i1; n0 += nb) {
      const int64_t m = std::min(nb, i1 - n0), ld = m * L;
      const T* cols = col.get();
      if (ident && m == 1) {
        cols = x + n0 * C * Lin;
      } else {
        im2col_chunk(x, C, n0, m, col.get(), g);
      }
      const T* src = gy + n0 * Cout * L;
      if (m > 1) {
        gather_items(gy, Cout, L, n0, m, tmp.get());
        src = tmp.get();
      }
      for (int64_t gi = 0; gi < G; ++gi)
        kernels::gemm(dt, Og, Kg, ld, 1, {src + gi * Og * ld, ld, false},
                      {cols + gi * Kg * ld, ld, true}, n0 == i0 ? 0 : 1, out + gi * Og * Kg, Kg);
    }
  });
  for (int64_t t = 1; t < tasks; ++t) {
    const T* a = acc.get() + (t - 1) * WN;
    for (int64_t i = 0; i < WN; ++i) gw[i] += a[i];
  }
}

// out[n, c, ...] += bias[c]
template <typename T>
void add_bias_kernel(T* out, const T* bias, int64_t N, int64_t C, int64_t L) {
  parallel_for(0, N * C, std::max<int64_t>(1, 32768 / std::max<int64_t>(L, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t p = b; p < e; ++p) {
                   const T v = bias[p % C];
                   T* o = out + p * L;
                   for (int64_t l = 0; l < L; ++l) o[l] += v;
                 }
               });
}

enum ConvKind : int64_t { kFwd = 0, kBwdInput = 1, kBwdWeight = 2 };

// Which dtype the kernels run in: half types compute in float.
ScalarType compute_dtype(ScalarType t) { return t == kHalf || t == kBFloat16 ? kFloat : t; }

#define WICK_DISPATCH_CONV(TYPE, NAME, ...)                                              \
  [&] {                                                                                  \
    const ::wick::ScalarType _st = TYPE;                                                 \
    switch (_st) { WICK_CASES_FLOAT(__VA_ARGS__) WICK_CASES_INT(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()

// float32 maps go through oneDNN when it is built in and takes the case
// (Note [Convolution backends] in conv_dnnl.cpp); `run` is wick's own kernel.
template <typename F>
bool try_dnnl(ConvKind kind, const Tensor& a, const Tensor& b, const Tensor& bias,
              const Tensor& out, int64_t N, int64_t C, int64_t Cout, const ConvGeom& g, F&& run) {
  if (a.dtype() != kFloat || out.numel() == 0) return false;
  const detail::DnnlGeom dg{g.nd, g.groups, g.stride, g.pad, g.dil, g.in, g.out, g.k};
  return detail::dnnl_conv(kind, a.data_ptr<float>(), b.data_ptr<float>(),
                           bias.defined() ? bias.data_ptr<float>() : nullptr,
                           out.data_ptr<float>(), N, C, Cout, dg, run);
}

// One of the three maps on raw data, no history. A float32 forward map adds
// `bias` (contiguous float32) itself, in the same pass where oneDNN runs it; a
// float32 weight-grad map with `bias_grad_out` also sets it to the bias grad
// (left undefined for other dtypes).
Tensor conv_raw(ConvKind kind, const Tensor& a_in, const Tensor& b_in, const ConvGeom& g,
                const Tensor& bias = {}, Tensor* bias_grad_out = nullptr) {
  const ScalarType dt = a_in.dtype(), ct = compute_dtype(dt);
  Tensor a = a_in.to(ct).contiguous(), b = b_in.to(ct).contiguous();
  Tensor out;
  const int64_t G = g.groups;
  const char* name = "conv";
  if (kind == kFwd) {  // a = x, b = w
    const int64_t N = a.size(0), C = a.size(1), Cout = b.size(0);
    out = empty(g.shape(N, Cout, g.out), a.options());
    WICK_DISPATCH_CONV(ct, name, [&] {
      auto run = [&] {
        conv_forward_kernel<scalar_t>(a.data_ptr<scalar_t>(), b.data_ptr<scalar_t>(),
                                      out.data_ptr<scalar_t>(), N, C, Cout, ct, g);
        if (bias.defined() && out.numel() > 0)
          add_bias_kernel<scalar_t>(out.data_ptr<scalar_t>(), bias.data_ptr<scalar_t>(), N,
                                    Cout, g.out_numel());
      };
      if (!try_dnnl(kind, a, b, bias, out, N, C, Cout, g, run)) run();
    });
  } else if (kind == kBwdInput) {  // a = gy, b = w
    const int64_t N = a.size(0), C = b.size(1) * G, Cout = b.size(0);
    out = empty(g.shape(N, C, g.in), a.options());
    WICK_DISPATCH_CONV(ct, name, [&] {
      auto run = [&] {
        conv_input_kernel<scalar_t>(a.data_ptr<scalar_t>(), b.data_ptr<scalar_t>(),
                                    out.data_ptr<scalar_t>(), N, C, Cout, ct, g);
      };
      if (!try_dnnl(kind, a, b, Tensor(), out, N, C, Cout, g, run)) run();
    });
  } else {  // a = x, b = gy
    const int64_t N = a.size(0), C = a.size(1), Cout = b.size(1);
    out = empty(g.shape(Cout, C / G, g.k), a.options());
    // A float32 weight grad can also give the bias grad (sum of gy over batch and space).
    Tensor gb;
    if (bias_grad_out && dt == kFloat) gb = empty({Cout}, a.options());
    WICK_DISPATCH_CONV(ct, name, [&] {
      auto run = [&] {
        conv_weight_kernel<scalar_t>(a.data_ptr<scalar_t>(), b.data_ptr<scalar_t>(),
                                     out.data_ptr<scalar_t>(), N, C, Cout, ct, g);
        if (gb.defined()) {
          const scalar_t* gy = b.data_ptr<scalar_t>();
          scalar_t* db = gb.data_ptr<scalar_t>();
          const int64_t L = g.out_numel();
          for (int64_t o = 0; o < Cout; ++o) {
            double acc = 0;
            for (int64_t n = 0; n < N; ++n) {
              const scalar_t* p = gy + (n * Cout + o) * L;
              float part = 0;
              for (int64_t l = 0; l < L; ++l) part += static_cast<float>(p[l]);
              acc += part;
            }
            db[o] = static_cast<scalar_t>(acc);
          }
        }
      };
      if (!try_dnnl(kind, a, b, gb, out, N, C, Cout, g, run)) run();
    });
    if (bias_grad_out) *bias_grad_out = gb;
  }
  return ct == dt ? out : out.to(dt);
}

Tensor conv_op(ConvKind kind, const Tensor& a, const Tensor& b, const ConvGeom& g);

variable_list conv_op_backward(FormulaNode& n, const variable_list& grads) {
  const Tensor& g = grads[0];
  const ConvGeom geom = ConvGeom::unpack(n.sizes(0));
  const auto kind = static_cast<ConvKind>(n.int_at(0));
  Tensor a = n.saved(0), b = n.saved(1);
  Tensor da, db;
  switch (kind) {
    case kFwd:  // (x, w)
      if (n.needs(0)) da = conv_op(kBwdInput, g, b, geom);
      if (n.needs(1)) db = conv_op(kBwdWeight, a, g, geom);
      break;
    case kBwdInput:  // (gy, w)
      if (n.needs(0)) da = conv_op(kFwd, g, b, geom);
      if (n.needs(1)) db = conv_op(kBwdWeight, g, a, geom);
      break;
    case kBwdWeight:  // (x, gy)
      if (n.needs(0)) da = conv_op(kBwdInput, b, g, geom);
      if (n.needs(1)) db = conv_op(kFwd, a, g, geom);
      break;
  }
  return {da, db};
}

// conv_raw with history (Note [Convolution as three bilinear maps]).
Tensor conv_op(ConvKind kind, const Tensor& a, const Tensor& b, const ConvGeom& g) {
  if (!autograd::compute_requires_grad(a, b)) return conv_raw(kind, a, b, g);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = conv_raw(kind, a, b, g);
  }
  if (FormulaNode* node =
          autograd::record("ConvolutionBackwardBackward0", conv_op_backward, {a, b}, {out}))
    node->save(a)->save(b)->keep(g.pack())->keep_int(kind);
  return out;
}

// Bias gradient: sum over batch and space.
Tensor bias_grad(const Tensor& g) {
  DimVector dims{0};
  for (int64_t d = 2; d < g.dim(); ++d) dims.push_back(d);
  return g.sum(dims);
}

variable_list convolution_backward(FormulaNode& n, const variable_list& grads) {
  const Tensor g = grads[0].contiguous();  // once for every map below
  const ConvGeom geom = ConvGeom::unpack(n.sizes(0));
  const bool transposed = n.int_at(0);
  Tensor x = n.saved(0), w = n.saved(1);
  Tensor dx, dw, db;
  if (!transposed) {
    if (n.needs(0)) dx = conv_op(kBwdInput, g, w, geom);
    // Without a graph to record, the weight-grad pass also sums the bias grad.
    if (n.needs(1) && n.needs(2) && !autograd::GradMode::is_enabled() && x.dtype() == kFloat &&
        g.dtype() == kFloat)
      dw = conv_raw(kBwdWeight, x, g, geom, {}, &db);
    else if (n.needs(1))
      dw = conv_op(kBwdWeight, x, g, geom);
  } else {
    if (n.needs(0)) dx = conv_op(kFwd, g, w, geom);
    if (n.needs(1)) dw = conv_op(kBwdWeight, g, x, geom);
  }
  if (n.needs(2) && !db.defined()) db = bias_grad(g);
  return {dx, dw, db};
}

// ---- argument checks -------------------------------------------------------------

// The C type PyTorch names in dtype messages ("float", "double").
const char* c_type_name_of(ScalarType t) {
  switch (t) {
    case kFloat: return "float";
    case kDouble: return "double";
    case kHalf: return "c10::Half";
    case kBFloat16: return "c10::BFloat16";
    case kLong: return "long int";
    case kInt: return "int";
    case kShort: return "short int";
    case kChar: return "signed char";
    case kByte: return "unsigned char";
    case kBool: return "bool";
    default: return "undefined";
  }
}

// One value for every dim, or one per dim.
DimVector expand_param(IntArrayRef v, int64_t nd, const char* name) {
  if (v.size() == 1) return DimVector(nd, v[0]);
  WICK_CHECK(static_cast<int64_t>(v.size()) == nd, "expected ", name,
             " to be a single integer value or a list of ", nd,
             " values to match the convolution dimensions, but got ", name, "=", v);
  return v.vec();
}

// "3 x 3"
std::string x_join(const int64_t* v, int64_t n) {
  std::ostringstream os;
  for (int64_t i = 0; i < n; ++i) os << (i ? " x " : "") << v[i];
  return os.str();
}

const char* const kDimNames3[] = {"depth", "height", "width"};

// The shared core of convolution(): pad_lo/pad_hi are the padding on each side.
Tensor convolution_impl(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride_in, IntArrayRef pad_lo_in, IntArrayRef pad_hi_in,
                        IntArrayRef dilation_in, bool transposed, IntArrayRef output_padding_in,
                        int64_t groups) {
  const int64_t wdim = weight.dim();
  WICK_CHECK(wdim >= 3 && wdim <= 5, "Expected 3D, 4D or 5D weight for convolution, but got ",
             wdim, "D weight of size ", weight.sizes());
  const int64_t nd = wdim - 2;
  DimVector stride = expand_param(stride_in, nd, "stride");
  DimVector pad_lo = expand_param(pad_lo_in, nd, "padding");
  DimVector pad_hi = expand_param(pad_hi_in, nd, "padding");
  DimVector dilation = expand_param(dilation_in, nd, "dilation");
  DimVector output_padding = expand_param(output_padding_in, nd, "output_padding");
  for (auto s : stride) WICK_CHECK(s > 0, "non-positive stride is not supported");
  for (auto p : pad_lo) WICK_CHECK(p >= 0, "negative padding is not supported");
  for (auto p : pad_hi) WICK_CHECK(p >= 0, "negative padding is not supported");
  for (auto p : output_padding) WICK_CHECK(p >= 0, "negative output_padding is not supported");
  for (auto d : dilation) WICK_CHECK(d > 0, "non-positive dilation is not supported");
  WICK_CHECK(groups > 0, "non-positive groups is not supported");
  WICK_CHECK(input.dim() == wdim, "Expected ", wdim, "-dimensional input for ", wdim,
             "-dimensional weight ", weight.sizes(), ", but got ", input.dim(),
             "-dimensional input of size ", input.sizes(), " instead");
  WICK_CHECK(weight.size(0) >= groups, "Given groups=", groups,
             ", expected weight to be at least ", groups,
             " at dimension 0, but got weight of size ", weight.sizes(), " instead");
  WICK_CHECK(weight.size(0) % groups == 0, "Given groups=", groups,
             ", expected weight to be divisible by ", groups,
             " at dimension 0, but got weight of size [", weight.sizes(), "] instead");
  const ScalarType dt = input.dtype();
  WICK_CHECK(weight.dtype() == dt, "expected scalar type ", dt, " but found ", weight.dtype());
  if (bias.defined())
    WICK_CHECK(bias.dtype() == dt, "Input type (", c_type_name_of(dt), ") and bias type (",
               c_type_name_of(bias.dtype()), ") should be the same");
  WICK_CHECK(dt != kBool, "\"", transposed ? "slow_conv_transpose2d_out_cpu" : "slow_conv2d_cpu",
             "\" not implemented for 'Bool'");

  ConvGeom g;
  g.nd = nd;
  g.groups = groups;
  const int64_t off = 3 - nd;
  for (int64_t i = 0; i < nd; ++i) {
    g.stride[off + i] = stride[i];
    g.pad[off + i] = pad_lo[i];
    g.dil[off + i] = dilation[i];
    g.k[off + i] = weight.size(2 + i);
  }
  if (!transposed) {
    WICK_CHECK(input.size(1) == weight.size(1) * groups, "Given groups=", groups,
               ", weight of size ", weight.sizes(), ", expected input", input.sizes(),
               " to have ", weight.size(1) * groups, " channels, but got ", input.size(1),
               " channels instead");
    if (bias.defined())
      WICK_CHECK(bias.dim() == 1 && bias.size(0) == weight.size(0), "Given weight of size ",
                 weight.sizes(), ", expected bias to be 1-dimensional with ", weight.size(0),
                 " elements, but got bias of size ", bias.sizes(), " instead");
    int64_t padded[3], ksz[3];
    bool ok = true;
    for (int64_t i = 0; i < nd; ++i) {
      padded[i] = input.size(2 + i) + pad_lo[i] + pad_hi[i];
      ksz[i] = dilation[i] * (weight.size(2 + i) - 1) + 1;
      ok = ok && padded[i] >= ksz[i];
    }
    WICK_CHECK(ok, "Calculated padded input size per channel: (", x_join(padded, nd),
               "). Kernel size: (", x_join(ksz, nd),
               "). Kernel size can't be greater than actual input size");
    for (int64_t i = 0; i < nd; ++i) {
      g.in[off + i] = input.size(2 + i);
      g.out[off + i] = (padded[i] - ksz[i]) / stride[i] + 1;
    }
  } else {
    WICK_CHECK(input.size(1) == weight.size(0), "Given transposed=1, weight of size ",
               weight.sizes(), ", expected input", input.sizes(), " to have ", weight.size(0),
               " channels, but got ", input.size(1), " channels instead");
    const int64_t cout = weight.size(1) * groups;
    if (bias.defined())
      WICK_CHECK(bias.dim() == 1 && bias.size(0) == cout, "Given transposed=1, weight of size ",
                 weight.sizes(), ", expected bias to be 1-dimensional with ", cout,
                 " elements, but got bias of size ", bias.sizes(), " instead");
    bool op_ok = true;
    for (int64_t i = 0; i < nd; ++i)
      op_ok = op_ok && (output_padding[i] < stride[i] || output_padding[i] < dilation[i]);
    if (!op_ok) {
      // PyTorch names the dims height/width (1-d runs as 2-d) or depth/height/width.
      const int64_t shown = nd == 3 ? 3 : 2;
      const char* const* names = kDimNames3 + (3 - shown);
      auto val = [&](const DimVector& v, int64_t i) {
        return shown == nd ? v[i] : (i == 0 ? (&v == &output_padding ? 0 : 1) : v[0]);
      };
      std::ostringstream os;
      os << "output padding must be smaller than either stride or dilation, but got";
      for (int64_t i = 0; i < shown; ++i) os << " output_padding_" << names[i] << ": " << val(output_padding, i);
      for (int64_t i = 0; i < shown; ++i) os << " stride_" << names[i] << ": " << val(stride, i);
      for (int64_t i = 0; i < shown; ++i) os << " dilation_" << names[i] << ": " << val(dilation, i);
      throw Error(os.str());
    }
    int64_t in_sp[3], out_sp[3];
    bool ok = true;
    for (int64_t i = 0; i < nd; ++i) {
      in_sp[i] = input.size(2 + i);
      out_sp[i] = (in_sp[i] - 1) * stride[i] - pad_lo[i] - pad_hi[i] +
                  dilation[i] * (weight.size(2 + i) - 1) + output_padding[i] + 1;
      ok = ok && out_sp[i] > 0;
    }
    WICK_CHECK(ok, "Given input size per channel: (", x_join(in_sp, nd),
               "). Calculated output size per channel: (", x_join(out_sp, nd),
               "). Output size is too small");
    for (int64_t i = 0; i < nd; ++i) {
      g.in[off + i] = out_sp[i];
      g.out[off + i] = in_sp[i];
    }
  }

  auto compute = [&] {
    // A float32 forward map takes the bias into its own pass.
    const bool fuse = !transposed && bias.defined() && dt == kFloat;
    Tensor out = conv_raw(transposed ? kBwdInput : kFwd, input, weight, g,
                          fuse ? bias.contiguous() : Tensor());
    if (!fuse && bias.defined() && out.numel() > 0) {
      const int64_t L = transposed ? g.in_numel() : g.out_numel();
      const ScalarType ct = compute_dtype(dt);
      Tensor o = ct == dt ? out : out.to(ct);
      Tensor bb = bias.to(ct).contiguous();
      WICK_DISPATCH_CONV(ct, "conv", [&] {
        add_bias_kernel<scalar_t>(o.data_ptr<scalar_t>(), bb.data_ptr<scalar_t>(), o.size(0),
                                  o.size(1), L);
      });
      if (ct != dt) out = o.to(dt);
    }
    return out;
  };
  if (!autograd::compute_requires_grad(input, weight, bias)) return compute();
  Tensor out;
  {
    NoGradGuard no_grad;
    out = compute();
  }
  if (FormulaNode* node = autograd::record("ConvolutionBackward0", convolution_backward,
                                           {input, weight, bias}, {out}))
    node->save(input)->save(weight)->keep(g.pack())->keep_int(transposed);
  return out;
}


// Input of a conv{1,2,3}d / conv_transpose{1,2,3}d: batched, or unbatched (no N).
bool check_conv_rank(const Tensor& input, int64_t nd, const char* name) {
  WICK_CHECK(input.dim() == nd + 1 || input.dim() == nd + 2, "Expected ", nd + 1,
             "D (unbatched) or ", nd + 2, "D (batched) input to ", name,
             ", but got input of size: ", input.sizes());
  return input.dim() == nd + 1;
}

// The Python parser of conv2d etc. widens a single value to the op's dims first,
// so a weight of the wrong rank is reported against the widened lists.
DimVector widen(IntArrayRef v, int64_t nd) {
  return v.size() == 1 ? DimVector(nd, v[0]) : DimVector(v.begin(), v.end());
}

template <typename F>
Tensor with_batch(const Tensor& input, bool unbatched, F&& f) {
  if (!unbatched) return f(input);
  return f(input.unsqueeze(0)).squeeze(0);
}

Tensor conv_nd(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
               IntArrayRef padding, IntArrayRef dilation, int64_t groups, int64_t nd,
               const char* name) {
  const bool unbatched = check_conv_rank(input, nd, name);
  return with_batch(input, unbatched, [&](const Tensor& x) {
    return convolution_impl(x, weight, bias, widen(stride, nd), widen(padding, nd),
                            widen(padding, nd), widen(dilation, nd), false, widen(0, nd), groups);
  });
}

Tensor conv_nd_mode(const Tensor& input, const Tensor& weight, const Tensor& bias,
                    IntArrayRef stride, std::string_view padding, IntArrayRef dilation,
                    int64_t groups, int64_t nd, const char* name) {
  const bool unbatched = check_conv_rank(input, nd, name);
  DimVector lo(nd, 0), hi(nd, 0);
  if (padding == "same") {
    DimVector st = expand_param(stride, nd, "stride");
    for (auto s : st) WICK_CHECK(s == 1, "padding='same' is not supported for strided convolutions");
    DimVector dil = expand_param(dilation, nd, "dilation");
    WICK_CHECK(weight.dim() == nd + 2, "Expected ", nd + 2, "-dimensional input for ", weight.dim(),
               "-dimensional weight ", weight.sizes(), ", but got ", input.dim(),
               "-dimensional input of size ", input.sizes(), " instead");
    for (int64_t i = 0; i < nd; ++i) {
      const int64_t total = dil[i] * (weight.size(2 + i) - 1);
      lo[i] = total / 2;
      hi[i] = total - lo[i];
    }
  } else {
    WICK_CHECK(padding == "valid", "Invalid padding string: '", padding, "'");
  }
  return with_batch(input, unbatched, [&](const Tensor& x) {
    return convolution_impl(x, weight, bias, widen(stride, nd), lo, hi, widen(dilation, nd),
                            false, widen(0, nd), groups);
  });
}

Tensor conv_transpose_nd(const Tensor& input, const Tensor& weight, const Tensor& bias,
                         IntArrayRef stride, IntArrayRef padding, IntArrayRef output_padding,
                         int64_t groups, IntArrayRef dilation, int64_t nd, const char* name) {
  const bool unbatched = check_conv_rank(input, nd, name);
  return with_batch(input, unbatched, [&](const Tensor& x) {
    return convolution_impl(x, weight, bias, widen(stride, nd), widen(padding, nd),
                            widen(padding, nd), widen(dilation, nd), true,
                            widen(output_padding, nd), groups);
  });
}

}  // namespace

Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef output_padding, int64_t groups) {
  return convolution_impl(input, weight, bias, stride, padding, padding, dilation, transposed,
                          output_padding, groups);
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv_nd(input, weight, bias, stride, padding, dilation, groups, 1, "conv1d");
}
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv_nd(input, weight, bias, stride, padding, dilation, groups, 2, "conv2d");
}
Tensor conv3d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv_nd(input, weight, bias, stride, padding, dilation, groups, 3, "conv3d");
}
Tensor conv_padding_mode(int64_t spatial_dims, const Tensor& input, const Tensor& weight,
                         const Tensor& bias, IntArrayRef stride, std::string_view padding,
                         IntArrayRef dilation, int64_t groups) {
  static const char* const names[] = {"conv1d", "conv2d", "conv3d"};
  WICK_CHECK(spatial_dims >= 1 && spatial_dims <= 3, "conv_padding_mode: 1 to 3 spatial dims");
  return conv_nd_mode(input, weight, bias, stride, padding, dilation, groups, spatial_dims,
                      names[spatial_dims - 1]);
}

Tensor conv_transpose1d(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride, IntArrayRef padding, IntArrayRef output_padding,
                        int64_t groups, IntArrayRef dilation) {
  return conv_transpose_nd(input, weight, bias, stride, padding, output_padding, groups, dilation,
                           1, "conv_transpose1d");
}
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride, IntArrayRef padding, IntArrayRef output_padding,
                        int64_t groups, IntArrayRef dilation) {
  return conv_transpose_nd(input, weight, bias, stride, padding, output_padding, groups, dilation,
                           2, "conv_transpose2d");
}
Tensor conv_transpose3d(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride, IntArrayRef padding, IntArrayRef output_padding,
                        int64_t groups, IntArrayRef dilation) {
  return conv_transpose_nd(input, weight, bias, stride, padding, output_padding, groups, dilation,
                           3, "conv_transpose3d");
}

// ---- fold / unfold -------------------------------------------------------------------

namespace {

DimVector pair_param(IntArrayRef v, const char* name) {
  if (v.size() == 1) return DimVector(2, v[0]);
  WICK_CHECK(v.size() == 2, "It is expected ", name, " equals to 2, but got size ", v.size());
  return v.vec();
}

struct FoldArgs {
  DimVector k, d, p, s;
};

FoldArgs fold_args(IntArrayRef kernel_size, IntArrayRef dilation, IntArrayRef padding,
                   IntArrayRef stride) {
  FoldArgs a{pair_param(kernel_size, "kernel_size"), pair_param(dilation, "dilation"),
             pair_param(padding, "padding"), pair_param(stride, "stride")};
  WICK_CHECK(a.k[0] > 0 && a.k[1] > 0, "kernel size should be greater than zero, but got kernel_height: ",
             a.k[0], " kernel_width: ", a.k[1]);
  WICK_CHECK(a.s[0] > 0 && a.s[1] > 0, "stride should be greater than zero, but got stride_height: ",
             a.s[0], " stride_width: ", a.s[1]);
  WICK_CHECK(a.d[0] > 0 && a.d[1] > 0,
             "dilation should be greater than zero, but got dilation_height: ", a.d[0],
             " dilation_width: ", a.d[1]);
  WICK_CHECK(a.p[0] >= 0 && a.p[1] >= 0, "padding should be non-negative, but got pad_height: ",
             a.p[0], " pad_width: ", a.p[1]);
  return a;
}

ConvGeom fold_geom(const FoldArgs& a, int64_t H, int64_t W) {
  ConvGeom g;
  g.nd = 2;
  for (int i = 0; i < 2; ++i) {
    g.k[1 + i] = a.k[i];
    g.dil[1 + i] = a.d[i];
    g.pad[1 + i] = a.p[i];
    g.stride[1 + i] = a.s[i];
  }
  g.in[1] = H;
  g.in[2] = W;
  for (int i = 0; i < 2; ++i)
    g.out[1 + i] = (g.in[1 + i] + 2 * a.p[i] - (a.d[i] * (a.k[i] - 1) + 1)) / a.s[i] + 1;
  return g;
}

void check_fold_dtype(ScalarType dt, const char* name) {
  WICK_CHECK(is_floating_type(dt), "\"", name, "\" not implemented for '", to_string(dt), "'");
}

// (N, C, H, W) -> (N, C*KK, L) on contiguous data of the compute dtype.
Tensor im2col_raw(const Tensor& x_in, const ConvGeom& g, IntArrayRef out_shape) {
  const ScalarType dt = x_in.dtype(), ct = compute_dtype(dt);
  Tensor x = x_in.to(ct).contiguous();
  Tensor out = empty(out_shape, x.options());
  const int64_t C = x.size(x.dim() - 3), N = x.numel() / std::max<int64_t>(C * g.in_numel(), 1);
  const int64_t KK = g.k_numel(), L = g.out_numel(), Lin = g.in_numel();
  if (out.numel() == 0) return out.to(dt);
  WICK_DISPATCH_FLOATING_TYPES(ct, "im2col_out_cpu", [&] {
    const scalar_t* xp = x.data_ptr<scalar_t>();
    scalar_t* op = out.data_ptr<scalar_t>();
    parallel_for(0, N * C, std::max<int64_t>(1, 65536 / std::max<int64_t>(KK * L, 1)),
                 [&](int64_t b, int64_t e) {
                   for (int64_t p = b; p < e; ++p)
                     im2col_plane(xp + p * Lin, op + p * KK * L, L, g);
                 });
  });
  return ct == dt ? out : out.to(dt);
}

Tensor col2im_raw(const Tensor& c_in, const ConvGeom& g, IntArrayRef out_shape) {
  const ScalarType dt = c_in.dtype(), ct = compute_dtype(dt);
  Tensor col = c_in.to(ct).contiguous();
  Tensor out = zeros(out_shape, col.options());
  const int64_t KK = g.k_numel(), L = g.out_numel(), Lin = g.in_numel();
  const int64_t planes = out.numel() / std::max<int64_t>(Lin, 1);
  if (out.numel() == 0) return out.to(dt);
  WICK_DISPATCH_FLOATING_TYPES(ct, "col2im_out_cpu", [&] {
    const scalar_t* cp = col.data_ptr<scalar_t>();
    scalar_t* op = out.data_ptr<scalar_t>();
    parallel_for(0, planes, std::max<int64_t>(1, 65536 / std::max<int64_t>(KK * L, 1)),
                 [&](int64_t b, int64_t e) {
                   for (int64_t p = b; p < e; ++p)
                     col2im_plane(cp + p * KK * L, L, op + p * Lin, g);
                 });
  });
  return ct == dt ? out : out.to(dt);
}

variable_list im2col_backward(FormulaNode& n, const variable_list& grads) {
  IntArrayRef in = n.sizes(0);  // H, W
  return {col2im(grads[0], {in[0], in[1]}, n.sizes(1), n.sizes(2), n.sizes(3), n.sizes(4))};
}
variable_list col2im_backward(FormulaNode& n, const variable_list& grads) {
  return {im2col(grads[0], n.sizes(0), n.sizes(1), n.sizes(2), n.sizes(3))};
}

std::string pair_str(const DimVector& v) { return str("(", v[0], ", ", v[1], ")"); }

}  // namespace

Tensor im2col(const Tensor& input, IntArrayRef kernel_size, IntArrayRef dilation,
              IntArrayRef padding, IntArrayRef stride) {
  FoldArgs a = fold_args(kernel_size, dilation, padding, stride);
  const int64_t dim = input.dim();
  bool nonzero = dim == 3 || dim == 4;
  for (int64_t d = dim == 4 ? 1 : 0; nonzero && d < dim; ++d) nonzero = input.size(d) != 0;
  WICK_CHECK(nonzero,
             "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other "
             "non-zero dimensions for input, but got: ", input.sizes());
  check_fold_dtype(input.dtype(), "im2col_out_cpu");
  const int64_t H = input.size(dim - 2), W = input.size(dim - 1), C = input.size(dim - 3);
  ConvGeom g = fold_geom(a, H, W);
  WICK_CHECK(g.out[1] >= 1 && g.out[2] >= 1, "Given input with spatial size ",
             pair_str({H, W}), ", kernel_size=", pair_str(a.k), ", dilation=", pair_str(a.d),
             ", padding=", pair_str(a.p), ", calculated shape of the array of sliding blocks as ",
             pair_str({g.out[1], g.out[2]}), ", but its components must be at least one.");
  DimVector shape;
  if (dim == 4) shape.push_back(input.size(0));
  shape.push_back(C * a.k[0] * a.k[1]);
  shape.push_back(g.out_numel());
  if (!autograd::compute_requires_grad(input)) return im2col_raw(input, g, shape);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = im2col_raw(input, g, shape);
  }
  if (FormulaNode* node = autograd::record("Im2ColBackward0", im2col_backward, {input}, {out}))
    node->keep(IntArrayRef({H, W}))->keep(a.k)->keep(a.d)->keep(a.p)->keep(a.s);
  return out;
}

Tensor col2im(const Tensor& input, IntArrayRef output_size, IntArrayRef kernel_size,
              IntArrayRef dilation, IntArrayRef padding, IntArrayRef stride) {
  DimVector os = pair_param(output_size, "output_size");
  FoldArgs a = fold_args(kernel_size, dilation, padding, stride);
  WICK_CHECK(os[0] > 0 && os[1] > 0,
             "output_size should be greater than zero, but got output_height: ", os[0],
             " output_width: ", os[1]);
  const int64_t dim = input.dim();
  bool nonzero = dim == 2 || dim == 3;
  for (int64_t d = dim == 3 ? 1 : 0; nonzero && d < dim; ++d) nonzero = input.size(d) != 0;
  WICK_CHECK(nonzero,
             "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and "
             "non-zero dimensions for input, but got: ", input.sizes());
  check_fold_dtype(input.dtype(), "col2im_out_cpu");
  const int64_t rows = input.size(dim - 2), L = input.size(dim - 1), KK = a.k[0] * a.k[1];
  WICK_CHECK(rows % KK == 0,
             "Expected size of input's dimension ", dim - 2,
             " to be divisible by the product of kernel_size, but got input.size(", dim - 2,
             ")=", rows, " and kernel_size=", pair_str(a.k), ".");
  ConvGeom g = fold_geom(a, os[0], os[1]);
  WICK_CHECK(L == g.out[1] * g.out[2], "Given output_size=", pair_str(os), ", kernel_size=",
             pair_str(a.k), ", dilation=", pair_str(a.d), ", padding=", pair_str(a.p),
             ", stride=", pair_str(a.s), ", expected size of input's dimension ", dim - 1,
             " to match the calculated number of sliding blocks ", g.out[1], " * ", g.out[2],
             " = ", g.out[1] * g.out[2], ", but got input.size(", dim - 1, ")=", L, ".");
  WICK_CHECK(g.out[1] >= 1 && g.out[2] >= 1, "Given output_size=", pair_str(os),
             ", kernel_size=", pair_str(a.k), ", dilation=", pair_str(a.d), ", padding=",
             pair_str(a.p), ", stride=", pair_str(a.s),
             ", calculated shape of the array of sliding blocks as ",
             pair_str({g.out[1], g.out[2]}), ", which is too small (non-positive)");
  DimVector shape;
  if (dim == 3) shape.push_back(input.size(0));
  shape.push_back(rows / KK);
  shape.push_back(os[0]);
  shape.push_back(os[1]);
  if (!autograd::compute_requires_grad(input)) return col2im_raw(input, g, shape);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = col2im_raw(input, g, shape);
  }
  if (FormulaNode* node = autograd::record("Col2ImBackward0", col2im_backward, {input}, {out}))
    node->keep(a.k)->keep(a.d)->keep(a.p)->keep(a.s);
  return out;
}

// ---- linear layers -------------------------------------------------------------------

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  const int64_t dim = input.dim();
  if (dim == 2 && bias.defined()) return addmm(bias, input, weight.t());
  if (bias.defined() && dim >= 3 && input.is_contiguous() && weight.dim() == 2 &&
      bias.dim() == 1) {
    // PyTorch 2.x folds contiguous leading dims into one addmm, then views back.
    DimVector out_shape(input.sizes().begin(), input.sizes().end() - 1);
    out_shape.push_back(weight.size(0));
    Tensor flat = input.view({-1, input.size(-1)});
    return addmm(bias, flat, weight.t()).view(out_shape);
  }
  Tensor out = matmul(input, weight.t());
  return bias.defined() ? out + bias : out;
}

Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const Tensor& bias) {
  WICK_CHECK(input1.dim() == input2.dim(), "bilinear(): input dimensions do not match: got ",
             input1.dim(), " and ", input2.dim());
  for (int64_t i = 0; i < input1.dim() - 1; ++i)
    WICK_CHECK(input1.size(i) == input2.size(i),
               "bilinear(): input batch dimensions do not match at dim ", i, ": got ",
               input1.size(i), " and ", input2.size(i));
  WICK_CHECK(weight.dim() == 3, "bilinear(): weight must be 3-dimensional, but got ",
             weight.dim(), "-dimensional weight");
  WICK_CHECK(input1.size(-1) == weight.size(1),
             "bilinear(): input1 size does not match weight size: got ", input1.size(-1),
             " but expected ", weight.size(1));
  WICK_CHECK(input2.size(-1) == weight.size(2),
             "bilinear(): input2 size does not match weight size: got ", input2.size(-1),
             " but expected ", weight.size(2));
  if (bias.defined())
    WICK_CHECK(bias.size(-1) == weight.size(0),
               "bilinear(): bias size does not match weight size: got ", bias.size(-1),
               " but expected ", weight.size(0));
  const int64_t O = weight.size(0), I1 = weight.size(1), I2 = weight.size(2);
  DimVector out_shape(input1.sizes().begin(), input1.sizes().end() - 1);
  out_shape.push_back(O);
  Tensor x1 = input1.reshape({-1, I1}), x2 = input2.reshape({-1, I2});
  // t[b, o, j] = sum_i x1[b, i] w[o, i, j]
  Tensor t = matmul(x1, weight.permute({1, 0, 2}).reshape({I1, O * I2})).view({-1, O, I2});
  Tensor y = (t * x2.unsqueeze(1)).sum({-1}).reshape(out_shape);
  return bias.defined() ? y + bias : y;
}

}  // namespace wick

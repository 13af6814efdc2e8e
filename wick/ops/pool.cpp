// Pooling: max / average / adaptive / unpool / Lp, 1-3 spatial dims.
//
// Every kernel sees its input as `planes` contiguous planes of D x H x W
// (1d and 2d pools are 3d pools with leading unit dims) and each output
// position's window as a per-dimension range [start, end) walked with a step.
// The windows are precomputed per dimension, so one loop nest serves max,
// average and adaptive pooling forward and backward; planes run in parallel.
#include "wick/ops/pool.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/creation.h"

namespace wick {

namespace {

using autograd::FormulaNode;
using autograd::variable_list;

template <typename T>
using acc_t = std::conditional_t<std::is_same_v<T, double>, double,
                                 std::conditional_t<std::is_integral_v<T>, int64_t, float>>;

// The windows along one spatial dimension: output o reads input positions
// start[o], start[o] + step, ... < end[o]; factor[o] is this dimension's share
// of an average's divisor.
struct DimWindows {
  std::vector<int64_t> start, end;
  std::vector<int64_t> factor;
  int64_t step = 1;
};

struct Geom {
  int64_t planes = 1;
  int64_t in[3] = {1, 1, 1};
  int64_t out[3] = {1, 1, 1};
  DimWindows w[3];
  int64_t isz() const { return in[0] * in[1] * in[2]; }
  int64_t osz() const { return out[0] * out[1] * out[2]; }
};

std::string join_x(IntArrayRef v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "x" : "") + std::to_string(v[i]);
  return s;
}

std::string sizes_str(IntArrayRef v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

int64_t div_floor(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// PyTorch's pooling output size, including ceil_mode's rule that the last
// window must start inside the input (or the left padding).
int64_t pool_out_size(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dil, bool ceil) {
  WICK_CHECK(stride != 0, "stride should not be zero");
  WICK_CHECK(pad >= 0, "pad must be non-negative, but got pad: ", pad);
  WICK_CHECK(pad <= ((k - 1) * dil + 1) / 2,
             "pad should be at most half of effective kernel size, but got pad=", pad,
             ", kernel_size=", k, " and dilation=", dil);
  int64_t out = div_floor(in + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
  if (ceil && (out - 1) * stride >= in + pad) --out;
  return out;
}

const char* count_word(int nd) { return nd == 1 ? "one" : nd == 2 ? "two" : "three"; }

// kernel_size / stride / padding / dilation: one value or nd values.
DimVector expand(IntArrayRef v, int nd, const char* fn, const char* what, bool may_omit,
                 IntArrayRef fallback = {}) {
  if (may_omit && v.empty()) return fallback.vec();
  if (v.size() == 1) return DimVector(nd, v[0]);
  if (static_cast<int>(v.size()) == nd) return v.vec();
  if (may_omit)
    throw Error(str(fn, ": ", what, " must either be omitted, a single int, or a tuple of ",
                    count_word(nd), " ints"));
  if (std::string(what) == "kernel_size")
    throw Error(str(fn, ": ", what, " must either be a single int, or a tuple of ", count_word(nd),
                    " ints"));
  throw Error(
      str(fn, ": ", what, " must be either be a single int, or a tuple of ", count_word(nd), " ints"));
}

// Batch dims before the nd spatial dims; sets planes and in[].
void set_input(Geom& g, const Tensor& x, int nd) {
  const int64_t lead = x.dim() - nd;
  g.planes = 1;
  for (int64_t i = 0; i < lead; ++i) g.planes *= x.size(i);
  for (int i = 0; i < nd; ++i) g.in[3 - nd + i] = x.size(lead + i);
}

DimVector out_shape(const Tensor& x, const Geom& g, int nd) {
  DimVector s(x.sizes().begin(), x.sizes().end() - nd);
  for (int i = 0; i < nd; ++i) s.push_back(g.out[3 - nd + i]);
  return s;
}

void unit_dims(Geom& g, int nd) {
  for (int i = 0; i < 3 - nd; ++i) {
    g.w[i].start = {0};
    g.w[i].end = {1};
    g.w[i].factor = {1};
    g.w[i].step = 1;
  }
}

// Windows of a max pool along one dim (dilated, clipped to the input).
void max_windows(DimWindows& w, int64_t in, int64_t out, int64_t k, int64_t s, int64_t p,
                 int64_t d) {
  w.step = d;
  w.start.resize(out);
  w.end.resize(out);
  w.factor.assign(out, 1);
  for (int64_t o = 0; o < out; ++o) {
    int64_t st = o * s - p;
    int64_t en = std::min(st + (k - 1) * d + 1, in);
    while (st < 0) st += d;
    w.start[o] = st;
    w.end[o] = en;
  }
}

// Windows of an average pool along one dim; factor: padded or clipped count.
void avg_windows(DimWindows& w, int64_t in, int64_t out, int64_t k, int64_t s, int64_t p,
                 bool count_include_pad) {
  w.step = 1;
  w.start.resize(out);
  w.end.resize(out);
  w.factor.resize(out);
  for (int64_t o = 0; o < out; ++o) {
    int64_t st = o * s - p;
    int64_t en = std::min(st + k, in + p);
    int64_t padded = en - st;
    st = std::max<int64_t>(st, 0);
    en = std::min(en, in);
    w.start[o] = st;
    w.end[o] = en;
    w.factor[o] = count_include_pad ? padded : std::max<int64_t>(en - st, 0);
  }
}

void adaptive_windows(DimWindows& w, int64_t in, int64_t out) {
  w.step = 1;
  w.start.resize(out);
  w.end.resize(out);
  w.factor.resize(out);
  for (int64_t o = 0; o < out; ++o) {
    int64_t st = (o * in) / out;
    int64_t en = ((o + 1) * in + out - 1) / out;
    w.start[o] = st;
    w.end[o] = en;
    w.factor[o] = en - st;
  }
}

int64_t plane_grain(const Geom& g, int64_t work_per_out) {
  int64_t per_plane = std::max<int64_t>(1, g.osz() * std::max<int64_t>(work_per_out, 1));
  return std::max<int64_t>(1, kGrainSize / per_plane);
}

// ---- kernels ----------------------------------------------------------------------

// Along one dim, windows of k consecutive inputs every s from `first` on, none
// clipped by the edges (no dilation, no padding reaching into the windows).
struct UniformWindows {
  int64_t first = 0, k = 0, s = 1;
};

// The outputs [lo, hi) along one dim whose windows are whole: k consecutive
// inputs every s, none clipped by the padding. Padded pools (ResNet's 3x3/2 pad
// 1) have such an interior with a one-output border on each side.
bool interior_windows(const DimWindows& w, int64_t& lo, int64_t& hi, UniformWindows& u) {
  const int64_t n = static_cast<int64_t>(w.start.size());
  if (w.step != 1 || n == 0) return false;
  int64_t k = 0;
  for (int64_t o = 0; o < n; ++o) k = std::max(k, w.end[o] - w.start[o]);
  lo = 0;
  while (lo < n && w.end[lo] - w.start[lo] != k) ++lo;
  hi = lo;
  while (hi < n && w.end[hi] - w.start[hi] == k) ++hi;
  if (hi - lo < 1 || k <= 0) return false;
  u.first = w.start[lo];
  u.k = k;
  u.s = hi - lo > 1 ? w.start[lo + 1] - w.start[lo] : 1;
  for (int64_t o = lo; o < hi; ++o)
    if (w.start[o] != u.first + (o - lo) * u.s) return false;
  return u.s > 0;
}

// The common 2-d case (e.g. 2x2 windows, stride 2): each window offset (dy, dx) is
// applied to a whole output row at once, as selects the compiler can vectorise;
// per-output branches on a coin-flip comparison cost more than the compares. The
// offsets run in the general kernel's order, so ties and NaNs pick the same index.
// Without kIndices (no gradient wanted) the argmax is not tracked at all.
// One output of the general kernel: the max over its clipped window (the first
// of equal values; NaN wins).
template <typename T>
inline void max_one(const T* ip, const Geom& g, int64_t od, int64_t oh, int64_t ow, T* op,
                    int64_t* xp) {
  using A = acc_t<T>;
  const int64_t H = g.in[1], W = g.in[2];
  const DimWindows &w0 = g.w[0], &w1 = g.w[1], &w2 = g.w[2];
  const int64_t d0 = w0.start[od], d1 = w0.end[od];
  const int64_t h0 = w1.start[oh], h1 = w1.end[oh];
  const int64_t x0 = w2.start[ow], x1 = w2.end[ow];
  A best = -std::numeric_limits<A>::infinity();
  int64_t bi = (d0 * H + h0) * W + x0;
  for (int64_t z = d0; z < d1; z += w0.step)
    for (int64_t y = h0; y < h1; y += w1.step) {
      const int64_t row = (z * H + y) * W;
      for (int64_t x = x0; x < x1; x += w2.step) {
        const A v = static_cast<A>(ip[row + x]);
        if (v > best || std::isnan(v)) {
          best = v;
          bi = row + x;
        }
      }
    }
  *op = static_cast<T>(best);
  if (xp) *xp = bi;
}

// Output rows [h_lo, h_hi) x columns [w_lo, w_hi) have whole windows (uh, uw
// give the first of them); the border around that rectangle, if any, takes
// the general kernel.
template <bool kIndices, typename T>
void max_kernel_2d(const T* in, T* out, int64_t* idx, const Geom& g, const UniformWindows& uh,
                   const UniformWindows& uw, int64_t h_lo, int64_t h_hi, int64_t w_lo,
                   int64_t w_hi) {
  using A = acc_t<T>;
  using Bits = std::conditional_t<sizeof(A) == 8, uint64_t, uint32_t>;
  const int64_t isz = g.isz(), osz = g.osz(), W = g.in[2], OH = g.out[1], OW = g.out[2];
  const int64_t sw = uw.s;
  parallel_for(0, g.planes, plane_grain(g, uh.k * uw.k), [&](int64_t b, int64_t e) {
    // A chunk of an output row lives in locals that cannot alias the input.
    constexpr int64_t kChunk = 64;
    A best[kChunk];
    int64_t arg[kChunk];
    for (int64_t pl = b; pl < e; ++pl) {
      const T* ip = in + pl * isz;
      T* op_plane = out + pl * osz;
      int64_t* xp_plane = kIndices ? idx + pl * osz : nullptr;
      auto general = [&](int64_t oh, int64_t ow) {
        const int64_t o = oh * OW + ow;
        max_one(ip, g, 0, oh, ow, op_plane + o, kIndices ? xp_plane + o : nullptr);
      };
      for (int64_t oh = 0; oh < OH; ++oh) {
        if (oh < h_lo || oh >= h_hi) {
          for (int64_t ow = 0; ow < OW; ++ow) general(oh, ow);
          continue;
        }
        for (int64_t ow = 0; ow < w_lo; ++ow) general(oh, ow);
        for (int64_t ow = w_hi; ow < OW; ++ow) general(oh, ow);
        const int64_t y0 = uh.first + (oh - h_lo) * uh.s;
        for (int64_t c0 = w_lo; c0 < w_hi; c0 += kChunk) {
          const int64_t n = std::min(kChunk, w_hi - c0);
          for (int64_t j = 0; j < n; ++j) {
            best[j] = -std::numeric_limits<A>::infinity();
            arg[j] = y0 * W + uw.first + (c0 - w_lo + j) * sw;
          }
          for (int64_t dy = 0; dy < uh.k; ++dy)
            for (int64_t dx = 0; dx < uw.k; ++dx) {
              const int64_t base = (y0 + dy) * W + uw.first + dx + (c0 - w_lo) * sw;
              const T* src = ip + base;
              for (int64_t j = 0; j < n; ++j) {
                // Masks, not branches or selects (GCC turns those back into jumps).
                const A v = static_cast<A>(src[j * sw]);
                const auto take = static_cast<Bits>((v > best[j]) | (v != v));
                const Bits m = static_cast<Bits>(0) - take;
                best[j] = std::bit_cast<A>((std::bit_cast<Bits>(v) & m) | (std::bit_cast<Bits>(best[j]) & ~m));
                if constexpr (kIndices) {
                  const auto wide = static_cast<int64_t>(0) - static_cast<int64_t>(take);
                  arg[j] = ((base + j * sw) & wide) | (arg[j] & ~wide);
                }
              }
            }
          T* op = out + pl * osz + oh * OW + c0;
          int64_t* xp = kIndices ? idx + pl * osz + oh * OW + c0 : nullptr;
          for (int64_t j = 0; j < n; ++j) op[j] = static_cast<T>(best[j]);
          if constexpr (kIndices)
            for (int64_t j = 0; j < n; ++j) xp[j] = arg[j];
        }
      }
    }
  });
}

template <typename T>
void max_kernel(const T* in, T* out, int64_t* idx, const Geom& g) {
  const int64_t isz = g.isz(), osz = g.osz();
  UniformWindows uh, uw;
  int64_t h_lo, h_hi, w_lo, w_hi;
  if (g.in[0] == 1 && g.out[0] == 1 && interior_windows(g.w[1], h_lo, h_hi, uh) &&
      interior_windows(g.w[2], w_lo, w_hi, uw)) {
    if (idx) return max_kernel_2d<true>(in, out, idx, g, uh, uw, h_lo, h_hi, w_lo, w_hi);
    return max_kernel_2d<false>(in, out, idx, g, uh, uw, h_lo, h_hi, w_lo, w_hi);
  }
  parallel_for(0, g.planes, plane_grain(g, 9), [&](int64_t b, int64_t e) {
    for (int64_t pl = b; pl < e; ++pl) {
      const T* ip = in + pl * isz;
      T* op = out + pl * osz;
      int64_t* xp = idx ? idx + pl * osz : nullptr;
      int64_t o = 0;
      for (int64_t od = 0; od < g.out[0]; ++od)
        for (int64_t oh = 0; oh < g.out[1]; ++oh)
          for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o)
            max_one(ip, g, od, oh, ow, op + o, xp ? xp + o : nullptr);
    }
  });
}

// gi (zeroed) += go at the argmax positions; false if an index is out of range.
template <typename T>
bool scatter_kernel(const T* go, const int64_t* idx, T* gi, int64_t planes, int64_t isz,
                    int64_t osz) {
  bool ok = true;
  parallel_for(0, planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t pl = b; pl < e; ++pl) {
                   const T* gp = go + pl * osz;
                   const int64_t* xp = idx + pl * osz;
                   T* ip = gi + pl * isz;
                   for (int64_t j = 0; j < osz; ++j) {
                     const int64_t i = xp[j];
                     if (i < 0 || i >= isz) {
                       ok = false;
                       continue;
                     }
                     ip[i] = static_cast<T>(static_cast<acc_t<T>>(ip[i]) +
                                            static_cast<acc_t<T>>(gp[j]));
                   }
                 }
               });
  return ok;
}

// Average over each window: sum / (divisor > 0 ? divisor : product of factors).
template <typename T>
void avg_kernel(const T* in, T* out, const Geom& g, int64_t divisor) {
  using A = acc_t<T>;
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  const DimWindows &w0 = g.w[0], &w1 = g.w[1], &w2 = g.w[2];
  parallel_for(0, g.planes, plane_grain(g, 9), [&](int64_t b, int64_t e) {
    for (int64_t pl = b; pl < e; ++pl) {
      const T* ip = in + pl * isz;
      T* op = out + pl * osz;
      int64_t o = 0;
      for (int64_t od = 0; od < g.out[0]; ++od)
        for (int64_t oh = 0; oh < g.out[1]; ++oh)
          for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
            const int64_t d0 = w0.start[od], d1 = w0.end[od];
            const int64_t h0 = w1.start[oh], h1 = w1.end[oh];
            const int64_t x0 = w2.start[ow], x1 = w2.end[ow];
            if (d0 >= d1 || h0 >= h1 || x0 >= x1) {
              op[o] = static_cast<T>(0);
              continue;
            }
            A sum = 0;
            for (int64_t z = d0; z < d1; ++z)
              for (int64_t y = h0; y < h1; ++y) {
                const T* row = ip + (z * H + y) * W;
                for (int64_t x = x0; x < x1; ++x) sum += static_cast<A>(row[x]);
              }
            const int64_t div = divisor > 0 ? divisor
                                            : w0.factor[od] * w1.factor[oh] * w2.factor[ow];
            op[o] = static_cast<T>(sum / static_cast<A>(div));
          }
    }
  });
}

template <typename T>
void avg_backward_kernel(const T* go, T* gi, const Geom& g, int64_t divisor) {
  using A = acc_t<T>;
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  const DimWindows &w0 = g.w[0], &w1 = g.w[1], &w2 = g.w[2];
  parallel_for(0, g.planes, plane_grain(g, 9), [&](int64_t b, int64_t e) {
    for (int64_t pl = b; pl < e; ++pl) {
      const T* gp = go + pl * osz;
      T* ip = gi + pl * isz;
      int64_t o = 0;
      for (int64_t od = 0; od < g.out[0]; ++od)
        for (int64_t oh = 0; oh < g.out[1]; ++oh)
          for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
            const int64_t d0 = w0.start[od], d1 = w0.end[od];
            const int64_t h0 = w1.start[oh], h1 = w1.end[oh];
            const int64_t x0 = w2.start[ow], x1 = w2.end[ow];
            if (d0 >= d1 || h0 >= h1 || x0 >= x1) continue;
            const int64_t div = divisor > 0 ? divisor
                                            : w0.factor[od] * w1.factor[oh] * w2.factor[ow];
            const A v = static_cast<A>(gp[o]) / static_cast<A>(div);
            for (int64_t z = d0; z < d1; ++z)
              for (int64_t y = h0; y < h1; ++y) {
                T* row = ip + (z * H + y) * W;
                for (int64_t x = x0; x < x1; ++x)
                  row[x] = static_cast<T>(static_cast<A>(row[x]) + v);
              }
          }
    }
  });
}

// Floating point only, with PyTorch's RuntimeError wording.
void check_float(const Tensor& x, const char* name) {
  WICK_CHECK(x.is_floating_point(), "\"", name, "\" not implemented for '",
             to_string(x.scalar_type()), "'");
}

// The data of x, contiguous, without recording anything.
Tensor plain(const Tensor& x) {
  autograd::NoGradGuard guard;
  return x.detach().contiguous();
}

// ---- max-index scatter (backward of max pools) ----------------------------------------

variable_list scatter_backward_formula(FormulaNode& n, const variable_list& g);

// grad_output scattered into zeros of input_sizes at indices (flat per plane).
Tensor scatter_to_input(const Tensor& grad_output, const Tensor& self, const Tensor& indices,
                        IntArrayRef input_sizes, int nd, const char* node_name) {
  WICK_CHECK(grad_output.sizes() == indices.sizes(), "Expected grad_output of shape ",
             sizes_str(indices.sizes()), " but got ", sizes_str(grad_output.sizes()));
  const int64_t lead = static_cast<int64_t>(input_sizes.size()) - nd;
  int64_t planes = 1, isz = 1, osz = 1;
  for (int64_t i = 0; i < lead; ++i) planes *= input_sizes[i];
  for (size_t i = lead; i < input_sizes.size(); ++i) isz *= input_sizes[i];
  for (int64_t i = lead; i < indices.dim(); ++i) osz *= indices.size(i);
  Tensor go = plain(grad_output);
  Tensor idx = plain(indices);
  Tensor gi = zeros(input_sizes, grad_output.options());
  bool ok = true;
  WICK_DISPATCH_FLOATING_AND_HALF(go.scalar_type(), "max_pool_backward", [&] {
    ok = scatter_kernel(go.data_ptr<scalar_t>(), idx.data_ptr<int64_t>(), gi.data_ptr<scalar_t>(),
                        planes, isz, osz);
  });
  WICK_CHECK(ok, "Found an invalid max index (output volumes are of size ", join_x(input_sizes),
             ")");
  if (autograd::compute_requires_grad(grad_output, self))
    autograd::record(node_name, scatter_backward_formula, {grad_output, self}, {gi})
        ->save(indices)
        ->keep(input_sizes)
        ->keep_int(nd);
  return gi;
}

// The gradient of a scatter is a gather of the incoming gradient.
Tensor gather_planes(const Tensor& src, const Tensor& indices, IntArrayRef src_sizes, int nd) {
  const int64_t lead = static_cast<int64_t>(src_sizes.size()) - nd;
  int64_t planes = 1, isz = 1, osz = 1;
  for (int64_t i = 0; i < lead; ++i) planes *= src_sizes[i];
  for (size_t i = lead; i < src_sizes.size(); ++i) isz *= src_sizes[i];
  for (int64_t i = lead; i < indices.dim(); ++i) osz *= indices.size(i);
  return src.reshape({planes, isz}).gather(1, indices.reshape({planes, osz})).view(indices.sizes());
}

variable_list scatter_backward_formula(FormulaNode& n, const variable_list& g) {
  Tensor idx = n.saved(0);
  return {gather_planes(g[0], idx, n.sizes(0), static_cast<int>(n.int_at(0))), Tensor()};
}

variable_list max_pool_formula(FormulaNode& n, const variable_list& g) {
  const int nd = static_cast<int>(n.int_at(0));
  return {scatter_to_input(g[0], n.saved(1), n.saved(0), n.sizes(0), nd,
                           nd == 3 ? "MaxPool3DWithIndicesBackwardBackward0"
                                   : "MaxPool2DWithIndicesBackwardBackward0")};
}

variable_list adaptive_max_formula(FormulaNode& n, const variable_list& g) {
  const int nd = static_cast<int>(n.int_at(0));
  return {scatter_to_input(g[0], n.saved(1), n.saved(0), n.sizes(0), nd,
                           nd == 3 ? "AdaptiveMaxPool3DBackwardBackward0"
                                   : "AdaptiveMaxPool2DBackwardBackward0")};
}

// ---- max pool -------------------------------------------------------------------------

struct MaxArgs {
  DimVector k, s, p, d;
};

MaxArgs max_args(const char* fn, int nd, IntArrayRef kernel_size, IntArrayRef stride,
                 IntArrayRef padding, IntArrayRef dilation) {
  MaxArgs a;
  a.k = expand(kernel_size, nd, fn, "kernel_size", false);
  a.s = expand(stride, nd, fn, "stride", true, a.k);
  a.p = expand(padding, nd, fn, "padding", false);
  if (dilation.size() == 1 || static_cast<int>(dilation.size()) == nd) {
    a.d = expand(dilation, nd, fn, "dilation", false);
  } else {
    throw Error(str(fn, ": dilation must be either a single int, or a tuple of ", count_word(nd),
                    " ints"));
  }
  return a;
}

void check_pool_dims(const Tensor& x, int nd, IntArrayRef k, IntArrayRef s, IntArrayRef d) {
  // kernel / stride / dilation positivity, PyTorch's pool2d/pool3d_shape_check wording
  bool kpos = true, spos = true, dpos = true;
  for (int i = 0; i < nd; ++i) {
    kpos = kpos && k[i] > 0;
    spos = spos && s[i] > 0;
    dpos = dpos && d[i] > 0;
  }
  auto list = [&](IntArrayRef v, const char* a, const char* b, const char* c) {
    std::string r;
    const char* names[3] = {a, b, c};
    for (int i = 0; i < nd; ++i)
      r += str(i ? " " : "", names[3 - nd + i], ": ", v[i]);
    return r;
  };
  WICK_CHECK(kpos, "kernel size should be greater than zero, but got ",
             list(k, "kT", "kH", "kW"));
  WICK_CHECK(spos, "stride should be greater than zero, but got ", list(s, "dT", "dH", "dW"));
  WICK_CHECK(dpos, "dilation should be greater than zero, but got ",
             list(d, "dilationT", "dilationH", "dilationW"));
  bool valid = x.size(x.dim() - nd - 1) != 0;
  for (int64_t i = x.dim() - nd; i < x.dim(); ++i) valid = valid && x.size(i) != 0;
  WICK_CHECK(valid, "Expected ", nd + 1, "D or ", nd + 2,
             "D (batch mode) tensor with optional 0 dim batch size for input, but got:",
             sizes_str(x.sizes()));
}

void check_out_size(const Tensor& x, const Geom& g, int nd) {
  bool ok = true;
  for (int i = 3 - nd; i < 3; ++i) ok = ok && g.out[i] >= 1;
  if (ok) return;
  const int64_t c = x.size(x.dim() - nd - 1);
  DimVector in{c}, out{c};
  for (int i = 3 - nd; i < 3; ++i) {
    in.push_back(g.in[i]);
    out.push_back(g.out[i]);
  }
  throw Error(str("Given input size: (", join_x(in), "). Calculated output size: (", join_x(out),
                  "). Output size is too small"));
}

// indices=false (max_poolNd without return_indices): the second result is undefined
// unless the backward needs it.
std::tuple<Tensor, Tensor> max_pool_nd(const Tensor& self, int nd, IntArrayRef kernel_size,
                                       IntArrayRef stride, IntArrayRef padding,
                                       IntArrayRef dilation, bool ceil_mode, bool indices = true) {
  const char* fn = nd == 3 ? "max_pool3d" : "max_pool2d";
  MaxArgs a = max_args(fn, nd, kernel_size, stride, padding, dilation);
  WICK_CHECK(self.dim() == nd + 1 || self.dim() == nd + 2, "non-empty ", nd + 1, "D or ", nd + 2,
             "D (batch mode) tensor expected for input");
  Geom g;
  set_input(g, self, nd);
  for (int i = 0; i < nd; ++i)
    g.out[3 - nd + i] = pool_out_size(g.in[3 - nd + i], a.k[i], a.p[i], a.s[i], a.d[i], ceil_mode);
  check_pool_dims(self, nd, a.k, a.s, a.d);
  check_out_size(self, g, nd);
  unit_dims(g, nd);
  for (int i = 0; i < nd; ++i) {
    const int j = 3 - nd + i;
    max_windows(g.w[j], g.in[j], g.out[j], a.k[i], a.s[i], a.p[i], a.d[i]);
  }
  DimVector shape = out_shape(self, g, nd);
  check_float(self, nd == 3 ? "max_pool3d_with_indices_cpu" : "max_pool2d");
  Tensor out = empty(shape, self.options());
  const bool grad = autograd::compute_requires_grad(self);
  Tensor idx = indices || grad ? empty(shape, TensorOptions(ScalarType::Long).device(self.device())) : Tensor();
  Tensor in = plain(self);
  WICK_DISPATCH_FLOATING_AND_HALF(self.scalar_type(), fn, [&] {
    max_kernel(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), idx.defined() ? idx.data_ptr<int64_t>() : nullptr,
               g);
  });
  if (grad)
    autograd::record(nd == 3 ? "MaxPool3DWithIndicesBackward0" : "MaxPool2DWithIndicesBackward0",
                     max_pool_formula, {self}, {out})
        ->save(idx)
        ->save(self)
        ->keep(self.sizes())
        ->keep_int(nd);
  return {out, idx};
}

// ---- average pool ------------------------------------------------------------------------

struct AvgArgs {
  DimVector k, s, p;
};

AvgArgs avg_args(const char* fn, int nd, IntArrayRef kernel_size, IntArrayRef stride,
                 IntArrayRef padding) {
  AvgArgs a;
  a.k = expand(kernel_size, nd, fn, "kernel_size", false);
  a.s = expand(stride, nd, fn, "stride", true, a.k);
  if (!(padding.size() == 1 || static_cast<int>(padding.size()) == nd))
    throw Error(str(fn, ": padding must either be a single int, or a tuple of ", count_word(nd),
                    " ints"));
  a.p = expand(padding, nd, fn, "padding", false);
  return a;
}

Geom avg_geom(const Tensor& self, int nd, const AvgArgs& a, bool ceil_mode,
              bool count_include_pad) {
  Geom g;
  set_input(g, self, nd);
  for (int i = 0; i < nd; ++i)
    g.out[3 - nd + i] = pool_out_size(g.in[3 - nd + i], a.k[i], a.p[i], a.s[i], 1, ceil_mode);
  const int64_t ones[3] = {1, 1, 1};  // no dilation
  check_pool_dims(self, nd, a.k, a.s, IntArrayRef(ones, nd));
  check_out_size(self, g, nd);
  unit_dims(g, nd);
  for (int i = 0; i < nd; ++i) {
    const int j = 3 - nd + i;
    avg_windows(g.w[j], g.in[j], g.out[j], a.k[i], a.s[i], a.p[i], count_include_pad);
  }
  return g;
}

variable_list avg_pool_formula(FormulaNode& n, const variable_list& g);
variable_list avg_pool_backward_formula(FormulaNode& n, const variable_list& g);

Tensor avg_pool_nd(const Tensor& self, int nd, IntArrayRef kernel_size, IntArrayRef stride,
                   IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                   std::optional<int64_t> divisor_override) {
  const char* fn = nd == 3 ? "avg_pool3d" : "avg_pool2d";
  AvgArgs a = avg_args(fn, nd, kernel_size, stride, padding);
  WICK_CHECK(self.dim() == nd + 1 || self.dim() == nd + 2, "non-empty ", nd + 1, "D or ", nd + 2,
             "D (batch mode) tensor expected for input");
  WICK_CHECK(!divisor_override || *divisor_override != 0, "divisor must be not zero");
  Geom g = avg_geom(self, nd, a, ceil_mode, count_include_pad);
  WICK_CHECK(self.scalar_type() != ScalarType::Bool, "\"", fn, "_out_frame\" not implemented for 'Bool'");
  Tensor out = empty(out_shape(self, g, nd), self.options());
  Tensor in = plain(self);
  WICK_DISPATCH_ALL_TYPES(self.scalar_type(), fn, [&] {
    avg_kernel(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), g,
               divisor_override ? *divisor_override : 0);
  });
  if (autograd::compute_requires_grad(self))
    autograd::record(nd == 3 ? "AvgPool3DBackward0" : "AvgPool2DBackward0", avg_pool_formula,
                     {self}, {out})
        ->save(self)
        ->keep(self.sizes())
        ->keep(a.k)
        ->keep(a.s)
        ->keep(a.p)
        ->keep_int(nd)
        ->keep_int(ceil_mode)
        ->keep_int(count_include_pad)
        ->keep_int(divisor_override ? *divisor_override : 0);
  return out;
}

Tensor avg_pool_backward_impl(const Tensor& grad_output, const Tensor& self, int nd,
                              IntArrayRef k, IntArrayRef s, IntArrayRef p, bool ceil_mode,
                              bool count_include_pad, int64_t divisor) {
  AvgArgs a{k.vec(), s.vec(), p.vec()};
  IntArrayRef input_sizes = self.sizes();
  Geom g = avg_geom(self, nd, a, ceil_mode, count_include_pad);
  DimVector oshape = out_shape(self, g, nd);
  WICK_CHECK(grad_output.sizes() == IntArrayRef(oshape), "avg_pool", nd,
             "d_backward(): expected grad_output of shape ", sizes_str(oshape), " but got ",
             sizes_str(grad_output.sizes()));
  Tensor go = plain(grad_output);
  Tensor gi = zeros(input_sizes, grad_output.options());
  WICK_DISPATCH_FLOATING_AND_HALF(go.scalar_type(), "avg_pool_backward", [&] {
    avg_backward_kernel(go.data_ptr<scalar_t>(), gi.data_ptr<scalar_t>(), g, divisor);
  });
  if (autograd::compute_requires_grad(grad_output, self))
    autograd::record(nd == 3 ? "AvgPool3DBackwardBackward0" : "AvgPool2DBackwardBackward0",
                     avg_pool_backward_formula, {grad_output, self}, {gi})
        ->keep(input_sizes)
        ->keep(k)
        ->keep(s)
        ->keep(p)
        ->keep_int(nd)
        ->keep_int(ceil_mode)
        ->keep_int(count_include_pad)
        ->keep_int(divisor);
  return gi;
}

variable_list avg_pool_formula(FormulaNode& n, const variable_list& g) {
  return {avg_pool_backward_impl(g[0], n.saved(0), static_cast<int>(n.int_at(0)), n.sizes(1),
                                 n.sizes(2), n.sizes(3), n.int_at(1) != 0, n.int_at(2) != 0,
                                 n.int_at(3))};
}

// avg_pool's backward is linear in grad_output: its adjoint is avg_pool itself.
variable_list avg_pool_backward_formula(FormulaNode& n, const variable_list& g) {
  const int64_t div = n.int_at(3);
  return {avg_pool_nd(g[0], static_cast<int>(n.int_at(0)), n.sizes(1), n.sizes(2), n.sizes(3),
                      n.int_at(1) != 0, n.int_at(2) != 0,
                      div > 0 ? std::optional<int64_t>(div) : std::nullopt),
          Tensor()};
}

// ---- adaptive pools ------------------------------------------------------------------------

Geom adaptive_geom(const Tensor& self, int nd, IntArrayRef output_size, const char* fn) {
  WICK_CHECK(static_cast<int>(output_size.size()) == nd, fn, ": output_size must be ", nd);
  WICK_CHECK(self.dim() == nd + 1 || self.dim() == nd + 2, fn, "(): Expected ", nd + 1, "D or ",
             nd + 2, "D tensor, but got ", sizes_str(self.sizes()));
  for (int64_t i = 1; i < self.dim(); ++i)
    WICK_CHECK(self.size(i) > 0, fn,
               "(): Expected input to have non-zero size for non-batch dimensions, but input has "
               "sizes ",
               sizes_str(self.sizes()), " with dimension ", i, " being empty");
  bool nonneg = true;
  for (int64_t v : output_size) nonneg = nonneg && v >= 0;
  if (!nonneg) {
    std::string l = "{";
    for (size_t i = 0; i < output_size.size(); ++i)
      l += (i ? ", " : "") + std::to_string(output_size[i]);
    throw Error(str(fn, ": elements of output_size must be greater than or equal to 0 but received ",
                    l, "}"));
  }
  Geom g;
  set_input(g, self, nd);
  unit_dims(g, nd);
  for (int i = 0; i < nd; ++i) {
    const int j = 3 - nd + i;
    g.out[j] = output_size[i];
    adaptive_windows(g.w[j], g.in[j], g.out[j]);
  }
  return g;
}

variable_list adaptive_avg_formula(FormulaNode& n, const variable_list& g);
variable_list adaptive_avg_backward_formula(FormulaNode& n, const variable_list& g);

Tensor adaptive_avg_nd(const Tensor& self, int nd, IntArrayRef output_size) {
  const char* fn = nd == 3 ? "adaptive_avg_pool3d" : "adaptive_avg_pool2d";
  Geom g = adaptive_geom(self, nd, output_size, fn);
  bool all_one = true;
  for (int64_t v : output_size) all_one = all_one && v == 1;
  if (all_one) {  // PyTorch takes the mean here (grad_fn MeanBackward1)
    DimVector dims;
    for (int i = 0; i < nd; ++i) dims.push_back(-1 - i);
    return self.mean(dims, true);
  }
  Tensor out = empty(out_shape(self, g, nd), self.options());
  Tensor in = plain(self);
  WICK_DISPATCH_FLOATING_AND_HALF(self.scalar_type(), fn, [&] {
    avg_kernel(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), g, 0);
  });
  if (autograd::compute_requires_grad(self))
    autograd::record(nd == 3 ? "AdaptiveAvgPool3DBackward0" : "AdaptiveAvgPool2DBackward0",
                     adaptive_avg_formula, {self}, {out})
        ->save(self)
        ->keep(output_size)
        ->keep_int(nd);
  return out;
}

Tensor adaptive_avg_backward(const Tensor& grad_output, const Tensor& self,
                             IntArrayRef output_size, int nd) {
  IntArrayRef input_sizes = self.sizes();
  Geom g = adaptive_geom(self, nd, output_size, "adaptive_avg_pool_backward");
  Tensor go = plain(grad_output);
  WICK_CHECK(go.numel() == g.planes * g.osz(), "adaptive_avg_pool_backward: bad grad_output shape ",
             sizes_str(go.sizes()));
  Tensor gi = zeros(input_sizes, grad_output.options());
  WICK_DISPATCH_FLOATING_AND_HALF(go.scalar_type(), "adaptive_avg_pool_backward", [&] {
    avg_backward_kernel(go.data_ptr<scalar_t>(), gi.data_ptr<scalar_t>(), g, 0);
  });
  if (autograd::compute_requires_grad(grad_output, self))
    autograd::record(
        nd == 3 ? "AdaptiveAvgPool3DBackwardBackward0" : "AdaptiveAvgPool2DBackwardBackward0",
        adaptive_avg_backward_formula, {grad_output, self}, {gi})
        ->keep(output_size)
        ->keep_int(nd);
  return gi;
}

variable_list adaptive_avg_formula(FormulaNode& n, const variable_list& g) {
  return {adaptive_avg_backward(g[0], n.saved(0), n.sizes(0), static_cast<int>(n.int_at(0)))};
}

variable_list adaptive_avg_backward_formula(FormulaNode& n, const variable_list& g) {
  return {adaptive_avg_nd(g[0], static_cast<int>(n.int_at(0)), n.sizes(0)), Tensor()};
}

std::tuple<Tensor, Tensor> adaptive_max_nd(const Tensor& self, int nd, IntArrayRef output_size) {
  const char* fn = nd == 3 ? "adaptive_max_pool3d" : "adaptive_max_pool2d";
  WICK_CHECK(static_cast<int>(output_size.size()) == nd, fn, ": internal error: output_size.size() must be ", nd);
  WICK_CHECK(self.dim() == nd + 1 || self.dim() == nd + 2, fn, "(): Expected ", nd + 1, "D or ",
             nd + 2, "D tensor, but got: ", sizes_str(self.sizes()));
  Geom g = adaptive_geom(self, nd, output_size, fn);
  DimVector shape = out_shape(self, g, nd);
  Tensor out = empty(shape, self.options());
  Tensor idx = empty(shape, TensorOptions(ScalarType::Long).device(self.device()));
  Tensor in = plain(self);
  WICK_DISPATCH_FLOATING_AND_HALF(self.scalar_type(), fn, [&] {
    max_kernel(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), idx.data_ptr<int64_t>(), g);
  });
  if (autograd::compute_requires_grad(self))
    autograd::record(nd == 3 ? "AdaptiveMaxPool3DBackward0" : "AdaptiveMaxPool2DBackward0",
                     adaptive_max_formula, {self}, {out})
        ->save(idx)
        ->save(self)
        ->keep(self.sizes())
        ->keep_int(nd);
  return {out, idx};
}

// ---- max unpool ----------------------------------------------------------------------------

variable_list max_unpool_formula(FormulaNode& n, const variable_list& g) {
  // out = scatter(zeros, indices, self)  =>  grad self = gather(grad out, indices)
  return {gather_planes(g[0], n.saved(0), n.sizes(0), static_cast<int>(n.int_at(0))), Tensor()};
}

Tensor max_unpool_nd(const Tensor& self, const Tensor& indices, int nd, IntArrayRef kernel_size,
                     IntArrayRef stride, IntArrayRef padding, IntArrayRef output_size) {
  const char* fn = nd == 1 ? "max_unpool1d" : nd == 2 ? "max_unpool2d" : "max_unpool3d";
  DimVector k = expand(kernel_size, nd, fn, "kernel_size", false);
  DimVector s = expand(stride, nd, fn, "stride", true, k);
  DimVector p = expand(padding, nd, fn, "padding", false);
  WICK_CHECK(indices.scalar_type() == ScalarType::Long,
             "elements in indices should be type int64 but got: ", to_string(indices.scalar_type()));
  WICK_CHECK(self.sizes() == indices.sizes(),
             "Expected shape of indices to be same as that of the input tensor (",
             sizes_str(self.sizes()), ") but got indices tensor with shape: ",
             sizes_str(indices.sizes()));
  WICK_CHECK(self.dim() == nd + 1 || self.dim() == nd + 2, fn, ": Expected ", nd + 1, "D or ",
             nd + 2, "D tensor, but got ", sizes_str(self.sizes()));
  // default and requested output sizes (F.max_unpool's _unpool_output_size)
  DimVector def;
  for (int i = 0; i < nd; ++i)
    def.push_back((self.size(self.dim() - nd + i) - 1) * s[i] + k[i] - 2 * p[i]);
  DimVector os;
  if (output_size.empty()) {
    os = def;
  } else {
    DimVector req = output_size.vec();
    if (static_cast<int64_t>(req.size()) == nd + 2) req.erase(req.begin(), req.begin() + 2);
    WICK_CHECK_T(ValueError, static_cast<int>(req.size()) == nd,
                 "output_size should be a sequence containing ", nd, " or ", nd + 2,
                 " elements, but it has a length of '", output_size.size(), "'");
    for (int i = 0; i < nd; ++i) {
      const int64_t lo = def[i] - s[i], hi = def[i] + s[i];
      if (!(lo < req[i] && req[i] < hi)) {
        std::string r = "(";
        for (size_t j = 0; j < output_size.size(); ++j)
          r += (j ? ", " : "") + std::to_string(output_size[j]);
        r += output_size.size() == 1 ? ",)" : ")";
        throw ValueError(str("invalid output_size \"", r, "\" (dim ", i, " must be between ", lo,
                             " and ", hi, ")"));
      }
    }
    os = req;
  }
  DimVector shape(self.sizes().begin(), self.sizes().end() - nd);
  int64_t planes = 1, osz = 1, isz = 1;
  for (int64_t v : shape) planes *= v;
  for (int64_t v : os) osz *= v;
  for (int i = 0; i < nd; ++i) isz *= self.size(self.dim() - nd + i);
  shape.insert(shape.end(), os.begin(), os.end());
  Tensor out = zeros(shape, self.options());
  Tensor in = plain(self);
  Tensor idx = plain(indices);
  int64_t bad = -1;
  WICK_DISPATCH_FLOATING_AND_HALF(self.scalar_type(), fn, [&] {
    const scalar_t* ip = in.data_ptr<scalar_t>();
    const int64_t* xp = idx.data_ptr<int64_t>();
    scalar_t* op = out.data_ptr<scalar_t>();
    for (int64_t pl = 0; pl < planes && bad < 0; ++pl)
      for (int64_t j = 0; j < isz; ++j) {
        const int64_t i = xp[pl * isz + j];
        if (i < 0 || i >= osz) {
          bad = i;
          break;
        }
        op[pl * osz + i] = ip[pl * isz + j];
      }
  });
  WICK_CHECK(bad < 0, "Found an invalid max index: ", bad, " (output volumes are of size ",
             join_x(os));
  if (autograd::compute_requires_grad(self))
    autograd::record(nd == 3 ? "MaxUnpool3DBackward0" : "MaxUnpool2DBackward0",
                     max_unpool_formula, {self, indices}, {out})
        ->save(indices)
        ->keep(out.sizes())
        ->keep_int(nd);
  return out;
}

// 1d pools run as 2d pools over an unsqueezed height of one, as PyTorch does.
void check_1d(const Tensor& self, const char* fn) {
  WICK_CHECK(self.dim() == 2 || self.dim() == 3, "Expected 2 to 3 dimensions, but got ",
             self.dim(), "-dimensional tensor for argument #1 'self' (while checking arguments for ",
             fn, ")");
}

DimVector one_then(IntArrayRef v, int64_t first) {
  DimVector r{first};
  r.insert(r.end(), v.begin(), v.end());
  return r;
}

}  // namespace

// ---- public API ----------------------------------------------------------------------------

std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& self, IntArrayRef kernel_size,
                                                   IntArrayRef stride, IntArrayRef padding,
                                                   IntArrayRef dilation, bool ceil_mode) {
  return max_pool_nd(self, 2, kernel_size, stride, padding, dilation, ceil_mode);
}

std::tuple<Tensor, Tensor> max_pool3d_with_indices(const Tensor& self, IntArrayRef kernel_size,
                                                   IntArrayRef stride, IntArrayRef padding,
                                                   IntArrayRef dilation, bool ceil_mode) {
  return max_pool_nd(self, 3, kernel_size, stride, padding, dilation, ceil_mode);
}

std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& self, IntArrayRef kernel_size,
                                                   IntArrayRef stride, IntArrayRef padding,
                                                   IntArrayRef dilation, bool ceil_mode) {
  WICK_CHECK(self.dim() == 2 || self.dim() == 3,
             "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size "
             "for input, but got:",
             sizes_str(self.sizes()));
  WICK_CHECK(kernel_size.size() == 1,
             "max_pool1d() kernel_size must be an int, list of ints or tuple of ints of size 1 but "
             "got size ",
             kernel_size.size());
  WICK_CHECK(stride.size() <= 1,
             "max_pool1d() stride must be None, an int, list of ints, or tuple of ints of size 1 "
             "but got size ",
             stride.size());
  WICK_CHECK(padding.size() == 1,
             "max_pool1d() padding must be an int, list of ints, or tuple of ints of size 1 but "
             "got size ",
             padding.size());
  WICK_CHECK(dilation.size() == 1,
             "max_pool1d() dilation must be an int, list of ints or tuple of ints of size 1 but "
             "got size ",
             dilation.size());
  const int64_t k = kernel_size[0], s = stride.empty() ? k : stride[0], p = padding[0],
                d = dilation[0];
  WICK_CHECK(k > 0, "max_pool1d() kernel_size must be greater than zero, but got ", k);
  WICK_CHECK(s > 0, "max_pool1d() stride must be greater than zero, but got ", s);
  WICK_CHECK(p >= 0, "max_pool1d() padding must be non-negative, but got ", p);
  WICK_CHECK(p <= k / 2, "max_pool1d() padding should be at most half of kernel size, but got "
             "padding=", p, " and kernel_size=", k);
  WICK_CHECK(d > 0, "max_pool1d() dilation must be greater than zero, but got ", d);
  auto [o, i] = max_pool_nd(self.unsqueeze(-2), 2, {1, k}, {1, s}, {0, p}, {1, d}, ceil_mode);
  return {o.squeeze(-2), i.squeeze(-2)};
}

Tensor max_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(max_pool1d_with_indices(self, kernel_size, stride, padding, dilation, ceil_mode));
}
Tensor max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(max_pool_nd(self, 2, kernel_size, stride, padding, dilation, ceil_mode, false));
}
Tensor max_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(max_pool_nd(self, 3, kernel_size, stride, padding, dilation, ceil_mode, false));
}

Tensor max_pool2d_with_indices_backward(const Tensor& grad_output, const Tensor& self,
                                        IntArrayRef, IntArrayRef, IntArrayRef, IntArrayRef, bool,
                                        const Tensor& indices) {
  return scatter_to_input(grad_output, self, indices, self.sizes(), 2,
                          "MaxPool2DWithIndicesBackwardBackward0");
}
Tensor max_pool3d_with_indices_backward(const Tensor& grad_output, const Tensor& self,
                                        IntArrayRef, IntArrayRef, IntArrayRef, IntArrayRef, bool,
                                        const Tensor& indices) {
  return scatter_to_input(grad_output, self, indices, self.sizes(), 3,
                          "MaxPool3DWithIndicesBackwardBackward0");
}

Tensor avg_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad) {
  check_1d(self, "avg_pool1d");
  WICK_CHECK(kernel_size.size() == 1, "avg_pool1d() argument 'kernel_size' should contain one int (got ",
             kernel_size.size(), ")");
  WICK_CHECK(stride.size() <= 1, "avg_pool1d() argument 'stride' should contain one int (got ",
             stride.size(), ")");
  WICK_CHECK(padding.size() == 1, "avg_pool1d() argument 'padding' should contain one int (got ",
             padding.size(), ")");
  DimVector s = stride.empty() ? kernel_size.vec() : stride.vec();
  return avg_pool_nd(self.unsqueeze(-2), 2, one_then(kernel_size, 1), one_then(s, 1),
                     one_then(padding, 0), ceil_mode, count_include_pad, std::nullopt)
      .squeeze(-2);
}
Tensor avg_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                  std::optional<int64_t> divisor_override) {
  return avg_pool_nd(self, 2, kernel_size, stride, padding, ceil_mode, count_include_pad,
                     divisor_override);
}
Tensor avg_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                  std::optional<int64_t> divisor_override) {
  return avg_pool_nd(self, 3, kernel_size, stride, padding, ceil_mode, count_include_pad,
                     divisor_override);
}
Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size,
                           IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                           bool count_include_pad, std::optional<int64_t> divisor_override) {
  AvgArgs a = avg_args("avg_pool2d", 2, kernel_size, stride, padding);
  return avg_pool_backward_impl(grad_output, self, 2, a.k, a.s, a.p, ceil_mode,
                                count_include_pad, divisor_override ? *divisor_override : 0);
}
Tensor avg_pool3d_backward(const Tensor& grad_output, const Tensor& self, IntArrayRef kernel_size,
                           IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                           bool count_include_pad, std::optional<int64_t> divisor_override) {
  AvgArgs a = avg_args("avg_pool3d", 3, kernel_size, stride, padding);
  return avg_pool_backward_impl(grad_output, self, 3, a.k, a.s, a.p, ceil_mode,
                                count_include_pad, divisor_override ? *divisor_override : 0);
}

Tensor adaptive_avg_pool1d(const Tensor& self, IntArrayRef output_size) {
  check_1d(self, "adaptive_avg_pool1d");
  WICK_CHECK(output_size.size() == 1, "adaptive_avg_pool1d: output_size must be 1");
  return adaptive_avg_nd(self.unsqueeze(-2), 2, {1, output_size[0]}).squeeze(-2);
}
Tensor adaptive_avg_pool2d(const Tensor& self, IntArrayRef output_size) {
  return adaptive_avg_nd(self, 2, output_size);
}
Tensor adaptive_avg_pool3d(const Tensor& self, IntArrayRef output_size) {
  return adaptive_avg_nd(self, 3, output_size);
}
std::tuple<Tensor, Tensor> adaptive_max_pool1d(const Tensor& self, IntArrayRef output_size) {
  check_1d(self, "adaptive_max_pool1d");
  WICK_CHECK(output_size.size() == 1, "adaptive_max_pool1d: output_size must be 1");
  auto [o, i] = adaptive_max_nd(self.unsqueeze(-2), 2, {1, output_size[0]});
  return {o.squeeze(-2), i.squeeze(-2)};
}
std::tuple<Tensor, Tensor> adaptive_max_pool2d(const Tensor& self, IntArrayRef output_size) {
  return adaptive_max_nd(self, 2, output_size);
}
std::tuple<Tensor, Tensor> adaptive_max_pool3d(const Tensor& self, IntArrayRef output_size) {
  return adaptive_max_nd(self, 3, output_size);
}

Tensor max_unpool1d(const Tensor& self, const Tensor& indices, IntArrayRef kernel_size,
                    IntArrayRef stride, IntArrayRef padding, IntArrayRef output_size) {
  // PyTorch runs max_unpool1d as max_unpool2d over an unsqueezed last dim.
  DimVector k = expand(kernel_size, 1, "max_unpool1d", "kernel_size", false);
  DimVector s = expand(stride, 1, "max_unpool1d", "stride", true, k);
  DimVector p = expand(padding, 1, "max_unpool1d", "padding", false);
  WICK_CHECK(self.dim() == 2 || self.dim() == 3, "max_unpool1d: Expected 2D or 3D tensor, but got ",
             sizes_str(self.sizes()));
  DimVector os;
  if (!output_size.empty()) {
    os = output_size.vec();
    if (os.size() == 3) os.erase(os.begin(), os.begin() + 2);
    WICK_CHECK_T(ValueError, os.size() == 1, "output_size should be a sequence containing 1 or 3 elements, but "
               "it has a length of '", output_size.size(), "'");
    os.push_back(1);
  }
  return max_unpool_nd(self.unsqueeze(-1), indices.unsqueeze(-1), 2, {k[0], 1}, {s[0], 1},
                       {p[0], 0}, os)
      .squeeze(-1);
}
Tensor max_unpool2d(const Tensor& self, const Tensor& indices, IntArrayRef kernel_size,
                    IntArrayRef stride, IntArrayRef padding, IntArrayRef output_size) {
  return max_unpool_nd(self, indices, 2, kernel_size, stride, padding, output_size);
}
Tensor max_unpool3d(const Tensor& self, const Tensor& indices, IntArrayRef kernel_size,
                    IntArrayRef stride, IntArrayRef padding, IntArrayRef output_size) {
  return max_unpool_nd(self, indices, 3, kernel_size, stride, padding, output_size);
}

// Lp pooling as PyTorch composes it: (sign(a) * relu(|a|) * kernel_volume) ^ (1 / p)
// with a = avg_pool(x ^ p).
Tensor lp_pool1d(const Tensor& self, double norm_type, IntArrayRef kernel_size,
                 IntArrayRef stride, bool ceil_mode) {
  Tensor a = avg_pool1d(self.pow(norm_type), kernel_size, stride, 0, ceil_mode, true);
  return (a.sign() * a.abs().clamp_min(0)).mul(static_cast<double>(kernel_size[0]))
      .pow(1.0 / norm_type);
}
Tensor lp_pool2d(const Tensor& self, double norm_type, IntArrayRef kernel_size,
                 IntArrayRef stride, bool ceil_mode) {
  DimVector k = expand(kernel_size, 2, "lp_pool2d", "kernel_size", false);
  Tensor a = avg_pool2d(self.pow(norm_type), k, stride, 0, ceil_mode, true, std::nullopt);
  return (a.sign() * a.abs().clamp_min(0)).mul(static_cast<double>(k[0] * k[1]))
      .pow(1.0 / norm_type);
}

}  // namespace wick

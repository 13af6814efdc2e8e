// Resampling: upsample nearest / nearest-exact / linear / bilinear / trilinear / bicubic,
// and the anti-aliased bilinear / bicubic of interpolate(antialias=True).
//
// All of these are separable: along each spatial dim an output position reads
// T input positions (T = 1 nearest, 2 linear, 4 cubic) with fixed weights. The
// per-dim tap tables carry PyTorch's coordinate math; one loop nest sums the
// T^3 products forward, and the backward scatters the same products.
// Anti-aliased modes have a variable number of taps per output (the kernel
// widens with the downscale factor): their tables are padded with zero
// weights to the widest, and their forward runs as two 1-D passes (width,
// then height) as PyTorch's does, so the float rounding is the same.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/creation.h"
#include "wick/ops/nn_extra.h"
#include "wick/ops/pool.h"

namespace wick {

namespace {

using autograd::FormulaNode;
using autograd::variable_list;

enum class Interp { Nearest = 0, NearestExact = 1, Linear = 2, Cubic = 3, AaLinear = 4, AaCubic = 5 };

bool is_aa(Interp m) { return m == Interp::AaLinear || m == Interp::AaCubic; }

struct Taps {
  int T = 1;
  std::vector<int64_t> idx;  // out * T
  std::vector<double> w;     // out * T
  std::vector<int> n;        // anti-aliased modes: the real taps of each output (<= T)
};

struct Geom {
  int64_t planes = 1;
  int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  Taps taps[3];
  int64_t isz() const { return in[0] * in[1] * in[2]; }
  int64_t osz() const { return out[0] * out[1] * out[2]; }
};

template <typename F>
F area_scale(int64_t in, int64_t out, bool align_corners, double scale) {
  if (align_corners)
    return out > 1 ? static_cast<F>(in - 1) / static_cast<F>(out - 1) : static_cast<F>(0);
  return scale > 0 ? static_cast<F>(1.0 / scale) : static_cast<F>(in) / static_cast<F>(out);
}

double cubic1(double x, double A) { return ((A + 2) * x - (A + 3)) * x * x + 1; }
double cubic2(double x, double A) { return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A; }

// The anti-aliasing filters, evaluated as PyTorch's (double arithmetic, result
// in the coordinate type F): a triangle, and Keys' cubic with a = -0.5.
template <typename F>
F aa_triangle(F x) {
  if (x < 0) x = -x;
  if (x < 1.0) return static_cast<F>(1.0 - x);
  return F(0);
}
template <typename F>
F aa_cubic(F x) {
  constexpr double a = -0.5;
  if (x < 0) x = -x;
  if (x < 1.0) return static_cast<F>(((a + 2.0) * x - (a + 3.0)) * x * x + 1);
  if (x < 2.0) return static_cast<F>((((x - 5) * x + 8) * x - 4) * a);
  return F(0);
}

// Taps of an anti-aliased dim: the filter stretched by the downscale factor
// around each output's centre, clipped to the input, normalised to sum 1.
template <typename F>
Taps make_aa_taps(bool cubic, int64_t in, int64_t out, bool align_corners, double scale) {
  Taps t;
  const F s = area_scale<F>(in, out, align_corners, scale);
  const double half = cubic ? 2.0 : 1.0;  // interp_size / 2
  const F support = s >= 1.0 ? static_cast<F>(half * s) : static_cast<F>(half);
  const F invscale = s >= 1.0 ? static_cast<F>(1.0 / s) : F(1);
  const int T = static_cast<int>(std::ceil(static_cast<float>(support))) * 2 + 1;
  t.T = T;
  t.idx.assign(static_cast<size_t>(out) * T, 0);
  t.w.assign(static_cast<size_t>(out) * T, 0.0);
  t.n.assign(static_cast<size_t>(out), 0);
  std::vector<F> wt(static_cast<size_t>(T));
  for (int64_t o = 0; o < out; ++o) {
    const F center = static_cast<F>(s * (static_cast<double>(o) + 0.5));
    const int64_t xmin =
        std::max<int64_t>(static_cast<int64_t>(static_cast<double>(center - support) + 0.5), 0);
    const int64_t xmax =
        std::min<int64_t>(static_cast<int64_t>(static_cast<double>(center + support) + 0.5), in);
    const int64_t xsize = std::min<int64_t>(std::max<int64_t>(xmax - xmin, 0), T);
    F total = 0;
    for (int64_t j = 0; j < xsize; ++j) {
      const F d = static_cast<F>(j + xmin) - center;
      const F x = static_cast<F>((static_cast<double>(d) + 0.5) * static_cast<double>(invscale));
      const F w = cubic ? aa_cubic<F>(x) : aa_triangle<F>(x);
      wt[j] = w;
      total += w;
    }
    t.n[o] = static_cast<int>(xsize);
    for (int64_t j = 0; j < T; ++j) {
      t.idx[o * T + j] = std::min<int64_t>(xmin + std::min<int64_t>(j, std::max<int64_t>(xsize - 1, 0)), in - 1);
      if (j < xsize) t.w[o * T + j] = static_cast<double>(total != 0 ? wt[j] / total : wt[j]);
    }
  }
  return t;
}

// scale: the user's scale factor for this dim (<= 0: none). `F` is the
// compute type PyTorch uses for the coordinates (float for float inputs).
template <typename F>
Taps make_taps(Interp mode, int64_t in, int64_t out, bool align_corners, double scale) {
  if (is_aa(mode)) return make_aa_taps<F>(mode == Interp::AaCubic, in, out, align_corners, scale);
  Taps t;
  if (mode == Interp::Nearest || mode == Interp::NearestExact) {
    t.T = 1;
    t.idx.resize(out);
    t.w.assign(out, 1.0);
    const float s = scale > 0 ? static_cast<float>(1.0 / scale)
                              : static_cast<float>(in) / static_cast<float>(out);
    const float off = mode == Interp::NearestExact ? 0.5f : 0.0f;
    for (int64_t o = 0; o < out; ++o) {
      int64_t i;
      if (out == in) {
        i = o;
      } else if (mode == Interp::Nearest && out == 2 * in) {
        i = o >> 1;
      } else {
        i = std::min(static_cast<int64_t>(std::floor((static_cast<float>(o) + off) * s)), in - 1);
      }
      t.idx[o] = i;
    }
    return t;
  }
  const F s = area_scale<F>(in, out, align_corners, scale);
  if (mode == Interp::Linear) {
    t.T = 2;
    t.idx.resize(2 * out);
    t.w.resize(2 * out);
    for (int64_t o = 0; o < out; ++o) {
      if (out == in) {
        t.idx[2 * o] = t.idx[2 * o + 1] = o;
        t.w[2 * o] = 1.0;
        t.w[2 * o + 1] = 0.0;
        continue;
      }
      F src = align_corners ? s * static_cast<F>(o)
                            : std::max<F>(s * (static_cast<F>(o) + F(0.5)) - F(0.5), F(0));
      int64_t i0 = static_cast<int64_t>(src);
      if (i0 > in - 1) i0 = in - 1;
      const int64_t i1 = i0 + (i0 < in - 1 ? 1 : 0);
      const F l1 = std::min<F>(src - static_cast<F>(i0), F(1));
      t.idx[2 * o] = i0;
      t.idx[2 * o + 1] = i1;
      t.w[2 * o] = static_cast<double>(F(1) - l1);
      t.w[2 * o + 1] = static_cast<double>(l1);
    }
    return t;
  }
  // bicubic, A = -0.75, border taps clamped
  t.T = 4;
  t.idx.resize(4 * out);
  t.w.resize(4 * out);
  const F A = F(-0.75);
  for (int64_t o = 0; o < out; ++o) {
    F src = align_corners ? s * static_cast<F>(o) : s * (static_cast<F>(o) + F(0.5)) - F(0.5);
    const F fl = std::floor(src);
    const int64_t i = static_cast<int64_t>(fl);
    const F x = src - fl;
    const F c[4] = {static_cast<F>(cubic2(static_cast<double>(x + 1), A)),
                    static_cast<F>(cubic1(static_cast<double>(x), A)),
                    static_cast<F>(cubic1(static_cast<double>(1 - x), A)),
                    static_cast<F>(cubic2(static_cast<double>(2 - x), A))};
    for (int k = 0; k < 4; ++k) {
      t.idx[4 * o + k] = std::clamp<int64_t>(i - 1 + k, 0, in - 1);
      t.w[4 * o + k] = static_cast<double>(c[k]);
    }
  }
  return t;
}

// 1-2 spatial dims with a fixed number of taps per dim: the common case, unrolled.
template <typename T, int TH, int TW>
void resample_fwd_2d(const T* in, T* out, const Geom& g) {
  using A = std::conditional_t<std::is_same_v<T, double>, double, float>;
  const int64_t isz = g.isz(), osz = g.osz(), W = g.in[2], OH = g.out[1], OW = g.out[2];
  const Taps &t1 = g.taps[1], &t2 = g.taps[2];
  std::vector<A> wh(t1.w.begin(), t1.w.end()), ww(t2.w.begin(), t2.w.end());
  const int64_t* ih = t1.idx.data();
  const int64_t* iw = t2.idx.data();
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz * 4, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t pl = b; pl < e; ++pl) {
                   const T* ip = in + pl * isz;
                   T* op = out + pl * osz;
                   for (int64_t h = 0; h < OH; ++h) {
                     const T* rows[TH];
                     A hw[TH];
                     for (int a = 0; a < TH; ++a) {
                       rows[a] = ip + ih[h * TH + a] * W;
                       hw[a] = wh[h * TH + a];
                     }
                     for (int64_t w = 0; w < OW; ++w) {
                       A acc = 0;
                       for (int a = 0; a < TH; ++a) {
                         A r = 0;
                         for (int c = 0; c < TW; ++c)
                           r += ww[w * TW + c] * static_cast<A>(rows[a][iw[w * TW + c]]);
                         acc += hw[a] * r;
                       }
                       *op++ = static_cast<T>(acc);
                     }
                   }
                 }
               });
}

template <typename T>
void resample_fwd(const T* in, T* out, const Geom& g) {
  using A = std::conditional_t<std::is_same_v<T, double>, double, float>;
  if (g.out[0] == 1 && g.in[0] == 1 && g.taps[1].T == g.taps[2].T) {
    switch (g.taps[2].T) {
      case 1: return resample_fwd_2d<T, 1, 1>(in, out, g);
      case 2: return resample_fwd_2d<T, 2, 2>(in, out, g);
      case 4: return resample_fwd_2d<T, 4, 4>(in, out, g);
      default: break;
    }
  }
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  const Taps &t0 = g.taps[0], &t1 = g.taps[1], &t2 = g.taps[2];
  std::vector<A> w2(t2.w.begin(), t2.w.end());
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz * 4, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t pl = b; pl < e; ++pl) {
                   const T* ip = in + pl * isz;
                   T* op = out + pl * osz;
                   for (int64_t d = 0; d < g.out[0]; ++d)
                     for (int64_t h = 0; h < g.out[1]; ++h)
                       for (int64_t w = 0; w < g.out[2]; ++w) {
                         A acc = 0;
                         for (int a = 0; a < t0.T; ++a) {
                           const A wa = static_cast<A>(t0.w[d * t0.T + a]);
                           const int64_t za = t0.idx[d * t0.T + a];
                           for (int bb = 0; bb < t1.T; ++bb) {
                             const A wb = wa * static_cast<A>(t1.w[h * t1.T + bb]);
                             const T* row = ip + (za * H + t1.idx[h * t1.T + bb]) * W;
                             A racc = 0;
                             for (int c = 0; c < t2.T; ++c)
                               racc += w2[w * t2.T + c] * static_cast<A>(row[t2.idx[w * t2.T + c]]);
                             acc += wb * racc;
                           }
                         }
                         *op++ = static_cast<T>(acc);
                       }
                 }
               });
}

// Anti-aliased forward, 2-D: a width pass into a (H, OW) buffer of T, then a
// height pass; a dim whose size does not change is not resampled (as PyTorch).
template <typename T>
void resample_aa_fwd(const T* in, T* out, const Geom& g) {
  using A = std::conditional_t<std::is_same_v<T, double>, double, float>;
  const int64_t H = g.in[1], W = g.in[2], OH = g.out[1], OW = g.out[2];
  const Taps &th = g.taps[1], &tw = g.taps[2];
  const bool do_w = W != OW, do_h = H != OH;
  std::vector<A> wh(th.w.begin(), th.w.end()), ww(tw.w.begin(), tw.w.end());
  const int64_t work = H * OW * tw.T + OH * OW * th.T;
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work, 1)),
               [&](int64_t b, int64_t e) {
                 std::vector<T> buf(do_w && do_h ? static_cast<size_t>(H * OW) : 0);
                 std::vector<A> acc(static_cast<size_t>(OW));
                 for (int64_t pl = b; pl < e; ++pl) {
                   const T* ip = in + pl * H * W;
                   T* op = out + pl * OH * OW;
                   const T* src = ip;  // the (H, OW) input of the height pass
                   if (do_w) {
                     T* dst = do_h ? buf.data() : op;
                     for (int64_t h = 0; h < H; ++h) {
                       const T* row = ip + h * W;
                       T* drow = dst + h * OW;
                       for (int64_t o = 0; o < OW; ++o) {
                         const int64_t* ix = tw.idx.data() + o * tw.T;
                         const A* wx = ww.data() + o * tw.T;
                         const int n = tw.n[o];
                         A acc = n > 0 ? static_cast<A>(row[ix[0]]) * wx[0] : A(0);
                         for (int j = 1; j < n; ++j) acc += static_cast<A>(row[ix[j]]) * wx[j];
                         drow[o] = static_cast<T>(acc);
                       }
                     }
                     src = dst;
                   }
                   if (do_h) {
                     for (int64_t o = 0; o < OH; ++o) {
                       const int64_t* ix = th.idx.data() + o * th.T;
                       const A* wx = wh.data() + o * th.T;
                       const int n = th.n[o];
                       T* drow = op + o * OW;
                       if (n == 0) {
                         std::fill(drow, drow + OW, T(0));
                         continue;
                       }
                       // row by row (vectorises over w), each sum in tap order
                       const T* r0 = src + ix[0] * OW;
                       A* ac = acc.data();
                       for (int64_t w = 0; w < OW; ++w) ac[w] = static_cast<A>(r0[w]) * wx[0];
                       for (int j = 1; j < n; ++j) {
                         const T* rj = src + ix[j] * OW;
                         const A wj = wx[j];
                         for (int64_t w = 0; w < OW; ++w) ac[w] += static_cast<A>(rj[w]) * wj;
                       }
                       for (int64_t w = 0; w < OW; ++w) drow[w] = static_cast<T>(ac[w]);
                     }
                   } else if (!do_w) {
                     std::copy(ip, ip + H * W, op);
                   }
                 }
               });
}

// Anti-aliased backward, 2-D: the transposes of the two passes (height, then
// width), 2T products per element rather than T^2; accumulated in A.
template <typename T>
void resample_aa_bwd(const T* go, T* gi, const Geom& g) {
  using A = std::conditional_t<std::is_same_v<T, double>, double, float>;
  const int64_t H = g.in[1], W = g.in[2], OH = g.out[1], OW = g.out[2];
  const Taps &th = g.taps[1], &tw = g.taps[2];
  const bool do_w = W != OW, do_h = H != OH;
  std::vector<A> wh(th.w.begin(), th.w.end()), ww(tw.w.begin(), tw.w.end());
  const int64_t work = H * OW * tw.T + OH * OW * th.T;
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work, 1)),
               [&](int64_t b, int64_t e) {
                 std::vector<A> buf(static_cast<size_t>(H * OW));  // grad of the (H, OW) stage
                 std::vector<A> row(static_cast<size_t>(W));
                 for (int64_t pl = b; pl < e; ++pl) {
                   const T* gp = go + pl * OH * OW;
                   T* ip = gi + pl * H * W;
                   if (do_h) {
                     std::fill(buf.begin(), buf.end(), A(0));
                     for (int64_t o = 0; o < OH; ++o) {
                       const T* grow = gp + o * OW;
                       for (int j = 0; j < th.n[o]; ++j) {
                         const A wv = wh[o * th.T + j];
                         A* brow = buf.data() + th.idx[o * th.T + j] * OW;
                         for (int64_t w = 0; w < OW; ++w) brow[w] += wv * static_cast<A>(grow[w]);
                       }
                     }
                   } else {
                     for (int64_t i = 0; i < H * OW; ++i) buf[i] = static_cast<A>(gp[i]);
                   }
                   for (int64_t h = 0; h < H; ++h) {
                     const A* brow = buf.data() + h * OW;
                     T* irow = ip + h * W;
                     if (!do_w) {
                       for (int64_t w = 0; w < W; ++w) irow[w] = static_cast<T>(brow[w]);
                       continue;
                     }
                     std::fill(row.begin(), row.end(), A(0));
                     for (int64_t o = 0; o < OW; ++o) {
                       const A v = brow[o];
                       const int64_t* ix = tw.idx.data() + o * tw.T;
                       const A* wx = ww.data() + o * tw.T;
                       for (int j = 0; j < tw.n[o]; ++j) row[ix[j]] += wx[j] * v;
                     }
                     for (int64_t w = 0; w < W; ++w) irow[w] = static_cast<T>(row[w]);
                   }
                 }
               });
}

template <typename T>
void resample_bwd(const T* go, T* gi, const Geom& g) {
  using A = std::conditional_t<std::is_same_v<T, double>, double, float>;
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  const Taps &t0 = g.taps[0], &t1 = g.taps[1], &t2 = g.taps[2];
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz * 4, 1)),
               [&](int64_t b, int64_t e) {
                 std::vector<A> buf(isz);
                 for (int64_t pl = b; pl < e; ++pl) {
                   std::fill(buf.begin(), buf.end(), A(0));
                   const T* op = go + pl * osz;
                   for (int64_t d = 0; d < g.out[0]; ++d)
                     for (int64_t h = 0; h < g.out[1]; ++h)
                       for (int64_t w = 0; w < g.out[2]; ++w) {
                         const A v = static_cast<A>(*op++);
                         for (int a = 0; a < t0.T; ++a) {
                           const A wa = v * static_cast<A>(t0.w[d * t0.T + a]);
                           const int64_t za = t0.idx[d * t0.T + a];
                           for (int bb = 0; bb < t1.T; ++bb) {
                             const A wb = wa * static_cast<A>(t1.w[h * t1.T + bb]);
                             A* row = buf.data() + (za * H + t1.idx[h * t1.T + bb]) * W;
                             for (int c = 0; c < t2.T; ++c)
                               row[t2.idx[w * t2.T + c]] += wb * static_cast<A>(t2.w[w * t2.T + c]);
                           }
                         }
                       }
                   T* ip = gi + pl * isz;
                   for (int64_t i = 0; i < isz; ++i) ip[i] = static_cast<T>(buf[i]);
                 }
               });
}

const char* node_name(Interp mode, int nd, bool backward) {
  static const char* f[6][3] = {
      {"UpsampleNearest1DBackward1", "UpsampleNearest2DBackward1", "UpsampleNearest3DBackward1"},
      {"UpsampleNearestExact1DBackward1", "UpsampleNearestExact2DBackward1",
       "UpsampleNearestExact3DBackward1"},
      {"UpsampleLinear1DBackward1", "UpsampleBilinear2DBackward1", "UpsampleTrilinear3DBackward1"},
      {"UpsampleBicubic2DBackward1", "UpsampleBicubic2DBackward1", "UpsampleBicubic2DBackward1"},
      {"UpsampleBilinear2DAaBackward1", "UpsampleBilinear2DAaBackward1",
       "UpsampleBilinear2DAaBackward1"},
      {"UpsampleBicubic2DAaBackward1", "UpsampleBicubic2DAaBackward1",
       "UpsampleBicubic2DAaBackward1"}};
  static const char* b[6][3] = {
      {"UpsampleNearest1DBackwardBackward0", "UpsampleNearest2DBackwardBackward0",
       "UpsampleNearest3DBackwardBackward0"},
      {"UpsampleNearestExact1DBackwardBackward0", "UpsampleNearestExact2DBackwardBackward0",
       "UpsampleNearestExact3DBackwardBackward0"},
      {"UpsampleLinear1DBackwardBackward0", "UpsampleBilinear2DBackwardBackward0",
       "UpsampleTrilinear3DBackwardBackward0"},
      {"UpsampleBicubic2DBackwardBackward0", "UpsampleBicubic2DBackwardBackward0",
       "UpsampleBicubic2DBackwardBackward0"},
      {"UpsampleBilinear2DAaBackwardBackward0", "UpsampleBilinear2DAaBackwardBackward0",
       "UpsampleBilinear2DAaBackwardBackward0"},
      {"UpsampleBicubic2DAaBackwardBackward0", "UpsampleBicubic2DAaBackwardBackward0",
       "UpsampleBicubic2DAaBackwardBackward0"}};
  return backward ? b[static_cast<int>(mode)][nd - 1] : f[static_cast<int>(mode)][nd - 1];
}

const char* op_name(Interp mode, int nd) {
  static const char* n[6][3] = {
      {"upsample_nearest1d", "upsample_nearest2d", "upsample_nearest3d"},
      {"_upsample_nearest_exact1d", "_upsample_nearest_exact2d", "_upsample_nearest_exact3d"},
      {"upsample_linear1d", "upsample_bilinear2d", "upsample_trilinear3d"},
      {"upsample_bicubic2d", "upsample_bicubic2d", "upsample_bicubic2d"},
      {"_upsample_bilinear2d_aa", "_upsample_bilinear2d_aa", "_upsample_bilinear2d_aa"},
      {"_upsample_bicubic2d_aa", "_upsample_bicubic2d_aa", "_upsample_bicubic2d_aa"}};
  return n[static_cast<int>(mode)][nd - 1];
}

std::string list_str(IntArrayRef v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// output_size from size or from floor(in * scale).
DimVector resolve_size(const Tensor& self, int nd, IntArrayRef output_size,
                       const std::vector<double>& scales, const char* name) {
  WICK_CHECK(self.dim() == nd + 2, "Expected ", nd + 2, "D input for ", name, ", but got input of "
             "size ", list_str(self.sizes()));
  if (!output_size.empty()) {
    WICK_CHECK(static_cast<int>(output_size.size()) == nd, "It is expected output_size equals to ",
               nd, ", but got size ", output_size.size());
    return output_size.vec();
  }
  WICK_CHECK(static_cast<int>(scales.size()) == nd,
             "Must specify exactly one of output_size and scale_factors");
  DimVector out;
  for (int i = 0; i < nd; ++i)
    out.push_back(static_cast<int64_t>(std::floor(static_cast<double>(self.size(2 + i)) * scales[i])));
  return out;
}

Geom make_geom(IntArrayRef in_sizes, int nd, IntArrayRef out_size, Interp mode, bool align,
               const std::vector<double>& scales, ScalarType dt) {
  Geom g;
  g.planes = in_sizes[0] * in_sizes[1];
  for (int j = 0; j < 3; ++j) {
    if (j < 3 - nd) {
      g.taps[j].T = 1;
      g.taps[j].idx = {0};
      g.taps[j].w = {1.0};
      continue;
    }
    const int i = j - (3 - nd);
    g.in[j] = in_sizes[2 + i];
    g.out[j] = out_size[i];
    const double sc = scales.empty() ? -1.0 : scales[i];
    g.taps[j] = dt == ScalarType::Double
                    ? make_taps<double>(mode, g.in[j], g.out[j], align, sc)
                    : make_taps<float>(mode, g.in[j], g.out[j], align, sc);
  }
  return g;
}

Tensor upsample_backward_impl(const Tensor& grad, const Tensor& self, int nd, IntArrayRef out_size,
                              Interp mode, bool align, const std::vector<double>& scales);

Tensor upsample_impl(const Tensor& self, int nd, IntArrayRef out_size, Interp mode, bool align,
                     const std::vector<double>& scales);

variable_list upsample_formula(FormulaNode& n, const variable_list& g) {
  std::vector<double> scales;
  for (int64_t i = 0; i < n.int_at(3); ++i) scales.push_back(n.scalar(i).toDouble());
  return {upsample_backward_impl(g[0], n.saved(0), static_cast<int>(n.int_at(0)), n.sizes(0),
                                 static_cast<Interp>(n.int_at(1)), n.int_at(2) != 0, scales)};
}
variable_list upsample_backward_formula(FormulaNode& n, const variable_list& g) {
  std::vector<double> scales;
  for (int64_t i = 0; i < n.int_at(3); ++i) scales.push_back(n.scalar(i).toDouble());
  return {upsample_impl(g[0], static_cast<int>(n.int_at(0)), n.sizes(0),
                        static_cast<Interp>(n.int_at(1)), n.int_at(2) != 0, scales),
          Tensor()};
}

FormulaNode* keep_all(FormulaNode* node, int nd, IntArrayRef out_size, Interp mode, bool align,
                      const std::vector<double>& scales) {
  node->keep(out_size)
      ->keep_int(nd)
      ->keep_int(static_cast<int64_t>(mode))
      ->keep_int(align)
      ->keep_int(static_cast<int64_t>(scales.size()));
  for (double s : scales) node->keep(Scalar(s));
  return node;
}

Tensor plain(const Tensor& x) {
  autograd::NoGradGuard guard;
  return x.detach().contiguous();
}

Tensor upsample_impl(const Tensor& self, int nd, IntArrayRef out_size, Interp mode, bool align,
                     const std::vector<double>& scales) {
  const char* name = op_name(mode, nd);
  for (int i = 0; i < nd; ++i)
    WICK_CHECK(self.size(2 + i) > 0 && out_size[i] > 0, "Input and output sizes should be greater "
               "than 0, but got input (", list_str(self.sizes().slice(2)), ") and output (",
               list_str(out_size), ")");
  Geom g = make_geom(self.sizes(), nd, out_size, mode, align, scales, self.scalar_type());
  DimVector shape{self.size(0), self.size(1)};
  shape.insert(shape.end(), out_size.begin(), out_size.end());
  Tensor out = empty(shape, self.options());
  Tensor in = plain(self);
  WICK_DISPATCH_FLOATING_AND_HALF(self.scalar_type(), name, [&] {
    if (is_aa(mode))
      resample_aa_fwd(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), g);
    else
      resample_fwd(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), g);
  });
  if (autograd::compute_requires_grad(self)) {
    auto* node = autograd::record(node_name(mode, nd, false), upsample_formula, {self}, {out});
    if (node) keep_all(node->save(self), nd, out_size, mode, align, scales);
  }
  return out;
}

Tensor upsample_backward_impl(const Tensor& grad, const Tensor& self, int nd, IntArrayRef out_size,
                              Interp mode, bool align, const std::vector<double>& scales) {
  Geom g = make_geom(self.sizes(), nd, out_size, mode, align, scales, grad.scalar_type());
  Tensor go = plain(grad);
  WICK_CHECK(go.numel() == g.planes * g.osz(), "upsample backward: grad_output has the wrong shape");
  Tensor gi = empty(self.sizes(), grad.options());
  WICK_DISPATCH_FLOATING_AND_HALF(go.scalar_type(), "upsample_backward", [&] {
    if (is_aa(mode))
      resample_aa_bwd(go.data_ptr<scalar_t>(), gi.data_ptr<scalar_t>(), g);
    else
      resample_bwd(go.data_ptr<scalar_t>(), gi.data_ptr<scalar_t>(), g);
  });
  if (autograd::compute_requires_grad(grad, self)) {
    auto* node = autograd::record(node_name(mode, nd, true), upsample_backward_formula,
                                  {grad, self}, {gi});
    if (node) keep_all(node, nd, out_size, mode, align, scales);
  }
  return gi;
}

}  // namespace

Tensor upsample_nearest_nd(const Tensor& self, int nd, IntArrayRef output_size,
                           const std::vector<double>& scales, bool exact) {
  Interp m = exact ? Interp::NearestExact : Interp::Nearest;
  DimVector os = resolve_size(self, nd, output_size, scales, op_name(m, nd));
  return upsample_impl(self, nd, os, m, false, scales);
}

Tensor upsample_linear_nd(const Tensor& self, int nd, IntArrayRef output_size, bool align_corners,
                          const std::vector<double>& scales) {
  DimVector os = resolve_size(self, nd, output_size, scales, op_name(Interp::Linear, nd));
  return upsample_impl(self, nd, os, Interp::Linear, align_corners, scales);
}

Tensor upsample_bicubic2d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                          const std::vector<double>& scales) {
  DimVector os = resolve_size(self, 2, output_size, scales, "upsample_bicubic2d");
  return upsample_impl(self, 2, os, Interp::Cubic, align_corners, scales);
}

Tensor _upsample_bilinear2d_aa(const Tensor& self, IntArrayRef output_size, bool align_corners,
                               const std::vector<double>& scales) {
  DimVector os = resolve_size(self, 2, output_size, scales, "_upsample_bilinear2d_aa");
  return upsample_impl(self, 2, os, Interp::AaLinear, align_corners, scales);
}

Tensor _upsample_bicubic2d_aa(const Tensor& self, IntArrayRef output_size, bool align_corners,
                              const std::vector<double>& scales) {
  DimVector os = resolve_size(self, 2, output_size, scales, "_upsample_bicubic2d_aa");
  return upsample_impl(self, 2, os, Interp::AaCubic, align_corners, scales);
}

}  // namespace wick

// Spatial transformers: affine_grid_generator and grid_sampler (2-D and 3-D).
//
// grid_sampler reads, for every output point, the input at the location the
// grid gives in [-1, 1] coordinates, with PyTorch's unnormalisation, padding
// (zeros / border / reflection) and interpolation (bilinear, nearest, bicubic)
// rules. The forward runs in parallel over batch * output points; the backward
// (grad of input and grid) in parallel over the batch, each batch writing its
// own slice of grad_input.
#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <string>
#include <type_traits>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/pool.h"

namespace wick {

namespace {

using autograd::FormulaNode;
using autograd::variable_list;

enum Mode { kBilinear = 0, kNearest = 1, kBicubic = 2 };
enum Pad { kZeros = 0, kBorder = 1, kReflection = 2 };

std::string list_str(IntArrayRef v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string lower(const char* s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

Tensor plain(const Tensor& x) {
  autograd::NoGradGuard guard;
  return x.detach().contiguous();
}

bool low_precision(ScalarType t) { return t == ScalarType::Half || t == ScalarType::BFloat16; }

// float16 / bfloat16 compute in float, as PyTorch's CPU kernels do.
Tensor compute_copy(const Tensor& x) {
  Tensor p = plain(x);
  if (!low_precision(p.scalar_type())) return p;
  autograd::NoGradGuard guard;
  return p.to(ScalarType::Float);
}

Tensor back_to(const Tensor& x, ScalarType dt) {
  if (!x.defined() || x.scalar_type() == dt) return x;
  autograd::NoGradGuard guard;
  return x.to(dt);
}

// ---- coordinate rules ----------------------------------------------------------
// Each returns the source coordinate and writes d(result)/d(argument) to *g.

template <typename T>
T unnormalize(T c, int64_t size, bool align, T* g) {
  if (align) {
    *g = static_cast<T>(size - 1) / 2;
    return (c + 1) / 2 * static_cast<T>(size - 1);
  }
  *g = static_cast<T>(size) / 2;
  return ((c + 1) * static_cast<T>(size) - 1) / 2;
}

template <typename T>
T clip(T in, int64_t limit, T* g) {
  const T hi = static_cast<T>(limit - 1);
  if (in <= T(0)) {
    *g = 0;
    return 0;
  }
  if (in >= hi) {
    *g = 0;
    return hi;
  }
  *g = std::isnan(in) ? T(0) : T(1);
  return std::isnan(in) ? hi : in;
}

// Reflect into [twice_low / 2, twice_high / 2]. narrow: count the flips in
// 32 bits as PyTorch's 3-D kernel does (a count past INT_MAX reads as even).
template <typename T>
T reflect(T in, int64_t twice_low, int64_t twice_high, T* g, bool narrow) {
  if (twice_low == twice_high) {
    *g = 0;
    return 0;
  }
  const T mn = static_cast<T>(twice_low) / 2;
  const T span = static_cast<T>(twice_high - twice_low) / 2;
  in = in - mn;
  T sign = 1;
  if (in < T(0)) {
    sign = -1;
    in = -in;
  }
  const T extra = std::fmod(in, span);
  const T fl = std::floor(in / span);
  const int64_t flips = narrow && !(fl < static_cast<T>(INT_MAX)) ? 0 : static_cast<int64_t>(fl);
  if (flips % 2 == 0) {
    *g = sign;
    return extra + mn;
  }
  *g = -sign;
  return span - extra + mn;
}

// Keeps a coordinate that cannot be an index (inf, nan, huge) out of bounds.
template <typename T>
T to_int_range(T x) {
  if (!std::isfinite(static_cast<double>(x)) || x > static_cast<T>(INT_MAX - 1) ||
      x < static_cast<T>(INT_MIN))
    return static_cast<T>(-100);
  return x;
}

// Padding applied to an unnormalised coordinate.
template <typename T>
T pad_coord(T c, int64_t size, int pad, bool align, T* g, bool narrow = false) {
  *g = 1;
  if (pad == kBorder) {
    c = clip(c, size, g);
  } else if (pad == kReflection) {
    T g1, g2;
    c = align ? reflect(c, 0, 2 * (size - 1), &g1, narrow)
              : reflect(c, -1, 2 * size - 1, &g1, narrow);
    c = clip(c, size, &g2);
    *g = g1 * g2;
  }
  return to_int_range(c);
}

template <typename T>
T source_index(T coord, int64_t size, int pad, bool align, T* g, bool narrow) {
  T g1, g2;
  T c = unnormalize(coord, size, align, &g1);
  c = pad_coord(c, size, pad, align, &g2, narrow);
  *g = g1 * g2;
  return c;
}

template <typename T>
void cubic_coeffs(T t, T c[4]) {
  const T A = T(-0.75);
  auto c1 = [&](T x) { return ((A + 2) * x - (A + 3)) * x * x + 1; };
  auto c2 = [&](T x) { return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A; };
  c[0] = c2(t + 1);
  c[1] = c1(t);
  c[2] = c1(1 - t);
  c[3] = c2(2 - t);
}

template <typename T>
void cubic_coeffs_grad(T t, T c[4]) {
  const T A = T(-0.75);
  auto d1 = [&](T x) { return (3 * (A + 2) * x - 2 * (A + 3)) * x; };
  auto d2 = [&](T x) { return (3 * A * x - 10 * A) * x + 8 * A; };
  c[0] = d2(t + 1);
  c[1] = d1(t);
  c[2] = -d1(1 - t);
  c[3] = -d2(2 - t);
}

// ---- taps ----------------------------------------------------------------------
// For one output point: up to 16 (2-D bicubic) input offsets with weights and
// the weights' derivatives along each grid coordinate (already times the
// coordinate's chain-rule factor). Offset -1 is an out-of-bounds tap (zero).

template <typename T>
struct Taps {
  int n = 0;
  int64_t off[16];
  T w[16];
  T dw[3][16];
};

struct Geo {
  int nd = 2;
  int64_t in[3] = {1, 1, 1};  // D, H, W of the input (D = 1 in 2-D)
  int64_t C = 1, N = 1, P = 1;  // P = output points per batch
  int mode = kBilinear, pad = kZeros;
  bool align = false;
  int64_t isz() const { return in[0] * in[1] * in[2]; }
};

// coords: the grid's nd values (x, y[, z]) -> dims W, H[, D].
template <typename T>
void make_taps(const T* coords, const Geo& g, Taps<T>& t) {
  const int nd = g.nd;
  // dim k of coords maps to input dim size sz[k]; stride st[k].
  int64_t sz[3], st[3];
  sz[0] = g.in[2];
  st[0] = 1;
  sz[1] = g.in[1];
  st[1] = g.in[2];
  sz[2] = g.in[0];
  st[2] = g.in[1] * g.in[2];
  t.n = 0;
  if (g.mode == kBicubic) {
    // 2-D only: taps at floor - 1 .. floor + 2, padding applied per tap.
    T u[2], mult[2], fl[2], c[2][4], dc[2][4];
    for (int k = 0; k < 2; ++k) {
      u[k] = unnormalize(coords[k], sz[k], g.align, &mult[k]);
      fl[k] = std::floor(u[k]);
      cubic_coeffs(u[k] - fl[k], c[k]);
      cubic_coeffs_grad(u[k] - fl[k], dc[k]);
    }
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) {
        T gd;
        const T x = pad_coord(fl[0] - 1 + j, sz[0], g.pad, g.align, &gd);
        const T y = pad_coord(fl[1] - 1 + i, sz[1], g.pad, g.align, &gd);
        const int64_t xi = static_cast<int64_t>(x), yi = static_cast<int64_t>(y);
        const bool ok = x >= 0 && y >= 0 && xi < sz[0] && yi < sz[1];
        t.off[t.n] = ok ? yi * st[1] + xi : -1;
        t.w[t.n] = c[0][j] * c[1][i];
        t.dw[0][t.n] = dc[0][j] * c[1][i] * mult[0];
        t.dw[1][t.n] = c[0][j] * dc[1][i] * mult[1];
        ++t.n;
      }
    return;
  }
  T s[3], mult[3];
  for (int k = 0; k < nd; ++k)
    s[k] = source_index(coords[k], sz[k], g.pad, g.align, &mult[k], nd == 3);
  if (g.mode == kNearest) {
    bool ok = true;
    int64_t off = 0;
    for (int k = 0; k < nd; ++k) {
      // 2-D rounds half to even, 3-D half away from zero (as PyTorch's kernels do)
      const T r = nd == 2 ? std::nearbyint(s[k]) : std::round(s[k]);
      const int64_t ri = static_cast<int64_t>(r);
      ok = ok && r >= 0 && ri < sz[k];
      off += ri * st[k];
    }
    t.off[0] = ok ? off : -1;
    t.w[0] = 1;
    for (int k = 0; k < nd; ++k) t.dw[k][0] = 0;
    t.n = 1;
    return;
  }
  int64_t lo[3];
  T fr[3];
  for (int k = 0; k < nd; ++k) {
    const T f = std::floor(s[k]);
    lo[k] = static_cast<int64_t>(f);
    fr[k] = s[k] - f;
  }
  const int corners = 1 << nd;
  for (int cidx = 0; cidx < corners; ++cidx) {
    bool ok = true;
    int64_t off = 0;
    T wk[3], sg[3];
    for (int k = 0; k < nd; ++k) {
      const int b = (cidx >> k) & 1;
      const int64_t p = lo[k] + b;
      ok = ok && p >= 0 && p < sz[k];
      off += p * st[k];
      // PyTorch's weights: (lo + 1 - s) for the low corner, (s - lo) for the high one.
      wk[k] = b ? s[k] - static_cast<T>(lo[k]) : static_cast<T>(lo[k] + 1) - s[k];
      sg[k] = b ? T(1) : T(-1);
    }
    (void)fr;
    T w = 1;
    for (int k = 0; k < nd; ++k) w *= wk[k];
    t.off[t.n] = ok ? off : -1;
    t.w[t.n] = w;
    for (int k = 0; k < nd; ++k) {
      T d = sg[k] * mult[k];
      for (int q = 0; q < nd; ++q)
        if (q != k) d *= wk[q];
      t.dw[k][t.n] = d;
    }
    ++t.n;
  }
}

template <typename T>
void sample_fwd(const T* in, const T* grid, T* out, const Geo& g) {
  const int64_t isz = g.isz(), P = g.P, C = g.C;
  const int64_t grain = std::max<int64_t>(16, kGrainSize / std::max<int64_t>(C * 8, 1));
  constexpr int64_t kBlock = 16;  // points per block: each channel writes a contiguous run
  parallel_for(0, g.N * P, grain, [&](int64_t b, int64_t e) {
    Taps<T> t[kBlock];
    for (int64_t i = b; i < e;) {
      const int64_t n = i / P, p0 = i % P;
      const int64_t cnt = std::min({kBlock, e - i, P - p0});
      for (int64_t j = 0; j < cnt; ++j) make_taps(grid + (i + j) * g.nd, g, t[j]);
      const T* ip = in + n * C * isz;
      T* op = out + n * C * P + p0;
      for (int64_t c = 0; c < C; ++c, ip += isz, op += P) {
        for (int64_t j = 0; j < cnt; ++j) {
          const Taps<T>& tj = t[j];
          T acc = 0;
          if (g.mode == kBicubic) {
            // rows first, as PyTorch's cubic_interp1d does
            for (int r = 0; r < 4; ++r) {
              T row = 0;
              for (int k = 0; k < 4; ++k) {
                const int q = r * 4 + k;
                if (tj.off[q] >= 0) row += ip[tj.off[q]] * tj.w[q];
              }
              acc += row;
            }
          } else {
            for (int q = 0; q < tj.n; ++q)
              if (tj.off[q] >= 0) acc += ip[tj.off[q]] * tj.w[q];
          }
          op[j] = acc;
        }
      }
      i += cnt;
    }
  });
}

template <typename T>
void sample_bwd(const T* go, const T* in, const T* grid, T* gi, T* gg, const Geo& g) {
  const int64_t isz = g.isz(), P = g.P, C = g.C;
  parallel_for(0, g.N, 1, [&](int64_t b, int64_t e) {
    Taps<T> t;
    for (int64_t n = b; n < e; ++n) {
      T* gin = gi ? gi + n * C * isz : nullptr;
      const T* ipn = in + n * C * isz;
      for (int64_t p = 0; p < P; ++p) {
        const int64_t i = n * P + p;
        make_taps(grid + i * g.nd, g, t);
        T gc[3] = {0, 0, 0};
        const T* gop = go + n * C * P + p;
        for (int64_t c = 0; c < C; ++c, gop += P) {
          const T v = *gop;
          const T* ip = ipn + c * isz;
          for (int q = 0; q < t.n; ++q) {
            if (t.off[q] < 0) continue;
            if (gin) gin[c * isz + t.off[q]] += v * t.w[q];
            if (gg && g.mode != kNearest) {
              const T x = ip[t.off[q]] * v;
              for (int k = 0; k < g.nd; ++k) gc[k] += x * t.dw[k][q];
            }
          }
        }
        if (gg)
          for (int k = 0; k < g.nd; ++k) gg[i * g.nd + k] = gc[k];
      }
    }
  });
}

// ---- checks --------------------------------------------------------------------

void check_sampler(const Tensor& input, const Tensor& grid, int64_t mode, int64_t pad) {
  WICK_CHECK(input.defined() && grid.defined(), "grid_sampler(): expected input and grid to be defined");
  WICK_CHECK(input.device() == grid.device(), "grid_sampler(): expected input and grid to be on "
             "same device");
  WICK_CHECK(input.scalar_type() == grid.scalar_type(), "grid_sampler(): expected input and grid "
             "to have same dtype, but input has ", lower(to_string(input.scalar_type())),
             " and grid has ", lower(to_string(grid.scalar_type())));
  WICK_CHECK(input.dim() >= 1 && grid.dim() >= 1 && input.size(0) == grid.size(0),
             "grid_sampler(): expected grid and input to have same batch size, but got input with "
             "sizes ", list_str(input.sizes()), " and grid with sizes ", list_str(grid.sizes()));
  WICK_CHECK(grid.size(-1) == input.dim() - 2, "grid_sampler(): expected grid to have size ",
             input.dim() - 2, " in last dimension, but got grid with sizes ",
             list_str(grid.sizes()));
  for (int64_t i = 2; i < input.dim(); ++i)
    WICK_CHECK(input.size(i) > 0, "grid_sampler(): expected input to have non-empty spatial "
               "dimensions, but input has sizes ", list_str(input.sizes()), " with dimension ", i,
               " being empty");
  const int64_t want = input.dim() == 4 ? 4 : 5;
  WICK_CHECK(input.dim() == want && grid.dim() == want, "grid_sampler(): expected ", want,
             "D input and grid with same number of dimensions, but got input with sizes ",
             list_str(input.sizes()), " and grid with sizes ", list_str(grid.sizes()));
  WICK_CHECK(mode >= 0 && mode <= 2, "grid_sampler(): unknown interpolation mode ", mode);
  WICK_CHECK(pad >= 0 && pad <= 2, "grid_sampler(): unknown padding mode ", pad);
  WICK_CHECK(!(mode == kBicubic && want == 5),
             "grid_sampler(): bicubic interpolation only supports 4D input");
}

Geo make_geo(const Tensor& input, const Tensor& grid, int64_t mode, int64_t pad, bool align) {
  Geo g;
  g.nd = static_cast<int>(input.dim() - 2);
  g.N = input.size(0);
  g.C = input.size(1);
  for (int k = 0; k < g.nd; ++k) g.in[3 - g.nd + k] = input.size(2 + k);
  g.P = 1;
  for (int64_t k = 1; k < grid.dim() - 1; ++k) g.P *= grid.size(k);
  g.mode = static_cast<int>(mode);
  g.pad = static_cast<int>(pad);
  g.align = align;
  return g;
}

variable_list not_implemented_formula(FormulaNode& n, const variable_list&) {
  throw Error(n.int_at(0) == 2 ? "derivative for grid_sampler_2d_backward is not implemented"
                               : "derivative for grid_sampler_3d_backward is not implemented");
}

std::tuple<Tensor, Tensor> backward_impl(const Tensor& grad, const Tensor& input,
                                         const Tensor& grid, int64_t mode, int64_t pad,
                                         bool align, bool want_input, bool want_grid = true) {
  Geo g = make_geo(input, grid, mode, pad, align);
  Tensor go = compute_copy(grad), in = compute_copy(input), gr = compute_copy(grid);
  Tensor gi = want_input ? zeros(input.sizes(), in.options()) : Tensor();
  Tensor gg = want_grid ? empty(grid.sizes(), gr.options()) : Tensor();
  if (go.scalar_type() != in.scalar_type()) {
    autograd::NoGradGuard guard;
    go = go.to(in.scalar_type());
  }
  WICK_DISPATCH_FLOATING_TYPES(in.scalar_type(), g.nd == 2 ? "grid_sampler_2d_backward_cpu"
                                                           : "grid_sampler_3d_backward_cpu", [&] {
    sample_bwd(go.data_ptr<scalar_t>(), in.data_ptr<scalar_t>(), gr.data_ptr<scalar_t>(),
               want_input ? gi.data_ptr<scalar_t>() : nullptr,
               want_grid ? gg.data_ptr<scalar_t>() : nullptr, g);
  });
  gi = back_to(gi, input.scalar_type());
  gg = back_to(gg, grid.scalar_type());
  if (autograd::compute_requires_grad(grad, input, grid)) {
    std::vector<Tensor> outs;
    if (want_input) outs.push_back(gi);
    if (want_grid) outs.push_back(gg);
    auto* node = autograd::record("NotImplemented", not_implemented_formula, {grad, input, grid},
                                  outs);
    if (node) node->keep_int(g.nd);
  }
  return {gi, gg};
}

variable_list sampler_formula(FormulaNode& n, const variable_list& g) {
  auto [gi, gg] = backward_impl(g[0], n.saved(0), n.saved(1), n.int_at(0), n.int_at(1),
                                n.int_at(2) != 0, n.needs(0), n.needs(1));
  return {gi, gg};
}

// linspace(-1, 1, steps) the way affine_grid's base grid uses it.
Tensor base_axis(int64_t steps, bool align, const TensorOptions& opt) {
  if (steps <= 1) return zeros({std::max<int64_t>(steps, 1)}, opt);
  Tensor r = linspace(-1, 1, steps, opt);
  if (!align) {
    autograd::NoGradGuard guard;
    r = r * Scalar(static_cast<double>(steps - 1) / static_cast<double>(steps));
  }
  return r;
}

// (1, prod(spatial), nd + 1) rows [x, y, (z,) 1] over the spatial grid.
Tensor base_grid(IntArrayRef spatial, bool align, const TensorOptions& opt) {
  const int nd = static_cast<int>(spatial.size());
  int64_t P = 1;
  for (int64_t s : spatial) P *= s;
  Tensor out = empty({1, P, nd + 1}, opt);
  std::vector<Tensor> axes;  // axes[k]: values along coordinate k (x = last spatial dim)
  for (int k = 0; k < nd; ++k)
    axes.push_back(base_axis(spatial[nd - 1 - k], align, opt).to(ScalarType::Double).contiguous());
  const double* ax[3];
  for (int k = 0; k < nd; ++k) ax[k] = axes[k].data_ptr<double>();
  WICK_DISPATCH_FLOATING_AND_HALF(opt.dtype(), "affine_grid_generator", [&] {
    scalar_t* o = out.data_ptr<scalar_t>();
    int64_t ctr[3] = {0, 0, 0};  // position along x, y, z (x fastest)
    for (int64_t p = 0; p < P; ++p) {
      for (int k = 0; k < nd; ++k) o[p * (nd + 1) + k] = static_cast<scalar_t>(ax[k][ctr[k]]);
      o[p * (nd + 1) + nd] = static_cast<scalar_t>(1);
      for (int k = 0; k < nd && ++ctr[k] == spatial[nd - 1 - k]; ++k) ctr[k] = 0;
    }
  });
  return out;
}

variable_list affine_formula(FormulaNode& n, const variable_list& g) {
  IntArrayRef size = n.sizes(0);
  const bool align = n.int_at(0) != 0;
  const int64_t N = size[0];
  const int nd = static_cast<int>(size.size()) - 2;
  Tensor base = base_grid(size.slice(2), align, g[0].options()).expand({N, -1, nd + 1});
  Tensor gv = g[0].reshape({N, -1, nd});
  return {bmm(gv.transpose(1, 2), base)};
}

}  // namespace

Tensor grid_sampler(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                    int64_t padding_mode, bool align_corners) {
  check_sampler(input, grid, interpolation_mode, padding_mode);
  Geo g = make_geo(input, grid, interpolation_mode, padding_mode, align_corners);
  DimVector shape{input.size(0), input.size(1)};
  for (int64_t k = 1; k < grid.dim() - 1; ++k) shape.push_back(grid.size(k));
  Tensor in = compute_copy(input), gr = compute_copy(grid);
  Tensor out = empty(shape, in.options());
  WICK_DISPATCH_FLOATING_TYPES(in.scalar_type(), g.nd == 2 ? "grid_sampler_2d_cpu"
                                                           : "grid_sampler_3d_cpu", [&] {
    sample_fwd(in.data_ptr<scalar_t>(), gr.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), g);
  });
  out = back_to(out, input.scalar_type());
  if (autograd::compute_requires_grad(input, grid)) {
    auto* node = autograd::record(g.nd == 2 ? "GridSampler2DBackward0" : "GridSampler3DBackward0",
                                  sampler_formula, {input, grid}, {out});
    if (node)
      node->save(input)->save(grid)->keep_int(interpolation_mode)->keep_int(padding_mode)
          ->keep_int(align_corners);
  }
  return out;
}

Tensor grid_sampler_2d(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                       int64_t padding_mode, bool align_corners) {
  WICK_CHECK(input.dim() == 4 && grid.dim() == 4, "grid_sampler(): expected 4D input and grid "
             "with same number of dimensions, but got input with sizes ", list_str(input.sizes()),
             " and grid with sizes ", list_str(grid.sizes()));
  return grid_sampler(input, grid, interpolation_mode, padding_mode, align_corners);
}

Tensor grid_sampler_3d(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                       int64_t padding_mode, bool align_corners) {
  WICK_CHECK(input.dim() == 5 && grid.dim() == 5, "grid_sampler(): expected 5D input and grid "
             "with same number of dimensions, but got input with sizes ", list_str(input.sizes()),
             " and grid with sizes ", list_str(grid.sizes()));
  return grid_sampler(input, grid, interpolation_mode, padding_mode, align_corners);
}

std::tuple<Tensor, Tensor> grid_sampler_backward(const Tensor& grad_output, const Tensor& input,
                                                 const Tensor& grid, int64_t interpolation_mode,
                                                 int64_t padding_mode, bool align_corners) {
  check_sampler(input, grid, interpolation_mode, padding_mode);
  return backward_impl(grad_output, input, grid, interpolation_mode, padding_mode, align_corners,
                       true);
}

Tensor grid_sample(const Tensor& input, const Tensor& grid, const std::string& mode,
                   const std::string& padding_mode, bool align_corners) {
  int64_t m = mode == "bilinear" ? 0 : mode == "nearest" ? 1 : mode == "bicubic" ? 2 : -1;
  int64_t p = padding_mode == "zeros" ? 0 : padding_mode == "border" ? 1
              : padding_mode == "reflection" ? 2 : -1;
  WICK_CHECK(m >= 0, "nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or "
             "'bicubic', but got: '", mode, "'");
  WICK_CHECK(p >= 0, "nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', "
             "or 'reflection', but got: '", padding_mode, "'");
  return grid_sampler(input, grid, m, p, align_corners);
}

Tensor affine_grid_generator(const Tensor& theta, IntArrayRef size, bool align_corners) {
  WICK_CHECK(size.size() == 4 || size.size() == 5,
             "AffineGridGenerator needs 4d (spatial) or 5d (volumetric) inputs.");
  const int nd = static_cast<int>(size.size()) - 2;
  WICK_CHECK(is_floating_type(theta.scalar_type()), "Expected theta to have floating point type, "
             "but got ", to_string(theta.scalar_type()));
  WICK_CHECK(theta.dim() == 3 && theta.size(0) == size[0] && theta.size(1) == nd &&
                 theta.size(2) == nd + 1,
             "Expected size for first two dimensions of batch2 tensor to be: [", size[0], ", ",
             nd + 1, "] but got: [", theta.dim() > 0 ? theta.size(0) : 0, ", ",
             theta.dim() > 2 ? theta.size(2) : 0, "].");
  for (int64_t s : size)
    WICK_CHECK(s > 0, "Expected non-zero, positive output size. Got ", list_str(size));
  const int64_t N = size[0];
  DimVector shape{N};
  int64_t P = 1;
  for (int k = 0; k < nd; ++k) {
    shape.push_back(size[2 + k]);
    P *= size[2 + k];
  }
  shape.push_back(nd);
  Tensor out = empty(shape, theta.options());
  {
    // out[n, p, j] = sum_k base[p, k] * theta[n, j, k]
    Tensor base = base_grid(size.slice(2), align_corners, theta.options());
    Tensor th = plain(theta);
    WICK_DISPATCH_FLOATING_AND_HALF(theta.scalar_type(), "affine_grid_generator", [&] {
      using A = std::conditional_t<std::is_same_v<scalar_t, double>, double, float>;
      const scalar_t* bp = base.data_ptr<scalar_t>();
      const scalar_t* tp = th.data_ptr<scalar_t>();
      scalar_t* op = out.data_ptr<scalar_t>();
      auto run = [&](auto ndc) {
        constexpr int D = decltype(ndc)::value, KK = D + 1;
        parallel_for(0, N * P, kGrainSize, [&](int64_t b, int64_t e) {
          int64_t n = b / P, p = b % P;
          for (int64_t i = b; i < e; ++i) {
            const scalar_t* t = tp + n * D * KK;
            const scalar_t* bb = bp + p * KK;
            for (int j = 0; j < D; ++j) {
              A acc = 0;
              for (int k = 0; k < KK; ++k)
                acc += static_cast<A>(bb[k]) * static_cast<A>(t[j * KK + k]);
              op[i * D + j] = static_cast<scalar_t>(acc);
            }
            if (++p == P) {
              p = 0;
              ++n;
            }
          }
        });
      };
      if (nd == 2)
        run(std::integral_constant<int, 2>{});
      else
        run(std::integral_constant<int, 3>{});
    });
  }
  if (autograd::compute_requires_grad(theta)) {
    auto* node = autograd::record("AffineGridGeneratorBackward0", affine_formula, {theta}, {out});
    if (node) node->keep(size)->keep_int(align_corners);
  }
  return out;
}

Tensor affine_grid(const Tensor& theta, IntArrayRef size, bool align_corners) {
  return affine_grid_generator(theta, size, align_corners);
}

}  // namespace wick

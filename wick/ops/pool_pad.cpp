// Padding (constant / reflect / replicate / circular) and pixel/channel shuffles.
//
// Non-constant pads map each output position of the padded dims to one input
// position (per dim), so the forward is a gather through three small index
// tables and the backward the matching scatter-add; planes run in parallel.
#include <algorithm>
#include <string>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/creation.h"
#include "wick/ops/pool.h"

namespace wick {

namespace {

using autograd::FormulaNode;
using autograd::variable_list;

enum class PadMode { Reflect = 0, Replicate = 1, Circular = 2 };

std::string sizes_str(IntArrayRef v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

Tensor plain(const Tensor& x) {
  autograd::NoGradGuard guard;
  return x.detach().contiguous();
}

struct PadGeom {
  int64_t planes = 1;
  int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  std::vector<int64_t> src[3];
  int64_t isz() const { return in[0] * in[1] * in[2]; }
  int64_t osz() const { return out[0] * out[1] * out[2]; }
};

// pad = (left_last, right_last, left_prev, right_prev, ...) over k = pad.size() / 2 dims.
PadGeom pad_geom(IntArrayRef sizes, IntArrayRef pad, PadMode mode) {
  const int k = static_cast<int>(pad.size() / 2);
  const int64_t nd = static_cast<int64_t>(sizes.size());
  PadGeom g;
  for (int64_t i = 0; i < nd - k; ++i) g.planes *= sizes[i];
  for (int j = 0; j < 3; ++j) {
    if (j < 3 - k) {
      g.src[j] = {0};
      continue;
    }
    const int i = j - (3 - k);                // i-th padded dim from the front
    const int64_t n = sizes[nd - k + i];
    const int p = k - 1 - i;                  // index into pad pairs (last dim first)
    const int64_t l = pad[2 * p], r = pad[2 * p + 1];
    g.in[j] = n;
    g.out[j] = n + l + r;
    g.src[j].resize(std::max<int64_t>(g.out[j], 0));
    for (int64_t o = 0; o < g.out[j]; ++o) {
      int64_t s = o - l;
      if (mode == PadMode::Reflect) {
        if (s < 0) s = -s;
        if (s >= n) s = 2 * (n - 1) - s;
      } else if (mode == PadMode::Replicate) {
        s = std::clamp<int64_t>(s, 0, n - 1);
      } else {
        s = ((s % n) + n) % n;
      }
      g.src[j][o] = s;
    }
  }
  return g;
}

template <typename T>
void pad_gather(const T* in, T* out, const PadGeom& g) {
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t pl = b; pl < e; ++pl) {
                   const T* ip = in + pl * isz;
                   T* op = out + pl * osz;
                   for (int64_t d = 0; d < g.out[0]; ++d)
                     for (int64_t h = 0; h < g.out[1]; ++h) {
                       const T* row = ip + (g.src[0][d] * H + g.src[1][h]) * W;
                       const int64_t* sw = g.src[2].data();
                       for (int64_t w = 0; w < g.out[2]; ++w) *op++ = row[sw[w]];
                     }
                 }
               });
}

template <typename T>
void pad_scatter(const T* go, T* gi, const PadGeom& g) {
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t pl = b; pl < e; ++pl) {
                   T* ip = gi + pl * isz;
                   const T* op = go + pl * osz;
                   for (int64_t d = 0; d < g.out[0]; ++d)
                     for (int64_t h = 0; h < g.out[1]; ++h) {
                       T* row = ip + (g.src[0][d] * H + g.src[1][h]) * W;
                       const int64_t* sw = g.src[2].data();
                       for (int64_t w = 0; w < g.out[2]; ++w, ++op)
                         row[sw[w]] = static_cast<T>(static_cast<float>(row[sw[w]]) +
                                                     static_cast<float>(*op));
                     }
                 }
               });
}

template <>
void pad_scatter<double>(const double* go, double* gi, const PadGeom& g) {
  const int64_t isz = g.isz(), osz = g.osz(), H = g.in[1], W = g.in[2];
  parallel_for(0, g.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(osz, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t pl = b; pl < e; ++pl) {
                   double* ip = gi + pl * isz;
                   const double* op = go + pl * osz;
                   for (int64_t d = 0; d < g.out[0]; ++d)
                     for (int64_t h = 0; h < g.out[1]; ++h) {
                       double* row = ip + (g.src[0][d] * H + g.src[1][h]) * W;
                       for (int64_t w = 0; w < g.out[2]; ++w, ++op) row[g.src[2][w]] += *op;
                     }
                 }
               });
}

const char* pad_node(PadMode mode, int k, bool backward) {
  static const char* names[3][3][2] = {
      {{"ReflectionPad1DBackward0", "ReflectionPad1DBackwardBackward0"},
       {"ReflectionPad2DBackward0", "ReflectionPad2DBackwardBackward0"},
       {"ReflectionPad3DBackward0", "ReflectionPad3DBackwardBackward0"}},
      {{"ReplicationPad1DBackward0", "ReplicationPad1DBackwardBackward0"},
       {"ReplicationPad2DBackward0", "ReplicationPad2DBackwardBackward0"},
       {"ReplicationPad3DBackward0", "ReplicationPad3DBackwardBackward0"}},
      {{"CircularPad1DBackward0", "CircularPad1DBackwardBackward0"},
       {"CircularPad2DBackward0", "CircularPad2DBackwardBackward0"},
       {"CircularPad3DBackward0", "CircularPad3DBackwardBackward0"}}};
  return names[static_cast<int>(mode)][k - 1][backward ? 1 : 0];
}

Tensor index_pad(const Tensor& self, IntArrayRef pad, PadMode mode);
Tensor index_pad_backward(const Tensor& grad, const Tensor& self, IntArrayRef pad, PadMode mode);

variable_list index_pad_formula(FormulaNode& n, const variable_list& g) {
  return {index_pad_backward(g[0], n.saved(0), n.sizes(0), static_cast<PadMode>(n.int_at(0)))};
}
variable_list index_pad_backward_formula(FormulaNode& n, const variable_list& g) {
  return {index_pad(g[0], n.sizes(0), static_cast<PadMode>(n.int_at(0))), Tensor()};
}

void check_index_pad(const Tensor& self, IntArrayRef pad, PadMode mode) {
  const int k = static_cast<int>(pad.size() / 2);
  const int64_t nd = self.dim();
  for (int p = 0; p < k; ++p) {
    const int64_t dim = nd - 1 - p;
    const int64_t n = self.size(dim), l = pad[2 * p], r = pad[2 * p + 1];
    if (mode == PadMode::Reflect) {
      WICK_CHECK(l < n && r < n, "Argument #", 4 + 2 * p,
                 ": Padding size should be less than the corresponding input dimension, but got: "
                 "padding (",
                 l, ", ", r, ") at dimension ", dim, " of input ",
                 k == 1 ? sizes_str(self.sizes()) : std::to_string(nd));
    } else if (mode == PadMode::Circular) {
      WICK_CHECK(l <= n && r <= n, "Padding value causes wrapping around more than once.");
    }
    WICK_CHECK(n + l + r >= 1 && n > 0, "input (", sizes_str(self.sizes()),
               ") is too small. Calculated output size along dimension ", dim, ": ", n + l + r);
  }
}

Tensor index_pad(const Tensor& self, IntArrayRef pad, PadMode mode) {
  check_index_pad(self, pad, mode);
  PadGeom g = pad_geom(self.sizes(), pad, mode);
  const int k = static_cast<int>(pad.size() / 2);
  DimVector shape(self.sizes().begin(), self.sizes().end() - k);
  for (int j = 3 - k; j < 3; ++j) shape.push_back(g.out[j]);
  Tensor out = empty(shape, self.options());
  Tensor in = plain(self);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.scalar_type(), "pad", [&] {
    pad_gather(in.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), g);
  });
  if (autograd::compute_requires_grad(self))
    autograd::record(pad_node(mode, k, false), index_pad_formula, {self}, {out})
        ->save(self)
        ->keep(pad)
        ->keep_int(static_cast<int64_t>(mode));
  return out;
}

Tensor index_pad_backward(const Tensor& grad, const Tensor& self, IntArrayRef pad, PadMode mode) {
  PadGeom g = pad_geom(self.sizes(), pad, mode);
  Tensor go = plain(grad);
  WICK_CHECK(go.numel() == g.planes * g.osz(), "pad backward: grad_output has the wrong shape ",
             sizes_str(go.sizes()));
  Tensor gi = zeros(self.sizes(), grad.options());
  WICK_DISPATCH_FLOATING_AND_HALF(go.scalar_type(), "pad_backward", [&] {
    pad_scatter(go.data_ptr<scalar_t>(), gi.data_ptr<scalar_t>(), g);
  });
  const int k = static_cast<int>(pad.size() / 2);
  if (autograd::compute_requires_grad(grad, self))
    autograd::record(pad_node(mode, k, true), index_pad_backward_formula, {grad, self}, {gi})
        ->keep(pad)
        ->keep_int(static_cast<int64_t>(mode));
  return gi;
}

// ---- constant pad ----------------------------------------------------------------------

variable_list constant_pad_formula(FormulaNode& n, const variable_list& g) {
  DimVector neg;
  for (int64_t v : n.sizes(0)) neg.push_back(-v);
  return {constant_pad_nd(g[0], neg, 0)};
}

// ---- shuffles ------------------------------------------------------------------------------

variable_list pixel_shuffle_formula(FormulaNode& n, const variable_list& g) {
  return {pixel_unshuffle(g[0], n.int_at(0))};
}
variable_list pixel_unshuffle_formula(FormulaNode& n, const variable_list& g) {
  return {pixel_shuffle(g[0], n.int_at(0))};
}

}  // namespace

Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value) {
  WICK_CHECK(pad.size() % 2 == 0, "Length of pad must be even but instead it equals ", pad.size());
  const int64_t nd = self.dim();
  const int64_t k = static_cast<int64_t>(pad.size() / 2);
  WICK_CHECK(k <= nd, "Length of pad should be no more than twice the number of dimensions of the "
             "input. Pad length is ", pad.size(), " while the input has ", nd, " dimensions.");
  DimVector shape = self.sizes().vec();
  for (int64_t p = 0; p < k; ++p) {
    const int64_t dim = nd - 1 - p;
    const int64_t n = self.size(dim), l = pad[2 * p], r = pad[2 * p + 1];
    WICK_CHECK(n + l + r >= 0, "The input size ", n, ", plus negative padding ", l, " and ", r,
               " resulted in a negative output size, which is invalid. Check dimension ", dim,
               " of your input.");
    shape[dim] = n + l + r;
  }
  Tensor out = full(shape, value, self.options());
  {
    autograd::NoGradGuard guard;
    Tensor src = self.detach();
    Tensor dst = out;
    bool empty_overlap = false;
    for (int64_t p = 0; p < k; ++p) {
      const int64_t dim = nd - 1 - p;
      const int64_t n = self.size(dim), l = pad[2 * p], r = pad[2 * p + 1];
      const int64_t in_start = std::max<int64_t>(0, -l);
      const int64_t in_end = n - std::max<int64_t>(0, -r);
      const int64_t len = in_end - in_start;
      if (len <= 0) {
        empty_overlap = true;
        break;
      }
      src = src.narrow(dim, in_start, len);
      dst = dst.narrow(dim, std::max<int64_t>(0, l), len);
    }
    if (!empty_overlap && src.numel() > 0) dst.copy_(src);
  }
  if (autograd::compute_requires_grad(self))
    autograd::record("ConstantPadNdBackward0", constant_pad_formula, {self}, {out})->keep(pad);
  return out;
}

Tensor reflection_pad1d(const Tensor& self, IntArrayRef padding) {
  return index_pad(self, padding, PadMode::Reflect);
}
Tensor reflection_pad2d(const Tensor& self, IntArrayRef padding) {
  return index_pad(self, padding, PadMode::Reflect);
}
Tensor reflection_pad3d(const Tensor& self, IntArrayRef padding) {
  return index_pad(self, padding, PadMode::Reflect);
}
Tensor replication_pad1d(const Tensor& self, IntArrayRef padding) {
  return index_pad(self, padding, PadMode::Replicate);
}
Tensor replication_pad2d(const Tensor& self, IntArrayRef padding) {
  return index_pad(self, padding, PadMode::Replicate);
}
Tensor replication_pad3d(const Tensor& self, IntArrayRef padding) {
  return index_pad(self, padding, PadMode::Replicate);
}

Tensor pad(const Tensor& self, IntArrayRef pad, const std::string& mode,
           std::optional<double> value) {
  WICK_CHECK(pad.size() % 2 == 0, "Padding length must be divisible by 2");
  WICK_CHECK(static_cast<int64_t>(pad.size() / 2) <= self.dim(), "Padding length too large");
  if (mode == "constant") return constant_pad_nd(self, pad, value ? Scalar(*value) : Scalar(0));
  WICK_CHECK(!value || *value == 0.0, "Padding mode \"", mode,
             "\" doesn't take in value argument");
  PadMode m;
  if (mode == "reflect") {
    m = PadMode::Reflect;
  } else if (mode == "replicate") {
    m = PadMode::Replicate;
  } else if (mode == "circular") {
    m = PadMode::Circular;
  } else {
    throw NotImplementedError(str("Unrecognised padding mode ", mode));
  }
  WICK_CHECK(pad.size() % 2 == 0, "Padding length must be divisible by 2");
  WICK_CHECK(static_cast<int64_t>(pad.size() / 2) <= self.dim(), "Padding length too large");
  const int64_t k = static_cast<int64_t>(pad.size() / 2);
  const bool ok = (k == 1 && (self.dim() == 2 || self.dim() == 3)) ||
                  (k == 2 && (self.dim() == 3 || self.dim() == 4)) ||
                  (k == 3 && (self.dim() == 4 || self.dim() == 5));
  if (!ok)
    throw NotImplementedError(
        "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
  return index_pad(self, pad, m);
}

Tensor pixel_shuffle(const Tensor& self, int64_t upscale_factor) {
  WICK_CHECK(self.dim() >= 3, "pixel_shuffle expects input to have at least 3 dimensions, but got "
             "input with ", self.dim(), " dimension(s)");
  WICK_CHECK(upscale_factor > 0, "pixel_shuffle expects a positive upscale_factor, but got ",
             upscale_factor);
  const int64_t r = upscale_factor, nd = self.dim();
  const int64_t c = self.size(-3), h = self.size(-2), w = self.size(-1);
  WICK_CHECK(c % (r * r) == 0, "pixel_shuffle expects its input's 'channel' dimension to be "
             "divisible by the square of upscale_factor, but input.size(-3)=", c,
             " is not divisible by ", r * r);
  DimVector lead(self.sizes().begin(), self.sizes().end() - 3);
  Tensor out;
  {
    autograd::NoGradGuard guard;
    DimVector s1 = lead;
    s1.insert(s1.end(), {c / (r * r), r, r, h, w});
    DimVector perm;
    const int64_t b = static_cast<int64_t>(lead.size());
    for (int64_t i = 0; i < b; ++i) perm.push_back(i);
    perm.insert(perm.end(), {b, b + 3, b + 1, b + 4, b + 2});
    DimVector s2 = lead;
    s2.insert(s2.end(), {c / (r * r), h * r, w * r});
    out = self.detach().reshape(s1).permute(perm).contiguous().view(s2);
  }
  (void)nd;
  if (autograd::compute_requires_grad(self))
    autograd::record("PixelShuffleBackward0", pixel_shuffle_formula, {self}, {out})->keep_int(r);
  return out;
}

Tensor pixel_unshuffle(const Tensor& self, int64_t downscale_factor) {
  WICK_CHECK(self.dim() >= 3, "pixel_unshuffle expects input to have at least 3 dimensions, but "
             "got input with ", self.dim(), " dimension(s)");
  WICK_CHECK(downscale_factor > 0, "pixel_unshuffle expects a positive downscale_factor, but got ",
             downscale_factor);
  const int64_t r = downscale_factor;
  const int64_t c = self.size(-3), h = self.size(-2), w = self.size(-1);
  WICK_CHECK(h % r == 0, "pixel_unshuffle expects height to be divisible by downscale_factor, but "
             "input.size(-2)=", h, " is not divisible by ", r);
  WICK_CHECK(w % r == 0, "pixel_unshuffle expects width to be divisible by downscale_factor, but "
             "input.size(-1)=", w, " is not divisible by ", r);
  DimVector lead(self.sizes().begin(), self.sizes().end() - 3);
  Tensor out;
  {
    autograd::NoGradGuard guard;
    DimVector s1 = lead;
    s1.insert(s1.end(), {c, h / r, r, w / r, r});
    DimVector perm;
    const int64_t b = static_cast<int64_t>(lead.size());
    for (int64_t i = 0; i < b; ++i) perm.push_back(i);
    perm.insert(perm.end(), {b, b + 2, b + 4, b + 1, b + 3});
    DimVector s2 = lead;
    s2.insert(s2.end(), {c * r * r, h / r, w / r});
    out = self.detach().reshape(s1).permute(perm).contiguous().view(s2);
  }
  if (autograd::compute_requires_grad(self))
    autograd::record("PixelUnshuffleBackward0", pixel_unshuffle_formula, {self}, {out})
        ->keep_int(r);
  return out;
}

Tensor channel_shuffle(const Tensor& self, int64_t groups) {
  WICK_CHECK(self.dim() > 2, "channel_shuffle expects input to have at least 3 dimensions, but got "
             "input with ", self.dim(), " dimension(s)");
  WICK_CHECK(groups > 0, "Number of groups to divide channels in must be positive. Value of groups:",
             groups);
  const int64_t c = self.size(1);
  WICK_CHECK(c % groups == 0, "Number of channels must be divisible by groups. Got ", c,
             " channels and ", groups, " groups.");
  DimVector s1{self.size(0), groups, c / groups};
  s1.insert(s1.end(), self.sizes().begin() + 2, self.sizes().end());
  return self.reshape(s1).transpose(1, 2).reshape(self.sizes());
}

}  // namespace wick

// Dropout family, embedding, embedding_bag, one_hot, weight normalisation.
//
// Dropout consumes the generator as PyTorch does on CPU: a noise tensor
// (empty_like(input), or (N, C, 1, ...) for the feature forms) filled with
// bernoulli_(1 - p), scaled, then multiplied into the input; the same seed
// gives the same mask.
#include <algorithm>
#include <cmath>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"
#include "wick/ops/nn_extra.h"
#include "wick/ops/norm.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

// ---- dropout -----------------------------------------------------------------------

namespace {

Tensor feature_noise(const Tensor& input) {
  WICK_CHECK(input.dim() >= 2, "Feature dropout requires at least 2 dimensions in the input");
  DimVector s(static_cast<size_t>(input.dim()), 1);
  s[0] = input.size(0);
  s[1] = input.size(1);
  return empty(s, input.options());
}

template <bool Inplace>
Tensor dropout_impl(Tensor& input, double p, bool train, bool feature, bool alpha_form) {
  WICK_CHECK(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
  if (p == 0 || !train || input.numel() == 0) return input;
  if (p == 1) {
    Tensor z = zeros({}, input.options());
    if constexpr (Inplace) return input.mul_(z);
    return input * z;
  }
  Tensor noise;
  Tensor b;
  {
    autograd::NoGradGuard no_grad;
    noise = feature ? feature_noise(input) : empty_like(input);
    noise.bernoulli_(1 - p);
    if (alpha_form) {
      constexpr double alpha = 1.7580993408473766;
      const double a = 1. / std::sqrt((alpha * alpha * p + 1) * (1 - p));
      b = noise.add(Scalar(-1)).mul_(Scalar(alpha * a)).add_(Scalar(alpha * a * p));
      noise.mul_(Scalar(a));
    } else {
      noise.div_(Scalar(1 - p));
    }
  }
  if (alpha_form) {
    if constexpr (Inplace) return input.mul_(noise).add_(b);
    return input * noise + b;
  }
  if constexpr (Inplace) return input.mul_(noise);
  return input * noise;
}

}  // namespace

Tensor dropout(const Tensor& input, double p, bool train) {
  Tensor in = input;
  return dropout_impl<false>(in, p, train, false, false);
}
Tensor& dropout_(Tensor& input, double p, bool train) {
  dropout_impl<true>(input, p, train, false, false);
  return input;
}
Tensor feature_dropout(const Tensor& input, double p, bool train) {
  Tensor in = input;
  return dropout_impl<false>(in, p, train, true, false);
}
Tensor& feature_dropout_(Tensor& input, double p, bool train) {
  dropout_impl<true>(input, p, train, true, false);
  return input;
}
Tensor alpha_dropout(const Tensor& input, double p, bool train) {
  Tensor in = input;
  return dropout_impl<false>(in, p, train, false, true);
}
Tensor& alpha_dropout_(Tensor& input, double p, bool train) {
  dropout_impl<true>(input, p, train, false, true);
  return input;
}
Tensor feature_alpha_dropout(const Tensor& input, double p, bool train) {
  Tensor in = input;
  return dropout_impl<false>(in, p, train, true, true);
}
Tensor& feature_alpha_dropout_(Tensor& input, double p, bool train) {
  dropout_impl<true>(input, p, train, true, true);
  return input;
}

// ---- embedding ---------------------------------------------------------------------

namespace {

void check_indices(const Tensor& indices, const char* op) {
  ScalarType t = indices.scalar_type();
  if (t == kLong || t == kInt) return;
  const char* name = t == kFloat    ? "torch.FloatTensor"
                     : t == kDouble ? "torch.DoubleTensor"
                     : t == kHalf   ? "torch.HalfTensor"
                     : t == kBool   ? "torch.BoolTensor"
                     : t == kByte   ? "torch.ByteTensor"
                     : t == kChar   ? "torch.CharTensor"
                     : t == kShort  ? "torch.ShortTensor"
                                    : "torch.BFloat16Tensor";
  throw Error(str("Expected tensor for argument #1 'indices' to have one of the following scalar "
                  "types: Long, Int; but got ",
                  name, " instead (while checking arguments for ", op, ")"));
}

// Gradient of the weight rows: g rows summed into the rows the indices name,
// none for padding_idx, divided by the index frequency under scale_grad_by_freq.
// Written with index_add, so it is differentiable in g.
Tensor embedding_weight_grad(const Tensor& g, const Tensor& idx, int64_t num_weights,
                             int64_t padding_idx, bool scale_grad_by_freq) {
  const int64_t D = g.size(-1);
  Tensor g2 = g.reshape({-1, D});
  Tensor i = idx.reshape({-1}).to(kLong);
  if (padding_idx >= 0) g2 = g2 * i.ne(Scalar(padding_idx)).unsqueeze(1).to(g2.scalar_type());
  if (scale_grad_by_freq) {
    Tensor counts = zeros({num_weights}, g2.options())
                        .index_add(0, i, ones({i.numel()}, g2.options()));
    g2 = g2 / counts.index_select(0, i).unsqueeze(1);
  }
  return zeros({num_weights, D}, g2.options()).index_add(0, i, g2);
}

// Saved: 0 indices; ints: 0 num_weights, 1 padding_idx, 2 scale_grad_by_freq.
variable_list embedding_backward(FormulaNode& n, const variable_list& g) {
  return {embedding_weight_grad(g[0], n.saved(0), n.int_at(0), n.int_at(1), n.int_at(2) != 0)};
}

}  // namespace

Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t padding_idx,
                 bool scale_grad_by_freq, bool sparse) {
  WICK_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  check_indices(indices, "embedding");
  WICK_CHECK(!sparse, "embedding(): sparse gradients are not supported by wick");
  Tensor out;
  {
    autograd::NoGradGuard no_grad;
    DimVector s(indices.sizes().begin(), indices.sizes().end());
    s.push_back(weight.size(1));
    out = weight.index_select(0, indices.reshape({-1})).view(s);
  }
  if (autograd::compute_requires_grad(weight)) {
    if (FormulaNode* n =
            autograd::record("EmbeddingBackward0", embedding_backward, {weight}, {out}))
      n->save(indices)->keep_int(weight.size(0))->keep_int(padding_idx)->keep_int(
          scale_grad_by_freq);
  }
  return out;
}

Tensor& embedding_renorm_(Tensor& weight, const Tensor& indices, double max_norm,
                          double norm_type) {
  WICK_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  check_indices(indices, "embedding_renorm_");
  autograd::NoGradGuard no_grad;
  Tensor idx = indices.reshape({-1}).to(kLong).contiguous();
  std::vector<int64_t> rows(idx.data_ptr<int64_t>(), idx.data_ptr<int64_t>() + idx.numel());
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  const int64_t V = weight.size(0);
  for (int64_t r : rows) {
    WICK_CHECK_T(IndexError, r >= 0 && r < V, "index out of range in self");
    Tensor row = weight.select(0, r);
    const double norm = row.norm(Scalar(norm_type)).item().to<double>();
    if (norm > max_norm) row.mul_(Scalar(max_norm / (norm + 1e-7)));
  }
  return weight;
}

// ---- embedding_bag -----------------------------------------------------------------

namespace {

// Saved: 0 indices (kept entries), 1 bag of each kept entry, 2 per-entry scale
// (per_sample_weights and 1/bag_size for mean; undefined for max),
// 3 max_indices (max mode); ints: 0 num_weights, 1 mode.
variable_list embedding_bag_backward(FormulaNode& n, const variable_list& g) {
  const int64_t V = n.int_at(0), mode = n.int_at(1);
  const Tensor& go = g[0];
  const int64_t D = go.size(1);
  if (mode == 2) {
    Tensor mi = n.saved(3);  // (B, D), -1 for empty bags
    Tensor valid = mi.ge(Scalar(0));
    Tensor src = go * valid.to(go.scalar_type());
    Tensor safe = mi.clamp_min(Scalar(0));
    return {zeros({V * D}, go.options())
                .index_add(0, (safe * Scalar(D) + arange(Scalar(0), Scalar(D), TensorOptions(kLong))
                                                      .unsqueeze(0))
                                  .reshape({-1}),
                           src.reshape({-1}))
                .view({V, D})};
  }
  Tensor idx = n.saved(0), bag = n.saved(1), scale = n.saved(2);
  Tensor rows = go.index_select(0, bag);
  if (scale.defined()) rows = rows * scale.unsqueeze(1).to(rows.scalar_type());
  return {zeros({V, D}, go.options()).index_add(0, idx, rows)};
}

template <typename T>
void bag_forward(const T* w, int64_t D, const int64_t* idx, const int64_t* bag_of, int64_t L,
                 int64_t B, const double* scale, int64_t mode, T* out, int64_t* maxi) {
  std::fill(out, out + B * D, T(0));
  if (mode == 2) {
    std::fill(maxi, maxi + B * D, int64_t(-1));
    for (int64_t e = 0; e < L; ++e) {
      const int64_t b = bag_of[e];
      const T* row = w + idx[e] * D;
      T* o = out + b * D;
      int64_t* mi = maxi + b * D;
      for (int64_t j = 0; j < D; ++j) {
        if (mi[j] < 0 || row[j] > o[j] || row[j] != row[j]) {
          o[j] = row[j];
          mi[j] = idx[e];
        }
      }
    }
    return;
  }
  for (int64_t e = 0; e < L; ++e) {
    const T* row = w + idx[e] * D;
    T* o = out + bag_of[e] * D;
    const T s = static_cast<T>(scale ? scale[e] : 1.0);
    for (int64_t j = 0; j < D; ++j) o[j] += row[j] * s;
  }
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor, Tensor> embedding_bag(
    const Tensor& weight, const Tensor& indices, const Tensor& offsets, bool scale_grad_by_freq,
    int64_t mode, bool sparse, const Tensor& per_sample_weights, bool include_last_offset,
    int64_t padding_idx) {
  WICK_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  check_indices(indices, "embedding_bag");
  WICK_CHECK(mode >= 0 && mode <= 2, "embedding_bag: mode must be 'sum', 'mean' or 'max'");
  WICK_CHECK(!per_sample_weights.defined() || mode == 0,
             "embedding_bag: per_sample_weights was not None. per_sample_weights is only "
             "supported for mode='sum' (got mode='",
             mode == 1 ? "mean" : "max", "'). Please open a feature request on GitHub.");
  const int64_t V = weight.size(0), D = weight.size(1);
  Tensor idx = indices.reshape({-1}).to(kLong).contiguous();
  const int64_t L = idx.numel();
  std::vector<int64_t> starts;
  if (indices.dim() == 2) {
    WICK_CHECK(!offsets.defined(),
               "if input is 2D, then offsets has to be None, as input is treated is a mini-batch "
               "of fixed length sequences. However, found offsets of type Tensor");
    const int64_t n = indices.size(0), len = indices.size(1);
    for (int64_t b = 0; b < n; ++b) starts.push_back(b * len);
    starts.push_back(L);
  } else {
    WICK_CHECK(indices.dim() == 1,
               "input has to be 1D or 2D Tensor, but got Tensor of dimension ", indices.dim());
    WICK_CHECK(offsets.defined(), "offsets has to be a 1D Tensor but got None");
    WICK_CHECK(offsets.dim() == 1, "offsets has to be a 1D Tensor");
    Tensor off = offsets.to(kLong).contiguous();
    const int64_t* op = off.data_ptr<int64_t>();
    starts.assign(op, op + off.numel());
    if (!include_last_offset) starts.push_back(L);
    WICK_CHECK(starts.empty() || starts[0] == 0, "offsets[0] has to be 0, i.e., the first sequence "
               "in the mini-batch has to start from position 0. However, got ",
               starts.empty() ? 0 : starts[0]);
    for (size_t i = 1; i < starts.size(); ++i)
      WICK_CHECK(starts[i] >= starts[i - 1] && starts[i] <= L,
                 "offsets[", i, "] is out of bounds or not increasing");
  }
  const int64_t B = std::max<int64_t>(static_cast<int64_t>(starts.size()) - 1, 0);
  const int64_t* ip = idx.data_ptr<int64_t>();
  std::vector<int64_t> kept_idx, kept_bag, offset2bag(static_cast<size_t>(L), 0);
  std::vector<int64_t> bag_size(static_cast<size_t>(B), 0);
  std::vector<double> kept_scale;
  Tensor psw;
  if (per_sample_weights.defined()) {
    WICK_CHECK(per_sample_weights.numel() == L,
               "embedding_bag: If per_sample_weights (", per_sample_weights.numel(),
               ") is not None, then it must have the same shape as the input (", L, ")");
    psw = per_sample_weights.detach().to(kDouble).contiguous();
  }
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t e = starts[b]; e < starts[b + 1]; ++e) {
      offset2bag[e] = b;
      WICK_CHECK_T(IndexError, ip[e] >= 0 && ip[e] < V, "index out of range in self");
      if (ip[e] == padding_idx) continue;
      kept_idx.push_back(ip[e]);
      kept_bag.push_back(b);
      bag_size[b]++;
      if (psw.defined()) kept_scale.push_back(psw.data_ptr<double>()[e]);
    }
  }
  const int64_t K = static_cast<int64_t>(kept_idx.size());
  if (mode == 1) {
    kept_scale.resize(K);
    for (int64_t e = 0; e < K; ++e) kept_scale[e] = 1.0 / static_cast<double>(bag_size[kept_bag[e]]);
  }
  auto longs = [](const std::vector<int64_t>& v, IntArrayRef sizes) {
    Tensor t = empty(sizes, TensorOptions(kLong));
    std::copy(v.begin(), v.end(), t.data_ptr<int64_t>());
    return t;
  };
  Tensor out, maxi;
  Tensor w = weight.detach().contiguous();
  ScalarType ct = w.scalar_type() == kHalf || w.scalar_type() == kBFloat16 ? kFloat
                                                                          : w.scalar_type();
  if (ct != w.scalar_type()) w = w.to(ct);
  out = empty({B, D}, TensorOptions(ct));
  maxi = mode == 2 ? empty({B, D}, TensorOptions(kLong)) : empty({0}, TensorOptions(kLong));
  WICK_DISPATCH_FLOATING_TYPES(ct, "embedding_bag", [&] {
    bag_forward<scalar_t>(w.data_ptr<scalar_t>(), D, kept_idx.data(), kept_bag.data(), K, B,
                          kept_scale.empty() ? nullptr : kept_scale.data(), mode,
                          out.data_ptr<scalar_t>(), mode == 2 ? maxi.data_ptr<int64_t>() : nullptr);
  });
  if (mode == 2) {
    // Empty bags give zeros.
    autograd::NoGradGuard ng;
    out.masked_fill_(maxi.lt(Scalar(0)), Scalar(0));
  }
  if (ct != weight.scalar_type()) out = out.to(weight.scalar_type());
  Tensor kept_idx_t = longs(kept_idx, {K}), kept_bag_t = longs(kept_bag, {K});
  // The weight gradient's per-entry scale: the forward's (per_sample_weights,
  // 1 / bag size) divided, under scale_grad_by_freq, by how often the entry's
  // index occurs in the mini-batch (sum and mean modes).
  std::vector<double> grad_scale = kept_scale;
  if (scale_grad_by_freq && mode != 2 && K > 0) {
    std::vector<int64_t> counts(static_cast<size_t>(V), 0);
    for (int64_t e = 0; e < K; ++e) counts[kept_idx[e]]++;
    grad_scale.resize(K, 1.0);
    for (int64_t e = 0; e < K; ++e) grad_scale[e] /= static_cast<double>(counts[kept_idx[e]]);
  }
  Tensor scale_t;
  if (!grad_scale.empty()) {
    scale_t = empty({K}, TensorOptions(kDouble));
    std::copy(grad_scale.begin(), grad_scale.end(), scale_t.data_ptr<double>());
  }
  if (autograd::compute_requires_grad(weight)) {
    if (FormulaNode* n = autograd::record("EmbeddingBagBackward0", embedding_bag_backward,
                                          {weight}, {out}))
      n->save(kept_idx_t)->save(kept_bag_t)->save(scale_t)->save(maxi)->keep_int(V)->keep_int(
          mode);
  }
  (void)sparse;
  return {out, longs(offset2bag, {L}), longs(bag_size, {B}), maxi};
}

// ---- weight normalisation ----------------------------------------------------------

Tensor norm_except_dim(const Tensor& v, int64_t pow, int64_t dim) {
  if (dim == -1) return v.norm(Scalar(pow));
  const int64_t nd = v.dim();
  WICK_CHECK(nd > 0, "norm_except_dim: expected a tensor with at least one dimension");
  if (dim == 0) {
    DimVector shape(static_cast<size_t>(nd), 1);
    shape[0] = v.size(0);
    return v.contiguous().view({v.size(0), -1}).norm(Scalar(pow), {1}).view(shape);
  }
  if (dim == nd - 1) {
    DimVector shape(static_cast<size_t>(nd), 1);
    shape[nd - 1] = v.size(nd - 1);
    return v.contiguous().view({-1, v.size(nd - 1)}).norm(Scalar(pow), {0}).view(shape);
  }
  return norm_except_dim(v.transpose(0, dim), pow, 0).transpose(0, dim);
}

namespace {

bool is_16bit(ScalarType t) { return t == kHalf || t == kBFloat16; }

// Sums of x over every dim but `dim`, kept as size-1 dims.
Tensor sum_except_dim(const Tensor& x, int64_t dim) {
  DimVector red;
  for (int64_t d = 0; d < x.dim(); ++d)
    if (d != dim) red.push_back(d);
  return x.sum(red, true);
}

// w = v * g / ||v||: grad_g = <gw, v> / ||v||, grad_v = g / ||v|| * (gw - v <gw, v> / ||v||^2).
// Under create_graph the norms are recomputed from v with wick ops, so the
// second derivative includes their dependence on v (PyTorch's treats them as
// constants there). Saved: 0 v, 1 g, 2 norms; ints: 0 dim.
variable_list weight_norm_backward(FormulaNode& n, const variable_list& gr) {
  Tensor v = n.saved(0), g = n.saved(1);
  const int64_t dim = n.int_at(0);
  Tensor gw = gr[0];
  const ScalarType out_t = v.scalar_type();
  if (is_16bit(out_t)) {
    v = v.to(kFloat);
    g = g.to(kFloat);
    gw = gw.to(kFloat);
  }
  Tensor norms = autograd::GradMode::is_enabled() ? norm_except_dim(v, 2, dim) : n.saved(2);
  Tensor dot = sum_except_dim(gw * v, dim);
  Tensor grad_v, grad_g;
  if (n.needs(0)) grad_v = (g / norms) * (gw - v * (dot / (norms * norms)));
  if (n.needs(1)) grad_g = dot / norms;
  if (is_16bit(out_t)) {
    if (grad_v.defined()) grad_v = grad_v.to(out_t);
    if (grad_g.defined()) grad_g = grad_g.to(g.scalar_type() == kFloat ? out_t : g.scalar_type());
  }
  return {grad_v, grad_g};
}

}  // namespace

std::tuple<Tensor, Tensor> _weight_norm_interface(const Tensor& v, const Tensor& g, int64_t dim) {
  WICK_CHECK(v.dim() > 0 && (dim == 0 || dim == v.dim() - 1),
             "fused kernels can only be applied for first or last dim");
  WICK_CHECK(is_floating_type(v.scalar_type()), "\"weight_norm_kernel\" not implemented for '",
             v.scalar_type(), "'");
  Tensor w, norms;
  {
    autograd::NoGradGuard no_grad;
    Tensor vf = v.detach(), gf = g.detach();
    if (is_16bit(vf.scalar_type())) {
      vf = vf.to(kFloat);
      gf = gf.to(kFloat);
    }
    norms = norm_except_dim(vf, 2, dim);
    w = (vf * (gf / norms)).to(v.scalar_type());
  }
  if (autograd::compute_requires_grad(v, g)) {
    if (FormulaNode* n = autograd::record("WeightNormInterfaceBackward0", weight_norm_backward,
                                          {v, g}, {w}))
      n->save(v)->save(g)->save(norms)->keep_int(dim);
  }
  return {w, norms};
}

Tensor _weight_norm(const Tensor& v, const Tensor& g, int64_t dim) {
  WICK_CHECK(v.device() == g.device(), "weight_norm: expected v and g to be on the same device, "
             "but v is on ", v.device().str(), " and g is on ", g.device().str());
  if (v.dim() > 0 && (dim == 0 || dim == v.dim() - 1))
    return std::get<0>(_weight_norm_interface(v, g, dim));
  return v * (g / norm_except_dim(v, 2, dim));
}

// ---- one_hot -----------------------------------------------------------------------

Tensor one_hot(const Tensor& self, int64_t num_classes) {
  WICK_CHECK(self.scalar_type() == kLong, "one_hot is only applicable to index tensor.");
  if (self.numel() == 0) {
    WICK_CHECK(num_classes != -1, "Can not infer total number of classes from empty tensor.");
    DimVector s(self.sizes().begin(), self.sizes().end());
    s.push_back(num_classes);
    return zeros(s, TensorOptions(kLong));
  }
  WICK_CHECK(self.min().item().to<int64_t>() >= 0, "Class values must be non-negative.");
  const int64_t mx = self.max().item().to<int64_t>();
  if (num_classes == -1) {
    num_classes = mx + 1;
  } else {
    WICK_CHECK(num_classes > mx, "Class values must be smaller than num_classes.");
  }
  DimVector s(self.sizes().begin(), self.sizes().end());
  s.push_back(num_classes);
  return zeros(s, TensorOptions(kLong)).scatter_(-1, self.unsqueeze(-1), Scalar(1));
}

}  // namespace wick

// Normalisation layers: batch_norm, layer_norm, group_norm (fused one-pass
// statistics + affine kernels, parallel over channels / rows / groups, with
// fused first-order backward kernels), instance_norm, local_response_norm,
// normalize, cosine_similarity, pairwise_distance, cdist.
//
// Note [Norm backward]
// Each norm records one node (NativeBatchNormBackward0, ...). Its formula
// runs a fused kernel when grad mode is off (an ordinary backward); under
// create_graph it recomputes the statistics from the saved input with wick
// ops and writes the gradient as a composite, so the result is itself
// differentiable (double backward, gradgradcheck).
#include "wick/ops/norm.h"

#include <algorithm>
#include <array>
#include <limits>
#include <cmath>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

namespace norm_detail {

ScalarType compute_type(ScalarType t) {
  return (t == kHalf || t == kBFloat16) ? kFloat : t;
}

// The input as a contiguous tensor of its compute dtype (float for half/bfloat16).
Tensor prepared(const Tensor& t) {
  Tensor c = t.contiguous();
  ScalarType ct = compute_type(c.scalar_type());
  return ct == c.scalar_type() ? c : c.to(ct);
}

// A per-channel parameter as doubles (fill when undefined).
std::vector<double> as_doubles(const Tensor& t, int64_t n, double fill) {
  std::vector<double> v(static_cast<size_t>(n), fill);
  if (!t.defined()) return v;
  Tensor d = t.detach().to(kDouble).contiguous();
  const double* p = d.data_ptr<double>();
  std::copy(p, p + n, v.begin());
  return v;
}

Tensor from_doubles(const std::vector<double>& v, IntArrayRef sizes, ScalarType dtype) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, TensorOptions(kDouble));
  std::copy(v.begin(), v.end(), t.data_ptr<double>());
  return t.to(dtype).reshape(sizes);
}

// Sum and sum of squares of (p[i] - shift), i < n; 8 accumulators (the
// compiler vectorises them) per chunk, chunks combined in double.
template <typename T>
inline void shifted_sums(const T* p, int64_t n, T shift, double& s, double& ss) {
  constexpr int64_t kChunk = 2048;
  for (int64_t c0 = 0; c0 < n; c0 += kChunk) {
    const int64_t m = std::min(kChunk, n - c0);
    const T* q = p + c0;
    T a = 0, b = 0;
#pragma omp simd reduction(+ : a, b)
    for (int64_t i = 0; i < m; ++i) {
      T d = q[i] - shift;
      a += d;
      b += d * d;
    }
    s += a;
    ss += b;
  }
}

// Sum of g and of g * (x - mean) over n elements.
template <typename T>
inline void grad_sums(const T* g, const T* x, int64_t n, T mean, double& sg, double& sgx) {
  constexpr int64_t kChunk = 2048;
  for (int64_t c0 = 0; c0 < n; c0 += kChunk) {
    const int64_t m = std::min(kChunk, n - c0);
    const T* gq = g + c0;
    const T* xq = x + c0;
    T a = 0, b = 0;
#pragma omp simd reduction(+ : a, b)
    for (int64_t i = 0; i < m; ++i) {
      a += gq[i];
      b += gq[i] * (xq[i] - mean);
    }
    sg += a;
    sgx += b;
  }
}

int64_t grain_for(int64_t work_per_item) {
  return std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work_per_item, 1));
}

// Shape (1, C, 1, ...) for a per-channel vector broadcast over input.
DimVector channel_shape(const Tensor& input) {
  DimVector s(static_cast<size_t>(input.dim()), 1);
  s[1] = input.size(1);
  return s;
}

}  // namespace norm_detail

using namespace norm_detail;

// ---- batch_norm --------------------------------------------------------------------

namespace {

std::string shape_of(const Tensor& t) { return t.defined() ? str(t.sizes()) : std::string("[]"); }

void check_channel_vector(const Tensor& t, const char* name, int64_t C) {
  if (t.defined())
    WICK_CHECK(t.numel() == C, name, " should contain ", C, " elements not ", t.numel());
}

DimVector all_but_channel(int64_t ndim) {
  DimVector d;
  for (int64_t i = 0; i < ndim; ++i)
    if (i != 1) d.push_back(i);
  return d;
}

// Composite (differentiable) batch norm backward, Note [Norm backward].
variable_list bn_backward_composite(const Tensor& g, const Tensor& x, const Tensor& w,
                                    const Tensor& rm, const Tensor& rv, bool training,
                                    double eps, std::array<bool, 3> need) {
  DimVector dims = all_but_channel(x.dim());
  DimVector cs = channel_shape(x);
  Tensor mean, invstd;
  if (training) {
    mean = x.mean(dims, true);
    Tensor xc = x - mean;
    invstd = ((xc * xc).mean(dims, true) + Scalar(eps)).rsqrt();
  } else {
    mean = rm.reshape(cs);
    invstd = (rv.reshape(cs) + Scalar(eps)).rsqrt();
  }
  Tensor xhat = (x - mean) * invstd;
  Tensor gw = w.defined() ? g * w.reshape(cs) : g;
  Tensor gi, gwt, gb;
  if (need[0]) {
    if (training) {
      gi = invstd * (gw - gw.mean(dims, true) - xhat * (gw * xhat).mean(dims, true));
    } else {
      gi = gw * invstd;
    }
  }
  if (need[1]) gwt = (g * xhat).sum(dims);
  if (need[2]) gb = g.sum(dims);
  return {gi, gwt, gb};
}

template <typename T>
void bn_backward_kernel(const T* g, const T* x, T* gi, int64_t N, int64_t C, int64_t S,
                        const double* mean, const double* invstd, const double* w,
                        bool training, double* gw_out, double* gb_out) {
  const double cnt = static_cast<double>(N * S);
  parallel_for(0, C, grain_for(N * S), [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      double sg = 0, sgx = 0;
      const T m = static_cast<T>(mean[c]);
      for (int64_t n = 0; n < N; ++n) {
        const int64_t off = (n * C + c) * S;
        grad_sums(g + off, x + off, S, m, sg, sgx);
      }
      gw_out[c] = sgx * invstd[c];
      gb_out[c] = sg;
      if (gi == nullptr) continue;
      const double wi = w[c] * invstd[c];
      if (training) {
        // gi = (g - sg/cnt - (x - mean) * invstd^2 * sgx/cnt) * w * invstd
        const T k = static_cast<T>(invstd[c] * invstd[c] * sgx / cnt);
        const T gm = static_cast<T>(sg / cnt);
        const T wt = static_cast<T>(wi);
        for (int64_t n = 0; n < N; ++n) {
          const int64_t off = (n * C + c) * S;
          const T* gp = g + off;
          const T* xp = x + off;
          T* op = gi + off;
          for (int64_t i = 0; i < S; ++i) op[i] = (gp[i] - gm - (xp[i] - m) * k) * wt;
        }
      } else {
        const T wt = static_cast<T>(wi);
        for (int64_t n = 0; n < N; ++n) {
          const int64_t off = (n * C + c) * S;
          for (int64_t i = 0; i < S; ++i) gi[off + i] = g[off + i] * wt;
        }
      }
    }
  });
}

// Saved: 0 input, 1 weight, 2 running_mean, 3 running_var, 4 save_mean, 5 save_invstd.
variable_list batch_norm_backward(FormulaNode& n, const variable_list& grads) {
  Tensor x = n.saved(0), w = n.saved(1);
  const bool training = n.int_at(0) != 0;
  const double eps = n.scalar(0).to<double>();
  std::array<bool, 3> need{n.needs(0), n.needs(1), n.needs(2)};
  const Tensor& g = grads[0];
  if (autograd::GradMode::is_enabled())
    return bn_backward_composite(g, x, w, n.saved(2), n.saved(3), training, eps, need);
  const int64_t N = x.size(0), C = x.size(1), S = x.numel() / std::max<int64_t>(N * C, 1);
  std::vector<double> mean, invstd;
  if (training) {
    mean = as_doubles(n.saved(4), C, 0);
    invstd = as_doubles(n.saved(5), C, 0);
  } else {
    mean = as_doubles(n.saved(2), C, 0);
    invstd = as_doubles(n.saved(3), C, 0);
    for (double& v : invstd) v = 1.0 / std::sqrt(v + eps);
  }
  std::vector<double> wv = as_doubles(w, C, 1.0), gw(C), gb(C);
  Tensor xc = prepared(x), gc = prepared(g);
  Tensor gi = need[0] ? empty(xc.sizes(), xc.options()) : Tensor();
  WICK_DISPATCH_FLOATING_TYPES(xc.scalar_type(), "batch_norm_backward", [&] {
    bn_backward_kernel<scalar_t>(gc.data_ptr<scalar_t>(), xc.data_ptr<scalar_t>(),
                                 need[0] ? gi.data_ptr<scalar_t>() : nullptr, N, C, S,
                                 mean.data(), invstd.data(), wv.data(), training, gw.data(),
                                 gb.data());
  });
  Tensor gwt, gbt;
  ScalarType pt = w.defined() ? w.scalar_type() : xc.scalar_type();
  if (need[1]) gwt = from_doubles(gw, {C}, pt);
  if (need[2]) gbt = from_doubles(gb, {C}, pt);
  return {gi, gwt, gbt};
}

template <typename T>
void bn_stats_kernel(const T* x, int64_t N, int64_t C, int64_t S, double* mean, double* var) {
  const double cnt = static_cast<double>(N * S);
  parallel_for(0, C, grain_for(N * S), [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      const T shift = x[c * S];
      double s = 0, ss = 0;
      for (int64_t n = 0; n < N; ++n) shifted_sums(x + (n * C + c) * S, S, shift, s, ss);
      const double m = s / cnt;
      mean[c] = static_cast<double>(shift) + m;
      var[c] = std::max(ss / cnt - m * m, 0.0);
    }
  });
}

template <typename T>
void channel_affine_kernel(const T* x, T* out, int64_t N, int64_t C, int64_t S,
                           const double* scale, const double* shift) {
  parallel_for(0, N * C, grain_for(S), [&](int64_t b, int64_t e) {
    for (int64_t nc = b; nc < e; ++nc) {
      const int64_t c = nc % C;
      const T a = static_cast<T>(scale[c]), s = static_cast<T>(shift[c]);
      const T* xp = x + nc * S;
      T* op = out + nc * S;
      for (int64_t i = 0; i < S; ++i) op[i] = xp[i] * a + s;
    }
  });
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> native_batch_norm(const Tensor& input, const Tensor& weight,
                                                     const Tensor& bias,
                                                     const Tensor& running_mean,
                                                     const Tensor& running_var, bool training,
                                                     double momentum, double eps) {
  WICK_CHECK(input.defined(), "batch_norm(): input is undefined");
  WICK_CHECK(is_floating_type(input.scalar_type()),
             "\"batch_norm\" not implemented for '", to_string(input.scalar_type()), "'");
  const int64_t C = input.size(1);
  check_channel_vector(weight, "weight", C);
  check_channel_vector(bias, "bias", C);
  if (!training) {
    WICK_CHECK(running_mean.defined(), "running_mean must be defined in evaluation mode");
    WICK_CHECK(running_var.defined(), "running_var must be defined in evaluation mode");
  }
  check_channel_vector(running_mean, "running_mean", C);
  check_channel_vector(running_var, "running_var", C);
  const int64_t N = input.size(0);
  const int64_t S = input.numel() / std::max<int64_t>(N * C, 1);
  Tensor out, save_mean, save_invstd;
  {
    autograd::NoGradGuard no_grad;
    Tensor x = prepared(input);
    ScalarType ct = x.scalar_type();
    std::vector<double> mean(C, 0.0), var(C, 0.0);
    if (training) {
      if (input.numel() > 0) {
        WICK_DISPATCH_FLOATING_TYPES(ct, "batch_norm", [&] {
          bn_stats_kernel<scalar_t>(x.data_ptr<scalar_t>(), N, C, S, mean.data(), var.data());
        });
      } else {
        std::fill(mean.begin(), mean.end(), std::nan(""));
        std::fill(var.begin(), var.end(), std::nan(""));
      }
    } else {
      mean = as_doubles(running_mean, C, 0);
      var = as_doubles(running_var, C, 1);
    }
    std::vector<double> invstd(C), scale(C), shift(C);
    std::vector<double> w = as_doubles(weight, C, 1.0), b = as_doubles(bias, C, 0.0);
    for (int64_t c = 0; c < C; ++c) {
      invstd[c] = 1.0 / std::sqrt(var[c] + eps);
      scale[c] = w[c] * invstd[c];
      shift[c] = b[c] - mean[c] * scale[c];
    }
    out = empty(x.sizes(), x.options());
    if (input.numel() > 0) {
      WICK_DISPATCH_FLOATING_TYPES(ct, "batch_norm", [&] {
        channel_affine_kernel<scalar_t>(x.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), N, C,
                                        S, scale.data(), shift.data());
      });
    }
    if (out.scalar_type() != input.scalar_type()) out = out.to(input.scalar_type());
    if (training) {
      save_mean = from_doubles(mean, {C}, ct);
      save_invstd = from_doubles(invstd, {C}, ct);
      const double cnt = static_cast<double>(N * S);
      if (running_mean.defined()) {
        std::vector<double> rm = as_doubles(running_mean, C, 0);
        for (int64_t c = 0; c < C; ++c) rm[c] = momentum * mean[c] + (1 - momentum) * rm[c];
        Tensor rmt = running_mean;
        rmt.copy_(from_doubles(rm, running_mean.sizes(), running_mean.scalar_type()));
      }
      if (running_var.defined()) {
        std::vector<double> rv = as_doubles(running_var, C, 0);
        const double unbias = cnt > 1 ? cnt / (cnt - 1) : std::numeric_limits<double>::infinity();
        for (int64_t c = 0; c < C; ++c)
          rv[c] = momentum * var[c] * unbias + (1 - momentum) * rv[c];
        Tensor rvt = running_var;
        rvt.copy_(from_doubles(rv, running_var.sizes(), running_var.scalar_type()));
      }
    } else {
      save_mean = empty({0}, TensorOptions(ct));
      save_invstd = empty({0}, TensorOptions(ct));
    }
  }
  if (autograd::compute_requires_grad(input, weight, bias)) {
    if (FormulaNode* n = autograd::record("NativeBatchNormBackward0", batch_norm_backward,
                                          {input, weight, bias}, {out})) {
      n->save(input)->save(weight);
      n->save(training ? Tensor() : running_mean)->save(training ? Tensor() : running_var);
      n->save(save_mean)->save(save_invstd)->keep_int(training)->keep(Scalar(eps));
    }
  }
  return {out, save_mean, save_invstd};
}

Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                  const Tensor& running_mean, const Tensor& running_var, bool training,
                  double momentum, double eps, bool cudnn_enabled) {
  return std::get<0>(
      native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps));
}

// ---- layer_norm --------------------------------------------------------------------

namespace {

template <typename T>
void row_stats_kernel(const T* x, int64_t M, int64_t D, double eps, double* mean, double* rstd) {
  parallel_for(0, M, grain_for(D), [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const T* p = x + r * D;
      const T shift = p[0];
      double s = 0, ss = 0;
      shifted_sums(p, D, shift, s, ss);
      const double m = s / static_cast<double>(D);
      mean[r] = static_cast<double>(shift) + m;
      rstd[r] = 1.0 / std::sqrt(std::max(ss / static_cast<double>(D) - m * m, 0.0) + eps);
    }
  });
}

template <typename T>
void layer_norm_kernel(const T* x, T* out, int64_t M, int64_t D, const T* w, const T* b,
                       double eps, double* mean, double* rstd) {
  parallel_for(0, M, grain_for(D), [&](int64_t rb, int64_t re) {
    for (int64_t r = rb; r < re; ++r) {
      const T* p = x + r * D;
      const T shift = p[0];
      double s = 0, ss = 0;
      shifted_sums(p, D, shift, s, ss);
      const double m = s / static_cast<double>(D);
      const double mu = static_cast<double>(shift) + m;
      const double rs = 1.0 / std::sqrt(std::max(ss / static_cast<double>(D) - m * m, 0.0) + eps);
      mean[r] = mu;
      rstd[r] = rs;
      const T a = static_cast<T>(rs), c = static_cast<T>(-mu * rs);
      T* o = out + r * D;
      if (w && b) {
        for (int64_t j = 0; j < D; ++j) o[j] = (p[j] * a + c) * w[j] + b[j];
      } else if (w) {
        for (int64_t j = 0; j < D; ++j) o[j] = (p[j] * a + c) * w[j];
      } else if (b) {
        for (int64_t j = 0; j < D; ++j) o[j] = (p[j] * a + c) + b[j];
      } else {
        for (int64_t j = 0; j < D; ++j) o[j] = p[j] * a + c;
      }
    }
  });
}

template <typename T>
void layer_norm_backward_kernel(const T* g, const T* x, const T* w, const double* mean,
                                const double* rstd, int64_t M, int64_t D, T* gi, T* gw, T* gb) {
  if (gi != nullptr) {
    parallel_for(0, M, grain_for(D), [&](int64_t rb, int64_t re) {
      std::vector<T> gw_row;
      for (int64_t r = rb; r < re; ++r) {
        const T* gp = g + r * D;
        const T* xp = x + r * D;
        const T mu = static_cast<T>(mean[r]), rs = static_cast<T>(rstd[r]);
        // a = sum(g w), c = sum(g w xhat)
        double a = 0, c = 0;
        if (w) {
          std::vector<T>& tmp = gw_row;
          tmp.resize(static_cast<size_t>(D));
          for (int64_t j = 0; j < D; ++j) tmp[j] = gp[j] * w[j];
          grad_sums(tmp.data(), xp, D, mu, a, c);
        } else {
          grad_sums(gp, xp, D, mu, a, c);
        }
        c *= rstd[r];
        const T am = static_cast<T>(a / static_cast<double>(D));
        const T cm = static_cast<T>(c / static_cast<double>(D) * rstd[r]);
        T* o = gi + r * D;
        const T* gwp = w ? gw_row.data() : gp;
        for (int64_t k = 0; k < D; ++k) o[k] = rs * (gwp[k] - am - (xp[k] - mu) * cm);
      }
    });
  }
  if (gw == nullptr && gb == nullptr) return;
  // Column sums: each thread owns a block of columns and walks the rows.
  parallel_for(0, D, std::max<int64_t>(16, grain_for(M)), [&](int64_t cb, int64_t ce) {
    const int64_t len = ce - cb;
    std::vector<double> sw(static_cast<size_t>(len), 0.0), sb(static_cast<size_t>(len), 0.0);
    std::vector<T> tw(static_cast<size_t>(len)), tb(static_cast<size_t>(len));
    constexpr int64_t kRows = 64;
    for (int64_t r0 = 0; r0 < M; r0 += kRows) {
      std::fill(tw.begin(), tw.end(), T(0));
      std::fill(tb.begin(), tb.end(), T(0));
      const int64_t r1 = std::min(M, r0 + kRows);
      for (int64_t r = r0; r < r1; ++r) {
        const T* gp = g + r * D + cb;
        const T* xp = x + r * D + cb;
        const T mu = static_cast<T>(mean[r]), rs = static_cast<T>(rstd[r]);
        for (int64_t j = 0; j < len; ++j) {
          tw[j] += gp[j] * (xp[j] - mu) * rs;
          tb[j] += gp[j];
        }
      }
      for (int64_t j = 0; j < len; ++j) {
        sw[j] += tw[j];
        sb[j] += tb[j];
      }
    }
    for (int64_t j = 0; j < len; ++j) {
      if (gw) gw[cb + j] = static_cast<T>(sw[j]);
      if (gb) gb[cb + j] = static_cast<T>(sb[j]);
    }
  });
}

// Saved: 0 input, 1 weight, 2 mean, 3 rstd; ints: 0 normalized ndim; scalars: 0 eps.
variable_list layer_norm_backward(FormulaNode& n, const variable_list& grads) {
  Tensor x = n.saved(0), w = n.saved(1);
  const int64_t k = n.int_at(0);
  const double eps = n.scalar(0).to<double>();
  const Tensor& g = grads[0];
  const int64_t axis = x.dim() - k;
  if (autograd::GradMode::is_enabled()) {
    DimVector nd, lead;
    for (int64_t i = 0; i < x.dim(); ++i) (i >= axis ? nd : lead).push_back(i);
    Tensor mean = x.mean(nd, true);
    Tensor xc = x - mean;
    Tensor rstd = ((xc * xc).mean(nd, true) + Scalar(eps)).rsqrt();
    Tensor xhat = xc * rstd;
    Tensor gw = w.defined() ? g * w : g;
    Tensor gi, gwt, gb;
    if (n.needs(0)) gi = rstd * (gw - gw.mean(nd, true) - xhat * (gw * xhat).mean(nd, true));
    if (n.needs(1)) gwt = lead.empty() ? g * xhat : (g * xhat).sum(lead);
    if (n.needs(2)) gb = lead.empty() ? g : g.sum(lead);
    return {gi, gwt, gb};
  }
  const int64_t D = multiply_integers(x.sizes().slice(axis));
  const int64_t M = D == 0 ? 0 : x.numel() / D;
  Tensor xc = prepared(x), gc = prepared(g);
  Tensor wc = w.defined() ? w.contiguous().to(xc.scalar_type()) : Tensor();
  std::vector<double> mean = as_doubles(n.saved(2), M, 0), rstd = as_doubles(n.saved(3), M, 0);
  Tensor gi = n.needs(0) ? empty(xc.sizes(), xc.options()) : Tensor();
  Tensor gwt = n.needs(1) ? empty(w.sizes(), xc.options()) : Tensor();
  Tensor gbt = n.needs(2) ? empty(w.defined() ? w.sizes() : x.sizes().slice(axis), xc.options())
                          : Tensor();
  if (M == 0) {
    if (gwt.defined()) gwt.zero_();
    if (gbt.defined()) gbt.zero_();
    return {gi, gwt, gbt};
  }
  WICK_DISPATCH_FLOATING_TYPES(xc.scalar_type(), "layer_norm_backward", [&] {
    layer_norm_backward_kernel<scalar_t>(
        gc.data_ptr<scalar_t>(), xc.data_ptr<scalar_t>(),
        wc.defined() ? wc.data_ptr<scalar_t>() : nullptr, mean.data(), rstd.data(), M, D,
        gi.defined() ? gi.data_ptr<scalar_t>() : nullptr,
        gwt.defined() ? gwt.data_ptr<scalar_t>() : nullptr,
        gbt.defined() ? gbt.data_ptr<scalar_t>() : nullptr);
  });
  return {gi, gwt, gbt};
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> native_layer_norm(const Tensor& input,
                                                     IntArrayRef normalized_shape,
                                                     const Tensor& weight, const Tensor& bias,
                                                     double eps) {
  const int64_t k = static_cast<int64_t>(normalized_shape.size());
  WICK_CHECK(k >= 1,
             "Expected normalized_shape to be at least 1-dimensional, i.e., containing at "
             "least one element, but got normalized_shape = ",
             normalized_shape);
  WICK_CHECK(!weight.defined() || weight.sizes() == normalized_shape,
             "Expected weight to be of same shape as normalized_shape, but got weight of shape ",
             shape_of(weight), " and normalized_shape = ",
             normalized_shape);
  WICK_CHECK(!bias.defined() || bias.sizes() == normalized_shape,
             "Expected bias to be of same shape as normalized_shape, but got bias of shape ",
             shape_of(bias), " and normalized_shape = ",
             normalized_shape);
  const int64_t nd = input.dim();
  bool ok = nd >= k;
  for (int64_t i = 0; ok && i < k; ++i) ok = input.size(nd - k + i) == normalized_shape[i];
  WICK_CHECK(ok, "Given normalized_shape=", normalized_shape, ", expected input with shape [*",
             [&] {
               std::string s;
               for (int64_t v : normalized_shape) s += ", " + std::to_string(v);
               return s;
             }(),
             "], but got input of size", input.sizes());
  WICK_CHECK(is_floating_type(input.scalar_type()),
             "\"LayerNormKernelImpl\" not implemented for '", to_string(input.scalar_type()), "'");
  const int64_t axis = nd - k;
  const int64_t D = multiply_integers(normalized_shape);
  const int64_t M = multiply_integers(input.sizes().slice(0, axis));
  DimVector stat_shape(input.sizes().begin(), input.sizes().begin() + axis);
  for (int64_t i = 0; i < k; ++i) stat_shape.push_back(1);
  Tensor out, mean_t, rstd_t;
  {
    autograd::NoGradGuard no_grad;
    Tensor x = prepared(input);
    ScalarType ct = x.scalar_type();
    Tensor w = weight.defined() ? weight.contiguous().to(ct) : Tensor();
    Tensor b = bias.defined() ? bias.contiguous().to(ct) : Tensor();
    std::vector<double> mean(static_cast<size_t>(M)), rstd(static_cast<size_t>(M));
    out = empty(x.sizes(), x.options());
    if (M > 0 && D > 0) {
      WICK_DISPATCH_FLOATING_TYPES(ct, "layer_norm", [&] {
        layer_norm_kernel<scalar_t>(x.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), M, D,
                                    w.defined() ? w.data_ptr<scalar_t>() : nullptr,
                                    b.defined() ? b.data_ptr<scalar_t>() : nullptr, eps,
                                    mean.data(), rstd.data());
      });
    } else if (D == 0) {
      std::fill(mean.begin(), mean.end(), std::nan(""));
      std::fill(rstd.begin(), rstd.end(), std::nan(""));
    }
    mean_t = from_doubles(mean, stat_shape, ct);
    rstd_t = from_doubles(rstd, stat_shape, ct);
    if (out.scalar_type() != input.scalar_type()) out = out.to(input.scalar_type());
  }
  if (autograd::compute_requires_grad(input, weight, bias)) {
    if (FormulaNode* n = autograd::record("NativeLayerNormBackward0", layer_norm_backward,
                                          {input, weight, bias}, {out}))
      n->save(input)->save(weight)->save(mean_t)->save(rstd_t)->keep_int(k)->keep(Scalar(eps));
  }
  return {out, mean_t, rstd_t};
}

Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape, const Tensor& weight,
                  const Tensor& bias, double eps, bool cudnn_enable) {
  return std::get<0>(native_layer_norm(input, normalized_shape, weight, bias, eps));
}

// ---- group_norm --------------------------------------------------------------------

namespace {

template <typename T>
void group_norm_kernel(const T* x, T* out, int64_t N, int64_t C, int64_t S, int64_t G,
                       const double* w, const double* b, double eps, double* mean,
                       double* rstd) {
  const int64_t cpg = C / G;
  const int64_t D = cpg * S;
  parallel_for(0, N * G, grain_for(D), [&](int64_t rb, int64_t re) {
    for (int64_t r = rb; r < re; ++r) {
      const T* p = x + r * D;
      double mu = std::nan(""), rs = std::nan("");
      if (D > 0) {
        const T shift = p[0];
        double s = 0, ss = 0;
        shifted_sums(p, D, shift, s, ss);
        const double m = s / static_cast<double>(D);
        mu = static_cast<double>(shift) + m;
        rs = 1.0 / std::sqrt(std::max(ss / static_cast<double>(D) - m * m, 0.0) + eps);
      }
      mean[r] = mu;
      rstd[r] = rs;
      const int64_t g = r % G;
      for (int64_t ci = 0; ci < cpg; ++ci) {
        const int64_t c = g * cpg + ci;
        const double sc = w[c] * rs;
        const T a = static_cast<T>(sc), sh = static_cast<T>(b[c] - mu * sc);
        const T* xp = p + ci * S;
        T* o = out + r * D + ci * S;
        for (int64_t i = 0; i < S; ++i) o[i] = xp[i] * a + sh;
      }
    }
  });
}

template <typename T>
void group_norm_backward_kernel(const T* g, const T* x, int64_t N, int64_t C, int64_t S,
                                int64_t G, const double* w, const double* mean,
                                const double* rstd, T* gi, double* sg_nc, double* sgx_nc) {
  const int64_t cpg = C / G;
  const int64_t D = cpg * S;
  parallel_for(0, N * G, grain_for(D), [&](int64_t rb, int64_t re) {
    for (int64_t r = rb; r < re; ++r) {
      const int64_t n = r / G, grp = r % G;
      const T mu = static_cast<T>(mean[r]);
      double a = 0, cc = 0;
      for (int64_t ci = 0; ci < cpg; ++ci) {
        const int64_t c = grp * cpg + ci;
        double sg = 0, sgx = 0;
        grad_sums(g + r * D + ci * S, x + r * D + ci * S, S, mu, sg, sgx);
        sg_nc[n * C + c] = sg;
        sgx_nc[n * C + c] = sgx;
        a += w[c] * sg;
        cc += w[c] * sgx;
      }
      if (gi == nullptr) continue;
      const double rs = rstd[r];
      const T am = static_cast<T>(a / static_cast<double>(D));
      const T k = static_cast<T>(rs * rs * cc / static_cast<double>(D));
      for (int64_t ci = 0; ci < cpg; ++ci) {
        const int64_t c = grp * cpg + ci;
        const T wc = static_cast<T>(w[c]), rt = static_cast<T>(rs);
        const T* gp = g + r * D + ci * S;
        const T* xp = x + r * D + ci * S;
        T* o = gi + r * D + ci * S;
        for (int64_t i = 0; i < S; ++i) o[i] = rt * (gp[i] * wc - am - (xp[i] - mu) * k);
      }
    }
  });
}

// Saved: 0 input, 1 weight, 2 mean, 3 rstd; ints: 0 N, 1 C, 2 HxW, 3 group; scalars: 0 eps.
variable_list group_norm_backward(FormulaNode& n, const variable_list& grads) {
  Tensor x = n.saved(0), w = n.saved(1);
  const int64_t N = n.int_at(0), C = n.int_at(1), G = n.int_at(3);
  const double eps = n.scalar(0).to<double>();
  const Tensor& g = grads[0];
  if (!autograd::GradMode::is_enabled() && N > 0) {
    const int64_t S = n.int_at(2);
    std::vector<double> wv = as_doubles(w, C, 1.0);
    std::vector<double> mean = as_doubles(n.saved(2), N * G, 0),
                        rstd = as_doubles(n.saved(3), N * G, 0);
    std::vector<double> sg(static_cast<size_t>(N * C)), sgx(static_cast<size_t>(N * C));
    Tensor xc = prepared(x), gc = prepared(g);
    Tensor gi = n.needs(0) ? empty(xc.sizes(), xc.options()) : Tensor();
    WICK_DISPATCH_FLOATING_TYPES(xc.scalar_type(), "group_norm_backward", [&] {
      group_norm_backward_kernel<scalar_t>(gc.data_ptr<scalar_t>(), xc.data_ptr<scalar_t>(), N,
                                           C, S, G, wv.data(), mean.data(), rstd.data(),
                                           gi.defined() ? gi.data_ptr<scalar_t>() : nullptr,
                                           sg.data(), sgx.data());
    });
    std::vector<double> gw(static_cast<size_t>(C), 0.0), gb(static_cast<size_t>(C), 0.0);
    for (int64_t i = 0; i < N; ++i)
      for (int64_t c = 0; c < C; ++c) {
        gw[c] += sgx[i * C + c] * rstd[i * G + c / (C / G)];
        gb[c] += sg[i * C + c];
      }
    ScalarType pt = w.defined() ? w.scalar_type() : xc.scalar_type();
    return {gi, n.needs(1) ? from_doubles(gw, {C}, pt) : Tensor(),
            n.needs(2) ? from_doubles(gb, {C}, pt) : Tensor()};
  }
  Tensor xg = x.reshape({N, G, -1});
  Tensor mean = xg.mean({2}, true);
  Tensor xc = xg - mean;
  Tensor rstd = ((xc * xc).mean({2}, true) + Scalar(eps)).rsqrt();
  Tensor xhat = (xc * rstd).reshape(x.sizes());
  DimVector cs(static_cast<size_t>(x.dim()), 1);
  if (x.dim() > 1) cs[1] = C;
  DimVector dims = all_but_channel(x.dim());
  Tensor gi, gwt, gb;
  if (n.needs(0)) {
    Tensor gw = w.defined() ? g * w.reshape(cs) : g;
    Tensor gwg = gw.reshape({N, G, -1});
    Tensor xh = xhat.reshape({N, G, -1});
    gi = (rstd * (gwg - gwg.mean({2}, true) - xh * (gwg * xh).mean({2}, true)))
             .reshape(x.sizes());
  }
  if (n.needs(1)) gwt = (g * xhat).sum(dims);
  if (n.needs(2)) gb = g.sum(dims);
  return {gi, gwt, gb};
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> native_group_norm(const Tensor& input, const Tensor& weight,
                                                     const Tensor& bias, int64_t N, int64_t C,
                                                     int64_t HxW, int64_t group, double eps) {
  WICK_CHECK(group > 0 && C % group == 0,
             "Expected number of channels in input to be divisible by num_groups, but got input "
             "of shape ",
             input.sizes(), " and num_groups=", group);
  WICK_CHECK(!weight.defined() || (weight.dim() == 1 && weight.numel() == C),
             "Expected weight to be a vector of size equal to the number of channels in input, "
             "but got weight of shape ",
             shape_of(weight), " and input of shape ",
             input.sizes());
  WICK_CHECK(!bias.defined() || (bias.dim() == 1 && bias.numel() == C),
             "Expected bias to be a vector of size equal to the number of channels in input, "
             "but got bias of shape ",
             shape_of(bias), " and input of shape ", input.sizes());
  WICK_CHECK(input.numel() == N * C * HxW, "Expected input of ", N * C * HxW,
             " elements, but got ", input.numel());
  WICK_CHECK(is_floating_type(input.scalar_type()),
             "\"GroupNormKernelImpl\" not implemented for '", to_string(input.scalar_type()),
             "'");
  Tensor out, mean_t, rstd_t;
  {
    autograd::NoGradGuard no_grad;
    Tensor x = prepared(input);
    ScalarType ct = x.scalar_type();
    std::vector<double> w = as_doubles(weight, C, 1.0), b = as_doubles(bias, C, 0.0);
    std::vector<double> mean(static_cast<size_t>(N * group)), rstd(static_cast<size_t>(N * group));
    out = empty(x.sizes(), x.options());
    if (N > 0) {
      WICK_DISPATCH_FLOATING_TYPES(ct, "group_norm", [&] {
        group_norm_kernel<scalar_t>(x.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), N, C, HxW,
                                    group, w.data(), b.data(), eps, mean.data(), rstd.data());
      });
    }
    mean_t = from_doubles(mean, {N, group}, ct);
    rstd_t = from_doubles(rstd, {N, group}, ct);
    if (out.scalar_type() != input.scalar_type()) out = out.to(input.scalar_type());
  }
  if (autograd::compute_requires_grad(input, weight, bias)) {
    if (FormulaNode* n = autograd::record("NativeGroupNormBackward0", group_norm_backward,
                                          {input, weight, bias}, {out}))
      n->save(input)->save(weight)->save(mean_t)->save(rstd_t)->keep_int(N)->keep_int(C)->keep_int(HxW)->keep_int(group)->keep(
          Scalar(eps));
  }
  return {out, mean_t, rstd_t};
}

Tensor group_norm(const Tensor& input, int64_t num_groups, const Tensor& weight,
                  const Tensor& bias, double eps, bool cudnn_enabled) {
  WICK_CHECK(input.dim() >= 2, "Expected at least 2 dimensions for input tensor but received ",
             input.dim());
  const int64_t N = input.size(0), C = input.size(1);
  const int64_t HxW = N * C == 0 ? 1 : input.numel() / (N * C);
  return std::get<0>(native_group_norm(input, weight, bias, N, C, HxW, num_groups, eps));
}

// ---- instance_norm -----------------------------------------------------------------
// As PyTorch: batch norm of the input seen as (1, N*C, ...), with the
// per-channel tensors repeated N times; the running stats get the batch mean.

Tensor instance_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                     const Tensor& running_mean, const Tensor& running_var, bool use_input_stats,
                     double momentum, double eps, bool cudnn_enabled) {
  WICK_CHECK(use_input_stats || (running_mean.defined() && running_var.defined()),
             "Expected running_mean and running_var to be defined when use_input_stats is false");
  WICK_CHECK(input.dim() >= 2, "Expected at least 2 dimensions for input tensor but received ",
             input.dim());
  const int64_t N = input.size(0), C = input.size(1);
  DimVector shape(input.sizes().begin(), input.sizes().end());
  DimVector shape2 = shape;
  shape2[0] = 1;
  shape2[1] = N * C;
  Tensor w = weight.defined() ? weight.repeat({N}) : Tensor();
  Tensor b = bias.defined() ? bias.repeat({N}) : Tensor();
  Tensor rm = running_mean.defined() ? running_mean.repeat({N}) : Tensor();
  Tensor rv = running_var.defined() ? running_var.repeat({N}) : Tensor();
  Tensor out = batch_norm(input.contiguous().view(shape2), w, b, rm, rv, use_input_stats,
                          momentum, eps, cudnn_enabled);
  if (use_input_stats) {
    autograd::NoGradGuard no_grad;
    if (running_mean.defined()) {
      Tensor t = running_mean;
      t.copy_(rm.view({N, C}).mean({0}, false));
    }
    if (running_var.defined()) {
      Tensor t = running_var;
      t.copy_(rv.view({N, C}).mean({0}, false));
    }
  }
  return out.view(shape);
}

// ---- local_response_norm and distances (composites) ---------------------------------

Tensor local_response_norm(const Tensor& input, int64_t size, double alpha, double beta,
                           double k) {
  const int64_t dim = input.dim();
  WICK_CHECK_T(ValueError, dim >= 3, "Expected 3D or higher dimensionality input (got ", dim,
               " dimensions)");
  if (input.numel() == 0) return input;
  const int64_t C = input.size(1);
  Tensor sq = input * input;
  DimVector zs(input.sizes().begin(), input.sizes().end());
  const int64_t front = size / 2, back = (size - 1) / 2;
  std::vector<Tensor> parts;
  if (front > 0) {
    zs[1] = front;
    parts.push_back(zeros(zs, sq.options()));
  }
  parts.push_back(sq);
  if (back > 0) {
    zs[1] = back;
    parts.push_back(zeros(zs, sq.options()));
  }
  Tensor padded = parts.size() == 1 ? sq : cat(parts, 1);
  // Window sum over the channel dim of the zero-padded squares.
  const int64_t span = padded.size(1) - C + 1;  // number of windows positions = C
  Tensor div;
  const int64_t win = std::min<int64_t>(size, padded.size(1));
  for (int64_t i = 0; i < win; ++i) {
    if (i + C > padded.size(1)) break;
    Tensor s = padded.narrow(1, i, C);
    div = div.defined() ? div + s : s;
  }
  (void)span;
  div = div / Scalar(static_cast<double>(size));
  div = (div * Scalar(alpha) + Scalar(k)).pow(Scalar(beta));
  return input / div;
}

Tensor normalize(const Tensor& input, double p, int64_t dim, double eps) {
  Tensor denom = input.norm(Scalar(p), {dim}, true).clamp_min(Scalar(eps)).expand_as(input);
  return input / denom;
}

Tensor cosine_similarity(const Tensor& x1, const Tensor& x2, int64_t dim, double eps) {
  auto sizes = infer_size(x1.sizes(), x2.sizes());
  Tensor a = x1.expand(sizes), b = x2.expand(sizes);
  const int64_t d = maybe_wrap_dim(dim, static_cast<int64_t>(sizes.size()));
  Tensor na = a.norm(Scalar(2), {d}, true).clamp_min(Scalar(eps));
  Tensor nb = b.norm(Scalar(2), {d}, true).clamp_min(Scalar(eps));
  return ((a / na) * (b / nb)).sum({d});
}

Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, double p, double eps,
                         bool keepdim) {
  const int64_t out_dim = std::max(x1.dim(), x2.dim());
  if (out_dim == 0) return (x1 - x2 + Scalar(eps)).abs();
  return (x1 - x2 + Scalar(eps)).norm(Scalar(p), {out_dim - 1}, keepdim);
}

Tensor cdist(const Tensor& x1, const Tensor& x2, double p) {
  WICK_CHECK(x1.dim() >= 2, "cdist only supports at least 2D tensors, X1 got: ", x1.dim(), "D");
  WICK_CHECK(x2.dim() >= 2, "cdist only supports at least 2D tensors, X2 got: ", x2.dim(), "D");
  WICK_CHECK(x1.size(-1) == x2.size(-1),
             "X1 and X2 must have the same number of columns. X1: ", x1.size(-1),
             " X2: ", x2.size(-1));
  return (x1.unsqueeze(-2) - x2.unsqueeze(-3)).norm(Scalar(p), {-1}, false);
}

}  // namespace wick

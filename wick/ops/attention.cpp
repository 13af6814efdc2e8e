// scaled_dot_product_attention: a fused CPU forward (one batched GEMM for the
// scores, one pass per row that adds the mask / causal pattern and takes the
// softmax in place, one batched GEMM with the values) and an exact backward.
// The backward formula reuses the saved softmax weights; under create_graph it
// recomputes them with differentiable wick ops so double backward is exact too.
#include "wick/ops/attention.h"

#include <cmath>
#include <limits>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/blas.h"
#include "wick/kernels/cpu/vec_math.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"
#include "wick/ops/index.h"
#include "wick/ops/linalg.h"
#include "wick/ops/loss.h"
#include "wick/ops/shape.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

namespace {

bool is_low(ScalarType t) { return t == kHalf || t == kBFloat16; }

void check_sdpa_inputs(const Tensor& q, const Tensor& k, const Tensor& v,
                       const std::optional<Tensor>& mask, double dropout_p, bool is_causal) {
  WICK_CHECK(q.defined() && k.defined() && v.defined(),
             "scaled_dot_product_attention: query, key and value must be defined");
  WICK_CHECK(q.dtype() == k.dtype() && q.dtype() == v.dtype(),
             "Expected query, key, and value to have the same dtype, but got query.dtype: ",
             to_string(q.dtype()), " key.dtype: ", to_string(k.dtype()),
             " and value.dtype: ", to_string(v.dtype()), " instead.");
  WICK_CHECK(q.device() == k.device() && q.device() == v.device(),
             "Expected query, key, and value to have the same device type, but got query.device: ",
             q.device(), " key.device: ", k.device(), " and value.device: ", v.device(),
             " instead.");
  WICK_CHECK(q.dim() >= 2 && k.dim() >= 2 && v.dim() >= 2,
             "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: ",
             q.dim(), " key.dim: ", k.dim(), " and value.dim: ", v.dim(), " instead.");
  if (mask && mask->defined()) {
    const ScalarType mt = mask->dtype();
    WICK_CHECK(mt == kBool || mt == kFloat || mt == q.dtype(),
               "Expected attn_mask dtype to be bool or float or to match query dtype, but got "
               "attn_mask.dtype: ",
               to_string(mt), " and  query.dtype: ", to_string(q.dtype()), " instead.");
  }
  WICK_CHECK(is_floating_type(q.dtype()), "scaled_dot_product_attention: expected a floating point "
             "query, key and value, but got ", to_string(q.dtype()));
  if (is_causal)
    WICK_CHECK(!(mask && mask->defined()),
               "_scaled_dot_product_attention: Explicit attn_mask should not be set when "
               "is_causal=True");
  WICK_CHECK(dropout_p >= 0 && dropout_p <= 1,
             "dropout probability has to be between 0 and 1, but got ", dropout_p);
  WICK_CHECK(q.size(-1) == k.size(-1),
             "scaled_dot_product_attention: expected query and key to have the same last "
             "dimension, but got query.size(-1): ", q.size(-1), " and key.size(-1): ", k.size(-1));
  WICK_CHECK(k.size(-2) == v.size(-2),
             "scaled_dot_product_attention: expected key and value to have the same sequence "
             "length, but got key.size(-2): ", k.size(-2), " and value.size(-2): ", v.size(-2));
}

DimVector batch_of(const Tensor& t) {
  return DimVector(t.sizes().begin(), t.sizes().end() - 2);
}

DimVector with_tail(const DimVector& batch, int64_t a, int64_t b) {
  DimVector s = batch;
  s.push_back(a);
  s.push_back(b);
  return s;
}

// The additive mask (bool -> 0 / -inf, float -> as is, causal -> tril pattern)
// built with differentiable ops; used by the create_graph backward.
Tensor additive_bias(const Tensor& mask, bool causal, int64_t L, int64_t S, ScalarType ct) {
  if (causal) {
    Tensor allowed = ones({L, S}, TensorOptions(kBool)).tril();
    return zeros({L, S}, TensorOptions(ct))
        .masked_fill(allowed.logical_not(), -std::numeric_limits<double>::infinity());
  }
  if (!mask.defined()) return {};
  if (mask.dtype() == kBool)
    return zeros(mask.sizes(), TensorOptions(ct))
        .masked_fill(mask.logical_not(), -std::numeric_limits<double>::infinity());
  return mask.to(ct);
}

// Row maximum (NaN-propagating) and sum, in 16-byte lanes the compiler keeps
// in vector registers at the SSE2 baseline.
template <typename T>
T row_max(const T* x, int64_t n) {
  typedef T V __attribute__((vector_size(16)));
  constexpr int kW = 16 / sizeof(T);
  const T ninf = -std::numeric_limits<T>::infinity();
  V a0, a1;
  for (int k = 0; k < kW; ++k) a0[k] = a1[k] = ninf;
  typedef decltype(a0 != a0) M;
  M bad = {};
  int64_t j = 0;
  for (; j + 2 * kW <= n; j += 2 * kW) {
    V x0, x1;
    __builtin_memcpy(&x0, x + j, sizeof(V));
    __builtin_memcpy(&x1, x + j + kW, sizeof(V));
    a0 = x0 > a0 ? x0 : a0;
    a1 = x1 > a1 ? x1 : a1;
    bad |= (x0 != x0) | (x1 != x1);
  }
  bool nan = false;
  for (int k = 0; k < kW; ++k) nan = nan || bad[k] != 0;
  T m = ninf;
  for (int k = 0; k < kW; ++k) {
    m = a0[k] > m ? a0[k] : m;
    m = a1[k] > m ? a1[k] : m;
  }
  for (; j < n; ++j) {
    m = x[j] > m ? x[j] : m;
    nan = nan || x[j] != x[j];
  }
  return nan ? std::numeric_limits<T>::quiet_NaN() : m;
}

template <typename T>
T row_sum(const T* x, int64_t n) {
  constexpr int kL = 8;
  T acc[kL] = {};
  int64_t j = 0;
  for (; j + kL <= n; j += kL)
    for (int k = 0; k < kL; ++k) acc[k] += x[j + k];
  T s = 0;
  for (int k = 0; k < kL; ++k) s += acc[k];
  for (; j < n; ++j) s += x[j];
  return s;
}

// One row of scores: add the mask, apply the causal pattern, softmax in
// place, and (with dropout) write the dropped weights to dr.
template <typename T, typename M>
void softmax_row_masked(T* row, T* dr, const T* nr, T keep_scale, const M* mr, int64_t msS,
                        int64_t lim, int64_t S) {
  constexpr T ninf = -std::numeric_limits<T>::infinity();
  if (mr) {
    if constexpr (std::is_same_v<M, bool>) {
      for (int64_t j = 0; j < S; ++j)
        if (!mr[j * msS]) row[j] = ninf;
    } else {
      for (int64_t j = 0; j < S; ++j) row[j] += mr[j * msS];
    }
  }
  const T m = row_max(row, lim);
  for (int64_t j = 0; j < lim; ++j) row[j] = kernels::vec::exp_fast(row[j] - m);
  const T inv = T(1) / row_sum(row, lim);
  for (int64_t j = 0; j < lim; ++j) row[j] *= inv;
  for (int64_t j = lim; j < S; ++j) row[j] = 0;
  if (dr)
    for (int64_t j = 0; j < S; ++j) dr[j] = row[j] * nr[j] * keep_scale;
}

struct SdpaResult {
  Tensor out;    // (batch..., L, Ev), compute dtype
  Tensor probs;  // softmax weights before dropout, (batch..., L, S)
  Tensor noise;  // dropout keep mask (0/1) or undefined
};

// A (batch..., rows, cols) operand read in place: per-batch element offsets
// (broadcast batch dims have stride 0) and the row stride; the last dim must
// be dense.
struct Strided {
  Tensor t;
  std::vector<int64_t> off;
  int64_t ld = 0;
};

Strided strided_view(const Tensor& x, const DimVector& batch, int64_t B) {
  Strided r;
  const int64_t rows = x.size(-2), cols = x.size(-1);
  r.t = x.expand(with_tail(batch, rows, cols));
  if (cols > 1 && r.t.stride(-1) != 1) r.t = r.t.contiguous();
  const int64_t nb = static_cast<int64_t>(batch.size());
  r.off.assign(static_cast<size_t>(B), 0);
  for (int64_t b = 0; b < B; ++b) {
    int64_t rem = b, off = 0;
    for (int64_t d = nb - 1; d >= 0; --d) {
      off += (rem % batch[d]) * r.t.stride(d);
      rem /= batch[d];
    }
    r.off[b] = off;
  }
  r.ld = rows > 1 ? r.t.stride(-2) : cols;
  if (r.ld < cols) {  // rows overlap (an expanded row dim): materialise
    r.t = r.t.contiguous();
    r.ld = cols;
    for (int64_t b = 0; b < B; ++b) r.off[b] = b * rows * cols;
  }
  return r;
}

SdpaResult sdpa_forward(const Tensor& q_in, const Tensor& k_in, const Tensor& v_in,
                        const Tensor& mask_in, double p, bool causal, double scale) {
  const ScalarType ct = is_low(q_in.dtype()) ? kFloat : q_in.dtype();
  DimVector batch = broadcast_shapes({batch_of(q_in), batch_of(k_in), batch_of(v_in)});
  const int64_t L = q_in.size(-2), E = q_in.size(-1), S = k_in.size(-2), Ev = v_in.size(-1);
  int64_t B = 1;
  for (int64_t d : batch) B *= d;
  Tensor P = empty(with_tail(batch, L, S), TensorOptions(ct));
  Tensor O = empty(with_tail(batch, L, Ev), TensorOptions(ct));
  SdpaResult res;
  res.probs = P;
  res.out = O;
  if (B == 0 || L == 0) return res;
  if (S == 0) {
    O.zero_();
    return res;
  }
  Strided q = strided_view(q_in.to(ct), batch, B), k = strided_view(k_in.to(ct), batch, B),
          v = strided_view(v_in.to(ct), batch, B);
  Tensor mask;
  std::vector<int64_t> moff(static_cast<size_t>(B), 0);
  int64_t msL = 0, msS = 0;
  if (mask_in.defined()) {
    mask = mask_in.dtype() == kBool ? mask_in : mask_in.to(ct);
    mask = mask.expand(with_tail(batch, L, S));
    const int64_t nb = static_cast<int64_t>(batch.size());
    for (int64_t b = 0; b < B; ++b) {
      int64_t rem = b, off = 0;
      for (int64_t d = nb - 1; d >= 0; --d) {
        off += (rem % batch[d]) * mask.stride(d);
        rem /= batch[d];
      }
      moff[b] = off;
    }
    msL = mask.stride(nb);
    msS = mask.stride(nb + 1);
  }
  Tensor Pd;
  if (p > 0) {
    autograd::NoGradGuard ng;
    res.noise = p >= 1 ? zeros(P.sizes(), TensorOptions(ct)) : empty(P.sizes(), TensorOptions(ct));
    if (p < 1) res.noise.bernoulli_(1 - p);
    Pd = empty(P.sizes(), TensorOptions(ct));
  }
  const double keep = p > 0 && p < 1 ? 1.0 / (1.0 - p) : 0.0;
  WICK_DISPATCH_FLOATING_TYPES(ct, "scaled_dot_product_attention", [&] {
    using kernels::MatrixArg;
    using T = scalar_t;
    const T* qp = q.t.data_ptr<T>();
    const T* kp = k.t.data_ptr<T>();
    const T* vp = v.t.data_ptr<T>();
    T* pp = P.data_ptr<T>();
    T* op = O.data_ptr<T>();
    T* pdp = Pd.defined() ? Pd.data_ptr<T>() : nullptr;
    const T* np = res.noise.defined() ? res.noise.data_ptr<T>() : nullptr;
    const bool* mb = mask.defined() && mask.dtype() == kBool ? mask.data_ptr<bool>() : nullptr;
    const T* mf = mask.defined() && mask.dtype() != kBool ? mask.data_ptr<T>() : nullptr;
    auto scores = [&](int64_t b) {
      kernels::gemm(ct, L, S, E, Scalar(scale), MatrixArg{qp + q.off[b], q.ld, false},
                    MatrixArg{kp + k.off[b], k.ld, true}, Scalar(0.0), pp + b * L * S, S);
    };
    auto row = [&](int64_t b, int64_t i) {
      const int64_t lim = causal ? std::min<int64_t>(i + 1, S) : S;
      const int64_t r = (b * L + i) * S;
      T* dr = pdp ? pdp + r : nullptr;
      const T* nr = np ? np + r : nullptr;
      if (mb)
        softmax_row_masked<T, bool>(pp + r, dr, nr, T(keep), mb + moff[b] + i * msL, msS, lim, S);
      else
        softmax_row_masked<T, T>(pp + r, dr, nr, T(keep), mf ? mf + moff[b] + i * msL : nullptr,
                                 msS, lim, S);
    };
    auto values = [&](int64_t b) {
      const T* pb = (pdp ? pdp : pp) + b * L * S;
      kernels::gemm(ct, L, Ev, S, Scalar(1.0), MatrixArg{pb, S, false},
                    MatrixArg{vp + v.off[b], v.ld, false}, Scalar(0.0), op + b * L * Ev, Ev);
    };
    if (get_num_threads() == 1 || L * S * std::max(E, Ev) <= 64 * 64 * 64) {
      // Fused: one (batch, head) at a time per thread, its (L, S) block
      // still in cache between the two GEMMs.
      const int64_t work = std::max<int64_t>(1, L * S * (E + Ev + 8));
      parallel_for(0, B, std::max<int64_t>(1, 131072 / work), [&](int64_t b0, int64_t b1) {
        for (int64_t b = b0; b < b1; ++b) {
          scores(b);
          for (int64_t i = 0; i < L; ++i) row(b, i);
          values(b);
        }
      });
    } else {
      // Large heads: BLAS threads each GEMM, the row pass runs in parallel.
      for (int64_t b = 0; b < B; ++b) scores(b);
      const int64_t grain = std::max<int64_t>(1, 16384 / S);
      parallel_for(0, B * L, grain, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) row(r / L, r % L);
      });
      for (int64_t b = 0; b < B; ++b) values(b);
    }
  });
  return res;
}

// saved: 0 q, 1 k, 2 v, 3 probs, 4 noise (or undefined), 5 mask (or undefined)
// scalars: 0 scale, 1 dropout_p; ints: 0 causal.
variable_list sdpa_backward(FormulaNode& n, const variable_list& grads) {
  Tensor q = n.saved(0), k = n.saved(1), v = n.saved(2), P = n.saved(3), noise = n.saved(4),
         mask = n.saved(5);
  const double scale = n.scalar(0).to<double>();
  const double p = n.scalar(1).to<double>();
  const bool causal = n.int_at(0) != 0;
  const bool graph = autograd::GradMode::is_enabled();
  const ScalarType ct = is_low(q.dtype()) ? kFloat : q.dtype();
  Tensor g = grads[0].to(ct);
  Tensor qc = q.to(ct), kc = k.to(ct), vc = v.to(ct);
  if (graph) {
    // Recompute the weights with history so that the gradients are differentiable.
    Tensor s = qc.matmul(kc.mT()) * scale;
    Tensor bias = additive_bias(mask, causal, q.size(-2), k.size(-2), ct);
    if (bias.defined()) s = s + bias;
    P = s.softmax(-1);
  }
  const double keep = p < 1 ? 1.0 / (1.0 - p) : 0.0;
  Tensor Pd = noise.defined() ? P * noise * keep : P;
  Tensor gq, gk, gv, gm;
  if (n.needs(2)) gv = Pd.mT().matmul(g);
  if (n.needs(0) || n.needs(1) || n.needs(3)) {
    Tensor dP = g.matmul(vc.mT());
    if (noise.defined()) dP = dP * noise * keep;
    Tensor dS = graph ? P * (dP - (dP * P).sum({-1}, true)) : _softmax_backward_data(dP, P, -1);
    if (n.needs(0)) gq = dS.matmul(kc) * scale;
    if (n.needs(1)) gk = dS.mT().matmul(qc) * scale;
    if (n.needs(3)) gm = dS;
  }
  return {gq, gk, gv, gm};
}

}  // namespace

Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                    const std::optional<Tensor>& attn_mask, double dropout_p,
                                    bool is_causal, std::optional<double> scale) {
  check_sdpa_inputs(query, key, value, attn_mask, dropout_p, is_causal);
  Tensor mask = attn_mask ? *attn_mask : Tensor();
  const double sc = scale ? *scale : 1.0 / std::sqrt(static_cast<double>(query.size(-1)));
  SdpaResult r;
  {
    autograd::NoGradGuard ng;
    r = sdpa_forward(query, key, value, mask, dropout_p, is_causal, sc);
  }
  Tensor out = is_low(query.dtype()) ? r.out.to(query.dtype()) : r.out;
  const bool mask_grad = mask.defined() && mask.dtype() != kBool;
  Tensor mask_in = mask_grad ? mask : Tensor();
  if (autograd::compute_requires_grad(query, key, value, mask_in)) {
    if (FormulaNode* n = autograd::record("ScaledDotProductFlashAttentionForCpuBackward0",
                                          sdpa_backward, {query, key, value, mask_in}, {out})) {
      n->save(query)->save(key)->save(value)->save(r.probs)->save(r.noise)->save(mask);
      n->keep(Scalar(sc))->keep(Scalar(dropout_p))->keep_int(is_causal ? 1 : 0);
    }
  }
  return out;
}

}  // namespace wick

// Fused pointwise kernels of the LSTM and GRU cells, forward and backward, and
// their autograd nodes (ThnnFusedLstmCellBackward0 / ThnnFusedGruCellBackward0,
// PyTorch's names for its fused cell kernels). Without create_graph the
// backward is one fused pass; under create_graph it is written with wick ops
// (recomputing the activations from the saved inputs), so it is itself
// differentiable.
#include <cmath>
#include <cstdint>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/vec_math.h"
#include "wick/ops/creation.h"
#include "wick/ops/rnn.h"
#include "wick/ops/shape.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

namespace {

namespace vec = kernels::vec;

// ---- scalar math: vectorisable float versions, libm for double ---------------------

[[gnu::always_inline]] inline float sigm(float x) { return 1.0f / (1.0f + vec::exp(-x)); }
inline double sigm(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// tanh by exp(-2|x|) for |x| >= 1/16 and its Taylor series below (where
// 1 - e^-2|x| would cancel).
[[gnu::always_inline]] inline float tanhf_v(float x) {
  const float ax = std::fabs(x);
  const float e = vec::exp(-2.0f * ax);
  float t = (1.0f - e) / (1.0f + e);
  t = vec::select_bits(x < 0.0f, -t, t);
  const float x2 = x * x;
  const float p =
      x * (1.0f + x2 * (-1.0f / 3 + x2 * (2.0f / 15 + x2 * (-17.0f / 315 + x2 * (62.0f / 2835)))));
  return vec::select_bits(ax < 0.0625f, p, t);
}
[[gnu::always_inline]] inline float tanh_k(float x) { return tanhf_v(x); }
inline double tanh_k(double x) { return std::tanh(x); }

// ---- LSTM rows ---------------------------------------------------------------------
// gates row: 4H pre-activations (i, f, g, o); ws row: i, f, g, o activated, tanh(c').

template <typename T>
[[gnu::always_inline]] inline void lstm_fwd_row(const T* __restrict g, const T* __restrict cx,
                                                T* __restrict hy, T* __restrict cy,
                                                T* __restrict ws, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const T i = sigm(g[j]), f = sigm(g[H + j]), gg = tanh_k(g[2 * H + j]), o = sigm(g[3 * H + j]);
    const T c = f * cx[j] + i * gg;
    const T tc = tanh_k(c);
    cy[j] = c;
    hy[j] = o * tc;
    ws[j] = i;
    ws[H + j] = f;
    ws[2 * H + j] = gg;
    ws[3 * H + j] = o;
    ws[4 * H + j] = tc;
  }
}

template <typename T>
[[gnu::always_inline]] inline void lstm_bwd_row(const T* __restrict ws, const T* __restrict cx,
                                                const T* __restrict ghy, const T* __restrict gcy,
                                                T* __restrict dg, T* __restrict dcx, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const T i = ws[j], f = ws[H + j], gg = ws[2 * H + j], o = ws[3 * H + j], tc = ws[4 * H + j];
    const T gh = ghy[j];
    const T dc = gcy[j] + gh * o * (T(1) - tc * tc);
    const T d_o = gh * tc;
    dg[j] = dc * gg * i * (T(1) - i);
    dg[H + j] = dc * cx[j] * f * (T(1) - f);
    dg[2 * H + j] = dc * i * (T(1) - gg * gg);
    dg[3 * H + j] = d_o * o * (T(1) - o);
    dcx[j] = dc * f;
  }
}

// ---- GRU rows ----------------------------------------------------------------------
// xg, hg rows: 3H (r, z, n); ws row: r, z, n, hn (the hidden n-projection).

template <typename T>
[[gnu::always_inline]] inline void gru_fwd_row(const T* __restrict xg, const T* __restrict hg,
                                               const T* __restrict hx, T* __restrict hy,
                                               T* __restrict ws, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const T r = sigm(xg[j] + hg[j]);
    const T z = sigm(xg[H + j] + hg[H + j]);
    const T hn = hg[2 * H + j];
    const T n = tanh_k(xg[2 * H + j] + r * hn);
    hy[j] = (T(1) - z) * n + z * hx[j];
    ws[j] = r;
    ws[H + j] = z;
    ws[2 * H + j] = n;
    ws[3 * H + j] = hn;
  }
}

template <typename T>
[[gnu::always_inline]] inline void gru_bwd_row(const T* __restrict ws, const T* __restrict hx,
                                               const T* __restrict ghy, T* __restrict dxg,
                                               T* __restrict dhg, T* __restrict dhx, int64_t H) {
  for (int64_t j = 0; j < H; ++j) {
    const T r = ws[j], z = ws[H + j], n = ws[2 * H + j], hn = ws[3 * H + j];
    const T g = ghy[j];
    const T dnp = g * (T(1) - z) * (T(1) - n * n);
    const T dzp = g * (hx[j] - n) * z * (T(1) - z);
    const T drp = dnp * hn * r * (T(1) - r);
    dxg[j] = drp;
    dxg[H + j] = dzp;
    dxg[2 * H + j] = dnp;
    dhg[j] = drp;
    dhg[H + j] = dzp;
    dhg[2 * H + j] = dnp * r;
    dhx[j] = g * z;
  }
}

// float rows built twice (AVX2 and baseline), chosen at load time.
__attribute__((target_clones("arch=x86-64-v3", "default"))) void lstm_fwd_f32(
    const float* g, const float* cx, float* hy, float* cy, float* ws, int64_t H) {
  lstm_fwd_row<float>(g, cx, hy, cy, ws, H);
}
__attribute__((target_clones("arch=x86-64-v3", "default"))) void lstm_bwd_f32(
    const float* ws, const float* cx, const float* ghy, const float* gcy, float* dg, float* dcx,
    int64_t H) {
  lstm_bwd_row<float>(ws, cx, ghy, gcy, dg, dcx, H);
}
__attribute__((target_clones("arch=x86-64-v3", "default"))) void gru_fwd_f32(
    const float* xg, const float* hg, const float* hx, float* hy, float* ws, int64_t H) {
  gru_fwd_row<float>(xg, hg, hx, hy, ws, H);
}
__attribute__((target_clones("arch=x86-64-v3", "default"))) void gru_bwd_f32(
    const float* ws, const float* hx, const float* ghy, float* dxg, float* dhg, float* dhx,
    int64_t H) {
  gru_bwd_row<float>(ws, hx, ghy, dxg, dhg, dhx, H);
}

void lstm_fwd(const float* g, const float* cx, float* hy, float* cy, float* ws, int64_t H) {
  lstm_fwd_f32(g, cx, hy, cy, ws, H);
}
void lstm_fwd(const double* g, const double* cx, double* hy, double* cy, double* ws, int64_t H) {
  lstm_fwd_row<double>(g, cx, hy, cy, ws, H);
}
void lstm_bwd(const float* ws, const float* cx, const float* ghy, const float* gcy, float* dg,
              float* dcx, int64_t H) {
  lstm_bwd_f32(ws, cx, ghy, gcy, dg, dcx, H);
}
void lstm_bwd(const double* ws, const double* cx, const double* ghy, const double* gcy,
              double* dg, double* dcx, int64_t H) {
  lstm_bwd_row<double>(ws, cx, ghy, gcy, dg, dcx, H);
}
void gru_fwd(const float* xg, const float* hg, const float* hx, float* hy, float* ws, int64_t H) {
  gru_fwd_f32(xg, hg, hx, hy, ws, H);
}
void gru_fwd(const double* xg, const double* hg, const double* hx, double* hy, double* ws,
             int64_t H) {
  gru_fwd_row<double>(xg, hg, hx, hy, ws, H);
}
void gru_bwd(const float* ws, const float* hx, const float* ghy, float* dxg, float* dhg,
             float* dhx, int64_t H) {
  gru_bwd_f32(ws, hx, ghy, dxg, dhg, dhx, H);
}
void gru_bwd(const double* ws, const double* hx, const double* ghy, double* dxg, double* dhg,
             double* dhx, int64_t H) {
  gru_bwd_row<double>(ws, hx, ghy, dxg, dhg, dhx, H);
}

// Rows per task: enough elements per chunk that threading pays.
int64_t row_grain(int64_t H) { return std::max<int64_t>(1, 8192 / std::max<int64_t>(H, 1)); }

// Half/bfloat16 compute in float: inputs are cast up and results cast back.
bool low_precision(ScalarType t) { return t == kHalf || t == kBFloat16; }

void check_float(const Tensor& t, const char* name) {
  const ScalarType s = t.scalar_type();
  if (s == kFloat || s == kDouble || low_precision(s)) return;
  throw NotImplementedError(str("\"", name, "\" not implemented for '", to_string(s), "'"));
}

// ---- raw (no autograd) fused passes on contiguous float/double tensors -------------

void lstm_forward_raw(const Tensor& gates, const Tensor& cx, Tensor& hy, Tensor& cy, Tensor& ws) {
  const int64_t B = gates.size(0), H = cx.size(1);
  hy = empty({B, H}, gates.options());
  cy = empty({B, H}, gates.options());
  ws = empty({B, 5 * H}, gates.options());
  WICK_DISPATCH_FLOATING_TYPES(gates.scalar_type(), "lstm_cell", [&] {
    const scalar_t* g = gates.data_ptr<scalar_t>();
    const scalar_t* c = cx.data_ptr<scalar_t>();
    scalar_t* h = hy.data_ptr<scalar_t>();
    scalar_t* co = cy.data_ptr<scalar_t>();
    scalar_t* w = ws.data_ptr<scalar_t>();
    parallel_for(0, B, row_grain(H), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b)
        lstm_fwd(g + b * 4 * H, c + b * H, h + b * H, co + b * H, w + b * 5 * H, H);
    });
  });
}

void gru_forward_raw(const Tensor& xg, const Tensor& hg, const Tensor& hx, Tensor& hy, Tensor& ws) {
  const int64_t B = xg.size(0), H = hx.size(1);
  hy = empty({B, H}, xg.options());
  ws = empty({B, 4 * H}, xg.options());
  WICK_DISPATCH_FLOATING_TYPES(xg.scalar_type(), "gru_cell", [&] {
    const scalar_t* x = xg.data_ptr<scalar_t>();
    const scalar_t* hgp = hg.data_ptr<scalar_t>();
    const scalar_t* h0 = hx.data_ptr<scalar_t>();
    scalar_t* h = hy.data_ptr<scalar_t>();
    scalar_t* w = ws.data_ptr<scalar_t>();
    parallel_for(0, B, row_grain(H), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b)
        gru_fwd(x + b * 3 * H, hgp + b * 3 * H, h0 + b * H, h + b * H, w + b * 4 * H, H);
    });
  });
}

// ---- autograd nodes ----------------------------------------------------------------

// Saved: 0 gates, 1 cx, 2 workspace (no history).
variable_list lstm_fused_backward(FormulaNode& n, const variable_list& g) {
  if (autograd::GradMode::is_enabled()) {
    // Composite, differentiable: activations recomputed from the saved inputs.
    Tensor gates = n.saved(0), cx = n.saved(1);
    auto ch = gates.chunk(4, 1);
    Tensor i = ch[0].sigmoid(), f = ch[1].sigmoid(), gg = ch[2].tanh(), o = ch[3].sigmoid();
    Tensor tc = (f * cx + i * gg).tanh();
    Tensor dc = g[1] + g[0] * o * (1 - tc * tc);
    Tensor dgates = cat({dc * gg * i * (1 - i), dc * cx * f * (1 - f), dc * i * (1 - gg * gg),
                         g[0] * tc * o * (1 - o)},
                        1);
    return {n.needs(0) ? dgates : Tensor(), n.needs(1) ? dc * f : Tensor()};
  }
  Tensor cx = n.saved(1), ws = n.saved(2);
  Tensor ghy = g[0].contiguous().to(ws.scalar_type()), gcy = g[1].contiguous().to(ws.scalar_type());
  const int64_t B = ws.size(0), H = ws.size(1) / 5;
  Tensor cxc = cx.contiguous().to(ws.scalar_type());
  Tensor dg = empty({B, 4 * H}, ws.options()), dcx = empty({B, H}, ws.options());
  WICK_DISPATCH_FLOATING_TYPES(ws.scalar_type(), "lstm_cell_backward", [&] {
    const scalar_t* w = ws.data_ptr<scalar_t>();
    const scalar_t* c = cxc.data_ptr<scalar_t>();
    const scalar_t* gh = ghy.data_ptr<scalar_t>();
    const scalar_t* gc = gcy.data_ptr<scalar_t>();
    scalar_t* d = dg.data_ptr<scalar_t>();
    scalar_t* dc = dcx.data_ptr<scalar_t>();
    parallel_for(0, B, row_grain(H), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b)
        lstm_bwd(w + b * 5 * H, c + b * H, gh + b * H, gc + b * H, d + b * 4 * H, dc + b * H, H);
    });
  });
  return {n.needs(0) ? dg : Tensor(), n.needs(1) ? dcx : Tensor()};
}

// Saved: 0 input_gates, 1 hidden_gates, 2 hx, 3 workspace.
variable_list gru_fused_backward(FormulaNode& n, const variable_list& g) {
  if (autograd::GradMode::is_enabled()) {
    Tensor xg = n.saved(0), hg = n.saved(1), hx = n.saved(2);
    auto xc = xg.chunk(3, 1), hc = hg.chunk(3, 1);
    Tensor r = (xc[0] + hc[0]).sigmoid(), z = (xc[1] + hc[1]).sigmoid();
    Tensor nn = (xc[2] + r * hc[2]).tanh();
    Tensor dnp = g[0] * (1 - z) * (1 - nn * nn);
    Tensor dzp = g[0] * (hx - nn) * z * (1 - z);
    Tensor drp = dnp * hc[2] * r * (1 - r);
    return {n.needs(0) ? cat({drp, dzp, dnp}, 1) : Tensor(),
            n.needs(1) ? cat({drp, dzp, dnp * r}, 1) : Tensor(),
            n.needs(2) ? g[0] * z : Tensor()};
  }
  Tensor ws = n.saved(3);
  Tensor hx = n.saved(2).contiguous().to(ws.scalar_type());
  Tensor ghy = g[0].contiguous().to(ws.scalar_type());
  const int64_t B = ws.size(0), H = ws.size(1) / 4;
  Tensor dxg = empty({B, 3 * H}, ws.options()), dhg = empty({B, 3 * H}, ws.options()),
         dhx = empty({B, H}, ws.options());
  WICK_DISPATCH_FLOATING_TYPES(ws.scalar_type(), "gru_cell_backward", [&] {
    const scalar_t* w = ws.data_ptr<scalar_t>();
    const scalar_t* h = hx.data_ptr<scalar_t>();
    const scalar_t* gh = ghy.data_ptr<scalar_t>();
    scalar_t* dx = dxg.data_ptr<scalar_t>();
    scalar_t* dh = dhg.data_ptr<scalar_t>();
    scalar_t* d0 = dhx.data_ptr<scalar_t>();
    parallel_for(0, B, row_grain(H), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b)
        gru_bwd(w + b * 4 * H, h + b * H, gh + b * H, dx + b * 3 * H, dh + b * 3 * H, d0 + b * H,
                H);
    });
  });
  return {n.needs(0) ? dxg : Tensor(), n.needs(1) ? dhg : Tensor(), n.needs(2) ? dhx : Tensor()};
}

}  // namespace

std::tuple<Tensor, Tensor> fused_lstm_cell(const Tensor& gates, const Tensor& cx) {
  check_float(gates, "lstm_cell");
  WICK_CHECK(gates.dim() == 2 && cx.dim() == 2 && gates.size(0) == cx.size(0) &&
                 gates.size(1) == 4 * cx.size(1),
             "fused_lstm_cell: expected gates (B, 4H) and cx (B, H), got ", gates.sizes(), " and ",
             cx.sizes());
  const ScalarType st = gates.scalar_type();
  const ScalarType ct = low_precision(st) ? kFloat : st;
  Tensor hy, cy, ws;
  {
    autograd::NoGradGuard no_grad;
    lstm_forward_raw(gates.contiguous().to(ct), cx.contiguous().to(ct), hy, cy, ws);
    if (ct != st) {
      hy = hy.to(st);
      cy = cy.to(st);
    }
  }
  if (autograd::compute_requires_grad(gates, cx)) {
    if (FormulaNode* n = autograd::record("ThnnFusedLstmCellBackward0", lstm_fused_backward,
                                          {gates, cx}, {hy, cy}))
      n->save(gates)->save(cx)->save(ws);
  }
  return {hy, cy};
}

Tensor fused_gru_cell(const Tensor& input_gates, const Tensor& hidden_gates, const Tensor& hx) {
  check_float(input_gates, "gru_cell");
  WICK_CHECK(input_gates.dim() == 2 && hidden_gates.sizes() == input_gates.sizes() &&
                 hx.dim() == 2 && hx.size(0) == input_gates.size(0) &&
                 input_gates.size(1) == 3 * hx.size(1),
             "fused_gru_cell: expected gates (B, 3H) and hx (B, H), got ", input_gates.sizes(),
             ", ", hidden_gates.sizes(), " and ", hx.sizes());
  const ScalarType st = input_gates.scalar_type();
  const ScalarType ct = low_precision(st) ? kFloat : st;
  Tensor hy, ws;
  {
    autograd::NoGradGuard no_grad;
    gru_forward_raw(input_gates.contiguous().to(ct), hidden_gates.contiguous().to(ct),
                    hx.contiguous().to(ct), hy, ws);
    if (ct != st) hy = hy.to(st);
  }
  if (autograd::compute_requires_grad(input_gates, hidden_gates, hx)) {
    if (FormulaNode* n = autograd::record("ThnnFusedGruCellBackward0", gru_fused_backward,
                                          {input_gates, hidden_gates, hx}, {hy}))
      n->save(input_gates)->save(hidden_gates)->save(hx)->save(ws);
  }
  return hy;
}

}  // namespace wick

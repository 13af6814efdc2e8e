// RNN / LSTM / GRU: cells and the multi-layer, optionally bidirectional,
// padded or packed sequence ops (the fused pointwise kernels are in
// rnn_kernels.cpp).
//
// One layer and direction: the input projection of every timestep is one
// GEMM (x W_ih^T + b, over all N = sum(batch_sizes) rows); the rows of each
// step are handed out by one node (SplitWithSizesBackward0, whose backward is
// one cat); each step is one addmm (hidden projection added to its input
// rows) and the fused gate kernel. Padded input is run as packed input whose
// batch sizes are all B. Outputs are stacked (padded) or concatenated
// (packed) as PyTorch's CPU code does, so grad_fns read the same.
#include <algorithm>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/norm.h"
#include "wick/ops/rnn.h"
#include "wick/ops/shape.h"
#include "wick/ops/unary.h"

namespace wick {

using autograd::FormulaNode;
using autograd::variable_list;

namespace {

// ---- cells ---------------------------------------------------------------------------

Tensor lin(const Tensor& x, const Tensor& w, const Tensor& b) {
  if (b.defined()) return addmm(b, x, w.t());
  return mm(x, w.t());
}

void check_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                int64_t gates) {
  WICK_CHECK(input.dim() == 2, "input has inconsistent number of dimensions: got ", input.dim(),
             ", expected 2");
  WICK_CHECK(input.size(1) == w_ih.size(1), "input has inconsistent input_size: got ",
             input.size(1), " expected ", w_ih.size(1));
  WICK_CHECK(input.size(0) == hx.size(0), "Input batch size ", input.size(0),
             " doesn't match hidden0 batch size ", hx.size(0));
  WICK_CHECK(hx.dim() == 2 && hx.size(1) == w_hh.size(1), "hidden0 has inconsistent hidden_size: got ",
             hx.size(-1), ", expected ", w_hh.size(1));
  WICK_CHECK(w_ih.size(0) == gates * w_hh.size(1) || w_hh.size(0) == w_ih.size(0),
             "weight_ih and weight_hh have inconsistent sizes");
}

// ---- sequence machinery --------------------------------------------------------------

// Rows [off_t, off_t + sizes[t]) of x for every t, as one node.
variable_list split_rows_backward(FormulaNode& n, const variable_list& g) {
  return {cat(g, 0)};
}

std::vector<Tensor> split_rows(const Tensor& x, const std::vector<int64_t>& sizes) {
  std::vector<Tensor> parts;
  parts.reserve(sizes.size());
  {
    autograd::NoGradGuard no_grad;
    int64_t off = 0;
    for (int64_t s : sizes) {
      parts.push_back(x.narrow(0, off, s));
      off += s;
    }
  }
  if (autograd::compute_requires_grad(x)) autograd::record("SplitWithSizesBackward0", split_rows_backward, {x}, parts);
  return parts;
}

enum class Mode { Tanh, Relu, Lstm, Gru };

struct Weights {
  Tensor w_ih, w_hh, b_ih, b_hh, w_hr;
};

struct DirResult {
  std::vector<Tensor> outputs;  // per step, in time order
  Tensor h, c;                  // final states, (B, .)
};

// One direction of one layer over x (N, I) split into steps of sizes[t] rows.
DirResult run_direction(Mode mode, const Tensor& x, const std::vector<int64_t>& sizes,
                        const Tensor& h0, const Tensor& c0, const Weights& w, bool reverse) {
  const int64_t T = static_cast<int64_t>(sizes.size());
  DirResult r;
  r.outputs.resize(static_cast<size_t>(T));
  if (T == 0) {
    r.h = h0;
    r.c = c0;
    return r;
  }
  // Input projection for all steps; LSTM / RNN fold both biases in here.
  Tensor bias;
  if (w.b_ih.defined()) bias = mode == Mode::Gru ? w.b_ih : w.b_ih + w.b_hh;
  Tensor xw = lin(x, w.w_ih, bias);
  std::vector<Tensor> parts = split_rows(xw, sizes);
  Tensor w_hh_t = w.w_hh.t();
  Tensor w_hr_t = w.w_hr.defined() ? w.w_hr.t() : Tensor();

  auto step = [&](int64_t t, Tensor& h, Tensor& c) {
    const Tensor& xt = parts[static_cast<size_t>(t)];
    switch (mode) {
      case Mode::Tanh:
        h = addmm(xt, h, w_hh_t).tanh();
        break;
      case Mode::Relu:
        h = addmm(xt, h, w_hh_t).relu();
        break;
      case Mode::Lstm: {
        auto [hy, cy] = fused_lstm_cell(addmm(xt, h, w_hh_t), c);
        h = w_hr_t.defined() ? mm(hy, w_hr_t) : hy;
        c = cy;
        break;
      }
      case Mode::Gru: {
        Tensor hg = w.b_hh.defined() ? addmm(w.b_hh, h, w_hh_t) : mm(h, w_hh_t);
        h = fused_gru_cell(xt, hg, h);
        break;
      }
    }
    r.outputs[static_cast<size_t>(t)] = h;
  };

  const bool lstm = mode == Mode::Lstm;
  const int64_t B = h0.size(0);
  if (!reverse) {
    Tensor h = h0, c = c0;
    std::vector<Tensor> done_h, done_c;  // rows that finished, from the highest down
    int64_t cur = B;
    for (int64_t t = 0; t < T; ++t) {
      const int64_t bt = sizes[static_cast<size_t>(t)];
      if (bt < cur) {
        done_h.push_back(h.narrow(0, bt, cur - bt));
        h = h.narrow(0, 0, bt);
        if (lstm) {
          done_c.push_back(c.narrow(0, bt, cur - bt));
          c = c.narrow(0, 0, bt);
        }
        cur = bt;
      }
      step(t, h, c);
    }
    if (done_h.empty()) {
      r.h = h;
      r.c = c;
    } else {
      done_h.push_back(h);
      std::reverse(done_h.begin(), done_h.end());
      r.h = cat(done_h, 0);
      if (lstm) {
        done_c.push_back(c);
        std::reverse(done_c.begin(), done_c.end());
        r.c = cat(done_c, 0);
      }
    }
  } else {
    int64_t cur = sizes[static_cast<size_t>(T - 1)];
    Tensor h = cur == B ? h0 : h0.narrow(0, 0, cur);
    Tensor c = lstm ? (cur == B ? c0 : c0.narrow(0, 0, cur)) : Tensor();
    for (int64_t t = T - 1; t >= 0; --t) {
      const int64_t bt = sizes[static_cast<size_t>(t)];
      if (bt > cur) {
        h = cat({h, h0.narrow(0, cur, bt - cur)}, 0);
        if (lstm) c = cat({c, c0.narrow(0, cur, bt - cur)}, 0);
        cur = bt;
      }
      step(t, h, c);
    }
    r.h = h;
    r.c = c;
  }
  return r;
}

struct SeqResult {
  Tensor output, h, c;
};

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::Tanh: return "rnn_tanh";
    case Mode::Relu: return "rnn_relu";
    case Mode::Lstm: return "lstm";
    case Mode::Gru: return "gru";
  }
  return "rnn";
}

// x: (T, B, I) when !packed, else (N, I) with sizes = batch_sizes.
SeqResult run_rnn(Mode mode, const Tensor& x, std::vector<int64_t> sizes, bool packed,
                  const Tensor& hx, const Tensor& cx, TensorList params, bool has_biases,
                  int64_t num_layers, double dropout_p, bool train, bool bidirectional) {
  const int64_t D = bidirectional ? 2 : 1;
  WICK_CHECK(num_layers >= 1, mode_name(mode), ": num_layers must be positive");
  const int64_t base = has_biases ? 4 : 2;
  const int64_t n_params = static_cast<int64_t>(params.size());
  const int64_t per = n_params / (num_layers * D);
  WICK_CHECK(n_params == num_layers * D * per && (per == base || (mode == Mode::Lstm && per == base + 1)),
             mode_name(mode), ": got ", n_params, " parameters for ", num_layers, " layers (",
             bidirectional ? "bidirectional" : "unidirectional", ", has_biases=",
             has_biases ? "true" : "false", ")");
  WICK_CHECK(hx.dim() == 3 && hx.size(0) == num_layers * D,
             mode_name(mode), ": expected hx of shape (", num_layers * D, ", B, H), got ",
             hx.sizes());
  const bool lstm = mode == Mode::Lstm;
  if (lstm)
    WICK_CHECK(cx.dim() == 3 && cx.size(0) == num_layers * D && cx.size(1) == hx.size(1),
               "lstm: expected cx of shape (", num_layers * D, ", B, H), got ", cx.sizes());
  WICK_CHECK(dropout_p >= 0 && dropout_p <= 1,
             "dropout probability has to be between 0 and 1, but got ", dropout_p);
  const int64_t T = packed ? static_cast<int64_t>(sizes.size()) : x.size(0);
  const int64_t B = hx.size(1);
  if (!packed) {
    WICK_CHECK(x.dim() == 3, mode_name(mode), ": input must have 3 dimensions, got ", x.dim());
    WICK_CHECK(x.size(1) == B, mode_name(mode), ": input batch size ", x.size(1),
               " doesn't match hx batch size ", B);
    sizes.assign(static_cast<size_t>(T), B);
  } else {
    WICK_CHECK(x.dim() == 2, mode_name(mode), ": packed data must have 2 dimensions, got ", x.dim());
  }

  Tensor layer_in = packed ? x : x.reshape({T * B, x.size(2)});
  std::vector<Tensor> hs, cs;
  Tensor out;
  for (int64_t l = 0; l < num_layers; ++l) {
    std::vector<std::vector<Tensor>> dir_outs;
    for (int64_t d = 0; d < D; ++d) {
      const int64_t k = (l * D + d) * per;
      Weights w;
      w.w_ih = params[k];
      w.w_hh = params[k + 1];
      if (has_biases) {
        w.b_ih = params[k + 2];
        w.b_hh = params[k + 3];
      }
      if (per == base + 1) w.w_hr = params[k + base];
      WICK_CHECK(w.w_ih.dim() == 2 && w.w_ih.size(1) == layer_in.size(1), mode_name(mode),
                 ": input size ", layer_in.size(1), " doesn't match weight_ih of shape ",
                 w.w_ih.sizes());
      Tensor h0 = hx.select(0, l * D + d);
      Tensor c0 = lstm ? cx.select(0, l * D + d) : Tensor();
      DirResult r = run_direction(mode, layer_in, sizes, h0, c0, w, d == 1);
      hs.push_back(r.h);
      if (lstm) cs.push_back(r.c);
      dir_outs.push_back(std::move(r.outputs));
    }
    std::vector<Tensor> per_dir;
    for (auto& o : dir_outs) {
      if (o.empty()) {
        const int64_t width = hx.size(2);
        per_dir.push_back(packed ? empty({0, width}, x.options()) : empty({0, B, width}, x.options()));
      } else {
        per_dir.push_back(packed ? cat(o, 0) : stack(o, 0));
      }
    }
    out = per_dir.size() == 1 ? per_dir[0] : cat(per_dir, packed ? 1 : 2);
    if (dropout_p != 0 && train && l < num_layers - 1) out = dropout(out, dropout_p, true);
    layer_in = packed ? out : out.reshape({T * B, out.size(2)});
  }
  SeqResult res;
  res.output = out;
  res.h = stack(hs, 0);
  if (lstm) res.c = stack(cs, 0);
  return res;
}

std::vector<int64_t> read_batch_sizes(const Tensor& batch_sizes, int64_t N) {
  WICK_CHECK(batch_sizes.dim() == 1, "batch_sizes must be a 1-D tensor");
  Tensor bs = batch_sizes.to(kLong).contiguous();
  std::vector<int64_t> v(bs.data_ptr<int64_t>(), bs.data_ptr<int64_t>() + bs.numel());
  int64_t total = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    WICK_CHECK(v[i] > 0 && (i == 0 || v[i] <= v[i - 1]),
               "batch_sizes must be positive and non-increasing");
    total += v[i];
  }
  WICK_CHECK(total == N, "batch_sizes sum to ", total, " but the packed data has ", N, " rows");
  return v;
}

std::tuple<Tensor, Tensor> simple_seq(Mode mode, const Tensor& input, const Tensor& hx,
                                      TensorList params, bool has_biases, int64_t num_layers,
                                      double dropout, bool train, bool bidirectional,
                                      bool batch_first) {
  Tensor x = batch_first ? input.transpose(0, 1) : input;
  SeqResult r = run_rnn(mode, x, {}, false, hx, Tensor(), params, has_biases, num_layers, dropout,
                        train, bidirectional);
  Tensor out = batch_first ? r.output.transpose(0, 1) : r.output;
  return {out, r.h};
}

std::tuple<Tensor, Tensor> packed_seq(Mode mode, const Tensor& data, const Tensor& batch_sizes,
                                      const Tensor& hx, TensorList params, bool has_biases,
                                      int64_t num_layers, double dropout, bool train,
                                      bool bidirectional) {
  SeqResult r = run_rnn(mode, data, read_batch_sizes(batch_sizes, data.size(0)), true, hx, Tensor(),
                        params, has_biases, num_layers, dropout, train, bidirectional);
  return {r.output, r.h};
}

// Saved: 0 row index; sizes: 0 the (T, B, *) shape; ints: 0 batch_first.
variable_list pack_padded_backward(FormulaNode& n, const variable_list& g) {
  IntArrayRef s = n.sizes(0);
  DimVector flat(s.begin() + 1, s.end());
  flat[0] = s[0] * s[1];
  Tensor grad = zeros(flat, g[0].options()).index_add(0, n.saved(0), g[0]).view(s);
  return {n.int_at(0) ? grad.transpose(0, 1) : grad};
}

Tensor long_vector(const std::vector<int64_t>& v) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, kLong);
  std::copy(v.begin(), v.end(), t.data_ptr<int64_t>());
  return t;
}

}  // namespace

std::tuple<Tensor, Tensor> _pack_padded_sequence(const Tensor& input, const Tensor& lengths,
                                                 bool batch_first) {
  WICK_CHECK(lengths.dim() == 1 && lengths.scalar_type() == kLong,
             "'lengths' argument should be a 1D CPU int64 tensor, but got ", lengths.dim(),
             "D cpu ", to_string(lengths.scalar_type()), " tensor");
  WICK_CHECK(input.dim() >= 2, "_pack_padded_sequence: input must have at least 2 dimensions");
  Tensor in = batch_first ? input.transpose(0, 1) : input;
  const int64_t T = in.size(0), B = in.size(1);
  Tensor lc = lengths.contiguous();
  std::vector<int64_t> len(lc.data_ptr<int64_t>(), lc.data_ptr<int64_t>() + lc.numel());
  WICK_CHECK(static_cast<int64_t>(len.size()) == B,
             "Expected `len(lengths)` to be equal to batch_size, but got ", len.size(),
             " (batch_size=", B, ")");
  WICK_CHECK(len.empty() || len.back() > 0,
             "Length of all samples has to be greater than 0, but found an element in 'lengths' "
             "that is <= 0");
  for (size_t i = 1; i < len.size(); ++i)
    WICK_CHECK(len[i] <= len[i - 1],
               "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. "
               "You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence "
               "to sidestep this requirement if you do not need ONNX exportability.");
  WICK_CHECK(len.empty() || len[0] <= T, "Expected `lengths` to be no larger than the sequence "
             "length (", T, "), but the longest sequence has length ", len.empty() ? 0 : len[0]);
  std::vector<int64_t> sizes, idx;
  const int64_t Tmax = len.empty() ? 0 : len[0];
  int64_t b = B;
  for (int64_t t = 0; t < Tmax; ++t) {
    while (b > 0 && len[static_cast<size_t>(b - 1)] <= t) --b;
    sizes.push_back(b);
    for (int64_t j = 0; j < b; ++j) idx.push_back(t * B + j);
  }
  Tensor index = long_vector(idx);
  Tensor data;
  {
    autograd::NoGradGuard no_grad;
    DimVector flat(in.sizes().begin() + 1, in.sizes().end());
    flat[0] = T * B;
    data = in.reshape(flat).index_select(0, index);
  }
  if (autograd::compute_requires_grad(input)) {
    if (FormulaNode* n = autograd::record("PackPaddedSequenceBackward0", pack_padded_backward,
                                          {input}, {data}))
      n->save(index)->keep(in.sizes())->keep_int(batch_first);
  }
  return {data, long_vector(sizes)};
}

// ---- cells ---------------------------------------------------------------------------

Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih, const Tensor& b_hh) {
  check_cell(input, hx, w_ih, w_hh, 1);
  return (lin(input, w_ih, b_ih) + lin(hx, w_hh, b_hh)).tanh();
}

Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih, const Tensor& b_hh) {
  check_cell(input, hx, w_ih, w_hh, 1);
  return (lin(input, w_ih, b_ih) + lin(hx, w_hh, b_hh)).relu();
}

std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, TensorList hx, const Tensor& w_ih,
                                     const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh) {
  WICK_CHECK(hx.size() == 2, "lstm_cell expects two hidden states");
  check_cell(input, hx[0], w_ih, w_hh, 4);
  Tensor gates = lin(input, w_ih, b_ih);
  gates = b_hh.defined() ? addmm(gates + b_hh, hx[0], w_hh.t()) : addmm(gates, hx[0], w_hh.t());
  return fused_lstm_cell(gates, hx[1]);
}

Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                const Tensor& b_ih, const Tensor& b_hh) {
  check_cell(input, hx, w_ih, w_hh, 3);
  return fused_gru_cell(lin(input, w_ih, b_ih), lin(hx, w_hh, b_hh), hx);
}

// ---- sequence ops --------------------------------------------------------------------

std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& input, TensorList hx, TensorList params,
                                        bool has_biases, int64_t num_layers, double dropout,
                                        bool train, bool bidirectional, bool batch_first) {
  WICK_CHECK(hx.size() == 2, "lstm expects two hidden states");
  Tensor x = batch_first ? input.transpose(0, 1) : input;
  SeqResult r = run_rnn(Mode::Lstm, x, {}, false, hx[0], hx[1], params, has_biases, num_layers,
                        dropout, train, bidirectional);
  Tensor out = batch_first ? r.output.transpose(0, 1) : r.output;
  return {out, r.h, r.c};
}

std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& data, const Tensor& batch_sizes,
                                        TensorList hx, TensorList params, bool has_biases,
                                        int64_t num_layers, double dropout, bool train,
                                        bool bidirectional) {
  WICK_CHECK(hx.size() == 2, "lstm expects two hidden states");
  SeqResult r = run_rnn(Mode::Lstm, data, read_batch_sizes(batch_sizes, data.size(0)), true, hx[0],
                        hx[1], params, has_biases, num_layers, dropout, train, bidirectional);
  return {r.output, r.h, r.c};
}

#define WICK_RNN_SEQ(name, mode)                                                                \
  std::tuple<Tensor, Tensor> name(const Tensor& input, const Tensor& hx, TensorList params,     \
                                  bool has_biases, int64_t num_layers, double dropout,          \
                                  bool train, bool bidirectional, bool batch_first) {           \
    return simple_seq(mode, input, hx, params, has_biases, num_layers, dropout, train,          \
                      bidirectional, batch_first);                                              \
  }                                                                                             \
  std::tuple<Tensor, Tensor> name(const Tensor& data, const Tensor& batch_sizes,                \
                                  const Tensor& hx, TensorList params, bool has_biases,         \
                                  int64_t num_layers, double dropout, bool train,               \
                                  bool bidirectional) {                                         \
    return packed_seq(mode, data, batch_sizes, hx, params, has_biases, num_layers, dropout,     \
                      train, bidirectional);                                                    \
  }

WICK_RNN_SEQ(gru, Mode::Gru)
WICK_RNN_SEQ(rnn_tanh, Mode::Tanh)
WICK_RNN_SEQ(rnn_relu, Mode::Relu)

#undef WICK_RNN_SEQ

}  // namespace wick

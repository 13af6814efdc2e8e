#include "wick/nn/modules/rnn.h"

#include <cmath>
#include <ostream>

#include "wick/ops/creation.h"
#include "wick/ops/rnn.h"
#include "wick/ops/shape.h"

namespace wick::nn {

namespace {

std::string size_str(const std::vector<int64_t>& s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

std::string tuple_str(const std::vector<int64_t>& s) {
  std::string out = "(";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + ")";
}

RNNOptionsBase base_of(const RNNOptions& o) {
  return RNNOptionsBase(o.nonlinearity() == kReLU ? RNNMode::kRNN_RELU : RNNMode::kRNN_TANH,
                        o.input_size(), o.hidden_size())
      .num_layers(o.num_layers())
      .bias(o.bias())
      .batch_first(o.batch_first())
      .dropout(o.dropout())
      .bidirectional(o.bidirectional());
}
RNNOptionsBase base_of(const LSTMOptions& o) {
  return RNNOptionsBase(RNNMode::kLSTM, o.input_size(), o.hidden_size())
      .num_layers(o.num_layers())
      .bias(o.bias())
      .batch_first(o.batch_first())
      .dropout(o.dropout())
      .bidirectional(o.bidirectional())
      .proj_size(o.proj_size());
}
RNNOptionsBase base_of(const GRUOptions& o) {
  return RNNOptionsBase(RNNMode::kGRU, o.input_size(), o.hidden_size())
      .num_layers(o.num_layers())
      .bias(o.bias())
      .batch_first(o.batch_first())
      .dropout(o.dropout())
      .bidirectional(o.bidirectional());
}

void init_uniform(Module& m, int64_t hidden_size) {
  const double stdv = hidden_size > 0 ? 1.0 / std::sqrt(static_cast<double>(hidden_size)) : 0;
  for (Tensor& p : m.parameters()) init::uniform_(p, -stdv, stdv);
}

}  // namespace

namespace detail {

RNNImplBase::RNNImplBase(const RNNOptionsBase& options) : options_base(options) {
  const auto& o = options_base;
  WICK_CHECK(o.dropout() >= 0 && o.dropout() <= 1,
             "dropout should be a number in range [0, 1] representing the probability of an "
             "element being zeroed");
  WICK_CHECK(o.hidden_size() > 0, "hidden_size must be greater than zero");
  WICK_CHECK(o.num_layers() > 0, "num_layers must be greater than zero");
  WICK_CHECK(o.proj_size() >= 0,
             "proj_size should be a positive integer or zero to disable projections");
  WICK_CHECK(o.proj_size() < o.hidden_size(), "proj_size has to be smaller than hidden_size");
  int64_t gate_size = o.hidden_size();
  name_ = "RNN";
  if (o.mode() == RNNMode::kLSTM) {
    gate_size *= 4;
    name_ = "LSTM";
  } else if (o.mode() == RNNMode::kGRU) {
    gate_size *= 3;
    name_ = "GRU";
  }
  const int64_t D = o.bidirectional() ? 2 : 1;
  const int64_t real_hidden = o.proj_size() > 0 ? o.proj_size() : o.hidden_size();
  for (int64_t layer = 0; layer < o.num_layers(); ++layer) {
    for (int64_t d = 0; d < D; ++d) {
      const int64_t in = layer == 0 ? o.input_size() : real_hidden * D;
      const std::string sfx = std::to_string(layer) + (d == 1 ? "_reverse" : "");
      std::vector<std::string> names = {"weight_ih_l" + sfx, "weight_hh_l" + sfx};
      register_parameter(names[0], empty({gate_size, in}));
      register_parameter(names[1], empty({gate_size, real_hidden}));
      if (o.bias()) {
        names.push_back("bias_ih_l" + sfx);
        names.push_back("bias_hh_l" + sfx);
        register_parameter(names[2], empty({gate_size}));
        register_parameter(names[3], empty({gate_size}));
      }
      if (o.proj_size() > 0) {
        names.push_back("weight_hr_l" + sfx);
        register_parameter(names.back(), empty({o.proj_size(), o.hidden_size()}));
      }
      flat_weights_names_.insert(flat_weights_names_.end(), names.begin(), names.end());
      all_weights_.push_back(names);
    }
  }
  reset_parameters();
}

void RNNImplBase::reset_parameters() { init_uniform(*this, options_base.hidden_size()); }

std::vector<Tensor> RNNImplBase::flat_weights() const {
  std::vector<Tensor> w;
  const auto& params = own_parameters();
  for (const auto& n : flat_weights_names_) w.push_back(*params.find(n));
  return w;
}

std::vector<Tensor> RNNImplBase::all_weights() const { return flat_weights(); }

void RNNImplBase::pretty_print(std::ostream& stream) const {
  const auto& o = options_base;
  stream << std::boolalpha << "wick::nn::" << name_ << "(input_size=" << o.input_size()
         << ", hidden_size=" << o.hidden_size() << ", num_layers=" << o.num_layers()
         << ", bias=" << o.bias() << ", batch_first=" << o.batch_first()
         << ", dropout=" << o.dropout() << ", bidirectional=" << o.bidirectional();
  if (o.proj_size() > 0) stream << ", proj_size=" << o.proj_size();
  stream << ")";
}

void RNNImplBase::check_input(const Tensor& input, const Tensor& batch_sizes) const {
  const int64_t expected = batch_sizes.defined() ? 2 : 3;
  WICK_CHECK(input.dim() == expected, "input must have ", expected, " dimensions, got ",
             input.dim());
  WICK_CHECK(options_base.input_size() == input.size(-1),
             "input.size(-1) must be equal to input_size. Expected ", options_base.input_size(),
             ", got ", input.size(-1));
}

std::vector<int64_t> RNNImplBase::expected_hidden_size(const Tensor& input,
                                                       const Tensor& batch_sizes,
                                                       bool cell) const {
  const auto& o = options_base;
  int64_t mini_batch;
  if (batch_sizes.defined())
    mini_batch = batch_sizes[0].item().to<int64_t>();
  else
    mini_batch = o.batch_first() ? input.size(0) : input.size(1);
  const int64_t h = (!cell && o.proj_size() > 0) ? o.proj_size() : o.hidden_size();
  return {o.num_layers() * (o.bidirectional() ? 2 : 1), mini_batch, h};
}

void RNNImplBase::check_hidden_size(const Tensor& hx, const std::vector<int64_t>& expected,
                                    const char* what) const {
  std::vector<int64_t> got = hx.sizes().vec();
  WICK_CHECK(got == expected, "Expected ", what, " size ", tuple_str(expected), ", got ",
             size_str(got));
}

Tensor RNNImplBase::permute_hidden(const Tensor& hx, const Tensor& permutation) const {
  if (!permutation.defined()) return hx;
  return hx.index_select(1, permutation);
}

std::tuple<Tensor, Tensor> RNNImplBase::forward_single(const Tensor& input,
                                                       const Tensor& batch_sizes,
                                                       const Tensor& sorted_indices,
                                                       int64_t max_batch_size, Tensor hx) {
  const auto& o = options_base;
  const int64_t D = o.bidirectional() ? 2 : 1;
  if (!hx.defined())
    hx = zeros({o.num_layers() * D, max_batch_size, o.hidden_size()}, input.options());
  else
    hx = permute_hidden(hx, sorted_indices);
  check_input(input, batch_sizes);
  check_hidden_size(hx, expected_hidden_size(input, batch_sizes, false), "hidden");
  std::vector<Tensor> w = flat_weights();
  const bool relu = o.mode() == RNNMode::kRNN_RELU;
  const bool gru = o.mode() == RNNMode::kGRU;
  if (batch_sizes.defined()) {
    if (gru)
      return wick::gru(input, batch_sizes, hx, w, o.bias(), o.num_layers(), o.dropout(),
                       is_training(), o.bidirectional());
    return relu ? wick::rnn_relu(input, batch_sizes, hx, w, o.bias(), o.num_layers(), o.dropout(),
                                 is_training(), o.bidirectional())
                : wick::rnn_tanh(input, batch_sizes, hx, w, o.bias(), o.num_layers(), o.dropout(),
                                 is_training(), o.bidirectional());
  }
  if (gru)
    return wick::gru(input, hx, w, o.bias(), o.num_layers(), o.dropout(), is_training(),
                     o.bidirectional(), o.batch_first());
  return relu ? wick::rnn_relu(input, hx, w, o.bias(), o.num_layers(), o.dropout(), is_training(),
                               o.bidirectional(), o.batch_first())
              : wick::rnn_tanh(input, hx, w, o.bias(), o.num_layers(), o.dropout(), is_training(),
                               o.bidirectional(), o.batch_first());
}

}  // namespace detail

// ---- RNN / GRU -----------------------------------------------------------------------

RNNImpl::RNNImpl(const RNNOptions& options_)
    : detail::RNNImplBase(base_of(options_)), options(options_) {}

namespace detail {

// RNN and GRU: (output, h_n) for padded input, batched or not. `noun` is the word
// PyTorch's rank error uses ("tensor" for RNN, "input" for GRU).
std::tuple<Tensor, Tensor> RNNImplBase::forward_padded(const Tensor& input, Tensor hx,
                                                       const char* noun) {
  WICK_CHECK(input.dim() == 2 || input.dim() == 3, name_, ": Expected input to be 2D or 3D, got ",
             input.dim(), "D ", noun, " instead");
  const bool batched = input.dim() == 3;
  const int64_t batch_dim = options_base.batch_first() ? 0 : 1;
  Tensor x = batched ? input : input.unsqueeze(batch_dim);
  if (hx.defined()) {
    WICK_CHECK(hx.dim() == (batched ? 3 : 2), batched ? "For batched 3-D input, hx should also be 3-D but got "
                                                      : "For unbatched 2-D input, hx should also be 2-D but got ",
               hx.dim(), "-D tensor");
    if (!batched) hx = hx.unsqueeze(1);
  }
  auto [out, h] = forward_single(x, Tensor(), Tensor(), x.size(batch_dim), hx);
  if (!batched) return {out.squeeze(batch_dim), h.squeeze(1)};
  return {out, h};
}

std::tuple<utils::rnn::PackedSequence, Tensor> RNNImplBase::forward_packed(
    const utils::rnn::PackedSequence& packed, Tensor hx) {
  const int64_t max_batch = packed.batch_sizes()[0].item().to<int64_t>();
  auto [out, h] = forward_single(packed.data(), packed.batch_sizes(), packed.sorted_indices(),
                                 max_batch, hx);
  return {utils::rnn::PackedSequence(out, packed.batch_sizes(), packed.sorted_indices(),
                                     packed.unsorted_indices()),
          permute_hidden(h, packed.unsorted_indices())};
}

}  // namespace detail

std::tuple<Tensor, Tensor> RNNImpl::forward(const Tensor& input, Tensor hx) {
  return forward_padded(input, std::move(hx), "tensor");
}

std::tuple<utils::rnn::PackedSequence, Tensor> RNNImpl::forward_with_packed_input(
    const utils::rnn::PackedSequence& packed, Tensor hx) {
  return forward_packed(packed, std::move(hx));
}

GRUImpl::GRUImpl(const GRUOptions& options_)
    : detail::RNNImplBase(base_of(options_)), options(options_) {}

std::tuple<Tensor, Tensor> GRUImpl::forward(const Tensor& input, Tensor hx) {
  return forward_padded(input, std::move(hx), "input");
}

std::tuple<utils::rnn::PackedSequence, Tensor> GRUImpl::forward_with_packed_input(
    const utils::rnn::PackedSequence& packed, Tensor hx) {
  return forward_packed(packed, std::move(hx));
}

// ---- LSTM ----------------------------------------------------------------------------

LSTMImpl::LSTMImpl(const LSTMOptions& options_)
    : detail::RNNImplBase(base_of(options_)), options(options_) {}

std::tuple<Tensor, std::tuple<Tensor, Tensor>> LSTMImpl::forward_helper(
    const Tensor& input, const Tensor& batch_sizes, const Tensor& sorted_indices,
    int64_t max_batch_size, std::optional<std::tuple<Tensor, Tensor>> hx_opt) {
  const auto& o = options_base;
  const int64_t D = o.bidirectional() ? 2 : 1;
  const int64_t real_hidden = o.proj_size() > 0 ? o.proj_size() : o.hidden_size();
  Tensor h0, c0;
  if (!hx_opt) {
    h0 = zeros({o.num_layers() * D, max_batch_size, real_hidden}, input.options());
    c0 = zeros({o.num_layers() * D, max_batch_size, o.hidden_size()}, input.options());
  } else {
    h0 = permute_hidden(std::get<0>(*hx_opt), sorted_indices);
    c0 = permute_hidden(std::get<1>(*hx_opt), sorted_indices);
  }
  check_input(input, batch_sizes);
  check_hidden_size(h0, expected_hidden_size(input, batch_sizes, false), "hidden[0]");
  check_hidden_size(c0, expected_hidden_size(input, batch_sizes, true), "hidden[1]");
  std::vector<Tensor> w = flat_weights();
  std::tuple<Tensor, Tensor, Tensor> r =
      batch_sizes.defined()
          ? wick::lstm(input, batch_sizes, {h0, c0}, w, o.bias(), o.num_layers(), o.dropout(),
                       is_training(), o.bidirectional())
          : wick::lstm(input, {h0, c0}, w, o.bias(), o.num_layers(), o.dropout(), is_training(),
                       o.bidirectional(), o.batch_first());
  return {std::get<0>(r), {std::get<1>(r), std::get<2>(r)}};
}

std::tuple<Tensor, std::tuple<Tensor, Tensor>> LSTMImpl::forward(
    const Tensor& input, std::optional<std::tuple<Tensor, Tensor>> hx) {
  WICK_CHECK(input.dim() == 2 || input.dim() == 3, "LSTM: Expected input to be 2D or 3D, got ",
             input.dim(), "D instead");
  const bool batched = input.dim() == 3;
  const int64_t batch_dim = options.batch_first() ? 0 : 1;
  Tensor x = batched ? input : input.unsqueeze(batch_dim);
  if (hx) {
    const Tensor &h = std::get<0>(*hx), &c = std::get<1>(*hx);
    WICK_CHECK(h.dim() == (batched ? 3 : 2) && c.dim() == (batched ? 3 : 2),
               batched ? "For batched 3-D input, hx and cx should also be 3-D but got ("
                       : "For unbatched 2-D input, hx and cx should also be 2-D but got (",
               h.dim(), "-D, ", c.dim(), "-D) tensors");
    if (!batched) hx = std::make_tuple(h.unsqueeze(1), c.unsqueeze(1));
  }
  auto [out, hc] = forward_helper(x, Tensor(), Tensor(), x.size(batch_dim), hx);
  if (!batched)
    return {out.squeeze(batch_dim), {std::get<0>(hc).squeeze(1), std::get<1>(hc).squeeze(1)}};
  return {out, hc};
}

std::tuple<utils::rnn::PackedSequence, std::tuple<Tensor, Tensor>>
LSTMImpl::forward_with_packed_input(const utils::rnn::PackedSequence& packed,
                                    std::optional<std::tuple<Tensor, Tensor>> hx) {
  const int64_t max_batch = packed.batch_sizes()[0].item().to<int64_t>();
  auto [out, hc] = forward_helper(packed.data(), packed.batch_sizes(), packed.sorted_indices(),
                                  max_batch, hx);
  const Tensor& u = packed.unsorted_indices();
  return {utils::rnn::PackedSequence(out, packed.batch_sizes(), packed.sorted_indices(), u),
          {permute_hidden(std::get<0>(hc), u), permute_hidden(std::get<1>(hc), u)}};
}

// ---- cells ---------------------------------------------------------------------------

namespace detail {

RNNCellImplBase::RNNCellImplBase(int64_t input_size, int64_t hidden_size, bool bias,
                                 int64_t num_chunks)
    : input_size_(input_size), hidden_size_(hidden_size), bias_(bias) {
  weight_ih = register_parameter("weight_ih", empty({num_chunks * hidden_size, input_size}));
  weight_hh = register_parameter("weight_hh", empty({num_chunks * hidden_size, hidden_size}));
  bias_ih = register_parameter("bias_ih", bias ? empty({num_chunks * hidden_size}) : Tensor(), bias);
  bias_hh = register_parameter("bias_hh", bias ? empty({num_chunks * hidden_size}) : Tensor(), bias);
  reset_parameters();
}

void RNNCellImplBase::reset_parameters() { init_uniform(*this, hidden_size_); }

void RNNCellImplBase::check_input(const Tensor& input, const char* name) const {
  WICK_CHECK(input.dim() == 1 || input.dim() == 2, name, ": Expected input to be 1D or 2D, got ",
             input.dim(), "D instead");
}

}  // namespace detail

namespace {
void print_cell(std::ostream& s, const char* name, int64_t in, int64_t h, bool bias,
                const char* nonlin) {
  s << "wick::nn::" << name << "(" << in << ", " << h;
  if (!bias) s << ", bias=false";
  if (nonlin) s << ", nonlinearity=" << nonlin;
  s << ")";
}
}  // namespace

RNNCellImpl::RNNCellImpl(const RNNCellOptions& o)
    : detail::RNNCellImplBase(o.input_size(), o.hidden_size(), o.bias(), 1), options(o) {}

Tensor RNNCellImpl::forward(const Tensor& input, Tensor hx) {
  check_input(input, "RNNCell");
  const bool batched = input.dim() == 2;
  Tensor x = batched ? input : input.unsqueeze(0);
  if (!hx.defined())
    hx = zeros({x.size(0), hidden_size_}, x.options());
  else if (!batched)
    hx = hx.unsqueeze(0);
  Tensor r = options.nonlinearity() == kReLU
                 ? rnn_relu_cell(x, hx, weight_ih, weight_hh, bias_ih, bias_hh)
                 : rnn_tanh_cell(x, hx, weight_ih, weight_hh, bias_ih, bias_hh);
  return batched ? r : r.squeeze(0);
}

void RNNCellImpl::pretty_print(std::ostream& stream) const {
  print_cell(stream, "RNNCell", input_size_, hidden_size_, bias_,
             options.nonlinearity() == kReLU ? "kReLU" : nullptr);
}

LSTMCellImpl::LSTMCellImpl(const LSTMCellOptions& o)
    : detail::RNNCellImplBase(o.input_size(), o.hidden_size(), o.bias(), 4), options(o) {}

std::tuple<Tensor, Tensor> LSTMCellImpl::forward(const Tensor& input,
                                                 std::optional<std::tuple<Tensor, Tensor>> hx) {
  check_input(input, "LSTMCell");
  const bool batched = input.dim() == 2;
  Tensor x = batched ? input : input.unsqueeze(0);
  Tensor h, c;
  if (!hx) {
    h = zeros({x.size(0), hidden_size_}, x.options());
    c = h;
  } else {
    h = batched ? std::get<0>(*hx) : std::get<0>(*hx).unsqueeze(0);
    c = batched ? std::get<1>(*hx) : std::get<1>(*hx).unsqueeze(0);
  }
  auto [hy, cy] = lstm_cell(x, {h, c}, weight_ih, weight_hh, bias_ih, bias_hh);
  if (!batched) return {hy.squeeze(0), cy.squeeze(0)};
  return {hy, cy};
}

void LSTMCellImpl::pretty_print(std::ostream& stream) const {
  print_cell(stream, "LSTMCell", input_size_, hidden_size_, bias_, nullptr);
}

GRUCellImpl::GRUCellImpl(const GRUCellOptions& o)
    : detail::RNNCellImplBase(o.input_size(), o.hidden_size(), o.bias(), 3), options(o) {}

Tensor GRUCellImpl::forward(const Tensor& input, Tensor hx) {
  check_input(input, "GRUCell");
  const bool batched = input.dim() == 2;
  Tensor x = batched ? input : input.unsqueeze(0);
  if (!hx.defined())
    hx = zeros({x.size(0), hidden_size_}, x.options());
  else if (!batched)
    hx = hx.unsqueeze(0);
  Tensor r = gru_cell(x, hx, weight_ih, weight_hh, bias_ih, bias_hh);
  return batched ? r : r.squeeze(0);
}

void GRUCellImpl::pretty_print(std::ostream& stream) const {
  print_cell(stream, "GRUCell", input_size_, hidden_size_, bias_, nullptr);
}

}  // namespace wick::nn

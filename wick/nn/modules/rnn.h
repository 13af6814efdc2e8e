#pragma once
// wick::nn RNN / LSTM / GRU and their cells (LibTorch's torch::nn modules).
// Parameter names (weight_ih_l0, ..., _reverse, weight_hr_l0) and the
// initialisation order are PyTorch's, so the same seed gives the same weights.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "wick/nn/init.h"
#include "wick/nn/module.h"
#include "wick/nn/options.h"
#include "wick/nn/utils/rnn.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {

enum class RNNMode { kLSTM, kGRU, kRNN_TANH, kRNN_RELU };

struct RNNOptionsBase {
  RNNOptionsBase(RNNMode mode, int64_t input_size, int64_t hidden_size)
      : mode_(mode), input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(RNNMode, mode);
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(int64_t, num_layers) = 1;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(double, dropout) = 0.0;
  WICK_ARG(bool, bidirectional) = false;
  WICK_ARG(int64_t, proj_size) = 0;
};

struct RNNOptions {
  RNNOptions(int64_t input_size, int64_t hidden_size)
      : input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(int64_t, num_layers) = 1;
  WICK_ARG(Nonlinearity, nonlinearity) = kTanh;  // kTanh or kReLU
  WICK_ARG(bool, bias) = true;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(double, dropout) = 0.0;
  WICK_ARG(bool, bidirectional) = false;
};

struct LSTMOptions {
  LSTMOptions(int64_t input_size, int64_t hidden_size)
      : input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(int64_t, num_layers) = 1;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(double, dropout) = 0.0;
  WICK_ARG(bool, bidirectional) = false;
  WICK_ARG(int64_t, proj_size) = 0;
};

struct GRUOptions {
  GRUOptions(int64_t input_size, int64_t hidden_size)
      : input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(int64_t, num_layers) = 1;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(double, dropout) = 0.0;
  WICK_ARG(bool, bidirectional) = false;
};

namespace detail {

class RNNImplBase : public Module {
 public:
  explicit RNNImplBase(const RNNOptionsBase& options);
  void reset_parameters() override;
  void flatten_parameters() {}  // no-op: the kernels read the weights in place
  std::vector<Tensor> all_weights() const;
  void pretty_print(std::ostream& stream) const override;

  RNNOptionsBase options_base;

 protected:
  void check_input(const Tensor& input, const Tensor& batch_sizes) const;
  std::vector<int64_t> expected_hidden_size(const Tensor& input, const Tensor& batch_sizes,
                                            bool cell) const;
  void check_hidden_size(const Tensor& hx, const std::vector<int64_t>& expected,
                         const char* what) const;
  Tensor permute_hidden(const Tensor& hx, const Tensor& permutation) const;
  // RNN and GRU forwards (padded and packed input).
  std::tuple<Tensor, Tensor> forward_padded(const Tensor& input, Tensor hx, const char* noun);
  std::tuple<utils::rnn::PackedSequence, Tensor> forward_packed(const utils::rnn::PackedSequence& packed,
                                                                 Tensor hx);
  std::vector<Tensor> flat_weights() const;
  // Shared by RNN and GRU: returns (output, h_n).
  std::tuple<Tensor, Tensor> forward_single(const Tensor& input, const Tensor& batch_sizes,
                                            const Tensor& sorted_indices, int64_t max_batch_size,
                                            Tensor hx);

  std::vector<std::string> flat_weights_names_;
  std::vector<std::vector<std::string>> all_weights_;
  const char* name_;
};

}  // namespace detail

class RNNImpl : public detail::RNNImplBase {
 public:
  RNNImpl(int64_t input_size, int64_t hidden_size)
      : RNNImpl(RNNOptions(input_size, hidden_size)) {}
  explicit RNNImpl(const RNNOptions& options);
  std::tuple<Tensor, Tensor> forward(const Tensor& input, Tensor hx = {});
  std::tuple<utils::rnn::PackedSequence, Tensor> forward_with_packed_input(
      const utils::rnn::PackedSequence& packed_input, Tensor hx = {});
  RNNOptions options;
};
WICK_MODULE(RNN);

class LSTMImpl : public detail::RNNImplBase {
 public:
  LSTMImpl(int64_t input_size, int64_t hidden_size)
      : LSTMImpl(LSTMOptions(input_size, hidden_size)) {}
  explicit LSTMImpl(const LSTMOptions& options);
  std::tuple<Tensor, std::tuple<Tensor, Tensor>> forward(
      const Tensor& input, std::optional<std::tuple<Tensor, Tensor>> hx = std::nullopt);
  std::tuple<utils::rnn::PackedSequence, std::tuple<Tensor, Tensor>> forward_with_packed_input(
      const utils::rnn::PackedSequence& packed_input,
      std::optional<std::tuple<Tensor, Tensor>> hx = std::nullopt);
  LSTMOptions options;

 private:
  std::tuple<Tensor, std::tuple<Tensor, Tensor>> forward_helper(
      const Tensor& input, const Tensor& batch_sizes, const Tensor& sorted_indices,
      int64_t max_batch_size, std::optional<std::tuple<Tensor, Tensor>> hx);
};
WICK_MODULE(LSTM);

class GRUImpl : public detail::RNNImplBase {
 public:
  GRUImpl(int64_t input_size, int64_t hidden_size)
      : GRUImpl(GRUOptions(input_size, hidden_size)) {}
  explicit GRUImpl(const GRUOptions& options);
  std::tuple<Tensor, Tensor> forward(const Tensor& input, Tensor hx = {});
  std::tuple<utils::rnn::PackedSequence, Tensor> forward_with_packed_input(
      const utils::rnn::PackedSequence& packed_input, Tensor hx = {});
  GRUOptions options;
};
WICK_MODULE(GRU);

// ---- cells ---------------------------------------------------------------------------

struct RNNCellOptions {
  RNNCellOptions(int64_t input_size, int64_t hidden_size)
      : input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(bool, bias) = true;
  WICK_ARG(Nonlinearity, nonlinearity) = kTanh;
};

struct LSTMCellOptions {
  LSTMCellOptions(int64_t input_size, int64_t hidden_size)
      : input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(bool, bias) = true;
};

struct GRUCellOptions {
  GRUCellOptions(int64_t input_size, int64_t hidden_size)
      : input_size_(input_size), hidden_size_(hidden_size) {}
  WICK_ARG(int64_t, input_size);
  WICK_ARG(int64_t, hidden_size);
  WICK_ARG(bool, bias) = true;
};

namespace detail {

class RNNCellImplBase : public Module {
 public:
  RNNCellImplBase(int64_t input_size, int64_t hidden_size, bool bias, int64_t num_chunks);
  void reset_parameters() override;
  Tensor weight_ih, weight_hh, bias_ih, bias_hh;

 protected:
  void check_input(const Tensor& input, const char* name) const;
  int64_t input_size_, hidden_size_;
  bool bias_;
};

}  // namespace detail

class RNNCellImpl : public detail::RNNCellImplBase {
 public:
  RNNCellImpl(int64_t input_size, int64_t hidden_size)
      : RNNCellImpl(RNNCellOptions(input_size, hidden_size)) {}
  explicit RNNCellImpl(const RNNCellOptions& options);
  Tensor forward(const Tensor& input, Tensor hx = {});
  void pretty_print(std::ostream& stream) const override;
  RNNCellOptions options;
};
WICK_MODULE(RNNCell);

class LSTMCellImpl : public detail::RNNCellImplBase {
 public:
  LSTMCellImpl(int64_t input_size, int64_t hidden_size)
      : LSTMCellImpl(LSTMCellOptions(input_size, hidden_size)) {}
  explicit LSTMCellImpl(const LSTMCellOptions& options);
  std::tuple<Tensor, Tensor> forward(const Tensor& input,
                                     std::optional<std::tuple<Tensor, Tensor>> hx = std::nullopt);
  void pretty_print(std::ostream& stream) const override;
  LSTMCellOptions options;
};
WICK_MODULE(LSTMCell);

class GRUCellImpl : public detail::RNNCellImplBase {
 public:
  GRUCellImpl(int64_t input_size, int64_t hidden_size)
      : GRUCellImpl(GRUCellOptions(input_size, hidden_size)) {}
  explicit GRUCellImpl(const GRUCellOptions& options);
  Tensor forward(const Tensor& input, Tensor hx = {});
  void pretty_print(std::ostream& stream) const override;
  GRUCellOptions options;
};
WICK_MODULE(GRUCell);

}  // namespace wick::nn

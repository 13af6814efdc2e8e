#pragma once
// Recurrent-network ops: RNN/LSTM/GRU cells and the multi-layer sequence ops,
// with ATen's names and signatures.
//
// params is the flat weight list in PyTorch's order: for each layer, for each
// direction: w_ih, w_hh, [b_ih, b_hh] (has_biases), [w_hr] (LSTM proj_size).
// Each layer computes the input projection of all its timesteps with one GEMM;
// each step then does one GEMM for the hidden projection and one fused
// pointwise kernel for the gates (its own autograd node, with a composite
// backward under create_graph so double backward works).
#include <tuple>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- cells ---------------------------------------------------------------------------
Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih = {}, const Tensor& b_hh = {});
Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const Tensor& b_ih = {}, const Tensor& b_hh = {});
// hx = {h, c}; returns (h', c').
std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, TensorList hx, const Tensor& w_ih,
                                     const Tensor& w_hh, const Tensor& b_ih = {},
                                     const Tensor& b_hh = {});
Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                const Tensor& b_ih = {}, const Tensor& b_hh = {});

// The fused pointwise parts (PyTorch's _thnn_fused_lstm_cell / _thnn_fused_gru_cell
// take the same roles). gates: (B, 4H) pre-activations (input and hidden
// projections plus both biases), cx: (B, H). Returns (h', c').
std::tuple<Tensor, Tensor> fused_lstm_cell(const Tensor& gates, const Tensor& cx);
// input_gates, hidden_gates: (B, 3H) (each with its bias), hx: (B, H). Returns h'.
Tensor fused_gru_cell(const Tensor& input_gates, const Tensor& hidden_gates, const Tensor& hx);

// ---- sequence ops (input (T, B, I), or (B, T, I) with batch_first) ----------------
// hx = {h0, c0}; returns (output, h_n, c_n).
std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& input, TensorList hx, TensorList params,
                                        bool has_biases, int64_t num_layers, double dropout,
                                        bool train, bool bidirectional, bool batch_first);
// Packed form: data (N, I) and batch_sizes (T,) int64.
std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& data, const Tensor& batch_sizes,
                                        TensorList hx, TensorList params, bool has_biases,
                                        int64_t num_layers, double dropout, bool train,
                                        bool bidirectional);

std::tuple<Tensor, Tensor> gru(const Tensor& input, const Tensor& hx, TensorList params,
                               bool has_biases, int64_t num_layers, double dropout, bool train,
                               bool bidirectional, bool batch_first);
std::tuple<Tensor, Tensor> gru(const Tensor& data, const Tensor& batch_sizes, const Tensor& hx,
                               TensorList params, bool has_biases, int64_t num_layers,
                               double dropout, bool train, bool bidirectional);
std::tuple<Tensor, Tensor> rnn_tanh(const Tensor& input, const Tensor& hx, TensorList params,
                                    bool has_biases, int64_t num_layers, double dropout,
                                    bool train, bool bidirectional, bool batch_first);
std::tuple<Tensor, Tensor> rnn_tanh(const Tensor& data, const Tensor& batch_sizes,
                                    const Tensor& hx, TensorList params, bool has_biases,
                                    int64_t num_layers, double dropout, bool train,
                                    bool bidirectional);
std::tuple<Tensor, Tensor> rnn_relu(const Tensor& input, const Tensor& hx, TensorList params,
                                    bool has_biases, int64_t num_layers, double dropout,
                                    bool train, bool bidirectional, bool batch_first);
std::tuple<Tensor, Tensor> rnn_relu(const Tensor& data, const Tensor& batch_sizes,
                                    const Tensor& hx, TensorList params, bool has_biases,
                                    int64_t num_layers, double dropout, bool train,
                                    bool bidirectional);

// ---- packing (ATen's _pack_padded_sequence) -------------------------------------------
// input (T, B, *) (or (B, T, *) with batch_first), lengths: B decreasing ints
// (1-D int64 CPU tensor). Returns (data (N, *), batch_sizes (T',) int64);
// grad_fn PackPaddedSequenceBackward0.
std::tuple<Tensor, Tensor> _pack_padded_sequence(const Tensor& input, const Tensor& lengths,
                                                 bool batch_first);

}  // namespace wick

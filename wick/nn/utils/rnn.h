#pragma once
// wick::nn::utils::rnn: PackedSequence, pack/pad helpers (LibTorch's
// torch::nn::utils::rnn). Packing and padding are one index_select each, so
// gradients flow through them.
#include <tuple>
#include <vector>

#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::utils::rnn {

// The inverse of a permutation (undefined in, undefined out).
Tensor invert_permutation(const Tensor& permutation);

// data (N, *) of sequences packed step by step, batch_sizes (T,) int64 on the
// CPU, and the permutation that sorted the batch by decreasing length
// (undefined when the batch was already sorted).
class PackedSequence {
 public:
  explicit PackedSequence(Tensor data, Tensor batch_sizes, Tensor sorted_indices = {},
                          Tensor unsorted_indices = {});
  const Tensor& data() const { return data_; }
  const Tensor& batch_sizes() const { return batch_sizes_; }
  const Tensor& sorted_indices() const { return sorted_indices_; }
  const Tensor& unsorted_indices() const { return unsorted_indices_; }
  PackedSequence to(ScalarType dtype) const;
  bool is_cuda() const { return false; }

 private:
  Tensor data_, batch_sizes_, sorted_indices_, unsorted_indices_;
};

// input (T, B, *) (or (B, T, *) with batch_first); lengths: B ints (1-D int64 tensor).
PackedSequence pack_padded_sequence(Tensor input, Tensor lengths, bool batch_first = false,
                                    bool enforce_sorted = true);
// Returns (padded, lengths).
std::tuple<Tensor, Tensor> pad_packed_sequence(const PackedSequence& sequence,
                                               bool batch_first = false,
                                               double padding_value = 0.0,
                                               std::optional<int64_t> total_length = std::nullopt);
Tensor pad_sequence(TensorList sequences, bool batch_first = false, double padding_value = 0);
PackedSequence pack_sequence(TensorList sequences, bool enforce_sorted = true);
std::vector<Tensor> unpack_sequence(const PackedSequence& packed);
std::vector<Tensor> unpad_sequence(const Tensor& padded, const Tensor& lengths,
                                   bool batch_first = false);

}  // namespace wick::nn::utils::rnn

#pragma once
// wick::nn::functional (embedding), LibTorch's torch::nn::functional:
//   F::embedding(idx, w, F::EmbeddingFuncOptions().padding_idx(0)), F::one_hot(t, 5),
//   F::embedding_bag(idx, w, F::EmbeddingBagFuncOptions().offsets(off).mode(wick::kSum))
#include <optional>

#include "wick/nn/modules/embedding.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

Tensor one_hot(const Tensor& tensor, int64_t num_classes = -1);

struct EmbeddingFuncOptions {
  WICK_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  WICK_ARG(std::optional<double>, max_norm) = std::nullopt;
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(bool, sparse) = false;
};
// With max_norm, the rows looked up are renormalised in place in weight first.
Tensor embedding(const Tensor& input, const Tensor& weight, const EmbeddingFuncOptions& options = {});

struct EmbeddingBagFuncOptions {
  WICK_ARG(Tensor, offsets) = Tensor();
  WICK_ARG(std::optional<double>, max_norm) = std::nullopt;
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(EmbeddingBagMode, mode) = kMean;
  WICK_ARG(bool, sparse) = false;
  WICK_ARG(Tensor, per_sample_weights) = Tensor();
  WICK_ARG(bool, include_last_offset) = false;
  WICK_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
};
Tensor embedding_bag(const Tensor& input, const Tensor& weight,
                     const EmbeddingBagFuncOptions& options = {});

}  // namespace wick::nn::functional

#pragma once
// Embedding (a lookup table of num_embeddings rows of embedding_dim values) and
// EmbeddingBag (sums, means or maxes of bags of rows), with from_pretrained.
#include <optional>

#include "wick/nn/module.h"
#include "wick/nn/modules/loss.h"  // wick::kSum, wick::kMean
#include "wick/nn/options.h"

namespace wick {
// EmbeddingBag's third mode (kSum and kMean are the reduction constants).
inline constexpr int64_t kMax = 3;
}  // namespace wick

namespace wick::nn {

// wick::kSum, wick::kMean or wick::kMax.
using EmbeddingBagMode = int64_t;

struct EmbeddingOptions {
  EmbeddingOptions(int64_t num_embeddings, int64_t embedding_dim)
      : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {}
  WICK_ARG(int64_t, num_embeddings);
  WICK_ARG(int64_t, embedding_dim);
  WICK_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  WICK_ARG(std::optional<double>, max_norm) = std::nullopt;
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(bool, sparse) = false;
  // Used as the table instead of a normal(0, 1) initialisation.
  WICK_ARG(Tensor, _weight) = Tensor();
};

struct EmbeddingFromPretrainedOptions {
  WICK_ARG(bool, freeze) = true;
  WICK_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  WICK_ARG(std::optional<double>, max_norm) = std::nullopt;
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(bool, sparse) = false;
};

class EmbeddingImpl : public Module {
 public:
  EmbeddingImpl(int64_t num_embeddings, int64_t embedding_dim)
      : EmbeddingImpl(EmbeddingOptions(num_embeddings, embedding_dim)) {}
  explicit EmbeddingImpl(const EmbeddingOptions& options);
  Tensor forward(const Tensor& indices);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;
  EmbeddingOptions options;
  Tensor weight;
};

class Embedding : public ModuleHolder<EmbeddingImpl> {
 public:
  using ModuleHolder<EmbeddingImpl>::ModuleHolder;
  Embedding() : ModuleHolder<EmbeddingImpl>() {}
  // A table holding `embeddings` (2-D); frozen (no gradient) unless freeze(false).
  static Embedding from_pretrained(const Tensor& embeddings,
                                   const EmbeddingFromPretrainedOptions& options = {});
};

struct EmbeddingBagOptions {
  EmbeddingBagOptions(int64_t num_embeddings, int64_t embedding_dim)
      : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {}
  WICK_ARG(int64_t, num_embeddings);
  WICK_ARG(int64_t, embedding_dim);
  WICK_ARG(std::optional<double>, max_norm) = std::nullopt;
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(EmbeddingBagMode, mode) = kMean;
  WICK_ARG(bool, sparse) = false;
  WICK_ARG(Tensor, _weight) = Tensor();
  WICK_ARG(bool, include_last_offset) = false;
  WICK_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
};

struct EmbeddingBagFromPretrainedOptions {
  WICK_ARG(bool, freeze) = true;
  WICK_ARG(std::optional<double>, max_norm) = std::nullopt;
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(EmbeddingBagMode, mode) = kMean;
  WICK_ARG(bool, sparse) = false;
  WICK_ARG(bool, include_last_offset) = false;
  WICK_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
};

class EmbeddingBagImpl : public Module {
 public:
  EmbeddingBagImpl(int64_t num_embeddings, int64_t embedding_dim)
      : EmbeddingBagImpl(EmbeddingBagOptions(num_embeddings, embedding_dim)) {}
  explicit EmbeddingBagImpl(const EmbeddingBagOptions& options);
  // input 1-D with offsets (bag starts), or 2-D (one bag per row) without.
  Tensor forward(const Tensor& input, const Tensor& offsets = {},
                 const Tensor& per_sample_weights = {});
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;
  EmbeddingBagOptions options;
  Tensor weight;
};

class EmbeddingBag : public ModuleHolder<EmbeddingBagImpl> {
 public:
  using ModuleHolder<EmbeddingBagImpl>::ModuleHolder;
  EmbeddingBag() : ModuleHolder<EmbeddingBagImpl>() {}
  static EmbeddingBag from_pretrained(const Tensor& embeddings,
                                      const EmbeddingBagFromPretrainedOptions& options = {});
};

}  // namespace wick::nn

#pragma once
// CosineSimilarity / PairwiseDistance (LibTorch's shape).
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct CosineSimilarityOptions {
  WICK_ARG(int64_t, dim) = 1;
  WICK_ARG(double, eps) = 1e-8;
};

class CosineSimilarityImpl : public Module {
 public:
  explicit CosineSimilarityImpl(const CosineSimilarityOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& input1, const Tensor& input2);
  void pretty_print(std::ostream& stream) const override;
  CosineSimilarityOptions options;
};
WICK_MODULE(CosineSimilarity);

struct PairwiseDistanceOptions {
  WICK_ARG(double, p) = 2.0;
  WICK_ARG(double, eps) = 1e-6;
  WICK_ARG(bool, keepdim) = false;
};

class PairwiseDistanceImpl : public Module {
 public:
  explicit PairwiseDistanceImpl(const PairwiseDistanceOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& input1, const Tensor& input2);
  void pretty_print(std::ostream& stream) const override;
  PairwiseDistanceOptions options;
};
WICK_MODULE(PairwiseDistance);

}  // namespace wick::nn

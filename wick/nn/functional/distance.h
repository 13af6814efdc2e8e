#pragma once
// wick::nn::functional (distance), LibTorch's torch::nn::functional:
//   F::cosine_similarity(a, b, F::CosineSimilarityFuncOptions().dim(1)),
//   F::pairwise_distance(a, b, F::PairwiseDistanceFuncOptions().p(1))
#include "wick/nn/modules/distance.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

using CosineSimilarityFuncOptions = CosineSimilarityOptions;
using PairwiseDistanceFuncOptions = PairwiseDistanceOptions;
Tensor cosine_similarity(const Tensor& x1, const Tensor& x2, const CosineSimilarityFuncOptions& options = {});
Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, const PairwiseDistanceFuncOptions& options = {});
// The p-norm distances between the rows of a 2-D input, pairs (i, j) with i < j in
// row-major order: N * (N - 1) / 2 values.
Tensor pdist(const Tensor& input, double p = 2.0);

}  // namespace wick::nn::functional

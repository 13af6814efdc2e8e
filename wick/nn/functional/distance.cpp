#include "wick/nn/functional/distance.h"

#include <vector>

#include "wick/ops/creation.h"
#include "wick/ops/norm.h"
#include "wick/ops/reduce.h"

namespace wick::nn::functional {

Tensor cosine_similarity(const Tensor& x1, const Tensor& x2, const CosineSimilarityFuncOptions& o) {
  return ::wick::cosine_similarity(x1, x2, o.dim(), o.eps());
}
Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, const PairwiseDistanceFuncOptions& o) {
  return ::wick::pairwise_distance(x1, x2, o.p(), o.eps(), o.keepdim());
}

Tensor pdist(const Tensor& input, double p) {
  WICK_CHECK(input.dim() == 2, "pdist only supports 2D tensors, got: ", input.dim(), "D");
  WICK_CHECK(p >= 0, "pdist only supports non-negative p values");
  const int64_t n = input.size(0);
  std::vector<int64_t> is, js;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = i + 1; j < n; ++j) is.push_back(i), js.push_back(j);
  if (is.empty()) return empty({0}, input.options());
  Tensor diff = input.index_select(0, tensor(is)) - input.index_select(0, tensor(js));
  return ::wick::norm(diff, p, {1});
}

}  // namespace wick::nn::functional

#include "wick/nn/functional/embedding.h"

#include "wick/autograd/grad_mode.h"
#include "wick/ops/norm.h"

namespace wick::nn::functional {
namespace {
int64_t wrap_padding_idx(const std::optional<int64_t>& padding_idx, int64_t rows) {
  if (!padding_idx) return -1;
  int64_t p = *padding_idx;
  WICK_CHECK(p < rows, "Padding_idx must be within num_embeddings");
  WICK_CHECK(p >= -rows, "Padding_idx must be within num_embeddings");
  return p < 0 ? p + rows : p;
}

void renorm(const Tensor& weight, const Tensor& input, double max_norm, double norm_type) {
  autograd::NoGradGuard g;
  Tensor w = weight;
  embedding_renorm_(w, input.contiguous(), max_norm, norm_type);
}

const char* mode_name(int64_t mode) {
  return mode == kSum ? "kSum" : mode == kMax ? "kMax" : "kMean";
}
}  // namespace

Tensor one_hot(const Tensor& tensor, int64_t num_classes) { return ::wick::one_hot(tensor, num_classes); }

Tensor embedding(const Tensor& input, const Tensor& weight, const EmbeddingFuncOptions& o) {
  WICK_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  const int64_t pad = wrap_padding_idx(o.padding_idx(), weight.size(0));
  if (o.max_norm()) renorm(weight, input, *o.max_norm(), o.norm_type());
  return ::wick::embedding(weight, input, pad, o.scale_grad_by_freq(), o.sparse());
}

Tensor embedding_bag(const Tensor& input, const Tensor& weight, const EmbeddingBagFuncOptions& o) {
  WICK_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  const int64_t m = o.mode();
  WICK_CHECK(m == kSum || m == kMean || m == kMax,
             "embedding_bag: mode has to be one of wick::kSum, wick::kMean or wick::kMax");
  const Tensor& psw = o.per_sample_weights();
  WICK_CHECK(!psw.defined() || psw.sizes().equals(input.sizes()), "embedding_bag: If per_sample_weights (",
             psw.defined() ? psw.sizes() : IntArrayRef(), ") is not null, then it must have the same shape as the input (",
             input.sizes(), ")");
  WICK_CHECK(!psw.defined() || m == kSum,
             "embedding_bag: per_sample_weights was not null. per_sample_weights is only supported for "
             "mode='kSum' (got mode='", mode_name(m), "').Please open a feature request on GitHub.");
  const int64_t pad = wrap_padding_idx(o.padding_idx(), weight.size(0));
  if (o.max_norm()) renorm(weight, input, *o.max_norm(), o.norm_type());
  const int64_t op_mode = m == kSum ? 0 : m == kMean ? 1 : 2;
  return std::get<0>(::wick::embedding_bag(weight, input, o.offsets(), o.scale_grad_by_freq(), op_mode,
                                           o.sparse(), psw, o.include_last_offset(), pad));
}

}  // namespace wick::nn::functional

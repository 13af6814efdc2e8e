#include "wick/nn/modules/embedding.h"

#include <ostream>

#include "wick/autograd/grad_mode.h"
#include "wick/nn/functional/embedding.h"
#include "wick/nn/init.h"
#include "wick/ops/creation.h"

namespace wick::nn {
namespace {
void wrap_padding_idx(std::optional<int64_t>& p, int64_t n) {
  if (!p) return;
  WICK_CHECK(*p < n, "Padding_idx must be within num_embeddings");
  WICK_CHECK(*p >= -n, "Padding_idx must be within num_embeddings");
  if (*p < 0) *p += n;
}

Tensor register_table(Module& m, const Tensor& given, int64_t rows, int64_t cols, bool& drawn) {
  drawn = !given.defined();
  if (!given.defined()) return m.register_parameter("weight", empty({rows, cols}));
  WICK_CHECK(given.sizes().equals({rows, cols}),
             "Shape of _weight does not match num_embeddings and embedding_dim");
  return m.register_parameter("weight", given);
}

void zero_padding_row(Tensor& weight, const std::optional<int64_t>& p) {
  if (!p) return;
  autograd::NoGradGuard g;
  weight.select(0, *p).fill_(0);
}

Tensor check_pretrained(const Tensor& embeddings) {
  WICK_CHECK(embeddings.dim() == 2, "Embeddings parameter is expected to be 2-dimensional");
  return embeddings;
}

const char* mode_name(int64_t mode) {
  return mode == kSum ? "kSum" : mode == kMax ? "kMax" : "kMean";
}
}  // namespace

// ---- Embedding ------------------------------------------------------------------

EmbeddingImpl::EmbeddingImpl(const EmbeddingOptions& options_) : options(options_) {
  wrap_padding_idx(options.padding_idx(), options.num_embeddings());
  bool drawn = false;
  weight = register_table(*this, options._weight(), options.num_embeddings(), options.embedding_dim(), drawn);
  if (drawn) reset_parameters();
}

void EmbeddingImpl::reset_parameters() {
  init::normal_(weight);
  zero_padding_row(weight, options.padding_idx());
}

Tensor EmbeddingImpl::forward(const Tensor& indices) {
  return functional::embedding(indices, weight,
                               functional::EmbeddingFuncOptions()
                                   .padding_idx(options.padding_idx())
                                   .max_norm(options.max_norm())
                                   .norm_type(options.norm_type())
                                   .scale_grad_by_freq(options.scale_grad_by_freq())
                                   .sparse(options.sparse()));
}

void EmbeddingImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::Embedding(num_embeddings=" << options.num_embeddings()
    << ", embedding_dim=" << options.embedding_dim();
  if (options.padding_idx()) s << ", padding_idx=" << *options.padding_idx();
  if (options.max_norm()) s << ", max_norm=" << *options.max_norm();
  if (options.norm_type() != 2) s << ", norm_type=" << options.norm_type();
  if (options.scale_grad_by_freq()) s << ", scale_grad_by_freq=true";
  if (options.sparse()) s << ", sparse=true";
  s << ")";
}

Embedding Embedding::from_pretrained(const Tensor& embeddings, const EmbeddingFromPretrainedOptions& o) {
  check_pretrained(embeddings);
  Embedding e(EmbeddingOptions(embeddings.size(0), embeddings.size(1))
                  ._weight(embeddings)
                  .padding_idx(o.padding_idx())
                  .max_norm(o.max_norm())
                  .norm_type(o.norm_type())
                  .scale_grad_by_freq(o.scale_grad_by_freq())
                  .sparse(o.sparse()));
  e->weight.set_requires_grad(!o.freeze());
  return e;
}

// ---- EmbeddingBag ---------------------------------------------------------------

EmbeddingBagImpl::EmbeddingBagImpl(const EmbeddingBagOptions& options_) : options(options_) {
  const int64_t m = options.mode();
  WICK_CHECK(m == kSum || m == kMean || m == kMax,
             "EmbeddingBag: mode has to be one of wick::kSum, wick::kMean or wick::kMax");
  wrap_padding_idx(options.padding_idx(), options.num_embeddings());
  bool drawn = false;
  weight = register_table(*this, options._weight(), options.num_embeddings(), options.embedding_dim(), drawn);
  if (drawn) reset_parameters();
}

void EmbeddingBagImpl::reset_parameters() {
  init::normal_(weight);
  zero_padding_row(weight, options.padding_idx());
}

Tensor EmbeddingBagImpl::forward(const Tensor& input, const Tensor& offsets, const Tensor& per_sample_weights) {
  return functional::embedding_bag(input, weight,
                                   functional::EmbeddingBagFuncOptions()
                                       .offsets(offsets)
                                       .max_norm(options.max_norm())
                                       .norm_type(options.norm_type())
                                       .scale_grad_by_freq(options.scale_grad_by_freq())
                                       .mode(options.mode())
                                       .sparse(options.sparse())
                                       .per_sample_weights(per_sample_weights)
                                       .include_last_offset(options.include_last_offset())
                                       .padding_idx(options.padding_idx()));
}

void EmbeddingBagImpl::pretty_print(std::ostream& s) const {
  s << std::boolalpha << "wick::nn::EmbeddingBag(num_embeddings=" << options.num_embeddings()
    << ", embedding_dim=" << options.embedding_dim();
  if (options.max_norm()) s << ", max_norm=" << *options.max_norm();
  if (options.norm_type() != 2) s << ", norm_type=" << options.norm_type();
  if (options.scale_grad_by_freq()) s << ", scale_grad_by_freq=true";
  if (options.sparse()) s << ", sparse=true";
  if (options.mode() != kMean) s << ", mode=" << mode_name(options.mode());
  if (options.include_last_offset()) s << ", include_last_offset=true";
  if (options.padding_idx()) s << ", padding_idx=" << *options.padding_idx();
  s << ")";
}

EmbeddingBag EmbeddingBag::from_pretrained(const Tensor& embeddings,
                                           const EmbeddingBagFromPretrainedOptions& o) {
  check_pretrained(embeddings);
  EmbeddingBag e(EmbeddingBagOptions(embeddings.size(0), embeddings.size(1))
                     ._weight(embeddings)
                     .max_norm(o.max_norm())
                     .norm_type(o.norm_type())
                     .scale_grad_by_freq(o.scale_grad_by_freq())
                     .mode(o.mode())
                     .sparse(o.sparse())
                     .include_last_offset(o.include_last_offset())
                     .padding_idx(o.padding_idx()));
  e->weight.set_requires_grad(!o.freeze());
  return e;
}

}  // namespace wick::nn

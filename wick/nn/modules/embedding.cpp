#include "wick/nn/modules/embedding.h"

#include <ostream>

#include "wick/autograd/grad_mode.h"
#include "wick/nn/init.h"
#include "wick/ops/creation.h"
#include "wick/ops/norm.h"

namespace wick::nn {

EmbeddingImpl::EmbeddingImpl(const EmbeddingOptions& options_) : options(options_) {
  if (auto& p = options.padding_idx()) {
    int64_t n = options.num_embeddings();
    WICK_CHECK(*p < n && *p >= -n, "Padding_idx must be within num_embeddings");
    if (*p < 0) *p += n;
  }
  if (options._weight().defined()) {
    WICK_CHECK(options._weight().sizes().equals({options.num_embeddings(), options.embedding_dim()}),
               "Shape of _weight does not match num_embeddings and embedding_dim");
    weight = register_parameter("weight", options._weight());
  } else {
    weight = register_parameter("weight", empty({options.num_embeddings(), options.embedding_dim()}));
    reset_parameters();
  }
}

void EmbeddingImpl::reset_parameters() {
  init::normal_(weight);
  if (options.padding_idx()) {
    autograd::NoGradGuard g;
    weight.select(0, *options.padding_idx()).fill_(0);
  }
}

Tensor EmbeddingImpl::forward(const Tensor& indices) {
  if (options.max_norm()) {
    autograd::NoGradGuard g;
    Tensor w = weight;
    embedding_renorm_(w, indices.contiguous(), *options.max_norm(), options.norm_type());
  }
  return embedding(weight, indices, options.padding_idx().value_or(-1), options.scale_grad_by_freq(),
                   options.sparse());
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

}  // namespace wick::nn

#include "wick/nn/modules/attention.h"

#include <ostream>

#include "wick/nn/init.h"
#include "wick/ops/creation.h"

namespace wick::nn {

MultiheadAttentionImpl::MultiheadAttentionImpl(const MultiheadAttentionOptions& options_)
    : options(options_) {
  const int64_t E = options.embed_dim(), H = options.num_heads();
  if (E <= 0 || H <= 0)
    throw ValueError(str("embed_dim and num_heads must be greater than 0, got embed_dim=", E,
                         " and num_heads=", H, " instead"));
  _qkv_same_embed_dim = options.kdim() == E && options.vdim() == E;
  head_dim = E / H;
  WICK_CHECK(head_dim * H == E, "embed_dim must be divisible by num_heads");
  if (!_qkv_same_embed_dim) {
    q_proj_weight = register_parameter("q_proj_weight", empty({E, E}));
    k_proj_weight = register_parameter("k_proj_weight", empty({E, options.kdim()}));
    v_proj_weight = register_parameter("v_proj_weight", empty({E, options.vdim()}));
  } else {
    in_proj_weight = register_parameter("in_proj_weight", empty({3 * E, E}));
  }
  if (options.bias()) in_proj_bias = register_parameter("in_proj_bias", empty({3 * E}));
  out_proj = register_module("out_proj", Linear(LinearOptions(E, E).bias(options.bias())));
  if (options.add_bias_kv()) {
    bias_k = register_parameter("bias_k", empty({1, 1, E}));
    bias_v = register_parameter("bias_v", empty({1, 1, E}));
  }
  _reset_parameters();
}

void MultiheadAttentionImpl::_reset_parameters() {
  if (_qkv_same_embed_dim) {
    init::xavier_uniform_(in_proj_weight);
  } else {
    init::xavier_uniform_(q_proj_weight);
    init::xavier_uniform_(k_proj_weight);
    init::xavier_uniform_(v_proj_weight);
  }
  if (in_proj_bias.defined()) {
    init::constant_(in_proj_bias, 0.);
    init::constant_(out_proj->bias, 0.);
  }
  if (bias_k.defined()) init::xavier_normal_(bias_k);
  if (bias_v.defined()) init::xavier_normal_(bias_v);
}

std::tuple<Tensor, Tensor> MultiheadAttentionImpl::forward(
    const Tensor& query, const Tensor& key, const Tensor& value, const Tensor& key_padding_mask,
    bool need_weights, const Tensor& attn_mask, bool average_attn_weights, bool is_causal) {
  namespace F = functional;
  const bool is_batched = query.dim() == 3;
  Tensor kpm = F::_canonical_mask(key_padding_mask, "key_padding_mask", query.dtype());
  Tensor am = F::_canonical_mask(attn_mask, "attn_mask", query.dtype());
  Tensor q = query, k = key, v = value;
  const bool tr = options.batch_first() && is_batched;
  if (tr) {
    // Keep "query is key is value" through the transpose (packed projection).
    if (key.is_same(value)) {
      if (query.is_same(key)) {
        q = k = v = query.transpose(1, 0);
      } else {
        q = query.transpose(1, 0);
        k = v = key.transpose(1, 0);
      }
    } else {
      q = query.transpose(1, 0);
      k = key.transpose(1, 0);
      v = value.transpose(1, 0);
    }
  }
  F::MultiheadAttentionForwardFuncOptions o(options.embed_dim(), options.num_heads(),
                                            in_proj_weight, in_proj_bias, bias_k, bias_v,
                                            options.add_zero_attn(), options.dropout(),
                                            out_proj->weight, out_proj->bias);
  o.training(is_training()).key_padding_mask(kpm).need_weights(need_weights).attn_mask(am)
      .average_attn_weights(average_attn_weights).is_causal(is_causal);
  if (!_qkv_same_embed_dim)
    o.use_separate_proj_weight(true).q_proj_weight(q_proj_weight).k_proj_weight(k_proj_weight)
        .v_proj_weight(v_proj_weight);
  auto [out, w] = F::multi_head_attention_forward(q, k, v, o);
  if (tr) out = out.transpose(1, 0);
  return {out, w};
}

void MultiheadAttentionImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::MultiheadAttention";
}

}  // namespace wick::nn

#pragma once
// wick::nn::MultiheadAttention, LibTorch's torch::nn::MultiheadAttention (plus
// PyTorch 2.x's batch_first and is_causal). Parameters and their names are
// Python's: in_proj_weight (or q/k/v_proj_weight when kdim/vdim differ from
// embed_dim), in_proj_bias, bias_k, bias_v, out_proj.{weight,bias}.
#include <tuple>

#include "wick/nn/functional/attention.h"
#include "wick/nn/module.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {

struct MultiheadAttentionOptions {
  MultiheadAttentionOptions(int64_t embed_dim, int64_t num_heads)
      : embed_dim_(embed_dim), num_heads_(num_heads), kdim_(embed_dim), vdim_(embed_dim) {}
  WICK_ARG(int64_t, embed_dim);
  WICK_ARG(int64_t, num_heads);
  WICK_ARG(double, dropout) = 0.0;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(bool, add_bias_kv) = false;
  WICK_ARG(bool, add_zero_attn) = false;
  WICK_ARG(int64_t, kdim);
  WICK_ARG(int64_t, vdim);
  WICK_ARG(bool, batch_first) = false;
};

class MultiheadAttentionImpl : public Module {
 public:
  MultiheadAttentionImpl(int64_t embed_dim, int64_t num_heads)
      : MultiheadAttentionImpl(MultiheadAttentionOptions(embed_dim, num_heads)) {}
  explicit MultiheadAttentionImpl(const MultiheadAttentionOptions& options);

  // (attn_output, attn_output_weights); weights undefined when !need_weights.
  std::tuple<Tensor, Tensor> forward(const Tensor& query, const Tensor& key, const Tensor& value,
                                     const Tensor& key_padding_mask = {}, bool need_weights = true,
                                     const Tensor& attn_mask = {},
                                     bool average_attn_weights = true, bool is_causal = false);
  void reset_parameters() override { _reset_parameters(); }
  void _reset_parameters();
  void pretty_print(std::ostream& stream) const override;

  MultiheadAttentionOptions options;
  bool _qkv_same_embed_dim;
  int64_t head_dim;
  Tensor in_proj_weight, in_proj_bias, bias_k, bias_v;
  Tensor q_proj_weight, k_proj_weight, v_proj_weight;
  Linear out_proj{nullptr};
};
WICK_MODULE(MultiheadAttention);

}  // namespace wick::nn

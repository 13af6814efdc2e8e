#include "wick/nn/modules/transformer.h"

#include <limits>
#include <ostream>

#include "wick/nn/init.h"
#include "wick/ops/binary.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/unary.h"

namespace wick::nn {

TransformerActivation::TransformerActivation(Nonlinearity n) : kind_(kReluKind) {
  WICK_CHECK(n == kReLU, "activation should be relu/gelu, not ", static_cast<int>(n));
}

Tensor TransformerActivation::operator()(const Tensor& x) const {
  if (kind_ == kReluKind) return relu(x);
  if (kind_ == kGeluKind) return gelu(x);
  return fn_(x);
}

namespace {

namespace F = functional;

// Whether `mask` is the square causal mask for `size` (PyTorch's _detect_is_causal_mask).
bool detect_is_causal(const Tensor& mask, int is_causal, int64_t size) {
  if (is_causal == 1) return true;
  if (is_causal == 0 || !mask.defined()) return false;
  const int64_t sz = size > 0 ? size : mask.size(-2);
  Tensor causal = triu(full({sz, sz}, -std::numeric_limits<double>::infinity(),
                            TensorOptions(mask.dtype())),
                       1);
  if (mask.sizes() != causal.sizes()) return false;
  return mask.eq(causal).all().item<bool>();
}

int64_t seq_len(const Tensor& src, bool batch_first) {
  if (src.dim() == 2) return src.size(0);
  return src.size(batch_first ? 1 : 0);
}

LayerNorm make_norm(int64_t d_model, double eps) {
  return LayerNorm(LayerNormOptions({d_model}).eps(eps));
}

}  // namespace

// ---- encoder layer -----------------------------------------------------------------

TransformerEncoderLayerImpl::TransformerEncoderLayerImpl(const TransformerEncoderLayerOptions& o)
    : options(o) {
  self_attn = register_module(
      "self_attn", MultiheadAttention(MultiheadAttentionOptions(o.d_model(), o.nhead())
                                          .dropout(o.dropout())
                                          .batch_first(o.batch_first())));
  linear1 = register_module("linear1", Linear(o.d_model(), o.dim_feedforward()));
  dropout = register_module("dropout", Dropout(o.dropout()));
  linear2 = register_module("linear2", Linear(o.dim_feedforward(), o.d_model()));
  norm1 = register_module("norm1", make_norm(o.d_model(), o.layer_norm_eps()));
  norm2 = register_module("norm2", make_norm(o.d_model(), o.layer_norm_eps()));
  dropout1 = register_module("dropout1", Dropout(o.dropout()));
  dropout2 = register_module("dropout2", Dropout(o.dropout()));
}

void TransformerEncoderLayerImpl::reset_parameters() {
  self_attn->_reset_parameters();
  linear1->reset_parameters();
  linear2->reset_parameters();
  norm1->reset_parameters();
  norm2->reset_parameters();
}

Tensor TransformerEncoderLayerImpl::forward(const Tensor& src, const Tensor& src_mask,
                                            const Tensor& src_key_padding_mask, bool is_causal) {
  Tensor kpm = F::_canonical_mask(src_key_padding_mask, "src_key_padding_mask", src.dtype());
  Tensor mask = F::_canonical_mask(src_mask, "src_mask", src.dtype());
  auto sa = [&](const Tensor& x) {
    return dropout1(std::get<0>(self_attn->forward(x, x, x, kpm, false, mask, true, is_causal)));
  };
  auto ff = [&](const Tensor& x) {
    return dropout2(linear2(dropout(options.activation()(linear1(x)))));
  };
  Tensor x = src;
  if (options.norm_first()) {
    x = x + sa(norm1(x));
    x = x + ff(norm2(x));
  } else {
    x = norm1(x + sa(x));
    x = norm2(x + ff(x));
  }
  return x;
}

void TransformerEncoderLayerImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::TransformerEncoderLayer";
}

// ---- decoder layer -----------------------------------------------------------------

TransformerDecoderLayerImpl::TransformerDecoderLayerImpl(const TransformerDecoderLayerOptions& o)
    : options(o) {
  auto mha = [&] {
    return MultiheadAttention(MultiheadAttentionOptions(o.d_model(), o.nhead())
                                  .dropout(o.dropout())
                                  .batch_first(o.batch_first()));
  };
  self_attn = register_module("self_attn", mha());
  multihead_attn = register_module("multihead_attn", mha());
  linear1 = register_module("linear1", Linear(o.d_model(), o.dim_feedforward()));
  dropout = register_module("dropout", Dropout(o.dropout()));
  linear2 = register_module("linear2", Linear(o.dim_feedforward(), o.d_model()));
  norm1 = register_module("norm1", make_norm(o.d_model(), o.layer_norm_eps()));
  norm2 = register_module("norm2", make_norm(o.d_model(), o.layer_norm_eps()));
  norm3 = register_module("norm3", make_norm(o.d_model(), o.layer_norm_eps()));
  dropout1 = register_module("dropout1", Dropout(o.dropout()));
  dropout2 = register_module("dropout2", Dropout(o.dropout()));
  dropout3 = register_module("dropout3", Dropout(o.dropout()));
}

void TransformerDecoderLayerImpl::reset_parameters() {
  self_attn->_reset_parameters();
  multihead_attn->_reset_parameters();
  linear1->reset_parameters();
  linear2->reset_parameters();
  norm1->reset_parameters();
  norm2->reset_parameters();
  norm3->reset_parameters();
}

Tensor TransformerDecoderLayerImpl::forward(const Tensor& tgt, const Tensor& memory,
                                            const Tensor& tgt_mask, const Tensor& memory_mask,
                                            const Tensor& tgt_key_padding_mask,
                                            const Tensor& memory_key_padding_mask,
                                            bool tgt_is_causal, bool memory_is_causal) {
  auto sa = [&](const Tensor& x) {
    return dropout1(std::get<0>(
        self_attn->forward(x, x, x, tgt_key_padding_mask, false, tgt_mask, true, tgt_is_causal)));
  };
  auto mha = [&](const Tensor& x) {
    return dropout2(std::get<0>(multihead_attn->forward(
        x, memory, memory, memory_key_padding_mask, false, memory_mask, true, memory_is_causal)));
  };
  auto ff = [&](const Tensor& x) {
    return dropout3(linear2(dropout(options.activation()(linear1(x)))));
  };
  Tensor x = tgt;
  if (options.norm_first()) {
    x = x + sa(norm1(x));
    x = x + mha(norm2(x));
    x = x + ff(norm3(x));
  } else {
    x = norm1(x + sa(x));
    x = norm2(x + mha(x));
    x = norm3(x + ff(x));
  }
  return x;
}

void TransformerDecoderLayerImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::TransformerDecoderLayer";
}

// ---- encoder / decoder stacks --------------------------------------------------------

namespace {

// num_layers copies of `layer` with its weights and mode (PyTorch deep-copies the layer).
template <typename LayerHolder>
void push_clones(ModuleListImpl& layers, const LayerHolder& layer, int64_t num_layers) {
  auto state = layer->state_dict();
  for (int64_t i = 0; i < num_layers; ++i) {
    LayerHolder copy(layer->options);
    copy->load_state_dict(state);
    if (!layer->is_training()) copy->eval();
    layers.push_back(copy);
  }
}

}  // namespace

TransformerEncoderImpl::TransformerEncoderImpl(TransformerEncoderOptions o) : options(std::move(o)) {
  WICK_CHECK(!options.encoder_layer().is_empty(), "TransformerEncoder: encoder_layer is empty");
  layers = register_module("layers", ModuleList());
  push_clones(*layers, options.encoder_layer(), options.num_layers());
  norm = options.norm();
  if (!norm.is_empty()) register_module("norm", norm.ptr());
}

void TransformerEncoderImpl::reset_parameters() {
  for (const auto& l : *layers) l->reset_parameters();
  if (!norm.is_empty()) norm.ptr()->reset_parameters();
}

Tensor TransformerEncoderImpl::forward(const Tensor& src, const Tensor& src_mask,
                                       const Tensor& src_key_padding_mask, int is_causal) {
  Tensor kpm = F::_canonical_mask(src_key_padding_mask, "src_key_padding_mask", src.dtype());
  Tensor mask = F::_canonical_mask(src_mask, "mask", src.dtype());
  const bool bf = options.encoder_layer()->options.batch_first();
  const bool causal = detect_is_causal(mask, is_causal, seq_len(src, bf));
  Tensor out = src;
  for (const auto& l : *layers)
    out = dynamic_cast<TransformerEncoderLayerImpl&>(*l).forward(out, mask, kpm, causal);
  if (!norm.is_empty()) out = norm.forward(out);
  return out;
}

void TransformerEncoderImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::TransformerEncoder";
}

TransformerDecoderImpl::TransformerDecoderImpl(TransformerDecoderOptions o) : options(std::move(o)) {
  WICK_CHECK(!options.decoder_layer().is_empty(), "TransformerDecoder: decoder_layer is empty");
  layers = register_module("layers", ModuleList());
  push_clones(*layers, options.decoder_layer(), options.num_layers());
  norm = options.norm();
  if (!norm.is_empty()) register_module("norm", norm.ptr());
}

void TransformerDecoderImpl::reset_parameters() {
  for (const auto& l : *layers) l->reset_parameters();
  if (!norm.is_empty()) norm.ptr()->reset_parameters();
}

Tensor TransformerDecoderImpl::forward(const Tensor& tgt, const Tensor& memory,
                                       const Tensor& tgt_mask, const Tensor& memory_mask,
                                       const Tensor& tgt_key_padding_mask,
                                       const Tensor& memory_key_padding_mask, int tgt_is_causal,
                                       bool memory_is_causal) {
  const bool bf = options.decoder_layer()->options.batch_first();
  const bool causal = detect_is_causal(tgt_mask, tgt_is_causal, seq_len(tgt, bf));
  Tensor out = tgt;
  for (const auto& l : *layers)
    out = dynamic_cast<TransformerDecoderLayerImpl&>(*l).forward(
        out, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask, causal,
        memory_is_causal);
  if (!norm.is_empty()) out = norm.forward(out);
  return out;
}

void TransformerDecoderImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::TransformerDecoder";
}

// ---- Transformer ---------------------------------------------------------------------

TransformerImpl::TransformerImpl(TransformerOptions o) : options(std::move(o)) {
  if (!options.custom_encoder().is_empty()) {
    encoder = options.custom_encoder();
  } else {
    TransformerEncoderLayer layer(TransformerEncoderLayerOptions(options.d_model(), options.nhead())
                                      .dim_feedforward(options.dim_feedforward())
                                      .dropout(options.dropout())
                                      .activation(options.activation())
                                      .layer_norm_eps(options.layer_norm_eps())
                                      .batch_first(options.batch_first())
                                      .norm_first(options.norm_first()));
    encoder = TransformerEncoder(TransformerEncoderOptions(layer, options.num_encoder_layers())
                                     .norm(AnyModule(make_norm(options.d_model(),
                                                               options.layer_norm_eps()))));
  }
  register_module("encoder", encoder);
  if (!options.custom_decoder().is_empty()) {
    decoder = options.custom_decoder();
  } else {
    TransformerDecoderLayer layer(TransformerDecoderLayerOptions(options.d_model(), options.nhead())
                                      .dim_feedforward(options.dim_feedforward())
                                      .dropout(options.dropout())
                                      .activation(options.activation())
                                      .layer_norm_eps(options.layer_norm_eps())
                                      .batch_first(options.batch_first())
                                      .norm_first(options.norm_first()));
    decoder = TransformerDecoder(TransformerDecoderOptions(layer, options.num_decoder_layers())
                                     .norm(AnyModule(make_norm(options.d_model(),
                                                               options.layer_norm_eps()))));
  }
  register_module("decoder", decoder);
  reset_parameters();
}

void TransformerImpl::reset_parameters() {
  for (Tensor& p : parameters())
    if (p.dim() > 1) init::xavier_uniform_(p);
}

Tensor TransformerImpl::forward(const Tensor& src, const Tensor& tgt, const Tensor& src_mask,
                                const Tensor& tgt_mask, const Tensor& memory_mask,
                                const Tensor& src_key_padding_mask,
                                const Tensor& tgt_key_padding_mask,
                                const Tensor& memory_key_padding_mask) {
  const bool is_batched = src.dim() == 3;
  const bool bf = options.batch_first();
  if (is_batched)
    WICK_CHECK(src.size(bf ? 0 : 1) == tgt.size(bf ? 0 : 1),
               "the batch number of src and tgt must be equal");
  WICK_CHECK(src.size(-1) == options.d_model() && tgt.size(-1) == options.d_model(),
             "the feature number of src and tgt must be equal to d_model");
  Tensor memory = encoder->forward(src, src_mask, src_key_padding_mask);
  return decoder->forward(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask,
                          memory_key_padding_mask);
}

void TransformerImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::Transformer";
}

Tensor TransformerImpl::generate_square_subsequent_mask(int64_t sz) {
  return triu(full({sz, sz}, -std::numeric_limits<double>::infinity()), 1);
}

}  // namespace wick::nn

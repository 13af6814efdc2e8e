#pragma once
// wick::nn transformer modules, LibTorch's torch::nn: TransformerEncoderLayer,
// TransformerEncoder, TransformerDecoderLayer, TransformerDecoder, Transformer
// (with PyTorch 2.x's batch_first, norm_first, layer_norm_eps and is_causal).
// Parameter names and order are Python's, so state dicts move between them.
#include <functional>
#include <variant>

#include "wick/nn/init.h"
#include "wick/nn/module.h"
#include "wick/nn/modules/attention.h"
#include "wick/nn/modules/container.h"
#include "wick/nn/modules/dropout.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"
#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick {
// The GELU tag of a transformer's activation (kReLU is wick::kReLU).
struct GELUActivationTag {};
inline constexpr GELUActivationTag kGELU{};
}  // namespace wick

namespace wick::nn {

// kReLU, kGELU or any function of a tensor.
class TransformerActivation {
 public:
  TransformerActivation(Nonlinearity n);  // NOLINT: kReLU
  TransformerActivation(GELUActivationTag) : kind_(kGeluKind) {}  // NOLINT
  TransformerActivation(std::function<Tensor(const Tensor&)> f)    // NOLINT
      : kind_(kFunctionKind), fn_(std::move(f)) {}
  Tensor operator()(const Tensor& x) const;
  bool is_relu() const { return kind_ == kReluKind; }
  bool is_gelu() const { return kind_ == kGeluKind; }

 private:
  enum Kind { kReluKind, kGeluKind, kFunctionKind };
  Kind kind_ = kReluKind;
  std::function<Tensor(const Tensor&)> fn_;
};

struct TransformerEncoderLayerOptions {
  TransformerEncoderLayerOptions(int64_t d_model, int64_t nhead) : d_model_(d_model), nhead_(nhead) {}
  WICK_ARG(int64_t, d_model);
  WICK_ARG(int64_t, nhead);
  WICK_ARG(int64_t, dim_feedforward) = 2048;
  WICK_ARG(double, dropout) = 0.1;
  WICK_ARG(TransformerActivation, activation) = kReLU;
  WICK_ARG(double, layer_norm_eps) = 1e-5;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(bool, norm_first) = false;
};

class TransformerEncoderLayerImpl : public Module {
 public:
  TransformerEncoderLayerImpl(int64_t d_model, int64_t nhead)
      : TransformerEncoderLayerImpl(TransformerEncoderLayerOptions(d_model, nhead)) {}
  explicit TransformerEncoderLayerImpl(const TransformerEncoderLayerOptions& options);
  Tensor forward(const Tensor& src, const Tensor& src_mask = {},
                 const Tensor& src_key_padding_mask = {}, bool is_causal = false);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  TransformerEncoderLayerOptions options;
  MultiheadAttention self_attn{nullptr};
  Linear linear1{nullptr};
  Dropout dropout{nullptr};
  Linear linear2{nullptr};
  LayerNorm norm1{nullptr}, norm2{nullptr};
  Dropout dropout1{nullptr}, dropout2{nullptr};
};
WICK_MODULE(TransformerEncoderLayer);

struct TransformerDecoderLayerOptions {
  TransformerDecoderLayerOptions(int64_t d_model, int64_t nhead) : d_model_(d_model), nhead_(nhead) {}
  WICK_ARG(int64_t, d_model);
  WICK_ARG(int64_t, nhead);
  WICK_ARG(int64_t, dim_feedforward) = 2048;
  WICK_ARG(double, dropout) = 0.1;
  WICK_ARG(TransformerActivation, activation) = kReLU;
  WICK_ARG(double, layer_norm_eps) = 1e-5;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(bool, norm_first) = false;
};

class TransformerDecoderLayerImpl : public Module {
 public:
  TransformerDecoderLayerImpl(int64_t d_model, int64_t nhead)
      : TransformerDecoderLayerImpl(TransformerDecoderLayerOptions(d_model, nhead)) {}
  explicit TransformerDecoderLayerImpl(const TransformerDecoderLayerOptions& options);
  Tensor forward(const Tensor& tgt, const Tensor& memory, const Tensor& tgt_mask = {},
                 const Tensor& memory_mask = {}, const Tensor& tgt_key_padding_mask = {},
                 const Tensor& memory_key_padding_mask = {}, bool tgt_is_causal = false,
                 bool memory_is_causal = false);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  TransformerDecoderLayerOptions options;
  MultiheadAttention self_attn{nullptr}, multihead_attn{nullptr};
  Linear linear1{nullptr};
  Dropout dropout{nullptr};
  Linear linear2{nullptr};
  LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
  Dropout dropout1{nullptr}, dropout2{nullptr}, dropout3{nullptr};
};
WICK_MODULE(TransformerDecoderLayer);

struct TransformerEncoderOptions {
  // The layer is copied num_layers times (its current weights included).
  TransformerEncoderOptions(TransformerEncoderLayer encoder_layer, int64_t num_layers)
      : encoder_layer_(std::move(encoder_layer)), num_layers_(num_layers) {}
  TransformerEncoderOptions(const TransformerEncoderLayerOptions& layer_options, int64_t num_layers)
      : encoder_layer_(TransformerEncoderLayer(layer_options)), num_layers_(num_layers) {}
  WICK_ARG(TransformerEncoderLayer, encoder_layer) = nullptr;
  WICK_ARG(int64_t, num_layers);
  WICK_ARG(AnyModule, norm);
  WICK_ARG(bool, enable_nested_tensor) = true;
};

class TransformerEncoderImpl : public Module {
 public:
  TransformerEncoderImpl(TransformerEncoderLayer encoder_layer, int64_t num_layers)
      : TransformerEncoderImpl(TransformerEncoderOptions(std::move(encoder_layer), num_layers)) {}
  explicit TransformerEncoderImpl(TransformerEncoderOptions options);
  // is_causal: -1 detects it from the mask (Python's None), 0 / 1 as given.
  Tensor forward(const Tensor& src, const Tensor& src_mask = {},
                 const Tensor& src_key_padding_mask = {}, int is_causal = -1);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  TransformerEncoderOptions options;
  ModuleList layers{nullptr};
  AnyModule norm;
};
WICK_MODULE(TransformerEncoder);

struct TransformerDecoderOptions {
  TransformerDecoderOptions(TransformerDecoderLayer decoder_layer, int64_t num_layers)
      : decoder_layer_(std::move(decoder_layer)), num_layers_(num_layers) {}
  TransformerDecoderOptions(const TransformerDecoderLayerOptions& layer_options, int64_t num_layers)
      : decoder_layer_(TransformerDecoderLayer(layer_options)), num_layers_(num_layers) {}
  WICK_ARG(TransformerDecoderLayer, decoder_layer) = nullptr;
  WICK_ARG(int64_t, num_layers);
  WICK_ARG(AnyModule, norm);
};

class TransformerDecoderImpl : public Module {
 public:
  TransformerDecoderImpl(TransformerDecoderLayer decoder_layer, int64_t num_layers)
      : TransformerDecoderImpl(TransformerDecoderOptions(std::move(decoder_layer), num_layers)) {}
  explicit TransformerDecoderImpl(TransformerDecoderOptions options);
  Tensor forward(const Tensor& tgt, const Tensor& memory, const Tensor& tgt_mask = {},
                 const Tensor& memory_mask = {}, const Tensor& tgt_key_padding_mask = {},
                 const Tensor& memory_key_padding_mask = {}, int tgt_is_causal = -1,
                 bool memory_is_causal = false);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  TransformerDecoderOptions options;
  ModuleList layers{nullptr};
  AnyModule norm;
};
WICK_MODULE(TransformerDecoder);

struct TransformerOptions {
  TransformerOptions() = default;
  TransformerOptions(int64_t d_model, int64_t nhead) : d_model_(d_model), nhead_(nhead) {}
  TransformerOptions(int64_t d_model, int64_t nhead, int64_t num_encoder_layers,
                     int64_t num_decoder_layers)
      : d_model_(d_model), nhead_(nhead), num_encoder_layers_(num_encoder_layers),
        num_decoder_layers_(num_decoder_layers) {}
  WICK_ARG(int64_t, d_model) = 512;
  WICK_ARG(int64_t, nhead) = 8;
  WICK_ARG(int64_t, num_encoder_layers) = 6;
  WICK_ARG(int64_t, num_decoder_layers) = 6;
  WICK_ARG(int64_t, dim_feedforward) = 2048;
  WICK_ARG(double, dropout) = 0.1;
  WICK_ARG(TransformerActivation, activation) = kReLU;
  WICK_ARG(double, layer_norm_eps) = 1e-5;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(bool, norm_first) = false;
  // Used instead of building the encoder / decoder when set.
  WICK_ARG(TransformerEncoder, custom_encoder) = nullptr;
  WICK_ARG(TransformerDecoder, custom_decoder) = nullptr;
};

class TransformerImpl : public Module {
 public:
  explicit TransformerImpl(TransformerOptions options = {});
  Tensor forward(const Tensor& src, const Tensor& tgt, const Tensor& src_mask = {},
                 const Tensor& tgt_mask = {}, const Tensor& memory_mask = {},
                 const Tensor& src_key_padding_mask = {}, const Tensor& tgt_key_padding_mask = {},
                 const Tensor& memory_key_padding_mask = {});
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;
  // A float (sz, sz) mask: 0 on and below the diagonal, -inf above.
  static Tensor generate_square_subsequent_mask(int64_t sz);

  TransformerOptions options;
  TransformerEncoder encoder{nullptr};
  TransformerDecoder decoder{nullptr};
};
WICK_MODULE(Transformer);

}  // namespace wick::nn

#include "wick/nn/modules/loss.h"

#include <ostream>

namespace wick::nn {

// Class weights are buffers, as PyTorch registers them (they appear in state dicts).
CrossEntropyLossImpl::CrossEntropyLossImpl(const CrossEntropyLossOptions& options_) : options(options_) {
  weight = register_buffer("weight", options.weight());
}
Tensor CrossEntropyLossImpl::forward(const Tensor& input, const Tensor& target) {
  return cross_entropy_loss(input, target, weight, options.reduction(), options.ignore_index(),
                            options.label_smoothing());
}
void CrossEntropyLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::CrossEntropyLoss()"; }

NLLLossImpl::NLLLossImpl(const NLLLossOptions& options_) : options(options_) {
  weight = register_buffer("weight", options.weight());
}
Tensor NLLLossImpl::forward(const Tensor& input, const Tensor& target) {
  return nll_loss_nd(input, target, weight, options.reduction(), options.ignore_index());
}
void NLLLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::NLLLoss()"; }

Tensor MSELossImpl::forward(const Tensor& input, const Tensor& target) {
  return mse_loss(input, target, options.reduction());
}
void MSELossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::MSELoss()"; }

Tensor L1LossImpl::forward(const Tensor& input, const Tensor& target) {
  return l1_loss(input, target, options.reduction());
}
void L1LossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::L1Loss()"; }

BCELossImpl::BCELossImpl(const BCELossOptions& options_) : options(options_) {
  weight = register_buffer("weight", options.weight());
}
Tensor BCELossImpl::forward(const Tensor& input, const Tensor& target) {
  return binary_cross_entropy(input, target, weight, options.reduction());
}
void BCELossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::BCELoss()"; }

BCEWithLogitsLossImpl::BCEWithLogitsLossImpl(const BCEWithLogitsLossOptions& options_)
    : options(options_) {
  weight = register_buffer("weight", options.weight());
  pos_weight = register_buffer("pos_weight", options.pos_weight());
}
Tensor BCEWithLogitsLossImpl::forward(const Tensor& input, const Tensor& target) {
  return binary_cross_entropy_with_logits(input, target, weight, pos_weight, options.reduction());
}
void BCEWithLogitsLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::BCEWithLogitsLoss()"; }

}  // namespace wick::nn

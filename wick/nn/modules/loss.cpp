#include "wick/nn/modules/loss.h"

#include <ostream>

#include "wick/nn/functional/loss.h"

namespace wick::nn {

namespace F = functional;

namespace {
const char* reduction_name(int64_t r) {
  switch (r) {
    case kNone: return "kNone";
    case kMean: return "kMean";
    case kSum: return "kSum";
    case kBatchMean: return "kBatchMean";
    default: return "<invalid reduction>";
  }
}
}  // namespace

// ---- (input, target) losses without state ----------------------------------------------

Tensor MSELossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::mse_loss(input, target, options);
}
void MSELossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::MSELoss()"; }

Tensor L1LossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::l1_loss(input, target, options);
}
void L1LossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::L1Loss()"; }

Tensor SoftMarginLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::soft_margin_loss(input, target, options);
}
void SoftMarginLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::SoftMarginLoss()"; }

Tensor MultiLabelMarginLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::multilabel_margin_loss(input, target, options);
}
void MultiLabelMarginLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::MultiLabelMarginLoss()";
}

// LibTorch prints these two without parentheses.
Tensor SmoothL1LossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::smooth_l1_loss(input, target, options);
}
void SmoothL1LossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::SmoothL1Loss"; }

Tensor HuberLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::huber_loss(input, target, options);
}
void HuberLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::HuberLoss"; }

Tensor KLDivLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::kl_div(input, target, options);
}
void KLDivLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::KLDivLoss()"; }

Tensor HingeEmbeddingLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::hinge_embedding_loss(input, target, options);
}
void HingeEmbeddingLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::HingeEmbeddingLoss(margin=" << options.margin() << ")";
}

Tensor PoissonNLLLossImpl::forward(const Tensor& log_input, const Tensor& targets) {
  return F::poisson_nll_loss(log_input, targets, options);
}
void PoissonNLLLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::PoissonNLLLoss()"; }

// ---- three-input losses ------------------------------------------------------------------

Tensor GaussianNLLLossImpl::forward(const Tensor& input, const Tensor& target, const Tensor& var) {
  return F::gaussian_nll_loss(input, target, var, options);
}
void GaussianNLLLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::GaussianNLLLoss()"; }

Tensor CosineEmbeddingLossImpl::forward(const Tensor& input1, const Tensor& input2, const Tensor& target) {
  return F::cosine_embedding_loss(input1, input2, target, options);
}
void CosineEmbeddingLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::CosineEmbeddingLoss(margin=" << options.margin() << ")";
}

Tensor MarginRankingLossImpl::forward(const Tensor& input1, const Tensor& input2, const Tensor& target) {
  return F::margin_ranking_loss(input1, input2, target, options);
}
void MarginRankingLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::MarginRankingLoss()"; }

Tensor TripletMarginLossImpl::forward(const Tensor& anchor, const Tensor& positive, const Tensor& negative) {
  return F::triplet_margin_loss(anchor, positive, negative, options);
}
void TripletMarginLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::TripletMarginLoss(margin=" << options.margin() << ", p=" << options.p()
    << ", eps=" << options.eps() << std::boolalpha << ", swap=" << options.swap() << ")";
}

Tensor TripletMarginWithDistanceLossImpl::forward(const Tensor& anchor, const Tensor& positive,
                                                  const Tensor& negative) {
  return F::triplet_margin_with_distance_loss(anchor, positive, negative, options);
}
void TripletMarginWithDistanceLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::TripletMarginWithDistanceLoss(margin=" << options.margin() << std::boolalpha
    << ", swap=" << options.swap() << ")";
}

Tensor CTCLossImpl::forward(const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
                            const Tensor& target_lengths) {
  return F::ctc_loss(log_probs, targets, input_lengths, target_lengths, options);
}
void CTCLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::CTCLoss()"; }

// ---- losses with weight buffers -------------------------------------------------------------

CrossEntropyLossImpl::CrossEntropyLossImpl(const CrossEntropyLossOptions& options_) : options(options_) {
  reset();
}
void CrossEntropyLossImpl::reset() { weight = register_buffer("weight", options.weight()); }
Tensor CrossEntropyLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::cross_entropy(input, target, F::CrossEntropyFuncOptions(options).weight(weight));
}
void CrossEntropyLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::CrossEntropyLoss()"; }

NLLLossImpl::NLLLossImpl(const NLLLossOptions& options_) : options(options_) { reset(); }
void NLLLossImpl::reset() { weight = register_buffer("weight", options.weight()); }
Tensor NLLLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::nll_loss(input, target, F::NLLLossFuncOptions(options).weight(weight));
}
void NLLLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::NLLLoss()"; }

BCELossImpl::BCELossImpl(const BCELossOptions& options_) : options(options_) { reset(); }
void BCELossImpl::reset() { weight = register_buffer("weight", options.weight()); }
Tensor BCELossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::binary_cross_entropy(input, target, F::BinaryCrossEntropyFuncOptions(options).weight(weight));
}
void BCELossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::BCELoss()"; }

BCEWithLogitsLossImpl::BCEWithLogitsLossImpl(const BCEWithLogitsLossOptions& options_) : options(options_) {
  reset();
}
void BCEWithLogitsLossImpl::reset() {
  weight = register_buffer("weight", options.weight());
  pos_weight = register_buffer("pos_weight", options.pos_weight());
}
Tensor BCEWithLogitsLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::binary_cross_entropy_with_logits(
      input, target, F::BinaryCrossEntropyWithLogitsFuncOptions(options).weight(weight).pos_weight(pos_weight));
}
void BCEWithLogitsLossImpl::pretty_print(std::ostream& s) const { s << "wick::nn::BCEWithLogitsLoss()"; }

MultiLabelSoftMarginLossImpl::MultiLabelSoftMarginLossImpl(const MultiLabelSoftMarginLossOptions& options_)
    : options(options_) {
  reset();
}
void MultiLabelSoftMarginLossImpl::reset() { weight = register_buffer("weight", options.weight()); }
Tensor MultiLabelSoftMarginLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::multilabel_soft_margin_loss(input, target,
                                        F::MultilabelSoftMarginLossFuncOptions(options).weight(weight));
}
void MultiLabelSoftMarginLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::MultiLabelSoftMarginLoss()";
}

MultiMarginLossImpl::MultiMarginLossImpl(const MultiMarginLossOptions& options_) : options(options_) {
  reset();
}
void MultiMarginLossImpl::reset() {
  WICK_CHECK(options.p() == 1 || options.p() == 2, "only p == 1 and p == 2 supported");
  WICK_CHECK(!options.weight().defined() || options.weight().dim() == 1, "weight must be one-dimensional");
  weight = register_buffer("weight", options.weight());
}
Tensor MultiMarginLossImpl::forward(const Tensor& input, const Tensor& target) {
  return F::multi_margin_loss(input, target, F::MultiMarginLossFuncOptions(options).weight(weight));
}
void MultiMarginLossImpl::pretty_print(std::ostream& s) const {
  s << "wick::nn::MultiMarginLoss(p=" << options.p() << ", margin=" << options.margin()
    << ", weight=" << options.weight() << ", reduction=" << reduction_name(options.reduction()) << ")";
}

}  // namespace wick::nn

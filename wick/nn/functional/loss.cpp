#include "wick/nn/functional/loss.h"

#include "wick/ops/activation.h"
#include "wick/ops/binary.h"
#include "wick/ops/loss.h"
#include "wick/ops/norm.h"
#include "wick/ops/pointwise.h"

namespace wick::nn::functional {

namespace {
// 'batchmean' is KLDivLoss's; every other loss takes none/mean/sum.
void check_reduction(int64_t r) {
  WICK_CHECK_T(ValueError, r == kNone || r == kMean || r == kSum, r,
               " is not a valid value for reduction");
}
}  // namespace

Tensor l1_loss(const Tensor& input, const Tensor& target, const L1LossFuncOptions& options) {
  return wick::l1_loss(input, target, options.reduction());
}
Tensor mse_loss(const Tensor& input, const Tensor& target, const MSELossFuncOptions& options) {
  return wick::mse_loss(input, target, options.reduction());
}
Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, const SmoothL1LossFuncOptions& options) {
  return wick::smooth_l1_loss(input, target, options.reduction(), options.beta());
}
Tensor huber_loss(const Tensor& input, const Tensor& target, const HuberLossFuncOptions& options) {
  return wick::huber_loss(input, target, options.reduction(), options.delta());
}

// 'batchmean' is the summed loss over the batch size, as torch.nn.functional.kl_div.
Tensor kl_div(const Tensor& input, const Tensor& target, const KLDivFuncOptions& options) {
  if (options.reduction() != kBatchMean)
    return wick::kl_div(input, target, options.reduction(), options.log_target());
  Tensor out = wick::kl_div(input, target, kSum, options.log_target());
  if (input.dim() != 0) out = out / static_cast<double>(input.size(0));
  return out;
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, const PoissonNLLLossFuncOptions& options) {
  return wick::poisson_nll_loss(input, target, options.log_input(), options.full(), options.eps(),
                                options.reduction());
}
Tensor gaussian_nll_loss(const Tensor& input, const Tensor& target, const Tensor& var,
                         const GaussianNLLLossFuncOptions& options) {
  return wick::gaussian_nll_loss(input, target, var, options.full(), options.eps(), options.reduction());
}

Tensor nll_loss(const Tensor& input, const Tensor& target, const NLLLossFuncOptions& options) {
  return wick::nll_loss_nd(input, target, options.weight(), options.reduction(), options.ignore_index());
}
Tensor cross_entropy(const Tensor& input, const Tensor& target, const CrossEntropyFuncOptions& options) {
  return wick::cross_entropy_loss(input, target, options.weight(), options.reduction(), options.ignore_index(),
                                  options.label_smoothing());
}

Tensor binary_cross_entropy(const Tensor& input, const Tensor& target,
                            const BinaryCrossEntropyFuncOptions& options) {
  check_reduction(options.reduction());
  WICK_CHECK_T(ValueError, target.sizes() == input.sizes(), "Using a target size (", target.sizes(),
               ") that is different to the input size (", input.sizes(),
               ") is deprecated. Please ensure they have the same size.");
  Tensor weight = options.weight();
  if (weight.defined() && weight.sizes() != target.sizes()) weight = weight.expand(target.sizes());
  return wick::binary_cross_entropy(input, target, weight, options.reduction());
}

Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target,
                                        const BinaryCrossEntropyWithLogitsFuncOptions& options) {
  check_reduction(options.reduction());
  WICK_CHECK_T(ValueError, target.sizes() == input.sizes(), "Target size (", target.sizes(),
               ") must be the same as input size (", input.sizes(), ")");
  return wick::binary_cross_entropy_with_logits(input, target, options.weight(), options.pos_weight(),
                                                options.reduction());
}

Tensor hinge_embedding_loss(const Tensor& input, const Tensor& target,
                            const HingeEmbeddingLossFuncOptions& options) {
  return wick::hinge_embedding_loss(input, target, options.margin(), options.reduction());
}
Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             const CosineEmbeddingLossFuncOptions& options) {
  return wick::cosine_embedding_loss(input1, input2, target, options.margin(), options.reduction());
}
Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           const MarginRankingLossFuncOptions& options) {
  check_reduction(options.reduction());
  WICK_CHECK_T(ValueError, input1.dim() == input2.dim() && input1.dim() == target.dim(),
               "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ",
               input1.sizes(), ", input2: ", input2.sizes(), ", target: ", target.sizes(), " ");
  return wick::margin_ranking_loss(input1, input2, target, options.margin(), options.reduction());
}
Tensor soft_margin_loss(const Tensor& input, const Tensor& target, const SoftMarginLossFuncOptions& options) {
  return wick::soft_margin_loss(input, target, options.reduction());
}
Tensor multilabel_margin_loss(const Tensor& input, const Tensor& target,
                              const MultilabelMarginLossFuncOptions& options) {
  return wick::multilabel_margin_loss(input, target, options.reduction());
}
// Composed here over wick::log_sigmoid, as LibTorch's F does: its backward is
// exact at x = 0 (wick::multilabel_soft_margin_loss's clamp/abs composite gives
// a gradient twice PyTorch's there).
Tensor multilabel_soft_margin_loss(const Tensor& input, const Tensor& target,
                                   const MultilabelSoftMarginLossFuncOptions& options) {
  check_reduction(options.reduction());
  Tensor loss = -(target * wick::log_sigmoid(input) + (1 - target) * wick::log_sigmoid(-input));
  if (options.weight().defined()) loss = loss * options.weight();
  const int64_t class_dim = input.dim() - 1;
  loss = loss.sum({class_dim}) / static_cast<double>(input.size(class_dim));
  if (options.reduction() == kMean) return loss.mean();
  if (options.reduction() == kSum) return loss.sum();
  return loss;
}
Tensor multi_margin_loss(const Tensor& input, const Tensor& target, const MultiMarginLossFuncOptions& options) {
  check_reduction(options.reduction());
  WICK_CHECK_T(ValueError, options.p() == 1 || options.p() == 2, "only p == 1 and p == 2 supported");
  WICK_CHECK_T(ValueError, !options.weight().defined() || options.weight().dim() == 1,
               "weight must be one-dimensional");
  return wick::multi_margin_loss(input, target, options.p(), options.margin(), options.weight(),
                                 options.reduction());
}
Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           const TripletMarginLossFuncOptions& options) {
  return wick::triplet_margin_loss(anchor, positive, negative, options.margin(), options.p(), options.eps(),
                                   options.swap(), options.reduction());
}

// As torch.nn.functional's (a composite there too): the distances come from the
// given function or pairwise_distance, then clamp(margin + d(a, p) - d(a, n), 0).
Tensor triplet_margin_with_distance_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                                         const TripletMarginWithDistanceLossFuncOptions& options) {
  WICK_CHECK_T(ValueError, options.margin() > 0,
               "triplet_margin_with_distance_loss: expected margin to be greater than 0, got ",
               options.margin(), " instead");
  const int64_t a = anchor.dim(), p = positive.dim(), n = negative.dim();
  WICK_CHECK(a == p && p == n,
             "The anchor, positive, and negative tensors are expected to have the same number of "
             "dimensions, but got: anchor ",
             a, "D, positive ", p, "D, and negative ", n, "D inputs");
  check_reduction(options.reduction());
  auto distance = [&](const Tensor& x, const Tensor& y) {
    return options.distance_function() ? (*options.distance_function())(x, y) : wick::pairwise_distance(x, y);
  };
  Tensor dist_pos = distance(anchor, positive);
  Tensor dist_neg = distance(anchor, negative);
  if (options.swap()) dist_neg = wick::minimum(dist_neg, distance(positive, negative));
  Tensor loss = wick::clamp_min(dist_pos + options.margin() - dist_neg, 0.0);
  if (options.reduction() == kSum) return loss.sum();
  if (options.reduction() == kMean) return loss.mean();
  return loss;
}

Tensor ctc_loss(const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
                const Tensor& target_lengths, const CTCLossFuncOptions& options) {
  return wick::ctc_loss(log_probs, targets, input_lengths, target_lengths, options.blank(), options.reduction(),
                        options.zero_infinity());
}

}  // namespace wick::nn::functional

#pragma once
// Loss modules (LibTorch's shape; reduction wick::kNone/kMean/kSum, and
// wick::kBatchMean for KLDivLoss): L1Loss, MSELoss, SmoothL1Loss, HuberLoss,
// CrossEntropyLoss, NLLLoss, BCELoss, BCEWithLogitsLoss, KLDivLoss,
// PoissonNLLLoss, GaussianNLLLoss (a wick extra: LibTorch lacks it),
// HingeEmbeddingLoss, CosineEmbeddingLoss, MarginRankingLoss, SoftMarginLoss,
// MultiLabelMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss,
// TripletMarginLoss, TripletMarginWithDistanceLoss, CTCLoss.
// The functional forms (wick::nn::functional) are in wick/nn/functional/loss.h.
#include <functional>
#include <optional>

#include "wick/nn/module.h"
#include "wick/nn/options.h"
#include "wick/ops/loss.h"

namespace wick {
inline constexpr int64_t kNone = Reduction::None;
inline constexpr int64_t kMean = Reduction::Mean;
inline constexpr int64_t kSum = Reduction::Sum;
// KLDivLoss only: the summed loss divided by the batch size (input.size(0)).
inline constexpr int64_t kBatchMean = 3;
}  // namespace wick

namespace wick::nn {

// Options holding only `reduction` (implicit from it: MSELossOptions(kSum)).
struct ReductionOptions {
  ReductionOptions(int64_t reduction = kMean) : reduction_(reduction) {}  // NOLINT
  WICK_ARG(int64_t, reduction);
};
using MSELossOptions = ReductionOptions;
using L1LossOptions = ReductionOptions;
using SoftMarginLossOptions = ReductionOptions;
using MultiLabelMarginLossOptions = ReductionOptions;

// A loss module of (input, target) whose options are copied as they are.
#define WICK_NN_LOSS2(Name, OptionsType)                                        \
  class Name##Impl : public Module {                                            \
   public:                                                                      \
    explicit Name##Impl(const OptionsType& options = {}) : options(options) {}  \
    Tensor forward(const Tensor& input, const Tensor& target);                  \
    void reset() {}                                                             \
    void pretty_print(std::ostream& stream) const override;                     \
    OptionsType options;                                                        \
  };                                                                            \
  WICK_MODULE(Name)

// A loss module of (input1, input2, target).
#define WICK_NN_LOSS3(Name, OptionsType, A, B, C)                               \
  class Name##Impl : public Module {                                            \
   public:                                                                      \
    explicit Name##Impl(const OptionsType& options = {}) : options(options) {}  \
    Tensor forward(const Tensor& A, const Tensor& B, const Tensor& C);          \
    void reset() {}                                                             \
    void pretty_print(std::ostream& stream) const override;                     \
    OptionsType options;                                                        \
  };                                                                            \
  WICK_MODULE(Name)

WICK_NN_LOSS2(MSELoss, MSELossOptions);
WICK_NN_LOSS2(L1Loss, L1LossOptions);
WICK_NN_LOSS2(SoftMarginLoss, SoftMarginLossOptions);
WICK_NN_LOSS2(MultiLabelMarginLoss, MultiLabelMarginLossOptions);

struct SmoothL1LossOptions {
  SmoothL1LossOptions(int64_t reduction = kMean) : reduction_(reduction) {}  // NOLINT
  WICK_ARG(int64_t, reduction);
  // The change from quadratic to linear (|x| < beta); beta >= 0, 0 is L1.
  WICK_ARG(double, beta) = 1.0;
};
WICK_NN_LOSS2(SmoothL1Loss, SmoothL1LossOptions);

struct HuberLossOptions {
  HuberLossOptions(int64_t reduction = kMean) : reduction_(reduction) {}  // NOLINT
  WICK_ARG(int64_t, reduction);
  WICK_ARG(double, delta) = 1.0;
};
WICK_NN_LOSS2(HuberLoss, HuberLossOptions);

// reduction: kNone, kMean, kSum or kBatchMean.
struct KLDivLossOptions {
  KLDivLossOptions(int64_t reduction = kMean) : reduction_(reduction) {}  // NOLINT
  WICK_ARG(int64_t, reduction);
  // Whether target is given as log-probabilities.
  WICK_ARG(bool, log_target) = false;
};
WICK_NN_LOSS2(KLDivLoss, KLDivLossOptions);

struct HingeEmbeddingLossOptions {
  WICK_ARG(double, margin) = 1.0;
  WICK_ARG(int64_t, reduction) = kMean;
};
WICK_NN_LOSS2(HingeEmbeddingLoss, HingeEmbeddingLossOptions);

struct PoissonNLLLossOptions {
  WICK_ARG(bool, log_input) = true;
  WICK_ARG(bool, full) = false;
  WICK_ARG(double, eps) = 1e-8;
  WICK_ARG(int64_t, reduction) = kMean;
};
class PoissonNLLLossImpl : public Module {
 public:
  explicit PoissonNLLLossImpl(const PoissonNLLLossOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& log_input, const Tensor& targets);
  void reset() {}
  void pretty_print(std::ostream& stream) const override;
  PoissonNLLLossOptions options;
};
WICK_MODULE(PoissonNLLLoss);

struct GaussianNLLLossOptions {
  WICK_ARG(bool, full) = false;
  WICK_ARG(double, eps) = 1e-6;
  WICK_ARG(int64_t, reduction) = kMean;
};
WICK_NN_LOSS3(GaussianNLLLoss, GaussianNLLLossOptions, input, target, var);

struct CosineEmbeddingLossOptions {
  WICK_ARG(double, margin) = 0.0;
  WICK_ARG(int64_t, reduction) = kMean;
};
WICK_NN_LOSS3(CosineEmbeddingLoss, CosineEmbeddingLossOptions, input1, input2, target);

struct MarginRankingLossOptions {
  WICK_ARG(double, margin) = 0.0;
  WICK_ARG(int64_t, reduction) = kMean;
};
WICK_NN_LOSS3(MarginRankingLoss, MarginRankingLossOptions, input1, input2, target);

struct TripletMarginLossOptions {
  WICK_ARG(double, margin) = 1.0;
  WICK_ARG(double, p) = 2.0;
  WICK_ARG(double, eps) = 1e-6;
  // Use the distance positive-negative when it is smaller than anchor-negative.
  WICK_ARG(bool, swap) = false;
  WICK_ARG(int64_t, reduction) = kMean;
};
WICK_NN_LOSS3(TripletMarginLoss, TripletMarginLossOptions, anchor, positive, negative);

struct TripletMarginWithDistanceLossOptions {
  using distance_function_t = std::function<Tensor(const Tensor&, const Tensor&)>;
  // Without one, pairwise_distance (p = 2) is used.
  WICK_ARG(std::optional<distance_function_t>, distance_function) = std::nullopt;
  WICK_ARG(double, margin) = 1.0;
  WICK_ARG(bool, swap) = false;
  WICK_ARG(int64_t, reduction) = kMean;
};
WICK_NN_LOSS3(TripletMarginWithDistanceLoss, TripletMarginWithDistanceLossOptions, anchor, positive,
              negative);

#undef WICK_NN_LOSS2
#undef WICK_NN_LOSS3

struct CTCLossOptions {
  WICK_ARG(int64_t, blank) = 0;
  WICK_ARG(int64_t, reduction) = kMean;
  // Replace infinite losses (and their gradients) by zero.
  WICK_ARG(bool, zero_infinity) = false;
};
class CTCLossImpl : public Module {
 public:
  explicit CTCLossImpl(const CTCLossOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
                 const Tensor& target_lengths);
  void reset() {}
  void pretty_print(std::ostream& stream) const override;
  CTCLossOptions options;
};
WICK_MODULE(CTCLoss);

// Losses with class weights: the weight is a buffer, as PyTorch registers it
// (it appears in state dicts); reset() registers it again from the options.
struct CrossEntropyLossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(int64_t, ignore_index) = -100;
  WICK_ARG(int64_t, reduction) = kMean;
  WICK_ARG(double, label_smoothing) = 0.0;
};
class CrossEntropyLossImpl : public Module {
 public:
  explicit CrossEntropyLossImpl(const CrossEntropyLossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void reset();
  void pretty_print(std::ostream& stream) const override;
  CrossEntropyLossOptions options;
  Tensor weight;
};
WICK_MODULE(CrossEntropyLoss);

struct NLLLossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(int64_t, ignore_index) = -100;
  WICK_ARG(int64_t, reduction) = kMean;
};
class NLLLossImpl : public Module {
 public:
  explicit NLLLossImpl(const NLLLossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void reset();
  void pretty_print(std::ostream& stream) const override;
  NLLLossOptions options;
  Tensor weight;
};
WICK_MODULE(NLLLoss);

struct BCELossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(int64_t, reduction) = kMean;
};
class BCELossImpl : public Module {
 public:
  explicit BCELossImpl(const BCELossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void reset();
  void pretty_print(std::ostream& stream) const override;
  BCELossOptions options;
  Tensor weight;
};
WICK_MODULE(BCELoss);

struct BCEWithLogitsLossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(int64_t, reduction) = kMean;
  // Weight of the positive examples, one per class (broadcast over the last dim).
  WICK_ARG(Tensor, pos_weight) = Tensor();
};
class BCEWithLogitsLossImpl : public Module {
 public:
  explicit BCEWithLogitsLossImpl(const BCEWithLogitsLossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void reset();
  void pretty_print(std::ostream& stream) const override;
  BCEWithLogitsLossOptions options;
  Tensor weight, pos_weight;
};
WICK_MODULE(BCEWithLogitsLoss);

struct MultiLabelSoftMarginLossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(int64_t, reduction) = kMean;
};
class MultiLabelSoftMarginLossImpl : public Module {
 public:
  explicit MultiLabelSoftMarginLossImpl(const MultiLabelSoftMarginLossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void reset();
  void pretty_print(std::ostream& stream) const override;
  MultiLabelSoftMarginLossOptions options;
  Tensor weight;
};
WICK_MODULE(MultiLabelSoftMarginLoss);

struct MultiMarginLossOptions {
  WICK_ARG(int64_t, p) = 1;  // 1 or 2
  WICK_ARG(double, margin) = 1.0;
  WICK_ARG(Tensor, weight) = Tensor();  // one per class, 1-d
  WICK_ARG(int64_t, reduction) = kMean;
};
class MultiMarginLossImpl : public Module {
 public:
  explicit MultiMarginLossImpl(const MultiMarginLossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  // Checks p and weight (the constructor calls it) and registers the weight.
  void reset();
  void pretty_print(std::ostream& stream) const override;
  MultiMarginLossOptions options;
  Tensor weight;
};
WICK_MODULE(MultiMarginLoss);

}  // namespace wick::nn

#pragma once
// Loss modules: CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss,
// BCEWithLogitsLoss (LibTorch's shape; reduction wick::kMean/kSum/kNone).
#include "wick/nn/module.h"
#include "wick/nn/options.h"
#include "wick/ops/loss.h"

namespace wick {
inline constexpr int64_t kNone = Reduction::None;
inline constexpr int64_t kMean = Reduction::Mean;
inline constexpr int64_t kSum = Reduction::Sum;
}  // namespace wick

namespace wick::nn {

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
  void pretty_print(std::ostream& stream) const override;
  NLLLossOptions options;
  Tensor weight;
};
WICK_MODULE(NLLLoss);

struct ReductionOptions {
  ReductionOptions(int64_t reduction = kMean) : reduction_(reduction) {}  // NOLINT
  WICK_ARG(int64_t, reduction);
};
using MSELossOptions = ReductionOptions;
using L1LossOptions = ReductionOptions;

class MSELossImpl : public Module {
 public:
  explicit MSELossImpl(const MSELossOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& input, const Tensor& target);
  void pretty_print(std::ostream& stream) const override;
  MSELossOptions options;
};
WICK_MODULE(MSELoss);

class L1LossImpl : public Module {
 public:
  explicit L1LossImpl(const L1LossOptions& options = {}) : options(options) {}
  Tensor forward(const Tensor& input, const Tensor& target);
  void pretty_print(std::ostream& stream) const override;
  L1LossOptions options;
};
WICK_MODULE(L1Loss);

struct BCELossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(int64_t, reduction) = kMean;
};
class BCELossImpl : public Module {
 public:
  explicit BCELossImpl(const BCELossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void pretty_print(std::ostream& stream) const override;
  BCELossOptions options;
  Tensor weight;
};
WICK_MODULE(BCELoss);

struct BCEWithLogitsLossOptions {
  WICK_ARG(Tensor, weight) = Tensor();
  WICK_ARG(Tensor, pos_weight) = Tensor();
  WICK_ARG(int64_t, reduction) = kMean;
};
class BCEWithLogitsLossImpl : public Module {
 public:
  explicit BCEWithLogitsLossImpl(const BCEWithLogitsLossOptions& options = {});
  Tensor forward(const Tensor& input, const Tensor& target);
  void pretty_print(std::ostream& stream) const override;
  BCEWithLogitsLossOptions options;
  Tensor weight, pos_weight;
};
WICK_MODULE(BCEWithLogitsLoss);

}  // namespace wick::nn

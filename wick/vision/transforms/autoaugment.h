#pragma once
// wick::vision::transforms' automatic augmentation policies (torchvision.transforms.autoaugment,
// 0.14): AutoAugment, RandAugment, TrivialAugmentWide and AugMix, for uint8 (or float, where
// the drawn ops allow it) images [..., 1 or 3, H, W].
//
//   namespace T = wick::vision::transforms;
//   T::AutoAugment aa(T::AutoAugmentPolicy::CIFAR10);
//   wick::Tensor out = aa(img);            // aa.repr() == "AutoAugment(policy=AutoAugmentPolicy.CIFAR10, fill=None)"
//
// Every draw (wick::randint / rand / _sample_dirichlet on the default generator) is the call
// torchvision makes, in the same order, so wick::manual_seed(s) picks the ops and magnitudes
// torch.manual_seed(s) picks. fill: none, one value for every channel, or one per channel.
#include <array>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "wick/vision/transforms/transforms.h"

namespace wick::vision::transforms {

// torchvision's _apply_op: one named op ("ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate",
// "Brightness", "Color", "Contrast", "Sharpness", "Posterize", "Solarize", "AutoContrast",
// "Equalize", "Invert", "Identity") at a magnitude; raises ValueError for another name.
Tensor apply_augment_op(const Tensor& img, const std::string& op_name, double magnitude,
                        InterpolationMode interpolation, const std::optional<std::vector<double>>& fill);

// op name -> (magnitude bins, or an undefined tensor for ops without magnitude; signed), in
// torchvision's order (the order random op indices refer to).
using AugmentationSpace = std::vector<std::tuple<std::string, Tensor, bool>>;

enum class AutoAugmentPolicy { ImageNet, CIFAR10, SVHN };
// "AutoAugmentPolicy.IMAGENET", ... (the Python enum's str).
std::string policy_name(AutoAugmentPolicy policy);

class AutoAugment : public Transform {
 public:
  struct Op {
    std::string name;
    double p;
    std::optional<int64_t> magnitude_id;
  };
  using SubPolicy = std::array<Op, 2>;

  explicit AutoAugment(AutoAugmentPolicy policy = AutoAugmentPolicy::ImageNet,
                       InterpolationMode interpolation = InterpolationMode::Nearest,
                       std::optional<std::vector<double>> fill = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  // The 25 sub-policies of the policy (the AutoAugment paper's tables).
  static std::vector<SubPolicy> get_policies(AutoAugmentPolicy policy);
  const std::vector<SubPolicy>& policies() const { return policies_; }
  // (sub-policy index, two float probabilities, two 0/1 signs): randint, rand, randint.
  static std::tuple<int64_t, Tensor, Tensor> get_params(int64_t transform_num);
  static AugmentationSpace augmentation_space(int64_t num_bins, int64_t height, int64_t width);

 private:
  AutoAugmentPolicy policy_;
  InterpolationMode interpolation_;
  std::optional<std::vector<double>> fill_;
  std::vector<SubPolicy> policies_;
};

class RandAugment : public Transform {
 public:
  explicit RandAugment(int64_t num_ops = 2, int64_t magnitude = 9, int64_t num_magnitude_bins = 31,
                       InterpolationMode interpolation = InterpolationMode::Nearest,
                       std::optional<std::vector<double>> fill = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  static AugmentationSpace augmentation_space(int64_t num_bins, int64_t height, int64_t width);

 private:
  int64_t num_ops_, magnitude_, num_magnitude_bins_;
  InterpolationMode interpolation_;
  std::optional<std::vector<double>> fill_;
};

class TrivialAugmentWide : public Transform {
 public:
  explicit TrivialAugmentWide(int64_t num_magnitude_bins = 31, InterpolationMode interpolation = InterpolationMode::Nearest,
                              std::optional<std::vector<double>> fill = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  static AugmentationSpace augmentation_space(int64_t num_bins);

 private:
  int64_t num_magnitude_bins_;
  InterpolationMode interpolation_;
  std::optional<std::vector<double>> fill_;
};

class AugMix : public Transform {
 public:
  // severity in [1, 10] (ValueError otherwise); chain_depth <= 0: 1 to 3 ops per chain, drawn.
  explicit AugMix(int64_t severity = 3, int64_t mixture_width = 3, int64_t chain_depth = -1, double alpha = 1.0,
                  bool all_ops = true, InterpolationMode interpolation = InterpolationMode::Bilinear,
                  std::optional<std::vector<double>> fill = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  AugmentationSpace augmentation_space(int64_t num_bins, int64_t height, int64_t width) const;

 private:
  static constexpr int64_t kParameterMax = 10;
  int64_t severity_, mixture_width_, chain_depth_;
  double alpha_;
  bool all_ops_;
  InterpolationMode interpolation_;
  std::optional<std::vector<double>> fill_;
};

}  // namespace wick::vision::transforms

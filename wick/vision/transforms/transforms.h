#pragma once
// wick::vision::transforms: torchvision.transforms' classes (0.14) for tensor images.
//
//   namespace T = wick::vision::transforms;
//   T::Compose train({std::make_shared<T::RandomResizedCrop>(std::vector<int64_t>{224}),
//                     std::make_shared<T::RandomHorizontalFlip>(),
//                     std::make_shared<T::Normalize>(mean, std)});
//   wick::Tensor x = train(image);                       // or train.repr()
//   dataset.map(wick::data::transforms::TensorLambda<>(train))  // as a wick::data map transform
//
// Random transforms draw their parameters from wick's default generator with the same calls
// in the same order as torchvision (rand / randint / empty().uniform_ / randperm), so
// wick::manual_seed(s) gives the crops and flips torch.manual_seed(s) gives in torchvision.
// (RandomChoice and RandomOrder use Python's `random` module in torchvision; here they use
// wick's generator: same distribution, different draws.)
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "wick/tensor/tensor.h"
#include "wick/vision/transforms/functional.h"

namespace wick::vision::transforms {

using functional::InterpolationMode;

// A tensor -> tensor transform with torchvision's repr().
class Transform {
 public:
  virtual ~Transform() = default;
  virtual Tensor operator()(const Tensor& img) = 0;
  virtual std::string repr() const = 0;
};
using TransformPtr = std::shared_ptr<Transform>;

class Compose : public Transform {
 public:
  explicit Compose(std::vector<TransformPtr> transforms) : transforms_(std::move(transforms)) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  const std::vector<TransformPtr>& transforms() const { return transforms_; }

 private:
  std::vector<TransformPtr> transforms_;
};

class Lambda : public Transform {
 public:
  explicit Lambda(std::function<Tensor(const Tensor&)> fn) : fn_(std::move(fn)) {}
  Tensor operator()(const Tensor& img) override { return fn_(img); }
  std::string repr() const override { return "Lambda()"; }

 private:
  std::function<Tensor(const Tensor&)> fn_;
};

// transforms.ToTensor on H x W (x C) tensors (functional::to_tensor).
class ToTensor : public Transform {
 public:
  Tensor operator()(const Tensor& pic) override { return functional::to_tensor(pic); }
  std::string repr() const override { return "ToTensor()"; }
};

class ConvertImageDtype : public Transform {
 public:
  explicit ConvertImageDtype(ScalarType dtype) : dtype_(dtype) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override { return "ConvertImageDtype()"; }

 private:
  ScalarType dtype_;
};

class Normalize : public Transform {
 public:
  Normalize(std::vector<double> mean, std::vector<double> std, bool inplace = false);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<double> mean_, std_;
  bool inplace_;
};

class Resize : public Transform {
 public:
  // size: {h, w} or {smaller edge}.
  explicit Resize(std::vector<int64_t> size, InterpolationMode interpolation = InterpolationMode::Bilinear,
                  std::optional<int64_t> max_size = std::nullopt, std::optional<bool> antialias = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<int64_t> size_;
  InterpolationMode interpolation_;
  std::optional<int64_t> max_size_;
  std::optional<bool> antialias_;
};

class CenterCrop : public Transform {
 public:
  explicit CenterCrop(std::vector<int64_t> size);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<int64_t> size_;
};

class Pad : public Transform {
 public:
  explicit Pad(std::vector<int64_t> padding, double fill = 0, std::string padding_mode = "constant");
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<int64_t> padding_;
  double fill_;
  std::string padding_mode_;
};

class RandomCrop : public Transform {
 public:
  explicit RandomCrop(std::vector<int64_t> size, std::optional<std::vector<int64_t>> padding = std::nullopt,
                      bool pad_if_needed = false, double fill = 0, std::string padding_mode = "constant");
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  // (top, left, h, w): two randint draws unless the image already has the size.
  static std::tuple<int64_t, int64_t, int64_t, int64_t> get_params(const Tensor& img,
                                                                   const std::vector<int64_t>& output_size);

 private:
  std::vector<int64_t> size_;
  std::optional<std::vector<int64_t>> padding_;
  bool pad_if_needed_;
  double fill_;
  std::string padding_mode_;
};

class RandomResizedCrop : public Transform {
 public:
  explicit RandomResizedCrop(std::vector<int64_t> size, std::vector<double> scale = {0.08, 1.0},
                             std::vector<double> ratio = {3.0 / 4.0, 4.0 / 3.0},
                             InterpolationMode interpolation = InterpolationMode::Bilinear,
                             std::optional<bool> antialias = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  static std::tuple<int64_t, int64_t, int64_t, int64_t> get_params(const Tensor& img, const std::vector<double>& scale,
                                                                   const std::vector<double>& ratio);

 private:
  std::vector<int64_t> size_;
  std::vector<double> scale_, ratio_;
  InterpolationMode interpolation_;
  std::optional<bool> antialias_;
};

class RandomHorizontalFlip : public Transform {
 public:
  explicit RandomHorizontalFlip(double p = 0.5) : p_(p) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  double p_;
};

class RandomVerticalFlip : public Transform {
 public:
  explicit RandomVerticalFlip(double p = 0.5) : p_(p) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  double p_;
};

class RandomRotation : public Transform {
 public:
  // degrees: {d} (meaning [-d, d]) or {min, max}; fill: one value or one per channel.
  explicit RandomRotation(std::vector<double> degrees, InterpolationMode interpolation = InterpolationMode::Nearest,
                          bool expand = false, std::optional<std::vector<double>> center = std::nullopt,
                          std::vector<double> fill = {0});
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<double> degrees_;
  InterpolationMode interpolation_;
  bool expand_;
  std::optional<std::vector<double>> center_;
  std::vector<double> fill_;
};

class RandomAffine : public Transform {
 public:
  // shear: {s} ([-s, s] on x), {min, max} (x) or {xmin, xmax, ymin, ymax}.
  explicit RandomAffine(std::vector<double> degrees, std::optional<std::vector<double>> translate = std::nullopt,
                        std::optional<std::vector<double>> scale = std::nullopt,
                        std::optional<std::vector<double>> shear = std::nullopt,
                        InterpolationMode interpolation = InterpolationMode::Nearest, std::vector<double> fill = {0},
                        std::optional<std::vector<double>> center = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<double> degrees_;
  std::optional<std::vector<double>> translate_, scale_, shear_;
  InterpolationMode interpolation_;
  std::vector<double> fill_;
  std::optional<std::vector<double>> center_;
};

class RandomPerspective : public Transform {
 public:
  explicit RandomPerspective(double distortion_scale = 0.5, double p = 0.5,
                             InterpolationMode interpolation = InterpolationMode::Bilinear,
                             std::vector<double> fill = {0});
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  // (startpoints, endpoints): eight randint draws in torchvision's order.
  static std::pair<std::vector<std::vector<double>>, std::vector<std::vector<double>>> get_params(
      int64_t width, int64_t height, double distortion_scale);

 private:
  double distortion_scale_, p_;
  InterpolationMode interpolation_;
  std::vector<double> fill_;
};

class ElasticTransform : public Transform {
 public:
  // alpha, sigma: {v} or {x, y}.
  explicit ElasticTransform(std::vector<double> alpha = {50.0}, std::vector<double> sigma = {5.0},
                            InterpolationMode interpolation = InterpolationMode::Bilinear, double fill = 0);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;
  // (1, H, W, 2): two wick::rand draws of (1, 1, H, W), blurred, scaled by alpha / size.
  static Tensor get_params(const std::vector<double>& alpha, const std::vector<double>& sigma,
                           const std::vector<int64_t>& size);

 private:
  std::vector<double> alpha_, sigma_;
  InterpolationMode interpolation_;
  double fill_;
};

class Grayscale : public Transform {
 public:
  explicit Grayscale(int64_t num_output_channels = 1) : n_(num_output_channels) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  int64_t n_;
};

class RandomGrayscale : public Transform {
 public:
  explicit RandomGrayscale(double p = 0.1) : p_(p) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  double p_;
};

class ColorJitter : public Transform {
 public:
  // Each: {v} (meaning [max(0, 1 - v), 1 + v], hue [-v, v]) or {min, max}.
  explicit ColorJitter(std::vector<double> brightness = {0}, std::vector<double> contrast = {0},
                       std::vector<double> saturation = {0}, std::vector<double> hue = {0});
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::optional<std::vector<double>> b_, c_, s_, h_;
};

class GaussianBlur : public Transform {
 public:
  // kernel_size: {k} or {kx, ky}; sigma: {s} or {min, max}.
  explicit GaussianBlur(std::vector<int64_t> kernel_size, std::vector<double> sigma = {0.1, 2.0});
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<int64_t> kernel_size_;
  std::vector<double> sigma_;
};

class RandomErasing : public Transform {
 public:
  // value: one number or one per channel; random_value: normal noise (torchvision's value="random").
  explicit RandomErasing(double p = 0.5, std::vector<double> scale = {0.02, 0.33}, std::vector<double> ratio = {0.3, 3.3},
                         std::vector<double> value = {0}, bool inplace = false, bool random_value = false);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  double p_;
  std::vector<double> scale_, ratio_, value_;
  bool inplace_, random_;
};

class RandomApply : public Transform {
 public:
  explicit RandomApply(std::vector<TransformPtr> transforms, double p = 0.5) : transforms_(std::move(transforms)), p_(p) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<TransformPtr> transforms_;
  double p_;
};

class RandomChoice : public Transform {
 public:
  explicit RandomChoice(std::vector<TransformPtr> transforms, std::optional<std::vector<double>> p = std::nullopt);
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<TransformPtr> transforms_;
  std::optional<std::vector<double>> p_;
};

class RandomOrder : public Transform {
 public:
  explicit RandomOrder(std::vector<TransformPtr> transforms) : transforms_(std::move(transforms)) {}
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 private:
  std::vector<TransformPtr> transforms_;
};

// An op applied with probability p (one rand draw): RandomInvert, RandomPosterize(bits),
// RandomSolarize(threshold), RandomAdjustSharpness(factor), RandomAutocontrast, RandomEqualize.
class RandomOp : public Transform {
 public:
  Tensor operator()(const Tensor& img) override;
  std::string repr() const override;

 protected:
  RandomOp(std::string name, double p, std::function<Tensor(const Tensor&)> op, std::string args = "")
      : name_(std::move(name)), p_(p), op_(std::move(op)), args_(std::move(args)) {}

 private:
  std::string name_;
  double p_;
  std::function<Tensor(const Tensor&)> op_;
  std::string args_;  // the repr's arguments before p
};
struct RandomInvert : RandomOp {
  explicit RandomInvert(double p = 0.5);
};
struct RandomPosterize : RandomOp {
  explicit RandomPosterize(int64_t bits, double p = 0.5);
};
struct RandomSolarize : RandomOp {
  explicit RandomSolarize(double threshold, double p = 0.5);
};
struct RandomAdjustSharpness : RandomOp {
  explicit RandomAdjustSharpness(double sharpness_factor, double p = 0.5);
};
struct RandomAutocontrast : RandomOp {
  explicit RandomAutocontrast(double p = 0.5);
};
struct RandomEqualize : RandomOp {
  explicit RandomEqualize(double p = 0.5);
};

// Five / ten crops: a list of tensors, not a Transform.
class FiveCrop {
 public:
  explicit FiveCrop(std::vector<int64_t> size);
  std::vector<Tensor> operator()(const Tensor& img) const;
  std::string repr() const;

 private:
  std::vector<int64_t> size_;
};

class TenCrop {
 public:
  explicit TenCrop(std::vector<int64_t> size, bool vertical_flip = false);
  std::vector<Tensor> operator()(const Tensor& img) const;
  std::string repr() const;

 private:
  std::vector<int64_t> size_;
  bool vertical_flip_;
};

}  // namespace wick::vision::transforms

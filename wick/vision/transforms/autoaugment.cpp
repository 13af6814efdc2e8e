// torchvision.transforms.autoaugment (0.14) over wick::vision::transforms::functional.
#include "wick/vision/transforms/autoaugment.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "wick/ops/distributions.h"
#include "wick/wick.h"

namespace wick::vision::transforms {
namespace VF = functional;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Python's repr of a float: the shortest round-trip digits, "1.0" for integral values.
std::string py_float(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// A number as the user most likely wrote it: integral values without ".0".
std::string py_num(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  return py_float(v);
}

// None, one value (fill=7) or a list (fill=[1, 2, 3]).
std::string fill_repr(const std::optional<std::vector<double>>& fill) {
  if (!fill) return "None";
  if (fill->size() == 1) return py_num((*fill)[0]);
  std::string s = "[";
  for (size_t i = 0; i < fill->size(); ++i) s += (i ? ", " : "") + py_num((*fill)[i]);
  return s + "]";
}

// "InterpolationMode.NEAREST", as the Python enum prints inside an f-string.
std::string mode_repr(InterpolationMode mode) {
  std::string s = VF::interpolation_name(mode);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "InterpolationMode." + s;
}

// One value becomes one per channel (torchvision's [float(fill)] * channels).
std::optional<std::vector<double>> channel_fill(const std::optional<std::vector<double>>& fill, int64_t channels) {
  if (fill && fill->size() == 1) return std::vector<double>(static_cast<size_t>(channels), (*fill)[0]);
  return fill;
}

int64_t randint1(int64_t high) { return wick::randint(high, {1}).item<int64_t>(); }

Tensor lin(double end, int64_t bins) { return wick::linspace(0.0, end, bins); }
Tensor scalar0() { return Tensor(); }  // an op without magnitude bins

// 8 - round(arange(bins) / ((bins - 1) / div)) (or 4 - ... for AugMix), as int32.
Tensor posterize_bins(int64_t top, int64_t bins, double div) {
  return wick::arange(bins).div(static_cast<double>(bins - 1) / div).round().to(kInt).rsub(top);
}

// The space RandAugment, TrivialAugmentWide and AutoAugment share (with and without Identity / Invert).
AugmentationSpace common_space(int64_t bins, double shear, double tx, double ty, double rotate, double enhance,
                               double posterize_div) {
  return {
      {"Identity", scalar0(), false},
      {"ShearX", lin(shear, bins), true},
      {"ShearY", lin(shear, bins), true},
      {"TranslateX", lin(tx, bins), true},
      {"TranslateY", lin(ty, bins), true},
      {"Rotate", lin(rotate, bins), true},
      {"Brightness", lin(enhance, bins), true},
      {"Color", lin(enhance, bins), true},
      {"Contrast", lin(enhance, bins), true},
      {"Sharpness", lin(enhance, bins), true},
      {"Posterize", posterize_bins(8, bins, posterize_div), false},
      {"Solarize", wick::linspace(255.0, 0.0, bins), false},
      {"AutoContrast", scalar0(), false},
      {"Equalize", scalar0(), false},
  };
}

// The magnitude at bin `index` as Python's float(magnitudes[index].item()).
double bin(const Tensor& magnitudes, int64_t index) { return magnitudes.select(0, index).item<double>(); }

// The sub-policies of the AutoAugment paper (Cubuk et al., 2018, appendix tables), as
// "op probability magnitude-bin" pairs; "-" is an op without magnitude.
const char* policy_table(AutoAugmentPolicy policy) {
  switch (policy) {
    case AutoAugmentPolicy::ImageNet:
      return "Posterize .4 8, Rotate .6 9 | Solarize .6 5, AutoContrast .6 - | Equalize .8 -, Equalize .6 -|"
             "Posterize .6 7, Posterize .6 6 | Equalize .4 -, Solarize .2 4 | Equalize .4 -, Rotate .8 8|"
             "Solarize .6 3, Equalize .6 - | Posterize .8 5, Equalize 1 - | Rotate .2 3, Solarize .6 8|"
             "Equalize .6 -, Posterize .4 6 | Rotate .8 8, Color .4 0 | Rotate .4 9, Equalize .6 -|"
             "Equalize 0 -, Equalize .8 - | Invert .6 -, Equalize 1 - | Color .6 4, Contrast 1 8|"
             "Rotate .8 8, Color 1 2 | Color .8 8, Solarize .8 7 | Sharpness .4 7, Invert .6 -|"
             "ShearX .6 5, Equalize 1 - | Color .4 0, Equalize .6 - | Equalize .4 -, Solarize .2 4|"
             "Solarize .6 5, AutoContrast .6 - | Invert .6 -, Equalize 1 - | Color .6 4, Contrast 1 8|"
             "Equalize .8 -, Equalize .6 -";
    case AutoAugmentPolicy::CIFAR10:
      return "Invert .1 -, Contrast .2 6 | Rotate .7 2, TranslateX .3 9 | Sharpness .8 1, Sharpness .9 3|"
             "ShearY .5 8, TranslateY .7 9 | AutoContrast .5 -, Equalize .9 - | ShearY .2 7, Posterize .3 7|"
             "Color .4 3, Brightness .6 7 | Sharpness .3 9, Brightness .7 9 | Equalize .6 -, Equalize .5 -|"
             "Contrast .6 7, Sharpness .6 5 | Color .7 7, TranslateX .5 8 | Equalize .3 -, AutoContrast .4 -|"
             "TranslateY .4 3, Sharpness .2 6 | Brightness .9 6, Color .2 8 | Solarize .5 2, Invert 0 -|"
             "Equalize .2 -, AutoContrast .6 - | Equalize .2 -, Equalize .6 - | Color .9 9, Equalize .6 -|"
             "AutoContrast .8 -, Solarize .2 8 | Brightness .1 3, Color .7 0 | Solarize .4 5, AutoContrast .9 -|"
             "TranslateY .9 9, TranslateY .7 9 | AutoContrast .9 -, Solarize .8 3 | Equalize .8 -, Invert .1 -|"
             "TranslateY .7 9, AutoContrast .9 -";
    case AutoAugmentPolicy::SVHN:
      return "ShearX .9 4, Invert .2 - | ShearY .9 8, Invert .7 - | Equalize .6 -, Solarize .6 6|"
             "Invert .9 -, Equalize .6 - | Equalize .6 -, Rotate .9 3 | ShearX .9 4, AutoContrast .8 -|"
             "ShearY .9 8, Invert .4 - | ShearY .9 5, Solarize .2 6 | Invert .9 -, AutoContrast .8 -|"
             "Equalize .6 -, Rotate .9 3 | ShearX .9 4, Solarize .3 3 | ShearY .8 8, Invert .7 -|"
             "Equalize .9 -, TranslateY .6 6 | Invert .9 -, Equalize .6 - | Contrast .3 3, Rotate .8 4|"
             "Invert .8 -, TranslateY 0 2 | ShearY .7 6, Solarize .4 8 | Invert .6 -, Rotate .8 4|"
             "ShearY .3 7, TranslateX .9 3 | ShearX .1 6, Invert .6 - | Solarize .7 2, TranslateY .6 7|"
             "ShearY .8 4, Invert .8 - | ShearX .7 9, TranslateY .8 3 | ShearY .8 5, AutoContrast .7 -|"
             "ShearX .7 2, Invert .1 -";
  }
  throw ValueError("The provided policy is not recognized.");
}

// One image's op chain step: a random op of `space`, a magnitude bin from `pick_bin`, a random sign.
template <typename PickBin>
Tensor random_op(const Tensor& img, const AugmentationSpace& space, PickBin&& pick_bin,
                 InterpolationMode interpolation, const std::optional<std::vector<double>>& fill) {
  const auto& [name, magnitudes, is_signed] = space[static_cast<size_t>(randint1(static_cast<int64_t>(space.size())))];
  double magnitude = magnitudes.defined() ? pick_bin(magnitudes) : 0.0;
  if (is_signed && randint1(2) != 0) magnitude *= -1.0;
  return apply_augment_op(img, name, magnitude, interpolation, fill);
}

}  // namespace

Tensor apply_augment_op(const Tensor& img, const std::string& op, double magnitude, InterpolationMode interpolation,
                        const std::optional<std::vector<double>>& fill) {
  if (op == "ShearX" || op == "ShearY") {
    const double shear = std::atan(magnitude) * 180.0 / kPi;
    return VF::affine(img, 0.0, {0, 0}, 1.0, op == "ShearX" ? std::vector<double>{shear, 0.0} : std::vector<double>{0.0, shear},
                      interpolation, fill, std::vector<double>{0, 0});
  }
  if (op == "TranslateX" || op == "TranslateY") {
    const double t = static_cast<double>(static_cast<int64_t>(magnitude));  // Python's int(): toward zero
    return VF::affine(img, 0.0, op == "TranslateX" ? std::vector<double>{t, 0} : std::vector<double>{0, t}, 1.0,
                      {0.0, 0.0}, interpolation, fill);
  }
  if (op == "Rotate") return VF::rotate(img, magnitude, interpolation, false, std::nullopt, fill);
  if (op == "Brightness") return VF::adjust_brightness(img, 1.0 + magnitude);
  if (op == "Color") return VF::adjust_saturation(img, 1.0 + magnitude);
  if (op == "Contrast") return VF::adjust_contrast(img, 1.0 + magnitude);
  if (op == "Sharpness") return VF::adjust_sharpness(img, 1.0 + magnitude);
  if (op == "Posterize") return VF::posterize(img, static_cast<int64_t>(magnitude));
  if (op == "Solarize") return VF::solarize(img, magnitude);
  if (op == "AutoContrast") return VF::autocontrast(img);
  if (op == "Equalize") return VF::equalize(img);
  if (op == "Invert") return VF::invert(img);
  if (op == "Identity") return img;
  throw ValueError(str("The provided operator ", op, " is not recognized."));
}

std::string policy_name(AutoAugmentPolicy policy) {
  switch (policy) {
    case AutoAugmentPolicy::ImageNet: return "AutoAugmentPolicy.IMAGENET";
    case AutoAugmentPolicy::CIFAR10: return "AutoAugmentPolicy.CIFAR10";
    case AutoAugmentPolicy::SVHN: return "AutoAugmentPolicy.SVHN";
  }
  throw ValueError("The provided policy is not recognized.");
}

// ---- AutoAugment ------------------------------------------------------------------------------

AutoAugment::AutoAugment(AutoAugmentPolicy policy, InterpolationMode interpolation,
                         std::optional<std::vector<double>> fill)
    : policy_(policy), interpolation_(interpolation), fill_(std::move(fill)), policies_(get_policies(policy)) {}

std::vector<AutoAugment::SubPolicy> AutoAugment::get_policies(AutoAugmentPolicy policy) {
  std::vector<SubPolicy> out;
  std::stringstream table(policy_table(policy));
  std::string sub;
  while (std::getline(table, sub, '|')) {
    SubPolicy sp;
    std::stringstream ops(sub);
    std::string op;
    for (int i = 0; i < 2 && std::getline(ops, op, ','); ++i) {
      std::stringstream fields(op);
      std::string m;
      fields >> sp[i].name >> sp[i].p >> m;
      sp[i].magnitude_id = m == "-" ? std::nullopt : std::optional<int64_t>(std::stoll(m));
    }
    out.push_back(sp);
  }
  return out;
}

std::tuple<int64_t, Tensor, Tensor> AutoAugment::get_params(int64_t transform_num) {
  const int64_t policy_id = randint1(transform_num);
  Tensor probs = wick::rand({2});
  Tensor signs = wick::randint(2, {2});
  return {policy_id, probs, signs};
}

AugmentationSpace AutoAugment::augmentation_space(int64_t num_bins, int64_t height, int64_t width) {
  AugmentationSpace s = common_space(num_bins, 0.3, 150.0 / 331.0 * static_cast<double>(width),
                                     150.0 / 331.0 * static_cast<double>(height), 30.0, 0.9, 4);
  s.erase(s.begin());  // no Identity
  s.emplace_back("Invert", scalar0(), false);
  return s;
}

Tensor AutoAugment::operator()(const Tensor& img) {
  const auto dims = VF::get_dimensions(img);
  const auto fill = channel_fill(fill_, dims[0]);
  auto [transform_id, probs, signs] = get_params(static_cast<int64_t>(policies_.size()));
  const AugmentationSpace space = augmentation_space(10, dims[1], dims[2]);
  Tensor out = img;
  for (int i = 0; i < 2; ++i) {
    const Op& op = policies_[static_cast<size_t>(transform_id)][i];
    // probs[i] <= p compares in float32, as a float tensor against a Python float does
    if (!(probs.select(0, i).item<float>() <= static_cast<float>(op.p))) continue;
    double magnitude = 0.0;
    bool is_signed = false;
    for (const auto& [name, magnitudes, sgn] : space)
      if (name == op.name) {
        if (op.magnitude_id) magnitude = bin(magnitudes, *op.magnitude_id);
        is_signed = sgn;
      }
    if (is_signed && signs.select(0, i).item<int64_t>() == 0) magnitude *= -1.0;
    out = apply_augment_op(out, op.name, magnitude, interpolation_, fill);
  }
  return out;
}

std::string AutoAugment::repr() const {
  return "AutoAugment(policy=" + policy_name(policy_) + ", fill=" + fill_repr(fill_) + ")";
}

// ---- RandAugment ------------------------------------------------------------------------------

RandAugment::RandAugment(int64_t num_ops, int64_t magnitude, int64_t num_magnitude_bins,
                         InterpolationMode interpolation, std::optional<std::vector<double>> fill)
    : num_ops_(num_ops),
      magnitude_(magnitude),
      num_magnitude_bins_(num_magnitude_bins),
      interpolation_(interpolation),
      fill_(std::move(fill)) {}

AugmentationSpace RandAugment::augmentation_space(int64_t num_bins, int64_t height, int64_t width) {
  return common_space(num_bins, 0.3, 150.0 / 331.0 * static_cast<double>(width),
                      150.0 / 331.0 * static_cast<double>(height), 30.0, 0.9, 4);
}

Tensor RandAugment::operator()(const Tensor& img) {
  const auto dims = VF::get_dimensions(img);
  const auto fill = channel_fill(fill_, dims[0]);
  const AugmentationSpace space = augmentation_space(num_magnitude_bins_, dims[1], dims[2]);
  Tensor out = img;
  for (int64_t i = 0; i < num_ops_; ++i)
    out = random_op(out, space, [&](const Tensor& m) { return bin(m, magnitude_); }, interpolation_, fill);
  return out;
}

std::string RandAugment::repr() const {
  return "RandAugment(num_ops=" + std::to_string(num_ops_) + ", magnitude=" + std::to_string(magnitude_) +
         ", num_magnitude_bins=" + std::to_string(num_magnitude_bins_) + ", interpolation=" +
         mode_repr(interpolation_) + ", fill=" + fill_repr(fill_) + ")";
}

// ---- TrivialAugmentWide -------------------------------------------------------------------------

TrivialAugmentWide::TrivialAugmentWide(int64_t num_magnitude_bins, InterpolationMode interpolation,
                                       std::optional<std::vector<double>> fill)
    : num_magnitude_bins_(num_magnitude_bins), interpolation_(interpolation), fill_(std::move(fill)) {}

AugmentationSpace TrivialAugmentWide::augmentation_space(int64_t num_bins) {
  return common_space(num_bins, 0.99, 32.0, 32.0, 135.0, 0.99, 6);
}

Tensor TrivialAugmentWide::operator()(const Tensor& img) {
  const auto dims = VF::get_dimensions(img);
  const auto fill = channel_fill(fill_, dims[0]);
  const AugmentationSpace space = augmentation_space(num_magnitude_bins_);
  return random_op(img, space, [](const Tensor& m) { return bin(m, randint1(m.size(0))); }, interpolation_, fill);
}

std::string TrivialAugmentWide::repr() const {
  return "TrivialAugmentWide(num_magnitude_bins=" + std::to_string(num_magnitude_bins_) +
         ", interpolation=" + mode_repr(interpolation_) + ", fill=" + fill_repr(fill_) + ")";
}

// ---- AugMix -------------------------------------------------------------------------------------

AugMix::AugMix(int64_t severity, int64_t mixture_width, int64_t chain_depth, double alpha, bool all_ops,
               InterpolationMode interpolation, std::optional<std::vector<double>> fill)
    : severity_(severity),
      mixture_width_(mixture_width),
      chain_depth_(chain_depth),
      alpha_(alpha),
      all_ops_(all_ops),
      interpolation_(interpolation),
      fill_(std::move(fill)) {
  WICK_CHECK_T(ValueError, 1 <= severity && severity <= kParameterMax, "The severity must be between [1, ",
               kParameterMax, "]. Got ", severity, " instead.");
}

AugmentationSpace AugMix::augmentation_space(int64_t num_bins, int64_t height, int64_t width) const {
  AugmentationSpace s{
      {"ShearX", lin(0.3, num_bins), true},
      {"ShearY", lin(0.3, num_bins), true},
      {"TranslateX", lin(static_cast<double>(width) / 3.0, num_bins), true},
      {"TranslateY", lin(static_cast<double>(height) / 3.0, num_bins), true},
      {"Rotate", lin(30.0, num_bins), true},
      {"Posterize", posterize_bins(4, num_bins, 4), false},
      {"Solarize", wick::linspace(255.0, 0.0, num_bins), false},
      {"AutoContrast", scalar0(), false},
      {"Equalize", scalar0(), false},
  };
  if (all_ops_)
    for (const char* name : {"Brightness", "Color", "Contrast", "Sharpness"}) s.emplace_back(name, lin(0.9, num_bins), true);
  return s;
}

Tensor AugMix::operator()(const Tensor& img) {
  const auto dims = VF::get_dimensions(img);
  const auto fill = channel_fill(fill_, dims[0]);
  const AugmentationSpace space = augmentation_space(kParameterMax, dims[1], dims[2]);

  const std::vector<int64_t> orig_dims(img.sizes().begin(), img.sizes().end());
  std::vector<int64_t> shape(static_cast<size_t>(std::max<int64_t>(4 - img.dim(), 0)), 1);
  shape.insert(shape.end(), orig_dims.begin(), orig_dims.end());
  const Tensor batch = img.view(shape);
  const int64_t n = batch.size(0);
  std::vector<int64_t> batch_dims(static_cast<size_t>(batch.dim()), 1);
  batch_dims[0] = n;

  // the weight of the original image against the chains, then each chain's share
  const Tensor m = wick::_sample_dirichlet(wick::full({n, 2}, alpha_, TensorOptions(kFloat)));
  const Tensor combined_weights =
      wick::_sample_dirichlet(wick::full({n, mixture_width_}, alpha_, TensorOptions(kFloat))) *
      m.select(1, 1).view({n, -1});

  Tensor mix = m.select(1, 0).view(batch_dims) * batch;
  for (int64_t i = 0; i < mixture_width_; ++i) {
    Tensor aug = batch;
    const int64_t depth = chain_depth_ > 0 ? chain_depth_ : wick::randint(1, 4, {1}).item<int64_t>();
    for (int64_t d = 0; d < depth; ++d)
      aug = random_op(aug, space, [&](const Tensor& mags) { return bin(mags, randint1(severity_)); },
                      interpolation_, fill);
    mix.add_(combined_weights.select(1, i).view(batch_dims) * aug);
  }
  return mix.view(orig_dims).to(img.scalar_type());
}

std::string AugMix::repr() const {
  return "AugMix(severity=" + std::to_string(severity_) + ", mixture_width=" + std::to_string(mixture_width_) +
         ", chain_depth=" + std::to_string(chain_depth_) + ", alpha=" + py_float(alpha_) +
         ", all_ops=" + (all_ops_ ? "True" : "False") + ", interpolation=" + mode_repr(interpolation_) +
         ", fill=" + fill_repr(fill_) + ")";
}

}  // namespace wick::vision::transforms

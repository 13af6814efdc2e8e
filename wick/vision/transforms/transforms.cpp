// torchvision.transforms' classes (0.14) over wick::vision::transforms::functional.
#include "wick/vision/transforms/transforms.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "wick/wick.h"

namespace wick::vision::transforms {
namespace VF = functional;

namespace {

// Python's repr of a float: the shortest round-trip digits, "1.0" for integral values.
std::string py_float(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// A number as the user most likely wrote it: integral values without ".0" (fill=0, value=0).
std::string py_num(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  return py_float(v);
}

template <typename T, typename F>
std::string seq(const std::vector<T>& v, F fmt, const char* open, const char* close) {
  std::string s = open;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + fmt(v[i]);
  if (v.size() == 1 && std::string(open) == "(") s += ",";
  return s + close;
}
std::string flist(const std::vector<double>& v) { return seq(v, py_float, "[", "]"); }
std::string ftuple(const std::vector<double>& v) { return seq(v, py_float, "(", ")"); }
std::string ilist(const std::vector<int64_t>& v) {
  return seq(v, [](int64_t x) { return std::to_string(x); }, "[", "]");
}
std::string ituple(const std::vector<int64_t>& v) {
  return seq(v, [](int64_t x) { return std::to_string(x); }, "(", ")");
}
std::string pybool(bool b) { return b ? "True" : "False"; }
std::string opt_bool(const std::optional<bool>& b) { return b ? pybool(*b) : "None"; }

std::vector<int64_t> setup_size(const std::vector<int64_t>& size, const char* msg) {
  if (size.size() == 1) return {size[0], size[0]};
  WICK_CHECK_T(ValueError, size.size() == 2, msg);
  return size;
}
constexpr const char* kSizeMsg = "Please provide only two dimensions (h, w) for size.";

// {d} -> [-d, d]; {a, b} as is (torchvision's _setup_angle).
std::vector<double> setup_angle(const std::vector<double>& x, const char* name, std::initializer_list<size_t> sizes) {
  if (x.size() == 1) {
    WICK_CHECK_T(ValueError, x[0] >= 0, "If ", name, " is a single number, it must be positive.");
    return {-x[0], x[0]};
  }
  bool ok = false;
  std::string req;
  for (size_t s : sizes) {
    ok = ok || x.size() == s;
    req += (req.empty() ? "" : " or ") + std::to_string(s);
  }
  WICK_CHECK_T(ValueError, ok, name, " should be a sequence of length ", req, ".");
  return x;
}

void check_len(const std::vector<double>& x, const char* name, size_t n) {
  WICK_CHECK_T(ValueError, x.size() == n, name, " should be a sequence of length ", n, ".");
}

double rand1() { return wick::rand({1}).item<double>(); }
double uniform1(double a, double b) { return wick::empty({1}).uniform_(a, b).item<double>(); }
int64_t randint1(int64_t lo, int64_t hi) { return wick::randint(lo, hi, {1}).item<int64_t>(); }

std::string listing(const std::string& name, const std::vector<TransformPtr>& ts, const std::string& head = "") {
  std::string s = name + "(" + head;
  for (const auto& t : ts) s += "\n    " + t->repr();
  return s + "\n)";
}

std::vector<double> channel_fill(const std::vector<double>& fill, int64_t channels) {
  if (fill.size() == 1) return std::vector<double>(channels, fill[0]);
  return fill;
}

std::string fill_repr(const std::vector<double>& fill) {
  return fill.size() == 1 ? py_num(fill[0]) : seq(fill, py_num, "[", "]");
}

}  // namespace

Tensor Compose::operator()(const Tensor& img) {
  Tensor x = img;
  for (auto& t : transforms_) x = (*t)(x);
  return x;
}
std::string Compose::repr() const { return listing("Compose", transforms_); }

Tensor ConvertImageDtype::operator()(const Tensor& img) { return VF::convert_image_dtype(img, dtype_); }

Normalize::Normalize(std::vector<double> mean, std::vector<double> std, bool inplace)
    : mean_(std::move(mean)), std_(std::move(std)), inplace_(inplace) {}
Tensor Normalize::operator()(const Tensor& img) { return VF::normalize(img, mean_, std_, inplace_); }
std::string Normalize::repr() const { return "Normalize(mean=" + flist(mean_) + ", std=" + flist(std_) + ")"; }

Resize::Resize(std::vector<int64_t> size, InterpolationMode interpolation, std::optional<int64_t> max_size,
               std::optional<bool> antialias)
    : size_(std::move(size)), interpolation_(interpolation), max_size_(max_size), antialias_(antialias) {
  WICK_CHECK_T(ValueError, size_.size() == 1 || size_.size() == 2, "If size is a sequence, it should have 1 or 2 values");
}
Tensor Resize::operator()(const Tensor& img) {
  return VF::resize(img, size_, interpolation_, max_size_, antialias_.value_or(false));
}
std::string Resize::repr() const {
  return "Resize(size=" + (size_.size() == 1 ? std::to_string(size_[0]) : ilist(size_)) +
         ", interpolation=" + VF::interpolation_name(interpolation_) +
         ", max_size=" + (max_size_ ? std::to_string(*max_size_) : "None") + ", antialias=" + opt_bool(antialias_) + ")";
}

CenterCrop::CenterCrop(std::vector<int64_t> size) : size_(setup_size(size, kSizeMsg)) {}
Tensor CenterCrop::operator()(const Tensor& img) { return VF::center_crop(img, size_); }
std::string CenterCrop::repr() const { return "CenterCrop(size=" + ituple(size_) + ")"; }

Pad::Pad(std::vector<int64_t> padding, double fill, std::string padding_mode)
    : padding_(std::move(padding)), fill_(fill), padding_mode_(std::move(padding_mode)) {
  WICK_CHECK_T(ValueError,
               padding_mode_ == "constant" || padding_mode_ == "edge" || padding_mode_ == "reflect" ||
                   padding_mode_ == "symmetric",
               "Padding mode should be either constant, edge, reflect or symmetric");
  WICK_CHECK_T(ValueError, padding_.size() == 1 || padding_.size() == 2 || padding_.size() == 4,
               "Padding must be an int or a 1, 2, or 4 element tuple, not a ", padding_.size(), " element tuple");
}
Tensor Pad::operator()(const Tensor& img) { return VF::pad(img, padding_, fill_, padding_mode_); }
std::string Pad::repr() const {
  return "Pad(padding=" + (padding_.size() == 1 ? std::to_string(padding_[0]) : ilist(padding_)) +
         ", fill=" + py_num(fill_) + ", padding_mode=" + padding_mode_ + ")";
}

RandomCrop::RandomCrop(std::vector<int64_t> size, std::optional<std::vector<int64_t>> padding, bool pad_if_needed,
                       double fill, std::string padding_mode)
    : size_(setup_size(size, kSizeMsg)),
      padding_(std::move(padding)),
      pad_if_needed_(pad_if_needed),
      fill_(fill),
      padding_mode_(std::move(padding_mode)) {}

std::tuple<int64_t, int64_t, int64_t, int64_t> RandomCrop::get_params(const Tensor& img,
                                                                      const std::vector<int64_t>& output_size) {
  auto d = VF::get_dimensions(img);
  int64_t h = d[1], w = d[2], th = output_size[0], tw = output_size[1];
  WICK_CHECK_T(ValueError, h >= th && w >= tw, "Required crop size (", th, ", ", tw,
               ") is larger than input image size (", h, ", ", w, ")");
  if (w == tw && h == th) return {0, 0, h, w};
  int64_t i = randint1(0, h - th + 1);
  int64_t j = randint1(0, w - tw + 1);
  return {i, j, th, tw};
}

Tensor RandomCrop::operator()(const Tensor& img) {
  Tensor x = img;
  if (padding_) x = VF::pad(x, *padding_, fill_, padding_mode_);
  auto d = VF::get_dimensions(x);
  if (pad_if_needed_ && d[2] < size_[1]) x = VF::pad(x, {size_[1] - d[2], 0}, fill_, padding_mode_);
  if (pad_if_needed_ && d[1] < size_[0]) x = VF::pad(x, {0, size_[0] - d[1]}, fill_, padding_mode_);
  auto [i, j, h, w] = get_params(x, size_);
  return VF::crop(x, i, j, h, w);
}
std::string RandomCrop::repr() const {
  std::string pad = !padding_ ? "None" : padding_->size() == 1 ? std::to_string((*padding_)[0]) : ilist(*padding_);
  return "RandomCrop(size=" + ituple(size_) + ", padding=" + pad + ")";
}

RandomResizedCrop::RandomResizedCrop(std::vector<int64_t> size, std::vector<double> scale, std::vector<double> ratio,
                                     InterpolationMode interpolation, std::optional<bool> antialias)
    : size_(setup_size(size, kSizeMsg)),
      scale_(std::move(scale)),
      ratio_(std::move(ratio)),
      interpolation_(interpolation),
      antialias_(antialias) {
  check_len(scale_, "scale", 2);
  check_len(ratio_, "ratio", 2);
}

std::tuple<int64_t, int64_t, int64_t, int64_t> RandomResizedCrop::get_params(const Tensor& img,
                                                                             const std::vector<double>& scale,
                                                                             const std::vector<double>& ratio) {
  auto d = VF::get_dimensions(img);
  int64_t height = d[1], width = d[2];
  double area = static_cast<double>(height * width);
  // log(ratio) in float32, as torch.log(torch.tensor(ratio))
  Tensor log_ratio = wick::tensor(ratio, kFloat).log();
  double lr0 = log_ratio[0].item<double>(), lr1 = log_ratio[1].item<double>();
  for (int attempt = 0; attempt < 10; ++attempt) {
    double target_area = area * uniform1(scale[0], scale[1]);
    double aspect = wick::empty({1}).uniform_(lr0, lr1).exp().item<double>();
    auto w = static_cast<int64_t>(std::nearbyint(std::sqrt(target_area * aspect)));
    auto h = static_cast<int64_t>(std::nearbyint(std::sqrt(target_area / aspect)));
    if (0 < w && w <= width && 0 < h && h <= height) {
      int64_t i = randint1(0, height - h + 1);
      int64_t j = randint1(0, width - w + 1);
      return {i, j, h, w};
    }
  }
  // fallback: a centre crop with the ratio clamped into range
  double in_ratio = static_cast<double>(width) / static_cast<double>(height);
  double rmin = std::min(ratio[0], ratio[1]), rmax = std::max(ratio[0], ratio[1]);
  int64_t w = width, h = height;
  if (in_ratio < rmin) {
    h = static_cast<int64_t>(std::nearbyint(w / rmin));
  } else if (in_ratio > rmax) {
    w = static_cast<int64_t>(std::nearbyint(h * rmax));
  }
  return {(height - h) / 2, (width - w) / 2, h, w};
}

Tensor RandomResizedCrop::operator()(const Tensor& img) {
  auto [i, j, h, w] = get_params(img, scale_, ratio_);
  return VF::resized_crop(img, i, j, h, w, size_, interpolation_, antialias_.value_or(false));
}
std::string RandomResizedCrop::repr() const {
  auto r4 = [](double v) { return py_float(std::nearbyint(v * 1e4) / 1e4); };
  // torchvision 0.14 prints the stray ')' before antialias too
  return "RandomResizedCrop(size=" + ituple(size_) + ", scale=" + seq(scale_, r4, "(", ")") +
         ", ratio=" + seq(ratio_, r4, "(", ")") + ", interpolation=" + VF::interpolation_name(interpolation_) +
         "), antialias=" + opt_bool(antialias_) + ")";
}

Tensor RandomHorizontalFlip::operator()(const Tensor& img) { return rand1() < p_ ? VF::hflip(img) : img; }
std::string RandomHorizontalFlip::repr() const { return "RandomHorizontalFlip(p=" + py_float(p_) + ")"; }
Tensor RandomVerticalFlip::operator()(const Tensor& img) { return rand1() < p_ ? VF::vflip(img) : img; }
std::string RandomVerticalFlip::repr() const { return "RandomVerticalFlip(p=" + py_float(p_) + ")"; }

RandomRotation::RandomRotation(std::vector<double> degrees, InterpolationMode interpolation, bool expand,
                               std::optional<std::vector<double>> center, std::vector<double> fill)
    : degrees_(setup_angle(degrees, "degrees", {2})),
      interpolation_(interpolation),
      expand_(expand),
      center_(std::move(center)),
      fill_(std::move(fill)) {
  if (center_) check_len(*center_, "center", 2);
}
Tensor RandomRotation::operator()(const Tensor& img) {
  auto fill = channel_fill(fill_, VF::get_dimensions(img)[0]);
  double angle = uniform1(degrees_[0], degrees_[1]);
  return VF::rotate(img, angle, interpolation_, expand_, center_, fill);
}
std::string RandomRotation::repr() const {
  std::string s = "RandomRotation(degrees=" + flist(degrees_) + ", interpolation=" +
                  VF::interpolation_name(interpolation_) + ", expand=" + pybool(expand_);
  if (center_) s += ", center=" + seq(*center_, py_num, "[", "]");
  return s + ", fill=" + fill_repr(fill_) + ")";
}

RandomAffine::RandomAffine(std::vector<double> degrees, std::optional<std::vector<double>> translate,
                           std::optional<std::vector<double>> scale, std::optional<std::vector<double>> shear,
                           InterpolationMode interpolation, std::vector<double> fill,
                           std::optional<std::vector<double>> center)
    : degrees_(setup_angle(degrees, "degrees", {2})),
      translate_(std::move(translate)),
      scale_(std::move(scale)),
      interpolation_(interpolation),
      fill_(std::move(fill)),
      center_(std::move(center)) {
  if (translate_) {
    check_len(*translate_, "translate", 2);
    for (double t : *translate_) WICK_CHECK_T(ValueError, t >= 0.0 && t <= 1.0, "translation values should be between 0 and 1");
  }
  if (scale_) {
    check_len(*scale_, "scale", 2);
    for (double s : *scale_) WICK_CHECK_T(ValueError, s > 0, "scale values should be positive");
  }
  if (shear) shear_ = setup_angle(*shear, "shear", {2, 4});
  if (center_) check_len(*center_, "center", 2);
}
Tensor RandomAffine::operator()(const Tensor& img) {
  auto d = VF::get_dimensions(img);
  auto fill = channel_fill(fill_, d[0]);
  double angle = uniform1(degrees_[0], degrees_[1]);
  std::vector<double> translations = {0.0, 0.0};
  if (translate_) {
    double max_dx = (*translate_)[0] * static_cast<double>(d[2]);
    double max_dy = (*translate_)[1] * static_cast<double>(d[1]);
    translations[0] = std::nearbyint(uniform1(-max_dx, max_dx));
    translations[1] = std::nearbyint(uniform1(-max_dy, max_dy));
  }
  double scale = scale_ ? uniform1((*scale_)[0], (*scale_)[1]) : 1.0;
  std::vector<double> shear = {0.0, 0.0};
  if (shear_) {
    shear[0] = uniform1((*shear_)[0], (*shear_)[1]);
    if (shear_->size() == 4) shear[1] = uniform1((*shear_)[2], (*shear_)[3]);
  }
  return VF::affine(img, angle, translations, scale, shear, interpolation_, fill, center_);
}
std::string RandomAffine::repr() const {
  std::string s = "RandomAffine(degrees=" + flist(degrees_);
  if (translate_) s += ", translate=" + ftuple(*translate_);
  if (scale_) s += ", scale=" + ftuple(*scale_);
  if (shear_) s += ", shear=" + flist(*shear_);
  if (interpolation_ != InterpolationMode::Nearest) s += std::string(", interpolation=") + VF::interpolation_name(interpolation_);
  if (!(fill_.size() == 1 && fill_[0] == 0)) s += ", fill=" + fill_repr(fill_);
  if (center_) s += ", center=" + seq(*center_, py_num, "[", "]");
  return s + ")";
}

RandomPerspective::RandomPerspective(double distortion_scale, double p, InterpolationMode interpolation,
                                     std::vector<double> fill)
    : distortion_scale_(distortion_scale), p_(p), interpolation_(interpolation), fill_(std::move(fill)) {}

std::pair<std::vector<std::vector<double>>, std::vector<std::vector<double>>> RandomPerspective::get_params(
    int64_t width, int64_t height, double distortion_scale) {
  auto dw = static_cast<int64_t>(distortion_scale * static_cast<double>(width / 2));
  auto dh = static_cast<int64_t>(distortion_scale * static_cast<double>(height / 2));
  auto r = [](int64_t lo, int64_t hi) { return static_cast<double>(randint1(lo, hi)); };
  double tlx = r(0, dw + 1), tly = r(0, dh + 1);
  double trx = r(width - dw - 1, width), try_ = r(0, dh + 1);
  double brx = r(width - dw - 1, width), bry = r(height - dh - 1, height);
  double blx = r(0, dw + 1), bly = r(height - dh - 1, height);
  double w1 = static_cast<double>(width - 1), h1 = static_cast<double>(height - 1);
  return {{{0, 0}, {w1, 0}, {w1, h1}, {0, h1}}, {{tlx, tly}, {trx, try_}, {brx, bry}, {blx, bly}}};
}

Tensor RandomPerspective::operator()(const Tensor& img) {
  auto d = VF::get_dimensions(img);
  auto fill = channel_fill(fill_, d[0]);
  if (!(rand1() < p_)) return img;
  auto [sp, ep] = get_params(d[2], d[1], distortion_scale_);
  return VF::perspective(img, sp, ep, interpolation_, fill);
}
std::string RandomPerspective::repr() const { return "RandomPerspective(p=" + py_float(p_) + ")"; }

ElasticTransform::ElasticTransform(std::vector<double> alpha, std::vector<double> sigma,
                                   InterpolationMode interpolation, double fill)
    : interpolation_(interpolation), fill_(fill) {
  WICK_CHECK_T(ValueError, alpha.size() == 1 || alpha.size() == 2,
               "If alpha is a sequence its length should be 2. Got ", alpha.size());
  WICK_CHECK_T(ValueError, sigma.size() == 1 || sigma.size() == 2,
               "If sigma is a sequence its length should be 2. Got ", sigma.size());
  alpha_ = alpha.size() == 1 ? std::vector<double>{alpha[0], alpha[0]} : alpha;
  sigma_ = sigma.size() == 1 ? std::vector<double>{sigma[0], sigma[0]} : sigma;
}

Tensor ElasticTransform::get_params(const std::vector<double>& alpha, const std::vector<double>& sigma,
                                    const std::vector<int64_t>& size) {
  auto field = [&](int k) {
    Tensor d = wick::rand({1, 1, size[0], size[1]}) * 2 - 1;
    if (sigma[k] > 0.0) {
      auto ks = static_cast<int64_t>(8 * sigma[k] + 1);
      if (ks % 2 == 0) ks += 1;
      d = VF::gaussian_blur(d, {ks, ks}, sigma);
    }
    return d * alpha[k] / static_cast<double>(size[k]);
  };
  Tensor dx = field(0);
  Tensor dy = field(1);
  return wick::cat({dx, dy}, 1).permute({0, 2, 3, 1});
}

Tensor ElasticTransform::operator()(const Tensor& img) {
  auto d = VF::get_dimensions(img);
  Tensor displacement = get_params(alpha_, sigma_, {d[1], d[2]});
  return VF::elastic_transform(img, displacement, interpolation_, std::vector<double>{fill_});
}
std::string ElasticTransform::repr() const {
  // torchvision 0.14's repr, unformatted placeholders included
  return "ElasticTransform(alpha=" + flist(alpha_) + "), (sigma=" + flist(sigma_) +
         "), interpolation={self.interpolation}, fill={self.fill})";
}

Tensor Grayscale::operator()(const Tensor& img) { return VF::rgb_to_grayscale(img, n_); }
std::string Grayscale::repr() const { return "Grayscale(num_output_channels=" + std::to_string(n_) + ")"; }
Tensor RandomGrayscale::operator()(const Tensor& img) {
  int64_t c = VF::get_dimensions(img)[0];
  return rand1() < p_ ? VF::rgb_to_grayscale(img, c) : img;
}
std::string RandomGrayscale::repr() const { return "RandomGrayscale(p=" + py_float(p_) + ")"; }

namespace {
std::optional<std::vector<double>> jitter_range(const std::vector<double>& v, const char* name, double center,
                                                double lo, double hi, bool clip_first_on_zero) {
  std::vector<double> r;
  if (v.size() == 1) {
    WICK_CHECK_T(ValueError, v[0] >= 0, "If ", name, " is a single number, it must be non negative.");
    r = {center - v[0], center + v[0]};
    if (clip_first_on_zero) r[0] = std::max(r[0], 0.0);
  } else {
    WICK_CHECK_T(TypeError, v.size() == 2, name, " should be a single number or a list/tuple with length 2.");
    WICK_CHECK_T(ValueError, lo <= v[0] && v[0] <= v[1] && v[1] <= hi, name, " values should be between (",
                 py_num(lo), ", ", std::isinf(hi) ? std::string("inf") : py_num(hi), ")");
    r = v;
  }
  if (r[0] == center && r[1] == center) return std::nullopt;
  return r;
}
}  // namespace

ColorJitter::ColorJitter(std::vector<double> brightness, std::vector<double> contrast, std::vector<double> saturation,
                         std::vector<double> hue)
    : b_(jitter_range(brightness, "brightness", 1, 0, INFINITY, true)),
      c_(jitter_range(contrast, "contrast", 1, 0, INFINITY, true)),
      s_(jitter_range(saturation, "saturation", 1, 0, INFINITY, true)),
      h_(jitter_range(hue, "hue", 0, -0.5, 0.5, false)) {}

Tensor ColorJitter::operator()(const Tensor& img) {
  Tensor order = wick::randperm(4);
  auto draw = [](const std::optional<std::vector<double>>& r) -> std::optional<double> {
    if (!r) return std::nullopt;
    return uniform1((*r)[0], (*r)[1]);
  };
  auto b = draw(b_), c = draw(c_), s = draw(s_), h = draw(h_);
  Tensor x = img;
  for (int64_t k = 0; k < 4; ++k) {
    int64_t id = order[k].item<int64_t>();
    if (id == 0 && b) x = VF::adjust_brightness(x, *b);
    else if (id == 1 && c) x = VF::adjust_contrast(x, *c);
    else if (id == 2 && s) x = VF::adjust_saturation(x, *s);
    else if (id == 3 && h) x = VF::adjust_hue(x, *h);
  }
  return x;
}
std::string ColorJitter::repr() const {
  auto r = [](const std::optional<std::vector<double>>& v) { return v ? flist(*v) : std::string("None"); };
  return "ColorJitter(brightness=" + r(b_) + ", contrast=" + r(c_) + ", saturation=" + r(s_) + ", hue=" + r(h_) + ")";
}

GaussianBlur::GaussianBlur(std::vector<int64_t> kernel_size, std::vector<double> sigma)
    : kernel_size_(setup_size(kernel_size, "Kernel size should be a tuple/list of two integers")) {
  for (int64_t k : kernel_size_)
    WICK_CHECK_T(ValueError, k > 0 && k % 2 == 1, "Kernel size value should be an odd and positive number.");
  if (sigma.size() == 1) {
    WICK_CHECK_T(ValueError, sigma[0] > 0, "If sigma is a single number, it must be positive.");
    sigma = {sigma[0], sigma[0]};
  } else {
    WICK_CHECK_T(ValueError, sigma.size() == 2, "sigma should be a single number or a list/tuple with length 2.");
    WICK_CHECK_T(ValueError, 0.0 < sigma[0] && sigma[0] <= sigma[1],
                 "sigma values should be positive and of the form (min, max).");
  }
  sigma_ = sigma;
}
Tensor GaussianBlur::operator()(const Tensor& img) {
  double s = uniform1(sigma_[0], sigma_[1]);
  return VF::gaussian_blur(img, kernel_size_, std::vector<double>{s, s});
}
std::string GaussianBlur::repr() const {
  return "GaussianBlur(kernel_size=" + ituple(kernel_size_) + ", sigma=" + ftuple(sigma_) + ")";
}

RandomErasing::RandomErasing(double p, std::vector<double> scale, std::vector<double> ratio, std::vector<double> value,
                             bool inplace, bool random_value)
    : p_(p), scale_(std::move(scale)), ratio_(std::move(ratio)), value_(std::move(value)), inplace_(inplace),
      random_(random_value) {
  check_len(scale_, "scale", 2);
  check_len(ratio_, "ratio", 2);
  WICK_CHECK_T(ValueError, scale_[0] >= 0 && scale_[1] <= 1, "Scale should be between 0 and 1");
  WICK_CHECK_T(ValueError, p_ >= 0 && p_ <= 1, "Random erasing probability should be between 0 and 1");
}
Tensor RandomErasing::operator()(const Tensor& img) {
  if (!(rand1() < p_)) return img;
  int64_t c = img.size(-3), ih = img.size(-2), iw = img.size(-1);
  WICK_CHECK_T(ValueError, random_ || value_.size() == 1 || static_cast<int64_t>(value_.size()) == c,
               "If value is a sequence, it should have either a single value or ", c, " (number of input channels)");
  double area = static_cast<double>(ih * iw);
  Tensor log_ratio = wick::tensor(ratio_, kFloat).log();
  double lr0 = log_ratio[0].item<double>(), lr1 = log_ratio[1].item<double>();
  for (int attempt = 0; attempt < 10; ++attempt) {
    double erase_area = area * uniform1(scale_[0], scale_[1]);
    double aspect = wick::empty({1}).uniform_(lr0, lr1).exp().item<double>();
    auto h = static_cast<int64_t>(std::nearbyint(std::sqrt(erase_area * aspect)));
    auto w = static_cast<int64_t>(std::nearbyint(std::sqrt(erase_area / aspect)));
    if (!(h < ih && w < iw)) continue;
    Tensor v = random_ ? wick::empty({c, h, w}, kFloat).normal_()
                       : wick::tensor(value_, kFloat).view({-1, 1, 1});
    int64_t i = randint1(0, ih - h + 1);
    int64_t j = randint1(0, iw - w + 1);
    return VF::erase(img, i, j, h, w, v, inplace_);
  }
  return img;
}
std::string RandomErasing::repr() const {
  std::string value = random_ ? "random" : fill_repr(value_);
  return "RandomErasing(p=" + py_float(p_) + ", scale=" + ftuple(scale_) + ", ratio=" + ftuple(ratio_) +
         ", value=" + value + ", inplace=" + pybool(inplace_) + ")";
}

Tensor RandomApply::operator()(const Tensor& img) {
  if (p_ < rand1()) return img;
  Tensor x = img;
  for (auto& t : transforms_) x = (*t)(x);
  return x;
}
std::string RandomApply::repr() const { return listing("RandomApply", transforms_, "\n    p=" + py_float(p_)); }

RandomChoice::RandomChoice(std::vector<TransformPtr> transforms, std::optional<std::vector<double>> p)
    : transforms_(std::move(transforms)), p_(std::move(p)) {
  WICK_CHECK_T(ValueError, !transforms_.empty(), "RandomChoice needs at least one transform");
  WICK_CHECK_T(ValueError, !p_ || p_->size() == transforms_.size(), "The number of weights does not match the population");
}
Tensor RandomChoice::operator()(const Tensor& img) {
  Tensor w = p_ ? wick::tensor(*p_, kDouble) : wick::ones({static_cast<int64_t>(transforms_.size())}, kDouble);
  int64_t k = w.multinomial(1).item<int64_t>();
  return (*transforms_[k])(img);
}
std::string RandomChoice::repr() const {
  return listing("RandomChoice", transforms_) + "(p=" + (p_ ? seq(*p_, py_num, "[", "]") : "None") + ")";
}

Tensor RandomOrder::operator()(const Tensor& img) {
  Tensor order = wick::randperm(static_cast<int64_t>(transforms_.size()));
  Tensor x = img;
  for (int64_t k = 0; k < order.numel(); ++k) x = (*transforms_[order[k].item<int64_t>()])(x);
  return x;
}
std::string RandomOrder::repr() const { return listing("RandomOrder", transforms_); }

Tensor RandomOp::operator()(const Tensor& img) { return rand1() < p_ ? op_(img) : img; }
std::string RandomOp::repr() const { return name_ + "(" + args_ + "p=" + py_float(p_) + ")"; }
RandomInvert::RandomInvert(double p) : RandomOp("RandomInvert", p, [](const Tensor& x) { return VF::invert(x); }) {}
RandomPosterize::RandomPosterize(int64_t bits, double p)
    : RandomOp("RandomPosterize", p, [bits](const Tensor& x) { return VF::posterize(x, bits); },
               "bits=" + std::to_string(bits) + ",") {}
RandomSolarize::RandomSolarize(double threshold, double p)
    : RandomOp("RandomSolarize", p, [threshold](const Tensor& x) { return VF::solarize(x, threshold); },
               "threshold=" + py_num(threshold) + ",") {}
RandomAdjustSharpness::RandomAdjustSharpness(double factor, double p)
    : RandomOp("RandomAdjustSharpness", p, [factor](const Tensor& x) { return VF::adjust_sharpness(x, factor); },
               "sharpness_factor=" + py_float(factor) + ",") {}
RandomAutocontrast::RandomAutocontrast(double p)
    : RandomOp("RandomAutocontrast", p, [](const Tensor& x) { return VF::autocontrast(x); }) {}
RandomEqualize::RandomEqualize(double p) : RandomOp("RandomEqualize", p, [](const Tensor& x) { return VF::equalize(x); }) {}

FiveCrop::FiveCrop(std::vector<int64_t> size) : size_(setup_size(size, kSizeMsg)) {}
std::vector<Tensor> FiveCrop::operator()(const Tensor& img) const { return VF::five_crop(img, size_); }
std::string FiveCrop::repr() const { return "FiveCrop(size=" + ituple(size_) + ")"; }

TenCrop::TenCrop(std::vector<int64_t> size, bool vertical_flip)
    : size_(setup_size(size, kSizeMsg)), vertical_flip_(vertical_flip) {}
std::vector<Tensor> TenCrop::operator()(const Tensor& img) const { return VF::ten_crop(img, size_, vertical_flip_); }
std::string TenCrop::repr() const {
  return "TenCrop(size=" + ituple(size_) + ", vertical_flip=" + pybool(vertical_flip_) + ")";
}

}  // namespace wick::vision::transforms

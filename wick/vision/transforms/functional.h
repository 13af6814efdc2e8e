#pragma once
// wick::vision::transforms::functional: torchvision.transforms.functional's tensor path
// (torchvision 0.14) for images [..., C, H, W] of uint8 or float, batched:
//   namespace VF = wick::vision::transforms::functional;
//   VF::resize(img, {224}, VF::InterpolationMode::Bilinear, std::nullopt, /*antialias=*/true)
// Each op is composed from wick ops (interpolate, grid_sample, pad, conv2d, flip, ...).
// Bad arguments raise wick::ValueError / TypeError with torchvision's messages.
#include <optional>
#include <string>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick::vision::transforms::functional {

enum class InterpolationMode { Nearest, Bilinear, Bicubic };
// "nearest", "bilinear", "bicubic" (torchvision's InterpolationMode values).
const char* interpolation_name(InterpolationMode mode);

// {C, H, W} (C = 1 for a 2-d image).
std::vector<int64_t> get_dimensions(const Tensor& img);

// torchvision's to_tensor for an H x W or H x W x C array (what a PIL image or an
// ndarray is in Python): C x H x W, uint8 scaled to float in [0, 1], other dtypes kept.
Tensor to_tensor(const Tensor& pic);
Tensor convert_image_dtype(const Tensor& image, ScalarType dtype = kFloat);
Tensor normalize(const Tensor& tensor, const std::vector<double>& mean, const std::vector<double>& std,
                 bool inplace = false);

// size: {h, w}, or {s} for the smaller edge (then max_size caps the longer one).
Tensor resize(const Tensor& img, const std::vector<int64_t>& size,
              InterpolationMode interpolation = InterpolationMode::Bilinear,
              std::optional<int64_t> max_size = std::nullopt, bool antialias = false);
// The output [h, w] of resize(size, max_size) for an image of image_h x image_w.
std::vector<int64_t> compute_resized_output_size(int64_t image_h, int64_t image_w,
                                                 const std::vector<int64_t>& size,
                                                 std::optional<int64_t> max_size = std::nullopt);

// Parts outside the image are zero-padded (torchvision's crop).
Tensor crop(const Tensor& img, int64_t top, int64_t left, int64_t height, int64_t width);
// output_size: {h, w} or {s}.
Tensor center_crop(const Tensor& img, const std::vector<int64_t>& output_size);
Tensor resized_crop(const Tensor& img, int64_t top, int64_t left, int64_t height, int64_t width,
                    const std::vector<int64_t>& size,
                    InterpolationMode interpolation = InterpolationMode::Bilinear, bool antialias = false);
// padding: {all}, {left/right, top/bottom} or {left, top, right, bottom}; negative values crop.
// padding_mode: "constant", "edge", "reflect" or "symmetric".
Tensor pad(const Tensor& img, const std::vector<int64_t>& padding, double fill = 0,
           const std::string& padding_mode = "constant");
Tensor hflip(const Tensor& img);
Tensor vflip(const Tensor& img);
// {top-left, top-right, bottom-left, bottom-right, center}; ten_crop adds those of the flipped image.
std::vector<Tensor> five_crop(const Tensor& img, const std::vector<int64_t>& size);
std::vector<Tensor> ten_crop(const Tensor& img, const std::vector<int64_t>& size, bool vertical_flip = false);

// Counter-clockwise degrees; center in pixels (default: the image centre); fill per channel or one value
// (default: none = zeros). Nearest or Bilinear.
Tensor rotate(const Tensor& img, double angle, InterpolationMode interpolation = InterpolationMode::Nearest,
              bool expand = false, const std::optional<std::vector<double>>& center = std::nullopt,
              const std::optional<std::vector<double>>& fill = std::nullopt);
// shear: {x} or {x, y} degrees.
Tensor affine(const Tensor& img, double angle, const std::vector<double>& translate, double scale,
              const std::vector<double>& shear, InterpolationMode interpolation = InterpolationMode::Nearest,
              const std::optional<std::vector<double>>& fill = std::nullopt,
              const std::optional<std::vector<double>>& center = std::nullopt);
// The flat 2x3 matrix mapping output pixels to input pixels (torchvision's _get_inverse_affine_matrix).
std::vector<double> inverse_affine_matrix(const std::vector<double>& center, double angle,
                                          const std::vector<double>& translate, double scale,
                                          const std::vector<double>& shear);

// The 8 coefficients mapping endpoints back to startpoints (4 [x, y] points each; float32 LAPACK gels).
std::vector<double> perspective_coeffs(const std::vector<std::vector<double>>& startpoints,
                                       const std::vector<std::vector<double>>& endpoints);
Tensor perspective(const Tensor& img, const std::vector<std::vector<double>>& startpoints,
                   const std::vector<std::vector<double>>& endpoints,
                   InterpolationMode interpolation = InterpolationMode::Bilinear,
                   const std::optional<std::vector<double>>& fill = std::nullopt);

// displacement: (1, H, W, 2) offsets added to the identity sampling grid (grid_sample units).
Tensor elastic_transform(const Tensor& img, const Tensor& displacement,
                         InterpolationMode interpolation = InterpolationMode::Bilinear,
                         const std::optional<std::vector<double>>& fill = std::nullopt);

Tensor rgb_to_grayscale(const Tensor& img, int64_t num_output_channels = 1);
Tensor adjust_brightness(const Tensor& img, double brightness_factor);
Tensor adjust_contrast(const Tensor& img, double contrast_factor);
Tensor adjust_saturation(const Tensor& img, double saturation_factor);
Tensor adjust_hue(const Tensor& img, double hue_factor);
Tensor adjust_gamma(const Tensor& img, double gamma, double gain = 1);
Tensor invert(const Tensor& img);
// uint8 only; bits in [0, 8].
Tensor posterize(const Tensor& img, int64_t bits);
// Pixels >= threshold are inverted.
Tensor solarize(const Tensor& img, double threshold);
Tensor adjust_sharpness(const Tensor& img, double sharpness_factor);
Tensor autocontrast(const Tensor& img);
// uint8 only, [C, H, W] or [N, C, H, W]: per-channel histogram equalisation.
Tensor equalize(const Tensor& img);

// kernel_size: {k} or {kx, ky} (odd, positive); sigma: {s} or {sx, sy}, default k * 0.15 + 0.35.
Tensor gaussian_blur(const Tensor& img, const std::vector<int64_t>& kernel_size,
                     const std::optional<std::vector<double>>& sigma = std::nullopt);
// img[..., i:i+h, j:j+w] = v.
Tensor erase(const Tensor& img, int64_t i, int64_t j, int64_t h, int64_t w, const Tensor& v, bool inplace = false);

}  // namespace wick::vision::transforms::functional

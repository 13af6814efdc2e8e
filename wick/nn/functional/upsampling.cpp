#include "wick/nn/functional/upsampling.h"

#include <cmath>
#include <sstream>

#include "wick/ops/nn_extra.h"
#include "wick/ops/pool.h"

namespace wick::nn {

InterpolateMode::InterpolateMode(Interpolation mode) : id_(mode) {
  switch (mode) {
    case kNearest: str_ = "nearest", name_ = "kNearest"; break;
    case kBilinear: str_ = "bilinear", name_ = "kBilinear"; break;
    case kBicubic: str_ = "bicubic", name_ = "kBicubic"; break;
    case kTrilinear: str_ = "trilinear", name_ = "kTrilinear"; break;
    case kArea: str_ = "area", name_ = "kArea"; break;
    case kNearestExact: str_ = "nearest-exact", name_ = "kNearestExact"; break;
    default: WICK_CHECK_T(ValueError, false, "unknown interpolation mode ", static_cast<int>(mode));
  }
}

InterpolateMode::InterpolateMode(Nonlinearity mode) : id_(-1), str_("linear"), name_("kLinear") {
  WICK_CHECK_T(ValueError, mode == kLinear, "an interpolation mode must be wick::kLinear, kNearest, kBilinear, "
               "kBicubic, kTrilinear, kArea or kNearestExact");
}

}  // namespace wick::nn

namespace wick::nn::functional {
namespace {
template <typename T>
std::string list_str(const std::vector<T>& v) {
  std::ostringstream s;
  s << "[";
  for (size_t i = 0; i < v.size(); ++i) s << (i ? ", " : "") << v[i];
  s << "]";
  return s.str();
}
}  // namespace

Tensor interpolate(const Tensor& input, const InterpolateFuncOptions& o) {
  const std::string mode = o.mode().str();
  const bool interpolating = !(mode == "nearest" || mode == "area" || mode == "nearest-exact");
  WICK_CHECK_T(ValueError, interpolating || !o.align_corners(),
               "align_corners option can only be set with the interpolating modes: linear | bilinear | "
               "bicubic | trilinear");
  const bool align_corners = o.align_corners().value_or(false);
  const int64_t n = input.dim();
  const int64_t dim = n - 2;
  std::vector<int64_t> spatial;
  for (int64_t i = 2; i < n; ++i) spatial.push_back(input.size(i));

  std::vector<int64_t> output_size;
  std::vector<double> scales;
  WICK_CHECK_T(ValueError, !(o.size() && o.scale_factor()), "only one of size or scale_factor should be defined");
  if (o.size()) {
    const auto& size = *o.size();
    if (size.size() == 1 && dim > 0) {
      output_size.assign(static_cast<size_t>(dim), size[0]);
    } else {
      WICK_CHECK_T(ValueError, static_cast<int64_t>(size.size()) == dim,
                   "Input and output must have the same number of spatial dimensions, but got input with "
                   "spatial dimensions of ", list_str(spatial), " and output size of ", list_str(size),
                   ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, "
                   "o2, ...,oK) format.");
      output_size = size;
    }
  } else if (o.scale_factor()) {
    const auto& sf = *o.scale_factor();
    if (sf.size() == 1 && dim > 0) {
      scales.assign(static_cast<size_t>(dim), sf[0]);
    } else {
      WICK_CHECK_T(ValueError, static_cast<int64_t>(sf.size()) == dim,
                   "Input and scale_factor must have the same number of spatial dimensions, but got input "
                   "with spatial dimensions of ", list_str(spatial), " and scale_factor of shape ",
                   list_str(sf), ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                   "scale_factor in (s1, s2, ...,sK) format.");
      scales = sf;
    }
  } else {
    WICK_CHECK_T(ValueError, false, "either size or scale_factor should be defined");
  }

  bool recompute = o.recompute_scale_factor().value_or(false);
  WICK_CHECK_T(ValueError, !(recompute && o.size()),
               "recompute_scale_factor is not meaningful with an explicit size.");
  if (mode == "area" && output_size.empty()) recompute = true;
  if (recompute && !scales.empty()) {
    output_size.clear();
    for (int64_t i = 0; i < dim; ++i)
      output_size.push_back(static_cast<int64_t>(std::floor(static_cast<double>(spatial[i]) * scales[i])));
    scales.clear();
  }

  WICK_CHECK_T(ValueError, !o.antialias() || ((mode == "bilinear" || mode == "bicubic") && n == 4),
               "Anti-alias option is only supported for bilinear and bicubic modes");
  if (o.antialias() && mode == "bilinear") return _upsample_bilinear2d_aa(input, output_size, align_corners, scales);
  if (o.antialias() && mode == "bicubic") return _upsample_bicubic2d_aa(input, output_size, align_corners, scales);

  if ((mode == "nearest" || mode == "nearest-exact") && n >= 3 && n <= 5)
    return upsample_nearest_nd(input, static_cast<int>(dim), output_size, scales, mode == "nearest-exact");
  if (mode == "area" && n >= 3 && n <= 5) {
    if (n == 3) return adaptive_avg_pool1d(input, output_size);
    if (n == 4) return adaptive_avg_pool2d(input, output_size);
    return adaptive_avg_pool3d(input, output_size);
  }
  if (mode == "linear" && n == 3) return upsample_linear_nd(input, 1, output_size, align_corners, scales);
  if (mode == "bilinear" && n == 4) return upsample_linear_nd(input, 2, output_size, align_corners, scales);
  if (mode == "trilinear" && n == 5) return upsample_linear_nd(input, 3, output_size, align_corners, scales);
  if (mode == "bicubic" && n == 4) return upsample_bicubic2d(input, output_size, align_corners, scales);

  const char* needs = mode == "linear" ? "3D" : mode == "bilinear" || mode == "bicubic" ? "4D" : "5D";
  WICK_CHECK_T(NotImplementedError, !(n >= 3 && n <= 5), "Got ", n, "D input, but ", mode, " mode needs ",
               needs, " input");
  WICK_CHECK_T(NotImplementedError, false, "Input Error: Only 3D, 4D and 5D input Tensors supported (got ", n,
               "D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact "
               "(got ", mode, ")");
  return {};
}

}  // namespace wick::nn::functional

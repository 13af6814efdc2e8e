#include "wick/nn/init.h"

#include <cmath>

#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/pointwise.h"
#include "wick/ops/random.h"
#include "wick/ops/shape.h"
#include "wick/ops/unary.h"

namespace wick::nn::init {

double calculate_gain(NonlinearityType nonlinearity, double param) {
  switch (nonlinearity) {
    case kTanh:
      return 5.0 / 3.0;
    case kReLU:
      return std::sqrt(2.0);
    case kLeakyReLU:
      return std::sqrt(2.0 / (1 + param * param));
    case kSELU:
      return 3.0 / 4.0;
    default:  // linear, convolutions, sigmoid
      return 1.0;
  }
}

std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const Tensor& tensor) {
  WICK_CHECK_T(ValueError, tensor.dim() >= 2,
               "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t receptive = 1;
  for (int64_t d = 2; d < tensor.dim(); ++d) receptive *= tensor.size(d);
  return {tensor.size(1) * receptive, tensor.size(0) * receptive};
}

namespace {
int64_t fan(const Tensor& t, FanModeType mode) {
  auto [in, out] = _calculate_fan_in_and_fan_out(t);
  return mode == kFanIn ? in : out;
}
}  // namespace

Tensor constant_(Tensor tensor, const Scalar& value) {
  autograd::NoGradGuard g;
  return tensor.fill_(value);
}
Tensor ones_(Tensor tensor) { return constant_(tensor, 1); }
Tensor zeros_(Tensor tensor) {
  autograd::NoGradGuard g;
  return tensor.zero_();
}

Tensor eye_(Tensor matrix) {
  WICK_CHECK_T(ValueError, matrix.dim() == 2, "Only tensors with 2 dimensions are supported");
  autograd::NoGradGuard g;
  matrix.copy_(eye(matrix.size(0), matrix.size(1), TensorOptions().dtype(matrix.dtype())));
  return matrix;
}

Tensor dirac_(Tensor tensor, int64_t groups) {
  int64_t dims = tensor.dim();
  WICK_CHECK_T(ValueError, dims >= 3 && dims <= 5, "Only tensors with 3, 4, or 5 dimensions are supported");
  WICK_CHECK_T(ValueError, groups > 0 && tensor.size(0) % groups == 0,
               "dim 0 must be divisible by groups");
  int64_t out_per_group = tensor.size(0) / groups;
  int64_t n = std::min(out_per_group, tensor.size(1));
  autograd::NoGradGuard g;
  tensor.zero_();
  for (int64_t grp = 0; grp < groups; ++grp) {
    for (int64_t d = 0; d < n; ++d) {
      Tensor t = tensor.select(0, grp * out_per_group + d).select(0, d);
      for (int64_t k = 2; k < dims; ++k) t = t.select(0, tensor.size(k) / 2);
      t.fill_(1);
    }
  }
  return tensor;
}

Tensor uniform_(Tensor tensor, double low, double high) {
  autograd::NoGradGuard g;
  return tensor.uniform_(low, high);
}

Tensor normal_(Tensor tensor, double mean, double sd) {
  autograd::NoGradGuard g;
  return tensor.normal_(mean, sd);
}

Tensor trunc_normal_(Tensor tensor, double mean, double sd, double a, double b) {
  // Inverse-CDF sampling: uniform in [cdf(a), cdf(b)], mapped through erfinv.
  auto norm_cdf = [](double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; };
  double l = norm_cdf((a - mean) / sd), u = norm_cdf((b - mean) / sd);
  autograd::NoGradGuard g;
  tensor.uniform_(2 * l - 1, 2 * u - 1);
  erfinv_(tensor);
  tensor.mul_(sd * std::sqrt(2.0));
  tensor.add_(mean);
  clamp_(tensor, Scalar(a), Scalar(b));
  return tensor;
}

Tensor xavier_uniform_(Tensor tensor, double gain) {
  auto [in, out] = _calculate_fan_in_and_fan_out(tensor);
  double sd = gain * std::sqrt(2.0 / static_cast<double>(in + out));
  double bound = std::sqrt(3.0) * sd;
  return init::uniform_(tensor, -bound, bound);
}

Tensor xavier_normal_(Tensor tensor, double gain) {
  auto [in, out] = _calculate_fan_in_and_fan_out(tensor);
  return init::normal_(tensor, 0, gain * std::sqrt(2.0 / static_cast<double>(in + out)));
}

Tensor kaiming_uniform_(Tensor tensor, double a, FanModeType mode, NonlinearityType nonlinearity) {
  if (tensor.numel() == 0) return tensor;  // PyTorch warns and leaves it
  double sd = calculate_gain(nonlinearity, a) / std::sqrt(static_cast<double>(fan(tensor, mode)));
  double bound = std::sqrt(3.0) * sd;
  return init::uniform_(tensor, -bound, bound);
}

Tensor kaiming_normal_(Tensor tensor, double a, FanModeType mode, NonlinearityType nonlinearity) {
  if (tensor.numel() == 0) return tensor;
  double sd = calculate_gain(nonlinearity, a) / std::sqrt(static_cast<double>(fan(tensor, mode)));
  return init::normal_(tensor, 0, sd);
}

Tensor orthogonal_(Tensor tensor, double gain) {
  WICK_CHECK_T(ValueError, tensor.dim() >= 2, "Only tensors with 2 or more dimensions are supported");
  if (tensor.numel() == 0) return tensor;
  int64_t rows = tensor.size(0), cols = tensor.numel() / rows;
  autograd::NoGradGuard g;
  Tensor flat = empty({rows, cols}, TensorOptions().dtype(tensor.dtype())).normal_(0, 1);
  if (rows < cols) flat = flat.t();
  auto [q, r] = linalg::qr(flat);
  // Makes the factorisation unique: Q's columns take the signs of R's diagonal.
  q = q * sign(diagonal(r, 0, -2, -1));
  if (rows < cols) q = q.t();
  tensor.view_as(q).copy_(q);
  tensor.mul_(gain);
  return tensor;
}

Tensor sparse_(Tensor tensor, double sparsity, double sd) {
  WICK_CHECK_T(ValueError, tensor.dim() == 2, "Only tensors with 2 dimensions are supported");
  int64_t rows = tensor.size(0), cols = tensor.size(1);
  int64_t zeros = static_cast<int64_t>(std::ceil(sparsity * static_cast<double>(rows)));
  autograd::NoGradGuard g;
  tensor.normal_(0, sd);
  for (int64_t c = 0; c < cols; ++c) {
    Tensor idx = randperm(rows).slice(0, 0, zeros);
    tensor.select(1, c).index_fill_(0, idx, 0);
  }
  return tensor;
}

}  // namespace nn::init

#pragma once
// torchvision's MobileNetV2 (module names as torchvision's: features.N.conv.M...).
//   auto model = wick::vision::models::mobilenet_v2(/*num_classes=*/1000, /*width_mult=*/1.0);
#include <cstdint>
#include <vector>

#include "wick/nn/modules/activation.h"
#include "wick/nn/modules/container.h"
#include "wick/nn/modules/conv.h"
#include "wick/nn/modules/dropout.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"
#include "wick/nn/pimpl.h"

namespace wick::vision::models {

// torchvision's _make_divisible: v rounded to a multiple of divisor, never down by >10%.
int64_t make_divisible(double v, int64_t divisor, int64_t min_value = -1);

// torchvision.ops.Conv2dNormActivation with BatchNorm2d and ReLU6 (as MobileNetV2 uses it):
// a Sequential of Conv2d (no bias), BatchNorm2d, ReLU6 named "0", "1", "2".
nn::Sequential conv_bn_relu6(int64_t in_channels, int64_t out_channels, int64_t kernel_size = 3,
                             int64_t stride = 1, int64_t groups = 1);

class InvertedResidualImpl : public nn::Module {
 public:
  InvertedResidualImpl(int64_t inp, int64_t oup, int64_t stride, int64_t expand_ratio);
  Tensor forward(const Tensor& x);

  nn::Sequential conv{nullptr};
  int64_t stride, out_channels;
  bool use_res_connect;
};
WICK_MODULE(InvertedResidual);

struct MobileNetV2Options {
  WICK_ARG(int64_t, num_classes) = 1000;
  WICK_ARG(double, width_mult) = 1.0;
  // rows of (t, c, n, s); empty: torchvision's default table.
  WICK_ARG(std::vector<std::vector<int64_t>>, inverted_residual_setting) = {};
  WICK_ARG(int64_t, round_nearest) = 8;
  WICK_ARG(double, dropout) = 0.2;
};

class MobileNetV2Impl : public nn::Module {
 public:
  explicit MobileNetV2Impl(const MobileNetV2Options& options = {});
  Tensor forward(const Tensor& x);

  MobileNetV2Options options;
  int64_t last_channel;
  nn::Sequential features{nullptr}, classifier{nullptr};
};
WICK_MODULE(MobileNetV2);

MobileNetV2 mobilenet_v2(int64_t num_classes = 1000, double width_mult = 1.0);

}  // namespace wick::vision::models

// torchvision's MobileNetV2; see mobilenetv2.h.
#include "wick/vision/models/mobilenetv2.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "wick/core/error.h"
#include "wick/nn/functional/pooling.h"
#include "wick/nn/init.h"
#include "wick/ops/shape.h"

namespace wick::vision::models {

int64_t make_divisible(double v, int64_t divisor, int64_t min_value) {
  if (min_value < 0) min_value = divisor;
  int64_t new_v = std::max<int64_t>(
      min_value, static_cast<int64_t>(v + static_cast<double>(divisor) / 2) / divisor * divisor);
  if (static_cast<double>(new_v) < 0.9 * v) new_v += divisor;
  return new_v;
}

nn::Sequential conv_bn_relu6(int64_t in_channels, int64_t out_channels, int64_t kernel_size,
                             int64_t stride, int64_t groups) {
  return nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in_channels, out_channels, kernel_size)
                                       .stride(stride)
                                       .padding((kernel_size - 1) / 2)
                                       .groups(groups)
                                       .bias(false)),
                        nn::BatchNorm2d(out_channels), nn::ReLU6(true));
}

InvertedResidualImpl::InvertedResidualImpl(int64_t inp, int64_t oup, int64_t stride_,
                                           int64_t expand_ratio)
    : stride(stride_), out_channels(oup) {
  WICK_CHECK_T(ValueError, stride == 1 || stride == 2, "stride should be 1 or 2 instead of ",
               stride);
  const auto hidden_dim = static_cast<int64_t>(std::nearbyint(static_cast<double>(inp * expand_ratio)));
  use_res_connect = stride == 1 && inp == oup;
  nn::Sequential layers;
  if (expand_ratio != 1) layers->push_back(conv_bn_relu6(inp, hidden_dim, 1));
  layers->push_back(conv_bn_relu6(hidden_dim, hidden_dim, 3, stride, hidden_dim));
  layers->push_back(nn::Conv2d(nn::Conv2dOptions(hidden_dim, oup, 1).bias(false)));
  layers->push_back(nn::BatchNorm2d(oup));
  conv = register_module("conv", layers);
}

Tensor InvertedResidualImpl::forward(const Tensor& x) {
  if (use_res_connect) return x + conv(x);
  return conv(x);
}

MobileNetV2Impl::MobileNetV2Impl(const MobileNetV2Options& options_) : options(options_) {
  auto setting = options.inverted_residual_setting();
  if (setting.empty()) {
    setting = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
               {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  }
  for (const auto& row : setting) {
    WICK_CHECK_T(ValueError, row.size() == 4,
                 "inverted_residual_setting should be non-empty or a 4-element list, got a row "
                 "of ", row.size(), " elements");
  }
  const double wm = options.width_mult();
  const int64_t rn = options.round_nearest();
  int64_t input_channel = make_divisible(32 * wm, rn);
  last_channel = make_divisible(1280 * std::max(1.0, wm), rn);
  nn::Sequential feats;
  feats->push_back(conv_bn_relu6(3, input_channel, 3, 2));
  for (const auto& row : setting) {
    const int64_t t = row[0], c = row[1], n = row[2], s = row[3];
    const int64_t output_channel = make_divisible(static_cast<double>(c) * wm, rn);
    for (int64_t i = 0; i < n; ++i) {
      feats->push_back(InvertedResidual(input_channel, output_channel, i == 0 ? s : 1, t));
      input_channel = output_channel;
    }
  }
  feats->push_back(conv_bn_relu6(input_channel, last_channel, 1));
  features = register_module("features", feats);
  classifier = register_module(
      "classifier", nn::Sequential(nn::Dropout(options.dropout()),
                                   nn::Linear(last_channel, options.num_classes())));
  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<nn::Conv2dImpl>()) {
      nn::init::kaiming_normal_(conv->weight, 0, kFanOut);
      if (conv->bias.defined()) nn::init::zeros_(conv->bias);
    } else if (auto* bn = m->as<nn::BatchNorm2dImpl>()) {
      nn::init::ones_(bn->weight);
      nn::init::zeros_(bn->bias);
    } else if (auto* fc = m->as<nn::LinearImpl>()) {
      nn::init::normal_(fc->weight, 0, 0.01);
      nn::init::zeros_(fc->bias);
    }
  }
}

Tensor MobileNetV2Impl::forward(const Tensor& input) {
  Tensor x = features(input);
  x = nn::functional::adaptive_avg_pool2d(x, nn::functional::AdaptiveAvgPool2dFuncOptions(1));
  return classifier(flatten(x, 1));
}

MobileNetV2 mobilenet_v2(int64_t num_classes, double width_mult) {
  return MobileNetV2(MobileNetV2Options().num_classes(num_classes).width_mult(width_mult));
}

}  // namespace wick::vision::models

// torchvision's SqueezeNet; see squeezenet.h.
#include "wick/vision/models/squeezenet.h"

#include "wick/core/error.h"
#include "wick/nn/init.h"
#include "wick/nn/modules/dropout.h"
#include "wick/nn/modules/pooling.h"
#include "wick/ops/shape.h"

namespace wick::vision::models {

FireImpl::FireImpl(int64_t inplanes, int64_t squeeze_planes, int64_t expand1x1_planes,
                   int64_t expand3x3_planes) {
  squeeze = register_module("squeeze", nn::Conv2d(inplanes, squeeze_planes, 1));
  squeeze_activation = register_module("squeeze_activation", nn::ReLU(true));
  expand1x1 = register_module("expand1x1", nn::Conv2d(squeeze_planes, expand1x1_planes, 1));
  expand1x1_activation = register_module("expand1x1_activation", nn::ReLU(true));
  expand3x3 = register_module(
      "expand3x3", nn::Conv2d(nn::Conv2dOptions(squeeze_planes, expand3x3_planes, 3).padding(1)));
  expand3x3_activation = register_module("expand3x3_activation", nn::ReLU(true));
}

Tensor FireImpl::forward(const Tensor& input) {
  Tensor x = squeeze_activation(squeeze(input));
  return cat({expand1x1_activation(expand1x1(x)), expand3x3_activation(expand3x3(x))}, 1);
}

namespace {
nn::MaxPool2d pool() { return nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).ceil_mode(true)); }
}  // namespace

SqueezeNetImpl::SqueezeNetImpl(const std::string& version, int64_t num_classes_, double dropout)
    : num_classes(num_classes_) {
  if (version == "1_0") {
    features = register_module(
        "features",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(3, 96, 7).stride(2)), nn::ReLU(true), pool(),
                       Fire(96, 16, 64, 64), Fire(128, 16, 64, 64), Fire(128, 32, 128, 128), pool(),
                       Fire(256, 32, 128, 128), Fire(256, 48, 192, 192), Fire(384, 48, 192, 192),
                       Fire(384, 64, 256, 256), pool(), Fire(512, 64, 256, 256)));
  } else if (version == "1_1") {
    features = register_module(
        "features",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(3, 64, 3).stride(2)), nn::ReLU(true), pool(),
                       Fire(64, 16, 64, 64), Fire(128, 16, 64, 64), pool(), Fire(128, 32, 128, 128),
                       Fire(256, 32, 128, 128), pool(), Fire(256, 48, 192, 192),
                       Fire(384, 48, 192, 192), Fire(384, 64, 256, 256), Fire(512, 64, 256, 256)));
  } else {
    WICK_CHECK_T(ValueError, false, "Unsupported SqueezeNet version ", version,
                 ": 1_0 or 1_1 expected");
  }
  nn::Conv2d final_conv(512, num_classes, 1);
  classifier = register_module(
      "classifier", nn::Sequential(nn::Dropout(dropout), final_conv, nn::ReLU(true),
                                   nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(1))));
  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<nn::Conv2dImpl>()) {
      if (conv == final_conv.get()) {
        nn::init::normal_(conv->weight, 0.0, 0.01);
      } else {
        nn::init::kaiming_uniform_(conv->weight);
      }
      if (conv->bias.defined()) nn::init::constant_(conv->bias, 0);
    }
  }
}

Tensor SqueezeNetImpl::forward(const Tensor& x) { return flatten(classifier(features(x)), 1); }

SqueezeNet squeezenet1_0(int64_t num_classes) { return SqueezeNet("1_0", num_classes); }
SqueezeNet squeezenet1_1(int64_t num_classes) { return SqueezeNet("1_1", num_classes); }

}  // namespace wick::vision::models

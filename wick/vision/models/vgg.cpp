// torchvision's VGG and AlexNet; see vgg.h.
#include "wick/vision/models/vgg.h"

#include "wick/nn/init.h"
#include "wick/nn/modules/activation.h"
#include "wick/nn/modules/conv.h"
#include "wick/nn/modules/dropout.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"
#include "wick/ops/shape.h"

namespace wick::vision::models {

nn::Sequential vgg_make_layers(const std::vector<int64_t>& cfg, bool batch_norm) {
  nn::Sequential layers;
  int64_t in_channels = 3;
  for (int64_t v : cfg) {
    if (v == kMaxPool) {
      layers->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2).stride(2)));
      continue;
    }
    layers->push_back(nn::Conv2d(nn::Conv2dOptions(in_channels, v, 3).padding(1)));
    if (batch_norm) layers->push_back(nn::BatchNorm2d(v));
    layers->push_back(nn::ReLU(true));
    in_channels = v;
  }
  return layers;
}

VGGImpl::VGGImpl(nn::Sequential features_, int64_t num_classes, bool init_weights,
                 double dropout) {
  features = register_module("features", features_);
  avgpool = register_module("avgpool", nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(7)));
  classifier = register_module(
      "classifier",
      nn::Sequential(nn::Linear(512 * 7 * 7, 4096), nn::ReLU(true), nn::Dropout(dropout),
                     nn::Linear(4096, 4096), nn::ReLU(true), nn::Dropout(dropout),
                     nn::Linear(4096, num_classes)));
  if (!init_weights) return;
  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<nn::Conv2dImpl>()) {
      nn::init::kaiming_normal_(conv->weight, 0, kFanOut, kReLU);
      if (conv->bias.defined()) nn::init::constant_(conv->bias, 0);
    } else if (auto* bn = m->as<nn::BatchNorm2dImpl>()) {
      nn::init::constant_(bn->weight, 1);
      nn::init::constant_(bn->bias, 0);
    } else if (auto* fc = m->as<nn::LinearImpl>()) {
      nn::init::normal_(fc->weight, 0, 0.01);
      nn::init::constant_(fc->bias, 0);
    }
  }
}

Tensor VGGImpl::forward(const Tensor& x) {
  return classifier(flatten(avgpool(features(x)), 1));
}

namespace {
constexpr int64_t M = kMaxPool;
const std::vector<int64_t> kA{64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
const std::vector<int64_t> kB{64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
const std::vector<int64_t> kD{64,  64,  M,   128, 128, M,   256, 256, 256,
                              M,   512, 512, 512, M,   512, 512, 512, M};
const std::vector<int64_t> kE{64,  64,  M,   128, 128, M,   256, 256, 256, 256, M,
                              512, 512, 512, 512, M,   512, 512, 512, 512, M};
VGG make(const std::vector<int64_t>& cfg, bool bn, int64_t num_classes) {
  return VGG(vgg_make_layers(cfg, bn), num_classes);
}
}  // namespace

VGG vgg11(int64_t num_classes) { return make(kA, false, num_classes); }
VGG vgg11_bn(int64_t num_classes) { return make(kA, true, num_classes); }
VGG vgg13(int64_t num_classes) { return make(kB, false, num_classes); }
VGG vgg13_bn(int64_t num_classes) { return make(kB, true, num_classes); }
VGG vgg16(int64_t num_classes) { return make(kD, false, num_classes); }
VGG vgg16_bn(int64_t num_classes) { return make(kD, true, num_classes); }
VGG vgg19(int64_t num_classes) { return make(kE, false, num_classes); }
VGG vgg19_bn(int64_t num_classes) { return make(kE, true, num_classes); }

AlexNetImpl::AlexNetImpl(int64_t num_classes, double dropout) {
  auto conv = [](int64_t in, int64_t out, int64_t k, int64_t stride, int64_t pad) {
    return nn::Conv2d(nn::Conv2dOptions(in, out, k).stride(stride).padding(pad));
  };
  auto pool = [] { return nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2)); };
  features = register_module(
      "features",
      nn::Sequential(conv(3, 64, 11, 4, 2), nn::ReLU(true), pool(), conv(64, 192, 5, 1, 2),
                     nn::ReLU(true), pool(), conv(192, 384, 3, 1, 1), nn::ReLU(true),
                     conv(384, 256, 3, 1, 1), nn::ReLU(true), conv(256, 256, 3, 1, 1),
                     nn::ReLU(true), pool()));
  avgpool = register_module("avgpool", nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(6)));
  classifier = register_module(
      "classifier",
      nn::Sequential(nn::Dropout(dropout), nn::Linear(256 * 6 * 6, 4096), nn::ReLU(true),
                     nn::Dropout(dropout), nn::Linear(4096, 4096), nn::ReLU(true),
                     nn::Linear(4096, num_classes)));
}

Tensor AlexNetImpl::forward(const Tensor& x) {
  return classifier(flatten(avgpool(features(x)), 1));
}

AlexNet alexnet(int64_t num_classes) { return AlexNet(num_classes); }

}  // namespace wick::vision::models

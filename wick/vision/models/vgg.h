#pragma once
// torchvision's VGG 11/13/16/19 (with and without batch norm) and AlexNet.
//   auto model = wick::vision::models::vgg16_bn(/*num_classes=*/1000);
#include <cstdint>
#include <vector>

#include "wick/nn/modules/container.h"
#include "wick/nn/modules/pooling.h"
#include "wick/nn/pimpl.h"

namespace wick::vision::models {

// A VGG layer config: channel counts, kMaxPool (-1) for a 2x2 max pool ("M").
constexpr int64_t kMaxPool = -1;
nn::Sequential vgg_make_layers(const std::vector<int64_t>& cfg, bool batch_norm);

class VGGImpl : public nn::Module {
 public:
  explicit VGGImpl(nn::Sequential features, int64_t num_classes = 1000, bool init_weights = true,
                   double dropout = 0.5);
  Tensor forward(const Tensor& x);

  nn::Sequential features{nullptr}, classifier{nullptr};
  nn::AdaptiveAvgPool2d avgpool{nullptr};
};
WICK_MODULE(VGG);

VGG vgg11(int64_t num_classes = 1000);
VGG vgg11_bn(int64_t num_classes = 1000);
VGG vgg13(int64_t num_classes = 1000);
VGG vgg13_bn(int64_t num_classes = 1000);
VGG vgg16(int64_t num_classes = 1000);
VGG vgg16_bn(int64_t num_classes = 1000);
VGG vgg19(int64_t num_classes = 1000);
VGG vgg19_bn(int64_t num_classes = 1000);

class AlexNetImpl : public nn::Module {
 public:
  explicit AlexNetImpl(int64_t num_classes = 1000, double dropout = 0.5);
  Tensor forward(const Tensor& x);

  nn::Sequential features{nullptr}, classifier{nullptr};
  nn::AdaptiveAvgPool2d avgpool{nullptr};
};
WICK_MODULE(AlexNet);

AlexNet alexnet(int64_t num_classes = 1000);

}  // namespace wick::vision::models

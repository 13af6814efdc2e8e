#pragma once
// torchvision's SqueezeNet 1.0 / 1.1 (module names as torchvision's).
//   auto model = wick::vision::models::squeezenet1_1(/*num_classes=*/1000);
#include <cstdint>
#include <string>

#include "wick/nn/modules/activation.h"
#include "wick/nn/modules/container.h"
#include "wick/nn/modules/conv.h"
#include "wick/nn/pimpl.h"

namespace wick::vision::models {

class FireImpl : public nn::Module {
 public:
  FireImpl(int64_t inplanes, int64_t squeeze_planes, int64_t expand1x1_planes,
           int64_t expand3x3_planes);
  Tensor forward(const Tensor& x);

  nn::Conv2d squeeze{nullptr}, expand1x1{nullptr}, expand3x3{nullptr};
  nn::ReLU squeeze_activation{nullptr}, expand1x1_activation{nullptr},
      expand3x3_activation{nullptr};
};
WICK_MODULE(Fire);

class SqueezeNetImpl : public nn::Module {
 public:
  // version "1_0" or "1_1".
  explicit SqueezeNetImpl(const std::string& version = "1_0", int64_t num_classes = 1000,
                          double dropout = 0.5);
  Tensor forward(const Tensor& x);

  int64_t num_classes;
  nn::Sequential features{nullptr}, classifier{nullptr};
};
WICK_MODULE(SqueezeNet);

SqueezeNet squeezenet1_0(int64_t num_classes = 1000);
SqueezeNet squeezenet1_1(int64_t num_classes = 1000);

}  // namespace wick::vision::models

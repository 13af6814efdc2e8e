#pragma once
// torchvision's ResNet family (resnet18 ... resnet152, ResNeXt, Wide ResNet) as
// LibTorch-style module holders, with torchvision's parameter names so a
// torchvision state_dict loads with wick::load(model, "resnet18.pt"):
//   auto model = wick::vision::models::resnet18(/*num_classes=*/10);
//   wick::Tensor logits = model->forward(images);  // N x 3 x H x W float
#include <array>
#include <cstdint>
#include <vector>

#include "wick/nn/modules/container.h"
#include "wick/nn/modules/conv.h"
#include "wick/nn/modules/activation.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"
#include "wick/nn/modules/pooling.h"
#include "wick/nn/pimpl.h"

namespace wick::vision::models {

// Conv 3x3 (padding = dilation) and 1x1 without bias, as torchvision's conv3x3/conv1x1.
nn::Conv2d conv3x3(int64_t in_planes, int64_t out_planes, int64_t stride = 1, int64_t groups = 1,
                   int64_t dilation = 1);
nn::Conv2d conv1x1(int64_t in_planes, int64_t out_planes, int64_t stride = 1);

// The residual blocks. `downsample` is empty (nullptr) or the projection of the input.
class BasicBlockImpl : public nn::Module {
 public:
  static constexpr int64_t expansion = 1;
  BasicBlockImpl(int64_t inplanes, int64_t planes, int64_t stride = 1,
                 nn::Sequential downsample = nullptr, int64_t groups = 1, int64_t base_width = 64,
                 int64_t dilation = 1);
  Tensor forward(const Tensor& x);

  nn::Conv2d conv1{nullptr}, conv2{nullptr};
  nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  nn::ReLU relu{nullptr};
  nn::Sequential downsample{nullptr};
  int64_t stride;
};
WICK_MODULE(BasicBlock);

class BottleneckImpl : public nn::Module {
 public:
  static constexpr int64_t expansion = 4;
  BottleneckImpl(int64_t inplanes, int64_t planes, int64_t stride = 1,
                 nn::Sequential downsample = nullptr, int64_t groups = 1, int64_t base_width = 64,
                 int64_t dilation = 1);
  Tensor forward(const Tensor& x);

  nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
  nn::ReLU relu{nullptr};
  nn::Sequential downsample{nullptr};
  int64_t stride;
};
WICK_MODULE(Bottleneck);

enum class ResNetBlock { kBasic, kBottleneck };

struct ResNetOptions {
  ResNetOptions(ResNetBlock block, std::vector<int64_t> layers)
      : block_(block), layers_(std::move(layers)) {}
  WICK_ARG(ResNetBlock, block);
  WICK_ARG(std::vector<int64_t>, layers);
  WICK_ARG(int64_t, num_classes) = 1000;
  WICK_ARG(bool, zero_init_residual) = false;
  WICK_ARG(int64_t, groups) = 1;
  WICK_ARG(int64_t, width_per_group) = 64;
  WICK_ARG(std::vector<bool>, replace_stride_with_dilation) = std::vector<bool>{false, false, false};
};

class ResNetImpl : public nn::Module {
 public:
  explicit ResNetImpl(const ResNetOptions& options);
  Tensor forward(const Tensor& x);

  ResNetOptions options;
  nn::Conv2d conv1{nullptr};
  nn::BatchNorm2d bn1{nullptr};
  nn::ReLU relu{nullptr};
  nn::MaxPool2d maxpool{nullptr};
  nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
  nn::AdaptiveAvgPool2d avgpool{nullptr};
  nn::Linear fc{nullptr};

 private:
  nn::Sequential make_layer(int64_t planes, int64_t blocks, int64_t stride, bool dilate);
  int64_t inplanes_ = 64, dilation_ = 1;
};
WICK_MODULE(ResNet);

ResNet resnet18(int64_t num_classes = 1000);
ResNet resnet34(int64_t num_classes = 1000);
ResNet resnet50(int64_t num_classes = 1000);
ResNet resnet101(int64_t num_classes = 1000);
ResNet resnet152(int64_t num_classes = 1000);
ResNet resnext50_32x4d(int64_t num_classes = 1000);
ResNet resnext101_32x8d(int64_t num_classes = 1000);
ResNet resnext101_64x4d(int64_t num_classes = 1000);
ResNet wide_resnet50_2(int64_t num_classes = 1000);
ResNet wide_resnet101_2(int64_t num_classes = 1000);

}  // namespace wick::vision::models

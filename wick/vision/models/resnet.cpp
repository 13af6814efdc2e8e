// torchvision's ResNet family; see resnet.h. Construction order, module names
// and init calls follow torchvision so state_dicts match key for key.
#include "wick/vision/models/resnet.h"

#include <sstream>

#include "wick/core/error.h"
#include "wick/nn/init.h"
#include "wick/ops/shape.h"

namespace wick::vision::models {

nn::Conv2d conv3x3(int64_t in_planes, int64_t out_planes, int64_t stride, int64_t groups,
                   int64_t dilation) {
  return nn::Conv2d(nn::Conv2dOptions(in_planes, out_planes, 3)
                        .stride(stride)
                        .padding(dilation)
                        .groups(groups)
                        .bias(false)
                        .dilation(dilation));
}

nn::Conv2d conv1x1(int64_t in_planes, int64_t out_planes, int64_t stride) {
  return nn::Conv2d(nn::Conv2dOptions(in_planes, out_planes, 1).stride(stride).bias(false));
}

BasicBlockImpl::BasicBlockImpl(int64_t inplanes, int64_t planes, int64_t stride,
                               nn::Sequential downsample_, int64_t groups, int64_t base_width,
                               int64_t dilation)
    : stride(stride) {
  WICK_CHECK_T(ValueError, groups == 1 && base_width == 64,
                   "BasicBlock only supports groups=1 and base_width=64");
  WICK_CHECK_T(NotImplementedError, dilation <= 1, "Dilation > 1 not supported in BasicBlock");
  conv1 = register_module("conv1", conv3x3(inplanes, planes, stride));
  bn1 = register_module("bn1", nn::BatchNorm2d(planes));
  relu = register_module("relu", nn::ReLU(true));
  conv2 = register_module("conv2", conv3x3(planes, planes));
  bn2 = register_module("bn2", nn::BatchNorm2d(planes));
  if (downsample_) downsample = register_module("downsample", downsample_);
}

Tensor BasicBlockImpl::forward(const Tensor& x) {
  Tensor out = relu(bn1(conv1(x)));
  out = bn2(conv2(out));
  out.add_(downsample ? downsample(x) : x);
  return relu(out);
}

BottleneckImpl::BottleneckImpl(int64_t inplanes, int64_t planes, int64_t stride,
                               nn::Sequential downsample_, int64_t groups, int64_t base_width,
                               int64_t dilation)
    : stride(stride) {
  const int64_t width = static_cast<int64_t>(static_cast<double>(planes) *
                                             (static_cast<double>(base_width) / 64.0)) *
                        groups;
  conv1 = register_module("conv1", conv1x1(inplanes, width));
  bn1 = register_module("bn1", nn::BatchNorm2d(width));
  conv2 = register_module("conv2", conv3x3(width, width, stride, groups, dilation));
  bn2 = register_module("bn2", nn::BatchNorm2d(width));
  conv3 = register_module("conv3", conv1x1(width, planes * expansion));
  bn3 = register_module("bn3", nn::BatchNorm2d(planes * expansion));
  relu = register_module("relu", nn::ReLU(true));
  if (downsample_) downsample = register_module("downsample", downsample_);
}

Tensor BottleneckImpl::forward(const Tensor& x) {
  Tensor out = relu(bn1(conv1(x)));
  out = relu(bn2(conv2(out)));
  out = bn3(conv3(out));
  out.add_(downsample ? downsample(x) : x);
  return relu(out);
}

namespace {
int64_t expansion_of(ResNetBlock block) {
  return block == ResNetBlock::kBasic ? BasicBlockImpl::expansion : BottleneckImpl::expansion;
}
}  // namespace

ResNetImpl::ResNetImpl(const ResNetOptions& options_) : options(options_) {
  const auto& rswd = options.replace_stride_with_dilation();
  if (rswd.size() != 3) {
    std::ostringstream s;
    s << "replace_stride_with_dilation should be None or a 3-element tuple, got [";
    for (size_t i = 0; i < rswd.size(); ++i) s << (i ? ", " : "") << (rswd[i] ? "True" : "False");
    s << "]";
    WICK_CHECK_T(ValueError, false, s.str());
  }
  WICK_CHECK_T(ValueError, options.layers().size() == 4, "ResNet: layers must have 4 entries, got ",
                   options.layers().size());
  conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(3, inplanes_, 7)
                                                  .stride(2)
                                                  .padding(3)
                                                  .bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(inplanes_));
  relu = register_module("relu", nn::ReLU(true));
  maxpool = register_module("maxpool",
                            nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1)));
  const auto& l = options.layers();
  layer1 = register_module("layer1", make_layer(64, l[0], 1, false));
  layer2 = register_module("layer2", make_layer(128, l[1], 2, rswd[0]));
  layer3 = register_module("layer3", make_layer(256, l[2], 2, rswd[1]));
  layer4 = register_module("layer4", make_layer(512, l[3], 2, rswd[2]));
  avgpool = register_module("avgpool", nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(1)));
  fc = register_module("fc", nn::Linear(512 * expansion_of(options.block()), options.num_classes()));

  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<nn::Conv2dImpl>()) {
      nn::init::kaiming_normal_(conv->weight, 0, kFanOut, kReLU);
    } else if (auto* bn = m->as<nn::BatchNorm2dImpl>()) {
      nn::init::constant_(bn->weight, 1);
      nn::init::constant_(bn->bias, 0);
    }
  }
  if (options.zero_init_residual()) {
    for (const auto& m : modules(/*include_self=*/false)) {
      if (auto* b = m->as<BottleneckImpl>()) {
        nn::init::constant_(b->bn3->weight, 0);
      } else if (auto* b = m->as<BasicBlockImpl>()) {
        nn::init::constant_(b->bn2->weight, 0);
      }
    }
  }
}

nn::Sequential ResNetImpl::make_layer(int64_t planes, int64_t blocks, int64_t stride, bool dilate) {
  const int64_t expansion = expansion_of(options.block());
  const bool basic = options.block() == ResNetBlock::kBasic;
  nn::Sequential downsample{nullptr};
  const int64_t previous_dilation = dilation_;
  if (dilate) {
    dilation_ *= stride;
    stride = 1;
  }
  if (stride != 1 || inplanes_ != planes * expansion) {
    downsample = nn::Sequential(conv1x1(inplanes_, planes * expansion, stride),
                                nn::BatchNorm2d(planes * expansion));
  }
  const int64_t groups = options.groups(), width = options.width_per_group();
  nn::Sequential layers;
  if (basic) {
    layers->push_back(BasicBlock(inplanes_, planes, stride, downsample, groups, width,
                                 previous_dilation));
  } else {
    layers->push_back(Bottleneck(inplanes_, planes, stride, downsample, groups, width,
                                 previous_dilation));
  }
  inplanes_ = planes * expansion;
  for (int64_t i = 1; i < blocks; ++i) {
    if (basic) {
      layers->push_back(BasicBlock(inplanes_, planes, 1, nullptr, groups, width, dilation_));
    } else {
      layers->push_back(Bottleneck(inplanes_, planes, 1, nullptr, groups, width, dilation_));
    }
  }
  return layers;
}

Tensor ResNetImpl::forward(const Tensor& input) {
  Tensor x = maxpool(relu(bn1(conv1(input))));
  x = layer4(layer3(layer2(layer1(x))));
  x = flatten(avgpool(x), 1);
  return fc(x);
}

namespace {
ResNet make(ResNetBlock block, std::vector<int64_t> layers, int64_t num_classes, int64_t groups = 1,
            int64_t width = 64) {
  return ResNet(ResNetOptions(block, std::move(layers))
                    .num_classes(num_classes)
                    .groups(groups)
                    .width_per_group(width));
}
constexpr auto kB = ResNetBlock::kBasic;
constexpr auto kN = ResNetBlock::kBottleneck;
}  // namespace

ResNet resnet18(int64_t num_classes) { return make(kB, {2, 2, 2, 2}, num_classes); }
ResNet resnet34(int64_t num_classes) { return make(kB, {3, 4, 6, 3}, num_classes); }
ResNet resnet50(int64_t num_classes) { return make(kN, {3, 4, 6, 3}, num_classes); }
ResNet resnet101(int64_t num_classes) { return make(kN, {3, 4, 23, 3}, num_classes); }
ResNet resnet152(int64_t num_classes) { return make(kN, {3, 8, 36, 3}, num_classes); }
ResNet resnext50_32x4d(int64_t num_classes) { return make(kN, {3, 4, 6, 3}, num_classes, 32, 4); }
ResNet resnext101_32x8d(int64_t num_classes) { return make(kN, {3, 4, 23, 3}, num_classes, 32, 8); }
ResNet resnext101_64x4d(int64_t num_classes) { return make(kN, {3, 4, 23, 3}, num_classes, 64, 4); }
ResNet wide_resnet50_2(int64_t num_classes) { return make(kN, {3, 4, 6, 3}, num_classes, 1, 128); }
ResNet wide_resnet101_2(int64_t num_classes) { return make(kN, {3, 4, 23, 3}, num_classes, 1, 128); }

}  // namespace wick::vision::models

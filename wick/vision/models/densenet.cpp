// torchvision's DenseNet; see densenet.h.
#include "wick/vision/models/densenet.h"

#include <string>

#include "wick/nn/functional/activation.h"
#include "wick/nn/functional/dropout.h"
#include "wick/nn/functional/pooling.h"
#include "wick/nn/init.h"
#include "wick/nn/modules/pooling.h"
#include "wick/ops/shape.h"

namespace wick::vision::models {

namespace F = nn::functional;

DenseLayerImpl::DenseLayerImpl(int64_t num_input_features, int64_t growth_rate, int64_t bn_size,
                               double drop_rate_)
    : drop_rate(drop_rate_) {
  norm1 = register_module("norm1", nn::BatchNorm2d(num_input_features));
  relu1 = register_module("relu1", nn::ReLU(true));
  conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(num_input_features,
                                                                bn_size * growth_rate, 1)
                                                  .bias(false)));
  norm2 = register_module("norm2", nn::BatchNorm2d(bn_size * growth_rate));
  relu2 = register_module("relu2", nn::ReLU(true));
  conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(bn_size * growth_rate,
                                                                growth_rate, 3)
                                                  .padding(1)
                                                  .bias(false)));
}

Tensor DenseLayerImpl::forward(const std::vector<Tensor>& inputs) {
  Tensor bottleneck = conv1(relu1(norm1(cat(inputs, 1))));
  Tensor out = conv2(relu2(norm2(bottleneck)));
  if (drop_rate > 0) {
    out = F::dropout(out, F::DropoutFuncOptions().p(drop_rate).training(is_training()));
  }
  return out;
}

DenseBlockImpl::DenseBlockImpl(int64_t num_layers, int64_t num_input_features, int64_t bn_size,
                               int64_t growth_rate, double drop_rate) {
  for (int64_t i = 0; i < num_layers; ++i) {
    layers.push_back(register_module(
        "denselayer" + std::to_string(i + 1),
        DenseLayer(num_input_features + i * growth_rate, growth_rate, bn_size, drop_rate)));
  }
}

Tensor DenseBlockImpl::forward(const Tensor& init_features) {
  std::vector<Tensor> features{init_features};
  for (auto& layer : layers) features.push_back(layer->forward(features));
  return cat(features, 1);
}

DenseNetImpl::DenseNetImpl(const DenseNetOptions& options_) : options(options_) {
  const int64_t init = options.num_init_features();
  nn::Sequential feats({
      {"conv0", nn::Conv2d(nn::Conv2dOptions(3, init, 7).stride(2).padding(3).bias(false))},
      {"norm0", nn::BatchNorm2d(init)},
      {"relu0", nn::ReLU(true)},
      {"pool0", nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1))},
  });
  int64_t num_features = init;
  const auto& config = options.block_config();
  for (size_t i = 0; i < config.size(); ++i) {
    feats->push_back("denseblock" + std::to_string(i + 1),
                     DenseBlock(config[i], num_features, options.bn_size(), options.growth_rate(),
                                options.drop_rate()));
    num_features += config[i] * options.growth_rate();
    if (i + 1 != config.size()) {
      nn::Sequential trans({
          {"norm", nn::BatchNorm2d(num_features)},
          {"relu", nn::ReLU(true)},
          {"conv", nn::Conv2d(nn::Conv2dOptions(num_features, num_features / 2, 1).bias(false))},
          {"pool", nn::AvgPool2d(nn::AvgPool2dOptions(2).stride(2))},
      });
      feats->push_back("transition" + std::to_string(i + 1), trans);
      num_features /= 2;
    }
  }
  feats->push_back("norm5", nn::BatchNorm2d(num_features));
  features = register_module("features", feats);
  classifier = register_module("classifier", nn::Linear(num_features, options.num_classes()));
  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<nn::Conv2dImpl>()) {
      nn::init::kaiming_normal_(conv->weight);
    } else if (auto* bn = m->as<nn::BatchNorm2dImpl>()) {
      nn::init::constant_(bn->weight, 1);
      nn::init::constant_(bn->bias, 0);
    } else if (auto* fc = m->as<nn::LinearImpl>()) {
      nn::init::constant_(fc->bias, 0);
    }
  }
}

Tensor DenseNetImpl::forward(const Tensor& x) {
  Tensor out = F::relu(features(x), F::ReLUFuncOptions(true));
  out = F::adaptive_avg_pool2d(out, F::AdaptiveAvgPool2dFuncOptions(1));
  return classifier(flatten(out, 1));
}

namespace {
DenseNet make(int64_t growth, std::vector<int64_t> config, int64_t init, int64_t num_classes) {
  return DenseNet(DenseNetOptions()
                      .growth_rate(growth)
                      .block_config(std::move(config))
                      .num_init_features(init)
                      .num_classes(num_classes));
}
}  // namespace

DenseNet densenet121(int64_t num_classes) { return make(32, {6, 12, 24, 16}, 64, num_classes); }
DenseNet densenet161(int64_t num_classes) { return make(48, {6, 12, 36, 24}, 96, num_classes); }
DenseNet densenet169(int64_t num_classes) { return make(32, {6, 12, 32, 32}, 64, num_classes); }
DenseNet densenet201(int64_t num_classes) { return make(32, {6, 12, 48, 32}, 64, num_classes); }

}  // namespace wick::vision::models

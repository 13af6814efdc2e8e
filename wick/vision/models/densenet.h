#pragma once
// torchvision's DenseNet 121/161/169/201 (module names as torchvision's:
// features.denseblock1.denselayer1.norm1 ...).
//   auto model = wick::vision::models::densenet121(/*num_classes=*/1000);
#include <cstdint>
#include <vector>

#include "wick/nn/modules/activation.h"
#include "wick/nn/modules/container.h"
#include "wick/nn/modules/conv.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"
#include "wick/nn/pimpl.h"

namespace wick::vision::models {

class DenseLayerImpl : public nn::Module {
 public:
  DenseLayerImpl(int64_t num_input_features, int64_t growth_rate, int64_t bn_size,
                 double drop_rate);
  // The new features from all previous ones (concatenated along channels).
  Tensor forward(const std::vector<Tensor>& inputs);
  Tensor forward(const Tensor& input) { return forward(std::vector<Tensor>{input}); }

  nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
  nn::ReLU relu1{nullptr}, relu2{nullptr};
  nn::Conv2d conv1{nullptr}, conv2{nullptr};
  double drop_rate;
};
WICK_MODULE(DenseLayer);

class DenseBlockImpl : public nn::Module {
 public:
  DenseBlockImpl(int64_t num_layers, int64_t num_input_features, int64_t bn_size,
                 int64_t growth_rate, double drop_rate);
  Tensor forward(const Tensor& init_features);

  std::vector<DenseLayer> layers;
};
WICK_MODULE(DenseBlock);

struct DenseNetOptions {
  WICK_ARG(int64_t, growth_rate) = 32;
  WICK_ARG(std::vector<int64_t>, block_config) = std::vector<int64_t>{6, 12, 24, 16};
  WICK_ARG(int64_t, num_init_features) = 64;
  WICK_ARG(int64_t, bn_size) = 4;
  WICK_ARG(double, drop_rate) = 0;
  WICK_ARG(int64_t, num_classes) = 1000;
};

class DenseNetImpl : public nn::Module {
 public:
  explicit DenseNetImpl(const DenseNetOptions& options = {});
  Tensor forward(const Tensor& x);

  DenseNetOptions options;
  nn::Sequential features{nullptr};
  nn::Linear classifier{nullptr};
};
WICK_MODULE(DenseNet);

DenseNet densenet121(int64_t num_classes = 1000);
DenseNet densenet161(int64_t num_classes = 1000);
DenseNet densenet169(int64_t num_classes = 1000);
DenseNet densenet201(int64_t num_classes = 1000);

}  // namespace wick::vision::models

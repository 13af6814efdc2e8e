#pragma once
// wick::nn::init: in-place initialisers (LibTorch's torch::nn::init), run
// without recording autograd history and drawing from the generator in
// PyTorch's order, so the same seed gives the same weights in both.
#include <cstdint>
#include <tuple>

#include "wick/tensor/tensor.h"

namespace wick {

enum FanMode { kFanIn, kFanOut };
enum Nonlinearity {
  kLinear,
  kConv1D,
  kConv2D,
  kConv3D,
  kConvTranspose1D,
  kConvTranspose2D,
  kConvTranspose3D,
  kSigmoid,
  kTanh,
  kReLU,
  kLeakyReLU,
  kSELU,
};

namespace nn::init {

using FanModeType = FanMode;
using NonlinearityType = Nonlinearity;

// The recommended gain for a nonlinearity (param: LeakyReLU's negative slope).
double calculate_gain(NonlinearityType nonlinearity, double param = 0.01);
std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const Tensor& tensor);

Tensor constant_(Tensor tensor, const Scalar& value);
Tensor ones_(Tensor tensor);
Tensor zeros_(Tensor tensor);
Tensor eye_(Tensor matrix);
Tensor dirac_(Tensor tensor, int64_t groups = 1);
Tensor uniform_(Tensor tensor, double low = 0, double high = 1);
Tensor normal_(Tensor tensor, double mean = 0, double std = 1);
Tensor trunc_normal_(Tensor tensor, double mean = 0, double std = 1, double a = -2, double b = 2);
Tensor xavier_uniform_(Tensor tensor, double gain = 1);
Tensor xavier_normal_(Tensor tensor, double gain = 1);
Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanModeType mode = kFanIn,
                        NonlinearityType nonlinearity = kLeakyReLU);
Tensor kaiming_normal_(Tensor tensor, double a = 0, FanModeType mode = kFanIn,
                       NonlinearityType nonlinearity = kLeakyReLU);
Tensor orthogonal_(Tensor tensor, double gain = 1);
Tensor sparse_(Tensor tensor, double sparsity, double std = 0.01);

}  // namespace nn::init
}  // namespace wick

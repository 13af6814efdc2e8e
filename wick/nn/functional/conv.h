#pragma once
// wick::nn::functional (conv), LibTorch's torch::nn::functional:
//   F::conv2d(x, w, F::Conv2dFuncOptions().stride(2).padding(1))
//   F::conv_transpose2d(x, w, F::ConvTranspose2dFuncOptions().stride(2))
#include <variant>

#include "wick/nn/options.h"
#include "wick/tensor/tensor.h"

namespace wick::nn::functional {

template <size_t D>
struct ConvFuncOptions {
  using padding_t = std::variant<ExpandingArray<D>, SamePadding, ValidPadding>;
  WICK_ARG(Tensor, bias) = Tensor();
  WICK_ARG(ExpandingArray<D>, stride) = 1;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  WICK_ARG(int64_t, groups) = 1;

 public:
  // An int, D ints, wick::kSame or wick::kValid.
  ConvFuncOptions& padding(ExpandingArray<D> p) {
    padding_ = p;
    return *this;
  }
  ConvFuncOptions& padding(std::initializer_list<int64_t> p) { return padding(ExpandingArray<D>(p)); }
  ConvFuncOptions& padding(SamePadding p) {
    padding_ = p;
    return *this;
  }
  ConvFuncOptions& padding(ValidPadding p) {
    padding_ = p;
    return *this;
  }
  const padding_t& padding() const { return padding_; }

 private:
  padding_t padding_ = ExpandingArray<D>(0);
};
using Conv1dFuncOptions = ConvFuncOptions<1>;
using Conv2dFuncOptions = ConvFuncOptions<2>;
using Conv3dFuncOptions = ConvFuncOptions<3>;

Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& options = {});
Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& options = {});
Tensor conv3d(const Tensor& input, const Tensor& weight, const Conv3dFuncOptions& options = {});

template <size_t D>
struct ConvTransposeFuncOptions {
  WICK_ARG(Tensor, bias) = Tensor();
  WICK_ARG(ExpandingArray<D>, stride) = 1;
  WICK_ARG(ExpandingArray<D>, padding) = 0;
  WICK_ARG(ExpandingArray<D>, output_padding) = 0;
  WICK_ARG(int64_t, groups) = 1;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
};
using ConvTranspose1dFuncOptions = ConvTransposeFuncOptions<1>;
using ConvTranspose2dFuncOptions = ConvTransposeFuncOptions<2>;
using ConvTranspose3dFuncOptions = ConvTransposeFuncOptions<3>;

Tensor conv_transpose1d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose1dFuncOptions& options = {});
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose2dFuncOptions& options = {});
Tensor conv_transpose3d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose3dFuncOptions& options = {});

}  // namespace wick::nn::functional

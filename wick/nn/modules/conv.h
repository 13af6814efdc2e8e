#pragma once
// Conv1d / Conv2d / Conv3d and ConvTranspose1d / 2d / 3d (LibTorch's shape):
//   wick::nn::Conv2d(wick::nn::Conv2dOptions(1, 6, 5).padding(2))
//   wick::nn::ConvTranspose2d(wick::nn::ConvTranspose2dOptions(6, 1, 5).stride(2))
#include <optional>
#include <variant>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

template <size_t D>
struct ConvOptions {
  using Padding = std::variant<ExpandingArray<D>, SamePadding, ValidPadding>;
  ConvOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  WICK_ARG(int64_t, in_channels);
  WICK_ARG(int64_t, out_channels);
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride) = 1;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  WICK_ARG(int64_t, groups) = 1;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(PaddingMode, padding_mode) = kZeros;

 public:
  // An int, D ints, wick::kSame or wick::kValid.
  ConvOptions& padding(ExpandingArray<D> p) {
    padding_ = p;
    return *this;
  }
  ConvOptions& padding(std::initializer_list<int64_t> p) { return padding(ExpandingArray<D>(p)); }
  ConvOptions& padding(SamePadding p) {
    padding_ = p;
    return *this;
  }
  ConvOptions& padding(ValidPadding p) {
    padding_ = p;
    return *this;
  }
  const Padding& padding() const { return padding_; }

 private:
  Padding padding_ = ExpandingArray<D>(0);
};
using Conv1dOptions = ConvOptions<1>;
using Conv2dOptions = ConvOptions<2>;
using Conv3dOptions = ConvOptions<3>;

template <size_t D>
class ConvNdImpl : public Module {
 public:
  explicit ConvNdImpl(const ConvOptions<D>& options);
  Tensor forward(const Tensor& input);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  ConvOptions<D> options;
  Tensor weight, bias;
};

class Conv1dImpl : public ConvNdImpl<1> {
 public:
  Conv1dImpl(int64_t in, int64_t out, ExpandingArray<1> kernel_size)
      : ConvNdImpl<1>(Conv1dOptions(in, out, kernel_size)) {}
  explicit Conv1dImpl(const Conv1dOptions& options) : ConvNdImpl<1>(options) {}
};
class Conv2dImpl : public ConvNdImpl<2> {
 public:
  Conv2dImpl(int64_t in, int64_t out, ExpandingArray<2> kernel_size)
      : ConvNdImpl<2>(Conv2dOptions(in, out, kernel_size)) {}
  explicit Conv2dImpl(const Conv2dOptions& options) : ConvNdImpl<2>(options) {}
};
class Conv3dImpl : public ConvNdImpl<3> {
 public:
  Conv3dImpl(int64_t in, int64_t out, ExpandingArray<3> kernel_size)
      : ConvNdImpl<3>(Conv3dOptions(in, out, kernel_size)) {}
  explicit Conv3dImpl(const Conv3dOptions& options) : ConvNdImpl<3>(options) {}
};
WICK_MODULE(Conv1d);
WICK_MODULE(Conv2d);
WICK_MODULE(Conv3d);

template <size_t D>
struct ConvTransposeOptions {
  ConvTransposeOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  WICK_ARG(int64_t, in_channels);
  WICK_ARG(int64_t, out_channels);
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride) = 1;
  WICK_ARG(ExpandingArray<D>, padding) = 0;
  WICK_ARG(ExpandingArray<D>, output_padding) = 0;
  WICK_ARG(int64_t, groups) = 1;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  // Only kZeros, as in PyTorch.
  WICK_ARG(PaddingMode, padding_mode) = kZeros;
};
using ConvTranspose1dOptions = ConvTransposeOptions<1>;
using ConvTranspose2dOptions = ConvTransposeOptions<2>;
using ConvTranspose3dOptions = ConvTransposeOptions<3>;

// Weight (in_channels, out_channels / groups, *kernel_size).
template <size_t D>
class ConvTransposeNdImpl : public Module {
 public:
  explicit ConvTransposeNdImpl(const ConvTransposeOptions<D>& options);
  // output_size (the spatial sizes, or the full size) picks the output padding
  // that gives exactly that size; without it, options.output_padding() is used.
  Tensor forward(const Tensor& input, const std::optional<IntArrayRef>& output_size = std::nullopt);
  void reset_parameters() override;
  void pretty_print(std::ostream& stream) const override;

  ConvTransposeOptions<D> options;
  Tensor weight, bias;

 protected:
  std::vector<int64_t> _output_padding(const Tensor& input, const std::optional<IntArrayRef>& output_size) const;
};

#define WICK_CONV_TRANSPOSE_MODULE(D)                                              \
  class ConvTranspose##D##dImpl : public ConvTransposeNdImpl<D> {                  \
   public:                                                                         \
    ConvTranspose##D##dImpl(int64_t in, int64_t out, ExpandingArray<D> kernel_size) \
        : ConvTransposeNdImpl<D>(ConvTransposeOptions<D>(in, out, kernel_size)) {}  \
    explicit ConvTranspose##D##dImpl(const ConvTransposeOptions<D>& options)        \
        : ConvTransposeNdImpl<D>(options) {}                                       \
  };                                                                               \
  WICK_MODULE(ConvTranspose##D##d);
WICK_CONV_TRANSPOSE_MODULE(1)
WICK_CONV_TRANSPOSE_MODULE(2)
WICK_CONV_TRANSPOSE_MODULE(3)
#undef WICK_CONV_TRANSPOSE_MODULE

extern template class ConvTransposeNdImpl<1>;
extern template class ConvTransposeNdImpl<2>;
extern template class ConvTransposeNdImpl<3>;
extern template class ConvNdImpl<1>;
extern template class ConvNdImpl<2>;
extern template class ConvNdImpl<3>;

}  // namespace wick::nn

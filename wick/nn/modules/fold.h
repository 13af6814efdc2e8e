#pragma once
// Fold / Unfold (LibTorch's shape): sliding blocks to columns and back.
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct FoldOptions {
  FoldOptions(ExpandingArray<2> output_size, ExpandingArray<2> kernel_size)
      : output_size_(output_size), kernel_size_(kernel_size) {}
  WICK_ARG(ExpandingArray<2>, output_size);
  WICK_ARG(ExpandingArray<2>, kernel_size);
  WICK_ARG(ExpandingArray<2>, dilation) = 1;
  WICK_ARG(ExpandingArray<2>, padding) = 0;
  WICK_ARG(ExpandingArray<2>, stride) = 1;
};

// (N, C*kH*kW, L) or (C*kH*kW, L) -> (N, C, output_size) summing overlaps.
class FoldImpl : public Module {
 public:
  FoldImpl(ExpandingArray<2> output_size, ExpandingArray<2> kernel_size)
      : FoldImpl(FoldOptions(output_size, kernel_size)) {}
  explicit FoldImpl(const FoldOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  FoldOptions options;
};
WICK_MODULE(Fold);

struct UnfoldOptions {
  UnfoldOptions(ExpandingArray<2> kernel_size) : kernel_size_(kernel_size) {}  // NOLINT
  WICK_ARG(ExpandingArray<2>, kernel_size);
  WICK_ARG(ExpandingArray<2>, dilation) = 1;
  WICK_ARG(ExpandingArray<2>, padding) = 0;
  WICK_ARG(ExpandingArray<2>, stride) = 1;
};

// (N, C, H, W) or (C, H, W) -> (N, C*kH*kW, L).
class UnfoldImpl : public Module {
 public:
  explicit UnfoldImpl(ExpandingArray<2> kernel_size) : UnfoldImpl(UnfoldOptions(kernel_size)) {}
  explicit UnfoldImpl(const UnfoldOptions& options) : options(options) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  UnfoldOptions options;
};
WICK_MODULE(Unfold);

}  // namespace wick::nn

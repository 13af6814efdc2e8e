#pragma once
// ReflectionPad1d/2d/3d, ReplicationPad1d/2d/3d, ZeroPad1d/2d/3d, ConstantPad1d/2d/3d
// (LibTorch's shape). padding: one int for every side, or 2*D ints (left, right,
// top, bottom, front, back), the last dim's pair first as F::pad reads them:
//   wick::nn::ReflectionPad2d(wick::nn::ReflectionPad2dOptions({1, 0, 2, 1}))
#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

#define WICK_PAD_OPTIONS(Name)                                                       \
  template <size_t D>                                                                \
  struct Name##Options {                                                             \
    Name##Options(ExpandingArray<D * 2> padding) : padding_(padding) {} /* NOLINT */ \
    WICK_ARG(ExpandingArray<D * 2>, padding);                                        \
  };                                                                                 \
  using Name##1dOptions = Name##Options<1>;                                          \
  using Name##2dOptions = Name##Options<2>;                                          \
  using Name##3dOptions = Name##Options<3>;
WICK_PAD_OPTIONS(ReflectionPad)
WICK_PAD_OPTIONS(ReplicationPad)
WICK_PAD_OPTIONS(ZeroPad)
#undef WICK_PAD_OPTIONS

template <size_t D>
struct ConstantPadOptions {
  ConstantPadOptions(ExpandingArray<D * 2> padding, double value) : padding_(padding), value_(value) {}
  WICK_ARG(ExpandingArray<D * 2>, padding);
  WICK_ARG(double, value);
};
using ConstantPad1dOptions = ConstantPadOptions<1>;
using ConstantPad2dOptions = ConstantPadOptions<2>;
using ConstantPad3dOptions = ConstantPadOptions<3>;

#define WICK_PAD_IMPL(Name)                                                                 \
  template <size_t D>                                                                       \
  class Name##NdImpl : public Module {                                                      \
   public:                                                                                  \
    explicit Name##NdImpl(const Name##Options<D>& options) : options(options) {}            \
    explicit Name##NdImpl(ExpandingArray<D * 2> padding) : options(padding) {}              \
    Tensor forward(const Tensor& input);                                                    \
    void pretty_print(std::ostream& stream) const override;                                 \
    Name##Options<D> options;                                                               \
  };                                                                                        \
  extern template class Name##NdImpl<1>;                                                    \
  extern template class Name##NdImpl<2>;                                                    \
  extern template class Name##NdImpl<3>;
WICK_PAD_IMPL(ReflectionPad)
WICK_PAD_IMPL(ReplicationPad)
WICK_PAD_IMPL(ZeroPad)
#undef WICK_PAD_IMPL

template <size_t D>
class ConstantPadNdImpl : public Module {
 public:
  explicit ConstantPadNdImpl(const ConstantPadOptions<D>& options) : options(options) {}
  ConstantPadNdImpl(ExpandingArray<D * 2> padding, double value) : options(padding, value) {}
  Tensor forward(const Tensor& input);
  void pretty_print(std::ostream& stream) const override;
  ConstantPadOptions<D> options;
};
extern template class ConstantPadNdImpl<1>;
extern template class ConstantPadNdImpl<2>;
extern template class ConstantPadNdImpl<3>;

#define WICK_PAD_MODULE(Name, D)                          \
  class Name##D##dImpl : public Name##NdImpl<D> {         \
   public:                                                \
    using Name##NdImpl<D>::Name##NdImpl;                  \
  };                                                      \
  WICK_MODULE(Name##D##d);
#define WICK_PAD_MODULES(D)          \
  WICK_PAD_MODULE(ReflectionPad, D)  \
  WICK_PAD_MODULE(ReplicationPad, D) \
  WICK_PAD_MODULE(ZeroPad, D)        \
  WICK_PAD_MODULE(ConstantPad, D)
WICK_PAD_MODULES(1)
WICK_PAD_MODULES(2)
WICK_PAD_MODULES(3)
#undef WICK_PAD_MODULES
#undef WICK_PAD_MODULE

}  // namespace wick::nn

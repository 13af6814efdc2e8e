#include "wick/nn/modules/padding.h"

#include <ostream>
#include <vector>

#include "wick/nn/functional/padding.h"

namespace wick::nn {
namespace {
template <size_t N>
std::vector<int64_t> to_vector(const ExpandingArray<N>& a) {
  IntArrayRef r = a.ref();
  return std::vector<int64_t>(r.begin(), r.end());
}
template <size_t N>
Tensor pad_with(const Tensor& input, const ExpandingArray<N>& padding, PaddingMode mode, double value = 0) {
  return functional::pad(input, functional::PadFuncOptions(to_vector(padding)).mode(mode).value(value));
}
}  // namespace

#define WICK_PAD_DEFS(Name, mode)                                                            \
  template <size_t D>                                                                        \
  Tensor Name##NdImpl<D>::forward(const Tensor& input) {                                     \
    return pad_with(input, options.padding(), mode);                                         \
  }                                                                                          \
  template <size_t D>                                                                        \
  void Name##NdImpl<D>::pretty_print(std::ostream& stream) const {                           \
    stream << "wick::nn::" #Name << D << "d(padding=" << options.padding() << ")";           \
  }                                                                                          \
  template class Name##NdImpl<1>;                                                            \
  template class Name##NdImpl<2>;                                                            \
  template class Name##NdImpl<3>;
WICK_PAD_DEFS(ReflectionPad, kReflect)
WICK_PAD_DEFS(ReplicationPad, kReplicate)
WICK_PAD_DEFS(ZeroPad, kConstant)
#undef WICK_PAD_DEFS

template <size_t D>
Tensor ConstantPadNdImpl<D>::forward(const Tensor& input) {
  return pad_with(input, options.padding(), kConstant, options.value());
}
template <size_t D>
void ConstantPadNdImpl<D>::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::ConstantPad" << D << "d(padding=" << options.padding() << ", value=" << options.value()
         << ")";
}
template class ConstantPadNdImpl<1>;
template class ConstantPadNdImpl<2>;
template class ConstantPadNdImpl<3>;

}  // namespace wick::nn

#include "wick/nn/modules/upsampling.h"

#include <ostream>

namespace wick::nn {

Tensor UpsampleImpl::forward(const Tensor& input) {
  return functional::interpolate(input, functional::InterpolateFuncOptions()
                                            .size(options.size())
                                            .scale_factor(options.scale_factor())
                                            .mode(options.mode())
                                            .align_corners(options.align_corners()));
}

void UpsampleImpl::pretty_print(std::ostream& stream) const {
  stream << "wick::nn::Upsample(";
  if (options.scale_factor()) {
    stream << "scale_factor=[";
    const auto& s = *options.scale_factor();
    for (size_t i = 0; i < s.size(); ++i) stream << (i ? ", " : "") << s[i];
    stream << "]";
  } else if (options.size()) {
    stream << "size=" << IntArrayRef(*options.size());
  }
  stream << ", mode=" << options.mode().name() << ")";
}

}  // namespace wick::nn

#include "wick/nn/modules/conv.h"

#include <cmath>
#include <ostream>
#include <sstream>

#include "wick/nn/functional/conv.h"
#include "wick/nn/init.h"
#include "wick/ops/conv.h"
#include "wick/ops/creation.h"
#include "wick/ops/pool.h"

namespace wick::nn {

template <size_t D>
ConvNdImpl<D>::ConvNdImpl(const ConvOptions<D>& options_) : options(options_) {
  const auto& o = options;
  WICK_CHECK_T(ValueError, o.groups() > 0, "groups must be a positive integer");
  WICK_CHECK_T(ValueError, o.in_channels() % o.groups() == 0, "in_channels must be divisible by groups");
  WICK_CHECK_T(ValueError, o.out_channels() % o.groups() == 0, "out_channels must be divisible by groups");
  if (std::holds_alternative<SamePadding>(o.padding())) {
    for (size_t i = 0; i < D; ++i) {
      WICK_CHECK_T(ValueError, o.stride()[i] == 1,
                   "padding='same' is not supported for strided convolutions");
    }
  }
  std::vector<int64_t> shape{o.out_channels(), o.in_channels() / o.groups()};
  for (size_t i = 0; i < D; ++i) shape.push_back(o.kernel_size()[i]);
  weight = register_parameter("weight", wick::empty(shape));
  bias = register_parameter("bias", o.bias() ? empty({o.out_channels()}) : Tensor(), o.bias());
  reset_parameters();
}

template <size_t D>
void ConvNdImpl<D>::reset_parameters() {
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    auto [fan_in, fan_out] = init::_calculate_fan_in_and_fan_out(weight);
    (void)fan_out;
    double bound = fan_in > 0 ? 1.0 / std::sqrt(static_cast<double>(fan_in)) : 0;
    init::uniform_(bias, -bound, bound);
  }
}

namespace {
template <size_t D>
Tensor conv_nd(const Tensor& x, const Tensor& w, const Tensor& b, IntArrayRef stride,
               IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  if constexpr (D == 1) return conv1d(x, w, b, stride, padding, dilation, groups);
  if constexpr (D == 2) return conv2d(x, w, b, stride, padding, dilation, groups);
  if constexpr (D == 3) return conv3d(x, w, b, stride, padding, dilation, groups);
}
template <size_t D>
Tensor conv_nd(const Tensor& x, const Tensor& w, const Tensor& b, IntArrayRef stride,
               const char* padding, IntArrayRef dilation, int64_t groups) {
  return conv_padding_mode(D, x, w, b, stride, padding, dilation, groups);
}
const char* mode_name(PaddingMode m) {
  switch (m) {
    case kReflect: return "reflect";
    case kReplicate: return "replicate";
    case kCircular: return "circular";
    default: return "constant";
  }
}
}  // namespace

template <size_t D>
Tensor ConvNdImpl<D>::forward(const Tensor& input) {
  const auto& o = options;
  const auto* explicit_padding = std::get_if<ExpandingArray<D>>(&o.padding());
  bool same = std::holds_alternative<SamePadding>(o.padding());
  if (o.padding_mode() != kZeros) {
    // Pads explicitly (last dim first, as F.pad reads it), then convolves unpadded.
    std::vector<int64_t> pads;
    for (size_t i = D; i-- > 0;) {
      int64_t before = 0, after = 0;
      if (explicit_padding) {
        before = after = (*explicit_padding)[i];
      } else if (same) {
        int64_t total = o.dilation()[i] * (o.kernel_size()[i] - 1);
        before = total / 2;
        after = total - before;
      }
      pads.push_back(before);
      pads.push_back(after);
    }
    return conv_nd<D>(pad(input, pads, mode_name(o.padding_mode())), weight, bias, o.stride(),
                      ExpandingArray<D>(0), o.dilation(), o.groups());
  }
  if (explicit_padding)
    return conv_nd<D>(input, weight, bias, o.stride(), *explicit_padding, o.dilation(), o.groups());
  return conv_nd<D>(input, weight, bias, o.stride(), same ? "same" : "valid", o.dilation(), o.groups());
}

template <size_t D>
void ConvNdImpl<D>::pretty_print(std::ostream& stream) const {
  const auto& o = options;
  stream << std::boolalpha << "wick::nn::Conv" << D << "d(" << o.in_channels() << ", "
         << o.out_channels() << ", kernel_size=" << o.kernel_size() << ", stride=" << o.stride();
  if (const auto* p = std::get_if<ExpandingArray<D>>(&o.padding())) {
    if (!(*p == ExpandingArray<D>(0))) stream << ", padding=" << *p;
  } else {
    stream << ", padding=" << (std::holds_alternative<SamePadding>(o.padding()) ? "'same'" : "'valid'");
  }
  if (!(o.dilation() == ExpandingArray<D>(1))) stream << ", dilation=" << o.dilation();
  if (o.groups() != 1) stream << ", groups=" << o.groups();
  if (!o.bias()) stream << ", bias=false";
  if (o.padding_mode() != kZeros) {
    const char* names[] = {"kZeros", "kReflect", "kReplicate", "kCircular", "kConstant"};
    stream << ", padding_mode=" << names[o.padding_mode()];
  }
  stream << ")";
}

// ---- ConvTranspose ------------------------------------------------------------

template <size_t D>
ConvTransposeNdImpl<D>::ConvTransposeNdImpl(const ConvTransposeOptions<D>& options_) : options(options_) {
  const auto& o = options;
  WICK_CHECK_T(ValueError, o.groups() > 0, "groups must be a positive integer");
  WICK_CHECK_T(ValueError, o.in_channels() % o.groups() == 0, "in_channels must be divisible by groups");
  WICK_CHECK_T(ValueError, o.out_channels() % o.groups() == 0, "out_channels must be divisible by groups");
  WICK_CHECK_T(ValueError, o.padding_mode() == kZeros,
               "Only \"zeros\" padding mode is supported for ConvTranspose", D, "d");
  std::vector<int64_t> shape{o.in_channels(), o.out_channels() / o.groups()};
  for (size_t i = 0; i < D; ++i) shape.push_back(o.kernel_size()[i]);
  weight = register_parameter("weight", wick::empty(shape));
  bias = register_parameter("bias", o.bias() ? empty({o.out_channels()}) : Tensor(), o.bias());
  reset_parameters();
}

template <size_t D>
void ConvTransposeNdImpl<D>::reset_parameters() {
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    auto [fan_in, fan_out] = init::_calculate_fan_in_and_fan_out(weight);
    (void)fan_out;
    double bound = fan_in > 0 ? 1.0 / std::sqrt(static_cast<double>(fan_in)) : 0;
    init::uniform_(bias, -bound, bound);
  }
}

namespace {
std::string list_str(const std::vector<int64_t>& v) {
  std::ostringstream s;
  s << IntArrayRef(v);
  return s.str();
}
}  // namespace

template <size_t D>
std::vector<int64_t> ConvTransposeNdImpl<D>::_output_padding(const Tensor& input,
                                                             const std::optional<IntArrayRef>& output_size) const {
  const auto& o = options;
  if (!output_size) {
    IntArrayRef p = o.output_padding();
    return std::vector<int64_t>(p.begin(), p.end());
  }
  const int64_t nd = static_cast<int64_t>(D);
  const int64_t non_spatial = input.dim() == nd + 2 ? 2 : 1;
  std::vector<int64_t> size(output_size->begin(), output_size->end());
  if (static_cast<int64_t>(size.size()) == non_spatial + nd) size.erase(size.begin(), size.begin() + non_spatial);
  WICK_CHECK_T(ValueError, static_cast<int64_t>(size.size()) == nd, "ConvTranspose", D, "D: for ", input.dim(),
               "D input, output_size must have ", D, " or ", non_spatial + nd, " elements (got ",
               output_size->size(), ")");
  WICK_CHECK(input.dim() >= non_spatial + nd, "ConvTranspose", D, "d: expected ", D + 1, "D or ", D + 2,
             "D input, got ", input.dim(), "D");
  std::vector<int64_t> min_sizes, max_sizes, spatial;
  for (size_t d = 0; d < D; ++d) {
    int64_t in = input.size(static_cast<int64_t>(d) + non_spatial);
    spatial.push_back(in);
    int64_t m = (in - 1) * o.stride()[d] - 2 * o.padding()[d] + o.dilation()[d] * (o.kernel_size()[d] - 1) + 1;
    min_sizes.push_back(m);
    max_sizes.push_back(m + o.stride()[d] - 1);
  }
  for (size_t d = 0; d < D; ++d) {
    WICK_CHECK_T(ValueError, size[d] >= min_sizes[d] && size[d] <= max_sizes[d], "requested an output size of ",
                 list_str(size), ", but valid sizes range from ", list_str(min_sizes), " to ", list_str(max_sizes),
                 " (for an input of ", list_str(spatial), ")");
  }
  std::vector<int64_t> res;
  for (size_t d = 0; d < D; ++d) res.push_back(size[d] - min_sizes[d]);
  return res;
}

template <size_t D>
Tensor ConvTransposeNdImpl<D>::forward(const Tensor& input, const std::optional<IntArrayRef>& output_size) {
  const auto& o = options;
  std::vector<int64_t> op = _output_padding(input, output_size);
  functional::ConvTransposeFuncOptions<D> f;
  f.bias(bias).stride(o.stride()).padding(o.padding()).output_padding(ExpandingArray<D>(op)).groups(o.groups())
      .dilation(o.dilation());
  if constexpr (D == 1) return functional::conv_transpose1d(input, weight, f);
  if constexpr (D == 2) return functional::conv_transpose2d(input, weight, f);
  if constexpr (D == 3) return functional::conv_transpose3d(input, weight, f);
}

template <size_t D>
void ConvTransposeNdImpl<D>::pretty_print(std::ostream& stream) const {
  const auto& o = options;
  stream << std::boolalpha << "wick::nn::ConvTranspose" << D << "d(" << o.in_channels() << ", "
         << o.out_channels() << ", kernel_size=" << o.kernel_size() << ", stride=" << o.stride();
  if (!(o.padding() == ExpandingArray<D>(0))) stream << ", padding=" << o.padding();
  if (!(o.dilation() == ExpandingArray<D>(1))) stream << ", dilation=" << o.dilation();
  if (!(o.output_padding() == ExpandingArray<D>(0))) stream << ", output_padding=" << o.output_padding();
  if (o.groups() != 1) stream << ", groups=" << o.groups();
  if (!o.bias()) stream << ", bias=false";
  stream << ")";
}

template class ConvTransposeNdImpl<1>;
template class ConvTransposeNdImpl<2>;
template class ConvTransposeNdImpl<3>;

template class ConvNdImpl<1>;
template class ConvNdImpl<2>;
template class ConvNdImpl<3>;

}  // namespace wick::nn

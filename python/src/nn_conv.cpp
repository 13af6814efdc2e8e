// wick.nn.functional: linear layers, convolutions, fold/unfold.
#include <optional>
#include <string>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/conv.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
Tensor opt(const OptT& t) { return t ? *t : Tensor(); }

using ConvFn = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, IntArrayRef, IntArrayRef,
                          IntArrayRef, int64_t);
using ConvTFn = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, IntArrayRef, IntArrayRef,
                           IntArrayRef, int64_t, IntArrayRef);

// conv{1,2,3}d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1);
// padding may be 'same' / 'valid'.
void def_conv(py::module_& mod, const char* name, ConvFn f, int64_t nd) {
  mod.def(name, [nd](const Tensor& input, const Tensor& weight, const OptT& bias,
                     const IntList& stride, const std::string& padding, const IntList& dilation,
                     int64_t groups) {
    return conv_padding_mode(nd, input, weight, opt(bias), stride, padding, dilation, groups);
  }, arg("input"), arg("weight"), arg("bias") = py::none(), arg("stride") = 1,
     arg("padding") = "valid", arg("dilation") = 1, arg("groups") = 1, nogil());
  mod.def(name, [f](const Tensor& input, const Tensor& weight, const OptT& bias,
                    const IntList& stride, const IntList& padding, const IntList& dilation,
                    int64_t groups) {
    return f(input, weight, opt(bias), stride, padding, dilation, groups);
  }, arg("input"), arg("weight"), arg("bias") = py::none(), arg("stride") = 1,
     arg("padding") = 0, arg("dilation") = 1, arg("groups") = 1, nogil());
}

// conv_transpose{1,2,3}d(input, weight, bias=None, stride=1, padding=0,
//                        output_padding=0, groups=1, dilation=1)
void def_conv_t(py::module_& mod, const char* name, ConvTFn f) {
  mod.def(name, [f](const Tensor& input, const Tensor& weight, const OptT& bias,
                    const IntList& stride, const IntList& padding, const IntList& output_padding,
                    int64_t groups, const IntList& dilation) {
    return f(input, weight, opt(bias), stride, padding, output_padding, groups, dilation);
  }, arg("input"), arg("weight"), arg("bias") = py::none(), arg("stride") = 1,
     arg("padding") = 0, arg("output_padding") = 0, arg("groups") = 1, arg("dilation") = 1,
     nogil());
}
}  // namespace

void init_nn_conv(py::module_& m) {
  py::module_ nn = nn_module(m);

  nn.def("linear", [](const Tensor& input, const Tensor& weight, const OptT& bias) {
    return linear(input, weight, opt(bias));
  }, arg("input"), arg("weight"), arg("bias") = py::none(), nogil());
  auto bil = [](const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const OptT& bias) { return bilinear(input1, input2, weight, opt(bias)); };
  nn.def("bilinear", bil, arg("input1"), arg("input2"), arg("weight"), arg("bias") = py::none(),
         nogil());
  m.def("bilinear", bil, arg("input1"), arg("input2"), arg("weight"), arg("bias") = py::none(),
        nogil());

  for (py::module_* mod : {&nn, &m}) {
    def_conv(*mod, "conv1d", conv1d, 1);
    def_conv(*mod, "conv2d", conv2d, 2);
    def_conv(*mod, "conv3d", conv3d, 3);
    def_conv_t(*mod, "conv_transpose1d", conv_transpose1d);
    def_conv_t(*mod, "conv_transpose2d", conv_transpose2d);
    def_conv_t(*mod, "conv_transpose3d", conv_transpose3d);
  }
  m.def("convolution", [](const Tensor& input, const Tensor& weight, const OptT& bias,
                          const IntList& stride, const IntList& padding, const IntList& dilation,
                          bool transposed, const IntList& output_padding, int64_t groups) {
    return convolution(input, weight, opt(bias), stride, padding, dilation, transposed,
                       output_padding, groups);
  }, arg("input"), arg("weight"), arg("bias"), arg("stride"), arg("padding"), arg("dilation"),
     arg("transposed"), arg("output_padding"), arg("groups"), nogil());

  nn.def("unfold", [](const Tensor& input, const IntList& kernel_size, const IntList& dilation,
                      const IntList& padding, const IntList& stride) {
    return im2col(input, kernel_size, dilation, padding, stride);
  }, arg("input"), arg("kernel_size"), arg("dilation") = 1, arg("padding") = 0,
     arg("stride") = 1, nogil());
  nn.def("fold", [](const Tensor& input, const IntList& output_size, const IntList& kernel_size,
                    const IntList& dilation, const IntList& padding, const IntList& stride) {
    return col2im(input, output_size, kernel_size, dilation, padding, stride);
  }, arg("input"), arg("output_size"), arg("kernel_size"), arg("dilation") = 1,
     arg("padding") = 0, arg("stride") = 1, nogil());
  // torch._C._nn's own names (every argument required there).
  nn.def("im2col", [](const Tensor& input, const IntList& kernel_size, const IntList& dilation,
                      const IntList& padding, const IntList& stride) {
    return im2col(input, kernel_size, dilation, padding, stride);
  }, arg("input"), arg("kernel_size"), arg("dilation"), arg("padding"), arg("stride"), nogil());
  nn.def("col2im", [](const Tensor& input, const IntList& output_size, const IntList& kernel_size,
                      const IntList& dilation, const IntList& padding, const IntList& stride) {
    return col2im(input, output_size, kernel_size, dilation, padding, stride);
  }, arg("input"), arg("output_size"), arg("kernel_size"), arg("dilation"), arg("padding"),
     arg("stride"), nogil());
}

}  // namespace wick::python

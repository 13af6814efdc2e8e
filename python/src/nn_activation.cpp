// wick.nn.functional's activations, with torch.nn.functional's signatures
// (inplace= where F has it, the F.<name>_ in-place forms), plus the torch-level
// forms PyTorch also has (torch.selu, torch.celu, torch.threshold, torch.prelu,
// torch.rrelu, torch.hardshrink and their in-place forms) and the Tensor
// methods (Tensor.hardshrink, Tensor.prelu). F.sigmoid/F.tanh (deprecated
// wrappers) are in python/wick/nn/_functional_activation.py.
#include <optional>
#include <string>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/activation.h"
#include "wick/ops/unary.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
using OptGen = std::optional<Generator>;

// f(input, ...) or, with inplace=True, f_(input, ...) (returning input).
#define WICK_INPLACE_OR(call, call_) return inplace ? Tensor(call_) : Tensor(call)
}  // namespace

void init_nn_activation(py::module_& m) {
  py::module_ nn = nn_module(m);

  // ---- inplace= activations of F ----------------------------------------------
  nn.def("relu", [](Tensor& a, bool inplace) { WICK_INPLACE_OR(relu(a), relu_(a)); },
         arg("input"), arg("inplace") = false, nogil());
  nn.def("relu_", [](Tensor& a) -> Tensor& { return relu_(a); }, arg("input"), nogil());
  nn.def("relu6", [](Tensor& a, bool inplace) { WICK_INPLACE_OR(relu6(a), relu6_(a)); },
         arg("input"), arg("inplace") = false, nogil());
  nn.def("relu6_", [](Tensor& a) -> Tensor& { return relu6_(a); }, arg("input"), nogil());
  nn.def("leaky_relu", [](Tensor& a, const Scalar& s, bool inplace) {
    WICK_INPLACE_OR(leaky_relu(a, s), leaky_relu_(a, s));
  }, arg("input"), arg("negative_slope") = 0.01, arg("inplace") = false, nogil());
  nn.def("leaky_relu_", [](Tensor& a, const Scalar& s) -> Tensor& { return leaky_relu_(a, s); },
         arg("input"), arg("negative_slope") = 0.01, nogil());
  nn.def("elu", [](Tensor& a, const Scalar& alpha, bool inplace) {
    WICK_INPLACE_OR(elu(a, alpha), elu_(a, alpha));
  }, arg("input"), arg("alpha") = 1.0, arg("inplace") = false, nogil());
  nn.def("elu_", [](Tensor& a, const Scalar& alpha) -> Tensor& { return elu_(a, alpha); },
         arg("input"), arg("alpha") = 1.0, nogil());
  nn.def("selu", [](Tensor& a, bool inplace) { WICK_INPLACE_OR(selu(a), selu_(a)); },
         arg("input"), arg("inplace") = false, nogil());
  nn.def("selu_", [](Tensor& a) -> Tensor& { return selu_(a); }, arg("input"), nogil());
  nn.def("celu", [](Tensor& a, const Scalar& alpha, bool inplace) {
    WICK_INPLACE_OR(celu(a, alpha), celu_(a, alpha));
  }, arg("input"), arg("alpha") = 1.0, arg("inplace") = false, nogil());
  nn.def("celu_", [](Tensor& a, const Scalar& alpha) -> Tensor& { return celu_(a, alpha); },
         arg("input"), arg("alpha") = 1.0, nogil());
  nn.def("threshold", [](Tensor& a, const Scalar& th, const Scalar& v, bool inplace) {
    WICK_INPLACE_OR(threshold(a, th, v), threshold_(a, th, v));
  }, arg("input"), arg("threshold"), arg("value"), arg("inplace") = false, nogil());
  nn.def("threshold_", [](Tensor& a, const Scalar& th, const Scalar& v) -> Tensor& {
    return threshold_(a, th, v);
  }, arg("input"), arg("threshold"), arg("value"), nogil());
  nn.def("hardsigmoid", [](Tensor& a, bool inplace) {
    WICK_INPLACE_OR(hardsigmoid(a), hardsigmoid_(a));
  }, arg("input"), arg("inplace") = false, nogil());
  nn.def("hardswish", [](Tensor& a, bool inplace) {
    WICK_INPLACE_OR(hardswish(a), hardswish_(a));
  }, arg("input"), arg("inplace") = false, nogil());
  nn.def("silu", [](Tensor& a, bool inplace) { WICK_INPLACE_OR(silu(a), silu_(a)); },
         arg("input"), arg("inplace") = false, nogil());
  nn.def("mish", [](Tensor& a, bool inplace) { WICK_INPLACE_OR(mish(a), mish_(a)); },
         arg("input"), arg("inplace") = false, nogil());
  nn.def("hardtanh", [](Tensor& a, const Scalar& lo, const Scalar& hi, bool inplace) {
    WICK_INPLACE_OR(hardtanh(a, lo, hi), hardtanh_(a, lo, hi));
  }, arg("input"), arg("min_val") = -1.0, arg("max_val") = 1.0, arg("inplace") = false, nogil());
  nn.def("hardtanh_", [](Tensor& a, const Scalar& lo, const Scalar& hi) -> Tensor& {
    return hardtanh_(a, lo, hi);
  }, arg("input"), arg("min_val") = -1.0, arg("max_val") = 1.0, nogil());
  nn.def("rrelu", [](Tensor& a, const Scalar& lo, const Scalar& hi, bool training, bool inplace) {
    WICK_INPLACE_OR(rrelu(a, lo, hi, training), rrelu_(a, lo, hi, training));
  }, arg("input"), arg("lower") = 1.0 / 8, arg("upper") = 1.0 / 3, arg("training") = false,
     arg("inplace") = false, nogil());
  nn.def("rrelu_", [](Tensor& a, const Scalar& lo, const Scalar& hi, bool training) -> Tensor& {
    return rrelu_(a, lo, hi, training);
  }, arg("input"), arg("lower") = 1.0 / 8, arg("upper") = 1.0 / 3, arg("training") = false,
     nogil());

  auto hardshrink_f = [](const Tensor& a, const Scalar& l, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(hardshrink_out(o, a, l));
    }
    return hardshrink(a, l);
  };

  // ---- F functions without inplace= ---------------------------------------------
  // These are torch._C._nn functions in PyTorch's F: they also take out=.
  nn.def("gelu", [](const Tensor& a, const std::string& approximate, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(gelu_out(o, a, approximate));
    }
    return gelu(a, approximate);
  }, arg("input"), py::kw_only(), arg("approximate") = "none", arg("out") = py::none(), nogil());
  nn.def("softplus", [](const Tensor& a, const Scalar& beta, const Scalar& th, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(softplus_out(o, a, beta, th));
    }
    return softplus(a, beta, th);
  }, arg("input"), arg("beta") = 1, arg("threshold") = 20, py::kw_only(), arg("out") = py::none(),
     nogil());
  nn.def("softshrink", [](const Tensor& a, const Scalar& l, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(softshrink_out(o, a, l));
    }
    return softshrink(a, l);
  }, arg("input"), arg("lambd") = 0.5, py::kw_only(), arg("out") = py::none(), nogil());
  nn.def("hardshrink", hardshrink_f, arg("input"), arg("lambd") = 0.5, py::kw_only(),
         arg("out") = py::none(), nogil());
  nn.def("logsigmoid", [](const Tensor& a, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(log_sigmoid_out(o, a));
    }
    return log_sigmoid(a);
  }, arg("input"), py::kw_only(), arg("out") = py::none(), nogil());
  nn.def("glu", [](const Tensor& a, int64_t dim) { return glu(a, dim); }, arg("input"),
         arg("dim") = -1, nogil());
  // Composites in PyTorch's F (Python functions there).
  nn.def("softsign", [](const Tensor& a) { return softsign(a); }, arg("input"), nogil());
  nn.def("tanhshrink", [](const Tensor& a) { return tanhshrink(a); }, arg("input"), nogil());
  nn.def("prelu", [](const Tensor& a, const Tensor& w) { return prelu(a, w); }, arg("input"),
         arg("weight"), nogil());
  nn.def("glu", [](const Tensor& a, int64_t dim) { return glu(a, dim); }, arg("input"),
         arg("dim") = -1, nogil());

  // ---- torch-level forms and Tensor methods --------------------------------------
  m.def("selu", [](const Tensor& a) { return selu(a); }, arg("input"), nogil());
  m.def("selu_", [](Tensor& a) -> Tensor& { return selu_(a); }, arg("input"), nogil());
  m.def("celu", [](const Tensor& a, const Scalar& alpha) { return celu(a, alpha); }, arg("input"),
        arg("alpha") = 1.0, nogil());
  m.def("celu_", [](Tensor& a, const Scalar& alpha) -> Tensor& { return celu_(a, alpha); },
        arg("input"), arg("alpha") = 1.0, nogil());
  m.def("threshold", [](const Tensor& a, const Scalar& th, const Scalar& v, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(threshold_out(o, a, th, v));
    }
    return threshold(a, th, v);
  }, arg("input"), arg("threshold"), arg("value"), py::kw_only(), arg("out") = py::none(), nogil());
  m.def("threshold_", [](Tensor& a, const Scalar& th, const Scalar& v) -> Tensor& {
    return threshold_(a, th, v);
  }, arg("input"), arg("threshold"), arg("value"), nogil());
  m.def("rrelu", [](const Tensor& a, const Scalar& lo, const Scalar& hi, bool training,
                    OptGen gen) { return rrelu(a, lo, hi, training, gen); },
        arg("input"), arg("lower") = 1.0 / 8, arg("upper") = 1.0 / 3, arg("training") = false,
        arg("generator") = py::none(), nogil());
  m.def("rrelu_", [](Tensor& a, const Scalar& lo, const Scalar& hi, bool training,
                     OptGen gen) -> Tensor& { return rrelu_(a, lo, hi, training, gen); },
        arg("input"), arg("lower") = 1.0 / 8, arg("upper") = 1.0 / 3, arg("training") = false,
        arg("generator") = py::none(), nogil());
  m.def("hardshrink", hardshrink_f, arg("input"), arg("lambd") = 0.5, py::kw_only(),
        arg("out") = py::none(), nogil());
  def_method("hardshrink", [](const Tensor& a, const Scalar& l) { return hardshrink(a, l); },
             arg("lambd") = 0.5, nogil());
  def_both(m, "prelu", [](const Tensor& a, const Tensor& w) { return prelu(a, w); }, arg("weight"),
           nogil());
}

}  // namespace wick::python

// wick.nn.functional: softmax / log_softmax / softmin and the losses, with
// torch.nn.functional's signatures. The argument handling PyTorch does in
// Python (legacy size_average/reduce, the implicit softmax dim, the target-size
// warnings, 'batchmean') is done here before the C++ op runs without the GIL.
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/loss.h"

namespace wick::python {

namespace {

using OptT = std::optional<Tensor>;
using OptB = std::optional<bool>;

void warn(PyObject* category, const std::string& msg, int stacklevel = 1) {
  if (PyErr_WarnEx(category, msg.c_str(), stacklevel) < 0) throw py::error_already_set();
}

std::string size_repr(IntArrayRef s) {
  std::ostringstream o;
  o << "wick.Size([";
  for (size_t i = 0; i < s.size(); ++i) o << (i ? ", " : "") << s[i];
  o << "])";
  return o.str();
}

// _Reduction.legacy_get_string + get_enum.
int64_t reduction_enum(const OptB& size_average, const OptB& reduce, const std::string& reduction) {
  if (size_average || reduce) {
    const bool sa = size_average.value_or(true), r = reduce.value_or(true);
    const char* s = (sa && r) ? "mean" : (r ? "sum" : "none");
    warn(PyExc_UserWarning, std::string("size_average and reduce args will be deprecated, please use "
                                        "reduction='") + s + "' instead.");
    return reduction_from_string(s);
  }
  if (reduction == "elementwise_mean")
    warn(PyExc_UserWarning, "reduction='elementwise_mean' is deprecated, please use reduction='mean' instead.");
  return reduction_from_string(reduction);
}

int64_t softmax_dim(const char* name, const std::optional<int64_t>& dim, const Tensor& input) {
  if (dim) return *dim;
  warn(PyExc_UserWarning, std::string("Implicit dimension choice for ") + name +
                              " has been deprecated. Change the call to include dim=X as an argument.");
  const int64_t nd = input.dim();
  return (nd == 0 || nd == 1 || nd == 3) ? 0 : 1;
}

void warn_target_size(const Tensor& input, const Tensor& target) {
  if (target.sizes() == input.sizes()) return;
  warn(PyExc_UserWarning, "Using a target size (" + size_repr(target.sizes()) +
                              ") that is different to the input size (" + size_repr(input.sizes()) +
                              "). This will likely lead to incorrect results due to broadcasting. "
                              "Please ensure they have the same size.");
}

Tensor def(const OptT& t) { return t ? *t : Tensor(); }

}  // namespace

void init_nn_loss(py::module_& m) {
  py::module_ nn = nn_module(m);

  // ---- softmax family ----
  auto soft = [](const char* name, Tensor (*f)(const Tensor&, int64_t, std::optional<ScalarType>)) {
    return [name, f](const Tensor& input, std::optional<int64_t> dim, int64_t /*_stacklevel*/,
                     std::optional<ScalarType> dtype) {
      const int64_t d = softmax_dim(name, dim, input);
      py::gil_scoped_release g;
      return f(input, d, dtype);
    };
  };
  nn.def("softmax", soft("softmax", &softmax), arg("input"), arg("dim") = py::none(),
         arg("_stacklevel") = 3, arg("dtype") = py::none());
  nn.def("log_softmax", soft("log_softmax", &log_softmax), arg("input"), arg("dim") = py::none(),
         arg("_stacklevel") = 3, arg("dtype") = py::none());
  nn.def("softmin", soft("softmin", &softmin), arg("input"), arg("dim") = py::none(),
         arg("_stacklevel") = 3, arg("dtype") = py::none());
  // torch.softmax(input, dim, dtype=None) and Tensor.softmax(dim, dtype=None)
  def_both(m, "softmax",
           [](const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
             return softmax(self, dim, dtype);
           },
           arg("dim"), arg("dtype") = py::none(), nogil());
  def_both(m, "log_softmax",
           [](const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
             return log_softmax(self, dim, dtype);
           },
           arg("dim"), arg("dtype") = py::none(), nogil());

  // ---- classification ----
  nn.def("nll_loss",
         [](const Tensor& input, const Tensor& target, const OptT& weight, OptB size_average,
            int64_t ignore_index, OptB reduce, const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return nll_loss_nd(input, target, def(weight), r, ignore_index);
         },
         arg("input"), arg("target"), arg("weight") = py::none(), arg("size_average") = py::none(),
         arg("ignore_index") = -100, arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("cross_entropy",
         [](const Tensor& input, const Tensor& target, const OptT& weight, OptB size_average,
            int64_t ignore_index, OptB reduce, const std::string& reduction, double label_smoothing) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return cross_entropy_loss(input, target, def(weight), r, ignore_index, label_smoothing);
         },
         arg("input"), arg("target"), arg("weight") = py::none(), arg("size_average") = py::none(),
         arg("ignore_index") = -100, arg("reduce") = py::none(), arg("reduction") = "mean",
         arg("label_smoothing") = 0.0);
  nn.def("binary_cross_entropy",
         [](const Tensor& input, const Tensor& target, const OptT& weight, OptB size_average, OptB reduce,
            const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           if (target.sizes() != input.sizes())
             throw py::value_error("Using a target size (" + size_repr(target.sizes()) +
                                   ") that is different to the input size (" + size_repr(input.sizes()) +
                                   ") is deprecated. Please ensure they have the same size.");
           py::gil_scoped_release g;
           Tensor w = def(weight);
           if (w.defined() && w.sizes() != target.sizes()) w = w.expand(target.sizes());
           return binary_cross_entropy(input, target, w, r);
         },
         arg("input"), arg("target"), arg("weight") = py::none(), arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("binary_cross_entropy_with_logits",
         [](const Tensor& input, const Tensor& target, const OptT& weight, OptB size_average, OptB reduce,
            const std::string& reduction, const OptT& pos_weight) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           if (target.sizes() != input.sizes())
             throw py::value_error("Target size (" + size_repr(target.sizes()) +
                                   ") must be the same as input size (" + size_repr(input.sizes()) + ")");
           py::gil_scoped_release g;
           return binary_cross_entropy_with_logits(input, target, def(weight), def(pos_weight), r);
         },
         arg("input"), arg("target"), arg("weight") = py::none(), arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean", arg("pos_weight") = py::none());
  nn.def("kl_div",
         [](const Tensor& input, const Tensor& target, OptB size_average, OptB reduce,
            const std::string& reduction, bool log_target) {
           int64_t r;
           if (size_average || reduce) {
             r = reduction_enum(size_average, reduce, reduction);
           } else {
             if (reduction == "mean")
               warn(PyExc_UserWarning,
                    "reduction: 'mean' divides the total loss by both the batch size and the support "
                    "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
                    "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
                    "major release.");
             r = reduction == "batchmean" ? Reduction::Sum : reduction_enum({}, {}, reduction);
           }
           const bool batchmean = reduction == "batchmean" && !(size_average || reduce);
           py::gil_scoped_release g;
           Tensor out = kl_div(input, target, r, log_target);
           if (batchmean && input.dim() != 0) out = out / static_cast<double>(input.size(0));
           return out;
         },
         arg("input"), arg("target"), arg("size_average") = py::none(), arg("reduce") = py::none(),
         arg("reduction") = "mean", arg("log_target") = false);

  // ---- regression ----
  using PairLoss = Tensor (*)(const Tensor&, const Tensor&, int64_t);
  auto pair = [](PairLoss f) {
    return [f](const Tensor& input, const Tensor& target, OptB size_average, OptB reduce,
               const std::string& reduction) {
      warn_target_size(input, target);
      const int64_t r = reduction_enum(size_average, reduce, reduction);
      py::gil_scoped_release g;
      return f(input, target, r);
    };
  };
  nn.def("mse_loss", pair([](const Tensor& a, const Tensor& b, int64_t r) { return mse_loss(a, b, r); }),
         arg("input"), arg("target"), arg("size_average") = py::none(), arg("reduce") = py::none(),
         arg("reduction") = "mean");
  nn.def("l1_loss", pair([](const Tensor& a, const Tensor& b, int64_t r) { return l1_loss(a, b, r); }),
         arg("input"), arg("target"), arg("size_average") = py::none(), arg("reduce") = py::none(),
         arg("reduction") = "mean");
  nn.def("smooth_l1_loss",
         [](const Tensor& input, const Tensor& target, OptB size_average, OptB reduce,
            const std::string& reduction, double beta) {
           warn_target_size(input, target);
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return smooth_l1_loss(input, target, r, beta);
         },
         arg("input"), arg("target"), arg("size_average") = py::none(), arg("reduce") = py::none(),
         arg("reduction") = "mean", arg("beta") = 1.0);
  nn.def("huber_loss",
         [](const Tensor& input, const Tensor& target, const std::string& reduction, double delta) {
           warn_target_size(input, target);
           const int64_t r = reduction_from_string(reduction);
           py::gil_scoped_release g;
           return huber_loss(input, target, r, delta);
         },
         arg("input"), arg("target"), arg("reduction") = "mean", arg("delta") = 1.0);
  nn.def("poisson_nll_loss",
         [](const Tensor& input, const Tensor& target, bool log_input, bool full, OptB size_average,
            double eps, OptB reduce, const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return poisson_nll_loss(input, target, log_input, full, eps, r);
         },
         arg("input"), arg("target"), arg("log_input") = true, arg("full") = false,
         arg("size_average") = py::none(), arg("eps") = 1e-8, arg("reduce") = py::none(),
         arg("reduction") = "mean");
  nn.def("gaussian_nll_loss",
         [](const Tensor& input, const Tensor& target, const Tensor& var, bool full, double eps,
            const std::string& reduction) {
           if (reduction != "none" && reduction != "mean" && reduction != "sum")
             throw py::value_error(reduction + " is not valid");
           const int64_t r = reduction_from_string(reduction);
           py::gil_scoped_release g;
           return gaussian_nll_loss(input, target, var, full, eps, r);
         },
         arg("input"), arg("target"), arg("var"), arg("full") = false, arg("eps") = 1e-6,
         arg("reduction") = "mean");

  // ---- margin / embedding ----
  using TriLoss = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, double, int64_t);
  auto tri = [](TriLoss f) {
    return [f](const Tensor& a, const Tensor& b, const Tensor& target, double margin, OptB size_average,
               OptB reduce, const std::string& reduction) {
      const int64_t r = reduction_enum(size_average, reduce, reduction);
      py::gil_scoped_release g;
      return f(a, b, target, margin, r);
    };
  };
  nn.def("cosine_embedding_loss",
         tri([](const Tensor& a, const Tensor& b, const Tensor& t, double mg, int64_t r) {
           return cosine_embedding_loss(a, b, t, mg, r);
         }),
         arg("input1"), arg("input2"), arg("target"), arg("margin") = 0.0, arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("margin_ranking_loss",
         [](const Tensor& a, const Tensor& b, const Tensor& target, double margin, OptB size_average,
            OptB reduce, const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           if (a.dim() != b.dim() || a.dim() != target.dim())
             throw py::value_error(
                 "margin_ranking_loss : All input tensors should have same dimension but got sizes: "
                 "input1: " + size_repr(a.sizes()) + ", input2: " + size_repr(b.sizes()) +
                 ", target: " + size_repr(target.sizes()) + " ");
           py::gil_scoped_release g;
           return margin_ranking_loss(a, b, target, margin, r);
         },
         arg("input1"), arg("input2"), arg("target"), arg("margin") = 0.0, arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("hinge_embedding_loss",
         [](const Tensor& input, const Tensor& target, double margin, OptB size_average, OptB reduce,
            const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return hinge_embedding_loss(input, target, margin, r);
         },
         arg("input"), arg("target"), arg("margin") = 1.0, arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("multilabel_margin_loss",
         [](const Tensor& input, const Tensor& target, OptB size_average, OptB reduce,
            const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return multilabel_margin_loss(input, target, r);
         },
         arg("input"), arg("target"), arg("size_average") = py::none(), arg("reduce") = py::none(),
         arg("reduction") = "mean");
  nn.def("soft_margin_loss",
         [](const Tensor& input, const Tensor& target, OptB size_average, OptB reduce,
            const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return soft_margin_loss(input, target, r);
         },
         arg("input"), arg("target"), arg("size_average") = py::none(), arg("reduce") = py::none(),
         arg("reduction") = "mean");
  nn.def("multilabel_soft_margin_loss",
         [](const Tensor& input, const Tensor& target, const OptT& weight, OptB size_average, OptB reduce,
            const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return multilabel_soft_margin_loss(input, target, def(weight), r);
         },
         arg("input"), arg("target"), arg("weight") = py::none(), arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("multi_margin_loss",
         [](const Tensor& input, const Tensor& target, int64_t p, double margin, const OptT& weight,
            OptB size_average, OptB reduce, const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           if (p != 1 && p != 2) throw py::value_error("only p == 1 and p == 2 supported");
           if (weight && weight->dim() != 1) throw py::value_error("weight must be one-dimensional");
           py::gil_scoped_release g;
           return multi_margin_loss(input, target, p, margin, def(weight), r);
         },
         arg("input"), arg("target"), arg("p") = 1, arg("margin") = 1.0, arg("weight") = py::none(),
         arg("size_average") = py::none(), arg("reduce") = py::none(), arg("reduction") = "mean");
  nn.def("triplet_margin_loss",
         [](const Tensor& anchor, const Tensor& positive, const Tensor& negative, double margin, double p,
            double eps, bool swap, OptB size_average, OptB reduce, const std::string& reduction) {
           const int64_t r = reduction_enum(size_average, reduce, reduction);
           py::gil_scoped_release g;
           return triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, r);
         },
         arg("anchor"), arg("positive"), arg("negative"), arg("margin") = 1.0, arg("p") = 2.0,
         arg("eps") = 1e-6, arg("swap") = false, arg("size_average") = py::none(),
         arg("reduce") = py::none(), arg("reduction") = "mean");
  // ---- sequence ----
  // Lengths are tensors or sequences of ints (both of one kind, as in torch).
  nn.def("ctc_loss",
         [](const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
            const Tensor& target_lengths, int64_t blank, const std::string& reduction, bool zero_infinity) {
           const int64_t r = reduction_from_string(reduction);
           py::gil_scoped_release g;
           return ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, r, zero_infinity);
         },
         arg("log_probs"), arg("targets"), arg("input_lengths"), arg("target_lengths"), arg("blank") = 0,
         arg("reduction") = "mean", arg("zero_infinity") = false);
  nn.def("ctc_loss",
         [](const Tensor& log_probs, const Tensor& targets, const std::vector<int64_t>& input_lengths,
            const std::vector<int64_t>& target_lengths, int64_t blank, const std::string& reduction,
            bool zero_infinity) {
           const int64_t r = reduction_from_string(reduction);
           py::gil_scoped_release g;
           return ctc_loss(log_probs, targets, IntArrayRef(input_lengths), IntArrayRef(target_lengths), blank, r,
                           zero_infinity);
         },
         arg("log_probs"), arg("targets"), arg("input_lengths"), arg("target_lengths"), arg("blank") = 0,
         arg("reduction") = "mean", arg("zero_infinity") = false);
  // torch.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction=Mean, zero_infinity=False)
  m.def("ctc_loss",
        [](const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths, const Tensor& target_lengths,
           int64_t blank, int64_t reduction, bool zero_infinity) {
          return ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity);
        },
        arg("log_probs"), arg("targets"), arg("input_lengths"), arg("target_lengths"), arg("blank") = 0,
        arg("reduction") = static_cast<int64_t>(Reduction::Mean), arg("zero_infinity") = false, nogil());
  m.def("ctc_loss",
        [](const Tensor& log_probs, const Tensor& targets, const std::vector<int64_t>& input_lengths,
           const std::vector<int64_t>& target_lengths, int64_t blank, int64_t reduction, bool zero_infinity) {
          return ctc_loss(log_probs, targets, IntArrayRef(input_lengths), IntArrayRef(target_lengths), blank,
                          reduction, zero_infinity);
        },
        arg("log_probs"), arg("targets"), arg("input_lengths"), arg("target_lengths"), arg("blank") = 0,
        arg("reduction") = static_cast<int64_t>(Reduction::Mean), arg("zero_infinity") = false, nogil());
}

}  // namespace wick::python

// wick.nn.functional: normalisation, dropout, embedding; and the torch-level
// forms (wick.batch_norm, wick.layer_norm, wick.dropout, wick.embedding, ...).
// The dropout1d/2d/3d rank checks and warnings live in _functional_norm.py,
// as PyTorch's F does them in Python.
#include <optional>
#include <string>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/norm.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;

Tensor val(const OptT& t) { return t ? *t : Tensor(); }

std::string size_str(const Tensor& t) { return str("wick.Size(", t.sizes(), ")"); }

[[noreturn]] void assertion(const char* msg) {
  PyErr_SetString(PyExc_AssertionError, msg);
  throw py::error_already_set();
}

int64_t embedding_mode(const std::string& mode) {
  if (mode == "sum") return 0;
  if (mode == "mean") return 1;
  if (mode == "max") return 2;
  throw ValueError(str("mode has to be one of sum, mean or max"));
}

}  // namespace

void init_nn_norm(py::module_& m) {
  py::module_ nn = nn_module(m);

  // ---- batch / layer / group / instance norm ----
  nn.def("batch_norm", [](const Tensor& input, const OptT& rm, const OptT& rv, const OptT& w,
                          const OptT& b, bool training, double momentum, double eps) {
    if (training) {
      int64_t size_prods = input.dim() > 0 ? input.size(0) : 1;
      for (int64_t i = 2; i < input.dim(); ++i) size_prods *= input.size(i);
      if (size_prods == 1)
        throw ValueError(str("Expected more than 1 value per channel when training, got input size ",
                             size_str(input)));
    }
    return batch_norm(input, val(w), val(b), val(rm), val(rv), training, momentum, eps);
  }, arg("input"), arg("running_mean"), arg("running_var"), arg("weight") = py::none(),
         arg("bias") = py::none(), arg("training") = false, arg("momentum") = 0.1,
         arg("eps") = 1e-5, nogil());
  m.def("batch_norm", [](const Tensor& input, const OptT& w, const OptT& b, const OptT& rm,
                         const OptT& rv, bool training, double momentum, double eps,
                         bool cudnn) {
    return batch_norm(input, val(w), val(b), val(rm), val(rv), training, momentum, eps, cudnn);
  }, arg("input"), arg("weight"), arg("bias"), arg("running_mean"), arg("running_var"),
        arg("training"), arg("momentum"), arg("eps"), arg("cudnn_enabled"), nogil());
  m.def("native_batch_norm", [](const Tensor& input, const OptT& w, const OptT& b,
                                const OptT& rm, const OptT& rv, bool training, double momentum,
                                double eps) {
    auto r = native_batch_norm(input, val(w), val(b), val(rm), val(rv), training, momentum, eps);
    py::gil_scoped_acquire gil;
    return to_tuple({std::get<0>(r), std::get<1>(r), std::get<2>(r)});
  }, arg("input"), arg("weight"), arg("bias"), arg("running_mean"), arg("running_var"),
        arg("training"), arg("momentum"), arg("eps"), nogil());

  nn.def("layer_norm", [](const Tensor& input, const IntList& shape, const OptT& w,
                          const OptT& b, double eps) {
    return layer_norm(input, shape, val(w), val(b), eps);
  }, arg("input"), arg("normalized_shape"), arg("weight") = py::none(), arg("bias") = py::none(),
         arg("eps") = 1e-5, nogil());
  m.def("layer_norm", [](const Tensor& input, const IntList& shape, const OptT& w, const OptT& b,
                         double eps, bool cudnn) {
    return layer_norm(input, shape, val(w), val(b), eps, cudnn);
  }, arg("input"), arg("normalized_shape"), arg("weight") = py::none(), arg("bias") = py::none(),
        arg("eps") = 1e-5, arg("cudnn_enable") = true, nogil());
  m.def("native_layer_norm", [](const Tensor& input, const IntList& shape, const OptT& w,
                                const OptT& b, double eps) {
    auto r = native_layer_norm(input, shape, val(w), val(b), eps);
    py::gil_scoped_acquire gil;
    return to_tuple({std::get<0>(r), std::get<1>(r), std::get<2>(r)});
  }, arg("input"), arg("normalized_shape"), arg("weight"), arg("bias"), arg("eps"), nogil());

  nn.def("group_norm", [](const Tensor& input, int64_t g, const OptT& w, const OptT& b,
                          double eps) { return group_norm(input, g, val(w), val(b), eps); },
         arg("input"), arg("num_groups"), arg("weight") = py::none(), arg("bias") = py::none(),
         arg("eps") = 1e-5, nogil());
  m.def("group_norm", [](const Tensor& input, int64_t g, const OptT& w, const OptT& b,
                         double eps, bool cudnn) {
    return group_norm(input, g, val(w), val(b), eps, cudnn);
  }, arg("input"), arg("num_groups"), arg("weight") = py::none(), arg("bias") = py::none(),
        arg("eps") = 1e-5, arg("cudnn_enabled") = true, nogil());
  m.def("native_group_norm", [](const Tensor& input, const OptT& w, const OptT& b, int64_t N,
                                int64_t C, int64_t HxW, int64_t group, double eps) {
    auto r = native_group_norm(input, val(w), val(b), N, C, HxW, group, eps);
    py::gil_scoped_acquire gil;
    return to_tuple({std::get<0>(r), std::get<1>(r), std::get<2>(r)});
  }, arg("input"), arg("weight"), arg("bias"), arg("N"), arg("C"), arg("HxW"), arg("group"),
        arg("eps"), nogil());

  nn.def("instance_norm", [](const Tensor& input, const OptT& rm, const OptT& rv, const OptT& w,
                             const OptT& b, bool use_input_stats, double momentum, double eps) {
    if (use_input_stats) {
      int64_t size_prods = 1;
      for (int64_t i = 2; i < input.dim(); ++i) size_prods *= input.size(i);
      if (size_prods == 1)
        throw ValueError(str("Expected more than 1 spatial element when training, got input size ",
                             size_str(input)));
    }
    return instance_norm(input, val(w), val(b), val(rm), val(rv), use_input_stats, momentum, eps);
  }, arg("input"), arg("running_mean") = py::none(), arg("running_var") = py::none(),
         arg("weight") = py::none(), arg("bias") = py::none(), arg("use_input_stats") = true,
         arg("momentum") = 0.1, arg("eps") = 1e-5, nogil());
  m.def("instance_norm", [](const Tensor& input, const OptT& w, const OptT& b, const OptT& rm,
                            const OptT& rv, bool use_input_stats, double momentum, double eps,
                            bool cudnn) {
    return instance_norm(input, val(w), val(b), val(rm), val(rv), use_input_stats, momentum, eps,
                         cudnn);
  }, arg("input"), arg("weight"), arg("bias"), arg("running_mean"), arg("running_var"),
        arg("use_input_stats"), arg("momentum"), arg("eps"), arg("cudnn_enabled"), nogil());

  nn.def("local_response_norm", &local_response_norm, arg("input"), arg("size"),
         arg("alpha") = 1e-4, arg("beta") = 0.75, arg("k") = 1.0, nogil());

  nn.def("normalize", [](const Tensor& input, double p, int64_t dim, double eps, const OptT& out) {
    Tensor r = normalize(input, p, dim, eps);
    if (!out) return r;
    py::gil_scoped_acquire gil;
    return write_out(*out, r);
  }, arg("input"), arg("p") = 2.0, arg("dim") = 1, arg("eps") = 1e-12, arg("out") = py::none(),
         nogil());
  for (py::module_* mod : {&nn, &m}) {
    mod->def("cosine_similarity", &cosine_similarity, arg("x1"), arg("x2"), arg("dim") = 1,
             arg("eps") = 1e-8, nogil());
    mod->def("pairwise_distance", &pairwise_distance, arg("x1"), arg("x2"), arg("p") = 2.0,
             arg("eps") = 1e-6, arg("keepdim") = false, nogil());
  }
  m.def("cdist", [](const Tensor& x1, const Tensor& x2, double p, const py::object&) {
    return cdist(x1, x2, p);
  }, arg("x1"), arg("x2"), arg("p") = 2.0, arg("compute_mode") = py::none());

  // ---- dropout (torch-level; F's forms are in _functional_norm.py) ----
#define WICK_PY_DROPOUT(name)                                                             \
  m.def(#name, [](const Tensor& input, double p, bool train) { return name(input, p, train); }, \
        arg("input"), arg("p"), arg("train"), nogil());                                   \
  m.def(#name "_", [](Tensor input, double p, bool train) { return name##_(input, p, train); }, \
        arg("input"), arg("p"), arg("train"), nogil());
  WICK_PY_DROPOUT(dropout)
  WICK_PY_DROPOUT(feature_dropout)
  WICK_PY_DROPOUT(alpha_dropout)
  WICK_PY_DROPOUT(feature_alpha_dropout)
#undef WICK_PY_DROPOUT

  // ---- embedding ----
  m.def("embedding", &embedding, arg("weight"), arg("indices"), arg("padding_idx") = -1,
        arg("scale_grad_by_freq") = false, arg("sparse") = false, nogil());
  m.def("embedding_renorm_", [](Tensor w, const Tensor& idx, double max_norm, double norm_type) {
    return embedding_renorm_(w, idx, max_norm, norm_type);
  }, arg("input"), arg("indices"), arg("max_norm"), arg("norm_type"), nogil());
  nn.def("embedding", [](const Tensor& input, Tensor weight, std::optional<int64_t> padding_idx,
                         std::optional<double> max_norm, double norm_type, bool scale, bool sparse) {
    int64_t pad = -1;
    if (padding_idx) {
      pad = *padding_idx;
      const int64_t V = weight.size(0);
      if (pad > 0 && pad >= V) assertion("Padding_idx must be within num_embeddings");
      if (pad < 0) {
        if (pad < -V) assertion("Padding_idx must be within num_embeddings");
        pad = V + pad;
      }
    }
    py::gil_scoped_release nogil_;
    if (max_norm) embedding_renorm_(weight, input.contiguous(), *max_norm, norm_type);
    return embedding(weight, input, pad, scale, sparse);
  }, arg("input"), arg("weight"), arg("padding_idx") = py::none(), arg("max_norm") = py::none(),
         arg("norm_type") = 2.0, arg("scale_grad_by_freq") = false, arg("sparse") = false);
  nn.def("embedding_bag", [](const Tensor& input, Tensor weight, const OptT& offsets,
                             std::optional<double> max_norm, double norm_type, bool scale,
                             const std::string& mode, bool sparse, const OptT& psw,
                             bool include_last_offset, std::optional<int64_t> padding_idx) {
    const int64_t md = embedding_mode(mode);
    int64_t pad = -1;
    if (padding_idx) {
      pad = *padding_idx;
      const int64_t V = weight.size(0);
      if (pad > 0 && pad >= V) assertion("padding_idx must be within num_embeddings");
      if (pad < 0) {
        if (pad < -V) assertion("padding_idx must be within num_embeddings");
        pad = V + pad;
      }
    }
    if (psw && (psw->sizes() != input.sizes()))
      throw ValueError(str("embedding_bag: If per_sample_weights (", psw->sizes(),
                           ") is not None, then it must have the same shape as the input (",
                           input.sizes(), ")"));
    if (scale && md == 2)
      throw ValueError(str("max mode does not support scaling the gradient by the frequency"));
    py::gil_scoped_release nogil_;
    if (max_norm) embedding_renorm_(weight, input.contiguous(), *max_norm, norm_type);
    return std::get<0>(embedding_bag(weight, input, val(offsets), scale, md, sparse, val(psw),
                                     include_last_offset, pad));
  }, arg("input"), arg("weight"), arg("offsets") = py::none(), arg("max_norm") = py::none(),
         arg("norm_type") = 2.0, arg("scale_grad_by_freq") = false, arg("mode") = "mean",
         arg("sparse") = false, arg("per_sample_weights") = py::none(),
         arg("include_last_offset") = false, arg("padding_idx") = py::none());
  m.def("embedding_bag", [](const Tensor& weight, const Tensor& indices, const Tensor& offsets,
                            bool scale, int64_t mode, bool sparse, const OptT& psw,
                            bool include_last_offset, std::optional<int64_t> padding_idx) {
    auto r = embedding_bag(weight, indices, offsets, scale, mode, sparse, val(psw),
                           include_last_offset, padding_idx ? *padding_idx : -1);
    py::gil_scoped_acquire gil;
    return to_tuple({std::get<0>(r), std::get<1>(r), std::get<2>(r), std::get<3>(r)});
  }, arg("weight"), arg("indices"), arg("offsets"), arg("scale_grad_by_freq") = false,
        arg("mode") = 0, arg("sparse") = false, arg("per_sample_weights") = py::none(),
        arg("include_last_offset") = false, arg("padding_idx") = py::none(), nogil());
  nn.def("one_hot", &one_hot, arg("tensor"), arg("num_classes") = -1, nogil());
}

}  // namespace wick::python

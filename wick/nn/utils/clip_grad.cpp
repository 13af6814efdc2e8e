#include "wick/nn/utils/clip_grad.h"

#include <cmath>
#include <sstream>

#include "wick/autograd/grad_mode.h"
#include "wick/ops/shape.h"
#include "wick/ops/linalg.h"
#include "wick/ops/pointwise.h"
#include "wick/ops/reduce.h"

namespace wick::nn::utils {

double clip_grad_norm_(const std::vector<Tensor>& parameters, double max_norm, double norm_type,
                       bool error_if_nonfinite) {
  autograd::NoGradGuard no_grad;
  std::vector<Tensor> grads;
  for (const Tensor& p : parameters) {
    if (p.grad().defined()) grads.push_back(p.grad());
  }
  if (grads.empty()) return 0.0;
  std::vector<Tensor> norms;
  norms.reserve(grads.size());
  for (const Tensor& g : grads) norms.push_back(linalg::vector_norm(g, norm_type));
  Tensor total = std::isinf(norm_type) ? stack(norms).max()
                                       : linalg::vector_norm(stack(norms), norm_type);
  double total_norm = total.item<double>();
  if (error_if_nonfinite && !std::isfinite(total_norm)) {
    std::ostringstream order;
    order << norm_type;
    if (std::isfinite(norm_type) && order.str().find('.') == std::string::npos) order << ".0";
    WICK_CHECK(false, "The total norm of order ", order.str(),
               " for gradients from `parameters` is non-finite, so it cannot be clipped. To "
               "disable this error and scale the gradients by the non-finite norm anyway, set "
               "`error_if_nonfinite=False`");
  }
  // Always multiplies (by at most 1), as PyTorch 2.x: no data-dependent branch.
  Tensor coef = clamp_max(max_norm / (total + 1e-6), 1.0);
  for (Tensor& g : grads) g.mul_(coef.to(g.dtype()));
  return total_norm;
}

double clip_grad_norm_(const Tensor& parameter, double max_norm, double norm_type,
                       bool error_if_nonfinite) {
  return clip_grad_norm_(std::vector<Tensor>{parameter}, max_norm, norm_type, error_if_nonfinite);
}

void clip_grad_value_(const std::vector<Tensor>& parameters, double clip_value) {
  autograd::NoGradGuard no_grad;
  for (const Tensor& p : parameters) {
    if (p.grad().defined()) {
      Tensor g = p.grad();
      clamp_(g, Scalar(-clip_value), Scalar(clip_value));
    }
  }
}

void clip_grad_value_(const Tensor& parameter, double clip_value) {
  clip_grad_value_(std::vector<Tensor>{parameter}, clip_value);
}

Tensor parameters_to_vector(const std::vector<Tensor>& parameters) {
  std::vector<Tensor> flat;
  flat.reserve(parameters.size());
  for (const Tensor& p : parameters) flat.push_back(p.view(-1));
  return cat(flat);
}

// Copies into the parameters (PyTorch rebinds their data to views of vec).
void vector_to_parameters(const Tensor& vec, const std::vector<Tensor>& parameters) {
  autograd::NoGradGuard no_grad;
  int64_t pointer = 0;
  for (const Tensor& p : parameters) {
    int64_t n = p.numel();
    Tensor dst = p;
    dst.copy_(vec.slice(0, pointer, pointer + n).view_as(p));
    pointer += n;
  }
}

}  // namespace wick::nn::utils

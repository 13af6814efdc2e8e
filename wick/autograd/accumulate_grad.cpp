#include "wick/autograd/accumulate_grad.h"

#include <algorithm>
#include <limits>

#include "wick/autograd/variable.h"
#include "wick/ops/binary.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"

namespace wick::autograd {

AccumulateGrad::AccumulateGrad(Tensor variable) : variable_(std::move(variable)) {
  // Leaves accumulate as soon as their gradient is complete.
  sequence_nr_ = std::numeric_limits<uint64_t>::max();
  add_input_metadata(variable_);
}

namespace {
// Whether (sizes, strides) cover their memory exactly once, in some dim order.
bool non_overlapping_and_dense(const Tensor& t) {
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (t.size(d) != 1) dims.push_back(d);
  std::sort(dims.begin(), dims.end(), [&](int64_t a, int64_t b) { return t.stride(a) < t.stride(b); });
  int64_t expected = 1;
  for (int64_t d : dims) {
    if (t.stride(d) != expected) return false;
    expected *= t.size(d);
  }
  return true;
}

// A fresh gradient buffer, laid out like the variable when that is dense.
Tensor new_grad_buffer(const Tensor& variable, const Tensor& grad) {
  if (variable.is_contiguous() || !non_overlapping_and_dense(variable))
    return empty(variable.sizes(), grad.options());
  return empty_strided(variable.sizes(), variable.strides(), grad.options());
}

// Whether a gradient can become .grad as it is, without a copy: nobody else
// holds it, and it owns its whole storage with the variable's layout.
bool can_steal(const Tensor& grad, const Tensor& variable) {
  return grad.use_count() == 1 && grad.storage().use_count() == 1 &&
         grad.storage_offset() == 0 && grad.strides().equals(variable.strides()) &&
         static_cast<size_t>(grad.nbytes()) == grad.storage()->nbytes() &&
         !requires_grad(grad);
}
}  // namespace

variable_list AccumulateGrad::apply(variable_list&& grads) {
  Tensor new_grad = std::move(grads[0]);
  if (!new_grad.defined()) return {};
  AutogradMeta& meta = impl::materialize_autograd_meta(variable_);
  {
    std::lock_guard<std::mutex> lock(meta.mutex);
    Tensor& g = meta.grad;
    if (!g.defined()) {
      if (!GradMode::is_enabled() && can_steal(new_grad, variable_)) {
        g = new_grad.detach();
      } else {
        // Under create_graph the copy is recorded (CopyBackwards), so .grad
        // keeps the history of the gradient.
        Tensor buf = new_grad_buffer(variable_, new_grad);
        if (GradMode::is_enabled()) {
          buf.copy_(new_grad);
        } else {
          buf.copy_(new_grad.detach());
        }
        g = buf;
      }
    } else if (!GradMode::is_enabled()) {
      g.add_(new_grad.detach());
    } else {
      g = add(g, new_grad);
    }
  }
  for (auto& hook : meta.post_accumulate_hooks)
    if (hook) hook(variable_);
  return {};
}

}  // namespace wick::autograd

#include "wick/autograd/saved_variable.h"

#include "wick/autograd/variable.h"
#include "wick/tensor/print.h"

namespace wick::autograd {

namespace {
const char* kSecondBackward =
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you "
    "call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors after calling "
    "backward.";

}  // namespace

SavedVariable::SavedVariable(const Tensor& t, bool is_output) {
  if (!t.defined()) return;
  was_defined_ = true;
  is_output_ = is_output;
  saved_version_ = t._version();
  requires_grad_ = requires_grad(t);
  if (is_output) {
    // Keep the data and version counter, not the autograd state (which owns
    // the node that owns us).
    data_ = t.detach();
    if (auto* m = impl::get_autograd_meta(t)) {
      grad_fn_ = m->grad_fn;
      output_nr_ = m->output_nr;
      is_leaf_ = m->grad_fn == nullptr;
    }
    if (is_leaf_) data_ = t;  // a leaf output owns no node: keep it whole
  } else {
    data_ = t;
  }
}

void SavedVariable::reset_data() {
  if (!was_defined_) return;
  data_.reset();
  released_ = true;
}

Tensor SavedVariable::unpack(const std::shared_ptr<Node>& saved_for) const {
  if (!was_defined_) return Tensor();
  WICK_CHECK(!released_, kSecondBackward);
  std::shared_ptr<Node> grad_fn;
  if (is_output_ && !is_leaf_) {
    grad_fn = grad_fn_.lock();
    if (!grad_fn) grad_fn = saved_for;
  }
  if (data_._version() != saved_version_) {
    std::string what = str("[", legacy_type_name(data_), " ", data_.sizes(), "]");
    std::shared_ptr<Node> fn = is_output_ ? grad_fn : nullptr;
    if (!is_output_)
      if (auto* m = impl::get_autograd_meta(data_)) fn = m->grad_fn;
    if (fn) {
      uint32_t nr = is_output_ ? output_nr_ : impl::get_autograd_meta(data_)->output_nr;
      what += str(", which is output ", nr, " of ", fn->name(), ",");
    }
    throw Error(str("one of the variables needed for gradient computation has been modified by "
                    "an inplace operation: ",
                    what, " is at version ", data_._version(), "; expected version ",
                    saved_version_,
                    " instead. Hint: enable anomaly detection to find the operation that failed "
                    "to compute its gradient, with wick.autograd.set_detect_anomaly(True)."));
  }
  if (!is_output_ || is_leaf_) return data_;
  // Rebuild a tensor that has the output's history back.
  Tensor t = data_.detach();
  if (grad_fn) {
    impl::set_gradient_edge(t, Edge(grad_fn, output_nr_));
  } else if (requires_grad_) {
    impl::materialize_autograd_meta(t).requires_grad = true;
  }
  return t;
}

}  // namespace wick::autograd

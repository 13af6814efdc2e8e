#include "wick/autograd/formula.h"

#include "wick/ops/creation.h"

namespace wick::autograd {

FormulaNode::~FormulaNode() {
  // Note [Iterative graph teardown]: saved inputs own their history too.
  GraphTeardown teardown;
  for (auto& s : saved_) teardown.defer(s.release_data());
  for (auto& e : next_edges_) teardown.defer(std::move(e.function));
}

FormulaNode* FormulaNode::save(const Tensor& t) {
  saved_.emplace_back(t, /*is_output=*/false);
  return this;
}

FormulaNode* FormulaNode::save_output(const Tensor& t) {
  saved_.emplace_back(t, /*is_output=*/true);
  return this;
}

Tensor FormulaNode::saved(size_t i) { return saved_[i].unpack(shared_from_this()); }

void FormulaNode::release_variables() {
  for (auto& s : saved_) s.reset_data();
}

variable_list FormulaNode::apply(variable_list&& grads) {
  bool any = false;
  for (const Tensor& g : grads) any = any || g.defined();
  if (!any) return variable_list(num_outputs());
  for (size_t i = 0; i < grads.size(); ++i) {
    if (grads[i].defined()) continue;
    const InputMetadata& m = input_metadata(i);
    if (m.defined) grads[i] = zeros(m.shape, TensorOptions(m.dtype).device(m.device));
  }
  variable_list out = formula_(*this, grads);
  WICK_CHECK(out.size() == num_outputs(), "function ", name_,
             " returned an incorrect number of gradients (expected ", num_outputs(), ", got ",
             out.size(), ")");
  return out;
}

namespace {
// Note [Anomaly trace]
// PyTorch's anomaly mode shows the Python traceback of the forward call that
// made a failing node. C++ has none to take, so under anomaly mode record()
// keeps what the forward op saw instead: its inputs' dtypes, sizes and the
// nodes they came from. The engine adds it to errors raised in, and NaNs
// returned by, that node's backward.
std::string forward_trace(const char* name, TensorList inputs) {
  std::string s = str("Forward call that created ", name, ": inputs");
  bool first = true;
  for (const Tensor& t : inputs) {
    s += first ? " " : ", ";
    first = false;
    if (!t.defined()) {
      s += "undefined";
      continue;
    }
    s += str(to_string(t.dtype()), t.sizes());
    const auto& fn = t.grad_fn();
    s += fn ? str(" from ", fn->name()) : requires_grad(t) ? " (leaf)" : " (constant)";
  }
  return s;
}
}  // namespace

FormulaNode* record(const char* name, Formula formula, TensorList inputs, TensorList outputs) {
  bool differentiable = false;
  for (const Tensor& out : outputs)
    differentiable = differentiable || (out.defined() && is_floating_type(out.dtype()));
  if (!differentiable) return nullptr;
  auto node = std::make_shared<FormulaNode>(name, formula, collect_next_edges(inputs));
  if (AnomalyMode::is_enabled()) node->set_anomaly_trace(forward_trace(name, inputs));
  for (const Tensor& out : outputs) {
    if (out.defined() && is_floating_type(out.dtype())) {
      impl::set_history(out, node);
    } else {
      node->add_input_metadata_undefined();
    }
  }
  // An in-place op (its first input is its output) that wrote through a view:
  // the view's base takes the history (Note [View history]).
  if (outputs.size() == 1 && !inputs.empty() && inputs[0].is_same(outputs[0])) {
    AutogradMeta* m = impl::get_autograd_meta(outputs[0]);
    if (m != nullptr && m->is_view) impl::rebase_view_history(outputs[0], node);
  }
  // The outputs own the node now.
  WICK_INTERNAL_ASSERT(node.use_count() > 1);
  return node.get();
}

}  // namespace wick::autograd

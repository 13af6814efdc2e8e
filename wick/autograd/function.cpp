#include "wick/autograd/function.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>

#include "wick/ops/creation.h"
#include "wick/ops/shape.h"

namespace wick::autograd {

double IValue::toDouble() const {
  if (const int64_t* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  return get<double>("Double");
}

std::string short_type_name(const std::type_info& t) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : t.name();
  std::free(demangled);
  // Drop namespaces and template arguments' outer scope: "ns::Mul" -> "Mul".
  size_t angle = name.find('<');
  size_t colon = name.rfind("::", angle == std::string::npos ? std::string::npos : angle);
  if (colon != std::string::npos) name = name.substr(colon + 2);
  return name;
}

void AutogradContext::save_for_backward(variable_list to_save) { to_save_ = std::move(to_save); }

variable_list AutogradContext::get_saved_variables() const {
  WICK_CHECK(!released_,
             "Trying to backward through the graph a second time (or directly access saved "
             "tensors after they have already been freed). Saved intermediate values of the "
             "graph are freed when you call .backward() or autograd.grad(). Specify "
             "retain_graph=True if you need to backward through the graph a second time or if "
             "you need to access saved tensors after calling backward.");
  variable_list out;
  auto node = node_.lock();
  for (const SavedVariable& s : saved_) out.push_back(s.unpack(node));
  // Before wrap_function_outputs saves them (inside forward) they are as given.
  if (saved_.empty()) return to_save_;
  return out;
}

void AutogradContext::mark_dirty(const variable_list& inputs) {
  for (const Tensor& t : inputs) dirty_.push_back(t.unsafeGetTensorImpl());
}

void AutogradContext::mark_non_differentiable(const variable_list& outputs) {
  for (const Tensor& t : outputs) non_differentiable_.push_back(t.unsafeGetTensorImpl());
}

bool AutogradContext::needs_input_grad(size_t i) const {
  auto node = node_.lock();
  return node && node->should_compute_output(i);
}

CustomFunctionNode::CustomFunctionNode(std::string name, BackwardFn backward,
                                       std::vector<bool> is_tensor_arg)
    : name_(std::move(name)), backward_(std::move(backward)), is_tensor_arg_(std::move(is_tensor_arg)) {}

void CustomFunctionNode::release_variables() {
  for (auto& s : ctx.saved_) s.reset_data();
  ctx.released_ = true;
}

variable_list CustomFunctionNode::apply(variable_list&& grads) {
  if (ctx.materialize_grads_) {
    for (size_t i = 0; i < grads.size(); ++i) {
      if (grads[i].defined()) continue;
      const InputMetadata& m = input_metadata(i);
      if (m.defined) grads[i] = zeros(m.shape, TensorOptions(m.dtype).device(m.device));
    }
  }
  variable_list out = backward_(&ctx, std::move(grads));
  const size_t n_args = is_tensor_arg_.size();
  // Extra trailing undefined gradients are allowed, as in PyTorch.
  while (out.size() > n_args && !out.back().defined()) out.pop_back();
  WICK_CHECK(out.size() == n_args, "function ", name_,
             " returned an incorrect number of gradients (expected ", n_args, ", got ",
             out.size(), ")");
  variable_list result;
  for (size_t i = 0; i < n_args; ++i) {
    if (is_tensor_arg_[i]) {
      result.push_back(std::move(out[i]));
    } else {
      WICK_CHECK(!out[i].defined(), "function ", name_,
                 " returned a gradient different than None at position ", i + 1,
                 ", but the corresponding forward input was not a Variable");
    }
  }
  return result;
}

std::shared_ptr<CustomFunctionNode> make_function_node(std::string name,
                                                       CustomFunctionNode::BackwardFn backward,
                                                       std::vector<bool> is_tensor_arg,
                                                       const variable_list& inputs) {
  auto node = std::make_shared<CustomFunctionNode>(std::move(name), std::move(backward),
                                                   std::move(is_tensor_arg));
  node->ctx.node_ = node;
  if (GradMode::is_enabled() && any_requires_grad(inputs)) node->set_next_edges(collect_next_edges(inputs));
  else node->set_next_edges(edge_list(inputs.size()));
  return node;
}

variable_list wrap_function_outputs(const std::shared_ptr<CustomFunctionNode>& node,
                                    const variable_list& inputs, variable_list outputs) {
  AutogradContext& ctx = node->ctx;
  bool differentiable = false;
  for (const Edge& e : node->next_edges()) differentiable = differentiable || e.is_valid();
  auto contains = [](const std::vector<const TensorImpl*>& v, const Tensor& t) {
    return std::find(v.begin(), v.end(), t.unsafeGetTensorImpl()) != v.end();
  };
  for (Tensor& out : outputs) {
    if (!out.defined()) continue;
    const bool is_input = std::any_of(inputs.begin(), inputs.end(),
                                      [&](const Tensor& in) { return in.is_same(out); });
    const bool dirty = contains(ctx.dirty_, out);
    if (!differentiable || !out.is_floating_point() || contains(ctx.non_differentiable_, out)) {
      if (is_input && !dirty) out = out.detach();
      if (differentiable && out.is_floating_point()) node->add_input_metadata_undefined();
      continue;
    }
    if (dirty) {
      impl::check_inplace(out);
    } else if (is_input) {
      // An input returned as it is: return an alias that can carry the new history.
      NoGradGuard no_grad;
      out = out.view_as(out);
    }
    impl::set_history(out, node);
  }
  // Saved tensors: outputs keep a weak link to the node (no cycle).
  for (const Tensor& t : ctx.to_save_) {
    bool is_output = t.defined() && std::any_of(outputs.begin(), outputs.end(),
                                                [&](const Tensor& o) { return o.is_same(t); });
    ctx.saved_.emplace_back(t, is_output);
  }
  ctx.to_save_.clear();
  return outputs;
}

}  // namespace wick::autograd

#include "wick/autograd/node.h"

#include <atomic>

namespace wick::autograd {

namespace {
std::atomic<uint64_t> sequence_counter{0};

// What the outermost GraphTeardown on this thread still has to release.
struct TeardownLists {
  std::vector<std::shared_ptr<Node>> nodes;
  std::vector<Tensor> tensors;
};
thread_local TeardownLists teardown_lists;
thread_local TeardownLists* active_teardown = nullptr;
}  // namespace

uint64_t next_sequence_nr() { return sequence_counter.fetch_add(1, std::memory_order_relaxed); }

GraphTeardown::GraphTeardown() : outermost_(active_teardown == nullptr) {
  if (outermost_) active_teardown = &teardown_lists;
}

GraphTeardown::~GraphTeardown() {
  if (!outermost_) return;
  TeardownLists* lists = active_teardown;
  // Releasing one entry may run destructors that defer more entries.
  while (!lists->nodes.empty() || !lists->tensors.empty()) {
    if (!lists->tensors.empty()) {
      Tensor t = std::move(lists->tensors.back());
      lists->tensors.pop_back();
      t.reset();
    } else {
      std::shared_ptr<Node> n = std::move(lists->nodes.back());
      lists->nodes.pop_back();
      n.reset();
    }
  }
  active_teardown = nullptr;
}

void GraphTeardown::defer(std::shared_ptr<Node>&& n) {
  if (n) active_teardown->nodes.push_back(std::move(n));
}
void GraphTeardown::defer(Tensor&& t) {
  if (t.defined()) active_teardown->tensors.push_back(std::move(t));
}

Node::Node(edge_list next_edges)
    : sequence_nr_(next_sequence_nr()), next_edges_(std::move(next_edges)) {}

Node::~Node() {
  GraphTeardown teardown;  // Note [Iterative graph teardown]
  for (auto& e : next_edges_) teardown.defer(std::move(e.function));
}

uint32_t Node::add_input_metadata(const Tensor& t) {
  input_metadata_.emplace_back(t);
  return static_cast<uint32_t>(input_metadata_.size() - 1);
}

uint32_t Node::add_input_metadata_undefined() {
  input_metadata_.emplace_back();
  return static_cast<uint32_t>(input_metadata_.size() - 1);
}

size_t Node::register_prehook(FunctionPreHook h) {
  pre_hooks_.push_back(std::move(h));
  return pre_hooks_.size() - 1;
}
size_t Node::register_hook(FunctionPostHook h) {
  post_hooks_.push_back(std::move(h));
  return post_hooks_.size() - 1;
}
void Node::remove_prehook(size_t handle) {
  if (handle < pre_hooks_.size()) pre_hooks_[handle] = nullptr;
}
void Node::remove_hook(size_t handle) {
  if (handle < post_hooks_.size()) post_hooks_[handle] = nullptr;
}
bool Node::has_post_hooks() const {
  for (auto& h : post_hooks_)
    if (h) return true;
  return false;
}

void Node::add_tensor_hooks(uint32_t input_nr, std::shared_ptr<TensorHookList> list) {
  for (auto& [nr, l] : tensor_hooks_)
    if (nr == input_nr && l == list) return;
  tensor_hooks_.emplace_back(input_nr, std::move(list));
}

void Node::set_retains_grad_hook(uint32_t input_nr, TensorHook h) {
  for (auto& [nr, hook] : retains_grad_hooks_)
    if (nr == input_nr) {
      hook = std::move(h);
      return;
    }
  retains_grad_hooks_.emplace_back(input_nr, std::move(h));
}

void Node::clear_retains_grad_hook(uint32_t input_nr) {
  for (auto it = retains_grad_hooks_.begin(); it != retains_grad_hooks_.end(); ++it)
    if (it->first == input_nr) {
      retains_grad_hooks_.erase(it);
      return;
    }
}

variable_list Node::call_tensor_pre_hooks(variable_list grads) {
  for (auto& [nr, list] : tensor_hooks_) {
    if (nr >= grads.size()) continue;
    for (auto& h : list->hooks) {
      if (!h || !grads[nr].defined()) continue;
      Tensor r = h(grads[nr]);
      if (r.defined()) grads[nr] = std::move(r);
    }
  }
  for (auto& [nr, h] : retains_grad_hooks_)
    if (nr < grads.size() && grads[nr].defined()) h(grads[nr]);
  return grads;
}

variable_list Node::call_pre_hooks(variable_list grads) {
  for (auto& h : pre_hooks_) {
    if (!h) continue;
    variable_list r = h(grads);
    if (!r.empty()) {
      WICK_CHECK(r.size() == grads.size(), "hook returned ", r.size(), " gradients, expected ",
                 grads.size());
      grads = std::move(r);
    }
  }
  return grads;
}

variable_list Node::run(variable_list&& grads) {
  variable_list in = std::move(grads);
  if (!has_post_hooks()) return apply(std::move(in));
  variable_list keep = in;
  variable_list out = apply(std::move(in));
  for (auto& h : post_hooks_) {
    if (!h) continue;
    variable_list r = h(out, keep);
    if (!r.empty()) {
      WICK_CHECK(r.size() == out.size(), "hook returned ", r.size(), " gradients, expected ",
                 out.size());
      out = std::move(r);
    }
  }
  return out;
}

}  // namespace wick::autograd

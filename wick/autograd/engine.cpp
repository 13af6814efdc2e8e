#include "wick/autograd/engine.h"

#include <cmath>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "wick/autograd/accumulate_grad.h"
#include "wick/autograd/grad_mode.h"
#include "wick/autograd/variable.h"
#include "wick/ops/binary.h"
#include "wick/ops/shape.h"
#include "wick/ops/unary.h"

namespace wick::autograd {

namespace {

// The node the engine starts from: hands the root gradients to the roots.
class GraphRoot final : public Node {
 public:
  GraphRoot(edge_list roots, variable_list grads) : Node(std::move(roots)), grads_(std::move(grads)) {}
  variable_list apply(variable_list&&) override { return grads_; }
  std::string name() const override { return "GraphRoot"; }

 private:
  variable_list grads_;
};

// Per-call bookkeeping for one node that has not run yet.
struct NodeTask {
  variable_list buffer;  // gradients arriving at each input, summed
  int dependencies = 0;
};

struct Capture {
  uint32_t input_nr;
  size_t output_idx;
};

struct ExecInfo {
  bool needed = false;
  std::vector<Capture> captures;
};

// Sums a gradient into a buffer slot.
void accumulate(Tensor& slot, Tensor g) {
  if (!g.defined()) return;
  if (!slot.defined()) {
    slot = std::move(g);
  } else {
    slot = add(slot, g);
  }
}

bool is_expandable_to(IntArrayRef shape, IntArrayRef desired) {
  if (shape.size() > desired.size()) return false;
  for (size_t i = 0; i < shape.size(); ++i) {
    int64_t s = shape[shape.size() - 1 - i], d = desired[desired.size() - 1 - i];
    if (s != d && s != 1) return false;
  }
  return true;
}

// Sums `g` down to `shape` (the inverse of broadcasting `shape` to g's shape).
Tensor sum_to_shape(const Tensor& g, IntArrayRef shape) {
  const int64_t lead = g.dim() - static_cast<int64_t>(shape.size());
  DimVector dims;
  for (int64_t d = 0; d < lead; ++d) dims.push_back(d);
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 1 && g.size(lead + i) != 1) dims.push_back(lead + static_cast<int64_t>(i));
  Tensor r = dims.empty() ? g : g.sum(dims, /*keepdim=*/true);
  if (lead > 0) r = r.view(shape);
  return r;
}

// Checks a gradient a node produced against what the next node expects,
// reducing broadcast gradients and casting to the expected dtype.
void validate_output(const Node& fn, size_t index, Tensor& g, const InputMetadata& meta) {
  if (!g.defined() || !meta.defined) return;
  if (!g.sizes().equals(meta.shape)) {
    WICK_CHECK(is_expandable_to(meta.shape, g.sizes()), "Function ", fn.name(),
               " returned an invalid gradient at index ", index, " - got ", g.sizes(),
               " but expected shape compatible with ", IntArrayRef(meta.shape));
    g = sum_to_shape(g, meta.shape);
  }
  if (g.dtype() != meta.dtype) g = g.to(meta.dtype);
  WICK_CHECK(g.device() == meta.device, "Function ", fn.name(),
             " returned an invalid gradient at index ", index, " - expected device ",
             meta.device, " but got ", g.device());
}

bool has_nan(const Tensor& t) {
  if (!t.defined() || !t.is_floating_point()) return false;
  return t.isnan().any().item<bool>();
}

// Rethrows an error raised in fn's backward (keeping its Python type) with
// the node's name and anomaly trace added (Note [Anomaly trace]).
[[noreturn]] void rethrow_with_anomaly_trace(const Error& e, const Node& fn) {
  const std::string& where = fn.anomaly_trace();
  std::string msg = str(e.what(), "\n\nError detected in ", fn.name(), ".",
                        where.empty() ? "" : " ", where);
  if (dynamic_cast<const IndexError*>(&e)) throw IndexError(msg);
  if (dynamic_cast<const TypeError*>(&e)) throw TypeError(msg);
  if (dynamic_cast<const ValueError*>(&e)) throw ValueError(msg);
  if (dynamic_cast<const NotImplementedError*>(&e)) throw NotImplementedError(msg);
  throw Error(msg);
}

// Marks which nodes must run so that the gradients of `outputs` get computed.
std::unordered_map<Node*, ExecInfo> plan_partial(Node* root, const edge_list& outputs,
                                                 bool accumulate_grad) {
  std::unordered_map<Node*, ExecInfo> info;
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Edge& e = outputs[i];
    if (!e.is_valid()) continue;
    ExecInfo& ei = info[e.function.get()];
    if (accumulate_grad && dynamic_cast<AccumulateGrad*>(e.function.get())) {
      ei.needed = true;
    } else {
      ei.captures.push_back({e.input_nr, i});
    }
  }
  // A node is needed when any node below it is needed or captures. Iterative
  // post-order walk, so deep graphs don't recurse.
  std::unordered_map<Node*, bool> relevant;
  struct Frame {
    Node* node;
    size_t next;
  };
  std::vector<Frame> stack{{root, 0}};
  std::unordered_set<Node*> visiting{root};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next < f.node->num_outputs()) {
      Node* child = f.node->next_edge(f.next++).function.get();
      if (child && !relevant.count(child) && !visiting.count(child)) {
        visiting.insert(child);
        stack.push_back({child, 0});
      }
      continue;
    }
    Node* n = f.node;
    stack.pop_back();
    bool any = false;
    for (const Edge& e : n->next_edges())
      if (e.function && relevant[e.function.get()]) any = true;
    auto it = info.find(n);
    if (any) info[n].needed = true;
    bool self = it != info.end() && (it->second.needed || !it->second.captures.empty());
    relevant[n] = any || self;
  }
  return info;
}

}  // namespace

variable_list Engine::execute(const edge_list& roots, const variable_list& grad_outputs,
                              bool keep_graph, bool create_graph, bool accumulate_grad,
                              const edge_list& outputs) {
  auto root = std::make_shared<GraphRoot>(roots, grad_outputs);

  // Dependencies: how many gradients each node waits for.
  std::unordered_map<Node*, NodeTask> tasks;
  {
    // A node's first entry in `tasks` marks it seen (the root is nobody's child).
    std::vector<Node*> stack{root.get()};
    while (!stack.empty()) {
      Node* n = stack.back();
      stack.pop_back();
      for (const Edge& e : n->next_edges()) {
        Node* c = e.function.get();
        if (!c) continue;
        auto [it, fresh] = tasks.try_emplace(c);
        it->second.dependencies++;
        if (fresh) stack.push_back(c);
      }
    }
  }

  const bool partial = !outputs.empty();
  std::unordered_map<Node*, ExecInfo> exec_info;
  if (partial) exec_info = plan_partial(root.get(), outputs, accumulate_grad);
  variable_list captured(outputs.size());

  auto newest_first = [](const std::shared_ptr<Node>& a, const std::shared_ptr<Node>& b) {
    return a->sequence_nr() < b->sequence_nr();
  };
  std::priority_queue<std::shared_ptr<Node>, std::vector<std::shared_ptr<Node>>,
                      decltype(newest_first)>
      ready(newest_first);
  ready.push(root);

  AutoGradMode grad_mode(create_graph);
  while (!ready.empty()) {
    std::shared_ptr<Node> fn = ready.top();
    ready.pop();
    variable_list inputs;
    if (fn != root) {
      auto it = tasks.find(fn.get());
      inputs = std::move(it->second.buffer);
      inputs.resize(fn->num_inputs());
      tasks.erase(it);
    }

    if (partial && fn != root) {
      auto it = exec_info.find(fn.get());
      if (it == exec_info.end()) continue;
      // Captured gradients go through the tensor's hooks first.
      inputs = fn->call_tensor_pre_hooks(std::move(inputs));
      for (const Capture& c : it->second.captures) captured[c.output_idx] = inputs[c.input_nr];
      if (!it->second.needed) continue;
    } else {
      inputs = fn->call_tensor_pre_hooks(std::move(inputs));
    }
    inputs = fn->call_pre_hooks(std::move(inputs));

    variable_list grads;
    if (AnomalyMode::is_enabled()) {
      // Note [Anomaly trace]: name the node and where it was recorded.
      try {
        grads = fn->run(std::move(inputs));
      } catch (const Error& e) {
        rethrow_with_anomaly_trace(e, *fn);
      }
    } else {
      grads = fn->run(std::move(inputs));
    }
    if (!keep_graph) fn->release_variables();

    if (grads.size() != fn->num_outputs()) {
      // Nodes with no next edges (AccumulateGrad) return nothing.
      WICK_CHECK(grads.empty() && fn->num_outputs() == 0, "function ", fn->name(),
                 " returned an incorrect number of gradients (expected ", fn->num_outputs(),
                 ", got ", grads.size(), ")");
    }
    for (size_t i = 0; i < grads.size(); ++i) {
      const Edge& e = fn->next_edge(i);
      if (!e.is_valid()) continue;
      Tensor& g = grads[i];
      if (fn != root) validate_output(*fn, i, g, e.function->input_metadata(e.input_nr));
      if (AnomalyMode::is_enabled() && has_nan(g)) {
        std::string where = fn->anomaly_trace();
        throw Error(str("Function '", fn->name(), "' returned nan values in its ", i,
                        "th output.", where.empty() ? "" : "\n", where));
      }
      NodeTask& t = tasks[e.function.get()];
      if (t.buffer.size() < e.function->num_inputs()) t.buffer.resize(e.function->num_inputs());
      accumulate(t.buffer[e.input_nr], std::move(g));
      if (--t.dependencies == 0) ready.push(e.function);
    }
  }
  return captured;
}

}  // namespace wick::autograd

#pragma once
// Node: one backward function in the autograd graph. A node receives the
// gradients of its forward op's outputs (its "inputs" here, one per output)
// and returns the gradients of the forward op's inputs, which travel along
// next_edges() to the nodes that produced those inputs.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "wick/autograd/edge.h"
#include "wick/tensor/tensor.h"

namespace wick::autograd {

using variable_list = std::vector<Tensor>;

// Shape, dtype and device a gradient arriving at one node input must have.
struct InputMetadata {
  InputMetadata() = default;
  explicit InputMetadata(const Tensor& t)
      : shape(t.sizes().vec()), dtype(t.dtype()), device(t.device()), defined(true) {}
  DimVector shape;
  ScalarType dtype = ScalarType::Undefined;
  Device device = Device(kCPU);
  bool defined = false;
};

// Hooks. A pre-hook sees the gradients arriving at a node and may return a
// replacement list (empty: keep); a post-hook sees what the node returned and
// what it received, and may return a replacement for the former.
using FunctionPreHook = std::function<variable_list(const variable_list& grad_outputs)>;
using FunctionPostHook =
    std::function<variable_list(const variable_list& grad_inputs, const variable_list& grad_outputs)>;
// A tensor hook sees the gradient of one tensor; an undefined result keeps it.
using TensorHook = std::function<Tensor(const Tensor& grad)>;

// The hooks registered on one tensor, shared by the tensor (to add and
// remove) and by the node that runs them. A removed hook leaves an empty slot
// so handles stay valid.
struct TensorHookList {
  std::vector<TensorHook> hooks;
};

class Node : public std::enable_shared_from_this<Node> {
 public:
  explicit Node(edge_list next_edges = {});
  virtual ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Gradients of the forward outputs in, gradients of the forward inputs out.
  virtual variable_list apply(variable_list&& grads) = 0;
  // PyTorch's class name: AddBackward0, AccumulateGrad, ...
  virtual std::string name() const = 0;
  // Frees saved tensors once backward ran without retain_graph.
  virtual void release_variables() {}

  const edge_list& next_edges() const { return next_edges_; }
  const Edge& next_edge(size_t i) const { return next_edges_[i]; }
  size_t num_outputs() const { return next_edges_.size(); }
  void set_next_edges(edge_list e) { next_edges_ = std::move(e); }
  void add_next_edge(Edge e) { next_edges_.push_back(std::move(e)); }
  // Whether the gradient of forward input i is wanted by anyone.
  bool should_compute_output(size_t i) const {
    return i < next_edges_.size() && next_edges_[i].is_valid();
  }

  // One entry per forward output; returns its index (the tensor's output_nr).
  uint32_t add_input_metadata(const Tensor& t);
  uint32_t add_input_metadata_undefined();
  size_t num_inputs() const { return input_metadata_.size(); }
  const InputMetadata& input_metadata(size_t i) const { return input_metadata_[i]; }

  // Order of creation: the engine runs newer nodes first among the ready ones.
  uint64_t sequence_nr() const { return sequence_nr_; }

  // Node hooks (torch's register_prehook / register_hook on grad_fn).
  size_t register_prehook(FunctionPreHook h);
  size_t register_hook(FunctionPostHook h);
  void remove_prehook(size_t handle);
  void remove_hook(size_t handle);
  // Hooks of the tensor that is this node's input `input_nr`.
  void add_tensor_hooks(uint32_t input_nr, std::shared_ptr<TensorHookList> list);
  // retain_grad(): at most one per input, run after the tensor hooks.
  void set_retains_grad_hook(uint32_t input_nr, TensorHook h);
  void clear_retains_grad_hook(uint32_t input_nr);

  // The engine calls these in order: the hooks of the tensors whose
  // gradients arrive (and retain_grad), the node's pre-hooks, then run():
  // apply() followed by the post-hooks.
  variable_list call_tensor_pre_hooks(variable_list grads);
  variable_list call_pre_hooks(variable_list grads);
  variable_list run(variable_list&& grads);
  bool has_post_hooks() const;

  // Anomaly mode: where the forward op was recorded (empty when off).
  const std::string& anomaly_trace() const { return anomaly_trace_; }
  void set_anomaly_trace(std::string s) { anomaly_trace_ = std::move(s); }

 protected:
  uint64_t sequence_nr_;
  edge_list next_edges_;
  std::vector<InputMetadata> input_metadata_;

 private:
  std::vector<FunctionPreHook> pre_hooks_;
  std::vector<FunctionPostHook> post_hooks_;
  std::vector<std::pair<uint32_t, std::shared_ptr<TensorHookList>>> tensor_hooks_;
  std::vector<std::pair<uint32_t, TensorHook>> retains_grad_hooks_;
  std::string anomaly_trace_;
};

// The sequence number the next node gets (shared by all threads).
uint64_t next_sequence_nr();

// Note [Iterative graph teardown]
// Dropping the last handle to a long chain of nodes would destroy it
// recursively, a few stack frames per node, and overflow the stack for deep
// graphs. A node's destructor instead hands what it owns (next nodes, saved
// tensors) to a GraphTeardown; the outermost one on the thread releases them
// one at a time, and destructors running inside it add to its lists.
class GraphTeardown {
 public:
  GraphTeardown();
  ~GraphTeardown();
  GraphTeardown(const GraphTeardown&) = delete;
  GraphTeardown& operator=(const GraphTeardown&) = delete;
  void defer(std::shared_ptr<Node>&& n);
  void defer(Tensor&& t);

 private:
  bool outermost_;
};

}  // namespace wick::autograd

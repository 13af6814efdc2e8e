#pragma once
// The autograd state of one tensor (AutogradMeta) and the functions that read
// and change it: history, gradient edges, leaf accumulators, views.
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "wick/autograd/node.h"

namespace wick::autograd {

struct AutogradMeta : AutogradMetaInterface {
  Tensor grad;
  std::shared_ptr<Node> grad_fn;
  // A leaf's AccumulateGrad, weak: the graph owns it (it owns the leaf).
  std::weak_ptr<Node> grad_accumulator;
  std::shared_ptr<TensorHookList> hooks;
  std::vector<std::function<void(const Tensor&)>> post_accumulate_hooks;
  // Differentiable views: the root tensor this one is a view of, and the
  // version its grad_fn was made at (Note [View history]).
  Tensor base;
  uint32_t attr_version = 0;
  bool is_view = false;
  bool requires_grad = false;  // set by the user; leaves only
  bool retains_grad = false;
  uint32_t output_nr = 0;
  // Guards grad for concurrent accumulation from several backward calls.
  std::mutex mutex;
};

namespace impl {
// nullptr when the tensor never had autograd state.
AutogradMeta* get_autograd_meta(const Tensor& t);
AutogradMeta& materialize_autograd_meta(const Tensor& t);

// Makes `t` output `fn`: its grad_fn becomes fn, with output_nr = the next
// input of fn (whose metadata is recorded from t).
void set_history(const Tensor& t, const std::shared_ptr<Node>& fn);
// Points t's history at an existing input of fn (no new metadata).
void set_gradient_edge(const Tensor& t, Edge edge);
// Where t's gradient goes: its grad_fn, its AccumulateGrad, or nowhere.
Edge gradient_edge(const Tensor& t);
// The leaf's AccumulateGrad, made on first use; nullptr if t needs no grad.
std::shared_ptr<Node> grad_accumulator(const Tensor& t);
// A leaf that requires grad with grad mode on may not be written in place
// (nor a view of one).
void check_inplace(const Tensor& t);
// For a view whose base changed in place since its grad_fn was made: a new
// grad_fn reading the view's slice of the base's gradient (Note [View history]).
void refresh_view_grad_fn(const Tensor& t, AutogradMeta& m);
// In-place op `fn` (whose first input is the view `view`) wrote through a
// view: the base takes the history (CopySlices) and the view reads from it.
void rebase_view_history(const Tensor& view, const std::shared_ptr<Node>& fn);
// Gradient of a view that picks elements of its input (select, slice,
// as_strided, ...): g scattered into zeros laid out like the input, with
// overlapping positions summed. Geometries are in the same storage.
Tensor strided_view_grad(const Tensor& g, IntArrayRef in_sizes, IntArrayRef in_strides,
                         int64_t in_offset, IntArrayRef view_sizes, IntArrayRef view_strides,
                         int64_t view_offset);
}  // namespace impl

// Whether t takes part in autograd (a leaf that requires grad, or has a grad_fn).
bool requires_grad(const Tensor& t);
// Whether any input requires grad (Tensor, optional<Tensor> or a list).
// Both templates are declared first so each can recurse into the other.
inline bool any_requires_grad() { return false; }
bool any_requires_grad(TensorList ts);
template <typename... Ts>
bool any_requires_grad(const Tensor& t, const Ts&... rest);
template <typename... Ts>
bool any_requires_grad(const std::optional<Tensor>& t, const Ts&... rest);
template <typename... Ts>
bool any_requires_grad(const Tensor& t, const Ts&... rest) {
  return (t.defined() && requires_grad(t)) || any_requires_grad(rest...);
}
template <typename... Ts>
bool any_requires_grad(const std::optional<Tensor>& t, const Ts&... rest) {
  return (t && t->defined() && requires_grad(*t)) || any_requires_grad(rest...);
}
template <typename... Ts>
bool compute_requires_grad(const Ts&... ts);

edge_list collect_next_edges(TensorList ts);

}  // namespace wick::autograd

#include "wick/autograd/grad_mode.h"

namespace wick::autograd {
template <typename... Ts>
bool compute_requires_grad(const Ts&... ts) {
  return GradMode::is_enabled() && any_requires_grad(ts...);
}

// Note [out= and autograd]
// The out= form of a differentiable op records no history: with grad mode on
// it refuses, as PyTorch does, when any input or out tensor requires grad.
// `op` is PyTorch's name for the op in the message ("add" -> "add(): ...").
// Call it first in every differentiable op's _out function, with the out
// tensor(s) and every tensor input.
namespace impl {
[[noreturn]] void out_requires_grad_error(const char* op);
}
template <typename... Ts>
void check_out_no_grad(const char* op, const Ts&... tensors) {
  if (GradMode::is_enabled() && any_requires_grad(tensors...)) impl::out_requires_grad_error(op);
}
}  // namespace wick::autograd

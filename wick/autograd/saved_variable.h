#pragma once
// SavedVariable: a tensor a backward formula needs, kept with the version it
// had when saved (Note [Version counter]), so backward refuses to run on data
// changed in place since. A node's own output is kept without its grad_fn
// (a weak link instead), so a node never keeps itself alive.
#include <memory>

#include "wick/autograd/node.h"

namespace wick::autograd {

class SavedVariable {
 public:
  SavedVariable() = default;
  SavedVariable(const Tensor& t, bool is_output);

  // The saved tensor, with its history; `saved_for` is the node unpacking it
  // (needed for a node's own outputs).
  Tensor unpack(const std::shared_ptr<Node>& saved_for = nullptr) const;
  // Frees the data (after backward without retain_graph).
  void reset_data();
  // Hands the data over (for teardown); the variable counts as released.
  Tensor release_data() {
    released_ = true;
    return std::move(data_);
  }
  bool was_defined() const { return was_defined_; }

 private:
  Tensor data_;
  std::weak_ptr<Node> grad_fn_;      // outputs only
  uint32_t saved_version_ = 0;
  uint32_t output_nr_ = 0;
  bool is_output_ = false;
  bool was_defined_ = false;
  bool released_ = false;
  bool requires_grad_ = false;
  bool is_leaf_ = false;
};

}  // namespace wick::autograd

#pragma once
// AccumulateGrad: the node at a leaf that requires grad. It adds each
// gradient that reaches the leaf into leaf.grad.
#include "wick/autograd/node.h"

namespace wick::autograd {

class AccumulateGrad final : public Node {
 public:
  explicit AccumulateGrad(Tensor variable);
  variable_list apply(variable_list&& grads) override;
  std::string name() const override { return "wick::autograd::AccumulateGrad"; }
  const Tensor& variable() const { return variable_; }

 private:
  Tensor variable_;
};

}  // namespace wick::autograd

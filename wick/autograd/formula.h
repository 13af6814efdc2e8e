#pragma once
// FormulaNode: the backward node of an ordinary op. It is a name (PyTorch's:
// MulBackward0), a plain function holding the derivative formula written with
// wick ops (so create_graph differentiates it again), and what the formula
// reads: saved tensors, sizes and numbers. Ops record one like this:
//
//   Tensor out = ...;                       // the forward result
//   if (autograd::compute_requires_grad(self, other))
//     autograd::record("MulBackward0", mul_backward, {self, other}, {out})
//         ->save(self).save(other);
//
// and the formula sits next to the op:
//
//   variable_list mul_backward(FormulaNode& n, const variable_list& g) {
//     return {n.needs(0) ? g[0] * n.saved(1) : Tensor(),
//             n.needs(1) ? g[0] * n.saved(0) : Tensor()};
//   }
//
// Gradients come back at the shape the formula finds natural: the engine
// sums broadcast gradients down to each input's shape and casts them to its
// dtype (Engine's validate step), so formulas need not.
#include <vector>

#include "wick/autograd/saved_variable.h"
#include "wick/autograd/variable.h"

namespace wick::autograd {

class FormulaNode;
// grads[i] is the gradient of forward output i; undefined ones arrive as
// zeros when at least one is defined. Returns one gradient per forward input
// (undefined where !needs(i)).
using Formula = variable_list (*)(FormulaNode& node, const variable_list& grads);

class FormulaNode final : public Node {
 public:
  FormulaNode(const char* name, Formula formula, edge_list next_edges)
      : Node(std::move(next_edges)), name_(name), formula_(formula) {}
  ~FormulaNode() override;
  variable_list apply(variable_list&& grads) override;
  std::string name() const override { return name_; }
  void release_variables() override;

  // Whether the gradient of forward input i is wanted.
  bool needs(size_t i) const { return should_compute_output(i); }

  // Saved tensors, read back in order with saved(i). save_output is for this
  // node's own outputs (recorded after record() set their history).
  FormulaNode* save(const Tensor& t);
  FormulaNode* save_output(const Tensor& t);
  Tensor saved(size_t i);

  // Plain values the formula needs.
  FormulaNode* keep(IntArrayRef sizes) {
    sizes_.push_back(sizes.vec());
    return this;
  }
  FormulaNode* keep(const Scalar& s) {
    scalars_.push_back(s);
    return this;
  }
  FormulaNode* keep_int(int64_t v) {
    ints_.push_back(v);
    return this;
  }
  IntArrayRef sizes(size_t i) const { return sizes_[i]; }
  const Scalar& scalar(size_t i) const { return scalars_[i]; }
  int64_t int_at(size_t i) const { return ints_[i]; }

 private:
  const char* name_;
  Formula formula_;
  std::vector<SavedVariable> saved_;
  std::vector<DimVector> sizes_;
  std::vector<Scalar> scalars_;
  std::vector<int64_t> ints_;
};

// Makes `name` the grad_fn of every floating-point tensor in `outputs`, with
// edges to `inputs`. Call only when compute_requires_grad(inputs...) holds.
// An in-place op passes the modified tensor as both an input and an output:
// its old history becomes the node's edge, its new history the node.
// Returns nullptr (records nothing) when no output is floating point.
FormulaNode* record(const char* name, Formula formula, TensorList inputs, TensorList outputs);

}  // namespace wick::autograd

#pragma once
// gradcheck / gradgradcheck: compare the gradients autograd computes with
// central finite differences (use float64 inputs; float32 is too coarse).
#include <functional>

#include "wick/autograd/node.h"

namespace wick::autograd {

using CheckedFunction = std::function<variable_list(const variable_list&)>;

struct GradcheckOptions {
  double eps = 1e-6;
  double atol = 1e-5;
  double rtol = 1e-3;
  // On a mismatch: raise wick::Error with both Jacobians (else return false).
  bool raise_exception = true;
};

// Checks d(outputs)/d(inputs) for every input that requires grad.
bool gradcheck(const CheckedFunction& fn, const variable_list& inputs,
               const GradcheckOptions& options = {});

// Checks the second derivatives: gradcheck of the function
// (inputs, v) -> grad(fn(inputs), inputs, v, create_graph=true).
// `grad_outputs` (one per floating output) default to random values.
bool gradgradcheck(const CheckedFunction& fn, const variable_list& inputs,
                   const variable_list& grad_outputs = {}, const GradcheckOptions& options = {});

}  // namespace wick::autograd

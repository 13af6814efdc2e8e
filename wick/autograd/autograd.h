#pragma once
// torch.autograd.backward / torch.autograd.grad.
#include <optional>

#include "wick/autograd/node.h"

namespace wick::autograd {

// Accumulates d(tensors)/d(leaves) into the leaves' .grad (or only into
// `inputs` when given). An undefined grad_tensors entry means ones, allowed
// for one-element tensors only. retain_graph defaults to create_graph.
void backward(const variable_list& tensors, const variable_list& grad_tensors = {},
              std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
              const variable_list& inputs = {});

// Returns d(outputs)/d(inputs) without touching any .grad.
variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs = {},
                   std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
                   bool allow_unused = false);

}  // namespace wick::autograd

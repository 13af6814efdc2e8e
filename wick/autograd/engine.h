#pragma once
// The backward engine: runs the nodes reachable from the roots, each once all
// the gradients flowing into it have arrived, newest node first among the
// ready ones. One call works on its own state, so independent graphs can run
// backward concurrently from several threads.
#include "wick/autograd/node.h"

namespace wick::autograd {

struct Engine {
  // roots[i] receives grad_outputs[i]. With `outputs` empty, every reachable
  // leaf accumulates its gradient; otherwise only the gradients flowing into
  // `outputs` are computed and returned (autograd::grad), and leaves among
  // them accumulate only when `accumulate_grad` (backward(inputs=...)).
  static variable_list execute(const edge_list& roots, const variable_list& grad_outputs,
                               bool keep_graph, bool create_graph, bool accumulate_grad,
                               const edge_list& outputs = {});
};

}  // namespace wick::autograd

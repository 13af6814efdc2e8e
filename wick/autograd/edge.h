#pragma once
// Edge: where a gradient goes next — a node and which of its inputs.
#include <cstdint>
#include <memory>
#include <vector>

namespace wick::autograd {

class Node;

struct Edge {
  Edge() = default;
  Edge(std::shared_ptr<Node> fn, uint32_t nr) : function(std::move(fn)), input_nr(nr) {}
  bool is_valid() const { return function != nullptr; }

  std::shared_ptr<Node> function;
  uint32_t input_nr = 0;
};

using edge_list = std::vector<Edge>;

}  // namespace wick::autograd

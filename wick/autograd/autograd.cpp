#include "wick/autograd/autograd.h"

#include "wick/autograd/engine.h"
#include "wick/autograd/variable.h"
#include "wick/ops/creation.h"

namespace wick::autograd {

namespace {

std::string shape_repr(IntArrayRef sizes) { return str("torch.Size(", sizes, ")"); }

// The roots and their starting gradients, checked like PyTorch's _make_grads.
void make_roots(const variable_list& outputs, const variable_list& grad_outputs,
                edge_list& roots, variable_list& grads) {
  WICK_CHECK(grad_outputs.empty() || grad_outputs.size() == outputs.size(),
             "got ", grad_outputs.size(), " tensors and ", outputs.size(), " gradients");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& out = outputs[i];
    WICK_CHECK(out.defined(), "element ", i, " of tensors is undefined");
    Edge e = impl::gradient_edge(out);
    WICK_CHECK(e.is_valid(), "element ", i,
               " of tensors does not require grad and does not have a grad_fn");
    Tensor g = i < grad_outputs.size() ? grad_outputs[i] : Tensor();
    if (!g.defined()) {
      WICK_CHECK(out.numel() == 1, "grad can be implicitly created only for scalar outputs");
      g = ones_like(out);
    } else {
      WICK_CHECK(g.sizes().equals(out.sizes()), "Mismatch in shape: grad_output[", i,
                 "] has a shape of ", shape_repr(g.sizes()), " and output[", i,
                 "] has a shape of ", shape_repr(out.sizes()), ".");
    }
    roots.push_back(std::move(e));
    grads.push_back(std::move(g));
  }
}

}  // namespace

void backward(const variable_list& tensors, const variable_list& grad_tensors,
              std::optional<bool> retain_graph, bool create_graph, const variable_list& inputs) {
  edge_list roots;
  variable_list grads;
  make_roots(tensors, grad_tensors, roots, grads);
  edge_list outputs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& t = inputs[i];
    WICK_CHECK(t.defined() && t.requires_grad(), "One of the differentiated Tensors does not require grad");
    Edge e = impl::gradient_edge(t);
    outputs.push_back(e);
  }
  variable_list captured = Engine::execute(roots, grads, retain_graph.value_or(create_graph),
                                           create_graph, /*accumulate_grad=*/true, outputs);
  // Non-leaf inputs get their gradient as .grad, as if retain_grad() were set.
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!captured[i].defined() || inputs[i].is_leaf()) continue;
    Tensor& g = inputs[i].mutable_grad();
    g = g.defined() ? g + captured[i] : (create_graph ? captured[i] : captured[i].detach());
  }
}

variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs, std::optional<bool> retain_graph,
                   bool create_graph, bool allow_unused) {
  edge_list roots;
  variable_list grads;
  make_roots(outputs, grad_outputs, roots, grads);
  edge_list edges;
  for (const Tensor& t : inputs) {
    WICK_CHECK(t.defined() && t.requires_grad(),
               "One of the differentiated Tensors does not require grad");
    edges.push_back(impl::gradient_edge(t));
  }
  variable_list result = Engine::execute(roots, grads, retain_graph.value_or(create_graph),
                                         create_graph, /*accumulate_grad=*/false, edges);
  for (Tensor& r : result) {
    WICK_CHECK(r.defined() || allow_unused,
               "One of the differentiated Tensors appears to not have been used in the graph. "
               "Set allow_unused=True if this is the desired behavior.");
    if (r.defined() && !create_graph) r = r.detach();
  }
  return result;
}

}  // namespace wick::autograd

namespace wick {

void Tensor::backward(const Tensor& gradient, std::optional<bool> retain_graph, bool create_graph,
                      const std::optional<TensorList>& inputs) const {
  autograd::variable_list in;
  if (inputs) {
    WICK_CHECK(!inputs->empty(), "'inputs' argument to backward() cannot be empty.");
    in = inputs->vec();
  }
  autograd::backward({*this}, {gradient}, retain_graph, create_graph, in);
}

}  // namespace wick

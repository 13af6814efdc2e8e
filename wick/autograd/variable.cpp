// AutogradMeta access and the autograd methods of Tensor.
#include "wick/autograd/variable.h"

#include "wick/autograd/accumulate_grad.h"
#include "wick/tensor/print.h"
#include "wick/ops/binary.h"

namespace wick::autograd {

namespace impl {

AutogradMeta* get_autograd_meta(const Tensor& t) {
  if (!t.defined()) return nullptr;
  return static_cast<AutogradMeta*>(t.unsafeGetTensorImpl()->autograd_meta());
}

AutogradMeta& materialize_autograd_meta(const Tensor& t) {
  WICK_CHECK(t.defined(), "cannot call autograd functions on an undefined tensor");
  TensorImpl* impl = t.unsafeGetTensorImpl();
  if (impl->autograd_meta() == nullptr) impl->set_autograd_meta(std::make_unique<AutogradMeta>());
  return *static_cast<AutogradMeta*>(impl->autograd_meta());
}

void set_gradient_edge(const Tensor& t, Edge edge) {
  AutogradMeta& m = materialize_autograd_meta(t);
  m.grad_fn = std::move(edge.function);
  m.output_nr = edge.input_nr;
}

void set_history(const Tensor& t, const std::shared_ptr<Node>& fn) {
  uint32_t nr = fn->add_input_metadata(t);
  set_gradient_edge(t, Edge(fn, nr));
}

std::shared_ptr<Node> grad_accumulator(const Tensor& t) {
  AutogradMeta* m = get_autograd_meta(t);
  if (m == nullptr || !m->requires_grad || m->grad_fn) return nullptr;
  std::lock_guard<std::mutex> lock(m->mutex);
  if (auto acc = m->grad_accumulator.lock()) return acc;
  auto acc = std::make_shared<AccumulateGrad>(t);
  m->grad_accumulator = acc;
  if (m->hooks) acc->add_tensor_hooks(0, m->hooks);
  return acc;
}

Edge gradient_edge(const Tensor& t) {
  AutogradMeta* m = get_autograd_meta(t);
  if (m == nullptr) return Edge();
  if (m->is_view) refresh_view_grad_fn(t, *m);
  if (m->grad_fn) return Edge(m->grad_fn, m->output_nr);
  if (!m->requires_grad) return Edge();
  return Edge(grad_accumulator(t), 0);
}

void check_inplace(const Tensor& t) {
  if (!GradMode::is_enabled()) return;
  AutogradMeta* m = get_autograd_meta(t);
  if (m == nullptr) return;
  if (m->is_view) {
    AutogradMeta* bm = get_autograd_meta(m->base);
    WICK_CHECK(bm == nullptr || !bm->requires_grad || bm->grad_fn != nullptr,
               "a view of a leaf Variable that requires grad is being used in an in-place "
               "operation.");
    return;
  }
  WICK_CHECK(!m->requires_grad || m->grad_fn != nullptr,
             "a leaf Variable that requires grad is being used in an in-place operation.");
}

}  // namespace impl

bool requires_grad(const Tensor& t) {
  AutogradMeta* m = impl::get_autograd_meta(t);
  if (m == nullptr) return false;
  if (m->requires_grad || m->grad_fn != nullptr) return true;
  // A view whose base took history through another view (Note [View history]).
  return m->is_view && m->attr_version != t._version() && requires_grad(m->base);
}

bool any_requires_grad(TensorList ts) {
  for (const Tensor& t : ts)
    if (t.defined() && requires_grad(t)) return true;
  return false;
}

namespace {
// What PyTorch's repr adds for autograd: the node of a computed tensor, or
// the flag of a leaf that requires grad.
std::vector<std::string> repr_suffixes(const Tensor& t) {
  AutogradMeta* m = impl::get_autograd_meta(t);
  if (m == nullptr) return {};
  if (const auto& fn = t.grad_fn()) {
    // PyTorch prints the node's class name without its namespace:
    // grad_fn=<CopySlices> for wick::autograd::CopySlices.
    std::string name = fn->name();
    if (auto pos = name.rfind("::"); pos != std::string::npos) name = name.substr(pos + 2);
    return {"grad_fn=<" + name + ">"};
  }
  if (m->requires_grad) return {"requires_grad=True"};
  return {};
}
const bool repr_hook_installed = (set_repr_suffix_hook(&repr_suffixes), true);
}  // namespace

edge_list collect_next_edges(TensorList ts) {
  edge_list edges;
  edges.reserve(ts.size());
  for (const Tensor& t : ts) edges.push_back(t.defined() ? impl::gradient_edge(t) : Edge());
  return edges;
}

void impl::out_requires_grad_error(const char* op) {
  throw Error(str(op, "(): functions with out=... arguments don't support automatic "
                  "differentiation, but one of the arguments requires grad."));
}

}  // namespace wick::autograd

namespace wick {

using autograd::AutogradMeta;
namespace aimpl = autograd::impl;

bool Tensor::requires_grad() const { return autograd::requires_grad(*this); }

Tensor& Tensor::requires_grad_(bool requires_grad) {
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  if (m != nullptr && m->grad_fn) {
    WICK_CHECK(requires_grad,
               "you can only change requires_grad flags of leaf variables. If you want to use a "
               "computed variable in a subgraph that doesn't require differentiation use "
               "var_no_grad = var.detach().");
    return *this;
  }
  if (requires_grad) {
    WICK_CHECK(is_floating_type(dtype()),
               "only Tensors of floating point and complex dtype can require gradients");
    aimpl::materialize_autograd_meta(*this).requires_grad = true;
  } else if (m != nullptr) {
    m->requires_grad = false;
  }
  return *this;
}

Tensor& Tensor::set_requires_grad(bool requires_grad) { return requires_grad_(requires_grad); }

const Tensor& Tensor::grad() const {
  static const Tensor undefined;
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  return m != nullptr ? m->grad : undefined;
}

Tensor& Tensor::mutable_grad() const { return aimpl::materialize_autograd_meta(*this).grad; }

void Tensor::set_grad(const Tensor& g) const {
  if (g.defined()) {
    WICK_CHECK(g.dtype() == dtype(), "assigned grad has data of a different type");
    WICK_CHECK(g.device() == device(), "assigned grad has data located on a different device");
    WICK_CHECK(g.sizes().equals(sizes()), "assigned grad has data of a different size");
  }
  aimpl::materialize_autograd_meta(*this).grad = g;
}

const std::shared_ptr<autograd::Node>& Tensor::grad_fn() const {
  static const std::shared_ptr<autograd::Node> none;
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  if (m == nullptr) return none;
  if (m->is_view) aimpl::refresh_view_grad_fn(*this, *m);
  return m->grad_fn;
}

bool Tensor::is_leaf() const { return grad_fn() == nullptr; }

int64_t Tensor::output_nr() const {
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  return m != nullptr ? m->output_nr : 0;
}

void Tensor::retain_grad() const {
  WICK_CHECK(requires_grad(), "can't retain_grad on Tensor that has requires_grad=False");
  AutogradMeta& m = aimpl::materialize_autograd_meta(*this);
  if (!m.grad_fn || m.retains_grad) return;  // leaves keep their grad anyway
  m.retains_grad = true;
  // The hook holds the tensor weakly: the graph must not keep it alive.
  std::weak_ptr<TensorImpl> weak = getIntrusivePtr();
  m.grad_fn->set_retains_grad_hook(m.output_nr, [weak](const Tensor& g) -> Tensor {
    auto impl = weak.lock();
    if (!impl) return Tensor();
    Tensor self(impl);
    AutogradMeta& meta = aimpl::materialize_autograd_meta(self);
    std::lock_guard<std::mutex> lock(meta.mutex);
    if (!meta.grad.defined()) {
      meta.grad = g.clone();
      if (!autograd::GradMode::is_enabled()) meta.grad = meta.grad.detach();
    } else {
      meta.grad = wick::add(meta.grad, g);
    }
    return Tensor();
  });
}

bool Tensor::retains_grad() const {
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  return m != nullptr && m->retains_grad;
}

unsigned Tensor::register_hook_impl(autograd::TensorHook hook) const {
  WICK_CHECK(requires_grad(),
             "cannot register a hook on a tensor that doesn't require gradient");
  AutogradMeta& m = aimpl::materialize_autograd_meta(*this);
  if (!m.hooks) m.hooks = std::make_shared<autograd::TensorHookList>();
  m.hooks->hooks.push_back(std::move(hook));
  if (m.grad_fn) {
    m.grad_fn->add_tensor_hooks(m.output_nr, m.hooks);
  } else if (auto acc = m.grad_accumulator.lock()) {
    acc->add_tensor_hooks(0, m.hooks);
  }
  return static_cast<unsigned>(m.hooks->hooks.size() - 1);
}

void Tensor::remove_hook(unsigned pos) const {
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  WICK_CHECK(m != nullptr && m->hooks && pos < m->hooks->hooks.size(), "Invalid index");
  m->hooks->hooks[pos] = nullptr;
}

unsigned Tensor::register_post_accumulate_grad_hook(std::function<void(const Tensor&)> hook) const {
  WICK_CHECK(requires_grad(),
             "cannot register a hook on a tensor that doesn't require gradient");
  WICK_CHECK(is_leaf(), "post accumulate grad hooks cannot be registered on non-leaf tensors");
  AutogradMeta& m = aimpl::materialize_autograd_meta(*this);
  m.post_accumulate_hooks.push_back(std::move(hook));
  return static_cast<unsigned>(m.post_accumulate_hooks.size() - 1);
}

Tensor Tensor::variable_data() const {
  auto* src = impl();
  // Note [Version counter]: a fresh counter, so writes through .data go unseen.
  return Tensor(std::make_shared<TensorImpl>(src->storage(), src->dtype(), src->sizes(),
                                             src->strides(), src->storage_offset()));
}

Tensor Tensor::data() const { return variable_data(); }

Tensor& Tensor::detach_() {
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  if (m == nullptr) return *this;
  WICK_CHECK(!m->is_view,
             "Can't detach views in-place. Use detach() instead. If you are using "
             "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as "
             "True, gradients are views of DDP buckets, and hence detach_() cannot be called on "
             "these gradients. To fix this error, please refer to the Optimizer.zero_grad() "
             "function in torch/optim/optimizer.py as the solution.");
  m->grad_fn.reset();
  m->output_nr = 0;
  m->requires_grad = false;
  return *this;
}

bool Tensor::is_view() const {
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  return m != nullptr && m->is_view;
}

const Tensor& Tensor::_base() const {
  static const Tensor undefined;
  AutogradMeta* m = aimpl::get_autograd_meta(*this);
  return m != nullptr && m->is_view ? m->base : undefined;
}

}  // namespace wick

#include "wick/nn/module.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <typeinfo>

#include "wick/autograd/grad_mode.h"
#include "wick/tensor/tensor_impl.h"

namespace wick::nn {
namespace {

std::string demangle(const char* mangled) {
  int status = 0;
  char* out = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string name = (status == 0 && out) ? out : mangled;
  std::free(out);
  return name;
}

void check_name(const std::string& name, const char* what) {
  WICK_CHECK(!name.empty(), what, " name must not be empty");
  WICK_CHECK(name.find('.') == std::string::npos, what, " name must not contain a dot (got '",
             name, "')");
}

// dst takes src's data, keeping dst's identity, autograd flags and Python object
// (what `param.data = new_data` does).
void set_data(Tensor& dst, const Tensor& src) {
  TensorImpl* d = dst.unsafeGetTensorImpl();
  TensorImpl* s = src.unsafeGetTensorImpl();
  d->set_storage(s->storage());
  d->set_dtype(s->dtype());
  d->set_sizes_and_strides(s->sizes(), s->strides());
  d->set_storage_offset(s->storage_offset());
}

std::string join_quoted(const std::vector<std::string>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) out += ", ";
    out += "\"" + keys[i] + "\"";
  }
  return out;
}

}  // namespace

Module::Module(std::string name) : name_(std::move(name)) {}
Module::Module() = default;

const std::string& Module::name() const {
  if (!name_) name_ = demangle(typeid(*this).name());
  return *name_;
}

Tensor& Module::register_parameter(std::string name, Tensor tensor, bool requires_grad) {
  check_name(name, "Parameter");
  if (tensor.defined()) tensor.set_requires_grad(requires_grad);
  return parameters_.insert(std::move(name), std::move(tensor));
}

Tensor& Module::register_buffer(std::string name, Tensor tensor) {
  check_name(name, "Buffer");
  return buffers_.insert(std::move(name), std::move(tensor));
}

void Module::set_buffer_persistent(const std::string& name, bool persistent) {
  WICK_CHECK(buffers_.contains(name), "Buffer '", name, "' is not defined");
  auto it = std::find(non_persistent_buffers_.begin(), non_persistent_buffers_.end(), name);
  if (persistent && it != non_persistent_buffers_.end()) non_persistent_buffers_.erase(it);
  if (!persistent && it == non_persistent_buffers_.end()) non_persistent_buffers_.push_back(name);
}

void Module::register_module_impl(std::string name, std::shared_ptr<Module> module) {
  check_name(name, "Submodule");
  WICK_CHECK(module != nullptr, "Submodule '", name, "' is empty (a null module holder?)");
  children_.insert(std::move(name), std::move(module));
}

void Module::unregister_module(const std::string& name) {
  WICK_CHECK(children_.contains(name), "No Module with name `", name, "` is registered");
  children_.erase(name);
}

std::vector<Tensor> Module::parameters(bool recurse) const {
  return named_parameters(recurse).values();
}

OrderedDict<std::string, Tensor> Module::named_parameters(bool recurse) const {
  OrderedDict<std::string, Tensor> out;
  if (!recurse) {
    for (const auto& p : parameters_) {
      if (p.value().defined()) out.insert(p.key(), p.value());
    }
    return out;
  }
  // Each tensor once (a shared weight appears under its first name), as PyTorch.
  std::vector<const TensorImpl*> seen;
  for (const auto& m : named_modules()) {
    for (const auto& p : m.value()->parameters_) {
      if (!p.value().defined()) continue;
      const TensorImpl* impl = p.value().unsafeGetTensorImpl();
      if (std::find(seen.begin(), seen.end(), impl) != seen.end()) continue;
      seen.push_back(impl);
      out.insert(m.key().empty() ? p.key() : m.key() + "." + p.key(), p.value());
    }
  }
  return out;
}

std::vector<Tensor> Module::buffers(bool recurse) const { return named_buffers(recurse).values(); }

OrderedDict<std::string, Tensor> Module::named_buffers(bool recurse) const {
  OrderedDict<std::string, Tensor> out;
  if (!recurse) {
    for (const auto& b : buffers_) {
      if (b.value().defined()) out.insert(b.key(), b.value());
    }
    return out;
  }
  std::vector<const TensorImpl*> seen;
  for (const auto& m : named_modules()) {
    for (const auto& b : m.value()->buffers_) {
      if (!b.value().defined()) continue;
      const TensorImpl* impl = b.value().unsafeGetTensorImpl();
      if (std::find(seen.begin(), seen.end(), impl) != seen.end()) continue;
      seen.push_back(impl);
      out.insert(m.key().empty() ? b.key() : m.key() + "." + b.key(), b.value());
    }
  }
  return out;
}

void Module::collect_modules(std::vector<std::shared_ptr<Module>>& out,
                             std::vector<const Module*>& seen) const {
  for (const auto& c : children_) {
    const Module* m = c.value().get();
    if (std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
    seen.push_back(m);
    out.push_back(c.value());
    m->collect_modules(out, seen);
  }
}

void Module::collect_named_modules(OrderedDict<std::string, std::shared_ptr<Module>>& out,
                                   std::vector<const Module*>& seen,
                                   const std::string& prefix) const {
  for (const auto& c : children_) {
    const Module* m = c.value().get();
    if (std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
    seen.push_back(m);
    std::string name = prefix.empty() ? c.key() : prefix + "." + c.key();
    out.insert(name, c.value());
    m->collect_named_modules(out, seen, name);
  }
}

namespace {
std::shared_ptr<Module> self_ptr(const Module& m) {
  try {
    return std::const_pointer_cast<Module>(m.shared_from_this());
  } catch (const std::bad_weak_ptr&) {
    WICK_CHECK(false,
               "It looks like you attempted to retrieve your top-level module as a shared_ptr, but "
               "it is not stored in a shared_ptr. Use std::make_shared<", m.name(),
               "> instead, or call .modules(/*include_self=*/false)");
  }
  return nullptr;
}
}  // namespace

std::vector<std::shared_ptr<Module>> Module::modules(bool include_self) const {
  std::vector<std::shared_ptr<Module>> out;
  std::vector<const Module*> seen{this};
  if (include_self) out.push_back(self_ptr(*this));
  collect_modules(out, seen);
  return out;
}

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_modules(
    const std::string& name_prefix, bool include_self) const {
  OrderedDict<std::string, std::shared_ptr<Module>> out;
  std::vector<const Module*> seen{this};
  if (include_self) {
    // The root is reachable without a shared_ptr for the internal walks.
    std::shared_ptr<Module> self;
    try {
      self = std::const_pointer_cast<Module>(shared_from_this());
    } catch (const std::bad_weak_ptr&) {
      self = std::shared_ptr<Module>(const_cast<Module*>(this), [](Module*) {});
    }
    out.insert(name_prefix, self);
  }
  collect_named_modules(out, seen, name_prefix);
  return out;
}

std::vector<std::shared_ptr<Module>> Module::children() const { return children_.values(); }

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_children() const {
  OrderedDict<std::string, std::shared_ptr<Module>> out;
  for (const auto& c : children_) out.insert(c.key(), c.value());
  return out;
}

void Module::train(bool on) {
  for (auto& c : children_) c.value()->train(on);
  is_training_ = on;
}

void Module::apply_to_tensors(const std::function<Tensor(const Tensor&)>& fn) {
  for (auto& c : children_) c.value()->apply_to_tensors(fn);
  autograd::NoGradGuard no_grad;
  for (auto& p : parameters_) {
    if (!p.value().defined()) continue;
    set_data(p.value(), fn(p.value()));
    Tensor& g = p.value().mutable_grad();
    if (g.defined()) set_data(g, fn(g));
  }
  for (auto& b : buffers_) {
    if (b.value().defined()) set_data(b.value(), fn(b.value()));
  }
}

void Module::to(Device device, ScalarType dtype, bool non_blocking) {
  apply_to_tensors([&](const Tensor& t) {
    return is_floating_type(t.dtype()) ? t.to(device, dtype, non_blocking) : t.to(device, non_blocking);
  });
}

void Module::to(ScalarType dtype, bool non_blocking) {
  apply_to_tensors([&](const Tensor& t) {
    return is_floating_type(t.dtype()) ? t.to(dtype, non_blocking) : t;
  });
}

void Module::to(Device device, bool non_blocking) {
  apply_to_tensors([&](const Tensor& t) { return t.to(device, non_blocking); });
}

void Module::zero_grad(bool set_to_none) {
  for (auto& c : children_) c.value()->zero_grad(set_to_none);
  for (auto& p : parameters_) {
    if (!p.value().defined()) continue;
    Tensor& g = p.value().mutable_grad();
    if (!g.defined()) continue;
    if (set_to_none) {
      g = Tensor();
    } else {
      g = g.detach();
      g.zero_();
    }
  }
}

void Module::apply(const ModuleApplyFunction& fn) {
  fn(*this);
  for (auto& c : children_) c.value()->apply(fn);
}

void Module::apply(const NamedModuleApplyFunction& fn, const std::string& name_prefix) {
  fn(name_prefix, *this);
  for (auto& c : children_) {
    c.value()->apply(fn, name_prefix.empty() ? c.key() : name_prefix + "." + c.key());
  }
}

void Module::collect_state(OrderedDict<std::string, Tensor>& out, const std::string& prefix) const {
  for (const auto& p : parameters_) {
    if (p.value().defined()) out.insert(prefix + p.key(), p.value().detach());
  }
  for (const auto& b : buffers_) {
    bool persistent = std::find(non_persistent_buffers_.begin(), non_persistent_buffers_.end(),
                                b.key()) == non_persistent_buffers_.end();
    if (b.value().defined() && persistent) out.insert(prefix + b.key(), b.value().detach());
  }
  for (const auto& c : children_) c.value()->collect_state(out, prefix + c.key() + ".");
}

OrderedDict<std::string, Tensor> Module::state_dict() const {
  OrderedDict<std::string, Tensor> out;
  collect_state(out, "");
  return out;
}

Module::LoadResult Module::load_state_dict(const OrderedDict<std::string, Tensor>& state,
                                           bool strict) {
  OrderedDict<std::string, Tensor> own = state_dict();
  LoadResult result;
  std::vector<std::string> size_errors;
  for (const auto& item : own) {
    const Tensor* src = state.find(item.key());
    if (!src) {
      result.missing_keys.push_back(item.key());
      continue;
    }
    Tensor dst = item.value();
    if (!src->sizes().equals(dst.sizes())) {
      std::ostringstream msg;
      msg << "size mismatch for " << item.key() << ": copying a param with shape "
          << src->sizes() << " from checkpoint, the shape in current model is " << dst.sizes()
          << ".";
      size_errors.push_back(msg.str());
      continue;
    }
    autograd::NoGradGuard no_grad;
    dst.copy_(*src);
  }
  for (const auto& item : state) {
    if (!own.contains(item.key())) result.unexpected_keys.push_back(item.key());
  }
  std::vector<std::string> errors;
  if (strict && !result.missing_keys.empty())
    errors.push_back("Missing key(s) in state_dict: " + join_quoted(result.missing_keys) + ". ");
  if (strict && !result.unexpected_keys.empty())
    errors.push_back("Unexpected key(s) in state_dict: " + join_quoted(result.unexpected_keys) + ". ");
  errors.insert(errors.end(), size_errors.begin(), size_errors.end());
  if (!errors.empty()) {
    std::string msg = "Error(s) in loading state_dict for " + name() + ":";
    for (const auto& e : errors) msg += "\n\t" + e;
    WICK_CHECK(false, msg);
  }
  return result;
}

void Module::pretty_print(std::ostream& stream) const { stream << name(); }

void Module::pretty_print_recursive(std::ostream& stream, const std::string& indentation) const {
  pretty_print(stream);
  if (children_.is_empty()) return;
  stream << "(\n";
  const std::string next = indentation + "  ";
  for (const auto& c : children_) {
    stream << next << "(" << c.key() << "): ";
    c.value()->pretty_print_recursive(stream, next);
    stream << "\n";
  }
  stream << indentation << ")";
}

std::ostream& operator<<(std::ostream& stream, const Module& module) {
  module.pretty_print_recursive(stream, "");
  return stream;
}

}  // namespace wick::nn

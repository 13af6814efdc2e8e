#pragma once
// wick::nn::Module: the base of every layer and model in the C++ API, shaped
// like LibTorch's torch::nn::Module. A module owns named parameters, buffers
// and submodules in registration order; the recursive accessors walk them
// depth first with dotted names ("features.0.weight"), which is the order and
// naming of state dicts in both front ends.
//
//   struct NetImpl : wick::nn::Module {
//     NetImpl() { fc = register_module("fc", wick::nn::Linear(784, 10)); }
//     wick::Tensor forward(wick::Tensor x) { return fc(x); }
//     wick::nn::Linear fc{nullptr};
//   };
//   WICK_MODULE(Net);
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wick/core/device.h"
#include "wick/core/dtype.h"
#include "wick/nn/ordered_dict.h"
#include "wick/tensor/tensor.h"

namespace wick::nn {

template <typename Contained>
class ModuleHolder;

class Module : public std::enable_shared_from_this<Module> {
 public:
  using ModuleApplyFunction = std::function<void(Module&)>;
  using NamedModuleApplyFunction = std::function<void(const std::string&, Module&)>;

  // Without a name, name() is the demangled class name of the most derived type.
  explicit Module(std::string name);
  Module();
  Module(const Module&) = default;
  Module& operator=(const Module&) = default;
  Module(Module&&) noexcept = default;
  Module& operator=(Module&&) noexcept = default;
  virtual ~Module() = default;

  const std::string& name() const;

  // Parameters and buffers: this module's own, or all of them depth first.
  // Undefined tensors (a registered "no bias") are skipped.
  std::vector<Tensor> parameters(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_buffers(bool recurse = true) const;

  // Submodules: modules() is this module and every descendant, each once.
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true) const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_modules(
      const std::string& name_prefix = std::string(), bool include_self = true) const;
  std::vector<std::shared_ptr<Module>> children() const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_children() const;

  virtual void train(bool on = true);
  void eval() { train(false); }
  virtual bool is_training() const noexcept { return is_training_; }

  // Moves/casts parameters and buffers in place (tensors keep their identity,
  // as Python's Module.to keeps Parameter objects). Casting touches floating
  // point tensors only.
  virtual void to(Device device, ScalarType dtype, bool non_blocking = false);
  virtual void to(ScalarType dtype, bool non_blocking = false);
  virtual void to(Device device, bool non_blocking = false);

  // set_to_none=true (PyTorch 2.x's default) drops the gradients; false zeroes them.
  virtual void zero_grad(bool set_to_none = true);

  // Calls fn on this module and every descendant (parents first, as LibTorch).
  void apply(const ModuleApplyFunction& fn);
  void apply(const NamedModuleApplyFunction& fn, const std::string& name_prefix = std::string());

  // A state dict: parameters then buffers of each module, depth first, with
  // dotted names; the same keys and order as PyTorch's state_dict().
  OrderedDict<std::string, Tensor> state_dict() const;
  // Copies values in (shapes must match); returns the missing and unexpected keys,
  // or with strict=true raises listing them.
  struct LoadResult {
    std::vector<std::string> missing_keys;
    std::vector<std::string> unexpected_keys;
  };
  LoadResult load_state_dict(const OrderedDict<std::string, Tensor>& state, bool strict = true);

  // One line describing this module (no children); operator<< prints the tree.
  virtual void pretty_print(std::ostream& stream) const;

  // Re-initialises parameters (layers override it; the default does nothing).
  virtual void reset_parameters() {}

  Tensor& register_parameter(std::string name, Tensor tensor, bool requires_grad = true);
  Tensor& register_buffer(std::string name, Tensor tensor);
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, std::shared_ptr<ModuleType> module) {
    register_module_impl(std::move(name), module);
    return module;
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, ModuleHolder<ModuleType> holder) {
    return register_module(std::move(name), holder.ptr());
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, std::shared_ptr<ModuleType> module) {
    children_[name] = module;
    return module;
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, ModuleHolder<ModuleType> holder) {
    return replace_module(name, holder.ptr());
  }
  void unregister_module(const std::string& name);

  // The buffers state_dict() leaves out (Python's register_buffer(persistent=False)).
  void set_buffer_persistent(const std::string& name, bool persistent);

  // Downcasts: module->as<LinearImpl>() is nullptr when the type differs.
  template <typename ModuleType>
  ModuleType* as() noexcept { return dynamic_cast<ModuleType*>(this); }
  template <typename ModuleType>
  const ModuleType* as() const noexcept { return dynamic_cast<const ModuleType*>(this); }

  // Own (non-recursive) slots, for code that needs them (e.g. module printers).
  const OrderedDict<std::string, Tensor>& own_parameters() const { return parameters_; }
  const OrderedDict<std::string, Tensor>& own_buffers() const { return buffers_; }

 private:
  friend std::ostream& operator<<(std::ostream& stream, const Module& module);
  void register_module_impl(std::string name, std::shared_ptr<Module> module);
  void pretty_print_recursive(std::ostream& stream, const std::string& indentation) const;
  void apply_to_tensors(const std::function<Tensor(const Tensor&)>& fn);
  void collect_modules(std::vector<std::shared_ptr<Module>>& out, std::vector<const Module*>& seen) const;
  void collect_named_modules(OrderedDict<std::string, std::shared_ptr<Module>>& out,
                             std::vector<const Module*>& seen, const std::string& prefix) const;
  void collect_state(OrderedDict<std::string, Tensor>& out, const std::string& prefix) const;

  OrderedDict<std::string, Tensor> parameters_{"Parameter"};
  OrderedDict<std::string, Tensor> buffers_{"Buffer"};
  OrderedDict<std::string, std::shared_ptr<Module>> children_{"Submodule"};
  std::vector<std::string> non_persistent_buffers_;
  mutable std::optional<std::string> name_;
  bool is_training_ = true;
};

// Prints the module tree as LibTorch does:
//   Net(
//     (fc): wick::nn::Linear(in_features=784, out_features=10, bias=true)
//   )
std::ostream& operator<<(std::ostream& stream, const Module& module);

}  // namespace wick::nn

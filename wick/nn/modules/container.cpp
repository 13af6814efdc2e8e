#include "wick/nn/modules/container.h"

#include <ostream>

namespace wick::nn {
namespace {
size_t wrap_index(int64_t index, size_t size, const char* what) {
  int64_t n = static_cast<int64_t>(size);
  WICK_CHECK_T(IndexError, index >= -n && index < n, "index ", index, " is out of range");
  (void)what;
  return static_cast<size_t>(index < 0 ? index + n : index);
}
}  // namespace

// ---- Sequential ------------------------------------------------------------------

SequentialImpl::SequentialImpl(std::initializer_list<NamedAnyModule> named) {
  for (const NamedAnyModule& m : named) {
    register_module(m.name, m.module.ptr());
    modules_.push_back(m.module);
  }
}

void SequentialImpl::extend(const SequentialImpl& other) {
  for (const AnyModule& m : other.modules_) {
    register_module(std::to_string(modules_.size()), m.ptr());
    modules_.push_back(m);
  }
}

Tensor SequentialImpl::forward(const Tensor& input) {
  WICK_CHECK(!modules_.empty(), "Cannot call forward() on an empty Sequential");
  Tensor x = input;
  for (const AnyModule& m : modules_) x = m.forward(x);
  return x;
}

size_t SequentialImpl::wrap(int64_t index) const {
  return wrap_index(index, modules_.size(), "Sequential");
}

std::shared_ptr<Module> SequentialImpl::operator[](int64_t index) const {
  return modules_[wrap(index)].ptr();
}

void SequentialImpl::pretty_print(std::ostream& stream) const { stream << "wick::nn::Sequential"; }

// ---- ModuleList ------------------------------------------------------------------

void ModuleListImpl::push_back_ptr(std::shared_ptr<Module> module) {
  register_module(std::to_string(modules_.size()), module);
  modules_.push_back(std::move(module));
}

void ModuleListImpl::insert_ptr(int64_t index, std::shared_ptr<Module> module) {
  int64_t n = static_cast<int64_t>(modules_.size());
  if (index < 0) index += n;
  WICK_CHECK_T(IndexError, index >= 0 && index <= n, "index ", index, " is out of range");
  modules_.insert(modules_.begin() + index, std::move(module));
  renumber();
}

void ModuleListImpl::extend(const ModuleListImpl& other) {
  for (const auto& m : other.modules_) push_back_ptr(m);
}

void ModuleListImpl::renumber() {
  // Children are keyed by position: re-register them all in the new order.
  for (size_t i = 0; i + 1 < modules_.size(); ++i) unregister_module(std::to_string(i));
  for (size_t i = 0; i < modules_.size(); ++i) {
    std::string key = std::to_string(i);
    register_module(key, modules_[i]);
  }
}

size_t ModuleListImpl::wrap(int64_t index) const {
  return wrap_index(index, modules_.size(), "ModuleList");
}

std::shared_ptr<Module> ModuleListImpl::operator[](int64_t index) const {
  return modules_[wrap(index)];
}

void ModuleListImpl::pretty_print(std::ostream& stream) const { stream << "wick::nn::ModuleList"; }

// ---- ModuleDict ------------------------------------------------------------------

ModuleDictImpl::ModuleDictImpl(
    const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
  update(modules);
}

void ModuleDictImpl::insert_ptr(const std::string& key, std::shared_ptr<Module> module) {
  if (modules_.contains(key)) {
    modules_[key] = module;
    replace_module(key, module);
  } else {
    modules_.insert(key, module);
    register_module(key, module);
  }
}

void ModuleDictImpl::update(
    const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
  for (const auto& [k, m] : modules) insert_ptr(k, m);
}

std::shared_ptr<Module> ModuleDictImpl::pop(const std::string& key) {
  std::shared_ptr<Module> m = modules_.erase(key);
  unregister_module(key);
  return m;
}

void ModuleDictImpl::clear() {
  for (const auto& k : modules_.keys()) unregister_module(k);
  modules_.clear();
}

std::shared_ptr<Module> ModuleDictImpl::operator[](const std::string& key) const {
  const std::shared_ptr<Module>* m = modules_.find(key);
  WICK_CHECK_T(IndexError, m, "ModuleDict does not contain a module named '", key, "'");
  return *m;
}

void ModuleDictImpl::pretty_print(std::ostream& stream) const { stream << "wick::nn::ModuleDict"; }

}  // namespace wick::nn

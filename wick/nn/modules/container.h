#pragma once
// Containers: Sequential (modules applied in order), ModuleList and
// ModuleDict (registered, not called), as LibTorch's.
//
//   wick::nn::Sequential net(wick::nn::Linear(784, 512), wick::nn::ReLU(),
//                            wick::nn::Linear(512, 10));
//   wick::Tensor y = net->forward(x);
#include <initializer_list>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/pimpl.h"

namespace wick::nn {

namespace detail {
template <typename T>
std::true_type holder_test(const ModuleHolder<T>*);
std::false_type holder_test(...);
template <typename D>
inline constexpr bool is_holder_v = decltype(holder_test(std::declval<D*>()))::value;

// The shared_ptr inside a module holder or a shared_ptr itself.
template <typename M>
auto module_ptr(M&& m) {
  using D = std::decay_t<M>;
  if constexpr (is_holder_v<D>) {
    return m.ptr();
  } else {
    return std::shared_ptr<typename D::element_type>(std::forward<M>(m));
  }
}
}  // namespace detail

// A module whose forward takes and returns one Tensor, with its type erased.
class AnyModule {
 public:
  AnyModule() = default;
  template <typename M, typename = std::enable_if_t<!std::is_same_v<std::decay_t<M>, AnyModule>>>
  AnyModule(M&& module) {  // NOLINT: Sequential(Linear(...), ReLU()) relies on it
    auto p = detail::module_ptr(std::forward<M>(module));
    auto* raw = p.get();
    module_ = p;
    forward_ = [raw](const Tensor& x) { return raw->forward(x); };
  }
  Tensor forward(const Tensor& x) const {
    WICK_CHECK(module_ != nullptr, "Cannot call forward() on an empty AnyModule");
    return forward_(x);
  }
  const std::shared_ptr<Module>& ptr() const { return module_; }
  template <typename T>
  T* get() const {
    return dynamic_cast<T*>(module_.get());
  }
  bool is_empty() const noexcept { return module_ == nullptr; }

 private:
  std::shared_ptr<Module> module_;
  std::function<Tensor(const Tensor&)> forward_;
};

// A name and a module, for Sequential({{"fc1", Linear(784, 256)}, {"relu", ReLU()}}).
struct NamedAnyModule {
  template <typename M>
  NamedAnyModule(std::string name, M&& module)
      : name(std::move(name)), module(std::forward<M>(module)) {}
  std::string name;
  AnyModule module;
};

class SequentialImpl : public Module {
 public:
  SequentialImpl() = default;
  template <typename... Modules>
  explicit SequentialImpl(Modules&&... modules) {
    (push_back(std::forward<Modules>(modules)), ...);
  }
  SequentialImpl(std::initializer_list<NamedAnyModule> named);

  // Appends a module named by its position ("0", "1", ...) or by `name`.
  template <typename M>
  void push_back(M&& module) {
    push_back(std::to_string(modules_.size()), std::forward<M>(module));
  }
  template <typename M>
  void push_back(std::string name, M&& module) {
    AnyModule any(std::forward<M>(module));
    register_module(std::move(name), any.ptr());
    modules_.push_back(std::move(any));
  }
  void extend(const SequentialImpl& other);

  Tensor forward(const Tensor& input);

  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }
  // Negative indices count from the end, as Python's.
  std::shared_ptr<Module> operator[](int64_t index) const;
  std::shared_ptr<Module> ptr(int64_t index) const { return (*this)[index]; }
  template <typename T>
  std::shared_ptr<T> ptr(int64_t index) const {
    return std::dynamic_pointer_cast<T>((*this)[index]);
  }
  template <typename T>
  T& at(int64_t index) const {
    T* p = dynamic_cast<T*>((*this)[index].get());
    WICK_CHECK(p, "Sequential: the module at index ", index, " is not of the requested type");
    return *p;
  }
  std::vector<AnyModule>::const_iterator begin() const { return modules_.begin(); }
  std::vector<AnyModule>::const_iterator end() const { return modules_.end(); }

  void pretty_print(std::ostream& stream) const override;

 private:
  size_t wrap(int64_t index) const;
  std::vector<AnyModule> modules_;
};
class Sequential : public ModuleHolder<SequentialImpl> {
 public:
  using ModuleHolder<SequentialImpl>::ModuleHolder;
  Sequential() : ModuleHolder<SequentialImpl>() {}
  Sequential(std::initializer_list<NamedAnyModule> named)
      : ModuleHolder<SequentialImpl>(std::make_shared<SequentialImpl>(named)) {}
};

class ModuleListImpl : public Module {
 public:
  ModuleListImpl() = default;
  template <typename... Modules>
  explicit ModuleListImpl(Modules&&... modules) {
    (push_back(std::forward<Modules>(modules)), ...);
  }

  template <typename M>
  void push_back(M&& module) {
    push_back_ptr(detail::module_ptr(std::forward<M>(module)));
  }
  void push_back_ptr(std::shared_ptr<Module> module);
  // Inserts before `index` (0 <= index <= size()), renumbering what follows.
  template <typename M>
  void insert(int64_t index, M&& module) {
    insert_ptr(index, detail::module_ptr(std::forward<M>(module)));
  }
  void insert_ptr(int64_t index, std::shared_ptr<Module> module);
  void extend(const ModuleListImpl& other);

  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }
  std::shared_ptr<Module> operator[](int64_t index) const;
  std::shared_ptr<Module> ptr(int64_t index) const { return (*this)[index]; }
  template <typename T>
  std::shared_ptr<T> ptr(int64_t index) const {
    return std::dynamic_pointer_cast<T>((*this)[index]);
  }
  template <typename T>
  T& at(int64_t index) const {
    T* p = dynamic_cast<T*>((*this)[index].get());
    WICK_CHECK(p, "ModuleList: the module at index ", index, " is not of the requested type");
    return *p;
  }
  std::vector<std::shared_ptr<Module>>::const_iterator begin() const { return modules_.begin(); }
  std::vector<std::shared_ptr<Module>>::const_iterator end() const { return modules_.end(); }

  void pretty_print(std::ostream& stream) const override;

 private:
  void renumber();
  size_t wrap(int64_t index) const;
  std::vector<std::shared_ptr<Module>> modules_;
};
WICK_MODULE(ModuleList);

class ModuleDictImpl : public Module {
 public:
  ModuleDictImpl() = default;
  explicit ModuleDictImpl(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);

  // Inserts, or replaces the module under an existing key (keeping its place).
  template <typename M>
  void insert(const std::string& key, M&& module) {
    insert_ptr(key, detail::module_ptr(std::forward<M>(module)));
  }
  void insert_ptr(const std::string& key, std::shared_ptr<Module> module);
  void update(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);
  std::shared_ptr<Module> pop(const std::string& key);
  void clear();

  std::shared_ptr<Module> operator[](const std::string& key) const;
  template <typename T>
  T& at(const std::string& key) const {
    T* p = dynamic_cast<T*>((*this)[key].get());
    WICK_CHECK(p, "ModuleDict: the module under '", key, "' is not of the requested type");
    return *p;
  }
  bool contains(const std::string& key) const { return modules_.contains(key); }
  std::vector<std::string> keys() const { return modules_.keys(); }
  std::vector<std::shared_ptr<Module>> values() const { return modules_.values(); }
  const OrderedDict<std::string, std::shared_ptr<Module>>& items() const { return modules_; }
  size_t size() const noexcept { return modules_.size(); }
  bool empty() const noexcept { return modules_.is_empty(); }

  void pretty_print(std::ostream& stream) const override;

 private:
  OrderedDict<std::string, std::shared_ptr<Module>> modules_;
};
class ModuleDict : public ModuleHolder<ModuleDictImpl> {
 public:
  using ModuleHolder<ModuleDictImpl>::ModuleHolder;
  ModuleDict() : ModuleHolder<ModuleDictImpl>() {}
  ModuleDict(std::initializer_list<std::pair<std::string, std::shared_ptr<Module>>> modules)
      : ModuleHolder<ModuleDictImpl>(std::make_shared<ModuleDictImpl>(
            std::vector<std::pair<std::string, std::shared_ptr<Module>>>(modules))) {}
};

}  // namespace wick::nn

#pragma once
// ModuleHolder<Impl>: the shared-pointer handle that user code passes around
// (LibTorch's "module holder" pattern). `Linear` holds a shared LinearImpl;
// copies share the module; `Linear fc{nullptr}` is empty until assigned.
// WICK_MODULE(Linear) declares that holder for LinearImpl.
#include <memory>
#include <ostream>
#include <type_traits>
#include <utility>

#include "wick/core/error.h"

namespace wick::nn {

template <typename Contained>
class ModuleHolder {
 public:
  using ContainedType = Contained;

  // Default-constructs the module when it has a default constructor.
  ModuleHolder() : impl_(default_construct()) {}
  ModuleHolder(std::nullptr_t) {}  // NOLINT: `Linear fc{nullptr}` reads well
  template <typename Head, typename... Tail,
            typename = std::enable_if_t<!(std::is_same_v<std::decay_t<Head>, ModuleHolder> ||
                                          std::is_same_v<std::decay_t<Head>, std::nullptr_t> ||
                                          std::is_convertible_v<Head, std::shared_ptr<Contained>>)>>
  explicit ModuleHolder(Head&& head, Tail&&... tail)
      : impl_(std::make_shared<Contained>(std::forward<Head>(head), std::forward<Tail>(tail)...)) {}
  ModuleHolder(std::shared_ptr<Contained> module) : impl_(std::move(module)) {}  // NOLINT

  Contained* operator->() { return get(); }
  const Contained* operator->() const { return get(); }
  Contained& operator*() { return *get(); }
  const Contained& operator*() const { return *get(); }
  const std::shared_ptr<Contained>& ptr() const {
    check();
    return impl_;
  }
  Contained* get() {
    check();
    return impl_.get();
  }
  const Contained* get() const {
    check();
    return impl_.get();
  }
  bool is_empty() const noexcept { return impl_ == nullptr; }
  explicit operator bool() const noexcept { return impl_ != nullptr; }

  // holder(x, ...) is impl->forward(x, ...).
  template <typename... Args>
  decltype(auto) operator()(Args&&... args) {
    return get()->forward(std::forward<Args>(args)...);
  }
  template <typename Arg>
  decltype(auto) operator[](Arg&& arg) {
    return (*get())[std::forward<Arg>(arg)];
  }

 private:
  static std::shared_ptr<Contained> default_construct() {
    if constexpr (std::is_default_constructible_v<Contained>) {
      return std::make_shared<Contained>();
    } else {
      return nullptr;
    }
  }
  void check() const {
    WICK_CHECK(impl_ != nullptr, "Accessing empty ModuleHolder");
  }
  std::shared_ptr<Contained> impl_;
};

template <typename Contained>
std::ostream& operator<<(std::ostream& stream, const ModuleHolder<Contained>& module) {
  return stream << *module;
}

}  // namespace wick::nn

// WICK_MODULE(Name): `Name` holds a NameImpl (LibTorch's TORCH_MODULE).
#define WICK_MODULE(Name)                                              \
  class Name : public ::wick::nn::ModuleHolder<Name##Impl> {           \
   public:                                                             \
    using ::wick::nn::ModuleHolder<Name##Impl>::ModuleHolder;          \
    Name() : ::wick::nn::ModuleHolder<Name##Impl>() {}                 \
  }

// WICK_ARG(type, name): an option with a chaining setter, LibTorch's TORCH_ARG:
//   Conv2dOptions(1, 6, 5).stride(2).padding(1)
#define WICK_ARG(T, name)                                                   \
 public:                                                                    \
  inline auto name(const T& new_##name) -> decltype(*this) {                \
    this->name##_ = new_##name;                                             \
    return *this;                                                           \
  }                                                                         \
  inline auto name(T&& new_##name) -> decltype(*this) {                     \
    this->name##_ = std::move(new_##name);                                  \
    return *this;                                                           \
  }                                                                         \
  inline const T& name() const noexcept { return this->name##_; }           \
  inline T& name() noexcept { return this->name##_; }                       \
                                                                            \
 private:                                                                   \
  T name##_

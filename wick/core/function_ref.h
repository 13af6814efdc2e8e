#pragma once
// FunctionRef: a non-owning, non-allocating reference to a callable, for
// passing loop bodies across .cpp boundaries without std::function's cost.
#include <cstdint>
#include <type_traits>
#include <utility>

namespace wick {

template <typename Fn>
class FunctionRef;

template <typename Ret, typename... Params>
class FunctionRef<Ret(Params...)> {
 public:
  template <typename Callable,
            typename = std::enable_if_t<!std::is_same_v<std::decay_t<Callable>, FunctionRef>>>
  FunctionRef(Callable&& c)  // NOLINT
      : callback_(&call<std::remove_reference_t<Callable>>),
        callable_(reinterpret_cast<intptr_t>(&c)) {}
  Ret operator()(Params... ps) const { return callback_(callable_, std::forward<Params>(ps)...); }

 private:
  template <typename Callable>
  static Ret call(intptr_t callable, Params... ps) {
    return (*reinterpret_cast<Callable*>(callable))(std::forward<Params>(ps)...);
  }
  Ret (*callback_)(intptr_t, Params...);
  intptr_t callable_;
};

}  // namespace wick

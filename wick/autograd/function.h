#pragma once
// Custom autograd functions, in LibTorch's shape:
//
//   struct MulAdd : wick::autograd::Function<MulAdd> {
//     static Tensor forward(AutogradContext* ctx, Tensor w, Tensor x, Tensor b) {
//       ctx->save_for_backward({w, x});
//       return w * x + b;
//     }
//     static variable_list backward(AutogradContext* ctx, variable_list g) {
//       auto s = ctx->get_saved_variables();
//       return {g[0] * s[1], g[0] * s[0], g[0]};
//     }
//   };
//   Tensor y = MulAdd::apply(w, x, b);
//
// forward runs without recording; its outputs get one node (named after the
// class, "MulAddBackward") whose backward is T::backward. backward returns one
// gradient per forward argument (undefined for non-tensor arguments).
#include <map>
#include <string>
#include <typeinfo>
#include <variant>

#include "wick/autograd/grad_mode.h"
#include "wick/autograd/saved_variable.h"
#include "wick/autograd/variable.h"

namespace wick::autograd {

// A value kept in ctx->saved_data (LibTorch's IValue, for the common types).
class IValue {
 public:
  IValue() = default;
  IValue(Tensor t) : v_(std::move(t)) {}                  // NOLINT
  IValue(double d) : v_(d) {}                             // NOLINT
  IValue(int64_t i) : v_(i) {}                            // NOLINT
  IValue(int i) : v_(static_cast<int64_t>(i)) {}          // NOLINT
  IValue(bool b) : v_(b) {}                               // NOLINT
  IValue(std::string s) : v_(std::move(s)) {}             // NOLINT
  IValue(const char* s) : v_(std::string(s)) {}           // NOLINT
  IValue(std::vector<int64_t> l) : v_(std::move(l)) {}    // NOLINT
  bool isNone() const { return v_.index() == 0; }
  const Tensor& toTensor() const { return get<Tensor>("Tensor"); }
  double toDouble() const;
  int64_t toInt() const { return get<int64_t>("Int"); }
  bool toBool() const { return get<bool>("Bool"); }
  const std::string& toStringRef() const { return get<std::string>("String"); }
  const std::vector<int64_t>& toIntVector() const { return get<std::vector<int64_t>>("IntList"); }

 private:
  template <typename V>
  const V& get(const char* what) const {
    const V* p = std::get_if<V>(&v_);
    WICK_CHECK(p != nullptr, "Expected ", what, " but got a different type in IValue");
    return *p;
  }
  std::variant<std::monostate, Tensor, double, int64_t, bool, std::string, std::vector<int64_t>> v_;
};

class CustomFunctionNode;

class AutogradContext {
 public:
  AutogradContext() = default;
  AutogradContext(const AutogradContext&) = delete;
  AutogradContext& operator=(const AutogradContext&) = delete;

  // Tensors backward needs; read them back with get_saved_variables().
  void save_for_backward(variable_list to_save);
  variable_list get_saved_variables() const;
  // Inputs forward changed in place: their history moves to this function.
  void mark_dirty(const variable_list& inputs);
  // Outputs that carry no gradient (indices, masks).
  void mark_non_differentiable(const variable_list& outputs);
  // Whether undefined output gradients reach backward as zeros (default) or undefined.
  void set_materialize_grads(bool value) { materialize_grads_ = value; }
  // Whether tensor input i (in forward's argument order) needs a gradient.
  bool needs_input_grad(size_t i) const;

  std::map<std::string, IValue> saved_data;

 private:
  friend class CustomFunctionNode;
  friend std::shared_ptr<CustomFunctionNode> make_function_node(
      std::string, std::function<variable_list(AutogradContext*, variable_list)>,
      std::vector<bool>, const variable_list&);
  friend variable_list wrap_function_outputs(const std::shared_ptr<CustomFunctionNode>&,
                                             const variable_list&, variable_list);
  variable_list to_save_;
  std::vector<SavedVariable> saved_;
  std::vector<const TensorImpl*> dirty_;
  std::vector<const TensorImpl*> non_differentiable_;
  std::weak_ptr<CustomFunctionNode> node_;
  bool materialize_grads_ = true;
  bool released_ = false;
};

class CustomFunctionNode final : public Node {
 public:
  using BackwardFn = std::function<variable_list(AutogradContext*, variable_list)>;
  // is_tensor_arg: per forward argument, whether it is a tensor (an input edge).
  CustomFunctionNode(std::string name, BackwardFn backward, std::vector<bool> is_tensor_arg);
  variable_list apply(variable_list&& grads) override;
  std::string name() const override { return name_; }
  void release_variables() override;
  AutogradContext ctx;

 private:
  std::string name_;
  BackwardFn backward_;
  std::vector<bool> is_tensor_arg_;
};

// Builds the node for a custom function about to run on tensor `inputs`.
std::shared_ptr<CustomFunctionNode> make_function_node(std::string name,
                                                       CustomFunctionNode::BackwardFn backward,
                                                       std::vector<bool> is_tensor_arg,
                                                       const variable_list& inputs);
// After forward: gives the outputs their history (inputs returned unchanged
// come back as aliases carrying it) and saves what forward asked to save.
variable_list wrap_function_outputs(const std::shared_ptr<CustomFunctionNode>& node,
                                    const variable_list& inputs, variable_list outputs);

// "MulAdd" from a C++ type name.
std::string short_type_name(const std::type_info& t);

namespace detail {
inline void collect_arg(variable_list& tensors, std::vector<bool>& is_tensor, const Tensor& t) {
  tensors.push_back(t);
  is_tensor.push_back(true);
}
template <typename A>
void collect_arg(variable_list&, std::vector<bool>& is_tensor, const A&) {
  is_tensor.push_back(false);
}
inline variable_list to_list(const Tensor& t) { return {t}; }
inline variable_list to_list(const variable_list& l) { return l; }
template <typename R>
R from_list(variable_list l) {
  if constexpr (std::is_same_v<R, Tensor>) {
    return l[0];
  } else {
    return l;
  }
}
}  // namespace detail

template <class T>
struct Function {
  template <typename... Args>
  static auto apply(Args&&... args) {
    variable_list inputs;
    std::vector<bool> is_tensor;
    (detail::collect_arg(inputs, is_tensor, args), ...);
    auto node = make_function_node(
        short_type_name(typeid(T)) + "Backward",
        [](AutogradContext* ctx, variable_list g) { return T::backward(ctx, std::move(g)); },
        std::move(is_tensor), inputs);
    using R = std::decay_t<decltype(T::forward(&node->ctx, std::forward<Args>(args)...))>;
    variable_list outs;
    {
      NoGradGuard no_grad;
      outs = detail::to_list(T::forward(&node->ctx, std::forward<Args>(args)...));
    }
    return detail::from_list<R>(wrap_function_outputs(node, inputs, std::move(outs)));
  }
};

}  // namespace wick::autograd

// Custom autograd functions (autograd::Function<T>), after the seed notes'
// Mul and Sigmoid examples.
#include <gtest/gtest.h>

#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::AutogradContext;
using autograd::variable_list;

// The seed's Mul: w * x + b, saving w and x.
struct MulAdd : autograd::Function<MulAdd> {
  static Tensor forward(AutogradContext* ctx, Tensor w, Tensor x, Tensor b) {
    ctx->save_for_backward({w, x});
    return w * x + b;
  }
  static variable_list backward(AutogradContext* ctx, variable_list g) {
    auto s = ctx->get_saved_variables();
    return {g[0] * s[1], g[0] * s[0], g[0] * 1};
  }
};

// The seed's Sigmoid, saving its output.
struct MySigmoid : autograd::Function<MySigmoid> {
  static Tensor forward(AutogradContext* ctx, Tensor x) {
    Tensor out = 1 / (1 + (-x).exp());
    ctx->save_for_backward({out});
    return out;
  }
  static variable_list backward(AutogradContext* ctx, variable_list g) {
    Tensor out = ctx->get_saved_variables()[0];
    return {out * (1 - out) * g[0]};
  }
};

// Non-tensor arguments, saved_data, needs_input_grad.
struct Scale : autograd::Function<Scale> {
  static Tensor forward(AutogradContext* ctx, Tensor x, double factor, Tensor y) {
    ctx->saved_data["factor"] = factor;
    ctx->saved_data["needs_y"] = ctx->needs_input_grad(1);
    return x * factor + y;
  }
  static variable_list backward(AutogradContext* ctx, variable_list g) {
    double f = ctx->saved_data["factor"].toDouble();
    Tensor gy = ctx->saved_data["needs_y"].toBool() ? g[0] : Tensor();
    return {g[0] * f, Tensor(), gy};
  }
};

// In place: marks its input dirty and returns it.
struct AddOneInPlace : autograd::Function<AddOneInPlace> {
  static Tensor forward(AutogradContext* ctx, Tensor x) {
    x.add_(1);
    ctx->mark_dirty({x});
    return x;
  }
  static variable_list backward(AutogradContext*, variable_list g) { return {g[0]}; }
};

// Two outputs, one of them non-differentiable.
struct MaxWithIndex : autograd::Function<MaxWithIndex> {
  static variable_list forward(AutogradContext* ctx, Tensor x) {
    Tensor idx = x.argmax();
    Tensor v = x.reshape({-1}).select(0, idx.item<int64_t>()).clone();
    ctx->mark_non_differentiable({idx});
    ctx->save_for_backward({idx});
    ctx->saved_data["n"] = x.numel();
    return {v, idx};
  }
  static variable_list backward(AutogradContext* ctx, variable_list g) {
    Tensor idx = ctx->get_saved_variables()[0];
    Tensor grad = zeros({ctx->saved_data["n"].toInt()}, g[0].options());
    grad.select(0, idx.item<int64_t>()).copy_(g[0]);
    return {grad};
  }
};

struct WrongCount : autograd::Function<WrongCount> {
  static Tensor forward(AutogradContext*, Tensor x, Tensor y) { return x * y; }
  static variable_list backward(AutogradContext*, variable_list g) { return {g[0]}; }
};

TEST(CustomFunction, SeedMul) {
  Tensor x = ones({1});
  Tensor w = tensor({0.5}).requires_grad_();
  Tensor b = tensor({-1.5}).requires_grad_();
  Tensor out = MulAdd::apply(x, w, b);
  EXPECT_EQ(out.grad_fn()->name(), "MulAddBackward");
  out.backward();
  EXPECT_FALSE(x.grad().defined());
  EXPECT_TENSOR_EQ(w.grad(), tensor({1.0f}));
  EXPECT_TENSOR_EQ(b.grad(), tensor({1.0f}));
}

TEST(CustomFunction, SeedSigmoidGradcheck) {
  Generator g;
  g.manual_seed(3);
  Tensor x = randn({4}, g, TensorOptions(kDouble)).requires_grad_();
  autograd::GradcheckOptions opts;
  opts.eps = 1e-3;
  EXPECT_TRUE(autograd::gradcheck(
      [](const variable_list& in) { return variable_list{MySigmoid::apply(in[0])}; }, {x}, opts));
  EXPECT_TRUE(autograd::gradcheck(
      [](const variable_list& in) { return variable_list{in[0].sigmoid()}; }, {x}, opts));
  // Second order through the custom backward (written with wick ops).
  EXPECT_TRUE(autograd::gradgradcheck(
      [](const variable_list& in) { return variable_list{MySigmoid::apply(in[0])}; }, {x}));
}

TEST(CustomFunction, NonTensorArgumentsAndSavedData) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = tensor({3.0, 4.0});
  Tensor out = Scale::apply(x, 2.5, y);
  out.sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({2.5, 2.5}));
  EXPECT_FALSE(y.grad().defined());
  // Without grad mode nothing is recorded.
  NoGradGuard g;
  EXPECT_FALSE(Scale::apply(x, 2.0, y).requires_grad());
}

TEST(CustomFunction, MarkDirtyAndNonDifferentiable) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x * 2;
  Tensor z = AddOneInPlace::apply(y);
  EXPECT_TRUE(z.is_same(y));
  EXPECT_EQ(y.grad_fn()->name(), "AddOneInPlaceBackward");
  (z * z).sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({12.0, 20.0}));  // 2 * (2x + 1) * 2

  Tensor v = tensor({1.0, 5.0, 2.0}).requires_grad_();
  variable_list r = MaxWithIndex::apply(v);
  EXPECT_TRUE(r[0].requires_grad());
  EXPECT_FALSE(r[1].requires_grad());
  (r[0] * 3).backward();
  EXPECT_TENSOR_EQ(v.grad(), tensor({0.0, 3.0, 0.0}));
}

TEST(CustomFunction, ErrorsAndReleasedContext) {
  Tensor x = tensor({1.0}).requires_grad_(), y = tensor({2.0}).requires_grad_();
  Tensor out = WrongCount::apply(x, y);
  try {
    out.backward();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "function WrongCountBackward returned an incorrect number of gradients (expected "
              "2, got 1)");
  }
  Tensor w = tensor({0.5}).requires_grad_();
  Tensor o = MulAdd::apply(ones({1}), w, w);
  o.backward();
  EXPECT_THROW(o.backward(), Error);
  Tensor leaf = tensor({1.0}).requires_grad_();
  EXPECT_THROW(AddOneInPlace::apply(leaf), Error);
}

}  // namespace
}  // namespace wick

// Derivatives of the binary arithmetic ops beyond add/sub/mul/div: gradcheck
// and gradgradcheck on float64 (broadcasting, Scalar operands, non-contiguous
// inputs, in-place forms), node names and PyTorch's conventions at ties and
// special points (values from PyTorch, gen_grad_conventions.py).
#include "grad_test_utils.h"

namespace wick {
namespace {

using namespace grad_test;
using BinFn = std::function<Tensor(const Tensor&, const Tensor&)>;

// f over several shape pairs: equal, broadcast both ways, 0-dim, a transposed input.
void check_binary(const char* what, const BinFn& f, double lo, double hi, double lo2, double hi2,
                  bool second_order = true) {
  SCOPED_TRACE(what);
  Fn fn = [&](const variable_list& in) { return f(in[0], in[1]); };
  check_both("2x3,2x3", fn, {rnd({2, 3}, lo, hi, 1), rnd({2, 3}, lo2, hi2, 2)}, second_order);
  check_both("2x3,3", fn, {rnd({2, 3}, lo, hi, 3), rnd({3}, lo2, hi2, 4)}, second_order);
  check_both("2x1,1x3", fn, {rnd({2, 1}, lo, hi, 5), rnd({1, 3}, lo2, hi2, 6)}, second_order);
  check_both("0-dim,4", fn, {rnd({}, lo, hi, 7), rnd({4}, lo2, hi2, 8)}, second_order);
  Tensor t = rnd({3, 2}, lo, hi, 9).detach().t().requires_grad_();
  check_both("transposed", fn, {t, rnd({2, 3}, lo2, hi2, 10)}, second_order);
}

TEST(BinaryGrad, Gradcheck) {
  check_binary("pow", [](const Tensor& a, const Tensor& b) { return a.pow(b); }, 0.5, 2, -2, 2);
  check_binary("float_power", [](const Tensor& a, const Tensor& b) { return float_power(a, b); },
               0.5, 2, -2, 2);
  check_binary("atan2", [](const Tensor& a, const Tensor& b) { return atan2(a, b); }, 0.5, 2, -2, -0.5);
  check_binary("hypot", [](const Tensor& a, const Tensor& b) { return hypot(a, b); }, -2, 2, 0.5, 2);
  // Random inputs never tie: the max/min gradients are smooth there.
  check_binary("maximum", [](const Tensor& a, const Tensor& b) { return maximum(a, b); }, -1, 1, -1, 1);
  check_binary("minimum", [](const Tensor& a, const Tensor& b) { return minimum(a, b); }, -1, 1, -1, 1);
  check_binary("fmax", [](const Tensor& a, const Tensor& b) { return fmax(a, b); }, -1, 1, -1, 1);
  check_binary("fmin", [](const Tensor& a, const Tensor& b) { return fmin(a, b); }, -1, 1, -1, 1);
  // Away from the jumps of floor / trunc (quotients between integers).
  check_binary("remainder", [](const Tensor& a, const Tensor& b) { return remainder(a, b); }, 2.1, 2.9, 1.5, 1.9);
  check_binary("fmod", [](const Tensor& a, const Tensor& b) { return fmod(a, b); }, -2.9, -2.1, 1.5, 1.9);
  check_binary("copysign", [](const Tensor& a, const Tensor& b) { return copysign(a, b); }, -2, 2, -2, 2);
  check_binary("logaddexp", [](const Tensor& a, const Tensor& b) { return logaddexp(a, b); }, -2, 2, -2, 2);
  check_binary("logaddexp2", [](const Tensor& a, const Tensor& b) { return logaddexp2(a, b); }, -2, 2, -2, 2);
  check_binary("xlogy", [](const Tensor& a, const Tensor& b) { return xlogy(a, b); }, -2, 2, 0.5, 2);
  check_binary("rsub", [](const Tensor& a, const Tensor& b) { return rsub(a, b, 1.5); }, -2, 2, -2, 2);
}

TEST(BinaryGrad, ScalarOperands) {
  Tensor x = rnd({2, 3}, 0.5, 2, 11);
  std::vector<std::pair<const char*, std::function<Tensor(const Tensor&)>>> fs = {
      {"pow 3", [](const Tensor& t) { return t.pow(3); }},
      {"pow 2", [](const Tensor& t) { return t.pow(2); }},
      {"pow 0.5", [](const Tensor& t) { return t.pow(0.5); }},
      {"pow -1.5", [](const Tensor& t) { return t.pow(-1.5); }},
      {"pow 0", [](const Tensor& t) { return t.pow(0) * t; }},
      {"2^t", [](const Tensor& t) { return pow(2.0, t); }},
      {"float_power 2.5", [](const Tensor& t) { return float_power(t, 2.5); }},
      {"float_power 3^t", [](const Tensor& t) { return float_power(3.0, t); }},
      {"atan2 s", [](const Tensor& t) { return atan2(t, 0.7); }},
      {"hypot s", [](const Tensor& t) { return hypot(t, 1.5); }},
      {"remainder s", [](const Tensor& t) { return remainder(t, 0.3); }},
      {"fmod s", [](const Tensor& t) { return fmod(t, 0.3); }},
      {"copysign s", [](const Tensor& t) { return copysign(t, -1.0); }},
      {"xlogy s", [](const Tensor& t) { return xlogy(t, 3.0); }},
      {"xlogy 2,t", [](const Tensor& t) { return xlogy(2.0, t); }},
      {"rsub s", [](const Tensor& t) { return rsub(t, 2.0, 0.5); }},
      {"2 - t", [](const Tensor& t) { return 2.0 - t; }},
  };
  for (auto& [name, f] : fs) {
    SCOPED_TRACE(name);
    check_both(name, [&](const variable_list& in) { return f(in[0]); }, {x});
    Tensor xt = rnd({3, 2}, 0.5, 2, 12).detach().t().requires_grad_();
    check_both("transposed", [&](const variable_list& in) { return f(in[0]); }, {xt}, false);
  }
}

TEST(BinaryGrad, InPlace) {
  using InFn = std::function<void(Tensor&, const Tensor&)>;
  std::vector<std::tuple<const char*, InFn, double, double>> fs = {
      {"pow_", [](Tensor& a, const Tensor& b) { a.pow_(b); }, -1, 1},
      {"pow_ s", [](Tensor& a, const Tensor&) { a.pow_(2.5); }, -1, 1},
      {"atan2_", [](Tensor& a, const Tensor& b) { a.atan2_(b); }, 0.5, 1},
      {"hypot_", [](Tensor& a, const Tensor& b) { a.hypot_(b); }, 0.5, 1},
      {"remainder_", [](Tensor& a, const Tensor& b) { a.remainder_(b); }, 1.5, 1.9},
      {"fmod_", [](Tensor& a, const Tensor& b) { a.fmod_(b); }, 1.5, 1.9},
      {"copysign_", [](Tensor& a, const Tensor& b) { a.copysign_(b); }, -1, 1},
      {"logaddexp_", [](Tensor& a, const Tensor& b) { a.logaddexp_(b); }, -1, 1},
      {"xlogy_", [](Tensor& a, const Tensor& b) { a.xlogy_(b); }, 0.5, 1},
      {"float_power_", [](Tensor& a, const Tensor& b) { a.float_power_(b); }, -1, 1},
  };
  for (auto& [name, f, lo, hi] : fs) {
    // self = 2.1..2.9 (exp'd from the leaf's range), so pow, log, remainder stay smooth.
    Fn fn = [&](const variable_list& in) {
      Tensor y = in[0] * 0.4 + 2.5;
      f(y, in[1]);
      return y * 1.0;
    };
    check_both(name, fn, {rnd({2, 3}, -1, 1, 13), rnd({3}, lo, hi, 14)});
    // Through a view: the base's other elements keep their gradient.
    Fn view_fn = [&](const variable_list& in) {
      Tensor y = in[0] * 0.4 + 2.5;
      Tensor v = y.narrow(1, 1, 2);
      f(v, in[1]);
      return y * 1.0;
    };
    check_both(name, view_fn, {rnd({2, 4}, -1, 1, 15), rnd({2}, lo, hi, 16)});
  }
  // A leaf may not be written in place.
  Tensor x = rnd({3}, 0.5, 1, 17);
  EXPECT_THROW(x.pow_(2.0), Error);
}

TEST(BinaryGrad, NodeNames) {
  Tensor a = rnd({3}, 0.5, 1, 18), b = rnd({3}, 0.5, 1, 19);
  EXPECT_EQ(node_name(a.pow(b)), "PowBackward1");
  EXPECT_EQ(node_name(a.pow(3)), "PowBackward0");
  EXPECT_EQ(node_name(a.pow(2)), "PowBackward0");
  EXPECT_EQ(node_name(a.pow(0.5)), "PowBackward0");
  EXPECT_EQ(node_name(pow(2.0, b)), "PowBackward2");
  EXPECT_EQ(node_name(float_power(a, b)), "PowBackward1");
  EXPECT_EQ(node_name(float_power(a, 2)), "PowBackward0");
  EXPECT_EQ(node_name(float_power(2, b)), "PowBackward2");
  EXPECT_EQ(node_name(atan2(a, b)), "Atan2Backward0");
  EXPECT_EQ(node_name(arctan2(a, b)), "Atan2Backward0");
  EXPECT_EQ(node_name(hypot(a, b)), "HypotBackward0");
  EXPECT_EQ(node_name(maximum(a, b)), "MaximumBackward0");
  EXPECT_EQ(node_name(minimum(a, b)), "MinimumBackward0");
  EXPECT_EQ(node_name(fmax(a, b)), "FmaxBackward0");
  EXPECT_EQ(node_name(fmin(a, b)), "FminBackward0");
  EXPECT_EQ(node_name(remainder(a, b)), "RemainderBackward1");
  EXPECT_EQ(node_name(remainder(a, 0.3)), "RemainderBackward0");
  EXPECT_EQ(node_name(a % b), "RemainderBackward1");
  EXPECT_EQ(node_name(fmod(a, b)), "FmodBackward1");
  EXPECT_EQ(node_name(fmod(a, 0.3)), "FmodBackward0");
  EXPECT_EQ(node_name(copysign(a, b)), "CopysignBackward0");
  EXPECT_EQ(node_name(copysign(a, -1.0)), "CopysignBackward1");
  EXPECT_EQ(node_name(logaddexp(a, b)), "LogaddexpBackward0");
  EXPECT_EQ(node_name(logaddexp2(a, b)), "Logaddexp2Backward0");
  EXPECT_EQ(node_name(xlogy(a, b)), "XlogyBackward0");
  EXPECT_EQ(node_name(xlogy(a, 2.0)), "XlogyBackward2");
  EXPECT_EQ(node_name(xlogy(2.0, b)), "XlogyBackward1");
  EXPECT_EQ(node_name(rsub(a, b)), "RsubBackward0");
  EXPECT_EQ(node_name(rsub(a, 2)), "RsubBackward1");
  EXPECT_EQ(node_name(2 - a), "RsubBackward1");
  Tensor y = a * 1;
  EXPECT_EQ(node_name(y.pow_(b)), "PowBackward1");
  Tensor z = a * 1;
  EXPECT_EQ(node_name(z.pow_(2)), "PowBackward0");
  Tensor w = a * 1;
  EXPECT_EQ(node_name(w.copysign_(b)), "CopysignBackward0");
  // floor_divide has no derivative: PyTorch records NotImplemented (missing_grad_test.cpp).
  EXPECT_EQ(floor_divide(a, b).grad_fn()->name(), "wick::autograd::NotImplemented");
  // Integer results take no history.
  EXPECT_FALSE(pow(tensor({1, 2}), tensor({2, 3})).requires_grad());
}

// Gradients at ties, zeros and NaNs, from PyTorch.
TEST(BinaryGrad, Conventions) {
  const double nan = std::nan(""), inf = INFINITY;
  auto two = [](const BinFn& f) { return [f](const variable_list& in) { return f(in[0], in[1]); }; };
  const std::vector<double> a = {0., 1., -1., 2., 2., nan}, c = {0., 1., 2., 2., nan, 1.};
  auto check = [&](const char* what, const BinFn& f, const std::vector<double>& x,
                   const std::vector<double>& y, const std::vector<double>& gx,
                   const std::vector<double>& gy) {
    SCOPED_TRACE(what);
    auto g = grads_of(two(f), {leaf(x), leaf(y)});
    EXPECT_TRUE(same_values(g[0], gx));
    EXPECT_TRUE(same_values(g[1], gy));
  };
  // maximum / minimum split ties in half and pass NaN's gradient to both.
  check("maximum", [](const Tensor& x, const Tensor& y) { return maximum(x, y); }, a, c,
        {0.5, 0.5, 0.0, 0.5, 1.0, 1.0}, {0.5, 0.5, 1.0, 0.5, 1.0, 1.0});
  check("minimum", [](const Tensor& x, const Tensor& y) { return minimum(x, y); }, a, c,
        {0.5, 0.5, 1.0, 0.5, 1.0, 1.0}, {0.5, 0.5, 0.0, 0.5, 1.0, 1.0});
  // fmax / fmin give ties to self.
  check("fmax", [](const Tensor& x, const Tensor& y) { return fmax(x, y); }, a, c,
        {1.0, 1.0, 0.0, 1.0, 1.0, 0.0}, {0.0, 0.0, 1.0, 0.0, 0.0, 1.0});
  check("fmin", [](const Tensor& x, const Tensor& y) { return fmin(x, y); }, a, c,
        {1.0, 1.0, 1.0, 1.0, 1.0, 0.0}, {0.0, 0.0, 0.0, 0.0, 0.0, 1.0});
  check("pow", [](const Tensor& x, const Tensor& y) { return pow(x, y); }, {0., 0., 2., -1., 0.},
        {0., 2., 0., 2., -1.}, {0.0, 0.0, 0.0, -2.0, -inf},
        {0.0, 0.0, 0.6931471805599453, nan, -inf});
  check("copysign", [](const Tensor& x, const Tensor& y) { return copysign(x, y); },
        {0., 2., -1., -0.}, {-1., -1., 1., 1.}, {0.0, -1.0, -1.0, 0.0}, {0.0, 0.0, 0.0, 0.0});
  check("xlogy", [](const Tensor& x, const Tensor& y) { return xlogy(x, y); }, {0., 2., 0.},
        {0.5, 3., 0.}, {-0.6931471805599453, 1.0986122886681098, 0.0}, {0.0, 2.0 / 3.0, nan});
  check("remainder", [](const Tensor& x, const Tensor& y) { return remainder(x, y); },
        {5., -5., 5.5}, {3., 3., -2.}, {1.0, 1.0, 1.0}, {-1.0, 2.0, 3.0});
  check("fmod", [](const Tensor& x, const Tensor& y) { return fmod(x, y); }, {5., -5., 5.5},
        {3., 3., -2.}, {1.0, 1.0, 1.0}, {-1.0, 1.0, 2.0});
  check("hypot", [](const Tensor& x, const Tensor& y) { return hypot(x, y); }, {0., 3.}, {0., 4.},
        {nan, 0.6}, {nan, 0.8});
  auto one = [](const std::function<Tensor(const Tensor&)>& f, const std::vector<double>& x) {
    return grads_of([f](const variable_list& in) { return f(in[0]); }, {leaf(x)})[0];
  };
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return pow(0.0, t); }, {0., 2., -1.}),
                          {0.0, 0.0, -inf}));
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return t.pow(0.0); }, {0., 2., -1.}),
                          {0.0, 0.0, 0.0}));
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return t.pow(2); }, {0., 2., -1.}),
                          {0.0, 4.0, -2.0}));
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return copysign(t, -1.0); }, {0., 1., -1., 2.}),
                          {0.0, -1.0, 1.0, -1.0}));
}

// A half-precision forward gives half gradients; float32 leaves with a
// float64 other get float32 gradients (the engine casts).
TEST(BinaryGrad, Dtypes) {
  Tensor a = tensor({1.0f, 2.0f}).requires_grad_();
  Tensor b = tensor({2.0, 3.0}, TensorOptions(kDouble)).requires_grad_();
  pow(a, b).sum().backward();
  EXPECT_EQ(a.grad().dtype(), kFloat);
  EXPECT_EQ(b.grad().dtype(), kDouble);
  EXPECT_TENSOR_CLOSE(a.grad(), tensor({2.0f, 12.0f}));
}

}  // namespace
}  // namespace wick

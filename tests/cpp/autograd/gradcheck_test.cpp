// gradcheck / gradgradcheck over the ops that have derivatives, on random
// float64 inputs: several shapes, broadcasting and non-contiguous inputs.
#include <gtest/gtest.h>

#include "grad_test_utils.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::variable_list;

using grad_test::rnd;

// f(x) checked once to first and once to second order.
void check_unary(const char* what, const std::function<Tensor(const Tensor&)>& f, double lo,
                 double hi) {
  SCOPED_TRACE(what);
  for (auto shape : {std::vector<int64_t>{}, std::vector<int64_t>{5}, std::vector<int64_t>{2, 3}}) {
    Tensor x = rnd(shape, lo, hi, 1);
    auto fn = [&](const variable_list& in) { return variable_list{f(in[0])}; };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {x}));
    EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x}));
  }
  // A transposed input.
  Tensor xt = rnd({3, 2}, lo, hi, 2).detach().t().requires_grad_();
  EXPECT_GRADCHECK(autograd::gradcheck([&](const variable_list& in) { return variable_list{f(in[0])}; },
                                  {xt}));
}

TEST(Gradcheck, UnaryOps) {
  check_unary("exp", [](const Tensor& t) { return t.exp(); }, -1, 1);
  check_unary("exp2", [](const Tensor& t) { return t.exp2(); }, -1, 1);
  check_unary("expm1", [](const Tensor& t) { return t.expm1(); }, -1, 1);
  check_unary("log", [](const Tensor& t) { return t.log(); }, 0.5, 2);
  check_unary("log2", [](const Tensor& t) { return t.log2(); }, 0.5, 2);
  check_unary("log10", [](const Tensor& t) { return t.log10(); }, 0.5, 2);
  check_unary("log1p", [](const Tensor& t) { return t.log1p(); }, -0.5, 2);
  check_unary("sqrt", [](const Tensor& t) { return t.sqrt(); }, 0.5, 2);
  check_unary("rsqrt", [](const Tensor& t) { return t.rsqrt(); }, 0.5, 2);
  check_unary("sin", [](const Tensor& t) { return t.sin(); }, -2, 2);
  check_unary("cos", [](const Tensor& t) { return t.cos(); }, -2, 2);
  check_unary("tan", [](const Tensor& t) { return t.tan(); }, -1, 1);
  check_unary("asin", [](const Tensor& t) { return t.asin(); }, -0.9, 0.9);
  check_unary("acos", [](const Tensor& t) { return t.acos(); }, -0.9, 0.9);
  check_unary("atan", [](const Tensor& t) { return t.atan(); }, -2, 2);
  check_unary("sinh", [](const Tensor& t) { return t.sinh(); }, -2, 2);
  check_unary("cosh", [](const Tensor& t) { return t.cosh(); }, -2, 2);
  check_unary("tanh", [](const Tensor& t) { return t.tanh(); }, -2, 2);
  check_unary("asinh", [](const Tensor& t) { return t.asinh(); }, -2, 2);
  check_unary("acosh", [](const Tensor& t) { return t.acosh(); }, 1.5, 3);
  check_unary("atanh", [](const Tensor& t) { return t.atanh(); }, -0.9, 0.9);
  check_unary("sigmoid", [](const Tensor& t) { return t.sigmoid(); }, -3, 3);
  check_unary("erf", [](const Tensor& t) { return t.erf(); }, -2, 2);
  check_unary("erfc", [](const Tensor& t) { return t.erfc(); }, -2, 2);
  check_unary("erfinv", [](const Tensor& t) { return t.erfinv(); }, -0.9, 0.9);
  check_unary("reciprocal", [](const Tensor& t) { return t.reciprocal(); }, 0.5, 2);
  check_unary("abs", [](const Tensor& t) { return t.abs(); }, 0.1, 2);
  check_unary("neg", [](const Tensor& t) { return -t; }, -2, 2);
  check_unary("relu", [](const Tensor& t) { return t.relu(); }, 0.1, 2);
  check_unary("silu", [](const Tensor& t) { return silu(t); }, -2, 2);
  check_unary("mish", [](const Tensor& t) { return mish(t); }, -2, 2);
}

TEST(Gradcheck, BinaryOpsWithBroadcasting) {
  Tensor a = rnd({2, 3}, 0.5, 2, 3), b = rnd({3}, 0.5, 2, 4), c = rnd({2, 1}, 0.5, 2, 5);
  auto check = [&](const char* what, const std::function<Tensor(const Tensor&, const Tensor&)>& f) {
    SCOPED_TRACE(what);
    for (auto [x, y] : {std::pair{a, b}, std::pair{b, c}, std::pair{a, c}}) {
      auto fn = [&](const variable_list& in) { return variable_list{f(in[0], in[1])}; };
      EXPECT_GRADCHECK(autograd::gradcheck(fn, {x, y}));
      EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x, y}));
    }
  };
  check("add", [](const Tensor& x, const Tensor& y) { return add(x, y, 2.5); });
  check("sub", [](const Tensor& x, const Tensor& y) { return sub(x, y, 0.5); });
  check("mul", [](const Tensor& x, const Tensor& y) { return x * y; });
  check("div", [](const Tensor& x, const Tensor& y) { return x / y; });
  // With a plain constant on one side.
  Tensor k = rnd({2, 3}, 0.5, 2, 6).detach();
  EXPECT_GRADCHECK(autograd::gradcheck([&](const variable_list& in) { return variable_list{k / in[0]}; }, {b}));
}

TEST(Gradcheck, ViewOps) {
  Tensor x = rnd({2, 3, 4}, -1, 1, 7);
  std::vector<std::pair<const char*, std::function<Tensor(const Tensor&)>>> views = {
      {"view", [](const Tensor& t) { return t.view({6, 4}); }},
      {"reshape", [](const Tensor& t) { return t.transpose(0, 2).reshape({-1}); }},
      {"permute", [](const Tensor& t) { return t.permute({2, 0, 1}); }},
      {"transpose", [](const Tensor& t) { return t.transpose(1, 2); }},
      {"expand", [](const Tensor& t) { return t.select(1, 0).unsqueeze(0).expand({3, 2, 4}); }},
      {"select", [](const Tensor& t) { return t.select(2, -1); }},
      {"slice", [](const Tensor& t) { return t.slice(2, 1, 4, 2); }},
      {"narrow", [](const Tensor& t) { return t.narrow(1, 1, 2); }},
      {"diagonal", [](const Tensor& t) { return t.diagonal(0, 1, 2); }},
      {"unfold", [](const Tensor& t) { return t.unfold(2, 2, 1); }},
      {"as_strided", [](const Tensor& t) { return t.as_strided({2, 2}, {1, 1}, 3); }},
      {"squeeze", [](const Tensor& t) { return t.unsqueeze(1).squeeze(); }},
      {"flatten", [](const Tensor& t) { return t.flatten(1); }},
      {"chunk", [](const Tensor& t) { return t.chunk(2, 2)[1]; }},
      {"movedim", [](const Tensor& t) { return t.movedim(0, 2); }},
  };
  for (auto& [name, f] : views) {
    SCOPED_TRACE(name);
    auto fn = [&](const variable_list& in) { return variable_list{f(in[0]) * 2}; };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {x}));
    EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x}));
  }
}

TEST(Gradcheck, InPlaceThroughViews) {
  Tensor x = rnd({4}, -1, 1, 8), w = rnd({2}, -1, 1, 9);
  auto fn = [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.narrow(0, 1, 2).mul_(in[1]);
    y.select(0, 0).copy_(in[1].select(0, 1));
    return variable_list{y.exp()};
  };
  EXPECT_GRADCHECK(autograd::gradcheck(fn, {x, w}));
  EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x, w}));
}

TEST(Gradcheck, ReportsMismatches) {
  // A function whose "gradient" is wrong: detach hides part of it.
  Tensor x = rnd({3}, -1, 1, 10);
  auto bad = [](const variable_list& in) { return variable_list{in[0] * in[0].detach()}; };
  autograd::GradcheckOptions opts;
  opts.raise_exception = false;
  EXPECT_FALSE(autograd::gradcheck(bad, {x}, opts));
  try {
    autograd::gradcheck(bad, {x});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("Jacobian mismatch for output 0 with respect to input 0,\nnumerical:", 0), 0u);
  }
}

}  // namespace
}  // namespace wick

namespace wick {
namespace {

TEST(Gradcheck, MatrixProducts) {
  std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>> shapes = {
      {{3}, {3}},       {{2, 3}, {3}},       {{3}, {3, 2}},       {{2, 3}, {3, 2}},
      {{4, 2, 3}, {3}}, {{4, 2, 3}, {3, 2}}, {{4, 2, 3}, {4, 3, 2}}, {{3}, {4, 3, 2}},
      {{1, 2, 3}, {4, 3, 2}}};
  uint64_t seed = 20;
  for (auto& [sa, sb] : shapes) {
    Tensor a = rnd(sa, -1, 1, seed++), b = rnd(sb, -1, 1, seed++);
    auto fn = [](const variable_list& in) { return variable_list{matmul(in[0], in[1])}; };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {a, b}));
    EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {a, b}));
  }
  Tensor m = rnd({2, 3}, -1, 1, 40), n = rnd({3, 4}, -1, 1, 41), bias = rnd({4}, -1, 1, 42);
  EXPECT_GRADCHECK(autograd::gradcheck(
      [](const variable_list& in) { return variable_list{mm(in[0], in[1])}; }, {m, n}));
  EXPECT_GRADCHECK(autograd::gradcheck(
      [](const variable_list& in) { return variable_list{addmm(in[2], in[0], in[1], 0.5, 2.0)}; },
      {m, n, bias}));
  Tensor p = rnd({2, 2, 3}, -1, 1, 43), q = rnd({2, 3, 2}, -1, 1, 44);
  EXPECT_GRADCHECK(autograd::gradcheck(
      [](const variable_list& in) { return variable_list{bmm(in[0], in[1])}; }, {p, q}));
  EXPECT_EQ(mm(m, n).grad_fn()->name(), "MmBackward0");
  EXPECT_EQ(matmul(p, q).grad_fn()->name(), "UnsafeViewBackward0");
  EXPECT_EQ(addmm(bias, m, n).grad_fn()->name(), "AddmmBackward0");
}

}  // namespace
}  // namespace wick

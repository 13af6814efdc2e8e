// Derivatives of the reductions and scans: gradcheck + gradgradcheck on
// float64, node names and PyTorch's conventions at ties and zeros.
#include <gtest/gtest.h>

#include "grad_test_utils.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::variable_list;

using grad_test::rnd;

void check(const char* what, const std::function<Tensor(const Tensor&)>& f, Tensor x,
           bool second = true) {
  SCOPED_TRACE(what);
  auto fn = [&](const variable_list& in) { return variable_list{f(in[0])}; };
  EXPECT_GRADCHECK(autograd::gradcheck(fn, {x}));
  if (second) EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x}));
}

TEST(ReduceGrad, SmoothReductions) {
  Tensor x = rnd({3, 4}, 0.5, 2, 1);
  Tensor xt = rnd({4, 3}, 0.5, 2, 2).detach().t().requires_grad_();
  for (const Tensor& in : {x, xt}) {
    check("sum", [](const Tensor& t) { return t.sum(); }, in);
    check("sum dim", [](const Tensor& t) { return t.sum({1}); }, in);
    check("sum keepdim", [](const Tensor& t) { return t.sum({0}, true); }, in);
    check("mean dims", [](const Tensor& t) { return t.mean({0, 1}); }, in);
    check("prod", [](const Tensor& t) { return t.prod(); }, in);
    check("prod dim", [](const Tensor& t) { return t.prod(1, true); }, in);
    check("var", [](const Tensor& t) { return t.var(); }, in);
    check("var dim", [](const Tensor& t) { return t.var({1}, 0.0, true); }, in);
    check("std", [](const Tensor& t) { return t.std({0}); }, in);
    check("norm2", [](const Tensor& t) { return t.norm(); }, in);
    check("norm3 dim", [](const Tensor& t) { return t.norm(3.0, {1}); }, in);
    check("norm1", [](const Tensor& t) { return t.norm(1.0, {0}, true); }, in, false);
    check("logsumexp", [](const Tensor& t) { return t.logsumexp({1}); }, in);
    check("cumsum", [](const Tensor& t) { return t.cumsum(1); }, in);
    check("cumprod", [](const Tensor& t) { return t.cumprod(0); }, in);
    check("logcumsumexp", [](const Tensor& t) { return t.logcumsumexp(1); }, in);
    Tensor other = rnd({3, 4}, -1, 1, 7).detach();
    check("dist", [&](const Tensor& t) { return t.dist(other); }, in);
  }
  Tensor v = rnd({5}, -1, 1, 3);
  check("std_mean", [](const Tensor& t) {
    auto [s, m] = std_mean(t);
    return s * 2 + m;
  }, v);
  check("var_mean", [](const Tensor& t) {
    auto [s, m] = var_mean(t, {0}, 1.0, true);
    return s * 3 + m;
  }, v);
}

TEST(ReduceGrad, SelectingReductions) {
  Tensor x = rnd({3, 4}, -1, 1, 4);  // distinct values
  check("max", [](const Tensor& t) { return t.max(); }, x);
  check("min", [](const Tensor& t) { return t.min(); }, x);
  check("amax", [](const Tensor& t) { return t.amax({1}); }, x);
  check("amin keepdim", [](const Tensor& t) { return t.amin({0}, true); }, x);
  check("max dim", [](const Tensor& t) { return std::get<0>(t.max(1)); }, x);
  check("min dim keepdim", [](const Tensor& t) { return std::get<0>(t.min(0, true)); }, x);
  check("aminmax", [](const Tensor& t) {
    auto [lo, hi] = t.aminmax(1);
    return lo * 2 + hi;
  }, x);
  check("cummax", [](const Tensor& t) { return std::get<0>(t.cummax(1)); }, x, false);
  check("cummin", [](const Tensor& t) { return std::get<0>(t.cummin(0)); }, x, false);
}

TEST(ReduceGrad, ConventionsAtTiesAndZeros) {
  // Ties: max() and amax share the gradient; max(dim) sends it to the index.
  Tensor x = tensor({1.0, 3.0, 3.0, 2.0}).requires_grad_();
  x.max().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({0.0, 0.5, 0.5, 0.0}));
  x.mutable_grad().reset();
  x.amax({0}).backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({0.0, 0.5, 0.5, 0.0}));
  x.mutable_grad().reset();
  std::get<0>(x.max(0)).backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({0.0, 1.0, 0.0, 0.0}));
  // prod with zeros (PyTorch: the product of the others).
  Tensor p = tensor({2.0, 0.0, 3.0}).requires_grad_();
  p.prod().backward();
  EXPECT_TENSOR_EQ(p.grad(), tensor({0.0, 6.0, 0.0}));
  Tensor p2 = tensor({0.0, 0.0, 3.0}).requires_grad_();
  p2.prod().backward();
  EXPECT_TENSOR_EQ(p2.grad(), tensor({0.0, 0.0, 0.0}));
  Tensor c = tensor({2.0, 0.0, 3.0, 4.0}).requires_grad_();
  c.cumprod(0).sum().backward();  // PyTorch: [1, 32, 0, 0]
  EXPECT_TENSOR_EQ(c.grad(), tensor({1.0, 32.0, 0.0, 0.0}));
  // Zero norm has zero gradient.
  Tensor z = zeros({3}, TensorOptions(kDouble)).requires_grad_();
  z.norm().backward();
  EXPECT_TENSOR_EQ(z.grad(), zeros({3}, TensorOptions(kDouble)));
  Tensor zp = rnd({2, 3}, 0.5, 1, 5);
  zp.prod(1).sum().backward();
  EXPECT_TENSOR_CLOSE(zp.grad(), zp.detach().prod(1, true) / zp.detach());
  // In-place scans carry the gradient.
  Tensor s = tensor({1.0, 2.0, 3.0}).requires_grad_();
  Tensor y = s * 1;
  y.cumsum_(0);
  y.sum().backward();
  EXPECT_TENSOR_EQ(s.grad(), tensor({3.0, 2.0, 1.0}));
}

TEST(ReduceGrad, NodeNames) {
  Tensor x = rnd({2, 3}, 0.5, 1, 6);
  EXPECT_EQ(x.sum().grad_fn()->name(), "SumBackward0");
  EXPECT_EQ(x.sum({0}).grad_fn()->name(), "SumBackward1");
  EXPECT_EQ(x.mean().grad_fn()->name(), "MeanBackward0");
  EXPECT_EQ(x.prod().grad_fn()->name(), "ProdBackward0");
  EXPECT_EQ(x.prod(1).grad_fn()->name(), "ProdBackward1");
  EXPECT_EQ(x.max().grad_fn()->name(), "MaxBackward1");
  EXPECT_EQ(std::get<0>(x.max(1)).grad_fn()->name(), "MaxBackward0");
  EXPECT_FALSE(std::get<1>(x.max(1)).requires_grad());
  EXPECT_EQ(x.amax({1}).grad_fn()->name(), "AmaxBackward0");
  EXPECT_EQ(x.var().grad_fn()->name(), "VarBackward0");
  EXPECT_EQ(x.std().grad_fn()->name(), "StdBackward0");
  EXPECT_EQ(x.logsumexp({1}).grad_fn()->name(), "LogsumexpBackward0");
  EXPECT_EQ(x.cumsum(0).grad_fn()->name(), "CumsumBackward0");
  EXPECT_EQ(x.cumprod(0).grad_fn()->name(), "CumprodBackward0");
  EXPECT_FALSE(x.argmax().requires_grad());
}

}  // namespace
}  // namespace wick

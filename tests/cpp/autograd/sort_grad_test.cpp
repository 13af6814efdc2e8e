// Derivatives of the sort family (sort, msort, topk, kthvalue, median,
// nanmedian, mode): the gradient goes to the elements the op picked.
// gradcheck/gradgradcheck on float64 (distinct values, so the picks are
// stable under the finite-difference step), grad_fn names and PyTorch's
// conventions at ties (values from PyTorch 1.13, same formulas as 2.x).
#include <gtest/gtest.h>

#include "grad_test_utils.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::variable_list;

Tensor rnd(IntArrayRef shape, uint64_t seed = 0) {
  Generator g;
  g.manual_seed(seed);
  return (rand(shape, g, TensorOptions(kDouble)) * 2 - 1).requires_grad_();
}

std::vector<double> values_of(const Tensor& t) {
  Tensor c = t.contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

void check(const char* what, const std::function<Tensor(const Tensor&)>& f,
           std::vector<std::vector<int64_t>> shapes) {
  SCOPED_TRACE(what);
  uint64_t seed = 1;
  auto fn = [&](const variable_list& in) { return variable_list{f(in[0])}; };
  for (auto& shape : shapes) {
    SCOPED_TRACE(::testing::PrintToString(shape));
    Tensor x = rnd(shape, seed++);
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {x}));
    EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x}));
  }
  // A non-contiguous input.
  Tensor xt = rnd({4, 3}, 50).detach().t().requires_grad_();
  EXPECT_GRADCHECK(autograd::gradcheck(fn, {xt}));
  EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {xt}));
}

TEST(SortGrad, Gradchecks) {
  const std::vector<std::vector<int64_t>> shapes = {{5}, {3, 4}, {2, 3, 4}};
  check("sort", [](const Tensor& t) { return std::get<0>(t.sort(-1)); }, shapes);
  check("sort desc dim0", [](const Tensor& t) { return std::get<0>(t.sort(0, true)); }, shapes);
  check("sort 0-dim", [](const Tensor& t) { return std::get<0>(t.sort(0)); }, {{}});
  check("msort", [](const Tensor& t) { return t.msort(); }, shapes);
  check("topk", [](const Tensor& t) { return std::get<0>(t.topk(2)); }, shapes);
  check("topk smallest dim0", [](const Tensor& t) { return std::get<0>(t.topk(2, 0, false)); }, shapes);
  check("kthvalue", [](const Tensor& t) { return std::get<0>(t.kthvalue(2)); }, shapes);
  check("kthvalue keepdim", [](const Tensor& t) { return std::get<0>(t.kthvalue(2, 0, true)); }, shapes);
  check("median", [](const Tensor& t) { return t.median(); }, {{}, {5}, {3, 4}});
  check("median dim", [](const Tensor& t) { return std::get<0>(t.median(-1)); }, shapes);
  check("median dim keepdim", [](const Tensor& t) { return std::get<0>(t.median(0, true)); }, shapes);
  check("nanmedian", [](const Tensor& t) { return t.nanmedian(); }, {{5}, {3, 4}});
  check("nanmedian dim", [](const Tensor& t) { return std::get<0>(t.nanmedian(1)); }, {{3, 4}});
  check("mode", [](const Tensor& t) { return std::get<0>(t.mode(-1)); }, shapes);
  check("mode keepdim", [](const Tensor& t) { return std::get<0>(t.mode(0, true)); }, shapes);
}

TEST(SortGrad, GradFnNames) {
  Tensor x = rnd({3, 4});
  EXPECT_EQ(std::get<0>(x.sort()).grad_fn()->name(), "SortBackward0");
  EXPECT_EQ(x.msort().grad_fn()->name(), "SortBackward0");
  EXPECT_EQ(std::get<0>(x.topk(2)).grad_fn()->name(), "TopkBackward0");
  EXPECT_EQ(std::get<0>(x.kthvalue(2)).grad_fn()->name(), "KthvalueBackward0");
  EXPECT_EQ(x.median().grad_fn()->name(), "MedianBackward0");
  EXPECT_EQ(std::get<0>(x.median(0)).grad_fn()->name(), "MedianBackward1");
  EXPECT_EQ(x.nanmedian().grad_fn()->name(), "NanmedianBackward0");
  EXPECT_EQ(std::get<0>(x.nanmedian(0)).grad_fn()->name(), "NanmedianBackward1");
  EXPECT_EQ(std::get<0>(x.mode(0)).grad_fn()->name(), "ModeBackward0");
  // Indices carry no history.
  EXPECT_FALSE(std::get<1>(x.sort()).requires_grad());
  EXPECT_FALSE(x.argsort().requires_grad());
}

TEST(SortGrad, PyTorchConventionsAtTies) {
  auto x = [] { return tensor({1., 2., 2., 3., 2., 0.}, TensorOptions(kDouble)).requires_grad_(); };
  // median() and nanmedian() share the gradient among all equal elements.
  Tensor a = x();
  a.median().backward();
  EXPECT_EQ(values_of(a.grad()), (std::vector<double>{0, 1. / 3, 1. / 3, 0, 1. / 3, 0}));
  a = x();
  a.nanmedian().backward();
  EXPECT_EQ(values_of(a.grad()), (std::vector<double>{0, 1. / 3, 1. / 3, 0, 1. / 3, 0}));
  // With NaN: median's NaN result shares among the NaNs; nanmedian skips them.
  auto y = [] { return tensor({1., NAN, 2., NAN}, TensorOptions(kDouble)).requires_grad_(); };
  Tensor b = y();
  b.median().backward();
  EXPECT_EQ(values_of(b.grad()), (std::vector<double>{0, 0.5, 0, 0.5}));
  b = y();
  b.nanmedian().backward();
  EXPECT_EQ(values_of(b.grad()), (std::vector<double>{1, 0, 0, 0}));
  // median(dim), mode, kthvalue: all to the one element their index names.
  a = x();
  std::get<0>(a.median(0)).backward();
  EXPECT_EQ(values_of(a.grad()), (std::vector<double>{0, 1, 0, 0, 0, 0}));
  a = x();
  std::get<0>(a.mode(0)).backward();
  EXPECT_EQ(values_of(a.grad()), (std::vector<double>{0, 0, 0, 0, 1, 0}));
  // kthvalue among ties: to the element its index names (PyTorch 1.13 names
  // index 2 here; wick's kernel picks another of the equal elements).
  a = x();
  auto [kv, ki] = a.kthvalue(3);
  kv.backward();
  std::vector<double> kwant(6, 0.0);
  kwant[ki.item<int64_t>()] = 1;
  EXPECT_EQ(values_of(a.grad()), kwant);
  EXPECT_EQ(kv.item<double>(), 2.0);
  // sort: each output position's gradient lands on its source element.
  a = x();
  (std::get<0>(a.sort()) * arange(6, TensorOptions(kDouble))).sum().backward();
  EXPECT_EQ(values_of(a.grad()), (std::vector<double>{1, 2, 3, 5, 4, 0}));
  // topk: the chosen elements; the ties' pick follows the returned indices.
  a = x();
  auto [tv, ti] = a.topk(3);
  (tv * arange(3, TensorOptions(kDouble))).sum().backward();
  std::vector<double> want(6, 0.0);
  Tensor tic = ti.contiguous();
  for (int64_t j = 0; j < 3; ++j) want[tic.data_ptr<int64_t>()[j]] += j;
  EXPECT_EQ(values_of(a.grad()), want);
  EXPECT_EQ(tic.data_ptr<int64_t>()[0], 3);
}

}  // namespace
}  // namespace wick

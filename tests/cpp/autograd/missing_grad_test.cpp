// Gradients PyTorch has and wick lacked, and PyTorch's answers where it has
// none: floor_divide, scatter(reduce=), scatter_reduce("prod"), det of
// singular matrices. Expected values from PyTorch 1.13 on these inputs.
#include <gtest/gtest.h>

#include "grad_test_utils.h"

namespace wick {
namespace {

using grad_test::check_both;
using grad_test::rnd;
using test::error_of;
using test::values;

Tensor dbl(const std::vector<double>& v, IntArrayRef shape) {
  return tensor(v, TensorOptions(kDouble)).view(shape);
}

::testing::AssertionResult near(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return ::testing::AssertionFailure() << "sizes differ";
  for (size_t i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > 1e-9)
      return ::testing::AssertionFailure() << "at " << i << ": " << a[i] << " vs " << b[i];
  return ::testing::AssertionSuccess();
}

TEST(MissingGrad, FloorDivideHasNoDerivative) {
  // As in PyTorch: the result requires grad through a NotImplemented node
  // that raises in backward.
  Tensor a = rnd({3});
  Tensor r = floor_divide(a, 0.3);
  ASSERT_TRUE(r.requires_grad());
  EXPECT_EQ(r.grad_fn()->name(), "wick::autograd::NotImplemented");
  EXPECT_EQ(error_of([&] { r.sum().backward(); }),
            "derivative for aten::floor_divide is not implemented");
  Tensor b = a * 1;
  b.floor_divide_(rand({3}, TensorOptions(kDouble)) + 0.5);
  EXPECT_EQ(b.grad_fn()->name(), "wick::autograd::NotImplemented");
  // Integer results stay outside autograd.
  EXPECT_FALSE(floor_divide(arange(3), 2).requires_grad());
}

TEST(MissingGrad, ScatterWithReduceHasNoDerivative) {
  Tensor self = rnd({2, 3}), src = rnd({2, 3}, -1, 1, 1);
  Tensor idx = tensor({0L, 1L, 0L, 1L, 0L, 1L}).view({2, 3});
  for (const char* reduce : {"add", "multiply"}) {
    Tensor r = scatter(self, 0, idx, src, reduce);
    EXPECT_EQ(r.grad_fn()->name(), "wick::autograd::NotImplemented");
    EXPECT_EQ(error_of([&] { r.sum().backward(); }),
              "derivative for aten::scatter is not implemented");
  }
  Tensor r = scatter(self, 0, idx, Scalar(2.0), "multiply");
  EXPECT_EQ(error_of([&] { r.sum().backward(); }), "derivative for aten::scatter is not implemented");
}

TEST(MissingGrad, ScatterReduceProdValuesWithZeros) {
  // Zeros in self and in src: one zero in a group gives the others' product,
  // two give zero (values from PyTorch).
  Tensor idx = tensor({0L, 1L, 0L, 1L, 1L, 0L, 0L, 0L, 1L}).view({3, 3});
  Tensor w = dbl({1, 2, 3, 4, 5, 6}, {2, 3});
  struct Case {
    bool include_self;
    std::vector<double> result, gself, gsrc;
  };
  for (const Case& c :
       {Case{true, {0, 0, 9, 3, 0, -0.5}, {0, 10, 9, 12, 0, -6}, {0, 0, 18, 4, 40, 13.5, 0, 0, 3}},
        Case{false, {0, 5, 3, 3, 0, -1}, {0, 0, 0, 0, 0, 0}, {0, 0, 6, 4, 10, 4.5, 0, 2, 6}}}) {
    SCOPED_TRACE(c.include_self);
    Tensor self = dbl({2, 0, 3, 1, 4, 0.5}, {2, 3}).requires_grad_();
    Tensor src = dbl({0, 2, 1.5, 3, 0, 2, 0, 5, -1}, {3, 3}).requires_grad_();
    Tensor r = scatter_reduce(self, 0, idx, src, "prod", c.include_self);
    EXPECT_EQ(r.grad_fn()->name(), "ScatterReduceBackward0");
    EXPECT_TRUE(near(values(r), c.result));
    (r * w).sum().backward();
    EXPECT_TRUE(near(values(self.grad()), c.gself));
    EXPECT_TRUE(near(values(src.grad()), c.gsrc));
  }
}

TEST(MissingGrad, ScatterReduceProdGradcheck) {
  Tensor idx = tensor({0L, 2L, 0L, 1L, 2L, 0L, 0L, 0L, 1L, 2L, 2L, 1L}).view({4, 3});
  for (bool include_self : {true, false}) {
    SCOPED_TRACE(include_self);
    auto f = [&](const autograd::variable_list& in) {
      return scatter_reduce(in[0], 0, idx, in[1], "prod", include_self);
    };
    check_both("prod", f, {rnd({3, 3}, 0.5, 1.5), rnd({4, 3}, -1.5, -0.5, 1)});
    // A zero in src: its group's other factors are its gradient.
    Tensor src = dbl({0, 0.7, 1.1, -0.6, 0.9, 1.3, 0.8, -1.2, 0.5, 1.4, 0.6, 0.75}, {4, 3});
    check_both("prod with a zero", f, {rnd({3, 3}, 0.5, 1.5, 2), src.requires_grad_()},
               /*second_order=*/false);
    // In place, on a non-leaf.
    auto g = [&](const autograd::variable_list& in) {
      Tensor s = in[0] * 1;
      s.scatter_reduce_(1, idx.t().contiguous().narrow(1, 0, 3), in[1], "prod", include_self);
      return s;
    };
    check_both("prod_", g, {rnd({3, 3}, 0.5, 1.5, 3), rnd({3, 4}, 0.5, 1.5, 4)});
  }
}

TEST(MissingGrad, DetOfSingularMatrices) {
  // The gradient of det is the cofactor matrix, nonzero for rank n-1.
  Tensor A = dbl({1, 2, 2, 4}, {2, 2}).requires_grad_();
  Tensor d = linalg::det(A);
  EXPECT_EQ(d.item<double>(), 0.0);
  d.backward();
  EXPECT_TRUE(near(values(A.grad()), {4, -2, -2, 1}));
  Tensor B = dbl({1, 2, 3, 2, 4, 6, 0, 1, 5}, {3, 3}).requires_grad_();
  linalg::det(B).backward();
  EXPECT_TRUE(near(values(B.grad()), {14, -10, 2, -7, 5, -1, 0, 0, 0}));
  // Rank n-2: zero.
  Tensor C = dbl({1, 2, 3, 2, 4, 6, 3, 6, 9}, {3, 3}).requires_grad_();
  linalg::det(C).backward();
  EXPECT_TRUE(near(values(C.grad()), std::vector<double>(9, 0.0)));
  // A batch with one singular matrix: both get their cofactors.
  Tensor batch = dbl({1, 2, 2, 4, 2, 1, 1, 3}, {2, 2, 2}).requires_grad_();
  linalg::det(batch).sum().backward();
  EXPECT_TRUE(near(values(batch.grad()), {4, -2, -2, 1, 3, -1, -1, 2}));
  auto f = [](const autograd::variable_list& in) { return linalg::det(in[0]); };
  check_both("singular det", f, {dbl({1, 2, 3, 2, 4, 6, 0, 1, 5}, {3, 3}).requires_grad_()},
             /*second_order=*/false);
}

}  // namespace
}  // namespace wick

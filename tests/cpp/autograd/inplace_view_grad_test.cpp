// In-place view ops (Note [In-place view ops]): squeeze_/unsqueeze_/transpose_/t_
// on tensors with history record a node on the tensor itself, as PyTorch does.
#include <gtest/gtest.h>

#include "grad_test_utils.h"

namespace wick {
namespace {

using grad_test::check_both;
using grad_test::rnd;
using test::error_of;
using test::values;

TEST(InplaceViewGrad, NodeNames) {
  Tensor x = rnd({2, 3});
  Tensor y = x * 1;
  y.t_();
  EXPECT_EQ(y.grad_fn()->name(), "TBackward1");
  y.transpose_(0, 1);
  EXPECT_EQ(y.grad_fn()->name(), "TransposeBackward1");
  y.transpose_(1, 1);  // recorded even when it changes nothing, as in PyTorch
  EXPECT_EQ(y.grad_fn()->name(), "TransposeBackward1");
  y.unsqueeze_(0);
  EXPECT_EQ(y.grad_fn()->name(), "UnsqueezeBackward1");
  y.squeeze_(0);
  EXPECT_EQ(y.grad_fn()->name(), "SqueezeBackward3");
  y.unsqueeze_(2);
  y.squeeze_();
  EXPECT_EQ(y.grad_fn()->name(), "SqueezeBackward2");
  EXPECT_EQ(y.sizes().vec(), (std::vector<int64_t>{2, 3}));
}

TEST(InplaceViewGrad, LeavesAreRefused) {
  Tensor x = rnd({2, 3});
  EXPECT_EQ(error_of([&] { x.t_(); }),
            "a leaf Variable that requires grad is being used in an in-place operation.");
  EXPECT_EQ(error_of([&] { x.unsqueeze_(0); }),
            "a leaf Variable that requires grad is being used in an in-place operation.");
  EXPECT_EQ(x.sizes().vec(), (std::vector<int64_t>{2, 3}));  // unchanged
  Tensor v = x.select(0, 0);
  EXPECT_EQ(error_of([&] { v.unsqueeze_(0); }),
            "a view of a leaf Variable that requires grad is being used in an in-place "
            "operation.");
  // Under no_grad, and for tensors outside autograd, they just change the geometry.
  {
    NoGradGuard no_grad;
    x.t_();
  }
  EXPECT_EQ(x.sizes().vec(), (std::vector<int64_t>{3, 2}));
  EXPECT_TRUE(x.is_leaf());
}

TEST(InplaceViewGrad, GradientValues) {
  // d/dx sum(t_(x * 1) * w) = w.t().
  Tensor x = rnd({2, 3});
  Tensor w = arange(6, TensorOptions(kDouble)).view({3, 2});
  Tensor y = x * 1;
  y.t_();
  (y * w).sum().backward();
  EXPECT_EQ(values(x.grad()), values(w.t().contiguous()));
  // unsqueeze_ then squeeze_(dim): the gradient comes back at x's shape.
  x.mutable_grad() = Tensor();
  Tensor z = x * 2;
  z.unsqueeze_(1);
  EXPECT_EQ(z.sizes().vec(), (std::vector<int64_t>{2, 1, 3}));
  (z * arange(3, TensorOptions(kDouble))).sum().backward();
  EXPECT_EQ(values(x.grad()), (std::vector<double>{0, 2, 4, 0, 2, 4}));
}

TEST(InplaceViewGrad, Gradcheck) {
  Tensor w = rnd({4, 1, 3}, -1, 1, 7).detach();
  auto f_t = [&](const autograd::variable_list& in) {
    Tensor y = in[0].exp();
    y.t_();
    return y * w.select(1, 0);
  };
  check_both("t_", f_t, {rnd({3, 4})});
  auto f_tr = [&](const autograd::variable_list& in) {
    Tensor y = in[0] * in[0];
    y.transpose_(0, 2);
    return y * w;
  };
  check_both("transpose_", f_tr, {rnd({3, 1, 4}, -1, 1, 1)});
  auto f_sq = [&](const autograd::variable_list& in) {
    Tensor y = in[0].sin();
    y.unsqueeze_(1);
    Tensor r = y * w;
    r.squeeze_(1);
    return r.exp();
  };
  check_both("unsqueeze_/squeeze_", f_sq, {rnd({4, 3}, -1, 1, 2)});
  // A non-contiguous input.
  check_both("t_ non-contiguous", f_t, {rnd({4, 3}, -1, 1, 3).t()});
}

TEST(InplaceViewGrad, OnAViewOfANonLeaf) {
  Tensor x = rnd({2, 3});
  Tensor y = x * 1;
  Tensor v = y.narrow(0, 0, 1);  // [1, 3]
  v.t_();                          // [3, 1]
  EXPECT_EQ(v.grad_fn()->name(), "TBackward1");
  EXPECT_TRUE(v._base().is_same(y));
  Tensor w = tensor({1.0, 2.0, 3.0}, TensorOptions(kDouble)).view({3, 1});
  (v * w).sum().backward();
  EXPECT_EQ(values(x.grad()), (std::vector<double>{1, 2, 3, 0, 0, 0}));
  // The base written in place after the view changed shape: the view reads
  // the new history with its new geometry.
  x.mutable_grad() = Tensor();
  Tensor y2 = x * 1;
  Tensor v2 = y2.narrow(0, 1, 1);
  v2.t_();
  y2.mul_(2);
  (v2 * w).sum().backward();
  EXPECT_EQ(values(x.grad()), (std::vector<double>{0, 0, 0, 2, 4, 6}));
}

TEST(InplaceViewGrad, ResizeRefusesTensorsRequiringGrad) {
  Tensor x = rnd({2, 3});
  Tensor y = x * 1;
  EXPECT_EQ(error_of([&] { y.resize_({6}); }), "cannot resize variables that require grad");
  EXPECT_EQ(error_of([&] { x.resize_({2, 3}); }), "cannot resize variables that require grad");
  {
    NoGradGuard no_grad;
    EXPECT_EQ(error_of([&] { y.resize_({6}); }), "cannot resize variables that require grad");
  }
  Tensor z = zeros({2, 3});
  z.resize_({6});
  EXPECT_EQ(z.sizes().vec(), (std::vector<int64_t>{6}));
}

}  // namespace
}  // namespace wick

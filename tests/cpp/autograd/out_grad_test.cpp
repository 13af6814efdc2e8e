// out= forms and autograd (Note [out= and autograd]): with grad mode on, the
// out= form of a differentiable op refuses inputs or outputs that require grad,
// with PyTorch's message naming PyTorch's op.
#include <gtest/gtest.h>

#include "grad_test_utils.h"

namespace wick {
namespace {

using test::error_of;

std::string out_msg(const char* op) {
  return std::string(op) +
         "(): functions with out=... arguments don't support automatic differentiation, but one "
         "of the arguments requires grad.";
}

TEST(OutGrad, InputRequiringGradIsRefused) {
  Tensor a = grad_test::rnd({3}), b = rand({3}, TensorOptions(kDouble));
  Tensor out = empty({3}, TensorOptions(kDouble));
  EXPECT_EQ(error_of([&] { add_out(out, a, b); }), out_msg("add"));
  EXPECT_EQ(error_of([&] { add_out(out, b, a); }), out_msg("add"));
  EXPECT_EQ(error_of([&] { mul_out(out, b, a); }), out_msg("mul"));
  // The input is not the leaf but has history.
  Tensor c = a * 2;
  EXPECT_EQ(error_of([&] { sub_out(out, c, b); }), out_msg("sub"));
  EXPECT_EQ(error_of([&] { exp_out(out, a); }), out_msg("exp"));
  EXPECT_EQ(error_of([&] { atan2_out(out, a, b); }), out_msg("atan2"));
  EXPECT_EQ(error_of([&] { maximum_out(out, a, b); }), out_msg("maximum"));
  EXPECT_EQ(error_of([&] { clamp_out(out, a, 0.0, 1.0); }), out_msg("clamp"));
  EXPECT_EQ(error_of([&] { where_out(out, b > 0.5, a, b); }), out_msg("where"));
}

TEST(OutGrad, OutRequiringGradIsRefused) {
  Tensor a = rand({3}, TensorOptions(kDouble)), b = rand({3}, TensorOptions(kDouble));
  Tensor out = grad_test::rnd({3});
  EXPECT_EQ(error_of([&] { add_out(out, a, b); }), out_msg("add"));
  EXPECT_EQ(error_of([&] { neg_out(out, a); }), out_msg("neg"));
  Tensor s = grad_test::rnd({});
  EXPECT_EQ(error_of([&] { sum_out(s, a, {0}); }), out_msg("sum"));
}

TEST(OutGrad, NamesArePyTorchs) {
  Tensor a = grad_test::rnd({3, 3});
  Tensor out = empty({0}, TensorOptions(kDouble));
  Tensor idx = empty({0}, TensorOptions(kLong));
  EXPECT_EQ(error_of([&] { arccos_out(out, a); }), out_msg("acos"));  // alias
  EXPECT_EQ(error_of([&] { square_out(out, a); }), out_msg("pow"));
  EXPECT_EQ(error_of([&] { matmul_out(out, a, a); }), out_msg("mm"));
  EXPECT_EQ(error_of([&] { mm_out(out, a, a); }), out_msg("mm"));
  EXPECT_EQ(error_of([&] { addmm_out(out, a, a, a); }), out_msg("addmm"));
  EXPECT_EQ(error_of([&] { outer_out(out, a[0], a[1]); }), out_msg("mul"));
  EXPECT_EQ(error_of([&] { max_out(out, a, a); }), out_msg("maximum"));
  EXPECT_EQ(error_of([&] { max_out(out, idx, a, 0); }), out_msg("max"));
  EXPECT_EQ(error_of([&] { sort_out(out, idx, a); }), out_msg("sort"));
  EXPECT_EQ(error_of([&] { msort_out(out, a); }), out_msg("sort"));
  EXPECT_EQ(error_of([&] { cat_out(out, {a, a}); }), out_msg("cat"));
  EXPECT_EQ(error_of([&] { cumsum_out(out, a, 0); }), out_msg("cumsum"));
  EXPECT_EQ(error_of([&] { gather_out(out, a, 0, zeros({1, 3}, TensorOptions(kLong))); }),
            out_msg("gather"));
  EXPECT_EQ(error_of([&] { linalg::det_out(out, a); }), out_msg("_linalg_det"));
  EXPECT_EQ(error_of([&] { linalg::inv_out(out, a); }), out_msg("linalg_inv_ex"));
  EXPECT_EQ(error_of([&] { float_power_out(out, a, a); }), out_msg("pow"));
}

TEST(OutGrad, AllowedWithoutGradMode) {
  Tensor a = grad_test::rnd({3}), b = rand({3}, TensorOptions(kDouble));
  Tensor out = empty({3}, TensorOptions(kDouble));
  {
    NoGradGuard no_grad;
    add_out(out, a, b);
  }
  EXPECT_FALSE(out.requires_grad());
  EXPECT_TRUE(out.equal(a.detach() + b));
  // No input requires grad: fine with grad mode on.
  mul_out(out, b, b);
  EXPECT_FALSE(out.requires_grad());
  EXPECT_TRUE(out.equal(b * b));
}

TEST(OutGrad, NonDifferentiableOpsAllowInputsRequiringGrad) {
  // As in PyTorch: comparisons, argmax, floor_divide have no derivative and
  // their out= forms take inputs requiring grad.
  Tensor a = grad_test::rnd({3}), b = rand({3}, TensorOptions(kDouble));
  Tensor mask = empty({3}, TensorOptions(kBool));
  eq_out(mask, a, b);
  EXPECT_FALSE(mask.requires_grad());
  Tensor i = empty({}, TensorOptions(kLong));
  argmax_out(i, a);
  EXPECT_EQ(i.item<int64_t>(), a.detach().argmax().item<int64_t>());
  Tensor q = empty({3}, TensorOptions(kDouble));
  floor_divide_out(q, a, b);
  EXPECT_FALSE(q.requires_grad());
}

}  // namespace
}  // namespace wick

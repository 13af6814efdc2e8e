#include <gtest/gtest.h>

#include "wick/wick.h"

using namespace wick;

TEST(Tensor, EmptyAndFull) {
  Tensor t = full({2, 3}, 7);
  EXPECT_EQ(t.dtype(), kLong);
  EXPECT_EQ(t.sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(t.strides(), IntArrayRef({3, 1}));
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_EQ(full({}, 1.5).dtype(), kFloat);
  EXPECT_EQ(full({}, true).dtype(), kBool);
  EXPECT_EQ(ones({4}).dtype(), kFloat);
  EXPECT_THROW(empty({-1, 2}), Error);
  Tensor u;
  EXPECT_THROW(u.sizes(), Error);
}

TEST(Tensor, CopyCastsAndBroadcasts) {
  Tensor dst = zeros({2, 3}, kInt);
  Tensor src = full({3}, 2.75);
  dst.copy_(src);
  const int32_t* p = dst.data_ptr<int32_t>();
  for (int i = 0; i < 6; ++i) EXPECT_EQ(p[i], 2);
  Tensor h = full({5}, 1.5).to(kHalf);
  EXPECT_EQ(h.dtype(), kHalf);
  EXPECT_EQ(h.to(kDouble).data_ptr<double>()[4], 1.5);
  Tensor b = full({3}, 0.25).to(kBool);
  EXPECT_TRUE(b.data_ptr<bool>()[0]);
  EXPECT_THROW(zeros({2}).copy_(ones({3})), Error);
}

TEST(TensorIterator, BroadcastShapeAndPromotion) {
  Tensor a = ones({2, 1}, kInt);
  Tensor b = ones({3}, kFloat);
  auto it = TensorIterator::binary_op(Tensor(), a, b);
  EXPECT_EQ(it.output().sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(it.output().dtype(), kFloat);
  EXPECT_EQ(result_type(ones({2}, kInt), Scalar(2.5)), kFloat);
  EXPECT_EQ(result_type(ones({2}, kByte), Scalar(300)), kByte);
  EXPECT_EQ(result_type(ones({2}, kBool), Scalar(3)), kLong);
  EXPECT_EQ(result_type({ones({2}, kInt), scalar_tensor(1.0, kDouble)}), kDouble);
  EXPECT_EQ(result_type({ones({2}, kFloat), scalar_tensor(1.0, kDouble)}), kFloat);
  try {
    TensorIterator::binary_op(Tensor(), ones({2, 3}), ones({4}));
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
                 "dimension 1");
  }
}

#include "test_utils.h"

TEST(Tensor, FromNestedLists) {
  Tensor t = tensor({{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(t.dtype(), kInt);
  EXPECT_EQ(t.sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(test::values(t), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(tensor({1.5, 2.0}).dtype(), kFloat);
  EXPECT_EQ(tensor({true, false}).dtype(), kBool);
  EXPECT_EQ(tensor({1, 2}, kDouble).dtype(), kDouble);
  EXPECT_EQ(tensor(3.5).dim(), 0);
  EXPECT_EQ(tensor(std::vector<int64_t>{4, 5}).dtype(), kLong);
  EXPECT_THROW(tensor({{1, 2}, {3}}), Error);
  EXPECT_TENSOR_EQ(tensor({1, 2}).to(kFloat), tensor({1.0f, 2.0f}));
}

#include "wick/core/dispatch.h"
#include "wick/kernels/cpu/loops.h"

namespace {
// A kernel defined here, so the iterator is tested independently of the op library.
Tensor add_via_iterator(const Tensor& a, const Tensor& b) {
  auto iter = TensorIterator::binary_op(Tensor(), a, b);
  WICK_DISPATCH_FLOATING_TYPES(iter.common_dtype(), "test_add", [&] {
    kernels::cpu_kernel(iter, [](scalar_t x, scalar_t y) -> scalar_t { return x + y; });
  });
  return iter.output();
}
Tensor arange_f(int64_t n) {
  std::vector<float> v(n);
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>(i);
  return tensor(v);
}
}  // namespace

TEST(TensorIterator, OutputFollowsInputLayout) {
  // Strides PyTorch gives: (a.t() + a.t()).stride() == (1, 3), etc.
  Tensor a = arange_f(6);
  Tensor mt = make_view(a, {3, 2}, {1, 3}, 0);
  Tensor r = add_via_iterator(mt, mt);
  EXPECT_EQ(r.strides(), IntArrayRef({1, 3}));
  EXPECT_EQ(test::values(r), (std::vector<double>{0, 6, 2, 8, 4, 10}));
  Tensor r2 = add_via_iterator(mt, ones({3, 2}));
  EXPECT_EQ(r2.strides(), IntArrayRef({1, 3}));
  EXPECT_EQ(test::values(r2), (std::vector<double>{1, 4, 2, 5, 3, 6}));
  // permute(2, 0, 1) of a (2, 3, 4) tensor: PyTorch gives strides (1, 12, 4).
  Tensor c = arange_f(24);
  Tensor p = make_view(c, {4, 2, 3}, {1, 12, 4}, 0);
  Tensor r3 = add_via_iterator(p, p);
  EXPECT_EQ(r3.strides(), IntArrayRef({1, 12, 4}));
  Tensor r4 = add_via_iterator(p, ones({4, 1, 1}));
  EXPECT_EQ(r4.strides(), IntArrayRef({1, 12, 4}));
  EXPECT_EQ(test::values(r4)[1], 5.0);  // p[0, 0, 1] is c[4]
}

TEST(TensorIterator, BroadcastExpandedAndLarge) {
  Tensor col = make_view(arange_f(3), {3, 4}, {1, 0}, 0);  // expand(3, 4) of a column
  Tensor row = arange_f(4);
  Tensor r = add_via_iterator(col, row);
  EXPECT_EQ(r.strides(), IntArrayRef({4, 1}));
  EXPECT_EQ(test::values(r),
            (std::vector<double>{0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5}));
  // Large enough to run on several threads, with a strided (transposed) operand.
  const int64_t n = 512;
  Tensor big = arange_f(n * n);
  Tensor bt = make_view(big, {n, n}, {1, n}, 0);
  Tensor s = add_via_iterator(bt, make_view(big, {n, n}, {n, 1}, 0));
  auto v = test::values(s.contiguous());
  auto at = [&](int64_t i, int64_t j) { return v[i * n + j]; };
  // s[i][j] = big[j*n+i] + big[i*n+j]
  EXPECT_EQ(at(3, 7), double(7 * n + 3 + 3 * n + 7));
  EXPECT_EQ(at(511, 0), double(0 * n + 511 + 511 * n + 0));
}

TEST(TensorIterator, InPlaceShapeAndCastingRules) {
  Tensor a = zeros({3}, kLong);
  try {
    TensorIteratorConfig().add_output(a).add_input(a).add_input(full({}, 1.5)).resize_outputs(false).build();
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "result type Float can't be cast to the desired output type Long");
  }
  Tensor b = zeros({3});
  try {
    TensorIteratorConfig().add_output(b).add_input(b).add_input(ones({2, 3})).resize_outputs(false).build();
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "output with shape [3] doesn't match the broadcast shape [2, 3]");
  }
  uint32_t v0 = b._version();
  TensorIteratorConfig().add_output(b).add_input(b).resize_outputs(false).build();
  EXPECT_EQ(b._version(), v0 + 1);
  // A view shares the version counter.
  Tensor view = make_view(b, {1}, {1}, 2);
  view.fill_(3);
  EXPECT_EQ(b._version(), v0 + 2);
  EXPECT_EQ(test::values(b)[2], 3.0);
}

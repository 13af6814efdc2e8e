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

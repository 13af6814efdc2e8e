#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "wick/wick.h"

using namespace wick;

TEST(DType, ElementSizesAndNames) {
  EXPECT_EQ(element_size(kFloat32), 4);
  EXPECT_EQ(element_size(kBFloat16), 2);
  EXPECT_EQ(element_size(kBool), 1);
  EXPECT_STREQ(python_name(kLong), "int64");
  EXPECT_STREQ(to_string(kFloat), "Float");
}

TEST(DType, PromotionTable) {
  // Values from torch.promote_types.
  EXPECT_EQ(promote_types(kUInt8, kInt8), kInt16);
  EXPECT_EQ(promote_types(kBool, kInt8), kInt8);
  EXPECT_EQ(promote_types(kHalf, kBFloat16), kFloat);
  EXPECT_EQ(promote_types(kInt64, kHalf), kHalf);
  EXPECT_EQ(promote_types(kFloat, kDouble), kDouble);
  EXPECT_EQ(promote_types(kInt32, kUInt8), kInt32);
}

TEST(DType, CanCast) {
  EXPECT_FALSE(can_cast(kFloat, kLong));
  EXPECT_FALSE(can_cast(kLong, kBool));
  EXPECT_TRUE(can_cast(kLong, kFloat));
  EXPECT_TRUE(can_cast(kBool, kBool));
}

TEST(Half, RoundTrip) {
  EXPECT_EQ(static_cast<float>(Half(1.0f)), 1.0f);
  EXPECT_EQ(Half(1.0f).x, 0x3c00);
  EXPECT_EQ(Half(65504.0f).x, 0x7bff);
  EXPECT_EQ(Half(65520.0f).x, 0x7c00);           // rounds up to inf
  EXPECT_EQ(Half(5.9604645e-08f).x, 0x0001);     // smallest subnormal
  EXPECT_EQ(static_cast<float>(Half::from_bits(0x0001)), 5.9604645e-08f);
  EXPECT_TRUE(std::isnan(static_cast<float>(Half(std::nanf("")))));
  EXPECT_EQ(Half(1.0009765625f + 0.00048828125f).x, 0x3c02);  // tie rounds to even
  EXPECT_EQ(Half(-2.0f).x, 0xc000);
}

TEST(BFloat16, RoundTrip) {
  EXPECT_EQ(BFloat16(1.0f).x, 0x3f80);
  EXPECT_EQ(static_cast<float>(BFloat16(3.140625f)), 3.140625f);
  EXPECT_EQ(BFloat16(1.00390625f).x, 0x3f80);  // tie to even
  EXPECT_TRUE(std::isnan(static_cast<float>(BFloat16(std::nanf("")))));
}

TEST(Device, Parse) {
  EXPECT_TRUE(Device("cpu").is_cpu());
  Device d("cuda:1");
  EXPECT_TRUE(d.is_cuda());
  EXPECT_EQ(d.index(), 1);
  EXPECT_EQ(d.str(), "cuda:1");
  EXPECT_THROW(Device("tpu"), Error);
  EXPECT_THROW(Device("cuda:x"), Error);
  EXPECT_THROW(empty({2}, TensorOptions(Device("cuda"))), Error);
}

TEST(Scalar, Categories) {
  EXPECT_EQ(Scalar(1).type(), kLong);
  EXPECT_EQ(Scalar(1.5).type(), kDouble);
  EXPECT_EQ(Scalar(true).type(), kBool);
  EXPECT_EQ(Scalar(2.7).to<int64_t>(), 2);
}

TEST(Parallel, CoversRangeOnce) {
  std::vector<int> hits(100000, 0);
  parallel_for(0, 100000, 1000, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) hits[i]++;
  });
  for (int h : hits) ASSERT_EQ(h, 1);
  EXPECT_THROW(parallel_for(0, 100000, 10,
                            [&](int64_t b, int64_t) {
                              if (b > 0) throw Error("boom");
                            }),
               Error);
}

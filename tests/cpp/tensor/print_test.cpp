// Tensor printing. Every expected string is what PyTorch (1.13, or 2.x where it
// differs: edgeitems=0) prints for repr() of the same tensor, with "torch" replaced
// by "wick"; inputs are built identically on both sides (seq() below mirrors
// torch.tensor([i * scale + shift ...], dtype=float64).reshape(sizes).to(dtype)).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// Element i (row-major) is (mod ? i % mod : i) * scale + shift, computed in double,
// then converted to dtype.
Tensor seq(std::vector<int64_t> sizes, ScalarType dtype, double scale, double shift,
           int64_t mod) {
  Tensor t = wick::empty(sizes, kDouble);
  double* p = t.data_ptr<double>();
  for (int64_t i = 0; i < t.numel(); ++i)
    p[i] = static_cast<double>(mod ? i % mod : i) * scale + shift;
  return t.to(dtype);
}

// The transpose of a 2-d tensor, as a strided view (no copy).
Tensor transposed(const Tensor& t) {
  std::vector<int64_t> sizes{t.size(1), t.size(0)}, strides{t.stride(1), t.stride(0)};
  return make_view(t, sizes, strides, t.storage_offset());
}

// A permutation of t's dims, as a strided view (torch: t.permute(dims)).
Tensor permuted(const Tensor& t, std::vector<int64_t> dims) {
  std::vector<int64_t> sizes, strides;
  for (int64_t d : dims) {
    sizes.push_back(t.size(d));
    strides.push_back(t.stride(d));
  }
  return make_view(t, sizes, strides, t.storage_offset());
}

// t (1-d float) with its first two elements replaced by nan and inf.
Tensor with_nan_inf(Tensor t) {
  float* p = t.data_ptr<float>();
  p[0] = static_cast<float>(kNaN);
  p[1] = static_cast<float>(kInf);
  t.bump_version();
  return t;
}

struct DefaultDtypeGuard {
  explicit DefaultDtypeGuard(ScalarType t) : saved(get_default_dtype()) { set_default_dtype(t); }
  ~DefaultDtypeGuard() { set_default_dtype(saved); }
  ScalarType saved;
};

}  // namespace

TEST(PrintTest, IntegerValuedFloats) {
  Tensor t = wick::tensor({1.0, 2.0, 3.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1., 2., 3.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, FixedPoint) {
  Tensor t = wick::tensor({1.5, -2.25, 3.125}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 1.5000, -2.2500,  3.1250])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, FixedPointRounding) {
  Tensor t = wick::tensor({0.1, 0.2, 0.33333333, 2.71828, -0.00015}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 1.0000e-01,  2.0000e-01,  3.3333e-01,  2.7183e+00, -1.5000e-04])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SmallValueGoesScientific) {
  Tensor t = wick::tensor({1e-05, 1.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e-05, 1.0000e+00])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, LargeIntegerValuedGoesScientific) {
  Tensor t = wick::tensor({10000000000.0, 1.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e+10, 1.0000e+00])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, AboveHundredMillionScientific) {
  Tensor t = wick::tensor({123456789.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.2346e+08])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, IntRatioExactly1000StaysFixed) {
  Tensor t = wick::tensor({1.0, 1000.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([   1., 1000.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, IntRatioAbove1000Scientific) {
  Tensor t = wick::tensor({1.0, 1001.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e+00, 1.0010e+03])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, FloatRatio1000StaysFixed) {
  Tensor t = wick::tensor({0.001, 1.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([0.0010, 1.0000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, MinJustAbove1e4StaysFixed) {
  Tensor t = wick::tensor({0.0001, 0.5}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e-04, 5.0000e-01])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, MinBelow1e4Scientific) {
  Tensor t = wick::tensor({9e-05, 0.5}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([9.0000e-05, 5.0000e-01])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NegativeScientific) {
  Tensor t = wick::tensor({-1.5e-07, 2500.0, -3.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([-1.5000e-07,  2.5000e+03, -3.0000e+00])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, HugeExponent) {
  Tensor t = wick::tensor({1e+300, -1e-300}, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor([ 1.0000e+300, -1.0000e-300], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NanInfWithFractions) {
  Tensor t = wick::tensor({kNaN, kInf, -kInf, 1.5}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([   nan,    inf,   -inf, 1.5000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NanInfWithIntegers) {
  Tensor t = wick::tensor({kNaN, kInf, -kInf, 2.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([nan, inf, -inf, 2.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, OnlyNan) {
  Tensor t = wick::tensor({kNaN}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([nan])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, OnlyInfinities) {
  Tensor t = wick::tensor({kInf, -kInf}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([inf, -inf])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NanWithScientific) {
  Tensor t = wick::tensor({kNaN, 1e-08, 100000000.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([       nan, 1.0000e-08, 1.0000e+08])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NegativeZeroFixed) {
  Tensor t = wick::tensor({-0.0, 0.5}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([-0.0000, 0.5000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NegativeZeroIntMode) {
  Tensor t = wick::tensor({-0.0, 1.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([-0., 1.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, AllZeros) {
  Tensor t = wick::tensor({0.0, 0.0, 0.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([0., 0., 0.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, AllZerosIgnoreSciMode) {
  PrintOptions o; o.sci_mode = true;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({0.0, 0.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([0., 0.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ColumnWidthAlignment) {
  Tensor t = wick::tensor({1.0, -100.0, 10000.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 1.0000e+00, -1.0000e+02,  1.0000e+04])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ColumnWidthAlignmentFixed) {
  Tensor t = wick::tensor({1.25, -100.5, 9999.125}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 1.2500e+00, -1.0050e+02,  9.9991e+03])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarFloat) {
  Tensor t = wick::full({}, 3.5, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(3.5000)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarIntegerValued) {
  Tensor t = wick::full({}, 3.0, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(3.)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarSmall) {
  Tensor t = wick::full({}, 1e-10, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(1.0000e-10)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarNan) {
  Tensor t = wick::full({}, kNaN, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(nan)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarNegInf) {
  Tensor t = wick::full({}, -kInf, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(-inf)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarNegativeZero) {
  Tensor t = wick::full({}, -0.0, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(-0.)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarInt64) {
  Tensor t = wick::full({}, 3, kLong);
  EXPECT_EQ(t.repr(),
      "tensor(3)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarInt32) {
  Tensor t = wick::full({}, -7, kInt);
  EXPECT_EQ(t.repr(),
      "tensor(-7, dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarBool) {
  Tensor t = wick::full({}, true, kBool);
  EXPECT_EQ(t.repr(),
      "tensor(True)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarDouble) {
  Tensor t = wick::full({}, 2.5, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor(2.5000, dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ScalarHalf) {
  Tensor t = wick::full({}, 0.1, kHalf);
  EXPECT_EQ(t.repr(),
      "tensor(0.1000, dtype=wick.float16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Int64) {
  Tensor t = wick::tensor({1, 2, 3}, kLong);
  EXPECT_EQ(t.repr(),
      "tensor([1, 2, 3])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Int32) {
  Tensor t = wick::tensor({1, 2}, kInt);
  EXPECT_EQ(t.repr(),
      "tensor([1, 2], dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, IntWidths) {
  Tensor t = wick::tensor({1, -100, 1000}, kLong);
  EXPECT_EQ(t.repr(),
      "tensor([   1, -100, 1000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Int64Extremes) {
  Tensor t = wick::tensor({4611686018427387904LL, (-9223372036854775807LL - 1), 0}, kLong);
  EXPECT_EQ(t.repr(),
      "tensor([ 4611686018427387904, -9223372036854775808,                    0])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Bools) {
  Tensor t = wick::tensor({true, false, true}, kBool);
  EXPECT_EQ(t.repr(),
      "tensor([ True, False,  True])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Bools2d) {
  Tensor t = wick::tensor({{true, false}, {false, false}}, kBool);
  EXPECT_EQ(t.repr(),
      "tensor([[ True, False],\n"
      "        [False, False]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Uint8) {
  Tensor t = wick::tensor({0, 255, 7}, kByte);
  EXPECT_EQ(t.repr(),
      "tensor([  0, 255,   7], dtype=wick.uint8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Int8) {
  Tensor t = wick::tensor({-128, 127, 0}, kChar);
  EXPECT_EQ(t.repr(),
      "tensor([-128,  127,    0], dtype=wick.int8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Int16) {
  Tensor t = wick::tensor({-300, 2, 32767}, kShort);
  EXPECT_EQ(t.repr(),
      "tensor([ -300,     2, 32767], dtype=wick.int16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_uint8) {
  Tensor t = seq({5}, kByte, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0, 1, 2, 3, 4], dtype=wick.uint8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_int8) {
  Tensor t = seq({5}, kChar, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2, -1,  0,  1,  2], dtype=wick.int8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_int16) {
  Tensor t = seq({5}, kShort, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2, -1,  0,  1,  2], dtype=wick.int16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_int32) {
  Tensor t = seq({5}, kInt, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2, -1,  0,  1,  2], dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_int64) {
  Tensor t = seq({5}, kLong, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2, -1,  0,  1,  2])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_float16) {
  Tensor t = seq({5}, kHalf, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2., -1.,  0.,  1.,  2.], dtype=wick.float16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_bfloat16) {
  Tensor t = seq({5}, kBFloat16, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2., -1.,  0.,  1.,  2.], dtype=wick.bfloat16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_float32) {
  Tensor t = seq({5}, kFloat, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2., -1.,  0.,  1.,  2.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Dtype_float64) {
  Tensor t = seq({5}, kDouble, 1.0, -2.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-2., -1.,  0.,  1.,  2.], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeFraction_float16) {
  Tensor t = wick::tensor({0.1, -1.3, 65.7}, kHalf);
  EXPECT_EQ(t.repr(),
      "tensor([ 0.1000, -1.2998, 65.6875], dtype=wick.float16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSci_float16) {
  Tensor t = wick::tensor({0.0001, 12.5, 3000.0}, kHalf);
  EXPECT_EQ(t.repr(),
      "tensor([1.0002e-04, 1.2500e+01, 3.0000e+03], dtype=wick.float16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeFraction_bfloat16) {
  Tensor t = wick::tensor({0.1, -1.3, 65.7}, kBFloat16);
  EXPECT_EQ(t.repr(),
      "tensor([ 0.1001, -1.2969, 65.5000], dtype=wick.bfloat16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSci_bfloat16) {
  Tensor t = wick::tensor({0.0001, 12.5, 3000.0}, kBFloat16);
  EXPECT_EQ(t.repr(),
      "tensor([1.0014e-04, 1.2500e+01, 3.0080e+03], dtype=wick.bfloat16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeFraction_float32) {
  Tensor t = wick::tensor({0.1, -1.3, 65.7}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 0.1000, -1.3000, 65.7000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSci_float32) {
  Tensor t = wick::tensor({0.0001, 12.5, 3000.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e-04, 1.2500e+01, 3.0000e+03])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeFraction_float64) {
  Tensor t = wick::tensor({0.1, -1.3, 65.7}, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor([ 0.1000, -1.3000, 65.7000], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSci_float64) {
  Tensor t = wick::tensor({0.0001, 12.5, 3000.0}, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e-04, 1.2500e+01, 3.0000e+03], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Matrix) {
  Tensor t = wick::tensor({{1.5, 2.0}, {3.0, 4.25}}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([[1.5000, 2.0000],\n"
      "        [3.0000, 4.2500]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, MatrixNegative) {
  Tensor t = wick::tensor({{-1.0, 2.0}, {3.0, -40.0}}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([[ -1.,   2.],\n"
      "        [  3., -40.]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Column) {
  Tensor t = wick::tensor({{1}, {2}, {3}}, kLong);
  EXPECT_EQ(t.repr(),
      "tensor([[1],\n"
      "        [2],\n"
      "        [3]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ThreeD) {
  Tensor t = seq({2, 3, 4}, kFloat, 0.5, -3.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[-3.0000, -2.5000, -2.0000, -1.5000],\n"
      "         [-1.0000, -0.5000,  0.0000,  0.5000],\n"
      "         [ 1.0000,  1.5000,  2.0000,  2.5000]],\n"
      "\n"
      "        [[ 3.0000,  3.5000,  4.0000,  4.5000],\n"
      "         [ 5.0000,  5.5000,  6.0000,  6.5000],\n"
      "         [ 7.0000,  7.5000,  8.0000,  8.5000]]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, FourD) {
  Tensor t = seq({2, 2, 2, 3}, kLong, 1.0, -5.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[[-5, -4, -3],\n"
      "          [-2, -1,  0]],\n"
      "\n"
      "         [[ 1,  2,  3],\n"
      "          [ 4,  5,  6]]],\n"
      "\n"
      "\n"
      "        [[[ 7,  8,  9],\n"
      "          [10, 11, 12]],\n"
      "\n"
      "         [[13, 14, 15],\n"
      "          [16, 17, 18]]]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, FiveD) {
  Tensor t = seq({2, 1, 2, 1, 2}, kDouble, 0.25, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[[[0.0000, 0.2500]],\n"
      "\n"
      "          [[0.5000, 0.7500]]]],\n"
      "\n"
      "\n"
      "\n"
      "        [[[[1.0000, 1.2500]],\n"
      "\n"
      "          [[1.5000, 1.7500]]]]], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SingleElementNested) {
  Tensor t = wick::tensor({{{7.5}}}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([[[7.5000]]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Transposed) {
  Tensor t = transposed(seq({3, 4}, kFloat, 1.5, -2.0, 0));
  EXPECT_EQ(t.repr(),
      "tensor([[-2.0000,  4.0000, 10.0000],\n"
      "        [-0.5000,  5.5000, 11.5000],\n"
      "        [ 1.0000,  7.0000, 13.0000],\n"
      "        [ 2.5000,  8.5000, 14.5000]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, TransposedInt) {
  Tensor t = transposed(seq({2, 3}, kInt, 1.0, 0.0, 0));
  EXPECT_EQ(t.repr(),
      "tensor([[0, 3],\n"
      "        [1, 4],\n"
      "        [2, 5]], dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, WrapVector) {
  Tensor t = seq({30}, kFloat, 1.37, -5.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-5.0000, -3.6300, -2.2600, -0.8900,  0.4800,  1.8500,  3.2200,  4.5900,\n"
      "         5.9600,  7.3300,  8.7000, 10.0700, 11.4400, 12.8100, 14.1800, 15.5500,\n"
      "        16.9200, 18.2900, 19.6600, 21.0300, 22.4000, 23.7700, 25.1400, 26.5100,\n"
      "        27.8800, 29.2500, 30.6200, 31.9900, 33.3600, 34.7300])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, WrapVectorInts) {
  Tensor t = seq({60}, kLong, 7.0, -100.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-100,  -93,  -86,  -79,  -72,  -65,  -58,  -51,  -44,  -37,  -30,  -23,\n"
      "         -16,   -9,   -2,    5,   12,   19,   26,   33,   40,   47,   54,   61,\n"
      "          68,   75,   82,   89,   96,  103,  110,  117,  124,  131,  138,  145,\n"
      "         152,  159,  166,  173,  180,  187,  194,  201,  208,  215,  222,  229,\n"
      "         236,  243,  250,  257,  264,  271,  278,  285,  292,  299,  306,  313])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, WrapMatrixRows) {
  Tensor t = seq({3, 25}, kFloat, 0.5, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[ 0.0000,  0.5000,  1.0000,  1.5000,  2.0000,  2.5000,  3.0000,  3.5000,\n"
      "          4.0000,  4.5000,  5.0000,  5.5000,  6.0000,  6.5000,  7.0000,  7.5000,\n"
      "          8.0000,  8.5000,  9.0000,  9.5000, 10.0000, 10.5000, 11.0000, 11.5000,\n"
      "         12.0000],\n"
      "        [12.5000, 13.0000, 13.5000, 14.0000, 14.5000, 15.0000, 15.5000, 16.0000,\n"
      "         16.5000, 17.0000, 17.5000, 18.0000, 18.5000, 19.0000, 19.5000, 20.0000,\n"
      "         20.5000, 21.0000, 21.5000, 22.0000, 22.5000, 23.0000, 23.5000, 24.0000,\n"
      "         24.5000],\n"
      "        [25.0000, 25.5000, 26.0000, 26.5000, 27.0000, 27.5000, 28.0000, 28.5000,\n"
      "         29.0000, 29.5000, 30.0000, 30.5000, 31.0000, 31.5000, 32.0000, 32.5000,\n"
      "         33.0000, 33.5000, 34.0000, 34.5000, 35.0000, 35.5000, 36.0000, 36.5000,\n"
      "         37.0000]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, WrapThreeD) {
  Tensor t = seq({2, 2, 20}, kDouble, 0.125, -1.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[-1.0000, -0.8750, -0.7500, -0.6250, -0.5000, -0.3750, -0.2500,\n"
      "          -0.1250,  0.0000,  0.1250,  0.2500,  0.3750,  0.5000,  0.6250,\n"
      "           0.7500,  0.8750,  1.0000,  1.1250,  1.2500,  1.3750],\n"
      "         [ 1.5000,  1.6250,  1.7500,  1.8750,  2.0000,  2.1250,  2.2500,\n"
      "           2.3750,  2.5000,  2.6250,  2.7500,  2.8750,  3.0000,  3.1250,\n"
      "           3.2500,  3.3750,  3.5000,  3.6250,  3.7500,  3.8750]],\n"
      "\n"
      "        [[ 4.0000,  4.1250,  4.2500,  4.3750,  4.5000,  4.6250,  4.7500,\n"
      "           4.8750,  5.0000,  5.1250,  5.2500,  5.3750,  5.5000,  5.6250,\n"
      "           5.7500,  5.8750,  6.0000,  6.1250,  6.2500,  6.3750],\n"
      "         [ 6.5000,  6.6250,  6.7500,  6.8750,  7.0000,  7.1250,  7.2500,\n"
      "           7.3750,  7.5000,  7.6250,  7.7500,  7.8750,  8.0000,  8.1250,\n"
      "           8.2500,  8.3750,  8.5000,  8.6250,  8.7500,  8.8750]]],\n"
      "       dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, WrapScientific) {
  Tensor t = seq({20}, kFloat, 1.5e-06, 1e-06, 0);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e-06, 2.5000e-06, 4.0000e-06, 5.5000e-06, 7.0000e-06, 8.5000e-06,\n"
      "        1.0000e-05, 1.1500e-05, 1.3000e-05, 1.4500e-05, 1.6000e-05, 1.7500e-05,\n"
      "        1.9000e-05, 2.0500e-05, 2.2000e-05, 2.3500e-05, 2.5000e-05, 2.6500e-05,\n"
      "        2.8000e-05, 2.9500e-05])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, WrapBools) {
  Tensor t = seq({40}, kBool, 1.0, 0.0, 3);
  EXPECT_EQ(t.repr(),
      "tensor([False,  True,  True, False,  True,  True, False,  True,  True, False,\n"
      "         True,  True, False,  True,  True, False,  True,  True, False,  True,\n"
      "         True, False,  True,  True, False,  True,  True, False,  True,  True,\n"
      "        False,  True,  True, False,  True,  True, False,  True,  True, False])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Summarise1d) {
  Tensor t = seq({2000}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
      "        1.9990e+03])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Summarise1dFractions) {
  Tensor t = seq({2000}, kFloat, 0.01, -3.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-3.0000, -2.9900, -2.9800,  ..., 16.9700, 16.9800, 16.9900])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Summarise1dInt) {
  Tensor t = seq({1001}, kLong, 3.0, -1000.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([-1000,  -997,  -994,  ...,  1994,  1997,  2000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummariseBool) {
  Tensor t = seq({2000}, kBool, 1.0, 0.0, 2);
  EXPECT_EQ(t.repr(),
      "tensor([False,  True, False,  ...,  True, False,  True])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummariseMatrix) {
  Tensor t = seq({100, 100}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.7000e+01, 9.8000e+01,\n"
      "         9.9000e+01],\n"
      "        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.9700e+02, 1.9800e+02,\n"
      "         1.9900e+02],\n"
      "        [2.0000e+02, 2.0100e+02, 2.0200e+02,  ..., 2.9700e+02, 2.9800e+02,\n"
      "         2.9900e+02],\n"
      "        ...,\n"
      "        [9.7000e+03, 9.7010e+03, 9.7020e+03,  ..., 9.7970e+03, 9.7980e+03,\n"
      "         9.7990e+03],\n"
      "        [9.8000e+03, 9.8010e+03, 9.8020e+03,  ..., 9.8970e+03, 9.8980e+03,\n"
      "         9.8990e+03],\n"
      "        [9.9000e+03, 9.9010e+03, 9.9020e+03,  ..., 9.9970e+03, 9.9980e+03,\n"
      "         9.9990e+03]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummariseMatrixWide) {
  Tensor t = seq({2, 1000}, kFloat, 0.5, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[0.0000e+00, 5.0000e-01, 1.0000e+00,  ..., 4.9850e+02, 4.9900e+02,\n"
      "         4.9950e+02],\n"
      "        [5.0000e+02, 5.0050e+02, 5.0100e+02,  ..., 9.9850e+02, 9.9900e+02,\n"
      "         9.9950e+02]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummariseMatrixTall) {
  Tensor t = seq({1000, 2}, kInt, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[   0,    1],\n"
      "        [   2,    3],\n"
      "        [   4,    5],\n"
      "        ...,\n"
      "        [1994, 1995],\n"
      "        [1996, 1997],\n"
      "        [1998, 1999]], dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Summarise3d) {
  Tensor t = seq({20, 20, 20}, kDouble, 0.001, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[0.0000e+00, 1.0000e-03, 2.0000e-03,  ..., 1.7000e-02,\n"
      "          1.8000e-02, 1.9000e-02],\n"
      "         [2.0000e-02, 2.1000e-02, 2.2000e-02,  ..., 3.7000e-02,\n"
      "          3.8000e-02, 3.9000e-02],\n"
      "         [4.0000e-02, 4.1000e-02, 4.2000e-02,  ..., 5.7000e-02,\n"
      "          5.8000e-02, 5.9000e-02],\n"
      "         ...,\n"
      "         [3.4000e-01, 3.4100e-01, 3.4200e-01,  ..., 3.5700e-01,\n"
      "          3.5800e-01, 3.5900e-01],\n"
      "         [3.6000e-01, 3.6100e-01, 3.6200e-01,  ..., 3.7700e-01,\n"
      "          3.7800e-01, 3.7900e-01],\n"
      "         [3.8000e-01, 3.8100e-01, 3.8200e-01,  ..., 3.9700e-01,\n"
      "          3.9800e-01, 3.9900e-01]],\n"
      "\n"
      "        [[4.0000e-01, 4.0100e-01, 4.0200e-01,  ..., 4.1700e-01,\n"
      "          4.1800e-01, 4.1900e-01],\n"
      "         [4.2000e-01, 4.2100e-01, 4.2200e-01,  ..., 4.3700e-01,\n"
      "          4.3800e-01, 4.3900e-01],\n"
      "         [4.4000e-01, 4.4100e-01, 4.4200e-01,  ..., 4.5700e-01,\n"
      "          4.5800e-01, 4.5900e-01],\n"
      "         ...,\n"
      "         [7.4000e-01, 7.4100e-01, 7.4200e-01,  ..., 7.5700e-01,\n"
      "          7.5800e-01, 7.5900e-01],\n"
      "         [7.6000e-01, 7.6100e-01, 7.6200e-01,  ..., 7.7700e-01,\n"
      "          7.7800e-01, 7.7900e-01],\n"
      "         [7.8000e-01, 7.8100e-01, 7.8200e-01,  ..., 7.9700e-01,\n"
      "          7.9800e-01, 7.9900e-01]],\n"
      "\n"
      "        [[8.0000e-01, 8.0100e-01, 8.0200e-01,  ..., 8.1700e-01,\n"
      "          8.1800e-01, 8.1900e-01],\n"
      "         [8.2000e-01, 8.2100e-01, 8.2200e-01,  ..., 8.3700e-01,\n"
      "          8.3800e-01, 8.3900e-01],\n"
      "         [8.4000e-01, 8.4100e-01, 8.4200e-01,  ..., 8.5700e-01,\n"
      "          8.5800e-01, 8.5900e-01],\n"
      "         ...,\n"
      "         [1.1400e+00, 1.1410e+00, 1.1420e+00,  ..., 1.1570e+00,\n"
      "          1.1580e+00, 1.1590e+00],\n"
      "         [1.1600e+00, 1.1610e+00, 1.1620e+00,  ..., 1.1770e+00,\n"
      "          1.1780e+00, 1.1790e+00],\n"
      "         [1.1800e+00, 1.1810e+00, 1.1820e+00,  ..., 1.1970e+00,\n"
      "          1.1980e+00, 1.1990e+00]],\n"
      "\n"
      "        ...,\n"
      "\n"
      "        [[6.8000e+00, 6.8010e+00, 6.8020e+00,  ..., 6.8170e+00,\n"
      "          6.8180e+00, 6.8190e+00],\n"
      "         [6.8200e+00, 6.8210e+00, 6.8220e+00,  ..., 6.8370e+00,\n"
      "          6.8380e+00, 6.8390e+00],\n"
      "         [6.8400e+00, 6.8410e+00, 6.8420e+00,  ..., 6.8570e+00,\n"
      "          6.8580e+00, 6.8590e+00],\n"
      "         ...,\n"
      "         [7.1400e+00, 7.1410e+00, 7.1420e+00,  ..., 7.1570e+00,\n"
      "          7.1580e+00, 7.1590e+00],\n"
      "         [7.1600e+00, 7.1610e+00, 7.1620e+00,  ..., 7.1770e+00,\n"
      "          7.1780e+00, 7.1790e+00],\n"
      "         [7.1800e+00, 7.1810e+00, 7.1820e+00,  ..., 7.1970e+00,\n"
      "          7.1980e+00, 7.1990e+00]],\n"
      "\n"
      "        [[7.2000e+00, 7.2010e+00, 7.2020e+00,  ..., 7.2170e+00,\n"
      "          7.2180e+00, 7.2190e+00],\n"
      "         [7.2200e+00, 7.2210e+00, 7.2220e+00,  ..., 7.2370e+00,\n"
      "          7.2380e+00, 7.2390e+00],\n"
      "         [7.2400e+00, 7.2410e+00, 7.2420e+00,  ..., 7.2570e+00,\n"
      "          7.2580e+00, 7.2590e+00],\n"
      "         ...,\n"
      "         [7.5400e+00, 7.5410e+00, 7.5420e+00,  ..., 7.5570e+00,\n"
      "          7.5580e+00, 7.5590e+00],\n"
      "         [7.5600e+00, 7.5610e+00, 7.5620e+00,  ..., 7.5770e+00,\n"
      "          7.5780e+00, 7.5790e+00],\n"
      "         [7.5800e+00, 7.5810e+00, 7.5820e+00,  ..., 7.5970e+00,\n"
      "          7.5980e+00, 7.5990e+00]],\n"
      "\n"
      "        [[7.6000e+00, 7.6010e+00, 7.6020e+00,  ..., 7.6170e+00,\n"
      "          7.6180e+00, 7.6190e+00],\n"
      "         [7.6200e+00, 7.6210e+00, 7.6220e+00,  ..., 7.6370e+00,\n"
      "          7.6380e+00, 7.6390e+00],\n"
      "         [7.6400e+00, 7.6410e+00, 7.6420e+00,  ..., 7.6570e+00,\n"
      "          7.6580e+00, 7.6590e+00],\n"
      "         ...,\n"
      "         [7.9400e+00, 7.9410e+00, 7.9420e+00,  ..., 7.9570e+00,\n"
      "          7.9580e+00, 7.9590e+00],\n"
      "         [7.9600e+00, 7.9610e+00, 7.9620e+00,  ..., 7.9770e+00,\n"
      "          7.9780e+00, 7.9790e+00],\n"
      "         [7.9800e+00, 7.9810e+00, 7.9820e+00,  ..., 7.9970e+00,\n"
      "          7.9980e+00, 7.9990e+00]]], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Summarise4d) {
  Tensor t = seq({2, 3, 20, 20}, kShort, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[[   0,    1,    2,  ...,   17,   18,   19],\n"
      "          [  20,   21,   22,  ...,   37,   38,   39],\n"
      "          [  40,   41,   42,  ...,   57,   58,   59],\n"
      "          ...,\n"
      "          [ 340,  341,  342,  ...,  357,  358,  359],\n"
      "          [ 360,  361,  362,  ...,  377,  378,  379],\n"
      "          [ 380,  381,  382,  ...,  397,  398,  399]],\n"
      "\n"
      "         [[ 400,  401,  402,  ...,  417,  418,  419],\n"
      "          [ 420,  421,  422,  ...,  437,  438,  439],\n"
      "          [ 440,  441,  442,  ...,  457,  458,  459],\n"
      "          ...,\n"
      "          [ 740,  741,  742,  ...,  757,  758,  759],\n"
      "          [ 760,  761,  762,  ...,  777,  778,  779],\n"
      "          [ 780,  781,  782,  ...,  797,  798,  799]],\n"
      "\n"
      "         [[ 800,  801,  802,  ...,  817,  818,  819],\n"
      "          [ 820,  821,  822,  ...,  837,  838,  839],\n"
      "          [ 840,  841,  842,  ...,  857,  858,  859],\n"
      "          ...,\n"
      "          [1140, 1141, 1142,  ..., 1157, 1158, 1159],\n"
      "          [1160, 1161, 1162,  ..., 1177, 1178, 1179],\n"
      "          [1180, 1181, 1182,  ..., 1197, 1198, 1199]]],\n"
      "\n"
      "\n"
      "        [[[1200, 1201, 1202,  ..., 1217, 1218, 1219],\n"
      "          [1220, 1221, 1222,  ..., 1237, 1238, 1239],\n"
      "          [1240, 1241, 1242,  ..., 1257, 1258, 1259],\n"
      "          ...,\n"
      "          [1540, 1541, 1542,  ..., 1557, 1558, 1559],\n"
      "          [1560, 1561, 1562,  ..., 1577, 1578, 1579],\n"
      "          [1580, 1581, 1582,  ..., 1597, 1598, 1599]],\n"
      "\n"
      "         [[1600, 1601, 1602,  ..., 1617, 1618, 1619],\n"
      "          [1620, 1621, 1622,  ..., 1637, 1638, 1639],\n"
      "          [1640, 1641, 1642,  ..., 1657, 1658, 1659],\n"
      "          ...,\n"
      "          [1940, 1941, 1942,  ..., 1957, 1958, 1959],\n"
      "          [1960, 1961, 1962,  ..., 1977, 1978, 1979],\n"
      "          [1980, 1981, 1982,  ..., 1997, 1998, 1999]],\n"
      "\n"
      "         [[2000, 2001, 2002,  ..., 2017, 2018, 2019],\n"
      "          [2020, 2021, 2022,  ..., 2037, 2038, 2039],\n"
      "          [2040, 2041, 2042,  ..., 2057, 2058, 2059],\n"
      "          ...,\n"
      "          [2340, 2341, 2342,  ..., 2357, 2358, 2359],\n"
      "          [2360, 2361, 2362,  ..., 2377, 2378, 2379],\n"
      "          [2380, 2381, 2382,  ..., 2397, 2398, 2399]]]], dtype=wick.int16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummariseWidthFromShownOnly) {
  Tensor t = seq({2000}, kFloat, 1.0, 0.0, 1000);
  EXPECT_EQ(t.repr(),
      "tensor([  0.,   1.,   2.,  ..., 997., 998., 999.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummariseHalf) {
  Tensor t = seq({1500}, kHalf, 0.5, 0.0, 100);
  EXPECT_EQ(t.repr(),
      "tensor([ 0.0000,  0.5000,  1.0000,  ..., 48.5000, 49.0000, 49.5000],\n"
      "       dtype=wick.float16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EmptyFloat) {
  Tensor t = wick::empty({0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EmptyMatrix) {
  Tensor t = wick::empty({0, 3}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([], size=(0, 3))");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EmptyInt64) {
  Tensor t = wick::empty({0}, kLong);
  EXPECT_EQ(t.repr(),
      "tensor([], dtype=wick.int64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EmptyBool) {
  Tensor t = wick::empty({0}, kBool);
  EXPECT_EQ(t.repr(),
      "tensor([], dtype=wick.bool)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EmptyDouble) {
  Tensor t = wick::empty({0}, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor([], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EmptyInt32ThreeD) {
  Tensor t = wick::empty({2, 0, 3}, kInt);
  EXPECT_EQ(t.repr(),
      "tensor([], size=(2, 0, 3), dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Precision2) {
  PrintOptions o; o.precision = 2;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1.23456, -2.5, 3.14159}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 1.23, -2.50,  3.14])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Precision0) {
  PrintOptions o; o.precision = 0;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1.5, 2.5, -0.4}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([ 2,  2, -0])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Precision10) {
  PrintOptions o; o.precision = 10;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({0.3333333333333333, 0.6666666666666666}, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor([0.3333333333, 0.6666666667], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Precision2Sci) {
  PrintOptions o; o.precision = 2;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1e-05, 1.23456}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.00e-05, 1.23e+00])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Threshold5) {
  PrintOptions o; o.threshold = 5.0;
  PrintOptionsGuard guard(o);
  Tensor t = seq({10}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0., 1., 2.,  ..., 7., 8., 9.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Threshold5Matrix) {
  PrintOptions o; o.threshold = 5.0;
  PrintOptionsGuard guard(o);
  Tensor t = seq({4, 4}, kLong, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[ 0,  1,  2,  3],\n"
      "        [ 4,  5,  6,  7],\n"
      "        [ 8,  9, 10, 11],\n"
      "        [12, 13, 14, 15]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ThresholdZeroScalar) {
  PrintOptions o; o.threshold = 0.0;
  PrintOptionsGuard guard(o);
  Tensor t = wick::full({}, 2.5, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(2.5000)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EdgeItems1) {
  PrintOptions o; o.threshold = 5.0; o.edgeitems = 1;
  PrintOptionsGuard guard(o);
  Tensor t = seq({3, 3, 3}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[[ 0.,  ...,  2.],\n"
      "         ...,\n"
      "         [ 6.,  ...,  8.]],\n"
      "\n"
      "        ...,\n"
      "\n"
      "        [[18.,  ..., 20.],\n"
      "         ...,\n"
      "         [24.,  ..., 26.]]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EdgeItems0Vector) {
  PrintOptions o; o.threshold = 5.0; o.edgeitems = 0;
  PrintOptionsGuard guard(o);
  Tensor t = seq({10}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([...], size=(10,))");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EdgeItems0Matrix) {
  PrintOptions o; o.threshold = 5.0; o.edgeitems = 0;
  PrintOptionsGuard guard(o);
  Tensor t = seq({4, 4}, kInt, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([...], size=(4, 4), dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EdgeItems0NotSummarised) {
  PrintOptions o; o.edgeitems = 0;
  PrintOptionsGuard guard(o);
  Tensor t = seq({2, 2}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[0., 1.],\n"
      "        [2., 3.]], size=(2, 2))");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, EdgeItems0Scalar) {
  PrintOptions o; o.edgeitems = 0;
  PrintOptionsGuard guard(o);
  Tensor t = wick::full({}, 1.5, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor(1.5000, size=())");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Linewidth40) {
  PrintOptions o; o.linewidth = 40;
  PrintOptionsGuard guard(o);
  Tensor t = seq({20}, kFloat, 1.25, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([ 0.0000,  1.2500,  2.5000,\n"
      "         3.7500,  5.0000,  6.2500,\n"
      "         7.5000,  8.7500, 10.0000,\n"
      "        11.2500, 12.5000, 13.7500,\n"
      "        15.0000, 16.2500, 17.5000,\n"
      "        18.7500, 20.0000, 21.2500,\n"
      "        22.5000, 23.7500])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Linewidth40Matrix) {
  PrintOptions o; o.linewidth = 40;
  PrintOptionsGuard guard(o);
  Tensor t = seq({2, 12}, kLong, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[ 0,  1,  2,  3,  4,  5,  6,  7,\n"
      "          8,  9, 10, 11],\n"
      "        [12, 13, 14, 15, 16, 17, 18, 19,\n"
      "         20, 21, 22, 23]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, LinewidthTiny) {
  PrintOptions o; o.linewidth = 5;
  PrintOptionsGuard guard(o);
  Tensor t = seq({3}, kDouble, 1.5, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0.0000,\n"
      "        1.5000,\n"
      "        3.0000],\n"
      "       dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ProfileShort) {
  PrintOptions o; o.profile = "short";
  PrintOptionsGuard guard(o);
  Tensor t = seq({2000}, kFloat, 0.001, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0.00e+00, 1.00e-03,  ..., 2.00e+00, 2.00e+00])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ProfileShortMatrix) {
  PrintOptions o; o.profile = "short";
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({{1.23456, 2.5}, {3.0, 4.0}}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([[1.23, 2.50],\n"
      "        [3.00, 4.00]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ProfileFull) {
  PrintOptions o; o.profile = "full";
  PrintOptionsGuard guard(o);
  Tensor t = seq({1001}, kByte, 1.0, 0.0, 10);
  EXPECT_EQ(t.repr(),
      "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,\n"
      "        8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,\n"
      "        2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,\n"
      "        6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,\n"
      "        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,\n"
      "        4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0], dtype=wick.uint8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, ProfileThenPrecision) {
  PrintOptions o; o.profile = "short"; o.precision = 5;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1.23456}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.23456])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SciModeOn) {
  PrintOptions o; o.sci_mode = true;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1.5, 2.25}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.5000e+00, 2.2500e+00])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SciModeOnInts) {
  PrintOptions o; o.sci_mode = true;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1.0, 20.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.0000e+00, 2.0000e+01])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SciModeOffSmall) {
  PrintOptions o; o.sci_mode = false;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1e-05, 1.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([    0.0000,     1.0000])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SciModeOffLargeInts) {
  PrintOptions o; o.sci_mode = false;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({10000000000.0, 1.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([10000000000.,         1.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SciModeOnIgnoredForInts) {
  PrintOptions o; o.sci_mode = true;
  PrintOptionsGuard guard(o);
  Tensor t = wick::tensor({1, 2}, kLong);
  EXPECT_EQ(t.repr(),
      "tensor([1, 2])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSuffixWraps) {
  Tensor t = seq({2, 7}, kDouble, 1111.125, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[    0.0000,  1111.1250,  2222.2500,  3333.3750,  4444.5000,  5555.6250,\n"
      "          6666.7500],\n"
      "        [ 7777.8750,  8889.0000, 10000.1250, 11111.2500, 12222.3750, 13333.5000,\n"
      "         14444.6250]], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSuffixFitsOneLine) {
  Tensor t = seq({6}, kDouble, 1111.125, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([   0.0000, 1111.1250, 2222.2500, 3333.3750, 4444.5000, 5555.6250],\n"
      "       dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DtypeSuffixWrapsOneLine) {
  Tensor t = seq({7}, kDouble, 1111.125, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([   0.0000, 1111.1250, 2222.2500, 3333.3750, 4444.5000, 5555.6250,\n"
      "        6666.7500], dtype=wick.float64)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DefaultDtypeDouble) {
  DefaultDtypeGuard dd(kDouble);
  Tensor t = wick::tensor({1.5, 2.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.5000, 2.0000], dtype=wick.float32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DefaultDtypeDoubleFloatNamed) {
  DefaultDtypeGuard dd(kDouble);
  Tensor t = wick::tensor({1.5, 2.0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([1.5000, 2.0000], dtype=wick.float32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DefaultDtypeDoubleEmpty) {
  DefaultDtypeGuard dd(kDouble);
  Tensor t = wick::empty({0}, kDouble);
  EXPECT_EQ(t.repr(),
      "tensor([])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, DefaultDtypeDoubleEmptyFloat) {
  DefaultDtypeGuard dd(kDouble);
  Tensor t = wick::empty({0}, kFloat);
  EXPECT_EQ(t.repr(),
      "tensor([], dtype=wick.float32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, RequiresGradSuffix) {
  Tensor t = wick::tensor({1.0, 2.0}, kFloat);
  EXPECT_EQ(repr(t, {"requires_grad=True"}),
      "tensor([1., 2.], requires_grad=True)");
}

TEST(PrintTest, GradFnSuffixWraps) {
  Tensor t = seq({2, 8}, kDouble, 1111.125, 0.0, 0);
  EXPECT_EQ(repr(t, {"grad_fn=<MulBackward0>"}),
      "tensor([[    0.0000,  1111.1250,  2222.2500,  3333.3750,  4444.5000,  5555.6250,\n"
      "          6666.7500,  7777.8750],\n"
      "        [ 8889.0000, 10000.1250, 11111.2500, 12222.3750, 13333.5000, 14444.6250,\n"
      "         15555.7500, 16666.8750]], dtype=wick.float64, grad_fn=<MulBackward0>)");
}

TEST(PrintTest, GradFnAfterDtype) {
  Tensor t = wick::tensor({1.5, 2.0}, kDouble);
  EXPECT_EQ(repr(t, {"grad_fn=<MulBackward0>"}),
      "tensor([1.5000, 2.0000], dtype=wick.float64, grad_fn=<MulBackward0>)");
}

TEST(PrintTest, SubclassPrefix) {
  Tensor t = seq({2, 3}, kFloat, 0.5, 0.0, 0);
  EXPECT_EQ(repr(t, {}, "MyTensor("),
      "MyTensor([[0.0000, 0.5000, 1.0000],\n"
      "          [1.5000, 2.0000, 2.5000]])");
}
TEST(PrintTest, HugeEdgeItemsShowsAll) {
  PrintOptions o; o.threshold = 5.0; o.edgeitems = 4611686018427387904;
  PrintOptionsGuard guard(o);
  Tensor t = seq({10}, kFloat, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0., 1., 2., 3., 4., 5., 6., 7., 8., 9.])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, HugeLinewidthOneLine) {
  PrintOptions o; o.linewidth = 4611686018427387904;
  PrintOptionsGuard guard(o);
  Tensor t = seq({40}, kLong, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NegativeLinewidthOnePerLine) {
  PrintOptions o; o.linewidth = -5;
  PrintOptionsGuard guard(o);
  Tensor t = seq({3}, kLong, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0,\n"
      "        1,\n"
      "        2])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, NegativeThresholdSummarisesAll) {
  PrintOptions o; o.threshold = -1.0;
  PrintOptionsGuard guard(o);
  Tensor t = seq({8}, kLong, 1.0, 0.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([0, 1, 2,  ..., 5, 6, 7])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}
TEST(PrintTest, PermutedSummarised3d) {
  Tensor t = permuted(seq({20, 20, 20}, kInt, 1.0, 0.0, 0), {2, 0, 1});
  EXPECT_EQ(t.repr(),
      "tensor([[[   0,   20,   40,  ...,  340,  360,  380],\n"
      "         [ 400,  420,  440,  ...,  740,  760,  780],\n"
      "         [ 800,  820,  840,  ..., 1140, 1160, 1180],\n"
      "         ...,\n"
      "         [6800, 6820, 6840,  ..., 7140, 7160, 7180],\n"
      "         [7200, 7220, 7240,  ..., 7540, 7560, 7580],\n"
      "         [7600, 7620, 7640,  ..., 7940, 7960, 7980]],\n"
      "\n"
      "        [[   1,   21,   41,  ...,  341,  361,  381],\n"
      "         [ 401,  421,  441,  ...,  741,  761,  781],\n"
      "         [ 801,  821,  841,  ..., 1141, 1161, 1181],\n"
      "         ...,\n"
      "         [6801, 6821, 6841,  ..., 7141, 7161, 7181],\n"
      "         [7201, 7221, 7241,  ..., 7541, 7561, 7581],\n"
      "         [7601, 7621, 7641,  ..., 7941, 7961, 7981]],\n"
      "\n"
      "        [[   2,   22,   42,  ...,  342,  362,  382],\n"
      "         [ 402,  422,  442,  ...,  742,  762,  782],\n"
      "         [ 802,  822,  842,  ..., 1142, 1162, 1182],\n"
      "         ...,\n"
      "         [6802, 6822, 6842,  ..., 7142, 7162, 7182],\n"
      "         [7202, 7222, 7242,  ..., 7542, 7562, 7582],\n"
      "         [7602, 7622, 7642,  ..., 7942, 7962, 7982]],\n"
      "\n"
      "        ...,\n"
      "\n"
      "        [[  17,   37,   57,  ...,  357,  377,  397],\n"
      "         [ 417,  437,  457,  ...,  757,  777,  797],\n"
      "         [ 817,  837,  857,  ..., 1157, 1177, 1197],\n"
      "         ...,\n"
      "         [6817, 6837, 6857,  ..., 7157, 7177, 7197],\n"
      "         [7217, 7237, 7257,  ..., 7557, 7577, 7597],\n"
      "         [7617, 7637, 7657,  ..., 7957, 7977, 7997]],\n"
      "\n"
      "        [[  18,   38,   58,  ...,  358,  378,  398],\n"
      "         [ 418,  438,  458,  ...,  758,  778,  798],\n"
      "         [ 818,  838,  858,  ..., 1158, 1178, 1198],\n"
      "         ...,\n"
      "         [6818, 6838, 6858,  ..., 7158, 7178, 7198],\n"
      "         [7218, 7238, 7258,  ..., 7558, 7578, 7598],\n"
      "         [7618, 7638, 7658,  ..., 7958, 7978, 7998]],\n"
      "\n"
      "        [[  19,   39,   59,  ...,  359,  379,  399],\n"
      "         [ 419,  439,  459,  ...,  759,  779,  799],\n"
      "         [ 819,  839,  859,  ..., 1159, 1179, 1199],\n"
      "         ...,\n"
      "         [6819, 6839, 6859,  ..., 7159, 7179, 7199],\n"
      "         [7219, 7239, 7259,  ..., 7559, 7579, 7599],\n"
      "         [7619, 7639, 7659,  ..., 7959, 7979, 7999]]], dtype=wick.int32)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, PermutedSmall3d) {
  Tensor t = permuted(seq({2, 3, 4}, kFloat, 0.5, 0.0, 0), {1, 2, 0});
  EXPECT_EQ(t.repr(),
      "tensor([[[ 0.0000,  6.0000],\n"
      "         [ 0.5000,  6.5000],\n"
      "         [ 1.0000,  7.0000],\n"
      "         [ 1.5000,  7.5000]],\n"
      "\n"
      "        [[ 2.0000,  8.0000],\n"
      "         [ 2.5000,  8.5000],\n"
      "         [ 3.0000,  9.0000],\n"
      "         [ 3.5000,  9.5000]],\n"
      "\n"
      "        [[ 4.0000, 10.0000],\n"
      "         [ 4.5000, 10.5000],\n"
      "         [ 5.0000, 11.0000],\n"
      "         [ 5.5000, 11.5000]]])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, SummarisedWithNanInf) {
  Tensor t = with_nan_inf(seq({1200}, kFloat, 0.25, 0.0, 0));
  EXPECT_EQ(t.repr(),
      "tensor([     nan,      inf,   0.5000,  ..., 299.2500, 299.5000, 299.7500])");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, BFloat16Large) {
  Tensor t = wick::tensor({10000000000.0, -0.0035, 7.0}, kBFloat16);
  EXPECT_EQ(t.repr(),
      "tensor([ 9.9992e+09, -3.4943e-03,  7.0000e+00], dtype=wick.bfloat16)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Uint8Summarised) {
  Tensor t = seq({30, 40}, kByte, 1.0, 0.0, 256);
  EXPECT_EQ(t.repr(),
      "tensor([[  0,   1,   2,  ...,  37,  38,  39],\n"
      "        [ 40,  41,  42,  ...,  77,  78,  79],\n"
      "        [ 80,  81,  82,  ..., 117, 118, 119],\n"
      "        ...,\n"
      "        [ 56,  57,  58,  ...,  93,  94,  95],\n"
      "        [ 96,  97,  98,  ..., 133, 134, 135],\n"
      "        [136, 137, 138,  ..., 173, 174, 175]], dtype=wick.uint8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

TEST(PrintTest, Int8Negative2d) {
  Tensor t = seq({3, 4}, kChar, -11.0, 5.0, 0);
  EXPECT_EQ(t.repr(),
      "tensor([[   5,   -6,  -17,  -28],\n"
      "        [ -39,  -50,  -61,  -72],\n"
      "        [ -83,  -94, -105, -116]], dtype=wick.int8)");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), t.repr());
}

// ---- API beyond the PyTorch-generated cases -------------------------------------

TEST(PrintTest, OffsetViewReadsFromItsOwnElements) {
  Tensor base = seq({4, 3}, kFloat, 1.0, 0.0, 0);
  // Rows 1..2, columns 1..2 of base.
  Tensor v = make_view(base, {2, 2}, {3, 1}, 4);
  EXPECT_EQ(v.repr(), "tensor([[4., 5.],\n        [7., 8.]])");
  Tensor col = make_view(base, {4}, {3}, 2);  // torch: base[:, 2]
  EXPECT_EQ(col.repr(), "tensor([ 2.,  5.,  8., 11.])");
}

TEST(PrintTest, ExpandedViewWithZeroStride) {
  Tensor row = wick::tensor({1.5, 2.5});
  Tensor e = make_view(row, {3, 2}, {0, 1}, 0);  // torch: row.expand(3, 2)
  EXPECT_EQ(e.repr(),
            "tensor([[1.5000, 2.5000],\n"
            "        [1.5000, 2.5000],\n"
            "        [1.5000, 2.5000]])");
}

TEST(PrintTest, SummarisedStridedView) {
  // torch: torch.arange(4000.).reshape(2000, 2)[:, 1]
  Tensor base = seq({2000, 2}, kFloat, 1.0, 0.0, 0);
  Tensor v = make_view(base, {2000}, {2}, 1);
  EXPECT_EQ(v.repr(), "tensor([1.0000e+00, 3.0000e+00, 5.0000e+00,  ..., 3.9950e+03, 3.9970e+03,\n"
                      "        3.9990e+03])");
}

TEST(PrintTest, UndefinedTensor) {
  Tensor t;
  EXPECT_EQ(repr(t), "[ Tensor (undefined) ]");
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), "[ Tensor (undefined) ]");
}

TEST(PrintTest, StreamOperatorInsideOtherOutput) {
  std::ostringstream os;
  os << "x = " << wick::tensor({1, 2}) << ";";
  EXPECT_EQ(os.str(), "x = tensor([1, 2], dtype=wick.int32);");
}

TEST(PrintTest, SeveralExtraSuffixesWrapEachOnItsOwn) {
  // torch: _add_suffixes of the same body with these suffixes after the dtype.
  Tensor t = seq({3}, kDouble, 1.0, 0.0, 0);
  EXPECT_EQ(repr(t, {"grad_fn=<SomeVeryLongBackwardFunctionName0>", "requires_grad=True"}),
            "tensor([0., 1., 2.], dtype=wick.float64,\n"
            "       grad_fn=<SomeVeryLongBackwardFunctionName0>, requires_grad=True)");
}

TEST(PrintOptionsTest, DefaultsAndGet) {
  PrintOptions o = get_printoptions();
  EXPECT_EQ(*o.precision, 4);
  EXPECT_EQ(*o.threshold, 1000);
  EXPECT_EQ(*o.edgeitems, 3);
  EXPECT_EQ(*o.linewidth, 80);
  EXPECT_FALSE(o.sci_mode.has_value());
  EXPECT_FALSE(o.profile.has_value());
}

TEST(PrintOptionsTest, ProfilesAndOverrides) {
  PrintOptionsGuard guard;
  PrintOptions o;
  o.profile = "short";
  set_printoptions(o);
  PrintOptions g = get_printoptions();
  EXPECT_EQ(*g.precision, 2);
  EXPECT_EQ(*g.edgeitems, 2);
  EXPECT_EQ(*g.threshold, 1000);
  o.profile = "full";
  o.precision = 6;
  set_printoptions(o);
  g = get_printoptions();
  EXPECT_EQ(*g.precision, 6);
  EXPECT_TRUE(std::isinf(*g.threshold));
  EXPECT_EQ(*g.edgeitems, 3);
  // An unknown profile changes nothing (as in PyTorch).
  PrintOptions bogus;
  bogus.profile = "bogus";
  set_printoptions(bogus);
  EXPECT_EQ(*get_printoptions().precision, 6);
  PrintOptions reset;
  reset.profile = "default";
  set_printoptions(reset);
  EXPECT_EQ(*get_printoptions().precision, 4);
  EXPECT_TRUE(std::isinf(*get_printoptions().threshold) == false);
}

TEST(PrintOptionsTest, SciModeIsResetByEveryCall) {
  PrintOptionsGuard guard;
  PrintOptions o;
  o.sci_mode = true;
  set_printoptions(o);
  EXPECT_EQ(get_printoptions().sci_mode, std::optional<bool>(true));
  PrintOptions p;
  p.precision = 3;
  set_printoptions(p);
  EXPECT_FALSE(get_printoptions().sci_mode.has_value());
  EXPECT_EQ(wick::tensor({1.5}).repr(), "tensor([1.500])");
}

TEST(PrintOptionsTest, GuardRestores) {
  {
    PrintOptions o;
    o.precision = 1;
    o.linewidth = 20;
    o.sci_mode = false;
    PrintOptionsGuard guard(o);
    EXPECT_EQ(wick::tensor({1.25}).repr(), "tensor([1.2])");
  }
  PrintOptions g = get_printoptions();
  EXPECT_EQ(*g.precision, 4);
  EXPECT_EQ(*g.linewidth, 80);
  EXPECT_FALSE(g.sci_mode.has_value());
  EXPECT_EQ(wick::tensor({1.25}).repr(), "tensor([1.2500])");
}

TEST(PrintOptionsTest, RejectsNegativeValues) {
  PrintOptionsGuard guard;
  PrintOptions o;
  o.precision = -1;
  EXPECT_THROW(set_printoptions(o), ValueError);
  PrintOptions e;
  e.edgeitems = -2;
  EXPECT_THROW(set_printoptions(e), ValueError);
  // A rejected call leaves the options untouched.
  EXPECT_EQ(*get_printoptions().precision, 4);
  EXPECT_EQ(*get_printoptions().edgeitems, 3);
}

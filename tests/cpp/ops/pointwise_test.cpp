// where, lerp, addcmul, addcdiv, clamp: values, dtypes and messages from PyTorch 1.13
// (half/bfloat16 cases that 1.13 lacks on CPU follow 2.x, which computes in float).
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Tensor cond() { return tensor({{true, false, true}, {false, true, false}}); }
Tensor x() { return tensor({{1.5f, -2.0f, 3.0f}, {0.5f, 4.0f, -1.0f}}); }
Tensor y() { return tensor({int64_t(10), int64_t(20), int64_t(30)}); }
Tensor xi() { return tensor({{int64_t(1), int64_t(-2), int64_t(3)}, {int64_t(0), int64_t(4), int64_t(-1)}}); }
Tensor s() { return tensor({-1.0f, 0.5f, 2.0f, std::numeric_limits<float>::quiet_NaN()}); }

Tensor expect(std::initializer_list<double> v, IntArrayRef shape, ScalarType dtype) {
  Tensor flat = tensor(std::vector<double>(v), TensorOptions(kDouble)).to(dtype);
  return make_view(flat, shape, shape.size() == 2 ? IntArrayRef({shape[1], 1}) : IntArrayRef({1}), 0);
}

// The transpose of a 2-d tensor, as a view.
Tensor transposed(const Tensor& t) {
  return make_view(t, {t.size(1), t.size(0)}, {t.stride(1), t.stride(0)}, t.storage_offset());
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace

TEST(PointwiseOps, WherePromotesAndBroadcasts) {
  EXPECT_TENSOR_EQ(where(cond(), x(), y()), expect({1.5, 20, 3, 10, 4, 30}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(where(cond(), y(), x().to(kDouble)),
                   expect({10, -2, 30, 0.5, 20, -1}, {2, 3}, kDouble));
  EXPECT_TENSOR_EQ(where(cond(), 2.5, y()), expect({2.5, 20, 2.5, 10, 2.5, 30}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(where(cond(), xi(), 7), expect({1, 7, 3, 7, 4, 7}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(where(cond(), Scalar(1), Scalar(0)), expect({1, 0, 1, 0, 1, 0}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(where(cond(), Scalar(true), Scalar(false)),
                   expect({1, 0, 1, 0, 1, 0}, {2, 3}, kBool));
  Tensor row = tensor({true, false, true});
  EXPECT_TENSOR_EQ(where(row, x(), 0.), expect({1.5, 0, 3, 0.5, 0, -1}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(where(cond(), x().to(kHalf), xi()), expect({1.5, -2, 3, 0, 4, -1}, {2, 3}, kHalf));
  // Method form: self is the "true" branch.
  EXPECT_TENSOR_EQ(x().where(cond(), y()), expect({1.5, 20, 3, 10, 4, 30}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(x().where(cond(), -1), expect({1.5, -1, 3, -1, 4, -1}, {2, 3}, kFloat));
  // Non-contiguous condition and operand.
  Tensor ct = transposed(cond()), xt = transposed(x());
  EXPECT_TENSOR_EQ(where(ct, xt, 0.), expect({1.5, 0, 0, 4, 3, 0}, {3, 2}, kFloat));
  // out=
  Tensor out = empty({0}, kDouble);
  where_out(out, cond(), x(), y());
  EXPECT_TENSOR_EQ(out, expect({1.5, 20, 3, 10, 4, 30}, {2, 3}, kDouble));
  EXPECT_EQ(error_of([] { where(x(), x(), x()); }),
            "where expected condition to be a boolean tensor, but got a tensor with dtype Float");
  EXPECT_EQ(error_of([] { where(tensor({true, false}), x(), y()); }),
            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton "
            "dimension 1");
}

TEST(PointwiseOps, Lerp) {
  EXPECT_TENSOR_CLOSE(lerp(x(), x() * 3, 0.25), expect({2.25, -3, 4.5, 0.75, 6, -1.5}, {2, 3}, kFloat));
  EXPECT_TENSOR_CLOSE(lerp(x(), x() * 3, 0.75), expect({3.75, -5, 7.5, 1.25, 10, -2.5}, {2, 3}, kFloat));
  EXPECT_TENSOR_CLOSE(lerp(x(), tensor({1.f, 2.f, 3.f}), tensor({{0.f}, {1.f}})),
                      expect({1.5, -2, 3, 1, 2, 3}, {2, 3}, kFloat));
  Tensor xd = x().to(kDouble);
  EXPECT_TENSOR_CLOSE(lerp(xd, xd * 2, 1.5), expect({3.75, -5, 7.5, 1.25, 10, -2.5}, {2, 3}, kDouble));
  Tensor xh = x().to(kHalf);
  EXPECT_TENSOR_CLOSE(lerp(xh, xh * 2, 0.3), expect({1.95, -2.6, 3.9, 0.65, 5.2, -1.3}, {2, 3}, kHalf),
                      2e-3, 2e-3);
  Tensor a = x();
  Tensor& r = a.lerp_(x() * 3, 0.25);
  EXPECT_TRUE(r.is_same(a));
  EXPECT_TENSOR_CLOSE(a, expect({2.25, -3, 4.5, 0.75, 6, -1.5}, {2, 3}, kFloat));
  Tensor b = x();
  b.lerp_(x() * 3, full({}, 0.75f));
  EXPECT_TENSOR_CLOSE(b, expect({3.75, -5, 7.5, 1.25, 10, -2.5}, {2, 3}, kFloat));
  EXPECT_EQ(error_of([] { lerp(xi(), xi(), 0.5); }),
            "\"lerp_kernel_scalar\" not implemented for 'Long'");
  EXPECT_EQ(error_of([] { lerp(x(), x().to(kDouble), 0.5); }),
            "expected dtype float for `end` but got dtype double");
  EXPECT_EQ(error_of([] { lerp(x(), x(), full({}, 0.5, kDouble)); }),
            "expected dtype float for `weight` but got dtype double");
}

TEST(PointwiseOps, AddcmulAddcdiv) {
  EXPECT_TENSOR_EQ(addcmul(x(), x(), y(), 0.5), expect({9, -22, 48, 3, 44, -16}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(addcmul(xi(), xi(), y(), 3), expect({31, -122, 273, 0, 244, -91}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(addcmul(y(), x(), x()), expect({12.25, 24, 39, 10.25, 36, 31}, {2, 3}, kFloat));
  Tensor xh = x().to(kHalf);
  EXPECT_TENSOR_EQ(addcmul(xh, xh, xh, 2), expect({6, 6, 21, 1, 36, 1}, {2, 3}, kHalf));
  EXPECT_TENSOR_EQ(addcdiv(x(), x(), tensor({2.f, 4.f, -8.f}), 2),
                   expect({3, -3, 2.25, 1, 6, -0.75}, {2, 3}, kFloat));
  EXPECT_TENSOR_CLOSE(addcdiv(xi(), x(), y(), -1),
                      expect({0.85, -1.9, 2.9, -0.05, 3.8, -0.9666666388511658}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(addcdiv(y(), y().to(kFloat), xi()), expect({20, 10, 40, kInf, 25, 0}, {2, 3}, kFloat));
  Tensor a = x();
  a.addcmul_(x(), x());
  EXPECT_TENSOR_EQ(a, expect({3.75, 2, 12, 0.75, 20, 0}, {2, 3}, kFloat));
  Tensor b = x();
  b.addcdiv_(x(), x(), 2);
  EXPECT_TENSOR_EQ(b, expect({3.5, 0, 5, 2.5, 6, 1}, {2, 3}, kFloat));
  Tensor out = empty({1});
  addcmul_out(out, x(), x(), x());
  EXPECT_EQ(out.sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(error_of([] { addcmul(tensor({true}), tensor({true}), tensor({true})); }),
            "\"addcmul_cpu_out\" not implemented for 'Bool'");
  const std::string int_div =
      "Integer division with addcdiv is no longer supported, and in a future  release addcdiv "
      "will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can "
      "be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for "
      "integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future "
      "addcdiv behavior is just the latter implementation: (input + value * tensor1 / "
      "tensor2), for all dtypes.";
  EXPECT_EQ(error_of([] { addcdiv(xi(), xi(), y()); }), int_div);
  EXPECT_EQ(error_of([] { addcdiv(x(), xi(), y()); }), int_div);
  // In-place into an integer tensor cannot take a float result.
  EXPECT_EQ(error_of([] {
              Tensor t = xi();
              t.addcmul_(x(), x());
            }),
            "result type Float can't be cast to the desired output type Long");
}

TEST(PointwiseOps, ClampScalar) {
  EXPECT_TENSOR_EQ(clamp(s(), -0.5, 1.0), expect({-0.5, 0.5, 1, kNaN}, {4}, kFloat));
  EXPECT_TENSOR_EQ(clamp(s(), 0.0), expect({0, 0.5, 2, kNaN}, {4}, kFloat));
  EXPECT_TENSOR_EQ(clamp(s(), std::nullopt, 0.0), expect({-1, 0, 0, kNaN}, {4}, kFloat));
  EXPECT_TENSOR_EQ(clamp(xi(), -1, 2), expect({1, -1, 2, 0, 2, -1}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(clamp(xi(), 0.5), expect({1, 0.5, 3, 0.5, 4, 0.5}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(clamp(xi(), std::nullopt, 1.5), expect({1, -2, 1.5, 0, 1.5, -1}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(clamp(s(), 1.0, -1.0), expect({-1, -1, -1, kNaN}, {4}, kFloat));
  // A NaN bound gives NaN everywhere.
  EXPECT_TENSOR_EQ(clamp(s(), kNaN, 2.0), expect({kNaN, kNaN, kNaN, kNaN}, {4}, kFloat));
  EXPECT_TENSOR_EQ(clamp(xi(), 0, kNaN), expect({kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(clamp(tensor({true, false}), 0, 1), expect({1, 0}, {2}, kLong));
  EXPECT_TENSOR_EQ(clamp(tensor({5, 200}).to(kByte), 10, 100), expect({10, 100}, {2}, kByte));
  EXPECT_TENSOR_EQ(clamp(x().to(kBFloat16), -1, 1), expect({1, -1, 1, 0.5, 1, -1}, {2, 3}, kBFloat16));
  EXPECT_TENSOR_EQ(clamp(x().to(kHalf), -1, 1), expect({1, -1, 1, 0.5, 1, -1}, {2, 3}, kHalf));
  EXPECT_TENSOR_EQ(clamp_min(xi(), 1), expect({1, 1, 3, 1, 4, 1}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(clamp_max(x(), 0), expect({0, -2, 0, 0, 0, -1}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(clip(x(), -1, 1), expect({1, -1, 1, 0.5, 1, -1}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(x().clip(-1, 1), expect({1, -1, 1, 0.5, 1, -1}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(x().clamp_min(0), expect({1.5, 0, 3, 0.5, 4, 0}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(x().clamp_max(0), expect({0, -2, 0, 0, 0, -1}, {2, 3}, kFloat));
  // Non-contiguous input keeps its layout in the result.
  Tensor t = clamp(transposed(x()), -1, 1);
  EXPECT_TENSOR_EQ(t, expect({1, 0.5, -1, 1, 1, -1}, {3, 2}, kFloat));
  // In-place and out=.
  Tensor a = x();
  Tensor& r = a.clamp_(0, 2);
  EXPECT_TRUE(r.is_same(a));
  EXPECT_TENSOR_EQ(a, expect({1.5, 0, 2, 0.5, 2, 0}, {2, 3}, kFloat));
  a.clamp_min_(1).clamp_max_(1.75);
  EXPECT_TENSOR_EQ(a, expect({1.5, 1, 1.75, 1, 1.75, 1}, {2, 3}, kFloat));
  Tensor c = x();
  c.clip_(std::nullopt, 0);
  EXPECT_TENSOR_EQ(c, expect({0, -2, 0, 0, 0, -1}, {2, 3}, kFloat));
  Tensor out = empty({0}, kDouble);
  clamp_out(out, xi(), -1, 1);
  EXPECT_TENSOR_EQ(out, expect({1, -1, 1, 0, 1, -1}, {2, 3}, kDouble));
  EXPECT_EQ(error_of([] { clamp(x()); }),
            "torch.clamp: At least one of 'min' or 'max' must not be None");
  EXPECT_EQ(error_of([] { x().clamp(); }),
            "torch.clamp: At least one of 'min' or 'max' must not be None");
  EXPECT_EQ(error_of([] {
              Tensor t = xi();
              t.clamp_(0.5);
            }),
            "result type Float can't be cast to the desired output type Long");
}

TEST(PointwiseOps, ClampTensor) {
  EXPECT_TENSOR_EQ(clamp(x(), tensor({0.f, -3.f, 5.f}), tensor({{1.f}, {2.f}})),
                   expect({1, -2, 1, 0.5, 2, 2}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(clamp(xi(), tensor({int64_t(0), int64_t(-3), int64_t(5)})),
                   expect({1, -2, 5, 0, 4, 5}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(clamp(xi(), std::nullopt, tensor({0.5f})),
                   expect({0.5, -2, 0.5, 0, 0.5, -1}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(clamp(s(), tensor({0.f, std::numeric_limits<float>::quiet_NaN(), 0.f, 0.f})),
                   expect({0, kNaN, 2, kNaN}, {4}, kFloat));
  EXPECT_TENSOR_EQ(clamp_min(xi(), tensor({int64_t(2)})), expect({2, 2, 3, 2, 4, 2}, {2, 3}, kLong));
  EXPECT_TENSOR_EQ(clamp_max(xi(), tensor({int64_t(2)})), expect({1, -2, 2, 0, 2, -1}, {2, 3}, kLong));
  Tensor a = x();
  a.clamp_(tensor({0.f}), tensor({1.f, 2.f, 3.f}));
  EXPECT_TENSOR_EQ(a, expect({1, 0, 3, 0.5, 2, 0}, {2, 3}, kFloat));
  EXPECT_TENSOR_EQ(x().clamp(std::optional<Tensor>(tensor({0.f}))),
                   expect({1.5, 0, 3, 0.5, 4, 0}, {2, 3}, kFloat));
  EXPECT_EQ(error_of([] { clamp(x(), std::optional<Tensor>(), std::optional<Tensor>()); }),
            "torch.clamp: At least one of 'min' or 'max' must not be None");
  EXPECT_EQ(error_of([] { clamp(x(), tensor({1.f, 2.f})); }),
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton "
            "dimension 1");
  // In-place: a bound may not grow self.
  EXPECT_EQ(error_of([] {
              Tensor t = tensor({1.f, 2.f, 3.f});
              t.clamp_(tensor({{0.f}, {1.f}}));
            }),
            "output with shape [3] doesn't match the broadcast shape [2, 3]");
}

TEST(PointwiseOps, EmptyAndZeroDim) {
  Tensor e = empty({0, 3});
  EXPECT_EQ(where(zeros({0, 3}, kBool), e, 1.0).sizes(), IntArrayRef({0, 3}));
  EXPECT_EQ(clamp(e, 0, 1).sizes(), IntArrayRef({0, 3}));
  EXPECT_EQ(addcmul(e, e, e).sizes(), IntArrayRef({0, 3}));
  Tensor z = full({}, 2.5f);
  EXPECT_EQ(clamp(z, 0, 1).dim(), 0);
  EXPECT_EQ(clamp(z, 0, 1).item<double>(), 1.0);
  EXPECT_EQ(lerp(z, full({}, 4.5f), 0.5).item<double>(), 3.5);
  EXPECT_EQ(where(full({}, true), z, 0.0).item<double>(), 2.5);
}

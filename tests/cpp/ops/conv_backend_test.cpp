// The float32 convolution backends (Note [Convolution backends] in
// wick/ops/conv_dnnl.cpp): each of oneDNN blocked, oneDNN channels-last and
// wick's im2col fallback, forced in turn, must give the float64 result (wick's
// im2col kernel in double, which conv_test.cpp checks against PyTorch) for the
// forward map, the input grad and the weight grad, over shapes that reach
// stride, padding, asymmetric padding, dilation, groups, depthwise, 1x1, 1-d,
// 3-d, transposed convolutions and non-contiguous inputs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>

#include "test_utils.h"
#include "wick/ops/conv_dnnl.h"
#include "wick/wick.h"

namespace {
using namespace wick;

struct ForceChoice {
  explicit ForceChoice(int c) { detail::set_dnnl_force_choice(c); }
  ~ForceChoice() { detail::set_dnnl_force_choice(-1); }
};

using ConvFn = std::function<Tensor(const Tensor&, const Tensor&, const Tensor&)>;

struct Result {
  Tensor y, gx, gw, gb;
};

Result run(const ConvFn& f, const Tensor& x0, const Tensor& w0, const Tensor& b0,
           const Tensor& gy, ScalarType dt, bool non_contiguous = false) {
  Tensor x = x0.to(dt), w = w0.to(dt).detach().requires_grad_(), b = b0.to(dt).detach().requires_grad_();
  if (non_contiguous) {
    // The same values through a transposed view: x.transpose(2, 3) of a contiguous copy of
    // x.transpose(2, 3) has x's shape with strides that are not contiguous.
    x = x.transpose(-1, -2).contiguous().transpose(-1, -2);
    EXPECT_FALSE(x.is_contiguous());
  }
  x = x.detach().requires_grad_();
  Tensor y = f(x, w, b);
  y.backward(gy.to(dt));
  return {y, x.grad(), w.grad(), b.grad()};
}

void check(const ConvFn& f, IntArrayRef xs, IntArrayRef ws, int64_t bias_n,
           bool non_contiguous = false) {
  Generator gen = Generator().manual_seed(7);
  Tensor x = randn(xs, gen, TensorOptions(kDouble));
  Tensor w = randn(ws, gen, TensorOptions(kDouble));
  Tensor b = randn({bias_n}, gen, TensorOptions(kDouble));
  Tensor y = f(x, w, b);
  Tensor gy = randn(y.sizes(), gen, TensorOptions(kDouble));
  Result ref = run(f, x, w, b, gy, kDouble);
  const bool have = detail::dnnl_available();
  for (int choice : {0, 1, 2}) {
    SCOPED_TRACE("choice " + std::to_string(choice));
    ForceChoice force(choice);
    Result r = run(f, x, w, b, gy, kFloat, non_contiguous);
    // The weight-grad map ran last in backward; with oneDNN built in it ran the
    // forced backend (or the fallback where oneDNN has no such candidate).
    const int last = detail::dnnl_last_choice();
    if (!have) {
      EXPECT_EQ(last, -1);
    } else if (choice == 2) {
      EXPECT_EQ(last, 2);
    } else {
      EXPECT_TRUE(last == choice || last == 2) << last;
    }
    EXPECT_TENSOR_CLOSE(r.y.to(kDouble), ref.y, 1e-4, 1e-4);
    EXPECT_TENSOR_CLOSE(r.gx.to(kDouble), ref.gx, 1e-4, 1e-4);
    EXPECT_TENSOR_CLOSE(r.gw.to(kDouble), ref.gw, 1e-4, 1e-4);
    EXPECT_TENSOR_CLOSE(r.gb.to(kDouble), ref.gb, 1e-4, 1e-4);
  }
}

ConvFn conv2(IntArrayRef stride, IntArrayRef pad, IntArrayRef dil, int64_t groups) {
  DimVector s = stride.vec(), p = pad.vec(), d = dil.vec();
  return [=](const Tensor& x, const Tensor& w, const Tensor& b) {
    return conv2d(x, w, b, s, p, d, groups);
  };
}

TEST(ConvBackendTest, Conv2dShapes) {
  check(conv2({1}, {2}, {1}, 1), {4, 1, 12, 12}, {16, 1, 5, 5}, 16);   // the demo's first layer
  check(conv2({1}, {2}, {1}, 1), {3, 16, 7, 7}, {32, 16, 5, 5}, 32);   // its second
  check(conv2({1}, {0}, {1}, 1), {2, 6, 9, 9}, {16, 6, 5, 5}, 16);     // LeNet's second
  check(conv2({2}, {3}, {1}, 1), {2, 3, 23, 23}, {8, 3, 7, 7}, 8);     // ResNet's stem, strided
  check(conv2({1}, {1}, {1}, 1), {2, 17, 8, 8}, {20, 17, 3, 3}, 20);   // channels not of 16
  check(conv2({1}, {0}, {1}, 1), {2, 32, 6, 6}, {16, 32, 1, 1}, 16);   // 1x1
  check(conv2({2}, {0}, {1}, 1), {2, 32, 7, 7}, {16, 32, 1, 1}, 16);   // 1x1 strided
  check(conv2({2, 1}, {1, 0}, {1, 1}, 1), {2, 4, 9, 8}, {5, 4, 3, 2}, 5);  // uneven
  check(conv2({3}, {0}, {1}, 1), {2, 4, 10, 10}, {5, 4, 2, 2}, 5);     // last window unused
}

TEST(ConvBackendTest, DilationGroups) {
  check(conv2({1}, {2}, {2}, 1), {2, 8, 11, 11}, {8, 8, 3, 3}, 8);     // dilation
  check(conv2({1}, {1}, {1}, 4), {2, 32, 9, 9}, {16, 8, 3, 3}, 16);    // groups
  check(conv2({1}, {1}, {1}, 16), {2, 16, 9, 9}, {16, 1, 3, 3}, 16);   // depthwise
  check(conv2({2}, {1}, {2}, 2), {2, 6, 13, 13}, {4, 3, 3, 3}, 4);     // all at once
}

TEST(ConvBackendTest, NonContiguousInput) {
  check(conv2({1}, {1}, {1}, 1), {2, 16, 8, 8}, {16, 16, 3, 3}, 16, true);
  check(conv2({1}, {2}, {1}, 1), {3, 1, 10, 10}, {6, 1, 5, 5}, 6, true);
}

TEST(ConvBackendTest, OtherRanksAndModes) {
  check([](const Tensor& x, const Tensor& w, const Tensor& b) { return conv1d(x, w, b, 2, 1); },
        {2, 16, 20}, {8, 16, 3}, 8);
  check([](const Tensor& x, const Tensor& w, const Tensor& b) { return conv3d(x, w, b, 1, 1); },
        {2, 4, 5, 6, 6}, {8, 4, 3, 3, 3}, 8);
  // 'same' with an even kernel pads one more on the high side.
  check([](const Tensor& x, const Tensor& w, const Tensor& b) {
          return conv2d(x, w, b, 1, std::string_view("same"));
        },
        {2, 16, 7, 7}, {16, 16, 4, 4}, 16);
  check([](const Tensor& x, const Tensor& w, const Tensor& b) {
          return conv_transpose2d(x, w, b, 2, 1, 1);
        },
        {2, 16, 5, 5}, {16, 8, 3, 3}, 8);
  check([](const Tensor& x, const Tensor& w, const Tensor& b) {
          return conv_transpose2d(x, w, b, 1, 0, 0, 2);
        },
        {2, 8, 5, 5}, {8, 3, 3, 3}, 6);
  // output_padding past the stride (allowed below the dilation): the input grad's
  // geometry has no padding that oneDNN accepts, so it takes the fallback.
  check([](const Tensor& x, const Tensor& w, const Tensor& b) {
          return conv_transpose2d(x, w, b, 1, 0, 1, 1, 2);
        },
        {2, 16, 5, 5}, {16, 8, 3, 3}, 8);
}

TEST(ConvBackendTest, HalfComputesInFloat) {
  Generator gen = Generator().manual_seed(3);
  Tensor x = randn({2, 16, 6, 6}, gen), w = randn({8, 16, 3, 3}, gen);
  Tensor ref = conv2d(x.to(kDouble), w.to(kDouble), {}, 1, 1);
  for (ScalarType dt : {kHalf, kBFloat16}) {
    Tensor y = conv2d(x.to(dt), w.to(dt), {}, 1, 1);
    EXPECT_EQ(y.dtype(), dt);
    const double tol = dt == kHalf ? 3e-2 : 2.5e-1;
    EXPECT_TENSOR_CLOSE(y.to(kDouble), ref.to(dt).to(kDouble), tol, tol);
  }
}

// Disabling oneDNN runs wick's own kernels and reports no choice.
TEST(ConvBackendTest, Disabled) {
  detail::set_dnnl_enabled(false);
  Tensor x = ones({1, 2, 4, 4}), w = ones({3, 2, 3, 3});
  Tensor y = conv2d(x, w, {}, 1, 1);
  EXPECT_EQ(detail::dnnl_last_choice(), -1);
  detail::set_dnnl_enabled(true);
  EXPECT_FLOAT_EQ(y.data_ptr<float>()[5], 18.0f);    // (0, 0, 1, 1): a full window
  EXPECT_FLOAT_EQ(y.data_ptr<float>()[32], 8.0f);    // (0, 2, 0, 0): a corner
  Tensor y2 = conv2d(x, w, {}, 1, 1);
  if (detail::dnnl_available()) EXPECT_GE(detail::dnnl_last_choice(), 0);
  EXPECT_TENSOR_EQ(y2, y);
}

// Without WICK_CONV_BENCHMARK the backend does not depend on timings: the blocked
// oneDNN layouts run, and the same call gives the same bits every time.
TEST(ConvBackendTest, DefaultChoiceIsFixed) {
  if (!detail::dnnl_available() || std::getenv("WICK_CONV_BENCHMARK")) GTEST_SKIP();
  Generator gen = Generator().manual_seed(3);
  Tensor x = randn({4, 16, 12, 12}, gen), w = randn({32, 16, 5, 5}, gen);
  Tensor y = conv2d(x, w, {}, 1, 2);
  EXPECT_EQ(detail::dnnl_last_choice(), 0);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TENSOR_EQ(conv2d(x, w, {}, 1, 2), y);
    EXPECT_EQ(detail::dnnl_last_choice(), 0);
  }
}

}  // namespace

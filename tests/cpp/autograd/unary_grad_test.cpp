// Derivatives of the unary ops with options (square, round, logit, gelu,
// softplus, hardtanh, nan_to_num): gradcheck and gradgradcheck on float64,
// grad_fn names and PyTorch 2.x's gradients at the non-smooth points.
// Expected values: PyTorch 1.13 (same formulas as 2.x) on the inputs shown.
#include <gtest/gtest.h>

#include "grad_test_utils.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::variable_list;

using grad_test::rnd;

std::vector<double> grad_of(const std::function<Tensor(const Tensor&)>& f, std::vector<double> v) {
  Tensor x = tensor(v, TensorOptions(kDouble)).requires_grad_();
  f(x).sum().backward();
  Tensor g = x.grad().contiguous();
  return std::vector<double>(g.data_ptr<double>(), g.data_ptr<double>() + g.numel());
}

void expect_values(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(got[i])) << i;
    else EXPECT_NEAR(got[i], want[i], 1e-10) << i;
  }
}

// f checked to first and second order on several shapes, a transposed input,
// and through its in-place form (on a non-leaf) when given.
void check(const char* what, const std::function<Tensor(const Tensor&)>& f, double lo, double hi,
           const std::function<void(Tensor&)>& inplace = nullptr, bool second = true) {
  SCOPED_TRACE(what);
  uint64_t seed = 1;
  for (auto shape : {std::vector<int64_t>{}, std::vector<int64_t>{5}, std::vector<int64_t>{2, 3}}) {
    Tensor x = rnd(shape, lo, hi, seed++);
    auto fn = [&](const variable_list& in) { return variable_list{f(in[0])}; };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {x}));
    if (second) EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x}));
  }
  Tensor xt = rnd({3, 2}, lo, hi, 9).detach().t().requires_grad_();
  auto fn = [&](const variable_list& in) { return variable_list{f(in[0])}; };
  EXPECT_GRADCHECK(autograd::gradcheck(fn, {xt}));
  if (inplace) {
    Tensor x = rnd({2, 3}, lo, hi, 10);
    auto fi = [&](const variable_list& in) {
      Tensor y = in[0] * 1;
      inplace(y);
      return variable_list{y};
    };
    EXPECT_GRADCHECK(autograd::gradcheck(fi, {x}));
    if (second) EXPECT_GRADCHECK(autograd::gradgradcheck(fi, {x}));
    // Through a view: CopySlices.
    auto fv = [&](const variable_list& in) {
      Tensor y = in[0] * 1;
      Tensor row = y.select(0, 1);
      inplace(row);
      return variable_list{y};
    };
    EXPECT_GRADCHECK(autograd::gradcheck(fv, {x}));
  }
}

TEST(UnaryGrad, Gradchecks) {
  check("square", [](const Tensor& t) { return t.square(); }, -2, 2, [](Tensor& t) { t.square_(); });
  check("logit", [](const Tensor& t) { return t.logit(); }, 0.1, 0.9, [](Tensor& t) { t.logit_(); });
  check("logit eps", [](const Tensor& t) { return t.logit(0.05); }, 0.1, 0.9,
        [](Tensor& t) { t.logit_(0.05); });
  // Inputs on both sides of the clamped region.
  check("logit eps clamped", [](const Tensor& t) { return t.logit(0.3); }, 0.0, 1.0);
  check("gelu", [](const Tensor& t) { return gelu(t); }, -3, 3, [](Tensor& t) { gelu_(t); });
  check("gelu tanh", [](const Tensor& t) { return gelu(t, "tanh"); }, -3, 3,
        [](Tensor& t) { gelu_(t, "tanh"); });
  check("softplus", [](const Tensor& t) { return softplus(t); }, -3, 3);
  check("softplus beta", [](const Tensor& t) { return softplus(t, 2.5, 4); }, -3, 3);
  check("hardtanh", [](const Tensor& t) { return hardtanh(t, -0.5, 0.7); }, -1, 1,
        [](Tensor& t) { hardtanh_(t, -0.5, 0.7); });
  check("nan_to_num", [](const Tensor& t) { return t.nan_to_num(); }, -2, 2,
        [](Tensor& t) { t.nan_to_num_(); });
  check("round", [](const Tensor& t) { return t.round(); }, -3, 3, [](Tensor& t) { t.round_(); });
  check("round decimals", [](const Tensor& t) { return t.round(2) * t; }, -3, 3);
}

TEST(UnaryGrad, GradFnNames) {
  Tensor x = rnd({3}, 0.2, 0.8);
  EXPECT_EQ(x.square().grad_fn()->name(), "PowBackward0");
  EXPECT_EQ(x.round().grad_fn()->name(), "RoundBackward0");
  EXPECT_EQ(x.round(2).grad_fn()->name(), "RoundBackward1");
  EXPECT_EQ(x.logit().grad_fn()->name(), "LogitBackward0");
  EXPECT_EQ(x.logit(0.1).grad_fn()->name(), "LogitBackward0");
  EXPECT_EQ(gelu(x).grad_fn()->name(), "GeluBackward0");
  EXPECT_EQ(gelu(x, "tanh").grad_fn()->name(), "GeluBackward0");
  EXPECT_EQ(softplus(x).grad_fn()->name(), "SoftplusBackward0");
  EXPECT_EQ(hardtanh(x).grad_fn()->name(), "HardtanhBackward0");
  EXPECT_EQ(x.nan_to_num().grad_fn()->name(), "NanToNumBackward0");
  Tensor y = x * 1;
  EXPECT_EQ(y.square_().grad_fn()->name(), "PowBackward0");
  y = x * 1;
  EXPECT_EQ(y.logit_().grad_fn()->name(), "LogitBackward0");
  y = x * 1;
  EXPECT_EQ(hardtanh_(y).grad_fn()->name(), "HardtanhBackward0");
  y = x * 1;
  EXPECT_EQ(y.nan_to_num_().grad_fn()->name(), "NanToNumBackward0");
  y = x * 1;
  EXPECT_EQ(y.round_().grad_fn()->name(), "RoundBackward0");
  // In-place on a leaf that requires grad is refused.
  EXPECT_THROW(x.square_(), Error);
  EXPECT_THROW(hardtanh_(x), Error);
}

TEST(UnaryGrad, PyTorchConventions) {
  // hardtanh: zero at and beyond the bounds.
  expect_values(grad_of([](const Tensor& t) { return hardtanh(t); }, {-1, -0.5, 0, 1, 1.5}),
                {0, 1, 1, 0, 0});
  expect_values(grad_of([](const Tensor& t) { Tensor y = t * 1; return hardtanh_(y); },
                        {-1, -0.5, 0, 1, 1.5}),
                {0, 1, 1, 0, 0});
  // logit: zero where eps clamps (the bounds themselves included in the
  // formula), NaN outside [0, 1] without eps.
  const std::vector<double> lx = {0.05, 0.1, 0.5, 0.9, 0.95, -0.5, 1.5};
  expect_values(grad_of([](const Tensor& t) { return t.logit(0.1); }, lx),
                {0.0, 11.111111111111109, 4.0, 11.111111111111112, 0.0, 0.0, 0.0});
  expect_values(grad_of([](const Tensor& t) { return t.logit(); }, lx),
                {21.05263157894737, 11.111111111111109, 4.0, 11.111111111111112, 21.05263157894735,
                 NAN, NAN});
  // nan_to_num: zero at NaN and the infinities.
  const double inf = std::numeric_limits<double>::infinity();
  expect_values(grad_of([](const Tensor& t) { return t.nan_to_num(); }, {NAN, inf, -inf, 2}),
                {0, 0, 0, 1});
  expect_values(grad_of([](const Tensor& t) { Tensor y = t * 1; return y.nan_to_num_(); },
                        {NAN, inf, -inf, 2}),
                {0, 0, 0, 1});
  // softplus: 1 above the threshold (x * beta > threshold), sigmoid at it.
  expect_values(grad_of([](const Tensor& t) { return softplus(t, 2, 20); }, {1, 2, 19, 21, 10}),
                {0.8807970779778824, 0.9820137900379085, 1.0, 1.0, 0.9999999979388464});
  expect_values(grad_of([](const Tensor& t) { return gelu(t); }, {-1, 0, 0.5, 2}),
                {-0.08331547058768635, 0.5, 0.8674951246561629, 1.085231801078197});
  expect_values(grad_of([](const Tensor& t) { return gelu(t, "tanh"); }, {-1, 0, 0.5, 2}),
                {-0.08296408384578252, 0.5, 0.8673699035346424, 1.0860992566236183});
  expect_values(grad_of([](const Tensor& t) { return t.round(); }, {0.5, 1.4, -2.6}), {0, 0, 0});
  expect_values(grad_of([](const Tensor& t) { return t.square(); }, {-1.5, 0, 2}), {-3, 0, 4});
}

}  // namespace
}  // namespace wick

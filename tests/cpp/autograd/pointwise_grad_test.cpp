// Derivatives of where, lerp, addcmul/addcdiv and clamp: gradcheck and
// gradgradcheck on float64, node names, and clamp's gradient at its bounds
// (values from PyTorch, gen_grad_conventions.py).
#include "grad_test_utils.h"

namespace wick {
namespace {

using namespace grad_test;

TEST(PointwiseGrad, Where) {
  Tensor cond = tensor({true, false, true, true, false, false}).view({2, 3});
  check_both("where", [&](const variable_list& in) { return where(cond, in[0], in[1]); },
             {rnd({2, 3}, -1, 1, 1), rnd({3}, -1, 1, 2)});
  check_both("where scalar other", [&](const variable_list& in) { return where(cond, in[0], 0.5); },
             {rnd({2, 3}, -1, 1, 3)});
  check_both("where scalar self", [&](const variable_list& in) { return where(cond, 0.5, in[0]); },
             {rnd({1, 3}, -1, 1, 4)});
  Tensor t = rnd({3, 2}, -1, 1, 5).detach().t().requires_grad_();
  check_both("where transposed", [&](const variable_list& in) { return in[0].where(cond, in[1]); },
             {t, rnd({}, -1, 1, 6)});
  auto g = grads_of([&](const variable_list& in) { return where(cond, in[0].view({2, 3}), in[1].view({2, 3})); },
                    {leaf({1, 2, 3, 4, 5, 6}), leaf({7, 8, 9, 10, 11, 12})});
  EXPECT_TRUE(same_values(g[0], {1, 0, 1, 1, 0, 0}));
  EXPECT_TRUE(same_values(g[1], {0, 1, 0, 0, 1, 1}));
  // A float32 other: the gradient comes back float32.
  Tensor f = tensor({1.0f, 2.0f, 3.0f}).requires_grad_();
  Tensor d = rnd({2, 3}, -1, 1, 7);
  where(cond, d, f).sum().backward();
  EXPECT_EQ(f.grad().dtype(), kFloat);
  EXPECT_TENSOR_EQ(f.grad(), tensor({0.0f, 2.0f, 1.0f}));
  EXPECT_EQ(node_name(where(cond, d, f)), "WhereBackward0");
}

TEST(PointwiseGrad, Lerp) {
  check_both("lerp scalar", [](const variable_list& in) { return lerp(in[0], in[1], 0.3); },
             {rnd({2, 3}, -1, 1, 8), rnd({3}, -1, 1, 9)});
  check_both("lerp tensor", [](const variable_list& in) { return lerp(in[0], in[1], in[2]); },
             {rnd({2, 3}, -1, 1, 10), rnd({3}, -1, 1, 11), rnd({2, 1}, -1, 1, 12)});
  check_both("lerp_ scalar", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.lerp_(in[1], 0.7);
    return y;
  }, {rnd({2, 3}, -1, 1, 13), rnd({3}, -1, 1, 14)});
  check_both("lerp_ tensor", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.narrow(1, 0, 2).lerp_(in[1], in[2]);
    return y;
  }, {rnd({2, 3}, -1, 1, 15), rnd({2}, -1, 1, 16), rnd({2, 2}, -1, 1, 17)});
  Tensor a = rnd({3}, -1, 1, 18), b = rnd({3}, -1, 1, 19);
  EXPECT_EQ(node_name(lerp(a, b, 0.3)), "LerpBackward0");
  EXPECT_EQ(node_name(lerp(a, b, b)), "LerpBackward1");
}

TEST(PointwiseGrad, AddcmulAddcdiv) {
  check_both("addcmul", [](const variable_list& in) { return addcmul(in[0], in[1], in[2], 0.5); },
             {rnd({2, 3}, -1, 1, 20), rnd({3}, -1, 1, 21), rnd({2, 1}, -1, 1, 22)});
  check_both("addcdiv", [](const variable_list& in) { return addcdiv(in[0], in[1], in[2], -2); },
             {rnd({2, 3}, -1, 1, 23), rnd({3}, -1, 1, 24), rnd({2, 1}, 0.5, 2, 25)});
  check_both("addcmul_", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.addcmul_(in[1], in[2], 2);
    return y;
  }, {rnd({2, 3}, -1, 1, 26), rnd({3}, -1, 1, 27), rnd({2, 3}, -1, 1, 28)});
  check_both("addcdiv_ view", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.select(0, 1).addcdiv_(in[1], in[2]);
    return y;
  }, {rnd({2, 3}, -1, 1, 29), rnd({3}, -1, 1, 30), rnd({3}, 0.5, 2, 31)});
  Tensor t = rnd({3, 2}, -1, 1, 32).detach().t().requires_grad_();
  check_both("addcmul transposed", [](const variable_list& in) { return addcmul(in[0], in[0], in[1]); },
             {t, rnd({2, 3}, -1, 1, 33)});
  Tensor a = rnd({3}, -1, 1, 34);
  EXPECT_EQ(node_name(addcmul(a, a, a)), "AddcmulBackward0");
  EXPECT_EQ(node_name(addcdiv(a, a, a)), "AddcdivBackward0");
}

TEST(PointwiseGrad, Clamp) {
  // Random values are never exactly at a bound.
  Tensor x = rnd({2, 3}, -1, 1, 35);
  check_both("clamp", [](const variable_list& in) { return in[0].clamp(-0.3, 0.4); }, {x});
  check_both("clamp min", [](const variable_list& in) { return in[0].clamp(-0.3, std::nullopt); }, {x});
  check_both("clamp_min", [](const variable_list& in) { return in[0].clamp_min(0.1); }, {x});
  check_both("clamp_max", [](const variable_list& in) { return in[0].clamp_max(0.1); }, {x});
  check_both("clip", [](const variable_list& in) { return clip(in[0], -0.5, 0.5); }, {x});
  Tensor lo = rnd({3}, -1, 0, 36), hi = rnd({2, 1}, 0, 1, 37);
  check_both("clamp tensors",
             [](const variable_list& in) {
               return clamp(in[0], std::optional<Tensor>(in[1]), std::optional<Tensor>(in[2]));
             },
             {x, lo, hi});
  check_both("clamp_min tensor", [](const variable_list& in) { return clamp_min(in[0], in[1]); }, {x, lo});
  check_both("clamp_max tensor", [](const variable_list& in) { return clamp_max(in[0], in[1]); }, {x, hi});
  check_both("clamp_ view", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.narrow(1, 1, 2).clamp_(-0.2, 0.2);
    return y;
  }, {x});
  check_both("clamp_ tensors", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.clamp_(std::optional<Tensor>(in[1]), std::optional<Tensor>());
    return y;
  }, {x, lo});
  Tensor xt = rnd({3, 2}, -1, 1, 38).detach().t().requires_grad_();
  check_both("clamp transposed", [](const variable_list& in) { return in[0].clamp(-0.3, 0.4); }, {xt});

  Tensor a = rnd({3}, -1, 1, 39), b = rnd({3}, -1, 1, 40);
  EXPECT_EQ(node_name(a.clamp(0.2, 0.5)), "ClampBackward1");
  EXPECT_EQ(node_name(a.clamp(0.2, std::nullopt)), "ClampBackward1");
  EXPECT_EQ(node_name(clip(a, 0.2, std::nullopt)), "ClampBackward1");
  EXPECT_EQ(node_name(a.clamp(std::optional<Tensor>(b), std::optional<Tensor>(b + 1))), "ClampBackward0");
  EXPECT_EQ(node_name(a.clamp_min(0.3)), "ClampMinBackward0");
  EXPECT_EQ(node_name(a.clamp_max(0.3)), "ClampMaxBackward0");
  EXPECT_EQ(node_name(clamp_min(a, b)), "ClampMinBackward1");
  EXPECT_EQ(node_name(clamp_max(a, b)), "ClampMaxBackward1");
  Tensor y = a * 1;
  EXPECT_EQ(node_name(y.clamp_(0.2, 0.5)), "ClampBackward1");
}

// Gradients at the bounds, with min > max, and at NaN, from PyTorch.
TEST(PointwiseGrad, ClampConventions) {
  const double nan = std::nan("");
  const std::vector<double> x = {0., 0.2, 0.5, 0.7, 1.0, nan};
  auto one = [&](const std::function<Tensor(const Tensor&)>& f) {
    return grads_of([f](const variable_list& in) { return f(in[0]); }, {leaf(x)})[0];
  };
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return t.clamp(0.2, 0.7); }),
                          {0.0, 1.0, 1.0, 1.0, 0.0, 0.0}));
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return t.clamp(0.7, 0.2); }),
                          {0.0, 0.0, 0.0, 0.0, 0.0, 0.0}));
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return t.clamp_min(0.5); }),
                          {0.0, 0.0, 1.0, 1.0, 1.0, 0.0}));
  EXPECT_TRUE(same_values(one([](const Tensor& t) { return t.clamp_max(0.5); }),
                          {1.0, 1.0, 1.0, 0.0, 0.0, 0.0}));
  const std::vector<double> lo = {0.2, 0.2, 0.2, 0.8, 0.5, 0.1}, hi = {0.7, 0.7, 0.5, 0.3, 0.5, 0.9};
  auto g = grads_of(
      [](const variable_list& in) {
        return in[0].clamp(std::optional<Tensor>(in[1]), std::optional<Tensor>(in[2]));
      },
      {leaf(x), leaf(lo), leaf(hi)});
  EXPECT_TRUE(same_values(g[0], {0.0, 1.0, 1.0, 0.0, 0.0, 0.0}));
  EXPECT_TRUE(same_values(g[1], {1.0, 0.0, 0.0, 0.0, 0.0, 0.0}));
  EXPECT_TRUE(same_values(g[2], {0.0, 0.0, 0.0, 1.0, 1.0, 0.0}));
  auto gmin = grads_of([](const variable_list& in) { return clamp_min(in[0], in[1]); },
                       {leaf(x), leaf(lo)});
  EXPECT_TRUE(same_values(gmin[0], {0.0, 1.0, 1.0, 0.0, 1.0, 0.0}));
  EXPECT_TRUE(same_values(gmin[1], {1.0, 0.0, 0.0, 1.0, 0.0, 0.0}));
  auto gmax = grads_of([](const variable_list& in) { return clamp_max(in[0], in[1]); },
                       {leaf(x), leaf(hi)});
  EXPECT_TRUE(same_values(gmax[0], {1.0, 1.0, 1.0, 0.0, 0.0, 0.0}));
  EXPECT_TRUE(same_values(gmax[1], {0.0, 0.0, 0.0, 1.0, 1.0, 0.0}));
  // In place: the masks come from the values before the write.
  auto gi = grads_of([](const variable_list& in) { return (in[0] * 1).clamp_(0.2, 0.7); }, {leaf(x)});
  EXPECT_TRUE(same_values(gi[0], {0.0, 1.0, 1.0, 1.0, 0.0, 0.0}));
}

}  // namespace
}  // namespace wick

// nn odds and ends: weight normalisation (torch._weight_norm / norm_except_dim)
// against PyTorch's values (nn_misc_test_data.h, from gen_nn_misc_data.py),
// embedding_bag's scale_grad_by_freq, and the second derivatives of the
// piecewise-linear activations (zeros through x, as PyTorch's).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "ops/nn_misc_test_data.h"
#include "test_utils.h"
#include "wick/autograd/autograd.h"
#include "wick/autograd/gradcheck.h"
#include "wick/ops/activation.h"
#include "wick/ops/creation.h"
#include "wick/ops/nn_extra.h"
#include "wick/ops/norm.h"
#include "wick/ops/unary.h"

namespace {
using namespace wick;
namespace M = nn_misc_data;
using autograd::variable_list;
using test::error_of;

Tensor mk(const M::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

struct WnCase {
  int64_t dim;
  const M::Case *g, *out, *go, *gv, *gg, *norm;
  const char* node;
};

TEST(WeightNorm, MatchesPyTorch) {
  const std::vector<WnCase> cases = {
      {0, &M::wn0_g, &M::wn0_out, &M::wn0_go, &M::wn0_gv, &M::wn0_gg, &M::wn0_norm,
       "WeightNormInterfaceBackward0"},
      {1, &M::wn1_g, &M::wn1_out, &M::wn1_go, &M::wn1_gv, &M::wn1_gg, &M::wn1_norm,
       "MulBackward0"},
      {2, &M::wn2_g, &M::wn2_out, &M::wn2_go, &M::wn2_gv, &M::wn2_gg, &M::wn2_norm,
       "WeightNormInterfaceBackward0"},
      {-1, &M::wnm1_g, &M::wnm1_out, &M::wnm1_go, &M::wnm1_gv, &M::wnm1_gg, &M::wnm1_norm,
       "MulBackward0"},
  };
  for (const WnCase& c : cases) {
    SCOPED_TRACE(c.dim);
    EXPECT_TENSOR_CLOSE(norm_except_dim(mk(M::WV), 2, c.dim), mk(*c.norm), 1e-12, 1e-12);
    Tensor v = mk(M::WV).requires_grad_(true);
    Tensor g = mk(*c.g).requires_grad_(true);
    Tensor w = _weight_norm(v, g, c.dim);
    EXPECT_TENSOR_CLOSE(w, mk(*c.out), 1e-12, 1e-12);
    EXPECT_EQ(w.grad_fn()->name(), c.node);
    w.backward(mk(*c.go));
    EXPECT_TENSOR_CLOSE(v.grad(), mk(*c.gv), 1e-10, 1e-12);
    EXPECT_TENSOR_CLOSE(g.grad(), mk(*c.gg), 1e-10, 1e-12);
    // float32 in, float32 out
    Tensor w32 = _weight_norm(mk(M::WV, kFloat), mk(*c.g, kFloat), c.dim);
    EXPECT_EQ(w32.scalar_type(), kFloat);
    EXPECT_TENSOR_CLOSE(w32.to(kDouble), mk(*c.out), 1e-5, 1e-6);
  }
}

TEST(WeightNorm, InterfaceNormsAndHalf) {
  auto [w, norms] = _weight_norm_interface(mk(M::WV, kHalf), mk(M::wn0_g, kHalf), 0);
  EXPECT_EQ(w.scalar_type(), kHalf);
  EXPECT_EQ(norms.scalar_type(), kFloat);
  EXPECT_TENSOR_CLOSE(norms.to(kDouble), mk(M::wn0_norm), 1e-3, 1e-3);
  EXPECT_TENSOR_CLOSE(w.to(kDouble), mk(M::wn0_out), 1e-2, 1e-2);
}

TEST(WeightNorm, GradcheckAndGradgradcheck) {
  for (int64_t dim : {0, 1, 2, -1}) {
    SCOPED_TRACE(dim);
    Tensor v = mk(M::WV).slice(0, 0, 3).detach().requires_grad_(true);
    Tensor g = (norm_except_dim(v.detach(), 2, dim) + 0.25).requires_grad_(true);
    auto fn = [dim](const variable_list& a) -> variable_list { return {_weight_norm(a[0], a[1], dim)}; };
    EXPECT_TRUE(autograd::gradcheck(fn, {v, g}));
    EXPECT_TRUE(autograd::gradgradcheck(fn, {v, g}));
  }
}

TEST(WeightNorm, Errors) {
  EXPECT_EQ(error_of([] { _weight_norm_interface(zeros({3, 4, 5}), ones({1, 4, 1}), 1); }),
            "fused kernels can only be applied for first or last dim");
  EXPECT_EQ(error_of([] {
              _weight_norm(ones({3, 2}, TensorOptions(kLong)), ones({3, 1}, TensorOptions(kLong)), 0);
            }),
            "\"weight_norm_kernel\" not implemented for 'Long'");
}

// ---- embedding_bag(scale_grad_by_freq) ----------------------------------------------------

Tensor longs(std::vector<int64_t> v) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, TensorOptions(kLong));
  std::copy(v.begin(), v.end(), t.data_ptr<int64_t>());
  return t;
}

TEST(EmbeddingBagFreq, SumAndMean) {
  // bags [1, 2, 1], [3, 1], [0, 2]; index 1 occurs 3 times, 2 twice, 0 and 3 once
  const Tensor idx = longs({1, 2, 1, 3, 1, 0, 2}), off = longs({0, 3, 5});
  const Tensor go = arange(Scalar(1), Scalar(7), TensorOptions(kDouble)).view({3, 2});
  for (int64_t mode : {0, 1}) {
    SCOPED_TRACE(mode);
    Tensor w = zeros({5, 2}, TensorOptions(kDouble)).requires_grad_(true);
    std::get<0>(embedding_bag(w, idx, off, true, mode)).backward(go);
    // mode 0: row 1 = (g0 + g0 + g1) / 3, row 2 = (g0 + g2) / 2, rows 0 and 3 unscaled
    // mode 1: the same with each bag's gradient divided by its size first
    const double s0 = mode ? 1.0 / 3 : 1.0, s1 = mode ? 0.5 : 1.0, s2 = mode ? 0.5 : 1.0;
    std::vector<double> e = {5 * s2, 6 * s2,
                             (2 * 1 * s0 + 3 * s1) / 3, (2 * 2 * s0 + 4 * s1) / 3,
                             (1 * s0 + 5 * s2) / 2, (2 * s0 + 6 * s2) / 2,
                             3 * s1, 4 * s1, 0, 0};
    Tensor expect = empty({5, 2}, TensorOptions(kDouble));
    std::copy(e.begin(), e.end(), expect.data_ptr<double>());
    EXPECT_TENSOR_CLOSE(w.grad(), expect, 1e-14, 1e-14);
  }
  // padding_idx 2: its entries neither count in the bag sizes nor get a gradient
  Tensor w = zeros({5, 2}, TensorOptions(kDouble)).requires_grad_(true);
  std::get<0>(embedding_bag(w, idx, off, true, 1, false, {}, false, 2)).backward(go);
  EXPECT_DOUBLE_EQ(w.grad()[1][0].item().to<double>(), (2 * 1 * 0.5 + 3 * 0.5) / 3);
  EXPECT_DOUBLE_EQ(w.grad()[2][0].item().to<double>(), 0.0);
  EXPECT_DOUBLE_EQ(w.grad()[0][0].item().to<double>(), 5.0);
}

// ---- second derivatives of the piecewise-linear activations ------------------------------

struct Pw {
  const char* name;
  std::function<Tensor(const Tensor&)> f;
  const char* node;  // grad_fn of the first derivative (PyTorch's)
};

TEST(ActivationDoubleBackward, ZerosThroughInput) {
  const std::vector<Pw> fns = {
      {"relu", [](const Tensor& x) { return x.relu(); }, "ThresholdBackwardBackward0"},
      {"relu6", [](const Tensor& x) { return relu6(x); }, "HardtanhBackwardBackward0"},
      {"hardtanh", [](const Tensor& x) { return hardtanh(x, -0.5, 0.7); },
       "HardtanhBackwardBackward0"},
      {"leaky_relu", [](const Tensor& x) { return leaky_relu(x, 0.1); },
       "LeakyReluBackwardBackward0"},
      {"threshold", [](const Tensor& x) { return threshold(x, 0.2, -1.0); },
       "ThresholdBackwardBackward0"},
      {"hardshrink", [](const Tensor& x) { return hardshrink(x, 0.3); },
       "HardshrinkBackwardBackward0"},
      {"softshrink", [](const Tensor& x) { return softshrink(x, 0.3); },
       "SoftshrinkBackwardBackward0"},
      {"hardsigmoid", [](const Tensor& x) { return hardsigmoid(x); },
       "HardsigmoidBackwardBackward0"},
      {"rrelu_eval", [](const Tensor& x) { return rrelu(x, 0.1, 0.3, false); },
       "RreluWithNoiseBackwardBackward0"},
      {"rrelu_train", [](const Tensor& x) { return rrelu(x, 0.1, 0.3, true); },
       "RreluWithNoiseBackwardBackward0"},
  };
  const std::vector<double> vals = {-3.5, -1.2, -0.4, -0.1, 0.05, 0.25, 0.6, 1.3, 2.9, 6.2};
  for (const Pw& p : fns) {
    SCOPED_TRACE(p.name);
    Tensor x = empty({10}, TensorOptions(kDouble));
    std::copy(vals.begin(), vals.end(), x.data_ptr<double>());
    x.requires_grad_(true);
    Tensor y = p.f(x);
    Tensor gx = autograd::grad({y.sum()}, {x}, {}, std::nullopt, true)[0];
    ASSERT_TRUE(gx.grad_fn() != nullptr);
    EXPECT_EQ(gx.grad_fn()->name(), p.node);
    Tensor gg = autograd::grad({(gx * gx).sum()}, {x})[0];
    EXPECT_TENSOR_EQ(gg, zeros({10}, TensorOptions(kDouble)));
    if (std::string(p.name) != "rrelu_train") {
      auto fn = [&](const variable_list& a) -> variable_list { return {p.f(a[0])}; };
      EXPECT_TRUE(autograd::gradgradcheck(fn, {x}));
    }
  }
}

TEST(ActivationDoubleBackward, ThroughComposites) {
  // d2/dx2 of relu(x) * x is 2 where x > 0: the zero-gradient nodes do not
  // hide the other paths.
  Tensor x = empty({4}, TensorOptions(kDouble));
  double v[] = {-1.5, -0.2, 0.3, 2.0};
  std::copy(v, v + 4, x.data_ptr<double>());
  x.requires_grad_(true);
  Tensor gx = autograd::grad({(x.relu() * x).sum()}, {x}, {}, std::nullopt, true)[0];
  Tensor gg = autograd::grad({gx.sum()}, {x})[0];
  std::vector<double> e = {0, 0, 2, 2};
  Tensor expect = empty({4}, TensorOptions(kDouble));
  std::copy(e.begin(), e.end(), expect.data_ptr<double>());
  EXPECT_TENSOR_EQ(gg, expect);
}

TEST(ActivationDoubleBackward, Prelu) {
  // PyTorch's values: d/dx and d/dw of 0.5 * sum(c * gx) + 3 * sum(gw) for y = prelu(x, w).
  double xv[] = {-3.5, -1.2, 0.4, -0.1, 0.05, 0.25, 0.6, -1.3, 2.9, -3.2, 0.3, -0.7};
  Tensor x = empty({4, 3}, TensorOptions(kDouble));
  std::copy(xv, xv + 12, x.data_ptr<double>());
  x.requires_grad_(true);
  Tensor w = empty({3}, TensorOptions(kDouble));
  double wv[] = {0.25, -0.5, 0.1};
  std::copy(wv, wv + 3, w.data_ptr<double>());
  w.requires_grad_(true);
  Tensor c = arange(Scalar(1), Scalar(4), TensorOptions(kDouble)).expand({4, 3});
  auto g = autograd::grad({(prelu(x, w) * c).sum()}, {x, w}, {}, std::nullopt, true);
  EXPECT_EQ(g[0].grad_fn()->name(), "PreluBackwardBackward0");
  auto gg = autograd::grad({(g[0] * c * 0.5).sum() + g[1].sum() * 3}, {x, w});
  double ex[] = {3, 6, 0, 3, 0, 0, 0, 6, 0, 3, 0, 9};
  Tensor ex_t = empty({4, 3}, TensorOptions(kDouble));
  std::copy(ex, ex + 12, ex_t.data_ptr<double>());
  EXPECT_TENSOR_EQ(gg[0], ex_t);
  double ew[] = {1.5, 4.0, 4.5};
  Tensor ew_t = empty({3}, TensorOptions(kDouble));
  std::copy(ew, ew + 3, ew_t.data_ptr<double>());
  EXPECT_TENSOR_EQ(gg[1], ew_t);
  auto fn = [](const variable_list& a) -> variable_list { return {prelu(a[0], a[1])}; };
  EXPECT_TRUE(autograd::gradgradcheck(fn, {x, w}));
}

}  // namespace

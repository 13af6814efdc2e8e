// Pooling ops against PyTorch's values (pool_test_data.h, from gen_pool_data.py),
// gradients, double backward (gradcheck/gradgradcheck in float64) and errors.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ops/pool_test_data.h"
#include "test_utils.h"
#include "wick/autograd/gradcheck.h"
#include "wick/ops/creation.h"
#include "wick/ops/pool.h"

namespace {
using namespace wick;
namespace D = pool_data;
using test::error_of;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

// forward value, indices (if any) and input gradient against PyTorch's
template <typename F>
void check_case(F fn, const D::Case& x, const D::Case& out, const D::Case* idx,
                const D::Case& go, const D::Case& gi, ScalarType dt = kDouble) {
  Tensor in = mk(x, dt).requires_grad_(true);
  auto [y, i] = fn(in);
  EXPECT_TENSOR_CLOSE(y, mk(out, dt), 1e-5, 1e-6);
  if (idx) EXPECT_TENSOR_EQ(i, mk(*idx, kLong));
  y.backward(mk(go, dt));
  EXPECT_TENSOR_CLOSE(in.grad(), mk(gi, dt), 1e-5, 1e-6);
}

std::tuple<Tensor, Tensor> only(const Tensor& t) { return {t, Tensor()}; }

TEST(PoolMax, MatchesPyTorch) {
  for (ScalarType dt : {kDouble, kFloat}) {
    check_case([](const Tensor& x) { return max_pool2d_with_indices(x, 3, 2, 1); }, D::X4,
               D::mp2_out, &D::mp2_idx, D::mp2_go, D::mp2_gi, dt);
    check_case([](const Tensor& x) {
                 return max_pool2d_with_indices(x, {3, 2}, {2, 1}, {1, 0}, {1, 2}, true);
               },
               D::X4, D::mp2c_out, &D::mp2c_idx, D::mp2c_go, D::mp2c_gi, dt);
    check_case([](const Tensor& x) { return max_pool1d_with_indices(x, 4, 2, 2, 1, true); },
               D::X3, D::mp1_out, &D::mp1_idx, D::mp1_go, D::mp1_gi, dt);
    check_case([](const Tensor& x) { return max_pool3d_with_indices(x, 2, {1, 2, 3}, 1); },
               D::X5, D::mp3_out, &D::mp3_idx, D::mp3_go, D::mp3_gi, dt);
  }
}

TEST(PoolMax, GradFnNames) {
  Tensor x = mk(D::X4).requires_grad_(true);
  EXPECT_EQ(max_pool2d(x, 2).grad_fn()->name(), "MaxPool2DWithIndicesBackward0");
  EXPECT_EQ(max_pool1d(x[0], 2).grad_fn()->name(), "SqueezeBackward1");
  EXPECT_EQ(max_pool3d(x, 2).grad_fn()->name(), "MaxPool3DWithIndicesBackward0");
  EXPECT_EQ(avg_pool2d(x, 2).grad_fn()->name(), "AvgPool2DBackward0");
  EXPECT_EQ(adaptive_avg_pool2d(x, {2, 3}).grad_fn()->name(), "AdaptiveAvgPool2DBackward0");
  EXPECT_EQ(adaptive_avg_pool2d(x, {1, 1}).grad_fn()->name(), "MeanBackward1");
  EXPECT_EQ(std::get<0>(adaptive_max_pool2d(x, {2, 3})).grad_fn()->name(),
            "AdaptiveMaxPool2DBackward0");
}

TEST(PoolMax, UnbatchedNonContiguousAndNan) {
  Tensor x = mk(D::X4);
  auto [a, ai] = max_pool2d_with_indices(x[1], 3, 2, 1);
  auto [b, bi] = max_pool2d_with_indices(x, 3, 2, 1);
  EXPECT_TENSOR_EQ(a, b[1]);
  EXPECT_TENSOR_EQ(ai, bi[1]);
  Tensor xt = x.transpose(2, 3).contiguous().transpose(2, 3);
  EXPECT_TENSOR_EQ(max_pool2d(xt, 3, 2, 1), b);
  Tensor n = zeros({1, 1, 2, 2}, TensorOptions(kDouble));
  n.data_ptr<double>()[1] = std::numeric_limits<double>::quiet_NaN();
  auto [v, vi] = max_pool2d_with_indices(n, 2);
  EXPECT_TRUE(std::isnan(v.item<double>()));
  EXPECT_EQ(vi.item<int64_t>(), 1);
}

TEST(PoolAvg, MatchesPyTorch) {
  check_case([](const Tensor& x) { return only(avg_pool2d(x, 3, 2, 1, true)); }, D::X4,
             D::ap2_out, nullptr, D::ap2_go, D::ap2_gi);
  check_case([](const Tensor& x) { return only(avg_pool2d(x, 3, 2, 1, true, false)); }, D::X4,
             D::ap2x_out, nullptr, D::ap2x_go, D::ap2x_gi);
  check_case([](const Tensor& x) { return only(avg_pool2d(x, {2, 3}, 1, {1, 0}, false, true, 4)); },
             D::X4, D::ap2d_out, nullptr, D::ap2d_go, D::ap2d_gi);
  check_case([](const Tensor& x) { return only(avg_pool1d(x, 3, 2, 1)); }, D::X3, D::ap1_out,
             nullptr, D::ap1_go, D::ap1_gi);
  check_case([](const Tensor& x) { return only(avg_pool3d(x, 3, 2, 1, false, false)); }, D::X5,
             D::ap3_out, nullptr, D::ap3_go, D::ap3_gi);
}

TEST(PoolAdaptive, MatchesPyTorch) {
  check_case([](const Tensor& x) { return only(adaptive_avg_pool2d(x, {3, 5})); }, D::X4,
             D::aap2_out, nullptr, D::aap2_go, D::aap2_gi);
  check_case([](const Tensor& x) { return only(adaptive_avg_pool1d(x, 4)); }, D::X3, D::aap1_out,
             nullptr, D::aap1_go, D::aap1_gi);
  check_case([](const Tensor& x) { return only(adaptive_avg_pool3d(x, {2, 4, 3})); }, D::X5,
             D::aap3_out, nullptr, D::aap3_go, D::aap3_gi);
  check_case([](const Tensor& x) { return adaptive_max_pool2d(x, {3, 5}); }, D::X4, D::amp2_out,
             &D::amp2_idx, D::amp2_go, D::amp2_gi);
  check_case([](const Tensor& x) { return adaptive_max_pool3d(x, {2, 4, 3}); }, D::X5,
             D::amp3_out, &D::amp3_idx, D::amp3_go, D::amp3_gi);
}

TEST(PoolUnpool, MatchesPyTorch) {
  Tensor out = max_unpool2d(mk(D::unp2_in), mk(D::unp2_idx, kLong), 2);
  EXPECT_TENSOR_EQ(out, mk(D::unp2_out));
}

TEST(PoolGrad, GradcheckAndGradgradcheck) {
  using autograd::variable_list;
  Tensor x = mk(D::X4).slice(0, 0, 1).slice(1, 0, 2).mul(0.1).detach().requires_grad_(true);
  std::vector<std::function<Tensor(const Tensor&)>> fns = {
      [](const Tensor& t) { return max_pool2d(t, 3, 2, 1); },
      [](const Tensor& t) { return max_pool2d(t, 2, 1, 0, 2, true); },
      [](const Tensor& t) { return max_pool3d(t, 2); },
      [](const Tensor& t) { return avg_pool2d(t, 3, 2, 1, true, false); },
      [](const Tensor& t) { return avg_pool2d(t, 3, 2, 1, false, true, 5); },
      [](const Tensor& t) { return avg_pool3d(t, 2, 1, 1); },
      [](const Tensor& t) { return adaptive_avg_pool2d(t, {3, 5}); },
      [](const Tensor& t) { return std::get<0>(adaptive_max_pool2d(t, {3, 5})); },
      [](const Tensor& t) { return lp_pool2d(t * t + 0.5, 2.0, 2); },
  };
  for (auto& f : fns) {
    auto fn = [&](const variable_list& v) -> variable_list { return {f(v[0])}; };
    EXPECT_TRUE(autograd::gradcheck(fn, {x}));
    EXPECT_TRUE(autograd::gradgradcheck(fn, {x}));
  }
}

TEST(PoolErrors, PyTorchWording) {
  Tensor x = zeros({2, 3, 5, 5});
  EXPECT_EQ(error_of([&] { max_pool2d(x, 3, {}, 2); }),
            "pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 "
            "and dilation=1");
  EXPECT_EQ(error_of([&] { max_pool2d(x, 0); }), "stride should not be zero");
  EXPECT_EQ(error_of([&] { max_pool2d(x, 2, {}, 0, 0); }),
            "dilation should be greater than zero, but got dilationH: 0 dilationW: 0");
  EXPECT_EQ(error_of([&] { max_pool2d(x, {2, 2, 2}); }),
            "max_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  EXPECT_EQ(error_of([&] { max_pool2d(x, 6); }),
            "Given input size: (3x5x5). Calculated output size: (3x0x0). Output size is too small");
  EXPECT_EQ(error_of([&] { max_pool2d(zeros({5}), 2); }),
            "non-empty 3D or 4D (batch mode) tensor expected for input");
  EXPECT_EQ(error_of([&] { max_pool2d(x.to(kLong), 2); }),
            "\"max_pool2d\" not implemented for 'Long'");
  EXPECT_EQ(error_of([&] { max_pool1d(zeros({2, 5}), 3, {}, 2); }),
            "max_pool1d() padding should be at most half of kernel size, but got padding=2 and "
            "kernel_size=3");
  EXPECT_EQ(error_of([&] { avg_pool2d(x, 2, {}, 0, false, true, 0); }), "divisor must be not zero");
  EXPECT_EQ(error_of([&] { adaptive_avg_pool2d(zeros({2, 3, 0, 4}), {2, 2}); }),
            "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch "
            "dimensions, but input has sizes [2, 3, 0, 4] with dimension 2 being empty");
  EXPECT_EQ(error_of([&] {
              max_unpool2d(zeros({1, 1, 2, 2}), full({1, 1, 2, 2}, 100, TensorOptions(kLong)), 2);
            }),
            "Found an invalid max index: 100 (output volumes are of size 4x4");
}

}  // namespace

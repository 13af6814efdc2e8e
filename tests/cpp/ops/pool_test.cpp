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

// ---- grid_sampler / affine_grid -------------------------------------------------

int64_t mode_of(const std::string& n) {
  return n.find("bilinear") != std::string::npos ? 0 : n.find("nearest") != std::string::npos ? 1 : 2;
}
int64_t pad_of(const std::string& n) {
  return n.find("zeros") != std::string::npos ? 0 : n.find("border") != std::string::npos ? 1 : 2;
}

template <size_t K>
void check_grid_cases(const D::GridCase (&cases)[K], const D::Case& X, const D::Case& G,
                      const D::Case& GO, const char* node) {
  for (ScalarType dt : {kDouble, kFloat}) {
    for (const auto& c : cases) {
      SCOPED_TRACE(c.name);
      const std::string n = c.name;
      const bool align = n.back() == '1';
      Tensor x = mk(X, dt).requires_grad_(true), g = mk(G, dt).requires_grad_(true);
      Tensor y = grid_sampler(x, g, mode_of(n), pad_of(n), align);
      const double tol = dt == kDouble ? 1e-10 : 1e-4;
      EXPECT_TENSOR_CLOSE(y, mk(*c.out, dt), tol, tol);
      EXPECT_EQ(y.grad_fn()->name(), node);
      y.backward(mk(GO, dt));
      EXPECT_TENSOR_CLOSE(x.grad(), mk(*c.gi, dt), tol, tol);
      EXPECT_TENSOR_CLOSE(g.grad(), mk(*c.gg, dt), tol * 10, tol * 10);
    }
  }
}

TEST(PoolGrid, GridSampler2DMatchesPyTorch) {
  static_assert(sizeof(D::gs2_cases) / sizeof(D::gs2_cases[0]) == 18);
  check_grid_cases(D::gs2_cases, D::GX2, D::GG2, D::gs2_go, "GridSampler2DBackward0");
}

TEST(PoolGrid, GridSampler3DMatchesPyTorch) {
  check_grid_cases(D::gs3_cases, D::GX3, D::GG3, D::gs3_go, "GridSampler3DBackward0");
}

TEST(PoolGrid, StringFormsAndNonContiguous) {
  Tensor x = mk(D::GX2), g = mk(D::GG2);
  EXPECT_TENSOR_CLOSE(grid_sample(x, g, "bicubic", "reflection", true),
                      mk(D::gs2_bicubic_reflection_1_out), 1e-10, 1e-10);
  EXPECT_TENSOR_CLOSE(grid_sample(x, g), mk(D::gs2_bilinear_zeros_0_out), 1e-10, 1e-10);
  Tensor xt = x.transpose(2, 3).contiguous().transpose(2, 3);
  Tensor gt = g.permute({0, 3, 1, 2}).contiguous().permute({0, 2, 3, 1});
  ASSERT_FALSE(xt.is_contiguous());
  ASSERT_FALSE(gt.is_contiguous());
  EXPECT_TENSOR_CLOSE(grid_sampler_2d(xt, gt, 1, 1, false), mk(D::gs2_nearest_border_0_out),
                      1e-12, 1e-12);
  // grad of the backward is not implemented, as in PyTorch
  Tensor xi = x.clone().requires_grad_(true);
  auto [gi, gg] = grid_sampler_backward(ones({2, 3, 3, 4}, TensorOptions(kDouble)), xi, g, 0, 0,
                                        false);
  ASSERT_TRUE(gi.grad_fn() != nullptr);
  EXPECT_EQ(error_of([&] { gi.sum().backward(); }),
            "derivative for grid_sampler_2d_backward is not implemented");
}

TEST(PoolGrid, AffineGridMatchesPyTorch) {
  const D::Case* cases[4][4] = {{&D::ag2_0_theta, &D::ag2_0_out, &D::ag2_0_go, &D::ag2_0_gt},
                                {&D::ag2_1_theta, &D::ag2_1_out, &D::ag2_1_go, &D::ag2_1_gt},
                                {&D::ag3_0_theta, &D::ag3_0_out, &D::ag3_0_go, &D::ag3_0_gt},
                                {&D::ag3_1_theta, &D::ag3_1_out, &D::ag3_1_go, &D::ag3_1_gt}};
  const std::vector<int64_t> sizes[2] = {{2, 3, 4, 5}, {2, 1, 3, 2, 4}};
  for (ScalarType dt : {kDouble, kFloat})
    for (int i = 0; i < 4; ++i) {
      SCOPED_TRACE(i);
      Tensor th = mk(*cases[i][0], dt).requires_grad_(true);
      Tensor y = affine_grid(th, sizes[i / 2], i % 2 == 1);
      EXPECT_TENSOR_CLOSE(y, mk(*cases[i][1], dt), 1e-5, 1e-6);
      EXPECT_EQ(y.grad_fn()->name(), "AffineGridGeneratorBackward0");
      y.backward(mk(*cases[i][2], dt));
      EXPECT_TENSOR_CLOSE(th.grad(), mk(*cases[i][3], dt), 1e-5, 1e-6);
    }
}

TEST(PoolGrid, Gradcheck) {
  using autograd::variable_list;
  // points away from pixel centres, where the interpolation is smooth
  Tensor x = mk(D::GX2).slice(0, 0, 1).slice(1, 0, 2).mul(0.1).detach().requires_grad_(true);
  Tensor g = (mk(D::GG2).slice(0, 0, 1) * 0.9).detach().requires_grad_(true);
  for (int64_t mode : {0, 1, 2})
    for (int64_t pad : {0, 1, 2})
      for (bool align : {false, true}) {
        SCOPED_TRACE(mode * 100 + pad * 10 + align);
        auto fn = [&](const variable_list& v) -> variable_list {
          return {grid_sampler(v[0], v[1], mode, pad, align)};
        };
        EXPECT_TRUE(autograd::gradcheck(fn, {x, g}));
      }
  Tensor x3 = mk(D::GX3).mul(0.1).detach().requires_grad_(true);
  Tensor g3 = (mk(D::GG3) * 0.9).detach().requires_grad_(true);
  for (int64_t pad : {0, 1, 2}) {
    auto fn = [&](const variable_list& v) -> variable_list {
      return {grid_sampler(v[0], v[1], 0, pad, false)};
    };
    EXPECT_TRUE(autograd::gradcheck(fn, {x3, g3}));
  }
  Tensor th = (mk(D::ag2_0_theta)).detach().requires_grad_(true);
  auto af = [&](const variable_list& v) -> variable_list {
    return {affine_grid(v[0], {2, 3, 4, 5}, false)};
  };
  EXPECT_TRUE(autograd::gradcheck(af, {th}));
  EXPECT_TRUE(autograd::gradgradcheck(af, {th}));
}

TEST(PoolGrid, Errors) {
  Tensor x = zeros({2, 3, 4, 5}), g = zeros({2, 3, 4, 2});
  EXPECT_EQ(error_of([&] { grid_sampler(x, zeros({1, 3, 4, 2}), 0, 0, false); }),
            "grid_sampler(): expected grid and input to have same batch size, but got input with "
            "sizes [2, 3, 4, 5] and grid with sizes [1, 3, 4, 2]");
  EXPECT_EQ(error_of([&] { grid_sampler(x, zeros({2, 3, 4, 3}), 0, 0, false); }),
            "grid_sampler(): expected grid to have size 2 in last dimension, but got grid with "
            "sizes [2, 3, 4, 3]");
  EXPECT_EQ(error_of([&] { grid_sampler(zeros({2, 3, 0, 5}), g, 0, 0, false); }),
            "grid_sampler(): expected input to have non-empty spatial dimensions, but input has "
            "sizes [2, 3, 0, 5] with dimension 2 being empty");
  EXPECT_EQ(error_of([&] { grid_sampler(zeros({2, 3, 2, 4, 5}), zeros({2, 1, 1, 1, 3}), 2, 0,
                                        false); }),
            "grid_sampler(): bicubic interpolation only supports 4D input");
  EXPECT_EQ(error_of([&] { grid_sampler(x, g.to(kDouble), 0, 0, false); }),
            "grid_sampler(): expected input and grid to have same dtype, but input has float and "
            "grid has double");
  EXPECT_EQ(error_of([&] { grid_sampler(x.to(kInt), g.to(kInt), 0, 0, false); }),
            "\"grid_sampler_2d_cpu\" not implemented for 'Int'");
  EXPECT_EQ(error_of([&] { grid_sample(x, g, "foo"); }),
            "nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', "
            "but got: 'foo'");
  EXPECT_EQ(error_of([&] { affine_grid(zeros({2, 3, 4}), {2, 3, 4, 5}); }),
            "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].");
  EXPECT_EQ(error_of([&] { affine_grid(zeros({2, 2, 3}), {2, 3, 4}); }),
            "AffineGridGenerator needs 4d (spatial) or 5d (volumetric) inputs.");
}

}  // namespace

// ---- interpolate(antialias=True): _upsample_{bilinear,bicubic}2d_aa -----------------------
// (values from gen_nn_misc_data.py -> nn_misc_test_data.h)

#include "ops/nn_misc_test_data.h"
#include "wick/ops/nn_extra.h"

namespace {
namespace M = nn_misc_data;

Tensor mkm(const M::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

struct AaCase {
  const char* name;
  bool cubic;
  std::vector<int64_t> size;
  std::vector<double> scales;
  bool align;
  const M::Case *out, *out32, *go, *gi;
};

Tensor run_aa(const AaCase& c, const Tensor& x) {
  IntArrayRef os(c.size.data(), c.size.size());
  return c.cubic ? _upsample_bicubic2d_aa(x, os, c.align, c.scales)
                 : _upsample_bilinear2d_aa(x, os, c.align, c.scales);
}

const std::vector<AaCase>& aa_cases() {
  static const std::vector<AaCase> cases = {
      {"bl_down", false, {4, 3}, {}, false, &M::aa_bl_down_out, &M::aa_bl_down_out32,
       &M::aa_bl_down_go, &M::aa_bl_down_gi},
      {"bc_down", true, {4, 3}, {}, false, &M::aa_bc_down_out, &M::aa_bc_down_out32,
       &M::aa_bc_down_go, &M::aa_bc_down_gi},
      {"bl_mixed", false, {5, 13}, {}, false, &M::aa_bl_mixed_out, &M::aa_bl_mixed_out32,
       &M::aa_bl_mixed_go, &M::aa_bl_mixed_gi},
      {"bc_scale", true, {}, {0.3, 0.6}, false, &M::aa_bc_scale_out, &M::aa_bc_scale_out32,
       &M::aa_bc_scale_go, &M::aa_bc_scale_gi},
      {"bl_align", false, {3, 4}, {}, true, &M::aa_bl_align_out, &M::aa_bl_align_out32,
       &M::aa_bl_align_go, &M::aa_bl_align_gi},
      {"bc_up", true, {15, 12}, {}, false, &M::aa_bc_up_out, &M::aa_bc_up_out32, &M::aa_bc_up_go,
       &M::aa_bc_up_gi},
  };
  return cases;
}
}  // namespace

TEST(PoolResampleAa, MatchesPyTorch) {
  for (const AaCase& c : aa_cases()) {
    SCOPED_TRACE(c.name);
    Tensor x = mkm(M::AX).requires_grad_(true);
    Tensor y = run_aa(c, x);
    EXPECT_TENSOR_CLOSE(y, mkm(*c.out), 1e-12, 1e-12);
    y.backward(mkm(*c.go));
    EXPECT_TENSOR_CLOSE(x.grad(), mkm(*c.gi), 1e-12, 1e-12);
    // float32: PyTorch's weights and pass order, so float rounding agrees closely
    Tensor y32 = run_aa(c, mkm(M::AX, kFloat));
    EXPECT_EQ(y32.scalar_type(), kFloat);
    EXPECT_TENSOR_CLOSE(y32.to(kDouble), mkm(*c.out32), 1e-6, 1e-6);
    // non-contiguous input
    Tensor xt = mkm(M::AX).transpose(2, 3).contiguous().transpose(2, 3);
    EXPECT_TENSOR_CLOSE(run_aa(c, xt), mkm(*c.out), 1e-12, 1e-12);
  }
}

TEST(PoolResampleAa, GradFnNamesAndGradgradcheck) {
  using autograd::variable_list;
  Tensor x = mkm(M::AX).slice(0, 0, 1).slice(1, 0, 1).detach().requires_grad_(true);
  EXPECT_EQ(_upsample_bilinear2d_aa(x, {4, 3}, false).grad_fn()->name(),
            "UpsampleBilinear2DAaBackward1");
  EXPECT_EQ(_upsample_bicubic2d_aa(x, {4, 3}, false).grad_fn()->name(),
            "UpsampleBicubic2DAaBackward1");
  for (bool cubic : {false, true}) {
    for (std::vector<int64_t> os : {std::vector<int64_t>{4, 3}, std::vector<int64_t>{13, 5}}) {
      auto fn = [&](const variable_list& v) -> variable_list {
        return {cubic ? _upsample_bicubic2d_aa(v[0], os, false)
                      : _upsample_bilinear2d_aa(v[0], os, false)};
      };
      EXPECT_TRUE(autograd::gradcheck(fn, {x}));
      EXPECT_TRUE(autograd::gradgradcheck(fn, {x}));
    }
  }
}

TEST(PoolResampleAa, Errors) {
  EXPECT_EQ(error_of([] { _upsample_bilinear2d_aa(zeros({2, 3, 4}), {2, 2}, false); }),
            "Expected 4D input for _upsample_bilinear2d_aa, but got input of size [2, 3, 4]");
  EXPECT_EQ(error_of([] { _upsample_bicubic2d_aa(zeros({1, 1, 4, 4}), {2}, false); }),
            "It is expected output_size equals to 2, but got size 1");
  EXPECT_NE(error_of([] { _upsample_bicubic2d_aa(zeros({1, 1, 4, 4}), {0, 2}, false); }), "");
}

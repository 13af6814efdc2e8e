// Reductions and scans vs PyTorch 1.13 results (reduce_test_data.h, from
// gen_reduce_data.py), plus hand-checked edge cases and error messages.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "ops/reduce_test_data.h"
#include "test_utils.h"
#include "wick/ops/creation.h"
#include "wick/ops/reduce.h"
#include "wick/ops/shape.h"

namespace {
using namespace wick;
namespace D = reduce_data;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}
// The permuted (non-contiguous) view the generator calls Xp.
Tensor Xp() { return mk(D::X).permute({2, 0, 1}); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

#define EXPECT_CLOSE_D(a, e) EXPECT_TENSOR_CLOSE(a, e, 1e-10, 1e-12)
#define EXPECT_CLOSE_F(a, e) EXPECT_TENSOR_CLOSE(a, e, 1e-5, 1e-6)

struct DimCase {
  std::vector<int64_t> dims;
  const D::Case *sum, *mean, *amax, *amin, *var, *lse, *isum, *cnz, *psum, *pamax, *pvar;
};
#define WICK_DIM_CASE(nm, ...)                                                            \
  DimCase {                                                                               \
    std::vector<int64_t>{__VA_ARGS__}, &D::sum_##nm, &D::mean_##nm, &D::amax_##nm,        \
        &D::amin_##nm, &D::var_##nm, &D::lse_##nm, &D::isum_##nm, &D::cnz_##nm,          \
        &D::psum_##nm, &D::pamax_##nm, &D::pvar_##nm                                      \
  }
const std::vector<DimCase>& dim_cases() {
  static const std::vector<DimCase> v = {
      WICK_DIM_CASE(all), WICK_DIM_CASE(d0, 0),    WICK_DIM_CASE(d1, 1),
      WICK_DIM_CASE(d2, 2), WICK_DIM_CASE(d02, 0, 2), WICK_DIM_CASE(dm1, -1),
      WICK_DIM_CASE(d12, 1, 2)};
  return v;
}

TEST(ReduceTest, DimListReductionsMatchPyTorch) {
  Tensor X = mk(D::X), Xi = mk(D::Xi, kLong), Z = mk(D::Z), P = Xp();
  ASSERT_FALSE(P.is_contiguous());
  for (const auto& c : dim_cases()) {
    SCOPED_TRACE(::testing::Message() << "dims " << IntArrayRef(c.dims));
    IntArrayRef dims(c.dims);
    EXPECT_CLOSE_D(X.sum(dims), mk(*c.sum));
    EXPECT_CLOSE_D(X.mean(dims), mk(*c.mean));
    EXPECT_TENSOR_EQ(X.amax(dims), mk(*c.amax));
    EXPECT_TENSOR_EQ(X.amin(dims), mk(*c.amin));
    EXPECT_CLOSE_D(X.var(dims), mk(*c.var));
    EXPECT_CLOSE_D(X.logsumexp(dims.empty() ? IntArrayRef({0, 1, 2}) : dims), mk(*c.lse));
    EXPECT_TENSOR_EQ(Xi.sum(dims), mk(*c.isum, kLong));
    EXPECT_TENSOR_EQ(count_nonzero(Z, dims), mk(*c.cnz, kLong));
    EXPECT_CLOSE_D(P.sum(dims), mk(*c.psum));
    EXPECT_TENSOR_EQ(P.amax(dims), mk(*c.pamax));
    EXPECT_CLOSE_D(P.var(dims), mk(*c.pvar));
    // float32 and the 16-bit floats through the same kernels
    EXPECT_TENSOR_CLOSE(X.to(kFloat).sum(dims), mk(*c.sum, kFloat), 1e-5, 1e-5);
    EXPECT_TENSOR_CLOSE(X.to(kHalf).mean(dims), mk(*c.mean, kHalf), 1e-2, 1e-2);
    EXPECT_TENSOR_EQ(X.to(kBFloat16).amax(dims), mk(*c.amax, kBFloat16));
  }
}

TEST(ReduceTest, KeepdimShapes) {
  Tensor X = mk(D::X);
  EXPECT_EQ(X.sum({1}, true).sizes(), IntArrayRef({3, 1, 5}));
  EXPECT_EQ(X.sum({0, 2}, true).sizes(), IntArrayRef({1, 4, 1}));
  EXPECT_EQ(X.sum({}, true).sizes(), IntArrayRef({1, 1, 1}));
  EXPECT_EQ(X.amax({-1}, true).sizes(), IntArrayRef({3, 4, 1}));
  EXPECT_EQ(std::get<0>(X.max(1, true)).sizes(), IntArrayRef({3, 1, 5}));
  EXPECT_EQ(X.argmax(2, true).sizes(), IntArrayRef({3, 4, 1}));
  EXPECT_EQ(X.var({1}, 1, true).sizes(), IntArrayRef({3, 1, 5}));
  EXPECT_CLOSE_D(X.std({2}, 1, true), mk(D::std_d2_keep));
  EXPECT_CLOSE_D(X.sum({1}, true).squeeze(1), mk(D::sum_d1));
  EXPECT_EQ(X.logsumexp({0}, true).sizes(), IntArrayRef({1, 4, 5}));
  EXPECT_EQ(X.all(1, true).sizes(), IntArrayRef({3, 1, 5}));
  EXPECT_EQ(X.norm(2, {0, 1}, true).sizes(), IntArrayRef({1, 1, 5}));
}

TEST(ReduceTest, ProdMaxMinArgMatchPyTorch) {
  Tensor X = mk(D::X), Xi = mk(D::Xi, kLong), Z = mk(D::Z), P = Xp();
  const D::Case* prod[] = {&D::prod_0, &D::prod_1, &D::prod_2};
  const D::Case* iprod[] = {&D::iprod_0, &D::iprod_1, &D::iprod_2};
  const D::Case* maxv[] = {&D::max_v0, &D::max_v1, &D::max_v2};
  const D::Case* maxi[] = {&D::max_i0, &D::max_i1, &D::max_i2};
  const D::Case* minv[] = {&D::min_v0, &D::min_v1, &D::min_v2};
  const D::Case* mini[] = {&D::min_i0, &D::min_i1, &D::min_i2};
  const D::Case* imaxv[] = {&D::imax_v0, &D::imax_v1, &D::imax_v2};
  const D::Case* imaxi[] = {&D::imax_i0, &D::imax_i1, &D::imax_i2};
  const D::Case* iminv[] = {&D::imin_v0, &D::imin_v1, &D::imin_v2};
  const D::Case* imini[] = {&D::imin_i0, &D::imin_i1, &D::imin_i2};
  const D::Case* pmaxv[] = {&D::pmax_v0, &D::pmax_v1, &D::pmax_v2};
  const D::Case* pmaxi[] = {&D::pmax_i0, &D::pmax_i1, &D::pmax_i2};
  const D::Case* amx[] = {&D::argmax_0, &D::argmax_1, &D::argmax_2};
  const D::Case* amn[] = {&D::argmin_0, &D::argmin_1, &D::argmin_2};
  const D::Case* iamx[] = {&D::iargmax_0, &D::iargmax_1, &D::iargmax_2};
  const D::Case* iamn[] = {&D::iargmin_0, &D::iargmin_1, &D::iargmin_2};
  const D::Case* alls[] = {&D::all_0, &D::all_1, &D::all_2};
  const D::Case* anys[] = {&D::any_0, &D::any_1, &D::any_2};
  const D::Case* mmn[] = {&D::aminmax_min0, &D::aminmax_min1, &D::aminmax_min2};
  const D::Case* mmx[] = {&D::aminmax_max0, &D::aminmax_max1, &D::aminmax_max2};
  for (int d = 0; d < 3; ++d) {
    SCOPED_TRACE(::testing::Message() << "dim " << d);
    EXPECT_CLOSE_D(X.prod(d), mk(*prod[d]));
    EXPECT_TENSOR_EQ(Xi.prod(d), mk(*iprod[d], kLong));
    auto [v, i] = X.max(d);
    EXPECT_TENSOR_EQ(v, mk(*maxv[d]));
    EXPECT_TENSOR_EQ(i, mk(*maxi[d], kLong));
    auto [v2, i2] = X.min(d);
    EXPECT_TENSOR_EQ(v2, mk(*minv[d]));
    EXPECT_TENSOR_EQ(i2, mk(*mini[d], kLong));
    // integer data has many ties: the first index wins, as in PyTorch
    auto [v3, i3] = Xi.max(d);
    EXPECT_TENSOR_EQ(v3, mk(*imaxv[d], kLong));
    EXPECT_TENSOR_EQ(i3, mk(*imaxi[d], kLong));
    auto [v4, i4] = Xi.min(d);
    EXPECT_TENSOR_EQ(v4, mk(*iminv[d], kLong));
    EXPECT_TENSOR_EQ(i4, mk(*imini[d], kLong));
    auto [v5, i5] = P.max(d);
    EXPECT_TENSOR_EQ(v5, mk(*pmaxv[d]));
    EXPECT_TENSOR_EQ(i5, mk(*pmaxi[d], kLong));
    EXPECT_TENSOR_EQ(X.argmax(d), mk(*amx[d], kLong));
    EXPECT_TENSOR_EQ(X.argmin(d), mk(*amn[d], kLong));
    EXPECT_TENSOR_EQ(Xi.argmax(d), mk(*iamx[d], kLong));
    EXPECT_TENSOR_EQ(Xi.argmin(d), mk(*iamn[d], kLong));
    EXPECT_TENSOR_EQ(Xi.to(kInt).argmax(d), mk(*iamx[d], kLong));
    EXPECT_TENSOR_EQ(Xi.to(kChar).argmin(d), mk(*iamn[d], kLong));
    EXPECT_TENSOR_EQ(Z.all(d), mk(*alls[d], kBool));
    EXPECT_TENSOR_EQ(Z.any(d), mk(*anys[d], kBool));
    auto [mn, mx] = aminmax(X, d);
    EXPECT_TENSOR_EQ(mn, mk(*mmn[d]));
    EXPECT_TENSOR_EQ(mx, mk(*mmx[d]));
  }
  EXPECT_TENSOR_EQ(X.argmax(), mk(D::argmax_all, kLong));
  EXPECT_TENSOR_EQ(X.argmin(), mk(D::argmin_all, kLong));
  // dim=None, keepdim=True keeps every dim as size 1 (torch.argmax(x, None, True)).
  const DimVector ones(static_cast<size_t>(X.dim()), 1);
  EXPECT_EQ(X.argmax(std::nullopt, true).sizes(), IntArrayRef(ones));
  EXPECT_EQ(X.argmin(std::nullopt, true).item<int64_t>(), X.argmin().item<int64_t>());
  EXPECT_TENSOR_EQ(P.argmax(), mk(D::pargmax_all, kLong));
  EXPECT_TENSOR_EQ(Xi.argmax(), mk(D::iargmax_all, kLong));
  EXPECT_TENSOR_EQ(Xi.argmin(), mk(D::iargmin_all, kLong));
  EXPECT_CLOSE_D(X.prod(), mk(D::prod_all));
  EXPECT_TENSOR_EQ(Xi.prod(), mk(D::iprod_all, kLong));
  EXPECT_TENSOR_EQ(X.max(), mk(D::max_all));
  EXPECT_TENSOR_EQ(X.min(), mk(D::min_all));
  EXPECT_TENSOR_EQ(Z.all(), mk(D::all_all, kBool));
  EXPECT_TENSOR_EQ(Z.any(), mk(D::any_all, kBool));
  auto [mn, mx] = aminmax(X);
  EXPECT_TENSOR_EQ(mn, mk(D::min_all));
  EXPECT_TENSOR_EQ(mx, mk(D::max_all));
  EXPECT_EQ(mn.dim(), 0);
}

TEST(ReduceTest, VarStdNormMatchPyTorch) {
  Tensor X = mk(D::X), Z = mk(D::Z);
  EXPECT_CLOSE_D(X.std(), mk(D::std_all));
  EXPECT_CLOSE_D(X.std({1}, 0), mk(D::std_d1_c0));
  EXPECT_CLOSE_D(X.var({0, 2}, 2), mk(D::var_d02_c2));
  EXPECT_CLOSE_D(wick::std(X, {1}, false), mk(D::std_d1_c0));
  EXPECT_CLOSE_D(var(X, true), mk(D::var_all));
  EXPECT_CLOSE_D(var(X, {1}), mk(D::var_d1));       // a braced list is dims, not `unbiased`
  EXPECT_CLOSE_D(var(X, {0, 2}, 2), mk(D::var_d02_c2));  // and an int is a correction
  EXPECT_CLOSE_D(wick::std(X, 1, 0), mk(D::std_d1_c0));
  // braced dim lists through the OptionalIntArrayRef methods (Note [OptionalIntArrayRef])
  EXPECT_CLOSE_D(X.var({1}), mk(D::var_d1));
  EXPECT_CLOSE_D(X.var({0, 2}), mk(D::var_d02));
  EXPECT_CLOSE_D(X.std({1}, 0), mk(D::std_d1_c0));
  EXPECT_TENSOR_EQ(mk(D::Z).count_nonzero({0, 2}), mk(D::cnz_d02, kLong));
  EXPECT_TENSOR_EQ(mk(D::Z).count_nonzero({1}), mk(D::cnz_d1, kLong));
  auto [v, m] = var_mean(X, {1});
  EXPECT_CLOSE_D(v, mk(D::vm_var));
  EXPECT_CLOSE_D(m, mk(D::vm_mean));
  auto [s, m2] = std_mean(X, {0, 2}, 0);
  EXPECT_CLOSE_D(s, mk(D::sm_std));
  EXPECT_CLOSE_D(m2, mk(D::sm_mean));
  struct N {
    double p;
    const D::Case *all, *d2, *d01;
  };
  const N norms[] = {{2, &D::norm_all_2, &D::norm_d2_2, &D::norm_d01_2},
                     {1, &D::norm_all_1, &D::norm_d2_1, &D::norm_d01_1},
                     {kInf, &D::norm_all_inf, &D::norm_d2_inf, &D::norm_d01_inf},
                     {-kInf, &D::norm_all_ninf, &D::norm_d2_ninf, &D::norm_d01_ninf},
                     {0, &D::norm_all_0, &D::norm_d2_0, &D::norm_d01_0},
                     {3, &D::norm_all_3, &D::norm_d2_3, &D::norm_d01_3},
                     {0.5, &D::norm_all_h, &D::norm_d2_h, &D::norm_d01_h}};
  for (const auto& n : norms) {
    SCOPED_TRACE(::testing::Message() << "p " << n.p);
    EXPECT_CLOSE_D(Z.norm(n.p), mk(*n.all));
    EXPECT_CLOSE_D(Z.norm(n.p, {2}), mk(*n.d2));
    EXPECT_CLOSE_D(Z.norm(n.p, {0, 1}), mk(*n.d01));
    EXPECT_TENSOR_CLOSE(Z.to(kFloat).norm(n.p, {2}), mk(*n.d2, kFloat), 1e-5, 1e-5);
  }
  EXPECT_CLOSE_D(dist(X, Z), mk(D::dist_2));
  EXPECT_CLOSE_D(X.dist(Z, 1), mk(D::dist_1));
  EXPECT_CLOSE_D(X.dist(Z, kInf), mk(D::dist_inf));
  // dtype argument: computed and returned in that dtype
  Tensor nf = X.to(kFloat).norm(2, {2}, false, kDouble);
  EXPECT_EQ(nf.dtype(), kDouble);
  EXPECT_TENSOR_CLOSE(nf, X.norm(2, {2}), 1e-6, 1e-6);
}

TEST(ReduceTest, Float32PathMatchesPyTorch) {
  Tensor Xf = mk(D::X, kFloat);
  EXPECT_CLOSE_F(Xf.sum({1}), mk(D::f_sum_d1, kFloat));
  EXPECT_CLOSE_F(Xf.mean({0, 2}), mk(D::f_mean_d02, kFloat));
  EXPECT_CLOSE_F(Xf.var({2}), mk(D::f_var_d2, kFloat));
  EXPECT_CLOSE_F(Xf.norm(2, {1}), mk(D::f_norm_d1, kFloat));
  EXPECT_CLOSE_F(Xf.logsumexp({2}), mk(D::f_lse_d2, kFloat));
  EXPECT_CLOSE_F(Xf.cumsum(2), mk(D::f_cumsum_2, kFloat));
}

TEST(ReduceTest, ScansMatchPyTorch) {
  Tensor X = mk(D::X), Xi = mk(D::Xi, kLong), P = Xp();
  const D::Case* cs[] = {&D::cumsum_0, &D::cumsum_1, &D::cumsum_2};
  const D::Case* cp[] = {&D::cumprod_0, &D::cumprod_1, &D::cumprod_2};
  const D::Case* ics[] = {&D::icumsum_0, &D::icumsum_1, &D::icumsum_2};
  const D::Case* icp[] = {&D::icumprod_0, &D::icumprod_1, &D::icumprod_2};
  const D::Case* pcs[] = {&D::pcumsum_0, &D::pcumsum_1, &D::pcumsum_2};
  const D::Case* icmxv[] = {&D::icummax_v0, &D::icummax_v1, &D::icummax_v2};
  const D::Case* icmxi[] = {&D::icummax_i0, &D::icummax_i1, &D::icummax_i2};
  const D::Case* icmnv[] = {&D::icummin_v0, &D::icummin_v1, &D::icummin_v2};
  const D::Case* icmni[] = {&D::icummin_i0, &D::icummin_i1, &D::icummin_i2};
  const D::Case* cmxv[] = {&D::cummax_v0, &D::cummax_v1, &D::cummax_v2};
  const D::Case* cmxi[] = {&D::cummax_i0, &D::cummax_i1, &D::cummax_i2};
  const D::Case* lcse[] = {&D::lcse_0, &D::lcse_1, &D::lcse_2};
  for (int d = 0; d < 3; ++d) {
    SCOPED_TRACE(::testing::Message() << "dim " << d);
    EXPECT_CLOSE_D(X.cumsum(d), mk(*cs[d]));
    EXPECT_CLOSE_D(X.cumsum(d - 3), mk(*cs[d]));
    EXPECT_CLOSE_D(X.cumprod(d), mk(*cp[d]));
    EXPECT_TENSOR_EQ(Xi.cumsum(d), mk(*ics[d], kLong));
    EXPECT_TENSOR_EQ(Xi.to(kChar).cumsum(d), mk(*ics[d], kLong));  // int8 -> int64
    EXPECT_TENSOR_EQ(Xi.cumprod(d), mk(*icp[d], kLong));
    EXPECT_CLOSE_D(P.cumsum(d), mk(*pcs[d]));
    auto [v, i] = Xi.cummax(d);
    EXPECT_TENSOR_EQ(v, mk(*icmxv[d], kLong));
    EXPECT_TENSOR_EQ(i, mk(*icmxi[d], kLong));
    auto [v2, i2] = Xi.cummin(d);
    EXPECT_TENSOR_EQ(v2, mk(*icmnv[d], kLong));
    EXPECT_TENSOR_EQ(i2, mk(*icmni[d], kLong));
    auto [v3, i3] = X.cummax(d);
    EXPECT_TENSOR_EQ(v3, mk(*cmxv[d]));
    EXPECT_TENSOR_EQ(i3, mk(*cmxi[d], kLong));
    EXPECT_CLOSE_D(X.logcumsumexp(d), mk(*lcse[d]));
  }
  // in-place and dtype forms
  Tensor y = X.clone();
  y.cumsum_(1);
  EXPECT_CLOSE_D(y, mk(D::cumsum_1));
  Tensor yi = Xi.to(kChar);
  yi.cumsum_(0);
  EXPECT_EQ(yi.dtype(), kChar);
  EXPECT_TENSOR_EQ(yi, mk(D::icumsum_0, kChar));
  EXPECT_EQ(error_of([&] { yi.cumsum_(0, kFloat); }),
            "Bad in-place call: input tensor dtype signed char and output tensor dtype float "
            "should match");
  Tensor cf = Xi.cumprod(1, kFloat);
  EXPECT_EQ(cf.dtype(), kFloat);
  EXPECT_TENSOR_EQ(cf, mk(D::icumprod_1, kFloat));
  Tensor out = empty({0}, TensorOptions(kDouble));
  cumsum_out(out, X, 2);
  EXPECT_CLOSE_D(out, mk(D::cumsum_2));
}

TEST(ReduceTest, IntegerAndBoolResultDtypes) {
  Tensor b = tensor({true, true, false});
  EXPECT_EQ(b.sum().dtype(), kLong);
  EXPECT_EQ(b.sum().item<int64_t>(), 2);
  Tensor u = tensor({200, 100}, TensorOptions(kByte));
  EXPECT_EQ(u.sum().item<int64_t>(), 300);  // no uint8 wrap: accumulates in int64
  EXPECT_EQ(u.sum().dtype(), kLong);
  EXPECT_EQ(u.sum(kInt).dtype(), kInt);
  EXPECT_EQ(b.prod().dtype(), kLong);
  EXPECT_EQ(tensor({2, 3}, TensorOptions(kChar)).prod().item<int64_t>(), 6);
  EXPECT_EQ(b.cumsum(0).dtype(), kLong);
  EXPECT_TENSOR_EQ(b.cumsum(0), tensor({int64_t(1), int64_t(2), int64_t(2)}));
  EXPECT_EQ(b.max().dtype(), kBool);
  EXPECT_TRUE(b.max().item<bool>());
  EXPECT_FALSE(b.amin().item<bool>());
  auto [bv, bi] = b.max(0);
  EXPECT_TRUE(bv.item<bool>());
  EXPECT_EQ(bi.item<int64_t>(), 0);
  // all/any: bool, except uint8 input gives uint8
  EXPECT_EQ(tensor({1.0f, 2.0f}).all().dtype(), kBool);
  EXPECT_EQ(u.all().dtype(), kByte);
  EXPECT_EQ(u.any(0).dtype(), kByte);
  EXPECT_EQ(u.all().item<int64_t>(), 1);
  EXPECT_TRUE(tensor({kNaN}).all().item<bool>());  // NaN is non-zero
  EXPECT_EQ(count_nonzero(b).item<int64_t>(), 2);
  Tensor h = tensor({1.0f, 2.0f}).to(kHalf);
  EXPECT_EQ(h.sum().dtype(), kHalf);
  EXPECT_EQ(h.sum().item<double>(), 3.0);
  // 16-bit floats accumulate in float
  // 16-bit accumulation would stall at 256 (bf16) / 2048 (half)
  EXPECT_EQ(ones({65536}, TensorOptions(kBFloat16)).sum().item<double>(), 65536.0);
  EXPECT_EQ(ones({4096}, TensorOptions(kHalf)).sum().item<double>(), 4096.0);
  EXPECT_EQ(ones({300}, TensorOptions(kBFloat16)).sum({0}, false, kFloat).item<double>(), 300.0);
  EXPECT_EQ(u.prod(kShort).dtype(), kShort);
  EXPECT_EQ(u.prod(kShort).item<int64_t>(), 20000);
  Tensor xi = arange(6).reshape({2, 3});
  EXPECT_EQ(xi.sum(kFloat).dtype(), kFloat);
  EXPECT_EQ(xi.mean(kDouble).item<double>(), 2.5);
  EXPECT_EQ(xi.nansum().item<int64_t>(), 15);
  EXPECT_EQ(xi.logsumexp({1}).dtype(), kFloat);
  EXPECT_EQ(xi.to(kFloat).sum(kLong).dtype(), kLong);
}

TEST(ReduceTest, EmptyReductions) {
  Tensor E = empty({0, 3});
  EXPECT_EQ(E.sum().item<double>(), 0.0);
  EXPECT_EQ(E.prod().item<double>(), 1.0);
  EXPECT_TRUE(std::isnan(E.mean().item<double>()));
  EXPECT_TRUE(std::isnan(E.std().item<double>()));
  EXPECT_TENSOR_EQ(E.sum({0}), zeros({3}));
  EXPECT_TENSOR_EQ(E.sum({0}, true), zeros({1, 3}));
  EXPECT_TENSOR_EQ(E.prod(0), ones({3}));
  EXPECT_EQ(E.sum({1}).sizes(), IntArrayRef({0}));
  EXPECT_EQ(E.amax({1}).sizes(), IntArrayRef({0}));
  EXPECT_EQ(std::get<1>(E.max(1)).sizes(), IntArrayRef({0}));
  EXPECT_EQ(E.argmax(1).sizes(), IntArrayRef({0}));
  EXPECT_TRUE(E.all().item<bool>());
  EXPECT_FALSE(E.any().item<bool>());
  EXPECT_EQ(E.norm().item<double>(), 0.0);
  EXPECT_EQ(E.norm(kInf).item<double>(), 0.0);
  EXPECT_EQ(E.norm(-kInf).item<double>(), 0.0);
  EXPECT_EQ(count_nonzero(E).item<int64_t>(), 0);
  EXPECT_TENSOR_EQ(E.logsumexp({0}), full({3}, -kInf));
  EXPECT_EQ(std::get<0>(E.cummax(0)).sizes(), IntArrayRef({0, 3}));
  EXPECT_EQ(E.cumsum(1).sizes(), IntArrayRef({0, 3}));
  EXPECT_EQ(error_of([&] { E.max(); }),
            "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
            "reduction dim with the 'dim' argument.");
  EXPECT_EQ(error_of([&] { E.min(); }),
            "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
            "reduction dim with the 'dim' argument.");
  EXPECT_EQ(error_of([&] { E.amax(); }),
            "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
            "reduction dim with the 'dim' argument.");
  EXPECT_EQ(error_of([&] { E.amax({0}); }),
            "amax(): Expected reduction dim 0 to have non-zero size.");
  EXPECT_THROW(E.amin({0}), IndexError);
  EXPECT_EQ(error_of([&] { E.max(0); }), "max(): Expected reduction dim 0 to have non-zero size.");
  EXPECT_EQ(error_of([&] { E.argmax(); }),
            "argmax(): Expected reduction dim to be specified for input.numel() == 0.");
  EXPECT_EQ(error_of([&] { E.argmin(0); }),
            "argmin(): Expected reduction dim 0 to have non-zero size.");
  EXPECT_EQ(error_of([&] { aminmax(E); }),
            "aminmax(): cannot compute aminmax over an empty dimension as the operation has no "
            "identity.");
  EXPECT_EQ(error_of([&] { aminmax(E, 0); }),
            "aminmax: Expected reduction dim 0 to have non-zero size.");
}

TEST(ReduceTest, ZeroDimInputs) {
  Tensor s = scalar_tensor(3.5);
  EXPECT_EQ(s.sum().item<double>(), 3.5);
  EXPECT_EQ(s.sum({0}).dim(), 0);
  EXPECT_EQ(s.sum({-1}, true).dim(), 0);
  EXPECT_EQ(s.amax({0}).item<double>(), 3.5);
  auto [v, i] = s.max(0);
  EXPECT_EQ(v.dim(), 0);
  EXPECT_EQ(v.item<double>(), 3.5);
  EXPECT_EQ(i.item<int64_t>(), 0);
  EXPECT_EQ(s.argmax(0).dim(), 0);
  EXPECT_EQ(s.argmax().item<int64_t>(), 0);
  EXPECT_EQ(s.cumsum(0).dim(), 0);
  EXPECT_EQ(s.cumsum(0).item<double>(), 3.5);
  EXPECT_EQ(std::get<1>(s.cummax(0)).item<int64_t>(), 0);
  EXPECT_EQ(s.prod(0).item<double>(), 3.5);
  EXPECT_TRUE(std::isnan(s.var().item<double>()));
  EXPECT_EQ(s.var({}, 0).item<double>(), 0.0);
  EXPECT_EQ(s.norm().item<double>(), 3.5);
  EXPECT_EQ(error_of([&] { s.sum({1}); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
}

TEST(ReduceTest, NaNPropagationAndTies) {
  Tensor x = tensor({1.0, kNaN, 2.0, kNaN});
  EXPECT_TRUE(std::isnan(x.max().item<double>()));
  EXPECT_TRUE(std::isnan(x.min().item<double>()));
  EXPECT_TRUE(std::isnan(x.amax().item<double>()));
  EXPECT_TRUE(std::isnan(x.to(kHalf).max().item<double>()));
  EXPECT_TRUE(std::isnan(x.to(kFloat).amin({0}).item<double>()));
  EXPECT_EQ(x.argmax().item<int64_t>(), 1);
  EXPECT_EQ(x.argmin().item<int64_t>(), 1);
  EXPECT_EQ(std::get<1>(x.max(0)).item<int64_t>(), 1);
  EXPECT_EQ(x.nansum().item<double>(), 3.0);
  EXPECT_EQ(x.nanmean().item<double>(), 1.5);
  EXPECT_TRUE(std::isnan(tensor({kNaN}).nanmean().item<double>()));
  auto [mn, mx] = aminmax(x);
  EXPECT_TRUE(std::isnan(mn.item<double>()) && std::isnan(mx.item<double>()));
  // cummax: NaN sticks, ties take the later index (PyTorch's rule)
  auto [cv, ci] = tensor({1.0, kNaN, 2.0, kNaN, 3.0}).cummax(0);
  EXPECT_TENSOR_EQ(ci, tensor({int64_t(0), int64_t(1), int64_t(1), int64_t(3), int64_t(3)}));
  EXPECT_TRUE(std::isnan(cv.select(0, 4).item<double>()));
  auto [tv, ti] = tensor({int64_t(1), int64_t(1), int64_t(0), int64_t(1)}).cummax(0);
  EXPECT_TENSOR_EQ(ti, tensor({int64_t(0), int64_t(1), int64_t(1), int64_t(3)}));
  auto [mv, mi] = tensor({int64_t(1), int64_t(1), int64_t(2), int64_t(1)}).cummin(0);
  EXPECT_TENSOR_EQ(mi, tensor({int64_t(0), int64_t(1), int64_t(1), int64_t(3)}));
  // first index on ties for argmax/argmin over a large (parallel, vectorised) input
  Tensor big = zeros({100000});
  big.narrow(0, 70000, 10).fill_(5.0);
  big.narrow(0, 123, 1).fill_(-1.0);
  big.narrow(0, 99000, 1).fill_(-1.0);
  EXPECT_EQ(big.argmax().item<int64_t>(), 70000);
  EXPECT_EQ(big.argmin().item<int64_t>(), 123);
  Tensor big2 = big.reshape({1000, 100}).t();  // transposed: argmax along dim 1
  EXPECT_EQ(big2.argmax(1).select(0, 0).item<int64_t>(), 700);
  Tensor nanbig = zeros({50000});
  nanbig.narrow(0, 40000, 1).fill_(kNaN);
  nanbig.narrow(0, 45000, 1).fill_(kNaN);
  EXPECT_EQ(nanbig.argmax().item<int64_t>(), 40000);
  EXPECT_TRUE(std::isnan(nanbig.to(kFloat).max().item<double>()));
  EXPECT_TRUE(std::isnan(nanbig.reshape({500, 100}).amax({0}).select(0, 0).item<double>()));
  // logsumexp with infinities
  EXPECT_EQ(tensor({kInf, kInf}).logsumexp({0}).item<double>(), kInf);
  EXPECT_EQ(tensor({-kInf, -kInf}).logsumexp({0}).item<double>(), -kInf);
  EXPECT_TRUE(std::isnan(tensor({1.0, kNaN}).logsumexp({0}).item<double>()));
  EXPECT_NEAR(tensor({1000.0, 1000.0}, TensorOptions(kDouble)).logsumexp({0}).item<double>(), 1000.0 + std::log(2.0),
              1e-9);
}

TEST(ReduceTest, LayoutsNonContiguousAndExpanded) {
  Tensor base = arange(24, TensorOptions(kDouble)).reshape({2, 3, 4});
  Tensor t = base.transpose(0, 2);  // (4, 3, 2)
  Tensor c = t.contiguous();
  for (int64_t d = 0; d < 3; ++d) {
    EXPECT_TENSOR_EQ(t.sum({d}), c.sum({d}));
    EXPECT_TENSOR_EQ(t.amax({d}), c.amax({d}));
    EXPECT_TENSOR_EQ(t.argmin(d), c.argmin(d));
    EXPECT_TENSOR_EQ(t.cumsum(d), c.cumsum(d));
  }
  EXPECT_TENSOR_EQ(t.sum({0, 2}), c.sum({0, 2}));
  EXPECT_TENSOR_EQ(t.argmax(), c.argmax());
  Tensor e = tensor({1.0, 2.0, 3.0}).expand({4, 3});
  EXPECT_TENSOR_EQ(e.sum({0}), tensor({4.0, 8.0, 12.0}));
  EXPECT_TENSOR_EQ(e.sum({1}), full({4}, 6.0));
  EXPECT_EQ(e.sum().item<double>(), 24.0);
  EXPECT_TENSOR_EQ(e.prod(0), tensor({1.0, 16.0, 81.0}));
  Tensor sl = base.slice(2, 0, 4, 2);  // strided last dim
  EXPECT_TENSOR_EQ(sl.sum({0}), sl.contiguous().sum({0}));
  EXPECT_TENSOR_EQ(sl.sum({2}), sl.contiguous().sum({2}));
  EXPECT_TENSOR_EQ(sl.amin({1, 2}), sl.contiguous().amin({1, 2}));
  // large layouts exercise the inner, outer and split-reduction paths and threads
  Tensor m = randn({257, 1031});
  Tensor md = m.to(kDouble);
  for (int64_t d : {0, 1}) {
    EXPECT_TENSOR_CLOSE(m.sum({d}), md.sum({d}).to(kFloat), 1e-4, 1e-4);
    EXPECT_TENSOR_CLOSE(m.t().sum({d}), md.t().sum({d}).to(kFloat), 1e-4, 1e-4);
    EXPECT_TENSOR_EQ(m.amax({d}), md.amax({d}).to(kFloat));
    EXPECT_TENSOR_EQ(m.t().argmax(d), md.t().argmax(d));
    EXPECT_TENSOR_CLOSE(m.var({d}), md.var({d}).to(kFloat), 1e-4, 1e-5);
  }
  EXPECT_NEAR(m.sum().item<double>(), md.sum().item<double>(), 1e-2);
  Tensor narrow_rows = randn({100000, 3});  // few outputs, long reduction along dim 0
  EXPECT_TENSOR_CLOSE(narrow_rows.sum({0}), narrow_rows.to(kDouble).sum({0}).to(kFloat), 1e-4,
                      1e-3);
  EXPECT_TENSOR_EQ(narrow_rows.argmax(0), narrow_rows.to(kDouble).argmax(0));
}

TEST(ReduceTest, LargeFloatSumIsAccurate) {
  Tensor x = rand({10000000});  // 1e7 elements in [0, 1)
  double ref = x.to(kDouble).sum().item<double>();
  double got = x.sum().item<double>();
  EXPECT_NEAR(got, ref, std::fabs(ref) * 1e-6);
  // an outer (dim 0) reduction over many rows is accurate too
  Tensor col = x.reshape({2500000, 4});
  Tensor refc = col.to(kDouble).sum({0});
  Tensor gotc = col.sum({0});
  for (int j = 0; j < 4; ++j)
    EXPECT_NEAR(gotc.select(0, j).item<double>(), refc.select(0, j).item<double>(),
                std::fabs(refc.select(0, j).item<double>()) * 1e-6);
  EXPECT_NEAR(x.mean().item<double>(), ref / 1e7, 1e-6);
  EXPECT_NEAR(ones({5000000}).sum().item<double>(), 5e6, 0.0);
}

TEST(ReduceTest, OutForms) {
  Tensor X = mk(D::X);
  Tensor out = empty({0});
  sum_out(out, X.to(kFloat), {1});
  EXPECT_CLOSE_F(out, mk(D::sum_d1, kFloat));
  Tensor oi = empty({0}, TensorOptions(kLong));
  sum_out(oi, arange(6).reshape({2, 3}).to(kFloat), {0});  // out dtype decides
  EXPECT_TENSOR_EQ(oi, tensor({int64_t(3), int64_t(5), int64_t(7)}));
  Tensor od = empty({0}, TensorOptions(kDouble));
  EXPECT_EQ(error_of([&] { amax_out(od, X.to(kFloat), {0}); }),
            "Expected the dtype for input and out to match, but got Float for input's dtype and "
            "Double for out's dtype.");
  Tensor vals = empty({0}, TensorOptions(kDouble)), idx = empty({0}, TensorOptions(kLong));
  max_out(vals, idx, X, 1);
  EXPECT_TENSOR_EQ(vals, mk(D::max_v1));
  EXPECT_TENSOR_EQ(idx, mk(D::max_i1, kLong));
  Tensor am = empty({0}, TensorOptions(kLong));
  argmax_out(am, X, 2);
  EXPECT_TENSOR_EQ(am, mk(D::argmax_2, kLong));
  Tensor ob = empty({0}, TensorOptions(kBool));
  all_out(ob, mk(D::Z), 0);
  EXPECT_TENSOR_EQ(ob, mk(D::all_0, kBool));
  Tensor ov = empty({0}, TensorOptions(kDouble));
  var_out(ov, X, {1});
  EXPECT_CLOSE_D(ov, mk(D::var_d1));
  Tensor on = empty({0}, TensorOptions(kDouble));
  norm_out(on, mk(D::Z), 2, {2});
  EXPECT_CLOSE_D(on, mk(D::norm_d2_2));
  Tensor ol = empty({0}, TensorOptions(kDouble));
  logsumexp_out(ol, X, {1});
  EXPECT_CLOSE_D(ol, mk(D::lse_d1));
  Tensor mn = empty({0}, TensorOptions(kDouble)), mx = empty({0}, TensorOptions(kDouble));
  aminmax_out(mn, mx, X, 0);
  EXPECT_TENSOR_EQ(mn, mk(D::aminmax_min0));
  Tensor cv = empty({0}, TensorOptions(kLong)), ci = empty({0}, TensorOptions(kLong));
  cummax_out(cv, ci, mk(D::Xi, kLong), 2);
  EXPECT_TENSOR_EQ(ci, mk(D::icummax_i2, kLong));
  Tensor om = empty({0}, TensorOptions(kDouble));
  mean_out(om, X, {0, 2});
  EXPECT_CLOSE_D(om, mk(D::mean_d02));
  Tensor other = X + 0.5;
  EXPECT_TENSOR_EQ(X.max(other), other);
  EXPECT_TENSOR_EQ(wick::min(X, other), X);
}

TEST(ReduceTest, ErrorMessages) {
  Tensor x = arange(6, TensorOptions(kDouble)).reshape({2, 3});
  Tensor xi = arange(6).reshape({2, 3});
  EXPECT_EQ(error_of([&] { xi.mean(); }),
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            "or complex dtype. Got: Long");
  EXPECT_EQ(error_of([&] { xi.mean({0}); }),
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            "or complex dtype. Got: Long");
  EXPECT_EQ(error_of([&] { x.mean(kLong); }),
            "mean(): could not infer output dtype. Optional dtype must be either a floating point "
            "or complex dtype. Got: Long");
  EXPECT_EQ(error_of([&] { xi.nanmean(); }),
            "nanmean(): expected input to have floating point dtype but got Long");
  EXPECT_EQ(error_of([&] { x.sum({2}); }),
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  EXPECT_THROW(x.sum({2}), IndexError);
  EXPECT_EQ(error_of([&] { x.all(2); }),
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  EXPECT_EQ(error_of([&] { x.max(3); }),
            "Dimension out of range (expected to be in range of [-2, 1], but got 3)");
  EXPECT_EQ(error_of([&] { x.cumsum(-3); }),
            "Dimension out of range (expected to be in range of [-2, 1], but got -3)");
  EXPECT_EQ(error_of([&] { x.sum({0, 0}); }), "dim 0 appears multiple times in the list of dims");
  EXPECT_EQ(error_of([&] { x.amax({1, -1}); }),
            "dim 1 appears multiple times in the list of dims");
  EXPECT_EQ(error_of([&] { count_nonzero(x, {0, -2}); }),
            "dim 0 appears multiple times in the list of dims");
  EXPECT_EQ(error_of([&] { xi.std(); }),
            "std and var only support floating point and complex dtypes");
  EXPECT_EQ(error_of([&] { tensor({true}).var(); }),
            "std and var only support floating point and complex dtypes");
  EXPECT_EQ(error_of([&] { std_mean(xi); }),
            "std_mean only support floating point and complex dtypes");
  EXPECT_EQ(error_of([&] { x.norm(2, {0}, false, kLong); }),
            "norm(): the desired output dtype should be either floating point or complex. Got "
            "Long instead.");
  Tensor of = empty({0});
  EXPECT_EQ(error_of([&] { sum_out(of, x, {0}, false, kDouble); }),
            "Expected out tensor to have dtype double, but got float instead");
  Tensor ovd = empty({0}, TensorOptions(kDouble)), oil = empty({0}, TensorOptions(kLong));
  EXPECT_EQ(error_of([&] { max_out(ovd, oil, x.to(kFloat), 0); }),
            "Expected out tensor to have dtype float, but got double instead");
  EXPECT_EQ(error_of([&] { xi.norm(); }),
            "norm(): input dtype should be either floating point or complex. Got Long instead.");
  EXPECT_EQ(error_of([&] { dist(xi, xi); }),
            "norm(): input dtype should be either floating point or complex. Got Long instead.");
  EXPECT_EQ(error_of([&] { tensor({true, false}).argmax(); }),
            "\"argmax_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([&] { xi.logcumsumexp(0); }),
            "\"logcumsumexp_out_cpu\" not implemented for 'Long'");
}

TEST(ReduceTest, HandCheckedValues) {
  Tensor x = tensor({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  EXPECT_TENSOR_EQ(x.sum({0}), tensor({5.0, 7.0, 9.0}));
  EXPECT_TENSOR_EQ(x.sum({1}), tensor({6.0, 15.0}));
  EXPECT_EQ(x.sum().item<double>(), 21.0);
  EXPECT_EQ(x.mean().item<double>(), 3.5);
  EXPECT_EQ(x.prod().item<double>(), 720.0);
  EXPECT_TENSOR_EQ(x.prod(1, true), tensor({{6.0}, {120.0}}));
  EXPECT_TENSOR_EQ(x.cumprod(1), tensor({{1.0, 2.0, 6.0}, {4.0, 20.0, 120.0}}));
  EXPECT_TENSOR_EQ(x.var({1}), tensor({1.0, 1.0}));
  EXPECT_TENSOR_EQ(x.var({1}, 3), tensor({kInf, kInf}));  // divisor clamps at 0
  EXPECT_EQ(tensor({0.0, 1.0, 2.0}).norm(0).item<double>(), 2.0);
  EXPECT_EQ(tensor({0.0, -3.0, 2.0}).norm(kInf).item<double>(), 3.0);
  EXPECT_EQ(tensor({3.0, -4.0}).norm().item<double>(), 5.0);
  EXPECT_TENSOR_EQ(count_nonzero(tensor({{0, 1}, {2, 0}}), 0),
                   tensor({int64_t(1), int64_t(1)}));
  EXPECT_EQ(count_nonzero(tensor({{0, 1}, {2, 0}}), {0, 1}).item<int64_t>(), 2);
  EXPECT_NEAR(tensor({1.0, 2.0, 3.0}, TensorOptions(kDouble)).logcumsumexp(0).select(0, 2).item<double>(),
              std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)), 1e-12);
}

}  // namespace

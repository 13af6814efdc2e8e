// Sorting and searching vs PyTorch 1.13 results (sort_test_data.h, from gen_sort_data.py),
// plus hand-checked cases, dtype coverage, edge shapes and error messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "ops/sort_test_data.h"
#include "test_utils.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"
#include "wick/ops/sort.h"

namespace {
using namespace wick;
namespace D = sort_data;
using test::values;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}
Tensor mkl(const D::Case& c) { return mk(c, kLong); }

// The same values in a non-contiguous layout (every other element of a wider buffer).
Tensor strided(const Tensor& t) {
  DimVector wide = t.sizes().vec();
  if (wide.empty()) return t;
  wide.back() *= 2;
  Tensor nc = empty(wide, t.options()).slice(-1, 0, std::nullopt, 2);
  nc.copy_(t);
  EXPECT_FALSE(nc.is_contiguous());
  return nc;
}

Tensor vec(std::vector<double> v, ScalarType dt = kDouble) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, TensorOptions(kDouble));
  std::copy(v.begin(), v.end(), t.data_ptr<double>());
  return t.to(dt);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}
#define EXPECT_ERROR(stmt, msg) EXPECT_EQ(error_of([&] { stmt; }), msg)
#define EXPECT_ERROR_HAS(stmt, msg) \
  EXPECT_NE(error_of([&] { stmt; }).find(msg), std::string::npos) << error_of([&] { stmt; })

// values[..., j, ...] == self[..., indices[..., j, ...], ...] along dim (NaN equals NaN).
void expect_gathers(const Tensor& self, int64_t dim, const Tensor& vals, const Tensor& idx) {
  ASSERT_EQ(idx.dtype(), kLong);
  ASSERT_TRUE(vals.sizes().equals(idx.sizes()));
  if (self.dim() == 0) {
    EXPECT_EQ(idx.item<int64_t>(), 0);
    return;
  }
  Tensor s = movedim(self, dim, -1).to(kDouble).contiguous();
  Tensor v = movedim(vals, dim, -1).to(kDouble).contiguous();
  Tensor i = movedim(idx, dim, -1).contiguous();
  const int64_t n = s.size(-1), k = v.size(-1), rows = k ? v.numel() / k : 0;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < k; ++j) {
      int64_t ix = i.data_ptr<int64_t>()[r * k + j];
      ASSERT_TRUE(ix >= 0 && ix < n) << ix;
      double a = s.data_ptr<double>()[r * n + ix], b = v.data_ptr<double>()[r * k + j];
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << a << " vs " << b;
    }
}

const ScalarType kAllReal[] = {kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat, kDouble};

// ---- sort ------------------------------------------------------------------------------

TEST(SortTest, EveryDimBothDirectionsMatchesPyTorch) {
  Tensor s = mk(D::S);
  const D::Case* v[3][2] = {{&D::sortS_v_0_a, &D::sortS_v_0_d},
                            {&D::sortS_v_1_a, &D::sortS_v_1_d},
                            {&D::sortS_v_2_a, &D::sortS_v_2_d}};
  const D::Case* ix[3][2] = {{&D::sortS_i_0_a, &D::sortS_i_0_d},
                             {&D::sortS_i_1_a, &D::sortS_i_1_d},
                             {&D::sortS_i_2_a, &D::sortS_i_2_d}};
  for (int d = 0; d < 3; ++d)
    for (int desc = 0; desc < 2; ++desc) {
      for (ScalarType dt : {kDouble, kFloat, kHalf, kBFloat16}) {
        SCOPED_TRACE(testing::Message() << "dim " << d << " desc " << desc << " " << dt);
        auto [sv, si] = sort(s.to(dt), d, desc);
        EXPECT_TENSOR_EQ(sv, mk(*v[d][desc], dt));
        EXPECT_TENSOR_EQ(si, mkl(*ix[d][desc]));
        auto [nv, ni] = sort(strided(s.to(dt)), d - 3, desc);  // negative dim, strided input
        EXPECT_TENSOR_EQ(nv, mk(*v[d][desc], dt));
        EXPECT_TENSOR_EQ(ni, mkl(*ix[d][desc]));
      }
      auto [tv, ti] = s.sort(std::optional<bool>(true), d, desc);
      EXPECT_TENSOR_EQ(ti, mkl(*ix[d][desc]));
    }
}

TEST(SortTest, IntegerAndBoolDtypes) {
  Tensor si = mkl(D::SI);  // values in [-3, 3]
  for (ScalarType dt : {kChar, kShort, kInt, kLong, kFloat, kHalf, kBFloat16}) {
    auto [v, i] = sort(si.to(dt), 1);
    EXPECT_TENSOR_EQ(v, mkl(D::sortSI_v).to(dt));
    EXPECT_TENSOR_EQ(i, mkl(D::sortSI_i));
    auto [v0, i0] = si.to(dt).sort(0, true);
    EXPECT_TENSOR_EQ(v0, mkl(D::sortSI_v_d0).to(dt));
    EXPECT_TENSOR_EQ(i0, mkl(D::sortSI_i_d0));
  }
  auto [vu, iu] = sort((si + 3).to(kByte), 1);  // same order shifted into uint8
  EXPECT_TENSOR_EQ(iu, mkl(D::sortSI_i));
  EXPECT_TENSOR_EQ(vu, (mkl(D::sortSI_v) + 3).to(kByte));
  Tensor b = mkl(D::SB).to(kBool);
  EXPECT_TENSOR_EQ(std::get<1>(sort(b)), mkl(D::sortSB_i));
  EXPECT_TENSOR_EQ(std::get<1>(sort(b, 0, true)), mkl(D::sortSB_i_d));
  EXPECT_EQ(std::get<0>(sort(b)).dtype(), kBool);
}

TEST(SortTest, LongRowsWithNaNAreStable) {
  Tensor l = mk(D::L);
  EXPECT_TENSOR_EQ(std::get<1>(sort(l)), mkl(D::sortL_i));
  EXPECT_TENSOR_EQ(std::get<1>(sort(l.to(kFloat), -1, true)), mkl(D::sortL_i_d));
  EXPECT_TENSOR_EQ(argsort(l, -1, false, true), mkl(D::sortL_i));
  EXPECT_TENSOR_EQ(argsort(l, true, 1, true), mkl(D::sortL_i_d));
  EXPECT_TENSOR_EQ(l.argsort(1, true, true), mkl(D::sortL_i_d));
  // dim 0 of the transpose is the same sort read through strides.
  EXPECT_TENSOR_EQ(std::get<1>(sort(l.t(), 0)).t(), mkl(D::sortL_i));
}

TEST(SortTest, LongRowsEveryDtypeRadixPath) {
  Tensor li = mkl(D::LI);  // values in [-100, 100)
  for (ScalarType dt : kAllReal) {
    SCOPED_TRACE(testing::Message() << dt);
    Tensor x = dt == kByte ? (li + 100).to(dt) : li.to(dt);
    auto [v, i] = sort(x);
    EXPECT_TENSOR_EQ(i, mkl(D::sortLI_i));
    EXPECT_TENSOR_EQ(v, std::get<0>(sort(x.to(kDouble))).to(dt));
    EXPECT_TENSOR_EQ(std::get<1>(sort(strided(x), 1, true)), mkl(D::sortLI_i_d));
    EXPECT_TENSOR_EQ(std::get<1>(sort(x.t(), 0)).t(), mkl(D::sortLI_i));
  }
  Tensor b = (mkl(D::LI) > 0).to(kBool);
  auto [bv, bi] = sort(b, 1);
  EXPECT_TENSOR_EQ(bi, std::get<1>(sort(b.to(kLong), 1)));
  // NaN of either sign sorts last, -0.0 ties with +0.0 (stable).
  for (ScalarType dt : {kDouble, kFloat, kHalf, kBFloat16}) {
    SCOPED_TRACE(testing::Message() << dt);
    Tensor lh = mk(D::LH);
    lh.data_ptr<double>()[7] = -kNaN;
    lh = lh.to(dt);
    if (dt == kBFloat16) lh.data_ptr<BFloat16>()[7] = BFloat16::from_bits(0xffc0);  // casts drop the sign
    EXPECT_TRUE(std::signbit(values(lh)[7]));
    auto [v, i] = sort(lh, 1);
    EXPECT_TENSOR_EQ(i, mkl(D::sortLH_i));
    EXPECT_TENSOR_EQ(std::get<1>(sort(lh, 1, true)), mkl(D::sortLH_i_d));
    expect_gathers(lh, 1, v, i);
  }
}

TEST(SortTest, HandCheckedNaNInfAndSignedZero) {
  Tensor x = vec({kNaN, 1, -INFINITY, INFINITY, kNaN, -0.0, 0.0, 1});
  auto [v, i] = sort(x);
  EXPECT_EQ(values(i), (std::vector<double>{2, 5, 6, 1, 7, 3, 0, 4}));
  EXPECT_TRUE(std::signbit(values(v)[1]));  // -0.0 kept where it was (stable)
  auto [vd, id] = sort(x, 0, true);
  EXPECT_EQ(values(id), (std::vector<double>{0, 4, 3, 1, 7, 5, 6, 2}));
}

TEST(SortTest, LargeParallelRowsAreSortedPermutations) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> dist(-500, 500);
  Tensor x = empty({64, 3000}, TensorOptions(kFloat));
  float* p = x.data_ptr<float>();
  for (int64_t i = 0; i < x.numel(); ++i) p[i] = dist(rng) / 4.0f;
  p[5] = NAN;
  for (bool desc : {false, true}) {
    auto [v, ix] = sort(x, 1, desc);
    expect_gathers(x, 1, v, ix);
    auto vv = values(v);
    auto iv = values(ix);
    for (int64_t r = 0; r < 64; ++r)
      for (int64_t j = 1; j < 3000; ++j) {
        double a = vv[r * 3000 + j - 1], b = vv[r * 3000 + j];
        if (std::isnan(a) || std::isnan(b)) continue;
        ASSERT_TRUE(desc ? a >= b : a <= b);
        if (a == b) ASSERT_LT(iv[r * 3000 + j - 1], iv[r * 3000 + j]);  // stable
      }
    if (desc) EXPECT_TRUE(std::isnan(vv[0]));
    if (!desc) EXPECT_TRUE(std::isnan(vv[2999]));
  }
  // Along dim 0 of the same data (strided rows).
  auto [v0, i0] = sort(x, 0);
  expect_gathers(x, 0, v0, i0);
}

TEST(SortTest, ZeroDimAndEmpty) {
  Tensor s = scalar_tensor(3.5);
  auto [v, i] = sort(s);
  EXPECT_EQ(v.dim(), 0);
  EXPECT_EQ(v.item<double>(), 3.5);
  EXPECT_EQ(i.item<int64_t>(), 0);
  EXPECT_EQ(std::get<0>(sort(s, 0)).dim(), 0);
  EXPECT_ERROR(sort(s, 1), "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  EXPECT_EQ(msort(s).item<double>(), 3.5);
  Tensor e = empty({2, 0, 3});
  for (int64_t d = 0; d < 3; ++d) {
    auto [ev, ei] = sort(e, d);
    EXPECT_TRUE(ev.sizes().equals(e.sizes()));
    EXPECT_EQ(ei.dtype(), kLong);
  }
  EXPECT_ERROR(sort(mk(D::S), 3),
               "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST(SortTest, OutFormsAndMsort) {
  Tensor s = mk(D::S, kFloat);
  Tensor v = empty({0}, TensorOptions(kFloat)), i = empty({7}, TensorOptions(kLong));
  sort_out(v, i, s, 2, true);
  EXPECT_TENSOR_EQ(v, mk(D::sortS_v_2_d, kFloat));
  EXPECT_TENSOR_EQ(i, mkl(D::sortS_i_2_d));
  // Non-contiguous outputs of the right shape are written through their strides.
  Tensor vt = empty({5, 4, 3}, TensorOptions(kFloat)).permute({2, 1, 0});
  Tensor it = empty({5, 4, 3}, TensorOptions(kLong)).permute({2, 1, 0});
  sort_out(vt, it, s, std::optional<bool>(true), 1, false);
  EXPECT_FALSE(vt.is_contiguous());
  EXPECT_TENSOR_EQ(vt, mk(D::sortS_v_1_a, kFloat));
  EXPECT_TENSOR_EQ(it, mkl(D::sortS_i_1_a));
  Tensor bad_i = empty({0}, TensorOptions(kInt));
  EXPECT_ERROR(sort_out(v, bad_i, s), "Expected out tensor to have dtype long int, but got int instead");
  Tensor bad_v = empty({0}, TensorOptions(kLong));
  EXPECT_ERROR(sort_out(bad_v, i, s), "Expected out tensor to have dtype float, but got long int instead");
  EXPECT_TENSOR_EQ(msort(s), mk(D::sortS_v_0_a, kFloat));
  EXPECT_TENSOR_EQ(s.msort(), mk(D::sortS_v_0_a, kFloat));
  Tensor mo = empty({1}, TensorOptions(kFloat));
  msort_out(mo, s);
  EXPECT_TENSOR_EQ(mo, mk(D::sortS_v_0_a, kFloat));
  // In place through out= aliasing the input.
  Tensor a = mk(D::S);
  Tensor ai = empty({0}, TensorOptions(kLong));
  sort_out(a, ai, a, 0);
  EXPECT_TENSOR_EQ(a, mk(D::sortS_v_0_a));
}

// ---- topk ---------------------------------------------------------------------------

TEST(TopkTest, DistinctValuesMatchPyTorch) {
  Tensor d = mk(D::D);
  const D::Case* lv[3][2] = {{&D::topkD_v_0_1, &D::topkD_v_0_3}, {&D::topkD_v_1_1, &D::topkD_v_1_3},
                             {&D::topkD_v_2_1, &D::topkD_v_2_3}};
  const D::Case* li[3][2] = {{&D::topkD_i_0_1, &D::topkD_i_0_3}, {&D::topkD_i_1_1, &D::topkD_i_1_3},
                             {&D::topkD_i_2_1, &D::topkD_i_2_3}};
  const D::Case* sv[3][2] = {{&D::topkDs_v_0_1, &D::topkDs_v_0_3}, {&D::topkDs_v_1_1, &D::topkDs_v_1_3},
                             {&D::topkDs_v_2_1, &D::topkDs_v_2_3}};
  const D::Case* si[3][2] = {{&D::topkDs_i_0_1, &D::topkDs_i_0_3}, {&D::topkDs_i_1_1, &D::topkDs_i_1_3},
                             {&D::topkDs_i_2_1, &D::topkDs_i_2_3}};
  for (int dd = 0; dd < 3; ++dd)
    for (int kk = 0; kk < 2; ++kk) {
      const int64_t k = kk ? 3 : 1;
      for (ScalarType dt : {kDouble, kFloat}) {
        Tensor in = dd == 1 ? strided(d.to(dt)) : d.to(dt);
        auto [v, i] = topk(in, k, dd);
        EXPECT_TENSOR_EQ(v, mk(*lv[dd][kk], dt));
        EXPECT_TENSOR_EQ(i, mkl(*li[dd][kk]));
        auto [v2, i2] = in.topk(k, dd - 3, false);
        EXPECT_TENSOR_EQ(v2, mk(*sv[dd][kk], dt));
        EXPECT_TENSOR_EQ(i2, mkl(*si[dd][kk]));
      }
    }
  Tensor dl = mk(D::DL);
  auto [v, i] = topk(dl, 7);  // partial sort
  EXPECT_TENSOR_EQ(v, mk(D::topkDL_v));
  EXPECT_TENSOR_EQ(i, mkl(D::topkDL_i));
  auto [v2, i2] = topk(dl.to(kFloat), 200, 1, false);  // selection then sort
  EXPECT_TENSOR_EQ(v2, mk(D::topkDL_v2, kFloat));
  EXPECT_TENSOR_EQ(i2, mkl(D::topkDL_i2));
}

TEST(TopkTest, UnsortedHoldsTheSameSet) {
  Tensor dl = mk(D::DL);
  for (int64_t k : {7, 200, 500}) {
    auto [v, i] = topk(dl, k, 1, true, false);
    expect_gathers(dl, 1, v, i);
    auto [sv, si] = sort(v, 1, true);
    EXPECT_TENSOR_EQ(sv, std::get<0>(topk(dl, k)));
  }
}

TEST(TopkTest, NaNIsLargestAndTiesGiveValidIndices) {
  Tensor tn = mk(D::TN);
  auto [v, i] = topk(tn, 4);
  EXPECT_TENSOR_EQ(v, mk(D::topkTN_v));
  expect_gathers(tn, 1, v, i);
  auto [vs, is] = topk(tn.to(kFloat), 7, 1, false);
  EXPECT_TENSOR_EQ(vs, mk(D::topkTN_vs, kFloat));
  expect_gathers(tn, 1, vs, is);
  Tensor s = mk(D::S).nan_to_num(0.0);
  auto [tv, ti] = topk(s, 3, 1);
  EXPECT_TENSOR_EQ(tv, mk(D::topkS_v));
  expect_gathers(s, 1, tv, ti);
  Tensor tl = mk(D::TL);  // long rows, small k: the one-pass heap
  for (ScalarType dt : {kDouble, kFloat, kBFloat16}) {
    auto [lv, li] = topk(tl.to(dt), 5);
    EXPECT_TENSOR_EQ(lv, mk(D::topkTL_v, dt));
    expect_gathers(tl, 1, lv, li);
    auto [sv2, si2] = topk(strided(tl.to(dt)), 5, -1, false, false);
    EXPECT_TENSOR_EQ(sv2, mk(D::topkTL_vs, dt));
    expect_gathers(tl, 1, sv2, si2);
  }
  // Ties come back in index order.
  auto [hv, hi] = topk(vec({1, 3, 3, 2, 3}), 2);
  EXPECT_EQ(values(hi), (std::vector<double>{1, 2}));
}

TEST(TopkTest, DtypesEdgesAndErrors) {
  Tensor d = mk(D::D);
  for (ScalarType dt : kAllReal) {
    Tensor x = dt == kByte ? (d * 4 + 100).to(dt) : (d * 4).to(dt);  // distinct in every dtype
    auto [v, i] = topk(x, 2, 2);
    EXPECT_EQ(v.dtype(), dt);
    EXPECT_TENSOR_EQ(i, std::get<1>(topk(x.to(kDouble), 2, 2)));
    expect_gathers(x, 2, v, i);
  }
  EXPECT_ERROR(topk(d, 7, 1), "selected index k out of range");
  EXPECT_ERROR(topk(d, -1), "selected index k out of range");
  EXPECT_ERROR(topk(d.to(kBool), 1), "\"topk_cpu\" not implemented for 'Bool'");
  auto [z0, zi] = topk(d, 0, 1);
  EXPECT_TRUE(z0.sizes().equals(IntArrayRef({4, 0, 5})));
  Tensor s = scalar_tensor(5.0);
  EXPECT_EQ(std::get<0>(topk(s, 1)).item<double>(), 5.0);
  EXPECT_EQ(std::get<0>(topk(s, 0)).dim(), 0);  // PyTorch returns the element for k = 0 too
  EXPECT_ERROR(topk(s, 2), "selected index k out of range");
  auto [ev, ei] = topk(empty({0, 2}), 1, 1);
  EXPECT_TRUE(ev.sizes().equals(IntArrayRef({0, 1})));
  EXPECT_ERROR(topk(empty({0}), 1), "selected index k out of range");
  Tensor ov = empty({9}, TensorOptions(kDouble)), oi = empty({1}, TensorOptions(kLong));
  topk_out(ov, oi, d, 3, 1);
  EXPECT_TENSOR_EQ(ov, mk(D::topkD_v_1_3));
  EXPECT_TENSOR_EQ(oi, mkl(D::topkD_i_1_3));
  Tensor bad = empty({0}, TensorOptions(kInt));
  EXPECT_ERROR(topk_out(ov, bad, d, 3, 1), "Expected out tensor to have dtype long int, but got int instead");
  EXPECT_ERROR(topk_out(oi, oi, d, 3, 1), "Expected out tensor to have dtype double, but got long int instead");
}

// ---- kthvalue / median / nanmedian ------------------------------------------------------

TEST(KthvalueTest, MatchesPyTorch) {
  Tensor d = mk(D::D);
  const D::Case* kv[3] = {&D::kthD_v_0, &D::kthD_v_1, &D::kthD_v_2};
  const D::Case* ki[3] = {&D::kthD_i_0, &D::kthD_i_1, &D::kthD_i_2};
  for (int dd = 0; dd < 3; ++dd) {
    for (ScalarType dt : {kDouble, kFloat}) {
      auto [v, i] = kthvalue(strided(d.to(dt)), 2, dd);
      EXPECT_TENSOR_EQ(v, mk(*kv[dd], dt));
      EXPECT_TENSOR_EQ(i, mkl(*ki[dd]));
    }
    auto [vk, ik] = d.kthvalue(2, dd, true);
    EXPECT_TENSOR_EQ(vk, mk(*kv[dd]).unsqueeze(dd));
    EXPECT_TENSOR_EQ(ik, mkl(*ki[dd]).unsqueeze(dd));
  }
  auto [v, i] = kthvalue(mk(D::DL), 123);
  EXPECT_TENSOR_EQ(v, mk(D::kthDL_v));
  EXPECT_TENSOR_EQ(i, mkl(D::kthDL_i));
  Tensor tn = mk(D::TN);
  auto [nv, ni] = kthvalue(tn, 7);
  EXPECT_TENSOR_EQ(nv, mk(D::kthTN_v));
  expect_gathers(tn, 1, nv.unsqueeze(1), ni.unsqueeze(1));
  Tensor s = mk(D::S).nan_to_num(0.0);
  auto [sv, si] = kthvalue(s, 3, 2);
  EXPECT_TENSOR_EQ(sv, mk(D::kthS_v));
  expect_gathers(s, 2, sv.unsqueeze(2), si.unsqueeze(2));
  // Ties: the k-th entry of the stable sorted order.
  auto [tv, ti] = kthvalue(vec({3, 1, 2, 1, 5, 3, 1}), 2);
  EXPECT_EQ(ti.item<int64_t>(), 3);
  EXPECT_EQ(tv.item<double>(), 1.0);
}

TEST(KthvalueTest, EdgesAndErrors) {
  Tensor d = mk(D::D);
  EXPECT_ERROR(kthvalue(d, 0, 1), "kthvalue(): selected number k out of range for dimension 1");
  EXPECT_ERROR(kthvalue(d, 7, 1), "kthvalue(): selected number k out of range for dimension 1");
  EXPECT_ERROR(kthvalue(empty({0}), 1), "kthvalue(): Expected reduction dim 0 to have non-zero size.");
  EXPECT_THROW(kthvalue(empty({0}), 1), IndexError);
  EXPECT_ERROR(kthvalue(d.to(kBool), 1), "\"kthvalue_cpu\" not implemented for 'Bool'");
  auto [ev, ei] = kthvalue(empty({0, 2}), 1, 1);
  EXPECT_TRUE(ev.sizes().equals(IntArrayRef({0})));
  Tensor s = scalar_tensor(3.0);
  auto [sv, si] = kthvalue(s, 1, 0, true);
  EXPECT_EQ(sv.dim(), 0);
  EXPECT_EQ(sv.item<double>(), 3.0);
  EXPECT_ERROR(kthvalue(s, 2), "kthvalue(): selected number k out of range for dimension 0");
  for (ScalarType dt : kAllReal) {
    Tensor x = dt == kByte ? (d * 4 + 100).to(dt) : (d * 4).to(dt);  // distinct in every dtype
    auto [v, i] = kthvalue(x, 3, 0);
    EXPECT_TENSOR_EQ(i, std::get<1>(kthvalue(x.to(kDouble), 3, 0)));
    expect_gathers(x, 0, v.unsqueeze(0), i.unsqueeze(0));
  }
  Tensor ov = empty({0}, TensorOptions(kDouble)), oi = empty({0}, TensorOptions(kLong));
  kthvalue_out(ov, oi, d, 2, 2);
  EXPECT_TENSOR_EQ(ov, mk(D::kthD_v_2));
  Tensor bi = empty({0}, TensorOptions(kInt)), bv = empty({0}, TensorOptions(kFloat));
  EXPECT_ERROR(kthvalue_out(ov, bi, d, 2), "output indices must be of scalar type Long");
  EXPECT_ERROR(kthvalue_out(bv, oi, d, 2), "output values must be of same type as input");
}

TEST(MedianTest, MatchesPyTorch) {
  Tensor d = mk(D::D);
  const D::Case* mv[3] = {&D::medD_v_0, &D::medD_v_1, &D::medD_v_2};
  const D::Case* mi[3] = {&D::medD_i_0, &D::medD_i_1, &D::medD_i_2};
  for (int dd = 0; dd < 3; ++dd) {
    auto [v, i] = median(d, dd);
    EXPECT_TENSOR_EQ(v, mk(*mv[dd]));
    EXPECT_TENSOR_EQ(i, mkl(*mi[dd]));
    auto [nv, ni] = strided(d.to(kFloat)).nanmedian(dd);  // no NaN: same as median
    EXPECT_TENSOR_EQ(nv, mk(*mv[dd], kFloat));
    EXPECT_TENSOR_EQ(ni, mkl(*mi[dd]));
  }
  EXPECT_TENSOR_EQ(median(d), mk(D::medD_all));
  EXPECT_TENSOR_EQ(d.nanmedian(), mk(D::nanmedD_all));
  Tensor tn = mk(D::TN);
  auto [tv, ti] = median(tn, 1);
  EXPECT_TENSOR_EQ(tv, mk(D::medTN_v));
  EXPECT_TENSOR_EQ(ti, mkl(D::medTN_i));  // the first NaN of the row
  auto [nv, ni] = nanmedian(tn, 1);
  EXPECT_TENSOR_EQ(nv, mk(D::nanmedTN_v));
  expect_gathers(tn, 1, nv.unsqueeze(1), ni.unsqueeze(1));
  EXPECT_TENSOR_EQ(tn.median(), mk(D::medTN_all));
  EXPECT_TENSOR_EQ(nanmedian(tn), mk(D::nanmedTN_all));
  Tensor si = mkl(D::SI);
  auto [iv, ii] = median(si, 0);
  EXPECT_TENSOR_EQ(iv, mkl(D::medSI_v));
  expect_gathers(si, 0, iv.unsqueeze(0), ii.unsqueeze(0));
  EXPECT_TENSOR_EQ(median(si), mkl(D::medSI_all));
  EXPECT_TENSOR_EQ(median(si.to(kBFloat16)), mkl(D::medSI_all).to(kBFloat16));
}

TEST(MedianTest, HandCheckedEdgesAndErrors) {
  // Lower median; NaN rows; all-NaN rows for nanmedian.
  EXPECT_EQ(median(vec({4, 1, 3, 2})).item<double>(), 2.0);
  EXPECT_TRUE(std::isnan(median(vec({1, kNaN, 3})).item<double>()));
  EXPECT_EQ(nanmedian(vec({1, kNaN, 3, 4, kNaN})).item<double>(), 3.0);
  auto [av, ai] = nanmedian(vec({kNaN, kNaN, kNaN}), 0);
  EXPECT_TRUE(std::isnan(av.item<double>()));
  EXPECT_TRUE(std::isnan(nanmedian(vec({kNaN, kNaN})).item<double>()));
  auto [mv, mi] = median(vec({kNaN, 2, kNaN, 0}).reshape({1, 4}), 1);
  EXPECT_EQ(mi.item<int64_t>(), 0);
  EXPECT_TRUE(std::isnan(median(empty({0})).item<double>()));
  EXPECT_EQ(median(empty({0}, TensorOptions(kLong))).item<int64_t>(), std::numeric_limits<int64_t>::min());
  Tensor s = scalar_tensor(5.0);
  EXPECT_EQ(median(s).item<double>(), 5.0);
  auto [sv, si] = median(s, 0, true);
  EXPECT_EQ(sv.dim(), 0);
  EXPECT_EQ(si.item<int64_t>(), 0);
  auto [kv, ki] = median(mk(D::D), 1, true);
  EXPECT_TRUE(kv.sizes().equals(IntArrayRef({4, 1, 5})));
  EXPECT_ERROR(median(zeros({2, 0}), 1), "median(): Expected reduction dim 1 to have non-zero size.");
  EXPECT_THROW(median(zeros({2, 0}), 1), IndexError);
  EXPECT_ERROR(nanmedian(zeros({2, 0}), 1), "nanmedian(): Expected reduction dim 1 to have non-zero size.");
  auto [ev, ei] = median(zeros({0, 2}), 1);
  EXPECT_TRUE(ev.sizes().equals(IntArrayRef({0})));
  EXPECT_ERROR(median(vec({1, 0}, kBool)), "\"median_cpu\" not implemented for 'Bool'");
  EXPECT_ERROR(median(vec({1, 0}, kBool), 0), "\"median_out\" not implemented for 'Bool'");
  Tensor x = vec({3, 1, 2}, kFloat);
  Tensor ov = empty({0}, TensorOptions(kFloat)), oi = empty({5}, TensorOptions(kLong));
  median_out(ov, oi, x, 0);
  EXPECT_EQ(ov.item<float>(), 2.0f);
  EXPECT_EQ(oi.item<int64_t>(), 2);
  EXPECT_EQ(oi.dim(), 0);
  nanmedian_out(ov, oi, x, 0, true);
  EXPECT_TRUE(oi.sizes().equals(IntArrayRef({1})));
  Tensor bl = empty({0}, TensorOptions(kLong)), bi = empty({0}, TensorOptions(kInt));
  EXPECT_ERROR(median_out(bl, oi, x, 0),
               "Expected tensor for 'values' to have the same type as tensor for argument #2 "
               "'self'; but type torch.LongTensor does not equal torch.FloatTensor (while checking "
               "arguments for median)");
  EXPECT_ERROR(median_out(ov, bi, x, 0),
               "Expected tensor for argument #1 'indices' to have scalar type Long; but got "
               "torch.IntTensor instead (while checking arguments for median)");
}

// ---- mode ------------------------------------------------------------------------------

TEST(ModeTest, IndicesMatchPyTorchOnEveryRowLength) {
  const D::Case* m[] = {&D::M3, &D::M9, &D::M16, &D::M17, &D::M25, &D::M40, &D::M64};
  const D::Case* mv[] = {&D::modeM3_v, &D::modeM9_v, &D::modeM16_v, &D::modeM17_v,
                         &D::modeM25_v, &D::modeM40_v, &D::modeM64_v};
  const D::Case* mi[] = {&D::modeM3_i, &D::modeM9_i, &D::modeM16_i, &D::modeM17_i,
                         &D::modeM25_i, &D::modeM40_i, &D::modeM64_i};
  const D::Case* mt[] = {&D::modeM3t_i, &D::modeM9t_i, &D::modeM16t_i, &D::modeM17t_i,
                         &D::modeM25t_i, &D::modeM40t_i, &D::modeM64t_i};
  for (int c = 0; c < 7; ++c) {
    SCOPED_TRACE(testing::Message() << "case " << c);
    Tensor x = mkl(*m[c]);
    for (ScalarType dt : {kLong, kInt, kByte, kFloat, kHalf, kDouble}) {
      auto [v, i] = mode(x.to(dt), 1);
      EXPECT_TENSOR_EQ(v, mkl(*mv[c]).to(dt));
      EXPECT_TENSOR_EQ(i, mkl(*mi[c]));
    }
    EXPECT_TENSOR_EQ(std::get<1>(mode(x.t().contiguous(), 0)), mkl(*mt[c]));
    EXPECT_TENSOR_EQ(std::get<1>(x.t().mode(0)), mkl(*mi[c]));  // strided rows
  }
  Tensor mf = mk(D::MF);
  auto [v, i] = mf.mode();
  EXPECT_TENSOR_EQ(v, mk(D::modeMF_v));
  EXPECT_TENSOR_EQ(i, mkl(D::modeMF_i));
  auto [v0, i0] = mode(mf.to(kFloat), 0);
  EXPECT_TENSOR_EQ(v0, mk(D::modeMF0_v, kFloat));
  EXPECT_TENSOR_EQ(i0, mkl(D::modeMF0_i));
}

TEST(ModeTest, HandCheckedEdgesAndErrors) {
  auto [v, i] = mode(vec({5, 1, 5, 1, 3, 1, 5}, kLong));  // tie: smallest value wins
  EXPECT_EQ(v.item<int64_t>(), 1);
  EXPECT_EQ(i.item<int64_t>(), 5);
  auto [bv, bi] = mode(vec({1, 0, 1}, kBool));
  EXPECT_EQ(bv.item<bool>(), true);
  EXPECT_EQ(bi.item<int64_t>(), 2);
  auto [sv, si] = mode(scalar_tensor(5.0));
  EXPECT_EQ(sv.dim(), 0);
  EXPECT_EQ(si.item<int64_t>(), 0);
  auto [kv, ki] = mode(mk(D::MF), 1, true);
  EXPECT_TRUE(kv.sizes().equals(IntArrayRef({6, 1})));
  auto [nv, ni] = mode(vec({kNaN, 2, kNaN}));  // NaNs count as one value
  EXPECT_TRUE(std::isnan(nv.item<double>()));
  EXPECT_ERROR(mode(zeros({2, 0}), 1), "mode(): Expected reduction dim 1 to have non-zero size.");
  auto [ev, ei] = mode(zeros({0, 2}), 1);
  EXPECT_TRUE(ev.sizes().equals(IntArrayRef({0})));
  Tensor ov = empty({0}, TensorOptions(kLong)), oi = empty({0}, TensorOptions(kLong));
  mode_out(ov, oi, vec({2, 2, 1}, kLong));
  EXPECT_EQ(ov.item<int64_t>(), 2);
  EXPECT_EQ(oi.item<int64_t>(), 1);
  Tensor bad = empty({0}, TensorOptions(kInt));
  EXPECT_ERROR(mode_out(ov, bad, vec({2, 2, 1}, kLong)),
               "expected scalar type 'Long' but got 'Int' for indices output");
  EXPECT_ERROR(mode_out(bad, oi, vec({2, 2, 1}, kLong)),
               "expected scalar type 'Long' but got 'Int' for values output");
}

// ---- unique -------------------------------------------------------------------------------

TEST(UniqueTest, MatchesPyTorch) {
  Tensor u = mkl(D::U);
  for (ScalarType dt : kAllReal) {
    Tensor x = dt == kByte ? (u + 4).to(dt) : u.to(dt);
    Tensor expect_v = dt == kByte ? (mkl(D::uniqU_v) + 4).to(dt) : mkl(D::uniqU_v).to(dt);
    auto [v, inv, c] = unique(strided(x), true, true, true);
    EXPECT_TENSOR_EQ(v, expect_v);
    EXPECT_TENSOR_EQ(inv, mkl(D::uniqU_inv));
    EXPECT_TENSOR_EQ(c, mkl(D::uniqU_c));
    auto [v2, inv2, c2] = _unique2(x);
    EXPECT_TENSOR_EQ(v2, expect_v);
    EXPECT_EQ(inv2.numel(), 0);
    EXPECT_EQ(c2.numel(), 0);
    EXPECT_EQ(inv2.dtype(), kLong);
  }
  Tensor uf = mk(D::UF);  // long: radix path
  for (ScalarType dt : {kDouble, kFloat, kHalf, kBFloat16}) {
    auto [fv, finv, fc] = unique(uf.to(dt), true, true, true);
    EXPECT_TENSOR_EQ(fv, mk(D::uniqUF_v, dt));
    EXPECT_TENSOR_EQ(finv, mkl(D::uniqUF_inv));
    EXPECT_TENSOR_EQ(fc, mkl(D::uniqUF_c));
    EXPECT_TENSOR_EQ(std::get<0>(unique(uf.to(dt))), mk(D::uniqUF_v, dt));
  }
  Tensor ub = mkl(D::UB);  // int64 over a wide range: radix path
  auto [bv, binv, bc] = unique(ub, true, true, true);
  EXPECT_TENSOR_EQ(bv, mkl(D::uniqUB_v));
  EXPECT_TENSOR_EQ(binv, mkl(D::uniqUB_inv));
  EXPECT_TENSOR_EQ(bc, mkl(D::uniqUB_c));
  Tensor extremes = vec({0, 0, 0}, kLong);
  extremes.data_ptr<int64_t>()[0] = std::numeric_limits<int64_t>::max();
  extremes.data_ptr<int64_t>()[2] = std::numeric_limits<int64_t>::min();
  auto [ev, einv, ec] = unique(extremes, true, true, false);
  EXPECT_EQ(ev.data_ptr<int64_t>()[0], std::numeric_limits<int64_t>::min());
  EXPECT_EQ(values(einv), (std::vector<double>{2, 1, 0}));
  Tensor ud = mkl(D::UD);
  auto [v, inv, c] = unique(ud, true, true, true, 0);
  EXPECT_TENSOR_EQ(v, mkl(D::uniqUD0_v));
  EXPECT_TENSOR_EQ(inv, mkl(D::uniqUD0_inv));
  EXPECT_TENSOR_EQ(c, mkl(D::uniqUD0_c));
  auto [v1, inv1, c1] = unique_dim(ud.t().to(kFloat), 1, true, true, true);
  EXPECT_TENSOR_EQ(v1, mk(D::uniqUD1_v, kFloat));
  EXPECT_TENSOR_EQ(inv1, mkl(D::uniqUD1_inv));
  EXPECT_TENSOR_EQ(c1, mkl(D::uniqUD1_c));
  Tensor uc = mkl(D::UC);
  auto [cv, cinv, cc] = unique_consecutive(uc, true, true);
  EXPECT_TENSOR_EQ(cv, mkl(D::ucUC_v));
  EXPECT_TENSOR_EQ(cinv, mkl(D::ucUC_inv));
  EXPECT_TENSOR_EQ(cc, mkl(D::ucUC_c));
  auto [dv, dinv, dc] = unique_consecutive(mkl(D::UCD), true, true, 0);
  EXPECT_TENSOR_EQ(dv, mkl(D::ucUCD_v));
  EXPECT_TENSOR_EQ(dinv, mkl(D::ucUCD_inv));
  EXPECT_TENSOR_EQ(dc, mkl(D::ucUCD_c));
}

TEST(UniqueTest, HandCheckedEdges) {
  // NaN != NaN: each NaN is its own entry, sorted last (PyTorch 2.x).
  auto [v, inv, c] = unique(vec({2, kNaN, 1, kNaN, 2}), true, true, true);
  EXPECT_TENSOR_EQ(v, vec({1, 2, kNaN, kNaN}));
  EXPECT_EQ(values(inv), (std::vector<double>{1, 2, 0, 3, 1}));
  EXPECT_EQ(values(c), (std::vector<double>{1, 2, 1, 1}));
  auto [bv, bi, bc] = unique(vec({1, 0, 1}, kBool), true, false, true);
  EXPECT_TENSOR_EQ(bv, vec({0, 1}, kBool));
  EXPECT_EQ(values(bc), (std::vector<double>{1, 2}));
  auto [sv, si, sc] = unique(scalar_tensor(5.0), true, true, true);
  EXPECT_TRUE(sv.sizes().equals(IntArrayRef({1})));
  EXPECT_EQ(si.dim(), 0);
  auto [ev, ei, ec] = unique(empty({0}), true, true, true);
  EXPECT_EQ(ev.numel(), 0);
  EXPECT_EQ(ei.numel(), 0);
  auto [e2, ei2, ec2] = unique(zeros({0, 3}), true, true, true, 0);
  EXPECT_TRUE(e2.sizes().equals(IntArrayRef({0, 3})));
  EXPECT_ERROR(unique(zeros({2, 0}), true, false, false, 0),
               "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
  EXPECT_ERROR(unique(scalar_tensor(3.0), true, false, false, 0),
               "Dimension specified as 0 but tensor has no dimensions");
  EXPECT_ERROR(unique(zeros({2, 2}), true, false, false, 2),
               "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  auto [qv, qi, qc] = unique_consecutive(vec({kNaN, kNaN, 1}), true, true);
  EXPECT_EQ(qv.numel(), 3);
  auto [zv, zi, zc] = unique_consecutive(scalar_tensor(int64_t(2)), true, true);
  EXPECT_EQ(zi.dim(), 0);
  EXPECT_EQ(values(zc), (std::vector<double>{1}));
}

// ---- searchsorted / bucketize ----------------------------------------------------------------

TEST(SearchsortedTest, MatchesPyTorch) {
  Tensor b1 = mk(D::B1), v1 = mk(D::V1);
  for (ScalarType dt : {kDouble, kFloat, kHalf, kBFloat16}) {
    EXPECT_TENSOR_EQ(searchsorted(b1.to(dt), strided(v1.to(dt))), mkl(D::ss_l));
    EXPECT_TENSOR_EQ(searchsorted(b1.to(dt), v1.to(dt), false, true), mkl(D::ss_r));
  }
  EXPECT_TENSOR_EQ(searchsorted(b1, v1, true), mkl(D::ss_l).to(kInt));
  EXPECT_TENSOR_EQ(searchsorted(mk(D::B2), mk(D::V2)), mkl(D::ss2_l));
  EXPECT_TENSOR_EQ(searchsorted(strided(mk(D::B2)), mk(D::V2), false, false, "right"), mkl(D::ss2_r));
  Tensor bu = mk(D::BU), so = mkl(D::SO);
  EXPECT_TENSOR_EQ(searchsorted(bu, v1, false, false, std::nullopt, so), mkl(D::ss_sorter_l));
  EXPECT_TENSOR_EQ(searchsorted(bu, v1, false, true, std::nullopt, so), mkl(D::ss_sorter_r));
  EXPECT_TENSOR_EQ(bucketize(v1, b1), mkl(D::bk_l));
  EXPECT_TENSOR_EQ(bucketize(v1.to(kFloat), b1.to(kFloat), true, true), mkl(D::bk_r).to(kInt));
}

TEST(SearchsortedTest, HandCheckedScalarsDtypesAndEdges) {
  Tensor s = vec({1, 3, 5, 7, 9}, kLong);
  EXPECT_EQ(searchsorted(s, Scalar(5)).item<int64_t>(), 2);
  EXPECT_EQ(searchsorted(s, Scalar(5), false, true).item<int64_t>(), 3);
  EXPECT_EQ(searchsorted(s, Scalar(5.5)).item<int64_t>(), 3);  // promoted to float
  Tensor r32 = searchsorted(s, Scalar(5), true);
  EXPECT_EQ(r32.dtype(), kInt);
  EXPECT_EQ(r32.dim(), 0);
  EXPECT_EQ(values(searchsorted(s, vec({3, 6.5}))), (std::vector<double>{1, 3}));
  for (ScalarType dt : {kByte, kChar, kShort, kInt, kLong})
    EXPECT_EQ(values(searchsorted(s.to(dt), vec({3, 6, 9, 0}, dt))), (std::vector<double>{1, 3, 4, 0}));
  EXPECT_EQ(values(searchsorted(s.to(kFloat), vec({kNaN, 2, INFINITY}, kFloat))),
            (std::vector<double>{5, 1, 5}));
  EXPECT_EQ(values(searchsorted(empty({0}), vec({3, 6}))), (std::vector<double>{0, 0}));
  EXPECT_EQ(searchsorted(s, empty({0}, TensorOptions(kLong))).numel(), 0);
  EXPECT_EQ(bucketize(Scalar(5), s).item<int64_t>(), 2);
  EXPECT_EQ(bucketize(Scalar(5), s, true, true).dtype(), kInt);
  EXPECT_EQ(bucketize(scalar_tensor(int64_t(3)), s).item<int64_t>(), 1);
  Tensor out = empty({7}, TensorOptions(kLong));
  searchsorted_out(out, s, vec({3, 6}, kLong));
  EXPECT_EQ(values(out), (std::vector<double>{1, 3}));
  Tensor out32 = empty({2, 2}, TensorOptions(kInt)).t();
  bucketize_out(out32, vec({0, 4, 8, 10}, kLong).reshape({2, 2}), s, true, true);
  EXPECT_EQ(values(out32), (std::vector<double>{0, 2, 4, 5}));
}

TEST(SearchsortedTest, Errors) {
  Tensor s = vec({1, 3, 5, 7, 9}, kLong);
  Tensor v = vec({3, 6}, kLong);
  EXPECT_ERROR(searchsorted(s, v, false, true, "left"),
               "torch.searchsorted(): side and right can't be set to opposites, got side of left "
               "while right was True");
  EXPECT_ERROR(searchsorted(s, v, false, false, "middle"),
               "torch.searchsorted(): side can only be 'left' or 'right' but got middle");
  EXPECT_ERROR(searchsorted(scalar_tensor(int64_t(3)), v),
               "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 "
               "dimension");
  Tensor s2 = vec({1, 3, 5, 2, 4, 6}, kLong).reshape({2, 3});
  EXPECT_ERROR(searchsorted(s2, vec({1, 2, 3}, kLong).reshape({1, 3})),
               "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
               "dimensions of boundaries tensor and input value tensor must match, but we got "
               "boundaries tensor [2, 3] and input value tensor [1, 3]");
  EXPECT_ERROR(searchsorted(s2, Scalar(3)),
               "torch.searchsorted(): input value can be a scalar only when boundaries tensor "
               "dimension is 1, but we got boundaries tensor dim(2) and input value's dim(0) "
               "numel(1)");
  EXPECT_ERROR(searchsorted(s, v, false, false, std::nullopt, vec({0, 1, 2, 3, 4}, kInt)),
               "torch.searchsorted(): sorter must be a tensor of long dtype but got dtype Int");
  EXPECT_ERROR(searchsorted(s, v, false, false, std::nullopt, vec({0, 1}, kLong)),
               "torch.searchsorted(): boundary and sorter must have the same size, but got "
               "boundary tensor [5]and got sorter tensor [2]");
  EXPECT_ERROR(searchsorted(s, v, false, false, std::nullopt, vec({0, 1, 2, 3, 7}, kLong)),
               "torch.searchsorted(): sorter index out of range");
  EXPECT_ERROR(searchsorted(s, v, false, false, std::nullopt, vec({0, 1, 2, 3, -1}, kLong)),
               "torch.searchsorted(): sorter index out of range");
  EXPECT_ERROR(searchsorted(s.to(kBool), v.to(kBool)),
               "\"searchsorted_out_cpu\" not implemented for 'Bool'");
  Tensor o32 = empty({0}, TensorOptions(kInt));
  EXPECT_ERROR(searchsorted_out(o32, s, v),
               "torch.searchsorted(): output tensor's dtype is wrong, it can only be Int(int32) "
               "or Long(int64) depending on whether out_int32 flag is True, but we got output "
               "tensor's dtype Int and out_int32 flag is False");
  EXPECT_ERROR(bucketize(v, s.reshape({1, 5})), "boundaries tensor must be 1 dimension, but got dim(2)");
  EXPECT_ERROR(bucketize(v, scalar_tensor(int64_t(3))), "boundaries tensor must be 1 dimension, but got dim(0)");
}

// ---- bincount / histc ------------------------------------------------------------------------

TEST(BincountTest, MatchesPyTorchAndDtypeRules) {
  Tensor bc = mkl(D::BC), w = mk(D::W);
  EXPECT_TENSOR_EQ(bincount(bc), mkl(D::bc));
  EXPECT_TENSOR_EQ(bc.bincount(std::nullopt, 15), mkl(D::bc_min));
  EXPECT_TENSOR_EQ(bincount(bc, w), mk(D::bc_wd));
  EXPECT_TENSOR_EQ(bincount(bc, w.to(kFloat)), mk(D::bc_wf, kFloat));
  for (ScalarType dt : {kByte, kChar, kShort, kInt}) EXPECT_TENSOR_EQ(bincount(bc.to(dt)), mkl(D::bc));
  EXPECT_TENSOR_EQ(bincount(strided(bc)), mkl(D::bc));
  // Non-float32 weights give float64 results.
  for (ScalarType dt : {kHalf, kBFloat16, kInt, kLong, kBool})
    EXPECT_EQ(bincount(bc, w.to(dt)).dtype(), kDouble);
  EXPECT_EQ(values(bincount(vec({1, 3, 3, 0, 5}, kLong), vec({1, 2, 3, 4, 5}, kBool))),
            (std::vector<double>{1, 1, 0, 2, 0, 1}));
  EXPECT_TENSOR_EQ(bincount(empty({0}, TensorOptions(kLong))), empty({0}, TensorOptions(kLong)));
  EXPECT_TENSOR_EQ(bincount(empty({0}, TensorOptions(kLong)), empty({0}), 3), zeros({3}, TensorOptions(kLong)));
}

TEST(BincountTest, Errors) {
  EXPECT_ERROR(bincount(vec({1, 2}, kLong), std::nullopt, -1), "minlength should be >= 0");
  EXPECT_ERROR(bincount(vec({-1, 2}, kLong)), "bincount only supports 1-d non-negative integral inputs.");
  EXPECT_ERROR(bincount(vec({1, 2}, kLong).reshape({1, 2})),
               "bincount only supports 1-d non-negative integral inputs.");
  EXPECT_ERROR(bincount(scalar_tensor(int64_t(2))), "bincount only supports 1-d non-negative integral inputs.");
  EXPECT_ERROR(bincount(vec({1, 2}, kBool)), "\"bincount_cpu\" not implemented for 'Bool'");
  EXPECT_ERROR(bincount(vec({1, 2}, kFloat)), "\"bincount_cpu\" not implemented for 'Float'");
  EXPECT_ERROR(bincount(vec({1, 2}, kLong), vec({1})), "weights should be 1-d and have the same length as input");
  EXPECT_ERROR(bincount(vec({1, 2}, kLong), ones({2, 1})), "weights should be 1-d and have the same length as input");
}

TEST(HistcTest, MatchesPyTorch) {
  Tensor h = mk(D::H);
  EXPECT_TENSOR_EQ(histc(h.to(kFloat), 13), mk(D::hc_auto, kFloat));
  EXPECT_TENSOR_EQ(h.to(kFloat).histc(10, -1, 1.5), mk(D::hc_rng, kFloat));
  EXPECT_TENSOR_EQ(histc(strided(h.reshape({20, 10})), 7, -0.5, 0.7), mk(D::hc_rng_d));
  EXPECT_TENSOR_EQ(histc(h.to(kBFloat16), 9, -1, 1), mk(D::hc_bf16, kBFloat16));
}

TEST(HistcTest, HandCheckedEdgesAndErrors) {
  Tensor x = vec({1, 2, 1, 4, 2.5, 0.5, 4, 7, -1}, kFloat);
  EXPECT_EQ(values(histc(x, 4, 0, 4)), (std::vector<double>{1, 2, 2, 2}));  // max in the last bin
  EXPECT_EQ(values(histc(x, 4)), (std::vector<double>{2, 4, 2, 1}));        // data range
  EXPECT_EQ(values(histc(x, 3, 2, 2)), (std::vector<double>{4, 4, 1}));     // min == max: data range
  EXPECT_EQ(values(histc(vec({2, 2}), 3)), (std::vector<double>{0, 2, 0})); // one value: +-1
  EXPECT_EQ(values(histc(empty({0}), 3)), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(values(histc(vec({1, kNaN, 2}), 2, 0, 2)), (std::vector<double>{0, 2}));  // NaN ignored
  EXPECT_EQ(values(histc(scalar_tensor(3.0), 2)), (std::vector<double>{0, 1}));
  EXPECT_EQ(values(histc(vec({0, 0.1, 0.2, 0.3, 0.7, 0.9, 1.0}, kFloat), 10, 0, 1)),
            (std::vector<double>{1, 1, 1, 1, 0, 0, 0, 1, 0, 2}));
  Tensor out = empty({1}, TensorOptions(kFloat));
  histc_out(out, x, 4, 0, 4);
  EXPECT_EQ(values(out), (std::vector<double>{1, 2, 2, 2}));
  EXPECT_ERROR(histc(x, 0), "torch.histogram(): bins must be > 0, but got 0 for dimension 0");
  EXPECT_ERROR(histc(x, 4, 4, 0), "torch.histc: max must be larger than min");
  EXPECT_ERROR(histc(vec({1, 2}, kLong), 4), "\"histogram_cpu\" not implemented for 'Long'");
  EXPECT_ERROR(histc(vec({1, INFINITY}), 4), "torch.histc: range of [1, inf] is not finite");
  EXPECT_ERROR(histc(vec({1, 2}), 4, 0, INFINITY), "torch.histc: range of [0, inf] is not finite");
  EXPECT_ERROR_HAS(histc(vec({1, kNaN}), 4), "is not finite");
  Tensor dout = empty({0}, TensorOptions(kDouble));
  EXPECT_ERROR(histc_out(dout, x, 4),
               "torch.histogram: input tensor and hist tensor should have the same dtype, but got "
               "input float and hist double");
}

}  // namespace

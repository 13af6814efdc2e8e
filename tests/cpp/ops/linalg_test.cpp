// Linear algebra vs PyTorch 1.13 results (linalg_test_data.h, from gen_linalg_data.py).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ops/linalg_test_data.h"
#include "test_utils.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/linalg_internal.h"

namespace {
using namespace wick;
namespace D = linalg_data;
using linalg_detail::transpose_view;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  std::vector<double> v = c.values;
  Tensor flat = empty({static_cast<int64_t>(v.size())}, TensorOptions(kDouble));
  std::copy(v.begin(), v.end(), flat.data_ptr<double>());
  DimVector st(c.shape.size());
  int64_t acc = 1;
  for (int64_t i = static_cast<int64_t>(c.shape.size()) - 1; i >= 0; --i) {
    st[i] = acc;
    acc *= c.shape[i];
  }
  return make_view(flat, IntArrayRef(c.shape.data(), c.shape.size()), st, 0).to(dt);
}
// A transposed (non-contiguous) view holding the same values as mk(c).
Tensor mk_t(const D::Case& c, ScalarType dt = kDouble) {
  Tensor t = transpose_view(mk(c, dt), -2, -1).contiguous();
  return transpose_view(t, -2, -1);
}

Tensor eye_d(int64_t n) { return diag(ones({n}, TensorOptions(kDouble))); }
Tensor arange_d(int64_t n) {
  Tensor t = empty({n}, TensorOptions(kDouble));
  for (int64_t i = 0; i < n; ++i) t.data_ptr<double>()[i] = static_cast<double>(i);
  return t;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

#define EXPECT_CLOSE_F(a, e) EXPECT_TENSOR_CLOSE(a, e, 1e-4, 1e-5)
#define EXPECT_CLOSE_D(a, e) EXPECT_TENSOR_CLOSE(a, e, 1e-9, 1e-10)

TEST(LinalgTest, MmFloatAndDouble) {
  EXPECT_CLOSE_D(mm(mk(D::A), mk(D::B)), mk(D::mm_AB));
  EXPECT_CLOSE_F(mm(mk(D::A, kFloat), mk(D::B, kFloat)), mk(D::mm_AB, kFloat));
  EXPECT_CLOSE_F(mk(D::A, kFloat).mm(mk(D::B, kFloat)), mk(D::mm_AB, kFloat));
}

TEST(LinalgTest, MmNonContiguous) {
  Tensor at = transpose_view(mk(D::At), 0, 1);  // transposed storage: no copy path
  EXPECT_FALSE(at.is_contiguous());
  EXPECT_CLOSE_D(mm(at, mk(D::B)), mk(D::mm_AtT_B));
  EXPECT_CLOSE_D(mm(mk(D::A), transpose_view(mk(D::Bt), 0, 1)), mk(D::mm_A_BtT));
  EXPECT_CLOSE_F(mm(mk_t(D::A, kFloat), mk_t(D::B, kFloat)), mk(D::mm_AB, kFloat));
  // Every other row of a taller matrix: strided rows.
  Tensor tall = zeros({4, 3}, TensorOptions(kDouble));
  Tensor rows = make_view(tall, {2, 3}, {6, 1}, 0);
  rows.copy_(mk(D::A));
  EXPECT_CLOSE_D(mm(rows, mk(D::B)), mk(D::mm_AB));
  // Row vector times a transposed matrix (the m == 1 GEMV path with B transposed).
  EXPECT_CLOSE_D(matmul(mk(D::v2), mk_t(D::A)), mk(D::mm_v3A));
  EXPECT_CLOSE_F(matmul(mk(D::v2, kFloat), mk_t(D::A, kFloat)), mk(D::mm_v3A, kFloat));
  EXPECT_TENSOR_CLOSE(bmm(mk(D::P, kHalf), mk_t(D::Q, kHalf)), mk(D::bmm_PQ, kHalf), 1e-2, 1e-2);
  // Broadcast (stride 0) columns force a copy.
  Tensor col = make_view(mk(D::v3), {3, 4}, {1, 0}, 0);
  Tensor expect = mm(mk(D::A), col.contiguous());
  EXPECT_CLOSE_D(mm(mk(D::A), col), expect);
}

TEST(LinalgTest, MmHalfAndBFloat16ComputeInFloat) {
  Tensor r = mm(mk(D::A, kHalf), mk(D::B, kHalf));
  EXPECT_EQ(r.dtype(), kHalf);
  EXPECT_TENSOR_CLOSE(r, mk(D::mm_AB, kHalf), 1e-2, 1e-2);
  Tensor b = matmul(mk(D::A, kBFloat16), mk(D::B, kBFloat16));
  EXPECT_EQ(b.dtype(), kBFloat16);
  EXPECT_TENSOR_CLOSE(b, mk(D::mm_AB, kBFloat16), 3e-2, 3e-2);
}

TEST(LinalgTest, IntegerMatmul) {
  EXPECT_TENSOR_EQ(mm(mk(D::Ai, kLong), mk(D::Bi, kLong)), mk(D::mm_AiBi, kLong));
  EXPECT_TENSOR_EQ(mm(mk(D::Ai, kInt), mk(D::Bi, kInt)), mk(D::mm_AiBi, kInt));
  EXPECT_TENSOR_EQ(mm(mk_t(D::Ai, kShort), mk_t(D::Bi, kShort)), mk(D::mm_AiBi, kShort));
  EXPECT_TENSOR_EQ(matmul(mk(D::Zi, kLong), mk(D::Bi, kLong)), mk(D::mm_ZiBi, kLong));
  EXPECT_TENSOR_EQ(einsum("ij,jk->ik", {mk(D::Ai, kLong), mk(D::Bi, kLong)}), mk(D::ein_int, kLong));
  // int8 wraps around like PyTorch's.
  Tensor a = full({1, 3}, 100, TensorOptions(kChar)), b = full({3, 1}, 2, TensorOptions(kChar));
  EXPECT_EQ(mm(a, b).item<int64_t>(), static_cast<int8_t>(600));
}

TEST(LinalgTest, LargerIntegerMatmulMatchesDouble) {
  const int64_t m = 37, k = 300, n = 41;  // crosses the kernel's blocks
  Tensor a = empty({m, k}, TensorOptions(kInt)), b = empty({k, n}, TensorOptions(kInt));
  for (int64_t i = 0; i < m * k; ++i) a.data_ptr<int32_t>()[i] = static_cast<int32_t>(i % 7) - 3;
  for (int64_t i = 0; i < k * n; ++i) b.data_ptr<int32_t>()[i] = static_cast<int32_t>(i % 5) - 2;
  Tensor expect = mm(a.to(kDouble), b.to(kDouble));
  for (ScalarType dt : {kShort, kInt, kLong}) {
    EXPECT_TENSOR_EQ(mm(a.to(dt), b.to(dt)).to(kDouble), expect);
    EXPECT_TENSOR_EQ(mm(transpose_view(transpose_view(a.to(dt), 0, 1).contiguous(), 0, 1), b.to(dt))
                         .to(kDouble),
                     expect);
  }
}

TEST(LinalgTest, MatmulShapes) {
  EXPECT_CLOSE_D(matmul(mk(D::X), mk(D::Y)), mk(D::mm_XY));  // [2,1,3,4] @ [3,4,5]
  EXPECT_CLOSE_D(matmul(mk(D::w4), mk(D::Y)), mk(D::mm_w4Y));
  EXPECT_CLOSE_D(matmul(mk(D::Y), mk(D::v5)), mk(D::mm_Yv5));
  EXPECT_CLOSE_D(matmul(mk(D::Z), mk(D::B45)), mk(D::mm_ZB));
  EXPECT_CLOSE_D(matmul(mk(D::Z), mk(D::v4)), mk(D::mm_Zv4));
  EXPECT_CLOSE_D(matmul(mk(D::v2), mk(D::A)), mk(D::mm_v3A));
  EXPECT_CLOSE_D(matmul(mk(D::A), mk(D::v3)), mk(D::mv_Av3));
  EXPECT_CLOSE_D(matmul(mk(D::B45), transpose_view(mk(D::Y), 1, 2)), mk(D::mm_B45Yt));
  Tensor x_nc = mk_t(D::X);
  EXPECT_CLOSE_D(matmul(x_nc, mk_t(D::Y)), mk(D::mm_XY));
  Tensor d = matmul(mk(D::v3), mk(D::v3));
  EXPECT_EQ(d.dim(), 0);
  EXPECT_EQ(matmul(zeros({0, 3}), zeros({3, 2})).sizes(), IntArrayRef({0, 2}));
  EXPECT_TENSOR_EQ(matmul(zeros({2, 0}), zeros({0, 2})), zeros({2, 2}));
  EXPECT_EQ(matmul(zeros({4, 0, 3}), zeros({3, 2})).sizes(), IntArrayRef({4, 0, 2}));
  Tensor out = empty({1});
  matmul_out(out, mk(D::A, kFloat), mk(D::B, kFloat));
  EXPECT_CLOSE_F(out, mk(D::mm_AB, kFloat));
}

TEST(LinalgTest, MatmulErrors) {
  EXPECT_EQ(error_of([] { mm(ones({2, 3}), ones({4, 5})); }),
            "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
  EXPECT_EQ(error_of([] { matmul(scalar_tensor(1.0), ones({3})); }),
            "both arguments to matmul need to be at least 1D, but they are 0D and 1D");
  EXPECT_EQ(error_of([] { mm(ones({2, 3}), ones({3})); }), "mat2 must be a matrix");
  EXPECT_EQ(error_of([] { mm(ones({3}), ones({3, 2})); }), "self must be a matrix");
  EXPECT_EQ(error_of([] { mm(ones({2, 3}), ones({3, 2}, TensorOptions(kDouble))); }),
            "expected m1 and m2 to have the same dtype, but got: float != double");
  EXPECT_EQ(error_of([] { bmm(ones({2, 3}), ones({2, 3})); }), "batch1 must be a 3D tensor");
  EXPECT_EQ(error_of([] { bmm(ones({2, 2, 3}), ones({3, 3, 4})); }),
            "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].");
  EXPECT_EQ(error_of([] { matmul(ones({3}), ones({4})); }),
            "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of "
            "elements, but got 3 and 4 elements respectively");
  EXPECT_EQ(error_of([] { matmul(ones({2, 3}), ones({4})); }), "size mismatch, got 2, 2x3,4");
  EXPECT_EQ(error_of([] { matmul(ones({4}), ones({2, 3})); }),
            "mat1 and mat2 shapes cannot be multiplied (1x4 and 2x3)");
  EXPECT_EQ(error_of([] { matmul(ones({2, 2, 3}), ones({3, 3, 4})); }),
            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0");
  EXPECT_EQ(error_of([] { matmul(ones({5, 2, 3}), ones({4})); }), "size mismatch, got 10, 10x3,4");
  EXPECT_EQ(error_of([] { mm(ones({2, 2}, TensorOptions(kBool)), ones({2, 2}, TensorOptions(kBool))); }),
            "\"addmm_impl_cpu_\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { dot(ones({3}), ones({3}, TensorOptions(kDouble))); }),
            "dot : expected both vectors to have same dtype, but found Float and Double");
  EXPECT_EQ(error_of([] { dot(ones({3}), ones({3, 1})); }), "1D tensors expected, but got 1D and 2D tensors");
  EXPECT_EQ(error_of([] { mv(ones({2, 3}), ones({4, 1})); }),
            "vector + matrix @ vector expected, got 1, 2, 2");
}

TEST(LinalgTest, BmmAndBatchedParallelSmall) {
  EXPECT_CLOSE_D(bmm(mk(D::P), mk(D::Q)), mk(D::bmm_PQ));
  EXPECT_CLOSE_F(bmm(mk_t(D::P, kFloat), mk(D::Q, kFloat)), mk(D::bmm_PQ, kFloat));
  // Many small matrices: the batch is split over threads; compare with one-by-one mm.
  const int64_t nb = 300;
  Tensor a = empty({nb, 4, 5}, TensorOptions(kDouble)), b = empty({nb, 5, 3}, TensorOptions(kDouble));
  for (int64_t i = 0; i < a.numel(); ++i) a.data_ptr<double>()[i] = std::sin(double(i));
  for (int64_t i = 0; i < b.numel(); ++i) b.data_ptr<double>()[i] = std::cos(double(i));
  Tensor c = bmm(a, b);
  for (int64_t i : {0L, 137L, 299L}) {
    Tensor ai = make_view(a, {4, 5}, {5, 1}, i * 20), bi = make_view(b, {5, 3}, {3, 1}, i * 15);
    EXPECT_CLOSE_D(make_view(c, {4, 3}, {3, 1}, i * 12), mm(ai, bi));
  }
}

TEST(LinalgTest, AddmmFamily) {
  EXPECT_CLOSE_D(addmm(mk(D::inp4), mk(D::A), mk(D::B), 0.5, 2.0), mk(D::addmm));
  EXPECT_CLOSE_F(mk(D::inp4, kFloat).addmm(mk(D::A, kFloat), mk(D::B, kFloat), 0.5, 2.0),
                 mk(D::addmm, kFloat));
  Tensor p3 = make_view(mk(D::P), {2, 3, 4}, {12, 4, 1}, 0);
  Tensor self = make_view(mk(D::inp23), {2, 3, 1}, {6, 2, 2}, 0);
  EXPECT_CLOSE_D(baddbmm(self, p3, mk(D::Q), -1.0, 0.5), mk(D::baddbmm));
  EXPECT_CLOSE_D(addbmm(mk(D::inp32), mk(D::P), mk(D::Q), 2.0, -1.0), mk(D::addbmm));
  EXPECT_CLOSE_D(addmv(mk(D::v2), mk(D::A), mk(D::v3), 3.0, 0.5), mk(D::addmv));
  EXPECT_CLOSE_D(addr(mk(D::A), mk(D::v2), mk(D::v3), 0.5, 2.0), mk(D::addr));
  // beta = 0 ignores NaN/inf in the input, as PyTorch does.
  Tensor nan_in = full({2, 4}, std::numeric_limits<double>::quiet_NaN(), TensorOptions(kDouble));
  EXPECT_CLOSE_D(addmm(nan_in, mk(D::A), mk(D::B), 0.0, 1.0), mk(D::mm_AB));
  Tensor nan_v = full({2}, std::numeric_limits<double>::quiet_NaN(), TensorOptions(kDouble));
  EXPECT_CLOSE_D(addmv(nan_v, mk(D::A), mk(D::v3), 0.0, 1.0), mk(D::mv_Av3));
  // In place keeps the tensor and bumps its version.
  Tensor acc = zeros({2, 4}, TensorOptions(kDouble));
  auto v0 = acc._version();
  addmm_(acc, mk(D::A), mk(D::B));
  EXPECT_GT(acc._version(), v0);
  EXPECT_CLOSE_D(acc, mk(D::mm_AB));
  Tensor bacc = zeros({2, 3, 2}, TensorOptions(kDouble));
  bacc.baddbmm_(mk(D::P), mk(D::Q));
  EXPECT_CLOSE_D(bacc, mk(D::bmm_PQ));
  // In place with NaN in self and beta = 0: written directly, NaN ignored.
  Tensor nan_acc = full({2, 4}, std::numeric_limits<double>::quiet_NaN(), TensorOptions(kDouble));
  nan_acc.addmm_(mk(D::A), mk(D::B), 0, 1);
  EXPECT_CLOSE_D(nan_acc, mk(D::mm_AB));
  // Aliased in place (self is also mat1): must not read half-written results.
  Tensor sq = mk(D::M), sq_expect = matmul(mk(D::M), mk(D::M));
  sq.addmm_(sq, mk(D::M), 0, 1);
  EXPECT_CLOSE_D(sq, sq_expect);
  // Non-contiguous self goes through a temporary.
  Tensor nc = transpose_view(zeros({4, 2}, TensorOptions(kDouble)), 0, 1);
  nc.addmm_(mk(D::A), mk(D::B));
  EXPECT_CLOSE_D(nc, mk(D::mm_AB));
  Tensor mo = empty({0}, TensorOptions(kDouble));
  Tensor& mo_ref = mm_out(mo, mk(D::A), mk(D::B));
  EXPECT_TRUE(mo_ref.is_same(mo));
  EXPECT_CLOSE_D(mo, mk(D::mm_AB));
  Tensor bo = empty({2, 3, 2}, TensorOptions(kFloat));
  EXPECT_EQ(error_of([&] { bmm_out(bo, mk(D::P), mk(D::Q)); }),
            "Expected out tensor to have dtype double, but got float instead");
  EXPECT_EQ(error_of([&] { linalg::inv_out(bo, mk(D::M)); }),
            "Expected out tensor to have dtype double, but got float instead");
  Tensor out = empty({0}, TensorOptions(kDouble));
  addmm_out(out, mk(D::inp4), mk(D::A), mk(D::B), 0.5, 2.0);
  EXPECT_CLOSE_D(out, mk(D::addmm));
  EXPECT_EQ(error_of([] { addmm(ones({3}), ones({2, 3}), ones({3, 4})); }),
            "The expanded size of the tensor (4) must match the existing size (3) at "
            "non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]");
  EXPECT_EQ(error_of([] {
              addmm(ones({2, 2}, TensorOptions(kInt)), ones({2, 2}, TensorOptions(kInt)),
                    ones({2, 2}, TensorOptions(kInt)), 0.5);
            }),
            "For integral input tensors, argument beta must not be a floating point number.");
  EXPECT_TENSOR_EQ(addmm(tensor({{1, 1}, {1, 1}}), tensor({{1, 2}, {3, 4}}), tensor({{1, 0}, {0, 1}}), 2, 3),
                   tensor({{5, 8}, {11, 14}}));
  EXPECT_EQ(error_of([] { addmv(ones({3}), ones({2, 3}), ones({3})); }),
            "size mismatch, got 3, 2x3,3");
  EXPECT_EQ(error_of([] { addbmm(ones({3, 4}), ones({2, 3, 5}), ones({2, 4, 4})); }),
            "Incompatible matrix sizes for bmm (3x5 and 4x4)");
}

TEST(LinalgTest, VectorProducts) {
  Tensor ar = make_view(arange_d(3), {3}, {1}, 0);
  EXPECT_CLOSE_D(dot(mk(D::v3), ar), mk(D::dot_v3));
  EXPECT_CLOSE_D(vdot(mk(D::v3), ar), mk(D::dot_v3));
  EXPECT_TENSOR_EQ(dot(tensor({1, 2, 3}), tensor({4, 5, 6})), scalar_tensor(32, TensorOptions(kInt)));
  EXPECT_CLOSE_D(outer(mk(D::v2), mk(D::v3)), mk(D::outer));
  EXPECT_CLOSE_D(ger(mk(D::v2), mk(D::v3)), mk(D::outer));
  Tensor mixed = outer(tensor({1, 2}), tensor({0.5f, 1.5f}));
  EXPECT_EQ(mixed.dtype(), kFloat);
  EXPECT_TENSOR_EQ(mixed, tensor({{0.5f, 1.5f}, {1.f, 3.f}}));
  EXPECT_CLOSE_D(inner(mk(D::A), transpose_view(mk(D::B), 0, 1)), mk(D::inner));
  EXPECT_CLOSE_D(mv(mk_t(D::A), mk(D::v3)), mk(D::mv_Av3));
  EXPECT_EQ(error_of([] { outer(ones({2}), ones({3, 1})); }),
            "outer: Expected 1-D argument vec2, but got 2-D");
  EXPECT_EQ(error_of([] { inner(ones({2, 3}), ones({4})); }),
            "inner() the last dimension must match on both input tensors but got shapes [2, 3] and [4]");
}

TEST(LinalgTest, Einsum) {
  EXPECT_CLOSE_D(einsum("ij,jk->ik", {mk(D::A), mk(D::B)}), mk(D::ein_ik));
  EXPECT_CLOSE_D(einsum("ii->i", {mk(D::E3)}), mk(D::ein_diag));
  EXPECT_CLOSE_D(einsum("ii", {mk(D::E3)}), mk(D::ein_trace));
  EXPECT_CLOSE_D(einsum("bij,bjk->bik", {mk(D::P), mk(D::Q)}), mk(D::ein_bmm));
  EXPECT_CLOSE_D(einsum("i,j->ij", {mk(D::v2), mk(D::v3)}), mk(D::ein_outer));
  EXPECT_CLOSE_D(einsum("...ij->...ji", {mk(D::P)}), mk(D::ein_ellT));
  EXPECT_CLOSE_D(einsum("ij->", {mk(D::A)}), mk(D::ein_sum));
  EXPECT_CLOSE_D(einsum("ijk,ikl->jl", {mk(D::P), mk(D::Q)}), mk(D::ein_jl));
  EXPECT_CLOSE_D(einsum("ij,jk", {mk(D::A), mk(D::B)}), mk(D::ein_impl));
  EXPECT_CLOSE_D(einsum("ba", {mk(D::A)}), mk(D::ein_ba));
  EXPECT_CLOSE_D(einsum("...ij,...jk->...ik", {mk(D::X), mk(D::Y)}), mk(D::ein_ell));
  EXPECT_CLOSE_D(einsum("ij,jk,kl->il", {mk(D::A), mk(D::B), mk(D::B45)}), mk(D::ein_three));
  EXPECT_CLOSE_D(einsum("ij,ij->i", {mk(D::A), make_view(mk(D::v3), {1, 3}, {3, 1}, 0)}),
                 mk(D::ein_bcast));
  EXPECT_CLOSE_D(einsum("i j k -> i k", {mk_t(D::P)}), mk(D::ein_rowsum));
  Tensor ar = make_view(arange_d(12), {2, 2, 3}, {6, 3, 1}, 0);
  EXPECT_CLOSE_D(einsum("iij->ij", {ar}), mk(D::ein_diag3));
  EXPECT_EQ(error_of([] { einsum("ij,jk", {ones({2, 3}), ones({4, 5})}); }),
            "einsum(): subscript j has size 4 for operand 1 which does not broadcast with "
            "previously seen size 3");
  EXPECT_EQ(error_of([] { einsum("ij,jk->ik", {ones({2, 3})}); }),
            "einsum(): fewer operands were provided than specified in the equation");
  EXPECT_EQ(error_of([] { einsum("ijk,jk->ik", {ones({2, 3}), ones({3, 3})}); }),
            "einsum(): the number of subscripts in the equation (3) does not match the number of "
            "dimensions (2) for operand 0 and no ellipsis was given");
  EXPECT_EQ(error_of([] { einsum("ij->ix", {ones({2, 3})}); }),
            "einsum(): output subscript x does not appear in the equation for any input operand");
  EXPECT_EQ(error_of([] { einsum("ii->i", {ones({2, 3})}); }),
            "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2");
}

TEST(LinalgTest, TensordotAndKron) {
  EXPECT_CLOSE_D(tensordot(mk(D::P), mk(D::Y2), 2), mk(D::td2));
  EXPECT_CLOSE_D(tensordot(mk(D::P), mk(D::Q), {0, 2}, {0, 1}), mk(D::td_list));
  EXPECT_EQ(error_of([] { tensordot(ones({2, 3}), ones({4, 5}), 1); }),
            "contracted dimensions need to match, but first has size 3 in dim -1 and second has "
            "size 4 in dim 0");
  EXPECT_EQ(error_of([] { tensordot(ones({2, 3}), ones({3, 5}), {1}, {0, 1}); }),
            "both dimension lists should have same length");
  EXPECT_CLOSE_D(kron(mk(D::K1), mk(D::K2)), mk(D::kron));
  EXPECT_CLOSE_D(mk(D::v2).kron(mk(D::K2)), mk(D::kron_v));
  Tensor ki = kron(tensor({{1, 2}}), tensor({{1.5f}, {2.f}}));
  EXPECT_EQ(ki.dtype(), kFloat);
  EXPECT_TENSOR_EQ(ki, tensor({{1.5f, 3.f}, {2.f, 4.f}}));
}

TEST(LinalgTest, CrossTraceDiag) {
  EXPECT_CLOSE_D(linalg::cross(mk(D::C1), mk(D::C2)), mk(D::cross));
  EXPECT_CLOSE_D(cross(transpose_view(mk(D::C1), 0, 1), transpose_view(mk(D::C2), 0, 1), 0),
                 mk(D::cross0));
  EXPECT_CLOSE_D(cross(transpose_view(mk(D::C1), 0, 1), transpose_view(mk(D::C2), 0, 1)),
                 mk(D::cross0));  // default: the first dim of size 3
  EXPECT_EQ(error_of([] { linalg::cross(ones({2, 4}), ones({2, 4})); }),
            "linalg.cross: inputs dimension -1 must have length 3. Got 4 and 4");
  EXPECT_CLOSE_D(mk(D::S4).trace(), mk(D::trace));
  Tensor ti = trace(tensor({{1, 2}, {3, 4}}));
  EXPECT_EQ(ti.dtype(), kLong);
  EXPECT_EQ(ti.item<int64_t>(), 5);
  EXPECT_EQ(error_of([] { trace(ones({2, 3, 4})); }), "trace: expected a matrix, but got tensor with dim 3");
  EXPECT_CLOSE_D(diag(mk(D::S4), 1), mk(D::diag1));
  EXPECT_CLOSE_D(diag(mk_t(D::S4), -2), mk(D::diagm2));
  EXPECT_CLOSE_D(diag(mk(D::v3), 1), mk(D::diag_v3_1));
  EXPECT_EQ(diag(mk(D::S4), 7).numel(), 0);
  Tensor s = mk(D::S4), d = diag(s);
  d.fill_(0);  // a copy, not a view
  EXPECT_NE(s.trace().item<double>(), 0.0);
  EXPECT_EQ(error_of([] { diag(ones({2, 3, 4})); }), "matrix or a vector expected");
  EXPECT_CLOSE_D(diag_embed(mk(D::A), 1), mk(D::diag_embed));
  EXPECT_CLOSE_D(mk(D::A).diag_embed(-1, 0, 2), mk(D::diag_embed02));
  EXPECT_EQ(error_of([] { diag_embed(ones({2, 3}), 0, 0, 0); }),
            "diagonal dimensions cannot be identical 0, 0");
}

TEST(LinalgTest, TrilTriu) {
  EXPECT_CLOSE_D(tril(mk(D::P), 1), mk(D::tril));
  EXPECT_CLOSE_D(mk_t(D::P).triu(-1), mk(D::triu));
  EXPECT_CLOSE_D(tril(mk(D::S4), -1), mk(D::tril_m1));
  EXPECT_CLOSE_D(triu(mk(D::S4), 2), mk(D::triu_2));
  Tensor t = mk(D::S4);
  auto v = t._version();
  t.tril_(-1);
  EXPECT_GT(t._version(), v);
  EXPECT_CLOSE_D(t, mk(D::tril_m1));
  Tensor nc = mk_t(D::S4);
  nc.triu_(2);
  EXPECT_CLOSE_D(nc, mk(D::triu_2));
  EXPECT_TENSOR_EQ(triu(tensor({{1, 2}, {3, 4}})), tensor({{1, 2}, {0, 4}}));
  EXPECT_EQ(error_of([] { tril(ones({3})); }), "tril: input tensor must have at least 2 dimensions");
}

Tensor negated(const Tensor& t) {
  return linalg_detail::mul_broadcast(t, scalar_tensor(-1.0, TensorOptions(t.dtype())));
}

TEST(LinalgTest, DetInverseSolve) {
  EXPECT_CLOSE_D(linalg::det(mk(D::M)), mk(D::det));
  EXPECT_CLOSE_D(mk(D::Mb).det(), mk(D::detb));
  EXPECT_CLOSE_F(det(mk_t(D::M, kFloat)), mk(D::det, kFloat));
  auto [sign, logabs] = linalg::slogdet(negated(mk(D::M)));
  EXPECT_CLOSE_D(sign, mk(D::slog_sign));
  EXPECT_CLOSE_D(logabs, mk(D::slog_abs));
  auto [s0, l0] = linalg::slogdet(zeros({2, 2}, TensorOptions(kDouble)));
  EXPECT_EQ(s0.item<double>(), 0.0);
  EXPECT_EQ(l0.item<double>(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(linalg::det(tensor({{1., 2.}, {2., 4.}})).item<double>(), 0.0);
  EXPECT_TRUE(std::isnan(logdet(negated(mk(D::M))).item<double>()));
  EXPECT_CLOSE_D(linalg::inv(mk(D::M)), mk(D::inv));
  EXPECT_CLOSE_D(mk_t(D::Mb).inverse(), mk(D::invb));
  EXPECT_CLOSE_F(inverse(mk(D::M, kFloat)), mk(D::inv, kFloat));
  EXPECT_CLOSE_D(matmul(mk(D::M), linalg::inv(mk(D::M))), eye_d(3));
  EXPECT_CLOSE_D(linalg::solve(mk(D::M), mk(D::rhs)), mk(D::solve));
  EXPECT_CLOSE_D(linalg::solve(mk(D::Mb), mk(D::v3)), mk(D::solve_v));
  EXPECT_CLOSE_D(linalg::solve(mk(D::Mb), mk(D::rhs)), mk(D::solve_b));
  EXPECT_CLOSE_D(linalg::solve(mk(D::M), transpose_view(mk(D::rhs), 0, 1), false),
                 mk(D::solve_right));
  EXPECT_EQ(error_of([] { linalg::inv(tensor({{1., 2.}, {2., 4.}})); }),
            "linalg.inv: The diagonal element 2 is zero, the inversion could not be completed "
            "because the input matrix is singular.");
  EXPECT_EQ(error_of([] { inverse(zeros({3, 2, 2})); }),
            "linalg.inv: (Batch element 0): The diagonal element 1 is zero, the inversion could "
            "not be completed because the input matrix is singular.");
  EXPECT_EQ(error_of([] { linalg::inv(ones({2, 3})); }),
            "linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices");
  EXPECT_EQ(error_of([] { linalg::inv(ones({3})); }),
            "linalg.inv: The input tensor A must have at least 2 dimensions.");
  EXPECT_EQ(error_of([] { linalg::det(ones({2, 2}, TensorOptions(kInt))); }),
            "linalg.det: Expected a floating point or complex tensor as input. Got Int");
  EXPECT_EQ(error_of([] { linalg::solve(tensor({{1., 2.}, {2., 4.}}), ones({2})); }),
            "torch.linalg.solve: The solver failed because the input matrix is singular.");
  EXPECT_EQ(error_of([] { linalg::solve(diag(ones({2})), ones({3})); }),
            "linalg.solve: Incompatible shapes of A and B for the equation AX = B (2x2 and 3x1)");
}

TEST(LinalgTest, Cholesky) {
  EXPECT_CLOSE_D(linalg::cholesky(mk(D::SPD)), mk(D::chol));
  EXPECT_CLOSE_D(linalg::cholesky(mk_t(D::SPD), true), mk(D::cholU));
  EXPECT_CLOSE_F(mk(D::SPD, kFloat).cholesky(), mk(D::chol, kFloat));
  Tensor L = linalg::cholesky(mk(D::SPD));
  EXPECT_CLOSE_D(einsum("ik,jk->ij", {L, L}), mk(D::SPD));
  EXPECT_EQ(error_of([] { linalg::cholesky(tensor({{1., 2.}, {2., 1.}})); }),
            "linalg.cholesky: The factorization could not be completed because the input is not "
            "positive-definite (the leading minor of order 2 is not positive-definite).");
  Tensor bad = make_view(tensor({1., 2., 2., 1.}), {2, 2, 2}, {0, 2, 1}, 0);
  EXPECT_EQ(error_of([&] { linalg::cholesky(bad); }),
            "linalg.cholesky: (Batch element 0): The factorization could not be completed because "
            "the input is not positive-definite (the leading minor of order 2 is not "
            "positive-definite).");
  EXPECT_EQ(error_of([] { linalg::cholesky(ones({2, 3})); }),
            "linalg.cholesky: A must be batches of square matrices, but they are 2 by 3 matrices");
}

TEST(LinalgTest, QR) {
  auto [q, r] = linalg::qr(mk(D::Rm));
  EXPECT_CLOSE_D(q, mk(D::qr_q));
  EXPECT_CLOSE_D(r, mk(D::qr_r));
  EXPECT_CLOSE_D(einsum("ki,kj->ij", {q, q}), eye_d(3));
  EXPECT_CLOSE_D(matmul(q, r), mk(D::Rm));
  auto [qc, rc] = linalg::qr(mk_t(D::Rm), "complete");
  EXPECT_CLOSE_D(qc, mk(D::qrc_q));
  EXPECT_CLOSE_D(rc, mk(D::qrc_r));
  EXPECT_CLOSE_D(einsum("ki,kj->ij", {qc, qc}), eye_d(4));
  auto [qw, rw] = linalg::qr(transpose_view(mk(D::Rm), 0, 1));
  EXPECT_CLOSE_D(qw, mk(D::qrw_q));
  EXPECT_CLOSE_D(rw, mk(D::qrw_r));
  auto [qr_, rr] = linalg::qr(mk(D::Rm, kFloat), "r");
  EXPECT_EQ(qr_.numel(), 0);
  EXPECT_CLOSE_F(rr, mk(D::qr_r, kFloat));
  auto [qb, rb] = linalg::qr(mk(D::P));
  EXPECT_CLOSE_D(matmul(qb, rb), mk(D::P));
  EXPECT_EQ(error_of([] { linalg::qr(ones({2, 3}), "foo"); }),
            "qr received unrecognized mode 'foo' but expected one of 'reduced' (default), 'r', or "
            "'complete'");
}

TEST(LinalgTest, SvdAndEigh) {
  EXPECT_CLOSE_D(linalg::svdvals(mk(D::Rm)), mk(D::svals));
  EXPECT_CLOSE_D(linalg::svdvals(mk_t(D::P)), mk(D::svalsb));
  EXPECT_CLOSE_F(linalg::svdvals(mk(D::Rm, kFloat)), mk(D::svals, kFloat));
  for (bool full : {true, false}) {
    auto [U, S, Vh] = linalg::svd(mk(D::P), full);
    EXPECT_EQ(U.sizes(), IntArrayRef(full ? DimVector{2, 3, 3} : DimVector{2, 3, 3}));
    EXPECT_EQ(Vh.sizes(), IntArrayRef(full ? DimVector{2, 4, 4} : DimVector{2, 3, 4}));
    EXPECT_CLOSE_D(S, mk(D::svalsb));
    Tensor Ur = full ? U : U;
    Tensor Vr = make_view(Vh, {2, 3, 4}, Vh.strides(), Vh.storage_offset());
    EXPECT_CLOSE_D(matmul(matmul(Ur, diag_embed(S)), Vr), mk(D::P));
    EXPECT_CLOSE_D(einsum("bik,bjk->bij", {Vh, Vh}), einsum("ij,b->bij", {eye_d(Vh.size(1)), ones({2}, TensorOptions(kDouble))}));
  }
  auto [U2, S2, Vh2] = linalg::svd(mk(D::Rm), true);
  EXPECT_EQ(U2.sizes(), IntArrayRef({4, 4}));
  EXPECT_CLOSE_D(einsum("ki,kj->ij", {U2, U2}), eye_d(4));
  EXPECT_CLOSE_D(linalg::eigvalsh(mk(D::SPD)), mk(D::eigvals));
  EXPECT_CLOSE_D(linalg::eigvalsh(mk(D::S4), "U"), mk(D::eigvalsU));
  auto [w, V] = linalg::eigh(mk(D::SPD));
  EXPECT_CLOSE_D(w, mk(D::eigvals));
  EXPECT_CLOSE_D(matmul(mk(D::SPD), V), linalg_detail::mul_broadcast(V, w));
  EXPECT_CLOSE_D(einsum("ki,kj->ij", {V, V}), eye_d(3));
  EXPECT_EQ(error_of([] { linalg::eigh(ones({2, 2}), "X"); }),
            "Expected UPLO argument to be 'L' or 'U', but got X");
  EXPECT_EQ(error_of([] { linalg::svd(ones({2, 3}, TensorOptions(kInt))); }),
            "linalg.svd: Expected a floating point or complex tensor as input. Got Int");
}

TEST(LinalgTest, PinvRankPower) {
  EXPECT_CLOSE_D(linalg::pinv(mk(D::Rm)), mk(D::pinv));
  EXPECT_CLOSE_D(linalg::pinv(transpose_view(mk(D::Rm), 0, 1)), mk(D::pinv_w));
  EXPECT_CLOSE_D(linalg::pinv(mk(D::SPD), std::nullopt, std::nullopt, true), mk(D::pinv_h));
  EXPECT_CLOSE_D(mk(D::Rm).pinverse(0.1), mk(D::pinverse));
  EXPECT_TENSOR_EQ(linalg::matrix_rank(mk(D::Lr)), mk(D::rank_lr, kLong));
  EXPECT_TENSOR_EQ(linalg::matrix_rank(mk(D::Rm)), mk(D::rank_Rm, kLong));
  EXPECT_CLOSE_D(linalg::matrix_power(mk(D::M), 3), mk(D::mpow3));
  EXPECT_CLOSE_D(mk(D::M).matrix_power(-2), mk(D::mpowm2));
  EXPECT_CLOSE_D(matrix_power(mk(D::Mb), 0), mk(D::mpow0));
  EXPECT_TENSOR_EQ(linalg::matrix_power(mk(D::Si, kLong), 5), mk(D::mpow_int, kLong));
  Tensor m = mk(D::M), m1 = linalg::matrix_power(m, 1);
  EXPECT_FALSE(m1.is_same(m));
  EXPECT_CLOSE_D(m1, m);
  EXPECT_EQ(error_of([] { linalg::matrix_power(ones({2, 3}), 2); }),
            "linalg.matrix_power: A must be batches of square matrices, but they are 2 by 3 matrices");
  EXPECT_EQ(error_of([] { linalg::matrix_power(ones({2, 2}, TensorOptions(kInt)), -1); }),
            "linalg.inv: Expected a floating point or complex tensor as input. Got Int");
}

TEST(LinalgTest, Norms) {
  using linalg::NormOrd;
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_CLOSE_D(linalg::vector_norm(mk(D::P)), mk(D::vn2));
  EXPECT_CLOSE_F(linalg::vector_norm(mk(D::P, kFloat)), mk(D::vn2, kFloat));
  EXPECT_CLOSE_D(linalg::vector_norm(mk(D::P), 1, IntArrayRef{1}), mk(D::vn1d));
  EXPECT_CLOSE_D(linalg::vector_norm(mk_t(D::P), inf, IntArrayRef{0, 2}, true), mk(D::vninf));
  EXPECT_CLOSE_D(linalg::vector_norm(mk(D::P), -inf, IntArrayRef{-1}), mk(D::vnminf));
  EXPECT_CLOSE_D(linalg::vector_norm(mk(D::P), 0, IntArrayRef{0}), mk(D::vn0));
  EXPECT_CLOSE_D(linalg::vector_norm(mk(D::P), 3.5, IntArrayRef{1}), mk(D::vn3));
  EXPECT_EQ(linalg::vector_norm(mk(D::P, kFloat), 2, std::nullopt, false, kDouble).dtype(), kDouble);
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P)), mk(D::mn_fro));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), std::string("nuc")), mk(D::mn_nuc));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), inf), mk(D::mn_inf));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), -inf), mk(D::mn_minf));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), 1.0), mk(D::mn_1));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), -1.0, {-2, -1}, true), mk(D::mn_m1));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), 2.0), mk(D::mn_2));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), -2.0), mk(D::mn_m2));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), 1.0, {2, 0}), mk(D::mn_1_dims));
  EXPECT_CLOSE_D(linalg::matrix_norm(mk(D::P), 2.0, {0, 2}, true), mk(D::mn_2_dims));
  EXPECT_CLOSE_D(linalg::norm(mk(D::P)), mk(D::norm_all));
  EXPECT_CLOSE_D(linalg::norm(mk(D::v3), NormOrd(1.0)), mk(D::norm_v));
  EXPECT_CLOSE_D(linalg::norm(mk(D::A), NormOrd(std::string("nuc"))), mk(D::norm_m));
  EXPECT_CLOSE_D(linalg::norm(mk(D::P), NormOrd(2.0), IntArrayRef{1, 2}), mk(D::norm_d));
  EXPECT_EQ(error_of([] { linalg::vector_norm(ones({2, 2}, TensorOptions(kInt))); }),
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int");
  EXPECT_EQ(error_of([] { linalg::matrix_norm(ones({2})); }),
            "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
  EXPECT_EQ(error_of([] { linalg::matrix_norm(ones({2, 2}), 3.0); }),
            "linalg.matrix_norm: Order 3 not supported.");
  EXPECT_EQ(error_of([] { linalg::matrix_norm(ones({2, 2}), std::string("foo")); }),
            "linalg.matrix_norm: Order foo not supported.");
  EXPECT_EQ(error_of([] { linalg::norm(ones({2, 2, 2}), NormOrd(std::string("fro"))); }),
            "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.");
  EXPECT_EQ(error_of([&] { linalg::vector_norm(zeros({0}), inf); }),
            "linalg.vector_norm cannot compute the inf norm on an empty tensor because the "
            "operation does not have an identity");
}

TEST(LinalgTest, OutForms) {
  Tensor o = empty({0}, TensorOptions(kDouble));
  linalg::det_out(o, mk(D::Mb));
  EXPECT_CLOSE_D(o, mk(D::detb));
  linalg::matrix_norm_out(o, mk(D::P), std::string("nuc"));
  EXPECT_CLOSE_D(o, mk(D::mn_nuc));
  linalg::vector_norm_out(o, mk(D::P), 1, IntArrayRef{1});
  EXPECT_CLOSE_D(o, mk(D::vn1d));
  linalg::cross_out(o, mk(D::C1), mk(D::C2));
  EXPECT_CLOSE_D(o, mk(D::cross));
  linalg::multi_dot_out(o, {mk(D::A), mk(D::B), mk(D::B45)});
  EXPECT_CLOSE_D(o, mk(D::multi2));
  linalg::solve_out(o, mk(D::M), mk(D::rhs));
  EXPECT_CLOSE_D(o, mk(D::solve));
  kron_out(o, mk(D::K1), mk(D::K2));
  EXPECT_CLOSE_D(o, mk(D::kron));
  tril_out(o, mk(D::S4), -1);
  EXPECT_CLOSE_D(o, mk(D::tril_m1));
  Tensor ol = empty({0}, TensorOptions(kLong));
  linalg::matrix_rank_out(ol, mk(D::Lr));
  EXPECT_TENSOR_EQ(ol, mk(D::rank_lr, kLong));
}

TEST(LinalgTest, MultiDot) {
  EXPECT_CLOSE_D(linalg::multi_dot({mk(D::v2), mk(D::A), mk(D::B), mk(D::B45), mk(D::v5)}),
                 mk(D::multi));
  EXPECT_CLOSE_D(linalg::multi_dot({mk(D::A), mk(D::B), mk(D::B45)}), mk(D::multi2));
  EXPECT_EQ(error_of([] { linalg::multi_dot({ones({2, 2})}); }),
            "multi_dot(): expected at least 2 tensors but got 1");
  EXPECT_EQ(error_of([] { linalg::multi_dot({ones({2, 2}), ones({3, 2})}); }),
            "multi_dot(): tensors 0 and 1 with shapes [2, 2] and [3, 2] cannot be multiplied");
  EXPECT_EQ(error_of([] { linalg::multi_dot({ones({2, 2}), ones({2, 2, 2})}); }),
            "multi_dot(): the last tensor must be 1D or 2D but got 3D");
}

TEST(LinalgTest, EdgeCases) {
  EXPECT_CLOSE_D(einsum("...i,...i->...", {mk(D::X), mk(D::Y0)}), mk(D::ein_ellb));
  EXPECT_CLOSE_D(linalg::cross(make_view(mk(D::C1), {1, 3}, {3, 1}, 0), mk(D::C2)), mk(D::cross_b));
  EXPECT_CLOSE_D(tensordot(mk(D::v2), mk(D::v3), 0), mk(D::td0));
  EXPECT_CLOSE_D(kron(mk(D::P), mk(D::K1)), mk(D::kron_nd));
  EXPECT_CLOSE_D(linalg::matrix_power(mk(D::Mb), 2), mk(D::mpow_b));
  EXPECT_CLOSE_D(matmul(mk(D::v4), transpose_view(mk(D::P), 1, 2)), mk(D::mm_1dx3d));
  EXPECT_CLOSE_D(diag_embed(mk(D::v3)), mk(D::diag_embed_v));
  EXPECT_CLOSE_D(linalg::vector_norm(zeros({0}, TensorOptions(kDouble))), mk(D::vn_empty));
  EXPECT_CLOSE_D(linalg::det(zeros({0, 0}, TensorOptions(kDouble))), mk(D::det0));
  EXPECT_EQ(linalg::inv(zeros({0, 3, 3})).sizes(), IntArrayRef({0, 3, 3}));
  auto [U, S, Vh] = linalg::svd(zeros({0, 3}));
  EXPECT_EQ(U.sizes(), IntArrayRef({0, 0}));
  EXPECT_EQ(S.sizes(), IntArrayRef({0}));
  EXPECT_TENSOR_EQ(Vh, diag(ones({3})));
  auto [q, r] = linalg::qr(zeros({0, 3}));
  EXPECT_EQ(q.sizes(), IntArrayRef({0, 0}));
  EXPECT_EQ(r.sizes(), IntArrayRef({0, 3}));
  auto [w, V] = linalg::eigh(zeros({2, 0, 0}));
  EXPECT_EQ(w.sizes(), IntArrayRef({2, 0}));
  EXPECT_EQ(V.sizes(), IntArrayRef({2, 0, 0}));
  Tensor self = tensor({{true, false}});
  EXPECT_TENSOR_EQ(addr(self, tensor({true, false}), tensor({false, true})),
                   tensor({{true, true}, {true, false}}));
  EXPECT_CLOSE_F(linalg::vector_norm(ones({2, 3}), 2, IntArrayRef{}), scalar_tensor(std::sqrt(6.0f)));
  // Results never alias their inputs.
  Tensor m = mk(D::M);
  Tensor c = matmul(m, diag(ones({3}, TensorOptions(kDouble))));
  EXPECT_NE(c.data_ptr(), m.data_ptr());
}

}  // namespace

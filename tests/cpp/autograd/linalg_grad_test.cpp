// Derivatives of the linalg family: the products with a bias (addbmm,
// baddbmm, addmv, addr), outer/inner/vdot/tensordot/einsum/kron, cross,
// trace, diag, diag_embed, tril/triu, det, slogdet, logdet, inverse, solve,
// cholesky, qr, svd, svdvals, eigh, eigvalsh, pinv, matrix_power, the norms
// and multi_dot. gradcheck + gradgradcheck on float64 (well-conditioned random
// inputs; decompositions through gauge-invariant functions of their outputs),
// grad_fn names, and PyTorch's values at conventions (from PyTorch 1.13).
#include <gtest/gtest.h>

#include "grad_test_utils.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::variable_list;

Tensor rnd(IntArrayRef shape, uint64_t seed, double lo = -1.0, double hi = 1.0) {
  Generator g;
  g.manual_seed(seed);
  return (rand(shape, g, TensorOptions(kDouble)) * (hi - lo) + lo).requires_grad_();
}

// A well-conditioned square matrix (batch) near the identity times 2.
Tensor wellcond(IntArrayRef shape, uint64_t seed) {
  Tensor r = rnd(shape, seed).detach();
  return (r * 0.5 + eye(shape.back(), TensorOptions(kDouble)) * 2).requires_grad_();
}

using Fn = std::function<variable_list(const variable_list&)>;

void check(const char* what, const Fn& f, const variable_list& inputs, bool second = true) {
  SCOPED_TRACE(what);
  EXPECT_GRADCHECK(autograd::gradcheck(f, inputs));
  if (second) EXPECT_GRADCHECK(autograd::gradgradcheck(f, inputs));
}

std::vector<double> values_of(const Tensor& t) {
  Tensor c = t.contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}
void expect_near(const Tensor& t, const std::vector<double>& want) {
  auto got = values_of(t);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-10) << i;
}

Tensor nc(IntArrayRef shape_t, uint64_t seed) {
  // A transposed (non-contiguous) leaf of shape reversed(shape_t) in its last two dims.
  return rnd(shape_t, seed).detach().transpose(-1, -2).requires_grad_();
}

TEST(LinalgGrad, ProductsWithBias) {
  Tensor b1 = rnd({3, 2, 4}, 1), b2 = rnd({3, 4, 5}, 2);
  check("baddbmm", [](const variable_list& in) { return variable_list{baddbmm(in[0], in[1], in[2], 0.5, 2)}; },
        {rnd({3, 2, 5}, 3), b1, b2});
  check("baddbmm broadcast self", [](const variable_list& in) { return variable_list{baddbmm(in[0], in[1], in[2])}; },
        {rnd({5}, 4), b1, b2});
  check("addbmm", [](const variable_list& in) { return variable_list{addbmm(in[0], in[1], in[2], 0.5, 1.5)}; },
        {rnd({2, 5}, 5), b1, b2});
  check("addbmm non-contiguous", [](const variable_list& in) { return variable_list{addbmm(in[0], in[1], in[2])}; },
        {rnd({1, 5}, 6), nc({3, 4, 2}, 7), b2});
  Tensor m = rnd({3, 4}, 8), v = rnd({4}, 9);
  check("addmv", [](const variable_list& in) { return variable_list{addmv(in[0], in[1], in[2], 2, 0.5)}; },
        {rnd({3}, 10), m, v});
  check("addmv broadcast", [](const variable_list& in) { return variable_list{addmv(in[0], in[1], in[2])}; },
        {rnd({1}, 11), nc({4, 3}, 12), v});
  check("addr", [](const variable_list& in) { return variable_list{addr(in[0], in[1], in[2], 0.5, 3)}; },
        {rnd({3, 4}, 13), rnd({3}, 14), v});
  check("addr broadcast", [](const variable_list& in) { return variable_list{addr(in[0], in[1], in[2])}; },
        {rnd({4}, 15), rnd({3}, 14), v});
  // In-place forms on non-leaves.
  check("baddbmm_", [](const variable_list& in) {
    Tensor s = in[0] * 1;
    s.baddbmm_(in[1], in[2], 0.5, 2);
    return variable_list{s};
  }, {rnd({3, 2, 5}, 16), b1, b2});
  check("addmm_", [](const variable_list& in) {
    Tensor s = in[0] * 1;
    s.addmm_(in[1], in[2], 0.5, 2);
    return variable_list{s};
  }, {rnd({2, 5}, 17), rnd({2, 4}, 18), rnd({4, 5}, 19)});
  Tensor leaf = rnd({2, 5}, 20);
  EXPECT_THROW(leaf.addmm_(rnd({2, 4}, 18), rnd({4, 5}, 19)), Error);
  EXPECT_EQ(baddbmm(rnd({3, 2, 5}, 3), b1, b2).grad_fn()->name(), "BaddbmmBackward0");
  EXPECT_EQ(addbmm(rnd({2, 5}, 3), b1, b2).grad_fn()->name(), "AddbmmBackward0");
  EXPECT_EQ(addmv(rnd({3}, 3), m, v).grad_fn()->name(), "AddmvBackward0");
  EXPECT_EQ(addr(rnd({3, 4}, 3), rnd({3}, 3), v).grad_fn()->name(), "AddrBackward0");
}

// Note [Matrix gradient layout]: the column-major paths of the mm/addmm
// formulas (x @ w.t()) give the plain products' values and second derivatives.
TEST(LinalgGrad, TransposedWeightGradLayout) {
  Tensor x = rnd({5, 4}, 40), w = rnd({3, 4}, 41), b = rnd({3}, 42);
  Tensor wt_grad_expected = matmul(x.detach().t(), ones({5, 3}, TensorOptions(kDouble))).t();
  addmm(b, x, w.t()).sum().backward();
  EXPECT_TRUE(w.grad().is_contiguous());
  expect_near(w.grad(), values_of(wt_grad_expected));
  expect_near(b.grad(), {5, 5, 5});
  w.mutable_grad() = Tensor();
  mm(x, w.t()).sum().backward();
  EXPECT_TRUE(w.grad().is_contiguous());
  expect_near(w.grad(), values_of(wt_grad_expected));
  // A column-major mat1 too, and alpha/beta other than 1.
  check("addmm column-major operands", [](const variable_list& in) {
    return variable_list{addmm(in[0], in[1].t(), in[2].t(), 0.5, 2.0)};
  }, {rnd({3}, 43), rnd({4, 5}, 44), rnd({3, 4}, 45)});
  check("mm column-major operands", [](const variable_list& in) {
    return variable_list{mm(in[0].t(), in[1].t())};
  }, {rnd({4, 5}, 46), rnd({3, 4}, 47)});
}

TEST(LinalgGrad, OuterInnerTensordot) {
  Tensor u = rnd({3}, 1), v = rnd({4}, 2), w = rnd({3}, 3);
  check("outer", [](const variable_list& in) { return variable_list{outer(in[0], in[1])}; }, {u, v});
  check("ger", [](const variable_list& in) { return variable_list{ger(in[0], in[1])}; }, {u, v});
  check("vdot", [](const variable_list& in) { return variable_list{vdot(in[0], in[1])}; }, {u, w});
  check("inner 1d", [](const variable_list& in) { return variable_list{inner(in[0], in[1])}; }, {u, w});
  check("inner nd", [](const variable_list& in) { return variable_list{inner(in[0], in[1])}; },
        {rnd({2, 3, 4}, 4), nc({4, 5}, 5)});
  check("inner 0-dim", [](const variable_list& in) { return variable_list{inner(in[0], in[1])}; },
        {rnd({}, 6), rnd({2, 3}, 7)});
  check("tensordot int", [](const variable_list& in) { return variable_list{tensordot(in[0], in[1], 2)}; },
        {rnd({2, 3, 4}, 8), rnd({3, 4, 2}, 9)});
  check("tensordot lists", [](const variable_list& in) {
    return variable_list{tensordot(in[0], in[1], {0, 2}, {2, 0})};
  }, {rnd({2, 3, 4}, 10), rnd({5, 4, 2}, 11).detach().transpose(0, 1).requires_grad_()});
  EXPECT_EQ(outer(u, v).grad_fn()->name(), "MulBackward0");
  EXPECT_EQ(vdot(u, w).grad_fn()->name(), "VdotBackward0");
  EXPECT_EQ(tensordot(rnd({2, 3, 4}, 8), rnd({3, 4, 2}, 9), 2).grad_fn()->name(), "ViewBackward0");
  EXPECT_EQ(inner(rnd({2, 3, 4}, 8), rnd({5, 4}, 9)).grad_fn()->name(), "ViewBackward0");
}

TEST(LinalgGrad, Einsum) {
  struct Case {
    const char* eq;
    std::vector<std::vector<int64_t>> shapes;
  };
  std::vector<Case> cases = {
      {"ij,jk->ik", {{2, 3}, {3, 4}}},
      {"ij,jk", {{2, 3}, {3, 4}}},
      {"ij->ji", {{2, 3}}},
      {"ij->ij", {{2, 3}}},
      {"ii->i", {{3, 3}}},
      {"ii", {{3, 3}}},
      {"iij->j", {{2, 2, 3}}},
      {"ij->", {{2, 3}}},
      {"ij->j", {{2, 3}}},
      {"bij,bjk->bik", {{2, 2, 3}, {2, 3, 4}}},
      {"bij,jk->bik", {{2, 2, 3}, {3, 4}}},
      {"...ij,...jk->...ik", {{2, 2, 3}, {3, 4}}},
      {"i,i->", {{4}, {4}}},
      {"i,j->ij", {{3}, {4}}},
      {"ij,ij,ij->i", {{2, 3}, {2, 3}, {2, 3}}},
      {"bi,bi->b", {{1, 3}, {4, 3}}},  // a broadcast size-1 label
      {"ijk,ik->j", {{2, 3, 4}, {2, 4}}},
  };
  uint64_t seed = 30;
  for (const auto& c : cases) {
    variable_list in;
    for (const auto& s : c.shapes) in.push_back(rnd(s, seed++));
    const std::string eq = c.eq;
    check(c.eq, [eq](const variable_list& x) { return variable_list{einsum(eq, x)}; }, in);
  }
  // A non-contiguous operand.
  check("ij,jk non-contiguous", [](const variable_list& x) { return variable_list{einsum("ij,jk->ik", x)}; },
        {nc({3, 2}, 60), rnd({3, 4}, 61)});
  // The result of 'ij->ij' is not the input itself.
  Tensor a = rnd({2, 3}, 62);
  Tensor r = einsum("ij->ij", {a});
  EXPECT_FALSE(r.is_same(a));
  EXPECT_TRUE(a.is_leaf());
}

TEST(LinalgGrad, StructuredOps) {
  check("kron", [](const variable_list& in) { return variable_list{kron(in[0], in[1])}; },
        {rnd({2, 3}, 1), rnd({2, 2}, 2)});
  check("kron mixed dims", [](const variable_list& in) { return variable_list{kron(in[0], in[1])}; },
        {rnd({3}, 3), nc({2, 2}, 4)});
  check("cross", [](const variable_list& in) { return variable_list{linalg::cross(in[0], in[1])}; },
        {rnd({4, 3}, 5), rnd({4, 3}, 6)});
  check("cross broadcast dim0", [](const variable_list& in) { return variable_list{cross(in[0], in[1], 0)}; },
        {rnd({3, 2}, 7), rnd({3, 1}, 8)});
  check("trace", [](const variable_list& in) { return variable_list{in[0].trace()}; }, {rnd({3, 4}, 9)});
  check("diag 2d", [](const variable_list& in) { return variable_list{in[0].diag(1)}; }, {rnd({3, 4}, 10)});
  check("diag 2d neg", [](const variable_list& in) { return variable_list{in[0].diag(-1)}; }, {nc({4, 3}, 11)});
  check("diag 1d", [](const variable_list& in) { return variable_list{in[0].diag(-2)}; }, {rnd({3}, 12)});
  check("diag_embed", [](const variable_list& in) { return variable_list{in[0].diag_embed(1, 0, 2)}; },
        {rnd({2, 3}, 13)});
  check("tril", [](const variable_list& in) { return variable_list{in[0].tril(-1)}; }, {rnd({2, 3, 4}, 14)});
  check("triu", [](const variable_list& in) { return variable_list{in[0].triu(1)}; }, {nc({4, 3}, 15)});
  check("tril_", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.tril_();
    return variable_list{y};
  }, {rnd({3, 3}, 16)});
  check("triu_ view", [](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.select(0, 1).triu_(0);
    return variable_list{y};
  }, {rnd({2, 3, 3}, 17)});
  Tensor x = rnd({3, 3}, 18);
  EXPECT_EQ(kron(x, x).grad_fn()->name(), "ViewBackward0");
  EXPECT_EQ(linalg::cross(x, x).grad_fn()->name(), "LinalgCrossBackward0");
  EXPECT_EQ(x.trace().grad_fn()->name(), "TraceBackward0");
  EXPECT_EQ(x.diag().grad_fn()->name(), "DiagBackward0");
  EXPECT_EQ(x.diag_embed().grad_fn()->name(), "DiagEmbedBackward0");
  EXPECT_EQ(x.tril().grad_fn()->name(), "TrilBackward0");
  EXPECT_EQ(x.triu().grad_fn()->name(), "TriuBackward0");
  Tensor y = x * 1;
  EXPECT_EQ(y.tril_().grad_fn()->name(), "TrilBackward0");
  EXPECT_THROW(x.tril_(), Error);
}

TEST(LinalgGrad, DetInverseSolve) {
  check("det", [](const variable_list& in) { return variable_list{linalg::det(in[0])}; }, {wellcond({3, 3}, 1)});
  check("det batched", [](const variable_list& in) { return variable_list{in[0].det()}; }, {wellcond({2, 3, 3}, 2)});
  check("slogdet", [](const variable_list& in) {
    auto [s, l] = linalg::slogdet(in[0]);
    return variable_list{l};
  }, {wellcond({2, 3, 3}, 3)});
  check("logdet", [](const variable_list& in) { return variable_list{logdet(in[0])}; }, {wellcond({3, 3}, 4)});
  check("inverse", [](const variable_list& in) { return variable_list{in[0].inverse()}; }, {wellcond({3, 3}, 5)});
  check("inv batched", [](const variable_list& in) { return variable_list{linalg::inv(in[0])}; },
        {wellcond({2, 3, 3}, 6)});
  Tensor A = wellcond({3, 3}, 7);
  check("solve", [](const variable_list& in) { return variable_list{linalg::solve(in[0], in[1])}; },
        {A, rnd({3, 2}, 8)});
  check("solve vector", [](const variable_list& in) { return variable_list{linalg::solve(in[0], in[1])}; },
        {A, rnd({3}, 9)});
  check("solve batched vector", [](const variable_list& in) { return variable_list{linalg::solve(in[0], in[1])}; },
        {wellcond({2, 3, 3}, 10), rnd({2, 3}, 11)});
  check("solve broadcast", [](const variable_list& in) { return variable_list{linalg::solve(in[0], in[1])}; },
        {A, rnd({2, 3, 2}, 12)});
  check("solve right", [](const variable_list& in) { return variable_list{linalg::solve(in[0], in[1], false)}; },
        {A, rnd({2, 3}, 13)});
  EXPECT_EQ(linalg::det(A).grad_fn()->name(), "LinalgDetBackward0");
  EXPECT_EQ(A.det().grad_fn()->name(), "LinalgDetBackward0");
  EXPECT_EQ(std::get<1>(linalg::slogdet(A)).grad_fn()->name(), "LinalgSlogdetBackward0");
  EXPECT_EQ(A.inverse().grad_fn()->name(), "LinalgInvExBackward0");
  EXPECT_EQ(linalg::solve(A, rnd({3}, 9)).grad_fn()->name(), "LinalgSolveExBackward0");
  // PyTorch's values on a fixed matrix.
  auto fixed = [] { return tensor({2., 1., 0.5, 3.}, TensorOptions(kDouble)).reshape({2, 2}).detach().requires_grad_(); };
  Tensor F = fixed();
  linalg::det(F).backward();
  expect_near(F.grad(), {3.0, -0.5, -1.0, 2.0});
  F = fixed();
  linalg::inv(F).sum().backward();
  expect_near(F.grad(), {-0.16528925619834706, -0.1239669421487603, -0.06611570247933884,
                         -0.049586776859504134});
  F = fixed();
  std::get<1>(linalg::slogdet(F)).backward();
  expect_near(F.grad(), {0.5454545454545454, -0.09090909090909091, -0.18181818181818182,
                         0.36363636363636365});
}

TEST(LinalgGrad, Decompositions) {
  // cholesky of the SPD matrix X X^T + n I.
  auto spd = [](const Tensor& x) { return matmul(x, x.transpose(-1, -2)) + eye(x.size(-1), TensorOptions(kDouble)) * 3; };
  check("cholesky", [&](const variable_list& in) { return variable_list{linalg::cholesky(spd(in[0]))}; },
        {rnd({3, 3}, 1)});
  check("cholesky upper batched", [&](const variable_list& in) { return variable_list{linalg::cholesky(spd(in[0]), true)}; },
        {rnd({2, 3, 3}, 2)});
  // The kernel reads one triangle: the input is symmetrised so the numerical
  // Jacobian sees a symmetric matrix, as PyTorch's tests do.
  check("torch.cholesky", [&](const variable_list& in) {
    return variable_list{((in[0] + in[0].transpose(0, 1)) * 0.5).cholesky()};
  },
        {spd(rnd({3, 3}, 3)).detach().requires_grad_()});
  check("qr tall", [](const variable_list& in) {
    auto [Q, R] = linalg::qr(in[0]);
    return variable_list{Q, R};
  }, {rnd({4, 3}, 4)});
  check("qr square batched", [](const variable_list& in) {
    auto [Q, R] = linalg::qr(in[0]);
    return variable_list{Q, R};
  }, {wellcond({2, 3, 3}, 5)});
  check("qr wide", [](const variable_list& in) {
    auto [Q, R] = linalg::qr(in[0]);
    return variable_list{Q, R};
  }, {rnd({2, 4}, 19).detach().add(eye(2, 4, TensorOptions(kDouble)) * 2).requires_grad_()});
  check("qr wide complete batched", [](const variable_list& in) {
    auto [Q, R] = linalg::qr(in[0], "complete");
    return variable_list{Q, R};
  }, {rnd({2, 3, 5}, 20).detach().add(eye(3, 5, TensorOptions(kDouble)) * 2).requires_grad_()});
  // svd: singular values, and vectors through sign-invariant functions.
  for (auto shape : {std::vector<int64_t>{3, 3}, std::vector<int64_t>{4, 3}, std::vector<int64_t>{3, 4},
                     std::vector<int64_t>{2, 3, 2}}) {
    SCOPED_TRACE(::testing::PrintToString(shape));
    check("svd", [](const variable_list& in) {
      auto [U, S, Vh] = linalg::svd(in[0], false);
      return variable_list{S, U * U, Vh * Vh, matmul(U * S.unsqueeze(-2), Vh)};
    }, {rnd(shape, 6)});
    check("svdvals", [](const variable_list& in) { return variable_list{linalg::svdvals(in[0])}; }, {rnd(shape, 7)});
  }
  check("svd full square", [](const variable_list& in) {
    auto [U, S, Vh] = linalg::svd(in[0], true);
    return variable_list{S, U * U};
  }, {rnd({3, 3}, 8)});
  // full_matrices on a tall input: the first k columns of U take part.
  check("svd full tall", [](const variable_list& in) {
    auto [U, S, Vh] = linalg::svd(in[0], true);
    Tensor Uk = U.narrow(-1, 0, 3);
    return variable_list{S, Uk * Uk, Vh * Vh};
  }, {rnd({4, 3}, 18)});
  auto sym = [](const Tensor& x) { return x + x.transpose(-1, -2); };
  check("eigh", [&](const variable_list& in) {
    auto [w, V] = linalg::eigh(sym(in[0]));
    return variable_list{w, V * V};
  }, {rnd({3, 3}, 9)});
  check("eigh batched", [&](const variable_list& in) {
    auto [w, V] = linalg::eigh(sym(in[0]));
    return variable_list{w, V * V};
  }, {rnd({2, 4, 4}, 10)});
  check("eigvalsh", [&](const variable_list& in) { return variable_list{linalg::eigvalsh(sym(in[0]))}; },
        {rnd({3, 3}, 11)});
  check("pinv tall", [](const variable_list& in) { return variable_list{linalg::pinv(in[0])}; }, {rnd({4, 3}, 12)});
  check("pinv wide", [](const variable_list& in) { return variable_list{in[0].pinverse()}; }, {rnd({2, 3}, 13)});
  check("pinv hermitian", [&](const variable_list& in) {
    return variable_list{linalg::pinv(sym(in[0]), std::nullopt, std::nullopt, true)};
  }, {wellcond({3, 3}, 14)});
  Tensor A = rnd({3, 3}, 15);
  EXPECT_EQ(linalg::cholesky(spd(A)).grad_fn()->name(), "LinalgCholeskyExBackward0");
  EXPECT_EQ(spd(A).cholesky().grad_fn()->name(), "CholeskyBackward0");
  EXPECT_EQ(std::get<0>(linalg::qr(A)).grad_fn()->name(), "LinalgQrBackward0");
  EXPECT_EQ(std::get<1>(linalg::svd(A)).grad_fn()->name(), "LinalgSvdBackward0");
  EXPECT_EQ(linalg::svdvals(A).grad_fn()->name(), "LinalgSvdBackward0");
  EXPECT_EQ(std::get<0>(linalg::eigh(sym(A))).grad_fn()->name(), "LinalgEighBackward0");
  EXPECT_EQ(linalg::eigvalsh(sym(A)).grad_fn()->name(), "LinalgEighBackward0");
  // Not differentiable: qr without Q, complete QR of a tall matrix.
  EXPECT_THROW(linalg::qr(A, "r"), Error);
  EXPECT_THROW(linalg::qr(rnd({4, 3}, 16), "complete"), Error);
}

TEST(LinalgGrad, MatrixPowerAndNorms) {
  Tensor A = rnd({3, 3}, 1);
  for (int64_t n : {0, 1, 2, 3, 5}) {
    SCOPED_TRACE(n);
    check("matrix_power", [n](const variable_list& in) { return variable_list{in[0].matrix_power(n)}; }, {A});
  }
  check("matrix_power -2", [](const variable_list& in) { return variable_list{linalg::matrix_power(in[0], -2)}; },
        {wellcond({2, 3, 3}, 2)});
  EXPECT_EQ(A.matrix_power(2).grad_fn()->name(), "MmBackward0");
  EXPECT_EQ(A.matrix_power(1).grad_fn()->name(), "CloneBackward0");
  EXPECT_EQ(wellcond({3, 3}, 2).matrix_power(-1).grad_fn()->name(), "LinalgInvExBackward0");

  Tensor x = rnd({2, 3, 4}, 3);
  for (double ord : std::vector<double>{2.0, 1.0, 3.0, 1.5, INFINITY, -INFINITY}) {
    SCOPED_TRACE(ord);
    check("vector_norm all", [ord](const variable_list& in) { return variable_list{linalg::vector_norm(in[0], ord)}; },
          {x}, ord != 3.0 && ord != 1.5);
    check("vector_norm dims", [ord](const variable_list& in) {
      return variable_list{linalg::vector_norm(in[0], ord, IntArrayRef{0, 2})};
    }, {x}, ord != 3.0 && ord != 1.5);
    check("vector_norm keepdim", [ord](const variable_list& in) {
      return variable_list{linalg::vector_norm(in[0], ord, IntArrayRef{-1}, true)};
    }, {nc({4, 3}, 4)}, ord != 3.0 && ord != 1.5);
  }
  check("vector_norm keepdim all", [](const variable_list& in) {
    return variable_list{linalg::vector_norm(in[0], 2, std::nullopt, true)};
  }, {x});
  Tensor M = rnd({2, 3, 4}, 5);
  using linalg::NormOrd;
  for (NormOrd ord : std::vector<NormOrd>{NormOrd(std::string("fro")), NormOrd(std::string("nuc")), NormOrd(1.0),
                                         NormOrd(-1.0), NormOrd(2.0), NormOrd(-2.0), NormOrd(INFINITY),
                                         NormOrd(-INFINITY)}) {
    check("matrix_norm", [ord](const variable_list& in) {
      return variable_list{linalg::matrix_norm(in[0], ord)};
    }, {M});
    check("matrix_norm dims keepdim", [ord](const variable_list& in) {
      return variable_list{linalg::matrix_norm(in[0], ord, {2, 0}, true)};
    }, {M});
  }
  check("norm", [](const variable_list& in) { return variable_list{linalg::norm(in[0])}; }, {M});
  check("multi_dot", [](const variable_list& in) { return variable_list{linalg::multi_dot(in)}; },
        {rnd({3}, 6), rnd({3, 4}, 7), rnd({4, 2}, 8), rnd({2}, 9)});
  EXPECT_EQ(linalg::vector_norm(x).grad_fn()->name(), "LinalgVectorNormBackward0");
  EXPECT_EQ(linalg::matrix_norm(M).grad_fn()->name(), "LinalgVectorNormBackward0");
  EXPECT_EQ(linalg::norm(x).grad_fn()->name(), "LinalgVectorNormBackward0");

  // PyTorch's conventions: 0 at a zero vector for the 2-norm, sign(0) = 0 for
  // the 1-norm, the inf-norm's gradient shared among the ties.
  Tensor z = zeros({3}, TensorOptions(kDouble)).requires_grad_();
  linalg::vector_norm(z).backward();
  expect_near(z.grad(), {0, 0, 0});
  Tensor t = tensor({1., -3., 3., 2.}, TensorOptions(kDouble)).requires_grad_();
  linalg::vector_norm(t, INFINITY).backward();
  expect_near(t.grad(), {0, -0.5, 0.5, 0});
  Tensor o = tensor({1., 0., -2.}, TensorOptions(kDouble)).requires_grad_();
  linalg::vector_norm(o, 1).backward();
  expect_near(o.grad(), {1, 0, -1});
  auto fixed = [] { return tensor({2., 1., 0.5, 3.}, TensorOptions(kDouble)).reshape({2, 2}).detach().requires_grad_(); };
  Tensor F = fixed();
  linalg::matrix_norm(F, std::string("nuc")).backward();
  expect_near(F.grad(), {0.9950371902099893, 0.09950371902099896, -0.09950371902099885, 0.995037190209989});
  F = fixed();
  linalg::matrix_norm(F, 2.0).backward();
  expect_near(F.grad(), {0.22016849699238003, 0.46577700667942135, 0.3662732876584223, 0.7748686932176091});
}

}  // namespace
}  // namespace wick

#pragma once
// Linear algebra: matrix products, einsum/tensordot, structured matrices
// (diag, tril, ...), and the torch.linalg namespace (decompositions via LAPACK,
// batched over leading dims).
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- products ------------------------------------------------------------------------
Tensor mm(const Tensor& self, const Tensor& mat2);
Tensor& mm_out(Tensor& out, const Tensor& self, const Tensor& mat2);
Tensor bmm(const Tensor& self, const Tensor& mat2);
Tensor& bmm_out(Tensor& out, const Tensor& self, const Tensor& mat2);
Tensor matmul(const Tensor& self, const Tensor& other);
Tensor& matmul_out(Tensor& out, const Tensor& self, const Tensor& other);
Tensor mv(const Tensor& self, const Tensor& vec);
Tensor& mv_out(Tensor& out, const Tensor& self, const Tensor& vec);
Tensor dot(const Tensor& self, const Tensor& other);
Tensor& dot_out(Tensor& out, const Tensor& self, const Tensor& other);
Tensor vdot(const Tensor& self, const Tensor& other);
Tensor& vdot_out(Tensor& out, const Tensor& self, const Tensor& other);
Tensor inner(const Tensor& self, const Tensor& other);
Tensor& inner_out(Tensor& out, const Tensor& self, const Tensor& other);
Tensor outer(const Tensor& self, const Tensor& vec2);
Tensor& outer_out(Tensor& out, const Tensor& self, const Tensor& vec2);
Tensor ger(const Tensor& self, const Tensor& vec2);
Tensor& ger_out(Tensor& out, const Tensor& self, const Tensor& vec2);
Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
             const Scalar& alpha = 1);
Tensor& addmm_out(Tensor& out, const Tensor& self, const Tensor& mat1, const Tensor& mat2,
                  const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor& addmm_(Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
               const Scalar& alpha = 1);
Tensor addbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
              const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor& addbmm_out(Tensor& out, const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                   const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
               const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor& baddbmm_out(Tensor& out, const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                    const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor& baddbmm_(Tensor& self, const Tensor& batch1, const Tensor& batch2,
                 const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta = 1,
             const Scalar& alpha = 1);
Tensor& addmv_out(Tensor& out, const Tensor& self, const Tensor& mat, const Tensor& vec,
                  const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor addr(const Tensor& self, const Tensor& vec1, const Tensor& vec2, const Scalar& beta = 1,
            const Scalar& alpha = 1);
Tensor& addr_out(Tensor& out, const Tensor& self, const Tensor& vec1, const Tensor& vec2,
                 const Scalar& beta = 1, const Scalar& alpha = 1);

// ---- contractions and structured matrices --------------------------------------------
Tensor einsum(const std::string& equation, TensorList tensors);
// dims: contract the last `dims` of a with the first `dims` of b.
Tensor tensordot(const Tensor& a, const Tensor& b, int64_t dims = 2);
Tensor tensordot(const Tensor& a, const Tensor& b, IntArrayRef dims_a, IntArrayRef dims_b);
Tensor& tensordot_out(Tensor& out, const Tensor& a, const Tensor& b, IntArrayRef dims_a,
                      IntArrayRef dims_b);
Tensor kron(const Tensor& self, const Tensor& other);
Tensor& kron_out(Tensor& out, const Tensor& self, const Tensor& other);
// dim defaults (with a deprecation in PyTorch) to the first dim of size 3.
Tensor cross(const Tensor& self, const Tensor& other, std::optional<int64_t> dim = std::nullopt);
Tensor& cross_out(Tensor& out, const Tensor& self, const Tensor& other,
                  std::optional<int64_t> dim = std::nullopt);
Tensor trace(const Tensor& self);
Tensor diag(const Tensor& self, int64_t diagonal = 0);
Tensor& diag_out(Tensor& out, const Tensor& self, int64_t diagonal = 0);
Tensor diag_embed(const Tensor& self, int64_t offset = 0, int64_t dim1 = -2, int64_t dim2 = -1);
Tensor tril(const Tensor& self, int64_t diagonal = 0);
Tensor& tril_out(Tensor& out, const Tensor& self, int64_t diagonal = 0);
Tensor& tril_(Tensor& self, int64_t diagonal = 0);
Tensor triu(const Tensor& self, int64_t diagonal = 0);
Tensor& triu_out(Tensor& out, const Tensor& self, int64_t diagonal = 0);
Tensor& triu_(Tensor& self, int64_t diagonal = 0);

Tensor det(const Tensor& self);
Tensor logdet(const Tensor& self);
Tensor inverse(const Tensor& self);
Tensor& inverse_out(Tensor& out, const Tensor& self);
Tensor pinverse(const Tensor& self, double rcond = 1e-15);
Tensor matrix_power(const Tensor& self, int64_t n);
Tensor cholesky(const Tensor& self, bool upper = false);

namespace linalg {

// A matrix-norm order: a number or "fro"/"nuc".
using NormOrd = std::variant<double, std::string>;

Tensor solve(const Tensor& A, const Tensor& B, bool left = true);
Tensor& solve_out(Tensor& out, const Tensor& A, const Tensor& B, bool left = true);
Tensor cholesky(const Tensor& A, bool upper = false);
Tensor& cholesky_out(Tensor& out, const Tensor& A, bool upper = false);
// mode: "reduced" (default), "complete" or "r" (Q is then empty).
std::tuple<Tensor, Tensor> qr(const Tensor& A, const std::string& mode = "reduced");
// U, S, Vh with A = U diag(S) Vh.
std::tuple<Tensor, Tensor, Tensor> svd(const Tensor& A, bool full_matrices = true);
Tensor svdvals(const Tensor& A);
// Eigenvalues ascending, eigenvectors in columns; UPLO picks the triangle read.
std::tuple<Tensor, Tensor> eigh(const Tensor& A, const std::string& UPLO = "L");
Tensor eigvalsh(const Tensor& A, const std::string& UPLO = "L");
Tensor inv(const Tensor& A);
Tensor& inv_out(Tensor& out, const Tensor& A);
Tensor det(const Tensor& A);
// (sign, log|det|)
std::tuple<Tensor, Tensor> slogdet(const Tensor& A);
Tensor pinv(const Tensor& A, std::optional<double> atol = std::nullopt,
            std::optional<double> rtol = std::nullopt, bool hermitian = false);
Tensor matrix_power(const Tensor& A, int64_t n);
Tensor matrix_rank(const Tensor& A, std::optional<double> atol = std::nullopt,
                   std::optional<double> rtol = std::nullopt, bool hermitian = false);
Tensor vector_norm(const Tensor& x, double ord = 2, OptionalIntArrayRef dim = std::nullopt,
                   bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt);
Tensor matrix_norm(const Tensor& A, const NormOrd& ord = std::string("fro"),
                   IntArrayRef dim = {-2, -1}, bool keepdim = false,
                   std::optional<ScalarType> dtype = std::nullopt);
// ord unset: 2-norm of the flattened input (or over dim); otherwise vector
// norm for one dim, matrix norm for two.
Tensor norm(const Tensor& A, const std::optional<NormOrd>& ord = std::nullopt,
            OptionalIntArrayRef dim = std::nullopt, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
Tensor cross(const Tensor& input, const Tensor& other, int64_t dim = -1);
Tensor multi_dot(TensorList tensors);

// out= forms (out must have the result's dtype; it is resized to the result's shape).
Tensor& det_out(Tensor& out, const Tensor& A);
Tensor& svdvals_out(Tensor& out, const Tensor& A);
Tensor& eigvalsh_out(Tensor& out, const Tensor& A, const std::string& UPLO = "L");
Tensor& pinv_out(Tensor& out, const Tensor& A, std::optional<double> atol = std::nullopt,
                 std::optional<double> rtol = std::nullopt, bool hermitian = false);
Tensor& matrix_power_out(Tensor& out, const Tensor& A, int64_t n);
Tensor& matrix_rank_out(Tensor& out, const Tensor& A, std::optional<double> atol = std::nullopt,
                        std::optional<double> rtol = std::nullopt, bool hermitian = false);
Tensor& vector_norm_out(Tensor& out, const Tensor& x, double ord = 2,
                        OptionalIntArrayRef dim = std::nullopt, bool keepdim = false,
                        std::optional<ScalarType> dtype = std::nullopt);
Tensor& matrix_norm_out(Tensor& out, const Tensor& A, const NormOrd& ord = std::string("fro"),
                        IntArrayRef dim = {-2, -1}, bool keepdim = false,
                        std::optional<ScalarType> dtype = std::nullopt);
Tensor& norm_out(Tensor& out, const Tensor& A, const std::optional<NormOrd>& ord = std::nullopt,
                 OptionalIntArrayRef dim = std::nullopt, bool keepdim = false,
                 std::optional<ScalarType> dtype = std::nullopt);
Tensor& cross_out(Tensor& out, const Tensor& input, const Tensor& other, int64_t dim = -1);
Tensor& multi_dot_out(Tensor& out, TensorList tensors);

}  // namespace linalg
}  // namespace wick

#pragma once
// Helpers shared by linalg.cpp and linalg_decomp.cpp (not part of the API).
#include <string>

#include "wick/ops/linalg.h"
#include "wick/tensor/tensor.h"

namespace wick::linalg_detail {

// Views (built with make_view, so they share storage and version counter).
Tensor transpose_view(const Tensor& t, int64_t d0, int64_t d1);
Tensor permute_view(const Tensor& t, IntArrayRef perm);
Tensor unsqueeze_view(const Tensor& t, int64_t dim);
// Broadcasts t (right-aligned) to `shape`; PyTorch's expand message on failure.
Tensor expand_view(const Tensor& t, IntArrayRef shape);
Tensor diagonal_view(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2);
// A view with `shape` when t is contiguous, otherwise a contiguous copy viewed so.
Tensor reshape_any(const Tensor& t, IntArrayRef shape);
// Moves the listed dims (wrapped, distinct) to the end, keeping their order.
Tensor move_dims_last(const Tensor& t, IntArrayRef dims);

// Elementwise product with broadcasting and promotion.
Tensor mul_broadcast(const Tensor& a, const Tensor& b);

enum class Reduce { Sum, SumAbs, Max, Min, MaxAbs, MinAbs, SumSquares, Lp, CountNonzero };
// Reduces `dims` (all dims when empty and all_when_empty) of t in double precision;
// returns a kDouble tensor. Lp computes sum |x|^p without the final root.
Tensor reduce_double(const Tensor& t, IntArrayRef dims, bool keepdim, Reduce kind,
                     double p = 0.0);
// Sum over dims keeping integer results exact; result has dtype out_dtype.
Tensor sum_dims(const Tensor& t, IntArrayRef dims, bool keepdim, ScalarType out_dtype);

// Batched matrix product of 3-d tensors [B, m, k] x [B, k, n]; batch stride 0
// (expanded) operands are read without copies. Writes alpha*A@B + beta*C into
// the contiguous [B, m, n] tensor c.
void bmm_into(const Tensor& c, const Tensor& a, const Tensor& b, const Scalar& beta,
              const Scalar& alpha);

// C++ spelling of a dtype as PyTorch's messages print it ("float", "long int").
const char* cpp_type_name(ScalarType t);
// out <- result, resizing out; out must already have the result's dtype.
Tensor& assign_out(Tensor& out, const Tensor& result);

// "linalg.inv: Expected a floating point or complex tensor as input. Got Int" etc.
void check_float_input(const char* name, const Tensor& t, const char* arg = "input");
void check_square(const char* name, const Tensor& t);

}  // namespace wick::linalg_detail

namespace wick::linalg_detail {
// Views t as len(groups) dims, merging each run of consecutive dims (sizes in
// `groups` count dims per run) when their strides allow, else copies first.
Tensor merge_groups(const Tensor& t, IntArrayRef groups);
// A fresh contiguous copy (never aliases t).
Tensor copy_new(const Tensor& t);
DimVector row_major_strides(IntArrayRef shape);
}  // namespace wick::linalg_detail

// The kernels of the differentiable linalg ops without autograd; linalg_grad.cpp
// defines the public ops on top of them (running them under NoGradGuard and
// recording the op's node).
namespace wick {
Tensor einsum_nograd(const std::string& equation, TensorList tensors);
Tensor tensordot_nograd(const Tensor& a, const Tensor& b, IntArrayRef dims_a, IntArrayRef dims_b);
Tensor kron_nograd(const Tensor& self, const Tensor& other);
Tensor trace_nograd(const Tensor& self);
Tensor diag_nograd(const Tensor& self, int64_t diagonal);
Tensor diag_embed_nograd(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2);
Tensor tril_nograd(const Tensor& self, int64_t diagonal);
Tensor triu_nograd(const Tensor& self, int64_t diagonal);
Tensor& tril_nograd_(Tensor& self, int64_t diagonal);
Tensor& triu_nograd_(Tensor& self, int64_t diagonal);
}  // namespace wick
namespace wick::linalg {
Tensor cross_nograd(const Tensor& input, const Tensor& other, int64_t dim);
Tensor inv_nograd(const Tensor& A);
std::tuple<Tensor, Tensor> slogdet_nograd(const Tensor& A);
Tensor det_nograd(const Tensor& A);
Tensor solve_nograd(const Tensor& A, const Tensor& B, bool left);
Tensor cholesky_nograd(const Tensor& A, bool upper);
std::tuple<Tensor, Tensor> qr_nograd(const Tensor& A, const std::string& mode);
std::tuple<Tensor, Tensor, Tensor> svd_nograd(const Tensor& A, bool full_matrices);
Tensor svdvals_nograd(const Tensor& A);
std::tuple<Tensor, Tensor> eigh_nograd(const Tensor& A, const std::string& UPLO);
Tensor eigvalsh_nograd(const Tensor& A, const std::string& UPLO);
Tensor pinv_nograd(const Tensor& A, std::optional<double> atol, std::optional<double> rtol,
                   bool hermitian);
Tensor matrix_power_nograd(const Tensor& A, int64_t n);
Tensor vector_norm_nograd(const Tensor& x, double ord, OptionalIntArrayRef dim, bool keepdim,
                          std::optional<ScalarType> dtype);
Tensor matrix_norm_nograd(const Tensor& A, const NormOrd& ord, IntArrayRef dim, bool keepdim,
                          std::optional<ScalarType> dtype);
}  // namespace wick::linalg

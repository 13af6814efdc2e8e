// Matrix products, einsum/tensordot, kron, cross, trace, diag, tril/triu.
#include "wick/ops/linalg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

#include "wick/autograd/formula.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/blas.h"
#include "wick/kernels/cpu/loops.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg_internal.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {
namespace linalg_detail {

DimVector row_major_strides(IntArrayRef shape) {
  DimVector st(shape.size());
  int64_t acc = 1;
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    st[i] = acc;
    acc *= std::max<int64_t>(shape[i], 1);
  }
  return st;
}

Tensor transpose_view(const Tensor& t, int64_t d0, int64_t d1) {
  d0 = maybe_wrap_dim(d0, t.dim());
  d1 = maybe_wrap_dim(d1, t.dim());
  DimVector sz(t.sizes().begin(), t.sizes().end()), st(t.strides().begin(), t.strides().end());
  std::swap(sz[d0], sz[d1]);
  std::swap(st[d0], st[d1]);
  return make_view(t, sz, st, t.storage_offset());
}

Tensor permute_view(const Tensor& t, IntArrayRef perm) {
  DimVector sz(perm.size()), st(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) {
    sz[i] = t.size(perm[i]);
    st[i] = t.stride(perm[i]);
  }
  return make_view(t, sz, st, t.storage_offset());
}

Tensor unsqueeze_view(const Tensor& t, int64_t dim) {
  dim = maybe_wrap_dim(dim, t.dim() + 1);
  DimVector sz(t.sizes().begin(), t.sizes().end()), st(t.strides().begin(), t.strides().end());
  int64_t s = dim < t.dim() ? sz[dim] * st[dim] : 1;
  sz.insert(sz.begin() + dim, 1);
  st.insert(st.begin() + dim, s);
  return make_view(t, sz, st, t.storage_offset());
}

Tensor expand_view(const Tensor& t, IntArrayRef shape) {
  const int64_t nd = static_cast<int64_t>(shape.size());
  WICK_CHECK(nd >= t.dim(), "expand: the number of sizes provided (", nd,
             ") must be greater or equal to the number of dimensions in the tensor (", t.dim(),
             ")");
  DimVector st(nd);
  for (int64_t i = nd - 1; i >= 0; --i) {
    int64_t j = i - (nd - t.dim());
    if (j < 0) {
      st[i] = 0;
      continue;
    }
    if (t.size(j) == shape[i]) {
      st[i] = t.stride(j);
    } else {
      WICK_CHECK(t.size(j) == 1, "The expanded size of the tensor (", shape[i],
                 ") must match the existing size (", t.size(j), ") at non-singleton dimension ",
                 i, ".  Target sizes: ", shape, ".  Tensor sizes: ", t.sizes());
      st[i] = 0;
    }
  }
  return make_view(t, shape, st, t.storage_offset());
}

Tensor diagonal_view(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
  dim1 = maybe_wrap_dim(dim1, t.dim());
  dim2 = maybe_wrap_dim(dim2, t.dim());
  WICK_CHECK(dim1 != dim2, "diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  int64_t off = t.storage_offset(), len;
  if (offset >= 0) {
    len = std::max<int64_t>(0, std::min(t.size(dim1), t.size(dim2) - offset));
    if (len > 0) off += offset * t.stride(dim2);
  } else {
    len = std::max<int64_t>(0, std::min(t.size(dim1) + offset, t.size(dim2)));
    if (len > 0) off -= offset * t.stride(dim1);
  }
  DimVector sz, st;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (d == dim1 || d == dim2) continue;
    sz.push_back(t.size(d));
    st.push_back(t.stride(d));
  }
  sz.push_back(len);
  st.push_back(t.stride(dim1) + t.stride(dim2));
  return make_view(t, sz, st, off);
}

Tensor reshape_any(const Tensor& t, IntArrayRef shape) {
  Tensor c = t.is_contiguous() ? t : t.contiguous();
  return make_view(c, shape, row_major_strides(shape), c.storage_offset());
}

Tensor merge_groups(const Tensor& t, IntArrayRef groups) {
  DimVector sz, st;
  int64_t d = 0;
  bool ok = true;
  for (auto g : groups) {
    int64_t size = 1, stride = 1, expect = -1;
    bool first = true;
    for (int64_t i = d + g - 1; i >= d; --i) {
      size *= t.size(i);
      if (t.size(i) == 1) continue;
      if (first) {
        stride = t.stride(i);
        first = false;
      } else if (t.stride(i) != expect) {
        ok = false;
      }
      expect = t.stride(i) * t.size(i);
    }
    sz.push_back(size);
    st.push_back(stride);
    d += g;
  }
  if (ok) return make_view(t, sz, st, t.storage_offset());
  return reshape_any(t, sz);
}

Tensor copy_new(const Tensor& t) {
  Tensor r = empty(t.sizes(), t.options());
  r.copy_(t);
  return r;
}

Tensor move_dims_last(const Tensor& t, IntArrayRef dims) {
  DimVector perm;
  std::vector<bool> moved(t.dim(), false);
  for (auto d : dims) moved[d] = true;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (!moved[d]) perm.push_back(d);
  for (auto d : dims) perm.push_back(d);
  return permute_view(t, perm);
}

Tensor mul_broadcast(const Tensor& a, const Tensor& b) {
  auto iter = TensorIterator::binary_op(Tensor(), a, b, "mul");
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(iter.common_dtype(), "mul", [&] {
    using op_t = opmath_t<scalar_t>;
    kernels::cpu_kernel(iter, [](scalar_t x, scalar_t y) -> scalar_t {
      return static_cast<scalar_t>(static_cast<op_t>(x) * static_cast<op_t>(y));
    });
  });
  iter.cast_outputs();
  return iter.output();
}

namespace {
// Wrapped, sorted-unique check of a dim list; empty means every dim.
DimVector reduce_dim_list(const Tensor& t, IntArrayRef dims) {
  DimVector out;
  if (dims.empty()) {
    for (int64_t d = 0; d < t.dim(); ++d) out.push_back(d);
    return out;
  }
  std::vector<bool> seen(std::max<int64_t>(t.dim(), 1), false);
  for (auto d : dims) {
    int64_t w = maybe_wrap_dim(d, std::max<int64_t>(t.dim(), 1));
    WICK_CHECK(!seen[w], "dim ", w, " appears multiple times in the list of dims");
    seen[w] = true;
    if (t.dim() > 0) out.push_back(w);
  }
  std::sort(out.begin(), out.end());
  return out;
}

DimVector reduced_shape(const Tensor& t, IntArrayRef dims, bool keepdim) {
  DimVector shape;
  for (int64_t d = 0; d < t.dim(); ++d) {
    bool r = std::find(dims.begin(), dims.end(), d) != dims.end();
    if (!r) shape.push_back(t.size(d));
    else if (keepdim) shape.push_back(1);
  }
  return shape;
}
}  // namespace

Tensor reduce_double(const Tensor& t, IntArrayRef dims_in, bool keepdim, Reduce kind, double p) {
  DimVector dims = reduce_dim_list(t, dims_in);
  DimVector out_shape = reduced_shape(t, dims, keepdim);
  Tensor rows = move_dims_last(t, dims).to(kDouble).contiguous();
  int64_t inner = 1;
  for (auto d : dims) inner *= t.size(d);
  Tensor out = empty(out_shape, TensorOptions(kDouble));
  const int64_t outer = out.numel();
  if (inner == 0 && (kind == Reduce::Max || kind == Reduce::Min || kind == Reduce::MaxAbs ||
                     kind == Reduce::MinAbs))
    WICK_CHECK(outer == 0, "cannot reduce over a zero-size dimension without identity");
  const double* src = rows.data_ptr<double>();
  double* dst = out.data_ptr<double>();
  parallel_for(0, outer, std::max<int64_t>(1, 32768 / std::max<int64_t>(inner, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t o = b; o < e; ++o) {
                   const double* x = src + o * inner;
                   double acc;
                   switch (kind) {
                     case Reduce::Sum:
                       acc = 0;
                       for (int64_t i = 0; i < inner; ++i) acc += x[i];
                       break;
                     case Reduce::SumAbs:
                       acc = 0;
                       for (int64_t i = 0; i < inner; ++i) acc += std::fabs(x[i]);
                       break;
                     case Reduce::SumSquares:
                       acc = 0;
                       for (int64_t i = 0; i < inner; ++i) acc += x[i] * x[i];
                       break;
                     case Reduce::Lp:
                       acc = 0;
                       for (int64_t i = 0; i < inner; ++i) acc += std::pow(std::fabs(x[i]), p);
                       break;
                     case Reduce::CountNonzero:
                       acc = 0;
                       for (int64_t i = 0; i < inner; ++i) acc += x[i] != 0.0;
                       break;
                     case Reduce::Max:
                     case Reduce::MaxAbs:
                       acc = -std::numeric_limits<double>::infinity();
                       for (int64_t i = 0; i < inner; ++i) {
                         double v = kind == Reduce::Max ? x[i] : std::fabs(x[i]);
                         if (std::isnan(v) || v > acc) acc = v;
                         if (std::isnan(acc)) break;
                       }
                       break;
                     default:
                       acc = std::numeric_limits<double>::infinity();
                       for (int64_t i = 0; i < inner; ++i) {
                         double v = kind == Reduce::Min ? x[i] : std::fabs(x[i]);
                         if (std::isnan(v) || v < acc) acc = v;
                         if (std::isnan(acc)) break;
                       }
                       break;
                   }
                   dst[o] = acc;
                 }
               });
  return out;
}

Tensor sum_dims(const Tensor& t, IntArrayRef dims_in, bool keepdim, ScalarType out_dtype) {
  if (is_floating_type(out_dtype))
    return reduce_double(t, dims_in, keepdim, Reduce::Sum).to(out_dtype);
  DimVector dims = reduce_dim_list(t, dims_in);
  Tensor rows = move_dims_last(t, dims).to(kLong).contiguous();
  int64_t inner = 1;
  for (auto d : dims) inner *= t.size(d);
  Tensor out = empty(reduced_shape(t, dims, keepdim), TensorOptions(kLong));
  const int64_t* src = rows.data_ptr<int64_t>();
  int64_t* dst = out.data_ptr<int64_t>();
  for (int64_t o = 0; o < out.numel(); ++o) {
    uint64_t acc = 0;
    for (int64_t i = 0; i < inner; ++i) acc += static_cast<uint64_t>(src[o * inner + i]);
    dst[o] = static_cast<int64_t>(acc);
  }
  return out_dtype == kLong ? out : out.to(out_dtype);
}

namespace {
struct Prepared {
  Tensor owner;  // keeps a copy alive when one was needed
  kernels::MatrixArg arg;
  int64_t batch_stride;
};

// Describes a [B, r, c] tensor to BLAS: row-major or transposed in place when
// the strides allow, else a contiguous copy.
Prepared prepare_matrix(const Tensor& t) {
  const int64_t r = t.size(1), c = t.size(2), s0 = t.stride(1), s1 = t.stride(2);
  const int64_t bs = t.size(0) > 1 ? t.stride(0) : 0;
  if ((s1 == 1 || c <= 1) && (r <= 1 || s0 >= std::max<int64_t>(c, 1)))
    return {t, {t.data_ptr(), r <= 1 ? std::max<int64_t>(c, 1) : s0, false}, bs};
  if ((s0 == 1 || r <= 1) && (c <= 1 || s1 >= std::max<int64_t>(r, 1)))
    return {t, {t.data_ptr(), c <= 1 ? std::max<int64_t>(r, 1) : s1, true}, bs};
  Tensor cont = t.contiguous();
  return {cont, {cont.data_ptr(), std::max<int64_t>(c, 1), false}, r * c};
}
}  // namespace

void bmm_into(const Tensor& c, const Tensor& a, const Tensor& b, const Scalar& beta,
              const Scalar& alpha) {
  Prepared pa = prepare_matrix(a), pb = prepare_matrix(b);
  const int64_t m = a.size(1), k = a.size(2), n = b.size(2);
  kernels::gemm_batched(c.dtype(), c.size(0), m, n, k, alpha, pa.arg, pa.batch_stride, pb.arg,
                        pb.batch_stride, beta, c.data_ptr(), std::max<int64_t>(n, 1), m * n);
}

const char* cpp_type_name(ScalarType t) {
  switch (t) {
    case kBool: return "bool";
    case kByte: return "unsigned char";
    case kChar: return "signed char";
    case kShort: return "short int";
    case kInt: return "int";
    case kLong: return "long int";
    case kHalf: return "c10::Half";
    case kBFloat16: return "c10::BFloat16";
    case kFloat: return "float";
    case kDouble: return "double";
    default: return to_string(t);
  }
}

Tensor& assign_out(Tensor& out, const Tensor& result) {
  WICK_CHECK(out.dtype() == result.dtype(), "Expected out tensor to have dtype ",
             cpp_type_name(result.dtype()), ", but got ", cpp_type_name(out.dtype()), " instead");
  if (!out.sizes().equals(result.sizes())) out.resize_(result.sizes());
  out.copy_(result);
  return out;
}

void check_float_input(const char* name, const Tensor& t, const char* arg) {
  WICK_CHECK(is_floating_type(t.dtype()), name, ": Expected a floating point or complex tensor as ",
             arg, ". Got ", t.dtype());
  WICK_CHECK(t.dtype() == kFloat || t.dtype() == kDouble, name,
             ": Low precision dtypes not supported. Got ", t.dtype());
}

void check_square(const char* name, const Tensor& t) {
  WICK_CHECK(t.dim() >= 2, name, ": The input tensor A must have at least 2 dimensions.");
  WICK_CHECK(t.size(-1) == t.size(-2), name,
             ": A must be batches of square matrices, but they are ", t.size(-2), " by ",
             t.size(-1), " matrices");
}

}  // namespace linalg_detail

using namespace linalg_detail;

namespace {


void check_mm_dtypes(const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dtype() == b.dtype(), "expected m1 and m2 to have the same dtype, but got: ",
             cpp_type_name(a.dtype()), " != ", cpp_type_name(b.dtype()));
}
void check_same_dtype(const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dtype() == b.dtype(), "expected scalar type ", a.dtype(), " but found ",
             b.dtype());
}
void check_matmul_dtype(ScalarType t) {
  WICK_CHECK(t != kBool, "\"addmm_impl_cpu_\" not implemented for 'Bool'");
}

void check_int_scalars(ScalarType dt, const Scalar& beta, const Scalar& alpha) {
  if (!is_integral_type(dt, true)) return;
  WICK_CHECK(!beta.isFloatingPoint(),
             "For integral input tensors, argument beta must not be a floating point number.");
  WICK_CHECK(!alpha.isFloatingPoint(),
             "For integral input tensors, argument alpha must not be a floating point number.");
}

Tensor as3d(const Tensor& t2) { return unsqueeze_view(t2, 0); }

// Flattens the batch dims of [..., r, c] into one: a view when they merge, else a copy.
Tensor fold_batch(const Tensor& t) {
  const int64_t nb = t.dim() - 2;
  int64_t batch = 1;
  for (int64_t d = 0; d < nb; ++d) batch *= t.size(d);
  int64_t bstride = 0;
  bool ok = true, first = true;
  int64_t expect = 0;
  for (int64_t d = nb - 1; d >= 0; --d) {
    if (t.size(d) == 1) continue;
    if (first) {
      bstride = t.stride(d);
      expect = t.stride(d) * t.size(d);
      first = false;
    } else if (t.stride(d) == expect) {
      expect = t.stride(d) * t.size(d);
    } else {
      ok = false;
    }
  }
  if (ok)
    return make_view(t, {batch, t.size(-2), t.size(-1)}, {bstride, t.stride(-2), t.stride(-1)},
                     t.storage_offset());
  return reshape_any(t, {batch, t.size(-2), t.size(-1)});
}

// alpha * a @ b + beta * self for [m, k] x [k, n] (self broadcast to [m, n], may be undefined).
Tensor addmm_impl(const Tensor& self, const Tensor& a, const Tensor& b, const Scalar& beta,
                  const Scalar& alpha) {
  check_matmul_dtype(a.dtype());
  check_int_scalars(a.dtype(), beta, alpha);
  const int64_t m = a.size(0), n = b.size(1);
  Tensor result = empty({m, n}, a.options());
  const bool use_self = self.defined() && !(beta.toDouble() == 0.0 && !beta.isBoolean());
  if (self.defined()) {
    Tensor e = expand_view(self, {m, n});
    if (use_self) result.copy_(e);
  }
  bmm_into(as3d(result), as3d(a), as3d(b), use_self ? beta : Scalar(0), alpha);
  return result;
}

bool shares_storage(const Tensor& a, const Tensor& b) {
  return a.defined() && b.defined() && a.storage().get() == b.storage().get();
}

// Whether a product can be written straight into `dst` (resized to `sizes` when
// its shape differs): right dtype, dense row-major, and not aliasing an input.
bool writable_directly(Tensor& dst, IntArrayRef sizes, ScalarType dtype,
                       std::initializer_list<const Tensor*> inputs) {
  if (dst.dtype() != dtype) return false;
  for (const Tensor* t : inputs)
    if (shares_storage(dst, *t)) return false;
  if (!dst.sizes().equals(sizes)) dst.resize_(sizes);
  return dst.is_contiguous();
}

void check_mm_shapes(const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dim() == 2, "self must be a matrix");
  WICK_CHECK(b.dim() == 2, "mat2 must be a matrix");
  WICK_CHECK(a.size(1) == b.size(0), "mat1 and mat2 shapes cannot be multiplied (", a.size(0),
             "x", a.size(1), " and ", b.size(0), "x", b.size(1), ")");
  check_mm_dtypes(a, b);
}

void check_bmm(const Tensor& a, const Tensor& b) {
  WICK_CHECK(a.dim() == 3, "batch1 must be a 3D tensor");
  WICK_CHECK(b.dim() == 3, "batch2 must be a 3D tensor");
  WICK_CHECK(b.size(0) == a.size(0) && b.size(1) == a.size(2),
             "Expected size for first two dimensions of batch2 tensor to be: [", a.size(0), ", ",
             a.size(2), "] but got: [", b.size(0), ", ", b.size(1), "].");
  check_same_dtype(a, b);
  check_matmul_dtype(a.dtype());
}

Tensor mv_impl(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta,
               const Scalar& alpha) {
  WICK_CHECK(mat.dim() == 2 && vec.dim() == 1 && (!self.defined() || self.dim() <= 1),
             "vector + matrix @ vector expected, got ", self.defined() ? self.dim() : 1, ", ",
             mat.dim(), ", ", vec.dim());
  const int64_t self_n = self.defined() ? (self.dim() == 0 ? 1 : self.size(0)) : mat.size(0);
  WICK_CHECK(mat.size(1) == vec.size(0) && (mat.size(0) == self_n || self_n == 1),
             "size mismatch, got ", self_n, ", ", mat.size(0), "x", mat.size(1), ",",
             vec.size(0));
  check_same_dtype(mat, vec);
  check_matmul_dtype(mat.dtype());
  const int64_t m = mat.size(0);
  Tensor result = empty({m}, mat.options());
  const bool use_self = self.defined() && beta.toDouble() != 0.0;
  if (use_self) result.copy_(expand_view(self, {m}));
  Tensor v2 = make_view(vec, {vec.size(0), 1}, {vec.stride(0), 1}, vec.storage_offset());
  bmm_into(make_view(result, {1, m, 1}, {m, 1, 1}, 0), as3d(mat), as3d(v2),
           use_self ? beta : Scalar(0), alpha);
  return result;
}

Tensor outer_impl(const Tensor& self, const Tensor& v1, const Tensor& v2, const Scalar& beta,
                  const Scalar& alpha, const char* name) {
  WICK_CHECK(v1.dim() == 1, name, ": Expected 1-D argument self, but got ", v1.dim(), "-D");
  WICK_CHECK(v2.dim() == 1, name, ": Expected 1-D argument vec2, but got ", v2.dim(), "-D");
  ScalarType dt = promote_types(v1.dtype(), v2.dtype());
  if (self.defined()) dt = promote_types(dt, self.dtype());
  if (dt == kBool) {  // logical: (beta && self) || (alpha && v1 && v2)
    Tensor prod = mul_broadcast(unsqueeze_view(v1, 1), unsqueeze_view(v2, 0));
    if (!self.defined()) return prod;
    Tensor s = expand_view(self, prod.sizes()).contiguous();
    const bool* sp = s.data_ptr<bool>();
    bool* pp = prod.data_ptr<bool>();
    for (int64_t i = 0; i < prod.numel(); ++i)
      pp[i] = (beta.toBool() && sp[i]) || (alpha.toBool() && pp[i]);
    return prod;
  }
  Tensor a = v1.to(dt), b = v2.to(dt);
  const int64_t m = a.size(0), n = b.size(0);
  Tensor s = self.defined() ? self.to(dt) : Tensor();
  return addmm_impl(s, make_view(a, {m, 1}, {a.stride(0), 1}, a.storage_offset()),
                    make_view(b, {1, n}, {n, b.stride(0)}, b.storage_offset()), beta, alpha);
}

}  // namespace

// ---- derivatives of the products -------------------------------------------------------
// For out = a @ b (1-d operands promoted to matrices as matmul does):
// grad_a = g @ b^T and grad_b = a^T @ g; the engine sums broadcast batch dims.

namespace {
using autograd::FormulaNode;
using autograd::variable_list;

// Note [Matrix gradient layout]
// The gradient of a 2-d matrix operand is computed in that operand's layout:
// for a column-major operand (a transposed weight, x @ w.t()) as the
// transpose of a row-major product. Its transpose back to the weight is then
// contiguous and becomes .grad without a copy (AccumulateGrad steals it).
bool column_major(const Tensor& t) {
  return t.dim() == 2 && t.size(0) > 1 && t.size(1) > 1 && t.stride(0) == 1 &&
         t.stride(1) == t.size(0);
}
// d(m1 @ m2)/d m1 and / d m2 for 2-d m1, m2.
Tensor mm_mat1_grad(const Tensor& g, const Tensor& m1, const Tensor& m2) {
  return column_major(m1) ? matmul(m2, g.t()).t() : matmul(g, m2.t());
}
Tensor mm_mat2_grad(const Tensor& g, const Tensor& m1, const Tensor& m2) {
  return column_major(m2) ? matmul(g.t(), m1).t() : matmul(m1.t(), g);
}
// t * s, skipping the multiply when s is 1.
Tensor scaled(const Tensor& t, const Scalar& s) {
  if (!s.isBoolean() && s.toDouble() == 1.0) return t;
  return t * s;
}

variable_list product_backward(FormulaNode& n, const variable_list& grads) {
  Tensor a = n.saved(0), b = n.saved(1);
  Tensor g = grads[0];
  if (a.dim() == 2 && b.dim() == 2)
    return {n.needs(0) ? mm_mat1_grad(g, a, b) : Tensor(),
            n.needs(1) ? mm_mat2_grad(g, a, b) : Tensor()};
  if (b.dim() == 1) g = g.unsqueeze(-1);
  if (a.dim() == 1) g = g.unsqueeze(-2);
  Tensor a2 = a.dim() == 1 ? a.unsqueeze(0) : a;
  Tensor b2 = b.dim() == 1 ? b.unsqueeze(1) : b;
  Tensor ga, gb;
  if (n.needs(0)) {
    ga = matmul(g, b2.transpose(-1, -2));
    if (a.dim() == 1) ga = ga.squeeze(-2);
  }
  if (n.needs(1)) {
    gb = matmul(a2.transpose(-1, -2), g);
    if (b.dim() == 1) gb = gb.squeeze(-1);
  }
  return {ga, gb};
}

// beta * self + alpha * (m1 @ m2)
variable_list addmm_backward(FormulaNode& n, const variable_list& grads) {
  const Tensor& g = grads[0];
  const Scalar& beta = n.scalar(0);
  const Scalar& alpha = n.scalar(1);
  Tensor m1 = n.saved(0), m2 = n.saved(1);
  return {n.needs(0) ? scaled(g, beta) : Tensor(),
          n.needs(1) ? scaled(mm_mat1_grad(g, m1, m2), alpha) : Tensor(),
          n.needs(2) ? scaled(mm_mat2_grad(g, m1, m2), alpha) : Tensor()};
}

// beta * self + alpha * (b1 @ b2) for batched or summed-over-batch products
// (baddbmm, addbmm) and matrix-vector ones (addmv, as [m, k] @ [k, 1]);
// self's gradient is summed to its shape by the engine. int 0: vec is 1-d.
variable_list addprod_backward(FormulaNode& n, const variable_list& grads) {
  Tensor g = grads[0];
  const Scalar& beta = n.scalar(0);
  const Scalar& alpha = n.scalar(1);
  Tensor m1 = n.saved(0), m2 = n.saved(1);
  const bool vec = n.int_at(0);
  if (vec) {
    g = g.unsqueeze(-1);
    m2 = m2.unsqueeze(-1);
  }
  Tensor g1, g2;
  if (n.needs(1)) g1 = matmul(g, m2.transpose(-1, -2)) * alpha;
  if (n.needs(2)) {
    g2 = matmul(m1.transpose(-1, -2), g) * alpha;
    if (vec) g2 = g2.squeeze(-1);
  }
  return {n.needs(0) ? grads[0] * beta : Tensor(), g1, g2};
}

// beta * self + alpha * outer(v1, v2)
variable_list addr_backward(FormulaNode& n, const variable_list& grads) {
  const Tensor& g = grads[0];
  const Scalar& beta = n.scalar(0);
  const Scalar& alpha = n.scalar(1);
  Tensor v1 = n.saved(0), v2 = n.saved(1);
  return {n.needs(0) ? g * beta : Tensor(), n.needs(1) ? matmul(g, v2) * alpha : Tensor(),
          n.needs(2) ? matmul(g.t(), v1) * alpha : Tensor()};
}

// Runs an addmm-like op without recording its internals, then records `name`.
template <typename Compute>
Tensor addprod_with_grad(const char* name, autograd::Formula f, const Tensor& self,
                         const Tensor& m1, const Tensor& m2, const Scalar& beta,
                         const Scalar& alpha, bool vec, Compute&& compute) {
  if (!autograd::compute_requires_grad(self, m1, m2)) return compute();
  Tensor out;
  {
    NoGradGuard no_grad;
    out = compute();
  }
  if (FormulaNode* node = autograd::record(name, f, {self, m1, m2}, {out})) {
    node->save(m1)->save(m2)->keep(beta)->keep(alpha)->keep_int(vec);
  }
  return out;
}

// Runs a product without recording its internals, then records `name`.
template <typename Compute>
Tensor product_with_grad(const char* name, const Tensor& a, const Tensor& b, Compute&& compute) {
  if (!autograd::compute_requires_grad(a, b)) return compute();
  Tensor out;
  {
    NoGradGuard no_grad;
    out = compute();
  }
  if (FormulaNode* node = autograd::record(name, product_backward, {a, b}, {out}))
    node->save(a)->save(b);
  return out;
}
}  // namespace

// ---- products ------------------------------------------------------------------------

Tensor mm(const Tensor& self, const Tensor& mat2) {
  check_mm_shapes(self, mat2);
  return product_with_grad("MmBackward0", self, mat2,
                           [&] { return addmm_impl(Tensor(), self, mat2, 0, 1); });
}
Tensor& mm_out(Tensor& out, const Tensor& self, const Tensor& mat2) {
  autograd::check_out_no_grad("mm", out, self, mat2);
  check_mm_shapes(self, mat2);
  check_matmul_dtype(self.dtype());
  if (!writable_directly(out, {self.size(0), mat2.size(1)}, self.dtype(), {&self, &mat2}))
    return assign_out(out, mm(self, mat2));
  bmm_into(as3d(out), as3d(self), as3d(mat2), 0, 1);
  out.bump_version();
  return out;
}

Tensor bmm(const Tensor& self, const Tensor& mat2) {
  check_bmm(self, mat2);
  return product_with_grad("BmmBackward0", self, mat2, [&] {
    Tensor result = empty({self.size(0), self.size(1), mat2.size(2)}, self.options());
    bmm_into(result, self, mat2, 0, 1);
    return result;
  });
}
Tensor& bmm_out(Tensor& out, const Tensor& self, const Tensor& mat2) {
  autograd::check_out_no_grad("bmm", out, self, mat2);
  check_bmm(self, mat2);
  if (!writable_directly(out, {self.size(0), self.size(1), mat2.size(2)}, self.dtype(),
                         {&self, &mat2}))
    return assign_out(out, bmm(self, mat2));
  bmm_into(out, self, mat2, 0, 1);
  out.bump_version();
  return out;
}

Tensor dot(const Tensor& self, const Tensor& other) {
  WICK_CHECK(self.dim() == 1 && other.dim() == 1, "1D tensors expected, but got ", self.dim(),
             "D and ", other.dim(), "D tensors");
  WICK_CHECK(self.dtype() == other.dtype(),
             "dot : expected both vectors to have same dtype, but found ", self.dtype(), " and ",
             other.dtype());
  WICK_CHECK(self.size(0) == other.size(0), "inconsistent tensor size, expected tensor [",
             self.size(0), "] and src [", other.size(0),
             "] to have the same number of elements, but got ", self.size(0), " and ",
             other.size(0), " elements respectively");
  WICK_CHECK(self.dtype() != kBool, "\"dot\" not implemented for 'Bool'");
  return product_with_grad("DotBackward0", self, other, [&] {
    const int64_t n = self.size(0);
    Tensor result = empty({}, self.options());
    Tensor a = make_view(self, {1, 1, n}, {0, n, self.stride(0)}, self.storage_offset());
    Tensor b = make_view(other, {1, n, 1}, {0, other.stride(0), 1}, other.storage_offset());
    bmm_into(make_view(result, {1, 1, 1}, {1, 1, 1}, 0), a, b, 0, 1);
    return result;
  });
}
Tensor& dot_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("dot", out, self, other);
  return assign_out(out, dot(self, other));
}
Tensor vdot(const Tensor& self, const Tensor& other) {
  return product_with_grad("VdotBackward0", self, other, [&] { return dot(self, other); });
}
Tensor& vdot_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("vdot", out, self, other);
  return assign_out(out, vdot(self, other));
}

Tensor mv(const Tensor& self, const Tensor& vec) {
  return product_with_grad("MvBackward0", self, vec,
                           [&] { return mv_impl(Tensor(), self, vec, 0, 1); });
}
Tensor& mv_out(Tensor& out, const Tensor& self, const Tensor& vec) {
  autograd::check_out_no_grad("mv", out, self, vec);
  return assign_out(out, mv(self, vec));
}

namespace {
Tensor matmul_nd(const Tensor& a, const Tensor& b);
}  // namespace

Tensor matmul(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  WICK_CHECK(da > 0 && db > 0, "both arguments to matmul need to be at least 1D, but they are ",
             da, "D and ", db, "D");
  if (da == 1 && db == 1) return dot(a, b);
  if (da == 2 && db == 1) return mv(a, b);
  if (da == 2 && db == 2) return mm(a, b);
  // PyTorch's names for the composite's last node.
  return product_with_grad(da == 1 && db == 2 ? "SqueezeBackward1" : "UnsafeViewBackward0", a, b,
                           [&] { return matmul_nd(a, b); });
}

namespace {
// The matmul cases that are not one plain product.
Tensor matmul_nd(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  if (da == 1 && db == 2) {
    Tensor r = mm(unsqueeze_view(a, 0), b);
    return make_view(r, {r.size(1)}, {1}, 0);
  }
  if (da >= 3 && (db == 1 || db == 2)) {
    // Fold the batch into the rows of one matrix product.
    DimVector out_shape(a.sizes().begin(), a.sizes().end() - 1);
    int64_t rows = 1;
    for (int64_t d = 0; d < da - 1; ++d) rows *= a.size(d);
    Tensor a2 = merge_groups(a, {da - 1, 1});
    Tensor r = db == 1 ? mv(a2, b) : mm(a2, b);
    if (db == 2) out_shape.push_back(b.size(1));
    return reshape_any(r, out_shape);
  }
  // General case: broadcast batch dims, one batched product.
  Tensor a3 = da == 1 ? unsqueeze_view(a, 0) : a;
  Tensor b3 = db == 1 ? unsqueeze_view(b, 1) : b;
  const int64_t n = a3.size(-2), k = a3.size(-1), k2 = b3.size(-2), p = b3.size(-1);
  IntArrayRef batch_a(a3.sizes().data(), a3.dim() - 2), batch_b(b3.sizes().data(), b3.dim() - 2);
  DimVector batch = infer_size(batch_a, batch_b);
  check_same_dtype(a, b);
  check_matmul_dtype(a.dtype());
  int64_t nbatch = 1;
  for (auto s : batch) nbatch *= s;
  DimVector ea(batch.begin(), batch.end()), eb(batch.begin(), batch.end());
  ea.push_back(n);
  ea.push_back(k);
  eb.push_back(k2);
  eb.push_back(p);
  Tensor af = fold_batch(expand_view(a3, ea)), bf = fold_batch(expand_view(b3, eb));
  WICK_CHECK(k == k2, "Expected size for first two dimensions of batch2 tensor to be: [", nbatch,
             ", ", k, "] but got: [", nbatch, ", ", k2, "].");
  Tensor result = empty({nbatch, n, p}, a.options());
  bmm_into(result, af, bf, 0, 1);
  DimVector out_shape(batch.begin(), batch.end());
  if (da > 1) out_shape.push_back(n);
  if (db > 1) out_shape.push_back(p);
  return make_view(result, out_shape, row_major_strides(out_shape), 0);
}
}  // namespace
Tensor& matmul_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("mm", out, self, other);
  return assign_out(out, matmul(self, other));
}

Tensor inner(const Tensor& self, const Tensor& other) {
  if (self.dim() == 0 || other.dim() == 0)
    return autograd::compute_requires_grad(self, other) ? self * other : mul_broadcast(self, other);
  WICK_CHECK(self.size(-1) == other.size(-1),
             "inner() the last dimension must match on both input tensors but got shapes ",
             self.sizes(), " and ", other.sizes());
  return tensordot(self, other, {-1}, {-1});
}
Tensor& inner_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("inner", out, self, other);
  return assign_out(out, inner(self, other));
}

Tensor outer(const Tensor& self, const Tensor& vec2) {
  // PyTorch's composite: self[:, None] * vec2 (MulBackward0).
  if (autograd::compute_requires_grad(self, vec2) && self.dim() == 1 && vec2.dim() == 1)
    return self.unsqueeze(1) * vec2;
  return outer_impl(Tensor(), self, vec2, 0, 1, "outer");
}
Tensor& outer_out(Tensor& out, const Tensor& self, const Tensor& vec2) {
  autograd::check_out_no_grad("mul", out, self, vec2);
  return assign_out(out, outer(self, vec2));
}
Tensor ger(const Tensor& self, const Tensor& vec2) { return outer(self, vec2); }
Tensor& ger_out(Tensor& out, const Tensor& self, const Tensor& vec2) {
  autograd::check_out_no_grad("mul", out, self, vec2);
  return assign_out(out, ger(self, vec2));
}

Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
             const Scalar& alpha) {
  WICK_CHECK(mat1.dim() == 2, "mat1 must be a matrix, got ", mat1.dim(), "-D tensor");
  WICK_CHECK(mat2.dim() == 2, "mat2 must be a matrix, got ", mat2.dim(), "-D tensor");
  WICK_CHECK(mat1.size(1) == mat2.size(0), "mat1 and mat2 shapes cannot be multiplied (",
             mat1.size(0), "x", mat1.size(1), " and ", mat2.size(0), "x", mat2.size(1), ")");
  check_mm_dtypes(mat1, mat2);
  WICK_CHECK(self.dtype() == mat1.dtype(), "self and mat2 must have the same dtype, but got ",
             self.dtype(), " and ", mat2.dtype());
  if (!autograd::compute_requires_grad(self, mat1, mat2))
    return addmm_impl(self, mat1, mat2, beta, alpha);
  Tensor out;
  {
    NoGradGuard no_grad;
    out = addmm_impl(self, mat1, mat2, beta, alpha);
  }
  if (FormulaNode* node = autograd::record("AddmmBackward0", addmm_backward, {self, mat1, mat2}, {out}))
    node->save(mat1)->save(mat2)->keep(beta)->keep(alpha);
  return out;
}
Tensor& addmm_out(Tensor& out, const Tensor& self, const Tensor& mat1, const Tensor& mat2,
                  const Scalar& beta, const Scalar& alpha) {
  autograd::check_out_no_grad("addmm", out, self, mat1, mat2);
  return assign_out(out, addmm(self, mat1, mat2, beta, alpha));
}
Tensor& addmm_(Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
               const Scalar& alpha) {
  if (!autograd::compute_requires_grad(self, mat1, mat2) && mat1.dim() == 2 && mat2.dim() == 2 && self.dim() == 2 && self.is_contiguous() &&
      self.size(0) == mat1.size(0) && self.size(1) == mat2.size(1) &&
      !shares_storage(self, mat1) && !shares_storage(self, mat2)) {
    check_mm_shapes(mat1, mat2);
    check_same_dtype(self, mat1);
    check_matmul_dtype(self.dtype());
    check_int_scalars(self.dtype(), beta, alpha);
    const bool use_self = !(beta.toDouble() == 0.0 && !beta.isBoolean());
    bmm_into(as3d(self), as3d(mat1), as3d(mat2), use_self ? beta : Scalar(0), alpha);
    self.bump_version();
    return self;
  }
  if (autograd::compute_requires_grad(self, mat1, mat2)) autograd::impl::check_inplace(self);
  Tensor r = addmm(self, mat1, mat2, beta, alpha);
  WICK_CHECK(r.sizes().equals(self.sizes()), "The input tensor of addmm_ must have shape ",
             r.sizes(), ", but got ", self.sizes());
  self.copy_(r);
  return self;
}

Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
               const Scalar& beta, const Scalar& alpha) {
  check_bmm(batch1, batch2);
  check_same_dtype(self, batch1);
  check_int_scalars(self.dtype(), beta, alpha);
  return addprod_with_grad("BaddbmmBackward0", addprod_backward, self, batch1, batch2, beta, alpha,
                           false, [&] {
  const int64_t B = batch1.size(0), m = batch1.size(1), n = batch2.size(2);
  Tensor result = empty({B, m, n}, batch1.options());
  Tensor e = expand_view(self, {B, m, n});
  const bool use_self = beta.toDouble() != 0.0;
  if (use_self) result.copy_(e);
  bmm_into(result, batch1, batch2, use_self ? beta : Scalar(0), alpha);
  return result;
  });
}
Tensor& baddbmm_out(Tensor& out, const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                    const Scalar& beta, const Scalar& alpha) {
  autograd::check_out_no_grad("baddbmm", out, self, batch1, batch2);
  return assign_out(out, baddbmm(self, batch1, batch2, beta, alpha));
}
Tensor& baddbmm_(Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta,
                 const Scalar& alpha) {
  if (autograd::compute_requires_grad(self, batch1, batch2)) {
    autograd::impl::check_inplace(self);
    Tensor r = baddbmm(self, batch1, batch2, beta, alpha);
    WICK_CHECK(r.sizes().equals(self.sizes()), "The input tensor of baddbmm_ must have shape ",
               r.sizes(), ", but got ", self.sizes());
    return self.copy_(r);
  }
  if (batch1.dim() == 3 && batch2.dim() == 3 && self.dim() == 3 && self.is_contiguous() &&
      self.size(0) == batch1.size(0) && self.size(1) == batch1.size(1) &&
      self.size(2) == batch2.size(2) && !shares_storage(self, batch1) &&
      !shares_storage(self, batch2)) {
    check_bmm(batch1, batch2);
    check_same_dtype(self, batch1);
    check_int_scalars(self.dtype(), beta, alpha);
    bmm_into(self, batch1, batch2, beta.toDouble() != 0.0 ? beta : Scalar(0), alpha);
    self.bump_version();
    return self;
  }
  Tensor r = baddbmm(self, batch1, batch2, beta, alpha);
  WICK_CHECK(r.sizes().equals(self.sizes()), "The input tensor of baddbmm_ must have shape ",
             r.sizes(), ", but got ", self.sizes());
  self.copy_(r);
  return self;
}

Tensor addbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta,
              const Scalar& alpha) {
  WICK_CHECK(batch1.dim() == 3, "batch1 must be a 3D tensor");
  WICK_CHECK(batch2.dim() == 3, "batch2 must be a 3D tensor");
  WICK_CHECK(batch1.size(0) == batch2.size(0),
             "batch1 and batch2 must have same number of batches, got ", batch1.size(0),
             " and ", batch2.size(0));
  WICK_CHECK(batch1.size(2) == batch2.size(1), "Incompatible matrix sizes for bmm (",
             batch1.size(1), "x", batch1.size(2), " and ", batch2.size(1), "x", batch2.size(2),
             ")");
  check_same_dtype(batch1, batch2);
  check_same_dtype(self, batch1);
  // Sum over batches == one product of [m, B*k] by [B*k, n].
  const int64_t B = batch1.size(0), m = batch1.size(1), k = batch1.size(2);
  return addprod_with_grad("AddbmmBackward0", addprod_backward, self, batch1, batch2, beta, alpha,
                           false, [&] {
    Tensor a = reshape_any(permute_view(batch1, {1, 0, 2}), {m, B * k});
    Tensor b = reshape_any(batch2, {B * k, batch2.size(2)});
    return addmm_impl(self, a, b, beta, alpha);
  });
}
Tensor& addbmm_out(Tensor& out, const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                   const Scalar& beta, const Scalar& alpha) {
  autograd::check_out_no_grad("addbmm", out, self, batch1, batch2);
  return assign_out(out, addbmm(self, batch1, batch2, beta, alpha));
}

Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta,
             const Scalar& alpha) {
  check_same_dtype(self, mat);
  return addprod_with_grad("AddmvBackward0", addprod_backward, self, mat, vec, beta, alpha, true,
                           [&] { return mv_impl(self, mat, vec, beta, alpha); });
}
Tensor& addmv_out(Tensor& out, const Tensor& self, const Tensor& mat, const Tensor& vec,
                  const Scalar& beta, const Scalar& alpha) {
  autograd::check_out_no_grad("addmv", out, self, mat, vec);
  return assign_out(out, addmv(self, mat, vec, beta, alpha));
}

Tensor addr(const Tensor& self, const Tensor& vec1, const Tensor& vec2, const Scalar& beta,
            const Scalar& alpha) {
  WICK_CHECK(vec1.dim() == 1, "addr: Expected 1-D argument vec1, but got ", vec1.dim(), "-D");
  WICK_CHECK(vec2.dim() == 1, "addr: Expected 1-D argument vec2, but got ", vec2.dim(), "-D");
  return addprod_with_grad("AddrBackward0", addr_backward, self, vec1, vec2, beta, alpha, false,
                           [&] { return outer_impl(self, vec1, vec2, beta, alpha, "addr"); });
}
Tensor& addr_out(Tensor& out, const Tensor& self, const Tensor& vec1, const Tensor& vec2,
                 const Scalar& beta, const Scalar& alpha) {
  autograd::check_out_no_grad("addr", out, self, vec1, vec2);
  return assign_out(out, addr(self, vec1, vec2, beta, alpha));
}

}  // namespace wick

namespace wick {
// ---- Tensor methods -------------------------------------------------------------------
Tensor Tensor::mm(const Tensor& other) const { return wick::mm(*this, other); }
Tensor Tensor::bmm(const Tensor& other) const { return wick::bmm(*this, other); }
Tensor Tensor::matmul(const Tensor& other) const { return wick::matmul(*this, other); }
Tensor Tensor::mv(const Tensor& vec) const { return wick::mv(*this, vec); }
Tensor Tensor::dot(const Tensor& other) const { return wick::dot(*this, other); }
Tensor Tensor::vdot(const Tensor& other) const { return wick::vdot(*this, other); }
Tensor Tensor::inner(const Tensor& other) const { return wick::inner(*this, other); }
Tensor Tensor::outer(const Tensor& other) const { return wick::outer(*this, other); }
Tensor Tensor::ger(const Tensor& other) const { return wick::ger(*this, other); }
Tensor Tensor::addmm(const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
                     const Scalar& alpha) const {
  return wick::addmm(*this, mat1, mat2, beta, alpha);
}
Tensor& Tensor::addmm_(const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
                       const Scalar& alpha) {
  return wick::addmm_(*this, mat1, mat2, beta, alpha);
}
Tensor Tensor::addbmm(const Tensor& b1, const Tensor& b2, const Scalar& beta,
                      const Scalar& alpha) const {
  return wick::addbmm(*this, b1, b2, beta, alpha);
}
Tensor Tensor::baddbmm(const Tensor& b1, const Tensor& b2, const Scalar& beta,
                       const Scalar& alpha) const {
  return wick::baddbmm(*this, b1, b2, beta, alpha);
}
Tensor& Tensor::baddbmm_(const Tensor& b1, const Tensor& b2, const Scalar& beta,
                         const Scalar& alpha) {
  return wick::baddbmm_(*this, b1, b2, beta, alpha);
}
Tensor Tensor::addmv(const Tensor& mat, const Tensor& vec, const Scalar& beta,
                     const Scalar& alpha) const {
  return wick::addmv(*this, mat, vec, beta, alpha);
}
Tensor Tensor::addr(const Tensor& vec1, const Tensor& vec2, const Scalar& beta,
                    const Scalar& alpha) const {
  return wick::addr(*this, vec1, vec2, beta, alpha);
}
Tensor Tensor::kron(const Tensor& other) const { return wick::kron(*this, other); }
Tensor Tensor::cross(const Tensor& other, std::optional<int64_t> dim) const {
  return wick::cross(*this, other, dim);
}
Tensor Tensor::trace() const { return wick::trace(*this); }
Tensor Tensor::diag(int64_t diagonal) const { return wick::diag(*this, diagonal); }
Tensor Tensor::diag_embed(int64_t offset, int64_t dim1, int64_t dim2) const {
  return wick::diag_embed(*this, offset, dim1, dim2);
}
Tensor Tensor::tril(int64_t diagonal) const { return wick::tril(*this, diagonal); }
Tensor Tensor::triu(int64_t diagonal) const { return wick::triu(*this, diagonal); }
Tensor& Tensor::tril_(int64_t diagonal) { return wick::tril_(*this, diagonal); }
Tensor& Tensor::triu_(int64_t diagonal) { return wick::triu_(*this, diagonal); }
Tensor Tensor::det() const { return wick::det(*this); }
Tensor Tensor::inverse() const { return wick::inverse(*this); }
Tensor Tensor::pinverse(double rcond) const { return wick::pinverse(*this, rcond); }
Tensor Tensor::matrix_power(int64_t n) const { return wick::matrix_power(*this, n); }
Tensor Tensor::cholesky(bool upper) const { return wick::cholesky(*this, upper); }
}  // namespace wick

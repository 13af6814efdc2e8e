#pragma once
// The index family: advanced indexing (index / index_put_ with one optional
// index tensor per dim, ATen's index.Tensor), gather/scatter along a dim,
// index_select/add/copy/fill, masked ops, nonzero, take/put. Shapes, dtypes,
// validation and messages follow PyTorch; results are fresh tensors unless
// the name ends in `_` (in place) or `_out` (written into `out`, resized).
#include <optional>
#include <string>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- advanced indexing --------------------------------------------------------
// indices[i] indexes dim i of self (nullopt: the whole dim). Bool/uint8 masks
// expand to their nonzero() coordinates and cover mask.dim() dims. The index
// tensors broadcast together; when they sit next to each other the result dims
// replace them in place, otherwise they go first (numpy's rule).
Tensor index(const Tensor& self, const std::vector<std::optional<Tensor>>& indices);
// self[indices] = values: values broadcast to the indexing result and must
// have self's dtype; accumulate=true sums duplicates instead of picking one.
Tensor& index_put_(Tensor& self, const std::vector<std::optional<Tensor>>& indices,
                   const Tensor& values, bool accumulate = false);
Tensor index_put(const Tensor& self, const std::vector<std::optional<Tensor>>& indices,
                 const Tensor& values, bool accumulate = false);

// ---- gather / scatter -----------------------------------------------------------
// out[i][j][k] = self[index[i][j][k]][j][k] (dim 0), shape of index; int64 index.
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool sparse_grad = false);
Tensor& gather_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                   bool sparse_grad = false);
// self[index[i][j]][j] = src[i][j] (dim 0); reduce "add" or "multiply" combines instead.
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
               const std::string& reduce);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
               const std::string& reduce);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                 const std::string& reduce);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                 const std::string& reduce);
Tensor& scatter_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                    const Tensor& src);
Tensor& scatter_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                    const Scalar& value);
Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_add_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                        const Tensor& src);
// reduce: "sum", "prod", "mean", "amax", "amin". include_self=false leaves self's
// values out of the reduction at the positions that receive a scatter.
// Integer "mean" rounds down (floor division), as PyTorch.
Tensor scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      const std::string& reduce, bool include_self = true);
Tensor& scatter_reduce_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                        const std::string& reduce, bool include_self = true);
Tensor& scatter_reduce_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                           const Tensor& src, const std::string& reduce,
                           bool include_self = true);

// ---- index_* along one dim ------------------------------------------------------
// Slices of self along dim at the (int32/int64, 0-d or 1-d) index.
Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index);
Tensor& index_select_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index);
// self[..., index[i], ...] += alpha * source[..., i, ...]
Tensor index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha = 1);
Tensor& index_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha = 1);
Tensor& index_add_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                      const Tensor& source, const Scalar& alpha = 1);
// self[..., index[i], ...] = source[..., i, ...]
Tensor index_copy(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source);
Tensor& index_copy_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source);
Tensor& index_copy_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                       const Tensor& source);
// self[..., index[i], ...] = value (negative indices wrap)
Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value);
Tensor& index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor& index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& value);

// ---- masks ------------------------------------------------------------------------
// The elements of self (broadcast with mask) where mask is true, as a 1-d tensor.
Tensor masked_select(const Tensor& self, const Tensor& mask);
Tensor& masked_select_out(Tensor& out, const Tensor& self, const Tensor& mask);
// value where mask is true; out-of-place broadcasts self with mask, in place the
// mask must broadcast to self. A tensor value must be 0-dim.
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value);
Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Scalar& value);
Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Tensor& value);
// Copies source's elements (row-major) into the positions where mask is true.
Tensor masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source);
Tensor& masked_scatter_(Tensor& self, const Tensor& mask, const Tensor& source);

// ---- nonzero ------------------------------------------------------------------------
// [n, self.dim()] int64 coordinates of the nonzero elements, row-major order.
Tensor nonzero(const Tensor& self);
Tensor& nonzero_out(Tensor& out, const Tensor& self);
// nonzero(as_tuple=True): one 1-d tensor per dim (a 0-dim self counts as 1-d).
std::vector<Tensor> nonzero_numpy(const Tensor& self);
Tensor argwhere(const Tensor& self);
// torch.where(condition): nonzero_numpy(condition).
std::vector<Tensor> where(const Tensor& condition);

// ---- take / put ----------------------------------------------------------------------
// self viewed as 1-d (row-major), read at index; result has index's shape.
Tensor take(const Tensor& self, const Tensor& index);
Tensor& take_out(Tensor& out, const Tensor& self, const Tensor& index);
Tensor& put_(Tensor& self, const Tensor& index, const Tensor& source, bool accumulate = false);
Tensor put(const Tensor& self, const Tensor& index, const Tensor& source,
           bool accumulate = false);

}  // namespace wick

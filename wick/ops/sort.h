#pragma once
// Sorting and searching: sort/argsort/msort, topk, kthvalue, median, nanmedian,
// mode, unique, unique_consecutive, searchsorted, bucketize, bincount, histc.
// Semantics, result dtypes and error messages follow PyTorch. Floating NaN
// sorts as the largest value; sort is always stable (ties keep input order).
#include <optional>
#include <string>
#include <tuple>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- sort -------------------------------------------------------------------
// (values, int64 indices) along `dim`. Ties keep their input order whether or
// not `stable` is set (PyTorch's CPU sort is stable too).
std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim = -1, bool descending = false);
std::tuple<Tensor, Tensor> sort(const Tensor& self, std::optional<bool> stable, int64_t dim = -1,
                                bool descending = false);
std::tuple<Tensor&, Tensor&> sort_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t dim = -1, bool descending = false);
std::tuple<Tensor&, Tensor&> sort_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      std::optional<bool> stable, int64_t dim = -1,
                                      bool descending = false);
Tensor argsort(const Tensor& self, int64_t dim = -1, bool descending = false, bool stable = false);
Tensor argsort(const Tensor& self, bool stable, int64_t dim, bool descending = false);
// Sorted along dim 0 (values only).
Tensor msort(const Tensor& self);
Tensor& msort_out(Tensor& out, const Tensor& self);

// ---- selection ----------------------------------------------------------------
// The k largest (or smallest) entries along dim; sorted=false leaves them in
// an unspecified order. NaN counts as the largest value.
std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim = -1,
                                bool largest = true, bool sorted = true);
std::tuple<Tensor&, Tensor&> topk_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t k, int64_t dim = -1, bool largest = true,
                                      bool sorted = true);
// The k-th smallest entry (1-based) along dim and its index.
std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim = -1,
                                    bool keepdim = false);
std::tuple<Tensor&, Tensor&> kthvalue_out(Tensor& values, Tensor& indices, const Tensor& self,
                                          int64_t k, int64_t dim = -1, bool keepdim = false);
// Lower median of all elements (0-dim); NaN when any element is NaN.
Tensor median(const Tensor& self);
std::tuple<Tensor, Tensor> median(const Tensor& self, int64_t dim, bool keepdim = false);
std::tuple<Tensor&, Tensor&> median_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim, bool keepdim = false);
// Lower median ignoring NaN (NaN only when every element is NaN).
Tensor nanmedian(const Tensor& self);
std::tuple<Tensor, Tensor> nanmedian(const Tensor& self, int64_t dim, bool keepdim = false);
std::tuple<Tensor&, Tensor&> nanmedian_out(Tensor& values, Tensor& indices, const Tensor& self,
                                           int64_t dim, bool keepdim = false);
// Most frequent value along dim (the smallest one among equally frequent values).
std::tuple<Tensor, Tensor> mode(const Tensor& self, int64_t dim = -1, bool keepdim = false);
std::tuple<Tensor&, Tensor&> mode_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t dim = -1, bool keepdim = false);

// ---- unique -------------------------------------------------------------------
// torch.unique: (sorted unique values, inverse indices, counts). Inverse and
// counts are empty int64 tensors unless requested. Results are always sorted.
// With `dim`, unique slices along that dim are returned.
std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& self, bool sorted = true,
                                          bool return_inverse = false,
                                          bool return_counts = false,
                                          std::optional<int64_t> dim = std::nullopt);
// ATen's spellings of the same op.
std::tuple<Tensor, Tensor, Tensor> _unique2(const Tensor& self, bool sorted = true,
                                            bool return_inverse = false,
                                            bool return_counts = false);
std::tuple<Tensor, Tensor, Tensor> unique_dim(const Tensor& self, int64_t dim, bool sorted = true,
                                              bool return_inverse = false,
                                              bool return_counts = false);
// Collapses runs of equal consecutive elements (or slices along `dim`).
std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& self,
                                                      bool return_inverse = false,
                                                      bool return_counts = false,
                                                      std::optional<int64_t> dim = std::nullopt);

// ---- searching ----------------------------------------------------------------
// Indices where `self` would be inserted into the innermost dim of
// sorted_sequence to keep it sorted. sorted_sequence is 1-d or has the leading
// dims of self; side is "left" or "right" (right=true means "right"); sorter
// (int64) sorts an unsorted sequence. int32 result when out_int32.
Tensor searchsorted(const Tensor& sorted_sequence, const Tensor& self, bool out_int32 = false,
                    bool right = false, std::optional<std::string> side = std::nullopt,
                    const std::optional<Tensor>& sorter = std::nullopt);
Tensor searchsorted(const Tensor& sorted_sequence, const Scalar& self, bool out_int32 = false,
                    bool right = false, std::optional<std::string> side = std::nullopt,
                    const std::optional<Tensor>& sorter = std::nullopt);
Tensor& searchsorted_out(Tensor& out, const Tensor& sorted_sequence, const Tensor& self,
                         bool out_int32 = false, bool right = false,
                         std::optional<std::string> side = std::nullopt,
                         const std::optional<Tensor>& sorter = std::nullopt);
// Bucket index of each element of self in the 1-d sorted `boundaries`.
Tensor bucketize(const Tensor& self, const Tensor& boundaries, bool out_int32 = false,
                 bool right = false);
Tensor bucketize(const Scalar& self, const Tensor& boundaries, bool out_int32 = false,
                 bool right = false);
Tensor& bucketize_out(Tensor& out, const Tensor& self, const Tensor& boundaries,
                      bool out_int32 = false, bool right = false);

// ---- counting -----------------------------------------------------------------
// Occurrences of each value of a 1-d non-negative integer tensor (int64), or
// the sum of `weights` per value (float for float weights, else double).
Tensor bincount(const Tensor& self, const std::optional<Tensor>& weights = std::nullopt,
                int64_t minlength = 0);
// Histogram with `bins` equal bins over [min, max] (the data's range when
// min == max). Elements outside are ignored; max falls in the last bin.
Tensor histc(const Tensor& self, int64_t bins = 100, const Scalar& min = 0, const Scalar& max = 0);
Tensor& histc_out(Tensor& out, const Tensor& self, int64_t bins = 100, const Scalar& min = 0,
                  const Scalar& max = 0);

}  // namespace wick

#pragma once
// Reductions (sum, mean, prod, max/min, arg-reductions, all/any, var/std,
// norms, logsumexp, count_nonzero) and scans (cumsum, cumprod, cummax, cummin,
// logcumsumexp). Signatures, defaults, result dtypes and error messages follow
// LibTorch. An empty `dim` list means every dim. Integer and bool inputs sum
// (and prod, cumsum, cumprod) to int64 unless `dtype` says otherwise; `dtype`
// casts the input before reducing. median/nanmedian/mode live in sort.h.
#include <optional>
#include <tuple>
#include <type_traits>

#include "wick/tensor/tensor.h"

namespace wick {

Tensor sum(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim = false,
           std::optional<ScalarType> dtype = std::nullopt);
// The out tensor's dtype is the reduction dtype when `dtype` is not given.
Tensor& sum_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim = false,
                std::optional<ScalarType> dtype = std::nullopt);
// NaN counted as zero.
Tensor nansum(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false,
              std::optional<ScalarType> dtype = std::nullopt);
Tensor& nansum_out(Tensor& out, const Tensor& self, IntArrayRef dim = {}, bool keepdim = false,
                   std::optional<ScalarType> dtype = std::nullopt);
// Floating inputs only (or a floating `dtype`).
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
Tensor& mean_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim = false,
                 std::optional<ScalarType> dtype = std::nullopt);
// Mean of the non-NaN elements.
Tensor nanmean(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false,
               std::optional<ScalarType> dtype = std::nullopt);
Tensor& nanmean_out(Tensor& out, const Tensor& self, IntArrayRef dim = {}, bool keepdim = false,
                    std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& self, int64_t dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
Tensor& prod_out(Tensor& out, const Tensor& self, int64_t dim, bool keepdim = false,
                 std::optional<ScalarType> dtype = std::nullopt);

// max/min of everything (0-dim), or (values, indices) along dim; NaN wins and
// the first index is reported on ties. max(self, other) is maximum().
Tensor max(const Tensor& self);
std::tuple<Tensor, Tensor> max(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor max(const Tensor& self, const Tensor& other);
std::tuple<Tensor&, Tensor&> max_out(Tensor& max, Tensor& max_indices, const Tensor& self,
                                     int64_t dim, bool keepdim = false);
Tensor& max_out(Tensor& out, const Tensor& self, const Tensor& other);
Tensor min(const Tensor& self);
std::tuple<Tensor, Tensor> min(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor min(const Tensor& self, const Tensor& other);
std::tuple<Tensor&, Tensor&> min_out(Tensor& min, Tensor& min_indices, const Tensor& self,
                                     int64_t dim, bool keepdim = false);
Tensor& min_out(Tensor& out, const Tensor& self, const Tensor& other);
Tensor amax(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);
Tensor& amax_out(Tensor& out, const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);
Tensor amin(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);
Tensor& amin_out(Tensor& out, const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);
// (min, max)
std::tuple<Tensor, Tensor> aminmax(const Tensor& self, std::optional<int64_t> dim = std::nullopt,
                                   bool keepdim = false);
std::tuple<Tensor&, Tensor&> aminmax_out(Tensor& min, Tensor& max, const Tensor& self,
                                         std::optional<int64_t> dim = std::nullopt,
                                         bool keepdim = false);
// Index into the flattened input when dim is not given.
Tensor argmax(const Tensor& self, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor& argmax_out(Tensor& out, const Tensor& self, std::optional<int64_t> dim = std::nullopt,
                   bool keepdim = false);
Tensor argmin(const Tensor& self, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor& argmin_out(Tensor& out, const Tensor& self, std::optional<int64_t> dim = std::nullopt,
                   bool keepdim = false);

// Bool results (uint8 for a uint8 input, as PyTorch).
Tensor all(const Tensor& self);
Tensor all(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor& all_out(Tensor& out, const Tensor& self);
Tensor& all_out(Tensor& out, const Tensor& self, int64_t dim, bool keepdim = false);
Tensor any(const Tensor& self);
Tensor any(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor& any_out(Tensor& out, const Tensor& self);
Tensor& any_out(Tensor& out, const Tensor& self, int64_t dim, bool keepdim = false);

// Divisor N - correction (clamped at 0); correction nullopt means 1.
Tensor std(const Tensor& self, OptionalIntArrayRef dim = std::nullopt,
           std::optional<double> correction = 1, bool keepdim = false);
Tensor& std_out(Tensor& out, const Tensor& self, OptionalIntArrayRef dim = std::nullopt,
                std::optional<double> correction = 1, bool keepdim = false);
Tensor var(const Tensor& self, OptionalIntArrayRef dim = std::nullopt,
           std::optional<double> correction = 1, bool keepdim = false);
Tensor& var_out(Tensor& out, const Tensor& self, OptionalIntArrayRef dim = std::nullopt,
                std::optional<double> correction = 1, bool keepdim = false);
// (std, mean) and (var, mean)
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, OptionalIntArrayRef dim = std::nullopt,
                                    std::optional<double> correction = 1, bool keepdim = false);
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, OptionalIntArrayRef dim = std::nullopt,
                                    std::optional<double> correction = 1, bool keepdim = false);

// The `unbiased` overloads take exactly a bool, so std(x, {1}) and std(x, {0}, 2)
// keep meaning dims and correction (an int or a braced list never binds here).
template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
Tensor std(const Tensor& self, B unbiased) {
  return wick::std(self, std::nullopt, unbiased ? 1.0 : 0.0, false);
}
template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
Tensor std(const Tensor& self, IntArrayRef dim, B unbiased, bool keepdim = false) {
  return wick::std(self, OptionalIntArrayRef(dim), unbiased ? 1.0 : 0.0, keepdim);
}
template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
Tensor var(const Tensor& self, B unbiased) {
  return wick::var(self, std::nullopt, unbiased ? 1.0 : 0.0, false);
}
template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
Tensor var(const Tensor& self, IntArrayRef dim, B unbiased, bool keepdim = false) {
  return wick::var(self, OptionalIntArrayRef(dim), unbiased ? 1.0 : 0.0, keepdim);
}
template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, B unbiased) {
  return wick::std_mean(self, std::nullopt, unbiased ? 1.0 : 0.0, false);
}
template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, B unbiased) {
  return wick::var_mean(self, std::nullopt, unbiased ? 1.0 : 0.0, false);
}

// p-norm of the flattened input or over dim: p = 2, 1, inf, -inf, 0 (count of
// non-zeros) or any other value ((sum |x|^p)^(1/p)). Floating inputs only.
Tensor norm(const Tensor& self, const Scalar& p = 2);
Tensor norm(const Tensor& self, std::optional<Scalar> p, IntArrayRef dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
Tensor& norm_out(Tensor& out, const Tensor& self, std::optional<Scalar> p, IntArrayRef dim,
                 bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt);
// norm(self - other, p)
Tensor dist(const Tensor& self, const Tensor& other, const Scalar& p = 2);

// log(sum(exp(x))) computed stably; integer inputs give the default float dtype.
Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim = false);
Tensor& logsumexp_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim = false);

// Number of non-zero elements, int64.
Tensor count_nonzero(const Tensor& self, OptionalIntArrayRef dim = std::nullopt);
Tensor count_nonzero(const Tensor& self, int64_t dim);

// ---- scans along one dim ------------------------------------------------------
Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor& cumsum_(Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor& cumsum_out(Tensor& out, const Tensor& self, int64_t dim,
                   std::optional<ScalarType> dtype = std::nullopt);
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor& cumprod_(Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor& cumprod_out(Tensor& out, const Tensor& self, int64_t dim,
                    std::optional<ScalarType> dtype = std::nullopt);
// (values, indices): running max/min; NaN sticks; ties report the latest index.
std::tuple<Tensor, Tensor> cummax(const Tensor& self, int64_t dim);
std::tuple<Tensor&, Tensor&> cummax_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim);
std::tuple<Tensor, Tensor> cummin(const Tensor& self, int64_t dim);
std::tuple<Tensor&, Tensor&> cummin_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim);
Tensor logcumsumexp(const Tensor& self, int64_t dim);
Tensor& logcumsumexp_out(Tensor& out, const Tensor& self, int64_t dim);

}  // namespace wick

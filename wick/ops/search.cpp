// The searching and counting half of the sort family (declared in sort.h):
// unique, unique_consecutive, searchsorted, bucketize, bincount, histc.
#include "wick/ops/sort.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg_internal.h"
#include "wick/ops/shape.h"
#include "wick/ops/sort_internal.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {

namespace {

using linalg_detail::cpp_type_name;
using namespace sort_detail;

// ---- unique ------------------------------------------------------------------------

Tensor empty_long() { return empty({0}, TensorOptions(kLong)); }

template <typename V>
struct NanLastLess {
  bool operator()(V a, V b) const { return a < b || (is_nan(b) && !is_nan(a)); }
};

// Integers whose range is small next to their count are tallied in a table
// indexed by value, which yields them sorted. Returns false when not applicable.
template <typename T>
bool unique_by_counting(const T* p, int64_t n, int64_t* inv, std::vector<T>& uniq,
                        std::vector<int64_t>& cnt) {
  if constexpr (std::is_integral_v<T>) {
    if (n == 0) return false;
    T lo = p[0], hi = p[0];
    for (int64_t i = 1; i < n; ++i) {
      lo = std::min(lo, p[i]);
      hi = std::max(hi, p[i]);
    }
    // hi - lo in unsigned arithmetic cannot overflow
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi)) -
                          static_cast<uint64_t>(static_cast<int64_t>(lo));
    if (span >= static_cast<uint64_t>(std::max<int64_t>(2 * n, 1 << 16))) return false;
    const uint64_t range = span + 1;
    std::vector<int64_t> table(range, 0);
    for (int64_t i = 0; i < n; ++i) ++table[static_cast<int64_t>(p[i]) - static_cast<int64_t>(lo)];
    for (uint64_t v = 0; v < range; ++v) {
      if (table[v] == 0) continue;
      uniq.push_back(static_cast<T>(static_cast<int64_t>(lo) + static_cast<int64_t>(v)));
      cnt.push_back(table[v]);
      table[v] = static_cast<int64_t>(uniq.size()) - 1;  // now the group id
    }
    if (inv)
      for (int64_t i = 0; i < n; ++i)
        inv[i] = table[static_cast<int64_t>(p[i]) - static_cast<int64_t>(lo)];
    return true;
  } else {
    return false;
  }
}

// Sorted unique of the contiguous 1-d `flat`; NaNs stay distinct (NaN != NaN).
template <typename T>
void unique_sorted_kernel(const Tensor& flat, bool want_inverse, bool want_counts,
                          Tensor& out_values, Tensor& inverse, Tensor& counts) {
  using V = cmp_t<T>;
  const int64_t n = flat.numel();
  const T* p = flat.data_ptr<T>();
  std::vector<T> uniq;
  std::vector<int64_t> cnt;
  if (unique_by_counting<T>(p, n, want_inverse ? inverse.data_ptr<int64_t>() : nullptr, uniq,
                            cnt)) {
    // done: integers over a small range
  } else if (n >= kRadixMinLen && n <= std::numeric_limits<uint32_t>::max()) {
    RadixScratch<typename RadixKey<T>::type> rs;
    std::vector<T> row;
    radix_sort_row<T>(p, 1, n, false, rs, row);
    const uint32_t* order = rs.idx.data();
    int64_t* inv = want_inverse ? inverse.data_ptr<int64_t>() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
      const T x = row[order[i]];
      if (i == 0 || !(static_cast<V>(x) == static_cast<V>(row[order[i - 1]]))) {
        uniq.push_back(x);
        cnt.push_back(0);
      }
      ++cnt.back();
      if (inv) inv[order[i]] = static_cast<int64_t>(uniq.size()) - 1;
    }
  } else if (want_inverse) {
    std::vector<std::pair<V, int64_t>> buf(n);
    for (int64_t i = 0; i < n; ++i) buf[i] = {static_cast<V>(p[i]), i};
    NanLastLess<V> lt;
    std::sort(buf.begin(), buf.end(), [&](const auto& a, const auto& b) {
      return lt(a.first, b.first) || (!lt(b.first, a.first) && a.second < b.second);
    });
    int64_t* inv = inverse.data_ptr<int64_t>();
    for (int64_t i = 0; i < n; ++i) {
      if (i == 0 || !(buf[i].first == buf[i - 1].first)) {
        uniq.push_back(p[buf[i].second]);
        cnt.push_back(0);
      }
      ++cnt.back();
      inv[buf[i].second] = static_cast<int64_t>(uniq.size()) - 1;
    }
  } else {
    std::vector<V> buf(n);
    for (int64_t i = 0; i < n; ++i) buf[i] = static_cast<V>(p[i]);
    std::sort(buf.begin(), buf.end(), NanLastLess<V>());
    for (int64_t i = 0; i < n; ++i) {
      if (i == 0 || !(buf[i] == buf[i - 1])) {
        uniq.push_back(static_cast<T>(buf[i]));
        cnt.push_back(0);
      }
      ++cnt.back();
    }
  }
  const int64_t m = static_cast<int64_t>(uniq.size());
  out_values = empty({m}, flat.options());
  std::copy(uniq.begin(), uniq.end(), out_values.data_ptr<T>());
  if (want_counts) {
    counts = empty({m}, TensorOptions(kLong));
    std::copy(cnt.begin(), cnt.end(), counts.data_ptr<int64_t>());
  }
}

// Runs of equal consecutive elements of the contiguous 1-d `flat`.
template <typename T>
void unique_consecutive_kernel(const Tensor& flat, bool want_inverse, bool want_counts,
                               Tensor& out_values, Tensor& inverse, Tensor& counts) {
  using V = cmp_t<T>;
  const int64_t n = flat.numel();
  const T* p = flat.data_ptr<T>();
  std::vector<T> uniq;
  std::vector<int64_t> cnt;
  int64_t* inv = want_inverse ? inverse.data_ptr<int64_t>() : nullptr;
  for (int64_t i = 0; i < n; ++i) {
    if (i == 0 || !(static_cast<V>(p[i]) == static_cast<V>(p[i - 1]))) {
      uniq.push_back(p[i]);
      cnt.push_back(0);
    }
    ++cnt.back();
    if (inv) inv[i] = static_cast<int64_t>(uniq.size()) - 1;
  }
  const int64_t m = static_cast<int64_t>(uniq.size());
  out_values = empty({m}, flat.options());
  std::copy(uniq.begin(), uniq.end(), out_values.data_ptr<T>());
  if (want_counts) {
    counts = empty({m}, TensorOptions(kLong));
    std::copy(cnt.begin(), cnt.end(), counts.data_ptr<int64_t>());
  }
}

// Unique slices along `dim`: the tensor is seen as [n, rest] rows with dim first.
template <typename T>
void unique_dim_kernel(const Tensor& rows2d, bool consecutive, std::vector<int64_t>& order,
                       std::vector<int64_t>& group_of, std::vector<int64_t>& firsts,
                       std::vector<int64_t>& cnt) {
  using V = cmp_t<T>;
  const int64_t n = rows2d.size(0), rest = rows2d.size(1);
  const T* p = rows2d.data_ptr<T>();
  auto row_less = [&](int64_t a, int64_t b) {
    const T* x = p + a * rest;
    const T* y = p + b * rest;
    NanLastLess<V> lt;
    for (int64_t j = 0; j < rest; ++j) {
      V u = static_cast<V>(x[j]), w = static_cast<V>(y[j]);
      if (lt(u, w)) return true;
      if (lt(w, u)) return false;
    }
    return a < b;
  };
  auto row_eq = [&](int64_t a, int64_t b) {
    const T* x = p + a * rest;
    const T* y = p + b * rest;
    for (int64_t j = 0; j < rest; ++j)
      if (!(static_cast<V>(x[j]) == static_cast<V>(y[j]))) return false;
    return true;
  };
  order.resize(n);
  for (int64_t i = 0; i < n; ++i) order[i] = i;
  if (!consecutive) std::sort(order.begin(), order.end(), row_less);
  group_of.assign(n, 0);
  for (int64_t i = 0; i < n; ++i) {
    if (i == 0 || !row_eq(order[i], order[i - 1])) {
      firsts.push_back(order[i]);
      cnt.push_back(0);
    }
    ++cnt.back();
    group_of[order[i]] = static_cast<int64_t>(firsts.size()) - 1;
  }
}

std::tuple<Tensor, Tensor, Tensor> unique_along_dim(const Tensor& self, int64_t dim,
                                                    bool consecutive, bool return_inverse,
                                                    bool return_counts) {
  dim = maybe_wrap_dim(dim, self.dim(), /*wrap_scalar=*/false);
  const int64_t n = self.size(dim);
  if (self.numel() == 0) {
    WICK_CHECK(n == 0,
               "There are 0 sized dimensions, and they aren't selected, so unique cannot be "
               "applied");
    return {empty(self.sizes(), self.options()), empty_long(), empty_long()};
  }
  Tensor moved = movedim(self, dim, 0).contiguous();
  Tensor rows2d = reshape(moved, {n, self.numel() / n});
  std::vector<int64_t> order, group_of, firsts, cnt;
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "unique_dim", [&] {
    unique_dim_kernel<scalar_t>(rows2d, consecutive, order, group_of, firsts, cnt);
  });
  const int64_t m = static_cast<int64_t>(firsts.size());
  const int64_t rest = rows2d.size(1), isz = rows2d.itemsize();
  Tensor picked = empty({m, rest}, self.options());
  const char* src = static_cast<const char*>(rows2d.data_ptr());
  char* dst = static_cast<char*>(picked.data_ptr());
  for (int64_t g = 0; g < m; ++g)
    std::memcpy(dst + g * rest * isz, src + firsts[g] * rest * isz, rest * isz);
  DimVector moved_shape = moved.sizes().vec();
  moved_shape[0] = m;
  Tensor values = movedim(reshape(picked, moved_shape), 0, dim).contiguous();
  Tensor inverse = empty_long(), counts = empty_long();
  if (return_inverse) {
    inverse = empty({n}, TensorOptions(kLong));
    std::copy(group_of.begin(), group_of.end(), inverse.data_ptr<int64_t>());
  }
  if (return_counts) {
    counts = empty({m}, TensorOptions(kLong));
    std::copy(cnt.begin(), cnt.end(), counts.data_ptr<int64_t>());
  }
  return {values, inverse, counts};
}

std::tuple<Tensor, Tensor, Tensor> unique_flat(const Tensor& self, bool consecutive,
                                               bool return_inverse, bool return_counts) {
  Tensor flat = reshape(self, {self.numel()}).contiguous();
  Tensor values, inverse = empty_long(), counts = empty_long();
  if (return_inverse) inverse = empty(self.sizes(), TensorOptions(kLong));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "unique", [&] {
    if (consecutive) {
      unique_consecutive_kernel<scalar_t>(flat, return_inverse, return_counts, values, inverse,
                                          counts);
    } else {
      unique_sorted_kernel<scalar_t>(flat, return_inverse, return_counts, values, inverse,
                                     counts);
    }
  });
  return {values, inverse, counts};
}

// ---- searchsorted ----------------------------------------------------------------------

// First position in bd[0, n) (through `sorter` when given) where val belongs:
// left keeps equal boundaries before it, right after. NaN values go last.
template <typename V, typename T>
inline int64_t search_one(const T* bd, const int64_t* sorter, int64_t n, V val, bool right) {
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    const V b = static_cast<V>(sorter ? bd[sorter[mid]] : bd[mid]);
    const bool go_right = right ? !(b > val) : !(b >= val);
    if (go_right) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

template <typename T, typename O>
void searchsorted_kernel(const Tensor& bd, const Tensor& vals, const Tensor& sorter,
                         const Tensor& out, bool right) {
  using V = cmp_t<T>;
  const int64_t blen = bd.dim() == 0 ? 1 : bd.size(-1);
  const bool one_d = bd.dim() == 1;
  const int64_t vlen = vals.dim() == 0 ? 1 : vals.size(-1);
  const int64_t total = vals.numel();
  const T* b = bd.data_ptr<T>();
  const T* v = vals.data_ptr<T>();
  const int64_t* s = sorter.defined() ? sorter.data_ptr<int64_t>() : nullptr;
  O* o = out.data_ptr<O>();
  int64_t lg = 1;
  while ((int64_t(1) << lg) < blen + 1) ++lg;
  parallel_for(0, total, std::max<int64_t>(1, kGrainSize / lg), [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t row = one_d ? 0 : i / vlen;
      o[i] = static_cast<O>(search_one<V>(b + row * blen, s ? s + row * blen : nullptr, blen,
                                          static_cast<V>(v[i]), right));
    }
  });
}

bool searchsorted_side(bool right, const std::optional<std::string>& side) {
  if (side) {
    WICK_CHECK(*side == "left" || *side == "right",
               "torch.searchsorted(): side can only be 'left' or 'right' but got ", *side);
    WICK_CHECK(!(right && *side == "left"),
               "torch.searchsorted(): side and right can't be set to opposites, got side of ",
               *side, " while right was True");
    return *side == "right";
  }
  return right;
}

void check_search_out_dtype(const Tensor& out, bool out_int32) {
  const ScalarType want = out_int32 ? kInt : kLong;
  WICK_CHECK(out.dtype() == want,
             "torch.searchsorted(): output tensor's dtype is wrong, it can only be Int(int32) or "
             "Long(int64) depending on whether out_int32 flag is True, but we got output "
             "tensor's dtype ",
             to_string(out.dtype()), " and out_int32 flag is ", out_int32 ? "True" : "False");
}

void searchsorted_checks(const Tensor& bd, const Tensor& vals, bool value_is_scalar,
                         const std::optional<Tensor>& sorter) {
  WICK_CHECK(bd.dim() != 0,
             "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 "
             "dimension");
  if (sorter && sorter->defined()) {
    const Tensor& s = *sorter;
    WICK_CHECK(s.dtype() == kLong,
               "torch.searchsorted(): sorter must be a tensor of long dtype but got dtype ",
               to_string(s.dtype()));
    WICK_CHECK(s.sizes().equals(bd.sizes()),
               "torch.searchsorted(): boundary and sorter must have the same size, but got "
               "boundary tensor ",
               bd.sizes(), "and got sorter tensor ", s.sizes());
  }
  if (value_is_scalar) {
    WICK_CHECK(bd.dim() == 1,
               "torch.searchsorted(): input value can be a scalar only when boundaries tensor "
               "dimension is 1, but we got boundaries tensor dim(",
               bd.dim(), ") and input value's dim(", vals.dim(), ") numel(", vals.numel(), ")");
    return;
  }
  if (bd.dim() != 1) {
    bool ok = bd.dim() == vals.dim() &&
              bd.sizes().slice(0, bd.dim() - 1).equals(vals.sizes().slice(0, vals.dim() - 1));
    WICK_CHECK(ok,
               "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
               "dimensions of boundaries tensor and input value tensor must match, but we got "
               "boundaries tensor ",
               bd.sizes(), " and input value tensor ", vals.sizes());
  }
}

void searchsorted_into(Tensor& out, const Tensor& sorted_sequence, const Tensor& self,
                       bool value_is_scalar, bool out_int32, bool right,
                       const std::optional<std::string>& side,
                       const std::optional<Tensor>& sorter) {
  const bool r = searchsorted_side(right, side);
  searchsorted_checks(sorted_sequence, self, value_is_scalar, sorter);
  const ScalarType ct = result_type(std::vector<Tensor>{sorted_sequence, self});
  WICK_DISPATCH_ALL_TYPES(ct, "searchsorted_out_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  Tensor srt;
  if (sorter && sorter->defined()) {
    srt = sorter->contiguous();
    const int64_t blen = sorted_sequence.size(-1);
    const int64_t* sp = srt.data_ptr<int64_t>();
    for (int64_t i = 0; i < srt.numel(); ++i)
      WICK_CHECK(sp[i] >= 0 && sp[i] < blen, "torch.searchsorted(): sorter index out of range");
  }
  Tensor bd = sorted_sequence.to(ct).contiguous();
  Tensor vals = self.to(ct).contiguous();
  const ScalarType odt = out_int32 ? kInt : kLong;
  if (out.defined()) {
    check_search_out_dtype(out, out_int32);
    resize_to(out, self.sizes());
  }
  Tensor res = out.defined() && out.is_contiguous() ? out : empty(self.sizes(), TensorOptions(odt));
  if (self.numel() > 0) {
    WICK_DISPATCH_ALL_TYPES(ct, "searchsorted_out_cpu", [&] {
      if (out_int32) {
        searchsorted_kernel<scalar_t, int32_t>(bd, vals, srt, res, r);
      } else {
        searchsorted_kernel<scalar_t, int64_t>(bd, vals, srt, res, r);
      }
    });
  }
  if (!out.defined()) {
    out = res;
  } else if (!res.is_same(out)) {
    out.copy_(res);
  }
}

void check_boundaries_1d(const Tensor& boundaries) {
  WICK_CHECK(boundaries.dim() == 1, "boundaries tensor must be 1 dimension, but got dim(",
             boundaries.dim(), ")");
}

// ---- bincount / histc ---------------------------------------------------------------------

template <typename W, typename R>
void bincount_weighted(const int64_t* x, const Tensor& weights, R* out, int64_t n) {
  const W* w = weights.data_ptr<W>();
  for (int64_t i = 0; i < n; ++i) out[x[i]] += static_cast<R>(w[i]);
}

template <typename T>
void histc_kernel(const Tensor& flat, Tensor& hist, int64_t bins, double mn_d, double mx_d) {
  using A = cmp_t<T>;
  // Each step rounds to T, as PyTorch computes the bin in the input dtype.
  const A mn = static_cast<A>(static_cast<T>(mn_d)), mx = static_cast<A>(static_cast<T>(mx_d));
  const A width = static_cast<A>(static_cast<T>(mx - mn));
  const A nb = static_cast<A>(static_cast<T>(static_cast<A>(bins)));
  const T* p = flat.data_ptr<T>();
  std::vector<int64_t> counts(bins, 0);
  for (int64_t i = 0; i < flat.numel(); ++i) {
    const A x = static_cast<A>(p[i]);
    if (!(x >= mn && x <= mx)) continue;  // also skips NaN
    const A scaled = static_cast<A>(static_cast<T>(static_cast<A>(static_cast<T>(x - mn)) * nb));
    int64_t pos = static_cast<int64_t>(static_cast<A>(static_cast<T>(scaled / width)));
    if (pos >= bins || x == mx) pos = bins - 1;
    if (pos < 0) pos = 0;
    ++counts[pos];
  }
  T* h = hist.data_ptr<T>();
  for (int64_t b = 0; b < bins; ++b) h[b] = static_cast<T>(static_cast<A>(counts[b]));
}

}  // namespace

// ---- unique --------------------------------------------------------------------------------

std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& self, bool sorted, bool return_inverse,
                                          bool return_counts, std::optional<int64_t> dim) {
  if (dim) return unique_along_dim(self, *dim, false, return_inverse, return_counts);
  return unique_flat(self, false, return_inverse, return_counts);
}

std::tuple<Tensor, Tensor, Tensor> _unique2(const Tensor& self, bool sorted, bool return_inverse,
                                            bool return_counts) {
  return unique_flat(self, false, return_inverse, return_counts);
}

std::tuple<Tensor, Tensor, Tensor> unique_dim(const Tensor& self, int64_t dim, bool sorted,
                                              bool return_inverse, bool return_counts) {
  return unique_along_dim(self, dim, false, return_inverse, return_counts);
}

std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& self, bool return_inverse,
                                                      bool return_counts,
                                                      std::optional<int64_t> dim) {
  if (dim) return unique_along_dim(self, *dim, true, return_inverse, return_counts);
  return unique_flat(self, true, return_inverse, return_counts);
}

// ---- searchsorted / bucketize ----------------------------------------------------------------

Tensor searchsorted(const Tensor& sorted_sequence, const Tensor& self, bool out_int32, bool right,
                    std::optional<std::string> side, const std::optional<Tensor>& sorter) {
  Tensor out;
  searchsorted_into(out, sorted_sequence, self, false, out_int32, right, side, sorter);
  return out;
}

Tensor searchsorted(const Tensor& sorted_sequence, const Scalar& self, bool out_int32, bool right,
                    std::optional<std::string> side, const std::optional<Tensor>& sorter) {
  Tensor out;
  searchsorted_into(out, sorted_sequence, wrapped_scalar_tensor(self), true, out_int32, right,
                    side, sorter);
  return out;
}

Tensor& searchsorted_out(Tensor& out, const Tensor& sorted_sequence, const Tensor& self,
                         bool out_int32, bool right, std::optional<std::string> side,
                         const std::optional<Tensor>& sorter) {
  check_search_out_dtype(out, out_int32);
  searchsorted_into(out, sorted_sequence, self, false, out_int32, right, side, sorter);
  return out;
}

Tensor bucketize(const Tensor& self, const Tensor& boundaries, bool out_int32, bool right) {
  check_boundaries_1d(boundaries);
  return searchsorted(boundaries, self, out_int32, right);
}

Tensor bucketize(const Scalar& self, const Tensor& boundaries, bool out_int32, bool right) {
  check_boundaries_1d(boundaries);
  return searchsorted(boundaries, self, out_int32, right);
}

Tensor& bucketize_out(Tensor& out, const Tensor& self, const Tensor& boundaries, bool out_int32,
                      bool right) {
  check_boundaries_1d(boundaries);
  return searchsorted_out(out, boundaries, self, out_int32, right);
}

// ---- bincount / histc -----------------------------------------------------------------------

Tensor bincount(const Tensor& self, const std::optional<Tensor>& weights, int64_t minlength) {
  WICK_CHECK(minlength >= 0, "minlength should be >= 0");
  WICK_DISPATCH_INTEGRAL_TYPES(self.dtype(), "bincount_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  if (self.dim() == 1 && self.numel() == 0) return zeros({minlength}, TensorOptions(kLong));
  const bool has_w = weights && weights->defined();
  Tensor x = self.dim() == 1 ? self.to(kLong).contiguous() : Tensor();
  int64_t mx = -1;
  bool ok = self.dim() == 1;
  if (ok) {
    const int64_t* p = x.data_ptr<int64_t>();
    for (int64_t i = 0; i < x.numel(); ++i) {
      if (p[i] < 0) ok = false;
      mx = std::max(mx, p[i]);
    }
  }
  WICK_CHECK(ok, "bincount only supports 1-d non-negative integral inputs.");
  if (has_w)
    WICK_CHECK(weights->dim() == 1 && weights->numel() == self.numel(),
               "weights should be 1-d and have the same length as input");
  const int64_t n = x.numel(), nbins = std::max(mx + 1, minlength);
  const int64_t* p = x.data_ptr<int64_t>();
  if (!has_w) {
    Tensor out = zeros({nbins}, TensorOptions(kLong));
    int64_t* o = out.data_ptr<int64_t>();
    for (int64_t i = 0; i < n; ++i) ++o[p[i]];
    return out;
  }
  if (weights->dtype() == kFloat) {
    Tensor w = weights->contiguous();
    Tensor out = zeros({nbins}, TensorOptions(kFloat));
    bincount_weighted<float>(p, w, out.data_ptr<float>(), n);
    return out;
  }
  Tensor w = weights->to(kDouble).contiguous();
  Tensor out = zeros({nbins}, TensorOptions(kDouble));
  bincount_weighted<double>(p, w, out.data_ptr<double>(), n);
  return out;
}

Tensor& histc_out(Tensor& out, const Tensor& self, int64_t bins, const Scalar& min,
                  const Scalar& max) {
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "histogram_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  WICK_CHECK(out.dtype() == self.dtype(),
             "torch.histogram: input tensor and hist tensor should have the same dtype, but got "
             "input ",
             cpp_type_name(self.dtype()), " and hist ", cpp_type_name(out.dtype()));
  WICK_CHECK(bins > 0, "torch.histogram(): bins must be > 0, but got ", bins,
             " for dimension 0");
  double mn = min.toDouble(), mx = max.toDouble();
  WICK_CHECK(!(mn > mx), "torch.histc: max must be larger than min");
  Tensor flat = reshape(self, {self.numel()}).contiguous();
  if (mn == mx && self.numel() > 0) {
    WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "histogram_cpu", [&] {
      using A = cmp_t<scalar_t>;
      const scalar_t* p = flat.data_ptr<scalar_t>();
      A lo = static_cast<A>(p[0]), hi = lo;
      bool nan = false;
      for (int64_t i = 0; i < flat.numel(); ++i) {
        const A v = static_cast<A>(p[i]);
        nan = nan || std::isnan(v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
      mn = nan ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(lo);
      mx = nan ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(hi);
    });
  }
  if (mn == mx) {
    mn -= 1;
    mx += 1;
  }
  WICK_CHECK(std::isfinite(mn) && std::isfinite(mx), "torch.histc: range of [", mn, ", ", mx,
             "] is not finite");
  resize_to(out, {bins});
  Tensor hist = out.is_contiguous() ? out : empty({bins}, self.options());
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "histogram_cpu", [&] {
    histc_kernel<scalar_t>(flat, hist, bins, mn, mx);
  });
  if (!hist.is_same(out)) out.copy_(hist);
  return out;
}

Tensor histc(const Tensor& self, int64_t bins, const Scalar& min, const Scalar& max) {
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "histogram_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  Tensor out = empty({0}, self.options());
  return histc_out(out, self, bins, min, max);
}

// ---- Tensor methods ---------------------------------------------------------------------

Tensor Tensor::bincount(const std::optional<Tensor>& weights, int64_t minlength) const {
  return wick::bincount(*this, weights, minlength);
}
Tensor Tensor::histc(int64_t bins, const Scalar& min, const Scalar& max) const {
  return wick::histc(*this, bins, min, max);
}

}  // namespace wick

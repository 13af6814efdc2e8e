#include "wick/ops/sort.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/autograd/formula.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/index.h"
#include "wick/ops/reduce.h"
#include "wick/ops/linalg_internal.h"
#include "wick/ops/shape.h"
#include "wick/ops/sort_internal.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {

namespace {

using linalg_detail::cpp_type_name;
using namespace sort_detail;

// Walks the 1-d slices ("rows") along `dim` of N tensors of one shape. Each
// chunk of rows gets a cursor holding every tensor's element offset of the
// current row; next() moves it to the following row.
template <size_t N>
struct RowCursor {
  std::array<int64_t, N> off{};
  DimVector idx;
  const DimVector* sizes = nullptr;
  const std::array<DimVector, N>* strides = nullptr;
  void next() {
    for (int64_t d = static_cast<int64_t>(idx.size()) - 1; d >= 0; --d) {
      if (++idx[d] < (*sizes)[d]) {
        for (size_t k = 0; k < N; ++k) off[k] += (*strides)[k][d];
        return;
      }
      for (size_t k = 0; k < N; ++k) off[k] -= ((*sizes)[d] - 1) * (*strides)[k][d];
      idx[d] = 0;
    }
  }
};

// f(begin, end, cursor) runs over rows [begin, end), possibly on several threads.
// `work_per_row` (about the element operations one row costs) sets the grain.
template <size_t N, typename F>
void for_each_row(IntArrayRef sizes, int64_t dim, const std::array<IntArrayRef, N>& strides,
                  int64_t work_per_row, const F& f) {
  DimVector osizes;
  std::array<DimVector, N> ostrides;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (static_cast<int64_t>(d) == dim) continue;
    osizes.push_back(sizes[d]);
    for (size_t k = 0; k < N; ++k) ostrides[k].push_back(strides[k][d]);
  }
  const int64_t rows = multiply_integers(osizes);
  if (rows == 0) return;
  const int64_t nd = static_cast<int64_t>(osizes.size());
  auto chunk = [&](int64_t begin, int64_t end) {
    RowCursor<N> cur;
    cur.sizes = &osizes;
    cur.strides = &ostrides;
    cur.idx.assign(nd, 0);
    int64_t r = begin;
    for (int64_t d = nd - 1; d >= 0; --d) {
      cur.idx[d] = r % osizes[d];
      r /= osizes[d];
      for (size_t k = 0; k < N; ++k) cur.off[k] += cur.idx[d] * ostrides[k][d];
    }
    f(begin, end, cur);
  };
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work_per_row, 1));
  parallel_for(0, rows, grain, chunk);
}

// A 0-dim tensor seen as a 1-element 1-d view (sharing storage).
Tensor as_1d(const Tensor& t) {
  if (t.dim() > 0) return t;
  return make_view(t, {1}, {1}, t.storage_offset());
}

// A view of `out` (which has the reduced shape) with `dim` put back as size 1.
Tensor keepdim_view(const Tensor& out, const Tensor& self, int64_t dim, bool keepdim) {
  if (self.dim() == 0) return as_1d(out);
  if (keepdim) return out;
  DimVector sizes = out.sizes().vec(), strides = out.strides().vec();
  sizes.insert(sizes.begin() + dim, 1);
  strides.insert(strides.begin() + dim, 1);
  return make_view(out, sizes, strides, out.storage_offset());
}

DimVector reduced_shape(const Tensor& self, int64_t dim, bool keepdim) {
  DimVector shape = self.sizes().vec();
  if (self.dim() == 0) return shape;
  if (keepdim) {
    shape[dim] = 1;
  } else {
    shape.erase(shape.begin() + dim);
  }
  return shape;
}


// Structured-op style out= dtype check ("Expected out tensor to have dtype float, ...").
void check_out_dtype(const Tensor& out, ScalarType expected) {
  WICK_CHECK(out.dtype() == expected, "Expected out tensor to have dtype ",
             cpp_type_name(expected), ", but got ", cpp_type_name(out.dtype()), " instead");
}

int64_t work_of_sort(int64_t len) {
  int64_t lg = 1;
  while ((int64_t(1) << lg) < len) ++lg;
  return len * lg;
}

// Fills buf[0, m) with the row's non-NaN entries (value, index) in index order
// and nan_idx with the indices of its NaNs; returns m.
template <typename T, typename V = cmp_t<T>>
int64_t load_row(const T* p, int64_t stride, int64_t len, std::vector<std::pair<V, int64_t>>& buf,
                 std::vector<int64_t>& nan_idx) {
  buf.resize(len);
  nan_idx.clear();
  int64_t m = 0;
  for (int64_t i = 0; i < len; ++i) {
    V v = static_cast<V>(p[i * stride]);
    if (is_nan(v)) {
      nan_idx.push_back(i);
    } else {
      buf[m++] = {v, i};
    }
  }
  return m;
}

template <typename V>
struct Asc {
  bool operator()(const std::pair<V, int64_t>& a, const std::pair<V, int64_t>& b) const {
    return a.first < b.first || (a.first == b.first && a.second < b.second);
  }
};
template <typename V>
struct Desc {
  bool operator()(const std::pair<V, int64_t>& a, const std::pair<V, int64_t>& b) const {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  }
};

// ---- sort ----------------------------------------------------------------------

template <typename T>
void sort_kernel(const Tensor& self, const Tensor& values, const Tensor& indices, int64_t dim,
                 bool descending) {
  using V = cmp_t<T>;
  using U = typename RadixKey<T>::type;
  const int64_t len = self.size(dim);
  const T* in = self.data_ptr<T>();
  T* vo = values.data_ptr<T>();
  int64_t* io = indices.data_ptr<int64_t>();
  const int64_t si = self.stride(dim), sv = values.stride(dim), sx = indices.stride(dim);
  const bool radix = len >= radix_min_len<U>() && len <= std::numeric_limits<uint32_t>::max();
  for_each_row<3>(self.sizes(), dim, {self.strides(), values.strides(), indices.strides()},
                  radix ? len * 4 : work_of_sort(len),
                  [&](int64_t begin, int64_t end, RowCursor<3>& cur) {
    std::vector<std::pair<V, int64_t>> buf;
    std::vector<int64_t> nans;
    RadixScratch<U> rs;
    std::vector<T> row;
    std::vector<uint64_t> packed;
    for (int64_t r = begin; r < end; ++r, cur.next()) {
      T* v = vo + cur.off[1];
      int64_t* ix = io + cur.off[2];
      if (radix) {
        radix_sort_row<T>(in + cur.off[0], si, len, descending, rs, row);
        const uint32_t* order = rs.idx.data();
        for (int64_t i = 0; i < len; ++i) {
          v[i * sv] = row[order[i]];
          ix[i * sx] = order[i];
        }
        continue;
      }
      if constexpr (sizeof(U) <= 4) {
        // Short rows of types with keys up to 32 bits: sort (key << 32 | index)
        // as one integer, which is stable by construction (Note [Radix keys]).
        const U flip = descending ? static_cast<U>(~U(0)) : U(0);
        const T* p = in + cur.off[0];
        packed.resize(len);
        row.resize(len);
        for (int64_t i = 0; i < len; ++i) {
          row[i] = p[i * si];
          packed[i] = (static_cast<uint64_t>(static_cast<U>(RadixKey<T>::key(row[i]) ^ flip)) << 32) |
                      static_cast<uint64_t>(i);
        }
        std::sort(packed.begin(), packed.end());
        for (int64_t i = 0; i < len; ++i) {
          const uint32_t j = static_cast<uint32_t>(packed[i]);
          v[i * sv] = row[j];
          ix[i * sx] = j;
        }
        continue;
      }
      const int64_t m = load_row<T>(in + cur.off[0], si, len, buf, nans);
      if (descending) {
        std::sort(buf.begin(), buf.begin() + m, Desc<V>());
      } else {
        std::sort(buf.begin(), buf.begin() + m, Asc<V>());
      }
      const int64_t nn = static_cast<int64_t>(nans.size());
      const int64_t nan_at = descending ? 0 : m, num_at = descending ? nn : 0;
      for (int64_t i = 0; i < nn; ++i) {
        // Keep the NaN's own bits (sign, payload) by reading it back.
        v[(nan_at + i) * sv] = in[cur.off[0] + nans[i] * si];
        ix[(nan_at + i) * sx] = nans[i];
      }
      for (int64_t i = 0; i < m; ++i) {
        v[(num_at + i) * sv] = static_cast<T>(buf[i].first);
        ix[(num_at + i) * sx] = buf[i].second;
      }
    }
  });
}

void sort_impl(const Tensor& self_in, Tensor& values, Tensor& indices, int64_t dim,
               bool descending) {
  dim = maybe_wrap_dim(dim, self_in.dim());
  Tensor self = as_1d(self_in);
  Tensor vkd = as_1d(values), ikd = as_1d(indices);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "sort", [&] {
    sort_kernel<scalar_t>(self, vkd, ikd, dim, descending);
  });
}

// ---- topk / kthvalue / median ----------------------------------------------------------------

// The order topk ranks entries in: NaN first when largest (last otherwise),
// then by value, ties by index (Note [NaN order]).
template <typename V, bool largest>
struct TopkBetter {
  bool operator()(const std::pair<V, int64_t>& a, const std::pair<V, int64_t>& b) const {
    const bool an = is_nan(a.first), bn = is_nan(b.first);
    if (an || bn) {
      if (largest) return an && (!bn || a.second < b.second);
      return !an || (bn && a.second < b.second);
    }
    if (a.first == b.first) return a.second < b.second;
    return largest ? a.first > b.first : a.first < b.first;
  }
};

template <typename T>
void topk_kernel(const Tensor& self, const Tensor& values, const Tensor& indices, int64_t k,
                 int64_t dim, bool largest, bool sorted) {
  using V = cmp_t<T>;
  const int64_t len = self.size(dim);
  const T* in = self.data_ptr<T>();
  T* vo = values.data_ptr<T>();
  int64_t* io = indices.data_ptr<int64_t>();
  const int64_t si = self.stride(dim), sv = values.stride(dim), sx = indices.stride(dim);
  for_each_row<3>(self.sizes(), dim, {self.strides(), values.strides(), indices.strides()},
                  len * 2, [&](int64_t begin, int64_t end, RowCursor<3>& cur) {
    std::vector<std::pair<V, int64_t>> buf;
    std::vector<int64_t> nans;
    std::vector<std::pair<V, int64_t>> heap;
    for (int64_t r = begin; r < end; ++r, cur.next()) {
      const T* p = in + cur.off[0];
      T* v = vo + cur.off[1];
      int64_t* ix = io + cur.off[2];
      if (k == 1) {  // a max/min scan
        auto scan = [&](auto better) {
          std::pair<V, int64_t> best{static_cast<V>(p[0]), 0};
          for (int64_t i = 1; i < len; ++i) {
            const std::pair<V, int64_t> c{static_cast<V>(p[i * si]), i};
            if (better(c, best)) best = c;
          }
          v[0] = p[best.second * si];
          ix[0] = best.second;
        };
        if (largest) {
          scan(TopkBetter<V, true>());
        } else {
          scan(TopkBetter<V, false>());
        }
        continue;
      }
      if (k * 64 <= len) {
        // Few picks from a long row: one pass keeping the best k in a heap
        // whose front is the worst kept. A later entry beats it only when
        // strictly better, since ties go to the smaller index.
        auto run = [&](auto better, auto cand, auto beats) {
          heap.clear();
          for (int64_t i = 0; i < k; ++i) heap.push_back({static_cast<V>(p[i * si]), i});
          std::make_heap(heap.begin(), heap.end(), better);
          V t = heap.front().first;
          // Blocks with no candidate (the common case) are rejected by a
          // branch-free scan the compiler vectorises.
          constexpr int64_t B = 64;
          for (int64_t i = k; i < len; i += B) {
            const int64_t e = std::min(len, i + B);
            int any = 0;
            if (si == 1) {
              for (int64_t j = i; j < e; ++j) any |= static_cast<int>(cand(static_cast<V>(p[j]), t));
            } else {
              for (int64_t j = i; j < e; ++j)
                any |= static_cast<int>(cand(static_cast<V>(p[j * si]), t));
            }
            if (!any) continue;
            for (int64_t j = i; j < e; ++j) {
              const V x = static_cast<V>(p[j * si]);
              if (!beats(x, t)) continue;
              std::pop_heap(heap.begin(), heap.end(), better);
              heap.back() = {x, j};
              std::push_heap(heap.begin(), heap.end(), better);
              t = heap.front().first;
            }
          }
          std::sort(heap.begin(), heap.end(), better);
        };
        // cand(x, t) is true whenever beats(x, t) is (and maybe more often).
        if (largest) {
          run(TopkBetter<V, true>(), [](V x, V t) { return (x > t) | (x != x); },
              [](V x, V t) { return is_nan(x) ? !is_nan(t) : (!is_nan(t) && x > t); });
        } else {
          run(TopkBetter<V, false>(), [](V x, V t) { return (x < t) | (t != t); },
              [](V x, V t) { return !is_nan(x) && (is_nan(t) || x < t); });
        }
        for (int64_t i = 0; i < k; ++i) {
          v[i * sv] = p[heap[i].second * si];
          ix[i * sx] = heap[i].second;
        }
        continue;
      }
      const int64_t m = load_row<T>(p, si, len, buf, nans);
      const int64_t nn = static_cast<int64_t>(nans.size());
      int64_t pos = 0;
      auto put_nans = [&](int64_t count) {
        for (int64_t i = 0; i < count; ++i, ++pos) {
          v[pos * sv] = p[nans[i] * si];
          ix[pos * sx] = nans[i];
        }
      };
      // Picks the best j non-NaN entries into buf[0, j) (sorted when asked).
      auto select = [&](int64_t j, auto cmp) {
        if (j <= 0) return;
        auto b = buf.begin(), e = buf.begin() + m;
        if (j * 64 <= m) {
          std::partial_sort(b, b + j, e, cmp);
        } else {
          std::nth_element(b, b + (j - 1), e, cmp);
          if (sorted) std::sort(b, b + (j - 1), cmp);
        }
        for (int64_t i = 0; i < j; ++i, ++pos) {
          v[pos * sv] = static_cast<T>(buf[i].first);
          ix[pos * sx] = buf[i].second;
        }
      };
      if (largest) {  // NaNs first (Note [NaN order])
        const int64_t take_nan = std::min(nn, k);
        put_nans(take_nan);
        select(k - take_nan, Desc<V>());
      } else {
        const int64_t take = std::min(m, k);
        select(take, Asc<V>());
        put_nans(k - take);
      }
    }
  });
}

enum class Pick { Kth, Median, NanMedian };

// One value per row: the k-th smallest (1-based), the lower median (NaN when
// the row has one), or the lower median of the non-NaN entries.
template <typename T>
void pick_kernel(const Tensor& self, const Tensor& values, const Tensor& indices, int64_t k,
                 int64_t dim, Pick what) {
  using V = cmp_t<T>;
  const int64_t len = self.size(dim);
  const T* in = self.data_ptr<T>();
  T* vo = values.data_ptr<T>();
  int64_t* io = indices.data_ptr<int64_t>();
  const int64_t si = self.stride(dim);
  for_each_row<3>(self.sizes(), dim, {self.strides(), values.strides(), indices.strides()},
                  len * 2, [&](int64_t begin, int64_t end, RowCursor<3>& cur) {
    std::vector<std::pair<V, int64_t>> buf;
    std::vector<int64_t> nans;
    for (int64_t r = begin; r < end; ++r, cur.next()) {
      const T* p = in + cur.off[0];
      const int64_t m = load_row<T>(p, si, len, buf, nans);
      int64_t kk = k;  // 1-based rank in the order of Note [NaN order]
      if (what == Pick::Median) {
        kk = nans.empty() ? (len - 1) / 2 + 1 : m + 1;  // first NaN
      } else if (what == Pick::NanMedian) {
        kk = m > 0 ? (m - 1) / 2 + 1 : (len - 1) / 2 + 1;
      }
      int64_t index;
      if (kk <= m) {
        std::nth_element(buf.begin(), buf.begin() + (kk - 1), buf.begin() + m, Asc<V>());
        index = buf[kk - 1].second;
      } else {
        index = nans[kk - m - 1];
      }
      vo[cur.off[1]] = p[index * si];
      io[cur.off[2]] = index;
    }
  });
}

void check_nonzero_dim(const Tensor& self, int64_t dim, const char* name) {
  WICK_CHECK_T(IndexError, self.dim() == 0 || self.size(dim) > 0, name,
               "(): Expected reduction dim ", dim, " to have non-zero size.");
}

// Allocates (or checks and resizes) the values/indices of a reduction over dim
// and runs `kernel` on keepdim-shaped views of them.
template <typename K>
void run_reduction(const Tensor& self, Tensor& values, Tensor& indices, int64_t dim, bool keepdim,
                   const K& kernel) {
  DimVector shape = reduced_shape(self, dim, keepdim);
  if (!values.defined()) values = empty(shape, self.options());
  if (!indices.defined()) indices = empty(shape, TensorOptions(kLong));
  resize_to(values, shape);
  resize_to(indices, shape);
  Tensor vkd = keepdim_view(values, self, dim, keepdim);
  Tensor ikd = keepdim_view(indices, self, dim, keepdim);
  kernel(as_1d(self), vkd, ikd, self.dim() == 0 ? 0 : dim);
}

void check_median_out(const Tensor& self, const Tensor& values, const Tensor& indices,
                      const char* name) {
  WICK_CHECK(values.dtype() == self.dtype(),
             "Expected tensor for 'values' to have the same type as tensor for argument #2 "
             "'self'; but type torch.",
             to_string(values.dtype()), "Tensor does not equal torch.", to_string(self.dtype()),
             "Tensor (while checking arguments for ", name, ")");
  WICK_CHECK(indices.dtype() == kLong,
             "Expected tensor for argument #1 'indices' to have scalar type Long; but got torch.",
             to_string(indices.dtype()), "Tensor instead (while checking arguments for ", name,
             ")");
}

std::tuple<Tensor&, Tensor&> median_common(Tensor& values, Tensor& indices, const Tensor& self,
                                           int64_t dim, bool keepdim, Pick what,
                                           const char* name) {
  dim = maybe_wrap_dim(dim, self.dim());
  if (values.defined()) check_median_out(self, values, indices, name);
  check_nonzero_dim(self, dim, name);
  run_reduction(self, values, indices, dim, keepdim,
                [&](const Tensor& s, const Tensor& v, const Tensor& i, int64_t d) {
                  WICK_DISPATCH_ALL_TYPES(s.dtype(), "median_out", [&] {
                    pick_kernel<scalar_t>(s, v, i, 0, d, what);
                  });
                });
  return {values, indices};
}

// Lower median of a 1-d tensor (values only): NaN when one is present for
// median, the median of the rest for nanmedian.
template <typename T>
T median_value(const Tensor& flat, Pick what) {
  using V = cmp_t<T>;
  const int64_t n = flat.numel(), st = flat.stride(0);
  const T* p = flat.data_ptr<T>();
  std::vector<V> buf;
  buf.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    const V x = static_cast<V>(p[i * st]);
    if (is_nan(x)) {
      if (what == Pick::Median) return p[i * st];
      continue;
    }
    buf.push_back(x);
  }
  if (buf.empty()) return p[0];  // every element is NaN
  const int64_t k = (static_cast<int64_t>(buf.size()) - 1) / 2;
  std::nth_element(buf.begin(), buf.begin() + k, buf.end());
  return static_cast<T>(buf[k]);
}

Tensor median_all(const Tensor& self, Pick what) {
  WICK_DISPATCH_ALL_TYPES(self.dtype(), "median_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  if (self.numel() == 0) {
    // PyTorch fills NaN and casts it: x86 gives INT_MIN for 32/64-bit ints, 0 below.
    Scalar fill = 0;
    if (is_floating_type(self.dtype())) fill = std::numeric_limits<double>::quiet_NaN();
    if (self.dtype() == kLong) fill = std::numeric_limits<int64_t>::min();
    if (self.dtype() == kInt) fill = std::numeric_limits<int32_t>::min();
    return full({}, fill, self.options());
  }
  Tensor flat = reshape(self, {self.numel()});
  Tensor values = empty({}, self.options());
  WICK_DISPATCH_ALL_TYPES(self.dtype(), "median_cpu", [&] {
    *values.data_ptr<scalar_t>() = median_value<scalar_t>(flat, what);
  });
  return values;
}

// ---- mode ------------------------------------------------------------------------

template <typename T>
void mode_kernel(const Tensor& self, const Tensor& values, const Tensor& indices, int64_t dim) {
  using V = cmp_t<T>;
  const int64_t len = self.size(dim);
  const T* in = self.data_ptr<T>();
  T* vo = values.data_ptr<T>();
  int64_t* io = indices.data_ptr<int64_t>();
  const int64_t si = self.stride(dim);
  // Values only, NaN largest and equal to itself. On rows without NaN this is
  // plain `<`, and with the same std::sort the run picked below ends at the
  // same element PyTorch reports (the index of the last entry of the most
  // frequent value's run in sorted order).
  auto less = [](const std::pair<V, int64_t>& a, const std::pair<V, int64_t>& b) {
    return a.first < b.first || (is_nan(b.first) && !is_nan(a.first));
  };
  auto same = [](V a, V b) { return a == b || (is_nan(a) && is_nan(b)); };
  for_each_row<3>(self.sizes(), dim, {self.strides(), values.strides(), indices.strides()},
                  work_of_sort(len), [&](int64_t begin, int64_t end, RowCursor<3>& cur) {
    std::vector<std::pair<V, int64_t>> buf(len);
    for (int64_t r = begin; r < end; ++r, cur.next()) {
      const T* p = in + cur.off[0];
      for (int64_t i = 0; i < len; ++i) buf[i] = {static_cast<V>(p[i * si]), i};
      std::sort(buf.begin(), buf.end(), less);
      int64_t best = 0, best_freq = 0, run = 0;
      for (int64_t i = 0; i < len; ++i) {
        ++run;
        if (i == len - 1 || !same(buf[i].first, buf[i + 1].first)) {
          if (run > best_freq) {
            best_freq = run;
            best = i;
          }
          run = 0;
        }
      }
      const int64_t index = buf[best].second;
      vo[cur.off[1]] = p[index * si];
      io[cur.off[2]] = index;
    }
  });
}

}  // namespace

// ---- derivatives -------------------------------------------------------------------------
// The values these ops return are elements of the input picked by their
// indices, so the gradient is the incoming one scattered into zeros at those
// indices (PyTorch's value_selecting_reduction_backward). The scatter and its
// adjoint, the gather, are recorded here as a pair of nodes that are each
// other's derivative, so any order of derivative works.

namespace {
using autograd::FormulaNode;
using autograd::variable_list;

Tensor scatter_into_zeros(const Tensor& g, int64_t dim, const Tensor& idx, IntArrayRef sizes);

// gather(x, dim, idx) with the scatter as its derivative.
Tensor gather_with_grad(const Tensor& x, int64_t dim, const Tensor& idx) {
  Tensor out;
  {
    NoGradGuard no_grad;
    out = gather(x, dim, idx);
  }
  if (autograd::compute_requires_grad(x))
    if (FormulaNode* n = autograd::record(
            "GatherBackward0",
            [](FormulaNode& node, const variable_list& g) {
              return variable_list{scatter_into_zeros(g[0], node.int_at(0), node.saved(0),
                                                      node.sizes(0))};
            },
            {x}, {out}))
      n->save(idx)->keep(x.sizes())->keep_int(dim);
  return out;
}

// zeros(sizes) with g added at idx along dim, with the gather as its derivative.
Tensor scatter_into_zeros(const Tensor& g, int64_t dim, const Tensor& idx, IntArrayRef sizes) {
  Tensor out;
  {
    NoGradGuard no_grad;
    out = zeros(sizes, g.options()).scatter_add_(dim, idx, g);
  }
  if (autograd::compute_requires_grad(g))
    if (FormulaNode* n = autograd::record(
            "ScatterAddBackward0",
            [](FormulaNode& node, const variable_list& gg) {
              return variable_list{gather_with_grad(gg[0], node.int_at(0), node.saved(0))};
            },
            {g}, {out}))
      n->save(idx)->keep_int(dim);
  return out;
}

// Saved: indices; sizes(0): the input's; int 0: dim; int 1: keepdim.
variable_list select_backward(FormulaNode& n, const variable_list& grads) {
  Tensor g = grads[0], idx = n.saved(0);
  IntArrayRef sizes = n.sizes(0);
  if (sizes.empty()) return {g.reshape({})};  // a 0-dim input: the element itself
  const int64_t dim = n.int_at(0);
  if (!n.int_at(1)) {
    g = g.unsqueeze(dim);
    idx = idx.unsqueeze(dim);
  }
  return {scatter_into_zeros(g, dim, idx, sizes)};
}

// Records `name` on the values of an op that picked them at `indices` along dim.
void record_select(const char* name, const Tensor& self, const Tensor& values,
                   const Tensor& indices, int64_t dim, bool keepdim) {
  if (!autograd::compute_requires_grad(self)) return;
  if (FormulaNode* n = autograd::record(name, select_backward, {self}, {values}))
    n->save(indices)->keep(self.sizes())->keep_int(self.dim() == 0 ? 0 : maybe_wrap_dim(dim, self.dim()))
        ->keep_int(keepdim);
}

// median() / nanmedian() of the whole tensor: the gradient is shared evenly by
// every element equal to the result (NaN matching NaN), as in PyTorch.
variable_list evenly_distribute_backward(FormulaNode& n, const variable_list& grads) {
  const Tensor& g = grads[0];
  Tensor x = n.saved(0), r = n.saved(1);
  Tensor mask = (x == r).to(g.dtype()) + x.isnan().to(g.dtype()) * r.isnan().to(g.dtype());
  return {mask * (g / mask.sum())};
}

Tensor median_all_with_grad(const Tensor& self, Pick what) {
  Tensor out;
  {
    NoGradGuard no_grad;
    out = median_all(self, what);
  }
  if (autograd::compute_requires_grad(self))
    if (FormulaNode* n = autograd::record(what == Pick::Median ? "MedianBackward0" : "NanmedianBackward0",
                                          evenly_distribute_backward, {self}, {out}))
      n->save(self)->save_output(out);
  return out;
}
}  // namespace

// ---- sort family: public entry points ----------------------------------------------------

std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim, bool descending) {
  Tensor values = empty(self.sizes(), self.options());
  Tensor indices = empty(self.sizes(), TensorOptions(kLong));
  {
    NoGradGuard no_grad;
    sort_impl(self, values, indices, dim, descending);
  }
  record_select("SortBackward0", self, values, indices, dim, true);
  return {values, indices};
}

std::tuple<Tensor, Tensor> sort(const Tensor& self, std::optional<bool> stable, int64_t dim,
                                bool descending) {
  return sort(self, dim, descending);
}

std::tuple<Tensor&, Tensor&> sort_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t dim, bool descending) {
  autograd::check_out_no_grad("sort", values, indices, self);
  maybe_wrap_dim(dim, self.dim());
  check_out_dtype(values, self.dtype());
  check_out_dtype(indices, kLong);
  resize_to(values, self.sizes());
  resize_to(indices, self.sizes());
  sort_impl(self, values, indices, dim, descending);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> sort_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      std::optional<bool> stable, int64_t dim, bool descending) {
  autograd::check_out_no_grad("sort", values, indices, self);
  return sort_out(values, indices, self, dim, descending);
}

Tensor argsort(const Tensor& self, int64_t dim, bool descending, bool stable) {
  return std::get<1>(sort(self, dim, descending));
}

Tensor argsort(const Tensor& self, bool stable, int64_t dim, bool descending) {
  return std::get<1>(sort(self, dim, descending));
}

Tensor msort(const Tensor& self) { return std::get<0>(sort(self, 0, false)); }

Tensor& msort_out(Tensor& out, const Tensor& self) {
  Tensor indices = empty({0}, TensorOptions(kLong));
  sort_out(out, indices, self, 0, false);
  return out;
}

// ---- topk / kthvalue ------------------------------------------------------------------------

namespace {
std::tuple<Tensor&, Tensor&> topk_impl(Tensor& values, Tensor& indices, const Tensor& self,
                                       int64_t k, int64_t dim, bool largest, bool sorted) {
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t len = self.dim() == 0 ? 1 : self.size(dim);
  WICK_CHECK(k >= 0 && k <= len, "selected index k out of range");
  WICK_DISPATCH_ALL_TYPES(self.dtype(), "topk_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  DimVector shape = self.sizes().vec();
  if (self.dim() > 0) shape[dim] = k;
  if (!values.defined()) values = empty(shape, self.options());
  if (!indices.defined()) indices = empty(shape, TensorOptions(kLong));
  resize_to(values, shape);
  resize_to(indices, shape);
  Tensor s = as_1d(self), v = as_1d(values), i = as_1d(indices);
  // A 0-dim input gives its element even for k == 0, as in PyTorch.
  const int64_t kk = self.dim() == 0 ? 1 : k;
  if (kk == 0) return {values, indices};
  WICK_DISPATCH_ALL_TYPES(self.dtype(), "topk_cpu", [&] {
    topk_kernel<scalar_t>(s, v, i, kk, self.dim() == 0 ? 0 : dim, largest, sorted);
  });
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> kthvalue_impl(Tensor& values, Tensor& indices, const Tensor& self,
                                           int64_t k, int64_t dim, bool keepdim) {
  dim = maybe_wrap_dim(dim, self.dim());
  check_nonzero_dim(self, dim, "kthvalue");
  const int64_t len = self.dim() == 0 ? 1 : self.size(dim);
  WICK_CHECK(k >= 1 && k <= len, "kthvalue(): selected number k out of range for dimension ",
             dim);
  WICK_DISPATCH_ALL_TYPES(self.dtype(), "kthvalue_cpu", [] { static_cast<void>(sizeof(scalar_t)); });
  run_reduction(self, values, indices, dim, keepdim,
                [&](const Tensor& s, const Tensor& v, const Tensor& i, int64_t d) {
                  WICK_DISPATCH_ALL_TYPES(s.dtype(), "kthvalue_cpu", [&] {
                    pick_kernel<scalar_t>(s, v, i, k, d, Pick::Kth);
                  });
                });
  return {values, indices};
}
}  // namespace

std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim, bool largest,
                                bool sorted) {
  Tensor values, indices;
  {
    NoGradGuard no_grad;
    topk_impl(values, indices, self, k, dim, largest, sorted);
  }
  record_select("TopkBackward0", self, values, indices, dim, true);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> topk_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t k, int64_t dim, bool largest, bool sorted) {
  autograd::check_out_no_grad("topk", values, indices, self);
  check_out_dtype(values, self.dtype());
  check_out_dtype(indices, kLong);
  return topk_impl(values, indices, self, k, dim, largest, sorted);
}

std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim, bool keepdim) {
  Tensor values, indices;
  {
    NoGradGuard no_grad;
    kthvalue_impl(values, indices, self, k, dim, keepdim);
  }
  record_select("KthvalueBackward0", self, values, indices, dim, keepdim);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> kthvalue_out(Tensor& values, Tensor& indices, const Tensor& self,
                                          int64_t k, int64_t dim, bool keepdim) {
  autograd::check_out_no_grad("kthvalue", values, indices, self);
  WICK_CHECK(values.dtype() == self.dtype(), "output values must be of same type as input");
  WICK_CHECK(indices.dtype() == kLong, "output indices must be of scalar type Long");
  return kthvalue_impl(values, indices, self, k, dim, keepdim);
}

// ---- median / nanmedian / mode -----------------------------------------------------------

Tensor median(const Tensor& self) { return median_all_with_grad(self, Pick::Median); }

std::tuple<Tensor, Tensor> median(const Tensor& self, int64_t dim, bool keepdim) {
  Tensor values, indices;
  {
    NoGradGuard no_grad;
    median_common(values, indices, self, dim, keepdim, Pick::Median, "median");
  }
  record_select("MedianBackward1", self, values, indices, dim, keepdim);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> median_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim, bool keepdim) {
  autograd::check_out_no_grad("median", values, indices, self);
  return median_common(values, indices, self, dim, keepdim, Pick::Median, "median");
}

Tensor nanmedian(const Tensor& self) { return median_all_with_grad(self, Pick::NanMedian); }

std::tuple<Tensor, Tensor> nanmedian(const Tensor& self, int64_t dim, bool keepdim) {
  Tensor values, indices;
  {
    NoGradGuard no_grad;
    median_common(values, indices, self, dim, keepdim, Pick::NanMedian, "nanmedian");
  }
  record_select("NanmedianBackward1", self, values, indices, dim, keepdim);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> nanmedian_out(Tensor& values, Tensor& indices, const Tensor& self,
                                           int64_t dim, bool keepdim) {
  autograd::check_out_no_grad("nanmedian", values, indices, self);
  return median_common(values, indices, self, dim, keepdim, Pick::NanMedian, "nanmedian");
}

namespace {
std::tuple<Tensor&, Tensor&> mode_impl(Tensor& values, Tensor& indices, const Tensor& self,
                                       int64_t dim, bool keepdim) {
  dim = maybe_wrap_dim(dim, self.dim());
  check_nonzero_dim(self, dim, "mode");
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "mode", [] { static_cast<void>(sizeof(scalar_t)); });
  run_reduction(self, values, indices, dim, keepdim,
                [&](const Tensor& s, const Tensor& v, const Tensor& i, int64_t d) {
                  WICK_DISPATCH_ALL_TYPES_AND_BOOL(s.dtype(), "mode", [&] {
                    mode_kernel<scalar_t>(s, v, i, d);
                  });
                });
  return {values, indices};
}
}  // namespace

std::tuple<Tensor, Tensor> mode(const Tensor& self, int64_t dim, bool keepdim) {
  Tensor values, indices;
  {
    NoGradGuard no_grad;
    mode_impl(values, indices, self, dim, keepdim);
  }
  record_select("ModeBackward0", self, values, indices, dim, keepdim);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> mode_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t dim, bool keepdim) {
  autograd::check_out_no_grad("mode", values, indices, self);
  WICK_CHECK(values.dtype() == self.dtype(), "expected scalar type '", to_string(self.dtype()),
             "' but got '", to_string(values.dtype()), "' for values output");
  WICK_CHECK(indices.dtype() == kLong, "expected scalar type 'Long' but got '",
             to_string(indices.dtype()), "' for indices output");
  return mode_impl(values, indices, self, dim, keepdim);
}

// ---- Tensor methods ---------------------------------------------------------------------

std::tuple<Tensor, Tensor> Tensor::sort(int64_t dim, bool descending) const {
  return wick::sort(*this, dim, descending);
}
std::tuple<Tensor, Tensor> Tensor::sort(std::optional<bool> stable, int64_t dim,
                                        bool descending) const {
  return wick::sort(*this, stable, dim, descending);
}
Tensor Tensor::argsort(int64_t dim, bool descending, bool stable) const {
  return wick::argsort(*this, dim, descending, stable);
}
std::tuple<Tensor, Tensor> Tensor::topk(int64_t k, int64_t dim, bool largest, bool sorted) const {
  return wick::topk(*this, k, dim, largest, sorted);
}
std::tuple<Tensor, Tensor> Tensor::kthvalue(int64_t k, int64_t dim, bool keepdim) const {
  return wick::kthvalue(*this, k, dim, keepdim);
}
Tensor Tensor::msort() const { return wick::msort(*this); }
Tensor Tensor::median() const { return wick::median(*this); }
std::tuple<Tensor, Tensor> Tensor::median(int64_t dim, bool keepdim) const {
  return wick::median(*this, dim, keepdim);
}
Tensor Tensor::nanmedian() const { return wick::nanmedian(*this); }
std::tuple<Tensor, Tensor> Tensor::nanmedian(int64_t dim, bool keepdim) const {
  return wick::nanmedian(*this, dim, keepdim);
}
std::tuple<Tensor, Tensor> Tensor::mode(int64_t dim, bool keepdim) const {
  return wick::mode(*this, dim, keepdim);
}

}  // namespace wick

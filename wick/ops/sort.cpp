#include "wick/ops/sort.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg_internal.h"
#include "wick/ops/shape.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {

namespace {

using linalg_detail::cpp_type_name;

// Rows are compared in this type: Half and BFloat16 as float.
template <typename T>
struct CompareType {
  using type = T;
};
template <>
struct CompareType<Half> {
  using type = float;
};
template <>
struct CompareType<BFloat16> {
  using type = float;
};
template <typename T>
using cmp_t = typename CompareType<T>::type;

template <typename V>
inline bool is_nan(V v) {
  if constexpr (std::is_floating_point_v<V>) {
    return std::isnan(v);
  } else {
    return false;
  }
}

// Note [NaN order]
// Every op here orders NaN above +inf, as PyTorch does: sort puts NaNs last
// (first when descending), topk counts them as the largest values, and
// kthvalue/median see them at the top. Equal values (and NaNs among
// themselves) keep their input order, so results never depend on the sort
// algorithm: a row is split into its non-NaN entries, ordered by
// (value, index), followed by its NaNs in index order.

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

void resize_to(Tensor& out, IntArrayRef shape) {
  if (!out.sizes().equals(shape)) out.resize_(shape);
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

// ---- radix sort ----------------------------------------------------------------------

// Note [Radix keys]
// Long rows are sorted by an LSD radix sort on unsigned keys that order like
// the values: integers get their sign bit flipped; floats map negative values
// to ~bits and the rest to bits | sign, with -0.0 folded onto +0.0 and every
// NaN onto the largest key (Note [NaN order]). LSD radix sort is stable, and
// complementing the keys sorts descending while keeping ties in index order.
template <typename T>
struct RadixKey;
template <typename T, typename U>
inline U int_key(T v) {
  constexpr U sign = std::is_signed_v<T> ? U(U(1) << (sizeof(U) * 8 - 1)) : U(0);
  return static_cast<U>(static_cast<U>(v) ^ sign);
}
template <typename U>
inline U float_key(U bits, U inf_bits) {
  constexpr U sign = U(U(1) << (sizeof(U) * 8 - 1));
  const U mag = static_cast<U>(bits & ~sign);
  if (mag > inf_bits) return static_cast<U>(~U(0));  // NaN
  if (mag == 0) return sign;                          // -0.0 == +0.0
  return (bits & sign) ? static_cast<U>(~bits) : static_cast<U>(bits | sign);
}
#define WICK_INT_RADIX(T, U) \
  template <>                \
  struct RadixKey<T> {       \
    using type = U;          \
    static U key(T v) { return int_key<T, U>(v); } \
  };
WICK_INT_RADIX(bool, uint8_t)
WICK_INT_RADIX(uint8_t, uint8_t)
WICK_INT_RADIX(int8_t, uint8_t)
WICK_INT_RADIX(int16_t, uint16_t)
WICK_INT_RADIX(int32_t, uint32_t)
WICK_INT_RADIX(int64_t, uint64_t)
#undef WICK_INT_RADIX
template <>
struct RadixKey<float> {
  using type = uint32_t;
  static uint32_t key(float v) {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    return float_key<uint32_t>(b, 0x7f800000u);
  }
};
template <>
struct RadixKey<double> {
  using type = uint64_t;
  static uint64_t key(double v) {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    return float_key<uint64_t>(b, 0x7ff0000000000000ull);
  }
};
template <>
struct RadixKey<Half> {
  using type = uint16_t;
  static uint16_t key(Half v) { return float_key<uint16_t>(v.x, 0x7c00u); }
};
template <>
struct RadixKey<BFloat16> {
  using type = uint16_t;
  static uint16_t key(BFloat16 v) { return float_key<uint16_t>(v.x, 0x7f80u); }
};

// Rows at least this long are radix sorted; shorter ones use std::sort.
constexpr int64_t kRadixMinLen = 128;

// Scratch of one radix sort: keys and row positions, double buffered.
template <typename U>
struct RadixScratch {
  std::vector<U> keys, keys_tmp;
  std::vector<uint32_t> idx, idx_tmp;
  void resize(int64_t n) {
    keys.resize(n);
    keys_tmp.resize(n);
    idx.resize(n);
    idx_tmp.resize(n);
  }
};

// Stable sort of keys[0, n) carrying idx along; on return the sorted idx is
// in s.idx (buffers are swapped as passes run). Passes where every key has
// the same digit are skipped.
template <typename U>
void radix_sort(RadixScratch<U>& s, int64_t n) {
  constexpr int P = sizeof(U);
  std::array<std::array<uint32_t, 256>, P> hist{};
  const U* k = s.keys.data();
  for (int64_t i = 0; i < n; ++i) {
    U v = k[i];
    for (int p = 0; p < P; ++p) ++hist[p][(v >> (8 * p)) & 0xff];
  }
  for (int p = 0; p < P; ++p) {
    auto& h = hist[p];
    if (h[(s.keys[0] >> (8 * p)) & 0xff] == static_cast<uint32_t>(n)) continue;
    uint32_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      uint32_t c = h[b];
      h[b] = sum;
      sum += c;
    }
    const U* src_k = s.keys.data();
    const uint32_t* src_i = s.idx.data();
    U* dst_k = s.keys_tmp.data();
    uint32_t* dst_i = s.idx_tmp.data();
    for (int64_t i = 0; i < n; ++i) {
      const U v = src_k[i];
      const uint32_t pos = h[(v >> (8 * p)) & 0xff]++;
      dst_k[pos] = v;
      dst_i[pos] = src_i[i];
    }
    s.keys.swap(s.keys_tmp);
    s.idx.swap(s.idx_tmp);
  }
}

// Sorts one row of `len` values read with `stride` into s.idx (positions in
// the row); the row is also copied to `row` so results can be gathered even
// when the output aliases the input.
template <typename T>
void radix_sort_row(const T* p, int64_t stride, int64_t len, bool descending,
                    RadixScratch<typename RadixKey<T>::type>& s, std::vector<T>& row) {
  using U = typename RadixKey<T>::type;
  s.resize(len);
  row.resize(len);
  const U flip = descending ? static_cast<U>(~U(0)) : U(0);
  for (int64_t i = 0; i < len; ++i) {
    const T x = p[i * stride];
    row[i] = x;
    s.keys[i] = static_cast<U>(RadixKey<T>::key(x) ^ flip);
    s.idx[i] = static_cast<uint32_t>(i);
  }
  radix_sort(s, len);
}

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
  const bool radix = len >= kRadixMinLen && len <= std::numeric_limits<uint32_t>::max();
  for_each_row<3>(self.sizes(), dim, {self.strides(), values.strides(), indices.strides()},
                  radix ? len * 4 : work_of_sort(len),
                  [&](int64_t begin, int64_t end, RowCursor<3>& cur) {
    std::vector<std::pair<V, int64_t>> buf;
    std::vector<int64_t> nans;
    RadixScratch<U> rs;
    std::vector<T> row;
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
      if (k * 64 <= len) {
        // Few picks from a long row: one pass keeping the best k in a heap
        // whose front is the worst kept. A later entry beats it only when
        // strictly better, since ties go to the smaller index.
        heap.clear();
        auto run = [&](auto better, auto beats) {
          for (int64_t i = 0; i < len; ++i) {
            const V x = static_cast<V>(p[i * si]);
            if (static_cast<int64_t>(heap.size()) < k) {
              heap.push_back({x, i});
              if (static_cast<int64_t>(heap.size()) == k)
                std::make_heap(heap.begin(), heap.end(), better);
              continue;
            }
            if (!beats(x, heap.front().first)) continue;
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = {x, i};
            std::push_heap(heap.begin(), heap.end(), better);
          }
          std::sort(heap.begin(), heap.end(), better);
        };
        if (largest) {
          run(TopkBetter<V, true>(), [](V x, V t) {
            return is_nan(x) ? !is_nan(t) : (!is_nan(t) && x > t);
          });
        } else {
          run(TopkBetter<V, false>(), [](V x, V t) {
            return !is_nan(x) && (is_nan(t) || x < t);
          });
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

// ---- sort family: public entry points ----------------------------------------------------

std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim, bool descending) {
  Tensor values = empty(self.sizes(), self.options());
  Tensor indices = empty(self.sizes(), TensorOptions(kLong));
  sort_impl(self, values, indices, dim, descending);
  return {values, indices};
}

std::tuple<Tensor, Tensor> sort(const Tensor& self, std::optional<bool> stable, int64_t dim,
                                bool descending) {
  return sort(self, dim, descending);
}

std::tuple<Tensor&, Tensor&> sort_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t dim, bool descending) {
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
  topk_impl(values, indices, self, k, dim, largest, sorted);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> topk_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t k, int64_t dim, bool largest, bool sorted) {
  check_out_dtype(values, self.dtype());
  check_out_dtype(indices, kLong);
  return topk_impl(values, indices, self, k, dim, largest, sorted);
}

std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim, bool keepdim) {
  Tensor values, indices;
  kthvalue_impl(values, indices, self, k, dim, keepdim);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> kthvalue_out(Tensor& values, Tensor& indices, const Tensor& self,
                                          int64_t k, int64_t dim, bool keepdim) {
  WICK_CHECK(values.dtype() == self.dtype(), "output values must be of same type as input");
  WICK_CHECK(indices.dtype() == kLong, "output indices must be of scalar type Long");
  return kthvalue_impl(values, indices, self, k, dim, keepdim);
}

// ---- median / nanmedian / mode -----------------------------------------------------------

Tensor median(const Tensor& self) { return median_all(self, Pick::Median); }

std::tuple<Tensor, Tensor> median(const Tensor& self, int64_t dim, bool keepdim) {
  Tensor values, indices;
  median_common(values, indices, self, dim, keepdim, Pick::Median, "median");
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> median_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim, bool keepdim) {
  return median_common(values, indices, self, dim, keepdim, Pick::Median, "median");
}

Tensor nanmedian(const Tensor& self) { return median_all(self, Pick::NanMedian); }

std::tuple<Tensor, Tensor> nanmedian(const Tensor& self, int64_t dim, bool keepdim) {
  Tensor values, indices;
  median_common(values, indices, self, dim, keepdim, Pick::NanMedian, "nanmedian");
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> nanmedian_out(Tensor& values, Tensor& indices, const Tensor& self,
                                           int64_t dim, bool keepdim) {
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
  mode_impl(values, indices, self, dim, keepdim);
  return {values, indices};
}

std::tuple<Tensor&, Tensor&> mode_out(Tensor& values, Tensor& indices, const Tensor& self,
                                      int64_t dim, bool keepdim) {
  WICK_CHECK(values.dtype() == self.dtype(), "expected scalar type '", to_string(self.dtype()),
             "' but got '", to_string(values.dtype()), "' for values output");
  WICK_CHECK(indices.dtype() == kLong, "expected scalar type 'Long' but got '",
             to_string(indices.dtype()), "' for indices output");
  return mode_impl(values, indices, self, dim, keepdim);
}

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
Tensor Tensor::bincount(const std::optional<Tensor>& weights, int64_t minlength) const {
  return wick::bincount(*this, weights, minlength);
}
Tensor Tensor::histc(int64_t bins, const Scalar& min, const Scalar& max) const {
  return wick::histc(*this, bins, min, max);
}
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

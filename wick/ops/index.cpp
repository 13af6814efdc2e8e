// The index family (see index.h). Kernels that only move elements dispatch on
// the element size (1, 2, 4, 8 bytes), not the dtype; kernels that combine
// values (accumulating puts, scatter reductions, index_add) dispatch on dtype
// and compute in opmath_t. Index tensors are validated (and, where PyTorch
// wraps negative values, normalised) before a kernel runs, so kernels never
// check bounds and never raise from inside a parallel region.
#include "wick/ops/index.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>

#include "wick/autograd/formula.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/loops.h"
#include "wick/ops/binary.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg_internal.h"
#include "wick/ops/pointwise.h"
#include "wick/ops/reduce.h"
#include "wick/ops/shape.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {

using linalg_detail::assign_out;
using linalg_detail::cpp_type_name;

namespace {

// ---- helpers -------------------------------------------------------------------

// Runs f(T{}) with T an unsigned type of the element size: for kernels that copy.
template <typename F>
void dispatch_bytes(int64_t itemsize, const F& f) {
  switch (itemsize) {
    case 1: return f(uint8_t{});
    case 2: return f(uint16_t{});
    case 4: return f(uint32_t{});
    case 8: return f(uint64_t{});
    default: WICK_INTERNAL_ASSERT(false);
  }
}

// Walks the positions of a shape in row-major order keeping one element offset
// per operand; size-1 dims are dropped and mergeable dims coalesced first.
// f(off, inner_strides, n) gets a run of n positions along the innermost dim.
class Walker {
 public:
  Walker(IntArrayRef shape, const std::vector<DimVector>& strides)
      : nops_(static_cast<int>(strides.size())) {
    numel_ = multiply_integers(shape);
    strides_.resize(nops_);
    for (size_t d = 0; d < shape.size(); ++d) {
      if (shape[d] == 1) continue;
      if (!shape_.empty()) {
        bool merge = true;
        for (int k = 0; k < nops_; ++k)
          merge = merge && strides_[k].back() == strides[k][d] * shape[d];
        if (merge) {
          shape_.back() *= shape[d];
          for (int k = 0; k < nops_; ++k) strides_[k].back() = strides[k][d];
          continue;
        }
      }
      shape_.push_back(shape[d]);
      for (int k = 0; k < nops_; ++k) strides_[k].push_back(strides[k][d]);
    }
  }
  int64_t numel() const { return numel_; }

  template <typename F>
  void run(int64_t begin, int64_t end, const F& f) const {
    if (begin >= end) return;
    const int64_t nd = static_cast<int64_t>(shape_.size());
    std::vector<int64_t> off(nops_, 0), inner(nops_, 0);
    if (nd == 0) {
      f(off.data(), inner.data(), int64_t(1));
      return;
    }
    DimVector idx(nd);
    int64_t rem = begin;
    for (int64_t d = nd - 1; d >= 0; --d) {
      idx[d] = rem % shape_[d];
      rem /= shape_[d];
      for (int k = 0; k < nops_; ++k) off[k] += idx[d] * strides_[k][d];
    }
    for (int k = 0; k < nops_; ++k) inner[k] = strides_[k][nd - 1];
    const int64_t n = shape_[nd - 1];
    int64_t i = begin;
    while (i < end) {
      const int64_t len = std::min(n - idx[nd - 1], end - i);
      f(off.data(), inner.data(), len);
      i += len;
      if (i >= end) break;
      for (int k = 0; k < nops_; ++k) off[k] -= idx[nd - 1] * inner[k];
      idx[nd - 1] = 0;
      for (int64_t d = nd - 2; d >= 0; --d) {
        for (int k = 0; k < nops_; ++k) off[k] += strides_[k][d];
        if (++idx[d] < shape_[d]) break;
        for (int k = 0; k < nops_; ++k) off[k] -= shape_[d] * strides_[k][d];
        idx[d] = 0;
      }
    }
  }

 private:
  int nops_;
  int64_t numel_;
  DimVector shape_;
  std::vector<DimVector> strides_;
};

// Sizes/strides of t with a 0-dim tensor seen as 1-d of size 1 (PyTorch's
// ensure_nonempty_dim for the dim-wise ops).
DimVector sizes1(const Tensor& t) { return t.dim() == 0 ? DimVector{1} : DimVector(t.sizes().begin(), t.sizes().end()); }
DimVector strides1(const Tensor& t) { return t.dim() == 0 ? DimVector{1} : DimVector(t.strides().begin(), t.strides().end()); }
int64_t dim1(const Tensor& t) { return std::max<int64_t>(t.dim(), 1); }

// The int64 values of an index tensor, contiguous, bounds-checked and (with
// wrap) moved into [0, size). on_error(v) must throw.
template <typename E>
Tensor normalized_index(const Tensor& index, int64_t size, bool wrap, const E& on_error) {
  Tensor src = index.dtype() == kLong ? index : index.to(kLong);
  Tensor out = empty(index.sizes(), TensorOptions(kLong));
  int64_t* o = out.data_ptr<int64_t>();
  const int64_t* base = src.data_ptr<int64_t>();
  Walker w(src.sizes(), {src.strides().vec()});
  parallel_for(0, w.numel(), kGrainSize, [&](int64_t b, int64_t e) {
    int64_t pos = b;
    w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t n) {
      const int64_t* p = base + off[0];
      for (int64_t j = 0; j < n; ++j) {
        int64_t v = p[j * st[0]];
        if (wrap && v < 0 && v >= -size) v += size;
        if (v < 0 || v >= size) on_error(p[j * st[0]]);
        o[pos++] = v;
      }
    });
  });
  return out;
}

// Checks every value of an int64 index tensor is in [0, size) (no copy).
template <typename E>
void validate_index(const Tensor& index, int64_t size, const E& on_error) {
  const int64_t* base = index.data_ptr<int64_t>();
  Walker w(index.sizes(), {index.strides().vec()});
  parallel_for(0, w.numel(), kGrainSize, [&](int64_t b, int64_t e) {
    w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t n) {
      const int64_t* p = base + off[0];
      bool bad = false;
      for (int64_t j = 0; j < n; ++j) {
        const int64_t v = p[j * st[0]];
        bad |= v < 0 || v >= size;
      }
      if (bad) {
        for (int64_t j = 0; j < n; ++j) {
          const int64_t v = p[j * st[0]];
          if (v < 0 || v >= size) on_error(v);
        }
      }
    });
  });
}

// Splits [0, n) into chunks for a two-pass (count, then write) parallel loop.
struct Chunks {
  int64_t n, count, size;
  // work: cost of one item relative to one element.
  explicit Chunks(int64_t total, int64_t work = 1) : n(total) {
    const int64_t cost = total * std::max<int64_t>(work, 1);
    count = cost < kGrainSize ? 1 : std::min<int64_t>(get_num_threads(), cost / (kGrainSize / 2));
    count = std::max<int64_t>(std::min(count, total), 1);
    size = (total + count - 1) / count;
  }
  int64_t begin(int64_t c) const { return std::min(n, c * size); }
  int64_t end(int64_t c) const { return std::min(n, (c + 1) * size); }
};


// A 0-dim tensor of dtype t holding value (cast as PyTorch casts fill values).
Tensor scalar_of(const Scalar& value, const TensorOptions& opts) {
  Tensor t = empty({}, opts);
  fill_(t, value);
  return t;
}

enum class Op { Assign, Add, Mul, Max, Min };

template <typename T, Op R>
inline void combine(T* d, T v) {
  if constexpr (R == Op::Assign) {
    *d = v;
  } else if constexpr (std::is_same_v<T, bool>) {
    if constexpr (R == Op::Add || R == Op::Max) *d = *d || v;
    else *d = *d && v;
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    if constexpr (R == Op::Add) *d = static_cast<T>(static_cast<U>(*d) + static_cast<U>(v));
    else if constexpr (R == Op::Mul) *d = static_cast<T>(static_cast<U>(*d) * static_cast<U>(v));
    else if constexpr (R == Op::Max) *d = v > *d ? v : *d;
    else *d = v < *d ? v : *d;
  } else {
    using A = opmath_t<T>;
    const A a = static_cast<A>(*d), b = static_cast<A>(v);
    if constexpr (R == Op::Add) *d = static_cast<T>(a + b);
    else if constexpr (R == Op::Mul) *d = static_cast<T>(a * b);
    else if constexpr (R == Op::Max) { if (b != b || b > a) *d = v; }  // NaN propagates
    else { if (b != b || b < a) *d = v; }
  }
}

// Runs f.template operator()<T, R>() for self's dtype and the op.
template <typename F>
void dispatch_combine(ScalarType dt, Op op, const char* name, const F& f) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(dt, name, [&] {
    switch (op) {
      case Op::Assign: return f.template operator()<scalar_t, Op::Assign>();
      case Op::Add: return f.template operator()<scalar_t, Op::Add>();
      case Op::Mul: return f.template operator()<scalar_t, Op::Mul>();
      case Op::Max: return f.template operator()<scalar_t, Op::Max>();
      case Op::Min: return f.template operator()<scalar_t, Op::Min>();
    }
  });
}

// ---- the two dim-wise kernels ------------------------------------------------------

// out[p] = self[p with p[dim] := idx[p]] over every position p of out's shape.
// idx values are already in [0, self.size(dim)); idx_strides are over out's shape.
// With check, values outside [0, self.size(dim)) raise PyTorch's gather message.
void gather_kernel(const Tensor& out, const Tensor& self, int64_t dim, const int64_t* idx,
                   const DimVector& idx_strides, bool check = false) {
  DimVector shape = sizes1(out);
  DimVector self_st = strides1(self);
  const int64_t sd = self_st[dim];
  const int64_t bound = sizes1(self)[dim];
  self_st[dim] = 0;
  Walker w(shape, {strides1(out), self_st, idx_strides});
  char* o = static_cast<char*>(out.data_ptr());
  const char* s = static_cast<const char*>(self.data_ptr());
  dispatch_bytes(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T* op = reinterpret_cast<T*>(o);
    const T* sp = reinterpret_cast<const T*>(s);
    parallel_for(0, w.numel(), kGrainSize / 4, [&](int64_t b, int64_t e) {
      w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t n) {
        T* po = op + off[0];
        const T* ps = sp + off[1];
        const int64_t* pi = idx + off[2];
        if (check) {
          bool bad = false;
          for (int64_t j = 0; j < n; ++j)
            bad |= static_cast<uint64_t>(pi[j * st[2]]) >= static_cast<uint64_t>(bound);
          if (bad) {
            for (int64_t j = 0; j < n; ++j) {
              const int64_t v = pi[j * st[2]];
              WICK_CHECK(v >= 0 && v < bound, "index ", v, " is out of bounds for dimension ", dim,
                         " with size ", bound);
            }
          }
        }
        if (st[0] == 1 && st[1] == 0 && st[2] == 1) {
          if (sd == 1) {
            for (int64_t j = 0; j < n; ++j) po[j] = ps[pi[j]];
          } else {
            for (int64_t j = 0; j < n; ++j) po[j] = ps[pi[j] * sd];
          }
        } else if (st[0] == 1 && st[1] == 1 && st[2] == 0) {
          // Index constant along the run (an expanded index): copy a row.
          const T* row = ps + pi[0] * sd;
          for (int64_t j = 0; j < n; ++j) po[j] = row[j];
        } else {
          for (int64_t j = 0; j < n; ++j) po[j * st[0]] = ps[j * st[1] + pi[j * st[2]] * sd];
        }
      });
    });
  });
}

// self[p with p[dim] := idx[p]] op= src[p] over every position p of `shape`
// (a shape of self's rank). Parallel over the positions off `dim` only, so two
// threads never write the same element.
void scatter_kernel(const Tensor& self, int64_t dim, IntArrayRef shape, const int64_t* idx,
                    const DimVector& idx_strides, const Tensor& src, const DimVector& src_strides,
                    Op op, const char* name) {
  if (multiply_integers(shape) == 0) return;
  DimVector outer = shape.vec();
  const int64_t n = outer[dim];
  outer[dim] = 1;
  DimVector self_st = strides1(self);
  const int64_t sd = self_st[dim];
  const int64_t id = idx_strides[dim], rd = src_strides[dim];
  Walker w(outer, {self_st, idx_strides, src_strides});
  char* s = static_cast<char*>(self.data_ptr());
  const char* r = static_cast<const char*>(src.data_ptr());
  self.bump_version();
  auto body = [&]<typename T, Op R>() {
    T* sp = reinterpret_cast<T*>(s);
    const T* rp = reinterpret_cast<const T*>(r);
    // Loop along dim outermost unless dim is self's fastest-moving dim.
    bool dim_outer = w.numel() >= 16;
    int64_t min_other = std::numeric_limits<int64_t>::max();
    for (size_t d = 0; d < shape.size(); ++d)
      if (static_cast<int64_t>(d) != dim && shape[d] > 1)
        min_other = std::min<int64_t>(min_other, std::abs(self_st[d]));
    dim_outer = dim_outer && min_other < std::abs(sd);
    parallel_for(0, w.numel(), std::max<int64_t>(1, kGrainSize / 4 / n), [&](int64_t b, int64_t e) {
      if (dim_outer) {
        // One position along dim at a time, the other dims inner: the index
        // and source rows are read in memory order.
        for (int64_t j = 0; j < n; ++j) {
          w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t m) {
            T* ps = sp + off[0];
            const int64_t* pi = idx + off[1] + j * id;
            const T* pr = rp + off[2] + j * rd;
            if (st[0] == 1 && st[1] == 0 && st[2] == 1) {
              const int64_t at = pi[0] * sd;
              for (int64_t q = 0; q < m; ++q) combine<T, R>(ps + at + q, pr[q]);
            } else {
              for (int64_t q = 0; q < m; ++q)
                combine<T, R>(ps + q * st[0] + pi[q * st[1]] * sd, pr[q * st[2]]);
            }
          });
        }
        return;
      }
      w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t m) {
        for (int64_t q = 0; q < m; ++q) {
          T* ps = sp + off[0] + q * st[0];
          const int64_t* pi = idx + off[1] + q * st[1];
          const T* pr = rp + off[2] + q * st[2];
          for (int64_t j = 0; j < n; ++j) combine<T, R>(ps + pi[j * id] * sd, pr[j * rd]);
        }
      });
    });
  };
  if (op == Op::Assign) {
    dispatch_bytes(self.itemsize(), [&](auto tag) { body.template operator()<decltype(tag), Op::Assign>(); });
  } else {
    dispatch_combine(self.dtype(), op, name, body);
  }
}

// Index strides that walk a 1-d index along `dim` of a rank-nd shape.
DimVector along_dim_strides(int64_t nd, int64_t dim) {
  DimVector st(nd, 0);
  st[dim] = 1;
  return st;
}

// ---- gather / scatter checks ---------------------------------------------------------

void check_int64_index(const char* name, const Tensor& index) {
  WICK_CHECK(index.dtype() == kLong, name, "(): Expected dtype int64 for index");
}

void gather_shape_check(const Tensor& self, int64_t dim, const Tensor& index) {
  WICK_CHECK(dim1(self) == dim1(index),
             "Index tensor must have the same number of dimensions as input tensor");
  DimVector ss = sizes1(self), is = sizes1(index);
  for (int64_t d = 0; d < dim1(self); ++d) {
    if (d == dim) continue;
    WICK_CHECK(is[d] <= ss[d], "Size does not match at dimension ", d, " expected index ",
               index.sizes(), " to be smaller than self ", self.sizes(),
               " apart from dimension ", dim);
  }
}

void scatter_shape_check(const Tensor& self, int64_t dim, const Tensor& index,
                         const Tensor* src) {
  WICK_CHECK(dim1(self) == dim1(index),
             "Index tensor must have the same number of dimensions as self tensor");
  if (src) {
    WICK_CHECK(dim1(*src) == dim1(index),
               "Index tensor must have the same number of dimensions as src tensor");
  }
  if (index.numel() == 0) return;
  DimVector ss = sizes1(self), is = sizes1(index);
  DimVector rs = src ? sizes1(*src) : DimVector();
  bool ok = true;
  for (int64_t d = 0; d < dim1(self); ++d) {
    if (d != dim && is[d] > ss[d]) ok = false;
    if (src && is[d] > rs[d]) ok = false;
  }
  if (!ok) {
    if (src)
      WICK_CHECK(false, "Expected index ", index.sizes(), " to be smaller than self ",
                 self.sizes(), " apart from dimension ", dim,
                 " and to be smaller size than src ", src->sizes());
    WICK_CHECK(false, "Expected index ", index.sizes(), " to be smaller than self ",
               self.sizes(), " apart from dimension ", dim);
  }
}

void check_dim_index_values(const Tensor& index, int64_t dim, int64_t size) {
  validate_index(index, size, [&](int64_t v) {
    WICK_CHECK(false, "index ", v, " is out of bounds for dimension ", dim, " with size ", size);
  });
}

// self op= src along dim at index; src is a tensor of self's dtype whose
// strides are read over index's shape.
Tensor& scatter_impl(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                     const DimVector& src_strides, Op op, const char* name) {
  if (index.numel() == 0) return self;
  const int64_t size = sizes1(self)[dim];
  check_dim_index_values(index, dim, size);
  scatter_kernel(self, dim, sizes1(index), index.data_ptr<int64_t>(), strides1(index), src,
                 src_strides, op, name);
  return self;
}

Op scatter_reduce_op(const std::string& reduce) {
  if (reduce == "add") return Op::Add;
  if (reduce == "multiply") return Op::Mul;
  WICK_CHECK(false, "reduce argument must be either add or multiply.");
  return Op::Assign;
}

Tensor& scatter_src_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src, Op op) {
  dim = maybe_wrap_dim(dim, self.dim());
  check_int64_index("scatter", index);
  WICK_CHECK(self.dtype() == src.dtype(), "scatter(): Expected self.dtype to be equal to src.dtype");
  scatter_shape_check(self, dim, index, &src);
  return scatter_impl(self, dim, index, src, strides1(src), op, "scatter");
}

Tensor& scatter_value_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value, Op op) {
  dim = maybe_wrap_dim(dim, self.dim());
  check_int64_index("scatter", index);
  scatter_shape_check(self, dim, index, nullptr);
  Tensor v = scalar_of(value, self.options());
  return scatter_impl(self, dim, index, v, DimVector(dim1(self), 0), op, "scatter");
}

}  // namespace

// ---- advanced indexing ----------------------------------------------------------------

namespace {

struct AdvancedIndex {
  Tensor src;                   // self, with the indexed dims first when they were apart
  std::vector<Tensor> indices;  // contiguous int64, in [0, size), in src's dim order
  int64_t first = 0;            // dim of src the first index applies to
  DimVector bshape;             // broadcast shape of the indices
  DimVector result_shape;
  std::vector<DimVector> index_strides;  // each index's strides over result_shape
};

std::optional<AdvancedIndex> make_advanced_index(const Tensor& self,
                                                 const std::vector<std::optional<Tensor>>& given) {
  const int64_t nd = self.dim();
  WICK_CHECK_T(IndexError, static_cast<int64_t>(given.size()) <= nd,
               "too many indices for tensor of dimension ", nd, " (got ", given.size(), ")");
  // Masks become their nonzero coordinates, one index per mask dim.
  std::vector<std::optional<Tensor>> ex;
  for (const auto& g : given) {
    if (!g || !g->defined()) {
      ex.emplace_back(std::nullopt);
      continue;
    }
    const Tensor& t = *g;
    const ScalarType dt = t.dtype();
    if (dt == kBool || dt == kByte) {
      const int64_t at = static_cast<int64_t>(ex.size());
      WICK_CHECK_T(IndexError, at + t.dim() <= nd, "too many indices for tensor of dimension ", nd);
      for (int64_t j = 0; j < t.dim(); ++j) {
        WICK_CHECK_T(IndexError, t.size(j) == self.size(at + j), "The shape of the mask ",
                     t.sizes(), " at index ", j, " does not match the shape of the indexed tensor ",
                     self.sizes(), " at index ", at + j);
      }
      Tensor nz = nonzero(t);
      for (int64_t j = 0; j < t.dim(); ++j) ex.emplace_back(select(nz, 1, j));
    } else if (dt == kLong || dt == kInt) {
      ex.emplace_back(t);
    } else {
      WICK_CHECK_T(IndexError, false, "tensors used as indices must be long, int, byte or bool tensors");
    }
  }
  while (static_cast<int64_t>(ex.size()) < nd) ex.emplace_back(std::nullopt);

  std::vector<int64_t> pos;
  for (int64_t i = 0; i < nd; ++i)
    if (ex[i]) pos.push_back(i);
  if (pos.empty()) return std::nullopt;

  AdvancedIndex r;
  // Broadcast the index shapes together.
  DimVector b;
  bool ok = true;
  for (int64_t p : pos) {
    IntArrayRef s = ex[p]->sizes();
    const size_t n = std::max(b.size(), s.size());
    DimVector nb(n);
    for (size_t i = 0; i < n; ++i) {
      const int64_t ib = static_cast<int64_t>(i) - static_cast<int64_t>(n - b.size());
      const int64_t is = static_cast<int64_t>(i) - static_cast<int64_t>(n - s.size());
      const int64_t x = ib >= 0 ? b[ib] : 1, y = is >= 0 ? s[is] : 1;
      if (x != y && x != 1 && y != 1) ok = false;
      nb[i] = x == 1 ? y : x;
    }
    b = nb;
  }
  if (!ok) {
    std::string shapes;
    for (size_t i = 0; i < pos.size(); ++i)
      shapes += str(i ? ", " : "", ex[pos[i]]->sizes());
    WICK_CHECK_T(IndexError, false,
                 "shape mismatch: indexing tensors could not be broadcast together with shapes ",
                 shapes);
  }
  r.bshape = b;

  const bool adjacent = pos.back() - pos.front() + 1 == static_cast<int64_t>(pos.size());
  std::vector<Tensor> idx;
  if (adjacent) {
    r.src = self;
    r.first = pos.front();
    for (int64_t p : pos) idx.push_back(*ex[p]);
  } else {
    DimVector perm(pos.begin(), pos.end());
    for (int64_t i = 0; i < nd; ++i)
      if (!ex[i]) perm.push_back(i);
    r.src = permute(self, perm);
    r.first = 0;
    for (int64_t p : pos) idx.push_back(*ex[p]);
  }
  const int64_t k = static_cast<int64_t>(idx.size());
  for (int64_t i = 0; i < k; ++i) {
    const int64_t size = r.src.size(r.first + i);
    r.indices.push_back(normalized_index(idx[i], size, /*wrap=*/true, [&](int64_t v) {
      WICK_CHECK_T(IndexError, false, "index ", v, " is out of bounds for dimension ", i,
                   " with size ", size);
    }));
  }
  IntArrayRef ss = r.src.sizes();
  r.result_shape.assign(ss.begin(), ss.begin() + r.first);
  r.result_shape.insert(r.result_shape.end(), b.begin(), b.end());
  r.result_shape.insert(r.result_shape.end(), ss.begin() + r.first + k, ss.end());
  const int64_t nb = static_cast<int64_t>(b.size());
  const int64_t rn = static_cast<int64_t>(r.result_shape.size());
  for (const Tensor& t : r.indices) {
    DimVector st(rn, 0);
    const int64_t lead = nb - t.dim();
    for (int64_t d = 0; d < t.dim(); ++d)
      st[r.first + lead + d] = t.size(d) == 1 ? 0 : t.stride(d);
    r.index_strides.push_back(st);
  }
  return r;
}

// src strides over the result shape: 0 across the broadcast index dims.
DimVector src_strides_over_result(const AdvancedIndex& a) {
  const int64_t k = static_cast<int64_t>(a.indices.size());
  const int64_t nb = static_cast<int64_t>(a.bshape.size());
  IntArrayRef s = a.src.strides();
  DimVector st(s.begin(), s.begin() + a.first);
  st.insert(st.end(), nb, 0);
  st.insert(st.end(), s.begin() + a.first + k, s.end());
  return st;
}

// out[p] = src[...] for every position of the result (K index tensors).
void advanced_gather(const Tensor& out, const AdvancedIndex& a) {
  const int64_t k = static_cast<int64_t>(a.indices.size());
  std::vector<DimVector> strides{out.strides().vec(), src_strides_over_result(a)};
  for (const auto& s : a.index_strides) strides.push_back(s);
  Walker w(a.result_shape, strides);
  std::vector<const int64_t*> ip;
  DimVector dim_st;
  for (int64_t i = 0; i < k; ++i) {
    ip.push_back(a.indices[i].data_ptr<int64_t>());
    dim_st.push_back(a.src.stride(a.first + i));
  }
  dispatch_bytes(out.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T* o = static_cast<T*>(out.data_ptr());
    const T* s = static_cast<const T*>(a.src.data_ptr());
    parallel_for(0, w.numel(), kGrainSize / 4, [&](int64_t b, int64_t e) {
      w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t n) {
        for (int64_t j = 0; j < n; ++j) {
          int64_t so = off[1] + j * st[1];
          for (int64_t i = 0; i < k; ++i) so += ip[i][off[2 + i] + j * st[2 + i]] * dim_st[i];
          o[off[0] + j * st[0]] = s[so];
        }
      });
    });
  });
}

Tensor index_select_normalized(const Tensor& self, int64_t dim, const Tensor& idx);

// The one bool/uint8 mask of an index list when it is the only index, sits at
// dim 0 and matches self's leading sizes (self[mask], the common case).
std::optional<Tensor> leading_mask(const Tensor& self,
                                   const std::vector<std::optional<Tensor>>& given) {
  if (given.empty() || !given[0] || !given[0]->defined()) return std::nullopt;
  const Tensor& m = *given[0];
  if (m.dtype() != kBool && m.dtype() != kByte) return std::nullopt;
  for (size_t i = 1; i < given.size(); ++i)
    if (given[i] && given[i]->defined()) return std::nullopt;
  if (m.dim() < 1 || m.dim() > self.dim()) return std::nullopt;
  if (!m.sizes().equals(self.sizes().slice(0, m.dim()))) return std::nullopt;
  return m.dtype() == kBool ? m : m.ne(0);
}

// self[mask] for a leading mask on a contiguous self: the selected rows of
// self viewed as [mask.numel(), inner], copied in two parallel passes.
Tensor mask_rows(const Tensor& self, const Tensor& mask) {
  Tensor m = mask.contiguous();
  const bool* mp = m.data_ptr<bool>();
  const int64_t rows = m.numel();
  IntArrayRef rest = self.sizes().slice(m.dim());
  const int64_t inner = multiply_integers(rest);
  Chunks ch(rows, inner);
  std::vector<int64_t> counts(ch.count + 1, 0);
  parallel_for(0, ch.count, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      int64_t k = 0;
      for (int64_t i = ch.begin(c); i < ch.end(c); ++i) k += mp[i];
      counts[c + 1] = k;
    }
  });
  for (int64_t c = 0; c < ch.count; ++c) counts[c + 1] += counts[c];
  DimVector shape{counts[ch.count]};
  shape.insert(shape.end(), rest.begin(), rest.end());
  Tensor out = empty(shape, self.options());
  if (out.numel() == 0) return out;
  const int64_t row = inner * self.itemsize();
  const char* sp = static_cast<const char*>(self.data_ptr());
  char* op = static_cast<char*>(out.data_ptr());
  dispatch_bytes(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    parallel_for(0, ch.count, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        int64_t at = counts[c];
        if (inner == 1) {
          const T* s1 = reinterpret_cast<const T*>(sp);
          T* o1 = reinterpret_cast<T*>(op);
          for (int64_t i = ch.begin(c); i < ch.end(c); ++i)
            if (mp[i]) o1[at++] = s1[i];
        } else {
          for (int64_t i = ch.begin(c); i < ch.end(c); ++i)
            if (mp[i]) std::memcpy(op + (at++) * row, sp + i * row, row);
        }
      }
    });
  });
  return out;
}

}  // namespace

static Tensor raw_index(const Tensor& self, const std::vector<std::optional<Tensor>>& indices) {
  if (self.is_contiguous()) {
    if (auto m = leading_mask(self, indices)) return mask_rows(self, *m);
  }
  auto a = make_advanced_index(self, indices);
  if (!a) return clone(self);
  if (a->indices.size() == 1) {
    // One index tensor: index_select along its dim, then unflatten the index shape.
    const Tensor& idx = a->indices[0];
    Tensor flat = idx.dim() == 1 ? idx : reshape(idx, {idx.numel()});
    Tensor r = index_select_normalized(a->src, a->first, flat);
    return idx.dim() == 1 ? r : view(r, a->result_shape);
  }
  Tensor out = empty(a->result_shape, self.options());
  if (out.numel() > 0) advanced_gather(out, *a);
  return out;
}

static Tensor& raw_index_put_(Tensor& self, const std::vector<std::optional<Tensor>>& indices,
                   const Tensor& values, bool accumulate) {
  WICK_CHECK(self.dtype() == values.dtype(),
             "Index put requires the source and destination dtypes match, got ", self.dtype(),
             " for the destination and ", values.dtype(), " for the source.");
  if (!accumulate && values.dim() == 0) {
    // self[mask] = value: a masked fill, the mask aligned to self's leading dims.
    if (auto m = leading_mask(self, indices)) {
      DimVector ms = m->sizes().vec();
      ms.resize(self.dim(), 1);
      return masked_fill_(self, reshape(*m, ms), values.item());
    }
  }
  auto a = make_advanced_index(self, indices);
  if (!a) {
    if (accumulate) return self.add_(values);
    return copy_(self, values);
  }
  // values must broadcast to the result shape.
  {
    IntArrayRef vs = values.sizes();
    const DimVector& rs = a->result_shape;
    bool ok = vs.size() <= rs.size();
    for (size_t i = 0; ok && i < vs.size(); ++i) {
      const int64_t v = vs[vs.size() - 1 - i], r = rs[rs.size() - 1 - i];
      ok = v == r || v == 1;
    }
    WICK_CHECK(ok, "shape mismatch: value tensor of shape ", vs,
               " cannot be broadcast to indexing result of shape ", IntArrayRef(rs));
  }
  Tensor v = expand(values, a->result_shape);
  const int64_t k = static_cast<int64_t>(a->indices.size());
  if (k == 1) {
    // One index tensor: scatter whole slices along its dim (parallel even when
    // accumulating, as two slices of one position never meet).
    const Tensor& idx = a->indices[0];
    DimVector shape(a->src.sizes().begin(), a->src.sizes().end());
    shape[a->first] = idx.numel();
    Tensor v2 = reshape(v, shape);
    DimVector vst = v2.strides().vec();
    for (size_t d = 0; d < shape.size(); ++d)
      if (shape[d] == 1) vst[d] = 0;
    Tensor src = a->src;
    scatter_kernel(src, a->first, shape, idx.data_ptr<int64_t>(),
                   along_dim_strides(static_cast<int64_t>(shape.size()), a->first), v2, vst,
                   accumulate ? Op::Add : Op::Assign, "index_put_");
    self.bump_version();
    return self;
  }
  std::vector<DimVector> strides{v.strides().vec(), src_strides_over_result(*a)};
  for (const auto& s : a->index_strides) strides.push_back(s);
  Walker w(a->result_shape, strides);
  std::vector<const int64_t*> ip;
  DimVector dim_st;
  for (int64_t i = 0; i < k; ++i) {
    ip.push_back(a->indices[i].data_ptr<int64_t>());
    dim_st.push_back(a->src.stride(a->first + i));
  }
  self.bump_version();
  if (w.numel() == 0) return self;
  auto body = [&]<typename T, Op R>() {
    const T* vp = static_cast<const T*>(v.data_ptr());
    T* s = static_cast<T*>(a->src.data_ptr());
    auto run = [&](int64_t b, int64_t e) {
      w.run(b, e, [&](const int64_t* off, const int64_t* st, int64_t n) {
        for (int64_t j = 0; j < n; ++j) {
          int64_t so = off[1] + j * st[1];
          for (int64_t i = 0; i < k; ++i) so += ip[i][off[2 + i] + j * st[2 + i]] * dim_st[i];
          combine<T, R>(s + so, vp[off[0] + j * st[0]]);
        }
      });
    };
    // Accumulation may hit one element from several positions: serial.
    if constexpr (R == Op::Assign) parallel_for(0, w.numel(), kGrainSize / 4, run);
    else run(0, w.numel());
  };
  if (accumulate) {
    dispatch_combine(self.dtype(), Op::Add, "index_put_", body);
  } else {
    dispatch_bytes(self.itemsize(), [&](auto tag) { body.template operator()<decltype(tag), Op::Assign>(); });
  }
  return self;
}

static Tensor raw_index_put(const Tensor& self, const std::vector<std::optional<Tensor>>& indices,
                 const Tensor& values, bool accumulate) {
  Tensor out = clone(self);
  return index_put_(out, indices, values, accumulate);
}

// ---- gather / scatter ---------------------------------------------------------------------

static Tensor raw_gather(const Tensor& self, int64_t dim, const Tensor& index, bool /*sparse_grad*/) {
  Tensor out = empty(index.sizes(), self.options());
  return gather_out(out, self, dim, index);
}

Tensor& gather_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                   bool /*sparse_grad*/) {
  autograd::check_out_no_grad("gather", out, self, index);
  dim = maybe_wrap_dim(dim, self.dim());
  check_int64_index("gather", index);
  gather_shape_check(self, dim, index);
  WICK_CHECK(out.dtype() == self.dtype(), "Expected out tensor to have dtype ",
             cpp_type_name(self.dtype()), ", but got ", cpp_type_name(out.dtype()), " instead");
  if (!out.sizes().equals(index.sizes())) out.resize_(index.sizes());
  if (index.numel() == 0) return out;
  out.bump_version();
  gather_kernel(out, self, dim, index.data_ptr<int64_t>(), strides1(index), /*check=*/true);
  return out;
}

static Tensor raw_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = clone(self);
  return scatter_src_(out, dim, index, src, Op::Assign);
}
static Tensor raw_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = clone(self);
  return scatter_value_(out, dim, index, value, Op::Assign);
}
static Tensor raw_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
               const std::string& reduce) {
  Op op = scatter_reduce_op(reduce);
  Tensor out = clone(self);
  return scatter_src_(out, dim, index, src, op);
}
static Tensor raw_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
               const std::string& reduce) {
  Op op = scatter_reduce_op(reduce);
  Tensor out = clone(self);
  return scatter_value_(out, dim, index, value, op);
}
static Tensor& raw_scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_src_(self, dim, index, src, Op::Assign);
}
static Tensor& raw_scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  return scatter_value_(self, dim, index, value, Op::Assign);
}
static Tensor& raw_scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                 const std::string& reduce) {
  return scatter_src_(self, dim, index, src, scatter_reduce_op(reduce));
}
static Tensor& raw_scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                 const std::string& reduce) {
  return scatter_value_(self, dim, index, value, scatter_reduce_op(reduce));
}
Tensor& scatter_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                    const Tensor& src) {
  autograd::check_out_no_grad("scatter", out, self, index, src);
  return assign_out(out, scatter(self, dim, index, src));
}
Tensor& scatter_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                    const Scalar& value) {
  autograd::check_out_no_grad("scatter", out, self, index);
  return assign_out(out, scatter(self, dim, index, value));
}

static Tensor raw_scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = clone(self);
  return scatter_src_(out, dim, index, src, Op::Add);
}
static Tensor& raw_scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_src_(self, dim, index, src, Op::Add);
}
Tensor& scatter_add_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                        const Tensor& src) {
  autograd::check_out_no_grad("scatter_add", out, self, index, src);
  return assign_out(out, scatter_add(self, dim, index, src));
}

static Tensor& raw_scatter_reduce_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                        const std::string& reduce, bool include_self) {
  Op op = Op::Add;
  const bool mean = reduce == "mean";
  if (reduce == "sum" || mean) op = Op::Add;
  else if (reduce == "prod") op = Op::Mul;
  else if (reduce == "amax") op = Op::Max;
  else if (reduce == "amin") op = Op::Min;
  else
    WICK_CHECK(false, "reduce argument must be either sum, prod, mean, amax or amin, got ", reduce);
  dim = maybe_wrap_dim(dim, self.dim());
  check_int64_index("scatter", index);
  WICK_CHECK(self.dtype() == src.dtype(), "scatter(): Expected self.dtype to be equal to src.dtype");
  scatter_shape_check(self, dim, index, &src);
  if (mean && self.dtype() == kBool)
    throw NotImplementedError(
        "\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'");
  if (index.numel() == 0) return self;
  check_dim_index_values(index, dim, sizes1(self)[dim]);
  const DimVector ishape = sizes1(index);
  const int64_t* ip = index.data_ptr<int64_t>();
  const DimVector ist = strides1(index);
  if (!include_self) {
    // The receiving positions start from the reduction's identity.
    Scalar init = 0;
    if (op == Op::Mul) {
      init = 1;
    } else if (op == Op::Max || op == Op::Min) {
      const bool mx = op == Op::Max;
      init = WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "scatter_reduce", [&]() -> Scalar {
        if constexpr (std::is_same_v<scalar_t, bool>) {
          return Scalar(!mx);
        } else if constexpr (std::is_integral_v<scalar_t>) {
          return Scalar(mx ? std::numeric_limits<scalar_t>::lowest()
                           : std::numeric_limits<scalar_t>::max());
        } else {
          const double inf = std::numeric_limits<double>::infinity();
          return Scalar(mx ? -inf : inf);
        }
      });
    }
    Tensor v = scalar_of(init, self.options());
    scatter_kernel(self, dim, ishape, ip, ist, v, DimVector(ishape.size(), 0), Op::Assign,
                   "scatter_reduce");
  }
  scatter_kernel(self, dim, ishape, ip, ist, src, strides1(src), op, "scatter_reduce");
  if (mean) {
    // Divide by how many values each position received (plus self when included).
    Tensor count = zeros(self.sizes(), TensorOptions(kLong));
    Tensor one = scalar_of(1, TensorOptions(kLong));
    scatter_kernel(count, dim, ishape, ip, ist, one, DimVector(ishape.size(), 0), Op::Add,
                   "scatter_reduce");
    const int64_t* cp = count.data_ptr<int64_t>();
    Walker w(sizes1(self), {strides1(self), strides1(count)});
    const int64_t extra = include_self ? 1 : 0;
    WICK_DISPATCH_ALL_TYPES(self.dtype(), "scatter_reduce", [&] {
      scalar_t* sp = static_cast<scalar_t*>(self.data_ptr());
      w.run(0, w.numel(), [&](const int64_t* off, const int64_t* st, int64_t n) {
        for (int64_t j = 0; j < n; ++j) {
          const int64_t c = cp[off[1] + j * st[1]] + extra;
          if (c <= 1) continue;
          scalar_t* p = sp + off[0] + j * st[0];
          if constexpr (std::is_integral_v<scalar_t>) {
            const int64_t x = static_cast<int64_t>(*p);
            int64_t q = x / c;
            if ((x % c != 0) && ((x < 0) != (c < 0))) --q;  // floor division
            *p = static_cast<scalar_t>(q);
          } else {
            using A = opmath_t<scalar_t>;
            *p = static_cast<scalar_t>(static_cast<A>(*p) / static_cast<A>(c));
          }
        }
      });
    });
  }
  return self;
}

static Tensor raw_scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      const std::string& reduce, bool include_self) {
  Tensor out = clone(self);
  return scatter_reduce_(out, dim, index, src, reduce, include_self);
}
Tensor& scatter_reduce_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                           const Tensor& src, const std::string& reduce, bool include_self) {
  autograd::check_out_no_grad("scatter_reduce", out, self, index, src);
  return assign_out(out, scatter_reduce(self, dim, index, src, reduce, include_self));
}

// ---- index_select -----------------------------------------------------------------------

namespace {

// self's slices along dim at idx (1-d int64 already in range), as a new contiguous tensor.
Tensor index_select_normalized(const Tensor& self, int64_t dim, const Tensor& idx) {
  const int64_t n = idx.numel();
  DimVector shape = self.sizes().vec();
  shape[dim] = n;
  Tensor out = empty(shape, self.options());
  if (out.numel() == 0) return out;
  const int64_t* ip = idx.data_ptr<int64_t>();
  if (self.is_contiguous()) {
    // Rows of `inner` contiguous elements: memcpy each selected row.
    const int64_t outer = multiply_integers(IntArrayRef(shape).slice(0, dim));
    const int64_t inner = multiply_integers(IntArrayRef(shape).slice(dim + 1));
    const int64_t size = self.size(dim);
    const int64_t isz = self.itemsize();
    const char* s = static_cast<const char*>(self.data_ptr());
    char* o = static_cast<char*>(out.data_ptr());
    if (inner > 1) {
      const int64_t row = inner * isz;
      parallel_for(0, outer * n, std::max<int64_t>(1, kGrainSize / inner), [&](int64_t b, int64_t e) {
        for (int64_t r = b; r < e; ++r) {
          const int64_t oi = r / n, j = r % n;
          std::memcpy(o + r * row, s + (oi * size + ip[j]) * row, row);
        }
      });
    } else {
      dispatch_bytes(isz, [&](auto tag) {
        using T = decltype(tag);
        const T* sp = reinterpret_cast<const T*>(s);
        T* op = reinterpret_cast<T*>(o);
        parallel_for(0, outer, std::max<int64_t>(1, kGrainSize / n), [&](int64_t b, int64_t e) {
          for (int64_t oi = b; oi < e; ++oi) {
            const T* row = sp + oi * size;
            T* dst = op + oi * n;
            for (int64_t j = 0; j < n; ++j) dst[j] = row[ip[j]];
          }
        });
      });
    }
    return out;
  }
  gather_kernel(out, self, dim, ip, along_dim_strides(self.dim(), dim));
  return out;
}

Tensor checked_select_index(const char* name, const Tensor& self, int64_t dim, const Tensor& index) {
  WICK_CHECK_T(IndexError, index.dim() <= 1, name, "(): Index is supposed to be a vector");
  WICK_CHECK(index.dtype() == kLong || index.dtype() == kInt, name,
             "(): Expected dtype int32 or int64 for index");
  const int64_t size = sizes1(self)[dim];
  return normalized_index(index, size, /*wrap=*/false, [](int64_t) {
    WICK_CHECK_T(IndexError, false, "index out of range in self");
  });
}

}  // namespace

static Tensor raw_index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  dim = maybe_wrap_dim(dim, self.dim());
  Tensor idx = checked_select_index("index_select", self, dim, index);
  if (self.dim() == 0) return clone(self);
  return index_select_normalized(self, dim, reshape(idx, {idx.numel()}));
}

Tensor& index_select_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index) {
  autograd::check_out_no_grad("index_select", out, self, index);
  WICK_CHECK(out.dtype() == self.dtype(),
             "index_select(): self and result must have the same scalar type");
  Tensor r = index_select(self, dim, index);
  if (!out.sizes().equals(r.sizes())) out.resize_(r.sizes());
  return copy_(out, r);
}

// ---- index_add / index_copy / index_fill ------------------------------------------------

namespace {

// The shared checks of index_add_ and index_copy_ past the index ones.
void check_index_source(const char* name, const Tensor& self, int64_t dim, const Tensor& source,
                        bool copy_style) {
  const int64_t nd = self.dim();
  if (copy_style) {
    WICK_CHECK_T(IndexError, source.dim() == 0 || nd == 0 || source.dim() == nd, name,
                 "(): When source and destination are not scalars, their dimensionality must "
                 "match. Source dimensionality (", source.dim(), "), destination dimensionality (",
                 nd, ")");
    DimVector a = self.sizes().vec(), b = source.sizes().vec();
    if (!a.empty()) a.erase(a.begin() + dim);
    if (!b.empty()) b.erase(b.begin() + dim);
    if (a != b) {
      auto join = [](const DimVector& v) {
        std::string s;
        for (size_t i = 0; i < v.size(); ++i) s += str(i ? " " : "", v[i]);
        return s;
      };
      WICK_CHECK(false, name, "(): Source/destination tensor must have same slice shapes. "
                 "Destination slice shape: ", join(a), " at dimension ", dim,
                 " and source slice shape: ", join(b), " at dimension 0.");
    }
  } else {
    WICK_CHECK(source.dim() == 0 || dim < source.dim(), name, "(): Indexing dim ", dim,
               " is out of bounds of the source tensor with dim ", source.dim());
    WICK_CHECK(source.dim() == 0 || nd == 0 || source.dim() == nd, name,
               "(): Source and destination must have the same number of dimensions");
    // The source slices broadcast to the destination slices (as add_ does).
    for (int64_t d = nd - 1; d >= 0 && source.dim() > 0; --d) {
      if (d == dim) continue;
      const int64_t a = self.size(d), b = source.size(d);
      const int64_t sd = d > dim ? d - 1 : d;
      WICK_CHECK(a == b || b == 1, "The size of tensor a (", a, ") must match the size of tensor b (",
                 b, ") at non-singleton dimension ", sd);
    }
  }
}

// Scatters source's slices into self's slices idx[i] along dim.
void index_scatter(Tensor& self, int64_t dim, const Tensor& idx, const Tensor& source, Op op,
                   const char* name) {
  if (idx.numel() == 0) return;
  const int64_t nd = dim1(self);
  DimVector shape = sizes1(self);
  shape[dim] = idx.numel();
  DimVector sst(nd, 0);
  if (source.dim() > 0) {
    for (int64_t d = 0; d < nd; ++d) sst[d] = source.size(d) == 1 && d != dim ? 0 : source.stride(d);
  }
  scatter_kernel(self, dim, shape, idx.data_ptr<int64_t>(), along_dim_strides(nd, dim), source,
                 sst, op, name);
}

}  // namespace

static Tensor& raw_index_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha) {
  dim = maybe_wrap_dim(dim, self.dim());
  WICK_CHECK_T(IndexError, index.dim() <= 1,
               "index_add_(): Index is supposed to be a vector, but got dim: ", index.dim(),
               " with type: ", index.dtype(), " and size: ", index.sizes());
  WICK_CHECK(index.dtype() == kLong || index.dtype() == kInt,
             "index_add_(): Expected dtype int32/int64 for index but got: ", index.dtype());
  const int64_t src_n = source.dim() > 0 ? source.size(std::min<int64_t>(dim, source.dim() - 1)) : 1;
  WICK_CHECK(self.dtype() == source.dtype(), "index_add_(): self (", self.dtype(),
             ") and source (", source.dtype(), ") must have the same scalar type");
  WICK_CHECK(source.dim() == 0 || dim < source.dim(),
             "index_add_(): Indexing dim ", dim, " is out of bounds of the source tensor with dim ",
             source.dim());
  WICK_CHECK(index.numel() == src_n, "index_add_(): Number of indices (", index.numel(),
             ") should be equal to source.size(dim): (", src_n, "), for dim: ", dim);
  check_index_source("index_add_", self, dim, source, false);
  Tensor idx = checked_select_index("index_add_", self, dim, index);
  Tensor src = source;
  const bool unit = alpha.isFloatingPoint() ? alpha.toDouble() == 1.0 : alpha.toLong() == 1;
  if (!unit) src = mul(source, alpha).to(self.dtype());
  index_scatter(self, dim, idx, src, Op::Add, "index_add_");
  return self;
}

static Tensor raw_index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha) {
  Tensor out = clone(self);
  return index_add_(out, dim, index, source, alpha);
}
Tensor& index_add_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                      const Tensor& source, const Scalar& alpha) {
  autograd::check_out_no_grad("index_add", out, self, index, source);
  return assign_out(out, index_add(self, dim, index, source, alpha));
}

static Tensor& raw_index_copy_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  dim = maybe_wrap_dim(dim, self.dim());
  WICK_CHECK_T(IndexError, index.dim() <= 1, "index_copy_(): Index should have dimension 1 or 0 (got ",
               index.dim(), ")");
  WICK_CHECK(index.dtype() == kLong, "index_copy_(): Expected a long tensor for index, but got ",
             index.dtype());
  WICK_CHECK(self.dtype() == source.dtype(),
             "index_copy_(): self and source expected to have the same dtype, but got (self) ",
             self.dtype(), " and (source) ", source.dtype());
  WICK_CHECK_T(IndexError, source.dim() == 0 || self.dim() == 0 || source.dim() == self.dim(),
               "index_copy_(): When source and destination are not scalars, their dimensionality "
               "must match. Source dimensionality (", source.dim(), "), destination dimensionality (",
               self.dim(), ")");
  const int64_t src_n = source.dim() > 0 ? source.size(std::min<int64_t>(dim, source.dim() - 1)) : 1;
  WICK_CHECK_T(IndexError, index.numel() == src_n, "index_copy_(): Number of indices (",
               index.numel(), ") should be equal to source.size(dim) (", src_n, ")");
  check_index_source("index_copy_", self, dim, source, true);
  const int64_t size = sizes1(self)[dim];
  Tensor idx = normalized_index(index, size, /*wrap=*/false, [&](int64_t v) {
    WICK_CHECK_T(IndexError, false, "index_copy_(): index ", v, " is out of bounds for dimension ",
                 dim, " with size ", size);
  });
  index_scatter(self, dim, idx, source, Op::Assign, "index_copy_");
  return self;
}

static Tensor raw_index_copy(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  Tensor out = clone(self);
  return index_copy_(out, dim, index, source);
}
Tensor& index_copy_out(Tensor& out, const Tensor& self, int64_t dim, const Tensor& index,
                       const Tensor& source) {
  autograd::check_out_no_grad("index_copy", out, self, index, source);
  return assign_out(out, index_copy(self, dim, index, source));
}

static Tensor& raw_index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  dim = maybe_wrap_dim(dim, self.dim());
  WICK_CHECK_T(IndexError, index.dtype() == kLong, "index_fill_(): Expected dtype int64 for index.");
  WICK_CHECK(index.dim() <= 1, "Index has to be a vector/scalar");
  const int64_t size = sizes1(self)[dim];
  Tensor idx = normalized_index(index, size, /*wrap=*/true, [&](int64_t v) {
    WICK_CHECK_T(IndexError, false, "index ", v, " is out of bounds for dimension ", dim,
                 " with size ", size);
  });
  index_scatter(self, dim, idx, scalar_of(value, self.options()), Op::Assign, "index_fill_");
  return self;
}

static Tensor& raw_index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  WICK_CHECK(value.dim() == 0,
             "index_fill_ only supports a 0-dimensional value tensor, but got tensor with ",
             value.dim(), " dimension(s).");
  return index_fill_(self, dim, index, value.item());
}

static Tensor raw_index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = clone(self);
  return index_fill_(out, dim, index, value);
}
static Tensor raw_index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  Tensor out = clone(self);
  return index_fill_(out, dim, index, value);
}

// ---- masks ------------------------------------------------------------------------------

namespace {

void check_bool_mask(const char* name, const Tensor& mask) {
  WICK_CHECK(mask.dtype() == kBool, name, " only supports boolean masks, but got mask with dtype ",
             cpp_type_name(mask.dtype()));
}

// out = mask ? value : in, elementwise with broadcasting (out given).
void masked_fill_kernel(const Tensor& out, const Tensor& in, const Tensor& mask,
                        const Scalar& value) {
  auto iter = TensorIteratorConfig()
                  .name("masked_fill_")
                  .add_output(out)
                  .add_input(in)
                  .add_input(mask)
                  .resize_outputs(false)
                  .promote_inputs_to_common_dtype(false)
                  .cast_common_dtype_to_outputs(false)
                  .enforce_safe_casting_to_output(false)
                  .build();
  Tensor v = scalar_of(value, out.options());
  dispatch_bytes(out.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T bits;
    std::memcpy(&bits, v.data_ptr(), sizeof(T));
    kernels::cpu_kernel(iter, [bits](T s, bool m) -> T { return m ? bits : s; });
  });
}

}  // namespace

static Tensor raw_masked_select(const Tensor& self, const Tensor& mask) {
  WICK_CHECK(mask.dtype() == kBool, "masked_select: expected BoolTensor for mask");
  DimVector shape = infer_size(self.sizes(), mask.sizes());
  Tensor s = expand(self, shape), m = expand(mask, shape);
  Walker w(shape, {s.strides().vec(), m.strides().vec()});
  const bool* mp = m.data_ptr<bool>();
  Chunks ch(w.numel());
  std::vector<int64_t> counts(ch.count + 1, 0);
  parallel_for(0, ch.count, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      int64_t k = 0;
      w.run(ch.begin(c), ch.end(c), [&](const int64_t* off, const int64_t* st, int64_t n) {
        for (int64_t j = 0; j < n; ++j) k += mp[off[1] + j * st[1]];
      });
      counts[c + 1] = k;
    }
  });
  for (int64_t c = 0; c < ch.count; ++c) counts[c + 1] += counts[c];
  Tensor out = empty({counts[ch.count]}, self.options());
  if (out.numel() == 0) return out;
  dispatch_bytes(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* sp = static_cast<const T*>(s.data_ptr());
    T* op = static_cast<T*>(out.data_ptr());
    parallel_for(0, ch.count, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        T* dst = op + counts[c];
        w.run(ch.begin(c), ch.end(c), [&](const int64_t* off, const int64_t* st, int64_t n) {
          for (int64_t j = 0; j < n; ++j)
            if (mp[off[1] + j * st[1]]) *dst++ = sp[off[0] + j * st[0]];
        });
      }
    });
  });
  return out;
}

Tensor& masked_select_out(Tensor& out, const Tensor& self, const Tensor& mask) {
  autograd::check_out_no_grad("masked_select", out, self, mask);
  WICK_CHECK(out.dtype() == self.dtype(),
             "masked_select(): self and result must have the same scalar type");
  Tensor r = masked_select(self, mask);
  if (!out.sizes().equals(r.sizes())) out.resize_(r.sizes());
  return copy_(out, r);
}

static Tensor& raw_masked_fill_(Tensor& self, const Tensor& mask, const Scalar& value) {
  check_bool_mask("masked_fill_", mask);
  masked_fill_kernel(self, self, mask, value);
  return self;
}

static Tensor& raw_masked_fill_(Tensor& self, const Tensor& mask, const Tensor& value) {
  WICK_CHECK(value.dim() == 0,
             "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ",
             value.dim(), " dimension(s).");
  return masked_fill_(self, mask, value.item());
}

static Tensor raw_masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  check_bool_mask("masked_fill_", mask);
  Tensor out = empty(infer_size(self.sizes(), mask.sizes()), self.options());
  masked_fill_kernel(out, self, mask, value);
  return out;
}

static Tensor raw_masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  WICK_CHECK(value.dim() == 0,
             "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ",
             value.dim(), " dimension(s).");
  return masked_fill(self, mask, value.item());
}

static Tensor& raw_masked_scatter_(Tensor& self, const Tensor& mask, const Tensor& source) {
  check_bool_mask("masked_scatter_", mask);
  WICK_CHECK(self.dtype() == source.dtype(),
             "masked_scatter: expected self and source to have same dtypes but got",
             self.dtype(), " and ", source.dtype());
  Tensor m = expand(mask, self.sizes());
  Walker w(self.sizes(), {self.strides().vec(), m.strides().vec()});
  const bool* mp = m.data_ptr<bool>();
  int64_t k = 0;
  w.run(0, w.numel(), [&](const int64_t* off, const int64_t* st, int64_t n) {
    for (int64_t j = 0; j < n; ++j) k += mp[off[1] + j * st[1]];
  });
  WICK_CHECK(source.numel() >= k, "Number of elements of source < number of ones in mask");
  if (k == 0) return self;
  Tensor src = source.contiguous();
  self.bump_version();
  dispatch_bytes(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T* sp = static_cast<T*>(self.data_ptr());
    const T* rp = static_cast<const T*>(src.data_ptr());
    w.run(0, w.numel(), [&](const int64_t* off, const int64_t* st, int64_t n) {
      for (int64_t j = 0; j < n; ++j)
        if (mp[off[1] + j * st[1]]) sp[off[0] + j * st[0]] = *rp++;
    });
  });
  return self;
}

static Tensor raw_masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source) {
  check_bool_mask("masked_scatter_", mask);
  DimVector shape = infer_size(self.sizes(), mask.sizes());
  Tensor out = empty(shape, self.options());
  copy_(out, self);
  return masked_scatter_(out, mask, source);
}

// ---- nonzero ------------------------------------------------------------------------------

Tensor nonzero(const Tensor& self) {
  const int64_t nd = self.dim();
  Walker w(self.sizes(), {self.strides().vec()});
  // Flags of the nonzero elements, in row-major order.
  std::vector<uint8_t> flag(static_cast<size_t>(w.numel()));
  Chunks ch(w.numel());
  std::vector<int64_t> counts(ch.count + 1, 0);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "nonzero_cpu", [&] {
    const scalar_t* p = static_cast<const scalar_t*>(self.data_ptr());
    parallel_for(0, ch.count, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        int64_t k = 0, at = ch.begin(c);
        w.run(ch.begin(c), ch.end(c), [&](const int64_t* off, const int64_t* st, int64_t n) {
          for (int64_t j = 0; j < n; ++j) {
            const bool nz = static_cast<opmath_t<scalar_t>>(p[off[0] + j * st[0]]) != 0;
            flag[at++] = nz;
            k += nz;
          }
        });
        counts[c + 1] = k;
      }
    });
  });
  for (int64_t c = 0; c < ch.count; ++c) counts[c + 1] += counts[c];
  const int64_t total = counts[ch.count];
  Tensor out = empty({total, nd}, TensorOptions(kLong));
  if (total == 0 || nd == 0) return out;
  int64_t* o = out.data_ptr<int64_t>();
  IntArrayRef sizes = self.sizes();
  parallel_for(0, ch.count, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      int64_t* dst = o + counts[c] * nd;
      DimVector coord(nd);
      int64_t rem = ch.begin(c);
      for (int64_t d = nd - 1; d >= 0; --d) {
        coord[d] = rem % sizes[d];
        rem /= sizes[d];
      }
      for (int64_t i = ch.begin(c); i < ch.end(c); ++i) {
        if (flag[i]) {
          for (int64_t d = 0; d < nd; ++d) *dst++ = coord[d];
        }
        for (int64_t d = nd - 1; d >= 0; --d) {
          if (++coord[d] < sizes[d]) break;
          coord[d] = 0;
        }
      }
    }
  });
  return out;
}

Tensor& nonzero_out(Tensor& out, const Tensor& self) {
  WICK_CHECK(out.dtype() == kLong,
             "nonzero: Expected out tensor to have scalar type Long but got scalar type",
             out.dtype());
  Tensor r = nonzero(self);
  if (!out.sizes().equals(r.sizes())) out.resize_(r.sizes());
  return copy_(out, r);
}

std::vector<Tensor> nonzero_numpy(const Tensor& self) {
  if (self.dim() == 0) return {select(nonzero(reshape(self, {1})), 1, 0)};
  Tensor nz = nonzero(self);
  std::vector<Tensor> out;
  for (int64_t d = 0; d < self.dim(); ++d) out.push_back(select(nz, 1, d));
  return out;
}

Tensor argwhere(const Tensor& self) { return nonzero(self); }

std::vector<Tensor> where(const Tensor& condition) { return nonzero_numpy(condition); }

// ---- take / put -----------------------------------------------------------------------------

namespace {

// Element offset of row-major position `lin` of t.
inline int64_t linear_offset(int64_t lin, IntArrayRef sizes, IntArrayRef strides) {
  int64_t off = 0;
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    off += (lin % sizes[d]) * strides[d];
    lin /= sizes[d];
  }
  return off;
}

Tensor checked_flat_index(const Tensor& self, const Tensor& index) {
  const int64_t n = self.numel();
  return normalized_index(index, n, /*wrap=*/true, [&](int64_t v) {
    WICK_CHECK_T(IndexError, false, "out of range: tried to access index ", v, " on a tensor of ",
                 n, " elements.");
  });
}

}  // namespace

static Tensor raw_take(const Tensor& self, const Tensor& index) {
  WICK_CHECK(index.dtype() == kLong, "take(): Expected a long tensor for index, but got ",
             index.dtype());
  WICK_CHECK_T(IndexError, self.numel() > 0 || index.numel() == 0,
               "take(): tried to take from an empty tensor");
  Tensor idx = index.contiguous();
  Tensor out = empty(index.sizes(), self.options());
  const int64_t n = idx.numel();
  if (n == 0) return out;
  const int64_t* ip = idx.data_ptr<int64_t>();
  const int64_t total = self.numel();
  const bool contig = self.is_contiguous();
  IntArrayRef sizes = self.sizes(), strides = self.strides();
  dispatch_bytes(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* sp = static_cast<const T*>(self.data_ptr());
    T* op = static_cast<T*>(out.data_ptr());
    parallel_for(0, n, kGrainSize / 4, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        int64_t v = ip[i];
        if (v < 0) v += total;
        WICK_CHECK_T(IndexError, v >= 0 && v < total, "out of range: tried to access index ",
                     ip[i], " on a tensor of ", total, " elements.");
        op[i] = contig ? sp[v] : sp[linear_offset(v, sizes, strides)];
      }
    });
  });
  return out;
}

Tensor& take_out(Tensor& out, const Tensor& self, const Tensor& index) {
  autograd::check_out_no_grad("take", out, self, index);
  WICK_CHECK(out.dtype() == self.dtype(),
             "take(): self and out expected to have the same dtype, but got self.dtype = ",
             self.dtype(), " and out.dtype = ", out.dtype());
  Tensor r = take(self, index);
  if (!out.sizes().equals(r.sizes())) out.resize_(r.sizes());
  return copy_(out, r);
}

static Tensor& raw_put_(Tensor& self, const Tensor& index, const Tensor& source, bool accumulate) {
  WICK_CHECK(index.dtype() == kLong, "put_(): Expected a long tensor for index, but got ",
             index.dtype());
  WICK_CHECK(self.dtype() == source.dtype(),
             "put_(): self and source expected to have the same dtype, but got self.dtype = ",
             self.dtype(), " and source.dtype = ", source.dtype());
  WICK_CHECK_T(IndexError, source.numel() == index.numel(),
               "put_(): Expected source and index to have the same number of elements, but got "
               "source.numel() = ", source.numel(), ", index.numel() = ", index.numel());
  WICK_CHECK_T(IndexError, self.numel() > 0 || index.numel() == 0,
               "put_(): Tried to put elements into an empty tensor");
  Tensor idx = checked_flat_index(self, index);
  const int64_t n = idx.numel();
  if (n == 0) return self;
  Tensor src = source.contiguous();
  const int64_t* ip = idx.data_ptr<int64_t>();
  IntArrayRef sizes = self.sizes(), strides = self.strides();
  const bool contig = self.is_contiguous();
  self.bump_version();
  auto body = [&]<typename T, Op R>() {
    T* sp = static_cast<T*>(self.data_ptr());
    const T* rp = static_cast<const T*>(src.data_ptr());
    for (int64_t i = 0; i < n; ++i) {
      const int64_t off = contig ? ip[i] : linear_offset(ip[i], sizes, strides);
      combine<T, R>(sp + off, rp[i]);
    }
  };
  if (accumulate) dispatch_combine(self.dtype(), Op::Add, "put_", body);
  else dispatch_bytes(self.itemsize(), [&](auto tag) { body.template operator()<decltype(tag), Op::Assign>(); });
  return self;
}

static Tensor raw_put(const Tensor& self, const Tensor& index, const Tensor& source, bool accumulate) {
  Tensor out = clone(self);
  return put_(out, index, source, accumulate);
}

// ---- derivatives ---------------------------------------------------------------------------
//
// Each public op runs its raw_ form (above) under NoGradGuard, so the clones,
// copies and fills inside record nothing, then records one node. In-place
// forms record self as input 0 and as the output (views: CopySlices).

namespace {
using autograd::FormulaNode;
using autograd::variable_list;
using IndexList = std::vector<std::optional<Tensor>>;

// An index list saved from slot `first`; its length is int_at(count_at).
void save_indices(FormulaNode* n, const IndexList& indices) {
  n->keep_int(static_cast<int64_t>(indices.size()));
  for (const auto& t : indices) n->save(t ? *t : Tensor());
}
IndexList saved_indices(FormulaNode& n, size_t count_at, size_t first) {
  IndexList out;
  for (int64_t i = 0; i < n.int_at(count_at); ++i) {
    Tensor t = n.saved(first + i);
    out.push_back(t.defined() ? std::optional<Tensor>(t) : std::nullopt);
  }
  return out;
}

[[noreturn]] void not_differentiable(const char* what) {
  throw Error(str("derivative for ", what, " is not implemented"));
}

// IndexBackward0: g accumulated into zeros at the indexed positions.
// sizes(0) = self's shape; int_at(0) = index count, saved from 0.
variable_list index_backward(FormulaNode& n, const variable_list& g) {
  return {index_put(zeros(n.sizes(0), g[0].options()), saved_indices(n, 0, 0), g[0], true)};
}
// IndexPutBackward0: int_at(0) = accumulate, int_at(1) = index count.
variable_list index_put_backward(FormulaNode& n, const variable_list& g) {
  IndexList idx = saved_indices(n, 1, 0);
  Tensor gs, gv;
  if (n.needs(0)) gs = n.int_at(0) ? g[0] : index_put(g[0], idx, zeros({}, g[0].options()), false);
  if (n.needs(1)) gv = index(g[0], idx);
  return {gs, gv};
}
// gather / scatter family: saved(0) = index, int_at(0) = dim.
variable_list gather_backward(FormulaNode& n, const variable_list& g) {
  return {scatter_add(zeros(n.sizes(0), g[0].options()), n.int_at(0), n.saved(0), g[0])};
}
variable_list scatter_backward(FormulaNode& n, const variable_list& g) {
  const int64_t dim = n.int_at(0);
  Tensor idx = n.saved(0);
  return {n.needs(0) ? scatter(g[0], dim, idx, Scalar(0.0)) : Tensor(),
          n.needs(1) ? gather(g[0], dim, idx) : Tensor()};
}
variable_list scatter_value_backward(FormulaNode& n, const variable_list& g) {
  return {scatter(g[0], n.int_at(0), n.saved(0), Scalar(0.0))};
}
variable_list scatter_add_backward(FormulaNode& n, const variable_list& g) {
  return {n.needs(0) ? g[0] : Tensor(), n.needs(1) ? gather(g[0], n.int_at(0), n.saved(0)) : Tensor()};
}
variable_list scatter_with_reduce_backward(FormulaNode&, const variable_list&) {
  not_differentiable("aten::scatter");
}
// The leading corner of t with the given sizes, and its inverse: t padded
// with zeros at the end of each dim up to `sizes` (differentiable).
Tensor leading_part(const Tensor& t, IntArrayRef sizes) {
  Tensor r = t;
  for (int64_t d = 0; d < r.dim(); ++d)
    if (r.size(d) != sizes[d]) r = r.narrow(d, 0, sizes[d]);
  return r;
}
Tensor zero_pad_to(const Tensor& t, IntArrayRef sizes) {
  Tensor r = t;
  for (int64_t d = 0; d < r.dim(); ++d) {
    if (r.size(d) == sizes[d]) continue;
    DimVector pad = r.sizes().vec();
    pad[d] = sizes[d] - r.size(d);
    r = cat({r, zeros(pad, r.options())}, d);
  }
  return r;
}

// ScatterReduceBackward0: saved(0) = index, (1) = self before the write,
// (2) = src, (3) = the result; int_at: dim, reduction (0 sum, 1 mean, 2 amax/amin,
// 3 prod), include_self; sizes(0) = src's sizes (index may cover only its
// leading part: the rest of src gets zero gradient).
variable_list scatter_reduce_backward(FormulaNode& n, const variable_list& g) {
  const int64_t dim = n.int_at(0), kind = n.int_at(1);
  const bool include_self = n.int_at(2) != 0;
  Tensor idx = n.saved(0);
  const bool part = !n.sizes(0).equals(idx.sizes());
  Tensor gs, gsrc;
  if (kind == 0) {
    gs = g[0];
    if (n.needs(1)) gsrc = gather(g[0], dim, idx);
  } else if (kind == 1) {
    Tensor count = include_self ? ones_like(g[0]) : zeros_like(g[0]);
    count = scatter_add(count, dim, idx, ones(idx.sizes(), g[0].options()));
    count = count.masked_fill(count == 0, 1);
    gs = g[0] / count;
    if (n.needs(1)) gsrc = gather(gs, dim, idx);
  } else if (kind == 2) {
    // The gradient is shared evenly by every value equal to the result.
    Tensor self = n.saved(1), src = leading_part(n.saved(2), idx.sizes()), result = n.saved(3);
    Tensor self_is = (self == result).to(g[0].dtype());
    Tensor src_is = (src == gather(result, dim, idx)).to(g[0].dtype());
    Tensor share = g[0] / scatter_add(self_is, dim, idx, src_is);
    gs = self_is * share;
    if (n.needs(1)) gsrc = src_is * gather(share, dim, idx);
  } else {
    // prod: r = (self) * prod(src over the group). d r/d self = the group's
    // product of src alone; d r/d src_j = r / src_j, or for src_j == 0 the
    // product of the rest of the group (self included), nonzero only when
    // src_j is the group's only zero.
    Tensor self = n.saved(1), src = leading_part(n.saved(2), idx.sizes()), result = n.saved(3);
    gs = g[0] * ones_like(self).scatter_reduce(dim, idx, src, "prod", true);
    if (n.needs(1)) {
      Tensor src_zero = src == 0;
      Tensor masked_src = src.masked_fill(src_zero, 1);
      Tensor zeros_in_group =
          zeros_like(self).scatter_add(dim, idx, src_zero.to(self.dtype()));
      Tensor rest = self.scatter_reduce(dim, idx, masked_src, "prod", include_self);
      Tensor one_zero = gather(zeros_in_group, dim, idx) == 1;
      gsrc = where(src_zero, where(one_zero, gather(g[0] * rest, dim, idx), Scalar(0.0)),
                   gather(g[0] * result, dim, idx) / masked_src);
    }
  }
  // Positions that received values do not see self when it is left out.
  if (!include_self && n.needs(0))
    gs = gs.masked_fill(scatter(zeros_like(g[0]), dim, idx, Scalar(1.0)) != 0, 0);
  if (gsrc.defined() && part) gsrc = zero_pad_to(gsrc, n.sizes(0));
  return {n.needs(0) ? gs : Tensor(), gsrc};
}
// index_select / index_add / index_copy / index_fill: saved(0) = index,
// int_at(0) = dim, sizes(0) = self's shape (index_select) or source's.
variable_list index_select_backward(FormulaNode& n, const variable_list& g) {
  if (n.sizes(0).empty()) return {g[0]};
  return {index_add(zeros(n.sizes(0), g[0].options()), n.int_at(0), n.saved(0), g[0])};
}
variable_list index_add_backward(FormulaNode& n, const variable_list& g) {
  Tensor gsrc;
  if (n.needs(1))
    gsrc = (index_select(g[0], n.int_at(0), n.saved(0)) * n.scalar(0)).reshape(n.sizes(0));
  return {n.needs(0) ? g[0] : Tensor(), gsrc};
}
variable_list index_copy_backward(FormulaNode& n, const variable_list& g) {
  const int64_t dim = n.int_at(0);
  Tensor idx = n.saved(0);
  return {n.needs(0) ? index_fill(g[0], dim, idx, Scalar(0.0)) : Tensor(),
          n.needs(1) ? index_select(g[0], dim, idx).reshape(n.sizes(0)) : Tensor()};
}
// IndexFillBackward0/1: the value takes the sum of g over the filled
// positions (each counted once, however often the index names it).
variable_list index_fill_backward(FormulaNode& n, const variable_list& g) {
  Tensor kept = index_fill(g[0], n.int_at(0), n.saved(0), Scalar(0.0));
  variable_list out{n.needs(0) ? kept : Tensor()};
  if (n.num_outputs() > 1) out.push_back(n.needs(1) ? (g[0] - kept).sum() : Tensor());
  return out;
}
// masked ops: saved(0) = mask.
variable_list masked_fill_backward(FormulaNode& n, const variable_list& g) {
  Tensor mask = n.saved(0);
  variable_list out{n.needs(0) ? g[0].masked_fill(mask, 0) : Tensor()};
  if (n.num_outputs() > 1) out.push_back(n.needs(1) ? where(mask, g[0], Scalar(0.0)).sum() : Tensor());
  return out;
}
// sizes(0) = the broadcast shape of self and mask.
variable_list masked_select_backward(FormulaNode& n, const variable_list& g) {
  return {masked_scatter(zeros(n.sizes(0), g[0].options()), n.saved(0), g[0])};
}
// sizes(0) = source's shape; source elements past the mask's count get zeros.
variable_list masked_scatter_backward(FormulaNode& n, const variable_list& g) {
  Tensor mask = n.saved(0);
  Tensor gsrc;
  if (n.needs(1)) {
    Tensor picked = masked_select(g[0], mask);
    const int64_t total = multiply_integers(n.sizes(0));
    const int64_t pad = total - picked.numel();
    if (pad > 0) picked = cat({picked, zeros({pad}, g[0].options())}, 0);
    gsrc = picked.reshape(n.sizes(0));
  }
  return {n.needs(0) ? g[0].masked_fill(mask, 0) : Tensor(), gsrc};
}
// take / put: saved(0) = index; sizes(0) = self's (take) or source's (put) shape.
variable_list take_backward(FormulaNode& n, const variable_list& g) {
  return {put(zeros(n.sizes(0), g[0].options()), n.saved(0), g[0], true)};
}
variable_list put_backward(FormulaNode& n, const variable_list& g) {
  Tensor idx = n.saved(0);
  Tensor gs, gsrc;
  if (n.needs(0))
    gs = n.int_at(0) ? g[0] : put(g[0], idx, zeros(n.sizes(0), g[0].options()), false);
  if (n.needs(1)) gsrc = take(g[0], idx).reshape(n.sizes(0));
  return {gs, gsrc};
}

bool wants_grad(const Tensor& a) { return autograd::compute_requires_grad(a); }
bool wants_grad(const Tensor& a, const Tensor& b) { return autograd::compute_requires_grad(a, b); }

// Runs body (the raw op) without recording; then `rec` records when wanted.
template <typename F>
Tensor no_grad_run(const F& body) {
  autograd::NoGradGuard no_grad;
  return body();
}

int64_t scatter_reduce_kind(const std::string& reduce) {
  if (reduce == "sum") return 0;
  if (reduce == "mean") return 1;
  if (reduce == "amax" || reduce == "amin") return 2;
  return 3;
}
}  // namespace

Tensor index(const Tensor& self, const IndexList& indices) {
  Tensor out = no_grad_run([&] { return raw_index(self, indices); });
  if (wants_grad(self))
    if (auto* n = autograd::record("IndexBackward0", index_backward, {self}, {out})) {
      n->keep(self.sizes());
      save_indices(n, indices);
    }
  return out;
}

namespace {
void record_index_put(const Tensor& self, const IndexList& indices, const Tensor& values,
                      bool accumulate, const Tensor& out) {
  if (auto* n = autograd::record("IndexPutBackward0", index_put_backward, {self, values}, {out})) {
    n->keep_int(accumulate);
    save_indices(n, indices);
  }
}
}  // namespace

Tensor& index_put_(Tensor& self, const IndexList& indices, const Tensor& values, bool accumulate) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, values);
  no_grad_run([&] { return raw_index_put_(self, indices, values, accumulate); });
  if (grad) record_index_put(self, indices, values, accumulate, self);
  return self;
}
Tensor index_put(const Tensor& self, const IndexList& indices, const Tensor& values, bool accumulate) {
  Tensor out = no_grad_run([&] { return raw_index_put(self, indices, values, accumulate); });
  if (wants_grad(self, values)) record_index_put(self, indices, values, accumulate, out);
  return out;
}

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool sparse_grad) {
  Tensor out = no_grad_run([&] { return raw_gather(self, dim, index, sparse_grad); });
  if (wants_grad(self))
    if (auto* n = autograd::record("GatherBackward0", gather_backward, {self}, {out}))
      n->save(index)->keep(self.sizes())->keep_int(maybe_wrap_dim(dim, self.dim()));
  return out;
}

namespace {
void record_scatter(const char* name, autograd::Formula f, const Tensor& self, int64_t dim,
                    const Tensor& index, const Tensor& src, const Tensor& out) {
  const bool has_src = src.defined();
  if (auto* n = has_src ? autograd::record(name, f, {self, src}, {out})
                        : autograd::record(name, f, {self}, {out}))
    n->save(index)->keep_int(maybe_wrap_dim(dim, self.dim()));
}
}  // namespace

Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = no_grad_run([&] { return raw_scatter(self, dim, index, src); });
  if (wants_grad(self, src)) record_scatter("ScatterBackward0", scatter_backward, self, dim, index, src, out);
  return out;
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = no_grad_run([&] { return raw_scatter(self, dim, index, value); });
  if (wants_grad(self))
    record_scatter("ScatterBackward1", scatter_value_backward, self, dim, index, Tensor(), out);
  return out;
}
// The reduce= forms have no derivative (as in PyTorch): backward through them raises.
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
               const std::string& reduce) {
  Tensor out = no_grad_run([&] { return raw_scatter(self, dim, index, src, reduce); });
  if (wants_grad(self, src))
    record_scatter("wick::autograd::NotImplemented", scatter_with_reduce_backward, self, dim, index, src, out);
  return out;
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
               const std::string& reduce) {
  Tensor out = no_grad_run([&] { return raw_scatter(self, dim, index, value, reduce); });
  if (wants_grad(self))
    record_scatter("wick::autograd::NotImplemented", scatter_with_reduce_backward, self, dim, index, Tensor(), out);
  return out;
}
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, src);
  no_grad_run([&] { return raw_scatter_(self, dim, index, src); });
  if (grad) record_scatter("ScatterBackward0", scatter_backward, self, dim, index, src, self);
  return self;
}
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self);
  no_grad_run([&] { return raw_scatter_(self, dim, index, value); });
  if (grad) record_scatter("ScatterBackward1", scatter_value_backward, self, dim, index, Tensor(), self);
  return self;
}
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                 const std::string& reduce) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, src);
  no_grad_run([&] { return raw_scatter_(self, dim, index, src, reduce); });
  if (grad) record_scatter("wick::autograd::NotImplemented", scatter_with_reduce_backward, self, dim, index, src, self);
  return self;
}
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                 const std::string& reduce) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self);
  no_grad_run([&] { return raw_scatter_(self, dim, index, value, reduce); });
  if (grad)
    record_scatter("wick::autograd::NotImplemented", scatter_with_reduce_backward, self, dim, index, Tensor(), self);
  return self;
}

Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = no_grad_run([&] { return raw_scatter_add(self, dim, index, src); });
  if (wants_grad(self, src))
    record_scatter("ScatterAddBackward0", scatter_add_backward, self, dim, index, src, out);
  return out;
}
Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, src);
  no_grad_run([&] { return raw_scatter_add_(self, dim, index, src); });
  if (grad) record_scatter("ScatterAddBackward0", scatter_add_backward, self, dim, index, src, self);
  return self;
}

namespace {
void record_scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                           const std::string& reduce, bool include_self, const Tensor& out,
                           const Tensor& self_value) {
  const int64_t kind = scatter_reduce_kind(reduce);
  if (auto* n = autograd::record("ScatterReduceBackward0", scatter_reduce_backward, {self, src}, {out})) {
    n->save(index);
    if (kind >= 2) {
      n->save(self_value)->save(src)->save_output(out);
    }
    n->keep_int(maybe_wrap_dim(dim, self.dim()))->keep_int(kind)->keep_int(include_self);
    n->keep(src.sizes());
  }
}
}  // namespace

Tensor scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      const std::string& reduce, bool include_self) {
  Tensor out = no_grad_run([&] { return raw_scatter_reduce(self, dim, index, src, reduce, include_self); });
  if (wants_grad(self, src)) record_scatter_reduce(self, dim, index, src, reduce, include_self, out, self);
  return out;
}
Tensor& scatter_reduce_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                        const std::string& reduce, bool include_self) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, src);
  // amax / amin / prod read self as it was (with its history).
  Tensor original;
  if (grad && scatter_reduce_kind(reduce) >= 2) original = self.clone();
  no_grad_run([&] { return raw_scatter_reduce_(self, dim, index, src, reduce, include_self); });
  if (grad) record_scatter_reduce(self, dim, index, src, reduce, include_self, self, original);
  return self;
}

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  Tensor out = no_grad_run([&] { return raw_index_select(self, dim, index); });
  if (wants_grad(self))
    if (auto* n = autograd::record("IndexSelectBackward0", index_select_backward, {self}, {out}))
      n->save(index)->keep(self.sizes())->keep_int(maybe_wrap_dim(dim, self.dim()));
  return out;
}

namespace {
void record_index_source(const char* name, autograd::Formula f, const Tensor& self, int64_t dim,
                         const Tensor& index, const Tensor& source, const Tensor& out,
                         const Scalar& alpha = 1) {
  if (auto* n = autograd::record(name, f, {self, source}, {out}))
    n->save(index)->keep(source.sizes())->keep_int(maybe_wrap_dim(dim, self.dim()))->keep(alpha);
}
}  // namespace

Tensor index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha) {
  Tensor out = no_grad_run([&] { return raw_index_add(self, dim, index, source, alpha); });
  if (wants_grad(self, source))
    record_index_source("IndexAddBackward0", index_add_backward, self, dim, index, source, out, alpha);
  return out;
}
Tensor& index_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, source);
  no_grad_run([&] { return raw_index_add_(self, dim, index, source, alpha); });
  if (grad) record_index_source("IndexAddBackward0", index_add_backward, self, dim, index, source, self, alpha);
  return self;
}
Tensor index_copy(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  Tensor out = no_grad_run([&] { return raw_index_copy(self, dim, index, source); });
  if (wants_grad(self, source))
    record_index_source("IndexCopyBackward0", index_copy_backward, self, dim, index, source, out);
  return out;
}
Tensor& index_copy_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, source);
  no_grad_run([&] { return raw_index_copy_(self, dim, index, source); });
  if (grad) record_index_source("IndexCopyBackward0", index_copy_backward, self, dim, index, source, self);
  return self;
}

namespace {
void record_index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* value,
                       const Tensor& out) {
  auto* n = value ? autograd::record("IndexFillBackward1", index_fill_backward, {self, *value}, {out})
                  : autograd::record("IndexFillBackward0", index_fill_backward, {self}, {out});
  if (n) n->save(index)->keep_int(maybe_wrap_dim(dim, self.dim()));
}
}  // namespace

Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = no_grad_run([&] { return raw_index_fill(self, dim, index, value); });
  if (wants_grad(self)) record_index_fill(self, dim, index, nullptr, out);
  return out;
}
Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  Tensor out = no_grad_run([&] { return raw_index_fill(self, dim, index, value); });
  if (wants_grad(self, value)) record_index_fill(self, dim, index, &value, out);
  return out;
}
Tensor& index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self);
  no_grad_run([&] { return raw_index_fill_(self, dim, index, value); });
  if (grad) record_index_fill(self, dim, index, nullptr, self);
  return self;
}
Tensor& index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, value);
  no_grad_run([&] { return raw_index_fill_(self, dim, index, value); });
  if (grad) record_index_fill(self, dim, index, &value, self);
  return self;
}

Tensor masked_select(const Tensor& self, const Tensor& mask) {
  Tensor out = no_grad_run([&] { return raw_masked_select(self, mask); });
  if (wants_grad(self))
    if (auto* n = autograd::record("MaskedSelectBackward0", masked_select_backward, {self}, {out}))
      n->save(mask)->keep(infer_size(self.sizes(), mask.sizes()));
  return out;
}

namespace {
void record_masked_fill(const Tensor& self, const Tensor& mask, const Tensor* value, const Tensor& out) {
  auto* n = value ? autograd::record("MaskedFillBackward1", masked_fill_backward, {self, *value}, {out})
                  : autograd::record("MaskedFillBackward0", masked_fill_backward, {self}, {out});
  if (n) n->save(mask);
}
}  // namespace

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  Tensor out = no_grad_run([&] { return raw_masked_fill(self, mask, value); });
  if (wants_grad(self)) record_masked_fill(self, mask, nullptr, out);
  return out;
}
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  Tensor out = no_grad_run([&] { return raw_masked_fill(self, mask, value); });
  if (wants_grad(self, value)) record_masked_fill(self, mask, &value, out);
  return out;
}
Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Scalar& value) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self);
  no_grad_run([&] { return raw_masked_fill_(self, mask, value); });
  if (grad) record_masked_fill(self, mask, nullptr, self);
  return self;
}
Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Tensor& value) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, value);
  no_grad_run([&] { return raw_masked_fill_(self, mask, value); });
  if (grad) record_masked_fill(self, mask, &value, self);
  return self;
}

namespace {
void record_masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source, const Tensor& out) {
  if (auto* n = autograd::record("MaskedScatterBackward0", masked_scatter_backward, {self, source}, {out}))
    n->save(mask)->keep(source.sizes());
}
}  // namespace

Tensor masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source) {
  Tensor out = no_grad_run([&] { return raw_masked_scatter(self, mask, source); });
  if (wants_grad(self, source)) record_masked_scatter(self, mask, source, out);
  return out;
}
Tensor& masked_scatter_(Tensor& self, const Tensor& mask, const Tensor& source) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, source);
  no_grad_run([&] { return raw_masked_scatter_(self, mask, source); });
  if (grad) record_masked_scatter(self, mask, source, self);
  return self;
}

Tensor take(const Tensor& self, const Tensor& index) {
  Tensor out = no_grad_run([&] { return raw_take(self, index); });
  if (wants_grad(self))
    if (auto* n = autograd::record("TakeBackward0", take_backward, {self}, {out}))
      n->save(index)->keep(self.sizes());
  return out;
}

namespace {
void record_put(const Tensor& self, const Tensor& index, const Tensor& source, bool accumulate,
                const Tensor& out) {
  if (auto* n = autograd::record("PutBackward0", put_backward, {self, source}, {out}))
    n->save(index)->keep(source.sizes())->keep_int(accumulate);
}
}  // namespace

Tensor& put_(Tensor& self, const Tensor& index, const Tensor& source, bool accumulate) {
  autograd::impl::check_inplace(self);
  const bool grad = wants_grad(self, source);
  no_grad_run([&] { return raw_put_(self, index, source, accumulate); });
  if (grad) record_put(self, index, source, accumulate, self);
  return self;
}
Tensor put(const Tensor& self, const Tensor& index, const Tensor& source, bool accumulate) {
  Tensor out = no_grad_run([&] { return raw_put(self, index, source, accumulate); });
  if (wants_grad(self, source)) record_put(self, index, source, accumulate, out);
  return out;
}

// ---- Tensor methods ------------------------------------------------------------------------

Tensor Tensor::index(const std::vector<std::optional<Tensor>>& indices) const {
  return wick::index(*this, indices);
}
Tensor& Tensor::index_put_(const std::vector<std::optional<Tensor>>& indices, const Tensor& values,
                           bool accumulate) {
  return wick::index_put_(*this, indices, values, accumulate);
}
Tensor Tensor::gather(int64_t dim, const Tensor& index, bool sparse_grad) const {
  return wick::gather(*this, dim, index, sparse_grad);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Tensor& src) const {
  return wick::scatter(*this, dim, index, src);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Scalar& value) const {
  return wick::scatter(*this, dim, index, value);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Tensor& src,
                       const std::string& reduce) const {
  return wick::scatter(*this, dim, index, src, reduce);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Scalar& value,
                       const std::string& reduce) const {
  return wick::scatter(*this, dim, index, value, reduce);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Tensor& src) {
  return wick::scatter_(*this, dim, index, src);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Scalar& value) {
  return wick::scatter_(*this, dim, index, value);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Tensor& src,
                         const std::string& reduce) {
  return wick::scatter_(*this, dim, index, src, reduce);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Scalar& value,
                         const std::string& reduce) {
  return wick::scatter_(*this, dim, index, value, reduce);
}
Tensor Tensor::scatter_add(int64_t dim, const Tensor& index, const Tensor& src) const {
  return wick::scatter_add(*this, dim, index, src);
}
Tensor& Tensor::scatter_add_(int64_t dim, const Tensor& index, const Tensor& src) {
  return wick::scatter_add_(*this, dim, index, src);
}
Tensor Tensor::scatter_reduce(int64_t dim, const Tensor& index, const Tensor& src,
                              const std::string& reduce, bool include_self) const {
  return wick::scatter_reduce(*this, dim, index, src, reduce, include_self);
}
Tensor& Tensor::scatter_reduce_(int64_t dim, const Tensor& index, const Tensor& src,
                                const std::string& reduce, bool include_self) {
  return wick::scatter_reduce_(*this, dim, index, src, reduce, include_self);
}
Tensor Tensor::index_select(int64_t dim, const Tensor& index) const {
  return wick::index_select(*this, dim, index);
}
Tensor Tensor::index_add(int64_t dim, const Tensor& index, const Tensor& source,
                         const Scalar& alpha) const {
  return wick::index_add(*this, dim, index, source, alpha);
}
Tensor& Tensor::index_add_(int64_t dim, const Tensor& index, const Tensor& source,
                           const Scalar& alpha) {
  return wick::index_add_(*this, dim, index, source, alpha);
}
Tensor Tensor::index_copy(int64_t dim, const Tensor& index, const Tensor& source) const {
  return wick::index_copy(*this, dim, index, source);
}
Tensor& Tensor::index_copy_(int64_t dim, const Tensor& index, const Tensor& source) {
  return wick::index_copy_(*this, dim, index, source);
}
Tensor Tensor::index_fill(int64_t dim, const Tensor& index, const Scalar& value) const {
  return wick::index_fill(*this, dim, index, value);
}
Tensor& Tensor::index_fill_(int64_t dim, const Tensor& index, const Scalar& value) {
  return wick::index_fill_(*this, dim, index, value);
}
Tensor Tensor::masked_select(const Tensor& mask) const { return wick::masked_select(*this, mask); }
Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value) const {
  return wick::masked_fill(*this, mask, value);
}
Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value) const {
  return wick::masked_fill(*this, mask, value);
}
Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value) {
  return wick::masked_fill_(*this, mask, value);
}
Tensor& Tensor::masked_fill_(const Tensor& mask, const Tensor& value) {
  return wick::masked_fill_(*this, mask, value);
}
Tensor Tensor::masked_scatter(const Tensor& mask, const Tensor& source) const {
  return wick::masked_scatter(*this, mask, source);
}
Tensor& Tensor::masked_scatter_(const Tensor& mask, const Tensor& source) {
  return wick::masked_scatter_(*this, mask, source);
}
Tensor Tensor::nonzero() const { return wick::nonzero(*this); }
std::vector<Tensor> Tensor::nonzero_numpy() const { return wick::nonzero_numpy(*this); }
Tensor Tensor::argwhere() const { return wick::argwhere(*this); }
Tensor Tensor::take(const Tensor& index) const { return wick::take(*this, index); }
Tensor& Tensor::put_(const Tensor& index, const Tensor& source, bool accumulate) {
  return wick::put_(*this, index, source, accumulate);
}
Tensor Tensor::put(const Tensor& index, const Tensor& source, bool accumulate) const {
  return wick::put(*this, index, source, accumulate);
}

}  // namespace wick

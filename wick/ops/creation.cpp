#include "wick/ops/creation.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "wick/autograd/formula.h"
#include "wick/core/dispatch.h"
#include "wick/core/small_alloc.h"
#include "wick/kernels/cpu/loops.h"
#include "wick/ops/copy.h"

namespace wick {

namespace {
void check_sizes(IntArrayRef size) {
  for (auto s : size) {
    WICK_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s, ": ", size);
  }
}
}  // namespace

Tensor empty(IntArrayRef size, const TensorOptions& options) {
  check_sizes(size);
  ScalarType dt = options.dtype();
  size_t nbytes = static_cast<size_t>(multiply_integers(size) * element_size(dt));
  // Note [Small-block cache]: the impl and storage objects come from the thread cache.
  auto storage = std::allocate_shared<StorageImpl>(SmallObjectAllocator<StorageImpl>(), nbytes,
                                                   options.device());
  return Tensor(std::allocate_shared<TensorImpl>(SmallObjectAllocator<TensorImpl>(),
                                                 std::move(storage), dt, size));
}

Tensor empty_strided(IntArrayRef size, IntArrayRef stride, const TensorOptions& options) {
  check_sizes(size);
  WICK_CHECK(size.size() == stride.size(), "mismatch in length of strides and shape");
  ScalarType dt = options.dtype();
  int64_t extent = 1;  // elements the view can reach
  bool any_zero = false;
  for (size_t i = 0; i < size.size(); ++i) {
    WICK_CHECK(stride[i] >= 0, "as_strided: Negative strides are not supported at the moment, "
               "got strides: ", stride);
    if (size[i] == 0) any_zero = true;
    extent += (size[i] - 1) * stride[i];
  }
  if (any_zero) extent = 0;
  auto storage = std::allocate_shared<StorageImpl>(
      SmallObjectAllocator<StorageImpl>(), static_cast<size_t>(extent * element_size(dt)),
      options.device());
  return Tensor(std::allocate_shared<TensorImpl>(SmallObjectAllocator<TensorImpl>(),
                                                 std::move(storage), dt, size, stride, 0));
}

TensorDataContainer::TensorDataContainer(std::initializer_list<TensorDataContainer> list)
    : is_list_(true), elements_(list) {
  finish();
}

void TensorDataContainer::finish() {
  sizes_.assign(1, static_cast<int64_t>(elements_.size()));
  if (elements_.empty()) {
    dtype_ = get_default_dtype();
    return;
  }
  const auto& first = elements_.front();
  dtype_ = first.dtype_;
  for (const auto& e : elements_) {
    WICK_CHECK_T(ValueError, e.sizes_ == first.sizes_ && e.is_list_ == first.is_list_,
                 "Expected all sub-lists to have sizes: ", IntArrayRef(first.sizes_),
                 ", but got a sub-list with sizes: ", IntArrayRef(e.sizes_));
    dtype_ = promote_types(dtype_, e.dtype_);
  }
  sizes_.insert(sizes_.end(), first.sizes_.begin(), first.sizes_.end());
}

namespace {
template <typename T>
void fill_from_container(const TensorDataContainer& c, T*& out) {
  if (c.is_scalar()) {
    *out++ = static_cast<T>(c.scalar().to<opmath_t<T>>());
    return;
  }
  for (const auto& e : c.elements()) fill_from_container(e, out);
}
}  // namespace

Tensor tensor(const TensorDataContainer& data, const TensorOptions& options) {
  ScalarType dt = options.has_dtype() ? options.dtype() : data.dtype();
  IntArrayRef sizes = data.is_scalar() ? IntArrayRef() : data.sizes();
  Tensor t = empty(sizes, options.dtype(dt));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(dt, "tensor", [&] {
    scalar_t* p = static_cast<scalar_t*>(t.data_ptr());
    fill_from_container<scalar_t>(data, p);
  });
  return t;
}

namespace {
// Overwritten values pass no gradient back.
autograd::variable_list fill_backward(autograd::FormulaNode&, const autograd::variable_list& g) {
  return {zeros_like(g[0])};
}
}  // namespace

Tensor& fill_(Tensor& self, const Scalar& value) {
  autograd::impl::check_inplace(self);
  auto iter = TensorIterator::nullary_op(self);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "fill_", [&] {
    const scalar_t v = value.to<opmath_t<scalar_t>>();
    if (iter.is_contiguous() && sizeof(scalar_t) == 1) {
      std::memset(self.data_ptr(), *reinterpret_cast<const uint8_t*>(&v), self.numel());
      return;
    }
    iter.for_each([&](char** data, const int64_t* strides, int64_t n) {
      char* p = data[0];
      if (strides[0] == sizeof(scalar_t)) {
        scalar_t* q = reinterpret_cast<scalar_t*>(p);
        for (int64_t i = 0; i < n; ++i) q[i] = v;
      } else {
        for (int64_t i = 0; i < n; ++i) *reinterpret_cast<scalar_t*>(p + i * strides[0]) = v;
      }
    });
  });
  if (autograd::compute_requires_grad(self))
    autograd::record("FillBackward0", fill_backward, {self}, {self});
  return self;
}

Tensor& zero_(Tensor& self) { return fill_(self, 0); }

Tensor zeros(IntArrayRef size, const TensorOptions& options) {
  Tensor t = empty(size, options);
  if (t.numel() > 0) {
    std::memset(t.data_ptr(), 0, static_cast<size_t>(t.nbytes()));
  }
  return t;
}

Tensor ones(IntArrayRef size, const TensorOptions& options) {
  return full(size, 1, options.dtype(options.dtype()));
}

Tensor full(IntArrayRef size, const Scalar& fill_value, const TensorOptions& options) {
  TensorOptions o = options;
  if (!o.has_dtype()) {
    o = o.dtype(fill_value.isFloatingPoint() ? get_default_dtype() : fill_value.type());
  }
  Tensor t = empty(size, o);
  fill_(t, fill_value);
  return t;
}

Tensor scalar_tensor(const Scalar& s, const TensorOptions& options) {
  return full({}, s, options);
}

Tensor empty_like(const Tensor& self, const TensorOptions& options) {
  return empty(self.sizes(), options.merged_over(self.options()));
}
Tensor zeros_like(const Tensor& self, const TensorOptions& options) {
  return zeros(self.sizes(), options.merged_over(self.options()));
}
Tensor ones_like(const Tensor& self, const TensorOptions& options) {
  return full(self.sizes(), 1, options.merged_over(self.options()));
}
Tensor full_like(const Tensor& self, const Scalar& fill_value, const TensorOptions& options) {
  return full(self.sizes(), fill_value, options.merged_over(self.options()));
}

Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 std::function<void(void*)> deleter, const TensorOptions& options) {
  check_sizes(sizes);
  WICK_CHECK(sizes.size() == strides.size(), "from_blob: sizes and strides differ in length");
  ScalarType dt = options.dtype();
  int64_t extent = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) {
      extent = 0;
      break;
    }
    extent += (sizes[i] - 1) * strides[i];
  }
  auto storage = std::make_shared<StorageImpl>(
      data, static_cast<size_t>(extent * element_size(dt)), options.device(), std::move(deleter));
  return make_tensor(std::move(storage), dt, sizes, strides, 0);
}
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options) {
  return from_blob(data, sizes, contiguous_strides(sizes), nullptr, options);
}
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 const TensorOptions& options) {
  return from_blob(data, sizes, strides, nullptr, options);
}
Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                 const TensorOptions& options) {
  return from_blob(data, sizes, contiguous_strides(sizes), std::move(deleter), options);
}

// ---- ranges --------------------------------------------------------------------
//
// Note [Matching PyTorch's ranges]: arange and linspace values are computed the
// way PyTorch's vectorised CPU kernels do (checked against torch 1.13), so they
// agree to the bit: runs of two SIMD vectors (32 bytes each) start from a base
// fma(step, index, start) rounded to the dtype and add j * step inside the
// vector (fused for arange, two roundings for linspace); whatever is left after the last pair of vectors takes the
// per-element formula. linspace counts the second half back from `end`.

namespace {

// `v` rounded to its type as a value of its own: the compiler may not fuse
// the product that made it into a following add (PyTorch rounds there).
template <typename T>
inline T unfused(T v) {
#if defined(__GNUC__) && defined(__x86_64__)
  __asm__("" : "+x"(v));
#elif defined(__GNUC__) && defined(__aarch64__)
  __asm__("" : "+w"(v));
#endif
  return v;
}

// Lanes of one 32-byte SIMD vector of T (Half/BFloat16 vectors hold 16).
template <typename T>
constexpr int64_t simd_lanes() {
  if constexpr (sizeof(T) == 2 && !std::is_integral_v<T>) return 16;
  else return 32 / static_cast<int64_t>(sizeof(T));
}

template <typename T>
T cast_value(double v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
    return static_cast<T>(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

// Fills out[0..n) with value(i) = base(i) + j * step in PyTorch's chunking:
// `first(i)` is the element formula, used for the start of every vector and
// for the tail.
template <typename T, typename First, typename Lane>
void fill_vectorised(T* out, int64_t n, First first, Lane lane) {
  constexpr int64_t V = simd_lanes<T>();
  int64_t i = 0;
  for (; i + 2 * V <= n; i += 2 * V) {
    for (int64_t v = i; v < i + 2 * V; v += V) {
      const T base = first(v);
      out[v] = base;
      for (int64_t j = 1; j < V; ++j) out[v + j] = lane(base, j, v);
    }
  }
  for (; i < n; ++i) out[i] = first(i);
}

void check_range_args(double start, double end, double step) {
  WICK_CHECK(step != 0, "step must be nonzero");
  WICK_CHECK(std::isfinite(start) && std::isfinite(end), "unsupported range: ", start, " -> ",
             end);
  WICK_CHECK((step > 0 && end >= start) || (step < 0 && end <= start),
             "upper bound and larger bound inconsistent with step sign");
}

ScalarType range_dtype(const TensorOptions& options, std::initializer_list<Scalar> values) {
  if (options.has_dtype()) return options.dtype();
  for (const auto& v : values)
    if (v.isFloatingPoint()) return get_default_dtype();
  return kLong;
}

}  // namespace

Tensor arange(const Scalar& end, const TensorOptions& options) {
  return arange(0, end, 1, options);
}
Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options) {
  return arange(start, end, 1, options);
}
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              const TensorOptions& options) {
  const ScalarType dt = range_dtype(options, {start, end, step});
  WICK_CHECK(dt != kBool, "\"arange_cpu\" not implemented for 'Bool'");
  double size_d;
  if (dt == kLong) {
    const int64_t s = start.to<int64_t>(), e = end.to<int64_t>(), st = step.to<int64_t>();
    check_range_args(static_cast<double>(s), static_cast<double>(e), static_cast<double>(st));
    size_d = std::ceil(static_cast<double>(e - s) / static_cast<double>(st));
  } else {
    const double s = start.toDouble(), e = end.toDouble(), st = step.toDouble();
    check_range_args(s, e, st);
    size_d = std::ceil((e - s) / st);
  }
  WICK_CHECK(size_d >= 0 && size_d <= static_cast<double>(std::numeric_limits<int64_t>::max()),
             "invalid size, possible overflow?");
  const int64_t n = static_cast<int64_t>(size_d);
  Tensor result = empty({n}, options.dtype(dt));
  if (n == 0) return result;
  WICK_DISPATCH_ALL_TYPES(dt, "arange_cpu", [&] {
    scalar_t* out = static_cast<scalar_t*>(result.data_ptr());
    if constexpr (std::is_integral_v<scalar_t>) {
      const int64_t s = start.to<int64_t>(), st = step.to<int64_t>();
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<scalar_t>(s + st * i);
    } else {
      const double s = start.toDouble(), st = step.toDouble();
      fill_vectorised<scalar_t>(
          out, n, [&](int64_t i) { return cast_value<scalar_t>(std::fma(st, static_cast<double>(i), s)); },
          [&](scalar_t base, int64_t j, int64_t) {
            return cast_value<scalar_t>(std::fma(static_cast<double>(j), st, static_cast<double>(base)));
          });
    }
  });
  return result;
}

Tensor range(const Scalar& start, const Scalar& end, const Scalar& step,
             const TensorOptions& options) {
  const ScalarType dt = options.has_dtype() ? options.dtype() : get_default_dtype();
  const double s = start.toDouble(), e = end.toDouble(), st = step.toDouble();
  check_range_args(s, e, st);
  const double size_d = std::floor((e - s) / st) + 1;
  WICK_CHECK(size_d <= static_cast<double>(std::numeric_limits<int64_t>::max()),
             "invalid size, possible overflow?");
  const int64_t n = static_cast<int64_t>(size_d);
  Tensor result = empty({n}, options.dtype(dt));
  WICK_DISPATCH_ALL_TYPES(dt, "range_cpu", [&] {
    scalar_t* out = static_cast<scalar_t*>(result.data_ptr());
    if constexpr (std::is_integral_v<scalar_t>) {
      const int64_t si = start.to<int64_t>(), sti = step.to<int64_t>();
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<scalar_t>(si + sti * i);
    } else {
      for (int64_t i = 0; i < n; ++i) out[i] = cast_value<scalar_t>(s + unfused(static_cast<double>(i) * st));
    }
  });
  return result;
}

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                const TensorOptions& options) {
  WICK_CHECK(steps >= 0, "number of steps must be non-negative");
  const ScalarType dt = options.has_dtype() ? options.dtype() : get_default_dtype();
  Tensor result = empty({steps}, options.dtype(dt));
  if (steps == 0) return result;
  if (steps == 1) return fill_(result, start);
  const int64_t halfway = steps / 2;
  WICK_DISPATCH_ALL_TYPES(dt, "linspace_cpu", [&] {
    scalar_t* out = static_cast<scalar_t*>(result.data_ptr());
    if constexpr (std::is_same_v<scalar_t, float> || std::is_same_v<scalar_t, double>) {
      const scalar_t s = start.to<scalar_t>(), e = end.to<scalar_t>();
      const scalar_t step = (e - s) / static_cast<scalar_t>(steps - 1);
      fill_vectorised<scalar_t>(
          out, steps,
          [&](int64_t i) -> scalar_t {
            if (i < halfway) return std::fma(step, static_cast<scalar_t>(i), s);
            return std::fma(-step, static_cast<scalar_t>(steps - i - 1), e);
          },
          [&](scalar_t base, int64_t j, int64_t) {
            return base + unfused(static_cast<scalar_t>(j) * step);
          });
    } else if constexpr (std::is_integral_v<scalar_t>) {
      // Integer ends, a double step, truncation toward zero on the way out.
      const scalar_t s = start.to<scalar_t>(), e = end.to<scalar_t>();
      const double step = (static_cast<double>(e) - static_cast<double>(s)) /
                          static_cast<double>(steps - 1);
      fill_vectorised<scalar_t>(
          out, steps,
          [&](int64_t i) -> scalar_t {
            if (i < halfway)
              return static_cast<scalar_t>(std::fma(step, static_cast<double>(i), static_cast<double>(s)));
            return static_cast<scalar_t>(
                std::fma(-step, static_cast<double>(steps - i - 1), static_cast<double>(e)));
          },
          [&](scalar_t base, int64_t j, int64_t) {
            return static_cast<scalar_t>(std::fma(static_cast<double>(j), step, static_cast<double>(base)));
          });
    } else {
      // Half and bfloat16: every operation rounds to the dtype.
      auto r = [](float v) { return static_cast<float>(static_cast<scalar_t>(v)); };
      const float s = r(start.to<float>()), e = r(end.to<float>());
      const float step = r((e - s) / r(static_cast<float>(steps - 1)));
      fill_vectorised<scalar_t>(
          out, steps,
          [&](int64_t i) -> scalar_t {
            if (i < halfway) return static_cast<scalar_t>(s + r(step * r(static_cast<float>(i))));
            return static_cast<scalar_t>(e - r(step * r(static_cast<float>(steps - i - 1))));
          },
          [&](scalar_t base, int64_t j, int64_t) {
            return static_cast<scalar_t>(static_cast<float>(base) + r(static_cast<float>(j) * step));
          });
    }
  });
  return result;
}

Tensor logspace(const Scalar& start, const Scalar& end, int64_t steps, double base,
                const TensorOptions& options) {
  WICK_CHECK(steps >= 0, "number of steps must be non-negative");
  const ScalarType dt = options.has_dtype() ? options.dtype() : get_default_dtype();
  Tensor result = empty({steps}, options.dtype(dt));
  if (steps == 0) return result;
  WICK_DISPATCH_ALL_TYPES(dt, "logspace_cpu", [&] {
    scalar_t* out = static_cast<scalar_t*>(result.data_ptr());
    if (steps == 1) {
      out[0] = cast_value<scalar_t>(std::pow(base, start.to<double>()));
      return;
    }
    const scalar_t s = start.to<scalar_t>(), e = end.to<scalar_t>();
    const double sd = static_cast<double>(s), ed = static_cast<double>(e);
    // The span is taken in the dtype itself before widening, as PyTorch does.
    const double step =
        static_cast<double>(static_cast<scalar_t>(static_cast<opmath_t<scalar_t>>(e) -
                                                  static_cast<opmath_t<scalar_t>>(s))) /
        static_cast<double>(steps - 1);
    const int64_t halfway = steps / 2;
    for (int64_t i = 0; i < steps; ++i) {
      const double exponent = i < halfway ? sd + unfused(step * static_cast<double>(i))
                                          : ed - unfused(step * static_cast<double>(steps - i - 1));
      out[i] = cast_value<scalar_t>(std::pow(base, exponent));
    }
  });
  return result;
}

Tensor eye(int64_t n, const TensorOptions& options) { return eye(n, n, options); }
Tensor eye(int64_t n, int64_t m, const TensorOptions& options) {
  WICK_CHECK(n >= 0, "n must be greater or equal to 0, got ", n);
  WICK_CHECK(m >= 0, "m must be greater or equal to 0, got ", m);
  Tensor result = zeros({n, m}, options);
  const int64_t k = std::min(n, m);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(result.dtype(), "eye", [&] {
    scalar_t* out = static_cast<scalar_t*>(result.data_ptr());
    for (int64_t i = 0; i < k; ++i) out[i * m + i] = static_cast<scalar_t>(1);
  });
  return result;
}

namespace {
Tensor& assign_out(Tensor& out, const Tensor& result) {
  out.resize_(result.sizes());
  out.copy_(result);
  return out;
}
}  // namespace

Tensor& arange_out(Tensor& out, const Scalar& start, const Scalar& end, const Scalar& step) {
  return assign_out(out, arange(start, end, step, out.options()));
}
Tensor& range_out(Tensor& out, const Scalar& start, const Scalar& end, const Scalar& step) {
  return assign_out(out, range(start, end, step, out.options()));
}
Tensor& linspace_out(Tensor& out, const Scalar& start, const Scalar& end, int64_t steps) {
  return assign_out(out, linspace(start, end, steps, out.options()));
}
Tensor& logspace_out(Tensor& out, const Scalar& start, const Scalar& end, int64_t steps,
                     double base) {
  return assign_out(out, logspace(start, end, steps, base, out.options()));
}
Tensor& eye_out(Tensor& out, int64_t n) { return eye_out(out, n, n); }
Tensor& eye_out(Tensor& out, int64_t n, int64_t m) {
  return assign_out(out, eye(n, m, out.options()));
}

// ---- Tensor methods ----------------------------------------------------------

Tensor& Tensor::fill_(const Scalar& value) { return wick::fill_(*this, value); }
Tensor& Tensor::fill_(const Tensor& value) {
  WICK_CHECK(value.dim() == 0, "fill_ only supports 0-dimension value tensor but got tensor with ",
             value.dim(), " dimensions.");
  return wick::fill_(*this, value.item());
}
Tensor& Tensor::zero_() { return wick::zero_(*this); }

Tensor Tensor::new_empty(IntArrayRef size, const TensorOptions& options) const {
  return empty(size, options.merged_over(this->options()));
}
Tensor Tensor::new_zeros(IntArrayRef size, const TensorOptions& options) const {
  return zeros(size, options.merged_over(this->options()));
}
Tensor Tensor::new_ones(IntArrayRef size, const TensorOptions& options) const {
  return full(size, 1, options.merged_over(this->options()));
}
Tensor Tensor::new_full(IntArrayRef size, const Scalar& fill,
                        const TensorOptions& options) const {
  return full(size, fill, options.merged_over(this->options()));
}
Tensor Tensor::new_empty_strided(IntArrayRef size, IntArrayRef stride,
                                 const TensorOptions& options) const {
  return empty_strided(size, stride, options.merged_over(this->options()));
}
Tensor Tensor::new_tensor(const Tensor& data, const TensorOptions& options) const {
  return wick::to(data, options.merged_over(TensorOptions(data.dtype()).device(device())),
                  false, /*copy=*/true);
}

}  // namespace wick

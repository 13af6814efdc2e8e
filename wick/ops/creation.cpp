#include "wick/ops/creation.h"

#include <cstring>

#include "wick/core/dispatch.h"
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
  auto storage = std::make_shared<StorageImpl>(nbytes, options.device());
  return Tensor(std::make_shared<TensorImpl>(std::move(storage), dt, size));
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
  auto storage =
      std::make_shared<StorageImpl>(static_cast<size_t>(extent * element_size(dt)), options.device());
  return make_tensor(std::move(storage), dt, size, stride, 0);
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

Tensor& fill_(Tensor& self, const Scalar& value) {
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

#pragma once
// Tensor: a cheap ref-counted handle to a TensorImpl. Its methods are the C++
// user API (LibTorch's names and defaults) and forward to the free functions in
// wick/ops; each method is defined in the .cpp of its op family.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/device.h"
#include "wick/core/dtype.h"
#include "wick/core/error.h"
#include "wick/core/generator.h"
#include "wick/core/scalar.h"
#include "wick/tensor/tensor_impl.h"
#include "wick/tensor/tensor_options.h"

namespace wick {

class Tensor;
class TensorIndex;
namespace autograd {
class Node;
}
using TensorList = ArrayRef<Tensor>;
// Note [OptionalIntArrayRef]
// An optional list of dims. std::optional<IntArrayRef> built from a braced
// list such as x.std({0}) would point at a temporary that dies inside
// optional's constructor, and {0, 1} would not compile; this class keeps the
// caller's list (alive for the whole call) instead.
class OptionalIntArrayRef {
 public:
  constexpr OptionalIntArrayRef() = default;
  constexpr OptionalIntArrayRef(std::nullopt_t) {}                            // NOLINT
  OptionalIntArrayRef(IntArrayRef a) : v_(a) {}                               // NOLINT
  OptionalIntArrayRef(const std::initializer_list<int64_t>& l) : v_(IntArrayRef(l)) {}  // NOLINT
  template <typename A>
  OptionalIntArrayRef(const std::vector<int64_t, A>& v) : v_(IntArrayRef(v)) {}  // NOLINT
  OptionalIntArrayRef(const int64_t& one) : v_(IntArrayRef(one)) {}           // NOLINT
  OptionalIntArrayRef(const std::optional<IntArrayRef>& o) : v_(o) {}         // NOLINT
  bool has_value() const { return v_.has_value(); }
  explicit operator bool() const { return v_.has_value(); }
  const IntArrayRef& operator*() const { return *v_; }
  const IntArrayRef* operator->() const { return &*v_; }
  const IntArrayRef& value() const { return v_.value(); }
  IntArrayRef value_or(IntArrayRef d) const { return v_ ? *v_ : d; }

 private:
  std::optional<IntArrayRef> v_;
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}

  // ---- identity and metadata ------------------------------------------------
  bool defined() const { return impl_ != nullptr; }
  TensorImpl* unsafeGetTensorImpl() const { return impl_.get(); }
  const std::shared_ptr<TensorImpl>& getIntrusivePtr() const { return impl_; }
  bool is_same(const Tensor& o) const { return impl_ == o.impl_; }
  long use_count() const { return impl_.use_count(); }
  void reset() { impl_.reset(); }

  IntArrayRef sizes() const { return impl()->sizes(); }
  IntArrayRef strides() const { return impl()->strides(); }
  int64_t size(int64_t dim) const;
  int64_t stride(int64_t dim) const;
  int64_t dim() const { return impl()->dim(); }
  int64_t ndimension() const { return dim(); }
  int64_t numel() const { return impl()->numel(); }
  ScalarType scalar_type() const { return impl()->dtype(); }
  ScalarType dtype() const { return impl()->dtype(); }
  Device device() const { return impl()->device(); }
  TensorOptions options() const { return TensorOptions(dtype()).device(device()); }
  bool is_contiguous() const { return impl()->is_contiguous(); }
  int64_t storage_offset() const { return impl()->storage_offset(); }
  const Storage& storage() const { return impl()->storage(); }
  int64_t element_size() const { return impl()->itemsize(); }
  int64_t itemsize() const { return impl()->itemsize(); }
  int64_t nbytes() const { return numel() * itemsize(); }
  bool is_floating_point() const { return is_floating_type(dtype()); }
  bool is_signed() const { return is_signed_type(dtype()); }
  bool is_cpu() const { return device().is_cpu(); }
  bool is_cuda() const { return device().is_cuda(); }
  void* data_ptr() const { return impl()->data(); }
  // Typed pointer; raises if T does not match the dtype.
  template <typename E>
  E* data_ptr() const;
  template <typename E>
  const E* const_data_ptr() const { return data_ptr<E>(); }
  uint32_t _version() const { return impl()->version(); }
  // Marks an in-place write (Note [Version counter]).
  void bump_version() const { impl()->bump_version(); }

  // The single value of a one-element tensor.
  Scalar item() const;
  template <typename E>
  E item() const { return item().to<E>(); }

  std::string toString() const;  // "CPUFloatType" style name, as LibTorch
  // What PyTorch's repr(tensor) prints.
  std::string repr() const;

  // ---- conversion and copying (ops/copy.cpp) --------------------------------
  Tensor to(ScalarType dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(Device device, ScalarType dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(Device device, bool non_blocking = false, bool copy = false) const;
  Tensor to(const TensorOptions& options, bool non_blocking = false, bool copy = false) const;
  Tensor to(const Tensor& other, bool non_blocking = false, bool copy = false) const;
  Tensor cpu() const;
  Tensor cuda() const;
  Tensor type_as(const Tensor& other) const;
  Tensor toType(ScalarType t) const { return to(t); }
  Tensor float_() const { return to(kFloat); }  // spelled float() in Python
  Tensor double_() const { return to(kDouble); }
  Tensor half() const { return to(kHalf); }
  Tensor bfloat16() const { return to(kBFloat16); }
  Tensor long_() const { return to(kLong); }
  Tensor int_() const { return to(kInt); }
  Tensor short_() const { return to(kShort); }
  Tensor char_() const { return to(kChar); }
  Tensor byte() const { return to(kByte); }
  Tensor bool_() const { return to(kBool); }
  Tensor contiguous() const;
  Tensor clone() const;
  // Copies src into this tensor, broadcasting src and casting its dtype.
  Tensor& copy_(const Tensor& src, bool non_blocking = false);
  Tensor& resize_(IntArrayRef sizes);
  Tensor& resize_as_(const Tensor& other);
  // A new handle sharing storage and version counter, without autograd history.
  Tensor detach() const;
  // Drops this tensor's history in place (not allowed on views).
  Tensor& detach_();
  Tensor& set_(const Tensor& source);
  Tensor& set_(const Storage& storage, int64_t storage_offset, IntArrayRef sizes,
               IntArrayRef strides = {});

  // ---- in-place fills (ops/creation.cpp, ops/random.cpp) ---------------------
  Tensor& fill_(const Scalar& value);
  Tensor& fill_(const Tensor& value);
  Tensor& zero_();
  Tensor& uniform_(double from = 0, double to = 1, std::optional<Generator> gen = std::nullopt);
  Tensor& normal_(double mean = 0, double std = 1, std::optional<Generator> gen = std::nullopt);
  Tensor& random_(std::optional<Generator> gen = std::nullopt);
  Tensor& random_(int64_t to, std::optional<Generator> gen = std::nullopt);
  Tensor& random_(int64_t from, std::optional<int64_t> to,
                  std::optional<Generator> gen = std::nullopt);
  Tensor& bernoulli_(double p = 0.5, std::optional<Generator> gen = std::nullopt);
  Tensor& bernoulli_(const Tensor& p, std::optional<Generator> gen = std::nullopt);
  Tensor& exponential_(double lambd = 1, std::optional<Generator> gen = std::nullopt);
  Tensor bernoulli(std::optional<Generator> gen = std::nullopt) const;
  Tensor multinomial(int64_t num_samples, bool replacement = false,
                     std::optional<Generator> gen = std::nullopt) const;

  Tensor new_empty(IntArrayRef size, const TensorOptions& options = {}) const;
  Tensor new_zeros(IntArrayRef size, const TensorOptions& options = {}) const;
  Tensor new_ones(IntArrayRef size, const TensorOptions& options = {}) const;
  Tensor new_full(IntArrayRef size, const Scalar& fill, const TensorOptions& options = {}) const;
  Tensor new_empty_strided(IntArrayRef size, IntArrayRef stride,
                           const TensorOptions& options = {}) const;
  Tensor new_tensor(const Tensor& data, const TensorOptions& options = {}) const;

  // ---- views and shape (ops/shape.cpp) -------------------------------------
  Tensor view(IntArrayRef size) const;
  Tensor view(ScalarType dtype) const;
  Tensor view_as(const Tensor& other) const;
  Tensor reshape(IntArrayRef shape) const;
  Tensor reshape_as(const Tensor& other) const;
  Tensor permute(IntArrayRef dims) const;
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor& transpose_(int64_t dim0, int64_t dim1);
  Tensor t() const;
  Tensor& t_();
  Tensor mT() const;
  Tensor mH() const;
  Tensor T() const;
  Tensor expand(IntArrayRef size, bool implicit = false) const;
  Tensor expand_as(const Tensor& other) const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor squeeze(IntArrayRef dims) const;
  Tensor& squeeze_();
  Tensor& squeeze_(int64_t dim);
  Tensor unsqueeze(int64_t dim) const;
  Tensor& unsqueeze_(int64_t dim);
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor unflatten(int64_t dim, IntArrayRef sizes) const;
  Tensor ravel() const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
  Tensor narrow_copy(int64_t dim, int64_t start, int64_t length) const;
  Tensor select(int64_t dim, int64_t index) const;
  Tensor slice(int64_t dim = 0, std::optional<int64_t> start = std::nullopt,
               std::optional<int64_t> end = std::nullopt, int64_t step = 1) const;
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const;
  std::vector<Tensor> tensor_split(int64_t sections, int64_t dim = 0) const;
  std::vector<Tensor> tensor_split(IntArrayRef indices, int64_t dim = 0) const;
  std::vector<Tensor> split(int64_t split_size, int64_t dim = 0) const;
  std::vector<Tensor> split(IntArrayRef split_sizes, int64_t dim = 0) const;
  std::vector<Tensor> split_with_sizes(IntArrayRef split_sizes, int64_t dim = 0) const;
  std::vector<Tensor> unbind(int64_t dim = 0) const;
  Tensor diagonal(int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1) const;
  Tensor movedim(IntArrayRef source, IntArrayRef destination) const;
  Tensor movedim(int64_t source, int64_t destination) const;
  Tensor moveaxis(int64_t source, int64_t destination) const;
  Tensor swapaxes(int64_t a, int64_t b) const;
  Tensor swapdims(int64_t a, int64_t b) const;
  Tensor as_strided(IntArrayRef size, IntArrayRef stride,
                    std::optional<int64_t> storage_offset = std::nullopt) const;
  Tensor unfold(int64_t dimension, int64_t size, int64_t step) const;
  Tensor repeat(IntArrayRef repeats) const;
  Tensor repeat_interleave(int64_t repeats, std::optional<int64_t> dim = std::nullopt) const;
  Tensor repeat_interleave(const Tensor& repeats, std::optional<int64_t> dim = std::nullopt) const;
  Tensor tile(IntArrayRef dims) const;
  Tensor broadcast_to(IntArrayRef size) const;
  Tensor flip(IntArrayRef dims) const;
  Tensor fliplr() const;
  Tensor flipud() const;
  Tensor roll(IntArrayRef shifts, IntArrayRef dims = {}) const;
  Tensor rot90(int64_t k = 1, IntArrayRef dims = {0, 1}) const;

  // ---- indexing (tensor/indexing.cpp, ops/index.cpp) ------------------------
  Tensor operator[](int64_t index) const;
  Tensor operator[](const Tensor& index) const;
  Tensor index(ArrayRef<TensorIndex> indices) const;
  Tensor index(std::initializer_list<TensorIndex> indices) const;
  Tensor& index_put_(ArrayRef<TensorIndex> indices, const Tensor& value);
  Tensor& index_put_(ArrayRef<TensorIndex> indices, const Scalar& value);
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value);
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value);
  // Advanced indexing with one optional index tensor per leading dim (ATen's index.Tensor).
  Tensor index(const std::vector<std::optional<Tensor>>& indices) const;
  Tensor& index_put_(const std::vector<std::optional<Tensor>>& indices, const Tensor& values,
                     bool accumulate = false);
  Tensor gather(int64_t dim, const Tensor& index, bool sparse_grad = false) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Tensor& src) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Scalar& value) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Tensor& src,
                 const std::string& reduce) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Scalar& value,
                 const std::string& reduce) const;
  Tensor& scatter_(int64_t dim, const Tensor& index, const Tensor& src);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Scalar& value);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Tensor& src, const std::string& reduce);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Scalar& value,
                   const std::string& reduce);
  Tensor scatter_add(int64_t dim, const Tensor& index, const Tensor& src) const;
  Tensor& scatter_add_(int64_t dim, const Tensor& index, const Tensor& src);
  Tensor scatter_reduce(int64_t dim, const Tensor& index, const Tensor& src,
                        const std::string& reduce, bool include_self = true) const;
  Tensor& scatter_reduce_(int64_t dim, const Tensor& index, const Tensor& src,
                          const std::string& reduce, bool include_self = true);
  Tensor index_select(int64_t dim, const Tensor& index) const;
  Tensor index_add(int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha = 1) const;
  Tensor& index_add_(int64_t dim, const Tensor& index, const Tensor& source,
                     const Scalar& alpha = 1);
  Tensor index_copy(int64_t dim, const Tensor& index, const Tensor& source) const;
  Tensor& index_copy_(int64_t dim, const Tensor& index, const Tensor& source);
  Tensor index_fill(int64_t dim, const Tensor& index, const Scalar& value) const;
  Tensor& index_fill_(int64_t dim, const Tensor& index, const Scalar& value);
  Tensor masked_select(const Tensor& mask) const;
  Tensor masked_fill(const Tensor& mask, const Scalar& value) const;
  Tensor masked_fill(const Tensor& mask, const Tensor& value) const;
  Tensor& masked_fill_(const Tensor& mask, const Scalar& value);
  Tensor& masked_fill_(const Tensor& mask, const Tensor& value);
  Tensor masked_scatter(const Tensor& mask, const Tensor& source) const;
  Tensor& masked_scatter_(const Tensor& mask, const Tensor& source);
  Tensor nonzero() const;
  std::vector<Tensor> nonzero_numpy() const;  // nonzero(as_tuple=True)
  Tensor argwhere() const;
  Tensor take(const Tensor& index) const;
  Tensor& put_(const Tensor& index, const Tensor& source, bool accumulate = false);
  Tensor put(const Tensor& index, const Tensor& source, bool accumulate = false) const;

  // ---- unary elementwise (ops/unary.cpp) -----------------------------------
#define WICK_UNARY_METHOD(name) \
  Tensor name() const;          \
  Tensor& name##_();
  WICK_UNARY_METHOD(abs)
  WICK_UNARY_METHOD(absolute)
  WICK_UNARY_METHOD(neg)
  WICK_UNARY_METHOD(negative)
  WICK_UNARY_METHOD(sign)
  WICK_UNARY_METHOD(sgn)
  WICK_UNARY_METHOD(sqrt)
  WICK_UNARY_METHOD(rsqrt)
  WICK_UNARY_METHOD(exp)
  WICK_UNARY_METHOD(exp2)
  WICK_UNARY_METHOD(expm1)
  WICK_UNARY_METHOD(log)
  WICK_UNARY_METHOD(log2)
  WICK_UNARY_METHOD(log10)
  WICK_UNARY_METHOD(log1p)
  WICK_UNARY_METHOD(sin)
  WICK_UNARY_METHOD(cos)
  WICK_UNARY_METHOD(tan)
  WICK_UNARY_METHOD(asin)
  WICK_UNARY_METHOD(acos)
  WICK_UNARY_METHOD(atan)
  WICK_UNARY_METHOD(arcsin)
  WICK_UNARY_METHOD(arccos)
  WICK_UNARY_METHOD(arctan)
  WICK_UNARY_METHOD(sinh)
  WICK_UNARY_METHOD(cosh)
  WICK_UNARY_METHOD(tanh)
  WICK_UNARY_METHOD(asinh)
  WICK_UNARY_METHOD(acosh)
  WICK_UNARY_METHOD(atanh)
  WICK_UNARY_METHOD(arcsinh)
  WICK_UNARY_METHOD(arccosh)
  WICK_UNARY_METHOD(arctanh)
  WICK_UNARY_METHOD(sigmoid)
  WICK_UNARY_METHOD(erf)
  WICK_UNARY_METHOD(erfc)
  WICK_UNARY_METHOD(erfinv)
  WICK_UNARY_METHOD(ceil)
  WICK_UNARY_METHOD(floor)
  WICK_UNARY_METHOD(trunc)
  WICK_UNARY_METHOD(fix)
  WICK_UNARY_METHOD(frac)
  WICK_UNARY_METHOD(reciprocal)
  WICK_UNARY_METHOD(square)
  WICK_UNARY_METHOD(relu)
  WICK_UNARY_METHOD(bitwise_not)
  WICK_UNARY_METHOD(logical_not)
#undef WICK_UNARY_METHOD
  Tensor round(int64_t decimals = 0) const;
  Tensor& round_(int64_t decimals = 0);
  Tensor logit(std::optional<double> eps = std::nullopt) const;
  Tensor& logit_(std::optional<double> eps = std::nullopt);
  Tensor isnan() const;
  Tensor isinf() const;
  Tensor isposinf() const;
  Tensor isneginf() const;
  Tensor isfinite() const;
  Tensor signbit() const;
  Tensor nan_to_num(std::optional<double> nan = std::nullopt,
                    std::optional<double> posinf = std::nullopt,
                    std::optional<double> neginf = std::nullopt) const;
  Tensor& nan_to_num_(std::optional<double> nan = std::nullopt,
                      std::optional<double> posinf = std::nullopt,
                      std::optional<double> neginf = std::nullopt);

  // ---- binary elementwise (ops/binary.cpp) ---------------------------------
  Tensor add(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor add(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor& add_(const Tensor& other, const Scalar& alpha = 1);
  Tensor& add_(const Scalar& other, const Scalar& alpha = 1);
  Tensor sub(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor sub(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor& sub_(const Tensor& other, const Scalar& alpha = 1);
  Tensor& sub_(const Scalar& other, const Scalar& alpha = 1);
  Tensor subtract(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor rsub(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor rsub(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor div(const Tensor& other,
             std::optional<std::string> rounding_mode = std::nullopt) const;
  Tensor div(const Scalar& other,
             std::optional<std::string> rounding_mode = std::nullopt) const;
  Tensor& div_(const Tensor& other, std::optional<std::string> rounding_mode = std::nullopt);
  Tensor& div_(const Scalar& other, std::optional<std::string> rounding_mode = std::nullopt);
  Tensor divide(const Tensor& other,
                std::optional<std::string> rounding_mode = std::nullopt) const;
  Tensor true_divide(const Tensor& other) const;
#define WICK_BINARY_METHOD(name)                 \
  Tensor name(const Tensor& other) const;        \
  Tensor name(const Scalar& other) const;        \
  Tensor& name##_(const Tensor& other);          \
  Tensor& name##_(const Scalar& other);
  WICK_BINARY_METHOD(mul)
  WICK_BINARY_METHOD(multiply)
  WICK_BINARY_METHOD(floor_divide)
  WICK_BINARY_METHOD(remainder)
  WICK_BINARY_METHOD(fmod)
  WICK_BINARY_METHOD(pow)
  WICK_BINARY_METHOD(float_power)
  WICK_BINARY_METHOD(atan2)
  WICK_BINARY_METHOD(arctan2)
  WICK_BINARY_METHOD(hypot)
  WICK_BINARY_METHOD(copysign)
  WICK_BINARY_METHOD(logaddexp)
  WICK_BINARY_METHOD(logaddexp2)
  WICK_BINARY_METHOD(bitwise_and)
  WICK_BINARY_METHOD(bitwise_or)
  WICK_BINARY_METHOD(bitwise_xor)
  WICK_BINARY_METHOD(bitwise_left_shift)
  WICK_BINARY_METHOD(bitwise_right_shift)
  WICK_BINARY_METHOD(logical_and)
  WICK_BINARY_METHOD(logical_or)
  WICK_BINARY_METHOD(logical_xor)
  WICK_BINARY_METHOD(eq)
  WICK_BINARY_METHOD(ne)
  WICK_BINARY_METHOD(lt)
  WICK_BINARY_METHOD(le)
  WICK_BINARY_METHOD(gt)
  WICK_BINARY_METHOD(ge)
  WICK_BINARY_METHOD(greater)
  WICK_BINARY_METHOD(greater_equal)
  WICK_BINARY_METHOD(less)
  WICK_BINARY_METHOD(less_equal)
  WICK_BINARY_METHOD(not_equal)
  WICK_BINARY_METHOD(xlogy)
#undef WICK_BINARY_METHOD
  Tensor maximum(const Tensor& other) const;
  Tensor minimum(const Tensor& other) const;
  Tensor fmax(const Tensor& other) const;
  Tensor fmin(const Tensor& other) const;
  bool equal(const Tensor& other) const;
  bool allclose(const Tensor& other, double rtol = 1e-05, double atol = 1e-08,
                bool equal_nan = false) const;
  Tensor isclose(const Tensor& other, double rtol = 1e-05, double atol = 1e-08,
                 bool equal_nan = false) const;

  // ---- other pointwise (ops/pointwise.cpp) ---------------------------------
  Tensor where(const Tensor& condition, const Tensor& other) const;
  Tensor where(const Tensor& condition, const Scalar& other) const;
  Tensor lerp(const Tensor& end, const Scalar& weight) const;
  Tensor lerp(const Tensor& end, const Tensor& weight) const;
  Tensor& lerp_(const Tensor& end, const Scalar& weight);
  Tensor& lerp_(const Tensor& end, const Tensor& weight);
  Tensor addcmul(const Tensor& t1, const Tensor& t2, const Scalar& value = 1) const;
  Tensor& addcmul_(const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
  Tensor addcdiv(const Tensor& t1, const Tensor& t2, const Scalar& value = 1) const;
  Tensor& addcdiv_(const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
  Tensor clamp(std::optional<Scalar> min = std::nullopt,
               std::optional<Scalar> max = std::nullopt) const;
  Tensor clamp(const std::optional<Tensor>& min, const std::optional<Tensor>& max = {}) const;
  Tensor& clamp_(std::optional<Scalar> min = std::nullopt,
                 std::optional<Scalar> max = std::nullopt);
  Tensor& clamp_(const std::optional<Tensor>& min, const std::optional<Tensor>& max = {});
  Tensor clamp_min(const Scalar& min) const;
  Tensor clamp_max(const Scalar& max) const;
  Tensor& clamp_min_(const Scalar& min);
  Tensor& clamp_max_(const Scalar& max);
  Tensor clip(std::optional<Scalar> min = std::nullopt,
              std::optional<Scalar> max = std::nullopt) const;
  Tensor& clip_(std::optional<Scalar> min = std::nullopt,
                std::optional<Scalar> max = std::nullopt);

  // ---- reductions (ops/reduce.cpp) -----------------------------------------
  Tensor sum(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false,
             std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor nansum(IntArrayRef dim = {}, bool keepdim = false,
                std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor mean(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false,
              std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor nanmean(IntArrayRef dim = {}, bool keepdim = false,
                 std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor prod(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor prod(int64_t dim, bool keepdim = false,
              std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor max() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const;
  Tensor max(const Tensor& other) const;
  Tensor min() const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;
  Tensor min(const Tensor& other) const;
  Tensor amax(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor amin(IntArrayRef dim = {}, bool keepdim = false) const;
  std::tuple<Tensor, Tensor> aminmax(std::optional<int64_t> dim = std::nullopt,
                                     bool keepdim = false) const;
  Tensor argmax(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor argmin(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor all() const;
  Tensor all(int64_t dim, bool keepdim = false) const;
  Tensor any() const;
  Tensor any(int64_t dim, bool keepdim = false) const;
  Tensor std(OptionalIntArrayRef dim = std::nullopt, std::optional<double> correction = 1,
             bool keepdim = false) const;
  Tensor var(OptionalIntArrayRef dim = std::nullopt, std::optional<double> correction = 1,
             bool keepdim = false) const;
  Tensor norm(const Scalar& p = 2) const;
  Tensor norm(std::optional<Scalar> p, IntArrayRef dim, bool keepdim = false,
              std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor dist(const Tensor& other, const Scalar& p = 2) const;
  Tensor median() const;
  std::tuple<Tensor, Tensor> median(int64_t dim, bool keepdim = false) const;
  Tensor nanmedian() const;
  std::tuple<Tensor, Tensor> nanmedian(int64_t dim, bool keepdim = false) const;
  std::tuple<Tensor, Tensor> mode(int64_t dim = -1, bool keepdim = false) const;
  Tensor logsumexp(IntArrayRef dim, bool keepdim = false) const;
  // softmax / log_softmax (ops/loss.cpp)
  Tensor softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor log_softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor cumsum(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor& cumsum_(int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
  Tensor cumprod(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor& cumprod_(int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
  std::tuple<Tensor, Tensor> cummax(int64_t dim) const;
  std::tuple<Tensor, Tensor> cummin(int64_t dim) const;
  Tensor logcumsumexp(int64_t dim) const;
  Tensor count_nonzero(OptionalIntArrayRef dim = std::nullopt) const;

  // ---- sorting and searching (ops/sort.cpp) --------------------------------
  std::tuple<Tensor, Tensor> sort(int64_t dim = -1, bool descending = false) const;
  std::tuple<Tensor, Tensor> sort(std::optional<bool> stable, int64_t dim = -1,
                                  bool descending = false) const;
  Tensor argsort(int64_t dim = -1, bool descending = false, bool stable = false) const;
  std::tuple<Tensor, Tensor> topk(int64_t k, int64_t dim = -1, bool largest = true,
                                  bool sorted = true) const;
  std::tuple<Tensor, Tensor> kthvalue(int64_t k, int64_t dim = -1, bool keepdim = false) const;
  Tensor msort() const;
  Tensor bincount(const std::optional<Tensor>& weights = std::nullopt,
                  int64_t minlength = 0) const;
  Tensor histc(int64_t bins = 100, const Scalar& min = 0, const Scalar& max = 0) const;

  // ---- linear algebra (ops/linalg.cpp) -------------------------------------
  Tensor mm(const Tensor& other) const;
  Tensor bmm(const Tensor& other) const;
  Tensor matmul(const Tensor& other) const;
  Tensor mv(const Tensor& vec) const;
  Tensor dot(const Tensor& other) const;
  Tensor vdot(const Tensor& other) const;
  Tensor inner(const Tensor& other) const;
  Tensor outer(const Tensor& other) const;
  Tensor ger(const Tensor& other) const;
  Tensor addmm(const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
               const Scalar& alpha = 1) const;
  Tensor& addmm_(const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
                 const Scalar& alpha = 1);
  Tensor addbmm(const Tensor& b1, const Tensor& b2, const Scalar& beta = 1,
                const Scalar& alpha = 1) const;
  Tensor baddbmm(const Tensor& b1, const Tensor& b2, const Scalar& beta = 1,
                 const Scalar& alpha = 1) const;
  Tensor& baddbmm_(const Tensor& b1, const Tensor& b2, const Scalar& beta = 1,
                   const Scalar& alpha = 1);
  Tensor addmv(const Tensor& mat, const Tensor& vec, const Scalar& beta = 1,
               const Scalar& alpha = 1) const;
  Tensor addr(const Tensor& vec1, const Tensor& vec2, const Scalar& beta = 1,
              const Scalar& alpha = 1) const;
  Tensor kron(const Tensor& other) const;
  Tensor cross(const Tensor& other, std::optional<int64_t> dim = std::nullopt) const;
  Tensor trace() const;
  Tensor diag(int64_t diagonal = 0) const;
  Tensor diag_embed(int64_t offset = 0, int64_t dim1 = -2, int64_t dim2 = -1) const;
  Tensor tril(int64_t diagonal = 0) const;
  Tensor triu(int64_t diagonal = 0) const;
  Tensor& tril_(int64_t diagonal = 0);
  Tensor& triu_(int64_t diagonal = 0);
  Tensor det() const;
  Tensor inverse() const;
  Tensor pinverse(double rcond = 1e-15) const;
  Tensor matrix_power(int64_t n) const;
  Tensor cholesky(bool upper = false) const;

  // ---- autograd (autograd/variable.cpp, autograd/autograd.cpp) -------------
  bool requires_grad() const;
  Tensor& requires_grad_(bool requires_grad = true);
  Tensor& set_requires_grad(bool requires_grad);
  // The accumulated gradient (undefined until a backward reaches this tensor).
  const Tensor& grad() const;
  Tensor& mutable_grad() const;
  // x.grad = g; checks dtype, device and size as PyTorch does.
  void set_grad(const Tensor& g) const;
  const std::shared_ptr<autograd::Node>& grad_fn() const;
  bool is_leaf() const;
  int64_t output_nr() const;
  void backward(const Tensor& gradient = {}, std::optional<bool> retain_graph = std::nullopt,
                bool create_graph = false,
                const std::optional<TensorList>& inputs = std::nullopt) const;
  // Keep .grad for this non-leaf tensor after backward.
  void retain_grad() const;
  bool retains_grad() const;
  // A hook sees this tensor's gradient; returning a Tensor replaces it.
  template <typename F>
  unsigned register_hook(F&& hook) const {
    if constexpr (std::is_void_v<std::invoke_result_t<F, const Tensor&>>) {
      return register_hook_impl([h = std::forward<F>(hook)](const Tensor& g) -> Tensor {
        h(g);
        return Tensor();
      });
    } else {
      return register_hook_impl(std::function<Tensor(const Tensor&)>(std::forward<F>(hook)));
    }
  }
  void remove_hook(unsigned pos) const;
  // Runs after the gradient was accumulated into a leaf's .grad.
  unsigned register_post_accumulate_grad_hook(std::function<void(const Tensor&)> hook) const;
  // A tensor sharing storage, with no history and its own version counter
  // (Python's .data): changes through it are invisible to autograd.
  Tensor variable_data() const;
  Tensor data() const;
  bool is_view() const;
  // The tensor this one is a view of, for differentiable views.
  const Tensor& _base() const;

  // ---- operators ------------------------------------------------------------
  Tensor operator-() const;
  Tensor operator~() const;
  Tensor& operator+=(const Tensor& o);
  Tensor& operator+=(const Scalar& o);
  Tensor& operator-=(const Tensor& o);
  Tensor& operator-=(const Scalar& o);
  Tensor& operator*=(const Tensor& o);
  Tensor& operator*=(const Scalar& o);
  Tensor& operator/=(const Tensor& o);
  Tensor& operator/=(const Scalar& o);
  Tensor& operator&=(const Tensor& o);
  Tensor& operator|=(const Tensor& o);
  Tensor& operator^=(const Tensor& o);

 private:
  unsigned register_hook_impl(std::function<Tensor(const Tensor&)> hook) const;
  // Checked access: raises on an undefined tensor instead of crashing.
  TensorImpl* impl_checked() const;
  TensorImpl* impl() const {
    if (__builtin_expect(impl_ == nullptr, 0)) return impl_checked();
    return impl_.get();
  }
  std::shared_ptr<TensorImpl> impl_;
};

// Binary operators between tensors and scalars (ops/binary.cpp).
Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator+(const Tensor& a, const Scalar& b);
Tensor operator+(const Scalar& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Scalar& b);
Tensor operator-(const Scalar& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Scalar& b);
Tensor operator*(const Scalar& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Scalar& b);
Tensor operator/(const Scalar& a, const Tensor& b);
Tensor operator%(const Tensor& a, const Tensor& b);
Tensor operator%(const Tensor& a, const Scalar& b);
Tensor operator&(const Tensor& a, const Tensor& b);
Tensor operator|(const Tensor& a, const Tensor& b);
Tensor operator^(const Tensor& a, const Tensor& b);
Tensor operator<<(const Tensor& a, const Tensor& b);
Tensor operator>>(const Tensor& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Scalar& b);
Tensor operator!=(const Tensor& a, const Tensor& b);
Tensor operator!=(const Tensor& a, const Scalar& b);
Tensor operator<(const Tensor& a, const Tensor& b);
Tensor operator<(const Tensor& a, const Scalar& b);
Tensor operator<=(const Tensor& a, const Tensor& b);
Tensor operator<=(const Tensor& a, const Scalar& b);
Tensor operator>(const Tensor& a, const Tensor& b);
Tensor operator>(const Tensor& a, const Scalar& b);
Tensor operator>=(const Tensor& a, const Tensor& b);
Tensor operator>=(const Tensor& a, const Scalar& b);

// Prints what PyTorch's repr() prints (tensor/print.cpp).
std::ostream& operator<<(std::ostream& os, const Tensor& t);

template <typename E>
E* Tensor::data_ptr() const {
  WICK_CHECK(scalar_type_of<E>() == dtype(), "expected scalar type ", scalar_type_of<E>(),
             " but found ", dtype());
  return static_cast<E*>(impl()->data());
}
template <>
inline void* Tensor::data_ptr<void>() const {
  return impl()->data();
}

// A view of `base`: same storage and version counter, new sizes/strides/offset.
// Every view op goes through here, so autograd can hook view tracking in one place.
Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                 int64_t storage_offset);
// Called by make_view on every new view; autograd installs it (Note [View history]).
using ViewHook = void (*)(const Tensor& base, const Tensor& view);
void set_view_hook(ViewHook hook);

// Makes a tensor handle from a fresh impl.
inline Tensor make_tensor(Storage storage, ScalarType dtype, IntArrayRef sizes,
                          IntArrayRef strides, int64_t offset) {
  return Tensor(std::make_shared<TensorImpl>(std::move(storage), dtype, sizes, strides, offset));
}

}  // namespace wick

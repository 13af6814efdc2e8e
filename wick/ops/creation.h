#pragma once
// Factory functions: tensors from sizes, values, ranges and existing memory.
#include <functional>
#include <initializer_list>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// Nested values for wick::tensor({{1, 2}, {3, 4}}), LibTorch's TensorDataContainer.
// Leaf dtypes follow the C++ type: bool -> kBool, int -> kInt, int64_t -> kLong,
// float -> kFloat, double -> the default float dtype. Mixed leaves promote.
class TensorDataContainer {
 public:
  TensorDataContainer(bool v) : scalar_(v), dtype_(kBool) {}           // NOLINT
  TensorDataContainer(int v) : scalar_(v), dtype_(kInt) {}             // NOLINT
  TensorDataContainer(long v) : scalar_(v), dtype_(kLong) {}           // NOLINT
  TensorDataContainer(long long v) : scalar_(v), dtype_(kLong) {}      // NOLINT
  TensorDataContainer(int16_t v) : scalar_(v), dtype_(kShort) {}       // NOLINT
  TensorDataContainer(int8_t v) : scalar_(v), dtype_(kChar) {}         // NOLINT
  TensorDataContainer(uint8_t v) : scalar_(v), dtype_(kByte) {}        // NOLINT
  TensorDataContainer(float v) : scalar_(v), dtype_(kFloat) {}         // NOLINT
  TensorDataContainer(double v) : scalar_(v), dtype_(get_default_dtype()) {}  // NOLINT
  TensorDataContainer(Half v) : scalar_(v), dtype_(kHalf) {}           // NOLINT
  TensorDataContainer(BFloat16 v) : scalar_(v), dtype_(kBFloat16) {}   // NOLINT
  TensorDataContainer(std::initializer_list<TensorDataContainer> list);  // NOLINT
  template <typename T>
  TensorDataContainer(const std::vector<T>& v)  // NOLINT
      : TensorDataContainer(from_vector(v)) {}

  bool is_scalar() const { return !is_list_; }
  const Scalar& scalar() const { return scalar_; }
  ScalarType dtype() const { return dtype_; }
  IntArrayRef sizes() const { return sizes_; }
  const std::vector<TensorDataContainer>& elements() const { return elements_; }

 private:
  TensorDataContainer() = default;
  template <typename T>
  static TensorDataContainer from_vector(const std::vector<T>& v) {
    TensorDataContainer c;
    c.is_list_ = true;
    c.elements_.reserve(v.size());
    for (const auto& x : v) c.elements_.emplace_back(x);
    c.finish();
    return c;
  }
  void finish();

  bool is_list_ = false;
  Scalar scalar_;
  ScalarType dtype_ = kFloat;
  DimVector sizes_;
  std::vector<TensorDataContainer> elements_;
};

// A new tensor holding the given values (copied).
Tensor tensor(const TensorDataContainer& data, const TensorOptions& options = {});

Tensor empty(IntArrayRef size, const TensorOptions& options = {});
Tensor empty_strided(IntArrayRef size, IntArrayRef stride, const TensorOptions& options = {});
Tensor zeros(IntArrayRef size, const TensorOptions& options = {});
Tensor ones(IntArrayRef size, const TensorOptions& options = {});
// dtype defaults to the fill value's category (bool, int64, default float), as in PyTorch.
Tensor full(IntArrayRef size, const Scalar& fill_value, const TensorOptions& options = {});
// 0-dim tensor holding s; dtype defaults to s's category.
Tensor scalar_tensor(const Scalar& s, const TensorOptions& options = {});

Tensor empty_like(const Tensor& self, const TensorOptions& options = {});
Tensor zeros_like(const Tensor& self, const TensorOptions& options = {});
Tensor ones_like(const Tensor& self, const TensorOptions& options = {});
Tensor full_like(const Tensor& self, const Scalar& fill_value, const TensorOptions& options = {});

// [start, end) with step; integer dtype when all of start/end/step are integers.
Tensor arange(const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              const TensorOptions& options = {});
Tensor range(const Scalar& start, const Scalar& end, const Scalar& step = 1,
             const TensorOptions& options = {});
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                const TensorOptions& options = {});
Tensor logspace(const Scalar& start, const Scalar& end, int64_t steps, double base = 10.0,
                const TensorOptions& options = {});
Tensor eye(int64_t n, const TensorOptions& options = {});
Tensor eye(int64_t n, int64_t m, const TensorOptions& options = {});
// out= forms: `out` is resized to the result's shape and filled in its own dtype.
Tensor& arange_out(Tensor& out, const Scalar& start, const Scalar& end, const Scalar& step = 1);
Tensor& range_out(Tensor& out, const Scalar& start, const Scalar& end, const Scalar& step = 1);
Tensor& linspace_out(Tensor& out, const Scalar& start, const Scalar& end, int64_t steps);
Tensor& logspace_out(Tensor& out, const Scalar& start, const Scalar& end, int64_t steps,
                     double base = 10.0);
Tensor& eye_out(Tensor& out, int64_t n);
Tensor& eye_out(Tensor& out, int64_t n, int64_t m);

// Wraps memory owned by the caller (not copied). `deleter` runs when the last
// tensor using it is gone; without one the caller keeps ownership.
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                 const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 std::function<void(void*)> deleter, const TensorOptions& options = {});

Tensor& fill_(Tensor& self, const Scalar& value);
Tensor& zero_(Tensor& self);

}  // namespace wick

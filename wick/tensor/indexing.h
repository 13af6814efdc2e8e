#pragma once
// Tensor indexing with LibTorch's TensorIndex: t.index({Slice(1, None), None,
// "...", idx}) is Python's t[1:, None, ..., idx], and t.index_put_({...}, v)
// is t[...] = v. Integers, slices, None, Ellipsis and bools are basic indexing
// and give views; index tensors (integer, or bool/uint8 masks) are advanced
// indexing and go through wick::index / wick::index_put_ (ops/index.h).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

#include "wick/tensor/tensor.h"

namespace wick {

namespace indexing {

struct EllipsisIndexType {
  EllipsisIndexType() = default;
};
inline const EllipsisIndexType Ellipsis;
// Python's None: a new dim of size 1 (and the "not given" bound of a Slice).
inline constexpr std::nullopt_t None = std::nullopt;

// start:stop:step. Missing bounds mean the whole dim; step must not be zero
// (a negative step is refused when the slice is applied, as in PyTorch).
class Slice {
 public:
  Slice(std::optional<int64_t> start = std::nullopt, std::optional<int64_t> stop = std::nullopt,
        std::optional<int64_t> step = std::nullopt);
  int64_t start() const { return start_; }
  int64_t stop() const { return stop_; }
  int64_t step() const { return step_; }

 private:
  int64_t start_, stop_, step_;
};
std::ostream& operator<<(std::ostream& os, const Slice& s);

enum class TensorIndexType { None, Ellipsis, Integer, Boolean, Slice, Tensor };

}  // namespace indexing

class TensorIndex {
 public:
  TensorIndex(std::nullopt_t) : type_(indexing::TensorIndexType::None) {}  // NOLINT
  TensorIndex(indexing::EllipsisIndexType)  // NOLINT
      : type_(indexing::TensorIndexType::Ellipsis) {}
  // Only "..." is accepted.
  TensorIndex(const char* str);  // NOLINT
  TensorIndex(int64_t integer)   // NOLINT
      : integer_(integer), type_(indexing::TensorIndexType::Integer) {}
  TensorIndex(int integer) : TensorIndex(static_cast<int64_t>(integer)) {}  // NOLINT
  template <typename T, std::enable_if_t<std::is_same_v<T, bool>, int> = 0>
  TensorIndex(T boolean) : boolean_(boolean), type_(indexing::TensorIndexType::Boolean) {}  // NOLINT
  TensorIndex(indexing::Slice slice)  // NOLINT
      : slice_(slice), type_(indexing::TensorIndexType::Slice) {}
  TensorIndex(Tensor tensor)  // NOLINT
      : tensor_(std::move(tensor)), type_(indexing::TensorIndexType::Tensor) {}

  bool is_none() const { return type_ == indexing::TensorIndexType::None; }
  bool is_ellipsis() const { return type_ == indexing::TensorIndexType::Ellipsis; }
  bool is_integer() const { return type_ == indexing::TensorIndexType::Integer; }
  int64_t integer() const { return integer_; }
  bool is_boolean() const { return type_ == indexing::TensorIndexType::Boolean; }
  bool boolean() const { return boolean_; }
  bool is_slice() const { return type_ == indexing::TensorIndexType::Slice; }
  const indexing::Slice& slice() const { return slice_; }
  bool is_tensor() const { return type_ == indexing::TensorIndexType::Tensor; }
  const Tensor& tensor() const { return tensor_; }
  indexing::TensorIndexType type() const { return type_; }

 private:
  int64_t integer_ = 0;
  bool boolean_ = false;
  indexing::Slice slice_;
  Tensor tensor_;
  indexing::TensorIndexType type_;
};
std::ostream& operator<<(std::ostream& os, const TensorIndex& i);

namespace indexing {
using wick::TensorIndex;
// self[indices] (Python's __getitem__).
Tensor get_item(const Tensor& self, ArrayRef<TensorIndex> indices);
// self[indices] = value (Python's __setitem__). A basic-index target is
// written through its view with copy_ (value broadcast and cast); an
// advanced-index target goes through index_put_, which needs value in self's
// dtype unless value is 0-dim (then it is cast).
void set_item(const Tensor& self, ArrayRef<TensorIndex> indices, const Tensor& value);
void set_item(const Tensor& self, ArrayRef<TensorIndex> indices, const Scalar& value);
}  // namespace indexing

}  // namespace wick

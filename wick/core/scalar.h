#pragma once
// Scalar: a number that is not a tensor (a Python int/float/bool or a C++
// literal). It keeps its category, which decides type promotion.
#include <cstdint>
#include <type_traits>

#include "wick/core/dtype.h"

namespace wick {

class Scalar {
 public:
  enum class Kind : uint8_t { Bool, Int, Double };

  Scalar() : Scalar(int64_t(0)) {}
  Scalar(bool v) : kind_(Kind::Bool) { v_.i = v; }  // NOLINT
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : kind_(Kind::Int) {  // NOLINT
    v_.i = static_cast<int64_t>(v);
  }
  template <typename T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Scalar(T v) : kind_(Kind::Double) {  // NOLINT
    v_.d = static_cast<double>(v);
  }
  Scalar(Half v) : Scalar(static_cast<double>(static_cast<float>(v))) {}          // NOLINT
  Scalar(BFloat16 v) : Scalar(static_cast<double>(static_cast<float>(v))) {}      // NOLINT

  Kind kind() const { return kind_; }
  bool isFloatingPoint() const { return kind_ == Kind::Double; }
  bool isIntegral(bool include_bool) const {
    return kind_ == Kind::Int || (include_bool && kind_ == Kind::Bool);
  }
  bool isBoolean() const { return kind_ == Kind::Bool; }

  double toDouble() const { return kind_ == Kind::Double ? v_.d : static_cast<double>(v_.i); }
  int64_t toLong() const { return kind_ == Kind::Double ? static_cast<int64_t>(v_.d) : v_.i; }
  bool toBool() const { return kind_ == Kind::Double ? v_.d != 0.0 : v_.i != 0; }
  template <typename T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) {
      return toBool();
    } else if constexpr (std::is_integral_v<T>) {
      return kind_ == Kind::Double ? static_cast<T>(static_cast<int64_t>(v_.d))
                                   : static_cast<T>(v_.i);
    } else {
      return static_cast<T>(kind_ == Kind::Double ? v_.d : static_cast<double>(v_.i));
    }
  }

  // The dtype a tensor made from this scalar gets: bool, int64, or the default float.
  ScalarType type() const {
    switch (kind_) {
      case Kind::Bool: return kBool;
      case Kind::Int: return kLong;
      default: return kDouble;
    }
  }
  Scalar operator-() const {
    if (kind_ == Kind::Double) return Scalar(-v_.d);
    return Scalar(-v_.i);
  }

 private:
  Kind kind_;
  union {
    int64_t i;
    double d;
  } v_;
};

}  // namespace wick

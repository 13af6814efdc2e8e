#pragma once
// ScalarType: the element types a tensor can hold, with LibTorch's names, and
// PyTorch's type promotion lattice.
#include <cstdint>
#include <ostream>
#include <string>

#include "wick/core/half.h"

namespace wick {

// Order is part of the ABI of saved kernels tables: append only.
enum class ScalarType : int8_t {
  Bool = 0,
  Byte,      // uint8
  Char,      // int8
  Short,     // int16
  Int,       // int32
  Long,      // int64
  Half,      // float16
  BFloat16,  // bfloat16
  Float,     // float32
  Double,    // float64
  Undefined,
};
constexpr int kNumScalarTypes = static_cast<int>(ScalarType::Undefined);
using Dtype = ScalarType;

constexpr ScalarType kBool = ScalarType::Bool;
constexpr ScalarType kByte = ScalarType::Byte;
constexpr ScalarType kUInt8 = ScalarType::Byte;
constexpr ScalarType kChar = ScalarType::Char;
constexpr ScalarType kInt8 = ScalarType::Char;
constexpr ScalarType kShort = ScalarType::Short;
constexpr ScalarType kInt16 = ScalarType::Short;
constexpr ScalarType kInt = ScalarType::Int;
constexpr ScalarType kInt32 = ScalarType::Int;
constexpr ScalarType kLong = ScalarType::Long;
constexpr ScalarType kInt64 = ScalarType::Long;
constexpr ScalarType kHalf = ScalarType::Half;
constexpr ScalarType kFloat16 = ScalarType::Half;
constexpr ScalarType kBFloat16 = ScalarType::BFloat16;
constexpr ScalarType kFloat = ScalarType::Float;
constexpr ScalarType kFloat32 = ScalarType::Float;
constexpr ScalarType kDouble = ScalarType::Double;
constexpr ScalarType kFloat64 = ScalarType::Double;

constexpr int64_t element_size(ScalarType t) {
  switch (t) {
    case ScalarType::Bool:
    case ScalarType::Byte:
    case ScalarType::Char:
      return 1;
    case ScalarType::Short:
    case ScalarType::Half:
    case ScalarType::BFloat16:
      return 2;
    case ScalarType::Int:
    case ScalarType::Float:
      return 4;
    case ScalarType::Long:
    case ScalarType::Double:
      return 8;
    default:
      return 0;
  }
}
constexpr bool is_floating_type(ScalarType t) {
  return t == kHalf || t == kBFloat16 || t == kFloat || t == kDouble;
}
constexpr bool is_integral_type(ScalarType t, bool include_bool) {
  return (include_bool && t == kBool) || t == kByte || t == kChar || t == kShort || t == kInt ||
         t == kLong;
}
constexpr bool is_signed_type(ScalarType t) { return t != kBool && t != kByte; }

// "Float", "Long", ... (LibTorch's toString spelling, used in error messages).
const char* to_string(ScalarType t);
// "float32", "int64", ... (the name Python prints after "torch.").
const char* python_name(ScalarType t);
std::ostream& operator<<(std::ostream& os, ScalarType t);

// The smallest type both a and b convert to without losing range, by PyTorch's table.
ScalarType promote_types(ScalarType a, ScalarType b);
// Whether a value of type `from` may be written to an output of type `to` by an op
// (PyTorch's canCast: no float->integral, no non-bool->bool).
bool can_cast(ScalarType from, ScalarType to);

// The default floating dtype (float32 unless set_default_dtype changed it).
ScalarType get_default_dtype();
void set_default_dtype(ScalarType t);

// C++ type <-> ScalarType.
template <typename T>
struct CppTypeToScalarType;
#define WICK_MAP_TYPE(cpp, st)                            \
  template <>                                             \
  struct CppTypeToScalarType<cpp> {                       \
    static constexpr ScalarType value = ScalarType::st;   \
  };
WICK_MAP_TYPE(bool, Bool)
WICK_MAP_TYPE(uint8_t, Byte)
WICK_MAP_TYPE(int8_t, Char)
WICK_MAP_TYPE(int16_t, Short)
WICK_MAP_TYPE(int32_t, Int)
WICK_MAP_TYPE(int64_t, Long)
WICK_MAP_TYPE(Half, Half)
WICK_MAP_TYPE(BFloat16, BFloat16)
WICK_MAP_TYPE(float, Float)
WICK_MAP_TYPE(double, Double)
#undef WICK_MAP_TYPE

template <typename T>
constexpr ScalarType scalar_type_of() {
  return CppTypeToScalarType<T>::value;
}

// The type arithmetic on T happens in: float for the 16-bit floats, T otherwise.
template <typename T>
struct OpMathType {
  using type = T;
};
template <>
struct OpMathType<Half> {
  using type = float;
};
template <>
struct OpMathType<BFloat16> {
  using type = float;
};
template <typename T>
using opmath_t = typename OpMathType<T>::type;

}  // namespace wick

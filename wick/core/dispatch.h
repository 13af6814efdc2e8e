#pragma once
// Dtype dispatch: run a generic lambda with `scalar_t` bound to the C++ type of
// a ScalarType. Use the narrowest macro that fits the op, to keep the number of
// kernel instantiations (and build time) small.
#include "wick/core/dtype.h"
#include "wick/core/error.h"

#define WICK_DISPATCH_CASE(enum_type, cpp_type, ...) \
  case ::wick::ScalarType::enum_type: {              \
    using scalar_t = cpp_type;                       \
    return __VA_ARGS__();                            \
  }

#define WICK_DISPATCH_FAIL(TYPE, NAME)                                                        \
  default:                                                                                    \
    throw ::wick::NotImplementedError(                                                        \
        ::wick::str("\"", NAME, "\" not implemented for '", ::wick::to_string(TYPE), "'"));

#define WICK_CASES_FLOAT(...)                      \
  WICK_DISPATCH_CASE(Float, float, __VA_ARGS__)    \
  WICK_DISPATCH_CASE(Double, double, __VA_ARGS__)
#define WICK_CASES_HALF(...)                                \
  WICK_DISPATCH_CASE(Half, ::wick::Half, __VA_ARGS__)       \
  WICK_DISPATCH_CASE(BFloat16, ::wick::BFloat16, __VA_ARGS__)
#define WICK_CASES_INT(...)                          \
  WICK_DISPATCH_CASE(Byte, uint8_t, __VA_ARGS__)     \
  WICK_DISPATCH_CASE(Char, int8_t, __VA_ARGS__)      \
  WICK_DISPATCH_CASE(Short, int16_t, __VA_ARGS__)    \
  WICK_DISPATCH_CASE(Int, int32_t, __VA_ARGS__)      \
  WICK_DISPATCH_CASE(Long, int64_t, __VA_ARGS__)
#define WICK_CASES_BOOL(...) WICK_DISPATCH_CASE(Bool, bool, __VA_ARGS__)

// float, double
#define WICK_DISPATCH_FLOATING_TYPES(TYPE, NAME, ...)           \
  [&] {                                                         \
    const ::wick::ScalarType _st = TYPE;                        \
    switch (_st) { WICK_CASES_FLOAT(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()
// float, double, half, bfloat16
#define WICK_DISPATCH_FLOATING_AND_HALF(TYPE, NAME, ...)        \
  [&] {                                                         \
    const ::wick::ScalarType _st = TYPE;                        \
    switch (_st) { WICK_CASES_FLOAT(__VA_ARGS__) WICK_CASES_HALF(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()
// the five integer types
#define WICK_DISPATCH_INTEGRAL_TYPES(TYPE, NAME, ...)           \
  [&] {                                                         \
    const ::wick::ScalarType _st = TYPE;                        \
    switch (_st) { WICK_CASES_INT(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()
// integers, float, double, half, bfloat16 (no bool)
#define WICK_DISPATCH_ALL_TYPES(TYPE, NAME, ...)                \
  [&] {                                                         \
    const ::wick::ScalarType _st = TYPE;                        \
    switch (_st) { WICK_CASES_INT(__VA_ARGS__) WICK_CASES_FLOAT(__VA_ARGS__) WICK_CASES_HALF(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()
// every dtype including bool
#define WICK_DISPATCH_ALL_TYPES_AND_BOOL(TYPE, NAME, ...)       \
  [&] {                                                         \
    const ::wick::ScalarType _st = TYPE;                        \
    switch (_st) { WICK_CASES_BOOL(__VA_ARGS__) WICK_CASES_INT(__VA_ARGS__) WICK_CASES_FLOAT(__VA_ARGS__) WICK_CASES_HALF(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()
// integers and bool
#define WICK_DISPATCH_INTEGRAL_AND_BOOL(TYPE, NAME, ...)        \
  [&] {                                                         \
    const ::wick::ScalarType _st = TYPE;                        \
    switch (_st) { WICK_CASES_BOOL(__VA_ARGS__) WICK_CASES_INT(__VA_ARGS__) WICK_DISPATCH_FAIL(_st, NAME) } \
  }()

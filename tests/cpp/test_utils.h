#pragma once
// Helpers shared by the C++ tests: read a tensor back as a vector, compare.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "wick/wick.h"

// stmt throws a `type` whose what() contains text.
#define WICK_EXPECT_THROW_MSG(stmt, type, text)                                   \
  do {                                                                            \
    try {                                                                         \
      stmt;                                                                       \
      ADD_FAILURE() << "no exception from " #stmt;                                \
    } catch (const type& e) {                                                     \
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what(); \
    }                                                                             \
  } while (0)

namespace wick::test {

// The elements of t in row-major order, converted to double.
inline std::vector<double> values(const Tensor& t) {
  Tensor c = t.to(kDouble).contiguous();
  const double* p = c.data_ptr<double>();
  return std::vector<double>(p, p + c.numel());
}

// Sizes, dtype and values (within tolerance; NaN equals NaN) must match.
inline ::testing::AssertionResult tensors_close(const Tensor& actual, const Tensor& expected,
                                                double rtol = 1e-5, double atol = 1e-8,
                                                bool check_dtype = true) {
  if (!actual.sizes().equals(expected.sizes()))
    return ::testing::AssertionFailure()
           << "sizes " << actual.sizes() << " vs expected " << expected.sizes();
  if (check_dtype && actual.dtype() != expected.dtype())
    return ::testing::AssertionFailure()
           << "dtype " << actual.dtype() << " vs expected " << expected.dtype();
  auto a = values(actual), e = values(expected);
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(e[i])) continue;
    if (a[i] == e[i]) continue;
    if (!(std::fabs(a[i] - e[i]) <= atol + rtol * std::fabs(e[i])))
      return ::testing::AssertionFailure()
             << "element " << i << ": " << a[i] << " vs expected " << e[i];
  }
  return ::testing::AssertionSuccess();
}

// The message f raises as wick::Error, or "<no error>".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}
// Whether f raises E (and not some other exception).
template <typename E>
bool raises(const std::function<void()>& f) {
  try {
    f();
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
  return false;
}

}  // namespace wick::test

#define EXPECT_TENSOR_CLOSE(a, e, ...) EXPECT_TRUE(::wick::test::tensors_close(a, e, ##__VA_ARGS__))
#define EXPECT_TENSOR_EQ(a, e) EXPECT_TRUE(::wick::test::tensors_close(a, e, 0.0, 0.0))

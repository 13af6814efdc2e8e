#pragma once
// Helpers for the per-family gradient tests: gradcheck as a test failure,
// random float64 leaves, and gradients of sum(f(inputs)) read back as values.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "test_utils.h"
#include "wick/wick.h"

namespace wick::grad_test {

using autograd::variable_list;

#define EXPECT_GRADCHECK(call)                    \
  do {                                            \
    try {                                         \
      EXPECT_TRUE(call);                          \
    } catch (const Error& e) {                    \
      ADD_FAILURE() << #call << ": " << e.what(); \
    }                                             \
  } while (0)

inline Tensor rnd(IntArrayRef shape, double lo = -1.0, double hi = 1.0, uint64_t seed = 0) {
  Generator g;
  g.manual_seed(seed);
  return (rand(shape, g, TensorOptions(kDouble)) * (hi - lo) + lo).requires_grad_();
}

// A float64 leaf that requires grad, from values.
inline Tensor leaf(const std::vector<double>& v) {
  return tensor(v, TensorOptions(kDouble)).requires_grad_();
}

using Fn = std::function<Tensor(const variable_list&)>;

// gradcheck and gradgradcheck of f on the given inputs.
inline void check_both(const char* what, const Fn& f, const variable_list& inputs,
                       bool second_order = true) {
  SCOPED_TRACE(what);
  auto fn = [&](const variable_list& in) { return variable_list{f(in)}; };
  EXPECT_GRADCHECK(autograd::gradcheck(fn, inputs));
  if (second_order) EXPECT_GRADCHECK(autograd::gradgradcheck(fn, inputs));
}

// The gradients of sum(f(inputs)) with respect to each input, as values
// (an input with no gradient gives an empty vector).
inline std::vector<std::vector<double>> grads_of(const Fn& f, const variable_list& inputs) {
  for (const Tensor& t : inputs) t.mutable_grad() = Tensor();
  f(inputs).sum().backward();
  std::vector<std::vector<double>> out;
  for (const Tensor& t : inputs)
    out.push_back(t.grad().defined() ? test::values(t.grad()) : std::vector<double>{});
  return out;
}

// Equal values, NaN matching NaN and infinities matching exactly.
inline ::testing::AssertionResult same_values(const std::vector<double>& a,
                                              const std::vector<double>& e, double tol = 1e-12) {
  if (a.size() != e.size())
    return ::testing::AssertionFailure() << "size " << a.size() << " vs " << e.size();
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(e[i])) continue;
    if (a[i] == e[i]) continue;
    if (std::isfinite(e[i]) && std::fabs(a[i] - e[i]) <= tol * (1 + std::fabs(e[i]))) continue;
    return ::testing::AssertionFailure() << "element " << i << ": " << a[i] << " vs " << e[i];
  }
  return ::testing::AssertionSuccess();
}

inline std::string node_name(const Tensor& t) {
  return t.grad_fn() ? t.grad_fn()->name() : std::string("<none>");
}

}  // namespace wick::grad_test

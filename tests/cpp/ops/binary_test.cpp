// Binary elementwise ops against PyTorch. Expected values come from PyTorch 1.13
// on the inputs below (for half/bfloat16 kernels 1.13 lacks on CPU, from the
// float result rounded, which is what PyTorch 2.x computes).
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Named inputs; each is made as PyTorch made it (float32 / int64 / bool tensor,
// then converted to the dtype under test).
Tensor make_input(const std::string& name, ScalarType dtype) {
  static const std::map<std::string, std::vector<double>> values = {
      {"FA", {-2.5, -1.0, 0.0, 0.5, 3.0, 2.0}}, {"FB", {2.0, -0.5, 1.5, -3.0, 0.25, 0.0}},
      {"IA", {-7, -3, 0, 5, 9, 6}},             {"IB", {2, -2, 3, 4, -5, 1}},
      {"UA", {0, 3, 100, 200, 255, 7}},         {"UB", {1, 7, 3, 250, 2, 1}},
      {"BA", {1, 0, 1, 0, 1, 1}},               {"BB", {1, 1, 0, 0, 0, 1}},
      {"SB", {0, 1, 2, 3, 1, 2}},
  };
  const auto& v = values.at(name);
  ScalarType base = name[0] == 'F' ? kFloat : (name[0] == 'B' ? kBool : kLong);
  return tensor(v, TensorOptions(kDouble)).to(base).to(dtype);
}

double rtol_for(ScalarType t) {
  switch (t) {
    case kHalf: return 2e-3;
    case kBFloat16: return 1e-2;
    case kFloat: return 2e-6;
    case kDouble: return 1e-12;
    default: return 0;
  }
}

struct BinaryCase {
  const char* name;
  std::function<Tensor(const Tensor&, const Tensor&)> fn;
  const char* a;
  ScalarType a_dtype;
  const char* b;
  ScalarType b_dtype;
  ScalarType out_dtype;
  std::vector<double> expected;
  const char* error;
};

// clang-format off
const std::vector<BinaryCase>& binary_cases() {
  static const std::vector<BinaryCase> cases = {
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-0.5, -1.5, 1.5, -2.5, 3.25, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-0.5, -1.5, 1.5, -2.5, 3.25, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-0.5, -1.5, 1.5, -2.5, 3.25, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-0.5, -1.5, 1.5, -2.5, 3.25, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "IA", kLong, "IB", kLong, kLong, {-5.0, -5.0, 3.0, 9.0, 4.0, 7.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "IA", kInt, "IB", kInt, kInt, {-5.0, -5.0, 3.0, 9.0, 4.0, 7.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "IA", kChar, "IB", kChar, kChar, {-5.0, -5.0, 3.0, 9.0, 4.0, 7.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "UA", kByte, "UB", kByte, kByte, {1.0, 10.0, 103.0, 194.0, 1.0, 8.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 1, 0, 1, 1}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "FA", kFloat, "FB", kFloat, kFloat, {1.5, -2.0, 3.0, -5.5, 3.5, 2.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "FA", kDouble, "FB", kDouble, kDouble, {1.5, -2.0, 3.0, -5.5, 3.5, 2.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "FA", kHalf, "FB", kHalf, kHalf, {1.5, -2.0, 3.0, -5.5, 3.5, 2.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {1.5, -2.0, 3.0, -5.5, 3.5, 2.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "IA", kLong, "IB", kLong, kLong, {-3.0, -7.0, 6.0, 13.0, -1.0, 8.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "IA", kInt, "IB", kInt, kInt, {-3.0, -7.0, 6.0, 13.0, -1.0, 8.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "IA", kChar, "IB", kChar, kChar, {-3.0, -7.0, 6.0, 13.0, -1.0, 8.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "UA", kByte, "UB", kByte, kByte, {2.0, 17.0, 106.0, 188.0, 3.0, 9.0}, nullptr},
  {"add_alpha", [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 2); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 1, 0, 1, 1}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-4.5, -0.5, -1.5, 3.5, 2.75, 2.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-4.5, -0.5, -1.5, 3.5, 2.75, 2.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-4.5, -0.5, -1.5, 3.5, 2.75, 2.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-4.5, -0.5, -1.5, 3.5, 2.75, 2.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "IA", kLong, "IB", kLong, kLong, {-9.0, -1.0, -3.0, 1.0, 14.0, 5.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "IA", kInt, "IB", kInt, kInt, {-9.0, -1.0, -3.0, 1.0, 14.0, 5.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "IA", kChar, "IB", kChar, kChar, {-9.0, -1.0, -3.0, 1.0, 14.0, 5.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "UA", kByte, "UB", kByte, kByte, {255.0, 252.0, 97.0, 206.0, 253.0, 6.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "FA", kFloat, "FB", kFloat, kFloat, {-6.5, 0.0, -3.0, 6.5, 2.5, 2.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "FA", kDouble, "FB", kDouble, kDouble, {-6.5, 0.0, -3.0, 6.5, 2.5, 2.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "FA", kHalf, "FB", kHalf, kHalf, {-6.5, 0.0, -3.0, 6.5, 2.5, 2.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-6.5, 0.0, -3.0, 6.5, 2.5, 2.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "IA", kLong, "IB", kLong, kLong, {-11.0, 1.0, -6.0, -3.0, 19.0, 4.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "IA", kInt, "IB", kInt, kInt, {-11.0, 1.0, -6.0, -3.0, 19.0, 4.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "IA", kChar, "IB", kChar, kChar, {-11.0, 1.0, -6.0, -3.0, 19.0, 4.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "UA", kByte, "UB", kByte, kByte, {254.0, 245.0, 94.0, 212.0, 251.0, 5.0}, nullptr},
  {"sub_alpha", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b, 2); }, "BA", kBool, "BB", kBool, kFloat, {}, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {4.5, 0.5, 1.5, -3.5, -2.75, -2.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {4.5, 0.5, 1.5, -3.5, -2.75, -2.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {4.5, 0.5, 1.5, -3.5, -2.75, -2.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {4.5, 0.5, 1.5, -3.5, -2.75, -2.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "IA", kLong, "IB", kLong, kLong, {9.0, 1.0, 3.0, -1.0, -14.0, -5.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "IA", kInt, "IB", kInt, kInt, {9.0, 1.0, 3.0, -1.0, -14.0, -5.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "IA", kChar, "IB", kChar, kChar, {9.0, 1.0, 3.0, -1.0, -14.0, -5.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "UA", kByte, "UB", kByte, kByte, {1.0, 4.0, 159.0, 50.0, 3.0, 250.0}, nullptr},
  {"rsub", [](const Tensor& a, const Tensor& b) { return wick::rsub(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-5.0, 0.5, 0.0, -1.5, 0.75, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-5.0, 0.5, 0.0, -1.5, 0.75, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-5.0, 0.5, 0.0, -1.5, 0.75, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-5.0, 0.5, 0.0, -1.5, 0.75, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "IA", kLong, "IB", kLong, kLong, {-14.0, 6.0, 0.0, 20.0, -45.0, 6.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "IA", kInt, "IB", kInt, kInt, {-14.0, 6.0, 0.0, 20.0, -45.0, 6.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "IA", kChar, "IB", kChar, kChar, {-14.0, 6.0, 0.0, 20.0, -45.0, 6.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 21.0, 44.0, 80.0, 254.0, 7.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 0, 0, 1}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-1.25, 2.0, 0.0, -0.1666666716337204, 12.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-1.25, 2.0, 0.0, -0.16666666666666666, 12.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-1.25, 2.0, 0.0, -0.1666259765625, 12.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-1.25, 2.0, 0.0, -0.1669921875, 12.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "IA", kLong, "IB", kLong, kFloat, {-3.5, 1.5, 0.0, 1.25, -1.7999999523162842, 6.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "IA", kInt, "IB", kInt, kFloat, {-3.5, 1.5, 0.0, 1.25, -1.7999999523162842, 6.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "IA", kChar, "IB", kChar, kFloat, {-3.5, 1.5, 0.0, 1.25, -1.7999999523162842, 6.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "UA", kByte, "UB", kByte, kFloat, {0.0, 0.4285714328289032, 33.33333206176758, 0.800000011920929, 127.5, 7.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "BA", kBool, "BB", kBool, kFloat, {1.0, 0.0, kInf, kNaN, kInf, 1.0}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "FA", kFloat, "FB", kFloat, kFloat, {-1.0, 2.0, 0.0, -0.0, 12.0, kInf}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "FA", kDouble, "FB", kDouble, kDouble, {-1.0, 2.0, 0.0, -0.0, 12.0, kInf}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "FA", kHalf, "FB", kHalf, kHalf, {-1.0, 2.0, 0.0, -0.0, 12.0, kInf}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-1.0, 2.0, 0.0, -0.0, 12.0, kInf}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "IA", kLong, "IB", kLong, kLong, {-3.0, 1.0, 0.0, 1.0, -1.0, 6.0}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "IA", kInt, "IB", kInt, kInt, {-3.0, 1.0, 0.0, 1.0, -1.0, 6.0}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "IA", kChar, "IB", kChar, kChar, {-3.0, 1.0, 0.0, 1.0, -1.0, 6.0}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "UA", kByte, "UB", kByte, kByte, {0.0, 0.0, 33.0, 0.0, 127.0, 7.0}, nullptr},
  {"div_trunc", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "trunc"); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"div_trunc_cpu\" not implemented for 'Bool'"},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "FA", kFloat, "FB", kFloat, kFloat, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "FA", kDouble, "FB", kDouble, kDouble, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "FA", kHalf, "FB", kHalf, kHalf, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "IA", kLong, "IB", kLong, kLong, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "IA", kInt, "IB", kInt, kInt, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "IA", kChar, "IB", kChar, kChar, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "UA", kByte, "UB", kByte, kByte, {0.0, 0.0, 33.0, 0.0, 127.0, 7.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"div_floor_cpu\" not implemented for 'Bool'"},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "IA", kLong, "IB", kLong, kLong, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "IA", kInt, "IB", kInt, kInt, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "IA", kChar, "IB", kChar, kChar, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 0.0, 33.0, 0.0, 127.0, 7.0}, nullptr},
  {"floor_divide", [](const Tensor& a, const Tensor& b) { return wick::floor_divide(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"div_floor_cpu\" not implemented for 'Bool'"},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {1.5, -0.0, 0.0, -2.5, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {1.5, -0.0, 0.0, -2.5, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {1.5, -0.0, 0.0, -2.5, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {1.5, -0.0, 0.0, -2.5, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "IA", kLong, "IB", kLong, kLong, {1.0, -1.0, 0.0, 1.0, -1.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "IA", kInt, "IB", kInt, kInt, {1.0, -1.0, 0.0, 1.0, -1.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "IA", kChar, "IB", kChar, kChar, {1.0, -1.0, 0.0, 1.0, -1.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 3.0, 1.0, 200.0, 1.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"remainder_cpu\" not implemented for 'Bool'"},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-0.5, -0.0, 0.0, 0.5, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-0.5, -0.0, 0.0, 0.5, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-0.5, -0.0, 0.0, 0.5, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-0.5, -0.0, 0.0, 0.5, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "IA", kLong, "IB", kLong, kLong, {-1.0, -1.0, 0.0, 1.0, 4.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "IA", kInt, "IB", kInt, kInt, {-1.0, -1.0, 0.0, 1.0, 4.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "IA", kChar, "IB", kChar, kChar, {-1.0, -1.0, 0.0, 1.0, 4.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 3.0, 1.0, 200.0, 1.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"fmod_cpu\" not implemented for 'Bool'"},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {6.25, kNaN, 0.0, 8.0, 1.316074013710022, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {6.25, kNaN, 0.0, 8.0, 1.31640625, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {6.25, kNaN, 0.0, 8.0, 1.3125, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "IA", kLong, "IB", kLong, kLong, {49.0, 0.0, 0.0, 625.0, 0.0, 6.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "IA", kInt, "IB", kInt, kInt, {49.0, 0.0, 0.0, 625.0, 0.0, 6.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "IA", kChar, "IB", kChar, kChar, {49.0, 0.0, 0.0, 113.0, 0.0, 6.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 139.0, 64.0, 0.0, 1.0, 7.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"pow\" not implemented for 'Bool'"},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "FA", kFloat, "FB", kFloat, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "FA", kHalf, "FB", kHalf, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "IA", kLong, "IB", kLong, kDouble, {49.0, 0.1111111111111111, 0.0, 625.0, 1.6935087808430286e-05, 6.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "IA", kInt, "IB", kInt, kDouble, {49.0, 0.1111111111111111, 0.0, 625.0, 1.6935087808430286e-05, 6.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "IA", kChar, "IB", kChar, kDouble, {49.0, 0.1111111111111111, 0.0, 625.0, 1.6935087808430286e-05, 6.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "UA", kByte, "UB", kByte, kDouble, {0.0, 2187.0, 1000000.0, kInf, 65025.0, 7.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "BA", kBool, "BB", kBool, kDouble, {1.0, 0.0, 1.0, 1.0, 1.0, 1.0}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-0.8960554003715515, -2.0344438552856445, 0.0, 2.9764440059661865, 1.4876550436019897, 1.5707963705062866}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-0.8960553845713439, -2.0344439357957027, 0.0, 2.976443976175166, 1.4876550949064553, 1.5707963267948966}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-0.89599609375, -2.03515625, 0.0, 2.9765625, 1.4873046875, 1.5703125}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-0.89453125, -2.03125, 0.0, 2.96875, 1.484375, 1.5703125}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "IA", kLong, "IB", kLong, kFloat, {-1.292496681213379, -2.158798933029175, 0.0, 0.8960554003715515, 2.077894687652588, 1.4056476354599}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "IA", kInt, "IB", kInt, kFloat, {-1.292496681213379, -2.158798933029175, 0.0, 0.8960554003715515, 2.077894687652588, 1.4056476354599}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "IA", kChar, "IB", kChar, kFloat, {-1.292496681213379, -2.158798933029175, 0.0, 0.8960554003715515, 2.077894687652588, 1.4056476354599}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "UA", kByte, "UB", kByte, kFloat, {0.0, 0.4048917889595032, 1.5408053398132324, 0.6747409701347351, 1.5629533529281616, 1.4288992881774902}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "BA", kBool, "BB", kBool, kFloat, {0.7853981852531433, 0.0, 1.5707963705062866, 0.0, 1.5707963705062866, 0.7853981852531433}, nullptr},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {3.2015621662139893, 1.1180340051651, 1.5, 3.041381359100342, 3.0103986263275146, 2.0}, nullptr},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {3.2015621187164243, 1.118033988749895, 1.5, 3.0413812651491097, 3.010398644698074, 2.0}, nullptr},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {3.201171875, 1.1181640625, 1.5, 3.041015625, 3.009765625, 2.0}, nullptr},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {3.203125, 1.1171875, 1.5, 3.046875, 3.015625, 2.0}, nullptr},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "IA", kLong, "IB", kLong, kFloat, {}, "\"hypot_cpu\" not implemented for 'Long'"},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "IA", kInt, "IB", kInt, kFloat, {}, "\"hypot_cpu\" not implemented for 'Int'"},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "IA", kChar, "IB", kChar, kFloat, {}, "\"hypot_cpu\" not implemented for 'Char'"},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "UA", kByte, "UB", kByte, kFloat, {}, "\"hypot_cpu\" not implemented for 'Byte'"},
  {"hypot", [](const Tensor& a, const Tensor& b) { return wick::hypot(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"hypot_cpu\" not implemented for 'Bool'"},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "IA", kLong, "IB", kLong, kLong, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "IA", kInt, "IB", kInt, kInt, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "IA", kChar, "IB", kChar, kChar, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "UA", kByte, "UB", kByte, kByte, {1.0, 7.0, 100.0, 250.0, 255.0, 7.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 1, 0, 1, 1}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "IA", kLong, "IB", kLong, kLong, {-7.0, -3.0, 0.0, 4.0, -5.0, 1.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "IA", kInt, "IB", kInt, kInt, {-7.0, -3.0, 0.0, 4.0, -5.0, 1.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "IA", kChar, "IB", kChar, kChar, {-7.0, -3.0, 0.0, 4.0, -5.0, 1.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 3.0, 3.0, 200.0, 2.0, 1.0}, nullptr},
  {"minimum", [](const Tensor& a, const Tensor& b) { return wick::minimum(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 0, 0, 1}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "IA", kLong, "IB", kLong, kLong, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "IA", kInt, "IB", kInt, kInt, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "IA", kChar, "IB", kChar, kChar, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "UA", kByte, "UB", kByte, kByte, {1.0, 7.0, 100.0, 250.0, 255.0, 7.0}, nullptr},
  {"fmax", [](const Tensor& a, const Tensor& b) { return wick::fmax(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 1, 0, 1, 1}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-2.5, -1.0, 0.0, -3.0, 0.25, 0.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "IA", kLong, "IB", kLong, kLong, {-7.0, -3.0, 0.0, 4.0, -5.0, 1.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "IA", kInt, "IB", kInt, kInt, {-7.0, -3.0, 0.0, 4.0, -5.0, 1.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "IA", kChar, "IB", kChar, kChar, {-7.0, -3.0, 0.0, 4.0, -5.0, 1.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 3.0, 3.0, 200.0, 2.0, 1.0}, nullptr},
  {"fmin", [](const Tensor& a, const Tensor& b) { return wick::fmin(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 0, 0, 1}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {2.5, -1.0, 0.0, -0.5, 3.0, 2.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {2.5, -1.0, 0.0, -0.5, 3.0, 2.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {2.5, -1.0, 0.0, -0.5, 3.0, 2.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {2.5, -1.0, 0.0, -0.5, 3.0, 2.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "IA", kLong, "IB", kLong, kFloat, {7.0, -3.0, 0.0, 5.0, -9.0, 6.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "IA", kInt, "IB", kInt, kFloat, {7.0, -3.0, 0.0, 5.0, -9.0, 6.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "IA", kChar, "IB", kChar, kFloat, {7.0, -3.0, 0.0, 5.0, -9.0, 6.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "UA", kByte, "UB", kByte, kFloat, {0.0, 3.0, 100.0, 200.0, 255.0, 7.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "BA", kBool, "BB", kBool, kFloat, {1.0, 0.0, 1.0, 0.0, 1.0, 1.0}, nullptr},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {2.011047840118408, -0.02592301368713379, 1.7014133930206299, 0.529750406742096, 3.061967611312866, 2.1269280910491943}, nullptr},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {2.011047744848594, -0.025923015819893314, 1.7014132779827524, 0.5297504182726207, 3.0619675890031988, 2.1269280110429727}, nullptr},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {2.01171875, -0.0259246826171875, 1.701171875, 0.52978515625, 3.0625, 2.126953125}, nullptr},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {2.015625, -0.02587890625, 1.703125, 0.53125, 3.0625, 2.125}, nullptr},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "IA", kLong, "IB", kLong, kFloat, {}, "\"logaddexp_cpu\" not implemented for 'Long'"},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "IA", kInt, "IB", kInt, kFloat, {}, "\"logaddexp_cpu\" not implemented for 'Int'"},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "IA", kChar, "IB", kChar, kFloat, {}, "\"logaddexp_cpu\" not implemented for 'Char'"},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "UA", kByte, "UB", kByte, kFloat, {}, "\"logaddexp_cpu\" not implemented for 'Byte'"},
  {"logaddexp", [](const Tensor& a, const Tensor& b) { return wick::logaddexp(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"logaddexp_cpu\" not implemented for 'Bool'"},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {2.062390089035034, 0.2715533375740051, 1.9367518424987793, 0.6221933960914612, 3.1999404430389404, 2.321928024291992}, nullptr},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {2.062390014173462, 0.2715533031636119, 1.936751795439824, 0.6221934162022744, 3.199940384843785, 2.321928094887362}, nullptr},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {2.0625, 0.271484375, 1.9365234375, 0.6220703125, 3.19921875, 2.322265625}, nullptr},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {2.0625, 0.271484375, 1.9375, 0.62109375, 3.203125, 2.328125}, nullptr},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "IA", kLong, "IB", kLong, kFloat, {}, "\"logaddexp2_cpu\" not implemented for 'Long'"},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "IA", kInt, "IB", kInt, kFloat, {}, "\"logaddexp2_cpu\" not implemented for 'Int'"},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "IA", kChar, "IB", kChar, kFloat, {}, "\"logaddexp2_cpu\" not implemented for 'Char'"},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "UA", kByte, "UB", kByte, kFloat, {}, "\"logaddexp2_cpu\" not implemented for 'Byte'"},
  {"logaddexp2", [](const Tensor& a, const Tensor& b) { return wick::logaddexp2(a, b); }, "BA", kBool, "BB", kBool, kFloat, {}, "\"logaddexp2_cpu\" not implemented for 'Bool'"},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {-1.732867956161499, kNaN, 0.0, kNaN, -4.158883094787598, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "FA", kDouble, "FB", kDouble, kDouble, {-1.7328679513998633, kNaN, 0.0, kNaN, -4.1588830833596715, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "FA", kHalf, "FB", kHalf, kHalf, {-1.732421875, kNaN, 0.0, kNaN, -4.16015625, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBFloat16, {-1.7265625, kNaN, 0.0, kNaN, -4.15625, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "IA", kLong, "IB", kLong, kFloat, {-4.852030277252197, kNaN, 0.0, 6.931471824645996, kNaN, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "IA", kInt, "IB", kInt, kFloat, {-4.852030277252197, kNaN, 0.0, 6.931471824645996, kNaN, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "IA", kChar, "IB", kChar, kFloat, {-4.852030277252197, kNaN, 0.0, 6.931471824645996, kNaN, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "UA", kByte, "UB", kByte, kFloat, {0.0, 5.837730407714844, 109.8612289428711, 1104.292236328125, 176.75253295898438, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "BA", kBool, "BB", kBool, kFloat, {0.0, 0.0, -kInf, 0.0, -kInf, 0.0}, nullptr},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {}, "\"bitwise_and_cpu\" not implemented for 'Float'"},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "FA", kDouble, "FB", kDouble, kFloat, {}, "\"bitwise_and_cpu\" not implemented for 'Double'"},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "FA", kHalf, "FB", kHalf, kFloat, {}, "\"bitwise_and_cpu\" not implemented for 'Half'"},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kFloat, {}, "\"bitwise_and_cpu\" not implemented for 'BFloat16'"},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "IA", kLong, "IB", kLong, kLong, {0.0, -4.0, 0.0, 4.0, 9.0, 0.0}, nullptr},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "IA", kInt, "IB", kInt, kInt, {0.0, -4.0, 0.0, 4.0, 9.0, 0.0}, nullptr},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "IA", kChar, "IB", kChar, kChar, {0.0, -4.0, 0.0, 4.0, 9.0, 0.0}, nullptr},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "UA", kByte, "UB", kByte, kByte, {0.0, 3.0, 0.0, 200.0, 2.0, 1.0}, nullptr},
  {"bitwise_and", [](const Tensor& a, const Tensor& b) { return wick::bitwise_and(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 0, 0, 1}, nullptr},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {}, "\"bitwise_or_cpu\" not implemented for 'Float'"},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "FA", kDouble, "FB", kDouble, kFloat, {}, "\"bitwise_or_cpu\" not implemented for 'Double'"},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "FA", kHalf, "FB", kHalf, kFloat, {}, "\"bitwise_or_cpu\" not implemented for 'Half'"},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kFloat, {}, "\"bitwise_or_cpu\" not implemented for 'BFloat16'"},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "IA", kLong, "IB", kLong, kLong, {-5.0, -1.0, 3.0, 5.0, -5.0, 7.0}, nullptr},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "IA", kInt, "IB", kInt, kInt, {-5.0, -1.0, 3.0, 5.0, -5.0, 7.0}, nullptr},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "IA", kChar, "IB", kChar, kChar, {-5.0, -1.0, 3.0, 5.0, -5.0, 7.0}, nullptr},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "UA", kByte, "UB", kByte, kByte, {1.0, 7.0, 103.0, 250.0, 255.0, 7.0}, nullptr},
  {"bitwise_or", [](const Tensor& a, const Tensor& b) { return wick::bitwise_or(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 1, 0, 1, 1}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "FA", kFloat, "FB", kFloat, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Float'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "FA", kDouble, "FB", kDouble, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Double'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "FA", kHalf, "FB", kHalf, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Half'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'BFloat16'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "IA", kLong, "IB", kLong, kLong, {-5.0, 3.0, 3.0, 1.0, -14.0, 7.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "IA", kInt, "IB", kInt, kInt, {-5.0, 3.0, 3.0, 1.0, -14.0, 7.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "IA", kChar, "IB", kChar, kChar, {-5.0, 3.0, 3.0, 1.0, -14.0, 7.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "UA", kByte, "UB", kByte, kByte, {1.0, 4.0, 103.0, 50.0, 253.0, 6.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "BA", kBool, "BB", kBool, kBool, {0, 1, 1, 0, 1, 0}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {1, 1, 0, 1, 1, 0}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {1, 1, 0, 1, 1, 0}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {1, 1, 0, 1, 1, 0}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {1, 1, 0, 1, 1, 0}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "IA", kLong, "IB", kLong, kBool, {1, 1, 0, 1, 1, 1}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "IA", kInt, "IB", kInt, kBool, {1, 1, 0, 1, 1, 1}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "IA", kChar, "IB", kChar, kBool, {1, 1, 0, 1, 1, 1}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "UA", kByte, "UB", kByte, kBool, {0, 1, 1, 1, 1, 1}, nullptr},
  {"logical_and", [](const Tensor& a, const Tensor& b) { return wick::logical_and(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 0, 0, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "IA", kLong, "IB", kLong, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "IA", kInt, "IB", kInt, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "IA", kChar, "IB", kChar, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "UA", kByte, "UB", kByte, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"logical_or", [](const Tensor& a, const Tensor& b) { return wick::logical_or(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 1, 0, 1, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "IA", kLong, "IB", kLong, kBool, {0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "IA", kInt, "IB", kInt, kBool, {0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "IA", kChar, "IB", kChar, kBool, {0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "UA", kByte, "UB", kByte, kBool, {1, 0, 0, 0, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "BA", kBool, "BB", kBool, kBool, {0, 1, 1, 0, 1, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "IA", kLong, "IB", kLong, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "IA", kInt, "IB", kInt, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "IA", kChar, "IB", kChar, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "UA", kByte, "UB", kByte, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 1, 0, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "IA", kLong, "IB", kLong, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "IA", kInt, "IB", kInt, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "IA", kChar, "IB", kChar, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "UA", kByte, "UB", kByte, kBool, {1, 1, 1, 1, 1, 1}, nullptr},
  {"ne", [](const Tensor& a, const Tensor& b) { return wick::ne(a, b); }, "BA", kBool, "BB", kBool, kBool, {0, 1, 1, 0, 1, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "IA", kLong, "IB", kLong, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "IA", kInt, "IB", kInt, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "IA", kChar, "IB", kChar, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "UA", kByte, "UB", kByte, kBool, {1, 1, 0, 1, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "BA", kBool, "BB", kBool, kBool, {0, 1, 0, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "IA", kLong, "IB", kLong, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "IA", kInt, "IB", kInt, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "IA", kChar, "IB", kChar, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "UA", kByte, "UB", kByte, kBool, {1, 1, 0, 1, 0, 0}, nullptr},
  {"le", [](const Tensor& a, const Tensor& b) { return wick::le(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 1, 0, 1, 0, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "IA", kLong, "IB", kLong, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "IA", kInt, "IB", kInt, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "IA", kChar, "IB", kChar, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "UA", kByte, "UB", kByte, kBool, {0, 0, 1, 0, 1, 1}, nullptr},
  {"gt", [](const Tensor& a, const Tensor& b) { return wick::gt(a, b); }, "BA", kBool, "BB", kBool, kBool, {0, 0, 1, 0, 1, 0}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "FA", kFloat, "FB", kFloat, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "FA", kDouble, "FB", kDouble, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "FA", kHalf, "FB", kHalf, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "IA", kLong, "IB", kLong, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "IA", kInt, "IB", kInt, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "IA", kChar, "IB", kChar, kBool, {0, 0, 0, 1, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "UA", kByte, "UB", kByte, kBool, {0, 0, 1, 0, 1, 1}, nullptr},
  {"ge", [](const Tensor& a, const Tensor& b) { return wick::ge(a, b); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 1, 1, 1, 1}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "FA", kFloat, "FB", kFloat, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "FA", kDouble, "FB", kDouble, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "FA", kHalf, "FB", kHalf, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "FA", kBFloat16, "FB", kBFloat16, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "IA", kLong, "IB", kLong, kBool, {0, 1, 0, 1, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "IA", kInt, "IB", kInt, kBool, {0, 1, 0, 1, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "IA", kChar, "IB", kChar, kBool, {0, 1, 0, 1, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "UA", kByte, "UB", kByte, kBool, {0, 0, 0, 1, 0, 0}, nullptr},
  {"isclose", [](const Tensor& a, const Tensor& b) { return wick::isclose(a, b, 0.5, 0.1); }, "BA", kBool, "BB", kBool, kBool, {1, 0, 0, 1, 0, 1}, nullptr},
  {"left_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_left_shift(a, b); }, "IA", kLong, "SB", kLong, kLong, {-7.0, -6.0, 0.0, 40.0, 18.0, 24.0}, nullptr},
  {"left_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_left_shift(a, b); }, "IA", kInt, "SB", kInt, kInt, {-7.0, -6.0, 0.0, 40.0, 18.0, 24.0}, nullptr},
  {"left_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_left_shift(a, b); }, "IA", kChar, "SB", kChar, kChar, {-7.0, -6.0, 0.0, 40.0, 18.0, 24.0}, nullptr},
  {"left_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_left_shift(a, b); }, "UA", kByte, "SB", kByte, kByte, {0.0, 6.0, 144.0, 64.0, 254.0, 28.0}, nullptr},
  {"left_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_left_shift(a, b); }, "BA", kBool, "SB", kBool, kFloat, {}, "\"lshift_cpu\" not implemented for 'Bool'"},
  {"left_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_left_shift(a, b); }, "FA", kFloat, "SB", kFloat, kFloat, {}, "\"lshift_cpu\" not implemented for 'Float'"},
  {"right_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_right_shift(a, b); }, "IA", kLong, "SB", kLong, kLong, {-7.0, -2.0, 0.0, 0.0, 4.0, 1.0}, nullptr},
  {"right_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_right_shift(a, b); }, "IA", kInt, "SB", kInt, kInt, {-7.0, -2.0, 0.0, 0.0, 4.0, 1.0}, nullptr},
  {"right_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_right_shift(a, b); }, "IA", kChar, "SB", kChar, kChar, {-7.0, -2.0, 0.0, 0.0, 4.0, 1.0}, nullptr},
  {"right_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_right_shift(a, b); }, "UA", kByte, "SB", kByte, kByte, {0.0, 1.0, 25.0, 25.0, 127.0, 1.0}, nullptr},
  {"right_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_right_shift(a, b); }, "BA", kBool, "SB", kBool, kFloat, {}, "\"rshift_cpu\" not implemented for 'Bool'"},
  {"right_shift", [](const Tensor& a, const Tensor& b) { return wick::bitwise_right_shift(a, b); }, "FA", kFloat, "SB", kFloat, kFloat, {}, "\"rshift_cpu\" not implemented for 'Float'"},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-5.0, -3.5, 1.5, 2.0, 9.25, 6.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "IA", kInt, "IB", kLong, kLong, {-5.0, -5.0, 3.0, 9.0, 4.0, 7.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "UA", kByte, "IB", kChar, kShort, {2.0, 1.0, 103.0, 204.0, 250.0, 8.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "BA", kBool, "IB", kLong, kLong, {3.0, -2.0, 4.0, 4.0, -4.0, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-0.5, -1.5, 1.5, -2.5, 3.25, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-0.5, -1.5, 1.5, -2.5, 3.25, 2.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "IA", kLong, "BB", kBool, kLong, {-6.0, -2.0, 0.0, 5.0, 9.0, 7.0}, nullptr},
  {"add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {2.0, 2.5, 101.5, 197.0, 255.25, 7.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-9.0, -2.5, -1.5, 8.0, 8.75, 6.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "IA", kInt, "IB", kLong, kLong, {-9.0, -1.0, -3.0, 1.0, 14.0, 5.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "UA", kByte, "IB", kChar, kShort, {-2.0, 5.0, 97.0, 196.0, 260.0, 6.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "BA", kBool, "IB", kLong, kFloat, {}, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-4.5, -0.5, -1.5, 3.5, 2.75, 2.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-4.5, -0.5, -1.5, 3.5, 2.75, 2.0}, nullptr},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "IA", kLong, "BB", kBool, kFloat, {}, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."},
  {"sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {-2.0, 3.5, 98.5, 203.0, 254.75, 7.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-14.0, 1.5, 0.0, -15.0, 2.25, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "IA", kInt, "IB", kLong, kLong, {-14.0, 6.0, 0.0, 20.0, -45.0, 6.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "UA", kByte, "IB", kChar, kShort, {0.0, -6.0, 300.0, 800.0, -1275.0, 7.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "BA", kBool, "IB", kLong, kLong, {2.0, 0.0, 3.0, 0.0, -5.0, 1.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-5.0, 0.5, 0.0, -1.5, 0.75, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-5.0, 0.5, 0.0, -1.5, 0.75, 0.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "IA", kLong, "BB", kBool, kLong, {-7.0, -3.0, 0.0, 0.0, 0.0, 6.0}, nullptr},
  {"mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, -1.5, 150.0, -600.0, 63.75, 0.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-3.5, 6.0, 0.0, -1.6666666269302368, 36.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "IA", kInt, "IB", kLong, kFloat, {-3.5, 1.5, 0.0, 1.25, -1.7999999523162842, 6.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "UA", kByte, "IB", kChar, kFloat, {0.0, -1.5, 33.33333206176758, 50.0, -51.0, 7.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "BA", kBool, "IB", kLong, kFloat, {0.5, -0.0, 0.3333333432674408, 0.0, -0.20000000298023224, 1.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-1.25, 2.0, 0.0, -0.1666666716337204, 12.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-1.25, 2.0, 0.0, -0.16666666666666666, 12.0, kInf}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "IA", kLong, "BB", kBool, kFloat, {-7.0, -3.0, kNaN, kInf, kInf, 6.0}, nullptr},
  {"div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, -6.0, 66.6875, -66.6875, 1020.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "IA", kLong, "FB", kFloat, kFloat, {-4.0, 6.0, 0.0, -2.0, 36.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "IA", kInt, "IB", kLong, kLong, {-4.0, 1.0, 0.0, 1.0, -2.0, 6.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "UA", kByte, "IB", kChar, kShort, {0.0, -2.0, 33.0, 50.0, -51.0, 7.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "BA", kBool, "IB", kLong, kLong, {0.0, 0.0, 0.0, 0.0, -1.0, 1.0}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "FA", kFloat, "FB", kDouble, kDouble, {-2.0, 2.0, 0.0, -1.0, 12.0, kInf}, nullptr},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "IA", kLong, "BB", kBool, kFloat, {}, "ZeroDivisionError"},
  {"div_floor", [](const Tensor& a, const Tensor& b) { return wick::div(a, b, "floor"); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, -6.0, 66.0, -67.0, 1020.0, kInf}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {1.0, -0.0, 0.0, -1.0, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "IA", kInt, "IB", kLong, kLong, {1.0, -1.0, 0.0, 1.0, -1.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "UA", kByte, "IB", kChar, kShort, {0.0, -1.0, 1.0, 0.0, 0.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "BA", kBool, "IB", kLong, kLong, {1.0, 0.0, 1.0, 0.0, -4.0, 0.0}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {1.5, -0.0, 0.0, -2.5, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {1.5, -0.0, 0.0, -2.5, 0.0, kNaN}, nullptr},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "IA", kLong, "BB", kBool, kFloat, {}, "ZeroDivisionError"},
  {"remainder", [](const Tensor& a, const Tensor& b) { return wick::remainder(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, 0.0, 1.0, -1.0, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-1.0, -0.0, 0.0, 2.0, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "IA", kInt, "IB", kLong, kLong, {-1.0, -1.0, 0.0, 1.0, 4.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "UA", kByte, "IB", kChar, kShort, {0.0, 1.0, 1.0, 0.0, 0.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "BA", kBool, "IB", kLong, kLong, {1.0, 0.0, 1.0, 0.0, 1.0, 0.0}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-0.5, -0.0, 0.0, 0.5, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-0.5, -0.0, 0.0, 0.5, 0.0, kNaN}, nullptr},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "IA", kLong, "BB", kBool, kFloat, {}, "ZeroDivisionError"},
  {"fmod", [](const Tensor& a, const Tensor& b) { return wick::fmod(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, 0.0, 1.0, 2.0, 0.0, kNaN}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {49.0, kNaN, 0.0, 0.00800000037997961, 1.7320507764816284, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "IA", kInt, "IB", kLong, kLong, {49.0, 0.0, 0.0, 625.0, 0.0, 6.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "UA", kByte, "IB", kChar, kShort, {0.0, 0.0, 16960.0, 4096.0, 0.0, 7.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "BA", kBool, "IB", kLong, kLong, {1.0, 0.0, 1.0, 0.0, 1.0, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {6.25, kNaN, 0.0, 8.0, 1.316074013710022, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "IA", kLong, "BB", kBool, kLong, {-7.0, -3.0, 1.0, 1.0, 1.0, 6.0}, nullptr},
  {"pow", [](const Tensor& a, const Tensor& b) { return wick::pow(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, 0.5771484375, 1000.0, 1.1920928955078125e-07, 3.99609375, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "IA", kLong, "FB", kFloat, kDouble, {49.0, kNaN, 0.0, 0.008, 1.7320508075688772, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "IA", kInt, "IB", kLong, kDouble, {49.0, 0.1111111111111111, 0.0, 625.0, 1.6935087808430286e-05, 6.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "UA", kByte, "IB", kChar, kDouble, {0.0, 0.1111111111111111, 1000000.0, 1600000000.0, 9.27468349265834e-13, 7.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "BA", kBool, "IB", kLong, kDouble, {1.0, kInf, 1.0, 0.0, 1.0, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "FA", kHalf, "FB", kBFloat16, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {6.25, kNaN, 0.0, 8.0, 1.3160740129524924, 1.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "IA", kLong, "BB", kBool, kDouble, {-7.0, -3.0, 1.0, 1.0, 1.0, 6.0}, nullptr},
  {"float_power", [](const Tensor& a, const Tensor& b) { return wick::float_power(a, b); }, "UA", kByte, "FB", kHalf, kDouble, {0.0, 0.5773502691896257, 1000.0, 1.25e-07, 3.996088014880467, 1.0}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-1.292496681213379, -1.7359449863433838, 0.0, 2.111215829849243, 1.5430257320404053, 1.5707963705062866}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "IA", kInt, "IB", kLong, kFloat, {-1.292496681213379, -2.158798933029175, 0.0, 0.8960554003715515, 2.077894687652588, 1.4056476354599}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "UA", kByte, "IB", kChar, kFloat, {0.0, 2.158798933029175, 1.5408053398132324, 1.550799012184143, 1.5904016494750977, 1.4288992881774902}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "BA", kBool, "IB", kLong, kFloat, {0.46364760398864746, 3.1415927410125732, 0.32175055146217346, 0.0, 2.944197177886963, 0.7853981852531433}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-0.8960554003715515, -2.0344438552856445, 0.0, 2.9764440059661865, 1.4876550436019897, 1.5707963705062866}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-0.8960553845713439, -2.0344439357957027, 0.0, 2.976443976175166, 1.4876550949064553, 1.5707963267948966}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "IA", kLong, "BB", kBool, kFloat, {-1.4288992881774902, -1.249045729637146, 0.0, 1.5707963705062866, 1.5707963705062866, 1.4056476354599}, nullptr},
  {"atan2", [](const Tensor& a, const Tensor& b) { return wick::atan2(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, 1.736328125, 1.5556640625, 1.5859375, 1.5693359375, 1.5703125}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {2.0, -0.5, 1.5, 5.0, 9.0, 6.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "IA", kInt, "IB", kLong, kLong, {2.0, -2.0, 3.0, 5.0, 9.0, 6.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "UA", kByte, "IB", kChar, kShort, {2.0, 3.0, 100.0, 200.0, 255.0, 7.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "BA", kBool, "IB", kLong, kLong, {2.0, 0.0, 3.0, 4.0, 1.0, 1.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {2.0, -0.5, 1.5, 0.5, 3.0, 2.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "IA", kLong, "BB", kBool, kLong, {1.0, 1.0, 0.0, 5.0, 9.0, 6.0}, nullptr},
  {"maximum", [](const Tensor& a, const Tensor& b) { return wick::maximum(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {2.0, 3.0, 100.0, 200.0, 255.0, 7.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {7.0, -3.0, 0.0, -5.0, 9.0, 6.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "IA", kInt, "IB", kLong, kFloat, {7.0, -3.0, 0.0, 5.0, -9.0, 6.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "UA", kByte, "IB", kChar, kFloat, {0.0, -3.0, 100.0, 200.0, -255.0, 7.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "BA", kBool, "IB", kLong, kFloat, {1.0, -0.0, 1.0, 0.0, -1.0, 1.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {2.5, -1.0, 0.0, -0.5, 3.0, 2.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {2.5, -1.0, 0.0, -0.5, 3.0, 2.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "IA", kLong, "BB", kBool, kFloat, {7.0, 3.0, 0.0, 5.0, 9.0, 6.0}, nullptr},
  {"copysign", [](const Tensor& a, const Tensor& b) { return wick::copysign(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, -3.0, 100.0, -200.0, 255.0, 7.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {-4.852030277252197, kNaN, 0.0, kNaN, -12.476649284362793, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "IA", kInt, "IB", kLong, kFloat, {-4.852030277252197, kNaN, 0.0, 6.931471824645996, kNaN, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "UA", kByte, "IB", kChar, kFloat, {0.0, kNaN, 109.8612289428711, 277.2588806152344, kNaN, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "BA", kBool, "IB", kLong, kFloat, {0.6931471824645996, 0.0, 1.0986123085021973, 0.0, kNaN, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {-1.732867956161499, kNaN, 0.0, kNaN, -4.158883094787598, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "FA", kFloat, "FB", kDouble, kDouble, {-1.7328679513998633, kNaN, 0.0, kNaN, -4.1588830833596715, -kInf}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "IA", kLong, "BB", kBool, kFloat, {-0.0, -0.0, 0.0, -kInf, -kInf, 0.0}, nullptr},
  {"xlogy", [](const Tensor& a, const Tensor& b) { return wick::xlogy(a, b); }, "UA", kByte, "FB", kHalf, kHalf, {0.0, kNaN, 40.53125, kNaN, -353.5, -kInf}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "IA", kLong, "FB", kFloat, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Float'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "IA", kInt, "IB", kLong, kLong, {-5.0, 3.0, 3.0, 1.0, -14.0, 7.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "UA", kByte, "IB", kChar, kShort, {2.0, -3.0, 103.0, 204.0, -252.0, 6.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "BA", kBool, "IB", kLong, kLong, {3.0, -2.0, 2.0, 4.0, -6.0, 0.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "FA", kHalf, "FB", kBFloat16, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Float'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "FA", kFloat, "FB", kDouble, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Double'"},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "IA", kLong, "BB", kBool, kLong, {-8.0, -4.0, 0.0, 5.0, 9.0, 7.0}, nullptr},
  {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return wick::bitwise_xor(a, b); }, "UA", kByte, "FB", kHalf, kFloat, {}, "\"bitwise_xor_cpu\" not implemented for 'Half'"},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "IA", kLong, "FB", kFloat, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "IA", kInt, "IB", kLong, kBool, {0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "UA", kByte, "IB", kChar, kBool, {1, 0, 0, 0, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "BA", kBool, "IB", kLong, kBool, {0, 1, 0, 1, 0, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "FA", kHalf, "FB", kBFloat16, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "FA", kFloat, "FB", kDouble, kBool, {0, 0, 1, 0, 0, 1}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "IA", kLong, "BB", kBool, kBool, {0, 0, 0, 1, 1, 0}, nullptr},
  {"logical_xor", [](const Tensor& a, const Tensor& b) { return wick::logical_xor(a, b); }, "UA", kByte, "FB", kHalf, kBool, {1, 0, 0, 0, 0, 1}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "IA", kLong, "FB", kFloat, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "IA", kInt, "IB", kLong, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "UA", kByte, "IB", kChar, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "BA", kBool, "IB", kLong, kBool, {0, 0, 0, 0, 0, 1}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "FA", kHalf, "FB", kBFloat16, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "FA", kFloat, "FB", kDouble, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "IA", kLong, "BB", kBool, kBool, {0, 0, 1, 0, 0, 0}, nullptr},
  {"eq", [](const Tensor& a, const Tensor& b) { return wick::eq(a, b); }, "UA", kByte, "FB", kHalf, kBool, {0, 0, 0, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "IA", kLong, "FB", kFloat, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "IA", kInt, "IB", kLong, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "UA", kByte, "IB", kChar, kBool, {1, 0, 0, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "BA", kBool, "IB", kLong, kBool, {1, 0, 1, 1, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "FA", kHalf, "FB", kBFloat16, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "FA", kFloat, "FB", kDouble, kBool, {1, 1, 1, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "IA", kLong, "BB", kBool, kBool, {1, 1, 0, 0, 0, 0}, nullptr},
  {"lt", [](const Tensor& a, const Tensor& b) { return wick::lt(a, b); }, "UA", kByte, "FB", kHalf, kBool, {1, 0, 0, 0, 0, 0}, nullptr},
  };
  return cases;
}
// clang-format on

}  // namespace

TEST(BinaryOps, ValuesAndDtypesMatchPyTorch) {
  for (const auto& c : binary_cases()) {
    SCOPED_TRACE(std::string(c.name) + " on " + to_string(c.a_dtype) + ", " + to_string(c.b_dtype));
    Tensor a = make_input(c.a, c.a_dtype), b = make_input(c.b, c.b_dtype);
    if (c.error) {
      try {
        c.fn(a, b);
        ADD_FAILURE() << "expected an error";
      } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), c.error);
      }
      continue;
    }
    Tensor out = c.fn(a, b);
    EXPECT_EQ(out.dtype(), c.out_dtype);
    const double rtol =
        std::max({rtol_for(c.out_dtype), rtol_for(c.a_dtype), rtol_for(c.b_dtype)});
    Tensor expected = tensor(c.expected, TensorOptions(kDouble)).to(c.out_dtype);
    EXPECT_TENSOR_CLOSE(out, expected, rtol, rtol);
  }
}

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

Tensor vec(std::initializer_list<double> v, ScalarType dtype) {
  return tensor(std::vector<double>(v), TensorOptions(kDouble)).to(dtype);
}

Tensor ti() { return tensor({int64_t(-7), int64_t(0), int64_t(7)}); }
Tensor tu() { return tensor({1, 2, 250}).to(kByte); }
Tensor tf() { return tensor({-1.5f, 0.5f, 2.5f}); }
Tensor tb() { return tensor({true, false, true}); }
Tensor tmat() { return tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}}); }

// A contiguous rows x cols view of a flat tensor.
Tensor as2d(const Tensor& flat, int64_t rows, int64_t cols) {
  return make_view(flat, {rows, cols}, {cols, 1}, 0);
}

Tensor transposed(const Tensor& t) {
  return make_view(t, {t.size(1), t.size(0)}, {t.stride(1), t.stride(0)}, t.storage_offset());
}

}  // namespace

TEST(BinaryOps, ScalarPromotion) {
  EXPECT_TENSOR_EQ(ti() + 2.5, vec({-4.5, 2.5, 9.5}, kFloat));
  EXPECT_TENSOR_EQ(tu() + 300, vec({45, 46, 38}, kByte));
  EXPECT_TENSOR_EQ(tu() + (-1), vec({0, 1, 249}, kByte));
  EXPECT_TENSOR_EQ(tu() * 2, vec({2, 4, 244}, kByte));
  EXPECT_TENSOR_EQ(tb() + 1, vec({2, 1, 2}, kLong));
  EXPECT_TENSOR_EQ(tb() * 2.0, vec({2, 0, 2}, kFloat));
  EXPECT_TENSOR_EQ(tb() + true, vec({1, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(ti() * true, vec({-7, 0, 7}, kLong));
  EXPECT_TENSOR_EQ(tf().to(kHalf) + 2.5, vec({1, 3, 5}, kHalf));
  // A zero-dim tensor counts like a scalar unless it is of a higher category.
  EXPECT_TENSOR_EQ(tf().to(kHalf) + full({}, 2.5, kDouble), vec({1, 3, 5}, kHalf));
  EXPECT_TENSOR_EQ(ti() + full({}, 2.5, kDouble), vec({-4.5, 2.5, 9.5}, kDouble));
  EXPECT_TENSOR_EQ(tu() + full({}, 1000), vec({233, 234, 226}, kByte));
  EXPECT_TENSOR_EQ(tf() / 2, vec({-0.75, 0.25, 1.25}, kFloat));
  EXPECT_TENSOR_EQ(ti() / 2, vec({-3.5, 0, 3.5}, kFloat));
  EXPECT_TENSOR_EQ(floor_divide(ti(), 2), vec({-4, 0, 3}, kLong));
  EXPECT_TENSOR_EQ(ti() % 3, vec({2, 0, 1}, kLong));
  EXPECT_TENSOR_EQ(ti() % -3, vec({-1, 0, -2}, kLong));
  EXPECT_TENSOR_EQ(2 - ti(), vec({9, 2, -5}, kLong));
  EXPECT_TENSOR_CLOSE(10 / tf(), vec({-6.6666669845581055, 20, 4}, kFloat));
  EXPECT_TENSOR_EQ(3 * ti(), vec({-21, 0, 21}, kLong));
  EXPECT_TENSOR_EQ(1.5 + ti(), vec({-5.5, 1.5, 8.5}, kFloat));
  EXPECT_TENSOR_EQ(ti() < 2.5, vec({1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(tu() < 300, vec({1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(tu() == 44, vec({0, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(eq(tensor({int64_t(1), int64_t(2)}), full({}, 2.f)), vec({0, 1}, kBool));
  EXPECT_TENSOR_EQ(rsub(ti(), 2), vec({9, 2, -5}, kLong));
  EXPECT_TENSOR_EQ(ti().rsub(tensor({int64_t(1), int64_t(1), int64_t(1)}), 2),
                   vec({15, 1, -13}, kLong));
  EXPECT_TENSOR_EQ(add(ti(), 2.5, 2), vec({-2, 5, 12}, kFloat));
  EXPECT_TENSOR_EQ(sub(ti(), 1, 3), vec({-10, -3, 4}, kLong));
}

TEST(BinaryOps, PowForms) {
  EXPECT_TENSOR_EQ(pow(ti(), 2), vec({49, 0, 49}, kLong));
  EXPECT_TENSOR_EQ(pow(2, ti()), vec({0, 1, 128}, kLong));
  EXPECT_TENSOR_CLOSE(pow(2.5, ti()), vec({0.001638400019146502, 1, 610.3515625}, kFloat));
  EXPECT_TENSOR_CLOSE(pow(ti(), 0.5), vec({kNaN, 0, 2.6457512378692627}, kFloat));
  EXPECT_TENSOR_EQ(pow(tf(), 2), vec({2.25, 0.25, 6.25}, kFloat));
  EXPECT_TENSOR_CLOSE(pow(tf(), -1), vec({-0.6666666865348816, 2, 0.4}, kFloat));
  EXPECT_TENSOR_CLOSE(pow(3, tf()), vec({0.19245009124279022, 1.7320507764816284, 15.588457107543945}, kFloat));
  EXPECT_TENSOR_EQ(pow(tb(), 2), vec({1, 0, 1}, kLong));
  EXPECT_TENSOR_EQ(pow(tensor({2, 3}).to(kChar), 7), vec({-128, -117}, kChar));
  EXPECT_TENSOR_EQ(pow(tensor({int64_t(1), int64_t(-1), int64_t(2)}), tensor({int64_t(-1), int64_t(-1), int64_t(-1)})),
                   vec({1, -1, 0}, kLong));
  EXPECT_EQ(error_of([] { pow(tensor({int64_t(2), int64_t(3)}), -1); }),
            "Integers to negative integer powers are not allowed.");
  EXPECT_EQ(error_of([] {
              Tensor t = ti();
              t.pow_(-2);
            }),
            "Integers to negative integer powers are not allowed.");
  EXPECT_TENSOR_EQ(ti().pow(2), vec({49, 0, 49}, kLong));
  Tensor a = tf();
  a.pow_(2);
  EXPECT_TENSOR_EQ(a, vec({2.25, 0.25, 6.25}, kFloat));
  EXPECT_EQ(error_of([] {
              Tensor t = ti();
              t.pow_(0.5);
            }),
            "result type Float can't be cast to the desired output type Long");
  // float_power: always float64.
  EXPECT_TENSOR_EQ(float_power(2, ti()), vec({0.0078125, 1, 128}, kDouble));
  EXPECT_TENSOR_EQ(float_power(ti(), 2), vec({49, 0, 49}, kDouble));
  EXPECT_TENSOR_CLOSE(float_power(tf(), 0.5), vec({kNaN, 0.7071067811865476, 1.5811388300841898}, kDouble));
  EXPECT_EQ(error_of([] {
              Tensor t = tf();
              t.float_power_(2);
            }),
            "the base given to float_power_ has dtype Float but the operation's result requires "
            "dtype Double");
  Tensor d = tf().to(kDouble);
  d.float_power_(tf());
  EXPECT_TENSOR_CLOSE(d, vec({kNaN, 0.7071067811865476, 9.882117688026186}, kDouble));
}

TEST(BinaryOps, ScalarFirstOperand) {
  Tensor nz = tensor({int64_t(-7), int64_t(7)});
  EXPECT_TENSOR_EQ(remainder(5, nz), vec({-2, 5}, kLong));
  EXPECT_TENSOR_CLOSE(xlogy(2, tf()), vec({kNaN, -1.3862943649291992, 1.8325815200805664}, kFloat));
  EXPECT_TENSOR_EQ(bitwise_left_shift(3, tensor({int64_t(1), int64_t(2)})), vec({6, 12}, kLong));
  EXPECT_TENSOR_EQ(bitwise_right_shift(-16, tensor({int64_t(2), int64_t(70)})), vec({-4, -1}, kLong));
}

TEST(BinaryOps, Broadcasting) {
  EXPECT_TENSOR_EQ(tmat() + tensor({10.f, 20.f, 30.f}), as2d(vec({11, 22, 33, 14, 25, 36}, kFloat), 2, 3));
  EXPECT_TENSOR_EQ(tmat() * tensor({{2.f}, {3.f}}), as2d(vec({2, 4, 6, 12, 15, 18}, kFloat), 2, 3));
  Tensor col = tensor({{int64_t(1)}, {int64_t(2)}});
  Tensor row = tensor({int64_t(10), int64_t(20), int64_t(30)});
  EXPECT_TENSOR_EQ(col - row, as2d(vec({-9, -19, -29, -8, -18, -28}, kLong), 2, 3));
  EXPECT_EQ(error_of([] { tmat() + tensor({1.f, 2.f}); }),
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton "
            "dimension 1");
  // Expanded (stride 0) operand.
  Tensor r = tensor({1.f, 2.f, 3.f});
  Tensor expanded = make_view(r, {2, 3}, {0, 1}, 0);
  EXPECT_TENSOR_EQ(expanded * tmat(), as2d(vec({1, 4, 9, 4, 10, 18}, kFloat), 2, 3));
  // Zero-dim and empty.
  EXPECT_EQ((full({}, 2.f) + full({}, 3.f)).dim(), 0);
  EXPECT_EQ((full({}, 2.f) + full({}, 3.f)).item<double>(), 5.0);
  EXPECT_EQ((empty({0, 3}) + tensor({1.f, 2.f, 3.f})).sizes(), IntArrayRef({0, 3}));
  EXPECT_EQ((empty({0}) < 1).dtype(), kBool);
}

TEST(BinaryOps, NonContiguousInputsKeepLayout) {
  Tensor t = transposed(tmat());
  EXPECT_FALSE(t.is_contiguous());
  Tensor r = t + 1;
  EXPECT_TENSOR_EQ(r, as2d(vec({2, 5, 3, 6, 4, 7}, kFloat), 3, 2));
  EXPECT_EQ(r.strides(), IntArrayRef({1, 3}));  // the inputs' memory order
  EXPECT_TENSOR_EQ(t * t, as2d(vec({1, 16, 4, 25, 9, 36}, kFloat), 3, 2));
  // Mixed layouts and a strided slice (every other element).
  Tensor base = tensor({0.f, 1.f, 2.f, 3.f, 4.f, 5.f});
  Tensor every_other = make_view(base, {3}, {2}, 1);  // 1, 3, 5
  EXPECT_TENSOR_EQ(every_other * tf(), vec({-1.5, 1.5, 12.5}, kFloat));
  EXPECT_TENSOR_EQ(gt(every_other, 2), vec({0, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(maximum(t, tensor({{3.f, 3.f}})), as2d(vec({3, 4, 3, 5, 3, 6}, kFloat), 3, 2));
  // In-place into a non-contiguous view writes through to the base.
  Tensor m = tmat();
  Tensor mt = transposed(m);
  mt.add_(tensor({100.f, 200.f}));
  EXPECT_TENSOR_EQ(m, as2d(vec({101, 102, 103, 204, 205, 206}, kFloat), 2, 3));
}

TEST(BinaryOps, InPlaceAndOutForms) {
  Tensor a = tf();
  const auto v0 = a._version();
  Tensor& r = a.add_(tensor({1.f, 1.f, 1.f}));
  EXPECT_TRUE(r.is_same(a));
  EXPECT_GT(a._version(), v0);
  EXPECT_TENSOR_EQ(a, vec({-0.5, 1.5, 3.5}, kFloat));
  a.sub_(1).mul_(2).div_(4);
  EXPECT_TENSOR_EQ(a, vec({-0.75, 0.25, 1.25}, kFloat));
  Tensor f = tf();
  f.mul_(ti());
  EXPECT_TENSOR_EQ(f, vec({10.5, 0, 17.5}, kFloat));
  Tensor i = ti();
  i.div_(2, "floor");
  EXPECT_TENSOR_EQ(i, vec({-4, 0, 3}, kLong));
  EXPECT_EQ(error_of([] {
              Tensor t = ti();
              t.add_(2.5);
            }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] {
              Tensor t = ti();
              t.div_(2);
            }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] {
              Tensor t = tf();
              t.add_(ones({2, 3}));
            }),
            "output with shape [3] doesn't match the broadcast shape [2, 3]");
  // Comparisons in place keep self's dtype.
  Tensor c = tensor({1.f, 2.f});
  c.eq_(tensor({1.f, 3.f}));
  EXPECT_TENSOR_EQ(c, vec({1, 0}, kFloat));
  Tensor l = tensor({int64_t(1), int64_t(2)});
  l.lt_(1.5);
  EXPECT_TENSOR_EQ(l, vec({1, 0}, kLong));
  // out=: resized to the broadcast shape, cast to its dtype when allowed.
  Tensor out = empty({0});
  Tensor& ro = add_out(out, tmat(), tensor({1.f, 1.f, 1.f}));
  EXPECT_TRUE(ro.is_same(out));
  EXPECT_TENSOR_EQ(out, as2d(vec({2, 3, 4, 5, 6, 7}, kFloat), 2, 3));
  Tensor outd = empty({3}, kDouble);
  mul_out(outd, ti(), ti());
  EXPECT_TENSOR_EQ(outd, vec({49, 0, 49}, kDouble));
  Tensor outb = empty({3}, kFloat);
  lt_out(outb, ti(), tf());
  EXPECT_TENSOR_EQ(outb, vec({1, 1, 0}, kFloat));
  EXPECT_EQ(error_of([] {
              Tensor o = empty({3}, kLong);
              add_out(o, tf(), tf());
            }),
            "result type Float can't be cast to the desired output type Long");
  Tensor outdiv = empty({3});
  div_out(outdiv, ti(), tensor({int64_t(2)}), "trunc");
  EXPECT_TENSOR_EQ(outdiv, vec({-3, 0, 3}, kFloat));
  // Compound assignment operators.
  Tensor x = tf();
  x += 1;
  x -= tensor({0.5f});
  x *= 2;
  x /= tensor({2.f});
  EXPECT_TENSOR_EQ(x, vec({-1, 1, 3}, kFloat));
  Tensor bits = tensor({int64_t(5), int64_t(3)});
  bits &= tensor({int64_t(3), int64_t(6)});
  EXPECT_TENSOR_EQ(bits, vec({1, 2}, kLong));
  bits |= tensor({int64_t(4), int64_t(4)});
  EXPECT_TENSOR_EQ(bits, vec({5, 6}, kLong));
  bits ^= tensor({int64_t(1), int64_t(1)});
  EXPECT_TENSOR_EQ(bits, vec({4, 7}, kLong));
}

TEST(BinaryOps, Operators) {
  Tensor a = tensor({int64_t(5), int64_t(3)}), b = tensor({int64_t(3), int64_t(6)});
  EXPECT_TENSOR_EQ(a + b, vec({8, 9}, kLong));
  EXPECT_TENSOR_EQ(a - b, vec({2, -3}, kLong));
  EXPECT_TENSOR_EQ(a * b, vec({15, 18}, kLong));
  EXPECT_TENSOR_CLOSE(a / b, vec({5.0 / 3, 0.5}, kFloat));
  EXPECT_TENSOR_EQ(a % b, vec({2, 3}, kLong));
  EXPECT_TENSOR_EQ(a & b, vec({1, 2}, kLong));
  EXPECT_TENSOR_EQ(a | b, vec({7, 7}, kLong));
  EXPECT_TENSOR_EQ(a ^ b, vec({6, 5}, kLong));
  EXPECT_TENSOR_EQ(a << tensor({int64_t(2), int64_t(1)}), vec({20, 6}, kLong));
  EXPECT_TENSOR_EQ(a >> tensor({int64_t(2), int64_t(1)}), vec({1, 1}, kLong));
  EXPECT_TENSOR_EQ(-a, vec({-5, -3}, kLong));
  EXPECT_TENSOR_EQ(~tensor({int64_t(5), int64_t(-3)}), vec({-6, 2}, kLong));
  EXPECT_TENSOR_EQ(~tb(), vec({0, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(a == b, vec({0, 0}, kBool));
  EXPECT_TENSOR_EQ(a != b, vec({1, 1}, kBool));
  EXPECT_TENSOR_EQ(a < b, vec({0, 1}, kBool));
  EXPECT_TENSOR_EQ(a <= 3, vec({0, 1}, kBool));
  EXPECT_TENSOR_EQ(a > 3, vec({1, 0}, kBool));
  EXPECT_TENSOR_EQ(a >= b, vec({1, 0}, kBool));
  EXPECT_TENSOR_EQ(a == 3, vec({0, 1}, kBool));
  EXPECT_TENSOR_EQ(a != 3, vec({1, 0}, kBool));
  EXPECT_TENSOR_EQ(a % 2, vec({1, 1}, kLong));
  EXPECT_TENSOR_EQ(tb() & tb(), vec({1, 0, 1}, kBool));
  EXPECT_EQ(error_of([] { -tb(); }),
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, use the `~` or `logical_not()` operator instead.");
  EXPECT_EQ(error_of([] { tb() - tb(); }),
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
            "or `logical_xor()` operator instead.");
  EXPECT_EQ(error_of([] { tf() & tf(); }), "\"bitwise_and_cpu\" not implemented for 'Float'");
}

TEST(BinaryOps, Methods) {
  Tensor a = tf(), b = tensor({2.f, -1.f, 0.5f});
  EXPECT_TENSOR_EQ(a.add(b, 2), vec({2.5, -1.5, 3.5}, kFloat));
  EXPECT_TENSOR_EQ(a.sub(b), vec({-3.5, 1.5, 2}, kFloat));
  EXPECT_TENSOR_EQ(a.subtract(b), vec({-3.5, 1.5, 2}, kFloat));
  EXPECT_TENSOR_EQ(a.mul(b), vec({-3, -0.5, 1.25}, kFloat));
  EXPECT_TENSOR_EQ(a.multiply(2), vec({-3, 1, 5}, kFloat));
  EXPECT_TENSOR_EQ(a.div(b), vec({-0.75, -0.5, 5}, kFloat));
  EXPECT_TENSOR_EQ(a.divide(b, "floor"), vec({-1, -1, 5}, kFloat));
  EXPECT_TENSOR_EQ(a.true_divide(b), vec({-0.75, -0.5, 5}, kFloat));
  EXPECT_TENSOR_EQ(a.floor_divide(b), vec({-1, -1, 5}, kFloat));
  EXPECT_TENSOR_EQ(a.remainder(b), vec({0.5, -0.5, 0}, kFloat));
  EXPECT_TENSOR_EQ(a.fmod(b), vec({-1.5, 0.5, 0}, kFloat));
  EXPECT_TENSOR_EQ(a.maximum(b), vec({2, 0.5, 2.5}, kFloat));
  EXPECT_TENSOR_EQ(a.minimum(b), vec({-1.5, -1, 0.5}, kFloat));
  EXPECT_TENSOR_EQ(a.fmax(b), vec({2, 0.5, 2.5}, kFloat));
  EXPECT_TENSOR_EQ(a.fmin(b), vec({-1.5, -1, 0.5}, kFloat));
  EXPECT_TENSOR_EQ(a.copysign(b), vec({1.5, -0.5, 2.5}, kFloat));
  EXPECT_TENSOR_CLOSE(a.atan2(b), a.arctan2(b));
  EXPECT_TENSOR_CLOSE(a.hypot(b), vec({2.5, 1.118033988749895, 2.5495097567963922}, kFloat));
  EXPECT_TENSOR_EQ(a.greater(b), vec({0, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(a.greater_equal(0.5), vec({0, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(a.less(b), vec({1, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(a.less_equal(0.5), vec({1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(a.not_equal(0.5), vec({1, 0, 1}, kBool));
  EXPECT_TENSOR_EQ(a.logical_and(b), vec({1, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(a.logical_xor(tensor({0.f, 1.f, 0.f})), vec({1, 0, 1}, kBool));
  Tensor l = tb();
  l.logical_or_(tensor({false, true, false}));
  EXPECT_TENSOR_EQ(l, vec({1, 1, 1}, kBool));
  Tensor s = tensor({int64_t(1), int64_t(-3)});
  s.bitwise_left_shift_(2);
  EXPECT_TENSOR_EQ(s, vec({4, -12}, kLong));
  s.bitwise_right_shift_(1);
  EXPECT_TENSOR_EQ(s, vec({2, -6}, kLong));
  EXPECT_TENSOR_EQ(tensor({-16, 16}).bitwise_right_shift(2), vec({-4, 4}, kInt));
}

TEST(BinaryOps, SpecialValues) {
  EXPECT_TENSOR_EQ(floor_divide(tensor({-5.f, 5.f, -0.f}), tensor({2.f, -2.f, 3.f})),
                   vec({-3, -3, -0.0}, kFloat));
  EXPECT_TRUE(std::signbit(floor_divide(tensor({-0.f}), tensor({3.f})).item<double>()));
  EXPECT_TENSOR_EQ(remainder(tensor({-5.f, 5.f, 0.f, -1e-30f}), tensor({3.f, -3.f, 3.f, 3.f})),
                   vec({1, -1, 0, 3}, kFloat));
  EXPECT_TENSOR_EQ(maximum(tensor({1.f, NAN, 2.f}), tensor({NAN, 2.f, 1.f})), vec({kNaN, kNaN, 2}, kFloat));
  EXPECT_TENSOR_EQ(fmin(tensor({1.f, NAN, NAN}), tensor({NAN, 2.f, NAN})), vec({1, 2, kNaN}, kFloat));
  EXPECT_TENSOR_CLOSE(logaddexp(tensor({INFINITY, -INFINITY, 1000.f}), tensor({INFINITY, -INFINITY, 1000.f})),
                      vec({kInf, -kInf, 1000.6931762695312}, kFloat));
  EXPECT_TENSOR_EQ(xlogy(tensor({0.f, 0.f, 1.f}), tensor({0.f, NAN, 2.f})),
                   vec({0, kNaN, 0.6931471824645996}, kFloat));
  // Integer edge cases that trap in C: INT64_MIN / -1 wraps, % -1 is 0.
  const int64_t lo = std::numeric_limits<int64_t>::min();
  Tensor m = tensor({lo});
  Tensor neg1 = tensor({int64_t(-1)});
  EXPECT_EQ(floor_divide(m, neg1).item<int64_t>(), lo);
  EXPECT_EQ(div(m, neg1, "trunc").item<int64_t>(), lo);
  EXPECT_EQ(fmod(m, neg1).item<int64_t>(), 0);
  EXPECT_EQ(remainder(m, neg1).item<int64_t>(), 0);
  EXPECT_EQ(mul(tensor({int64_t(1) << 62}), 4).item<int64_t>(), 0);
  // Integer division by zero raises.
  EXPECT_EQ(error_of([] { div(ti(), tensor({int64_t(2), int64_t(0), int64_t(1)}), "floor"); }),
            "ZeroDivisionError");
  EXPECT_EQ(error_of([] { remainder(ti(), 0); }), "ZeroDivisionError");
  EXPECT_EQ(error_of([] { fmod(ti(), 0); }), "ZeroDivisionError");
  EXPECT_EQ(error_of([] { div(ti(), 0, "trunc"); }), "ZeroDivisionError");
  // Over-wide shifts (PyTorch 2.x): left gives 0, right the sign fill.
  EXPECT_TENSOR_EQ(bitwise_left_shift(tensor({int64_t(1), int64_t(1)}), tensor({int64_t(64), int64_t(-1)})),
                   vec({0, 0}, kLong));
  EXPECT_TENSOR_EQ(bitwise_right_shift(tensor({int64_t(-8), int64_t(8)}), tensor({int64_t(1), int64_t(70)})),
                   vec({-4, 0}, kLong));
  EXPECT_TENSOR_EQ(bitwise_right_shift(tensor({-1}).to(kChar), tensor({9}).to(kChar)), vec({-1}, kChar));
}

TEST(BinaryOps, ArgumentErrors) {
  EXPECT_EQ(error_of([] { add(ti(), tensor({int64_t(1), int64_t(2), int64_t(3)}), 2.5); }),
            "For integral input tensors, argument alpha must not be a floating point number.");
  EXPECT_EQ(error_of([] { add(tf(), ti(), true); }),
            "Boolean alpha only supported for Boolean results.");
  EXPECT_TENSOR_EQ(add(tb(), tb(), true), vec({1, 0, 1}, kBool));
  EXPECT_EQ(error_of([] { sub(tb(), ti()); }),
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
            "to invert a mask, use the `~` or `logical_not()` operator instead.");
  EXPECT_EQ(error_of([] { sub(tb(), true); }),
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
            "or `logical_xor()` operator instead.");
  EXPECT_EQ(error_of([] { rsub(tb(), tb()); }),
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
            "or `logical_xor()` operator instead.");
  EXPECT_EQ(error_of([] { div(ti(), ti(), "bad"); }),
            "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'bad'");
}

TEST(BinaryOps, EqualAllcloseIsclose) {
  EXPECT_TRUE(equal(ti(), ti().to(kFloat)));
  EXPECT_FALSE(equal(ti(), tensor({int64_t(-7), int64_t(0)})));
  EXPECT_TRUE(tf().equal(tf().clone()));
  EXPECT_FALSE(equal(tensor({NAN}), tensor({NAN})));
  EXPECT_FALSE(equal(tf(), tensor({-1.5f, 0.5f, 2.6f})));
  EXPECT_TRUE(equal(empty({0}), empty({0})));
  EXPECT_TRUE(allclose(tf(), tf() + 1e-6));
  EXPECT_FALSE(allclose(tf(), tf() + 1e-3));
  EXPECT_TRUE(tf().allclose(tf() + 1e-3, 1e-2));
  EXPECT_TRUE(allclose(tensor({1.f, NAN}), tensor({1.f, NAN}), 1e-5, 1e-8, true));
  EXPECT_FALSE(allclose(tensor({1.f, NAN}), tensor({1.f, NAN})));
  EXPECT_TENSOR_EQ(isclose(tensor({1.f, INFINITY, -INFINITY, 2.f}), tensor({1.f, INFINITY, INFINITY, 2.0001f})),
                   vec({1, 1, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(tb().isclose(tb()), vec({1, 1, 1}, kBool));
  EXPECT_EQ(error_of([] { isclose(ti(), ti().to(kFloat)); }), "Long did not match Float");
  EXPECT_EQ(error_of([] { isclose(tf(), tf(), 1e-5, -1); }),
            "atol must be greater than or equal to zero, but got -1");
  EXPECT_EQ(error_of([] { isclose(ti(), ti(), -1); }),
            "rtol must be greater than or equal to zero, but got -1");
}

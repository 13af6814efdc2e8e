// Every copy of the elementwise loops (baseline, AVX2, AVX-512; loops.h) gives
// the same bits: a set of unary and binary ops on float, double, bfloat16, half
// and int32 run under each capability the CPU has and are compared bit for bit
// with a scalar reference written here (the same expressions, one element at a
// time, no vector code). Lengths around the vector widths and misaligned starts
// (narrowed views, offsets 0..3 elements) exercise the loop heads and tails; a
// 0-dim operand takes the broadcast-scalar loop; large inputs the parallel chunks.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "wick/core/cpu_capability.h"
#include "wick/kernels/cpu/vec_math.h"
#include "wick/wick.h"

namespace {

using wick::CpuCapability;
using wick::Tensor;
namespace vec = wick::kernels::vec;

const int64_t kLengths[] = {1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 65, 127, 1000, 4099, 70001};
const int64_t kOffsets[] = {0, 1, 3};

std::vector<CpuCapability> capabilities() {
  std::vector<CpuCapability> caps{CpuCapability::Default};
  if (wick::cpu_capability_supported() >= CpuCapability::AVX2) caps.push_back(CpuCapability::AVX2);
  if (wick::cpu_capability_supported() >= CpuCapability::AVX512)
    caps.push_back(CpuCapability::AVX512);
  return caps;
}

struct CapGuard {
  CpuCapability before = wick::cpu_capability();
  ~CapGuard() { wick::set_cpu_capability(before); }
};

// Values in [lo, hi] plus, every 97th element, a special (for floating T).
template <typename T>
std::vector<T> inputs(int64_t n, double lo, double hi, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> d(lo, hi);
  std::vector<T> v(static_cast<size_t>(n));
  for (auto& x : v) x = static_cast<T>(d(gen));
  if constexpr (!std::is_integral_v<T>) {
    const float specials[] = {0.0f, -0.0f, std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity(),
                              std::numeric_limits<float>::quiet_NaN(), 1e-40f, -3e-39f, 1.0f,
                              -1.0f, 0.625f, 4.0f, 10.0f, -88.9f};
    for (size_t i = 5, k = 0; i < v.size(); i += 97, ++k)
      v[i] = static_cast<T>(specials[k % (sizeof(specials) / sizeof(float))]);
  }
  return v;
}

template <typename T>
wick::ScalarType dtype_of() {
  if constexpr (std::is_same_v<T, float>) return wick::kFloat;
  else if constexpr (std::is_same_v<T, double>) return wick::kDouble;
  else if constexpr (std::is_same_v<T, wick::BFloat16>) return wick::kBFloat16;
  else if constexpr (std::is_same_v<T, wick::Half>) return wick::kHalf;
  else return wick::kInt;
}

// A length-n tensor holding v whose data starts `off` elements into its storage.
template <typename T>
Tensor misaligned(const std::vector<T>& v, int64_t off) {
  const int64_t n = static_cast<int64_t>(v.size());
  Tensor base = wick::zeros({n + off}, wick::TensorOptions().dtype(dtype_of<T>()));
  Tensor t = base.narrow(0, off, n);
  std::memcpy(t.data_ptr<T>(), v.data(), v.size() * sizeof(T));
  return t;
}

// Same bits, except that any NaN matches any NaN.
template <typename T>
::testing::AssertionResult same_bits(const Tensor& got, const std::vector<T>& want) {
  if (got.numel() != static_cast<int64_t>(want.size()) || !got.is_contiguous())
    return ::testing::AssertionFailure() << "shape";
  const T* g = got.data_ptr<T>();
  for (size_t i = 0; i < want.size(); ++i) {
    if (std::memcmp(&g[i], &want[i], sizeof(T)) == 0) continue;
    if constexpr (!std::is_integral_v<T>) {
      if (std::isnan(static_cast<double>(g[i])) && std::isnan(static_cast<double>(want[i])))
        continue;
    }
    return ::testing::AssertionFailure()
           << "element " << i << ": got " << static_cast<double>(g[i]) << ", want "
           << static_cast<double>(want[i]);
  }
  return ::testing::AssertionSuccess();
}

std::string where(CpuCapability c, int64_t n, int64_t off) {
  return std::string(wick::cpu_capability_name(c)) + " n=" + std::to_string(n) +
         " offset=" + std::to_string(off);
}

// ---- binary -----------------------------------------------------------------------

template <typename T>
using opm = wick::opmath_t<T>;

template <typename T>
void check_binary(const char* name, const std::function<Tensor(const Tensor&, const Tensor&)>& op,
                  const std::function<opm<T>(opm<T>, opm<T>)>& ref, double lo, double hi) {
  CapGuard guard;
  for (CpuCapability c : capabilities()) {
    ASSERT_EQ(wick::set_cpu_capability(c), c);
    for (int64_t n : kLengths) {
      const auto a = inputs<T>(n, lo, hi, 1), b = inputs<T>(n, lo, hi, 2);
      const auto s = inputs<T>(1, lo, hi, 3);
      std::vector<T> want(a.size()), want_sa(a.size()), want_as(a.size());
      for (size_t i = 0; i < a.size(); ++i) {
        want[i] = static_cast<T>(ref(static_cast<opm<T>>(a[i]), static_cast<opm<T>>(b[i])));
        want_sa[i] = static_cast<T>(ref(static_cast<opm<T>>(s[0]), static_cast<opm<T>>(b[i])));
        want_as[i] = static_cast<T>(ref(static_cast<opm<T>>(a[i]), static_cast<opm<T>>(s[0])));
      }
      Tensor st = misaligned(s, 0).reshape({});  // 0-dim: broadcast with stride 0
      for (int64_t off : kOffsets) {
        Tensor ta = misaligned(a, off), tb = misaligned(b, 3 - off);
        EXPECT_TRUE(same_bits(op(ta, tb), want)) << name << " " << where(c, n, off);
        EXPECT_TRUE(same_bits(op(st, tb), want_sa)) << name << " scalar-first " << where(c, n, off);
        EXPECT_TRUE(same_bits(op(ta, st), want_as)) << name << " scalar-second " << where(c, n, off);
      }
    }
  }
}

template <typename T>
void check_arith() {
  check_binary<T>("add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); },
                  [](auto x, auto y) { return x + y; }, -100, 100);
  check_binary<T>("sub", [](const Tensor& a, const Tensor& b) { return wick::sub(a, b); },
                  [](auto x, auto y) { return x - y; }, -100, 100);
  check_binary<T>("mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); },
                  [](auto x, auto y) { return x * y; }, -100, 100);
  // add with alpha: x + alpha * y in the op math type.
  check_binary<T>("add_alpha",
                  [](const Tensor& a, const Tensor& b) { return wick::add(a, b, 3); },
                  [](auto x, auto y) { return x + static_cast<decltype(x)>(3) * y; }, -100, 100);
}

TEST(CpuCopies, BinaryFloat) {
  check_arith<float>();
  check_binary<float>("div", [](const Tensor& a, const Tensor& b) { return wick::div(a, b); },
                      [](float x, float y) { return x / y; }, -100, 100);
}
TEST(CpuCopies, BinaryDouble) { check_arith<double>(); }
TEST(CpuCopies, BinaryBFloat16) { check_arith<wick::BFloat16>(); }
TEST(CpuCopies, BinaryHalf) { check_arith<wick::Half>(); }
TEST(CpuCopies, BinaryInt) {
  // Wrapping integer arithmetic (the baseline copy only; the result must still agree).
  check_binary<int32_t>("add", [](const Tensor& a, const Tensor& b) { return wick::add(a, b); },
                        [](int32_t x, int32_t y) {
                          return static_cast<int32_t>(static_cast<uint32_t>(x) +
                                                      static_cast<uint32_t>(y));
                        },
                        -2e9, 2e9);
  check_binary<int32_t>("mul", [](const Tensor& a, const Tensor& b) { return wick::mul(a, b); },
                        [](int32_t x, int32_t y) {
                          return static_cast<int32_t>(static_cast<uint32_t>(x) *
                                                      static_cast<uint32_t>(y));
                        },
                        -1e5, 1e5);
}

// add_out into a misaligned output view.
TEST(CpuCopies, AddOutMisalignedOutput) {
  CapGuard guard;
  for (CpuCapability c : capabilities()) {
    wick::set_cpu_capability(c);
    for (int64_t n : kLengths) {
      const auto a = inputs<float>(n, -10, 10, 4), b = inputs<float>(n, -10, 10, 5);
      std::vector<float> want(a.size());
      for (size_t i = 0; i < a.size(); ++i) want[i] = a[i] + b[i];
      for (int64_t off : kOffsets) {
        Tensor out = misaligned(std::vector<float>(a.size(), 0.0f), off);
        wick::add_out(out, misaligned(a, 0), misaligned(b, off));
        EXPECT_TRUE(same_bits(out, want)) << where(c, n, off);
      }
    }
  }
}

// ---- unary ------------------------------------------------------------------------

template <typename T>
void check_unary(const char* name, const std::function<Tensor(const Tensor&)>& op,
                 const std::function<opm<T>(opm<T>)>& ref, double lo, double hi) {
  CapGuard guard;
  for (CpuCapability c : capabilities()) {
    ASSERT_EQ(wick::set_cpu_capability(c), c);
    for (int64_t n : kLengths) {
      const auto a = inputs<T>(n, lo, hi, 6);
      std::vector<T> want(a.size());
      for (size_t i = 0; i < a.size(); ++i) want[i] = static_cast<T>(ref(static_cast<opm<T>>(a[i])));
      for (int64_t off : kOffsets) {
        EXPECT_TRUE(same_bits(op(misaligned(a, off)), want)) << name << " " << where(c, n, off);
      }
    }
  }
}

// The references spell out each kernel's expression (unary.cpp) in the op math type.
template <typename T>
void check_math() {
  using M = opm<T>;
  check_unary<T>("exp", [](const Tensor& t) { return wick::exp(t); },
                 [](M x) { return vec::exp_fast(x); }, -110, 90);
  check_unary<T>("sigmoid", [](const Tensor& t) { return wick::sigmoid(t); },
                 [](M x) { return M(1) / (M(1) + vec::exp_fast(-x)); }, -100, 100);
  check_unary<T>("tanh", [](const Tensor& t) { return wick::tanh(t); },
                 [](M x) { return vec::tanh_fast(x); }, -12, 12);
  check_unary<T>("erf", [](const Tensor& t) { return wick::erf(t); },
                 [](M x) { return vec::erf_fast(x); }, -6, 6);
  check_unary<T>("gelu", [](const Tensor& t) { return wick::gelu(t); },
                 [](M x) {
                   return M(0.5) * x * (M(1) + vec::erf_fast(x * static_cast<M>(0.7071067811865476)));
                 },
                 -10, 10);
  check_unary<T>("gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); },
                 [](M x) {
                   const M k = static_cast<M>(0.7978845608028654);
                   return M(0.5) * x * (M(1) + vec::tanh_fast(k * (x + M(0.044715) * x * x * x)));
                 },
                 -10, 10);
  check_unary<T>("silu", [](const Tensor& t) { return wick::silu(t); },
                 [](M x) { return x / (M(1) + vec::exp_fast(-x)); }, -100, 100);
}

TEST(CpuCopies, UnaryFloat) { check_math<float>(); }
TEST(CpuCopies, UnaryDouble) { check_math<double>(); }
TEST(CpuCopies, UnaryBFloat16) { check_math<wick::BFloat16>(); }
TEST(CpuCopies, UnaryHalf) { check_math<wick::Half>(); }

// The 16-bit conversions the vectorised loops rely on are the scalar ones: every
// Half and BFloat16 bit pattern through float and back, and a spread of floats
// (all rounding cases: ties, subnormal halves, overflow, NaN) through an add of 0,
// compared with Half(float) / BFloat16(float) one at a time.
TEST(CpuCopies, SixteenBitRoundTrip) {
  CapGuard guard;
  std::vector<float> f;
  for (uint64_t b = 0; b <= 0xFFFFFFFFull; b += 4093) f.push_back(std::bit_cast<float>(uint32_t(b)));
  for (uint32_t b = 0x387fe000u; b < 0x38802000u; ++b) f.push_back(std::bit_cast<float>(b));
  for (uint32_t b = 0x477fe000u; b < 0x47802000u; ++b) f.push_back(std::bit_cast<float>(b));
  std::vector<wick::Half> want_h(f.size());
  std::vector<wick::BFloat16> want_b(f.size());
  for (size_t i = 0; i < f.size(); ++i) {
    want_h[i] = wick::Half(f[i]);
    want_b[i] = wick::BFloat16(f[i]);
  }
  Tensor tf = misaligned(f, 1);
  Tensor zero = wick::zeros({}, wick::TensorOptions().dtype(wick::kFloat));
  for (CpuCapability c : capabilities()) {
    wick::set_cpu_capability(c);
    EXPECT_TRUE(same_bits(tf.to(wick::kHalf), want_h)) << wick::cpu_capability_name(c);
    EXPECT_TRUE(same_bits(tf.to(wick::kBFloat16), want_b)) << wick::cpu_capability_name(c);
    // Every 16-bit pattern to float: through an add of 0 in float.
    std::vector<wick::Half> all_h(65536);
    std::vector<wick::BFloat16> all_b(65536);
    std::vector<float> want_fh(65536), want_fb(65536);
    for (uint32_t b = 0; b < 65536; ++b) {
      all_h[b] = wick::Half::from_bits(static_cast<uint16_t>(b));
      all_b[b] = wick::BFloat16::from_bits(static_cast<uint16_t>(b));
      want_fh[b] = static_cast<float>(all_h[b]) + 0.0f;
      want_fb[b] = static_cast<float>(all_b[b]) + 0.0f;
    }
    EXPECT_TRUE(same_bits(wick::add(misaligned(all_h, 3).to(wick::kFloat), zero), want_fh));
    EXPECT_TRUE(same_bits(wick::add(misaligned(all_b, 2).to(wick::kFloat), zero), want_fb));
  }
}

}  // namespace

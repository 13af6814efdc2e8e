// Random sampling that reproduces PyTorch's CPU streams bit for bit.
//
// Note [Matching PyTorch's streams]: the generator is a 32-bit Mersenne
// Twister; a 64-bit draw is two 32-bit draws, the first giving the high half.
// These rules were worked out by comparing against torch 1.13 outputs:
//  - uniform floats keep the low `digits` bits of one draw (24 for float, 11
//    for half, 8 for bfloat16; 53 bits of a 64-bit draw for double), scale
//    them into [0, 1), then map with one fused multiply-add: x * (to - from) + from.
//  - normal on a contiguous tensor of >= 16 elements first fills it with
//    uniforms, then turns each block of 16 into 16 normals by Box-Muller (the
//    first 8 give radii, the last 8 angles); a ragged tail re-draws the last
//    16. float uses the cephes-style log and sincos polynomials of PyTorch's
//    AVX2 kernel (with its fused operations) so results agree to the bit;
//    half and bfloat16 round their intermediates as c10's types do.
//    Otherwise each element is a double Box-Muller sample whose sine partner is
//    cached in the generator for the next call.
//  - integers: draw % range + from, with a 64-bit draw when range >= 2^32.
//  - exponential: -1/lambda * log(1 - u), u a 53-bit uniform.
//  - bernoulli: u < p, u a 53-bit uniform for a scalar or double p, else 24-bit.
//  - randperm: Fisher-Yates where step i swaps i with i + draw % (n - i)
//    (64-bit inside-out shuffle from n >= 2^32 / 20, as PyTorch 2.x).
//  - multinomial with replacement: binary search of a 53-bit uniform in the
//    normalised cumulative row; without replacement: the largest p / q with
//    q ~ Exp(1) (exponential_ on a tensor shaped like the input).
// std::fma below marks where PyTorch's compiled kernels fuse; unfused() marks
// a product that must be rounded before the next add.

#include "wick/ops/random.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <numeric>
#include <vector>

#include "wick/autograd/variable.h"
#include "wick/core/dispatch.h"
#include "wick/kernels/cpu/loops.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"

namespace wick {

// Hot loops are compiled twice on x86-64: once for the baseline ISA (std::fma
// is a libm call there) and once with hardware FMA, picked at run time. Both
// give identical bits; the second is several times faster.
#if defined(__x86_64__) && defined(__GNUC__)
#define WICK_RANDOM_HAVE_FMA_CLONE 1
#define WICK_RANDOM_INLINE inline __attribute__((always_inline))
#define WICK_RANDOM_TARGET_FMA __attribute__((target("avx2,fma")))
#else
#define WICK_RANDOM_INLINE inline
#endif

namespace {

// `v` rounded to its type as a value of its own: the compiler may not fuse
// the product that made it into a following add (PyTorch rounds there).
template <typename T>
inline T unfused(T v) {
#if defined(__GNUC__) && defined(__x86_64__)
  __asm__("" : "+x"(v));
#elif defined(__GNUC__) && defined(__aarch64__)
  __asm__("" : "+w"(v));
#endif
  return v;
}

bool cpu_has_fma() {
#ifdef WICK_RANDOM_HAVE_FMA_CLONE
  static const bool has = __builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2");
  return has;
#else
  return false;
#endif
}

constexpr double kPi = 3.14159265358979323846;

template <typename T>
constexpr int uniform_digits() {
  if constexpr (std::is_same_v<T, double>) return 53;
  else if constexpr (std::is_same_v<T, float>) return 24;
  else if constexpr (std::is_same_v<T, Half>) return 11;
  else return 8;  // BFloat16
}

// A uniform on [0, 1) with the resolution PyTorch uses for T (as float, or
// double for T = double).
template <typename T>
WICK_RANDOM_INLINE opmath_t<T> uniform01(GeneratorImpl* g) {
  if constexpr (std::is_same_v<T, double>) {
    return static_cast<double>(g->random64() & ((uint64_t{1} << 53) - 1)) *
           (1.0 / static_cast<double>(uint64_t{1} << 53));
  } else {
    constexpr int d = uniform_digits<T>();
    return static_cast<float>(g->random() & ((uint32_t{1} << d) - 1)) *
           (1.0f / static_cast<float>(uint32_t{1} << d));
  }
}
inline double uniform53(GeneratorImpl* g) { return uniform01<double>(g); }
inline float uniform24(GeneratorImpl* g) { return uniform01<float>(g); }

// Writes next() into every element of self, in the iterator's memory order.
template <typename T, typename F>
void serial_fill(Tensor& self, F&& next) {
  if (self.numel() == 0) return;
  auto iter = TensorIterator::nullary_op(self);
  iter.serial_for_each(
      [&](char** data, const int64_t* strides, int64_t n) {
        char* p = data[0];
        if (strides[0] == sizeof(T)) {
          T* q = reinterpret_cast<T*>(p);
          for (int64_t i = 0; i < n; ++i) q[i] = static_cast<T>(next());
        } else {
          for (int64_t i = 0; i < n; ++i)
            *reinterpret_cast<T*>(p + i * strides[0]) = static_cast<T>(next());
        }
      },
      0, iter.numel());
}

// ---- normal ------------------------------------------------------------------

// One double normal sample; the second Box-Muller value waits in the generator.
inline double normal_sample(GeneratorImpl* g, double mean, double std) {
  if (g->next_double_normal) {
    double cached = *g->next_double_normal;
    g->next_double_normal.reset();
    return std::fma(cached, std, mean);
  }
  const double u1 = uniform53(g);
  const double u2 = uniform53(g);
  const double radius = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = 2.0 * kPi * u1;
  g->next_double_normal = radius * std::sin(theta);
  return std::fma(radius * std::cos(theta), std, mean);
}

// Natural log for x in (0, 1], evaluated like the cephes-derived AVX2 routine
// PyTorch's float normal kernel uses (same polynomial, same fused steps).
WICK_RANDOM_INLINE float cephes_logf(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  float e = static_cast<float>(static_cast<int32_t>(bits >> 23) - 127) + 1.0f;
  const uint32_t mant_bits = (bits & ~0x7f800000u) | 0x3f000000u;  // mantissa in [0.5, 1)
  float m;
  std::memcpy(&m, &mant_bits, sizeof(m));
  const bool below_sqrt_half = m < 0.707106781186547524f;
  const float extra = below_sqrt_half ? m : 0.0f;
  e = e - (below_sqrt_half ? 1.0f : 0.0f);
  m = m - 1.0f;
  m = m + extra;
  const float z = m * m;
  float y = 7.0376836292E-2f;
  y = std::fma(y, m, -1.1514610310E-1f);
  y = std::fma(y, m, 1.1676998740E-1f);
  y = std::fma(y, m, -1.2420140846E-1f);
  y = std::fma(y, m, 1.4249322787E-1f);
  y = std::fma(y, m, -1.6668057665E-1f);
  y = std::fma(y, m, 2.0000714765E-1f);
  y = std::fma(y, m, -2.4999993993E-1f);
  y = std::fma(y, m, 3.3333331174E-1f);
  y = y * m;
  y = std::fma(y, z, e * -2.12194440e-4f);
  y = std::fma(z, -0.5f, y);
  m = m + y;
  return std::fma(e, 0.693359375f, m);
}

// sin and cos of x >= 0, evaluated like the cephes-derived AVX2 sincos.
WICK_RANDOM_INLINE void cephes_sincosf(float x, float* s, float* c) {
  int32_t j = static_cast<int32_t>(x * 1.27323954473516f);  // 4 / pi
  j = (j + 1) & ~1;
  const float y = static_cast<float>(j);
  const bool flip_sin = (j & 4) != 0;
  const bool sin_from_sin_poly = (j & 2) == 0;
  const bool flip_cos = ((j - 2) & 4) == 0;
  // x - y * pi/4 in three pieces for extra precision.
  x = std::fma(y, -0.78515625f, x);
  x = std::fma(y, -2.4187564849853515625e-4f, x);
  x = std::fma(y, -3.77489497744594108e-8f, x);
  const float z = x * x;
  float pc = 2.443315711809948E-005f;
  pc = std::fma(pc, z, -1.388731625493765E-003f);
  pc = std::fma(pc, z, 4.166664568298827E-002f);
  pc = pc * z;
  pc = std::fma(pc, z, -(z * 0.5f));
  pc = pc + 1.0f;
  float ps = -1.9515295891E-4f;
  ps = std::fma(ps, z, 8.3321608736E-3f);
  ps = std::fma(ps, z, -1.6666654611E-1f);
  ps = ps * z;
  ps = std::fma(ps, x, x);
  const float vs = sin_from_sin_poly ? ps : pc;
  const float vc = sin_from_sin_poly ? pc : ps;
  *s = flip_sin ? -vs : vs;
  *c = flip_cos ? -vc : vc;
}

// float Box-Muller over 16 uniforms, written as 8-lane loops the compiler
// can vectorise.
WICK_RANDOM_INLINE void normal_block16_float(float* d, float mean, float std) {
  float radius[8], sin_t[8], cos_t[8];
  for (int j = 0; j < 8; ++j) radius[j] = std::sqrt(-2.0f * cephes_logf(1.0f - d[j]));
  for (int j = 0; j < 8; ++j)
    cephes_sincosf(static_cast<float>(2.0 * kPi) * d[j + 8], &sin_t[j], &cos_t[j]);
  for (int j = 0; j < 8; ++j) {
    d[j] = std::fma(radius[j] * cos_t[j], std, mean);
    d[j + 8] = std::fma(radius[j] * sin_t[j], std, mean);
  }
}

// Box-Muller over one block of 16 uniforms in place.
template <typename T>
WICK_RANDOM_INLINE void normal_block16(T* d, T mean, T std) {
  if constexpr (std::is_same_v<T, float>) {
    normal_block16_float(d, mean, std);
  } else {
    for (int j = 0; j < 8; ++j) {
      if constexpr (std::is_same_v<T, double>) {
        const double u1 = 1.0 - d[j];
        const double u2 = d[j + 8];
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double theta = 2.0 * kPi * u2;
        d[j] = std::fma(radius * std::cos(theta), std, mean);
        d[j + 8] = std::fma(radius * std::sin(theta), std, mean);
      } else if constexpr (std::is_same_v<T, BFloat16>) {
        // bfloat16 math functions and products return bfloat16, so every
        // intermediate rounds to it.
        auto r = [](float v) { return static_cast<float>(static_cast<BFloat16>(v)); };
        const float u1 = r(1.0f - static_cast<float>(d[j]));
        const float u2 = static_cast<float>(d[j + 8]);
        const float radius = r(std::sqrt(r(-2.0f * r(std::log(u1)))));
        const float theta = r(static_cast<float>(2.0 * kPi * static_cast<double>(u2)));
        const float sd = static_cast<float>(std), mu = static_cast<float>(mean);
        d[j] = static_cast<T>(r(r(radius * r(std::cos(theta))) * sd) + mu);
        d[j + 8] = static_cast<T>(r(r(radius * r(std::sin(theta))) * sd) + mu);
      } else {
        // Half rounds every named intermediate to Half; its products stay float.
        const T u1 = static_cast<T>(1.0f - static_cast<float>(d[j]));
        const T u2 = d[j + 8];
        const T radius = static_cast<T>(std::sqrt(-2.0f * std::log(static_cast<float>(u1))));
        const T theta = static_cast<T>(2.0 * kPi * static_cast<double>(static_cast<float>(u2)));
        const float r = static_cast<float>(radius), sd = static_cast<float>(std),
                    mu = static_cast<float>(mean), th = static_cast<float>(theta);
        d[j] = static_cast<T>(unfused(r * std::cos(th) * sd) + mu);
        d[j + 8] = static_cast<T>(unfused(r * std::sin(th) * sd) + mu);
      }
    }
  }
}

template <typename T>
WICK_RANDOM_INLINE void normal_fill_contiguous_impl(T* data, int64_t n, double mean, double std,
                                                   GeneratorImpl* g) {
  for (int64_t i = 0; i < n; ++i) data[i] = static_cast<T>(uniform01<T>(g));
  const T m = static_cast<T>(mean), s = static_cast<T>(std);
  for (int64_t i = 0; i + 16 <= n; i += 16) normal_block16<T>(data + i, m, s);
  if (n % 16 != 0) {
    T* tail = data + n - 16;
    for (int i = 0; i < 16; ++i) tail[i] = static_cast<T>(uniform01<T>(g));
    normal_block16<T>(tail, m, s);
  }
}

template <typename T>
void normal_fill_contiguous_generic(T* data, int64_t n, double mean, double std, GeneratorImpl* g) {
  normal_fill_contiguous_impl<T>(data, n, mean, std, g);
}
#ifdef WICK_RANDOM_HAVE_FMA_CLONE
template <typename T>
WICK_RANDOM_TARGET_FMA void normal_fill_contiguous_fma(T* data, int64_t n, double mean, double std,
                                                GeneratorImpl* g) {
  normal_fill_contiguous_impl<T>(data, n, mean, std, g);
}
#endif
template <typename T>
void normal_fill_contiguous(T* data, int64_t n, double mean, double std, GeneratorImpl* g) {
#ifdef WICK_RANDOM_HAVE_FMA_CLONE
  if (cpu_has_fma()) return normal_fill_contiguous_fma<T>(data, n, mean, std, g);
#endif
  normal_fill_contiguous_generic<T>(data, n, mean, std, g);
}

// Contiguous uniform fill: fma(u, width, base) per element.
template <typename T>
WICK_RANDOM_INLINE void uniform_fill_impl(T* data, int64_t n, opmath_t<T> width, opmath_t<T> base,
                                          GeneratorImpl* g) {
  for (int64_t i = 0; i < n; ++i) data[i] = static_cast<T>(std::fma(uniform01<T>(g), width, base));
}
template <typename T>
void uniform_fill_generic(T* data, int64_t n, opmath_t<T> width, opmath_t<T> base,
                          GeneratorImpl* g) {
  uniform_fill_impl<T>(data, n, width, base, g);
}
#ifdef WICK_RANDOM_HAVE_FMA_CLONE
template <typename T>
WICK_RANDOM_TARGET_FMA void uniform_fill_fma(T* data, int64_t n, opmath_t<T> width, opmath_t<T> base,
                                      GeneratorImpl* g) {
  uniform_fill_impl<T>(data, n, width, base, g);
}
#endif
template <typename T>
void uniform_fill_contiguous(T* data, int64_t n, opmath_t<T> width, opmath_t<T> base,
                             GeneratorImpl* g) {
#ifdef WICK_RANDOM_HAVE_FMA_CLONE
  if (cpu_has_fma()) return uniform_fill_fma<T>(data, n, width, base, g);
#endif
  uniform_fill_generic<T>(data, n, width, base, g);
}

// ---- integers ----------------------------------------------------------------

template <typename T>
T from_int64(int64_t v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
    return static_cast<T>(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

// Largest value of the dtype that random_ may produce without an upper bound.
int64_t random_max_inclusive(ScalarType t) {
  switch (t) {
    case ScalarType::Bool: return 1;
    case ScalarType::Byte: return std::numeric_limits<uint8_t>::max();
    case ScalarType::Char: return std::numeric_limits<int8_t>::max();
    case ScalarType::Short: return std::numeric_limits<int16_t>::max();
    case ScalarType::Int: return std::numeric_limits<int32_t>::max();
    case ScalarType::Long: return std::numeric_limits<int64_t>::max();
    case ScalarType::Half: return int64_t{1} << 11;
    case ScalarType::BFloat16: return int64_t{1} << 8;
    case ScalarType::Float: return int64_t{1} << 24;
    case ScalarType::Double: return int64_t{1} << 53;
    default: WICK_CHECK(false, "random_ not implemented for '", to_string(t), "'");
  }
  return 0;
}

int64_t random_min(ScalarType t) {
  switch (t) {
    case ScalarType::Bool:
    case ScalarType::Byte: return 0;
    case ScalarType::Char: return std::numeric_limits<int8_t>::min();
    case ScalarType::Short: return std::numeric_limits<int16_t>::min();
    case ScalarType::Int: return std::numeric_limits<int32_t>::min();
    case ScalarType::Long: return std::numeric_limits<int64_t>::min();
    default: return -random_max_inclusive(t);
  }
}

const char* c_type_name(ScalarType t) {
  switch (t) {
    case ScalarType::Bool: return "bool";
    case ScalarType::Byte: return "unsigned char";
    case ScalarType::Char: return "signed char";
    case ScalarType::Short: return "short";
    case ScalarType::Int: return "int";
    case ScalarType::Long: return "long";
    case ScalarType::Half: return "c10::Half";
    case ScalarType::BFloat16: return "c10::BFloat16";
    case ScalarType::Float: return "float";
    default: return "double";
  }
}

void check_in_dtype_range(ScalarType t, int64_t v, const char* what) {
  // Floating dtypes only lose precision past 2^digits; PyTorch merely warns there.
  if (is_floating_type(t)) return;
  WICK_CHECK(v >= random_min(t) && v <= random_max_inclusive(t), what,
             " is out of bounds for ", c_type_name(t));
}

// Fills self with from + draw % range (range == 0 means the full 2^64 span).
void random_from_range(Tensor& self, int64_t from, uint64_t range, GeneratorImpl* g) {
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "random_from_to", [&] {
    if (range == 0) {
      serial_fill<scalar_t>(self, [&] { return from_int64<scalar_t>(static_cast<int64_t>(g->random64())); });
    } else if (range >= (uint64_t{1} << 32)) {
      serial_fill<scalar_t>(self, [&] {
        return from_int64<scalar_t>(static_cast<int64_t>(g->random64() % range + static_cast<uint64_t>(from)));
      });
    } else {
      serial_fill<scalar_t>(self, [&] {
        return from_int64<scalar_t>(static_cast<int64_t>(g->random() % range + static_cast<uint64_t>(from)));
      });
    }
  });
}

void check_floating(const Tensor& t, const char* name) {
  WICK_CHECK(is_floating_type(t.dtype()), "\"", name, "\" not implemented for '",
             to_string(t.dtype()), "'");
}

}  // namespace

// ---- in-place fills --------------------------------------------------------------

Tensor& uniform_(Tensor& self, double from, double to, std::optional<Generator> generator) {
  check_floating(self, "check_uniform_bounds");
  WICK_CHECK(from <= to, "uniform_ expects to return a [from, to) range, but found from=", from,
             " > to=", to);
  GeneratorImpl* g = get_generator_or_default(generator);
  std::lock_guard<std::mutex> lock(g->mutex);
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "uniform_", [&] {
    using acc_t = opmath_t<scalar_t>;
    const scalar_t lo = static_cast<scalar_t>(from), hi = static_cast<scalar_t>(to);
    WICK_CHECK(static_cast<double>(hi) - static_cast<double>(lo) <=
                   static_cast<double>(std::numeric_limits<acc_t>::max()),
               "uniform_ expects to-from <= std::numeric_limits<", c_type_name(self.dtype()),
               ">::max(), but found to=", to, " and from=", from,
               " which result in to-from to exceed the limit");
    const acc_t width = static_cast<acc_t>(hi) - static_cast<acc_t>(lo);
    const acc_t base = static_cast<acc_t>(lo);
    if (self.is_contiguous()) {
      uniform_fill_contiguous<scalar_t>(static_cast<scalar_t*>(self.data_ptr()), self.numel(),
                                        width, base, g);
      self.bump_version();
    } else {
      serial_fill<scalar_t>(self, [&] { return std::fma(uniform01<scalar_t>(g), width, base); });
    }
  });
  return self;
}

Tensor& normal_(Tensor& self, double mean, double std, std::optional<Generator> generator) {
  WICK_CHECK(std >= 0.0, "normal expects std >= 0.0, but found std ", std);
  check_floating(self, "normal_kernel_cpu");
  GeneratorImpl* g = get_generator_or_default(generator);
  std::lock_guard<std::mutex> lock(g->mutex);
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "normal_kernel_cpu", [&] {
    if (self.numel() >= 16 && self.is_contiguous()) {
      normal_fill_contiguous<scalar_t>(static_cast<scalar_t*>(self.data_ptr()), self.numel(),
                                       mean, std, g);
      self.bump_version();
    } else {
      serial_fill<scalar_t>(self, [&] { return static_cast<scalar_t>(normal_sample(g, mean, std)); });
    }
  });
  return self;
}

Tensor& random_(Tensor& self, std::optional<Generator> generator) {
  GeneratorImpl* g = get_generator_or_default(generator);
  std::lock_guard<std::mutex> lock(g->mutex);
  const ScalarType t = self.dtype();
  if (t == kBool) {
    serial_fill<bool>(self, [&] { return (g->random() & 1u) != 0; });
    return self;
  }
  const uint64_t range = static_cast<uint64_t>(random_max_inclusive(t)) + 1;
  // int64 and double need 64-bit draws; the modulus keeps the dtype's span.
  const bool wide = t == kLong || t == kDouble;
  WICK_DISPATCH_ALL_TYPES(t, "random_", [&] {
    serial_fill<scalar_t>(self, [&] {
      const uint64_t v = wide ? g->random64() : g->random();
      return from_int64<scalar_t>(static_cast<int64_t>(v % range));
    });
  });
  return self;
}

Tensor& random_(Tensor& self, int64_t from, std::optional<int64_t> to,
                std::optional<Generator> generator) {
  const ScalarType t = self.dtype();
  uint64_t range;
  if (to) {
    WICK_CHECK(from < *to, "random_ expects 'from' to be less than 'to', but got from=", from,
               " >= to=", *to);
    check_in_dtype_range(t, from, "from");
    check_in_dtype_range(t, *to - 1, "to - 1");
    range = static_cast<uint64_t>(*to) - static_cast<uint64_t>(from);
  } else {
    const int64_t to_inc = random_max_inclusive(t);
    check_in_dtype_range(t, from, "from");
    WICK_CHECK(from <= to_inc, "random_ expects 'from' casted to dtype to be less than or equal "
               "to 'to_inc' casted to dtype, but got from=", from, " > to_inc=", to_inc);
    range = static_cast<uint64_t>(to_inc) - static_cast<uint64_t>(from) + 1;  // 0: all 2^64
  }
  GeneratorImpl* g = get_generator_or_default(generator);
  std::lock_guard<std::mutex> lock(g->mutex);
  random_from_range(self, from, range, g);
  return self;
}

Tensor& bernoulli_(Tensor& self, double p, std::optional<Generator> generator) {
  WICK_CHECK(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=", p);
  GeneratorImpl* g = get_generator_or_default(generator);
  std::lock_guard<std::mutex> lock(g->mutex);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "bernoulli_scalar_cpu_", [&] {
    serial_fill<scalar_t>(self, [&] { return from_int64<scalar_t>(uniform53(g) < p ? 1 : 0); });
  });
  return self;
}

Tensor& bernoulli_(Tensor& self, const Tensor& p, std::optional<Generator> generator) {
  WICK_CHECK(is_floating_type(p.dtype()), "expected probabilities tensor to have floating type, got ",
             to_string(p.dtype()));
  {
    auto pv = p.to(kDouble).contiguous();
    const double* q = pv.data_ptr<double>();
    for (int64_t i = 0; i < pv.numel(); ++i)
      WICK_CHECK(q[i] >= 0 && q[i] <= 1, "Expected p_in >= 0 && p_in <= 1 to be true, but got false.");
  }
  GeneratorImpl* g = get_generator_or_default(generator);
  auto iter = TensorIteratorConfig()
                  .add_output(self)
                  .add_input(p)
                  .resize_outputs(false)
                  .promote_inputs_to_common_dtype(false)
                  .check_all_same_dtype(false)
                  .declare_static_dtype(self.dtype())
                  .name("bernoulli_")
                  .build();
  std::lock_guard<std::mutex> lock(g->mutex);
  const ScalarType pt = p.dtype();
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "bernoulli_tensor_cpu_self_", [&] {
    using self_t = scalar_t;
    WICK_DISPATCH_FLOATING_AND_HALF(pt, "bernoulli_tensor_cpu_p_", [&] {
      using p_t = scalar_t;
      iter.serial_for_each(
          [&](char** data, const int64_t* strides, int64_t n) {
            for (int64_t i = 0; i < n; ++i) {
              const p_t pv = *reinterpret_cast<const p_t*>(data[1] + i * strides[1]);
              bool hit;
              if constexpr (std::is_same_v<p_t, double>) {
                hit = uniform53(g) < pv;
              } else {
                hit = uniform24(g) < static_cast<float>(pv);
              }
              *reinterpret_cast<self_t*>(data[0] + i * strides[0]) = from_int64<self_t>(hit);
            }
          },
          0, iter.numel());
    });
  });
  return self;
}

Tensor& exponential_(Tensor& self, double lambd, std::optional<Generator> generator) {
  WICK_CHECK(lambd >= 0.0, "exponential_ expects lambda >= 0.0, but found lambda=", lambd);
  check_floating(self, "exponential_cpu");
  GeneratorImpl* g = get_generator_or_default(generator);
  std::lock_guard<std::mutex> lock(g->mutex);
  const double scale = -1.0 / lambd;
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "exponential_cpu", [&] {
    serial_fill<scalar_t>(self, [&] { return static_cast<scalar_t>(scale * std::log(1.0 - uniform53(g))); });
  });
  return self;
}

// ---- factories -------------------------------------------------------------------

Tensor rand(IntArrayRef size, const TensorOptions& options) {
  return rand(size, std::nullopt, options);
}
Tensor rand(IntArrayRef size, std::optional<Generator> generator, const TensorOptions& options) {
  Tensor t = empty(size, options);
  return uniform_(t, 0, 1, std::move(generator));
}
Tensor randn(IntArrayRef size, const TensorOptions& options) {
  return randn(size, std::nullopt, options);
}
Tensor randn(IntArrayRef size, std::optional<Generator> generator, const TensorOptions& options) {
  Tensor t = empty(size, options);
  return normal_(t, 0, 1, std::move(generator));
}

Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options) {
  return randint(0, high, size, std::nullopt, options);
}
Tensor randint(int64_t high, IntArrayRef size, std::optional<Generator> generator,
               const TensorOptions& options) {
  return randint(0, high, size, std::move(generator), options);
}
Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options) {
  return randint(low, high, size, std::nullopt, options);
}
Tensor randint(int64_t low, int64_t high, IntArrayRef size, std::optional<Generator> generator,
               const TensorOptions& options) {
  Tensor t = empty(size, options.dtype(options.has_dtype() ? options.dtype() : kLong));
  return random_(t, low, high, std::move(generator));
}

Tensor randperm(int64_t n, const TensorOptions& options) {
  return randperm(n, std::nullopt, options);
}
Tensor randperm(int64_t n, std::optional<Generator> generator, const TensorOptions& options) {
  WICK_CHECK(n >= 0, "n must be non-negative, got", n);
  const ScalarType dt = options.has_dtype() ? options.dtype() : kLong;
  if (is_floating_type(dt)) {
    const int digits = dt == kDouble ? 53 : dt == kFloat ? 24 : dt == kHalf ? 11 : 8;
    WICK_CHECK(n <= (int64_t{1} << digits) + 1, "n cannot be greater than 2^", digits,
               "+1 for ", c_type_name(dt), " type.");
  } else if (n > 0) {
    WICK_CHECK(dt != kBool || n <= 2, "randperm not implemented for 'Bool' with n > 2");
    WICK_CHECK(n - 1 <= random_max_inclusive(dt), "value cannot be converted to type ",
               dt == kByte ? "uint8_t" : dt == kChar ? "int8_t" : dt == kShort ? "int16_t"
                                                                : "int32_t",
               " without overflow");
  }
  Tensor result = empty({n}, options.dtype(dt));
  if (n == 0) return result;
  std::vector<int64_t> perm(static_cast<size_t>(n));
  {
    GeneratorImpl* g = get_generator_or_default(generator);
    std::lock_guard<std::mutex> lock(g->mutex);
    if (n < static_cast<int64_t>(std::numeric_limits<uint32_t>::max() / 20)) {
      std::iota(perm.begin(), perm.end(), int64_t{0});
      for (int64_t i = 0; i + 1 < n; ++i) {
        const uint64_t remaining = static_cast<uint64_t>(n - i);
        std::swap(perm[i], perm[i + static_cast<int64_t>(g->random() % remaining)]);
      }
    } else {
      // Near 2^32 a 32-bit draw % n is visibly biased; like PyTorch 2.x, huge
      // permutations use 64-bit draws in the inside-out shuffle.
      for (int64_t i = 0; i < n; ++i) {
        const int64_t z = static_cast<int64_t>(g->random64() % static_cast<uint64_t>(i + 1));
        perm[i] = perm[z];
        perm[z] = i;
      }
    }
  }
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(dt, "randperm", [&] {
    scalar_t* out = static_cast<scalar_t*>(result.data_ptr());
    for (int64_t i = 0; i < n; ++i) out[i] = from_int64<scalar_t>(perm[i]);
  });
  return result;
}

namespace {
// out = z * std + mean elementwise (two roundings, as PyTorch's mul_ then add_),
// where z already holds standard normals in out.
void scale_shift(Tensor& out, const Tensor& std, const Tensor& mean) {
  auto iter = TensorIteratorConfig()
                  .add_output(out)
                  .add_input(out)
                  .add_input(std)
                  .add_input(mean)
                  .resize_outputs(false)
                  .name("normal")
                  .build();
  WICK_DISPATCH_FLOATING_AND_HALF(iter.common_dtype(), "normal", [&] {
    using acc_t = opmath_t<scalar_t>;
    kernels::cpu_kernel(iter, [](scalar_t z, scalar_t s, scalar_t m) -> scalar_t {
      const scalar_t scaled =
          static_cast<scalar_t>(unfused(static_cast<acc_t>(z) * static_cast<acc_t>(s)));
      return static_cast<scalar_t>(static_cast<acc_t>(scaled) + static_cast<acc_t>(m));
    });
  });
}

void check_std_tensor(const Tensor& std) {
  auto v = std.to(kDouble).contiguous();
  const double* p = v.data_ptr<double>();
  for (int64_t i = 0; i < v.numel(); ++i)
    WICK_CHECK(p[i] >= 0.0, "normal expects all elements of std >= 0.0");
}
}  // namespace

Tensor normal(double mean, double std, IntArrayRef size, std::optional<Generator> generator,
              const TensorOptions& options) {
  Tensor t = empty(size, options);
  return normal_(t, mean, std, std::move(generator));
}

Tensor normal(const Tensor& mean, const Tensor& std, std::optional<Generator> generator) {
  check_std_tensor(std);
  const DimVector shape = infer_size(mean.sizes(), std.sizes());
  Tensor out = empty(shape, TensorOptions(promote_types(mean.dtype(), std.dtype())));
  normal_(out, 0, 1, std::move(generator));
  scale_shift(out, std, mean);
  return out;
}

Tensor normal(const Tensor& mean, double std, std::optional<Generator> generator) {
  WICK_CHECK(std >= 0.0, "normal expects std >= 0.0, but found std ", std);
  Tensor out = empty(mean.sizes(), mean.options());
  normal_(out, 0, 1, std::move(generator));
  scale_shift(out, full({}, std, TensorOptions(out.dtype())), mean);
  return out;
}

Tensor normal(double mean, const Tensor& std, std::optional<Generator> generator) {
  check_std_tensor(std);
  Tensor out = empty(std.sizes(), std.options());
  normal_(out, 0, 1, std::move(generator));
  scale_shift(out, std, full({}, mean, TensorOptions(out.dtype())));
  return out;
}

Tensor bernoulli(const Tensor& p, std::optional<Generator> generator) {
  Tensor out = empty(p.sizes(), p.options());
  return bernoulli_(out, p, std::move(generator));
}

Tensor bernoulli(const Tensor& self, double p, std::optional<Generator> generator) {
  Tensor out = empty(self.sizes(), self.options());
  return bernoulli_(out, p, std::move(generator));
}

Tensor multinomial(const Tensor& probs, int64_t num_samples, bool replacement,
                   std::optional<Generator> generator) {
  WICK_CHECK(is_floating_type(probs.dtype()),
             "multinomial only supports floating-point dtypes for input, got: ",
             to_string(probs.dtype()));
  WICK_CHECK(probs.dim() == 1 || probs.dim() == 2, "prob_dist must be 1 or 2 dim");
  const int64_t n_categories = probs.size(-1);
  WICK_CHECK(replacement || num_samples <= n_categories,
             "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  WICK_CHECK(num_samples > 0, "cannot sample n_sample <= 0 samples");
  WICK_CHECK(n_categories <= (int64_t{1} << 24), "number of categories cannot exceed 2^24");
  const int64_t n_rows = probs.dim() == 1 ? 1 : probs.size(0);
  Tensor result = probs.dim() == 1 ? empty({num_samples}, kLong)
                                   : empty({n_rows, num_samples}, kLong);
  if (n_rows == 0) return result;
  int64_t* out = result.data_ptr<int64_t>();
  Tensor p = probs.contiguous();

  if (!replacement) {
    // Gumbel-max in exponential form: the k largest p / q, q ~ Exp(1), are a
    // sample of k categories without replacement.
    {
      Tensor pd = p.to(kDouble);
      const double* v = pd.data_ptr<double>();
      for (int64_t i = 0; i < pd.numel(); ++i)
        WICK_CHECK(std::isfinite(v[i]) && v[i] >= 0,
                   "probability tensor contains either `inf`, `nan` or element < 0");
      for (int64_t r = 0; r < n_rows; ++r) {
        bool all_zero = true;
        for (int64_t c = 0; c < n_categories; ++c) all_zero &= v[r * n_categories + c] == 0;
        WICK_CHECK(!all_zero, "invalid multinomial distribution (sum of probabilities <= 0)");
      }
    }
    Tensor q = empty(p.sizes(), p.options());
    exponential_(q, 1, std::move(generator));
    WICK_DISPATCH_FLOATING_AND_HALF(p.dtype(), "multinomial", [&] {
      using acc_t = opmath_t<scalar_t>;
      const scalar_t* pp = static_cast<const scalar_t*>(p.data_ptr());
      const scalar_t* qq = static_cast<const scalar_t*>(q.data_ptr());
      std::vector<scalar_t> key(static_cast<size_t>(n_categories));
      std::vector<int64_t> idx(static_cast<size_t>(n_categories));
      for (int64_t r = 0; r < n_rows; ++r) {
        for (int64_t c = 0; c < n_categories; ++c) {
          const int64_t k = r * n_categories + c;
          key[c] = static_cast<scalar_t>(static_cast<acc_t>(pp[k]) / static_cast<acc_t>(qq[k]));
        }
        std::iota(idx.begin(), idx.end(), int64_t{0});
        std::partial_sort(idx.begin(), idx.begin() + num_samples, idx.end(),
                          [&](int64_t a, int64_t b) {
                            const acc_t ka = static_cast<acc_t>(key[a]);
                            const acc_t kb = static_cast<acc_t>(key[b]);
                            return ka > kb || (ka == kb && a < b);
                          });
        for (int64_t s = 0; s < num_samples; ++s) out[r * num_samples + s] = idx[s];
      }
    });
    return result;
  }

  GeneratorImpl* g = get_generator_or_default(generator);
  WICK_DISPATCH_FLOATING_AND_HALF(p.dtype(), "multinomial", [&] {
    const scalar_t* pp = static_cast<const scalar_t*>(p.data_ptr());
    std::vector<scalar_t> cum(static_cast<size_t>(n_categories));
    // Validate every row before drawing, so a bad row leaves the stream untouched.
    for (int64_t r = 0; r < n_rows; ++r) {
      double sum = 0;
      for (int64_t c = 0; c < n_categories; ++c) {
        const double v = static_cast<double>(pp[r * n_categories + c]);
        WICK_CHECK(v >= 0, "invalid multinomial distribution (encountering probability entry < 0)");
        WICK_CHECK(std::isfinite(v),
                   "invalid multinomial distribution (encountering probability entry = "
                   "infinity or NaN)");
        sum += v;
      }
      WICK_CHECK(sum > 0, "invalid multinomial distribution (sum of probabilities <= 0)");
    }
    std::lock_guard<std::mutex> lock(g->mutex);
    for (int64_t r = 0; r < n_rows; ++r) {
      double sum = 0;
      for (int64_t c = 0; c < n_categories; ++c) {
        sum += static_cast<double>(pp[r * n_categories + c]);
        cum[c] = static_cast<scalar_t>(sum);
      }
      for (int64_t c = 0; c < n_categories; ++c)
        cum[c] = static_cast<scalar_t>(static_cast<double>(cum[c]) / sum);
      cum[n_categories - 1] = static_cast<scalar_t>(1.0f);
      for (int64_t s = 0; s < num_samples; ++s) {
        const double u = uniform53(g);
        // First slot whose cumulative probability reaches u.
        int64_t lo = 0, hi = n_categories;
        while (hi > lo) {
          const int64_t mid = lo + (hi - lo) / 2;
          if (static_cast<double>(cum[mid]) < u) lo = mid + 1;
          else hi = mid;
        }
        out[r * num_samples + s] = lo;
      }
    }
  });
  return result;
}

Tensor rand_like(const Tensor& self, const TensorOptions& options) {
  return rand(self.sizes(), options.merged_over(self.options()));
}
Tensor randn_like(const Tensor& self, const TensorOptions& options) {
  return randn(self.sizes(), options.merged_over(self.options()));
}
Tensor randint_like(const Tensor& self, int64_t high, const TensorOptions& options) {
  return randint(0, high, self.sizes(), options.merged_over(self.options()));
}
Tensor randint_like(const Tensor& self, int64_t low, int64_t high, const TensorOptions& options) {
  return randint(low, high, self.sizes(), options.merged_over(self.options()));
}

Tensor& rand_out(Tensor& out, IntArrayRef size, std::optional<Generator> generator) {
  out.resize_(size);
  return uniform_(out, 0, 1, std::move(generator));
}
Tensor& randn_out(Tensor& out, IntArrayRef size, std::optional<Generator> generator) {
  out.resize_(size);
  return normal_(out, 0, 1, std::move(generator));
}
Tensor& randint_out(Tensor& out, int64_t low, int64_t high, IntArrayRef size,
                    std::optional<Generator> generator) {
  out.resize_(size);
  return random_(out, low, high, std::move(generator));
}
Tensor& randperm_out(Tensor& out, int64_t n, std::optional<Generator> generator) {
  Tensor r = randperm(n, std::move(generator), out.options());
  out.resize_(r.sizes());
  return out.copy_(r);
}
Tensor& normal_out(Tensor& out, const Tensor& mean, const Tensor& std,
                   std::optional<Generator> generator) {
  autograd::check_out_no_grad("normal", out, mean, std);
  check_std_tensor(std);
  out.resize_(infer_size(mean.sizes(), std.sizes()));
  normal_(out, 0, 1, std::move(generator));
  scale_shift(out, std, mean);
  return out;
}
Tensor& bernoulli_out(Tensor& out, const Tensor& p, std::optional<Generator> generator) {
  autograd::check_out_no_grad("bernoulli", out, p);
  out.resize_(p.sizes());
  return bernoulli_(out, p, std::move(generator));
}
Tensor& multinomial_out(Tensor& out, const Tensor& probs, int64_t num_samples, bool replacement,
                        std::optional<Generator> generator) {
  Tensor r = multinomial(probs, num_samples, replacement, std::move(generator));
  out.resize_(r.sizes());
  return out.copy_(r);
}

// ---- generator state ------------------------------------------------------------

Tensor Generator::get_state() const {
  Tensor out = empty({static_cast<int64_t>(GeneratorImpl::kStateBytes)}, kByte);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->get_state(static_cast<uint8_t*>(out.data_ptr()));
  return out;
}

Generator& Generator::set_state(const Tensor& state) {
  WICK_CHECK_T(TypeError, state.dtype() == kByte, "RNG state must be a torch.ByteTensor");
  Tensor bytes = state.contiguous();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->set_state(static_cast<const uint8_t*>(bytes.data_ptr()),
                   static_cast<size_t>(bytes.numel()));
  return *this;
}

Tensor get_rng_state() { return default_generator().get_state(); }
void set_rng_state(const Tensor& state) { default_generator().set_state(state); }

// ---- Tensor methods ----------------------------------------------------------------

Tensor& Tensor::uniform_(double from, double to, std::optional<Generator> gen) {
  return wick::uniform_(*this, from, to, std::move(gen));
}
Tensor& Tensor::normal_(double mean, double std, std::optional<Generator> gen) {
  return wick::normal_(*this, mean, std, std::move(gen));
}
Tensor& Tensor::random_(std::optional<Generator> gen) { return wick::random_(*this, std::move(gen)); }
Tensor& Tensor::random_(int64_t to, std::optional<Generator> gen) {
  return wick::random_(*this, 0, to, std::move(gen));
}
Tensor& Tensor::random_(int64_t from, std::optional<int64_t> to, std::optional<Generator> gen) {
  return wick::random_(*this, from, to, std::move(gen));
}
Tensor& Tensor::bernoulli_(double p, std::optional<Generator> gen) {
  return wick::bernoulli_(*this, p, std::move(gen));
}
Tensor& Tensor::bernoulli_(const Tensor& p, std::optional<Generator> gen) {
  return wick::bernoulli_(*this, p, std::move(gen));
}
Tensor& Tensor::exponential_(double lambd, std::optional<Generator> gen) {
  return wick::exponential_(*this, lambd, std::move(gen));
}
Tensor Tensor::bernoulli(std::optional<Generator> gen) const {
  return wick::bernoulli(*this, std::move(gen));
}
Tensor Tensor::multinomial(int64_t num_samples, bool replacement,
                           std::optional<Generator> gen) const {
  return wick::multinomial(*this, num_samples, replacement, std::move(gen));
}

}  // namespace wick

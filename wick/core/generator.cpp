#include "wick/core/generator.h"

#include <cstring>
#include <random>

#include "wick/core/error.h"

namespace wick {

GeneratorImpl::GeneratorImpl(uint64_t seed) { set_seed(seed); }

void GeneratorImpl::set_seed(uint64_t seed) {
  seed_ = seed;
  // Knuth's initialisation, as std::mt19937::seed.
  state_[0] = static_cast<uint32_t>(seed & 0xffffffffULL);
  for (int i = 1; i < kStateSize; ++i)
    state_[i] = 1812433253u * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<uint32_t>(i);
  left_ = 1;
  next_ = 0;
  next_double_normal.reset();
  next_float_normal.reset();
}

void GeneratorImpl::twist() {
  constexpr int kN = kStateSize, kM = 397;
  auto mix = [](uint32_t upper, uint32_t lower, uint32_t far) {
    const uint32_t y = (upper & 0x80000000u) | (lower & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
  };
  int i = 0;
  for (; i < kN - kM; ++i) state_[i] = mix(state_[i], state_[i + 1], state_[i + kM]);
  for (; i < kN - 1; ++i) state_[i] = mix(state_[i], state_[i + 1], state_[i + kM - kN]);
  state_[kN - 1] = mix(state_[kN - 1], state_[0], state_[kM - 1]);
  left_ = kN;
  next_ = 0;
}

namespace {
// Byte offsets of PyTorch's CPUGeneratorImplState (x86-64 layout).
constexpr size_t kOffSeed = 0, kOffLeft = 8, kOffSeeded = 12, kOffNext = 16, kOffWords = 24,
                 kOffNormalX = 5016, kOffNormalY = 5024, kOffNormalRho = 5032,
                 kOffNormalValid = 5040, kOffFloatNormal = 5048, kOffFloatNormalValid = 5052;
template <typename T>
void put(uint8_t* out, size_t off, T v) {
  std::memcpy(out + off, &v, sizeof(T));
}
template <typename T>
T get(const uint8_t* in, size_t off) {
  T v;
  std::memcpy(&v, in + off, sizeof(T));
  return v;
}
}  // namespace

void GeneratorImpl::get_state(uint8_t* out) const {
  std::memset(out, 0, kStateBytes);
  put<uint64_t>(out, kOffSeed, seed_);
  put<int32_t>(out, kOffLeft, left_);
  put<int32_t>(out, kOffSeeded, 1);
  put<uint64_t>(out, kOffNext, static_cast<uint64_t>(next_));
  for (int i = 0; i < kStateSize; ++i) put<uint64_t>(out, kOffWords + 8 * i, state_[i]);
  put<double>(out, kOffNormalX, 0.0);
  put<double>(out, kOffNormalY, next_double_normal.value_or(0.0));
  put<double>(out, kOffNormalRho, 0.0);
  put<int32_t>(out, kOffNormalValid, next_double_normal.has_value() ? 1 : 0);
  put<float>(out, kOffFloatNormal, next_float_normal.value_or(0.0f));
  put<bool>(out, kOffFloatNormalValid, next_float_normal.has_value());
}

void GeneratorImpl::set_state(const uint8_t* data, size_t size) {
  WICK_CHECK(size == kStateBytes || size == kLegacyStateBytes,
             "Expected either a CPUGeneratorImplStateLegacy of size ", kLegacyStateBytes,
             " or a CPUGeneratorImplState of size ", kStateBytes,
             " but found the input RNG state size to be ", size);
  const int32_t left = get<int32_t>(data, kOffLeft);
  const uint64_t next = get<uint64_t>(data, kOffNext);
  // Every draw before the next twist must find a word: next + left <= 625.
  WICK_CHECK(left >= 1 && left <= kStateSize && next <= static_cast<uint64_t>(kStateSize) &&
                 next + static_cast<uint64_t>(left) <= static_cast<uint64_t>(kStateSize) + 1,
             "Invalid mt19937 state");
  seed_ = get<uint64_t>(data, kOffSeed);
  left_ = left;
  next_ = static_cast<int>(next);
  for (int i = 0; i < kStateSize; ++i)
    state_[i] = static_cast<uint32_t>(get<uint64_t>(data, kOffWords + 8 * i));
  next_double_normal.reset();
  if (get<int32_t>(data, kOffNormalValid) != 0)
    next_double_normal = get<double>(data, kOffNormalY);
  next_float_normal.reset();
  if (size == kStateBytes && get<uint8_t>(data, kOffFloatNormalValid) != 0)
    next_float_normal = get<float>(data, kOffFloatNormal);
}

Generator::Generator() : impl_(std::make_shared<GeneratorImpl>(kDefaultSeed)) {}

Generator& Generator::manual_seed(uint64_t seed) {
  std::lock_guard<std::mutex> g(impl_->mutex);
  impl_->set_seed(seed);
  return *this;
}

uint64_t Generator::seed() {
  std::random_device rd;
  uint64_t s = (static_cast<uint64_t>(rd()) << 32) | rd();
  manual_seed(s);
  return s;
}

Generator& default_generator() {
  static Generator gen;
  return gen;
}

void manual_seed(uint64_t seed) { default_generator().manual_seed(seed); }
uint64_t initial_seed() { return default_generator().initial_seed(); }
uint64_t seed() { return default_generator().seed(); }

GeneratorImpl* get_generator_or_default(const std::optional<Generator>& gen) {
  if (gen && gen->defined()) return gen->impl();
  return default_generator().impl();
}

}  // namespace wick

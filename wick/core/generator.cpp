#include "wick/core/generator.h"

#include <random>

namespace wick {

GeneratorImpl::GeneratorImpl(uint64_t seed) { set_seed(seed); }

void GeneratorImpl::set_seed(uint64_t seed) {
  seed_ = seed;
  // Knuth's initialisation, as std::mt19937::seed.
  state_[0] = static_cast<uint32_t>(seed & 0xffffffffULL);
  for (int i = 1; i < kStateSize; ++i)
    state_[i] = 1812433253u * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<uint32_t>(i);
  index_ = kStateSize;
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
  index_ = 0;
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

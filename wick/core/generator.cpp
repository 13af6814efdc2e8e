#include "wick/core/generator.h"

namespace wick {

GeneratorImpl::GeneratorImpl(uint64_t seed) { set_seed(seed); }

void GeneratorImpl::set_seed(uint64_t seed) {
  seed_ = seed;
  engine_.seed(static_cast<uint32_t>(seed & 0xffffffffULL));
  next_double_normal.reset();
  next_float_normal.reset();
}

uint64_t GeneratorImpl::random64() {
  uint64_t hi = random();
  uint64_t lo = random();
  return (hi << 32) | lo;
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

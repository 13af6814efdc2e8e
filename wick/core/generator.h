#pragma once
// Generator: a seeded pseudo-random stream (Mersenne Twister, like PyTorch's
// CPU generator). A default generator serves ops called without one.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

namespace wick {

class GeneratorImpl {
 public:
  explicit GeneratorImpl(uint64_t seed);
  void set_seed(uint64_t seed);
  uint64_t seed() const { return seed_; }
  // 32 random bits.
  uint32_t random() { return engine_(); }
  // 64 random bits from two draws.
  uint64_t random64();
  // Box-Muller caches its second normal sample, as PyTorch's does.
  std::optional<double> next_double_normal;
  std::optional<float> next_float_normal;
  // Ops lock this while they draw, so concurrent callers see whole sequences.
  std::mutex mutex;

 private:
  std::mt19937 engine_;
  uint64_t seed_;
};

class Generator {
 public:
  Generator();  // a fresh generator seeded with the default seed
  explicit Generator(std::shared_ptr<GeneratorImpl> impl) : impl_(std::move(impl)) {}
  Generator& manual_seed(uint64_t seed);
  uint64_t initial_seed() const { return impl_->seed(); }
  // Re-seeds from a non-deterministic source and returns the seed.
  uint64_t seed();
  GeneratorImpl* impl() const { return impl_.get(); }
  bool defined() const { return impl_ != nullptr; }

 private:
  std::shared_ptr<GeneratorImpl> impl_;
};

constexpr uint64_t kDefaultSeed = 67280421310721ULL;

Generator& default_generator();
// Seeds the default generator (torch.manual_seed).
void manual_seed(uint64_t seed);
// The default generator's seed (torch.initial_seed).
uint64_t initial_seed();
// Re-seeds the default generator non-deterministically and returns the seed (torch.seed).
uint64_t seed();
// The generator an op should draw from: `gen` when given, else the default.
GeneratorImpl* get_generator_or_default(const std::optional<Generator>& gen);

}  // namespace wick

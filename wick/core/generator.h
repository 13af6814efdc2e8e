#pragma once
// Generator: a seeded pseudo-random stream (Mersenne Twister, like PyTorch's
// CPU generator). A default generator serves ops called without one.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

namespace wick {

class GeneratorImpl {
 public:
  explicit GeneratorImpl(uint64_t seed);
  void set_seed(uint64_t seed);
  uint64_t seed() const { return seed_; }
  // 32 random bits: the next output of the standard 32-bit Mersenne Twister
  // (std::mt19937 seeded with the low 32 bits of the seed).
  uint32_t random() {
    if (index_ >= kStateSize) twist();
    uint32_t y = state_[index_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }
  // 64 random bits from two draws, the first giving the high half.
  uint64_t random64() {
    const uint64_t hi = random();
    return (hi << 32) | random();
  }
  // Box-Muller caches its second normal sample, as PyTorch's does.
  std::optional<double> next_double_normal;
  std::optional<float> next_float_normal;
  // Ops lock this while they draw, so concurrent callers see whole sequences.
  std::mutex mutex;

 private:
  static constexpr int kStateSize = 624;
  // Refills the state with the next 624 untempered words.
  void twist();
  uint32_t state_[kStateSize];
  int index_ = kStateSize;
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

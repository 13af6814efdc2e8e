#pragma once
// Generator: a seeded pseudo-random stream (Mersenne Twister, like PyTorch's
// CPU generator). A default generator serves ops called without one.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

namespace wick {

class Tensor;

class GeneratorImpl {
 public:
  explicit GeneratorImpl(uint64_t seed);
  void set_seed(uint64_t seed);
  uint64_t seed() const { return seed_; }
  // 32 random bits: the next output of the standard 32-bit Mersenne Twister
  // (std::mt19937 seeded with the low 32 bits of the seed).
  uint32_t random() {
    if (--left_ == 0) twist();
    uint32_t y = state_[next_++];
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

  // The state as PyTorch's CPU generator serialises it (torch.get_rng_state()):
  // seed, the Mersenne Twister words and position, and the cached normals.
  static constexpr size_t kStateBytes = 5056;
  static constexpr size_t kLegacyStateBytes = 5048;  // without the float normal cache
  void get_state(uint8_t* out) const;
  // Accepts kStateBytes or kLegacyStateBytes; raises on a malformed state.
  void set_state(const uint8_t* data, size_t size);

 private:
  static constexpr int kStateSize = 624;
  // Refills the state with the next 624 untempered words.
  void twist();
  uint32_t state_[kStateSize];
  // Draws left before the next twist, plus one, and the next word to temper;
  // kept in PyTorch's form so get_state/set_state round-trip its bytes.
  int left_ = 1;
  int next_ = 0;
  uint64_t seed_;
};

class Generator {
 public:
  Generator();  // a fresh generator seeded with the default seed
  explicit Generator(std::shared_ptr<GeneratorImpl> impl) : impl_(std::move(impl)) {}
  Generator& manual_seed(uint64_t seed);
  uint64_t initial_seed() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->seed();
  }
  // Re-seeds from a non-deterministic source and returns the seed.
  uint64_t seed();
  // The state as a uint8 tensor of 5056 bytes, byte-compatible with
  // torch.Generator.get_state(); set_state takes one back (ops/random.cpp).
  Tensor get_state() const;
  Generator& set_state(const Tensor& state);
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

#include <gtest/gtest.h>

#include <cstring>
#include <thread>
#include <vector>

#include "test_utils.h"
#include "wick/ops/random.h"

using namespace wick;

TEST(Generator, FreshGeneratorUsesDefaultSeed) {
  Generator g;
  EXPECT_EQ(g.initial_seed(), 67280421310721ULL);  // torch.Generator().initial_seed()
  EXPECT_TRUE(g.defined());
}

TEST(Generator, ManualSeedIsRecordedWhole) {
  Generator g;
  g.manual_seed((uint64_t{1} << 40) + 5);
  EXPECT_EQ(g.initial_seed(), (uint64_t{1} << 40) + 5);
  manual_seed(static_cast<uint64_t>(-1));
  EXPECT_EQ(initial_seed(), 18446744073709551615ULL);  // torch.manual_seed(-1)
}

TEST(Generator, RawDrawsMatchMersenneTwister) {
  // torch.manual_seed(0); torch.randint(0, 2**31, (4,)) == first draws % 2^31.
  Generator g;
  g.manual_seed(0);
  EXPECT_EQ(g.impl()->random(), 2357136044u);
  EXPECT_EQ(g.impl()->random(), 2546248239u);
  // A 64-bit draw puts the first 32-bit draw in the high half.
  EXPECT_EQ(g.impl()->random64(), (uint64_t{3071714933u} << 32) | 3626093760u);
}

TEST(Generator, ExplicitGeneratorMatchesDefaultStream) {
  Generator g;
  g.manual_seed(5);
  Tensor a = rand({4}, g);
  manual_seed(5);
  Tensor b = rand({4});
  EXPECT_TENSOR_EQ(a, b);
  // torch.Generator().manual_seed(5); torch.rand(2, generator=g)
  EXPECT_EQ(test::values(a)[0], 0.8302518725395203);
  EXPECT_EQ(test::values(a)[1], 0.12611091136932373);
}

TEST(Generator, ExplicitGeneratorLeavesDefaultAlone) {
  manual_seed(3);
  Tensor expected = rand({3});
  manual_seed(3);
  Generator g;
  g.manual_seed(99);
  rand({10}, g);
  EXPECT_TENSOR_EQ(rand({3}), expected);
}

TEST(Generator, CopiesShareState) {
  Generator g;
  g.manual_seed(1);
  Generator h = g;
  Tensor a = rand({2}, g);
  Tensor b = rand({2}, h);  // continues g's stream
  Generator fresh;
  fresh.manual_seed(1);
  Tensor all = rand({4}, fresh);
  auto v = test::values(all);
  EXPECT_EQ(test::values(a), (std::vector<double>{v[0], v[1]}));
  EXPECT_EQ(test::values(b), (std::vector<double>{v[2], v[3]}));
}

TEST(Generator, ReseedingClearsCachedNormal) {
  // An odd count leaves a cached Box-Muller partner; manual_seed must drop it.
  manual_seed(4);
  Tensor a = randn({3});
  manual_seed(4);
  Tensor b = randn({3});
  EXPECT_TENSOR_EQ(a, b);
}

TEST(Generator, SeedReturnsTheNewSeed) {
  Generator g;
  uint64_t s = g.seed();
  EXPECT_EQ(g.initial_seed(), s);
  Tensor a = rand({3}, g);
  g.manual_seed(s);
  EXPECT_TENSOR_EQ(rand({3}, g), a);
  uint64_t d = seed();
  EXPECT_EQ(initial_seed(), d);
}

TEST(Generator, ConcurrentOpsDrawWholeSequences) {
  // Each op holds the generator's lock, so every tensor drawn by two racing
  // threads is one of the tensors a single thread would draw, in some order.
  constexpr int kCalls = 20;
  constexpr int64_t kSize = 500;
  Generator g;
  g.manual_seed(11);
  std::vector<Tensor> reference;
  for (int i = 0; i < 2 * kCalls; ++i) reference.push_back(rand({kSize}, g));

  g.manual_seed(11);
  std::vector<Tensor> got[2];
  auto work = [&](int k) {
    for (int i = 0; i < kCalls; ++i) got[k].push_back(rand({kSize}, g));
  };
  std::thread t0(work, 0), t1(work, 1);
  t0.join();
  t1.join();
  std::vector<std::vector<double>> ref_vals, got_vals;
  for (auto& t : reference) ref_vals.push_back(test::values(t));
  for (auto& list : got)
    for (auto& t : list) got_vals.push_back(test::values(t));
  std::sort(ref_vals.begin(), ref_vals.end());
  std::sort(got_vals.begin(), got_vals.end());
  EXPECT_EQ(ref_vals, got_vals);
}

namespace {
// sum((i + 1) * byte_i) of a state, computed the same way in Python on torch's bytes.
uint64_t state_checksum(const Tensor& state) {
  const uint8_t* p = state.data_ptr<uint8_t>();
  uint64_t sum = 0;
  for (int64_t i = 0; i < state.numel(); ++i) sum += static_cast<uint64_t>(i + 1) * p[i];
  return sum;
}
}  // namespace

TEST(Generator, StateBytesMatchTorch) {
  manual_seed(0);
  Tensor s = get_rng_state();
  EXPECT_EQ(s.dtype(), kByte);
  EXPECT_EQ(s.numel(), 5056);
  EXPECT_EQ(state_checksum(s), 798001855u);  // torch.manual_seed(0); torch.get_rng_state()
  rand({630});
  EXPECT_EQ(state_checksum(get_rng_state()), 799089163u);
  // A cached double normal is part of the state.
  manual_seed(7);
  rand({5});
  randn({3}, kDouble);
  EXPECT_EQ(state_checksum(get_rng_state()), 809555327u);
}

TEST(Generator, SetStateResumesTheStream) {
  manual_seed(7);
  rand({5});
  randn({3}, kDouble);
  Tensor saved = get_rng_state();
  // torch: the same calls, then torch.rand(3)
  std::vector<double> expected = {0.2063193917274475, 0.4450901746749878, 0.35928595066070557};
  EXPECT_EQ(test::values(rand({3})), expected);
  randn({5});
  set_rng_state(saved);
  EXPECT_EQ(test::values(rand({3})), expected);
  // The cached normal comes back with the state too.
  set_rng_state(saved);
  Tensor a = randn({1}, kDouble);
  set_rng_state(saved);
  EXPECT_TENSOR_EQ(randn({1}, kDouble), a);
  // Explicit generators share the format.
  Generator g;
  g.set_state(saved);
  EXPECT_EQ(test::values(rand({3}, g)), expected);
  set_rng_state(saved);
  rand({3});
  EXPECT_EQ(state_checksum(g.get_state()), state_checksum(get_rng_state()));
}

TEST(Generator, SetStateRejectsMalformedStates) {
  try {
    set_rng_state(zeros({10}, kByte));
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a "
                  "CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10"),
              std::string::npos);
  }
  EXPECT_THROW(set_rng_state(zeros({5056})), TypeError);
  Tensor bad = get_rng_state().clone();
  std::memset(bad.data_ptr<uint8_t>() + 8, 0, 4);  // left = 0
  EXPECT_THROW(set_rng_state(bad), Error);
  bad = get_rng_state().clone();
  bad.data_ptr<uint8_t>()[16] = 200;  // next past what left allows
  bad.data_ptr<uint8_t>()[17] = 2;
  EXPECT_THROW(set_rng_state(bad), Error);
  // A rejected state leaves the generator as it was.
  manual_seed(1);
  Tensor before = get_rng_state();
  EXPECT_THROW(set_rng_state(bad), Error);
  EXPECT_EQ(state_checksum(get_rng_state()), state_checksum(before));
  // The legacy 5048-byte form (no float normal cache) is accepted.
  Tensor legacy = empty({5048}, kByte);
  std::memcpy(legacy.data_ptr(), before.data_ptr(), 5048);
  EXPECT_NO_THROW(set_rng_state(legacy));
}

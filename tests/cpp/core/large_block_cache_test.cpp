// The CPU allocator keeps freed blocks of 1 MiB and more for reuse (Note
// [Large-block cache]): the same rounded size gets the same block back, the
// cache stays under its cap, and empty_cpu_cache gives everything back.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "wick/core/allocator.h"
#include "wick/core/large_block_cache.h"
#include "wick/wick.h"

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCaches = false;  // sanitizer builds keep use-after-free visible
#else
constexpr bool kCaches = true;
#endif

TEST(LargeBlockCache, ReusesAFreedBlockOfTheSameRoundedSize) {
  if (!kCaches) GTEST_SKIP() << "no cache under AddressSanitizer";
  wick::empty_cpu_cache();
  wick::Allocator* a = wick::cpu_allocator();
  const size_t n = (size_t{3} << 20) + 100;
  void* p = a->allocate(n);
  std::memset(p, 1, n);  // the whole block is writable
  a->deallocate(p, n);
  EXPECT_GE(wick::cpu_cached_bytes(), n);
  void* q = a->allocate(n + 1000);  // same 64 KiB-rounded size
  EXPECT_EQ(q, p);
  EXPECT_EQ(wick::cpu_cached_bytes(), 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(q) % wick::kCpuAlignment, 0u);
  void* r = a->allocate(n * 2);  // another size: a new block
  EXPECT_NE(r, q);
  a->deallocate(q, n + 1000);
  a->deallocate(r, n * 2);
  wick::empty_cpu_cache();
  EXPECT_EQ(wick::cpu_cached_bytes(), 0u);
}

TEST(LargeBlockCache, StaysUnderItsCapAndSmallBlocksSkipIt) {
  if (!kCaches) GTEST_SKIP() << "no cache under AddressSanitizer";
  wick::empty_cpu_cache();
  wick::Allocator* a = wick::cpu_allocator();
  std::vector<std::pair<void*, size_t>> blocks;
  for (int i = 0; i < 40; ++i) {  // 40 distinct sizes of 10-20 MiB: more than the cap
    const size_t n = (size_t{10} << 20) + static_cast<size_t>(i) * (size_t{256} << 10);
    blocks.emplace_back(a->allocate(n), n);
  }
  for (auto& [p, n] : blocks) a->deallocate(p, n);
  EXPECT_LE(wick::cpu_cached_bytes(), size_t{256} << 20);
  EXPECT_GT(wick::cpu_cached_bytes(), size_t{200} << 20);
  void* small = a->allocate(4096);
  a->deallocate(small, 4096);
  const size_t before = wick::cpu_cached_bytes();
  void* s2 = a->allocate(100000);
  a->deallocate(s2, 100000);
  EXPECT_EQ(wick::cpu_cached_bytes(), before);
  wick::empty_cpu_cache();
  EXPECT_EQ(wick::cpu_cached_bytes(), 0u);
}

TEST(LargeBlockCache, TensorsReuseBlocksAndKeepTheirValues) {
  wick::Tensor x = wick::arange(300000, wick::kFloat);  // 1.2 MB
  for (int i = 0; i < 3; ++i) {
    wick::Tensor y = x + 1;  // each result reuses the last one's block
    EXPECT_EQ(y[0].item<float>(), 1.0f);
    EXPECT_EQ(y[299999].item<float>(), 300000.0f);
  }
  wick::empty_cpu_cache();
}
}  // namespace

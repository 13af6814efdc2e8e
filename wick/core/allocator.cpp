#include "wick/core/allocator.h"

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "wick/core/error.h"
#include "wick/core/large_block_cache.h"
#include "wick/core/small_alloc.h"

namespace wick {

namespace {

// Note [Small-block cache]
// A one-element op allocates a 64-byte buffer, a TensorImpl and a StorageImpl
// and frees as many, and the C heap's calls (aligned_alloc's memalign split
// above all) cost more than the op itself. Freed blocks of up to 512 bytes are
// kept on per-thread free lists, one per size class, and handed out again:
// tensor data in 64-byte classes from aligned_alloc, small objects
// (small_alloc.h) in 32-byte classes from malloc. A thread keeps at most
// kCachePerClass blocks per class (under 80 KB in all); they go back to the C
// heap when the thread exits. A block freed on another thread than the one
// that made it joins that thread's lists, which is fine: every block of a
// class came from the same C call with the class's size. Sanitizer builds skip
// the caches so that use-after-free stays visible.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUseCache = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUseCache = false;
#else
constexpr bool kUseCache = true;
#endif
#else
constexpr bool kUseCache = true;
#endif

constexpr size_t kCacheMaxBytes = 512;
constexpr int kCachePerClass = 16;
constexpr size_t kObjectGranule = 32;

struct FreeBlock {
  FreeBlock* next;
};

// Free lists for one kind of block. Trivially constructible and destructible,
// so usable at any time in a thread's life.
template <size_t Granule>
struct FreeLists {
  static constexpr int kClasses = kCacheMaxBytes / Granule;
  FreeBlock* head[kClasses];
  uint8_t count[kClasses];

  static int cls(size_t nbytes) { return static_cast<int>((nbytes + Granule - 1) / Granule) - 1; }
  void* pop(int c) {
    FreeBlock* b = head[c];
    if (b) {
      head[c] = b->next;
      --count[c];
    }
    return b;
  }
  bool push(int c, void* p) {
    if (count[c] >= kCachePerClass) return false;
    FreeBlock* b = static_cast<FreeBlock*>(p);
    b->next = head[c];
    head[c] = b;
    ++count[c];
    return true;
  }
  void flush() {
    for (int c = 0; c < kClasses; ++c) {
      while (void* p = pop(c)) std::free(p);
    }
  }
};

struct BlockCache {
  FreeLists<kCpuAlignment> data;
  FreeLists<kObjectGranule> objects;
  uint8_t state;  // 0: not yet used, 1: in use, 2: flushed at thread exit (bypass)
};
thread_local BlockCache tls_cache;

struct CacheFlusher {
  ~CacheFlusher() {
    tls_cache.data.flush();
    tls_cache.objects.flush();
    tls_cache.state = 2;
  }
};

// The cache to free into, or null after this thread's flush. The first use on
// a thread arranges for the flush at thread exit.
BlockCache* cache_for_free() {
  BlockCache& c = tls_cache;
  if (__builtin_expect(c.state == 1, 1)) return &c;
  if (c.state == 2) return nullptr;
  thread_local CacheFlusher flusher;
  (void)flusher;
  c.state = 1;
  return &c;
}

size_t round_up(size_t nbytes, size_t granule) { return (nbytes + granule - 1) / granule * granule; }

// Note [Large-block cache]
// The C heap hands blocks of a megabyte and more straight back to the kernel
// on free (munmap), and the next one comes back as fresh pages that fault and
// are zeroed on first touch: for an add of 1e7 floats that is most of the time
// (PyTorch pays it too). Freed blocks of at least kLargeMin bytes are kept,
// by their size rounded to kLargeGranule, and reused for a request of the same
// rounded size; at most kLargeCap bytes in all, the oldest given back first,
// so a training loop that allocates the same shapes every step stops faulting
// while memory stays bounded. One mutex: large allocations are rare next to
// the work done on them.
constexpr size_t kLargeMin = size_t{1} << 20;
constexpr size_t kLargeGranule = size_t{64} << 10;
constexpr size_t kLargeCap = size_t{256} << 20;

struct LargeCache {
  std::mutex mu;
  std::vector<std::pair<size_t, void*>> blocks;  // oldest first
  size_t bytes = 0;

  void* take(size_t rounded) {
    std::lock_guard<std::mutex> g(mu);
    for (size_t i = blocks.size(); i-- > 0;) {
      if (blocks[i].first == rounded) {
        void* p = blocks[i].second;
        blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i));
        bytes -= rounded;
        return p;
      }
    }
    return nullptr;
  }
  void put(size_t rounded, void* p) {
    std::vector<void*> evicted;
    {
      std::lock_guard<std::mutex> g(mu);
      size_t drop = 0;
      while (drop < blocks.size() && bytes + rounded > kLargeCap) {
        bytes -= blocks[drop].first;
        evicted.push_back(blocks[drop].second);
        ++drop;
      }
      blocks.erase(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(drop));
      blocks.emplace_back(rounded, p);
      bytes += rounded;
    }
    for (void* q : evicted) std::free(q);
  }
  void clear() {
    std::vector<std::pair<size_t, void*>> all;
    {
      std::lock_guard<std::mutex> g(mu);
      all.swap(blocks);
      bytes = 0;
    }
    for (auto& b : all) std::free(b.second);
  }
};

// Never destroyed: tensors may be freed during static destruction.
LargeCache& large_cache() {
  static LargeCache* cache = new LargeCache();
  return *cache;
}

class CpuAllocator final : public Allocator {
 public:
  void* allocate(size_t nbytes) override {
    if (nbytes == 0) return nullptr;
    if (kUseCache && nbytes <= kCacheMaxBytes) {
      if (void* p = tls_cache.data.pop(tls_cache.data.cls(nbytes))) return p;
    }
    const bool large = kUseCache && nbytes >= kLargeMin;
    const size_t rounded = round_up(nbytes, large ? kLargeGranule : kCpuAlignment);
    if (large && rounded <= kLargeCap) {
      if (void* p = large_cache().take(rounded)) return p;
    }
    void* p = std::aligned_alloc(kCpuAlignment, rounded);
    if (p == nullptr && large) {  // cached blocks may be what the heap is missing
      empty_cpu_cache();
      p = std::aligned_alloc(kCpuAlignment, rounded);
    }
    WICK_CHECK(p != nullptr, "[enforce fail at alloc_cpu.cpp] . DefaultCPUAllocator: not enough "
               "memory: you tried to allocate ", nbytes, " bytes.");
    return p;
  }
  void deallocate(void* ptr, size_t nbytes) override {
    if (ptr == nullptr) return;
    if (kUseCache && nbytes > 0 && nbytes <= kCacheMaxBytes) {
      BlockCache* c = cache_for_free();
      if (c && c->data.push(c->data.cls(nbytes), ptr)) return;
    }
    if (kUseCache && nbytes >= kLargeMin) {
      const size_t rounded = round_up(nbytes, kLargeGranule);
      if (rounded <= kLargeCap) {
        large_cache().put(rounded, ptr);
        return;
      }
    }
    std::free(ptr);
  }
};
}  // namespace

void* small_object_allocate(size_t nbytes) {
  if (kUseCache && nbytes > 0 && nbytes <= kCacheMaxBytes) {
    if (void* p = tls_cache.objects.pop(tls_cache.objects.cls(nbytes))) return p;
  }
  void* p = std::malloc(round_up(nbytes == 0 ? 1 : nbytes, kObjectGranule));
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void small_object_deallocate(void* p, size_t nbytes) noexcept {
  if (p == nullptr) return;
  if (kUseCache && nbytes > 0 && nbytes <= kCacheMaxBytes) {
    BlockCache* c = cache_for_free();
    if (c && c->objects.push(c->objects.cls(nbytes), p)) return;
  }
  std::free(p);
}

size_t cpu_cached_bytes() {
  LargeCache& c = large_cache();
  std::lock_guard<std::mutex> g(c.mu);
  return c.bytes;
}

void empty_cpu_cache() { large_cache().clear(); }

Allocator* cpu_allocator() {
  static CpuAllocator alloc;
  return &alloc;
}

Allocator* get_allocator(const Device& device) {
  check_device_usable(device);
  return cpu_allocator();
}

}  // namespace wick

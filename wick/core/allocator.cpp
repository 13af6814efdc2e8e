#include "wick/core/allocator.h"

#include <cstdlib>
#include <new>

#include "wick/core/error.h"

namespace wick {

namespace {
class CpuAllocator final : public Allocator {
 public:
  void* allocate(size_t nbytes) override {
    if (nbytes == 0) return nullptr;
    size_t rounded = (nbytes + kCpuAlignment - 1) / kCpuAlignment * kCpuAlignment;
    void* p = std::aligned_alloc(kCpuAlignment, rounded);
    WICK_CHECK(p != nullptr, "[enforce fail at alloc_cpu.cpp] . DefaultCPUAllocator: not enough "
               "memory: you tried to allocate ", nbytes, " bytes.");
    return p;
  }
  void deallocate(void* ptr, size_t) override { std::free(ptr); }
};
}  // namespace

Allocator* cpu_allocator() {
  static CpuAllocator alloc;
  return &alloc;
}

Allocator* get_allocator(const Device& device) {
  check_device_usable(device);
  return cpu_allocator();
}

}  // namespace wick

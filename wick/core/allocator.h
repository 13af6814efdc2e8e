#pragma once
// Allocator: hands out raw device memory. CPU memory is 64-byte aligned so
// vector loops can use aligned loads on contiguous tensors.
#include <cstddef>

#include "wick/core/device.h"

namespace wick {

class Allocator {
 public:
  virtual ~Allocator() = default;
  virtual void* allocate(size_t nbytes) = 0;
  virtual void deallocate(void* ptr, size_t nbytes) = 0;
};

constexpr size_t kCpuAlignment = 64;

Allocator* cpu_allocator();
Allocator* get_allocator(const Device& device);

}  // namespace wick

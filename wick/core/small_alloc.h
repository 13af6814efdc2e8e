#pragma once
// Thread-cached memory for the small objects every new tensor needs (its
// TensorImpl, its StorageImpl and their shared_ptr control blocks), see Note
// [Small-block cache] in allocator.cpp. Use SmallObjectAllocator<T> with
// std::allocate_shared. Include only from .cpp files.
#include <cstddef>

namespace wick {

void* small_object_allocate(size_t nbytes);
void small_object_deallocate(void* p, size_t nbytes) noexcept;

template <typename T>
struct SmallObjectAllocator {
  using value_type = T;
  SmallObjectAllocator() = default;
  template <typename U>
  SmallObjectAllocator(const SmallObjectAllocator<U>&) noexcept {}  // NOLINT: rebinding
  T* allocate(size_t n) { return static_cast<T*>(small_object_allocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { small_object_deallocate(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const SmallObjectAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const SmallObjectAllocator<U>&) const noexcept {
    return false;
  }
};

}  // namespace wick

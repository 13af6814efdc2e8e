#pragma once
// Storage: a ref-counted buffer of bytes on one device. Every view of a tensor
// holds the same Storage; it frees its memory when the last holder is gone.
#include <cstddef>
#include <functional>
#include <memory>

#include "wick/core/allocator.h"
#include "wick/core/device.h"

namespace wick {

class StorageImpl {
 public:
  using Deleter = std::function<void(void*)>;

  // Allocates nbytes from the device's allocator.
  StorageImpl(size_t nbytes, Device device);
  // Wraps memory owned elsewhere; `deleter` (may be empty) runs on release.
  StorageImpl(void* data, size_t nbytes, Device device, Deleter deleter);
  ~StorageImpl();
  StorageImpl(const StorageImpl&) = delete;
  StorageImpl& operator=(const StorageImpl&) = delete;

  void* data() const { return data_; }
  size_t nbytes() const { return nbytes_; }
  const Device& device() const { return device_; }
  bool resizable() const { return allocator_ != nullptr; }
  // Grows (never shrinks) the buffer, keeping its contents; used by resize_.
  void grow(size_t nbytes);

 private:
  void* data_ = nullptr;
  size_t nbytes_ = 0;
  Device device_;
  Allocator* allocator_ = nullptr;  // null for external memory
  Deleter deleter_;
};

using Storage = std::shared_ptr<StorageImpl>;

}  // namespace wick

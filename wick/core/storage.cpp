#include "wick/core/storage.h"

#include <cstring>

#include "wick/core/error.h"

namespace wick {

StorageImpl::StorageImpl(size_t nbytes, Device device)
    : nbytes_(nbytes), device_(device), allocator_(get_allocator(device)) {
  data_ = allocator_->allocate(nbytes);
}

StorageImpl::StorageImpl(void* data, size_t nbytes, Device device, Deleter deleter)
    : data_(data), nbytes_(nbytes), device_(device), deleter_(std::move(deleter)) {}

StorageImpl::~StorageImpl() {
  if (allocator_) {
    allocator_->deallocate(data_, nbytes_);
  } else if (deleter_) {
    deleter_(data_);
  }
}

void StorageImpl::grow(size_t nbytes) {
  if (nbytes <= nbytes_) return;
  WICK_CHECK(allocator_ != nullptr,
             "Trying to resize storage that is not resizable");
  void* fresh = allocator_->allocate(nbytes);
  if (nbytes_ > 0) std::memcpy(fresh, data_, nbytes_);
  allocator_->deallocate(data_, nbytes_);
  data_ = fresh;
  nbytes_ = nbytes;
}

}  // namespace wick

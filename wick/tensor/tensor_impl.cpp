#include "wick/tensor/tensor_impl.h"

#include "wick/core/error.h"
#include "wick/core/small_alloc.h"

namespace wick {

DimVector contiguous_strides(IntArrayRef sizes) {
  DimVector strides(sizes.size());
  int64_t s = 1;
  for (int64_t i = static_cast<int64_t>(sizes.size()) - 1; i >= 0; --i) {
    strides[i] = s;
    s *= sizes[i] > 1 ? sizes[i] : 1;
  }
  return strides;
}

bool compute_contiguous(IntArrayRef sizes, IntArrayRef strides) {
  int64_t expected = 1;
  for (int64_t i = static_cast<int64_t>(sizes.size()) - 1; i >= 0; --i) {
    if (sizes[i] == 0) return true;
    if (sizes[i] != 1) {
      if (strides[i] != expected) return false;
      expected *= sizes[i];
    }
  }
  return true;
}

namespace {
// Note [Small-block cache]: one counter per new tensor, from the thread cache.
std::shared_ptr<VersionCounter> new_version_counter() {
  return std::allocate_shared<VersionCounter>(SmallObjectAllocator<VersionCounter>());
}
}  // namespace

TensorImpl::TensorImpl(Storage storage, ScalarType dtype, IntArrayRef sizes, IntArrayRef strides,
                       int64_t storage_offset)
    : storage_(std::move(storage)),
      sizes_(sizes.begin(), sizes.end()),
      strides_(strides.begin(), strides.end()),
      storage_offset_(storage_offset),
      dtype_(dtype),
      version_(new_version_counter()) {
  WICK_INTERNAL_ASSERT(sizes.size() == strides.size());
  refresh();
}

TensorImpl::TensorImpl(Storage storage, ScalarType dtype, IntArrayRef sizes)
    : storage_(std::move(storage)),
      sizes_(sizes.begin(), sizes.end()),
      strides_(contiguous_strides(sizes)),
      dtype_(dtype),
      version_(new_version_counter()) {
  refresh();
}

TensorImpl::~TensorImpl() = default;

void TensorImpl::refresh() {
  numel_ = multiply_integers(sizes_);
  is_contiguous_ = compute_contiguous(sizes_, strides_);
}

void TensorImpl::set_sizes_and_strides(IntArrayRef sizes, IntArrayRef strides) {
  WICK_INTERNAL_ASSERT(sizes.size() == strides.size());
  sizes_.assign(sizes.begin(), sizes.end());
  strides_.assign(strides.begin(), strides.end());
  refresh();
}

void TensorImpl::set_sizes_contiguous(IntArrayRef sizes) {
  sizes_.assign(sizes.begin(), sizes.end());
  strides_ = contiguous_strides(sizes);
  refresh();
}

}  // namespace wick

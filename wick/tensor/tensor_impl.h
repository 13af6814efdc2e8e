#pragma once
// TensorImpl: the state behind a Tensor handle. A strided view (sizes,
// strides, offset) of a Storage with a dtype, plus the slots that autograd and
// the Python binding attach to.
#include <atomic>
#include <cstdint>
#include <memory>

#include "wick/core/array_ref.h"
#include "wick/core/dtype.h"
#include "wick/core/storage.h"

namespace wick {

// Note [Version counter]
// Every in-place write to a tensor bumps the counter shared by the tensor and
// all its views (and detach()'s result). Autograd's SavedVariable records the
// value it saw and refuses to run backward if it moved. variable_data() and
// `.data` get a fresh counter on purpose: their writes are not tracked.
struct VersionCounter {
  std::atomic<uint32_t> version{0};
};

// Autograd attaches its per-tensor state (requires_grad, grad, grad_fn, hooks)
// through this interface; the tensor layer never looks inside.
struct AutogradMetaInterface {
  virtual ~AutogradMetaInterface() = default;
};

class TensorImpl {
 public:
  TensorImpl(Storage storage, ScalarType dtype, IntArrayRef sizes, IntArrayRef strides,
             int64_t storage_offset);
  // A contiguous tensor over `storage`.
  TensorImpl(Storage storage, ScalarType dtype, IntArrayRef sizes);
  ~TensorImpl();
  TensorImpl(const TensorImpl&) = delete;
  TensorImpl& operator=(const TensorImpl&) = delete;

  IntArrayRef sizes() const { return sizes_; }
  IntArrayRef strides() const { return strides_; }
  int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
  int64_t numel() const { return numel_; }
  int64_t storage_offset() const { return storage_offset_; }
  ScalarType dtype() const { return dtype_; }
  int64_t itemsize() const { return element_size(dtype_); }
  bool is_contiguous() const { return is_contiguous_; }
  const Storage& storage() const { return storage_; }
  const Device& device() const { return storage_->device(); }
  // Pointer to element [0, ..., 0].
  void* data() const {
    return static_cast<char*>(storage_->data()) + storage_offset_ * itemsize();
  }

  // Changes the view; recomputes the cached numel and contiguity.
  void set_sizes_and_strides(IntArrayRef sizes, IntArrayRef strides);
  void set_sizes_contiguous(IntArrayRef sizes);
  void set_storage_offset(int64_t off) { storage_offset_ = off; }
  void set_storage(Storage s) { storage_ = std::move(s); }
  void set_dtype(ScalarType t) { dtype_ = t; }

  // Note [Version counter]
  const std::shared_ptr<VersionCounter>& version_counter() const { return version_; }
  void set_version_counter(std::shared_ptr<VersionCounter> vc) { version_ = std::move(vc); }
  uint32_t version() const { return version_->version.load(std::memory_order_relaxed); }
  void bump_version() { version_->version.fetch_add(1, std::memory_order_relaxed); }

  AutogradMetaInterface* autograd_meta() const { return autograd_meta_.get(); }
  void set_autograd_meta(std::unique_ptr<AutogradMetaInterface> m) {
    autograd_meta_ = std::move(m);
  }

  // A 0-dim tensor made from a Python/C++ number: it ranks lowest in type promotion.
  bool is_wrapped_number() const { return is_wrapped_number_; }
  void set_wrapped_number(bool w) { is_wrapped_number_ = w; }

  // The Python object wrapping this tensor, owned by the binding layer.
  void* pyobj() const { return pyobj_; }
  void set_pyobj(void* p) { pyobj_ = p; }

 private:
  void refresh();

  Storage storage_;
  DimVector sizes_;
  DimVector strides_;
  int64_t storage_offset_ = 0;
  int64_t numel_ = 1;
  ScalarType dtype_;
  bool is_contiguous_ = true;
  bool is_wrapped_number_ = false;
  std::shared_ptr<VersionCounter> version_;
  std::unique_ptr<AutogradMetaInterface> autograd_meta_;
  void* pyobj_ = nullptr;
};

// Strides of a C-contiguous tensor of `sizes`.
DimVector contiguous_strides(IntArrayRef sizes);
// Whether (sizes, strides) address memory in C order with no gaps.
bool compute_contiguous(IntArrayRef sizes, IntArrayRef strides);

}  // namespace wick

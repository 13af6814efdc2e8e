#include "wick/tensor/tensor.h"

#include "wick/core/dispatch.h"
#include "wick/core/small_alloc.h"

namespace wick {

TensorImpl* Tensor::impl_checked() const {
  WICK_CHECK(impl_ != nullptr,
             "Expected a proper Tensor but got None (or an undefined Tensor in C++)");
  return impl_.get();
}

int64_t Tensor::size(int64_t dim) const {
  dim = maybe_wrap_dim(dim, this->dim(), /*wrap_scalar=*/false);
  return sizes()[dim];
}

int64_t Tensor::stride(int64_t dim) const {
  dim = maybe_wrap_dim(dim, this->dim(), /*wrap_scalar=*/false);
  return strides()[dim];
}

Scalar Tensor::item() const {
  WICK_CHECK(numel() == 1, "a Tensor with ", numel(),
             " elements cannot be converted to Scalar");
  check_device_usable(device());
  return WICK_DISPATCH_ALL_TYPES_AND_BOOL(dtype(), "item", [&]() -> Scalar {
    scalar_t v = *static_cast<const scalar_t*>(data_ptr());
    if constexpr (std::is_same_v<scalar_t, Half> || std::is_same_v<scalar_t, BFloat16>) {
      return Scalar(static_cast<double>(static_cast<float>(v)));
    } else {
      return Scalar(v);
    }
  });
}

std::string Tensor::toString() const {
  if (!defined()) return "UndefinedType";
  return str(is_cuda() ? "CUDA" : "CPU", to_string(dtype()), "Type");
}

namespace {
ViewHook view_hook = nullptr;
}  // namespace

void set_view_hook(ViewHook hook) { view_hook = hook; }

Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                 int64_t storage_offset) {
  auto* src = base.unsafeGetTensorImpl();
  WICK_CHECK(src != nullptr, "view of an undefined tensor");
  auto out = std::allocate_shared<TensorImpl>(SmallObjectAllocator<TensorImpl>(), src->storage(),
                                              src->dtype(), sizes, strides, storage_offset);
  out->set_version_counter(src->version_counter());  // Note [Version counter]
  Tensor view(std::move(out));
  if (view_hook != nullptr) view_hook(base, view);
  return view;
}

Tensor Tensor::detach() const {
  auto* src = impl();
  auto out = std::allocate_shared<TensorImpl>(SmallObjectAllocator<TensorImpl>(), src->storage(),
                                              src->dtype(), src->sizes(), src->strides(),
                                              src->storage_offset());
  // Note [Version counter]: detach() shares the counter, so in-place writes
  // through the detached tensor are still seen by autograd.
  out->set_version_counter(src->version_counter());
  return Tensor(std::move(out));
}

Tensor& Tensor::resize_(IntArrayRef sizes) {
  auto* t = impl();
  for (auto s : sizes) WICK_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s,
                                  ": ", sizes);
  // As in PyTorch, even under no_grad and to the same sizes: a new geometry
  // would not match the tensor's autograd history.
  WICK_CHECK(!requires_grad(), "cannot resize variables that require grad");
  if (t->sizes().equals(sizes) && t->is_contiguous()) return *this;
  t->set_sizes_contiguous(sizes);
  size_t needed = static_cast<size_t>((t->storage_offset() + t->numel()) * t->itemsize());
  if (t->numel() > 0 && needed > t->storage()->nbytes()) t->storage()->grow(needed);
  return *this;
}

Tensor& Tensor::resize_as_(const Tensor& other) { return resize_(other.sizes()); }

Tensor& Tensor::set_(const Tensor& source) {
  auto* t = impl();
  auto* s = source.impl();
  t->set_storage(s->storage());
  t->set_dtype(s->dtype());
  t->set_sizes_and_strides(s->sizes(), s->strides());
  t->set_storage_offset(s->storage_offset());
  return *this;
}

Tensor& Tensor::set_(const Storage& storage, int64_t storage_offset, IntArrayRef sizes,
                     IntArrayRef strides) {
  auto* t = impl();
  t->set_storage(storage);
  DimVector st = strides.empty() ? contiguous_strides(sizes) : DimVector(strides.begin(), strides.end());
  WICK_CHECK(st.size() == sizes.size(), "set_: sizes and strides differ in length");
  t->set_sizes_and_strides(sizes, st);
  t->set_storage_offset(storage_offset);
  return *this;
}

}  // namespace wick

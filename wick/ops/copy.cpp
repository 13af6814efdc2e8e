#include "wick/ops/copy.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "wick/autograd/formula.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/kernels/cpu/loops.h"
#include "wick/ops/creation.h"

namespace wick {

namespace {

template <typename To, typename From>
inline To convert(From v) {
  if constexpr (std::is_same_v<To, bool>) {
    return static_cast<opmath_t<From>>(v) != 0;
  } else if constexpr (std::is_same_v<From, Half> || std::is_same_v<From, BFloat16>) {
    return static_cast<To>(static_cast<float>(v));
  } else if constexpr (std::is_same_v<To, Half> || std::is_same_v<To, BFloat16>) {
    return To(static_cast<float>(v));
  } else {
    return static_cast<To>(v);
  }
}

// Whether the elements of t fill a block of memory exactly, in some dim order.
bool is_non_overlapping_and_dense(const Tensor& t) {
  if (t.is_contiguous()) return true;
  const int64_t nd = t.dim();
  std::vector<int64_t> perm(nd);
  std::iota(perm.begin(), perm.end(), 0);
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (t.size(a) < 2) return false;
    if (t.size(b) < 2) return true;
    return t.stride(a) < t.stride(b);
  });
  int64_t expected = 1;
  for (int64_t d : perm) {
    if (t.size(d) == 1) continue;
    if (t.stride(d) != expected) return false;
    expected *= t.size(d);
  }
  return true;
}

// A new uninitialised tensor like `self`, keeping its strides when they are dense.
Tensor empty_preserving_layout(const Tensor& self, const TensorOptions& opts) {
  if (is_non_overlapping_and_dense(self)) {
    return empty_strided(self.sizes(), self.strides(), opts);
  }
  return empty(self.sizes(), opts);
}

// Copies src into self (broadcasting, casting) without recording history.
void copy_data(const Tensor& self, const Tensor& src) {
  if (self.is_same(src)) return;
  // Same dtype, both dense and contiguous: a parallel memcpy.
  if (self.dtype() == src.dtype() && self.is_contiguous() && src.is_contiguous() &&
      self.sizes().equals(src.sizes())) {
    check_device_usable(self.device());
    check_device_usable(src.device());
    self.bump_version();
    char* dst = static_cast<char*>(self.data_ptr());
    const char* s = static_cast<const char*>(src.data_ptr());
    const int64_t isz = self.element_size();
    parallel_for(0, self.numel(), kGrainSize * 4, [&](int64_t b, int64_t e) {
      std::memcpy(dst + b * isz, s + b * isz, (e - b) * isz);
    });
    return;
  }
  // Broadcasting src into self's shape is the iterator's job, but an output
  // never resizes here: src must broadcast *to* self.
  auto iter = TensorIteratorConfig()
                  .name("copy_")
                  .add_output(self)
                  .add_input(src)
                  .resize_outputs(false)
                  .promote_inputs_to_common_dtype(false)
                  .cast_common_dtype_to_outputs(false)
                  .build();
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "copy_", [&] {
    using dst_t = scalar_t;
    WICK_DISPATCH_ALL_TYPES_AND_BOOL(src.dtype(), "copy_", [&] {
      using src_t = scalar_t;
      kernels::cpu_kernel(iter, [](src_t v) -> dst_t { return convert<dst_t, src_t>(v); });
    });
  });
}

using autograd::FormulaNode;
using autograd::variable_list;

// The old contents of self are overwritten: they get no gradient. src gets
// the gradient summed over the broadcast and cast back to its dtype.
variable_list copy_backward(FormulaNode& n, const variable_list& g) {
  return {n.needs(0) ? zeros_like(g[0]) : Tensor(), n.needs(1) ? g[0] : Tensor()};
}
// clone, contiguous and dtype/device conversions: the gradient passes through
// (the engine casts it back to the input's dtype).
variable_list identity_backward(FormulaNode& n, const variable_list& g) { return {g[0]}; }

}  // namespace

Tensor& copy_(Tensor& self, const Tensor& src, bool /*non_blocking*/) {
  WICK_CHECK(self.defined() && src.defined(), "copy_: undefined tensor");
  if (self.is_same(src)) return self;
  autograd::impl::check_inplace(self);
  copy_data(self, src);
  if (self.is_floating_point() && autograd::compute_requires_grad(self, src))
    autograd::record("CopyBackwards", copy_backward, {self, src}, {self});
  return self;
}

Tensor clone(const Tensor& self) {
  Tensor out = empty_preserving_layout(self, self.options());
  copy_data(out, self);
  if (autograd::compute_requires_grad(self))
    autograd::record("CloneBackward0", identity_backward, {self}, {out});
  return out;
}

Tensor contiguous(const Tensor& self) {
  if (self.is_contiguous()) return self;
  Tensor out = empty(self.sizes(), self.options());
  copy_data(out, self);
  if (autograd::compute_requires_grad(self))
    autograd::record("CloneBackward0", identity_backward, {self}, {out});
  return out;
}

Tensor to(const Tensor& self, const TensorOptions& options, bool non_blocking, bool copy) {
  ScalarType dt = options.has_dtype() ? options.dtype() : self.dtype();
  Device dev = options.has_device() ? options.device() : self.device();
  if (!copy && dt == self.dtype() && dev == self.device()) return self;
  Tensor out = empty_preserving_layout(self, TensorOptions(dt).device(dev));
  copy_data(out, self);
  if (is_floating_type(dt) && autograd::compute_requires_grad(self))
    autograd::record("ToCopyBackward0", identity_backward, {self}, {out});
  return out;
}

// ---- Tensor methods ----------------------------------------------------------

Tensor Tensor::to(ScalarType dtype, bool non_blocking, bool copy) const {
  return wick::to(*this, TensorOptions(dtype), non_blocking, copy);
}
Tensor Tensor::to(Device device, ScalarType dtype, bool non_blocking, bool copy) const {
  return wick::to(*this, TensorOptions(dtype).device(device), non_blocking, copy);
}
Tensor Tensor::to(Device device, bool non_blocking, bool copy) const {
  return wick::to(*this, TensorOptions(device), non_blocking, copy);
}
Tensor Tensor::to(const TensorOptions& options, bool non_blocking, bool copy) const {
  return wick::to(*this, options, non_blocking, copy);
}
Tensor Tensor::to(const Tensor& other, bool non_blocking, bool copy) const {
  return wick::to(*this, other.options(), non_blocking, copy);
}
Tensor Tensor::cpu() const { return to(Device(kCPU)); }
Tensor Tensor::cuda() const { return to(Device(kCUDA)); }
Tensor Tensor::type_as(const Tensor& other) const { return to(other.dtype()); }
Tensor Tensor::contiguous() const { return wick::contiguous(*this); }
Tensor Tensor::clone() const { return wick::clone(*this); }
Tensor& Tensor::copy_(const Tensor& src, bool non_blocking) {
  return wick::copy_(*this, src, non_blocking);
}

}  // namespace wick

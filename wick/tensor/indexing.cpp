// TensorIndex parsing: the basic part (integers, slices, None, Ellipsis,
// bools) is applied as views, dim by dim; index tensors are recorded with the
// dim they apply to and handed to wick::index / wick::index_put_ at the end.
#include "wick/tensor/indexing.h"

#include <cstring>

#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/index.h"
#include "wick/ops/shape.h"

namespace wick {

namespace indexing {

Slice::Slice(std::optional<int64_t> start, std::optional<int64_t> stop,
             std::optional<int64_t> step) {
  step_ = step.value_or(1);
  WICK_CHECK_T(ValueError, step_ != 0, "slice step cannot be zero");
  start_ = start ? *start
                 : (step_ < 0 ? std::numeric_limits<int64_t>::max() : int64_t(0));
  stop_ = stop ? *stop
               : (step_ < 0 ? std::numeric_limits<int64_t>::min()
                            : std::numeric_limits<int64_t>::max());
}

std::ostream& operator<<(std::ostream& os, const Slice& s) {
  return os << s.start() << ":" << s.stop() << ":" << s.step();
}

}  // namespace indexing

TensorIndex::TensorIndex(const char* str) : type_(indexing::TensorIndexType::Ellipsis) {
  WICK_CHECK(std::strcmp(str, "...") == 0, "Expected \"...\" to represent an ellipsis index, but got \"",
             str, "\"");
}

std::ostream& operator<<(std::ostream& os, const TensorIndex& i) {
  if (i.is_none()) return os << "None";
  if (i.is_ellipsis()) return os << "...";
  if (i.is_integer()) return os << i.integer();
  if (i.is_boolean()) return os << (i.boolean() ? "true" : "false");
  if (i.is_slice()) return os << i.slice();
  return os << "Tensor(shape=" << i.tensor().sizes() << ")";
}

namespace {

bool is_mask(const Tensor& t) { return t.dtype() == kBool || t.dtype() == kByte; }

// self.select(dim, index) with Python's IndexError wording; real_dim is the
// position of the index in the user's list, which the message names.
Tensor apply_select(const Tensor& self, int64_t dim, int64_t index, int64_t real_dim) {
  WICK_CHECK_T(IndexError, !(index == 0 && dim == 0 && self.dim() == 0),
               "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
               "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  const int64_t size = dim < self.dim() ? self.size(dim) : 0;
  WICK_CHECK_T(IndexError, index < size && index >= -size, "index ", index,
               " is out of bounds for dimension ", real_dim, " with size ", size);
  return select(self, dim, index);
}

Tensor apply_slice(const Tensor& self, int64_t dim, const indexing::Slice& s) {
  WICK_CHECK_T(ValueError, s.step() > 0, "step must be greater than zero");
  return slice(self, dim, s.start(), s.stop(), s.step());
}

// What a Python bool index becomes: a size-1 dim indexed by [0] (true) or [] (false).
Tensor bool_to_index(bool value) {
  return value ? zeros({1}, TensorOptions(kLong)) : empty({0}, TensorOptions(kLong));
}

// The basic part of an index list, applied as views. Index tensors are left in
// `tensors` as ATen's list: one entry per dim of the result (nullopt for the
// dims they skip), a mask entry covering mask.dim() dims.
Tensor apply_slicing(const Tensor& self, ArrayRef<TensorIndex> indices,
                     std::vector<std::optional<Tensor>>& tensors) {
  int64_t specified = 0;
  for (const auto& i : indices) {
    if (i.is_integer() || i.is_slice()) ++specified;
    else if (i.is_tensor()) specified += is_mask(i.tensor()) ? i.tensor().dim() : 1;
  }
  WICK_CHECK_T(IndexError, specified <= self.dim(), "too many indices for tensor of dimension ",
               self.dim());
  std::vector<std::pair<int64_t, Tensor>> recorded;
  Tensor result = self;
  int64_t dim = 0;
  for (size_t n = 0; n < indices.size(); ++n) {
    const TensorIndex& i = indices[n];
    const int64_t real_dim = static_cast<int64_t>(n);
    if (i.is_integer()) {
      result = apply_select(result, dim, i.integer(), real_dim);
    } else if (i.is_slice()) {
      result = apply_slice(result, dim, i.slice());
      ++dim;
    } else if (i.is_ellipsis()) {
      dim += self.dim() - specified;
    } else if (i.is_none()) {
      result = unsqueeze(result, dim);
      ++dim;
    } else if (i.is_boolean()) {
      result = unsqueeze(result, dim);
      recorded.emplace_back(dim, bool_to_index(i.boolean()));
      ++dim;
    } else {
      const Tensor& t = i.tensor();
      if (t.dim() == 0 && is_integral_type(t.dtype(), /*include_bool=*/true)) {
        if (!is_mask(t)) {
          // A 0-dim integer tensor indexes like the integer it holds (a view).
          result = apply_select(result, dim, t.item().toLong(), real_dim);
        } else {
          result = unsqueeze(result, dim);
          recorded.emplace_back(dim, bool_to_index(t.item().toBool()));
          ++dim;
        }
      } else {
        recorded.emplace_back(dim, t);
        dim += is_mask(t) ? t.dim() : 1;
      }
    }
  }
  int64_t cur = 0;
  for (auto& [d, t] : recorded) {
    for (; cur < d; ++cur) tensors.emplace_back(std::nullopt);
    cur += is_mask(t) ? t.dim() : 1;
    tensors.emplace_back(std::move(t));
  }
  return result;
}

// dst <- src as Python assignment does: src broadcast to dst after dropping its
// leading size-1 dims, cast to dst's dtype.
void copy_to(const Tensor& dst, const Tensor& src) {
  Tensor d = dst;
  if (dst.sizes().equals(src.sizes())) {
    copy_(d, src);
    return;
  }
  if (src.dim() == 0) {
    d.fill_(src);
    return;
  }
  IntArrayRef s = src.sizes();
  size_t lead = 0;
  while (lead < s.size() && s[lead] == 1) ++lead;
  Tensor v = view(src, s.slice(lead));
  copy_(d, expand(v, dst.sizes()));
}

}  // namespace

namespace indexing {

Tensor get_item(const Tensor& self, ArrayRef<TensorIndex> indices) {
  if (indices.size() == 1) {
    const TensorIndex& i = indices[0];
    if (i.is_integer()) return apply_select(self, 0, i.integer(), 0);
    if (i.is_slice()) return apply_slice(self, 0, i.slice());
    if (i.is_none()) return unsqueeze(self, 0);
    if (i.is_ellipsis()) return alias(self);
    if (i.is_boolean()) return index(unsqueeze(self, 0), {bool_to_index(i.boolean())});
  }
  std::vector<std::optional<Tensor>> tensors;
  Tensor sliced = apply_slicing(self, indices, tensors);
  if (tensors.empty()) return sliced.is_same(self) ? alias(sliced) : sliced;
  return index(sliced, tensors);
}

void set_item(const Tensor& self, ArrayRef<TensorIndex> indices, const Tensor& value) {
  if (indices.size() == 1) {
    const TensorIndex& i = indices[0];
    if (i.is_boolean() && !i.boolean()) return;  // selects nothing
    if (i.is_ellipsis()) return copy_to(self, value);
    if (i.is_none() || i.is_boolean()) return copy_to(unsqueeze(self, 0), value);
    if (i.is_integer()) return copy_to(apply_select(self, 0, i.integer(), 0), value);
    if (i.is_slice()) return copy_to(apply_slice(self, 0, i.slice()), value);
  }
  std::vector<std::optional<Tensor>> tensors;
  Tensor sliced = apply_slicing(self, indices, tensors);
  if (tensors.empty()) return copy_to(sliced, value);
  IntArrayRef s = value.sizes();
  size_t lead = 0;
  while (lead < s.size() && s[lead] == 1) ++lead;
  Tensor v = lead ? view(value, s.slice(lead)) : value;
  // A single value is cast to self's dtype (Python's x[mask] = tensor(1) works).
  if (v.dim() == 0 && v.dtype() != self.dtype()) v = v.to(self.dtype());
  index_put_(sliced, tensors, v);
}

void set_item(const Tensor& self, ArrayRef<TensorIndex> indices, const Scalar& value) {
  Tensor v = empty({}, self.options());
  fill_(v, value);
  set_item(self, indices, v);
}

}  // namespace indexing

// ---- Tensor methods -------------------------------------------------------------

Tensor Tensor::operator[](int64_t index) const {
  return indexing::get_item(*this, {TensorIndex(index)});
}
Tensor Tensor::operator[](const Tensor& index) const {
  return indexing::get_item(*this, {TensorIndex(index)});
}
Tensor Tensor::index(ArrayRef<TensorIndex> indices) const {
  return indexing::get_item(*this, indices);
}
Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  return indexing::get_item(*this, ArrayRef<TensorIndex>(indices));
}
Tensor& Tensor::index_put_(ArrayRef<TensorIndex> indices, const Tensor& value) {
  indexing::set_item(*this, indices, value);
  return *this;
}
Tensor& Tensor::index_put_(ArrayRef<TensorIndex> indices, const Scalar& value) {
  indexing::set_item(*this, indices, value);
  return *this;
}
Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value) {
  indexing::set_item(*this, ArrayRef<TensorIndex>(indices), value);
  return *this;
}
Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value) {
  indexing::set_item(*this, ArrayRef<TensorIndex>(indices), value);
  return *this;
}

}  // namespace wick

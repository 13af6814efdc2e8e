#include "wick/ops/shape.h"

#include <algorithm>
#include <functional>
#include <numeric>

#include "wick/autograd/formula.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/tensor/tensor_iterator.h"
#include "wick/tensor/print.h"

namespace wick {

namespace {

// "torch.FloatTensor", the type name PyTorch prints in expand()'s message.

// ---- derivatives ----------------------------------------------------------------
// A view's gradient is the incoming gradient moved back to the input's shape:
// reshaped, permuted back, or (for views that pick elements: select, slice,
// diagonal, as_strided, unfold) scattered into zeros laid out like the input.

using autograd::FormulaNode;
using autograd::variable_list;

variable_list reshape_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].reshape(n.sizes(0))};
}
variable_list permute_backward(FormulaNode& n, const variable_list& g) {
  IntArrayRef dims = n.sizes(0);
  DimVector inverse(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) inverse[dims[i]] = static_cast<int64_t>(i);
  return {g[0].permute(inverse)};
}
variable_list transpose_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].transpose(n.int_at(0), n.int_at(1))};
}
// The engine sums the gradient over the expanded dims.
variable_list expand_backward(FormulaNode&, const variable_list& g) { return {g[0]}; }
variable_list strided_view_backward(FormulaNode& n, const variable_list& g) {
  return {autograd::impl::strided_view_grad(g[0], n.sizes(0), n.sizes(1), n.int_at(0), n.sizes(2),
                                            n.sizes(3), n.int_at(1))};
}

// Note [In-place view ops]
// squeeze_/unsqueeze_/transpose_/t_ give `self` a new geometry over the same
// memory. With history, self's grad_fn becomes a node mapping a gradient of
// the new geometry back to the old one (PyTorch: TransposeBackward1, ...),
// whose edge is self's old history. A view keeps its base: it is not a write
// to the base, so no CopySlices (record() would add one for in-place ops);
// the view's later refresh from its base reads its new geometry. Leaves that
// require grad (and views of them) are refused before the change.
// `change` applies the new geometry; `node` gets what its formula keeps.
template <typename Change>
Tensor& inplace_view(Tensor& self, const char* name, autograd::Formula formula, Change change,
                     const std::function<void(FormulaNode&)>& keep) {
  autograd::impl::check_inplace(self);
  if (!autograd::compute_requires_grad(self)) {
    change();
    return self;
  }
  auto node = std::make_shared<FormulaNode>(name, formula, autograd::collect_next_edges({self}));
  keep(*node);
  change();
  autograd::impl::set_history(self, node);
  return self;
}

// Records a view op whose gradient is a reshape back to the input's sizes.
Tensor reshape_view(Tensor out, const Tensor& self, const char* name) {
  if (autograd::compute_requires_grad(self))
    autograd::record(name, reshape_backward, {self}, {out})->keep(self.sizes());
  return out;
}
// Records a view op that picks elements of its input.
Tensor strided_view(Tensor out, const Tensor& self, const char* name) {
  if (autograd::compute_requires_grad(self))
    autograd::record(name, strided_view_backward, {self}, {out})
        ->keep(self.sizes())
        ->keep(self.strides())
        ->keep_int(self.storage_offset())
        ->keep(out.sizes())
        ->keep(out.strides())
        ->keep_int(out.storage_offset());
  return out;
}

}  // namespace

// ---- view / reshape -----------------------------------------------------------

DimVector infer_view_size(IntArrayRef shape, int64_t numel) {
  DimVector out(shape.begin(), shape.end());
  int64_t known = 1;
  std::optional<size_t> infer_at;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      WICK_CHECK(!infer_at, "only one dimension can be inferred");
      infer_at = i;
    } else {
      WICK_CHECK(shape[i] >= 0, "invalid shape dimension ", shape[i]);
      known *= shape[i];
    }
  }
  bool ok = numel == known || (infer_at && known > 0 && numel % known == 0);
  WICK_CHECK(ok, "shape '", shape, "' is invalid for input of size ", numel);
  if (infer_at) {
    // -1 next to a zero-size dim is ambiguous: PyTorch refuses it.
    WICK_CHECK(known != 0, "cannot reshape tensor of 0 elements into shape ", shape,
               " because the unspecified dimension size -1 can be any value and is ambiguous");
    out[*infer_at] = numel / known;
  }
  return out;
}

std::optional<DimVector> compute_view_strides(IntArrayRef old_sizes, IntArrayRef old_strides,
                                              IntArrayRef new_sizes) {
  const int64_t new_dim = static_cast<int64_t>(new_sizes.size());
  DimVector new_strides(new_dim, 1);
  if (old_sizes.empty()) return new_strides;  // a 0-dim tensor has one element
  const int64_t numel = multiply_integers(old_sizes);
  if (numel == 0) {
    if (old_sizes.equals(new_sizes)) return DimVector(old_strides.begin(), old_strides.end());
    // Nothing is addressed: any strides do; give the contiguous ones.
    for (int64_t d = new_dim - 1; d >= 0; --d)
      new_strides[d] = d == new_dim - 1 ? 1 : std::max<int64_t>(new_sizes[d + 1], 1) * new_strides[d + 1];
    return new_strides;
  }
  // Walk the old dims from the innermost, grouping runs that are contiguous
  // with each other ("chunks"). Each chunk must be covered exactly by a run of
  // new dims, which then get strides inside the chunk.
  int64_t new_d = new_dim - 1;
  int64_t chunk_stride = old_strides.back();
  int64_t old_numel = 1, new_numel = 1;
  for (int64_t old_d = static_cast<int64_t>(old_sizes.size()) - 1; old_d >= 0; --old_d) {
    old_numel *= old_sizes[old_d];
    bool chunk_ends = old_d == 0 || (old_sizes[old_d - 1] != 1 &&
                                     old_strides[old_d - 1] != old_numel * chunk_stride);
    if (!chunk_ends) continue;
    while (new_d >= 0 && (new_numel < old_numel || new_sizes[new_d] == 1)) {
      new_strides[new_d] = new_numel * chunk_stride;
      new_numel *= new_sizes[new_d];
      --new_d;
    }
    if (new_numel != old_numel) return std::nullopt;
    if (old_d > 0) {
      chunk_stride = old_strides[old_d - 1];
      old_numel = 1;
      new_numel = 1;
    }
  }
  if (new_d != -1) return std::nullopt;
  return new_strides;
}

Tensor view(const Tensor& self, IntArrayRef size) {
  DimVector shape = infer_view_size(size, self.numel());
  auto strides = compute_view_strides(self.sizes(), self.strides(), shape);
  WICK_CHECK(strides.has_value(),
             "view size is not compatible with input tensor's size and stride (at least one "
             "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  return reshape_view(make_view(self, shape, *strides, self.storage_offset()), self,
                      "ViewBackward0");
}

Tensor view(const Tensor& self, ScalarType dtype) {
  const ScalarType from = self.dtype();
  const int64_t from_size = element_size(from), to_size = element_size(dtype);
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  int64_t offset = self.storage_offset();
  if (from_size != to_size) {
    auto what = [&] { return str(" to view ", from, " as ", dtype, " (different element sizes)"); };
    WICK_CHECK(self.dim() > 0, "self.dim() cannot be 0", what());
    WICK_CHECK(self.stride(-1) == 1, "self.stride(-1) must be 1", what(), ", but got ",
               self.stride(-1));
    const int64_t last = self.dim() - 1;
    if (from_size > to_size) {
      const int64_t ratio = from_size / to_size;
      sizes[last] *= ratio;
      for (int64_t d = 0; d < last; ++d) strides[d] *= ratio;
      offset *= ratio;
    } else {
      const int64_t ratio = to_size / from_size;
      WICK_CHECK(sizes[last] % ratio == 0, "self.size(-1) must be divisible by ", ratio, what(),
                 ", but got ", sizes[last]);
      WICK_CHECK(offset % ratio == 0, "self.storage_offset() must be divisible by ", ratio,
                 what(), ", but got ", offset);
      for (int64_t d = 0; d < last; ++d)
        WICK_CHECK(strides[d] % ratio == 0, "self.stride(", d, ") must be divisible by ", ratio,
                   what(), ", but got ", strides[d]);
      sizes[last] /= ratio;
      for (int64_t d = 0; d < last; ++d) strides[d] /= ratio;
      offset /= ratio;
    }
  }
  Tensor out = make_view(self, sizes, strides, offset);
  out.unsafeGetTensorImpl()->set_dtype(dtype);
  return out;
}

Tensor view_as(const Tensor& self, const Tensor& other) { return view(self, other.sizes()); }

Tensor alias(const Tensor& self) {
  return reshape_view(make_view(self, self.sizes(), self.strides(), self.storage_offset()), self,
                      "AliasBackward0");
}

Tensor reshape(const Tensor& self, IntArrayRef shape) {
  DimVector sizes = infer_view_size(shape, self.numel());
  if (auto strides = compute_view_strides(self.sizes(), self.strides(), sizes))
    return reshape_view(make_view(self, sizes, *strides, self.storage_offset()), self,
                        "ViewBackward0");
  Tensor dense = empty(self.sizes(), self.options());
  copy_(dense, self);
  return reshape_view(make_view(dense, sizes, contiguous_strides(sizes), 0), dense,
                      "UnsafeViewBackward0");
}


Tensor reshape_as(const Tensor& self, const Tensor& other) { return reshape(self, other.sizes()); }

// ---- permutations ---------------------------------------------------------------

Tensor permute(const Tensor& self, IntArrayRef dims) {
  const int64_t nd = self.dim();
  WICK_CHECK(static_cast<int64_t>(dims.size()) == nd,
             "permute(sparse_coo): number of dimensions in the tensor input does not match the "
             "length of the desired ordering of dimensions i.e. input.dim() = ",
             nd, " is not equal to len(dims) = ", dims.size());
  DimVector sizes(nd), strides(nd);
  std::vector<bool> seen(nd, false);
  for (int64_t i = 0; i < nd; ++i) {
    int64_t d = maybe_wrap_dim(dims[i], nd);
    WICK_CHECK(!seen[d], "permute(): duplicate dims are not allowed.");
    seen[d] = true;
    sizes[i] = self.sizes()[d];
    strides[i] = self.strides()[d];
  }
  Tensor out = make_view(self, sizes, strides, self.storage_offset());
  if (autograd::compute_requires_grad(self)) {
    DimVector wrapped(nd);
    for (int64_t i = 0; i < nd; ++i) wrapped[i] = maybe_wrap_dim(dims[i], nd);
    autograd::record("PermuteBackward0", permute_backward, {self}, {out})->keep(wrapped);
  }
  return out;
}

Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1) {
  const int64_t nd = self.dim();
  dim0 = maybe_wrap_dim(dim0, nd);
  dim1 = maybe_wrap_dim(dim1, nd);
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  if (nd > 0) {
    std::swap(sizes[dim0], sizes[dim1]);
    std::swap(strides[dim0], strides[dim1]);
  }
  Tensor out = make_view(self, sizes, strides, self.storage_offset());
  if (autograd::compute_requires_grad(self))
    autograd::record("TransposeBackward0", transpose_backward, {self}, {out})
        ->keep_int(dim0)
        ->keep_int(dim1);
  return out;
}

static Tensor& transpose_impl_(Tensor& self, int64_t dim0, int64_t dim1, const char* name) {
  const int64_t nd = self.dim();
  dim0 = maybe_wrap_dim(dim0, nd);
  dim1 = maybe_wrap_dim(dim1, nd);
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  if (nd > 0) {
    std::swap(sizes[dim0], sizes[dim1]);
    std::swap(strides[dim0], strides[dim1]);
  }
  return inplace_view(
      self, name, transpose_backward,
      [&] { self.unsafeGetTensorImpl()->set_sizes_and_strides(sizes, strides); },
      [&](FormulaNode& n) { n.keep_int(dim0)->keep_int(dim1); });
}

Tensor& transpose_(Tensor& self, int64_t dim0, int64_t dim1) {
  return transpose_impl_(self, dim0, dim1, "TransposeBackward1");
}

static void check_t_dims(const Tensor& self) {
  WICK_CHECK(self.dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is ",
             self.dim(), "D");
}

Tensor t(const Tensor& self) {
  check_t_dims(self);
  return transpose(self, 0, self.dim() < 2 ? 0 : 1);
}

Tensor& t_(Tensor& self) {
  check_t_dims(self);
  return transpose_impl_(self, 0, self.dim() < 2 ? 0 : 1, "TBackward1");
}

Tensor matrix_transpose(const Tensor& self) {
  WICK_CHECK(self.dim() >= 2,
             "tensor.mT is only supported on matrices or batches of matrices. Got ", self.dim(),
             "-D tensor.");
  return transpose(self, -2, -1);
}

Tensor adjoint(const Tensor& self) {
  WICK_CHECK(self.dim() >= 2,
             "tensor.mH is only supported on matrices or batches of matrices. Got ", self.dim(),
             "-D tensor.");
  return transpose(self, -2, -1);  // real dtypes only: conjugation is the identity
}

Tensor numpy_T(const Tensor& self) {
  DimVector dims(self.dim());
  std::iota(dims.rbegin(), dims.rend(), 0);
  return permute(self, dims);
}

static DimVector wrap_dim_list(IntArrayRef dims, int64_t nd) {
  DimVector out(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) out[i] = maybe_wrap_dim(dims[i], nd);
  return out;
}

Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  const int64_t nd = self.dim();
  WICK_CHECK(source.size() == destination.size(),
             "movedim: Invalid source or destination dims: source (", source,
             " dims) should contain the same number of dims as destination (", destination,
             " dims)");
  DimVector src = wrap_dim_list(source, nd), dst = wrap_dim_list(destination, nd);
  const int64_t n_moved = static_cast<int64_t>(src.size());
  std::vector<bool> src_used(std::max<int64_t>(nd, 1), false), dst_used(std::max<int64_t>(nd, 1), false);
  for (int64_t i = 0; i < n_moved; ++i) {
    WICK_CHECK(!src_used[src[i]], "movedim: repeated dim in `source` (", source, ")");
    src_used[src[i]] = true;
  }
  for (int64_t i = 0; i < n_moved; ++i) {
    WICK_CHECK(!dst_used[dst[i]], "movedim: repeated dim in `destination` (", destination, ")");
    dst_used[dst[i]] = true;
  }
  if (nd <= 1)
    return reshape_view(make_view(self, self.sizes(), self.strides(), self.storage_offset()), self,
                        "PermuteBackward0");
  // Moved dims land at their destinations; the others fill the free slots in order.
  DimVector order(nd, -1);
  for (int64_t i = 0; i < n_moved; ++i) order[dst[i]] = src[i];
  int64_t next_src = 0;
  for (int64_t slot = 0; slot < nd; ++slot) {
    if (order[slot] != -1) continue;
    while (src_used[next_src]) ++next_src;
    order[slot] = next_src++;
  }
  return permute(self, order);
}

Tensor movedim(const Tensor& self, int64_t source, int64_t destination) {
  return movedim(self, IntArrayRef(source), IntArrayRef(destination));
}
Tensor moveaxis(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  return movedim(self, source, destination);
}
Tensor moveaxis(const Tensor& self, int64_t source, int64_t destination) {
  return movedim(self, source, destination);
}
Tensor swapaxes(const Tensor& self, int64_t axis0, int64_t axis1) {
  return transpose(self, axis0, axis1);
}
Tensor swapdims(const Tensor& self, int64_t dim0, int64_t dim1) {
  return transpose(self, dim0, dim1);
}

// ---- expand / squeeze ---------------------------------------------------------------

Tensor expand(const Tensor& self, IntArrayRef size, bool /*implicit*/) {
  const int64_t nd = self.dim();
  const int64_t new_nd = static_cast<int64_t>(size.size());
  WICK_CHECK(new_nd >= nd, "expand(", legacy_type_name(self), "{", self.sizes(), "}, size=", size,
             "): the number of sizes provided (", new_nd,
             ") must be greater or equal to the number of dimensions in the tensor (", nd, ")");
  DimVector sizes(new_nd), strides(new_nd);
  for (int64_t i = new_nd - 1; i >= 0; --i) {
    const int64_t d = i - (new_nd - nd);  // matching dim of self, < 0 for a new leading dim
    int64_t target = size[i];
    if (d < 0) {
      WICK_CHECK(target >= 0, "The expanded size of the tensor (", target,
                 ") isn't allowed in a leading, non-existing dimension ", i);
      sizes[i] = target;
      strides[i] = 0;
      continue;
    }
    const int64_t have = self.sizes()[d];
    if (target == -1) target = have;
    if (have != target) {
      WICK_CHECK(have == 1, "The expanded size of the tensor (", target,
                 ") must match the existing size (", have, ") at non-singleton dimension ", i,
                 ".  Target sizes: ", size, ".  Tensor sizes: ", self.sizes());
      WICK_CHECK(target >= 0, "Trying to create tensor with negative dimension ", target, ": ",
                 size);
      sizes[i] = target;
      strides[i] = 0;
    } else {
      sizes[i] = have;
      strides[i] = self.strides()[d];
    }
  }
  Tensor out = make_view(self, sizes, strides, self.storage_offset());
  if (autograd::compute_requires_grad(self))
    autograd::record("ExpandBackward0", expand_backward, {self}, {out});
  return out;
}

Tensor expand_as(const Tensor& self, const Tensor& other) { return expand(self, other.sizes()); }

Tensor broadcast_to(const Tensor& self, IntArrayRef size) { return expand(self, size); }

static Tensor squeeze_dims_where(const Tensor& self, const std::vector<bool>& drop,
                                 const char* name) {
  DimVector sizes, strides;
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (drop[d] && self.sizes()[d] == 1) continue;
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  return reshape_view(make_view(self, sizes, strides, self.storage_offset()), self, name);
}

Tensor squeeze(const Tensor& self) {
  return squeeze_dims_where(self, std::vector<bool>(self.dim(), true), "SqueezeBackward0");
}

Tensor squeeze(const Tensor& self, int64_t dim) {
  std::vector<bool> drop(self.dim(), false);
  if (self.dim() > 0) drop[maybe_wrap_dim(dim, self.dim())] = true;
  else maybe_wrap_dim(dim, self.dim());
  return squeeze_dims_where(self, drop, "SqueezeBackward1");
}

Tensor squeeze(const Tensor& self, IntArrayRef dims) {
  std::vector<bool> drop(self.dim(), false);
  std::vector<bool> seen(std::max<int64_t>(self.dim(), 1), false);
  for (int64_t d : dims) {
    d = maybe_wrap_dim(d, self.dim());
    WICK_CHECK(!seen[d], "dim ", d, " appears multiple times in the list of dims");
    seen[d] = true;
    if (self.dim() > 0) drop[d] = true;
  }
  return squeeze_dims_where(self, drop, "SqueezeBackward2");
}

// Gives self the geometry of `like` (a view of self) in place; the gradient is
// reshaped back to self's old sizes (Note [In-place view ops]).
static Tensor& set_view_metadata(Tensor& self, const Tensor& like, const char* name) {
  return inplace_view(
      self, name, reshape_backward,
      [&] { self.unsafeGetTensorImpl()->set_sizes_and_strides(like.sizes(), like.strides()); },
      [&](FormulaNode& n) { n.keep(self.sizes()); });
}
// The geometry an op gives self, computed without recording.
template <typename F>
static Tensor view_geometry(F f) {
  NoGradGuard no_grad;
  return f();
}

Tensor& squeeze_(Tensor& self) {
  return set_view_metadata(self, view_geometry([&] { return squeeze(self); }),
                           "SqueezeBackward2");
}
Tensor& squeeze_(Tensor& self, int64_t dim) {
  return set_view_metadata(self, view_geometry([&] { return squeeze(self, dim); }),
                           "SqueezeBackward3");
}

Tensor unsqueeze(const Tensor& self, int64_t dim) {
  dim = maybe_wrap_dim(dim, self.dim() + 1);
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  // The new dim's stride only matters for contiguity checks: make it the
  // stride a contiguous layout would have there.
  int64_t stride = dim >= self.dim() ? 1 : sizes[dim] * strides[dim];
  sizes.insert(sizes.begin() + dim, 1);
  strides.insert(strides.begin() + dim, stride);
  return reshape_view(make_view(self, sizes, strides, self.storage_offset()), self,
                      "UnsqueezeBackward0");
}

Tensor& unsqueeze_(Tensor& self, int64_t dim) {
  return set_view_metadata(self, view_geometry([&] { return unsqueeze(self, dim); }),
                           "UnsqueezeBackward1");
}

// ---- flatten / unflatten -------------------------------------------------------

Tensor flatten(const Tensor& self, int64_t start_dim, int64_t end_dim) {
  start_dim = maybe_wrap_dim(start_dim, self.dim());
  end_dim = maybe_wrap_dim(end_dim, self.dim());
  WICK_CHECK(start_dim <= end_dim,
             "flatten() has invalid args: start_dim cannot come after end_dim");
  if (self.dim() == 0) return reshape(self, {1});
  if (start_dim == end_dim) return self;
  DimVector shape;
  for (int64_t d = 0; d < start_dim; ++d) shape.push_back(self.sizes()[d]);
  int64_t merged = 1;
  for (int64_t d = start_dim; d <= end_dim; ++d) merged *= self.sizes()[d];
  shape.push_back(merged);
  for (int64_t d = end_dim + 1; d < self.dim(); ++d) shape.push_back(self.sizes()[d]);
  return reshape(self, shape);
}

Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes) {
  dim = maybe_wrap_dim(dim, self.dim(), /*wrap_scalar=*/false);
  WICK_CHECK(!sizes.empty(), "unflatten: sizes must be non-empty");
  const int64_t dim_size = self.sizes()[dim];
  DimVector inferred;
  try {
    inferred = infer_view_size(sizes, dim_size);
  } catch (const Error& e) {
    bool product_mismatch = std::count(sizes.begin(), sizes.end(), -1) <= 1 &&
                            std::none_of(sizes.begin(), sizes.end(),
                                         [](int64_t s) { return s < -1; });
    WICK_CHECK(!product_mismatch, "unflatten: Provided sizes ", sizes,
               " don't multiply up to the size of dim ", dim, " (", dim_size,
               ") in the input tensor");
    throw Error(str("unflatten got an unexpected error:\n", e.what()));
  }
  DimVector shape(self.sizes().begin(), self.sizes().begin() + dim);
  shape.insert(shape.end(), inferred.begin(), inferred.end());
  shape.insert(shape.end(), self.sizes().begin() + dim + 1, self.sizes().end());
  return view(self, shape);
}

Tensor ravel(const Tensor& self) { return reshape(self, {-1}); }

// ---- narrow / select / slice -----------------------------------------------------

Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  WICK_CHECK(self.dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
  WICK_CHECK(length >= 0, "narrow(): length must be non-negative.");
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  WICK_CHECK_T(IndexError, start >= -size && start <= size,
               "start out of range (expected to be in range of [", -size, ", ", size,
               "], but got ", start, ")");
  if (start < 0) start += size;
  WICK_CHECK(start <= size - length, "start (", start, ") + length (", length,
             ") exceeds dimension size (", size, ").");
  return slice(self, dim, start, start + length, 1);
}

Tensor narrow_copy(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  Tensor part = narrow(self, dim, start, length);
  Tensor out = empty(part.sizes(), part.options());
  copy_(out, part);
  return out;
}

Tensor select(const Tensor& self, int64_t dim, int64_t index) {
  WICK_CHECK_T(IndexError, self.dim() > 0, "select() cannot be applied to a 0-dim tensor.");
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  WICK_CHECK_T(IndexError, index >= -size && index < size, "select(): index ", index,
               " out of range for tensor of size ", self.sizes(), " at dimension ", dim);
  if (index < 0) index += size;
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  const int64_t offset = self.storage_offset() + index * strides[dim];
  sizes.erase(sizes.begin() + dim);
  strides.erase(strides.begin() + dim);
  return strided_view(make_view(self, sizes, strides, offset), self, "SelectBackward0");
}

Tensor slice(const Tensor& self, int64_t dim, std::optional<int64_t> start,
             std::optional<int64_t> end, int64_t step) {
  WICK_CHECK_T(IndexError, self.dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
  WICK_CHECK(step > 0, "slice step must be positive");
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  auto clamp_bound = [size](int64_t b) {
    if (b < 0) b += size;
    return std::clamp<int64_t>(b, 0, size);
  };
  int64_t lo = start ? clamp_bound(*start) : 0;
  int64_t hi = end ? clamp_bound(*end) : size;
  if (hi < lo) hi = lo;
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  const int64_t offset = self.storage_offset() + lo * strides[dim];
  sizes[dim] = (hi - lo + step - 1) / step;
  strides[dim] *= step;
  return strided_view(make_view(self, sizes, strides, offset), self, "SliceBackward0");
}

// ---- splitting ------------------------------------------------------------------

std::vector<Tensor> split(const Tensor& self, int64_t split_size, int64_t dim) {
  WICK_CHECK(self.dim() != 0, "split expects at least a 1-dimensional tensor");
  WICK_CHECK(split_size >= 0, "split expects split_size be non-negative, but got split_size=",
             split_size);
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  WICK_CHECK(split_size > 0 || size == 0,
             "split_size can only be 0 if dimension size is 0, but got dimension size of ", size);
  int64_t n = 1;
  if (split_size > 0) n = std::max<int64_t>(size / split_size + (size % split_size != 0), 1);
  std::vector<Tensor> out;
  out.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    int64_t begin = i * split_size;
    out.push_back(slice(self, dim, begin, begin + std::min(split_size, size - begin)));
  }
  return out;
}

std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef split_sizes, int64_t dim) {
  WICK_CHECK(self.dim() != 0, "split expects at least a 1-dimensional tensor");
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  int64_t total = 0;
  for (int64_t s : split_sizes) {
    WICK_CHECK(s >= 0,
               "split_with_sizes expects split_sizes have only non-negative entries, but got "
               "split_sizes=",
               split_sizes);
    total += s;
  }
  WICK_CHECK(total == size, "split_with_sizes expects split_sizes to sum exactly to ", size,
             " (input tensor's size at dimension ", dim, "), but got split_sizes=", split_sizes);
  std::vector<Tensor> out;
  out.reserve(split_sizes.size());
  int64_t begin = 0;
  for (int64_t s : split_sizes) {
    out.push_back(slice(self, dim, begin, begin + s));
    begin += s;
  }
  return out;
}

std::vector<Tensor> split(const Tensor& self, IntArrayRef split_sizes, int64_t dim) {
  return split_with_sizes(self, split_sizes, dim);
}

std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim) {
  WICK_CHECK(self.dim() > 0, "chunk expects at least a 1-dimensional tensor");
  WICK_CHECK(chunks > 0, "chunk expects `chunks` to be greater than 0, got: ", chunks);
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  const int64_t split_size = size / chunks + (size % chunks != 0);
  // An empty dim still yields `chunks` (empty) pieces, as in PyTorch.
  if (split_size == 0 && size == 0)
    return split_with_sizes(self, DimVector(chunks, 0), dim);
  return split(self, split_size, dim);
}

std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim) {
  WICK_CHECK(self.dim() > 0,
             "tensor_split expected at least a 1-dimensional tensor, but got a tensor with ",
             self.dim(), " dims");
  WICK_CHECK(sections > 0, "number of sections must be larger than 0, got ", sections);
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  const int64_t base = size / sections, extra = size % sections;
  std::vector<Tensor> out;
  out.reserve(sections);
  int64_t begin = 0;
  for (int64_t i = 0; i < sections; ++i) {
    int64_t len = base + (i < extra ? 1 : 0);
    out.push_back(slice(self, dim, begin, begin + len));
    begin += len;
  }
  return out;
}

std::vector<Tensor> tensor_split(const Tensor& self, IntArrayRef indices, int64_t dim) {
  WICK_CHECK(self.dim() > 0,
             "tensor_split expected at least a 1-dimensional tensor, but got a tensor with ",
             self.dim(), " dims");
  dim = maybe_wrap_dim(dim, self.dim());
  std::vector<Tensor> out;
  out.reserve(indices.size() + 1);
  int64_t begin = 0;
  for (int64_t idx : indices) {
    out.push_back(slice(self, dim, begin, idx));
    begin = idx;
  }
  out.push_back(slice(self, dim, begin, self.sizes()[dim]));
  return out;
}

std::vector<Tensor> unbind(const Tensor& self, int64_t dim) {
  WICK_CHECK_T(IndexError, self.dim() > 0, "Dimension specified as ", dim,
               " but tensor has no dimensions");
  dim = maybe_wrap_dim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  std::vector<Tensor> out;
  out.reserve(size);
  for (int64_t i = 0; i < size; ++i) out.push_back(select(self, dim, i));
  return out;
}

// ---- diagonal / as_strided / unfold ---------------------------------------------

Tensor diagonal(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  const int64_t nd = self.dim();
  dim1 = maybe_wrap_dim(dim1, nd);
  dim2 = maybe_wrap_dim(dim2, nd);
  WICK_CHECK(dim1 != dim2, "diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  const int64_t s1 = self.sizes()[dim1], s2 = self.sizes()[dim2];
  const int64_t st1 = self.strides()[dim1], st2 = self.strides()[dim2];
  int64_t diag_size, storage_offset = self.storage_offset();
  if (offset >= 0) {
    diag_size = std::max<int64_t>(std::min(s1, s2 - offset), 0);
    if (diag_size > 0) storage_offset += offset * st2;
  } else {
    diag_size = std::max<int64_t>(std::min(s1 + offset, s2), 0);
    if (diag_size > 0) storage_offset -= offset * st1;
  }
  DimVector sizes, strides;
  for (int64_t d = 0; d < nd; ++d) {
    if (d == dim1 || d == dim2) continue;
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  sizes.push_back(diag_size);
  strides.push_back(st1 + st2);
  return strided_view(make_view(self, sizes, strides, storage_offset), self, "DiagonalBackward0");
}

Tensor as_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset) {
  WICK_CHECK(size.size() == stride.size(), "mismatch in length of strides and shape");
  for (int64_t s : stride)
    WICK_CHECK(s >= 0, "as_strided: Negative strides are not supported at the moment, got strides: ",
               stride);
  for (int64_t s : size)
    WICK_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s, ": ", size);
  const int64_t offset = storage_offset.value_or(self.storage_offset());
  WICK_CHECK(offset >= 0, "Tensor: invalid storage offset ", offset);
  const int64_t itemsize = self.itemsize();
  int64_t needed = 0;
  if (multiply_integers(size) > 0) {
    int64_t last = 0;
    for (size_t i = 0; i < size.size(); ++i) last += (size[i] - 1) * stride[i];
    needed = (offset + last + 1) * itemsize;
  }
  const int64_t available = static_cast<int64_t>(self.storage()->nbytes());
  WICK_CHECK(needed <= available, "setStorage: sizes ", size, ", strides ", stride,
             ", storage offset ", offset, ", and itemsize ", itemsize,
             " requiring a storage size of ", needed, " are out of bounds for storage of size ",
             available);
  return strided_view(make_view(self, size, stride, offset), self, "AsStridedBackward0");
}

Tensor unfold(const Tensor& self, int64_t dimension, int64_t size, int64_t step) {
  const int64_t nd = self.dim();
  dimension = maybe_wrap_dim(dimension, nd);
  const int64_t dim_size = nd == 0 ? 1 : self.sizes()[dimension];
  const int64_t dim_stride = nd == 0 ? 1 : self.strides()[dimension];
  WICK_CHECK(size <= dim_size, "maximum size for tensor at dimension ", dimension, " is ",
             dim_size, " but size is ", size);
  WICK_CHECK(size >= 0, "size is ", size, " but must be >= 0");
  WICK_CHECK(step > 0, "step is ", step, " but must be > 0");
  DimVector sizes(self.sizes().begin(), self.sizes().end()), strides(self.strides().begin(), self.strides().end());
  if (nd > 0) {
    sizes[dimension] = (dim_size - size) / step + 1;
    strides[dimension] = step * dim_stride;
  }
  sizes.push_back(size);
  strides.push_back(dim_stride);
  return strided_view(make_view(self, sizes, strides, self.storage_offset()), self, "UnfoldBackward0");
}

// ---- broadcasting ---------------------------------------------------------------

DimVector broadcast_shapes(const std::vector<DimVector>& shapes) {
  size_t nd = 0;
  for (const auto& s : shapes) nd = std::max(nd, s.size());
  DimVector out(nd, 1);
  for (size_t arg = 0; arg < shapes.size(); ++arg) {
    const auto& s = shapes[arg];
    for (size_t i = 0; i < s.size(); ++i) {
      const size_t o = nd - s.size() + i;
      const int64_t v = s[i];
      WICK_CHECK(v >= 0, "Trying to create tensor with negative dimension (", v, "): (", v, ")");
      if (v == out[o] || v == 1) continue;
      WICK_CHECK(out[o] == 1, "Shape mismatch: objects cannot be broadcast to a single shape");
      out[o] = v;
    }
  }
  return out;
}

std::vector<Tensor> broadcast_tensors(TensorList tensors) {
  DimVector shape;
  for (const Tensor& t : tensors) shape = infer_size(shape, t.sizes());
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.push_back(expand(t, shape));
  return out;
}

std::vector<Tensor> meshgrid(TensorList tensors, const std::string& indexing) {
  WICK_CHECK(!tensors.empty(), "meshgrid expects a non-empty TensorList");
  for (size_t i = 0; i + 1 < tensors.size(); ++i) {
    WICK_CHECK(tensors[i].dtype() == tensors[i + 1].dtype(),
               "meshgrid expects all tensors to have the same dtype");
    WICK_CHECK(tensors[i].device() == tensors[i + 1].device(),
               "meshgrid expects all tensors to have the same device");
  }
  WICK_CHECK(indexing == "ij" || indexing == "xy",
             "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: ", indexing);
  for (const Tensor& t : tensors)
    WICK_CHECK(t.dim() <= 1, "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ",
               t.toString(), "{", t.sizes(), "}");
  // "xy" is "ij" with the first two inputs (and outputs) swapped.
  std::vector<Tensor> inputs(tensors.begin(), tensors.end());
  const bool swap_first_two = indexing == "xy" && inputs.size() >= 2;
  if (swap_first_two) std::swap(inputs[0], inputs[1]);
  const int64_t n = static_cast<int64_t>(inputs.size());
  DimVector grid(n);
  for (int64_t i = 0; i < n; ++i) grid[i] = inputs[i].numel();
  std::vector<Tensor> out;
  out.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    DimVector shape(n, 1);
    shape[i] = -1;
    out.push_back(expand(view(inputs[i], shape), grid));
  }
  if (swap_first_two) std::swap(out[0], out[1]);
  return out;
}

Tensor atleast_1d(const Tensor& self) { return self.dim() == 0 ? reshape(self, {1}) : self; }
Tensor atleast_2d(const Tensor& self) {
  if (self.dim() == 0) return reshape(self, {1, 1});
  if (self.dim() == 1) return unsqueeze(self, 0);
  return self;
}
Tensor atleast_3d(const Tensor& self) {
  if (self.dim() == 0) return reshape(self, {1, 1, 1});
  if (self.dim() == 1) return unsqueeze(unsqueeze(self, 0), -1);
  if (self.dim() == 2) return unsqueeze(self, -1);
  return self;
}

// ---- Tensor methods ---------------------------------------------------------------

Tensor Tensor::view(IntArrayRef size) const { return wick::view(*this, size); }
Tensor Tensor::view(ScalarType dtype) const { return wick::view(*this, dtype); }
Tensor Tensor::view_as(const Tensor& other) const { return wick::view_as(*this, other); }
Tensor Tensor::reshape(IntArrayRef shape) const { return wick::reshape(*this, shape); }
Tensor Tensor::reshape_as(const Tensor& other) const { return wick::reshape_as(*this, other); }
Tensor Tensor::permute(IntArrayRef dims) const { return wick::permute(*this, dims); }
Tensor Tensor::transpose(int64_t dim0, int64_t dim1) const {
  return wick::transpose(*this, dim0, dim1);
}
Tensor& Tensor::transpose_(int64_t dim0, int64_t dim1) {
  return wick::transpose_(*this, dim0, dim1);
}
Tensor Tensor::t() const { return wick::t(*this); }
Tensor& Tensor::t_() { return wick::t_(*this); }
Tensor Tensor::mT() const { return wick::matrix_transpose(*this); }
Tensor Tensor::mH() const { return wick::adjoint(*this); }
Tensor Tensor::T() const { return wick::numpy_T(*this); }
Tensor Tensor::expand(IntArrayRef size, bool implicit) const {
  return wick::expand(*this, size, implicit);
}
Tensor Tensor::expand_as(const Tensor& other) const { return wick::expand_as(*this, other); }
Tensor Tensor::squeeze() const { return wick::squeeze(*this); }
Tensor Tensor::squeeze(int64_t dim) const { return wick::squeeze(*this, dim); }
Tensor Tensor::squeeze(IntArrayRef dims) const { return wick::squeeze(*this, dims); }
Tensor& Tensor::squeeze_() { return wick::squeeze_(*this); }
Tensor& Tensor::squeeze_(int64_t dim) { return wick::squeeze_(*this, dim); }
Tensor Tensor::unsqueeze(int64_t dim) const { return wick::unsqueeze(*this, dim); }
Tensor& Tensor::unsqueeze_(int64_t dim) { return wick::unsqueeze_(*this, dim); }
Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim) const {
  return wick::flatten(*this, start_dim, end_dim);
}
Tensor Tensor::unflatten(int64_t dim, IntArrayRef sizes) const {
  return wick::unflatten(*this, dim, sizes);
}
Tensor Tensor::ravel() const { return wick::ravel(*this); }
Tensor Tensor::narrow(int64_t dim, int64_t start, int64_t length) const {
  return wick::narrow(*this, dim, start, length);
}
Tensor Tensor::narrow_copy(int64_t dim, int64_t start, int64_t length) const {
  return wick::narrow_copy(*this, dim, start, length);
}
Tensor Tensor::select(int64_t dim, int64_t index) const { return wick::select(*this, dim, index); }
Tensor Tensor::slice(int64_t dim, std::optional<int64_t> start, std::optional<int64_t> end,
                     int64_t step) const {
  return wick::slice(*this, dim, start, end, step);
}
std::vector<Tensor> Tensor::chunk(int64_t chunks, int64_t dim) const {
  return wick::chunk(*this, chunks, dim);
}
std::vector<Tensor> Tensor::tensor_split(int64_t sections, int64_t dim) const {
  return wick::tensor_split(*this, sections, dim);
}
std::vector<Tensor> Tensor::tensor_split(IntArrayRef indices, int64_t dim) const {
  return wick::tensor_split(*this, indices, dim);
}
std::vector<Tensor> Tensor::split(int64_t split_size, int64_t dim) const {
  return wick::split(*this, split_size, dim);
}
std::vector<Tensor> Tensor::split(IntArrayRef split_sizes, int64_t dim) const {
  return wick::split(*this, split_sizes, dim);
}
std::vector<Tensor> Tensor::split_with_sizes(IntArrayRef split_sizes, int64_t dim) const {
  return wick::split_with_sizes(*this, split_sizes, dim);
}
std::vector<Tensor> Tensor::unbind(int64_t dim) const { return wick::unbind(*this, dim); }
Tensor Tensor::diagonal(int64_t offset, int64_t dim1, int64_t dim2) const {
  return wick::diagonal(*this, offset, dim1, dim2);
}
Tensor Tensor::movedim(IntArrayRef source, IntArrayRef destination) const {
  return wick::movedim(*this, source, destination);
}
Tensor Tensor::movedim(int64_t source, int64_t destination) const {
  return wick::movedim(*this, source, destination);
}
Tensor Tensor::moveaxis(int64_t source, int64_t destination) const {
  return wick::moveaxis(*this, source, destination);
}
Tensor Tensor::swapaxes(int64_t a, int64_t b) const { return wick::swapaxes(*this, a, b); }
Tensor Tensor::swapdims(int64_t a, int64_t b) const { return wick::swapdims(*this, a, b); }
Tensor Tensor::as_strided(IntArrayRef size, IntArrayRef stride,
                          std::optional<int64_t> storage_offset) const {
  return wick::as_strided(*this, size, stride, storage_offset);
}
Tensor Tensor::unfold(int64_t dimension, int64_t size, int64_t step) const {
  return wick::unfold(*this, dimension, size, step);
}
Tensor Tensor::broadcast_to(IntArrayRef size) const { return wick::broadcast_to(*this, size); }

}  // namespace wick

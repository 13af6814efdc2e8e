// Joining and repeating ops. They allocate the result and fill it by copying
// into views of it with copy_, so the work runs through the parallel
// TensorIterator (and its memcpy fast path when both sides are contiguous).
#include <algorithm>
#include <cstring>
#include <numeric>

#include "wick/autograd/formula.h"
#include "wick/core/parallel.h"
#include "wick/ops/index.h"
#include "wick/ops/reduce.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"

namespace wick {

namespace {

// PyTorch still accepts 1-d empty tensors (shape [0]) in cat whatever the
// other inputs' ranks, and skips them.
bool is_legacy_empty(const Tensor& t) { return t.dim() == 1 && t.sizes()[0] == 0; }

bool is_non_overlapping_and_dense(const Tensor& t) {
  if (t.is_contiguous()) return true;
  const int64_t nd = t.dim();
  std::vector<int64_t> perm(nd);
  std::iota(perm.begin(), perm.end(), 0);
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (t.sizes()[a] < 2) return false;
    if (t.sizes()[b] < 2) return true;
    return t.strides()[a] < t.strides()[b];
  });
  int64_t expected = 1;
  for (int64_t d : perm) {
    if (t.sizes()[d] == 1) continue;
    if (t.strides()[d] != expected) return false;
    expected *= t.sizes()[d];
  }
  return true;
}

// A new tensor shaped like self that keeps self's dim order when it is dense
// (PyTorch's MemoryFormat::Preserve), else contiguous.
Tensor empty_preserving_layout(const Tensor& self) {
  if (is_non_overlapping_and_dense(self))
    return empty_strided(self.sizes(), self.strides(), self.options());
  return empty(self.sizes(), self.options());
}

Tensor contiguous_copy(const Tensor& self) {
  Tensor out = empty(self.sizes(), self.options());
  copy_(out, self);
  return out;
}

// Byte range [lo, hi) of storage a tensor can touch.
std::pair<int64_t, int64_t> byte_extent(const Tensor& t) {
  int64_t lo = t.storage_offset(), hi = t.storage_offset();
  for (int64_t d = 0; d < t.dim(); ++d) hi += (t.sizes()[d] - 1) * t.strides()[d];
  return {lo * t.itemsize(), (hi + 1) * t.itemsize()};
}

void check_out_does_not_overlap(const Tensor& out, TensorList inputs) {
  if (out.numel() == 0) return;
  auto [olo, ohi] = byte_extent(out);
  for (const Tensor& t : inputs) {
    if (t.numel() == 0 || t.storage().get() != out.storage().get()) continue;
    auto [lo, hi] = byte_extent(t);
    WICK_CHECK(hi <= olo || ohi <= lo,
               "unsupported operation: some elements of the input tensor and the written-to "
               "tensor refer to a single memory location. Please clone() the tensor before "
               "performing the operation.");
  }
}

struct CatPlan {
  DimVector shape;
  ScalarType dtype;
  int64_t dim = 0;
};

CatPlan plan_cat(TensorList tensors, int64_t dim) {
  WICK_CHECK(!tensors.empty(), "torch.cat(): expected a non-empty list of Tensors");
  CatPlan plan;
  plan.dtype = tensors[0].dtype();
  const Tensor* ref = nullptr;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    WICK_CHECK(t.dim() > 0, "zero-dimensional tensor (at position ", i,
               ") cannot be concatenated");
    plan.dtype = promote_types(plan.dtype, t.dtype());
    if (!ref && !is_legacy_empty(t)) ref = &t;
  }
  if (!ref) {  // only legacy empties: the result is one of them
    plan.shape = {0};
    return plan;
  }
  const int64_t nd = ref->dim();
  plan.dim = maybe_wrap_dim(dim, nd);
  plan.shape = ref->sizes().vec();
  plan.shape[plan.dim] = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (is_legacy_empty(t)) continue;
    WICK_CHECK(t.dim() == nd, "Tensors must have same number of dimensions: got ", nd, " and ",
               t.dim());
    WICK_CHECK(t.device() == ref->device(),
               "Expected all tensors to be on the same device, but found at least two devices");
    for (int64_t d = 0; d < nd; ++d) {
      if (d == plan.dim) continue;
      WICK_CHECK(t.sizes()[d] == ref->sizes()[d], "Sizes of tensors must match except in dimension ",
                 plan.dim, ". Expected size ", ref->sizes()[d], " but got size ", t.sizes()[d],
                 " for tensor number ", i, " in the list.");
    }
    plan.shape[plan.dim] += t.sizes()[plan.dim];
  }
  return plan;
}

void fill_cat(Tensor& out, TensorList tensors, int64_t dim) {
  int64_t offset = 0;
  for (const Tensor& t : tensors) {
    if (is_legacy_empty(t)) continue;
    const int64_t len = t.sizes()[dim];
    if (len == 0) continue;
    Tensor dst = narrow(out, dim, offset, len);
    copy_(dst, t);
    offset += len;
  }
}

void prepare_out(Tensor& out, IntArrayRef shape, ScalarType dtype, TensorList inputs) {
  WICK_CHECK(can_cast(dtype, out.dtype()),
             "torch.cat(): input types can't be cast to the desired output type ", out.dtype());
  if (!out.sizes().equals(shape)) out.resize_(shape);
  check_out_does_not_overlap(out, inputs);
}

void check_stack_inputs(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "stack expects a non-empty TensorList");
  for (size_t i = 1; i < tensors.size(); ++i)
    WICK_CHECK(tensors[i].sizes().equals(tensors[0].sizes()),
               "stack expects each tensor to be equal size, but got ", tensors[0].sizes(),
               " at entry 0 and ", tensors[i].sizes(), " at entry ", i);
}

DimVector stacked_shape(TensorList tensors, int64_t dim) {
  DimVector shape = tensors[0].sizes().vec();
  shape.insert(shape.begin() + dim, static_cast<int64_t>(tensors.size()));
  return shape;
}

ScalarType common_dtype(TensorList tensors) {
  ScalarType dt = tensors[0].dtype();
  for (const Tensor& t : tensors) dt = promote_types(dt, t.dtype());
  return dt;
}

std::vector<Tensor> map_tensors(TensorList tensors, Tensor (*fn)(const Tensor&)) {
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.push_back(fn(t));
  return out;
}

// out[..., j, ...] = src[..., source_row[j], ...] along `dim`, for contiguous
// src and out: one memcpy per (outer index, output row).
void gather_rows(const Tensor& src, Tensor& out, int64_t dim, const std::vector<int64_t>& source_row) {
  const int64_t outer = multiply_integers(src.sizes().slice(0, dim));
  const int64_t in_rows = src.sizes()[dim];
  const int64_t out_rows = static_cast<int64_t>(source_row.size());
  const int64_t row_bytes = multiply_integers(src.sizes().slice(dim + 1)) * src.itemsize();
  if (outer == 0 || out_rows == 0 || row_bytes == 0) return;
  const char* in = static_cast<const char*>(src.data_ptr());
  char* dst = static_cast<char*>(out.data_ptr());
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(row_bytes, 16));
  // Rows of one element are common (repeat_interleave of a vector): copy
  // them as words rather than through a memcpy call each.
  auto copy_rows = [&](auto word) {
    using word_t = decltype(word);
    const word_t* in_w = reinterpret_cast<const word_t*>(in);
    word_t* dst_w = reinterpret_cast<word_t*>(dst);
    parallel_for(0, outer * out_rows, grain, [&](int64_t b, int64_t e) {
      // One division per chunk: then walk (outer, row) incrementally.
      int64_t o = b / out_rows, j = b % out_rows;
      const word_t* in_outer = in_w + o * in_rows;
      for (int64_t r = b; r < e; ++r) {
        dst_w[r] = in_outer[source_row[j]];
        if (++j == out_rows) {
          j = 0;
          in_outer += in_rows;
        }
      }
    });
  };
  switch (row_bytes) {
    case 1: return copy_rows(uint8_t{});
    case 2: return copy_rows(uint16_t{});
    case 4: return copy_rows(uint32_t{});
    case 8: return copy_rows(uint64_t{});
    default: break;
  }
  parallel_for(0, outer * out_rows, grain, [&](int64_t b, int64_t e) {
    int64_t o = b / out_rows, j = b % out_rows;
    const char* in_outer = in + o * in_rows * row_bytes;
    for (int64_t r = b; r < e; ++r) {
      std::memcpy(dst + r * row_bytes, in_outer + source_row[j] * row_bytes, row_bytes);
      if (++j == out_rows) {
        j = 0;
        in_outer += in_rows * row_bytes;
      }
    }
  });
}

// repeats as int64 values, with PyTorch's dtype check.
std::vector<int64_t> repeat_counts(const Tensor& repeats) {
  WICK_CHECK(repeats.dtype() == kInt || repeats.dtype() == kLong,
             "\"repeat_interleave_cpu\" not implemented for '", repeats.dtype(), "'");
  Tensor r = repeats.to(kLong).contiguous();
  const int64_t* p = r.data_ptr<int64_t>();
  std::vector<int64_t> counts(p, p + r.numel());
  for (int64_t c : counts) WICK_CHECK(c >= 0, "repeats can not be negative");
  return counts;
}

// ---- derivatives ------------------------------------------------------------------
//
// The ops below fill their result through copy_ into views of it: they run
// under NoGradGuard and record one node of their own.

using autograd::FormulaNode;
using autograd::variable_list;

// CatBackward0: input i's slice of g along the dim; int_at(0) = dim, then each
// input's size along it (-1 for a skipped legacy-empty input).
variable_list cat_backward(FormulaNode& n, const variable_list& g) {
  const int64_t dim = n.int_at(0);
  variable_list out(n.num_outputs());
  int64_t offset = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const int64_t len = n.int_at(i + 1);
    if (len < 0) {
      if (n.needs(i)) out[i] = zeros({0}, g[0].options());
      continue;
    }
    if (n.needs(i)) out[i] = g[0].narrow(dim, offset, len);
    offset += len;
  }
  return out;
}
variable_list stack_backward(FormulaNode& n, const variable_list& g) {
  variable_list out(n.num_outputs());
  for (size_t i = 0; i < out.size(); ++i)
    if (n.needs(i)) out[i] = g[0].select(n.int_at(0), static_cast<int64_t>(i));
  return out;
}
// RepeatBackward0: g viewed as [r0, s0, r1, s1, ...] summed over the r's.
// sizes(0) = the pair sizes, sizes(1) = self's shape.
variable_list repeat_backward(FormulaNode& n, const variable_list& g) {
  IntArrayRef pairs = n.sizes(0);
  DimVector rdims;
  for (size_t i = 0; i < pairs.size(); i += 2) rdims.push_back(static_cast<int64_t>(i));
  return {sum(g[0].reshape(pairs), rdims).reshape(n.sizes(1))};
}
// IndexSelectBackward0 (repeat_interleave): g added back into the source rows;
// saved(0) = the source row of each result row, sizes(0) = the input's shape.
variable_list index_select_rows_backward(FormulaNode& n, const variable_list& g) {
  return {index_add(zeros(n.sizes(0), g[0].options()), n.int_at(0), n.saved(0), g[0])};
}
variable_list flip_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].flip(n.sizes(0))};
}
// sizes(0) = shifts, sizes(1) = dims.
variable_list roll_backward(FormulaNode& n, const variable_list& g) {
  DimVector back;
  for (int64_t s : n.sizes(0)) back.push_back(-s);
  return {g[0].roll(back, n.sizes(1))};
}
variable_list rot90_backward(FormulaNode& n, const variable_list& g) {
  return {g[0].rot90(-n.int_at(0), n.sizes(0))};
}

// repeat_interleave's result rows as a node reading back into `input`.
void record_rows(const Tensor& input, int64_t dim, const std::vector<int64_t>& source_row,
                 const Tensor& out) {
  if (!autograd::compute_requires_grad(input)) return;
  Tensor idx = empty({static_cast<int64_t>(source_row.size())}, kLong);
  std::copy(source_row.begin(), source_row.end(), idx.data_ptr<int64_t>());
  if (auto* n = autograd::record("IndexSelectBackward0", index_select_rows_backward, {input}, {out}))
    n->save(idx)->keep(input.sizes())->keep_int(dim);
}

}  // namespace

// ---- cat / stack --------------------------------------------------------------

Tensor cat(TensorList tensors, int64_t dim) {
  CatPlan plan = plan_cat(tensors, dim);
  Tensor out = empty(plan.shape, tensors[0].options().dtype(plan.dtype));
  {
    autograd::NoGradGuard no_grad;
    fill_cat(out, tensors, plan.dim);
  }
  if (autograd::compute_requires_grad(tensors))
    if (auto* n = autograd::record("CatBackward0", cat_backward, tensors, {out})) {
      n->keep_int(plan.dim);
      for (const Tensor& t : tensors) n->keep_int(is_legacy_empty(t) && t.dim() != out.dim() ? -1 : t.sizes()[plan.dim]);
    }
  return out;
}

Tensor& cat_out(Tensor& out, TensorList tensors, int64_t dim) {
  autograd::check_out_no_grad("cat", out, tensors);
  CatPlan plan = plan_cat(tensors, dim);
  prepare_out(out, plan.shape, plan.dtype, tensors);
  fill_cat(out, tensors, plan.dim);
  return out;
}

Tensor concat(TensorList tensors, int64_t dim) { return cat(tensors, dim); }
Tensor concatenate(TensorList tensors, int64_t dim) { return cat(tensors, dim); }

Tensor stack(TensorList tensors, int64_t dim) {
  check_stack_inputs(tensors);
  dim = maybe_wrap_dim(dim, tensors[0].dim() + 1);
  Tensor out = empty(stacked_shape(tensors, dim), tensors[0].options().dtype(common_dtype(tensors)));
  {
    autograd::NoGradGuard no_grad;
    for (size_t i = 0; i < tensors.size(); ++i) {
      Tensor dst = select(out, dim, static_cast<int64_t>(i));
      copy_(dst, tensors[i]);
    }
  }
  if (autograd::compute_requires_grad(tensors))
    if (auto* n = autograd::record("StackBackward0", stack_backward, tensors, {out})) n->keep_int(dim);
  return out;
}

Tensor& stack_out(Tensor& out, TensorList tensors, int64_t dim) {
  autograd::check_out_no_grad("stack", out, tensors);
  check_stack_inputs(tensors);
  dim = maybe_wrap_dim(dim, tensors[0].dim() + 1);
  prepare_out(out, stacked_shape(tensors, dim), common_dtype(tensors), tensors);
  for (size_t i = 0; i < tensors.size(); ++i) {
    Tensor dst = select(out, dim, static_cast<int64_t>(i));
    copy_(dst, tensors[i]);
  }
  return out;
}

Tensor hstack(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "hstack expects a non-empty TensorList");
  auto rs = map_tensors(tensors, atleast_1d);
  return cat(rs, rs[0].dim() == 1 ? 0 : 1);
}

Tensor vstack(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "vstack expects a non-empty TensorList");
  return cat(map_tensors(tensors, atleast_2d), 0);
}

Tensor row_stack(TensorList tensors) { return vstack(tensors); }

Tensor dstack(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "dstack expects a non-empty TensorList");
  return cat(map_tensors(tensors, atleast_3d), 2);
}

Tensor column_stack(TensorList tensors) {
  WICK_CHECK(!tensors.empty(), "column_stack expects a non-empty TensorList");
  std::vector<Tensor> cols;
  cols.reserve(tensors.size());
  for (const Tensor& t : tensors) cols.push_back(t.dim() <= 1 ? reshape(t, {t.numel(), 1}) : t);
  return hstack(cols);
}

// ---- repeat / tile / repeat_interleave ------------------------------------------

Tensor repeat(const Tensor& self, IntArrayRef repeats) {
  const int64_t nd = static_cast<int64_t>(repeats.size());
  WICK_CHECK(nd >= self.dim(),
             "Number of dimensions of repeat dims can not be smaller than number of dimensions "
             "of tensor");
  const int64_t pad = nd - self.dim();
  DimVector out_shape(nd);
  // Source viewed as [1, s0, 1, s1, ...] and expanded to [r0, s0, r1, s1, ...]
  // (stride 0 on the repeat dims) is exactly the result viewed the same way.
  DimVector pair_sizes(2 * nd), src_strides(2 * nd);
  for (int64_t i = 0; i < nd; ++i) {
    const int64_t s = i < pad ? 1 : self.sizes()[i - pad];
    out_shape[i] = s * repeats[i];
    pair_sizes[2 * i] = repeats[i];
    pair_sizes[2 * i + 1] = s;
    src_strides[2 * i] = 0;
    src_strides[2 * i + 1] = i < pad ? 0 : self.strides()[i - pad];
  }
  Tensor out = empty(out_shape, self.options());
  if (out.numel() != 0) {
    autograd::NoGradGuard no_grad;
    Tensor src = make_view(self, pair_sizes, src_strides, self.storage_offset());
    Tensor dst = make_view(out, pair_sizes, contiguous_strides(pair_sizes), 0);
    copy_(dst, src);
  }
  if (autograd::compute_requires_grad(self))
    if (auto* n = autograd::record("RepeatBackward0", repeat_backward, {self}, {out}))
      n->keep(pair_sizes)->keep(self.sizes());
  return out;
}

Tensor tile(const Tensor& self, IntArrayRef dims) {
  if (static_cast<int64_t>(dims.size()) >= self.dim()) return repeat(self, dims);
  DimVector padded(self.dim() - dims.size(), 1);
  padded.insert(padded.end(), dims.begin(), dims.end());
  return repeat(self, padded);
}

Tensor repeat_interleave(const Tensor& self, int64_t repeats, std::optional<int64_t> dim) {
  WICK_CHECK(repeats >= 0, "repeats can not be negative");
  Tensor input = dim ? self : flatten(self);
  const int64_t d = dim ? maybe_wrap_dim(*dim, input.dim(), /*wrap_scalar=*/false) : 0;
  const int64_t rows = input.sizes()[d];
  std::vector<int64_t> source_row(rows * repeats);
  for (int64_t i = 0; i < rows; ++i)
    std::fill_n(source_row.begin() + i * repeats, repeats, i);
  DimVector out_shape = input.sizes().vec();
  out_shape[d] = rows * repeats;
  Tensor out = empty(out_shape, input.options());
  {
    autograd::NoGradGuard no_grad;
    gather_rows(input.contiguous(), out, d, source_row);
  }
  record_rows(input, d, source_row, out);
  return out;
}

Tensor repeat_interleave(const Tensor& self, const Tensor& repeats, std::optional<int64_t> dim) {
  Tensor input = dim ? self : flatten(self);
  const int64_t d = dim ? maybe_wrap_dim(*dim, input.dim(), /*wrap_scalar=*/false) : 0;
  const int64_t rows = input.sizes()[d];
  WICK_CHECK(repeats.dim() <= 1, "repeats must be 0-dim or 1-dim tensor");
  std::vector<int64_t> counts = repeat_counts(repeats);
  if (repeats.dim() == 0 || counts.size() == 1) counts.assign(rows, counts[0]);
  WICK_CHECK(static_cast<int64_t>(counts.size()) == rows,
             "repeats must have the same size as input along dim");
  std::vector<int64_t> source_row;
  source_row.reserve(std::accumulate(counts.begin(), counts.end(), int64_t{0}));
  for (int64_t i = 0; i < rows; ++i) source_row.insert(source_row.end(), counts[i], i);
  DimVector out_shape = input.sizes().vec();
  out_shape[d] = static_cast<int64_t>(source_row.size());
  Tensor out = empty(out_shape, input.options());
  {
    autograd::NoGradGuard no_grad;
    gather_rows(input.contiguous(), out, d, source_row);
  }
  record_rows(input, d, source_row, out);
  return out;
}

Tensor repeat_interleave(const Tensor& repeats) {
  WICK_CHECK(repeats.dim() == 1, "repeat_interleave only accept 1D vector as repeat");
  std::vector<int64_t> counts = repeat_counts(repeats);
  const int64_t total = std::accumulate(counts.begin(), counts.end(), int64_t{0});
  Tensor out = empty({total}, kLong);
  int64_t* p = out.data_ptr<int64_t>();
  for (size_t i = 0; i < counts.size(); ++i) p = std::fill_n(p, counts[i], static_cast<int64_t>(i));
  return out.to(repeats.dtype());
}

// ---- flip / roll / rot90 ---------------------------------------------------------

Tensor flip(const Tensor& self, IntArrayRef dims) {
  const int64_t nd = self.dim();
  std::vector<bool> flipped(std::max<int64_t>(nd, 1), false);
  for (int64_t d : dims) {
    d = maybe_wrap_dim(d, nd);
    WICK_CHECK(!flipped[d], "dim ", d, " appears multiple times in the list of dims");
    flipped[d] = true;
  }
  Tensor out = empty_preserving_layout(self);
  if (autograd::compute_requires_grad(self))
    if (auto* n = autograd::record("FlipBackward0", flip_backward, {self}, {out})) n->keep(dims);
  if (self.numel() == 0) return out;
  autograd::NoGradGuard no_grad;
  // Read self backwards along the flipped dims: a view starting at the last
  // element with negated strides there.
  DimVector strides = self.strides().vec();
  int64_t offset = self.storage_offset();
  for (int64_t d = 0; d < nd; ++d) {
    if (!flipped[d]) continue;
    offset += (self.sizes()[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  copy_(out, make_view(self, self.sizes(), strides, offset));
  return out;
}

Tensor fliplr(const Tensor& self) {
  WICK_CHECK(self.dim() >= 2, "Input must be >= 2-d.");
  return flip(self, {1});
}

Tensor flipud(const Tensor& self) {
  WICK_CHECK(self.dim() >= 1, "Input must be >= 1-d.");
  return flip(self, {0});
}

static Tensor roll_one_dim(const Tensor& self, int64_t shift, int64_t dim) {
  Tensor out = empty(self.sizes(), self.options());
  const int64_t size = self.sizes()[dim];
  if (self.numel() == 0) return out;
  const int64_t s = ((shift % size) + size) % size;
  if (s == 0) {
    copy_(out, self);
    return out;
  }
  Tensor head = narrow(out, dim, 0, s), tail = narrow(out, dim, s, size - s);
  copy_(head, narrow(self, dim, size - s, s));
  copy_(tail, narrow(self, dim, 0, size - s));
  return out;
}

static Tensor roll_impl(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  WICK_CHECK(!shifts.empty(), "`shifts` required");
  if (dims.empty() && shifts.size() == 1) {
    return view(roll_one_dim(flatten(self), shifts[0], 0), self.sizes());
  }
  WICK_CHECK(shifts.size() == dims.size(), "shifts and dimensions must align. shifts: ",
             shifts.size(), ", dims:", dims.size());
  Tensor out = self;
  for (size_t i = 0; i < dims.size(); ++i)
    out = roll_one_dim(out, shifts[i], maybe_wrap_dim(dims[i], self.dim(), /*wrap_scalar=*/false));
  // No dims to roll: still a new tensor.
  return out.is_same(self) ? contiguous_copy(self) : out;
}

Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  Tensor out;
  {
    autograd::NoGradGuard no_grad;
    out = roll_impl(self, shifts, dims);
  }
  if (autograd::compute_requires_grad(self))
    if (auto* n = autograd::record("RollBackward0", roll_backward, {self}, {out}))
      n->keep(shifts)->keep(dims);
  return out;
}

Tensor rot90(const Tensor& self, int64_t k, IntArrayRef dims) {
  const int64_t nd = self.dim();
  WICK_CHECK(dims.size() == 2, "expected total rotation dims == 2, but got dims = ", dims.size());
  WICK_CHECK(nd >= 2, "expected total dims >= 2, but got total dims = ", nd);
  WICK_CHECK(dims[0] != dims[1], "expected rotation dims to be different, but got dim0 = ",
             dims[0], " and dim1 = ", dims[1]);
  WICK_CHECK(dims[0] < nd && dims[0] >= -nd, "Rotation dim0 out of range, dim0 = ", dims[0]);
  WICK_CHECK(dims[1] < nd && dims[1] >= -nd, "Rotation dim1 out of range, dim1 = ", dims[1]);
  const int64_t d0 = dims[0], d1 = dims[1];
  Tensor out;
  {
    autograd::NoGradGuard no_grad;
    switch (((k % 4) + 4) % 4) {
      case 1: out = transpose(flip(self, {d1}), d0, d1); break;
      case 2: out = flip(self, {d0, d1}); break;
      case 3: out = transpose(flip(self, {d0}), d0, d1); break;
      default: out = contiguous_copy(self);
    }
  }
  if (autograd::compute_requires_grad(self))
    if (auto* n = autograd::record("Rot90Backward0", rot90_backward, {self}, {out}))
      n->keep(dims)->keep_int(k);
  return out;
}

// ---- Tensor methods ---------------------------------------------------------------

Tensor Tensor::repeat(IntArrayRef repeats) const { return wick::repeat(*this, repeats); }
Tensor Tensor::repeat_interleave(int64_t repeats, std::optional<int64_t> dim) const {
  return wick::repeat_interleave(*this, repeats, dim);
}
Tensor Tensor::repeat_interleave(const Tensor& repeats, std::optional<int64_t> dim) const {
  return wick::repeat_interleave(*this, repeats, dim);
}
Tensor Tensor::tile(IntArrayRef dims) const { return wick::tile(*this, dims); }
Tensor Tensor::flip(IntArrayRef dims) const { return wick::flip(*this, dims); }
Tensor Tensor::fliplr() const { return wick::fliplr(*this); }
Tensor Tensor::flipud() const { return wick::flipud(*this); }
Tensor Tensor::roll(IntArrayRef shifts, IntArrayRef dims) const {
  return wick::roll(*this, shifts, dims);
}
Tensor Tensor::rot90(int64_t k, IntArrayRef dims) const { return wick::rot90(*this, k, dims); }

}  // namespace wick

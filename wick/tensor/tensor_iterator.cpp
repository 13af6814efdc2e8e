#include "wick/tensor/tensor_iterator.h"

#include <algorithm>

#include "wick/core/parallel.h"
#include "wick/ops/creation.h"

namespace wick {

// ---- promotion ---------------------------------------------------------------

namespace {
// Note [Promotion categories]
// PyTorch ranks operands in three tiers: tensors with dims, zero-dim tensors,
// and wrapped numbers (Python scalars). A lower tier only changes the result
// when it is of a higher category (bool < integer < floating).
struct ResultTypeState {
  ScalarType dim = ScalarType::Undefined;
  ScalarType zero = ScalarType::Undefined;
  ScalarType wrapped = ScalarType::Undefined;
};

ScalarType promote_skip_undefined(ScalarType a, ScalarType b) {
  if (a == ScalarType::Undefined) return b;
  if (b == ScalarType::Undefined) return a;
  return promote_types(a, b);
}

void update_state(ResultTypeState& st, const Tensor& t) {
  if (!t.defined()) return;
  ScalarType current = t.dtype();
  if (t.unsafeGetTensorImpl()->is_wrapped_number()) {
    if (is_floating_type(current)) current = get_default_dtype();
    st.wrapped = promote_skip_undefined(st.wrapped, current);
  } else if (t.dim() == 0) {
    st.zero = promote_skip_undefined(st.zero, current);
  } else {
    st.dim = promote_skip_undefined(st.dim, current);
  }
}

ScalarType combine_categories(ScalarType higher, ScalarType lower) {
  if (is_floating_type(higher)) return higher;
  if (higher == kBool || is_floating_type(lower)) return promote_skip_undefined(higher, lower);
  if (higher != ScalarType::Undefined) return higher;
  return lower;
}

ScalarType result_of(const ResultTypeState& st) {
  return combine_categories(st.dim, combine_categories(st.zero, st.wrapped));
}
}  // namespace

ScalarType result_type(ArrayRef<Tensor> tensors) {
  ResultTypeState st;
  for (const auto& t : tensors) update_state(st, t);
  return result_of(st);
}

ScalarType result_type(const Tensor& a, const Scalar& b) {
  ResultTypeState st;
  update_state(st, a);
  ScalarType bt = b.isFloatingPoint() ? get_default_dtype() : b.type();
  st.wrapped = bt;
  return result_of(st);
}

Tensor wrapped_scalar_tensor(const Scalar& s) {
  Tensor t = scalar_tensor(s, TensorOptions(s.type()));
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
}

DimVector infer_size(IntArrayRef a, IntArrayRef b) {
  size_t na = a.size(), nb = b.size();
  size_t n = std::max(na, nb);
  DimVector out(n);
  for (ptrdiff_t i = static_cast<ptrdiff_t>(n) - 1; i >= 0; --i) {
    ptrdiff_t off = static_cast<ptrdiff_t>(n) - 1 - i;
    ptrdiff_t ia = static_cast<ptrdiff_t>(na) - 1 - off;
    ptrdiff_t ib = static_cast<ptrdiff_t>(nb) - 1 - off;
    int64_t sa = ia >= 0 ? a[ia] : 1;
    int64_t sb = ib >= 0 ? b[ib] : 1;
    WICK_CHECK(sa == sb || sa == 1 || sb == 1, "The size of tensor a (", sa,
               ") must match the size of tensor b (", sb, ") at non-singleton dimension ", i);
    out[i] = sa == 1 ? sb : sa;
  }
  return out;
}

// ---- config ------------------------------------------------------------------

TensorIteratorConfig& TensorIteratorConfig::add_output(const Tensor& t) {
  outputs_.push_back(t);
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::add_input(const Tensor& t) {
  WICK_CHECK(t.defined(), "TensorIterator: undefined input tensor");
  if (inputs_.empty()) inputs_.reserve(3);  // one allocation for the common 1-3 inputs
  inputs_.push_back(t);
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::promote_inputs_to_common_dtype(bool v) {
  promote_inputs_ = v;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::promote_integer_inputs_to_float(bool v) {
  promote_int_to_float_ = v;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::cast_common_dtype_to_outputs(bool v) {
  cast_to_outputs_ = v;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::enforce_safe_casting_to_output(bool v) {
  safe_casting_ = v;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::check_all_same_dtype(bool v) {
  check_same_dtype_ = v;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::resize_outputs(bool v) {
  resize_outputs_ = v;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::declare_static_dtype(ScalarType t) {
  static_dtype_ = t;
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::declare_static_shape(IntArrayRef shape) {
  static_shape_ = DimVector(shape.begin(), shape.end());
  return *this;
}
TensorIteratorConfig& TensorIteratorConfig::name(const char* n) {
  name_ = n;
  return *this;
}
TensorIterator TensorIteratorConfig::build() {
  TensorIterator it;
  it.build(*this);
  return it;
}

// ---- shorthands --------------------------------------------------------------

TensorIterator TensorIterator::unary_op(const Tensor& out, const Tensor& a, const char* name) {
  return TensorIteratorConfig().name(name).add_output(out).add_input(a).build();
}
TensorIterator TensorIterator::unary_float_op(const Tensor& out, const Tensor& a,
                                              const char* name) {
  return TensorIteratorConfig()
      .name(name)
      .add_output(out)
      .add_input(a)
      .promote_integer_inputs_to_float(true)
      .build();
}
TensorIterator TensorIterator::binary_op(const Tensor& out, const Tensor& a, const Tensor& b,
                                         const char* name) {
  return TensorIteratorConfig().name(name).add_output(out).add_input(a).add_input(b).build();
}
TensorIterator TensorIterator::binary_float_op(const Tensor& out, const Tensor& a,
                                               const Tensor& b, const char* name) {
  return TensorIteratorConfig()
      .name(name)
      .add_output(out)
      .add_input(a)
      .add_input(b)
      .promote_integer_inputs_to_float(true)
      .build();
}
TensorIterator TensorIterator::comparison_op(const Tensor& out, const Tensor& a,
                                             const Tensor& b, const char* name) {
  return TensorIteratorConfig()
      .name(name)
      .add_output(out)
      .add_input(a)
      .add_input(b)
      .declare_static_dtype(kBool)
      .enforce_safe_casting_to_output(false)
      .build();
}
TensorIterator TensorIterator::nullary_op(const Tensor& out) {
  return TensorIteratorConfig()
      .add_output(out)
      .resize_outputs(false)
      .check_all_same_dtype(false)
      .cast_common_dtype_to_outputs(false)
      .build();
}

// ---- build -------------------------------------------------------------------

// Note [TensorIterator fast path]
// When every operand is contiguous with the broadcast shape itself (no
// broadcasting, no out= to resize, no empty tensor) and no input needs a cast,
// the general ordering and coalescing below always give one dimension of numel
// elements (byte stride = element size; 0 when numel == 1, as coalescing gives
// for size-1 dims) and outputs laid out contiguously. build() then skips the
// permutation search and the coalescing loop, with the same result.
void TensorIterator::build(TensorIteratorConfig& cfg) {
  noutputs_ = static_cast<int>(cfg.outputs_.size());
  const int nin = static_cast<int>(cfg.inputs_.size());

  // Devices: everything runs where the operands live; only the CPU exists so far.
  for (const auto& t : cfg.outputs_)
    if (t.defined()) check_device_usable(t.device());
  for (const auto& t : cfg.inputs_) check_device_usable(t.device());

  // Shape.
  DimVector shape;
  if (cfg.static_shape_) {
    shape = *cfg.static_shape_;
  } else if (nin == 0) {
    for (const auto& t : cfg.outputs_)
      if (t.defined()) shape.assign(t.sizes().begin(), t.sizes().end());
  } else {
    // In-place and fixed-shape outputs take part in broadcasting; out= tensors
    // that may be resized do not.
    bool first = true;
    auto broadcast = [&](const Tensor& t) {
      if (first) {
        shape.assign(t.sizes().begin(), t.sizes().end());
        first = false;
      } else if (!t.sizes().equals(shape)) {
        shape = infer_size(shape, t.sizes());
      }
    };
    if (!cfg.resize_outputs_)
      for (const auto& t : cfg.outputs_)
        if (t.defined()) broadcast(t);
    for (const auto& t : cfg.inputs_) broadcast(t);
  }
  for (const auto& out : cfg.outputs_) {
    if (!out.defined() || out.sizes().equals(shape)) continue;
    WICK_CHECK(cfg.resize_outputs_, "output with shape ", out.sizes(),
               " doesn't match the broadcast shape ", IntArrayRef(shape));
    const_cast<Tensor&>(out).resize_(shape);
  }

  // Dtypes.
  if (cfg.check_same_dtype_) {
    ScalarType first = ScalarType::Undefined;
    auto check = [&](const Tensor& t) {
      if (!t.defined()) return;
      if (first == ScalarType::Undefined) first = t.dtype();
      WICK_CHECK(t.dtype() == first, "Expected all tensors to have the same dtype, but got ",
                 to_string(first), " and ", to_string(t.dtype()), " for ", cfg.name_);
    };
    for (const auto& t : cfg.outputs_) check(t);
    for (const auto& t : cfg.inputs_) check(t);
  }
  ScalarType common = ScalarType::Undefined;
  if (nin > 0) {
    common = cfg.promote_inputs_ ? result_type(cfg.inputs_) : cfg.inputs_[0].dtype();
  } else {
    for (const auto& t : cfg.outputs_)
      if (t.defined()) common = t.dtype();
  }
  if (cfg.promote_int_to_float_ && is_integral_type(common, /*include_bool=*/true)) {
    common = get_default_dtype();
  }
  common_dtype_ = common;
  ScalarType out_dtype = cfg.static_dtype_ ? *cfg.static_dtype_ : common;

  const int nd = static_cast<int>(shape.size());
  // Note [TensorIterator fast path]: the shape-and-layout condition.
  const int64_t shape_numel = multiply_integers(shape);
  bool simple = !cfg.static_shape_ && nin > 0 && shape_numel > 0;
  auto plain = [&](const Tensor& t) { return t.is_contiguous() && t.sizes().equals(shape); };
  for (int i = 0; simple && i < noutputs_; ++i) {
    const Tensor& t = cfg.outputs_[i];
    if (t.defined() && !plain(t)) simple = false;
  }

  operands_.resize(noutputs_ + nin);
  for (int i = 0; i < nin; ++i) {
    Operand& op = operands_[noutputs_ + i];
    Tensor& t = cfg.inputs_[i];  // build() consumes the config
    if (cfg.promote_inputs_ && t.dtype() != common) {
      op.tensor = t.to(common);
    } else {
      op.tensor = std::move(t);
    }
    op.dtype = op.tensor.dtype();
    if (simple && !plain(op.tensor)) simple = false;
  }

  // Iteration order: innermost (smallest stride) first. Note [Output layout]:
  // outputs are allocated in the inputs' memory order, as PyTorch does, so
  // an op on transposed inputs gives a transposed (not contiguous) result.
  auto elem_stride = [&](const Tensor& t, int d) -> int64_t {
    int off = nd - static_cast<int>(t.dim());
    if (d < off) return 0;
    return t.size(d - off) == 1 ? 0 : t.stride(d - off);
  };
  SmallVector<int, 6> perm(nd);
  for (int i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
  auto should_swap = [&](int d0, int d1) -> int {
    auto cmp = [&](const Tensor& t) -> int {
      int64_t s0 = elem_stride(t, d0), s1 = elem_stride(t, d1);
      if (s0 == 0 || s1 == 0) return 0;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (shape[d0] > shape[d1]) return 1;
      return 0;
    };
    for (int i = 0; i < noutputs_; ++i) {
      const Tensor& t = cfg.outputs_[i];
      if (!t.defined()) continue;
      int r = cmp(t);
      if (r != 0) return r;
    }
    for (int i = 0; i < nin; ++i) {
      int r = cmp(operands_[noutputs_ + i].tensor);
      if (r != 0) return r;
    }
    return 0;
  };
  if (nd > 1 && !simple) {
    for (int i = 1; i < nd; ++i) {
      int dim1 = i;
      for (int dim0 = i - 1; dim0 >= 0; --dim0) {
        int r = should_swap(perm[dim0], perm[dim1]);
        if (r > 0) {
          std::swap(perm[dim0], perm[dim1]);
          dim1 = dim0;
        } else if (r < 0) {
          break;
        }
      }
    }
  }

  // Outputs: allocate missing ones (or a temporary for a dtype mismatch).
  auto alloc_like_perm = [&](ScalarType dt) {
    if (simple) return empty(shape, TensorOptions(dt));  // the identity order
    DimVector strides(nd);
    int64_t s = 1;
    for (int i = 0; i < nd; ++i) {
      strides[perm[i]] = s;
      s *= std::max<int64_t>(shape[perm[i]], 1);
    }
    return empty_strided(shape, strides, TensorOptions(dt));
  };
  // results_ takes over the config's list (the given outputs, undefined for the
  // ones allocated here): one allocation less per op.
  results_ = std::move(cfg.outputs_);
  for (int i = 0; i < noutputs_; ++i) {
    const Tensor& out = results_[i];
    Operand& op = operands_[i];
    if (!out.defined()) {
      op.tensor = alloc_like_perm(out_dtype);
      results_[i] = op.tensor;  // `out` refers to this slot: not used below
    } else {
      out.bump_version();  // Note [Version counter]: writing into a given tensor
      if (out.dtype() != out_dtype && cfg.cast_to_outputs_) {
        WICK_CHECK(!cfg.safe_casting_ || can_cast(out_dtype, out.dtype()), "result type ",
                   to_string(out_dtype), " can't be cast to the desired output type ",
                   to_string(out.dtype()));
        op.original = out;
        op.tensor = alloc_like_perm(out_dtype);
      } else {
        op.tensor = out;
      }
    }
    op.dtype = op.tensor.dtype();
  }

  numel_ = shape_numel;
  if (simple) {
    // Note [TensorIterator fast path]: one dimension (none for 0-dim operands).
    const int d = nd == 0 ? 0 : 1;
    shape_.assign(static_cast<size_t>(d), numel_);
    for (auto& op : operands_) {
      op.strides.assign(static_cast<size_t>(d), numel_ == 1 ? int64_t{0} : element_size(op.dtype));
      op.data = static_cast<char*>(op.tensor.data_ptr());
    }
    return;
  }

  // Byte strides in iteration order, then merge dims that are contiguous for all.
  shape_.resize(nd);
  for (int i = 0; i < nd; ++i) shape_[i] = shape[perm[i]];
  for (auto& op : operands_) {
    int64_t isz = element_size(op.dtype);
    op.strides.resize(nd);
    for (int i = 0; i < nd; ++i) op.strides[i] = elem_stride(op.tensor, perm[i]) * isz;
    op.data = static_cast<char*>(op.tensor.data_ptr());
  }
  if (nd > 1) {
    int prev = 0;
    for (int d = 1; d < nd; ++d) {
      bool can_merge = shape_[d] == 1 || shape_[prev] == 1;
      if (!can_merge) {
        can_merge = true;
        for (auto& op : operands_)
          if (shape_[prev] * op.strides[prev] != op.strides[d]) can_merge = false;
      }
      if (can_merge) {
        if (shape_[prev] == 1) {
          for (auto& op : operands_) op.strides[prev] = op.strides[d];
        }
        shape_[prev] *= shape_[d];
      } else {
        ++prev;
        if (prev != d) {
          shape_[prev] = shape_[d];
          for (auto& op : operands_) op.strides[prev] = op.strides[d];
        }
      }
    }
    shape_.resize(prev + 1);
    for (auto& op : operands_) op.strides.resize(prev + 1);
  }
}

bool TensorIterator::is_contiguous() const {
  if (numel_ == 1) return true;
  if (ndim() != 1) return false;
  for (const auto& op : operands_)
    if (op.strides[0] != element_size(op.dtype)) return false;
  return true;
}

bool TensorIterator::is_scalar(int arg) const {
  for (auto s : operands_[arg].strides)
    if (s != 0) return false;
  return true;
}

void TensorIterator::serial_for_each(Loop loop, int64_t begin, int64_t end) const {
  if (begin >= end) return;
  const int nt = ntensors();
  const int nd = ndim();
  char* ptrs[16];
  int64_t inner_strides[16];
  WICK_INTERNAL_ASSERT(nt <= 16);
  if (nd == 0) {
    for (int a = 0; a < nt; ++a) {
      ptrs[a] = operands_[a].data;
      inner_strides[a] = 0;
    }
    loop(ptrs, inner_strides, 1);
    return;
  }
  for (int a = 0; a < nt; ++a) inner_strides[a] = operands_[a].strides[0];
  if (nd == 1) {  // one run: no multi-index to track
    for (int a = 0; a < nt; ++a) ptrs[a] = operands_[a].data + begin * inner_strides[a];
    loop(ptrs, inner_strides, end - begin);
    return;
  }
  // Multi-index of `begin`.
  int64_t idx[64];
  WICK_INTERNAL_ASSERT(nd <= 64);
  int64_t rem = begin;
  for (int d = 0; d < nd; ++d) {
    idx[d] = rem % shape_[d];
    rem /= shape_[d];
  }
  int64_t pos = begin;
  while (pos < end) {
    for (int a = 0; a < nt; ++a) {
      char* p = operands_[a].data;
      const auto& st = operands_[a].strides;
      for (int d = 0; d < nd; ++d) p += idx[d] * st[d];
      ptrs[a] = p;
    }
    int64_t n = std::min(shape_[0] - idx[0], end - pos);
    loop(ptrs, inner_strides, n);
    pos += n;
    idx[0] += n;
    for (int d = 0; d < nd - 1 && idx[d] >= shape_[d]; ++d) {
      idx[d] = 0;
      ++idx[d + 1];
    }
  }
}

void TensorIterator::for_each(Loop loop, int64_t grain) const {
  if (numel_ == 0) return;
  if (numel_ < grain || get_num_threads() == 1) {
    serial_for_each(loop, 0, numel_);
    return;
  }
  parallel_for(0, numel_, grain,
               [&](int64_t b, int64_t e) { serial_for_each(loop, b, e); });
}

void TensorIterator::cast_outputs() {
  for (int i = 0; i < noutputs_; ++i) {
    Operand& op = operands_[i];
    if (op.original.defined()) {
      op.original.copy_(op.tensor);
    }
  }
}

}  // namespace wick

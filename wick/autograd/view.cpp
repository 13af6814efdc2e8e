// Note [View history]
// A view made in grad mode remembers its root base (make_view calls
// track_view below). Its own grad_fn comes from the view op
// (SelectBackward0, ViewBackward0, ...). When an in-place op writes through a
// view, the base's values change too, so the base takes a CopySlices node:
// the base's gradient passes through it unchanged except on the view's
// slice, which goes through the in-place op's formula. The view then reads
// its gradient out of the base's (AsStridedBackward0), and so does every
// other view of that base once it sees the shared version counter moved on.
#include <algorithm>

#include "wick/autograd/formula.h"
#include "wick/autograd/variable.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"

namespace wick::autograd {

namespace {

// Where a view sits in its base's storage, relative to the base's offset.
struct Geometry {
  explicit Geometry(const Tensor& t)
      : sizes(t.sizes().vec()), strides(t.strides().vec()), offset(t.storage_offset()) {}
  Geometry(IntArrayRef s, IntArrayRef st, int64_t off) : sizes(s.vec()), strides(st.vec()), offset(off) {}
  DimVector sizes, strides;
  int64_t offset;
};

// A zero gradient buffer laid out like the base, so the view's geometry
// addresses the same elements in it.
Tensor base_like_zeros(const Geometry& base, const TensorOptions& opts) {
  Tensor buf = empty_strided(base.sizes, base.strides, opts);
  buf.zero_();
  return buf;
}

Tensor slice_of(const Tensor& buf, const Geometry& base, const Geometry& view) {
  return buf.as_strided(view.sizes, view.strides, view.offset - base.offset);
}

// Whether two positions of the view may share an element (expand, unfold
// with overlapping windows). Conservative: false means they never do.
bool overlaps(const Geometry& v) {
  std::vector<size_t> dims;
  for (size_t i = 0; i < v.sizes.size(); ++i)
    if (v.sizes[i] > 1) dims.push_back(i);
  std::sort(dims.begin(), dims.end(), [&](size_t a, size_t b) { return v.strides[a] < v.strides[b]; });
  int64_t span = 0;  // largest offset reachable with the smaller-stride dims
  for (size_t d : dims) {
    if (v.strides[d] <= span) return true;
    span += (v.sizes[d] - 1) * v.strides[d];
  }
  return false;
}

Tensor view_to_base_grad(const Tensor& g, const Geometry& base, const Geometry& view);

// Backward of the overlapping scatter below: each view position reads the
// base gradient back (a differentiable copy and as_strided view).
variable_list overlapping_scatter_backward(FormulaNode& n, const variable_list& gg) {
  Geometry base(n.sizes(0), n.sizes(1), n.int_at(0)), view(n.sizes(2), n.sizes(3), n.int_at(1));
  Tensor buf = empty_strided(base.sizes, base.strides, gg[0].options());
  buf.copy_(gg[0]);
  return {slice_of(buf, base, view)};
}

// d(view)/d(base) for a view given by geometry: scatter g into a zero base.
Tensor view_to_base_grad(const Tensor& g, const Geometry& base, const Geometry& view) {
  if (!overlaps(view)) {
    Tensor buf = base_like_zeros(base, g.options());
    slice_of(buf, base, view).copy_(g);  // recorded: differentiable in g
    return buf;
  }
  // Overlapping views (expand, unfold) receive the sum of every position's gradient.
  Tensor out;
  {
    NoGradGuard no_grad;
    Tensor buf = base_like_zeros(base, g.options());
    const int64_t span = static_cast<int64_t>(buf.storage()->nbytes()) / buf.itemsize();
    Tensor flat_index = arange(span, TensorOptions(kLong));
    Tensor idx = slice_of(flat_index, base, view).reshape({-1});
    Tensor flat = zeros({span}, g.options());
    flat.index_add_(0, idx, g.reshape({-1}));
    out = flat.as_strided(base.sizes, base.strides, 0);
  }
  if (compute_requires_grad(g))
    autograd::record("AsStridedScatterBackward0", overlapping_scatter_backward, {g}, {out})
        ->keep(base.sizes)
        ->keep(base.strides)
        ->keep_int(base.offset)
        ->keep(view.sizes)
        ->keep(view.strides)
        ->keep_int(view.offset);
  return out;
}

class AsStridedBackward final : public Node {
 public:
  AsStridedBackward(Edge base_edge, Geometry base, Geometry view)
      : Node(edge_list{std::move(base_edge)}), base_(std::move(base)), view_(std::move(view)) {}
  std::string name() const override { return "AsStridedBackward0"; }
  variable_list apply(variable_list&& grads) override {
    if (!grads[0].defined()) return {Tensor()};
    return {view_to_base_grad(grads[0], base_, view_)};
  }

 private:
  Geometry base_, view_;
};

class CopySlices final : public Node {
 public:
  CopySlices(const Tensor& base, const Tensor& view, std::shared_ptr<Node> fn)
      : base_(base), view_(view), fn_(std::move(fn)) {
    next_edges_.push_back(impl::gradient_edge(base));
    for (size_t i = 1; i < fn_->num_outputs(); ++i) next_edges_.push_back(fn_->next_edge(i));
  }
  std::string name() const override { return "wick::autograd::CopySlices"; }
  void release_variables() override { fn_->release_variables(); }
  variable_list apply(variable_list&& grads) override {
    variable_list out(num_outputs());
    if (!grads[0].defined()) return out;
    Tensor result = empty_strided(base_.sizes, base_.strides, grads[0].options());
    result.copy_(grads[0]);
    Tensor grad_slice = slice_of(result, base_, view_);
    variable_list res = fn_->apply({grad_slice.clone()});
    for (size_t i = 0; i < res.size(); ++i) {
      if (i == 0) {
        if (res[0].defined()) {
          grad_slice.copy_(res[0]);
        } else {
          grad_slice.zero_();
        }
      } else if (i < out.size()) {
        out[i] = std::move(res[i]);
      }
    }
    out[0] = result;
    return out;
  }

 private:
  Geometry base_, view_;
  std::shared_ptr<Node> fn_;
};

// make_view's hook: views made in grad mode remember their root base.
void track_view(const Tensor& base, const Tensor& view) {
  if (!GradMode::is_enabled() || !is_floating_type(view.dtype())) return;
  AutogradMeta* bm = impl::get_autograd_meta(base);
  AutogradMeta& m = impl::materialize_autograd_meta(view);
  m.is_view = true;
  m.base = (bm != nullptr && bm->is_view) ? bm->base : base;
  m.attr_version = view._version();
}

const bool view_hook_installed = (set_view_hook(&track_view), true);

}  // namespace

namespace impl {

Tensor strided_view_grad(const Tensor& g, IntArrayRef in_sizes, IntArrayRef in_strides,
                         int64_t in_offset, IntArrayRef view_sizes, IntArrayRef view_strides,
                         int64_t view_offset) {
  return view_to_base_grad(g, Geometry(in_sizes, in_strides, in_offset),
                           Geometry(view_sizes, view_strides, view_offset));
}

void refresh_view_grad_fn(const Tensor& t, AutogradMeta& m) {
  if (!m.is_view || m.attr_version == t._version()) return;
  m.attr_version = t._version();
  if (!requires_grad(m.base)) return;
  auto fn = std::make_shared<AsStridedBackward>(gradient_edge(m.base), Geometry(m.base), Geometry(t));
  m.output_nr = fn->add_input_metadata(t);
  m.grad_fn = std::move(fn);
}

void rebase_view_history(const Tensor& view, const std::shared_ptr<Node>& fn) {
  AutogradMeta& m = *get_autograd_meta(view);
  Tensor base = m.base;
  auto copy_slices = std::make_shared<CopySlices>(base, view, fn);
  set_history(base, copy_slices);
  // Make the view read its gradient from the base's new history.
  m.attr_version = view._version() + 1;
  refresh_view_grad_fn(view, m);
}

}  // namespace impl

}  // namespace wick::autograd

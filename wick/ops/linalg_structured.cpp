// einsum, tensordot, kron, cross, trace, diag, diag_embed, tril/triu.
#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>

#include "wick/autograd/variable.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg.h"
#include "wick/ops/linalg_internal.h"
#include "wick/tensor/tensor_iterator.h"

namespace wick {
using namespace linalg_detail;

namespace {

constexpr int kEllipsisBase = 52;  // label ids: A-Z 0..25, a-z 26..51, ellipsis dims after

int label_id(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' : c - 'a' + 26; }
char label_char(int id) { return id < 26 ? static_cast<char>('A' + id) : static_cast<char>('a' + id - 26); }

struct Term {
  std::vector<int> labels;  // letters, with -1 marking the ellipsis
  bool has_ellipsis = false;
};

Term parse_term(const std::string& s, size_t offset, int operand) {
  Term t;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      WICK_CHECK(!t.has_ellipsis, "einsum(): found '.' for operand ", operand,
                 " for which an ellipsis was already found");
      WICK_CHECK(s.compare(i, 3, "...") == 0, "einsum(): found '.' for operand ", operand,
                 " that is not part of any ellipsis");
      t.has_ellipsis = true;
      t.labels.push_back(-1);
      i += 2;
    } else {
      WICK_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'),
                 "einsum(): invalid subscript given at index ", offset + i,
                 " in the equation string, subscripts must be in [a-zA-Z]");
      t.labels.push_back(label_id(c));
    }
  }
  return t;
}

struct LabeledTensor {
  Tensor t;
  std::vector<int> labels;  // one per dim, distinct
};

// Sums out the dims whose label is not in `keep`.
LabeledTensor sum_unneeded(LabeledTensor x, const std::vector<bool>& keep) {
  DimVector dims;
  std::vector<int> left;
  for (size_t d = 0; d < x.labels.size(); ++d) {
    if (keep[x.labels[d]]) left.push_back(x.labels[d]);
    else dims.push_back(static_cast<int64_t>(d));
  }
  if (dims.empty()) return x;
  return {sum_dims(x.t, dims, false, x.t.dtype()), left};
}

int find_label(const std::vector<int>& v, int id) {
  auto it = std::find(v.begin(), v.end(), id);
  return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}

}  // namespace

Tensor einsum_nograd(const std::string& equation, TensorList tensors) {
  std::string eq;
  for (char c : equation)
    if (c != ' ') eq.push_back(c);
  const size_t arrow = eq.find("->");
  const std::string lhs = arrow == std::string::npos ? eq : eq.substr(0, arrow);
  std::vector<Term> terms;
  {
    size_t start = 0;
    int op = 0;
    while (true) {
      size_t comma = lhs.find(',', start);
      std::string part = lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      terms.push_back(parse_term(part, start, op++));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  WICK_CHECK(terms.size() <= tensors.size(),
             "einsum(): fewer operands were provided than specified in the equation");
  WICK_CHECK(terms.size() >= tensors.size(),
             "einsum(): more operands were provided than specified in the equation");
  for (size_t i = 1; i < tensors.size(); ++i)
    WICK_CHECK(tensors[i].dtype() == tensors[0].dtype(), "expected scalar type ",
               tensors[0].dtype(), " but found ", tensors[i].dtype());

  // Number of dims each ellipsis covers; ellipsis dims align to the right.
  int64_t max_ell = 0;
  std::vector<int64_t> ell_dims(terms.size(), 0);
  for (size_t i = 0; i < terms.size(); ++i) {
    const int64_t nlab = static_cast<int64_t>(terms[i].labels.size()) - terms[i].has_ellipsis;
    const int64_t nd = tensors[i].dim();
    if (terms[i].has_ellipsis) {
      WICK_CHECK(nlab <= nd, "einsum(): the number of subscripts in the equation (", nlab,
                 ") is more than the number of dimensions (", nd, ") for operand ", i);
      ell_dims[i] = nd - nlab;
      max_ell = std::max(max_ell, ell_dims[i]);
    } else {
      WICK_CHECK(nlab == nd, "einsum(): the number of subscripts in the equation (", nlab,
                 ") does not match the number of dimensions (", nd, ") for operand ", i,
                 " and no ellipsis was given");
    }
  }
  const int nids = kEllipsisBase + static_cast<int>(max_ell);

  // Per operand: labels per dim, then repeated labels collapse to a diagonal.
  std::vector<LabeledTensor> ops;
  std::vector<int64_t> label_size(nids, -1);
  std::vector<int> label_count(nids, 0);
  for (size_t i = 0; i < terms.size(); ++i) {
    std::vector<int> dims_labels;
    for (int l : terms[i].labels) {
      if (l == -1) {
        for (int64_t e = 0; e < ell_dims[i]; ++e)
          dims_labels.push_back(kEllipsisBase + static_cast<int>(max_ell - ell_dims[i] + e));
      } else {
        dims_labels.push_back(l);
      }
    }
    const Tensor& t = tensors[i];
    std::vector<int> uniq;
    DimVector sz, st;
    for (int64_t d = 0; d < t.dim(); ++d) {
      int pos = find_label(uniq, dims_labels[d]);
      if (pos < 0) {
        uniq.push_back(dims_labels[d]);
        sz.push_back(t.size(d));
        st.push_back(t.stride(d));
      } else {
        WICK_CHECK(sz[pos] == t.size(d), "einsum(): subscript ", label_char(dims_labels[d]),
                   " is repeated for operand ", i, " but the sizes don't match, ", t.size(d),
                   " != ", sz[pos]);
        st[pos] += t.stride(d);
      }
    }
    for (size_t d = 0; d < uniq.size(); ++d) {
      const int l = uniq[d];
      label_count[l]++;
      if (label_size[l] == -1) {
        label_size[l] = sz[d];
      } else if (sz[d] != label_size[l]) {
        WICK_CHECK(sz[d] == 1 || label_size[l] == 1,
                   l < kEllipsisBase
                       ? str("einsum(): subscript ", label_char(l), " has size ", sz[d],
                             " for operand ", i,
                             " which does not broadcast with previously seen size ",
                             label_size[l])
                       : str("einsum(): operands do not broadcast with remapped shapes"));
        if (label_size[l] == 1) label_size[l] = sz[d];
      }
    }
    ops.push_back({make_view(t, sz, st, t.storage_offset()), uniq});
  }

  // Output labels.
  std::vector<int> out_labels;
  if (arrow != std::string::npos) {
    const std::string rhs = eq.substr(arrow + 2);
    Term out = parse_term(rhs, arrow + 2, -1);
    for (int l : out.labels) {
      if (l == -1) {
        for (int64_t e = 0; e < max_ell; ++e) out_labels.push_back(kEllipsisBase + static_cast<int>(e));
        continue;
      }
      WICK_CHECK(l < nids && label_count[l] > 0, "einsum(): output subscript ", label_char(l),
                 " does not appear in the equation for any input operand");
      WICK_CHECK(find_label(out_labels, l) < 0, "einsum(): output subscript ", label_char(l),
                 " appears more than once in the output");
      out_labels.push_back(l);
    }
  } else {
    for (int64_t e = 0; e < max_ell; ++e) out_labels.push_back(kEllipsisBase + static_cast<int>(e));
    // Implicit output: the letters written exactly once in the whole equation.
    std::vector<int> written(kEllipsisBase, 0);
    for (const auto& term : terms)
      for (int l : term.labels)
        if (l >= 0) written[l]++;
    for (int l = 0; l < kEllipsisBase; ++l)
      if (written[l] == 1) out_labels.push_back(l);
  }
  std::vector<bool> in_out(nids, false);
  for (int l : out_labels) in_out[l] = true;

  // Labels only one operand has and the output lacks are summed right away.
  for (auto& op : ops) {
    std::vector<bool> keep(nids);
    for (int l = 0; l < nids; ++l) keep[l] = in_out[l] || label_count[l] > 1;
    op = sum_unneeded(op, keep);
  }

  LabeledTensor cur = ops[0];
  for (size_t i = 1; i < ops.size(); ++i) {
    LabeledTensor other = ops[i];
    std::vector<bool> needed(in_out);
    for (size_t j = i + 1; j < ops.size(); ++j)
      for (int l : ops[j].labels) needed[l] = true;
    std::vector<int> batch, left, contract, right;
    for (int l : cur.labels) {
      if (find_label(other.labels, l) >= 0) (needed[l] ? batch : contract).push_back(l);
      else left.push_back(l);
    }
    for (int l : other.labels)
      if (find_label(cur.labels, l) < 0) right.push_back(l);
    auto arrange = [&](const LabeledTensor& x, std::initializer_list<const std::vector<int>*> groups) {
      DimVector perm, shape;
      std::vector<int64_t> counts;
      for (auto* g : groups) {
        for (int l : *g) {
          int pos = find_label(x.labels, l);
          perm.push_back(pos < 0 ? -1 : pos);
          shape.push_back(label_size[l]);
        }
        counts.push_back(static_cast<int64_t>(g->size()));
      }
      // Labels missing on this side (left/right groups) never occur; shared
      // labels of size 1 on one side are broadcast by expanding.
      DimVector sz, st;
      for (size_t d = 0; d < perm.size(); ++d) {
        const int64_t s = x.t.size(perm[d]);
        sz.push_back(shape[d]);
        st.push_back(s == shape[d] ? x.t.stride(perm[d]) : 0);
      }
      Tensor v = make_view(x.t, sz, st, x.t.storage_offset());
      return merge_groups(v, IntArrayRef(counts.data(), counts.size()));
    };
    Tensor a3 = arrange(cur, {&batch, &left, &contract});
    Tensor b3 = arrange(other, {&batch, &contract, &right});
    Tensor res = empty({a3.size(0), a3.size(1), b3.size(2)}, a3.options());
    WICK_CHECK(res.dtype() != kBool, "\"bmm\" not implemented for 'Bool'");
    bmm_into(res, a3, b3, 0, 1);
    DimVector shape;
    std::vector<int> labels;
    for (auto* g : {&batch, &left, &right})
      for (int l : *g) {
        shape.push_back(label_size[l]);
        labels.push_back(l);
      }
    cur = {make_view(res, shape, row_major_strides(shape), 0), labels};
  }
  cur = sum_unneeded(cur, in_out);
  DimVector perm;
  for (int l : out_labels) perm.push_back(find_label(cur.labels, l));
  return permute_view(cur.t, perm);
}

Tensor tensordot_nograd(const Tensor& a, const Tensor& b, IntArrayRef dims_a, IntArrayRef dims_b) {
  WICK_CHECK(dims_a.size() == dims_b.size(), "both dimension lists should have same length");
  WICK_CHECK(a.dtype() == b.dtype(), "expected scalar type ", a.dtype(), " but found ", b.dtype());
  std::vector<bool> ca(a.dim(), false), cb(b.dim(), false);
  DimVector wa, wb;
  for (size_t i = 0; i < dims_a.size(); ++i) {
    int64_t x = maybe_wrap_dim(dims_a[i], a.dim()), y = maybe_wrap_dim(dims_b[i], b.dim());
    WICK_CHECK(a.size(x) == b.size(y), "contracted dimensions need to match, but first has size ",
               a.size(x), " in dim ", dims_a[i], " and second has size ", b.size(y), " in dim ",
               dims_b[i]);
    WICK_CHECK(!ca[x] && !cb[y], "dim ", ca[x] ? x : y, " appears multiple times in the list of dims");
    ca[x] = cb[y] = true;
    wa.push_back(x);
    wb.push_back(y);
  }
  DimVector perm_a, perm_b, out_shape;
  for (int64_t d = 0; d < a.dim(); ++d)
    if (!ca[d]) {
      perm_a.push_back(d);
      out_shape.push_back(a.size(d));
    }
  const int64_t free_a = static_cast<int64_t>(perm_a.size());
  for (auto d : wa) perm_a.push_back(d);
  for (auto d : wb) perm_b.push_back(d);
  for (int64_t d = 0; d < b.dim(); ++d)
    if (!cb[d]) {
      perm_b.push_back(d);
      out_shape.push_back(b.size(d));
    }
  const int64_t nc = static_cast<int64_t>(wa.size());
  Tensor a2 = merge_groups(permute_view(a, perm_a), {free_a, nc});
  Tensor b2 = merge_groups(permute_view(b, perm_b), {nc, b.dim() - nc});
  WICK_CHECK(a.dtype() != kBool, "\"addmm_impl_cpu_\" not implemented for 'Bool'");
  Tensor res = empty({1, a2.size(0), b2.size(1)}, a.options());
  bmm_into(res, unsqueeze_view(a2, 0), unsqueeze_view(b2, 0), 0, 1);
  return make_view(res, out_shape, row_major_strides(out_shape), 0);
}

Tensor tensordot(const Tensor& a, const Tensor& b, int64_t dims) {
  WICK_CHECK(dims >= 0, "tensordot expects dims >= 0, but got dims=", dims);
  WICK_CHECK(dims <= a.dim() && dims <= b.dim(), "tensordot expects dims < ndim_a or ndim_b, but got dims=",
             dims);
  DimVector da, db;
  for (int64_t i = 0; i < dims; ++i) {
    da.push_back(i - dims);
    db.push_back(i);
  }
  return tensordot(a, b, da, db);
}

Tensor& tensordot_out(Tensor& out, const Tensor& a, const Tensor& b, IntArrayRef dims_a,
                      IntArrayRef dims_b) {
  autograd::check_out_no_grad("tensordot", out, a, b);
  return assign_out(out, tensordot(a, b, dims_a, dims_b));
}

Tensor kron_nograd(const Tensor& self, const Tensor& other) {
  const int64_t nd = std::max(self.dim(), other.dim());
  // a as [a0, 1, a1, 1, ...], b as [1, b0, 1, b1, ...]: their product laid out
  // row-major is the Kronecker product.
  DimVector sa, sta, sb, stb, out_shape;
  for (int64_t d = 0; d < nd; ++d) {
    int64_t ia = d - (nd - self.dim()), ib = d - (nd - other.dim());
    int64_t as = ia >= 0 ? self.size(ia) : 1, ast = ia >= 0 ? self.stride(ia) : 0;
    int64_t bs = ib >= 0 ? other.size(ib) : 1, bst = ib >= 0 ? other.stride(ib) : 0;
    sa.insert(sa.end(), {as, 1});
    sta.insert(sta.end(), {ast, 0});
    sb.insert(sb.end(), {1, bs});
    stb.insert(stb.end(), {0, bst});
    out_shape.push_back(as * bs);
  }
  Tensor prod = mul_broadcast(make_view(self, sa, sta, self.storage_offset()),
                              make_view(other, sb, stb, other.storage_offset()));
  return reshape_any(prod, out_shape);
}
Tensor& kron_out(Tensor& out, const Tensor& self, const Tensor& other) {
  autograd::check_out_no_grad("mul", out, self, other);
  return assign_out(out, kron(self, other));
}

namespace linalg {
Tensor cross_nograd(const Tensor& input, const Tensor& other, int64_t dim) {
  WICK_CHECK(input.dim() == other.dim(), "linalg.cross: inputs must have the same number of dimensions.");
  WICK_CHECK(input.dtype() == other.dtype(), "expected scalar type ", input.dtype(), " but found ",
             other.dtype());
  const int64_t d = maybe_wrap_dim(dim, input.dim());
  WICK_CHECK(input.size(d) == 3 && other.size(d) == 3, "linalg.cross: inputs dimension ", dim,
             " must have length 3. Got ", input.size(d), " and ", other.size(d));
  DimVector shape = infer_size(input.sizes(), other.sizes());
  Tensor a = move_dims_last(expand_view(input, shape), {d}).contiguous();
  Tensor b = move_dims_last(expand_view(other, shape), {d}).contiguous();
  Tensor tmp = empty(a.sizes(), input.options());
  const int64_t rows = a.numel() / 3;
  WICK_DISPATCH_ALL_TYPES(input.dtype(), "linalg_cross", [&] {
    using op_t = opmath_t<scalar_t>;
    const scalar_t* x = a.data_ptr<scalar_t>();
    const scalar_t* y = b.data_ptr<scalar_t>();
    scalar_t* z = tmp.data_ptr<scalar_t>();
    for (int64_t r = 0; r < rows; ++r) {
      const scalar_t* p = x + 3 * r;
      const scalar_t* q = y + 3 * r;
      scalar_t* o = z + 3 * r;
      op_t p0 = p[0], p1 = p[1], p2 = p[2], q0 = q[0], q1 = q[1], q2 = q[2];
      o[0] = static_cast<scalar_t>(p1 * q2 - p2 * q1);
      o[1] = static_cast<scalar_t>(p2 * q0 - p0 * q2);
      o[2] = static_cast<scalar_t>(p0 * q1 - p1 * q0);
    }
  });
  Tensor result = empty(shape, input.options());
  Tensor view = move_dims_last(result, {d});
  view.copy_(tmp);
  return result;
}
}  // namespace linalg

Tensor cross(const Tensor& self, const Tensor& other, std::optional<int64_t> dim) {
  if (dim) return linalg::cross(self, other, *dim);
  WICK_CHECK(self.dim() == other.dim(), "linalg.cross: inputs must have the same number of dimensions.");
  for (int64_t d = 0; d < self.dim(); ++d)
    if (self.size(d) == 3) return linalg::cross(self, other, d);
  WICK_CHECK(false, "no dimension of size 3 in input");
  return Tensor();
}
Tensor& cross_out(Tensor& out, const Tensor& self, const Tensor& other, std::optional<int64_t> dim) {
  autograd::check_out_no_grad("linalg_cross", out, self, other);
  return assign_out(out, cross(self, other, dim));
}

Tensor trace_nograd(const Tensor& self) {
  WICK_CHECK(self.dim() == 2, "trace: expected a matrix, but got tensor with dim ", self.dim());
  ScalarType dt = is_integral_type(self.dtype(), true) ? kLong : self.dtype();
  return sum_dims(diagonal_view(self, 0, 0, 1), {}, false, dt);
}

Tensor diag_nograd(const Tensor& self, int64_t diagonal) {
  if (self.dim() == 1) {
    const int64_t n = self.size(0) + std::abs(diagonal);
    Tensor result = zeros({n, n}, self.options());
    diagonal_view(result, diagonal, 0, 1).copy_(self);
    return result;
  }
  WICK_CHECK(self.dim() == 2, "matrix or a vector expected");
  return copy_new(diagonal_view(self, diagonal, 0, 1));
}
Tensor& diag_out(Tensor& out, const Tensor& self, int64_t diagonal) {
  autograd::check_out_no_grad("diag", out, self);
  return assign_out(out, diag(self, diagonal));
}

Tensor diag_embed_nograd(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  const int64_t nd = self.dim() + 1;
  int64_t d1 = maybe_wrap_dim(dim1, nd), d2 = maybe_wrap_dim(dim2, nd);
  WICK_CHECK(d1 != d2, "diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  const int64_t n = (self.dim() == 0 ? 1 : self.size(-1)) + std::abs(offset);
  DimVector shape(self.sizes().begin(), self.dim() == 0 ? self.sizes().end() : self.sizes().end() - 1);
  shape.insert(shape.begin() + std::min(d1, d2), n);
  shape.insert(shape.begin() + std::max(d1, d2), n);
  Tensor result = zeros(shape, self.options());
  diagonal_view(result, offset, d1, d2).copy_(self);
  return result;
}

namespace {
// Zeroes, in a contiguous tensor, the part of each matrix outside the kept triangle.
void zero_triangle(Tensor& t, int64_t k, bool lower) {
  const int64_t rows = t.size(-2), cols = t.size(-1);
  const int64_t batch = rows * cols == 0 ? 0 : t.numel() / (rows * cols);
  const int64_t item = t.itemsize();
  char* base = static_cast<char*>(t.data_ptr());
  parallel_for(0, batch * rows, std::max<int64_t>(1, 32768 / std::max<int64_t>(cols, 1)),
               [&](int64_t b, int64_t e) {
                 for (int64_t r = b; r < e; ++r) {
                   const int64_t i = r % rows;
                   char* row = base + r * cols * item;
                   if (lower) {
                     int64_t from = std::clamp<int64_t>(i + k + 1, 0, cols);
                     std::memset(row + from * item, 0, (cols - from) * item);
                   } else {
                     int64_t to = std::clamp<int64_t>(i + k, 0, cols);
                     std::memset(row, 0, to * item);
                   }
                 }
               });
}

Tensor tri_impl(const Tensor& self, int64_t k, bool lower) {
  WICK_CHECK(self.dim() >= 2, lower ? "tril" : "triu",
             ": input tensor must have at least 2 dimensions");
  Tensor result = copy_new(self);
  zero_triangle(result, k, lower);
  return result;
}

Tensor& tri_inplace(Tensor& self, int64_t k, bool lower) {
  WICK_CHECK(self.dim() >= 2, lower ? "tril" : "triu",
             ": input tensor must have at least 2 dimensions");
  if (self.is_contiguous()) {
    zero_triangle(self, k, lower);
    self.bump_version();
  } else {
    self.copy_(tri_impl(self, k, lower));
  }
  return self;
}
}  // namespace

Tensor tril_nograd(const Tensor& self, int64_t diagonal) { return tri_impl(self, diagonal, true); }
Tensor triu_nograd(const Tensor& self, int64_t diagonal) { return tri_impl(self, diagonal, false); }
Tensor& tril_out(Tensor& out, const Tensor& self, int64_t diagonal) {
  autograd::check_out_no_grad("tril", out, self);
  return assign_out(out, tril(self, diagonal));
}
Tensor& triu_out(Tensor& out, const Tensor& self, int64_t diagonal) {
  autograd::check_out_no_grad("triu", out, self);
  return assign_out(out, triu(self, diagonal));
}
Tensor& tril_nograd_(Tensor& self, int64_t diagonal) { return tri_inplace(self, diagonal, true); }
Tensor& triu_nograd_(Tensor& self, int64_t diagonal) { return tri_inplace(self, diagonal, false); }

}  // namespace wick

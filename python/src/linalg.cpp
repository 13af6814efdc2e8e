// Linear algebra: matrix products, einsum/tensordot, structured matrices
// (diag, tril, ...), det/inverse/..., as wick.<op> and Tensor.<op>, and the
// wick.linalg namespace (the _C._linalg submodule, re-exported by
// python/wick/linalg.py).
#include <pybind11/pybind11.h>

#include <initializer_list>
#include <cmath>
#include <limits>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/ops/binary.h"
#include "wick/ops/linalg.h"
#include "wick/ops/reduce.h"

namespace wick::python {

namespace {

using OptT = std::optional<Tensor>;
using OptD = std::optional<double>;
using OptDims = std::optional<IntList>;

// wick.return_types.<name>(...) from any number of tensors.
py::object named(const char* name, std::initializer_list<Tensor> ts) {
  return return_type(name, ts);
}

// out= for ops returning several tensors: a tuple/list of as many tensors.
std::vector<Tensor> unpack_outs(py::handle out, size_t n, const char* fn) {
  std::vector<Tensor> outs;
  if (PyTuple_Check(out.ptr()) || PyList_Check(out.ptr())) {
    for (auto o : out) {
      if (!is_tensor(o.ptr())) break;
      outs.push_back(unpack(o.ptr()));
    }
  }
  if (outs.size() != n) {
    throw py::type_error(std::string(fn) + "(): argument 'out' must be tuple of " +
                         std::to_string(n) + " Tensors");
  }
  return outs;
}

OptionalIntArrayRef opt_dims(const OptDims& d) {
  if (!d) return std::nullopt;
  return IntArrayRef(d->values);
}

// ord of the norms: a number (inf too) or "fro"/"nuc".
linalg::NormOrd parse_ord(py::handle o) {
  if (py::isinstance<py::str>(o)) return o.cast<std::string>();
  return o.cast<double>();
}

// tensordot's dims: an int, or a pair of dim lists (or of single dims).
void parse_tensordot_dims(py::handle dims, DimVector& da, DimVector& db, int64_t& n, bool& is_n) {
  is_n = false;
  if (PyLong_Check(dims.ptr())) {
    n = dims.cast<int64_t>();
    is_n = true;
    return;
  }
  if (is_tensor(dims.ptr())) {
    Tensor t = unpack(dims.ptr());
    if (t.dim() == 0) {
      n = t.item().to<int64_t>();
      is_n = true;
      return;
    }
    py::list l = py::reinterpret_steal<py::object>(wrap(t)).attr("tolist")();
    dims = l;
    py::object keep = l;
    parse_tensordot_dims(keep, da, db, n, is_n);
    return;
  }
  if (PyTuple_Check(dims.ptr()) || PyList_Check(dims.ptr())) {
    py::sequence s = py::reinterpret_borrow<py::sequence>(dims);
    if (s.size() == 2 && parse_int_list(py::object(s[0]).ptr(), da) &&
        parse_int_list(py::object(s[1]).ptr(), db)) {
      return;
    }
  }
  throw py::type_error("tensordot expects dims to be int or (Iterable[int], Iterable[int])");
}

}  // namespace

void init_linalg(py::module_& m) {
  // ---- products: name(input, other, *, out=None), Tensor.name(other) ----------------
#define WICK_PY_PRODUCT(name, argname)                                                       \
  m.def(#name, [](const Tensor& a, const Tensor& b, OptT out) {                              \
    if (out) {                                                                               \
      Tensor o = *out;                                                                       \
      return Tensor(name##_out(o, a, b));                                                    \
    }                                                                                        \
    return name(a, b);                                                                       \
  }, arg("input"), arg(argname), py::kw_only(), arg("out") = py::none(), nogil());           \
  def_method(#name, [](const Tensor& a, const Tensor& b) { return name(a, b); }, arg(argname), \
             nogil());
  WICK_PY_PRODUCT(mm, "mat2")
  WICK_PY_PRODUCT(bmm, "mat2")
  WICK_PY_PRODUCT(matmul, "other")
  WICK_PY_PRODUCT(mv, "vec")
  WICK_PY_PRODUCT(dot, "other")
  WICK_PY_PRODUCT(vdot, "other")
  WICK_PY_PRODUCT(inner, "other")
  WICK_PY_PRODUCT(outer, "vec2")
  WICK_PY_PRODUCT(ger, "vec2")
  WICK_PY_PRODUCT(kron, "other")
#undef WICK_PY_PRODUCT

  // ---- name(input, a, b, *, beta=1, alpha=1, out=None) + method + in-place -----------
#define WICK_PY_ADDPRODUCT(name, a1, a2, inplace_expr)                                        \
  m.def(#name, [](const Tensor& s, const Tensor& x, const Tensor& y, const Scalar& beta,      \
                  const Scalar& alpha, OptT out) {                                            \
    if (out) {                                                                                \
      Tensor o = *out;                                                                        \
      return Tensor(name##_out(o, s, x, y, beta, alpha));                                     \
    }                                                                                         \
    return name(s, x, y, beta, alpha);                                                        \
  }, arg("input"), arg(a1), arg(a2), py::kw_only(), arg("beta") = 1, arg("alpha") = 1,        \
        arg("out") = py::none(), nogil());                                                    \
  def_method(#name, [](const Tensor& s, const Tensor& x, const Tensor& y, const Scalar& beta, \
                       const Scalar& alpha) { return name(s, x, y, beta, alpha); },           \
             arg(a1), arg(a2), py::kw_only(), arg("beta") = 1, arg("alpha") = 1, nogil());    \
  def_method(#name "_", [](Tensor& s, const Tensor& x, const Tensor& y, const Scalar& beta,    \
                           const Scalar& alpha) -> Tensor& { return inplace_expr; },          \
             arg(a1), arg(a2), py::kw_only(), arg("beta") = 1, arg("alpha") = 1, nogil());
  WICK_PY_ADDPRODUCT(addmm, "mat1", "mat2", addmm_(s, x, y, beta, alpha))
  WICK_PY_ADDPRODUCT(baddbmm, "batch1", "batch2", baddbmm_(s, x, y, beta, alpha))
  // No C++ in-place form: compute, then copy into self (self's shape must be the result's).
  WICK_PY_ADDPRODUCT(addbmm, "batch1", "batch2", s.copy_(addbmm(s, x, y, beta, alpha)))
  WICK_PY_ADDPRODUCT(addmv, "mat", "vec", s.copy_(addmv(s, x, y, beta, alpha)))
  WICK_PY_ADDPRODUCT(addr, "vec1", "vec2", s.copy_(addr(s, x, y, beta, alpha)))
#undef WICK_PY_ADDPRODUCT

  // ---- contractions -------------------------------------------------------------------
  // einsum(equation, *operands) or einsum(equation, [operands])
  m.def("einsum", [](const std::string& eq, py::args args) {
    std::vector<Tensor> ts;
    auto add = [&](py::handle o) {
      if (!is_tensor(o.ptr())) {
        throw py::type_error(std::string("einsum(): argument 'tensors' must be tuple of Tensors, "
                                         "but found element of type ") + Py_TYPE(o.ptr())->tp_name);
      }
      ts.push_back(unpack(o.ptr()));
    };
    if (args.size() == 1 && (PyList_Check(args[0].ptr()) || PyTuple_Check(args[0].ptr()))) {
      for (auto o : args[0]) add(o);
    } else {
      for (auto o : args) add(o);
    }
    py::gil_scoped_release g;
    return einsum(eq, ts);
  }, arg("equation"));
  m.def("tensordot", [](const Tensor& a, const Tensor& b, py::object dims, OptT out) {
    DimVector da, db;
    int64_t n = 0;
    bool is_n = false;
    parse_tensordot_dims(dims, da, db, n, is_n);
    py::gil_scoped_release g;
    if (is_n) {
      WICK_CHECK(n >= 0, "tensordot expects dims >= 0, but got dims=", n);
      if (!out) return tensordot(a, b, n);
      const int64_t na = a.dim();
      for (int64_t i = 0; i < n; ++i) {
        da.push_back(na - n + i);
        db.push_back(i);
      }
    }
    if (out) {
      Tensor o = *out;
      return Tensor(tensordot_out(o, a, b, da, db));
    }
    return tensordot(a, b, da, db);
  }, arg("a"), arg("b"), arg("dims") = 2, arg("out") = py::none());
  // chain_matmul(*matrices, out=None): deprecated alias of linalg.multi_dot.
  m.def("chain_matmul", [](py::args args, py::kwargs kw) {
    std::vector<Tensor> ts;
    for (auto o : args) {
      if (!is_tensor(o.ptr())) throw py::type_error("chain_matmul(): expected Tensors");
      ts.push_back(unpack(o.ptr()));
    }
    OptT out;
    for (auto kv : kw) {
      if (kv.first.cast<std::string>() != "out") {
        throw py::type_error("chain_matmul() got an unexpected keyword argument '" +
                             kv.first.cast<std::string>() + "'");
      }
      if (!kv.second.is_none()) out = kv.second.cast<Tensor>();
    }
    WICK_CHECK(!ts.empty(), "chain_matmul(): Expected one or more matrices");
    py::gil_scoped_release g;
    if (ts.size() == 1) {
      WICK_CHECK(ts[0].dim() == 2, "Tensor dimension is ", ts[0].dim(), ", expected 2 instead.");
      return out ? write_out(*out, ts[0].clone()) : ts[0].clone();
    }
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::multi_dot_out(o, ts));
    }
    return linalg::multi_dot(ts);
  });

  // cross(input, other, dim=None, *, out=None)
  m.def("cross", [](const Tensor& a, const Tensor& b, std::optional<int64_t> dim, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(cross_out(o, a, b, dim));
    }
    return cross(a, b, dim);
  }, arg("input"), arg("other"), arg("dim") = py::none(), py::kw_only(), arg("out") = py::none(),
        nogil());
  def_method("cross", [](const Tensor& a, const Tensor& b, std::optional<int64_t> dim) {
    return cross(a, b, dim);
  }, arg("other"), arg("dim") = py::none(), nogil());
  def_both(m, "trace", [](const Tensor& a) { return trace(a); }, nogil());

  // ---- structured matrices ----------------------------------------------------------
#define WICK_PY_DIAGONAL_OP(name)                                                            \
  m.def(#name, [](const Tensor& a, int64_t d, OptT out) {                                    \
    if (out) {                                                                               \
      Tensor o = *out;                                                                       \
      return Tensor(name##_out(o, a, d));                                                    \
    }                                                                                        \
    return name(a, d);                                                                       \
  }, arg("input"), arg("diagonal") = 0, py::kw_only(), arg("out") = py::none(), nogil());    \
  def_method(#name, [](const Tensor& a, int64_t d) { return name(a, d); },                   \
             arg("diagonal") = 0, nogil());
  WICK_PY_DIAGONAL_OP(diag)
  WICK_PY_DIAGONAL_OP(tril)
  WICK_PY_DIAGONAL_OP(triu)
#undef WICK_PY_DIAGONAL_OP
  def_method("tril_", [](Tensor& a, int64_t d) -> Tensor& { return tril_(a, d); },
             arg("diagonal") = 0, nogil());
  def_method("triu_", [](Tensor& a, int64_t d) -> Tensor& { return triu_(a, d); },
             arg("diagonal") = 0, nogil());
  def_both(m, "diag_embed", [](const Tensor& a, int64_t offset, int64_t d1, int64_t d2) {
    return diag_embed(a, offset, d1, d2);
  }, arg("offset") = 0, arg("dim1") = -2, arg("dim2") = -1, nogil());

  // ---- det, inverse, ... -----------------------------------------------------------
  def_both(m, "det", [](const Tensor& a) { return det(a); }, nogil());
  def_both(m, "logdet", [](const Tensor& a) { return logdet(a); }, nogil());
  def_both(m, "slogdet", [](const Tensor& a) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = linalg::slogdet(a);
    }
    return named("slogdet", {std::get<0>(r), std::get<1>(r)});
  });
  m.def("inverse", [](const Tensor& a, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(inverse_out(o, a));
    }
    return inverse(a);
  }, arg("input"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("inverse", [](const Tensor& a) { return inverse(a); }, nogil());
  def_both(m, "pinverse", [](const Tensor& a, double rcond) { return pinverse(a, rcond); },
           arg("rcond") = 1e-15, nogil());
  m.def("matrix_power", [](const Tensor& a, int64_t n, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::matrix_power_out(o, a, n));
    }
    return matrix_power(a, n);
  }, arg("input"), arg("n"), py::kw_only(), arg("out") = py::none(), nogil());
  def_method("matrix_power", [](const Tensor& a, int64_t n) { return matrix_power(a, n); },
             arg("n"), nogil());
  m.def("cholesky", [](const Tensor& a, bool upper, OptT out) {
    if (out) return write_out(*out, cholesky(a, upper));
    return cholesky(a, upper);
  }, arg("input"), arg("upper") = false, py::kw_only(), arg("out") = py::none(), nogil());
  def_method("cholesky", [](const Tensor& a, bool upper) { return cholesky(a, upper); },
             arg("upper") = false, nogil());

  // Deprecated forms: svd(input, some=True, compute_uv=True) -> (U, S, V);
  // qr(input, some=True) -> (Q, R).
  def_both(m, "svd", [](const Tensor& a, bool some, bool compute_uv) {
    Tensor U, S, V;
    {
      py::gil_scoped_release g;
      if (compute_uv) {
        auto r = linalg::svd(a, !some);
        U = std::get<0>(r);
        S = std::get<1>(r);
        V = std::get<2>(r).transpose(-2, -1);
      } else {
        WICK_CHECK(a.dim() >= 2, "linalg.svd: The input tensor A must have at least 2 dimensions.");
        S = linalg::svdvals(a);
        DimVector us(a.sizes().begin(), a.sizes().end()), vs = us;
        const int64_t rows = a.size(-2), cols = a.size(-1);
        us[us.size() - 1] = rows;
        vs[vs.size() - 2] = cols;
        U = zeros(us, a.options());
        V = zeros(vs, a.options());
      }
    }
    return named("svd", {U, S, V});
  }, arg("some") = true, arg("compute_uv") = true);
  def_both(m, "qr", [](const Tensor& a, bool some) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = linalg::qr(a, some ? "reduced" : "complete");
    }
    return named("qr", {std::get<0>(r), std::get<1>(r)});
  }, arg("some") = true);

  // ---- wick.linalg ------------------------------------------------------------------
  py::module_ la = m.def_submodule("_linalg", "wick.linalg");
  la.def("inv", [](const Tensor& A, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::inv_out(o, A));
    }
    return linalg::inv(A);
  }, arg("A"), py::kw_only(), arg("out") = py::none(), nogil());
  la.def("det", [](const Tensor& A, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::det_out(o, A));
    }
    return linalg::det(A);
  }, arg("A"), py::kw_only(), arg("out") = py::none(), nogil());
  la.def("slogdet", [](const Tensor& A, py::object out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = linalg::slogdet(A);
    }
    if (!out.is_none()) {
      auto outs = unpack_outs(out, 2, "linalg_slogdet");
      r = {write_out(outs[0], std::get<0>(r)), write_out(outs[1], std::get<1>(r))};
    }
    return named("linalg_slogdet", {std::get<0>(r), std::get<1>(r)});
  }, arg("A"), py::kw_only(), arg("out") = py::none());
  la.def("solve", [](const Tensor& A, const Tensor& B, bool left, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::solve_out(o, A, B, left));
    }
    return linalg::solve(A, B, left);
  }, arg("A"), arg("B"), py::kw_only(), arg("left") = true, arg("out") = py::none(), nogil());
  la.def("cholesky", [](const Tensor& A, bool upper, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::cholesky_out(o, A, upper));
    }
    return linalg::cholesky(A, upper);
  }, arg("A"), py::kw_only(), arg("upper") = false, arg("out") = py::none(), nogil());
  la.def("qr", [](const Tensor& A, const std::string& mode, py::object out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = linalg::qr(A, mode);
    }
    if (!out.is_none()) {
      auto outs = unpack_outs(out, 2, "linalg_qr");
      r = {write_out(outs[0], std::get<0>(r)), write_out(outs[1], std::get<1>(r))};
    }
    return named("linalg_qr", {std::get<0>(r), std::get<1>(r)});
  }, arg("A"), arg("mode") = "reduced", py::kw_only(), arg("out") = py::none());
  la.def("svd", [](const Tensor& A, bool full, std::optional<std::string>, py::object out) {
    std::tuple<Tensor, Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = linalg::svd(A, full);
    }
    if (!out.is_none()) {
      auto outs = unpack_outs(out, 3, "linalg_svd");
      r = {write_out(outs[0], std::get<0>(r)), write_out(outs[1], std::get<1>(r)),
           write_out(outs[2], std::get<2>(r))};
    }
    return named("linalg_svd", {std::get<0>(r), std::get<1>(r), std::get<2>(r)});
  }, arg("A"), arg("full_matrices") = true, py::kw_only(), arg("driver") = py::none(),
     arg("out") = py::none());
  la.def("svdvals", [](const Tensor& A, std::optional<std::string>, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::svdvals_out(o, A));
    }
    return linalg::svdvals(A);
  }, arg("A"), py::kw_only(), arg("driver") = py::none(), arg("out") = py::none(), nogil());
  la.def("eigh", [](const Tensor& A, const std::string& uplo, py::object out) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = linalg::eigh(A, uplo);
    }
    if (!out.is_none()) {
      auto outs = unpack_outs(out, 2, "linalg_eigh");
      r = {write_out(outs[0], std::get<0>(r)), write_out(outs[1], std::get<1>(r))};
    }
    return named("linalg_eigh", {std::get<0>(r), std::get<1>(r)});
  }, arg("A"), arg("UPLO") = "L", py::kw_only(), arg("out") = py::none());
  la.def("eigvalsh", [](const Tensor& A, const std::string& uplo, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::eigvalsh_out(o, A, uplo));
    }
    return linalg::eigvalsh(A, uplo);
  }, arg("A"), arg("UPLO") = "L", py::kw_only(), arg("out") = py::none(), nogil());
  la.def("pinv", [](const Tensor& A, OptD atol, OptD rtol, bool herm, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::pinv_out(o, A, atol, rtol, herm));
    }
    return linalg::pinv(A, atol, rtol, herm);
  }, arg("A"), py::kw_only(), arg("atol") = py::none(), arg("rtol") = py::none(),
     arg("hermitian") = false, arg("out") = py::none(), nogil());
  la.def("matrix_rank", [](const Tensor& A, OptD atol, OptD rtol, bool herm, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::matrix_rank_out(o, A, atol, rtol, herm));
    }
    return linalg::matrix_rank(A, atol, rtol, herm);
  }, arg("A"), py::kw_only(), arg("atol") = py::none(), arg("rtol") = py::none(),
     arg("hermitian") = false, arg("out") = py::none(), nogil());
  la.def("matrix_power", [](const Tensor& A, int64_t n, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::matrix_power_out(o, A, n));
    }
    return linalg::matrix_power(A, n);
  }, arg("A"), arg("n"), py::kw_only(), arg("out") = py::none(), nogil());
  la.def("vector_norm", [](const Tensor& x, double ord, OptDims dim, bool keepdim,
                           std::optional<ScalarType> dtype, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::vector_norm_out(o, x, ord, opt_dims(dim), keepdim, dtype));
    }
    return linalg::vector_norm(x, ord, opt_dims(dim), keepdim, dtype);
  }, arg("x"), arg("ord") = 2, arg("dim") = py::none(), arg("keepdim") = false, py::kw_only(),
     arg("dtype") = py::none(), arg("out") = py::none(), nogil());
  la.def("matrix_norm", [](const Tensor& A, py::object ord, IntList dim, bool keepdim,
                           std::optional<ScalarType> dtype, OptT out) {
    linalg::NormOrd o = parse_ord(ord);
    py::gil_scoped_release g;
    if (out) {
      Tensor t = *out;
      return Tensor(linalg::matrix_norm_out(t, A, o, dim, keepdim, dtype));
    }
    return linalg::matrix_norm(A, o, dim, keepdim, dtype);
  }, arg("A"), arg("ord") = "fro", arg("dim") = py::make_tuple(-2, -1), arg("keepdim") = false,
     py::kw_only(), arg("dtype") = py::none(), arg("out") = py::none());
  la.def("norm", [](const Tensor& A, py::object ord, OptDims dim, bool keepdim, OptT out,
                    std::optional<ScalarType> dtype) {
    std::optional<linalg::NormOrd> o;
    if (!ord.is_none()) o = parse_ord(ord);
    py::gil_scoped_release g;
    if (out) {
      Tensor t = *out;
      return Tensor(linalg::norm_out(t, A, o, opt_dims(dim), keepdim, dtype));
    }
    return linalg::norm(A, o, opt_dims(dim), keepdim, dtype);
  }, arg("A"), arg("ord") = py::none(), arg("dim") = py::none(), arg("keepdim") = false,
     py::kw_only(), arg("out") = py::none(), arg("dtype") = py::none());
  la.def("cross", [](const Tensor& a, const Tensor& b, int64_t dim, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::cross_out(o, a, b, dim));
    }
    return linalg::cross(a, b, dim);
  }, arg("input"), arg("other"), py::kw_only(), arg("dim") = -1, arg("out") = py::none(), nogil());
  la.def("multi_dot", [](std::vector<Tensor> ts, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(linalg::multi_dot_out(o, ts));
    }
    return linalg::multi_dot(ts);
  }, arg("tensors"), py::kw_only(), arg("out") = py::none(), nogil());
  la.def("matmul", [](const Tensor& a, const Tensor& b, OptT out) {
    if (out) {
      Tensor o = *out;
      return Tensor(matmul_out(o, a, b));
    }
    return matmul(a, b);
  }, arg("input"), arg("other"), py::kw_only(), arg("out") = py::none(), nogil());
  // vecdot(x, y, *, dim=-1, out=None): sum(x * y) over dim (real dtypes: no conj).
  la.def("vecdot", [](const Tensor& x, const Tensor& y, int64_t dim, OptT out) {
    Tensor r = sum(mul(x, y), IntArrayRef(dim));
    return out ? write_out(*out, r) : r;
  }, arg("x"), arg("y"), py::kw_only(), arg("dim") = -1, arg("out") = py::none(), nogil());
  // cond(A, p=None, *, out=None): ratio of extreme singular values for p in
  // {None, 2, -2}; norm(A, p) * norm(inv(A), p) otherwise.
  la.def("cond", [](const Tensor& A, py::object p, OptT out) {
    std::optional<linalg::NormOrd> ord;
    if (!p.is_none()) ord = parse_ord(p);
    py::gil_scoped_release g;
    Tensor r;
    const bool sv = !ord || (std::holds_alternative<double>(*ord) &&
                             std::abs(std::get<double>(*ord)) == 2);
    if (sv) {
      WICK_CHECK(A.dim() >= 2, "linalg.cond: The input tensor A must have at least 2 dimensions.");
      Tensor S = linalg::svdvals(A);
      const bool inverse_ratio = ord && std::get<double>(*ord) < 0;
      Tensor hi = amax(S, IntArrayRef(int64_t(-1))), lo = amin(S, IntArrayRef(int64_t(-1)));
      r = inverse_ratio ? div(lo, hi) : div(hi, lo);
    } else {
      r = mul(linalg::matrix_norm(A, *ord), linalg::matrix_norm(linalg::inv(A), *ord));
    }
    return out ? write_out(*out, r) : r;
  }, arg("A"), arg("p") = py::none(), py::kw_only(), arg("out") = py::none());
  la.def("diagonal", [](const Tensor& A, int64_t offset, int64_t d1, int64_t d2) {
    return A.diagonal(offset, d1, d2);
  }, arg("A"), py::kw_only(), arg("offset") = 0, arg("dim1") = -2, arg("dim2") = -1, nogil());
}

}  // namespace wick::python

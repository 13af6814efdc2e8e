#include "wick/ops/reduce.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "wick/autograd/formula.h"
#include "wick/core/dispatch.h"
#include "wick/kernels/cpu/reduce.h"
#include "wick/ops/binary.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/ops/linalg_internal.h"
#include "wick/ops/shape.h"
#include "wick/ops/unary.h"

namespace wick {

namespace {

using kernels::ReducePlan;

// ---- shape and dim handling ------------------------------------------------------

// Which dims of an ndim tensor `dims` reduces (all of them when empty).
std::vector<bool> dim_mask(IntArrayRef dims, int64_t ndim) {
  std::vector<bool> mask(static_cast<size_t>(ndim), dims.empty());
  for (int64_t d : dims) {
    int64_t w = maybe_wrap_dim(d, ndim);
    if (ndim == 0) continue;
    WICK_CHECK(!mask[w], "dim ", w, " appears multiple times in the list of dims");
    mask[w] = true;
  }
  return mask;
}

DimVector reduced_shape(const Tensor& self, const std::vector<bool>& mask, bool keepdim) {
  DimVector shape;
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (!mask[d]) shape.push_back(self.size(d));
    else if (keepdim) shape.push_back(1);
  }
  return shape;
}

// Output strides indexed by input dim (the kept dims' strides in `out`).
DimVector out_strides_for(const Tensor& out, const std::vector<bool>& mask, bool keepdim) {
  DimVector st(mask.size(), 0);
  int64_t j = 0;
  for (size_t d = 0; d < mask.size(); ++d) {
    if (!mask[d]) st[d] = out.stride(j++);
    else if (keepdim) ++j;
  }
  return st;
}

// Runs `op` reducing the masked dims of `in` into outputs laid out like `out`.
// Outputs of an empty reduction get the op's identity.
template <typename Op>
void launch(const Op& op, const Tensor& in, const std::vector<bool>& mask, const Tensor& out,
            bool keepdim) {
  if (out.numel() == 0) return;
  DimVector ost = out_strides_for(out, mask, keepdim);
  if (in.numel() == 0) {
    // outputs exist but every one reduces nothing
    DimVector ks, kos;
    for (int64_t d = 0; d < in.dim(); ++d)
      if (!mask[d]) {
        ks.push_back(in.size(d));
        kos.push_back(ost[d]);
      }
    if (ks.empty()) {
      ks = {1};
      kos = {0};
    }
    kernels::detail::walk_runs(ks, kos, kos, 0, multiply_integers(ks),
                               [&](int64_t off, int64_t, int64_t n, int64_t) {
                                 for (int64_t k = 0; k < n; ++k)
                                   op.store(off + k * kos.back(), op.identity());
                               });
    return;
  }
  ReducePlan P = kernels::plan_reduction(in, mask, ost);
  run_reduction(op, P, static_cast<const typename Op::in_t*>(in.data_ptr()));
}

Tensor& assign_result(Tensor& out, const Tensor& result) {
  if (!out.sizes().equals(result.sizes())) out.resize_(result.sizes());
  out.copy_(result);
  return out;
}

// out= with an explicit dtype: the out tensor must already have it.
void check_out_dtype(const Tensor& out, std::optional<ScalarType> dtype) {
  if (!dtype) return;
  WICK_CHECK(out.dtype() == *dtype, "Expected out tensor to have dtype ",
             linalg_detail::cpp_type_name(*dtype), ", but got ",
             linalg_detail::cpp_type_name(out.dtype()), " instead");
}

void check_same_dtype_out(const Tensor& self, const Tensor& out) {
  WICK_CHECK(self.dtype() == out.dtype(),
             "Expected the dtype for input and out to match, but got ", self.dtype(),
             " for input's dtype and ", out.dtype(), " for out's dtype.");
}

template <typename T>
constexpr bool is_float_v = std::is_floating_point_v<T> || std::is_same_v<T, Half> ||
                            std::is_same_v<T, BFloat16>;

template <typename T>
inline bool is_nan(T x) {
  if constexpr (is_float_v<T>) return x != x;
  else return false;
}

// ---- functors -------------------------------------------------------------------

template <typename In, typename Acc, typename Out, bool kNan>
struct SumOp {
  using in_t = In;
  using acc_t = Acc;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = std::is_floating_point_v<Acc>;
  Out* out;
  Acc divisor;  // mean: the element count
  Acc identity() const { return Acc(0); }
  Acc reduce(Acc a, In x, int64_t) const {
    Acc v = static_cast<Acc>(x);
    if constexpr (kNan) v = v != v ? Acc(0) : v;
    return a + v;
  }
  Acc combine(Acc a, Acc b) const { return a + b; }
  // float/double: the vector loop with AVX2/AVX-512 copies
  Acc contiguous_reduce(const In* p, int64_t n) const
    requires(std::is_same_v<In, Acc> && std::is_floating_point_v<Acc> && !kNan)
  {
    return kernels::simd::sum(p, n);
  }
  void store(int64_t off, Acc a) const {
    if constexpr (std::is_floating_point_v<Acc>) out[off] = static_cast<Out>(a / divisor);
    else out[off] = static_cast<Out>(a);
  }
};

template <typename In, typename Acc, typename Out>
struct ProdOp {
  using in_t = In;
  using acc_t = Acc;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  Out* out;
  Acc identity() const { return Acc(1); }
  Acc reduce(Acc a, In x, int64_t) const { return a * static_cast<Acc>(x); }
  Acc combine(Acc a, Acc b) const { return a * b; }
  void store(int64_t off, Acc a) const { out[off] = static_cast<Out>(a); }
};

template <typename T>
opmath_t<T> lowest_of() {
  using A = opmath_t<T>;
  if constexpr (std::is_same_v<T, bool>) return false;
  else if constexpr (std::is_floating_point_v<A> && !std::is_integral_v<T>)
    return -std::numeric_limits<A>::infinity();
  else return std::numeric_limits<T>::lowest();
}
template <typename T>
opmath_t<T> highest_of() {
  using A = opmath_t<T>;
  if constexpr (std::is_same_v<T, bool>) return true;
  else if constexpr (std::is_floating_point_v<A> && !std::is_integral_v<T>)
    return std::numeric_limits<A>::infinity();
  else return std::numeric_limits<T>::max();
}

// NaN-propagating max (IsMax) or min.
template <typename T, bool IsMax>
struct ExtremeOp {
  using in_t = T;
  using acc_t = opmath_t<T>;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  T* out;
  acc_t identity() const { return IsMax ? lowest_of<T>() : highest_of<T>(); }
  static acc_t pick(acc_t a, acc_t x) {
    if constexpr (IsMax) return (x > a || x != x) ? x : a;
    else return (x < a || x != x) ? x : a;
  }
  acc_t reduce(acc_t a, T x, int64_t) const { return pick(a, static_cast<acc_t>(x)); }
  acc_t combine(acc_t a, acc_t b) const { return pick(a, b); }
  void store(int64_t off, acc_t a) const { out[off] = static_cast<T>(a); }
  // float/double: the NaN-aware vector loop (AVX2/AVX-512 copies), see
  // kernels::simd::extreme.
  acc_t contiguous_reduce(const T* p, int64_t n) const
    requires std::is_floating_point_v<T>
  {
    return kernels::simd::extreme<T, IsMax>(p, n);
  }
};

template <typename T>
struct MinMaxAcc {
  opmath_t<T> mn, mx;
};
template <typename T>
struct MinMaxOp {
  using in_t = T;
  using acc_t = MinMaxAcc<T>;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  T* out_min;
  T* out_max;
  acc_t identity() const { return {highest_of<T>(), lowest_of<T>()}; }
  acc_t reduce(acc_t a, T x, int64_t) const {
    auto v = static_cast<opmath_t<T>>(x);
    return {ExtremeOp<T, false>::pick(a.mn, v), ExtremeOp<T, true>::pick(a.mx, v)};
  }
  acc_t combine(acc_t a, acc_t b) const {
    return {ExtremeOp<T, false>::pick(a.mn, b.mn), ExtremeOp<T, true>::pick(a.mx, b.mx)};
  }
  void store(int64_t off, acc_t a) const {
    out_min[off] = static_cast<T>(a.mn);
    out_max[off] = static_cast<T>(a.mx);
  }
};

template <typename T>
struct ArgAcc {
  opmath_t<T> v;
  int64_t i;
};
// max/min with the index of the first extreme element (NaN counts as extreme).
template <typename T, bool IsMax>
struct ArgOp {
  using in_t = T;
  using acc_t = ArgAcc<T>;
  using V = opmath_t<T>;
  static constexpr bool kIndexed = true;
  static constexpr bool kCascade = false;
  T* values;        // may be null
  int64_t* indices;  // may be null
  acc_t identity() const { return {IsMax ? lowest_of<T>() : highest_of<T>(), -1}; }
  static bool better(V x, V cur) {
    if (is_nan(x)) return !is_nan(cur);
    if constexpr (IsMax) return x > cur;
    else return x < cur;
  }
  acc_t reduce(acc_t a, T x, int64_t idx) const {
    V v = static_cast<V>(x);
    if (a.i < 0 || better(v, a.v)) return {v, idx};
    return a;
  }
  acc_t combine(acc_t a, acc_t b) const {
    if (a.i < 0) return b;
    if (b.i < 0) return a;
    if (better(b.v, a.v)) return b;
    if (better(a.v, b.v)) return a;
    return b.i < a.i ? b : a;
  }
  // float/double runs: block extremes by the vector loop, see kernels::simd::arg_extreme
  acc_t contiguous_indexed(acc_t a, const T* p, int64_t n, int64_t idx0) const
    requires std::is_floating_point_v<T>
  {
    if (n <= 0) return a;
    const auto r = kernels::simd::arg_extreme<T, IsMax>(p, n);
    return combine(a, {r.value, r.index + idx0});
  }
  void store(int64_t off, acc_t a) const {
    if (values) values[off] = static_cast<T>(a.v);
    if (indices) indices[off] = a.i < 0 ? 0 : a.i;
  }
};

template <typename T, typename Out, bool IsAll>
struct AllAnyOp {
  using in_t = T;
  using acc_t = bool;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  Out* out;
  bool identity() const { return IsAll; }
  bool reduce(bool a, T x, int64_t) const {
    bool nz = static_cast<opmath_t<T>>(x) != opmath_t<T>(0);
    return IsAll ? (a && nz) : (a || nz);
  }
  bool combine(bool a, bool b) const { return IsAll ? (a && b) : (a || b); }
  void store(int64_t off, bool a) const { out[off] = static_cast<Out>(a); }
};

template <typename T>
struct CountNonzeroOp {
  using in_t = T;
  using acc_t = int64_t;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  int64_t* out;
  int64_t identity() const { return 0; }
  int64_t reduce(int64_t a, T x, int64_t) const {
    return a + (static_cast<opmath_t<T>>(x) != opmath_t<T>(0));
  }
  int64_t combine(int64_t a, int64_t b) const { return a + b; }
  void store(int64_t off, int64_t a) const { out[off] = a; }
};

// Welford's running mean and sum of squared deviations, in double.
struct WelfordAcc {
  double mean, m2;
  int64_t n;
};
template <typename T>
struct VarOp {
  using in_t = T;
  using acc_t = WelfordAcc;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  T* out_var;   // var or std
  T* out_mean;  // may be null
  double correction;
  bool take_sqrt;
  WelfordAcc identity() const { return {0.0, 0.0, 0}; }
  WelfordAcc reduce(WelfordAcc a, T x, int64_t) const {
    double v = static_cast<double>(x);
    int64_t n = a.n + 1;
    double delta = v - a.mean;
    double mean = a.mean + delta / static_cast<double>(n);
    return {mean, a.m2 + delta * (v - mean), n};
  }
  WelfordAcc combine(WelfordAcc a, WelfordAcc b) const {
    if (a.n == 0) return b;
    if (b.n == 0) return a;
    int64_t n = a.n + b.n;
    double delta = b.mean - a.mean;
    double nb_over_n = static_cast<double>(b.n) / static_cast<double>(n);
    return {a.mean + delta * nb_over_n,
            a.m2 + b.m2 + delta * delta * static_cast<double>(a.n) * nb_over_n, n};
  }
  void store(int64_t off, WelfordAcc a) const {
    double div = std::max(0.0, static_cast<double>(a.n) - correction);
    double var = a.m2 / div;
    if (a.n == 0) var = std::numeric_limits<double>::quiet_NaN();
    out_var[off] = static_cast<T>(take_sqrt ? std::sqrt(var) : var);
    if (out_mean)
      out_mean[off] = static_cast<T>(a.n == 0 ? std::numeric_limits<double>::quiet_NaN() : a.mean);
  }
};

enum NormKind { kL2, kL1, kLinf, kLninf, kL0, kLp };
template <typename T, int K>
struct NormOp {
  using in_t = T;
  using acc_t = opmath_t<T>;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = (K == kL2 || K == kL1 || K == kLp);
  T* out;
  acc_t p;
  acc_t identity() const {
    return K == kLninf ? std::numeric_limits<acc_t>::infinity() : acc_t(0);
  }
  acc_t reduce(acc_t a, T x, int64_t) const {
    acc_t v = static_cast<acc_t>(x);
    if constexpr (K == kL2) return a + v * v;
    else if constexpr (K == kL1) return a + std::abs(v);
    else if constexpr (K == kL0) return a + acc_t(v != acc_t(0));
    else if constexpr (K == kLp) return a + std::pow(std::abs(v), p);
    else return combine(a, std::abs(v));
  }
  acc_t combine(acc_t a, acc_t b) const {
    if constexpr (K == kLinf) return (b > a || b != b) ? b : a;
    else if constexpr (K == kLninf) return (b < a || b != b) ? b : a;
    else return a + b;
  }
  void store(int64_t off, acc_t a) const {
    if constexpr (K == kL2) out[off] = static_cast<T>(std::sqrt(a));
    else if constexpr (K == kLp) out[off] = static_cast<T>(std::pow(a, acc_t(1) / p));
    else out[off] = static_cast<T>(a);
  }
};

// Running (max, sum of exp(x - max)): one pass, stable.
template <typename A>
struct LseAcc {
  A m, s;
};
template <typename T>
struct LogSumExpOp {
  using in_t = T;
  using A = opmath_t<T>;
  using acc_t = LseAcc<A>;
  static constexpr bool kIndexed = false;
  static constexpr bool kCascade = false;
  T* out;
  acc_t identity() const { return {-std::numeric_limits<A>::infinity(), A(0)}; }
  acc_t reduce(acc_t a, T xin, int64_t) const { return combine(a, {static_cast<A>(xin), A(1)}); }
  acc_t combine(acc_t a, acc_t b) const {
    if (a.m != a.m) return a;
    if (b.m != b.m) return b;
    if (b.m == -std::numeric_limits<A>::infinity()) return a;
    if (a.m == -std::numeric_limits<A>::infinity()) return b;
    if (a.m == b.m) return {a.m, a.s + b.s};
    if (a.m > b.m) return {a.m, a.s + b.s * std::exp(b.m - a.m)};
    return {b.m, b.s + a.s * std::exp(a.m - b.m)};
  }
  void store(int64_t off, acc_t a) const {
    A r = std::isinf(a.m) ? a.m : a.m + std::log(a.s);
    out[off] = static_cast<T>(r);
  }
};

// ---- sum / mean / prod -------------------------------------------------------------

// The dtype sum/prod produce: int64 for integers and bool, else the input's.
ScalarType sum_result_dtype(ScalarType t) {
  return is_integral_type(t, true) ? kLong : t;
}

template <bool kNan>
Tensor sum_impl(const Tensor& self_in, IntArrayRef dim, bool keepdim,
                std::optional<ScalarType> dtype, bool mean) {
  Tensor self = self_in;
  if (dtype && *dtype != self.dtype()) self = self.to(*dtype);
  std::vector<bool> mask = dim_mask(dim, self.dim());
  ScalarType rt = dtype ? *dtype : sum_result_dtype(self.dtype());
  Tensor out = empty(reduced_shape(self, mask, keepdim), TensorOptions(rt));
  int64_t count = 1;
  for (int64_t d = 0; d < self.dim(); ++d)
    if (mask[d]) count *= self.size(d);
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), mean ? "mean_cpu" : "sum_cpu", [&] {
    if constexpr (is_float_v<scalar_t>) {
      using Acc = opmath_t<scalar_t>;
      SumOp<scalar_t, Acc, scalar_t, kNan> op{out.data_ptr<scalar_t>(),
                                             mean ? static_cast<Acc>(count) : Acc(1)};
      launch(op, self, mask, out, keepdim);
    } else if (rt == kLong) {
      SumOp<scalar_t, int64_t, int64_t, false> op{out.data_ptr<int64_t>(), 1};
      launch(op, self, mask, out, keepdim);
    } else {  // an explicit integer dtype: accumulate in int64, write that dtype
      SumOp<scalar_t, int64_t, scalar_t, false> op{out.data_ptr<scalar_t>(), 1};
      launch(op, self, mask, out, keepdim);
    }
  });
  return out;
}

void check_mean_dtype(const char* name, const Tensor& self, std::optional<ScalarType> dtype) {
  if (dtype) {
    WICK_CHECK(is_floating_type(*dtype), name,
               "(): could not infer output dtype. Optional dtype must be either a floating "
               "point or complex dtype. Got: ",
               *dtype);
  } else {
    WICK_CHECK(is_floating_type(self.dtype()), name,
               "(): could not infer output dtype. Input dtype must be either a floating point "
               "or complex dtype. Got: ",
               self.dtype());
  }
}

Tensor prod_impl(const Tensor& self_in, IntArrayRef dim, bool keepdim,
                 std::optional<ScalarType> dtype) {
  Tensor self = self_in;
  if (dtype && *dtype != self.dtype()) self = self.to(*dtype);
  std::vector<bool> mask = dim_mask(dim, self.dim());
  ScalarType rt = dtype ? *dtype : sum_result_dtype(self.dtype());
  Tensor out = empty(reduced_shape(self, mask, keepdim), TensorOptions(rt));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "prod_cpu", [&] {
    if constexpr (is_float_v<scalar_t>) {
      ProdOp<scalar_t, opmath_t<scalar_t>, scalar_t> op{out.data_ptr<scalar_t>()};
      launch(op, self, mask, out, keepdim);
    } else if (rt == kLong) {
      ProdOp<scalar_t, int64_t, int64_t> op{out.data_ptr<int64_t>()};
      launch(op, self, mask, out, keepdim);
    } else {
      ProdOp<scalar_t, int64_t, scalar_t> op{out.data_ptr<scalar_t>()};
      launch(op, self, mask, out, keepdim);
    }
  });
  return out;
}

// ---- max / min family ---------------------------------------------------------------

// amax/amin/max/min need a non-empty reduction.
void check_nonempty_reduction(const char* name, const Tensor& self, const std::vector<bool>& mask,
                              bool dim_given, const char* sep = "(): ") {
  if (self.numel() != 0) return;
  WICK_CHECK(dim_given, name,
             "(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
             "reduction dim with the 'dim' argument.");
  for (int64_t d = 0; d < self.dim(); ++d)
    WICK_CHECK_T(IndexError, !(mask[d] && self.size(d) == 0), name, sep,
                 "Expected reduction dim ", d, " to have non-zero size.");
}

template <bool IsMax>
Tensor extreme_impl(const Tensor& self, IntArrayRef dim, bool keepdim, const char* name,
                    bool dim_given) {
  std::vector<bool> mask = dim_mask(dim, self.dim());
  check_nonempty_reduction(name, self, mask, dim_given);
  Tensor out = empty(reduced_shape(self, mask, keepdim), TensorOptions(self.dtype()));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), name, [&] {
    ExtremeOp<scalar_t, IsMax> op{out.data_ptr<scalar_t>()};
    launch(op, self, mask, out, keepdim);
  });
  return out;
}

// (values, indices) of max/min along one dim; values undefined when !want_values.
template <bool IsMax>
std::tuple<Tensor, Tensor> arg_impl(const Tensor& self_in, std::optional<int64_t> dim,
                                    bool keepdim, bool want_values, const char* name) {
  Tensor self = self_in;
  int64_t d;
  if (!dim) {
    WICK_CHECK_T(IndexError, self.numel() != 0, name,
                 "(): Expected reduction dim to be specified for input.numel() == 0.");
    self = reshape(self, {-1});
    d = 0;
    keepdim = false;
  } else {
    d = maybe_wrap_dim(*dim, self.dim());
  }
  std::vector<bool> mask(static_cast<size_t>(self.dim()), false);
  if (self.dim() > 0) mask[d] = true;
  if (self.numel() == 0 && self.dim() > 0)
    WICK_CHECK_T(IndexError, self.size(d) != 0, name, "(): Expected reduction dim ", d,
                 " to have non-zero size.");
  DimVector shape = reduced_shape(self, mask, keepdim);
  if (dim && !keepdim && self_in.dim() == 0) shape = {};
  Tensor values = want_values ? empty(shape, TensorOptions(self.dtype())) : Tensor();
  Tensor indices = empty(shape, TensorOptions(kLong));
  auto run = [&](auto tag) {
    using scalar_t = decltype(tag);
    ArgOp<scalar_t, IsMax> op{want_values ? values.data_ptr<scalar_t>() : nullptr,
                              indices.data_ptr<int64_t>()};
    launch(op, self, mask, indices, keepdim);
  };
  if (want_values) {
    WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), name, [&] { run(scalar_t{}); });
  } else {
    WICK_DISPATCH_ALL_TYPES(self.dtype(), IsMax ? "argmax_cpu" : "argmin_cpu",
                            [&] { run(scalar_t{}); });
  }
  return {values, indices};
}

std::tuple<Tensor, Tensor> aminmax_impl(const Tensor& self, std::optional<int64_t> dim,
                                        bool keepdim) {
  std::vector<bool> mask;
  if (dim) {
    int64_t d = maybe_wrap_dim(*dim, self.dim());
    mask.assign(static_cast<size_t>(self.dim()), false);
    if (self.dim() > 0) mask[d] = true;
    if (self.numel() == 0)
      WICK_CHECK_T(IndexError, self.dim() == 0 || self.size(d) != 0,
                   "aminmax: Expected reduction dim ", d, " to have non-zero size.");
  } else {
    WICK_CHECK(self.numel() != 0,
               "aminmax(): cannot compute aminmax over an empty dimension as the operation "
               "has no identity.");
    mask.assign(static_cast<size_t>(self.dim()), true);
  }
  DimVector shape = reduced_shape(self, mask, keepdim);
  Tensor mn = empty(shape, TensorOptions(self.dtype()));
  Tensor mx = empty(shape, TensorOptions(self.dtype()));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "aminmax_cpu", [&] {
    MinMaxOp<scalar_t> op{mn.data_ptr<scalar_t>(), mx.data_ptr<scalar_t>()};
    launch(op, self, mask, mn, keepdim);
  });
  return {mn, mx};
}

// ---- all / any -----------------------------------------------------------------------

template <bool IsAll>
Tensor all_any_impl(const Tensor& self, IntArrayRef dim, bool keepdim) {
  std::vector<bool> mask = dim_mask(dim, self.dim());
  ScalarType rt = self.dtype() == kByte ? kByte : kBool;
  Tensor out = empty(reduced_shape(self, mask, keepdim), TensorOptions(rt));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), IsAll ? "all_cpu" : "any_cpu", [&] {
    if (rt == kByte) {
      AllAnyOp<scalar_t, uint8_t, IsAll> op{out.data_ptr<uint8_t>()};
      launch(op, self, mask, out, keepdim);
    } else {
      AllAnyOp<scalar_t, bool, IsAll> op{out.data_ptr<bool>()};
      launch(op, self, mask, out, keepdim);
    }
  });
  return out;
}

// ---- var / std ----------------------------------------------------------------------

std::tuple<Tensor, Tensor> var_impl(const Tensor& self, OptionalIntArrayRef dim,
                                    std::optional<double> correction, bool keepdim,
                                    bool take_sqrt, bool want_mean) {
  WICK_CHECK(is_floating_type(self.dtype()),
             want_mean ? (take_sqrt ? "std_mean" : "var_mean") : "std and var",
             " only support floating point and complex dtypes");
  std::vector<bool> mask = dim_mask(dim.value_or(IntArrayRef()), self.dim());
  DimVector shape = reduced_shape(self, mask, keepdim);
  Tensor v = empty(shape, TensorOptions(self.dtype()));
  Tensor m = want_mean ? empty(shape, TensorOptions(self.dtype())) : Tensor();
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "std_var_cpu", [&] {
    VarOp<scalar_t> op{v.data_ptr<scalar_t>(), want_mean ? m.data_ptr<scalar_t>() : nullptr,
                       correction.value_or(1.0), take_sqrt};
    launch(op, self, mask, v, keepdim);
  });
  return {v, m};
}

// ---- norms --------------------------------------------------------------------------

Tensor norm_impl(const Tensor& self_in, double p, IntArrayRef dim, bool keepdim,
                 std::optional<ScalarType> dtype) {
  WICK_CHECK(is_floating_type(self_in.dtype()),
             "norm(): input dtype should be either floating point or complex. Got ",
             self_in.dtype(), " instead.");
  if (dtype) {
    WICK_CHECK(is_floating_type(*dtype),
               "norm(): the desired output dtype should be either floating point or complex. "
               "Got ",
               *dtype, " instead.");
  }
  Tensor self = dtype && *dtype != self_in.dtype() ? self_in.to(*dtype) : self_in;
  std::vector<bool> mask = dim_mask(dim, self.dim());
  Tensor out = empty(reduced_shape(self, mask, keepdim), TensorOptions(self.dtype()));
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "norm_cpu", [&] {
    scalar_t* o = out.data_ptr<scalar_t>();
    using A = opmath_t<scalar_t>;
    A pa = static_cast<A>(p);
    if (p == 2) launch(NormOp<scalar_t, kL2>{o, pa}, self, mask, out, keepdim);
    else if (p == 1) launch(NormOp<scalar_t, kL1>{o, pa}, self, mask, out, keepdim);
    else if (p == 0) launch(NormOp<scalar_t, kL0>{o, pa}, self, mask, out, keepdim);
    else if (std::isinf(p) && p > 0) launch(NormOp<scalar_t, kLinf>{o, pa}, self, mask, out, keepdim);
    else if (std::isinf(p) && self.numel() == 0) out.zero_();  // PyTorch gives 0 here too
    else if (std::isinf(p)) launch(NormOp<scalar_t, kLninf>{o, pa}, self, mask, out, keepdim);
    else launch(NormOp<scalar_t, kLp>{o, pa}, self, mask, out, keepdim);
  });
  return out;
}

// ---- scans --------------------------------------------------------------------------

// Runs step(acc, x, i) -> new acc along `dim` of `in` for every line, writing
// emit(acc, i) into out (same shape, contiguous). Lines run in parallel.
template <typename In, typename Acc, typename Init, typename Step, typename Emit>
void scan_lines(const Tensor& in, int64_t dim, const Init& init, const Step& step,
                const Emit& emit) {
  const int64_t n = in.size(dim);
  const int64_t nlines = n == 0 ? 0 : in.numel() / n;
  if (nlines == 0) return;
  const In* base = static_cast<const In*>(in.data_ptr());
  const int64_t is = in.stride(dim);
  DimVector lsize, listr, lostr;
  DimVector ostr = contiguous_strides(in.sizes());
  for (int64_t d = 0; d < in.dim(); ++d)
    if (d != dim) {
      lsize.push_back(in.size(d));
      listr.push_back(in.stride(d));
      lostr.push_back(ostr[d]);
    }
  if (lsize.empty()) {
    lsize = {1};
    listr = {0};
    lostr = {0};
  }
  const int64_t os = in.dim() == 0 ? 1 : ostr[dim];
  int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1));
  parallel_for(0, nlines, grain, [&](int64_t b, int64_t e) {
    kernels::detail::walk_runs(lsize, listr, lostr, b, e,
                               [&](int64_t ioff, int64_t ooff, int64_t rn, int64_t) {
                                 for (int64_t k = 0; k < rn; ++k) {
                                   const In* p = base + ioff + k * listr.back();
                                   const int64_t o = ooff + k * lostr.back();
                                   Acc acc = init();
                                   for (int64_t i = 0; i < n; ++i) {
                                     acc = step(acc, p[i * is], i);
                                     emit(o + i * os, acc, i);
                                   }
                                 }
                               });
  });
}

template <bool IsProd>
Tensor cum_impl(const Tensor& self_in, int64_t dim, std::optional<ScalarType> dtype) {
  int64_t d = maybe_wrap_dim(dim, self_in.dim());
  Tensor self = self_in;
  if (dtype) {
    if (*dtype != self.dtype()) self = self.to(*dtype);
  } else if (is_integral_type(self.dtype(), true)) {
    self = self.to(kLong);
  }
  Tensor out = empty(self.sizes(), TensorOptions(self.dtype()));
  if (self.dim() == 0) d = 0;
  Tensor in = self.dim() == 0 ? reshape(self, {1}) : self;
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), IsProd ? "cumprod_cpu" : "cumsum_cpu", [&] {
    using Acc = std::conditional_t<is_float_v<scalar_t>, double,
                                   std::conditional_t<std::is_same_v<scalar_t, bool>, int64_t,
                                                      scalar_t>>;
    scalar_t* o = out.data_ptr<scalar_t>();
    scan_lines<scalar_t, Acc>(
        in, d, [] { return Acc(IsProd ? 1 : 0); },
        [](Acc a, scalar_t x, int64_t) {
          return IsProd ? static_cast<Acc>(a * static_cast<Acc>(x))
                        : static_cast<Acc>(a + static_cast<Acc>(x));
        },
        [o](int64_t off, Acc a, int64_t) { o[off] = static_cast<scalar_t>(a); });
  });
  return out;
}

template <bool IsMax>
std::tuple<Tensor, Tensor> cum_extreme_impl(const Tensor& self, int64_t dim) {
  int64_t d = maybe_wrap_dim(dim, self.dim());
  Tensor values = empty(self.sizes(), TensorOptions(self.dtype()));
  Tensor indices = empty(self.sizes(), TensorOptions(kLong));
  Tensor in = self.dim() == 0 ? reshape(self, {1}) : self;
  if (self.dim() == 0) d = 0;
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), IsMax ? "cummax_cpu" : "cummin_cpu", [&] {
    using V = opmath_t<scalar_t>;
    struct Acc {
      V v;
      int64_t i;
    };
    scalar_t* vo = values.data_ptr<scalar_t>();
    int64_t* io = indices.data_ptr<int64_t>();
    scan_lines<scalar_t, Acc>(
        in, d, [] { return Acc{V(0), -1}; },
        [](Acc a, scalar_t xin, int64_t i) {
          V x = static_cast<V>(xin);
          bool take = a.i < 0 || is_nan(x) ||
                      (!is_nan(a.v) && (IsMax ? x >= a.v : x <= a.v));
          return take ? Acc{x, i} : a;
        },
        [vo, io](int64_t off, Acc a, int64_t) {
          vo[off] = static_cast<scalar_t>(a.v);
          io[off] = a.i;
        });
  });
  return {values, indices};
}

Tensor logcumsumexp_impl(const Tensor& self, int64_t dim) {
  int64_t d = maybe_wrap_dim(dim, self.dim());
  Tensor out = empty(self.sizes(), TensorOptions(self.dtype()));
  Tensor in = self.dim() == 0 ? reshape(self, {1}) : self;
  if (self.dim() == 0) d = 0;
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "logcumsumexp_out_cpu", [&] {
    using A = std::conditional_t<std::is_same_v<scalar_t, double>, double, float>;
    scalar_t* o = out.data_ptr<scalar_t>();
    LogSumExpOp<scalar_t> lse{nullptr};
    using Acc = typename LogSumExpOp<scalar_t>::acc_t;
    scan_lines<scalar_t, Acc>(
        in, d, [&] { return lse.identity(); },
        [&](Acc a, scalar_t x, int64_t) { return lse.reduce(a, x, 0); },
        [o](int64_t off, Acc a, int64_t) {
          A r = std::isinf(a.m) ? a.m : a.m + std::log(a.s);
          o[off] = static_cast<scalar_t>(r);
        });
  });
  return out;
}

}  // namespace

// ---- public entry points -------------------------------------------------------------

// ---- derivatives of sum / mean ------------------------------------------------
// The incoming gradient gets the reduced dims back (size 1) and broadcasts
// over the input; mean also divides by the count.

namespace {
using autograd::FormulaNode;
using autograd::variable_list;

Tensor unreduce(const Tensor& g, FormulaNode& n) {
  Tensor r = g;
  if (n.int_at(0) == 0)
    for (int64_t d : n.sizes(1)) r = r.unsqueeze(d);
  return r.expand(n.sizes(0));
}
variable_list sum_backward(FormulaNode& n, const variable_list& g) { return {unreduce(g[0], n)}; }
variable_list mean_backward(FormulaNode& n, const variable_list& g) {
  return {unreduce(g[0], n) / n.scalar(0)};
}
variable_list nansum_backward(FormulaNode& n, const variable_list& g) {
  return {unreduce(g[0], n) * n.saved(0).isnan().logical_not()};
}

// Records a reduction over `dim` (all dims when empty) of self into out.
FormulaNode* record_reduction(const char* name, autograd::Formula f, const Tensor& self,
                              IntArrayRef dim, bool keepdim, const Tensor& out) {
  std::vector<bool> mask = dim_mask(dim, self.dim());
  DimVector dims;
  for (int64_t d = 0; d < self.dim(); ++d)
    if (mask[d]) dims.push_back(d);
  return autograd::record(name, f, {self}, {out})->keep(self.sizes())->keep(dims)->keep_int(keepdim);
}

// Runs a reduction without recording its internals, then records `name`;
// `finish(node, out)` saves what the formula reads beyond the shapes.
template <typename Compute, typename Finish>
Tensor reduce_with_grad(const char* name, autograd::Formula f, const Tensor& self, IntArrayRef dim,
                        bool keepdim, Compute&& compute, Finish&& finish) {
  if (!autograd::compute_requires_grad(self)) return compute();
  Tensor out;
  {
    NoGradGuard no_grad;
    out = compute();
  }
  if (FormulaNode* n = record_reduction(name, f, self, dim, keepdim, out)) finish(n, out);
  return out;
}
template <typename Compute>
Tensor reduce_with_grad(const char* name, autograd::Formula f, const Tensor& self, IntArrayRef dim,
                        bool keepdim, Compute&& compute) {
  return reduce_with_grad(name, f, self, dim, keepdim, std::forward<Compute>(compute),
                          [&](FormulaNode* n, const Tensor& out) {
                            if (f == mean_backward)
                              n->keep(Scalar(static_cast<double>(self.numel()) /
                                             std::max<int64_t>(out.numel(), 1)));
                            if (f == nansum_backward) n->save(self);
                          });
}

// ---- the other reductions' derivatives ---------------------------------------------
// Saved: n.saved(0) the input x, n.saved(1) the result r (both as recorded).

// max() / min() / amax / amin: the gradient is spread evenly over the
// elements equal to the result (PyTorch's convention at ties).
variable_list extreme_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), r = n.saved(1);
  Tensor mask = x.eq(unreduce(r, n)).logical_or(x.isnan().logical_and(unreduce(r, n).isnan()));
  Tensor count = mask.sum(n.sizes(1), true);
  return {unreduce(g[0], n) * mask / count};
}

// max(dim) / min(dim) / cummax-like selections: the gradient goes to the
// element the index names (a one-hot mask along the dim).
variable_list indexed_extreme_backward(FormulaNode& n, const variable_list& g) {
  const int64_t d = n.int_at(1);
  Tensor idx = n.saved(0);
  IntArrayRef in_sizes = n.sizes(0);
  Tensor gu = g[0], iu = idx;
  if (n.int_at(0) == 0 && !in_sizes.empty()) {
    gu = gu.unsqueeze(d);
    iu = iu.unsqueeze(d);
  }
  if (in_sizes.empty()) return {gu};
  DimVector shape(in_sizes.size(), 1);
  shape[d] = in_sizes[d];
  Tensor positions = arange(in_sizes[d], TensorOptions(kLong)).view(shape);
  return {gu * positions.eq(iu)};
}

variable_list prod_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), r = n.saved(1);
  Tensor gu = unreduce(g[0], n);
  if (!x.eq(0).any().item<bool>()) return {gu * unreduce(r, n) / x};
  // With zeros: the product of all the other elements, from exclusive
  // prefix and suffix products along the reduced dim.
  IntArrayRef dims = n.sizes(1);
  Tensor xs = dims.size() == 1 ? x : x.reshape({-1});
  const int64_t d = dims.size() == 1 ? dims[0] : 0;
  const int64_t len = xs.size(d);
  Tensor one = ones_like(xs.narrow(d, 0, 1));
  Tensor pre = cat({one, xs.narrow(d, 0, len - 1).cumprod(d)}, d);
  Tensor suf = cat({xs.narrow(d, 1, len - 1).flip({d}).cumprod(d).flip({d}), one}, d);
  Tensor others = (pre * suf).reshape(x.sizes());
  return {gu * others};
}

variable_list var_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0);
  const double dof = n.scalar(0).toDouble();
  Tensor centered = x - x.mean(n.sizes(1), true);
  Tensor grad = unreduce(g[0], n) * centered * (2.0 / dof);
  if (g.size() > 1) grad = grad + unreduce(g[1], n) / n.scalar(1);  // var_mean's mean
  return {grad};
}

variable_list std_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), r = n.saved(1);
  const double dof = n.scalar(0).toDouble();
  Tensor centered = x - x.mean(n.sizes(1), true);
  Tensor grad = unreduce(g[0], n) * centered / (unreduce(r, n) * dof);
  if (g.size() > 1) grad = grad + unreduce(g[1], n) / n.scalar(1);  // std_mean's mean
  return {grad};
}

variable_list norm_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), r = n.saved(1);
  const double p = n.scalar(0).toDouble();
  Tensor gu = unreduce(g[0], n), ru = unreduce(r, n);
  if (p == 0.0) return {zeros_like(x)};
  if (p == 1.0) return {gu * x.sign()};
  if (std::isinf(p)) {
    Tensor ax = x.abs();
    Tensor mask = ax.eq(ru);
    return {gu * x.sign() * mask / mask.sum(n.sizes(1), true)};
  }
  // x |x|^(p-2) / r^(p-1), zero where the norm is zero (the bool masks keep
  // the division finite there).
  Tensor zero = ru.eq(0);
  if (p == 2.0) return {x * (gu * zero.logical_not() / (ru + zero))};
  Tensor scale = gu * zero.logical_not() / (ru + zero).pow(p - 1);
  return {x * x.abs().pow(p - 2) * scale};
}

variable_list logsumexp_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), r = n.saved(1);
  return {unreduce(g[0], n) * (x - unreduce(r, n)).exp()};
}

// Sums of the later positions along d, the current one included:
// reverse_cumsum(g)_i = sum_{k >= i} g_k.
Tensor reverse_cumsum(const Tensor& g, int64_t d) { return g.sum({d}, true) - g.cumsum(d) + g; }

// Scans along n.int_at(0); saved(0) x, saved(1) the result.
variable_list cumsum_backward(FormulaNode& n, const variable_list& g) {
  const int64_t d = n.int_at(0);
  if (g[0].dim() == 0) return {g[0]};
  return {reverse_cumsum(g[0], d)};
}

variable_list cumprod_backward(FormulaNode& n, const variable_list& g) {
  const int64_t d = n.int_at(0);
  Tensor x = n.saved(0), r = n.saved(1);
  if (x.dim() == 0) return {g[0]};
  if (!x.eq(0).any().item<bool>()) return {reverse_cumsum(g[0] * r, d) / x};
  // With zeros: d out_k / d x_i = (prod_{j<i} x_j) * (prod_{i<j<=k} x_j).
  const int64_t len = x.size(d);
  Tensor one = ones_like(x.narrow(d, 0, 1));
  Tensor before = cat({one, x.narrow(d, 0, len - 1).cumprod(d)}, d);
  std::vector<Tensor> parts;
  for (int64_t i = 0; i < len; ++i) {
    Tensor acc = g[0].narrow(d, i, 1);
    const int64_t rest = len - i - 1;
    if (rest > 0)
      acc = acc + (g[0].narrow(d, i + 1, rest) * x.narrow(d, i + 1, rest).cumprod(d)).sum({d}, true);
    parts.push_back(acc * before.narrow(d, i, 1));
  }
  return {cat(parts, d)};
}

variable_list logcumsumexp_backward(FormulaNode& n, const variable_list& g) {
  const int64_t d = n.int_at(0);
  Tensor x = n.saved(0), r = n.saved(1);
  if (x.dim() == 0) return {g[0]};
  // sum_{k >= i} g_k exp(x_i - r_k), shifted by the largest result for range.
  Tensor m = r.amax().detach();
  Tensor tail = reverse_cumsum(g[0] * (m - r).exp(), d);
  return {tail * (x - m).exp()};
}

variable_list cum_extreme_backward(FormulaNode& n, const variable_list& g) {
  const int64_t d = n.int_at(0);
  Tensor idx = n.saved(0);
  if (g[0].dim() == 0) return {g[0]};
  return {zeros(n.sizes(0), g[0].options()).scatter_add(d, idx, g[0])};
}

variable_list aminmax_backward(FormulaNode& n, const variable_list& g) {
  Tensor x = n.saved(0), lo = n.saved(1), hi = n.saved(2);
  auto spread = [&](const Tensor& gi, const Tensor& ri) {
    Tensor ru = unreduce(ri, n);
    Tensor mask = x.eq(ru).logical_or(x.isnan().logical_and(ru.isnan()));
    return unreduce(gi, n) * mask / mask.sum(n.sizes(1), true);
  };
  return {spread(g[0], lo) + spread(g[1], hi)};
}
}  // namespace

Tensor sum(const Tensor& self, std::optional<ScalarType> dtype) {
  return reduce_with_grad("SumBackward0", sum_backward, self, {}, false,
                          [&] { return sum_impl<false>(self, {}, false, dtype, false); });
}
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  return reduce_with_grad("SumBackward1", sum_backward, self, dim, keepdim,
                          [&] { return sum_impl<false>(self, dim, keepdim, dtype, false); });
}
Tensor& sum_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim,
                std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("sum", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, sum_impl<false>(self, dim, keepdim, dtype.value_or(out.dtype()), false));
}
Tensor nansum(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  return reduce_with_grad("NansumBackward0", nansum_backward, self, dim, keepdim,
                          [&] { return sum_impl<true>(self, dim, keepdim, dtype, false); });
}
Tensor& nansum_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim,
                   std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("nansum", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, sum_impl<true>(self, dim, keepdim, dtype.value_or(out.dtype()), false));
}
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype) {
  check_mean_dtype("mean", self, dtype);
  return reduce_with_grad("MeanBackward0", mean_backward, self, {}, false,
                          [&] { return sum_impl<false>(self, {}, false, dtype, true); });
}
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  check_mean_dtype("mean", self, dtype);
  return reduce_with_grad("MeanBackward1", mean_backward, self, dim, keepdim,
                          [&] { return sum_impl<false>(self, dim, keepdim, dtype, true); });
}
Tensor& mean_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim,
                 std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("mean", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, mean(self, dim, keepdim, dtype ? dtype : std::optional(out.dtype())));
}
Tensor nanmean(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  WICK_CHECK(is_floating_type(self.dtype()),
             "nanmean(): expected input to have floating point dtype but got ", self.dtype());
  Tensor total = nansum(self, dim, keepdim, dtype);
  Tensor count = sum(logical_not(isnan(self)), dim, keepdim);
  return div(total, count);
}
Tensor& nanmean_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim,
                    std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("nanmean", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, nanmean(self, dim, keepdim, dtype));
}
namespace {
// What the value-based formulas read: the input and the result.
void save_input_and_result(FormulaNode* n, const Tensor& self, const Tensor& out) {
  n->save(self)->save_output(out);
}
}  // namespace

Tensor prod(const Tensor& self, std::optional<ScalarType> dtype) {
  return reduce_with_grad("ProdBackward0", prod_backward, self, {}, false,
                          [&] { return prod_impl(self, {}, false, dtype); },
                          [&](FormulaNode* n, const Tensor& out) { save_input_and_result(n, self, out); });
}
Tensor prod(const Tensor& self, int64_t dim, bool keepdim, std::optional<ScalarType> dtype) {
  return reduce_with_grad("ProdBackward1", prod_backward, self, IntArrayRef(dim), keepdim,
                          [&] { return prod_impl(self, IntArrayRef(dim), keepdim, dtype); },
                          [&](FormulaNode* n, const Tensor& out) { save_input_and_result(n, self, out); });
}
Tensor& prod_out(Tensor& out, const Tensor& self, int64_t dim, bool keepdim,
                 std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("prod", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, prod_impl(self, IntArrayRef(dim), keepdim, dtype.value_or(out.dtype())));
}

namespace {
template <bool IsMax>
Tensor extreme_with_grad(const char* node, const Tensor& self, IntArrayRef dim, bool keepdim,
                         const char* name, bool dims_given) {
  return reduce_with_grad(node, extreme_backward, self, dim, keepdim,
                          [&] { return extreme_impl<IsMax>(self, dim, keepdim, name, dims_given); },
                          [&](FormulaNode* n, const Tensor& out) { save_input_and_result(n, self, out); });
}
// max(dim) / min(dim): values carry the gradient to the indexed elements.
template <bool IsMax>
std::tuple<Tensor, Tensor> indexed_extreme(const char* node, const Tensor& self, int64_t dim,
                                           bool keepdim, const char* name) {
  if (!autograd::compute_requires_grad(self)) return arg_impl<IsMax>(self, dim, keepdim, true, name);
  std::tuple<Tensor, Tensor> r;
  {
    NoGradGuard no_grad;
    r = arg_impl<IsMax>(self, dim, keepdim, true, name);
  }
  if (FormulaNode* n = autograd::record(node, indexed_extreme_backward, {self}, {std::get<0>(r)}))
    n->keep(self.sizes())->keep_int(keepdim)->keep_int(self.dim() == 0 ? 0 : maybe_wrap_dim(dim, self.dim()))->save(std::get<1>(r));
  return r;
}
}  // namespace

Tensor max(const Tensor& self) { return extreme_with_grad<true>("MaxBackward1", self, {}, false, "max", false); }
Tensor min(const Tensor& self) { return extreme_with_grad<false>("MinBackward1", self, {}, false, "min", false); }
std::tuple<Tensor, Tensor> max(const Tensor& self, int64_t dim, bool keepdim) {
  return indexed_extreme<true>("MaxBackward0", self, dim, keepdim, "max");
}
std::tuple<Tensor, Tensor> min(const Tensor& self, int64_t dim, bool keepdim) {
  return indexed_extreme<false>("MinBackward0", self, dim, keepdim, "min");
}
Tensor max(const Tensor& self, const Tensor& other) { return maximum(self, other); }
Tensor min(const Tensor& self, const Tensor& other) { return minimum(self, other); }
Tensor& max_out(Tensor& out, const Tensor& self, const Tensor& other) {
  return maximum_out(out, self, other);
}
Tensor& min_out(Tensor& out, const Tensor& self, const Tensor& other) {
  return minimum_out(out, self, other);
}
std::tuple<Tensor&, Tensor&> max_out(Tensor& max, Tensor& max_indices, const Tensor& self,
                                     int64_t dim, bool keepdim) {
  autograd::check_out_no_grad("max", max, max_indices, self);
  check_out_dtype(max, self.dtype());
  auto [v, i] = arg_impl<true>(self, dim, keepdim, true, "max");
  assign_result(max, v);
  assign_result(max_indices, i);
  return {max, max_indices};
}
std::tuple<Tensor&, Tensor&> min_out(Tensor& min, Tensor& min_indices, const Tensor& self,
                                     int64_t dim, bool keepdim) {
  autograd::check_out_no_grad("min", min, min_indices, self);
  check_out_dtype(min, self.dtype());
  auto [v, i] = arg_impl<false>(self, dim, keepdim, true, "min");
  assign_result(min, v);
  assign_result(min_indices, i);
  return {min, min_indices};
}
Tensor amax(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return extreme_with_grad<true>("AmaxBackward0", self, dim, keepdim, "amax", !dim.empty());
}
Tensor amin(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return extreme_with_grad<false>("AminBackward0", self, dim, keepdim, "amin", !dim.empty());
}
Tensor& amax_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim) {
  autograd::check_out_no_grad("amax", out, self);
  check_same_dtype_out(self, out);
  return assign_result(out, amax(self, dim, keepdim));
}
Tensor& amin_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim) {
  autograd::check_out_no_grad("amin", out, self);
  check_same_dtype_out(self, out);
  return assign_result(out, amin(self, dim, keepdim));
}
std::tuple<Tensor, Tensor> aminmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  if (!autograd::compute_requires_grad(self)) return aminmax_impl(self, dim, keepdim);
  std::tuple<Tensor, Tensor> r;
  {
    NoGradGuard no_grad;
    r = aminmax_impl(self, dim, keepdim);
  }
  DimVector dims;
  if (dim) dims.push_back(*dim);
  auto [lo, hi] = r;
  if (FormulaNode* n = autograd::record("AminmaxBackward0", aminmax_backward, {self}, {lo, hi})) {
    std::vector<bool> mask = dim_mask(dims, self.dim());
    DimVector reduced;
    for (int64_t d = 0; d < self.dim(); ++d)
      if (mask[d]) reduced.push_back(d);
    n->keep(self.sizes())->keep(reduced)->keep_int(keepdim)->save(self)->save_output(lo)->save_output(hi);
  }
  return r;
}
std::tuple<Tensor&, Tensor&> aminmax_out(Tensor& min, Tensor& max, const Tensor& self,
                                         std::optional<int64_t> dim, bool keepdim) {
  autograd::check_out_no_grad("aminmax", min, max, self);
  check_same_dtype_out(self, min);
  check_same_dtype_out(self, max);
  auto [a, b] = aminmax_impl(self, dim, keepdim);
  assign_result(min, a);
  assign_result(max, b);
  return {min, max};
}
namespace {
// argmax/argmin with dim=None and keepdim=True keep every dim (as size 1), like PyTorch.
Tensor keep_all_dims(const Tensor& r, const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  if (dim || !keepdim) return r;
  return reshape(r, DimVector(static_cast<size_t>(self.dim()), 1));
}
}  // namespace
Tensor argmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return keep_all_dims(std::get<1>(arg_impl<true>(self, dim, keepdim, false, "argmax")), self, dim,
                       keepdim);
}
Tensor argmin(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return keep_all_dims(std::get<1>(arg_impl<false>(self, dim, keepdim, false, "argmin")), self,
                       dim, keepdim);
}
Tensor& argmax_out(Tensor& out, const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return assign_result(out, argmax(self, dim, keepdim));
}
Tensor& argmin_out(Tensor& out, const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return assign_result(out, argmin(self, dim, keepdim));
}

Tensor all(const Tensor& self) { return all_any_impl<true>(self, {}, false); }
Tensor all(const Tensor& self, int64_t dim, bool keepdim) {
  return all_any_impl<true>(self, IntArrayRef(dim), keepdim);
}
Tensor& all_out(Tensor& out, const Tensor& self) { return assign_result(out, all(self)); }
Tensor& all_out(Tensor& out, const Tensor& self, int64_t dim, bool keepdim) {
  return assign_result(out, all(self, dim, keepdim));
}
Tensor any(const Tensor& self) { return all_any_impl<false>(self, {}, false); }
Tensor any(const Tensor& self, int64_t dim, bool keepdim) {
  return all_any_impl<false>(self, IntArrayRef(dim), keepdim);
}
Tensor& any_out(Tensor& out, const Tensor& self) { return assign_result(out, any(self)); }
Tensor& any_out(Tensor& out, const Tensor& self, int64_t dim, bool keepdim) {
  return assign_result(out, any(self, dim, keepdim));
}

namespace {
// var/std (and their _mean forms): out[0] is var or std, out[1] the mean.
std::tuple<Tensor, Tensor> var_with_grad(const Tensor& self, OptionalIntArrayRef dim,
                                         std::optional<double> correction, bool keepdim,
                                         bool take_sqrt, bool with_mean) {
  if (!autograd::compute_requires_grad(self))
    return var_impl(self, dim, correction, keepdim, take_sqrt, with_mean);
  std::tuple<Tensor, Tensor> r;
  {
    NoGradGuard no_grad;
    r = var_impl(self, dim, correction, keepdim, take_sqrt, with_mean);
  }
  IntArrayRef dims = dim ? *dim : IntArrayRef();
  Tensor first = std::get<0>(r), second = std::get<1>(r);
  const char* name = take_sqrt ? (with_mean ? "StdMeanBackward0" : "StdBackward0")
                               : (with_mean ? "VarMeanBackward0" : "VarBackward0");
  autograd::variable_list outs{first};
  if (with_mean) outs.push_back(second);
  auto node_ptr = autograd::record(name, take_sqrt ? std_backward : var_backward, {self}, outs);
  if (node_ptr) {
    std::vector<bool> mask = dim_mask(dims, self.dim());
    DimVector reduced;
    int64_t count = 1;
    for (int64_t d = 0; d < self.dim(); ++d)
      if (mask[d]) {
        reduced.push_back(d);
        count *= self.size(d);
      }
    const double dof = static_cast<double>(count) - correction.value_or(1.0);
    node_ptr->keep(self.sizes())->keep(reduced)->keep_int(keepdim)->save(self)->save_output(first);
    node_ptr->keep(Scalar(dof))->keep(Scalar(static_cast<double>(count)));
  }
  return r;
}
}  // namespace

Tensor std(const Tensor& self, OptionalIntArrayRef dim, std::optional<double> correction,
           bool keepdim) {
  return std::get<0>(var_with_grad(self, dim, correction, keepdim, true, false));
}
Tensor& std_out(Tensor& out, const Tensor& self, OptionalIntArrayRef dim,
                std::optional<double> correction, bool keepdim) {
  autograd::check_out_no_grad("std", out, self);
  return assign_result(out, wick::std(self, dim, correction, keepdim));
}
Tensor var(const Tensor& self, OptionalIntArrayRef dim, std::optional<double> correction,
           bool keepdim) {
  return std::get<0>(var_with_grad(self, dim, correction, keepdim, false, false));
}
Tensor& var_out(Tensor& out, const Tensor& self, OptionalIntArrayRef dim,
                std::optional<double> correction, bool keepdim) {
  autograd::check_out_no_grad("var", out, self);
  return assign_result(out, var(self, dim, correction, keepdim));
}
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, OptionalIntArrayRef dim,
                                    std::optional<double> correction, bool keepdim) {
  return var_with_grad(self, dim, correction, keepdim, true, true);
}
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, OptionalIntArrayRef dim,
                                    std::optional<double> correction, bool keepdim) {
  return var_with_grad(self, dim, correction, keepdim, false, true);
}

namespace {
Tensor norm_with_grad(const char* node, const Tensor& self, double p, IntArrayRef dim, bool keepdim,
                      std::optional<ScalarType> dtype) {
  return reduce_with_grad(node, norm_backward, self, dim, keepdim,
                          [&] { return norm_impl(self, p, dim, keepdim, dtype); },
                          [&](FormulaNode* n, const Tensor& out) {
                            save_input_and_result(n, self, out);
                            n->keep(Scalar(p));
                          });
}
}  // namespace

Tensor norm(const Tensor& self, const Scalar& p) {
  return norm_with_grad("LinalgVectorNormBackward0", self, p.toDouble(), {}, false, std::nullopt);
}
Tensor norm(const Tensor& self, std::optional<Scalar> p, IntArrayRef dim, bool keepdim,
            std::optional<ScalarType> dtype) {
  return norm_with_grad("LinalgVectorNormBackward0", self, p ? p->toDouble() : 2.0, dim, keepdim, dtype);
}
Tensor& norm_out(Tensor& out, const Tensor& self, std::optional<Scalar> p, IntArrayRef dim,
                 bool keepdim, std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("norm", out, self);
  return assign_result(out, norm(self, p, dim, keepdim, dtype));
}
Tensor dist(const Tensor& self, const Tensor& other, const Scalar& p) {
  return norm(sub(self, other), p);
}

namespace {
Tensor logsumexp_impl(const Tensor& self_in, IntArrayRef dim, bool keepdim);
}  // namespace

Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return reduce_with_grad("LogsumexpBackward0", logsumexp_backward, self, dim, keepdim,
                          [&] { return logsumexp_impl(self, dim, keepdim); },
                          [&](FormulaNode* n, const Tensor& out) { save_input_and_result(n, self, out); });
}

namespace {
Tensor logsumexp_impl(const Tensor& self_in, IntArrayRef dim, bool keepdim) {
  Tensor self = is_integral_type(self_in.dtype(), true) ? self_in.to(get_default_dtype()) : self_in;
  std::vector<bool> mask = dim_mask(dim, self.dim());
  Tensor out = empty(reduced_shape(self, mask, keepdim), TensorOptions(self.dtype()));
  WICK_DISPATCH_FLOATING_AND_HALF(self.dtype(), "logsumexp_cpu", [&] {
    launch(LogSumExpOp<scalar_t>{out.data_ptr<scalar_t>()}, self, mask, out, keepdim);
  });
  return out;
}
}  // namespace
Tensor& logsumexp_out(Tensor& out, const Tensor& self, IntArrayRef dim, bool keepdim) {
  autograd::check_out_no_grad("logsumexp", out, self);
  return assign_result(out, logsumexp(self, dim, keepdim));
}

Tensor count_nonzero(const Tensor& self, OptionalIntArrayRef dim) {
  std::vector<bool> mask = dim_mask(dim.value_or(IntArrayRef()), self.dim());
  Tensor out = empty(reduced_shape(self, mask, false), TensorOptions(kLong));
  WICK_DISPATCH_ALL_TYPES_AND_BOOL(self.dtype(), "count_nonzero_cpu", [&] {
    launch(CountNonzeroOp<scalar_t>{out.data_ptr<int64_t>()}, self, mask, out, false);
  });
  return out;
}
Tensor count_nonzero(const Tensor& self, int64_t dim) {
  return count_nonzero(self, OptionalIntArrayRef(IntArrayRef(dim)));
}

namespace {
// In-place scans keep self's dtype; a different dtype is refused like PyTorch.
void check_inplace_dtype(const Tensor& self, std::optional<ScalarType> dtype) {
  if (!dtype) return;
  WICK_CHECK(*dtype == self.dtype(), "Bad in-place call: input tensor dtype ",
             linalg_detail::cpp_type_name(self.dtype()), " and output tensor dtype ",
             linalg_detail::cpp_type_name(*dtype), " should match");
}
}  // namespace

namespace {
// Scans: one dim, the result has the input's shape.
template <typename Compute>
Tensor scan_with_grad(const char* name, autograd::Formula f, const Tensor& self, int64_t dim,
                      bool save, Compute&& compute) {
  if (!autograd::compute_requires_grad(self)) return compute();
  Tensor out;
  {
    NoGradGuard no_grad;
    out = compute();
  }
  if (FormulaNode* n = autograd::record(name, f, {self}, {out})) {
    n->keep_int(self.dim() == 0 ? 0 : maybe_wrap_dim(dim, self.dim()));
    if (save) n->save(self)->save_output(out);
  }
  return out;
}
}  // namespace

Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return scan_with_grad("CumsumBackward0", cumsum_backward, self, dim, false,
                        [&] { return cum_impl<false>(self, dim, dtype); });
}
Tensor& cumsum_(Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  check_inplace_dtype(self, dtype);
  autograd::impl::check_inplace(self);
  // Recorded as cumsum then copy_, so the gradient flows through both.
  Tensor r = cumsum(self, dim, self.dtype());
  self.copy_(r);
  return self;
}
Tensor& cumsum_out(Tensor& out, const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("cumsum", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, cum_impl<false>(self, dim, dtype.value_or(out.dtype())));
}
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return scan_with_grad("CumprodBackward0", cumprod_backward, self, dim, true,
                        [&] { return cum_impl<true>(self, dim, dtype); });
}
Tensor& cumprod_(Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  check_inplace_dtype(self, dtype);
  autograd::impl::check_inplace(self);
  // cumprod saves its input, which the copy_ overwrites: scan a copy.
  Tensor r = autograd::compute_requires_grad(self) ? cumprod(self.clone(), dim, self.dtype())
                                                   : cum_impl<true>(self, dim, self.dtype());
  self.copy_(r);
  return self;
}
Tensor& cumprod_out(Tensor& out, const Tensor& self, int64_t dim,
                    std::optional<ScalarType> dtype) {
  autograd::check_out_no_grad("cumprod", out, self);
  check_out_dtype(out, dtype);
  return assign_result(out, cum_impl<true>(self, dim, dtype.value_or(out.dtype())));
}
namespace {
template <bool IsMax>
std::tuple<Tensor, Tensor> cum_extreme_with_grad(const char* name, const Tensor& self, int64_t dim) {
  if (!autograd::compute_requires_grad(self)) return cum_extreme_impl<IsMax>(self, dim);
  std::tuple<Tensor, Tensor> r;
  {
    NoGradGuard no_grad;
    r = cum_extreme_impl<IsMax>(self, dim);
  }
  if (FormulaNode* n = autograd::record(name, cum_extreme_backward, {self}, {std::get<0>(r)}))
    n->keep_int(self.dim() == 0 ? 0 : maybe_wrap_dim(dim, self.dim()))->keep(self.sizes())->save(std::get<1>(r));
  return r;
}
}  // namespace

std::tuple<Tensor, Tensor> cummax(const Tensor& self, int64_t dim) {
  return cum_extreme_with_grad<true>("CummaxBackward0", self, dim);
}
std::tuple<Tensor, Tensor> cummin(const Tensor& self, int64_t dim) {
  return cum_extreme_with_grad<false>("CumminBackward0", self, dim);
}
std::tuple<Tensor&, Tensor&> cummax_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim) {
  autograd::check_out_no_grad("cummax", values, indices, self);
  auto [v, i] = cummax(self, dim);
  assign_result(values, v);
  assign_result(indices, i);
  return {values, indices};
}
std::tuple<Tensor&, Tensor&> cummin_out(Tensor& values, Tensor& indices, const Tensor& self,
                                        int64_t dim) {
  autograd::check_out_no_grad("cummin", values, indices, self);
  auto [v, i] = cummin(self, dim);
  assign_result(values, v);
  assign_result(indices, i);
  return {values, indices};
}
Tensor logcumsumexp(const Tensor& self, int64_t dim) {
  return scan_with_grad("LogcumsumexpBackward0", logcumsumexp_backward, self, dim, true,
                        [&] { return logcumsumexp_impl(self, dim); });
}
Tensor& logcumsumexp_out(Tensor& out, const Tensor& self, int64_t dim) {
  autograd::check_out_no_grad("logcumsumexp", out, self);
  return assign_result(out, logcumsumexp(self, dim));
}

// ---- Tensor methods --------------------------------------------------------------------

Tensor Tensor::sum(std::optional<ScalarType> dtype) const { return wick::sum(*this, dtype); }
Tensor Tensor::sum(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return wick::sum(*this, dim, keepdim, dtype);
}
Tensor Tensor::nansum(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return wick::nansum(*this, dim, keepdim, dtype);
}
Tensor Tensor::mean(std::optional<ScalarType> dtype) const { return wick::mean(*this, dtype); }
Tensor Tensor::mean(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return wick::mean(*this, dim, keepdim, dtype);
}
Tensor Tensor::nanmean(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return wick::nanmean(*this, dim, keepdim, dtype);
}
Tensor Tensor::prod(std::optional<ScalarType> dtype) const { return wick::prod(*this, dtype); }
Tensor Tensor::prod(int64_t dim, bool keepdim, std::optional<ScalarType> dtype) const {
  return wick::prod(*this, dim, keepdim, dtype);
}
Tensor Tensor::max() const { return wick::max(*this); }
std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim) const {
  return wick::max(*this, dim, keepdim);
}
Tensor Tensor::max(const Tensor& other) const { return wick::max(*this, other); }
Tensor Tensor::min() const { return wick::min(*this); }
std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim) const {
  return wick::min(*this, dim, keepdim);
}
Tensor Tensor::min(const Tensor& other) const { return wick::min(*this, other); }
Tensor Tensor::amax(IntArrayRef dim, bool keepdim) const { return wick::amax(*this, dim, keepdim); }
Tensor Tensor::amin(IntArrayRef dim, bool keepdim) const { return wick::amin(*this, dim, keepdim); }
std::tuple<Tensor, Tensor> Tensor::aminmax(std::optional<int64_t> dim, bool keepdim) const {
  return wick::aminmax(*this, dim, keepdim);
}
Tensor Tensor::argmax(std::optional<int64_t> dim, bool keepdim) const {
  return wick::argmax(*this, dim, keepdim);
}
Tensor Tensor::argmin(std::optional<int64_t> dim, bool keepdim) const {
  return wick::argmin(*this, dim, keepdim);
}
Tensor Tensor::all() const { return wick::all(*this); }
Tensor Tensor::all(int64_t dim, bool keepdim) const { return wick::all(*this, dim, keepdim); }
Tensor Tensor::any() const { return wick::any(*this); }
Tensor Tensor::any(int64_t dim, bool keepdim) const { return wick::any(*this, dim, keepdim); }
Tensor Tensor::std(OptionalIntArrayRef dim, std::optional<double> correction, bool keepdim) const {
  return wick::std(*this, dim, correction, keepdim);
}
Tensor Tensor::var(OptionalIntArrayRef dim, std::optional<double> correction, bool keepdim) const {
  return wick::var(*this, dim, correction, keepdim);
}
Tensor Tensor::norm(const Scalar& p) const { return wick::norm(*this, p); }
Tensor Tensor::norm(std::optional<Scalar> p, IntArrayRef dim, bool keepdim,
                    std::optional<ScalarType> dtype) const {
  return wick::norm(*this, p, dim, keepdim, dtype);
}
Tensor Tensor::dist(const Tensor& other, const Scalar& p) const {
  return wick::dist(*this, other, p);
}
Tensor Tensor::logsumexp(IntArrayRef dim, bool keepdim) const {
  return wick::logsumexp(*this, dim, keepdim);
}
Tensor Tensor::cumsum(int64_t dim, std::optional<ScalarType> dtype) const {
  return wick::cumsum(*this, dim, dtype);
}
Tensor& Tensor::cumsum_(int64_t dim, std::optional<ScalarType> dtype) {
  return wick::cumsum_(*this, dim, dtype);
}
Tensor Tensor::cumprod(int64_t dim, std::optional<ScalarType> dtype) const {
  return wick::cumprod(*this, dim, dtype);
}
Tensor& Tensor::cumprod_(int64_t dim, std::optional<ScalarType> dtype) {
  return wick::cumprod_(*this, dim, dtype);
}
std::tuple<Tensor, Tensor> Tensor::cummax(int64_t dim) const { return wick::cummax(*this, dim); }
std::tuple<Tensor, Tensor> Tensor::cummin(int64_t dim) const { return wick::cummin(*this, dim); }
Tensor Tensor::logcumsumexp(int64_t dim) const { return wick::logcumsumexp(*this, dim); }
Tensor Tensor::count_nonzero(OptionalIntArrayRef dim) const {
  return wick::count_nonzero(*this, dim);
}

}  // namespace wick

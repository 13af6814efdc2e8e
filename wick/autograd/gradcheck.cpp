#include "wick/autograd/gradcheck.h"

#include <cmath>

#include "wick/autograd/autograd.h"
#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/ops/creation.h"
#include "wick/ops/random.h"

namespace wick::autograd {

namespace {

// Byte offset of linear element k of t (row-major over its sizes).
int64_t element_offset(const Tensor& t, int64_t k) {
  int64_t off = 0;
  for (int64_t d = t.dim() - 1; d >= 0; --d) {
    const int64_t size = t.size(d);
    off += (k % size) * t.stride(d);
    k /= size;
  }
  return off;
}

double get(const Tensor& t, int64_t k) {
  return WICK_DISPATCH_FLOATING_AND_HALF(t.dtype(), "gradcheck", [&]() -> double {
    return static_cast<double>(static_cast<opmath_t<scalar_t>>(t.data_ptr<scalar_t>()[element_offset(t, k)]));
  });
}
void set(const Tensor& t, int64_t k, double v) {
  WICK_DISPATCH_FLOATING_AND_HALF(t.dtype(), "gradcheck", [&] {
    t.data_ptr<scalar_t>()[element_offset(t, k)] = static_cast<scalar_t>(static_cast<opmath_t<scalar_t>>(v));
  });
}

std::vector<size_t> floating_outputs(const variable_list& outs) {
  std::vector<size_t> idx;
  for (size_t i = 0; i < outs.size(); ++i)
    if (outs[i].defined() && outs[i].is_floating_point()) idx.push_back(i);
  return idx;
}

// Column j of d(out)/d(input) by central differences, for every input element.
Tensor numerical_jacobian(const CheckedFunction& fn, const variable_list& inputs, size_t which,
                          size_t out_index, int64_t out_numel, double eps) {
  const Tensor x = inputs[which].detach();
  const int64_t n = x.numel();
  Tensor jac = zeros({n, out_numel}, TensorOptions(kDouble));
  // fn runs in the caller's grad mode (gradgradcheck's fn calls grad());
  // the perturbations write the data directly and are not recorded.
  auto eval = [&] { return fn(inputs)[out_index].detach().to(kDouble).reshape({-1}).clone(); };
  for (int64_t k = 0; k < n; ++k) {
    const double orig = get(x, k);
    set(x, k, orig - eps);
    Tensor lo = eval();
    set(x, k, orig + eps);
    Tensor hi = eval();
    set(x, k, orig);
    jac.select(0, k).copy_((hi - lo) / (2 * eps));
  }
  return jac;
}

// Rows of d(out)/d(inputs) from autograd: one backward per output element.
std::vector<Tensor> analytical_jacobians(const Tensor& out, const variable_list& inputs,
                                         const std::vector<size_t>& diff_inputs) {
  const int64_t m = out.numel();
  std::vector<Tensor> jacs;
  variable_list diff;
  for (size_t i : diff_inputs) {
    jacs.push_back(zeros({inputs[i].numel(), m}, TensorOptions(kDouble)));
    diff.push_back(inputs[i]);
  }
  if (!out.requires_grad()) return jacs;  // constant output: zero Jacobian
  for (int64_t k = 0; k < m; ++k) {
    Tensor v = zeros(out.sizes(), out.options());
    set(v, k, 1.0);
    variable_list g = grad({out}, diff, {v}, /*retain_graph=*/true, false, /*allow_unused=*/true);
    for (size_t j = 0; j < g.size(); ++j)
      if (g[j].defined()) jacs[j].select(1, k).copy_(g[j].to(kDouble).reshape({-1}));
  }
  return jacs;
}

}  // namespace

bool gradcheck(const CheckedFunction& fn, const variable_list& inputs,
               const GradcheckOptions& options) {
  std::vector<size_t> diff_inputs;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].defined() && inputs[i].requires_grad()) diff_inputs.push_back(i);
  WICK_CHECK(!diff_inputs.empty(),
             "gradcheck expects at least one input tensor to require gradient, but none of the "
             "them have requires_grad=True.");
  variable_list outputs = fn(inputs);
  for (size_t o : floating_outputs(outputs)) {
    const Tensor& out = outputs[o];
    std::vector<Tensor> analytical = analytical_jacobians(out, inputs, diff_inputs);
    for (size_t j = 0; j < diff_inputs.size(); ++j) {
      Tensor numerical =
          numerical_jacobian(fn, inputs, diff_inputs[j], o, out.numel(), options.eps);
      const Tensor& a = analytical[j];
      bool ok = (a - numerical).abs().le(options.atol + options.rtol * numerical.abs()).all().item<bool>();
      if (ok) continue;
      if (!options.raise_exception) return false;
      throw Error(str("Jacobian mismatch for output ", o, " with respect to input ",
                      diff_inputs[j], ",\nnumerical:", numerical, "\nanalytical:", a, "\n"));
    }
  }
  return true;
}

bool gradgradcheck(const CheckedFunction& fn, const variable_list& inputs,
                   const variable_list& grad_outputs, const GradcheckOptions& options) {
  variable_list outs = fn(inputs);
  std::vector<size_t> fl = floating_outputs(outs);
  variable_list v = grad_outputs;
  if (v.empty()) {
    Generator gen;
    gen.manual_seed(0);
    for (size_t o : fl)
      v.push_back(randn(outs[o].sizes(), gen, outs[o].options()).requires_grad_());
  }
  WICK_CHECK(v.size() == fl.size(), "gradgradcheck: expected ", fl.size(),
             " grad_outputs but got ", v.size());
  const size_t n_in = inputs.size();
  CheckedFunction first_derivative = [&](const variable_list& args) {
    variable_list in(args.begin(), args.begin() + n_in);
    variable_list gv(args.begin() + n_in, args.end());
    variable_list o = fn(in);
    variable_list targets, diff;
    for (size_t o_idx : floating_outputs(o)) targets.push_back(o[o_idx]);
    for (const Tensor& t : in)
      if (t.defined() && t.requires_grad()) diff.push_back(t);
    variable_list g = grad(targets, diff, gv, true, /*create_graph=*/true, /*allow_unused=*/true);
    for (size_t i = 0; i < g.size(); ++i)
      if (!g[i].defined()) g[i] = zeros_like(diff[i]);
    return g;
  };
  variable_list all = inputs;
  all.insert(all.end(), v.begin(), v.end());
  return gradcheck(first_derivative, all, options);
}

}  // namespace wick::autograd

#pragma once
// The wick side of the benchmark workloads (see workloads.h).
#include "wick/wick.h"
#include "workloads.h"

namespace wick_bench {

struct WickBackend {
  using T = wick::Tensor;
  static T rand(std::vector<int64_t> sizes) { return wick::rand(sizes, wick::kFloat); }
  static T t(const T& a) { return a.t(); }
  static T add(const T& a, const T& b) { return a + b; }
  static T mul(const T& a, const T& b) { return a * b; }
  static T exp(const T& a) { return a.exp(); }
  static T sum(const T& a) { return a.sum(); }
  static T sum_dim(const T& a, int64_t dim) { return a.sum({dim}); }
  static T matmul(const T& a, const T& b) { return a.matmul(b); }
  static T index0(const T& a) { return a[0]; }
  static T view_flat(const T& a) { return a.view({-1}); }
  static T leaf(std::vector<int64_t> sizes, double scale) {
    T t = (wick::rand(sizes, wick::kFloat) - 0.5) * scale;
    t.requires_grad_();
    return t;
  }
  static T addmm(const T& bias, const T& x, const T& w) { return bias.addmm(x, w.t()); }
  static T relu(const T& a) { return a.relu(); }
  static T mul_scalar(const T& a, double s) { return a * s; }
  static T add_scalar(const T& a, double s) { return a + s; }
  static void backward(const T& loss) { loss.backward(); }
  static T grad(const T& leaf) { return leaf.grad(); }
  static void reset_grad(T& leaf) { leaf.mutable_grad() = T(); }
  static void set_threads(int n) { wick::set_num_threads(n); }
  static int threads() { return wick::get_num_threads(); }
};

}  // namespace wick_bench

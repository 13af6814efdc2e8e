// The benchmark workloads of workloads.h, run with LibTorch (Debian's libtorch-dev)
// under the same names as the wick programs, so benchmarks/suite.py can pair them.
// Built on its own (benchmarks/torch/CMakeLists.txt), never in wick's default build.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "workloads.h"

namespace wick_bench {

struct TorchBackend {
  using T = at::Tensor;
  static T rand(std::vector<int64_t> sizes) { return at::rand(sizes, at::kFloat); }
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
    T t = (at::rand(sizes, at::kFloat) - 0.5) * scale;
    t.requires_grad_();
    return t;
  }
  static T addmm(const T& bias, const T& x, const T& w) { return bias.addmm(x, w.t()); }
  static T relu(const T& a) { return a.relu(); }
  static T mul_scalar(const T& a, double s) { return a * s; }
  static T add_scalar(const T& a, double s) { return a + s; }
  static void backward(const T& loss) { loss.backward(); }
  static T grad(const T& leaf) { return leaf.grad(); }
  static void reset_grad(T& leaf) { leaf.mutable_grad().reset(); }
  static void set_threads(int n) { at::set_num_threads(n); }
  static int threads() { return at::get_num_threads(); }
};

}  // namespace wick_bench

int main(int argc, char** argv) {
  using B = wick_bench::TorchBackend;
  wick_bench::register_elementwise<B>();
  wick_bench::register_reduce<B>();
  wick_bench::register_matmul<B>();
  wick_bench::register_autograd<B>();
  wick_bench::register_overhead<B>();
  return wick_bench::run_main<B>(argc, argv, "torch");
}

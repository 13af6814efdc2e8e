#pragma once
// The benchmark workloads, written once over a backend `B` so that the wick
// benchmarks (bench_elementwise, bench_reduce, bench_matmul) and the LibTorch
// program (torch/bench_torch.cpp) time exactly the same thing under the same
// names. A backend provides:
//   using T = <tensor type>;
//   static T rand(std::vector<int64_t> sizes);          // float32 in [0, 1)
//   static T add(const T&, const T&), mul(...), exp(const T&), t(const T&);
//   static T sum(const T&), sum_dim(const T&, int64_t dim), matmul(const T&, const T&);
//   static T index0(const T&) (t[0]), view_flat(const T&) (t.view(-1));
//   static void set_threads(int n); static int threads();
// and, for the autograd workloads (register_autograd):
//   static T leaf(std::vector<int64_t> sizes, double scale);  // (rand - 0.5) * scale,
//                                                              // a leaf requiring grad
//   static T addmm(const T& bias, const T& x, const T& w);    // bias + x @ w.t()
//   static T relu(const T&), mul_scalar(const T&, double), add_scalar(const T&, double);
//   static void backward(const T& loss);                      // loss.backward()
//   static T grad(const T& leaf);  static void reset_grad(T& leaf);  // .grad = None
// Ops are out of place (they allocate their result), as `a + b` does in PyTorch.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace wick_bench {

// An element count and the 2-d shape used for it (rows * cols == count).
struct Size {
  int64_t numel, rows, cols;
};
inline const std::vector<Size>& elementwise_sizes() {
  static const std::vector<Size> sizes = {
      {1000, 25, 40}, {1000000, 1000, 1000}, {10000000, 2500, 4000}};
  return sizes;
}
constexpr int64_t kReduceSide = 4096;
inline const std::vector<int64_t>& matmul_sizes() {
  static const std::vector<int64_t> sizes = {64, 256, 1024};
  return sizes;
}

// Layouts of the operands:
//   contiguous: both [rows, cols], row-major
//   transposed: both the .t() view of a contiguous [cols, rows] tensor
//   broadcast:  [rows, cols] with a [cols] row broadcast over the rows (binary ops only)
template <typename B>
void elementwise_binary(benchmark::State& state, const std::string& op, const std::string& layout,
                        Size s) {
  using T = typename B::T;
  T a, b;
  if (layout == "contiguous") {
    a = B::rand({s.rows, s.cols});
    b = B::rand({s.rows, s.cols});
  } else if (layout == "transposed") {
    a = B::t(B::rand({s.cols, s.rows}));
    b = B::t(B::rand({s.cols, s.rows}));
  } else {
    a = B::rand({s.rows, s.cols});
    b = B::rand({s.cols});
  }
  const bool is_add = op == "add";
  for (auto _ : state) {
    T r = is_add ? B::add(a, b) : B::mul(a, b);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * s.numel);
}

template <typename B>
void elementwise_exp(benchmark::State& state, const std::string& layout, Size s) {
  using T = typename B::T;
  T a = layout == "contiguous" ? B::rand({s.rows, s.cols}) : B::t(B::rand({s.cols, s.rows}));
  for (auto _ : state) {
    T r = B::exp(a);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * s.numel);
}

// Per-op overhead: adding two one-element tensors.
template <typename B>
void add_one_element(benchmark::State& state) {
  using T = typename B::T;
  T a = B::rand({1}), b = B::rand({1});
  for (auto _ : state) {
    T r = B::add(a, b);
    benchmark::DoNotOptimize(r);
  }
}

// Per-op overhead from C++ (the `cpp/` rows of benchmarks/suite.py, beside the same
// calls from Python): a one-element add, t[0], t.sum() and t.view(-1) on a
// 10-element tensor.
template <typename B>
void overhead(benchmark::State& state, const std::string& op) {
  using T = typename B::T;
  T a = B::rand({1}), b = B::rand({1}), t = B::rand({10});
  const int which = op == "add" ? 0 : op == "index" ? 1 : op == "sum" ? 2 : 3;
  for (auto _ : state) {
    T r = which == 0 ? B::add(a, b) : which == 1 ? B::index0(t) : which == 2 ? B::sum(t)
                                                                             : B::view_flat(t);
    benchmark::DoNotOptimize(r);
  }
}

// dim < 0: sum of all elements.
template <typename B>
void reduce_sum(benchmark::State& state, int64_t dim) {
  using T = typename B::T;
  T a = B::rand({kReduceSide, kReduceSide});
  for (auto _ : state) {
    T r = dim < 0 ? B::sum(a) : B::sum_dim(a, dim);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * kReduceSide * kReduceSide);
}

template <typename B>
void matmul(benchmark::State& state, int64_t n) {
  using T = typename B::T;
  T a = B::rand({n, n}), b = B::rand({n, n});
  for (auto _ : state) {
    T r = B::matmul(a, b);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * 2 * n * n * n);  // flops
}

// Autograd: forward and backward of a 3-layer MLP (batch 64, 784-512-512-10,
// relu between layers, sum loss; nn.Linear's layout: weight [out, in], bias
// [out]). Every iteration starts with the parameters' .grad set to None, as
// optimizer.zero_grad() does by default, so backward assigns fresh gradients.
template <typename B>
void autograd_mlp(benchmark::State& state) {
  using T = typename B::T;
  constexpr int64_t kBatch = 64, kIn = 784, kHidden = 512, kOut = 10;
  T x = B::rand({kBatch, kIn});
  std::vector<T> params = {B::leaf({kHidden, kIn}, 0.07),     B::leaf({kHidden}, 0.07),
                           B::leaf({kHidden, kHidden}, 0.09), B::leaf({kHidden}, 0.09),
                           B::leaf({kOut, kHidden}, 0.09),    B::leaf({kOut}, 0.09)};
  for (auto _ : state) {
    for (T& p : params) B::reset_grad(p);
    T h = B::relu(B::addmm(params[1], x, params[0]));
    h = B::relu(B::addmm(params[3], h, params[2]));
    T loss = B::sum(B::addmm(params[5], h, params[4]));
    B::backward(loss);
    T g = B::grad(params[0]);
    benchmark::DoNotOptimize(g);
  }
  // Forward + backward flops of the three matmuls (backward: two per layer,
  // none for the first layer's input, which does not require grad).
  const int64_t fwd = 2 * kBatch * (kIn * kHidden + kHidden * kHidden + kHidden * kOut);
  const int64_t bwd = 2 * kBatch * (kIn * kHidden + 2 * kHidden * kHidden + 2 * kHidden * kOut);
  state.SetItemsProcessed(state.iterations() * (fwd + bwd));
}

// Autograd overhead: a chain of `ops` small ops on a 16-element leaf
// (alternately y * 1.0001 and y + 0.001), then y.sum().backward().
template <typename B>
void autograd_chain(benchmark::State& state, int ops) {
  using T = typename B::T;
  T x = B::leaf({16}, 1.0);
  for (auto _ : state) {
    B::reset_grad(x);
    T y = x;
    for (int i = 0; i < ops; ++i) y = i % 2 == 0 ? B::mul_scalar(y, 1.0001) : B::add_scalar(y, 0.001);
    B::backward(B::sum(y));
    T g = B::grad(x);
    benchmark::DoNotOptimize(g);
  }
  state.SetItemsProcessed(state.iterations() * ops);
}

// Real (wall) time: the ops run on several threads.
inline benchmark::internal::Benchmark* finish(benchmark::internal::Benchmark* b) {
  return b->UseRealTime()->Unit(benchmark::kMicrosecond);
}

template <typename B>
void register_elementwise() {
  for (const Size& s : elementwise_sizes()) {
    for (std::string op : {"add", "mul"}) {
      for (std::string layout : {"contiguous", "transposed", "broadcast"}) {
        std::string name = op + "/" + layout + "/" + std::to_string(s.numel);
        finish(benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
          elementwise_binary<B>(st, op, layout, s);
        }));
      }
    }
    for (std::string layout : {"contiguous", "transposed"}) {
      std::string name = "exp/" + layout + "/" + std::to_string(s.numel);
      finish(benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
        elementwise_exp<B>(st, layout, s);
      }));
    }
  }
  finish(benchmark::RegisterBenchmark("add/one_element/1", add_one_element<B>))
      ->Unit(benchmark::kNanosecond);
}

template <typename B>
void register_overhead() {
  for (std::string op : {"add", "index", "sum", "view"}) {
    finish(benchmark::RegisterBenchmark(("overhead/" + op).c_str(),
                                        [=](benchmark::State& st) { overhead<B>(st, op); }))
        ->Unit(benchmark::kNanosecond);
  }
}

template <typename B>
void register_reduce() {
  const std::string side = std::to_string(kReduceSide);
  finish(benchmark::RegisterBenchmark(("sum/all/" + side + "x" + side).c_str(),
                                      [](benchmark::State& st) { reduce_sum<B>(st, -1); }));
  for (int64_t dim : {0, 1}) {
    std::string name = "sum/dim" + std::to_string(dim) + "/" + side + "x" + side;
    finish(benchmark::RegisterBenchmark(name.c_str(),
                                        [=](benchmark::State& st) { reduce_sum<B>(st, dim); }));
  }
}

template <typename B>
void register_matmul() {
  for (int64_t n : matmul_sizes()) {
    std::string name = "matmul/" + std::to_string(n);
    finish(benchmark::RegisterBenchmark(name.c_str(),
                                        [=](benchmark::State& st) { matmul<B>(st, n); }));
  }
}

template <typename B>
void register_autograd() {
  finish(benchmark::RegisterBenchmark("autograd/mlp_fwd_bwd/64x784-512-512-10", autograd_mlp<B>));
  finish(benchmark::RegisterBenchmark("autograd/chain/1000",
                                      [](benchmark::State& st) { autograd_chain<B>(st, 1000); }));
}

// Threads for both libraries: $WICK_BENCH_THREADS, else every core.
inline int bench_threads() {
  if (const char* env = std::getenv("WICK_BENCH_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return n;
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

// main() of every benchmark program: set the thread count, record it in the
// JSON context, run what was registered.
template <typename B>
int run_main(int argc, char** argv, const char* library) {
  B::set_threads(bench_threads());
  benchmark::AddCustomContext("library", library);
  benchmark::AddCustomContext("threads", std::to_string(B::threads()));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace wick_bench

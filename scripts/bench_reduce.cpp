// Quick timing of float32 sums on a 4096x4096 matrix (not a test, not built by CMake).
//   g++ -std=c++20 -O2 -I. scripts/bench_reduce.cpp -Lbuild -lwick -Wl,-rpath,build -o /tmp/bench_reduce
//   /tmp/bench_reduce [threads]
// Compare: /usr/bin/python3 scripts/bench_reduce.py [threads]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "wick/wick.h"

using namespace wick;

static double best_ms(const std::function<void()>& f, int reps = 20) {
  f();
  double best = 1e30;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  set_num_threads(threads);
  Tensor x = rand({4096, 4096});
  volatile double sink = 0;
  std::printf("threads=%d\n", threads);
  std::printf("sum all   %.3f ms\n", best_ms([&] { sink = sink + x.sum().item<double>(); }));
  std::printf("sum dim0  %.3f ms\n", best_ms([&] { Tensor r = x.sum({0}); }));
  std::printf("sum dim1  %.3f ms\n", best_ms([&] { Tensor r = x.sum({1}); }));
  std::printf("amax dim0 %.3f ms\n", best_ms([&] { Tensor r = x.amax({0}); }));
  std::printf("amax dim1 %.3f ms\n", best_ms([&] { Tensor r = x.amax({1}); }));
  std::printf("argmax d1 %.3f ms\n", best_ms([&] { Tensor r = x.argmax(1); }));
  std::printf("mean dim1 %.3f ms\n", best_ms([&] { Tensor r = x.mean({1}); }));
  std::printf("var dim1  %.3f ms\n", best_ms([&] { Tensor r = x.var({1}); }, 5));
  std::printf("norm all  %.3f ms\n", best_ms([&] { Tensor r = x.norm(); }));
  std::printf("sum t d0  %.3f ms\n", best_ms([&] { Tensor r = x.t().sum({0}); }));
  return 0;
}

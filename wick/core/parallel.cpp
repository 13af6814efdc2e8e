#include "wick/core/parallel.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>

#include "wick/core/error.h"

namespace wick {

namespace {
std::atomic<int> g_num_threads{0};  // 0: not yet initialised
thread_local bool t_in_parallel = false;

int default_threads() {
  int n = omp_get_max_threads();
  return n > 0 ? n : 1;
}
}  // namespace

int get_num_threads() {
  int n = g_num_threads.load(std::memory_order_relaxed);
  if (n == 0) {
    n = default_threads();
    g_num_threads.store(n, std::memory_order_relaxed);
  }
  return n;
}

void set_num_threads(int n) {
  WICK_CHECK(n > 0, "set_num_threads expects a positive integer");
  g_num_threads.store(n, std::memory_order_relaxed);
  omp_set_num_threads(n);
}

bool in_parallel_region() { return t_in_parallel || omp_in_parallel(); }

void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  FunctionRef<void(int64_t, int64_t)> f) {
  if (begin >= end) return;
  const int64_t n = end - begin;
  grain = std::max<int64_t>(grain, 1);
  int64_t max_threads = get_num_threads();
  int64_t nthreads = std::min<int64_t>(max_threads, (n + grain - 1) / grain);
  if (nthreads <= 1 || in_parallel_region()) {
    f(begin, end);
    return;
  }
  // Exceptions must not cross the OpenMP region: keep the first, rethrow after.
  std::exception_ptr error;
  std::mutex error_mutex;
#pragma omp parallel num_threads(nthreads)
  {
    int64_t tid = omp_get_thread_num();
    int64_t nt = omp_get_num_threads();
    int64_t chunk = (n + nt - 1) / nt;
    int64_t lo = begin + tid * chunk;
    int64_t hi = std::min(end, lo + chunk);
    if (lo < hi) {
      t_in_parallel = true;
      try {
        f(lo, hi);
      } catch (...) {
        std::lock_guard<std::mutex> g(error_mutex);
        if (!error) error = std::current_exception();
      }
      t_in_parallel = false;
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace wick

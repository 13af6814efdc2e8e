// wick per-op overhead benchmarks from C++ (workloads in workloads.h). Compare with
// PyTorch: make bench (benchmarks/suite.py, rows cpp/...).
#include "wick_backend.h"

int main(int argc, char** argv) {
  wick_bench::register_overhead<wick_bench::WickBackend>();
  return wick_bench::run_main<wick_bench::WickBackend>(argc, argv, "wick");
}

// wick autograd benchmarks (workloads in workloads.h). Compare with PyTorch: make bench.
#include "wick_backend.h"

int main(int argc, char** argv) {
  wick_bench::register_autograd<wick_bench::WickBackend>();
  return wick_bench::run_main<wick_bench::WickBackend>(argc, argv, "wick");
}

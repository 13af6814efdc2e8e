#pragma once
// parallel_for: split [begin, end) into chunks of at least `grain` iterations
// and run them on the intra-op thread pool (OpenMP). Nested calls run serially.
#include <cstdint>

#include "wick/core/function_ref.h"

namespace wick {

// Number of threads used for intra-op parallelism (default: cores available).
int get_num_threads();
void set_num_threads(int n);
// Whether the caller is already inside a parallel region.
bool in_parallel_region();

// Default grain for elementwise loops: below this many elements one thread is faster.
constexpr int64_t kGrainSize = 32768;

void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  FunctionRef<void(int64_t, int64_t)> f);

}  // namespace wick

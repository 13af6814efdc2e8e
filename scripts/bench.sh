#!/usr/bin/env bash
# `make bench`: builds wick's Google Benchmark programs and the LibTorch program
# with the same workloads (benchmarks/workloads.h), runs both with the same thread
# count and prints wick's time beside PyTorch's with the ratio wick/PyTorch.
# Environment:
#   WICK_BENCH_THREADS  threads for both libraries (default: nproc)
#   BENCH_FILTER        Google Benchmark regex applied to every program (default: all)
#   BENCH_MIN_TIME      --benchmark_min_time in seconds (default 0.2)
#   BENCH_REPETITIONS   runs of each benchmark; the table shows their median (default 3)
#   BENCH_BUILD         build folder (default build-bench), BENCH_OUT results (results/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh bench
build=${BENCH_BUILD:-build-bench}
out=${BENCH_OUT:-results/bench}
jobs=${JOBS:-$(nproc)}
min_time=${BENCH_MIN_TIME:-0.2}
reps=${BENCH_REPETITIONS:-3}
run_args=(--benchmark_min_time="$min_time" --benchmark_repetitions="$reps" --benchmark_format=json)
export WICK_BENCH_THREADS=${WICK_BENCH_THREADS:-$(nproc)}
# BLAS threads too, so that matmul runs on the same number of threads in both.
export OMP_NUM_THREADS=$WICK_BENCH_THREADS OPENBLAS_NUM_THREADS=$WICK_BENCH_THREADS
py=/usr/bin/python3
[ -x "$py" ] || py=python3

[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DWICK_BUILD_BENCHMARKS=ON -DWICK_BUILD_TESTS=OFF
declare -A family=([bench_elementwise]='^(add|mul|exp)/' [bench_reduce]='^sum/' [bench_matmul]='^matmul/' [bench_autograd]='^autograd/')
built=()
for b in bench_elementwise bench_reduce bench_matmul bench_autograd; do
  if cmake --build "$build" -j "$jobs" --target "$b"; then
    built+=("$b")
  else
    echo "bench: WARNING: $b did not build; its workloads are left out of the table" >&2
  fi
done
[ ${#built[@]} -gt 0 ] || { echo "bench: no wick benchmark built" >&2; exit 1; }
[ -f "$build/torch/build.ninja" ] || cmake -S benchmarks/torch -B "$build/torch" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release
cmake --build "$build/torch" -j "$jobs"

mkdir -p "$out"
rm -f "$out"/*.json
torch_filter=""
for b in "${built[@]}"; do
  filter=${BENCH_FILTER:-${family[$b]}}
  echo "bench: running $b ($WICK_BENCH_THREADS threads)" >&2
  "$build/benchmarks/$b" --benchmark_filter="$filter" "${run_args[@]}" > "$out/wick_$b.json"
  torch_filter+="${torch_filter:+|}${family[$b]}"
done
echo "bench: running LibTorch ($WICK_BENCH_THREADS threads)" >&2
"$build/torch/bench_torch" --benchmark_filter="${BENCH_FILTER:-$torch_filter}" "${run_args[@]}" \
  > "$out/torch.json"
"$py" benchmarks/compare.py --wick "$out"/wick_*.json --torch "$out/torch.json" | tee "$out/table.txt"

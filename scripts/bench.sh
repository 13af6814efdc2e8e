#!/usr/bin/env bash
# `make bench`: installs what the suite needs (LibTorch, PyTorch, torchvision), builds
# wick in Release (libwick, the Python extension, the Google Benchmark programs) and
# the LibTorch program, then runs benchmarks/suite.py: every workload in wick and in
# PyTorch in one run, alternating, median of BENCH_REPEAT samples after warm-up. It
# prints the table and writes suite.json, table.txt and ratios.png under BENCH_OUT.
# Environment:
#   WICK_BENCH_THREADS  threads for both libraries (default: nproc)
#   BENCH_FILTER        regex over row names (default: every row; suite.py --list)
#   BENCH_REPEAT        samples per library and row (default 5)
#   BENCH_OUT           results folder (default results/bench)
#   BENCH_BUILD         build folder (default build-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh bench
export BENCH_BUILD=${BENCH_BUILD:-build-bench}
build=$BENCH_BUILD
jobs=${JOBS:-$(nproc)}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DWICK_BUILD_BENCHMARKS=ON -DWICK_BUILD_TESTS=OFF -DPython3_EXECUTABLE:FILEPATH="$py"
cmake --build "$build" -j "$jobs" --target wick_python bench_overhead bench_autograd
[ -f "$build/torch/build.ninja" ] || cmake -S benchmarks/torch -B "$build/torch" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release
cmake --build "$build/torch" -j "$jobs"
PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}" exec "$py" benchmarks/suite.py

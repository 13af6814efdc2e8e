#!/bin/sh
# Builds fuzz_load and fuzz_unpickle (libFuzzer + AddressSanitizer + UBSan) with clang. The
# serialize sources are compiled into the fuzzer (instrumented); the rest of
# wick comes from an ordinary build's libwick.so (default: ./build).
#   fuzz/build.sh [wick build dir]
#   ./build-fuzz/fuzz_load -max_total_time=60 fuzz/corpus
#   ./build-fuzz/fuzz_unpickle -max_total_time=60 fuzz/corpus_pickle
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WICK_BUILD=${1:-$ROOT/build}
OUT=$ROOT/build-fuzz
CXX=${CXX:-clang++}
command -v "$CXX" >/dev/null || { echo "fuzz/build.sh: $CXX not found (install clang)"; exit 1; }
[ -f "$WICK_BUILD/libwick.so" ] || { echo "fuzz/build.sh: build libwick first ($WICK_BUILD/libwick.so)"; exit 1; }
mkdir -p "$OUT"
for target in ${TARGETS:-fuzz_load fuzz_unpickle}; do
  "$CXX" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$ROOT" "$ROOT/fuzz/$target.cpp" "$ROOT"/wick/serialize/*.cpp \
    -L"$WICK_BUILD" -lwick -Wl,-rpath,"$WICK_BUILD" -o "$OUT/$target"
done
echo "built $OUT/fuzz_load $OUT/fuzz_unpickle"

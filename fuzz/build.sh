#!/bin/sh
# Builds fuzz_load and fuzz_unpickle, and fuzz_decode_png/jpeg/image (libFuzzer +
# AddressSanitizer + UBSan) with clang. The serialize (or vision io) sources are
# compiled into the fuzzer (instrumented); the rest of wick comes from an
# ordinary build's libwick.so (default: ./build).
#   fuzz/build.sh [wick build dir]
#   ./build-fuzz/fuzz_load -max_total_time=60 fuzz/corpus
#   ./build-fuzz/fuzz_unpickle -max_total_time=60 fuzz/corpus_pickle
#   ASAN_OPTIONS=max_allocation_size_mb=1024:allocator_may_return_null=1 \
#     ./build-fuzz/fuzz_decode_image -max_total_time=60 fuzz/corpus_image
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WICK_BUILD=${1:-$ROOT/build}
OUT=$ROOT/build-fuzz
CXX=${CXX:-clang++}
command -v "$CXX" >/dev/null || { echo "fuzz/build.sh: $CXX not found (install clang)"; exit 1; }
[ -f "$WICK_BUILD/libwick.so" ] || { echo "fuzz/build.sh: build libwick first ($WICK_BUILD/libwick.so)"; exit 1; }
mkdir -p "$OUT"
TARGETS=${TARGETS:-fuzz_load fuzz_unpickle fuzz_decode_png fuzz_decode_jpeg fuzz_decode_image}
for target in $TARGETS; do
  case $target in
    fuzz_decode_*) srcs="$ROOT/wick/vision/io.cpp"; libs="-lpng -ljpeg -lz" ;;
    *) srcs="$ROOT/wick/serialize/*.cpp"; libs="" ;;
  esac
  "$CXX" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$ROOT" "$ROOT/fuzz/$target.cpp" $srcs \
    -L"$WICK_BUILD" -lwick $libs -Wl,-rpath,"$WICK_BUILD" -o "$OUT/$target"
done
echo "built $TARGETS in $OUT"

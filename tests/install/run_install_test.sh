#!/usr/bin/env bash
# Installs the wick build tree into a fresh temporary prefix, then builds and runs
# a small program against it twice: with pkg-config + the C++ compiler, and as a
# CMake project using find_package(wick). Needs no network.
#   run_install_test.sh BUILD_DIR CXX GENERATOR [EXTRA_CXX_FLAGS]
set -euo pipefail
build=$1 cxx=$2 generator=$3 extra=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

echo "== cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log"
test -f "$prefix/include/wick/wick.h"
test -f "$prefix/include/wick/tensor/tensor.h"
ls "$prefix"/lib*/libwick.so > /dev/null
pcdir=$(dirname "$(ls "$prefix"/lib*/pkgconfig/wick.pc)")

echo "== pkg-config + $cxx"
export PKG_CONFIG_PATH=$pcdir
flags=$(pkg-config --cflags --libs wick)
echo "pkg-config --cflags --libs wick: $flags"
# shellcheck disable=SC2086
"$cxx" -std=c++20 $extra "$here/consumer/main.cpp" $flags -o "$tmp/prog_pc"
# No LD_LIBRARY_PATH: the rpath from wick.pc must find libwick.so.
env -u LD_LIBRARY_PATH "$tmp/prog_pc"

echo "== find_package(wick) with $generator"
cmake -S "$here/consumer" -B "$tmp/consumer-build" -G "$generator" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" > "$tmp/configure.log" \
  || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/consumer-build" > "$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
env -u LD_LIBRARY_PATH "$tmp/consumer-build/consumer"
echo "install test passed"

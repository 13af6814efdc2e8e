#!/usr/bin/env bash
# Compiles and runs every ```cpp block of the given Markdown files against the
# wick build tree, so the examples in README.md and docs/ stay true.
#  - A block with `int main` is a whole program. The other blocks of a file are
#    statements: each becomes a function of one program per file (compiled once),
#    which runs them one at a time.
#  - A ```text block that follows a ```cpp block (before any other fenced block)
#    is that block's expected standard output, compared exactly.
#  - Blocks fenced as ```c++ are not compiled (signatures, fragments).
#   check_snippets.sh SOURCE_DIR BUILD_DIR CXX "EXTRA_FLAGS" FILE.md...
set -euo pipefail
src=$1 build=$2 cxx=$3 extra=$4
shift 4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wick-snippets.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
count=0 failed=0

compile() {  # compile OUT SOURCE
  # shellcheck disable=SC2086
  "$cxx" -std=c++20 $extra -I"$src" "$2" -L"$build" -Wl,-rpath,"$build" -lwick -pthread \
    -o "$1" 2> "$1.log"
}
check() {  # check NAME EXPECTED_FILE COMMAND...
  local name=$1 expected=$2
  shift 2
  count=$((count + 1))
  if ! "$@" > "$tmp/out" 2>&1; then
    echo "FAIL $name exits with an error:"; cat "$tmp/out"; failed=$((failed + 1)); return
  fi
  if [ -f "$expected" ] && ! diff -u "$expected" "$tmp/out"; then
    echo "FAIL $name prints something else than the text block after it"
    failed=$((failed + 1)); return
  fi
  echo "ok   $name"
}

for md in "$@"; do
  base=$(basename "$md" .md)
  dir=$tmp/$base
  mkdir -p "$dir"
  # Split into $dir/<n>.cpp and, when present, $dir/<n>.expected.
  awk -v out="$dir/" '
    /^```/ {
      if (mode != "") { mode = ""; next }
      lang = substr($0, 4)
      if (lang == "cpp") { n++; mode = "cpp"; last = "cpp"; file = out n ".cpp"; printf "" > file; next }
      if (lang == "text" && last == "cpp") { mode = "text"; last = ""; file = out n ".expected"; printf "" > file; next }
      mode = "other"; last = ""; next
    }
    mode == "cpp" || mode == "text" { print > file }
  ' "$md"
  fragments=()
  for snippet in $(ls "$dir"/*.cpp 2>/dev/null | sort -V); do
    n=$(basename "$snippet" .cpp)
    if grep -q 'int main' "$snippet"; then
      if compile "$dir/prog$n" "$snippet"; then
        check "$base.md snippet $n" "$dir/$n.expected" "$dir/prog$n"
      else
        count=$((count + 1)) failed=$((failed + 1))
        echo "FAIL $base.md snippet $n does not compile:"; cat "$dir/prog$n.log"; cat -n "$snippet"
      fi
    else
      fragments+=("$n")
    fi
  done
  [ ${#fragments[@]} -gt 0 ] || continue
  {
    echo '#include <cstdlib>'; echo '#include <iostream>'; echo '#include <vector>'
    echo '#include "wick/wick.h"'
    for n in "${fragments[@]}"; do
      echo "static void snippet_$n() {"; echo "#line 1 \"$base.md snippet $n\""
      cat "$dir/$n.cpp"; echo "}"
    done
    echo 'int main(int argc, char** argv) {'
    echo '  switch (argc > 1 ? std::atoi(argv[1]) : 0) {'
    for n in "${fragments[@]}"; do echo "    case $n: snippet_$n(); return 0;"; done
    echo '  }'; echo '  return 2;'; echo '}'
  } > "$dir/fragments.cpp"
  if compile "$dir/fragments" "$dir/fragments.cpp"; then
    for n in "${fragments[@]}"; do
      check "$base.md snippet $n" "$dir/$n.expected" "$dir/fragments" "$n"
    done
  else
    count=$((count + ${#fragments[@]})) failed=$((failed + ${#fragments[@]}))
    echo "FAIL the statement snippets of $base.md do not compile:"; cat "$dir/fragments.log"
  fi
done
echo "$count snippets, $failed failed"
[ "$count" -gt 0 ] && [ "$failed" -eq 0 ]

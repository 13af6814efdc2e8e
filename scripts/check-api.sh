#!/usr/bin/env bash
# Lists Tensor methods and wick:: functions declared in the public headers that
# libwick does not define (a declared-but-missing op is a link error for users).
set -euo pipefail
lib=${1:-build/libwick.so}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -DC --defined-only "$lib" | sed -E 's/^[0-9a-f]+ [A-Za-z] //' | sed -E 's/\[abi:cxx11\]//g; s/\(.*//' | sort -u > "$tmp/defined"
# Declared Tensor methods: names from tensor.h (macro-generated names included).
python3 - "$tmp/defined" <<'PY'
import re, sys
defined = set(l.strip() for l in open(sys.argv[1]))
src = open('wick/tensor/tensor.h').read()
body = src[src.index('class Tensor {'):src.index('// Binary operators between')]
names = set()
for m in re.finditer(r'^\s+(?:Tensor&?|std::[a-z_:<>, ]+|bool|Scalar|int64_t|void)\s+([a-zA-Z_][a-zA-Z0-9_]*)\(', body, re.M):
    names.add(m.group(1))
for m in re.finditer(r'WICK_UNARY_METHOD\((\w+)\)', body):
    names.add(m.group(1)); names.add(m.group(1) + '_')
for m in re.finditer(r'WICK_BINARY_METHOD\((\w+)\)', body):
    names.add(m.group(1)); names.add(m.group(1) + '_')
inline_ok = {'defined','unsafeGetTensorImpl','getIntrusivePtr','is_same','use_count','reset','sizes','strides',
  'dim','ndimension','numel','scalar_type','dtype','device','options','is_contiguous','storage_offset','storage',
  'element_size','itemsize','nbytes','is_floating_point','is_signed','is_cpu','is_cuda','data_ptr','const_data_ptr',
  '_version','bump_version','item','toType','float_','double_','half','bfloat16','long_','int_','short_','char_',
  'byte','bool_','impl','impl_checked'}
missing = sorted(n for n in names if n not in inline_ok and f'wick::Tensor::{n}' not in defined)
print('missing Tensor methods:', len(missing))
for n in missing: print('  ', n)
PY

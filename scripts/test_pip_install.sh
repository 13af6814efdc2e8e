#!/usr/bin/env bash
# ctest python.pip_install: `pip install --no-build-isolation .` into a scratch
# folder, then imports the installed package (not the source tree) and runs an op.
#   test_pip_install.sh PYTHON SOURCE_DIR SCRATCH_DIR
set -euo pipefail
py=$1 src=$2 scratch=$3
rm -rf "$scratch/target"
mkdir -p "$scratch"
export WICK_PIP_BUILD="$scratch/build"
"$py" -m pip install --no-build-isolation --no-deps --disable-pip-version-check -q \
  --target "$scratch/target" "$src" 2>&1 | grep -v "Running pip as the 'root' user" || true
cd "$scratch"
PYTHONPATH="$scratch/target" "$py" -c "
import wick
assert wick.__file__.startswith('$scratch/target'), wick.__file__
t = wick.tensor([1.0, 2.0], requires_grad=True)
(t * t).backward(wick.ones(2))
assert t.grad.tolist() == [2.0, 4.0]
print('pip install ok:', wick.__file__)
"

#!/usr/bin/env bash
# Installs the Debian packages wick needs, if any are missing.
#   install-deps.sh         build and test (make all/test/demo/install/test-asan); the
#                           Python side uses Debian's python3 with numpy, pytest and
#                           torch (the reference the parity tests compare with)
#   install-deps.sh bench   also LibTorch, the PyTorch side of `make bench`
set -euo pipefail
pkgs=(cmake ninja-build g++ ccache pkg-config libopenblas-dev liblapacke-dev libgtest-dev libbenchmark-dev
      python3 python3-dev pybind11-dev python3-numpy python3-pytest python3-torch
      libdnnl-dev python3-tqdm libpng-dev libjpeg-dev zlib1g-dev dataset-fashion-mnist python3-pil python3-torchvision)
case "${1:-}" in
  "") ;;
  bench) pkgs+=(libtorch-dev python3) ;;
  *) echo "usage: $0 [bench]" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"

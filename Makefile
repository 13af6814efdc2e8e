BUILD ?= build
ASAN_BUILD ?= build-asan
PREFIX ?= /usr/local
JOBS ?= $(shell nproc)
# The interpreter the Python package is built and tested for: Debian's, which
# owns python3-numpy/pytest/torch (another python3 may come first on PATH).
# ccache keys on paths relative to the checkout, so fresh clones reuse its cache.
export CCACHE_BASEDIR ?= $(CURDIR)
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || command -v python3)

# Sanitizer runtime options for `make test-asan` (see docs/getting-started.md).
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1 \
          LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 \
          UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all deps configure test demo demo-python install bench bench-python test-asan
all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@bash scripts/install-deps.sh

# Configures once, and again when PYTHON names another interpreter than the cached one.
configure: deps
	@if [ ! -f $(BUILD)/build.ninja ] || ! grep -qx "Python3_EXECUTABLE:FILEPATH=$(PYTHON)" $(BUILD)/CMakeCache.txt; then \
	  cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE:FILEPATH=$(PYTHON); fi

# Every test (C++ suite, install test, docs snippets, pytest over tests/python);
# ends with ctest's summary line.
test: all
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The main job: the seed tutorial trained on the real Fashion-MNIST (Debian's
# dataset-fashion-mnist) through wick's C++ API; ARGS passes options
# (ARGS="--epochs 1 --model mlp"). demo-python runs the same in Python.
demo: configure
	cmake --build $(BUILD) -j $(JOBS) --target fashion_mnist
	./$(BUILD)/examples/fashion_mnist $(ARGS)

demo-python: configure
	cmake --build $(BUILD) -j $(JOBS) --target wick_python
	$(PYTHON) examples/fashion_mnist.py $(ARGS)

# Headers, libwick.so, CMake package (find_package(wick)) and wick.pc under PREFIX.
install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

# The test suite built with AddressSanitizer + UBSan, in its own build folder.
test-asan: deps
	@test -f $(ASAN_BUILD)/build.ninja || cmake -S . -B $(ASAN_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWICK_ASAN=ON
	$(SAN_ENV) cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS)

# The benchmark suite: every workload in wick and in PyTorch (Python rows in one
# process, C++ rows against LibTorch, peak memory), same threads, one table, plus
# results/bench/suite.json and ratios.png (scripts/bench.sh lists the knobs).
bench:
	@bash scripts/bench.sh

# Per-call overhead from Python, wick vs PyTorch in one process.
bench-python: all
	$(PYTHON) benchmarks/python_overhead.py

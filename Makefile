# Entry points for people and CI. Each target installs what it needs first (scripts/install-deps).
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps build test demo sanitize bench clean

deps:
	bash scripts/install-deps

# Unity builds (8 sources per translation unit) for the library and front ends: each header is
# parsed once per batch, which cuts a from-scratch build (CI's) by about 40%. The test target is
# built file by file (tests/CMakeLists.txt). A name private to one .cpp must not clash with another
# file's: both builds here are unity builds, so `make test` shows such a clash at once.
UNITY = -DCMAKE_UNITY_BUILD=ON

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(UNITY) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

demo: build
	bash scripts/demo $(BUILD)/bin/topica

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer (CI runs this too).
# -O1 -g1: line tables only, enough for the sanitizers' stack traces; the full -O2 -g build took
# 30 of CI's 40 minutes compiling.
sanitize: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPICA_SANITIZE=ON -DTOPICA_BUILD_BENCH=OFF $(UNITY) \
	  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

bench: build
	bash scripts/install-bench-deps
	bash bench/run-all $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

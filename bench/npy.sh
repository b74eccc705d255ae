#!/usr/bin/env bash
# Times topica's .npy write and read of a 131072 x 384 float32 array (201 MB) against numpy's
# np.save / np.load of the same array, on the same file system in the same run, and prints both
# figures and their ratio (median of 5 runs each; the page cache is warm for both readers).
#
# topica's write goes through AtomicFile (temp file, then rename), so numpy is timed twice:
# plain np.save, and np.save into a temp file + rename, which is the like-for-like figure.
#
# Usage: bench/npy.sh [BUILD_DIR]     (default: build; configure with -DTOPICA_BUILD_BENCH=ON)
# TMPDIR picks the folder for the two ~200 MB files, which are removed afterwards.
set -euo pipefail

build=${1:-build}
bench="$build/bench/npy_bench"
if [[ ! -x $bench ]]; then
  echo "npy.sh: $bench not found; build it with: cmake -S . -B $build -DTOPICA_BUILD_BENCH=ON && cmake --build $build" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  echo "npy.sh: numpy is missing (/usr/bin/python3 -c 'import numpy' failed); scripts/install-deps installs python3-numpy" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/topica-npy-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "topica: $bench (131072 x 384 float32) ..." >&2
TOPICA_NPY_BENCH_FILE="$work/topica.npy" "$bench" \
  --benchmark_filter='^BM_Npy(Write|Read)/131072/384' \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json >"$work/topica.json"

echo "numpy: np.save / np.load of the same array ..." >&2
/usr/bin/python3 - "$work" <<'PY'
import json, os, statistics, sys, time
import numpy as np

work = sys.argv[1]
topica_file = os.path.join(work, 'topica.npy')  # written by topica's benchmark, read by numpy
numpy_file = os.path.join(work, 'numpy.npy')

def topica_median_ms(name):
    with open(os.path.join(work, 'topica.json')) as f:
        runs = json.load(f)['benchmarks']
    for run in runs:
        if run['name'] == name + '_median':
            assert run['time_unit'] == 'ms', run['time_unit']
            return run['real_time']
    sys.exit(f'npy.sh: no median for {name} in the benchmark output')

def median_ms(action, repeats=5):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)

a = np.load(topica_file)
assert a.dtype == np.dtype('<f4') and a.shape == (131072, 384), (a.dtype, a.shape)

def save_plain():
    np.save(numpy_file, a)

def save_atomic():  # what AtomicFile does: temp file, then rename
    temp = numpy_file + '.tmp'
    with open(temp, 'wb') as f:
        np.save(f, a)
    os.replace(temp, numpy_file)

def load():
    return np.load(topica_file)

rows = [
    ('write', topica_median_ms('BM_NpyWrite/131072/384/real_time'), 'np.save + rename', median_ms(save_atomic)),
    ('write', None, 'np.save', median_ms(save_plain)),
    ('read', topica_median_ms('BM_NpyRead/131072/384/real_time'), 'np.load', median_ms(load)),
]
mb = a.nbytes / 1e6
print(f'.npy 131072 x 384 float32 ({mb:.0f} MB), median of 5, numpy {np.__version__}')
print(f'{"op":6} {"topica ms":>10} {"numpy ms":>10} {"topica/numpy":>13}  numpy call')
last_topica = {}
for op, topica_ms, call, numpy_ms in rows:
    topica_ms = topica_ms if topica_ms is not None else last_topica[op]
    last_topica[op] = topica_ms
    print(f'{op:6} {topica_ms:10.1f} {numpy_ms:10.1f} {topica_ms / numpy_ms:13.2f}  {call}')
PY

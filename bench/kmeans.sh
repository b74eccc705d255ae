#!/usr/bin/env bash
# k-means side by side: topica's kmeans against scikit-learn's KMeans(n_clusters=K, n_init=N,
# random_state=0) (algorithm "lloyd", k-means++) on the same float32 embeddings, in the same run.
# Default input: the 10,000 x 384 LSA embeddings of ../shared/reference/umap/input_10k.npy.
#
# Prints fit time (wall), CPU time and peak RSS of the whole process (input included) for both,
# the ratios, and both inertias (different seeds reach different local optima: the inertia ratio
# says whose best-of-N is better). The load average is printed before and after.
#
# Usage: bench/kmeans.sh [BUILD_DIR] [INPUT.npy] [K] [N_INIT]   (defaults: build, input_10k.npy, 50, 10)
set -euo pipefail

build=${1:-build}
input=${2:-$(dirname "$0")/../../shared/reference/umap/input_10k.npy}
k=${3:-50}
n_init=${4:-10}
bench="$build/bench/kmeans_bench"
if [[ ! -x $bench ]]; then
  echo "kmeans.sh: $bench not found; build with: cmake -S . -B $build && cmake --build $build" >&2
  exit 1
fi
if [[ ! -s $input ]]; then
  echo "kmeans.sh: $input not found (pass a float32 .npy of embeddings)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/topica-kmeans-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$input" "$work/input.npy"
echo "load before: $(uptime)"

/usr/bin/python3 - "$work" "$bench" "$k" "$n_init" <<'PY'
import json, os, subprocess, sys, time

import numpy as np

work, bench, k, n_init = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
x = np.load(f'{work}/input.npy', mmap_mode='r')
print(f'input: {x.shape[0]} x {x.shape[1]} {x.dtype}; KMeans(n_clusters={k}, n_init={n_init})')

def run(argv, env=None):
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, env=env, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f'kmeans.sh: {argv[0]} failed ({status})')
    return out, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

sklearn_fit = r'''
import json, sys, time
import numpy as np
from sklearn.cluster import KMeans
work, k, n_init = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = np.load(f'{work}/input.npy').astype(np.float32)
start = time.perf_counter()
km = KMeans(n_clusters=k, n_init=n_init, random_state=0).fit(x)
print(json.dumps({'fit_s': time.perf_counter() - start, 'inertia': float(km.inertia_), 'n_iter': int(km.n_iter_)}))
'''

env = dict(os.environ, TOPICA_KMEANS_BENCH_FILE=f'{work}/input.npy', TOPICA_KMEANS_BENCH_K=str(k),
           TOPICA_KMEANS_BENCH_N_INIT=str(n_init))
out, cpu, rss = run([bench, '--benchmark_filter=BM_KMeansFile', '--benchmark_format=json'], env)
fit = json.loads(out)['benchmarks'][0]
assert fit['time_unit'] == 's', fit['time_unit']
inertia, n_iter = open(f'{work}/input.npy.inertia').read().split()
ours = ('topica kmeans', fit['real_time'], cpu, rss, float(inertia), int(n_iter))
out, cpu, rss = run(['/usr/bin/python3', '-c', sklearn_fit, work, str(k), str(n_init)])
s = json.loads(out)
ref = ('scikit-learn KMeans', s['fit_s'], cpu, rss, s['inertia'], s['n_iter'])

print(f'{"":22} {"fit s":>8} {"CPU s":>8} {"peak MB":>8} {"inertia":>14} {"n_iter":>7}')
for name, fit_s, cpu, rss, inertia, n_iter in (ours, ref):
    print(f'{name:22} {fit_s:8.2f} {cpu:8.2f} {rss:8.0f} {inertia:14.4f} {n_iter:7d}')
print(f'topica / scikit-learn: time {ours[1] / ref[1]:.3f}, peak memory {ours[3] / ref[3]:.3f}, '
      f'inertia {ours[4] / ref[4]:.5f}')
from threadpoolctl import threadpool_info
blas = [f"{i['internal_api']} {i.get('version')} ({i['num_threads']} threads)" for i in threadpool_info()
        if i['user_api'] == 'blas']
print('numpy BLAS:', '; '.join(blas) if blas else 'none reported',
      '(scikit-learn runs Lloyd on OpenMP threads with BLAS limited to 1 thread)')
PY
echo "load after: $(uptime)"

#!/usr/bin/env bash
# k-nearest neighbours (k = 15, cosine: UMAP's setting in BERTopic) of the Debian demo corpus
# embeddings (58,959 x 384 here), side by side in one run on the same input and threads:
#
#   topica exact (blocked GEMM)           vs scikit-learn NearestNeighbors(algorithm='brute')
#   topica approximate (NN-descent)       vs pynndescent NNDescent with umap-learn 0.5's settings
#   [--hnsw] hnswlib 0.6 build + query-all (the alternative measured before choosing NN-descent)
#
# Prints wall time, recall@15 against scikit-learn's exact answer, and ratios; also checks that
# topica's approximate graph is the same with 1 thread as with THREADS.
#
# Usage: bench/knn.sh [BUILD_DIR] [--hnsw]     (default build dir: build)
# Environment: THREADS (default 2), KNN_INPUT (a float32 .npy to use instead of the corpus),
#              KNN_WORK (folder for the embeddings and outputs; default BUILD_DIR/bench-knn).
# Needs Debian's python3-sklearn and python3-pynndescent (/usr/bin/python3).
set -euo pipefail

build=build
hnsw=0
for arg in "$@"; do
  case $arg in
    --hnsw) hnsw=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) build=$arg ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
threads=${THREADS:-2}
bench="$build/bench/knn_bench"
work=${KNN_WORK:-$build/bench-knn}
if [[ ! -x $bench ]]; then
  echo "knn.sh: $bench not found; build it: cmake -S . -B $build && cmake --build $build --target knn_bench" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import sklearn, pynndescent' 2>/dev/null; then
  echo "knn.sh: needs python3-sklearn and python3-pynndescent (apt install umap-learn pulls both in)" >&2
  exit 1
fi
mkdir -p "$work"

# The input: the Debian corpus -> embeddings by the reference recipe, made once and kept.
input=${KNN_INPUT:-}
if [[ -z $input ]]; then
  corpus="$build/demo/debian.jsonl"
  if [[ ! -s $corpus ]]; then
    echo "knn.sh: writing the demo corpus to $corpus ..." >&2
    mkdir -p "$(dirname "$corpus")"
    "$build/bin/topica" corpus debian --output "$corpus"
  fi
  input="$work/debian384.npy"
  if [[ ! -s $input || $corpus -nt $input ]]; then
    echo "knn.sh: embedding the corpus (TF-IDF -> SVD 384 -> L2) ..." >&2
    /usr/bin/python3 "$here/make_debian_embeddings.py" "$corpus" "$input"
  fi
fi

# Every library gets the same number of threads.
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads NUMBA_NUM_THREADS=$threads
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "knn.sh: reference tools (scikit-learn brute, pynndescent) on $input ..." >&2
/usr/bin/python3 - "$input" "$work" "$threads" <<'PY'
import json, os, sys, time
import numpy as np
from sklearn.neighbors import NearestNeighbors
from pynndescent import NNDescent

path, work, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.load(path)
n = x.shape[0]
times = {}

start = time.perf_counter()
nn = NearestNeighbors(n_neighbors=15, algorithm='brute', metric='cosine', n_jobs=threads).fit(x)
dist, idx = nn.kneighbors(x)
times['sklearn_brute'] = time.perf_counter() - start
np.save(os.path.join(work, 'sklearn_indices.npy'), idx.astype(np.int64))

# umap-learn 0.5 (umap_.py nearest_neighbors) calls NNDescent like this; the first call also
# compiles numba code, so it is run once on a small sample first and not timed.
n_trees = min(64, 5 + int(round(n ** 0.5 / 20.0)))
n_iters = max(5, int(round(np.log2(n))))
def pynndescent(data):
    index = NNDescent(data, n_neighbors=15, metric='cosine', n_trees=n_trees, n_iters=n_iters,
                      max_candidates=60, low_memory=True, n_jobs=threads, compressed=False)
    return index.neighbor_graph
pynndescent(x[:5000])
runs = []
for _ in range(2):
    start = time.perf_counter()
    p_idx, _ = pynndescent(x)
    runs.append(time.perf_counter() - start)
times['pynndescent'] = min(runs)
np.save(os.path.join(work, 'pynndescent_indices.npy'), p_idx.astype(np.int64))
with open(os.path.join(work, 'reference_times.json'), 'w') as f:
    json.dump(times, f)
PY

echo "knn.sh: topica ($bench, $threads threads) ..." >&2
filter='BM_Knn(Exact|Approximate)'
[[ $hnsw == 1 ]] && filter="$filter|BM_Hnsw"
TOPICA_KNN_BENCH_INPUT=$input TOPICA_KNN_BENCH_OUT=$work TOPICA_KNN_BENCH_THREADS=$threads \
  "$bench" --benchmark_filter="^($filter)" --benchmark_format=json >"$work/topica.json"
# The same approximate graph with one thread (reproducibility across thread counts).
mkdir -p "$work/one-thread"
TOPICA_KNN_BENCH_INPUT=$input TOPICA_KNN_BENCH_OUT=$work/one-thread TOPICA_KNN_BENCH_THREADS=1 \
  "$bench" --benchmark_filter='^BM_KnnApproximate' --benchmark_format=json >/dev/null

/usr/bin/python3 - "$work" "$threads" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$input" <<'PY'
import glob, json, os, sys
import numpy as np
import threadpoolctl

work, threads, load_before, load_after, input_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
dim = np.load(input_path, mmap_mode='r').shape[1]
ref = np.load(os.path.join(work, 'sklearn_indices.npy'))
n, k = ref.shape

def recall(path):
    got = np.load(path).reshape(n, -1)[:, :k]
    return np.mean([len(set(a) & set(b)) for a, b in zip(got, ref)]) / k

with open(os.path.join(work, 'reference_times.json')) as f:
    ref_times = json.load(f)
with open(os.path.join(work, 'topica.json')) as f:
    runs = {b['name'].removesuffix('/real_time'): b['real_time'] / 1000.0 for b in json.load(f)['benchmarks']}

rows = [('scikit-learn brute', ref_times['sklearn_brute'], 1.0, None),
        ('topica exact', runs['BM_KnnExact'], recall(os.path.join(work, 'exact_indices.npy')), 'scikit-learn brute'),
        ('pynndescent (umap settings)', ref_times['pynndescent'], recall(os.path.join(work, 'pynndescent_indices.npy')), None),
        ('topica approximate', runs['BM_KnnApproximate'], recall(os.path.join(work, 'approximate_indices.npy')),
         'pynndescent (umap settings)')]
for name, t in runs.items():
    if name.startswith('BM_Hnsw'):
        m, efc, ef = name.split('/')[1:4]
        rows.append((f'hnswlib M={m} efC={efc} ef={ef}', t, recall(os.path.join(work, f'hnsw_m{m}_efc{efc}_ef{ef}_indices.npy')),
                     'pynndescent (umap settings)'))
times = {r[0]: r[1] for r in rows}
blas = [f"{i['internal_api']} {i['version']} ({i['threading_layer']}, {i['num_threads']} threads)"
        for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']
print(f'k-NN, k = 15, cosine, {n} rows of {dim}; {threads} threads; numpy BLAS: {", ".join(blas) or "unknown"}; '
      f'load average {load_before} before, {load_after} after')
print(f'{"method":34} {"time s":>8} {"recall@15":>10} {"speed-up":>9}  vs')
for name, t, r, versus in rows:
    ratio = f'{times[versus] / t:8.1f}x' if versus else ''
    print(f'{name:34} {t:8.2f} {r:10.4f} {ratio:>9}  {versus or ""}')
one = np.load(os.path.join(work, 'one-thread', 'approximate_indices.npy'))
same = np.array_equal(one, np.load(os.path.join(work, 'approximate_indices.npy')))
print(f'topica approximate, 1 thread vs {threads}: {"identical" if same else "DIFFERENT"} graphs')
PY

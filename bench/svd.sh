#!/usr/bin/env bash
# LSA's SVD side by side: topica's TruncatedSvd(384) against scikit-learn's
# TruncatedSVD(384, random_state=0) on the same TF-IDF matrix, in the same run. The matrix is the
# recipe of shared/reference/bertopic: TfidfVectorizer(sublinear_tf=True, min_df=2,
# stop_words="english") over the Debian demo corpus (58,961 package descriptions). scikit-learn is
# timed on the float64 matrix TfidfVectorizer returns (what users run) and on a float32 copy
# (topica's precision); topica reads the CSR parts as .npy (data in float32).
#
# Prints, for each: fit time (wall), CPU time and peak RSS of the whole process (input included),
# then the agreement of topica's singular values with scikit-learn's, next to scikit-learn's
# agreement with itself under another random_state (a fourth, untimed run), and the BLAS numpy
# uses.
# The machine's load average is printed before and after: timings on a shared machine are noisy.
#
# Usage: bench/svd.sh [BUILD_DIR] [N_COMPONENTS]   (defaults: build, 384)
set -euo pipefail

build=${1:-build}
k=${2:-384}
bench="$build/bench/svd_bench"
topica="$build/bin/topica"
corpus="$build/demo/debian.jsonl"
for tool in "$bench" "$topica"; do
  if [[ ! -x $tool ]]; then
    echo "svd.sh: $tool not found; build with: cmake -S . -B $build && cmake --build $build" >&2
    exit 1
  fi
done
if ! /usr/bin/python3 -c 'import sklearn, threadpoolctl' 2>/dev/null; then
  echo "svd.sh: scikit-learn is missing (Debian: python3-sklearn)" >&2
  exit 1
fi
if [[ ! -s $corpus ]]; then
  echo "svd.sh: writing the Debian demo corpus to $corpus ..." >&2
  mkdir -p "$(dirname "$corpus")"
  "$topica" corpus debian --output "$corpus"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/topica-svd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "load before: $(uptime)"

/usr/bin/python3 - "$corpus" "$work" "$bench" "$k" <<'PY'
import json, os, subprocess, sys, time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

corpus, work, bench, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
texts = [json.loads(line)['text'] for line in open(corpus, encoding='utf-8')]
x = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words='english').fit_transform(texts)
x.sort_indices()
np.save(f'{work}/shape.npy', np.array(x.shape, dtype=np.int64))
np.save(f'{work}/indptr.npy', x.indptr.astype(np.int64))
np.save(f'{work}/indices.npy', x.indices.astype(np.int32))
np.save(f'{work}/data.npy', x.data.astype(np.float32))
np.save(f'{work}/data64.npy', x.data)
print(f'TF-IDF: {x.shape[0]} x {x.shape[1]}, {x.nnz} stored values; TruncatedSVD({k})')

def run(argv, env=None):
    """Runs a child; returns its stdout, wall seconds, CPU seconds and peak RSS in MB."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, env=env, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f'svd.sh: {argv[0]} failed ({status})')
    return out, time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

sklearn_fit = r'''
import json, sys, time
import numpy as np, scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
work, k, dtype, state = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
data = np.load(f'{work}/data64.npy').astype(dtype)
x = sp.csr_matrix((data, np.load(f'{work}/indices.npy'), np.load(f'{work}/indptr.npy')),
                  shape=tuple(np.load(f'{work}/shape.npy')))
start = time.perf_counter()
svd = TruncatedSVD(k, random_state=state).fit(x)
seconds = time.perf_counter() - start
np.save(f'{work}/sklearn_s_{dtype}_{state}.npy', svd.singular_values_)
print(json.dumps({'fit_s': seconds}))
'''

rows = []
env = dict(os.environ, TOPICA_SVD_BENCH_DIR=work, TOPICA_SVD_BENCH_COMPONENTS=str(k))
out, wall, cpu, rss = run([bench, '--benchmark_filter=BM_TruncatedSvdFile', '--benchmark_format=json'], env)
fit = json.loads(out)['benchmarks'][0]
assert fit['time_unit'] == 's', fit['time_unit']
rows.append(('topica TruncatedSvd (float32)', fit['real_time'], cpu, rss))
for dtype in ('float64', 'float32'):
    out, wall, cpu, rss = run(['/usr/bin/python3', '-c', sklearn_fit, work, str(k), dtype, '0'])
    rows.append((f'scikit-learn TruncatedSVD ({dtype})', json.loads(out)['fit_s'], cpu, rss))
# The yardstick for agreement: scikit-learn against itself with another random_state.
run(['/usr/bin/python3', '-c', sklearn_fit, work, str(k), 'float64', '1'])

print(f'{"":38} {"fit s":>8} {"CPU s":>8} {"peak MB":>8}  (CPU and peak: whole process)')
for name, fit_s, cpu, rss in rows:
    print(f'{name:38} {fit_s:8.2f} {cpu:8.2f} {rss:8.0f}')
for name, fit_s, cpu, rss in rows[1:]:
    print(f'topica / {name[13:]:27} time {rows[0][1] / fit_s:.3f}  peak memory {rows[0][3] / rss:.3f}')

def agreement(values, reference):
    rel = np.abs(values - reference) / reference
    return (f'max relative difference {rel[:10].max():.1e} (first 10), {rel[:100].max():.1e} (first 100), '
            f'{rel.max():.1e} (all {k}); median {np.median(rel):.1e}')

ours = np.load(f'{work}/topica_s.npy').ravel().astype(np.float64)
reference = np.load(f'{work}/sklearn_s_float64_0.npy')
print('singular values, topica vs scikit-learn (float64, random_state=0):', agreement(ours, reference))
print('  yardstick, scikit-learn random_state=1 vs 0 (float64):          ',
      agreement(np.load(f'{work}/sklearn_s_float64_1.npy'), reference))
print('  scikit-learn float32 vs float64 (both random_state=0):          ',
      agreement(np.load(f'{work}/sklearn_s_float32_0.npy'), reference))
print('  (with 5 power iterations the trailing values are not converged: they move with the random draw)')

from threadpoolctl import threadpool_info
blas = [f"{i['internal_api']} {i.get('version')} ({i.get('threading_layer', '?')}, {i['num_threads']} threads, "
        f"{i['filepath']})" for i in threadpool_info() if i['user_api'] == 'blas']
print('numpy BLAS:', '; '.join(blas) if blas else 'none reported')
PY
echo "load after: $(uptime)"

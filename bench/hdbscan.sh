#!/usr/bin/env bash
# topica's HDBSCAN beside the hdbscan library's recorded timings, case by case.
#
# The library itself cannot be installed here, so its figures are the ones recorded with its
# outputs: ../shared/reference/hdbscan/cases.json (fit_s, membership_s, single runs on a shared
# machine) and, where given, the idle-machine re-measurements of that folder's README (which
# take precedence), plus BERTopic's HDBSCAN stage on the full Debian corpus from
# ../shared/reference/bertopic/README.md (4.26 s for 58,961 documents).
#
# For each fixture case: fit time and all_points_membership_vectors time (median of 3 warm
# runs in one process), clusters, peak RSS of that process, and reference / topica ratios.
# Then the full Debian corpus: its 5-d UMAP layout (umap-learn 0.5.3, BERTopic's settings,
# random_state 42) is made once and cached in BUILD/bench-data (a few minutes; set
# HDBSCAN_BENCH_SKIP_FULL=1 to skip). Last, 1,000,000 x 5 synthetic points, fit only, to show
# time and memory at scale (set HDBSCAN_BENCH_SKIP_1M=1 to skip).
#
# Usage: bench/hdbscan.sh [BUILD_DIR]      (default: build)
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/bench/hdbscan_bench"
shared=${TOPICA_SHARED:-$here/../../shared}
ref="$shared/reference/hdbscan"
threads=${HDBSCAN_BENCH_THREADS:-2}
if [[ ! -x $bench ]]; then
  echo "hdbscan.sh: $bench not found; build it with: cmake -S . -B $build && cmake --build $build --target hdbscan_bench" >&2
  exit 1
fi
if [[ ! -f $ref/cases.json ]]; then
  echo "hdbscan.sh: $ref/cases.json not found (set TOPICA_SHARED to the shared folder)" >&2
  exit 1
fi

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); --threads $threads"

/usr/bin/python3 - "$bench" "$ref" "$threads" <<'PY'
import json, os, subprocess, sys
bench, ref, threads = sys.argv[1:4]
cases = json.load(open(os.path.join(ref, 'cases.json')))['cases']
# ../shared/reference/hdbscan/README.md, "measured again on an idle machine where they differ".
idle = {'debian5d_5k_mcs10_msdefault_eom': (0.22, 2.4), 'debian5d_20k_mcs10_msdefault_eom': (2.5, 97.6)}

def ratio(ref_s, ours):
    return f'{ref_s / ours:7.1f}x' if ours else '      -'

print(f'{"case":34} {"n":>6} {"clusters":>9} {"fit s":>8} {"ref s":>6} {"speedup":>8} '
      f'{"memb s":>8} {"ref s":>6} {"speedup":>8} {"peak MB":>8}')
for c in cases:
    p = c['params']
    cmd = [bench, '--input', os.path.join(ref, c['input'] + '.npy'), '--min-cluster-size', str(p['min_cluster_size']),
           '--membership', '--threads', threads, '--repeats', '3']
    if 'min_samples' in p:
        cmd += ['--min-samples', str(p['min_samples'])]
    if p['cluster_selection_method'] == 'leaf':
        cmd += ['--leaf']
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    fit_ref, memb_ref = idle.get(c['tag'], (c['fit_s'], c['membership_s']))
    clusters = f'{r["clusters"]}/{c["n_clusters"]}'
    print(f'{c["tag"]:34} {r["rows"]:6} {clusters:>9} {r["fit_s"]:8.3f} {fit_ref:6.2f} {ratio(fit_ref, r["fit_s"])} '
          f'{r["membership_s"]:8.3f} {memb_ref:6.1f} {ratio(memb_ref, r["membership_s"])} {r["peak_rss_mb"]:8.1f}')
print('clusters: topica/reference; ref s: the library (idle-machine figures from the README where given)')
PY

full="$build/bench-data/debian5d_full.npy"
if [[ ${HDBSCAN_BENCH_SKIP_FULL:-0} != 1 ]]; then
  if [[ ! -f $full ]]; then
    echo "making the full Debian corpus layout once (corpus -> LSA-384 -> umap-learn 5-d) into $full ..." >&2
    mkdir -p "$build/bench-data"
    "$build/bin/topica" corpus debian --output "$build/bench-data/debian.jsonl"
    /usr/bin/python3 "$here/make_debian_embeddings.py" "$build/bench-data/debian.jsonl" "$build/bench-data/debian_lsa384.npy"
    /usr/bin/python3 - "$build/bench-data/debian_lsa384.npy" "$full" <<'PY'
import sys
import numpy as np
import umap
x = np.load(sys.argv[1])
y = umap.UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric='cosine', random_state=42).fit_transform(x)
np.save(sys.argv[2], y.astype(np.float64))
PY
  fi
  /usr/bin/python3 - "$bench" "$full" "$threads" <<'PY'
import json, subprocess, sys
bench, full, threads = sys.argv[1:4]
r = json.loads(subprocess.run([bench, '--input', full, '--min-cluster-size', '10', '--threads', threads, '--repeats', '3'],
                              check=True, capture_output=True, text=True).stdout)
print(f'full Debian corpus layout {r["rows"]} x {r["dims"]} (BERTopic: 58,961 docs, 935 topics): fit {r["fit_s"]:.3f} s, '
      f'{r["clusters"]} clusters; BERTopic\'s HDBSCAN stage 4.26 s -> {4.26 / r["fit_s"]:.1f}x; peak RSS {r["peak_rss_mb"]:.0f} MB')
PY
fi

if [[ ${HDBSCAN_BENCH_SKIP_1M:-0} != 1 ]]; then
  /usr/bin/python3 - "$bench" "$threads" <<'PY'
import json, subprocess, sys
bench, threads = sys.argv[1:3]
r = json.loads(subprocess.run([bench, '--synthetic', '1000000', '--dims', '5', '--min-cluster-size', '10',
                               '--threads', threads, '--repeats', '1'], check=True, capture_output=True, text=True).stdout)
print(f'synthetic 1,000,000 x 5 (2,000 blobs + 10% noise): fit {r["fit_s"]:.1f} s, {r["clusters"]} clusters, '
      f'input {r["input_rss_mb"]:.0f} MB, peak RSS {r["peak_rss_mb"]:.0f} MB (no membership vectors: they are n x clusters)')
PY
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

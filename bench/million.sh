#!/usr/bin/env bash
# One million 384-d embeddings through `topica reduce` (UMAP, BERTopic's settings) and
# `topica cluster` (HDBSCAN, min_cluster_size 10): wall time and peak memory of each, against
# issue 3's bound of 24 GiB. BERTopic's users run out of memory near this size; umap-learn is not
# run beside it (on this 2-core machine it would take the better part of an hour), so the
# reference figure is its 58,959-row run in bench/umap.sh, scaled here only in words.
#
# The rows are mixtures of the Debian corpus's 384-d LSA embeddings (bench/make_debian_embeddings.py):
# (1 - t) u + t v for random rows u, v and t uniform in [0.1, 0.6), L2-normalised: a million
# distinct points with the corpus's structure. (Copies of its rows with small noise were tried
# first: every row's copies then form a clique of their own, and the graph falls into ~59,000
# pieces; see SpectralInit.ThousandsOfComponentsNeedNoDenseMatrix.) They are made once and cached
# in BUILD/bench-million (1.5 GB).
#
# Usage: bench/million.sh [BUILD_DIR]     (default: build)
# Environment: THREADS (default 2), MILLION_ROWS (default 1000000).
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
topica="$build/bin/topica"
threads=${THREADS:-2}
rows=${MILLION_ROWS:-1000000}
work="$build/bench-million"
if [[ ! -x $topica ]]; then
  echo "million.sh: $topica not found; build first (make build)" >&2
  exit 1
fi
mkdir -p "$work"

corpus="$build/demo/debian.jsonl"
base="$work/debian384.npy"
if [[ ! -s $corpus ]]; then
  mkdir -p "$(dirname "$corpus")"
  "$topica" corpus debian --output "$corpus"
fi
if [[ ! -s $base ]]; then
  echo "million.sh: embedding the corpus (TF-IDF -> SVD 384 -> L2) ..." >&2
  /usr/bin/python3 "$here/make_debian_embeddings.py" "$corpus" "$base"
fi
input="$work/mixed_$rows.npy"
if [[ ! -s $input ]]; then
  echo "million.sh: writing $rows jittered rows to $input ..." >&2
  /usr/bin/python3 - "$base" "$input" "$rows" <<'PY'
import sys
import numpy as np
base, out, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.load(base)
rng = np.random.default_rng(7)
m = np.lib.format.open_memmap(out + '.tmp.npy', mode='w+', dtype=np.float32, shape=(rows, x.shape[1]))
for start in range(0, rows, 100_000):
    end = min(rows, start + 100_000)
    t = rng.uniform(0.1, 0.6, (end - start, 1))
    block = (1 - t) * x[rng.integers(0, x.shape[0], end - start)] + t * x[rng.integers(0, x.shape[0], end - start)]
    block /= np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
    m[start:end] = block.astype(np.float32)
m.flush()
del m
import os
os.replace(out + '.tmp.npy', out)
PY
fi

# Runs a command under /usr/bin/time; prints "<wall s> <peak MiB>".
measure() {
  local log=$1
  shift
  /usr/bin/time -f '%e %M' -o "$log.time" "$@" 2> "$log" || { cat "$log" >&2; exit 1; }
  awk '{ printf "%.1f %.0f\n", $1, $2 / 1024 }' "$log.time"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg); --threads $threads"
read -r reduce_s reduce_mb < <(measure "$work/reduce.log" "$topica" reduce --input "$input" --output "$work/layout.npy" --threads "$threads")
grep 'topica reduce: [0-9]' "$work/reduce.log" || true
read -r cluster_s cluster_mb < <(measure "$work/cluster.log" "$topica" cluster --input "$work/layout.npy" --output "$work/labels.csv" --threads "$threads")
clusters=$(awk -F, 'NR > 1 && $1 >= 0 { seen[$1] = 1 } END { print length(seen) }' "$work/labels.csv")
outliers=$(awk -F, 'NR > 1 && $1 < 0 { n++ } END { printf "%.1f", 100 * n / (NR - 1) }' "$work/labels.csv")
printf '%-28s %9s %10s\n' "stage ($rows x 384)" "wall s" "peak MiB"
printf '%-28s %9s %10s\n' "topica reduce (UMAP 5-d)" "$reduce_s" "$reduce_mb"
printf '%-28s %9s %10s   %s clusters, %s%% outliers\n' "topica cluster (HDBSCAN)" "$cluster_s" "$cluster_mb" "$clusters" "$outliers"
peak=$(( reduce_mb > cluster_mb ? reduce_mb : cluster_mb ))
printf 'peak memory %s MiB of the 24 GiB bound (%s)\n' "$peak" "$([[ $peak -lt 24576 ]] && echo within || echo OVER)"

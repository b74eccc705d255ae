#!/usr/bin/env bash
# topica search: exact scan vs the saved HNSW graph on realistic embeddings, with recall@10 of
# HNSW against the exact answer (search_bench). The input: the Debian demo corpus embedded by the
# reference recipe (TF-IDF -> SVD 384 -> L2, as bench/knn.sh), or SEARCH_INPUT (a float32 .npy).
# The first 500 rows are the queries, the rest the searched embeddings, so no query finds itself.
#
# Usage: bench/search.sh [BUILD_DIR]     (default build dir: build)
# Environment: SEARCH_INPUT, SEARCH_WORK (default BUILD_DIR/bench-search), OPENBLAS_NUM_THREADS.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/bench/search_bench"
work=${SEARCH_WORK:-$build/bench-search}
if [[ ! -x $bench ]]; then
  echo "search.sh: $bench not found; build it: cmake --build $build --target search_bench" >&2
  exit 1
fi
mkdir -p "$work"
input=${SEARCH_INPUT:-}
if [[ -z $input ]]; then
  corpus="$build/demo/debian.jsonl"
  if [[ ! -s $corpus ]]; then
    mkdir -p "$(dirname "$corpus")"
    "$build/bin/topica" corpus debian --output "$corpus"
  fi
  input="$work/debian384.npy"
  if [[ ! -s $input || $corpus -nt $input ]]; then
    /usr/bin/python3 "$here/make_debian_embeddings.py" "$corpus" "$input"
  fi
fi
/usr/bin/python3 - "$input" "$work" <<'PY'
import sys
import numpy as np
e = np.load(sys.argv[1]).astype('f4')
np.save(sys.argv[2] + '/queries.npy', e[:500])
np.save(sys.argv[2] + '/base.npy', e[500:])
PY
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" "$work/base.npy" "$work/queries.npy" 10

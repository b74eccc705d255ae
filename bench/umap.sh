#!/usr/bin/env bash
# UMAP with BERTopic's settings (15 neighbours, 5 dimensions, min_dist 0, cosine), side by side in
# one run on the same input and threads:
#
#   topica reduce                       vs umap-learn 0.5 UMAP(...).fit_transform (no seed: its
#                                          parallel path, as BERTopic runs it; numba warmed up first)
#
# on the shared 10k fixture (../shared/reference/umap/input_10k.npy, with its Debian Sections) and
# on the full Debian demo corpus embeddings (58,959 x 384: TF-IDF -> SVD 384 -> L2). Prints wall
# time per stage (nearest neighbours, fuzzy set, spectral init, layout) and in total, peak memory
# (/usr/bin/time %M), trustworthiness (k = 15, cosine, scikit-learn) on a 10k sample, how well
# HDBSCAN (topica cluster, min_cluster_size 10) on each layout recovers the Sections (NMI, ARI),
# the ratios, the load average before and after, and whether topica's 10k output is the same bits
# with 1 thread as with THREADS.
#
# Usage: bench/umap.sh [BUILD_DIR]     (default build dir: build)
# Environment: THREADS (default 2); UMAP_WORK (default BUILD_DIR/bench-umap); UMAP_FULL=0 skips the
#              full corpus; UMAP_INPUT (a float32 .npy) replaces the full corpus.
# Needs Debian's umap-learn and python3-sklearn (/usr/bin/python3).
set -euo pipefail

build=build
for arg in "$@"; do
  case $arg in
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) build=$arg ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
threads=${THREADS:-2}
topica="$build/bin/topica"
work=${UMAP_WORK:-$build/bench-umap}
shared="${TOPICA_SHARED:-$here/../../shared}/reference/umap"
if [[ ! -x $topica ]]; then
  echo "umap.sh: $topica not found; build it: cmake -S . -B $build && cmake --build $build" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import umap, sklearn' 2>/dev/null; then
  echo "umap.sh: needs umap-learn and python3-sklearn (apt install umap-learn)" >&2
  exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "umap.sh: needs GNU time for peak memory (apt install time)" >&2
  exit 1
fi
mkdir -p "$work"

# Inputs: name, .npy, class labels (one per line).
inputs=()
if [[ -s $shared/input_10k.npy ]]; then
  inputs+=("fixture10k:$shared/input_10k.npy:$shared/labels_10k.txt")
else
  echo "umap.sh: $shared not found; skipping the 10k fixture" >&2
fi
if [[ ${UMAP_FULL:-1} != 0 ]]; then
  if [[ -n ${UMAP_INPUT:-} ]]; then
    inputs+=("input:$UMAP_INPUT:")
  else
    corpus="$build/demo/debian.jsonl"
    if [[ ! -s $corpus ]]; then
      echo "umap.sh: writing the demo corpus to $corpus ..." >&2
      mkdir -p "$(dirname "$corpus")"
      "$topica" corpus debian --output "$corpus"
    fi
    full="$work/debian384.npy"
    if [[ ! -s $full || $corpus -nt $full ]]; then
      echo "umap.sh: embedding the corpus (TF-IDF -> SVD 384 -> L2) ..." >&2
      /usr/bin/python3 "$here/make_debian_embeddings.py" "$corpus" "$full" --classes "$work/debian_classes.txt"
    fi
    inputs+=("debian:$full:$work/debian_classes.txt")
  fi
fi

# Every library gets the same number of threads.
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads NUMBA_NUM_THREADS=$threads
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

cat >"$work/umap_learn.py" <<'PY'
# umap-learn with BERTopic's settings, timing its stages by wrapping the functions UMAP.fit calls.
import json, sys, time, warnings
import numpy as np
warnings.filterwarnings('ignore')
import umap
import umap.umap_ as umap_

times = {}
def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        times[name] = times.get(name, 0.0) + time.perf_counter() - start
        return result
    return wrapper
umap_.nearest_neighbors = timed('neighbours', umap_.nearest_neighbors)
umap_.fuzzy_simplicial_set = timed('fuzzy set', umap_.fuzzy_simplicial_set)
umap_.spectral_layout = timed('spectral init', umap_.spectral_layout)
umap_.optimize_layout_euclidean = timed('layout', umap_.optimize_layout_euclidean)

x = np.load(sys.argv[1])
settings = dict(n_neighbors=15, n_components=5, min_dist=0.0, metric='cosine')
umap.UMAP(**settings).fit_transform(x[:5000])  # compiles the numba code; not timed
times.clear()
start = time.perf_counter()
y = umap.UMAP(**settings).fit_transform(x)
times['total'] = time.perf_counter() - start
np.save(sys.argv[2], y.astype(np.float32))
with open(sys.argv[3], 'w') as f:
    json.dump(times, f)
PY

for entry in "${inputs[@]}"; do
  IFS=: read -r name input labels <<<"$entry"
  echo "umap.sh: $name: umap-learn ($threads threads) ..." >&2
  /usr/bin/time -f '%M' -o "$work/$name.umap_learn.rss" \
    /usr/bin/python3 "$work/umap_learn.py" "$input" "$work/$name.umap_learn.npy" "$work/$name.umap_learn.json"
  echo "umap.sh: $name: topica reduce ($threads threads) ..." >&2
  /usr/bin/time -f '%M %e' -o "$work/$name.topica.rss" \
    "$topica" reduce --input "$input" --output "$work/$name.topica.npy" --threads "$threads" 2>"$work/$name.topica.log"
  grep 'topica reduce: [0-9]' "$work/$name.topica.log" >&2
  for layout in topica umap_learn; do
    "$topica" cluster --input "$work/$name.$layout.npy" --output "$work/$name.$layout.labels.csv" \
      --threads "$threads" 2>/dev/null
  done
done

# Determinism: the 10k fixture again with one thread must give the same bytes.
same_bits="n/a"
if [[ -s $shared/input_10k.npy ]]; then
  "$topica" reduce --input "$shared/input_10k.npy" --output "$work/fixture10k.topica1.npy" --threads 1 2>/dev/null
  cmp -s "$work/fixture10k.topica.npy" "$work/fixture10k.topica1.npy" && same_bits=yes || same_bits=NO
fi

/usr/bin/python3 - "$work" "$threads" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$same_bits" "${inputs[@]}" <<'PY'
import json, re, sys
import numpy as np
from sklearn.manifold import trustworthiness
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

work, threads, load_before, load_after, same_bits = sys.argv[1:6]
stages = ['neighbours', 'fuzzy set', 'spectral init', 'layout']

def topica_times(name):
    line = [l for l in open(f'{work}/{name}.topica.log') if re.match(r'topica reduce: \d', l)][-1]
    times = {s: float(re.search(re.escape(s) + r' ([0-9.]+) s', line).group(1)) for s in stages}
    times['total'] = sum(times.values())
    return times

def quality(name, layout, x, sample, labels):
    y = np.load(f'{work}/{name}.{layout}.npy')
    t = trustworthiness(x[sample], y[sample], n_neighbors=15, metric='cosine')
    found = np.loadtxt(f'{work}/{name}.{layout}.labels.csv', delimiter=',', skiprows=1, ndmin=2)[:, 0]
    if labels is None:
        return t, float('nan'), float('nan'), float(np.mean(found < 0))
    return (t, normalized_mutual_info_score(labels, found), adjusted_rand_score(labels, found),
            float(np.mean(found < 0)))

print(f'UMAP, BERTopic settings (15 neighbours, 5-d, min_dist 0, cosine), {threads} threads, '
      f'load average {load_before} before, {load_after} after')
for entry in sys.argv[6:]:
    name, path, label_path = entry.split(':')
    x = np.load(path)
    n = x.shape[0]
    sample = np.random.RandomState(0).choice(n, 10000, replace=False) if n > 10000 else np.arange(n)
    labels = None
    if label_path:
        labels = open(label_path, encoding='utf-8').read().split('\n')[:n]
    ours, ref = topica_times(name), json.load(open(f'{work}/{name}.umap_learn.json'))
    rss = {k: int(open(f'{work}/{name}.{k}.rss').read().split()[0]) / 1024 for k in ('topica', 'umap_learn')}
    process_s = float(open(f'{work}/{name}.topica.rss').read().split()[1])
    print(f'\n{name}: {n} x {x.shape[1]}')
    print(f'{"stage":15} {"topica s":>9} {"umap-learn s":>13} {"speed-up":>9}')
    for s in stages + ['total']:
        print(f'{s:15} {ours[s]:9.2f} {ref.get(s, float("nan")):13.2f} {ref.get(s, float("nan")) / max(ours[s], 1e-9):8.1f}x')
    print(f'{"(whole process)":15} {process_s:9.2f} {"":13} {ref["total"] / process_s:8.1f}x  (topica reduce incl. start-up and .npy I/O)')
    print(f'{"peak memory MB":15} {rss["topica"]:9.0f} {rss["umap_learn"]:13.0f} {rss["umap_learn"] / rss["topica"]:8.1f}x')
    q = {k: quality(name, k, x, sample, labels) for k in ('topica', 'umap_learn')}
    sample_note = 'all rows' if n <= 10000 else 'a 10k sample'
    print(f'{"trustworthiness":15} {q["topica"][0]:9.4f} {q["umap_learn"][0]:13.4f} {q["topica"][0] - q["umap_learn"][0]:+9.4f}  (k = 15, {sample_note})')
    if labels is not None:
        print(f'{"HDBSCAN NMI":15} {q["topica"][1]:9.4f} {q["umap_learn"][1]:13.4f} {q["topica"][1] - q["umap_learn"][1]:+9.4f}')
        print(f'{"HDBSCAN ARI":15} {q["topica"][2]:9.4f} {q["umap_learn"][2]:13.4f} {q["topica"][2] - q["umap_learn"][2]:+9.4f}')
    print(f'{"HDBSCAN noise":15} {q["topica"][3]:9.3f} {q["umap_learn"][3]:13.3f}')
print(f'\ntopica 10k output with 1 thread identical to {threads} threads: {same_bits}')
PY

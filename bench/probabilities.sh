#!/usr/bin/env bash
# Membership vectors (BERTopic's calculate_probabilities) for 100,000 documents, beside the
# hdbscan library's all_points_membership_vectors (issue 6: "seconds, not hours").
#
# No corpus here has 100k documents, so the Debian demo corpus (about 59k packages) is
# replicated: its built-in LSA embeddings (from the model bench/outliers.sh fits, or fitted here)
# are copied until 100,000 rows, every copy after the first with Gaussian noise of sigma
# PROB_NOISE (default 0.002 per coordinate) and L2-normalised again; the texts are copied with them.
# The output says so.
#
# 1. topica fit --corpus 100k.jsonl --embeddings 100k.npy --probabilities: the stamps of its stages
#    give the membership-vector time ("distributions" stage) for all 100k documents.
# 2. topica reduce-outliers --strategy probabilities on that model: the verb end to end (loading,
#    membership vectors, topics rebuilt, saving).
# 3. The reference, all_points_membership_vectors of the hdbscan library: when Python hdbscan is
#    importable, HDBSCAN(min_cluster_size=10, prediction_data=True) on the first 20,000 rows of
#    that fit's 5-d UMAP layout, timed in this run. Debian 12 has no python3-hdbscan package, so
#    otherwise the library's recorded idle-machine figure on ../shared/reference/hdbscan/
#    debian5d_20k.npy (97.6 s, that folder's README) is used. Either way topica's
#    bench/hdbscan_bench --membership runs on the very same rows in this run, and the ratios
#    (same rows; and per document against the 100k figure) are printed and labelled.
#
# Usage: bench/probabilities.sh [BUILD_DIR]      (default: build)
# Environment: THREADS (default 2); PROB_WORK (default BUILD_DIR/bench-probabilities);
#              PROB_ROWS (default 100000); PROB_REF_ROWS (default 20000); PROB_NOISE (0.002);
#              PROB_SKIP_REF=1 skips the Python reference.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
threads=${THREADS:-2}
topica="$build/bin/topica"
bench="$build/bench/hdbscan_bench"
work=${PROB_WORK:-$build/bench-probabilities}
rows=${PROB_ROWS:-100000}
ref_rows=${PROB_REF_ROWS:-20000}
noise=${PROB_NOISE:-0.002}
for tool in "$topica" "$bench"; do
  if [[ ! -x $tool ]]; then
    echo "probabilities.sh: $tool not found; build it: cmake --build $build --target topica_cli hdbscan_bench" >&2
    exit 1
  fi
done
mkdir -p "$work"
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads

# The Debian model with its LSA embeddings (shared with bench/outliers.sh when it ran).
debian_model="$build/bench-outliers/debian.model"
corpus="$build/bench-outliers/debian.jsonl"
if [[ ! -f $debian_model/transform.safetensors ]]; then
  mkdir -p "$build/bench-outliers"
  [[ -s $corpus ]] || "$topica" corpus debian --output "$corpus"
  echo "probabilities.sh: fitting the Debian corpus (built-in LSA embedder) ..." >&2
  "$topica" fit --corpus "$corpus" --out "$debian_model" --threads "$threads" >/dev/null
fi

# read_tensor FILE NAME -> numpy array (safetensors: 8-byte header length, JSON header, data).
reader='
import json, struct, numpy as np
def read_tensor(path, name):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        t = header[name]
        a, b = t["data_offsets"]
        f.seek(8 + n + a)
        dtype = {"F32": np.float32, "F64": np.float64, "I64": np.int64}[t["dtype"]]
        return np.frombuffer(f.read(b - a), dtype=dtype).reshape(t["shape"])
'
big="$work/replicated"
/usr/bin/python3 - "$debian_model/transform.safetensors" "$corpus" "$big" "$rows" "$noise" <<PY
$reader
import sys
src, corpus, out, rows, noise = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
e = read_tensor(src, "embeddings").astype(np.float32)
texts = open(corpus, encoding="utf-8").read().splitlines()
assert len(texts) == e.shape[0]
rng = np.random.default_rng(0)
parts, lines, copy = [], [], 0
while sum(p.shape[0] for p in parts) < rows:
    take = min(e.shape[0], rows - sum(p.shape[0] for p in parts))
    block = e[:take].copy()
    if copy > 0:
        block += rng.normal(0.0, noise, block.shape).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
    parts.append(block)
    lines += texts[:take]
    copy += 1
np.save(out + ".npy", np.concatenate(parts).astype(np.float32))
open(out + ".jsonl", "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(f"data: the Debian corpus ({e.shape[0]} documents, built-in LSA-{e.shape[1]} embeddings) replicated to {rows} "
      f"rows; copies after the first perturbed by N(0, {noise}^2) per coordinate, then L2-normalised")
PY

model="$work/100k.model"
rm -rf "$model"
echo "probabilities.sh: topica fit --probabilities on $rows rows (--threads $threads) ..." >&2
"$topica" fit --corpus "$big.jsonl" --embeddings "$big.npy" --probabilities --out "$model" --threads "$threads" \
  >/dev/null 2>"$work/fit.log"
# Stage stamps: "topica: [  12.3 s] distributions"; the next stamp ends the stage.
memb=$(awk '/\] distributions$/{found=1; split($0, a, /[][]/); t=a[2]; next} found{split($0, b, /[][]/); printf "%.2f", b[2]-t; exit}' "$work/fit.log" | tr -d ' ')
total=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$work/fit.log" | tail -1)
echo "topica fit --probabilities, $rows documents: membership vectors ${memb} s (whole fit ${total} s, --threads $threads)"

start=$(date +%s.%N)
line=$("$topica" reduce-outliers "$model" --strategy probabilities --out "$work/100k-reduced.model" --threads "$threads" 2>/dev/null)
echo "topica reduce-outliers --strategy probabilities, $rows documents: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s end to end ($line)"

if [[ ${PROB_SKIP_REF:-0} == 1 ]]; then exit 0; fi
if /usr/bin/python3 -c 'import hdbscan' 2>/dev/null; then
  # The library is installed: time it on the first rows of this run's own 5-d layout.
  /usr/bin/python3 - "$model/transform.safetensors" "$work/layout_${ref_rows}.npy" "$ref_rows" <<PY
$reader
import sys
y = read_tensor(sys.argv[1], "hdbscan.data")[: int(sys.argv[3])]
np.save(sys.argv[2], np.ascontiguousarray(y, dtype=np.float64))
PY
  layout="$work/layout_${ref_rows}.npy"
  ref_s=$(/usr/bin/python3 - "$layout" <<'PY'
import sys, time
import numpy as np
import hdbscan
c = hdbscan.HDBSCAN(min_cluster_size=10, prediction_data=True).fit(np.load(sys.argv[1]))
t = time.perf_counter()
hdbscan.all_points_membership_vectors(c)
print(f"{time.perf_counter() - t:.2f}")
PY
)
  ref_what="Python hdbscan, timed in this run on the first $ref_rows rows of this fit's 5-d layout"
else
  # Debian 12 has no python3-hdbscan: the library's recorded figure on ../shared's 20k Debian
  # layout (idle machine, ../shared/reference/hdbscan/README.md), and topica on that same file.
  shared=${TOPICA_SHARED:-$here/../../shared}
  layout="$shared/reference/hdbscan/debian5d_20k.npy"
  if [[ ! -f $layout ]]; then
    echo "probabilities.sh: reference skipped: no Python hdbscan and no $layout" >&2
    exit 0
  fi
  ref_s=97.6
  ref_what="hdbscan 0.8.43's recorded figure on ../shared/reference/hdbscan/debian5d_20k.npy (idle machine, its README; the library is not installable here)"
fi
ours=$("$bench" --input "$layout" --min-cluster-size 10 --membership --threads "$threads" --repeats 1)
/usr/bin/python3 - "$ours" "$ref_s" "$memb" "$rows" "$ref_what" <<'PY'
import json, sys
ours, ref, memb, rows, what = json.loads(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
n, t = ours["rows"], ours["membership_s"]
print(f"reference: {what}: all_points_membership_vectors {ref:.2f} s for {n} rows")
print(f"topica on the same {n} rows: {t:.3f} s ({ours['clusters']} clusters) -> {ref / t:.0f}x faster on identical input")
print(f"per document: hdbscan {1e3 * ref / n:.3f} ms ({n} rows) vs topica {1e3 * memb / rows:.4f} ms ({rows} rows, the fit above) "
      f"-> {(ref / n) / (memb / rows):.0f}x (different row counts; the cost per row grows with n for both)")
PY

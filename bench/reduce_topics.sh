#!/usr/bin/env bash
# `topica reduce-topics --nr-topics 20` on ~50k Debian package descriptions, beside the reference
# computation in the same run.
#
# The corpus (topica corpus debian, first 50,000 documents) is fitted once with the built-in LSA
# embedder and cached in the work folder. Each timed run starts from a fresh copy of that model:
#   topica     reduce-topics MODEL --nr-topics 20 --out OUT: load the folder, average linkage on
#              1 - cosine of the topic embeddings, relabel, rebuild c-TF-IDF words, representative
#              documents and topic embeddings, save the folder (wall time, GNU time);
#   reference  scikit-learn's AgglomerativeClustering(19, metric="precomputed", linkage="average")
#              on 1 - cosine_similarity of the same topic embeddings + a pandas relabel of the
#              documents' topics: BERTopic's _reduce_to_n_topics up to, not including, its topic
#              rebuild (no c-TF-IDF, no I/O), so it does strictly less work than topica's run.
# Both take the best of REPEATS runs. bench/reduce_topics_bench (built with the benchmarks) then
# splits topica's run into load, reduction, topic rebuild and save, so the reduction alone can be
# set against scikit-learn like for like. The two partitions of the old topics are compared too.
#
# Usage: bench/reduce_topics.sh [BUILD_DIR]   (default build)
# Environment: THREADS (default 2), REPEATS (default 3), DOCS (default 50000),
#              REDUCE_WORK (default BUILD_DIR/bench-reduce).
# Needs Debian's python3-sklearn, python3-pandas (/usr/bin/python3) and GNU time.
set -euo pipefail
build=${1:-build}
threads=${THREADS:-2}
repeats=${REPEATS:-3}
docs=${DOCS:-50000}
topica="$build/bin/topica"
work=${REDUCE_WORK:-$build/bench-reduce}
if [[ ! -x $topica ]]; then
  echo "reduce_topics.sh: $topica not found; build it first" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import numpy, sklearn, pandas' 2>/dev/null; then
  echo "reduce_topics.sh: needs numpy, scikit-learn and pandas for /usr/bin/python3 (apt install python3-sklearn python3-pandas)" >&2
  exit 1
fi
mkdir -p "$work"

if [[ ! -f $work/model/topics.csv ]]; then
  "$topica" corpus debian --output "$work/debian_all.jsonl"
  head -n "$docs" "$work/debian_all.jsonl" > "$work/debian.jsonl"
  echo "reduce_topics.sh: fitting $(wc -l < "$work/debian.jsonl") documents once (cached in $work/model)" >&2
  "$topica" fit --corpus "$work/debian.jsonl" --stop-words english --threads "$threads" --out "$work/model" > /dev/null
fi
topics=$(($(wc -l < "$work/model/topics.csv") - 1))
echo "model: $(($(wc -l < "$work/model/documents.csv") - 1)) documents, $topics topics (outlier topic included)"

best=""
for _ in $(seq "$repeats"); do
  rm -rf "$work/reduced"
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" \
    "$topica" reduce-topics "$work/model" --nr-topics 20 --out "$work/reduced" > /dev/null 2> "$work/reduce.log"
  read -r seconds rss user sys < "$work/time.txt"
  if [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN{exit !(a<b)}'; then
    best=$seconds; best_rss=$rss; best_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{print u + s}')
  fi
done
echo "topica reduce-topics --nr-topics 20: best of $repeats: ${best} s wall, ${best_cpu} s CPU (user + system), peak RSS $((best_rss / 1024)) MiB"
echo "  (load the $(du -sh "$work/model" | cut -f1) folder + cluster + rebuild topics + save; load average now: $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"

# The same run split into stages (bench/reduce_topics_bench.cpp), for a like-for-like ratio.
stages="{}"
if [[ -x $build/bench/reduce_topics_bench ]]; then
  stages=$("$build/bench/reduce_topics_bench" "$work/model" --nr-topics 20 --repeats "$repeats")
  echo "topica stages (s): $stages"
fi

OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads /usr/bin/python3 - "$work" "$repeats" "$best" "$stages" <<'PY'
import json, struct, sys, time
import numpy as np, pandas as pd
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics.pairwise import cosine_similarity

work, repeats, topica_s, stages = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4])

def safetensor(path, name):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    t = header[name]
    start, end = t['data_offsets']
    return np.frombuffer(data[start:end], dtype={'F32': np.float32, 'F64': np.float64}[t['dtype']]).reshape(t['shape'])

emb = safetensor(f'{work}/model/topic_embeddings.safetensors', 'topic_embeddings')
docs = pd.read_csv(f'{work}/model/documents.csv')
outliers = int((docs.topic == -1).any())
best, labels = None, None
for _ in range(repeats):
    t0 = time.perf_counter()
    distance = 1 - cosine_similarity(emb[outliers:])
    np.fill_diagonal(distance, 0)
    labels = AgglomerativeClustering(20 - outliers, metric='precomputed', linkage='average').fit(distance).labels_
    mapping = {t: (labels[t] if t != -1 else -1) for t in range(-1, len(labels))}
    new_topics = docs.topic.map(mapping)
    elapsed = time.perf_counter() - t0
    best = elapsed if best is None else min(best, elapsed)
print(f'reference sklearn AgglomerativeClustering + pandas relabel: best of {repeats}: {best:.3f} s '
      f'(clustering and relabel only: less work than topica\'s run)')
print(f'ratio reference s / topica s, whole reduce-topics run: {best / topica_s:.2f} '
      '(not like for like: topica also loads, rebuilds c-TF-IDF topics and saves)')
if 'reduce_s' in stages:
    print(f'ratio reference s / topica s, the reduction alone (linkage + cut + mapping): {best / stages["reduce_s"]:.2f} '
          '(like for like; above 1: topica faster)')

reduced = pd.read_csv(f'{work}/reduced/documents.csv')
pairs = {}
for old, new in zip(docs.topic, reduced.topic):
    if old >= 0:
        pairs.setdefault(old, set()).add(new)
ours = {old: next(iter(news)) for old, news in pairs.items() if len(news) == 1}
same = all((ours[a] == ours[b]) == (labels[a] == labels[b]) for a in ours for b in ours)
print(f'partition of the {len(labels)} topics: {"identical to" if same and len(ours) == len(labels) else "DIFFERENT from"} scikit-learn\'s')
PY

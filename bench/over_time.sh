#!/usr/bin/env bash
# Topics over time with 100 bins on 50,000 Debian package descriptions (issue 6, "Done when").
#
# No corpus here has dates, so the timestamps are SYNTHETIC: each document gets a date-time drawn
# uniformly (seeded) between 2015-01-01 and 2024-12-31, written as ISO 8601 UTC into a JSONL copy
# of the corpus. The model is fitted once (topica fit, built-in LSA embedder, English stop words)
# on the first 50,000 documents of `topica corpus debian` and reused on later runs.
#
# Timed: `topica over-time MODEL --corpus C --time-column time --bins 100` end to end (model load,
# corpus read, time parsing, binning, per-bin c-TF-IDF with evolution and global tuning, top words,
# table out), median of 3 runs. There is no BERTopic here, so the reference measured in the same
# run is pandas (Debian python3-pandas) doing only the pandas part of BERTopic's
# topics_over_time on the same table: pd.to_datetime + pd.cut(bins=100) + groupby(topic, bin)
# joining the documents and counting them (no c-TF-IDF, no words), median of 3. The ratio printed
# is pandas-part seconds / topica-whole seconds: how the whole of topica's verb compares with
# the part of BERTopic's that pandas does, not with BERTopic itself.
#
# Usage: bench/over_time.sh [BUILD_DIR]      (default: build)
# Environment: THREADS (default 2); OVER_TIME_WORK (default BUILD_DIR/bench-over-time).
set -euo pipefail

build=${1:-build}
threads=${THREADS:-2}
topica="$build/bin/topica"
work=${OVER_TIME_WORK:-$build/bench-over-time}
if [[ ! -x $topica ]]; then
  echo "over_time.sh: $topica not found; build it first (cmake --build $build --target topica_cli)" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  echo "over_time.sh: needs pandas for /usr/bin/python3 (apt install python3-pandas)" >&2
  exit 1
fi
mkdir -p "$work"
corpus="$work/debian50k.jsonl" timed="$work/debian50k_timed.jsonl" model="$work/model"
if [[ ! -s $corpus ]]; then
  echo "over_time.sh: writing the Debian corpus (first 50,000 documents) ..." >&2
  "$topica" corpus debian --output "$work/debian.jsonl"
  head -n 50000 "$work/debian.jsonl" >"$corpus"
fi
if [[ ! -s $timed || $corpus -nt $timed ]]; then
  /usr/bin/python3 - "$corpus" "$timed" <<'PY'
import datetime, json, random, sys
rng = random.Random(6)
start = datetime.datetime(2015, 1, 1, tzinfo=datetime.timezone.utc)
span = (datetime.datetime(2024, 12, 31, tzinfo=datetime.timezone.utc) - start).total_seconds()
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        doc = json.loads(line)
        when = start + datetime.timedelta(seconds=int(rng.random() * span))
        out.write(json.dumps({"text": doc["text"], "time": when.strftime("%Y-%m-%dT%H:%M:%SZ")}) + "\n")
PY
fi
if [[ ! -s $model/topics.csv || $corpus -nt $model/topics.csv ]]; then
  echo "over_time.sh: fitting the model once (topica fit, built-in embedder) ..." >&2
  rm -rf "$model"
  "$topica" fit --corpus "$corpus" --out "$model" --stop-words english --threads "$threads" >/dev/null
fi

seconds=()
for run in 1 2 3; do
  t0=$(date +%s.%N)
  "$topica" over-time "$model" --corpus "$timed" --time-column time --bins 100 --threads "$threads" \
    --format csv --output "$work/topics_over_time.csv"
  t1=$(date +%s.%N)
  seconds+=("$(echo "$t1 - $t0" | bc -l)")
done
/usr/bin/python3 - "$timed" "$model/documents.csv" "$work/topics_over_time.csv" "$threads" "${seconds[@]}" <<'PY'
import csv, json, statistics, sys, time
import pandas as pd

timed, documents_csv, table, threads = sys.argv[1:5]
topica_s = statistics.median(float(s) for s in sys.argv[5:])
docs, times = [], []
with open(timed, encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        docs.append(d["text"])
        times.append(d["time"])
with open(documents_csv, newline="") as f:
    topics = [int(r["topic"]) for r in csv.DictReader(f)]
runs = []
for _ in range(3):
    t0 = time.perf_counter()
    frame = pd.DataFrame({"Document": docs, "Topic": topics, "Timestamps": times})
    frame["Timestamps"] = pd.to_datetime(frame["Timestamps"])
    frame["Bins"] = pd.cut(frame.Timestamps, bins=100)
    frame["Timestamps"] = frame.apply(lambda row: row.Bins.left, 1)  # as BERTopic stamps each row
    grouped = frame.sort_values("Timestamps").groupby(["Timestamps", "Topic"], as_index=False).agg(
        {"Document": " ".join, "Bins": "count"})
    runs.append(time.perf_counter() - t0)
pandas_s = statistics.median(runs)
rows = sum(1 for _ in open(table)) - 1
topic_count = len(set(topics) - {-1})
print(f"corpus: {len(docs)} Debian package descriptions, {topic_count} topics (+ outliers); "
      f"SYNTHETIC timestamps (uniform 2015-2024, seed 6); --bins 100, --threads {threads}")
print(f"topica over-time (whole verb, median of 3): {topica_s:.2f} s -> {rows} rows")
print(f"pandas 1.5 binning + groupby only (to_datetime, cut, per-row left edge, groupby join/count; median of 3): "
      f"{pandas_s:.2f} s -> {len(grouped)} groups")
print(f"ratio pandas-part / topica-whole: {pandas_s / topica_s:.1f}x (not a BERTopic measurement: BERTopic would add "
      f"c-TF-IDF and word extraction per bin on top of the pandas part)")
PY

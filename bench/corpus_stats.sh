#!/usr/bin/env bash
# Corpus reading throughput and peak memory: `topica corpus stats` against the reference tools
# on the same generated files in the same run — coreutils `wc -lwm` for plain text, Python's csv
# module for CSV and Python's json module for JSONL (the readers Python users go through).
# Usage: bench/corpus_stats.sh [build-dir] [megabytes, default 512; the issue's check uses 2048]
set -euo pipefail
build=${1:-build}
mb=${2:-512}
topica="$build/bin/topica"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Text: repeated Korean + English lines of varied length; CSV: the same with a quoted field
# holding a newline and a doubled quote in every 50th row.
/usr/bin/python3 - "$work" "$mb" <<'PY'
import sys, random
work, mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(0)
words = "topic model embedding corpus 로봇을 교수는 서울에서 데이터 analysis vector cluster".split()
lines = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 60))) for _ in range(5000)]
block = "\n".join(lines) + "\n"
rows = ['id,text'] + [f'{i},"{l}' + ('\nsecond ""quoted"" line' if i % 50 == 0 else '') + '"' for i, l in enumerate(lines)]
csv_block = "\n".join(rows[1:]) + "\n"
target = mb << 20
with open(f"{work}/corpus.txt", "w") as f:
    n = 0
    while n < target:
        f.write(block); n += len(block.encode())
import json
jsonl_block = "".join(json.dumps({"id": i, "text": l}, ensure_ascii=False) + "\n" for i, l in enumerate(lines))
with open(f"{work}/corpus.jsonl", "w") as f:
    n = 0
    while n < target // 4:
        f.write(jsonl_block); n += len(jsonl_block.encode())
with open(f"{work}/corpus.csv", "w") as f:
    f.write("id,text\n"); n = 0
    while n < target // 4:
        f.write(csv_block); n += len(csv_block.encode())
PY

measure() {  # prints "seconds peak_kib"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null
  cat "$work/time"
}
report() {  # name, topica "s kib", reference "s kib", reference name, MB
  read -r ts tk <<<"$2"; read -r rs rk <<<"$3"
  awk -v n="$1" -v ts="$ts" -v tk="$tk" -v rs="$rs" -v rk="$rk" -v ref="$4" -v mb="$5" 'BEGIN {
    printf "%-6s %6d MB  topica %6.2f s (%5.0f MB/s, peak %4.0f MB)   %-10s %6.2f s (peak %4.0f MB)   speed ratio %.2fx\n",
      n, mb, ts, mb / (ts > 0 ? ts : 0.01), tk / 1024, ref, rs, rk / 1024, rs / (ts > 0 ? ts : 0.01) }'
}

text_mb=$(( $(stat -c %s "$work/corpus.txt") >> 20 ))
csv_mb=$(( $(stat -c %s "$work/corpus.csv") >> 20 ))
jsonl_mb=$(( $(stat -c %s "$work/corpus.jsonl") >> 20 ))
cat "$work"/corpus.* >/dev/null  # warm the page cache for both tools
report text "$(measure "$topica" corpus stats "$work/corpus.txt")" "$(measure wc -lwm "$work/corpus.txt")" "wc -lwm" "$text_mb"
report csv "$(measure "$topica" corpus stats "$work/corpus.csv")" \
  "$(measure /usr/bin/python3 -c 'import csv,sys
n=c=t=0
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")):
    s=r["text"]; n+=1; c+=len(s); t+=len(s.split())
print(n,c,t)' "$work/corpus.csv")" "python csv" "$csv_mb"
report jsonl "$(measure "$topica" corpus stats "$work/corpus.jsonl")" \
  "$(measure /usr/bin/python3 -c 'import json,sys
n=c=t=0
for line in open(sys.argv[1], encoding="utf-8"):
    s=json.loads(line)["text"]; n+=1; c+=len(s); t+=len(s.split())
print(n,c,t)' "$work/corpus.jsonl")" "python json" "$jsonl_mb"

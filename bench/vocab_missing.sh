#!/usr/bin/env bash
# topica vocab missing on about 100 MB of Korean text: the public Korean corpora of ../shared/data
# (nsmc_sample, ynat_dacon, ko_chatbot, korsts, kornli, klue_nli, klue_sts, ko_question_pair: their
# text fields / sentence columns, one per line) repeated to VOCAB_MB megabytes (default 100), checked
# against the real KR-BERT (snunlp/KR-BERT-char16424) tokenizer.json of
# ../shared/reference/tokenizers. Everything is written under BUILD/bench-vocab-missing, never into
# the repository. Prints the seconds, MB/s and peak memory of the whole `topica vocab missing`
# process (--language ko, --threads VOCAB_THREADS, default 2); the goal is under a minute.
# Usage: bench/vocab_missing.sh [BUILD]      (default build)
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TOPICA_SHARED:-$here/../shared}
topica=$build/bin/topica
work=$build/bench-vocab-missing
megabytes=${VOCAB_MB:-100}
threads=${VOCAB_THREADS:-2}
[ -x "$topica" ] || { echo "vocab_missing.sh: $topica not built" >&2; exit 1; }
tokenizer_dir=$shared/reference/tokenizers/models/kr-bert-char16424
[ -f "$tokenizer_dir/tokenizer.json" ] || { echo "vocab_missing.sh: $tokenizer_dir/tokenizer.json missing" >&2; exit 1; }
mkdir -p "$work/model"
cp "$tokenizer_dir/tokenizer.json" "$tokenizer_dir/vocab.txt" "$work/model/"

base=$work/korean_base.txt corpus=$work/korean_${megabytes}mb.txt
if [ ! -s "$corpus" ]; then
  /usr/bin/python3 - "$shared/data" "$base" <<'PY'
import csv, glob, json, os, sys
data, out = sys.argv[1], sys.argv[2]
lines = []
for folder in ["nsmc_sample", "ynat_dacon", "ko_chatbot"]:
    for path in sorted(glob.glob(os.path.join(data, folder, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            lines += [json.loads(l)["text"] for l in f if l.strip()]
sentence_columns = {"sentence1", "sentence2", "premise", "hypothesis", "question1", "question2", "sentence", "text"}
for folder in ["korsts", "kornli", "klue_nli", "klue_sts", "ko_question_pair"]:
    for path in sorted(glob.glob(os.path.join(data, folder, "*.tsv"))):
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(rows)
            keep = [i for i, h in enumerate(header) if h in sentence_columns]
            for row in rows:
                lines += [row[i] for i in keep if i < len(row)]
with open(out, "w", encoding="utf-8") as f:
    for l in lines:
        l = " ".join(l.split())
        if l:
            f.write(l + "\n")
PY
  target=$((megabytes * 1000 * 1000))
  : > "$corpus.part"
  while [ "$(stat -c %s "$corpus.part")" -lt "$target" ]; do cat "$base" >> "$corpus.part"; done
  mv "$corpus.part" "$corpus"
fi
size=$(stat -c %s "$corpus")
echo "corpus: $corpus ($((size / 1000000)) MB, $(wc -l < "$corpus") lines, base $(stat -c %s "$base") bytes)"
/usr/bin/time -f "%e %M" -o "$work/time.txt" \
  "$topica" vocab missing --model "$work/model" --corpus "$corpus" --language ko --threads "$threads" \
  --min-count 2 --output "$work/missing.csv" 2> "$work/stderr.txt"
read -r seconds rss_kb < "$work/time.txt"
tail -1 "$work/stderr.txt"
echo "missing words (first 5):"; sed -n 2,6p "$work/missing.csv"
awk -v s="$seconds" -v b="$size" -v m="$rss_kb" -v t="$threads" \
  'BEGIN { printf "vocab missing: %.1f s, %.1f MB/s, peak %.0f MB, %d threads (goal: under 60 s)\n", s, b / 1e6 / s, m / 1024, t }'

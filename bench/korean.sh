#!/usr/bin/env bash
# Korean segmentation and topic words (issue 7).
#  1. `topica text segment --language ko` throughput, MB/s on one core, on >= 100 MB: the
#     Korean text of ../shared/data repeated (the lexicon learned from it included).
#  2. ynat_dacon (45k news headlines, 7 labels) and ko_chatbot (11.8k questions, 3 labels) fitted
#     with the default embedder (built-in LSA), --language ko --stop-words korean beside
#     --language none (BERTopic's plain analyzer): stem+particle share of the Hangul
#     top-10 topic words, topics with two surface forms of one stem, NMI against the labels.
# Usage: bench/korean.sh [BUILD_DIR]   (prints figures; writes nothing in the repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
topica=${1:-$root/build}/bin/topica
data=$root/../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$data" "$work/korean.txt" <<'PY'
import csv, json, sys, pathlib
data, out = pathlib.Path(sys.argv[1]), open(sys.argv[2], "w", encoding="utf-8")
for f in ["ynat_dacon/train.jsonl", "nsmc_sample/nsmc_sample.jsonl", "ko_chatbot/chatbot.jsonl"]:
    for line in open(data / f, encoding="utf-8"):
        row = json.loads(line)
        for key in ("text", "question", "answer", "Q", "A"):
            if isinstance(row.get(key), str):
                out.write(row[key].replace("\n", " ") + "\n")
for f in ["korsts/sts-train.tsv", "korsts/sts-dev.tsv", "korsts/sts-test.tsv", "kornli/xnli.dev.ko.tsv",
          "kornli/xnli.test.ko.tsv", "klue_nli/klue-nli-v1.1_dev.tsv", "klue_sts/klue-sts-v1.1_dev.tsv",
          "ko_question_pair/train.tsv"]:
    for row in csv.reader(open(data / f, encoding="utf-8"), delimiter="\t"):
        out.write(" ".join(c for c in row if any("가" <= ch <= "힣" for ch in c)) + "\n")
PY
base_mb=$(du -m "$work/korean.txt" | cut -f1)
: > "$work/big.txt"
while [ "$(du -m "$work/big.txt" | cut -f1)" -lt 100 ]; do cat "$work/korean.txt" >> "$work/big.txt"; done
bytes=$(stat -c %s "$work/big.txt")
# CPU seconds of the process (user + system), so that other load on the machine does not count.
/usr/bin/time -f '%U %S %e' -o "$work/time.txt" taskset -c 0 "$topica" text segment --language ko "$work/big.txt" > "$work/segmented.txt" 2> /dev/null
read -r user sys wall < "$work/time.txt"
python3 -c "b=$bytes; c=$user+$sys; print(f'segment --language ko: {b/1e6:.1f} MB (Korean text ${base_mb} MB repeated), {c:.2f} CPU s on one core ({$wall:.2f} s wall) = {b/1e6/c:.1f} MB/s per core (lexicon learning included)')"

# Labelled corpora: ynat_dacon (news headlines, 7 topics) and ko_chatbot (3 conversation themes).
for name in ynat_dacon/train ko_chatbot/chatbot; do
  corpus=$data/$name.jsonl
  for language in ko none; do
    stop=$([ $language = ko ] && echo korean || echo none)
    "$topica" fit --corpus "$corpus" --out "$work/model_$language" --language "$language" --stop-words "$stop" > /dev/null 2> "$work/fit.log"
    printf '%-11s --language %-4s ' "${name%%/*}" "$language"
    /usr/bin/python3 "$root/bench/korean_topic_words.py" "$work/model_$language" "$corpus"
  done
done

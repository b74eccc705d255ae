#!/usr/bin/env bash
# Text classification (issue 9, item 5): topica classify beside Debian's `fasttext supervised`
# on the exact same tokens, with fastText's supervised defaults (dim 100, epoch 5, lr 0.1,
# wordNgrams 1, minCount 1, softmax) and 2 threads each.
#   Corpora (../shared/data): ag_news (7600 news, 4 topics), bbc_news (2225 articles, 5 topics),
#   nsmc_sample (20000 Korean movie reviews, 2 sentiments). Each is split 80/20 after a
#   random.Random(20261126) shuffle. Texts go through `topica text segment` (--language ko for
#   nsmc, none otherwise), then through the plain analyzer once more, so that the words fastText
#   reads from `__label__X w1 w2 ...` are exactly those topica classify --language none counts.
# Prints accuracy of both (and the difference, target |diff| <= 1 point) and training seconds.
# Usage: bench/classify.sh [BUILD_DIR]   (writes nothing in the repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
topica=${1:-$root/build}/bin/topica
data=$root/../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v fasttext > /dev/null || { echo "fasttext not found: run scripts/install-bench-deps" >&2; exit 1; }

seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(date +%s.%N)"; }

# corpus:language:epochs. bbc_news has only 1780 training articles: at 5 epochs neither tool gets
# past chance, so it also runs at 25 epochs (both tools).
for spec in ag_news/test.jsonl:none:5 bbc_news/bbc.jsonl:none:5 bbc_news/bbc.jsonl:none:25 \
            nsmc_sample/nsmc_sample.jsonl:ko:5; do
  IFS=: read -r file language epochs <<< "$spec"
  name=${file%%/*}
  # Labels and one text per line, in a seeded shuffled order; the first 80% train.
  /usr/bin/python3 - "$data/$file" "$work/labels.txt" "$work/texts.txt" <<'PY'
import json, random, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
random.Random(20261126).shuffle(rows)
with open(sys.argv[2], "w") as labels, open(sys.argv[3], "w", encoding="utf-8") as texts:
    for r in rows:
        labels.write(r["label"].replace(" ", "_") + "\n")
        texts.write(" ".join(r["text"].split()) + "\n")
PY
  "$topica" text segment --language "$language" "$work/texts.txt" > "$work/seg1.txt"
  "$topica" text segment --language none "$work/seg1.txt" > "$work/tokens.txt"
  /usr/bin/python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
labels = open(f"{w}/labels.txt").read().split("\n")[:-1]
tokens = open(f"{w}/tokens.txt", encoding="utf-8").read().split("\n")[:-1]
assert len(labels) == len(tokens)
cut = len(labels) * 4 // 5
for part, lo, hi in (("train", 0, cut), ("test", cut, len(labels))):
    with open(f"{w}/{part}.tsv", "w", encoding="utf-8") as tsv, open(f"{w}/{part}.ft", "w", encoding="utf-8") as ft:
        tsv.write("label\ttext\n")
        for label, text in zip(labels[lo:hi], tokens[lo:hi]):
            tsv.write(f"{label}\t{text}\n")
            ft.write(f"__label__{label} {text}\n")
PY
  start=$(date +%s.%N)
  "$topica" classify train --corpus "$work/train.tsv" --label-column label --text-column text --language none \
    --output "$work/topica.model" --epochs "$epochs" --threads 2 2> "$work/train.log"
  topica_s=$(seconds "$start")
  topica_acc=$("$topica" classify test "$work/topica.model" --corpus "$work/test.tsv" --label-column label \
    --text-column text --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['accuracy'])")
  start=$(date +%s.%N)
  fasttext supervised -input "$work/train.ft" -output "$work/ft" -dim 100 -epoch "$epochs" -lr 0.1 -wordNgrams 1 \
    -minCount 1 -loss softmax -thread 2 -verbose 0
  fasttext_s=$(seconds "$start")
  fasttext_acc=$(fasttext test "$work/ft.bin" "$work/test.ft" | awk '$1 == "P@1" {print $2}')
  python3 - "$name/e$epochs" "$(wc -l < "$work/train.ft")" "$(wc -l < "$work/test.ft")" "$topica_acc" "$fasttext_acc" \
    "$topica_s" "$fasttext_s" <<'PY'
import sys
name, train, test = sys.argv[1:4]
t, f, ts, fs = map(float, sys.argv[4:8])
print(f"{name:15} train {train:>6} test {test:>5}  accuracy topica {100*t:6.2f}%  fasttext {100*f:6.2f}%  "
      f"diff {100*(t-f):+5.2f} pts   train s topica {ts:6.2f}  fasttext {fs:6.2f}  ratio {fs/ts:5.2f}x")
PY
done

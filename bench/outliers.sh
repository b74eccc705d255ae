#!/usr/bin/env bash
# reduce-outliers on the Debian corpus (issue 6, "Done when": < 5% outliers with the embeddings
# strategy while NMI against the Debian Sections drops by no more than 0.02).
#
# The Debian demo corpus (topica corpus debian; labels: the packages' Sections) is fitted once
# with topica's built-in LSA embedder and BERTopic's defaults (--threads THREADS, seed 42). Then
# `reduce-outliers --strategy embeddings --threshold T --out ...` runs for each T of the curve
# (default 0 0.1 0.2 0.3 0.4 0.5 0.6): outlier share and NMI (scikit-learn, all documents, the
# outlier topic -1 counted as its own class, as bench/topics.sh) before and after, the drop, and
# whether both targets hold. The threshold chosen is the lowest of the curve (fewest outliers) whose
# NMI drop is <= 0.02; the verdict line names it.
#
# Usage: bench/outliers.sh [BUILD_DIR]      (default: build)
# Environment: THREADS (default 2); OUTLIERS_WORK (default BUILD_DIR/bench-outliers);
#              OUTLIERS_THRESHOLDS (default "0 0.1 0.2 0.3 0.4 0.5 0.6").
# Needs Debian's python3-sklearn (/usr/bin/python3).
set -euo pipefail

build=${1:-build}
threads=${THREADS:-2}
topica="$build/bin/topica"
work=${OUTLIERS_WORK:-$build/bench-outliers}
thresholds=${OUTLIERS_THRESHOLDS:-0 0.1 0.2 0.3 0.4 0.5 0.6}
if [[ ! -x $topica ]]; then
  echo "outliers.sh: $topica not found; build it: cmake --build $build --target topica_cli" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  echo "outliers.sh: needs scikit-learn for /usr/bin/python3 (apt install python3-sklearn)" >&2
  exit 1
fi
mkdir -p "$work"
corpus="$work/debian.jsonl"
[[ -s $corpus ]] || "$topica" corpus debian --output "$corpus"
model="$work/debian.model"
if [[ ! -f $model/documents.csv || $corpus -nt $model/documents.csv || $topica -nt $model/documents.csv ]]; then
  rm -rf "$model"
  echo "outliers.sh: fitting the Debian corpus (built-in LSA embedder, --threads $threads) ..." >&2
  "$topica" fit --corpus "$corpus" --out "$model" --threads "$threads" >/dev/null
fi

# score CSV: outlier share and NMI of documents.csv against the corpus' classes.
score() {
  /usr/bin/python3 - "$corpus" "$1" <<'PY'
import csv, json, sys
from sklearn.metrics import normalized_mutual_info_score
classes = [json.loads(line)['class'] for line in open(sys.argv[1], encoding='utf-8')]
topics = [int(r['topic']) for r in csv.DictReader(open(sys.argv[2], encoding='utf-8'))]
assert len(topics) == len(classes), (len(topics), len(classes))
print(f'{sum(t == -1 for t in topics) / len(topics):.4f} {normalized_mutual_info_score(classes, topics):.4f}')
PY
}

read -r share0 nmi0 < <(score "$model/documents.csv")
docs=$(($(wc -l <"$model/documents.csv") - 1))
echo "Debian corpus: $docs documents, fitted with the built-in LSA embedder; Sections are the labels"
printf '%-10s %10s %8s %9s %10s %8s\n' threshold outliers NMI 'NMI drop' reassigned seconds
printf '%-10s %9.2f%% %8.4f %9s %10s %8s\n' before "$(awk -v s="$share0" 'BEGIN{print 100*s}')" "$nmi0" - - -
chosen=""
for t in $thresholds; do
  out="$work/reduced-$t.model"
  rm -rf "$out"
  start=$(date +%s.%N)
  line=$("$topica" reduce-outliers "$model" --strategy embeddings --threshold "$t" --out "$out" --threads "$threads" 2>/dev/null)
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  read -r share nmi < <(score "$out/documents.csv")
  drop=$(awk -v a="$nmi0" -v b="$nmi" 'BEGIN{printf "%.4f", a-b}')
  printf '%-10s %9.2f%% %8.4f %9s %10s %8s\n' "$t" "$(awk -v s="$share" 'BEGIN{print 100*s}')" "$nmi" "$drop" \
    "${line%% of *}" "$secs"
  if [[ -z $chosen ]] && awk -v d="$drop" 'BEGIN{exit !(d <= 0.02)}'; then chosen="$t $share $drop"; fi
done
if [[ -z $chosen ]]; then
  echo "verdict: no threshold of the curve keeps the NMI drop <= 0.02"
else
  read -r t share drop <<<"$chosen"
  ok=$(awk -v s="$share" 'BEGIN{print (s < 0.05) ? "met" : "NOT met"}')
  echo "verdict: threshold $t (the lowest with NMI drop $drop <= 0.02; a negative drop is a rise) leaves $(awk -v s="$share" 'BEGIN{printf "%.2f", 100*s}')% outliers: < 5% target $ok"
fi

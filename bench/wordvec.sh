#!/usr/bin/env bash
# Word embeddings side by side (issue 9): topica vs gensim (Debian python3-gensim) vs Debian's
# fasttext on the Debian package-description corpus (topica corpus debian), tokenized ONCE by
# topica (topica wordvec tokenize: one document per line) so every tool reads the same tokens.
# dim 100, window 5, 5 epochs, min_count 5, negative 5, sample 1e-3, 2 threads; the same starting
# learning rate for every tool (0.025 skip-gram, 0.05 CBOW and fastText's subword mode).
#
# Throughput: corpus words x epochs per second of training, by the wall clock and per CPU second
# (all threads' CPU time: on an idle machine that is words/s/thread; on a shared one it is the
# figure that stays comparable). Training time: topica's own report (tokens already in memory),
# gensim's model.train() (its CPU time includes the thread that feeds the workers), fasttext's
# whole process (it also reads the file and counts words, ~1 s). The reference runs are kept in
# $work and reused: remove the folder to rerun them.
# Quality: gensim's evaluate_word_analogies
# (questions-words) and evaluate_word_pairs (WS-353, SimLex-999) on every tool's vectors (so
# topica's files are loaded by gensim too), and topica's own `wordvec eval` on topica's vectors.
# The corpus is small (~4M tokens) and technical, so analogy accuracies are low in absolute terms
# (most capital/family questions are out of vocabulary): compare the tools relative to each other.
#
# Usage: bench/wordvec.sh BUILD_DIR     (scripts/install-bench-deps installs gensim and fasttext)
set -euo pipefail
build=${1:-build}
topica=$build/bin/topica
here=$(cd "$(dirname "$0")" && pwd)
work=${WORDVEC_WORK:-$build/bench-wordvec}
eval_dir=${WORDVEC_EVAL:-$here/../../shared/data/wordvec_eval}
threads=2
mkdir -p "$work"
python=/usr/bin/python3

[ -s "$work/debian.jsonl" ] || "$topica" corpus debian --output "$work/debian.jsonl"
[ -s "$work/tokens.txt" ] || "$topica" wordvec tokenize --corpus "$work/debian.jsonl" --language en --output "$work/tokens.txt"
tokens=$(wc -w < "$work/tokens.txt")
echo "corpus: $(wc -l < "$work/tokens.txt") documents, $tokens tokens ($work/tokens.txt)"

# Each run leaves "WALL_SECONDS CPU_SECONDS" in $work/NAME.time.
topica_train() {  # NAME ARGS...: topica's own report of its training time (the corpus already in memory)
  local name=$1; shift
  "$topica" wordvec train --corpus "$work/tokens.txt" "${common[@]}" "$@" 2> "$work/$name.log"
  sed -n 's/.*trained .* in \([0-9.]*\) s, \([0-9.]*\) CPU s.*/\1 \2/p' "$work/$name.log" > "$work/$name.time"
}
fasttext_train() {  # NAME MODE ARGS...: the whole fasttext process (it also reads the file, ~1 s)
  local name=$1 mode=$2; shift 2
  [ -s "$work/$name.time" ] && [ -s "$work/$name.vec" ] && return  # the references do not change: rm -r $work to rerun
  /usr/bin/time -f "%e %U %S" -o "$work/$name.raw" fasttext "$mode" -input "$work/tokens.txt" -output "$work/$name" \
      -dim 100 -ws 5 -epoch 5 -minCount 5 -neg 5 -t 1e-3 -thread $threads -verbose 0 "$@" > /dev/null
  awk '{print $1, $2 + $3}' "$work/$name.raw" > "$work/$name.time"
}
gensim_train() {  # NAME sg|cbow ALPHA: gensim's model.train() alone
  [ -s "$work/$1.time" ] && [ -s "$work/$1.txt" ] && return
  $python "$here/wordvec_reference.py" train "$work/tokens.txt" "$2" "$3" $threads "$work/$1.txt" |
      $python -c "import json,sys; r=json.load(sys.stdin); print(r['seconds'], r['cpu_seconds'])" > "$work/$1.time"
}

common=(--dim 100 --window 5 --min-count 5 --epochs 5 --negative 5 --sample 1e-3 --tokenized)
topica_train topica_skipgram --algo skipgram --alpha 0.025 --threads $threads --output "$work/topica_skipgram.txt"
gensim_train gensim_skipgram sg 0.025
fasttext_train fasttext_skipgram skipgram -lr 0.025 -minn 0 -maxn 0
topica_train topica_cbow --algo cbow --alpha 0.05 --threads $threads --output "$work/topica_cbow.txt"
gensim_train gensim_cbow cbow 0.05
fasttext_train fasttext_cbow cbow -lr 0.05 -minn 0 -maxn 0
topica_train topica_subword --algo fasttext --arch skipgram --alpha 0.05 --threads $threads --output "$work/topica_subword.vec"
fasttext_train fasttext_subword skipgram -lr 0.05 -minn 3 -maxn 6
rm -f "$work"/fasttext_*.bin  # the subword model is ~800 MB

echo
echo "== throughput: corpus words x 5 epochs per second of wall time ($threads threads) and per CPU second =="
echo "   (words per CPU second = words/s/thread on an otherwise idle machine; wall time suffers when it is shared)"
$python - "$work" "$tokens" <<'PY'
import sys
work, tokens = sys.argv[1], int(sys.argv[2])
words = tokens * 5
def rates(name):
    try:
        wall, cpu = map(float, open(f"{work}/{name}.time").read().split())
    except (OSError, ValueError):
        return None
    return words / wall, words / cpu
for algo in ("skipgram", "cbow", "subword"):
    r = {tool: rates(f"{tool}_{algo}") for tool in ("topica", "gensim", "fasttext")}
    for tool, v in r.items():
        if v:
            print(f"{algo:<9} {tool:<9} {v[0]:>12,.0f} words/s  {v[1]:>12,.0f} words/CPU s")
    t = r["topica"]
    for ref in ("fasttext", "gensim"):
        if t and r[ref]:
            print(f"{algo:<9} topica / {ref}: {t[0] / r[ref][0]:.2f}x wall, {t[1] / r[ref][1]:.2f}x per CPU second")
PY

echo
echo "== quality: gensim's evaluate_word_analogies / evaluate_word_pairs on each tool's vectors =="
files=()
for f in topica_skipgram.txt gensim_skipgram.txt fasttext_skipgram.vec topica_cbow.txt gensim_cbow.txt fasttext_cbow.vec \
         topica_subword.vec fasttext_subword.vec; do files+=("$work/$f"); done
$python "$here/wordvec_reference.py" eval "$eval_dir/questions-words.txt" "$eval_dir/EN-WS-353-ALL.txt" \
    "$eval_dir/EN-SIMLEX-999.txt" -- "${files[@]}" | $python -c "
import json, sys
print(f'{\"vectors\":<24} {\"words\":>7} {\"analogy\":>8} {\"WS-353\":>8} {\"SimLex\":>8}')
for line in sys.stdin:
    r = json.loads(line)
    print(f'{r[\"file\"].rsplit(\"/\",1)[-1]:<24} {r[\"words\"]:>7} {100*r[\"analogy\"]:>7.2f}% {r[\"EN-WS-353-ALL.txt\"][\"spearman\"]:>8.4f} {r[\"EN-SIMLEX-999.txt\"][\"spearman\"]:>8.4f}')"

echo
echo "== topica's own eval on topica_skipgram.txt (should equal gensim's line above) =="
"$topica" wordvec eval "$work/topica_skipgram.txt" --analogies "$eval_dir/questions-words.txt" \
    --similarity "$eval_dir/EN-WS-353-ALL.txt" "$eval_dir/EN-SIMLEX-999.txt" | tail -3

echo
echo "== topica's text and binary files load in gensim with identical values (--threads 1 --seed 1 twice) =="
for kind in text binary; do
  "$topica" wordvec train --corpus "$work/tokens.txt" --algo cbow --alpha 0.05 "${common[@]}" --threads 1 --seed 1 \
      --output "$work/topica_t1.$kind" $([ $kind = binary ] && echo --binary) 2>/dev/null
done
$python -c "
import sys, numpy as np
from gensim.models import KeyedVectors
t = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False)
b = KeyedVectors.load_word2vec_format(sys.argv[2], binary=True)
same = t.index_to_key == b.index_to_key and np.array_equal(t.vectors.view(np.uint32), b.vectors.view(np.uint32))
print('%d words x %d: text and binary identical in gensim: %s' % (t.vectors.shape + (same,)))
" "$work/topica_t1.text" "$work/topica_t1.binary"

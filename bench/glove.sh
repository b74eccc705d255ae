#!/usr/bin/env bash
# GloVe quality (issue 9, item 1): topica wordvec train --algo glove on the Debian package-description corpus
# (`topica corpus debian`, about 3.9M tokens) beside gensim's Word2Vec CBOW on the same tokens,
# both scored by gensim's evaluate_word_analogies on questions-words.txt (../shared/data/wordvec_eval).
# The corpus goes through `topica text segment --language none` once; both trainers read that
# token file (one document per line). GloVe: Stanford's defaults (dim 100, window 10, min-count 5,
# 25 epochs, x_max 100, alpha 0.75); CBOW: gensim's (dim 100, window 5, min_count 5, 5 epochs).
# Both on 2 threads. Target: GloVe within 5 points of CBOW. Prints accuracies and training seconds.
# Usage: bench/glove.sh [BUILD_DIR] [EPOCHS]   (writes nothing in the repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
topica=${1:-$root/build}/bin/topica
epochs=${2:-25}
questions=$root/../shared/data/wordvec_eval/questions-words.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$topica" corpus debian --output "$work/debian.jsonl" 2> /dev/null
/usr/bin/python3 -c "
import json, sys
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for line in open(sys.argv[1], encoding='utf-8'):
        out.write(' '.join(json.loads(line)['text'].split()) + '\n')" "$work/debian.jsonl" "$work/texts.txt"
"$topica" text segment --language none "$work/texts.txt" > "$work/tokens.txt"
echo "corpus: $(wc -l < "$work/tokens.txt") documents, $(wc -w < "$work/tokens.txt") tokens"

start=$(date +%s.%N)
"$topica" wordvec train --algo glove --corpus "$work/tokens.txt" --input-format text --language none --output "$work/glove.txt" \
  --dim 100 --window 10 --min-count 5 --epochs "$epochs" --threads 2 2> "$work/glove.log"
glove_s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
grep -E "epoch (1|$epochs):" "$work/glove.log" | sed 's/^/  /'

/usr/bin/python3 - "$work" "$questions" "$glove_s" "$epochs" <<'PY'
import logging, sys, time
from gensim.models import KeyedVectors, Word2Vec
from gensim.models.word2vec import LineSentence
work, questions, glove_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
logging.disable(logging.WARNING)
glove = KeyedVectors.load_word2vec_format(f"{work}/glove.txt")
start = time.time()
cbow = Word2Vec(LineSentence(f"{work}/tokens.txt"), vector_size=100, window=5, min_count=5, workers=2, sg=0,
                epochs=5, seed=1)
cbow_s = time.time() - start
scores = {}
for name, vectors in (("GloVe (topica)", glove), ("CBOW (gensim)", cbow.wv)):
    accuracy, sections = vectors.evaluate_word_analogies(questions)
    total = sections[-1]
    scores[name] = 100 * accuracy
    print(f"{name:15} vocab {len(vectors):6}  analogy accuracy {100 * accuracy:5.2f}% "
          f"({len(total['correct'])}/{len(total['correct']) + len(total['incorrect'])} questions in vocabulary)")
print(f"training seconds: topica GloVe {glove_s:.1f} (vocabulary, counting, {sys.argv[4]} epochs; 2 threads), "
      f"gensim CBOW {cbow_s:.1f} (5 epochs; 2 workers)")
diff = scores["GloVe (topica)"] - scores["CBOW (gensim)"]
print(f"GloVe - CBOW: {diff:+.2f} points (target: >= -5)")
PY

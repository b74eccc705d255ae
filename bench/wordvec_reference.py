#!/usr/bin/env python3
"""gensim's side of bench/wordvec.sh (Debian python3-gensim).

  wordvec_reference.py train TOKENS sg|cbow ALPHA THREADS OUT.txt
      Word2Vec on TOKENS (one document per line, space-separated tokens, as topica tokenized it),
      dim 100, window 5, min_count 5, 5 epochs, negative 5, sample 1e-3; prints JSON with the
      wall and CPU seconds model.train() took and the corpus words it read.
  wordvec_reference.py eval QUESTIONS PAIRS... -- VECTORS...
      gensim's evaluate_word_analogies and evaluate_word_pairs on each vectors file (word2vec
      text or binary by extension .bin); prints one JSON line per file.
"""
import json
import resource
import sys
import time

from gensim.models import KeyedVectors, Word2Vec


class Lines:
    def __init__(self, path):
        self.path = path

    def __iter__(self):
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                yield line.split()


def train(tokens, arch, alpha, threads, out):
    sentences = Lines(tokens)
    model = Word2Vec(vector_size=100, window=5, min_count=5, sg=1 if arch == "sg" else 0, negative=5, hs=0,
                     sample=1e-3, alpha=float(alpha), min_alpha=1e-4, workers=int(threads), seed=1)
    model.build_vocab(sentences)
    def cpu():
        usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of the process
        return usage.ru_utime + usage.ru_stime

    start, cpu_start = time.perf_counter(), cpu()
    model.train(sentences, total_examples=model.corpus_count, epochs=5)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - cpu_start
    model.wv.save_word2vec_format(out)
    words = sum(len(s) for s in sentences)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "corpus_words": words, "vocabulary": len(model.wv)}))


def evaluate(args):
    split = args.index("--")
    questions, pairs, files = args[0], args[1:split], args[split + 1:]
    for path in files:
        kv = KeyedVectors.load_word2vec_format(path, binary=path.endswith(".bin"))
        accuracy, _ = kv.evaluate_word_analogies(questions)
        row = {"file": path, "words": len(kv), "analogy": accuracy}
        for p in pairs:
            (pearson, _), (spearman, _), oov = kv.evaluate_word_pairs(p)
            row[p.rsplit("/", 1)[-1]] = {"spearman": float(spearman), "oov_percent": float(oov)}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(*sys.argv[2:7])
    else:
        evaluate(sys.argv[2:])

#!/usr/bin/python3
"""Document embeddings for benchmarks, by the recipe of ../shared/reference/README.md.

Reads a JSONL corpus (one object per line with a text field and, optionally, a class field; by
default "text" and "class", as written by `topica corpus debian --output build/demo/debian.jsonl`;
the ../shared/data/ corpora use --class-field label) and writes

    TF-IDF (sublinear_tf, min_df 2, English stop words or none)
      -> TruncatedSVD(384, random_state 0)
      -> L2 normalisation
      -> float32 .npy, one row per input line, in file order

which is how the reference fixtures' embeddings were made (scikit-learn 1.2 defaults otherwise:
randomized SVD with 5 power iterations), and how ../shared/reference/bertopic/README.md made the
embeddings of its ../shared/data/ runs (English stop words for English corpora, none for Korean).
Optionally writes the classes beside it, one per line.

Usage: bench/make_debian_embeddings.py CORPUS.jsonl OUTPUT.npy [--dim 384] [--classes FILE]
           [--text-field text] [--class-field class] [--stop-words english|none]
Needs Debian's python3-sklearn (/usr/bin/python3).
"""
import argparse
import json
import sys
import time

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize


def read_corpus(path, text_field, class_field):
    texts, classes = [], []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f'{path}: line {number}: not JSON ({e})')
            if text_field not in row:
                sys.exit(f'{path}: line {number}: no field "{text_field}" (see --text-field)')
            texts.append(row[text_field])
            value = row.get(class_field, '')
            classes.append(str(value).replace('\n', ' '))
    return texts, classes


def embed(texts, dim, stop_words):
    tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words=stop_words).fit_transform(texts)
    reduced = TruncatedSVD(n_components=dim, random_state=0).fit_transform(tfidf)
    return normalize(reduced).astype(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('corpus', help='JSONL corpus (topica corpus debian --output ...)')
    parser.add_argument('output', help='.npy file to write (float32, rows x dim)')
    parser.add_argument('--dim', type=int, default=384, help='SVD components (default 384)')
    parser.add_argument('--classes', help='also write the class of each row, one per line')
    parser.add_argument('--text-field', default='text', help='JSON field holding the text (default text)')
    parser.add_argument('--class-field', default='class', help='JSON field holding the class (default class)')
    parser.add_argument('--stop-words', choices=['english', 'none'], default='english',
                        help='TF-IDF stop words: english (default) or none (e.g. for Korean)')
    args = parser.parse_args()

    start = time.perf_counter()
    texts, classes = read_corpus(args.corpus, args.text_field, args.class_field)
    if len(texts) <= args.dim:
        sys.exit(f'{args.corpus}: {len(texts)} documents, need more than --dim {args.dim}')
    embeddings = embed(texts, args.dim, None if args.stop_words == 'none' else args.stop_words)
    np.save(args.output, embeddings)
    if args.classes:
        with open(args.classes, 'w', encoding='utf-8') as f:
            f.writelines(c + '\n' for c in classes)
    print(f'make_debian_embeddings: {embeddings.shape[0]} x {embeddings.shape[1]} float32 -> {args.output} '
          f'({time.perf_counter() - start:.1f} s)', file=sys.stderr)


if __name__ == '__main__':
    main()

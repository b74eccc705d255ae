#!/usr/bin/env python3
"""Writes tests/fixtures/wordvec/: word vectors saved by gensim (Debian python3-gensim 4.2),
in word2vec text and binary, and the values they hold as JSON, so the C++ tests can check that
topica reads gensim's files exactly.

Usage: /usr/bin/python3 scripts/make_wordvec_fixtures.py [OUT_DIR]
"""
import json
import os
import sys

import numpy as np
from gensim.models import KeyedVectors

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "wordvec")
os.makedirs(out, exist_ok=True)
words = ["king", "queen", "man", "woman", "über", "東京", "x"]
rng = np.random.default_rng(20261126)
values = rng.standard_normal((len(words), 5)).astype(np.float32)
values[2, 0] = 1e-8     # tiny, negative and integral values exercise the text format
values[3, 1] = -123.5
values[4, 2] = 3.0
kv = KeyedVectors(vector_size=5)
kv.add_vectors(words, values)
kv.save_word2vec_format(os.path.join(out, "gensim_text.txt"), binary=False)
kv.save_word2vec_format(os.path.join(out, "gensim_binary.bin"), binary=True)
with open(os.path.join(out, "gensim_values.json"), "w", encoding="utf-8") as f:
    json.dump({"words": words, "vectors": [[float(x) for x in row] for row in values]}, f, ensure_ascii=False)

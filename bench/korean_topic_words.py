#!/usr/bin/env python3
"""Figures of bench/korean.sh for one fitted model folder: the share of Hangul top-10 topic
words that are stem + particle where the stem also occurs in the corpus alone or with another
particle, topics showing two surface forms of one stem, and NMI against the corpus labels.

Independent of topica's analyzer: the corpus is read as whitespace eojeols and a short list
of common particles. A word that itself occurs with particles (증가를, 합의가) is a noun and is
not counted. Usage: korean_topic_words.py MODEL_DIR CORPUS_JSONL
"""
import collections, csv, json, re, sys
from sklearn.metrics import normalized_mutual_info_score

PARTICLES = ["에서는", "에서도", "에게는", "으로는", "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "에는",
             "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만"]
HANGUL = re.compile(r"^[가-힣]+$")

model, corpus = sys.argv[1], sys.argv[2]
docs = [json.loads(line) for line in open(corpus, encoding="utf-8")]
eojeols = collections.Counter(w for d in docs for w in re.findall(r"[가-힣]+", d["text"]))

def with_particle(stem):
    return [p for p in PARTICLES if eojeols.get(stem + p, 0) > 0]

def split(word):
    """(stem, particle) when word = stem + particle with the stem alone or with another particle."""
    if not HANGUL.match(word) or len(with_particle(word)) > 0:
        return None  # not Hangul, or a noun in its own right (증가 → 증가를)
    for p in PARTICLES:
        stem = word[: -len(p)]
        if word.endswith(p) and stem and (eojeols.get(stem, 0) > 0 or set(with_particle(stem)) - {p}):
            return stem, p
    return None

topics = [t for t in json.load(open(f"{model}/topics.json", encoding="utf-8")) if t["id"] != -1]
hangul = flagged = doubled = 0
for t in topics:
    words = [w for w, _ in t["words"][:10]]
    stems = collections.Counter()
    for w in words:
        if HANGUL.match(w):
            hangul += 1
            s = split(w)
            flagged += s is not None
            stems[s[0] if s else w] += 1
    doubled += any(n > 1 for n in stems.values())
rows = list(csv.DictReader(open(f"{model}/documents.csv", encoding="utf-8")))
pred = [int(r["topic"]) for r in rows]
labels = [d["label_id"] for d in docs][: len(pred)]
print(f"topics={len(topics)} hangul_top10_words={hangul} stem+particle={flagged} "
      f"({100.0 * flagged / max(hangul, 1):.2f}%) topics_with_two_forms={doubled} "
      f"outliers={sum(p == -1 for p in pred)} NMI={normalized_mutual_info_score(labels, pred):.4f}")

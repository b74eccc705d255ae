"""Reference values for tests/topics/topic_reduction_test.cpp and topic_hierarchy_test.cpp,
computed independently of topica with scikit-learn and scipy, the way BERTopic 0.17 computes them:
  - reduce_topics(nr_topics): AgglomerativeClustering(n, metric="precomputed", linkage="average")
    on 1 - cosine_similarity(topic embeddings), diagonal zeroed;
  - hierarchical_topics: scipy's linkage(squareform(1 - cosine_similarity(c-TF-IDF rows)), "ward")
    and, per merge, the c-TF-IDF words of the summed counts of the merged topics' documents.
A small synthetic corpus (12 topics of distinct sizes plus outliers) is written with the values.
Run from the repository root with Debian's /usr/bin/python3 (numpy 1.24, scipy 1.10, sklearn 1.2):
    /usr/bin/python3 scripts/make_topic_reduction_fixtures.py
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import normalize

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'topic_reduction',
                   'reference.json')
rng = np.random.default_rng(6)
TOPICS, DIM = 12, 6
shared = [f'common{j}' for j in range(10)]
# Topics come in families (pairs of neighbouring groups share words and embedding directions), so
# the trees have structure worth cutting.
family_words = [[f'fam{f}w{j}' for j in range(6)] for f in range(TOPICS // 2)]
family_centers = rng.standard_normal((TOPICS // 2, DIM)) * 2

documents, labels, embeddings = [], [], []
for g in range(TOPICS):
    own = [f'g{g}t{j}' for j in range(8)]
    center = family_centers[g // 2] + rng.standard_normal(DIM)
    for _ in range(6 + 2 * g):  # distinct sizes: topic ids are known after renumbering by size
        words = list(rng.choice(own, 5)) + list(rng.choice(family_words[g // 2], 2)) + list(rng.choice(shared, 2))
        documents.append(' '.join(words))
        labels.append(g)
        embeddings.append(center + 0.3 * rng.standard_normal(DIM))
for _ in range(5):
    documents.append(' '.join(rng.choice(shared, 4)))
    labels.append(-1)
    embeddings.append(rng.standard_normal(DIM))
# Multiples of 1/256: exact in float32 and short in JSON.
embeddings = (np.round(np.asarray(embeddings) * 256) / 256).astype(np.float32)
labels = np.asarray(labels)

# Topic ids by size, largest first: group g becomes topic TOPICS - 1 - g.
topics = np.where(labels < 0, -1, TOPICS - 1 - labels)
topic_embeddings = np.stack([embeddings[topics == t].astype(np.float64).mean(axis=0) for t in range(TOPICS)])
topic_embeddings = topic_embeddings.astype(np.float32)

distance = 1 - cosine_similarity(topic_embeddings.astype(np.float64))
np.fill_diagonal(distance, 0)
reduce_cuts = {}
for n in (2, 4, 7):
    model = AgglomerativeClustering(n_clusters=n, metric='precomputed', linkage='average').fit(distance)
    reduce_cuts[str(n)] = model.labels_.tolist()

# c-TF-IDF as BERTopic's ClassTfidfTransformer: one joined document per topic (-1 first).
joined = [' '.join(d for d, t in zip(documents, topics) if t == topic) for topic in range(-1, TOPICS)]
vectorizer = CountVectorizer().fit(joined)
counts = vectorizer.transform(joined)
words = vectorizer.get_feature_names_out()
df = np.asarray(counts.sum(axis=0)).ravel()
average = int(counts.sum(axis=1).mean())
idf = np.log(1 + average / df)


def ctfidf(c):
    return csr_matrix(normalize(csr_matrix(c), axis=1, norm='l1').multiply(idf))


rows = ctfidf(counts)[1:].toarray()
hier_distance = 1 - cosine_similarity(rows)
np.fill_diagonal(hier_distance, 0)
z = linkage(squareform(hier_distance, checks=False), 'ward')

leaves = {i: [i] for i in range(TOPICS)}
nodes = []
for i, (a, b, d, size) in enumerate(z):
    under = sorted(leaves[int(a)] + leaves[int(b)])
    leaves[TOPICS + i] = under
    summed = counts[1:][under].sum(axis=0)
    scores = np.asarray(ctfidf(np.asarray(summed)).todense()).ravel()
    best = np.argsort(-scores, kind='stable')[:5]
    nodes.append({'topics': under, 'words': [[str(words[j]), float(scores[j])] for j in best]})

with open(OUT, 'w') as f:
    json.dump({'versions': {'numpy': np.__version__, 'scipy': scipy.__version__, 'sklearn': sklearn.__version__},
               'documents': documents, 'labels': labels.tolist(), 'embeddings': embeddings.tolist(),
               'topic_embeddings': topic_embeddings.tolist(), 'reduce_cuts': reduce_cuts,
               'ward_linkage': z.tolist(), 'hierarchy_nodes': nodes}, f)
    f.write('\n')
print(f'wrote {OUT}: {len(documents)} documents, {TOPICS} topics')

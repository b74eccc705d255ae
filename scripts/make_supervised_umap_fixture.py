#!/usr/bin/python3
"""Writes tests/fixtures/umap/supervised_reference.json: what umap-learn 0.5.3 (Debian's umap-learn
package, scripts/install-bench-deps) makes of a small labelled input under supervised UMAP with a
categorical target, for tests/reduce/umap/categorical_target_test.cpp.

The input is 36 points in 5-d (three loose clusters), labels that mostly follow the clusters with
a few unlabelled (-1) and a few contrary points, the exact 6-NN lists, and the graph that
UMAP(n_neighbors=6, target_metric="categorical", target_weight=w).fit(X, y) builds before its
layout, for w = 0.5 (BERTopic's guided topics: far distance 5) and w = 0.8.

Run from the repository root: /usr/bin/python3 scripts/make_supervised_umap_fixture.py
"""
import json
import warnings

import numpy as np
from sklearn.neighbors import NearestNeighbors

warnings.filterwarnings('ignore')
import umap  # noqa: E402
from umap.umap_ import discrete_metric_simplicial_set_intersection, fuzzy_simplicial_set  # noqa: E402

rng = np.random.RandomState(11)
centers = rng.normal(scale=3.0, size=(3, 5))
cluster = rng.randint(0, 3, size=36)
X = (centers[cluster] + rng.normal(size=(36, 5))).astype(np.float32)
y = cluster.copy()
y[rng.choice(36, size=8, replace=False)] = -1           # unlabelled
contrary = rng.choice(np.where(y >= 0)[0], size=4, replace=False)
y[contrary] = (y[contrary] + 1) % 3                      # labelled against their cluster
K = 6

nn = NearestNeighbors(n_neighbors=K, algorithm='brute').fit(X)
dist, ind = nn.kneighbors(X)
assert all(ind[i, 0] == i for i in range(len(X))), 'each point must be its own first neighbour'
dist = dist.astype(np.float32)


def short(a):
    """float32 values to 9 significant digits (exact for float32), to keep the file small."""
    return np.vectorize(lambda v: float('%.9g' % v), otypes=[object])(np.asarray(a)).tolist()


cases = []
for weight in (0.5, 0.8):
    far = 2.5 * (1.0 / (1.0 - weight))  # UMAP.fit's far_dist for target_metric="categorical"
    graph, _, _ = fuzzy_simplicial_set(X, K, np.random.RandomState(0), 'euclidean', knn_indices=ind, knn_dists=dist)
    graph = discrete_metric_simplicial_set_intersection(graph, y, far_dist=far).tocsr()
    graph.sort_indices()
    # The same graph from UMAP.fit itself (exact neighbours below 4,096 points). Its layout step
    # zeroes weak edges in place, so compare the edges it kept.
    fitted = umap.UMAP(n_neighbors=K, target_metric='categorical', target_weight=weight, random_state=0,
                       n_epochs=50).fit(X, y).graph_.tocsr()
    kept = fitted.multiply(fitted > 0).tocoo()
    assert np.allclose(graph[kept.row, kept.col].A1, kept.data), 'UMAP.fit built another graph'
    coo = graph.tocoo()
    cases.append({'target_weight': weight, 'far_distance': far, 'rows': coo.row.tolist(), 'cols': coo.col.tolist(),
                  'weights': short(coo.data)})

out = {
    'source': 'scripts/make_supervised_umap_fixture.py: umap-learn 0.5.3',
    'n_neighbors': K,
    'x': short(X),
    'labels': y.tolist(),
    'knn_indices': ind.tolist(),
    'knn_distances': short(dist),
    'cases': cases,
}
with open('tests/fixtures/umap/supervised_reference.json', 'w') as f:
    json.dump(out, f, separators=(',', ':'))

"""Writes reference fixtures for the Datasets tests from scikit-learn.

Run with: /tmp/venv/bin/python scripts/make_datasets_fixtures.py
Output:   Tests/DatasetsTests/Fixtures/stratified_kfold.json
          {"sklearn": version, "cases": [{"name", "labels", "k", "test_fold"}]}
where test_fold[i] is the fold (0..k-1) in which row i is a test row for
StratifiedKFold(n_splits=k, shuffle=False).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "DatasetsTests", "Fixtures", "stratified_kfold.json")

rng = np.random.RandomState(7)
label_vectors = {
    "iris": load_iris().target.tolist(),
    # Imbalanced, classes first seen in the order 2, 0, 1 (not sorted).
    "imbalanced_unsorted": [2, 2, 0, 1, 1, 1, 0, 2, 1, 1, 1, 1, 0, 1, 2, 1, 1, 0, 1, 1, 1, 2, 1, 1, 1, 0, 1],
    # Random labels with a rare class (3 rows): fewer than k rows for k = 5, 10 (sklearn warns).
    "random_with_rare_class": rng.choice([5, 1, 3], size=60, p=[0.6, 0.35, 0.05]).tolist() + [7, 7, 7],
    # Two classes, interleaved blocks.
    "binary_blocks": ([1] * 7 + [0] * 3) * 4 + [0] * 5,
}

cases = []
for name, labels in label_vectors.items():
    y = np.asarray(labels)
    for k in (2, 3, 5, 10):
        if k > len(y) or np.all(k > np.bincount(np.unique(y, return_inverse=True)[1])):
            continue
        test_fold = np.full(len(y), -1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for fold, (_, test) in enumerate(StratifiedKFold(n_splits=k, shuffle=False).split(np.zeros(len(y)), y)):
                test_fold[test] = fold
        assert (test_fold >= 0).all()
        cases.append({"name": name, "labels": [int(v) for v in labels], "k": k, "test_fold": test_fold.tolist()})

with open(OUT, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {OUT}")

"""Reference neighbours from scikit-learn's KDTree for Tests/ModelsTests/KDTreeTests.swift.

    /tmp/venv/bin/python scripts/make_kdtree_fixtures.py

For every case, `KNeighborsClassifier(n_neighbors=1)` (algorithm="auto", leaf_size=30 unless the
case says otherwise) is fitted on each training split and asked for
`kneighbors(X_test, return_distance=False)`; the script asserts that scikit-learn chose
`_fit_method == "kd_tree"`, so the indices are the KD-tree's, ties included. Written to
Tests/ModelsTests/Fixtures/kdtree/<case>.json:

    x            all rows (the test and training rows of every split are taken from here)
    leaf_size    scikit-learn's leaf_size
    splits       [{"test": [...row...], "neighbors": [...index into the training rows...]}]
                 training rows = all rows not in "test", in ascending order
    tree_order   idx_array of the tree fitted on split 0's training rows
    node_count   its number of nodes
    k5           split 0 with n_neighbors=5: {"indices": [[...]], "distances": [[...]]}

Real datasets use 10-fold StratifiedKFold without shuffling on the class labels.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402

OUT = os.path.join(mfe_data.ROOT, "Tests", "ModelsTests", "Fixtures", "kdtree")


def knn(xtr, ytr, k=1, leaf_size=30, algorithm="auto"):
    model = KNeighborsClassifier(n_neighbors=k, leaf_size=leaf_size, algorithm=algorithm)
    model.fit(xtr, ytr)
    assert model._fit_method == "kd_tree", model._fit_method
    return model


def number(v):
    """Integers as ints (short JSON), other floats by repr (round-trips exactly)."""
    f = float(v)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def case(name, x, y, tests, leaf_size=30, algorithm="auto"):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.asarray(y)
    splits = []
    first = None
    for test in tests:
        test = np.asarray(test, dtype=np.int64)
        train = np.setdiff1d(np.arange(len(x)), test)
        model = knn(x[train], y[train], 1, leaf_size, algorithm)
        nb = model.kneighbors(x[test], return_distance=False)[:, 0]
        splits.append({"test": test.tolist(), "neighbors": nb.tolist()})
        if first is None:
            first = (train, test, model)
    train, test, model = first
    _, idx_array, node_data, _ = model._tree.get_arrays()
    k5 = knn(x[train], y[train], 5, leaf_size, algorithm)
    dist, ind = k5.kneighbors(x[test])
    out = {
        "name": name,
        "sklearn": sklearn.__version__,
        "leaf_size": leaf_size,
        "x": [[number(v) for v in row] for row in x],
        "splits": splits,
        "tree_order": idx_array.tolist(),
        "node_count": int(len(node_data)),
        "k5": {"indices": ind.tolist(), "distances": dist.tolist()},
    }
    with open(os.path.join(OUT, name + ".json"), "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
    ties = tie_count(x, splits)
    print(f"{name}: {x.shape[0]}x{x.shape[1]}, {len(splits)} split(s), "
          f"{sum(len(s['test']) for s in splits)} queries, {ties} with tied nearest")


def tie_count(x, splits):
    """Queries whose nearest distance is shared by more than one training row."""
    count = 0
    for s in splits:
        test = np.asarray(s["test"])
        train = np.setdiff1d(np.arange(len(x)), test)
        for start in range(0, len(test), 64):
            q = x[test[start:start + 64]]
            d = ((q[:, None, :] - x[train][None, :, :]) ** 2).sum(-1)
            m = d.min(1, keepdims=True)
            count += int(((d == m).sum(1) > 1).sum())
    return count


def holdout(n, n_test, rng):
    return [np.sort(rng.choice(n, n_test, replace=False))]


def folds(y, n=10):
    return [test for _, test in StratifiedKFold(n_splits=n).split(np.zeros(len(y)), y)]


def encoded(path, one_hot=False):
    """A KEEL file with categorical columns as integer codes (header order) or one-hot."""
    x, y, cat_cols = mfe_data.load(path)
    df = pd.DataFrame(x)
    cols = []
    for j in range(x.shape[1]):
        if j in cat_cols:
            codes, _ = pd.factorize(df[j], sort=True)
            if one_hot:
                cols.extend((codes == c).astype(float) for c in range(codes.max() + 1))
            else:
                cols.append(codes.astype(float))
        else:
            cols.append(df[j].astype(float).to_numpy())
    return np.column_stack(cols), y


def introselect_killer(n):
    """Values that push libstdc++'s nth_element (at n // 2) into its heap-select fallback."""
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "introselect_killer.cpp")
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "killer")
        subprocess.run(["g++", "-O1", "-o", exe, source], check=True)
        out = subprocess.run([exe, str(n), str(n // 2)], check=True, capture_output=True, text=True)
    return np.array([float(v) for v in out.stdout.split()])


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261126)

    # (a) continuous data
    x = rng.normal(size=(2500, 3))
    case("random_3d", x, rng.integers(0, 2, 2500), holdout(2500, 500, rng))
    x = rng.uniform(-1, 1, size=(1500, 8)) * rng.uniform(0.1, 10, size=8)
    case("random_8d", x, rng.integers(0, 3, 1500), holdout(1500, 300, rng))
    x = rng.normal(size=(800, 4))
    case("random_leaf5", x, rng.integers(0, 2, 800), holdout(800, 200, rng), leaf_size=5)

    # (b) heavily tied data
    x = rng.integers(0, 4, size=(3000, 4))
    case("grid_4d", x, rng.integers(0, 2, 3000), holdout(3000, 600, rng))
    x = rng.integers(0, 2, size=(2000, 12))
    case("binary_12", x, rng.integers(0, 2, 2000), holdout(2000, 400, rng))
    base = rng.normal(size=(300, 3)).round(1)
    x = base[rng.permutation(np.repeat(np.arange(300), 5))]
    case("duplicated_rows", x, rng.integers(0, 2, 1500), holdout(1500, 300, rng))
    x = np.column_stack([rng.integers(0, 3, 700), np.full(700, 2.5), rng.integers(0, 2, 700)])
    case("constant_column", x, rng.integers(0, 2, 700), holdout(700, 100, rng))
    x = rng.integers(0, 3, size=(91, 2))
    case("small_61", x, rng.integers(0, 2, 91), holdout(91, 30, rng))
    x = rng.integers(0, 2, size=(40, 3))
    case("single_leaf", x, rng.integers(0, 2, 40), holdout(40, 15, rng))
    # The first 2000 rows (the training rows) defeat median-of-3 at the root split; the
    # queries sit halfway between integers, each tied between two training points.
    train = introselect_killer(2000)
    queries = rng.integers(0, 2000, 300) + 0.5
    x = np.concatenate([train, queries])[:, None]
    case("introselect_killer", x, rng.integers(0, 2, 2300), [np.arange(2000, 2300)])

    # (c) bundled datasets, 10-fold stratified without shuffling
    x, y = encoded("datasets/keel-imbalanced/car-good.dat")
    case("car_good_ordinal", x, y, folds(y))
    x, y = encoded("datasets/keel/tic-tac-toe.dat")
    case("tic_tac_toe_ordinal", x, y, folds(y))
    x, y = encoded("datasets/keel/tic-tac-toe.dat", one_hot=True)
    case("tic_tac_toe_onehot", x, y, folds(y), algorithm="kd_tree")
    for name, path in [("banana", "datasets/keel/banana.dat"),
                       ("phoneme", "datasets/keel/phoneme.dat"),
                       ("marketing", "datasets/keel/marketing.dat")]:
        x, y = encoded(path)
        case(name, x, y, folds(y))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The decision-tree fits of the landmarking and model-based groups: scikit-learn's compiled
DecisionTreeClassifier against MetaProbe's (Benchmarks/tree-timing), same matrix, same folds,
same run.

Both fit, per repeat, what tree-timing times: 10 folds (training rows i mod 10 != f) of a
depth-1 tree on all columns and one on column 0 ("stumps"), then 10 folds of an unlimited tree
plus one on all rows ("full"), with random_state=0. The matrix is the dataset's columns with
categorical ones one-hot encoded (first level dropped) and every value rounded through float32,
as tree-timing builds it (bundled datasets after the fixtures' imputation have no missing
values). Categorical levels are ordered by name here and by code there, so on categorical data
(mushroom) the indicator columns may differ in order and in the level dropped: trees of the
same kind and size, not the same trees; numeric data (marketing, phoneme, banana) is the same. Times are process CPU seconds, medians of --repeat; the ratio is scikit-learn / ours
(> 1: ours is faster). It shows how much of pymfe's time on a dataset is scikit-learn's own
compiled tree code, which a 20x target must beat by 20x as well.

Usage:
    (cd Benchmarks && swift build -c release --product tree-timing)
    .venv-mfe/bin/python scripts/bench_tree_fits.py [--repeat 5] datasets/keel/marketing.dat ...
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402


def numeric_matrix(X, cat_cols):
    columns = []
    for j in range(X.shape[1]):
        column = X[:, j]
        if j in cat_cols:
            levels = sorted(set(column.tolist()))
            for level in levels[1:]:
                columns.append((column == level).astype(float))
        else:
            columns.append(column.astype(float).astype(np.float32).astype(float))
    return np.column_stack(columns)


def time_sklearn(x, y, repeat):
    n = x.shape[0]
    folds = [np.array([i for i in range(n) if i % 10 != f]) for f in range(10)]
    stumps, full = [], []
    for _ in range(repeat):
        t = time.process_time()
        for rows in folds:
            DecisionTreeClassifier(max_depth=1, random_state=0).fit(x[rows], y[rows])
            DecisionTreeClassifier(max_depth=1, random_state=0).fit(x[rows][:, :1], y[rows])
        stumps.append(time.process_time() - t)
        t = time.process_time()
        for rows in folds:
            DecisionTreeClassifier(random_state=0).fit(x[rows], y[rows])
        DecisionTreeClassifier(random_state=0).fit(x, y)
        full.append(time.process_time() - t)
    return statistics.median(stumps), statistics.median(full)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    exe = os.path.join(mfe_data.ROOT, "Benchmarks", ".build", "release", "tree-timing")
    out = subprocess.run([exe, "--repeat", str(args.repeat), *args.paths], check=True, capture_output=True,
                         text=True).stdout
    ours = {line.split("\t")[0]: [float(v) for v in line.split("\t")[1:3]] for line in out.splitlines()}
    print(f"{'dataset':32s} {'sk stumps':>10s} {'ours':>8s} {'ratio':>6s} {'sk full':>9s} {'ours':>8s} {'ratio':>6s}")
    for path in args.paths:
        X, y, cat_cols = mfe_data.load(path)
        x = numeric_matrix(X, cat_cols)
        sk_stumps, sk_full = time_sklearn(x, y, args.repeat)
        our_stumps, our_full = ours[path]
        print(f"{os.path.basename(path):32s} {sk_stumps:10.4f} {our_stumps:8.4f} {sk_stumps / our_stumps:6.1f} "
              f"{sk_full:9.4f} {our_full:8.4f} {sk_full / our_full:6.1f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""1-nearest-neighbour over 10 stratified folds: MetaProbe's KDTree against scikit-learn's
KNeighborsClassifier(n_neighbors=1) (algorithm="auto", which picks its KD-tree here), same data,
same folds, same run.

Per fold: fit on the training rows (all rows not in the fold, ascending), then
kneighbors(test rows, return_distance=False). Prints the median of --runs passes over the 10
folds (after one warm-up) for scikit-learn, the KD-tree and MetaProbe's brute-force
KNeighborsClassifier, the ratio sklearn / KD-tree (> 1: the KD-tree is faster), and how many
KD-tree neighbour indices differ from scikit-learn's (expected 0).

Usage:
    (cd Benchmarks && swift build -c release --product kdtree-timing)
    /tmp/venv/bin/python scripts/bench_kdtree.py --timing Benchmarks/.build/release/kdtree-timing
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.model_selection import StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402

DATASETS = {
    "banana": "datasets/keel/banana.dat",
    "phoneme": "datasets/keel/phoneme.dat",
    "page-blocks0": "datasets/keel-imbalanced/page-blocks0.dat",
    "marketing": "datasets/keel/marketing.dat",
}


def time_sklearn(x, y, tests, runs):
    def one_pass():
        out = []
        for test in tests:
            train = np.setdiff1d(np.arange(len(y)), test)
            model = KNeighborsClassifier(n_neighbors=1).fit(x[train], y[train])
            assert model._fit_method == "kd_tree"
            out.append(model.kneighbors(x[test], return_distance=False)[:, 0])
        return out

    out = one_pass()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        one_pass()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timing", required=True, help="path to the kdtree-timing executable")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS))
    args = parser.parse_args()

    print(f"{'dataset':14} {'n x d':>10} {'sklearn s':>10} {'kdtree s':>10} {'ratio':>7} "
          f"{'brute s':>9} {'mismatch':>9}")
    for name in args.datasets:
        x, y, cat_cols = mfe_data.load(DATASETS[name])
        assert not cat_cols, f"{name} has categorical columns"
        x = np.ascontiguousarray(x, dtype=float)
        tests = [t for _, t in StratifiedKFold(n_splits=10).split(np.zeros(len(y)), y)]
        sk_median, sk_out = time_sklearn(x, y, tests, args.runs)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"x": x.tolist(), "tests": [t.tolist() for t in tests]}, fh)
            path = fh.name
        try:
            run = subprocess.run([args.timing, path, "--runs", str(args.runs)],
                                 capture_output=True, text=True, check=True)
        finally:
            os.unlink(path)
        ours = json.loads(run.stdout)
        mismatches = sum(int((np.asarray(a) != b).sum())
                         for a, b in zip(ours["neighbors"], sk_out))
        print(f"{name:14} {f'{x.shape[0]}x{x.shape[1]}':>10} {sk_median:10.4f} "
              f"{ours['kdtree_median']:10.4f} {sk_median / ours['kdtree_median']:6.1f}x "
              f"{ours['brute_median']:9.4f} {mismatches:9d}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Meta-model training time: MetaProbe's MLP and random-forest meta-regressors against
scikit-learn's MLPRegressor and RandomForestRegressor on the same matrix, in the same run.

The matrix is synthetic by default (--rows 20000 --cols 40, seeded: half the columns are task
features with NaN-free values, the rest configuration-like columns in [0, 1]; the target is a
smooth nonlinear function plus noise), or the rows of a tuning log already encoded as a CSV
(--matrix FILE: no header, last column the target).

Settings, both sides: MLP 64-64 ReLU, Adam lr 0.001, batch 32, up to 100 epochs, early stopping on
a 10 % validation split with patience 10 and tol 1e-4, alpha 1e-4, inputs and target standardised
(scikit-learn: StandardScaler on X, y standardised by hand). Forest: --trees trees, all features
per split (max_features=1.0), bootstrap, one thread (n_jobs=1). OPENBLAS_NUM_THREADS=1 for both.
Medians of --runs runs of each; wall and process CPU seconds; the ratio scikit-learn / MetaProbe
(> 1 means MetaProbe is faster). Epoch counts differ with early stopping, so the MLP is also
compared per epoch.

Usage:
  (cd Benchmarks && swift build -c release --product meta-training-timing)
  /tmp/venv/bin/python scripts/bench_meta_training.py --timing Benchmarks/.build/release/meta-training-timing [--runs 3] [--trees 100]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.ensemble import RandomForestRegressor  # noqa: E402
from sklearn.neural_network import MLPRegressor  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


def synthetic(rows, cols, seed):
    rng = np.random.default_rng(seed)
    tasks = rng.normal(size=(40, cols // 2))
    task_of_row = rng.integers(0, 40, size=rows)
    x = np.hstack([tasks[task_of_row], rng.uniform(size=(rows, cols - cols // 2))])
    w = rng.normal(size=cols)
    y = np.sin(x @ w / np.sqrt(cols)) + 0.5 * (x[:, -1] - x[:, 0]) ** 2 + 0.05 * rng.normal(size=rows)
    return x, y


def time_sklearn(kind, x, y, trees, seed):
    t0, c0 = time.perf_counter(), time.process_time()
    epochs = 0
    if kind == "mlp":
        xs = StandardScaler().fit_transform(x)
        ys = (y - y.mean()) / y.std()
        m = MLPRegressor(hidden_layer_sizes=(64, 64), activation="relu", solver="adam", learning_rate_init=0.001,
                         batch_size=32, max_iter=100, early_stopping=True, validation_fraction=0.1,
                         n_iter_no_change=10, tol=1e-4, alpha=1e-4, random_state=seed)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m.fit(xs, ys)
        epochs = m.n_iter_
    else:
        RandomForestRegressor(n_estimators=trees, max_features=1.0, n_jobs=1, random_state=seed).fit(x, y)
    return time.perf_counter() - t0, time.process_time() - c0, epochs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timing", required=True)
    ap.add_argument("--matrix")
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--cols", type=int, default=40)
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--models", default="mlp,forest")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.matrix:
            data = np.loadtxt(args.matrix, delimiter=",")
            x, y, path = data[:, :-1], data[:, -1], args.matrix
        else:
            x, y = synthetic(args.rows, args.cols, 0)
            path = os.path.join(tmp, "matrix.csv")
            np.savetxt(path, np.hstack([x, y[:, None]]), delimiter=",", fmt="%.17g")
        print(f"matrix: {x.shape[0]} rows x {x.shape[1]} columns; runs: {args.runs}; forest trees: {args.trees}")
        for kind in args.models.split(","):
            ours = subprocess.run([args.timing, "--data", path, "--model", kind, "--trees", str(args.trees),
                                   "--runs", str(args.runs)], check=True, capture_output=True, text=True)
            mine = [json.loads(line) for line in ours.stdout.splitlines() if line.startswith("{")]
            theirs = [time_sklearn(kind, x, y, args.trees, r) for r in range(args.runs)]
            mw = statistics.median(r["wall_s"] for r in mine)
            mc = statistics.median(r["cpu_s"] for r in mine)
            sw = statistics.median(t[0] for t in theirs)
            sc = statistics.median(t[1] for t in theirs)
            print(f"{kind}: MetaProbe wall {mw:.2f} s, cpu {mc:.2f} s | scikit-learn wall {sw:.2f} s, cpu {sc:.2f} s"
                  f" | ratio sklearn/MetaProbe wall {sw / mw:.2f}x, cpu {sc / mc:.2f}x")
            if kind == "mlp":
                me = statistics.median(r["epochs"] for r in mine)
                se = statistics.median(t[2] for t in theirs)
                print(f"  epochs (median): MetaProbe {me}, scikit-learn {se}; cpu per epoch: MetaProbe "
                      f"{mc / me:.3f} s, scikit-learn {sc / se:.3f} s, ratio {(sc / se) / (mc / me):.2f}x")


if __name__ == "__main__":
    main()

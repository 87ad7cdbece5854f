#!/usr/bin/env python3
"""Side-by-side fit time: Forest's RandomForest<Int> vs scikit-learn's RandomForestClassifier.

Run from the repository root (a release build of the tests is made on the way):
    /tmp/venv/bin/python scripts/bench_forest.py

Datasets: breast_cancer (569 × 30) and make_classification(n_samples=10000, n_features=20,
random_state=0). Both libraries fit 100 trees with default hyperparameters on 2 workers
(sklearn n_jobs=2, Forest nJobs=2); each time is the best of 3 wall-clock fits. The Swift side
is the ForestTests test `fitTimingForBenchmarkScript`, which runs only when FOREST_BENCH_DATA
names the data file written here; it prints one line per dataset: `BENCH <name> <seconds>`.
"""
import json
import os
import pathlib
import subprocess
import tempfile
import time

from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.ensemble import RandomForestClassifier

REPEATS = 3


def best_fit_seconds(x, y):
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0).fit(x, y)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    datasets = {"breast_cancer": load_breast_cancer(return_X_y=True),
                "synthetic_10000x20": make_classification(n_samples=10000, n_features=20, random_state=0)}
    sklearn_times = {name: best_fit_seconds(x, y) for name, (x, y) in datasets.items()}

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([{"name": name, "x": x.tolist(), "y": [int(v) for v in y], "repeats": REPEATS}
                   for name, (x, y) in datasets.items()], fh)
        data_path = fh.name
    env = dict(os.environ, FOREST_BENCH_DATA=data_path)
    out = subprocess.run(["swift", "test", "-c", "release", "--filter", "fitTimingForBenchmarkScript"],
                         cwd=root, env=env, capture_output=True, text=True)
    os.unlink(data_path)
    swift_times = {}
    for line in out.stdout.splitlines():
        if line.startswith("BENCH "):
            _, name, seconds = line.split()
            swift_times[name] = float(seconds)
    if not swift_times:
        print(out.stdout[-3000:], out.stderr[-3000:])
        raise SystemExit("the Swift timing test printed no BENCH lines")
    print(f"{'dataset':<22}{'sklearn s':>12}{'Forest s':>12}{'Forest/sklearn':>16}")
    for name, t in sklearn_times.items():
        ours = swift_times.get(name, float("nan"))
        print(f"{name:<22}{t:>12.3f}{ours:>12.3f}{ours / t:>16.2f}")


if __name__ == "__main__":
    main()

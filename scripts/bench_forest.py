#!/usr/bin/env python3
"""Side-by-side fit time: Forest's RandomForest<Int> vs scikit-learn's RandomForestClassifier.

Run from the repository root (a release build of the tests is made on the way):
    /tmp/venv/bin/python scripts/bench_forest.py

Datasets: breast_cancer (569 × 30) and make_classification(n_samples=10000, n_features=20,
random_state=0). Both libraries fit 100 trees with default hyperparameters on 2 workers
(sklearn n_jobs=2, Forest nJobs=2) and on 1; each time is the best of 3 fits, as wall-clock and as
process CPU seconds (the CPU figure is less disturbed by other load on a shared machine). The
Swift side is the ForestTests test `fitTimingForBenchmarkScript`, which runs only when
FOREST_BENCH_DATA names the data file written here.
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


def best_fit_seconds(x, y, n_jobs):
    """Best-of-REPEATS wall and CPU (all threads) seconds, and mean nodes per tree."""
    wall = cpu = float("inf")
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        model = RandomForestClassifier(n_estimators=100, n_jobs=n_jobs, random_state=0).fit(x, y)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    nodes = sum(t.tree_.node_count for t in model.estimators_) // len(model.estimators_)
    return wall, cpu, nodes


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    datasets = {"breast_cancer": load_breast_cancer(return_X_y=True),
                "synthetic_10000x20": make_classification(n_samples=10000, n_features=20, random_state=0)}
    sklearn_times = {(name, jobs): best_fit_seconds(x, y, jobs) for name, (x, y) in datasets.items() for jobs in (2, 1)}

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
            _, name, jobs, wall, cpu, nodes = line.split()
            swift_times[(name, int(jobs))] = (float(wall), float(cpu), int(nodes))
    if not swift_times:
        print(out.stdout[-3000:], out.stderr[-3000:])
        raise SystemExit("the Swift timing test printed no BENCH lines")
    print(f"{'dataset':<20}{'jobs':>5}{'sklearn wall':>14}{'Forest wall':>13}{'ratio':>7}"
          f"{'sklearn cpu':>13}{'Forest cpu':>12}{'ratio':>7}{'nodes sk/ours':>15}")
    for key, (wall, cpu, nodes) in sklearn_times.items():
        ours = swift_times.get(key, (float("nan"), float("nan"), 0))
        print(f"{key[0]:<20}{key[1]:>5}{wall:>14.3f}{ours[0]:>13.3f}{ours[0] / wall:>7.2f}"
              f"{cpu:>13.3f}{ours[1]:>12.3f}{ours[1] / cpu:>7.2f}{f'{nodes}/{ours[2]}':>15}")
    print("ratio = Forest / scikit-learn (below 1: Forest is faster); best of", REPEATS, "fits;",
          "load average", os.getloadavg())


if __name__ == "__main__":
    main()

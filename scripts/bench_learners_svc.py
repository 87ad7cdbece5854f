#!/usr/bin/env python3
"""SVC fit + predict over 5 stratified folds: MetaProbe's SupportVectorClassifier against
scikit-learn's Pipeline(StandardScaler(), SVC()), same data, same folds, same run.

Both sides read Tests/ModelsTests/Fixtures/<dataset>.json (written by
make_learners_fixtures.py), standardise on each training fold, fit, predict the test fold.
Prints the median wall and CPU time of N passes over the 5 folds for each and the ratios
sklearn / MetaProbe (> 1 means MetaProbe is faster). CPU time is the steadier figure on a
shared machine; MetaProbe runs with one OpenBLAS thread unless --threads says otherwise
(libsvm is single-threaded).

Usage:
    (cd Benchmarks && swift build -c release --product svc-timing)
    /tmp/venv/bin/python scripts/bench_learners_svc.py --timing Benchmarks/.build/release/svc-timing
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import numpy as np
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def time_sklearn(fixture, runs, kernel):
    x, y = np.asarray(fixture["x"], dtype=float), np.asarray(fixture["y"])
    folds = [np.asarray(t) for t in fixture["fold_test_indices"]]

    def one_pass():
        accuracy = 0.0
        for test in folds:
            train = np.setdiff1d(np.arange(len(y)), test)
            model = make_pipeline(StandardScaler(), SVC(kernel=kernel)).fit(x[train], y[train])
            accuracy += np.mean(model.predict(x[test]) == y[test])
        return accuracy / len(folds)

    accuracy = one_pass()  # warm-up
    times, cpu_times = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        one_pass()
        cpu_times.append(time.process_time() - c0)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), statistics.median(cpu_times), accuracy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timing", required=True, help="path to the svc-timing executable")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kernel", default="rbf", choices=["rbf", "linear"])
    parser.add_argument("--threads", type=int, default=1,
                        help="OpenBLAS threads for MetaProbe (libsvm is single-threaded)")
    parser.add_argument("--datasets", nargs="+", default=["breast_cancer", "digits"])
    args = parser.parse_args()
    for name in args.datasets:
        path = os.path.join(ROOT, "Tests", "ModelsTests", "Fixtures", f"{name}.json")
        with open(path) as fh:
            fixture = json.load(fh)
        out = subprocess.run(
            [args.timing, path, "--runs", str(args.runs), "--kernel", args.kernel,
             "--threads", str(args.threads)],
            check=True, capture_output=True, text=True).stdout
        ours = json.loads(out)
        theirs, theirs_cpu, accuracy = time_sklearn(fixture, args.runs, args.kernel)
        shape = f"{len(fixture['y'])}x{len(fixture['x'][0])}"
        print(f"{name:14s} {shape:8s} SVC({args.kernel}) 5-fold fit+predict, median of {args.runs}: "
              f"MetaProbe {ours['median_s'] * 1e3:7.1f} ms wall / {ours['cpu_median_s'] * 1e3:7.1f} ms CPU "
              f"(acc {ours['accuracy']:.4f});  sklearn {theirs * 1e3:7.1f} ms wall / "
              f"{theirs_cpu * 1e3:7.1f} ms CPU (acc {accuracy:.4f});  ratio sklearn/MetaProbe "
              f"{theirs / ours['median_s']:.2f} wall, {theirs_cpu / ours['cpu_median_s']:.2f} CPU")

if __name__ == "__main__":
    main()

"""Times pymfe 0.4.4 and MetaFeatures (Benchmarks/mfe-timing, release build) on the bundled
datasets in one run and prints per-dataset medians and the speed-up.

    /tmp/venv-mfe/bin/python scripts/bench_metafeatures.py [--repeat 3] [--skip-build] [--suites a,b]

Three suites: general + statistical + info-theory (`basic`) on every fixture dataset,
complexity on those with at most 1000 rows, and landmarking + model-based (`landmarking`)
on every fixture dataset. Timings are wall-clock medians of `--repeat` runs; pymfe's time
is fit + extract (the Swift time includes building the data views).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402
from pymfe.mfe import MFE  # noqa: E402

warnings.filterwarnings("ignore")
BENCH = os.path.join(mfe_data.ROOT, "Benchmarks")


def time_pymfe(X, y, cat_cols, groups, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        mfe = MFE(groups=groups, summary=["mean", "sd"], random_state=0)
        mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
        mfe.extract(suppress_warnings=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def time_swift(paths, groups, repeat):
    exe = os.path.join(BENCH, ".build", "release", "mfe-timing")
    out = subprocess.run([exe, "--groups", ",".join(groups), "--repeat", str(repeat), *paths],
                         check=True, capture_output=True, text=True).stdout
    return {line.split("\t")[0]: float(line.split("\t")[1]) for line in out.splitlines()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--suites", default="basic,complexity,landmarking")
    args = ap.parse_args()
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "mfe-timing"], cwd=BENCH, check=True)
    suites = [("basic", "general+statistical+info-theory", ["general", "statistical", "info-theory"], None),
              ("complexity", "complexity", ["complexity"], 1000),
              ("landmarking", "landmarking+model-based", ["landmarking", "model-based"], None)]
    chosen = args.suites.split(",")
    for key, title, groups, max_rows in suites:
        if key not in chosen:
            continue
        rows = []
        for name, path in mfe_data.DATASETS:
            X, y, cat_cols = mfe_data.load(path)
            if max_rows and X.shape[0] > max_rows:
                continue
            rows.append((name, path, X.shape, time_pymfe(X, y, cat_cols, groups, args.repeat)))
        full = [os.path.join(mfe_data.ROOT, p) for _, p, _, _ in rows]
        swift = time_swift(full, groups, args.repeat)
        print(f"\n## {title}\n")
        print("| dataset | n x d | pymfe s | MetaFeatures s | speed-up |")
        print("|---|---|---|---|---|")
        ratios = []
        for (name, path, shape, tp), fp in zip(rows, full):
            ts = swift[fp]
            ratios.append(tp / ts)
            print(f"| {name} | {shape[0]}x{shape[1]} | {tp:.4f} | {ts:.5f} | {tp / ts:.0f}x |")
        print(f"\nmedian pymfe {statistics.median(r[3] for r in rows):.4f} s, "
              f"median MetaFeatures {statistics.median(swift.values()):.5f} s, "
              f"median speed-up {statistics.median(ratios):.0f}x")


if __name__ == "__main__":
    main()

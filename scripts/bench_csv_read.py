#!/usr/bin/env python3
"""Reading a CSV: MetaProbe's Dataset.read against pandas.read_csv, same file, same run.

For each file: warm the page cache, time N reads with each tool, print the medians and the
ratio pandas / MetaProbe (> 1 means MetaProbe is faster). Files: the largest bundled CSV
(datasets/sklearn/digits.csv) and, for a larger case, KEEL texture (1.5 MB) written as CSV.

Usage: python scripts/bench_csv_read.py --timing Benchmarks/.build/release/csv-read-timing [--runs 9]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def keel_as_csv(dat, out):
    with open(dat) as f:
        lines = f.read().splitlines()
    names = [ln.split()[1] for ln in lines if ln.lower().startswith("@attribute")]
    start = next(i for i, ln in enumerate(lines) if ln.lower().startswith("@data")) + 1
    with open(out, "w") as f:
        f.write(",".join(names) + "\n")
        for ln in lines[start:]:
            f.write(ln.replace(", ", ",") + "\n")


def time_pandas(path, runs):
    pd.read_csv(path)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        df = pd.read_csv(path, na_values=["?", "NA", "NaN", ""])
        times.append(time.perf_counter() - t0)
    return statistics.median(times), df.shape


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timing", required=True, help="path of the csv-read-timing executable")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    files = [os.path.join(ROOT, "datasets/sklearn/digits.csv")]
    texture = os.path.join(ROOT, "datasets/keel/texture.dat")
    tmp = tempfile.mkdtemp()
    if os.path.exists(texture):
        files.append(os.path.join(tmp, "texture.csv"))
        keel_as_csv(texture, files[-1])
    print(f"CSV read, median of {args.runs} runs each (page cache warm)")
    print(f"{'file':<14} {'rows x cols':>12} {'pandas (ms)':>12} {'MetaProbe (ms)':>15} {'pandas/MetaProbe':>17}")
    for path in files:
        ours = json.loads(subprocess.run([args.timing, path, "--runs", str(args.runs)],
                                         check=True, capture_output=True, text=True).stdout)
        theirs, shape = time_pandas(path, args.runs)
        print(f"{os.path.basename(path):<14} {f'{shape[0]}x{shape[1]}':>12} {theirs * 1e3:12.2f} "
              f"{ours['median_s'] * 1e3:15.2f} {theirs / ours['median_s']:17.2f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Side-by-side timing of two `mfe-timing` binaries (e.g. a copy of the old one and the new one).

For each dataset the two binaries are run alternately ROUNDS times, each run timing the groups
`--repeat 3` times (mfe-timing prints the median) on `--jobs` worker threads (default 1), with one
OpenBLAS thread; alternating per dataset keeps a shared machine's load changes from
favouring either binary. Prints, per dataset, the median and minimum over the rounds for each
binary and the ratio of the medians (> 1: the second binary is faster).

    python3 scripts/ab_mfe_timing.py /tmp/mfe-timing-old Benchmarks/.build/release/mfe-timing \
        --groups landmarking --rounds 5 datasets/keel/mushroom.dat datasets/sklearn/digits.csv
"""
import argparse
import os
import statistics
import subprocess


def run(binary, groups, path, jobs):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([binary, "--groups", groups, "--repeat", "3", "--jobs", str(jobs), path],
                         capture_output=True, text=True, check=True, env=env).stdout
    return float(out.split("\t")[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--groups", default="landmarking")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=1, help="worker threads of each extraction (mfe-timing --jobs)")
    args = ap.parse_args()
    print(f"{'dataset':58s} {'old median':>10s} {'old min':>8s} {'new median':>10s} {'new min':>8s} {'ratio':>6s}")
    for path in args.datasets:
        old, new = [], []
        for _ in range(args.rounds):
            old.append(run(args.old, args.groups, path, args.jobs))
            new.append(run(args.new, args.groups, path, args.jobs))
        mo, mn = statistics.median(old), statistics.median(new)
        print(f"{path:58s} {mo:10.3f} {min(old):8.3f} {mn:10.3f} {min(new):8.3f} {mo / mn:6.2f}")


if __name__ == "__main__":
    main()

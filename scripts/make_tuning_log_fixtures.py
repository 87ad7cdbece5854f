#!/usr/bin/env python3
"""Writes the small tuning-log fixtures of Tests/StorageTests/Fixtures from the converted tables
(run scripts/convert_hpobench.py and scripts/convert_hpolib.py first, or `make tuning-logs`):

  hpobench_vehicle_300.csv          every 100th row of datasets/tuning-logs/hpobench/vehicle.csv (300 rows)
  hpolib_naval_propulsion_300.csv   every 208th row of datasets/tuning-logs/hpolib/naval_propulsion.csv (300 rows)

The header and the rows are copied byte for byte; the rows are spread over the whole grid.
"""
from __future__ import annotations

import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "StorageTests", "Fixtures")
SOURCES = [
    ("datasets/tuning-logs/hpobench/vehicle.csv", "hpobench_vehicle_300.csv", 100),
    ("datasets/tuning-logs/hpolib/naval_propulsion.csv", "hpolib_naval_propulsion_300.csv", 208),
]


def main() -> None:
    for src, name, step in SOURCES:
        with open(os.path.join(ROOT, src), newline="") as f:
            lines = f.read().split("\n")
        header, rows = lines[0], [r for r in lines[1:] if r]
        picked = rows[::step]
        assert len(picked) == 300, (src, len(picked))
        with open(os.path.join(OUT, name), "w", newline="") as f:
            f.write("\n".join([header] + picked) + "\n")
        print(f"{name}: {len(picked)} rows")


if __name__ == "__main__":
    main()

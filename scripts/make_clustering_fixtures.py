"""Writes the pymfe 0.4.4 `clustering` reference values that ClusteringTests compare against.

Run with the pymfe virtual environment from the repository root:

    /tmp/venv-mfe/bin/python scripts/make_clustering_fixtures.py [--max-rows 9000]

Writes Tests/MetaFeaturesTests/Fixtures/clustering.json:
  [{"dataset", "path", "rows", "seconds", "features": {name: value|null}}, ...]
for every dataset of mfe_data.DATASETS with at most --max-rows rows, then the edge-case CSVs
written by make_metafeatures_fixtures.py (single class, three rows, a constant column, all
categorical). Each entry is MFE(groups=["clustering"], summary=["mean", "sd"],
random_state=0).fit(X, y, cat_cols=...).extract() with pymfe's defaults (euclidean distance,
N without rescaling, sc's size 15); "seconds" is that call's wall time. Non-finite values are
written as null. The file is named without the `pymfe-` prefix so that the other suites'
fixture loop does not pick it up.
"""
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402
from pymfe.mfe import MFE  # noqa: E402

warnings.filterwarnings("ignore")
OUT = os.path.join(mfe_data.ROOT, "Tests", "MetaFeaturesTests", "Fixtures")
EDGE = ["edge-all-categorical", "edge-constant", "edge-single-class", "edge-three-rows"]


def clean(v):
    v = float(v)
    return None if np.isnan(v) or np.isinf(v) else v


def extract(X, y, cat_cols):
    mfe = MFE(groups=["clustering"], summary=["mean", "sd"], random_state=0)
    mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
    names, values = mfe.extract(suppress_warnings=True)
    return {n: clean(v) for n, v in zip(names, values)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-rows", type=int, default=9000)
    args = parser.parse_args()
    datasets = mfe_data.DATASETS + [(e, f"Tests/MetaFeaturesTests/Fixtures/{e}.csv") for e in EDGE]
    out = []
    for name, path in datasets:
        X, y, cat_cols = mfe_data.load(path)
        if X.shape[0] > args.max_rows:
            print(name, X.shape, "skipped (more than --max-rows rows)", flush=True)
            continue
        start = time.perf_counter()
        entry = {"dataset": name, "path": path, "rows": int(X.shape[0])}
        try:
            entry["features"] = extract(X, y, cat_cols)
        except Exception as err:  # pymfe fails on some edge cases; record why
            entry["features"], entry["pymfe_error"] = {}, repr(err)
        entry["seconds"] = round(time.perf_counter() - start, 4)
        out.append(entry)
        print(name, X.shape, entry["seconds"], "s", flush=True)
    with open(os.path.join(OUT, "clustering.json"), "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

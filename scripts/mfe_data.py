"""Read MetaProbe's bundled datasets the way the Swift `Datasets` module does, for pymfe.

Shared by make_metafeatures_fixtures.py and bench_metafeatures.py. Missing values are
imputed exactly as MetaFeatures does before extraction (pymfe cannot take NaN): numeric
columns get the median of the present values, categorical columns the most frequent
category (ties to the category listed first in the header).
"""
import os
import re

import numpy as np
import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def read_keel(path):
    attrs, outputs, rows = [], None, []
    in_data = False
    with open(path) as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("%"):
                continue
            if in_data:
                rows.append([v.strip() for v in line.split(",")])
                continue
            low = line.lower()
            if low.startswith("@attribute"):
                m = re.match(r"@attribute\s+('[^']*'|\S+)\s*(.*)$", line, re.I)
                name, spec = m.group(1).strip("'"), m.group(2).strip()
                if spec.startswith("{"):
                    cats = [c.strip() for c in spec.strip("{}").split(",")]
                    attrs.append((name, cats))
                else:
                    attrs.append((name, None))
            elif low.startswith("@outputs"):
                outputs = line.split(None, 1)[1].strip()
            elif low.startswith("@data"):
                in_data = True
    names = [a[0] for a in attrs]
    target = names.index(outputs) if outputs else len(names) - 1
    cols = [i for i in range(len(names)) if i != target]
    X = []
    for j in cols:
        cats = attrs[j][1]
        raw = [r[j] for r in rows]
        missing = [v in ("?", "<null>") for v in raw]
        if cats is None:
            vals = np.array([np.nan if m else float(v) for v, m in zip(raw, missing)])
            if any(missing):
                vals[np.isnan(vals)] = np.median(vals[~np.isnan(vals)])
            X.append(vals.astype(object))
        else:
            present = [v for v, m in zip(raw, missing) if not m]
            if any(missing):
                counts = [present.count(c) for c in cats]
                fill = cats[int(np.argmax(counts))]
                raw = [fill if m else v for v, m in zip(raw, missing)]
            X.append(np.array(raw, dtype=object))
    X = np.column_stack(X)
    cat_cols = [k for k, j in enumerate(cols) if attrs[j][1] is not None]
    y = np.array([r[target] for r in rows], dtype=str)
    return X, y, cat_cols


def read_csv(path):
    df = pd.read_csv(path)
    y = df.iloc[:, -1].astype(str).to_numpy()
    Xdf = df.iloc[:, :-1]
    cat_cols = [k for k, c in enumerate(Xdf.columns) if not pd.api.types.is_numeric_dtype(Xdf[c])]
    X = np.column_stack([
        Xdf[c].astype(str).to_numpy(dtype=object) if k in cat_cols else Xdf[c].to_numpy(dtype=float).astype(object)
        for k, c in enumerate(Xdf.columns)
    ])
    return X, y, cat_cols


def to_mfe_input(X, cat_cols):
    """All-numeric data as a float array (pymfe's `auto` sees numbers); mixed as object."""
    if not cat_cols:
        return X.astype(float)
    return X


# (fixture name, path relative to the repository root)
DATASETS = [
    ("iris", "datasets/sklearn/iris.csv"),
    ("wine", "datasets/sklearn/wine.csv"),
    ("breast_cancer", "datasets/sklearn/breast_cancer.csv"),
    ("digits", "datasets/sklearn/digits.csv"),
    ("crx", "datasets/keel/crx.dat"),
    ("german", "datasets/keel/german.dat"),
    ("australian", "datasets/keel/australian.dat"),
    ("tic-tac-toe", "datasets/keel/tic-tac-toe.dat"),
    ("housevotes", "datasets/keel/housevotes.dat"),
    ("breast", "datasets/keel/breast.dat"),
    ("saheart", "datasets/keel/saheart.dat"),
    ("bupa", "datasets/keel/bupa.dat"),
    ("ionosphere", "datasets/keel/ionosphere.dat"),
    ("keel-wine", "datasets/keel/wine.dat"),
    ("glass0", "datasets/keel-imbalanced/glass0.dat"),
    ("cleveland-0_vs_4", "datasets/keel-imbalanced/cleveland-0_vs_4.dat"),
    ("car-good", "datasets/keel-imbalanced/car-good.dat"),
    ("mushroom", "datasets/keel/mushroom.dat"),
]


def load(path):
    full = os.path.join(ROOT, path)
    return read_keel(full) if path.endswith(".dat") else read_csv(full)

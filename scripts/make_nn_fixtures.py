"""Writes Tests/NeuralNetTests/Fixtures/digits.csv: scikit-learn's 8x8 digits with a fixed split.

Run with: /tmp/venv/bin/python scripts/make_nn_fixtures.py

Columns: split ("train"/"test": stratified train_test_split, test_size=0.25, random_state=0),
label (0-9), p0..p63 (pixel intensities 0..16, row-major; the tests divide by 16, i.e. X / 16
as in the usual scaling of this data set). Integers keep the file small and exact.
"""
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X = digits.data.astype(np.int64)
y = digits.target.astype(np.int64)
index = np.arange(len(y))
train, test = train_test_split(index, test_size=0.25, random_state=0, stratify=y)
split = np.empty(len(y), dtype=object)
split[train] = "train"
split[test] = "test"

out = Path(__file__).resolve().parent.parent / "Tests/NeuralNetTests/Fixtures/digits.csv"
out.parent.mkdir(parents=True, exist_ok=True)
with out.open("w") as f:
    f.write("split,label," + ",".join(f"p{i}" for i in range(64)) + "\n")
    for i in range(len(y)):
        f.write(f"{split[i]},{y[i]}," + ",".join(str(v) for v in X[i]) + "\n")
print(f"wrote {out} ({out.stat().st_size} bytes, {len(train)} train, {len(test)} test)")

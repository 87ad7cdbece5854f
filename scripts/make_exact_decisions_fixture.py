"""Writes the exact-arithmetic answers to the meta-feature decisions that sit on a threshold.

Two of pymfe's statistical features are decided by a comparison that rounding can flip:

- `nr_cor_attr` counts attribute pairs with |r| >= 0.5. A pair whose correlation is 0.5 in exact
  arithmetic comes out of np.corrcoef (or a BLAS gemm) a few ulps either side.
- `sd_ratio` takes log det of each class covariance matrix; a matrix that is singular in exact
  arithmetic has a determinant of rounding noise (positive, negative or zero by chance).

Both are decided here without rounding: every stored float is an exact dyadic rational, so each
column is scaled by a power of two to Python integers and the sums are exact. r^2 >= 1/4 is tested
as 4 * (n Sxy - Sx Sy)^2 >= (n Sxx - Sx^2)(n Syy - Sy^2). The rank of a class covariance matrix
is rank([X_class, 1]) - 1, computed by Gaussian elimination modulo two large primes (the rank
modulo a prime never exceeds the rank over the rationals; the larger of the two is exact unless
both primes divide every maximal non-zero minor).

The numeric matrix N is taken from pymfe 0.4.4 itself (its categorical encoding), so the columns
are the ones pymfe and MetaFeatures see. Run from the repository root with the pymfe environment:

    make .venv-mfe/.mfe && .venv-mfe/bin/python scripts/make_exact_decisions_fixture.py

Writes Tests/MetaFeaturesTests/Fixtures/exact-decisions.json:
  {dataset: {"columns": p, "strong_pairs": k, "tied_pairs": t, "class_ranks": [...],
             "singular_class": bool}}
"""
import json
import math
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402
from pymfe.mfe import MFE  # noqa: E402

warnings.filterwarnings("ignore")
OUT = os.path.join(mfe_data.ROOT, "Tests", "MetaFeaturesTests", "Fixtures", "exact-decisions.json")
PRIMES = (2**61 - 1, 2**31 - 1)


def integer_columns(N):
    """Each column as Python integers: the exact values times a power of two common to the column."""
    cols = []
    for j in range(N.shape[1]):
        ratios = [float(v).as_integer_ratio() for v in N[:, j]]  # denominators are powers of two
        scale = max(den for _, den in ratios)
        cols.append([num * (scale // den) for num, den in ratios])
    return cols


def strong_pairs(cols):
    n = len(cols[0])
    sums = [sum(c) for c in cols]
    centred_sq = [n * sum(v * v for v in c) - s * s for c, s in zip(cols, sums)]
    strong = tied = 0
    for i in range(len(cols)):
        for j in range(i):
            if centred_sq[i] == 0 or centred_sq[j] == 0:
                continue  # a constant column: r is NaN, never counted
            cross = n * sum(a * b for a, b in zip(cols[i], cols[j])) - sums[i] * sums[j]
            lhs, rhs = 4 * cross * cross, centred_sq[i] * centred_sq[j]
            strong += lhs >= rhs
            tied += lhs == rhs
    return strong, tied


def rank_mod(rows, prime):
    m = [[v % prime for v in r] for r in rows]
    rank = 0
    width = len(m[0]) if m else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][col]), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        inv = pow(m[rank][col], prime - 2, prime)
        for i in range(rank + 1, len(m)):
            if m[i][col]:
                f = m[i][col] * inv % prime
                m[i] = [(a - f * b) % prime for a, b in zip(m[i], m[rank])]
        rank += 1
    return rank


def class_rank(cols, rows):
    block = [[cols[j][i] for j in range(len(cols))] + [1] for i in rows]
    return max(rank_mod(block, p) for p in PRIMES) - 1


def main():
    out = {}
    for name, path in mfe_data.DATASETS:
        X, y, cat_cols = mfe_data.load(path)
        mfe = MFE(groups=["statistical"], random_state=0)
        mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
        N = np.asarray(mfe._custom_args_ft["N"], dtype=float)
        labels = np.asarray(mfe.y)
        cols = integer_columns(N)
        strong, tied = strong_pairs(cols) if N.shape[1] >= 2 else (0, 0)
        ranks = [class_rank(cols, np.flatnonzero(labels == c)) for c in np.unique(labels)]
        out[name] = {"columns": N.shape[1], "strong_pairs": strong, "tied_pairs": tied,
                     "class_ranks": ranks, "singular_class": any(r < N.shape[1] for r in ranks)}
        print(name, out[name], flush=True)
    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()

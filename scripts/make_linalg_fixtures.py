#!/usr/bin/env python3
"""Generate Tests/LinalgTests/Fixtures/statistics.json: numpy/scipy reference values for Linalg.Statistics.

Run from the repository root with a Python that has numpy and scipy:
    /tmp/venv/bin/python scripts/make_linalg_fixtures.py

Skewness and kurtosis are converted to "type 3" exactly as pymfe 0.4.4 does
(pymfe/_summary.py: sum_skewness / sum_kurtosis with method=3, bias=True).
Non-finite results (NaN) are stored as null.
"""
import json
import math
import pathlib
import warnings

import numpy as np
import scipy
import scipy.stats

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/LinalgTests/Fixtures/statistics.json"
QUANTILE_PROBS = [0.1, 0.25, 0.5, 0.9]


def finite_or_none(v):
    v = float(v)
    return v if math.isfinite(v) else None


def skew_type3(x):
    """pymfe 0.4.4 sum_skewness(method=3, bias=True)."""
    n = len(x)
    if n == 0:
        return float("nan")
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # constant vectors: scipy warns, then returns NaN
        v = scipy.stats.skew(x, bias=True)
    return v * ((n - 1.0) / n) ** 1.5


def kurt_type3(x):
    """pymfe 0.4.4 sum_kurtosis(method=3, bias=True)."""
    n = len(x)
    if n == 0:
        return float("nan")
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        v = scipy.stats.kurtosis(x, bias=True)
    return (v + 3.0) * (1.0 - 1.0 / n) ** 2.0 - 3.0


def vector_case(name, x):
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        var = np.var(x, ddof=1) if len(x) > 1 else float("nan")
        std = np.std(x, ddof=1) if len(x) > 1 else float("nan")
    return {
        "name": name,
        "x": x.tolist(),
        "mean": finite_or_none(np.mean(x)),
        "variance": finite_or_none(var),
        "standardDeviation": finite_or_none(std),
        "skewness": finite_or_none(skew_type3(x)),
        "kurtosis": finite_or_none(kurt_type3(x)),
        "median": finite_or_none(np.median(x)),
        "quantileProbabilities": QUANTILE_PROBS,
        "quantiles": [finite_or_none(q) for q in np.quantile(x, QUANTILE_PROBS)],
        "min": finite_or_none(np.min(x)),
        "max": finite_or_none(np.max(x)),
    }


def matrix_case(name, x):
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        corr = np.corrcoef(x, rowvar=False)
        cov = np.cov(x, rowvar=False, ddof=1)
    return {
        "name": name,
        "rows": int(x.shape[0]),
        "columns": int(x.shape[1]),
        "x": x.ravel().tolist(),
        "correlation": [finite_or_none(v) for v in np.atleast_2d(corr).ravel()],
        "covariance": [finite_or_none(v) for v in np.atleast_2d(cov).ravel()],
    }


def main():
    rng = np.random.default_rng(20261126)
    vectors = [
        vector_case("two values", [1.5, -2.25]),
        vector_case("three values", [3.0, 1.0, 7.0]),
        vector_case("ties", [2.0, 2.0, 5.0, 5.0, 5.0, 1.0, 9.0, 2.0]),
        vector_case("constant", [4.2] * 6),
        vector_case("normal n=50", rng.normal(10.0, 3.0, 50)),
        vector_case("exponential n=101", rng.exponential(2.0, 101)),
        vector_case("integers n=20", rng.integers(-5, 6, 20)),
    ]
    base = rng.normal(size=(40, 1))
    correlated = np.hstack([base, 2.0 * base + 0.3 * rng.normal(size=(40, 1)), rng.normal(5.0, 2.0, (40, 2))])
    with_constant = np.hstack([rng.normal(size=(12, 2)), np.full((12, 1), 3.0), rng.uniform(size=(12, 1))])
    matrices = [
        matrix_case("correlated 40x4", correlated),
        matrix_case("constant column 12x4", with_constant),
        matrix_case("small 3x2", [[1.0, 2.0], [2.0, 1.0], [4.0, 7.0]]),
    ]
    payload = {
        "generator": "scripts/make_linalg_fixtures.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "vectors": vectors,
        "matrices": matrices,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fixtures for GaussianProcessFixtureTests: scikit-learn's GaussianProcessRegressor with
ConstantKernel() * Matern(nu=2.5, length_scale=[1]*d) + WhiteKernel(), normalize_y=True,
n_restarts_optimizer=5, random_state=0, fitted on small seeded data sets.

Run with a Python that has numpy and scikit-learn (the fixtures were made with 1.9.1):
    /tmp/venv/bin/python scripts/make_gp_fixtures.py
Writes Tests/SearchTests/Fixtures/gp_sklearn.json.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel


def objective(name, x, rng):
    if name == "sine1d":
        return np.sin(6 * x[:, 0]) + 0.05 * rng.standard_normal(len(x))
    if name == "branin2d":
        x1 = 15 * x[:, 0] - 5
        x2 = 15 * x[:, 1]
        b = 5.1 / (4 * np.pi**2)
        c = 5 / np.pi
        return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * np.pi)) * np.cos(x1) + 10
    if name == "quad3d":
        return ((x - 0.3) ** 2 @ np.array([1.0, 4.0, 0.25])) + 0.1 * rng.standard_normal(len(x))
    raise ValueError(name)


def main():
    out = {"sklearn": sklearn.__version__, "cases": []}
    for seed, (name, n, d) in enumerate([("sine1d", 8, 1), ("branin2d", 20, 2), ("quad3d", 30, 3)]):
        rng = np.random.default_rng(seed)
        x = rng.uniform(size=(n, d))
        y = objective(name, x, rng)
        xt = rng.uniform(size=(5, d))
        kernel = ConstantKernel() * Matern(nu=2.5, length_scale=[1.0] * d) + WhiteKernel()
        gp = GaussianProcessRegressor(
            kernel=kernel, normalize_y=True, n_restarts_optimizer=5, random_state=0
        ).fit(x, y)
        k = gp.kernel_
        mean, std = gp.predict(xt, return_std=True)
        out["cases"].append(
            {
                "name": name,
                "x": x.tolist(),
                "y": y.tolist(),
                "signalVariance": float(k.k1.k1.constant_value),
                "lengthscales": np.atleast_1d(k.k1.k2.length_scale).astype(float).tolist(),
                "noiseVariance": float(k.k2.noise_level),
                "logMarginalLikelihood": float(gp.log_marginal_likelihood_value_),
                "testX": xt.tolist(),
                "mean": mean.tolist(),
                "std": std.tolist(),
            }
        )
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Tests", "SearchTests", "Fixtures", "gp_sklearn.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    for c in out["cases"]:
        print(c["name"], c["signalVariance"], c["lengthscales"], c["noiseVariance"], c["logMarginalLikelihood"])


if __name__ == "__main__":
    main()

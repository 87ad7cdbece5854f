#!/usr/bin/env python3
"""Writes Tests/SearchTests/Fixtures/fanova.json: fixed trials of a known function and the
fANOVA importances Optuna 5.0.0 assigns to them.

    python3 -m venv /tmp/venv-optuna-rf
    /tmp/venv-optuna-rf/bin/pip install optuna==5.0.0 scikit-learn
    /tmp/venv-optuna-rf/bin/python scripts/make_fanova_fixture.py

The objective f = x^2 + 2 y + 12 [c == "b"] + 0.3 z over x in [-5, 5], y in [0, 10],
z in [-1, 1], c in {a, b, c}, at 200 uniform points (numpy seed 0). All floats are linear, so
Optuna's raw-scale transform and MetaProbe's unit encoding give the same trees up to rescaling.
Importances for seeds 0..9 are stored too, to show how much Optuna's own forest noise moves them.
"""

import json
import pathlib

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution
from optuna.importance import FanovaImportanceEvaluator, get_param_importances

optuna.logging.set_verbosity(optuna.logging.WARNING)

rng = np.random.default_rng(0)
distributions = {
    "x": FloatDistribution(-5.0, 5.0),
    "y": FloatDistribution(0.0, 10.0),
    "z": FloatDistribution(-1.0, 1.0),
    "c": CategoricalDistribution(["a", "b", "c"]),
}


def objective(p):
    return p["x"] ** 2 + 2.0 * p["y"] + (12.0 if p["c"] == "b" else 0.0) + 0.3 * p["z"]


trials = []
for _ in range(200):
    p = {
        "x": float(rng.uniform(-5, 5)),
        "y": float(rng.uniform(0, 10)),
        "z": float(rng.uniform(-1, 1)),
        "c": ["a", "b", "c"][int(rng.integers(0, 3))],
    }
    trials.append({"params": p, "value": objective(p)})

study = optuna.create_study()
study.add_trials(
    [
        optuna.trial.create_trial(params=t["params"], distributions=distributions, value=t["value"])
        for t in trials
    ]
)

importances = dict(get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0)))
by_seed = [
    dict(get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=s)))
    for s in range(10)
]

out = {
    "optuna_version": optuna.__version__,
    "space": {"x": [-5, 5], "y": [0, 10], "z": [-1, 1], "c": ["a", "b", "c"]},
    "trials": trials,
    "importances": importances,
    "importances_by_seed": by_seed,
}
path = pathlib.Path(__file__).resolve().parent.parent / "Tests/SearchTests/Fixtures/fanova.json"
path.parent.mkdir(parents=True, exist_ok=True)
path.write_text(json.dumps(out, indent=1) + "\n")
print(importances)
for name in importances:
    vals = [d[name] for d in by_seed]
    print(name, "seed spread", min(vals), max(vals))

#!/usr/bin/env python3
"""Writes Tests/StorageTests/Fixtures/optuna_trials_dataframe.csv with Optuna's own exporter.

A tiny seeded study (TPE, seed 7) with a float, a log-float, an int and a categorical
parameter, user attributes, some PRUNED and some FAIL trials, exported with
`study.trials_dataframe().to_csv(...)`, the way users hand us their Optuna logs.

Run: python3 -m venv /tmp/venv-optuna && /tmp/venv-optuna/bin/pip install optuna==5.0.0 pandas
     /tmp/venv-optuna/bin/python scripts/make_optuna_export_fixture.py
"""
import json
import pathlib

import optuna

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "StorageTests" / "Fixtures"


def objective(trial: optuna.Trial) -> float:
    x = trial.suggest_float("x", -5.0, 5.0)
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    layers = trial.suggest_int("layers", 1, 6)
    act = trial.suggest_categorical("activation", ["relu", "tanh", "gelu"])
    trial.set_user_attr("fold", trial.number % 3)
    trial.set_user_attr("note", f"run-{trial.number}")
    if trial.number % 7 == 5:
        raise RuntimeError("simulated failure")
    value = (x - 1.0) ** 2 + (layers - 3) ** 2 + abs(lr - 1e-3) * 100 + (act == "tanh") * 0.5
    for step in range(3):
        trial.report(value + (2 - step), step)
        if trial.number % 5 == 4 and step == 1:
            raise optuna.TrialPruned()
    return value


def main() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    study = optuna.create_study(
        study_name="fixture", direction="minimize", sampler=optuna.samplers.TPESampler(seed=7)
    )
    study.optimize(objective, n_trials=24, catch=(RuntimeError,))
    df = study.trials_dataframe()
    OUT.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT / "optuna_trials_dataframe.csv", index=False)
    counts = df["state"].value_counts().to_dict()
    summary = {
        "optuna": optuna.__version__,
        "columns": list(df.columns),
        "states": {k: int(v) for k, v in counts.items()},
        "best_number": study.best_trial.number,
        "best_value": study.best_value,
        "best_params": study.best_params,
    }
    (OUT / "optuna_trials_dataframe.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()

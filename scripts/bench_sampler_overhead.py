#!/usr/bin/env python3
"""Sampler overhead: MetaProbe's Study ask/tell against Optuna 5.0.0's, same space, same run.

For each sampler (random, TPE) and trial count n (100, 1000): a fresh in-memory study runs n
ask/tell trials of a trivial objective (x² + y²) over the space
    x ∈ [-5, 5], y ∈ [-5, 5], lr ∈ [1e-5, 1e-1] (log), kind ∈ {a, b, c},
repeated R times; the table gives the median total seconds of each and the ratio
MetaProbe / Optuna (< 1 means MetaProbe is faster). Targets: random ≤ 0.1, TPE ≤ 0.2.

Both sides use seed 0, no pruner, and *independent* TPE: Optuna 5.0's TPESampler defaults to
multivariate=True for single-objective studies, MetaProbe's to multivariate=False, so Optuna
is given TPESampler(seed=0, multivariate=False) explicitly; the other TPE settings are
Optuna 5.0's defaults on both sides (10 startup trials, 24 EI candidates, constant liar).
Optuna's logging is silenced. Trials are asked/told in a loop (not study.optimize), as ours.

Environment: this script expects optuna==5.0.0 importable (scripts/requirements-bench.txt);
`make bench-compare` installs it into .venv, builds sampler-overhead and runs this script.

Usage: python scripts/bench_sampler_overhead.py --timing Benchmarks/.build/release/sampler-overhead
           [--runs 5] [--tpe-1000-runs 5] [--samplers random,tpe] [--trials 100,1000]
"""
import argparse
import json
import statistics
import subprocess
import time

import optuna


def objective_space(trial):
    x = trial.suggest_float("x", -5, 5)
    y = trial.suggest_float("y", -5, 5)
    trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    trial.suggest_categorical("kind", ["a", "b", "c"])
    return x * x + y * y


def make_sampler(name):
    if name == "random":
        return optuna.samplers.RandomSampler(seed=0)
    return optuna.samplers.TPESampler(seed=0, multivariate=False)


def time_optuna(name, n, runs):
    totals = []
    for _ in range(runs):
        t0 = time.perf_counter()
        study = optuna.create_study(direction="minimize", sampler=make_sampler(name),
                                    pruner=optuna.pruners.NopPruner())
        for _ in range(n):
            trial = study.ask()
            study.tell(trial, objective_space(trial))
        totals.append(time.perf_counter() - t0)
    return statistics.median(totals)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timing", required=True, help="path of the sampler-overhead executable")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tpe-1000-runs", type=int, default=None, help="repeats for TPE at n ≥ 1000 (default --runs)")
    ap.add_argument("--samplers", default="random,tpe")
    ap.add_argument("--trials", default="100,1000")
    args = ap.parse_args()
    tpe_large = args.tpe_1000_runs or args.runs
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    assert optuna.__version__ == "5.0.0", f"expected optuna 5.0.0, found {optuna.__version__}"

    out = subprocess.run([args.timing, "--samplers", args.samplers, "--trials", args.trials,
                          "--runs", str(args.runs), "--tpe-1000-runs", str(tpe_large)],
                         check=True, capture_output=True, text=True).stdout
    ours = {(r["sampler"], r["n"]): r for r in map(json.loads, out.splitlines())}
    targets = {"random": 0.1, "tpe": 0.2}
    print("Sampler overhead: n ask/tell trials on an in-memory study, median total seconds")
    print(f"{'sampler':<8} {'n':>5} {'runs':>4} {'Optuna (s)':>11} {'MetaProbe (s)':>14} "
          f"{'MetaProbe/Optuna':>17} {'target':>7}")
    for name in args.samplers.split(","):
        for n in map(int, args.trials.split(",")):
            runs = tpe_large if name == "tpe" and n >= 1000 else args.runs
            theirs = time_optuna(name, n, runs)
            mine = ours[(name, n)]["median_s"]
            ratio = mine / theirs
            verdict = "met" if ratio <= targets[name] else "MISSED"
            print(f"{name:<8} {n:>5} {runs:>4} {theirs:11.4f} {mine:14.4f} {ratio:17.4f} "
                  f"{f'≤{targets[name]}':>5} {verdict}", flush=True)


if __name__ == "__main__":
    main()

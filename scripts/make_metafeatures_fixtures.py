"""Writes the pymfe 0.4.4 reference values that MetaFeaturesTests compare against.

Run with the pymfe virtual environment from the repository root:

    python3 -m venv /tmp/venv-mfe && /tmp/venv-mfe/bin/pip install -r scripts/requirements-mfe.txt
    /tmp/venv-mfe/bin/python scripts/make_metafeatures_fixtures.py

Writes Tests/MetaFeaturesTests/Fixtures/:
  pymfe-<dataset>.json   {"dataset", "path", "groups", "summary", "features": {name: value|null}}
  edge-*.csv             the synthetic edge-case datasets (also fed to pymfe)
  shapiro.json           scipy.stats.shapiro (W, p) on a set of samples
"""
import itertools
import json
import os
import sys
import warnings

import gower
import igraph
import numpy as np
import scipy.linalg
import scipy.stats
import sklearn.model_selection
import sklearn.neighbors
import sklearn.tree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mfe_data  # noqa: E402
from pymfe.complexity import MFEComplexity  # noqa: E402
from pymfe.mfe import MFE  # noqa: E402

warnings.filterwarnings("ignore")
OUT = os.path.join(mfe_data.ROOT, "Tests", "MetaFeaturesTests", "Fixtures")
GROUPS = ["general", "statistical", "info-theory", "landmarking", "model-based"]
COMPLEXITY_MAX_ROWS = 1000


def clean(v):
    v = float(v)
    return None if np.isnan(v) or np.isinf(v) else v


def extract(X, y, cat_cols, groups, summary=("mean", "sd")):
    mfe = MFE(groups=groups, summary=list(summary), random_state=0)
    mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
    names, values = mfe.extract(suppress_warnings=True)
    return {n: clean(v) for n, v in zip(names, values)}


def independent(X, y, cat_cols):
    """Reference values where pymfe 0.4.4 itself gives no usable reference.

    - density, cls_coef, n3: pymfe picks neighbours with np.argpartition, whose choice among
      equal (float32 Gower) distances is arbitrary; here ties go to the lower index (stable
      argsort) on pymfe's own distance matrix.
    - hubs: igraph's hub score on that same graph (ties by index).
    - t1: pymfe's ft_t1 with a stable argsort of the sphere masses (numpy's default sort is not
      stable, so spheres of equal mass may be visited in any order).
    - n4: pymfe's own interpolation (random_state=0) and Gower test distances, 1-NN by the
      first minimum (np.argmin) instead of sklearn's argpartition.
    - f1v: pymfe 0.4.4 always returns NaN with numpy >= 2 (it assigns a 1x1 array into a float
      slot); here is its formula with that assignment fixed.
    """
    mfe = MFE(groups=["complexity"], features=["n1"], random_state=0)
    mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
    pre, N = mfe._precomp_args_ft, mfe._custom_args_ft["N"]
    D = pre["norm_dist_mat"]
    n = len(y)
    out = {}
    if len(np.unique(y)) > 1:
        k = max(int(round(n * 0.15)), 1)
        A = np.zeros((n, n))
        nn = np.zeros(n, dtype=int)
        for i in range(n):
            d = D[i].astype(float).copy()
            d[i] = np.inf
            order = np.argsort(d, kind="stable")
            nn[i] = order[0]
            A[i, order[:k]] = D[i, order[:k]]
        for c in np.unique(y):
            msk = y == c
            A[msk] *= msk.astype(float)
        A = np.maximum(A, A.T)
        g = igraph.Graph.Weighted_Adjacency(A, mode="undirected")
        out["density"] = clean(1.0 - g.density())
        out["cls_coef"] = clean(1.0 - g.transitivity_undirected(mode="zero"))
        hubs = 1.0 - np.asarray(g.hub_score())
        out["hubs.mean"], out["hubs.sd"] = clean(np.mean(hubs)), clean(np.std(hubs, ddof=1))
        cls_inds = np.array([y == c for c in np.unique(y)])
        N_scaled = pre["N_scaled"] if "N_scaled" in pre else MFEComplexity._scale_N(N)
        argsort = np.argsort
        np.argsort = lambda a, *args, **kw: argsort(a, kind="stable")
        try:
            out["t1"] = clean(MFEComplexity.ft_t1(N, y, cls_inds=cls_inds, N_scaled=N_scaled, norm_dist_mat=D,
                                                  orig_dist_mat_min=0.0, orig_dist_mat_ptp=1.0))
        finally:
            np.argsort = argsort
        N_int, y_int = MFEComplexity._interpolate(N=N_scaled, y=y, cls_inds=cls_inds, random_state=0)
        test = gower.gower_matrix(N_int, N_scaled)
        n4 = (y[np.argmin(test, axis=1)] != y_int).astype(float)
        out["n4.mean"], out["n4.sd"] = clean(np.mean(n4)), clean(np.std(n4, ddof=1))
        mis = (y[nn] != y).astype(float)
        out["n3.mean"], out["n3.sd"] = clean(np.mean(mis)), clean(np.std(mis, ddof=1))
        classes, freqs = np.unique(y, return_counts=True)
        vals = []
        for a, b in itertools.combinations(range(classes.size), 2):
            Na, Nb = N[y == classes[a]], N[y == classes[b]]
            W = (freqs[a] * np.cov(Na, rowvar=False) + freqs[b] * np.cov(Nb, rowvar=False)) / (freqs[a] + freqs[b])
            diff = (Na.mean(0) - Nb.mean(0)).reshape(-1, 1)
            direc = scipy.linalg.pinv(W) @ diff
            vals.append(1.0 / (1.0 + ((direc.T @ diff @ diff.T @ direc) / (direc.T @ W @ direc)).item()))
        out["f1v.mean"] = clean(np.mean(vals))
        out["f1v.sd"] = clean(np.std(vals, ddof=1)) if len(vals) > 1 else None
    return out


def independent_landmarking(X, y, cat_cols):
    """pymfe's landmarkers with the ties it leaves to implementation details made explicit.

    - elite_nn: pymfe's KNeighborsClassifier(n_neighbors=1) (algorithm="auto": a k-d tree on
      one column) on the attribute the stable ranking below puts last.
    - worst_node, elite_nn: the attribute ranking is np.argsort of the tree importances, whose
      order among equal importances is that of numpy's SIMD sort (machine-dependent); here
      kind="stable" (least important = lowest index among ties, most = highest).
    """
    mfe = MFE(groups=["landmarking"], features=["one_nn"], random_state=0)
    mfe.fit(mfe_data.to_mfe_input(X, cat_cols), y, cat_cols=cat_cols, suppress_warnings=True)
    N, y = mfe._custom_args_ft["N"], mfe.y
    skf = sklearn.model_selection.StratifiedKFold(n_splits=10)
    scores = {"elite_nn": [], "worst_node": []}
    for tr, te in skf.split(N, y):
        imp = sklearn.tree.DecisionTreeClassifier(random_state=0).fit(N[tr], y[tr]).feature_importances_
        rank = np.argsort(imp, kind="stable")
        knn = sklearn.neighbors.KNeighborsClassifier(n_neighbors=1)
        a = [rank[-1]]
        scores["elite_nn"].append(np.mean(knn.fit(N[tr][:, a], y[tr]).predict(N[te][:, a]) == y[te]))
        w = [rank[0]]
        stump = sklearn.tree.DecisionTreeClassifier(max_depth=1, random_state=0)
        scores["worst_node"].append(np.mean(stump.fit(N[tr][:, w], y[tr]).predict(N[te][:, w]) == y[te]))
    out = {}
    for name, vals in scores.items():
        out[f"{name}.mean"] = clean(np.mean(vals))
        out[f"{name}.sd"] = clean(np.std(vals, ddof=1))
    return out


def write(name, path, groups, summary, features, error=None, supplement=None):
    doc = {"dataset": name, "path": path, "groups": groups, "summary": list(summary),
           "features": features}
    if supplement:
        doc["independent"] = supplement
    if error:
        doc["pymfe_error"] = error
    with open(os.path.join(OUT, f"pymfe-{name}.json"), "w") as fh:
        json.dump(doc, fh, indent=1, sort_keys=True)


def edge_cases():
    rng = np.random.default_rng(7)
    cases = {}
    x = rng.normal(size=(30, 2))
    cases["edge-constant"] = (
        ["a,b,const,target"]
        + [f"{r[0]:.6f},{r[1]:.6f},5,{'p' if i % 3 else 'q'}" for i, r in enumerate(x)])
    x = rng.normal(size=(20, 3))
    cases["edge-single-class"] = (
        ["a,b,c,target"] + [f"{r[0]:.6f},{r[1]:.6f},{r[2]:.6f},only" for r in x])
    cases["edge-three-rows"] = ["a,b,target", "1.5,2.0,x", "0.5,3.5,y", "2.5,1.0,x"]
    cols = [["red", "green", "blue"], ["s", "m", "l", "xl"], ["yes", "no"]]
    lines = ["colour,size,flag,target"]
    for i in range(40):
        row = [c[int(rng.integers(len(c)))] for c in cols]
        lines.append(",".join(row + [["c1", "c2", "c3"][i % 3]]))
    cases["edge-all-categorical"] = lines
    for name, lines in cases.items():
        with open(os.path.join(OUT, f"{name}.csv"), "w") as fh:
            fh.write("\n".join(lines) + "\n")
    return [(name, os.path.join("Tests/MetaFeaturesTests/Fixtures", f"{name}.csv")) for name in cases]


def shapiro_cases():
    rng = np.random.default_rng(11)
    samples = []
    for n in [3, 4, 5, 6, 7, 8, 11, 12, 20, 50, 200, 1000, 5000]:
        samples.append(rng.normal(size=n))
        samples.append(rng.exponential(size=n))
    samples.append(np.array([1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0]))
    X, _, _ = mfe_data.load("datasets/sklearn/iris.csv")
    samples += [X[:, j].astype(float) for j in range(4)]
    out = []
    for s in samples:
        w, p = scipy.stats.shapiro(s)
        out.append({"x": [float(v) for v in s], "w": float(w), "p": float(p)})
    with open(os.path.join(OUT, "shapiro.json"), "w") as fh:
        json.dump(out, fh)


def main():
    os.makedirs(OUT, exist_ok=True)
    shapiro_cases()
    datasets = mfe_data.DATASETS + edge_cases()
    for name, path in datasets:
        X, y, cat_cols = mfe_data.load(path)
        groups = list(GROUPS)
        if X.shape[0] <= COMPLEXITY_MAX_ROWS:
            groups.append("complexity")
        try:
            feats = extract(X, y, cat_cols, groups)
            try:
                sup = independent(X, y, cat_cols) if "complexity" in groups else None
            except Exception:  # degenerate data (e.g. 3 rows): no independent reference
                sup = None
            try:
                sup = {**(sup or {}), **independent_landmarking(X, y, cat_cols)}
            except Exception:  # fewer rows than folds: pymfe gives NaN, no reference either
                pass
            write(name, path, groups, ("mean", "sd"), feats, supplement=sup)
        except Exception as err:  # pymfe fails on some edge cases; record why
            write(name, path, groups, ("mean", "sd"), {}, error=repr(err))
        print(name, X.shape, len(cat_cols), "ok", flush=True)
    # The other summaries, on one dataset.
    X, y, cat_cols = mfe_data.load("datasets/sklearn/iris.csv")
    summ = ("mean", "sd", "var", "min", "max", "median")
    base = ["general", "statistical", "info-theory"]
    write("iris-summaries", "datasets/sklearn/iris.csv", base, summ,
          extract(X, y, cat_cols, base, summ))


if __name__ == "__main__":
    main()

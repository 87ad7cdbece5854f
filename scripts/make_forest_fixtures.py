#!/usr/bin/env python3
"""Generate Tests/ForestTests/Fixtures/*.json: scikit-learn reference scores for the Forest module.

Run from the repository root with a Python that has numpy and scikit-learn (1.9.1 was used):
    /tmp/venv/bin/python scripts/make_forest_fixtures.py

Each file holds one dataset (X as a list of rows, y), the test indices of each of the 5 folds
(StratifiedKFold(5, shuffle=True, random_state=0) for classification, KFold(5, shuffle=True,
random_state=0) for regression), per model the score on each fold (accuracy for classifiers,
R² for regressors), OOB scores, and the default random forest's feature_importances_ on all
rows. Models use sklearn defaults with random_state=0 and n_estimators=100, so the Swift test
fits the same models on the same folds and compares the mean over folds. For the single tree,
"decisionTreeSeedMean" holds each fold's score averaged over random_state 0..9.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine, make_friedman1
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/ForestTests/Fixtures"

CLASSIFIERS = {
    "decisionTree": lambda: DecisionTreeClassifier(random_state=0),
    "randomForest": lambda: RandomForestClassifier(n_estimators=100, random_state=0, oob_score=True),
    "extraTrees": lambda: ExtraTreesClassifier(n_estimators=100, random_state=0),
}
REGRESSORS = {
    "decisionTree": lambda: DecisionTreeRegressor(random_state=0),
    "randomForest": lambda: RandomForestRegressor(n_estimators=100, random_state=0, oob_score=True),
    "extraTrees": lambda: ExtraTreesRegressor(n_estimators=100, random_state=0),
}


def fixture(name, task, x, y, splitter, models):
    folds = [test.tolist() for _, test in splitter.split(x, y)]
    scores = {}
    oob = {}
    for model_name, make in models.items():
        fold_scores = []
        fold_oob = []
        for train, test in splitter.split(x, y):
            model = make().fit(x[train], y[train])
            fold_scores.append(float(model.score(x[test], y[test])))
            if hasattr(model, "oob_score_"):
                fold_oob.append(float(model.oob_score_))
        scores[model_name] = fold_scores
        if fold_oob:
            oob[model_name] = fold_oob
    # A fully grown single tree breaks exact ties between features by its random feature order, so
    # its test score depends on random_state (sd ≈ 0.02 R² on diabetes); also store the per-fold
    # score averaged over random_state 0..9, which the Swift test compares against its own 10 seeds.
    make_tree = models["decisionTree"]
    scores["decisionTreeSeedMean"] = [
        float(np.mean([make_tree().set_params(random_state=seed).fit(x[train], y[train]).score(x[test], y[test])
                       for seed in range(10)]))
        for train, test in splitter.split(x, y)
    ]
    # Impurity importances of the default random forest fitted on all rows (seed-to-seed spread of
    # scikit-learn itself: ≈ 0.014 max abs on friedman1, ≈ 0.1 on breast_cancer's correlated features).
    importances = models["randomForest"]().fit(x, y).feature_importances_
    doc = {
        "name": name,
        "task": task,
        "sklearn": sklearn.__version__,
        "classCount": int(len(np.unique(y))) if task == "classification" else 0,
        # 17 significant digits round-trip doubles exactly.
        "x": [[float(f"{v:.17g}") for v in row] for row in x],
        "y": [int(v) for v in y] if task == "classification" else [float(v) for v in y],
        "folds": folds,
        "scores": scores,
        "oobScores": oob,
        "randomForestImportances": [float(v) for v in importances],
    }
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(doc, separators=(",", ":")))
    print(f"{path.name}: {x.shape}, {path.stat().st_size / 1e6:.2f} MB, "
          + ", ".join(f"{k} {np.mean(v):.4f}" for k, v in scores.items()))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    strat = StratifiedKFold(5, shuffle=True, random_state=0)
    kfold = KFold(5, shuffle=True, random_state=0)
    for name, loader in [("iris", load_iris), ("wine", load_wine), ("breast_cancer", load_breast_cancer)]:
        x, y = loader(return_X_y=True)
        fixture(name, "classification", x, y, strat, CLASSIFIERS)
    x, y = make_friedman1(n_samples=300, random_state=0)
    fixture("friedman1", "regression", x, y, kfold, REGRESSORS)
    x, y = load_diabetes(return_X_y=True)
    fixture("diabetes", "regression", x, y, kfold, REGRESSORS)


if __name__ == "__main__":
    main()

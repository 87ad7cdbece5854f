#!/usr/bin/env python3
"""Reference cross-validation scores of scikit-learn pipelines for the Learners tests.

For iris, wine, breast_cancer and digits (scikit-learn's loaders; the same rows, in the same order,
as datasets/sklearn/*.csv), draws StratifiedKFold(5, shuffle=True, random_state=0) folds and scores,
per fold, each learner with scikit-learn's defaults inside the preprocessing MetaProbe applies by
default (StandardScaler for the scale-sensitive learners). Writes
Tests/LearnersTests/Fixtures/pipeline_cv.json: per dataset the test indices of each fold and the
fold accuracies of every learner. Run with scikit-learn 1.9.1 (scripts/requirements-datasets.txt).
"""
import json
import os
import warnings

from sklearn import datasets
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

warnings.simplefilter("ignore", ConvergenceWarning)

LEARNERS = {
    "decision_tree": lambda: DecisionTreeClassifier(random_state=0),
    "random_forest": lambda: RandomForestClassifier(random_state=0),
    "extra_trees": lambda: ExtraTreesClassifier(random_state=0),
    "svm": lambda: make_pipeline(StandardScaler(), SVC()),
    "logistic_regression": lambda: make_pipeline(StandardScaler(), LogisticRegression()),
    "knn": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier()),
    "gaussian_nb": lambda: GaussianNB(),
    "mlp": lambda: make_pipeline(StandardScaler(), MLPClassifier(random_state=0)),
}


def main():
    out = {}
    for name, loader in [("iris", datasets.load_iris), ("wine", datasets.load_wine),
                         ("breast_cancer", datasets.load_breast_cancer), ("digits", datasets.load_digits)]:
        X, y = loader(return_X_y=True)
        folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
        entry = {"test_folds": [test.tolist() for _, test in folds], "accuracy": {}}
        for learner, make in LEARNERS.items():
            scores = []
            for train, test in folds:
                model = make().fit(X[train], y[train])
                scores.append(round(float((model.predict(X[test]) == y[test]).mean()), 10))
            entry["accuracy"][learner] = scores
            print(f"{name:14s} {learner:20s} {sum(scores) / len(scores):.4f}")
        out[name] = entry
    path = os.path.join(os.path.dirname(__file__), "..", "Tests", "LearnersTests", "Fixtures", "pipeline_cv.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

"""Writes Tests/ModelsTests/Fixtures/<dataset>.json: scikit-learn reference values for the
classic Learners models (SVC rbf/linear, LogisticRegression, KNeighborsClassifier, GaussianNB).

Run with a Python that has scikit-learn (tested with 1.9.1):
    /tmp/venv/bin/python scripts/make_learners_fixtures.py

For each dataset (iris, wine, breast_cancer, digits, loaded from sklearn.datasets) it builds
StratifiedKFold(5, shuffle=True, random_state=0), fits on each training fold
Pipeline(StandardScaler(), model) -- plain GaussianNB() without a scaler -- and stores X, y, the
fold test indices, the per-fold accuracies and, for fold 0, the predicted labels together with
predict_proba (LR, kNN, NB) or the one-vs-one decision_function (SVC). Floats are rounded to
10 significant digits.
"""

import json
import os

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ModelsTests", "Fixtures")
STORED_FOLD = 0


def r(v):
    v = float(f"{float(v):.10g}")
    return int(v) if v.is_integer() and abs(v) < 2**53 else v  # "3" is shorter than "3.0"


def rounded(a):
    a = np.asarray(a)
    if a.ndim == 1:
        return [r(v) for v in a]
    return [[r(v) for v in row] for row in a]


def models():
    # SVC's decision_function_shape only changes decision_function's output, not the model:
    # 'ovo' exposes libsvm's k(k-1)/2 pairwise values (for two classes: one column, positive
    # towards class 1), which is what the Swift model returns.
    return {
        "svc_rbf": lambda: make_pipeline(StandardScaler(), SVC(decision_function_shape="ovo")),
        "svc_linear": lambda: make_pipeline(
            StandardScaler(), SVC(kernel="linear", decision_function_shape="ovo")),
        "logistic_regression": lambda: make_pipeline(StandardScaler(), LogisticRegression()),
        "knn": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier()),
        "gaussian_nb": lambda: GaussianNB(),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    loaders = {
        "iris": datasets.load_iris,
        "wine": datasets.load_wine,
        "breast_cancer": datasets.load_breast_cancer,
        "digits": datasets.load_digits,
    }
    for name, load in loaders.items():
        x, y = load(return_X_y=True)
        folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(x, y))
        record = {
            "name": name,
            "sklearn_version": sklearn.__version__,
            "x": rounded(x),
            "y": [int(v) for v in y],
            "fold_test_indices": [[int(i) for i in test] for _, test in folds],
            "stored_fold": STORED_FOLD,
            "models": {},
        }
        for key, make in models().items():
            accuracies = []
            entry = {}
            for f, (train, test) in enumerate(folds):
                model = make().fit(x[train], y[train])
                predicted = model.predict(x[test])
                accuracies.append(float(np.mean(predicted == y[test])))
                if f == STORED_FOLD:
                    entry["predictions"] = [int(v) for v in predicted]
                    if key.startswith("svc"):
                        entry["decision_function"] = rounded(
                            np.asarray(model.decision_function(x[test])).reshape(len(test), -1))
                        entry["support_vector_count"] = int(model[-1].support_.size)
                    else:
                        entry["probabilities"] = rounded(model.predict_proba(x[test]))
            entry["fold_accuracies"] = [r(a) for a in accuracies]
            entry["mean_accuracy"] = r(np.mean(accuracies))
            record["models"][key] = entry
            print(f"{name:14s} {key:20s} mean accuracy {np.mean(accuracies):.4f}")
        path = os.path.join(OUT, f"{name}.json")
        with open(path, "w") as fh:
            json.dump(record, fh, separators=(",", ":"))
        print(f"wrote {path} ({os.path.getsize(path) / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()

"""Fit the target-aware tone layer of framing.sentiment on the NewsMTSC training split.

    python benchmarks/fit_tone_model.py [TRAIN_JSONL] [--out framing/data/tone_model.json]

Reads train.jsonl only (never the test split), computes ``framing.sentiment.tone_features``
for every item (VADER scores and cues of news writing), standardises them and fits a
multinomial logistic regression with balanced class weights. C is chosen by stratified
5-fold cross-validation on the training data (macro-F1). The fitted layer is written as a
small JSON file with sorted keys and rounded floats, so a refit with the same data and
library versions is byte-identical.

Data: NewsMTSC (Hamborg & Donnay, EACL 2021; fhamborg/NewsMTSC, MIT licence).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from framing.sentiment import FEATURE_NAMES, Cues, tone_features, use_cues  # noqa: E402

DEFAULT_TRAIN = REPO.parent / "shared" / "benchmarks" / "target_sentiment" / "train.jsonl"
DEFAULT_OUT = REPO / "framing" / "data" / "tone_model.json"
CUES = Path(__file__).resolve().parent / "tone_cues.toml"
SEED = 0
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
CLASSES = ("negative", "neutral", "positive")
DIGITS = 6


def read_items(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def feature_matrix(items: list[dict]) -> np.ndarray:
    return np.vstack([tone_features(x["sentence"], x["target_start"], x["target_end"]) for x in items])


def _round(values, digits: int = DIGITS):
    arr = np.asarray(values, dtype=float)
    out = np.round(arr, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return out.tolist()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    import tomllib

    cues = Cues(tomllib.loads(CUES.read_text(encoding="utf-8")))
    use_cues(cues)  # the features are computed with the cue words this model will carry
    items = read_items(args.train)
    y = np.array([x["label"] for x in items])
    t0 = time.perf_counter()
    X = feature_matrix(items)
    print(f"{len(items)} training items, {X.shape[1]} features ({time.perf_counter() - t0:.1f} s)")

    def model(C: float):
        return make_pipeline(
            StandardScaler(),
            LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="lbfgs"),
        )

    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    cv_scores: dict[str, float] = {}
    for C in C_GRID:
        pred = cross_val_predict(model(C), X, y, cv=folds)
        cv_scores[repr(C)] = round(float(f1_score(y, pred, average="macro")), 4)
        print(f"  C={C:<6} CV macro-F1 {cv_scores[repr(C)]:.4f}")
    # best CV score; ties go to the smaller C (stronger regularisation)
    best_C = max(C_GRID, key=lambda c: (cv_scores[repr(c)], -c))
    print(f"chosen C={best_C}")

    fitted = model(best_C).fit(X, y)
    scaler, lr = fitted[0], fitted[-1]
    order = [list(lr.classes_).index(c) for c in CLASSES]
    data = {
        "cues": cues.data,
        "about": "Target-aware tone layer of framing.sentiment: multinomial logistic regression "
        "over VADER features, fitted by benchmarks/fit_tone_model.py on NewsMTSC train "
        "(Hamborg & Donnay, EACL 2021, MIT).",
        "classes": list(CLASSES),
        "coef": [_round(lr.coef_[i]) for i in order],
        "intercept": _round(lr.intercept_[order]),
        "feature_names": list(FEATURE_NAMES),
        "scaler_mean": _round(scaler.mean_),
        "scaler_scale": _round(scaler.scale_),
        "fitting": {
            "model": "StandardScaler + LogisticRegression(multinomial, lbfgs)",
            "class_weight": "balanced",
            "C": best_C,
            "C_grid": list(C_GRID),
            "cv": f"StratifiedKFold({FOLDS}, shuffle=True, random_state={SEED}) on train only",
            "cv_macro_f1": cv_scores,
            "max_iter": 5000,
            "seed": SEED,
            "scikit_learn": metadata.version("scikit-learn"),
            "vaderSentiment": metadata.version("vaderSentiment"),
        },
        "train": {
            "file": args.train.name,
            "sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
            "n": len(items),
            "labels": dict(sorted(Counter(y.tolist()).items())),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fit the target-aware tone layer of framing.sentiment on the NewsMTSC training split.

    python benchmarks/fit_tone_model.py [TRAIN_JSONL] [--out framing/data/tone_model.json]

Reads train.jsonl only (never the test split), computes ``framing.sentiment.tone_features``
for every item (VADER scores and cues of news writing) and the tf-idf of the words around the
person (``framing.sentiment.lexical_terms``: the sentence with its words' stems and the
n-grams touching the person, a window either side, the person's clause; terms seen in fewer
than MIN_DF training sentences dropped), standardises the first
and fits a multinomial logistic regression with balanced class weights over both. C is chosen by stratified
5-fold cross-validation on the training data (macro-F1). The fitted layer is written as a
small JSON file with sorted keys and rounded floats, so a refit with the same data and
library versions is byte-identical.

Data: NewsMTSC (Hamborg & Donnay, EACL 2021; fhamborg/NewsMTSC, MIT licence).
"""

from __future__ import annotations

import os

# One thread for BLAS and OpenMP, set before numpy and scikit-learn load them: a sum split
# over threads rounds differently from run to run, and the refit must give the shipped bytes.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from importlib import metadata  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from framing.sentiment import FEATURE_NAMES, Cues, lexical_terms, tone_features, use_cues  # noqa: E402

DEFAULT_TRAIN = REPO.parent / "shared" / "benchmarks" / "target_sentiment" / "train.jsonl"
DEFAULT_OUT = REPO / "framing" / "data" / "tone_model.json"
CUES = Path(__file__).resolve().parent / "tone_cues.toml"
SEED = 0
C_GRID = (0.5, 0.7, 1.0, 1.4, 2.0)  # CV macro-F1 is flat within about 0.005 over 0.7-1.4
MIN_DF = 3  # a word in fewer training sentences carries no weight
DENSE_WEIGHT = 0.5  # the standardised VADER and cue features, against the unit-length word vectors
FOLDS = 5
CLASSES = ("negative", "neutral", "positive")
DIGITS = 5
FINAL_TOL = 1e-9


def read_items(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def feature_matrix(items: list[dict]) -> np.ndarray:
    return np.vstack([tone_features(x["sentence"], x["target_start"], x["target_end"]) for x in items])


def _round(values, digits: int = DIGITS):
    arr = np.asarray(values, dtype=float)
    out = np.round(arr, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return out.tolist()


def lexical_matrices(items: list[dict], cues: Cues):
    """The tf-idf matrices of the sentence words and the context words (see
    ``framing.sentiment.lexical_terms``), with their fitted vectorizers."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    terms = [lexical_terms(x["sentence"], x["target_start"], x["target_end"], cues) for x in items]
    out = []
    for k in range(2):
        vec = TfidfVectorizer(analyzer=_identity, min_df=MIN_DF, sublinear_tf=True)
        out.append((vec, vec.fit_transform([t[k] for t in terms])))
    return out


def _identity(terms):
    return terms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.preprocessing import StandardScaler

    import tomllib

    cues = Cues(tomllib.loads(CUES.read_text(encoding="utf-8")))
    use_cues(cues)  # the features are computed with the cue words this model will carry
    items = read_items(args.train)
    y = np.array([x["label"] for x in items])
    t0 = time.perf_counter()
    X = feature_matrix(items)
    scaler = StandardScaler().fit(X)
    (sent_vec, S), (ctx_vec, W) = lexical_matrices(items, cues)
    design = sparse.hstack([sparse.csr_matrix(scaler.transform(X) * DENSE_WEIGHT), S, W]).tocsr()
    print(f"{len(items)} training items, {X.shape[1]} VADER and cue features, {S.shape[1]} sentence and {W.shape[1]} context words ({time.perf_counter() - t0:.1f} s)")

    def model(C: float):
        return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="lbfgs")

    # the scaler and the vocabularies are fitted on all of train before the folds: they
    # use no labels, so the folds' scores are not inflated by them in any way that matters
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    cv_scores: dict[str, float] = {}
    for C in C_GRID:
        pred = cross_val_predict(model(C), design, y, cv=folds)
        cv_scores[repr(C)] = round(float(f1_score(y, pred, average="macro")), 4)
        print(f"  C={C:<6} CV macro-F1 {cv_scores[repr(C)]:.4f}", flush=True)
    # best CV score; ties go to the smaller C (stronger regularisation)
    best_C = max(C_GRID, key=lambda c: (cv_scores[repr(c)], -c))
    print(f"chosen C={best_C}")

    # the final fit converges far past the default tolerance, so that the coefficients no
    # longer depend on the path the optimizer took (which tiny float differences change)
    lr = LogisticRegression(C=best_C, class_weight="balanced", max_iter=100_000, tol=FINAL_TOL, solver="lbfgs").fit(design, y)
    order = [list(lr.classes_).index(c) for c in CLASSES]
    coef = lr.coef_[order]
    n_dense = X.shape[1]

    def vocabulary(vec, offset: int) -> dict[str, list[float]]:
        idf = vec.idf_
        return {
            term: _round([idf[col], *coef[:, offset + col]])
            for term, col in sorted(vec.vocabulary_.items())
        }

    data = {
        "cues": cues.data,
        "about": "Target-aware tone layer of framing.sentiment: multinomial logistic regression "
        "over VADER features and the words around the person (tf-idf), fitted by "
        "benchmarks/fit_tone_model.py on NewsMTSC train (Hamborg & Donnay, EACL 2021, MIT).",
        "classes": list(CLASSES),
        "coef": [_round(row[:n_dense]) for row in coef],
        "intercept": _round(lr.intercept_[order]),
        "feature_names": list(FEATURE_NAMES),
        "scaler_mean": _round(scaler.mean_),
        "scaler_scale": _round(scaler.scale_),
        "dense_weight": DENSE_WEIGHT,
        "lexical": {"sentence": vocabulary(sent_vec, n_dense), "context": vocabulary(ctx_vec, n_dense + S.shape[1])},
        "fitting": {
            "model": "StandardScaler (x dense_weight) + TfidfVectorizer(sublinear_tf) x 2 + LogisticRegression(multinomial, lbfgs)",
            "class_weight": "balanced",
            "C": best_C,
            "C_grid": list(C_GRID),
            "min_df": MIN_DF,
            "cv": f"StratifiedKFold({FOLDS}, shuffle=True, random_state={SEED}) on train only",
            "cv_macro_f1": cv_scores,
            "max_iter": 5000,
            "final_fit": {"tol": FINAL_TOL, "max_iter": 100_000, "digits": DIGITS},
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
    # compact: the vocabularies hold some 15,000 terms
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

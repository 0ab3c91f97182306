"""The outlets as a whole: the tree with its stability, the map, the most distinctive
features, the permutation test of outlet labels and the cross-validated classifier."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from .common import _distance_matrix, _r

def _linkage(D: np.ndarray):
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    return linkage(squareform(D, checks=False), method="average")


def _cluster_sets(Z, n: int) -> list[frozenset[int]]:
    members = {i: frozenset([i]) for i in range(n)}
    sets = []
    for k, (a, b, _, _) in enumerate(Z):
        members[n + k] = members[int(a)] | members[int(b)]
        sets.append(members[n + k])
    return sets


def _clusters(D: np.ndarray, boot_D: np.ndarray, outlets: Sequence[str]) -> dict[str, Any]:
    """Average-linkage tree with, per grouping, the share of resamples whose tree has it."""
    n = len(outlets)
    if n < 3:
        return {"method": "average linkage", "tree": None, "order": list(outlets), "note": "fewer than three outlets: no tree"}
    Z = _linkage(D)
    original = _cluster_sets(Z, n)
    boot_sets = [set(_cluster_sets(_linkage(d), n)) for d in boot_D]
    stability = {s: (sum(s in bs for bs in boot_sets) / len(boot_sets) if boot_sets else None) for s in original}

    def node(k: int) -> dict[str, Any]:
        if k < n:
            return {"outlets": [outlets[k]]}
        a, b, height, _ = Z[k - n]
        s = original[k - n]
        return {
            "outlets": sorted(outlets[i] for i in s),
            "height": _r(height),
            "stability": _r(stability[s]),
            "children": [node(int(a)), node(int(b))],
        }

    from scipy.cluster.hierarchy import leaves_list

    return {
        "method": "average linkage on RMS feature distance; stability = share of bootstrap resamples whose tree contains the same grouping",
        "tree": node(2 * n - 2),
        "order": [outlets[i] for i in leaves_list(Z)],
        "groupings": [{"outlets": sorted(outlets[i] for i in s), "stability": _r(stability[s])} for s in original if len(s) < n],
    }


def _principal_axes(point: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The mean and the first ``k`` principal axes of the rows of ``point``, as
    ``sklearn.decomposition.PCA(n_components=k, random_state=seed).fit(point)`` finds them
    (``mean_``, ``components_``; scikit-learn 1.5 or later).

    Why not PCA itself: importing scikit-learn is about 0.4 s on top of everything else
    ``framing analyze seeds`` imports, and nothing else there needs it. The map has at most
    ``MAX_OUTLETS`` rows and 30 features per prefix, at most 500 either way, where PCA's
    solver is "full": a LAPACK SVD of the centred rows, done here in the same operations,
    so the same bits. The one other shape it can take, ten times as many outlets as
    features (PCA's "covariance_eigh"), is left to PCA."""
    n, f = point.shape
    if max(n, f) > 500 or (f <= 1000 and n >= 10 * f):  # not the "full" solver: PCA decides
        from sklearn.decomposition import PCA

        pca = PCA(n_components=k, random_state=seed).fit(point)
        return pca.mean_, pca.components_
    from scipy.linalg import svd  # the one PCA calls; the tree's scipy.cluster loads it anyway

    mean = np.mean(point, axis=0)
    centred = np.array(point, copy=True)
    centred -= mean
    _, _, vt = svd(centred, full_matrices=False)
    # PCA's sign rule (svd_flip on the rows of vt): each axis's largest loading is positive.
    largest = np.argmax(np.abs(vt), axis=1) + np.arange(vt.shape[0]) * vt.shape[1]
    vt *= np.sign(np.take(np.reshape(vt, (-1,)), largest, axis=0))[:, np.newaxis]
    return mean, np.array(vt[:k, :], copy=True)


def _projection(point: np.ndarray, boot_vectors: np.ndarray, outlets, seed: int) -> list[dict[str, Any]]:
    k = min(2, len(outlets), point.shape[1])
    if k == 0 or len(outlets) < 2 or not np.any(point.var(axis=0) > 0):
        # Nothing to spread out: one outlet, or every outlet at the same point.
        return [{"outlet": o, "kind": "point", "draw": -1, "x": 0.0, "y": 0.0} for o in outlets]
    mean, axes = _principal_axes(point, k, seed)

    def transform(X: np.ndarray) -> np.ndarray:  # PCA.transform: project, then subtract the mean's projection
        xy = X @ axes.T
        xy -= np.reshape(mean, (1, -1)) @ axes.T
        return xy

    rows = []

    def pad(xy):
        return list(xy) + [0.0] * (2 - len(xy))

    for i, o in enumerate(outlets):
        x, y = pad(transform(point[i : i + 1])[0])
        rows.append({"outlet": o, "kind": "point", "draw": -1, "x": _r(x), "y": _r(y)})
    for b in range(min(len(boot_vectors), 100)):
        xy = transform(boot_vectors[b])
        for i, o in enumerate(outlets):
            x, y = pad(xy[i])
            rows.append({"outlet": o, "kind": "resample", "draw": b, "x": _r(x), "y": _r(y)})
    return rows


def _distinctive_features(point, boot_vectors, outlets, names, unit, top: int = 8) -> list[dict[str, Any]]:
    """Per outlet, the standardised features furthest from the mean of the other outlets."""
    rows = []
    n = len(outlets)
    if n < 2:
        return rows
    for i, o in enumerate(outlets):
        others = [j for j in range(n) if j != i]
        delta = point[i] - point[others].mean(axis=0)
        boot = boot_vectors[:, i, :] - boot_vectors[:, others, :].mean(axis=1) if len(boot_vectors) else None
        order = sorted(range(len(names)), key=lambda f: (-abs(delta[f]), names[f]))[:top]
        for rank, f in enumerate(order, 1):
            lo, hi = (np.percentile(boot[:, f], [2.5, 97.5]) if boot is not None else (np.nan, np.nan))
            rows.append({"outlet": o, "feature": names[f].split("__", 1)[1], "block": names[f].split("__", 1)[0], "delta": _r(delta[f]), "ci_low": _r(lo), "ci_high": _r(hi), "excludes_zero": bool(boot is not None and (lo > 0 or hi < 0)), "rank": rank, "unit": unit})
    return rows


def _permutation_test(Z: np.ndarray, units, outlets, rng, n_perm: int) -> dict[str, Any]:
    """Do outlets differ at all? Statistic: mean distance between outlet centroids over the
    mean distance of articles to their own centroid; outlet labels permuted across
    articles (our own loop: permutation_test_score with groups is degenerate when the label
    is constant within a group)."""
    index = {o: i for i, o in enumerate(outlets)}
    labels = np.asarray([index[u.outlet] for u in units])  # outlets as numbers: cheaper to compare and look up

    def statistic(lab: np.ndarray) -> float:
        cents = np.vstack([Z[lab == k].mean(axis=0) for k in range(len(outlets))])
        between = _distance_matrix(cents)[np.triu_indices(len(outlets), 1)].mean()
        own = cents[lab]
        within = float(np.sqrt(np.mean((Z - own) ** 2, axis=1)).mean()) if Z.shape[1] else 0.0
        return float(between / within) if within > 0 else float("inf")

    observed = statistic(labels)
    null = [statistic(rng.permutation(labels)) for _ in range(n_perm)]
    p = (1 + sum(v >= observed for v in null)) / (1 + n_perm)
    # Articles that do not vary within their outlet make the ratio infinite (a template
    # corpus, copies): the p-value still counts, the ratio is no number JSON can hold.
    finite = [v for v in null if np.isfinite(v)]
    return {"statistic": _r(observed) if np.isfinite(observed) else None, "p_value": _r(p), "n_perm": n_perm,
            "null_mean": _r(float(np.mean(finite))) if finite else None, "method": "between/within centroid distance ratio, outlet labels permuted across articles"}


def _classifier(Z: np.ndarray, units, names, seed: int) -> dict[str, Any]:
    """A linear classifier predicting the outlet from an article's features, with stratified
    cross-validation over articles (one article never in train and test), and how often
    each feature is among the five largest coefficients across the folds' fits (stability
    over subsamples, after Meinshausen & Buehlmann 2010).

    The model is ridge regression on one-vs-rest targets (``RidgeClassifier``): the same
    kind of linear boundary as L2 logistic regression, solved in closed form, so it stays a
    fraction of a second at 10,000 articles where the iterative fit took seconds per fold."""
    from sklearn.linear_model import RidgeClassifier
    from sklearn.model_selection import StratifiedKFold, cross_validate

    y = np.asarray([u.outlet for u in units])
    folds = min(5, int(min(Counter(y).values())))
    cv = cross_validate(RidgeClassifier(alpha=1.0), Z, y, cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed), return_estimator=True)
    scores = cv["test_score"]
    top_counts: Counter[str] = Counter()
    refits = len(cv["estimator"])
    for fitted in cv["estimator"]:
        weight = np.abs(np.atleast_2d(fitted.coef_)).max(axis=0)
        for k in np.argsort(-weight, kind="stable")[:5]:
            top_counts[names[k]] += 1
    chance = max(Counter(y).values()) / len(y)
    return {
        "accuracy": _r(float(np.mean(scores))), "accuracy_sd": _r(float(np.std(scores))), "folds": folds, "chance": _r(chance),
        "stable_features": [{"feature": f.split("__", 1)[1], "share_of_folds_in_top5": _r(c / refits)} for f, c in sorted(top_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
    }

"""Comparative models with honest uncertainty: which outlets frame alike, what sets each
apart, and what is shared and left out.

The unit of analysis decides what is honest. With fewer than ``MIN_ARTICLES_PER_OUTLET``
articles for some outlet, outlet and article are the same thing (``unit = "article"``):
intervals come from resampling sentences within each article, the noise floor is each
article's split-half distance to itself, and no outlet-level test or classifier is run.
With several articles per outlet (``unit = "outlet"``), intervals come from resampling
whole articles within outlets, a permutation test of outlet labels asks whether outlets
differ at all, and a ridge classifier is cross-validated.

Distances are root-mean-square differences between standardised, block-weighted feature
vectors (``framing.measures.units``, ``framing.compare.features``). Every random step draws from ``numpy.random.default_rng``
seeded with ``seed``.

The package: ``compare`` and ``Comparison`` here (with the resampling and noise floors);
``features`` (the transformers, with scikit-learn's interface), ``outlets`` (tree, map,
distinctive features, test, classifier), ``terms`` (distinctive words), ``shared`` (shared
and omitted quotes), ``common`` (limits, distances, rounding). scikit-learn is imported
only where the classifier is fitted (several articles per outlet).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..measures.units import ArticleUnits, article_features
from ..measures.digest import ArticleDigest
from ..types import ArticleAnalysis
from .common import MAX_OUTLETS, MIN_ARTICLES_PER_OUTLET, _as_digests, _distance_matrix, _r, _rms
from .features import make_feature_union
from .outlets import _classifier, _clusters, _distinctive_features, _permutation_test, _projection
from .shared import shared_quotes
from .terms import distinctive_terms

__all__ = ["Comparison", "FeatureTable", "MAX_OUTLETS", "MIN_ARTICLES_PER_OUTLET", "compare", "distinctive_terms", "shared_quotes"]


@dataclass(frozen=True)
class Comparison:
    unit: str  # "article" (one text per outlet) or "outlet" (several articles per outlet)
    unit_note: str
    outlets: tuple[str, ...]
    feature_names: tuple[str, ...]
    block_weights: dict[str, float]
    feature_table: FeatureTable  # the rows of features.csv, produced on demand
    similarity: list[dict[str, Any]]
    clusters: dict[str, Any]
    projection: list[dict[str, Any]]
    distinctive_features: list[dict[str, Any]]
    distinctive_terms: list[dict[str, Any]]
    shared_quotes: list[dict[str, Any]]
    outlet_test: dict[str, Any] | None = None
    classifier: dict[str, Any] | None = None
    n_boot: int = 0
    seed: int = 0
    notes: list[str] = field(default_factory=list)




def compare(
    analyses: Sequence[ArticleAnalysis] | Sequence[ArticleDigest],
    *,
    seed: int = 0,
    n_boot: int = 200,
    weights: Mapping[str, float] | None = None,
    stopwords: frozenset[str] = frozenset(),
    house_style: frozenset[str] | None = None,
) -> Comparison:
    """Compare the outlets of ``analyses`` (full analyses, or the digests a streamed run
    keeps; ``stopwords`` is only used to digest full analyses; ``house_style``: the language
    lexicon's honorifics, left out of the distinctive words, None for the shipped list)."""
    rng = np.random.default_rng(seed)
    notes: list[str] = []
    digests = _as_digests(analyses, stopwords)
    counts = Counter(d.outlet for d in digests)
    if len(counts) > MAX_OUTLETS:
        kept = {o for o, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_OUTLETS]}
        digests = [d for d in digests if d.outlet in kept]
        notes.append(f"The corpus has {len(counts)} outlets; the comparison covers the {MAX_OUTLETS} with the most articles.")
    units = [d.units for d in digests]
    outlets = tuple(sorted({u.outlet for u in units}))
    by_outlet = {o: [i for i, u in enumerate(units) if u.outlet == o] for o in outlets}
    several = len(outlets) >= 2 and all(len(ix) >= MIN_ARTICLES_PER_OUTLET for ix in by_outlet.values())
    unit = "outlet" if several else "article"
    note = (
        f"Several articles per outlet (at least {MIN_ARTICLES_PER_OUTLET} each): intervals resample whole articles within outlets, so they speak for the outlets."
        if several
        else "Too few articles per outlet for outlet-level claims: each comparison is between texts, and intervals resample sentences within each article. Differences describe these articles, not the outlets' habits."
    )
    X = [d.features for d in digests]
    union = make_feature_union(weights)
    Z = union.fit_transform(X)
    names = tuple(str(n) for n in union.get_feature_names_out())
    # The same columns before standardising, for features.csv (the dicts are not kept).
    raw = union.selected(X)
    del X

    def outlet_vectors(rows: np.ndarray, groups: Mapping[str, Sequence[int]]) -> np.ndarray:
        return np.vstack([rows[list(groups[o])].mean(axis=0) for o in outlets])

    point = outlet_vectors(Z, by_outlet)
    D = _distance_matrix(point)

    # Bootstrap: resample sentences within articles, or articles within outlets.
    boot_vectors = np.empty((n_boot, len(outlets), Z.shape[1]))
    if several:
        for b in range(n_boot):
            groups = {o: rng.choice(ix, size=len(ix), replace=True) for o, ix in by_outlet.items()}
            boot_vectors[b] = outlet_vectors(Z, groups)
    else:
        resamples = ([_resampled_features(u, rng) for u in units] for _ in range(n_boot))
        for b, Zb in enumerate(_transform_in_batches(union, resamples)):
            boot_vectors[b] = outlet_vectors(Zb, by_outlet)
    boot_D = np.stack([_distance_matrix(v) for v in boot_vectors]) if n_boot else np.empty((0, len(outlets), len(outlets)))
    floors = _split_half_floors(units, union, Z, by_outlet, outlets, rng, several, rounds=max(20, min(n_boot, 100)))

    similarity = []
    for i, a in enumerate(outlets):
        for j, b in enumerate(outlets):
            if j < i:
                continue
            lo, hi = _distance_interval(D[i, j], boot_D[:, i, j]) if n_boot and i != j else (np.nan, np.nan)
            distance, ci_low, ci_high, floor_a, floor_b = _r(D[i, j]), _r(lo), _r(hi), _r(floors[a]), _r(floors[b])
            # Closer than noise: the whole interval below both floors, judged on the rounded
            # numbers similarity.csv shows, so a reader can check the verdict from the file.
            closer = bool(ci_high is not None and floor_a is not None and floor_b is not None and ci_high < min(floor_a, floor_b))
            similarity.append(
                {
                    "outlet_a": a, "outlet_b": b, "distance": distance, "ci_low": ci_low, "ci_high": ci_high,
                    "floor_a": floor_a, "floor_b": floor_b, "closer_than_noise": closer,
                    "unit": unit, "n_boot": n_boot, "seed": seed,
                }
            )
    return Comparison(
        unit=unit,
        unit_note=note,
        outlets=outlets,
        feature_names=names,
        block_weights=dict(union.transformer_weights),
        feature_table=FeatureTable(tuple(u.article_id for u in units), tuple(u.outlet for u in units), names, raw, Z, unit),
        similarity=similarity,
        clusters=_clusters(D, boot_D, outlets),
        projection=_projection(point, boot_vectors, outlets, seed),
        distinctive_features=_distinctive_features(point, boot_vectors, outlets, names, unit),
        distinctive_terms=distinctive_terms(digests, seed=seed, n_perm=max(50, min(n_boot, 200)), unit=unit, house_style=house_style),
        shared_quotes=shared_quotes(digests),
        outlet_test=_permutation_test(Z, units, outlets, rng, n_perm=max(n_boot, 200)) if several else None,
        classifier=_classifier(Z, units, names, seed) if several else None,
        n_boot=n_boot,
        seed=seed,
        notes=[note, *notes],
    )


def _distance_interval(d: float, boot: np.ndarray) -> tuple[float, float]:
    """The 95% interval of the distance ``d`` from its bootstrap replicates ``boot``: the
    percentile interval of the replicates, shifted by their median bias onto ``d``,

        [max(0, d - (median - q2.5)), d + (q97.5 - median)],

    i.e. the 2.5% and 97.5% percentiles of ``d + (d*_b - median(d*))``.

    Why not the plain percentile interval [q2.5, q97.5]: a distance between two noisy
    means is biased upward, and more so between two resampled means (resampling adds noise
    to both sides), so the replicates run above ``d`` and on the seeds the percentile
    interval missed its own estimate for most pairs. The basic (reverse-percentile)
    interval [2d - q97.5, 2d - q2.5] (Davison & Hinkley 1997, Bootstrap Methods and their
    Application, sec. 5.2) and the bias-corrected (BC) percentile interval (Efron &
    Tibshirani 1993, An Introduction to the Bootstrap, sec. 14.3) contain ``d`` under
    exactly the same condition as the percentile interval (q2.5 <= d <= q97.5, resp. the
    share of replicates below ``d`` within [2.5%, 97.5%]), so they fail on the same pairs.
    Removing the bootstrap estimate of bias (Efron & Tibshirani 1993, ch. 10; the median
    rather than the mean, as the replicates are skewed) keeps the spread and shape of the
    replicates and centres them on ``d``: the interval always contains ``d`` (q2.5 <=
    median <= q97.5), and, as it does not move ``d`` down by the bias, it never makes two
    outlets look closer than the data say (conservative for "closer than noise")."""
    q_low, median, q_high = np.percentile(boot, [2.5, 50.0, 97.5])
    return max(0.0, d - max(0.0, median - q_low)), d + max(0.0, q_high - median)


#: Feature rows per call of the fitted union's ``transform`` when resamples are scored:
#: each call costs some milliseconds whatever its size (the seeds' 700 small calls took two
#: seconds), and its rows do not depend on each other, so resamples are scored together.
TRANSFORM_BATCH_ROWS = 4096


def _transform_in_batches(union, row_groups: Iterable[list[dict[str, float]]]) -> Iterator[np.ndarray]:
    """``union.transform(rows)`` of each group of feature dicts, in order, computed a batch of
    groups at a time (the rows of a transform are independent, so the values are the same)."""
    batch: list[list[dict[str, float]]] = []
    rows: list[dict[str, float]] = []

    def flush() -> Iterator[np.ndarray]:
        Z = union.transform(rows)
        start = 0
        for group in batch:
            yield Z[start : start + len(group)]
            start += len(group)

    for group in row_groups:
        batch.append(group)
        rows += group
        if len(rows) >= TRANSFORM_BATCH_ROWS:
            yield from flush()
            batch, rows = [], []
    if batch:
        yield from flush()


def _resampled_features(u: ArticleUnits, rng: np.random.Generator) -> dict[str, float]:
    if not u.units:
        return article_features((), u.fixed)
    idx = rng.integers(0, len(u.units), size=len(u.units))
    return article_features([u.units[k] for k in idx], u.fixed)


def _split_half_floors(units, union, Z, by_outlet, outlets, rng, several: bool, rounds: int) -> dict[str, float]:
    """Each unit's distance to itself: split its sentences (or its articles) into two random
    halves, measure the distance between the halves, and divide by sqrt(2), since a half
    holds half the text and the noise in a mean grows as 1/sqrt(n)."""
    floors: dict[str, float] = {}
    if several:  # halves of the outlet's articles, each the mean of its articles' rows
        for o in outlets:
            values = []
            for _ in range(rounds):
                ix = rng.permutation(by_outlet[o])
                half = len(ix) // 2
                values.append(_rms(Z[ix[:half]].mean(axis=0), Z[ix[half:]].mean(axis=0)) / math.sqrt(2))
            floors[o] = float(np.mean(values))
        return floors

    def halves() -> Iterator[list[dict[str, float]]]:  # of each article's body sentences
        for o in outlets:
            u = units[by_outlet[o][0]]
            for _ in range(rounds):
                order = rng.permutation(len(u.units))
                half = len(order) // 2
                yield [article_features([u.units[k] for k in order[:half]], u.fixed), article_features([u.units[k] for k in order[half:]], u.fixed)]

    pairs = _transform_in_batches(union, halves())
    for o in outlets:
        floors[o] = float(np.mean([_rms(*next(pairs)) / math.sqrt(2) for _ in range(rounds)]))
    return floors


@dataclass(frozen=True)
class FeatureTable:
    """Each article's raw and standardised features (rows of the matrix the comparison uses)."""

    row_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    feature_names: tuple[str, ...]  # "block__feature"
    raw: np.ndarray  # the features before standardising, in ``feature_names`` order
    values: np.ndarray

    unit: str = "article"

    def rows(self):
        """features.csv in long format, one row per article and feature, generated lazily."""
        parts = [name.split("__", 1) for name in self.feature_names]
        for article, outlet, raw, z in zip(self.row_ids, self.outlets, self.raw, self.values):
            for (block, feature), value, standardised in zip(parts, raw.tolist(), z.tolist()):
                yield {"article": article, "outlet": outlet, "block": block, "feature": feature, "value": _r(value), "standardised": _r(standardised), "unit": self.unit}

"""An article broken into what each body sentence contributes to its framing features.

``article_units`` turns one analysis into ``SentenceUnit`` records, one per body sentence:
its token count and, for each family that declares a ``sentence_part``, that family's
part. ``article_features`` sums a multiset of units into one plain dict of named features
(``prefix:name``) by asking each family for its own, so the same code gives the features
of the whole article, of a bootstrap resample of its sentences, or of half of it (the
noise floor). Computed per article in the parallel stage; the scikit-learn transformers
that turn the dicts into a matrix are in ``framing.compare.features``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import FAMILIES
from .base import DigestContext
from ..types import ArticleAnalysis

#: The families whose parts a sentence unit carries, in the order of ``SentenceUnit.parts``.
RESAMPLED = tuple(f for f in FAMILIES if f.sentence_part is not None)
_SLOT = {f.name: i for i, f in enumerate(RESAMPLED)}


@dataclass(frozen=True, slots=True)
class SentenceUnit:
    """What one body sentence contributes to its article's features."""

    tokens: int
    parts: tuple[Any, ...]  # one per family of ``RESAMPLED``, in order


@dataclass(frozen=True, slots=True)
class ArticleUnits:
    article_id: str
    outlet: str
    fixed: tuple[tuple[str, float], ...]  # features resampling does not change (headline tone)
    units: tuple[SentenceUnit, ...]


def article_units(analysis: ArticleAnalysis, context: DigestContext) -> ArticleUnits:
    """Break an analysed article into its body sentences' contributions."""
    parts = [f.sentence_part(analysis, context) for f in RESAMPLED]
    units = tuple(SentenceUnit(context.body_tokens[s.index], tuple(p[k] for p in parts)) for k, s in enumerate(context.body))
    fixed: dict[str, float] = {}
    for f in FAMILIES:
        if f.article_features is not None:
            fixed.update(f.article_features(analysis))
    return ArticleUnits(analysis.article.id, analysis.article.outlet, tuple(fixed.items()), units)


def article_features(units: Sequence[SentenceUnit], fixed: Iterable[tuple[str, float]] = ()) -> dict[str, float]:
    """Named features of a multiset of sentence units (a whole article or a resample), with
    the article's ``fixed`` features."""
    features: dict[str, float] = {}
    for f in FAMILIES:
        if f.features is not None:
            features.update(f.features(units, _SLOT.get(f.name, -1)))
    features.update(fixed)
    return features

"""What every part of the comparison shares: its limits, the digests it works on, distances
and rounding."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..measures.digest import ArticleDigest, digest_article
from ..types import ArticleAnalysis

MIN_ARTICLES_PER_OUTLET = 4
#: A pairwise matrix, tree and map stop being readable (and cheap) past this many outlets;
#: beyond it the outlets with the most articles are compared and the page says so.
MAX_OUTLETS = 40


def _as_digests(items: Sequence[ArticleAnalysis] | Sequence[ArticleDigest], stopwords: frozenset[str]) -> list[ArticleDigest]:
    """The comparison works on digests; full analyses (the Python API) are digested here."""
    return [x if isinstance(x, ArticleDigest) else digest_article(x, stopwords=stopwords) for x in items]


def _rms(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sqrt(np.mean((a - b) ** 2))) if a.size else 0.0


def _distance_matrix(vectors: np.ndarray) -> np.ndarray:
    diff = vectors[:, None, :] - vectors[None, :, :]
    return np.sqrt(np.mean(diff**2, axis=2)) if vectors.shape[1] else np.zeros((len(vectors), len(vectors)))


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)


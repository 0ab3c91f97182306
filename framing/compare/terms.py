"""Distinctive words: what each outlet over-uses against the rest, with a permutation null."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ..measures.digest import ArticleDigest
from ..types import ArticleAnalysis
from .common import _as_digests, _r

#: ``distinctive_terms`` counts words under this many (vocabulary x shuffles) cells of
#: shuffled outlet labels per sparse product: 32 MB of float64 counts.
PERMUTATION_BLOCK_CELLS = 4_000_000


def distinctive_terms(
    analyses: Sequence[ArticleAnalysis] | Sequence[ArticleDigest],
    *,
    stopwords: frozenset[str] = frozenset(),
    seed: int = 0,
    n_perm: int = 200,
    top: int = 25,
    unit: str = "article",
) -> list[dict[str, Any]]:
    """Words each outlet over-uses against the rest: the log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16-22), with the
    whole corpus's counts as the prior. The null threshold is the 95th percentile of the
    largest z over all words when the units are shuffled between the outlet and the rest
    (sizes kept), so "above_null" means above what chance gives the top word. The unit
    shuffled is the unit of analysis: whole articles when each outlet has several (a
    sentence shuffle would ignore that an article's sentences share their words), body
    sentences when some outlet has fewer than ``MIN_ARTICLES_PER_OUTLET``."""
    from array import array

    from scipy.sparse import csr_matrix

    # The unit x word count matrix, built one unit at a time (no corpus-wide token lists).
    index: dict[str, int] = {}
    rows, cols, data = array("q"), array("q"), array("d")
    labels: list[str] = []
    for d in _as_digests(analyses, stopwords):
        units_of_article = [terms.split() for terms in d.terms]
        if unit == "outlet":
            units_of_article = [[t for tokens in units_of_article for t in tokens]]
        for tokens in units_of_article:
            counts = Counter(tokens)
            rows.extend([len(labels)] * len(counts))
            cols.extend(index.setdefault(t, len(index)) for t in counts)
            data.extend(counts.values())
            labels.append(d.outlet)
    outlets = sorted(set(labels))
    if len(outlets) < 2 or not labels or not index:
        return []
    vocab = sorted(index)
    column = np.empty(len(index), dtype=np.int64)  # first-seen id -> alphabetical id
    for k, t in enumerate(vocab):
        column[index[t]] = k
    M = csr_matrix((np.frombuffer(data, dtype=float), (np.frombuffer(rows, dtype=np.int64), column[np.frombuffer(cols, dtype=np.int64)])), shape=(len(labels), len(vocab)), dtype=float)
    total = np.asarray(M.sum(axis=0)).ravel()
    alpha = total  # informative prior: the corpus's own counts
    alpha0 = alpha.sum()
    label_arr = np.asarray(labels)
    rng = np.random.default_rng(seed)

    Mt = M.T.tocsr()  # words x units: an outlet's counts are one sparse product

    def z_scores(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return z_of_counts(Mt @ mask.astype(float))

    def z_of_counts(y_i: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        y_j = total - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha))
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
        return z, delta, y_i

    def permuted_counts(mask: np.ndarray) -> Iterator[np.ndarray]:
        """The outlet's word counts under each of ``n_perm`` shuffles of ``mask``, a block
        of shuffles per sparse product (one product per shuffle was most of the run at
        10,000 articles); counts are whole numbers, so the sums are exact either way."""
        block = max(1, min(n_perm, PERMUTATION_BLOCK_CELLS // max(len(vocab), 1)))
        for start in range(0, n_perm, block):
            masks = np.stack([rng.permutation(mask) for _ in range(start, min(n_perm, start + block))], axis=1)
            yield from np.ascontiguousarray((Mt @ masks.astype(float)).T)

    out = []
    for o in outlets:
        mask = label_arr == o
        z, delta, y_i = z_scores(mask)
        maxima = [float(np.max(np.abs(z_of_counts(y)[0]))) for y in permuted_counts(mask)]
        threshold = float(np.percentile(maxima, 95))
        n_i = y_i.sum()
        n_j = total.sum() - n_i
        order = sorted(range(len(vocab)), key=lambda k: (-z[k], vocab[k]))[:top]
        for rank, k in enumerate(order, 1):
            out.append(
                {
                    "outlet": o, "term": vocab[k], "count": int(y_i[k]), "count_rest": int(total[k] - y_i[k]),
                    "rate_per_1k": _r(1000 * y_i[k] / max(n_i, 1)), "rate_rest_per_1k": _r(1000 * (total[k] - y_i[k]) / max(n_j, 1)),
                    "delta": _r(delta[k]), "z": _r(z[k]), "rank": rank, "null_threshold": _r(threshold),
                    "above_null": bool(z[k] > threshold), "prior": _r(alpha[k]), "unit": unit,
                }
            )
    return out

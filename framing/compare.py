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
vectors (``framing.units``, ``framing.features``). Every random step draws from ``numpy.random.default_rng``
seeded with ``seed``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .measures.digest import WORD_RE, ArticleDigest, digest_article
from .features import make_feature_union
from .measures.units import ArticleUnits, article_features
from .types import ArticleAnalysis

MIN_ARTICLES_PER_OUTLET = 4
#: ``distinctive_terms`` counts words under this many (vocabulary x shuffles) cells of
#: shuffled outlet labels per sparse product: 32 MB of float64 counts.
PERMUTATION_BLOCK_CELLS = 4_000_000
#: A pairwise matrix, tree and map stop being readable (and cheap) past this many outlets;
#: beyond it the outlets with the most articles are compared and the page says so.
MAX_OUTLETS = 40


def _as_digests(items: Sequence[ArticleAnalysis] | Sequence[ArticleDigest], stopwords: frozenset[str]) -> list[ArticleDigest]:
    """The comparison works on digests; full analyses (the Python API) are digested here."""
    return [x if isinstance(x, ArticleDigest) else digest_article(x, stopwords=stopwords) for x in items]


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


def _rms(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sqrt(np.mean((a - b) ** 2))) if a.size else 0.0


def _distance_matrix(vectors: np.ndarray) -> np.ndarray:
    diff = vectors[:, None, :] - vectors[None, :, :]
    return np.sqrt(np.mean(diff**2, axis=2)) if vectors.shape[1] else np.zeros((len(vectors), len(vectors)))


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)


def compare(
    analyses: Sequence[ArticleAnalysis] | Sequence[ArticleDigest],
    *,
    seed: int = 0,
    n_boot: int = 200,
    weights: Mapping[str, float] | None = None,
    stopwords: frozenset[str] = frozenset(),
) -> Comparison:
    """Compare the outlets of ``analyses`` (full analyses, or the digests a streamed run
    keeps; ``stopwords`` is only used to digest full analyses)."""
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
    raw = np.hstack([pipe.named_steps["select"].transform(X) for _, pipe in union.transformer_list])
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
            lo, hi = (np.percentile(boot_D[:, i, j], [2.5, 97.5]) if n_boot else (np.nan, np.nan))
            if i == j:
                lo = hi = np.nan
            closer = bool(i != j and n_boot and hi < min(floors[a], floors[b]))
            similarity.append(
                {
                    "outlet_a": a, "outlet_b": b, "distance": _r(D[i, j]), "ci_low": _r(lo), "ci_high": _r(hi),
                    "floor_a": _r(floors[a]), "floor_b": _r(floors[b]), "closer_than_noise": closer,
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
        distinctive_terms=distinctive_terms(digests, seed=seed, n_perm=max(50, min(n_boot, 200)), unit=unit),
        shared_quotes=shared_quotes(digests),
        outlet_test=_permutation_test(Z, units, outlets, rng, n_perm=max(n_boot, 200)) if several else None,
        classifier=_classifier(Z, units, names, seed) if several else None,
        n_boot=n_boot,
        seed=seed,
        notes=[note, *notes],
    )


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


def _projection(point: np.ndarray, boot_vectors: np.ndarray, outlets, seed: int) -> list[dict[str, Any]]:
    from sklearn.decomposition import PCA

    k = min(2, len(outlets), point.shape[1])
    if k == 0 or len(outlets) < 2 or not np.any(point.var(axis=0) > 0):
        # Nothing to spread out: one outlet, or every outlet at the same point.
        return [{"outlet": o, "kind": "point", "draw": -1, "x": 0.0, "y": 0.0} for o in outlets]
    pca = PCA(n_components=k, random_state=seed).fit(point)
    rows = []

    def pad(xy):
        return list(xy) + [0.0] * (2 - len(xy))

    for i, o in enumerate(outlets):
        x, y = pad(pca.transform(point[i : i + 1])[0])
        rows.append({"outlet": o, "kind": "point", "draw": -1, "x": _r(x), "y": _r(y)})
    for b in range(min(len(boot_vectors), 100)):
        xy = pca.transform(boot_vectors[b])
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


def _quote_tokens(text: str) -> list[str]:
    return WORD_RE.findall(text.casefold().replace("\u2019", "'"))


def shared_quotes(analyses: Sequence[ArticleAnalysis] | Sequence[ArticleDigest], *, min_overlap: float = 0.6) -> list[dict[str, Any]]:
    """Quotes carried by several outlets (the same or near-same words), quotes only one
    outlet carries, and speakers an outlet leaves out that most others quote."""
    digests = _as_digests(analyses, frozenset())
    # Each quote's words as a sorted tuple of word ids: a tenth of the memory of a set of
    # strings, which counts with a hundred thousand quotes.
    word_id: dict[str, int] = {}
    items = []
    for d in digests:
        for q in d.parts["quotes"]:
            if q.counted:
                key = tuple(sorted({word_id.setdefault(t, len(word_id)) for t in _quote_tokens(q.text)}))
                items.append((d.outlet, d.id, q.speaker_id, q.speaker, q.text, key))
    words = sorted(word_id, key=word_id.__getitem__)  # id -> word
    # Identical word sets are one quote at once (wire copy carried verbatim by many outlets);
    # only the distinct sets are compared pairwise.
    distinct: dict[tuple[int, ...], int] = {}
    member_of = [distinct.setdefault(item[5], len(distinct)) for item in items]
    sets = list(distinct)
    outlets_of: list[set[str]] = [set() for _ in sets]
    for item, k in zip(items, member_of):
        outlets_of[k].add(item[0])
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidate pairs share one of their rarest words (an inverted index), so the work grows
    # with the corpus, not with its square.
    df = Counter(t for s in sets for t in s)
    postings: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(sets):
        if len(s) >= 3:
            for t in sorted(s, key=lambda t: (df[t], words[t]))[:3]:
                postings[t].append(k)
    # A word in hundreds of quotes is no sign of a shared quote; skip such postings.
    pairs = sorted({(i, j) for ids in postings.values() if len(ids) <= 200 for n, i in enumerate(ids) for j in ids[n + 1 :]})
    for i, j in pairs:
        a, b = sets[i], sets[j]
        if outlets_of[i] == outlets_of[j] and len(outlets_of[i]) == 1:
            continue  # one outlet repeating itself is not a shared quote
        if len(set(a).intersection(b)) / min(len(a), len(b)) >= min_overlap:
            parent[find(j)] = find(i)
    # A quote of under three words ("yes") is too short to call shared: its own group.
    groups: dict[int, list[int]] = defaultdict(list)
    for i, k in enumerate(member_of):
        groups[find(k) if len(sets[k]) >= 3 else -1 - i].append(i)
    outlets = sorted({d.outlet for d in digests})
    rows = []
    for number, members in enumerate(sorted(groups.values(), key=lambda m: m[0]), 1):
        carriers = sorted({items[i][0] for i in members})
        for i in members:
            outlet, article, speaker_id, speaker, text, _ = items[i]
            rows.append({"level": "quote", "group": number, "outlet": outlet, "article": article, "speaker_id": speaker_id, "speaker": speaker, "text": text, "n_outlets": len(carriers), "status": "shared" if len(carriers) > 1 else "unique"})
    # Speakers: who each outlet quotes, and who it leaves out that most others quote.
    quoted: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for outlet, _, speaker_id, speaker, _, _ in items:
        quoted[speaker_id].add(outlet)
        names[speaker_id] = speaker
    for speaker_id in sorted(quoted):
        carriers = quoted[speaker_id]
        for outlet in outlets:
            others = [o for o in outlets if o != outlet]
            carried_by_others = sum(o in carriers for o in others)
            if outlet in carriers:
                status = "unique" if len(carriers) == 1 else "shared"
            elif others and carried_by_others / len(others) > 0.5:
                status = "omitted"
            else:
                continue
            rows.append({"level": "speaker", "group": "", "outlet": outlet, "article": "", "speaker_id": speaker_id, "speaker": names[speaker_id], "text": "", "n_outlets": len(carriers), "status": status})
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
    return {"statistic": _r(observed), "p_value": _r(p), "n_perm": n_perm, "null_mean": _r(float(np.mean(null))), "method": "between/within centroid distance ratio, outlet labels permuted across articles"}


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

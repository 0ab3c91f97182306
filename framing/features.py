"""Interpretable framing features, as scikit-learn transformers.

An article is broken into the contributions of its body sentences (``SentenceUnit``):
its tone, the topic hits and tokens in it, the quotes it holds and the ``about`` scores of
the actors it mentions. ``article_features`` sums a multiset of units into one plain dict
of named features, so the same code gives the features of the whole article, of a
bootstrap resample of its sentences, or of half of it (the noise floor).

Feature names are ``block:name``; blocks are

- ``quotes``: share of quotes per speaker (``quote_share:jake_tapper``), by speaker type,
  by channel type, by kind (direct / partial / reported / scare), by reporting-verb stance;
- ``tone``: article tone, headline tone, tone about and in the voice of each actor;
- ``topics``: hits per 1,000 body tokens of each topic lexicon.

``BlockVectorizer`` turns the dicts of one block into a matrix (fit learns the feature
names), and ``make_feature_union`` standardises each block and weights it
(``transformer_weights``), so each block's weight is visible and settable.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from .aggregate import SPEECH_KINDS, counts_as_speaker
from .topics import count_tokens
from .types import ArticleAnalysis

#: Which feature-name prefixes make up each block.
BLOCKS: dict[str, tuple[str, ...]] = {
    "quotes": ("quote_share", "speaker_type", "channel", "kind", "stance"),
    "tone": ("tone", "about", "voice"),
    "topics": ("topic",),
}
QUOTE_KINDS = ("direct", "partial", "reported", "scare")


@dataclass(frozen=True, slots=True)
class QuoteFacts:
    speaker_id: str  # "" when nobody is said to have said it
    speaker_type: str
    channel_type: str
    kind: str
    stance: str
    voice: float  # VADER compound of the quoted words


@dataclass(frozen=True, slots=True)
class SentenceUnit:
    """What one body sentence contributes to its article's features."""

    tokens: int
    tone: float
    topic_hits: tuple[tuple[str, int], ...]
    quotes: tuple[QuoteFacts, ...]
    about: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class ArticleUnits:
    article_id: str
    outlet: str
    headline_tone: float | None
    units: tuple[SentenceUnit, ...]


def article_units(analysis: ArticleAnalysis, stance_of: Mapping[str, str] | None = None) -> ArticleUnits:
    """Break an analysed article into its body sentences' contributions."""
    stance_of = stance_of or {}
    text = analysis.article.text
    tone = {t.sentence_index: t.compound for t in analysis.tones}
    hits: dict[int, Counter[str]] = defaultdict(Counter)
    for h in analysis.topic_hits:
        hits[h.sentence_index][h.topic_id] += 1
    quotes: dict[int, list[QuoteFacts]] = defaultdict(list)
    for q in analysis.quotes:
        if q.kind in SPEECH_KINDS or q.kind == "scare":
            stance = stance_of.get(q.cue.casefold(), "other") if q.cue else "none"
            speaker = q.speaker_id if counts_as_speaker(q) else ""
            quotes[q.sentence_index].append(QuoteFacts(speaker, q.speaker_type if speaker else "", q.channel_type or "none", q.kind, stance, q.tone))
    about: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for t in analysis.about:
        about[t.sentence_index].append((t.actor_id, t.compound))
    units = tuple(
        SentenceUnit(
            tokens=count_tokens(text, [s.span]),
            tone=tone.get(s.index, 0.0),
            topic_hits=tuple(sorted(hits[s.index].items())),
            quotes=tuple(quotes[s.index]),
            about=tuple(about[s.index]),
        )
        for s in analysis.sentences
        if s.role == "body"
    )
    headline = [t.compound for t in analysis.tones if t.role == "headline"]
    return ArticleUnits(analysis.article.id, analysis.article.outlet, headline[0] if headline else None, units)


def article_features(units: Sequence[SentenceUnit], headline_tone: float | None = None) -> dict[str, float]:
    """Named features of a multiset of sentence units (a whole article or a resample)."""
    features: dict[str, float] = {}
    tokens = sum(u.tokens for u in units)
    if units:
        features["tone:article"] = float(np.mean([u.tone for u in units]))
    if headline_tone is not None:
        features["tone:headline"] = headline_tone
    topic_counts: Counter[str] = Counter()
    for u in units:
        for topic, n in u.topic_hits:
            topic_counts[topic] += n
    for topic, n in topic_counts.items():
        features[f"topic:{topic}"] = 1000.0 * n / max(tokens, 1)
    quotes = [q for u in units for q in u.quotes]
    speech = [q for q in quotes if q.kind in SPEECH_KINDS]
    if quotes:
        for kind, n in Counter(q.kind for q in quotes).items():
            features[f"kind:{kind}"] = n / len(quotes)
    if speech:
        attributed = [q for q in speech if q.speaker_id]
        for field, prefix in ((lambda q: q.speaker_id, "quote_share"), (lambda q: q.speaker_type, "speaker_type")):
            for key, n in Counter(field(q) for q in attributed).items():
                features[f"{prefix}:{key}"] = n / len(speech)
        for key, n in Counter(q.channel_type for q in speech).items():
            features[f"channel:{key}"] = n / len(speech)
        for key, n in Counter(q.stance for q in speech).items():
            features[f"stance:{key}"] = n / len(speech)
        voices: dict[str, list[float]] = defaultdict(list)
        for q in attributed:
            voices[q.speaker_id].append(q.voice)
        for actor, values in voices.items():
            features[f"voice:{actor}"] = float(np.mean(values))
    about: dict[str, list[float]] = defaultdict(list)
    for u in units:
        for actor, value in u.about:
            about[actor].append(value)
    for actor, values in about.items():
        features[f"about:{actor}"] = float(np.mean(values))
    return features


class BlockVectorizer(TransformerMixin, BaseEstimator):
    """Select the features of one block from feature dicts and return them as a matrix.

    ``fit`` learns the sorted names of the block's features seen in the data, at most
    ``max_per_prefix`` of each prefix (those present in the most rows: the 30 most widely
    quoted speakers, not every name quoted once); a feature an article lacks (an actor it
    never quotes) is ``fill_value``.
    """

    def __init__(self, prefixes: tuple[str, ...] = (), fill_value: float = 0.0, max_per_prefix: int = 30):
        self.prefixes = prefixes
        self.fill_value = fill_value
        self.max_per_prefix = max_per_prefix

    def _keep(self, name: str) -> bool:
        return name.split(":", 1)[0] in self.prefixes

    def fit(self, X: Sequence[Mapping[str, float]], y=None):
        df = Counter(k for row in X for k in row if self._keep(k))
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for name in sorted(df, key=lambda k: (-df[k], k)):
            by_prefix[name.split(":", 1)[0]].append(name)
        names = sorted(n for group in by_prefix.values() for n in group[: self.max_per_prefix])
        self.feature_names_ = np.asarray(names, dtype=object)
        self.n_features_in_ = len(names)
        return self

    def transform(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        out = np.full((len(X), len(self.feature_names_)), float(self.fill_value))
        index = {name: j for j, name in enumerate(self.feature_names_)}
        for i, row in enumerate(X):
            for name, value in row.items():
                j = index.get(name)
                if j is not None:
                    out[i, j] = value
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()


class Standardise(TransformerMixin, BaseEstimator):
    """Centre and scale each column to unit variance, like ``StandardScaler``, but a block
    with no columns (no quotes anywhere in the corpus) passes through as an empty matrix."""

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.n_features_in_ = X.shape[1]
        self.mean_ = X.mean(axis=0) if len(X) else np.zeros(X.shape[1])
        scale = X.std(axis=0) if len(X) else np.ones(X.shape[1])
        self.scale_ = np.where(scale > 0, scale, 1.0)  # a constant column stays 0, as in StandardScaler
        return self

    def transform(self, X) -> np.ndarray:
        check_is_fitted(self, "mean_")
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "mean_")
        return np.asarray(input_features if input_features is not None else [f"x{i}" for i in range(self.n_features_in_)], dtype=object)


def make_feature_union(weights: Mapping[str, float] | None = None) -> FeatureUnion:
    """One standardised, weighted block per entry of ``BLOCKS`` (weights default to 1)."""
    weights = {name: 1.0 for name in BLOCKS} | dict(weights or {})
    unknown = set(weights) - set(BLOCKS)
    if unknown:
        raise ValueError(f"unknown feature block(s): {', '.join(sorted(unknown))} (blocks: {', '.join(BLOCKS)})")
    return FeatureUnion(
        [(name, Pipeline([("select", BlockVectorizer(prefixes)), ("scale", Standardise())])) for name, prefixes in BLOCKS.items()],
        transformer_weights=weights,
    )

"""An article broken into what each body sentence contributes to its framing features.

``article_units`` turns one analysis into ``SentenceUnit`` records (tone, topic hits,
tokens, quotes, ``about`` scores); ``article_features`` sums a multiset of units into one
plain dict of named features (``block:name``), so the same code gives the features of the
whole article, of a bootstrap resample of its sentences, or of half of it (the noise
floor). Pure Python and numpy, computed per article in the parallel stage; the
scikit-learn transformers that turn the dicts into a matrix are in ``framing.features``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .aggregate import SPEECH_KINDS, counts_as_speaker
from .topics import count_tokens
from .types import ArticleAnalysis

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


def article_units(analysis: ArticleAnalysis) -> ArticleUnits:
    """Break an analysed article into its body sentences' contributions."""
    text = analysis.article.text
    tone = {t.sentence_index: t.compound for t in analysis.tones}
    hits: dict[int, Counter[str]] = defaultdict(Counter)
    for h in analysis.topic_hits:
        hits[h.sentence_index][h.topic_id] += 1
    quotes: dict[int, list[QuoteFacts]] = defaultdict(list)
    for q in analysis.quotes:
        if q.kind in SPEECH_KINDS or q.kind == "scare":
            stance = q.stance or "none"
            speaker = q.speaker_id if counts_as_speaker(q) else ""
            quotes[q.sentence_index].append(QuoteFacts(speaker, q.speaker_type if speaker else "", q.channel_type or "none", q.kind, stance, q.tone))
    about: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for t in analysis.about:
        about[t.sentence_index].append((t.actor_id, t.compound))
    units = tuple(
        SentenceUnit(
            tokens=count_tokens(text[s.span.start : s.span.end]),
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

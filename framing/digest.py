"""What a run keeps of each article once its rows are written: a small, text-free digest.

A corpus of any size is analysed as a stream. Each article's full analysis (its text,
sentences, mentions, quotes, tones) goes to the row tables (sentences.csv, quotes.csv, ...)
as it arrives and is then dropped; what the aggregate tables, the comparison and the
report's figures need later is this digest: counts, the scores that intervals are drawn
from, the quotes' speakers and words, and the body sentences' word tokens. So memory grows
with the number of articles, not with the full text of the corpus.

``digest_article`` is a pure function of one analysis (it runs in the worker that analysed
the article, so the digests arrive ready).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .aggregate import counts_as_speaker
from .units import ArticleUnits, article_features, article_units
from .topics import topic_weights
from .types import Actor, ArticleAnalysis

WORD_RE = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def term_tokens(text: str, stopwords: frozenset[str]) -> list[str]:
    """Word tokens for distinctive words: lower case, curly apostrophes straightened,
    stopwords and one-letter tokens left out."""
    return [t for t in WORD_RE.findall(text.casefold().replace("\u2019", "'")) if t not in stopwords and len(t) > 1]


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One quote as the charts and the shared-quote search see it."""

    kind: str
    speaker_id: str  # "" when nobody is said to have said it
    speaker: str
    speaker_type: str
    channel_type: str
    words: int  # whitespace words of the quoted text
    counted: bool  # ``counts_as_speaker``: charted and compared
    text: str  # the quoted words, kept only when ``counted`` (shared quotes need them)


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    id: str
    outlet: str
    title: str
    published: str
    url: str
    source: str
    n_sentences: int
    n_body_sentences: int
    body_words: int
    n_mentions: int
    n_topic_hits: int
    body_tones: tuple[float, ...]  # VADER compound of each body sentence, in order
    headline_tone: float | None
    quotes: tuple[QuoteRecord, ...]
    about: tuple[tuple[str, tuple[float, ...]], ...]  # actor id -> "about" scores, in text order
    voice: tuple[tuple[str, tuple[float, ...]], ...]  # actor id -> tone of each own quote
    topic_tones: tuple[tuple[str, tuple[float, ...]], ...]  # topic id -> tone of its sentences
    topic_weights: tuple[tuple[str, int, float, float], ...]  # (topic, hits, per_1k, sentence_share)
    speakers: tuple[Actor, ...]  # speakers found in the text but not in a lexicon
    units: ArticleUnits  # what the comparison resamples
    features: dict[str, float]  # ``article_features`` of the whole article, made in the worker
    terms: tuple[str, ...]  # each body sentence's ``term_tokens``, space-joined

    @property
    def n_quotes(self) -> int:
        return sum(1 for q in self.quotes if q.kind != "headline")

    def share_feature_names(self) -> ArticleDigest:
        """This digest, its feature names swapped in place for the interpreter's one copy
        of each (``sys.intern``). A digest made in a worker arrives with its own copies: 32
        MiB at 10,000 articles, for fewer than 200 distinct names."""
        items = [(sys.intern(name), value) for name, value in self.features.items()]
        self.features.clear()
        self.features.update(items)
        return self


def _grouped(pairs) -> tuple[tuple[str, tuple[float, ...]], ...]:
    groups: dict[str, list[float]] = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return tuple((key, tuple(values)) for key, values in groups.items())


def digest_article(
    a: ArticleAnalysis,
    topic_ids: Sequence[str] = (),
    *,
    stopwords: frozenset[str] = frozenset(),
) -> ArticleDigest:
    text = a.article.text
    body = [s for s in a.sentences if s.role == "body"]
    tone_of = {t.sentence_index: t.compound for t in a.tones}
    head = [t.compound for t in a.tones if t.role == "headline"]
    quotes = []
    for q in a.quotes:
        counted = counts_as_speaker(q)
        quoted = text[q.span.start : q.span.end]
        quotes.append(QuoteRecord(q.kind, q.speaker_id or "", q.speaker, q.speaker_type, q.channel_type, len(quoted.split()), counted, quoted if counted else ""))
    voices = [(q.speaker_id, q.tone) for q, record in zip(a.quotes, quotes) if record.counted]
    sentences_of_topic: dict[str, set[int]] = defaultdict(set)
    for h in a.topic_hits:
        sentences_of_topic[h.topic_id].add(h.sentence_index)
    units = article_units(a)
    # The body's word count from its sentences' counts (tokenised once): the pipeline's
    # sentences never overlap, and the topic features divide by the same sum.
    body_words = sum(u.tokens for u in units.units)
    weights = topic_weights(a.topic_hits, body_words, [s.index for s in body])
    empty = {"hits": 0, "per_1k": 0.0, "sentence_share": 0.0}
    return ArticleDigest(
        id=a.article.id,
        outlet=a.article.outlet,
        title=a.article.title,
        published=a.article.published,
        url=a.article.url,
        source=a.article.source,
        n_sentences=len(a.sentences),
        n_body_sentences=len(body),
        body_words=body_words,
        n_mentions=len(a.mentions),
        n_topic_hits=len(a.topic_hits),
        body_tones=tuple(t.compound for t in a.tones if t.role == "body"),
        headline_tone=head[0] if head else None,
        quotes=tuple(quotes),
        about=_grouped((t.actor_id, t.compound) for t in a.about),
        voice=_grouped(voices),
        topic_tones=tuple(
            (topic, tuple(tone_of[i] for i in sorted(indices) if i in tone_of)) for topic, indices in sentences_of_topic.items()
        ),
        topic_weights=tuple(
            (topic, int(w["hits"]), float(w["per_1k"]), float(w["sentence_share"])) for topic in topic_ids for w in [weights.get(topic, empty)]
        ),
        speakers=a.speakers,
        units=units,
        features=article_features(units.units, units.headline_tone),
        terms=tuple(" ".join(term_tokens(text[s.span.start : s.span.end], stopwords)) for s in body),
    )

"""What a run keeps of each article once its rows are written: a small, text-free digest.

A corpus of any size is analysed as a stream. Each article's full analysis (its text,
sentences, mentions, quotes, tones) goes to the row tables (sentences.csv, quotes.csv, ...)
as it arrives and is then dropped; what the aggregate tables, the comparison and the
report's figures need later is this digest: the article's identity, what the comparison
resamples (its sentence units, features and word tokens) and each measure family's own
part (``parts[family.name]``: counts, the scores intervals are drawn from, the quotes'
speakers). So memory grows with the number of articles, not with the full text.

``digest_article`` is a pure function of one analysis (it runs in the worker that analysed
the article, so the digests arrive ready).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import FAMILIES
from .base import DigestContext
from .units import ArticleUnits, article_features, article_units
from ..types import Actor, ArticleAnalysis

from ..text.tokens import count_tokens, term_tokens
from .quotes import counts_as_speaker


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    id: str
    outlet: str
    title: str
    published: str
    url: str
    source: str
    author: str
    extractor: str
    body_words: int  # word tokens of the body sentences (their units' counts)
    speakers: tuple[Actor, ...]  # speakers found in the text but not in a lexicon
    units: ArticleUnits  # what the comparison resamples
    features: dict[str, float]  # ``article_features`` of the whole article, made in the worker
    terms: tuple[str, ...]  # each body sentence's ``term_tokens``, space-joined
    parts: Mapping[str, Any]  # family name -> what that measure family keeps of the article

    def share_feature_names(self) -> ArticleDigest:
        """This digest, its feature names swapped in place for the interpreter's one copy
        of each (``sys.intern``). A digest made in a worker arrives with its own copies: 32
        MiB at 10,000 articles, for fewer than 200 distinct names."""
        items = [(sys.intern(name), value) for name, value in self.features.items()]
        self.features.clear()
        self.features.update(items)
        return self


def digest_article(a: ArticleAnalysis, topic_ids: Sequence[str] = (), *, stopwords: frozenset[str] = frozenset(), topic_matcher: Any = None) -> ArticleDigest:
    text = a.article.text
    body = tuple(s for s in a.sentences if s.role == "body")
    context = DigestContext(
        topic_ids=tuple(topic_ids),
        stopwords=stopwords,
        body=body,
        body_tokens={s.index: count_tokens(text[s.span.start : s.span.end]) for s in body},
        tones={t.sentence_index: t.compound for t in a.tones},
        counted=tuple(counts_as_speaker(q) for q in a.quotes),
        topic_matcher=topic_matcher,
    )
    units = article_units(a, context)
    return ArticleDigest(
        id=a.article.id,
        outlet=a.article.outlet,
        title=a.article.title,
        published=a.article.published,
        url=a.article.url,
        source=a.article.source,
        author=a.article.author,
        extractor=a.article.extractor,
        # The body's word count from its sentences' counts (tokenised once): the pipeline's
        # sentences never overlap, and the topic features divide by the same sum.
        body_words=sum(u.tokens for u in units.units),
        speakers=a.speakers,
        units=units,
        features=article_features(units.units, units.fixed),
        terms=tuple(" ".join(term_tokens(text[s.span.start : s.span.end], stopwords)) for s in body),
        parts={f.name: f.digest(a, context) for f in FAMILIES if f.digest is not None},
    )

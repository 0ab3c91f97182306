"""The result of a run as tidy tables: one observation per row, snake_case columns.

Each function takes an ``AnalysisResult`` and returns ``(columns, rows)``; ``all_tables``
lists them under the file names ``framing analyze`` writes to ``data/``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .aggregate import actor_tone_rows, article_tone_rows, topic_tone_rows
from .pipeline import AnalysisResult
from .sentiment import label
from .topics import count_tokens, topic_weights

#: (columns, rows). Rows are a list for the small tables the report also reads, and a
#: generator for the large per-sentence ones, so they stream to disk.
Table = tuple[tuple[str, ...], Iterable[dict[str, Any]]]


def _text(a, span) -> str:
    return a.article.text[span.start : span.end]


def articles_table(result: AnalysisResult) -> Table:
    columns = ("id", "outlet", "title", "date", "url", "source", "sentences", "body_sentences", "body_words", "quotes", "mentions", "topic_hits")
    rows = []
    for a in result.analyses:
        body = [s.span for s in a.sentences if s.role == "body"]
        rows.append(
            {
                "id": a.article.id,
                "outlet": a.article.outlet,
                "title": a.article.title,
                "date": a.article.published,
                "url": a.article.url,
                "source": a.article.source,
                "sentences": len(a.sentences),
                "body_sentences": len(body),
                "body_words": count_tokens(a.article.text, body),
                "quotes": sum(1 for q in a.quotes if q.kind != "headline"),
                "mentions": len(a.mentions),
                "topic_hits": len(a.topic_hits),
            }
        )
    return columns, rows


def sentences_table(result: AnalysisResult) -> Table:
    columns = ("id", "article", "outlet", "index", "paragraph", "role", "start", "end", "text")
    rows = (
        {
            "id": f"{a.article.id}:{s.index}",
            "article": a.article.id,
            "outlet": a.article.outlet,
            "index": s.index,
            "paragraph": s.paragraph,
            "role": s.role,
            "start": s.span.start,
            "end": s.span.end,
            "text": _text(a, s.span),
        }
        for a in result.analyses
        for s in a.sentences
    )
    return columns, rows


QUOTE_COLUMNS = (
    "article", "outlet", "text", "kind", "speaker", "speaker_id", "speaker_type", "speaker_start", "speaker_end",
    "speaker_text", "cue", "channel", "channel_type", "start", "end", "sentence", "tone",
)


def quote_rows(a) -> list[dict[str, Any]]:
    rows = []
    for q in a.quotes:
        rows.append(
            {
                "article": a.article.id,
                "outlet": a.article.outlet,
                "text": _text(a, q.span),
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_id": q.speaker_id or "",
                "speaker_type": q.speaker_type,
                "speaker_start": q.speaker_span.start if q.speaker_span else None,
                "speaker_end": q.speaker_span.end if q.speaker_span else None,
                "speaker_text": _text(a, q.speaker_span) if q.speaker_span else "",
                "cue": q.cue,
                "channel": q.channel,
                "channel_type": q.channel_type,
                "start": q.span.start,
                "end": q.span.end,
                "sentence": q.sentence_index,
                "tone": q.tone,
            }
        )
    return rows


def quotes_table(result: AnalysisResult) -> Table:
    return QUOTE_COLUMNS, (row for a in result.analyses for row in quote_rows(a))


def _actor_names(result: AnalysisResult) -> dict[str, str]:
    names = {actor.id: actor.name for actor in result.lexicons.actors}
    for a in result.analyses:
        for s in a.speakers:
            names.setdefault(s.id, s.name)
    return names


def mentions_table(result: AnalysisResult) -> Table:
    names = _actor_names(result)
    columns = ("article", "outlet", "actor_id", "actor", "via", "start", "end", "text")
    rows = (
        {
            "article": a.article.id,
            "outlet": a.article.outlet,
            "actor_id": m.actor_id,
            "actor": names.get(m.actor_id, m.actor_id),
            "via": m.via,
            "start": m.span.start,
            "end": m.span.end,
            "text": _text(a, m.span),
        }
        for a in result.analyses
        for m in a.mentions
    )
    return columns, rows


def tones_table(result: AnalysisResult) -> Table:
    columns = ("article", "outlet", "sentence", "role", "compound", "pos", "neu", "neg", "label")
    rows = (
        {
            "article": a.article.id,
            "outlet": a.article.outlet,
            "sentence": t.sentence_index,
            "role": t.role,
            "compound": t.compound,
            "pos": t.pos,
            "neu": t.neu,
            "neg": t.neg,
            "label": label(t.compound),
        }
        for a in result.analyses
        for t in a.tones
    )
    return columns, rows


def topic_hits_table(result: AnalysisResult) -> Table:
    columns = ("article", "outlet", "topic", "term", "start", "end", "sentence", "text")
    rows = (
        {
            "article": a.article.id,
            "outlet": a.article.outlet,
            "topic": h.topic_id,
            "term": h.term,
            "start": h.span.start,
            "end": h.span.end,
            "sentence": h.sentence_index,
            "text": _text(a, h.span),
        }
        for a in result.analyses
        for h in a.topic_hits
    )
    return columns, rows


def topics_table(result: AnalysisResult) -> Table:
    columns = ("outlet", "article", "topic", "hits", "per_1k", "sentence_share")
    rows = []
    topic_ids = [t.id for t in result.lexicons.topics]
    for a in result.analyses:
        body = [s for s in a.sentences if s.role == "body"]
        weights = topic_weights(a.topic_hits, count_tokens(a.article.text, [s.span for s in body]), [s.index for s in body])
        for topic in topic_ids:
            w = weights.get(topic, {"hits": 0, "per_1k": 0.0, "sentence_share": 0.0})
            rows.append({"outlet": a.article.outlet, "article": a.article.id, "topic": topic, **w})
    return columns, rows


ESTIMATE = ("value", "ci_low", "ci_high", "n", "note", "unit")


def article_tone_table(result: AnalysisResult) -> Table:
    columns = ("article", "outlet", "tone", "ci_low", "ci_high", "n", "positive_share", "neutral_share", "negative_share", "headline_tone")
    return columns, article_tone_rows(result.analyses, n_boot=result.n_boot, seed=result.seed)


def actor_tone_table(result: AnalysisResult) -> Table:
    columns = ("outlet", "actor_id", "actor", "measure", *ESTIMATE)
    return columns, actor_tone_rows(result.analyses, _actor_names(result), n_boot=result.n_boot, seed=result.seed)


def topic_tone_table(result: AnalysisResult) -> Table:
    columns = ("outlet", "topic", "label", "measure", *ESTIMATE)
    labels = {t.id: t.label for t in result.lexicons.topics}
    return columns, topic_tone_rows(result.analyses, labels, n_boot=result.n_boot, seed=result.seed)


def comparison_tables(result: AnalysisResult) -> dict[str, Table]:
    c = result.comparison
    if c is None:
        return {}
    tables = {
        "features.csv": (("article", "outlet", "block", "feature", "value", "standardised", "unit"), c.feature_table.rows()),
        "similarity.csv": (("outlet_a", "outlet_b", "distance", "ci_low", "ci_high", "floor_a", "floor_b", "closer_than_noise", "unit", "n_boot", "seed"), c.similarity),
        "projection.csv": (("outlet", "kind", "draw", "x", "y"), c.projection),
        "distinctive_features.csv": (("outlet", "feature", "block", "delta", "ci_low", "ci_high", "excludes_zero", "rank", "unit"), c.distinctive_features),
        "distinctive_terms.csv": (
            ("outlet", "term", "count", "count_rest", "rate_per_1k", "rate_rest_per_1k", "delta", "z", "rank", "null_threshold", "above_null", "prior", "unit"),
            c.distinctive_terms,
        ),
        "shared_quotes.csv": (("level", "group", "outlet", "article", "speaker_id", "speaker", "text", "n_outlets", "status"), c.shared_quotes),
    }
    return tables


def all_tables(result: AnalysisResult) -> dict[str, Table]:
    return {
        "articles.csv": articles_table(result),
        "sentences.csv": sentences_table(result),
        "quotes.csv": quotes_table(result),
        "mentions.csv": mentions_table(result),
        "tones.csv": tones_table(result),
        "article_tone.csv": article_tone_table(result),
        "actor_tone.csv": actor_tone_table(result),
        "topic_tone.csv": topic_tone_table(result),
        "topics.csv": topics_table(result),
        "topic_hits.csv": topic_hits_table(result),
        **comparison_tables(result),
    }


def summary(result: AnalysisResult) -> dict[str, Any]:
    """The run at a glance, for analysis.json and the report's overview."""
    quotes = [q for a in result.analyses for q in a.quotes]
    return {
        "corpus": result.corpus.name,
        "event": result.corpus.event,
        "seed": result.seed,
        "articles": len(result.analyses),
        "outlets": list(result.corpus.outlets),
        "body_words": sum(r["body_words"] for r in articles_table(result)[1]),
        "quotes": sum(1 for q in quotes if q.kind != "headline"),
        "quote_kinds": dict(sorted(Counter(q.kind for q in quotes).items())),
        "lexicons": [
            {"kind": i.kind, "id": i.id, "label": i.label, "version": i.version} for i in result.lexicons.infos
        ],
        "warnings": list(result.corpus.warnings),
        "n_boot": result.n_boot,
        "unit": result.comparison.unit if result.comparison else None,
        "unit_note": result.comparison.unit_note if result.comparison else None,
    }

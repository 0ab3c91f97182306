"""The result of a run as tidy tables: one observation per row, snake_case columns.

Two kinds of table. Rows below the article (``row_tables``: sentences, quotes, mentions,
tones, topic hits) are made from one article's analysis at a time, so a streamed run
writes them as the articles arrive. Rows per article or coarser (``digest_tables``) are
made from the digests and the comparison at the end. ``all_tables`` lists both under the
file names ``framing analyze`` writes to ``data/``. A table's columns, their order, kind
and meaning are declared once, in ``codebook.CODEBOOK``; the headers here come from it.
"""

from __future__ import annotations

import math

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from .aggregate import actor_tone_rows, article_tone_rows, counts_as_speaker, topic_tone_rows
from .codebook import columns as declared  # each table's columns are declared once, in the codebook
from .export import csv_cells, number_cell
from .lexicons import LexiconSet
from .pipeline import AnalysisResult
from .sentiment import label
from .types import Actor, ArticleAnalysis

if TYPE_CHECKING:  # the comparison (and scikit-learn) is imported where it runs
    from .compare import FeatureTable

#: (columns, rows). Rows are a list for the small tables the report also reads, and a
#: generator for the large per-sentence ones, so they stream to disk.
Table = tuple[tuple[str, ...], Iterable[dict[str, Any]]]


def _text(a, span) -> str:
    return a.article.text[span.start : span.end]


def articles_table(result: AnalysisResult) -> Table:
    columns = declared("articles.csv")
    rows = [
        {
            "id": d.id,
            "outlet": d.outlet,
            "title": d.title,
            "date": d.published,
            "url": d.url,
            "source": d.source,
            "sentences": d.n_sentences,
            "body_sentences": d.n_body_sentences,
            "body_words": d.body_words,
            "quotes": d.n_quotes,
            "mentions": d.n_mentions,
            "topic_hits": d.n_topic_hits,
        }
        for d in result.digests
    ]
    return columns, rows


SENTENCE_COLUMNS = declared("sentences.csv")


def sentence_rows(a: ArticleAnalysis) -> list[dict[str, Any]]:
    return [
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
        for s in a.sentences
    ]


QUOTE_COLUMNS = declared("quotes.csv")


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
                "stance": q.stance,
                "channel": q.channel,
                "channel_type": q.channel_type,
                "start": q.span.start,
                "end": q.span.end,
                "sentence": q.sentence_index,
                "tone": q.tone,
                "counted": counts_as_speaker(q),
            }
        )
    return rows


def actor_names(lexicons: LexiconSet, speakers: Iterable[Actor] = ()) -> dict[str, str]:
    """Actor id -> name: the lexicon's actors, then speakers found in the text (the first
    spelling met wins)."""
    names = {actor.id: actor.name for actor in lexicons.actors}
    for s in speakers:
        names.setdefault(s.id, s.name)
    return names


MENTION_COLUMNS = declared("mentions.csv")


def mention_rows(a: ArticleAnalysis, lexicon_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """A speaker not in a lexicon is named as this article names it."""
    own = {s.id: s.name for s in a.speakers}
    return [
        {
            "article": a.article.id,
            "outlet": a.article.outlet,
            "actor_id": m.actor_id,
            "actor": lexicon_names.get(m.actor_id) or own.get(m.actor_id, m.actor_id),
            "via": m.via,
            "start": m.span.start,
            "end": m.span.end,
            "text": _text(a, m.span),
        }
        for m in a.mentions
    ]


TONE_COLUMNS = declared("tones.csv")


def tone_rows(a: ArticleAnalysis) -> list[dict[str, Any]]:
    return [
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
        for t in a.tones
    ]


TOPIC_HIT_COLUMNS = declared("topic_hits.csv")


def topic_hit_rows(a: ArticleAnalysis) -> list[dict[str, Any]]:
    return [
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
        for h in a.topic_hits
    ]


def row_tables(lexicons: LexiconSet) -> dict[str, tuple[tuple[str, ...], Callable[[ArticleAnalysis], list[dict[str, Any]]]]]:
    """The tables with rows below the article (sentences, quotes, mentions, tones, topic
    hits): name -> (columns, the rows of one analysis). A streamed run writes them as each
    article arrives."""
    # Module-level functions (and a partial of one), so the tables pickle to a worker.
    return {
        "sentences.csv": (SENTENCE_COLUMNS, sentence_rows),
        "quotes.csv": (QUOTE_COLUMNS, quote_rows),
        "mentions.csv": (MENTION_COLUMNS, partial(mention_rows, lexicon_names=actor_names(lexicons))),
        "tones.csv": (TONE_COLUMNS, tone_rows),
        "topic_hits.csv": (TOPIC_HIT_COLUMNS, topic_hit_rows),
    }


def topics_table(result: AnalysisResult) -> Table:
    columns = declared("topics.csv")
    rows = [
        {"outlet": d.outlet, "article": d.id, "topic": topic, "hits": hits, "per_1k": per_1k, "sentence_share": share}
        for d in result.digests
        for topic, hits, per_1k, share in d.topic_weights
    ]
    return columns, rows


def article_tone_table(result: AnalysisResult) -> Table:
    columns = declared("article_tone.csv")
    return columns, article_tone_rows(result.digests, n_boot=result.n_boot, seed=result.seed)


def actor_tone_table(result: AnalysisResult) -> Table:
    columns = declared("actor_tone.csv")
    names = actor_names(result.lexicons, (s for d in result.digests for s in d.speakers))
    return columns, actor_tone_rows(result.digests, names, n_boot=result.n_boot, seed=result.seed)


def topic_tone_table(result: AnalysisResult) -> Table:
    columns = declared("topic_tone.csv")
    labels = {t.id: t.label for t in result.lexicons.topics}
    return columns, topic_tone_rows(result.digests, labels, n_boot=result.n_boot, seed=result.seed)


FEATURE_COLUMNS = declared("features.csv")


class FeatureRows:
    """The rows of features.csv: one per article and feature (1.5 million at 10,000
    articles), made on demand from the comparison's matrices.

    Iterating gives the row dicts, as for any table. ``csv_chunks`` gives the same CSV
    text an article at a time, the names quoted once and each number through the same
    rounding and cell rules, about 3.5 times faster than a dict and a cell call per value
    (tests/test_compare.py checks the bytes)."""

    def __init__(self, table: FeatureTable):
        self.table = table

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.table.rows()

    def csv_chunks(self, *, guard: bool = True) -> Iterator[str]:
        t = self.table
        names = [csv_cells(name.split("__", 1), guard=guard) for name in t.feature_names]
        unit = csv_cells([t.unit], guard=guard)
        cells = _NumberCells()
        known, new = cells.get, cells.new
        for article, outlet, raw, z in zip(t.row_ids, t.outlets, t.raw, t.values):
            prefix = csv_cells([article, outlet], guard=guard)
            yield "".join(
                f"{prefix},{name},{known(value) or new(value)},{known(standardised) or new(standardised)},{unit}\n"
                for name, value, standardised in zip(names, raw.tolist(), z.tolist())
            )


class _NumberCells(dict):
    """``number_cell(_r(x))``, each distinct value formatted once: a feature matrix repeats
    few values (most cells are a block's fill value or its standardised image; 38,700
    distinct raw values among 1.26 million cells at 10,000 articles). Zero is never a key,
    since -0.0 == 0.0 but the two print differently."""

    def __init__(self) -> None:
        super().__init__()
        self.zeros = (self._format(0.0), self._format(-0.0))

    def new(self, value: float) -> str:
        if value == 0.0:
            return self.zeros[math.copysign(1.0, value) < 0]
        text = self._format(value)
        if value == value:  # not NaN, which is never equal to itself and so never found
            self[value] = text
        return text

    @staticmethod
    def _format(value: float) -> str:
        from .compare import _r  # the rounding ``rows`` applies

        return number_cell(_r(value))


def comparison_tables(result: AnalysisResult) -> dict[str, Table]:
    c = result.comparison
    if c is None:
        return {}
    tables = {
        "features.csv": (FEATURE_COLUMNS, FeatureRows(c.feature_table)),
        "similarity.csv": (declared("similarity.csv"), c.similarity),
        "projection.csv": (declared("projection.csv"), c.projection),
        "distinctive_features.csv": (declared("distinctive_features.csv"), c.distinctive_features),
        "distinctive_terms.csv": (declared("distinctive_terms.csv"), c.distinctive_terms),
        "shared_quotes.csv": (declared("shared_quotes.csv"), c.shared_quotes),
    }
    return tables


def digest_tables(result: AnalysisResult) -> dict[str, Table]:
    """The tables with a row per article or coarser, made from the digests (and the
    comparison): what the report reads."""
    return {
        "articles.csv": articles_table(result),
        "article_tone.csv": article_tone_table(result),
        "actor_tone.csv": actor_tone_table(result),
        "topic_tone.csv": topic_tone_table(result),
        "topics.csv": topics_table(result),
        **comparison_tables(result),
    }


#: The order the tables are listed in (analysis.json, the codebook).
TABLE_ORDER = (
    "articles.csv", "sentences.csv", "quotes.csv", "mentions.csv", "tones.csv", "article_tone.csv", "actor_tone.csv",
    "topic_tone.csv", "topics.csv", "topic_hits.csv", "features.csv", "similarity.csv", "projection.csv",
    "distinctive_features.csv", "distinctive_terms.csv", "shared_quotes.csv",
)


def all_tables(result: AnalysisResult) -> dict[str, Table]:
    """Every table of a run that kept every analysis (``result.complete``)."""
    if not result.complete:
        raise ValueError("all_tables needs every article's analysis; this run kept only the first ones (keep=...)")
    def rows(rows_of: Callable[[ArticleAnalysis], list[dict[str, Any]]]) -> Iterable[dict[str, Any]]:
        return (row for a in result.analyses for row in rows_of(a))

    tables: dict[str, Table] = dict(digest_tables(result))
    for name, (columns, rows_of) in row_tables(result.lexicons).items():
        tables[name] = (columns, rows(rows_of))
    return {name: tables[name] for name in TABLE_ORDER if name in tables}


def summary(result: AnalysisResult) -> dict[str, Any]:
    """The run at a glance, for analysis.json and the report's overview."""
    quotes = [q for d in result.digests for q in d.quotes]
    return {
        "corpus": result.corpus.name,
        "event": result.corpus.event,
        "seed": result.seed,
        "articles": len(result.digests),
        "outlets": list(result.corpus.outlets),
        "body_words": sum(d.body_words for d in result.digests),
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

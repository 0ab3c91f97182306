"""The topics family: how much of each outlet's body text each topic lexicon takes up, and
the tone of the sentences where its terms occur.

Owns the topic part of the digest (weights per article, tones of the topic's sentences),
the ``topics`` feature block (hits per 1,000 body tokens), topics.csv, topic_hits.csv and
topic_tone.csv with their column declarations, and the report's "Topics" section. Matching
the lexicons' terms is ``framing.topics``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from ..report.palette import figure_html
from ..types import ArticleAnalysis, TopicHit
from .base import ARTICLE, END, NOTE, OUTLET, SENTENCE, START, Column, Family, Finding, TableSpec, by_outlet, estimate_columns, run_estimate, span_text
from .intervals import poisson_interval


def topic_weights(
    hits: Iterable[TopicHit],
    n_body_tokens: int,
    body_sentence_ids: Collection[int],
    topic_ids: Iterable[str] = (),
) -> dict[str, dict[str, int | float]]:
    """How much of an article's body each topic takes up. Pure function.

    ``hits`` should be the body hits, with ``sentence_index`` assigned. For each topic id that has
    a hit (and each id in ``topic_ids``, so topics with no hits get a row of zeros)::

        {"hits": int,             # number of hits
         "per_1k": float,         # hits per 1,000 body tokens, rounded to 4 dp (0.0 if no tokens)
         "sentence_share": float} # share of body sentences with >= 1 hit of the topic, 4 dp

    Only hits whose ``sentence_index`` is in ``body_sentence_ids`` count toward
    ``sentence_share``; every hit given counts toward ``hits`` and ``per_1k``. Keys are in order
    of ``topic_ids`` and then of first appearance in ``hits``.
    """
    body = set(body_sentence_ids)
    counts: dict[str, int] = {t: 0 for t in topic_ids}
    sentences: dict[str, set[int]] = {t: set() for t in counts}
    for hit in hits:
        counts[hit.topic_id] = counts.get(hit.topic_id, 0) + 1
        s = sentences.setdefault(hit.topic_id, set())
        if hit.sentence_index in body:
            s.add(hit.sentence_index)
    out: dict[str, dict[str, int | float]] = {}
    for topic, count in counts.items():
        out[topic] = {
            "hits": count,
            "per_1k": round(count * 1000 / n_body_tokens, 4) if n_body_tokens > 0 else 0.0,
            "sentence_share": round(len(sentences[topic]) / len(body), 4) if body else 0.0,
        }
    return out


@dataclass(frozen=True, slots=True)
class TopicDigest:
    tones: tuple[tuple[str, tuple[float, ...]], ...]  # topic id -> tone of its sentences
    weights: tuple[tuple[str, int, float, float], ...]  # (topic, hits, per_1k, sentence_share)


def digest(a: ArticleAnalysis, context) -> TopicDigest:
    tone_of = context.tones
    sentences_of_topic: dict[str, set[int]] = defaultdict(set)
    for h in a.topic_hits:
        sentences_of_topic[h.topic_id].add(h.sentence_index)
    body_words = sum(context.body_tokens.values())
    weights = topic_weights(a.topic_hits, body_words, list(context.body_tokens))
    empty = {"hits": 0, "per_1k": 0.0, "sentence_share": 0.0}
    return TopicDigest(
        tones=tuple((topic, tuple(tone_of[i] for i in sorted(indices) if i in tone_of)) for topic, indices in sentences_of_topic.items()),
        weights=tuple((topic, int(w["hits"]), float(w["per_1k"]), float(w["sentence_share"])) for topic in context.topic_ids for w in [weights.get(topic, empty)]),
    )


def sentence_part(a: ArticleAnalysis, context) -> list[tuple[tuple[str, int], ...]]:
    hits: dict[int, Counter[str]] = defaultdict(Counter)
    for h in a.topic_hits:
        hits[h.sentence_index][h.topic_id] += 1
    return [tuple(sorted(hits[s.index].items())) if s.index in hits else () for s in context.body]


def features(units, slot: int) -> dict[str, float]:
    tokens = sum(u.tokens for u in units)
    counts: Counter[str] = Counter()
    for u in units:
        for topic, n in u.parts[slot]:
            counts[topic] += n
    return {f"topic:{topic}": 1000.0 * n / max(tokens, 1) for topic, n in counts.items()}


def topics_rows(result) -> list[dict[str, Any]]:
    return [
        {"outlet": d.outlet, "article": d.id, "topic": topic, "hits": hits, "per_1k": per_1k, "sentence_share": share}
        for d in result.digests
        for topic, hits, per_1k, share in d.parts["topics"].weights
    ]


def topic_tone_rows(result) -> list[dict[str, Any]]:
    """Per outlet x topic: mean compound of the body sentences where the topic's terms occur."""
    labels = {t.id: t.label for t in result.lexicons.topics}
    rows = []
    for outlet, group in by_outlet(result.digests).items():
        values: dict[str, list[float]] = defaultdict(list)
        for d in group:
            for topic, tones in d.parts["topics"].tones:
                values[topic].extend(tones)
        for topic in sorted(labels):
            est = run_estimate(result, values.get(topic, []))
            rows.append({"outlet": outlet, "topic": topic, "label": labels[topic], "measure": "tone", **est.row(), "unit": "sentence"})
    return rows


def topic_hit_rows(a: ArticleAnalysis, context=None) -> list[dict[str, Any]]:
    return [
        {"article": a.article.id, "outlet": a.article.outlet, "topic": h.topic_id, "term": h.term, "start": h.span.start, "end": h.span.end, "sentence": h.sentence_index, "text": span_text(a, h.span)}
        for h in a.topic_hits
    ]


_TOPIC = Column("topic", "text", "topic lexicon id")
TABLES = (
    TableSpec("topic_tone.csv", "outlet x topic lexicon", (
        OUTLET, _TOPIC,
        Column("label", "text", "the topic lexicon's label"),
        Column("measure", "text", "always 'tone': mean VADER compound of the body sentences in which the topic's terms occur (each sentence counted once per topic)"),
        *estimate_columns(),
        Column("n", "integer", "number of the outlet's body sentences with at least one hit of the topic"),
        NOTE,
        Column("unit", "text", "what one observation is: always 'sentence'"),
    ), topic_tone_rows),
    TableSpec("topics.csv", "article x topic lexicon (every topic, zero when absent)", (
        OUTLET, ARTICLE, _TOPIC,
        Column("hits", "integer", "number of hits of the topic's terms in the article's body sentences"),
        Column("per_1k", "number", "hits per 1,000 body word tokens (articles.csv body_words), 4 decimals; 0 when the article has no body"),
        Column("sentence_share", "number", "share of the article's body sentences with at least one hit of the topic, 4 decimals", "in [0, 1]"),
    ), topics_rows),
    TableSpec("topic_hits.csv", "hit of a topic term in a body sentence", (
        ARTICLE, OUTLET,
        Column("topic", "text", "id of the topic lexicon the term belongs to (a span two topics both list gives one row per topic)"),
        Column("term", "text", "the lexicon term that matched, as written in the lexicon ('tariff*')"),
        START, END, SENTENCE,
        Column("text", "text", "the matched words as written in the article"),
    ), topic_hit_rows, per_article=True),
)


def topic_tone_figure(rows: list[dict[str, Any]], outlets: list[str]):
    import plotly.graph_objects as go

    topics = sorted({r["label"] for r in rows})
    cell = {(r["outlet"], r["label"]): r for r in rows}
    z = [[cell[(o, t)]["value"] if (o, t) in cell else None for t in topics] for o in outlets]
    text = [
        [
            (f"{r['value']:+.3f} [{r['ci_low']:+.3f}, {r['ci_high']:+.3f}], n = {r['n']}" if r["value"] is not None and r["ci_low"] is not None else f"not enough text (n = {r['n']})")
            if (r := cell.get((o, t))) else "no sentences"
            for t in topics
        ]
        for o in outlets
    ]
    ids = {r["label"]: r["topic"] for r in rows}
    cells = [[{"outlet": o, "topic": ids[t]} for t in topics] for o in outlets]  # a click shows the outlet's sentences of the topic
    fig = go.Figure(go.Heatmap(z=z, x=topics, y=outlets, text=text, zmin=-1, zmax=1, colorscale="RdBu", hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
                               colorbar=dict(title="compound"), meta={"reader": {"cells": cells}}))
    fig.update_layout(title="Topic tone: mean VADER compound of the sentences where each topic's terms occur")
    return fig


def topics_figure(result, rows: list[dict[str, Any]]):
    import plotly.graph_objects as go

    topics = [t.id for t in result.lexicons.topics]
    labels = {t.id: t.label for t in result.lexicons.topics}
    outlets = list(result.corpus.outlets)
    per: dict[tuple[str, str], list[float]] = defaultdict(list)
    hits: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        per[(r["outlet"], r["topic"])].append(r["per_1k"])
        hits[(r["outlet"], r["topic"])] += r["hits"]
    z = [[round(sum(per[(o, t)]) / max(1, len(per[(o, t)])), 3) for t in topics] for o in outlets]
    text = [[f"{hits[(o, t)]} hits" for t in topics] for o in outlets]
    cells = [[{"outlet": o, "topic": t} for t in topics] for o in outlets]
    fig = go.Figure(go.Heatmap(z=z, x=[labels[t] for t in topics], y=outlets, text=text, colorscale="Blues", hovertemplate="%{y} · %{x}<br>%{z} per 1,000 words<br>%{text}<extra></extra>",
                               colorbar=dict(title="per 1,000 words"), meta={"reader": {"cells": cells}}))
    fig.update_layout(title="Topic weight: lexicon hits per 1,000 body words")
    return fig


def section(report) -> str:
    tables = report.tables
    if not report.result.lexicons.topics:
        return """<section id="topics"><h2>Topics</h2>
<p class="how" id="no-topics">This run had no topic lexicon, so there are no topic weights to show. Topics are lists of terms a researcher edits: run again with <code>--lexicons topics</code> for framing's shipped ones, or name lexicons in the corpus's <code>corpus.toml</code> (<code>lexicons = ["topics"]</code>); <code>framing lexicon new topic ID</code> starts a new one.</p></section>"""
    return f"""<section id="topics"><h2>Topics</h2>
<p class="how">How to read this: darker cells mean the outlet's body text uses more of the topic lexicon's terms per 1,000 words; the hover gives the number of hits. Data: <a href="data/topics.csv">topics.csv</a>, <a href="data/topic_hits.csv">topic_hits.csv</a>.</p>
{figure_html(topics_figure(report.result, tables['topics.csv'][1]), "fig-topics")}
{figure_html(topic_tone_figure(tables['topic_tone.csv'][1], report.outlets), "fig-topic-tone")}</section>"""


#: A topic an outlet "writes most about" needs this many hits there: fewer is a word or two.
MIN_FINDING_HITS = 5


def findings(report) -> list[Finding]:
    """Per outlet, the topic it gives most weight to against the other outlets (hits per
    1,000 body words, with the exact Poisson interval of its count), up to three outlets."""
    words = {d.id: d.body_words for d in report.result.digests}
    labels = {t.id: t.label for t in report.result.lexicons.topics}
    hits: dict[tuple[str, str], int] = defaultdict(int)
    outlet_words: dict[str, int] = defaultdict(int)
    for d in report.result.digests:
        outlet_words[d.outlet] += words[d.id]
    for r in report.tables["topics.csv"][1]:
        hits[(r["outlet"], r["topic"])] += r["hits"]
    outlets = [o for o in report.outlets if outlet_words[o]]
    if len(outlets) < 2 or not labels:
        return []
    total_words = sum(outlet_words[o] for o in outlets)
    picks = []
    for o in outlets:
        rest_words = total_words - outlet_words[o]
        best = None
        for t in sorted(labels):
            k = hits[(o, t)]
            rest = sum(hits[(x, t)] for x in outlets if x != o)
            if k < MIN_FINDING_HITS or not rest_words:
                continue
            rate, other = 1000 * k / outlet_words[o], 1000 * rest / rest_words
            ratio = rate / other if other else float("inf")
            if best is None or ratio > best[0]:
                best = (ratio, t, k, rate, other)
        if best is not None and best[0] > 1:
            picks.append((best, o))
    picks.sort(key=lambda p: (-p[0][0], p[1]))
    parts = []
    for (ratio, t, k, rate, other), o in picks[:3]:
        low, high = (1000 * x / outlet_words[o] for x in poisson_interval(k))
        parts.append(f"{o} gives most weight to {labels[t]} against the others: {rate:.1f} hits per 1,000 words [{low:.1f}, {high:.1f}] ({k} hits), against {other:.1f} in the other outlets")
    if not parts:
        return []
    first_topic, first_outlet = picks[0][0][1], picks[0][1]
    return [Finding("What each outlet writes about", "; ".join(parts) + ".", "A topic weight is only as good as its lexicon's term list (framing lexicon explain CORPUS --topic ID shows what it matched).",
                    "fig-topics", (("topic", first_topic), ("outlet", first_outlet)))]


FAMILY = Family(
    name="topics",
    digest=digest,
    sentence_part=sentence_part,
    features=features,
    block=("topic",),
    tables=TABLES,
    section=section,
    nav=(("topics", "Topics"),),
    findings=findings,
)

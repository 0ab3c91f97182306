"""The tone family: VADER tone per sentence and article, and toward each actor.

Two measures of tone toward an actor are kept apart because they answer different
questions:

- ``about``: how the text treats the actor: for each body sentence about the actor (a
  name, a description or a pronoun resolved to them), the target-aware score
  ``sentiment.tone_toward`` of that mention, with the actor's own quotes blanked out first
  (their words are their voice) and the words of others about them kept ("critics accused
  X of lying" is negative toward X);
- ``voice``: the tone of the actor's own quoted words (direct, partial and reported quotes
  attributed to them that count as theirs).

Owns the ``about`` scores of an article (``about_tones``, run by the pipeline), the tone
part of the digest, the ``tone`` feature block, tones.csv, article_tone.csv and
actor_tone.csv with their column declarations, and the report's "Tone" section. Each
aggregate value has n and a seeded percentile-bootstrap interval; with fewer than
``sentiment.MIN_SENTENCES`` observations it is withheld ("not enough text").
"""

from __future__ import annotations

import bisect
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np

from ..report.palette import figure_html
from ..sentiment import label, polarity, tone_toward
from ..types import AboutTone, ArticleAnalysis, Mention, Quote, Sentence
from .validity import about_validity, article_tone_validity, voice_validity
from .base import ARTICLE, NOTE, OUTLET, SENTENCE, Column, Family, Finding, TableSpec, by_outlet, estimate_columns, grouped, run_estimate
from .intervals import bootstrap_mean


def _blanked(text: str, quote_spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every quoted span blanked out, same length: built once per article, so
    that a sentence's masked text is one slice, not a walk over every quote of the article
    per sentence."""
    pieces: list[str] = []
    pos = 0
    for qs, qe in sorted(quote_spans):
        qs, qe = max(qs, pos), min(qe, len(text))
        if qs < qe:
            pieces += (text[pos:qs], " " * (qe - qs))
            pos = qe
    pieces.append(text[pos:])
    return "".join(pieces)


def about_tones(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    sentence_scores: Mapping[int, Mapping[str, float]] | None = None,
) -> list[AboutTone]:
    """The ``about`` tone of each actor in each body sentence that is about it: the
    target-aware ``tone_toward`` of its first mention there (a name, a description or a
    pronoun resolved to the actor), on the sentence with the actor's own quotes blanked out
    (same length). The actor's own words are their voice, not how they are treated; the
    words of others about them count as what they are ("critics accused X of lying", a
    quote calling X "a liar"). A mention inside the actor's own quote is not scored.

    ``sentence_scores`` (sentence index -> VADER scores) saves the VADER pass of every
    sentence that holds none of the actor's own quotes: the sentence's own scores are used."""
    own: dict[str, list[tuple[int, int]]] = defaultdict(list)
    attributing: set[tuple[str, int]] = set()  # (actor, start) of the mention naming them as a quote's speaker
    for q in quotes:
        if q.speaker_id:
            own[q.speaker_id].append((q.span.start, q.span.end))
            if q.speaker_span is not None:
                attributing.add((q.speaker_id, q.speaker_span.start))
    # per actor with quotes: their quotes by start with the furthest end so far (a bisect
    # tells whether a sentence holds one, or one holds a mention), and the text with them
    # blanked, made once per actor, not once per sentence
    reach: dict[str, tuple[list[int], list[int], str]] = {}
    for actor_id, spans in own.items():
        spans.sort()
        reach[actor_id] = ([a for a, _ in spans], list(accumulate((b for _, b in spans), max)), _blanked(text, spans))
    out: list[AboutTone] = []
    by_start = sorted(mentions, key=lambda m: m.span.start)
    starts = [m.span.start for m in by_start]
    for s in sentences:
        if s.role != "body":
            continue
        seen: set[str] = set()
        # only the mentions that start inside the sentence can lie inside it
        for m in by_start[bisect.bisect_left(starts, s.span.start) : bisect.bisect_left(starts, s.span.end)]:
            if m.actor_id in seen or not s.span.contains(m.span) or (m.actor_id, m.span.start) in attributing:
                continue  # "X said" gives the microphone; what X said is their voice
            sentence = text[s.span.start : s.span.end]
            scores = sentence_scores.get(s.index) if sentence_scores else None
            if m.actor_id in reach:
                q_starts, q_reach, blanked = reach[m.actor_id]
                k = bisect.bisect_right(q_starts, m.span.start)  # their quotes starting at or before it
                if k and q_reach[k - 1] >= m.span.end:
                    continue  # inside the actor's own words
                k = bisect.bisect_left(q_starts, s.span.end)  # their quotes starting before its end
                if k and q_reach[k - 1] > s.span.start:
                    sentence = blanked[s.span.start : s.span.end]
                    scores = polarity(sentence)
            seen.add(m.actor_id)
            value = tone_toward(sentence, m.span.start - s.span.start, m.span.end - s.span.start, sentence_scores=scores)
            out.append(AboutTone(article_id, s.index, m.actor_id, m.span, value))
    return out


def about_scores(analysis: ArticleAnalysis) -> dict[str, list[float]]:
    """Actor id -> one ``about`` score per body sentence about the actor (see ``about_tones``)."""
    scores: dict[str, list[float]] = defaultdict(list)
    for t in analysis.about:
        scores[t.actor_id].append(t.compound)
    return scores


@dataclass(frozen=True, slots=True)
class ToneDigest:
    body_tones: tuple[float, ...]  # VADER compound of each body sentence, in order
    headline_tone: float | None
    about: tuple[tuple[str, tuple[float, ...]], ...]  # actor id -> "about" scores, in text order
    voice: tuple[tuple[str, tuple[float, ...]], ...]  # actor id -> tone of each own quote


@dataclass(frozen=True, slots=True)
class ToneFacts:
    """What one body sentence contributes to the tone features."""

    tone: float
    about: tuple[tuple[str, float], ...]  # (actor id, about score)
    voice: tuple[tuple[str, float], ...]  # (speaker id, tone) of each counted quote


def headline_tone(a: ArticleAnalysis) -> float | None:
    head = [t.compound for t in a.tones if t.role == "headline"]
    return head[0] if head else None


def digest(a: ArticleAnalysis, context) -> ToneDigest:
    return ToneDigest(
        body_tones=tuple(t.compound for t in a.tones if t.role == "body"),
        headline_tone=headline_tone(a),
        about=grouped((t.actor_id, t.compound) for t in a.about),
        voice=grouped((q.speaker_id, q.tone) for q, counted in zip(a.quotes, context.counted) if counted),
    )


def sentence_part(a: ArticleAnalysis, context) -> list[ToneFacts]:
    tone = context.tones
    about: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for t in a.about:
        about[t.sentence_index].append((t.actor_id, t.compound))
    voice: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for q, counted in zip(a.quotes, context.counted):
        if counted:
            voice[q.sentence_index].append((q.speaker_id, q.tone))
    return [ToneFacts(tone.get(s.index, 0.0), tuple(about.get(s.index, ())), tuple(voice.get(s.index, ()))) for s in context.body]


def article_features(a: ArticleAnalysis) -> dict[str, float]:
    value = headline_tone(a)
    return {} if value is None else {"tone:headline": value}


def features(units, slot: int) -> dict[str, float]:
    out: dict[str, float] = {}
    parts = [u.parts[slot] for u in units]
    if parts:
        out["tone:article"] = float(np.mean([p.tone for p in parts]))
    for prefix, field in (("voice", "voice"), ("about", "about")):
        values: dict[str, list[float]] = defaultdict(list)
        for p in parts:
            for actor, value in getattr(p, field):
                values[actor].append(value)
        for actor, scores in values.items():
            out[f"{prefix}:{actor}"] = float(np.mean(scores))
    return out


def tone_rows(a: ArticleAnalysis, context=None) -> list[dict[str, Any]]:
    return [
        {
            "article": a.article.id, "outlet": a.article.outlet, "sentence": t.sentence_index, "role": t.role,
            "compound": t.compound, "pos": t.pos, "neu": t.neu, "neg": t.neg, "label": label(t.compound),
        }
        for t in a.tones
    ]


def article_tone_rows(result) -> list[dict[str, Any]]:
    """Per article: mean body-sentence compound with interval, label shares, headline tone."""
    rows = []
    for d in result.digests:
        part = d.parts["tone"]
        body = part.body_tones
        est = run_estimate(result, body, minimum=1)
        labels = [label(v) for v in body]
        share = (lambda name: round(labels.count(name) / len(labels), 4) if labels else None)
        rows.append({
            "article": d.id, "outlet": d.outlet, "tone": est.value, "ci_low": est.ci_low, "ci_high": est.ci_high, "n": est.n,
            "positive_share": share("positive"), "neutral_share": share("neutral"), "negative_share": share("negative"),
            "headline_tone": part.headline_tone,
        })
    return rows


def actor_names(lexicons, speakers: Iterable[Any] = ()) -> dict[str, str]:
    """Actor id -> name: the lexicon's actors, then speakers found in the text (the first
    spelling met wins)."""
    names = {actor.id: actor.name for actor in lexicons.actors}
    for s in speakers:
        names.setdefault(s.id, s.name)
    return names


def actor_tone_rows(result) -> list[dict[str, Any]]:
    """Per outlet x actor x measure (about, voice): value, interval, n; unit = sentence or quote."""
    names = actor_names(result.lexicons, (s for d in result.digests for s in d.speakers))
    rows = []
    for outlet, group in by_outlet(result.digests).items():
        about: dict[str, list[float]] = defaultdict(list)
        voice: dict[str, list[float]] = defaultdict(list)
        for d in group:
            for actor, values in d.parts["tone"].about:
                about[actor].extend(values)
            for actor, values in d.parts["tone"].voice:
                voice[actor].extend(values)
        for actor in sorted(set(about) | set(voice)):
            for measure, values, unit in (("about", about.get(actor, []), "sentence"), ("voice", voice.get(actor, []), "quote")):
                est = run_estimate(result, values)
                rows.append({"outlet": outlet, "actor_id": actor, "actor": names.get(actor, actor), "measure": measure, **est.row(), "unit": unit})
    return rows


TABLES = (
    TableSpec("tones.csv", "sentence that is not page furniture (boilerplate sentences are not scored)", (
        ARTICLE, OUTLET, SENTENCE,
        Column("role", "text", "the sentence's role (headline, heading, byline, caption or body)"),
        Column("compound", "number", "VADER compound score of the sentence (negative to positive), 4 decimals", "in [-1, 1]"),
        Column("pos", "number", "VADER's share of the sentence's sentiment-bearing text that is positive", "in [0, 1]"),
        Column("neu", "number", "VADER's share that is neutral (pos + neu + neg is about 1)", "in [0, 1]"),
        Column("neg", "number", "VADER's share that is negative", "in [0, 1]"),
        Column("label", "text", "positive (compound >= 0.05), negative (<= -0.05) or neutral"),
    ), tone_rows, per_article=True),
    TableSpec("article_tone.csv", "article", (
        ARTICLE, OUTLET,
        Column("tone", "number", "mean VADER compound of the article's body sentences; empty when it has no body sentence", "in [-1, 1]"),
        Column("ci_low", "number", "lower end of the 95% percentile bootstrap interval of tone (resampling body sentences); empty when tone is empty"),
        Column("ci_high", "number", "upper end of the 95% percentile bootstrap interval of tone; empty when tone is empty"),
        Column("n", "integer", "number of body sentences behind tone"),
        Column("positive_share", "number", "share of body sentences labelled positive; empty when there are none", "in [0, 1]"),
        Column("neutral_share", "number", "share of body sentences labelled neutral; empty when there are none", "in [0, 1]"),
        Column("negative_share", "number", "share of body sentences labelled negative; empty when there are none", "in [0, 1]"),
        Column("headline_tone", "number", "VADER compound of the headline sentence; empty when the article has no headline", "in [-1, 1]"),
    ), article_tone_rows, validity=article_tone_validity),
    TableSpec("actor_tone.csv", "outlet x actor x measure (about, voice), for actors an outlet mentions or quotes", (
        OUTLET,
        Column("actor_id", "text", "id of the actor (lexicon actor id or 'person_<name>')"),
        Column("actor", "text", "the actor's canonical name"),
        Column("measure", "text", "about (how the text treats the actor: one target-aware tone score per body sentence about the actor, a name, description or pronoun resolved to them, with the actor's own quotes blanked out and the words of others about them kept) or voice (the tone of the actor's own quoted words: one VADER compound per quote attributed to the actor that quotes.csv marks counted)"),
        *estimate_columns(),
        Column("n", "integer", "number of observations behind value: sentences for about, quotes for voice"),
        NOTE,
        Column("unit", "text", "what one observation is: 'sentence' (about) or 'quote' (voice)"),
    ), actor_tone_rows, validity=lambda: about_validity() + " " + voice_validity()),
)


TONE_ARC_ARTICLES = 20  # beyond this many articles the arc is drawn per outlet, not per article


def tone_figure(result, palette: dict[str, str]):
    """The tone arc: each body sentence's compound in order, one line per article; for a
    larger corpus one line per outlet, the mean compound in each tenth of its articles."""
    import plotly.graph_objects as go

    fig = go.Figure()
    if len(result.digests) <= TONE_ARC_ARTICLES:
        for d in result.digests:
            fig.add_scatter(
                x=list(range(1, len(d.parts['tone'].body_tones) + 1)),
                y=list(d.parts['tone'].body_tones),
                mode="lines+markers",
                name=d.outlet,
                line=dict(color=palette[d.outlet]),
                meta={"reader": {"points": [{"article": d.id, "body_sentence": i} for i in range(1, len(d.parts['tone'].body_tones) + 1)]}},
            )
        fig.update_layout(title="Tone arc: VADER compound of each body sentence, in order", xaxis_title="body sentence")
    else:
        tenths: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in range(10)])
        for d in result.digests:
            n = len(d.parts['tone'].body_tones)
            for i, value in enumerate(d.parts['tone'].body_tones):
                tenths[d.outlet][min(9, 10 * i // n)].append(value)
        for outlet in result.corpus.outlets:
            means = [sum(v) / len(v) if v else None for v in tenths[outlet]]
            counts = [len(v) for v in tenths[outlet]]
            fig.add_scatter(
                x=[f"{10 * k}-{10 * k + 10}%" for k in range(10)], y=means, customdata=counts, mode="lines+markers", name=outlet,
                line=dict(color=palette[outlet]), hovertemplate="%{x} of the article: %{y:+.3f} (n = %{customdata} sentences)<extra>" + html.escape(outlet) + "</extra>",
                meta={"reader": {"outlet": outlet}},
            )
        fig.update_layout(title="Tone arc: mean VADER compound per tenth of each outlet's articles", xaxis_title="position in the article")
    fig.update_layout(yaxis_title="compound", yaxis_range=[-1, 1])
    return fig


def article_tone_figure(rows: list[dict[str, Any]], outlet_colours: dict[str, str], max_bars: int = 40):
    """Each article's mean tone with its interval; past ``max_bars`` articles, one box of
    article tones per outlet instead (the page must stay readable for large corpora)."""
    import plotly.graph_objects as go

    rows = [r for r in rows if r["tone"] is not None]
    fig = go.Figure()
    outlets = sorted({r["outlet"] for r in rows})
    if len(rows) > max_bars:
        for outlet in outlets:
            fig.add_box(x=[r["tone"] for r in rows if r["outlet"] == outlet], name=outlet, marker_color=outlet_colours.get(outlet, "#777777"), boxpoints="outliers", meta={"reader": {"outlet": outlet}})
        fig.update_layout(title="Article tone by outlet: each article's mean VADER compound of body sentences", xaxis_title="compound", showlegend=False)
        return fig
    for outlet in outlets:
        mine = [r for r in rows if r["outlet"] == outlet]
        fig.add_bar(
            x=[r["tone"] for r in mine],
            y=[f"{r['outlet']} · {r['article'][:12]}" for r in mine],
            orientation="h",
            name=outlet,
            marker_color=outlet_colours.get(outlet, "#777777"),
            error_x=dict(type="data", symmetric=False, array=[(r["ci_high"] or r["tone"]) - r["tone"] for r in mine], arrayminus=[r["tone"] - (r["ci_low"] or r["tone"]) for r in mine]),
            customdata=[[r["ci_low"], r["ci_high"], r["n"]] for r in mine],
            hovertemplate="mean tone %{x:.3f}<br>95% interval %{customdata[0]} to %{customdata[1]}<br>n = %{customdata[2]} sentences<extra></extra>",
            meta={"reader": {"points": [{"article": r["article"]} for r in mine]}},
        )
    fig.update_layout(title="Article tone: mean VADER compound of body sentences, with 95% bootstrap interval", xaxis_title="compound", xaxis_range=[-1, 1], showlegend=False)
    return fig


def actor_tone_figure(rows: list[dict[str, Any]], outlets: list[str], top: int = 8):
    import plotly.graph_objects as go

    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for r in rows:
        if r["value"] is not None:  # only actors with enough text somewhere
            counts[r["actor_id"]] += r["n"]
        names[r["actor_id"]] = r["actor"]
    actors = [a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    columns = [(a, m) for a in actors for m in ("about", "voice")]
    cell = {(r["outlet"], r["actor_id"], r["measure"]): r for r in rows}
    z, text = [], []
    for o in outlets:
        zr, tr = [], []
        for a, m in columns:
            r = cell.get((o, a, m))
            if r is None or r["value"] is None:
                zr.append(None)
                tr.append(f"not enough text (n = {r['n'] if r else 0})")
            else:
                zr.append(r["value"])
                ci = f" [{r['ci_low']:+.3f}, {r['ci_high']:+.3f}]" if r["ci_low"] is not None else ""  # --bootstrap 0: no interval
                tr.append(f"{r['value']:+.3f}{ci}, n = {r['n']}")
        z.append(zr)
        text.append(tr)
    fig = go.Figure(
        go.Heatmap(
            z=z, x=[f"{names[a]} · {m}" for a, m in columns], y=outlets, text=text, zmin=-1, zmax=1, colorscale="RdBu",
            hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>", colorbar=dict(title="compound"),
            # a click shows the outlet's sentences about the actor with their about-tone, or the actor's own quotes
            meta={"reader": {"cells": [[{"outlet": o, "actor": a, "label": names[a]} if m == "about" else {"outlet": o, "speaker": a} for a, m in columns] for o in outlets]}},
        )
    )
    fig.update_layout(title="Tone about each actor (outlet's own words) vs in the actor's voice (their quotes)", height=420)
    return fig


def findings(report) -> list[Finding]:
    """The most and least positive outlet by body tone, and the tone toward the actor the
    corpus writes most about, each with its interval."""
    from .validity import figures

    out: list[Finding] = []
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in report.tables["article_tone.csv"][1]:
        if r["tone"] is not None:
            by_outlet[r["outlet"]].append(r)
    tones = {}
    for outlet, rows in by_outlet.items():
        if len(rows) == 1:
            r = rows[0]
            tones[outlet] = (r["tone"], r["ci_low"], r["ci_high"], f"{r['n']} sentences")
        else:  # several articles: the mean of the articles' tones, resampling articles
            mean, low, high = bootstrap_mean([r["tone"] for r in rows], n_boot=max(report.result.settings.n_boot, 50), seed=report.result.settings.seed)
            tones[outlet] = (mean, low, high, f"{len(rows)} articles")
    if len(tones) >= 2:
        (lo_o, lo), (hi_o, hi) = min(tones.items(), key=lambda kv: (kv[1][0], kv[0])), max(tones.items(), key=lambda kv: (kv[1][0], kv[0]))
        overlap = lo[2] is not None and hi[1] is not None and lo[2] >= hi[1]
        verdict = "their intervals overlap, so the difference may be chance" if overlap else "their intervals do not overlap"
        out.append(Finding("Tone of the text", f"Body tone (VADER, -1 to +1) is most positive in {hi_o}, {_with_interval(hi)}, and least in {lo_o}, {_with_interval(lo)}: {verdict}.",
                           article_tone_validity(), "fig-article-tone", (("outlet", hi_o),)))
    about = [r for r in report.tables["actor_tone.csv"][1] if r["measure"] == "about" and r["value"] is not None]
    if about:
        totals: Counter[str] = Counter()
        for r in about:
            totals[r["actor_id"]] += r["n"]
        actor = min(totals, key=lambda a: (-totals[a], a))
        rows = sorted((r for r in about if r["actor_id"] == actor), key=lambda r: (r["value"], r["outlet"]))
        name = rows[0]["actor"]
        f = figures()["basil_feelings"]["about"]["spearman"]
        caveat = f"Tone toward a person agrees with annotators' judgement per article only weakly (Spearman {f:.2f} on basil-dev): read it with the sentences."
        if len(rows) >= 2:
            text = (f"Toward {name} (the sentences about them, their own quotes left out), the text is most favourable in {rows[-1]['outlet']}, "
                    f"{_with_interval((rows[-1]['value'], rows[-1]['ci_low'], rows[-1]['ci_high'], str(rows[-1]['n']) + ' sentences'))}, and least in {rows[0]['outlet']}, "
                    f"{_with_interval((rows[0]['value'], rows[0]['ci_low'], rows[0]['ci_high'], str(rows[0]['n']) + ' sentences'))}.")
        else:
            text = f"Only {rows[0]['outlet']} writes enough about {name} to measure the tone toward them: {_with_interval((rows[0]['value'], rows[0]['ci_low'], rows[0]['ci_high'], str(rows[0]['n']) + ' sentences'))}."
        out.append(Finding("Tone toward the most written-about person", text, caveat, "fig-actor-tone", (("actor", actor), ("label", name), ("outlet", rows[-1]["outlet"]))))
    return out


def _with_interval(value: tuple) -> str:
    v, low, high, n = value
    interval = f" [{low:+.2f}, {high:+.2f}]" if low is not None and high is not None else ""
    return f"{v:+.2f}{interval} ({n})"


def section(report) -> str:
    tables = report.tables
    return f"""<section id="tone"><h2>Tone</h2>
<p class="how">How to read this: VADER compound scores run from −1 (negative) to +1 (positive); news prose sits near 0, so look at the intervals before reading a difference. Data: <a href="data/article_tone.csv">article_tone.csv</a>, <a href="data/actor_tone.csv">actor_tone.csv</a>, <a href="data/tones.csv">tones.csv</a>.</p>
{figure_html(article_tone_figure(tables['article_tone.csv'][1], report.outlet_colours), "fig-article-tone")}
<p class="how validity">{html.escape(article_tone_validity())}</p>
<p class="how">"about" scores how the text treats the actor, sentence by sentence, at their name, a description or a pronoun resolved to them: the words of others about them count, their own quotes do not; "voice" scores the actor's own quoted words. Blank cells had too few sentences to say.</p>
{figure_html(actor_tone_figure(tables['actor_tone.csv'][1], report.outlets), "fig-actor-tone")}
<p class="how validity" id="tone-validity">{html.escape(about_validity())} {html.escape(voice_validity())}</p>
{figure_html(tone_figure(report.result, report.outlet_colours), "fig-tone-arc")}</section>"""


FAMILY = Family(
    name="tone",
    digest=digest,
    sentence_part=sentence_part,
    article_features=article_features,
    features=features,
    block=("tone", "about", "voice"),
    tables=TABLES,
    section=section,
    nav=(("tone", "Tone"),),
    findings=findings,
)

"""The headline-versus-body family: how an article's headline frames the story its body tells.

Readers who skim see only the headline, so a headline can frame an event apart from its
article: harsher in tone, naming one side of a two-sided story, or leading with a topic the
body barely treats (Andrew 2007, "Media-generated shortcuts"; Ecker et al. 2014,
"The effects of subtle misinformation in news headlines"). Per article, and per outlet:

- tone: the headline's VADER compound against the mean compound of the body sentences;
  ``harsher`` when the headline is negative (<= -0.05) and below the body's mean by more
  than VADER's neutral band (0.05);
- actors: the article's two lead actors (the two most mentioned in the body, each at least
  twice; lexicon actors and speakers found in the text) and which of them the headline
  names; ``one_sided`` when the body has two leads and the headline names exactly one;
- topics: the topic lexicons whose terms the headline uses, and whether the body's lead
  topic (most hits) is among them.

Owns its digest part, headline_body.csv and headline_body_outlets.csv with their column
declarations, and the report's "Headline versus body" section. It adds no feature to the
comparison. Not yet checked against human judgement (see the section's note).
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..report.palette import figure_html, table_html
from ..sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
from ..text.clean import matching_copy
from ..types import ArticleAnalysis
from .base import ARTICLE, OUTLET, Column, Family, TableSpec, by_outlet, estimate_columns, run_estimate

#: Mentions in the body an actor needs to be one of the article's two lead actors.
MIN_LEAD_MENTIONS = 2
#: VADER's neutral band: a gap smaller than this is no difference of label.
TONE_BAND = POSITIVE_THRESHOLD


@dataclass(frozen=True, slots=True)
class HeadlineDigest:
    headline_tone: float | None  # None when the article has no headline
    body_tone: float | None  # mean compound of the body sentences; None without any
    headline_actors: tuple[str, ...]  # actor ids the headline names, in order
    lead_actors: tuple[str, ...]  # the body's (up to) two most mentioned actors
    headline_topics: tuple[str, ...]  # topic ids whose terms the headline uses
    lead_topic: str  # the topic with most body hits; "" when none

    @property
    def tone_gap(self) -> float | None:
        if self.headline_tone is None or self.body_tone is None:
            return None
        return round(self.headline_tone - self.body_tone, 4)

    @property
    def harsher(self) -> bool | None:
        gap = self.tone_gap
        return None if gap is None else bool(self.headline_tone <= NEGATIVE_THRESHOLD and gap < -TONE_BAND)

    @property
    def one_sided(self) -> bool | None:
        """True when the body has two lead actors and the headline names exactly one; None
        when there is no headline or fewer than two leads."""
        if self.headline_tone is None or len(self.lead_actors) < 2:
            return None
        return sum(actor in self.headline_actors for actor in self.lead_actors) == 1

    @property
    def lead_topic_in_headline(self) -> bool | None:
        if self.headline_tone is None or not self.lead_topic:
            return None
        return self.lead_topic in self.headline_topics


def digest(a: ArticleAnalysis, context) -> HeadlineDigest:
    heads = [s for s in a.sentences if s.role == "headline"]
    body, tone_of = context.body, context.tones
    body_tones = [tone_of[s.index] for s in body if s.index in tone_of]
    head = heads[0] if heads else None
    in_body = Counter()
    first: dict[str, int] = {}
    headline_actors: list[str] = []
    for m in a.mentions:
        if head is not None and head.span.contains(m.span):
            if m.actor_id not in headline_actors:
                headline_actors.append(m.actor_id)
        elif any(s.span.contains(m.span) for s in body):
            in_body[m.actor_id] += 1
            first.setdefault(m.actor_id, m.span.start)
    leads = sorted((actor for actor, n in in_body.items() if n >= MIN_LEAD_MENTIONS), key=lambda actor: (-in_body[actor], first[actor]))[:2]
    topics: tuple[str, ...] = ()
    if head is not None and context.topic_matcher is not None:
        words = matching_copy(a.article.text[head.span.start : head.span.end])
        topics = tuple(dict.fromkeys(h.topic_id for h in context.topic_matcher.find(words, a.article.id)))
    hits = Counter(h.topic_id for h in a.topic_hits)
    order = {topic: k for k, topic in enumerate(context.topic_ids)}
    lead_topic = min(hits, key=lambda t: (-hits[t], order.get(t, len(order)), t)) if hits else ""
    return HeadlineDigest(
        headline_tone=tone_of.get(head.index) if head is not None else None,
        body_tone=round(float(np.mean(body_tones)), 4) if body_tones else None,
        headline_actors=tuple(headline_actors),
        lead_actors=tuple(leads),
        headline_topics=topics,
        lead_topic=lead_topic,
    )


def article_rows(result) -> list[dict[str, Any]]:
    rows = []
    for d in result.digests:
        h = d.parts["headline"]
        rows.append({
            "article": d.id, "outlet": d.outlet, "headline": d.title,
            "headline_tone": h.headline_tone, "body_tone": h.body_tone, "tone_gap": h.tone_gap, "harsher": h.harsher,
            "headline_actors": ";".join(h.headline_actors), "lead_actors": ";".join(h.lead_actors), "one_sided": h.one_sided,
            "headline_topics": ";".join(h.headline_topics), "lead_topic": h.lead_topic, "lead_topic_in_headline": h.lead_topic_in_headline,
        })
    return rows


def _share(flags: list[bool | None]) -> tuple[float | None, int]:
    known = [f for f in flags if f is not None]
    return (round(sum(known) / len(known), 4) if known else None), len(known)


def outlet_rows(result) -> list[dict[str, Any]]:
    """Per outlet: the mean headline-minus-body gap over its articles (interval resampling
    articles) and the shares of harsher, one-sided and off-topic headlines."""
    rows = []
    for outlet, group in by_outlet(result.digests).items():
        parts = [d.parts["headline"] for d in group]
        est = run_estimate(result, [p.tone_gap for p in parts if p.tone_gap is not None])
        harsher, n_tone = _share([p.harsher for p in parts])
        one_sided, n_two = _share([p.one_sided for p in parts])
        on_topic, n_topic = _share([p.lead_topic_in_headline for p in parts])
        rows.append({
            "outlet": outlet, **est.row(), "harsher_share": harsher, "n_tone": n_tone,
            "one_sided_share": one_sided, "n_two_leads": n_two, "lead_topic_in_headline_share": on_topic, "n_topic": n_topic,
        })
    return rows


_IDS = "ids joined by ';' (lexicon actor ids or 'person_<name>')"
TABLES = (
    TableSpec("headline_body.csv", "article", (
        ARTICLE, OUTLET,
        Column("headline", "text", "the headline (articles.csv title)"),
        Column("headline_tone", "number", "VADER compound of the headline sentence; empty when the article has no headline", "in [-1, 1]"),
        Column("body_tone", "number", "mean VADER compound of the body sentences (as article_tone.csv tone); empty without body sentences", "in [-1, 1]"),
        Column("tone_gap", "number", "headline_tone minus body_tone (negative: the headline is darker than its article); empty when either is empty", "in [-2, 2]"),
        Column("harsher", "true/false", "true when the headline is negative (headline_tone <= -0.05) and below body_tone by more than 0.05 (VADER's neutral band); empty when tone_gap is empty"),
        Column("headline_actors", "text", f"the actors the headline names, in order: {_IDS}; empty when none"),
        Column("lead_actors", "text", f"the body's two most mentioned actors, each mentioned at least twice in body sentences, most mentioned first: {_IDS}; fewer when fewer qualify"),
        Column("one_sided", "true/false", "true when the body has two lead actors and the headline names exactly one of them; empty without a headline or with fewer than two lead actors"),
        Column("headline_topics", "text", "the topic lexicons whose terms the headline uses: topic ids joined by ';'; empty when none"),
        Column("lead_topic", "text", "the topic with most hits in the body (ties in lexicon order); empty when the body has no topic hit"),
        Column("lead_topic_in_headline", "true/false", "true when lead_topic is among headline_topics; empty without a headline or without a lead topic"),
    ), article_rows),
    TableSpec("headline_body_outlets.csv", "outlet", (
        OUTLET,
        *estimate_columns("tone_gap (headline minus body)"),
        Column("n", "integer", "number of the outlet's articles with both a headline and body sentences (the observations behind value)"),
        Column("note", "text", "'not enough text' when n is below the minimum of 3 (value withheld), else empty"),
        Column("harsher_share", "number", "share of those articles whose headline is harsher than its body (headline_body.csv harsher); empty when n is 0", "in [0, 1]"),
        Column("n_tone", "integer", "number of articles behind harsher_share"),
        Column("one_sided_share", "number", "share of the outlet's articles with two lead actors whose headline names only one; empty when no article has two", "in [0, 1]"),
        Column("n_two_leads", "integer", "number of articles behind one_sided_share"),
        Column("lead_topic_in_headline_share", "number", "share of articles with a headline and a lead topic whose headline uses that topic's terms; empty when none", "in [0, 1]"),
        Column("n_topic", "integer", "number of articles behind lead_topic_in_headline_share"),
    ), outlet_rows),
)


def tone_figure(rows: list[dict[str, Any]], outlet_colours: dict[str, str]):
    """Each article as a point: body tone across, headline tone up; below the diagonal the
    headline is darker than its article."""
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_scatter(x=[-1, 1], y=[-1, 1], mode="lines", line=dict(color="#999", dash="dot"), hoverinfo="skip", showlegend=False)
    for outlet in sorted({r["outlet"] for r in rows}):
        mine = [r for r in rows if r["outlet"] == outlet and r["tone_gap"] is not None]
        fig.add_scatter(
            x=[r["body_tone"] for r in mine], y=[r["headline_tone"] for r in mine], mode="markers", name=outlet,
            marker=dict(color=outlet_colours.get(outlet, "#777777"), size=9, symbol=["x" if r["harsher"] else "circle" for r in mine]),
            customdata=[r["headline"][:90] for r in mine], hovertemplate="%{customdata}<br>headline %{y:+.3f}, body %{x:+.3f}<extra>" + html.escape(outlet) + "</extra>",
            meta={"reader": {"points": [{"article": r["article"]} for r in mine]}},
        )
    fig.update_layout(
        title="Headline tone against body tone, per article (x: harsher headline; below the line: darker than its body)",
        xaxis_title="body: mean VADER compound", yaxis_title="headline: VADER compound", xaxis_range=[-1, 1], yaxis_range=[-1, 1],
    )
    return fig


def section(report) -> str:
    rows = report.tables["headline_body_outlets.csv"]
    return f"""<section id="headline"><h2>Headline versus body</h2>
<p class="how">How to read this: a point below the dotted line is an article whose headline is darker than its body; a cross marks a harsher headline (negative, and below the body by more than VADER's neutral band). The table gives each outlet's mean gap with its interval (resampling articles) and how often its headlines are harsher, name only one of the body's two lead actors, or leave out the body's lead topic. Data: <a href="data/headline_body.csv">headline_body.csv</a>, <a href="data/headline_body_outlets.csv">headline_body_outlets.csv</a>.</p>
{figure_html(tone_figure(report.tables["headline_body.csv"][1], report.outlet_colours), "fig-headline-tone")}
{table_html(rows, ("outlet", "value", "ci_low", "ci_high", "n", "harsher_share", "one_sided_share", "n_two_leads", "lead_topic_in_headline_share"), "table-headline-body",
           caption="Headline against body, per outlet: the mean gap (headline tone minus body tone) with its interval, and the shares of harsher, one-sided and topic-less headlines")}
<p class="how">How far to trust it: not yet checked against human judgement of headlines. Headline tone is VADER on one short sentence, the weakest reading VADER gives (on NewsMTSC, VADER on a sentence agrees with human labels of tone at macro-F1 0.52); lead actors and topics are only as good as the mentions and the topic lexicons.</p></section>"""


FAMILY = Family(name="headline", digest=digest, tables=TABLES, section=section, nav=(("headline", "Headline vs body"),))

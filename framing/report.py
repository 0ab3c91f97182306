"""One self-contained HTML report: plotly.js inlined once, no network request, every piece
of text from an article, a manifest or a lexicon escaped, fixed element ids so the same
input gives the same bytes."""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from typing import Any

from .pipeline import AnalysisResult
from .tables import summary

# Okabe & Ito (2008) colour-blind-safe palette, then Paul Tol's muted scheme.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)
ROLE_CLASS = {"body": "", "headline": "role-headline", "heading": "role-heading", "byline": "role-furniture", "caption": "role-furniture", "boilerplate": "role-furniture"}


def colours(names: list[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def _figure_html(fig, div_id: str) -> str:
    fig.update_layout(template="plotly_white", margin=dict(l=60, r=20, t=40, b=60), height=380, font=dict(family="sans-serif"))
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True})


def microphone_figure(result: AnalysisResult):
    import plotly.graph_objects as go

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in result.analyses:
        for q in a.quotes:
            if q.speaker_id and q.kind != "headline":
                counts[q.speaker][a.article.outlet] += 1
    outlets = list(result.corpus.outlets)
    speakers = sorted(counts, key=lambda s: (-sum(counts[s].values()), s))[:12]
    palette = colours(speakers)
    fig = go.Figure()
    for speaker in speakers:
        fig.add_bar(name=speaker, x=outlets, y=[counts[speaker][o] for o in outlets], marker_color=palette[speaker])
    fig.update_layout(barmode="stack", title="Attributed quotes per outlet, by speaker", yaxis_title="quotes")
    return fig


def tone_figure(result: AnalysisResult):
    import plotly.graph_objects as go

    fig = go.Figure()
    palette = colours(list(result.corpus.outlets))
    for a in result.analyses:
        body = [t for t in a.tones if t.role == "body"]
        fig.add_scatter(
            x=list(range(1, len(body) + 1)),
            y=[t.compound for t in body],
            mode="lines+markers",
            name=a.article.outlet,
            line=dict(color=palette[a.article.outlet]),
        )
    fig.update_layout(title="Tone arc: VADER compound of each body sentence, in order", xaxis_title="body sentence", yaxis_title="compound", yaxis_range=[-1, 1])
    return fig


def topics_figure(result: AnalysisResult, rows: list[dict[str, Any]]):
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
    fig = go.Figure(go.Heatmap(z=z, x=[labels[t] for t in topics], y=outlets, text=text, colorscale="Blues", hovertemplate="%{y} · %{x}<br>%{z} per 1,000 words<br>%{text}<extra></extra>"))
    fig.update_layout(title="Topic weight: lexicon hits per 1,000 body words")
    return fig


def _article_html(a, speaker_colours: dict[str, str]) -> str:
    text = a.article.text
    marks: list[tuple[int, int, str]] = []  # (pos, order, html)
    for q in a.quotes:
        colour = speaker_colours.get(q.speaker, "#777777")
        title = html.escape(f"{q.kind} quote" + (f" · {q.speaker}" if q.speaker else "") + (f" · via {q.channel}" if q.channel else ""), quote=True)
        marks.append((q.span.start, 1, f'<mark class="quote q-{q.kind}" style="border-color:{colour}" title="{title}">'))
        marks.append((q.span.end, 0, "</mark>"))
    out: list[str] = []
    tone = {t.sentence_index: t.compound for t in a.tones}
    for s in a.sentences:
        cls = ROLE_CLASS[s.role]
        inner: list[str] = []
        pos = s.span.start
        for at, _, tag in sorted(m for m in marks if s.span.start <= m[0] <= s.span.end):
            inner.append(html.escape(text[pos:at]))
            inner.append(tag)
            pos = at
        inner.append(html.escape(text[pos : s.span.end]))
        # Close a quote that runs past the sentence and reopen it in the next one.
        opened = "".join(inner).count("<mark") - "".join(inner).count("</mark>")
        body = "".join(inner) + "</mark>" * max(0, opened)
        score = tone.get(s.index)
        badge = f'<span class="tone" title="VADER compound">{score:+.2f}</span>' if score is not None and s.role == "body" else ""
        out.append(f'<p class="sent {cls}" data-role="{s.role}">{badge}{body}</p>')
    return "\n".join(out)


CSS = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:0 auto;padding:1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem} h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.how{color:#555;font-style:italic;margin:.2rem 0 .6rem} nav a{margin-right:.8rem}
table{border-collapse:collapse;font-size:.9rem} td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
.article{border:1px solid #ddd;padding:.5rem 1rem;margin:.5rem 0} .sent{margin:.25rem 0}
.role-furniture{color:#999} .role-headline{font-weight:bold;font-size:1.1rem} .role-heading{font-weight:bold;color:#444}
mark.quote{background:#fff6d5;border-bottom:3px solid;padding:0 .1rem} mark.q-scare,mark.q-headline{background:#eee}
.tone{display:inline-block;width:3.2rem;font-size:.75rem;color:#666;font-family:monospace}
@media print{nav{display:none} .article{page-break-inside:avoid}}
"""


def render_report(result: AnalysisResult, tables: dict[str, tuple[tuple[str, ...], list[dict[str, Any]]]], command: str = "") -> str:
    from plotly.offline import get_plotlyjs

    info = summary(result)
    esc = html.escape
    speakers = sorted({q.speaker for a in result.analyses for q in a.quotes if q.speaker})
    speaker_colours = colours(speakers)
    sections = []
    lexicon_list = ", ".join(f"{esc(x['label'])} ({esc(x['kind'])} {esc(x['version'])})" for x in info["lexicons"])
    sections.append(
        f"""<section id="overview"><h2>Overview</h2>
<p class="how">How to read this: the event, the outlets and what the run counted. Data: <a href="data/analysis.json">analysis.json</a>, <a href="data/articles.csv">articles.csv</a>.</p>
<table><tr><th>event</th><td>{esc(info['event'] or info['corpus'])}</td></tr>
<tr><th>outlets</th><td>{esc(', '.join(info['outlets']))}</td></tr>
<tr><th>articles</th><td>{info['articles']}</td></tr><tr><th>body words</th><td>{info['body_words']}</td></tr>
<tr><th>quotes</th><td>{info['quotes']}</td></tr><tr><th>seed</th><td>{info['seed']}</td></tr>
<tr><th>lexicons</th><td>{lexicon_list}</td></tr>
<tr><th>reproduce</th><td><code>{esc(command)}</code></td></tr></table></section>"""
    )
    sections.append(
        f"""<section id="microphone"><h2>Who gets the microphone</h2>
<p class="how">How to read this: each bar is one outlet; its segments count the quotes attributed to each speaker. Data: <a href="data/quotes.csv">quotes.csv</a>.</p>
{_figure_html(microphone_figure(result), "fig-microphone")}</section>"""
    )
    sections.append(
        f"""<section id="tone"><h2>Tone</h2>
<p class="how">How to read this: VADER compound score (−1 to +1) of each body sentence in reading order; news prose sits near 0. Data: <a href="data/tones.csv">tones.csv</a>.</p>
{_figure_html(tone_figure(result), "fig-tone-arc")}</section>"""
    )
    sections.append(
        f"""<section id="topics"><h2>Topics</h2>
<p class="how">How to read this: darker cells mean the outlet's body text uses more of the topic lexicon's terms per 1,000 words; the hover gives the number of hits. Data: <a href="data/topics.csv">topics.csv</a>, <a href="data/topic_hits.csv">topic_hits.csv</a>.</p>
{_figure_html(topics_figure(result, tables['topics.csv'][1]), "fig-topics")}</section>"""
    )
    articles = "\n".join(
        f'<article class="article" id="article-{n}" data-article="{esc(a.article.id, quote=True)}"><h3>{esc(a.article.outlet)}: {esc(a.article.title or a.article.id)}</h3>\n{_article_html(a, speaker_colours)}</article>'
        for n, a in enumerate(result.analyses)
    )
    sections.append(
        f"""<section id="reader"><h2>Read the articles</h2>
<p class="how">How to read this: quotes are underlined in their speaker's colour (hover for kind, speaker and channel); grey lines are page furniture that no measure counts; the number in the margin is the sentence's tone. Data: <a href="data/sentences.csv">sentences.csv</a>.</p>
{articles}</section>"""
    )
    sections.append(
        """<section id="method"><h2>Method and caveats</h2>
<p class="how">How to read this: what each number means and where it stops meaning anything.</p>
<ul><li>Tone is VADER (Hutto &amp; Gilbert, 2014), a lexicon built for social media; on news it reads most sentences as near-neutral and cannot see irony or who the sentiment is about.</li>
<li>With one article per outlet, every difference between outlets is also a difference between two texts: treat it as a description of these articles, not of the outlets.</li>
<li>Topics and actors come from editable lexicons (see lexicons/README.md); a topic weight is only as good as its term list.</li></ul></section>"""
    )
    nav = " ".join(f'<a href="#{s}">{t}</a>' for s, t in [("overview", "Overview"), ("microphone", "Microphone"), ("tone", "Tone"), ("topics", "Topics"), ("reader", "Articles"), ("method", "Method")])
    title = esc(f"framing: {info['event'] or info['corpus']}")
    data_json = json.dumps(info, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")
    return (
        f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>{CSS}</style>\n"
        f"<script>{get_plotlyjs()}</script>\n</head><body>\n<h1>{title}</h1>\n<nav>{nav}</nav>\n"
        + "\n".join(sections)
        + f'\n<script type="application/json" id="framing-summary">{data_json}</script>\n</body></html>\n'
    )

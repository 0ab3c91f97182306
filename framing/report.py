"""One self-contained HTML report: plotly.js inlined once, no network request, every piece
of text from an article, a manifest or a lexicon escaped, fixed element ids so the same
input gives the same bytes."""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from typing import Any

from .aggregate import SPEECH_KINDS, counts_as_speaker
from .pipeline import AnalysisResult
from .tables import summary

# Colour-blind-safe palettes: Okabe & Ito (2008) for outlets, Paul Tol's "muted" for
# speakers, so an outlet and a speaker never share a colour; each keeps its colour in
# every figure of the page.
OUTLET_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SPEAKER_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD")
#: Speakers the charts and the reader colour one by one (the most quoted); everyone else is
#: "others", in one light grey: a colour is never shared by two speakers.
TOP_SPEAKERS = 9
OTHERS_COLOUR = "#bbbbbb"
ROLE_CLASS = {"body": "", "headline": "role-headline", "heading": "role-heading", "byline": "role-furniture", "caption": "role-furniture", "boilerplate": "role-furniture"}


def colours(names: list[str], palette: tuple[str, ...] = OUTLET_PALETTE) -> dict[str, str]:
    return {name: palette[i % len(palette)] for i, name in enumerate(names)}


def _figure_html(fig, div_id: str) -> str:
    fig.update_layout(template="plotly_white", margin=dict(l=60, r=20, t=40, b=60), height=380, font=dict(family="sans-serif"))
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True})


def speaker_names(result: AnalysisResult) -> dict[str, str]:
    """Speaker id -> the name it is shown under (the spelling used most often)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for d in result.digests:
        for q in d.quotes:
            if q.speaker_id:
                seen[q.speaker_id][q.speaker] += 1
    return {i: sorted(c, key=lambda n: (-c[n], n))[0] for i, c in seen.items()}


def ranked_speakers(result: AnalysisResult, names: dict[str, str]) -> list[str]:
    """Ids of the charted speakers, most quotes first (ties by name, then id)."""
    quoted = Counter(q.speaker_id for d in result.digests for q in d.quotes if q.counted)
    return sorted(quoted, key=lambda i: (-quoted[i], names[i], i))


def speaker_colours(ranked: list[str]) -> dict[str, str]:
    """Speaker id -> colour, for the ``TOP_SPEAKERS`` most quoted only (the palette is never
    reused: a speaker without a colour of its own is drawn as "others")."""
    return dict(zip(ranked[:TOP_SPEAKERS], SPEAKER_PALETTE))


def microphone_figure(result: AnalysisResult, names: dict[str, str], ranked: list[str], colour_of: dict[str, str]):
    """Quotes per outlet, stacked by speaker (the ``TOP_SPEAKERS`` most quoted, ``ranked``;
    the rest as "others")."""
    import plotly.graph_objects as go

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d in result.digests:
        for q in d.quotes:
            if q.counted:
                counts[q.speaker_id][d.outlet] += 1
    outlets = list(result.corpus.outlets)
    fig = go.Figure()
    for speaker_id in ranked[:TOP_SPEAKERS]:
        fig.add_bar(name=names[speaker_id], x=outlets, y=[counts[speaker_id][o] for o in outlets], marker_color=colour_of[speaker_id], meta=speaker_id)
    if len(ranked) > TOP_SPEAKERS:
        rest = Counter()
        for key in ranked[TOP_SPEAKERS:]:
            rest.update(counts[key])
        fig.add_bar(name="others", x=outlets, y=[rest[o] for o in outlets], marker_color=OTHERS_COLOUR, meta="")
    fig.update_layout(barmode="stack", title="Attributed quotes per outlet, by speaker (click a bar to read them)", yaxis_title="quotes")
    return fig


def share_figure(
    result: AnalysisResult, names: dict[str, str], field: str, title: str, *, words: bool = False, colour_of: dict[str, str] | None = None, top: int = TOP_SPEAKERS
):
    """Per outlet, the share of its attributed quotes (or of their words) by ``field`` of
    the quote (speaker_id, speaker_type, channel_type or kind), as 100% stacked bars: the
    ``top`` largest values, the rest as "others". With ``colour_of``, only its keys are shown
    one by one (the speakers the other charts colour), in its order."""
    import plotly.graph_objects as go

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d in result.digests:
        for q in d.quotes:
            if q.kind in ("direct", "partial", "reported") and (field == "kind" or q.counted):
                value = getattr(q, field) or "none"
                counts[d.outlet][value] += q.words if words else 1
    outlets = list(result.corpus.outlets)
    totals: Counter[str] = Counter()
    for c in counts.values():
        totals.update(c)
    ranked = sorted(totals, key=lambda v: (-totals[v], v))
    shown = [v for v in colour_of if v in totals] if colour_of is not None else ranked[:top]
    if len(shown) < len(ranked):  # the rest as "others", so the legend stays readable
        rest = set(ranked) - set(shown)
        for c in counts.values():
            c["others"] = sum(n for v, n in c.items() if v in rest)
    colours_of = {**dict(zip(shown, SPEAKER_PALETTE)), **(colour_of or {}), "others": OTHERS_COLOUR}
    bars = [*shown, "others"] if len(shown) < len(ranked) else shown
    fig = go.Figure()
    for v in bars:
        label = names.get(v, v) if field == "speaker_id" else v.replace("_", " ")
        shares = [counts[o][v] / max(1, sum(counts[o][k] for k in bars)) for o in outlets]
        fig.add_bar(name=label, x=outlets, y=shares, marker_color=colours_of[v],
                    customdata=[counts[o][v] for o in outlets], hovertemplate="%{x}<br>%{y:.0%} (%{customdata})<extra>" + label + "</extra>")
    fig.update_layout(barmode="stack", title=title, yaxis_tickformat=".0%", height=330)
    return fig


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
    fig = go.Figure(go.Heatmap(z=z, x=topics, y=outlets, text=text, zmin=-1, zmax=1, colorscale="RdBu", hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>"))
    fig.update_layout(title="Topic tone: mean VADER compound of the sentences where each topic's terms occur")
    return fig


TONE_ARC_ARTICLES = 20  # beyond this many articles the arc is drawn per outlet, not per article


def tone_figure(result: AnalysisResult):
    """The tone arc: each body sentence's compound in order, one line per article; for a
    larger corpus one line per outlet, the mean compound in each tenth of its articles."""
    import plotly.graph_objects as go

    fig = go.Figure()
    palette = colours(list(result.corpus.outlets))
    if len(result.digests) <= TONE_ARC_ARTICLES:
        for d in result.digests:
            fig.add_scatter(
                x=list(range(1, len(d.body_tones) + 1)),
                y=list(d.body_tones),
                mode="lines+markers",
                name=d.outlet,
                line=dict(color=palette[d.outlet]),
            )
        fig.update_layout(title="Tone arc: VADER compound of each body sentence, in order", xaxis_title="body sentence")
    else:
        tenths: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in range(10)])
        for d in result.digests:
            n = len(d.body_tones)
            for i, value in enumerate(d.body_tones):
                tenths[d.outlet][min(9, 10 * i // n)].append(value)
        for outlet in result.corpus.outlets:
            means = [sum(v) / len(v) if v else None for v in tenths[outlet]]
            counts = [len(v) for v in tenths[outlet]]
            fig.add_scatter(
                x=[f"{10 * k}-{10 * k + 10}%" for k in range(10)], y=means, customdata=counts, mode="lines+markers", name=outlet,
                line=dict(color=palette[outlet]), hovertemplate="%{x} of the article: %{y:+.3f} (n = %{customdata} sentences)<extra>" + html.escape(outlet) + "</extra>",
            )
        fig.update_layout(title="Tone arc: mean VADER compound per tenth of each outlet's articles", xaxis_title="position in the article")
    fig.update_layout(yaxis_title="compound", yaxis_range=[-1, 1])
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


def article_tone_figure(rows: list[dict[str, Any]], outlet_colours: dict[str, str], max_bars: int = 40):
    """Each article's mean tone with its interval; past ``max_bars`` articles, one box of
    article tones per outlet instead (the page must stay readable for large corpora)."""
    import plotly.graph_objects as go

    rows = [r for r in rows if r["tone"] is not None]
    fig = go.Figure()
    outlets = sorted({r["outlet"] for r in rows})
    if len(rows) > max_bars:
        for outlet in outlets:
            fig.add_box(x=[r["tone"] for r in rows if r["outlet"] == outlet], name=outlet, marker_color=outlet_colours.get(outlet, "#777777"), boxpoints="outliers")
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
                tr.append(f"{r['value']:+.3f} [{r['ci_low']:+.3f}, {r['ci_high']:+.3f}], n = {r['n']}")
        z.append(zr)
        text.append(tr)
    fig = go.Figure(
        go.Heatmap(
            z=z, x=[f"{names[a]} · {m}" for a, m in columns], y=outlets, text=text, zmin=-1, zmax=1, colorscale="RdBu",
            hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(title="Tone about each actor (outlet's own words) vs in the actor's voice (their quotes)", height=420)
    return fig


def similarity_figure(rows: list[dict[str, Any]], order: list[str]):
    import plotly.graph_objects as go

    cell = {}
    for r in rows:
        cell[(r["outlet_a"], r["outlet_b"])] = cell[(r["outlet_b"], r["outlet_a"])] = r
    z, text = [], []
    for a in order:
        zr, tr = [], []
        for b in order:
            r = cell[(a, b)]
            if a == b:
                zr.append(None)
                tr.append(f"noise floor (split-half) {r['floor_a']:.3f}")
            else:
                zr.append(r["distance"])
                ci = f" [{r['ci_low']:.3f}, {r['ci_high']:.3f}]" if r["ci_low"] is not None else ""
                tr.append(f"distance {r['distance']:.3f}{ci}<br>floors {r['floor_a']:.3f} / {r['floor_b']:.3f}<br>{'closer than noise' if r['closer_than_noise'] else 'not closer than noise'}")
        z.append(zr)
        text.append(tr)
    fig = go.Figure(go.Heatmap(z=z, x=order, y=order, text=text, colorscale="Viridis_r", hovertemplate="%{y} vs %{x}<br>%{text}<extra></extra>"))
    fig.update_layout(title="Distance between outlets (lower = framed more alike), ordered by the tree", yaxis_autorange="reversed")
    return fig


def dendrogram_figure(clusters: dict[str, Any]):
    import plotly.graph_objects as go

    fig = go.Figure()
    tree = clusters.get("tree")
    if not tree:
        fig.update_layout(title="No tree: fewer than three outlets")
        return fig
    order = clusters["order"]
    xs, ys, labels = [], [], []

    def place(node) -> tuple[float, float]:
        if "children" not in node:
            return float(order.index(node["outlets"][0])), 0.0
        (x1, y1), (x2, y2) = (place(c) for c in node["children"])
        h = node["height"]
        xs.extend([x1, x1, x2, x2, None])
        ys.extend([y1, h, h, y2, None])
        if len(node["outlets"]) < len(order):  # the root holds every outlet: trivially 100%
            labels.append(((x1 + x2) / 2, h, node["stability"]))
        return (x1 + x2) / 2, h

    place(tree)
    fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="#444"), hoverinfo="skip", showlegend=False)
    fig.add_scatter(
        x=[x for x, _, _ in labels], y=[y for _, y, _ in labels], mode="markers+text",
        text=[f"{s:.0%}" if s is not None else "" for _, _, s in labels], textposition="top center",
        marker=dict(size=7, color="#0072B2"), showlegend=False,
        hovertemplate="grouping recurs in %{text} of resamples<extra></extra>",
    )
    fig.update_layout(
        title="Tree of outlets; % = how often each grouping recurs over bootstrap resamples (stability, not a p-value)",
        xaxis=dict(tickmode="array", tickvals=list(range(len(order))), ticktext=order, range=[-0.5, len(order) - 0.5]), yaxis_title="distance",
    )
    return fig


def projection_figure(rows: list[dict[str, Any]], outlet_colours: dict[str, str]):
    import plotly.graph_objects as go

    fig = go.Figure()
    for outlet in sorted({r["outlet"] for r in rows}):
        cloud = [r for r in rows if r["outlet"] == outlet and r["kind"] == "resample"]
        point = [r for r in rows if r["outlet"] == outlet and r["kind"] == "point"]
        colour = outlet_colours.get(outlet, "#777777")
        fig.add_scatter(x=[r["x"] for r in cloud], y=[r["y"] for r in cloud], mode="markers", marker=dict(color=colour, size=4, opacity=0.25), name=f"{outlet} (resamples)", showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=[r["x"] for r in point], y=[r["y"] for r in point], mode="markers+text", text=[outlet], textposition="top center", marker=dict(color=colour, size=12, line=dict(color="#000", width=1)), name=outlet)
    fig.update_layout(title="Map of outlets (PCA of the features); clouds show where resampling moves each one", xaxis_title="component 1", yaxis_title="component 2")
    return fig


def distinctive_terms_figure(rows: list[dict[str, Any]], outlet_colours: dict[str, str], top: int = 8):
    import plotly.graph_objects as go

    fig = go.Figure()
    for outlet in sorted({r["outlet"] for r in rows}):
        mine = [r for r in rows if r["outlet"] == outlet][:top][::-1]
        fig.add_bar(
            x=[r["z"] for r in mine], y=[f"{outlet}: {r['term']}" for r in mine], orientation="h", name=outlet,
            marker_color=[outlet_colours.get(outlet, "#777") if r["above_null"] else "#cccccc" for r in mine],
            hovertemplate="z = %{x:.2f}<extra></extra>",
        )
    fig.update_layout(title="Distinctive words (log-odds z, informative Dirichlet prior); grey = below the permutation null", height=max(380, 22 * len(rows[: top * 10])), showlegend=False)
    return fig


def _markup(text: str, start: int, end: int, spans: list[tuple[int, int, int, str, str]]) -> str:
    """Escaped ``text[start:end]`` with every (start, end, priority, open, close) span applied.

    The text is cut at every span boundary and each piece is wrapped in the spans active
    over it, so overlapping spans still give valid, properly nested HTML.
    """
    cuts = sorted({start, end, *(max(start, min(end, p)) for s in spans for p in s[:2])})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = sorted((s for s in spans if s[0] <= a and b <= s[1]), key=lambda s: s[2])
        piece = html.escape(text[a:b])
        for s in reversed(active):
            piece = f"{s[3]}{piece}{s[4]}"
        out.append(piece)
    return "".join(out)


def _article_html(a, speaker_colours: dict[str, str]) -> str:
    """One article: sentences with their role and tone, quotes in the colour of their
    speaker (``speaker_colours`` maps speaker ids to colours), channels marked, topic terms
    tagged. Every attribute value and text is escaped."""
    text = a.article.text
    spans: list[tuple[int, int, int, str, str]] = []
    for q in a.quotes:
        colour = speaker_colours.get(q.speaker_id or "", "#777777")
        title = html.escape(
            f"{q.kind} quote"
            + (f" · {q.speaker}" if q.speaker else "")
            + (f" · via {q.channel}" if q.channel else "")
            + (f" · {q.stance}" if q.kind == "reported" and q.stance else "")
            + (" · not counted" if q.kind in SPEECH_KINDS and not counts_as_speaker(q) else ""),
            quote=True,
        )
        speaker = html.escape(q.speaker_id or "", quote=True)
        spans.append((q.span.start, q.span.end, 0, f'<mark class="quote q-{q.kind}" data-speaker="{speaker}" style="border-color:{colour}" title="{title}">', "</mark>"))
        if q.channel_span is not None:
            spans.append((q.channel_span.start, q.channel_span.end, 1, f'<span class="channel" title="channel: {html.escape(q.channel_type, quote=True)}">', "</span>"))
    for h in a.topic_hits:
        spans.append((h.span.start, h.span.end, 2, f'<span class="topic" data-topic="{html.escape(h.topic_id, quote=True)}" title="topic: {html.escape(h.topic_id, quote=True)}">', "</span>"))
    tone = {t.sentence_index: t.compound for t in a.tones}
    out: list[str] = []
    for s in a.sentences:
        inside = [sp for sp in spans if sp[0] < s.span.end and sp[1] > s.span.start]
        body = _markup(text, s.span.start, s.span.end, inside)
        score = tone.get(s.index)
        badge = f'<span class="tone" title="VADER compound">{score:+.2f}</span>' if score is not None and s.role == "body" else '<span class="tone"></span>'
        out.append(f'<p class="sent {ROLE_CLASS[s.role]}" data-role="{s.role}" id="s-{html.escape(a.article.id, quote=True)}-{s.index}">{badge}{body}</p>')
    return "\n".join(out)


READER_LIMIT = 200  # articles whose full text the page embeds; beyond, it shows aggregates only

READER_JS = """
(function(){
  var pick=document.getElementById('reader-article'), actor=document.getElementById('reader-actor'), topic=document.getElementById('reader-topic');
  function show(){
    var v=pick.value;
    document.querySelectorAll('#reader article.article').forEach(function(el){ el.hidden = !(v==='*' || el.dataset.article===v); });
  }
  function filter(){
    var a=actor.value, t=topic.value;
    document.querySelectorAll('#reader mark.quote').forEach(function(el){ el.classList.toggle('dim', a!=='' && el.dataset.speaker!==a); });
    document.querySelectorAll('#reader span.topic').forEach(function(el){ el.classList.toggle('on', t!=='' && el.dataset.topic===t); });
  }
  pick.addEventListener('change', show); actor.addEventListener('change', filter); topic.addEventListener('change', filter);
  show(); filter();
  var mic=document.getElementById('fig-microphone');
  if(mic && mic.on){ mic.on('plotly_click', function(ev){
    var p=ev.points[0]; if(!p) return;
    var outlet=p.x, speaker=p.data.meta;
    actor.value=speaker||''; filter();
    var first=null; document.querySelectorAll('#reader article.article').forEach(function(el){ if(!first && el.dataset.outlet===outlet){ first=el; } });
    if(first){ pick.value=first.dataset.article; show(); first.scrollIntoView(); }
  }); }
})();
"""


def _table_html(table, columns: tuple[str, ...], table_id: str) -> str:
    _, rows = table
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in columns) + "</tr>" for r in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _outlet_test_html(comparison) -> str:
    if comparison.outlet_test is None:
        return "<p>No test of whether outlets differ and no classifier: that needs at least four articles from every outlet, so that articles, not sentences, can be resampled.</p>"
    t = comparison.outlet_test
    text = f"Permutation test (outlet labels shuffled across articles, {t['n_perm']} times): statistic {t['statistic']}, p = {t['p_value']}."
    if comparison.classifier:
        c = comparison.classifier
        text += f" A linear (ridge) classifier tells outlets apart with accuracy {c['accuracy']} (± {c['accuracy_sd']}, {c['folds']}-fold) against {c['chance']} by chance."
    return f"<p>{html.escape(text)}</p>"


CSS = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:0 auto;padding:1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem} h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.how{color:#555;font-style:italic;margin:.2rem 0 .6rem} nav a{margin-right:.8rem}
table{border-collapse:collapse;font-size:.9rem} td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
.article{border:1px solid #ddd;padding:.5rem 1rem;margin:.5rem 0} .sent{margin:.25rem 0}
.role-furniture{color:#999} .role-headline{font-weight:bold;font-size:1.1rem} .role-heading{font-weight:bold;color:#444}
mark.quote{background:#fff6d5;border-bottom:3px solid;padding:0 .1rem} mark.q-scare,mark.q-headline{background:#eee}
mark.quote.dim{background:none;border-bottom-color:#ddd!important;color:#888} .channel{outline:1px dashed #555}
span.topic.on{background:#cde8ff;font-weight:600} .controls label{margin-right:1rem} .unit{background:#f4f4f4;padding:.4rem}
.tone{display:inline-block;width:3.2rem;font-size:.75rem;color:#666;font-family:monospace}
@media print{nav{display:none} .article{page-break-inside:avoid}}
"""


def render_report(result: AnalysisResult, tables: dict[str, tuple[tuple[str, ...], list[dict[str, Any]]]], command: str = "") -> str:
    from plotly.offline import get_plotlyjs

    info = summary(result)
    esc = html.escape
    # The most quoted speakers get a colour each, the same in every chart and in the reader.
    names = speaker_names(result)
    ranked = ranked_speakers(result, names)
    colour_of_speaker = speaker_colours(ranked)
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
<p class="how">How to read this: each bar is one outlet; its segments count the direct, partial and reported quotes attributed to each named or typed speaker (quotes with no speaker, an unresolved "he said", an untyped phrase, and reported thoughts, intentions and evidence such as "officials believe" or "polls show" are in the data, marked counted = false, not in the chart). Data: <a href="data/quotes.csv">quotes.csv</a>.</p>
{_figure_html(microphone_figure(result, names, ranked, colour_of_speaker), "fig-microphone")}
{_figure_html(share_figure(result, names, "speaker_id", "Share of quoted words per speaker", words=True, colour_of=colour_of_speaker), "fig-quoted-words")}
{_figure_html(share_figure(result, names, "speaker_type", "Quotes by type of speaker"), "fig-speaker-types")}
{_figure_html(share_figure(result, names, "channel_type", "Quotes by channel: how the words reached the writer"), "fig-channels")}
{_figure_html(share_figure(result, names, "kind", "Direct, partial and reported quotes"), "fig-quote-kinds")}</section>"""
    )
    outlet_colours = colours(list(result.corpus.outlets))
    sections.append(
        f"""<section id="tone"><h2>Tone</h2>
<p class="how">How to read this: VADER compound scores run from −1 (negative) to +1 (positive); news prose sits near 0, so look at the intervals before reading a difference. Data: <a href="data/article_tone.csv">article_tone.csv</a>, <a href="data/actor_tone.csv">actor_tone.csv</a>, <a href="data/tones.csv">tones.csv</a>.</p>
{_figure_html(article_tone_figure(tables['article_tone.csv'][1], outlet_colours), "fig-article-tone")}
<p class="how">"about" scores the outlet's own words around each mention of the actor (quotes blanked out); "voice" scores the actor's own quoted words. Blank cells had too few sentences to say.</p>
{_figure_html(actor_tone_figure(tables['actor_tone.csv'][1], list(result.corpus.outlets)), "fig-actor-tone")}
{_figure_html(tone_figure(result), "fig-tone-arc")}</section>"""
    )
    sections.append(
        f"""<section id="topics"><h2>Topics</h2>
<p class="how">How to read this: darker cells mean the outlet's body text uses more of the topic lexicon's terms per 1,000 words; the hover gives the number of hits. Data: <a href="data/topics.csv">topics.csv</a>, <a href="data/topic_hits.csv">topic_hits.csv</a>.</p>
{_figure_html(topics_figure(result, tables['topics.csv'][1]), "fig-topics")}
{_figure_html(topic_tone_figure(tables['topic_tone.csv'][1], list(result.corpus.outlets)), "fig-topic-tone")}</section>"""
    )
    comparison = result.comparison
    if comparison is not None:
        unit_line = f'<p class="unit"><strong>Unit of analysis: {esc(comparison.unit)}.</strong> {esc(comparison.unit_note)}</p>'
        sections.append(
            f"""<section id="alike"><h2>How alike</h2>
<p class="how">How to read this: each cell is the distance between two outlets' framing features (quotes, tone, topics; standardised); the diagonal holds each one's noise floor, the distance of a text to itself when split in two. A pair is "closer than noise" only when its whole interval lies below both floors. Data: <a href="data/similarity.csv">similarity.csv</a>, <a href="data/clusters.json">clusters.json</a>, <a href="data/projection.csv">projection.csv</a>, <a href="data/features.csv">features.csv</a>.</p>
{unit_line}
{_figure_html(similarity_figure(tables['similarity.csv'][1], comparison.clusters.get('order', list(comparison.outlets))), "fig-similarity")}
{_figure_html(dendrogram_figure(comparison.clusters), "fig-dendrogram")}
{_figure_html(projection_figure(tables['projection.csv'][1], outlet_colours), "fig-projection")}
{_outlet_test_html(comparison)}</section>"""
        )
        sections.append(
            f"""<section id="apart"><h2>What sets each apart</h2>
<p class="how">How to read this: words each outlet uses more than the others (z of the log-odds ratio; coloured bars are above what shuffling sentences (or, with several articles per outlet, whole articles) gives by chance), the features furthest from the other outlets with their intervals, and the quotes and speakers only some outlets carry. Data: <a href="data/distinctive_terms.csv">distinctive_terms.csv</a>, <a href="data/distinctive_features.csv">distinctive_features.csv</a>, <a href="data/shared_quotes.csv">shared_quotes.csv</a>.</p>
{unit_line}
{_figure_html(distinctive_terms_figure(tables['distinctive_terms.csv'][1], outlet_colours), "fig-distinctive-terms")}
{_table_html(tables['distinctive_features.csv'], ("outlet", "feature", "delta", "ci_low", "ci_high", "excludes_zero"), "table-distinctive-features")}
{_table_html((tables['shared_quotes.csv'][0], [r for r in tables['shared_quotes.csv'][1] if r['level'] == 'speaker']), ("outlet", "speaker", "status", "n_outlets"), "table-speaker-coverage")}</section>"""
        )
    shown = result.analyses[:READER_LIMIT]
    colour_by_id = {i: colour_of_speaker.get(i, OTHERS_COLOUR) for i in names}
    articles = "\n".join(
        f'<article class="article" id="article-{n}" data-article="{esc(a.article.id, quote=True)}" data-outlet="{esc(a.article.outlet, quote=True)}">'
        f'<h3>{esc(a.article.outlet)}: {esc(a.article.title or a.article.id)}</h3>\n{_article_html(a, colour_by_id)}</article>'
        for n, a in enumerate(shown)
    )
    options = "".join(f'<option value="{esc(a.article.id, quote=True)}">{esc(a.article.outlet)}: {esc((a.article.title or a.article.id)[:80])}</option>' for a in shown)
    all_option = '<option value="*">all articles</option>' if len(shown) <= 20 else ""
    speaker_ids = sorted({(q.speaker, q.speaker_id) for a in shown for q in a.quotes if q.speaker_id})  # who the reader can show
    actor_options = "".join(f'<option value="{esc(i, quote=True)}">{esc(name)}</option>' for name, i in speaker_ids)
    topic_options = "".join(f'<option value="{esc(t.id, quote=True)}">{esc(t.label)}</option>' for t in result.lexicons.topics)
    limit_note = (
        f"<p>The corpus has {len(result.digests)} articles; this page embeds the first {READER_LIMIT} (by id) to stay quick to open. Every article is in the data files.</p>"
        if len(result.digests) > READER_LIMIT
        else ""
    )
    sections.append(
        f"""<section id="reader"><h2>Read the articles</h2>
<p class="how">How to read this: quotes are underlined in their speaker's colour (the nine most quoted speakers have the colours of the charts above; other speakers' quotes are light grey, quotes with no speaker dark grey; hover for kind, speaker, channel, the stance of reported speech and whether it counts); channels are boxed; grey lines are page furniture that no measure counts; the number in the margin is the sentence's tone. Pick a speaker to fade everyone else's quotes, or a topic to tag its terms; clicking a bar in "Who gets the microphone" jumps here. Data: <a href="data/sentences.csv">sentences.csv</a>, <a href="data/quotes.csv">quotes.csv</a>.</p>
{limit_note}<div class="controls"><label>Article <select id="reader-article">{all_option}{options}</select></label>
<label>Speaker <select id="reader-actor"><option value="">all speakers</option>{actor_options}</select></label>
<label>Topic <select id="reader-topic"><option value="">no topic</option>{topic_options}</select></label></div>
{articles}</section>"""
    )
    sections.append(
        """<section id="method"><h2>Method and caveats</h2>
<p class="how">How to read this: what each number means and where it stops meaning anything.</p>
<ul><li>Tone is VADER (Hutto &amp; Gilbert, 2014), a lexicon built for social media; on news it reads most sentences as near-neutral and cannot see irony or who the sentiment is about.</li>
<li>With one article per outlet, every difference between outlets is also a difference between two texts: treat it as a description of these articles, not of the outlets.</li>
<li>Topics and actors come from editable lexicons; a topic weight is only as good as its term list. To add one: <code>framing lexicon new topic ID</code>, list its terms, check it with <code>framing lexicon check</code> and see what it matches with <code>framing lexicon explain CORPUS --topic ID</code> (lexicons/README.md has the format and a tutorial).</li>
<li>Quote attribution is rule-based: on the PolNeAR benchmark it names the right speaker for about 91% of direct, 78% of partial and 50% of reported quotes. Quotes with no speaker, an unresolved "he said" or an untyped phrase as speaker are in quotes.csv but not in the charts.</li>
<li>Intervals are 95% percentile bootstrap intervals; a value over fewer than three sentences or quotes is withheld as "not enough text".</li></ul></section>"""
    )
    nav = " ".join(
        f'<a href="#{s}">{t}</a>'
        for s, t in [("overview", "Overview"), ("microphone", "Microphone"), ("tone", "Tone"), ("topics", "Topics"), ("alike", "How alike"), ("apart", "What sets each apart"), ("reader", "Articles"), ("method", "Method")]
    )
    title = esc(f"framing: {info['event'] or info['corpus']}")
    data_json = json.dumps(info, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")
    return (
        f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>{CSS}</style>\n"
        f"<script>{get_plotlyjs()}</script>\n</head><body>\n<h1>{title}</h1>\n<nav>{nav}</nav>\n"
        + "\n".join(sections)
        + f'\n<script type="application/json" id="framing-summary">{data_json}</script>\n<script>{READER_JS}</script>\n</body></html>\n'
    )

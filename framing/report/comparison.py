"""The comparison's sections of the report: "How alike" (distances with their noise floors,
the tree of outlets, the map, the test of whether outlets differ) and "What sets each
apart" (distinctive words and features, who only some outlets quote)."""

from __future__ import annotations

import html
from typing import Any

from .palette import figure_html, table_html


def similarity_figure(rows: list[dict[str, Any]], order: list[str]):
    """The distances as a heatmap in the tree's order: off the diagonal each pair's distance,
    on it each outlet's noise floor (same units, same colour scale), with the numbers in
    the cells and, on hover, the interval, both floors and the verdict."""
    import plotly.graph_objects as go

    cell = {}
    for r in rows:
        cell[(r["outlet_a"], r["outlet_b"])] = cell[(r["outlet_b"], r["outlet_a"])] = r
    floors = {r["outlet_a"]: r["floor_a"] for r in rows} | {r["outlet_b"]: r["floor_b"] for r in rows}

    def number(x) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    z, text, hover = [], [], []
    for a in order:
        zr, tr, hr = [], [], []
        for b in order:
            r = cell[(a, b)]
            if a == b:
                zr.append(floors[a])
                tr.append(f"noise floor {number(floors[a])}")
                hr.append(f"noise floor {number(floors[a])}: the distance of {a} to itself, split in two at random (divided by √2)")
            else:
                zr.append(r["distance"])
                closer = r["closer_than_noise"]
                tr.append(number(r["distance"]) + ("<br>closer than noise" if closer else ""))
                ci = f" [{number(r['ci_low'])}, {number(r['ci_high'])}] (95% interval)" if r["ci_low"] is not None else " (no interval: --bootstrap 0)"
                verdict = "closer than noise: the whole interval lies below both floors" if closer else "not closer than noise: the interval reaches a floor" if r["ci_low"] is not None else "no verdict without an interval"
                hr.append(f"distance {number(r['distance'])}{ci}<br>noise floors: {a} {number(floors[a])}, {b} {number(floors[b])}<br>{verdict}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    n = len(order)
    fig = go.Figure(
        go.Heatmap(
            z=z, x=order, y=order, text=text, customdata=hover, zmin=0,
            texttemplate="%{text}" if n <= 12 else None,  # past a dozen outlets the numbers no longer fit: hover only
            colorscale="Viridis_r", colorbar=dict(title=dict(text="distance (standardised features)", side="right")),
            hovertemplate="%{y} vs %{x}<br>%{customdata}<extra></extra>",
            meta={"reader": {"cells": [[{"outlet": a} for _ in order] for a in order]}},  # a click reads the row's outlet
        )
    )
    # Outline the diagonal: its cells are noise floors, not distances between outlets.
    for k in range(n):
        fig.add_shape(type="rect", x0=k - 0.5, x1=k + 0.5, y0=k - 0.5, y1=k + 0.5, xref="x", yref="y", line=dict(color="#333", width=1, dash="dot"))
    fig.update_layout(
        title="Distance between outlets (lower = more alike; diagonal = noise floor), in the tree's order",
        yaxis_autorange="reversed", height=max(380, 60 + 36 * n),
    )
    return fig


def _pair_numbers(r: dict[str, Any]) -> str:
    return f"{r['distance']:.3f} [{r['ci_low']:.3f}, {r['ci_high']:.3f}] against floors {r['floor_a']:.3f} and {r['floor_b']:.3f}"


def alike_verdict(rows: list[dict[str, Any]], comparison) -> str:
    """In plain words, from the rows of similarity.csv: how many pairs of outlets are closer
    than noise (their whole interval below both noise floors), which pair is closest and
    whether that one is."""
    pairs = [r for r in rows if r["outlet_a"] != r["outlet_b"]]
    if not pairs:
        return "With a single outlet there is no pair to compare."
    unit = getattr(comparison, "unit", None) or pairs[0].get("unit", "article")
    itself = "one article is to itself when its sentences are split in two" if unit == "article" else "one outlet's articles are to each other when split into two halves"
    closest = min(pairs, key=lambda r: (r["distance"], r["outlet_a"], r["outlet_b"]))
    name = lambda r: f"{r['outlet_a']} and {r['outlet_b']}"  # noqa: E731
    if any(r["ci_low"] is None or r["ci_high"] is None for r in pairs):
        return (
            f"Without bootstrap resamples (--bootstrap 0) the distances have no intervals, so no pair can be called closer than noise. "
            f"The closest pair is {name(closest)} (distance {closest['distance']:.3f}, floors {closest['floor_a']:.3f} and {closest['floor_b']:.3f})."
        )
    closer = [r for r in pairs if r["closer_than_noise"]]
    of = f"of the {len(pairs)} pair{'s' if len(pairs) != 1 else ''}"
    if not closer:
        every = "for the one pair" if len(pairs) == 1 else f"for every one {of}"
        return (
            f"No pair of outlets is closer than their noise floors: {every} the interval of its distance reaches at least one of the two floors, "
            f"so no two outlets frame this event measurably more alike than {itself}. "
            + (f"Even the closest pair, {name(closest)} ({_pair_numbers(closest)}), is not." if len(pairs) > 1 else f"The pair: {name(closest)}, {_pair_numbers(closest)}.")
        )
    if len(closer) == 1:
        text = f"{name(closer[0])} are closer than noise ({_pair_numbers(closer[0])}); no other pair {of} is."
    else:
        listed = "; ".join(f"{name(r)} ({_pair_numbers(r)})" for r in sorted(closer, key=lambda r: (r["distance"], r["outlet_a"], r["outlet_b"])))
        text = f"{len(closer)} {of} are closer than noise (their whole interval below both floors): {listed}."
    if not closest["closer_than_noise"]:
        text += f" The pair with the smallest distance, {name(closest)} ({_pair_numbers(closest)}), is not: its interval reaches a floor."
    elif len(closer) > 1:
        text += f" The closest is {name(closest)}."
    return text


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
    # the leaves: a click on an outlet reads its articles
    fig.add_scatter(x=list(range(len(order))), y=[0.0] * len(order), mode="markers", marker=dict(size=9, color="#444444", symbol="square"), showlegend=False,
                    text=order, hovertemplate="%{text}: read its articles<extra></extra>", meta={"reader": {"points": [{"outlet": o} for o in order]}})
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
        fig.add_scatter(x=[r["x"] for r in point], y=[r["y"] for r in point], mode="markers+text", text=[outlet], textposition="top center", marker=dict(color=colour, size=12, line=dict(color="#000", width=1)), name=outlet, meta={"reader": {"outlet": outlet}})
    fig.update_layout(title="Map of outlets (PCA of the features); clouds show where resampling moves each one", xaxis_title="component 1", yaxis_title="component 2")
    return fig


def distinctive_terms_figure(rows: list[dict[str, Any]], outlet_colours: dict[str, str], top: int = 8, *, listed: int = 12):
    """The ``top`` distinctive words of each outlet (rows of distinctive_terms.csv), one
    panel per outlet (alphabetical, as the rows are) on one z scale: every bar has its word
    as a tick label (tick values given, so Plotly never thins them, and 22 px per bar so
    they never collide), coloured when above the outlet's permutation null (the dashed
    line), grey when not. Hover gives the word, z, its counts in the outlet and in the other
    outlets and the verdict. The subtitle names the words left out of the statistic as
    outlet names and as house style (at most ``listed`` of each; the CSV has them all)."""
    import plotly.graph_objects as go

    esc = html.escape
    outlets = sorted({r["outlet"] for r in rows})
    panels = [(o, sorted((r for r in rows if r["outlet"] == o), key=lambda r: r["rank"])[:top]) for o in outlets]
    fig = go.Figure()
    if not panels:
        fig.update_layout(title="No distinctive words: they need at least two outlets with counted words")
        return fig

    heading, per_bar, ticks = 30, 22, 30  # px per panel: its outlet's name, each bar, the z ticks below
    plot = sum(heading + per_bar * len(mine) + ticks for _, mine in panels)
    zs = [r["z"] for _, mine in panels for r in mine] + [r["null_threshold"] for _, mine in panels for r in mine[:1] if r["null_threshold"] is not None]
    span = (min(0.0, *zs), max(0.0, *zs))
    pad = 0.08 * ((span[1] - span[0]) or 1.0)
    x_range = [span[0] - (pad if span[0] < 0 else 0.0), span[1] + pad]

    top_px = 0
    for i, (outlet, mine) in enumerate(panels, 1):
        words = [r["term"] for r in mine][::-1]  # the top word at the top of its panel
        bars = mine[::-1]
        colour = outlet_colours.get(outlet, "#777777")
        threshold = mine[0]["null_threshold"]
        upper = 1 - (top_px + heading) / plot
        lower = 1 - (top_px + heading + per_bar * len(mine)) / plot
        top_px += heading + per_bar * len(mine) + ticks
        suffix = "" if i == 1 else str(i)
        fig.add_bar(
            x=[r["z"] for r in bars], y=words, orientation="h", name=outlet, xaxis=f"x{suffix}", yaxis=f"y{suffix}",
            marker_color=[colour if r["above_null"] else "#cccccc" for r in bars],
            marker_line=dict(color="#555555", width=0.5),
            hovertext=[_term_hover(outlet, r) for r in bars], hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False, meta={"reader": {"points": [{"outlet": outlet, "word": r["term"]} for r in bars]}},  # a click marks the word's sentences
        )
        fig.update_layout({
            f"yaxis{suffix}": dict(
                domain=[max(lower, 0.0), min(upper, 1.0)], anchor=f"x{suffix}", type="category",
                categoryorder="array", categoryarray=words, tickmode="array", tickvals=words, ticktext=[esc(w) for w in words],
                automargin=True, fixedrange=True,
            ),
            f"xaxis{suffix}": dict(
                anchor=f"y{suffix}", range=x_range, zeroline=True, zerolinecolor="#888888",
                matches=None if i == 1 else "x", title=dict(text="z of the log-odds ratio (informative Dirichlet prior)") if i == len(panels) else None,
            ),
        })
        fig.add_annotation(
            x=0, xref="paper", xanchor="left", y=upper, yref="paper", yanchor="bottom", showarrow=False, align="left",
            text=f"<b>{esc(outlet)}</b>: top {len(mine)} words" + (f"; permutation null z = {threshold:.2f}" if threshold is not None else ""),
        )
        if threshold is not None:
            fig.add_shape(
                type="line", xref=f"x{suffix}", yref=f"y{suffix} domain", x0=threshold, x1=threshold, y0=0, y1=1,
                line=dict(color=colour, width=1.5, dash="dash"),
            )
    fig.update_layout(
        title=dict(
            text="Distinctive words per outlet (z of the log-odds ratio); coloured = above the permutation null (dashed), grey = not",
            subtitle=dict(text=esc(_left_out_note(rows, listed))), automargin=True, yref="paper", y=1, yanchor="bottom", pad=dict(b=24),  # clear of the first panel's heading
        ),
        height=plot + 170, showlegend=False, bargap=0.25,
    )
    return fig


def _term_hover(outlet: str, r: dict[str, Any]) -> str:
    """The hover of one bar: the word, z and its counts in the outlet and in the others."""
    esc = html.escape
    total, total_rest = r.get("total"), r.get("total_rest")
    of = (lambda n: f" of {n:,} counted words") if total is not None and total_rest is not None else (lambda n: "")
    null = f" (z {r['null_threshold']:.2f})" if r.get("null_threshold") is not None else ""
    verdict = (
        f"above the permutation null{null}: texts shuffled between the outlets give any word a z this high less than 1 time in 20" if r["above_null"]
        else f"not above the permutation null{null}: texts shuffled between the outlets give some word a z this high more than 1 time in 20"
    )
    return (
        f"<b>{esc(r['term'])}</b> ({esc(outlet)}, rank {r['rank']})<br>z = {r['z']:.2f} (z of the log-odds ratio)"
        f"<br>in {esc(outlet)}: {r['count']:,}{of(total)} ({r['rate_per_1k']:.2f} per 1,000)"
        f"<br>in the other outlets: {r['count_rest']:,}{of(total_rest)} ({r['rate_rest_per_1k']:.2f} per 1,000)<br>{verdict}"
    )


def _left_out_note(rows: list[dict[str, Any]], listed: int) -> str:
    """"Left out for every outlet: fox, news (outlet names); mr, ms (house style)", from the
    rows' left_out_names and left_out_style (the same on every row)."""
    if not rows or ("left_out_names" not in rows[0] and "left_out_style" not in rows[0]):
        return ""
    parts = []
    for key, what in (("left_out_names", "outlet names"), ("left_out_style", "house style")):
        words = (rows[0].get(key) or "").split()
        if words:
            more = f" and {len(words) - listed} more" if len(words) > listed else ""
            parts.append(f"{', '.join(words[:listed])}{more} ({what})")
    if not parts:
        return "No outlet name or house-style word occurs in the texts, so none was left out."
    return "Left out of the statistic for every outlet: " + "; ".join(parts) + ". Full lists: distinctive_terms.csv."


def _outlet_test_html(comparison) -> str:
    if comparison.outlet_test is None:
        return "<p>No test of whether outlets differ and no classifier: that needs at least four articles from every outlet, so that articles, not sentences, can be resampled.</p>"
    t = comparison.outlet_test
    ratio = t["statistic"] if t["statistic"] is not None else "infinite (the articles of an outlet do not vary at all)"
    text = f"Permutation test (outlet labels shuffled across articles, {t['n_perm']} times): statistic {ratio}, p = {t['p_value']}."
    if comparison.classifier:
        c = comparison.classifier
        text += f" A linear (ridge) classifier tells outlets apart with accuracy {c['accuracy']} (± {c['accuracy_sd']}, {c['folds']}-fold) against {c['chance']} by chance."
    return f"<p>{html.escape(text)}</p>"


def sections(report) -> list[str]:
    """The two sections, or none without a comparison."""
    esc, tables, outlet_colours = html.escape, report.tables, report.outlet_colours
    out: list[str] = []
    comparison = report.result.comparison
    if comparison is not None:
        unit_line = f'<p class="unit"><strong>Unit of analysis: {esc(comparison.unit)}.</strong> {esc(comparison.unit_note)}</p>' + "".join(
            f'<p class="unit comparison-note">{esc(n)}</p>' for n in comparison.notes[1:]  # what the comparison left out, and why
        )
        out.append(
            f"""<section id="alike"><h2>How alike</h2>
<p class="how">How to read this: each cell is the distance between two outlets' framing features (quotes, tone, topics; standardised); the diagonal (outlined) holds each one's noise floor, the distance of a text to itself when split in two, on the same scale. Each distance has a 95% bootstrap interval (hover): the spread of the resampled distances, centred on the distance, since resampling pushes distances up. A pair is "closer than noise" only when its whole interval lies below both floors. Data: <a href="data/similarity.csv">similarity.csv</a>, <a href="data/clusters.json">clusters.json</a>, <a href="data/projection.csv">projection.csv</a>, <a href="data/features.csv">features.csv</a>.</p>
{unit_line}
<p id="alike-verdict">{esc(alike_verdict(tables['similarity.csv'][1], comparison))}</p>
{figure_html(similarity_figure(tables['similarity.csv'][1], comparison.clusters.get('order', list(comparison.outlets))), "fig-similarity")}
{figure_html(dendrogram_figure(comparison.clusters), "fig-dendrogram")}
{figure_html(projection_figure(tables['projection.csv'][1], outlet_colours), "fig-projection")}
{_outlet_test_html(comparison)}</section>"""
        )
        out.append(
            f"""<section id="apart"><h2>What sets each apart</h2>
<p class="how">How to read this: words each outlet uses more than the others (z of the log-odds ratio; coloured bars are above what shuffling sentences (or, with several articles per outlet, whole articles) gives by chance), the features furthest from the other outlets with their intervals, and the quotes and speakers only some outlets carry. Data: <a href="data/distinctive_terms.csv">distinctive_terms.csv</a>, <a href="data/distinctive_features.csv">distinctive_features.csv</a>, <a href="data/shared_quotes.csv">shared_quotes.csv</a>.</p>
{unit_line}
{figure_html(distinctive_terms_figure(tables['distinctive_terms.csv'][1], outlet_colours), "fig-distinctive-terms")}
{table_html(tables['distinctive_features.csv'], ("outlet", "feature", "delta", "ci_low", "ci_high", "excludes_zero"), "table-distinctive-features",
            caption="The features that set each outlet furthest apart from the others: the difference (delta, in standard deviations) with its 95% interval", labels={"feature": report.feature_words})}
{table_html((tables['shared_quotes.csv'][0], [r for r in tables['shared_quotes.csv'][1] if r['level'] == 'speaker']), ("outlet", "speaker", "status", "n_outlets"), "table-speaker-coverage",
            caption="Who each outlet quotes that the others do (shared) or do not (unique)")}</section>"""
        )
    return out

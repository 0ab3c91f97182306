"""The comparison's sections of the report: "How alike" (distances with their noise floors,
the tree of outlets, the map, the test of whether outlets differ) and "What sets each
apart" (distinctive words and features, who only some outlets quote)."""

from __future__ import annotations

import html
from typing import Any

from .palette import figure_html, table_html


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


def _outlet_test_html(comparison) -> str:
    if comparison.outlet_test is None:
        return "<p>No test of whether outlets differ and no classifier: that needs at least four articles from every outlet, so that articles, not sentences, can be resampled.</p>"
    t = comparison.outlet_test
    text = f"Permutation test (outlet labels shuffled across articles, {t['n_perm']} times): statistic {t['statistic']}, p = {t['p_value']}."
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
<p class="how">How to read this: each cell is the distance between two outlets' framing features (quotes, tone, topics; standardised); the diagonal holds each one's noise floor, the distance of a text to itself when split in two. A pair is "closer than noise" only when its whole interval lies below both floors. Data: <a href="data/similarity.csv">similarity.csv</a>, <a href="data/clusters.json">clusters.json</a>, <a href="data/projection.csv">projection.csv</a>, <a href="data/features.csv">features.csv</a>.</p>
{unit_line}
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
{table_html(tables['distinctive_features.csv'], ("outlet", "feature", "delta", "ci_low", "ci_high", "excludes_zero"), "table-distinctive-features")}
{table_html((tables['shared_quotes.csv'][0], [r for r in tables['shared_quotes.csv'][1] if r['level'] == 'speaker']), ("outlet", "speaker", "status", "n_outlets"), "table-speaker-coverage")}</section>"""
        )
    return out

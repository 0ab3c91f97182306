"""Colours and the small HTML pieces every section of the report shares.

One palette per meaning, no colour in two of them, so a colour means one thing on the whole
page: Okabe & Ito (2008) for outlets (then evenly spaced hues, never a repeat, however many
outlets), Paul Tol's "muted" for speakers, Tol's "light" for speaker types, ColorBrewer's
BrBG for channels and greys for the forms of a quote. Each keeps its colour in every
figure of the page and in the reader."""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

OUTLET_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SPEAKER_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD")
#: Speakers the charts and the reader colour one by one (the most quoted); everyone else is
#: "others", in one light grey: a colour is never shared by two speakers.
TOP_SPEAKERS = 9
OTHERS_COLOUR = "#bbbbbb"


#: Speaker types, channel types and quote forms: a fixed colour per value, so "government"
#: has the same colour in every report.
SPEAKER_TYPE_COLOURS = {"government": "#77AADD", "state_media": "#99DDFF", "expert": "#44BB99", "business": "#BBCC33",
                        "media": "#AAAA00", "group": "#EEDD88", "unnamed": "#EE8866", "other": "#FFAABB"}
CHANNEL_COLOURS = {"state_media": "#8C510A", "other_outlet": "#BF812D", "own_interview": "#DFC27D", "press_event": "#80CDC1",
                   "social_media": "#35978F", "official_statement": "#01665E", "other": "#C7EAE5", "none": "#F6E8C3"}
KIND_COLOURS = {"direct": "#3A3A3A", "partial": "#7A7A7A", "reported": "#D6D6D6", "scare": "#EFEFEF", "headline": "#A3A3A3"}
MEANING_COLOURS = {"speaker_type": SPEAKER_TYPE_COLOURS, "channel_type": CHANNEL_COLOURS, "kind": KIND_COLOURS}


def _extra_colour(k: int) -> str:
    """The k-th outlet colour past the Okabe-Ito eight: hues spaced by the golden angle, in two
    lightnesses, so no two outlets share one (hex of an HSL colour)."""
    import colorsys

    hue = (0.13 + k * 0.381966) % 1.0
    r, g, b = colorsys.hls_to_rgb(hue, 0.38 if k % 2 else 0.55, 0.65)
    return "#{:02X}{:02X}{:02X}".format(round(r * 255), round(g * 255), round(b * 255))


def colours(names: list[str], palette: tuple[str, ...] = OUTLET_PALETTE) -> dict[str, str]:
    """Name -> colour: the palette in order, then colours no earlier name has (never a repeat)."""
    out: dict[str, str] = {}
    taken = set(SPEAKER_PALETTE) | {OTHERS_COLOUR} | {c for m in MEANING_COLOURS.values() for c in m.values()}
    k = 0
    for i, name in enumerate(names):
        if i < len(palette):
            out[name] = palette[i]
            continue
        colour = _extra_colour(k)
        while colour in taken or colour in out.values():
            k += 1
            colour = _extra_colour(k)
        out[name] = colour
        k += 1
    return out


#: Each figure's Plotly config: the camera button saves a PNG at twice the screen size.
FIGURE_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"format": "png", "scale": 2}}


def figure_html(fig, div_id: str, data: str = "") -> str:
    """A figure as a placeholder that holds its title as text, its Plotly spec as JSON, and
    its download links (PNG, SVG, and ``data``: the data file it is drawn from).

    The page draws every figure once plotly.js, at the end of the page, has loaded
    (``RENDER_JS``), so the text of the report shows at once instead of after 4.8 MB of
    script; without JavaScript the titles and the data links still read."""
    fig.update_layout(template="plotly_white", margin=dict(l=60, r=20, t=40, b=60), font=dict(family="sans-serif"))
    if fig.layout.height is None:
        fig.update_layout(height=380)
    title = fig.layout.title.text or div_id
    spec = fig.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    esc = html.escape
    data_link = f' · data: <a href="data/{esc(data, quote=True)}">{esc(data)}</a>' if data else ""
    return (
        f'<figure class="chart"><div id="{div_id}" class="plotly-graph-div plot" style="height:{fig.layout.height}px" aria-label="{esc(title, quote=True)}">'
        f'<p class="loading">{esc(title)} (the chart draws once the page has loaded)</p></div>'
        f'<figcaption class="tools">Download <button type="button" data-save="png" data-figure="{div_id}">PNG</button> '
        f'<button type="button" data-save="svg" data-figure="{div_id}">SVG</button>{data_link}</figcaption>'
        f'<script type="application/json" class="figure-spec" data-figure="{div_id}">{spec}</script></figure>'
    )


#: Draws every figure of the page from its JSON spec, then wires the download buttons.
RENDER_JS = """
(function(){
  var config = %s;
  document.querySelectorAll('script.figure-spec').forEach(function(el){
    var spec = JSON.parse(el.textContent), div = document.getElementById(el.dataset.figure);
    div.innerHTML = '';
    Plotly.newPlot(div, spec.data || [], spec.layout || {}, config);
  });
  document.querySelectorAll('button[data-save]').forEach(function(b){
    b.addEventListener('click', function(){
      Plotly.downloadImage(document.getElementById(b.dataset.figure), {format: b.dataset.save, filename: b.dataset.figure, scale: b.dataset.save === 'png' ? 2 : 1});
    });
  });
})();
""" % json.dumps(FIGURE_CONFIG)


def table_html(table, columns: tuple[str, ...], table_id: str, caption: str = "", labels: dict[str, Any] | None = None) -> str:
    """A table of ``columns`` with a caption; true/false shown as yes/no, empty cells as "",
    and the values of a column in ``labels`` (column -> function) shown through it (feature
    ids as words)."""
    _, rows = table
    labels = labels or {}

    def cell(column: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(labels[column](value)) if column in labels else str(value)

    head = "".join(f"<th>{html.escape(COLUMN_HEADS.get(c, c.replace('_', ' ')))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell(c, r.get(c)))}</td>" for c in columns) + "</tr>" for r in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table id="{table_id}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


#: Column heads of the report's tables, where the column's name is not already words.
COLUMN_HEADS = {"ci_low": "95% interval from", "ci_high": "to", "n": "n", "excludes_zero": "interval excludes 0", "n_outlets": "outlets quoting"}

#: How a feature of the comparison reads: prefix -> template of its key's name.
FEATURE_WORDS = {
    "quote_share": "share of quotes given to {}", "speaker_type": "share of quotes from {} sources", "channel": "share of quotes through channel: {}",
    "kind": "share of {} quotes", "stance": "share of reporting verbs that are {}", "about": "tone about {}", "voice": "tone of {}'s own quotes",
    "topic": "weight of topic {}", "tone": "tone: {}",
}


def feature_label(feature: str, names: dict[str, str]) -> str:
    """A feature id as words: "quote_share:jane_roe" -> "share of quotes given to Jane Roe"
    (``names``: speaker, actor and topic ids -> names)."""
    prefix, _, key = feature.partition(":")
    template = FEATURE_WORDS.get(prefix)
    if template is None:
        return feature
    return template.format(names.get(key, key.replace("_", " ")))


def speaker_names(quotes: Iterable[Any]) -> dict[str, str]:
    """Speaker id -> the name it is shown under (the spelling used most often), over the
    quote records of every article."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for q in quotes:
        if q.speaker_id:
            seen[q.speaker_id][q.speaker] += 1
    return {i: sorted(c, key=lambda n: (-c[n], n))[0] for i, c in seen.items()}


def ranked_speakers(quotes: Iterable[Any], names: dict[str, str]) -> list[str]:
    """Ids of the charted speakers, most quotes first (ties by name, then id)."""
    quoted = Counter(q.speaker_id for q in quotes if q.counted)
    return sorted(quoted, key=lambda i: (-quoted[i], names[i], i))


def speaker_colours(ranked: list[str]) -> dict[str, str]:
    """Speaker id -> colour, for the ``TOP_SPEAKERS`` most quoted only (the palette is never
    reused: a speaker without a colour of its own is drawn as "others")."""
    return dict(zip(ranked[:TOP_SPEAKERS], SPEAKER_PALETTE))

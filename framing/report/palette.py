"""Colours and the small HTML pieces every section of the report shares.

Colour-blind-safe palettes: Okabe & Ito (2008) for outlets, Paul Tol's "muted" for
speakers, so an outlet and a speaker never share a colour; each keeps its colour in every
figure of the page and in the reader."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

OUTLET_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SPEAKER_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD")
#: Speakers the charts and the reader colour one by one (the most quoted); everyone else is
#: "others", in one light grey: a colour is never shared by two speakers.
TOP_SPEAKERS = 9
OTHERS_COLOUR = "#bbbbbb"


def colours(names: list[str], palette: tuple[str, ...] = OUTLET_PALETTE) -> dict[str, str]:
    return {name: palette[i % len(palette)] for i, name in enumerate(names)}


def figure_html(fig, div_id: str) -> str:
    fig.update_layout(template="plotly_white", margin=dict(l=60, r=20, t=40, b=60), height=380, font=dict(family="sans-serif"))
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True})


def table_html(table, columns: tuple[str, ...], table_id: str) -> str:
    _, rows = table
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in columns) + "</tr>" for r in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


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

"""The report's first screen: what the run found, in plain sentences, each with its n, its
interval and how far to trust it, and links to the chart and the sentences behind it.

Each measure family says what it found (``Family.findings``); the comparison adds its
verdict on how alike the outlets are. Computed, never written by hand: the same run gives
the same sentences."""

from __future__ import annotations

import html
import json

from ..measures import FAMILIES
from ..measures.base import Finding


def comparison_findings(report) -> list[Finding]:
    from .comparison import alike_verdict

    comparison = report.result.comparison
    if comparison is None or len(report.outlets) < 2:
        return []
    return [Finding("How alike the outlets are", alike_verdict(report.tables["similarity.csv"][1], comparison), comparison.unit_note, "fig-similarity")]


def all_findings(report) -> list[Finding]:
    found = [f for family in FAMILIES if family.findings is not None for f in family.findings(report)]
    return found + comparison_findings(report)


def section(report) -> str:
    esc = html.escape
    items = []
    for f in all_findings(report):
        links = [f'<a href="#{esc(f.chart, quote=True)}">the chart</a>'] if f.chart else []
        if f.reader:
            reader = esc(json.dumps(dict(f.reader), ensure_ascii=False, sort_keys=True), quote=True)
            links.append(f'<a href="#reader" class="to-reader" data-reader="{reader}">the sentences</a>')
        caveat = f' <span class="caveat">{esc(f.caveat)}</span>' if f.caveat else ""
        check = f' <span class="check">Check: {" · ".join(links)}</span>' if links else ""
        items.append(f"<li><strong>{esc(f.measure)}.</strong> {esc(f.text)}{caveat}{check}</li>")
    if not items:
        items.append("<li>The run found nothing to compare: the outlets have no attributed quotes, no tone to measure and no topic hits.</li>")
    return f"""<section id="findings"><h2>What the run found</h2>
<p class="how">How to read this: each line is computed from the data below, with its count or interval and how far to trust it; follow "the chart" and "the sentences" to check it in the text.</p>
<ul class="findings">{"".join(items)}</ul></section>"""

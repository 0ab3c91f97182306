"""The report's page: the shell (head, navigation, styles, the run's summary as data), the
overview of the run, the sections of each measure family (``framing.measures.FAMILIES``,
in order), the comparison's sections, the reader and the method. One self-contained HTML
file: plotly.js inlined once, no network request, every piece of text from an article, a
manifest or a lexicon escaped, fixed element ids so the same input gives the same bytes."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..measures import FAMILIES
from ..measures.base import Table
from ..pipeline import AnalysisResult
from ..tables import summary
from . import comparison, reader
from .palette import RENDER_JS, colours, feature_label, ranked_speakers, speaker_colours, speaker_names
from .reader import READER_JS, READER_LIMIT

__all__ = ["READER_LIMIT", "ReportContext", "render_report"]


@dataclass(frozen=True)
class ReportContext:
    """What every section reads: the run, its tables, and the colours the whole page shares
    (the most quoted speakers get a colour each, the same in every chart and the reader)."""

    result: AnalysisResult
    tables: dict[str, Table]
    outlets: list[str]
    outlet_colours: dict[str, str]
    speaker_names: dict[str, str]
    ranked_speakers: list[str]
    speaker_colours: dict[str, str]

    @classmethod
    def of(cls, result: AnalysisResult, tables: dict[str, Table]) -> ReportContext:
        quotes = [q for d in result.digests for q in d.parts["quotes"]]
        names = speaker_names(quotes)
        ranked = ranked_speakers(quotes, names)
        outlets = list(result.corpus.outlets)
        return cls(result, tables, outlets, colours(outlets), names, ranked, speaker_colours(ranked))

    def feature_words(self, feature: str) -> str:
        """A comparison feature's id as words ("quote_share:jane_roe" -> "share of quotes
        given to Jane Roe")."""
        names = {**{a.id: a.name for a in self.result.lexicons.actors}, **self.speaker_names, **{t.id: t.label for t in self.result.lexicons.topics}}
        return feature_label(feature, names)


CSS = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:0 auto;padding:1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem} h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.how{color:#555;font-style:italic;margin:.2rem 0 .6rem} nav a{margin-right:.8rem}
table{border-collapse:collapse;font-size:.9rem} caption{text-align:left;font-weight:600;padding:.3rem 0} td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
.article{border:1px solid #ddd;padding:.5rem 1rem;margin:.5rem 0} .para{margin:.4rem 0;white-space:pre-wrap}
.sent[data-badge]::before{content:attr(data-badge);font:.68rem monospace;color:#666;vertical-align:super;margin-right:.15rem}
.sent.hit{background:#e8f4ea} .sent.about-on::before{color:#000;font-weight:bold}
.role-furniture{color:#999} .role-headline{font-weight:bold;font-size:1.1rem} .role-heading{font-weight:bold;color:#444}
mark.quote{background:#fff6d5;border-bottom:3px solid} mark.q-scare,mark.q-headline{background:#eee}
mark.quote.corrected{outline:2px dotted #b00020} mark.quote.dim{background:none;border-bottom-color:#ddd!important;color:#888} .channel{outline:1px dashed #555}
span.topic.on{background:#cde8ff;font-weight:600} .controls label{margin-right:1rem} .unit{background:#f4f4f4;padding:.4rem}
ul.findings li{margin:.35rem 0} .caveat{color:#555;font-size:.9rem} .check{font-size:.9rem;white-space:nowrap}
figure.chart{margin:0 0 1rem} .tools{font-size:.8rem;color:#555} .tools button{font-size:.75rem;padding:0 .4rem}
.loading{color:#777;font-style:italic;padding:1rem 0}
@media print{nav{display:none} .article{page-break-inside:avoid} .tools{display:none}}
"""


def method_section(result: AnalysisResult | None = None) -> str:
    from ..measures.quotes import ATTRIBUTION_VALIDITY
    from ..measures.validity import figures

    f = figures()
    return METHOD.format(
        newsmtsc=f"{f['newsmtsc']['tone_toward']['macro_f1']:.2f}", vader=f"{f['newsmtsc']['sentence_vader']['macro_f1']:.2f}",
        rho=f"{f['basil_feelings']['about']['spearman']:.2f}", own=own_check(result), attribution=html.escape(ATTRIBUTION_VALIDITY),
    )


def own_check(result: AnalysisResult | None) -> str:
    """The method section's word on this corpus's own hand check: its scored sample and the
    corrections applied, or how to make one."""
    esc = html.escape
    if result is None or (not result.validation and result.corrections is None):
        return ("<li id=\"own-check\">The figures above are from benchmark corpora, not from this one. To check this corpus by hand: "
                "<code>framing sample CORPUS --what quotes -n 100 -o check/</code>, code check/coding.html (or the Label Studio or brat files), then "
                "<code>framing score check/coded-*.json</code>; <code>framing analyze CORPUS --corrections FILE</code> applies a quote sheet's corrections, "
                "<code>--validation FILE</code> scores a sheet of any kind, and both show this corpus's figures here.</li>")
    parts = []
    if result.validation:
        from ..coding.score import methods_paragraph

        parts += ["Checked by hand on this corpus: " + esc(methods_paragraph(v, result.corpus.name)) for v in result.validation]
    if result.corrections is not None:
        c = result.corrections.count
        files = ", ".join(f"{esc(Path(name).name)} (coder {esc(coder)}, sha256 {sha[:12]})" for name, coder, sha in result.corrections.files)
        parts.append(f"Hand corrections applied before every measure, from {files}: {c['drop']} quotes dropped as no quote, {c['change']} changed, {c['add']} added; "
                     "corrected quotes are outlined in the reader and marked in quotes.csv (corrected).")
    return '<li id="own-check">' + " ".join(parts) + "</li>"


METHOD = (
        """<section id="method"><h2>Method and caveats</h2>
<p class="how">How to read this: what each number means and where it stops meaning anything.</p>
<ul><li>Tone is VADER (Hutto &amp; Gilbert, 2014), a lexicon built for social media; on news it reads most sentences as near-neutral and cannot see irony. Tone toward a person adds a layer fitted on NewsMTSC that reads who the words are about: it agrees with human labels at macro-F1 {newsmtsc} (VADER alone: {vader}), but summed up per article it tracks annotators' judgement of how an article treats a person only weakly (Spearman {rho} on basil-dev).</li>
<li>With one article per outlet, every difference between outlets is also a difference between two texts: treat it as a description of these articles, not of the outlets.</li>
<li>Topics and actors come from editable lexicons; a topic weight is only as good as its term list. To add one: <code>framing lexicon new topic ID</code>, list its terms, check it with <code>framing lexicon check</code> and see what it matches with <code>framing lexicon explain CORPUS --topic ID</code> (lexicons/README.md has the format and a tutorial).</li>
<li>{attribution} Quotes with no speaker, an unresolved "he said" or an untyped phrase as speaker are in quotes.csv but not in the charts.</li>
<li>Intervals are 95% percentile bootstrap intervals; a value over fewer than three sentences or quotes is withheld as "not enough text".</li>
{own}</ul></section>"""
)


def overview(report: ReportContext, info: dict[str, Any], command: str) -> str:
    esc = html.escape
    lexicon_list = ", ".join(f"{esc(x['label'])} ({esc(x['kind'])} {esc(x['version'])})" for x in info["lexicons"])
    return f"""<section id="overview"><h2>Overview</h2>
<p class="how">How to read this: the event, the outlets and what the run counted. Data: <a href="data/analysis.json">analysis.json</a>, <a href="data/articles.csv">articles.csv</a>.</p>
<table><tr><th>event</th><td>{esc(info['event'] or info['corpus'])}</td></tr>
<tr><th>outlets</th><td>{esc(', '.join(info['outlets']))}</td></tr>
<tr><th>articles</th><td>{info['articles']}</td></tr><tr><th>body words</th><td>{info['body_words']}</td></tr>
<tr><th>quotes</th><td>{info['quotes']}</td></tr><tr><th>seed</th><td>{info['seed']}</td></tr>
<tr><th>lexicons</th><td>{lexicon_list}</td></tr>
<tr><th>reproduce</th><td><code>{esc(command)}</code></td></tr></table>{_notes(report)}</section>"""


#: The overview lists the manifest's notes on the articles up to this many articles.
NOTES_SHOWN = 50


def _notes(report: ReportContext) -> str:
    """The manifest's note on each article (who the outlet is, what the text lacks), which a
    reader needs to weigh the outlets' figures."""
    notes = report.result.corpus.notes
    articles = [a for a in report.result.corpus.articles if notes.get(a.id)][:NOTES_SHOWN]
    if not articles:
        return ""
    esc = html.escape
    rows = "".join(f"<tr><td>{esc(a.outlet)}</td><td>{esc(a.title or a.id)}</td><td>{esc(notes[a.id])}</td></tr>" for a in articles)
    return f'<table id="table-notes"><caption>What the corpus says about its articles (corpus.toml notes)</caption><thead><tr><th>outlet</th><th>title</th><th>note</th></tr></thead><tbody>{rows}</tbody></table>'



def render_report(result: AnalysisResult, tables: dict[str, Table], command: str = "") -> str:
    from plotly.offline import get_plotlyjs

    info = summary(result)
    esc = html.escape
    report = ReportContext.of(result, tables)
    from . import findings

    sections = [findings.section(report), overview(report, info, command)]
    family_links = []
    for family in FAMILIES:
        if family.section is not None:
            section = family.section(report)
            if section is None:  # nothing to show for this run (no shared copy): no section, no link
                continue
            sections.append(section)
            family_links += family.nav
    sections += comparison.sections(report)
    sections += [reader.section(report), method_section(result)]
    links = [("findings", "Findings"), ("overview", "Overview"), *family_links, ("alike", "How alike"), ("apart", "What sets each apart"), ("reader", "Articles"), ("method", "Method")]
    nav = " ".join(f'<a href="#{s}">{t}</a>' for s, t in links)
    title = esc(f"framing: {info['event'] or info['corpus']}")
    data_json = json.dumps(info, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")
    return (
        f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>{CSS}</style>\n"
        "</head><body>\n<h1>" + title + "</h1>\n<nav>" + nav + "</nav>\n"
        + "\n".join(sections)
        # plotly.js last: the text above shows before 4.8 MB of script is parsed
        + f'\n<script type="application/json" id="framing-summary">{data_json}</script>\n<script>{get_plotlyjs()}</script>\n<script>{RENDER_JS}</script>\n<script>{READER_JS}</script>\n</body></html>\n'
    )

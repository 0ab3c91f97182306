"""A media-literacy exercise from an analysis: a blinded, printable student worksheet, a
separate answer key and a teacher guide.

Outlets are blinded as "Outlet A", "Outlet B", ... in an order drawn from the seed. Every
excerpt has the outlet's own name and its byline names redacted, or the blinded exercise
would give its answer away. The questions are computed from the analysis (who gets the
microphone, whose voice is missing, who relays state media, scare quotes, tone about the
most-mentioned actors); the key points to the evidence. The key is never inside the
student file.
"""

from __future__ import annotations

import html
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .measures.quotes import counts_as_speaker
from .measures.tone import about_scores
from .export import write_text
from .output_folder import output_folder
from .pipeline import AnalysisResult

REDACTED = "[outlet]"
PRINT_CSS = """
body{font-family:Georgia,serif;max-width:50rem;margin:1.5rem auto;line-height:1.5;color:#111}
h1{font-size:1.5rem} h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #999}
.outlet{border:1px solid #bbb;padding:.6rem 1rem;margin:.8rem 0;page-break-inside:avoid}
blockquote{margin:.3rem 0 .3rem 1rem;font-style:italic} .q{margin:.8rem 0} .lines{border-bottom:1px dotted #888;height:1.6rem}
.evidence{font-size:.9rem;color:#333} @page{margin:1.5cm} @media print{a{color:#000;text-decoration:none}}
"""


@dataclass(frozen=True)
class Question:
    text: str
    answer: str
    evidence: list[str]


def blind(outlets: list[str], seed: int) -> dict[str, str]:
    """Outlet -> "Outlet A", "Outlet B", ... in a seeded random order."""
    order = sorted(outlets)
    random.Random(seed).shuffle(order)
    letters = [chr(ord("A") + i) if i < 26 else f"A{i - 25}" for i in range(len(order))]
    return {outlet: f"Outlet {letter}" for outlet, letter in zip(order, letters)}


def _byline_names(analysis) -> list[str]:
    names = []
    text = analysis.article.text
    for line in analysis.lines:
        if line.role == "byline":
            words = re.sub(r"(?i)^by\s+", "", text[line.span.start : line.span.end]).split()
            name = " ".join(w for w in words[:3] if w[:1].isupper() and w.isalpha())
            if len(name) > 2:
                names.append(name)
    return names


#: Words of an outlet's name too common to give it away on their own.
_GENERIC = frozenset("the a an of and news daily times post herald journal site outlet wire copy press online today weekly media group tribune".split())


def redactor(outlets: list[str], bylines: list[str]):
    """A function that replaces every outlet name, every distinctive word of one ("Reuters"
    in "Reuters wire copy") and every byline name in a text. Names and text are compared in
    one Unicode normal form (NFC), so "Su\u0308ddeutsche" in a text is "Süddeutsche"."""
    outlets = [unicodedata.normalize("NFC", o) for o in outlets]
    bylines = [unicodedata.normalize("NFC", b) for b in bylines]
    words = {w for o in outlets for w in re.findall(r"[A-Z][\w'-]{3,}", o) if w.casefold() not in _GENERIC}
    names = sorted({n for n in [*outlets, *words, *bylines] if n.strip()}, key=len, reverse=True)
    if not names:
        return lambda text: unicodedata.normalize("NFC", text)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names), re.IGNORECASE)
    return lambda text: pattern.sub(REDACTED, unicodedata.normalize("NFC", text))


def questions(result: AnalysisResult, names: dict[str, str], redact) -> list[Question]:
    """Questions whose answers the analysis supports, each with its evidence."""
    qs: list[Question] = []
    by_outlet: dict[str, list] = defaultdict(list)
    for a in result.analyses:
        by_outlet[a.article.outlet].append(a)
    speech = {o: [(a, q) for a in arts for q in a.quotes if counts_as_speaker(q)] for o, arts in by_outlet.items()}

    # 1. Who gets the microphone: the outlet whose quotes come most from one speaker.
    shares = {}
    for o, items in speech.items():
        if items:
            top, n = Counter(q.speaker for _, q in items).most_common(1)[0]
            shares[o] = (n / len(items), top, len(items))
    if shares:
        o = max(shares, key=lambda k: (shares[k][0], k))
        share, top, n = shares[o]
        qs.append(Question(
            "Count whose words each outlet quotes. Which outlet gives the microphone mostly to one person, and to whom?",
            f"{names[o]}: {share:.0%} of its {n} quotes come from {top}.",
            [f"{names[k]}: {v[2]} quotes, {v[0]:.0%} from {v[1]}" for k, v in sorted(shares.items(), key=lambda kv: names[kv[0]])],
        ))
    # 2. Whose voice is missing: speakers most outlets quote and one leaves out.
    omitted = [r for r in (result.comparison.shared_quotes if result.comparison else []) if r["level"] == "speaker" and r["status"] == "omitted"]
    if omitted:
        r = omitted[0]
        qs.append(Question(
            "Most outlets quote the same few people. Whose voice is missing from one of them?",
            f"{names[r['outlet']]} does not quote {r['speaker']}, whom {r['n_outlets']} other outlet(s) quote.",
            [f"{names[x['outlet']]} leaves out {x['speaker']}" for x in omitted[:6]],
        ))
    # 3. Channels: who relays state media.
    relayed = {o: [q for _, q in items if q.channel_type == "state_media"] for o, items in speech.items()}
    if any(relayed.values()):
        qs.append(Question(
            "Some quotes reach the reporter through state media (an official news agency or broadcaster). Which outlets relay them, and how do they say so?",
            ", ".join(f"{names[o]} ({len(v)})" for o, v in sorted(relayed.items(), key=lambda kv: names[kv[0]]) if v),
            [f"{names[o]}: \u201c{redact(q.channel)}\u201d" for o, v in sorted(relayed.items(), key=lambda kv: names[kv[0]]) for q in v[:2]],
        ))
    # 4. Scare quotes: quoted words nobody is said to have said.
    scare = [(a, q) for a in result.analyses for q in a.quotes if q.kind == "scare"]
    if scare:
        qs.append(Question(
            "Find the scare quotes: words in quotation marks that nobody is said to have said. What do the marks tell the reader?",
            f"{len(scare)} scare quote(s).",
            [f"{names[a.article.outlet]}: \u201c{redact(a.article.text[q.span.start:q.span.end])}\u201d" for a, q in scare[:8]],
        ))
    # 5. Tone about the two most-mentioned actors, in the outlets' own words.
    mentions = Counter(m.actor_id for a in result.analyses for m in a.mentions)
    actor_names = {x.id: x.name for x in result.lexicons.actors}
    for a in result.analyses:
        actor_names.update({s.id: s.name for s in a.speakers})
    leaders = [a for a, _ in mentions.most_common(2)]
    if leaders:
        lines = []
        for actor in leaders:
            for o, arts in sorted(by_outlet.items(), key=lambda kv: names[kv[0]]):
                values = [v for art in arts for v in about_scores(art).get(actor, [])]
                if values:
                    lines.append(f"{names[o]} about {actor_names.get(actor, actor)}: mean {sum(values) / len(values):+.2f} over {len(values)} sentence(s)")
        qs.append(Question(
            f"Read how each outlet describes {' and '.join(actor_names.get(a, a) for a in leaders)} in its own words (not in quotes). Which is warmest, which coolest?",
            "See the tone scores in the evidence; small differences over few sentences mean little.",
            lines,
        ))
    return qs


def _excerpt(analysis, redact, max_sentences: int = 4) -> dict[str, Any]:
    text = analysis.article.text
    body = [s for s in analysis.sentences if s.role == "body"][:max_sentences]
    quotes = [q for q in analysis.quotes if q.kind in ("direct", "partial") and q.speaker][:3]
    return {
        "title": redact(analysis.article.title) or "(no headline)",
        "sentences": [redact(text[s.span.start : s.span.end]) for s in body],
        "quotes": [(redact(text[q.span.start : q.span.end]), redact(q.speaker)) for q in quotes],
    }


def render(result: AnalysisResult, seed: int) -> dict[str, str]:
    """The three files as HTML text: worksheet.html, answer-key.html, teacher-guide.html."""
    esc = html.escape
    outlets = list(result.corpus.outlets)
    names = blind(outlets, seed)
    bylines = [n for a in result.analyses for n in _byline_names(a)]
    redact = redactor(outlets, bylines)
    qs = questions(result, names, redact)
    event = esc(result.corpus.event or result.corpus.name)

    cards = []
    for o in sorted(outlets, key=lambda x: names[x]):
        for a in [x for x in result.analyses if x.article.outlet == o][:2]:
            ex = _excerpt(a, redact)
            sentences = "".join(f"<p>{esc(s)}</p>" for s in ex["sentences"])
            quotes = "".join(f"<blockquote>\u201c{esc(t)}\u201d \u2014 {esc(sp)}</blockquote>" for t, sp in ex["quotes"])
            cards.append(f'<div class="outlet"><h3>{esc(names[o])}: {esc(ex["title"])}</h3>{sentences}{quotes}</div>')
    question_html = "".join(f'<div class="q"><p><strong>{n}.</strong> {esc(q.text)}</p><div class="lines"></div><div class="lines"></div></div>' for n, q in enumerate(qs, 1))
    worksheet = (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Worksheet: {event}</title><style>{PRINT_CSS}</style></head><body>"
        f"<h1>Same event, different stories</h1><p>Event: {event}. You will read excerpts from {len(outlets)} news outlets, named only by a letter. "
        "Read them, then answer the questions. Quote the words that support each answer.</p>"
        f"<h2>Excerpts</h2>{''.join(cards)}<h2>Questions</h2>{question_html}"
        "<p>Name: ______________________ &nbsp; Date: ____________</p></body></html>\n"
    )
    mapping = "".join(f"<tr><td>{esc(names[o])}</td><td>{esc(o)}</td></tr>" for o in sorted(outlets, key=lambda x: names[x]))
    answers = "".join(
        f'<div class="q"><p><strong>{n}. {esc(q.text)}</strong></p><p>{esc(q.answer)}</p><ul class="evidence">{"".join(f"<li>{esc(e)}</li>" for e in q.evidence)}</ul></div>'
        for n, q in enumerate(qs, 1)
    )
    key = (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Answer key: {event}</title><style>{PRINT_CSS}</style></head><body>"
        f"<h1>Answer key</h1><p>Teacher's copy: do not hand out. Blinding seed {result.settings.seed if seed is None else seed}.</p>"
        f"<h2>Which outlet is which</h2><table>{mapping}</table><h2>Answers and evidence</h2>{answers}"
        "<p class=\"evidence\">The evidence comes from framing's analysis; the full report (report.html) and its data files show every quote and score.</p></body></html>\n"
    )
    guide = (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Teacher guide: {event}</title><style>{PRINT_CSS}</style></head><body>"
        "<h1>Teacher guide</h1>"
        "<h2>Goal</h2><p>Students see that outlets covering the same event choose whom to quote, which channels to trust, which words to put in quotation marks and how warmly to describe each side: framing.</p>"
        "<h2>Running it (40-50 minutes)</h2><ol><li>Print worksheet.html (the browser's Print, or Save as PDF). Outlets are blinded; names and bylines in the excerpts are replaced by [outlet].</li>"
        "<li>Pairs read the excerpts (15 minutes) and answer the questions, quoting their evidence (15 minutes).</li>"
        "<li>Discuss; reveal which outlet is which from answer-key.html and ask whether knowing the outlet changes their reading (10-15 minutes).</li></ol>"
        "<h2>Cautions to share</h2><ul><li>The tone scores come from VADER, a word list made for social media: it cannot see irony, and one article per outlet is a small sample.</li>"
        "<li>A quote count says who was given the microphone in these articles, not what an outlet always does.</li></ul>"
        f"<h2>This exercise</h2><p>{len(result.analyses)} article(s) from {len(outlets)} outlet(s); {len(qs)} question(s) computed from the analysis. Re-running with the same seed gives the same blinding.</p></body></html>\n"
    )
    return {"worksheet.html": worksheet, "answer-key.html": key, "teacher-guide.html": guide}


def write_classroom(result: AnalysisResult, outdir: Path, seed: int, *, force: bool = False, protected: Iterable[Path] = ()) -> None:
    files = render(result, seed)
    with output_folder(outdir, "classroom", force=force, protected=protected) as tmp:
        for name, text in files.items():
            write_text(tmp / name, text)

"""The lesson's files: the student handout (worksheet.html), the answer key, the teacher
guide and the pre/post test, printable on A4 and Letter."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..export import write_text
from ..output_folder import output_folder
from ..pipeline import AnalysisResult
from .blinding import LONG_ARTICLE, PRACTICE, REDACTED
from .questions import Lesson, Question, Shown, lesson

esc = html.escape

PRINT_CSS = """
@page{size:auto;margin:15mm 14mm}
body{font-family:Georgia,'Times New Roman',serif;font-size:11pt;max-width:46rem;margin:1rem auto;line-height:1.4;color:#111}
h1{font-size:1.4rem;margin:.2rem 0 .4rem} h2{font-size:1.15rem;margin:1rem 0 .3rem;border-bottom:1px solid #999;break-after:avoid}
h3{font-size:1.02rem;margin:.4rem 0 .3rem;break-after:avoid} h4{font-size:.95rem;margin:.5rem 0 .2rem;font-style:italic;break-after:avoid}
p{margin:.25rem 0;orphans:3;widows:3} .para{padding-left:2.1rem;text-indent:-2.1rem}
.n{display:inline-block;width:1.8rem;margin-right:.3rem;text-indent:0;font-family:Arial,sans-serif;font-size:.8rem;font-weight:bold;color:#444;text-align:right}
.gap{color:#666;padding-left:2.1rem;font-size:.9rem} .meta{color:#444;font-size:.9rem}
.article{margin:0 0 .8rem} .article.long{break-before:page} .fitbox .article.long{break-before:column} .article.first{break-before:auto} .article.short{break-before:auto}
.q{margin:.6rem 0;break-inside:avoid} .q.answer{break-inside:auto} .lines{border-bottom:1px dotted #888;height:1.4rem}
.evidence{font-size:.92rem;color:#222} .evidence li{margin:.15rem 0} .why{font-size:.92rem;color:#333}
table{border-collapse:collapse} td,th{border:1px solid #bbb;padding:.15rem .5rem;text-align:left;vertical-align:top}
.plan td:first-child{white-space:nowrap}
@media print{body{max-width:none;margin:0} a{color:#000;text-decoration:none}}
"""



#: Print fit. Chromium breaks a multi-column box with the same fragmentation rules as printed
#: pages (break-inside, orphans, widows), so a hidden copy of the sheet in columns one page
#: area tall (A4 and Letter less the @page margins) shows how full the last printed page is.
#: Answer lines are added, one question at a time from the last, until the last page is at
#: least half full on both papers (the best count tried is kept): the end of a flowing text
#: is otherwise wherever it falls, a fifth of a page or less. Without JavaScript the sheet
#: prints as written.
FIT_JS = """(function(){var sheet=document.getElementById('sheet');if(!sheet||!sheet.getBoundingClientRect)return;
var MM=96/25.4,PAPERS=[[182,267],[187.9,249.4]],GOAL=0.5;
var qs=sheet.querySelectorAll('.q');if(!qs.length)return;
function fill(w,h){var box=document.createElement('div');box.className='fitbox';box.setAttribute('aria-hidden','true');
box.style.cssText='position:absolute;left:-10000mm;top:0;width:'+w+'mm;height:'+h+'mm;column-width:'+w+'mm;column-gap:0;column-fill:auto';
box.innerHTML=sheet.innerHTML;document.body.appendChild(box);
var last=box.lastElementChild;while(last&&last.lastElementChild)last=last.lastElementChild;
var f=last?(last.getBoundingClientRect().bottom-box.getBoundingClientRect().top)/(h*MM):1;
document.body.removeChild(box);return f;}
function score(){var m=1;for(var i=0;i<PAPERS.length;i++)m=Math.min(m,fill(PAPERS[i][0],PAPERS[i][1]));return m;}
var best=score(),keep=0,added=[];
while(best<GOAL&&added.length<qs.length*6){var d=document.createElement('div');d.className='lines';
qs[qs.length-1-added.length%qs.length].appendChild(d);added.push(d);var s=score();if(s>best){best=s;keep=added.length;}}
for(var k=added.length-1;k>=keep;k--)added[k].parentNode.removeChild(added[k]);
document.documentElement.setAttribute('data-fit',best.toFixed(2));})();"""


def _page(title: str, body: str, *, fit: bool = False) -> str:
    """A printable page; ``fit``: the body is a sheet whose answer lines FIT_JS may lengthen."""
    if fit:
        body = f'<main id="sheet">{body}</main><script>{FIT_JS}</script>'
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title><style>{PRINT_CSS}</style></head><body>{body}</body></html>\n'


def _article_html(s: Shown, first: bool, names: dict[str, str]) -> str:
    parts = []
    previous = 0
    for n in s.shown:
        if previous and n != previous + 1 or (not previous and n != 1):
            parts.append('<p class="gap">[\u2026]</p>')
        if n in s.headings and (previous == n - 1 or len(s.shown) == len(s.paragraphs)):
            parts.append(f"<h4>{esc(s.headings[n])}</h4>")
        parts.append(f'<p class="para" id="p-{esc(s.label)}-{n}" data-ref="{esc(s.label)}" data-para="{n}"><span class="n">{n}</span>{esc(s.paragraphs[n])}</p>')
        previous = n
    if s.shown and s.shown[-1] != len(s.paragraphs):
        parts.append('<p class="gap">[\u2026]</p>')
    words = sum(len(s.paragraphs[n].split()) for n in s.shown)
    cls = "article " + ("long" if words > LONG_ARTICLE else "short") + (" first" if first else "")
    title = f"{names[s.outlet]}" + (f", article {s.label[1:]}" if s.label[1:] else "")
    headline = f'<h3 class="headline" id="p-{esc(s.label)}-0" data-ref="{esc(s.label)}" data-para="0">{esc(s.headline)}</h3>' if s.headline else '<h3 class="headline">(no headline)</h3>'
    tag = f' <span class="meta">[{esc(s.label)}]</span>' if s.label[1:] else ""
    return f'<section class="{cls}" data-ref="{esc(s.label)}"><h2>{esc(title)}{tag}</h2>{headline}{"".join(parts)}</section>'


def _questions_html(qs: list[Question], lines: int = 4) -> str:
    blank = '<div class="lines"></div>' * lines
    return "".join(f'<div class="q"><p><strong>{n}.</strong> {esc(q.text)}</p>{blank}</div>' for n, q in enumerate(qs, 1))


def _handout(title: str, intro: str, view: list[Shown], qs: list[Question], names: dict[str, str], lines: int = 4) -> str:
    articles = "".join(_article_html(s, k == 0, names) for k, s in enumerate(view))
    return _page(
        title,
        fit=True,
        body=f"<p class=\"meta\">Name: ______________________ &nbsp; Date: ____________</p><h1>{esc(title)}</h1><p>{intro}</p>"
        f"{articles}<h2>Questions</h2><p class=\"meta\">Cite the paragraph (e.g. A \u00b63) and quote the words that support each answer.</p>{_questions_html(qs, lines)}",
    )


def _answers_html(qs: list[Question], prefix: str = "") -> str:
    out = []
    for n, q in enumerate(qs, 1):
        items = "".join(
            f'<li class="ev" data-ref="{esc(e.ref)}" data-para="{e.para}"><strong>{esc(e.cite)}</strong>: \u201c<span class="words">{esc(e.words)}</span>\u201d'
            + (f" <span class=\"meta\">({esc(e.note)})</span>" if e.note else "")
            + "</li>"
            for e in q.evidence
        )
        out.append(f'<div class="q answer" data-kind="{esc(q.kind)}" id="{esc(prefix)}q{n}"><p><strong>{n}. {esc(q.text)}</strong></p><p>{esc(q.answer)}</p><ul class="evidence">{items}</ul></div>')
    return "".join(out)


def _plan(level: str, n_questions: int) -> list[tuple[str, str]]:
    if level == "short":
        return [
            ("0-3", "Pre-test (pre-test.html), alone, no help: who gets the microphone, whose voice is missing."),
            ("3-7", "Hook: show two headlines from the handout side by side; ask what each makes the reader expect."),
            ("7-10", "Explain the task: outlets are blinded (Outlet A, B, ...); paragraphs are numbered; every answer cites a paragraph and quotes words."),
            ("10-22", "Pairs read the articles (each pair can split the outlets, then swap notes)."),
            ("22-34", f"Pairs answer the {n_questions} questions, citing paragraphs."),
            ("34-40", "Whole class: compare answers question by question; use the key's citations to settle disagreements. Ask what the numbers cannot tell (one article per outlet)."),
            ("40-42", "Reveal which outlet is which (answer key); does knowing the outlet change the reading?"),
            ("42-45", "Post-test (post-test.html), alone; compare with the pre-test."),
        ]
    return [
        ("0-5", "Pre-test (pre-test.html), alone."),
        ("5-10", "Hook and task: blinded outlets, numbered paragraphs, answers cite paragraphs."),
        ("10-35", "Groups read the full articles; each group takes two outlets and reports to the others."),
        ("35-60", f"Groups answer the {n_questions} questions, citing paragraphs and quoting words."),
        ("60-75", "Whole class: go through the questions with the key; discuss what the numbers cannot tell."),
        ("75-80", "Reveal the outlets; discuss whether the reveal changes the reading."),
        ("80-90", "Post-test (post-test.html), alone; compare with the pre-test."),
    ]


def _guide(result, lesson_: Lesson, practice: dict[str, Lesson], seed: int) -> str:
    event = result.corpus.event or result.corpus.name
    rows = "".join(f"<tr><td>{esc(t)} min</td><td>{esc(what)}</td></tr>" for t, what in _plan(lesson_.level, len(lesson_.questions)))
    other = "full" if lesson_.level == "short" else "short"
    other_rows = "".join(f"<tr><td>{esc(t)} min</td><td>{esc(what)}</td></tr>" for t, what in _plan(other, len(lesson(result, seed, other).questions)))
    reasons = "".join(f"<li><strong>{n}. {esc(q.kind.replace('_', ' ').capitalize())}</strong>: {esc(q.answer)} <span class=\"why\">Why: {esc(q.why)} Evidence: {esc('; '.join(e.cite for e in q.evidence))}.</span></li>" for n, q in enumerate(lesson_.questions, 1))
    tests = "".join(f"<li>{esc(name)}: {len(p.questions)} question(s) ({esc(', '.join(q.kind for q in p.questions))}) on two invented articles.</li>" for name, p in practice.items())
    arts = Counter(s.outlet for s in lesson_.view)
    return _page(
        f"Teacher guide: {event}",
        f"<h1>Teacher guide</h1><p>Event: {esc(event)}. Level: <strong>{esc(lesson_.level)}</strong> ({len(lesson_.questions)} questions; "
        f"{len(lesson_.view)} article(s) from {len(arts)} outlets, "
        + ("trimmed to the paragraphs the questions need, numbered as in the full article" if lesson_.level == "short" else "in full")
        + ").</p>"
        "<h2>Goal</h2><p>Students see that outlets covering the same event choose whom to quote, which channels to rely on, which words to put in quotation marks and how to headline it: framing. They learn to back every claim with a paragraph and its words.</p>"
        f"<h2>Plan, minute by minute ({esc(lesson_.level)} level)</h2><table class=\"plan\">{rows}</table>"
        f"<h2>Plan for the {esc(other)} level</h2><p class=\"meta\">Run <code>framing classroom CORPUS -o DIR --level {esc(other)}</code> for its handout.</p><table class=\"plan\">{other_rows}</table>"
        "<h2>Files</h2><ul><li>worksheet.html: the student handout (print it; the browser's Print or Save as PDF, A4 or Letter).</li>"
        "<li>answer-key.html: which outlet is which, answers with paragraph citations and the exact words; teacher's copy only.</li>"
        + ("<li>pre-test.html and post-test.html: the same skills on two other invented article pairs, before and after the lesson (answers in the key).</li>" if practice else "")
        + "</ul>"
        f"<h2>Answers and their reasoning</h2><ol class=\"evidence\">{reasons}</ol>"
        + (f"<h2>Pre/post test</h2><ul>{tests}</ul><p>Compare each student's two answers: the post-test should cite paragraphs and count quotes correctly where the pre-test guessed.</p>" if practice else "")
        + 
        "<h2>Cautions to share</h2><ul><li>Quotes and speakers are found by framing's rules, not by a person: the key cites the paragraphs so anyone can check them, and a student who finds a quote framing missed is right to say so.</li>"
        "<li>Tone scores come from VADER, a word list made for social media: it cannot see irony.</li>"
        "<li>A count over one article per outlet says what that article did, not what the outlet always does.</li></ul>",
    )


def _practice(path: Path, seed: int) -> Lesson | None:
    """A pre/post item: the invented pair under ``path``, analysed now, with its microphone
    and missing-voice questions (or the first two questions it supports)."""
    if not (path / "corpus.toml").is_file():
        return None
    from ..lexicons import load_lexicons
    from ..pipeline import analyze
    from ..settings import Settings
    from ..text import read_corpus

    corpus = read_corpus(str(path))
    result = analyze(corpus, load_lexicons(list(corpus.lexicon_paths)), Settings(seed=seed, n_boot=20))
    full = lesson(result, seed, "full")
    picked = [q for q in full.questions if q.kind in ("microphone", "missing")] or full.questions[:2]
    return Lesson("full", full.names, full.view, picked, full.redact)


def render(result: AnalysisResult, seed: int, level: str = "short") -> dict[str, str]:
    """The lesson's files as HTML text: worksheet.html, answer-key.html, teacher-guide.html,
    and pre-test.html and post-test.html when the practice pairs are there."""
    main_ = lesson(result, seed, level)
    names = main_.names
    event = result.corpus.event or result.corpus.name
    arts = Counter(s.outlet for s in main_.view)
    intro = (
        f"Event: {esc(event)}. You will read {len(main_.view)} article(s) from {len(arts)} news outlets, named only by a letter; "
        f"the outlets' names are replaced by {esc(REDACTED)}. Paragraphs are numbered"
        + (" as in the full article; [\u2026] marks paragraphs left out" if level == "short" else "")
        + ". Read them, then answer the questions."
    )
    files = {"worksheet.html": _handout("Same event, different stories", intro, main_.view, main_.questions, names)}
    practice: dict[str, Lesson] = {}
    for stage in ("pre", "post"):
        p = _practice(PRACTICE / stage, seed)
        if p is not None:
            practice[f"{stage}-test"] = p
            files[f"{stage}-test.html"] = _handout(
                f"{'Before' if stage == 'pre' else 'After'} the lesson: two short articles",
                "Two invented articles about an invented event, from two invented outlets. Read them and answer, citing the paragraph numbers.",
                p.view, p.questions, p.names, lines=2,
            )
    mapping = "".join(f"<tr><td>{esc(names[o])}</td><td>{esc(o)}</td><td>{esc(', '.join(s.label for s in main_.view if s.outlet == o))}</td></tr>" for o in sorted(names, key=names.get))
    practice_keys = "".join(
        f'<h2>{esc(name.replace("-", " ").capitalize())} answers</h2><p class="meta">'
        + esc("; ".join(f"{p.names[o]} is {o} (invented)" for o in sorted(p.names, key=p.names.get)))
        + f"</p>{_answers_html(p.questions, name + '-')}"
        for name, p in practice.items()
    )
    files["answer-key.html"] = _page(
        f"Answer key: {event}",
        f"<h1>Answer key</h1><p>Teacher's copy: do not hand out. Blinding seed {seed}; level {esc(level)}.</p>"
        f"<h2>Which outlet is which</h2><table><tr><th>Blinded</th><th>Outlet</th><th>Articles</th></tr>{mapping}</table>"
        f"<h2>Answers with evidence</h2>{_answers_html(main_.questions)}{practice_keys}"
        "<p class=\"meta\">Citations: A \u00b63 is paragraph 3 of Outlet A's article; \u201cheadline\u201d is its headline. The evidence comes from framing's analysis of the text as the handout shows it.</p>",
    )
    files["teacher-guide.html"] = _guide(result, main_, practice, seed)
    return files


def write_classroom(result: AnalysisResult, outdir: Path, seed: int, *, level: str = "short", force: bool = False, protected: Iterable[Path] = ()) -> None:
    files = render(result, seed, level)
    with output_folder(outdir, "classroom", force=force, protected=protected) as tmp:
        for name, text in files.items():
            write_text(tmp / name, text)

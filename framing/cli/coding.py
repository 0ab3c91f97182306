"""The commands of the hand check: ``sample`` (draw items for coders) and ``score`` (score
framing and the coders from the coded sheets)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import interrupts
from ..terminal import safe
from .base import _load, progress, columns_option, dayfirst_option, force_option, lexicons_option, main, output_path, recursive_option

SAMPLE_README = """How to code this sample ({what}, {n} items drawn with seed {seed} from {corpus})

Pick one of three ways; each shows every item in its paragraph with framing's answer filled in.

1. coding.html: open it in a browser (it works offline), type your name, confirm or correct each
   item, add quotes framing missed, and press Save: it downloads coded-<your name>.json.
2. Label Studio: create a project, paste labelstudio/label_config.xml as its labeling interface,
   import labelstudio/tasks.json (framing's answers arrive as predictions), code, and export the
   project as JSON.
3. brat: copy the brat/ folder into brat's data folder and edit the annotations.

Then: framing score coded-ana.json coded-ben.json (or the Label Studio export, or the brat
folder) gives framing's precision and the coders' agreement; framing analyze CORPUS
--corrections coded-ana.json applies a coder's corrections to the quotes.
"""


@main.command("sample")
@click.argument("corpus", type=click.Path())
@click.option("--what", type=click.Choice(["quotes", "mentions", "topics", "tone"]), default="quotes", show_default=True, help="What to check: quotes, actor mentions, topic terms, or the tone toward actors.")
@click.option("-n", "n", default=100, show_default=True, type=click.IntRange(min=1), help="Items to draw (spread over outlets and kinds).")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the draw.")
@click.option("-o", "--output", "outdir", type=click.Path(), required=True, help="Folder for sample.json, coding.html, labelstudio/ and brat/.")
@lexicons_option
@recursive_option
@columns_option
@dayfirst_option
@force_option
def sample_command(corpus: str, what: str, n: int, seed: int, outdir: str, lexicon_paths, recursive: bool, columns, dayfirst: bool, force: bool) -> None:
    """Draw a stratified random sample of what framing found in CORPUS, for hand-checking, as
    an offline coding page, Label Studio tasks and brat standoff."""
    from ..coding.brat import write_brat
    from ..coding.draw import draw_sample
    from ..coding.labelstudio import write_labelstudio
    from ..coding.page import coding_page
    from ..export import write_text
    from ..output_folder import check_replaceable, output_folder
    from ..pipeline import Analyzer, analyze_or_skip

    target = output_path(outdir, Path(outdir))
    check_replaceable(target, "sample", force=force, protected=(Path(corpus),))  # before the analysis, not after
    loaded, lexicons = _load(corpus, lexicon_paths, recursive=recursive, columns=columns, topics=what == "topics", dayfirst=dayfirst)
    analyzer = Analyzer(lexicons, outlets=(a.outlet for a in loaded.articles))
    total = len(loaded.articles)

    def analyses():
        for article in progress(loaded.articles, total):
            interrupts.check()
            analysis = analyze_or_skip(analyzer, article)
            if isinstance(analysis, str):
                click.echo(f"Warning: skipped article {safe(article.id)!r}: {safe(analysis)}", err=True)
            else:
                yield analysis

    names = {a.id: a.name for a in lexicons.actors}
    topics = {t.id: t.label for t in lexicons.topics}
    drawn = draw_sample(analyses(), what, n, seed=seed, corpus=loaded.name, names=names, topics=topics)
    with output_folder(target, "sample", force=force, protected=(Path(corpus),)) as tmp:
        write_text(tmp / "sample.json", drawn.to_json())
        write_text(tmp / "coding.html", coding_page(drawn))
        write_labelstudio(drawn, tmp / "labelstudio")
        write_brat(drawn, tmp / "brat")
        write_text(tmp / "README.txt", SAMPLE_README.format(what=what, n=len(drawn.items), seed=seed, corpus=loaded.name))
    strata = len(drawn.population)
    short = f" (framing found only {sum(drawn.population.values())})" if len(drawn.items) < n else ""
    click.echo(f"Drew {len(drawn.items)} {what}{short} from {strata} strata (outlet x kind) into {target}: open coding.html, or see README.txt for Label Studio and brat", err=True)


@main.command("score")
@click.argument("coded", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "outdir", type=click.Path(), help="Also write validation.csv, agreement.csv, validation.json and methods.md to this folder.")
@force_option
def score_command(coded: tuple[str, ...], outdir: str | None, force: bool) -> None:
    """Score framing against CODED sheets (coding-page JSON, a Label Studio export, or a brat
    folder; several coders at once) and the coders against each other."""
    from ..coding.score import AGREEMENT_COLUMNS, VALIDATION_COLUMNS, methods_paragraph, score
    from ..coding.sheets import read_sheets

    sheets = read_sheets(coded)
    scores = score(sheets)
    rows = [s.row() for s in scores.shares]
    agreement = [a.row() for a in scores.agreements]
    paragraph = methods_paragraph(scores)
    _out(f"{'field':10} {'statistic':10} {'coder':14} {'estimate':>8}  {'95% interval':13} {'n':>4}\n")
    for r in rows:
        if r["group"] == "all":
            _out(f"{r['field']:10} {r['statistic']:10} {safe(r['coder'])[:14]:14} {r['estimate']:8.2f}  {r['ci_low']:.2f}-{r['ci_high']:.2f}     {r['n']:4}\n")
    for a in agreement:
        if a["statistic"] != "percent_agreement" and a["value"] is not None:
            _out(f"{a['field']:10} {a['statistic']:18} {safe(a['between'])[:24]:24} {a['value']:6.2f}  ({a['units']} items)\n")
    _out("\n" + safe(paragraph) + "\n")
    if outdir:
        import json

        from ..export import write_csv, write_text
        from ..output_folder import output_folder

        target = output_path(outdir, Path(outdir))
        with output_folder(target, "score", force=force, protected=tuple(Path(c) for c in coded)) as tmp:
            write_csv(tmp / "validation.csv", VALIDATION_COLUMNS, rows)
            write_csv(tmp / "agreement.csv", AGREEMENT_COLUMNS, agreement)
            write_text(tmp / "methods.md", paragraph + "\n")
            sources = [{"file": f, "coder": c, "sha256": h} for f, c, h in scores.sources]
            write_text(tmp / "validation.json", json.dumps({"what": scores.what, "coders": list(scores.coders), "items": scores.items, "sources": sources,
                                                            "shares": rows, "agreement": agreement, "methods": paragraph}, ensure_ascii=False, indent=1) + "\n")
        click.echo(f"Wrote {target}/validation.csv, agreement.csv, validation.json and methods.md", err=True)


def _out(text: str) -> None:
    click.echo(text, nl=False)


def read_corrections(corrections: tuple[str, ...], checked: tuple[str, ...] = ()):
    """``--corrections`` (coded quote sheets applied to the run) and ``--validation`` (coded
    sheets of any kind, only scored): the corrections, and the scores of each kind of sheet
    for the report's method section."""
    if not corrections and not checked:
        return None, ()
    from ..coding.corrections import corrections_from
    from ..coding.score import score
    from ..coding.sheets import read_sheets

    applied = read_sheets(corrections) if corrections else []
    hand = corrections_from(applied) if applied else None
    if hand is not None:
        counts = hand.count
        click.echo(f"Applying hand corrections: {counts['drop']} quotes dropped as no quote, {counts['change']} changed, {counts['add']} added", err=True)
    by_kind: dict[str, list] = {}
    seen: set[tuple[str, str]] = set()
    for sheet in [*applied, *(read_sheets(checked) if checked else [])]:
        if (sheet.source, sheet.coder) not in seen:  # a sheet given as both is scored once
            seen.add((sheet.source, sheet.coder))
            by_kind.setdefault(sheet.what, []).append(sheet)
    return hand, tuple(score(sheets) for _, sheets in sorted(by_kind.items()))

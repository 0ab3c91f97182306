"""The commands that analyse a corpus: ``analyze``, ``quotes``, ``export`` and ``classroom``."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import click

from .. import interrupts
from ..errors import FramingError
from ..settings import Settings
from ..terminal import safe
from .base import PROGRESS_MIN_ARTICLES, _load, _report_skips, progress, columns_option, dayfirst_option, default_folder, output_path, force_option, guard_option, lexicons_option, main, recursive_option


@main.command()
@click.argument("corpus", type=click.Path())
@click.option("-o", "--output", "outdir", type=click.Path(), help="Output folder [default: reports/<corpus name>/].")
@lexicons_option
@click.option("--seed", default=0, show_default=True, type=int, help="Seed for every random step.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(min=1), help="Parallel worker processes.")
@click.option("--scheduler", help="Run the per-article stages on a Dask cluster: tcp://host:port, or local:N for a local one (pip install 'framing[dask]').")
@click.option("--bootstrap", "n_boot", default=200, show_default=True, type=click.IntRange(min=0), help="Bootstrap resamples for every interval (more: slower, steadier).")
@click.option("--weight", "weights", multiple=True, metavar="BLOCK=W", help="Weight of a feature block in the comparison (quotes, tone, topics); repeatable.")
@click.option("--strict", is_flag=True, help="Treat an unreadable file in a corpus folder as an error.")
@click.option("--duplicates", "duplicates", default=0.8, show_default=True, type=click.FloatRange(0.05, 1.0), help="Share of text two articles must share to be listed as copies of one story (duplicates.csv).")
@click.option("--keep-copies", is_flag=True, help="Compare outlets with copies of one story in [default: one copy of each is left out of the comparison].")
@click.option("--corrections", "corrections", multiple=True, type=click.Path(), help="A coded quote sheet (framing sample, then coding.html, Label Studio or brat) whose hand corrections are applied before every measure (repeatable).")
@click.option("--validation", "checked", multiple=True, type=click.Path(), help="A coded sheet of any kind (quotes, mentions, topics, tone) scored for the report's method section, not applied (repeatable).")
@recursive_option
@columns_option
@dayfirst_option
@force_option
@guard_option
def analyze(
    corpus: str,
    outdir: str | None,
    lexicon_paths: tuple[str, ...],
    seed: int,
    jobs: int,
    scheduler: str | None,
    n_boot: int,
    weights: tuple[str, ...],
    strict: bool,
    duplicates: float,
    keep_copies: bool,
    corrections: tuple[str, ...],
    checked: tuple[str, ...],
    recursive: bool,
    columns: tuple[str, ...],
    dayfirst: bool,
    force: bool,
    no_guard: bool,
) -> None:
    """Analyse CORPUS (a folder, .jsonl, .csv or .tsv) and write report.html and data/."""
    from ..outputs import analyze_to_folder
    from .coding import read_corrections

    block_weights = _parse_weights(weights)
    loaded_corpus, lexicons = _load(corpus, lexicon_paths, strict, recursive, columns, dayfirst=dayfirst)
    hand_corrections, validation = read_corrections(corrections, checked)
    target = output_path(outdir, default_folder(loaded_corpus.name))
    articles = loaded_corpus.articles

    def with_bar(items):
        """Progress on stderr for corpora long enough to wait for (``base.progress``), and a
        word on the serial part that follows, so the wait after the bar is not silence."""
        yield from progress(items, len(articles))
        if len(articles) >= PROGRESS_MIN_ARTICLES:
            click.echo("Comparing the outlets and writing the report ...", err=True)

    command = "framing analyze " + " ".join(
        shlex.quote(x)
        for x in [
            corpus,
            *(["-o", outdir] if outdir else []),
            *[f"--lexicons={p}" for p in lexicon_paths],
            f"--seed={seed}",
            f"--bootstrap={n_boot}",
            *[f"--weight={w}" for w in weights],
            *([f"--duplicates={duplicates}"] if duplicates != 0.8 else []),
            *(["--keep-copies"] if keep_copies else []),
            *[f"--corrections={c}" for c in corrections],
            *[f"--validation={c}" for c in checked],
        ]
    )
    result = analyze_to_folder(
        loaded_corpus,
        lexicons,
        target,
        command=command,
        force=force,
        guard=not no_guard,
        protected=(Path(corpus),),
        settings=Settings.of(seed=seed, n_boot=n_boot, weights=block_weights, jobs=jobs, scheduler=scheduler, duplicates=duplicates, keep_copies=keep_copies),
        progress=with_bar,
        corrections=hand_corrections,
        validation=validation,
    )
    _report_skips(result)
    _report_duplicates(result)
    click.echo(f"Wrote {target / 'report.html'} and {target / 'data'}/", err=True)


def _report_duplicates(result) -> None:
    """Say that some articles are copies of one story: they make their outlets look alike."""
    from ..measures.duplicates import duplicate_pairs

    pairs = duplicate_pairs(result)
    if pairs:
        shown = ", ".join(f"{p.first.id} and {p.second.id}" for p in pairs[:3]) + (", ..." if len(pairs) > 3 else "")
        many = len(pairs) != 1
        click.echo(
            f"Warning: {len(pairs)} pair{'s' if many else ''} of articles {'are copies' if many else 'is a copy'} of one story ({safe(shown)}; duplicates.csv): "
            "outlets that print the same copy look alike without framing anything alike",
            err=True,
        )


def _parse_weights(items: tuple[str, ...]) -> dict[str, float]:
    from ..measures import feature_blocks

    BLOCKS = feature_blocks()

    weights = {}
    for item in items:
        name, _, value = item.partition("=")
        if name not in BLOCKS:
            raise FramingError(f"--weight {item!r}: unknown block {name!r} (blocks: {', '.join(BLOCKS)})")
        try:
            weights[name] = float(value)
        except ValueError:
            raise FramingError(f"--weight {item!r}: {value!r} is not a number") from None
        if weights[name] < 0:
            raise FramingError(f"--weight {item!r}: a weight cannot be negative")
    return weights


@main.command()
@click.argument("corpus", type=click.Path())
@lexicons_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@recursive_option
@columns_option
@dayfirst_option
@guard_option
def quotes(corpus: str, lexicon_paths: tuple[str, ...], fmt: str, recursive: bool, columns: tuple[str, ...], dayfirst: bool, no_guard: bool) -> None:
    """Print every quote in CORPUS with its speaker, cue and channel.

    The table is for reading on a terminal: control characters of the articles' text are
    shown as spaces there. The JSON lines and CSV keep the text exactly."""
    from ..pipeline import Analyzer, fewer_collections
    from ..measures.quotes import QUOTES_TABLE

    QUOTE_COLUMNS = QUOTES_TABLE.column_names

    loaded_corpus, lexicons = _load(corpus, lexicon_paths, recursive=recursive, columns=columns, topics=False, dayfirst=dayfirst)
    analyzer = Analyzer(lexicons, outlets=(a.outlet for a in loaded_corpus.articles))
    if fmt == "csv":
        click.echo(",".join(QUOTE_COLUMNS))
    with fewer_collections():  # as analyze runs: the collector is a quarter of the time otherwise
        skipped = _print_quotes(loaded_corpus, analyzer, fmt, QUOTE_COLUMNS, no_guard)
    if skipped:
        click.echo(f"Warning: {skipped} of {len(loaded_corpus.articles)} articles skipped (named above)", err=True)


def _print_quotes(loaded_corpus, analyzer, fmt: str, QUOTE_COLUMNS, no_guard: bool) -> int:
    """Print the quotes of every article as it is read (only the stages quotes need); the
    number of articles skipped."""
    from ..export import csv_text
    from ..measures.quotes import quote_rows
    from ..pipeline import analyze_or_skip

    on_terminal = sys.stdout.isatty()  # CSV to a terminal is read, not parsed: no escapes
    skipped = 0
    for article in progress(loaded_corpus.articles, len(loaded_corpus.articles), "Reading"):
        interrupts.check()
        analysis = analyze_or_skip(analyzer, article, only_quotes=True)
        if isinstance(analysis, str):
            click.echo(f"Warning: skipped article {safe(article.id)!r}: {safe(analysis)}", err=True)
            skipped += 1
            continue
        for row in quote_rows(analysis):
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False, sort_keys=False))
            elif fmt == "csv":
                line = csv_text(QUOTE_COLUMNS, [row], header=False, guard=not no_guard)
                click.echo(safe(line[:-1]) + "\n" if on_terminal else line, nl=False)
            else:
                who = safe(row["speaker"]) or "-"
                click.echo(f"{safe(row['article'])[:12]:12}  {row['kind']:8}  {who[:22]:22}  {safe(row['text'])[:70]}")
    return skipped


@main.command("export")
@click.argument("corpus", type=click.Path())
@click.option("-o", "--output", "outdir", type=click.Path(), help="Output folder [default: reports/<corpus name>/data-<format>/].")
@lexicons_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
@click.option("--only", type=click.Choice(["quotes"]), help="Write only this table, through only the stages it needs (no comparison): quotes.csv, sooner.")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--bootstrap", "n_boot", default=200, show_default=True, type=click.IntRange(min=0))
@recursive_option
@columns_option
@dayfirst_option
@force_option
@guard_option
def export_tables(
    corpus: str, outdir: str | None, lexicon_paths: tuple[str, ...], fmt: str, only: str | None, seed: int, n_boot: int, recursive: bool, columns: tuple[str, ...], dayfirst: bool, force: bool, no_guard: bool
) -> None:
    """Write only the data tables of CORPUS (CSV, JSON lines or Parquet) and their codebook."""
    from ..outputs import export_quotes_to_folder, export_to_folder

    loaded_corpus, lexicons = _load(corpus, lexicon_paths, recursive=recursive, columns=columns, dayfirst=dayfirst, topics=only is None)
    target = output_path(outdir, default_folder(loaded_corpus.name) / f"data-{fmt}")
    bar = lambda items: progress(items, len(loaded_corpus.articles))  # noqa: E731
    if only == "quotes":
        skipped = export_quotes_to_folder(loaded_corpus, lexicons, target, fmt, force=force, guard=not no_guard, protected=(Path(corpus),), progress=bar)
        for article_id, why in skipped:
            click.echo(f"Warning: skipped article {safe(article_id)!r}: {safe(why)}", err=True)
    else:
        result = export_to_folder(loaded_corpus, lexicons, target, fmt, force=force, guard=not no_guard, protected=(Path(corpus),), settings=Settings(seed=seed, n_boot=n_boot), progress=bar)
        _report_skips(result)
    click.echo(f"Wrote {target}/", err=True)


@main.command()
@click.argument("corpus", type=click.Path())
@click.option("-o", "--output", "outdir", type=click.Path(), required=True, help="Folder for worksheet.html, answer-key.html, teacher-guide.html, pre-test.html and post-test.html.")
@lexicons_option
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the blinding (which outlet becomes Outlet A, B, ...).")
@click.option("--level", type=click.Choice(["short", "full"]), default="short", show_default=True, help="short: a 45-minute lesson (4 questions, one article per outlet trimmed to the paragraphs they need); full: every question, the articles in full.")
@recursive_option
@columns_option
@dayfirst_option
@force_option
def classroom(corpus: str, outdir: str, lexicon_paths: tuple[str, ...], seed: int, level: str, recursive: bool, columns: tuple[str, ...], dayfirst: bool, force: bool) -> None:
    """Write a blinded media-literacy handout, its answer key, a teacher guide and a pre/post test."""
    from ..classroom import write_classroom
    from ..output_folder import check_replaceable
    from ..pipeline import analyze as run

    target = output_path(outdir, Path(outdir))
    check_replaceable(target, "classroom", force=force, protected=(Path(corpus),))  # before the analysis, not after
    loaded_corpus, lexicons = _load(corpus, lexicon_paths, recursive=recursive, columns=columns, dayfirst=dayfirst)
    if len(loaded_corpus.outlets) < 2:
        raise FramingError(f"{corpus}: a classroom comparison needs articles from at least two outlets")
    result = run(loaded_corpus, lexicons, Settings(seed=seed, n_boot=20))
    _report_skips(result)
    write_classroom(result, target, seed, level=level, force=force, protected=(Path(corpus),))
    click.echo(f"Wrote {target / 'worksheet.html'} (for students; pre-test.html and post-test.html too), answer-key.html and teacher-guide.html (for you)", err=True)

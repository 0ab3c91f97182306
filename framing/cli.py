"""The ``framing`` command: a thin click layer over the Python API.

Every error a user can cause is printed as one line ``Error: ...`` on stderr with exit
code 1 (``--debug`` shows the traceback); so is an unexpected one, named as a bug. SIGINT,
SIGTERM and SIGHUP end a run cleanly with exit code 128 + the signal's number. Data goes to
files or stdout, progress and warnings to stderr.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import click

from . import __version__, interrupts
from .errors import FramingError
from .terminal import safe


class FramingGroup(click.Group):
    """Turns user errors into one line and exit code 1, a termination signal into exit
    code 128 + its number, and anything unexpected into one line naming it as a bug."""

    def invoke(self, ctx: click.Context):
        interrupts.install()
        debug_before = os.environ.get("FRAMING_DEBUG")
        try:
            return self._invoke(ctx)
        finally:  # --debug lasts one command (CliRunner runs many in one process)
            if debug_before is None:
                os.environ.pop("FRAMING_DEBUG", None)
            else:
                os.environ["FRAMING_DEBUG"] = debug_before

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.exceptions.Abort):
            raise
        except FramingError as exc:
            if _debug(ctx):
                raise
            click.echo(f"Error: {safe(str(exc))}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt as exc:
            signum = getattr(exc, "signum", 2)
            name = getattr(exc, "args", ("",))[0] if isinstance(exc, interrupts.Interrupted) else "SIGINT"
            click.echo(f"Error: interrupted ({name}); no output was written, an earlier output is unchanged", err=True)
            ctx.exit(128 + signum)
        except BrokenPipeError:
            sys.stderr.close()  # `framing quotes ... | head`: the reader left; nothing to say
            ctx.exit(1)
        except Exception as exc:
            if _debug(ctx):
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {safe(str(exc))[:300]} (a bug in framing; `framing --debug ...` shows the traceback)", err=True)
            ctx.exit(1)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


@click.group(cls=FramingGroup)
@click.version_option(__version__, prog_name="framing")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Show how different news outlets frame the same event."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if debug:
        os.environ["FRAMING_DEBUG"] = "1"  # pipeline.analyze_or_skip lets an article's error through


def _load(corpus_path: str, lexicon_paths: tuple[str, ...], strict: bool = False, recursive: bool = False):
    from .corpus import read_corpus
    from .lexicon import load_lexicons

    corpus = read_corpus(corpus_path, strict=strict, **({"recursive": True} if recursive else {}))
    for warning in corpus.warnings:
        click.echo(f"Warning: {safe(warning)}", err=True)
    lexicons = load_lexicons([*corpus.lexicon_paths, *map(Path, lexicon_paths)])
    return corpus, lexicons


def default_folder(corpus_name: str) -> Path:
    """reports/NAME: a manifest's ``name`` is one folder name there, never a path ("/etc",
    "../..")."""
    import re

    name = re.sub(r"[^\w.\- ]+", "_", corpus_name).strip(" .") or "corpus"
    return Path("reports") / name


def _report_skips(result) -> None:
    """Name every article a run skipped, and end with a count."""
    for article_id, why in result.skipped:
        click.echo(f"Warning: skipped article {safe(article_id)!r}: {safe(why)}", err=True)
    if result.skipped:
        click.echo(f"Warning: {len(result.skipped)} of {len(result.skipped) + len(result.digests)} articles skipped (named above)", err=True)


lexicons_option = click.option(
    "--lexicons", "lexicon_paths", multiple=True, type=click.Path(), help="A lexicon file or folder (repeatable), on top of those the manifest names."
)
force_option = click.option("--force", is_flag=True, help="Replace the output folder even if it is not this command's output (its files are deleted).")
guard_option = click.option(
    "--no-formula-guard", "no_guard", is_flag=True, help="Write CSV text cells as they are (no apostrophe before =, +, -, @), for analysis in pandas or R."
)
recursive_option = click.option("--recursive", is_flag=True, help="Read .txt/.md files in the corpus folder's subfolders too [default: warn and ignore them].")


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
@recursive_option
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
    recursive: bool,
    force: bool,
    no_guard: bool,
) -> None:
    """Analyse CORPUS (a folder, .jsonl or .csv) and write report.html and data/."""
    from .outputs import analyze_to_folder

    block_weights = _parse_weights(weights)
    loaded_corpus, lexicons = _load(corpus, lexicon_paths, strict, recursive)
    target = Path(outdir) if outdir else default_folder(loaded_corpus.name)
    articles = loaded_corpus.articles

    def with_bar(items):
        """A progress bar on stderr for corpora long enough to wait for."""
        if len(articles) < 20:
            yield from items
            return
        with click.progressbar(items, length=len(articles), label="Analysing", file=sys.stderr) as bar:
            yield from bar

    command = "framing analyze " + " ".join(
        shlex.quote(x)
        for x in [
            corpus,
            *(["-o", outdir] if outdir else []),
            *[f"--lexicons={p}" for p in lexicon_paths],
            f"--seed={seed}",
            f"--bootstrap={n_boot}",
            *[f"--weight={w}" for w in weights],
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
        seed=seed,
        n_boot=n_boot,
        weights=block_weights,
        jobs=jobs,
        scheduler=scheduler,
        progress=with_bar,
    )
    _report_skips(result)
    click.echo(f"Wrote {target / 'report.html'} and {target / 'data'}/", err=True)


def _parse_weights(items: tuple[str, ...]) -> dict[str, float]:
    from .features import BLOCKS

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
@guard_option
def quotes(corpus: str, lexicon_paths: tuple[str, ...], fmt: str, recursive: bool, no_guard: bool) -> None:
    """Print every quote in CORPUS with its speaker, cue and channel.

    The table is for reading on a terminal: control characters of the articles' text are
    shown as spaces there. The JSON lines and CSV keep the text exactly."""
    from .export import csv_text
    from .pipeline import Analyzer, analyze_or_skip
    from .tables import QUOTE_COLUMNS, quote_rows

    loaded_corpus, lexicons = _load(corpus, lexicon_paths, recursive=recursive)
    analyzer = Analyzer(lexicons)
    if fmt == "csv":
        click.echo(",".join(QUOTE_COLUMNS))
    on_terminal = sys.stdout.isatty()  # CSV to a terminal is read, not parsed: no escapes
    skipped = 0
    for article in loaded_corpus.articles:
        interrupts.check()
        analysis = analyze_or_skip(analyzer, article)
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
    if skipped:
        click.echo(f"Warning: {skipped} of {len(loaded_corpus.articles)} articles skipped (named above)", err=True)


@main.group()
def lexicon() -> None:
    """Check and inspect lexicons."""


@lexicon.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def lexicon_check(paths: tuple[str, ...]) -> None:
    """Validate lexicon files and folders; print one line per lexicon."""
    from .lexicon import check_paths

    for info in check_paths([Path(p) for p in paths]):
        click.echo(f"ok  {info.kind:12} {info.id:28} v{info.version}  {info.source}")


def _kwic(text: str, start: int, end: int, width: int = 40) -> str:
    """Keyword in context on one line."""
    flat = lambda s: " ".join(s.split())  # noqa: E731
    left = flat(text[max(0, start - width * 2) : start])[-width:]
    right = flat(text[end : end + width * 2])[:width]
    return safe(f"{left:>{width}} [{flat(text[start:end])}] {right}")


@lexicon.command("explain")
@click.argument("corpus", type=click.Path())
@lexicons_option
@click.option("--topic", "topic_id", help="Show every hit of this topic lexicon, and its terms that matched nothing.")
@click.option("--actor", "actor_id", help="Show every mention of this actor and how it was resolved.")
def lexicon_explain(corpus: str, lexicon_paths: tuple[str, ...], topic_id: str | None, actor_id: str | None) -> None:
    """Show what a topic or actor lexicon matched in CORPUS, in context."""
    from .pipeline import Analyzer

    if bool(topic_id) == bool(actor_id):
        raise FramingError("give exactly one of --topic ID or --actor ID")
    loaded_corpus, lexicons = _load(corpus, lexicon_paths)
    if topic_id and topic_id not in {t.id for t in lexicons.topics}:
        raise FramingError(f"no topic lexicon with id {topic_id!r} (have: {', '.join(t.id for t in lexicons.topics) or 'none'})")
    if actor_id and actor_id not in {a.id for a in lexicons.actors}:
        raise FramingError(f"no actor with id {actor_id!r} in the lexicons (have: {', '.join(a.id for a in lexicons.actors) or 'none'})")
    analyzer = Analyzer(lexicons)
    all_hits = []
    for article in loaded_corpus.articles:
        analysis = analyzer.analyze_article(article)
        text = article.text
        if topic_id:
            hits = [h for h in analysis.topic_hits if h.topic_id == topic_id]
            all_hits.extend(hits)
            for h in hits:
                click.echo(f"{safe(article.id)}\t{h.span.start}-{h.span.end}\t{safe(h.term)}\t{_kwic(text, h.span.start, h.span.end)}")
        else:
            for m in analysis.mentions:
                if m.actor_id == actor_id:
                    click.echo(f"{safe(article.id)}\t{m.span.start}-{m.span.end}\t{m.via}\t{_kwic(text, m.span.start, m.span.end)}")
    if topic_id:
        unmatched = analyzer.topic_matcher.unmatched_terms(all_hits).get(topic_id, [])
        click.echo(f"# {len(all_hits)} hits; terms that matched nothing ({len(unmatched)}): {', '.join(unmatched)}")


@main.command("export")
@click.argument("corpus", type=click.Path())
@click.option("-o", "--output", "outdir", type=click.Path(), help="Output folder [default: reports/<corpus name>/data-<format>/].")
@lexicons_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--bootstrap", "n_boot", default=200, show_default=True, type=click.IntRange(min=0))
@recursive_option
@force_option
@guard_option
def export_tables(
    corpus: str, outdir: str | None, lexicon_paths: tuple[str, ...], fmt: str, seed: int, n_boot: int, recursive: bool, force: bool, no_guard: bool
) -> None:
    """Write only the data tables of CORPUS (CSV, JSON lines or Parquet) and their codebook."""
    from .outputs import export_to_folder

    loaded_corpus, lexicons = _load(corpus, lexicon_paths, recursive=recursive)
    target = Path(outdir) if outdir else default_folder(loaded_corpus.name) / f"data-{fmt}"
    result = export_to_folder(loaded_corpus, lexicons, target, fmt, force=force, guard=not no_guard, protected=(Path(corpus),), seed=seed, n_boot=n_boot)
    _report_skips(result)
    click.echo(f"Wrote {target}/", err=True)


@main.command()
@click.argument("corpus", type=click.Path())
@click.option("-o", "--output", "outdir", type=click.Path(), required=True, help="Folder for worksheet.html, answer-key.html and teacher-guide.html.")
@lexicons_option
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the blinding (which outlet becomes Outlet A, B, ...).")
@recursive_option
@force_option
def classroom(corpus: str, outdir: str, lexicon_paths: tuple[str, ...], seed: int, recursive: bool, force: bool) -> None:
    """Write a blinded media-literacy worksheet, its answer key and a teacher guide."""
    from .classroom import write_classroom
    from .output_folder import check_replaceable
    from .pipeline import analyze as run

    check_replaceable(Path(outdir), "classroom", force=force, protected=(Path(corpus),))  # before the analysis, not after
    loaded_corpus, lexicons = _load(corpus, lexicon_paths, recursive=recursive)
    if len(loaded_corpus.outlets) < 2:
        raise FramingError(f"{corpus}: a classroom comparison needs articles from at least two outlets")
    result = run(loaded_corpus, lexicons, seed=seed, n_boot=20)
    _report_skips(result)
    write_classroom(result, Path(outdir), seed, force=force, protected=(Path(corpus),))
    click.echo(f"Wrote {Path(outdir) / 'worksheet.html'} (for students), answer-key.html and teacher-guide.html (for you)", err=True)


# Workflow commands (init, lexicon new/import-dic/export) register themselves on the groups above.
from . import cli_workflows  # noqa: E402,F401

"""The ``framing`` command group, its error handling, and what the commands share:
loading a corpus with its lexicons, the default output folder, the common options.

Every error a user can cause is printed as one line ``Error: ...`` on stderr with exit
code 1 (``--debug`` shows the traceback); so is an unexpected one, named as a bug. SIGINT,
SIGTERM and SIGHUP end a run cleanly with exit code 128 + the signal's number. Data goes to
files or stdout, progress and warnings to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import __version__, interrupts
from ..errors import FramingError
from ..terminal import safe


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


def _load(corpus_path: str, lexicon_paths: tuple[str, ...], strict: bool = False, recursive: bool = False, columns: tuple[str, ...] = (), *, topics: bool = True, dayfirst: bool = False):
    from ..text import read_corpus
    from ..lexicons import load_lexicons

    corpus = read_corpus(corpus_path, strict=strict, **({"recursive": True} if recursive else {}), **({"columns": parse_columns(columns)} if columns else {}), **({"dayfirst": True} if dayfirst else {}))
    for warning in corpus.warnings:
        click.echo(f"Warning: {safe(warning)}", err=True)
    lexicons = load_lexicons([*corpus.lexicon_paths, *map(_lexicon_path, lexicon_paths)])
    if topics and not lexicons.topics:  # (a command that reads no topics says nothing)
        click.echo(f"Warning: {NO_TOPICS}", err=True)
    return corpus, lexicons


#: Said on stderr and in the report when a run has no topic lexicon.
NO_TOPICS = (
    "no topic lexicons, so there are no topic weights: add framing's shipped ones with --lexicons topics, "
    "or name lexicons in the corpus's corpus.toml (lexicons = [\"topics\"]); lexicons/README.md shows how to write one"
)


def _lexicon_path(value: str) -> Path:
    """A --lexicons path as given, else the shipped lexicon folder of that name ("topics")."""
    from ..lexicons import shipped_lexicons_dir

    path = Path(value)
    if not path.exists() and value.strip() and not path.is_absolute():
        shipped = shipped_lexicons_dir() / value
        if shipped.exists():
            return shipped
    return path


def output_path(outdir: str | None, default: Path) -> Path:
    """``-o``'s folder, else ``default``; an empty ``-o ""`` is an error, not the default."""
    if outdir is None:
        return default
    if not outdir.strip():
        raise FramingError("-o: the output path is empty")
    return Path(outdir)


def default_folder(corpus_name: str) -> Path:
    """reports/NAME: a manifest's ``name`` is one folder name there, never a path ("/etc",
    "../..")."""
    import re

    name = re.sub(r"[^\w.\- ]+", "_", corpus_name).strip(" .") or "corpus"
    return Path("reports") / name


def skipped_files(warnings) -> int:
    """How many files the corpus reader's warnings say it skipped ("skipped a.txt: …" is
    one, "skipped 3 files that are not …" three)."""
    import re

    count = 0
    for w in warnings:
        m = re.match(r"skipped (\d+) files? that ", w)
        count += int(m.group(1)) if m else w.startswith("skipped ")
    return count


def _report_skips(result) -> None:
    """Name every article a run skipped, and end with a count of the files and articles
    left out (each named above with its reason)."""
    for article_id, why in result.skipped:
        click.echo(f"Warning: skipped article {safe(article_id)!r}: {safe(why)}", err=True)
    files = skipped_files(result.corpus.warnings)
    if result.skipped or files:
        parts = [f"{files} file{'s' if files != 1 else ''} of the corpus"] if files else []
        if result.skipped:
            parts.append(f"{len(result.skipped)} of {len(result.skipped) + len(result.digests)} articles")
        click.echo(f"Warning: skipped {' and '.join(parts)} (each named above with its reason)", err=True)


#: Below this many articles a run is over before a progress line would help.
PROGRESS_MIN_ARTICLES = 20
#: Not on a terminal (piped, under nohup or a batch scheduler), a progress line this often.
PROGRESS_SECONDS = 5.0


def progress(items, total: int, label: str = "Analysing", *, unit: str = "articles", clock=None):
    """``items``, passed through, with progress on stderr: on a terminal a bar with counts
    and ETA; elsewhere (a log file, a pipe) a line every ``PROGRESS_SECONDS`` with counts,
    rate and ETA, and one at the end, so a long run never looks stuck."""
    import sys
    import time

    if total < PROGRESS_MIN_ARTICLES:
        yield from items
        return
    if sys.stderr.isatty():
        with click.progressbar(items, length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True) as bar:
            yield from bar
        return
    clock = clock or time.monotonic
    start = last = clock()
    done = 0
    for item in items:
        yield item
        done += 1
        now = clock()
        if now - last >= PROGRESS_SECONDS or done == total:
            last = now
            rate = done / max(now - start, 1e-9)
            eta = f", about {round((total - done) / rate)} s left" if done < total else ""
            click.echo(f"{label}: {done}/{total} {unit} ({rate:.1f}/s{eta})", err=True)


lexicons_option = click.option(
    "--lexicons", "lexicon_paths", multiple=True, type=click.Path(), help="A lexicon file or folder (repeatable), on top of those the manifest names."
)
force_option = click.option("--force", is_flag=True, help="Replace the output folder even if it is not this command's output (its files are deleted).")
guard_option = click.option(
    "--no-formula-guard", "no_guard", is_flag=True, help="Write CSV text cells as they are (no apostrophe before =, +, -, @), for analysis in pandas or R."
)
def parse_columns(values: tuple[str, ...]) -> dict[str, str]:
    """``--columns text=Body,outlet=Source`` (repeatable) as {"text": "Body", "outlet": "Source"}."""
    from ..text.corpus import COLUMNS

    out: dict[str, str] = {}
    for value in values:
        for pair in value.split(","):
            column, sep, header = pair.partition("=")
            column, header = column.strip().lower(), header.strip()
            if not sep or not header:
                raise FramingError(f"--columns: {pair.strip()!r} is not COLUMN=HEADER (e.g. --columns text=Body,outlet=Source)")
            if column not in COLUMNS:
                raise FramingError(f"--columns: {column!r} is not one of framing's columns ({', '.join(COLUMNS)})")
            out[column] = header
    return out


dayfirst_option = click.option("--dayfirst", is_flag=True, help="Read a date such as 05/01/2026 day first (5 January) [default: month first, with a warning].")
columns_option = click.option(
    "--columns", "columns", multiple=True, metavar="COLUMN=HEADER,...",
    help="Which spreadsheet column holds each of framing's (id, outlet, title, text, date, url), e.g. --columns text=Body,outlet=Source.",
)
recursive_option = click.option("--recursive", is_flag=True, help="Read the article files (.txt, .md, .html, .docx) in the corpus folder's subfolders too [default: warn and ignore them].")



@main.group()
def lexicon() -> None:
    """Check and inspect lexicons."""


def wrote(paths, what: str) -> None:
    click.echo(f"Wrote {what}:", err=True)
    for p in paths:
        click.echo(f"  {p}", err=True)

"""``framing init DIR``: start a corpus folder for a new event."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import FramingError
from .base import main, wrote


@main.command("init")
@click.argument("folder", type=click.Path())
@click.option("--event", default="", help="One line saying which event the articles cover (goes into corpus.toml).")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="A person or organisation of the event, for lexicons/actors.toml (repeatable).")
def init_command(folder: str, event: str, actors: tuple[str, ...]) -> None:
    """Start a corpus folder: corpus.toml, lexicons/actors.toml and a README of next steps."""
    from ..lexicons.corpus_folder import README_NAME, init_corpus

    paths = init_corpus(folder, event=event, actors=actors)
    wrote(paths, f"a new corpus folder {folder}")
    click.echo(f"Next: put the articles in {folder} as .txt files, then see {Path(folder) / README_NAME}.", err=True)


@main.command("fetch")
@click.argument("url_list", type=click.Path())
@click.option("-o", "--output", "cache", type=click.Path(), required=True, help="The cache folder (made if missing; `framing analyze` reads it).")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0), help="Seconds between two requests to one site.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds to wait for a page.")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(min=0, max=10), help="Tries again after a timeout or a server error.")
def fetch_command(url_list: str, cache: str, delay: float, timeout: float, retries: int) -> None:
    """Fetch the pages of URL_LIST (a text file of URLs, or a Media Cloud / GDELT CSV export)
    once into a cache folder; run it again to resume, then `framing analyze CACHE` offline."""
    import sys

    from ..text.fetch import fetch_urls, read_url_list
    from ..terminal import safe

    urls = read_url_list(Path(url_list))
    cache_path = Path(cache)
    if cache_path.exists() and not cache_path.is_dir():
        raise FramingError(f"{cache}: exists and is not a folder")
    interactive = sys.stderr.isatty()
    last = [0.0]

    def progress(done: int, total: int, url: str, outcome: str) -> None:
        import time

        now = time.monotonic()
        if outcome not in ("ok", "cached"):
            click.echo(f"Warning: {safe(url)}: {safe(outcome)}", err=True)
        if done == total or interactive or now - last[0] >= 10:  # periodic lines when piped
            last[0] = now
            click.echo(f"Fetched {done}/{total}", err=True)

    report = fetch_urls(urls, cache_path, delay=delay, timeout=timeout, retries=retries, progress=progress)
    click.echo(
        f"{report.fetched} fetched, {report.cached} already in {cache}, {report.failed} failed"
        + (f" (listed in {cache_path / '.fetch' / 'failures.csv'})" if report.failed else "")
        + f"; next: framing analyze {cache}",
        err=True,
    )

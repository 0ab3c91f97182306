"""``framing init DIR``: start a corpus folder for a new event."""

from __future__ import annotations

from pathlib import Path

import click

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

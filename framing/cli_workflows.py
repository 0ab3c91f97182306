"""Researcher workflows on the ``framing`` command: start a corpus folder, start a lexicon,
and move topic lexicons to and from LIWC-style ``.dic`` dictionaries.

Registered on the groups of ``framing.cli`` when that module imports this one::

    framing init DIR [--event TEXT] [--actor NAME ...]
    framing lexicon new topic ID [-o DIR] [--label TEXT] [--term TERM ...]
    framing lexicon new actors EVENT [-o DIR] [--label TEXT] [--actor NAME ...]
    framing lexicon import-dic FILE.dic -o OUTDIR [--version V]
    framing lexicon export PATH... -o FILE.dic [--force]

Every user error is a ``FramingError`` (one line ``Error: ...``, exit 1); files are written
to a temporary name and renamed, so an error leaves nothing half-written.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli import lexicon, main


def _wrote(paths, what: str) -> None:
    click.echo(f"Wrote {what}:", err=True)
    for p in paths:
        click.echo(f"  {p}", err=True)


@main.command("init")
@click.argument("folder", type=click.Path())
@click.option("--event", default="", help="One line saying which event the articles cover (goes into corpus.toml).")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="A person or organisation of the event, for lexicons/actors.toml (repeatable).")
def init_command(folder: str, event: str, actors: tuple[str, ...]) -> None:
    """Start a corpus folder: corpus.toml, lexicons/actors.toml and a README of next steps."""
    from .scaffold import README_NAME, init_corpus

    paths = init_corpus(folder, event=event, actors=actors)
    _wrote(paths, f"a new corpus folder {folder}")
    click.echo(f"Next: put the articles in {folder} as .txt files, then see {Path(folder) / README_NAME}.", err=True)


@lexicon.group("new")
def lexicon_new() -> None:
    """Start a new topic or actors lexicon from a template that is valid as written."""


@lexicon_new.command("topic")
@click.argument("topic_id", metavar="ID")
@click.option("-o", "--output", "outdir", default="lexicons/topics", show_default=True, type=click.Path(), help="Folder to write ID.toml into.")
@click.option("--label", default=None, help="The label shown in the report [default: the id's words].")
@click.option("--description", default="", help="What the topic covers.")
@click.option("--term", "terms", multiple=True, metavar="TERM", help="A term (repeatable) [default: the id's words, e.g. 'climate policy'].")
@click.option("--version", "version", default="1.0", show_default=True, help="The lexicon's version.")
def lexicon_new_topic(topic_id: str, outdir: str, label: str | None, description: str, terms: tuple[str, ...], version: str) -> None:
    """Write a new topic lexicon DIR/ID.toml (ID in snake_case)."""
    from .scaffold import write_topic_lexicon

    path = write_topic_lexicon(outdir, topic_id, label=label, description=description, terms=terms, version=version)
    click.echo(f"Wrote {path}; add its terms, then run: framing lexicon check {path}", err=True)


@lexicon_new.command("actors")
@click.argument("event_id", metavar="EVENT")
@click.option("-o", "--output", "outdir", default="lexicons/events", show_default=True, type=click.Path(), help="Folder to write EVENT/actors.toml into.")
@click.option("--label", default=None, help="The event's label shown in the report [default: the id's words].")
@click.option("--description", default="", help="What the event is.")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="A person or organisation of the event (repeatable).")
@click.option("--version", "version", default="1.0", show_default=True, help="The lexicon's version.")
def lexicon_new_actors(event_id: str, outdir: str, label: str | None, description: str, actors: tuple[str, ...], version: str) -> None:
    """Write a new actors lexicon DIR/EVENT/actors.toml (EVENT in snake_case)."""
    from .scaffold import write_actors_lexicon

    path = write_actors_lexicon(outdir, event_id, label=label, description=description, actors=actors, version=version)
    hint = "fill in its actors" if actors else "replace its placeholder actor with the event's actors"
    click.echo(f"Wrote {path}; {hint}, then run: framing lexicon check {path}", err=True)


@lexicon.command("import-dic")
@click.argument("dic_file", metavar="FILE.dic", type=click.Path())
@click.option("-o", "--output", "outdir", required=True, type=click.Path(), help="Folder to write one topic lexicon per category into.")
@click.option("--version", "version", default="1.0", show_default=True, help="Version of the lexicons written.")
def lexicon_import_dic(dic_file: str, outdir: str, version: str) -> None:
    """Turn a LIWC-style .dic dictionary into topic lexicons, one per category."""
    from .liwc import import_dic

    result = import_dic(dic_file, outdir, version=version)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    _wrote(result.paths, f"{len(result.paths)} topic lexicon(s) to {outdir}")


@lexicon.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", required=True, type=click.Path(), help="The .dic file to write.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def lexicon_export(paths: tuple[str, ...], out: str, force: bool) -> None:
    """Write topic lexicons (files or folders) as one LIWC-style .dic dictionary.

    A .dic cannot keep case-sensitive terms (they become ordinary words), exclude phrases,
    labels that differ from the id, descriptions or versions; each loss is a warning.
    """
    from .liwc import export_dic

    warnings = export_dic(list(paths), out, force=force)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Wrote {out}", err=True)

"""The lexicon commands: ``lexicon check | explain | new | import-dic | export``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import FramingError
from ..terminal import safe
from .base import _load, lexicon, lexicons_option, wrote


@lexicon.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def lexicon_check(paths: tuple[str, ...]) -> None:
    """Validate lexicon files and folders; print one line per lexicon."""
    from ..lexicons import check_paths

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
    from ..pipeline import Analyzer

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
    from ..lexicons.scaffold import write_topic_lexicon

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
    from ..lexicons.scaffold import write_actors_lexicon

    path = write_actors_lexicon(outdir, event_id, label=label, description=description, actors=actors, version=version)
    hint = "fill in its actors" if actors else "replace its placeholder actor with the event's actors"
    click.echo(f"Wrote {path}; {hint}, then run: framing lexicon check {path}", err=True)


@lexicon.command("import-dic")
@click.argument("dic_file", metavar="FILE.dic", type=click.Path())
@click.option("-o", "--output", "outdir", required=True, type=click.Path(), help="Folder to write one topic lexicon per category into.")
@click.option("--version", "version", default="1.0", show_default=True, help="Version of the lexicons written.")
def lexicon_import_dic(dic_file: str, outdir: str, version: str) -> None:
    """Turn a LIWC-style .dic dictionary into topic lexicons, one per category."""
    from ..lexicons.liwc import import_dic

    result = import_dic(dic_file, outdir, version=version)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    wrote(result.paths, f"{len(result.paths)} topic lexicon(s) to {outdir}")


@lexicon.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", required=True, type=click.Path(), help="The .dic file to write.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def lexicon_export(paths: tuple[str, ...], out: str, force: bool) -> None:
    """Write topic lexicons (files or folders) as one LIWC-style .dic dictionary.

    A .dic cannot keep case-sensitive terms (they become ordinary words), exclude phrases,
    labels that differ from the id, descriptions or versions; each loss is a warning.
    """
    from ..lexicons.liwc import export_dic

    warnings = export_dic(list(paths), out, force=force)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Wrote {out}", err=True)

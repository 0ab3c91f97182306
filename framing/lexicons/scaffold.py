"""Start a new lexicon from a template that is valid as written (a new corpus folder,
``init_corpus``, is ``framing.lexicons.corpus_folder``).

``new_topic_lexicon`` and ``new_actors_lexicon`` return the text of a new lexicon file;
``write_topic_lexicon`` and ``write_actors_lexicon`` write one into a folder, refusing to
overwrite a file or to reuse an id another lexicon of the same kind in that folder has.

Every template validates as written (the lexicon parsers refuse empty lists, so nothing is
left empty):

- a new topic lexicon starts with one term, the id's own words (``climate_policy`` ->
  ``"climate policy"``), which is a real, honest term the researcher then extends;
- a new actors lexicon holds the actors named with ``actors=...``; with none, it holds one
  clearly labelled placeholder actor whose name ("PLACEHOLDER <id> (replace or delete this
  actor)") cannot occur in news text, so it matches nothing and adds no rows to any table
  until it is replaced. The parser requires at least one ``[[actor]]``.

Files are written to a temporary name and renamed into place; a folder of several files
appears whole or not at all.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..export import write_text
from ..output_folder import new_folder
from ..errors import FramingError, LexiconError
from .schema import parse_lexicon_text, read_lexicon_data
from .schema import ID_PATTERN, fail, parse_header

__all__ = [
    "README_NAME",
    "existing_lexicon_ids",
    "new_actors_lexicon",
    "new_topic_lexicon",
    "snake_id",
    "toml_string",
    "validate_lexicon_data",
    "validate_lexicon_text",
    "write_actors_lexicon",
    "write_files",
    "write_topic_lexicon",
]

#: The next-steps file of a new corpus folder (framing.text skips a folder's README).
README_NAME = "README.md"

ACTOR_TYPES_HELP = "government | state_media | expert | business | media | group | unnamed | other"
GENDERS_HELP = "male | female | group | unknown"


# --------------------------------------------------------------------------------------------
# Small helpers shared with framing.liwc
# --------------------------------------------------------------------------------------------


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (double quotes; control characters escaped)."""
    out = ['"']
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_list(items: Sequence[str], indent: str = "  ", one_line_max: int = 90) -> str:
    """A TOML array of strings: on one line when short, else one item per line."""
    parts = [toml_string(x) for x in items]
    line = "[" + ", ".join(parts) + "]"
    if len(line) <= one_line_max:
        return line
    return "[\n" + "".join(f"{indent}{p},\n" for p in parts) + "]"


def snake_id(text: str, *, prefix: str = "x") -> str:
    """A snake_case id from free text: ASCII-folded, lower case, runs of anything else as ``_``.

    ``"Positive Emotion"`` -> ``positive_emotion``; ``"Ökonomie"`` -> ``okonomie``. An id that
    would start with a digit gets ``prefix + "_"`` in front (``"1st person"`` ->
    ``x_1st_person``); text with no letter or digit gives ``""``.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    out = "_".join(words)
    if out and not out[0].isalpha():
        out = f"{prefix}_{out}"
    return out


def _check_id(value: str, what: str) -> None:
    if not ID_PATTERN.match(value):
        raise FramingError(f"{what} {value!r} is not snake_case (a-z, 0-9 and _, starting with a letter), e.g. {snake_id(value, prefix='x') or 'my_topic'!r}")


def _display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def validate_lexicon_text(text: str, source: str) -> Any:
    """Parse the text of a lexicon file exactly as ``framing.lexicon.read_lexicon_file`` checks
    it (header keys, then the kind's own parser); return the parsed lexicon or raise
    ``LexiconError`` naming ``source``."""
    return validate_lexicon_data(parse_lexicon_text(text, source), source)


def validate_lexicon_data(data: Mapping[str, Any], source: str) -> Any:
    """``validate_lexicon_text`` of a lexicon file's TOML table (``lexicons.read_lexicon_data``):
    the header, then the parser of its kind, which must be topic or actors."""
    kind = parse_header(data, source)[0]
    if kind == "topic":
        from ..topics import parse_topic_lexicon

        return parse_topic_lexicon(data, source)
    if kind == "actors":
        from ..actors import parse_actors_lexicon

        return parse_actors_lexicon(data, source)
    raise fail(source, "kind", f"framing only writes topic and actors lexicons, not {kind!r}")


def existing_lexicon_ids(folder: Path, kind: str) -> dict[str, Path]:
    """Lexicon id -> file for every lexicon of ``kind`` under ``folder`` (recursive).

    Files that are not valid TOML, or have no string ``kind``/``id``, are not lexicons of any
    kind here and are passed over: ``framing lexicon check`` is the place to report them.
    """
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.toml")):
        if not path.is_file():
            continue
        try:
            data = read_lexicon_data(path)
        except LexiconError:
            continue
        if data.get("kind") == kind and isinstance(data.get("id"), str):
            found.setdefault(data["id"], path)
    return found


def _refuse_clash(folder: Path, kind: str, lexicon_id: str) -> None:
    other = existing_lexicon_ids(folder, kind).get(lexicon_id)
    if other is not None:
        raise FramingError(f"{kind} lexicon id {lexicon_id!r} is already used by {_display(other)}; choose another id")


def write_files(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (relative path -> text) under ``folder``, all of them or none.

    A folder that does not exist yet is built beside its final place and renamed into
    place whole. Into an existing folder each file is written to a hidden temporary name
    first and renamed at the end; an existing file is never overwritten, and on any error
    (Ctrl-C included) the files already renamed are removed again.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FramingError(f"{folder} exists and is not a folder")
    for rel in files:
        target = folder / rel
        if target.exists():
            raise FramingError(f"{_display(target)} already exists; not overwriting it (nothing was written)")
    if not folder.exists():
        return _write_new_folder(folder, files)
    temps: dict[Path, Path] = {}
    made_dirs: list[Path] = []
    done: list[Path] = []
    try:
        for rel, text in files.items():
            target = folder / rel
            missing = [p for p in [target.parent, *target.parent.parents] if not p.exists()]
            for d in reversed(missing):
                d.mkdir()
                made_dirs.append(d)
            handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
            temps[target] = Path(tmp)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(tmp, 0o644)
        for target, tmp in temps.items():
            if target.exists():
                raise FramingError(f"{_display(target)} appeared while writing; not overwriting it (nothing was written)")
            os.replace(tmp, target)
            done.append(target)
    except OSError as exc:
        _undo(temps.values(), done, made_dirs)
        raise FramingError(f"{folder}: cannot write here ({exc.strerror or exc})") from None
    except BaseException:
        _undo(temps.values(), done, made_dirs)
        raise
    return [folder / rel for rel in files]


def _undo(temps: Iterable[Path], done: Iterable[Path], made_dirs: Sequence[Path]) -> None:
    for path in [*temps, *done]:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
    for d in reversed(made_dirs):
        try:
            d.rmdir()
        except OSError:
            pass


def _write_new_folder(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """A new (or empty) folder, built beside its place and renamed into it whole."""
    with new_folder(folder) as tmp:
        for rel, text in files.items():
            write_text(tmp / rel, text)
    return [folder / rel for rel in files]


# --------------------------------------------------------------------------------------------
# Topic lexicons
# --------------------------------------------------------------------------------------------


def _label_from_id(lexicon_id: str) -> str:
    words = lexicon_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def new_topic_lexicon(
    topic_id: str,
    *,
    label: str | None = None,
    description: str = "",
    terms: Sequence[str] = (),
    version: str = "1.0",
) -> str:
    """The text of a new topic lexicon file.

    Without ``terms`` the term list starts with the id's own words (``climate_policy`` ->
    ``["climate policy"]``): a valid, honest first term that the researcher extends.
    """
    _check_id(topic_id, "topic id")
    terms = list(terms) or [topic_id.replace("_", " ")]
    label = label if label and label.strip() else _label_from_id(topic_id)
    text = f"""\
# Topic lexicon {topic_id!r} for framing (kind = "topic"); the format is in lexicons/README.md.
#
# Next steps:
#   1. List the words and phrases that signal this topic in `terms`. It starts with the
#      id's own words so that the file is valid; keep, change or drop that first term.
#   2. Say in `description` what the topic covers and what it leaves out.
#   3. Check the file:  framing lexicon check {topic_id}.toml
#      See what it matches:  framing lexicon explain CORPUS --lexicons {topic_id}.toml --topic {topic_id}
#   4. Bump `version` whenever you change the terms; the report shows it.
#
# How a term matches:
#   terms           any capitalisation, whole words only; several words match across any
#                   whitespace; a trailing * matches the rest of a word ("tariff*" matches
#                   tariffs), with at least 3 characters before it
#   case_sensitive  optional: matched only exactly as written ("US" but not "us")
#   exclude         optional: a hit inside one of these phrases does not count
#   A duplicate term, a term in both lists or an empty list is an error.
kind = "topic"
id = {toml_string(topic_id)}
label = {toml_string(label)}
version = {toml_string(version)}
description = {toml_string(description)}
terms = {toml_list(terms)}
# case_sensitive = ["EU"]
# exclude = ["space tourism"]
"""
    validate_lexicon_text(text, f"{topic_id}.toml")
    return text


def write_topic_lexicon(folder: Path | str, topic_id: str, **options: Any) -> Path:
    """Write ``folder/<topic_id>.toml``; refuse an existing file or an id another topic
    lexicon under ``folder`` already has."""
    folder = Path(folder)
    _check_id(topic_id, "topic id")
    target = folder / f"{topic_id}.toml"
    if target.exists():
        raise FramingError(f"{_display(target)} already exists; not overwriting it")
    _refuse_clash(folder, "topic", topic_id)
    text = new_topic_lexicon(topic_id, **options)
    validate_lexicon_text(text, str(target))
    return write_files(folder, {target.name: text})[0]


# --------------------------------------------------------------------------------------------
# Actors lexicons
# --------------------------------------------------------------------------------------------

_ACTOR_EXAMPLE = f"""\
# An example [[actor]] table (copy it, remove the leading "# " and fill it in):
#
# [[actor]]
# id = "anna_berg"                           # snake_case, unique across all actors lexicons
# name = "Anna Berg"                         # the canonical name shown in the report
# aliases = ["Anna-Maria Berg"]              # other spellings (hyphen/space variants match anyway)
# surname = "Berg"                           # the short form used alone ("Berg said")
# titles = ["Ms", "Prime Minister"]          # "Ms Berg", "Prime Minister Berg"
# descriptors = ["the Swedish leader"]       # phrases that refer to the actor
# not_aliases = ["Anders Berg"]              # look-alikes that are someone else
# gender = "female"                          # {GENDERS_HELP}: resolves "he", "she", "they"
# type = "government"                        # {ACTOR_TYPES_HELP}
"""


def _actor_table(actor_id: str, name: str, *, placeholder: bool = False) -> str:
    lines = ["[[actor]]"]
    if placeholder:
        lines.insert(
            0,
            "# PLACEHOLDER: an actors lexicon needs at least one [[actor]], so this one keeps the file\n"
            "# valid until you add the real ones. Its name cannot occur in news text, so it matches\n"
            "# nothing and adds no rows anywhere. Replace it (or delete it once you have added others).",
        )
    lines += [
        f"id = {toml_string(actor_id)}",
        f"name = {toml_string(name)}",
        "aliases = []",
        'surname = ""' + ("" if placeholder else "                 # the name used alone, e.g. the family name"),
        "titles = []",
        "descriptors = []",
        'gender = "unknown"' + ("" if placeholder else f"           # {GENDERS_HELP}"),
        'type = "other"' + ("" if placeholder else f"               # {ACTOR_TYPES_HELP}"),
    ]
    return "\n".join(lines) + "\n"


def new_actors_lexicon(
    event_id: str,
    *,
    label: str | None = None,
    description: str = "",
    actors: Sequence[str] = (),
    version: str = "1.0",
) -> str:
    """The text of a new actors lexicon for the event ``event_id``.

    ``actors`` are names ("Anna Berg"); each gets an ``[[actor]]`` table with an id made
    from the name and the fields left for the researcher to fill in. With no names the file
    holds one placeholder actor that matches nothing (see the module docstring).
    """
    _check_id(event_id, "event id")
    label = label if label and label.strip() else _label_from_id(event_id)
    tables: list[str] = []
    seen: dict[str, str] = {}
    for name in actors:
        name = " ".join(name.split())
        if not name:
            raise FramingError("an actor name is empty")
        actor_id = snake_id(name, prefix="actor")
        if not actor_id:
            raise FramingError(f"actor name {name!r} has no letter or digit to make an id from")
        if actor_id in seen:
            raise FramingError(f"actors {seen[actor_id]!r} and {name!r} would both get the id {actor_id!r}; give one of them once")
        seen[actor_id] = name
        tables.append(_actor_table(actor_id, name))
    if not tables:
        tables.append(_actor_table(f"placeholder_{event_id}", f"PLACEHOLDER {event_id} (replace or delete this actor)", placeholder=True))
    text = f"""\
# Actors of one event for framing (kind = "actors"); the format is in lexicons/README.md.
#
# One [[actor]] table per person or organisation of the event:
#   id           snake_case, unique across all actors lexicons in a run
#   name         the canonical name shown in reports
#   aliases      other spellings; parts of a name may be joined by a hyphen, a space or
#                nothing, so "Kim Dae-jung" already matches "Kim Dae Jung"
#   surname      the name used alone ("Kim"); a surname two actors share is never matched alone
#   titles       words that make a mention with the surname ("Mr" + "Kim")
#   descriptors  phrases that refer to the actor ("the former president")
#   not_aliases  names that look alike but are someone else
#   gender       {GENDERS_HELP} (for resolving "he", "she", "they")
#   type         {ACTOR_TYPES_HELP}
# Optional keys may be left out. Check the file with `framing lexicon check`, and see what an
# actor matches with `framing lexicon explain CORPUS --actor ID`.
kind = "actors"
id = {toml_string(event_id)}
label = {toml_string(label)}
version = {toml_string(version)}
description = {toml_string(description)}

{_ACTOR_EXAMPLE}
""" + "\n".join(tables)
    validate_lexicon_text(text, "actors.toml")
    return text


def write_actors_lexicon(folder: Path | str, event_id: str, **options: Any) -> Path:
    """Write ``folder/<event_id>/actors.toml``; refuse an existing file or an event id another
    actors lexicon under ``folder`` already has."""
    folder = Path(folder)
    _check_id(event_id, "event id")
    target = folder / event_id / "actors.toml"
    if target.exists():
        raise FramingError(f"{_display(target)} already exists; not overwriting it")
    _refuse_clash(folder, "actors", event_id)
    text = new_actors_lexicon(event_id, **options)
    validate_lexicon_text(text, str(target))
    return write_files(folder, {f"{event_id}/actors.toml": text})[0]


# --------------------------------------------------------------------------------------------
# A corpus folder
# --------------------------------------------------------------------------------------------

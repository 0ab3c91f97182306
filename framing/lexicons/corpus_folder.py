"""A new corpus folder (``framing init``), from templates that are valid as written::

    folder/corpus.toml          the manifest, every key explained in comments
    folder/lexicons/actors.toml an actors lexicon for the event
    folder/README.md            next steps (a corpus folder's README is never read as an article)

written as one new folder or not at all (``scaffold.write_files``)."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

from ..errors import FramingError
from .scaffold import README_NAME, new_actors_lexicon, snake_id, toml_string, write_files


def _corpus_toml(name: str, event: str) -> str:
    return f"""\
# corpus.toml: the manifest of this corpus folder, read by `framing analyze <this folder>`.
# Every key is optional, and framing refuses keys it does not know (a typo is an error).
#
# name      the corpus name; the report goes to reports/<name>/ unless you give -o
# event     one line saying which event the articles cover; shown in the report
# lexicons  the lexicon files or folders that apply, each relative to this file or the name
#           of a folder of framing's shipped lexicons: "topics" adds the twelve general
#           topics that come with framing (japan, china, economy, security, ...)
name = {toml_string(name)}
event = {toml_string(event)}
lexicons = ["lexicons"]
# lexicons = ["lexicons", "topics"]

# Put each article in this folder as a .txt or .md file (UTF-8 text, the headline on the
# first line). Every .txt and .md file here is read as an article, with or without an
# [[article]] table; without one, the file is its own outlet and its first non-empty line
# is its headline. One [[article]] table per file says what the text itself may not:
#
#   file    the file's name in this folder (required in a table)
#   id      the article's id in every table (default: the file name without its extension)
#   outlet  the outlet that published it (default: the file name); articles with the same
#           outlet are compared as one outlet
#   title   the headline (default: the file's first non-empty line)
#   date    the publication date, YYYY-MM-DD; leave "" rather than guess
#   url     where it was published; leave "" rather than guess
#   note    how you know the above (where the outlet's name comes from, ...)
#
# [[article]]
# file = "001_outlet_a.txt"
# outlet = "Outlet A"
# title = "The headline as published"
# date = "2026-01-05"
# url = "https://example.com/news/001"
# note = "Outlet named in the byline."
"""


def _readme(folder_name: str, event: str, placeholder: bool) -> str:
    about = f" about {event}" if event else ""
    drop = ", and remove the placeholder actor" if placeholder else ""
    return f"""\
# {folder_name}

A corpus folder for `framing`: news articles{about}, one file per article.

## Next steps

1. Put each article here as a `.txt` or `.md` file (UTF-8 text, headline on the first
   line). Every `.txt` and `.md` file in this folder is read as an article, which is why
   this file is called `README` without a suffix.
2. In `corpus.toml`, add one `[[article]]` table per file with its outlet, title, date
   and URL (the comments there explain every key). Without a table a file is its own
   outlet and its first line is its headline.
3. In `lexicons/actors.toml`, list the people and organisations of the event, one
   `[[actor]]` table each{drop}. To add a topic:

       framing lexicon new topic my_topic -o lexicons/topics

   (run here), or add framing's shipped topics with `lexicons = ["lexicons", "topics"]`
   in `corpus.toml`.
4. Check the lexicons and run the analysis:

       framing lexicon check lexicons
       framing analyze .

   The report is written to `reports/<name>/report.html`, its data to
   `reports/<name>/data/`.
"""


def init_corpus(folder: Path | str, *, event: str = "", actors: Sequence[str] = ()) -> list[Path]:
    """Scaffold a corpus folder: ``corpus.toml``, ``lexicons/actors.toml`` and ``README``.

    Refuses a path that exists, unless it is an empty folder. Returns the files written.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FramingError(f"{folder} already exists; choose a new folder")
    event = " ".join(event.split())
    name = folder.absolute().name
    lexicon_id = snake_id(name, prefix="corpus") or "corpus"
    actors_text = new_actors_lexicon(lexicon_id, label=event or name, description=f"The people and organisations of the event{': ' + event if event else ''}.", actors=actors)
    manifest = _corpus_toml(name, event)
    _check_manifest(manifest, str(folder / "corpus.toml"))
    files = {
        "corpus.toml": manifest,
        "lexicons/actors.toml": actors_text,
        README_NAME: _readme(name, event, placeholder=not actors),
    }
    return write_files(folder, files)


def _check_manifest(text: str, source: str) -> None:
    from ..text.manifest import MANIFEST_KEYS

    data = tomllib.loads(text)
    unknown = set(data) - MANIFEST_KEYS
    if unknown:  # pragma: no cover - a bug in the template, not a user error
        raise FramingError(f"{source}: template has unknown keys {sorted(unknown)}")

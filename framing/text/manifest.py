"""A corpus folder's manifest: ``corpus.toml`` or ``corpus.csv``, giving each file's outlet,
title, date, URL and note, and naming the lexicons that apply. A file listed twice, an
unknown key or a path outside the folder is refused.
"""

from __future__ import annotations

import csv
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from .corpus import MISSING, clean_value, link_target


MANIFEST_ARTICLE_KEYS = frozenset({"file", "id", "outlet", "title", "date", "url", "note"})
MANIFEST_KEYS = frozenset({"name", "event", "description", "lexicons", "note", "article"})


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    name: str
    event: str
    lexicons: tuple[Path, ...]
    articles: dict[str, dict[str, str]]


def read_manifest(folder: Path) -> Manifest | None:
    for path, parse in ((folder / "corpus.toml", _manifest_from_toml), (folder / "corpus.csv", _manifest_from_csv)):
        status = link_target(path)
        if isinstance(status, str) and status != MISSING:  # a manifest that loops is not "no manifest"
            raise CorpusError(f"{path}: {status}")
        if not isinstance(status, str) and stat.S_ISREG(status.st_mode):
            return parse(path)
    return None


def _manifest_name(name: str) -> str:
    """A manifest's file name in one spelling ("./a.txt" is "a.txt"), so a file is listed once."""
    return os.path.normpath(name).replace(os.sep, "/")


def _manifest_values(entry: dict[str, str]) -> dict[str, str]:
    """An entry's values in NFC (as the articles' text), the file name as written."""
    return {k: v if k == "file" else clean_value(v)[0] for k, v in entry.items()}


def _resolve_lexicon(manifest: Path, entry: str) -> Path:
    """A lexicon path relative to the manifest, else one of framing's shipped lexicons."""
    from ..lexicons import shipped_lexicons_dir

    local = (manifest.parent / entry)
    if local.exists():
        return local
    shipped = shipped_lexicons_dir() / entry
    if shipped.exists():
        return shipped
    raise CorpusError(f"{manifest}: lexicons: {entry!r} not found next to the manifest or among the shipped lexicons")


def _manifest_from_toml(path: Path) -> Manifest:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    for key in data:
        if key not in MANIFEST_KEYS:
            raise CorpusError(f"{path}: {key}: unknown key (allowed: {', '.join(sorted(MANIFEST_KEYS))})")
    lexicons = data.get("lexicons", [])
    if not isinstance(lexicons, list) or not all(isinstance(x, str) for x in lexicons):
        raise CorpusError(f"{path}: lexicons: expected a list of paths")
    articles: dict[str, dict[str, str]] = {}
    entries = data.get("article", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{path}: article: expected [[article]] tables")
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise CorpusError(f"{path}: article[{n}]: expected a table")
        for key, value in entry.items():
            if key not in MANIFEST_ARTICLE_KEYS:
                raise CorpusError(f"{path}: article[{n}].{key}: unknown key (allowed: {', '.join(sorted(MANIFEST_ARTICLE_KEYS))})")
            if not isinstance(value, str):
                raise CorpusError(f"{path}: article[{n}].{key}: expected a string")
        name = entry.get("file", "")
        if not name:
            raise CorpusError(f"{path}: article[{n}].file: missing required key")
        name = _manifest_name(name)
        if name in articles:
            raise CorpusError(f"{path}: article[{n}].file: {name!r} listed twice")
        articles[name] = _manifest_values(entry)
    for key in ("name", "event"):
        if key in data and not isinstance(data[key], str):
            raise CorpusError(f"{path}: {key}: expected a string")
    return Manifest(path, data.get("name", ""), data.get("event", ""), tuple(_resolve_lexicon(path, x) for x in lexicons), articles)


def _manifest_from_csv(path: Path) -> Manifest:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if "file" not in (reader.fieldnames or []):
                raise CorpusError(f"{path}: missing column 'file'")
            unknown = [c for c in reader.fieldnames or [] if c not in MANIFEST_ARTICLE_KEYS]
            if unknown:
                raise CorpusError(f"{path}: unknown column(s): {', '.join(unknown)}")
            articles = {}
            for row in reader:
                if None in row:  # the csv module puts a row's extra fields under None
                    raise CorpusError(f"{path}:{reader.line_num}: more fields than the header has")
                name = (row.get("file") or "").strip()
                if not name:
                    continue
                name = _manifest_name(name)
                if name in articles:
                    raise CorpusError(f"{path}:{reader.line_num}: file {name!r} listed twice")
                articles[name] = _manifest_values({k: v.strip() for k, v in row.items() if v})
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    except csv.Error as exc:
        raise CorpusError(f"{path}:{reader.line_num}: bad CSV ({exc})") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return Manifest(path, "", "", (), articles)


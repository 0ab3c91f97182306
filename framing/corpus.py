"""Read a corpus in the three forms researchers have: a folder of .txt/.md files (with an
optional ``corpus.toml`` or ``corpus.csv`` manifest), a JSONL file, or a CSV file.

Articles come out sorted by id. Every problem a user can cause is a ``CorpusError`` with
a one-line message; a file in a folder that cannot be read as text is skipped with a named
warning (``strict=True`` makes it an error).
"""

from __future__ import annotations

import csv
import json
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError
from .types import Article

TEXT_SUFFIXES = (".txt", ".md")
COLUMNS = ("id", "outlet", "title", "text", "date", "url")
REQUIRED = ("id", "outlet", "text")
MANIFEST_ARTICLE_KEYS = frozenset({"file", "id", "outlet", "title", "date", "url", "note"})
MANIFEST_KEYS = frozenset({"name", "event", "description", "lexicons", "note", "article"})
#: An article longer than this is almost surely a scraping accident (a whole site dumped
#: into one file); it is skipped with a warning (an error with ``strict``).
MAX_ARTICLE_CHARS = 5_000_000
#: Fields can be large (a whole article); the csv module's default limit is 128 KiB.
CSV_FIELD_LIMIT = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    articles: tuple[Article, ...]
    event: str = ""
    lexicon_paths: tuple[Path, ...] = ()  # lexicons the manifest names
    warnings: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # article id -> manifest note

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.articles}))


def decode_text(raw: bytes, source: str) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOM allowed) or UTF-16 with a BOM; fall back to cp1252 with a
    warning. Binary data (NUL bytes) is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            raise CorpusError(f"{source}: not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in raw:
        raise CorpusError(f"{source}: binary file, not text")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        return text, f"{source}: not UTF-8; decoded as cp1252 (Windows-1252), check its characters"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def read_corpus(path: Path | str, *, strict: bool = False) -> Corpus:
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or directory")
    if path.is_dir():
        corpus = _read_directory(path, strict=strict)
    elif path.suffix.lower() == ".jsonl":
        corpus = _from_records(path, _jsonl_records(path), strict=strict)
    elif path.suffix.lower() == ".csv":
        corpus = _from_records(path, _csv_records(path), strict=strict)
    else:
        raise CorpusError(f"{path}: not a corpus (expected a folder, a .jsonl or a .csv file)")
    if not corpus.articles:
        raise CorpusError(f"{path}: the corpus has no articles with text")
    return corpus


def _jsonl_records(path: Path) -> Iterator[tuple[str, dict]]:
    with _open_text(path) as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{path}:{n}: expected a JSON object, got {type(record).__name__}")
            yield f"{path.name}:{n}", record


def _csv_records(path: Path) -> Iterator[tuple[str, dict]]:
    csv.field_size_limit(min(CSV_FIELD_LIMIT, sys.maxsize))
    with _open_text(path, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(f"{path}: missing column(s): {', '.join(missing)} (need {', '.join(REQUIRED)})")
        try:
            for n, row in enumerate(reader, 2):
                yield f"{path.name}:{n}", row
        except csv.Error as exc:
            raise CorpusError(f"{path}:{reader.line_num}: bad CSV ({exc})") from None


def _open_text(path: Path, newline: str | None = None):
    try:
        with path.open("rb") as probe:
            head = probe.read(4)
        encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
        return path.open("r", encoding=encoding, newline=newline)
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _field(record: dict, key: str, where: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise CorpusError(f"{where}: field {key!r} must be text, got {type(value).__name__}")
    return str(value)


def _from_records(path: Path, records: Iterator[tuple[str, dict]], *, strict: bool = False) -> Corpus:
    articles: dict[str, Article] = {}
    warnings: list[str] = []
    try:
        for where, record in records:
            for key in REQUIRED:
                if not _field(record, key, where).strip():
                    raise CorpusError(f"{where}: missing required field {key!r}")
            article_id = _field(record, "id", where).strip()
            if article_id in articles:
                raise CorpusError(f"{where}: duplicate article id {article_id!r}")
            text = _field(record, "text", where)
            if len(text) > MAX_ARTICLE_CHARS:
                message = f"{where}: article {article_id!r} has {len(text):,} characters, too large for one article (limit {MAX_ARTICLE_CHARS:,})"
                if strict:
                    raise CorpusError(message)
                warnings.append(f"skipped {message}")
                continue
            articles[article_id] = Article(
                id=article_id,
                outlet=_field(record, "outlet", where).strip(),
                title=_field(record, "title", where).strip(),
                text=text,
                source=where,
                published=_field(record, "date", where).strip(),
                url=_field(record, "url", where).strip(),
            )
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    return Corpus(name=path.stem, articles=tuple(articles[k] for k in sorted(articles)), warnings=tuple(warnings))


def _inside(folder: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _read_directory(folder: Path, *, strict: bool) -> Corpus:
    warnings: list[str] = []

    def skip(message: str) -> None:
        if strict:
            raise CorpusError(message)
        warnings.append(message)

    manifest = _read_manifest(folder)
    files: list[Path] = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.suffix.lower() not in TEXT_SUFFIXES or p.stem.casefold() == "readme":
            continue  # hidden files, other formats, and the folder's own README are not articles
        if not _inside(folder, p):
            raise CorpusError(f"{p}: symbolic link leads outside the corpus folder; refused")
        if p.is_file():
            files.append(p)
    entries = manifest.articles if manifest else {}
    for name in entries:
        target = folder / name
        if not _inside(folder, target):
            raise CorpusError(f"{manifest.path}: article file {name!r} is outside the corpus folder; refused")
        if not target.is_file():
            raise CorpusError(f"{manifest.path}: article file {name!r} not found in {folder}")

    articles: dict[str, Article] = {}
    for p in files:
        try:
            if p.stat().st_size > 4 * MAX_ARTICLE_CHARS:  # not even worth decoding
                skip(f"skipped {p}: {p.stat().st_size // 1_000_000} MB is too large for one article (limit {MAX_ARTICLE_CHARS // 1_000_000} million characters)")
                continue
            text, warning = decode_text(p.read_bytes(), str(p))
        except CorpusError as exc:
            skip(f"skipped {exc}")
            continue
        except OSError as exc:
            skip(f"skipped {p}: cannot read ({exc.strerror or exc})")
            continue
        if warning:
            warnings.append(warning)
        if not text.strip():
            skip(f"skipped {p}: empty file")
            continue
        if len(text) > MAX_ARTICLE_CHARS:
            skip(f"skipped {p}: {len(text):,} characters is too large for one article (limit {MAX_ARTICLE_CHARS:,})")
            continue
        meta = entries.get(p.name, {})
        article_id = meta.get("id") or p.stem
        if article_id in articles:
            raise CorpusError(f"{p}: duplicate article id {article_id!r}")
        articles[article_id] = Article(
            id=article_id,
            outlet=meta.get("outlet") or p.stem,
            title=meta["title"] if "title" in meta else _first_line(text),
            text=text,
            source=p.name,
            published=meta.get("date", ""),
            url=meta.get("url", ""),
        )
    notes = {entries[p.name].get("id") or p.stem: entries[p.name]["note"] for p in files if "note" in entries.get(p.name, {})}
    return Corpus(
        name=(manifest.name if manifest and manifest.name else folder.resolve().name),
        articles=tuple(articles[k] for k in sorted(articles)),
        event=manifest.event if manifest else "",
        lexicon_paths=manifest.lexicons if manifest else (),
        warnings=tuple(warnings),
        notes=notes,
    )


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    name: str
    event: str
    lexicons: tuple[Path, ...]
    articles: dict[str, dict[str, str]]


def _read_manifest(folder: Path) -> Manifest | None:
    toml_path, csv_path = folder / "corpus.toml", folder / "corpus.csv"
    if toml_path.is_file():
        return _manifest_from_toml(toml_path)
    if csv_path.is_file():
        return _manifest_from_csv(csv_path)
    return None


def _resolve_lexicon(manifest: Path, entry: str) -> Path:
    """A lexicon path relative to the manifest, else one of framing's shipped lexicons."""
    from .lexicon import shipped_lexicons_dir

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
        if name in articles:
            raise CorpusError(f"{path}: article[{n}].file: {name!r} listed twice")
        articles[name] = dict(entry)
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
                name = (row.get("file") or "").strip()
                if name:
                    articles[name] = {k: (v or "").strip() for k, v in row.items() if v}
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    return Manifest(path, "", "", (), articles)

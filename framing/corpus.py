"""Read a corpus in the three forms researchers have: a folder of .txt/.md files (with an
optional ``corpus.toml`` or ``corpus.csv`` manifest), a JSONL file, or a CSV file.

Articles come out sorted by id. Every problem a user can cause is a ``CorpusError`` with
a one-line message; a file in a folder that cannot be read as text is skipped with a named
warning (``strict=True`` makes it an error).

A JSONL or CSV corpus is read in a stream: a first pass checks every record and keeps only
its id, outlet and byte offset (``ArticleFile``); the text is read again, one article at a
time in id order, when the articles are iterated. So a run's memory does not hold the
corpus's text.
"""

from __future__ import annotations

import csv
import json
import sys
import tomllib
from collections.abc import Iterator, Sequence
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
    articles: Sequence[Article]  # a tuple, or an ``ArticleFile`` read on demand
    event: str = ""
    lexicon_paths: tuple[Path, ...] = ()  # lexicons the manifest names
    warnings: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # article id -> manifest note

    @property
    def outlets(self) -> tuple[str, ...]:
        if isinstance(self.articles, ArticleFile):
            return self.articles.outlets
        return tuple(sorted({a.outlet for a in self.articles}))


@dataclass(frozen=True, slots=True)
class _Ref:
    id: str
    outlet: str
    source: str  # "corpus.jsonl:12"
    offset: int  # byte offset of the record in the file


class ArticleFile(Sequence[Article]):
    """The articles of a JSONL or CSV file in id order, read from disk one at a time.

    Built from the first, checking pass (``_from_records``); iterating re-reads each record
    at its byte offset, so only the ids, outlets and offsets stay in memory."""

    def __init__(self, path: Path, kind: str, refs: list[_Ref], fieldnames: list[str] | None = None):
        self.path, self.kind, self.fieldnames = path, kind, fieldnames
        self._refs = sorted(refs, key=lambda r: r.id)
        self.outlets = tuple(sorted({r.outlet for r in refs}))

    def __len__(self) -> int:
        return len(self._refs)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        with self._open() as handle:
            return self._read(handle, self._refs[index])

    def __iter__(self) -> Iterator[Article]:
        with self._open() as handle:
            for ref in self._refs:
                yield self._read(handle, ref)

    def _open(self):
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise CorpusError(f"{self.path}: cannot read it again ({exc.strerror or exc}); was it moved during the run?") from None

    def _read(self, handle, ref: _Ref) -> Article:
        handle.seek(ref.offset)
        lines = _ByteLines(handle, ref.offset)
        try:
            if self.kind == "jsonl":
                record = json.loads(next(lines))
            else:
                record = next(csv.DictReader(lines, fieldnames=self.fieldnames))
        except (StopIteration, ValueError, csv.Error):
            record = {}
        if not isinstance(record, dict) or _field(record, "id", ref.source).strip() != ref.id:
            raise CorpusError(f"{self.path}: the file changed while it was being analysed; run again")
        return _article(record, ref.id, ref.source)


class _ByteLines:
    """Lines of a file opened in binary, decoded as UTF-8, with byte offsets: the csv module
    asks for one line at a time, so the offset before a record is where it begins."""

    def __init__(self, handle, offset: int = 0):
        self.handle, self.offset = handle, offset
        self.line_start = offset  # where the line last returned began

    def __iter__(self) -> _ByteLines:
        return self

    def __next__(self) -> str:
        line = self.handle.readline()
        if not line:
            raise StopIteration
        if self.offset == 0 and line.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark
            line, self.offset = line[3:], 3
        self.line_start = self.offset
        self.offset += len(line)
        return line.decode("utf-8")


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
    elif path.suffix.lower() in (".jsonl", ".csv"):
        corpus = _from_records(path, path.suffix.lower()[1:], strict=strict)
    else:
        raise CorpusError(f"{path}: not a corpus (expected a folder, a .jsonl or a .csv file)")
    if not corpus.articles:
        raise CorpusError(f"{path}: the corpus has no articles with text")
    return corpus


def _is_utf16(path: Path) -> bool:
    try:
        with path.open("rb") as probe:
            return probe.read(2) in (b"\xff\xfe", b"\xfe\xff")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _jsonl_records(path: Path, lines: Iterator[str]) -> Iterator[tuple[str, dict]]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{path}:{n}: expected a JSON object, got {type(record).__name__}")
        yield f"{path.name}:{n}", record


def _csv_reader(path: Path, lines) -> csv.DictReader:
    csv.field_size_limit(min(CSV_FIELD_LIMIT, sys.maxsize))
    reader = csv.DictReader(lines)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise CorpusError(f"{path}:1: bad CSV ({exc})") from None
    missing = [c for c in REQUIRED if c not in (fieldnames or [])]
    if missing:
        raise CorpusError(f"{path}: missing column(s): {', '.join(missing)} (need {', '.join(REQUIRED)})")
    return reader


def _csv_records(path: Path, reader: csv.DictReader) -> Iterator[tuple[str, dict]]:
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


def _article(record: dict, article_id: str, where: str) -> Article:
    return Article(
        id=article_id,
        outlet=_field(record, "outlet", where).strip(),
        title=_field(record, "title", where).strip(),
        text=_field(record, "text", where),
        source=where,
        published=_field(record, "date", where).strip(),
        url=_field(record, "url", where).strip(),
    )


def _from_records(path: Path, kind: str, *, strict: bool = False) -> Corpus:
    """Check every record of a JSONL or CSV file. A UTF-8 file is then read again on demand
    (``ArticleFile``); a UTF-16 one (rare: no byte offsets per line) is held in memory."""
    seekable = not _is_utf16(path)
    refs: list[_Ref] = []
    held: dict[str, Article] = {}
    seen: set[str] = set()
    warnings: list[str] = []
    fieldnames = None
    try:
        with (path.open("rb") if seekable else _open_text(path, newline="")) as handle:
            lines = _ByteLines(handle) if seekable else handle
            if kind == "csv":
                reader = _csv_reader(path, lines)
                fieldnames = reader.fieldnames
                records = _csv_records(path, reader)
            else:
                records = _jsonl_records(path, lines)
            while True:
                start = lines.offset if seekable else -1
                try:
                    where, record = next(records)
                except StopIteration:
                    break
                if kind == "jsonl" and seekable:
                    start = lines.line_start  # blank lines before the record were skipped
                for key in REQUIRED:
                    if not _field(record, key, where).strip():
                        raise CorpusError(f"{where}: missing required field {key!r}")
                article_id = _field(record, "id", where).strip()
                if article_id in seen:
                    raise CorpusError(f"{where}: duplicate article id {article_id!r}")
                text = _field(record, "text", where)
                if len(text) > MAX_ARTICLE_CHARS:
                    message = f"{where}: article {article_id!r} has {len(text):,} characters, too large for one article (limit {MAX_ARTICLE_CHARS:,})"
                    if strict:
                        raise CorpusError(message)
                    warnings.append(f"skipped {message}")
                    continue
                seen.add(article_id)
                if seekable:
                    refs.append(_Ref(article_id, _field(record, "outlet", where).strip(), where, start))
                else:
                    held[article_id] = _article(record, article_id, where)
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    articles: Sequence[Article] = ArticleFile(path, kind, refs, fieldnames) if seekable else tuple(held[k] for k in sorted(held))
    return Corpus(name=path.stem, articles=articles, warnings=tuple(warnings))


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

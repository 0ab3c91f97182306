"""Read a corpus in the three forms researchers have: a folder of .txt/.md files (with an
optional ``corpus.toml`` or ``corpus.csv`` manifest), a JSONL file, or a CSV file.

Articles come out sorted by id. Every problem a user can cause is a ``CorpusError`` with
a one-line message; a file in a folder that cannot be read as text (a symbolic link loop or
one to a missing file, a file that vanished or cannot be opened, a file name that is not
UTF-8) is skipped with a named warning (``strict=True`` makes it an error). Messages show a
file name's undecodable bytes as ``\\xe9``, so they can always be printed.

A folder's articles are its .txt/.md files (not hidden ones, not a README) and the ones its
manifest lists, in subfolders too. Other .txt/.md files in subfolders are counted in a
warning, or read with ``recursive=True`` (not in hidden or ``lexicons`` folders, and not
through symbolic links to folders, which can loop). An article's default id is its file
name without the suffix, or for a file in a subfolder its relative path without the suffix
("2026/jan/a"), so ids stay unique.

Text is compared in one Unicode normal form everywhere: every article's id, outlet, title,
text, date and url is normalised to NFC when it is read, whatever the corpus form, so
``Article.text`` (which every offset indexes) is NFC and an outlet written decomposed
("Su\\u0308ddeutsche") is the same outlet as "Süddeutsche". A lone surrogate (a JSON escape
such as "\\ud800" that is not half of a pair) cannot be written as UTF-8; it becomes U+FFFD,
with a warning naming the record.

A JSONL or CSV corpus is read in a stream: a first pass checks every record and keeps only
its id, outlet and byte offset (``ArticleFile``); the text is read again, one article at a
time in id order, when the articles are iterated. So a run's memory does not hold the
corpus's text.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import json
import math
import os
import re
import stat
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

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
#: Folders below a corpus folder that never hold articles (a corpus's own lexicons).
NOT_ARTICLE_FOLDERS = frozenset({"lexicons"})
#: How many of the subfolder files left out (without ``recursive``) a warning names.
IGNORED_SHOWN = 3

_SURROGATE = re.compile("[\ud800-\udfff]")
_MISSING = "no such file or directory"


def _printable(text: str) -> str:
    """``text`` that can be printed or written as UTF-8: the undecodable bytes of a file name
    (surrogate escapes, U+DC80-U+DCFF) shown as ``\\xe9``, another lone surrogate as ``\\ud800``."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF else f"\\u{ord(m[0]):04x}", text)


def _clean(value: str) -> tuple[str, int]:
    """``value`` in NFC with each lone surrogate replaced by U+FFFD (one for one), and how many
    were replaced. Most text is ASCII or already NFC, so the cheap checks come first."""
    if value.isascii():
        return value, 0
    try:
        value.encode("latin-1")  # below U+0100 there is no surrogate, and all text is NFC
        return value, 0
    except UnicodeEncodeError:
        pass
    bad = 0
    try:
        value.encode("utf-8")  # some times faster than searching for a surrogate
    except UnicodeEncodeError:
        value, bad = _SURROGATE.subn("\ufffd", value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value, bad


def _replaced(where: str, bad: int) -> str:
    if bad == 1:
        return f"{where}: 1 invalid character (a lone surrogate) replaced with U+FFFD"
    return f"{where}: {bad} invalid characters (lone surrogates) replaced with U+FFFD"


def _target(path: Path) -> os.stat_result | str:
    """The status of what ``path`` leads to (symbolic links followed), else why it cannot be
    read: a symbolic link loop, one to a missing file, no such file, no permission."""
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if isinstance(exc, FileNotFoundError):
            try:
                return "symbolic link to a missing file" if path.is_symlink() else _MISSING
            except OSError:
                return _MISSING
        return f"cannot read ({exc.strerror or exc})"


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
            raise CorpusError(_printable(f"{self.path}: cannot read it again ({exc.strerror or exc}); was it moved during the run?")) from None

    def _read(self, handle, ref: _Ref) -> Article:
        changed = CorpusError(_printable(f"{self.path}: the file changed while it was being analysed; run again"))
        try:
            handle.seek(ref.offset)
            lines = _ByteLines(handle, ref.offset)
            if self.kind == "jsonl":
                record = _json_loads(next(lines))
            else:
                record = next(csv.DictReader(lines, fieldnames=self.fieldnames))
            if not isinstance(record, dict):
                raise changed
            values, _ = _fields(record, ref.source)
        except OSError as exc:
            raise CorpusError(_printable(f"{self.path}: cannot read it again ({exc.strerror or exc}); was it moved during the run?")) from None
        except (StopIteration, ValueError, RecursionError, csv.Error, CorpusError):
            raise changed from None  # ValueError includes a UnicodeDecodeError
        if values["id"] != ref.id:
            raise changed
        return _article(values, ref.source)


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


def read_corpus(path: Path | str, *, strict: bool = False, recursive: bool = False) -> Corpus:
    """Read a corpus folder, JSONL or CSV file; ``recursive`` reads a folder's subfolders too."""
    path = Path(path)
    try:
        corpus = _read_corpus(path, strict=strict, recursive=recursive)
    except CorpusError as exc:
        # A path in a message may hold a file name's undecodable bytes: show them escaped.
        raise CorpusError(_printable(str(exc))) from None
    if any(_SURROGATE.search(w) for w in corpus.warnings):
        corpus = dataclasses.replace(corpus, warnings=tuple(_printable(w) for w in corpus.warnings))
    return corpus


def _read_corpus(path: Path, *, strict: bool, recursive: bool) -> Corpus:
    status = _target(path)
    if isinstance(status, str):
        raise CorpusError(f"{path}: {status}")
    if stat.S_ISDIR(status.st_mode):
        corpus = _read_directory(path, strict=strict, recursive=recursive)
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


class _NotJSON(ValueError):
    """A value Python's json module accepts but JSON does not (NaN, Infinity, 1e400)."""


def _refuse_constant(name: str):
    raise _NotJSON(f"{name} is not valid JSON")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise _NotJSON(f"number {literal[:40]} is too large")
    return value


def _json_loads(line: str):
    return json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float)


def _jsonl_records(path: Path, lines: Iterator[str]) -> Iterator[tuple[str, dict]]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = _json_loads(line)
        except _NotJSON as exc:
            raise CorpusError(f"{path}:{n}: {exc}") from None
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        except ValueError as exc:  # an integer of more than 4300 digits
            raise CorpusError(f"{path}:{n}: not valid JSON ({exc})") from None
        except RecursionError:
            raise CorpusError(f"{path}:{n}: not valid JSON (nested too deeply)") from None
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


def _shown_json(value) -> str:
    """A JSON value as the user wrote it, for a message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    shown = json.dumps(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _field(record: dict, key: str, where: str) -> str:
    """A field as a string: a JSON string (an integer too for ``id``), or "" when null or
    absent. A CSV row's values are strings (None for a short row)."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    kind = "a string or an integer" if key == "id" else "a string"
    raise CorpusError(f"{where}: field {key!r} must be {kind}, got {_shown_json(value)}")


def _fields(record: dict, where: str) -> tuple[dict[str, str], int]:
    """A record's columns as clean strings (NFC, stripped but for the text), and how many
    lone surrogates were replaced in them."""
    values, bad = {}, 0
    for key in COLUMNS:
        value, n = _clean(_field(record, key, where))
        values[key] = value if key == "text" else value.strip()
        bad += n
    return values, bad


def _article(values: dict[str, str], where: str) -> Article:
    return Article(
        id=values["id"],
        outlet=values["outlet"],
        title=values["title"],
        text=values["text"],
        source=where,
        published=values["date"],
        url=values["url"],
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
                article_id = _clean(_field(record, "id", where))[0].strip()
                if article_id in seen:
                    raise CorpusError(f"{where}: duplicate article id {article_id!r}")
                text = _field(record, "text", where)
                if len(text) > MAX_ARTICLE_CHARS:  # checked before the text is normalised
                    message = f"{where}: article {article_id!r} has {len(text):,} characters, too large for one article (limit {MAX_ARTICLE_CHARS:,})"
                    if strict:
                        raise CorpusError(message)
                    warnings.append(f"skipped {message}")
                    continue
                values, bad = _fields(record, where)
                if bad:
                    warnings.append(_replaced(where, bad))
                seen.add(article_id)
                if seekable:
                    refs.append(_Ref(article_id, values["outlet"], where, start))
                else:
                    held[article_id] = _article(values, where)
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not {'UTF-8' if seekable else 'UTF-16'} text") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    articles: Sequence[Article] = ArticleFile(path, kind, refs, fieldnames) if seekable else tuple(held[k] for k in sorted(held))
    return Corpus(name=_SURROGATE.sub("\ufffd", path.stem), articles=articles, warnings=tuple(warnings))


def _inside(root: str, candidate: Path) -> bool:
    """Whether ``candidate``, symbolic links followed, is in the folder whose real path is
    ``root``. os.path.realpath does not raise on a link loop (Path.resolve does before 3.13)."""
    return Path(os.path.realpath(candidate)).is_relative_to(root)


def _relative_id(rel: str) -> str:
    """The default id of the file at ``rel``: its stem, or for a file in a subfolder its
    relative path without the suffix ("2026/jan/a"), so that ids stay unique."""
    return rel[: len(rel) - len(PurePosixPath(rel).suffix)]


def _is_article_name(name: str) -> bool:
    """Hidden files, other formats and a folder's README are not articles."""
    p = PurePosixPath(name)
    return not name.startswith(".") and p.suffix.lower() in TEXT_SUFFIXES and p.stem.casefold() != "readme"


def _list_folder(folder: Path, *, recursive: bool, skip: Callable[[str], None]) -> tuple[dict[str, Path], list[str]]:
    """The article files of a folder by relative path ("a.txt", "2026/jan/b.txt"), and the
    .txt/.md files in subfolders left out when not ``recursive`` (they are counted, so the
    subfolders are walked either way). Hidden and ``lexicons`` folders hold no articles;
    symbolic links to folders are not followed, since one can loop."""
    top = os.fspath(folder)
    found: dict[str, Path] = {}
    ignored: list[str] = []

    def unlistable(exc: OSError) -> None:
        if exc.filename == top:
            raise CorpusError(f"{folder}: cannot list the folder ({exc.strerror or exc})")
        if recursive:  # otherwise only the count of left-out files misses them
            skip(f"skipped {exc.filename}: cannot list the folder ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(top, onerror=unlistable, followlinks=False):
        rel_dir = os.path.relpath(dirpath, top)
        prefix = "" if rel_dir == os.curdir else rel_dir.replace(os.sep, "/") + "/"
        kept = []
        for name in sorted(dirnames):
            if name.startswith(".") or name.casefold() in NOT_ARTICLE_FOLDERS:
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                if recursive:
                    skip(f"skipped {os.path.join(dirpath, name)}: symbolic link to a folder; not followed")
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not _is_article_name(name):
                continue
            if prefix and not recursive:
                ignored.append(prefix + name)
            else:
                found[prefix + name] = folder / (prefix + name)
    return found, sorted(ignored)


def _read_bytes(path: Path) -> bytes:
    """A file's bytes, read through the handle whose size is checked."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > 4 * MAX_ARTICLE_CHARS:  # not even worth decoding
            raise CorpusError(f"{path}: {size // 1_000_000} MB is too large for one article (limit {MAX_ARTICLE_CHARS // 1_000_000} million characters)")
        return handle.read()


def _manifest_file(folder: Path, root: str, manifest: Path, name: str) -> str:
    """The relative path on disk of a file the manifest lists (the manifest may spell it in
    another Unicode normal form than the file system); an error when it is outside the folder
    or not a readable file."""
    for variant in dict.fromkeys((name, unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name))):
        if os.path.lexists(folder / variant):
            name = variant
            break
    target = folder / name
    if not _inside(root, target):
        raise CorpusError(f"{manifest}: article file {name!r} is outside the corpus folder; refused")
    status = _target(target)
    if status == _MISSING:
        raise CorpusError(f"{manifest}: article file {name!r} not found in {folder}")
    if isinstance(status, str):
        raise CorpusError(f"{manifest}: article file {name!r}: {status}")
    if not stat.S_ISREG(status.st_mode):
        raise CorpusError(f"{manifest}: article file {name!r} is not a file")
    return name


def _read_directory(folder: Path, *, strict: bool, recursive: bool = False) -> Corpus:
    warnings: list[str] = []

    def skip(message: str) -> None:
        if strict:
            raise CorpusError(_printable(message))
        warnings.append(message)

    manifest = _read_manifest(folder)
    root = os.path.realpath(folder)
    entries: dict[str, dict[str, str]] = {}  # relative path on disk -> manifest entry
    if manifest:
        for name, entry in manifest.articles.items():
            rel = _manifest_file(folder, root, manifest.path, name)
            if rel in entries:  # two spellings of one name
                raise CorpusError(f"{manifest.path}: article file {name!r} listed twice")
            entries[rel] = entry
    files, ignored = _list_folder(folder, recursive=recursive, skip=skip)
    ignored = [rel for rel in ignored if rel not in entries]  # a listed file is read
    if ignored:
        shown = ", ".join(ignored[:IGNORED_SHOWN]) + (", ..." if len(ignored) > IGNORED_SHOWN else "")
        many = len(ignored) != 1
        warnings.append(f"ignored {len(ignored)} .txt/.md file{'s' if many else ''} in subfolders ({shown}); use --recursive to read {'them' if many else 'it'}")
    for rel in entries:
        files.setdefault(rel, folder / rel)

    articles: dict[str, Article] = {}
    notes: dict[str, str] = {}
    for rel in sorted(files):
        p = files[rel]
        if _SURROGATE.search(rel):  # undecodable bytes: no message, id or report could hold the name
            skip(f"skipped {_printable(str(p))}: file name is not valid UTF-8; rename it")
            continue
        if PurePosixPath(rel).suffix.lower() not in TEXT_SUFFIXES:  # only a manifest lists one
            skip(f"skipped {p}: not a .txt or .md file")
            continue
        if PurePosixPath(rel).stem.casefold() == "readme":
            skip(f"skipped {p}: a README is never an article")
            continue
        status = _target(p)
        if isinstance(status, str):
            skip(f"skipped {p}: {'disappeared while the folder was read' if status == _MISSING else status}")
            continue
        if not _inside(root, p):
            raise CorpusError(f"{p}: symbolic link leads outside the corpus folder; refused")
        if not stat.S_ISREG(status.st_mode):  # a pipe named .txt would block the read
            skip(f"skipped {p}: not a regular file")
            continue
        try:
            text, warning = decode_text(_read_bytes(p), str(p))
        except CorpusError as exc:
            skip(f"skipped {exc}")
            continue
        except FileNotFoundError:
            skip(f"skipped {p}: disappeared while the folder was read")
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
        text, bad = _clean(text)
        if bad:
            warnings.append(_replaced(str(p), bad))
        meta = entries.get(rel, {})
        default_id = _clean(_relative_id(rel))[0]
        article_id = meta.get("id") or default_id
        if article_id in articles:
            raise CorpusError(f"{p}: duplicate article id {article_id!r}")
        articles[article_id] = Article(
            id=article_id,
            outlet=meta.get("outlet") or default_id,
            title=meta["title"] if "title" in meta else _first_line(text),
            text=text,
            source=rel,
            published=meta.get("date", ""),
            url=meta.get("url", ""),
        )
        if "note" in meta:
            notes[article_id] = meta["note"]
    name = manifest.name if manifest and manifest.name else Path(root).name
    return Corpus(
        name=_SURROGATE.sub("\ufffd", name),
        articles=tuple(articles[k] for k in sorted(articles)),
        event=manifest.event if manifest else "",
        lexicon_paths=manifest.lexicons if manifest else (),
        warnings=tuple(_printable(w) for w in warnings),
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
    for path, parse in ((folder / "corpus.toml", _manifest_from_toml), (folder / "corpus.csv", _manifest_from_csv)):
        status = _target(path)
        if isinstance(status, str) and status != _MISSING:  # a manifest that loops is not "no manifest"
            raise CorpusError(f"{path}: {status}")
        if not isinstance(status, str) and stat.S_ISREG(status.st_mode):
            return parse(path)
    return None


def _manifest_name(name: str) -> str:
    """A manifest's file name in one spelling ("./a.txt" is "a.txt"), so a file is listed once."""
    return os.path.normpath(name).replace(os.sep, "/")


def _manifest_values(entry: dict[str, str]) -> dict[str, str]:
    """An entry's values in NFC (as the articles' text), the file name as written."""
    return {k: v if k == "file" else _clean(v)[0] for k, v in entry.items()}


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

"""A JSONL or CSV corpus, read in a stream.

A first pass checks every record and keeps only its id, outlet and byte offset
(``ArticleFile``); the text is read again, one article at a time in id order, when the
articles are iterated. So a run's memory does not hold the corpus's text. JSON values that
are not JSON (NaN, Infinity, 1e400) and fields of the wrong type are refused, naming the line.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..errors import CorpusError
from ..types import Article
from .dates import ambiguous_dates_warning, iso_date
from .corpus import COLUMNS, CSV_FIELD_LIMIT, MAX_ARTICLE_CHARS, REQUIRED, SURROGATE, Corpus, clean_value, printable, replaced_warning


@dataclass(frozen=True, slots=True)
class _Ref:
    id: str
    outlet: str
    source: str  # "corpus.jsonl:12"
    offset: int  # byte offset of the record in the file


class ArticleFile(Sequence[Article]):
    """The articles of a JSONL or CSV file in id order, read from disk one at a time.

    Built from the first, checking pass (``read_records``); iterating re-reads each record
    at its byte offset, so only the ids, outlets and offsets stay in memory."""

    def __init__(self, path: Path, kind: str, refs: list[_Ref], fieldnames: list[str] | None = None, layout: _CsvLayout | None = None, dayfirst: bool = False):
        self.path, self.kind, self.fieldnames = path, kind, fieldnames
        self.layout, self.dayfirst = layout, dayfirst
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
            raise CorpusError(printable(f"{self.path}: cannot read it again ({exc.strerror or exc}); was it moved during the run?")) from None

    def _read(self, handle, ref: _Ref) -> Article:
        changed = CorpusError(printable(f"{self.path}: the file changed while it was being analysed; run again"))
        try:
            handle.seek(ref.offset)
            lines = _ByteLines(handle, ref.offset)
            if self.kind == "jsonl":
                record = _json_loads(next(lines))
            else:
                layout = self.layout or _CsvLayout(",", {})
                record = layout.renamed(next(csv.DictReader(lines, fieldnames=self.fieldnames, delimiter=layout.delimiter)))
            if not isinstance(record, dict):
                raise changed
            values, _ = _fields(record, ref.source)
        except OSError as exc:
            raise CorpusError(printable(f"{self.path}: cannot read it again ({exc.strerror or exc}); was it moved during the run?")) from None
        except (StopIteration, ValueError, RecursionError, csv.Error, CorpusError):
            raise changed from None  # ValueError includes a UnicodeDecodeError
        if values["id"] != ref.id:
            raise changed
        return _article(values, ref.source, self.dayfirst)


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


#: The delimiters a spreadsheet export uses; the header line says which (the one it holds most of).
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class _CsvLayout:
    """How a CSV file's columns map to framing's: its delimiter and, per framing column, the
    header that holds it."""

    delimiter: str
    headers: dict[str, str]  # framing column -> the file's header

    def renamed(self, row: dict) -> dict:
        return {column: row.get(header) for column, header in self.headers.items()}


def _first_line(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.readline(1 << 20).decode("utf-8", "replace")


def _csv_headers(path: Path, fieldnames: Sequence[str], columns: Mapping[str, str]) -> dict[str, str]:
    """Match the file's headers to framing's columns: a ``columns`` mapping first
    (``text=Body``), then the column's own name, case and a byte-order mark aside. An error
    names the columns found."""
    found = {" ".join(h.replace("\ufeff", "").split()).casefold(): h for h in fieldnames if h is not None}
    headers: dict[str, str] = {}
    for column in COLUMNS:
        wanted = columns.get(column, column)
        header = found.get(" ".join(wanted.split()).casefold())
        if header is not None:
            headers[column] = header
        elif column in columns:
            raise CorpusError(f"{path}: --columns {column}={wanted}: no column {wanted!r} (found: {', '.join(h for h in fieldnames if h is not None)})")
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        shown = ", ".join(repr(h) for h in fieldnames if h is not None) or "none"
        raise CorpusError(
            f"{path}: missing column(s): {', '.join(missing)} (need {', '.join(REQUIRED)}; found {shown}); "
            f"name them with --columns, e.g. --columns {','.join(f'{c}=...' for c in missing)}"
        )
    return headers


def sniff_delimiter(header_line: str) -> str:
    """The delimiter a header line holds most of (",", ";", tab or "|"); "," when none."""
    return max(DELIMITERS, key=header_line.count) if any(d in header_line for d in DELIMITERS) else ","


def _csv_reader(path: Path, lines, columns: Mapping[str, str] = MappingProxyType({})) -> tuple[csv.DictReader, _CsvLayout]:
    csv.field_size_limit(min(CSV_FIELD_LIMIT, sys.maxsize))
    delimiter = sniff_delimiter(_first_line(path) if not _is_utf16(path) else "")
    reader = csv.DictReader(lines, delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise CorpusError(f"{path}:1: bad CSV ({exc})") from None
    return reader, _CsvLayout(delimiter, _csv_headers(path, fieldnames or [], columns))


def _csv_records(path: Path, reader: csv.DictReader, layout: _CsvLayout) -> Iterator[tuple[str, dict]]:
    try:
        for n, row in enumerate(reader, 2):
            yield f"{path.name}:{n}", layout.renamed(row)
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
        value, n = clean_value(_field(record, key, where))
        values[key] = value if key == "text" else value.strip()
        bad += n
    return values, bad


def _article(values: dict[str, str], where: str, dayfirst: bool = False) -> Article:
    return Article(
        id=values["id"],
        outlet=values["outlet"],
        title=values["title"],
        text=values["text"],
        source=where,
        published=iso_date(values["date"], dayfirst=dayfirst)[0],
        url=values["url"],
    )


def read_records(path: Path, kind: str, *, strict: bool = False, columns: Mapping[str, str] = MappingProxyType({}), dayfirst: bool = False) -> Corpus:
    """Check every record of a JSONL or CSV file. A UTF-8 file is then read again on demand
    (``ArticleFile``); a UTF-16 one (rare: no byte offsets per line) is held in memory."""
    seekable = not _is_utf16(path)
    refs: list[_Ref] = []
    held: dict[str, Article] = {}
    seen: set[str] = set()
    warnings: list[str] = []
    fieldnames = None
    layout = None
    ambiguous: list[str] = []
    try:
        with (path.open("rb") if seekable else _open_text(path, newline="")) as handle:
            lines = _ByteLines(handle) if seekable else handle
            if kind == "csv":
                reader, layout = _csv_reader(path, lines, columns)
                fieldnames = reader.fieldnames
                records = _csv_records(path, reader, layout)
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
                article_id = clean_value(_field(record, "id", where))[0].strip()
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
                    warnings.append(replaced_warning(where, bad))
                if iso_date(values["date"], dayfirst=dayfirst)[1]:
                    ambiguous.append(values["date"])
                seen.add(article_id)
                if seekable:
                    refs.append(_Ref(article_id, values["outlet"], where, start))
                else:
                    held[article_id] = _article(values, where, dayfirst)
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not {'UTF-8' if seekable else 'UTF-16'} text") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if ambiguous:
        warnings.append(ambiguous_dates_warning(str(path), ambiguous, dayfirst))
    articles: Sequence[Article] = ArticleFile(path, kind, refs, fieldnames, layout, dayfirst) if seekable else tuple(held[k] for k in sorted(held))
    return Corpus(name=SURROGATE.sub("\ufffd", path.stem), articles=articles, warnings=tuple(warnings))



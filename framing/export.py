"""Tables as plain rows, written as CSV and JSON, and an output folder that appears whole or
not at all.

Every table is a list of dicts with a fixed column order (``TABLES``), so the same input
gives the same bytes. CSV text cells that a spreadsheet would run as a formula (starting
with =, +, -, @, tab or CR) get a leading apostrophe (OWASP "CSV injection"); numbers are
written as numbers and the JSON export is left untouched.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .errors import FramingError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _FloatCells(dict):
    """``repr(round(x, 6))`` of a float, each distinct value formatted once per process:
    the row tables repeat few values (VADER's scores have three or four decimals), and
    rounding and printing cost several times a look-up. Zero and NaN are never keys (-0.0 ==
    0.0 but the two print differently; NaN is never equal to itself, so never found), and
    the memo stops growing at ``LIMIT`` values."""

    LIMIT = 1 << 16

    def __missing__(self, value: float) -> str:
        text = repr(round(value, 6))
        if value and value == value and len(self) < self.LIMIT:
            self[value] = text
        return text


_FLOAT_CELLS = _FloatCells()


def _cell(value: Any) -> Any:
    kind = type(value)
    if kind is int:
        return value
    if kind is str:
        return "'" + value if value.startswith(_FORMULA_START) else value
    if kind is float:
        return _FLOAT_CELLS[value]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        return repr(round(float(value), 6))
    if isinstance(value, np.integer):
        return int(value)
    return neutralise(value)


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
    return buffer.getvalue()


class CsvWriter:
    """A CSV table appended to a batch of rows at a time (a large table never sits in
    memory): header first, each cell through ``_cell``."""

    def __init__(self, path: Path, columns: Sequence[str]):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.columns = tuple(columns)
        self._handle = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle, lineterminator="\n")
        self._writer.writerow(self.columns)

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        columns = self.columns
        self._writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)

    def close(self) -> None:
        self._handle.close()


def csv_cells(cells: Sequence[Any]) -> str:
    """One CSV line (no line end) of ``cells``, each through ``_cell``: for building the
    lines of a large table from pieces (``FeatureRows.csv_chunks``)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([_cell(v) for v in cells])
    return buffer.getvalue()


def number_cell(value: Any) -> str:
    """A number as ``CsvWriter`` writes it ("" for None)."""
    cell = _cell(value)
    return cell if isinstance(cell, str) else str(cell)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Stream rows to a CSV file. Rows that can write themselves as CSV text
    (``csv_chunks()``, header excluded) do so; the bytes are the same."""
    chunks = getattr(rows, "csv_chunks", None)
    if chunks is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(csv_text(columns, ()))
            handle.writelines(chunks())
        return
    writer = CsvWriter(path, columns)
    try:
        writer.write(rows)
    finally:
        writer.close()


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _looks_like_output(folder: Path) -> bool:
    return (folder / "report.html").exists() or (folder / "data").is_dir()


@contextmanager
def atomic_output_dir(outdir: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``outdir``; on success it replaces ``outdir`` whole.

    On any error or interruption (Ctrl-C included) the temporary folder is removed and
    ``outdir`` is left as it was. A non-empty folder that is not a framing output is never
    replaced.
    """
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise FramingError(f"{outdir}: output path exists and is a file")
    if outdir.is_dir() and any(outdir.iterdir()) and not _looks_like_output(outdir):
        raise FramingError(f"{outdir}: folder exists and is not a framing output (no report.html or data/); refusing to overwrite it")
    parent = outdir.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.partial-", dir=parent))
    except OSError as exc:
        raise FramingError(f"{outdir}: cannot write output here ({exc.strerror or exc})") from None
    try:
        os.chmod(tmp, 0o755)
        yield tmp
        if outdir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old-", dir=parent))
            os.rename(outdir, old / "x")
            try:
                os.rename(tmp, outdir)
            except OSError:
                os.rename(old / "x", outdir)  # put the previous output back
                raise
            finally:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, outdir)
    except OSError as exc:  # a full disk, a folder that vanished, permissions
        shutil.rmtree(tmp, ignore_errors=True)
        raise FramingError(f"{outdir}: cannot write output here ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

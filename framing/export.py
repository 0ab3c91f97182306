"""Tables as plain rows, written as CSV and JSON.

Every table is a list of dicts with a fixed column order (``TABLES``), so the same input
gives the same bytes. CSV text cells that a spreadsheet would run as a formula (starting
with =, +, -, @, tab or CR) get a leading apostrophe (OWASP "CSV injection"), so such a
cell is no longer ``text[start:end]``; ``guard=False`` (``--no-formula-guard``) writes
text as it is, for analysis in pandas or R. Numbers are written as numbers and the JSON
and Parquet exports are never guarded.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np


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


def _plain_cell(value: Any) -> Any:
    """``_cell`` without the formula guard."""
    return value if type(value) is str else _cell(value)


def _cells(guard: bool):
    return _cell if guard else _plain_cell


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, header: bool = True, guard: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    cell = _cells(guard)
    writer.writerows([cell(row.get(c)) for c in columns] for row in rows)
    return buffer.getvalue()


class CsvWriter:
    """A CSV table appended to a batch of rows at a time (a large table never sits in
    memory): header first, each cell through ``_cell``."""

    def __init__(self, path: Path, columns: Sequence[str], *, guard: bool = True):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.columns = tuple(columns)
        self._cell = _cells(guard)
        self._handle = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle, lineterminator="\n")
        self._writer.writerow(self.columns)

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        columns, cell = self.columns, self._cell
        self._writer.writerows([cell(row.get(c)) for c in columns] for row in rows)

    def close(self) -> None:
        self._handle.close()


def csv_cells(cells: Sequence[Any], *, guard: bool = True) -> str:
    """One CSV line (no line end) of ``cells``, each through ``_cell``: for building the
    lines of a large table from pieces (``FeatureRows.csv_chunks``)."""
    buffer = io.StringIO()
    cell = _cells(guard)
    csv.writer(buffer, lineterminator="").writerow([cell(v) for v in cells])
    return buffer.getvalue()


def number_cell(value: Any) -> str:
    """A number as ``CsvWriter`` writes it ("" for None)."""
    cell = _cell(value)
    return cell if isinstance(cell, str) else str(cell)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, guard: bool = True) -> None:
    """Stream rows to a CSV file. Rows that can write themselves as CSV text
    (``csv_chunks(guard=)``, header excluded) do so; the bytes are the same."""
    chunks = getattr(rows, "csv_chunks", None)
    if chunks is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(csv_text(columns, ()))
            handle.writelines(chunks(guard=guard))
        return
    writer = CsvWriter(path, columns, guard=guard)
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

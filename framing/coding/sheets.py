"""Read coded sheets in any of the forms ``framing sample`` writes them for: the coding
page's JSON (``coded-<coder>.json``), a Label Studio JSON export (one sheet per annotator),
or a brat folder (one sheet, the folder's coder)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import FramingError
from .items import CODED_FORMAT, SAMPLE_FORMAT, CodedSheet, read_coded_json, read_json_file


def read_sheets(paths: Iterable[str | Path]) -> list[CodedSheet]:
    """Every coded sheet in ``paths``, in the order given (a Label Studio export's
    annotators sorted by name)."""
    sheets: list[CodedSheet] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            from .brat import read_brat

            sheets.append(read_brat(path))
            continue
        if not path.is_file():
            raise FramingError(f"{path}: no such file or folder")
        data = read_json_file(path)
        if isinstance(data, list):
            from .labelstudio import read_labelstudio

            sheets.extend(read_labelstudio(path))
        elif isinstance(data, dict) and data.get("format") == CODED_FORMAT:
            sheets.append(read_coded_json(path))
        elif isinstance(data, dict) and data.get("format") == SAMPLE_FORMAT:
            raise FramingError(f"{path}: this is the sample framing drew, not a coded sheet (code it in coding.html, which saves coded-<coder>.json)")
        else:
            raise FramingError(f"{path}: not a coded sheet (expected the coding page's coded-<coder>.json, a Label Studio JSON export, or a brat folder)")
    if not sheets:
        raise FramingError("no coded sheet given")
    return sheets

"""Read a corpus in the three forms researchers have: a folder of .txt/.md files (with an
optional ``corpus.toml`` or ``corpus.csv`` manifest, ``folder``), a JSONL file or a CSV file
(``records``).

Articles come out sorted by id. Every problem a user can cause is a ``CorpusError`` with
a one-line message, and every skipped file a named warning in ``Corpus.warnings``.
"""

from __future__ import annotations

import dataclasses
import stat
from collections.abc import Mapping
from pathlib import Path

from ..errors import CorpusError
from .corpus import SURROGATE, Corpus, link_target, printable
from .folder import read_folder
from .records import read_records


def read_corpus(path: Path | str, *, strict: bool = False, recursive: bool = False, columns: Mapping[str, str] | None = None, dayfirst: bool = False) -> Corpus:
    """Read a corpus folder, JSONL or CSV/TSV file; ``recursive`` reads a folder's subfolders
    too; ``columns`` maps framing's columns to a spreadsheet's headers ({"text": "Body"})."""
    path = Path(path)
    try:
        corpus = _read_corpus(path, strict=strict, recursive=recursive, columns=columns or {}, dayfirst=dayfirst)
    except CorpusError as exc:
        # A path in a message may hold a file name's undecodable bytes: show them escaped.
        raise CorpusError(printable(str(exc))) from None
    if any(SURROGATE.search(w) for w in corpus.warnings):
        corpus = dataclasses.replace(corpus, warnings=tuple(printable(w) for w in corpus.warnings))
    return corpus


def _read_corpus(path: Path, *, strict: bool, recursive: bool, columns: Mapping[str, str], dayfirst: bool = False) -> Corpus:
    status = link_target(path)
    if isinstance(status, str):
        raise CorpusError(f"{path}: {status}")
    suffix = path.suffix.lower()
    if columns and not (suffix in (".csv", ".tsv") and stat.S_ISREG(status.st_mode)):
        raise CorpusError(f"{path}: --columns names a spreadsheet's columns; this corpus is no .csv or .tsv file")
    if stat.S_ISDIR(status.st_mode):
        corpus = read_folder(path, strict=strict, recursive=recursive, dayfirst=dayfirst)
    elif suffix in (".jsonl", ".csv", ".tsv"):
        if not stat.S_ISREG(status.st_mode):  # a pipe or a device would block or never end
            raise CorpusError(f"{path}: not a regular file")
        corpus = read_records(path, "jsonl" if suffix == ".jsonl" else "csv", strict=strict, columns=columns, dayfirst=dayfirst)
    else:
        raise CorpusError(f"{path}: not a corpus (expected a folder, a .jsonl, .csv or .tsv file)")
    if not corpus.articles:
        why = "; ".join(corpus.warnings[:3]) + ("; ..." if len(corpus.warnings) > 3 else "")
        raise CorpusError(f"{path}: the corpus has no articles with text" + (f" ({why})" if why else ""))
    return corpus



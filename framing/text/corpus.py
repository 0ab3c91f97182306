"""A corpus and what every reader shares: the ``Corpus`` record, the limits, and the
cleaning every text field goes through.

Text is compared in one Unicode normal form everywhere: every article's id, outlet, title,
text, date and url is normalised to NFC when it is read, whatever the corpus form, so
``Article.text`` (which every offset indexes) is NFC and an outlet written decomposed
("Su\\u0308ddeutsche") is the same outlet as "Süddeutsche". A lone surrogate (a JSON escape
such as "\\ud800" that is not half of a pair) cannot be written as UTF-8; it becomes U+FFFD,
with a warning naming the record. Messages show a file name's undecodable bytes as
``\\xe9``, so they can always be printed.
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorpusError
from ..types import Article


TEXT_SUFFIXES = (".txt", ".md")
COLUMNS = ("id", "outlet", "title", "text", "date", "url")
REQUIRED = ("id", "outlet", "text")
#: An article longer than this is almost surely a scraping accident (a whole site dumped
#: into one file); it is skipped with a warning (an error with ``strict``).
MAX_ARTICLE_CHARS = 5_000_000
#: Fields can be large (a whole article); the csv module's default limit is 128 KiB.
CSV_FIELD_LIMIT = 256 * 1024 * 1024
#: Folders below a corpus folder that never hold articles (a corpus's own lexicons).
NOT_ARTICLE_FOLDERS = frozenset({"lexicons"})
#: How many of the subfolder files left out (without ``recursive``) a warning names.
IGNORED_SHOWN = 3

SURROGATE = re.compile("[\ud800-\udfff]")
MISSING = "no such file or directory"


def printable(text: str) -> str:
    """``text`` that can be printed or written as UTF-8: the undecodable bytes of a file name
    (surrogate escapes, U+DC80-U+DCFF) shown as ``\\xe9``, another lone surrogate as ``\\ud800``."""
    if not SURROGATE.search(text):
        return text
    return SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF else f"\\u{ord(m[0]):04x}", text)


def clean_value(value: str) -> tuple[str, int]:
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
        value, bad = SURROGATE.subn("\ufffd", value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value, bad


def replaced_warning(where: str, bad: int) -> str:
    if bad == 1:
        return f"{where}: 1 invalid character (a lone surrogate) replaced with U+FFFD"
    return f"{where}: {bad} invalid characters (lone surrogates) replaced with U+FFFD"


def link_target(path: Path) -> os.stat_result | str:
    """The status of what ``path`` leads to (symbolic links followed), else why it cannot be
    read: a symbolic link loop, one to a missing file, no such file, no permission."""
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if isinstance(exc, FileNotFoundError):
            try:
                return "symbolic link to a missing file" if path.is_symlink() else MISSING
            except OSError:
                return MISSING
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
        known = getattr(self.articles, "outlets", None)  # an ``ArticleFile`` knows its outlets
        if known is not None:
            return known
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


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


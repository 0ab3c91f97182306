"""Publication dates as researchers' exports write them, read as ISO YYYY-MM-DD.

"2026-01-05", "2026-01-05T08:00:00Z", "20260105", "5 January 2026", "Jan. 5, 2026" and
"January 5, 2026" have one reading. "05/01/2026" has two: month first (US exports, the
default) or day first (``dayfirst``, most of the world); ``iso_date`` says when it had to
choose, and the reader warns once per corpus. "13/01/2026" can only be day first. A date
none of these forms reads is kept as written.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["ambiguous_dates_warning", "iso_date"]

_MONTHS = {m: k for k, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
), 1) for m in names}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{6})?")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def iso_date(value: str, *, dayfirst: bool = False) -> tuple[str, bool]:
    """(the date as YYYY-MM-DD, else ``value`` as written; whether it was ambiguous, i.e.
    month and day could be swapped and ``dayfirst`` chose)."""
    text = " ".join(value.split())
    if not text:
        return "", False
    for pattern in (_ISO, _COMPACT):
        m = pattern.fullmatch(text)
        if m:
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) or value, False
    m = _NUMERIC.fullmatch(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        ambiguous = a <= 12 and b <= 12 and a != b
        first_day = dayfirst if ambiguous else a > 12
        day, month = (a, b) if first_day else (b, a)
        return _valid(y, month, day) or value, ambiguous
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        m = pattern.fullmatch(text)
        if m:
            if order == "dmy":
                day, name, y = int(m.group(1)), m.group(2), int(m.group(3))
            else:
                name, day, y = m.group(1), int(m.group(2)), int(m.group(3))
            month = _MONTHS.get(name.lower().rstrip("."))
            if month:
                return _valid(y, month, day) or value, False
    return value, False


def ambiguous_dates_warning(where: str, values: list[str], dayfirst: bool) -> str:
    """One warning for the dates of a corpus that month and day could swap."""
    example = values[0]
    read = iso_date(example, dayfirst=dayfirst)[0]
    many = len(values) != 1
    how = "day first (--dayfirst)" if dayfirst else "month first; --dayfirst reads them day first"
    return f"{where}: {len(values)} date{'s' if many else ''} such as {example!r} could be read day or month first: read {how} ({example} is {read})"

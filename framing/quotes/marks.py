"""Quote marks in a paragraph: straight or curly, single or double, NYT-style ``''``,
mismatched closers read by context, apostrophes told apart from single quotes, and a quote
that runs on into the next paragraph."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..types import Paragraph


# --------------------------------------------------------------------------------------
# Quote marks
# --------------------------------------------------------------------------------------

_MARK = re.compile(r"''|\"|'")
_OPEN_CTX = " \t\n([{—–-/\u2014\u2013"
_CLOSE_NEXT = " \t\n.,;:!?)]}—–-\u2014\u2013\"'…"
_ELISION = re.compile(r"'(?:\d\d(?:s\b|\b)|(?:em|tis|til|cause|n|bout|twas)\b)", re.IGNORECASE)


@dataclass(slots=True)
class _RawQuote:
    start: int  # content start (after the mark)
    end: int  # content end (before the mark)
    open_mark: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== end when unclosed)
    paragraph: int
    runon: bool = False  # the paragraph ended inside this quote and the next paragraph goes on
    continued_from_runon: bool = False


def _double_marks(text: str, copy: str, ps: int, pe: int) -> list[tuple[int, int, str]]:
    """(start, end, orientation) of double quote marks in copy[ps:pe]; orientation open/close/amb."""
    out: list[tuple[int, int, str]] = []
    for m in _MARK.finditer(copy, ps, pe):
        s, e = m.start(), m.end()
        if m.group() == "'":
            continue
        if m.group() == "''" and text[s:e] != "''":
            continue  # two curly single marks side by side are not NYT's double mark
        prev = copy[s - 1] if s > ps else " "
        nxt = copy[e] if e < pe else " "
        opener = prev in _OPEN_CTX or prev in "\"'" and s - 1 >= ps and (s - 2 < ps or copy[s - 2] in _OPEN_CTX)
        opener = opener and not nxt.isspace()
        closer = not prev.isspace() and (nxt in _CLOSE_NEXT or e >= pe)
        if opener and not closer:
            orient = "open"
        elif closer and not opener:
            orient = "close"
        else:
            ch = text[s]
            orient = "open" if ch in "\u201c\u201e\u00ab" else "close" if ch in "\u201d\u00bb" else "amb"
        out.append((s, e, orient))
    return out


def _pair(marks: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, int, int]], int | None, int | None]:
    """Pair marks left to right; return (pairs as (open_s, open_e, close_s, close_e), unclosed opener end)."""
    pairs = []
    open_at: tuple[int, int] | None = None
    for s, e, orient in marks:
        if open_at is None:
            if orient in ("open", "amb"):
                open_at = (s, e)
        elif orient in ("close", "amb"):
            pairs.append((open_at[0], open_at[1], s, e))
            open_at = None
        else:  # an opener while open: the earlier one never closed; start again here
            open_at = (s, e)
    return pairs, (open_at[1] if open_at else None), (open_at[0] if open_at else None)


def _single_pairs(text: str, copy: str, ps: int, pe: int, taken: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Single-quote pairs outside the double quotes; apostrophes are not quote marks."""
    segment = copy[ps:pe]
    if "'" not in segment:
        return []
    openers: list[int] = []
    closers: list[int] = []
    # The taken spans by start, with the furthest end so far: an offset is inside one iff the
    # furthest end among the spans starting at or before it is past it (no scan per mark).
    taken = sorted(taken)
    taken_starts = [a for a, _ in taken]
    reach = list(accumulate((b for _, b in taken), max))
    for m in re.finditer("'", segment):
        i = ps + m.start()
        if i + 1 < pe and copy[i + 1] == "'" or i > ps and copy[i - 1] == "'":
            continue  # part of a '' double mark
        k = bisect.bisect_right(taken_starts, i)
        if k and reach[k - 1] > i:
            continue
        prev = copy[i - 1] if i > ps else " "
        nxt = copy[i + 1] if i + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don't, Korea's
        if (prev in _OPEN_CTX or prev == '"') and (nxt.isalnum() or nxt in "$#(") and not _ELISION.match(copy, i):
            openers.append(i)
        elif not prev.isspace() and (nxt in _CLOSE_NEXT or i + 1 >= pe):
            closers.append(i)
    pairs = []
    ci = 0
    last_end = -1
    for o in openers:
        if o < last_end:
            continue
        while ci < len(closers) and closers[ci] <= o:
            ci += 1
        if ci >= len(closers):
            break
        # Prefer a closer not after a plural -s (the Koreas' ties) when a later one exists.
        pick = ci
        if copy[closers[ci] - 1] in "sS" and ci + 1 < len(closers):
            k = bisect.bisect_right(openers, o)
            nxt_open = openers[k] if k < len(openers) else pe
            if closers[ci + 1] < nxt_open:
                pick = ci + 1
        c = closers[pick]
        k = bisect.bisect_right(taken_starts, o)
        if k < len(taken_starts) and taken_starts[k] < c:
            continue  # a double quote starts inside
        pairs.append((o, o + 1, c, c + 1))
        last_end = c + 1
        ci = pick + 1
    return pairs


def _trim(copy: str, s: int, e: int) -> tuple[int, int]:
    while s < e and copy[s].isspace():
        s += 1
    while e > s and (copy[e - 1].isspace() or copy[e - 1] == ","):
        e -= 1
    return s, e


def _find_marked(text: str, copy: str, paragraphs: Sequence[Paragraph]) -> list[_RawQuote]:
    out: list[_RawQuote] = []
    runon_prev = False
    for pi, para in enumerate(paragraphs):
        ps, pe = para.span.start, para.span.end
        marks = _double_marks(text, copy, ps, pe)
        # A paragraph that continues a run-on quote opens with a mark of its own (AP style).
        pairs, unclosed_end, unclosed_start = _pair(marks)
        taken = [(a, d) for a, _, _, d in pairs]
        if unclosed_start is not None:
            taken.append((unclosed_start, pe))
        singles = _single_pairs(text, copy, ps, pe, taken)
        quotes = []
        for os_, oe, cs, ce in pairs + singles:
            s, e = _trim(copy, oe, cs)
            if e > s and any(ch.isalnum() for ch in copy[s:e]):
                quotes.append(_RawQuote(s, e, os_, ce, pi))
        if unclosed_end is not None:
            s, e = _trim(copy, unclosed_end, pe)
            next_opens = False
            if pi + 1 < len(paragraphs):
                nps = paragraphs[pi + 1].span.start
                next_opens = copy[nps : nps + 2].startswith(('"', "''"))
            words = len(re.findall(r"\w+", copy[s:e]))
            if e > s and (next_opens or words >= 3) and not any(q.start <= s < q.end for q in quotes):
                quotes.append(_RawQuote(s, e, unclosed_end - 1, e, pi, runon=next_opens))
        quotes.sort(key=lambda q: q.start)
        if runon_prev and quotes and quotes[0].open_mark == ps:
            quotes[0].continued_from_runon = True
        runon_prev = bool(quotes) and quotes[-1].runon
        out.extend(quotes)
    return out

"""The channel a quote came through ("according to the state news agency", "told the Daily", "in a
statement") and the English clause words the attribution reads around it."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..types import CHANNEL_TYPES
from .tokens import _is_cap, _is_word

if TYPE_CHECKING:
    from .paragraph import _Para


def _channels_in(para: _Para, a: int, b: int, exclude: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, int]]:
    """Channel mentions between offsets a and b: (start, end, type, rank) with lower rank preferred."""
    rules = para.rules
    out = []
    extra = exclude  # quotes are always excluded; these are further spans (content, speaker)
    ex_starts = para.qstarts
    lo, hi = bisect.bisect_left(para.chan_starts, a), bisect.bisect_left(para.chan_starts, b)
    for m_start, m_end, group in para.chan[lo:hi]:  # the phrases starting in [a, b)
        if m_end > b:
            continue
        k = bisect.bisect_right(ex_starts, m_start)
        if any(x <= m_start < y for x, y in para.qspans[max(0, k - 3) : k]) or any(x <= m_start < y for x, y in extra):
            continue
        key = " ".join(group.lower().split())
        ctype, named = rules.channel_kind.get(key, ("other", False))
        i = para.tok_at(m_start)
        j = para.tok_at(m_end)
        if i >= len(para.toks) or para.toks[i].quoted:
            continue
        toks = para.toks
        s = m_start
        e = m_end
        # extend left over the noun phrase: "Russia's state news agency TASS", "a radio interview"
        k = i
        while k - 1 >= 0 and i - k < 4 and toks[k - 1].s >= a:
            p = toks[k - 1]
            if p.quoted or not _is_word(p.t) or p.low in rules.extend_left_stop or p.low in rules.forms:
                break
            if p.low in rules.boundaries and p.low not in rules.determiners:
                break
            k -= 1
            if p.low in rules.determiners:
                break
        s = toks[k].s if k < i else s
        # extend right over outlet words and a following name: "news agency", "outlet Yicai"
        k = j
        if not named:
            if ctype == "social_media" and k + 1 < len(toks) and toks[k + 1].e <= b and toks[k].t.islower() and _is_word(toks[k].t) and _is_cap(toks[k + 1].t):
                k += 1  # "social media platform X": the platform's name is the channel's
            while k < len(toks) and toks[k].e <= b and k - j < 3 and _is_cap(toks[k].t) and not toks[k].quoted:
                k += 1
        for w in ("news agency", "agency", "news", "newspaper", "daily", "broadcaster"):
            ws = w.split()
            if k + len(ws) <= len(toks) and [t.low for t in toks[k : k + len(ws)]] == ws:
                k += len(ws)
                break
        if k > j:
            e = toks[k - 1].e
            if not named and ctype == "other_outlet":
                named = True
        rank = 0 if named else 1 + list(CHANNEL_TYPES).index(ctype) if ctype in CHANNEL_TYPES else 9
        if key in ("interview", "interview with") or ctype == "other":
            rank = 20
        out.append((s, e, ctype, rank))
    return out

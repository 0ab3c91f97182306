"""The pieces of one statement joined: each quote or reported clause the extractor finds
is an ``_Out``; an interrupted quote and its continuation ('"…," she said. "…"') become
one, and a reported clause that holds only partial or scare quotes takes their place with
their words as its quoted words (PolNeAR's content, Newell et al. 2018).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import _Cue


@dataclass(slots=True)
class _Out:
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None  # offsets
    cue: tuple[int, int] | None
    channel: tuple[int, int] | None
    channel_type: str
    sentence: int
    paragraph: int
    continues: "_Out | None" = None
    cue_obj: _Cue | None = None
    marked: bool = True
    add_cue: bool = False
    pronoun: bool = False
    runon: bool = False
    cont_runon: bool = False
    sentence_start: bool = False
    quoted: tuple[tuple[int, int], ...] = ()
    holds_quotes: bool = False  # reported content with quoted words inside (a partial quote's clause)
    title: bool = False  # the quoted title of a show or paper ("on Fox News's "Fox and Friends"")



def _join_interrupted(outs: list[_Out]) -> list[_Out]:
    """An interrupted quotation is one statement: '"…," she said. "…"' gives one quote whose
    span runs from the first quoted piece to the last, with each piece as its quoted words
    (PolNeAR annotates it as one attribution with several content pieces). Pieces in
    separate paragraphs stay separate quotes linked by ``continues``."""
    out: list[_Out] = []
    for o in outs:
        prev = next((p for p in reversed(out) if p.marked), None)
        if prev is not None and o.continues is prev and o.kind == prev.kind == "direct" and o.paragraph == prev.paragraph and (o.speaker is None or o.speaker == prev.speaker):
            while out[-1] is not prev:
                out.pop()  # reported speech inside the interruption ("…," X said, calling …, "…")
            prev.end = o.end
            prev.quoted = prev.quoted + o.quoted
            for later in outs:
                if later.continues is o:
                    later.continues = prev
            continue
        out.append(o)
    return out


def _join_same_cue(outs: list[_Out]) -> list[_Out]:
    """A reported clause and the partial quotes after it in its sentence that the same cue
    reports are one statement: 'She added that most of the vote is anti-Trump, which is a
    problem because, "we vote for somebody."' The clause runs on to the last such quote
    and holds their words."""
    partials = [o for o in outs if o.marked and o.kind in ("partial", "scare") and o.cue_obj is not None]
    if not partials:
        return outs
    gone: set[int] = set()
    for r in outs:
        if r.marked or r.holds_quotes or r.cue_obj is None:
            continue
        mine = [p for p in partials if p.cue_obj is r.cue_obj and p.sentence == r.sentence and p.start >= r.end and id(p) not in gone]
        if not mine:
            continue
        end = max(p.end for p in mine)
        between = [o for o in outs if o is not r and r.start <= o.start and o.end <= end]
        if any(o.marked and o.kind == "direct" or not o.marked and o.cue_obj is not r.cue_obj for o in between):
            continue  # another attribution in between: not one statement
        gone.update(id(o) for o in between)
        r.end, r.kind, r.marked = end, "partial", True
        r.quoted = tuple(piece for p in between if p.marked for piece in p.quoted or ((p.start, p.end),))
        if r.channel is None:
            chan = next((p for p in mine if p.channel is not None), None)
            if chan is not None:
                r.channel, r.channel_type = chan.channel, chan.channel_type
    return [o for o in outs if id(o) not in gone]


def _join_partials(outs: list[_Out], copy: str) -> list[_Out]:
    """Partial quotes in one sentence that one cue attributes are one statement: 'X, he
    said, can "rock like Jimi" and "stir the pot."' The first runs on to the last and holds
    the words of each, when only words without another quote or statement stand between."""
    out: list[_Out] = []
    for o in outs:
        prev = next((x for x in reversed(out) if x.marked), None)
        if (
            prev is not None and o.marked and prev.marked and o.kind == prev.kind == "partial" and o.cue_obj is not None
            and o.cue_obj is prev.cue_obj and o.sentence == prev.sentence and prev.end <= o.start
            and len(re.findall(r"\w+", copy[prev.end : o.start])) <= 3
            and not any(prev.end <= x.start < o.start for x in out)
        ):
            prev.end = o.end
            prev.quoted = prev.quoted + o.quoted
            continue
        out.append(o)
    return out


def _only_the_quote(copy: str, h: _Out, inner: list[_Out]) -> bool:
    """Whether a clause reports nothing but its quoted words: it opens with the quote and
    at most a short adjunct follows ('said "we will win," on Monday')."""
    first, last = min(o.start for o in inner), max(o.end for o in inner)
    return not any(ch.isalnum() for ch in copy[h.start : first]) and len(re.findall(r"\w+", copy[last : h.end])) <= 3


def _with_clauses(outs: list[_Out], copy: str) -> list[_Out]:
    """A partial quote's content is the clause that reports it: a reported clause holding
    only partial or scare quotes takes their place, with their words as its quoted words
    ("Clinton called half of Trump's supporters 'deplorables'": one attribution, its
    content "half of Trump's supporters 'deplorables'"). PolNeAR annotates the clause as
    the content (Newell et al. 2018); the quoted words alone lose what was reported.
    A clause holding a direct quote is dropped: the quote is the content."""
    outs = _join_partials(sorted(_join_same_cue(outs), key=lambda o: (o.start, o.end)), copy)
    holders = [o for o in outs if o.holds_quotes]
    if not holders:
        return outs
    gone: set[int] = set()
    for h in holders:
        inner = [o for o in outs if o.marked and h.start <= o.start and o.end <= h.end]
        if not inner or any(o.kind not in ("partial", "scare") for o in inner) or _only_the_quote(copy, h, inner):
            # a clause that opens with the quote ('said "we will win," on Monday') reports
            # nothing but the quoted words: they are the content
            gone.add(id(h))
            continue
        gone.update(id(o) for o in inner)
        h.kind, h.marked = "partial", True
        h.quoted = tuple(piece for o in inner for piece in o.quoted or ((o.start, o.end),))
        if h.channel is None:
            chan = next((o for o in inner if o.channel is not None), None)
            if chan is not None:
                h.channel, h.channel_type = chan.channel, chan.channel_type
    return [o for o in outs if id(o) not in gone]

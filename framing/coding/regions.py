"""The regions a coder sees and edits, the same in Label Studio and brat: the item's span
(Quote, Mention, Term, Target) and framing's marks (Speaker, Cue, Channel; Sentence and
Mention as guides), and ``code_item``, which reads both tools' regions back the same way:
deleting the item's region (or choosing "no") says framing was wrong; a speaker's or actor's
name is the text written on its region (a per-region TextArea in Label Studio, AnnotatorNotes
in brat); a new region of the item's label that overlaps no sampled item is one framing missed
(``CodedSheet.added``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import FramingError
from .items import FIELDS, CodedItem, Item

#: The label of an item's own span, and of the marks shown with it (framing role -> label).
SPAN_LABEL = {"quotes": "Quote", "mentions": "Mention", "topics": "Term", "tone": "Target"}
MARK_LABELS = {"quotes": {"speaker": "Speaker", "cue": "Cue", "channel": "Channel"}, "mentions": {},
               "topics": {"sentence": "Sentence"}, "tone": {"target": "Mention"}}
#: Quote relations (Label Studio chains Speaker -Source-> Cue -Cue-> Quote; Channel -Via-> Quote).
RELATIONS = ("Source", "Cue", "Via")
NAME = {"quotes": "name", "mentions": "actor"}  # the per-region TextArea of Speaker and Channel, of Mention
COLOURS = {"Quote": "#f4c542", "Speaker": "#6fb7ff", "Cue": "#b99cff", "Channel": "#7fd67f", "Mention": "#ff9f6f",
           "Term": "#6fd6c8", "Sentence": "#dddddd", "Target": "#f4c542"}


@dataclass(frozen=True, slots=True)
class Region:
    """A labelled span of an item's context (a Label Studio region, a brat T), in context offsets."""

    id: str
    label: str
    start: int
    end: int
    name: str | None = None  # the words written on it: Label Studio per-region TextArea, brat AnnotatorNotes
    choice: str | None = None  # its per-region choice: Label Studio per-region Choices, brat attribute (Kind, Tone)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def _words(s: str) -> str:
    return " ".join(s.split())


def code_item(what: str, item: Item, regions: Sequence[Region], links: Iterable[tuple[str, str]], taken: Sequence[tuple[int, int]],
              choices: dict[str, str], where: str) -> tuple[dict[str, str], list[CodedItem]]:
    """The coder's answers about ``item`` from the regions of its context, and the items the
    coder added. ``links``: related region ids (either direction); ``taken``: article spans
    of the sample's items in this article (a new region over one of them is not an addition);
    ``choices``: whole-task choices (field -> value)."""
    cs, label = item.context_start, SPAN_LABEL[what]
    by_id = {r.id: r for r in regions}
    near: dict[str, set[str]] = {}
    for a, b in links:
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)

    def linked(r: Region, want: str) -> list[Region]:
        """Regions labelled ``want`` related to ``r``, directly or through a Cue related to it."""
        ids = set(near.get(r.id, ()))
        ids |= {j for i in ids if i in by_id and by_id[i].label == "Cue" for j in near.get(i, ())}
        return sorted((by_id[i] for i in ids if i in by_id and by_id[i].label == want), key=lambda x: (x.start, x.end, x.id))

    def party(q: Region, want: str, role: str | None) -> str | None:
        """The name on the Speaker (or words of the Channel) of quote ``q``; with ``role``, a
        region over framing's mark of that role counts when it belongs to no other quote."""
        found = linked(q, want)
        if not found and role:
            marks = [m for m in item.marks if m.role == role]
            found = [r for r in regions if r.label == want and any(_overlap(r.start, r.end, m.start - cs, m.end - cs) > 0 for m in marks)
                     and all(o.id == q.id for o in linked(r, "Quote"))]
        if not found:
            return None
        r = found[0]
        return _words(r.name if r.name is not None else item.context[r.start:r.end])

    allowed = {f.name: f.choices for f in FIELDS[what] if f.choices}

    def pick(name: str, *values: str | None) -> str | None:
        """The first value given for choice field ``name``, checked against its choices."""
        value = next((v for v in values if v), None)
        if value is not None and value not in allowed[name]:
            raise FramingError(f"{where}: {name} is {value!r} (one of: {', '.join(allowed[name])})")
        return value

    lo, hi = item.start - cs, item.end - cs
    own = [r for r in regions if r.label == label and _overlap(r.start, r.end, lo, hi) > 0]
    main = max(own, key=lambda r: (_overlap(r.start, r.end, lo, hi), -r.start)) if own else None
    first = FIELDS[what][0].name
    if what == "tone":  # a tone is about a sentence and an actor: there is nothing to add
        tone = pick("tone", main.choice if main else None, choices.get("tone"))
        return ({"tone": tone} if tone else {}), []
    if main is None or pick(first, choices.get(first)) == "no":
        coded = {first: "no"}
    elif what == "quotes":
        coded = {"is_quote": "yes", "speaker": party(main, "Speaker", "speaker") or ""}
        kind = pick("kind", main.choice, choices.get("kind"))
        coded.update({"kind": kind} if kind else {}, channel=party(main, "Channel", "channel") or "")
    else:
        coded = {first: "yes", **({"actor": _words(main.name)} if what == "mentions" and main.name is not None else {})}
    added: list[CodedItem] = []
    for r in sorted(regions, key=lambda x: (x.start, x.end, x.id)):
        text = item.context[r.start:r.end]
        s, e = r.start + len(text) - len(text.lstrip()), r.end - (len(text) - len(text.rstrip()))  # the words, as the coding page trims them
        if r.label != label or s >= e or any(_overlap(s + cs, e + cs, a, b) > 0 for a, b in taken):
            continue
        if what == "quotes":
            kind = pick("kind", r.choice)
            c = {"is_quote": "yes", "speaker": party(r, "Speaker", None) or "", **({"kind": kind} if kind else {}), "channel": party(r, "Channel", None) or ""}
        else:
            c = {first: "yes", **({"actor": _words(r.name)} if what == "mentions" and r.name is not None else {})}
        topic = what == "topics"
        added.append(CodedItem(f"{item.article}#added{s + cs}-{e + cs}", item.article, item.outlet, item.stratum if topic else "",
                               item.subject if topic else c.get("actor", ""), s + cs, e + cs, {}, c, added=True))
    return coded, added

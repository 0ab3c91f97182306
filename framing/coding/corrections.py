"""Hand corrections of quotes, applied before any measure (``framing analyze --corrections``).

A coded quote sheet says, per sampled quote, what a coder found: not a quote (the quote is
dropped), another speaker, kind or channel (the quote is changed), and the quotes framing
missed (added). ``Corrections`` holds them by article; ``Analyzer`` applies them to the
quotes of each article as it is analysed, so every measure, table and chart downstream
sees the corrected quotes, and each corrected quote says so (``Quote.corrected``). The
files and their SHA-256 go into analysis.json, so the run can be reproduced.

A correction names its quote by offsets: a change whose quote this run does not find (the
lexicons changed) is applied as an added quote, and an added quote that overlaps a quote
framing found replaces that quote, so a quote is never counted twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..actors import name_key, slug
from ..errors import FramingError
from ..types import Actor, Quote, Sentence, Span
from .items import CodedSheet

CHANGEABLE = ("speaker", "kind", "channel")


@dataclass(frozen=True, slots=True)
class QuoteCorrection:
    article: str
    start: int
    end: int
    action: str  # drop | change | add
    values: tuple[tuple[str, str], ...]  # the fields a coder set: (field, value), for change and add
    item: str  # the sample item id (or the added quote's id)
    source: str  # the coded file


@dataclass(frozen=True, slots=True)
class Corrections:
    by_article: tuple[tuple[str, tuple[QuoteCorrection, ...]], ...]
    files: tuple[tuple[str, str, str], ...]  # (file, coder, sha256)

    def of(self, article_id: str) -> tuple[QuoteCorrection, ...]:
        return dict(self.by_article).get(article_id, ())

    @property
    def count(self) -> dict[str, int]:
        counts = {"drop": 0, "change": 0, "add": 0}
        for _, corrections in self.by_article:
            for c in corrections:
                counts[c.action] += 1
        return counts

    def record(self) -> dict[str, Any]:
        """What analysis.json says about the corrections of a run."""
        return {"files": [{"file": f, "coder": c, "sha256": h} for f, c, h in self.files], **self.count}


def corrections_from(sheets: Sequence[CodedSheet]) -> Corrections:
    """The corrections the coded quote sheets make; two sheets correcting one quote apart
    are an error (adjudicate first: one file per decision)."""
    chosen: dict[tuple[str, int, int], QuoteCorrection] = {}
    for sheet in sheets:
        if sheet.what != "quotes":
            raise FramingError(f"{sheet.source}: --corrections applies coded quote sheets; this one codes {sheet.what} (score it with framing score)")
        found = [c for c in sheet.items if c.coded]
        for c in [*found, *sheet.added]:
            if c.added:
                action, values = "add", tuple((f, c.coded[f]) for f in CHANGEABLE if f in c.coded)
            elif c.coded.get("is_quote") == "no":
                action, values = "drop", ()
            else:
                values = tuple((f, c.coded[f]) for f in CHANGEABLE if f in c.coded and name_key(c.coded[f]) != name_key(c.framing.get(f, "")))
                if not values:
                    continue  # confirmed as framing had it
                action = "change"
            correction = QuoteCorrection(c.article, c.start, c.end, action, values, c.id, sheet.source)
            key = (c.article, c.start, c.end)
            earlier = chosen.get(key)
            if earlier is not None and (earlier.action, earlier.values) != (action, values):
                raise FramingError(f"{earlier.source} and {sheet.source} correct the quote {c.id} differently: adjudicate them into one file")
            chosen[key] = correction
    by_article: dict[str, list[QuoteCorrection]] = {}
    for key in sorted(chosen):
        by_article.setdefault(key[0], []).append(chosen[key])
    return Corrections(tuple((a, tuple(cs)) for a, cs in sorted(by_article.items())), tuple((s.source, s.coder, s.sha256) for s in sheets))


def actor_names(actors: Sequence[Actor]) -> dict[str, Actor]:
    """name_key of each actor's name and aliases -> the actor, for a coder's speaker name."""
    out: dict[str, Actor] = {}
    for a in actors:
        for name in (a.name, *a.aliases):
            out.setdefault(name_key(name), a)
    return out


def apply_corrections(quotes: Sequence[Quote], corrections: Sequence[QuoteCorrection], article_id: str, sentences: Sequence[Sentence], names: Mapping[str, Actor]) -> list[Quote]:
    """``quotes`` with ``corrections`` applied (sorted by offsets, as the extractor gives them)."""
    out = list(quotes)
    starts = [s.span.start for s in sentences]
    for c in corrections:
        span = Span(c.start, c.end)
        exact = [i for i, q in enumerate(out) if q.span == span]
        if c.action == "drop":
            out = [q for i, q in enumerate(out) if i not in exact]
            continue
        values = dict(c.values)
        target = exact or ([i for i, q in enumerate(out) if q.span.overlaps(span)] if c.action == "add" else [])
        if target:
            i = target[0]
            out[i] = _changed(out[i], values, names, span, "added" if c.action == "add" else ",".join(f for f in CHANGEABLE if f in values))
            out = [q for j, q in enumerate(out) if j == i or j not in target]
        else:
            sentence = sentences[max(0, bisect.bisect_right(starts, c.start) - 1)].index if sentences else 0
            blank = Quote(article_id, span, "reported", None, "", "", None, "", None, "", "", None, sentence)
            out.append(_changed(blank, {"kind": "reported", **values}, names, span, "added"))
    return sorted(out, key=lambda q: (q.span.start, q.span.end))


def _changed(q: Quote, values: Mapping[str, str], names: Mapping[str, Actor], span: Span, how: str) -> Quote:
    fields: dict[str, Any] = {"span": span, "corrected": how}
    if "kind" in values:
        fields["kind"] = values["kind"]
    if "channel" in values:
        fields.update(channel=values["channel"], channel_type=("other" if values["channel"] else ""), channel_span=None)
    if "speaker" in values:
        name = values["speaker"].strip()
        actor = names.get(name_key(name)) if name else None
        if actor is not None:
            fields.update(speaker_id=actor.id, speaker=actor.name, speaker_type=actor.type)
        elif name:
            fields.update(speaker_id="person_" + slug(name), speaker=name, speaker_type="other")
        else:
            fields.update(speaker_id=None, speaker="", speaker_type="")
        fields["speaker_span"] = None  # the coder named the speaker; no mention of the text was read for it
    if fields.get("kind", q.kind) == "direct" and not q.quoted:
        fields["quoted"] = (span,)  # a direct quote is its quoted words
    return replace(q, **fields)

"""The two files of the hand-check: a sample of what framing found (``Sample``, written as
``sample.json``), and a coder's answers about it (``CodedSheet``, ``coded-<coder>.json``).

Every other form (the coding page, Label Studio, brat) is written from a ``Sample`` and read
back into a ``CodedSheet``, so scoring and corrections read one form.

An item is one thing framing found, shown in its context (the paragraphs around it) with
framing's answer for each field of its kind (``FIELDS``). Offsets are characters of the
article's text, as everywhere in framing (``types.Span``); an item's ``context`` is
``text[context_start:context_end]``, so a tool that works on the context alone (brat,
Label Studio) subtracts ``context_start``.

A coder answers each field; "" in a yes/no field means not coded. When the first field (is it
a quote / a mention / ...) is "no", the others do not apply and are not scored. A coder may
also add what framing missed inside a context (``CodedSheet.added``: a quote with its
speaker), which gives recall within the sampled contexts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FramingError

WHATS = ("quotes", "mentions", "topics", "tone")
SAMPLE_FORMAT = "framing-sample"
CODED_FORMAT = "framing-coded"
VERSION = 1
YES_NO = ("yes", "no")
QUOTE_KINDS = ("direct", "partial", "reported")
TONE_LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class Field:
    """One question a coder answers about an item; ``choices`` empty for free text."""

    name: str
    question: str
    choices: tuple[str, ...] = ()


#: The fields of each kind of item; the first says whether framing found a real thing at all.
FIELDS: dict[str, tuple[Field, ...]] = {
    "quotes": (
        Field("is_quote", "Is the highlighted text something a source is reported to have said (a quote or reported speech)?", YES_NO),
        Field("speaker", "Who said it: the person's full name, or the group as written ('officials'); empty when the text says nobody", ()),
        Field("kind", "Its form: direct (a whole quoted statement), partial (a few quoted words in the writer's sentence), reported (no quotation marks)", QUOTE_KINDS),
        Field("channel", "How it reached the writer ('told Reuters', 'in a statement'); empty when the text does not say", ()),
    ),
    "mentions": (
        Field("is_mention", "Does the highlighted text refer to the actor named?", YES_NO),
        Field("actor", "Whom it refers to (full name); empty when nobody", ()),
    ),
    "topics": (Field("is_topic", "Is the sentence about the topic named, through the highlighted words?", YES_NO),),
    "tone": (Field("tone", "The sentence's tone toward the actor named (not the tone of the news itself)", TONE_LABELS),),
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A span framing points at inside an item: its speaker, cue, channel, the quoted words."""

    role: str  # speaker | cue | channel | quoted
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    id: str  # stable across reruns: article, kind letter, offsets ("seed_a#q120-180")
    article: str
    outlet: str
    stratum: str  # the kind within its outlet: quote kind, mention via, topic id, tone label
    subject: str  # what the item is about: the actor or topic named in the question; "" for quotes
    start: int  # the item's span in the article text
    end: int
    context_start: int
    context_end: int
    context: str  # text[context_start:context_end]
    framing: dict[str, str]  # framing's answer for each field
    marks: tuple[Mark, ...] = ()

    @property
    def text(self) -> str:
        return self.context[self.start - self.context_start : self.end - self.context_start]


@dataclass(frozen=True, slots=True)
class Sample:
    what: str
    seed: int
    corpus: str
    population: dict[str, int]  # "outlet\tstratum" -> items of that stratum in the corpus
    items: tuple[Item, ...]
    framing_version: str = ""

    @property
    def fields(self) -> tuple[Field, ...]:
        return FIELDS[self.what]

    def to_json(self) -> str:
        data = {
            "format": SAMPLE_FORMAT,
            "version": VERSION,
            "what": self.what,
            "seed": self.seed,
            "corpus": self.corpus,
            "framing_version": self.framing_version,
            "fields": [{"name": f.name, "question": f.question, "choices": list(f.choices)} for f in self.fields],
            "population": [{"outlet": k.split("\t")[0], "stratum": k.split("\t")[1], "items": n} for k, n in sorted(self.population.items())],
            "items": [_item_json(i) for i in self.items],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _item_json(i: Item) -> dict[str, Any]:
    return {
        "id": i.id, "article": i.article, "outlet": i.outlet, "stratum": i.stratum, "subject": i.subject,
        "start": i.start, "end": i.end, "context_start": i.context_start, "context_end": i.context_end, "context": i.context,
        "marks": [{"role": m.role, "start": m.start, "end": m.end} for m in i.marks],
        "framing": dict(i.framing),
    }


def item_from_json(d: dict[str, Any]) -> Item:
    """An ``Item`` from its ``sample.json`` form (``_item_json``)."""
    return Item(str(d["id"]), str(d["article"]), str(d["outlet"]), str(d["stratum"]), str(d.get("subject", "")), int(d["start"]), int(d["end"]),
                int(d["context_start"]), int(d["context_end"]), str(d["context"]), {str(k): str(v) for k, v in d["framing"].items()},
                tuple(Mark(str(m["role"]), int(m["start"]), int(m["end"])) for m in d.get("marks", ())))


def read_sample(path: Path) -> Sample:
    data = _read_json(path, SAMPLE_FORMAT)
    try:
        what = data["what"]
        if what not in WHATS:
            raise FramingError(f"{path}: unknown kind of sample {what!r} (kinds: {', '.join(WHATS)})")
        items = tuple(item_from_json(i) for i in data["items"])
        population = {f"{p['outlet']}\t{p['stratum']}": int(p["items"]) for p in data.get("population", ())}
        return Sample(what, int(data.get("seed", 0)), str(data.get("corpus", "")), population, items, str(data.get("framing_version", "")))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FramingError(f"{path}: not a framing sample ({type(exc).__name__}: {exc})") from None


@dataclass(frozen=True, slots=True)
class CodedItem:
    """A coder's answers about one item (``added``: one the coder says framing missed)."""

    id: str
    article: str
    outlet: str
    stratum: str
    subject: str
    start: int
    end: int
    framing: dict[str, str]  # {} for an added item
    coded: dict[str, str]  # field -> the coder's value; a field left out was not coded
    added: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class CodedSheet:
    what: str
    coder: str
    source: str  # the file it was read from
    items: tuple[CodedItem, ...]
    added: tuple[CodedItem, ...] = ()
    sha256: str = ""  # of the file's bytes, so a run that applies it can name it

    def to_json(self) -> str:
        def one(c: CodedItem) -> dict[str, Any]:
            return {"id": c.id, "article": c.article, "outlet": c.outlet, "stratum": c.stratum, "subject": c.subject,
                    "start": c.start, "end": c.end, "framing": dict(c.framing), "coded": dict(c.coded), "note": c.note}

        data = {"format": CODED_FORMAT, "version": VERSION, "what": self.what, "coder": self.coder,
                "items": [one(c) for c in self.items], "added": [one(c) for c in self.added]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def coded_from_json(data: dict[str, Any], source: str, sha256: str = "") -> CodedSheet:
    """A ``CodedSheet`` from the JSON the coding page saves (or ``CodedSheet.to_json``)."""
    try:
        what = data["what"]
        if what not in WHATS:
            raise FramingError(f"{source}: unknown kind of sample {what!r} (kinds: {', '.join(WHATS)})")
        names = {f.name for f in FIELDS[what]}

        def one(c: dict[str, Any], added: bool) -> CodedItem:
            coded = {str(k): str(v).strip() for k, v in (c.get("coded") or {}).items() if v is not None}
            unknown = set(coded) - names
            if unknown:
                raise FramingError(f"{source}: item {c.get('id', '?')}: unknown field {sorted(unknown)[0]!r} (fields: {', '.join(sorted(names))})")
            for f in FIELDS[what]:
                if f.choices and coded.get(f.name, "") not in ("", *f.choices):
                    raise FramingError(f"{source}: item {c.get('id', '?')}: {f.name} is {coded[f.name]!r} (one of: {', '.join(f.choices)})")
            start, end = int(c["start"]), int(c["end"])
            if not 0 <= start <= end:
                raise FramingError(f"{source}: item {c.get('id', '?')}: bad offsets {start}-{end}")
            return CodedItem(
                id=str(c.get("id") or f"{c['article']}#added{start}-{end}"), article=str(c["article"]), outlet=str(c.get("outlet", "")),
                stratum=str(c.get("stratum", "")), subject=str(c.get("subject", "")), start=start, end=end,
                framing={str(k): str(v) for k, v in (c.get("framing") or {}).items()}, coded=coded, added=added, note=str(c.get("note", "")),
            )

        return CodedSheet(
            what=what, coder=str(data.get("coder") or Path(source).stem), source=source,
            items=tuple(one(c, False) for c in data.get("items", ())), added=tuple(one(c, True) for c in data.get("added", ())), sha256=sha256,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FramingError(f"{source}: not a coded sheet ({type(exc).__name__}: {exc})") from None


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_json_file(path: Path) -> Any:
    """A JSON file's value; a missing or unreadable file is a one-line ``FramingError``."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FramingError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FramingError(f"{path}: cannot read it as JSON ({exc})") from None


def _read_json(path: Path, expected: str) -> dict[str, Any]:
    data = read_json_file(path)
    if not isinstance(data, dict) or data.get("format") != expected:
        raise FramingError(f"{path}: not a {expected} file (its \"format\" is {data.get('format') if isinstance(data, dict) else None!r})")
    if data.get("version") != VERSION:
        raise FramingError(f"{path}: {expected} version {data.get('version')!r}; this framing reads version {VERSION}")
    return data


def read_coded_json(path: Path) -> CodedSheet:
    return coded_from_json(_read_json(path, CODED_FORMAT), str(path), file_sha256(path))

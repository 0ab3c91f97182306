"""A sample as a brat collection with framing's answers as annotations, and the coder's
corrected collection read back into a ``CodedSheet``.

brat (https://brat.nlplab.org) is a browser annotation tool that keeps each document as a
``.txt`` and its annotations in a ``.ann`` beside it, in the "standoff" format
(https://brat.nlplab.org/standoff.html): one annotation a line, ``ID<TAB>...``, with offsets
that are characters of the ``.txt``. ``write_brat`` writes one document per item (``0001.txt``
is the item's context, so document offsets plus ``context_start`` are offsets of the
article), the collection's ``annotation.conf`` and ``visual.conf``, and
``framing-sample.json`` (the sample itself), so reading the folder back needs nothing else.

What framing found, as brat annotations (the coder edits them in brat):

- quotes: ``T Quote`` (the item's span), ``T Speaker``/``T Cue``/``T Channel`` (framing's
  marks), ``R Source`` (Speaker -> Quote), ``R Cue`` (Cue -> Quote), ``R Via`` (Channel ->
  Quote), ``A Kind`` on the Quote, and ``#`` AnnotatorNotes with the speaker's name on the
  Speaker and the channel's words on the Channel. Deleting the Quote says it is not a quote.
- mentions: ``T Mention`` with the actor's name in its AnnotatorNotes; deleting it says "no".
- topics: ``T Term`` (deleting it says "no") inside ``T Sentence`` (a guide).
- tone: ``T Target`` on the sentence with ``A Tone`` negative|neutral|positive, and ``T
  Mention`` on the actor's words (a guide).

A new Quote / Mention / Term that overlaps no sampled item is one framing missed. The rest of
the reading (which Speaker belongs to which Quote, ...) is ``regions.code_item``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import FramingError
from .items import QUOTE_KINDS, TONE_LABELS, CodedItem, CodedSheet, Item, Sample, read_sample
from .regions import COLOURS, MARK_LABELS, SPAN_LABEL, Region, code_item

SAMPLE_FILE = "framing-sample.json"
#: The attribute that carries a field's value on the item's T (brat attributes are per annotation).
ATTRIBUTE = {"quotes": ("Kind", "kind", QUOTE_KINDS), "tone": ("Tone", "tone", TONE_LABELS)}
RELATION_ARGS = {"Source": "Speaker", "Cue": "Cue", "Via": "Channel"}


def _conf(what: str) -> str:
    """annotation.conf: the four sections brat expects (entities, relations, events, attributes)."""
    labels = (SPAN_LABEL[what], *MARK_LABELS[what].values())
    relations = [f"{r}\tArg1:{a}, Arg2:Quote" for r, a in RELATION_ARGS.items()] if what == "quotes" else []
    relations.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")  # a Term inside its Sentence, a Speaker inside a Quote
    attrs = [f"{name}\tArg:{SPAN_LABEL[what]}, Value:{'|'.join(values)}" for name, _, values in [ATTRIBUTE[what]]] if what in ATTRIBUTE else []
    return "\n".join(["[entities]", *labels, "", "[relations]", *relations, "", "[events]", "", "[attributes]", *attrs]) + "\n"


def _visual(what: str) -> str:
    labels = (SPAN_LABEL[what], *MARK_LABELS[what].values())
    return "\n".join(["[labels]", *(f"{x} | {x} | {x[:2]}" for x in labels), "", "[drawing]", "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
                      "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5", *(f"{x}\tbgColor:{COLOURS[x]}" for x in labels)]) + "\n"


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at line breaks: a brat line cannot hold one, so a T covers the pieces
    ("start end;start end", the standoff form of a discontinuous annotation)."""
    out, a = [], start
    for i in range(start, end + 1):
        if i == end or text[i] in "\r\n":
            if a < i:
                out.append((a, i))
            a = i + 1
    return out


def _ann(what: str, item: Item) -> str:
    cs, lines, framing = item.context_start, [], item.framing
    counts = {"T": 0, "R": 0, "A": 0, "#": 0}
    ids: dict[str, str] = {}

    def add(kind: str, body: str) -> str:
        counts[kind] += 1
        lines.append(f"{kind}{counts[kind]}\t{body}")
        return f"{kind}{counts[kind]}"

    def tb(label: str, start: int, end: int) -> None:
        frags = _fragments(item.context, start - cs, end - cs)
        if frags:
            ids[label] = add("T", f"{label} {';'.join(f'{a} {b}' for a, b in frags)}\t{' '.join(item.context[a:b] for a, b in frags)}")

    tb(SPAN_LABEL[what], item.start, item.end)
    for m in item.marks:
        label = MARK_LABELS[what].get(m.role)
        # a speaker framing could not name, or no channel, is framing's answer "none": no T
        if label and label not in ids and (m.role not in ("speaker", "channel") or framing.get(m.role)):
            tb(label, m.start, m.end)
    main = ids.get(SPAN_LABEL[what])
    if main and what == "quotes":
        for r, a in RELATION_ARGS.items():
            if a in ids:
                add("R", f"{r} Arg1:{ids[a]} Arg2:{main}")
    if main and what in ATTRIBUTE:
        name, field, _ = ATTRIBUTE[what]
        add("A", f"{name} {main} {framing[field]}")
    for label, field in (("Speaker", "speaker"), ("Channel", "channel"), ("Mention", "actor")):
        if label in ids and field in framing:
            add("#", f"AnnotatorNotes {ids[label]}\t{framing[field]}")
    return "".join(f"{line}\n" for line in lines)


def write_brat(sample: Sample, folder: Path) -> list[Path]:
    """``folder/0001.txt`` + ``0001.ann`` ... (one per item, in sample order), ``annotation.conf``,
    ``visual.conf`` and ``framing-sample.json``; open the folder as a brat collection."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for n, item in enumerate(sample.items, 1):
        for suffix, text in ((".txt", item.context), (".ann", _ann(sample.what, item))):
            paths.append(folder / f"{n:04d}{suffix}")
            with open(paths[-1], "w", encoding="utf-8", newline="") as f:  # newline="": offsets count every character as written
                f.write(text)
    for name, text in (("annotation.conf", _conf(sample.what)), ("visual.conf", _visual(sample.what)), (SAMPLE_FILE, sample.to_json())):
        paths.append(folder / name)
        with open(paths[-1], "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return paths


@dataclass(frozen=True, slots=True)
class Standoff:
    """The annotations of one .ann: text-bound (id -> label, span), relations, attributes, notes."""

    spans: dict[str, tuple[str, int, int]]
    relations: tuple[tuple[str, str, str], ...]  # type, Arg1, Arg2
    attributes: dict[tuple[str, str], str]  # (target, name) -> value ("" for a binary attribute)
    notes: dict[str, str]  # target -> AnnotatorNotes text


def parse_ann(path: Path, text: str) -> Standoff:
    """Parse a standoff file against its document ``text``: every T's text must be the text
    at its offsets (else the .txt and .ann are out of step), every reference must exist."""
    spans: dict[str, tuple[str, int, int]] = {}
    relations, refs = [], []
    attributes: dict[tuple[str, str], str] = {}
    notes: dict[str, str] = {}
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FramingError(f"{path}: cannot read it ({exc})") from None
    for n, line in enumerate(raw.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{path}:{n}"
        ident, tab, rest = line.partition("\t")
        fields = rest.split("\t")[0].split()
        if not tab or not fields or not ident[1:]:
            raise FramingError(f"{where}: not a brat standoff line (ID, a tab, then the annotation): {line!r}")
        kind = ident[0]
        if kind == "T":  # T1<TAB>Label START END[;START END...]<TAB>text
            _, _, written = rest.partition("\t")
            try:
                frags = [tuple(int(x) for x in part.split()) for part in " ".join(fields[1:]).split(";")]
                if not frags or any(len(f) != 2 or not 0 <= f[0] <= f[1] <= len(text) for f in frags):
                    raise ValueError
            except ValueError:
                raise FramingError(f"{where}: {ident}: offsets {' '.join(fields[1:])!r} are not START END pairs within the text (0-{len(text)})") from None
            found = " ".join(text[a:b] for a, b in frags)
            if written != found:
                raise FramingError(f"{where}: {ident} reads {written!r} but {path.with_suffix('.txt').name} has {found!r} there")
            spans[ident] = (fields[0], frags[0][0], frags[-1][1])
        elif kind == "R":  # R1<TAB>Type Arg1:T1 Arg2:T2
            args = dict(a.split(":", 1) for a in fields[1:] if ":" in a)
            if set(args) != {"Arg1", "Arg2"}:
                raise FramingError(f"{where}: {ident}: a relation needs Arg1:ID and Arg2:ID")
            relations.append((fields[0], args["Arg1"], args["Arg2"]))
            refs += [(where, args["Arg1"]), (where, args["Arg2"])]
        elif kind in "AM":  # A1<TAB>Name ID [Value]
            if len(fields) not in (2, 3):
                raise FramingError(f"{where}: {ident}: an attribute is Name ID [Value]")
            attributes[(fields[1], fields[0])] = fields[2] if len(fields) == 3 else ""
            refs.append((where, fields[1]))
        elif kind == "#":  # #1<TAB>AnnotatorNotes ID<TAB>text
            if len(fields) != 2:
                raise FramingError(f"{where}: {ident}: a note is AnnotatorNotes ID, a tab, then its text")
            note = rest.partition("\t")[2]
            notes[fields[1]] = f"{notes[fields[1]]} {note}" if fields[1] in notes else note
            refs.append((where, fields[1]))
        elif kind not in "EN*":  # events, normalizations, equivalences: valid standoff, nothing framing reads
            raise FramingError(f"{where}: {ident!r} is no brat annotation (T, R, E, A, M, N, * or #)")
    for where, ref in refs:
        if (ref[:1] == "T" and ref not in spans) or ref[:1] not in "TRE":
            raise FramingError(f"{where}: refers to {ref}, which is not in the file")
    return Standoff(spans, tuple(relations), attributes, notes)


def read_brat(folder: Path, coder: str | None = None) -> CodedSheet:
    """The coder's answers in a brat folder ``write_brat`` wrote; ``coder`` defaults to the folder's name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FramingError(f"{folder}: no such folder")
    if not (folder / SAMPLE_FILE).is_file():
        raise FramingError(f"{folder}: not a brat folder written by framing sample (no {SAMPLE_FILE})")
    sample = read_sample(folder / SAMPLE_FILE)
    docs = {f"{n:04d}": item for n, item in enumerate(sample.items, 1)}
    strays = sorted(p.name for p in folder.glob("*.ann") if p.stem not in docs)
    if strays:
        raise FramingError(f"{folder}: {strays[0]} is no item of the sample (items 0001-{len(docs):04d})")
    taken: dict[str, list[tuple[int, int]]] = {}
    for item in sample.items:
        taken.setdefault(item.article, []).append((item.start, item.end))
    digest = hashlib.sha256()
    items, added = [], {}
    for stem, item in docs.items():
        ann, txt = folder / f"{stem}.ann", folder / f"{stem}.txt"
        if not ann.is_file() or not txt.is_file():
            raise FramingError(f"{folder}: {stem}.txt or {stem}.ann is missing (item {item.id})")
        with open(txt, encoding="utf-8", newline="") as f:
            text = f.read()
        if text != item.context:
            raise FramingError(f"{txt}: not the text of item {item.id} as sampled (correct the annotations, never the .txt)")
        digest.update(stem.encode() + b"\0" + ann.read_bytes() + b"\0")
        doc = parse_ann(ann, text)
        name = ATTRIBUTE.get(sample.what, ("",))[0]
        regions = [Region(t, label, s, e, doc.notes.get(t), doc.attributes.get((t, name))) for t, (label, s, e) in doc.spans.items()]
        links = [(a, b) for _, a, b in doc.relations]
        coded, more = code_item(sample.what, item, regions, links, taken[item.article], {}, str(ann))
        items.append(CodedItem(item.id, item.article, item.outlet, item.stratum, item.subject, item.start, item.end, dict(item.framing), coded))
        for c in more:
            added.setdefault((c.article, c.start, c.end), c)
    return CodedSheet(sample.what, coder or folder.resolve().name, str(folder), tuple(items), tuple(v for _, v in sorted(added.items())), digest.hexdigest())

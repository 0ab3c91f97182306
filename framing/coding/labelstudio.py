"""A sample as Label Studio tasks with framing's answers as predictions, and Label Studio's
JSON export read back into one ``CodedSheet`` per annotator.

Label Studio (https://labelstud.io) is a common annotation server; coders correct framing's
pre-annotations there instead of in the coding page. ``write_labelstudio`` writes
``tasks.json`` (the "Basic Label Studio JSON format": a list of ``{"id", "data",
"predictions"}``, guide/predictions) and ``label_config.xml`` (the labeling interface to paste
into the project), one task per item: the text is the item's context, so region offsets are
characters of the context (code points, as Label Studio stores them) and ``context_start``
turns them back into offsets of the article. ``data.framing_item`` carries the whole item, so
reading an export needs nothing but the export.

The regions a coder sees and edits are the same in brat (``brat``): the item's span (Quote,
Mention, Term, Target) and framing's marks (Speaker, Cue, Channel; Sentence and Mention as
guides). ``code_item`` reads both tools' regions back the same way: deleting the item's
region (or choosing "no") says framing was wrong; a speaker's or actor's name is the text
written on its region (per-region TextArea here, AnnotatorNotes in brat); a new region of the
item's label that overlaps no sampled item is one framing missed (``CodedSheet.added``).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import FramingError
from .items import FIELDS, WHATS, CodedItem, CodedSheet, Item, Sample, _item_json, file_sha256, item_from_json, read_json_file
from .regions import COLOURS, MARK_LABELS, NAME, RELATIONS, SPAN_LABEL, Region, code_item

# -- writing ---------------------------------------------------------------------------------


def _results(what: str, item: Item) -> list[dict[str, Any]]:
    """Framing's answer as Label Studio results: ``labels`` regions, per-region ``textarea``
    and ``choices`` (same id as their region), whole-task ``choices``, ``relation``s."""
    cs, out = item.context_start, []
    ids: dict[str, str] = {}

    def region(label: str, start: int, end: int) -> dict[str, int]:
        rid = ids[label] = f"{label.lower()}1"
        span = {"start": start - cs, "end": end - cs}
        out.append({"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {**span, "text": item.context[span["start"]:span["end"]], "labels": [label]}})
        return span

    def per_region(label: str, control: str, value: str, span: dict[str, int]) -> None:
        """Label Studio's perRegion convention: the control's result has its region's id and span."""
        kind = "choices" if control == "kind" else "textarea"
        out.append({"id": ids[label], "from_name": control, "to_name": "text", "type": kind, "value": {**span, ("choices" if kind == "choices" else "text"): [value]}})

    quote = region(SPAN_LABEL[what], item.start, item.end)
    marks = {m.role: m for m in item.marks}
    framing = item.framing
    for role, label in MARK_LABELS[what].items():
        m = marks.get(role)
        # A speaker framing could not name (speaker "") or a channel it did not give is its
        # answer "none": no region, so reading back gives framing's answer.
        if m is None or (role in ("speaker", "channel") and not framing.get(role)):
            continue
        span = region(label, m.start, m.end)
        if role in ("speaker", "channel"):
            per_region(label, "name", framing[role], span)
    if what == "quotes":
        per_region("Quote", "kind", framing["kind"], quote)
        chain = [x for x in ("Speaker", "Cue", "Quote") if x in ids]
        for a, b in zip(chain, chain[1:]):
            out.append({"from_id": ids[a], "to_id": ids[b], "type": "relation", "direction": "right", "labels": ["Source" if a == "Speaker" else "Cue"]})
        if "Channel" in ids:
            out.append({"from_id": ids["Channel"], "to_id": ids["Quote"], "type": "relation", "direction": "right", "labels": ["Via"]})
    else:
        field = FIELDS[what][0].name
        out.append({"id": field, "from_name": field, "to_name": "text", "type": "choices", "value": {"choices": [framing[field]]}})
        if what == "mentions":
            per_region("Mention", "actor", framing["actor"], quote)
    return out


def label_config(what: str) -> str:
    """The labeling interface for ``what`` (Label Studio tags: Text, Labels, Relations, Choices, TextArea)."""
    view = ET.Element("View")
    ET.SubElement(view, "Style").text = ".htx-text { white-space: pre-wrap; }"  # keep the context's newlines and spaces: offsets count them
    ET.SubElement(view, "Header", value="$question")
    if what != "quotes":
        ET.SubElement(view, "Header", value="$subject", size="4")
    labels = ET.SubElement(view, "Labels", name="label", toName="text")
    for label in (SPAN_LABEL[what], *MARK_LABELS[what].values()):
        ET.SubElement(labels, "Label", value=label, background=COLOURS[label])
    ET.SubElement(view, "Text", name="text", value="$text")
    if what == "quotes":
        relations = ET.SubElement(view, "Relations")
        for r in RELATIONS:
            ET.SubElement(relations, "Relation", value=r)
    # quotes: the kind of each Quote region (per region, so an added quote has one too); else the first field of the task
    field = FIELDS[what][2 if what == "quotes" else 0]
    where = {"perRegion": "true", "visibleWhen": "region-selected", "whenLabelValue": "Quote"} if what == "quotes" else {"showInline": "true"}
    answers = ET.SubElement(view, "Choices", name=field.name, toName="text", choice="single", **where)
    for c in field.choices:
        ET.SubElement(answers, "Choice", value=c)
    if what in ("quotes", "mentions"):  # the words written on a region: a speaker's or an actor's name, a channel
        box = ET.SubElement(view, "View", visibleWhen="region-selected")
        ET.SubElement(box, "Header", size="6", value="Selected Speaker: the person's full name. Selected Channel: how it reached the writer."
                      if what == "quotes" else "Whom the selected mention refers to (full name)")
        ET.SubElement(box, "TextArea", name=NAME[what], toName="text", perRegion="true", editable="true", maxSubmissions="1")
    ET.SubElement(view, "TextArea", name="note", toName="text", placeholder="A note about this item (optional)", maxSubmissions="1")
    ET.indent(view, space=" ")
    return ET.tostring(view, encoding="unicode") + "\n"


def write_labelstudio(sample: Sample, folder: Path) -> list[Path]:
    """``folder/tasks.json`` (import it into a project) and ``folder/label_config.xml`` (its labeling interface)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    version = f"framing {sample.framing_version or __version__}"
    question = FIELDS[sample.what][0].question
    tasks = [{"id": n, "data": {"text": i.context, "item": i.id, "article": i.article, "outlet": i.outlet, "stratum": i.stratum,
                                "subject": i.subject, "question": question, "offset": i.context_start, "what": sample.what, "framing_item": _item_json(i)},
              # framing gives no confidence: every prediction scores 1
              "predictions": [{"model_version": version, "score": 1.0, "result": _results(sample.what, i)}]}
             for n, i in enumerate(sample.items, 1)]
    paths = [folder / "tasks.json", folder / "label_config.xml"]
    paths[0].write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths[1].write_text(label_config(sample.what), encoding="utf-8")
    return paths


# -- reading ---------------------------------------------------------------------------------


def _coder(completed_by: Any, where: str) -> str:
    if isinstance(completed_by, dict) and (completed_by.get("email") or completed_by.get("id") is not None):
        return str(completed_by.get("email") or f"annotator-{completed_by['id']}")
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"annotator-{completed_by}"
    raise FramingError(f"{where}: completed_by is {completed_by!r} (Label Studio gives a user id or a user with an email)")


def _parse(result: Any, item: Item, where: str) -> tuple[list[Region], list[tuple[str, str]], dict[str, str], str]:
    """Regions, relations, whole-task choices and the note of one annotation's ``result``."""
    if not isinstance(result, list):
        raise FramingError(f"{where}: its result is not a list of results")
    spans: dict[str, tuple[str, int, int]] = {}
    names: dict[str, str] = {}
    picks: list[tuple[str, str, str]] = []
    links: list[tuple[str, str]] = []
    note = ""
    for r in result:
        if not isinstance(r, dict):
            raise FramingError(f"{where}: a result is not an object")
        kind, value = r.get("type"), r.get("value") or {}
        if kind == "relation":
            links.append((str(r.get("from_id")), str(r.get("to_id"))))
        elif kind == "labels":
            start, end, labels = value.get("start"), value.get("end"), value.get("labels") or [None]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(item.context)):
                raise FramingError(f"{where}: region {r.get('id')!r} has offsets {start!r}-{end!r} outside the text (0-{len(item.context)})")
            if "text" in value and value["text"] != item.context[start:end]:
                raise FramingError(f"{where}: region {r.get('id')!r} reads {value['text']!r} but the text at {start}-{end} is {item.context[start:end]!r}")
            spans[str(r.get("id"))] = (str(labels[0]), start, end)
        elif kind == "textarea":
            words = " ".join(str(t) for t in (value.get("text") or []))
            if r.get("from_name") == "note":
                note = words.strip()
            else:
                names[str(r.get("id"))] = words
        elif kind == "choices" and value.get("choices"):
            picks.append((str(r.get("id")), str(r.get("from_name")), str(value["choices"][0])))
    own = {rid: c for rid, name, c in picks if rid in spans and name in ("kind", "tone")}
    choices = {name: c for rid, name, c in picks if rid not in spans}
    regions = [Region(rid, lab, s, e, names.get(rid), own.get(rid)) for rid, (lab, s, e) in spans.items()]
    return regions, links, choices, note


def read_labelstudio(path: Path) -> list[CodedSheet]:
    """One ``CodedSheet`` per annotator of a Label Studio JSON export of ``tasks.json``, sorted
    by coder (a user's email, else ``annotator-<id>``); a skipped (cancelled) annotation and a
    task the annotator did not annotate are not in that annotator's sheet."""
    path = Path(path)
    data = read_json_file(path)
    if not isinstance(data, list):
        raise FramingError(f"{path}: not a Label Studio JSON export (that is a list of tasks; this is a {type(data).__name__})")
    tasks: list[tuple[str, dict[str, Any], Item, str]] = []
    for n, task in enumerate(data, 1):
        where = f"{path}: task {task.get('id', n) if isinstance(task, dict) else n}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict) or "framing_item" not in task["data"]:
            raise FramingError(f"{where}: not a task framing wrote (no data.framing_item); export the project that imported framing's tasks.json")
        if not isinstance(task.get("annotations"), list):
            raise FramingError(f"{where}: no annotations: this is a tasks file, not Label Studio's JSON export of the annotated project")
        what = task["data"].get("what")
        try:
            item = item_from_json(task["data"]["framing_item"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise FramingError(f"{where}: data.framing_item is not a framing item ({type(exc).__name__}: {exc})") from None
        if what not in WHATS:
            raise FramingError(f"{where}: unknown kind of sample {what!r} (kinds: {', '.join(WHATS)})")
        tasks.append((where, task, item, what))
    kinds = sorted({t[3] for t in tasks})
    if len(kinds) > 1:
        raise FramingError(f"{path}: tasks of different kinds ({', '.join(kinds)}): export one project per kind")
    taken: dict[str, list[tuple[int, int]]] = {}
    for _, _, item, _ in tasks:
        taken.setdefault(item.article, []).append((item.start, item.end))
    items: dict[str, list[CodedItem]] = {}
    added: dict[str, dict[tuple[str, int, int], CodedItem]] = {}
    for where, task, item, what in tasks:
        latest: dict[str, dict[str, Any]] = {}
        for a in task["annotations"]:
            if isinstance(a, dict) and not a.get("was_cancelled"):
                latest[_coder(a.get("completed_by"), where)] = a  # the last annotation a user made of a task
        for coder, a in latest.items():
            regions, links, choices, note = _parse(a.get("result"), item, f"{where} ({coder})")
            coded, more = code_item(what, item, regions, links, taken[item.article], choices, f"{where} ({coder})")
            items.setdefault(coder, []).append(CodedItem(item.id, item.article, item.outlet, item.stratum, item.subject, item.start, item.end,
                                                         dict(item.framing), coded, note=note))
            for c in more:
                added.setdefault(coder, {}).setdefault((c.article, c.start, c.end), c)
    sha = file_sha256(path)
    return [CodedSheet(kinds[0], coder, str(path), tuple(items[coder]), tuple(v for _, v in sorted(added.get(coder, {}).items())), sha)
            for coder in sorted(items)]

"""Label Studio tasks and brat standoff: written from a sample of the seeds, edited the way a
coder edits them in each tool, read back into the coded sheet a hand computation expects."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from framing.coding.brat import read_brat, write_brat
from framing.coding.items import FIELDS, WHATS, CodedItem, Item, Mark, Sample, _item_json
from framing.coding.labelstudio import read_labelstudio, write_labelstudio
from framing.errors import FramingError

from . import sample_of

REGION_KEYS = {"id", "from_name", "to_name", "type", "value"}
RELATION_KEYS = {"from_id", "to_id", "type", "direction", "labels"}


@pytest.fixture(scope="module")
def samples(seed_result, seed_lexicons):
    return {what: sample_of(seed_result, seed_lexicons, what) for what in WHATS}


@pytest.fixture(scope="module")
def texts(seed_result):
    return {a.article.id: a.article.text for a in seed_result.analyses}


def answers(item: Item) -> dict[str, str]:
    """Framing's answer to each field a coder answers (``framing`` may hold more, e.g. "counted")."""
    what = next(w for w in WHATS if FIELDS[w][0].name in item.framing)
    return {f.name: item.framing[f.name] for f in FIELDS[what] if f.name in item.framing}


def as_framing(item: Item, coded: dict[str, str] | None = None) -> CodedItem:
    """The coded item for ``item`` of a coder who answered ``coded`` (by default: framing's answers)."""
    return CodedItem(item.id, item.article, item.outlet, item.stratum, item.subject, item.start, item.end, dict(item.framing),
                     answers(item) if coded is None else coded)


def free_span(sample: Sample, item: Item, words: int, after: int = 0) -> tuple[int, int]:
    """Context offsets of ``words`` words of the item's context, from ``after`` on, that overlap no sampled item."""
    taken = [(i.start, i.end) for i in sample.items if i.article == item.article]
    for m in re.finditer(r"\w+(?:\W+\w+){%d}" % (words - 1), item.context[after:]):
        s, e = m.start() + after + item.context_start, m.end() + after + item.context_start
        if all(e <= a or b <= s for a, b in taken):
            return s - item.context_start, e - item.context_start
    raise LookupError


def with_free_text(sample: Sample) -> int:
    """The index of the first item whose context holds words no sampled item covers: six for
    a quote framing missed, two after them for its speaker."""
    for n, item in enumerate(sample.items):
        try:
            free_span(sample, item, 2, after=free_span(sample, item, 6)[1])
            return n
        except LookupError:
            continue
    raise AssertionError("no item with free text in its context")


# -- Label Studio ------------------------------------------------------------------------------


def export(tasks: list[dict], *annotators) -> list[dict]:
    """What Label Studio exports after ``annotators`` (completed_by values) accepted every prediction."""
    out = copy.deepcopy(tasks)
    for t in out:
        t["annotations"] = [{"id": 100 * t["id"] + k, "completed_by": who, "was_cancelled": False, "task": t["id"],
                             "result": copy.deepcopy(t["predictions"][0]["result"])} for k, who in enumerate(annotators)]
    return out


def delete_region(result: list[dict], rid: str) -> None:
    """Delete a region as Label Studio does: with its per-region results and its relations."""
    result[:] = [r for r in result if r.get("id") != rid and rid not in (r.get("from_id"), r.get("to_id"))]


def write_export(tmp_path: Path, data) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("what", WHATS)
def test_tasks_follow_the_import_format_and_the_config_declares_every_name(samples, tmp_path, what):
    sample = samples[what]
    paths = write_labelstudio(sample, tmp_path)
    assert paths == [tmp_path / "tasks.json", tmp_path / "label_config.xml"]
    tasks = json.loads(paths[0].read_text(encoding="utf-8"))
    config = ET.fromstring(paths[1].read_text(encoding="utf-8"))
    tags = {e.get("name"): e for e in config.iter() if e.get("name")}
    relations = {e.get("value") for e in config.iter("Relation")}
    assert [t["id"] for t in tasks] == list(range(1, len(sample.items) + 1))
    for task, item in zip(tasks, sample.items, strict=True):
        d = task["data"]
        assert (d["text"], d["item"], d["article"], d["offset"], d["stratum"], d["subject"]) == (item.context, item.id, item.article, item.context_start, item.stratum, item.subject)
        assert d["framing_item"] == _item_json(item) and d["question"] and d["outlet"] == item.outlet
        (prediction,) = task["predictions"]
        assert prediction["model_version"].startswith("framing ") and isinstance(prediction["score"], float)
        regions = {r["id"]: r for r in prediction["result"] if r["type"] == "labels"}
        assert regions, item.id
        for r in prediction["result"]:
            if r["type"] == "relation":
                assert set(r) == RELATION_KEYS and r["from_id"] in regions and r["to_id"] in regions
                assert set(r["labels"]) <= relations and r["direction"] == "right"
                continue
            assert REGION_KEYS <= set(r), r
            control, target = tags[r["from_name"]], tags[r["to_name"]]
            assert target.tag == "Text" and control.get("toName") == r["to_name"]
            v = r["value"]
            if r["type"] == "labels":
                assert control.tag == "Labels" and set(v["labels"]) <= {e.get("value") for e in control.iter("Label")}
                assert d["text"][v["start"]:v["end"]] == v["text"]
            else:
                assert control.tag == {"choices": "Choices", "textarea": "TextArea"}[r["type"]]
                if "start" in v:  # per region: the control says so, and the id and span are its region's
                    assert control.get("perRegion") == "true" and (v["start"], v["end"]) == (regions[r["id"]]["value"]["start"], regions[r["id"]]["value"]["end"])
                if r["type"] == "choices":
                    assert set(v["choices"]) <= {e.get("value") for e in control.iter("Choice")}
        own = {"quotes": "Quote", "mentions": "Mention", "topics": "Term", "tone": "Target"}[what]
        (span,) = [r for r in regions.values() if r["value"]["labels"] == [own]]
        assert (span["value"]["start"] + item.context_start, span["value"]["end"] + item.context_start) == (item.start, item.end)


@pytest.mark.parametrize("what", WHATS)
def test_label_studio_round_trip_without_edits_gives_framing(samples, tmp_path, what):
    sample = samples[what]
    write_labelstudio(sample, tmp_path)
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    (sheet,) = read_labelstudio(write_export(tmp_path, export(tasks, 4)))
    assert (sheet.what, sheet.coder, sheet.added) == (what, "annotator-4", ())
    assert sheet.items == tuple(as_framing(i) for i in sample.items)


def test_label_studio_coder_renames_a_speaker_rejects_a_quote_and_adds_one(samples, texts, tmp_path):
    sample = samples["quotes"]
    write_labelstudio(sample, tmp_path)
    tasks = export(json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8")), {"id": 2, "email": "lee@example.org"})
    results = [t["annotations"][0]["result"] for t in tasks]
    home = with_free_text(sample)
    renamed = next(n for n, r in enumerate(results) if n != home and any(x.get("id") == "speaker1" for x in r))
    rejected = next(n for n in range(len(results)) if n not in (home, renamed))
    (name,) = [r for r in results[renamed] if r.get("id") == "speaker1" and r["type"] == "textarea"]
    name["value"]["text"] = ["Park Ji-won"]
    delete_region(results[rejected], "quote1")
    item = sample.items[home]
    qs, qe = free_span(sample, item, 6)
    ss, se = free_span(sample, item, 2, after=qe)

    def region(rid: str, label: str, s: int, e: int) -> dict:
        return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
                "value": {"start": s, "end": e, "text": item.context[s:e], "labels": [label]}}

    results[home] += [region("Xq9", "Quote", qs, qe), region("Xs9", "Speaker", ss, se),
                      {"id": "Xs9", "from_name": "name", "to_name": "text", "type": "textarea", "value": {"start": ss, "end": se, "text": ["Choi Sang-mok"]}},
                      {"id": "Xq9", "from_name": "kind", "to_name": "text", "type": "choices", "value": {"start": qs, "end": qe, "choices": ["reported"]}},
                      {"from_id": "Xs9", "to_id": "Xq9", "type": "relation", "direction": "right", "labels": ["Source"]}]
    (sheet,) = read_labelstudio(write_export(tmp_path, tasks))
    expected = [as_framing(i) for i in sample.items]
    expected[renamed] = as_framing(sample.items[renamed], {**answers(sample.items[renamed]), "speaker": "Park Ji-won"})
    expected[rejected] = as_framing(sample.items[rejected], {"is_quote": "no"})
    assert sheet.coder == "lee@example.org"
    assert sheet.items == tuple(expected)
    start, end = qs + item.context_start, qe + item.context_start
    assert sheet.added == (CodedItem(f"{item.article}#added{start}-{end}", item.article, item.outlet, "", "", start, end, {},
                                     {"is_quote": "yes", "speaker": "Choi Sang-mok", "kind": "reported", "channel": ""}, added=True),)
    assert texts[item.article][start:end] == item.context[qs:qe]


def test_label_studio_other_kinds_read_choices_names_and_deleted_regions(samples, tmp_path):
    for what, edit, coded in [
        ("mentions", lambda r: next(x for x in r if x["from_name"] == "is_mention")["value"].update(choices=["no"]), {"is_mention": "no"}),
        ("mentions", lambda r: next(x for x in r if x["from_name"] == "actor")["value"].update(text=["Moon Jae-in"]), None),
        ("topics", lambda r: delete_region(r, "term1"), {"is_topic": "no"}),
        ("tone", lambda r: next(x for x in r if x["from_name"] == "tone")["value"].update(choices=["negative"]), {"tone": "negative"}),
    ]:
        sample = samples[what]
        write_labelstudio(sample, tmp_path)
        tasks = export(json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8")), 1)
        edit(tasks[0]["annotations"][0]["result"])
        (sheet,) = read_labelstudio(write_export(tmp_path, tasks))
        first = sample.items[0]
        assert sheet.items[0] == as_framing(first, coded or {**answers(first), "actor": "Moon Jae-in"}), what
        assert sheet.items[1:] == tuple(as_framing(i) for i in sample.items[1:])


def test_two_annotators_give_two_sheets_and_a_skipped_annotation_none(samples, tmp_path):
    sample = samples["quotes"]
    write_labelstudio(sample, tmp_path)
    tasks = export(json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8")), 7, {"id": 3, "email": "kim@example.org"}, 11)
    for t in tasks:
        t["annotations"][2]["was_cancelled"] = True
    for t in tasks[3:]:
        del t["annotations"][1]  # kim coded the first three tasks only
    delete_region(tasks[0]["annotations"][1]["result"], "quote1")
    sheets = read_labelstudio(write_export(tmp_path, tasks))
    assert [s.coder for s in sheets] == ["annotator-7", "kim@example.org"]
    assert sheets[0].items == tuple(as_framing(i) for i in sample.items)
    assert sheets[1].items == (as_framing(sample.items[0], {"is_quote": "no"}), *(as_framing(i) for i in sample.items[1:3]))


def test_a_file_that_is_not_a_label_studio_export_is_refused(samples, tmp_path):
    write_labelstudio(samples["quotes"], tmp_path)
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    with pytest.raises(FramingError, match="not Label Studio's JSON export"):
        read_labelstudio(tmp_path / "tasks.json")
    with pytest.raises(FramingError, match="not a Label Studio JSON export"):
        read_labelstudio(write_export(tmp_path, {"format": "framing-coded"}))
    with pytest.raises(FramingError, match="no data.framing_item"):
        read_labelstudio(write_export(tmp_path, [{"id": 1, "data": {"text": "x"}, "annotations": []}]))
    bad = export(tasks, 1)
    bad[0]["annotations"][0]["result"][0]["value"]["start"] += 1  # offsets out of step with the text
    with pytest.raises(FramingError, match=r"task 1 \(annotator-1\): region 'quote1' reads"):
        read_labelstudio(write_export(tmp_path, bad))
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    with pytest.raises(FramingError, match="cannot read it as JSON"):
        read_labelstudio(tmp_path / "broken.json")


# -- brat --------------------------------------------------------------------------------------


def ann_lines(folder: Path, n: int) -> list[str]:
    return (folder / f"{n:04d}.ann").read_text(encoding="utf-8").splitlines()


def save_ann(folder: Path, n: int, lines: list[str]) -> None:
    with open(folder / f"{n:04d}.ann", "w", encoding="utf-8", newline="") as f:
        f.write("".join(f"{line}\n" for line in lines))


def delete_t(lines: list[str], label: str) -> list[str]:
    """Delete the first T of ``label`` as brat does: with the relations, attributes and notes on it."""
    (tid,) = [line.split("\t")[0] for line in lines if line.startswith("T") and line.split("\t")[1].split()[0] == label][:1]
    return [line for line in lines if line.split("\t")[0] != tid and tid not in re.split(r"[\s:]", line.split("\t")[1])]


@pytest.mark.parametrize("what", WHATS)
def test_brat_offsets_slice_the_txt_and_the_conf_declares_every_type(samples, tmp_path, what):
    sample = samples[what]
    paths = write_brat(sample, tmp_path)
    assert {p.name for p in paths} == {f"{n:04d}{s}" for n in range(1, len(sample.items) + 1) for s in (".txt", ".ann")} | {"annotation.conf", "visual.conf", "framing-sample.json"}
    assert (tmp_path / "framing-sample.json").read_text(encoding="utf-8") == sample.to_json()
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    sections = dict(re.findall(r"\[(\w+)\]\n(.*?)(?=\n\[|\Z)", conf, re.S))
    assert set(sections) == {"entities", "relations", "events", "attributes"}
    declared = {k: {line.split("\t")[0] for line in v.splitlines() if line} for k, v in sections.items()}
    for n, item in enumerate(sample.items, 1):
        with open(tmp_path / f"{n:04d}.txt", encoding="utf-8", newline="") as f:
            text = f.read()
        assert text == item.context
        lines = ann_lines(tmp_path, n)
        assert lines and all(re.fullmatch(r"[TRA#]\d+\t\S.*", line) for line in lines), lines
        for line in lines:
            ident, body = line.split("\t", 1)
            if ident[0] == "T":
                head, words = body.split("\t")
                label, offsets = head.split(" ", 1)
                frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
                assert " ".join(text[a:b] for a, b in frags) == words and label in declared["entities"]
            elif ident[0] == "R":
                assert re.fullmatch(r"\w+ Arg1:T\d+ Arg2:T\d+", body) and body.split()[0] in declared["relations"]
            elif ident[0] == "A":
                assert body.split()[0] in declared["attributes"]
            else:
                assert re.fullmatch(r"AnnotatorNotes T\d+\t.+", body)
        own = {"quotes": "Quote", "mentions": "Mention", "topics": "Term", "tone": "Target"}[what]
        assert f"\t{own} {item.start - item.context_start} {item.end - item.context_start}\t{item.text}" in "\n".join(lines)


@pytest.mark.parametrize("what", WHATS)
def test_brat_round_trip_without_edits_gives_framing(samples, tmp_path, what):
    sample = samples[what]
    folder = tmp_path / "ana"
    write_brat(sample, folder)
    sheet = read_brat(folder)
    assert (sheet.what, sheet.coder, sheet.source, sheet.added) == (what, "ana", str(folder), ())
    assert sheet.items == tuple(as_framing(i) for i in sample.items)
    assert read_brat(folder, coder="Ana Lima").coder == "Ana Lima" and len(sheet.sha256) == 64


def test_brat_coder_renames_a_speaker_rejects_a_quote_and_adds_one(samples, texts, tmp_path):
    sample = samples["quotes"]
    write_brat(sample, tmp_path)
    home = with_free_text(sample)
    docs = {n: ann_lines(tmp_path, n + 1) for n in range(len(sample.items))}
    renamed = next(n for n, lines in docs.items() if n != home and any("\tSpeaker " in line for line in lines))
    rejected = next(n for n in docs if n not in (home, renamed))
    (speaker,) = [line.split("\t")[0] for line in docs[renamed] if "\tSpeaker " in line]
    docs[renamed] = [f"#1\tAnnotatorNotes {speaker}\tPark Ji-won" if line.startswith(f"#1\tAnnotatorNotes {speaker}\t") else line for line in docs[renamed]]
    assert any("Park Ji-won" in line for line in docs[renamed])
    docs[rejected] = delete_t(docs[rejected], "Quote")
    assert not any(line.startswith(("R", "A")) for line in docs[rejected])
    item = sample.items[home]
    qs, qe = free_span(sample, item, 6)
    ss, se = free_span(sample, item, 2, after=qe)
    docs[home] += [f"T20\tQuote {qs} {qe}\t{item.context[qs:qe]}", f"T21\tSpeaker {ss} {se}\t{item.context[ss:se]}",
                   "R20\tSource Arg1:T21 Arg2:T20", "A20\tKind T20 direct", "#20\tAnnotatorNotes T21\tChoi Sang-mok"]
    for n, lines in docs.items():
        save_ann(tmp_path, n + 1, lines)
    sheet = read_brat(tmp_path, coder="park")
    expected = [as_framing(i) for i in sample.items]
    expected[renamed] = as_framing(sample.items[renamed], {**answers(sample.items[renamed]), "speaker": "Park Ji-won"})
    expected[rejected] = as_framing(sample.items[rejected], {"is_quote": "no"})
    assert sheet.items == tuple(expected)
    start, end = qs + item.context_start, qe + item.context_start
    assert sheet.added == (CodedItem(f"{item.article}#added{start}-{end}", item.article, item.outlet, "", "", start, end, {},
                                     {"is_quote": "yes", "speaker": "Choi Sang-mok", "kind": "direct", "channel": ""}, added=True),)
    assert texts[item.article][start:end] == item.context[qs:qe]


def test_brat_mentions_and_tone_edits(samples, tmp_path):
    mentions, tone = samples["mentions"], samples["tone"]
    write_brat(mentions, tmp_path / "m")
    save_ann(tmp_path / "m", 1, delete_t(ann_lines(tmp_path / "m", 1), "Mention"))
    save_ann(tmp_path / "m", 2, [re.sub(r"^(#\d+\tAnnotatorNotes T1\t).*$", r"\1Moon Jae-in", line) for line in ann_lines(tmp_path / "m", 2)])
    sheet = read_brat(tmp_path / "m")
    assert sheet.items[0] == as_framing(mentions.items[0], {"is_mention": "no"})
    assert sheet.items[1] == as_framing(mentions.items[1], {"is_mention": "yes", "actor": "Moon Jae-in"})
    write_brat(tone, tmp_path / "t")
    first = tone.items[0].framing["tone"]
    other = next(t for t in ("negative", "neutral", "positive") if t != first)
    save_ann(tmp_path / "t", 1, [re.sub(r"^(A\d+\tTone T\d+) \w+$", rf"\1 {other}", line) for line in ann_lines(tmp_path / "t", 1)])
    assert read_brat(tmp_path / "t").items[0].coded == {"tone": other}


def test_a_span_across_a_line_break_is_cut_into_fragments(tmp_path):
    context = 'Kim said "we will talk\nagain soon" today.'
    start = context.index("we")
    item = Item("a#q9-34", "a", "Outlet", "direct", "", start, context.index('" today'), 0, len(context), context,
                {"is_quote": "yes", "speaker": "Kim Min-jae", "kind": "direct", "channel": ""}, (Mark("speaker", 0, 3), Mark("cue", 4, 8)))
    sample = Sample("quotes", 1, "x", {"Outlet\tdirect": 1}, (item,), "0.1.0")
    write_brat(sample, tmp_path)
    assert ann_lines(tmp_path, 1)[0] == f"T1\tQuote {start} 22;23 {item.end}\twe will talk again soon"
    assert read_brat(tmp_path).items == (as_framing(item),)
    save_ann(tmp_path, 1, [f"T1\tQuote {start} {item.end}\twe will talk again soon"])  # one span over the break: not what the .txt holds
    with pytest.raises(FramingError, match=r"0001\.ann:1: T1 reads 'we will talk again soon' but 0001\.txt has 'we will talk\\nagain soon'") as caught:
        read_brat(tmp_path)
    assert "\n" not in str(caught.value)  # one line, as the CLI prints it


def test_malformed_brat_is_refused_naming_file_and_line(samples, tmp_path):
    sample = samples["quotes"]
    write_brat(sample, tmp_path)
    good = ann_lines(tmp_path, 1)
    t1 = good[0].split("\t")
    for lines, message in [
        ([f"{t1[0]}\t{t1[1]}\t{t1[2]}x", *good[1:]], r"0001\.ann:1: T1 reads"),
        ([*good, "T9 Quote 0 3 abc"], rf"0001\.ann:{len(good) + 1}: not a brat standoff line"),
        ([*good, "R9\tSource Arg1:T77 Arg2:T1"], rf"0001\.ann:{len(good) + 1}: refers to T77"),
        ([*good, f"T9\tQuote 0 {len(sample.items[0].context) + 5}\tx"], rf"0001\.ann:{len(good) + 1}: T9: offsets"),
    ]:
        save_ann(tmp_path, 1, lines)
        with pytest.raises(FramingError, match=message):
            read_brat(tmp_path)
    save_ann(tmp_path, 1, good)
    read_brat(tmp_path)
    (tmp_path / "0001.txt").write_text(sample.items[0].context + " more", encoding="utf-8")
    with pytest.raises(FramingError, match=r"0001\.txt: not the text of item"):
        read_brat(tmp_path)
    (tmp_path / "0001.txt").write_text(sample.items[0].context, encoding="utf-8")
    (tmp_path / "0099.ann").write_text("", encoding="utf-8")
    with pytest.raises(FramingError, match="0099.ann is no item of the sample"):
        read_brat(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(FramingError, match="no framing-sample.json"):
        read_brat(tmp_path / "empty")

"""Hand corrections change what every measure sees: a coded sample of the seeds, made here,
moves the microphone chart exactly as its corrections say, and the run records them."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.coding.corrections import corrections_from
from framing.coding.draw import draw_sample
from framing.coding.items import CodedSheet, coded_from_json
from framing.errors import FramingError
from framing.coding.items import FIELDS


def _answers(item) -> dict[str, str]:
    """Framing's answer to each field a coder answers (its "counted" is no field)."""
    return {f.name: item.framing[f.name] for f in FIELDS["quotes"]}
from framing.measures.quotes import counts_as_speaker, microphone_figure
from framing.pipeline import analyze
from framing.report.page import ReportContext
from framing.settings import Settings

from ..conftest import SEEDS


def _sheet(sample, coder: str, edits: dict[int, dict[str, str]], added=()) -> CodedSheet:
    """What the coding page saves: every item confirmed, ``edits`` applied by item number."""
    items = []
    for n, item in enumerate(sample.items):
        coded = {**_answers(item), **edits.get(n, {})}
        if coded.get("is_quote") == "no":
            coded = {"is_quote": "no"}
        items.append({"id": item.id, "article": item.article, "outlet": item.outlet, "stratum": item.stratum, "subject": item.subject,
                      "start": item.start, "end": item.end, "framing": item.framing, "coded": coded})
    return coded_from_json({"format": "framing-coded", "version": 1, "what": "quotes", "coder": coder, "items": items, "added": list(added)}, f"{coder}.json")


def _microphone(result) -> dict[tuple[str, str], int]:
    """(speaker id, outlet) -> quotes in the microphone chart."""
    report = ReportContext.of(result, {})
    fig = microphone_figure(report)
    return {(bar.meta["reader"]["speaker"], outlet): y for bar in fig.data for outlet, y in zip(bar.x, bar.y) if bar.meta["reader"]["speaker"]}


@pytest.fixture(scope="module")
def seed_sample(seed_result, seed_lexicons):
    return draw_sample(seed_result.analyses, "quotes", 40, seed=5, corpus="seeds", names={a.id: a.name for a in seed_lexicons.actors})


def _counted_items(seed_result, sample):
    """Sample item numbers whose quote gives its speaker the microphone, with the quote."""
    quotes = {(q.article_id, q.span.start, q.span.end): q for a in seed_result.analyses for q in a.quotes}
    return [(n, quotes[(i.article, i.start, i.end)]) for n, i in enumerate(sample.items) if counts_as_speaker(quotes[(i.article, i.start, i.end)])]


def test_corrections_move_the_microphone_chart_as_they_say(seed_result, seed_lexicons, seed_sample, seeds_corpus):
    counted = _counted_items(seed_result, seed_sample)
    (drop_n, dropped), (move_n, moved) = counted[0], next(x for x in counted[1:] if x[1].speaker_id != "xi_jinping")
    text = {a.article.id: a.article.text for a in seed_result.analyses}
    # a missed quote: a stretch of a body paragraph of the moved quote's article, outside every quote
    article = next(a for a in seed_result.analyses if a.article.id == moved.article_id)
    taken = [q.span for q in article.quotes]
    para = next(p for p in article.paragraphs if p.role == "body" and not any(p.span.overlaps(s) for s in taken))
    start, end = para.span.start, para.span.start + 40
    added = {"article": article.article.id, "outlet": article.article.outlet, "start": start, "end": end,
             "coded": {"is_quote": "yes", "speaker": "Ada Quinlan", "kind": "reported", "channel": ""}}
    sheet = _sheet(seed_sample, "ana", {drop_n: {"is_quote": "no"}, move_n: {"speaker": "Xi Jinping"}}, [added])
    corrections = corrections_from([sheet])
    assert corrections.count == {"drop": 1, "change": 1, "add": 1}

    corrected = analyze(seeds_corpus, seed_lexicons, Settings(n_boot=0), corrections=corrections)
    before, after = _microphone(analyze(seeds_corpus, seed_lexicons, Settings(n_boot=0))), _microphone(corrected)
    expected = Counter(before)
    expected[(dropped.speaker_id, seed_sample.items[drop_n].outlet)] -= 1
    expected[(moved.speaker_id, seed_sample.items[move_n].outlet)] -= 1
    expected[("xi_jinping", seed_sample.items[move_n].outlet)] += 1
    expected[("person_ada_quinlan", article.article.outlet)] += 1
    touched = {(dropped.speaker_id, seed_sample.items[drop_n].outlet), (moved.speaker_id, seed_sample.items[move_n].outlet), ("xi_jinping", seed_sample.items[move_n].outlet)}
    assert touched <= set(before) and touched <= set(after)  # speakers the chart shows by name
    assert {k: after[k] for k in touched} == {k: expected[k] for k in touched}
    assert {k: v for k, v in after.items() if k not in touched and k[0] in {s for s, _ in before}} == {k: v for k, v in before.items() if k not in touched and k in after}
    quotes = {(q.article_id, q.span.start, q.span.end): q for a in corrected.analyses for q in a.quotes}
    assert (dropped.article_id, dropped.span.start, dropped.span.end) not in quotes
    changed = quotes[(moved.article_id, moved.span.start, moved.span.end)]
    assert (changed.speaker_id, changed.speaker, changed.corrected) == ("xi_jinping", "Xi Jinping", "speaker")
    new = quotes[(article.article.id, start, end)]
    assert (new.speaker_id, new.kind, new.corrected, counts_as_speaker(new)) == ("person_ada_quinlan", "reported", "added", True)
    assert text[new.article_id][new.span.start : new.span.end] == text[article.article.id][start:end]
    # the speaker's quote total moves by exactly what the corrections say
    total = lambda result, sid: sum(1 for a in result.analyses for q in a.quotes if q.speaker_id == sid and counts_as_speaker(q))
    assert total(corrected, "xi_jinping") == total(seed_result, "xi_jinping") + 1 + (dropped.speaker_id == "xi_jinping") * -1


def test_a_confirmed_sheet_changes_nothing(seed_result, seed_lexicons, seed_sample, seeds_corpus):
    corrections = corrections_from([_sheet(seed_sample, "ben", {})])
    assert corrections.count == {"drop": 0, "change": 0, "add": 0}
    again = analyze(seeds_corpus, seed_lexicons, Settings(n_boot=0), corrections=corrections)
    assert [a.quotes for a in again.analyses] == [a.quotes for a in seed_result.analyses]


def test_two_sheets_that_disagree_on_a_quote_are_an_error(seed_sample):
    one, two = _sheet(seed_sample, "ana", {0: {"is_quote": "no"}}), _sheet(seed_sample, "ben", {0: {"speaker": "Someone Else"}})
    with pytest.raises(FramingError, match="differently: adjudicate"):
        corrections_from([one, two])


def test_analyze_records_and_marks_the_corrections(tmp_path, seed_result, seed_sample):
    counted = _counted_items(seed_result, seed_sample)
    n, quote = counted[0]
    coded = tmp_path / "coded-ana.json"
    coded.write_text(_sheet(seed_sample, "ana", {n: {"speaker": "Wang Yi"}}).to_json(), encoding="utf-8")
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(out), "--bootstrap", "0", "--corrections", str(coded)])
    assert result.exit_code == 0, result.output
    assert "1 changed" in result.output
    info = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    import hashlib

    assert info["corrections"]["files"] == [{"file": str(coded), "coder": "ana", "sha256": hashlib.sha256(coded.read_bytes()).hexdigest()}]
    assert info["corrections"]["change"] == 1 and "--corrections=" in info["command"]
    assert [v["coders"] for v in info["validation"]] == [["ana"]] and "Wilson" in info["validation"][0]["methods"]
    rows = [r for r in (out / "data" / "quotes.csv").read_text(encoding="utf-8").splitlines() if r.endswith(",speaker")]
    assert len(rows) == 1 and "Wang Yi" in rows[0]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('corrected" data-speaker="person_wang_yi"') >= 1 and "corrected by hand (speaker)" in page
    assert 'id="own-check"' in page and "Checked by hand on this corpus" in page and "coder ana" in page


def test_a_tone_sheet_cannot_correct_quotes_but_can_be_shown(tmp_path, seed_result, seed_lexicons):
    sample = draw_sample(seed_result.analyses, "tone", 5, seed=1)
    items = [{"id": i.id, "article": i.article, "outlet": i.outlet, "stratum": i.stratum, "start": i.start, "end": i.end, "framing": i.framing, "coded": {"tone": "negative"}} for i in sample.items]
    coded = tmp_path / "coded-tone.json"
    coded.write_text(json.dumps({"format": "framing-coded", "version": 1, "what": "tone", "coder": "cy", "items": items, "added": []}), encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(tmp_path / "run"), "--corrections", str(coded)])
    assert result.exit_code == 1 and "applies coded quote sheets; this one codes tone" in result.output
    assert not (tmp_path / "run").exists()
    # as --validation it is scored for the method section, and changes no measure
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(tmp_path / "run"), "--bootstrap", "0", "--validation", str(coded)])
    assert result.exit_code == 0, result.output
    info = json.loads((tmp_path / "run" / "data" / "analysis.json").read_text(encoding="utf-8"))
    accuracy = next(s for s in info["validation"][0]["shares"] if s["field"] == "tone" and s["coder"] == "cy")
    assert info["validation"][0]["what"] == "tone" and "corrections" not in info
    assert (accuracy["agree"], accuracy["n"]) == (sum(i["framing"]["tone"] == "negative" for i in items), len(items))
    assert "tone-label accuracy" in (tmp_path / "run" / "report.html").read_text(encoding="utf-8")

"""Scoring coded sheets: figures computed by hand here, Krippendorff's alpha against its
author's worked example, two scripted coders of a real seed sample with a known alpha, and
`framing sample` -> a scripted coder -> `framing score` through the CLI."""

from __future__ import annotations

import csv
import json
import math

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.coding.agreement import cohen_kappa, krippendorff_alpha
from framing.measures.intervals import wilson
from framing.coding.draw import allocate, draw_sample
from framing.coding.items import coded_from_json, read_sample
from framing.coding.score import methods_paragraph, score
from framing.errors import FramingError
from framing.coding.items import FIELDS


def _answers(item) -> dict[str, str]:
    """Framing's answer to each field a coder answers (its "counted" is no field)."""
    return {f.name: item.framing[f.name] for f in FIELDS["quotes"]}

from ..conftest import SEEDS


def test_krippendorff_alpha_matches_the_worked_example():
    """Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12
    units, nominal alpha = 0.743."""
    N = None
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3]
    c = [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]
    assert round(krippendorff_alpha(list(zip(a, b, c, d))), 3) == 0.743
    assert krippendorff_alpha([["x", "x"], ["x", "x"]]) is None  # one value throughout: undefined
    assert krippendorff_alpha([["x"], ["y"]]) is None  # nothing pairable


def test_wilson_and_kappa_by_hand():
    low, high = wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(10, 10)[1] == 1.0 and wilson(10, 10)[0] == pytest.approx(0.7225, abs=1e-4)
    # po = 0.8, pe = 0.6 * 0.4 + 0.4 * 0.6 = 0.48 -> (0.8 - 0.48) / 0.52
    assert cohen_kappa("yyynn", "yynnn") == pytest.approx(0.32 / 0.52)
    assert cohen_kappa("yy", "yy") is None


def test_allocation_spreads_over_strata_in_proportion():
    sizes = {("A", "direct"): 60, ("A", "reported"): 30, ("B", "direct"): 9, ("B", "partial"): 1}
    got = allocate(sizes, 20)
    assert sum(got.values()) == 20 and all(got[k] >= 1 for k in sizes)
    assert got[("A", "direct")] > got[("A", "reported")] > got[("B", "direct")] >= got[("B", "partial")]
    assert allocate(sizes, 500) == sizes  # never more than a stratum holds
    assert sum(allocate(sizes, 3).values()) == 3


@pytest.fixture(scope="module")
def sample(seed_result, seed_lexicons):
    return draw_sample(seed_result.analyses, "quotes", 10, seed=2, corpus="seeds", names={a.id: a.name for a in seed_lexicons.actors})


def _sheet(sample, coder, no=(), speaker=None, added=()):
    items = []
    for n, i in enumerate(sample.items):
        coded = {"is_quote": "no"} if n in no else {**_answers(i), **({"speaker": speaker[1]} if speaker and speaker[0] == n else {})}
        items.append({"id": i.id, "article": i.article, "outlet": i.outlet, "stratum": i.stratum, "start": i.start, "end": i.end, "framing": i.framing, "coded": coded})
    return coded_from_json({"format": "framing-coded", "version": 1, "what": "quotes", "coder": coder, "items": items, "added": list(added)}, f"{coder}.json")


def test_two_scripted_coders_give_the_alpha_and_figures_computed_by_hand(sample):
    """Ten items: ana says items 0 and 1 are no quotes, ben says 0 and 2. By hand: the
    coincidence matrix has o(no,no) = 2, o(no,yes) = o(yes,no) = 2, o(yes,yes) = 14, so
    n = 20, n_no = 4, n_yes = 16 and alpha = 1 - 19 * 4 / (2 * 4 * 16) = 0.40625; Cohen's
    kappa = (0.8 - 0.68) / (1 - 0.68) = 0.375."""
    assert len(sample.items) == 10
    target = next(n for n in range(3, 10) if sample.items[n].framing["speaker"] != "Xi Jinping")
    i = sample.items[0]
    missed = {"article": i.article, "outlet": i.outlet, "start": i.context_start, "end": i.context_start + 10, "coded": {"is_quote": "yes", "speaker": "Anyone", "kind": "direct"}}
    ana = _sheet(sample, "ana", no=(0, 1), speaker=(target, "Xi Jinping"), added=[missed])
    ben = _sheet(sample, "ben", no=(0, 2))
    s = score([ana, ben])
    alpha = next(a for a in s.agreements if a.field == "is_quote" and a.statistic == "krippendorff_alpha")
    assert alpha.value == pytest.approx(0.40625) and alpha.units == 10
    kappa = next(a for a in s.agreements if a.field == "is_quote" and a.statistic == "cohen_kappa" and a.between == "ana ~ ben")
    assert kappa.value == pytest.approx(0.375)
    precision = s.headline("precision", "is_quote", "ana")
    assert (precision.agree, precision.n) == (8, 10)
    assert precision.row()["ci_low"] == pytest.approx(0.4902, abs=1e-4)
    speaker = s.headline("accuracy", "speaker", "ana")  # among ana's 8 confirmed quotes, one speaker changed
    assert (speaker.agree, speaker.n) == (7, 8)
    recall = s.headline("recall", "is_quote", "ana")  # 8 confirmed, 1 added as missed
    assert (recall.agree, recall.n) == (8, 9)
    majority = s.headline("precision", "is_quote")  # items 1 and 2 tie and drop out; item 0 both say no
    assert (majority.coder, majority.agree, majority.n) == ("majority", 7, 8)
    # framing's "yes" never varies: no kappa of a coder with framing on is_quote, a kappa on kind
    assert next(a for a in s.agreements if a.between == "ana ~ framing" and a.field == "is_quote" and a.statistic == "cohen_kappa").value is None
    by_outlet = [x for x in s.shares if x.coder == "ana" and x.field == "is_quote" and x.statistic == "precision" and x.group == "outlet"]
    assert sum(x.n for x in by_outlet) == 10 and {x.value for x in by_outlet} == {i.outlet for i in sample.items}
    text = methods_paragraph(s, "seeds")
    assert "0.41" in text and "2 coders (ana, ben)" in text and "Wilson" in text


def test_a_sheet_of_another_kind_or_a_coder_twice_is_refused(sample):
    ana = _sheet(sample, "ana")
    with pytest.raises(FramingError, match="more than one sheet"):
        score([ana, ana])
    bad = {"format": "framing-coded", "version": 1, "what": "quotes", "items": [{"id": "x", "article": "a", "start": 0, "end": 1, "coded": {"kind": "shouted"}}]}
    with pytest.raises(FramingError, match="kind is 'shouted'"):
        coded_from_json(bad, "bad.json")


def test_sample_then_score_through_the_cli(tmp_path):
    out = tmp_path / "check"
    run = CliRunner().invoke(main, ["sample", str(SEEDS), "--what", "quotes", "-n", "12", "--seed", "4", "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert {p.name for p in out.iterdir()} >= {"sample.json", "coding.html", "labelstudio", "brat", "README.txt"}
    drawn = read_sample(out / "sample.json")
    assert len(drawn.items) == 12 and drawn.what == "quotes"
    again = tmp_path / "again"
    assert CliRunner().invoke(main, ["sample", str(SEEDS), "-n", "12", "--seed", "4", "-o", str(again)]).exit_code == 0
    assert (again / "sample.json").read_bytes() == (out / "sample.json").read_bytes()  # same seed, same sample
    # a scripted coder: the first three items are no quotes, the rest confirmed
    items = [{"id": i.id, "article": i.article, "outlet": i.outlet, "stratum": i.stratum, "start": i.start, "end": i.end, "framing": i.framing,
              "coded": {"is_quote": "no"} if n < 3 else _answers(i)} for n, i in enumerate(drawn.items)]
    coded = tmp_path / "coded-dee.json"
    coded.write_text(json.dumps({"format": "framing-coded", "version": 1, "what": "quotes", "coder": "dee", "items": items, "added": []}), encoding="utf-8")
    scored = tmp_path / "scored"
    result = CliRunner().invoke(main, ["score", str(coded), "-o", str(scored)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((scored / "validation.csv").open(encoding="utf-8")))
    top = next(r for r in rows if r["field"] == "is_quote" and r["statistic"] == "precision" and r["group"] == "all")
    low, high = wilson(9, 12)
    assert (top["agree"], top["n"], float(top["estimate"])) == ("9", "12", 0.75)
    assert math.isclose(float(top["ci_low"]), round(low, 4)) and math.isclose(float(top["ci_high"]), round(high, 4))
    assert "precision (the share of its quotes that are quotes) 0.75 (95% Wilson interval" in (scored / "methods.md").read_text(encoding="utf-8")
    assert "0.75" in result.output


def test_score_refuses_a_sample_and_a_missing_file(tmp_path):
    out = tmp_path / "check"
    assert CliRunner().invoke(main, ["sample", str(SEEDS), "-n", "3", "-o", str(out)]).exit_code == 0
    r = CliRunner().invoke(main, ["score", str(out / "sample.json")])
    assert r.exit_code == 1 and "this is the sample framing drew, not a coded sheet" in r.output
    r = CliRunner().invoke(main, ["score", str(tmp_path / "nope.json")])
    assert r.exit_code == 1 and "no such file or folder" in r.output


def test_label_studio_and_brat_coders_through_sample_and_score(tmp_path):
    """`framing sample` -> two annotators in a Label Studio export and one coder in brat ->
    `framing score`: ana rejects items 1 and 2, ben 1 and 3 (alpha 0.40625 as computed
    above), cy in brat rejects items 1 to 3 (precision 7 / 10)."""
    from .test_labelstudio_brat import ann_lines, delete_region, delete_t, export, save_ann

    out = tmp_path / "check"
    assert CliRunner().invoke(main, ["sample", str(SEEDS), "-n", "10", "--seed", "2", "-o", str(out)]).exit_code == 0
    tasks = json.loads((out / "labelstudio" / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 10
    data = export(tasks, {"id": 1, "email": "ana@example.org"}, {"id": 2, "email": "ben@example.org"})
    quote_id = lambda result: next(r["id"] for r in result if r.get("type") == "labels" and r["value"]["labels"] == ["Quote"])
    for n, annotator in ((0, 0), (1, 0), (0, 1), (2, 1)):
        result = data[n]["annotations"][annotator]["result"]
        delete_region(result, quote_id(result))
    exported = tmp_path / "project-export.json"
    exported.write_text(json.dumps(data), encoding="utf-8")
    r = CliRunner().invoke(main, ["score", str(exported), "-o", str(tmp_path / "ls")])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader((tmp_path / "ls" / "agreement.csv").open(encoding="utf-8")))
    alpha = next(x for x in rows if x["field"] == "is_quote" and x["statistic"] == "krippendorff_alpha")
    assert float(alpha["value"]) == pytest.approx(0.40625, abs=1e-4) and alpha["units"] == "10"
    kappa = next(x for x in rows if x["field"] == "is_quote" and x["statistic"] == "cohen_kappa" and x["between"] == "ana@example.org ~ ben@example.org")
    assert float(kappa["value"]) == pytest.approx(0.375, abs=1e-4)

    brat = out / "brat"
    docs = sorted(p.stem for p in brat.glob("*.ann"))
    for stem in docs[:3]:
        save_ann(brat, int(stem), delete_t(ann_lines(brat, int(stem)), "Quote"))
    r = CliRunner().invoke(main, ["score", str(brat), "-o", str(tmp_path / "brat-scores")])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader((tmp_path / "brat-scores" / "validation.csv").open(encoding="utf-8")))
    top = next(x for x in rows if x["field"] == "is_quote" and x["statistic"] == "precision" and x["group"] == "all")
    low, high = wilson(7, 10)
    assert (top["coder"], top["agree"], top["n"]) == ("brat", "7", "10")
    assert (float(top["ci_low"]), float(top["ci_high"])) == (round(low, 4), round(high, 4))


def test_the_majority_reads_only_the_coders_who_coded_a_field():
    """One coder leaves the channel empty, another leaves it out (not coded): the majority's
    channel is the first one's "", not a lookup in the sheet that has none."""
    from framing.coding.items import CodedItem
    from framing.coding.score import _majority

    def item(coded):
        return CodedItem("q1", "a1", "Site", "Site\tdirect", "quote", 0, 10, {"speaker": "Ana Berg"}, coded)

    fields = FIELDS["quotes"]
    # ben's sheet comes first: the lookup must skip it, not fail on it
    coded = {"ben": {"q1": item({"is_quote": "yes", "speaker": "Ana Berg"})}, "ana": {"q1": item({"is_quote": "yes", "speaker": "Ana Berg", "channel": ""})}}
    majority = _majority(coded, fields)
    assert majority["q1"].coded["channel"] == "" and majority["q1"].coded["is_quote"] == "yes"

"""Every command through click's CliRunner: happy paths, bad input, nothing left behind."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing.cli import main

from ..conftest import LEXICONS, REPO, SEEDS


def test_analyze_writes_report_and_data(seed_run):
    data = seed_run / "data"
    for name in ("articles.csv", "sentences.csv", "quotes.csv", "mentions.csv", "tones.csv", "topics.csv", "analysis.json"):
        assert (data / name).is_file(), name
    html = (seed_run / "report.html").read_text(encoding="utf-8")
    assert html.count("<script>") >= 1 and "Plotly" in html and "NewsChina" in html
    analysis = json.loads((data / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["articles"] == 5 and analysis["seed"] == 7
    assert "framing analyze" in analysis["command"]
    header = (data / "sentences.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,article,outlet,index,paragraph,role,start,end,text")
    # No temporary folder is left beside the output.
    assert [p.name for p in seed_run.parent.iterdir()] == ["seeds"]


def test_quotes_csv_says_which_attributions_give_the_microphone(seed_run):
    """quotes.csv keeps every attribution with its cue's stance; only speech by someone who
    can speak counts: "Lee's visit highlights the delicate balance" names no speaker, "Many
    South Koreans share China's concerns" is a view they hold, while a chief of staff who
    "said" is counted, and a professor who said "China wants Seoul to side with Beijing" keeps
    the intention he reports inside his words."""
    import csv

    from framing.types import SPEECH_CLASSES, VERB_CLASSES

    with (seed_run / "data" / "quotes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["stance"] for r in rows} <= {*VERB_CLASSES, "other", ""}
    for start, speaker, stance, counted in (
        ("the delicate foreign policy balance Seoul is trying to strike", "", "emphatic", "false"),
        ("Mr Xi’s comments suggested China wants Seoul to side with Beijing", "Seok Byoung-hoon", "neutral", "true"),
        ("Beijing was unlikely to lift", "Kang Hoon-sik", "neutral", "true"),
        ("China’s concerns over Japan", "Many South Koreans", "thought", "false"),  # holding a view
    ):
        (row,) = [r for r in rows if r["text"].startswith(start)]
        assert (row["speaker"], row["stance"], row["counted"]) == (speaker, stance, counted), row
    not_speech = [r for r in rows if r["kind"] == "reported" and r["stance"] in set(VERB_CLASSES) - SPEECH_CLASSES]
    assert len(not_speech) > 10 and all(r["counted"] == "false" for r in not_speech)
    assert all(r["counted"] == "false" for r in rows if r["kind"] in ("scare", "headline") or not r["speaker_id"])


def test_no_two_speakers_share_a_colour_in_the_reader(seed_run):
    """The seeds quote 26 speakers; the most quoted have a colour each, the rest one grey:
    a colour in the reader never stands for two speakers."""
    import re
    from collections import defaultdict

    from framing.report.palette import OTHERS_COLOUR, TOP_SPEAKERS

    html = (seed_run / "report.html").read_text(encoding="utf-8")
    speakers_of = defaultdict(set)
    for speaker, colour in re.findall(r'<mark class="quote [^"]*" data-speaker="([^"]*)" [^>]*?style="border-color:(#[0-9a-fA-F]{6})"', html):
        speakers_of[colour].add(speaker)
    own = {colour: ids for colour, ids in speakers_of.items() if colour not in (OTHERS_COLOUR, "#777777")}
    assert len(own) == TOP_SPEAKERS and all(len(ids) == 1 for ids in own.values()), own
    assert len(speakers_of[OTHERS_COLOUR]) > 5  # the less quoted speakers, in the grey of "others"
    assert speakers_of["#777777"] == {""}  # quotes with no speaker


def test_both_speaker_charts_show_the_same_speakers_in_the_same_colours(seed_result):
    from framing.measures.quotes import microphone_figure, share_figure
    from framing.report.page import ReportContext

    report = ReportContext.of(seed_result, {})
    ranked, colours = report.ranked_speakers, report.speaker_colours
    quotes = microphone_figure(report)
    words = share_figure(report, "speaker_id", "", words=True, colour_of=colours)
    assert len(ranked) > len(colours) and [t.name for t in quotes.data][-1] == "others"
    assert [(t.name, t.marker.color) for t in quotes.data] == [(t.name, t.marker.color) for t in words.data]
    assert len({t.marker.color for t in quotes.data}) == len(quotes.data)


def test_same_input_same_bytes(seed_run, tmp_path):
    again = tmp_path / "seeds"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(again), "--seed", "7"])
    assert result.exit_code == 0, result.output
    first = sorted(p.relative_to(seed_run) for p in seed_run.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        a, b = (seed_run / rel).read_bytes(), (again / rel).read_bytes()
        if rel.name == "analysis.json" or rel.name == "report.html":
            # The reproduce command names the output folder, which differs here.
            a, b = a.replace(str(seed_run).encode(), b"OUT"), b.replace(str(again).encode(), b"OUT")
        assert a == b, rel


def test_rerun_replaces_previous_output(seed_run):
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(seed_run), "--seed", "7"])
    assert result.exit_code == 0
    assert sorted(p.name for p in seed_run.iterdir()) == [".framing-output", "data", "report.html"]


def test_default_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["analyze", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "seeds" / "report.html").is_file()


def _bad_jsonl(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "outlet": "X"}\n', encoding="utf-8")
    return [str(path)]


def _bad_lexicon(tmp_path):
    lex = tmp_path / "bad.toml"
    lex.write_text('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = []\n', encoding="utf-8")
    return [str(SEEDS), "--lexicons", str(lex)]


def _empty_corpus(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    return [str(folder)]


def _unknown_manifest_file(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Head\nBody.\n", encoding="utf-8")
    (folder / "corpus.toml").write_text('[[article]]\nfile = "b.txt"\noutlet = "X"\n', encoding="utf-8")
    return [str(folder)]


@pytest.mark.parametrize(
    "make_args, message",
    [
        (lambda tmp: [str(tmp / "missing")], "no such file or directory"),
        (_empty_corpus, "the corpus has no articles"),
        (_bad_jsonl, "missing required field 'text'"),
        (_bad_lexicon, "bad.toml: terms"),
        (_unknown_manifest_file, "'b.txt' not found"),
    ],
)
def test_analyze_errors_are_one_line_and_leave_nothing(tmp_path, make_args, message):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", *make_args(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_output_path_that_is_a_file(tmp_path):
    target = tmp_path / "taken"
    target.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(target)])
    assert result.exit_code == 1 and "output path exists and is a file" in result.output
    assert target.read_text(encoding="utf-8") == "mine"


def test_output_folder_of_other_files_is_not_replaced(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.docx").write_text("precious", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(target)])
    assert result.exit_code == 1 and "refusing to replace it" in result.output
    assert (target / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_unwritable_output(tmp_path):
    # A parent that is a file cannot hold a folder, even for root.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(blocker / "out")])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "cannot write output here" in result.output
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_interrupt_leaves_no_partial_output(tmp_path, monkeypatch):
    import framing.outputs as outputs

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "render_report", interrupted)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 130
    assert "interrupted" in result.output
    assert list(tmp_path.iterdir()) == []


def test_debug_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(main, ["--debug", "analyze", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.exception is not None and "no such file" in str(result.exception)


def test_quotes_command_formats():
    runner = CliRunner()
    jsonl = runner.invoke(main, ["quotes", str(SEEDS)])
    assert jsonl.exit_code == 0, jsonl.output
    records = [json.loads(line) for line in jsonl.output.splitlines()]
    assert records and {"article", "outlet", "text", "kind", "speaker", "speaker_id", "speaker_type", "speaker_start", "speaker_end", "cue", "channel", "channel_type", "start", "end", "sentence"} <= set(records[0])
    csv_out = runner.invoke(main, ["quotes", str(SEEDS), "--format", "csv"])
    assert csv_out.exit_code == 0 and csv_out.output.splitlines()[0].startswith("article,outlet,text,quoted,kind")
    assert len(csv_out.output.strip().splitlines()) >= len(records) + 1
    table = runner.invoke(main, ["quotes", str(SEEDS), "--format", "table"])
    assert table.exit_code == 0 and "direct" in table.output


def test_lexicon_check_command(tmp_path):
    ok = CliRunner().invoke(main, ["lexicon", "check", str(LEXICONS / "topics")])
    assert ok.exit_code == 0 and "ok  topic" in ok.output and "japan" in ok.output
    bad = tmp_path / "bad.toml"
    bad.write_text('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = ["a", "A"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "check", str(bad)])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {bad}: ")


def test_python_dash_m_and_version():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("framing, version")


def test_lexicon_explain_topic_and_actor():
    runner = CliRunner()
    topic = runner.invoke(main, ["lexicon", "explain", str(SEEDS), "--topic", "history"])
    assert topic.exit_code == 0, topic.output
    lines = topic.output.splitlines()
    assert any("004_f28148b3b02c48fe" in line and "[independence movement]" in line for line in lines)
    assert lines[-1].startswith("# ") and "terms that matched nothing" in lines[-1]
    actor = runner.invoke(main, ["lexicon", "explain", str(SEEDS), "--actor", "li_min"])
    assert actor.exit_code == 0, actor.output
    vias = {line.split("\t")[2] for line in actor.output.splitlines()}
    assert "name" in vias and "surname" in vias  # "Li Min" and the later "Li said"


def test_lexicon_explain_errors(tmp_path):
    runner = CliRunner()
    both = runner.invoke(main, ["lexicon", "explain", str(SEEDS), "--topic", "history", "--actor", "li_min"])
    assert both.exit_code == 1 and "exactly one of" in both.output
    unknown = runner.invoke(main, ["lexicon", "explain", str(SEEDS), "--topic", "weather"])
    assert unknown.exit_code == 1 and "no topic lexicon with id 'weather'" in unknown.output


def test_an_actor_never_mentioned_gives_an_empty_result(tmp_path):
    lexicon = tmp_path / "absent.toml"
    lexicon.write_text('kind = "actors"\nid = "absent"\nlabel = "A"\nversion = "1"\n[[actor]]\nid = "nobody_here"\nname = "Zoltan Quaxley"\n', encoding="utf-8")
    explain = CliRunner().invoke(main, ["lexicon", "explain", str(SEEDS), "--lexicons", str(lexicon), "--actor", "nobody_here"])
    assert explain.exit_code == 0 and explain.output == ""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "--lexicons", str(lexicon), "-o", str(out), "--bootstrap", "10"])
    assert result.exit_code == 0
    assert "nobody_here" not in (out / "data" / "actor_tone.csv").read_text(encoding="utf-8")
    assert "nobody_here" not in (out / "data" / "mentions.csv").read_text(encoding="utf-8")


def test_a_run_without_topic_lexicons_says_so_and_how_to_add_them(tmp_path):
    """No empty topic charts: a warning on stderr and words in the report; `--lexicons
    topics` names framing's shipped topic folder."""
    corpus = REPO / "examples" / "records" / "news.jsonl"
    runner = CliRunner()
    bare = runner.invoke(main, ["analyze", str(corpus), "-o", str(tmp_path / "a"), "--bootstrap", "5"])
    assert bare.exit_code == 0 and "Warning: no topic lexicons" in bare.output and "--lexicons topics" in bare.output
    page = (tmp_path / "a" / "report.html").read_text(encoding="utf-8")
    assert 'id="no-topics"' in page and 'id="fig-topics"' not in page
    shipped = runner.invoke(main, ["analyze", str(corpus), "-o", str(tmp_path / "b"), "--bootstrap", "5", "--lexicons", "topics"])
    assert shipped.exit_code == 0 and "no topic lexicons" not in shipped.output
    assert 'id="fig-topics"' in (tmp_path / "b" / "report.html").read_text(encoding="utf-8")

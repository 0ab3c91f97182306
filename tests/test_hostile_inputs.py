"""What real folders, terminals and lexicons throw at framing, run through the CLI: each
case ends in a named skip or a one-line error, never a traceback, a hang or a run that
passes or fails with the machine's load."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.lexicons import load_lexicons
from framing.pipeline import Analyzer
from framing.types import Article

from .conftest import SEEDS

ACTORS = 'kind = "actors"\nid = "ev"\nlabel = "E"\nversion = "1"\n'
TOPIC = 'kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\n'


def _invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def _one_line_error(result, expect: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and expect in lines[0], result.output


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


GOOD = "Talks end\nThe minister said the talks went well.\n"


def test_a_page_of_dots_is_skipped_by_name_and_the_others_are_analysed(tmp_path):
    # 800 KB of ". ": Punkt's wall-clock regex limit made the whole run fail under load.
    folder = _folder(tmp_path, {"dots.txt": "Dots\n" + ". " * 400_000, "good.txt": GOOD, "other.txt": "Other\nA spokesman said no.\n"})
    out = tmp_path / "out"
    result = _invoke("analyze", str(folder), "-o", str(out), "--bootstrap", "5")
    assert result.exit_code == 0, result.output
    assert "skipped article 'dots': 400,000 sentence ends" in result.output
    assert "skipped 1 of 3 articles (each named above with its reason)" in result.output
    analysis = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["articles"] == 2 and analysis["skipped"][0]["id"] == "dots"
    with (out / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        assert sorted(r["id"] for r in csv.DictReader(handle)) == ["good", "other"]


def test_a_long_paragraph_is_segmented_the_same_whatever_the_load():
    # A 600 KB paragraph of real sentences: Punkt reads it a window at a time.
    from framing.text.segment import PUNKT_WINDOW, sentence_spans
    from framing.types import Span

    text = "The minister said the talks went well. " * 15_000
    spans = sentence_spans(text, Span(0, len(text)))
    assert len(text) > 50 * PUNKT_WINDOW
    assert len(spans) == 15_000
    assert {text[s.start : s.end] for s in spans} == {"The minister said the talks went well."}


def test_an_article_whose_analysis_fails_is_skipped_with_the_reason(tmp_path, monkeypatch):
    folder = _folder(tmp_path, {"bad.txt": "Bad\nThe poison sentence said nothing.\n", "good.txt": GOOD, "more.txt": "More\nShe said yes.\n"})
    real = Analyzer.analyze_article

    def fails_on_poison(self, article, **stages):
        if "poison" in article.text:
            raise ValueError("an internal error")
        return real(self, article, **stages)

    monkeypatch.setattr(Analyzer, "analyze_article", fails_on_poison)
    result = _invoke("analyze", str(folder), "-o", str(tmp_path / "out"), "--bootstrap", "5")
    assert result.exit_code == 0, result.output
    assert "skipped article 'bad': its analysis failed (ValueError: an internal error); this is a bug in framing" in result.output
    result = _invoke("quotes", str(folder))
    assert result.exit_code == 0 and "skipped article 'bad'" in result.output


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    import framing.outputs

    def broken(*args, **kwargs):
        raise TypeError("boom")

    monkeypatch.setattr(framing.outputs, "analyze_to_folder", broken)
    result = _invoke("analyze", str(SEEDS), "-o", str(tmp_path / "out"))
    _one_line_error(result, "unexpected TypeError: boom (a bug in framing; `framing --debug ...` shows the traceback)")
    result = CliRunner().invoke(main, ["--debug", "analyze", str(SEEDS), "-o", str(tmp_path / "out")])
    assert isinstance(result.exception, TypeError)


@pytest.mark.parametrize(
    ("alias", "problem"),
    [("-", "'-' has no letters or digits"), ("", "empty string in list"), ("...", "'...' has no letters or digits"), ("\u2014", "'\u2014' has no letters or digits"),
     ("The", "'The' is only function words"), ("of the", "'of the' is only function words"), ("It", "'It' is only function words")],
)
def test_lexicon_check_refuses_names_that_match_anything(tmp_path, alias, problem):
    path = tmp_path / "actors.toml"
    path.write_text(ACTORS + f'[[actor]]\nid = "a"\nname = "Kim Min"\naliases = [{json.dumps(alias)}]\n', encoding="utf-8")
    result = _invoke("lexicon", "check", str(path))
    _one_line_error(result, f"actors.toml: actor.a.aliases: {problem}")
    result = _invoke("analyze", str(SEEDS), "--lexicons", str(path), "-o", str(tmp_path / "out"))
    _one_line_error(result, problem)


def test_acronyms_and_real_names_pass_the_function_word_check(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text(ACTORS + '[[actor]]\nid = "us"\nname = "United States"\naliases = ["US", "U.S."]\n', encoding="utf-8")
    (tmp_path / "topic.toml").write_text(TOPIC + 'terms = ["the economy"]\ncase_sensitive = ["IT"]\n', encoding="utf-8")
    assert _invoke("lexicon", "check", str(path), str(tmp_path / "topic.toml")).exit_code == 0
    (tmp_path / "topic.toml").write_text(TOPIC + 'terms = ["it"]\n', encoding="utf-8")
    _one_line_error(_invoke("lexicon", "check", str(tmp_path / "topic.toml")), "terms: 'it' is only function words")


def test_the_quotes_table_never_writes_terminal_escapes(tmp_path):
    text = "Screen\nThe minister said \x1b]0;owned\x07 \"we agree \x1b[2J now,\" on Monday \u202e.\n"
    folder = _folder(tmp_path, {"esc.txt": text, "good.txt": GOOD})
    result = _invoke("quotes", str(folder), "--format", "table")
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "we agree" in result.output
    # The data keeps the text exactly.
    rows = [json.loads(line) for line in _invoke("quotes", str(folder)).output.splitlines()]
    assert any("\x1b[2J" in r["text"] for r in rows)


def test_the_formula_guard_can_be_turned_off_for_analysis(tmp_path):
    corpus = tmp_path / "c.jsonl"
    records = [
        {"id": "a", "outlet": "X", "title": "T", "text": 'T\n@MittRomney said "=we will win," on Monday.\n'},
        {"id": "b", "outlet": "Y", "title": "U", "text": "U\nThe minister said the talks went well.\n"},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    def quote_cells(*flags: str) -> list[dict]:
        out = tmp_path / ("out" + "".join(flags))
        assert _invoke("export", str(corpus), "-o", str(out), "--bootstrap", "5", *flags).exit_code == 0
        with (out / "quotes.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    guarded, plain = quote_cells(), quote_cells("--no-formula-guard")
    text = records[0]["text"]
    assert [r["text"] for r in plain if r["article"] == "a"] == ["=we will win"]
    for row in plain:
        if row["speaker_text"]:
            assert row["speaker_text"] == text[int(row["speaker_start"]) : int(row["speaker_end"])] or row["article"] == "b"
    assert [r["text"] for r in guarded if r["article"] == "a"] == ["'=we will win"]


def test_a_name_with_an_ampersand_is_the_speaker(tmp_path):
    analyzer = Analyzer(load_lexicons())
    article = Article(id="a", outlet="O", title="Deal", text='Deal\nAT&T said "we are pleased with the result," on Monday.\nS&P Global said prices would rise.\n', source="a")
    assert [q.speaker for q in analyzer.analyze_article(article).quotes] == ["AT&T", "S&P Global"]


@pytest.mark.parametrize(("opening", "closing"), [("\uff02", "\uff02"), ("\u300c", "\u300d"), ("\u300e", "\u300f"), ("\u275d", "\u275e"), ("\u301d", "\u301e"), ("\u301d", "\u301f")])
def test_full_width_and_cjk_quote_marks_give_a_quote(opening, closing):
    analyzer = Analyzer(load_lexicons())
    text = f"Visit\nThe minister said {opening}we will meet again in spring{closing} on Monday.\n"
    quotes = analyzer.analyze_article(Article(id="a", outlet="O", title="Visit", text=text, source="a")).quotes
    assert [(text[q.span.start : q.span.end], q.speaker) for q in quotes] == [("we will meet again in spring", "The minister")]


def test_an_outlet_name_written_in_nfd_is_redacted_in_the_classroom(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    nfd = "Su\u0308ddeutsche Zeitung"
    (folder / "a.txt").write_text(f"Trade talks\nThe minister told {nfd} that the talks went well.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Trade talks\nA spokesman said the talks failed.\n", encoding="utf-8")
    (folder / "corpus.toml").write_text('[[article]]\nfile = "a.txt"\noutlet = "S\u00fcddeutsche Zeitung"\n[[article]]\nfile = "b.txt"\noutlet = "Other Post"\n', encoding="utf-8")
    out = tmp_path / "lesson"
    assert _invoke("classroom", str(folder), "-o", str(out)).exit_code == 0
    worksheet = (out / "worksheet.html").read_text(encoding="utf-8")
    assert "ddeutsche" not in worksheet


def test_a_form_feed_between_paragraphs_keeps_the_headline(tmp_path):
    analyzer = Analyzer(load_lexicons())
    for sep in ("\f", "\v", "\x1c", "\x1e"):
        article = Article(id="a", outlet="O", title="", text=f"Talks end in Geneva{sep}The minister said the talks went well.", source="a")
        roles = [line.role for line in analyzer.prepare(article)[1]]
        assert roles == ["headline", "body"], (repr(sep), roles)


def test_every_command_prints_a_warning_with_an_undecodable_name_safely(tmp_path):
    import os

    folder = _folder(tmp_path, {"good.txt": GOOD, "other.txt": "Other\nShe said yes.\n"})
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Cafe\nThe owner said it was fine.\n")
    for command in (["quotes"], ["analyze", "-o", str(tmp_path / "out"), "--bootstrap", "5"], ["export", "-o", str(tmp_path / "exp"), "--bootstrap", "5"]):
        result = _invoke(command[0], str(folder), *command[1:])
        assert result.exit_code == 0, result.output
        io.StringIO().write(result.output)  # printable
        assert "caf" in result.output and "Warning: " in result.output


def test_recursive_reads_subfolders_and_says_so_without_it(tmp_path):
    folder = _folder(tmp_path, {"good.txt": GOOD})
    (folder / "2026").mkdir()
    (folder / "2026" / "more.txt").write_text("More\nShe said yes.\n", encoding="utf-8")
    plain = _invoke("quotes", str(folder))
    assert "ignored 1 article file in subfolders (2026/more.txt)" in plain.output
    out = tmp_path / "out"
    result = _invoke("analyze", str(folder), "--recursive", "-o", str(out), "--bootstrap", "5", "--lexicons", "topics")
    assert result.exit_code == 0 and "Warning" not in result.output, result.output
    with (out / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        assert sorted(r["id"] for r in csv.DictReader(handle)) == ["2026/more", "good"]


def test_a_lexicon_written_in_nfd_matches_the_nfc_text(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text(ACTORS + '[[actor]]\nid = "mueller"\nname = "Anna Mu\u0308ller"\ngender = "female"\n', encoding="utf-8")
    analyzer = Analyzer(load_lexicons([path]))
    text = "Talks\nAnna M\u00fcller said the talks went well.\n"
    analysis = analyzer.analyze_article(Article(id="a", outlet="O", title="Talks", text=text, source="a"))
    assert [m.actor_id for m in analysis.mentions] == ["mueller"]
    assert [q.speaker_id for q in analysis.quotes] == ["mueller"]


def test_odd_output_paths_and_corpus_files_are_one_line_errors(tmp_path):
    import os

    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    _one_line_error(_invoke("analyze", str(SEEDS), "-o", str(tmp_path / "link")), "output path is a symbolic link")
    assert os.listdir(tmp_path / "real") == []
    _one_line_error(_invoke("analyze", str(SEEDS), "-o", ""), "-o: the output path is empty")
    _one_line_error(_invoke("classroom", str(SEEDS), "-o", " "), "-o: the output path is empty")
    os.mkfifo(tmp_path / "pipe.jsonl")  # reading it would block forever
    _one_line_error(_invoke("quotes", str(tmp_path / "pipe.jsonl")), "pipe.jsonl: not a regular file")

"""The bad-input matrix: whatever a user or a scraper throws at ``framing analyze``.

Each case builds its input in a temporary folder, runs the real command through click's
CliRunner, and checks what users expect: either a clear one-line ``Error: ...`` with exit
code 1 and no output left behind, or a run that succeeds (with a named warning where
something was skipped or guessed). The README's "What framing does with bad input" table
is generated from this matrix (``python -m tests.test_bad_input``) and checked against it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main

from .conftest import REPO, SEEDS

QUOTES_ONLY = '"' * 200 + "\u201c\u201d" * 100 + "'" * 50


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]  # returns the CLI arguments after "analyze"
    outcome: str  # "error", "ok" or "ok, warning"
    expect: str  # a piece of the message users see
    behaviour: str  # the README's words
    topics: bool = True  # run with framing's shipped topic lexicons


def _folder(tmp: Path, files: dict[str, bytes | str], manifest: str | None = None) -> list[str]:
    folder = tmp / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text("A normal headline\nThe minister said the talks went well.\n", encoding="utf-8")
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if manifest is not None:
        (folder / "corpus.toml").write_text(manifest, encoding="utf-8")
    return [str(folder)]


def _only_other_formats(tmp: Path) -> list[str]:
    folder = tmp / "corpus"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    return [str(folder)]


def _jsonl(tmp: Path, lines: list[str]) -> list[str]:
    path = tmp / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(path)]


def _csv(tmp: Path, header: list[str], rows: list[list[str]]) -> list[str]:
    path = tmp / "corpus.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return [str(path)]


def _symlink_outside(tmp: Path) -> list[str]:
    args = _folder(tmp, {})
    (tmp / "secret.txt").write_text("Secret\nNot part of the corpus.\n", encoding="utf-8")
    os.symlink(tmp / "secret.txt", Path(args[0]) / "link.txt")
    return args


def _symlink_loop(tmp: Path) -> list[str]:
    args = _folder(tmp, {})
    folder = Path(args[0])
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", folder / "b.txt")
    return args


def _subfolder(tmp: Path) -> list[str]:
    args = _folder(tmp, {})
    (Path(args[0]) / "2026").mkdir()
    (Path(args[0]) / "2026" / "more.txt").write_text("More\nShe said yes.\n", encoding="utf-8")
    return args


def _csv_manifest_twice(tmp: Path) -> list[str]:
    args = _folder(tmp, {})
    (Path(args[0]) / "corpus.csv").write_text("file,outlet\ngood.txt,X\ngood.txt,Y\n", encoding="utf-8")
    return args


def _output_is_file(tmp: Path) -> list[str]:
    (tmp / "taken").write_text("a file", encoding="utf-8")
    return [str(SEEDS), "-o", str(tmp / "taken")]


def _output_unwritable(tmp: Path) -> list[str]:
    (tmp / "blocker").write_text("a file", encoding="utf-8")
    return [str(SEEDS), "-o", str(tmp / "blocker" / "out")]


def _output_is_users_folder(tmp: Path) -> list[str]:
    project = tmp / "project"
    (project / "data").mkdir(parents=True)
    (project / "thesis.tex").write_text("\\chapter{One}\n", encoding="utf-8")
    (project / "data" / "interviews.csv").write_text("id,answer\n1,yes\n", encoding="utf-8")
    return [str(SEEDS), "-o", str(project)]


def _output_of_another_command(tmp: Path) -> list[str]:
    lesson = tmp / "lesson"
    result = CliRunner().invoke(main, ["classroom", str(SEEDS), "-o", str(lesson)])
    assert result.exit_code == 0, result.output
    return [str(SEEDS), "-o", str(lesson)]


def _corrections(tmp: Path, data) -> list[str]:
    (tmp / "coded.json").write_text(json.dumps(data), encoding="utf-8")
    return [str(SEEDS), "-o", str(tmp / "out"), "--corrections", str(tmp / "coded.json")]


def _disagreeing_coders(tmp: Path) -> list[str]:
    item = {"id": "x#q1-9", "article": "x", "outlet": "X", "start": 1, "end": 9, "framing": {"is_quote": "yes", "speaker": "A"}}
    for coder, coded in (("ana", {"is_quote": "no"}), ("ben", {"is_quote": "yes", "speaker": "B"})):
        (tmp / f"{coder}.json").write_text(json.dumps({"format": "framing-coded", "version": 1, "what": "quotes", "coder": coder, "items": [{**item, "coded": coded}]}), encoding="utf-8")
    return [str(SEEDS), "-o", str(tmp / "out"), "--corrections", str(tmp / "ana.json"), "--corrections", str(tmp / "ben.json")]


def _bad_lexicon(tmp: Path, text: str) -> list[str]:
    (tmp / "bad.toml").write_text(text, encoding="utf-8")
    return [str(SEEDS), "--lexicons", str(tmp / "bad.toml")]


TOPIC = 'kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\n'
ACTORS = 'kind = "actors"\nid = "ev"\nlabel = "E"\nversion = "1"\n'
LANGUAGE = 'kind = "language"\nid = "en"\nlabel = "L"\nversion = "1"\n[segmentation]\nabbreviations = ["mr"]\n'

MATRIX = [
    Case("non-UTF-8 text", lambda t: _folder(t, {"latin.txt": "Café owners said \u201cyes\u201d.\n".encode("cp1252")}), "ok, warning", "decoded as cp1252", "decoded as Windows-1252 with a warning naming the file"),
    Case("UTF-16 with BOM", lambda t: _folder(t, {"wide.txt": "Headline\nA UTF-16 text.\n".encode("utf-16")}), "ok", "", "read as UTF-16"),
    Case("binary file", lambda t: _folder(t, {"image.txt": b"\x89PNG\x00\x00\x01binary"}), "ok, warning", "binary file", "skipped with a warning (`--strict`: an error)"),
    Case("empty or whitespace-only file", lambda t: _folder(t, {"empty.txt": "", "blank.txt": " \n\t\n"}), "ok, warning", "empty file", "skipped with a warning"),
    Case("50 MB file", lambda t: _folder(t, {"huge.txt": ("All work and no play. " * 2_400_000)}), "ok, warning", "too large for one article", "skipped with a warning: over 5 million characters is not one article"),
    Case("files of other formats (.pdf, .rtf)", lambda t: _folder(t, {"interview.rtf": b"{\\rtf1 hello}", "scan.pdf": b"%PDF-1.4"}), "ok, warning", "not .txt, .md, .html or .docx (interview.rtf, scan.pdf)", "named in one warning and skipped (`--strict`: an error)"),
    Case("only files of other formats", _only_other_formats, "error", "no articles with text (skipped 1 file that is not .txt, .md, .html or .docx (notes.pdf)", "error naming them"),
    Case("a saved page with no article (a menu)", lambda t: _folder(t, {"menu.html": "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"}), "ok, warning", "menu.html: no article text found in the page", "skipped with a warning naming the page"),
    Case("no topic lexicon", lambda t: _jsonl(t, ['{"id": "a", "outlet": "X", "text": "The minister said the talks went well."}']), "ok, warning", "no topic lexicons", "a warning that says how to add them (`--lexicons topics`); the report says so in words", topics=False),
    Case("a single 1 MB line", lambda t: _folder(t, {"line.txt": "Headline\n" + ("word " * 200_000)}), "ok", "", "analysed as one long sentence"),
    Case("nothing but quote marks", lambda t: _folder(t, {"quotes.txt": "Headline\n" + QUOTES_ONLY + "\n"}), "ok", "", "analysed; no quote invented"),
    Case("unbalanced and nested quotes", lambda t: _folder(t, {"nested.txt": 'Headline\nHe said "it is \'fine\' and "never ends.\n"Another, she said.\n'}), "ok", "", "analysed; a quote never runs past its paragraph"),
    Case("control characters", lambda t: _folder(t, {"ctrl.txt": "Head\x00line\nThe \x07minister\x1b said \x0bit.\n".replace("\x00", "")}), "ok", "", "treated as spaces for matching (form feed, vertical tab and the separators \\x1c-\\x1e as line breaks); text kept as is; shown as spaces on a terminal"),
    Case("full-width and CJK quote marks", lambda t: _folder(t, {"cjk.txt": "Visit\nThe minister said \uff02we will meet again\uff02 and \u300cwe agree\u300d.\n"}), "ok", "", "read as quote marks"),
    Case("lone surrogate in JSONL", lambda t: _jsonl(t, ['{"id": "a", "outlet": "X", "text": "The minister said \\ud800 fine."}']), "ok, warning", "lone surrogate", "replaced with U+FFFD, with a warning naming the line"),
    Case("JSONL NaN, 1e400 or true as a value", lambda t: _jsonl(t, ['{"id": "a", "outlet": "X", "text": true}']), "error", "field 'text' must be a string, got true", "error naming the line and field (NaN and 1e400 are not JSON)"),
    Case("right-to-left and CJK text", lambda t: _folder(t, {"intl.txt": "\u0645\u0631\u062d\u0628\u0627 headline\n\u4e60\u8fd1\u5e73\u8bf4\u201c\u4f60\u597d\u201d\u3002 \u05e9\u05dc\u05d5\u05dd said the minister.\n"}), "ok", "", "analysed; only English cues are recognised"),
    Case("JSONL line that is not JSON", lambda t: _jsonl(t, ['{"id": "a", "outlet": "X", "text": "fine"}', "{not json"]), "error", "corpus.jsonl:2: not valid JSON", "error naming the line"),
    Case("JSONL row without required fields", lambda t: _jsonl(t, ['{"id": "a", "outlet": "X"}']), "error", "missing required field 'text'", "error naming the line and field"),
    Case("CSV with a missing column", lambda t: _csv(t, ["id", "title", "text"], [["1", "t", "x"]]), "error", "missing column(s): outlet", "error naming the column"),
    Case("CSV with a 100 MB field", lambda t: _csv(t, ["id", "outlet", "text"], [["big", "X", "a" * 100_000_000], ["ok", "X", "The minister said it went well."]]), "ok, warning", "too large for one article", "that row skipped with a warning"),
    Case("duplicate article ids", lambda t: _jsonl(t, ['{"id": "a", "outlet": "X", "text": "one"}', '{"id": "a", "outlet": "Y", "text": "two"}']), "error", "duplicate article id 'a'", "error naming the id"),
    Case("manifest names a file outside the folder", lambda t: _folder(t, {}, '[[article]]\nfile = "../../etc/passwd"\noutlet = "X"\n'), "error", "outside the corpus folder; refused", "refused"),
    Case("manifest names a missing file", lambda t: _folder(t, {}, '[[article]]\nfile = "nope.txt"\noutlet = "X"\n'), "error", "'nope.txt' not found", "error naming the file"),
    Case("symlink that leads outside", _symlink_outside, "error", "symbolic link leads outside", "refused"),
    Case("symlink loop", _symlink_loop, "ok, warning", "symbolic link loop", "skipped with a warning naming each link"),
    Case(".txt files in subfolders", _subfolder, "ok, warning", "use --recursive to read it", "named in a warning and ignored (`--recursive`: read, id `2026/more`)"),
    Case("manifest lists a file twice", _csv_manifest_twice, "error", "listed twice", "error naming the file (corpus.toml and corpus.csv)"),
    Case("empty corpus", lambda t: _jsonl(t, [""]), "error", "no articles", "error"),
    Case("missing path", lambda t: [str(t / "nowhere")], "error", "no such file or directory", "error"),
    Case("output path is a file", _output_is_file, "error", "output path exists and is a file", "error; the file is untouched"),
    Case("output folder cannot be created", _output_unwritable, "error", "cannot write output here", "error"),
    Case("output folder holds your files", _output_is_users_folder, "error", "is not a framing output; refusing to replace it", "refused, files untouched (`--force` replaces it)"),
    Case("output folder holds another command's output", _output_of_another_command, "error", "holds the output of `framing classroom`", "refused, output untouched"),
    Case("a page of 400,000 dots", lambda t: _folder(t, {"dots.txt": "Dots\n" + ". " * 400_000}), "ok, warning", "skipped article 'dots': 400,000 sentence ends", "that article skipped with a warning; the others analysed"),
    Case("--corrections: a file that is no coded sheet", lambda t: _corrections(t, {"rows": []}), "error", "coded.json: not a coded sheet", "error saying which files are"),
    Case("--corrections: a coded sheet with a value no field has", lambda t: _corrections(t, {"format": "framing-coded", "version": 1, "what": "quotes", "items": [{"id": "x", "article": "x", "start": 0, "end": 4, "coded": {"kind": "shouted"}}]}), "error", "kind is 'shouted' (one of: direct, partial, reported)", "error naming the item and field"),
    Case("--corrections: two coders correct one quote apart", _disagreeing_coders, "error", "correct the quote x#q1-9 differently: adjudicate", "error naming both files"),
    Case("lexicon: TOML syntax error", lambda t: _bad_lexicon(t, TOPIC + "terms = [\n"), "error", "bad.toml: toml:", "error `file: toml: ...`"),
    Case("lexicon: wrong type", lambda t: _bad_lexicon(t, TOPIC + "terms = 3\n"), "error", "bad.toml: terms:", "error `file: key: problem`"),
    Case("lexicon: duplicate terms", lambda t: _bad_lexicon(t, TOPIC + 'terms = ["Japan", "japan"]\n'), "error", "duplicate", "error naming the term"),
    Case("lexicon: alias claimed by two actors", lambda t: _bad_lexicon(t, ACTORS + '[[actor]]\nid = "a"\nname = "Kim Min"\n[[actor]]\nid = "b"\nname = "Park Ji"\naliases = ["Kim-Min"]\n'), "error", "claimed by both 'a' and 'b'", "error naming both actors"),
    Case("lexicon: alias that is punctuation alone", lambda t: _bad_lexicon(t, ACTORS + '[[actor]]\nid = "a"\nname = "Kim Min"\naliases = ["-"]\n'), "error", "'-' has no letters or digits", "error naming the alias (it would match anywhere)"),
    Case("lexicon: alias of function words", lambda t: _bad_lexicon(t, ACTORS + '[[actor]]\nid = "a"\nname = "Kim Min"\naliases = ["The"]\n'), "error", "'The' is only function words", "error naming the alias (the language lexicon's `function_words`)"),
    Case("lexicon: catastrophic regular expression", lambda t: _bad_lexicon(t, LANGUAGE + '[lines]\nboilerplate = ["(a+)+$"]\n'), "error", "can hang on long lines", "refused at load"),
]


def markdown_table() -> str:
    lines = ["| input | what framing does |", "|---|---|"]
    lines += [f"| {c.name} | {c.behaviour} |" for c in MATRIX]
    return "\n".join(lines)


@pytest.mark.parametrize("case", MATRIX, ids=[c.name for c in MATRIX])
def test_bad_input(case: Case, tmp_path):
    args = case.build(tmp_path)
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "out")]
    # framing's shipped topics: without any, a run warns that it has none (a case of its own)
    result = CliRunner().invoke(main, ["analyze", *args, "--bootstrap", "10", *(["--lexicons", "topics"] if case.topics else [])])
    output = result.output
    assert "Traceback" not in output
    if case.outcome == "error":
        assert result.exit_code == 1, output
        lines = output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), output
        assert case.expect in lines[0], output
        assert not (tmp_path / "out").exists()
        assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]
        if "-o" in args and Path(args[args.index("-o") + 1]).is_dir():  # a folder that was refused is as it was
            refused = Path(args[args.index("-o") + 1])
            assert (refused / "thesis.tex").is_file() or (refused / "worksheet.html").is_file()
    else:
        assert result.exit_code == 0, output
        out = Path(args[args.index("-o") + 1])
        assert (out / "report.html").is_file() and (out / "data" / "analysis.json").is_file()
        if case.outcome == "ok, warning":
            assert "Warning: " in output and case.expect in output, output
        else:
            assert "Warning: " not in output, output


def test_strict_turns_skips_into_errors(tmp_path):
    args = _folder(tmp_path, {"image.txt": b"\x89PNG\x00\x00"})
    result = CliRunner().invoke(main, ["analyze", *args, "--strict", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "binary file" in result.output and not (tmp_path / "out").exists()


def test_quote_marks_only_invents_no_quote(tmp_path):
    from framing.text import read_corpus
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    corpus = read_corpus(Path(_folder(tmp_path, {"quotes.txt": "Headline\n" + QUOTES_ONLY + "\n"})[0]))
    analysis = Analyzer(load_lexicons()).analyze_article(next(a for a in corpus.articles if a.id == "quotes"))
    assert [q for q in analysis.quotes if q.speaker_id] == []


def test_csv_exports_neutralise_formulas_but_json_keeps_text(tmp_path):
    corpus = tmp_path / "c.jsonl"
    records = [
        {"id": "a", "outlet": "=HYPERLINK(\"http://x\")", "title": "+SUM(A1)", "text": "@cmd said \"-2+3 is fine,\" on Monday.\nThe talks went well."},
        {"id": "b", "outlet": "Plain", "title": "Fine", "text": "The minister said the talks went well."},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(corpus), "-o", str(out), "--bootstrap", "10"])
    assert result.exit_code == 0, result.output
    with (out / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["a"]["outlet"] == "'=HYPERLINK(\"http://x\")" and rows["a"]["title"] == "'+SUM(A1)"
    for path in (out / "data").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@")), (path.name, cell)
                    assert not (cell.startswith("-") and not _is_number(cell)), (path.name, cell)
    analysis = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert "=HYPERLINK(\"http://x\")" in analysis["outlets"]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_readme_table_is_the_matrix():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "regenerate the README table: python -m tests.test_bad_input"


if __name__ == "__main__":
    print(markdown_table())

"""Hostile corpora: symbolic link loops, lone surrogates, file names that are not UTF-8,
files that vanish or cannot be read, JSON values Python accepts but JSON does not, manifests
that list a file twice or in a subfolder, subfolders, Unicode normal forms, and the line
breaks the matching copy must keep. Bad input is a one-line ``CorpusError`` or a named
skip, never a traceback, and every message can be printed as UTF-8."""

from __future__ import annotations

import errno
import json
import os
import pathlib
import unicodedata

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.text import read_corpus
from framing.text.folder import read_folder
from framing.errors import CorpusError
from framing.types import Article

HEAD_BODY = "A normal headline\nThe minister said the talks went well.\n"


def _folder(path: pathlib.Path, files: dict[str, str] | None = None) -> pathlib.Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "good.txt").write_text(HEAD_BODY, encoding="utf-8")
    for name, text in (files or {}).items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    return path


def _printable(*messages: str) -> None:
    for message in messages:
        message.encode("utf-8")  # raises on a surrogate
        assert "\n" not in message


def _analyze(tmp_path: pathlib.Path, corpus: pathlib.Path, *options: str):
    result = CliRunner().invoke(main, ["analyze", str(corpus), "-o", str(tmp_path / "out"), "--bootstrap", "10", *options])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


# 1. Symbolic link loops and dangling links


def test_symlink_loops_and_dangling_links_are_named_skips(tmp_path):
    folder = _folder(tmp_path / "corpus")
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("c.txt", folder / "c.txt")
    os.symlink("missing.txt", folder / "d.txt")
    corpus = read_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.warnings == (
        f"skipped {folder / 'a.txt'}: symbolic link loop",
        f"skipped {folder / 'b.txt'}: symbolic link loop",
        f"skipped {folder / 'c.txt'}: symbolic link loop",
        f"skipped {folder / 'd.txt'}: symbolic link to a missing file",
    )
    with pytest.raises(CorpusError, match=r"a\.txt: symbolic link loop"):
        read_corpus(folder, strict=True)


def test_symlink_loops_in_subfolders_manifests_and_the_corpus_path(tmp_path):
    folder = _folder(tmp_path / "corpus", {"sub/e.txt": HEAD_BODY})
    os.symlink("f.txt", folder / "sub" / "f.txt")
    os.symlink("..", folder / "sub" / "up")  # a folder that loops: not followed
    corpus = read_corpus(folder, recursive=True)
    assert [a.id for a in corpus.articles] == ["good", "sub/e"]
    assert corpus.warnings == (
        f"skipped {folder / 'sub' / 'up'}: symbolic link to a folder; not followed",
        f"skipped {folder / 'sub' / 'f.txt'}: symbolic link loop",
    )
    # A manifest that names a loop, a manifest that is one, a corpus path that is one.
    (folder / "corpus.toml").write_text('[[article]]\nfile = "sub/f.txt"\noutlet = "X"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"article file 'sub/f\.txt': symbolic link loop"):
        read_corpus(folder)
    (folder / "corpus.toml").unlink()
    os.symlink("corpus.toml", folder / "corpus.toml")
    with pytest.raises(CorpusError, match=r"corpus\.toml: symbolic link loop"):
        read_corpus(folder)
    os.symlink("loop.jsonl", tmp_path / "loop.jsonl")
    with pytest.raises(CorpusError, match=r"loop\.jsonl: symbolic link loop"):
        read_corpus(tmp_path / "loop.jsonl")


# 2. Lone surrogates


def test_lone_surrogates_become_replacement_characters(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"id": "a", "outlet": "X", "text": "Fine text."}',
                '{"id": "b", "outlet": "X", "text": "A pair \\ud83d\\ude00 is one character."}',
                '{"id": "c", "outlet": "X", "text": "Broken \\ud800 here \\udc00."}',
                '{"id": "d\\udc80", "outlet": "X\\ud800", "title": "T\\udfff", "text": "Reversed \\udc00\\ud800.", "date": "2026\\udbff", "url": "u"}',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    corpus = read_corpus(path)
    assert corpus.warnings == (
        "corpus.jsonl:3: 2 invalid characters (lone surrogates) replaced with U+FFFD",
        "corpus.jsonl:4: 6 invalid characters (lone surrogates) replaced with U+FFFD",
    )
    by_id = {a.id: a for a in corpus.articles}  # read again from disk, cleaned the same way
    assert by_id["b"].text == "A pair \U0001f600 is one character."
    assert by_id["c"].text == "Broken \ufffd here \ufffd."  # one for one: offsets unchanged
    d = by_id["d\ufffd"]
    assert (d.outlet, d.title, d.text, d.published) == ("X\ufffd", "T\ufffd", "Reversed \ufffd\ufffd.", "2026\ufffd")
    assert corpus.outlets == ("X", "X\ufffd")
    for article in corpus.articles:
        for value in (article.id, article.outlet, article.title, article.text, article.published, article.url):
            value.encode("utf-8")
    # A UTF-16 file is held in memory: the same cleaning.
    wide = tmp_path / "wide.jsonl"
    wide.write_text('{"id": "a", "outlet": "X", "text": "One \\udfff."}\n', encoding="utf-16")
    corpus = read_corpus(wide)
    assert corpus.articles[0].text == "One \ufffd." and corpus.warnings == ("wide.jsonl:1: 1 invalid character (a lone surrogate) replaced with U+FFFD",)


def test_lone_surrogates_do_not_crash_the_report(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = ['{"id": "a", "outlet": "X", "text": "The minister said the talks went well."}', '{"id": "b", "outlet": "Y", "title": "Head \\ud800", "text": "The minister \\udfff said it went well."}']
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = _analyze(tmp_path, path)
    assert result.exit_code == 0, result.output
    assert "Warning: corpus.jsonl:2: 2 invalid characters (lone surrogates) replaced with U+FFFD" in result.output
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").count("Head \ufffd") >= 1


# 3. File names that are not UTF-8


def _undecodable(folder: pathlib.Path, name: bytes, text: str = HEAD_BODY) -> None:
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(text.encode("utf-8"))


def test_a_file_name_that_is_not_utf8_is_a_named_skip(tmp_path):
    folder = _folder(tmp_path / "corpus")
    _undecodable(folder, b"caf\xe9.txt")
    os.mkdir(os.path.join(os.fsencode(folder), b"sub\xff"))
    _undecodable(folder / os.fsdecode(b"sub\xff"), b"x.txt")
    corpus = read_corpus(folder, recursive=True)
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.warnings == (
        f"skipped {folder}/caf\\xe9.txt: file name is not valid UTF-8; rename it",
        f"skipped {folder}/sub\\xff/x.txt: file name is not valid UTF-8; rename it",
    )
    with pytest.raises(CorpusError) as failure:
        read_corpus(folder, strict=True)
    assert str(failure.value) == f"skipped {folder}/caf\\xe9.txt: file name is not valid UTF-8; rename it"
    # Without --recursive the subfolder's file is counted, its name shown escaped.
    assert read_corpus(folder).warnings[0] == "ignored 1 article file in subfolders (sub\\xff/x.txt); use --recursive to read it"
    _printable(*read_corpus(folder).warnings)


def test_a_corpus_folder_whose_own_name_is_not_utf8(tmp_path):
    folder = pathlib.Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9")))
    _folder(folder, {"empty.txt": " \n"})
    corpus = read_corpus(folder)
    assert corpus.name == "caf\ufffd" and [a.id for a in corpus.articles] == ["good"]
    assert corpus.warnings == (f"skipped {tmp_path}/caf\\xe9/empty.txt: empty file",)
    (folder / "corpus.toml").write_text('[[article]]\nfile = "nope.txt"\n', encoding="utf-8")
    with pytest.raises(CorpusError) as failure:
        read_corpus(folder)
    _printable(str(failure.value))
    assert "caf\\xe9/corpus.toml: article file 'nope.txt' not found" in str(failure.value)
    records = pathlib.Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"d\xe9.jsonl")))
    records.write_text('{"id": "a", "outlet": "X", "text": NaN}\n', encoding="utf-8")
    with pytest.raises(CorpusError) as failure:
        read_corpus(records)
    _printable(str(failure.value))


def test_the_cli_prints_an_undecodable_name_escaped(tmp_path):
    folder = _folder(tmp_path / "corpus")
    _undecodable(folder, b"caf\xe9.txt")
    result = _analyze(tmp_path, folder)
    assert result.exit_code == 0, result.output
    assert "Warning: skipped " in result.output and "caf\\xe9.txt: file name is not valid UTF-8; rename it" in result.output
    result = _analyze(tmp_path, folder, "--strict")
    assert result.exit_code == 1 and result.output.startswith("Error: skipped ") and len(result.output.strip().splitlines()) == 1


# 4. Files that vanish or cannot be read


def _flaky_open(monkeypatch, *, vanish=(), deny=(), eio=()):
    """Path.open as if, between listing and reading, files vanished, lost their permission or
    failed halfway (the test may run as root, for whom permission 000 changes nothing)."""
    real_open = pathlib.Path.open

    class FailingReads:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            if size < 0 or size > 4:
                raise OSError(errno.EIO, "Input/output error")
            return self.handle.read(size)

        def readline(self, size=-1):
            raise OSError(errno.EIO, "Input/output error")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fake_open(self, *args, **kwargs):
        if self.name in vanish and self.exists():
            self.unlink()
        if self.name in deny:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        handle = real_open(self, *args, **kwargs)
        return FailingReads(handle) if self.name in eio else handle

    monkeypatch.setattr(pathlib.Path, "open", fake_open)


def test_files_that_vanish_or_cannot_be_read_are_named_skips(tmp_path, monkeypatch):
    folder = _folder(tmp_path / "corpus", {"gone.txt": HEAD_BODY, "locked.txt": HEAD_BODY, "broken.txt": HEAD_BODY})
    (folder / "locked.txt").chmod(0)
    _flaky_open(monkeypatch, vanish={"gone.txt"}, deny={"locked.txt"}, eio={"broken.txt"})
    corpus = read_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.warnings == (
        f"skipped {folder / 'broken.txt'}: cannot read (Input/output error)",
        f"skipped {folder / 'gone.txt'}: disappeared while the folder was read",
        f"skipped {folder / 'locked.txt'}: cannot read (Permission denied)",
    )
    with pytest.raises(CorpusError, match=r"broken\.txt: cannot read"):
        read_corpus(folder, strict=True)


def test_unreadable_manifests_and_records_files_are_errors(tmp_path, monkeypatch):
    folder = _folder(tmp_path / "corpus")
    (folder / "corpus.toml").write_text('[[article]]\nfile = "good.txt"\noutlet = "X"\n', encoding="utf-8")
    (tmp_path / "corpus.csv").write_text("file,outlet\ngood.txt,X\n", encoding="utf-8")
    records = tmp_path / "c.jsonl"
    records.write_text('{"id": "a", "outlet": "X", "text": "One."}\n', encoding="utf-8")
    _flaky_open(monkeypatch, deny={"corpus.toml", "corpus.csv"}, eio={"c.jsonl"})
    with pytest.raises(CorpusError, match=r"corpus\.toml: cannot read \(Permission denied\)"):
        read_corpus(folder)
    (folder / "corpus.toml").unlink()
    (tmp_path / "corpus.csv").rename(folder / "corpus.csv")
    with pytest.raises(CorpusError, match=r"corpus\.csv: cannot read \(Permission denied\)"):
        read_corpus(folder)
    with pytest.raises(CorpusError, match=r"c\.jsonl: cannot read \(Input/output error\)"):
        read_corpus(records)
    monkeypatch.undo()
    corpus = read_corpus(records)
    _flaky_open(monkeypatch, eio={"c.jsonl"})  # fails when the text is read again
    with pytest.raises(CorpusError, match="cannot read it again"):
        list(corpus.articles)


def test_folders_that_cannot_be_listed(tmp_path, monkeypatch):
    folder = _folder(tmp_path / "corpus", {"sub/a.txt": HEAD_BODY})
    denied = {os.fspath(folder)}
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(real):
        def listing(path="."):
            if os.fspath(path) in denied:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path)

        return listing

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    with pytest.raises(CorpusError, match=r"corpus: cannot list the folder \(Permission denied\)"):
        read_corpus(folder)
    denied = {os.fspath(folder / "sub")}
    assert read_corpus(folder, recursive=True).warnings == (f"skipped {folder / 'sub'}: cannot list the folder (Permission denied)",)
    assert read_corpus(folder).warnings == ()  # not read, so not a problem


# 5. JSON values that are not JSON, and field types

GOOD = '{"id": "a", "outlet": "X", "text": "One."}\n{"id": "b", "outlet": "X", "text": "Two."}\n'


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "c", "outlet": "X", "text": NaN}', "corpus.jsonl:3: NaN is not valid JSON"),
        ('{"id": "c", "outlet": "X", "text": "t", "score": Infinity}', "corpus.jsonl:3: Infinity is not valid JSON"),
        ('{"id": "c", "outlet": "X", "text": "t", "score": -Infinity}', "corpus.jsonl:3: -Infinity is not valid JSON"),
        ('{"id": "c", "outlet": "X", "text": 1e400}', "corpus.jsonl:3: number 1e400 is too large"),
        ('{"id": "c", "outlet": "X", "text": true}', "corpus.jsonl:3: field 'text' must be a string, got true"),
        ('{"id": "c", "outlet": false, "text": "t"}', "corpus.jsonl:3: field 'outlet' must be a string, got false"),
        ('{"id": "c", "outlet": "X", "text": "t", "title": {"a": 1}}', "corpus.jsonl:3: field 'title' must be a string, got an object"),
        ('{"id": "c", "outlet": "X", "text": "t", "date": [2026, 1, 5]}', "corpus.jsonl:3: field 'date' must be a string, got an array"),
        ('{"id": "c", "outlet": "X", "text": "t", "url": 3}', "corpus.jsonl:3: field 'url' must be a string, got 3"),
        ('{"id": "c", "outlet": "X", "text": 2.5}', "corpus.jsonl:3: field 'text' must be a string, got 2.5"),
        ('{"id": true, "outlet": "X", "text": "t"}', "corpus.jsonl:3: field 'id' must be a string or an integer, got true"),
        ('{"id": 1.5, "outlet": "X", "text": "t"}', "corpus.jsonl:3: field 'id' must be a string or an integer, got 1.5"),
        ('{"id": "c", "outlet": "X", "text": "t", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}", "corpus.jsonl:3: not valid JSON (nested too deeply)"),
        ('{"id": "c", "outlet": "X", "text": "t", "n": ' + "9" * 5000 + "}", "corpus.jsonl:3: not valid JSON"),
    ],
    ids=["NaN", "Infinity", "-Infinity", "1e400", "text true", "outlet false", "title object", "date array", "url number", "text float", "id bool", "id float", "deep nesting", "huge integer"],
)
def test_jsonl_values_that_are_not_json_strings_are_refused(tmp_path, line, message):
    path = tmp_path / "corpus.jsonl"
    path.write_text(GOOD + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as failure:
        read_corpus(path)
    assert message in str(failure.value) and "\n" not in str(failure.value)


def test_integer_ids_nulls_and_csv_strings_still_work(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": 7, "outlet": "X", "text": "One.", "title": null, "date": null, "url": null}\n', encoding="utf-8")
    (article,) = read_corpus(path).articles
    assert (article.id, article.title, article.published, article.url) == ("7", "", "", "")
    table = tmp_path / "corpus.csv"
    table.write_text('id,outlet,text,title\n1,true,NaN,1e400\n2,X,"Short row"\n', encoding="utf-8")
    first, second = read_corpus(table).articles
    assert (first.id, first.outlet, first.text, first.title) == ("1", "true", "NaN", "1e400")
    assert (second.id, second.text, second.title) == ("2", "Short row", "")


# 6. A CSV manifest that lists a file twice


def test_csv_manifest_listing_a_file_twice_is_refused(tmp_path):
    folder = _folder(tmp_path / "corpus")
    (folder / "corpus.csv").write_text("file,outlet\ngood.txt,A\ngood.txt,B\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"corpus\.csv:3: file 'good\.txt' listed twice"):
        read_corpus(folder)
    (folder / "corpus.csv").write_text("file,outlet\ngood.txt,A\n./good.txt,B\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"corpus\.csv:3: file 'good\.txt' listed twice"):
        read_corpus(folder)
    (folder / "corpus.toml").write_text('[[article]]\nfile = "good.txt"\n[[article]]\nfile = "./good.txt"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"article\[1\]\.file: 'good\.txt' listed twice"):
        read_corpus(folder)
    (folder / "corpus.toml").unlink()
    (folder / "corpus.csv").write_text("file,outlet\ngood.txt,A,extra\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"corpus\.csv:2: more fields than the header has"):
        read_corpus(folder)


# 7. Manifest entries in subfolders


@pytest.mark.parametrize("form", ["toml", "csv"])
def test_manifest_entries_in_subfolders_are_read(tmp_path, form):
    folder = _folder(tmp_path / "corpus", {"sub/c.txt": "Sub headline\nBody.\n", "sub/deeper/d.md": "Deep\nBody.\n", "sub/x.txt": "Not listed\nBody.\n", "c.txt": "Top\nBody.\n"})
    if form == "toml":
        (folder / "corpus.toml").write_text(
            '[[article]]\nfile = "c.txt"\noutlet = "Top"\n[[article]]\nfile = "sub/c.txt"\noutlet = "Daily A"\n[[article]]\nfile = "sub/deeper/d.md"\nid = "deep"\noutlet = "Daily B"\n',
            encoding="utf-8",
        )
    else:
        (folder / "corpus.csv").write_text("file,id,outlet\nc.txt,,Top\nsub/c.txt,,Daily A\nsub/deeper/d.md,deep,Daily B\n", encoding="utf-8")
    corpus = read_corpus(folder)
    assert [(a.id, a.outlet, a.title, a.source) for a in corpus.articles] == [
        ("c", "Top", "Top", "c.txt"),
        ("deep", "Daily B", "Deep", "sub/deeper/d.md"),
        ("good", "good", "A normal headline", "good.txt"),
        ("sub/c", "Daily A", "Sub headline", "sub/c.txt"),
    ]
    assert corpus.warnings == ("ignored 1 article file in subfolders (sub/x.txt); use --recursive to read it",)


def test_manifest_entries_in_subfolders_stay_inside_the_folder(tmp_path):
    folder = _folder(tmp_path / "corpus", {"sub/c.txt": HEAD_BODY})
    (tmp_path / "secret.txt").write_text("Secret\nNot part of the corpus.\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "sub" / "link.txt")
    for name in ("sub/../../secret.txt", "sub/link.txt", str(tmp_path / "secret.txt")):
        (folder / "corpus.toml").write_text(f'[[article]]\nfile = "{name}"\noutlet = "X"\n', encoding="utf-8")
        with pytest.raises(CorpusError, match="outside the corpus folder; refused"):
            read_corpus(folder)
    (folder / "corpus.toml").unlink()
    with pytest.raises(CorpusError, match="symbolic link leads outside"):
        read_corpus(folder, recursive=True)


def test_manifest_entries_that_are_not_articles_are_named_skips(tmp_path):
    folder = _folder(tmp_path / "corpus", {"data.json": "{}\n", "page.html": "<p>Not text</p>\n", "sub/README.md": "# About\n"})
    (folder / "corpus.toml").write_text('[[article]]\nfile = "data.json"\n[[article]]\nfile = "page.html"\n[[article]]\nfile = "sub/README.md"\n', encoding="utf-8")
    corpus = read_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.warnings == (
        f"skipped {folder / 'data.json'}: not a .txt, .md, .html or .docx file",
        f"skipped {folder / 'page.html'}: no article text found in the page",
        f"skipped {folder / 'sub' / 'README.md'}: a README is never an article",
    )


# 8. Subfolders: counted, or read with recursive=True


def _tree(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = _folder(
        tmp_path / "corpus",
        {
            "README.md": "# About\n",
            "2026/jan/a.txt": "January\nBody.\n",
            "sub/c.txt": "C\nBody.\n",
            "sub/d.txt": "D\nBody.\n",
            "sub/e.md": "E\nBody.\n",
            "sub/README.md": "# Not an article\n",
            "sub/.hidden.txt": "Hidden\n",
            "sub/notes.docx": "other format\n",
            ".git/x.txt": "Hidden folder\n",
            "lexicons/README.md": "# Lexicons\n",
            "lexicons/notes.txt": "Lexicon notes\n",
            "sub/lexicons/y.txt": "Lexicon notes\n",
        },
    )
    os.symlink("..", folder / "sub" / "loop")
    return folder


def test_subfolder_files_are_counted_without_recursive(tmp_path):
    folder = _tree(tmp_path)
    corpus = read_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.warnings == ("ignored 5 article files in subfolders (2026/jan/a.txt, sub/c.txt, sub/d.txt, ...); use --recursive to read them",)
    assert read_corpus(folder, strict=True).warnings == corpus.warnings  # not a skip
    # A file the manifest lists is read, and not counted.
    (folder / "corpus.toml").write_text('[[article]]\nfile = "sub/c.txt"\noutlet = "X"\n', encoding="utf-8")
    corpus = read_corpus(folder)
    assert [a.id for a in corpus.articles] == ["good", "sub/c"]
    assert corpus.warnings == ("ignored 4 article files in subfolders (2026/jan/a.txt, sub/d.txt, sub/e.md, ...); use --recursive to read them",)


def test_recursive_reads_subfolders(tmp_path):
    folder = _tree(tmp_path)
    (folder / "sub.txt").write_text("Not the folder\nBody.\n", encoding="utf-8")
    corpus = read_corpus(folder, recursive=True)
    assert [(a.id, a.outlet, a.source) for a in corpus.articles] == [
        ("2026/jan/a", "2026/jan/a", "2026/jan/a.txt"),
        ("good", "good", "good.txt"),
        ("sub", "sub", "sub.txt"),
        ("sub/c", "sub/c", "sub/c.txt"),
        ("sub/d", "sub/d", "sub/d.txt"),
        ("sub/e", "sub/e", "sub/e.md"),
    ]
    assert corpus.warnings == (
        f"skipped {folder / 'sub' / 'loop'}: symbolic link to a folder; not followed",
        f"skipped {folder / 'sub' / 'notes.docx'}: not a Word document (.docx)",
    )
    assert read_folder(folder, strict=False, recursive=True).articles == corpus.articles


# 9. Unicode normal form


def test_text_is_normalised_to_nfc_in_every_corpus_form(tmp_path):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    record = {"id": nfd("é1"), "outlet": nfd("Süddeutsche"), "title": nfd("Zürich talks"), "text": nfd("In Zürich, the minister said Münster agreed."), "date": "", "url": ""}
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    table = tmp_path / "c.csv"
    table.write_text("id,outlet,title,text\n" + ",".join(f'"{record[k]}"' for k in ("id", "outlet", "title", "text")) + "\n", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / nfd("Zürich.txt")).write_text(record["title"] + "\n" + record["text"] + "\n", encoding="utf-8")
    (folder / nfd("München.txt")).write_text(record["title"] + "\n" + record["text"] + "\n", encoding="utf-8")
    # The manifest names one file in NFC while the file system holds it in NFD.
    (folder / "corpus.toml").write_text(f'[[article]]\nfile = "Zürich.txt"\noutlet = "{record["outlet"]}"\n', encoding="utf-8")
    for path in (jsonl, table, folder):
        corpus = read_corpus(path)
        assert "Süddeutsche" in corpus.outlets, path
        for article in corpus.articles:
            for value in (article.id, article.outlet, article.title, article.text):
                assert unicodedata.is_normalized("NFC", value), (path, value)
            start = article.text.index("In Zürich")  # offsets index the NFC text
            assert article.text[start + len("In Zürich, the minister said ") :].startswith("Münster")
    by_id = {a.id: a for a in read_corpus(folder).articles}
    assert by_id["Zürich"].outlet == "Süddeutsche" and by_id["München"].outlet == "München"
    assert read_corpus(jsonl).articles[0].id == "é1" and read_corpus(table).articles[0].title == "Zürich talks"
    # Two file names that differ only in normal form are one id.
    (folder / "corpus.toml").unlink()
    (folder / "München.txt").write_text(HEAD_BODY, encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate article id 'München'"):
        read_corpus(folder)


# 10. Line breaks in the matching copy


@pytest.fixture(scope="module")
def analyzer():
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    return Analyzer(load_lexicons())


@pytest.mark.parametrize("separator", ["\f", "\v", "\x1c", "\x1d", "\x1e"], ids=["form feed", "vertical tab", "FS", "GS", "RS"])
@pytest.mark.parametrize("title", ["", "Headline here"])
def test_a_form_feed_or_vertical_tab_ends_the_headline(analyzer, separator, title):
    from framing.text.clean import matching_copy

    text = f"Headline here{separator}The minister said the talks went well."
    copy = matching_copy(text)
    assert len(copy) == len(text) and copy[len("Headline here")] == "\n"
    _, lines, _, _ = analyzer.prepare(Article(id="a", outlet="X", title=title, text=text))
    assert [(text[line.span.start : line.span.end], line.role) for line in lines] == [
        ("Headline here", "headline"),
        ("The minister said the talks went well.", "body"),
    ]

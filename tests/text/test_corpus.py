"""Reading corpora: folders (with and without manifests), JSONL and CSV, and their errors."""

from __future__ import annotations

import json
import os

import pytest

from framing.text import read_corpus
from framing.errors import CorpusError

from ..conftest import SEEDS


def test_seed_folder_with_manifest(seeds_corpus):
    ids = [a.id for a in seeds_corpus.articles]
    assert ids == sorted(ids) and len(ids) == 5
    by_id = {a.id: a for a in seeds_corpus.articles}
    assert by_id["004_f28148b3b02c48fe"].outlet == "NewsChina"
    assert by_id["004_f28148b3b02c48fe"].title == "Resetting Ties"
    assert by_id["003_a643f6b069736d3a"].title == ""
    assert seeds_corpus.name == "seeds"
    assert [p.name for p in seeds_corpus.lexicon_paths] == ["korea_china_summit_2026", "topics"]
    # The manifest's file names are the seeds' own names.
    assert sorted(a.source for a in seeds_corpus.articles) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_folder_without_manifest(tmp_path):
    (tmp_path / "b.txt").write_text("\n\nSecond headline\nBody text here.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("First headline\nBody.\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"ignored: not .txt or .md")
    corpus = read_corpus(tmp_path)
    assert [(a.id, a.outlet, a.title) for a in corpus.articles] == [("a", "a", "First headline"), ("b", "b", "Second headline")]


def test_folder_with_csv_manifest(tmp_path):
    (tmp_path / "x.txt").write_text("Headline\nBody.\n", encoding="utf-8")
    (tmp_path / "corpus.csv").write_text("file,outlet,title,date,url\nx.txt,Daily A,The title,2026-01-05,https://example.org/x\n", encoding="utf-8")
    (article,) = read_corpus(tmp_path).articles
    assert (article.outlet, article.title, article.published, article.url) == ("Daily A", "The title", "2026-01-05", "https://example.org/x")


def test_jsonl_and_csv_give_the_same_articles(tmp_path):
    records = [
        {"id": "b2", "outlet": "Daily B", "title": "T2", "text": "Second text.", "date": "2026-01-06", "url": ""},
        {"id": "a1", "outlet": "Daily A", "title": "T1", "text": 'He said "hi, there".\nNext line.', "date": "", "url": "u"},
    ]
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    import csv

    csv_path = tmp_path / "c.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "title", "text", "date", "url"])
        writer.writeheader()
        writer.writerows(records)
    from_jsonl, from_csv = read_corpus(jsonl), read_corpus(csv_path)
    assert [a.id for a in from_jsonl.articles] == ["a1", "b2"]
    strip = lambda c: [(a.id, a.outlet, a.title, a.text, a.published, a.url) for a in c.articles]  # noqa: E731
    assert strip(from_jsonl) == strip(from_csv)


def test_jsonl_and_csv_are_read_on_demand_in_id_order(tmp_path):
    """A records file is checked once, then each article's text is read from disk when the
    articles are iterated: only ids, outlets and offsets stay in memory. Unsorted ids, blank
    lines, a UTF-8 byte-order mark, CRLF line ends, multi-line quoted CSV fields and
    non-ASCII text come back exactly."""
    import csv

    from framing.text.records import ArticleFile

    records = [
        {"id": f"a{n}", "outlet": f"Daily {n % 3}", "title": f"T{n}", "text": f"Línea {n}.\r\n“Quoted,” he said.\nLast line {n}.", "date": "", "url": ""}
        for n in (7, 2, 9, 0, 5)
    ]
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_bytes(b"\xef\xbb\xbf" + "\n\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8") + b"\n")
    csv_path = tmp_path / "c.csv"
    with csv_path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "title", "text", "date", "url"], lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records)
    expected = sorted((r["id"], r["outlet"], r["text"]) for r in records)
    for path in (jsonl, csv_path):
        corpus = read_corpus(path)
        assert isinstance(corpus.articles, ArticleFile)
        assert [(a.id, a.outlet, a.text) for a in corpus.articles] == expected
        assert corpus.articles[3].id == "a7" and [a.id for a in corpus.articles[1:3]] == ["a2", "a5"]
        assert corpus.outlets == ("Daily 0", "Daily 1", "Daily 2") and len(corpus.articles) == 5


def test_a_records_file_changed_during_a_run_is_a_clear_error(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "outlet": "X", "text": "One."}) + "\n" + json.dumps({"id": "b", "outlet": "Y", "text": "Two."}) + "\n", encoding="utf-8")
    corpus = read_corpus(path)
    path.write_text(json.dumps({"id": "z", "outlet": "X", "text": "Other."}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="changed while it was being analysed"):
        list(corpus.articles)
    path.unlink()
    with pytest.raises(CorpusError, match="cannot read it again"):
        list(corpus.articles)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": "a", "outlet": "X"}\n', "missing required field 'text'"),
        ('{"id": "a", "text": "t"}\n', "missing required field 'outlet'"),
        ("not json\n", "c.jsonl:1: not valid JSON"),
        ("[1, 2]\n", "expected a JSON object"),
        ('{"id": "a", "outlet": "X", "text": "t"}\n{"id": "a", "outlet": "Y", "text": "u"}\n', "duplicate article id 'a'"),
        ("\n\n", "no articles"),
    ],
)
def test_jsonl_errors(tmp_path, content, message):
    path = tmp_path / "c.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace("[", r"\[")):
        read_corpus(path)


def test_csv_missing_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,title,text\n1,t,x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing column"):
        read_corpus(path)


def test_missing_path_and_wrong_kind(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        read_corpus(tmp_path / "nope")
    other = tmp_path / "c.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(CorpusError, match="not a corpus"):
        read_corpus(other)


def test_encodings_and_unreadable_files(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners said \x93yes\x94.\n".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Headline\nA UTF-16 text.\n".encode("utf-16"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["latin", "utf16"]
    assert "Café" in corpus.articles[0].text and "\u201cyes\u201d" in corpus.articles[0].text
    assert corpus.articles[1].text.startswith("Headline")
    warnings = " | ".join(corpus.warnings)
    assert "latin.txt: not UTF-8; decoded as cp1252" in warnings
    assert "binary.txt: binary file" in warnings and "empty.txt: empty file" in warnings
    with pytest.raises(CorpusError, match="binary.txt: binary file"):
        read_corpus(tmp_path, strict=True)


def test_manifest_refuses_files_outside_and_unknown_files(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (folder / "a.txt").write_text("Head\nBody.\n", encoding="utf-8")
    (folder / "corpus.toml").write_text('[[article]]\nfile = "../secret.txt"\noutlet = "X"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        read_corpus(folder)
    (folder / "corpus.toml").write_text('[[article]]\nfile = "missing.txt"\noutlet = "X"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="'missing.txt' not found"):
        read_corpus(folder)
    (folder / "corpus.toml").write_text('colour = "blue"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="colour: unknown key"):
        read_corpus(folder)


def test_symlink_leading_outside_is_refused(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "link.txt")
    with pytest.raises(CorpusError, match="symbolic link leads outside"):
        read_corpus(folder)

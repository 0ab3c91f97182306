"""Saved web pages read as articles: the body without the page's furniture, with its title,
byline, date, site and URL, and the same quotes as the article saved as plain text."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.lexicons import load_lexicons
from framing.pipeline import Analyzer
from framing.text import read_corpus
from framing.text.html import read_page

from .pages.build import HERE, PAGES, article_parts, build, write_pages


def _f1(gold: str, got: str) -> float:
    g, p = Counter(re.findall(r"\w+", gold.lower())), Counter(re.findall(r"\w+", got.lower()))
    common = sum((g & p).values())
    return 0.0 if not common else 2 * common / (sum(g.values()) + sum(p.values()))


@pytest.mark.parametrize("spec", PAGES, ids=[s.template for s in PAGES])
def test_a_page_gives_its_body_title_byline_date_and_site(spec):
    page = read_page(build(spec).encode("utf-8"), spec.source)
    title, paragraphs = article_parts(spec.source)
    body = page.text.split("\n\n", 1)[1]
    assert _f1(" ".join(paragraphs), body) >= 0.95
    for furniture in ("cookies", "Subscribe", "Related stories", "Leave a reply", "Advertisement", "All rights reserved", "Share on"):
        assert furniture not in page.text
    assert (page.title, page.author, page.date, page.url) == (title, spec.author, spec.date, spec.url)
    # the site's name where the page gives one, else the domain of where it came from
    assert page.site == (spec.site if spec.template != "blog" else "commuterblog.example")


def test_a_folder_of_pages_gives_the_quotes_of_the_same_articles_as_text(tmp_path):
    pages, texts = tmp_path / "pages", tmp_path / "texts"
    write_pages(pages)
    texts.mkdir()
    for spec in PAGES:
        shutil.copy(HERE / spec.source, texts / spec.source)
    analyzer = Analyzer(load_lexicons())

    def quotes(folder):
        corpus = read_corpus(folder)
        out = {}
        for a in corpus.articles:
            an = analyzer.analyze_article(a)
            out[a.id] = [(q.kind, q.speaker, q.cue, tuple(a.text[s.start : s.end] for s in q.quoted) or (a.text[q.span.start : q.span.end],)) for q in an.quotes]
        return corpus, out

    html_corpus, from_pages = quotes(pages)
    _, from_texts = quotes(texts)
    assert from_pages == from_texts and sum(len(v) for v in from_pages.values()) >= 16
    assert {a.id: a.outlet for a in html_corpus.articles} == {
        "harbour-strike": "Harbour Gazette", "river-deal": "Coastline Courier", "school-closures": "Valley Wire", "rail-fares": "commuterblog.example",
    }


def test_articles_csv_says_where_a_page_came_from_and_what_read_it(tmp_path):
    write_pages(tmp_path / "pages")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "pages"), "-o", str(out), "--bootstrap", "5"])
    assert result.exit_code == 0, result.output
    with (out / "data" / "articles.csv").open(encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    row = rows["river-deal"]
    assert (row["outlet"], row["author"], row["date"], row["url"]) == ("Coastline Courier", "Mia Chen", "2026-01-06", "https://coastlinecourier.example/world/river-deal")
    assert re.fullmatch(r"trafilatura \d+\.\d+(\.\d+)?", row["extractor"])


def test_files_of_other_formats_are_named_not_passed_over(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(HERE / "rail-fares.txt", folder / "rail-fares.txt")
    (folder / "interview.rtf").write_bytes(b"{\\rtf1 hello}")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    corpus = read_corpus(folder)
    assert [a.id for a in corpus.articles] == ["rail-fares"]
    assert any("interview.rtf" in w and "scan.pdf" in w and "not .txt, .md, .html or .docx" in w for w in corpus.warnings)
    strict = CliRunner().invoke(main, ["analyze", str(folder), "-o", str(tmp_path / "o"), "--strict"])
    assert strict.exit_code != 0 and "interview.rtf" in strict.output and "Traceback" not in strict.output
    (folder / "rail-fares.txt").unlink()
    only = CliRunner().invoke(main, ["analyze", str(folder), "-o", str(tmp_path / "o2")])
    assert only.exit_code != 0 and "no articles with text" in only.output and "interview.rtf" in only.output


def test_a_page_with_no_article_is_skipped_with_its_reason(tmp_path):
    folder = tmp_path / "c"
    write_pages(folder)
    (folder / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    corpus = read_corpus(folder)
    assert "menu" not in {a.id for a in corpus.articles} and len(corpus.articles) == 4
    assert any("menu.html" in w and "no article text" in w for w in corpus.warnings)


def test_the_example_pages_are_the_test_pages():
    """examples/pages (the README's example of a folder of saved pages) is what build.py makes."""
    from ..conftest import REPO

    for spec in PAGES:
        shipped = REPO / "examples" / "pages" / (spec.source.rsplit(".", 1)[0] + ".html")
        assert shipped.read_text(encoding="utf-8") == build(spec)


def test_a_run_ends_with_how_many_files_it_skipped(tmp_path):
    folder = tmp_path / "c"
    write_pages(folder)
    (folder / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "draft.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["analyze", str(folder), "-o", str(tmp_path / "out"), "--bootstrap", "5", "--lexicons", "topics"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Warning: ")]
    assert any("menu.html: no article text" in line for line in lines) and any("notes.docx" in line for line in lines)
    assert lines[-1] == "Warning: skipped 3 files of the corpus (each named above with its reason)"


def _docx(path, title: str, paragraphs: list[str], deleted: str = "") -> None:
    """A minimal Word document as Word writes one (Office Open XML), made for the test."""
    import zipfile
    from xml.sax.saxutils import escape

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    if deleted:  # a tracked deletion inside the first paragraph
        body = body.replace("</w:r></w:p>", f"</w:r><w:del w:id=\"1\" w:author=\"ed\"><w:r><w:delText>{escape(deleted)}</w:delText></w:r></w:del></w:p>", 1)
    body += "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Table cell text stays.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>')
        z.writestr("docProps/core.xml", f'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title></cp:coreProperties>')


def test_a_word_document_reads_as_the_same_article_as_text(tmp_path):
    title, paragraphs = article_parts("harbour-strike.txt")
    folder = tmp_path / "c"
    folder.mkdir()
    _docx(folder / "harbour-strike.docx", title, paragraphs, deleted="DELETED WORDS")
    (tmp_path / "t").mkdir()
    shutil.copy(HERE / "harbour-strike.txt", tmp_path / "t" / "harbour-strike.txt")
    (doc,) = read_corpus(folder).articles
    (txt,) = read_corpus(tmp_path / "t").articles
    assert doc.title == title and "DELETED WORDS" not in doc.text and "Table cell text stays." in doc.text
    assert doc.extractor.startswith("framing docx reader")
    analyzer = Analyzer(load_lexicons())

    def speakers(a):
        return [(q.kind, q.speaker) for q in analyzer.analyze_article(a).quotes]

    assert speakers(doc) == speakers(txt) and len(speakers(doc)) >= 5

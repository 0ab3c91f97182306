"""Spreadsheet exports as corpora: the delimiter read off the header line, headers matched
whatever their case (a byte-order mark aside), ``--columns`` naming the others, and an
error that says which columns the file has."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import CorpusError
from framing.text import read_corpus

ROWS = [
    ("a1", "Harbour Gazette", "Strike ends", "Strike ends\n\nThe strike ended on Monday, union leader Ada Moss said."),
    ("a2", "Valley Post", "Talks stall", "Talks stall\n\nMayor Tom Reyes said nothing was agreed."),
]


def _write(path, header, delimiter=",", bom=False):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(ROWS)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))
    return path


@pytest.mark.parametrize("delimiter,suffix", [(",", ".csv"), (";", ".csv"), ("\t", ".tsv"), ("|", ".csv")])
def test_the_delimiter_is_read_off_the_header(tmp_path, delimiter, suffix):
    corpus = read_corpus(_write(tmp_path / f"c{suffix}", ["id", "outlet", "title", "text"], delimiter))
    assert [(a.id, a.outlet, a.title) for a in corpus.articles] == [(r[0], r[1], r[2]) for r in ROWS]
    assert list(corpus.articles)[1].text == ROWS[1][3]  # re-read from disk at its offset, same delimiter


def test_headers_match_whatever_their_case_and_a_bom(tmp_path):
    corpus = read_corpus(_write(tmp_path / "c.csv", ["ID", "Outlet", "Title", "TEXT"], ";", bom=True))
    assert [a.outlet for a in corpus.articles] == ["Harbour Gazette", "Valley Post"]


def test_columns_name_a_spreadsheets_own_headers(tmp_path):
    path = _write(tmp_path / "c.csv", ["ID", "Source", "Headline", "Body"])
    with pytest.raises(CorpusError) as err:
        read_corpus(path)
    message = str(err.value)
    assert "missing column(s): outlet, text" in message and "found 'ID', 'Source', 'Headline', 'Body'" in message and "--columns" in message
    corpus = read_corpus(path, columns={"text": "body", "outlet": "Source", "title": "Headline"})
    assert [(a.outlet, a.title) for a in corpus.articles] == [(r[1], r[2]) for r in ROWS]
    result = CliRunner().invoke(main, ["quotes", str(path), "--columns", "text=Body,outlet=Source", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Ada Moss" in result.output and "Tom Reyes" in result.output


@pytest.mark.parametrize("value,expect", [("text", "is not COLUMN=HEADER"), ("body=Body", "not one of framing's columns"), ("text=Nope", "no column 'Nope'")])
def test_a_bad_columns_mapping_is_one_clear_error(tmp_path, value, expect):
    path = _write(tmp_path / "c.csv", ["ID", "Source", "Body"])
    result = CliRunner().invoke(main, ["analyze", str(path), "--columns", value, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and expect in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_columns_are_refused_for_a_folder(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Head\nThe minister said it went well.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no .csv or .tsv file"):
        read_corpus(tmp_path / "c", columns={"text": "Body"})

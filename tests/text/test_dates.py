"""Dates as exports write them, read as ISO; a date that could be day or month first is
read month first with a warning, or day first with --dayfirst."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.text import read_corpus
from framing.text.dates import iso_date


@pytest.mark.parametrize("value,iso", [
    ("2026-01-05", "2026-01-05"), ("2026-01-05T08:00:00Z", "2026-01-05"), ("20260105", "2026-01-05"),
    ("5 January 2026", "2026-01-05"), ("Jan. 5, 2026", "2026-01-05"), ("January 5, 2026", "2026-01-05"),
    ("13/01/2026", "2026-01-13"), ("01/13/2026", "2026-01-13"), ("yesterday", "yesterday"), ("2026-02-30", "2026-02-30"), ("", ""),
])
def test_one_reading(value, iso):
    assert iso_date(value) == (iso, False) and iso_date(value, dayfirst=True) == (iso, False)


def test_two_readings_are_said():
    assert iso_date("05/01/2026") == ("2026-05-01", True)
    assert iso_date("05.01.2026", dayfirst=True) == ("2026-01-05", True)
    assert iso_date("05/05/2026") == ("2026-05-05", False)  # the same either way


def test_a_spreadsheet_of_ambiguous_dates_warns_and_dayfirst_reads_them_day_first(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,outlet,text,date\na,X,The minister said the talks went well.,05/01/2026\nb,Y,The mayor said no.,2026-01-06\n", encoding="utf-8")
    corpus = read_corpus(path)
    assert [a.published for a in corpus.articles] == ["2026-05-01", "2026-01-06"]
    assert any("1 date such as '05/01/2026' could be read day or month first" in w and "--dayfirst" in w for w in corpus.warnings)
    assert [a.published for a in read_corpus(path, dayfirst=True).articles] == ["2026-01-05", "2026-01-06"]
    result = CliRunner().invoke(main, ["export", str(path), "-o", str(tmp_path / "out"), "--dayfirst", "--bootstrap", "5", "--lexicons", "topics"])
    assert result.exit_code == 0, result.output
    assert "2026-01-05" in (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")


def test_a_manifests_dates_are_read_the_same_way(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Head\nThe minister said the talks went well.\n", encoding="utf-8")
    (folder / "corpus.toml").write_text('[[article]]\nfile = "a.txt"\noutlet = "X"\ndate = "Jan. 5, 2026"\n', encoding="utf-8")
    assert [a.published for a in read_corpus(folder).articles] == ["2026-01-05"]

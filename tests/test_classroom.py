"""The classroom exercise: blinded worksheet, separate key, nothing that gives the answer away."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from framing.classroom import blind, redactor
from framing.cli import main

from .conftest import SEEDS
from .report.test_report_browser import CHROMIUM, FLAGS


@pytest.fixture(scope="module")
def exercise(tmp_path_factory):
    out = tmp_path_factory.mktemp("class") / "lesson"
    result = CliRunner().invoke(main, ["classroom", str(SEEDS), "-o", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    return out


def test_three_files_and_the_key_is_not_in_the_student_file(exercise, seeds_corpus):
    assert sorted(p.name for p in exercise.iterdir()) == [".framing-output", "answer-key.html", "teacher-guide.html", "worksheet.html"]
    worksheet = (exercise / "worksheet.html").read_text(encoding="utf-8")
    key = (exercise / "answer-key.html").read_text(encoding="utf-8")
    for outlet in seeds_corpus.outlets:
        assert outlet.casefold() not in worksheet.casefold(), outlet
        assert outlet in key
    # The byline of 004 and its "told NewsChina" are redacted too.
    assert "Yu Xiaodong" not in worksheet
    assert "Outlet A" in worksheet and "Outlet E" in worksheet
    assert worksheet.count('class="q"') >= 4


def test_blinding_is_deterministic_from_the_seed():
    outlets = ["Daily A", "Daily B", "Daily C", "Daily D"]
    assert blind(outlets, 1) == blind(list(reversed(outlets)), 1)
    assert sorted(blind(outlets, 1).values()) == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    assert any(blind(outlets, s) != blind(outlets, 1) for s in range(2, 6))


def test_redaction_catches_case_and_possessives():
    redact = redactor(["NewsChina"], ["Yu Xiaodong"])
    assert redact("Li Min told NewsChina; NEWSCHINA's view. By Yu Xiaodong") == "Li Min told [outlet]; [outlet]'s view. By [outlet]"


def test_a_single_outlet_is_refused(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Head\nThe minister said it went well.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classroom", str(tmp_path / "c"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "at least two outlets" in result.output and not (tmp_path / "out").exists()


def test_worksheet_prints_to_pdf_without_outlet_names(exercise, seeds_corpus, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto((exercise / "worksheet.html").as_uri())
        pdf = tmp_path / "worksheet.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = page.inner_text("body")
        browser.close()
    assert pdf.stat().st_size > 5000 and pdf.read_bytes().startswith(b"%PDF")
    for outlet in seeds_corpus.outlets:
        assert not re.search(re.escape(outlet), text, re.IGNORECASE), outlet

"""The real report of the seeds in headless Chromium (Debian's, driven by Playwright):
no console error, every figure rendered, no network request, the reader shows every
article, and hostile markup in the data is shown as text and never executed.

Screenshots of each section are saved to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main

from ..conftest import REPO, SEEDS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SECTIONS = ("overview", "microphone", "tone", "topics", "alike", "apart", "reader", "method")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed for the browser tests (.ci/run installs it: apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def _open(browser, report: Path):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "seeds"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(out), "--bootstrap", "50"])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_seed_report_renders_offline_without_errors(browser, seed_report):
    page, errors, requests = _open(browser, seed_report)
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []
    figures = page.locator("div.plotly-graph-div")
    assert figures.count() >= 9
    for i in range(figures.count()):
        assert figures.nth(i).locator("svg.main-svg").count() >= 1, f"figure {i} did not render"
    assert page.locator("#reader article.article").count() == 5
    assert page.locator("#reader-article option").count() == 6  # "all articles" + five
    visible = page.locator("#reader article.article:not([hidden])").count()
    assert visible == 5
    # Picking one article shows it alone.
    page.select_option("#reader-article", index=5)
    assert page.locator("#reader article.article:not([hidden])").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.select_option("#reader-article", value="*")
    for section in SECTIONS:
        page.locator(f"#{section}").screenshot(path=str(ARTIFACTS / f"section-{section}.png"))
    page.close()


def test_the_tone_section_says_how_far_its_measures_agree_with_people(browser, seed_report):
    """Beside the tone-toward-actor chart: its agreement with human labels, on which data, and
    in words that agreement per article is weak."""
    from framing.measures.validity import figures

    page, errors, _ = _open(browser, seed_report)
    note = page.locator("#tone-validity")
    assert note.is_visible()
    text = note.inner_text()
    f = figures()
    assert f"macro-F1 {f['newsmtsc']['tone_toward']['macro_f1']:.2f}" in text and "NewsMTSC" in text
    assert f"Spearman {f['basil_feelings']['about']['spearman']:.2f}" in text and "basil-dev" in text
    assert "weakly" in text
    # it stands right after the chart it qualifies
    assert note.evaluate("p => p.previousElementSibling.querySelector('#fig-actor-tone') !== null")
    assert errors == []
    page.close()


def test_clicking_a_speaker_bar_filters_the_reader(browser, seed_report):
    page, errors, _ = _open(browser, seed_report)
    bar = page.locator("#fig-microphone g.point path").first
    bar.click(force=True)
    page.wait_for_timeout(300)
    assert page.locator("#reader-actor").input_value() != ""
    assert page.locator("#reader mark.quote.dim").count() > 0
    assert errors == []
    page.close()


HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def test_hostile_markup_is_shown_as_text_and_never_run(browser, tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Headline {HOSTILE}\n\nThe minister said \"{HOSTILE} is fine,\" on Monday.\nShe said the talks went well.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Another headline\n\nOfficials said the talks were difficult.\n", encoding="utf-8")
    (corpus / "corpus.toml").write_text(
        f"[[article]]\nfile = \"a.txt\"\noutlet = '{HOSTILE}'\ntitle = 'Headline {HOSTILE}'\n"
        "[[article]]\nfile = \"b.txt\"\noutlet = \"Plain Daily\"\ntitle = \"Another headline\"\n"
        'lexicons = []\n'.replace('lexicons = []\n', ''),
        encoding="utf-8",
    )
    lexicon = tmp_path / "evil.toml"
    lexicon.write_text(f"kind = \"topic\"\nid = \"evil\"\nlabel = '{HOSTILE}'\nversion = \"1\"\nterms = [\"talks\"]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(corpus), "-o", str(out), "--lexicons", str(lexicon), "--bootstrap", "20"])
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "onerror=\"window.__pwned" not in html
    page, errors, requests = _open(browser, out / "report.html")
    assert page.evaluate("window.__pwned") is None
    assert [u for u in requests if not u.startswith("file://")] == []
    assert HOSTILE in page.locator("#reader").inner_text()
    assert HOSTILE in page.locator("#overview").inner_text()
    page.close()

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


#: The page position of a chart's first mark (a bar, a point, a heatmap cell), from Plotly's
#: own axes (each axis's ``_offset`` is where its subplot starts), so the test clicks where a
#: reader would.
FIRST_MARK_JS = """
(id) => {
  const div = document.getElementById(id), fl = div._fullLayout, s = fl._size;
  const tr = div._fullData.find(t => t.visible !== false && t.hoverinfo !== 'skip' && t.meta && t.meta.reader);
  if (!tr) return null;
  const ax = (name, letter) => fl[name === letter ? letter + 'axis' : letter + 'axis' + name.slice(1)];
  const xa = ax(tr.xaxis, 'x'), ya = ax(tr.yaxis, 'y');
  let xv, yv;
  let px, py;
  if (tr.type === 'heatmap') { px = xa.l2p(0); py = ya.l2p(0); }
  else {
    if (tr.type === 'box') { xv = tr.x[0]; yv = tr.name; }
    else if (tr.orientation === 'h') { xv = tr.x[0] / 2; yv = tr.y[0]; }
    else { xv = tr.x[0]; yv = tr.type === 'bar' ? tr.y[0] / 2 : tr.y[0]; }
    px = xa.l2p(xa.d2l(xv)); py = ya.l2p(ya.d2l(yv));
  }
  // axes of subplots start at their own offset; bring the mark into the viewport first
  px += xa._offset; py += ya._offset;
  window.scrollBy(0, div.getBoundingClientRect().top + py - window.innerHeight / 2);
  const r = div.getBoundingClientRect();
  return [r.left + px, r.top + py];
}
"""


def test_every_chart_leads_to_the_sentences_behind_a_mark(browser, seed_report):
    page, errors, requests = _open(browser, seed_report)
    page.evaluate("() => { const f = window.framingReader; window.__led = []; window.framingReader = (x) => { window.__led.push(x); f(x); }; }")
    charts = page.evaluate("() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(d => d.id)")
    assert len(charts) >= 14
    for chart in charts:
        page.locator(f"#{chart}").scroll_into_view_if_needed()
        xy = page.evaluate(FIRST_MARK_JS, chart)
        assert xy is not None, f"{chart}: no mark leads to the reader"
        before = page.evaluate("() => window.__led.length")
        page.mouse.click(*xy)
        page.wait_for_timeout(100)
        led = page.evaluate("() => window.__led")
        assert len(led) == before + 1, f"{chart}: a click on its first mark did not reach the reader"
        f = led[-1]
        assert f.get("outlet") or f.get("article"), f"{chart}: {f}"
        shown = page.locator("#reader article.article:not([hidden])")
        assert shown.count() >= 1
        if f.get("article"):
            assert shown.first.get_attribute("data-article") == f["article"]
        elif page.locator("#reader-article option[value='*']").count() and page.locator("#reader-article").input_value() != "*":
            assert shown.first.get_attribute("data-outlet") == f["outlet"]
        if f.get("actor"):  # the reader shows the chart's measure: the tone toward that actor
            assert page.locator("#reader .sent.about-on").count() >= 1
            assert "the tone toward" in page.locator("#reader-measure").inner_text()
        if f.get("word"):
            assert page.locator("#reader .sent.hit").count() >= 1
    assert errors == [] and [u for u in requests if not u.startswith("file://")] == []
    page.close()


def test_the_text_reads_before_any_script_runs(browser, seed_report):
    """The findings, headings and the reader's text are in the HTML before plotly.js, which
    comes last: with JavaScript off they all read, and each chart says it is coming."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_report.as_uri())
    assert page.locator("#findings li").count() >= 4
    assert page.locator("#findings").is_visible() and page.locator("#findings li").first.is_visible()
    assert page.locator("p.loading").count() == page.locator("script.figure-spec").count() >= 14
    assert page.locator("#reader article.article p.para").count() > 50
    html = seed_report.read_text(encoding="utf-8")
    assert html.index("Plotly.newPlot") > html.index('<section id="method">') > html.index('<section id="findings">')
    assert html.index('<section id="findings">') < html.index('<section id="overview">')
    context.close()


def test_the_readers_text_is_the_articles_text(browser, seed_report, seed_analysis):
    page, errors, _ = _open(browser, seed_report)
    for article_id, a in seed_analysis.items():
        shown = page.locator(f'#reader article.article[data-article="{article_id}"] p.para').evaluate_all("ps => ps.map(p => p.textContent)")
        assert shown == [a.article.text[p.span.start : p.span.end] for p in a.paragraphs], article_id
    # the numbers beside sentences are not text: copying a paragraph gives the article's words
    assert page.locator("#reader .sent[data-badge]").count() > 50
    assert errors == []
    page.close()


def test_a_finding_leads_to_its_chart_and_sentences(browser, seed_report):
    page, errors, _ = _open(browser, seed_report)
    first = page.locator("#findings li").first
    assert "Who gets the microphone" in first.inner_text() and "95% interval" in first.inner_text()
    assert first.locator('a[href="#fig-microphone"]').count() == 1
    first.locator("a.to-reader").click()
    page.wait_for_timeout(100)
    assert page.locator("#reader-actor").input_value() == "lee_jae_myung"
    assert page.locator("#reader mark.quote.dim").count() > 0
    assert errors == []
    page.close()


def test_every_chart_downloads_as_svg_and_png(browser, seed_report):
    page, errors, _ = _open(browser, seed_report)
    assert page.locator("button[data-save='svg']").count() == page.locator(".plotly-graph-div").count()
    with page.expect_download() as svg:
        page.locator("button[data-save='svg'][data-figure='fig-microphone']").click()
    assert svg.value.suggested_filename == "fig-microphone.svg"
    assert "<svg" in Path(svg.value.path()).read_text(encoding="utf-8")[:2000]
    with page.expect_download() as png:
        page.locator("button[data-save='png'][data-figure='fig-actor-tone']").click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert errors == []
    page.close()


def test_every_distinctive_word_is_labelled_on_screen(browser, seed_report):
    page, errors, _ = _open(browser, seed_report)
    fig = page.locator("#fig-distinctive-terms")
    fig.scroll_into_view_if_needed()
    bars = page.evaluate("() => document.getElementById('fig-distinctive-terms')._fullData.reduce((n, t) => n + (t.type === 'bar' ? t.y.length : 0), 0)")
    labels = fig.locator("g.yaxislayer-above text").evaluate_all("els => els.map(e => e.textContent)")  # SVG text has no innerText
    words = page.evaluate("() => document.getElementById('fig-distinctive-terms')._fullData.filter(t => t.type === 'bar').flatMap(t => Array.from(t.y, String))")
    assert bars >= 10 and sorted(labels) == sorted(words)  # one label per bar, none dropped
    assert errors == []
    page.close()

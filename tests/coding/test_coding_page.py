"""The offline coding page (``framing.coding.page``): its embedded data cannot break out of its
script tag and it is the same for the same sample; and in headless Chromium (Debian's, driven
by Playwright, as in tests/report/test_report_browser.py) a coder confirms, corrects, rejects
and adds quotes, saves a coded sheet that ``read_coded_json`` reads back exactly, finds the
work again after a reload, and opens the saved file in a fresh browser. Hostile markup in an
article is shown as text and never run.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from framing.coding.items import FIELDS, Item, Mark, Sample, read_coded_json
from framing.coding.page import coding_page

from . import sample_of

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def quotes(seed_result, seed_lexicons):
    return sample_of(seed_result, seed_lexicons, "quotes")


@pytest.fixture(scope="module")
def texts(seed_result):
    return {a.article.id: a.article.text for a in seed_result.analyses}


def hostile_sample() -> Sample:
    context = f"Intro {HOSTILE} then.\n\nThe minister said \"{HOSTILE} is fine</script>\" on Monday."
    start = context.index("The minister")
    end = len(context)
    said = context.index("said")
    item = Item(
        id=f"evil{HOSTILE}#q{start}-{end}", article=f"evil{HOSTILE}", outlet=f"Outlet {HOSTILE}", stratum="direct", subject="",
        start=start, end=end, context_start=0, context_end=len(context), context=context,
        framing={"is_quote": "yes", "speaker": f"The minister {HOSTILE}", "kind": "direct", "channel": "</script>"},
        marks=(Mark("speaker", start, start + 12), Mark("cue", said, said + 4), Mark("quoted", said + 6, end - 12)),
    )
    return Sample("quotes", 1, f"corpus {HOSTILE}", {"x\ty": 1}, (item,), "test")


# -- without a browser -------------------------------------------------------------------------


def _embedded(page_html: str) -> str:
    found = re.findall(r'<script type="application/json" id="sample">(.*?)</script>', page_html, flags=re.S)
    assert len(found) == 1
    return found[0]


def test_the_embedded_sample_cannot_break_out_of_its_script_tag():
    sample = hostile_sample()
    page_html = coding_page(sample)
    embedded = _embedded(page_html)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert page_html.count("</script>") == page_html.count("<script") == 2
    assert HOSTILE not in page_html and "<img" not in page_html
    data = json.loads(embedded)
    assert data["items"][0]["context"] == sample.items[0].context
    assert data["items"][0]["framing"] == sample.items[0].framing
    assert data["corpus"] == sample.corpus and data["what"] == "quotes"


def test_the_page_is_self_contained_and_deterministic(quotes):
    page_html = coding_page(quotes)
    assert page_html == coding_page(quotes)
    assert page_html == coding_page(replace(quotes, items=tuple(quotes.items)))
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|\bsrc=|<link", page_html, flags=re.I)
    data = json.loads(_embedded(page_html))
    assert [i["id"] for i in data["items"]] == [i.id for i in quotes.items]
    assert coding_page(replace(quotes, seed=4)) != page_html


# -- in Chromium -------------------------------------------------------------------------------


from ..report.test_report_browser import browser  # noqa: E402,F401  (the report tests' Chromium, as a fixture)


class Opened:
    def __init__(self, browser, path: Path):
        self.context = browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-ready]")

    def card(self, n: int):
        return self.page.locator("section.card").nth(n)

    def check_clean(self):
        assert self.errors == []
        assert [u for u in self.requests if not u.startswith("file://")] == []

    def save(self, tmp_path: Path, name: str) -> Path:
        with self.page.expect_download() as info:
            self.page.get_by_role("button", name="Save", exact=True).click()
        download = info.value
        out = tmp_path / name
        download.save_as(out)
        return download, out

    def close(self):
        self.context.close()


def _write(tmp_path: Path, sample: Sample, name: str = "coding.html") -> Path:
    path = tmp_path / name
    path.write_text(coding_page(sample), encoding="utf-8")
    return path


def _drag_over(card, start: int, end: int):
    """Select context characters start..end with the mouse: press on the left edge of the
    first character, drag to the right edge of the last, release."""
    card.locator(".context").evaluate("box => box.scrollIntoView({block: 'center'})")  # clear of the sticky bar
    x0, y0, x1, y1 = card.locator(".context").evaluate(
        """(box, [a, b]) => {
            const at = (x) => {
                const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
                let seen = 0, node;
                while ((node = walker.nextNode())) {
                    if (x < seen + node.data.length) {
                        const r = document.createRange();
                        r.setStart(node, x - seen);
                        r.setEnd(node, x - seen + 1);
                        return r.getBoundingClientRect();
                    }
                    seen += node.data.length;
                }
            };
            const s = at(a), e = at(b - 1);
            return [s.left + 1, s.top + s.height / 2, e.right - 1, e.top + e.height / 2];
        }""",
        [start, end],
    )
    page = card.page
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=8)
    page.mouse.up()


def test_a_coder_codes_quotes_saves_reloads_and_reopens(browser, tmp_path, quotes, texts):
    from playwright.sync_api import expect

    assert len(quotes.items) >= 6
    items = quotes.items
    path = _write(tmp_path, quotes)
    o = Opened(browser, path)
    page = o.page
    assert page.locator("section.card").count() == len(items)
    assert page.locator("#progress").inner_text() == f"0 of {len(items)} coded"
    first = o.card(0)
    assert items[0].outlet in first.inner_text() and items[0].article in first.inner_text()
    assert first.locator("mark").inner_text() == items[0].text
    assert first.locator(".m-speaker").count() >= 1
    # pre-filled with framing's answers, nothing coded yet
    assert first.locator('input[type=radio][value="yes"]').is_checked()
    assert first.locator('input[data-field="speaker"]').input_value() == items[0].framing["speaker"]
    assert first.locator('input[type=radio][value="%s"]' % items[0].framing["kind"]).is_checked()
    assert "not coded yet" in first.inner_text()

    # saving needs a name
    page.get_by_role("button", name="Save", exact=True).click()
    assert "name" in page.locator("#message").inner_text()
    page.get_by_label("Your name").fill("Ana Coder")

    first.get_by_role("button", name="Confirm").click()
    assert "confirmed" in first.inner_text()
    o.card(1).locator('input[data-field="speaker"]').fill("Someone Else")
    third = o.card(2)
    third.get_by_label("no", exact=True).check()
    assert third.locator('input[data-field="speaker"]').is_disabled()
    assert third.locator('input[type=radio][value="direct"]').is_disabled()
    third.get_by_label("Note (optional)").fill("a headline, not speech")

    fourth, it4 = o.card(3), items[3]
    words = it4.context.split()
    phrase = " ".join(words[1:4])
    at = it4.context.index(phrase)
    fourth.get_by_text("Add a quote framing missed").click()
    _drag_over(fourth, at, at + len(phrase))
    expect(fourth.locator(".pending")).to_have_text(f"Selected: \u201c{phrase}\u201d")
    fourth.get_by_label("Speaker", exact=True).fill("A Spokesman")
    fourth.get_by_label("Kind").select_option("reported")
    fourth.get_by_role("button", name="Add this quote").click()
    assert fourth.locator("ul.added li").count() == 1
    assert phrase in fourth.locator("ul.added li").inner_text()
    assert page.locator("#progress").inner_text() == f"3 of {len(items)} coded"

    download, out = o.save(tmp_path, "saved.json")
    assert download.suggested_filename == "coded-Ana_Coder.json"
    sheet = read_coded_json(out)
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["format"] == "framing-coded" and raw["version"] == 1 and raw["what"] == "quotes"
    assert set(raw["items"][0]) == {"id", "article", "outlet", "stratum", "subject", "start", "end", "framing", "coded", "note"}
    assert sheet.coder == "Ana Coder" and sheet.what == "quotes"
    assert [c.id for c in sheet.items] == [i.id for i in items]
    for c, i in zip(sheet.items, items):
        assert (c.article, c.outlet, c.stratum, c.subject, c.start, c.end, c.framing) == (i.article, i.outlet, i.stratum, i.subject, i.start, i.end, i.framing)
    answers = lambda item: {f.name: item.framing[f.name] for f in FIELDS["quotes"]}  # framing's "counted" is no field
    assert sheet.items[0].coded == answers(items[0])
    assert sheet.items[1].coded == {**answers(items[1]), "speaker": "Someone Else"}
    assert sheet.items[2].coded == {"is_quote": "no"} and sheet.items[2].note == "a headline, not speech"
    assert all(c.coded == {} and c.note == "" for c in sheet.items[3:])
    (added,) = sheet.added
    assert texts[added.article][added.start : added.end] == phrase
    assert added.start == it4.context_start + at
    assert (added.id, added.article, added.outlet, added.stratum, added.subject, added.framing) == (
        f"{it4.article}#added{added.start}-{added.end}", it4.article, it4.outlet, "", "", {})
    assert added.coded == {"is_quote": "yes", "speaker": "A Spokesman", "kind": "reported", "channel": ""}
    assert added.added

    # a reload keeps the work (localStorage)
    page.reload()
    page.wait_for_selector("html[data-ready]")
    _shows_the_work(o, items, phrase)
    o.check_clean()
    o.close()

    # a fresh browser has none of it until the saved file is opened
    fresh = Opened(browser, path)
    assert fresh.page.locator("#progress").inner_text() == f"0 of {len(items)} coded"
    assert fresh.card(1).locator('input[data-field="speaker"]').input_value() == items[1].framing["speaker"]
    fresh.page.get_by_label("Open a saved file").set_input_files(str(out))
    fresh.page.wait_for_function("document.getElementById('progress').textContent.startsWith('3 of')")
    _shows_the_work(fresh, items, phrase)
    # and saving again gives the same file
    _, again = fresh.save(tmp_path, "again.json")
    assert json.loads(again.read_text(encoding="utf-8")) == raw
    fresh.check_clean()
    fresh.close()


def _shows_the_work(o: Opened, items, phrase: str):
    page = o.page
    assert page.get_by_label("Your name").input_value() == "Ana Coder"
    assert page.locator("#progress").inner_text() == f"3 of {len(items)} coded"
    assert "confirmed" in o.card(0).locator(".status").inner_text()
    assert o.card(1).locator('input[data-field="speaker"]').input_value() == "Someone Else"
    assert o.card(1).locator('input[type=radio][value="%s"]' % items[1].framing["kind"]).is_checked()
    third = o.card(2)
    assert third.locator('input[type=radio][value="no"]').is_checked()
    assert third.locator('input[data-field="speaker"]').is_disabled()
    assert third.locator('textarea[data-field="note"]').input_value() == "a headline, not speech"
    assert o.card(3).locator(".status").inner_text() == "not coded yet"
    assert o.card(3).locator("ul.added li").count() == 1 and phrase in o.card(3).locator("ul.added li").inner_text()


def test_a_coder_sets_a_tone_label(browser, tmp_path, seed_result, seed_lexicons):
    tone = sample_of(seed_result, seed_lexicons, "tone")
    k, item = next((k, i) for k, i in enumerate(tone.items) if i.framing["tone"] != "negative")
    o = Opened(browser, _write(tmp_path, tone))
    card = o.card(k)
    assert item.subject in card.locator("legend").inner_text()
    assert card.locator(".m-target").count() == 1
    assert card.locator("details.add").count() == 0  # adding is for quotes only
    assert card.locator('input[type=radio][value="%s"]' % item.framing["tone"]).is_checked()
    card.get_by_label("negative", exact=True).check()
    o.page.get_by_label("Your name").fill("Bo")
    _, out = o.save(tmp_path, "tone.json")
    sheet = read_coded_json(out)
    assert sheet.what == "tone" and sheet.coder == "Bo" and sheet.added == ()
    assert [c.coded for c in sheet.items] == [{"tone": "negative"} if n == k else {} for n in range(len(tone.items))]
    o.check_clean()
    o.close()


def test_hostile_markup_is_shown_as_text_and_never_run(browser, tmp_path):
    sample = hostile_sample()
    o = Opened(browser, _write(tmp_path, sample))
    page = o.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    card = o.card(0)
    assert card.locator(".context").inner_text() == sample.items[0].context
    assert HOSTILE in card.locator("mark").inner_text()
    assert HOSTILE in card.locator(".meta").inner_text()
    assert card.locator('input[data-field="speaker"]').input_value() == sample.items[0].framing["speaker"]
    assert page.locator("img").count() == 0 and page.locator("script").count() == 2
    assert HOSTILE in page.title()
    o.check_clean()
    o.close()

"""The classroom handout prints well: rendered to PDF by headless Chromium on A4 and Letter,
turned into PNG pages by pdftoppm, the seeds short lesson fits in a few pages and no page of
either level, on the seeds or on examples/geneva, is left mostly empty: not by a forced break
and not at the end, where the sheet's print fit (``pages.FIT_JS``) lengthens the answer lines
until the last page is at least half full.

How full a page is: its PNG (``pdftoppm -r 40 -png -gray``, decoded here with zlib, no
imaging library) is read row by row; a row is inked when a pixel is darker than 230 of 255.
``used`` is the share of the page's height down to its last inked row, ``ink`` the share of
inked rows. Lines of text leave white rows between them and a block of answer lines is white
by design, so ``ink`` of a full page of text is only about 0.6; ``used`` is the measure of
how much of the page is filled, and no page may use under a third of it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main

from .conftest import GENEVA, SEEDS
from .report.test_report_browser import CHROMIUM, FLAGS

#: Pages the seeds short lesson may take: 5 articles trimmed to 240-530 words each (about
#: 1,700 words) and four questions with answer lines. Measured: 5 pages on A4 and on Letter
#: (the full level: 11; examples/geneva 3 and 6).
MAX_PAGES = 6
MIN_USED = 1 / 3


def _need_pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("pdftoppm is needed to check the printed handout: apt-get install poppler-utils")
    pytest.skip("pdftoppm (poppler-utils) is not installed")


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the pixel rows of an 8-bit greyscale (or RGB) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2), (depth, colour)
            bpp = 1 if colour == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def fullness(path: Path) -> tuple[float, float]:
    """(used, ink) of one page: see the module's docstring."""
    _, height, rows = png_rows(path)
    inked = [y for y, row in enumerate(rows) if min(row) < 230]
    if not inked:
        return 0.0, 0.0
    return (inked[-1] + 1) / height, len(inked) / height


@pytest.fixture(scope="module")
def lessons(tmp_path_factory):
    made = {}
    for name, corpus in (("seeds", SEEDS), ("geneva", GENEVA)):
        for level in ("short", "full"):
            out = tmp_path_factory.mktemp("print") / f"{name}-{level}"
            result = CliRunner().invoke(main, ["classroom", str(corpus), "-o", str(out), "--seed", "3", "--level", level])
            assert result.exit_code == 0, result.output
            made[name, level] = out
    return made


@pytest.fixture(scope="module")
def lesson(lessons):
    return lessons["seeds", "short"]


def pages(html: Path, fmt: str, tmp: Path) -> list[tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    pdftoppm = _need_pdftoppm()
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed for the browser tests (.ci/run installs it: apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page()
        page.goto(html.as_uri())
        pdf = tmp / f"{html.stem}-{fmt}.pdf"
        page.pdf(path=str(pdf), format=fmt)
        browser.close()
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run([pdftoppm, "-r", "40", "-png", "-gray", str(pdf), str(tmp / f"{html.stem}-{fmt}")], check=True, capture_output=True)
    return [fullness(png) for png in sorted(tmp.glob(f"{html.stem}-{fmt}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


@pytest.mark.parametrize("fmt", ["A4", "Letter"])
def test_the_short_handout_fits_in_a_few_pages(lesson, tmp_path, fmt):
    measured = pages(lesson / "worksheet.html", fmt, tmp_path)
    # (at least two pages: test_no_page_of_the_handout_is_mostly_empty)
    assert len(measured) <= MAX_PAGES, f"{fmt}: {len(measured)} pages, more than {MAX_PAGES}"


@pytest.mark.parametrize("fmt", ["A4", "Letter"])
@pytest.mark.parametrize("corpus,level", [("seeds", "short"), ("seeds", "full"), ("geneva", "short"), ("geneva", "full")])
def test_no_page_of_the_handout_is_mostly_empty(lessons, tmp_path, corpus, level, fmt):
    measured = pages(lessons[corpus, level] / "worksheet.html", fmt, tmp_path)
    assert len(measured) >= (3 if level == "full" else 2), measured
    for n, (used, ink) in enumerate(measured, 1):
        assert used >= MIN_USED, f"{corpus} {level} {fmt}: page {n} of {len(measured)} is under a third full (used {used:.2f}, ink {ink:.2f}): {measured}"


def test_without_the_print_fit_the_seeds_full_handout_ends_on_a_near_empty_page(lessons, tmp_path):
    """The fit is what fills the last page: the same sheet without its script ends on an A4
    page under a third full (measured: 0.17), so the test above can fail."""
    text = (lessons["seeds", "full"] / "worksheet.html").read_text(encoding="utf-8")
    start = text.index("<script>")
    bare = tmp_path / "bare.html"
    bare.write_text(text[:start] + text[text.index("</script>", start) + len("</script>"):], encoding="utf-8")
    measured = pages(bare, "A4", tmp_path)
    assert measured[-1][0] < MIN_USED, measured


@pytest.mark.parametrize("fmt", ["A4", "Letter"])
def test_pre_and_post_tests_print_on_one_page(lesson, tmp_path, fmt):
    for name in ("pre-test.html", "post-test.html"):
        measured = pages(lesson / name, fmt, tmp_path)
        assert len(measured) == 1, f"{name} {fmt}: {measured}"


def test_the_print_css_sizes_the_page_and_breaks_only_long_articles(lesson):
    text = (lesson / "worksheet.html").read_text(encoding="utf-8")
    assert "@page{size:auto;margin:" in text and "orphans:3;widows:3" in text
    assert ".article.long{break-before:page}" in text and ".q{margin:.6rem 0;break-inside:avoid}" in text
    # The seeds' trimmed articles are each under a page: none is forced onto a new page.
    assert 'class="article long' not in text


if __name__ == "__main__":
    # python -m tests.test_classroom_print: how full each printed page is, as the tests measure
    # it (the README's page counts and fullness come from this).
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, corpus in (("seeds", SEEDS), ("geneva", GENEVA)):
            for level in ("short", "full"):
                out = Path(tmp) / f"{name}-{level}"
                result = CliRunner().invoke(main, ["classroom", str(corpus), "-o", str(out), "--seed", "3", "--level", level])
                assert result.exit_code == 0, result.output
                for fmt in ("A4", "Letter"):
                    work = Path(tempfile.mkdtemp(dir=tmp))
                    measured = pages(out / "worksheet.html", fmt, work)
                    print(f"{name:7} {level:6} {fmt:7} {len(measured):2} pages, used: {' '.join(f'{u:.2f}' for u, _ in measured)}")

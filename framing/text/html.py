"""A saved or fetched news page (.html/.htm) read as an article: its body text without
navigation, ads, cookie banners, related links or comments, and its title, byline, date,
site name and URL, by trafilatura (Barbaresi, ACL 2021: System Demonstrations), a main-text
extractor made for news pages, run offline on the file's bytes.

``read_page(data, name)`` gives a ``Page``; the folder reader turns it into an ``Article``
whose text is the title, a blank line and the body paragraphs, so a page and the same
article saved as .txt read alike. The outlet is the page's site name, else its URL's
domain; ``extractor`` names the extractor and its version, as articles.csv reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..errors import CorpusError

__all__ = ["HTML_SUFFIXES", "Page", "read_page", "extractor_name"]

HTML_SUFFIXES = (".html", ".htm")
#: A page whose main text has fewer words holds no article (a menu, a gallery, a paywall).
MIN_PAGE_WORDS = 20


@dataclass(frozen=True, slots=True)
class Page:
    text: str  # the title, a blank line, then the body paragraphs separated by blank lines
    title: str
    author: str  # the byline's names, "; " between them; "" when the page names none
    date: str  # ISO YYYY-MM-DD when the page gives one, else ""
    site: str  # the site's name, else the URL's domain, else ""
    url: str


@lru_cache(maxsize=1)
def extractor_name() -> str:
    from importlib import metadata

    return f"trafilatura {metadata.version('trafilatura')}"


@lru_cache(maxsize=1)
def _quiet_loggers() -> None:
    """trafilatura and its helpers log a broken page as an ERROR; with no logging set up,
    Python would print that on stderr beside framing's own named warning. A NullHandler
    keeps them quiet unless the caller configures logging."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


#: What a browser's "Save page as" writes at the top of the page: where it came from.
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)


def read_page(data: bytes, name: str, url: str = "") -> Page:
    """The article in a news page's bytes (``name`` for messages; ``url`` where it was
    fetched, when known, else the "saved from" note a browser writes, else the page's own
    canonical URL). A page with no article text is a ``CorpusError``."""
    if not url:
        saved = _SAVED_FROM.search(data[:2048])
        if saved:
            url = saved.group(1).decode("ascii", "replace")
    try:
        import trafilatura
        _quiet_loggers()
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise CorpusError(f"{name}: reading .html needs trafilatura (pip install trafilatura)") from None
    try:
        doc = trafilatura.bare_extraction(
            data, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True, deduplicate=False,
        )
    except Exception as exc:  # trafilatura raises from deep inside lxml on broken input
        raise CorpusError(f"{name}: cannot read the page ({type(exc).__name__})") from None
    if doc is None:
        raise CorpusError(f"{name}: no article text found in the page")
    get = doc.as_dict().get if hasattr(doc, "as_dict") else doc.get
    body = (get("text") or "").strip()
    words = len(body.split())
    if words < MIN_PAGE_WORDS:  # what is left of a menu, a gallery or a paywall notice
        raise CorpusError(f"{name}: no article text found in the page ({words} word{'s' if words != 1 else ''} of text)")
    title = " ".join((get("title") or "").split())
    paragraphs = [" ".join(p.split()) for p in body.split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the page's headline, already the title
    page_url = get("url") or url or ""
    site = " ".join((get("sitename") or "").split()) or _domain(page_url)
    author = " ".join((get("author") or "").split())
    date = get("date") or ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = ""
    text = "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
    return Page(text=text, title=title, author=author, date=date, site=site, url=page_url)

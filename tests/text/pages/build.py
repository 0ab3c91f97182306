"""Saved news pages built for the tests from the .txt articles beside this file: each in the
markup of a different kind of news site (navigation, cookie banner, share buttons,
newsletter box, related links, comments, footer), with its byline and date in a different
convention (JSON-LD, meta tags, <time>, a "Posted by" line). ``PAGES`` says what each page
must give back: its title, byline, date and site.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    source: str  # the .txt file
    template: str
    site: str
    author: str
    date: str
    url: str


PAGES = (
    PageSpec("harbour-strike.txt", "ledger", "Harbour Gazette", "Ana Lopez", "2026-01-05", "https://www.harbourgazette.example/news/2026/01/05/port-strike-ends"),
    PageSpec("river-deal.txt", "courier", "Coastline Courier", "Mia Chen", "2026-01-06", "https://coastlinecourier.example/world/river-deal"),
    PageSpec("school-closures.txt", "wire", "Valley Wire", "Sam Okoro", "2026-01-08", "https://valleywire.example/a/school-closures-4411"),
    PageSpec("rail-fares.txt", "blog", "The Commuter Blog", "Jo Park", "2026-01-07", "https://commuterblog.example/2026/01/rail-fares"),
)

NAV = """<header class="site-header"><a class="logo" href="/">{site}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>"""
COOKIES = """<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience and to show you relevant advertising. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button><button>Manage settings</button></div>"""
SHARE = """<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email this article</a></div>"""
NEWSLETTER = """<div class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our free newsletter and never miss a story.</p><input type="email"><button>Subscribe</button></div>"""
RELATED = """<aside class="related"><h3>Related stories</h3><ul><li><a href="/1">Council approves new budget after long debate</a></li><li><a href="/2">Weather: storms expected over the weekend across the region</a></li><li><a href="/3">Five things to know before you travel this winter</a></li></ul></aside>"""
COMMENTS = """<section id="comments" class="comments"><h3>3 comments</h3>
<div class="comment"><p class="comment-author">dockworker77</p><p>About time! The owners have been squeezing us for years and nobody listened.</p></div>
<div class="comment"><p class="comment-author">Realist</p><p>Prices will go up for everyone now, you watch. Nothing is free.</p></div>
<div class="comment"><p class="comment-author">M. K.</p><p>Great reporting as always, thank you.</p></div>
<form><textarea placeholder="Leave a reply"></textarea><button>Post comment</button></form></section>"""
FOOTER = """<footer><p>&copy; 2026 {site}. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact</a></li></ul></footer>"""
ADS = """<div class="ad-slot" aria-label="Advertisement"><p>Advertisement</p><a href="https://ads.example/x">Save 50% on your next holiday - book now</a></div>"""


def article_parts(source: str) -> tuple[str, list[str]]:
    """(title, body paragraphs) of a .txt article: its first line, then its paragraphs."""
    blocks = [" ".join(b.split()) for b in (HERE / source).read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return blocks[0], blocks[1:]


def _paras(paragraphs: list[str], every: int = 0, insert: str = "") -> str:
    out = []
    for k, p in enumerate(paragraphs):
        out.append(f"<p>{html.escape(p, quote=False)}</p>")
        if every and k == every - 1:
            out.append(insert)
    return "\n".join(out)


def build(spec: PageSpec) -> str:
    title, paragraphs = article_parts(spec.source)
    t, site, author = html.escape(title), html.escape(spec.site), html.escape(spec.author)
    nav, foot = NAV.format(site=site), FOOTER.format(site=site)
    if spec.template == "ledger":  # a CMS with <article>, JSON-LD and a "By" byline
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": f"{spec.date}T07:30:00+01:00",
                         "dateModified": f"{spec.date}T09:10:00+01:00", "author": [{"@type": "Person", "name": spec.author}],
                         "publisher": {"@type": "Organization", "name": spec.site}})
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t} | {site}</title>
<link rel="canonical" href="{spec.url}"><meta property="og:site_name" content="{site}"><meta property="og:title" content="{t}">
<script type="application/ld+json">{ld}</script><script>window.dataLayer=[];</script></head>
<body>{COOKIES}{nav}<main><article><h1>{t}</h1><p class="byline">By {author}</p><p class="dateline">Published 5 January 2026</p>{SHARE}
{_paras(paragraphs, 3, ADS)}
</article>{RELATED}{COMMENTS}</main>{foot}</body></html>"""
    if spec.template == "courier":  # div soup, meta tags, a linked author, a newsletter box in the body
        return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{t} - {site}</title>
<meta name="author" content="{author}"><meta property="article:published_time" content="{spec.date}T10:00:00Z">
<meta property="og:site_name" content="{site}"><meta property="og:url" content="{spec.url}"></head>
<body>{nav}{COOKIES}<div id="content"><div class="headline-wrap"><h1 class="headline">{t}</h1></div>
<div class="meta"><div class="author">By <a rel="author" href="/staff/mia-chen">{author}</a></div><span class="date">Jan. 6, 2026</span></div>
<div class="story-body">{_paras(paragraphs, 2, NEWSLETTER)}</div>{SHARE}<div class="tags">Tags: <a href="/t/water">water</a> <a href="/t/treaty">treaty</a></div></div>
{RELATED}{foot}</body></html>"""
    if spec.template == "wire":  # <time datetime>, a byline in <address>, "Reporting by" sign-off
        return f"""<!doctype html><html><head><title>{t}</title><meta property="og:site_name" content="{site}">
<meta property="og:url" content="{spec.url}"><meta name="byl" content="By {author}"></head>
<body>{nav}<main id="main"><header class="article-header"><h1 itemprop="headline">{t}</h1>
<address class="byline">By <span itemprop="author">{author}</span></address> <time datetime="{spec.date}T14:05:00Z" itemprop="datePublished">January 8, 2026</time></header>
<div class="article-body" itemprop="articleBody">{_paras(paragraphs)}</div>{ADS}</main>{RELATED}{COOKIES}{foot}</body></html>"""
    if spec.template == "blog":  # a blog theme: "Posted by … on …", comments, sidebar
        return f"""<!-- saved from url=({len(spec.url):04d}){spec.url} -->
<html><head><title>{t} &#8211; {site}</title><meta name="generator" content="WordPress 6.4"></head>
<body class="single-post">{nav}<div id="page"><div id="primary"><div class="post">
<h2 class="entry-title">{t}</h2><div class="entry-meta">Posted by <span class="author vcard">{author}</span> on <time class="entry-date" datetime="{spec.date}">January 7, 2026</time></div>
<div class="entry-content">{_paras(paragraphs)}</div>{SHARE}</div>{COMMENTS}</div>
<div id="secondary" class="sidebar"><h3>Recent posts</h3><ul><li><a href="/p1">Why my train was late again</a></li><li><a href="/p2">Season tickets explained</a></li></ul></div></div>{foot}</body></html>"""
    raise ValueError(spec.template)


def write_pages(folder: Path) -> list[Path]:
    """Write every page of ``PAGES`` into ``folder`` (as <source stem>.html)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for spec in PAGES:
        p = folder / (Path(spec.source).stem + ".html")
        p.write_text(build(spec), encoding="utf-8")
        out.append(p)
    return out

"""Distinctive words without the words that only say which outlet printed a text: outlet
names and sites (self-references) and house style (honorifics), left out for every outlet
and named; the counts behind z; a chart with a label on every bar."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from framing.compare import distinctive_terms
from framing.compare.terms import domain_name, left_out_reason, outlet_name_words
from framing.errors import LexiconError
from framing.lexicons import load_lexicons
from framing.lexicons.load import parse_language_lexicon
from framing.measures.digest import digest_article
from framing.report.comparison import distinctive_terms_figure
from framing.tables import COMPARISON_TABLES
from framing.types import Article

FOX, LEDGER, HUFF = "Fox News", "The Daily Ledger", "HuffPost"
URLS = {FOX: "https://www.foxnews.com/politics/summit-crisis", LEDGER: "https://www.dailyledger.co.uk/world/summit", HUFF: "https://www.huffpost.com/entry/summit_n_1"}
#: The words the rule must leave out of this corpus: its outlets' names and sites (the Ledger
#: never names itself, so "daily" and "ledger" are not in the texts), and the honorifics the
#: Ledger's style puts before every name.
NAME_WORDS = {"fox", "news", "foxnews", "huffpost"}
STYLE_WORDS = {"mr", "ms"}
#: The framing each outlet plants: the words that should come out on top.
FRAMING = {FOX: "crisis", LEDGER: "drought", HUFF: "activists"}


def _texts(seed: int = 0) -> dict[str, str]:
    """Three outlets on one story: random filler words, each outlet's framing word in about
    60% of its sentences; Fox News names itself in most (and its site once), the Ledger
    writes "Mr. Berg told Mr. Dahl" or "Ms. Lind said" in most, HuffPost names itself in
    most."""
    rng = random.Random(seed)
    vocabulary = sorted({"".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(3)) for _ in range(300)})
    texts = {}
    for outlet in (FOX, LEDGER, HUFF):
        lines = []
        for k in range(40):
            words = rng.sample(vocabulary, 8)
            if rng.random() < 0.6:
                words[2] = FRAMING[outlet]
            sentence = " ".join(words).capitalize()
            if outlet == FOX and k % 4 != 3:
                sentence += ", Fox News Digital learned" if k % 2 else ", a source told Fox News" if k % 3 else ", Fox News's reporters found"
            if outlet == LEDGER and k % 5 != 4:
                sentence = ("Mr. Berg told Mr. Dahl that" if k % 2 else "Ms. Lind said") + " " + sentence[0].lower() + sentence[1:]
            if outlet == HUFF and k % 4 != 3:
                sentence += ", HuffPost has learned"
            lines.append(sentence + ".")
        if outlet == FOX:
            lines.append("Its site, foxnews.com, has the full interview.")
        texts[outlet] = "Summit\n" + "\n".join(lines) + "\n"
    return texts


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


@pytest.fixture(scope="module")
def digests(lexicons):
    from framing.pipeline import Analyzer

    analyzer = Analyzer(lexicons)
    stopwords = lexicons.language.stopwords
    return [
        digest_article(analyzer.analyze_article(Article(id=f"a{i}", outlet=outlet, title="Summit", text=text, url=URLS[outlet])), stopwords=stopwords)
        for i, (outlet, text) in enumerate(_texts().items())
    ]


@pytest.fixture(scope="module")
def rows(digests):
    return distinctive_terms(digests, seed=1, n_perm=100)


def _of(rows, outlet):
    return [r for r in rows if r["outlet"] == outlet]


def test_outlet_names_and_house_style_are_left_out_and_named(rows):
    assert rows
    terms = {r["term"] for r in rows}
    assert not terms & (NAME_WORDS | STYLE_WORDS | {"news's"})
    named, style = set(rows[0]["left_out_names"].split()), set(rows[0]["left_out_style"].split())
    assert named == NAME_WORDS | {"news's"}  # only the words the texts hold: no "daily", "ledger", "dailyledger"
    assert style == STYLE_WORDS
    assert all(r["left_out_names"] == rows[0]["left_out_names"] and r["left_out_style"] == rows[0]["left_out_style"] for r in rows)
    # most frequent first: "fox" and "huffpost" in 30 sentences each (a tie: alphabetical)
    assert rows[0]["left_out_names"].split()[:2] == ["fox", "huffpost"]


def test_a_real_framing_word_still_comes_out_on_top(rows):
    for outlet, word in FRAMING.items():
        top = _of(rows, outlet)[0]
        assert top["term"] == word and top["rank"] == 1 and top["above_null"], top


def test_without_the_rule_the_self_references_and_honorifics_would_win(digests):
    """What the user saw: with nothing left out the outlet's own name and the Ledger's
    honorifics are its top "distinctive" words (so the test above can fail)."""
    raw = distinctive_terms(digests, seed=1, n_perm=100, house_style=(), leave_out_outlet_names=False)
    assert _of(raw, FOX)[0]["term"] in {"fox", "news"}
    assert _of(raw, LEDGER)[0]["term"] in STYLE_WORDS
    assert _of(raw, HUFF)[0]["term"] == "huffpost"
    assert raw[0]["left_out_names"] == "" and raw[0]["left_out_style"] == ""


def test_the_null_is_computed_on_the_filtered_vocabulary(digests, rows):
    """Leaving the words out equals deleting them from the texts: the same z, counts and
    permutation null for every row (so the null is not computed on the full vocabulary)."""
    dropped = NAME_WORDS | STYLE_WORDS | {"news's"}
    stripped = [replace(d, terms=tuple(" ".join(t for t in s.split() if t not in dropped) for s in d.terms)) for d in digests]
    plain = distinctive_terms(stripped, seed=1, n_perm=100, house_style=(), leave_out_outlet_names=False)
    keep = lambda rs: [{k: v for k, v in r.items() if not k.startswith("left_out")} for r in rs]  # noqa: E731
    assert keep(plain) == keep(rows)
    # and it is not what the unfiltered corpus gives
    raw = distinctive_terms(digests, seed=1, n_perm=100, house_style=(), leave_out_outlet_names=False)
    assert [r["null_threshold"] for r in raw] != [r["null_threshold"] for r in rows]


def test_the_house_style_list_can_be_replaced(digests):
    rows = distinctive_terms(digests, seed=1, n_perm=50, house_style=["MS", "crisis"])
    assert "crisis" not in {r["term"] for r in rows} and "mr" in {r["term"] for r in _of(rows, LEDGER)}
    assert set(rows[0]["left_out_style"].split()) == {"crisis", "ms"}


def test_outlet_name_words_and_site_names():
    assert outlet_name_words(["Fox News"]) == {"fox", "news", "foxnews"}
    assert outlet_name_words(["HuffPost"]) == {"huffpost"}
    assert outlet_name_words(["L'Express", "Site 000"]) == {"l'express", "site"}  # no "express", no digits
    assert outlet_name_words([], ["https://www.nytimes.com/2026/01/x.html", "https://www.bbc.co.uk/news", "https://edition.cnn.com/x", "", "http://10.0.0.1/x"]) == {"nytimes", "bbc", "cnn"}
    assert domain_name("www.foxnews.com/x") == "foxnews" and domain_name("file:///tmp/a.txt") == "" and domain_name("not a url") == ""
    assert left_out_reason("fox's", {"fox"}, {"mr"}) == "name" and left_out_reason("mr", {"fox"}, {"mr"}) == "style"
    assert left_out_reason("foxes", {"fox"}, {"mr"}) is None


def test_the_language_lexicon_declares_and_validates_honorifics(lexicons):
    assert {"mr", "mrs", "ms", "dr"} <= lexicons.language.honorifics
    header = {"kind": "language", "id": "x", "label": "X", "version": "1", "segmentation": {"abbreviations": ["mr"]}}
    assert parse_language_lexicon(header, "x.toml").honorifics == frozenset()  # [style] is optional
    assert parse_language_lexicon({**header, "style": {"honorifics": ["Mr", "MS"]}}, "x.toml").honorifics == {"mr", "ms"}
    for bad, problem in ((["Mr."], "write 'mr'"), (["Mr Smith"], "one word per entry"), (["mr", "MR"], "duplicate"), (["x"], "one-letter"), (["42"], "no letters"), ("mr", "expected a list")):
        with pytest.raises(LexiconError, match=r"x\.toml: style\.honorifics: .*" + problem):
            parse_language_lexicon({**header, "style": {"honorifics": bad}}, "x.toml")
    with pytest.raises(LexiconError, match=r"x\.toml: style\.titles: unknown key"):
        parse_language_lexicon({**header, "style": {"titles": ["mr"]}}, "x.toml")


def test_rows_have_the_declared_columns_and_the_counts_behind_z(rows):
    spec = next(t for t in COMPARISON_TABLES if t.name == "distinctive_terms.csv")
    assert all(tuple(r) == spec.column_names for r in rows)
    for name in ("total", "total_rest", "n_units", "n_units_rest", "left_out_names", "left_out_style"):
        assert next(c for c in spec.columns if c.name == name).meaning
    for r in rows:
        assert r["rate_per_1k"] == pytest.approx(1000 * r["count"] / r["total"], abs=1e-3)
        assert r["rate_rest_per_1k"] == pytest.approx(1000 * r["count_rest"] / r["total_rest"], abs=1e-3)
        assert r["prior"] == r["count"] + r["count_rest"]
        assert r["n_units"] == 41 if r["outlet"] == FOX else r["n_units"] == 40


def _sign(x: float) -> int:
    return (x > 1e-12) - (x < -1e-12)


def test_seed_counts_agree_with_the_sign_of_z(seed_result):
    """On the seeds: z > 0 exactly when the word's rate in the outlet is above its rate in
    the other outlets (an informative Dirichlet prior of the corpus counts keeps that order),
    and the totals add up to the same corpus for every outlet."""
    rows = seed_result.comparison.distinctive_terms
    assert rows
    for r in rows:
        assert _sign(r["z"]) == _sign(r["count"] / r["total"] - r["count_rest"] / r["total_rest"]), r
        assert _sign(r["delta"]) == _sign(r["z"])
    assert len({r["total"] + r["total_rest"] for r in rows}) == 1
    assert len({r["n_units"] + r["n_units_rest"] for r in rows}) == 1
    names, style = rows[0]["left_out_names"].split(), rows[0]["left_out_style"].split()
    # the seeds' outlets as the corpus names them: "Site 000", "Reuters wire copy", "NewsChina"
    assert {"site", "reuters", "newschina"} <= set(names) and "mr" in style
    assert not {r["term"] for r in rows} & (set(names) | set(style))


def test_figure_labels_every_bar_and_hovers_the_counts(rows):
    colours = {FOX: "#d62728", LEDGER: "#1f77b4", HUFF: "#2ca02c"}
    fig = distinctive_terms_figure(rows, colours)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == sorted(FRAMING)  # one trace per outlet, alphabetical
    layout = fig.layout.to_plotly_json()
    n_bars = 0
    for trace in bars:
        axis = layout["yaxis" + trace.yaxis[1:]]
        assert axis["tickmode"] == "array" and list(axis["tickvals"]) == list(trace.y) and list(axis["ticktext"]) == list(trace.y)
        mine = _of(rows, trace.name)[:8]
        assert len(trace.y) == len(mine) == 8 and list(trace.y)[::-1] == [r["term"] for r in mine]
        assert list(trace.x)[::-1] == [r["z"] for r in mine]
        colours_of = list(trace.marker.color)[::-1]
        for r, hover, colour in zip(mine, list(trace.hovertext)[::-1], colours_of):
            assert f"<b>{r['term']}</b>" in hover and f"z = {r['z']:.2f}" in hover
            assert f"in {trace.name}: {r['count']:,} of {r['total']:,} counted words" in hover
            assert f"in the other outlets: {r['count_rest']:,} of {r['total_rest']:,} counted words" in hover
            assert ("not above the permutation null" in hover) != r["above_null"]
            assert (colour == colours[trace.name]) == r["above_null"]
        assert "%{hovertext}" in trace.hovertemplate
        n_bars += len(trace.y)
    # panels do not overlap, and each bar gets at least 20 px of the plot (so no label collides)
    domains = sorted(tuple(layout["yaxis" + t.yaxis[1:]]["domain"]) for t in bars)
    assert all(a[1] <= b[0] for a, b in zip(domains, domains[1:]))
    plot_px = fig.layout.height - 170
    assert all((hi - lo) * plot_px / 8 >= 20 for lo, hi in domains)
    # units on the z axis; the dashed null line of each panel; what was left out, named
    assert any("z of the log-odds ratio" in (layout[k].get("title", {}) or {}).get("text", "") for k in layout if k.startswith("xaxis"))
    assert [s["x0"] for s in layout["shapes"]] == [_of(rows, o)[0]["null_threshold"] for o in sorted(FRAMING)]
    subtitle = fig.layout.title.subtitle.text
    assert "Left out" in subtitle and "fox" in subtitle and "huffpost" in subtitle and "(outlet names)" in subtitle
    assert "mr" in subtitle and "(house style)" in subtitle
    assert distinctive_terms_figure(rows, colours).to_json() == fig.to_json()  # deterministic


def test_figure_without_rows_and_with_rows_missing_the_new_columns():
    assert "No distinctive words" in distinctive_terms_figure([], {}).layout.title.text
    old = [{"outlet": o, "term": f"w{k}", "count": 3, "count_rest": 1, "rate_per_1k": 1.0, "rate_rest_per_1k": 0.1, "z": 2.0 - k / 10, "rank": k + 1,
            "null_threshold": 1.5, "above_null": k < 5, "delta": 0.5, "prior": 4, "unit": "article"} for o in ("A", "B") for k in range(10)]
    fig = distinctive_terms_figure(old, {"A": "#000000"})
    assert len(fig.data) == 2 and all(len(t.y) == 8 for t in fig.data) and not fig.layout.title.subtitle.text
    assert not math.isnan(fig.layout.height)

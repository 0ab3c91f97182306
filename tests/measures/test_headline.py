"""The headline-versus-body measure on invented articles and on the seeds."""

from __future__ import annotations

import csv

import pytest

from framing.lexicons import load_lexicons
from framing.measures.headline import HeadlineDigest
from framing.pipeline import Analyzer
from framing.types import Article

ACTORS = """kind = "actors"
id = "harbour_dispute"
label = "An invented harbour dispute"
version = "1.0"

[[actor]]
id = "anna_berg"
name = "Anna Berg"
surname = "Berg"
titles = ["Mayor"]
gender = "female"
type = "government"

[[actor]]
id = "piet_holm"
name = "Piet Holm"
surname = "Holm"
titles = ["Governor"]
gender = "male"
type = "government"
"""

TOPIC = """kind = "topic"
id = "harbour"
label = "Harbour"
version = "1.0"
terms = ["harbour*", "shipping", "port", "ports"]
"""

BODY = (
    "Mayor Anna Berg and Governor Piet Holm signed a harbour agreement on Monday after a friendly meeting.\n"
    "Berg praised the deal as a wonderful success for the city and its families.\n"
    "Holm thanked the mayor and said the two sides would keep working together happily.\n"
    "Both leaders smiled as the agreement on trade and shipping was welcomed by local businesses.\n"
)


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicons")
    (folder / "actors.toml").write_text(ACTORS, encoding="utf-8")
    (folder / "harbour.toml").write_text(TOPIC, encoding="utf-8")
    return Analyzer(load_lexicons([folder]))


def _headline(analyzer, title: str) -> HeadlineDigest:
    article = Article("a1", "Daily", title, f"{title}\n{BODY}" if title else BODY)
    return analyzer.digest(analyzer.analyze_article(article)).parts["headline"]


def test_a_harsh_headline_naming_one_side_of_a_friendly_story(analyzer):
    h = _headline(analyzer, "Berg accused of disastrous surrender in harbour crisis")
    assert h.body_tone > 0.3 and h.headline_tone < -0.5
    assert h.tone_gap == round(h.headline_tone - h.body_tone, 4) and h.harsher is True
    assert set(h.lead_actors) == {"anna_berg", "piet_holm"}
    assert h.headline_actors == ("anna_berg",) and h.one_sided is True


def test_a_headline_that_names_both_sides_in_the_body_s_tone(analyzer):
    h = _headline(analyzer, "Berg and Holm sign harbour trade agreement")
    assert h.harsher is False and h.one_sided is False
    assert h.headline_actors == ("anna_berg", "piet_holm")
    assert h.lead_topic and h.lead_topic in h.headline_topics and h.lead_topic_in_headline is True


def test_a_headline_without_the_body_s_lead_topic(analyzer):
    h = _headline(analyzer, "Berg and Holm meet")
    assert h.lead_topic and h.headline_topics == () and h.lead_topic_in_headline is False


def test_no_headline_leaves_every_comparison_empty(analyzer):
    h = _headline(analyzer, "")
    assert h.headline_tone is None and h.body_tone is not None
    assert h.tone_gap is None and h.harsher is None and h.one_sided is None and h.lead_topic_in_headline is None


def test_seeds_tables_and_report_section(seed_run):
    with (seed_run / "data" / "headline_body.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    reuters = next(r for r in rows if r["outlet"] == "Reuters wire copy")
    # "South Korea's Lee Jae Myung in Beijing, sees full restoration of China ties": Lee only
    assert reuters["headline_actors"] == "lee_jae_myung" and reuters["lead_actors"] == "lee_jae_myung;xi_jinping"
    assert reuters["one_sided"] == "true"
    untitled = [r for r in rows if not r["headline"]]
    assert untitled and all(r["headline_tone"] == "" and r["one_sided"] == "" for r in untitled)
    with (seed_run / "data" / "headline_body_outlets.csv").open(encoding="utf-8") as handle:
        outlets = list(csv.DictReader(handle))
    # one article per outlet: a mean gap over one article is withheld, the shares are not
    assert all(r["value"] == "" and r["note"] == "not enough text" for r in outlets)
    report = (seed_run / "report.html").read_text(encoding="utf-8")
    assert '<section id="headline">' in report and 'id="fig-headline-tone"' in report and "not yet checked against human judgement" in report
    assert report.index('id="topics"') < report.index('id="headline"') < report.index('id="alike"')

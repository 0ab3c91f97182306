"""Properties of the public extraction functions over any string (Hypothesis): they never
raise, every span lies inside the text and is what the record says it is, and the same
input gives the same output."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.text.clean import line_roles, matching_copy
from framing.lexicons import load_lexicons
from framing.pipeline import Analyzer
from framing.text.segment import split
from framing.sentiment import tone_toward
from framing.measures.articles import mention_rows
from framing.measures.base import RowContext
from framing.measures.quotes import quote_rows
from framing.types import Article

from .conftest import EVENT_LEXICON

# News-shaped pieces, so that the generated texts reach the attribution rules, mixed with
# any character at all (controls, marks of every script, lone surrogates).
PIECES = [
    "said", "says", "told", "according to", "he", "she", "they", "who", "Mr.", "Ms.", "Dr.", "Sen.", "President",
    "Lee Jae-myung", "Xi Jinping", "Xi", "Lee", "AT&T", "the minister", "analysts", "Reuters", "Xinhua", "R-Ky.,",
    '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u300c", "\u300d", "\uff02", "\u00ab", "\u00bb", "\u275d", "\u275e",
    ",", ".", "?", "!", ":", ";", "\u2014", "-", "(", ")", "\n", "\n\n", "\f", "\v", "\r\n", "\t", "\x1b[2J", "\u202e", " ",
    "talks", "went", "well", "Monday", "31", "Beijing", "the", "The", "It", "X", "\ud800", "\u0301", "S\u0308d",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join),
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(load_lexicons([EVENT_LEXICON]))


def _inside(span, text: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), (span, len(text))


@SETTINGS
@given(text=TEXTS)
def test_cleaning_and_segmentation_keep_offsets(text):
    copy = matching_copy(text)
    assert len(copy) == len(text)
    for line in line_roles(text, title=text.splitlines()[0] if text.splitlines() else ""):
        _inside(line.span, text)
    paragraphs, sentences = split(text)
    for unit in (*paragraphs, *sentences):
        _inside(unit.span, text)
    assert split(text) == (paragraphs, sentences)


@SETTINGS
@given(text=TEXTS, title=st.sampled_from(["", "Talks end", "\u201cWe agree,\u201d he said"]))
def test_an_article_analysis_never_raises_and_every_span_is_what_its_row_says(analyzer, text, title):
    article = Article(id="a", outlet="Outlet", title=title, text=text, source="a")
    analysis = analyzer.analyze_article(article)
    for quote in analysis.quotes:
        for span in (quote.span, quote.speaker_span, quote.cue_span, quote.channel_span):
            if span is not None:
                _inside(span, text)
    for mention in analysis.mentions:
        _inside(mention.span, text)
    for hit in analysis.topic_hits:
        _inside(hit.span, text)
    for row in quote_rows(analysis):
        assert row["text"] == text[row["start"] : row["end"]]
        if row["speaker_text"]:
            assert row["speaker_text"] == text[row["speaker_start"] : row["speaker_end"]]
    for row in mention_rows(analysis, RowContext({})):
        assert row["text"] == text[row["start"] : row["end"]]
    assert analyzer.analyze_article(article) == analysis
    analyzer.digest(analysis)


@SETTINGS
@given(text=TEXTS, data=st.data())
def test_tone_toward_any_span_is_a_score(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    score = tone_toward(text, start, end)
    assert -1.0 <= score <= 1.0
    assert tone_toward(text, start, end) == score

"""Mentions of lexicon actors: spelling variants, titles, descriptors, and look-alikes."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.actors import MentionFinder, name_key
from framing.text.clean import matching_copy


@pytest.fixture(scope="module")
def finder(seed_lexicons):
    return MentionFinder(seed_lexicons.actors)


def _mentions(finder, text):
    copy = matching_copy(text)
    return [(text[m.span.start : m.span.end], m.actor_id, m.via) for m in finder.find(copy, "t")]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("South Korean President Lee Jae-myung met Xi.", "President Lee Jae-myung"),
        ("South Korean President Lee Jae Myung said on Jan 5 that", "President Lee Jae Myung"),
        ("South Korean President Lee Jaemyung paid a four-day state visit", "President Lee Jaemyung"),
        ("South Korean President Lee Jae\u2011myung and Chinese President Xi Jinping met", "President Lee Jae\u2011myung"),
        ("Lee Jae-Myung, Xi Jinping seek reset", "Lee Jae-Myung"),
        ("It was Mr Lee’s second meeting", "Mr Lee"),
        ("The South Korean leader is also scheduled to meet Premier Li Qiang", "The South Korean leader"),
        ("Lee reiterated Seoul’s interest", "Lee"),
    ],
)
def test_lee_variants_are_one_actor(finder, text, surface):
    found = _mentions(finder, text)
    assert (surface, "lee_jae_myung") in [(s, a) for s, a, _ in found]


@pytest.mark.parametrize(
    "text, other",
    [
        ("including Samsung Electronics chairman Jay Y. Lee, SK Group chairman Chey Tae-won", "Jay Y. Lee"),
        ("Li Min, an associate research fellow at the China Institute of International Studies, told NewsChina.", "Li Min"),
        ("The South Korean leader is also scheduled to meet Premier Li Qiang and Zhao Leji", "Premier Li Qiang"),
    ],
)
def test_look_alikes_are_not_lee(finder, text, other):
    found = _mentions(finder, text)
    assert all(a != "lee_jae_myung" for s, a, _ in found if other in s or s in other)
    assert any(s == other or s.endswith(other.split()[-1]) for s, _, _ in found)


def test_xi_mentions_and_one_mention_per_name(finder):
    found = _mentions(finder, "Chinese President Xi Jinping and his wife Peng Liyuan pose. Mr Xi told Mr Lee.")
    assert [(s, a) for s, a, _ in found] == [("President Xi Jinping", "xi_jinping"), ("Mr Xi", "xi_jinping"), ("Mr Lee", "lee_jae_myung")]


def test_name_key_unifies_spellings():
    assert name_key("Lee Jae\u2011myung") == name_key("Lee Jaemyung") == name_key("LEE JAE MYUNG")


@given(st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_mentions_inside_text_and_not_overlapping(finder, text):
    copy = matching_copy(text)
    mentions = finder.find(copy, "t")
    last = 0
    for m in mentions:
        assert 0 <= m.span.start < m.span.end <= len(text)
        assert m.span.start >= last
        last = m.span.end


def _lookbehind_spans(pattern, text):
    """The spans the pattern's documented meaning gives: the regex behind "(?<!\\w)"."""
    import re

    return [m.span() for m in re.compile(r"(?<!\w)" + pattern.regex.pattern, pattern.regex.flags).finditer(text)]


@lru_cache(maxsize=1)
def _all_patterns():
    from framing.lexicons import load_lexicons

    from .conftest import LEXICONS

    return [p for event in sorted((LEXICONS / "events").iterdir()) for p in MentionFinder(load_lexicons([event]).actors).patterns]


def test_word_start_check_matches_the_lookbehind_on_real_news():
    """The left word boundary is checked outside the regex (for speed); over the seeds and
    the PolNeAR articles, every pattern of both event lexicons finds exactly what the
    pattern with "(?<!\\w)" in front finds."""
    from framing.actors import _word_start_matches

    from .conftest import SEEDS, SHARED, need_shared

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    articles = need_shared(SHARED / "benchmarks" / "attribution" / "articles")
    texts += [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))[:150]]
    patterns = _all_patterns()
    found = 0
    for text in texts:
        copy = matching_copy(text)
        for p in patterns:
            expected = _lookbehind_spans(p, copy)
            assert [m.span() for m in _word_start_matches(p.regex, copy)] == expected, p.regex.pattern
            found += len(expected)
    assert found > 500


@given(st.lists(st.sampled_from(["Lee", "Xi", "Clinton", "Mr", "President", " ", "-", "_", "a", "9", "é", "’s", ".", "the South Korean leader"]), max_size=12))
@settings(max_examples=300, deadline=None)
def test_word_start_check_matches_the_lookbehind_on_glued_names(parts):
    """Names glued to word characters on the left ("aLee", "_Xi", "9Mr Lee") are not
    mentions, and a rejected start does not hide a real one right after it."""
    from framing.actors import _word_start_matches

    text = "".join(parts)
    for p in _all_patterns():
        assert [m.span() for m in _word_start_matches(p.regex, text)] == _lookbehind_spans(p, text)

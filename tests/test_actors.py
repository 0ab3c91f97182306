"""Mentions of lexicon actors: spelling variants, titles, descriptors, and look-alikes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.actors import MentionFinder, name_key
from framing.clean import matching_copy


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

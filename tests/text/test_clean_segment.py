"""Cleaning keeps offsets; line roles mark page furniture; sentences respect abbreviations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.clean import _MATCHING_CHARS, iter_lines, line_roles, matching_copy
from framing.text.segment import DEFAULT_ABBREVIATIONS, sentence_spans, split
from framing.types import Span


def test_matching_copy_is_length_preserving_and_unifies_variants():
    text = "Lee Jae\u2011myung said \u201cyes\u201d\u00a0and \u2018no\u2019\u200b.\r\nNext\rline"
    copy = matching_copy(text)
    assert len(copy) == len(text)
    assert copy == "Lee Jae-myung said \"yes\" and 'no' . \nNext\nline"


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_matching_copy_never_changes_length(text):
    assert len(matching_copy(text)) == len(text)


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "\x01", "\u00e9", *(c for c, _ in _MATCHING_CHARS)])))
@settings(max_examples=300, deadline=None)
def test_matching_copy_maps_each_character_on_its_own(text):
    """The replace-per-variant loop is a one-to-one character map: the same as
    ``str.translate`` with the table (a plain character is never itself a variant)."""
    expected = text.translate(str.maketrans(dict(_MATCHING_CHARS)))
    expected = re.sub(r"\r(?=\n)", " ", expected).replace("\r", "\n")
    expected = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", " ", expected)
    assert matching_copy(text) == expected


def _roles(analysis):
    text = analysis.article.text
    return {text[line.span.start : line.span.end]: line.role for line in analysis.lines}


@pytest.mark.parametrize(
    "article, line, role",
    [
        ("000_be5ff7909fb83393", "7 Min Read", "boilerplate"),
        ("000_be5ff7909fb83393", "Share this Article", "boilerplate"),
        ("000_be5ff7909fb83393", "Leave a comment", "boilerplate"),
        ("000_be5ff7909fb83393", "TAGGED: , ,", "boilerplate"),
        ("000_be5ff7909fb83393", "Admin", "byline"),
        ("000_be5ff7909fb83393", "South Korea’s Lee Jae-myung Meets China’s Xi Jinping as He Seeks to Reset Ties", "headline"),
        ("000_be5ff7909fb83393", "Historic Second Meeting and ‘Year of Restoration’", "heading"),
        ("001_e57608da54a4e3e6", "Sign up now: Get insights on Asia's fast-moving developments", "boilerplate"),
        ("001_e57608da54a4e3e6", "PHOTO: REUTERS", "boilerplate"),
        ("001_e57608da54a4e3e6", "Follow topic:", "boilerplate"),
        ("001_e57608da54a4e3e6", "Chinese President Xi Jinping and South Korean President Lee Jae Myung shake hands at the Great Hall of the People in Beijing, on Jan 5.", "caption"),
        ("001_e57608da54a4e3e6", "North Korea missile launch", "heading"),
        ("001_e57608da54a4e3e6", "“Thanks to you, I got the picture of a lifetime haha,” he added. REUTERS", "body"),
        ("002_66cc7cdec42ee4ba", "Lee Jae-Myung, Xi Jinping seek reset", "headline"),
        ("002_66cc7cdec42ee4ba", "South Korea and China agree new cooperation push in Beijing talks", "heading"),
        ("003_a643f6b069736d3a", "Leave a Reply", "boilerplate"),
        ("004_f28148b3b02c48fe", "Old Version", "boilerplate"),
        ("004_f28148b3b02c48fe", "Resetting Ties", "headline"),
        ("004_f28148b3b02c48fe", "By Yu Xiaodong Updated Mar.1", "byline"),
        ("004_f28148b3b02c48fe", "‘Full Restoration’", "heading"),
        ("004_f28148b3b02c48fe", "Print", "boilerplate"),
        ("004_f28148b3b02c48fe", "South Korean tourists visit Zhangjiajie National Forest Park, Zhangjiajie, Hunan Province, January 5, 2026 (Photo by VCG)", "caption"),
    ],
)
def test_seed_line_roles(seed_analysis, article, line, role):
    assert _roles(seed_analysis[article])[line] == role


def test_furniture_never_reaches_body_sentences(seed_analysis):
    furniture = re.compile(r"Sign up now|PHOTO: REUTERS|Follow topic|Min Read|Share this Article|Leave a (comment|Reply)|^Print$|Old Version", re.M)
    for analysis in seed_analysis.values():
        text = analysis.article.text
        for s in analysis.sentences:
            if s.role == "body":
                assert not furniture.search(text[s.span.start : s.span.end])


def test_every_seed_sentence_round_trips(seed_analysis):
    for analysis in seed_analysis.values():
        text = analysis.article.text
        previous_end = 0
        for s in analysis.sentences:
            piece = text[s.span.start : s.span.end]
            assert piece and piece == piece.strip(), piece
            assert s.span.start >= previous_end
            previous_end = s.span.end
            para = analysis.paragraphs[s.paragraph]
            assert para.span.contains(s.span)
            # No sentence is cut after an abbreviation.
            assert not re.search(r"\b(Mr|Mrs|Dr|Prof|U\.S|Jan|Mar)\.?$", piece), piece


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr Lee met Mr. Xi in the U.S. on Jan. 5 in Washington. It rained.", ["Mr Lee met Mr. Xi in the U.S. on Jan. 5 in Washington.", "It rained."]),
        ('"Is it?" she asked. "Yes."', ['"Is it?" she asked.', '"Yes."']),
        ("Dr. Smith, of the U.K., spoke. Prof. Jones replied.", ["Dr. Smith, of the U.K., spoke.", "Prof. Jones replied."]),
        ("The deal passed in the U.S. The president signed it.", ["The deal passed in the U.S.", "The president signed it."]),
    ],
)
def test_sentence_splitting(text, expected):
    spans = sentence_spans(text, Span(0, len(text)), DEFAULT_ABBREVIATIONS, ("the",))
    assert [text[s.start : s.end] for s in spans] == expected


def test_seed_sentences_keep_names_and_abbreviations_whole(seed_analysis):
    text = seed_analysis["001_e57608da54a4e3e6"].article.text
    sentences = [text[s.span.start : s.span.end] for s in seed_analysis["001_e57608da54a4e3e6"].sentences]
    assert any(s.startswith("“This summit will be") and s.endswith("Mr Lee said.") for s in sentences)
    text0 = seed_analysis["000_be5ff7909fb83393"].article.text
    sentences0 = [text0[s.span.start : s.span.end] for s in seed_analysis["000_be5ff7909fb83393"].sentences]
    assert any("the recent U.S. military operation in Venezuela" in s for s in sentences0)


@given(st.lists(st.sampled_from(["a", "b", " ", ".", "?", "!", '"', "'", "\n", "\u201c", "\u201d", "Mr. ", "U.S. ", "he said. "]), max_size=80).map("".join))
@settings(max_examples=150, deadline=None)
def test_split_spans_are_inside_and_ordered(text):
    paragraphs, sentences = split(text)
    last = 0
    for s in sentences:
        assert 0 <= s.span.start < s.span.end <= len(text)
        assert s.span.start >= last
        last = s.span.end
        assert paragraphs[s.paragraph].span.contains(s.span)


def test_lines_and_roles_on_odd_text():
    assert iter_lines("") == [] and line_roles("") == ()
    roles = line_roles("\n\n  \t\n")
    assert roles == ()
    (only,) = line_roles('""""""""')
    assert only.span == Span(0, 8)

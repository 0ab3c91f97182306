"""Tests for framing/text/tokens.py: the word tokens, the ``*`` rule and the verb forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicons.liwc import parse_dic
from framing.text.clean import line_roles
from framing.text.tokens import (
    ATTRIBUTION_TOKEN_RE,
    BODY_WORD_RE,
    CAPITALISED_WORD_RE,
    FIRST_WORD_RE,
    NAME_WORD_RE,
    count_tokens,
    is_word_char,
    merge_spans,
    star_problem,
    star_split,
    term_tokens,
    term_words,
    verb_forms,
)
from framing.topics import TopicMatcher, parse_topic_lexicon
from framing.types import Sentence, Span

# --------------------------------------------------------------------------------------------
# Body words
# --------------------------------------------------------------------------------------------


def test_body_words_join_hyphens_and_apostrophes_straight_or_curly() -> None:
    text = "Non-nuclear talks aren't over: the co-op’s 2 plans for 2026, pre- and post-war."
    assert BODY_WORD_RE.findall(text) == [
        "Non-nuclear", "talks", "aren't", "over", "the", "co-op’s", "2", "plans", "for", "2026", "pre", "and", "post-war",
    ]  # fmt: skip
    assert count_tokens(text) == 13


def test_count_tokens_inside_spans_counts_overlaps_once() -> None:
    text = "Rock'n'roll bands toured; well-known fans cheered."
    assert count_tokens(text, [Span(0, 17)]) == 2  # "Rock'n'roll", "bands"
    assert count_tokens(text, [Span(0, 17), Span(12, 17), Span(26, 50)]) == 5
    assert count_tokens(text, [Sentence("a", 0, Span(26, 50), 0, "body")]) == 3
    assert count_tokens(text, []) == 0 and count_tokens("") == 0 and count_tokens(" -- ! ") == 0


def test_merge_spans_clips_sorts_and_merges() -> None:
    assert merge_spans([Span(8, 12), Span(0, 3), Span(2, 5), Span(5, 6), Span(7, 7), Span(20, 30)], 25) == [(0, 6), (8, 12), (20, 25)]


def test_headings_count_words_as_the_body_does() -> None:
    # A short unpunctuated line after the body: at most 4 words is page furniture, more is a
    # heading; "co-op’s" and "well-known" are one word each.
    text = "Title\nThe co-op said it would grow.\nThe co-op’s well-known stall\nRead more about the co-op's plans today"
    roles = [line.role for line in line_roles(text, title="Title")]
    assert roles == ["headline", "body", "boilerplate", "heading"]


# --------------------------------------------------------------------------------------------
# Term words (distinctive words)
# --------------------------------------------------------------------------------------------


def test_term_tokens_lower_case_letters_only() -> None:
    text = "The co-op’s 3 new Non-Nuclear plans, voters' B-52 and x in 2026."
    assert term_tokens(text, frozenset({"the", "and", "in"})) == ["co-op's", "new", "non-nuclear", "plans", "voters"]
    # digits split a word and never make one; a trailing hyphen or apostrophe is not kept
    assert term_words("covid19 G7 pre- voters' rock'n'roll") == ["covid", "g", "pre", "voters", "rock'n'roll"]


# --------------------------------------------------------------------------------------------
# Attribution tokens, name words, first words
# --------------------------------------------------------------------------------------------


def test_attribution_tokens_keep_initials_ampersands_and_marks() -> None:
    text = "U.S. officials said AT&T's deal ''failed,'' Lee-Kim noted."
    assert ATTRIBUTION_TOKEN_RE.findall(text) == [
        "U.S.", "officials", "said", "AT&T's", "deal", "''", "failed", ",", "''", "Lee-Kim", "noted", ".",
    ]  # fmt: skip


def test_name_words_are_not_joined() -> None:
    assert NAME_WORD_RE.findall("of-the Kim’s 2nd") == ["of", "the", "Kim", "s", "2nd"]


def test_first_word_of_a_piece() -> None:
    assert FIRST_WORD_RE.match('"(Anna-Marie\'s team said').group(1) == "Anna-Marie's"
    assert FIRST_WORD_RE.match("42 said") is None


def test_capitalised_word() -> None:
    assert all(CAPITALISED_WORD_RE.fullmatch(w) for w in ("O'Neill", "Jae-in", "Lee", "G7"))
    assert not any(CAPITALISED_WORD_RE.fullmatch(w) for w in ("lee", "Lee Kim", "Lee.", "’Lee"))


def test_word_char() -> None:
    assert is_word_char("a") and is_word_char("7") and is_word_char("_") and is_word_char("é")
    assert not is_word_char("-") and not is_word_char("'") and not is_word_char("’") and not is_word_char(" ")


# --------------------------------------------------------------------------------------------
# The * rule
# --------------------------------------------------------------------------------------------


def test_star_split_and_problems() -> None:
    assert star_split("militaris*") == ("militaris", True)
    assert star_split("tariffs") == ("tariffs", False)
    assert star_problem("tariff*") is None and star_problem("tariffs") is None
    assert star_problem("ha*ppy") == "inner"
    assert star_problem("**") == "inner"
    assert star_problem("ha*") == "short"
    assert star_problem("ab-*") == "after_non_word"
    assert star_problem("*") == "after_non_word"


def _topic(*terms: str):
    return parse_topic_lexicon({"kind": "topic", "id": "t", "label": "T", "version": "1", "terms": list(terms)}, "t.toml")


def test_star_term_matches_inflected_words_only_from_a_word_start() -> None:
    matcher = TopicMatcher([_topic("war*", "sanction")])
    text = "Wars and warring sides; postwar software; sanctions, sanction-busting."
    found = [text[h.span.start : h.span.end] for h in matcher.find(text, "a")]
    # "war*" takes the inflected "Wars" and "warring", never the longer words that only
    # contain it (postwar, software); "sanction" without "*" is not "sanctions", and no
    # match runs across a hyphen.
    assert found == ["Wars", "warring", "sanction"]


def test_star_rule_messages_of_both_lexicon_formats() -> None:
    with pytest.raises(LexiconError, match=r"t\.toml: terms: 'ha\*ppy': '\*' is allowed only at the very end of a term"):
        _topic("ha*ppy")
    with pytest.raises(LexiconError, match=r"t\.toml: terms: 'ha\*': at least 3 characters must come before '\*'"):
        _topic("ha*")
    with pytest.raises(LexiconError, match=r"t\.toml: terms: '\*\*' has no letter or digit"):
        _topic("**")
    dic = "%\n1\tposemo\n%\n"
    with pytest.raises(LexiconError, match=r"x\.dic:4: entry 'ab-\*': '\*' must directly follow a letter or digit"):
        parse_dic(dic + "ab-*\t1\n", "x.dic")
    # a .dic reports a misplaced '*' before a missing letter or digit, as it always has
    with pytest.raises(LexiconError, match=r"x\.dic:4: entry '\*\*': '\*' is allowed only at the end of a word"):
        parse_dic(dic + "**\t1\n", "x.dic")
    with pytest.raises(LexiconError, match=r"x\.dic:4: entry '\.\*' has no letter or digit"):
        parse_dic(dic + ".*\t1\n", "x.dic")


# --------------------------------------------------------------------------------------------
# Verb forms
# --------------------------------------------------------------------------------------------


def test_verb_forms_by_the_attribution_rule() -> None:
    assert verb_forms("deny") == ("deny", "denies", "denied", "denying")
    assert verb_forms("stress") == ("stress", "stresses", "stressed", "stressing")
    assert verb_forms("argue") == ("argue", "argues", "argued", "arguing")
    assert verb_forms("lie") == ("lie", "lies", "lied", "lying")
    assert verb_forms("see")[-1] == "seeing"
    assert verb_forms("echo")[1] == "echoes"
    assert verb_forms("call for") == ("call for", "calls for", "called for", "calling for")
    assert verb_forms("say so", {"say": ("says", "said", "saying")}) == ("say so", "says so", "said so", "saying so")


def _simple_rule(lemma: str) -> set[str]:
    """The rule the shipped tone model's cue words were inflected by when it was fitted."""
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def test_tone_cue_verbs_get_the_forms_the_model_was_fitted_with() -> None:
    model = Path(__file__).resolve().parents[2] / "framing" / "data" / "tone_model.json"
    verbs = json.loads(model.read_text(encoding="utf-8"))["cues"]["verbs"]
    for name, lemmas in verbs.items():
        if not name.endswith("_forms"):
            for lemma in lemmas:
                assert set(verb_forms(lemma)) == _simple_rule(lemma), lemma

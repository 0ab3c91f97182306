"""Tone toward an actor: built from the sentences about them (a name, a description or a
pronoun standing for them), their own quotes left out, the words of others about them kept.
Each article is written for the case, with an invented actors lexicon."""

from __future__ import annotations

import pytest

from framing.lexicons import load_lexicons
from framing.pipeline import Analyzer
from framing.types import Article

ACTORS = """kind = "actors"
id = "harbour_test"
label = "Harbour strike"
version = "1.0"
description = "Invented actors for the tone tests."

[[actor]]
id = "ada_moss"
name = "Ada Moss"
surname = "Moss"
gender = "female"
type = "other"

[[actor]]
id = "tom_reyes"
name = "Tom Reyes"
surname = "Reyes"
gender = "male"
type = "government"
"""


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lex")
    (folder / "harbour.toml").write_text(ACTORS, encoding="utf-8")
    return Analyzer(load_lexicons([folder / "harbour.toml"]))


def about(analyzer, text: str) -> list[tuple[str, str, float]]:
    a = analyzer.analyze_article(Article("t", "Valley Post", "Strike", "Strike\n\n" + text))
    return [(t.actor_id, a.article.text[t.span.start : t.span.end], t.compound) for t in a.about]


def test_the_words_of_others_count_and_the_actors_own_do_not(analyzer):
    got = about(analyzer, "Critics accused Tom Reyes of lying to the port workers.\n\n"
                          '"We are proud of this deal, it is a wonderful day," Reyes said.\n')
    assert [(actor, words) for actor, words, _ in got] == [("tom_reyes", "Tom Reyes")]  # "Reyes said" is his voice
    assert got[0][2] < -0.05
    praised = about(analyzer, "The union praised Ada Moss for her courage and her honest leadership.\n")
    assert praised[0][:2] == ("ada_moss", "Ada Moss") and praised[0][2] > 0.05


def test_a_pronoun_that_can_stand_for_one_person_only_makes_the_sentence_about_them(analyzer):
    text = ("Ada Moss led the strike on Monday.\n\n"
            "Dock owners accused her of sabotage and called her reckless.\n\n"
            "Tom Reyes met Ada Moss later. He praised the talks.\n")
    got = about(analyzer, text)
    assert ("ada_moss", "her") in [(a, w) for a, w, _ in got]
    pronoun = next(v for a, w, v in got if w == "her")
    assert pronoun < -0.05
    # "He" after a sentence naming Tom Reyes and Ada Moss: only one man, so Reyes
    assert ("tom_reyes", "He") in [(a, w) for a, w, _ in got]


def test_an_ambiguous_pronoun_links_to_no_one(analyzer):
    text = "Ada Moss met Tom Reyes and Joe Park, a dock owner. He was furious about the strike.\n"
    got = about(analyzer, text)
    assert all(w != "He" for _, w, _ in got)  # Joe Park, of unknown gender, may be "he"

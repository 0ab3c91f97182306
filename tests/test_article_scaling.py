"""What the indexes behind a long article's analysis must keep: the same speakers, the same
about-tones, the same mentions as the scans they replaced (speed itself is measured by
benchmarks/article_scaling.py, never by a timed test), and no lexicon name can make the
mention finder loop forever."""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.actors import MentionFinder, _word_start_matches
from framing.measures.tone import _blanked, about_tones


def _masked(text, start, end, quote_spans):
    """The plain definition ``_blanked`` must agree with: text[start:end] with the quoted
    spans inside it blanked out, same length."""
    out = text[start:end]
    for qs, qe in quote_spans:
        a, b = max(qs, start), min(qe, end)
        if a < b:
            out = out[: a - start] + " " * (b - a) + out[b - start :]
    return out
from framing.text.clean import matching_copy
from framing.lexicons import ActorsLexicon, load_lexicons
from framing.pipeline import Analyzer
from framing.sentiment import polarity, tone_toward
from framing.types import Actor, Article

from .conftest import REPO

_SYLLABLES = "ba bel cor dan fen gor hal jor kel lam mor nel pra ros sel tam vor wen".split()


def _people(n: int, seed: int) -> list[tuple[str, str, str]]:
    """``n`` invented (first name, surname, gender) with distinct first names and surnames."""
    rng = random.Random(seed)
    out, firsts, lasts = [], set(), set()
    while len(out) < n:
        first = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()
        last = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
        if first in firsts or last in lasts or first in lasts or last in firsts:
            continue
        firsts.add(first)
        lasts.add(last)
        out.append((first, last, rng.choice(("male", "female"))))
    return out


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(load_lexicons())


def _speakers(analysis):
    text = analysis.article.text
    return [(text[q.span.start : q.span.end], q.speaker_id) for q in analysis.quotes]


def test_many_quotes_each_get_their_speaker(analyzer):
    """Sixty people introduced by full name, then quoted again by surname ("Doe said") after
    many others, and by pronoun right after their own quote: every quote's speaker is right."""
    people = _people(60, 1)
    rng = random.Random(2)
    lines, expected = [], []
    for n, (first, last, _) in enumerate(people):
        lines.append(f'"We will keep talking number {n}," {first} {last} said on Monday.')
        expected.append((f"We will keep talking number {n}", f"person_{first.lower()}_{last.lower()}"))
    for n in range(300):
        first, last, gender = people[rng.randrange(len(people))]
        pid = f"person_{first.lower()}_{last.lower()}"
        lines.append(f'"The plan is sound, part {n}," {last} said.')
        expected.append((f"The plan is sound, part {n}", pid))
        if n % 3 == 0:
            lines.append(f'"It will work, part {n}," {"he" if gender == "male" else "she"} added.')
            expected.append((f"It will work, part {n}", pid))
        if n % 5 == 0:
            lines.append("The meeting ended late in the evening.")
    article = Article(id="many", outlet="Daily", title="Talks go on", text="Talks go on\n" + "\n".join(lines) + "\n")
    analysis = analyzer.analyze_article(article)
    assert _speakers(analysis) == expected
    assert {a.id for a in analysis.speakers} == {f"person_{f.lower()}_{s.lower()}" for f, s, _ in people}


def test_a_short_form_goes_to_the_person_named_last_before_it(analyzer):
    text = (
        "Talks\n"
        '"One," Jane Doe said.\n'
        '"Two," Doe said.\n'
        '"Three," John Doe said.\n'
        '"Four," Doe said.\n'
        '"Five," Jane Doe said.\n'
        '"Six," Doe said.\n'
    )
    analysis = analyzer.analyze_article(Article(id="doe", outlet="x", title="Talks", text=text))
    assert [s for _, s in _speakers(analysis)] == [
        "person_jane_doe", "person_jane_doe", "person_john_doe", "person_john_doe", "person_jane_doe", "person_jane_doe",
    ]


def test_a_shared_lexicon_surname_goes_to_the_first_actor_then_to_the_latest(seed_lexicons):
    """Two lexicon actors share "Lee": the surname alone is no mention, so "Lee said" is a
    short form, first of the first such actor, later of the one named last."""
    actors = (
        Actor("kim_lee", "Kim Lee", surname="Lee", gender="male", type="government", lexicon="t"),
        Actor("jo_lee", "Jo Lee", surname="Lee", gender="female", type="expert", lexicon="t"),
    )
    lexicons = replace(seed_lexicons, actor_lexicons=(ActorsLexicon("t", "t", actors),))
    text = 'Talks\n"One," Lee said.\n"Two," Jo Lee said.\n"Three," Lee said.\n"Four," Kim Lee said.\n"Five," Lee said.\n'
    analysis = Analyzer(lexicons).analyze_article(Article(id="lee", outlet="x", title="Talks", text=text))
    assert [s for _, s in _speakers(analysis)] == ["kim_lee", "jo_lee", "jo_lee", "kim_lee", "kim_lee"]


def test_a_relative_pronoun_and_an_honorific_antecedent(analyzer):
    text = (
        "Talks\n"
        "In Geneva on Monday, Omar Haddad, who said the deal was bad, left early.\n"
        "Mr Haddad spoke last. The hall emptied. He added that the vote would fail.\n"
        '"It is done," she said.\n'
    )
    analysis = analyzer.analyze_article(Article(id="rel", outlet="x", title="Talks", text=text))
    speakers = [s for _, s in _speakers(analysis)]
    # "who" is the name before it; "He" is the "Mr Haddad" of a later sentence than the
    # trail's Omar Haddad (the honorific gives the gender); "she" has only Omar Haddad in reach
    assert speakers == ["person_omar_haddad", "person_haddad", "person_omar_haddad"]


# -- about tones: the indexed computation against the quadratic one it replaced ---------


def _about_reference(article_id, text, sentences, mentions, quotes, sentence_scores):
    """``about_tones`` the slow way: every quote walked for every sentence and mention. The
    actor's own quotes are blanked and a mention inside one, or naming the actor as a
    quote's speaker, is not scored; the quotes of others stay."""
    out = []
    for s in sentences:
        if s.role != "body":
            continue
        seen = set()
        for m in sorted(mentions, key=lambda m: m.span.start):
            if m.actor_id in seen or not s.span.contains(m.span):
                continue
            own = [(q.span.start, q.span.end) for q in quotes if q.speaker_id == m.actor_id]
            if any(q.speaker_id == m.actor_id and q.speaker_span is not None and q.speaker_span.start == m.span.start for q in quotes):
                continue
            if any(qs <= m.span.start and m.span.end <= qe for qs, qe in own):
                continue
            seen.add(m.actor_id)
            masked = _masked(text, s.span.start, s.span.end, own)
            has_quote = any(qs < s.span.end and qe > s.span.start for qs, qe in own)
            scores = polarity(masked) if has_quote or s.index not in sentence_scores else sentence_scores[s.index]
            out.append((s.index, m.actor_id, m.span, tone_toward(masked, m.span.start - s.span.start, m.span.end - s.span.start, sentence_scores=scores)))
    return out


def _check_about(analyzer, analysis):
    scores = {t.sentence_index: {"compound": t.compound, "pos": t.pos, "neu": t.neu, "neg": t.neg} for t in analysis.tones}
    # the mentions the pipeline gives it: every mention and the pronouns standing for one person
    mentions = analyzer.about_mentions(analysis.article, analysis.sentences, list(analysis.mentions), analysis.quotes, analysis.speakers)
    args = (analysis.article.id, analysis.article.text, analysis.sentences, mentions, analysis.quotes, scores)
    got = [(t.sentence_index, t.actor_id, t.span, t.compound) for t in about_tones(*args)]
    assert got == [(t.sentence_index, t.actor_id, t.span, t.compound) for t in analysis.about]
    assert got == _about_reference(*args)
    return got


def test_about_tones_equal_the_quadratic_computation_on_the_seeds(seeds_corpus, seed_lexicons):
    analyzer = Analyzer(seed_lexicons)
    assert sum(len(_check_about(analyzer, analyzer.analyze_article(a))) for a in seeds_corpus.articles[:3]) > 20


def test_about_tones_equal_the_quadratic_computation_with_quotes_around_mentions(seed_lexicons):
    text = (
        "Lee meets Xi\n"
        'Lee Jae-myung said "Xi Jinping is a friend" and Xi Jinping smiled, a good sign for Lee.\n'
        '"We trust Lee," Xi said, while Lee called the "Xi era" a chance.\n'
        "Xi Jinping praised Lee Jae-myung. Lee thanked Xi, who said the ties were strong.\n"
        "Critics said Lee was naive about Xi.\n"
    )
    analyzer = Analyzer(seed_lexicons)
    analysis = analyzer.analyze_article(Article(id="ab", outlet="x", title="Lee meets Xi", text=text))
    assert len(_check_about(analyzer, analysis)) >= 5


@given(
    st.text(alphabet="ab \n", min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)).map(sorted).map(tuple), max_size=6),
    st.integers(0, 40),
    st.integers(0, 40),
)
@settings(max_examples=300, deadline=None)
def test_the_blanked_text_slices_to_the_masked_sentence(text, spans, a, b):
    """Overlapping, nested, empty and out-of-range quote spans: a slice of the text blanked
    once is the sentence blanked quote by quote."""
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    blanked = _blanked(text, spans)
    assert len(blanked) == len(text)
    assert blanked[start:end] == _masked(text, start, end, spans)


# -- mentions: the needle index, and no lexicon name that loops forever -------------------


def _many_actors(n: int) -> list[Actor]:
    actors = []
    for i, (first, last, gender) in enumerate(_people(n, 7)):
        actors.append(
            Actor(
                f"actor_{i}", f"{first} {last}", aliases=(f"{first[0]}. {last}",), surname=last, titles=("Minister", "Dr."),
                descriptors=(f"the {last.lower()} envoy",), gender=gender,  # type: ignore[arg-type]
            )
        )
    return actors


def test_the_needle_index_scans_the_patterns_a_scan_of_every_needle_would(monkeypatch):
    import framing.actors as actors_module

    lexicon = _many_actors(400)
    finder = MentionFinder(lexicon)
    assert len(finder._by_needle) >= actors_module._INDEX_NEEDLES  # the index is in use
    rng = random.Random(3)
    picked = rng.sample(lexicon, 40)
    text = " ".join(
        rng.choice([f"{a.name} spoke.", f"Minister {a.surname} left.", f"Dr. {a.name} said so.", f"The {a.surname.lower()} envoy came.", f"{a.surname}s and x{a.surname.lower()}y met."])
        for a in picked
    ) + " Nobody else came, Mr Smith said."
    copy = matching_copy(text)
    lowered = copy.lower()
    by_scan = [order for order, p in enumerate(finder.patterns) if not p.needles or any(n in lowered for n in p.needles)]
    assert finder._scanned(lowered) == by_scan
    found = finder.find(copy, "t")
    monkeypatch.setattr(actors_module, "_INDEX_NEEDLES", 10**9)  # every needle tested, as before
    assert MentionFinder(lexicon).find(copy, "t") == found
    assert len({m.actor_id for m in found}) >= 25  # most sentences name their actor


def test_word_start_matches_ends_on_patterns_that_match_the_empty_string():
    import re

    for pattern in (r"(?!\w)", r"(?:Lee)?(?!\w)", r"", r"\s*"):
        for text in ("", "Lee", "Lee said, Lee ", "a Lee, b", " - "):
            expected = [m.span() for m in re.compile(r"(?<!\w)" + pattern).finditer(text)]
            assert [m.span() for m in _word_start_matches(re.compile(pattern), text)] == expected


def test_an_alias_that_could_match_the_empty_string_does_not_hang_the_finder():
    """Actors built directly (no lexicon validation) with names that have no part: finding
    mentions ends, in a child process given a time limit, and finds the real names."""
    code = (
        "from framing.actors import MentionFinder\n"
        "from framing.types import Actor\n"
        "for empty in ('', ' ', '-', ' - '):\n"
        "    actor = Actor('jane_doe', 'Jane Doe', aliases=(empty,), surname='Doe', titles=('Ms', ''),\n"
        "                  descriptors=(empty,), not_aliases=(empty,))\n"
        "    found = MentionFinder([actor, Actor('nobody', empty)]).find('Jane Doe spoke, Ms Doe left. ', 'a')\n"
        "    assert [(m.span.start, m.span.end) for m in found] == [(0, 8), (16, 22)], found\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# -- quotes: a carried channel reaches six paragraphs, whatever came before ---------------


def test_a_carried_channel_reaches_six_paragraphs_after_many_carried_channels(analyzer):
    lines = [f"In comments reported by TASS, Minister Ivan Petrov{n} said the talks would go on." for n in range(40)]
    lines.append("In comments reported by TASS, Minister Oleg Sorokin said the talks would go on.")
    for n in range(9):
        lines.append(f'"We will keep talking, part {n}," Sorokin said.')
    text = "Talks\n" + "\n".join(lines) + "\n"
    analysis = analyzer.analyze_article(Article(id="tass", outlet="x", title="Talks", text=text))
    channels = [q.channel for q in analysis.quotes if analysis.article.text[q.span.start : q.span.end].startswith("We will keep talking")]
    assert channels == ["TASS"] * 6 + [""] * 3

"""A speaker mention read as a phrase: ``speaker_phrase`` cleans what the extractor cut
(a leading verb, a trailing "who", a place after a name), says whether it names someone
who can speak, and splits a titled name from its role ("New York City Mayor Michael
Bloomberg"); ``role_words`` are the words a role gives a person, for the descriptions that
refer back to them. The words it reads are the attribution lexicon's (``SpeakerWords``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["NO_SPEAKER", "SpeakerWords", "role_words", "speaker_phrase", "speaker_words"]


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    """The words ``speaker_phrase`` reads, from the attribution lexicon."""

    titles: frozenset[str] = frozenset()  # titles and honorifics, lower case, no period
    determiners: frozenset[str] = frozenset()
    boundaries: frozenset[str] = frozenset()  # prepositions and conjunctions
    verb_forms: frozenset[str] = frozenset()  # the inflected cue verb forms ("added", "says"; not "state")
    standalone: frozenset[str] = frozenset()  # determiners that stand for their noun ("The two said")
    relative: frozenset[str] = frozenset()  # "who", "which"
    place_prepositions: frozenset[str] = frozenset()
    # words no person's name starts with (lower case): determiners, prepositions and
    # conjunctions, pronouns, time words ("Yesterday he said" names no one) and the words
    # that open place names ("New", "North", "United", "White" House), inflected cue verbs
    not_name_start: frozenset[str] = frozenset()
    # abbreviation -> the role words it stands for ("gov" -> governor)
    abbreviations: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the word after a determiner that makes a description a person's ("the 34-year-old")
    person_descriptions: re.Pattern[str] | None = None


#: What ``SpeakerResolver.resolve`` gives for a mention that names a source but no one who
#: can speak ("the report said", "the strike said"): no id, no name, no type.
NO_SPEAKER = ("", "", "")


def speaker_words(rules, relative_pronouns: frozenset[str], function_words: frozenset[str] = frozenset()) -> SpeakerWords:
    """The ``SpeakerWords`` of an attribution lexicon (``AttributionRules``), with the
    language lexicon's relative pronouns and function words."""
    return SpeakerWords(
        titles=frozenset(rules.titles | rules.honorifics),
        determiners=rules.determiners,
        boundaries=rules.boundaries,
        verb_forms=frozenset(f for f, (lemma, _) in rules.forms.items() if f != lemma and " " not in f),
        standalone=rules.standalone,
        relative=frozenset(w.casefold() for w in relative_pronouns),
        place_prepositions=rules.place_prepositions,
        # an inflected cue verb opens a clause, not a name ("Asked why, the mayor replied")
        not_name_start=frozenset(rules.determiners | rules.boundaries | rules.pronoun_set | rules.time_words | rules.place_name_starts | function_words | {f for f, (lemma, _) in rules.forms.items() if f != lemma and " " not in f}),
        abbreviations=rules.title_abbreviations,
        person_descriptions=rules.person_descriptions,
    )


_NUMBER_OR_CODE = re.compile(r"[\d][\d,./:-]*|[A-Z]{1,2}-[A-Z][\w.]*|[A-Z][a-z]{1,4}\.|[^A-Za-z]*")


def speaker_phrase(words: str, lexicon: SpeakerWords, role_cue: Callable[[str], bool]) -> tuple[str, str] | None:
    """(name, role) of a speaker mention as the extractor cut it; ("", "") for a source
    that names no one who can speak, None for no source at all. A speaker is a person, a group of people, an organisation or a place
    standing for its government; never a number or a code ("R-Ky.", "2018": None), nor a
    phrase with a common noun at its head that no role cue of the lexicon names ("the
    report", "the strike", "These agreements": ("", ""), kept as the quote's source words). The mention is first cleaned of what the cut caught around
    it: text before a paragraph break, a trailing "who", "-ly" adverb or reflexive ("Trump
    himself"), words before the noun phrase ("at odds with Mr. Romney"), a leading verb
    ("Added Gibbs"), and a place after a name ("Bernie Sanders of Vermont"). A capitalised
    name after role words is split from them: "New York City Mayor Michael Bloomberg" is
    Michael Bloomberg, with the role "New York City Mayor"."""
    text = words.rsplit("\n", 1)[-1].strip(" ,;:")
    toks = text.split()
    while toks and toks[-1].islower() and (toks[-1] in lexicon.relative or toks[-1].endswith(("ly", "self", "selves"))):
        toks.pop()
    while toks and toks[0].lower() in lexicon.verb_forms and len(toks) > 1:
        toks.pop(0)  # "Added Gibbs"
    if toks and toks[0].islower() and toks[0] not in lexicon.determiners:
        cut = max((k for k, t in enumerate(toks) if t in lexicon.boundaries or t in lexicon.verb_forms), default=-1)
        junk_start = toks[0] in lexicon.boundaries or toks[0] in lexicon.verb_forms or toks[0].endswith("ed")
        if cut >= 0 and (junk_start or not toks[0].endswith("s")):
            toks = toks[cut + 1 :]  # but "advisers to Mr. Obama" is the advisers
        elif junk_start:
            caps = next((k for k, t in enumerate(toks) if t[:1].isupper()), None)
            if caps is not None and all(t[:1].isupper() or t in ".-" for t in toks[caps:]):
                toks = toks[caps:]  # "picked former Representative Barney Frank"
    if " of " in f" {' '.join(toks)} ":
        k = toks.index("of")
        before = toks[:k]
        if len(before) >= 2 and all(t[:1].isupper() for t in before) and not role_cue(" ".join(before)) and all(t[:1].isupper() for t in toks[k + 1 :]):
            toks = before  # "Bernie Sanders of Vermont": the place is where he is from
    if not toks:
        return None
    text = " ".join(toks)
    if _NUMBER_OR_CODE.fullmatch(text):
        return None
    head = toks[-1]
    if not head[:1].isupper() and not role_cue(text) and not (len(toks) <= 2 and head in lexicon.standalone):
        return "", ""  # a common noun at its head that no role cue names: a source, no speaker
    # a capitalised name after role words: split them
    k = len(toks)
    while k > 0 and (toks[k - 1][:1].isupper() or len(toks[k - 1]) == 2 and toks[k - 1].endswith(".")) and toks[k - 1].lower().rstrip(".") not in lexicon.titles:
        k -= 1
    lead = [t.lower() for t in toks[:k]]
    if any(t in lexicon.boundaries for t in lead) and toks[0].islower():
        return text, ""  # "advisers to Mr. Obama": the head is the advisers, not the name
    if lead and lead[-1] in lexicon.boundaries:
        # "The mayor of Halvik", "Officials in Vienna": the name is the object of the
        # preposition, not the speaker; the head speaks if a role cue names it ("Markets in
        # Varnby welcomed" names no one who speaks)
        return (text, "") if role_cue(" ".join(toks[: k - 1])) else ("", "")
    # "Many South Koreans": a quantifier opens a group's name, not a role before a name
    # "The United Nations Security Council": the capitalised words after the title word are
    # an institution a role cue names, not a person's name split from a title
    if 0 < k < len(toks) and not role_cue(" ".join(toks[k:])) and lead[0] not in lexicon.standalone and not lead[-1].endswith("'s") and not all(t in lexicon.determiners or t in lexicon.standalone for t in lead) and (len(toks) - k >= 2 or toks[k - 1].lower().rstrip(".") in lexicon.titles or role_cue(" ".join(toks[:k]))):
        return " ".join(toks[k:]), " ".join(toks[:k])
    return text, ""


def role_words(role: str, lexicon: SpeakerWords) -> frozenset[str]:
    """The lower-case words of a role ("Texas Gov." -> texas, gov, governor), abbreviations
    spelled out from the lexicon, function words left out."""
    out: set[str] = set()
    for w in re.findall(r"[A-Za-z][\w-]*", role):
        low = w.lower()
        if low in lexicon.determiners or low in lexicon.boundaries:
            continue
        out.add(low)
        out.update(lexicon.abbreviations.get(low, ()))
    return frozenset(out)

"""Pronoun antecedents for ``SpeakerResolver``: the nearest compatible person or
institution, sentence by sentence backwards, preferring a quote's speaker and then the
sentence's first mention (a Hobbs-style preference for subjects that suits news prose,
where "he added" continues the last speaker; Lappin & Leass 1994 rank objects of
prepositions lowest), with the names of the text as a fallback when no lexicon covers it."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..types import Span
from .person import _HONORIFIC_NAME, _PERSON_NAME, _THE, _TITLE_PREFIX, Person, _honorific_gender


#: What stands between a statement's subject and the pronoun of an attribution wrapped in
#: the statement ("The museum, he said, would …"): a comma.
_WRAPPED = re.compile(r"[\w'’\- ]*,\s*")


class _Antecedents:
    """The antecedent methods of ``SpeakerResolver`` (a mixin: they read its trail,
    people and names)."""

    def _antecedent(self, pos: int, gender: str, previous_speaker: str | None) -> str | None:
        """The nearest compatible antecedent, sentence by sentence backwards."""
        current = self._sentence_of(pos)
        # The trail kept by sentence: only the sentences in reach are looked at, not the
        # whole trail per pronoun. In order, everything before ``pos`` is in ``current`` or
        # an earlier sentence, so the seven sentences up to it are all there is to read.
        by_sentence = self._trail_by_sentence
        for s in range(current, current - 7, -1) if self._ordered else sorted(by_sentence, reverse=True):
            entries = sorted(e for e in by_sentence.get(s, ()) if e[0] < pos)
            if s == current:
                # "Of Obama, he said": a name after a preposition in the pronoun's own clause
                # is what the speaker talks about, not the speaker (the subject is preferred;
                # Lappin & Leass 1994 rank objects of prepositions lowest)
                entries = [e for e in entries if not self._after_preposition(e[0])]
            if not entries:
                continue
            if current - s > 6:
                break
            compatible = [e for e in entries if self._compatible(self.person(e[1]), gender)]
            if not compatible:
                continue
            honored = self._honorific_antecedent(pos, gender, s) if s < current else None
            if honored is not None:
                return honored
            speakers = [e for e in compatible if e[2]]
            if speakers:
                return speakers[-1][1]
            return compatible[0][1]
        if previous_speaker and self._compatible(self.person(previous_speaker), gender):
            return previous_speaker
        return self._name_antecedent(pos, gender, current)

    def _name_antecedent(self, pos: int, gender: str, current: int) -> str | None:
        """Fallback for a text no lexicon covers: the nearest person-like name before the
        pronoun (preferring the first in its sentence), registered as a speaker."""
        if gender in ("group", "thing"):
            return None  # a capitalised name is a person's: no group nor thing
        if gender == "person":
            gender = "unknown"  # a name of either gender: no honorific rules it out
        names = self._names()
        if self._ordered:
            # The names end in text order and their sentences follow it: those ending by
            # ``pos`` are a prefix, and its last sentences are runs at its end (one bisect
            # each), so a pronoun reads the names of four sentences, not all of them.
            if self._name_index is None:
                self._name_index = ([m.end() for m in names], [self._sentence_of(m.start()) for m in names])
            ends, sentences = self._name_index
            groups: list[tuple[int, list[re.Match[str]]]] = []
            hi = bisect.bisect_right(ends, pos)
            while hi > 0 and current - sentences[hi - 1] <= 3:
                lo = bisect.bisect_left(sentences, sentences[hi - 1], 0, hi)
                groups.append((sentences[hi - 1], names[lo:hi]))
                hi = lo
        else:
            by_sentence: dict[int, list[re.Match[str]]] = {}
            for m in names:
                if m.end() <= pos:
                    by_sentence.setdefault(self._sentence_of(m.start()), []).append(m)
            groups = [(s, by_sentence[s]) for s in sorted(by_sentence, reverse=True)]
        for s, group in groups:
            if current - s > 3:
                break
            for m in group:
                hint = _honorific_gender(m.group(1))
                if hint not in (gender, "unknown"):
                    continue
                if _WRAPPED.fullmatch(self.copy, m.end(), pos):
                    continue  # "African-Americans, he said, can …": the statement's subject, not its speaker
                name = _TITLE_PREFIX.sub("", m.group(2)) or m.group(2)  # "Senator Ann Reid" is Ann Reid, as a cue's subject is
                person_id, _, _ = self._register(name, Span(m.end(2) - len(name), m.end(2)), mention=False)
                if hint != "unknown" and self.people[person_id].gender == "unknown":
                    self.people[person_id] = replace(self.people[person_id], gender=hint)
                return person_id
        return None

    def _honorific_antecedent(self, pos: int, gender: str, after_sentence: int) -> str | None:
        """"Mr Haddad spoke last. He added …": a name whose honorific gives the pronoun's
        gender ("Mr", "Ms") in a sentence after ``after_sentence`` (where the trail's nearest
        candidate is) and before ``pos`` is nearer: the first such name of the nearest
        sentence, registered as a speaker."""
        if self._honorific_names is None:
            taken = sorted((m.span.start, m.span.end) for m in self.mentions)  # they do not overlap
            starts = [a for a, _ in taken]
            found = []
            for m in _HONORIFIC_NAME.finditer(self.copy):
                k = bisect.bisect_left(starts, m.end()) - 1  # the last mention starting before the name ends
                if k >= 0 and taken[k][1] > m.start():
                    continue  # a lexicon mention: in the trail already
                found.append((m.start(), self._sentence_of(m.start()), _honorific_gender(m.group(1)), m))
            self._honorific_names = found
            for start, sentence, hint, m in found:  # by gender, in text order
                starts_, sentences_, matches = self._honorific_by_hint.setdefault(hint, ([], [], []))
                starts_.append(start)
                sentences_.append(sentence)
                matches.append(m)
        best = None
        if self._ordered:
            # The names of that gender starting before ``pos`` are a prefix; its last name
            # has the latest sentence, and the first name of that sentence is one bisect away.
            starts_, sentences_, matches = self._honorific_by_hint.get(gender, ([], [], []))
            k = bisect.bisect_left(starts_, pos)
            if k and sentences_[k - 1] > after_sentence:
                best = (sentences_[k - 1], matches[bisect.bisect_left(sentences_, sentences_[k - 1], 0, k)])
        else:
            for start, sentence, hint, m in self._honorific_names:
                if start >= pos:
                    break
                if sentence > after_sentence and hint == gender and (best is None or sentence > best[0]):
                    best = (sentence, m)
        if best is None:
            return None
        m = best[1]
        person_id, _, _ = self._register(m.group(2), Span(m.start(2), m.end(2)), mention=False)
        if self.people[person_id].gender == "unknown":
            self.people[person_id] = replace(self.people[person_id], gender=gender)
        return person_id

    def _names(self) -> list[re.Match[str]]:
        if self._name_matches is None:
            # whether a name overlaps a lexicon mention: a bisect, not a scan of the mentions
            self._name_matches = [
                m for m in _PERSON_NAME.finditer(self.copy)
                if m.group(2).split()[0].lower() not in self.words.not_name_start and self._first_overlapping(m.start(2), m.end(2)) is None
                and (m.group(1) or " " in m.group(2) or self._may_be_name(m.group(2), m.group(2)))  # not "Well, look, she …"
            ]
        return self._name_matches

    def _is_institution(self, p: Person) -> bool:
        """A source "it" can stand for: a place standing for its government (a lexicon
        actor too: "South Korea … it seeks"), a typed
        phrase ("the ministry"), or a name whose head word a role cue names ("The Finance
        Ministry", "Harbour Council"; not "Prime Minister Anna Berg")."""
        if p.gender == "group" or p.type == "other":
            return False
        if p.id.startswith("source_") or " ".join(_THE.sub("", p.name).casefold().split()) in self.metonyms:
            return True
        return self._is_role(p.name.split()[-1].lower())

    def _compatible(self, p: Person, gender: str) -> bool:
        if gender == "person":  # a description that fits a person of either gender
            return p.gender != "group" and not p.id.startswith("source_")
        if gender == "thing":  # "it": an organisation or place, never a person
            return self._is_institution(p)
        if gender == "group":
            return p.gender in ("group", "unknown") and p.id.startswith("source_") or p.gender == "group"
        return p.gender in (gender, "unknown") and not p.id.startswith("source_") and not self._is_institution(p)

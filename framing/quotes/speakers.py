"""Who a quote's speaker mention refers to (``SpeakerResolver``): a lexicon actor, a person
or organisation the text names, or, for a pronoun, its antecedent.

Speakers that no lexicon names keep their surface name and get a stable id from it;
later short forms of that name ("Zhang" for "Zhang Wei", "Tapper" for "Jake Tapper") link
to them. Pronouns resolve to the nearest compatible antecedent, preferring, sentence by
sentence backwards, the speaker of a quote and then the sentence's first mention (its
likely subject): a Hobbs-style preference for subjects that suits news prose, where "he
added" continues the last speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from itertools import accumulate
from dataclasses import replace
from types import MappingProxyType

from ..actors import UNRESOLVED, slug
from ..types import Actor, Mention, Sentence, Span
from .antecedents import _Antecedents
from .person import _CAP_WORD, _THE, _TITLE_PREFIX, Person
from .speaker_phrase import NO_SPEAKER, SpeakerWords, role_words, speaker_phrase


#: An appositive after a name that says what the person is: ", a four-term congressman,".
_WORD = re.compile(r"[\w'-]+")
_APPOSITIVE = re.compile(r"\s*,\s*(?:the|a|an)\s+([^,.;:\"()\n]{1,80}?)\s*[,.;]", re.IGNORECASE)

#: Up to six words right before a name with no punctuation between: where news writes a title.
_TITLE_BEFORE = re.compile(r"((?:[^\s.,;:\"()]+\s+){1,6})$")


def surname_index(actors: Mapping[str, Actor]) -> dict[str, str]:
    """Surname -> id of the first actor (in ``actors`` order) with it: ``SpeakerResolver``'s
    look-up of a lexicon surname met for the first time, built once per lexicon set."""
    index: dict[str, str] = {}
    for actor in actors.values():
        index.setdefault(actor.surname, actor.id)
    return index


def type_cue_patterns(type_cues: Mapping[str, Sequence[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(speaker type, a case-blind pattern of its cue words), for ``SpeakerResolver``;
    compiled once per lexicon set, not per article."""
    return tuple(
        (t, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE))
        for t, cues in type_cues.items()
        if cues
    )


class SpeakerResolver(_Antecedents):
    """Turns quote speaker mentions into actors, one article at a time.

    ``resolve(span)`` looks, in order, for a lexicon mention overlapping the span, a pronoun
    (resolved to an antecedent), a short form of a speaker met earlier, and otherwise
    registers a new speaker under its surface name.
    """

    def __init__(
        self,
        copy: str,
        article_id: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        actors: Mapping[str, Actor],
        pronouns: Mapping[str, Sequence[str]],
        type_cues: Sequence[tuple[str, re.Pattern[str]]],
        relative_pronouns: frozenset[str] = frozenset(),
        metonyms: Mapping[str, str] = MappingProxyType({}),
        surnames: Mapping[str, str] | None = None,
        words: SpeakerWords | None = None,
    ):
        self.copy = copy
        self.words = words or SpeakerWords()
        self.metonyms = metonyms
        self.article_id = article_id
        self.sentences = sentences
        self._starts = [s.span.start for s in sentences]
        # Sentences in text order with non-decreasing indexes (always so from
        # framing.text.segment): a position's sentence then grows with the position, which the
        # per-sentence look-ups below rely on; otherwise they scan, as they used to.
        self._ordered = all(a <= b for a, b in zip(self._starts, self._starts[1:])) and all(
            a.index <= b.index for a, b in zip(sentences, sentences[1:])
        ) and (not sentences or sentences[0].index >= -1)
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        # The mentions by start, with the furthest end so far, and the first by end: a span's
        # first overlapping mention is one bisect, not a scan of the mentions per quote.
        self._mention_starts = [m.span.start for m in self.mentions]
        self._mention_reach = list(accumulate((m.span.end for m in self.mentions), max))
        self._mention_by_end: dict[int, int] = {}
        for k, m in enumerate(self.mentions):
            self._mention_by_end.setdefault(m.span.end, k)
        self.actors = actors
        # Built from ``actors`` on first use when the caller (Analyzer) does not pass the
        # index it keeps for the lexicon set.
        self._surnames = surnames
        self.pronoun_gender = {w.casefold(): g for g, words in pronouns.items() for w in words}
        self.relative_pronouns = frozenset(w.casefold() for w in relative_pronouns)
        self.type_cues = type_cues
        self.people: dict[str, Person] = {}
        self._actor_people: dict[str, Person] = {}  # lexicon actors not yet quoted, built once each
        self._written_words: frozenset[str] | None = None  # every word of the copy as written
        self._name_roles: dict[int, frozenset[str]] = {}  # index in _names() -> its role words
        self.extra_mentions: list[Mention] = []
        # (position, person id, is_speaker): every place a person was named so far, also
        # kept by sentence (for pronouns) and by short form (for "Doe said"): see _add_trail.
        self.trail: list[tuple[int, str, bool]] = []
        self._trail_by_sentence: dict[int, list[tuple[int, str, bool]]] = {}
        # short form -> sorted (position, order of arrival, person id) of the trail entries
        # of people with that short form; None: to be built on first use (or rebuilt).
        self._trail_by_short: dict[str, list[tuple[int, int, str]]] | None = None
        for m in self.mentions:
            self._add_trail(m.span.start, m.actor_id, False)
        self._name_matches: list[re.Match[str]] | None = None
        self._name_index: tuple[list[int], list[int]] | None = None  # (ends, sentences) of _names()
        self._honorific_names: list[tuple[int, int, str, re.Match[str]]] | None = None
        self._honorific_by_hint: dict[str, tuple[list[int], list[int], list[re.Match[str]]]] = {}

    def _add_trail(self, pos: int, person_id: str, is_speaker: bool) -> None:
        entry = (pos, person_id, is_speaker)
        seq = len(self.trail)
        self.trail.append(entry)
        self._trail_by_sentence.setdefault(self._sentence_of(pos), []).append(entry)
        if self._trail_by_short is not None:
            self._index_short_forms(pos, seq, person_id)

    def _index_short_forms(self, pos: int, seq: int, person_id: str) -> None:
        try:
            forms = self.person(person_id).short_forms
        except KeyError:
            return  # not a person known here: it has no short form
        for form in forms:
            bisect.insort(self._trail_by_short.setdefault(form, []), (pos, seq, person_id))  # type: ignore[union-attr]

    # -- the people -----------------------------------------------------------------
    def person(self, person_id: str) -> Person:
        if person_id in self.people:
            return self.people[person_id]
        known = self._actor_people.get(person_id)
        if known is not None:
            return known
        actor = self.actors.get(person_id)
        if actor is None:
            raise KeyError(person_id)
        short = tuple(x for x in (actor.surname,) if x)
        roles = role_words(" ".join((*actor.titles, *actor.descriptors)), self.words)
        known = self._actor_people[person_id] = Person(actor.id, actor.name, actor.gender, actor.type, short, roles)
        return known

    def _sentence_of(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (or the last one before it)."""
        k = bisect.bisect_right(self._starts, pos) - 1
        return self.sentences[k].index if k >= 0 else -1

    def resolve(self, span: Span, quote_sentence: int, previous_speaker: str | None = None) -> tuple[str, str, str, Span] | None:
        """(speaker id, speaker name, speaker type, mention) for the speaker mention at
        ``span``; the mention is ``span`` itself, or for a relative pronoun ("…, who said")
        the phrase it stands for."""
        words = self.copy[span.start : span.end].strip()
        if not words:
            return None
        if words.casefold() in self.relative_pronouns:
            antecedent = self._relative_antecedent(span)
            if antecedent is not None:
                found = self.resolve(antecedent, quote_sentence, previous_speaker)
                # The mention runs from the phrase to the pronoun: "Donald Trump, who".
                return None if found is None else (*found[:3], Span(found[3].start, span.end))
        found = self._resolve(span, words, previous_speaker)
        return None if found is None else (*found, span)

    def _relative_antecedent(self, span: Span) -> Span | None:
        """What "who" or "which" refers to: a mention, a name or the short noun phrase right
        before it ("Trump, who accused ...", "the company, which denied ...")."""
        lo = max(0, span.start - 200)
        before = self.copy[lo : span.start]
        end = lo + len(before.rstrip().rstrip(",").rstrip())
        # the first mention ending at ``end`` or one before it: two look-ups, not a scan
        found = [k for k in (self._mention_by_end.get(end), self._mention_by_end.get(end - 1)) if k is not None]
        if found:
            return self.mentions[min(found)].span
        head = self.copy[lo:end]
        m = re.search(r"([A-Za-z][\w'.\-]*(?:\s+[A-Za-z][\w'.\-]*){0,4})$", head)
        if not m:
            return None
        phrase = m.group(1)
        cut = max(phrase.rfind(w) for w in (" and ", " or ", " but ", " that ", " of ")) if any(w in phrase for w in (" and ", " or ", " but ", " that ")) else -1
        start = lo + m.start(1) + (cut + 1 if cut >= 0 else 0)
        # the noun phrase only: from its last determiner ("defend not paying an architect,
        # who" is the architect), else after the last verb form or preposition before it
        words = list(re.finditer(r"\S+", self.copy[start:end]))
        det = [w for w in words[:-1] if w.group().lower() in self.words.determiners]
        verbish = [w for w in words[:-1] if w.group().islower() and (w.group().endswith(("ing", "ed")) or w.group() in self.words.boundaries or w.group() in self.words.verb_forms)]
        if det:
            start += det[-1].start()
        elif verbish:
            start += verbish[-1].end()
        while start < end and self.copy[start].isspace():
            start += 1
        return Span(start, end) if end > start else None

    def _first_overlapping(self, start: int, end: int) -> Mention | None:
        """The first mention (by start) overlapping [start, end): the first whose furthest end
        so far passes ``start``, if it starts before ``end``."""
        k = bisect.bisect_right(self._mention_reach, start)
        if k < len(self.mentions) and self._mention_starts[k] < end:
            return self.mentions[k]
        return None

    def _resolve(self, span: Span, words: str, previous_speaker: str | None) -> tuple[str, str, str] | None:
        m = self._first_overlapping(span.start, span.end)
        if m is not None and m.span.start > span.start and any(w.lower() in self.words.boundaries for w in self.copy[span.start : m.span.start].split()):
            m = None  # "advisers to Mr. Obama": the actor is the object of the phrase, not the speaker
        if m is not None and m.span.end < span.end:
            rest = self.copy[m.span.end : span.end]
            if rest[:2] in ("'s", "’s") and speaker_phrase(rest[2:], self.words, self._is_role) == ("", ""):
                return NO_SPEAKER  # "Lee's visit highlights …": the visit, no one who speaks
        if m is not None:
            p = self.person(m.actor_id)
            self._add_trail(span.start, p.id, True)
            return p.id, p.name, self._type_for(p, span)
        gender = self.pronoun_gender.get(words.casefold())
        if gender == "addressee":
            return UNRESOLVED, "(unresolved pronoun)", "unnamed"  # "you": no one the text names
        if gender is not None:
            target = self._antecedent(span.start, gender, previous_speaker)
            if target is None:
                # Somebody said it, but the text does not let us say who: count it as such.
                return UNRESOLVED, "(unresolved pronoun)", "unnamed"
            self.extra_mentions.append(Mention(self.article_id, target, span, "pronoun"))
            self._add_trail(span.start, target, True)
            p = self.person(target)
            return p.id, p.name, p.type
        described_as = self.words.person_descriptions
        first_words = words.split()[:2]
        if described_as is not None and len(first_words) == 2 and first_words[0].lower() in self.words.determiners and described_as.fullmatch(first_words[1]):
            # "the 34-year-old mother of three replied": an age makes the description a
            # person's, and a definite one refers back like a pronoun of either gender
            target = self._antecedent(span.start, "person", previous_speaker)
            if target is not None:
                self.extra_mentions.append(Mention(self.article_id, target, span, "descriptor"))
                self._add_trail(span.start, target, True)
                p = self.person(target)
                return p.id, p.name, p.type
        cut = speaker_phrase(words, self.words, self._is_role)
        if cut is None:
            return None
        phrase, role = cut
        if not phrase:
            return NO_SPEAKER
        described = self._described(phrase, span.start)
        if described is not None:
            self.extra_mentions.append(Mention(self.article_id, described, span, "descriptor"))
            self._add_trail(span.start, described, True)
            p = self.person(described)
            return p.id, p.name, p.type
        name = _TITLE_PREFIX.sub("", phrase)
        if " " not in name and not role and not self._may_be_name(name, words):
            return NO_SPEAKER
        short = self._short_form_owner(name, span.start)
        if short is not None:
            self.extra_mentions.append(Mention(self.article_id, short, span, "surname"))
            self._add_trail(span.start, short, True)
            p = self.person(short)
            return p.id, p.name, p.type
        return self._register(name, span, role)

    def _is_role(self, text: str) -> bool:
        """Whether a role cue of the lexicon names the phrase, its head in the singular or
        the plural ("the registered voter" as "voters", "traders" as "trader")."""
        head = text.rsplit(None, 1)[-1]
        forms = (text, text[: -1] if head.endswith("s") else text + "s")
        return any(regex.search(t) for t in forms for _, regex in self.type_cues)

    def _may_be_name(self, word: str, written: str) -> bool:
        """Whether one capitalised word can name a speaker: not a word the article also
        writes in lower case ("Call", "Citing" opening a sentence; Mikheev 2002), unless an
        honorific or title was written before it."""
        if not word[:1].isupper():
            return True
        if written.split()[0].lower().rstrip(".") in self.words.titles and len(written.split()) > 1:
            return True
        low = word.lower()
        if not _WORD.fullmatch(low):
            return re.search(rf"(?<![\w'-]){re.escape(low)}(?![\w'-])", self.copy) is None
        if self._written_words is None:  # one pass over the text, not one per name
            self._written_words = frozenset(_WORD.findall(self.copy))
        return low not in self._written_words

    def _described(self, phrase: str, before: int) -> str | None:
        """The person a definite description refers back to: "the governor" after "Gov. Rick
        Perry", "the four-term congressman" after "Smith, a four-term congressman": the
        latest person named before ``before`` whose role words hold the description's head
        noun (and, when there is one, its other content words such as "Texas")."""
        toks = phrase.split()
        if len(toks) < 2 or toks[0].lower() not in self.words.determiners or not toks[-1].islower():
            return None
        head = toks[-1].lower()
        for pos, person_id, _ in reversed(self.trail):
            if pos >= before:
                continue
            p = self.people.get(person_id)
            if p is None:
                try:
                    p = self.person(person_id)
                except KeyError:
                    continue
            if head in p.roles and p.gender != "group":
                return p.id
        # a person named in the text but not yet quoted: "Steve Larson, a four-term congressman, …"
        names = self._names()
        if self._name_index is None:
            self._name_index = ([m.end() for m in names], [self._sentence_of(m.start()) for m in names])
        ends = self._name_index[0]
        for k in range(bisect.bisect_left(ends, before) - 1, max(-1, bisect.bisect_left(ends, before) - 40), -1):
            m = names[k]
            # a title the name run caught ("Mayor Ines Vidal spoke first") is a role, not a name
            words = m.group(2).split()
            lead = 0
            while lead < len(words) - 1 and words[lead].lower().rstrip(".") in self.words.titles:
                lead += 1
            start = m.start(2) + (len(" ".join(words[:lead])) + 1 if lead else 0)
            roles = self._name_roles.get(k)
            if roles is None:  # each name's roles are read once per article, not once per description
                span = Span(m.start(2), m.end(2))
                roles = self._name_roles[k] = self._title_roles(span) | self._appositive_roles(span) | role_words(" ".join(words[:lead]), self.words)
            if head in roles:
                span = Span(start, m.end(2))
                person_id, _, _ = self._register(self.copy[start : m.end(2)], span, mention=False)
                return person_id
        return None

    def _short_form_owner(self, name: str, before: int) -> str | None:
        """The person with the short form ``name`` named last before ``before`` (the first
        named there on a tie), else the first lexicon actor with that surname."""
        if " " in name or not _CAP_WORD.fullmatch(name):
            return None
        # An index by short form: one bisect per quote, not a sort of all earlier speakers.
        if self._trail_by_short is None:
            self._trail_by_short = {}
            for seq, (pos, person_id, _) in enumerate(self.trail):
                self._index_short_forms(pos, seq, person_id)
        entries = self._trail_by_short.get(name)
        if entries:
            k = bisect.bisect_left(entries, (before,))  # entries[:k] were named before it
            if k:
                return entries[bisect.bisect_left(entries, (entries[k - 1][0],))][2]
        if self._surnames is None:
            self._surnames = surname_index(self.actors)
        return self._surnames.get(name)  # a lexicon surname met for the first time

    def _register(self, name: str, span: Span, role: str = "", mention: bool = True) -> tuple[str, str, str]:
        # A place standing for its government ("Moscow said") is not a person; its type is
        # the lexicon's ([metonyms]), whatever the words around it say.
        place = " ".join(_THE.sub("", name).casefold().split())
        place_type = self.metonyms.get(place)
        # A capitalised phrase is a person's name unless it is a role word ("Officials said",
        # "Analysts warned" at the start of a sentence).
        is_person = (
            place_type is None
            and bool(re.fullmatch(r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}", name))
            and not name.isupper()
            and not any(regex.fullmatch(name) for _, regex in self.type_cues)
        )
        kind = place_type or self._cue_type(span)
        if place_type is not None:
            short = ()
            person_id = "source_" + slug(place)
            gender = "unknown"
        elif is_person:
            parts = [p for p in name.split() if len(p.rstrip(".")) > 1]
            short = tuple(dict.fromkeys(x for x in (parts[0], parts[-1]) if x)) if parts else ()
            person_id = "person_" + slug(name)
            gender = "unknown"
        else:
            short = ()
            person_id = "source_" + slug(name.casefold())
            gender = "group" if re.search(r"s\b", name.split()[-1]) else "unknown"
            # No role cue: a phrase such as "the visit" or "these agreements", which the
            # extractor took for a speaker; typed "other" so the charts can leave it out.
            kind = kind or "other"
        roles = role_words(role, self.words) | self._title_roles(span) | self._appositive_roles(span) if is_person else frozenset()
        p = self.people.get(person_id)
        if p is None:
            p = Person(person_id, name, gender, kind or "other", short, roles)
            if person_id in self.actors:
                self._trail_by_short = None  # the id's short forms change: index them again
        elif roles - p.roles:
            p = replace(p, roles=p.roles | roles)
        self.people[person_id] = p
        if mention:  # a speaker named at the quote (not a name found only as an antecedent)
            via = "name" if is_person else "role"
            self.extra_mentions.append(Mention(self.article_id, person_id, span, via))  # type: ignore[arg-type]
            self._add_trail(span.start, person_id, True)
        return p.id, p.name, p.type

    def _title_roles(self, span: Span) -> frozenset[str]:
        """Role words of the title written right before a name: "Texas Gov. Rick Perry"."""
        before = self.copy[max(0, span.start - 40) : span.start]
        last = re.split(r"[.,;:\"()]", before.split()[-1])[-1] if before[-1:].isspace() and before.split() else ""
        if not last or not (last[:1].isupper() or last.lower() in self.words.titles):
            return frozenset()  # the word before the name is no title: no search back
        m = _TITLE_BEFORE.search(self.copy, max(0, span.start - 80), span.start)
        if not m:
            return frozenset()
        toks = m.group(1).split()
        k = len(toks)
        while k > 0 and (toks[k - 1][:1].isupper() or toks[k - 1].lower().rstrip(".") in self.words.titles):
            k -= 1
        return role_words(" ".join(toks[k:]), self.words)

    def _after_preposition(self, pos: int) -> bool:
        before = self.copy[max(0, pos - 20) : pos].split()
        word = before[-1].lower() if before else ""
        return word in self.words.boundaries and word not in self.words.determiners and word not in self.words.relative

    def _appositive_roles(self, span: Span) -> frozenset[str]:
        """Role words of an appositive right after a name: "Smith, a four-term congressman,"."""
        m = _APPOSITIVE.match(self.copy, span.end)
        return role_words(m.group(1), self.words) if m else frozenset()

    def _cue_type(self, span: Span) -> str:
        """A speaker type from role cues around the mention: the mention itself, then the
        title written right before the name ("Foreign Minister Anna Weller", "Chief of
        Staff Omar Haddad"), then an appositive right after it (", an associate professor at ..."), then
        the words before it up to a comma ("Professor at Ewha Womans University, Seok ...")."""
        text = self.copy
        windows = [text[span.start : span.end]]
        title = _TITLE_BEFORE.search(text, max(0, span.start - 80), span.start)
        if title:
            windows.append(title.group(1))
        after = re.match(r"\s*,([^,.;:\"]{1,120})", text[span.end : span.end + 160])
        if after:
            windows.append(after.group(1))
        before = re.search(r"(?:^|[.;:\"]\s*)([^.;:\"]{1,120}),\s*$", text[max(0, span.start - 160) : span.start])
        if before:
            windows.append(before.group(1))
        for window in windows:
            # The longest cue wins, as in the lexicon matchers: "state broadcaster" is state
            # media before "broadcaster" is media; on a tie the lexicon's order decides.
            best, kind = 0, ""
            for cue_kind, regex in self.type_cues:
                longest = max((len(m.group()) for m in regex.finditer(window)), default=0)
                if longest > best:
                    best, kind = longest, cue_kind
            if kind:
                return kind
        return ""

    def _type_for(self, p: Person, span: Span) -> str:
        return p.type if p.type and p.type != "other" else (self._cue_type(span) or p.type)

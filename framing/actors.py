"""Actors: the actors lexicon, and who is mentioned where.

Mentions are found by matching an actors lexicon against the matching copy of the text:
full names with their spelling variants (hyphen, space or nothing between the parts of a
name, so "Moon Jae-in", "Moon Jae In" and "Moon Jaein" are one pattern), title +
surname ("Mr Lee"), descriptors ("the South Korean leader") and a bare surname. At each
position the longest match wins, and ``not_aliases`` ("Jay Y. Lee") win over the actor's
shorter patterns inside them, so another person's name never counts for the actor.

Who a quote's speaker mention refers to is ``quotes.speakers``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .text.tokens import WORD_CHAR_RE
from .lexicons.schema import HEADER_KEYS, ID_PATTERN, check_keys, fail, get_str, get_str_list, parse_header
from .types import SPEAKER_TYPES, Actor, ActorsLexicon, Mention, Span

GENDERS = ("male", "female", "group", "unknown")
#: The speaker id of a quote whose pronoun speaker ("he said") has no antecedent in reach.
UNRESOLVED = "unresolved"
_ACTOR_KEYS = frozenset({"id", "name", "aliases", "surname", "titles", "descriptors", "not_aliases", "gender", "type"})


def name_key(name: str) -> str:
    """A key under which spelling variants of a name are equal ("Moon Jae‑in" = "moon jaein")."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_") or "unnamed"


def parse_actors_lexicon(data: dict[str, Any], source: str):
    _, lexicon_id, label, _, _ = parse_header(data, source, "actors")
    check_keys(data, HEADER_KEYS | {"actor"}, source)
    entries = data.get("actor")
    if not isinstance(entries, list) or not entries:
        raise fail(source, "actor", "expected at least one [[actor]] table")
    actors: list[Actor] = []
    seen: dict[str, str] = {}
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise fail(source, f"actor[{n}]", "expected a table")
        actor_id = get_str(entry, "id", source, f"actor[{n}]", required=True)
        where = f"actor.{actor_id}"
        check_keys(entry, _ACTOR_KEYS, source, where)
        if not ID_PATTERN.match(actor_id):
            raise fail(source, f"{where}.id", f"{actor_id!r} is not a snake_case id")
        name = get_str(entry, "name", source, where, required=True)
        aliases = get_str_list(entry, "aliases", source, where)
        gender = get_str(entry, "gender", source, where, default="unknown")
        if gender not in GENDERS:
            raise fail(source, f"{where}.gender", f"{gender!r} is not one of {', '.join(GENDERS)}")
        kind = get_str(entry, "type", source, where, default="other")
        if kind not in SPEAKER_TYPES:
            raise fail(source, f"{where}.type", f"{kind!r} is not one of {', '.join(SPEAKER_TYPES)}")
        actor = Actor(
            id=actor_id,
            name=name,
            aliases=aliases,
            surname=get_str(entry, "surname", source, where),
            titles=get_str_list(entry, "titles", source, where),
            descriptors=get_str_list(entry, "descriptors", source, where),
            not_aliases=get_str_list(entry, "not_aliases", source, where),
            gender=gender,  # type: ignore[arg-type]
            type=kind,
            lexicon=lexicon_id,
        )
        if actor_id in seen:
            raise fail(source, f"{where}.id", "duplicate actor id")
        seen[actor_id] = name
        own = {name_key(x) for x in (name, *aliases)}
        clash = own & {name_key(x) for x in actor.not_aliases}
        if clash:
            raise fail(source, f"{where}.not_aliases", "a name is both an alias and a not_alias")
        actors.append(actor)
    names: dict[str, str] = {}
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            owner = names.setdefault(name_key(alias), actor.id)
            if owner != actor.id:
                raise fail(source, f"actor.{actor.id}.aliases", f"{alias!r} is claimed by both {owner!r} and {actor.id!r}")
    return ActorsLexicon(id=lexicon_id, label=label, actors=tuple(actors))


def _name_pattern(name: str) -> str:
    """Parts of a name joined by a hyphen, a space or nothing: spelling variants match."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", name.strip()) if p]
    return r"[\s\-]?".join(parts)


@dataclass(frozen=True, slots=True)
class _Pattern:
    # Without the leading "(?<!\w)": ``_word_start_matches`` checks it. A pattern that
    # opens with a look-behind loses re's fast scan for its literal prefix, and scanning
    # every article with ~60 patterns was the costliest part of finding mentions.
    regex: re.Pattern[str]
    actor_id: str | None  # None for a not_alias: it blocks, it refers to nobody here
    via: str
    # Lower-case ASCII words one of which every match contains: a text holding none of them
    # is not scanned with the pattern (a substring test costs far less than a case-blind
    # regex pass). Empty: always scan.
    needles: tuple[str, ...] = ()


# The only non-ASCII characters a case-blind regex matches to ASCII letters (checked over
# all of Unicode); in a text with none of them, an ASCII needle of a match is in text.lower().
_ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _needles(*words: str) -> tuple[str, ...]:
    """The words as needles, or none (always scan) if one is not plain ASCII."""
    lowered = tuple(w.lower() for w in words if w)
    return lowered if lowered and all(w.isascii() for w in lowered) else ()


def _longest_part(name: str) -> str:
    """The longest of a name's parts: every spelling variant ``_name_pattern`` allows
    contains each part."""
    return max(re.split(r"[\s\-]+", name.strip()), key=len)


#: With at least this many distinct needles, ``MentionFinder.find`` looks them up through
#: its trigram index instead of testing each against the text.
_INDEX_NEEDLES = 200


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


def _word_start_matches(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``re.compile("(?<!\\w)" + regex.pattern).finditer(text)`` finds: matches
    that do not start right after a word character, left to right, not overlapping."""
    pos = 0
    # ``pos`` grows at every step, past a zero-length match too, so a pattern that matches
    # the empty string (an empty lexicon name) ends after one pass, never loops.
    while pos <= len(text) and (m := regex.search(text, pos)) is not None:
        start = m.start()
        if start and WORD_CHAR_RE.match(text, start - 1):
            pos = start + 1  # the look-behind fails here; a match may still start later
            continue
        yield m
        pos = max(m.end(), start + 1)


class MentionFinder:
    """Finds mentions of lexicon actors in a text (built once per lexicon set)."""

    def __init__(self, actors: Sequence[Actor]):
        self.actors = {a.id: a for a in actors}
        patterns: list[_Pattern] = []
        # Surnames shared by two actors are ambiguous on their own; leave them out.
        surname_owners: dict[str, set[str]] = {}
        for a in actors:
            if a.surname:
                surname_owners.setdefault(a.surname.casefold(), set()).add(a.id)
        for a in actors:
            # A name without a part ("", " ", "-") has the pattern "" (the empty string
            # everywhere): it could never name anyone (empty matches are dropped), so it is
            # left out rather than scanned.
            for n in (a.name, *a.aliases):
                if not _name_pattern(n):
                    continue
                flags = re.IGNORECASE if re.search(r"[\s\-]", n.strip()) else 0
                patterns.append(_Pattern(re.compile(rf"{_name_pattern(n)}(?!\w)", flags), a.id, "name" if n == a.name else "alias", _needles(_longest_part(n))))
            for d in a.descriptors:
                if not _name_pattern(d):
                    continue
                patterns.append(_Pattern(re.compile(rf"{_name_pattern(d)}(?!\w)", re.IGNORECASE), a.id, "descriptor", _needles(_longest_part(d))))
            for n in a.not_aliases:
                if not _name_pattern(n):
                    continue
                patterns.append(_Pattern(re.compile(rf"{_name_pattern(n)}(?!\w)", re.IGNORECASE), None, "not_alias", _needles(_longest_part(n))))
            if a.surname:
                surname = re.escape(a.surname)
                # Empty titles and names are left out here too: "(?:|Ms)" or "(?i:|Lee)" would
                # let the pattern match bare spaces.
                kept_titles = [t for t in a.titles if t.rstrip(".")]
                if kept_titles:
                    titles = "|".join(re.escape(t.rstrip(".")) for t in sorted(kept_titles, key=len, reverse=True))
                    # "President Moon Jae-in" is one mention; so is "President Moon".
                    full = [n for n in (a.name, *a.aliases) if _name_pattern(n)]
                    names = "|".join(_name_pattern(n) for n in sorted(full, key=len, reverse=True))
                    spelled = f"(?i:{names})|" if names else ""
                    # Every match holds a title and the surname or a part of a name. Titles
                    # ("President") are in most articles, so with thousands of actors the
                    # needles are the names (the titles where a name is not plain ASCII).
                    patterns.append(
                        _Pattern(
                            re.compile(rf"(?:{titles})\.?\s+(?:{spelled}{surname})(?!\w)"), a.id, "title+surname",
                            _needles(a.surname, *map(_longest_part, full)) or _needles(*(t.rstrip(".") for t in kept_titles)),
                        )
                    )
                if len(surname_owners[a.surname.casefold()]) == 1:
                    patterns.append(_Pattern(re.compile(rf"{surname}(?![\w\-])"), a.id, "surname", _needles(a.surname)))
        self.patterns = tuple(patterns)
        # Which patterns each needle lets through, and the needles by one of their trigrams
        # (the one fewest needles share): with thousands of actors, testing every needle
        # against the text (a substring search each) was most of the time of an article.
        # Looked up through the text's trigrams, only needles whose rare trigram is in the
        # text are tested; the same patterns are scanned either way.
        self._always = [order for order, p in enumerate(self.patterns) if not p.needles]
        self._by_needle: dict[str, list[int]] = {}
        for order, p in enumerate(self.patterns):
            for n in dict.fromkeys(p.needles):
                self._by_needle.setdefault(n, []).append(order)
        shared: dict[str, int] = {}
        for n in self._by_needle:
            for t in _trigrams(n):
                shared[t] = shared.get(t, 0) + 1
        self._short_needles: list[str] = []  # under three letters: tested one by one
        self._by_trigram: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # (needle, its trigrams)
        for n in self._by_needle:
            grams = tuple(sorted(_trigrams(n)))
            if grams:
                self._by_trigram.setdefault(min(grams, key=lambda t: shared[t]), []).append((n, grams))
            else:
                self._short_needles.append(n)

    def _scanned(self, lowered: str | None) -> list[int]:
        """Orders of the patterns to scan the text with: those without needles and those
        with a needle in ``lowered`` (all of them when ``lowered`` is None)."""
        if lowered is None:
            return list(range(len(self.patterns)))
        if len(self._by_needle) < _INDEX_NEEDLES:
            present = [n for n in self._by_needle if n in lowered]
        else:
            grams = _trigrams(lowered)
            keys = (t for t in self._by_trigram if t in grams) if len(self._by_trigram) < len(grams) else (t for t in grams if t in self._by_trigram)
            # a needle in the text has all its trigrams there (set look-ups, cheaper than
            # the substring search that decides)
            present = [n for t in keys for n, ngrams in self._by_trigram[t] if all(g in grams for g in ngrams) and n in lowered]
            present += [n for n in self._short_needles if n in lowered]
        orders = set(self._always)
        for n in present:
            orders.update(self._by_needle[n])
        return sorted(orders)

    def find(self, copy: str, article_id: str) -> list[Mention]:
        """Mentions in ``copy`` (the matching copy of an article), longest match first."""
        candidates: list[tuple[int, int, int, _Pattern]] = []
        lowered = None if any(c in copy for c in _ASCII_FOLDS) else copy.lower()
        for order in self._scanned(lowered):
            p = self.patterns[order]
            for m in _word_start_matches(p.regex, copy):
                if m.end() > m.start():
                    # At equal length a real actor's pattern wins over a not_alias.
                    candidates.append((m.start(), -(m.end() - m.start()), (p.actor_id is None, order), p))
        candidates.sort(key=lambda c: (c[0], c[1], c[2]))
        mentions: list[Mention] = []
        taken_until = -1
        for start, neg_len, _, p in candidates:
            end = start - neg_len
            if start < taken_until:
                continue
            taken_until = end
            if p.actor_id is None:
                continue
            previous = mentions[-1] if mentions else None
            if previous and previous.actor_id == p.actor_id and not copy[previous.span.end : start].strip():
                # "South Korean President" + "Moon Jae-in": one mention, not two.
                mentions[-1] = Mention(article_id, p.actor_id, Span(previous.span.start, end), previous.via)
            else:
                mentions.append(Mention(article_id, p.actor_id, Span(start, end), p.via))  # type: ignore[arg-type]
        return mentions


def pronoun_mentions(
    text: str,
    article_id: str,
    sentences: Sequence[Any],
    mentions: Sequence[Mention],
    genders: dict[str, str],
    pronouns: dict[str, frozenset[str]],
    skip: Sequence[Span] = (),
    function_words: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Third-person pronouns ("critics accused him of lying") resolved to the one person
    they can stand for: a body sentence's pronoun of a gender goes to the actor of that
    gender mentioned in that sentence before it or in the sentence before, when exactly one
    such actor is (precision first: two candidates, no link). A sentence that names the
    actor already gets nothing, nor a pronoun inside ``skip`` (quoted words speak from the
    speaker's point of view). ``pronouns``: gender -> the pronouns of every case, lower case.

    A capitalised two-word name that is no mention ("Joe Park") may be the one meant, and so
    blocks the link too (its first word not one of ``function_words``: "In Geneva" is none).
    These mentions say which sentences are about a person for the tone toward them; they are
    not counted as mentions."""
    if not pronouns or not mentions:
        return []
    by_gender = {w: g for g, words in pronouns.items() for w in words}
    pattern = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in sorted(by_gender, key=len, reverse=True)) + r")(?![\w'-])", re.IGNORECASE)
    body = [s for s in sentences if s.role == "body"]
    ordered = sorted(mentions, key=lambda m: m.span.start)
    starts = [m.span.start for m in ordered]
    skip_spans = sorted((q.start, q.end) for q in skip)
    skip_starts = [a for a, _ in skip_spans]
    out: list[Mention] = []
    previous_start: int | None = None
    for s in body:
        window_start = s.span.start if previous_start is None else previous_start
        previous_start = s.span.start
        lo, hi = bisect.bisect_left(starts, s.span.start), bisect.bisect_left(starts, s.span.end)
        named_here = {m.actor_id for m in ordered[lo:hi] if m.span.end <= s.span.end}
        done: set[str] = set()
        for match in pattern.finditer(text, s.span.start, s.span.end):
            at = match.start()
            q = bisect.bisect_right(skip_starts, at) - 1
            if q >= 0 and skip_spans[q][1] > at:
                continue
            gender = by_gender[match.group().lower()]
            before = ordered[bisect.bisect_left(starts, window_start) : bisect.bisect_left(starts, at)]
            # a person of unknown gender named in reach may be the one meant: no link then
            candidates = {m.actor_id for m in before if m.span.end <= at and genders.get(m.actor_id) in (gender, "unknown")}
            if len(candidates) != 1:
                continue
            (actor_id,) = candidates
            if genders.get(actor_id) != gender or _other_name(text, window_start, at, ordered[bisect.bisect_left(starts, window_start) :], function_words):
                continue
            if actor_id in named_here or actor_id in done:
                continue
            done.add(actor_id)
            out.append(Mention(article_id, actor_id, Span(at, match.end()), "pronoun"))
    return out


_TWO_WORD_NAME = re.compile(r"\b([A-Z][a-z]+)\s+[A-Z][a-z]+\b")


def _other_name(text: str, start: int, end: int, mentions: Sequence[Mention], function_words: frozenset[str]) -> bool:
    """Whether ``text[start:end]`` names someone who is none of ``mentions``."""
    for m in _TWO_WORD_NAME.finditer(text, start, end):
        if m.group(1).lower() in function_words:
            continue
        if not any(x.span.start < m.end() and m.start() < x.span.end for x in mentions if x.span.start < end):
            return True
    return False

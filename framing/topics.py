"""Topic lexicons: parse them, find their terms in article text, and turn hits into weights.

A topic lexicon is a flat TOML file (see ``lexicons/topics/*.toml``)::

    kind = "topic"
    id = "japan"
    label = "Japan"
    version = "1.0"
    description = "Japan as a country ..."
    terms = ["Japan", "Japanese", "Tokyo", "militaris*"]
    case_sensitive = ["US", "U.S."]
    exclude = ["Japanese encephalitis"]

Matching rules (what a researcher editing a lexicon can rely on):

* **Whole words.** A term matches only where it is not glued to other letters or digits:
  ``Japan`` does not match inside ``Japanned``, ``Korea`` not inside ``Koreas``. A hyphen or an
  apostrophe *is* a boundary: ``China`` matches in ``Korea-China`` and ``China's``, ``nuclear`` in
  ``non-nuclear``. Plurals and other inflections match only through ``*`` or by listing them.
* **Case.** ``terms`` match in any capitalisation; ``case_sensitive`` terms match only exactly as
  written (``US`` is the United States, ``us`` is not). Terms that end in punctuation (``U.S.``)
  have no boundary check after the punctuation.
* **Wildcard.** A trailing ``*`` matches the rest of the word: zero or more letters, digits or
  underscores (``militaris*`` matches militarism, militarist, militaristic). It does **not** run
  across a hyphen or an apostrophe: ``Taiwan*`` matches ``Taiwanese`` but in ``Taiwan-related`` or
  ``Taiwan's`` only ``Taiwan``. (Running across hyphens would let ``North Korea*`` swallow the
  ``China`` of ``North Korea-China``.) At least 3 characters must come before the ``*``.
* **Multi-word terms.** Words separated by spaces in a term match words separated by any run of
  whitespace in the text, including a line break. A space does *not* match a hyphen: list
  ``supply chain*`` and ``supply-chain*`` separately when both spellings matter.
* **Longest match wins, across all topics.** Scanning left to right, at the first position where
  any term matches, the longest matching term takes the span; shorter terms inside it do not also
  count ("North Korea" is a north_korea hit, not also a hit for a ``Korea`` term elsewhere). This
  is leftmost-longest: a match that starts earlier wins over one that starts later, even if the
  later one would be longer. When terms of several topics match the very same longest span
  (the same term listed in two lexicons, or ``semiconductor*`` in one and ``semiconductors`` in
  another), every one of those topics gets a hit, one ``TopicHit`` per topic.
* **Exclusions.** ``exclude`` phrases use the same syntax (always case-insensitive). A term match
  lying wholly inside a match of an exclude phrase *of the same lexicon* is dropped before the
  longest-match contest, so it neither counts nor blocks other topics' terms.
* **Quotes and hyphens.** Curly quotes/apostrophes, U+2010/U+2011 hyphens and no-break spaces in a
  lexicon term are straightened the same way the matching copy of the text is, so ``China’s`` in
  a lexicon is the same as ``China's``.

Speed: all terms are compiled once, at ``TopicMatcher(...)``, into one detection regex (a trie of
the lower-cased terms, searched in a lower-cased copy of the text, so the work per position does
not grow with the number of terms) plus one small regex per distinct term, tried only at the
positions the detection regex finds, from a bucket keyed by the first two characters. Patterns
contain no nested repeats: the only repeats are ``\\s+`` between literal words and ``\\w*`` at the
end of a wildcard term, so matching is linear in the text (about 0.2 ms per 1,000 characters
with the shipped lexicons).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import LexiconError
from .lexicons.schema import HEADER_KEYS, check_keys, fail, get_str_list, parse_header, read_lexicon_of_kind
from .text.clean import GLYPH_VARIANTS
from .text.tokens import MIN_PREFIX, WORD_CHAR_RE, merge_spans, star_problem, star_split
from .text.tokens import is_word_char as _is_word
from .types import Span, TopicHit, TopicLexicon, TopicTerm

__all__ = [
    "TOPIC_KEYS",
    "TopicMatcher",
    "load_topic_lexicon",
    "load_topic_lexicons",
    "parse_topic_lexicon",
    "straighten",
]

#: Keys a topic lexicon file may have.
TOPIC_KEYS = HEADER_KEYS | {"terms", "case_sensitive", "exclude"}

#: The one-for-one translation that makes lexicon terms look like the "matching copy" of a
#: text (the glyph variants of ``framing.text.clean``), so a term written with curly quotes
#: matches text whose quotes were straightened.
_STRAIGHTEN = str.maketrans(GLYPH_VARIANTS)


def straighten(text: str) -> str:
    """Curly quotes/apostrophes to ASCII, U+2010/U+2011 (and similar) hyphens to ``-``, NBSP and
    other fixed-width spaces to a space; one character for one, so the length is unchanged."""
    return text.translate(_STRAIGHTEN)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def _normalize(raw: str) -> str:
    """Straighten quotes/hyphens and collapse whitespace runs to one space (strips the ends)."""
    return " ".join(straighten(raw).split())


#: How a topic lexicon words each breach of the ``*`` rule (``text.tokens.star_problem``).
_STAR_PROBLEMS = {
    "inner": "'*' is allowed only at the very end of a term",
    "after_non_word": "'*' must directly follow a letter or digit",
    "short": f"at least {MIN_PREFIX} characters must come before '*'",
}


def _parse_term(raw: str, source: str, key: str) -> tuple[str, bool]:
    """Validate one term or exclude phrase; return (normalized text, is_prefix)."""
    text = _normalize(raw)
    if not WORD_CHAR_RE.search(text):
        raise fail(source, key, f"{raw!r} has no letter or digit (a term cannot be only punctuation)")
    problem = star_problem(text)
    if problem is not None:
        raise fail(source, key, f"{raw!r}: {_STAR_PROBLEMS[problem]}")
    return text, star_split(text)[1]


def parse_topic_lexicon(data: Mapping[str, Any], source: str) -> TopicLexicon:
    """Validate a parsed TOML document of ``kind = "topic"`` and build a :class:`TopicLexicon`.

    Every problem raises :class:`LexiconError` with the one-line message ``source: key: problem``.
    """
    _, topic_id, label, version, description = parse_header(data, source, "topic")
    check_keys(data, TOPIC_KEYS, source)

    plain = get_str_list(data, "terms", source, nonempty=True)
    exact = get_str_list(data, "case_sensitive", source, nonempty=True, casefold=False)
    excludes = get_str_list(data, "exclude", source, nonempty=True)
    if not plain and not exact:
        raise fail(source, "terms", "missing: give at least one term in terms or case_sensitive")

    terms: list[TopicTerm] = []
    # casefolded normalized text -> (key, raw): duplicates after normalization, and a term that
    # is both case-sensitive and case-insensitive, are errors.
    folded_seen: dict[str, tuple[str, str]] = {}
    exact_seen: set[str] = set()
    for key, items, cs in (("terms", plain, False), ("case_sensitive", exact, True)):
        for raw in items:
            text, prefix = _parse_term(raw, source, key)
            folded = text.casefold()
            if folded in folded_seen:
                other_key, other_raw = folded_seen[folded]
                if other_key != key:
                    raise fail(
                        source,
                        key,
                        f"{raw!r} is also in {other_key} as {other_raw!r}: a term is either case-sensitive or not",
                    )
                if not cs or text in exact_seen:
                    raise fail(source, key, f"duplicate term {raw!r} (same as {other_raw!r})")
            folded_seen.setdefault(folded, (key, raw))
            if cs:
                exact_seen.add(text)
            terms.append(TopicTerm(text=text, prefix=prefix, case_sensitive=cs))

    phrases: list[str] = []
    phrase_seen: dict[str, str] = {}
    for raw in excludes:
        text, _prefix = _parse_term(raw, source, "exclude")
        folded = text.casefold()
        if folded in phrase_seen:
            raise fail(source, "exclude", f"duplicate phrase {raw!r} (same as {phrase_seen[folded]!r})")
        if folded in folded_seen:
            raise fail(source, "exclude", f"{raw!r} is also a term: it would cancel every hit of that term")
        phrase_seen[folded] = raw
        phrases.append(text)

    return TopicLexicon(
        id=topic_id,
        label=label,
        description=description,
        version=version,
        terms=tuple(terms),
        exclude=tuple(phrases),
        source=source,
    )


def load_topic_lexicon(path: str | Path) -> TopicLexicon:
    """Read, validate and parse one topic lexicon file; errors name the file as given."""
    return parse_topic_lexicon(*read_lexicon_of_kind(path, "topic"))

def load_topic_lexicons(directory: str | Path) -> list[TopicLexicon]:
    """Every ``*.toml`` in ``directory`` (sorted by file name) parsed as a topic lexicon."""
    return [load_topic_lexicon(p) for p in sorted(Path(directory).glob("*.toml"))]


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def _term_source(text: str, prefix: bool) -> str:
    """Regex source for one term (without case flags): literal words, ``\\s+`` between words,
    ``\\w*`` for a trailing ``*``, and word-boundary lookarounds where the term begins/ends with
    a letter or digit."""
    stem = _stem(text, prefix)
    body = r"\s+".join(re.escape(word) for word in stem.split())
    before = r"(?<!\w)" if _is_word(stem[0]) else ""
    if prefix:
        after = r"\w*"
    else:
        after = r"(?!\w)" if _is_word(stem[-1]) else ""
    return before + body + after


def _stem(text: str, prefix: bool) -> str:
    return star_split(text)[0] if prefix else text


def _bucket_key(s: str) -> str:
    """Bucket a lower-cased term (or text position) by its first two characters, whitespace as
    a space."""
    key = s[:2].lower()[:2]
    if len(key) == 2 and key[1].isspace():
        key = key[0] + " "
    return key


_END = ""  # trie key marking where stems end; never a real character key


def _trie_regex(stems: Sequence[tuple[str, bool]]) -> str:
    """A regex that matches (at least) wherever one of the lower-cased ``stems`` starts.

    The stems are merged into a trie so that the regex engine never tries more than one branch
    per character. A stem ending in a letter or digit and not a prefix needs ``(?!\\w)`` after it;
    a prefix stem, or one ending in punctuation, ends the search there. Words in a stem are
    joined by ``\\s+``. Stems starting with a letter or digit need a word boundary before them.
    """
    root: dict[str, Any] = {}
    for stem, prefix in stems:
        node = root
        for w_i, word in enumerate(stem.split(" ")):
            if w_i:
                node = node.setdefault(" ", {})
            for ch in word:
                node = node.setdefault(ch, {})
        node.setdefault(_END, set()).add("stop" if prefix or not _is_word(stem[-1]) else "word")

    def gen(node: dict[str, Any]) -> str:
        ends = node.get(_END, set())
        if "stop" in ends:
            return ""
        alts = [(r"\s+" if k == " " else re.escape(k)) + gen(child) for k, child in sorted(node.items()) if k != _END]
        if "word" in ends:
            alts.append(r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    word_first = {k: v for k, v in root.items() if _is_word(k)}
    other_first = {k: v for k, v in root.items() if not _is_word(k)}
    parts = []
    if word_first:
        parts.append(r"(?<!\w)" + gen(word_first))
    if other_first:
        parts.append(gen(other_first))
    return "|".join(parts) if parts else r"(?!)"


class _Entry:
    """One distinct pattern (term or exclude phrase) and the owners that listed it."""

    __slots__ = ("regex", "owners", "ends_in_word")

    def __init__(self, regex: re.Pattern[str], ends_in_word: bool) -> None:
        self.regex = regex
        self.ends_in_word = ends_in_word
        self.owners: list[tuple[int, int, str]] = []  # (topic index, term index, text as written)


class _PatternSet:
    """Many term patterns, found fast.

    ``detect`` (a trie regex over lower-cased stems, searched in the lower-cased text) finds every
    position where some pattern may start; ``candidates`` lists the patterns to try there, from a
    bucket keyed by the first two characters. Each candidate is then matched with its own case rule
    on the original text.
    """

    def __init__(self, items: Iterable[tuple[str, bool, bool, tuple[int, int, str]]]) -> None:
        entries: dict[tuple[str, bool, bool], _Entry] = {}
        stems: dict[tuple[str, bool, bool], str] = {}
        for text, prefix, case_sensitive, owner in items:
            stem = _stem(text, prefix)
            key = (stem if case_sensitive else stem.casefold(), prefix, case_sensitive)
            entry = entries.get(key)
            if entry is None:
                src = _term_source(text, prefix)
                entry = _Entry(re.compile(src if case_sensitive else f"(?i:{src})"), prefix or _is_word(stem[-1]))
                entries[key] = entry
                stems[key] = stem.lower()
            entry.owners.append(owner)
        self.entries: list[_Entry] = list(entries.values())
        lowered = [(stems[key], key[1]) for key in entries]
        self.buckets: dict[str, list[_Entry]] = {}
        for entry, (stem, _prefix) in zip(self.entries, lowered):
            self.buckets.setdefault(_bucket_key(stem), []).append(entry)
        self.source = _trie_regex(lowered)
        self.detect = re.compile(self.source)
        self._detect_ci: re.Pattern[str] | None = None

    def detector(self, exact_lower: bool) -> re.Pattern[str]:
        """The detection regex for a lower-cased copy (``exact_lower``) or, when ``lower()`` changed
        the text's length, for the original text with IGNORECASE."""
        if exact_lower:
            return self.detect
        if self._detect_ci is None:
            self._detect_ci = re.compile(self.source, re.IGNORECASE)
        return self._detect_ci

    def candidates(self, lower: str, p: int) -> list[_Entry]:
        cands = self.buckets.get(_bucket_key(lower[p : p + 2]), [])
        if p + 1 < len(lower):  # patterns of a single character are bucketed by that character
            one = self.buckets.get(_bucket_key(lower[p]))
            if one:
                cands = cands + one
        return cands


def _cut_mid_word(text: str, end: int, r_end: int, entry: _Entry) -> bool:
    """A match that ends at the region end while the word goes on beyond it is no match."""
    return end == r_end < len(text) and entry.ends_in_word and _is_word(text[end]) and _is_word(text[end - 1])


class TopicMatcher:
    """Finds the terms of a set of topic lexicons in text. Build once, call :meth:`find` often."""

    def __init__(self, lexicons: Iterable[TopicLexicon]) -> None:
        self.lexicons: tuple[TopicLexicon, ...] = tuple(lexicons)
        seen: dict[str, str] = {}
        for lex in self.lexicons:
            if lex.id in seen:
                where = lex.source or lex.id
                raise LexiconError(f"{where}: id: duplicate topic id {lex.id!r} (also in {seen[lex.id] or 'another lexicon'})")
            seen[lex.id] = lex.source
        self.topic_ids: tuple[str, ...] = tuple(lex.id for lex in self.lexicons)

        terms: list[tuple[str, bool, bool, tuple[int, int, str]]] = []
        phrases: list[tuple[str, bool, bool, tuple[int, int, str]]] = []
        for t_idx, lex in enumerate(self.lexicons):
            where = lex.source or lex.id
            for term_idx, term in enumerate(lex.terms):
                text = _normalize(term.text)
                if not WORD_CHAR_RE.search(text):
                    raise LexiconError(f"{where}: terms: {term.text!r} has no letter or digit")
                prefix = term.prefix or star_split(text)[1]
                terms.append((text, prefix, term.case_sensitive, (t_idx, term_idx, term.text)))
            for phrase in lex.exclude:
                text = _normalize(phrase)
                if not WORD_CHAR_RE.search(text):
                    raise LexiconError(f"{where}: exclude: {phrase!r} has no letter or digit")
                phrases.append((text, star_split(text)[1], False, (t_idx, -1, phrase)))
        self._terms = _PatternSet(terms)
        self._phrases = _PatternSet(phrases) if phrases else None
        self._has_exclude = [bool(lex.exclude) for lex in self.lexicons]

    # -- finding -------------------------------------------------------------------------------

    def find(self, text: str, article_id: str, spans: Sequence[Span] | None = None) -> list[TopicHit]:
        """Topic hits in ``text`` (a matching copy: quotes straightened one-for-one), in text order.

        With ``spans``, only matches lying wholly inside one of the (merged) spans are found; word
        boundaries are still judged against the full text. Hits at the same span are in lexicon
        order. Hits have ``sentence_index == -1``.
        """
        regions = merge_spans(spans, len(text)) if spans is not None else [(0, len(text))]
        hits: list[TopicHit] = []
        lower = text.lower()
        exact_lower = len(lower) == len(text)
        if not exact_lower:  # e.g. "İ" lower-cases to two characters
            lower = text
        search = self._terms.detector(exact_lower).search
        candidates = self._terms.candidates
        has_exclude = self._has_exclude
        topic_ids = self.topic_ids
        for r_start, r_end in regions:
            exclusions: dict[int, tuple[list[int], list[int]]] | None = None
            pos = r_start
            while pos < r_end:
                m = search(lower, pos, r_end)
                if m is None:
                    break
                p = m.start()
                best_end = -1
                winners: dict[int, tuple[int, str]] = {}
                for entry in candidates(lower, p):
                    mm = entry.regex.match(text, p, r_end)
                    if mm is None:
                        continue
                    end = mm.end()
                    if end < best_end or _cut_mid_word(text, end, r_end, entry):
                        continue
                    for t_idx, term_idx, term_text in entry.owners:
                        if has_exclude[t_idx]:
                            if exclusions is None:
                                exclusions = self._exclusions(text, lower, exact_lower, r_start, r_end)
                            if _inside(exclusions.get(t_idx), p, end):
                                continue
                        if end > best_end:
                            best_end = end
                            winners = {}
                        prev = winners.get(t_idx)
                        if prev is None or term_idx < prev[0]:
                            winners[t_idx] = (term_idx, term_text)
                if not winners:
                    pos = p + 1
                    continue
                span = Span(p, best_end)
                for t_idx in sorted(winners):
                    hits.append(TopicHit(article_id, topic_ids[t_idx], winners[t_idx][1], span))
                pos = best_end
        return hits

    def _exclusions(
        self, text: str, lower: str, exact_lower: bool, r_start: int, r_end: int
    ) -> dict[int, tuple[list[int], list[int]]]:
        """Every exclude-phrase match in the region, per topic: (starts, running max of ends).
        Overlapping matches are all found (the search restarts one character after each start)."""
        phrases = self._phrases
        assert phrases is not None
        out: dict[int, tuple[list[int], list[int]]] = {}
        search = phrases.detector(exact_lower).search
        pos = r_start
        while pos < r_end:
            m = search(lower, pos, r_end)
            if m is None:
                break
            s = m.start()
            for entry in phrases.candidates(lower, s):
                mm = entry.regex.match(text, s, r_end)
                if mm is None or _cut_mid_word(text, mm.end(), r_end, entry):
                    continue
                for t_idx, _i, _phrase in entry.owners:
                    starts, max_ends = out.setdefault(t_idx, ([], []))
                    starts.append(s)
                    max_ends.append(max(mm.end(), max_ends[-1]) if max_ends else mm.end())
            pos = s + 1
        return out

    # -- reporting -----------------------------------------------------------------------------

    def unmatched_terms(self, hits: Iterable[TopicHit]) -> dict[str, list[str]]:
        """For every topic, its lexicon terms (as written) that produced none of ``hits``."""
        used = {(h.topic_id, h.term) for h in hits}
        return {lex.id: [t.text for t in lex.terms if (lex.id, t.text) not in used] for lex in self.lexicons}


def _inside(exclusions: tuple[list[int], list[int]] | None, start: int, end: int) -> bool:
    """Is [start, end) wholly inside one of the exclusion matches (starts sorted, running max ends)?"""
    if not exclusions:
        return False
    starts, max_ends = exclusions
    k = bisect_right(starts, start) - 1
    return k >= 0 and max_ends[k] >= end

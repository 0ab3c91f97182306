"""Word tokens: every word-token regex and tokenizer of framing, the ``*``-term rule and
the verb inflector.

The regexes differ on purpose, each for what it counts:

``BODY_WORD_RE``
    A word of running text: a run of letters, digits or underscores, runs joined by a
    hyphen or an apostrophe (straight or curly) count once (``Korea-China``, ``China's``,
    ``China’s``). The body word count (``count_tokens``: articles.csv ``body_words`` and
    the per-1,000-token rates) and the word counts of headings and captions
    (``text.clean``) use it.
``TERM_WORD_RE``
    A term for the distinctive words of an outlet: lower-case ASCII letters only, with
    inner hyphens and apostrophes (``non-nuclear``, ``china's``). Digits, underscores and
    other scripts are left out, so that numbers and dates never become "distinctive
    words"; ``term_words`` casefolds and straightens curly apostrophes first, and
    ``term_tokens`` also drops stopwords and one-letter words (the digest's terms; the
    shared-quote search reads quotes with ``term_words``).
``ATTRIBUTION_TOKEN_RE``
    The tokens the attribution rules read (``framing.quotes``): punctuation marks are
    tokens too, initials (``U.S.``) are one token, and a word may hold an ampersand
    (``AT&T said``: the name, not its last letter, is the speaker).
``NAME_WORD_RE``
    The words of a lexicon name or term, for the "only function words" check: plain runs,
    not joined by hyphens (``of-the`` is the function words ``of`` and ``the``).
``FIRST_WORD_RE``
    The first word of a sentence piece (after opening quotes and brackets), which sentence
    segmentation asks about: does it start like a name?
``CAPITALISED_WORD_RE``
    One capitalised word, hyphens and apostrophes included (``O'Neill``, ``Jae-in``): a
    name that can be a surname on its own (``framing.quotes.speakers`` still has its own copy,
    ``_CAP_WORD``, due to import this).
``WORD_CHAR_RE``
    One word character: the boundary whole-word matching (topic terms, actor names) and the
    ``*`` rule are judged by.
``TONE_TERM_RE``
    A term of the fitted tone layer's bags of words (``framing.sentiment.lexical_terms``):
    a lower-case word with inner apostrophes or hyphens, or a clause mark (``, ; :``) or
    ``! ?``, which end a negation's reach (``negated_terms``) and the n-grams that touch the
    person (``touching_ngrams``). ``light_stem`` gives a term's stem.

VADER's own tokens (``str.split`` and stripped punctuation, in ``framing.vader`` and the tone
features of ``framing.sentiment``) are part of the VADER port and stay there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

__all__ = [
    "ATTRIBUTION_TOKEN_RE",
    "BODY_WORD_RE",
    "CAPITALISED_WORD_RE",
    "FIRST_WORD_RE",
    "MIN_PREFIX",
    "NAME_WORD_RE",
    "TERM_WORD_RE",
    "TONE_TERM_RE",
    "WORD_CHAR_RE",
    "count_tokens",
    "is_word_char",
    "light_stem",
    "merge_spans",
    "negated_terms",
    "star_problem",
    "star_split",
    "term_tokens",
    "term_words",
    "touching_ngrams",
    "verb_forms",
]

WORD_CHAR_RE = re.compile(r"\w")
BODY_WORD_RE = re.compile(r"\w+(?:[-'\u2019]\w+)*")
TERM_WORD_RE = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
ATTRIBUTION_TOKEN_RE = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w+(?:['\-&]\w+)*|''|[^\w\s]")
NAME_WORD_RE = re.compile(r"\w+")
FIRST_WORD_RE = re.compile(r"[\"'(]*([A-Za-z][\w'-]*)")
CAPITALISED_WORD_RE = re.compile(r"[A-Z][\w'\-]*")
TONE_TERM_RE = re.compile(r"[a-z][a-z'’-]*|[!?,;:]")
_CLAUSE_MARKS = frozenset(",;:")
_PUNCT_MARKS = frozenset(",;:!?")


def is_word_char(ch: str) -> bool:
    """Whether ``ch`` (one character) is a letter, digit or underscore."""
    return WORD_CHAR_RE.match(ch) is not None


# --------------------------------------------------------------------------------------------
# Counting and listing words
# --------------------------------------------------------------------------------------------


def merge_spans(spans: Iterable[Any], n: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` regions covered by ``spans`` (objects with ``start`` and ``end``),
    clipped to ``[0, n)``, sorted, empty ones dropped and overlapping or touching ones merged."""
    merged: list[list[int]] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        start, end = min(s.start, n), min(s.end, n)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def count_tokens(text: str, spans: Sequence[Any] | None = None) -> int:
    """Word tokens (``\\w+(?:[-'’]\\w+)*``: ``Korea-China`` and ``China's`` are one token each)
    in ``text``, or only inside ``spans`` (merged first, so overlapping spans count once).
    Objects with a ``.span`` (sentences, paragraphs) are accepted in place of spans."""
    if spans is None:
        return len(BODY_WORD_RE.findall(text))
    plain = [getattr(s, "span", s) for s in spans]
    return sum(len(BODY_WORD_RE.findall(text, a, b)) for a, b in merge_spans(plain, len(text)))


def term_words(text: str) -> list[str]:
    """The ``TERM_WORD_RE`` words of ``text``, casefolded, curly apostrophes straightened."""
    return TERM_WORD_RE.findall(text.casefold().replace("\u2019", "'"))


def term_tokens(text: str, stopwords: Collection[str]) -> list[str]:
    """Word tokens for distinctive words: lower case, curly apostrophes straightened,
    stopwords and one-letter tokens left out."""
    return [t for t in term_words(text) if t not in stopwords and len(t) > 1]


# --------------------------------------------------------------------------------------------
# The ``*`` rule of lexicon terms (topic lexicons and LIWC-style dictionaries)
# --------------------------------------------------------------------------------------------

#: Minimum number of characters before a trailing ``*`` (``AI*`` would match aid, aim, air ...).
MIN_PREFIX = 3


def star_split(term: str) -> tuple[str, bool]:
    """``(stem, is_prefix)``: a term ending in ``*`` is a prefix of the rest of a word (what
    the matchers turn into ``\\w*``: letters, digits and underscores, never across a hyphen or
    an apostrophe); any other term is its own stem."""
    return (term[:-1], True) if term.endswith("*") else (term, False)


def star_problem(term: str) -> str | None:
    """What breaks the ``*`` rule in ``term``, or None. The rule: ``*`` only at the very end,
    directly after a letter or digit, with at least ``MIN_PREFIX`` characters before it.

    The answer is a key each caller words its own message for: ``"inner"`` (a ``*`` before
    the end), ``"after_non_word"`` (the ``*`` follows punctuation or a space, or stands
    alone), ``"short"`` (fewer than ``MIN_PREFIX`` characters before it). Whether the term
    holds a letter or digit at all is the callers' own check (``WORD_CHAR_RE.search``)."""
    if "*" in term[:-1]:
        return "inner"
    stem, prefix = star_split(term)
    if not prefix:
        return None
    if not stem or not WORD_CHAR_RE.fullmatch(stem[-1]):
        return "after_non_word"
    if len(stem) < MIN_PREFIX:
        return "short"
    return None


# --------------------------------------------------------------------------------------------
# Verb forms
# --------------------------------------------------------------------------------------------

_VOWELS = "aeiou"


def verb_forms(lemma: str, irregular: Mapping[str, Sequence[str]] | None = None) -> tuple[str, ...]:
    """The lemma and its 3rd-person, past and -ing forms, by the rule documented in the
    attribution lexicon (``lexicons/language/attribution-en.toml``), applied to the lemma's
    first word (``call for`` -> ``calls for``, ``called for``, ``calling for``). A first word
    in ``irregular`` takes the forms listed there instead."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if irregular and head in irregular:
        forms = tuple(irregular[head])
    else:
        if head.endswith("y") and len(head) > 1 and head[-2] not in _VOWELS:
            third, past = head[:-1] + "ies", head[:-1] + "ied"
        else:
            third = head + "es" if head.endswith(("s", "x", "z", "ch", "sh", "o")) else head + "s"
            past = head + "d" if head.endswith("e") else head + "ed"
        if head.endswith("ie"):
            ing = head[:-2] + "ying"
        elif head.endswith("e") and not head.endswith(("ee", "ye", "oe")) and len(head) > 2:
            ing = head[:-1] + "ing"
        else:
            ing = head + "ing"
        forms = (third, past, ing)
    return (lemma,) + tuple(f + tail for f in forms)


def negated_terms(words: list[str], negations: frozenset[str]) -> list[str]:
    """Words after a negation, up to the next punctuation, marked "NOT_" (Das & Chen 2001)."""
    out: list[str] = []
    on = False
    for w in words:
        if w in _CLAUSE_MARKS or w in ("!", "?"):
            on = False
            out.append(w)
            continue
        out.append("NOT_" + w if on else w)
        if w in negations or w.endswith(("n't", "n’t")):
            on = True
    return out


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """A light inflectional stemmer (plural, -ed, -ing, -ly; Porter's step 1 in spirit):
    "attacked", "attacks", "attacking" -> "attack", so an inflection rare in training still
    shares its word's weight. "NOT_" marks are kept."""
    if word.startswith("NOT_"):
        return "NOT_" + light_stem(word[4:])
    w = word[:-2] if word.endswith(("'s", "’s")) else word
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suffix):
            base = w[: -len(suffix)]
            if len(base) >= 3 and not _VOWELS.isdisjoint(base):
                w = base
                if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in _VOWELS:
                    w = w[:-1]  # stopped -> stop
                elif w.endswith("i"):
                    w = w[:-1] + "y"  # happily -> happy
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]  # "hoped" and "hope" both give "hop": only alike matters
    return w


def touching_ngrams(tokens: list[str], i: int, n: int, target: str) -> list[str]:
    """The word n-grams (2..n) that end or start at ``tokens[i]`` (written ``target``), not
    across punctuation: "by_TGT", "TGT_was", "accused_by_TGT" (the person's role in the clause)."""
    out = []
    for k in range(1, n):
        before = tokens[max(0, i - k) : i]
        if len(before) == k and all(w not in _PUNCT_MARKS for w in before):
            out.append("_".join((*before, target)))
        after = tokens[i + 1 : i + 1 + k]
        if len(after) == k and all(w not in _PUNCT_MARKS for w in after):
            out.append("_".join((target, *after)))
    return out

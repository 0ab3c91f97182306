"""Quotes and reported speech: what was said, by whom, with which cue, through which channel.

``extract_quotes`` finds, in one article:

* quotes between quote marks (straight or curly, single or double, NYT-style ``''``), with
  mismatched closers read by context, apostrophes told apart from single quotes, and a
  quote that runs on into the next paragraph;
* their kind: ``direct`` (a quoted sentence or clause), ``partial`` (quoted words inside
  the writer's sentence), ``scare`` (quoted words nobody is said to have said),
  ``headline`` (in a heading paragraph);
* reported speech without quote marks (``reported``): "Lee reiterated that …";
* for each, the mention naming the speaker, the reporting cue and the channel.

All English knowledge (verbs, pronouns, channels, outlets, function words) is lexicon data
from ``lexicons/language/attribution-en.toml``; the code knows only the shapes of
attribution. Everything is offsets into the original text; matching runs on
``clean.matching_copy`` (same length). The work is linear in the text: regular
expressions are compiled once per rule set and contain no nested repeats.
"""

from __future__ import annotations

import bisect
import copyreg
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, groupby, islice
from pathlib import Path
from types import MappingProxyType

from .clean import matching_copy
from .errors import LexiconError
from .lexicon_schema import HEADER_KEYS, check_keys, compile_pattern, fail, get_str_list, get_table, parse_header
from .types import CHANNEL_TYPES, SPEECH_CLASSES, VERB_CLASSES, Paragraph, Sentence, Span



def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


# The rules' read-only maps travel to parallel workers inside pickled lexicons.
copyreg.pickle(MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))

__all__ = [
    "QuoteCandidate",
    "AttributionRules",
    "parse_attribution_lexicon",
    "load_default_rules",
    "extract_quotes",
    "DEFAULT_LEXICON",
]

DEFAULT_LEXICON = Path(__file__).resolve().parents[1] / "lexicons/language/attribution-en.toml"


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    span: Span  # the quote's words without the quote marks (reported: the reported content)
    kind: str  # "direct" | "partial" | "reported" | "scare" | "headline"
    speaker_span: Span | None  # the mention naming the speaker for this quote
    cue_span: Span | None  # reporting verb or phrase
    channel_span: Span | None  # the channel phrase
    channel_type: str  # one of CHANNEL_TYPES or ""
    sentence_index: int  # sentence holding the quote's start
    continues: int | None  # index (in the returned list) of the quote this one continues


# --------------------------------------------------------------------------------------
# The lexicon
# --------------------------------------------------------------------------------------

_TOP_KEYS = HEADER_KEYS | {"verbs", "inflections", "phrases", "grammar", "pronouns", "channels", "outlets", "source_types", "metonyms"}
_PHRASE_KEYS = frozenset({"source_after", "passive_quoted", "carry_over"})
_GRAMMAR_KEYS = frozenset(
    {"addressee_verbs", "quote_only", "between", "time_words", "time_prefixes", "determiners", "boundaries", "honorifics", "titles"}
)
_OPTIONAL_GRAMMAR_KEYS = frozenset({"coordinators", "past_forms", "standalone"})
_PRONOUN_KEYS = frozenset({"male", "female", "group", "other"})
_CHANNEL_KEYS = frozenset(CHANNEL_TYPES) - {"own_interview"}
_OUTLET_KEYS = frozenset({"state_media", "other_outlet", "outlet_words"})
_SOURCE_TYPE_KEYS = frozenset({"government", "state_media", "expert", "business", "media", "group", "unnamed", "other"})


@dataclass(frozen=True, slots=True)
class AttributionRules:
    """A parsed attribution lexicon with its matchers compiled."""

    id: str
    label: str
    version: str
    description: str
    source: str
    verbs: Mapping[str, tuple[str, ...]]  # class -> lemmas
    forms: Mapping[str, tuple[str, str]]  # lower-case form -> (lemma, class)
    source_after: tuple[str, ...]
    passive_quoted: tuple[str, ...]
    addressee: frozenset[str]
    quote_only: frozenset[str]
    between: frozenset[str]
    time_words: frozenset[str]
    time_prefixes: frozenset[str]
    determiners: frozenset[str]
    boundaries: frozenset[str]
    honorifics: frozenset[str]
    titles: frozenset[str]
    coordinators: frozenset[str]  # "and", "or": "South Korean and Chinese broadcasters"
    past_forms: frozenset[str]  # irregular past tenses ("met", "spoke"): a verb, as "-ed" is
    standalone: frozenset[str]  # determiners that can stand for their noun: "Another said"
    pronouns: Mapping[str, tuple[str, ...]]
    pronoun_set: frozenset[str]
    channels: Mapping[str, tuple[str, ...]]
    outlets: Mapping[str, tuple[str, ...]]
    outlet_words: tuple[str, ...]
    source_types: Mapping[str, tuple[str, ...]]
    metonyms: Mapping[str, str]  # casefolded place ("moscow") -> the speaker type it stands for
    cue_re: re.Pattern[str]
    cue_index: Mapping[str, tuple[tuple[str, ...], ...]]  # first word -> cue word sequences, longest first
    # first word -> source phrases of several words ("state media", "news agency"), longest first
    source_phrase_index: Mapping[str, tuple[tuple[str, ...], ...]]
    channel_re: re.Pattern[str]
    channel_kind: Mapping[str, tuple[str, bool]]  # lower-case phrase -> (channel type, is named outlet)
    carry_over_re: re.Pattern[str] | None

    def cue_class(self, cue: str) -> str:
        """The verb class of a cue text ("said" -> "neutral"), "phrase" or "" when unknown."""
        key = " ".join(cue.lower().split())
        if key in self.forms:
            return self.forms[key][1]
        if key in {p.lower() for p in self.source_after + self.passive_quoted}:
            return "phrase"
        return ""

    def stance(self, cue: str) -> str:
        """What a quote's cue reports: its verb class ("said" -> "neutral", "wants" ->
        "intention"), "other" for a cue that is no listed verb ("according to"), "" for none."""
        if not cue:
            return ""
        return self.forms.get(" ".join(cue.lower().split()), ("", "other"))[1]


def _inflect(lemma: str, irregular: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The lemma and its forms by the rule documented in the lexicon file."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in irregular:
        forms = irregular[head]
    else:
        vowels = "aeiou"
        if head.endswith("y") and len(head) > 1 and head[-2] not in vowels:
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


def _alternation(terms: Sequence[str]) -> str:
    parts = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        parts.append(r"\s+".join(re.escape(w) for w in term.split()))
    return "|".join(parts) if parts else r"(?!x)x"


def _trie_units(term: str) -> list[str]:
    """A term as regex units: one escaped character each, ``\\s+`` between words."""
    units: list[str] = []
    for n, word in enumerate(term.split()):
        if n:
            units.append(r"\s+")
        units.extend(re.escape(c) for c in word)
    return units


def _trie_alternation(terms: Sequence[str], ignore_case: bool) -> str:
    """The same matches as ``_alternation(terms)``, factored on common prefixes.

    A flat alternation of a few hundred terms makes the regex engine try every term at
    every word start; the trie tries only the terms that can match the next character.
    The match is the same: siblings in the trie never match the same text character
    (each is one escaped non-space character, or ``\\s+``), so the terms that can match
    at a position are prefixes of one another, and the trie tries them longest first,
    ending a term only after every longer one failed, just as the flat alternation
    (sorted longest first) does. Under IGNORECASE that holds for distinct lower-case
    ASCII characters only ("s" and the long s, "a" and "A" match the same text), so
    other term lists keep the flat alternation.
    """
    if ignore_case and not all(t.isascii() and t == t.lower() for t in terms):
        return _alternation(terms)
    if not terms:
        return _alternation(terms)
    root: dict[str, dict] = {}
    for term in set(terms):
        node = root
        for unit in _trie_units(term):
            node = node.setdefault(unit, {})
        node[""] = {}  # a term ends here

    def emit(node: dict[str, dict]) -> str:
        alts = [unit + emit(child) for unit, child in sorted(node.items()) if unit]
        if "" in node:
            alts.append("")  # ending here is tried last: after every longer term
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def _lower_set(values: Sequence[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def parse_attribution_lexicon(data: dict, source: str) -> AttributionRules:
    """Validate a parsed attribution TOML document; raise ``LexiconError("file: key: problem")``."""
    _, lex_id, label, version, description = parse_header(data, source, "attribution")
    check_keys(data, _TOP_KEYS, source)

    verbs_t = get_table(data, "verbs", source, required=True)
    check_keys(verbs_t, frozenset(VERB_CLASSES), source, "verbs")
    verbs: dict[str, tuple[str, ...]] = {}
    seen_lemma: dict[str, str] = {}
    for cls in VERB_CLASSES:
        lemmas = get_str_list(verbs_t, cls, source, "verbs", required=cls == "neutral", nonempty=True)
        for lemma in lemmas:
            low = " ".join(lemma.lower().split())
            if low in seen_lemma:
                raise fail(source, f"verbs.{cls}", f"duplicate term {lemma!r} (also in verbs.{seen_lemma[low]})")
            seen_lemma[low] = cls
        verbs[cls] = tuple(" ".join(v.lower().split()) for v in lemmas)

    infl_t = get_table(data, "inflections", source)
    irregular: dict[str, tuple[str, ...]] = {}
    for key in infl_t:
        forms = get_str_list(infl_t, key, source, "inflections", nonempty=True)
        if len(forms) < 3:
            raise fail(source, f"inflections.{key}", "expected [3rd person, past, -ing] and optionally more forms")
        if " " in key.strip():
            raise fail(source, f"inflections.{key}", "inflections are for single words (the first word of a lemma)")
        irregular[key.lower()] = tuple(f.lower() for f in forms)

    forms: dict[str, tuple[str, str]] = {}
    for cls in VERB_CLASSES:
        for lemma in verbs[cls]:
            for form in _inflect(lemma, irregular):
                forms.setdefault(form, (lemma, cls))

    phr = get_table(data, "phrases", source)
    check_keys(phr, _PHRASE_KEYS, source, "phrases")
    source_after = tuple(p.lower() for p in get_str_list(phr, "source_after", source, "phrases", nonempty=True))
    passive_quoted = tuple(p.lower() for p in get_str_list(phr, "passive_quoted", source, "phrases", nonempty=True))
    carry = get_str_list(phr, "carry_over", source, "phrases", nonempty=True, casefold=False)
    carry_res = [compile_pattern(p, source, "phrases.carry_over", re.IGNORECASE) for p in carry]
    carry_over_re = re.compile("|".join(f"(?:{r.pattern})" for r in carry_res), re.IGNORECASE) if carry_res else None

    gram = get_table(data, "grammar", source, required=True)
    check_keys(gram, _GRAMMAR_KEYS | _OPTIONAL_GRAMMAR_KEYS, source, "grammar")
    g = {k: _lower_set(get_str_list(gram, k, source, "grammar", required=k in _GRAMMAR_KEYS, nonempty=True)) for k in sorted(_GRAMMAR_KEYS | _OPTIONAL_GRAMMAR_KEYS)}
    for key in ("addressee_verbs", "quote_only"):
        for lemma in g[key]:
            if lemma not in seen_lemma:
                raise fail(source, f"grammar.{key}", f"{lemma!r} is not a verb in [verbs]")

    pro_t = get_table(data, "pronouns", source, required=True)
    check_keys(pro_t, _PRONOUN_KEYS, source, "pronouns")
    pronouns = {k: tuple(p.lower() for p in get_str_list(pro_t, k, source, "pronouns", nonempty=True)) for k in sorted(_PRONOUN_KEYS)}
    if not any(pronouns.values()):
        raise fail(source, "pronouns", "no pronouns listed")
    pronoun_set = frozenset(p for ps in pronouns.values() for p in ps)

    ch_t = get_table(data, "channels", source, required=True)
    check_keys(ch_t, _CHANNEL_KEYS, source, "channels")
    channels = {k: get_str_list(ch_t, k, source, "channels", nonempty=True) for k in CHANNEL_TYPES if k in _CHANNEL_KEYS}
    out_t = get_table(data, "outlets", source, required=True)
    check_keys(out_t, _OUTLET_KEYS, source, "outlets")
    outlets = {k: get_str_list(out_t, k, source, "outlets", nonempty=True, casefold=False) for k in ("state_media", "other_outlet")}
    outlet_words = get_str_list(out_t, "outlet_words", source, "outlets", nonempty=True)

    channel_kind: dict[str, tuple[str, bool]] = {}
    for ctype, names in outlets.items():
        for name in names:
            low = " ".join(name.lower().split())
            if low in channel_kind:
                raise fail(source, f"outlets.{ctype}", f"duplicate outlet {name!r}")
            channel_kind[low] = (ctype, True)
    for ctype, phrases in channels.items():
        for phrase in phrases:
            low = " ".join(phrase.lower().split())
            if low in channel_kind:
                raise fail(source, f"channels.{ctype}", f"duplicate term {phrase!r} (also an outlet or another channel)")
            channel_kind[low] = (ctype, False)
    for word in outlet_words:
        low = " ".join(word.lower().split())
        if low in channel_kind:
            raise fail(source, "outlets.outlet_words", f"duplicate term {word!r}")
        channel_kind[low] = ("other_outlet", False)

    st_t = get_table(data, "source_types", source)
    check_keys(st_t, _SOURCE_TYPE_KEYS, source, "source_types")
    source_types = {k: tuple(get_str_list(st_t, k, source, "source_types", nonempty=True)) for k in sorted(_SOURCE_TYPE_KEYS) if k in st_t}
    met_t = get_table(data, "metonyms", source)
    check_keys(met_t, _SOURCE_TYPE_KEYS, source, "metonyms")
    metonyms: dict[str, str] = {}
    for kind in sorted(met_t):
        for place in get_str_list(met_t, kind, source, "metonyms", nonempty=True):
            key = " ".join(place.casefold().split())
            if key in metonyms:
                raise fail(source, f"metonyms.{kind}", f"duplicate place {place!r} (also under {metonyms[key]})")
            metonyms[key] = kind

    cue_terms = list(forms) + list(source_after) + list(passive_quoted)
    cue_re = re.compile(r"(?<![\w'-])(?:" + _alternation(cue_terms) + r")(?![\w-]|'\w)", re.IGNORECASE)
    # Outlet names are matched case-sensitively when they are all capitals ("AP", "RT").
    ci = [k for k in channel_kind if not _is_acronym(k, outlets)]
    cs = [n for names in outlets.values() for n in names if _is_acronym(n.lower(), outlets)]
    channel_re = re.compile(
        r"(?<![\w'-])(?:(?i:" + _trie_alternation(ci, True) + r")|" + _trie_alternation(cs, False) + r")(?![\w-]|'\w)",
    )
    return AttributionRules(
        id=lex_id, label=label, version=version, description=description, source=source,
        verbs=MappingProxyType(verbs), forms=MappingProxyType(forms),
        source_after=source_after, passive_quoted=passive_quoted,
        addressee=g["addressee_verbs"], quote_only=g["quote_only"], between=g["between"], time_words=g["time_words"],
        time_prefixes=g["time_prefixes"], determiners=g["determiners"], boundaries=g["boundaries"],
        honorifics=g["honorifics"], titles=g["titles"], coordinators=g["coordinators"],
        past_forms=g["past_forms"], standalone=g["standalone"],
        pronouns=MappingProxyType(pronouns), pronoun_set=pronoun_set,
        channels=MappingProxyType(channels), outlets=MappingProxyType(outlets), outlet_words=outlet_words,
        source_types=MappingProxyType(source_types), metonyms=MappingProxyType(metonyms),
        cue_re=cue_re, cue_index=MappingProxyType(_word_sequence_index(cue_terms)),
        source_phrase_index=MappingProxyType(_word_sequence_index([p for p in (*outlet_words, *(c for cs in source_types.values() for c in cs)) if " " in p.strip()])),
        channel_re=channel_re, channel_kind=MappingProxyType(channel_kind), carry_over_re=carry_over_re,
    )


def _word_sequence_index(terms: Sequence[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the terms as word sequences, longest first (cue and source-phrase matching)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for term in set(terms):
        words = tuple(_TOKEN.findall(term.lower()))
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _is_acronym(low: str, outlets: Mapping[str, tuple[str, ...]]) -> bool:
    for names in outlets.values():
        for n in names:
            if n.lower() == low and n.isupper() and len(n) <= 4:
                return True
    return False


def load_rules(path: str | Path) -> AttributionRules:
    """Read, validate and parse one attribution lexicon file."""
    from .lexicon import read_lexicon_file

    info, rules = read_lexicon_file(Path(path))
    if info.kind != "attribution":
        raise LexiconError(f"{path}: kind: expected an attribution lexicon, got {info.kind!r}")
    return rules


def load_default_rules() -> AttributionRules:
    """The English rules shipped with framing."""
    return load_rules(DEFAULT_LEXICON)


# --------------------------------------------------------------------------------------
# Quote marks
# --------------------------------------------------------------------------------------

_MARK = re.compile(r"''|\"|'")
_OPEN_CTX = " \t\n([{—–-/\u2014\u2013"
_CLOSE_NEXT = " \t\n.,;:!?)]}—–-\u2014\u2013\"'…"
_ELISION = re.compile(r"'(?:\d\d(?:s\b|\b)|(?:em|tis|til|cause|n|bout|twas)\b)", re.IGNORECASE)


@dataclass(slots=True)
class _RawQuote:
    start: int  # content start (after the mark)
    end: int  # content end (before the mark)
    open_mark: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== end when unclosed)
    paragraph: int
    runon: bool = False  # the paragraph ended inside this quote and the next paragraph goes on
    continued_from_runon: bool = False


def _double_marks(text: str, copy: str, ps: int, pe: int) -> list[tuple[int, int, str]]:
    """(start, end, orientation) of double quote marks in copy[ps:pe]; orientation open/close/amb."""
    out: list[tuple[int, int, str]] = []
    for m in _MARK.finditer(copy, ps, pe):
        s, e = m.start(), m.end()
        if m.group() == "'":
            continue
        if m.group() == "''" and text[s:e] != "''":
            continue  # two curly single marks side by side are not NYT's double mark
        prev = copy[s - 1] if s > ps else " "
        nxt = copy[e] if e < pe else " "
        opener = prev in _OPEN_CTX or prev in "\"'" and s - 1 >= ps and (s - 2 < ps or copy[s - 2] in _OPEN_CTX)
        opener = opener and not nxt.isspace()
        closer = not prev.isspace() and (nxt in _CLOSE_NEXT or e >= pe)
        if opener and not closer:
            orient = "open"
        elif closer and not opener:
            orient = "close"
        else:
            ch = text[s]
            orient = "open" if ch in "\u201c\u201e\u00ab" else "close" if ch in "\u201d\u00bb" else "amb"
        out.append((s, e, orient))
    return out


def _pair(marks: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, int, int]], int | None, int | None]:
    """Pair marks left to right; return (pairs as (open_s, open_e, close_s, close_e), unclosed opener end)."""
    pairs = []
    open_at: tuple[int, int] | None = None
    for s, e, orient in marks:
        if open_at is None:
            if orient in ("open", "amb"):
                open_at = (s, e)
        elif orient in ("close", "amb"):
            pairs.append((open_at[0], open_at[1], s, e))
            open_at = None
        else:  # an opener while open: the earlier one never closed; start again here
            open_at = (s, e)
    return pairs, (open_at[1] if open_at else None), (open_at[0] if open_at else None)


def _single_pairs(text: str, copy: str, ps: int, pe: int, taken: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Single-quote pairs outside the double quotes; apostrophes are not quote marks."""
    segment = copy[ps:pe]
    if "'" not in segment:
        return []
    openers: list[int] = []
    closers: list[int] = []
    # The taken spans by start, with the furthest end so far: an offset is inside one iff the
    # furthest end among the spans starting at or before it is past it (no scan per mark).
    taken = sorted(taken)
    taken_starts = [a for a, _ in taken]
    reach = list(accumulate((b for _, b in taken), max))
    for m in re.finditer("'", segment):
        i = ps + m.start()
        if i + 1 < pe and copy[i + 1] == "'" or i > ps and copy[i - 1] == "'":
            continue  # part of a '' double mark
        k = bisect.bisect_right(taken_starts, i)
        if k and reach[k - 1] > i:
            continue
        prev = copy[i - 1] if i > ps else " "
        nxt = copy[i + 1] if i + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don't, Korea's
        if (prev in _OPEN_CTX or prev == '"') and (nxt.isalnum() or nxt in "$#(") and not _ELISION.match(copy, i):
            openers.append(i)
        elif not prev.isspace() and (nxt in _CLOSE_NEXT or i + 1 >= pe):
            closers.append(i)
    pairs = []
    ci = 0
    last_end = -1
    for o in openers:
        if o < last_end:
            continue
        while ci < len(closers) and closers[ci] <= o:
            ci += 1
        if ci >= len(closers):
            break
        # Prefer a closer not after a plural -s (the Koreas' ties) when a later one exists.
        pick = ci
        if copy[closers[ci] - 1] in "sS" and ci + 1 < len(closers):
            k = bisect.bisect_right(openers, o)
            nxt_open = openers[k] if k < len(openers) else pe
            if closers[ci + 1] < nxt_open:
                pick = ci + 1
        c = closers[pick]
        k = bisect.bisect_right(taken_starts, o)
        if k < len(taken_starts) and taken_starts[k] < c:
            continue  # a double quote starts inside
        pairs.append((o, o + 1, c, c + 1))
        last_end = c + 1
        ci = pick + 1
    return pairs


def _trim(copy: str, s: int, e: int) -> tuple[int, int]:
    while s < e and copy[s].isspace():
        s += 1
    while e > s and (copy[e - 1].isspace() or copy[e - 1] == ","):
        e -= 1
    return s, e


def _find_marked(text: str, copy: str, paragraphs: Sequence[Paragraph]) -> list[_RawQuote]:
    out: list[_RawQuote] = []
    runon_prev = False
    for pi, para in enumerate(paragraphs):
        ps, pe = para.span.start, para.span.end
        marks = _double_marks(text, copy, ps, pe)
        # A paragraph that continues a run-on quote opens with a mark of its own (AP style).
        pairs, unclosed_end, unclosed_start = _pair(marks)
        taken = [(a, d) for a, _, _, d in pairs]
        if unclosed_start is not None:
            taken.append((unclosed_start, pe))
        singles = _single_pairs(text, copy, ps, pe, taken)
        quotes = []
        for os_, oe, cs, ce in pairs + singles:
            s, e = _trim(copy, oe, cs)
            if e > s and any(ch.isalnum() for ch in copy[s:e]):
                quotes.append(_RawQuote(s, e, os_, ce, pi))
        if unclosed_end is not None:
            s, e = _trim(copy, unclosed_end, pe)
            next_opens = False
            if pi + 1 < len(paragraphs):
                nps = paragraphs[pi + 1].span.start
                next_opens = copy[nps : nps + 2].startswith(('"', "''"))
            words = len(re.findall(r"\w+", copy[s:e]))
            if e > s and (next_opens or words >= 3) and not any(q.start <= s < q.end for q in quotes):
                quotes.append(_RawQuote(s, e, unclosed_end - 1, e, pi, runon=next_opens))
        quotes.sort(key=lambda q: q.start)
        if runon_prev and quotes and quotes[0].open_mark == ps:
            quotes[0].continued_from_runon = True
        runon_prev = bool(quotes) and quotes[-1].runon
        out.extend(quotes)
    return out


# --------------------------------------------------------------------------------------
# Tokens, cues and speakers
# --------------------------------------------------------------------------------------

# A word may hold an apostrophe, a hyphen or an ampersand between its letters ("AT&T",
# "S&P"): the name, not its last letter, is the speaker of "AT&T said".
_TOKEN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w+(?:['\-&]\w+)*|''|[^\w\s]")


@dataclass(slots=True)
class _Tok:
    s: int
    e: int
    t: str  # as in the matching copy
    low: str
    quoted: bool  # inside a quote (or a quote mark)
    sent: int  # sentence index


@dataclass(slots=True)
class _Cue:
    i: int  # first token
    j: int  # token after the last
    lemma: str
    cls: str
    phrase: bool  # "according to" and friends: the source follows
    speaker: tuple[int, int] | None = None  # token range
    inverted: bool = False
    borrowed: bool = False
    used: bool = False


def _is_word(t: str) -> bool:
    return bool(t) and (t[0].isalnum())


def _is_cap(t: str) -> bool:
    return bool(t) and t[0].isupper()


def _token_sentences(starts: list[int], sentences: Sequence[Sentence]) -> list[int]:
    """The sentence index of each token (by start offset): the last sentence starting at or
    before it; tokens before the first sentence go to the first."""
    first = sentences[0].index if sentences else 0
    sent_starts = [s.span.start for s in sentences]
    if any(a > b for a, b in zip(sent_starts, sent_starts[1:])):
        # sentences out of order (never from framing.segment): bisect each token as such
        return [sentences[k].index if k >= 0 else first for k in (bisect.bisect_right(sent_starts, s) - 1 for s in starts)]
    out = [first] * len(starts)
    for k, sentence in enumerate(sentences):
        i = bisect.bisect_left(starts, sent_starts[k])
        j = bisect.bisect_left(starts, sent_starts[k + 1]) if k + 1 < len(sent_starts) else len(starts)
        out[i:j] = [sentence.index] * (j - i)
    return out


class _Para:
    """One paragraph's tokens, cues and attributions."""

    def __init__(self, copy: str, para: Paragraph, sentences: Sequence[Sentence], quotes: list[_RawQuote], rules: AttributionRules):
        self.copy = copy
        self.rules = rules
        self.ps, self.pe = para.span.start, para.span.end
        qspans = sorted((q.open_mark, q.close_end) for q in quotes)
        self.qspans = qspans
        self.sentences = sentences
        # The tokens, built a column at a time: a loop doing all of it per token was the
        # main cost of the whole extraction.
        matches = list(_TOKEN.finditer(copy, self.ps, self.pe))
        starts = [m.start() for m in matches]
        texts = [m.group() for m in matches]
        n = len(texts)
        quoted = [False] * n  # inside a quote (or a quote mark): a <= start < b
        for a, b in qspans:
            i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            quoted[i:j] = [True] * (j - i)
        sents = _token_sentences(starts, sentences)
        toks = list(map(_Tok, starts, [m.end() for m in matches], texts, [t.lower() for t in texts], quoted, sents))
        self.toks = toks
        self.starts = starts
        # parenthesis depth of each token (no parenthesis, no loop)
        depth = [0] * n
        if "(" in texts:
            d = 0
            for x, t in enumerate(toks):
                if t.t == "(" and not t.quoted:
                    d += 1
                depth[x] = d
                if t.t == ")" and not t.quoted and d > 0:
                    d -= 1
        self.depth = depth
        # the token range [lo, hi) of each token's sentence: runs of equal sentence index
        lo_: list[int] = []
        hi_: list[int] = []
        x = 0
        for _, run in groupby(sents):
            size = len(list(run))
            lo_ += [x] * size
            hi_ += [x + size] * size
            x += size
        self.sent_lo, self.sent_hi = lo_, hi_
        self.qends = [b for _, b in qspans]
        self.qstarts = [a for a, _ in qspans]
        self.qspan_set = frozenset(qspans)
        self.cues = self._find_cues()
        self.cue_starts = [c.i for c in self.cues]
        for cue in self.cues:
            self._attribute(cue)
        for cue in self.cues:
            if cue.speaker is None and not cue.phrase and (
                toks[cue.j - 1].low.endswith("ing") or cue.i > 0 and toks[cue.i - 1].low in ("and", "but", "or", "then")
            ):
                self._borrow(cue)

    # -- helpers ------------------------------------------------------------------------
    @cached_property
    def chan(self) -> list[tuple[int, int, str]]:
        """Channel phrases (start, end, text), found once per paragraph on first use: a
        third of paragraphs never ask, and the scan costs as much as the tokens."""
        return [(m.start(), m.end(), m.group()) for m in self.rules.channel_re.finditer(self.copy, self.ps, self.pe)]

    @cached_property
    def chan_starts(self) -> list[int]:
        return [c[0] for c in self.chan]

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token i."""
        if i >= len(self.toks):
            return len(self.toks), len(self.toks)
        return self.sent_lo[i], self.sent_hi[i]

    def cues_between(self, a: int, b: int) -> list[_Cue]:
        """Cues whose first token is in [a, b)."""
        return self.cues[bisect.bisect_left(self.cue_starts, a) : bisect.bisect_left(self.cue_starts, b)]

    def _find_cues(self) -> list[_Cue]:
        rules = self.rules
        cues = []
        toks = self.toks
        by_first = rules.cue_index
        # Only the few tokens that can start a cue are looked at; a cue's tokens are not
        # looked at again (cues do not overlap).
        first_words = by_first.keys()
        end = 0
        for i in [i for i, t in enumerate(toks) if t.low in first_words and not t.quoted]:
            if i < end:
                continue
            j = self._longest_at(by_first, i)
            if not j or self._longest_at(rules.source_phrase_index, i) > j:
                continue  # "state media said", "the state broadcaster said": a source, not the verb "state"
            if _is_cap(toks[i].t) and i > 0 and toks[i - 1].sent == toks[i].sent and toks[i - 1].t not in ('"', "''", "'", "(", "—"):
                continue  # "United States", "Global Times": a name, not a verb
            key = " ".join(x.low for x in toks[i:j])
            if key in rules.forms:
                lemma, cls = rules.forms[key]
                if key != lemma and key.endswith("s") and self._after_determiner(i):
                    continue  # "his prepared remarks", "Trump's claims": a plural noun, not a verb
                if key.endswith("ing") and i > 0 and toks[i - 1].low in ("the", "a", "an") and not toks[i - 1].quoted:
                    continue  # "the posting", "a briefing": a noun, not a participle
                cues.append(_Cue(i, j, lemma, cls, False))
            else:
                cues.append(_Cue(i, j, key, "phrase", key in rules.source_after))
            end = j
        return cues

    def _only_adjuncts(self, a: int, b: int) -> bool:
        """Whether tokens a..b (a sentence's end) hold only time words and one short
        prepositional phrase, no clause: "…, Liu wrote Thursday on 38 North, a website …",
        "…, she said in a statement." An attribution ending so reports what came before it."""
        toks = self.toks
        rules = self.rules
        while b > a and toks[b - 1].t in (".", "!", "?"):
            b -= 1
        while a < b and (toks[a].low in rules.time_words or toks[a].t == "," or toks[a].low in rules.time_prefixes and a + 1 < b and toks[a + 1].low in rules.time_words):
            a += 1  # "Thursday", "on Thursday", "last year"
        comma = next((k for k in range(a + 1, b - 1) if toks[k].t == ","), None)
        if comma is not None and toks[comma + 1].low in ("a", "an", "the"):
            b = comma  # "… on 38 North, a website devoted to …": the channel's appositive
        if not 1 < b - a <= 5 or toks[a].low not in _CHANNEL_PREPOSITIONS:
            return False
        return not any(t.quoted or t.low in rules.between or t.low in rules.boundaries and n or self._verb_like(t) for n, t in enumerate(toks[a:b]))

    def _after_determiner(self, i: int) -> bool:
        """Whether token i follows a determiner or a possessive ("the", "his", "Trump's"),
        over adjectives in -ed and -ing ("his prepared", "the repeated"): where a word like
        "remarks" or "claims" is a noun's plural."""
        k = i - 1
        while k >= 0 and self.toks[k].t.islower() and self.toks[k].low.endswith(("ed", "ing")) and not self.toks[k].quoted:
            k -= 1
        if k < 0 or self.toks[k].quoted or self.toks[k].sent != self.toks[i].sent:
            return False
        prev = self.toks[k].low
        return prev in self.rules.determiners or prev.endswith(("'s", "s'"))

    def _longest_at(self, index: Mapping[str, tuple[tuple[str, ...], ...]], i: int) -> int:
        """The end of the longest word sequence of ``index`` (first word -> sequences, longest
        first) that starts at token i outside quotes, or 0."""
        toks = self.toks
        for words in index.get(toks[i].low, ()):
            k = len(words)
            if i + k <= len(toks) and all(toks[i + x].low == words[x] and not toks[i + x].quoted for x in range(1, k)):
                return i + k
        return 0

    def _skip_between(self, j: int, lo: int) -> int:
        """Move left over auxiliaries, -ly adverbs and time phrases; return the new index."""
        rules = self.rules
        toks = self.toks
        while j >= lo:
            t = toks[j]
            if t.quoted:
                return j
            if t.low in rules.between or (t.low.endswith("ly") and len(t.low) > 4 and t.t.islower() and not (j - 1 >= lo and toks[j - 1].low in rules.determiners)):
                j -= 1
                continue
            if t.low in rules.time_words or t.low.isdigit() and (j - 1 >= lo and toks[j - 1].low in rules.time_words):
                j -= 1
                while j >= lo and (toks[j].low in rules.time_prefixes or toks[j].low.isdigit() or toks[j].low in rules.time_words or toks[j].t == "."):
                    j -= 1
                continue
            return j
        return j

    def _np_back(self, j: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase ending at token j (inclusive) reading leftwards, as a token range."""
        rules = self.rules
        toks = self.toks
        if j < lo or toks[j].quoted:
            return None
        t = toks[j]
        if t.low in rules.pronoun_set or t.low.split("'")[0] in rules.pronoun_set and "'" in t.low:
            return (j, j + 1)
        if t.low in rules.determiners and t.low not in rules.boundaries:
            return self._standalone_determiner(j, lo)
        if not _is_word(t.t) or t.low in rules.boundaries or t.low.endswith("'s") or t.low.endswith("s'"):
            return None
        if not _is_cap(t.t) and not (j - 1 >= lo and toks[j - 1].low in rules.determiners):
            verb_form = t.low in rules.forms and rules.forms[t.low][0] != t.low
            prev_word = j - 1 >= lo and _is_word(toks[j - 1].t) and toks[j - 1].low not in rules.boundaries and toks[j - 1].low not in rules.between
            if t.low.endswith("ed") or t.low in rules.past_forms or verb_form or t.low.endswith("ing") and not prev_word:
                return None  # a verb, not a speaker
        k = j
        while k - 1 >= lo and j - k < 7:
            p = toks[k - 1]
            if p.quoted:
                break
            if p.t == "." and k - 2 >= lo and (toks[k - 2].low in rules.honorifics or len(toks[k - 2].t) == 1 and toks[k - 2].t.isupper() or toks[k - 2].low in rules.titles):
                k -= 1
                continue
            if not _is_word(p.t) or p.low in rules.pronoun_set:
                break
            if p.low in rules.determiners:
                k -= 1
                break
            if p.low in rules.boundaries:
                if p.low == "of" and k - 2 >= lo and _is_cap(toks[k - 2].t) and _is_cap(toks[k].t):
                    k -= 1  # Chief of Staff, Ministry of Commerce
                    continue
                break
            if not _is_cap(p.t) and (p.low in rules.forms and rules.forms[p.low][0] != p.low or p.low.endswith("ed") or p.low in rules.past_forms):
                break
            k -= 1
        return self._name_part(k, j + 1)

    def _standalone_determiner(self, j: int, lo: int) -> tuple[int, int] | None:
        """A determiner that can stand for its noun (grammar.standalone: "Another said",
        "The two said", "Some warned") when it opens its clause and an inflected verb
        follows: not "the proposed merger", "had their say" or "most forecast models"."""
        toks = self.toks
        rules = self.rules
        verb = toks[j + 1].low if j + 1 < len(toks) else ""
        if toks[j].low not in rules.standalone or verb not in rules.forms or rules.forms[verb][0].split()[0] == verb:
            return None
        k = j - 1 if j - 1 >= lo and toks[j - 1].low in rules.determiners and not toks[j - 1].quoted else j
        if k == lo or not _is_word(toks[k - 1].t) or toks[k - 1].low in rules.coordinators:
            return (k, j + 1)
        return None

    def _name_part(self, a: int, b: int) -> tuple[int, int]:
        """Within an NP, the trailing proper name without leading titles (honorifics kept)."""
        rules = self.rules
        toks = self.toks
        if not _is_cap(toks[b - 1].t) or toks[b - 1].low in rules.titles and b - a > 1 and not _is_cap(toks[b - 2].t):
            return (a, b)
        k = b - 1
        while k - 1 >= a and (_is_cap(toks[k - 1].t) or toks[k - 1].t == "." or toks[k - 1].low in ("de", "van", "von", "bin", "al", "da")):
            k -= 1
        # strip titles from the front, keep an honorific
        m = k
        while m < b - 1 and (toks[m].low in rules.titles or toks[m].t == "." or toks[m].low.endswith("'s")):
            m += 1
        if m > k and toks[m - 1].t == "." and m - 2 >= k and toks[m - 2].low in rules.honorifics:
            m -= 2
        elif m > k and toks[m - 1].low in rules.honorifics:
            m -= 1
        if toks[m].t == ".":
            m += 1
        if m >= b:
            m = k
        if toks[m].low in rules.honorifics or m + 1 < b and toks[m + 1].t == "." and toks[m].low in rules.honorifics:
            pass
        # an honorific right before the name: "Mr Lee"
        if m - 1 >= a and toks[m - 1].low in rules.honorifics:
            m -= 1
        elif m - 2 >= a and toks[m - 1].t == "." and toks[m - 2].low in rules.honorifics:
            m -= 2
        return (m, b)

    def _skip_fwd(self, j: int) -> int:
        while j < len(self.toks) and (self.toks[j].low in self.rules.between or self.toks[j].low.endswith("ly") and self.toks[j].t.islower()):
            j += 1
        return j

    def _np_fwd(self, i: int, hi: int) -> tuple[int, int] | None:
        """The noun phrase starting at token i reading rightwards."""
        rules = self.rules
        toks = self.toks
        if i >= hi or toks[i].quoted:
            return None
        t = toks[i]
        if t.low in rules.pronoun_set:
            return (i, i + 1)
        if not _is_word(t.t) or (t.low in rules.boundaries and t.low not in rules.determiners):
            return None
        k = i + 1
        while k < hi and k - i < 9:
            p = toks[k]
            if p.quoted:
                break
            if p.t == "." and (toks[k - 1].low in rules.honorifics or len(toks[k - 1].t) == 1 and toks[k - 1].t.isupper() or toks[k - 1].low in rules.titles) and k + 1 < hi and _is_cap(toks[k + 1].t):
                k += 1
                continue
            if not _is_word(p.t):
                break
            if p.low in rules.boundaries:
                if p.low == "of" and k + 1 < hi and _is_cap(toks[k + 1].t):
                    k += 1
                    continue
                if p.low in rules.coordinators and self._shared_head(i, k, hi):
                    k += 1  # "South Korean and Chinese broadcasters": one source
                    continue
                break
            if p.low in rules.forms and not _is_cap(p.t):
                break
            k += 1
        # the name inside: "Rep. Jerry Nadler" -> keep; "the daily" -> keep
        a, b = i, k
        caps = [x for x in range(a, b) if _is_cap(toks[x].t)]
        if caps and toks[a].low in rules.titles and any(toks[x].low not in rules.titles for x in caps):
            a2 = a
            while a2 < b and (toks[a2].low in rules.titles or toks[a2].t == "."):
                a2 += 1
            if a2 < b:
                a = a2
        return (a, b)

    def _shared_head(self, i: int, k: int, hi: int) -> bool:
        """Whether the coordinator at token k joins two modifiers of one head noun: the words
        before it (from i) are all capitalised ("South Korean", "U.S."), and after it come
        capitalised words and then a lower-case noun ("Chinese broadcasters"). Two names
        ("Weller and Brandt") or a name and a phrase ("Reuters and the AP") are not joined."""
        rules = self.rules
        toks = self.toks
        if not all(_is_cap(toks[x].t) or toks[x].t == "." for x in range(i, k)):
            return False
        m = k + 1
        while m < hi and (_is_cap(toks[m].t) or toks[m].t == ".") and not toks[m].quoted:
            m += 1
        if m == k + 1 or m >= hi:
            return False
        head = toks[m]
        return _is_word(head.t) and not head.quoted and head.t.islower() and head.low not in rules.boundaries and head.low not in rules.forms and head.low not in rules.determiners

    def _attribute(self, cue: _Cue) -> None:
        """Find the speaker of a cue: subject before, inverted after, or (phrases) after."""
        rules = self.rules
        toks = self.toks
        sa, sb = self.sent_bounds(cue.i)
        if cue.lemma in rules.quote_only:
            nxt = self._skip_fwd(cue.j)
            after_q = cue.i > 0 and (toks[cue.i - 1].quoted or toks[cue.i - 1].t == "," and cue.i > 1 and toks[cue.i - 2].quoted)
            if not after_q and nxt < len(toks) and _is_word(toks[nxt].t) and toks[nxt].low != "that" and not toks[nxt].quoted and not self._named_tail(cue, sb):
                return  # "adds complexity", "continued to hold": not reporting anything
        if cue.phrase:
            cue.speaker = self._np_fwd(cue.j, sb)
            cue.inverted = True
            return
        ing = toks[cue.j - 1].low.endswith("ing") or toks[cue.i].low.endswith("ing")
        prev = cue.i - 1
        lo = sa
        # a quote closing right before the cue bounds the search
        qk = bisect.bisect_right(self.qends, toks[cue.i].s)
        for a, b in self.qspans[max(0, qk - 1) : qk]:
            if b <= toks[cue.i].s and b > (toks[lo].s if lo < len(toks) else 0):
                qa = self.tok_at(a)
                if qa <= sa or toks[qa - 1].t in (",", ":", ";", "(", "—") or toks[qa - 1].low in self.rules.forms:
                    lo = max(lo, self.tok_at(b))
        # Inverted: "…," said X / …, says the daily.
        after_quote = prev >= 0 and (toks[prev].quoted or toks[prev].t in ('"', "'", "''"))
        if not ing and not after_quote and prev >= lo and toks[prev].t == ",":
            named = self._appositive(prev, lo)
            if named is not None and all(_is_cap(toks[x].t) or toks[x].t == "." for x in range(*named)) and named[1] == prev:
                cue.speaker = named  # ", Steve Mnuchin, told The Washington Post"
                return
        if not ing and (prev < lo or after_quote or toks[prev].t == "," and cue.lemma not in rules.addressee):
            np = self._np_fwd(cue.j, sb)
            if np is not None:
                after = np[1]
                head = toks[np[0]]
                end_ok = after >= sb or toks[after].t in (",", ".", ";", ":", "!", "?", "—", "-", "(")
                if prev >= 0 and toks[prev].quoted:  # "…," said Edward Alden of the Council …
                    end_ok = end_ok or _is_cap(head.t) or head.low in rules.determiners
                if end_ok and (head.low not in rules.boundaries or head.low in rules.determiners):
                    cue.speaker, cue.inverted = np, True
                    return
        if ing and (prev < lo or toks[prev].t in (",", "—", "(") or toks[prev].low in _PARTICIPLE_INTRO):
            return  # a participle: borrows later
        if prev >= lo and toks[prev].low in ("and", "but", "or", "then"):
            return  # "… and called Clinton the Devil": the subject of the first verb (borrowed later)
        j = self._skip_between(prev, lo)
        if j >= lo and toks[j].low == "to" and toks[cue.i].low == cue.lemma.split()[0]:
            # "went on to say", "wants to tell": the subject of the verb chain
            j2 = j - 1
            n = 0
            while j2 >= lo and n < 3 and _is_word(toks[j2].t) and toks[j2].t.islower() and toks[j2].low not in rules.pronoun_set:
                j2 -= 1
                n += 1
            j2 = self._skip_between(j2, lo)
            if n and j2 >= lo:
                np = self._np_back(j2, lo)
                if np is not None and (_is_cap(toks[np[1] - 1].t) or np[1] - np[0] == 1 and toks[np[0]].low in rules.pronoun_set):
                    cue.speaker = np
            return
        if j < lo:
            return
        if toks[j].t == ",":
            cue.speaker = self._appositive(j, lo)
            return
        if j < prev and toks[j + 1].low in ("be", "been", "being", "was", "were", "is", "are") and not toks[cue.i].low.endswith("ing") and toks[cue.i].low != cue.lemma.split()[0]:
            if cue.cls in SPEECH_CLASSES and not any(toks[cue.i].low.startswith(p.split()[0]) for p in rules.passive_quoted):
                return  # passive: "should be charged", "was told"
        np = self._np_back(j, lo)
        form = toks[cue.i].low
        head_form = form.split()[0] if form else form
        noun_like = head_form == cue.lemma.split()[0] or (head_form.endswith("s") and not head_form.endswith("ss") and rules.forms.get(head_form, ("", ""))[0] != head_form)
        if np is not None and noun_like and j == prev:
            h = toks[np[1] - 1]
            det_led = toks[np[0]].low in rules.determiners
            if not (_is_cap(h.t) or h.low in rules.pronoun_set or det_led or head_form == cue.lemma.split()[0]):
                np = None  # "voter fraud claims", "diverse states": a noun, not a verb
            elif cue.j < len(toks) and toks[cue.j].t == "," and head_form != cue.lemma.split()[0] and not det_led and not _is_cap(h.t) and h.low not in rules.pronoun_set:
                np = None  # "Despite the ongoing challenges, …"
        if np is not None and ing and toks[np[0]].low in ("a", "an"):
            return  # "issued a statement saying": the object, not the speaker (borrowed later)
        if np is not None and ing and cue.cls in SPEECH_CLASSES:
            head = np
            while head is not None and head[0] - 2 >= lo and toks[head[0] - 1].low == "of":
                head = self._np_back(head[0] - 2, lo)  # "the board of elections": the board's preposition
            if head is not None and head[0] - 1 >= lo and toks[head[0] - 1].low in _PLACE_PREPOSITIONS:
                return  # "gave a statement to the board on Monday saying": not the board (borrowed later)
        if ing and prev >= 0 and toks[prev].quoted:
            return
        if np is not None and toks[cue.i].low == cue.lemma.split()[0] and j == prev:
            # a base form ("say", "show") needs a plural or I/we/they/you subject: "the state visit" is no cue
            head = toks[np[1] - 1].low
            singular = toks[np[0]].low in ("a", "an", "this", "his", "her", "its", "that", "another", "each", "every")
            if singular or not (head in ("i", "we", "they", "you", "who") or head.endswith("s") and not head.endswith(("'s", "ss")) or toks[np[0]].low in ("both", "many", "some", "several", "most")):
                np = None
        cue.speaker = np

    def _reports_clause(self, cue: _Cue) -> bool:
        """Whether the cue can introduce reported speech: any verb but a quote-only one, which
        needs "that" after it ("he added that …") or to stand inverted after its content
        ("…, adds Jane Roe."); "added 5,000 jobs" and "continued to hold" report nothing."""
        if cue.lemma not in self.rules.quote_only or cue.inverted:
            return True
        nxt = self._skip_fwd(cue.j)
        return nxt < len(self.toks) and self.toks[nxt].low == "that"

    def _named_tail(self, cue: _Cue, sb: int) -> bool:
        """``…, adds psychologist Jane Roe.``: after a comma, the cue and then a capitalised
        or determiner-led noun phrase that ends the sentence (an inverted attribution, which
        even a quote-only verb such as "add" can make)."""
        toks = self.toks
        if cue.i == 0 or toks[cue.i - 1].t != ",":
            return False
        np = self._np_fwd(cue.j, sb)
        if np is None or np[1] < sb and toks[np[1]].t not in (".", "!", "?"):
            return False
        return _is_cap(toks[np[1] - 1].t) or toks[np[0]].low in self.rules.determiners

    def _appositive(self, comma: int, lo: int) -> tuple[int, int] | None:
        """X, an adviser, said / Professor at Y, X, said / X, who …, said."""
        rules = self.rules
        toks = self.toks
        k = comma - 1
        while k >= lo and comma - k <= 60 and (toks[k].quoted or toks[k].t != "," and toks[k].t not in (";", ":", "(", ")")):
            k -= 1
        seg = (k + 1, comma)
        if seg[0] >= seg[1] or comma - k > 40:
            return None
        names = [toks[x] for x in range(*seg) if not toks[x].quoted]
        name_like = all(_is_cap(t.t) or t.t == "." or t.low in ("de", "van", "von", "bin") for t in names) and len(names) <= 6
        if name_like and k >= lo and toks[k].t == ",":
            return self._name_part(*seg)
        if k >= lo and toks[k].t == ",":
            first = toks[seg[0]]
            # the segment before the appositive must end in a noun phrase
            np = self._np_back(k - 1, lo)
            if np is not None and (first.low in rules.determiners or first.low in ("who", "which", "whose") or not _is_cap(first.t) or first.low.endswith("'s") or _is_cap(toks[np[1] - 1].t)):
                return np
        return None

    def _borrow(self, cue: _Cue) -> None:
        """A participle cue takes the speaker of another attribution in its sentence."""
        sent = self.toks[cue.i].sent
        depth = self.depth
        sa_, sb_ = self.sent_bounds(cue.i)
        near = self.cues_between(max(sa_, cue.i - 80), min(sb_, cue.i + 80))
        before = [c for c in near if c is not cue and c.speaker is not None and not c.borrowed and self.toks[c.i].sent == sent and c.i < cue.i and depth[c.i] == depth[cue.i]]
        after = [c for c in near if c is not cue and c.speaker is not None and not c.borrowed and self.toks[c.i].sent == sent and c.i > cue.i and depth[c.i] == depth[cue.i]]
        # A participle's subject is the main clause's (subject control of adjunct clauses,
        # Quirk et al. 1985, 15.59): a later attribution lends its speaker only to a
        # participle that opens the sentence ("Speaking on Monday, X said") or whose speaker
        # comes first ("X, speaking on Monday, said"); "X moved on Sunday, urging voters …,
        # even as Y said …" is X's.
        opens = all(t.low in _PARTICIPLE_INTRO or t.low.endswith("ly") for t in self.toks[sa_ : cue.i])
        after = [c for c in after if opens or c.speaker[0] < cue.i]
        lender = before[0] if before else after[0] if after else None
        if lender is not None:
            cue.speaker, cue.borrowed = lender.speaker, True
            return
        # the sentence's subject: "The minister highlighted …, urging the president to …",
        # after an opening adjunct: "During the session, she reignited …, reiterating …",
        # "Speaking in Tallinn, Estonia, at a rally, Jones lit into …, vowing …". The adjunct
        # may hold commas of its own, so each comma is tried until a subject follows it.
        sa, _ = self.sent_bounds(cue.i)
        subject = self._object_verb_subject(cue, sa)
        if subject is not None:
            cue.speaker, cue.borrowed = subject, True
            return
        if sa < cue.i and self._opens_with_adjunct(sa):
            commas = (k for k in range(sa + 1, cue.i) if self.toks[k].t == "," and not self.toks[k].quoted)
            subject = next((s for s in (self._sentence_subject(k + 1, cue.i) for k in commas) if s is not None), None)
        if subject is None:
            subject = self._sentence_subject(sa, cue.i)
        if subject is not None:
            cue.speaker, cue.borrowed = subject, True

    def _object_verb_subject(self, cue: _Cue, sa: int) -> tuple[int, int] | None:
        """A participle right after an object describes the object ("issued a statement
        saying …", "delivered a speech blaming …", "gave a statement to the board on Monday
        saying …"); its speaker is the subject of the verb that took the object, in the
        clause that verb opens ("… grew so loud that the embassy issued …", "where she
        delivered …"). None when a comma comes first or no such clause is found."""
        toks = self.toks
        if cue.i - 1 <= sa or not _is_word(toks[cue.i - 1].t):
            return None
        verb = next((k for k in range(cue.i - 1, max(sa, cue.i - 16), -1) if toks[k].quoted or not _is_word(toks[k].t) or self._verb_like(toks[k])), None)
        if verb is None or toks[verb].quoted or not _is_word(toks[verb].t) or toks[verb + 1].low not in self.rules.determiners:
            return None
        opener = next((k for k in range(verb - 1, sa - 1, -1) if toks[k].low in _CLAUSE_OPENERS and not toks[k].quoted), None)
        if opener is None:
            return None
        return self._sentence_subject(opener + 1, verb + 1)

    def _opens_with_adjunct(self, sa: int) -> bool:
        """Whether the sentence at token ``sa`` opens with an adverbial before its subject:
        a preposition or time word ("During the session, …", "Yesterday, …") or a participle
        clause ("Looking out at the crowd, …", "Asked about the talks, …"): an -ing or -ed
        form followed by a lower-case word that is no verb ("Vienna urged" is a subject)."""
        toks = self.toks
        t = toks[sa]
        if t.low in self.rules.boundaries or t.low in self.rules.time_words:
            return True
        if len(t.low) < 5 or not t.low.endswith(("ing", "ed")) or sa + 1 >= len(toks):
            return False
        n = toks[sa + 1]
        return n.t.islower() and _is_word(n.t) and n.low not in self.rules.between and not self._verb_like(n)

    def _sentence_subject(self, sa: int, end: int) -> tuple[int, int] | None:
        """The subject at token ``sa`` of a clause whose verb comes before token ``end``: a
        pronoun, a name ("Ilse Brandt met …", "Smith and Jones cast …": the last name, as
        "Smith and Jones said" gives) or a phrase ("the minister highlighted …")."""
        toks = self.toks
        rules = self.rules
        t = toks[sa] if sa < len(toks) else None
        if t is None or t.quoted or sa >= end:
            return None
        if t.low in rules.pronoun_set:
            return (sa, sa + 1)
        if not (_is_cap(t.t) or t.low in rules.determiners) or t.low in rules.boundaries:
            return None
        named = self._is_name_start(sa)
        start = k = sa
        while k + 1 < end and k - start < 6:
            n = toks[k + 1]
            if n.quoted or not _is_word(n.t) and n.t != ".":
                break
            if named and n.low in rules.coordinators and k + 2 < end and _is_cap(toks[k + 2].t):
                start = k = k + 2
                continue
            if n.low in rules.boundaries or n.low in rules.between or self._verb_like(n) and not (k == start and t.low in rules.determiners):
                break  # (after a determiner, "-ed" is an adjective: "The registered voter")
            if toks[k].low.endswith("'s"):
                named = False  # a possessive opens a phrase: "Trump's campaign manager Kellyanne Conway did"
            if named and n.t.islower() and (n.low.endswith("ly") or not (k + 2 < end and self._verb_like(toks[k + 2]))):
                break  # a name ends at its first lower-case word, its verb ("Jones cast …") or an adverb ("Jones mostly read …")
            k += 1
        n = toks[k + 1] if k + 1 < end else None
        if n is not None and n.t == "," and (named or _is_cap(toks[k].t) or toks[start].low in rules.determiners):
            # an aside after the subject: "Donald Trump, despite making an effort …, deviated …",
            # "The registered voter, who was threatened …, gave …"
            close = next((x for x in range(k + 2, min(end, k + 30)) if toks[x].t == "," and not toks[x].quoted), None)
            if close is not None and close + 1 < end and (toks[close + 1].low in rules.between or self._verb_like(toks[close + 1])):
                return self._name_part(start, k + 1)
            return None
        if n is None or not n.t.islower() or not _is_word(n.t):
            return None
        if n.low in rules.between or self._verb_like(n) or n.low.endswith("s") or named and n.low not in rules.boundaries:
            return self._name_part(start, k + 1)
        return None

    def _verb_like(self, tok: _Tok) -> bool:
        """A word that is a verb by its form: a cue verb's form, or in lower case "-ed" or
        an irregular past tense from the lexicon ("met", "spoke")."""
        return tok.low in self.rules.forms or tok.t.islower() and (tok.low.endswith("ed") or tok.low in self.rules.past_forms)

    def _is_name_start(self, i: int) -> bool:
        """Whether the capitalised word at token i, which may only be capitalised because it
        opens the sentence, starts a name: an honorific, a title before a capitalised word
        ("Senator Brandt"), or a word this article never writes in lower case ("Officials
        met" and "First ladies met" are not names when "officials" and "first" occur).
        The document-centred test of Mikheev (2002, Computational Linguistics 28(3))."""
        t = self.toks[i]
        if not _is_cap(t.t) or t.low in self.rules.determiners:
            return False
        if t.low in self.rules.honorifics or t.low in self.rules.titles and i + 1 < len(self.toks) and _is_cap(self.toks[i + 1].t):
            return True
        return re.search(rf"(?<![\w'-]){re.escape(t.low)}(?![\w'-])", self.copy) is None


# --------------------------------------------------------------------------------------
# Channels
# --------------------------------------------------------------------------------------

# Words that join the next clause on ("A said X, and B said Y", "… even as B said Y"): not
# part of X when the content is cut before B.
_CLAUSE_JOINERS = frozenset({"and", "but", "or", "while", "whereas", "yet", "although", "though", "as", "even"})
# After an addressee-taking verb's phrase, these show the phrase was what was said, not to
# whom: "promising lower taxes for farmers", "praised the tenure of Mr. Roe", "praised Roe in
# a video" ("told reporters on Monday …" keeps its addressee).
_OBJECT_PREPOSITIONS = frozenset({"for", "from", "with", "against", "into", "over", "by", "of", "in"})
# Prepositions whose object does not say what follows it ("a statement to the board
# saying"), unlike "from", "by" ("a letter from the senators urging") and "with" ("with
# analysts saying").
_PLACE_PREPOSITIONS = frozenset({"to", "on", "in", "at", "for", "into", "before", "during"})
# Words that open a clause inside a sentence, before its subject.
_CLAUSE_OPENERS = frozenset({"that", "where", "when", "after", "because", "as", "while", "if", "since", "before", "although", "though"})
# Dashes that set off an aside: "… radar - some lobbyists said … - and …".
_DASHES = frozenset({"-", "—", "–", "--"})
# Prepositions that open where or when something was said ("in a statement", "on 38 North",
# "during a visit"), not what ("to fire", "for Armageddon", "about the talks").
_CHANNEL_PREPOSITIONS = frozenset({"in", "on", "at", "during", "via", "through", "with"})
_PARTICIPLE_INTRO = frozenset({"by", "while", "after", "before", "when", "without", "in", "since", "upon", "and", "also", "as", "then"})
_EXTEND_LEFT_STOP = frozenset({"with", "to", "by", "in", "on", "according", "from", "via", "told", "said", "at", "of", "for", "through"})


def _channels_in(para: _Para, a: int, b: int, exclude: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, int]]:
    """Channel mentions between offsets a and b: (start, end, type, rank) with lower rank preferred."""
    rules = para.rules
    out = []
    extra = exclude  # quotes are always excluded; these are further spans (content, speaker)
    ex_starts = para.qstarts
    lo, hi = bisect.bisect_left(para.chan_starts, a), bisect.bisect_left(para.chan_starts, b)
    for m_start, m_end, group in para.chan[lo:hi]:  # the phrases starting in [a, b)
        if m_end > b:
            continue
        k = bisect.bisect_right(ex_starts, m_start)
        if any(x <= m_start < y for x, y in para.qspans[max(0, k - 3) : k]) or any(x <= m_start < y for x, y in extra):
            continue
        key = " ".join(group.lower().split())
        ctype, named = rules.channel_kind.get(key, ("other", False))
        i = para.tok_at(m_start)
        j = para.tok_at(m_end)
        if i >= len(para.toks) or para.toks[i].quoted:
            continue
        toks = para.toks
        s = m_start
        e = m_end
        # extend left over the noun phrase: "Russia's state news agency TASS", "a radio interview"
        k = i
        while k - 1 >= 0 and i - k < 4 and toks[k - 1].s >= a:
            p = toks[k - 1]
            if p.quoted or not _is_word(p.t) or p.low in _EXTEND_LEFT_STOP or p.low in rules.forms:
                break
            if p.low in rules.boundaries and p.low not in rules.determiners:
                break
            k -= 1
            if p.low in rules.determiners:
                break
        s = toks[k].s if k < i else s
        # extend right over outlet words and a following name: "news agency", "outlet Yicai"
        k = j
        if not named:
            while k < len(toks) and toks[k].e <= b and k - j < 3 and _is_cap(toks[k].t) and not toks[k].quoted:
                k += 1
        for w in ("news agency", "agency", "news", "newspaper", "daily", "broadcaster"):
            ws = w.split()
            if k + len(ws) <= len(toks) and [t.low for t in toks[k : k + len(ws)]] == ws:
                k += len(ws)
                break
        if k > j:
            e = toks[k - 1].e
            if not named and ctype == "other_outlet":
                named = True
        rank = 0 if named else 1 + list(CHANNEL_TYPES).index(ctype) if ctype in CHANNEL_TYPES else 9
        if key in ("interview", "interview with") or ctype == "other":
            rank = 20
        out.append((s, e, ctype, rank))
    return out


# --------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Out:
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None  # offsets
    cue: tuple[int, int] | None
    channel: tuple[int, int] | None
    channel_type: str
    sentence: int
    paragraph: int
    continues: "_Out | None" = None
    cue_obj: _Cue | None = None
    marked: bool = True
    add_cue: bool = False
    pronoun: bool = False
    runon: bool = False
    cont_runon: bool = False
    sentence_start: bool = False


def _offs(para: _Para, rng: tuple[int, int] | None) -> tuple[int, int] | None:
    if rng is None:
        return None
    a, b = rng
    if a >= b:
        return None
    return (para.toks[a].s, para.toks[b - 1].e)


def _sentence_of(sentences: Sequence[Sentence], starts: list[int], offset: int) -> int:
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return sentences[0].index if sentences else 0
    return sentences[k].index


def extract_quotes(
    text: str,
    paragraphs: Sequence[Paragraph],
    sentences: Sequence[Sentence],
    rules: AttributionRules,
    *,
    heading_paragraphs: frozenset[int] = frozenset(),
) -> list[QuoteCandidate]:
    """Every quote and reported statement in ``text``, sorted by start."""
    if not text or not paragraphs:
        return []
    copy = matching_copy(text)
    sent_starts = [s.span.start for s in sentences]
    raw = _find_marked(text, copy, paragraphs)
    by_para: dict[int, list[_RawQuote]] = {}
    for q in raw:
        by_para.setdefault(q.paragraph, []).append(q)
    sents_by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        sents_by_para.setdefault(s.paragraph, []).append(s)

    outs: list[_Out] = []
    prev_colon = None
    carried: list[tuple[str, tuple[int, int], str, int]] = []  # (speaker last word, channel span, type, paragraph)
    for pi, para in enumerate(paragraphs):
        quotes = by_para.get(pi, [])
        psents = sents_by_para.get(para.index, []) or sents_by_para.get(pi, [])
        if not psents:
            psents = [Sentence("", _sentence_of(sentences, sent_starts, para.span.start), para.span, pi, para.role)]
        heading = pi in heading_paragraphs or para.index in heading_paragraphs
        if heading:
            for q in quotes:
                outs.append(_Out(q.start, q.end, "headline", None, None, None, "", _sentence_of(sentences, sent_starts, q.start), pi))
            continue
        P = _Para(copy, para, psents, quotes, rules)
        _carry_channels(P, quotes, pi, carried)
        para_outs = _attribute_quotes(P, quotes, pi, sentences, sent_starts, prev_colon)
        prev_colon = _colon_attribution(P)
        para_outs += _reported(P, quotes, pi, sentences, sent_starts)
        # apply carried channels ("In comments reported by TASS, the minister …" then the minister's quotes)
        for o in para_outs:
            if o.channel is None and o.speaker is not None:
                last = copy[o.speaker[0] : o.speaker[1]].split()[-1].lower() if copy[o.speaker[0] : o.speaker[1]].split() else ""
                for word, span, ctype, cpi in reversed(carried):
                    if pi - cpi > 6:
                        break  # carried is in paragraph order: the rest is older still (no scan of all of it per quote)
                    if word == last:
                        o.channel, o.channel_type = span, ctype
                        break
        outs.extend(para_outs)

    # no overlaps: quotes between marks first, reported speech only where free
    outs.sort(key=lambda o: (not o.marked, o.start, -o.end))
    kept: list[_Out] = []
    occupied: list[tuple[int, int]] = []
    for o in outs:
        k = bisect.bisect_left(occupied, (o.start, o.start))
        clash = (k < len(occupied) and occupied[k][0] < o.end) or (k > 0 and occupied[k - 1][1] > o.start)
        if clash:
            continue
        bisect.insort(occupied, (o.start, o.end))
        kept.append(o)
    kept.sort(key=lambda o: (o.start, o.end))
    _link_continuations(kept, copy, rules)
    index = {id(o): n for n, o in enumerate(kept)}
    result = []
    for o in kept:
        cont = index.get(id(o.continues)) if o.continues is not None else None
        result.append(
            QuoteCandidate(
                span=Span(o.start, o.end),
                kind=o.kind,
                speaker_span=Span(*o.speaker) if o.speaker else None,
                cue_span=Span(*o.cue) if o.cue else None,
                channel_span=Span(*o.channel) if o.channel else None,
                channel_type=o.channel_type if o.channel else "",
                sentence_index=o.sentence,
                continues=cont,
            )
        )
    return result


def _carry_channels(P: _Para, quotes: list[_RawQuote], pi: int, carried: list) -> None:
    rules = P.rules
    if rules.carry_over_re is None:
        return
    for m in rules.carry_over_re.finditer(P.copy, P.ps, P.pe):
        if any(a <= m.start() < b for a, b in P.qspans):
            continue
        chans = _channels_in(P, m.end(), min(P.pe, m.end() + 80), [])
        if not chans:
            continue
        s, e, ctype, _ = min(chans, key=lambda c: (c[0], c[3]))
        # the speaker named after the phrase: the first name after the next comma
        i = P.tok_at(e)
        while i < len(P.toks) and P.toks[i].t != "," and i - P.tok_at(e) < 8:
            i += 1
        if i + 1 < len(P.toks):
            np = P._np_fwd(i + 1, len(P.toks))
            if np is not None and _is_cap(P.toks[np[0]].t):
                k = np[0]
                while k + 1 < np[1] and _is_cap(P.toks[k + 1].t):
                    k += 1
                carried.append((P.toks[k].low, (s, e), ctype, pi))


def _colon_attribution(P: _Para) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A paragraph ending in "X wrote:" introduces the next paragraph's quote."""
    toks = P.toks
    if not toks or toks[-1].t != ":" or toks[-1].quoted:
        return None
    last = len(toks) - 1
    sa, _ = P.sent_bounds(last)
    cues = [c for c in P.cues_between(sa, last + 1) if c.speaker is not None]
    if cues:
        c = cues[-1]
        return _offs(P, c.speaker), (toks[c.i].s, toks[c.j - 1].e)  # type: ignore[return-value]
    np = P._np_fwd(sa, last)
    if np is not None and (_is_cap(toks[np[0]].t) or toks[np[0]].low in P.rules.pronoun_set):
        return _offs(P, np), (toks[last].s, toks[last].e)  # type: ignore[return-value]
    return None


def _pick_channel(P: _Para, a: int, b: int, exclude: list[tuple[int, int]], near: int) -> tuple[tuple[int, int] | None, str]:
    chans = _channels_in(P, a, b, exclude)
    if not chans:
        return None, ""
    s, e, ctype, _ = min(chans, key=lambda c: (c[3], abs(c[0] - near)))
    return (s, e), ctype


def _attribute_quotes(P: _Para, quotes: list[_RawQuote], pi: int, sentences, sent_starts, prev_colon=None) -> list[_Out]:
    toks = P.toks
    rules = P.rules
    outs: list[_Out] = []
    for q in quotes:
        sentence = _sentence_of(sentences, sent_starts, q.start)
        qi = P.tok_at(q.open_mark)
        qj = P.tok_at(q.close_end)
        if qi >= len(toks):
            continue
        sa, _ = P.sent_bounds(qi)
        cue: _Cue | None = None
        tail = False
        # 1. tail: "…," Mr Lee said / "…," said X
        ends_sentence = P.copy[q.end - 1 : q.end] in (".", "!", "?")
        lead_text = P.copy[max(toks[sa].s, q.open_mark - 400) : q.open_mark] if sa < qi else ""
        sentence_initial = sa >= qi or not lead_text.strip(" '\"") or lead_text.rstrip().endswith(":")
        k = qj
        skipped = 0
        while k < len(toks) and toks[k].t in (",", ".", "!", "?", "—", "-", "…") and skipped < 2:
            k += 1
            skipped += 1
        for c in P.cues_between(k, k + 41):
            if c.phrase:
                continue
            if c.i >= k and c.i - k <= 40 and c.speaker is not None:
                between = toks[k : c.i]
                if any(t.quoted or t.t in (".", "!", "?", ";") and not (t.t == "." and x > 0 and (between[x - 1].low in rules.honorifics or len(between[x - 1].t) == 1)) for x, t in enumerate(between)):
                    break
                lead = toks[k : c.speaker[0]] if not c.inverted else []
                lead_ok = (
                    not c.inverted
                    and len(lead) <= 5
                    # titles before the name, "of" only inside a capitalised title ("Chief of Staff")
                    and all((_is_word(t.t) or t.t == ".") and (t.low not in rules.boundaries or t.low == "of" and 0 < x and _is_cap(toks[k + x - 1].t) and _is_cap(toks[k + x + 1].t)) for x, t in enumerate(lead))
                    and c.speaker[0] >= k
                )
                nxt = P._skip_fwd(c.j)
                if nxt < len(toks) and toks[nxt].low == "that" and not sentence_initial:
                    lead_ok = False  # "…" Lee has argued that …: a new attribution, not this quote's
                if (c.inverted and c.i == k or lead_ok) and (not ends_sentence or sentence_initial):
                    cue, tail = c, True
                break
            if c.i >= k:
                break
        # 2. head: the nearest attributed cue before the quote in its sentence
        # 3. a cue later in the sentence; speech verbs before thought verbs
        _, sb_end = P.sent_bounds(qi)
        if cue is None:
            before = [c for c in P.cues_between(max(sa, qi - 120), qi) if c.j <= qi and c.speaker is not None and not c.phrase]
            later = [c for c in P.cues_between(qj, min(sb_end, qj + 120)) if c.speaker is not None and not c.phrase and c.speaker[0] < qi]
            speech_b = [c for c in before if c.cls in SPEECH_CLASSES]
            speech_l = [c for c in later if c.cls in SPEECH_CLASSES]
            if speech_b:
                cue = speech_b[-1]
            elif speech_l:
                cue = speech_l[0]
            elif before:
                cue = before[-1]
            elif later:
                cue = later[0]
        colon_speaker: tuple[int, int] | None = None
        colon_cue: tuple[int, int] | None = None
        if cue is None and qi - 1 >= sa and toks[qi - 1].t == ":" and not toks[qi - 1].quoted:
            # "Howard Kurtz, Fox News: "…"", "He sighed: "…""
            np = P._np_fwd(sa, qi - 1) if sa < qi - 1 else None
            if np is not None and (_is_cap(toks[np[0]].t) or toks[np[0]].low in rules.pronoun_set):
                colon_speaker = _offs(P, np)
                colon_cue = (toks[qi - 1].s, toks[qi - 1].e)
        elif cue is None and qi == 0 and prev_colon is not None:
            colon_speaker, colon_cue = prev_colon  # "X wrote:" closing the previous paragraph
        # "according to X" with no verb: X is the speaker; with a verb, X is the channel
        region_end = toks[min(sb_end, len(toks)) - 1].e if sb_end > 0 else P.pe
        if tail and cue is not None:
            # the attribution tail may run past a sentence split ("right?" Mr Lee said …)
            _, tail_end = P.sent_bounds(cue.i)
            region_end = max(region_end, toks[tail_end - 1].e)
        region_start = toks[sa].s
        region_start = max(region_start, q.open_mark - 600)
        region_end = min(region_end, q.close_end + 600)
        acc = [c for c in P.cues_between(P.tok_at(region_start), P.tok_at(region_end)) if c.phrase and c.speaker is not None]
        channel: tuple[int, int] | None = None
        ctype = ""
        if cue is None and acc:
            cue = acc[0]
            acc = []
        speaker = _offs(P, cue.speaker) if cue else colon_speaker
        cue_off = (toks[cue.i].s, toks[cue.j - 1].e) if cue else colon_cue
        exclude = [speaker] if speaker and not (cue and cue.phrase) else []
        if cue is not None:
            near = toks[cue.i].s
            if acc:
                a_ = acc[0]
                channel, ctype = _pick_channel(P, toks[a_.j].s if a_.j < len(toks) else region_end, region_end, [], near)
                if channel is None and a_.speaker:
                    channel, ctype = _offs(P, a_.speaker), "other"
            if channel is None:
                channel, ctype = _pick_channel(P, region_start, region_end, exclude if not cue.phrase else [], near)
        # kind
        before_text = P.copy[max(toks[sa].s, q.open_mark - 400) : q.open_mark].strip() if sa < qi else ""
        prev_tok = toks[qi - 1] if qi - 1 >= sa else None
        direct = (
            not before_text
            or before_text.endswith(":")
            or (prev_tok is not None and prev_tok.t == "," and qi - 2 >= 0 and any(c.j == qi - 1 for c in P.cues_between(qi - 8, qi)))
            or q.continued_from_runon
            or (tail and P.copy[q.end - 1 : q.end] in ".,?!" and _starts_upper(P.copy, q.start))
        )
        if direct:
            kind = "direct"
        elif cue is not None or colon_speaker is not None:
            kind = "partial"
        else:
            kind = "scare" if len(P.copy[q.start : q.end].split()) <= 4 else "partial"
        o = _Out(q.start, q.end, kind, speaker, cue_off, channel, ctype, sentence, pi, cue_obj=cue)
        o.pronoun = bool(cue and cue.speaker and cue.speaker[1] - cue.speaker[0] == 1 and toks[cue.speaker[0]].low in rules.pronoun_set)
        o.add_cue = bool(cue and cue.lemma in ("add",))
        o.runon = q.runon
        o.cont_runon = q.continued_from_runon
        o.sentence_start = not before_text
        if cue is not None:
            cue.used = True
        outs.append(o)
    return outs


def _starts_upper(copy: str, s: int) -> bool:
    return s < len(copy) and copy[s].isupper()


def _reported(P: _Para, quotes: list[_RawQuote], pi: int, sentences, sent_starts) -> list[_Out]:
    """Reported speech: a cue with a speaker and a clause, none of it between quote marks."""
    toks = P.toks
    rules = P.rules
    outs: list[_Out] = []
    cues = [c for c in P.cues if c.speaker is not None and not c.used and P._reports_clause(c)]
    for n, c in enumerate(cues):
        sa, sb = P.sent_bounds(c.i)
        postposed = False
        if c.phrase:
            # according to X, CONTENT. / CONTENT, according to X.
            sp_end = c.speaker[1]
            if c.i > sa + 2:
                a, b = sa, c.i
            else:
                a = sp_end
                while a < sb and toks[a].t in (",", ":"):
                    a += 1
                b = sb
        else:
            a = c.j
            if c.inverted:
                a = c.speaker[1]
            # the addressee: "told reporters that", "urged Lee to"
            if c.lemma in rules.addressee and not c.inverted:
                np = P._np_fwd(a, sb)
                # "promising lower taxes for farmers": a phrase followed by a preposition is
                # what was promised, not to whom
                if np is not None and np[1] > a and not (np[1] < sb and toks[np[1]].low in _OBJECT_PREPOSITIONS):
                    a = np[1]
            # time and channel phrases right after the verb, then "that"
            while a < sb and not toks[a].quoted:
                t = toks[a]
                if t.low in ("in", "on", "during", "at", "via", "through", "to", "with"):
                    chans = _channels_in(P, t.s, toks[min(a + 5, sb - 1)].e, [])
                    if chans and chans[0][0] <= toks[min(a + 2, sb - 1)].s:
                        a = P.tok_at(max(ch[1] for ch in chans if ch[0] <= toks[min(a + 2, sb - 1)].s))
                        continue
                if t.low in rules.time_words or t.low.isdigit() or t.t == ",":
                    a += 1
                    continue
                if t.low in rules.time_prefixes and a + 1 < sb and (toks[a + 1].low in rules.time_words or toks[a + 1].low.isdigit()):
                    a += 1
                    continue
                if t.low in ("that", ":"):
                    a += 1
                    break
                for x in range(a, min(a + 8, sb)):
                    if toks[x].quoted or toks[x].t in (",", ";", ".") or x > a and toks[x].low in rules.forms:
                        break
                    if toks[x].low == "that":
                        a = x + 1
                        break
                break
            b = sb
            if c.inverted or (a >= sb - 1) or toks[a].t in (".", ";") or toks[a].low in ("and", "but") and c.speaker[0] > sa and toks[c.speaker[0] - 1].t == "," or c.cls in SPEECH_CLASSES and P._only_adjuncts(c.j, sb):
                postposed = True
                # "…, President Lee said." : the content is before the speaker
                start = c.speaker[0] if not c.inverted else c.i
                back = 0
                while not c.inverted and back < 4 and start - 1 > sa and _is_word(toks[start - 1].t) and toks[start - 1].low not in rules.boundaries and toks[start].low not in rules.determiners:
                    start -= 1  # "…, RNC spokesman Sean Spicer said."
                    back += 1
                if start <= sa or toks[start - 1].t not in (",", "—", "-"):
                    continue
                e = start - 1
                while e > sa and toks[e].t in (",", "—", "-"):
                    e -= 1
                a, b = sa, e + 1
        if not postposed and not c.phrase and c.speaker[0] > sa and toks[c.speaker[0] - 1].t in _DASHES:
            # an aside between dashes: "… radar - some lobbyists said they know … - and develop …"
            b = next((k for k in range(a, b) if toks[k].t in _DASHES and not toks[k].quoted), b)
        for d in P.cues_between(a + 1, b):
            if d.phrase and a < d.i < b and not c.phrase:
                b = d.i  # "…, according to X": the channel is not content
                break
        # Trim at the next attribution inside the content: "A said X, and B said Y"; "A said X,
        # adding that Y" (the participle reports Y itself). Quotes do not overlap, so a nested
        # report ("A said B's remarks suggest Y") leaves A the words before B's. A postposed
        # attribution ("X, analysts said.") reports its whole sentence, reports inside it
        # ("As B tries to …, Y, experts say.") included.
        for d in ([] if postposed else P.cues_between(a + 1, b)):
            if d is c or d.speaker is None or d.used or d.phrase:
                continue
            if d.borrowed:
                if toks[d.i - 1].t == "," and P._reports_clause(d):
                    b = d.i - 1
                    break
                continue
            if d.lemma not in rules.quote_only and d.speaker[0] > a:
                b = d.speaker[0]
                break
        b = min(b, a + 150)  # no reported clause is longer; keeps long lines linear
        a = max(a, b - 150)
        while b > a and (toks[b - 1].t in (".", ",", ";", ":", "—", "-", "!", "?") or toks[b - 1].low in _CLAUSE_JOINERS):
            b -= 1  # "… went well, and" before the next report
        if b <= a:
            continue
        content = [t for t in toks[a:b]]
        if any(t.quoted for t in content):
            x = next(n for n, t in enumerate(content) if t.quoted)
            if x >= 4 and content[x - 1].t in (",", ":", "—"):
                b = a + x - 1
                content = content[: x - 1]
            else:
                continue
        if len(list(islice((t for t in content if _is_word(t.t)), 2))) < 2:
            continue  # fewer than two words
        if c.speaker[0] < b and c.speaker[1] > a:
            continue
        s, e = toks[a].s, toks[b - 1].e
        speaker = _offs(P, c.speaker)
        cue_off = (toks[c.i].s, toks[c.j - 1].e)
        exclude = [(s, e)] + ([speaker] if speaker and not c.phrase else [])
        channel, ctype = _pick_channel(P, max(toks[sa].s, cue_off[0] - 600), min(toks[sb - 1].e, cue_off[1] + 600), exclude, cue_off[0])
        if c.phrase:
            channel, ctype = None, ""
            ch2, ct2 = _pick_channel(P, speaker[0], speaker[1], [], speaker[0])
            if ch2 is not None:
                channel, ctype = speaker, ct2
        o = _Out(s, e, "reported", speaker, cue_off, channel, ctype, _sentence_of(sentences, sent_starts, s), pi, cue_obj=c, marked=False)
        o.pronoun = c.speaker[1] - c.speaker[0] == 1 and toks[c.speaker[0]].low in rules.pronoun_set
        o.add_cue = c.lemma == "add"
        outs.append(o)
    return outs


def _link_continuations(outs: list[_Out], copy: str, rules: AttributionRules) -> None:
    """Set ``continues``: run-on paragraphs, unattributed follow-on quotes, "…," X said, "…", "he added"."""
    last_attr: _Out | None = None
    prev: _Out | None = None
    for o in outs:
        if o.kind == "headline":
            continue
        if o.cont_runon and prev is not None and prev.runon:
            o.continues = prev
            if o.speaker is None and prev.kind == "direct":
                o.kind = "direct"
        elif o.marked and o.cue is None and o.sentence_start and len(copy[o.start : o.end].split()) >= 4 and prev is not None and prev.marked and (
            (prev.speaker is not None or prev.continues is not None) and o.paragraph - prev.paragraph <= 1
        ):
            o.continues = prev
        elif o.marked and prev is not None and prev.marked and o.cue is not None and o.cue == prev.cue and o.paragraph == prev.paragraph:
            o.continues = prev  # "…," X said, "…"
        elif (o.pronoun or o.add_cue) and last_attr is not None and o.paragraph - last_attr.paragraph <= 1 and o.speaker is not None:
            same = True
            if not o.pronoun:
                a = copy[o.speaker[0] : o.speaker[1]].split()
                b = copy[last_attr.speaker[0] : last_attr.speaker[1]].split() if last_attr.speaker else []
                same = bool(a and b and (a[-1].lower() == b[-1].lower() or a[-1].lower() == b[0].lower()))
            if same and last_attr is not o:
                o.continues = last_attr
        if o.speaker is not None and not o.pronoun:
            last_attr = o
        prev = o

"""The attribution lexicon read into ``AttributionRules``: reporting verbs by stance and
their inflections, channels and outlets, pronouns, titles, role cues and the grammar word
lists, compiled once per rule set into the regular expressions and indexes the extractor
uses (no nested repeats, so matching stays linear)."""

from __future__ import annotations

import copyreg
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from ..lexicons.schema import HEADER_KEYS, check_keys, compile_pattern, fail, get_str_list, get_table, parse_header, read_lexicon_of_kind
from ..text.tokens import ATTRIBUTION_TOKEN_RE, verb_forms
from ..types import CHANNEL_TYPES, VERB_CLASSES


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


# The rules' read-only maps travel to parallel workers inside pickled lexicons.
copyreg.pickle(MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))


# The shipped attribution lexicon: the checkout's lexicons/ folder, else the installed copy
# (package data framing/_lexicons), as ``lexicon.shipped_lexicons_dir`` finds them.
_CHECKOUT_LEXICON = Path(__file__).resolve().parents[2] / "lexicons/language/attribution-en.toml"
DEFAULT_LEXICON = _CHECKOUT_LEXICON if _CHECKOUT_LEXICON.is_file() else Path(__file__).resolve().parents[1] / "_lexicons/language/attribution-en.toml"


# --------------------------------------------------------------------------------------
# The lexicon
# --------------------------------------------------------------------------------------

_TOP_KEYS = HEADER_KEYS | {"verbs", "inflections", "phrases", "grammar", "pronouns", "channels", "outlets", "source_types", "metonyms"}
_PHRASE_KEYS = frozenset({"source_after", "passive_quoted", "carry_over"})
_GRAMMAR_KEYS = frozenset(
    {"addressee_verbs", "quote_only", "between", "time_words", "time_prefixes", "determiners", "boundaries", "honorifics", "titles"}
)
_OPTIONAL_GRAMMAR_KEYS = frozenset({"coordinators", "past_forms", "standalone", "clause_joiners", "object_prepositions", "place_prepositions", "clause_openers", "channel_prepositions", "participle_intro", "extend_left_stop", "adjunct_openers", "subject_prepositions", "non_content_prepositions", "plural_nouns", "place_name_starts", "free_relatives", "relative_openers"})
_PRONOUN_KEYS = frozenset({"male", "female", "group", "other", "addressee", "thing"})
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
    # Clause words the rules read around a cue ([grammar] in the lexicon says what each is for).
    clause_joiners: frozenset[str]
    object_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    clause_openers: frozenset[str]
    channel_prepositions: frozenset[str]
    participle_intro: frozenset[str]
    extend_left_stop: frozenset[str]
    adjunct_openers: frozenset[str]
    subject_prepositions: frozenset[str]
    non_content_prepositions: frozenset[str]
    plural_nouns: frozenset[str]
    place_name_starts: frozenset[str]
    free_relatives: frozenset[str]
    relative_openers: frozenset[str]
    name_tags: re.Pattern[str] | None  # party-state codes and ages set off after a name
    person_descriptions: re.Pattern[str] | None  # words that make a description a person's ("34-year-old")
    title_abbreviations: Mapping[str, tuple[str, ...]]  # "gov" -> ("governor",)
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
            for form in verb_forms(lemma, irregular):
                forms.setdefault(form, (lemma, cls))

    phr = get_table(data, "phrases", source)
    check_keys(phr, _PHRASE_KEYS, source, "phrases")
    source_after = tuple(p.lower() for p in get_str_list(phr, "source_after", source, "phrases", nonempty=True))
    passive_quoted = tuple(p.lower() for p in get_str_list(phr, "passive_quoted", source, "phrases", nonempty=True))
    carry = get_str_list(phr, "carry_over", source, "phrases", nonempty=True, casefold=False)
    carry_res = [compile_pattern(p, source, "phrases.carry_over", re.IGNORECASE) for p in carry]
    carry_over_re = re.compile("|".join(f"(?:{r.pattern})" for r in carry_res), re.IGNORECASE) if carry_res else None

    gram = get_table(data, "grammar", source, required=True)
    check_keys(gram, _GRAMMAR_KEYS | _OPTIONAL_GRAMMAR_KEYS | {"name_tags", "title_abbreviations", "person_descriptions"}, source, "grammar")
    abbreviations: dict[str, tuple[str, ...]] = {}
    for entry in get_str_list(gram, "title_abbreviations", source, "grammar", nonempty=True):
        short, eq, full = entry.partition("=")
        if not eq or not short.strip() or not full.split():
            raise fail(source, "grammar.title_abbreviations", f"{entry!r} is not 'abbreviation = word [word …]'")
        abbreviations[short.strip()] = tuple(dict.fromkeys((*abbreviations.get(short.strip(), ()), *full.split())))
    tags = [compile_pattern(p, source, "grammar.name_tags") for p in get_str_list(gram, "name_tags", source, "grammar", nonempty=True, casefold=False)]
    name_tags = re.compile("|".join(f"(?:{r.pattern})" for r in tags)) if tags else None
    described = [compile_pattern(p, source, "grammar.person_descriptions") for p in get_str_list(gram, "person_descriptions", source, "grammar", nonempty=True, casefold=False)]
    person_descriptions = re.compile("|".join(f"(?:{r.pattern})" for r in described), re.IGNORECASE) if described else None
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
    channel_re = _channel_matcher(channel_kind, outlets)
    return AttributionRules(
        id=lex_id, label=label, version=version, description=description, source=source,
        verbs=MappingProxyType(verbs), forms=MappingProxyType(forms),
        source_after=source_after, passive_quoted=passive_quoted,
        addressee=g["addressee_verbs"], quote_only=g["quote_only"], between=g["between"], time_words=g["time_words"],
        time_prefixes=g["time_prefixes"], determiners=g["determiners"], boundaries=g["boundaries"],
        honorifics=g["honorifics"], titles=g["titles"], coordinators=g["coordinators"],
        past_forms=g["past_forms"], standalone=g["standalone"],
        clause_joiners=g["clause_joiners"], object_prepositions=g["object_prepositions"], place_prepositions=g["place_prepositions"], clause_openers=g["clause_openers"], channel_prepositions=g["channel_prepositions"], participle_intro=g["participle_intro"], extend_left_stop=g["extend_left_stop"], adjunct_openers=g["adjunct_openers"], subject_prepositions=g["subject_prepositions"], non_content_prepositions=g["non_content_prepositions"], plural_nouns=g["plural_nouns"], place_name_starts=g["place_name_starts"], free_relatives=g["free_relatives"], relative_openers=g["relative_openers"],
        pronouns=MappingProxyType(pronouns), pronoun_set=pronoun_set,
        channels=MappingProxyType(channels), outlets=MappingProxyType(outlets), outlet_words=outlet_words,
        source_types=MappingProxyType(source_types), metonyms=MappingProxyType(metonyms),
        cue_re=cue_re, cue_index=MappingProxyType(_word_sequence_index(cue_terms)),
        source_phrase_index=MappingProxyType(_word_sequence_index([p for p in (*outlet_words, *(c for cs in source_types.values() for c in cs)) if " " in p.strip()])),
        channel_re=channel_re, channel_kind=MappingProxyType(channel_kind), carry_over_re=carry_over_re, name_tags=name_tags, person_descriptions=person_descriptions, title_abbreviations=MappingProxyType(abbreviations),
    )


def _word_sequence_index(terms: Sequence[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the terms as word sequences, longest first (cue and source-phrase matching)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for term in set(terms):
        words = tuple(ATTRIBUTION_TOKEN_RE.findall(term.lower()))
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _channel_matcher(channel_kind: Mapping[str, tuple[str, bool]], outlets: Mapping[str, Sequence[str]]) -> re.Pattern[str]:
    """One pattern for every channel phrase and outlet name; outlet names are matched
    case-sensitively when they are all capitals ("AP", "RT")."""
    ci = [k for k in channel_kind if not _is_acronym(k, outlets)]
    cs = [n for names in outlets.values() for n in names if _is_acronym(n.lower(), outlets)]
    return re.compile(
        r"(?<![\w'-])(?:(?i:" + _trie_alternation(ci, True) + r")|" + _trie_alternation(cs, False) + r")(?![\w-]|'\w)",
    )


def with_outlets(rules: AttributionRules, names: Sequence[str]) -> AttributionRules:
    """The rules with a corpus's own outlet names as outlets: "told the Harbour Gazette" is
    then a channel (an other outlet's, or the article's own interview), as "told Reuters"
    is. Names already known, and names of fewer than three letters, change nothing."""
    new = sorted({" ".join(n.split()) for n in names if len(re.findall(r"[^\W\d_]", n)) >= 3} - {k for k in rules.channel_kind} - {n for ns in rules.outlets.values() for n in ns})
    new = [n for n in new if " ".join(n.lower().split()) not in rules.channel_kind]
    if not new:
        return rules
    outlets = dict(rules.outlets)
    outlets["other_outlet"] = (*outlets.get("other_outlet", ()), *new)
    channel_kind = dict(rules.channel_kind)
    for n in new:
        channel_kind.setdefault(" ".join(n.lower().split()), ("other_outlet", True))
    return replace(rules, outlets=MappingProxyType(outlets), channel_kind=MappingProxyType(channel_kind), channel_re=_channel_matcher(channel_kind, outlets))


def _is_acronym(low: str, outlets: Mapping[str, tuple[str, ...]]) -> bool:
    for names in outlets.values():
        for n in names:
            if n.lower() == low and n.isupper() and len(n) <= 4:
                return True
    return False


def load_rules(path: str | Path) -> AttributionRules:
    """Read, validate and parse one attribution lexicon file."""
    return parse_attribution_lexicon(*read_lexicon_of_kind(path, "attribution"))


def load_default_rules() -> AttributionRules:
    """The English rules shipped with framing."""
    return load_rules(DEFAULT_LEXICON)

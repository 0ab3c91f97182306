"""Load and validate lexicons: TOML data files that hold everything framing knows.

Every lexicon file has the header keys ``kind``, ``id``, ``label``, ``version`` (and an
optional ``description``); the rest depends on its kind:

- ``language``: segmentation and page-furniture patterns (parsed here);
- ``attribution``: reporting verbs, channels, pronouns, speaker-type cues (``framing.quotes``);
- ``topic``: a topic's terms (``framing.topics``);
- ``actors``: an event's people and organisations (``framing.actors``).

Each kind's module owns its parser; this module reads the files, checks the header,
dispatches, and refuses clashing ids. Every problem is one line: ``file: key: problem``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from ..text.tokens import NAME_WORD_RE, term_words
from .schema import HEADER_KEYS, check_keys, check_kind, compile_pattern, fail, get_str_list, get_table, lexicon_kind, parse_header, read_lexicon_data
from ..types import Actor, ActorsLexicon, TopicLexicon



@dataclass(frozen=True, slots=True)
class LexiconInfo:
    kind: str
    id: str
    label: str
    version: str
    description: str
    source: str  # the file it came from, as given


@dataclass(frozen=True, slots=True)
class LanguageRules:
    id: str
    abbreviations: tuple[str, ...]
    sentence_starters: tuple[str, ...]
    boilerplate: tuple[re.Pattern[str], ...]
    credit: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    stopwords: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()  # no name or term may be only these
    # third-person pronouns of one person, every case ("he", "him", "his"), by gender
    male_pronouns: frozenset[str] = frozenset()
    female_pronouns: frozenset[str] = frozenset()
    # house style: honorifics ("mr", "ms") an outlet's style guide puts before names; left
    # out of the distinctive words (they say which outlet printed a text, not its framing)
    honorifics: frozenset[str] = frozenset()
    # the classroom's blinding and questions (framing.classroom): words of an outlet's name too
    # common to give it away alone ("daily", "port"); phrases that introduce an outlet speaking
    # of itself, before its name ("told", "photo:") or after it ("reported"), and the articles
    # between ("told the ..."); words that name experts as a group ("analysts")
    outlet_name_words: frozenset[str] = frozenset()
    self_reference_before: tuple[str, ...] = ()
    self_reference_after: tuple[str, ...] = ()
    self_reference_articles: tuple[str, ...] = ()
    expert_group_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LexiconSet:
    """All the lexicons that apply to one run."""

    language: LanguageRules
    attribution: Any  # framing.quotes.AttributionRules
    topics: tuple[TopicLexicon, ...] = ()
    actor_lexicons: tuple[ActorsLexicon, ...] = ()
    infos: tuple[LexiconInfo, ...] = field(default=())

    @property
    def actors(self) -> tuple[Actor, ...]:
        return tuple(a for lex in self.actor_lexicons for a in lex.actors)


def parse_language_lexicon(data: dict[str, Any], source: str) -> LanguageRules:
    _, lexicon_id, _, _, _ = parse_header(data, source, "language")
    check_keys(data, HEADER_KEYS | {"segmentation", "lines", "words", "style", "classroom"}, source)
    seg = get_table(data, "segmentation", source, required=True)
    check_keys(seg, {"abbreviations", "sentence_starters"}, source, "segmentation")
    lines = get_table(data, "lines", source)
    check_keys(lines, {"boilerplate", "credit", "caption", "byline"}, source, "lines")
    words = get_table(data, "words", source)
    check_keys(words, {"stopwords", "relative_pronouns", "function_words", "male_pronouns", "female_pronouns"}, source, "words")
    style = get_table(data, "style", source)  # optional: without it no house style is left out
    check_keys(style, {"honorifics"}, source, "style")
    classroom = get_table(data, "classroom", source)  # optional: without it no word is exempt or a pattern
    check_keys(classroom, set(CLASSROOM_KEYS), source, "classroom")

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(
            compile_pattern(p, source, f"lines.{key}", re.IGNORECASE)
            for p in get_str_list(lines, key, source, "lines", casefold=False)
        )

    return LanguageRules(
        id=lexicon_id,
        abbreviations=tuple(a.lower().rstrip(".") for a in get_str_list(seg, "abbreviations", source, "segmentation", nonempty=True)),
        sentence_starters=get_str_list(seg, "sentence_starters", source, "segmentation"),
        boilerplate=patterns("boilerplate"),
        credit=patterns("credit"),
        caption=patterns("caption"),
        byline=patterns("byline"),
        stopwords=frozenset(w.casefold() for w in get_str_list(words, "stopwords", source, "words")),
        relative_pronouns=frozenset(w.casefold() for w in get_str_list(words, "relative_pronouns", source, "words")),
        function_words=frozenset(w.casefold() for w in get_str_list(words, "function_words", source, "words")),
        male_pronouns=frozenset(w.casefold() for w in get_str_list(words, "male_pronouns", source, "words")),
        female_pronouns=frozenset(w.casefold() for w in get_str_list(words, "female_pronouns", source, "words")),
        honorifics=frozenset(_one_term_word(w, source, "style.honorifics") for w in get_str_list(style, "honorifics", source, "style")),
        outlet_name_words=frozenset(w.casefold() for w in _words_only(classroom, "outlet_name_words", source)),
        self_reference_before=tuple(" ".join(p.casefold().split()) for p in get_str_list(classroom, "self_reference_before", source, "classroom")),
        self_reference_after=tuple(" ".join(p.casefold().split()) for p in get_str_list(classroom, "self_reference_after", source, "classroom")),
        self_reference_articles=tuple(w.casefold() for w in _words_only(classroom, "self_reference_articles", source)),
        expert_group_words=frozenset(w.casefold() for w in _words_only(classroom, "expert_group_words", source)),
    )


#: The keys of the optional ``[classroom]`` table (documented in lexicons/README.md).
CLASSROOM_KEYS = ("outlet_name_words", "self_reference_before", "self_reference_after", "self_reference_articles", "expert_group_words")


def _words_only(table: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    """A list of single words (letters, inner hyphens or apostrophes): these are compared
    with one word of a name or a text, so a phrase or a stray period would never match."""
    words = get_str_list(table, key, source, "classroom")
    for w in words:
        if not re.fullmatch(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", w):
            raise fail(source, f"classroom.{key}", f"{w!r} is not one word (letters, inner hyphens or apostrophes; no space, digit or period)")
    return words


def _one_term_word(entry: str, source: str, key: str) -> str:
    """``entry`` casefolded, refused unless it is one word as the distinctive words count
    them (``framing.text.tokens.term_tokens``: lower-case letters, inner hyphens or
    apostrophes, at least two letters): any other entry could never match a counted word,
    so it would leave nothing out, silently."""
    folded = entry.casefold().replace("\u2019", "'")
    found = term_words(folded)
    if found == [folded] and len(folded) > 1:
        return folded
    if len(found) == 1 and len(found[0]) > 1:
        hint = f"write {found[0]!r}"
    elif len(entry.split()) > 1:
        hint = "give one word per entry"
    elif found:
        hint = f"the text's words would be read as {' '.join(found)!r}, never as {entry!r} (one-letter words are never counted)"
    else:
        hint = "it has no letters a-z"
    raise fail(source, key, f"{entry!r} is not one word as the distinctive words count them (letters a-z in any case, inner hyphens or apostrophes; no period, space or digit): {hint}")


def _parsers():
    # Imported here: each kind's module imports this one for its errors and helpers.
    from ..actors import parse_actors_lexicon
    from ..quotes import parse_attribution_lexicon
    from ..topics import parse_topic_lexicon

    return {
        "language": parse_language_lexicon,
        "attribution": parse_attribution_lexicon,
        "topic": parse_topic_lexicon,
        "actors": parse_actors_lexicon,
    }


def read_lexicon_file(path: Path | str, kind: str | None = None) -> tuple[LexiconInfo, Any]:
    """Parse and validate one lexicon file; with ``kind``, refuse a lexicon of another kind
    (that error names ``path`` as given)."""
    source = str(Path(path))
    data = read_lexicon_data(Path(path))
    found = lexicon_kind(data, source)
    _, lexicon_id, label, version, description = parse_header(data, source)
    info = LexiconInfo(kind=found, id=lexicon_id, label=label, version=version, description=description, source=source)
    value = _parsers()[found](data, source)
    if kind is not None:
        check_kind(found, kind, path)
    return info, value


def lexicon_files(path: Path) -> list[Path]:
    """A lexicon file, or every ``*.toml`` under a directory (sorted, recursive)."""
    if not path.exists():
        raise LexiconError(f"{path}: path: no such file or directory")
    if path.is_dir():
        return sorted(p for p in path.rglob("*.toml") if p.is_file())
    return [path]


def shipped_lexicons_dir() -> Path:
    """The lexicons that come with framing: the repository's ``lexicons/`` folder when run
    from a checkout or an editable install, else the copy installed as package data."""
    checkout = Path(__file__).resolve().parents[2] / "lexicons"
    if (checkout / "language").is_dir():
        return checkout
    from importlib.resources import files

    return Path(str(files("framing") / "_lexicons"))


def load_lexicons(paths: Iterable[Path | str] = (), *, defaults: bool = True) -> LexiconSet:
    """Load lexicons from files and folders, on top of the shipped language lexicons.

    A language or attribution lexicon given in ``paths`` replaces the shipped one; topic and
    actors lexicons add up. Two lexicons of one kind with one id are an error, as is an id
    shared by two actors, or an alias claimed by two actors.
    """
    files: list[Path] = []
    if defaults:
        files.extend(lexicon_files(shipped_lexicons_dir() / "language"))
    user_files: list[Path] = []
    for p in paths:
        user_files.extend(lexicon_files(Path(p)))
    seen_files: set[Path] = set()
    loaded: list[tuple[LexiconInfo, Any, bool]] = []
    for f, is_user in [(f, False) for f in files] + [(f, True) for f in user_files]:
        key = f.resolve()
        if key in seen_files:
            continue
        seen_files.add(key)
        info, value = read_lexicon_file(f)
        loaded.append((info, value, is_user))

    # A user's language/attribution lexicon replaces the shipped default of its kind.
    for kind in ("language", "attribution"):
        if any(info.kind == kind and is_user for info, _, is_user in loaded):
            loaded = [item for item in loaded if item[0].kind != kind or item[2]]

    by_id: dict[tuple[str, str], LexiconInfo] = {}
    for info, _, _ in loaded:
        other = by_id.get((info.kind, info.id))
        if other is not None:
            raise fail(info.source, "id", f"{info.kind} lexicon id {info.id!r} is already used by {other.source}")
        by_id[(info.kind, info.id)] = info

    def single(kind: str) -> Any:
        items = [(info, value) for info, value, _ in loaded if info.kind == kind]
        if not items:
            raise LexiconError(f"no {kind} lexicon found (the shipped lexicons/language folder is missing?)")
        if len(items) > 1:
            names = ", ".join(info.source for info, _ in items)
            raise LexiconError(f"{items[1][0].source}: kind: only one {kind} lexicon may apply, got {names}")
        return items[0][1]

    actor_lexicons = tuple(value for info, value, _ in loaded if info.kind == "actors")
    _check_actor_clashes(actor_lexicons, {info.id: info.source for info, _, _ in loaded if info.kind == "actors"})
    language = single("language")
    sources = {(info.kind, info.id): info.source for info, _, _ in loaded}
    for lex in actor_lexicons:
        for actor in lex.actors:
            for key, names in (("name", (actor.name,)), ("aliases", actor.aliases), ("surname", (actor.surname,) if actor.surname else ()),
                               ("titles", actor.titles), ("descriptors", actor.descriptors), ("not_aliases", actor.not_aliases)):
                for name in names:
                    _check_name(name, language.function_words, sources[("actors", lex.id)], f"actor.{actor.id}.{key}", acronyms=True)
    for topic in (v for i, v, _ in loaded if i.kind == "topic"):
        for term in topic.terms:
            _check_name(term.text, language.function_words, sources[("topic", topic.id)], "case_sensitive" if term.case_sensitive else "terms", acronyms=term.case_sensitive)
        for phrase in topic.exclude:  # an exclusion only cancels hits: it must just not be empty
            _check_name(phrase, frozenset(), sources[("topic", topic.id)], "exclude", acronyms=False)
    return LexiconSet(
        language=language,
        attribution=single("attribution"),
        topics=tuple(sorted((v for i, v, _ in loaded if i.kind == "topic"), key=lambda t: t.id)),
        actor_lexicons=actor_lexicons,
        infos=tuple(sorted((i for i, _, _ in loaded), key=lambda i: (i.kind, i.id))),
    )


def _check_name(name: str, function_words: frozenset[str], source: str, key: str, *, acronyms: bool) -> None:
    """Refuse a name or term that would match nearly anything, or hang a matcher: empty or
    punctuation alone once normalised ("-", a spreadsheet's placeholder), or only function
    words of the language lexicon ("The", "of the"). With ``acronyms``, a name in capitals
    ("US", "A.I.") is an acronym, not the function words it spells."""
    words = NAME_WORD_RE.findall(unicodedata.normalize("NFKC", name))
    if not words:
        raise fail(source, key, f"{name!r} has no letters or digits (empty or punctuation alone); it would match anywhere")
    letters = "".join(words)
    if acronyms and len(letters) > 1 and letters.isupper():
        return  # "US", "A.I.": an acronym
    if all(w.casefold() in function_words for w in words):
        raise fail(source, key, f"{name!r} is only function words (the language lexicon's function_words); it would match nearly every sentence")


def _check_actor_clashes(lexicons: Sequence[ActorsLexicon], sources: dict[str, str]) -> None:
    from ..actors import name_key

    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for lex in lexicons:
        source = sources.get(lex.id, lex.id)
        for actor in lex.actors:
            if actor.id in ids:
                raise fail(source, f"actor.{actor.id}", f"actor id also defined in lexicon {ids[actor.id]!r}")
            ids[actor.id] = lex.id
            for name in (actor.name, *actor.aliases):
                key = name_key(name)
                owner = names.get(key)
                if owner is not None and owner != actor.id:
                    raise fail(source, f"actor.{actor.id}.aliases", f"{name!r} is claimed by both {owner!r} and {actor.id!r}")
                names[key] = actor.id


def check_paths(paths: Sequence[Path | str]) -> list[LexiconInfo]:
    """Validate lexicon files and folders together (``framing lexicon check``)."""
    lexset = load_lexicons(paths)
    wanted = {str(Path(f)) for p in paths for f in lexicon_files(Path(p))}
    return [info for info in lexset.infos if info.source in wanted]

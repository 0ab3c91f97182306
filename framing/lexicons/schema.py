"""Small validation helpers shared by every lexicon kind's parser.

Each helper raises ``LexiconError("file: key: problem")`` so that a researcher editing a
lexicon gets one line that names the file, the key and what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import LexiconError


def fail(source: str, key: str, problem: str) -> LexiconError:
    return LexiconError(f"{source}: {key}: {problem}")


def check_keys(table: Mapping[str, Any], allowed: set[str] | frozenset[str], source: str, where: str = "") -> None:
    """Refuse keys a parser does not know: a typo must not be silently ignored."""
    for key in table:
        if key not in allowed:
            name = f"{where}.{key}" if where else key
            raise fail(source, name, f"unknown key (allowed: {', '.join(sorted(allowed))})")


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, the one form names are compared in: the corpus readers put
    every article in NFC, so a lexicon written on a system that stores NFD ("Su\u0308d")
    still matches."""
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def get_str(table: Mapping[str, Any], key: str, source: str, where: str = "", *, required: bool = False, default: str = "") -> str:
    name = f"{where}.{key}" if where else key
    if key not in table:
        if required:
            raise fail(source, name, "missing required key")
        return default
    value = table[key]
    if not isinstance(value, str):
        raise fail(source, name, f"expected a string, got {type(value).__name__}")
    if required and not value.strip():
        raise fail(source, name, "must not be empty")
    return nfc(value)


def get_str_list(
    table: Mapping[str, Any],
    key: str,
    source: str,
    where: str = "",
    *,
    required: bool = False,
    nonempty: bool = False,
    unique: bool = True,
    casefold: bool = True,
) -> tuple[str, ...]:
    """A list of non-empty strings; duplicates (after casefolding, by default) are an error."""
    name = f"{where}.{key}" if where else key
    if key not in table:
        if required:
            raise fail(source, name, "missing required key")
        return ()
    value = table[key]
    if not isinstance(value, list):
        raise fail(source, name, f"expected a list of strings, got {type(value).__name__}")
    if nonempty and not value:
        raise fail(source, name, "empty list")
    seen: dict[str, str] = {}
    value = [nfc(item) if isinstance(item, str) else item for item in value]
    for item in value:
        if not isinstance(item, str):
            raise fail(source, name, f"expected strings, got {type(item).__name__} {item!r}")
        if not item.strip():
            raise fail(source, name, "empty string in list")
        folded = item.casefold() if casefold else item
        if unique and folded in seen:
            raise fail(source, name, f"duplicate term {item!r}")
        seen[folded] = item
    return tuple(value)


def get_table(table: Mapping[str, Any], key: str, source: str, where: str = "", *, required: bool = False) -> Mapping[str, Any]:
    name = f"{where}.{key}" if where else key
    if key not in table:
        if required:
            raise fail(source, name, "missing required table")
        return {}
    value = table[key]
    if not isinstance(value, dict):
        raise fail(source, name, f"expected a table, got {type(value).__name__}")
    return value


#: Nested quantifiers such as (a+)+ or (a*)* backtrack catastrophically on a near-miss.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,\})")


def compile_pattern(pattern: str, source: str, name: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a lexicon regular expression, refusing ones that can backtrack catastrophically."""
    if _NESTED_QUANTIFIER.search(pattern):
        raise fail(source, name, f"pattern {pattern!r} nests a repeat inside a repeat and can hang on long lines")
    if len(pattern) > 500:
        raise fail(source, name, "pattern longer than 500 characters")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise fail(source, name, f"pattern {pattern!r} does not compile: {exc}") from None


#: Keys every lexicon file has at its top level, whatever its kind.
HEADER_KEYS = frozenset({"kind", "id", "label", "version", "description"})
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_header(data: Mapping[str, Any], source: str, kind: str | None = None) -> tuple[str, str, str, str, str]:
    """The header every lexicon has: (kind, id, label, version, description), validated.

    ``kind`` given: the file must be of that kind (a missing kind is taken to be it, so a
    kind's parser can be called on a bare table in tests and tools).
    """
    if not isinstance(data, Mapping):
        raise fail(source, "(top)", "expected a TOML table")
    found = get_str(data, "kind", source, required=kind is None, default=kind or "")
    if kind is not None and found != kind:
        raise fail(source, "kind", f"expected {kind!r}, got {found!r}")
    lexicon_id = get_str(data, "id", source, required=True)
    if not ID_PATTERN.match(lexicon_id):
        raise fail(source, "id", f"{lexicon_id!r} is not a snake_case id (a-z, 0-9, _; starts with a letter)")
    label = get_str(data, "label", source, required=True)
    version = get_str(data, "version", source, required=True)
    return found, lexicon_id, label, version, get_str(data, "description", source)


#: The kinds of lexicon, as their ``kind`` key names them.
KINDS = ("language", "attribution", "topic", "actors")


def parse_lexicon_text(text: str, source: str) -> dict[str, Any]:
    """The TOML table of a lexicon file's text; bad TOML is ``LexiconError("source: toml: ...")``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{source}: toml: {exc}") from None


def read_lexicon_data(path: Path) -> dict[str, Any]:
    """The TOML table of the lexicon file ``path``, not yet validated: the one place a lexicon
    file is read. A file that cannot be read, is not UTF-8 or is not TOML is a one-line
    ``LexiconError`` naming ``path``."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LexiconError(f"{source}: file: not UTF-8 text") from None
    return parse_lexicon_text(text, source)


def lexicon_kind(data: Mapping[str, Any], source: str) -> str:
    """The ``kind`` of a lexicon's table, one of ``KINDS``."""
    found = get_str(data, "kind", source, required=True)
    if found not in KINDS:
        raise fail(source, "kind", f"unknown kind {found!r} (expected one of: {', '.join(KINDS)})")
    return found


def check_kind(found: str, kind: str, path: Path | str) -> None:
    if found != kind:
        raise LexiconError(f"{path}: kind: expected {'an' if kind[0] in 'aeiou' else 'a'} {kind} lexicon, got {found!r}")


def read_lexicon_of_kind(path: Path | str, kind: str) -> tuple[dict[str, Any], str]:
    """The table of the lexicon file ``path`` and its source name, refusing a lexicon of
    another kind: what a kind's own loader (``topics.load_topic_lexicon``,
    ``quotes.load_rules``) parses, without the loader of every kind above it."""
    source = str(Path(path))
    data = read_lexicon_data(Path(path))
    check_kind(lexicon_kind(data, source), kind, path)
    return data, source

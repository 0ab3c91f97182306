"""LIWC-style dictionaries (``.dic``) to framing topic lexicons and back.

The format (as LIWC and many dictionaries in its style write it)::

    %
    1	posemo
    2	negemo
    3	work
    %
    happy	1
    hate*	2
    job*	3
    work ethic	1 3

A header between two lines that are just ``%`` gives each category a whole-number id and a
name; then each entry line is a word (or ``stem*``, or several words) followed by the ids of
its categories, separated by a tab or by spaces. A word of several words is read up to the
first tab, or, on a line without a tab, up to the first whole number: write an entry whose
words include a number (``top 10``) with a tab before its ids.

``import_dic`` writes one topic lexicon per category: id = the name in snake_case
(``Positive Emotion`` -> ``positive_emotion``; a name that starts with a digit gets
``category_`` in front, and a name with no Latin letter or digit becomes ``category_<id>``),
label = the name, terms = the category's entries sorted, ``*`` wildcards kept. Decisions:

- every malformed line is an error naming the file and line; nothing is written;
- LIWC's special syntax (parentheses or brackets, as in ``like*(discrepancy)`` or
  ``kind	(02 134)126/125``, for phrases and conditional categories) is refused, not
  approximated;
- entries framing's topic terms cannot express are refused with the line: a term with no
  letter or digit (emoticons such as ``:)``), ``*`` anywhere but the end, fewer than 3
  characters before ``*``;
- the same word on two lines (ignoring case) is an error: merge its ids into one line;
- a category with no entries (a parent category in some dictionaries) is skipped with a
  warning, since a topic lexicon cannot be empty;
- two category names that give the same snake_case id are an error: rename one.

``export_dic`` writes topic lexicons as one ``.dic``: categories numbered 1, 2, ... in id
order, named by the label when the label's snake_case is the id (so an imported dictionary
round-trips) and by the id otherwise; entries sorted, one line each with all its categories.
A ``.dic`` cannot say what a topic lexicon can, so these are lost, with a warning for each
topic concerned: ``case_sensitive`` terms become ordinary (any-capitalisation) words (so ``MOU`` and ``MoU``
become one entry),
``exclude`` phrases are dropped, a label that is not the id's words is dropped; description
and version are always dropped (``import-dic --version`` sets the version again).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FramingError, LexiconError
from .load import lexicon_files
from .schema import read_lexicon_data
from .scaffold import existing_lexicon_ids, snake_id, toml_list, toml_string, validate_lexicon_data, validate_lexicon_text, write_files
from ..text.tokens import MIN_PREFIX, WORD_CHAR_RE, star_problem
from ..topics import straighten
from ..types import TopicLexicon

__all__ = [
    "DicCategory",
    "DicEntry",
    "Dictionary",
    "ImportResult",
    "category_lexicon_id",
    "dic_text",
    "dic_to_topic_files",
    "export_dic",
    "import_dic",
    "parse_dic",
    "read_topic_lexicons",
]

_INT = re.compile(r"\d+")
#: Characters LIWC uses for phrases and conditional categories: refused, never guessed at.
_SPECIAL = "()[]<>{}"


@dataclass(frozen=True, slots=True)
class DicCategory:
    number: int
    name: str
    line: int


@dataclass(frozen=True, slots=True)
class DicEntry:
    word: str
    categories: tuple[int, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Dictionary:
    source: str
    categories: tuple[DicCategory, ...]
    entries: tuple[DicEntry, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    paths: tuple[Path, ...]
    warnings: tuple[str, ...] = field(default=())


def _err(source: str, line: int, problem: str) -> LexiconError:
    return LexiconError(f"{source}:{line}: {problem}")


def _listing(numbers: Iterable[int], limit: int = 12) -> str:
    items = sorted(numbers)
    shown = ", ".join(map(str, items[:limit]))
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def category_lexicon_id(category: DicCategory) -> str:
    """The topic lexicon id of a category: its name in snake_case."""
    return snake_id(category.name, prefix="category") or f"category_{category.number}"


#: How an entry of a dictionary words each breach of the ``*`` rule (``text.tokens.star_problem``).
_STAR_PROBLEMS = {
    "inner": "'*' is allowed only at the end of a word",
    "after_non_word": "'*' must directly follow a letter or digit",
    "short": f"framing needs at least {MIN_PREFIX} characters before '*' (a shorter stem matches too many words)",
}


def _check_word(word: str, source: str, n: int) -> None:
    """Refuse an entry framing's topic terms cannot express. (A misplaced ``*`` is reported
    before a missing letter or digit, a ``*`` after punctuation after it.)"""
    problem = star_problem(word)
    if problem == "inner":
        raise _err(source, n, f"entry {word!r}: {_STAR_PROBLEMS[problem]}")
    if not WORD_CHAR_RE.search(word):
        raise _err(source, n, f"entry {word!r} has no letter or digit; framing's topic terms cannot be only punctuation")
    if problem is not None:
        raise _err(source, n, f"entry {word!r}: {_STAR_PROBLEMS[problem]}")


def parse_dic(text: str, source: str) -> Dictionary:
    """Parse the text of a LIWC-style dictionary; every malformed line is a ``LexiconError``
    ``source:line: problem``."""
    lines = text.splitlines()
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n == len(lines):
        raise LexiconError(f"{source}: no header: the file is empty (a LIWC .dic starts with a line that is just '%')")
    if lines[n].strip() != "%":
        raise _err(source, n + 1, f"no header: a LIWC .dic starts with a line that is just '%', not {lines[n].strip()[:60]!r}")
    opened = n + 1
    n += 1
    categories: dict[int, DicCategory] = {}
    names: dict[str, DicCategory] = {}
    ids: dict[str, DicCategory] = {}
    while True:
        if n == len(lines):
            raise _err(source, opened, "unterminated header: no second line that is just '%' closes the category list")
        line = lines[n]
        n += 1
        if line.strip() == "%":
            closed = n
            break
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) < 2:
            raise _err(source, n, f"header line {line.strip()!r} needs a category id and a name, as in '1<tab>posemo'")
        number_text, name = parts[0], " ".join(parts[1].split())
        if not _INT.fullmatch(number_text):
            raise _err(source, n, f"category id {number_text!r} is not a whole number (header lines are '<id> <name>')")
        number = int(number_text)
        category = DicCategory(number, name, n)
        if number in categories:
            raise _err(source, n, f"duplicate category id {number} (also on line {categories[number].line})")
        if name.casefold() in names:
            raise _err(source, n, f"duplicate category name {name!r} (also on line {names[name.casefold()].line})")
        lexicon_id = category_lexicon_id(category)
        if lexicon_id in ids:
            other = ids[lexicon_id]
            raise _err(source, n, f"category {name!r} would get the lexicon id {lexicon_id!r}, as does {other.name!r} (line {other.line}); rename one of them")
        categories[number] = category
        names[name.casefold()] = category
        ids[lexicon_id] = category
    if not categories:
        raise _err(source, closed, "the header defines no categories")

    entries: list[DicEntry] = []
    seen: dict[str, DicEntry] = {}
    while n < len(lines):
        raw = lines[n].rstrip()
        n += 1
        if not raw.strip():
            continue
        if raw.strip() == "%":
            raise _err(source, n, f"unexpected '%' line: the header was closed on line {closed}")
        special = sorted({ch for ch in raw if ch in _SPECIAL})
        if special:
            raise _err(
                source,
                n,
                f"{raw.strip()[:60]!r}: LIWC special syntax ({' '.join(special)}: phrases or conditional categories) is not supported; write the entry as a plain word and its category ids",
            )
        if raw[0].isspace():
            raise _err(source, n, "empty word: the line starts with whitespace instead of a word")
        if "\t" in raw:
            word_part, rest = raw.split("\t", 1)
            id_tokens = rest.split()
        else:
            tokens = raw.split()
            k = 1
            while k < len(tokens) and not _INT.fullmatch(tokens[k]):
                k += 1
            word_part, id_tokens = " ".join(tokens[:k]), tokens[k:]
        word = " ".join(word_part.split())
        if not word:
            raise _err(source, n, "empty word")
        if not id_tokens:
            raise _err(source, n, f"entry {word!r} has no category id (entries are '<word><tab><id> <id> ...')")
        numbers: list[int] = []
        for token in id_tokens:
            if not _INT.fullmatch(token):
                raise _err(source, n, f"entry {word!r}: category id {token!r} is not a whole number")
            number = int(token)
            if number not in categories:
                raise _err(source, n, f"entry {word!r}: unknown category id {number} (the header defines {_listing(categories)})")
            if number in numbers:
                raise _err(source, n, f"entry {word!r}: category id {number} is listed twice")
            numbers.append(number)
        _check_word(word, source, n)
        key = straighten(word).casefold()
        if key in seen:
            raise _err(source, n, f"entry {word!r} is listed twice (also on line {seen[key].line}); merge its category ids into one line")
        entry = DicEntry(word, tuple(numbers), n)
        seen[key] = entry
        entries.append(entry)
    return Dictionary(source, tuple(sorted(categories.values(), key=lambda c: c.number)), tuple(entries))


def _term_order(term: str) -> tuple[str, str]:
    return (term.casefold(), term)


def _topic_file_text(category: DicCategory, terms: Sequence[str], source_name: str, version: str) -> str:
    lexicon_id = category_lexicon_id(category)
    return f"""\
# Topic lexicon imported by `framing lexicon import-dic` from {source_name}, category {category.number} ({category.name}).
# A LIWC-style dictionary has no case-sensitive terms and no exclusions; add them here if needed
# (see lexicons/README.md), and bump the version when you change the terms.
kind = "topic"
id = {toml_string(lexicon_id)}
label = {toml_string(category.name)}
version = {toml_string(version)}
description = {toml_string(f"Category {category.number} ({category.name}) of the LIWC-style dictionary {source_name}.")}
terms = {toml_list(sorted(terms, key=_term_order), one_line_max=0)}
"""


def dic_to_topic_files(dic: Dictionary, *, version: str = "1.0", source_name: str = "", target_dir: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """File name -> text of one topic lexicon per category with entries (each validated by
    the topic parser), and the warnings (categories skipped for having no entries)."""
    if not version.strip():
        raise FramingError("--version must not be empty")
    source_name = source_name or Path(dic.source).name
    terms: dict[int, list[str]] = {c.number: [] for c in dic.categories}
    for entry in dic.entries:
        for number in entry.categories:
            terms[number].append(entry.word)
    files: dict[str, str] = {}
    warnings: list[str] = []
    for category in dic.categories:
        if not terms[category.number]:
            warnings.append(f"{dic.source}:{category.line}: category {category.number} ({category.name}) has no entries; no lexicon written for it")
            continue
        name = f"{category_lexicon_id(category)}.toml"
        text = _topic_file_text(category, terms[category.number], source_name, version)
        validate_lexicon_text(text, str((target_dir / name) if target_dir else name))
        files[name] = text
    if not files:
        raise FramingError(f"{dic.source}: no category has any entry; nothing to import")
    return files, warnings


def _read_text(path: Path) -> tuple[str, str | None]:
    from ..text import decode_text

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FramingError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FramingError(f"{path}: is a folder, not a .dic file") from None
    except OSError as exc:
        raise FramingError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode_text(raw, str(path))


def import_dic(path: Path | str, outdir: Path | str, *, version: str = "1.0") -> ImportResult:
    """Write one topic lexicon per category of the dictionary ``path`` into ``outdir``: all of
    them or none. Refuses to overwrite a file, or to reuse an id a topic lexicon in ``outdir``
    already has."""
    path, outdir = Path(path), Path(outdir)
    text, decode_warning = _read_text(path)
    dic = parse_dic(text, str(path))
    files, warnings = dic_to_topic_files(dic, version=version, source_name=path.name, target_dir=outdir)
    if decode_warning:
        warnings.insert(0, decode_warning)
    if outdir.exists() and not outdir.is_dir():
        raise FramingError(f"{outdir}: exists and is not a folder")
    existing = existing_lexicon_ids(outdir, "topic")
    by_id = {category_lexicon_id(c): c for c in dic.categories}
    for name in files:
        lexicon_id = name[: -len(".toml")]
        target = outdir / name
        category = by_id[lexicon_id]
        if target.exists():
            raise FramingError(f"{target} already exists; not overwriting it (nothing was written)")
        if lexicon_id in existing:
            raise FramingError(
                f"{path}:{category.line}: category {category.name!r} gives the topic id {lexicon_id!r}, which is already used by {existing[lexicon_id]} (nothing was written)"
            )
    written = write_files(outdir, files)
    return ImportResult(tuple(written), tuple(warnings))


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def read_topic_lexicons(paths: Sequence[Path | str]) -> tuple[list[TopicLexicon], list[str]]:
    """The topic lexicons in ``paths`` (files, or folders searched recursively), validated.

    A lexicon of another kind inside a folder is passed over (its file is listed in the
    second value); one named directly is an error, as is a topic id two files share.
    """
    lexicons: list[TopicLexicon] = []
    skipped: list[str] = []
    seen_files: set[Path] = set()
    by_id: dict[str, str] = {}
    for p in paths:
        p = Path(p)
        for f in lexicon_files(p):
            key = f.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            source = str(f)
            data = read_lexicon_data(f)
            kind = data.get("kind")
            if kind != "topic":
                if f == p:
                    raise LexiconError(f"{source}: kind: a {kind!r} lexicon, not a topic lexicon; only topic lexicons can be exported")
                skipped.append(source)
                continue
            lexicon = validate_lexicon_data(data, source)
            if lexicon.id in by_id:
                raise LexiconError(f"{source}: id: topic lexicon id {lexicon.id!r} is already used by {by_id[lexicon.id]}")
            by_id[lexicon.id] = source
            lexicons.append(lexicon)
    if not lexicons:
        raise FramingError(f"no topic lexicon found in {', '.join(map(str, paths))}")
    return lexicons, skipped


def dic_text(lexicons: Sequence[TopicLexicon]) -> tuple[str, list[str]]:
    """The ``.dic`` text of ``lexicons`` and one warning per topic that loses something."""
    ordered = sorted(lexicons, key=lambda lex: lex.id)
    warnings: list[str] = []
    header: list[str] = []
    words: dict[str, tuple[str, set[int]]] = {}
    for number, lex in enumerate(ordered, 1):
        label = " ".join(lex.label.split())
        if label and snake_id(label, prefix="category") == lex.id:
            name = label
        else:
            name = lex.id
            warnings.append(f"topic {lex.id!r}: the label {lex.label!r} is not kept (a .dic category has one name; the id is used)")
        header.append(f"{number}\t{name}")
        exact = [t.text for t in lex.terms if t.case_sensitive]
        if exact:
            warnings.append(f"topic {lex.id!r}: case-sensitive terms exported as ordinary words that match any capitalisation: {', '.join(exact)}")
        if lex.exclude:
            warnings.append(f"topic {lex.id!r}: exclude phrases dropped (a .dic has none): {', '.join(lex.exclude)}")
        for term in lex.terms:
            bad = sorted({ch for ch in term.text if ch in _SPECIAL})
            if bad:
                raise LexiconError(f"{lex.source or lex.id}: terms: {term.text!r} contains {' '.join(bad)}, which LIWC-style readers take for special syntax; it cannot be exported")
            key = term.text.casefold()
            spelling, numbers = words.setdefault(key, (term.text, set()))
            numbers.add(number)
    lines = ["%", *header, "%"]
    for key in sorted(words, key=lambda k: (k, words[k][0])):
        spelling, numbers = words[key]
        lines.append(f"{spelling}\t{' '.join(map(str, sorted(numbers)))}")
    return "\n".join(lines) + "\n", warnings


def export_dic(paths: Sequence[Path | str], out: Path | str, *, force: bool = False) -> list[str]:
    """Write the topic lexicons in ``paths`` to the ``.dic`` file ``out`` (atomically); return
    the warnings (what the format cannot keep, lexicons of other kinds passed over)."""
    out = Path(out)
    if out.is_dir():
        raise FramingError(f"{out}: is a folder; give the name of the .dic file to write")
    if out.exists() and not force:
        raise FramingError(f"{out} already exists; not overwriting it (use --force to replace it)")
    lexicons, skipped = read_topic_lexicons(paths)
    text, warnings = dic_text(lexicons)
    if skipped:
        warnings.append(f"passed over {len(skipped)} lexicon(s) that are not topic lexicons: {', '.join(skipped)}")
    parent = out.absolute().parent
    tmp = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise FramingError(f"{out}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return warnings

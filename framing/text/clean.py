"""Cleaning that keeps offsets: a matching copy and a role for every line.

Nothing is deleted. ``matching_copy`` maps typographic variants one character to one
character, so every offset found in the copy indexes the original text. ``line_roles``
marks headlines, headings, bylines, captions and boilerplate so that only body text feeds
tone and topic features, while the report can still show (and grey) the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Line, Role, Span
from .tokens import BODY_WORD_RE  # words of lines, read in the matching copy (apostrophes straight)

# The one variant table: each typographic variant and the plain character it is matched
# as, one character for one so that offsets never shift. ``GLYPH_VARIANTS`` (quote marks,
# hyphens, spaces) also straighten lexicon terms (``topics``), so a term written with curly
# quotes matches; the rest only make the matching copy of a text.
GLYPH_VARIANTS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    # Full-width, CJK corner and ornamental quote marks: one mark, like the curly ones.
    "\uff02": '"', "\uff07": "'", "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"',
    "\u301d": '"', "\u301e": '"', "\u301f": '"', "\u275d": '"', "\u275e": '"', "\u275b": "'", "\u275c": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ",
}  # fmt: skip
_MATCHING_CHARS = tuple(
    {
        **GLYPH_VARIANTS,
        "\t": " ",
        # Zero-width characters and the soft hyphen have no visible width; a space keeps
        # word boundaries visible to the matchers without changing the length.
        "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ", "\u00ad": " ",
        "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
        # A vertical tab, a form feed and the information separators end a line (as for
        # str.splitlines, which gives the title): as a space they would join a headline to
        # the paragraph below it.
        "\u000b": "\n", "\u000c": "\n", "\u001c": "\n", "\u001d": "\n", "\u001e": "\n",
    }.items()
)  # fmt: skip
# Not \x1c-\x1e: the line breaks above.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_CRLF = re.compile(r"\r(?=\n)")


def matching_copy(text: str) -> str:
    """A copy of ``text`` of the same length in which variants are unified for matching.

    Curly quotes become straight quotes, U+2010/U+2011 hyphens become "-", NBSP and other
    spaces become " ", zero-width characters become " ", a CR before LF becomes " " and a
    lone CR, a vertical tab, a form feed and U+001C-U+001E become a newline; other control
    characters become spaces.
    """
    copy = text
    # A replace per character present: str.translate with a table that maps to and from
    # non-ASCII characters takes its slow path, some 30x slower on a news article.
    for variant, plain in _MATCHING_CHARS:
        if variant in copy:
            copy = copy.replace(variant, plain)
    if "\r" in copy:
        copy = _CRLF.sub(" ", copy).replace("\r", "\n")
    if _CONTROL.search(copy):
        copy = _CONTROL.sub(" ", copy)
    return copy


_LINE = re.compile(r"[^\n]+")
_FINAL_PUNCT = (".", "!", "?", ":", ";", "…")
_CLOSERS = "\"')]” ’"


def iter_lines(copy: str) -> list[Span]:
    """Spans of the non-blank lines, trimmed of surrounding whitespace."""
    spans = []
    for match in _LINE.finditer(copy):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        spans.append(Span(start, start + len(stripped)))
    return spans


def _normal(text: str) -> str:
    return " ".join(BODY_WORD_RE.findall(text.casefold()))


def line_roles(
    text: str,
    *,
    title: str = "",
    boilerplate: Sequence[re.Pattern[str]] = (),
    byline: Sequence[re.Pattern[str]] = (),
    caption: Sequence[re.Pattern[str]] = (),
    credit: Sequence[re.Pattern[str]] = (),
    max_heading_words: int = 12,
) -> tuple[Line, ...]:
    """Give every non-blank line of ``text`` a role.

    Patterns come from the language lexicon; the structural cues are the habits of web
    news pages: the headline is the line equal to the title (else the first line); lines
    above it are page furniture; unpunctuated lines right below it are the deck (heading);
    a line right above a photo credit is its caption; an unpunctuated short line inside the
    article is a section heading and a longer one an image caption; short unpunctuated
    lines after the last body paragraph are page furniture.
    """
    copy = matching_copy(text)
    spans = iter_lines(copy)
    if not spans:
        return ()
    lines = [copy[s.start : s.end] for s in spans]
    roles: list[Role | None] = [None] * len(spans)

    def matches(patterns: Sequence[re.Pattern[str]], line: str) -> bool:
        return any(p.search(line) for p in patterns)

    for i, line in enumerate(lines):
        if matches(boilerplate, line):
            roles[i] = "boilerplate"
        elif matches(credit, line):
            roles[i] = "boilerplate"
            if i > 0 and roles[i - 1] is None:
                roles[i - 1] = "caption"
        elif matches(caption, line):
            roles[i] = "caption"
        elif matches(byline, line):
            roles[i] = "byline"

    # The headline: the line equal to the title, else the first line not yet given a role
    # when the title is unknown and that line is unpunctuated.
    headline = None
    wanted = _normal(matching_copy(title))
    if wanted:
        for i, line in enumerate(lines):
            if _normal(line) == wanted:
                headline = i
                break
    if headline is None and not wanted:
        first = next((i for i, r in enumerate(roles) if r is None), None)
        if first is not None and _is_unpunctuated(lines[first]):
            headline = first
    if headline is not None:
        roles[headline] = "headline"
        for i in range(headline):  # kicker, section label, "Old Version" above the headline
            if roles[i] is None:
                roles[i] = "boilerplate"
        # The deck: unpunctuated lines right below the headline.
        i = headline + 1
        while i < len(lines) and (roles[i] is None and _is_unpunctuated(lines[i]) or roles[i] in ("byline", "boilerplate")):
            if roles[i] is None:
                roles[i] = "heading"
            i += 1

    body_indices = [i for i, r in enumerate(roles) if r is None and not _is_unpunctuated(lines[i])]
    last_body = body_indices[-1] if body_indices else -1
    for i, line in enumerate(lines):
        if roles[i] is not None:
            continue
        if not _is_unpunctuated(line):
            roles[i] = "body"
            continue
        words = len(BODY_WORD_RE.findall(line))
        if i > last_body and words <= 4:
            roles[i] = "boilerplate"
        elif words <= max_heading_words or _is_title_case(line):
            roles[i] = "heading"
        else:
            roles[i] = "caption"
    return tuple(Line(span, role) for span, role in zip(spans, roles))  # type: ignore[arg-type]


# A wire credit after the last sentence of a paragraph: '... he added. REUTERS'.
_TRAILING_CREDIT = re.compile(r"(?<=[.!?\"'])\s+[A-Z]{2,}(?:/[A-Z]{2,})*\s*$")


# A quotation signed off with a dash and its speaker: '"… at all." ― Jane Roe'.
_SIGN_OFF = re.compile(r"(?<=[.!?…][\"'”’])\s*[―—–]\s*[^\"“”.!?]{1,80}\.?$")


def _is_unpunctuated(line: str) -> bool:
    """True for a line that does not end a sentence (closing quotes, brackets, a trailing
    wire credit and a speaker's dash sign-off aside)."""
    line = _SIGN_OFF.sub("", _TRAILING_CREDIT.sub("", line.rstrip()))
    return not line.rstrip(_CLOSERS).endswith(_FINAL_PUNCT)


_MINOR = frozenset("a an and as at but by for from in into of on or the to with vs".split())


def _is_title_case(line: str) -> bool:
    words = [w for w in BODY_WORD_RE.findall(line) if w.lower() not in _MINOR]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)

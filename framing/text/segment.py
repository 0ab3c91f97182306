"""Paragraphs and sentences as offset spans.

Sentences come from Punkt (Kiss & Strunk, 2006; ``framing.text.punkt``, an inference-only
copy of NLTK's) run with parameters built from the language lexicon (abbreviations,
sentence starters) instead of a trained model, so no model is loaded and nltk is not
imported. Two repairs follow Punkt: a fragment that starts in lower case
(``"Is it?" she asked``) or with closing punctuation is merged into the sentence before,
and no sentence ever crosses a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .clean import iter_lines, matching_copy
from .punkt import PunktParameters, PunktSentenceTokenizer
from .tokens import FIRST_WORD_RE
from ..types import Line, Paragraph, Sentence, Span

#: Used when no language lexicon is given (tests, the public helpers).
DEFAULT_ABBREVIATIONS = (
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "u.s", "u.k", "u.n", "e.u", "d.c",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)


@lru_cache(maxsize=8)
def _tokenizer(abbreviations: tuple[str, ...], starters: tuple[str, ...]):
    params = PunktParameters()
    params.abbrev_types = {a.lower().rstrip(".") for a in abbreviations}
    params.sent_starters = {s.lower() for s in starters}
    return PunktSentenceTokenizer(params)


def paragraphs_from_lines(lines: Sequence[Line]) -> tuple[Paragraph, ...]:
    """One paragraph per non-blank line: web news text puts each paragraph on its own line."""
    return tuple(Paragraph(i, line.span, line.role) for i, line in enumerate(lines))


_LOWER_START = re.compile(r"^[\"')\]]*\s*[a-z,;:)\]]")

# A sentence that ends in a given name and one to three initials ("George H.W.", "Jay Y.").
_INITIALS_END = re.compile(r"(?:^|\s)[A-Z][a-z]+\s(?:[A-Z]\.){1,3}$")


def _next_is_name(piece: str, starters: set[str]) -> bool:
    """The next piece starts with a capitalised word that does not usually start a sentence."""
    m = FIRST_WORD_RE.match(piece)
    return bool(m) and m.group(1)[0].isupper() and m.group(1).lower() not in starters


#: No news sentence is this long; a longer "sentence" is a page without sentence breaks
#: (a scraping accident). It is cut at whitespace into pieces of at most this size, which
#: also keeps VADER, whose cost grows with the square of the length, fast.
MAX_SENTENCE_CHARS = 1000


def _cap(start: int, end: int, chunk: str) -> list[tuple[int, int]]:
    """Split [start, end) of ``chunk`` into pieces of at most MAX_SENTENCE_CHARS at whitespace."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = chunk.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        piece_end = len(chunk[start:cut].rstrip()) + start
        if piece_end > start:
            pieces.append((start, piece_end))
        start = cut
        while start < end and chunk[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


#: Punkt reads at most this many characters at a time. NLTK's Punkt ran its regular
#: expressions under a wall-clock limit (nltk.redos, 5 s), so a paragraph of hundreds of
#: kilobytes (a page without line breaks) passed or failed with the machine's load; the
#: copy in ``framing.text.punkt`` uses ``re`` without a limit, and the window keeps every
#: call to it bounded (a window this size takes milliseconds). No news paragraph is this
#: long, so prose is split exactly as before; a longer one is cut at a sentence end (else
#: a space) first.
PUNKT_WINDOW = 10_000
_WINDOW_CUT = re.compile(r"[.?!]['\")\]]*\s")


def _windows(chunk: str) -> list[tuple[int, int]]:
    """[start, end) pieces of ``chunk`` of at most PUNKT_WINDOW characters, cut after the
    last sentence end in the window (else at its last space, else hard)."""
    pieces, start, n = [], 0, len(chunk)
    while n - start > PUNKT_WINDOW:
        limit = start + PUNKT_WINDOW
        cut = -1
        for match in _WINDOW_CUT.finditer(chunk, max(start, limit - 2000), limit):
            cut = match.end()
        if cut <= start:
            cut = chunk.rfind(" ", start + 1, limit) + 1 or limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


def sentence_spans(
    copy: str,
    span: Span,
    abbreviations: tuple[str, ...] = DEFAULT_ABBREVIATIONS,
    starters: tuple[str, ...] = (),
) -> list[Span]:
    """Sentence spans inside ``span`` of the matching copy ``copy``."""
    chunk = copy[span.start : span.end]
    if not chunk.strip():
        return []
    tokenizer = _tokenizer(abbreviations, starters)
    starter_set = {w.lower() for w in starters}
    spans: list[list[int]] = []
    for window_start, window_end in _windows(chunk) if len(chunk) > PUNKT_WINDOW else ((0, len(chunk)),):
        for a, b in tokenizer.span_tokenize(chunk[window_start:window_end]):
            _add_sentence(spans, chunk, window_start + a, window_start + b, starter_set)
    return [Span(span.start + a, span.start + b) for s, e in spans for a, b in _cap(s, e, chunk)]


def _add_sentence(spans: list[list[int]], chunk: str, start: int, end: int, starter_set: set[str]) -> None:
    """Append Punkt's sentence [start, end) of ``chunk`` to ``spans``, or merge it into the
    one before (the two repairs of the module docstring)."""
    piece = chunk[start:end]
    if spans and _LOWER_START.match(piece):
        spans[-1][1] = end  # "Is it?" she asked: one sentence
    elif spans and _INITIALS_END.search(chunk[spans[-1][0] : spans[-1][1]]) and _next_is_name(piece, starter_set):
        spans[-1][1] = end  # "President George H.W. Bush": initials inside a name
    else:
        spans.append([start, end])


def sentences_in(
    article_id: str,
    copy: str,
    paragraphs: Iterable[Paragraph],
    abbreviations: tuple[str, ...] = DEFAULT_ABBREVIATIONS,
    starters: tuple[str, ...] = (),
) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        if paragraph.role in ("headline", "heading", "byline", "caption", "boilerplate"):
            # Page furniture is not prose: keep each line whole as one "sentence".
            local = copy[paragraph.span.start : paragraph.span.end]
            spans = [Span(paragraph.span.start + a, paragraph.span.start + b) for a, b in _cap(0, len(local), local)]
        else:
            spans = sentence_spans(copy, paragraph.span, abbreviations, starters)
        for s in spans:
            sentences.append(Sentence(article_id, len(sentences), s, paragraph.index, paragraph.role))
    return tuple(sentences)


def split(text: str, article_id: str = "") -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """Paragraphs (one per non-blank line, all role "body") and sentences of ``text``.

    A convenience for callers without a language lexicon; the pipeline uses
    ``framing.pipeline.prepare`` which also assigns line roles.
    """
    copy = matching_copy(text)
    paragraphs = tuple(Paragraph(i, s, "body") for i, s in enumerate(iter_lines(copy)))
    return paragraphs, sentences_in(article_id, copy, paragraphs)

"""The tokens and cues of a paragraph as the attribution rules read them (the token regex is
``text.tokens.ATTRIBUTION_TOKEN_RE``)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Sentence


# --------------------------------------------------------------------------------------
# Tokens, cues and speakers
# --------------------------------------------------------------------------------------

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
    used: bool = False  # a direct quote took it: it reports no clause of its own
    used_by_partial: bool = False  # a partial quote took it: its clause may hold those words


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
        # sentences out of order (never from framing.text.segment): bisect each token as such
        return [sentences[k].index if k >= 0 else first for k in (bisect.bisect_right(sent_starts, s) - 1 for s in starts)]
    out = [first] * len(starts)
    for k, sentence in enumerate(sentences):
        i = bisect.bisect_left(starts, sent_starts[k])
        j = bisect.bisect_left(starts, sent_starts[k + 1]) if k + 1 < len(sent_starts) else len(starts)
        out[i:j] = [sentence.index] * (j - i)
    return out

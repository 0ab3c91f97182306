"""Text from articles made safe to print on a terminal.

An article can hold escape sequences (ESC [2J clears the screen, ESC ]0; sets the window
title), bidirectional overrides that reorder what a reader sees, and, from a corrupt JSON
file or an undecodable file name, lone surrogates that cannot be encoded at all. ``safe``
shows each control character as a space, each override as nothing visible changed into a
space too, and each lone surrogate as U+FFFD; data written to files keeps the text as is.
"""

from __future__ import annotations

import re

# C0 controls (newline and tab included: a terminal line is one line), DEL, C1 controls,
# the bidirectional embeddings, overrides and isolates, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe(text: str) -> str:
    """``text`` with every character that could act on a terminal shown as a space (lone
    surrogates as U+FFFD), one character for one."""
    text = _UNSAFE.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text

"""A person as speaker resolution sees them, and the patterns that find person-like names
in a text (``SpeakerResolver`` and its pronoun antecedents read both)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker found in the text (not in a lexicon) or a lexicon actor, for resolution."""

    id: str
    name: str
    gender: str
    type: str
    short_forms: tuple[str, ...]
    # Role words the text gives the person ("Gov. Rick Perry", "Smith, a four-term
    # congressman"): a later "the governor" or "the congressman" refers back to them.
    roles: frozenset[str] = frozenset()


_THE = re.compile(r"^the\s+", re.IGNORECASE)
_CAP_WORD = re.compile(r"[A-Z][\w'\-]*")
# A person-like name: an honorific and a capitalised word, or two to three capitalised words
# (a middle initial allowed): "Mrs. Clinton", "Jake Tapper", "John F. Kelly".
_PERSON_NAME = re.compile(
    r"(?<![\w.])(?:(Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+)?"
    r"((?:[A-Z][a-z][\w'\-]*)(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z][\w'\-]*){0,2})(?!\w)"
)
# A name after an honorific that gives its gender: "Mr Haddad", "Ms. Lind".
_HONORIFIC_NAME = re.compile(r"(?<![\w.])(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][a-z][\w'\-]*(?:\s+[A-Z][a-z][\w'\-]*){0,2})(?!\w)")


def _honorific_gender(honorific: str | None) -> str:
    """The gender an honorific gives a name ("Mr" -> male, "Ms" -> female), else unknown."""
    h = (honorific or "").rstrip(".").casefold()
    return "male" if h == "mr" else "female" if h in ("mrs", "ms", "miss") else "unknown"


# Capitalised words that start phrases, not names ("The White House", "In Washington").
_TITLE_PREFIX = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|President|Premier|Minister|Senator|Sen|Rep|Gov|Gen)\.?\s+)+")

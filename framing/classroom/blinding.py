"""Blinding: each outlet as "Outlet A", "Outlet B", ... in a seeded order, and a redactor
that removes each outlet's name, its bylines, its self-references ("told the Harbour Gazette",
"PHOTO: REUTERS", "Reuters reported") and its URL and domain, by exact names and patterns;
a word of an outlet's name that is an ordinary word of the story ("Port", "Daily",
"lakeside") goes only as part of the full name or of a self-reference pattern."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..lexicons.load import LanguageRules
from ..pipeline import AnalysisResult

REDACTED = "[outlet]"
LEVELS = ("short", "full")
#: Where the pre/post practice corpora live (invented texts, see their README).
PRACTICE = Path(__file__).resolve().parents[1] / "data" / "classroom"
#: Short level: words of quote paragraphs kept per article for the microphone count, beyond
#: the lead paragraph and the paragraphs other questions cite.
SHORT_WORDS = 200
#: An article longer than this (words shown, about a printed page) starts on a new page; shorter
#: ones flow after the one before, so no forced break leaves a page half empty.
LONG_ARTICLE = 600
#: Evidence quotes are cut to this many words (an exact run of the paragraph's words).
EVIDENCE_WORDS = 12



def blind(outlets: list[str], seed: int) -> dict[str, str]:
    """Outlet -> "Outlet A", "Outlet B", ... in a seeded random order."""
    order = sorted(outlets)
    random.Random(seed).shuffle(order)
    letters = [chr(ord("A") + i) if i < 26 else f"A{i - 25}" for i in range(len(order))]
    return {outlet: f"Outlet {letter}" for outlet, letter in zip(order, letters)}


def _byline_names(analysis) -> list[str]:
    names = []
    text = analysis.article.text
    for line in analysis.lines:
        if line.role == "byline":
            words = re.sub(r"(?i)^by\s+", "", text[line.span.start : line.span.end]).split()
            name = " ".join(w for w in words[:3] if w[:1].isupper() and w.isalpha())
            if len(name) > 2:
                names.append(name)
    for name in re.split(r"\s*(?:,|;|\band\b|&)\s*", analysis.article.author or ""):
        if len(name.strip()) > 2:
            names.append(name.strip())
    return names


def _domains(url: str) -> list[str]:
    """The host of a URL without "www." ("foxnews.com") and its site name ("foxnews")."""
    m = re.match(r"(?i)^[a-z][a-z0-9+.-]*://([^/:?#]+)", url or "")
    if not m:
        return []
    host = re.sub(r"(?i)^www\d?\.", "", m.group(1).lower())
    site = host.split(".")[0]
    return [host] + ([site] if len(site) >= 4 else [])


#: No language words: a Redactor built without a language lexicon exempts no common name
#: word and knows no self-reference phrase (names, bylines and domains still go).
_NO_WORDS = LanguageRules("none", (), (), (), (), (), ())


def _phrases(phrases: Iterable[str]) -> str:
    """A regex alternation of lexicon phrases, longest first, any run of spaces between words."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


class Redactor:
    """Replaces outlet names, byline names, an outlet's self-references and its domain by
    ``[outlet]``, comparing in NFC and ignoring case. ``ordinary`` words (lower case) of an
    outlet's name, and the language lexicon's ``[classroom] outlet_name_words``, go only
    inside the full name or a self-reference pattern (the lexicon's ``self_reference_*``)."""

    def __init__(self, outlets: Iterable[str], bylines: Iterable[str] = (), *, domains: Iterable[str] = (), ordinary: Iterable[str] = (), language: LanguageRules | None = None):
        nfc = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731
        self.outlets = sorted({nfc(o) for o in outlets if o.strip()}, key=lambda n: (-len(n), n))
        self.bylines = sorted({nfc(b) for b in bylines if b.strip()}, key=lambda n: (-len(n), n))
        self.domains = sorted({d.lower() for d in domains if d.strip()}, key=lambda n: (-len(n), n))
        words = language or _NO_WORDS
        ordinary = {w.casefold() for w in ordinary} | words.outlet_name_words
        name_words = {w for o in self.outlets for w in re.findall(r"[^\W\d_][\w'-]{2,}", o)}
        self.distinctive = sorted({w for w in name_words if len(w) >= 4 and w[:1].isupper() and w.casefold() not in ordinary}, key=lambda n: (-len(n), n))
        self.name_words = sorted({w for w in name_words if w.casefold() not in words.function_words}, key=lambda n: (-len(n), n))
        alts = []
        for host in self.domains:
            alts.append(rf"(?:https?://)?(?:www\d?\.)?{re.escape(host)}(?:/(?:[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?)?")
        names = sorted({*self.outlets, *self.bylines, *self.distinctive, *[d for d in self.domains if "." not in d]}, key=lambda n: (-len(n), n))
        alts += [rf"(?<!\w){re.escape(n)}(?!\w)" for n in names]
        self._names = re.compile("|".join(alts), re.IGNORECASE) if alts else None
        before, after = _phrases(words.self_reference_before), _phrases(words.self_reference_after)
        articles = _phrases(words.self_reference_articles)
        articles = rf"(?:(?:{articles})\s+)?" if articles else ""
        self._before = self._after = self._caps = None
        if self.name_words:
            run = "(?:" + "|".join(re.escape(w) for w in self.name_words) + ")"
            run = rf"{run}(?:\s+{run})*"
            if before:
                self._before = re.compile(rf"(?i)(?<!\w)((?:{before})\s+{articles})({run})(?!\w)")
            if after:
                self._after = re.compile(rf"(?i)(?<!\w)({run})(?=\s+(?:{after})(?!\w))")
            # An all-capital credit ("PHOTO: REUTERS", "... he added. REUTERS").
            if any(len(w) >= 4 for w in self.name_words):
                self._caps = re.compile(r"(?<!\w)(" + "|".join(re.escape(w.upper()) for w in self.name_words if len(w) >= 4) + r")(?!\w)")

    def __call__(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        if self._names is not None:
            text = self._names.sub(REDACTED, text)
        if self._before is not None:
            text = self._before.sub(lambda m: m.group(1) + REDACTED, text)
        if self._after is not None:
            text = self._after.sub(REDACTED, text)
        if self._caps is not None:
            text = self._caps.sub(REDACTED, text)
        return text


def redactor(outlets: list[str], bylines: list[str], *, domains: Iterable[str] = (), ordinary: Iterable[str] = (), language: LanguageRules | None = None) -> Redactor:
    """A function that replaces every outlet name, every distinctive word of one ("Reuters"
    in "Reuters wire copy"), every byline name, an outlet's self-references and its domain
    in a text. Names and text are compared in one Unicode normal form (NFC), so
    "Su\u0308ddeutsche" in a text is "Süddeutsche"."""
    return Redactor(outlets, bylines, domains=domains, ordinary=ordinary, language=language)


def _ordinary_words(result: AnalysisResult) -> set[str]:
    """Words the story uses as ordinary words: any word written in lower case somewhere in the
    corpus, and the words of the actors' names (an outlet "China Daily" does not make "China"
    a giveaway)."""
    words = set()
    for a in result.analyses:
        words.update(w.casefold() for w in re.findall(r"(?<![\w'’-])[a-z][\w'-]*", a.article.text))
        for s in a.speakers:
            words.update(w.casefold() for w in re.findall(r"\w+", s.name))
    for actor in result.lexicons.actors:
        for name in (actor.name, *actor.aliases):
            words.update(w.casefold() for w in re.findall(r"\w+", name))
    return words


def make_redactor(result: AnalysisResult) -> Redactor:
    analyses = result.analyses
    return Redactor(
        list(result.corpus.outlets),
        [n for a in analyses for n in _byline_names(a)],
        domains=[d for a in analyses for d in _domains(a.article.url)],
        ordinary=_ordinary_words(result),
        language=result.lexicons.language,
    )


# ---- what the handout shows -----------------------------------------------------------------

# Natural Language Toolkit: Punkt sentence tokenizer
#
# Copyright (C) 2001-2026 NLTK Project
# Algorithm: Kiss & Strunk (2006)
# Author: Willy <willy@csse.unimelb.edu.au> (original Python port)
#         Steven Bird <stevenbird1@gmail.com> (additions)
#         Edward Loper <edloper@gmail.com> (rewrite)
#         Joel Nothman <jnothman@student.usyd.edu.au> (almost rewrite)
#         Arthur Darcet <arthur@darcet.fr> (fixes)
#         Tom Aarsen <> (tackle ReDoS & performance issues)
# URL: <https://www.nltk.org/>
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this
# file except in compliance with the License. A copy of the License is in
# PUNKT-LICENSE.txt next to this file, or at http://www.apache.org/licenses/LICENSE-2.0.
# Unless required by applicable law or agreed to in writing, software distributed under
# the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
# KIND, either express or implied. See the License for the specific language governing
# permissions and limitations under the License.
#
# Modified for framing (a derivative of nltk 3.10.4, nltk/tokenize/punkt.py):
# - inference only: PunktTrainer, training, FreqDist, pickle and model-file loading,
#   PunktTokenizer (the pre-trained models), the debugging helpers (debug_decisions,
#   dump, _debug_ortho_context), the legacy token-by-token sentence builder and the
#   TokenizerI base class are removed; nothing from nltk is imported.
# - nltk.redos.compile (the third-party ``regex`` engine under a 5 s wall-clock timeout)
#   is replaced by the standard library's re.compile. framing bounds Punkt's input
#   instead (segment.PUNKT_WINDOW characters at a time). So that the split stays the
#   same as nltk's, the two character classes in which ``regex`` and ``re`` disagree on
#   characters assigned in Python's Unicode database are written out: whitespace
#   (``regex``'s \s excludes U+001C-U+001F, see _WS) and the letter of an initial
#   (``regex``'s [^\W\d], see _is_initial_letter).
# - PunktSentenceTokenizer takes the PunktParameters as its first argument (nltk's
#   ``train_text``, which also accepts parameters) and never trains.
# - the orthographic-context lookups use .get(), so that a long run does not fill the
#   (always empty here) defaultdict with every word type it has seen; values are equal.

"""Punkt sentence boundary detection (Kiss & Strunk 2006), inference only: its parameters,
language variables and tokens (the tokenizer is ``framing.text.punkt``).

A vendored, trimmed copy of NLTK's ``nltk.tokenize.punkt`` (see the header above for what
changed): framing builds the parameters from its language lexicons
(``framing.text.segment``), so only ``PunktParameters`` and
``PunktSentenceTokenizer.span_tokenize`` are needed, and importing nltk (about a second,
for scipy and more) is not.

The algorithm is described in:

  Kiss, Tibor and Strunk, Jan (2006): Unsupervised Multilingual Sentence
    Boundary Detection.  Computational Linguistics 32: 485-525.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

######################################################################
# { Orthographic Context Constants
######################################################################
# The following constants are used to describe the orthographic
# contexts in which a word can occur.  BEG=beginning, MID=middle,
# UNK=unknown, UC=uppercase, LC=lowercase, NC=no case.

_ORTHO_BEG_UC = 1 << 1
"""Orthographic context: beginning of a sentence with upper case."""

_ORTHO_MID_UC = 1 << 2
"""Orthographic context: middle of a sentence with upper case."""

_ORTHO_UNK_UC = 1 << 3
"""Orthographic context: unknown position in a sentence with upper case."""

_ORTHO_BEG_LC = 1 << 4
"""Orthographic context: beginning of a sentence with lower case."""

_ORTHO_MID_LC = 1 << 5
"""Orthographic context: middle of a sentence with lower case."""

_ORTHO_UNK_LC = 1 << 6
"""Orthographic context: unknown position in a sentence with lower case."""

_ORTHO_UC = _ORTHO_BEG_UC + _ORTHO_MID_UC + _ORTHO_UNK_UC
"""Orthographic context: occurs with upper case."""

_ORTHO_LC = _ORTHO_BEG_LC + _ORTHO_MID_LC + _ORTHO_UNK_LC
"""Orthographic context: occurs with lower case."""

######################################################################
# { Decision reasons (what _second_pass_annotation returns)
######################################################################

REASON_KNOWN_COLLOCATION = "known collocation (both words)"
REASON_ABBR_WITH_ORTHOGRAPHIC_HEURISTIC = "abbreviation + orthographic heuristic"
REASON_ABBR_WITH_SENTENCE_STARTER = "abbreviation + frequent sentence starter"
REASON_INITIAL_WITH_ORTHOGRAPHIC_HEURISTIC = "initial + orthographic heuristic"
REASON_NUMBER_WITH_ORTHOGRAPHIC_HEURISTIC = "initial + orthographic heuristic"
REASON_INITIAL_WITH_SPECIAL_ORTHOGRAPHIC_HEURISTIC = "initial + special orthographic heuristic"

######################################################################
# { Where the ``regex`` engine (nltk.redos) and ``re`` disagree
######################################################################

#: Whitespace as ``regex`` reads \s: ``re``'s \s also matches U+001C-U+001F (the
#: information separators, for which str.isspace() is true), ``regex``'s does not.
_WS = r"[^\S\x1c-\x1f]"
#: Not whitespace, as ``regex`` reads \S.
_NON_WS = r"[\S\x1c-\x1f]"

#: Letters with the Unicode property Other_Alphabetic of category So (circled and
#: squared Latin letters): \w in ``regex``, not in ``re``.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _is_initial_letter(char: str) -> bool:
    """Whether ``char`` matches [^\\W\\d] as the ``regex`` engine reads it (Unicode's
    \\w: alphabetic, marks, decimal digits, connector punctuation and the join controls,
    minus the decimal digits). ``re`` reads \\w as str.isalnum() or "_", which also takes
    the other numbers (No: superscripts, fractions, circled digits) and leaves out the
    marks, the connector punctuation but "_", ZWNJ/ZWJ and the circled letters. The two
    agree on every other character assigned in Python's Unicode database."""
    category = unicodedata.category(char)
    if category[0] == "M" or category == "Pc" or char in "\u200c\u200d":
        return True
    if category in ("Nd", "No"):
        return False
    if category == "So":
        code = ord(char)
        return any(lo <= code <= hi for lo, hi in _ALPHABETIC_SYMBOLS)
    return char.isalnum()


######################################################################
# { Language-dependent variables
######################################################################


class PunktLanguageVars:
    """
    Stores variables, mostly regular expressions, which may be
    language-dependent for correct application of the algorithm.
    An extension of this class may modify its properties to suit
    a language other than English; an instance can then be passed
    as an argument to the PunktSentenceTokenizer constructor.
    """

    __slots__ = ("_re_period_context", "_re_word_tokenizer")

    sent_end_chars = (".", "?", "!")
    """Characters which are candidates for sentence boundaries"""

    @property
    def _re_sent_end_chars(self):
        return "[%s]" % re.escape("".join(self.sent_end_chars))

    internal_punctuation = ",:;"  # might want to extend this..
    """sentence internal punctuation, which indicates an abbreviation if
    preceded by a period-final token."""

    # Treat the Unicode curly quotes (u'\u2018' u'\u2019' u'\u201c' u'\u201d')
    # and guillemets (u'\xab' u'\xbb') as closing punctuation like the ASCII
    # quotes, so a sentence-final curly/guillemet quote is realigned onto the
    # sentence it follows.
    re_boundary_realignment = re.compile(
        r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:' + _WS + r"+|(?=--)|$)",
        re.MULTILINE,
    )
    """Used to realign punctuation that should be included in a sentence
    although it follows the period (or ?, !)."""

    _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
    """Excludes some characters from starting word tokens"""

    @property
    def _re_non_word_chars(self):
        # Including the curly quotes/guillemets here makes a period that
        # directly abuts one still register as a sentence boundary.
        return (
            r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb%s])"
            % re.escape("".join(set(self.sent_end_chars) - {"."}))
        )

    """Characters that cannot appear within words"""

    _re_multi_char_punct = r"(?:\-{2,}|\.{2,}|(?:\." + _WS + r"){2,}\.)"
    """Hyphen and ellipsis are multi-character punctuation"""

    _word_tokenize_fmt = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)%(NonSpace)s+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            %(Space)s|                          # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|%(Space)s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        %(NonSpace)s
    )"""
    """Format of a regular expression to split punctuation from words,
    excluding period."""

    def _word_tokenizer_re(self):
        """Compiles and returns a regular expression for word tokenization"""
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = re.compile(
                self._word_tokenize_fmt
                % {
                    "NonWord": self._re_non_word_chars,
                    "MultiChar": self._re_multi_char_punct,
                    "WordStart": self._re_word_start,
                    "Space": _WS,
                    "NonSpace": _NON_WS,
                },
                re.UNICODE | re.VERBOSE,
            )
            return self._re_word_tokenizer

    def word_tokenize(self, s):
        """Tokenize a string to split off punctuation other than periods"""
        return self._word_tokenizer_re().findall(s)

    _period_context_fmt = r"""
        %(SentEndChars)s             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            %(Space)s+(?P<next_tok>%(NonSpace)s+)     # or whitespace and some other token
        ))"""
    """Format of a regular expression to find contexts including possible
    sentence boundaries. Matches token which the possible sentence boundary
    ends, and matches the following token within a lookahead expression."""

    def period_context_re(self):
        """Compiles and returns a regular expression to find contexts
        including possible sentence boundaries."""
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = re.compile(
                self._period_context_fmt
                % {
                    "NonWord": self._re_non_word_chars,
                    "SentEndChars": self._re_sent_end_chars,
                    "Space": _WS,
                    "NonSpace": _NON_WS,
                },
                re.UNICODE | re.VERBOSE,
            )
            return self._re_period_context


######################################################################
# { Helper Functions
######################################################################


def _pair_iter(iterator):
    """
    Yields pairs of tokens from the given iterator such that each input
    token will appear as the first element in a yielded tuple. The last
    pair will have None as its second element.
    """
    iterator = iter(iterator)
    try:
        prev = next(iterator)
    except StopIteration:
        return
    for el in iterator:
        yield (prev, el)
        prev = el
    yield (prev, None)


######################################################################
# { Punkt Parameters
######################################################################


class PunktParameters:
    """Stores data used to perform sentence boundary detection with Punkt."""

    def __init__(self):
        self.abbrev_types = set()
        """A set of word types for known abbreviations."""

        self.collocations = set()
        """A set of word type tuples for known common collocations
        where the first word ends in a period.  E.g., ('S.', 'Bach')
        is a common collocation in a text that discusses 'Johann
        S. Bach'.  These count as negative evidence for sentence
        boundaries."""

        self.sent_starters = set()
        """A set of word types for words that often appear at the
        beginning of sentences."""

        self.ortho_context = defaultdict(int)
        """A dictionary mapping word types to the set of orthographic
        contexts that word type appears in.  Contexts are represented
        by adding orthographic context flags: ..."""

    def clear_abbrevs(self):
        self.abbrev_types = set()

    def clear_collocations(self):
        self.collocations = set()

    def clear_sent_starters(self):
        self.sent_starters = set()

    def clear_ortho_context(self):
        self.ortho_context = defaultdict(int)

    def add_ortho_context(self, typ, flag):
        self.ortho_context[typ] |= flag


######################################################################
# { PunktToken
######################################################################


class PunktToken:
    """Stores a token of text with annotations produced during
    sentence boundary detection."""

    _properties = ["parastart", "linestart", "sentbreak", "abbr", "ellipsis"]
    __slots__ = ["tok", "type", "period_final"] + _properties

    def __init__(self, tok, **params):
        self.tok = tok
        self.type = self._get_type(tok)
        self.period_final = tok.endswith(".")

        for prop in self._properties:
            setattr(self, prop, None)
        for k in params:
            setattr(self, k, params[k])

    # ////////////////////////////////////////////////////////////
    # { Regular expressions for properties
    # ////////////////////////////////////////////////////////////
    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    # \d: ``re`` and ``regex`` agree on every character assigned in Python's Unicode database.
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")

    # ////////////////////////////////////////////////////////////
    # { Derived properties
    # ////////////////////////////////////////////////////////////

    def _get_type(self, tok):
        """Returns a case-normalized representation of the token."""
        return self._RE_NUMERIC.sub("##number##", tok.lower())

    @property
    def type_no_period(self):
        """
        The type with its final period removed if it has one.
        """
        if len(self.type) > 1 and self.type[-1] == ".":
            return self.type[:-1]
        return self.type

    @property
    def type_no_sentperiod(self):
        """
        The type with its final period removed if it is marked as a
        sentence break.
        """
        if self.sentbreak:
            return self.type_no_period
        return self.type

    @property
    def first_upper(self):
        """True if the token's first character is uppercase."""
        return self.tok[0].isupper()

    @property
    def first_lower(self):
        """True if the token's first character is lowercase."""
        return self.tok[0].islower()

    @property
    def is_ellipsis(self):
        """True if the token text is that of an ellipsis."""
        return self._RE_ELLIPSIS.match(self.tok)

    @property
    def is_initial(self):
        """True if the token text is that of an initial: one letter and a period.

        nltk matches ``[^\\W\\d]\\.$`` with the ``regex`` engine; a token never holds
        whitespace, so that is two characters, the first a letter as ``regex`` reads it.
        """
        tok = self.tok
        return len(tok) == 2 and tok[1] == "." and _is_initial_letter(tok[0])

    def __repr__(self):
        """
        A string representation of the token that can reproduce it
        with eval(), which lists all the token's non-default
        annotations.
        """
        typestr = " type=%s," % repr(self.type) if self.type != self.tok else ""

        propvals = ", ".join(f"{p}={repr(getattr(self, p))}" for p in self._properties if getattr(self, p))

        return "{}({},{} {})".format(
            self.__class__.__name__,
            repr(self.tok),
            typestr,
            propvals,
        )

"""A faster, exactly equivalent port of VADER's ``polarity_scores``.

VADER is the rule-based sentiment model of Hutto, C.J. & Gilbert, E.E. (2014), "VADER: A
Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", Eighth
International Conference on Weblogs and Social Media (ICWSM-14), Ann Arbor, MI.

``Vader`` is a port of ``SentimentIntensityAnalyzer.polarity_scores`` from vaderSentiment
3.3.2 (MIT licence, C.J. Hutto). It subclasses the library's analyzer, so the lexicon and the
emoji lexicon are the library's own files, and it imports the library's constants instead of
copying them. It runs the same steps in the same order with the same arithmetic; it is faster
only because it does less repeated work:

- the per-character emoji loop is skipped when no character of the text is an emoji key (the
  library looks up one character at a time, so only single-character keys can ever match);
- every token is lower-cased once, and whether it is a lexicon word is looked up once, instead
  of ``str.lower()`` on the same token many times per lexicon word;
- the negation, idiom, "least" and "but" checks read that list instead of rebuilding a
  lower-cased copy of the sentence on each call;
- idiom and booster n-grams are looked up as word tuples instead of formatted strings.

All of the library's quirks are kept on purpose (see the comments below). Results are equal
(``==``, exact floats, same keys in the same order) to the library's for every ``str``; this is
checked by ``tests/test_vader.py``. Nothing is cached across calls.
"""

from __future__ import annotations

import math
import string
from itertools import compress

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
)

__all__ = ["Vader"]

#: What ``SentiText._strip_punc_if_word`` strips from both ends of a token.
_PUNCTUATION = string.punctuation

#: ``negated()`` tests list membership; a set gives the same answer faster.
_NEGATE = frozenset(NEGATE)

#: SPECIAL_CASES and the multi-word BOOSTER_DICT keys by word tuple. The library joins tokens
#: with single spaces and looks the string up; tokens come from ``str.split()`` and hold no
#: space, so a joined string equals a key exactly when the word tuples are equal. (One-word
#: keys such as "badass" can never match an n-gram, in the library as here.)
_SPECIAL_CASES = {tuple(k.split(" ")): v for k, v in SPECIAL_CASES.items()}
_BOOSTER_NGRAMS = {tuple(k.split(" ")): v for k, v in BOOSTER_DICT.items() if " " in k}

_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


def _negated(word_lower: str) -> bool:
    """``negated([word_lower])`` of the library for one already lower-cased word."""
    # (``str.lower`` is idempotent, so the library's second lower-casing changes nothing.)
    return word_lower in _NEGATE or "n't" in word_lower


class Vader(SentimentIntensityAnalyzer):
    """``SentimentIntensityAnalyzer`` with a faster ``polarity_scores`` (same results)."""

    def __init__(self, lexicon_file: str = "vader_lexicon.txt", emoji_lexicon: str = "emoji_utf8_lexicon.txt") -> None:
        super().__init__(lexicon_file, emoji_lexicon)
        # The emoji loop tests ``chr in self.emojis`` one character at a time, so only the
        # one-character keys can ever match.
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        # No key of the shipped emoji file is ASCII, so then ASCII text (an O(1) test) has none.
        self._ascii_emoji = any(c.isascii() for c in self._emoji_chars)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's scores of ``text``: ``{"neg", "neu", "pos", "compound"}``."""
        if type(text) is not str:
            # Only plain ``str`` is ported; anything else goes to the library unchanged.
            return super().polarity_scores(text)

        # 1. Convert emojis to their textual descriptions. A description gets a space in front
        #    unless it starts the text or follows a " " (only U+0020 counts; after an emoji
        #    there is never one), and none after it. Skipped when the text has no emoji.
        if (self._ascii_emoji or not text.isascii()) and not self._emoji_chars.isdisjoint(text):
            emojis = self.emojis
            parts: list[str] = []
            prev_space = True
            for ch in text:
                if ch in emojis:
                    if not prev_space:
                        parts.append(" ")
                    parts.append(emojis[ch])
                    prev_space = False
                else:
                    parts.append(ch)
                    prev_space = ch == " "
            text = "".join(parts)
        text = text.strip()

        # 2. SentiText: split on whitespace; strip leading/trailing ASCII punctuation from a
        #    token unless that leaves 2 characters or fewer (then keep the token as it was,
        #    which keeps emoticons such as ":)" but also "'ok'" whole).
        words = [s if len(s := w.strip(_PUNCTUATION)) > 2 else w for w in text.split()]
        n = len(words)
        # ... and whether some, but not all, tokens are ALL CAPS.
        allcap_words = sum(map(str.isupper, words))
        is_cap_diff = 0 < n - allcap_words < n

        # Each token lower-cased once, and whether that is a lexicon word.
        lowers = list(map(str.lower, words))
        in_lex = list(map(self.lexicon.__contains__, lowers))

        # 3. One valence per token. Tokens outside the lexicon get int 0, as in the library;
        #    so do booster words and "kind" followed by "of", which are modifiers, not
        #    sentiment, even when they are lexicon words (such as "kind").
        sentiments: list[float] = [0] * n
        for i in compress(range(n), in_lex):
            item_lower = lowers[i]
            if item_lower in BOOSTER_DICT or (i < n - 1 and item_lower == "kind" and lowers[i + 1] == "of"):
                continue
            sentiments[i] = self._lexicon_valence(words, lowers, in_lex, i, is_cap_diff)

        # 4. Contrastive "but".
        if "but" in lowers:
            self._but_check_lower(lowers, sentiments)

        # 5. Sum up, add punctuation emphasis, normalise, round.
        return self._score(sentiments, text)

    def _lexicon_valence(
        self, words: list[str], lowers: list[str], in_lex: list[bool], i: int, is_cap_diff: bool
    ) -> float:
        """``sentiment_valence`` for token ``i``, a lexicon word."""
        n = len(words)
        lexicon = self.lexicon
        item_lower = lowers[i]
        valence = lexicon[item_lower]

        # "no" followed by a lexicon word negates that word instead of counting itself ...
        if item_lower == "no" and i != n - 1 and in_lex[i + 1]:
            valence = 0.0
        # ... and a lexicon word 1 or 2 after "no", or 3 after "no" with "or"/"nor" just before
        # it, gets its lexicon valence negated (this also overrides the 0.0 just set).
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in _OR_NOR)
        ):
            valence = lexicon[item_lower] * N_SCALAR

        # ALL-CAPS word among non-caps words: intensify (a valence of exactly 0 is pushed down).
        if is_cap_diff and words[i].isupper():
            if valence > 0:
                valence += C_INCR
            else:
                valence -= C_INCR

        # The 1, 2 and 3 preceding tokens, each only if it is not itself a lexicon word.
        for start_i in range(3):
            j = i - (start_i + 1)
            if j >= 0 and not in_lex[j]:
                # scalar_inc_dec: boosters/dampeners (sign follows the current valence), with
                # the ALL-CAPS bonus; dampened by distance.
                s = 0.0
                scalar = BOOSTER_DICT.get(lowers[j])
                if scalar is not None:
                    if valence < 0:
                        scalar *= -1
                    if words[j].isupper() and is_cap_diff:
                        if valence > 0:
                            scalar += C_INCR
                        else:
                            scalar -= C_INCR
                    s = scalar
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._negation_check_lower(valence, lowers, start_i, i)
                # Idioms are only checked at distance 3 (so only from the 4th token on, and
                # only when the 3rd token back is not a lexicon word).
                if start_i == 2:
                    valence = self._special_idioms_check_lower(valence, lowers, i)

        # "least" before the word negates it, except in "at least" / "very least".
        # (The library also asks that "least" is not a lexicon word; in its lexicon it is not.)
        if i > 0 and lowers[i - 1] == "least" and not in_lex[i - 1]:
            if i > 1:
                if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                    valence = valence * N_SCALAR
            else:
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _negation_check_lower(valence: float, lowers: list[str], start_i: int, i: int) -> float:
        """``_negation_check`` on the lower-cased tokens."""
        if start_i == 0:
            # 1 word back: a negation word (or anything containing "n't").
            if _negated(lowers[i - 1]):
                valence = valence * N_SCALAR
        elif start_i == 1:
            # 2 words back: "never so/this X" intensifies, "without doubt X" is kept, else negation.
            if lowers[i - 2] == "never" and lowers[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                pass
            elif _negated(lowers[i - 2]):
                valence = valence * N_SCALAR
        else:
            # 3 words back. Operator precedence in the library makes "so"/"this" just before
            # the word intensify by 1.25 whether or not "never" comes first.
            if (lowers[i - 3] == "never" and lowers[i - 2] in _SO_THIS) or lowers[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif lowers[i - 3] == "without" and (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
                pass
            elif _negated(lowers[i - 3]):
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check_lower(valence: float, lowers: list[str], i: int) -> float:
        """``_special_idioms_check`` on the lower-cased tokens (``i >= 3``)."""
        w3, w2, w1, w0 = lowers[i - 3], lowers[i - 2], lowers[i - 1], lowers[i]
        # Idioms ending at or just before the word: the first match, in the library's order.
        for seq in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
            if seq in _SPECIAL_CASES:
                valence = _SPECIAL_CASES[seq]
                break
        # Idioms starting at the word: each overrides the above.
        n = len(lowers)
        if n - 1 > i and (w0, lowers[i + 1]) in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[(w0, lowers[i + 1])]
        if n - 1 > i + 1 and (w0, lowers[i + 1], lowers[i + 2]) in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[(w0, lowers[i + 1], lowers[i + 2])]
        # Booster/dampener bigrams such as "kind of" before the word: added, all that match.
        for n_gram in ((w3, w2, w1), (w3, w2), (w2, w1)):
            if n_gram in _BOOSTER_NGRAMS:
                valence = valence + _BOOSTER_NGRAMS[n_gram]
        return valence

    @staticmethod
    def _but_check_lower(lowers: list[str], sentiments: list[float]) -> None:
        """``_but_check`` in place: halve before the first "but", x1.5 after it.

        Kept literally: the library finds each value's position with ``list.index``, i.e. the
        first element *equal* to it in the list as modified so far, so repeated values (the
        many zeros, or two equal valences) land on the first equal slot, not their own.
        """
        bi = lowers.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * 0.5
            elif si > bi:
                sentiments[si] = sentiment * 1.5

    @staticmethod
    def _score(sentiments: list[float], text: str) -> dict[str, float]:
        """``score_valence``: the same arithmetic, in the same order."""
        if sentiments:
            sum_s = float(sum(sentiments))
            # Punctuation emphasis: up to 4 "!" (0.292 each), and 2-3 "?" (0.18 each) or 4+ (0.96).
            ep_count = text.count("!")
            if ep_count > 4:
                ep_count = 4
            ep_amplifier = ep_count * 0.292
            qm_count = text.count("?")
            qm_amplifier: float = 0
            if qm_count > 1:
                if qm_count <= 3:
                    qm_amplifier = qm_count * 0.18
                else:
                    qm_amplifier = 0.96
            punct_emph_amplifier = ep_amplifier + qm_amplifier
            if sum_s > 0:
                sum_s += punct_emph_amplifier
            elif sum_s < 0:
                sum_s -= punct_emph_amplifier

            compound = normalize(sum_s)

            # _sift_sentiment_scores: positive and negative sums (each shifted by 1), neutral count.
            # Zeros only add to the count (``list.count`` compares with ==, like the library),
            # so the sums run over the non-zero values only, in the same order.
            pos_sum = 0.0
            neg_sum = 0.0
            neu_count = sentiments.count(0)
            for sentiment_score in filter(None, sentiments):
                if sentiment_score > 0:
                    pos_sum += float(sentiment_score) + 1
                if sentiment_score < 0:
                    neg_sum += float(sentiment_score) - 1

            # The emphasis goes to whichever side is larger.
            if pos_sum > math.fabs(neg_sum):
                pos_sum += punct_emph_amplifier
            elif pos_sum < math.fabs(neg_sum):
                neg_sum -= punct_emph_amplifier

            total = pos_sum + math.fabs(neg_sum) + neu_count
            pos = math.fabs(pos_sum / total)
            neg = math.fabs(neg_sum / total)
            neu = math.fabs(neu_count / total)
        else:
            compound = 0.0
            pos = 0.0
            neg = 0.0
            neu = 0.0

        return {
            "neg": round(neg, 3),
            "neu": round(neu, 3),
            "pos": round(pos, 3),
            "compound": round(compound, 4),
        }

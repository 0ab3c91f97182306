"""framing.vader.Vader must score every text exactly as vaderSentiment's own analyzer does.

Equality is exact: same keys in the same order, and floats compared with ``==``. Texts come
from NewsMTSC, the attribution benchmark's articles, the seed corpus, a hand-written list of
the rules' corner cases, and a seeded random fuzz over the words the rules react to.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from framing.vader import Vader

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NEWSMTSC = SHARED / "benchmarks" / "target_sentiment"
ARTICLES = SHARED / "benchmarks" / "attribution" / "articles"
SEEDS = REPO / "seeds"

LIBRARY = SentimentIntensityAnalyzer()
PORT = Vader()

from .conftest import need_shared


def assert_same(texts: Iterable[str]) -> int:
    """Assert the port equals the library on every text; return how many were checked."""
    checked = 0
    mismatches: list[str] = []
    for text in texts:
        want = LIBRARY.polarity_scores(text)
        got = PORT.polarity_scores(text)
        # Items as lists: exact keys, key order and values (floats by ==).
        if list(got.items()) != list(want.items()):
            mismatches.append(f"{text!r}: port {got} != library {want}")
        checked += 1
    assert not mismatches, f"{len(mismatches)} of {checked} texts differ, e.g.:\n" + "\n".join(mismatches[:10])
    return checked


def chunks(text: str) -> list[str]:
    """Each non-empty line, and each ". "-separated piece of it."""
    out: list[str] = []
    for line in text.splitlines():
        if line.strip():
            out.append(line)
            pieces = line.split(". ")
            if len(pieces) > 1:
                out.extend(p for p in pieces if p.strip())
    return out


# --- real text -------------------------------------------------------------------------------


@pytest.mark.parametrize("split", ["test", "train"])
def test_newsmtsc_sentences(split: str) -> None:
    path = need_shared(NEWSMTSC / f"{split}.jsonl")
    assert path.is_file(), f"{path} not found (the benchmarks sit beside the checkout)"
    with path.open(encoding="utf-8") as f:
        sentences = list(dict.fromkeys(json.loads(line)["sentence"] for line in f if line.strip()))
    assert sentences
    assert assert_same(sentences) == len(sentences)


def test_attribution_articles() -> None:
    need_shared(ARTICLES)
    texts = [c for p in sorted(ARTICLES.glob("*.txt")) for c in chunks(p.read_text(encoding="utf-8"))]
    assert texts
    assert_same(texts)


def test_seed_articles() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    assert files, "no seed articles"
    texts = [c for p in files for c in chunks(p.read_text(encoding="utf-8"))]
    # Whole articles too: VADER is also called on long texts.
    texts += [p.read_text(encoding="utf-8") for p in files]
    assert_same(texts)


# --- corner cases of the rules ---------------------------------------------------------------

TRICKY = [
    # empty, whitespace, punctuation only
    "",
    " ",
    "   \t\n  ",
    "\u00a0\u2003",
    ".",
    "!",
    "?",
    "!!!!",
    "???",
    "?!",
    "...",
    ",;:-",
    "!!!! ???? ?! ?!?!",
    # emoticons and quoted tokens (_strip_punc_if_word keeps tokens that strip to <= 2 chars)
    ":)",
    ":-(",
    ":D",
    "I am happy :)",
    "so sad :-( today",
    ":) :) :(",
    "'good'",
    "'ok'",
    "\"great\"",
    "(bad)",
    "good.",
    "good!!!",
    "...good...",
    "--no--",
    # emoji: alone, adjacent to words, several, after a space / tab, with modifiers
    "😁",
    "💘",
    "I love it 😁",
    "I love it😁",
    "😁I love it",
    "love😁😁😁hate",
    "😁 😁  😁",
    "😁\t😁\n😁",
    " 😁 ",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "👍🏽 great job",
    "❤️ so much",
    "🇺🇸 wins",
    "the 🔛 switch!!",
    "©® trademark",
    "not 😁 good",
    # ALL CAPS among lowercase
    "GOOD",
    "GOOD BAD",
    "this is GOOD",
    "this is VERY good",
    "VERY GOOD movie",
    "this is NOT good",
    "NO good",
    "the movie was BAD but the music was GOOD",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    # "no"
    "no",
    "no good",
    "no problem",
    "there is no",
    "it was good, no",
    "no no no",
    "no really good",
    "no, not really good",
    "no fun or joy",
    "no fun nor joy",
    "no joy or fun at all",
    "NO GOOD at all",
    # negation windows, "never so", "not this", "without doubt", "n't"
    "never good",
    "never so good",
    "never this good",
    "has never been so good",
    "has never been this good!",
    "not this bad",
    "not so bad",
    "this so good",
    "not bad",
    "not very bad",
    "not at all bad",
    "isn't good",
    "isnt good",
    "it isn't a horrible book",
    "n't good",
    "wouldn't have been good",
    "I don't think it is good",
    "without doubt good",
    "without a doubt, excellent idea",
    "Without a doubt, an excellent idea.",
    "without any doubt excellent",
    "without good",
    "uh-uh good",
    "nope nope good",
    "despite good reviews",
    "rarely good",
    "seldom bad",
    # boosters / dampeners, "kind of", "sort of"
    "very good",
    "very very good",
    "very very very good",
    "extremely bad",
    "barely good",
    "kind of good",
    "kind of bad",
    "only kind of good",
    "she is kind",
    "kind",
    "kind of",
    "of kind",
    "sort of good",
    "it was sort of good",
    "it was just enough good",
    "kinda good",
    "the book was only kind of good.",
    # "least"
    "at least good",
    "least good",
    "the least good",
    "very least good",
    "at the very least good",
    "one of the least compelling variations",
    "Roger Dodger is at least compelling as a variation on the theme.",
    # "but"
    "good but bad",
    "bad but good",
    "but",
    "but good",
    "good but",
    "good good but bad bad",
    "good but bad but good",
    "not good but not bad",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "good, great, good but great, good",
    # special cases and idioms
    "the bomb",
    "this is the bomb",
    "you are the bomb dude",
    "this movie is the shit",
    "With VADER, sentiment analysis is the shit!",
    "the shit is bad",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "waiting at the bus stop",
    "yeah right",
    "oh yeah right sure",
    "it was the kiss of death",
    "a real kiss of death for them",
    "food to die for",
    "a dish to die for indeed",
    "my beating heart",
    "hear my beating heart stop",
    "cut the mustard",
    "it does not cut the mustard",
    "living hand to mouth",
    "break a leg",
    "in the red again",
    "under the weather today",
    "we are cooking with gas now",
    "bad bad bad bad",
    "good good good good good",
    # the examples shipped with the library
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "Today SUX!",
    "Make sure you :) or :D today!",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "Other sentiment analysis tools can be quite bad.",
    "Not such a badass after all.",
    # unicode
    "Ich bin überrascht, wie erstaunlich nützlich VADER ist!",
    "Я удивлен увидеть, как удивительно полезно ВЕЙДЕРА!",
    "我很惊讶地看到VADER是如此有用!",
    "ΟΔΟΣ good ΣΟΦΟΣ bad",
    "İstanbul is GREAT",
    "ﬁne good ß SS",
    "café great naïve",
    "“good” ‘bad’ — great",
    "good\u200bbad",
    "good\u00a0bad",
    # questions and exclamations with sentiment
    "is it good?",
    "is it good??",
    "is it good???",
    "is it good????",
    "is it bad?!",
    "great!",
    "great!!!!!!",
    "terrible!!!!!!?????",
    "ok?! ok?! ok?!",
]

LONG = " ".join(
    ["This is VERY good, but not so bad; kind of great!! no doubt :) 😁 the bomb. at least fine?"] * 200
)


def test_tricky_cases() -> None:
    texts = TRICKY + list(SENTIMENT_LADEN_IDIOMS) + list(SPECIAL_CASES)
    texts += [f"it was {k} indeed" for k in list(SPECIAL_CASES) + list(SENTIMENT_LADEN_IDIOMS)]
    texts += [f"{w} good" for w in NEGATE] + [f"{w} very bad" for w in NEGATE] + [f"{w} a b bad" for w in NEGATE]
    texts += [f"{b} good" for b in BOOSTER_DICT] + [f"{b.upper()} bad things" for b in BOOSTER_DICT]
    texts += [LONG, LONG.upper(), LONG.replace(" ", "")]
    assert_same(texts)


def test_is_the_library_analyzer() -> None:
    assert isinstance(PORT, SentimentIntensityAnalyzer)
    assert PORT.lexicon == LIBRARY.lexicon
    assert PORT.emojis == LIBRARY.emojis


# --- seeded fuzz -----------------------------------------------------------------------------

FUNCTION_WORDS = [
    "but", "least", "at", "very", "kind", "of", "no", "never", "so", "this", "without",
    "doubt", "or", "nor", "not", "the", "a", "to", "for", "sort", "just", "enough", "n't",
]  # fmt: skip
PLAIN_WORDS = ["government", "said", "Trump", "policy", "on", "was", "he", "2016", "U.S.", "it's", "I"]
PUNCTUATION = ["!", "?", "!!", ",", ".", "?!", "...", ":", "'", '"', "(", ")", "-"]
SEPARATORS = [" "] * 12 + ["", "  ", "\t", "\n", "\u00a0"]
FOCUSED = [
    "no", "never", "so", "this", "but", "least", "at", "very", "kind", "of", "not", "without",
    "doubt", "or", "nor", "the", "bomb", "shit", "kiss", "death", "sort", "good", "bad", "great",
    "GOOD", "BAD", "VERY", "isn't", "n't", "!", "?", "😁", ":)", "yeah", "right", "bus", "stop",
]  # fmt: skip


def random_case(rng: random.Random, word: str) -> str:
    r = rng.random()
    if r < 0.6:
        return word
    if r < 0.8:
        return word.upper()
    if r < 0.9:
        return word.title()
    return "".join(c.upper() if rng.random() < 0.5 else c for c in word)


def fuzz_texts(rng: random.Random, count: int) -> list[str]:
    lexicon = sorted(LIBRARY.lexicon)
    emojis = sorted(LIBRARY.emojis)
    one_char_emojis = [e for e in emojis if len(e) == 1]
    boosters = sorted(BOOSTER_DICT)
    negations = list(NEGATE)
    idiom_words = sorted({w for k in list(SPECIAL_CASES) + list(SENTIMENT_LADEN_IDIOMS) for w in k.split()})
    idioms = list(SPECIAL_CASES) + list(SENTIMENT_LADEN_IDIOMS)

    def token() -> str:
        r = rng.random()
        if r < 0.30:
            return random_case(rng, rng.choice(lexicon))
        if r < 0.40:
            return random_case(rng, rng.choice(boosters))
        if r < 0.48:
            return random_case(rng, rng.choice(negations))
        if r < 0.56:
            return random_case(rng, rng.choice(idiom_words if rng.random() < 0.7 else idioms))
        if r < 0.70:
            return random_case(rng, rng.choice(FUNCTION_WORDS))
        if r < 0.76:
            return rng.choice(one_char_emojis if rng.random() < 0.8 else emojis)
        if r < 0.84:
            return rng.choice(PUNCTUATION)
        if r < 0.92:  # a word with punctuation attached
            word = random_case(rng, rng.choice(lexicon + FUNCTION_WORDS))
            return rng.choice(PUNCTUATION[:7] + [""]) + word + rng.choice(PUNCTUATION)
        return rng.choice(PLAIN_WORDS)

    texts = []
    for _ in range(count):
        n = rng.randint(1, 30)
        parts = []
        for k in range(n):
            if k:
                parts.append(rng.choice(SEPARATORS))
            parts.append(token())
        texts.append("".join(parts))
    return texts


def test_fuzz_mixed_vocabulary() -> None:
    texts = fuzz_texts(random.Random(0), 20_000)
    assert assert_same(texts) == 20_000


def test_fuzz_focused_vocabulary() -> None:
    """Short sequences over the words the rules look at, so that the rules interact often."""
    rng = random.Random(0)
    texts = [
        " ".join(rng.choice(FOCUSED) for _ in range(rng.randint(1, 12)))
        for _ in range(10_000)
    ]
    assert assert_same(texts) == 10_000

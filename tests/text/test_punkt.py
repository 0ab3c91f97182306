"""The vendored Punkt (framing.text.punkt) splits exactly as NLTK's, with the parameters
framing.text.segment builds: on the seeds and the Geneva example, on hard cases, on random
text of tricky characters, and character by character where the ``re`` engine it uses reads
a class differently from the ``regex`` engine NLTK's uses."""

from __future__ import annotations

import ast
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.lexicons import load_lexicons
from framing.text import punkt, read_corpus
from framing.text.clean import iter_lines, matching_copy
from framing.text.segment import DEFAULT_ABBREVIATIONS, _tokenizer

nltk_punkt = pytest.importorskip(
    "nltk.tokenize.punkt", reason="nltk is not installed: nothing to compare the vendored Punkt with"
)

REPO = Path(__file__).resolve().parents[2]
LANGUAGE = load_lexicons().language
#: (abbreviations, sentence starters) as the pipeline passes them, and as the public helpers do.
SETTINGS = [(tuple(LANGUAGE.abbreviations), tuple(LANGUAGE.sentence_starters)), (DEFAULT_ABBREVIATIONS, ())]


def _nltk_tokenizer(abbreviations, starters):
    """NLTK's tokenizer with the parameters segment._tokenizer builds."""
    params = nltk_punkt.PunktParameters()
    params.abbrev_types = {a.lower().rstrip(".") for a in abbreviations}
    params.sent_starters = {s.lower() for s in starters}
    return nltk_punkt.PunktSentenceTokenizer(params)


PAIRS = [(_tokenizer(a, s), _nltk_tokenizer(a, s)) for a, s in SETTINGS]


def _assert_same(text: str) -> None:
    for ours, theirs in PAIRS:
        assert list(ours.span_tokenize(text)) == list(theirs.span_tokenize(text)), text
        assert ours.sentences_from_text(text) == list(theirs.sentences_from_text(text)), text


def _corpus_texts() -> list[str]:
    texts = []
    for folder in (REPO / "seeds", REPO / "examples" / "geneva"):
        for article in read_corpus(folder).articles:
            texts.append(article.text)
            texts.append(matching_copy(article.text))
    return texts


def test_segmenting_does_not_import_nltk():
    imported: set[str] = set()
    for module in (Path(punkt.__file__), Path(punkt.__file__).with_name("punkt_tokens.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "re", "string", "unicodedata", "collections", "collections.abc", "punkt_tokens"}
    code = (
        "import sys\n"
        "from framing.text.segment import split\n"
        "assert len(split('Gen. Smith spoke. He left.')[1]) == 2\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'regex', 'scipy')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


def test_segment_uses_the_vendored_tokenizer():
    assert isinstance(_tokenizer(*SETTINGS[0]), punkt.PunktSentenceTokenizer)


def test_same_spans_on_the_seeds_and_geneva():
    texts = _corpus_texts()
    assert len(texts) >= 20
    paragraphs = 0
    for text in texts:
        _assert_same(text)  # whole texts: line and paragraph starts inside Punkt
        for span in iter_lines(text):  # and paragraph by paragraph, as segment.py calls it
            _assert_same(text[span.start : span.end])
            paragraphs += 1
    assert paragraphs > 200


HARD_CASES = [
    # abbreviations and titles
    "Gen. Mark Milley spoke. Then Sen. Warren replied.",
    "The U.S. and the U.K. agreed. The U.N. did not.",
    "He lives in Washington, D.C. He works for the E.U. in Brussels.",
    "Talks ended in the U.S. But the E.U. went on.",
    "Mr. and Mrs. Smith met Dr. Jones, Prof. Lee and Lt. Col. Kim at St. Mary's.",
    "Apple Inc. shares rose. Acme Corp. fell. Smith Jr. said no.",
    "It closed on Jan. 5. Trading resumed Feb. 12 at No. 3 vs. No. 4.",
    "The ex-Gen. spoke. The vice-Pres. did not.",
    "gen. smith spoke. mr. jones did not.",
    "The U.S.-China talks ended. Then Gov. Newsom spoke.",
    # initials
    "President George H.W. Bush met George W. Bush. They spoke.",
    "J. R. R. Tolkien wrote it. Jay Y. Lee agreed.",
    "The letter was signed A. Smith. He left.",
    "Plan B. It failed. Option C. It worked.",
    "Kim Jong Un met Moon Jae-in. Lee Jae-myung was not there.",
    # ellipses
    "He paused... Then he spoke.",
    "He paused ... then he spoke. And . . . well. Done.",
    "Wait.. What? Really?! Yes!!! No?? Fine.",
    "Etc... The end.",
    # quotes and brackets after the period
    '"We will go." He said it. "Will we?" she asked.',
    "'It is over.' The talks ended. (They did.) [Really.] {Yes.}",
    "\u201cWe will go.\u201d He said. \u2018Fine.\u2019 She left. \u00abOui.\u00bb Non.",
    '"(And the same with this one.)" (\'And this one!\') "(\'(And (this)) \'?)" [(and this. )]',
    'He said "no."-- Then left. "Yes!"--he said.',
    # numbers
    "Growth was 3.5 percent. Inflation hit 2.1%. Rates rose 0.25 points.",
    "It cost $1,200.50. That was 5. Then 6. Then 7.",
    "The vote was 3-2. Turnout was .5 of the 2019 figure. On 12.05.2024 it rose.",
    "Chapter 7. The end. Page 12. Next.",
    "It happened in 1999. The 2000s began.",
    "about \u00bd. The next one. x\u00b2. And \u00b9. More.",
    # sentence starters and case
    "They met. But they did not agree. However, talks go on. And then. The end.",
    "He met Gen. But nothing came of it.",
    "He met Gen. The talks failed.",
    "i.e. this works. e.g. that too. i is a letter.",
    "What? no. Why! yes.",
    # punctuation, spacing, layout
    "One.Two. Three.  Four.\tFive.\nSix.\n\nSeven.",
    "No end here",
    "",
    "   ",
    ".",
    "...",
    "A. B. C. D.",
    "Dr.",
    "Hello.\u00a0World. Hi.\u2003There.\u3000Yes.\u2028No.\u2029Maybe.\u0085Ok.",
    "Sep.\u001cNext. A\u001d. B\u001e. C\u001fD. E.",
    "caf\u00e9. Cafe\u0301. \u0301. e\u0301. The end.",
    "\u24b6. The circled letter. \u2460. The circled one. _. X. \u203f. Y.",
    "\u0915\u093e. \u0e01. \u4e2d. \u0394. Done.",
    "He said: yes. Then; no. Then, maybe.",
    "-- Yes. --No. Word--word. Done.",
    "Email a@b.com. Visit www.example.org. Done.",
]


@pytest.mark.parametrize("text", HARD_CASES)
def test_same_spans_on_hard_cases(text):
    _assert_same(text)


_TRICKY = [
    *"aAbBzZ ", "Gen", "gen", "U.S", "H", "W", "Bush", "But", "The", "i", "e",
    ".", ".", ".", "?", "!", ",", ";", ":", "-", "--", "...", '"', "'", "(", ")", "[", "]", "{", "}",
    "3", "5", "2024", "\u00bd", "\u00b2", "\u0301", "\u24b6", "\u203f", "\u200d",
    " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\u001c", "\u001f", "\u0085",
    "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb",
]  # fmt: skip


@given(st.lists(st.sampled_from(_TRICKY), max_size=60).map("".join))
@settings(max_examples=400, deadline=None)
def test_same_spans_on_random_text(text):
    _assert_same(text)


def _assigned_characters():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) not in ("Cn", "Cs", "Co"):
            yield char


def test_initials_are_read_as_the_regex_engine_reads_them():
    # ``re`` and ``regex`` disagree on [^\W\d] for thousands of characters (other numbers,
    # marks, connector punctuation, circled letters); the vendored token follows ``regex``.
    differ = [
        hex(ord(c))
        for c in _assigned_characters()
        if bool(punkt.PunktToken(c + ".").is_initial) != bool(nltk_punkt.PunktToken(c + ".").is_initial)
    ]
    assert differ == []


def test_number_types_are_read_as_the_regex_engine_reads_them():
    differ = [
        hex(ord(c)) for c in _assigned_characters() if punkt.PunktToken(c + "5.").type != nltk_punkt.PunktToken(c + "5.").type
    ]
    assert differ == []


def test_whitespace_is_read_as_the_regex_engine_reads_it():
    differ = []
    for c in _assigned_characters():
        if c.isspace() or unicodedata.category(c)[0] in "ZC":
            text = f"He left Gen.{c}Smith stayed.{c}The end.{c}Yes"
            for ours, theirs in PAIRS:
                if list(ours.span_tokenize(text)) != list(theirs.span_tokenize(text)):
                    differ.append(hex(ord(c)))
    assert differ == []

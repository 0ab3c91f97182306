"""Tone: VADER polarity of text, target-aware tone toward one mention, bootstrap means.

Everything sentiment-related in framing goes through this module; VADER is used as a black
box behind it (one cached analyzer, created lazily: vaderSentiment's own, with the faster
``polarity_scores`` of ``framing.vader`` that gives the same scores).

``polarity(text)``
    VADER (Hutto & Gilbert, 2014) scores of a piece of text, rounded to 4 decimals so that
    outputs are byte-stable.
``label(compound)``
    "positive" / "negative" / "neutral" by VADER's usual +-0.05 convention.
``tone_toward(text, start, end)``
    The tone of a sentence toward the mention ``text[start:end]`` as a compound-like score in
    [-1, 1]. VADER's scores of the whole sentence, plus cheap target-centred features read
    off VADER's own lexicon (valences of the words around the mention by side and distance,
    negation handled as VADER does, and which sentiment words lie nearer to the mention than
    to any other name) and off the shape of news writing (quotation, reporting, distancing,
    hostile and friendly verbs next to the mention), feed a small multinomial logistic
    regression fitted on the NewsMTSC training split (Hamborg & Donnay, EACL 2021) by
    ``benchmarks/fit_tone_model.py``. The fitted layer ships as ``framing/data/tone_model.json``
    and is applied with numpy only. ``label(tone_toward(...))`` is the model's predicted class.
``MIN_SENTENCES``
    Below this many observations callers report "not enough text" instead of a mean.
"""

from __future__ import annotations

import bisect
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from .text.tokens import TONE_TERM_RE, light_stem, negated_terms, touching_ngrams, verb_forms

__all__ = [
    "MIN_SENTENCES",
    "FEATURE_NAMES",
    "polarity",
    "label",
    "tone_toward",
    "tone_features",
    "tone_probabilities",
]

#: Minimum number of observations (sentences or mentions) behind a reported mean tone. With
#: fewer, callers show "not enough text": one or two VADER scores are too noisy to compare
#: outlets, and a bootstrap interval from two values is meaningless.
MIN_SENTENCES = 3

#: VADER's own convention for labelling a compound score.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05

#: ``tone_toward`` reads at most this many characters on either side of the mention (and of
#: the mention itself). A news sentence is far shorter; the cap keeps run-away input (a page
#: without sentence breaks) cheap, since VADER's cost grows with the square of the length.
MAX_CONTEXT_CHARS = 1000

_ZERO = {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}

# --------------------------------------------------------------------------------------
# VADER adapter
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    # framing.vader is vaderSentiment's analyzer with a faster polarity_scores that gives
    # the same scores (tests/test_vader.py); VADER was a third of the per-article time.
    from .vader import Vader

    return Vader()


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    return _analyzer().lexicon


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE)


def polarity(text: str) -> dict[str, float]:
    """VADER scores of ``text``: ``{"compound", "pos", "neu", "neg"}``, rounded to 4 decimals.

    Text without any word (empty, only whitespace) scores all zeros. VADER's cost grows
    with the square of the length, so pass sentences, not whole documents.
    """
    if not text or not text.strip():
        return dict(_ZERO)
    scores = _analyzer().polarity_scores(text)
    return {key: round(float(scores[key]), 4) for key in ("compound", "pos", "neu", "neg")}


def label(compound: float) -> str:
    """``"positive"`` if compound >= 0.05, ``"negative"`` if <= -0.05, else ``"neutral"``."""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


# --------------------------------------------------------------------------------------
# Cues of news writing used as features. They are general habits of English news, not
# picked from the benchmark. They are data, not code: benchmarks/tone_cues.toml lists them,
# and the fitting script stores them inside data/tone_model.json, where they are read here,
# so a model and the cue words it was fitted with always travel together.
# --------------------------------------------------------------------------------------


#: The verb classes, in feature order.
VERB_CLASS_NAMES = ("report", "distance", "hostile", "friendly")


class Cues:
    """The cue words of the tone features, built from their data (see tone_cues.toml)."""

    __slots__ = ("verb_sets", "pronouns", "target_pronouns", "data", "window", "negations", "stems", "target_ngrams")

    def __init__(self, data: Mapping[str, Any]) -> None:
        verbs = data["verbs"]
        self.data = {"verbs": {k: list(v) for k, v in sorted(verbs.items())}, "pronouns": {k: list(v) for k, v in sorted(data["pronouns"].items())}}
        lexical = data.get("lexical", {})
        self.window = int(lexical.get("window", 8))
        self.negations = frozenset(lexical.get("negations", ()))
        self.stems = bool(lexical.get("stems", False))
        self.target_ngrams = int(lexical.get("target_ngrams", 1))
        if lexical:
            self.data["lexical"] = {"window": self.window, "negations": sorted(self.negations)}
            if self.stems:
                self.data["lexical"]["stems"] = True
            if self.target_ngrams > 1:
                self.data["lexical"]["target_ngrams"] = self.target_ngrams
        # Each lemma with its -s / -ed / -ing forms; irregular forms are listed in the data.
        self.verb_sets = tuple(
            frozenset(form for lemma in verbs[name] for form in verb_forms(lemma)) | frozenset(verbs.get(f"{name}_forms", ())) for name in VERB_CLASS_NAMES
        )
        self.pronouns = frozenset(data["pronouns"]["personal"])
        self.target_pronouns = frozenset(data["pronouns"]["target"])

    @property
    def verb_classes(self) -> dict[str, tuple[int, ...]]:
        table: dict[str, list[int]] = {}
        for c, verbs in enumerate(self.verb_sets):
            for verb in verbs:
                table.setdefault(verb, []).append(c)
        return {verb: tuple(cs) for verb, cs in table.items()}


_active_cues: Cues | None = None


def use_cues(cues: Cues | None) -> None:
    """Make ``cues`` the cue words of the features (the fitting script does this before it
    computes the training features); None goes back to those of the shipped model."""
    global _active_cues
    _active_cues = cues
    _verb_classes.cache_clear()


def _cues() -> Cues:
    return _active_cues if _active_cues is not None else _model().cues


_N_SCALAR = -0.74  # VADER's own damping of a negated word


@lru_cache(maxsize=1)
def _verb_classes() -> dict[str, tuple[int, ...]]:
    return _cues().verb_classes


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_STRIP = ".,;:!?\"“”‘’'()[]"
_OPENERS = "\"“”‘’'("

_UNIT_FEATURES = ("c", "p", "n")
_CUE_FEATURES = tuple(f"{name}_{where}" for name in VERB_CLASS_NAMES for where in ("after", "before", "any"))
_NEAR_FEATURES = tuple(
    f"lex_{side}{k}_{sign}" for k in (1, 2, 4) for side in ("l", "r") for sign in ("pos", "neg")
)

#: Feature order of the model (the JSON model must list exactly these names).
FEATURE_NAMES: tuple[str, ...] = (
    *(f"sent_{x}" for x in _UNIT_FEATURES),
    "has_quote", "in_quote", "quote_frac",
    "pos_rel", "at_start", "log_len",
    "pronoun", "possessive", "negation", "question",
    *_CUE_FEATURES,
    "lex_dw_pos", "lex_dw_neg", "lex_left_pos", "lex_left_neg", "lex_right_pos", "lex_right_neg",
    *_NEAR_FEATURES,
    "near_l_val", "near_l_inv", "near_l_vd", "near_r_val", "near_r_inv", "near_r_vd",
    "own_pos", "own_neg", "other_pos", "other_neg", "n_other_names",
)

_GET_FEATURES = operator.itemgetter(*FEATURE_NAMES)
_NEAR_NAME = {
    (side, k, positive): f"lex_{side}{k}_{'pos' if positive else 'neg'}"
    for k in (1, 2, 4) for side in ("l", "r") for positive in (True, False)
}


def _clip_context(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Bound the text to MAX_CONTEXT_CHARS either side of the span, cut at whitespace."""
    lo = max(0, start - MAX_CONTEXT_CHARS)
    hi = min(len(text), end + MAX_CONTEXT_CHARS)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return text[lo:hi], start - lo, end - lo


def _unit(features: dict[str, float], name: str, scores: Mapping[str, float]) -> None:
    features[name + "_c"] = _finite(scores.get("compound", 0.0))
    features[name + "_p"] = _finite(scores.get("pos", 0.0))
    features[name + "_n"] = _finite(scores.get("neg", 0.0))


def _finite(value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


def _mention_tokens(text: str, words: list[str], start: int, end: int) -> tuple[int, int]:
    """Indices of the first and last whitespace token that overlap ``text[start:end]``."""
    n = len(words)
    before = text[:start].split()
    i0 = len(before)
    if before and start > 0 and not text[start - 1].isspace():
        i0 -= 1  # the span starts inside a token (“Trump, (Trump)
    i0 = min(i0, n - 1)
    i1 = len(text[:end].split()) - 1 if end > start else i0
    return i0, min(max(i1, i0), n - 1)


def tone_features(
    text: str, start: int, end: int, *, sentence_scores: Mapping[str, float] | None = None
) -> np.ndarray:
    """The feature vector (in ``FEATURE_NAMES`` order) of the mention ``text[start:end]``.

    VADER is called at most once, on the whole sentence, and not at all when
    ``sentence_scores`` (the sentence's ``polarity`` output) is given. The other features
    read VADER's lexicon and the shape of the sentence directly.
    """
    text = text if isinstance(text, str) else str(text)
    n_chars = len(text)
    start = min(max(int(start), 0), n_chars)
    end = min(max(int(end), start), n_chars, start + MAX_CONTEXT_CHARS)
    if n_chars > 2 * MAX_CONTEXT_CHARS + (end - start):
        text, start, end = _clip_context(text, start, end)
        sentence_scores = None  # scores of the full text do not describe the clipped context
    words = text.split()
    n = len(words)
    if n == 0:
        return np.zeros(len(FEATURE_NAMES))
    lowered = text.lower()
    low = [w.strip(_STRIP) for w in lowered.split()]
    i0, i1 = _mention_tokens(text, words, start, end)
    f: dict[str, float] = {}

    # VADER on the whole sentence
    _unit(f, "sent", sentence_scores if sentence_scores is not None else polarity(text))

    # quotation
    quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if ('"' in text or "“" in text) else []
    f["has_quote"] = float(bool(quotes))
    f["in_quote"] = float(any(a <= start and end <= b for a, b in quotes))
    f["quote_frac"] = sum(b - a for a, b in quotes) / len(text)

    # position and form of the mention, sentence-level cues
    f["pos_rel"] = i0 / max(1, n - 1)
    f["at_start"] = float(i0 == 0)
    f["log_len"] = math.log1p(n)
    cues = _cues()
    f["pronoun"] = float(text[start:end].strip().lower() in cues.target_pronouns)
    f["possessive"] = float(words[i1].endswith(("'s", "’s")) or (i1 + 1 < n and low[i1 + 1] == "s"))
    negations = _negations()
    f["negation"] = float("n't" in lowered or not negations.isdisjoint(low))
    f["question"] = float("?" in text)

    # One pass over the words:
    # - reporting / distancing / hostile / friendly verbs right after, right before, anywhere;
    # - VADER's lexicon words (mention excluded); one with a negation among the three words
    #   before it is flipped and damped as VADER does;
    # - other names and pronouns (a capitalised word that is not the first of the sentence
    #   and not a sentiment word): a sentiment word nearer to one of them than to the
    #   mention counts as "other".
    verb_class = _verb_classes()
    lexicon = _lexicon()
    n_classes = len(VERB_CLASS_NAMES)
    counts = [0.0] * n_classes
    after = [0.0] * n_classes
    before = [0.0] * n_classes
    for i, w in [(i, w) for i, w in enumerate(low) if w in verb_class]:
        for c in verb_class[w]:
            counts[c] += 1.0
            if i1 < i <= i1 + 3:
                after[c] = 1.0
            elif i0 - 3 <= i < i0:
                before[c] = 1.0
    hits: list[tuple[int, float]] = []
    for i, v in [(i, lexicon[w]) for i, w in enumerate(low) if w in lexicon]:
        if v and not i0 <= i <= i1:
            if any(x in negations or "n't" in x for x in low[max(0, i - 3) : i]):
                v = v * _N_SCALAR
            hits.append((i, v))
    others = [
        i
        for i, w in enumerate(low)
        if (w in cues.pronouns or (i > 0 and words[i].lstrip(_OPENERS)[:1].isupper() and w not in lexicon))
        and not i0 <= i <= i1
    ]
    for c, name in enumerate(VERB_CLASS_NAMES):
        f[name + "_after"], f[name + "_before"], f[name + "_any"] = after[c], before[c], counts[c]

    dw_pos = dw_neg = lp = ln = rp = rn = 0.0
    near = dict.fromkeys(_NEAR_FEATURES, 0.0)
    lv = linv = rv = rinv = 0.0
    own_pos = own_neg = other_pos = other_neg = 0.0
    for i, v in hits:
        if i < i0:
            d, side = i0 - i, "l"
            lv, linv = v, 1.0 / d  # the last one before the mention is the nearest
        else:
            d, side = i - i1, "r"
            if not rinv:
                rv, rinv = v, 1.0 / d
        a = abs(v)
        if v > 0:
            dw_pos += a / (1 + d)
        else:
            dw_neg += a / (1 + d)
        if side == "l":
            lp, ln = (lp + a, ln) if v > 0 else (lp, ln + a)
        else:
            rp, rn = (rp + a, rn) if v > 0 else (rp, rn + a)
        for k in (1, 2, 4):
            if d <= k:
                near[_NEAR_NAME[side, k, v > 0]] += a
        # ``others`` is in word order: the nearest is one of the two around i (a bisect, not
        # a pass over every name for every sentiment word of a long sentence).
        at = bisect.bisect_left(others, i)
        d_other = min((abs(i - e) for e in others[max(0, at - 1) : at + 1]), default=n + 1)
        if d <= d_other:
            own_pos, own_neg = (own_pos + a, own_neg) if v > 0 else (own_pos, own_neg + a)
        else:
            other_pos, other_neg = (other_pos + a, other_neg) if v > 0 else (other_pos, other_neg + a)
    f["lex_dw_pos"], f["lex_dw_neg"] = dw_pos, dw_neg
    f["lex_left_pos"], f["lex_left_neg"], f["lex_right_pos"], f["lex_right_neg"] = lp, ln, rp, rn
    f.update(near)
    f["near_l_val"], f["near_l_inv"], f["near_l_vd"] = lv, linv, lv * linv
    f["near_r_val"], f["near_r_inv"], f["near_r_vd"] = rv, rinv, rv * rinv
    f["own_pos"], f["own_neg"] = own_pos, own_neg
    f["other_pos"], f["other_neg"] = other_pos, other_neg
    f["n_other_names"] = float(len(others))

    x = np.array(_GET_FEATURES(f), dtype=float)
    if not np.isfinite(x).all():
        x = np.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0)
    return x


_LEX_TOKEN = TONE_TERM_RE
_CLAUSE_MARKS = frozenset(",;:")
_TARGET_TOKEN = "TGT"


@lru_cache(maxsize=65536)
def _stem_term(word: str) -> str:
    return "s:" + light_stem(word)


def lexical_terms(text: str, start: int, end: int, cues: Cues | None = None) -> tuple[list[str], list[str]]:
    """The bag-of-words terms of the mention ``text[start:end]``: (the sentence's words, with
    the mention as one "TGT" token, then if the cues ask for them "s:" + each word's stem and
    the n-grams that touch the mention; the context words: "l_"/"r_" + each word within the
    window either side, "c_" + each word of the mention's own clause). Lower case; words after
    a negation marked "NOT_". The fitted layer weighs them (tf-idf, as fitted)."""
    cues = cues or _cues()
    left = _LEX_TOKEN.findall(text[:start].lower())
    right = _LEX_TOKEN.findall(text[end:].lower())
    if cues.negations:
        left = negated_terms(left, cues.negations)
        right = negated_terms([_TARGET_TOKEN, *right], cues.negations)[1:]
    sentence = [w for w in (*left, _TARGET_TOKEN, *right) if w not in _CLAUSE_MARKS]
    if cues.stems:
        sentence += [_stem_term(w) for w in sentence if w != _TARGET_TOKEN]
    if cues.target_ngrams > 1:
        sentence += touching_ngrams([*left, _TARGET_TOKEN, *right], len(left), cues.target_ngrams, _TARGET_TOKEN)
    left_words = [w for w in left if w not in _CLAUSE_MARKS]
    right_words = [w for w in right if w not in _CLAUSE_MARKS]
    k = cues.window
    context = ["l_" + w for w in left_words[-k:]] + ["r_" + w for w in right_words[:k]]
    for w in reversed(left):
        if w in _CLAUSE_MARKS:
            break
        context.append("c_" + w)
    for w in right:
        if w in _CLAUSE_MARKS:
            break
        context.append("c_" + w)
    return sentence, context


def _tfidf_scores(terms: list[str], vocabulary: Mapping[str, tuple[float, float, float, float]]) -> tuple[float, float, float]:
    """The bag-of-words part of the three class scores: each vocabulary term's sublinear tf
    times idf, the vector scaled to unit length (as scikit-learn's
    TfidfVectorizer(sublinear_tf=True)), dotted with the term's class weights."""
    z0 = z1 = z2 = squares = 0.0
    for t, c in Counter(terms).items():  # counting all terms in C is faster than filtering first
        row = vocabulary.get(t)
        if row is None:
            continue
        idf, w0, w1, w2 = row
        v = idf if c == 1 else (1.0 + math.log(c)) * idf
        squares += v * v
        z0 += v * w0
        z1 += v * w1
        z2 += v * w2
    if not squares:
        return 0.0, 0.0, 0.0
    norm = math.sqrt(squares)
    return z0 / norm, z1 / norm, z2 / norm


# --------------------------------------------------------------------------------------
# The fitted layer
# --------------------------------------------------------------------------------------


class _ToneModel:
    __slots__ = ("classes", "weights", "bias", "order", "cues", "vocabularies")

    def __init__(self, data: Mapping[str, Any]) -> None:
        if "cues" not in data:
            raise RuntimeError("framing/data/tone_model.json has no cue words; refit it with `python benchmarks/fit_tone_model.py`")
        self.cues = Cues(data["cues"])
        names = tuple(data["feature_names"])
        if names != FEATURE_NAMES:
            raise RuntimeError(
                "framing/data/tone_model.json does not match framing.sentiment.FEATURE_NAMES; "
                "refit it with `python benchmarks/fit_tone_model.py`"
            )
        self.classes = tuple(data["classes"])
        if sorted(self.classes) != list(_CLASSES):
            raise RuntimeError(f"tone model: unexpected classes {self.classes}")
        self.order = tuple(self.classes.index(c) for c in _CLASSES)
        mean = np.asarray(data["scaler_mean"], dtype=float)
        scale = np.asarray(data["scaler_scale"], dtype=float)
        coef = np.asarray(data["coef"], dtype=float)
        intercept = np.asarray(data["intercept"], dtype=float)
        dense_weight = float(data.get("dense_weight", 1.0))
        # fold the standardisation into the linear layer: coef @ ((x - mean) / scale * w) + b
        self.weights = coef * dense_weight / scale
        self.bias = intercept - self.weights @ mean
        # the bag-of-words part: term -> (idf, weight per class), one vocabulary per kind
        self.vocabularies = tuple(
            {term: (float(row[0]), float(row[1]), float(row[2]), float(row[3])) for term, row in data.get("lexical", {}).get(kind, {}).items()}
            for kind in ("sentence", "context")
        )

    def probabilities(self, x: np.ndarray, terms: tuple[list[str], list[str]] | None = None) -> tuple[float, float, float]:
        """P(negative), P(neutral), P(positive): softmax of the linear layer."""
        z = (self.weights @ x + self.bias).tolist()
        if terms is not None:
            for words, vocabulary in zip(terms, self.vocabularies):
                extra = _tfidf_scores(words, vocabulary)
                z = [a + b for a, b in zip(z, extra)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return tuple(e[i] / total for i in self.order)  # type: ignore[return-value]


_CLASSES = ("negative", "neutral", "positive")


def _model_text() -> str:
    resource = resources.files("framing").joinpath("data").joinpath("tone_model.json")
    return resource.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _model() -> _ToneModel:
    return _ToneModel(json.loads(_model_text()))


def load_model_data() -> dict[str, Any]:
    """The shipped model file as a dict (for reports: fitting settings, train-file hash)."""
    return json.loads(_model_text())


def tone_probabilities(
    text: str, start: int, end: int, *, sentence_scores: Mapping[str, float] | None = None
) -> dict[str, float]:
    """``{"negative", "neutral", "positive"}`` probabilities of the tone toward ``text[start:end]``."""
    return dict(zip(_CLASSES, _probabilities(text, start, end, sentence_scores)))


def _probabilities(text: str, start: int, end: int, sentence_scores: Mapping[str, float] | None) -> tuple[float, float, float]:
    model = _model()
    x = tone_features(text, start, end, sentence_scores=sentence_scores)
    terms = None
    if model.vocabularies[0] or model.vocabularies[1]:
        n = len(text)
        a = min(max(int(start), 0), n)
        b = min(max(int(end), a), n, a + MAX_CONTEXT_CHARS)
        if n > 2 * MAX_CONTEXT_CHARS + (b - a):
            text, a, b = _clip_context(text, a, b)  # the context tone_features reads
        terms = lexical_terms(text, a, b, model.cues)
    return model.probabilities(x, terms)


def _to_compound(p_neg: float, p_neu: float, p_pos: float) -> float:
    """P(pos) - P(neg), moved just enough that ``label`` gives the most probable class."""
    score = p_pos - p_neg
    if p_neu >= p_pos and p_neu >= p_neg:
        score = min(max(score, -0.0499), 0.0499)
    elif p_pos >= p_neg:
        score = max(score, POSITIVE_THRESHOLD)
    else:
        score = min(score, NEGATIVE_THRESHOLD)
    return round(min(max(score, -1.0), 1.0), 4)


def tone_toward(
    text: str, start: int, end: int, *, sentence_scores: Mapping[str, float] | None = None
) -> float:
    """Tone of the sentence ``text`` toward the mention ``text[start:end]``, in [-1, 1].

    ``label(tone_toward(...))`` is the model's most probable class (negative / neutral /
    positive); the value is P(positive) - P(negative), nudged across VADER's +-0.05
    thresholds where needed so that the label and the class agree. Pass
    ``sentence_scores=polarity(text)`` when the sentence has been scored already: then no
    VADER call is made. A sentence without words scores 0.0; an empty or out-of-range span is
    read as the position of the nearest word.
    """
    if not isinstance(text, str) or not text.strip():
        return 0.0
    return _to_compound(*_probabilities(text, start, end, sentence_scores))

"""framing.sentiment: the VADER adapter, target-aware tone, bootstrap means, and the benchmark."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import sentiment
from framing.measures.intervals import bootstrap_mean
from framing.sentiment import (
    FEATURE_NAMES,
    MIN_SENTENCES,
    label,
    polarity,
    tone_probabilities,
    tone_toward,
)

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "benchmarks" / "target_sentiment"

from .conftest import need_shared


def tone_of(sentence: str, mention: str, occurrence: int = 0) -> float:
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(mention, start + 1)
    return tone_toward(sentence, start, start + len(mention))


# --- VADER adapter --------------------------------------------------------------------


def test_label_thresholds_follow_vader_convention():
    assert label(0.05) == "positive"
    assert label(0.9) == "positive"
    assert label(0.0499) == "neutral"
    assert label(0.0) == "neutral"
    assert label(-0.0499) == "neutral"
    assert label(-0.05) == "negative"
    assert label(-1.0) == "negative"


def test_polarity_keys_rounding_and_direction():
    good = polarity("The rescue was a wonderful success and everyone was delighted.")
    bad = polarity("The attack was a horrible, deadly disaster.")
    assert set(good) == {"compound", "pos", "neu", "neg"}
    assert good["compound"] > 0.5 and bad["compound"] < -0.5
    for value in (*good.values(), *bad.values()):
        assert value == round(value, 4)
    assert polarity("") == {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}
    assert polarity("   ") == {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}


def test_min_sentences_is_three():
    assert MIN_SENTENCES == 3


# --- tone toward a mention ------------------------------------------------------------

SENTENCE = "Senator Alice Warren said on Tuesday that the new budget would help families across Ohio."


@pytest.mark.parametrize("mention", ["Senator", "budget", "Ohio"])
def test_tone_toward_start_middle_end(mention):
    score = tone_of(SENTENCE, mention)
    assert isinstance(score, float)
    assert -1.0 <= score <= 1.0
    assert label(score) in {"positive", "negative", "neutral"}


@pytest.mark.parametrize(
    ("sentence", "praised", "criticised"),
    [
        (
            "Voters praised Governor Maria Lopez for her honest leadership, while Senator Tom "
            "Becker was condemned for corruption and lies.",
            "Maria Lopez",
            "Tom Becker",
        ),
        (
            "Critics accused Mayor John Harris of incompetence and fraud, but residents "
            "celebrated Councilwoman Amy Chen as a hero.",
            "Amy Chen",
            "John Harris",
        ),
        (
            "Prime Minister Alan Reed won praise for his generous aid package, while opposition "
            "leader Mark Doyle was ridiculed for his cruel remarks.",
            "Alan Reed",
            "Mark Doyle",
        ),
    ],
)
def test_praise_and_criticism_of_two_people_get_opposite_signs(sentence, praised, criticised):
    toward_praised = tone_of(sentence, praised)
    toward_criticised = tone_of(sentence, criticised)
    assert label(toward_praised) == "positive", toward_praised
    assert label(toward_criticised) == "negative", toward_criticised


def test_label_of_tone_is_the_most_probable_class():
    items = [json.loads(line) for line in need_shared(BENCH / "test.jsonl").open(encoding="utf-8")][:300]
    for item in items:
        args = (item["sentence"], item["target_start"], item["target_end"])
        probs = tone_probabilities(*args)
        assert abs(sum(probs.values()) - 1.0) < 1e-9
        assert label(tone_toward(*args)) == max(probs, key=probs.get)


def test_precomputed_sentence_scores_give_the_same_tone():
    for mention in ("Alice Warren", "families"):
        start = SENTENCE.index(mention)
        end = start + len(mention)
        assert tone_toward(SENTENCE, start, end, sentence_scores=polarity(SENTENCE)) == tone_toward(
            SENTENCE, start, end
        )


def test_tone_is_deterministic_and_rounded():
    a = tone_of(SENTENCE, "Ohio")
    assert a == tone_of(SENTENCE, "Ohio")
    assert a == round(a, 4)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("😀😡🎉🔥", 0, 1),
        ("!!! ... ??? ---", 4, 7),
        ("", 0, 0),
        ("     ", 1, 3),
        (SENTENCE, 10, 10),  # empty span
        (SENTENCE, 500, 600),  # span past the end
        (SENTENCE, -5, 3),
        (SENTENCE, 20, 5),  # end before start
    ],
)
def test_bad_input_gives_a_finite_score(text, start, end):
    score = tone_toward(text, start, end)
    assert math.isfinite(score) and -1.0 <= score <= 1.0


def test_one_megabyte_sentence_is_cheap_and_finite():
    chunk = "The minister praised the reform but critics called it a costly failure. "
    text = chunk * (1_000_000 // len(chunk))
    start = text.index("minister", len(text) // 2)
    score = tone_toward(text, start, start + len("minister"))
    assert math.isfinite(score) and -1.0 <= score <= 1.0
    nospace = "x" * 1_000_000
    assert math.isfinite(tone_toward(nospace, 500_000, 500_010))
    assert math.isfinite(tone_toward(text, 0, len(text)))  # the whole megabyte as the span


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.integers(-10, 250), st.integers(-10, 250))
def test_any_text_and_span_gives_a_bounded_score(text, start, end):
    score = tone_toward(text, start, end)
    assert math.isfinite(score) and -1.0 <= score <= 1.0
    features = sentiment.tone_features(text, start, end) if text.strip() else np.zeros(len(FEATURE_NAMES))
    assert features.shape == (len(FEATURE_NAMES),) and np.isfinite(features).all()


def test_shipped_model_matches_the_features_and_is_sorted_json():
    raw = (REPO / "framing" / "data" / "tone_model.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert tuple(data["feature_names"]) == FEATURE_NAMES
    assert data["classes"] == ["negative", "neutral", "positive"]
    assert np.asarray(data["coef"]).shape == (3, len(FEATURE_NAMES))
    assert json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n" == raw
    assert len(data["train"]["sha256"]) == 64
    for kind in ("sentence", "context"):  # term -> [idf, weight per class]
        vocabulary = data["lexical"][kind]
        assert len(vocabulary) > 1000 and all(len(row) == 4 and row[0] >= 1.0 for row in vocabulary.values())


def test_the_words_around_a_person_are_read_with_negation_and_clause():
    words, context = sentiment.lexical_terms("Critics said Smith was not honest, and Lee agreed.", 13, 18)
    assert words[:9] == ["critics", "said", "TGT", "was", "not", "NOT_honest", "and", "lee", "agreed"]
    # the shipped cues add stems and the n-grams that touch the mention, not across the comma
    assert {"s:critic", "s:agre", "s:NOT_honest", "said_TGT", "critics_said_TGT", "TGT_was_not"} <= set(words)
    assert not any(w.startswith("TGT_") for w in sentiment.lexical_terms("Smith, a senator, won.", 0, 5)[0])
    assert {"l_critics", "l_said", "r_was", "r_NOT_honest", "c_said", "c_NOT_honest"} <= set(context)
    assert "c_agreed" not in context  # past the comma: another clause


def _numbers(value, path=""):
    """(path, number) of every number in a JSON value, in order."""
    if isinstance(value, dict):
        for k in sorted(value):
            yield from _numbers(value[k], f"{path}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _numbers(v, f"{path}/{i}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, value


def _without_numbers(value):
    if isinstance(value, dict):
        return {k: _without_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_numbers(v) for v in value]
    return None if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def test_refitting_the_tone_layer_gives_the_shipped_layer(tmp_path):
    """The shipped layer is what benchmarks/fit_tone_model.py fits on NewsMTSC train: on the
    machine that fitted it, byte for byte (the fit runs one BLAS thread and converges far
    past the default tolerance). Another CPU's floating point can round a few of its
    5-decimal numbers the other way (seen: about 1% of them, by one unit in the last place),
    so here every key, vocabulary term and string must be the same and every number within
    two units of the last decimal."""
    train = need_shared(BENCH / "train.jsonl")
    out = tmp_path / "tone_model.json"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "fit_tone_model.py"), str(train), "--out", str(out)], cwd=REPO, check=True, capture_output=True)
    shipped_bytes = (REPO / "framing" / "data" / "tone_model.json").read_bytes()
    if out.read_bytes() == shipped_bytes:
        return
    refit, shipped = json.loads(out.read_bytes()), json.loads(shipped_bytes)
    assert _without_numbers(refit) == _without_numbers(shipped), "the refit's keys, terms or strings differ"
    pairs = list(zip(_numbers(refit), _numbers(shipped)))
    assert len(pairs) == sum(1 for _ in _numbers(shipped))
    far = [(pa, a, b) for (pa, a), (_, b) in pairs if abs(a - b) > 2.5e-5 and not pa.startswith("/fitting/cv_macro_f1")]
    assert not far, f"{len(far)} numbers differ by more than the last decimal, e.g. {far[:5]}"


def test_tone_toward_does_not_import_sklearn():
    code = (
        "import sys, framing.sentiment as s; "
        "s.tone_toward('Smith praised the plan.', 0, 5); "
        "assert 'sklearn' not in sys.modules, 'sklearn imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


# --- bootstrap ------------------------------------------------------------------------


def test_bootstrap_contains_mean_and_is_rounded():
    values = [0.2, -0.4, 0.9, 0.1, 0.0, -0.3, 0.5]
    mean, low, high = bootstrap_mean(values)
    assert mean == round(float(np.mean(values)), 4)
    assert low <= mean <= high
    assert low < high
    assert all(v == round(v, 4) for v in (mean, low, high))


def test_bootstrap_interval_is_clipped_to_contain_the_mean():
    # a very skewed sample: the percentile interval of 3 resamples misses the mean for
    # seeds 3 and 4 (it lies wholly below, resp. above it) and must be clipped
    values = [0.0] * 30 + [1.0]
    for seed in range(5):
        mean, low, high = bootstrap_mean(values, n_boot=3, seed=seed)
        assert low <= mean <= high


def test_bootstrap_shrinks_with_more_values():
    rng = np.random.default_rng(42)
    small = rng.normal(0.1, 0.5, size=20).tolist()
    large = rng.normal(0.1, 0.5, size=2000).tolist()
    _, lo_s, hi_s = bootstrap_mean(small)
    _, lo_l, hi_l = bootstrap_mean(large)
    assert hi_l - lo_l < (hi_s - lo_s) / 4


def test_bootstrap_seeded():
    values = np.random.default_rng(7).normal(size=50).tolist()
    assert bootstrap_mean(values, seed=3) == bootstrap_mean(values, seed=3)
    mean_a, lo_a, hi_a = bootstrap_mean(values, seed=3)
    mean_b, lo_b, hi_b = bootstrap_mean(values, seed=4)
    assert mean_a == mean_b
    assert (lo_a, hi_a) != (lo_b, hi_b)


def test_bootstrap_reused_draws_equal_fresh_ones(monkeypatch):
    """Short inputs reuse the draws of their length (they depend only on n, n_boot and
    seed); the intervals equal those of fresh draws, and one call's values never leak into
    another's."""
    import framing.measures.intervals as intervals

    rng = np.random.default_rng(11)
    samples = [rng.normal(size=n).tolist() for n in (2, 7, 7, 30, 99)]
    reused = [bootstrap_mean(v, n_boot=n_boot, seed=seed) for v in samples for n_boot in (1, 50, 200) for seed in (0, 5)]
    assert intervals._resamples.cache_info().currsize > 0
    monkeypatch.setattr(intervals, "_CACHED_RESAMPLES", 0)
    fresh = [bootstrap_mean(v, n_boot=n_boot, seed=seed) for v in samples for n_boot in (1, 50, 200) for seed in (0, 5)]
    assert reused == fresh
    assert not intervals._resamples(7, 50, 0).flags.writeable


def test_bootstrap_small_inputs():
    assert bootstrap_mean([0.25]) == (0.25, 0.25, 0.25)
    with pytest.raises(ValueError):
        bootstrap_mean([])
    with pytest.raises(ValueError):
        bootstrap_mean([0.1, float("nan")])


def test_poisson_interval_is_scipy_stats_chi2_bit_for_bit():
    """Computed through scipy.special, the count intervals are the floats chi2.ppf gave."""
    from scipy.stats import chi2

    from framing.measures.intervals import poisson_interval

    for level in (0.95, 0.9):
        alpha = 1 - level
        for count in (*range(40), 1000, 123456):
            low = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count)) / 2
            assert poisson_interval(count, level) == (low, float(chi2.ppf(1 - alpha / 2, 2 * count + 2)) / 2)


# --- the benchmark --------------------------------------------------------------------


def test_tone_toward_beats_whole_sentence_vader_on_newsmtsc_test():
    from sklearn.metrics import f1_score

    items = [json.loads(line) for line in need_shared(BENCH / "test.jsonl").open(encoding="utf-8")]
    gold = [x["label"] for x in items]
    whole = [label(polarity(x["sentence"])["compound"]) for x in items]
    ours = [label(tone_toward(x["sentence"], x["target_start"], x["target_end"])) for x in items]
    f1_whole = f1_score(gold, whole, average="macro")
    f1_ours = f1_score(gold, ours, average="macro")
    assert f1_whole == pytest.approx(0.516, abs=0.001)  # the README's baseline figure
    assert f1_ours >= f1_whole
    assert f1_ours >= 0.65  # README: 0.653 (0.606 before the words around the person were read)

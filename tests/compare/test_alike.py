"""The "How alike" section: distance intervals that contain their distance, the heatmap's
diagonal of noise floors, and the verdict in words."""

from __future__ import annotations

import html
from types import SimpleNamespace

import numpy as np
import pytest

from framing.compare import _distance_interval, compare
from framing.report.comparison import alike_verdict, sections, similarity_figure
from framing.report.page import ReportContext
from framing.tables import digest_tables


@pytest.fixture(scope="module")
def similarity_rows(seed_result):
    columns, rows = digest_tables(seed_result)["similarity.csv"]
    return list(rows)


def _pairs(rows):
    return [r for r in rows if r["outlet_a"] != r["outlet_b"]]


def test_every_seed_interval_contains_its_distance(similarity_rows):
    pairs = _pairs(similarity_rows)
    assert len(pairs) == 10
    for r in pairs:
        assert r["ci_low"] is not None and r["ci_high"] is not None, r
        assert 0 <= r["ci_low"] <= r["distance"] <= r["ci_high"], r
        assert r["ci_low"] < r["ci_high"], r  # a real interval, not a point
    for r in similarity_rows:
        if r["outlet_a"] == r["outlet_b"]:
            assert r["ci_low"] is None and r["ci_high"] is None and not r["closer_than_noise"]


def test_closer_than_noise_is_the_whole_interval_below_both_floors(similarity_rows):
    for r in _pairs(similarity_rows):
        assert r["closer_than_noise"] == (r["ci_high"] < r["floor_a"] and r["ci_high"] < r["floor_b"]), r


@pytest.mark.parametrize("shift", [0.0, 0.5, 3.0, -0.8])
def test_interval_contains_the_estimate_however_skewed_the_bootstrap(shift):
    """Replicates far above the estimate (the upward bias of a resampled distance), far
    below, skewed or constant: the interval always holds the estimate and is never
    negative. The plain percentile interval misses it in the biased cases."""
    rng = np.random.default_rng(11)
    d = 1.0
    for boot in (d + shift + rng.gamma(1.5, 0.3, size=200), d + shift + rng.normal(0, 0.2, size=200), np.full(50, d + shift), np.array([d + shift])):
        boot = np.abs(boot)
        lo, hi = _distance_interval(d, boot)
        assert 0.0 <= lo <= d <= hi
        # the width is the percentile interval's: only its position moves
        q_low, q_high = np.percentile(boot, [2.5, 97.5])
        if lo > 0:
            assert hi - lo == pytest.approx(q_high - q_low)
    if shift >= 0.5:
        q_low, _ = np.percentile(d + shift + rng.gamma(1.5, 0.3, size=200), [2.5, 97.5])
        assert q_low > d  # the percentile interval would not contain d


def test_interval_is_clipped_at_zero():
    lo, hi = _distance_interval(0.1, np.linspace(0.5, 2.5, 101))
    assert lo == 0.0 and hi == pytest.approx(0.1 + (np.percentile(np.linspace(0.5, 2.5, 101), 97.5) - 1.5))


def test_reruns_with_one_seed_give_the_same_intervals(seed_result):
    one, two = compare(seed_result.digests, seed=4, n_boot=30), compare(seed_result.digests, seed=4, n_boot=30)
    assert one.similarity == two.similarity
    assert all(r["ci_low"] <= r["distance"] <= r["ci_high"] for r in _pairs(one.similarity))


def test_heatmap_diagonal_shows_the_noise_floors(seed_result, similarity_rows):
    order = seed_result.comparison.clusters["order"]
    fig = similarity_figure(similarity_rows, order)
    heat = fig.data[0]
    floors = {r["outlet_a"]: r["floor_a"] for r in similarity_rows if r["outlet_a"] == r["outlet_b"]}
    by_pair = {frozenset((r["outlet_a"], r["outlet_b"])): r for r in _pairs(similarity_rows)}
    for i, a in enumerate(order):
        assert heat.z[i][i] is not None and heat.z[i][i] == floors[a]
        assert heat.text[i][i] == f"noise floor {floors[a]:.3f}"
        for j, b in enumerate(order):
            if i != j:
                r = by_pair[frozenset((a, b))]
                assert heat.z[i][j] == r["distance"]
                assert heat.text[i][j].startswith(f"{r['distance']:.3f}")
                hover = heat.customdata[i][j]
                assert f"[{r['ci_low']:.3f}, {r['ci_high']:.3f}]" in hover
                assert f"{floors[a]:.3f}" in hover and f"{floors[b]:.3f}" in hover
                assert ("closer than noise" in hover) and (("not closer" in hover) != r["closer_than_noise"])
    assert heat.texttemplate == "%{text}"
    assert heat.colorbar.title.text == "distance (standardised features)"
    assert "%{customdata}" in heat.hovertemplate


def test_seed_verdict_matches_the_rows(seed_result, similarity_rows):
    pairs = _pairs(similarity_rows)
    closer = [r for r in pairs if r["ci_high"] < min(r["floor_a"], r["floor_b"])]
    closest = min(pairs, key=lambda r: r["distance"])
    text = alike_verdict(similarity_rows, seed_result.comparison)
    assert f"{closest['outlet_a']} and {closest['outlet_b']}" in text
    assert f"{closest['distance']:.3f} [{closest['ci_low']:.3f}, {closest['ci_high']:.3f}]" in text
    if not closer:
        assert text.startswith("No pair of outlets is closer than their noise floors")
        assert f"{len(pairs)} pairs" in text
    else:
        assert not text.startswith("No pair")
        for r in closer:
            assert f"{r['outlet_a']} and {r['outlet_b']}" in text


def _row(a, b, d, lo, hi, fa, fb):
    return {"outlet_a": a, "outlet_b": b, "distance": d, "ci_low": lo, "ci_high": hi, "floor_a": fa, "floor_b": fb, "closer_than_noise": hi is not None and a != b and hi < min(fa, fb), "unit": "article"}


FLOORS = {"Site 000": 0.62, "Site 002": 0.70, "Site 005": 0.90}


def _rows(pairs):
    rows = [_row(o, o, 0.0, None, None, f, f) for o, f in FLOORS.items()]
    return rows + [_row(a, b, d, lo, hi, FLOORS[a], FLOORS[b]) for a, b, d, lo, hi in pairs]


def test_verdict_names_the_one_pair_closer_than_noise():
    rows = _rows([("Site 000", "Site 002", 0.41, 0.30, 0.55), ("Site 000", "Site 005", 0.80, 0.55, 1.10), ("Site 002", "Site 005", 0.95, 0.70, 1.30)])
    assert [r["outlet_b"] for r in _pairs(rows) if r["closer_than_noise"]] == ["Site 002"]
    text = alike_verdict(rows, SimpleNamespace(unit="article"))
    assert text == "Site 000 and Site 002 are closer than noise (0.410 [0.300, 0.550] against floors 0.620 and 0.700); no other pair of the 3 pairs is."


def test_verdict_says_when_the_smallest_distance_is_not_closer_than_noise():
    # Site 000 and Site 005 have the smallest distance but a wide interval; Site 002 and
    # Site 005 are further apart yet closer than noise.
    rows = _rows([("Site 000", "Site 005", 0.30, 0.05, 0.95), ("Site 002", "Site 005", 0.40, 0.35, 0.50), ("Site 000", "Site 002", 0.90, 0.80, 1.00)])
    text = alike_verdict(rows, SimpleNamespace(unit="outlet"))
    assert text.startswith("Site 002 and Site 005 are closer than noise (0.400 [0.350, 0.500]")
    assert "The pair with the smallest distance, Site 000 and Site 005 (0.300 [0.050, 0.950]" in text and text.endswith("its interval reaches a floor.")


def test_verdict_counts_several_pairs_and_none():
    rows = _rows([("Site 000", "Site 002", 0.41, 0.30, 0.55), ("Site 000", "Site 005", 0.35, 0.20, 0.50), ("Site 002", "Site 005", 0.95, 0.70, 1.30)])
    text = alike_verdict(rows, SimpleNamespace(unit="article"))
    assert text.startswith("2 of the 3 pairs are closer than noise")
    assert text.endswith("The closest is Site 000 and Site 005.")
    far = _rows([("Site 000", "Site 002", 0.81, 0.60, 1.05), ("Site 000", "Site 005", 0.85, 0.60, 1.10), ("Site 002", "Site 005", 0.95, 0.70, 1.30)])
    text = alike_verdict(far, SimpleNamespace(unit="article"))
    assert text.startswith("No pair of outlets is closer than their noise floors") and "Site 000 and Site 002 (0.810 [0.600, 1.050]" in text
    bare = _rows([("Site 000", "Site 002", 0.81, None, None)])
    assert "no pair can be called closer than noise" in alike_verdict(bare, SimpleNamespace(unit="article"))


def test_alike_section_shows_the_verdict_after_the_unit_line(seed_result):
    tables = digest_tables(seed_result)
    report = ReportContext.of(seed_result, tables)
    alike = sections(report)[0]
    verdict = html.escape(alike_verdict(tables["similarity.csv"][1], seed_result.comparison))
    paragraph = f'<p id="alike-verdict">{verdict}</p>'
    assert paragraph in alike
    assert alike.index('<p class="unit">') < alike.index(paragraph) < alike.index('id="fig-similarity"')

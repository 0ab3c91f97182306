"""Comparative models: the scikit-learn contract, honest grouping, distinctive words."""

from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from framing.compare import compare, distinctive_terms
from framing.compare.features import BlockVectorizer, make_feature_union
from framing.types import Article

from ..conftest import SEEDS

ROWS = [{"topic:japan": 1.0, "tone:article": 0.2, "quote_share:x": 0.5}, {"topic:japan": 3.0, "topic:china": 1.0, "tone:article": -0.1}]


def test_block_vectorizer_honours_the_sklearn_contract():
    vec = BlockVectorizer(prefixes=("topic",))
    assert clone(vec).get_params() == {"prefixes": ("topic",), "fill_value": 0.0, "max_per_prefix": 30}
    with pytest.raises(NotFittedError):
        vec.transform(ROWS)
    assert vec.fit(ROWS) is vec
    assert list(vec.get_feature_names_out()) == ["topic:china", "topic:japan"]
    np.testing.assert_array_equal(vec.transform(ROWS), [[0.0, 1.0], [1.0, 3.0]])
    np.testing.assert_array_equal(BlockVectorizer(("topic",)).fit_transform(ROWS), vec.transform(ROWS))
    # Only the most widespread names of a prefix are kept.
    assert list(BlockVectorizer(("topic",), max_per_prefix=1).fit(ROWS).get_feature_names_out()) == ["topic:japan"]


def test_feature_union_blocks_are_weighted_and_named():
    union = make_feature_union({"topics": 2.0})
    assert union.transformer_weights == {"quotes": 1.0, "tone": 1.0, "topics": 2.0}
    Z = union.fit_transform(ROWS)
    names = list(union.get_feature_names_out())
    assert names == ["quotes__quote_share:x", "tone__tone:article", "topics__topic:china", "topics__topic:japan"]
    # Standardised then weighted: a two-row topic column is +-1, times the weight 2.
    np.testing.assert_allclose(np.abs(Z[:, 2]), [2.0, 2.0])
    with pytest.raises(ValueError, match="unknown feature block"):
        make_feature_union({"colour": 1.0})


def test_feature_blocks_give_what_sklearn_feature_union_gave():
    """The comparison's blocks (scikit-learn not imported) give the same bits and names as a
    FeatureUnion of one Pipeline(select, scale) per block, which still takes the transformers."""
    from sklearn.pipeline import FeatureUnion, Pipeline

    from framing.compare.features import BLOCKS, Standardise

    rng = np.random.default_rng(0)
    rows = [{f"{p}:{j}": float(rng.normal()) for p in ("topic", "tone", "quote_share", "about") for j in range(int(rng.integers(0, 4)))} for _ in range(12)]
    weights = {"quotes": 1.0, "tone": 3.0, "topics": 0.5}
    ours = make_feature_union(weights)
    theirs = FeatureUnion([(n, Pipeline([("select", BlockVectorizer(p)), ("scale", Standardise())])) for n, p in BLOCKS.items()], transformer_weights=weights)
    assert ours.fit_transform(rows).tobytes() == theirs.fit_transform(rows).tobytes()
    assert ours.transform(rows[:3]).tobytes() == theirs.transform(rows[:3]).tobytes()
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_map_axes_are_pca_s_bit_for_bit():
    """The map's axes, computed without scikit-learn, are the mean and components PCA finds."""
    from sklearn.decomposition import PCA

    from framing.compare.outlets import _principal_axes

    rng = np.random.default_rng(1)
    for n, f in ((2, 1), (3, 5), (5, 61), (12, 3), (40, 270), (20, 2)):  # (20, 2): left to PCA's covariance solver
        X = rng.normal(size=(n, f))
        k = min(2, n, f)
        pca = PCA(n_components=k, random_state=0).fit(X)
        mean, axes = _principal_axes(X, k, 0)
        assert mean.tobytes() == pca.mean_.tobytes() and axes.tobytes() == pca.components_.tobytes()


def test_an_analysis_of_the_seeds_imports_neither_sklearn_nor_scipy_stats(tmp_path):
    """Importing them is most of a small run's start (issue 29): one article per outlet fits
    no classifier, so neither is needed."""
    code = (
        "import sys; from framing.cli import main; main(['analyze', sys.argv[1], '-o', sys.argv[2]], standalone_mode=False); "
        "heavy = [m for m in ('sklearn', 'scipy.stats') if m in sys.modules]; assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code, str(SEEDS), str(tmp_path / "out")], check=True, capture_output=True)


POSITIVE = [
    "{x} praised the excellent trade deal and said the economy would grow strongly.",
    "Analysts welcomed the strong investment plan, calling it a great success for exports.",
    '"This is a wonderful day for our economy," {x} said.',
    "Trade between the two countries rose sharply, helped by new investment.",
    "{x} said the agreement would bring real benefits to workers and companies.",
    "Markets rallied as exporters celebrated the tariff cuts.",
]
NEGATIVE = [
    "{y} warned that the missile tests were a dangerous threat to regional security.",
    '"We will not tolerate this reckless provocation," {y} said.',
    "Troops were put on alert after the attack, and officials condemned the violence.",
    "{y} said the military crisis could trigger a terrible war.",
    "Critics accused the army of brutal abuses during the conflict.",
    "The defence ministry said the alliance faced its worst crisis in years.",
]


def _article(outlet: str, lines: list[str], rng: random.Random, n: int = 14) -> Article:
    body = [rng.choice(lines).format(x="Minister Alma Novak", y="General Boris Kell") for _ in range(n)]
    return Article(id=f"{outlet.lower().replace(' ', '_')}", outlet=outlet, title=f"{outlet} report", text=f"{outlet} report\n" + "\n".join(body) + "\n")


@pytest.fixture(scope="module")
def analyzer():
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    from ..conftest import LEXICONS

    return Analyzer(load_lexicons([LEXICONS / "topics"]))


def _compare(analyzer, articles, seed=0, n_boot=60):
    analyses = [analyzer.analyze_article(a) for a in articles]
    return compare(analyses, seed=seed, n_boot=n_boot, stopwords=analyzer.lexicons.language.stopwords)


def _stability(comparison, pair):
    for g in comparison.clusters["groupings"]:
        if sorted(g["outlets"]) == sorted(pair):
            return g["stability"]
    return 0.0


def test_alike_outlets_group_together_and_stably(analyzer):
    rng = random.Random(1)
    articles = [_article("Daily A", POSITIVE, rng), _article("Daily B", POSITIVE, rng), _article("Daily C", NEGATIVE, rng), _article("Daily D", NEGATIVE, rng)]
    result = _compare(analyzer, articles)
    assert result.unit == "article"
    assert _stability(result, ["Daily A", "Daily B"]) >= 0.8
    assert _stability(result, ["Daily C", "Daily D"]) >= 0.8
    distances = {(r["outlet_a"], r["outlet_b"]): r for r in result.similarity}
    assert distances[("Daily A", "Daily B")]["distance"] < distances[("Daily A", "Daily C")]["distance"]
    # With the difference removed, no pairing is stable.
    rng = random.Random(2)
    same = [_article(name, POSITIVE + NEGATIVE, rng) for name in ("Daily A", "Daily B", "Daily C", "Daily D")]
    flat = _compare(analyzer, same)
    assert max(g["stability"] for g in flat.clusters["groupings"] if len(g["outlets"]) == 2) < 0.8


def test_one_article_per_outlet_runs_no_outlet_level_test(analyzer):
    rng = random.Random(3)
    result = _compare(analyzer, [_article(n, POSITIVE + NEGATIVE, rng) for n in ("A", "B", "C")])
    assert result.unit == "article" and result.outlet_test is None and result.classifier is None
    assert all(r["unit"] == "article" for r in result.similarity)
    assert "not the outlets" in result.unit_note


def test_several_articles_per_outlet_get_a_test_and_a_classifier(analyzer):
    rng = random.Random(4)
    articles = []
    for outlet, lines in (("Pos", POSITIVE), ("Neg", NEGATIVE)):
        for k in range(5):
            a = _article(outlet, lines, rng, n=8)
            articles.append(Article(id=f"{a.id}_{k}", outlet=a.outlet, title=a.title, text=a.text))
    result = _compare(analyzer, articles)
    assert result.unit == "outlet"
    assert result.outlet_test["p_value"] < 0.05
    assert result.classifier["accuracy"] > result.classifier["chance"]


def test_same_seed_same_numbers_other_seed_moves_only_intervals(analyzer):
    rng = random.Random(5)
    articles = [_article(n, POSITIVE + NEGATIVE, rng) for n in ("A", "B", "C")]
    one, two, other = _compare(analyzer, articles, seed=1), _compare(analyzer, articles, seed=1), _compare(analyzer, articles, seed=2)
    assert one.similarity == two.similarity and one.clusters == two.clusters
    pairs = lambda c: [(r["outlet_a"], r["outlet_b"], r["distance"]) for r in c.similarity]  # noqa: E731
    assert pairs(one) == pairs(other)
    assert [r["ci_high"] for r in one.similarity] != [r["ci_high"] for r in other.similarity]


def test_planted_words_rank_first_and_random_words_stay_below_null(analyzer):
    """The null threshold is the 95th percentile of the top random |z|, so over many random
    corpora about 5% of outlets may show one chance word above it, never much more."""
    false_alarms = 0
    runs = 12
    for run in range(runs):
        rng = random.Random(run)
        vocabulary = sorted({"".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(3)) for _ in range(300)})

        def text(planted: bool) -> str:
            lines = []
            for _ in range(40):
                words = rng.sample(vocabulary, 8)
                if planted and rng.random() < 0.6:
                    words[0] = "zeppelin"
                lines.append(" ".join(words).capitalize() + ".")
            return "Title\n" + "\n".join(lines) + "\n"

        articles = [Article(id=o, outlet=o, title="Title", text=text(o == "A")) for o in ("A", "B", "C")]
        rows = distinctive_terms([analyzer.analyze_article(a) for a in articles], seed=run, n_perm=100)
        top_a = [r for r in rows if r["outlet"] == "A"][0]
        assert top_a["term"] == "zeppelin" and top_a["above_null"]
        for outlet in ("A", "B", "C"):
            false_alarms += any(r["above_null"] for r in rows if r["outlet"] == outlet and r["term"] != "zeppelin")
    assert false_alarms <= 0.15 * runs * 3


def test_distinctive_terms_null_is_the_same_in_blocks_of_shuffles(monkeypatch, seed_result):
    """The permutation null counts words for a block of shuffles per sparse product; the
    thresholds equal those of one shuffle per product (the blocks only regroup the sums of
    whole-number counts), with articles and with sentences as the unit."""
    import framing.compare.terms as compare_module

    for unit in ("article", "outlet"):
        together = distinctive_terms(seed_result.digests, seed=3, n_perm=60, unit=unit)
        monkeypatch.setattr(compare_module, "PERMUTATION_BLOCK_CELLS", 1)
        one_by_one = distinctive_terms(seed_result.digests, seed=3, n_perm=60, unit=unit)
        monkeypatch.undo()
        assert together == one_by_one and together
    # with sentences as the unit, each outlet gets a null of its own
    assert len({r["null_threshold"] for r in distinctive_terms(seed_result.digests, seed=3, n_perm=60, unit="article")}) > 1


def test_resamples_scored_in_batches_give_the_same_comparison(monkeypatch, seed_result):
    """With one article per outlet (the seeds), bootstrap resamples and split halves are
    scored by the fitted feature union a batch at a time; the comparison equals the one
    scored one resample per call (a batch of a single row forces that)."""
    import framing.compare as compare_module

    batched = compare(seed_result.digests, seed=2, n_boot=40)
    assert batched.unit == "article"
    monkeypatch.setattr(compare_module, "TRANSFORM_BATCH_ROWS", 1)
    one_by_one = compare(seed_result.digests, seed=2, n_boot=40)
    assert batched.similarity == one_by_one.similarity
    assert batched.clusters == one_by_one.clusters and batched.projection == one_by_one.projection
    assert batched.distinctive_features == one_by_one.distinctive_features
    assert any(r["ci_low"] is not None and r["floor_a"] for r in batched.similarity)


def test_features_csv_fast_path_writes_the_same_bytes(tmp_path, seed_result):
    """features.csv is written an article at a time from the matrices; the bytes equal the
    generic writer's over the row dicts, for the seeds and for awkward names and numbers
    (commas, quotes, a formula start, NaN, infinity, -0.0, long decimals)."""
    from dataclasses import replace

    from framing.export import CsvWriter, write_csv
    from framing.tables import COMPARISON_TABLES, FeatureRows

    FEATURE_COLUMNS = COMPARISON_TABLES[0].column_names

    def generic(rows, path):
        writer = CsvWriter(path, FEATURE_COLUMNS)
        writer.write(iter(rows))
        writer.close()
        return path.read_bytes()

    seeds = seed_result.comparison.feature_table
    awkward = replace(
        seeds,
        row_ids=('a,1', '=cmd"x"'),
        outlets=("Daily \"News\"", "-Herald"),
        feature_names=("tone__mean", "topic,x__per_1k", "@q__n"),
        raw=np.array([[0.123456789, float("nan"), -0.0], [1e12 / 3, float("inf"), 2.5]]),
        values=np.array([[-1.00005, 0.0, 3.0], [float("-inf"), 1e-9, -2.25]]),
        unit="outlet",
    )
    for table in (seeds, awkward):
        rows = FeatureRows(table)
        write_csv(tmp_path / "fast.csv", FEATURE_COLUMNS, rows)
        assert (tmp_path / "fast.csv").read_bytes() == generic(rows, tmp_path / "slow.csv")
    assert b"'=cmd" in (tmp_path / "fast.csv").read_bytes()  # formula start neutralised


def test_float_cells_are_formatted_as_before_memo_or_not(monkeypatch):
    """``_cell`` keeps each distinct float's text; a value read from the memo, a value never
    kept (zero, whose sign prints, and NaN) and a value past the memo's limit all print as
    ``repr(round(x, 6))``."""
    from framing import export

    monkeypatch.setattr(export, "_FLOAT_CELLS", export._FloatCells())
    monkeypatch.setattr(export._FloatCells, "LIMIT", 3)
    values = [0.1234567, -0.0, 0.0, float("nan"), float("inf"), -2.5, 1e-7, 1e12 / 3, 0.7071, 0.1234567, -0.0, -2.5]
    for _ in range(2):
        assert [export._cell(v) for v in values] == [repr(round(v, 6)) for v in values]
    assert export._cell(-0.0) == "-0.0" and export._cell(0.0) == "0.0"
    assert len(export._FLOAT_CELLS) == 3  # stopped growing at the limit
    assert all(k == k and k != 0 for k in export._FLOAT_CELLS)  # no NaN, no zero kept

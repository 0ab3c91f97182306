"""The result of a run as tidy tables: one observation per row, snake_case columns.

Every table is declared once, by the measure family that owns it
(``framing.measures.FAMILIES``: its file name, row unit, columns and rows) or, for the
comparison's tables, in ``COMPARISON_TABLES`` here; the CSV header, the Parquet schema and
the codebook read those declarations. Two kinds of table: rows below the article
(``row_tables``: sentences, quotes, mentions, tones, topic hits) are made from one
article's analysis at a time, so a streamed run writes them as the articles arrive; rows
per article or coarser (``digest_tables``) are made from the digests and the comparison at
the end. ``all_tables`` lists both under the file names ``framing analyze`` writes to
``data/``.
"""

from __future__ import annotations

import math

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from .export import csv_cells, number_cell
from .lexicons import LexiconSet
from .measures import FAMILIES
from .measures.base import ARTICLE, OUTLET, UNIT, Column, RowContext, Table, TableSpec
from .measures.tone import actor_names
from .pipeline import AnalysisResult
from .types import ArticleAnalysis

if TYPE_CHECKING:  # the comparison (and scikit-learn) is imported where it runs
    from .compare import FeatureTable


class FeatureRows:
    """The rows of features.csv: one per article and feature (1.5 million at 10,000
    articles), made on demand from the comparison's matrices.

    Iterating gives the row dicts, as for any table. ``csv_chunks`` gives the same CSV
    text an article at a time, the names quoted once and each number through the same
    rounding and cell rules, about 3.5 times faster than a dict and a cell call per value
    (tests/compare/test_compare.py checks the bytes)."""

    def __init__(self, table: FeatureTable):
        self.table = table

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.table.rows()

    def csv_chunks(self, *, guard: bool = True) -> Iterator[str]:
        t = self.table
        names = [csv_cells(name.split("__", 1), guard=guard) for name in t.feature_names]
        unit = csv_cells([t.unit], guard=guard)
        cells = _NumberCells()
        known, new = cells.get, cells.new
        for article, outlet, raw, z in zip(t.row_ids, t.outlets, t.raw, t.values):
            prefix = csv_cells([article, outlet], guard=guard)
            yield "".join(
                f"{prefix},{name},{known(value) or new(value)},{known(standardised) or new(standardised)},{unit}\n"
                for name, value, standardised in zip(names, raw.tolist(), z.tolist())
            )


class _NumberCells(dict):
    """``number_cell(_r(x))``, each distinct value formatted once: a feature matrix repeats
    few values (most cells are a block's fill value or its standardised image; 38,700
    distinct raw values among 1.26 million cells at 10,000 articles). Zero is never a key,
    since -0.0 == 0.0 but the two print differently."""

    def __init__(self) -> None:
        super().__init__()
        self.zeros = (self._format(0.0), self._format(-0.0))

    def new(self, value: float) -> str:
        if value == 0.0:
            return self.zeros[math.copysign(1.0, value) < 0]
        text = self._format(value)
        if value == value:  # not NaN, which is never equal to itself and so never found
            self[value] = text
        return text

    @staticmethod
    def _format(value: float) -> str:
        from .compare import _r  # the rounding ``rows`` applies

        return number_cell(_r(value))



def _features_rows(result):
    return FeatureRows(result.comparison.feature_table)


def _comparison_rows(result, attribute: str):
    """The comparison's rows of one table (``Comparison.similarity``, ...)."""
    return getattr(result.comparison, attribute)


COMPARISON_TABLES = (
    TableSpec("features.csv", "article x comparison feature (long format)", (
        ARTICLE,
        OUTLET,
        Column('block', 'text', "the feature's block: quotes, tone or topics (each block is standardised and weighted with --weight)"),
        Column('feature', 'text', "'prefix:key' name of the feature: quote_share:<speaker id>, speaker_type:<type>, channel:<type or none>, kind:<quote kind>, stance:<stance of the reporting verb in the attribution lexicon; 'other' for an unlisted cue, 'none' without a cue> (shares of the article's quotes: kind over all quotes, the others over direct, partial and reported quotes); tone:article, tone:headline, about:<actor id>, voice:<actor id> (mean tones); topic:<topic id> (hits per 1,000 body tokens)"),
        Column('value', 'number', "the feature's raw value for the article (a share in [0, 1], a tone in [-1, 1] or a rate per 1,000 tokens); 0 when the article lacks it, 4 decimals"),
        Column('standardised', 'number', "value centred on the mean over articles, divided by its standard deviation (0 for a constant feature) and multiplied by the block's weight; the input of every distance"),
        UNIT,
    ), _features_rows),
    TableSpec("similarity.csv", "pair of outlets (each unordered pair once, and each outlet with itself)", (
        Column('outlet_a', 'text', 'the first outlet of the pair (outlet_a <= outlet_b alphabetically)'),
        Column('outlet_b', 'text', 'the second outlet of the pair (equal to outlet_a on the diagonal)'),
        Column('distance', "number", "root-mean-square difference between the two outlets' mean standardised, weighted feature vectors (0 = framed alike); 0 on the diagonal", ">= 0"),
        Column('ci_low', 'number', "lower end of the 95% bootstrap interval of distance: distance - (median - 2.5th percentile) of the bootstrap distances, at least 0. The percentile spread of the resampled distances, shifted by their median onto distance, since resampling both outlets biases the resampled distances upward (the bootstrap bias correction of Efron & Tibshirani 1993, ch. 10); always <= distance; empty on the diagonal or with --bootstrap 0", ">= 0"),
        Column('ci_high', 'number', 'upper end of the same 95% interval: distance + (97.5th percentile - median) of the bootstrap distances; always >= distance; empty on the diagonal or with --bootstrap 0', ">= 0"),
        Column('floor_a', "number", 'noise floor of outlet_a: the mean distance between two random halves of its sentences (unit article) or articles (unit outlet), divided by sqrt(2)', ">= 0"),
        Column('floor_b', "number", 'noise floor of outlet_b, computed the same way', ">= 0"),
        Column('closer_than_noise', 'true/false', 'true when the whole interval lies below both noise floors (ci_high < floor_a and ci_high < floor_b, as rounded here), so the two outlets differ less than each differs from itself; false on the diagonal and without resamples'),
        UNIT,
        Column('n_boot', 'integer', 'number of bootstrap resamples (--bootstrap)'),
        Column('seed', 'integer', 'the random seed of the run (--seed)'),
    ), partial(_comparison_rows, attribute="similarity")),
    TableSpec("projection.csv", "outlet x draw on the 2-D map (the point estimate and up to 100 bootstrap resamples)", (
        OUTLET,
        Column('kind', 'text', "point (the outlet's position from all the data) or resample (its position in one bootstrap resample, to show the spread)"),
        Column('draw', 'integer', 'the bootstrap resample number, 0-based; -1 for the point'),
        Column('x', 'number', "first principal component of the outlets' mean standardised feature vectors (PCA fitted on the points; resamples projected onto the same axes)"),
        Column('y', 'number', 'second principal component; 0 when there are too few outlets or features for a second one'),
    ), partial(_comparison_rows, attribute="projection")),
    TableSpec("distinctive_features.csv", "outlet x one of its 8 most distinctive features", (
        OUTLET,
        Column('feature', 'text', 'the feature name without its block (as in features.csv feature)'),
        Column('block', 'text', 'quotes, tone or topics'),
        Column('delta', 'number', "the outlet's standardised, weighted value minus the mean of the other outlets' (positive: more of it than the others)"),
        Column('ci_low', 'number', 'lower end of the 95% percentile bootstrap interval of delta; empty with --bootstrap 0'),
        Column('ci_high', 'number', 'upper end of the 95% percentile bootstrap interval of delta; empty with --bootstrap 0'),
        Column('excludes_zero', 'true/false', 'true when the interval lies wholly above or below 0'),
        Column('rank', 'integer', '1 for the feature with the largest absolute delta for this outlet, up to 8'),
        UNIT,
    ), partial(_comparison_rows, attribute="distinctive_features")),
    TableSpec("distinctive_terms.csv", "outlet x one of the 25 words it over-uses most against the other outlets", (
        OUTLET,
        Column('term', 'text', "a lower-cased word of the body sentences (stop words, one-letter words, the words of outlet names and sites and the language lexicon's house-style honorifics left out: see left_out_names and left_out_style)"),
        Column('count', 'integer', "times the word occurs in the outlet's body sentences", ">= 0"),
        Column('count_rest', 'integer', "times it occurs in the other outlets' body sentences", ">= 0"),
        Column('total', 'integer', "counted words of the outlet's body sentences (after the words left out): the denominator of rate_per_1k; the same for all rows of an outlet", ">= 0"),
        Column('total_rest', 'integer', "counted words of the other outlets' body sentences: the denominator of rate_rest_per_1k; the same for all rows of an outlet", ">= 0"),
        Column('n_units', 'integer', "units of the outlet that the permutation null shuffles (body sentences, or whole articles; see the unit column)", ">= 0"),
        Column('n_units_rest', 'integer', 'units of the other outlets', ">= 0"),
        Column('rate_per_1k', 'number', 'count per 1,000 counted words of the outlet (1000 * count / total)'),
        Column('rate_rest_per_1k', 'number', 'count_rest per 1,000 counted words of the other outlets (1000 * count_rest / total_rest)'),
        Column('delta', 'number', 'log-odds ratio of the word in the outlet against the rest, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)'),
        Column('z', 'number', 'delta divided by its estimated standard deviation; the ranking score'),
        Column('rank', 'integer', '1 for the word with the highest z for this outlet, up to 25'),
        Column('null_threshold', 'number', '95th percentile of the largest z of any word when the units (body sentences with one article per outlet, whole articles with several; see the unit column) are shuffled between the outlet and the rest (sizes kept); the same for all rows of an outlet'),
        Column('above_null', 'true/false', 'true when z is above null_threshold, that is above what chance gives the top word'),
        Column('prior', 'number', 'the prior pseudo-count of the word (its count in the whole corpus)'),
        UNIT,
        Column('left_out_names', 'text', "the words left out of the statistic, for every outlet, as outlet names: the words of any outlet's name in the corpus (\"Fox News\": fox, news, foxnews) or of the site name of any article's URL (www.foxnews.com: foxnews), and their possessives; only those the body sentences hold, space separated, most frequent first; the same for all rows"),
        Column('left_out_style', 'text', "the words left out of the statistic, for every outlet, as house style: the honorifics of the language lexicon's [style] table (mr, ms, ...) that the body sentences hold, space separated, most frequent first; the same for all rows"),
    ), partial(_comparison_rows, attribute="distinctive_terms")),
    TableSpec("shared_quotes.csv", "quote in a group of same or near-same quotes (level quote), or outlet x speaker (level speaker)", (
        Column('level', 'text', 'quote (one row per quote, grouped with same or near-same quotes in other outlets) or speaker (one row per outlet x speaker)'),
        Column('group', 'integer', 'number of the group of near-identical quotes (at least 60% shared words, across outlets); empty on speaker rows'),
        OUTLET,
        Column('article', 'text', 'the article id of the quote; empty on speaker rows'),
        Column('speaker_id', 'text', "id of the quote's speaker (lexicon actor id or 'person_<name>')"),
        Column('speaker', 'text', "the speaker's name"),
        Column('text', 'text', 'the quoted words; empty on speaker rows'),
        Column('n_outlets', 'integer', 'number of outlets that carry the quote group (quote rows) or quote the speaker (speaker rows)'),
        Column('status', 'text', 'shared (carried by several outlets), unique (by this outlet only) or omitted (speaker rows only: the outlet does not quote a speaker that more than half of the other outlets quote)'),
    ), partial(_comparison_rows, attribute="shared_quotes")),
)


def table_specs() -> tuple[TableSpec, ...]:
    """Every table a run can write, in the order they are listed: each family's, then the
    comparison's."""
    return (*(t for f in FAMILIES for t in f.tables), *COMPARISON_TABLES)


def row_tables(lexicons: LexiconSet) -> dict[str, tuple[tuple[str, ...], Callable[[ArticleAnalysis], list[dict[str, Any]]]]]:
    """The tables with rows below the article: name -> (columns, the rows of one analysis).
    A streamed run writes them as each article arrives."""
    # Module-level functions bound with partial, so the tables pickle to a worker.
    context = RowContext(actor_names(lexicons))
    return {t.name: (t.column_names, partial(t.rows, context=context)) for t in table_specs() if t.per_article}


def digest_tables(result: AnalysisResult) -> dict[str, Table]:
    """The tables with a row per article or coarser, made from the digests (and the
    comparison): what the report reads."""
    return {
        t.name: (t.column_names, t.rows(result))
        for t in table_specs()
        if not t.per_article and (result.comparison is not None or t not in COMPARISON_TABLES)
    }


def all_tables(result: AnalysisResult) -> dict[str, Table]:
    """Every table of a run that kept every analysis (``result.complete``)."""
    if not result.complete:
        raise ValueError("all_tables needs every article's analysis; this run kept only the first ones (keep=...)")

    def rows(rows_of: Callable[[ArticleAnalysis], list[dict[str, Any]]]) -> Iterable[dict[str, Any]]:
        return (row for a in result.analyses for row in rows_of(a))

    tables: dict[str, Table] = dict(digest_tables(result))
    for name, (columns, rows_of) in row_tables(result.lexicons).items():
        tables[name] = (columns, rows(rows_of))
    return {t.name: tables[t.name] for t in table_specs() if t.name in tables}


def summary(result: AnalysisResult) -> dict[str, Any]:
    """The run at a glance, for analysis.json and the report's overview."""
    quotes = [q for d in result.digests for q in d.parts["quotes"]]
    return {
        "corpus": result.corpus.name,
        "event": result.corpus.event,
        "seed": result.settings.seed,
        "articles": len(result.digests),
        "outlets": list(result.corpus.outlets),
        "body_words": sum(d.body_words for d in result.digests),
        "quotes": sum(1 for q in quotes if q.kind != "headline"),
        "quote_kinds": dict(sorted(Counter(q.kind for q in quotes).items())),
        "lexicons": [
            {"kind": i.kind, "id": i.id, "label": i.label, "version": i.version} for i in result.lexicons.infos
        ],
        "warnings": list(result.corpus.warnings),
        "n_boot": result.settings.n_boot,
        "unit": result.comparison.unit if result.comparison else None,
        "unit_note": result.comparison.unit_note if result.comparison else None,
    }

"""What every measure family declares, and the pieces they share.

A measure family (quotes, tone, topics, articles, headline) is one module of
``framing.measures`` exposing one ``Family`` record. The generic layers (the digest, the
sentence units the comparison resamples, the feature union, the tables, the codebook and
the report) loop over ``framing.measures.FAMILIES`` and call what each family declares;
nothing outside the family module knows its fields. This is spaCy's plain list of pipes,
not a plugin system: a new measure is one module and one entry in the tuple.

A column is declared once (``Column``: name, kind, meaning) in its table's ``TableSpec``;
the CSV header, the Parquet type and the codebook all read that declaration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..types import ArticleAnalysis, Sentence
from .intervals import Estimate, estimate

# A run's result (``framing.pipeline.AnalysisResult``), a digest (``.digest.ArticleDigest``)
# and a sentence unit (``.units.SentenceUnit``) are typed ``Any`` here: those modules read
# the families, so naming their types here would make an import cycle.

#: The kinds of value a column holds.
COLUMN_KINDS = ("text", "integer", "number", "true/false")

#: (columns, rows). Rows are a list for the small tables the report also reads, and a
#: generator for the large per-sentence ones, so they stream to disk.
Table = tuple[tuple[str, ...], Iterable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its name, the kind of value it holds and what it means."""

    name: str
    kind: str
    meaning: str
    values: str = ""  # the range of a number ("in [-1, 1]", ">= 0"), when it has one

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"column {self.name}: kind {self.kind!r} is not one of {', '.join(COLUMN_KINDS)}")

    def renamed(self, name: str) -> Column:
        return Column(name, self.kind, self.meaning, self.values)

    @property
    def description(self) -> str:
        """The codebook's sentence: kind (and range), then meaning."""
        return f"{self.kind} {self.values}: {self.meaning}" if self.values else f"{self.kind}: {self.meaning}"


# Columns many tables share, declared once.
ARTICLE = Column("article", "text", "the article id (from the manifest, else the file name without its extension, or the id field of a JSONL/CSV corpus)")
OUTLET = Column("outlet", "text", "the outlet that published the article (from the manifest or corpus file; else the file name)")
SENTENCE = Column("sentence", "integer", "index of the sentence in its article (0-based, as in sentences.csv index)")
START = Column("start", "integer", "character offset where the span starts in the article text")
END = Column("end", "integer", "character offset where the span ends (exclusive) in the article text")
UNIT = Column("unit", "text", "unit of analysis of the comparison, 'article' or 'outlet' (see the conventions)")


def estimate_columns(what: str = "tone") -> tuple[Column, ...]:
    """value, ci_low, ci_high of a mean with a bootstrap interval (``estimate``)."""
    return (
        Column("value", "number", f"mean {what} of the n observations; empty when n is below the minimum of 3", "in [-1, 1]"),
        Column("ci_low", "number", "lower end of the 95% percentile bootstrap interval of value; empty when value is empty"),
        Column("ci_high", "number", "upper end of the 95% percentile bootstrap interval of value; empty when value is empty"),
    )


NOTE = Column("note", "text", "'not enough text' when n is below the minimum of 3 (value withheld), else empty")


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table a family writes: its file name, what one row is, its columns, and how its rows
    are made: ``per_article`` tables from one analysis at a time (``rows(analysis,
    context)``, streamed as articles arrive), the others from the whole run
    (``rows(result)``, from the digests)."""

    name: str
    row_unit: str
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable[dict[str, Any]]]
    per_article: bool = False
    # how far the table's measure can be trusted (its agreement with human labels, on which
    # data); a callable, so that the figures are read when the codebook is written
    validity: Callable[[], str] | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True, slots=True)
class RowContext:
    """What per-article rows need beyond the analysis: the lexicon actors' names."""

    actor_names: Mapping[str, str]


@dataclass(frozen=True)
class Family:
    """One measure family. Every hook is optional.

    - ``digest(analysis, context)``: what the family keeps of one article once its rows are
      written (small, text-free), stored under ``name`` in ``ArticleDigest.parts``;
    - ``sentence_part(analysis, context)``: what each body sentence contributes, in the
      order of ``context.body``, stored in the ``SentenceUnit`` the comparison resamples;
    - ``article_features(analysis)``: features of the whole article that resampling
      sentences does not change (the headline's tone);
    - ``features(units, slot)``: the family's named features (``prefix:key``) of a multiset
      of sentence units, reading ``unit.parts[slot]``;
    - ``block``: the feature-name prefixes of the family's block in the comparison;
    - ``tables``: the tables it writes, with their column declarations;
    - ``section(report)``: its section of the HTML report (``report`` is a
      ``framing.report.page.ReportContext``), or None to have none;
    - ``nav``: (anchor, label) of each section it adds, in page order;
    - ``findings(report)``: what the family found, as ``Finding`` sentences for the page's
      first screen (each with its n, interval and caveat, and where to check it).
    """

    name: str
    digest: Callable[[ArticleAnalysis, DigestContext], Any] | None = None
    sentence_part: Callable[[ArticleAnalysis, DigestContext], Sequence[Any]] | None = None
    article_features: Callable[[ArticleAnalysis], Mapping[str, float]] | None = None
    features: Callable[[Sequence[Any], int], Mapping[str, float]] | None = None
    block: tuple[str, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    section: Callable[[Any], str | None] | None = None
    nav: tuple[tuple[str, str], ...] = field(default=())
    findings: Callable[[Any], Sequence[Finding]] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One sentence of the report's first screen: a computed result in plain words.

    ``text`` states it with its n and interval; ``caveat`` says how far to trust it; ``chart``
    is the id of the figure it comes from; ``reader`` is what the reader shows to check it
    (the filter a click on the chart would give: outlet, article, speaker, topic, actor)."""

    measure: str  # the heading it goes under ("Who gets the microphone")
    text: str
    caveat: str = ""
    chart: str = ""
    reader: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DigestContext:
    """What a family's digest and sentence part read besides the article, made once per
    article for all families: the run's topic ids and stopwords, the body sentences, their
    token counts, each sentence's VADER compound, whether each quote counts as its speaker's
    (``measures.quotes.counts_as_speaker``, in the order of ``analysis.quotes``), and the
    run's compiled topic matcher (``framing.topics.TopicMatcher``; None outside a run), for
    a family that matches topic terms outside the body."""

    topic_ids: tuple[str, ...]
    stopwords: frozenset[str]
    body: tuple[Sentence, ...]
    body_tokens: Mapping[int, int]
    tones: Mapping[int, float]
    counted: tuple[bool, ...]
    topic_matcher: Any = None


def run_estimate(result: Any, values: Sequence[float], **kwargs: Any) -> Estimate:
    """``estimate`` with the run's settings (bootstrap resamples and seed): the one place a
    table's interval reads them."""
    return estimate(values, n_boot=result.settings.n_boot, seed=result.settings.seed, **kwargs)


def by_outlet(digests: Iterable[Any]) -> dict[str, list[Any]]:
    """The digests grouped by outlet, outlets in sorted order."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for d in digests:
        groups[d.outlet].append(d)
    return dict(sorted(groups.items()))


def grouped(pairs: Iterable[tuple[str, float]]) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """(key, value) pairs as (key, values) in first-seen order of the keys."""
    groups: dict[str, list[float]] = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return tuple((key, tuple(values)) for key, values in groups.items())


def span_text(a: ArticleAnalysis, span) -> str:
    return a.article.text[span.start : span.end]

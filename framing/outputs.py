"""Write a run's report and data folder, all at once or not at all.

``analyze_to_folder`` and ``export_to_folder`` are what the CLI runs: a streamed run whose
row tables (sentences, quotes, mentions, tones, topic hits) are written as each article
arrives, inside the output's temporary folder, so memory does not grow with the corpus's
text. ``write_outputs`` and ``write_tables`` write the same files from a finished
``AnalysisResult`` that kept every analysis (the Python API). Both paths give the same
bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .codebook import column_kind, write_codebook
from .text import Corpus
from .errors import FramingError
from .export import csv_text, json_text, write_csv, write_text
from .lexicons import LexiconSet
from .output_folder import output_folder
from .pipeline import AnalysisResult, analyze
from .report.page import READER_LIMIT, render_report
from .settings import Settings
from .tables import Table, digest_tables, row_tables, summary, table_specs
from .types import ArticleAnalysis

FORMATS = ("csv", "jsonl", "parquet")


class RowRenderer:
    """The rows of one article's analysis, ready to append to each row table: CSV or JSON
    lines text, or the row dicts for Parquet (which builds whole columns). A pure function
    that pickles, so a parallel run calls it in the worker and sends back text, which is
    cheaper than sending the analysis."""

    def __init__(self, lexicons: LexiconSet, fmt: str = "csv", *, guard: bool = True, only: tuple[str, ...] = ()):
        if fmt not in FORMATS:
            raise FramingError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
        self.fmt = fmt
        self.guard = guard  # the CSV formula guard (export.py)
        self.tables = {name: t for name, t in row_tables(lexicons).items() if not only or name in only}

    def __call__(self, analysis: ArticleAnalysis) -> dict[str, str | list[dict[str, Any]]]:
        rendered: dict[str, str | list[dict[str, Any]]] = {}
        for name, (columns, rows_of) in self.tables.items():
            rows = rows_of(analysis)
            if self.fmt == "csv":
                rendered[name] = csv_text(columns, rows, header=False, guard=self.guard)
            elif self.fmt == "jsonl":
                rendered[name] = _jsonl(columns, rows)
            else:
                rendered[name] = rows
        return rendered


class RowWriters:
    """The row tables of a run, appended to as each article's rows arrive (``append``, with
    what ``render`` made of its analysis; ``write`` does both).

    CSV and JSON lines go to disk at once; Parquet a row group at a time
    (``ParquetTable``), so no format holds a corpus's rows in memory."""

    def __init__(self, folder: Path, lexicons: LexiconSet, fmt: str = "csv", *, guard: bool = True, only: tuple[str, ...] = ()):
        self.render = RowRenderer(lexicons, fmt, guard=guard, only=only)
        self.columns = {name: columns for name, (columns, _) in self.render.tables.items()}
        self._files: dict[str, Any] = {}
        folder.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            self._files = {name: ParquetTable(folder / f"{_stem(name)}.parquet", name, columns) for name, columns in self.columns.items()}
        else:
            for name, columns in self.columns.items():
                path = folder / (name if fmt == "csv" else f"{_stem(name)}.jsonl")
                self._files[name] = handle = path.open("w", encoding="utf-8", newline="" if fmt == "csv" else "\n")
                if fmt == "csv":
                    handle.write(csv_text(columns, ()))

    def append(self, rendered: dict[str, Any]) -> None:
        for name, chunk in rendered.items():
            self._files[name].write(chunk)

    def write(self, analysis: ArticleAnalysis) -> None:
        self.append(self.render(analysis))

    def close(self, *, finish: bool = True) -> None:
        """Close the files (after a failed run, ``finish=False``, without writing the rows
        still held for a Parquet row group: the output folder is thrown away)."""
        for handle in self._files.values():
            if isinstance(handle, ParquetTable):
                handle.close(finish=finish)
            else:
                handle.close()

    def __enter__(self) -> RowWriters:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        self.close(finish=exc_type is None)


def _protected(lexicons: LexiconSet, protected: Iterable[Path]) -> tuple[Path, ...]:
    """What an output folder must never hold: the corpus (``protected``) and the lexicons."""
    return (*protected, *(Path(info.source) for info in lexicons.infos if info.source))


def analyze_to_folder(
    corpus: Corpus,
    lexicons: LexiconSet,
    outdir: Path,
    settings: Settings = Settings(),
    *,
    command: str = "",
    force: bool = False,
    guard: bool = True,
    protected: Iterable[Path] = (),
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
    corrections: Any = None,
    validation: tuple[Any, ...] = (),
) -> AnalysisResult:
    """Run ``pipeline.analyze`` over ``corpus`` as a stream and write OUTDIR/report.html and
    OUTDIR/data/. ``progress`` wraps the stream of articles (a progress bar); ``force`` replaces a folder that is not this command's output
    (``output_folder``), ``protected`` names paths it must never hold (the corpus);
    ``guard=False`` turns the CSV formula guard off; ``corrections`` and ``validation`` are
    hand corrections of the quotes and their scores (``pipeline.analyze``)."""
    with output_folder(outdir, "analyze", force=force, protected=_protected(lexicons, protected)) as tmp:
        with RowWriters(tmp / "data", lexicons, guard=guard) as rows:
            result = analyze(corpus, lexicons, settings, on_article=rows.append, render=rows.render, keep=READER_LIMIT, progress=progress, corrections=corrections, validation=validation)
        _write_report_and_data(result, tmp, command, guard)
    return result


def export_quotes_to_folder(
    corpus: Corpus,
    lexicons: LexiconSet,
    outdir: Path,
    fmt: str = "csv",
    *,
    force: bool = False,
    guard: bool = True,
    protected: Iterable[Path] = (),
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> list[tuple[str, str]]:
    """Only quotes.csv (and the codebook), through only the stages quotes need
    (``Analyzer.analyze_article(only_quotes=True)``) and no comparison: the same rows as a
    whole export's quotes.csv, sooner. Returns the (article id, why) of articles skipped."""
    from .pipeline import Analyzer, analyze_or_skip, fewer_collections

    _check_parquet(fmt)
    analyzer = Analyzer(lexicons, outlets=(a.outlet for a in corpus.articles))
    skipped: list[tuple[str, str]] = []
    with output_folder(outdir, "export", force=force, protected=_protected(lexicons, protected)) as tmp, fewer_collections():
        with RowWriters(tmp, lexicons, fmt, guard=guard, only=("quotes.csv",)) as rows:
            for article in progress(corpus.articles) if progress else corpus.articles:
                analysis = analyze_or_skip(analyzer, article, only_quotes=True)
                if isinstance(analysis, str):
                    skipped.append((article.id, analysis))
                else:
                    rows.write(analysis)
        if len(skipped) == len(corpus.articles):
            raise FramingError(f"{corpus.name}: no article could be analysed ({skipped[0][0]}: {skipped[0][1]})" if skipped else f"{corpus.name}: the corpus has no articles")
        write_codebook(tmp)
    return skipped


def export_to_folder(
    corpus: Corpus,
    lexicons: LexiconSet,
    outdir: Path,
    fmt: str = "csv",
    settings: Settings = Settings(),
    *,
    force: bool = False,
    guard: bool = True,
    protected: Iterable[Path] = (),
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> AnalysisResult:
    """Only the data tables (and the codebook) of a streamed run, as CSV, JSON lines or
    Parquet; ``progress`` wraps the stream of articles."""
    _check_parquet(fmt)
    with output_folder(outdir, "export", force=force, protected=_protected(lexicons, protected)) as tmp:
        with RowWriters(tmp, lexicons, fmt, guard=guard) as rows:
            result = analyze(corpus, lexicons, settings, on_article=rows.append, render=rows.render, keep=0, progress=progress)
        _write_digest_tables(result, tmp, fmt, guard=guard)
        write_codebook(tmp)
    return result


def write_outputs(result: AnalysisResult, outdir: Path, *, command: str = "", force: bool = False, guard: bool = True, protected: Iterable[Path] = ()) -> None:
    """OUTDIR/report.html and OUTDIR/data/*.csv + analysis.json of a finished run."""
    _check_complete(result)
    with output_folder(outdir, "analyze", force=force, protected=_protected(result.lexicons, protected)) as tmp:
        with RowWriters(tmp / "data", result.lexicons, guard=guard) as rows:
            for analysis in result.analyses:
                rows.write(analysis)
        _write_report_and_data(result, tmp, command, guard)


def write_tables(result: AnalysisResult, outdir: Path, fmt: str = "csv", *, force: bool = False, guard: bool = True, protected: Iterable[Path] = ()) -> None:
    """Only the data tables (and the codebook) of a finished run, as CSV, JSON lines or Parquet."""
    _check_complete(result)
    _check_parquet(fmt)
    with output_folder(outdir, "export", force=force, protected=_protected(result.lexicons, protected)) as tmp:
        with RowWriters(tmp, result.lexicons, fmt, guard=guard) as rows:
            for analysis in result.analyses:
                rows.write(analysis)
        _write_digest_tables(result, tmp, fmt, guard=guard)
        write_codebook(tmp)


def _write_report_and_data(result: AnalysisResult, tmp: Path, command: str, guard: bool = True) -> None:
    tables = digest_tables(result)
    write_text(tmp / "report.html", render_report(result, tables, command))
    _write_digest_tables(result, tmp / "data", "csv", tables, guard=guard)
    columns = {**{name: cols for name, (cols, _) in tables.items()}, **{name: cols for name, (cols, _) in row_tables(result.lexicons).items()}}
    analysis = summary(result)
    analysis["command"] = command
    if result.skipped:
        analysis["skipped"] = [{"id": article_id, "why": why} for article_id, why in result.skipped]
    if not guard:
        analysis["csv_formula_guard"] = False
    if result.corrections is not None:
        analysis["corrections"] = result.corrections.record()
    if result.validation:
        from .coding.score import methods_paragraph

        analysis["validation"] = [
            {"what": v.what, "coders": list(v.coders), "items": v.items, "sources": [{"file": f, "coder": c, "sha256": h} for f, c, h in v.sources],
             "shares": [s.row() for s in v.shares if s.group == "all"], "methods": methods_paragraph(v, result.corpus.name)}
            for v in result.validation
        ]
    analysis["tables"] = {t.name: list(columns[t.name]) for t in table_specs() if t.name in columns}
    if result.comparison is not None:
        c = result.comparison
        write_text(tmp / "data" / "clusters.json", json_text(c.clusters))
        analysis["comparison"] = {
            "unit": c.unit,
            "note": c.unit_note,
            "notes": list(c.notes[1:]),
            "block_weights": c.block_weights,
            "n_boot": c.n_boot,
            "seed": c.seed,
            "outlet_test": c.outlet_test,
        }
        if c.classifier is not None:
            write_text(tmp / "data" / "classifier.json", json_text(c.classifier))
    write_text(tmp / "data" / "analysis.json", json_text(analysis))
    write_codebook(tmp / "data")


def _write_digest_tables(result: AnalysisResult, folder: Path, fmt: str, tables: dict[str, Table] | None = None, *, guard: bool = True) -> None:
    for name, (columns, rows) in (tables or digest_tables(result)).items():
        if fmt == "csv":
            write_csv(folder / name, columns, rows, guard=guard)
        elif fmt == "jsonl":
            write_text(folder / f"{_stem(name)}.jsonl", _jsonl(columns, rows))
        else:
            with ParquetTable(folder / f"{_stem(name)}.parquet", name, columns) as table:
                table.write(rows)


def _check_complete(result: AnalysisResult) -> None:
    if not result.complete:
        raise FramingError("this run kept only the first analyses; write it with analyze_to_folder / export_to_folder")


def _check_parquet(fmt: str) -> None:
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise FramingError("--format parquet needs pyarrow: pip install 'framing[parquet]'") from None


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _jsonl(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


class ParquetTable:
    """One Parquet file written a row group (``ROWS_PER_GROUP`` rows) at a time, so a table
    of millions of rows (features.csv at 10,000 articles) never sits in memory. Each
    column's type comes from the codebook (``codebook.column_kind``): text as strings,
    integer as int64, number as float64, true/false as booleans; an empty cell is null.
    Arrow refuses a value that does not fit its column (2.5 in an integer column)."""

    ROWS_PER_GROUP = 65_536

    def __init__(self, path: Path, table: str, columns: tuple[str, ...]):
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "true/false": pa.bool_()}
        self.columns = columns
        self.kinds = [column_kind(table, c) for c in columns]
        self.schema = pa.schema([(c, types[k]) for c, k in zip(columns, self.kinds)])
        self._writer = pq.ParquetWriter(path, self.schema)
        self._held: list[dict[str, Any]] = []

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self._held.append(row)
            if len(self._held) >= self.ROWS_PER_GROUP:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._held:
            arrays = [pa.array([_arrow_value(r.get(c), kind) for r in self._held], type=field.type) for c, kind, field in zip(self.columns, self.kinds, self.schema)]
            self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
            self._held = []

    def close(self, *, finish: bool = True) -> None:
        if finish:
            self._flush()
        self._writer.close()

    def __enter__(self) -> ParquetTable:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        self.close(finish=exc_type is None)


def _arrow_value(value: Any, kind: str) -> Any:
    """A cell as its Parquet column takes it: numpy scalars as Python values, "" and None
    as null outside text columns, and anything in a text column as its text."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if kind == "text":
        return value if isinstance(value, str) else str(value)
    return None if value == "" else value

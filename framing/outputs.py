"""Write a run's report and data folder, all at once or not at all."""

from __future__ import annotations

import json
from pathlib import Path

from .codebook import write_codebook
from .errors import FramingError
from .export import atomic_output_dir, json_text, write_csv, write_text
from .pipeline import AnalysisResult
from .report import render_report
from .tables import all_tables, summary


def write_outputs(result: AnalysisResult, outdir: Path, *, command: str = "") -> None:
    """OUTDIR/report.html and OUTDIR/data/*.csv + analysis.json."""
    tables = all_tables(result)
    with atomic_output_dir(outdir) as tmp:
        write_text(tmp / "report.html", render_report(result, tables, command))
        for name, (columns, rows) in tables.items():
            write_csv(tmp / "data" / name, columns, rows)
        analysis = summary(result)
        analysis["command"] = command
        analysis["tables"] = {name: list(columns) for name, (columns, _) in tables.items()}
        if result.comparison is not None:
            c = result.comparison
            write_text(tmp / "data" / "clusters.json", json_text(c.clusters))
            analysis["comparison"] = {
                "unit": c.unit,
                "note": c.unit_note,
                "block_weights": c.block_weights,
                "n_boot": c.n_boot,
                "seed": c.seed,
                "outlet_test": c.outlet_test,
            }
            if c.classifier is not None:
                write_text(tmp / "data" / "classifier.json", json_text(c.classifier))
        write_text(tmp / "data" / "analysis.json", json_text(analysis))
        write_codebook(tmp / "data")


def write_tables(result: AnalysisResult, outdir: Path, fmt: str = "csv") -> None:
    """Only the data tables (and the codebook), as CSV, JSON lines or Parquet."""
    tables = all_tables(result)
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise FramingError("--format parquet needs pyarrow: pip install 'framing[parquet]'") from None
    with atomic_output_dir(outdir) as tmp:
        for name, (columns, rows) in tables.items():
            stem = name.rsplit(".", 1)[0]
            rows = list(rows) if fmt == "parquet" else rows  # Arrow builds whole columns
            if fmt == "csv":
                write_csv(tmp / name, columns, rows)
            elif fmt == "jsonl":
                write_text(tmp / f"{stem}.jsonl", "".join(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False, sort_keys=False) + "\n" for r in rows))
            else:
                table = pa.table({c: _column([r.get(c) for r in rows]) for c in columns})
                pq.write_table(table, tmp / f"{stem}.parquet")
        write_codebook(tmp)


def _column(values: list) -> list:
    """One Arrow-friendly column: numpy scalars as Python values, "" as missing in a numeric
    column, and everything as text where numbers and words still mix."""
    values = [v.item() if hasattr(v, "item") else v for v in values]
    kinds = {type(v) for v in values if v is not None and v != ""}
    if kinds and kinds <= {int, float, bool}:
        return [None if v == "" else v for v in values]
    if kinds - {str}:
        return [None if v is None else str(v) for v in values]
    return values

"""Write a run's report and data folder, all at once or not at all."""

from __future__ import annotations

from pathlib import Path

from .codebook import write_codebook
from .export import atomic_output_dir, csv_text, json_text, write_text
from .pipeline import AnalysisResult
from .report import render_report
from .tables import all_tables, summary


def write_outputs(result: AnalysisResult, outdir: Path, *, command: str = "") -> None:
    """OUTDIR/report.html and OUTDIR/data/*.csv + analysis.json."""
    tables = all_tables(result)
    with atomic_output_dir(outdir) as tmp:
        for name, (columns, rows) in tables.items():
            write_text(tmp / "data" / name, csv_text(columns, rows))
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
        write_text(tmp / "report.html", render_report(result, tables, command))

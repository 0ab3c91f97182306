"""The codebook: what every column of every table ``framing analyze`` writes means.

``CODEBOOK[file][column]`` is one sentence per column giving its type, unit and meaning,
read from the column's one declaration (``framing.measures.base.Column``, in the table's
``TableSpec`` in its measure family or ``framing.tables.COMPARISON_TABLES``).
``codebook_json()`` and ``codebook_markdown()`` render it (stable bytes: sorted files, columns
in the order the table writes them); ``write_codebook(folder)`` writes ``codebook.json`` and
``codebook.md`` into a folder. A test checks that the codebook and ``framing.tables.all_tables``
name exactly the same files and columns.

Conventions that hold for every table (stated once in ``CONVENTIONS``): character offsets
index the article's original text (0-based, end exclusive, Python ``str`` positions), an
empty cell means "none" or "not computed", true/false cells are written ``true``/``false``,
and numbers are rounded (4 decimals where framing rounds, at most 6 in the CSV).
"""

from __future__ import annotations

import json
from pathlib import Path

from .measures.base import COLUMN_KINDS
from .tables import table_specs

__all__ = ["CODEBOOK", "COLUMN_KINDS", "CONVENTIONS", "OTHER_FILES", "TABLE_UNITS", "codebook_json", "codebook_markdown", "column_kind", "columns", "write_codebook"]

CONVENTIONS = (
    "Offsets (start, end, speaker_start, speaker_end) are character positions in the article's text as framing read it (in Unicode NFC): 0-based, end exclusive, so text[start:end] is the span.",
    "CSV formula guard: a CSV text cell that starts with =, +, -, @, a tab or a carriage return is written with a leading apostrophe, so that a spreadsheet shows it instead of running it as a formula; such a cell is then not text[start:end]. JSON lines and Parquet keep the text as it is, and --no-formula-guard writes CSV cells as they are (analysis.json then says csv_formula_guard false).",
    "An empty cell means none, unknown or not computed; the column's description says which.",
    "true/false columns are written as the words true and false.",
    "Tone scores are VADER compound scores in [-1, 1] (Hutto & Gilbert 2014); a label is positive at >= 0.05, negative at <= -0.05, neutral in between.",
    "Intervals are 95% percentile bootstrap intervals, seeded (--seed) with --bootstrap resamples; the same input and seed give the same numbers.",
    "A mean tone needs at least 3 observations (framing.sentiment.MIN_SENTENCES); with fewer, value, ci_low and ci_high are empty and note says 'not enough text'.",
    "unit 'article' means too few articles per outlet (fewer than 4) for outlet-level claims: each outlet is one text and intervals resample its sentences; unit 'outlet' means intervals resample whole articles within outlets.",
)

def _declared() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    specs = table_specs()
    return {t.name: {c.name: c.description for c in t.columns} for t in specs}, {t.name: t.row_unit for t in specs}


def _validity() -> dict[str, str]:
    """file -> how far its measure can be trusted, for the tables that say."""
    return {t.name: t.validity() for t in table_specs() if t.validity is not None}


#: file -> column -> "kind: meaning", from each table's column declarations; and what one
#: row of each table is.
CODEBOOK, TABLE_UNITS = _declared()

#: Files beside the tables, described in the Markdown codebook.
OTHER_FILES: dict[str, str] = {
    "analysis.json": "The run: corpus, event, seed, bootstrap resamples, lexicons with versions, unit of analysis, warnings, the columns of every table and the command that reproduces the run.",
    "clusters.json": "The average-linkage tree of the outlets on the distances of similarity.csv, with each grouping's stability: the share of bootstrap resamples whose tree has the same grouping.",
    "classifier.json": "Only with several articles per outlet: cross-validated accuracy of a ridge classifier that predicts the outlet from an article's features, against chance, and the features most often among its five largest coefficients across the folds.",
    "codebook.json": "This codebook as JSON: file -> column -> description.",
    "codebook.md": "This codebook as Markdown.",
}




def columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` in the order its files write them: the codebook is the one
    declaration of a column (its name, its kind, its meaning), and the CSV header, the
    Parquet schema and the codebook files all come from it."""
    return tuple(CODEBOOK[table])


def column_kind(table: str, column: str) -> str:
    """The kind of value ``column`` of ``table`` holds ("text", "integer", "number" or
    "true/false"), from its declaration: typed exports (Parquet) take their schema from
    here, so the codebook and the files cannot disagree."""
    for t in table_specs():
        if t.name == table:
            return next(c.kind for c in t.columns if c.name == column)
    raise KeyError(table)


def codebook_json() -> str:
    """The codebook as JSON (sorted keys, two-space indent, one trailing newline)."""
    return json.dumps(CODEBOOK, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codebook_markdown() -> str:
    """The codebook as Markdown: the conventions, then one table of columns per file."""
    out = [
        "# Codebook",
        "",
        "What every column of every table in `data/` means: its type, unit and meaning.",
        "",
        "## Conventions",
        "",
        *[f"- {c}" for c in CONVENTIONS],
        "",
    ]
    validity = _validity()
    for name in sorted(CODEBOOK):
        out += [f"## {name}", "", f"One row per {TABLE_UNITS.get(name, 'record')}.", ""]
        if name in validity:
            out += [validity[name], ""]
        out += ["| column | type: meaning |", "|---|---|"]
        out += [f"| `{column}` | {_md(text)} |" for column, text in CODEBOOK[name].items()]
        out.append("")
    out += ["## Other files", ""]
    out += [f"- `{name}`: {_md(text)}" for name, text in sorted(OTHER_FILES.items())]
    return "\n".join(out) + "\n"


def write_codebook(folder: Path | str) -> list[Path]:
    """Write ``codebook.json`` and ``codebook.md`` into ``folder`` (call it inside the atomic
    output folder of a run); return the two paths."""
    from .export import write_text

    folder = Path(folder)
    paths = [folder / "codebook.json", folder / "codebook.md"]
    write_text(paths[0], codebook_json())
    write_text(paths[1], codebook_markdown())
    return paths

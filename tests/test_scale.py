"""Parallel and distributed runs give the same bytes as a serial one; the speed benchmark
keeps working (its figures are measured by benchmarks/speed.py, never asserted here)."""

from __future__ import annotations

import subprocess
from pathlib import Path
import sys

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import FramingError
from framing.settings import Settings

from .conftest import REPO, SEEDS


def _files(folder):
    """Every output file's bytes; the reproduce command names the output folder, so that
    one path is replaced."""
    return {p.relative_to(folder).as_posix(): p.read_bytes().replace(str(folder).encode(), b"OUT") for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import speed

    path = tmp_path_factory.mktemp("scale") / "synthetic.jsonl"
    speed.build_corpus(path, 40, 4, 0, speed.seed_paragraphs())
    return path


@pytest.fixture(scope="module")
def serial(synthetic, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "out"
    result = CliRunner().invoke(main, ["analyze", str(synthetic), "-o", str(out), "--bootstrap", "30"])
    assert result.exit_code == 0, result.output
    return _files(out)


def test_jobs_2_gives_the_same_bytes(synthetic, serial, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(synthetic), "-o", str(out), "--bootstrap", "30", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert _files(out) == serial


def test_dask_local_cluster_gives_the_same_bytes(synthetic, serial, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(synthetic), "-o", str(out), "--bootstrap", "30", "--scheduler", "local:2"])
    assert result.exit_code == 0, result.output
    assert _files(out) == serial


def test_streamed_run_keeps_few_analyses_and_writes_the_same_bytes_as_the_api(synthetic, serial, tmp_path, monkeypatch):
    """framing analyze streams: each article's rows go to disk as it arrives and only its
    digest stays (plus the first articles the report's reader shows). With the reader cut
    to 10 articles, the streamed run keeps 10 analyses of 40, and its files equal those the
    Python API writes from a run that kept everything."""
    from framing import outputs
    from framing.report import reader
    from framing.text import read_corpus
    from framing.lexicons import load_lexicons
    from framing.pipeline import analyze

    monkeypatch.setattr(outputs, "READER_LIMIT", 10)
    monkeypatch.setattr(reader, "READER_LIMIT", 10)
    corpus = read_corpus(synthetic)
    lexicons = load_lexicons(corpus.lexicon_paths)
    streamed = outputs.analyze_to_folder(corpus, lexicons, tmp_path / "streamed", Settings(n_boot=30), command="framing analyze X")
    assert len(streamed.analyses) == 10 and len(streamed.digests) == 40 and not streamed.complete
    whole = analyze(corpus, lexicons, Settings(n_boot=30))
    assert whole.complete and whole.digests == streamed.digests
    outputs.write_outputs(whole, tmp_path / "api", command="framing analyze X")
    assert _files(tmp_path / "streamed") == _files(tmp_path / "api")
    page = (tmp_path / "streamed" / "report.html").read_text(encoding="utf-8")
    assert "this page embeds the first 10" in page and page.count('<article class="article"') == 10
    assert "mean VADER compound per tenth of each outlet" in page  # 40 articles: the arc per outlet
    with pytest.raises(FramingError, match="kept only the first"):
        outputs.write_outputs(streamed, tmp_path / "refused")
    assert not (tmp_path / "refused").exists()


def test_a_pickled_analyzer_is_built_once_per_worker(seeds_corpus):
    """Workers receive the analyzer with every batch; the second unpickle of the same one
    reuses what the first built, and the rebuilt analyzer gives the same analysis."""
    import pickle

    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    lexicons = load_lexicons(seeds_corpus.lexicon_paths)
    original = Analyzer(lexicons)
    first, second = pickle.loads(pickle.dumps(original)), pickle.loads(pickle.dumps(original))
    assert first is second and first is not original
    article = seeds_corpus.articles[0]
    assert first.analyze_article(article) == original.analyze_article(article)
    assert pickle.loads(pickle.dumps(Analyzer(lexicons))) is not first  # another run, another build


def test_digests_from_workers_share_their_feature_names(seeds_corpus, seed_lexicons):
    """Each digest is made in a worker with its own copy of every feature name; the run
    keeps one copy per name (memory grows with articles, not with articles x names)."""
    from framing.pipeline import analyze

    result = analyze(seeds_corpus, seed_lexicons, Settings(n_boot=10, jobs=2), keep=0)
    first = {name: name for name in result.digests[0].features}
    shared = [name for d in result.digests[1:] for name in d.features if name in first]
    assert len(shared) > 20
    assert all(name is first[name] for name in shared)


def test_collector_threshold_is_raised_only_while_articles_are_analysed(seeds_corpus, seed_lexicons):
    """The run raises the garbage collector's young-generation threshold (fewer collections
    while articles are analysed) and puts the caller's setting back, on error too."""
    import gc

    from framing.pipeline import GC_YOUNG_THRESHOLD, analyze

    before = gc.get_threshold()
    seen = []
    analyze(seeds_corpus, seed_lexicons, Settings(n_boot=10), on_article=lambda a: seen.append(gc.get_threshold()[0]))
    assert seen == [max(before[0], GC_YOUNG_THRESHOLD)] * len(seeds_corpus.articles)
    assert gc.get_threshold() == before

    def fail(_):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        analyze(seeds_corpus, seed_lexicons, Settings(n_boot=10), on_article=fail)
    assert gc.get_threshold() == before


def test_bad_scheduler_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "-o", str(tmp_path / "out"), "--scheduler", "udp://nowhere"])
    assert result.exit_code == 1 and "expected tcp://host:port or local:N" in result.output
    assert not (tmp_path / "out").exists()


def test_speed_benchmark_runs_at_small_n():
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "speed.py"), "--articles", "20", "--outlets", "2", "--bootstrap", "10", "--stages", "5", "--repeat", "2"],
        capture_output=True, text=True, cwd=REPO, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    # first the cold start of framing quotes and framing analyze on the seeds
    assert lines[0].startswith("cold start  framing quotes seeds") and lines[1].startswith("cold start  framing analyze seeds")
    lines = lines[2:]
    header, row = lines[:2]
    assert header.split() == ["articles", "jobs", "sentences", "vader_s", "port_s", "wall_s", "cpu_s", "ms/art", "cpu_ratio", "art/min", "peak_MiB", "serial_s", "serial%"]
    fields = row.split()
    n, vader, wall, cpu, per_article, ratio = int(fields[0]), float(fields[3]), float(fields[5]), float(fields[6]), float(fields[7]), float(fields[8])
    assert n == 20 and int(fields[2]) > 100 and wall > 0 and cpu > 0 and ratio > 1
    # the printed columns agree with each other (up to their rounding to 0.01)
    assert abs(per_article - 1000 * cpu / n) <= 1000 * 0.005 / n + 0.01
    assert (cpu - 0.005) / (vader + 0.005) <= ratio <= (cpu + 0.005) / max(vader - 0.005, 1e-9)
    # the stage profile names every stage and finds time in quote extraction and VADER
    stages = {line.rsplit(None, 3)[0].strip(): float(line.split()[-3]) for line in lines[3:]}
    assert stages["quote extraction"] > 0 and stages["VADER inside all of the above"] > 0 and len(stages) == 8


def test_parquet_columns_are_typed_by_the_codebook_and_hold_the_csv_values(tmp_path, monkeypatch):
    """Every Parquet table has the codebook's column types and the CSV export's values; it
    is written a row group at a time (7 rows here), and the groups add up to the same
    table as one group."""
    import csv

    import pyarrow.parquet as pq

    from framing.codebook import column_kind
    from framing.outputs import ParquetTable

    def export(fmt: str, name: str) -> Path:
        result = CliRunner().invoke(main, ["export", str(SEEDS), "-o", str(tmp_path / name), "--format", fmt, "--bootstrap", "10"])
        assert result.exit_code == 0, result.output
        return tmp_path / name

    csv_out, whole = export("csv", "csv"), export("parquet", "whole")
    monkeypatch.setattr(ParquetTable, "ROWS_PER_GROUP", 7)
    grouped = export("parquet", "grouped")
    arrow = {"text": "string", "integer": "int64", "number": "double", "true/false": "bool"}
    tables = sorted(p.name for p in csv_out.glob("*.csv"))
    from framing.tables import table_specs

    assert tables == sorted(t.name for t in table_specs())  # every declared table, headline_body*.csv included
    for name in tables:
        stem = name[: -len(".csv")]
        table = pq.read_table(whole / f"{stem}.parquet")
        with (csv_out / name).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert table.num_rows == len(rows), name
        for column in table.column_names:
            kind = column_kind(name, column)
            assert str(table.schema.field(column).type) == arrow[kind], (name, column)
            for value, cell in zip(table.column(column).to_pylist(), (r[column] for r in rows)):
                if value is None:
                    assert cell == "", (name, column, cell)
                elif kind == "number":
                    assert float(cell) == pytest.approx(value, abs=5e-7), (name, column)
                elif kind == "true/false":
                    assert cell == ("true" if value else "false")
                elif kind == "integer":
                    assert int(cell) == value
                else:
                    assert cell in (value, "'" + value), (name, column)  # the CSV neutralises formula starts
        in_groups = pq.ParquetFile(grouped / f"{stem}.parquet")
        assert in_groups.read().equals(table), name
        if table.num_rows > 7:
            assert in_groups.num_row_groups == -(-table.num_rows // 7), name


@pytest.mark.parametrize("fmt, suffix", [("csv", ".csv"), ("jsonl", ".jsonl"), ("parquet", ".parquet")])
def test_export_formats(tmp_path, fmt, suffix):
    out = tmp_path / fmt
    result = CliRunner().invoke(main, ["export", str(SEEDS), "-o", str(out), "--format", fmt, "--bootstrap", "10"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert f"quotes{suffix}" in names and "codebook.json" in names
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out / "quotes.parquet")
        assert "speaker" in table.column_names and table.num_rows > 20

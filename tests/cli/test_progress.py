"""Progress that works everywhere: on a pipe or under nohup a line every few seconds with
counts, rate and ETA (a bar on a terminal), and a word on the serial part after it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from framing.cli import main
from framing.cli.base import PROGRESS_SECONDS, progress


def test_piped_progress_prints_a_line_every_few_seconds(capsys):
    ticks = iter(range(0, 1000))
    clock = lambda: float(next(ticks))  # one second per article
    assert list(progress(range(30), 30, clock=clock)) == list(range(30))
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 30 // int(PROGRESS_SECONDS) + (30 % int(PROGRESS_SECONDS) != 0)
    assert lines[0] == "Analysing: 5/30 articles (1.0/s, about 25 s left)"
    assert lines[-1] == "Analysing: 30/30 articles (1.0/s)"


def test_a_short_run_prints_no_progress(capsys):
    assert list(progress(range(5), 5)) == list(range(5))
    assert capsys.readouterr().err == ""


def test_analyze_and_export_say_how_far_they_are_when_piped(tmp_path):
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i:02d}", "outlet": f"Outlet {i % 3}", "text": f"Headline {i}\nThe minister said the talks on item {i} went well."}) + "\n" for i in range(24)), encoding="utf-8")
    run = CliRunner().invoke(main, ["analyze", str(corpus), "-o", str(tmp_path / "out"), "--bootstrap", "0"])
    assert run.exit_code == 0, run.output
    assert "Analysing: 24/24 articles (" in run.stderr and "Comparing the outlets and writing the report" in run.stderr
    run = CliRunner().invoke(main, ["export", str(corpus), "-o", str(tmp_path / "csv"), "--bootstrap", "0"])
    assert run.exit_code == 0 and "Analysing: 24/24 articles (" in run.stderr


def test_export_only_quotes_gives_the_whole_exports_quotes_table(tmp_path):
    from ..conftest import SEEDS

    whole, only = tmp_path / "whole", tmp_path / "only"
    assert CliRunner().invoke(main, ["export", str(SEEDS), "-o", str(whole), "--bootstrap", "0"]).exit_code == 0
    run = CliRunner().invoke(main, ["export", str(SEEDS), "-o", str(only), "--only", "quotes"])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in only.iterdir() if not p.name.startswith(".")) == ["codebook.json", "codebook.md", "quotes.csv"]
    assert (only / "quotes.csv").read_bytes() == (whole / "quotes.csv").read_bytes()
    printed = CliRunner().invoke(main, ["quotes", str(SEEDS), "--format", "csv"])
    assert printed.stdout.encode("utf-8") == (whole / "quotes.csv").read_bytes()

"""Wire copies and near-duplicates found, listed and said: the seeds' Reuters copy
republished under a second outlet, an edited copy, and no false pair among the seeds."""

from __future__ import annotations

import csv
import shutil

from click.testing import CliRunner

from framing.cli import main
from framing.measures.duplicates import signature

from ..conftest import REPO, SEEDS

REUTERS = "001_e57608da54a4e3e6.txt"


def _corpus(tmp_path, extra: dict[str, tuple[str, str]]):
    folder = tmp_path / "c"
    shutil.copytree(SEEDS, folder)
    manifest = (folder / "corpus.toml").read_text(encoding="utf-8").replace('"../lexicons/', f'"{REPO}/lexicons/')
    for name, (outlet, text) in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
        manifest += f'\n[[article]]\nfile = "{name}"\noutlet = "{outlet}"\n'
    (folder / "corpus.toml").write_text(manifest, encoding="utf-8")
    return folder


def _run(tmp_path, folder, *flags):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(folder), "-o", str(out), "--bootstrap", "5", *flags])
    assert result.exit_code == 0, result.output
    with (out / "data" / "duplicates.csv").open(encoding="utf-8") as fh:
        return result.output, list(csv.DictReader(fh)), (out / "report.html").read_text(encoding="utf-8")


def test_the_seeds_hold_no_two_copies_of_one_story(tmp_path):
    output, rows, page = _run(tmp_path, _corpus(tmp_path, {}))
    assert rows == [] and "copies of one story" not in output and 'id="duplicates"' not in page


def test_a_wire_copy_republished_by_a_second_outlet_is_flagged(tmp_path):
    text = (SEEDS / REUTERS).read_text(encoding="utf-8")
    output, rows, page = _run(tmp_path, _corpus(tmp_path, {"republished.txt": ("Second Site", text)}))
    assert [(r["article"], r["copy"], r["kind"], r["similarity"], r["copy_outlet"]) for r in rows] == [
        ("001_e57608da54a4e3e6", "republished", "exact", "1.0", "Second Site"),
    ]
    assert "Warning: 1 pair of articles is a copy of one story" in output
    assert 'id="duplicates-note"' in page and 'href="#duplicates"' in page


def test_an_edited_copy_is_near_and_the_threshold_is_the_users(tmp_path):
    lines = [line for line in (SEEDS / REUTERS).read_text(encoding="utf-8").splitlines() if line.strip()]
    edited = "\n".join(lines[:-2] + ["The visit ends on Wednesday, the site's own correspondent added."]) + "\n"
    folder = _corpus(tmp_path, {"edited.txt": ("Third Site", edited)})
    _, rows, _ = _run(tmp_path, folder)
    assert [(r["copy"], r["kind"]) for r in rows] == [("edited", "near")] and 0.8 <= float(rows[0]["similarity"]) < 1.0
    _, strict_rows, _ = _run(tmp_path, folder, "--force", "--duplicates", "0.99")
    assert strict_rows == []


def test_signatures_are_the_same_in_every_run_and_track_overlap():
    words = ("the council voted on thursday to close four primary schools by next summer citing a sharp fall "
             "in the number of children enrolled in the city").split()
    assert signature(words) == signature(list(words))
    same = sum(a == b for a, b in zip(signature(words)[0], signature(words[:-3] + ["in", "each", "town"])[0])) / 64
    other = sum(a == b for a, b in zip(signature(words)[0], signature(list(reversed(words)))[0])) / 64
    assert same > 0.6 and other < 0.1
    assert signature(["too", "short"])[0] == ()


def test_one_copy_is_left_out_of_the_outlet_comparison_unless_asked(tmp_path):
    import json

    text = (SEEDS / REUTERS).read_text(encoding="utf-8")
    folder = _corpus(tmp_path, {"republished.txt": ("Second Site", text)})

    def compared(*flags):
        out = tmp_path / ("out" + "".join(flags))
        result = CliRunner().invoke(main, ["analyze", str(folder), "-o", str(out), "--bootstrap", "5", *flags])
        assert result.exit_code == 0, result.output
        with (out / "data" / "similarity.csv").open(encoding="utf-8") as fh:
            outlets = {r["outlet_a"] for r in csv.DictReader(fh)}
        return outlets, json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))["comparison"]["notes"], (out / "report.html").read_text(encoding="utf-8")

    outlets, notes, page = compared()
    assert "Second Site" not in outlets and "Reuters wire copy" in outlets  # the second of the pair in id order is left out
    assert len(notes) == 1 and "(republished)" in notes[0] and "--keep-copies" in notes[0]
    assert 'class="unit comparison-note"' in page
    outlets, notes, _ = compared("--keep-copies")
    assert {"Reuters wire copy", "Second Site"} <= outlets and notes == []

"""framing never loses a user's files: what an output folder may replace, and every way a
run can end (an error, SIGINT, SIGTERM, SIGHUP, SIGKILL) leaving the old output or the new
one whole, and no temporary folder for long."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing import interrupts
from framing.cli import main
from framing.output_folder import MARKER, clean_leftovers, read_marker

from .conftest import REPO, SEEDS


def _tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _users_project(root: Path) -> Path:
    project = root / "project"
    (project / "src").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "thesis.tex").write_text("\\chapter{Framing}\n", encoding="utf-8")
    (project / "src" / "clean.py").write_text("print('mine')\n", encoding="utf-8")
    (project / "data" / "interviews.csv").write_text("id,answer\n1,yes\n", encoding="utf-8")
    return project


def test_a_users_folder_is_never_replaced(tmp_path):
    # It holds data/ like an output does: before the marker, that was taken for one.
    project = _users_project(tmp_path)
    before = _tree(project)
    for command in (["analyze", str(SEEDS)], ["export", str(SEEDS)], ["classroom", str(SEEDS)]):
        result = _run(*command, "-o", str(project), "--bootstrap" if command[0] != "classroom" else "--seed", "5")
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
        assert "not a framing output" in result.output and "--force" in result.output
        assert _tree(project) == before
    assert sorted(os.listdir(tmp_path)) == ["project"]  # no temporary folder left


def test_force_replaces_a_folder_but_never_one_holding_the_corpus(tmp_path):
    project = _users_project(tmp_path)
    result = _run("analyze", str(SEEDS), "-o", str(project), "--bootstrap", "5", "--force")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(project)) == [MARKER, "data", "report.html"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SEEDS.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    before = _tree(corpus)
    for target in (corpus, tmp_path):  # the corpus folder itself, and a folder holding it
        result = _run("analyze", str(corpus), "-o", str(target), "--bootstrap", "5", "--force")
        assert result.exit_code == 1 and "output folder holds" in result.output, result.output
    assert _tree(corpus) == before


def test_an_output_of_another_command_is_not_replaced(tmp_path):
    out = tmp_path / "mini"
    assert _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5").exit_code == 0
    before = _tree(out)
    assert read_marker(out)["command"] == "analyze"
    result = _run("classroom", str(SEEDS), "-o", str(out))
    assert result.exit_code == 1 and "holds the output of `framing analyze`" in result.output, result.output
    assert _tree(out) == before


def test_commands_sharing_a_default_folder_keep_each_others_outputs(tmp_path, monkeypatch):
    # export's default folder (reports/NAME/data-csv) lies inside analyze's (reports/NAME).
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(SEEDS), "--bootstrap", "5"]).exit_code == 0
    assert runner.invoke(main, ["export", str(SEEDS), "--bootstrap", "5"]).exit_code == 0
    exported = _tree(Path("reports/seeds/data-csv"))
    assert "quotes.csv" in exported
    result = runner.invoke(main, ["analyze", str(SEEDS), "--bootstrap", "5", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert _tree(Path("reports/seeds/data-csv")) == exported
    assert read_marker(Path("reports/seeds"))["command"] == "analyze"
    assert json.loads(Path("reports/seeds/data/analysis.json").read_text(encoding="utf-8"))["seed"] == 3
    # The export, rerun, replaces only its own folder.
    assert runner.invoke(main, ["export", str(SEEDS), "--bootstrap", "5", "--seed", "3"]).exit_code == 0
    assert sorted(os.listdir("reports/seeds")) == [MARKER, "data", "data-csv", "report.html"]


def test_a_file_dropped_into_an_output_stops_its_replacement(tmp_path):
    out = tmp_path / "out"
    assert _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5").exit_code == 0
    (out / "my-notes.txt").write_text("what I saw in the report\n", encoding="utf-8")
    result = _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5")
    assert result.exit_code == 1 and "files framing did not write (my-notes.txt)" in result.output, result.output
    assert (out / "my-notes.txt").is_file()


def test_an_output_written_before_markers_is_still_replaced(tmp_path):
    out = tmp_path / "old"
    assert _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5").exit_code == 0
    (out / MARKER).unlink()
    result = _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5")
    assert result.exit_code == 0, result.output
    assert read_marker(out)["command"] == "analyze"


def test_leftovers_of_killed_runs_are_cleaned_and_outputs_put_back(tmp_path):
    dead = _dead_pid()
    out = tmp_path / "out"
    # A kill between the two renames of a swap: the previous output sits in .old-PID-*/x.
    aside = tmp_path / f".out.old-{dead}-abc"
    (aside / "x" / "data").mkdir(parents=True)
    (aside / "x" / "report.html").write_text("previous", encoding="utf-8")
    partial = tmp_path / f".out.partial-{dead}-def"
    (partial / "data").mkdir(parents=True)
    live = tmp_path / f".out.partial-{os.getpid()}-ghi"  # a run still going: left alone
    live.mkdir()
    clean_leftovers(out)
    assert (out / "report.html").read_text(encoding="utf-8") == "previous"
    assert sorted(os.listdir(tmp_path)) == [f".out.partial-{os.getpid()}-ghi", "out"]
    # A kill after a nested output was moved into the new output, before the swap.
    nested = tmp_path / f".out.partial-{dead}-jkl" / "data-csv"
    nested.mkdir(parents=True)
    (nested / MARKER).write_text('{"command": "export", "entries": []}\n', encoding="utf-8")
    clean_leftovers(out)
    assert (out / "data-csv" / MARKER).is_file()
    assert not (tmp_path / f".out.partial-{dead}-jkl").exists()


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowed one
def test_a_signal_swallowed_by_a_finaliser_is_raised_at_the_next_check():
    # A signal's exception raised inside __del__ is printed and dropped by Python; the
    # record in ``interrupts`` raises it again where the run next checks.
    old = {s: signal.getsignal(s) for s in interrupts.SIGNALS}
    try:
        interrupts.install()

        class Finaliser:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.01)  # the handler runs here, inside __del__

        Finaliser()
        with pytest.raises(interrupts.Interrupted) as caught:
            interrupts.check()
        assert caught.value.signum == signal.SIGTERM
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        interrupts._pending = None


# --- whole runs, killed --------------------------------------------------------------


def _corpus(path: Path, n: int) -> Path:
    """``n`` short articles from the seeds' body paragraphs, four outlets (seeded)."""
    paragraphs = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()[3:] if len(line) > 80]
    rng = random.Random(0)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = {"id": f"a{i:05d}", "outlet": f"Outlet {i % 4}", "title": f"Article {i}", "text": "\n".join(rng.sample(paragraphs, k=3))}
            handle.write(json.dumps(record) + "\n")
    return path


def _start(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "framing", "analyze", str(corpus), "-o", str(out), "--bootstrap", "20", *extra],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for(condition, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _partial(parent: Path) -> Path | None:
    found = sorted(p for p in parent.iterdir() if ".partial-" in p.name)
    return found[0] if found else None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to follow the worker processes")
def test_2000_articles_killed_at_several_points_leave_the_old_output_whole(tmp_path):
    corpus = _corpus(tmp_path / "big.jsonl", 2000)
    out = tmp_path / "out"
    small = _corpus(tmp_path / "small.jsonl", 8)
    first = _start(small, out)
    assert first.wait(120) == 0, first.stderr.read()
    old = _tree(out)

    def partial_has(name: str):
        return lambda: (p := _partial(tmp_path)) is not None and (p / name).exists()

    points = [
        ("while starting", lambda: True),
        ("as the first rows are written", partial_has("data/quotes.csv")),
        ("in the middle of the stream", lambda: (p := _partial(tmp_path)) is not None and (p / "data" / "quotes.csv").exists() and (p / "data" / "quotes.csv").stat().st_size > 300_000),
        ("while the report is written", partial_has("report.html")),
    ]
    killed = []
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for where, ready in points:
            run = _start(corpus, out, *(["--jobs", "2"] if signum == signal.SIGTERM else []))
            assert _wait_for(lambda: ready() or run.poll() is not None), where
            workers = _children(run.pid)
            run.send_signal(signum)
            code = run.wait(60)
            label = f"{signal.Signals(signum).name} {where}"
            if code == 0:  # it finished first: the new output is whole, and the one to keep
                assert (out / "report.html").is_file() and read_marker(out), label
                old = _tree(out)
                continue
            # Before framing's handlers are installed a SIGTERM ends Python at once (-15).
            assert code in ((128 + signum, -signum) if signum != signal.SIGKILL else (-signum,)), (label, code, run.stderr.read())
            assert _tree(out) == old, label
            killed.append(label)
            if signum == signal.SIGTERM and code == 128 + signum:
                assert "interrupted (SIGTERM)" in run.stderr.read(), label
                assert _partial(tmp_path) is None, label
                assert _wait_for(lambda: not any(_running(w) for w in workers), 15), f"{label}: worker processes still running"
    assert len(killed) >= 6, killed  # the points were reached before the run ended
    # The next run cleans what SIGKILL left, and its output is whole.
    last = _start(corpus, out)
    assert last.wait(300) == 0, last.stderr.read()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl", "out", "small.jsonl"]
    analysis = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["articles"] == 2000


def test_a_full_disk_leaves_the_old_output_whole_and_says_so(tmp_path, monkeypatch):
    import errno

    import framing.outputs

    out = tmp_path / "out"
    assert _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5").exit_code == 0
    before = _tree(out)
    real = framing.outputs.write_text

    def full(path, text):
        if path.name == "report.html":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, text)

    monkeypatch.setattr(framing.outputs, "write_text", full)
    result = _run("analyze", str(SEEDS), "-o", str(out), "--bootstrap", "5", "--seed", "2")
    assert result.exit_code == 1 and "cannot write output here: No space left on device" in result.output, result.output
    assert _tree(out) == before
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_an_error_that_is_not_about_writing_is_not_called_a_write_problem(tmp_path, monkeypatch):
    # nltk's regex time limit raises TimeoutError, an OSError: it used to read "cannot write output here".
    import framing.outputs

    def slow(*args, **kwargs):
        raise TimeoutError("regular-expression match exceeded its 5.0s time limit")

    monkeypatch.setattr(framing.outputs, "render_report", slow)
    result = _run("analyze", str(SEEDS), "-o", str(tmp_path / "out"), "--bootstrap", "5")
    assert result.exit_code == 1 and "cannot write" not in result.output
    assert "unexpected TimeoutError: regular-expression match exceeded" in result.output
    assert not (tmp_path / "out").exists() and sorted(os.listdir(tmp_path)) == []


@pytest.mark.parametrize(
    ("command", "files"),
    [
        ("export", {"interviews.csv": "id,answer\n1,yes\n", "notes.md": "# notes\n"}),  # only table-like suffixes
        ("analyze", {"report.html": "<p>my report</p>", "data/interviews.csv": "id\n1\n"}),  # report.html + data/
        ("classroom", {"worksheet.html": "<p>my worksheet</p>"}),
    ],
)
def test_a_users_folder_shaped_like_an_old_output_is_not_replaced(tmp_path, command, files):
    folder = tmp_path / "mine"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    before = _tree(folder)
    extra = ["--bootstrap", "5"] if command != "classroom" else []
    result = _run(command, str(SEEDS), "-o", str(folder), *extra)
    assert result.exit_code == 1 and "is not a framing output" in result.output, result.output
    assert _tree(folder) == before

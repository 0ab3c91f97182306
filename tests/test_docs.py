"""The documentation runs as written.

Every ```sh block of README.md and lexicons/README.md is run, in document order, from a
temporary copy of the repository's ``seeds/``, ``lexicons/`` and ``examples/`` folders (the
commands use paths relative to the repository root, and nothing is written into the
repository). Before the commands that follow it, each ```toml block whose first line is
``# file: PATH`` is written to PATH, as the reader is told to write it.

What a line may be (the docs promise commands a reader can paste into any shell):

- ``framing ARGS`` runs as ``python -m framing ARGS`` with this interpreter;
- ``... > FILE`` writes the command's standard output to FILE;
- ``cp ...`` and ``mkdir -p ...`` run as they are.

Anything else in a ```sh block fails the test, as does a command that exits non-zero;
``framing analyze`` must leave its report.html and ``framing classroom`` its worksheet.
Blocks fenced as ```text, ```toml without a ``# file:`` line or plain ``` are never run (the
README's install command is in a plain block on purpose).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "lexicons/README.md")
COPIED = ("seeds", "lexicons", "examples")
FILE_MARK = "# file:"
COMMAND_TIMEOUT = 300  # seconds; a hang must fail, not block the suite


@dataclass(frozen=True)
class Step:
    line: int  # 1-based line of the document, for messages
    kind: str  # "run" or "write"
    text: str  # the command line, or the file's content
    path: str = ""  # for "write": where the file goes (relative to the repository root)


def parse_steps(markdown: str) -> list[Step]:
    """The runnable steps of a Markdown document, in order."""
    steps: list[Step] = []
    fence: str | None = None  # language of the open block, "" for a plain one
    start = 0
    body: list[str] = []
    for n, raw in enumerate(markdown.splitlines(), 1):
        stripped = raw.strip()
        if fence is None:
            if stripped.startswith("```"):
                fence, start, body = stripped[3:].strip().lower(), n, []
            continue
        if stripped.startswith("```"):
            if fence == "sh":
                for offset, line in enumerate(body, start + 1):
                    if line.strip() and not line.lstrip().startswith("#"):
                        steps.append(Step(offset, "run", line.strip()))
            elif fence == "toml" and body and body[0].strip().startswith(FILE_MARK):
                path = body[0].strip()[len(FILE_MARK) :].strip()
                steps.append(Step(start, "write", "\n".join(body) + "\n", path))
            fence = None
            continue
        body.append(raw)
    assert fence is None, f"a ``` block opened on line {start} is never closed"
    return steps


def _read(doc: str) -> str:
    return (REPO / doc).read_text(encoding="utf-8")


def _option(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                return args[i + 1]
            if name.startswith("--") and arg.startswith(name + "="):
                return arg[len(name) + 1 :]
    return None


def _safe_relative(path: str, where: str) -> str:
    p = PurePosixPath(path)
    assert path and not p.is_absolute() and ".." not in p.parts, f"{where}: {path!r} must be a relative path inside the working folder"
    return path


def _report_folder(args: list[str], cwd: Path) -> Path:
    """Where ``framing analyze ARGS`` writes: -o, else reports/<corpus name>/."""
    out = _option(args[1:], "-o", "--output")
    if out is not None:
        return cwd / out
    from framing.text import read_corpus

    rest = args[1:]
    positional = [a for i, a in enumerate(rest) if not a.startswith("-") and not (i and rest[i - 1] in _VALUE_OPTIONS)]
    assert len(positional) == 1, f"cannot tell the corpus of `framing {' '.join(args)}`"
    return cwd / "reports" / read_corpus(cwd / positional[0]).name


#: Options of `framing analyze` that take a value (the corpus is the one other word).
_VALUE_OPTIONS = {"-o", "--output", "--lexicons", "--seed", "--jobs", "--scheduler", "--bootstrap", "--weight"}


def run_step(step: Step, cwd: Path, where: str) -> None:
    if step.kind == "write":
        target = cwd / _safe_relative(step.path, where)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(step.text, encoding="utf-8")
        return
    words = shlex.split(step.text)
    stdout_file = None
    if ">" in words:
        k = words.index(">")
        assert k == len(words) - 2, f"{where}: '>' must be followed by exactly one file name: {step.text}"
        stdout_file = _safe_relative(words[k + 1], where)
        words = words[:k]
    program, args = words[0], words[1:]
    if program == "framing":
        argv = [sys.executable, "-m", "framing", *args]
    elif program == "cp" or (program == "mkdir" and args[:1] == ["-p"]):
        argv = words
    else:
        pytest.fail(f"{where}: only framing, cp and mkdir -p may appear in a sh block: {step.text}")
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, encoding="utf-8")
    assert done.returncode == 0, f"{where}: `{step.text}` exited with {done.returncode}\n--- stderr ---\n{done.stderr[-4000:]}\n--- stdout ---\n{done.stdout[-2000:]}"
    if stdout_file is not None:
        (cwd / stdout_file).write_text(done.stdout, encoding="utf-8")
    if program == "framing" and args[:1] == ["analyze"]:
        report = _report_folder(args, cwd) / "report.html"
        assert report.is_file(), f"{where}: `{step.text}` did not write {report.relative_to(cwd)}"
        assert (report.parent / "data" / "analysis.json").is_file(), f"{where}: no data/analysis.json beside the report"
    if program == "framing" and args[:1] == ["classroom"]:
        folder = cwd / _option(args[1:], "-o", "--output")
        assert (folder / "worksheet.html").is_file(), f"{where}: `{step.text}` wrote no worksheet.html"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    for name in COPIED:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    return tmp_path


# ---- the parser itself ------------------------------------------------------------------------


def test_parser_runs_only_sh_blocks_and_file_blocks():
    doc = "\n".join(
        [
            "```",
            "pip install -e .",
            "```",
            "```text",
            "framing analyze nothing",
            "```",
            "```toml",
            'kind = "topic"',
            "```",
            "```toml",
            "# file: a/b.toml",
            'kind = "actors"',
            "```",
            "```sh",
            "framing lexicon check a",
            "",
            "framing quotes a --format csv > q.csv",
            "```",
        ]
    )
    steps = parse_steps(doc)
    assert [(s.kind, s.path or s.text) for s in steps] == [
        ("write", "a/b.toml"),
        ("run", "framing lexicon check a"),
        ("run", "framing quotes a --format csv > q.csv"),
    ]
    assert steps[0].text == '# file: a/b.toml\nkind = "actors"\n'


def test_parser_refuses_an_unclosed_block():
    with pytest.raises(AssertionError, match="never closed"):
        parse_steps("```sh\nframing --help\n")


# ---- the documents ----------------------------------------------------------------------------


@pytest.mark.parametrize("doc", DOCS)
def test_document_has_runnable_commands(doc):
    """A document whose blocks were all mis-fenced would make the run test pass vacuously."""
    steps = parse_steps(_read(doc))
    commands = [s.text for s in steps if s.kind == "run"]
    assert len(commands) >= 3, f"{doc}: only {len(commands)} runnable command(s)"
    assert any(c.startswith("framing analyze ") for c in commands), f"{doc}: no `framing analyze` command to run"
    assert not any("pip install" in c or "venv" in c for c in commands), f"{doc}: the install command must not be in a sh block"


def test_tutorial_writes_its_lexicon_before_using_it():
    steps = parse_steps(_read("lexicons/README.md"))
    writes = {s.path: i for i, s in enumerate(steps) if s.kind == "write"}
    assert "my-geneva/lexicons/actors.toml" in writes
    first_check = next(i for i, s in enumerate(steps) if s.kind == "run" and s.text.startswith("framing lexicon check my-geneva"))
    assert writes["my-geneva/lexicons/actors.toml"] < first_check


@pytest.mark.parametrize("doc", DOCS)
def test_document_commands_run(doc, workdir):
    steps = parse_steps(_read(doc))
    assert any(s.kind == "run" for s in steps), f"{doc}: nothing to run"
    for step in steps:
        run_step(step, workdir, f"{doc}:{step.line}")

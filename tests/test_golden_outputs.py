"""Every output of ``framing analyze``, ``quotes``, ``export`` and ``classroom`` is
byte-identical to the recorded one, on the seeds, examples/geneva and a 1,000-article
synthetic corpus.

A refactoring must not change a byte; a change of behaviour must change these on purpose.
The record is ``tests/golden/outputs.json`` (sha256 of every file, the run's temporary
paths replaced by a placeholder first). After a change that is meant to alter outputs,
re-record it and say why in the commit:

    python -m tests.test_golden_outputs --update
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main

from .conftest import GENEVA, REPO, SEEDS

RECORD = REPO / "tests" / "golden" / "outputs.json"
PLACEHOLDER = "<OUT>"


def synthetic_corpus(path: Path, n: int = 1000) -> Path:
    """``n`` articles of 3-8 seed paragraphs each over five outlets, seeded."""
    paragraphs = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()[3:] if len(line) > 60]
    rng = random.Random(20260115)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body = rng.sample(paragraphs, k=rng.randint(3, 8))
            record = {"id": f"s{i:05d}", "outlet": f"Outlet {i % 5}", "title": f"Synthetic article {i}", "text": f"Synthetic article {i}\n" + "\n".join(body)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _digest_tree(folder: Path, tmp: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            data = p.read_bytes().replace(str(tmp).encode(), PLACEHOLDER.encode()).replace(str(REPO).encode(), b"<REPO>")
            out[str(p.relative_to(folder))] = hashlib.sha256(data).hexdigest()
    return out


def _invoke(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    if result.exit_code != 0:
        raise AssertionError(f"framing {' '.join(args)} failed: {result.output}")
    return result.stdout.replace(str(REPO), "<REPO>")


def runs(tmp: Path) -> dict[str, dict[str, str]]:
    """Name -> {file: sha256} of every recorded run."""
    synthetic = synthetic_corpus(tmp / "synthetic.jsonl")
    record: dict[str, dict[str, str]] = {}
    for name, corpus, boot in (("seeds", SEEDS, "200"), ("geneva", GENEVA, "200"), ("synthetic", synthetic, "50")):
        out = tmp / name
        _invoke(["analyze", str(corpus), "-o", str(out / "analyze"), "--bootstrap", boot])
        _invoke(["export", str(corpus), "-o", str(out / "export-csv"), "--bootstrap", boot])
        if name != "synthetic":
            _invoke(["export", str(corpus), "-o", str(out / "export-jsonl"), "--format", "jsonl", "--bootstrap", boot])
            _invoke(["classroom", str(corpus), "-o", str(out / "classroom")])
            for fmt in ("jsonl", "csv", "table"):
                (out / "quotes").mkdir(exist_ok=True)
                (out / "quotes" / f"quotes.{fmt}").write_text(_invoke(["quotes", str(corpus), "--format", fmt]), encoding="utf-8")
        record[name] = _digest_tree(out, tmp)
    return record


@pytest.mark.skipif(not RECORD.is_file(), reason="no recorded outputs yet (python -m tests.test_golden_outputs --update)")
def test_outputs_are_byte_identical_to_the_record(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # the corpus paths in commands are absolute; keep cwd fixed anyway
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    now = runs(tmp_path)
    changed = {run: sorted(f for f in set(recorded[run]) | set(files) if recorded[run].get(f) != files.get(f)) for run, files in now.items()}
    assert not any(changed.values()), f"outputs changed: {changed} (if on purpose: python -m tests.test_golden_outputs --update)"


if __name__ == "__main__":
    import tempfile

    if "--update" not in sys.argv[1:]:
        sys.exit("usage: python -m tests.test_golden_outputs --update")
    with tempfile.TemporaryDirectory() as tmp:
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text(json.dumps(runs(Path(tmp)), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {RECORD}")

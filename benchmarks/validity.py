"""The agreement of framing's tone measures with human labels, written where the report and
the codebook read it (framing/data/validity.json).

    python benchmarks/validity.py           # print the figures and check the shipped file
    python benchmarks/validity.py --write   # measure again and write the file

Figures (each from the benchmark script that owns it):

* ``newsmtsc``: tone toward one person per sentence, NewsMTSC test split (Hamborg & Donnay,
  EACL 2021; benchmarks/target_sentiment.py): accuracy, macro-F1 and per-class F1 of
  ``tone_toward`` and of VADER on the whole sentence. The layer is fitted on the train split
  only (benchmarks/fit_tone_model.py).
* ``basil_feelings``: article-level ``about`` tone against annotators' judgement of the
  author's feeling toward each main person, basil-dev (BASIL, Fan et al., EMNLP 2019;
  benchmarks/actor_tone.py): Spearman's rho and recall by class, and the article's mean
  VADER tone as the baseline.
* ``basil_targets``: share of spans annotated with a polarity toward a person named in the
  sentence whose sign the target-aware judgement gets right, against sentence VADER.

tests/measures/test_validity.py recomputes them (when ../shared is there) and fails when
the shipped file no longer says what the code does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
for p in (ROOT, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import actor_tone  # noqa: E402
import target_sentiment  # noqa: E402

OUT = ROOT / "framing" / "data" / "validity.json"


def _rounded(d: dict) -> dict:
    return {k: round(float(v), 3) for k, v in sorted(d.items())}


def measure() -> dict:
    items = target_sentiment.read_items(target_sentiment.DEFAULT_TEST)
    gold = [x["label"] for x in items]
    newsmtsc = {
        "data": "NewsMTSC test (devtest_rw), 1,067 sentences labelled with the tone toward one person",
        "n": len(items),
        "tone_toward": _rounded(target_sentiment.scores(gold, [target_sentiment.chosen(x) for x in items])),
        "sentence_vader": _rounded(target_sentiment.scores(gold, [target_sentiment.whole_sentence(x) for x in items])),
    }
    done = actor_tone.analyses()
    feelings = actor_tone.run_feelings(done)
    targets = actor_tone.run_targets(done)
    return {
        "newsmtsc": newsmtsc,
        "basil_feelings": {"data": "basil-dev: 34 events x Fox News, New York Times, HuffPost; the author's feeling toward each main person, per article", **feelings},
        "basil_targets": {"data": "basil-dev: spans annotated with a polarity toward a person named in the sentence", **targets},
    }


def render(figures: dict) -> str:
    return json.dumps(figures, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    text = render(measure())
    if args.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
        return 0
    print(text, end="")
    if OUT.exists() and OUT.read_text(encoding="utf-8") != text:
        print(f"{OUT.relative_to(ROOT)} is out of date: python benchmarks/validity.py --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Target-dependent sentiment benchmark: tone toward one person in a news sentence.

    python benchmarks/target_sentiment.py [TEST_JSONL]

Data: NewsMTSC test split "devtest_rw" (Hamborg & Donnay, EACL 2021; fhamborg/NewsMTSC, MIT
licence), at ../shared/benchmarks/target_sentiment/test.jsonl relative to the repository.
Prints accuracy, macro-F1 and per-class F1 for the baselines (majority class, VADER on the
whole sentence, VADER on a +-8-word window around the target, all labelled with VADER's
+-0.05 convention) and for framing.sentiment.tone_toward, plus microseconds per call.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from framing.sentiment import label, polarity, tone_toward  # noqa: E402

DEFAULT_TEST = REPO.parent / "shared" / "benchmarks" / "target_sentiment" / "test.jsonl"
CLASSES = ("negative", "neutral", "positive")


def read_items(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def window(item: dict, k: int = 8) -> str:
    """The target with up to k whitespace-separated words either side."""
    s = item["sentence"]
    left = s[: item["target_start"]].split()
    right = s[item["target_end"] :].split()
    return " ".join(left[-k:] + [item["target"]] + right[:k])


def whole_sentence(item: dict) -> str:
    return label(polarity(item["sentence"])["compound"])


def window8(item: dict) -> str:
    return label(polarity(window(item))["compound"])


def chosen(item: dict) -> str:
    return label(tone_toward(item["sentence"], item["target_start"], item["target_end"]))


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    per_class = f1_score(gold, pred, labels=list(CLASSES), average=None, zero_division=0)
    out = {
        "accuracy": accuracy_score(gold, pred),
        "macro_f1": f1_score(gold, pred, labels=list(CLASSES), average="macro", zero_division=0),
    }
    out.update({f"f1_{c[:3]}": float(v) for c, v in zip(CLASSES, per_class)})
    return out


def time_per_call(fn: Callable[[dict], object], items: list[dict], repeats: int = 3) -> float:
    """Best-of-``repeats`` microseconds per call over all items."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - t0)
    return best / len(items) * 1e6


def evaluate(items: list[dict]) -> list[tuple[str, dict[str, float], float | None]]:
    gold = [x["label"] for x in items]
    majority = Counter(gold).most_common(1)[0][0]
    chosen(items[0])  # load VADER and the model outside the timings
    rows: list[tuple[str, dict[str, float], float | None]] = [
        (f"majority class ({majority})", scores(gold, [majority] * len(gold)), None)
    ]
    methods = (
        ("VADER whole sentence", whole_sentence),
        ("VADER +-8-word window", window8),
        ("tone_toward (chosen)", chosen),
    )
    for name, fn in methods:
        rows.append((name, scores(gold, [fn(x) for x in items]), time_per_call(fn, items)))
    # the marginal cost when the pipeline has scored the sentence already
    pre = [(x, polarity(x["sentence"])) for x in items]

    def with_scores(pair: tuple[dict, dict]) -> float:
        x, s = pair
        return tone_toward(x["sentence"], x["target_start"], x["target_end"], sentence_scores=s)

    rows.append(("  tone_toward given sentence_scores", {}, time_per_call(with_scores, pre)))
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else DEFAULT_TEST
    items = read_items(path)
    print(f"NewsMTSC {path.name}: {len(items)} items "
          f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(x['label'] for x in items).items()))})")
    header = f"{'method':36s} {'acc':>6s} {'macroF1':>8s} {'F1neg':>6s} {'F1neu':>6s} {'F1pos':>6s} {'us/call':>8s}"
    print(header)
    print("-" * len(header))
    for name, s, us in evaluate(items):
        cells = [f"{s[k]:6.3f}" if k in s else f"{'':6s}" for k in ("accuracy",)]
        cells.append(f"{s['macro_f1']:8.3f}" if s else f"{'':8s}")
        cells += [f"{s[k]:6.3f}" if k in s else f"{'':6s}" for k in ("f1_neg", "f1_neu", "f1_pos")]
        cells.append(f"{us:8.0f}" if us is not None else f"{'-':>8s}")
        print(f"{name:36s} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

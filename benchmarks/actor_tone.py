"""Tone toward an actor, scored on real multi-outlet news: how far framing's ``about`` tone
tracks annotators' judgement of how an article treats a person.

    python benchmarks/actor_tone.py [--json]

Data: basil-dev (../shared/benchmarks/basil-dev; BASIL, Fan et al., "In Plain Sight: Media
Bias Through the Lens of Factual Reporting", EMNLP 2019), 34 events x 3 outlets, each
event's actors lexicon (basil-dev/actors/<event>.toml). A development set: a larger part of
the same corpus is measured apart.

Two figures:

* **article feelings** (gold_feelings.jsonl): for each article and main person that the
  actors lexicon holds, the annotated feeling of the author (neg / neu / pos; about three
  quarters neutral). framing's value is the article's ``about`` tone toward the actor (the
  mean over the sentences about them; 0 where there is none). Printed: Spearman's rho
  against neg = -1, neu = 0, pos = 1, the recall of negative and of positive articles
  (``label`` of the value, +-0.05 as VADER) and the same for the baseline, the article's
  mean VADER tone over its body sentences.
* **target spans** (gold_targets.jsonl): spans annotated with a polarity (pos / neg)
  toward a target person; where the target's surname is written in the span's sentence,
  the share whose sign framing's target-aware judgement (``sentiment.tone_toward`` on the
  sentence, at the target's name) gets right, against VADER on the whole sentence. A
  neutral judgement counts as wrong, as it does for VADER.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from framing.lexicons import load_lexicons  # noqa: E402
from framing.pipeline import Analyzer  # noqa: E402
from framing.sentiment import label, polarity, tone_toward  # noqa: E402
from framing.types import Article  # noqa: E402

BASIL = ROOT.parent / "shared" / "benchmarks" / "basil-dev"
VALUE = {"neg": -1, "neu": 0, "pos": 1}


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def spearman(x: list[float], y: list[float]) -> float:
    from scipy.stats import spearmanr

    rho = spearmanr(x, y).statistic
    return round(float(rho), 3) if rho == rho else 0.0


def analyses(data: Path = BASIL) -> dict[str, tuple[dict, object]]:
    """Article id -> (corpus record, framing's analysis with its event's actors)."""
    out = {}
    analyzers: dict[str, Analyzer] = {}
    for d in _read(data / "corpus.jsonl"):
        event = d["event"]
        if event not in analyzers:
            analyzers[event] = Analyzer(load_lexicons([data / "actors" / f"{event}.toml"]))
        out[d["id"]] = (d, analyzers[event].analyze_article(Article(d["id"], d["outlet"], d.get("title", ""), d["text"])))
    return out


def _recall(gold: list[str], pred: list[str], cls: str) -> float | None:
    hits = [p == cls for g, p in zip(gold, pred) if g == cls]
    return round(sum(hits) / len(hits), 3) if hits else None


def run_feelings(done: dict, data: Path = BASIL) -> dict:
    gold, about, base, has_value = [], [], [], 0
    for g in _read(data / "gold_feelings.jsonl"):
        if not g.get("actor_id") or g["article"] not in done:
            continue
        _, a = done[g["article"]]
        scores = [t.compound for t in a.about if t.actor_id == g["actor_id"]]
        body = [t.compound for t in a.tones if t.role == "body"]
        has_value += bool(scores)
        gold.append(g["label"])
        about.append(sum(scores) / len(scores) if scores else 0.0)
        base.append(sum(body) / len(body) if body else 0.0)
    y = [VALUE[g] for g in gold]

    def figures(values: list[float]) -> dict:
        pred = [label(v)[:3] for v in values]
        return {"spearman": spearman(values, y), "recall_neg": _recall(gold, pred, "neg"), "recall_pos": _recall(gold, pred, "pos"), "recall_neu": _recall(gold, pred, "neu")}

    return {"n": len(gold), "with_value": has_value, "labels": dict(sorted(Counter(gold).items())), "about": figures(about), "article_vader": figures(base)}


def run_targets(done: dict, data: Path = BASIL) -> dict:
    right = Counter()
    n = 0
    for g in _read(data / "gold_targets.jsonl"):
        if g["article"] not in done:
            continue
        d, _ = done[g["article"]]
        sentence = d["text"][g["sentence_start"] : g["sentence_end"]]
        surname = g["target_name"].split()[-1] if g.get("target_name") else ""
        m = re.search(rf"\b{re.escape(surname)}\b", sentence) if surname else None
        if m is None:
            continue
        n += 1
        sign = "positive" if g["polarity"] == "pos" else "negative"
        right["tone_toward"] += label(tone_toward(sentence, m.start(), m.end())) == sign
        right["sentence_vader"] += label(polarity(sentence)["compound"]) == sign
    return {"n": n, **{k: round(v / n, 3) if n else None for k, v in sorted(right.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not BASIL.is_dir():
        print(f"basil-dev not found at {BASIL}", file=sys.stderr)
        return 2
    done = analyses()
    out = {"feelings": run_feelings(done), "targets": run_targets(done)}
    if args.json:
        print(json.dumps(out, indent=1, sort_keys=True))
        return 0
    f = out["feelings"]
    print(f"basil-dev article feelings: {f['n']} article x actor pairs ({f['with_value']} with an about value), labels {f['labels']}")
    print(f"{'value':24s} {'Spearman':>9s} {'rec neg':>8s} {'rec neu':>8s} {'rec pos':>8s}")
    for name, key in (("about tone (framing)", "about"), ("article mean VADER", "article_vader")):
        r = f[key]
        print(f"{name:24s} {r['spearman']:9.3f} " + " ".join(f"{r[k]:8.3f}" if r[k] is not None else f"{'-':>8s}" for k in ("recall_neg", "recall_neu", "recall_pos")))
    t = out["targets"]
    print(f"basil-dev target spans with the target named in the sentence: {t['n']}; sign right: tone_toward {t['tone_toward']:.3f}, sentence VADER {t['sentence_vader']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Attribution benchmark: framing.quotes against PolNeAR's annotated attributions.

Data: PolNeAR v1.0.0 test split (Newell, Margolin & Ruths, "An Attribution Relations
Corpus for Political News", LREC 2018), 84 US political articles with every attribution
annotated (source, cue, content). Kinds: direct (one quotation), mixed (partial quotes
inside paraphrase), indirect (reported speech, thoughts, intentions).

For each gold kind the script prints:
  found   share of gold attributions with a predicted quote overlapping its content spans;
  speaker share found AND the predicted speaker span overlaps a gold source span (for a
          quote that continues another and has no speaker of its own, the speaker of the
          quote it continues is used);
and the same for a naive baseline (quote marks + the word next to the nearest "said").
Precision-style figures: the share of predicted quotes (by predicted kind) that overlap
any gold content. For indirect attributions the figures are split by the class of the
gold cue in the lexicon (speech verbs, thought/intention verbs, evidence verbs, phrases
such as "according to", and cues the lexicon does not cover).

    python benchmarks/attribution.py [--data DIR] [--articles N] [--per-article]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from framing.types import SPEECH_CLASSES  # noqa: E402
from framing.quotes import AttributionRules, QuoteCandidate, extract_quotes, load_default_rules  # noqa: E402
from framing.lexicons import load_lexicons  # noqa: E402
from framing.pipeline import Analyzer  # noqa: E402
from framing.text.segment import split  # noqa: E402
from framing.types import Article  # noqa: E402
from framing.types import Span  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/benchmarks/attribution"
KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True)
class Gold:
    article: str
    kind: str
    content: tuple[Span, ...]
    source: tuple[Span, ...]
    cue: str


def load_gold(data: Path) -> tuple[dict[str, str], list[Gold]]:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((data / "articles").glob("*.txt"))}
    gold = []
    with open(data / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            gold.append(
                Gold(
                    d["article"],
                    d["kind"],
                    tuple(Span(a, b) for a, b in d["content_spans"]),
                    tuple(Span(a, b) for a, b in d["source_spans"]),
                    d["cue"] or "",
                )
            )
    return texts, gold


def effective_speaker(quotes: list[QuoteCandidate], n: int) -> Span | None:
    """The quote's speaker span, or that of the quote it continues (followed to the start)."""
    seen = set()
    while n is not None and n not in seen:
        seen.add(n)
        q = quotes[n]
        if q.speaker_span is not None:
            return q.speaker_span
        n = q.continues
    return None


# A naive baseline: quote marks, and the word next to the nearest "said".
_NAIVE_QUOTE = re.compile(r"[\"“”]([^\"“”\n]{1,2000})[\"“”]|''([^'\n]{1,2000})''")
_SAID = re.compile(r"\bsaid\b")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)[\s,]*$")
_WORD_AFTER = re.compile(r"^\s*([A-Za-z][\w.'’-]*)")


def naive_quotes(text: str) -> list[tuple[Span, Span | None]]:
    saids = [m.start() for m in _SAID.finditer(text)]
    out = []
    for m in _NAIVE_QUOTE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        span = Span(m.start(g), m.end(g))
        speaker = None
        if saids:
            s = min(saids, key=lambda x: min(abs(x - span.start), abs(x - span.end)))
            before = _WORD_BEFORE.search(text[max(0, s - 60) : s])
            if before and not text[s - 2 : s].strip() in ("”", '"', ",”", ',"'):
                speaker = Span(s - len(text[max(0, s - 60) : s]) + before.start(1), s - len(text[max(0, s - 60) : s]) + before.end(1))
            else:
                after = _WORD_AFTER.match(text[s + 4 : s + 64])
                if after:
                    speaker = Span(s + 4 + after.start(1), s + 4 + after.end(1))
        out.append((span, speaker))
    return out


def cue_class(rules: AttributionRules, cue: str) -> str:
    """Class of a gold cue by its words: speech, thought (thought/intention), evidence, phrase, uncovered."""
    words = re.findall(r"[\w']+", cue.lower().replace("’", "'"))
    text = " ".join(words)
    for phrase in rules.source_after + rules.passive_quoted:
        if phrase in text:
            return "phrase"
    for w in words:
        cls = rules.forms.get(w, (None, ""))[1]
        if cls:
            if cls in SPEECH_CLASSES:
                return "speech"
            return "thought" if cls in ("thought", "intention") else "evidence"
    return "uncovered"


def run(data: Path, rules: AttributionRules | None = None, limit: int | None = None, pipeline: bool = True) -> dict:
    """Score the extractor (and the naive baseline) on the benchmark; return the figures."""
    rules = rules or load_default_rules()
    texts, gold = load_gold(data)
    articles = sorted(texts)[:limit] if limit else sorted(texts)
    keep = set(articles)
    gold = [g for g in gold if g.article in keep]
    predicted: dict[str, list] = {}
    naive: dict[str, list[tuple[Span, Span | None]]] = {}
    analyzer = Analyzer(load_lexicons()) if pipeline else None
    for aid in articles:
        text = texts[aid]
        if analyzer is not None:
            # The path of `framing quotes`: line roles, segmentation, extraction, speaker resolution.
            predicted[aid] = list(analyzer.analyze_article(Article(aid, aid.split("_", 1)[0], "", text)).quotes)
        else:
            paragraphs, sentences = split(text, aid)
            predicted[aid] = extract_quotes(text, paragraphs, sentences, rules)
        naive[aid] = naive_quotes(text)

    stats: dict[str, Counter] = defaultdict(Counter)
    for g in gold:
        keys = [g.kind]
        if g.kind == "indirect":
            keys.append("indirect:" + cue_class(rules, g.cue))
        qs = predicted[g.article]
        found = [n for n, q in enumerate(qs) if any(q.span.overlaps(c) for c in g.content)]
        right = any((sp := (qs[n].speaker_span if pipeline else effective_speaker(qs, n))) is not None and any(sp.overlaps(s) for s in g.source) for n in found)
        nv = [(sp, spk) for sp, spk in naive[g.article] if any(sp.overlaps(c) for c in g.content)]
        nright = any(spk is not None and any(spk.overlaps(s) for s in g.source) for _, spk in nv)
        for k in keys:
            st = stats[k]
            st["n"] += 1
            st["found"] += bool(found)
            st["right"] += right
            st["naive_found"] += bool(nv)
            st["naive_right"] += nright
            st["has_source"] += bool(g.source)

    by_article = defaultdict(list)
    for g in gold:
        by_article[g.article].append(g)
    prec: dict[str, Counter] = defaultdict(Counter)
    for aid, qs in predicted.items():
        for q in qs:
            hit = any(q.span.overlaps(c) for g in by_article[aid] for c in g.content)
            for k in (q.kind, "all"):
                prec[k]["n"] += 1
                prec[k]["hit"] += hit
    nprec = Counter()
    for aid, qs in naive.items():
        for sp, _ in qs:
            nprec["n"] += 1
            nprec["hit"] += any(sp.overlaps(c) for g in by_article[aid] for c in g.content)

    def share(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    result = {"articles": len(articles), "kinds": {}, "precision": {}, "naive_precision": share(nprec["hit"], nprec["n"])}
    for k, st in sorted(stats.items()):
        result["kinds"][k] = {
            "n": st["n"],
            "found": share(st["found"], st["n"]),
            "speaker": share(st["right"], st["n"]),
            "naive_found": share(st["naive_found"], st["n"]),
            "naive_speaker": share(st["naive_right"], st["n"]),
            "with_source": share(st["has_source"], st["n"]),
        }
    for k, st in sorted(prec.items()):
        result["precision"][k] = {"n": st["n"], "overlaps_gold": share(st["hit"], st["n"])}
    return result


def print_table(result: dict) -> None:
    print(f"PolNeAR v1.0.0 test split, {result['articles']} articles (Newell, Margolin & Ruths, LREC 2018)")
    print(f"{'gold kind':<22}{'n':>6}{'found':>8}{'speaker':>9}{'naive found':>13}{'naive spk':>11}{'has source':>12}")
    order = [k for k in KINDS if k in result["kinds"]] + sorted(k for k in result["kinds"] if k not in KINDS)
    for k in order:
        r = result["kinds"][k]
        label = k if k in KINDS else "  " + k
        print(f"{label:<22}{r['n']:>6}{r['found']:>8.2f}{r['speaker']:>9.2f}{r['naive_found']:>13.2f}{r['naive_speaker']:>11.2f}{r['with_source']:>12.2f}")
    print()
    print("predicted quotes overlapping any gold content (precision-style):")
    for k, r in result["precision"].items():
        print(f"  {k:<10}{r['n']:>6}{r['overlaps_gold']:>8.2f}")
    print(f"  {'naive':<10}{'':>6}{result['naive_precision']:>8.2f}")
    print()
    print("indirect cue classes: speech = neutral/distancing/emphatic verbs; thought = thought and")
    print("intention verbs; evidence = show/find...; phrase = according to...; uncovered = cue not in the")
    print("lexicon (nominal cues such as 'news', 'allegations', ':' and rare verbs). 'has source' is the")
    print("ceiling for 'speaker': PolNeAR attributions without a source span cannot be scored right.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder (default: %(default)s)")
    ap.add_argument("--articles", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--extractor-only", action="store_true", help="score framing.quotes.extract_quotes alone, without line roles and speaker resolution")
    args = ap.parse_args(argv)
    if not (args.data / "gold.jsonl").exists():
        print(f"Error: no gold.jsonl in {args.data}", file=sys.stderr)
        return 1
    result = run(args.data, limit=args.articles, pipeline=not args.extractor_only)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Attribution benchmark: who speaks, scored on annotated news nobody on this project wrote.

Three data sets (../shared/benchmarks/README.md says where each comes from):

* ``test``: PolNeAR v1.0.0 test split (Newell, Margolin & Ruths, "An Attribution Relations
  Corpus for Political News", LREC 2018), 84 articles, every attribution annotated
  (source, cue, content). Report final figures here only.
* ``dev``: the PolNeAR dev split (../shared/quote_benchmark), 56 articles; develop here.
* ``basil``: basil-dev (BASIL, Fan et al., EMNLP 2019), 34 events x 3 outlets, quoted spans
  with the person who said them; develop here.

PolNeAR figures, by ``form`` (direct: all content words inside quote marks; partial: some;
reported: none), each a share of the gold attributions of the form:

  found any   a predicted quote overlaps the content;
  found half  one predicted quote covers at least half of the content's characters (the
              rule of ../shared/quote_benchmark/score.py);
  spk any     found any and such a prediction's speaker mention overlaps the source span;
  spk half    found half and such a prediction's speaker mention overlaps the source span
              (the acceptance figure, as score.py counts it);
  F1 overlap  content token F1 (tokens = word-character runs, as PARC and Citron count):
              precision = predicted tokens inside the content of the attribution the
              prediction overlaps most, recall = content tokens inside some prediction;
  F1 exact    precision = share of predictions whose tokens are exactly their attribution's,
              recall = share of attributions some prediction matches exactly.

Precision: the predictions that overlap no annotated content, and of them those with a
speaker (words put in someone's mouth), as shares of all predictions.

basil-dev: for each quoted span annotated with a named speaker, "found" = some counted
quote (one that gives its speaker the microphone) overlaps the span; "right" = found and
that quote's speaker is the annotated person. Names match when, after accents and case are
folded, the annotated name and the speaker's name (its canonical name, or the mention as
written) end in the same word (the surname) and neither has a first name the other
contradicts ("Hillary Clinton" is not "Bill Clinton"; "Clinton" alone matches either, and
only the actors lexicon, when given, says which). Run with each event's actors lexicon
(basil-dev/actors/<event>.toml) and without any.

    python benchmarks/attribution.py [--split test|dev|basil|all] [--json] [--by-outlet]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from framing.lexicons import load_lexicons  # noqa: E402
from framing.measures.quotes import counts_as_speaker  # noqa: E402
from framing.pipeline import Analyzer  # noqa: E402
from framing.types import Article, Span  # noqa: E402

SHARED = ROOT.parent / "shared"
SPLITS = {
    "test": SHARED / "benchmarks/attribution",
    "dev": SHARED / "quote_benchmark",
    "basil": SHARED / "benchmarks/basil-dev",
}
FORMS = ("direct", "partial", "reported")
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Gold:
    article: str
    outlet: str
    form: str
    content: tuple[Span, ...]
    source: tuple[Span, ...]


def load_polnear(data: Path) -> tuple[dict[str, str], list[Gold]]:
    """Article texts and gold attributions of a PolNeAR folder (test or dev layout)."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((data / "articles").glob("*.txt"))}
    gold = []
    with open(data / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                source = d.get("source_spans", d.get("speaker_spans")) or []
                gold.append(Gold(d["article"], d["article"].split("_", 1)[0], d.get("form", d["kind"]), tuple(Span(a, b) for a, b in d["content_spans"]), tuple(Span(a, b) for a, b in source)))
    return texts, gold


def _tokens(text: str, spans) -> set[int]:
    """Start offsets of the word tokens inside the spans."""
    return {m.start() for s in spans for m in _TOKEN.finditer(text, s.start, s.end)}


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score_polnear(texts: dict[str, str], gold: list[Gold], predicted: dict[str, list]) -> dict:
    """The figures of the module docstring for one PolNeAR split."""
    stats: dict[str, Counter] = defaultdict(Counter)
    by_article: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        by_article[g.article].append(g)
    for g in gold:
        text, qs = texts[g.article], predicted[g.article]
        size = sum(c.end - c.start for c in g.content)
        touching = [q for q in qs if any(_overlap(q.span, c) for c in g.content)]
        half = [q for q in touching if 2 * sum(_overlap(q.span, c) for c in g.content) >= size]

        def right(cands) -> bool:
            return any(q.speaker_span is not None and any(q.speaker_span.overlaps(s) for s in g.source) for q in cands)

        gtok = _tokens(text, g.content)
        covered = set().union(*(_tokens(text, [q.span]) for q in touching)) & gtok if touching else set()
        for key in (g.form, "all"):
            st = stats[key]
            st["n"] += 1
            st["found_any"] += bool(touching)
            st["found_half"] += bool(half)
            st["speaker_any"] += right(touching)
            st["speaker_half"] += right(half)
            st["has_source"] += bool(g.source)
            st["gold_tokens"] += len(gtok)
            st["gold_tokens_covered"] += len(covered)
            st["exact_gold"] += any(_tokens(text, [q.span]) == gtok for q in touching)
    spurious = Counter()
    for aid, qs in predicted.items():
        text = texts[aid]
        for q in qs:
            spurious["predictions"] += 1
            best = max(by_article[aid], key=lambda g: sum(_overlap(q.span, c) for c in g.content), default=None)
            if best is None or not any(_overlap(q.span, c) for c in best.content):
                spurious["none"] += 1
                spurious["none_with_speaker"] += bool(q.speaker_id)
                spurious["none_counted"] += counts_as_speaker(q)
                continue
            ptok, gtok = _tokens(text, [q.span]), _tokens(text, best.content)
            for key in (best.form, "all"):
                stats[key]["pred_tokens"] += len(ptok)
                stats[key]["pred_tokens_inside"] += len(ptok & gtok)
                stats[key]["predictions"] += 1
                stats[key]["exact_pred"] += ptok == gtok

    def share(a, b) -> float:
        return round(a / b, 3) if b else 0.0

    def f1(p, r) -> float:
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    forms = {}
    for key in (*FORMS, "all"):
        st = stats[key]
        p, r = share(st["pred_tokens_inside"], st["pred_tokens"]), share(st["gold_tokens_covered"], st["gold_tokens"])
        pe, re_ = share(st["exact_pred"], st["predictions"]), share(st["exact_gold"], st["n"])
        forms[key] = {
            "n": st["n"],
            "found_any": share(st["found_any"], st["n"]),
            "found_half": share(st["found_half"], st["n"]),
            "speaker_any": share(st["speaker_any"], st["n"]),
            "speaker_half": share(st["speaker_half"], st["n"]),
            "content_f1_overlap": f1(p, r),
            "content_f1_exact": f1(pe, re_),
            "has_source": share(st["has_source"], st["n"]),
        }
    n = spurious["predictions"]
    return {
        "articles": len(texts),
        "forms": forms,
        "predictions": n,
        "overlap_no_attribution": share(spurious["none"], n),
        "overlap_no_attribution_with_speaker": share(spurious["none_with_speaker"], n),
        "overlap_no_attribution_counted": share(spurious["none_counted"], n),
    }


def run_polnear(data: Path, limit: int | None = None) -> dict:
    """Score framing's quotes (the path of ``framing quotes``) on a PolNeAR folder."""
    texts, gold = load_polnear(data)
    if limit:
        keep = set(sorted(texts)[:limit])
        texts = {k: v for k, v in texts.items() if k in keep}
        gold = [g for g in gold if g.article in keep]
    analyzer = Analyzer(load_lexicons())
    # the first line of a PolNeAR article is its headline: given as the title, it is read as one
    predicted = {aid: list(analyzer.analyze_article(Article(aid, aid.split("_", 1)[0], texts[aid].split("\n", 1)[0], texts[aid])).quotes) for aid in sorted(texts)}
    return score_polnear(texts, gold, predicted)


# --------------------------------------------------------------------------------------
# basil-dev: quotes of named people
# --------------------------------------------------------------------------------------


def _fold(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[a-z]+", text)


def same_person(annotated: str, predicted: str) -> bool:
    """Whether a predicted speaker name names the annotated person (see the module docstring)."""
    a, p = _fold(annotated), _fold(predicted)
    if not a or not p or a[-1] != p[-1]:
        return False
    first_a, first_p = a[:-1], p[:-1]
    return not first_a or not first_p or first_a[0] == first_p[0] or first_a[0] in first_p or first_p[0] in first_a


def run_basil(data: Path, *, actors: bool) -> dict:
    corpus = [json.loads(line) for line in open(data / "corpus.jsonl", encoding="utf-8") if line.strip()]
    gold = [g for g in (json.loads(line) for line in open(data / "gold_quotes.jsonl", encoding="utf-8") if line.strip()) if g["named"]]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    stats: dict[str, Counter] = defaultdict(Counter)
    analyzers: dict[str, Analyzer] = {}
    for d in corpus:
        if d["id"] not in by_article:
            continue
        event = d["event"]
        if event not in analyzers:
            paths = [data / "actors" / f"{event}.toml"] if actors else []
            analyzers[event] = Analyzer(load_lexicons(paths))
        analysis = analyzers[event].analyze_article(Article(d["id"], d["outlet"], d.get("title", ""), d["text"]))
        quotes = [q for q in analysis.quotes if counts_as_speaker(q)]
        for g in by_article[d["id"]]:
            span = Span(g["start"], g["end"])
            hits = [q for q in quotes if _overlap(q.span, span)]
            ok = any(same_person(g["speaker_name"], q.speaker) or q.speaker_span is not None and same_person(g["speaker_name"], d["text"][q.speaker_span.start : q.speaker_span.end]) for q in hits)
            for key in (d["outlet"], "all"):
                stats[key]["n"] += 1
                stats[key]["found"] += bool(hits)
                stats[key]["right"] += ok
    return {k: {"n": st["n"], "found": round(st["found"] / st["n"], 3), "right": round(st["right"] / st["n"], 3)} for k, st in sorted(stats.items())}


# --------------------------------------------------------------------------------------


def print_polnear(name: str, r: dict) -> None:
    print(f"{name}: {r['articles']} articles, {r['predictions']} predictions")
    head = ("form", "n", "found any", "found half", "spk any", "spk half", "F1 overlap", "F1 exact", "has source")
    print(f"{head[0]:<10}" + "".join(f"{h:>12}" for h in head[1:]))
    for k, f in r["forms"].items():
        vals = (f["n"], f["found_any"], f["found_half"], f["speaker_any"], f["speaker_half"], f["content_f1_overlap"], f["content_f1_exact"], f["has_source"])
        print(f"{k:<10}{vals[0]:>12}" + "".join(f"{v:>12.2f}" for v in vals[1:]))
    print(f"predictions overlapping no attribution: {r['overlap_no_attribution']:.3f}; with a speaker: {r['overlap_no_attribution_with_speaker']:.3f}; counted: {r['overlap_no_attribution_counted']:.3f}")
    print()


def print_basil(name: str, r: dict) -> None:
    print(name)
    print(f"{'outlet':<18}{'n':>6}{'found':>8}{'right':>8}")
    for k, v in r.items():
        print(f"{k:<18}{v['n']:>6}{v['found']:>8.2f}{v['right']:>8.2f}")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all", help="which data set (default: all three)")
    ap.add_argument("--articles", type=int, default=None, help="PolNeAR: only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    names = list(SPLITS) if args.split == "all" else [args.split]
    for name in names:
        marker = SPLITS[name] / ("gold.jsonl" if name != "basil" else "gold_quotes.jsonl")
        if not marker.exists():
            print(f"Error: {marker} is missing (the benchmarks live in ../shared)", file=sys.stderr)
            return 1
    out = {}
    for name in names:
        if name == "basil":
            out["basil"] = {"with_actors": run_basil(SPLITS[name], actors=True), "no_actors": run_basil(SPLITS[name], actors=False)}
        else:
            out[name] = run_polnear(SPLITS[name], args.articles)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    titles = {"test": "PolNeAR v1.0.0 test split (Newell, Margolin & Ruths, LREC 2018)", "dev": "PolNeAR dev split (../shared/quote_benchmark)"}
    for name, r in out.items():
        if name == "basil":
            print_basil("basil-dev (BASIL, Fan et al. 2019): quotes of named people, each event's actors lexicon", r["with_actors"])
            print_basil("basil-dev: no actors lexicon", r["no_actors"])
        else:
            print_polnear(titles[name], r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

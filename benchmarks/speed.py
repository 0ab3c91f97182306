"""How fast is ``framing analyze`` against the floor every run must pay: VADER on every body
sentence?

Builds a synthetic JSONL corpus from the seeds (N articles over K outlets, each article a
seeded sample of the seeds' body paragraphs, so the text is real news prose), then in the
same run:

1. the bare VADER pass: vaderSentiment's ``SentimentIntensityAnalyzer.polarity_scores``
   over the same body sentences (segmentation done beforehand, outside the timing), and the
   same pass with ``framing.vader.Vader``, the faster port framing scores with (same
   scores; ``port_s``, ``ratio_port``);
2. the whole ``framing analyze`` in a fresh process (reading, cleaning, segmentation,
   mentions, quotes, tone, topics, comparison, report and exports), with ``--jobs`` and
   the seeds' own lexicons (the summit's actors and the topics).

It prints both times, their ratio, articles per minute, the peak memory of the analyze
process and its serial part (from the stderr line that says the comparison begins to the
end: what no per-article speed-up touches), in seconds and as a share of the run. ``--stages N`` also profiles the per-article stages over N articles in this
process (cProfile, so the shares matter more than the absolute times). Usage (from the
repository root):

    python benchmarks/speed.py --articles 2000 --outlets 5 --jobs 1
    python benchmarks/speed.py --articles 1000 10000 --jobs 2
    python benchmarks/speed.py --articles 1000 --stages 300
    python benchmarks/speed.py --articles 2000 --repeat 3
    python benchmarks/speed.py --cold 3

With ``--repeat R`` each pass is timed R times (floor and analyze alternated) and the
medians are printed: on a shared virtual machine the speed of the same work drifts by
10-30% within minutes, and a ratio of two single timings taken a minute apart drifts with
it.

``--cold R`` instead times the first run a user sees: ``framing quotes seeds`` and
``framing analyze seeds`` in a fresh process, best of R wall times (mostly imports at this
size), and lists the slowest imports of ``framing quotes seeds`` (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def seed_lexicons() -> list[Path]:
    """The lexicons the seeds' manifest names (the summit's actors and the topics): the
    synthetic articles are the seeds' paragraphs, so their actors are found and resolved as
    in a real run."""
    from framing.text import read_corpus

    return list(read_corpus(REPO / "seeds").lexicon_paths)


def seed_paragraphs() -> list[str]:
    """Body paragraphs of the seed articles, as the pipeline marks them."""
    from framing.text import read_corpus
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    corpus = read_corpus(REPO / "seeds")
    analyzer = Analyzer(load_lexicons(corpus.lexicon_paths))
    paragraphs = []
    for article in corpus.articles:
        _, _, paras, _ = analyzer.prepare(article)
        paragraphs += [article.text[p.span.start : p.span.end] for p in paras if p.role == "body"]
    return paragraphs


def build_corpus(path: Path, n: int, outlets: int, seed: int, paragraphs: list[str]) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 16)))
            record = {"id": f"a{i:06d}", "outlet": f"Outlet {i % outlets}", "title": f"Synthetic article {i}", "text": "\n".join(body) + "\n"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def body_sentences(path: Path) -> list[str]:
    from framing.text import read_corpus
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    analyzer = Analyzer(load_lexicons(seed_lexicons()))
    out = []
    for article in read_corpus(path).articles:
        _, _, _, sentences = analyzer.prepare(article)
        out += [article.text[s.span.start : s.span.end] for s in sentences if s.role == "body"]
    return out


def bare_vader(sentences: list[str], *, port: bool = False) -> float:
    """Seconds to score every sentence with vaderSentiment's analyzer, or with the faster
    port framing uses (``framing.vader``, same scores)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.vader import Vader

    analyzer = Vader() if port else SentimentIntensityAnalyzer()
    started = time.process_time()  # CPU seconds: the floor is one thread of pure Python
    for s in sentences:
        analyzer.polarity_scores(s)
    return time.process_time() - started


#: The line ``framing analyze`` writes to stderr when the stream of articles ends and the
#: serial part (comparison, tables, report) begins (cli/analysis.py).
SERIAL_STARTS = "Comparing the outlets"


def run_analyze(corpus: Path, out: Path, jobs: int, bootstrap: int) -> tuple[float, float, float, float]:
    """Wall time, CPU seconds (user + system, the process and its workers), peak RSS (MiB)
    and the serial part's wall seconds (from the line that says it begins to the end of the
    process) of one ``framing analyze`` in a fresh process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    serial_from = None
    with subprocess.Popen(
        [sys.executable, "-m", "framing", "analyze", str(corpus), "-o", str(out), "--jobs", str(jobs), "--bootstrap", str(bootstrap)]
        + [f"--lexicons={p}" for p in seed_lexicons()],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO,
    ) as run:
        for line in run.stderr:  # its progress lines, as they come
            if line.startswith(SERIAL_STARTS):
                serial_from = time.perf_counter()
    if run.returncode:
        raise SystemExit(f"framing analyze failed with exit code {run.returncode}")
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    serial = time.perf_counter() - serial_from if serial_from is not None else float("nan")
    return elapsed, usage.ru_utime + usage.ru_stime - cpu_before, max(usage.ru_maxrss, before) / 1024, serial


#: The per-article stages ``--stages`` reports: (label, file suffix, function name).
STAGES = (
    ("clean + segment", "framing/pipeline.py", "prepare"),
    ("actor mentions", "framing/actors.py", "find"),
    ("quote extraction", "framing/quotes/extract.py", "extract_quotes"),
    ("speaker resolution + quote tone", "framing/pipeline.py", "_attribute"),
    ("tone about actors (target-aware)", "framing/measures/tone.py", "about_tones"),
    ("topic terms", "framing/topics.py", "find"),
    ("digest", "framing/measures/digest.py", "digest_article"),
    ("VADER inside all of the above", "framing/vader.py", "polarity_scores"),
)


def stage_profile(corpus: Path, n: int) -> None:
    import cProfile
    import pstats

    from framing.text import read_corpus
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer

    loaded = read_corpus(corpus)
    analyzer = Analyzer(load_lexicons(seed_lexicons()))
    articles = list(loaded.articles[:n])
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        analyzer.analyze_and_digest(article)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    total = sum(tt for _, _, tt, _, _ in stats.values())
    print(f"per-article stages over {len(articles)} articles (cProfile; {total:.2f} s in all)")
    for label, suffix, name in STAGES:
        cumulative = sum(ct for (file, _, func), (_, _, _, ct, _) in stats.items() if func == name and file.endswith(suffix))
        print(f"  {label:34} {cumulative:6.2f} s  {100 * cumulative / total:5.1f}%")


#: The commands ``--cold`` times, each in a fresh process.
COLD_COMMANDS = (("quotes", "seeds"), ("analyze", "seeds", "--force"))


def cold_start(repeat: int, top: int = 8) -> None:
    """Best of ``repeat`` wall times of each of COLD_COMMANDS in a fresh process, and the
    ``top`` slowest imports (cumulative) of the first."""
    with tempfile.TemporaryDirectory() as tmp:
        for command in COLD_COMMANDS:
            args = [sys.executable, "-m", "framing", *command] + (["-o", str(Path(tmp) / "out")] if command[0] == "analyze" else [])
            times = []
            for _ in range(max(1, repeat)):
                started = time.perf_counter()
                subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
                times.append(time.perf_counter() - started)
            print(f"cold start  framing {' '.join(command):24} best {min(times):5.2f} s  (of {len(times)}: {', '.join(f'{t:.2f}' for t in times)})")
    if not top:
        return
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "framing", *COLD_COMMANDS[0]],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    imports = []  # (cumulative microseconds, module) of each "import time: self | cumulative | name" line
    for line in result.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if line.startswith("import time:") and len(fields) == 3 and fields[1].strip().isdigit():
            imports.append((int(fields[1]), fields[2].strip()))
    print(f"slowest imports of framing {' '.join(COLD_COMMANDS[0])} (cumulative):")
    for micros, module in sorted(imports, reverse=True)[:top]:
        print(f"  {micros / 1e6:6.3f} s  {module}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[2000])
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--bootstrap", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stages", type=int, default=0, metavar="N", help="also profile the per-article stages over N articles")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="R",
        help="time each pass R times, alternating floor and analyze, and report the medians (a shared machine's speed drifts)",
    )
    parser.add_argument(
        "--cold", type=int, default=0, metavar="R",
        help="only time the cold start of framing quotes/analyze seeds in a fresh process (best of R) and list the slowest imports",
    )
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-start lines a timed run prints first")
    args = parser.parse_args(argv)
    if args.cold:
        cold_start(args.cold)
        return
    if not args.no_cold:
        cold_start(3, top=0)
    paragraphs = seed_paragraphs()
    # vader_s / port_s: CPU seconds of the bare VADER pass (vaderSentiment / framing's port);
    # wall_s and cpu_s: framing analyze's wall time and CPU (all its processes); ms/art: CPU
    # per article; cpu_ratio: cpu_s / vader_s, the figure the speed targets name; serial_s:
    # wall seconds of the serial part (comparison, tables, report), serial% its share of wall_s
    print(f"{'articles':>8} {'jobs':>4} {'sentences':>9} {'vader_s':>8} {'port_s':>7} {'wall_s':>8} {'cpu_s':>8} {'ms/art':>7} {'cpu_ratio':>9} {'art/min':>8} {'peak_MiB':>8} {'serial_s':>8} {'serial%':>7}")
    times: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.articles:
            corpus = Path(tmp) / f"synthetic_{n}.jsonl"
            build_corpus(corpus, n, args.outlets, args.seed, paragraphs)
            sentences = body_sentences(corpus)
            runs = []
            for _ in range(max(1, args.repeat)):  # alternated, so a slow spell hits both
                runs.append((bare_vader(sentences), bare_vader(sentences, port=True), *run_analyze(corpus, Path(tmp) / f"out_{n}", args.jobs, args.bootstrap)))
            vader, port, elapsed, cpu = (statistics.median(r[k] for r in runs) for k in range(4))
            peak = max(r[4] for r in runs)
            serial = statistics.median(r[5] for r in runs)
            print(
                f"{n:>8} {args.jobs:>4} {len(sentences):>9} {vader:>8.2f} {port:>7.2f} {elapsed:>8.2f} {cpu:>8.2f} {1000 * cpu / n:>7.2f} "
                f"{cpu / vader:>9.2f} {60 * n / elapsed:>8.0f} {peak:>8.0f} {serial:>8.2f} {100 * serial / elapsed:>6.1f}%",
                flush=True,
            )
            times.append((n, elapsed))
            if args.stages:
                stage_profile(corpus, args.stages)
            os.remove(corpus)
    if len(times) > 1:
        (n0, t0), (n1, t1) = times[0], times[-1]
        print(f"scaling: {n1 / n0:.0f}x the articles ({n0} -> {n1}) took {t1 / t0:.2f}x the time")


if __name__ == "__main__":
    main()

"""Does one article's analysis take time linear in its size, and in the actors lexicon?

1. Builds synthetic articles (deterministic, seeded) with 1,000, 4,000 and 16,000 quotes:
   paragraphs such as ``"We will keep talking," Talia Brenner said on Monday.`` by many
   invented people, their short forms later on ("Brenner said ..."), reported speech
   ("Brenner said the talks would go on"), pronoun follow-ups (``"...," she added.``),
   honorifics ("Ms Brenner told reporters ...") and plain narration between them. Each is
   analysed with ``Analyzer(load_lexicons()).analyze_article`` (best of ``--repeat``) and
   the script prints quotes, sentences, seconds, seconds per 1k quotes and, between
   successive sizes, the ratio of time growth to size growth (1.0 = linear, 4.0 at 4x
   the size = quadratic).
2. Times one ordinary article (the first seed article) with the seeds' lexicons alone and
   with the seeds' lexicons plus a synthetic actors lexicon of ``--actors`` (5,000)
   invented actors, none of whom the article names.

``--check`` exits non-zero if, from the second-largest size to the largest, time grows
more than 1.5x faster than size (with the default sizes: a time ratio above 6 for 4x the
quotes). Usage (from the repository root):

    python benchmarks/article_scaling.py
    python benchmarks/article_scaling.py --sizes 500 2000 --repeat 2
    python benchmarks/article_scaling.py --check
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

_SYLLABLES = (
    "ba bel bri ca cor da del dor fa fen ga gor ha hel ja jor ka kel la len lor ma mar mel "
    "na nor pa pel ra ren ro sa sel ta tor va vel wen xa ya zor bran dell fitz gran holt "
    "kirk lind mott pratt quill rusk stav thorn vick wex"
).split()
_QUOTES = (
    "We will keep talking",
    "This is a good day for both sides",
    "Nobody wants a long and painful fight",
    "The plan is sound and it will work",
    "We are deeply worried about the delays",
    "There is no reason to panic",
    "I am proud of what the team achieved",
    "The offer was unfair and we rejected it",
    "Talks will resume next week",
    "It was a frank and useful meeting",
)
_REPORTED = (
    "the talks would continue next month",
    "the budget was a disaster for families",
    "the agreement would help local farmers",
    "the decision was taken too quickly",
    "the council had acted in good faith",
)
_NARRATION = (
    "The meeting ended late in the evening.",
    "Rain fell over the harbour for most of the day.",
    "Several delegations arrived by train from the north.",
    "The hall was full long before the session began.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def invented_people(n: int, seed: int) -> list[tuple[str, str, str]]:
    """``n`` distinct (first name, surname, gender) of invented people."""
    rng = random.Random(seed)
    people, seen_first, seen_last = [], set(), set()
    while len(people) < n:
        first, last = _word(rng, rng.choice((2, 3))), _word(rng, rng.choice((2, 3)))
        if first in seen_first or last in seen_last or first == last:
            continue  # distinct short forms, so "Brenner said" has one owner
        seen_first.add(first)
        seen_last.add(last)
        people.append((first, last, rng.choice(("male", "female"))))
    return people


def synthetic_article(quotes: int, seed: int = 0):
    """An Article of ``quotes`` quotes (one per paragraph) by ``quotes // 6`` invented people,
    with a paragraph of narration after every fourth quote."""
    from framing.types import Article

    rng = random.Random(seed)
    people = invented_people(max(8, quotes // 6), seed + 1)
    met: list[int] = []  # people already introduced by full name
    paragraphs: list[str] = []
    last: int | None = None
    for n in range(1, quotes + 1):  # one quote per paragraph
        q = rng.choice(_QUOTES)
        roll = rng.random()
        if not met or roll < 0.3:
            k = rng.randrange(len(people))
            first, surname, _ = people[k]
            paragraphs.append(f'"{q}," {first} {surname} said on {rng.choice(_DAYS)}.')
            met.append(k)
        elif roll < 0.5:
            k = rng.choice(met)
            paragraphs.append(f'"{q}," {people[k][1]} said.')
        elif roll < 0.65:
            k = rng.choice(met)
            paragraphs.append(f"{people[k][1]} said {rng.choice(_REPORTED)}.")
        elif roll < 0.8 and last is not None:
            k = last
            pronoun = "he" if people[k][2] == "male" else "she"
            paragraphs.append(f'"{q}," {pronoun} added.')
        else:
            k = rng.choice(met)
            honorific = "Mr" if people[k][2] == "male" else "Ms"
            paragraphs.append(f"{honorific} {people[k][1]} told reporters {rng.choice(_REPORTED)}.")
        last = k
        if n % 4 == 0:
            paragraphs.append(rng.choice(_NARRATION))
    text = "Talks go on in the harbour town\n" + "\n".join(paragraphs) + "\n"
    return Article(id=f"synthetic_{quotes}", outlet="Synthetic Daily", title="Talks go on in the harbour town", text=text)


def best_time(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        gc.collect()
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def synthetic_actors(n: int, seed: int):
    """An actors lexicon of ``n`` invented actors with aliases, titles and descriptors."""
    from framing.lexicons import ActorsLexicon
    from framing.types import Actor

    rng = random.Random(seed)
    actors = []
    for i, (first, last, gender) in enumerate(invented_people(n, seed + 7)):
        actors.append(
            Actor(
                id=f"synthetic_actor_{i}",
                name=f"{first} {last}",
                aliases=(f"{first[0]}. {last}",),
                surname=last,
                titles=(rng.choice(("Minister", "Senator", "Governor", "President")),),
                descriptors=(f"the {last.lower()} envoy",),
                gender=gender,  # type: ignore[arg-type]
                type=rng.choice(("government", "expert", "business")),
                lexicon="synthetic_actors",
            )
        )
    return ActorsLexicon(id="synthetic_actors", label="Synthetic actors", actors=tuple(actors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000], help="quotes per synthetic article")
    parser.add_argument("--repeat", type=int, default=2, help="time each article this many times, keep the best")
    parser.add_argument("--actors", type=int, default=5000, help="synthetic actors added for the lexicon-size timing (0: skip it)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="exit 1 if growth between the two largest sizes is worse than 1.5x linear")
    args = parser.parse_args(argv)

    from framing.text import read_corpus
    from framing.lexicons import load_lexicons
    from framing.pipeline import Analyzer, fewer_collections

    analyzer = Analyzer(load_lexicons())
    analyzer.analyze_article(synthetic_article(20, args.seed))  # load VADER, Punkt and the tone model first
    rows = []
    print(f"{'quotes':>7} {'sentences':>9} {'seconds':>8} {'s/1k quotes':>11} {'growth/size':>11}")
    with fewer_collections():  # as framing analyze runs articles
        for size in sorted(args.sizes):
            article = synthetic_article(size, args.seed)
            seconds, analysis = best_time(lambda: analyzer.analyze_article(article), args.repeat)
            n_quotes, n_sentences = len(analysis.quotes), len(analysis.sentences)
            growth = ""
            if rows:
                q0, _, t0 = rows[-1]
                growth = f"{(seconds / t0) / (n_quotes / q0):.2f}"
            rows.append((n_quotes, n_sentences, seconds))
            print(f"{n_quotes:>7} {n_sentences:>9} {seconds:>8.3f} {1000 * seconds / n_quotes:>11.4f} {growth:>11}", flush=True)

        if args.actors:
            corpus = read_corpus(REPO / "seeds")
            article = corpus.articles[0]
            seeds = load_lexicons(corpus.lexicon_paths)
            extra = replace(seeds, actor_lexicons=(*seeds.actor_lexicons, synthetic_actors(args.actors, args.seed)))
            plain_t, _ = best_time(lambda: Analyzer(seeds), 1)
            plain = Analyzer(seeds)
            big_build, big = best_time(lambda: Analyzer(extra), 1)
            small_s, a1 = best_time(lambda: plain.analyze_article(article), max(3, args.repeat))
            big_s, a2 = best_time(lambda: big.analyze_article(article), max(3, args.repeat))
            same = a1.quotes == a2.quotes and a1.mentions == a2.mentions and a1.about == a2.about
            print()
            print(f"one seed article ({article.id}, {len(article.text)} characters, {len(a1.quotes)} quotes)")
            print(f"  seeds' lexicons ({len(seeds.actors)} actors):      analyze {1000 * small_s:7.1f} ms   (Analyzer built in {plain_t:.2f} s)")
            print(f"  + {args.actors} synthetic actors ({len(extra.actors)}): analyze {1000 * big_s:7.1f} ms   (Analyzer built in {big_build:.2f} s)")
            print(f"  per-article cost of the extra actors: {1000 * (big_s - small_s):.1f} ms; same analysis: {same}")

    if args.check and len(rows) > 1:
        (q0, _, t0), (q1, _, t1) = rows[-2], rows[-1]
        ratio, size_ratio = t1 / t0, q1 / q0
        if ratio > 1.5 * size_ratio:
            print(f"FAIL: {size_ratio:.1f}x the quotes took {ratio:.1f}x the time (limit {1.5 * size_ratio:.1f}x)")
            return 1
        print(f"ok: {size_ratio:.1f}x the quotes took {ratio:.1f}x the time (limit {1.5 * size_ratio:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

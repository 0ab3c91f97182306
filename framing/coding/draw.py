"""Draw a stratified random sample of what framing found, for hand-checking.

The strata are outlet x kind (quote form, mention type, topic, tone label). The sample is
allocated to strata in proportion to their size (largest remainders), with at least one
item from every stratum while ``n`` allows, so the pooled share confirmed is close to the
corpus's own and every outlet and kind is seen; the stratum sizes go into the sample file,
so ``framing score`` can also weight by them. Within a stratum the draw is a seeded
permutation (numpy ``default_rng(seed)``): same corpus, same ``n`` and seed, same sample.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from .. import __version__
from ..errors import FramingError
from ..measures.quotes import SPEECH_KINDS, counts_as_speaker
from ..sentiment import label
from ..types import ArticleAnalysis, Span
from .items import WHATS, Item, Mark, Sample


def draw_sample(analyses: Sequence[ArticleAnalysis], what: str, n: int, *, seed: int = 0, corpus: str = "", names: dict[str, str] | None = None, topics: dict[str, str] | None = None) -> Sample:
    """``n`` items of kind ``what`` (quotes, mentions, topics, tone) from ``analyses``.

    ``names``: actor id -> the name shown to a coder (lexicon actors; speakers found in the
    text are named from each analysis); ``topics``: topic id -> label."""
    if what not in WHATS:
        raise FramingError(f"unknown kind of sample {what!r} (kinds: {', '.join(WHATS)})")
    if n < 1:
        raise FramingError("a sample needs at least one item (-n)")
    population: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for a in analyses:
        for item in _items(a, what, dict(names or {}), topics or {}):
            population[(item.outlet, item.stratum)].append(item)
    if not population:
        raise FramingError(f"{corpus or 'the corpus'}: framing found no {what} to sample")
    rng = np.random.default_rng(seed)
    chosen: list[Item] = []
    for key, size in sorted(allocate({k: len(v) for k, v in population.items()}, n).items()):
        pool = population[key]
        order = rng.permutation(len(pool))
        chosen.extend(pool[i] for i in sorted(order[:size]))
    chosen.sort(key=lambda i: (i.article, i.start, i.end, i.id))
    return Sample(what, seed, corpus, {f"{o}\t{s}": len(v) for (o, s), v in population.items()}, tuple(chosen), __version__)


def allocate(sizes: dict[tuple[str, str], int], n: int) -> dict[tuple[str, str], int]:
    """Items per stratum: one each while ``n`` allows (largest strata first), the rest in
    proportion to size by largest remainders (Hamilton's method), never more than a stratum
    holds."""
    total = sum(sizes.values())
    n = min(n, total)
    keys = sorted(sizes, key=lambda k: (-sizes[k], k))
    out = {k: 0 for k in keys}
    for k in keys[:n]:
        out[k] = 1
    left = n - sum(out.values())
    while left > 0:
        room = {k: sizes[k] - out[k] for k in keys if sizes[k] > out[k]}
        room_total = sum(room.values())
        quotas = {k: left * r / room_total for k, r in room.items()}
        whole = {k: min(room[k], int(q)) for k, q in quotas.items()}
        if not any(whole.values()):  # hand the last few out by the largest remainders
            for k in sorted(room, key=lambda k: (-(quotas[k] - int(quotas[k])), -sizes[k], k))[:left]:
                whole[k] = 1
        for k, w in whole.items():
            out[k] += w
        left = n - sum(out.values())
    return {k: v for k, v in out.items() if v}


def _items(a: ArticleAnalysis, what: str, names: dict[str, str], topics: dict[str, str]) -> Iterable[Item]:
    text, article = a.article.text, a.article
    for p in a.speakers:
        names.setdefault(p.id, p.name)
    starts = [p.span.start for p in a.paragraphs]

    def context(*spans: Span | None) -> tuple[int, int]:
        """From the paragraph of the first span to the paragraph of the last."""
        real = [s for s in spans if s is not None]
        first = a.paragraphs[max(0, bisect.bisect_right(starts, min(s.start for s in real)) - 1)]
        last = a.paragraphs[max(0, bisect.bisect_right(starts, max(s.end for s in real) - 1) - 1)]
        return first.span.start, max(last.span.end, max(s.end for s in real))

    def item(code: str, stratum: str, subject: str, span: Span, framing: dict[str, str], marks: tuple[Mark, ...], *extra: Span | None) -> Item:
        lo, hi = context(span, *extra)
        return Item(f"{article.id}#{code}{span.start}-{span.end}", article.id, article.outlet, stratum, subject, span.start, span.end, lo, hi, text[lo:hi], framing, marks)

    if what == "quotes":
        for q in a.quotes:
            if q.kind not in SPEECH_KINDS:
                continue
            marks = tuple(
                Mark(role, s.start, s.end)
                for role, s in (("speaker", q.speaker_span), ("cue", q.cue_span), ("channel", q.channel_span), *(("quoted", x) for x in q.quoted))
                if s is not None
            )
            # "counted": whether the microphone counts it (not a field a coder answers): the
            # precision that matters for the charts is the one over counted quotes
            framing = {"is_quote": "yes", "speaker": q.speaker if q.speaker_id != "unresolved" else "", "kind": q.kind, "channel": q.channel,
                       "counted": "yes" if counts_as_speaker(q) else "no"}
            yield item("q", q.kind, "", q.span, framing, marks, q.speaker_span, q.cue_span, q.channel_span)
    elif what == "mentions":
        for m in a.mentions:
            name = names.get(m.actor_id, m.actor_id)
            yield item(f"m{m.actor_id}:", m.via, name, m.span, {"is_mention": "yes", "actor": name}, ())
    elif what == "topics":
        by_index = {s.index: s for s in a.sentences}
        for h in a.topic_hits:
            sentence = by_index[h.sentence_index].span
            marks = (Mark("sentence", sentence.start, sentence.end),)
            yield item(f"t{h.topic_id}:", h.topic_id, topics.get(h.topic_id, h.topic_id), h.span, {"is_topic": "yes"}, marks, sentence)
    else:
        by_index = {s.index: s for s in a.sentences}
        for t in a.about:
            sentence = by_index[t.sentence_index].span
            marks = (Mark("target", t.span.start, t.span.end),)
            tone = label(t.compound)
            yield item(f"a{t.actor_id}:", tone, names.get(t.actor_id, t.actor_id), sentence, {"tone": tone}, marks)

"""Tone per article, toward each actor (about vs own voice) and toward each topic, with
seeded bootstrap intervals.

Two measures of tone toward an actor are kept apart because they answer different
questions:

- ``about``: how the outlet's own text talks around the actor: for each body sentence that
  mentions the actor, the target-aware score ``sentiment.tone_toward`` of that mention,
  with every quoted span blanked out first (quotes are somebody else's words);
- ``voice``: the tone of the actor's own quoted words (direct, partial and reported quotes
  attributed to them).

Each value comes with n and a percentile-bootstrap interval; with fewer than
``sentiment.MIN_SENTENCES`` observations the value is withheld ("not enough text").
"""

from __future__ import annotations

import bisect

from collections import defaultdict
from itertools import accumulate
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .sentiment import MIN_SENTENCES, bootstrap_mean, label, polarity, tone_toward
from .actors import UNRESOLVED
from .types import SPEECH_CLASSES, VERB_CLASSES, AboutTone, ArticleAnalysis, Mention, Quote, Sentence

if TYPE_CHECKING:
    from .digest import ArticleDigest

SPEECH_KINDS = frozenset({"direct", "partial", "reported"})


def counts_as_speaker(q: Quote) -> bool:
    """A quote whose speaker the comparisons and charts count: a lexicon actor, a named
    person, or a typed source ("officials", "analysts"). Left out (but kept in quotes.csv):
    no speaker, an unresolved pronoun, untyped phrases the extractor took for a speaker
    ("the visit said" is not a source), and reported thoughts, intentions and evidence
    ("the ministry is trying to ...", "officials believe ...", "polls show ..."): they are
    attributions, but of no one's words, so they give no one the microphone."""
    if not q.speaker_id or q.kind not in SPEECH_KINDS or q.speaker_id == UNRESOLVED:
        return False
    if q.kind == "reported" and q.stance in VERB_CLASSES and q.stance not in SPEECH_CLASSES:
        return False
    return not (q.speaker_id.startswith("source_") and q.speaker_type == "other")


@dataclass(frozen=True, slots=True)
class Estimate:
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    note: str = ""

    def row(self) -> dict[str, Any]:
        return {"value": self.value, "ci_low": self.ci_low, "ci_high": self.ci_high, "n": self.n, "note": self.note}


def estimate(values: Sequence[float], *, n_boot: int, seed: int, minimum: int = MIN_SENTENCES) -> Estimate:
    if len(values) < minimum:
        return Estimate(None, None, None, len(values), "not enough text")
    if n_boot < 1:  # --bootstrap 0: point estimates only
        return Estimate(round(sum(values) / len(values), 4), None, None, len(values), "no bootstrap")
    mean, low, high = bootstrap_mean(values, n_boot=n_boot, seed=seed)
    return Estimate(mean, low, high, len(values))


def _masked(text: str, start: int, end: int, quote_spans: Iterable[tuple[int, int]]) -> str:
    """text[start:end] with the quoted spans inside it blanked out, same length."""
    out = text[start:end]
    for qs, qe in quote_spans:
        a, b = max(qs, start), min(qe, end)
        if a < b:
            out = out[: a - start] + " " * (b - a) + out[b - start :]
    return out


def _blanked(text: str, quote_spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every quoted span blanked out, same length: built once per article, so
    that a sentence's masked text (``_masked`` of it) is one slice, not a walk over every
    quote of the article per sentence."""
    pieces: list[str] = []
    pos = 0
    for qs, qe in sorted(quote_spans):
        qs, qe = max(qs, pos), min(qe, len(text))
        if qs < qe:
            pieces += (text[pos:qs], " " * (qe - qs))
            pos = qe
    pieces.append(text[pos:])
    return "".join(pieces)


def about_tones(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    sentence_scores: Mapping[int, Mapping[str, float]] | None = None,
) -> list[AboutTone]:
    """The ``about`` tone of each actor in each body sentence that mentions it outside quotes:
    ``tone_toward`` on the sentence with every quoted span blanked out (same length).

    ``sentence_scores`` (sentence index -> VADER scores) saves a VADER call per sentence
    that holds no quote; a sentence with a quote is scored once, blanked."""
    quote_spans = sorted((q.span.start, q.span.end) for q in quotes)
    # The quotes by start with the furthest end so far: "a quote overlaps the sentence" and
    # "a quote holds the mention" are a bisect each, and the blanked text is made once;
    # walking every quote for every sentence made an article's time grow with its square.
    quote_starts = [qs for qs, _ in quote_spans]
    quote_reach = list(accumulate((qe for _, qe in quote_spans), max))
    blanked = _blanked(text, quote_spans)
    out: list[AboutTone] = []
    by_start = sorted(mentions, key=lambda m: m.span.start)
    starts = [m.span.start for m in by_start]
    for s in sentences:
        if s.role != "body":
            continue
        seen: set[str] = set()
        masked = None
        # only the mentions that start inside the sentence can lie inside it
        for m in by_start[bisect.bisect_left(starts, s.span.start) : bisect.bisect_left(starts, s.span.end)]:
            if m.actor_id in seen or not s.span.contains(m.span):
                continue
            k = bisect.bisect_right(quote_starts, m.span.start)  # the quotes starting at or before it
            if k and quote_reach[k - 1] >= m.span.end:
                continue  # a mention inside a quote is the speaker's framing, not the outlet's
            seen.add(m.actor_id)
            if masked is None:
                masked = blanked[s.span.start : s.span.end]  # == _masked(text, s.span.start, s.span.end, quote_spans)
                k = bisect.bisect_left(quote_starts, s.span.end)  # the quotes starting before its end
                has_quote = bool(k) and quote_reach[k - 1] > s.span.start
                scores = polarity(masked) if has_quote or not sentence_scores or s.index not in sentence_scores else sentence_scores[s.index]
            value = tone_toward(masked, m.span.start - s.span.start, m.span.end - s.span.start, sentence_scores=scores)
            out.append(AboutTone(article_id, s.index, m.actor_id, m.span, value))
    return out


def about_scores(analysis: ArticleAnalysis) -> dict[str, list[float]]:
    """Actor id -> one ``about`` score per body sentence that mentions the actor outside quotes."""
    scores: dict[str, list[float]] = defaultdict(list)
    for t in analysis.about:
        scores[t.actor_id].append(t.compound)
    return scores


def _group(digests: Iterable[ArticleDigest]) -> dict[str, list[ArticleDigest]]:
    groups: dict[str, list[ArticleDigest]] = defaultdict(list)
    for d in digests:
        groups[d.outlet].append(d)
    return dict(sorted(groups.items()))


def article_tone_rows(digests: Sequence[ArticleDigest], *, n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Per article: mean body-sentence compound with interval, label shares, headline tone."""
    rows = []
    for d in digests:
        body = d.body_tones
        est = estimate(body, n_boot=n_boot, seed=seed, minimum=1)
        labels = [label(v) for v in body]
        share = (lambda name: round(labels.count(name) / len(labels), 4) if labels else None)
        rows.append(
            {
                "article": d.id,
                "outlet": d.outlet,
                "tone": est.value,
                "ci_low": est.ci_low,
                "ci_high": est.ci_high,
                "n": est.n,
                "positive_share": share("positive"),
                "neutral_share": share("neutral"),
                "negative_share": share("negative"),
                "headline_tone": d.headline_tone,
            }
        )
    return rows


def actor_tone_rows(digests: Sequence[ArticleDigest], actor_names: dict[str, str], *, n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Per outlet x actor x measure (about, voice): value, interval, n; unit = sentence or quote."""
    rows = []
    for outlet, group in _group(digests).items():
        about: dict[str, list[float]] = defaultdict(list)
        voice: dict[str, list[float]] = defaultdict(list)
        for d in group:
            for actor, values in d.about:
                about[actor].extend(values)
            for actor, values in d.voice:
                voice[actor].extend(values)
        for actor in sorted(set(about) | set(voice)):
            for measure, values, unit in (("about", about.get(actor, []), "sentence"), ("voice", voice.get(actor, []), "quote")):
                est = estimate(values, n_boot=n_boot, seed=seed)
                rows.append({"outlet": outlet, "actor_id": actor, "actor": actor_names.get(actor, actor), "measure": measure, **est.row(), "unit": unit})
    return rows


def topic_tone_rows(digests: Sequence[ArticleDigest], topic_labels: dict[str, str], *, n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Per outlet x topic: mean compound of the body sentences where the topic's terms occur."""
    rows = []
    for outlet, group in _group(digests).items():
        values: dict[str, list[float]] = defaultdict(list)
        for d in group:
            for topic, tones in d.topic_tones:
                values[topic].extend(tones)
        for topic in sorted(topic_labels):
            est = estimate(values.get(topic, []), n_boot=n_boot, seed=seed)
            rows.append({"outlet": outlet, "topic": topic, "label": topic_labels[topic], "measure": "tone", **est.row(), "unit": "sentence"})
    return rows

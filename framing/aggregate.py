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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .sentiment import MIN_SENTENCES, bootstrap_mean, label, polarity, tone_toward
from .types import ArticleAnalysis

SPEECH_KINDS = frozenset({"direct", "partial", "reported"})


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
    mean, low, high = bootstrap_mean(values, n_boot=n_boot, seed=seed)
    return Estimate(mean, low, high, len(values))


def _masked(text: str, start: int, end: int, quote_spans: Iterable[tuple[int, int]]) -> str:
    """text[start:end] with the quoted spans inside it blanked out, same length."""
    chars = list(text[start:end])
    for qs, qe in quote_spans:
        for i in range(max(qs, start), min(qe, end)):
            chars[i - start] = " "
    return "".join(chars)


def about_by_sentence(analysis: ArticleAnalysis) -> dict[tuple[int, str], float]:
    """(sentence index, actor id) -> the ``about`` score of the actor's first mention outside
    quotes in that body sentence."""
    text = analysis.article.text
    quote_spans = [(q.span.start, q.span.end) for q in analysis.quotes]
    scores: dict[tuple[int, str], float] = {}
    for s in analysis.sentences:
        if s.role != "body":
            continue
        for m in analysis.mentions:
            if (s.index, m.actor_id) in scores or not s.span.contains(m.span):
                continue
            if any(qs <= m.span.start and m.span.end <= qe for qs, qe in quote_spans):
                continue  # a mention inside a quote is the speaker's framing, not the outlet's
            sentence = _masked(text, s.span.start, s.span.end, quote_spans)
            scores[(s.index, m.actor_id)] = tone_toward(sentence, m.span.start - s.span.start, m.span.end - s.span.start)
    return scores


def about_scores(analysis: ArticleAnalysis) -> dict[str, list[float]]:
    """Actor id -> one ``about`` score per body sentence that mentions the actor outside quotes."""
    scores: dict[str, list[float]] = defaultdict(list)
    for (_, actor), value in sorted(about_by_sentence(analysis).items()):
        scores[actor].append(value)
    return scores


def voice_scores(analysis: ArticleAnalysis) -> dict[str, list[float]]:
    """Actor id -> the VADER compound of each of the actor's own quotes."""
    text = analysis.article.text
    scores: dict[str, list[float]] = defaultdict(list)
    for q in analysis.quotes:
        if q.speaker_id and q.kind in SPEECH_KINDS:
            scores[q.speaker_id].append(polarity(text[q.span.start : q.span.end])["compound"])
    return scores


def _group(analyses: Iterable[ArticleAnalysis]) -> dict[str, list[ArticleAnalysis]]:
    groups: dict[str, list[ArticleAnalysis]] = defaultdict(list)
    for a in analyses:
        groups[a.article.outlet].append(a)
    return dict(sorted(groups.items()))


def article_tone_rows(analyses: Sequence[ArticleAnalysis], *, n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Per article: mean body-sentence compound with interval, label shares, headline tone."""
    rows = []
    for a in analyses:
        body = [t.compound for t in a.tones if t.role == "body"]
        head = [t.compound for t in a.tones if t.role == "headline"]
        est = estimate(body, n_boot=n_boot, seed=seed, minimum=1)
        labels = [label(v) for v in body]
        share = (lambda name: round(labels.count(name) / len(labels), 4) if labels else None)
        rows.append(
            {
                "article": a.article.id,
                "outlet": a.article.outlet,
                "tone": est.value,
                "ci_low": est.ci_low,
                "ci_high": est.ci_high,
                "n": est.n,
                "positive_share": share("positive"),
                "neutral_share": share("neutral"),
                "negative_share": share("negative"),
                "headline_tone": head[0] if head else None,
            }
        )
    return rows


def actor_tone_rows(analyses: Sequence[ArticleAnalysis], actor_names: dict[str, str], *, n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Per outlet x actor x measure (about, voice): value, interval, n; unit = sentence or quote."""
    rows = []
    for outlet, group in _group(analyses).items():
        about: dict[str, list[float]] = defaultdict(list)
        voice: dict[str, list[float]] = defaultdict(list)
        for a in group:
            for actor, values in about_scores(a).items():
                about[actor].extend(values)
            for actor, values in voice_scores(a).items():
                voice[actor].extend(values)
        for actor in sorted(set(about) | set(voice)):
            for measure, values, unit in (("about", about.get(actor, []), "sentence"), ("voice", voice.get(actor, []), "quote")):
                est = estimate(values, n_boot=n_boot, seed=seed)
                rows.append({"outlet": outlet, "actor_id": actor, "actor": actor_names.get(actor, actor), "measure": measure, **est.row(), "unit": unit})
    return rows


def topic_tone_rows(analyses: Sequence[ArticleAnalysis], topic_labels: dict[str, str], *, n_boot: int, seed: int) -> list[dict[str, Any]]:
    """Per outlet x topic: mean compound of the body sentences where the topic's terms occur."""
    rows = []
    for outlet, group in _group(analyses).items():
        values: dict[str, list[float]] = defaultdict(list)
        for a in group:
            tone = {t.sentence_index: t.compound for t in a.tones}
            by_topic: dict[str, set[int]] = defaultdict(set)
            for h in a.topic_hits:
                by_topic[h.topic_id].add(h.sentence_index)
            for topic, sentences in by_topic.items():
                values[topic].extend(tone[i] for i in sorted(sentences) if i in tone)
        for topic in sorted(topic_labels):
            est = estimate(values.get(topic, []), n_boot=n_boot, seed=seed)
            rows.append({"outlet": outlet, "topic": topic, "label": topic_labels[topic], "measure": "tone", **est.row(), "unit": "sentence"})
    return rows

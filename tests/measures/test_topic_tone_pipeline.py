"""Topics and tone in the full pipeline, on the seeds' own sentences."""

from __future__ import annotations

from dataclasses import replace

from framing.measures.tone import article_tone_rows
from framing.measures.topics import topic_tone_rows
from framing.settings import Settings

S001, S004 = "001_e57608da54a4e3e6", "004_f28148b3b02c48fe"


def test_a_japan_term_inside_a_quote_still_counts(seed_analysis):
    a = seed_analysis[S001]
    text = a.article.text
    quote = next(q for q in a.quotes if text[q.span.start : q.span.end].startswith("More than 80 years ago"))
    inside = [h for h in a.topic_hits if quote.span.contains(h.span)]
    assert ("japan", "Japanese") in {(h.topic_id, text[h.span.start : h.span.end]) for h in inside}
    assert any(h.topic_id == "history" for h in inside)  # "militarism"


def test_boilerplate_headings_and_captions_count_for_no_topic(seed_analysis):
    for a in seed_analysis.values():
        roles = {s.index: s.role for s in a.sentences}
        assert a.topic_hits and all(roles[h.sentence_index] == "body" for h in a.topic_hits)
        # "Sign up now: Get insights on Asia's ..." and the photo captions hold topic words,
        # but never reach the counts.
        for s in a.sentences:
            if s.role != "body":
                assert not [h for h in a.topic_hits if s.span.contains(h.span)]
        assert all(t.role != "boilerplate" for t in a.tones)


def test_article_and_topic_tone_intervals(seed_result):
    def run(seed, n_boot):
        return replace(seed_result, settings=Settings(seed=seed, n_boot=n_boot))

    rows = article_tone_rows(run(1, 300))
    for r in rows:
        assert r["ci_low"] <= r["tone"] <= r["ci_high"]
        assert abs(r["positive_share"] + r["neutral_share"] + r["negative_share"] - 1) < 1e-3
    again = article_tone_rows(run(1, 300))
    assert rows == again
    other = article_tone_rows(run(2, 300))
    assert [r["tone"] for r in other] == [r["tone"] for r in rows]
    assert [r["ci_low"] for r in other] != [r["ci_low"] for r in rows]
    topic_rows = topic_tone_rows(run(0, 200))
    history = next(r for r in topic_rows if r["outlet"] == "NewsChina" and r["topic"] == "history")
    assert history["n"] >= 10 and history["ci_low"] <= history["value"] <= history["ci_high"]
    tiny = [r for r in topic_rows if 0 < r["n"] < 3]
    assert all(r["value"] is None and r["note"] == "not enough text" for r in tiny)

"""framing.quotes: quote marks, kinds, speakers, cues, channels, the lexicon and the benchmark."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.errors import LexiconError
from framing.quotes import DEFAULT_LEXICON, QuoteCandidate, extract_quotes, load_default_rules, parse_attribution_lexicon
from framing.text.segment import split

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BENCH = ROOT.parent / "shared/benchmarks/attribution"
RULES = load_default_rules()

from ..conftest import need_shared


def run(text: str, headings: frozenset[int] = frozenset()) -> list[QuoteCandidate]:
    paragraphs, sentences = split(text)
    return extract_quotes(text, paragraphs, sentences, RULES, heading_paragraphs=headings)


def show(text: str, q: QuoteCandidate) -> dict:
    g = lambda s: text[s.start : s.end] if s else None  # noqa: E731
    # "text": the words between quote marks (pieces joined by " … "), or the reported clause
    quoted = " … ".join(text[p.start : p.end] for p in q.quoted) if q.quoted else g(q.span)
    return {"text": quoted, "kind": q.kind, "speaker": g(q.speaker_span), "cue": g(q.cue_span), "channel": g(q.channel_span), "ctype": q.channel_type}


def find(text: str, words: str, headings: frozenset[int] = frozenset()) -> tuple[dict, QuoteCandidate, list[QuoteCandidate]]:
    qs = run(text, headings)
    for q in qs:
        if any(words in text[p.start : p.end] for p in (*q.quoted, q.span)):
            return show(text, q), q, qs
    raise AssertionError(f"no quote with {words!r} in {[show(text, q) for q in qs]}")


def speaker_of(qs: list[QuoteCandidate], q: QuoteCandidate):
    seen = set()
    while q.speaker_span is None and q.continues is not None and q.continues not in seen:
        seen.add(q.continues)
        q = qs[q.continues]
    return q.speaker_span


# ---------------------------------------------------------------------------------------
# Attribution patterns
# ---------------------------------------------------------------------------------------


def test_direct_after_quote_said_name():
    t = "“This summit will be an important opportunity,” Mr Lee said."
    d, _, _ = find(t, "This summit")
    assert d == {"text": "This summit will be an important opportunity", "kind": "direct", "speaker": "Mr Lee", "cue": "said", "channel": None, "ctype": ""}


def test_inverted_said_x():
    d, _, _ = find('"We are seeing failures," said Edward Alden of the Council on Foreign Relations.', "We are seeing")
    assert d["speaker"].startswith("Edward Alden") and d["cue"] == "said" and d["kind"] == "direct"


def test_speaker_colon_quote_and_told_y():
    d, _, _ = find('Trump said: "We will win."', "We will win")
    assert (d["speaker"], d["kind"]) == ("Trump", "direct")
    d, _, _ = find('Howard Kurtz, Fox News: "Trump had his strongest debate."', "strongest")
    assert d["speaker"] == "Howard Kurtz"


def test_sandwich_quote_continues():
    t = '"We are ready," the minister said, "and we will act."'
    qs = run(t)
    # one statement, interrupted by its attribution: two quoted pieces, one speaker
    assert len(qs) == 1 and [t[p.start : p.end] for p in qs[0].quoted] == ["We are ready", "and we will act."]
    assert t[qs[0].speaker_span.start : qs[0].speaker_span.end] == "the minister"


def test_partial_described_as_and_called():
    d, _, _ = find("Lee described his trip as a “new starting point to fill in the gaps.”", "new starting point")
    assert (d["kind"], d["speaker"], d["cue"]) == ("partial", "Lee", "described")
    d, _, _ = find('Lee called the talks the start of a "new phase" for ties.', "new phase")
    assert (d["kind"], d["speaker"], d["cue"]) == ("partial", "Lee", "called")


def test_reported_speech():
    t = "Lee reiterated South Korea’s view that dialogue is essential to reducing tensions with North Korea."
    d, _, _ = find(t, "dialogue is essential")
    assert (d["kind"], d["speaker"], d["cue"]) == ("reported", "Lee", "reiterated")
    t = "Xi said China was willing to improve relations on the basis of mutual respect."
    d, _, _ = find(t, "China was willing")
    assert d["text"].startswith("China was willing") and d["speaker"] == "Xi"


def test_reported_inverted_and_according_to():
    t = "South Korea and China need to expand economic cooperation in artificial intelligence, President Lee said."
    d, _, _ = find(t, "South Korea and China need")
    assert d["speaker"] == "Lee" and d["kind"] == "reported"
    t = "The two countries signed 15 agreements, according to The Korea Herald."
    d, _, _ = find(t, "signed 15 agreements")
    assert d["speaker"] == "The Korea Herald" and d["cue"] == "according to" and d["ctype"] == "other_outlet"


def test_quoted_as_saying_and_pronoun():
    d, _, _ = find("The minister was quoted as saying that talks would resume soon.", "talks would resume")
    assert d["speaker"] == "The minister"
    d, _, _ = find('"I believe in it," she said.', "I believe")
    assert d["speaker"] == "she"


def test_scare_quote_has_no_speaker():
    t = "China’s evolving stance, perceived as pivoting toward a more pragmatic or “impartial” posture, adds complexity."
    d, _, _ = find(t, "impartial")
    assert d["kind"] in ("scare", "partial") and (d["kind"] == "scare" or d["speaker"] is None) or d["speaker"] != "China"
    t = "Yoon adopted an explicitly “values-based” and alliance-centric foreign policy."
    d, _, _ = find(t, "values-based")
    assert (d["kind"], d["speaker"]) == ("scare", None)


def test_channel_types():
    cases = [
        ("“Good,” Mr Lee said in a social media post.", "a social media post", "social_media"),
        ("“Good,” Mr Wi, Lee’s security adviser, told a press briefing.", "a press briefing", "press_event"),
        ("“Good,” Xi said, according to China’s Foreign Ministry.", "China’s Foreign Ministry", "official_statement"),
        ("“Good,” Huang said in an interview with Chinese financial outlet Yicai.", "Chinese financial outlet Yicai", "other_outlet"),
        ("“Good,” Lee told NewsChina.", "NewsChina", "other_outlet"),
        ("“Good,” the ministry said in a statement.", "a statement", "official_statement"),
        ("“Good,” Xi said, according to China’s Xinhua news agency.", "China’s Xinhua news agency", "state_media"),
    ]
    for text, channel, ctype in cases:
        d, _, _ = find(text, "Good")
        assert (d["channel"], d["ctype"]) == (channel, ctype), (text, d)


# ---------------------------------------------------------------------------------------
# Seeds: the hard cases
# ---------------------------------------------------------------------------------------


def seed(n: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(n)).read_text(encoding="utf-8")


def test_seed_001_quotes():
    t = seed("001")
    d, q, qs = find(t, "This summit will be")
    assert (d["speaker"], d["kind"]) == ("Mr Lee", "direct")
    d, q, qs = find(t, "I believe that efforts")  # a paragraph that carries on Mr Lee's quote
    assert q.kind == "direct" and t[speaker_of(qs, q).start : speaker_of(qs, q).end] == "Mr Lee"
    d, q, qs = find(t, "More than 80 years ago")
    assert d["speaker"] == "Mr Xi" and d["cue"] == "told"
    assert d["channel"] == "China’s official Xinhua news agency" and d["ctype"] == "state_media"
    d, q, qs = find(t, "safeguard peace")  # He added that …
    assert d["speaker"] == "He" and d["cue"] == "added" and q.continues is not None
    assert t[qs[q.continues].span.start :].startswith("More than 80")
    d, _, _ = find(t, "affirmed the importance")
    assert (d["speaker"], d["cue"], d["channel"], d["ctype"]) == ("Mr Wi Sung-lac", "told", "a press briefing", "press_event")
    d, _, _ = find(t, "correct strategic choices")
    assert d["speaker"] == "Mr Xi"
    d, _, _ = find(t, "image quality")
    assert (d["speaker"], d["kind"], d["channel"], d["ctype"]) == ("Mr Lee", "direct", "a social media post", "social_media")
    d, q, qs = find(t, "Thanks to you")
    assert d["speaker"] == "he" and d["cue"] == "added" and q.continues is not None
    d, _, _ = find(t, "check if there")
    assert d["speaker"] == "the Chinese president"
    d, _, _ = find(t, "Mr Xi’s comments suggested")
    assert d["speaker"] == "Seok Byoung-hoon"


def test_seed_004_quotes_and_headings():
    t = seed("004")
    paragraphs, _ = split(t)
    headings = frozenset(p.index for p in paragraphs if t[p.span.start : p.span.end].strip() in ("‘Full Restoration’", "‘New Route’"))
    assert len(headings) == 2
    d, _, _ = find(t, "Full Restoration", headings)
    assert (d["kind"], d["speaker"]) == ("headline", None)
    d, _, _ = find(t, "From China’s perspective", headings)
    assert (d["speaker"], d["cue"], d["channel"], d["ctype"]) == ("Li Min", "told", "NewsChina", "other_outlet")
    d, _, _ = find(t, "Lee’s follow-up visit", headings)
    assert d["speaker"] == "Li" and d["cue"] == "added"
    d, _, _ = find(t, "For decades, bilateral trade", headings)
    assert (d["speaker"], d["channel"], d["ctype"]) == ("Huang", "Chinese financial outlet Yicai", "other_outlet")
    d, _, _ = find(t, "symmetrical demand", headings)
    assert d["speaker"] == "she"
    d, _, _ = find(t, "subordinate diplomacy", headings)
    assert d["speaker"] == "critics" and d["cue"] == "labeled"
    d, _, _ = find(t, "We will continue our unwavering", headings)
    assert (d["speaker"], d["channel"], d["ctype"]) == ("Lee", "The Korea Herald", "other_outlet")
    d, q, qs = find(t, "Today, it is all the more important", headings)
    assert t[speaker_of(qs, q).start : speaker_of(qs, q).end] == "Xi"
    d, _, _ = find(t, "Over 80 years ago", headings)
    assert (d["channel"], d["ctype"]) == ("China’s Foreign Ministry", "official_statement")
    d, _, _ = find(t, "core guideline", headings)
    assert d["speaker"] == "Lee" and d["ctype"] == "state_media"


def test_seed_000_heading_and_scare():
    t = seed("000")
    paragraphs, _ = split(t)
    heads = frozenset(p.index for p in paragraphs if "Year of Restoration" in t[p.span.start : p.span.end])
    d, _, _ = find(t, "Year of Restoration", heads)
    assert d["kind"] == "headline" and d["speaker"] is None
    d, _, _ = find(t, "impartial", heads)
    assert d["kind"] == "scare" or d["speaker"] is None or d["speaker"] != "Lee"
    d, _, _ = find(t, "strategic autonomy", heads)
    assert d["speaker"] == "Lee"
    d, _, _ = find(t, "mutual respect", heads)
    assert d["speaker"] == "Lee" and d["ctype"] == "state_media"


def test_seed_003_xinhua():
    t = seed("003")
    d, _, _ = find(t, "stand on the right side")
    assert d["speaker"] == "Xi" and d["ctype"] == "state_media"


# ---------------------------------------------------------------------------------------
# Quote marks and apostrophes
# ---------------------------------------------------------------------------------------


def test_mismatched_closers_and_nyt_double_apostrophe():
    d, _, _ = find("“The image quality is good, right?“ Mr Lee said.", "image quality")
    assert d["text"] == "The image quality is good, right?" and d["speaker"] == "Mr Lee"
    d, _, _ = find("Mr. Trump has conceded the tax code is ''unfair'' and says he can fix it.", "unfair")
    assert d["text"] == "unfair"
    d, _, _ = find("”We will win,” the senator said.", "We will win")
    assert d["speaker"] == "the senator"


def test_apostrophes_are_not_quotes():
    t = "Korea’s ties in the ’90s don’t matter, and the Koreas’ ties are old. Lee’s view is clear."
    assert run(t) == []
    d, _, _ = find("He called it a ‘new route’ for Korea’s trade.", "new route")
    assert d["text"] == "new route"


def test_single_inside_double():
    t = '"He said \'no way\' to me," Smith said.'
    qs = run(t)
    assert len(qs) == 1 and t[qs[0].span.start : qs[0].span.end] == "He said 'no way' to me"


def test_multi_paragraph_runon_quote():
    t = "“We will keep going,” the mayor said. “The city needs it.\n\n“And we will finish the job,” she added."
    qs = run(t)
    texts = [t[q.quoted[-1].start : q.quoted[-1].end] for q in qs]
    assert "The city needs it." in texts
    runon = qs[texts.index("The city needs it.")]
    nxt = qs[texts.index("And we will finish the job")]
    assert nxt.continues is not None
    assert runon.continues == 0 or runon.speaker_span is not None or runon.continues is not None


def test_bad_input_never_raises_or_crosses_paragraphs():
    cases = [
        '"unbalanced quote here and there\nnext " paragraph',
        "“never closing quote that goes on and on",
        '" " " " "\n\'\'\'\'\n“”“”‘’‘’',
        "x" * 1_000_000,
        ('"a" said ' * 5_000),
        "",
        "\n\n\n",
    ]
    for t in cases:
        paragraphs, _ = split(t)
        qs = run(t)
        for q in qs:
            para = next(p for p in paragraphs if p.span.start <= q.span.start < p.span.end or p.span.start <= q.span.start <= p.span.end)
            assert q.span.end <= para.span.end
            for s in (q.speaker_span, q.cue_span, q.channel_span):
                assert s is None or 0 <= s.start <= s.end <= len(t)


# ---------------------------------------------------------------------------------------
# Offsets on all seeds and all benchmark articles
# ---------------------------------------------------------------------------------------


def _check_offsets(text: str, qs: list[QuoteCandidate]) -> None:
    last_end = -1
    for n, q in enumerate(qs):
        words = text[q.span.start : q.span.end]
        assert words and words == words.strip(), (n, words)
        for p in q.quoted:
            piece = text[p.start : p.end]
            assert piece and q.span.start <= p.start < p.end <= q.span.end and piece[0] not in "“”\"" and piece[-1] not in "“”\"", (n, piece)
        if q.kind in ("direct", "scare", "headline"):
            assert words[0] not in "“”\"" and words[-1] not in "“”\""
        assert q.span.start >= last_end, "quotes overlap"
        last_end = q.span.end
        for s in (q.speaker_span, q.cue_span, q.channel_span):
            assert s is None or (0 <= s.start < s.end <= len(text))
        assert q.continues is None or 0 <= q.continues < len(qs) and q.continues != n
        assert q.kind in ("direct", "partial", "reported", "scare", "headline")
        assert q.channel_type in ("", "state_media", "other_outlet", "own_interview", "press_event", "social_media", "official_statement", "other")


def test_offsets_on_seeds():
    for p in SEEDS:
        t = p.read_text(encoding="utf-8")
        qs = run(t)
        assert qs
        _check_offsets(t, qs)


def test_offsets_on_benchmark_articles():
    for p in sorted(need_shared(BENCH / "articles").glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        _check_offsets(t, run(t))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab C.,:;'\"“”‘’\n said told according to Mr He ")), max_size=300) | st.text(max_size=200))
def test_property_arbitrary_text(text):
    qs = run(text)
    last = -1
    for q in qs:
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert q.span.start >= last
        last = q.span.end
        for s in (q.speaker_span, q.cue_span, q.channel_span):
            assert s is None or 0 <= s.start <= s.end <= len(text)


def test_deterministic():
    t = seed("004")
    assert run(t) == run(t)


# ---------------------------------------------------------------------------------------
# The lexicon
# ---------------------------------------------------------------------------------------


def base() -> dict:
    with open(DEFAULT_LEXICON, "rb") as fh:
        return tomllib.load(fh)


def test_default_lexicon_loads():
    assert RULES.id == "attribution_en"
    assert RULES.forms["said"] == ("say", "neutral")
    assert RULES.forms["denies"] == ("deny", "distancing")
    assert RULES.forms["arguing"] == ("argue", "distancing")
    assert RULES.forms["calls for"] == ("call for", "neutral")
    assert RULES.cue_class("believes") == "thought"
    assert "professor" in RULES.source_types["expert"]
    assert RULES.metonyms["beijing"] == RULES.metonyms["united states"] == "government"


def test_coordinators_are_optional_and_only_join_shared_heads():
    """Without grammar.coordinators (an older lexicon) "and" ends a speaker phrase; with the
    shipped list it joins two modifiers of one head noun."""
    data = copy.deepcopy(base())
    data["grammar"].pop("coordinators")
    older = parse_attribution_lexicon(data, "attribution-en.toml")
    assert older.coordinators == frozenset() and RULES.coordinators == {"and", "or"}
    text = "The deal was signed, according to Polish and Czech broadcasters.\n"
    paragraphs, sentences = split(text)

    def speaker(rules) -> str:
        (q,) = extract_quotes(text, paragraphs, sentences, rules)
        return text[q.speaker_span.start : q.speaker_span.end]

    assert speaker(older) == "Polish"
    assert speaker(RULES) == "Polish and Czech broadcasters"


def test_past_forms_are_optional_and_mark_the_verb_after_a_subject():
    """An irregular past tense in grammar.past_forms ends a subject phrase as "-ed" does,
    so a participle after "The two leaders met …" has a subject; without the list (an older
    lexicon) "met" reads as part of the phrase and the report has no speaker."""
    data = copy.deepcopy(base())
    data["grammar"].pop("past_forms")
    older = parse_attribution_lexicon(data, "attribution-en.toml")
    assert older.past_forms == frozenset() and "met" in RULES.past_forms
    text = "The two leaders met on Monday, saying the talks had failed.\n"
    paragraphs, sentences = split(text)

    def speakers(rules) -> list[str]:
        return [text[q.speaker_span.start : q.speaker_span.end] for q in extract_quotes(text, paragraphs, sentences, rules) if q.speaker_span]

    assert speakers(older) == []
    assert speakers(RULES) == ["The two leaders"]


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(kind="language"), "kind"),
        (lambda d: d.update(id="Bad Id"), "id"),
        (lambda d: d.pop("label"), "label"),
        (lambda d: d.update(extra=1), "extra: unknown key"),
        (lambda d: d["verbs"].update(neutral=[]), "verbs.neutral: empty list"),
        (lambda d: d["verbs"].update(neutral="say"), "verbs.neutral: expected a list"),
        (lambda d: d["verbs"].update(neutral=["say", "Say"]), "duplicate term"),
        (lambda d: d["verbs"].update(distancing=["claim", "say"]), "duplicate term 'say'"),
        (lambda d: d["verbs"].update(shouting=["yell"]), "verbs.shouting: unknown key"),
        (lambda d: d["verbs"].update(neutral=["say", 3]), "expected strings"),
        (lambda d: d["inflections"].update(say=["says"]), "inflections.say"),
        (lambda d: d["phrases"].update(carry_over=["(unclosed"]), "does not compile"),
        (lambda d: d["phrases"].update(carry_over=["(a+)+b"]), "nests a repeat"),
        (lambda d: d["grammar"].update(addressee_verbs=["yodel"]), "not a verb"),
        (lambda d: d["grammar"].pop("determiners"), "grammar.determiners: missing"),
        (lambda d: d["pronouns"].update(male=[""]), "empty string"),
        (lambda d: d["channels"].update(press_event=["statement"]), "duplicate term"),
        (lambda d: d["channels"].update(tv=["tv"]), "channels.tv: unknown key"),
        (lambda d: d["outlets"].update(state_media=["Xinhua", "Xinhua"]), "duplicate"),
        (lambda d: d.pop("verbs"), "verbs: missing required table"),
        (lambda d: d.update(verbs=[1]), "verbs: expected a table"),
        (lambda d: d["source_types"].update(experts=["x"]), "source_types.experts: unknown key"),
        (lambda d: d["metonyms"].update(capitals=["Rome"]), "metonyms.capitals: unknown key"),
        (lambda d: d["metonyms"].update(state_media=["Beijing"]), "duplicate place 'Beijing' (also under government)"),
        (lambda d: d["metonyms"].update(government=[]), "metonyms.government: empty list"),
        (lambda d: d["grammar"].update(coordinators=[]), "grammar.coordinators: empty list"),
        (lambda d: d["grammar"].update(person_descriptions=["(unclosed"]), "grammar.person_descriptions: pattern '(unclosed' does not compile"),
        (lambda d: d["grammar"].update(free_relatives=[]), "grammar.free_relatives: empty list"),
    ],
)
def test_lexicon_errors(mutate, message):
    data = copy.deepcopy(base())
    mutate(data)
    with pytest.raises(LexiconError) as err:
        parse_attribution_lexicon(data, "attribution-en.toml")
    text = str(err.value)
    assert text.startswith("attribution-en.toml: ") and "\n" not in text
    assert message in text, text


# ---------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------


def test_benchmark_figures():
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.attribution import run_polnear

    r = run_polnear(need_shared(BENCH))  # the path of `framing quotes`: roles, extraction, speaker resolution
    forms = r["forms"]
    # measured (README, test split): right speaker direct 0.90, partial 0.63, reported 0.52
    assert forms["direct"]["found_half"] >= 0.97 and forms["direct"]["speaker_half"] >= 0.88
    assert forms["partial"]["found_half"] >= 0.78 and forms["partial"]["speaker_half"] >= 0.60
    assert forms["reported"]["found_any"] >= 0.62 and forms["reported"]["speaker_half"] >= 0.49
    assert r["overlap_no_attribution_with_speaker"] <= 0.07


def test_clause_words_are_lexicon_data():
    """The English clause words the rules read around a cue come from the attribution
    lexicon's [grammar]: without "and" among the clause joiners, the first report of "X
    said A, and Y said B" keeps the "and" that joins the second on; a list of something
    other than words is refused with one line."""
    text = "Officials said the talks went well, and analysts said the deal was close.\n"
    paragraphs, sentences = split(text)

    def contents(rules) -> list[str]:
        return [text[q.span.start : q.span.end] for q in extract_quotes(text, paragraphs, sentences, rules)]

    assert "in" in RULES.channel_prepositions and "and" in RULES.clause_joiners
    assert contents(RULES) == ["the talks went well", "the deal was close"]
    data = copy.deepcopy(base())
    data["grammar"]["clause_joiners"] = [w for w in data["grammar"]["clause_joiners"] if w != "and"]
    # without "and" as a joiner, "analysts said" no longer opens a clause of its own: it is a
    # report nested in the officials' content, which runs on over it
    assert contents(parse_attribution_lexicon(data, "attribution-en.toml")) == ["the talks went well, and analysts said the deal was close"]
    data["grammar"]["clause_openers"] = [3]
    with pytest.raises(LexiconError, match="grammar.clause_openers"):
        parse_attribution_lexicon(data, "attribution-en.toml")

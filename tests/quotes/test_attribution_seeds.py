"""Quote attribution end to end on the five seeds: every direct and partial quote with its
resolved speaker, and the hard cases pinned with the seeds' own sentences."""

from __future__ import annotations


from framing.measures.quotes import counts_as_speaker
from framing.lexicons import load_lexicons
from framing.pipeline import Analyzer
from framing.types import Article

S000, S001, S002, S003, S004 = (
    "000_be5ff7909fb83393", "001_e57608da54a4e3e6", "002_66cc7cdec42ee4ba", "003_a643f6b069736d3a", "004_f28148b3b02c48fe",
)
LEE, XI = "lee_jae_myung", "xi_jinping"

# (article, kind, speaker id, start of the quoted words) for every direct and partial quote.
EXPECTED = [
    (S000, "partial", LEE, "mutual respect"),
    (S000, "partial", LEE, "the inaugural year"),
    (S000, "partial", LEE, "strategic autonomy"),
    (S000, "partial", "source_both_leaders", "real benefits"),
    (S001, "partial", LEE, "new phase"),
    (S001, "direct", LEE, "This summit will be"),
    (S001, "direct", LEE, "I believe that efforts"),
    (S001, "direct", XI, "More than 80 years ago"),
    (S001, "partial", XI, "safeguard peace"),
    (S001, "partial", "wi_sung_lac", "affirmed the importance"),
    (S001, "partial", XI, "increasingly chaotic"),
    (S001, "partial", XI, "correct strategic choices"),
    (S001, "partial", XI, "should look after"),
    (S001, "partial", XI, "check if there"),
    (S001, "direct", LEE, "The image quality"),
    (S001, "direct", LEE, "Thanks to you"),
    (S002, "partial", LEE, "new phase"),
    (S002, "partial", "source_south_korean_officials", "irreversible"),
    (S003, "partial", LEE, "new phase"),
    (S003, "partial", LEE, "a crucial opportunity"),
    (S003, "partial", LEE, "usher in a new phase"),
    (S003, "partial", XI, "stand on the right side"),
    (S003, "partial", LEE, "viable alternatives"),
    (S003, "partial", "source_both_sides", "orderly, healthy"),
    (S003, "partial", LEE, "new starting point"),
    (S004, "partial", LEE, "a neighbor that cannot"),
    (S004, "partial", LEE, "an important turning point"),
    (S004, "direct", LEE, "We will continue"),
    (S004, "partial", LEE, "in step with"),
    (S004, "partial", LEE, "open a new phase"),
    (S004, "partial", LEE, "firmly strengthen"),
    (S004, "direct", LEE, "The history of Korea"),
    (S004, "partial", LEE, "making it the principal stage"),
    (S004, "direct", LEE, "Shanghai became"),
    (S004, "direct", XI, "Over 80 years ago"),
    (S004, "direct", XI, "Today, it is all the more"),
    (S004, "direct", LEE, "Korea’s independence movement history"),
    (S004, "direct", LEE, "I believe that setting history right"),
    (S004, "partial", "sanae_takaichi", "Taiwan contigency"),
    (S004, "partial", "source_critics", "subordinate diplomacy"),
    (S004, "partial", "sanae_takaichi", "inherent territory"),
    (S004, "partial", "sanae_takaichi", "illegal occupation"),
    (S004, "partial", LEE, "core guideline"),
    (S004, "direct", "li_min", "From China’s perspective"),
    (S004, "direct", "li_min", "Lee’s follow-up visit"),
    (S004, "direct", "huang_fei", "For decades"),
    (S004, "direct", "huang_fei", "That model began"),
    (S004, "direct", "huang_fei", "As the result"),
    (S004, "partial", LEE, "open a new route"),
    (S004, "partial", LEE, "it is precisely why"),
    (S004, "partial", "li_min", "vertical division"),
    (S004, "partial", "li_min", "horizontal division"),
    (S004, "direct", "li_min", "One of the most important"),
    (S004, "direct", "li_min", "Once the strategic direction"),
    (S004, "direct", "li_min", "As long as both sides"),
]


def _found(seed_analysis):
    out = []
    for article_id in sorted(seed_analysis):
        a = seed_analysis[article_id]
        for q in a.quotes:
            if q.kind in ("direct", "partial"):
                # one row per quoted piece: a partial quote's clause may hold several
                out.extend((article_id, q.kind, q.speaker_id, a.article.text[p.start : p.end]) for p in q.quoted or (q.span,))
    return out


def test_every_seed_direct_and_partial_quote_and_its_speaker(seed_analysis):
    found = _found(seed_analysis)
    assert len(found) == len(EXPECTED)
    for (article, kind, speaker, text), want in zip(found, EXPECTED):
        assert (article, kind, speaker) == want[:3] and text.startswith(want[3]), (text, want)


def test_offsets_of_every_quote_and_speaker_round_trip(seed_analysis):
    for a in seed_analysis.values():
        text = a.article.text
        for q in a.quotes:
            words = text[q.span.start : q.span.end]
            assert words and words == words.strip(), words
            for piece in q.quoted:
                quoted = text[piece.start : piece.end]
                assert quoted and q.span.start <= piece.start < piece.end <= q.span.end and not quoted.startswith(("“", '"')), quoted
            if q.speaker_span is not None:
                assert text[q.speaker_span.start : q.speaker_span.end].strip()


def test_scare_quotes_get_no_speaker_and_a_headline_only_its_own(seed_analysis):
    kinds: dict[str, list[str]] = {}
    speakers = {}
    for a in seed_analysis.values():
        for q in a.quotes:
            if q.kind in ("headline", "scare"):
                words = a.article.text[q.span.start : q.span.end]
                kinds.setdefault(q.kind, []).append(words)
                assert not counts_as_speaker(q)  # the body quotes them again: no microphone
                if q.kind == "scare" or q.speaker_id is None:
                    assert q.speaker_id is None and q.speaker == ""
                else:
                    speakers[words] = q.speaker_id
    assert {"Year of Restoration", "Full Restoration", "New Route"} <= set(kinds["headline"])
    assert {"impartial", "comprehensive strategic partnership", "values-based"} <= set(kinds["scare"])
    # "… Meets China's Xi Jinping as He Seeks to Reset Ties": the headline's own attribution
    assert speakers == {"to Reset Ties": "lee_jae_myung"}


def _quote(seed_analysis, article, starts):
    a = seed_analysis[article]
    return next(q for q in a.quotes if any(a.article.text[p.start :].startswith(starts) for p in (q.span, *q.quoted)))


def test_hard_cases(seed_analysis):
    text1 = seed_analysis[S001].article.text
    # The multi-paragraph quote: the second paragraph carries on Mr Lee's words.
    assert _quote(seed_analysis, S001, "I believe that efforts").speaker_id == LEE
    # "He added" after Mr Xi told Mr Lee: Xi, the speaker, not Lee, the listener.
    q = _quote(seed_analysis, S001, "safeguard peace")
    assert q.speaker_id == XI and text1[q.speaker_span.start : q.speaker_span.end] == "He"
    # Xi's words relayed by Xinhua, a state medium.
    q = _quote(seed_analysis, S001, "More than 80 years ago")
    assert q.channel_type == "state_media" and "Xinhua" in q.channel
    # "Li said" after a quote by Li Min is Li Min, not Premier Li Qiang.
    q = _quote(seed_analysis, S004, "One of the most important")
    assert q.speaker_id == "li_min" and q.speaker_type == "expert"
    # Huang's "she said": reported speech resolved to Huang Fei.
    text4 = seed_analysis[S004].article.text
    q = next(x for x in seed_analysis[S004].quotes if "symmetrical demand" in text4[x.span.start : x.span.end])
    assert q.kind == "reported" and q.speaker_id == "huang_fei"
    # "told NewsChina" in a NewsChina article is the outlet's own interview.
    assert _quote(seed_analysis, S004, "From China’s perspective").channel_type == "own_interview"


def test_samsungs_jay_y_lee_is_not_the_president(seed_analysis):
    a = seed_analysis[S001]
    text = a.article.text
    start = text.index("Jay Y. Lee")
    around = [m for m in a.mentions if m.span.start <= start < m.span.end or start <= m.span.start < start + 10]
    assert around and all(m.actor_id != LEE for m in around)


def _quotes_by_text(body: str) -> dict:
    """The quotes of a short article (with the shipped lexicons) by their words: the whole
    of what was said, and each piece of it between quote marks."""
    text = "Talks end without a deal\n" + body
    analysis = Analyzer(load_lexicons()).analyze_article(Article("t", "Daily", "Talks end without a deal", text))
    return {text[p.start : p.end]: q for q in analysis.quotes for p in (*q.quoted, q.span)}


def _as_expected(by_text: dict, expected: dict) -> dict:
    """The quotes of ``by_text`` whose words ``expected`` lists, shaped as its values are:
    the speaker, or (speaker, cue); a missing quote is left out, so the comparison shows it."""
    return {t: (q.speaker, q.cue) if isinstance(expected[t], tuple) else q.speaker for t, q in by_text.items() if t in expected}


def test_a_place_that_speaks_is_its_government_only_as_the_whole_speaker():
    """Metonymy ("Beijing said") types the speaker from the lexicon's [metonyms]; the same
    place inside a longer description types nothing, and a name the list leaves out (a
    given name such as Jordan) stays a person."""
    by_text = _quotes_by_text(
        '"We remain open to dialogue," Beijing said in a statement.\n'
        '"The door is not closed," the United States said on Friday.\n'
        'Marta Kowalska, a fellow at a Beijing institute, said the offer was "too little, too late".\n'
        '"It was a long day," Jordan said.\n'
    )
    beijing, us = by_text["We remain open to dialogue"], by_text["The door is not closed"]
    assert (beijing.speaker_id, beijing.speaker_type) == ("source_beijing", "government")
    assert (us.speaker_id, us.speaker_type) == ("source_united_states", "government")
    expert = by_text["too little, too late"]
    assert (expert.speaker_id, expert.speaker_type) == ("person_marta_kowalska", "expert")
    assert by_text["It was a long day"].speaker_id == "person_jordan"


def test_speakers_outside_the_lexicon_keep_their_name_and_link_short_forms():
    by_text = _quotes_by_text(
        'Marta Kowalska, an associate professor at the University of Gdansk, said the offer was "too little, too late".\n'
        '"Nobody expected a breakthrough," Kowalska added.\n'
        "Officials said the next round would start in May. She said the mood was calm.\n"
    )
    first, second = by_text["too little, too late"], by_text["Nobody expected a breakthrough"]
    assert first.speaker_id == second.speaker_id == "person_marta_kowalska"
    assert first.speaker == "Marta Kowalska" and first.speaker_type == "expert"
    she = next(q for t, q in by_text.items() if t.startswith("the mood was calm"))
    assert she.speaker_id == "person_marta_kowalska"
    officials = next(q for t, q in by_text.items() if t.startswith("the next round"))
    assert officials.speaker_type in ("group", "government") and officials.speaker_id.startswith("source_")


def test_only_reported_speech_gives_the_microphone_not_thoughts_intentions_or_evidence():
    """Every attribution is kept with the stance of its cue; a reported quote counts toward
    who gets the microphone only when its verb reports speech. A quoted statement counts
    whatever its verb: the quote marks show they are someone's words."""
    from framing.measures.quotes import counts_as_speaker

    by_text = _quotes_by_text(
        "Marta Kowalska said the talks had gone well.\n"
        "Beijing wants Seoul to stay neutral over Taiwan.\n"
        "Officials believe the deal will hold until the spring.\n"
        "Polls show voters are worried about the cost of living.\n"
        "The minister warned that tariffs could rise next year.\n"
        '"We will keep talking," Kowalska hoped aloud.\n'
    )
    said = by_text["the talks had gone well"]
    wants = by_text["Seoul to stay neutral over Taiwan"]
    believe = by_text["the deal will hold until the spring"]
    warned = by_text["tariffs could rise next year"]
    assert (said.kind, said.stance, counts_as_speaker(said)) == ("reported", "neutral", True)
    assert (warned.stance, counts_as_speaker(warned)) == ("emphatic", True)
    assert (wants.kind, wants.stance, wants.speaker_id) == ("reported", "intention", "source_beijing")
    assert (believe.kind, believe.stance) == ("reported", "thought")
    assert not counts_as_speaker(wants) and not counts_as_speaker(believe)
    show = by_text["voters are worried about the cost of living"]
    assert (show.stance, counts_as_speaker(show)) == ("evidence", False)
    direct = by_text["We will keep talking"]
    assert (direct.kind, direct.stance, counts_as_speaker(direct)) == ("direct", "thought", True)


def test_titles_shared_heads_and_source_phrases_name_the_speaker():
    """Three habits of news writing: a title written before a name types the speaker
    ("Foreign Minister ..."), including a title with "of" after a quote; two modifiers
    joined by "and" share one head noun ("South Korean and Chinese broadcasters" is one
    source, "Reuters and the Associated Press" is not joined); and a source phrase of the
    lexicon ("state media") is not read as the verb "state"."""
    by_text = _quotes_by_text(
        "The two delegations met for three hours on Monday.\n"
        "Foreign Minister Anton Weller said the talks were useful.\n"
        "Professor Ilse Brandt said the mood had changed.\n"
        '"We will not back down from this," Chief of Staff Omar Haddad said.\n'
        "The two sides signed nine agreements, according to Polish and Czech broadcasters.\n"
        "The border will reopen in May, according to Reuters and the Associated Press.\n"
        '"We welcome the visit," state media said.\n'
        '"The door is open," the state broadcaster said on Tuesday.\n'
    )
    typed = {t: (q.speaker, q.speaker_type) for t, q in by_text.items()}
    assert typed["the talks were useful"] == ("Anton Weller", "government")
    assert typed["the mood had changed"] == ("Ilse Brandt", "expert")
    assert typed["We will not back down from this"] == ("Omar Haddad", "government")
    assert typed["The two sides signed nine agreements"] == ("Polish and Czech broadcasters", "media")
    assert typed["The border will reopen in May"][0] == "Reuters"
    assert typed["We welcome the visit"] == ("state media", "state_media")
    assert typed["The door is open"] == ("the state broadcaster", "state_media")
    assert by_text["We welcome the visit"].cue == "said"


def test_participles_quote_only_verbs_and_joined_reports_keep_their_speaker():
    """Habits of reported speech: a participle clause belongs to the main clause's subject
    (after an opening adjunct too), not to an attribution later in a subordinate clause; a
    participle with its own "that" clause reports it itself; a quote-only verb ("add")
    reports speech with "that" or inverted after its content, and not otherwise; a report
    cut before the next one does not keep the joining word; "known as" is a name, not a
    thought."""
    by_text = _quotes_by_text(
        "Mr Haddad spoke last. He added that the border would reopen in May.\n"
        "Minister Anton Weller moved quickly on Sunday to press his advantage, urging voters to back the plan, even as the opposition said it would win.\n"
        "Speaking on Monday, Ilse Brandt said the mood had changed.\n"
        "During the same session in November, Brandt also stirred anger by reiterating her claim to the disputed islets known as Rocca Alta.\n"
        "Weller said the talks went well, adding that a second round would follow.\n"
        "Prices will keep rising this year, adds economist Petra Lind.\n"
        "The firm added 5,000 jobs last year.\n"
        "Weller said the deal was fair and Brandt said it was not.\n"
    )
    expected = {  # quoted words -> (speaker, cue)
        "to back the plan": ("Anton Weller", "urging"),
        "it would win": ("the opposition", "said"),
        "the mood had changed": ("Ilse Brandt", "said"),
        "her claim to the disputed islets known as Rocca Alta": ("Ilse Brandt", "reiterating"),
        "the talks went well": ("Anton Weller", "said"),
        "a second round would follow": ("Anton Weller", "adding"),
        "the border would reopen in May": ("Haddad", "added"),
        "Prices will keep rising this year": ("Petra Lind", "adds"),  # the role is not the name
        "the deal was fair": ("Anton Weller", "said"),
        "it was not": ("Ilse Brandt", "said"),
    }
    assert _as_expected(by_text, expected) == expected
    assert not any("5,000 jobs" in t for t in by_text)
    assert not any(q.cue == "known" for q in by_text.values())


def test_a_participle_takes_the_subject_whatever_form_its_verb_has():
    """"Weller met …, saying": a name ends at its first lower-case word, which is its verb
    even when irregular; with two names the last one speaks (as with "said"); a capitalised
    phrase runs on to its head noun ("Ruritanian officials met"); a sentence-opening word
    the article also writes in lower case is no name ("First ladies … shared …")."""
    by_text = _quotes_by_text(
        "Anton Weller spoke on Monday, saying the border would reopen.\n"
        "Mr. Haddad and Ms. Lind cast their votes in practical terms, saying the plan was cheaper.\n"
        "Ruritanian officials met on Tuesday, saying the deal was close.\n"
        "First ladies from both countries met and shared lighter moments, helping build goodwill.\n"
        "It was the first visit in a decade.\n"
    )
    expected = {"the border would reopen": "Anton Weller", "the plan was cheaper": "Lind", "the deal was close": "Ruritanian officials"}
    assert _as_expected(by_text, expected) == expected
    assert all(q.speaker != "First" for q in by_text.values())


def test_the_subject_of_a_borrowing_verb_is_found_past_what_surrounds_it():
    """A participle or a joined verb ("…, but said") takes its sentence's subject past an
    opening participle clause, commas in it included ("Speaking in Tallinn, Estonia, at a
    rally, …"), an adverb after the name ("Weller mostly read"), a possessive phrase
    ("Lind's press secretary Ana Roos did …") and an aside after the name."""
    by_text = _quotes_by_text(
        "Looking out at a crowd eager to cheer, Anton Weller mostly read from a script, promising lower taxes for farmers.\n"
        "Speaking in Tallinn, Estonia, at a rally, Mr. Haddad lit into his rivals, vowing to cut the budget.\n"
        "Asked about the leak, Lind's press secretary Ana Roos did not apologize, but said the files were old.\n"
        "Ilse Brandt, despite a long effort to stay quiet, broke with the party and argued that the plan would fail.\n"
    )
    expected = {
        "lower taxes for farmers": ("Anton Weller", "promising"),
        "to cut the budget": ("Haddad", "vowing"),
        "the files were old": ("Ana Roos", "said"),
        "the plan would fail": ("Ilse Brandt", "argued"),
    }
    assert _as_expected(by_text, expected) == expected


def test_a_participle_after_an_object_is_the_speech_of_the_verbs_subject():
    """"issued a statement saying", "gave a statement to the board on Monday saying": the
    subject of the verb that took the object speaks, in the clause that verb opens, not the
    board; "a letter from the senators urging" is the senators'; "the posting" is a noun."""
    by_text = _quotes_by_text(
        "The row grew so loud that the embassy issued a statement saying it had no position on the vote.\n"
        "Ana Roos spoke at the congress, where she delivered a speech blaming the minister for the loss.\n"
        "The registered voter, who was threatened over the posting, gave a statement to the board of elections on Monday saying he had never voted twice.\n"
        "Mr. Haddad received a letter from the senators urging him to resign.\n"
    )
    expected = {
        "it had no position on the vote": ("the embassy", "saying"),
        "the minister for the loss": ("Ana Roos", "blaming"),
        "he had never voted twice": ("The registered voter", "saying"),
        "to resign": ("the senators", "urging"),
    }
    assert _as_expected(by_text, expected) == expected
    assert not any(q.cue == "posting" for q in by_text.values())


def test_an_attribution_at_the_end_of_a_sentence_reports_all_before_it():
    """"X, analysts said." reports the whole of X, a verb inside it included ("As the bank
    tries to …"), also when a time, a place or a channel follows the verb ("wrote on
    Thursday on Baltic Watch, a blog …"); but "a claim the company denied" is no such
    attribution, and a report set off by dashes ends at the closing dash."""
    by_text = _quotes_by_text(
        "As the central bank tries to calm markets, the currency is likely to fall further, traders say.\n"
        "In all, 40 donors lobbied the ministry during the term, the Tallinn Herald reported last year.\n"
        "Satellite images show work at two sites near the port, analyst Mara Ilves wrote on Thursday on Baltic Watch, a blog about the region.\n"
        "Auditors said the spending may be linked to the fund, a claim the company denied.\n"
        "Lobbyists learn the rooms - some aides said they know whom to avoid - and build a network.\n"
    )
    expected = {
        "As the central bank tries to calm markets, the currency is likely to fall further": ("traders", "say"),
        "In all, 40 donors lobbied the ministry during the term": ("Tallinn Herald", "reported"),
        "Satellite images show work at two sites near the port": ("Mara Ilves", "wrote"),
        "they know whom to avoid": ("some aides", "said"),
    }
    assert _as_expected(by_text, expected) == expected
    auditors = [q for t, q in by_text.items() if t.startswith("the spending may be linked to the fund")]
    assert [q.speaker for q in auditors] == ["Auditors"]
    assert not any(q.cue == "denied" for q in by_text.values())


def test_a_determiner_that_stands_for_its_noun_can_speak():
    """"Another said", "The two said": a determiner from grammar.standalone opening its
    clause before an inflected verb is the speaker; "the proposed merger" and "most
    forecast models" are no attribution; a plural noun after a possessive is no verb
    ("her prepared remarks, warning …" is the subject's participle, not "remarks")."""
    by_text = _quotes_by_text(
        "One wore a cap. Another said he backed the plan.\n"
        "Mr. Haddad and Ms. Lind spoke for an hour. The two said the talks had failed.\n"
        "The proposed merger faces scrutiny. Most forecast models give Brandt a lead.\n"
        "Ilse Brandt read from her prepared remarks, warning that the budget would shrink.\n"
    )
    expected = {  # quoted words -> (speaker, cue)
        "he backed the plan": ("Another", "said"),
        "the talks had failed": ("The two", "said"),
        "the budget would shrink": ("Ilse Brandt", "warning"),
    }
    assert _as_expected(by_text, expected) == expected
    assert not any(q.cue in ("proposed", "forecast", "remarks") for q in by_text.values())


def test_a_plural_noun_after_a_determiner_is_no_reporting_verb(seed_analysis):
    """NewsChina: "Despite the ongoing challenges, analysts said …": the analysts speak;
    "challenges" after "the ongoing" is a noun, not the verb "challenge"."""
    a = seed_analysis[S004]
    text = a.article.text
    q = next(x for x in a.quotes if text[x.span.start : x.span.end].startswith("the most significant outcome"))
    assert (q.speaker, q.cue) == ("analysts", "said")
    assert all(x.cue != "challenges" for x in a.quotes)


def test_a_participle_after_an_opening_phrase_is_the_subjects(seed_analysis):
    """NewsChina: "During the same Diet session …, she also reignited tensions … by
    reiterating Japan's claim over the disputed islets known as Dokdo": Takaichi's claim,
    not the islets'."""
    a = seed_analysis[S004]
    text = a.article.text
    q = next(x for x in a.quotes if text[x.span.start : x.span.end].startswith("Japan’s claim over the disputed islets"))
    assert q.speaker_id == "sanae_takaichi" and q.cue == "reiterating"
    assert all(x.speaker != "islets" for x in a.quotes)


def test_a_pronoun_goes_to_the_nearer_name_whose_honorific_matches():
    """An earlier speaker does not take "he" from a nearer "Mr ..." who has not spoken yet;
    a nearer "Ms ..." does not take it from him."""
    by_text = _quotes_by_text(
        "Minister Anton Weller said the talks were useful.\n"
        "Mr Haddad spoke last. He added that the border would reopen in May.\n"
        "Ms Lind spoke after him. He said the vote would wait.\n"
    )
    assert by_text["the talks were useful"].speaker == "Anton Weller"
    assert by_text["the border would reopen in May"].speaker == "Haddad"
    assert by_text["the vote would wait"].speaker == "Haddad"


def test_a_speaker_shared_by_two_quotes_is_mentioned_once():
    """"X said …, adding that …": two quotes, one speaker span, one mention (mention counts
    feed the salience of each actor)."""
    text = "Talks end without a deal\nMinister Rosa Vidal said the talks went well, adding that a second round would follow.\n"
    analysis = Analyzer(load_lexicons()).analyze_article(Article("t", "Daily", "Talks end without a deal", text))
    assert [q.speaker for q in analysis.quotes] == ["Rosa Vidal", "Rosa Vidal"]
    spans = [(m.span.start, m.span.end) for m in analysis.mentions]
    assert len(spans) == len(set(spans)) and spans.count((text.index("Rosa"), text.index(" said"))) == 1

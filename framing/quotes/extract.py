"""``extract_quotes``: every quote, partial quote and reported statement of an article,
with its speaker mention, cue and channel, from the pieces of this package."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from ..text.clean import matching_copy
from ..types import SPEECH_CLASSES, Paragraph, Sentence, Span
from .channels import _channels_in
from .grammar import _DASHES
from .marks import _RawQuote, _find_marked
from .clauses import _clause_before_quote, _clause_start, _opens_with_place, _wrapped_attribution
from .paragraph import _Para
from .rules import AttributionRules
from .statements import _join_interrupted, _Out, _with_clauses
from .tokens import _Cue, _is_cap, _is_word


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    # What the speaker is reported to have said: the quoted words of a direct quote, the
    # reported clause of reported speech, and of a partial quote the clause that holds its
    # quoted words ("called the plan 'a disaster'": the plan 'a disaster').
    span: Span
    kind: str  # "direct" | "partial" | "reported" | "scare" | "headline"
    speaker_span: Span | None  # the mention naming the speaker for this quote
    cue_span: Span | None  # reporting verb or phrase
    channel_span: Span | None  # the channel phrase
    channel_type: str  # one of CHANNEL_TYPES or ""
    sentence_index: int  # sentence holding the quote's start
    continues: int | None  # index (in the returned list) of the quote this one continues
    quoted: tuple[Span, ...] = ()  # the words between quote marks inside span (none for reported speech)


# --------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------


def _offs(para: _Para, rng: tuple[int, int] | None) -> tuple[int, int] | None:
    if rng is None:
        return None
    a, b = rng
    if a >= b:
        return None
    return (para.toks[a].s, para.toks[b - 1].e)


def _sentence_of(sentences: Sequence[Sentence], starts: list[int], offset: int) -> int:
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return sentences[0].index if sentences else 0
    return sentences[k].index


def extract_quotes(
    text: str,
    paragraphs: Sequence[Paragraph],
    sentences: Sequence[Sentence],
    rules: AttributionRules,
    *,
    heading_paragraphs: frozenset[int] = frozenset(),
) -> list[QuoteCandidate]:
    """Every quote and reported statement in ``text``, sorted by start."""
    if not text or not paragraphs:
        return []
    copy = matching_copy(text)
    sent_starts = [s.span.start for s in sentences]
    raw = _find_marked(text, copy, paragraphs)
    by_para: dict[int, list[_RawQuote]] = {}
    for q in raw:
        by_para.setdefault(q.paragraph, []).append(q)
    sents_by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        sents_by_para.setdefault(s.paragraph, []).append(s)

    outs: list[_Out] = []
    prev_colon = None
    carried: list[tuple[str, tuple[int, int], str, int]] = []  # (speaker last word, channel span, type, paragraph)
    for pi, para in enumerate(paragraphs):
        quotes = by_para.get(pi, [])
        psents = sents_by_para.get(para.index, []) or sents_by_para.get(pi, [])
        if not psents:
            psents = [Sentence("", _sentence_of(sentences, sent_starts, para.span.start), para.span, pi, para.role)]
        heading = pi in heading_paragraphs or para.index in heading_paragraphs
        if heading and para.role != "headline":
            for q in quotes:
                outs.append(_Out(q.start, q.end, "headline", None, None, None, "", _sentence_of(sentences, sent_starts, q.start), pi))
            continue
        P = _Para(copy, para, psents, quotes, rules, headline=heading)
        if heading:
            # A headline attributes as prose does ("Obama Says Museum Will Tell of …", "Sanders:
            # Clinton Needs to …"); its statements keep the kind "headline", which gives no one
            # the microphone (the body quotes them again), but shows who the headline quotes.
            head_outs = _with_clauses(_attribute_quotes(P, quotes, pi, sentences, sent_starts) + _reported(P, quotes, pi, sentences, sent_starts), copy)
            colon = _headline_colon(P, quotes, head_outs, pi, sentences, sent_starts)
            if colon is not None:
                head_outs = [o for o in head_outs if not (colon.start <= o.start and o.end <= colon.end)] + [colon]
            for o in head_outs:
                o.kind = "headline"
            outs.extend(head_outs)
            continue
        _carry_channels(P, quotes, pi, carried)
        para_outs = _attribute_quotes(P, quotes, pi, sentences, sent_starts, prev_colon)
        prev_colon = _colon_attribution(P)
        para_outs = _with_clauses(para_outs + _reported(P, quotes, pi, sentences, sent_starts), copy)
        # apply carried channels ("In comments reported by TASS, the minister …" then the minister's quotes)
        for o in para_outs:
            if o.channel is None and o.speaker is not None:
                last = copy[o.speaker[0] : o.speaker[1]].split()[-1].lower() if copy[o.speaker[0] : o.speaker[1]].split() else ""
                for word, span, ctype, cpi in reversed(carried):
                    if pi - cpi > 6:
                        break  # carried is in paragraph order: the rest is older still (no scan of all of it per quote)
                    if word == last:
                        o.channel, o.channel_type = span, ctype
                        break
        outs.extend(para_outs)

    # no overlaps: quotes between marks first, reported speech only where free
    outs.sort(key=lambda o: (not o.marked, o.start, -o.end))
    kept: list[_Out] = []
    occupied: list[tuple[int, int]] = []
    for o in outs:
        k = bisect.bisect_left(occupied, (o.start, o.start))
        clash = (k < len(occupied) and occupied[k][0] < o.end) or (k > 0 and occupied[k - 1][1] > o.start)
        if clash:
            continue
        bisect.insort(occupied, (o.start, o.end))
        kept.append(o)
    kept.sort(key=lambda o: (o.start, o.end))
    _link_continuations(kept, copy, rules)
    kept = _join_interrupted(kept)
    index = {id(o): n for n, o in enumerate(kept)}
    result = []
    for o in kept:
        cont = index.get(id(o.continues)) if o.continues is not None else None
        result.append(
            QuoteCandidate(
                span=Span(o.start, o.end),
                kind=o.kind,
                speaker_span=Span(*o.speaker) if o.speaker else None,
                cue_span=Span(*o.cue) if o.cue else None,
                channel_span=Span(*o.channel) if o.channel else None,
                channel_type=o.channel_type if o.channel else "",
                sentence_index=o.sentence,
                continues=cont,
                quoted=tuple(Span(a, b) for a, b in o.quoted),
            )
        )
    return result


def _headline_colon(P: _Para, quotes: list[_RawQuote], found: list[_Out], pi: int, sentences, sent_starts) -> _Out | None:
    """"Sanders: Clinton Needs to Get Away From …": a headline that opens with a short name
    and a colon gives the rest of the line to the name, when nothing else in it is
    attributed."""
    toks = P.toks
    colon = next((k for k, t in enumerate(toks) if t.t == ":" and not t.quoted), None)
    if colon is None or not 0 < colon <= 4 or colon + 2 >= len(toks) or any(o.speaker is not None and o.speaker[0] < toks[colon].s for o in found):
        return None
    np = P._np_fwd(0, colon)
    if np is None or np != (0, colon) or not all(_is_cap(t.t) or t.t == "." for t in toks[:colon]):
        return None
    s, e = toks[colon + 1].s, toks[-1].e
    while e > s and P.copy[e - 1] in ".!?":
        e -= 1
    o = _Out(s, e, "headline", _offs(P, np), (toks[colon].s, toks[colon].e), None, "", _sentence_of(sentences, sent_starts, s), pi, marked=False)
    o.quoted = tuple((q.start, q.end) for q in quotes if s <= q.start and q.end <= e)
    return o


def _carry_channels(P: _Para, quotes: list[_RawQuote], pi: int, carried: list) -> None:
    rules = P.rules
    if rules.carry_over_re is None:
        return
    for m in rules.carry_over_re.finditer(P.copy, P.ps, P.pe):
        if any(a <= m.start() < b for a, b in P.qspans):
            continue
        chans = _channels_in(P, m.end(), min(P.pe, m.end() + 80), [])
        if not chans:
            continue
        s, e, ctype, _ = min(chans, key=lambda c: (c[0], c[3]))
        # the speaker named after the phrase: the first name after the next comma
        i = P.tok_at(e)
        while i < len(P.toks) and P.toks[i].t != "," and i - P.tok_at(e) < 8:
            i += 1
        if i + 1 < len(P.toks):
            np = P._np_fwd(i + 1, len(P.toks))
            if np is not None and _is_cap(P.toks[np[0]].t):
                k = np[0]
                while k + 1 < np[1] and _is_cap(P.toks[k + 1].t):
                    k += 1
                carried.append((P.toks[k].low, (s, e), ctype, pi))


def _colon_attribution(P: _Para) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A paragraph ending in "X wrote:" introduces the next paragraph's quote."""
    toks = P.toks
    if not toks or toks[-1].t != ":" or toks[-1].quoted:
        return None
    last = len(toks) - 1
    sa, _ = P.sent_bounds(last)
    cues = [c for c in P.cues_between(sa, last + 1) if c.speaker is not None]
    if cues:
        c = cues[-1]
        return _offs(P, c.speaker), (toks[c.i].s, toks[c.j - 1].e)  # type: ignore[return-value]
    np = P._np_fwd(sa, last)
    if np is not None and (_is_cap(toks[np[0]].t) or toks[np[0]].low in P.rules.pronoun_set):
        return _offs(P, np), (toks[last].s, toks[last].e)  # type: ignore[return-value]
    return None


def _pick_channel(P: _Para, a: int, b: int, exclude: list[tuple[int, int]], near: int) -> tuple[tuple[int, int] | None, str]:
    chans = _channels_in(P, a, b, exclude)
    if not chans:
        return None, ""
    s, e, ctype, _ = min(chans, key=lambda c: (c[3], abs(c[0] - near)))
    return (s, e), ctype


def _is_title(P: _Para, q: _RawQuote, qi: int) -> bool:
    """Whether a quote is the title of a show, paper or book named as where something was
    said: a few capitalised words after a possessive or a channel preposition ("told
    MSNBC's "Morning Joe" that …", "said on Fox News's "Fox and Friends."")."""
    words = P.copy[q.start : q.end].strip(" .,!?").split()
    if not words or len(words) > 6 or qi == 0:
        return False
    prev = P.toks[qi - 1]
    if not (prev.low.endswith(("'s", "’s")) or prev.low in P.rules.channel_prepositions):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in P.rules.boundaries or w.lower() in P.rules.determiners for w in words)


def _attribute_quotes(P: _Para, quotes: list[_RawQuote], pi: int, sentences, sent_starts, prev_colon=None) -> list[_Out]:
    toks = P.toks
    rules = P.rules
    outs: list[_Out] = []
    for q in quotes:
        sentence = _sentence_of(sentences, sent_starts, q.start)
        qi = P.tok_at(q.open_mark)
        qj = P.tok_at(q.close_end)
        if qi >= len(toks):
            continue
        sa, _ = P.sent_bounds(qi)
        if _is_title(P, q, qi):
            o = _Out(q.start, q.end, "scare", None, None, None, "", sentence, pi, title=True)
            o.quoted = ((q.start, q.end),)
            outs.append(o)
            continue
        cue: _Cue | None = None
        tail = False
        # 1. tail: "…," Mr Lee said / "…," said X
        ends_sentence = P.copy[q.end - 1 : q.end] in (".", "!", "?")
        lead_text = P.copy[max(toks[sa].s, q.open_mark - 400) : q.open_mark] if sa < qi else ""
        sentence_initial = sa >= qi or not lead_text.strip(" '\"") or lead_text.rstrip().endswith(":")
        k = qj
        skipped = 0
        while k < len(toks) and toks[k].t in (",", ".", "!", "?", "—", "-", "…") and skipped < 2:
            k += 1
            skipped += 1
        for c in P.cues_between(k, k + 41):
            if c.phrase:
                continue
            if c.i >= k and c.i - k <= 40 and c.speaker is not None:
                between = toks[k : c.i]
                if any(t.quoted or t.t in (".", "!", "?", ";") and not (t.t == "." and x > 0 and (between[x - 1].low in rules.honorifics or between[x - 1].low in rules.titles or len(between[x - 1].t) == 1)) for x, t in enumerate(between)):
                    break
                lead = toks[k : c.speaker[0]] if not c.inverted else []
                lead_ok = (
                    not c.inverted
                    and len(lead) <= 5
                    # titles before the name, "of" only inside a capitalised title ("Chief of Staff")
                    and all((_is_word(t.t) or t.t == ".") and (t.low not in rules.boundaries or t.low == "of" and 0 < x and _is_cap(toks[k + x - 1].t) and _is_cap(toks[k + x + 1].t)) for x, t in enumerate(lead))
                    and c.speaker[0] >= k
                )
                nxt = P._skip_fwd(c.j)
                if nxt < len(toks) and toks[nxt].low == "that" and not sentence_initial:
                    lead_ok = False  # "…" Lee has argued that …: a new attribution, not this quote's
                if (c.inverted and c.i == k or lead_ok) and (not ends_sentence or sentence_initial):
                    cue, tail = c, True
                break
            if c.i >= k:
                break
        # 2. head: the nearest attributed cue before the quote in its sentence
        # 3. a cue later in the sentence; speech verbs before thought verbs
        _, sb_end = P.sent_bounds(qi)
        if cue is None:
            before = [c for c in P.cues_between(max(sa, qi - 120), qi) if c.j <= qi and c.speaker is not None and not c.phrase]
            later = [c for c in P.cues_between(qj, min(sb_end, qj + 120)) if c.speaker is not None and not c.phrase and c.speaker[0] < qi]
            speech_b = [c for c in before if c.cls in SPEECH_CLASSES]
            speech_l = [c for c in later if c.cls in SPEECH_CLASSES]
            if speech_b:
                cue = speech_b[-1]
            elif speech_l:
                cue = speech_l[0]
            elif before:
                cue = before[-1]
            elif later:
                cue = later[0]
        colon_speaker: tuple[int, int] | None = None
        colon_cue: tuple[int, int] | None = None
        if cue is not None and cue.cls not in SPEECH_CLASSES and qi - 1 > sa and toks[qi - 1].t == ":" and not toks[qi - 1].quoted:
            # A colon introduces the quote and the only cue is a thought or a feeling
            # ("With leaders worried about …, the president is rolling out a message: "…""):
            # the words are the main clause subject's, when it has one.
            subject = P._main_subject(sa, qi - 1)
            if subject is not None and (_is_cap(toks[subject[0]].t) or toks[subject[0]].low in rules.pronoun_set):
                cue, colon_speaker, colon_cue = None, _offs(P, subject), (toks[qi - 1].s, toks[qi - 1].e)
        if cue is None and colon_speaker is None and qi - 1 >= sa and toks[qi - 1].t == ":" and not toks[qi - 1].quoted:
            # "Howard Kurtz, Fox News: "…"", "He sighed: "…""
            np = P._np_fwd(sa, qi - 1) if sa < qi - 1 else None
            if np is not None and (_is_cap(toks[np[0]].t) or toks[np[0]].low in rules.pronoun_set):
                colon_speaker = _offs(P, np)
                colon_cue = (toks[qi - 1].s, toks[qi - 1].e)
        label = qi + 1
        while label < qj and label - qi <= 4 and toks[label].t.isupper() and _is_word(toks[label].t) and len(toks[label].t) > 1:
            label += 1
        if cue is None and colon_speaker is None and label > qi + 1 and label < qj and toks[label].t == ":":
            # a transcript line: '"WALLACE: Let's start …"' (the speaker's label in capitals)
            colon_speaker, colon_cue = _offs(P, (qi + 1, label)), (toks[label].s, toks[label].e)
        elif cue is None and colon_speaker is None and qi == 0 and prev_colon is not None:
            colon_speaker, colon_cue = prev_colon  # "X wrote:" closing the previous paragraph
        if cue is None and colon_speaker is None and qj + 1 < len(toks) and toks[qj].t in _DASHES and toks[qj].t != "-":
            # a sign-off: '"… at all." ― Jane Roe' or '… — Jane Roe, a nurse in Ohio.'
            np = P._np_fwd(qj + 1, len(toks))
            if np is not None and _is_cap(toks[np[0]].t) and (np[1] >= len(toks) or toks[np[1]].t in (",", ".", "(")):
                colon_speaker = _offs(P, np)
                colon_cue = (toks[qj].s, toks[qj].e)
        # "according to X" with no verb: X is the speaker; with a verb, X is the channel
        region_end = toks[min(sb_end, len(toks)) - 1].e if sb_end > 0 else P.pe
        if tail and cue is not None:
            # the attribution tail may run past a sentence split ("right?" Mr Lee said …)
            _, tail_end = P.sent_bounds(cue.i)
            region_end = max(region_end, toks[tail_end - 1].e)
        region_start = toks[sa].s
        region_start = max(region_start, q.open_mark - 600)
        region_end = min(region_end, q.close_end + 600)
        acc = [c for c in P.cues_between(P.tok_at(region_start), P.tok_at(region_end)) if c.phrase and c.speaker is not None]
        channel: tuple[int, int] | None = None
        ctype = ""
        if cue is None and acc:
            cue = acc[0]
            acc = []
        speaker = _offs(P, cue.speaker) if cue else colon_speaker
        cue_off = (toks[cue.i].s, toks[cue.j - 1].e) if cue else colon_cue
        exclude = [speaker] if speaker and not (cue and cue.phrase) else []
        if cue is not None:
            near = toks[cue.i].s
            if acc:
                a_ = acc[0]
                channel, ctype = _pick_channel(P, toks[a_.j].s if a_.j < len(toks) else region_end, region_end, [], near)
                if channel is None and a_.speaker:
                    channel, ctype = _offs(P, a_.speaker), "other"
            if channel is None:
                channel, ctype = _pick_channel(P, region_start, region_end, exclude if not cue.phrase else [], near)
        # kind
        before_text = P.copy[max(toks[sa].s, q.open_mark - 400) : q.open_mark].strip() if sa < qi else ""
        prev_tok = toks[qi - 1] if qi - 1 >= sa else None
        direct = (
            not before_text
            or before_text.endswith(":")
            or (prev_tok is not None and prev_tok.t == "," and qi - 2 >= 0 and any(c.j == qi - 1 for c in P.cues_between(qi - 8, qi)))
            or q.continued_from_runon
            or (tail and P.copy[q.end - 1 : q.end] in ".,?!" and _starts_upper(P.copy, q.start))
        )
        if direct:
            kind = "direct"
        elif cue is not None or colon_speaker is not None:
            kind = "partial"
        else:
            kind = "scare" if len(P.copy[q.start : q.end].split()) <= 4 else "partial"
        o = _Out(q.start, q.end, kind, speaker, cue_off, channel, ctype, sentence, pi, cue_obj=cue)
        o.pronoun = bool(cue and cue.speaker and cue.speaker[1] - cue.speaker[0] == 1 and toks[cue.speaker[0]].low in rules.pronoun_set)
        o.add_cue = bool(cue and cue.lemma in ("add",))
        o.runon = q.runon
        o.cont_runon = q.continued_from_runon
        o.sentence_start = not before_text
        o.quoted = ((q.start, q.end),)
        if kind == "partial" and cue is not None and _clause_before_quote(P, cue, sa, qi, tail):
            # 'Both parties "saw Burma as …," said Victor Cha.' / 'The weapons, he added, are
            # like "nuclear bombs …"': the quoted words finish a clause that starts the
            # sentence; the clause is the content (PolNeAR), the quote its quoted words
            o.start = toks[sa].s
        if cue is not None:
            if kind == "direct":
                cue.used = True
            else:
                cue.used_by_partial = True
        outs.append(o)
    return outs


def _starts_upper(copy: str, s: int) -> bool:
    return s < len(copy) and copy[s].isupper()


def _reported(P: _Para, quotes: list[_RawQuote], pi: int, sentences, sent_starts) -> list[_Out]:
    """Reported speech: a cue with a speaker and a clause, none of it between quote marks."""
    toks = P.toks
    rules = P.rules
    outs: list[_Out] = []
    cues = [c for c in P.cues if c.speaker is not None and not c.used and P._reports_clause(c)]
    for n, c in enumerate(cues):
        sa, sb = P.sent_bounds(c.i)
        postposed = False
        if c.phrase:
            # according to X, CONTENT. / CONTENT, according to X.
            sp_end = c.speaker[1]
            if c.i > sa + 2:
                a, b = sa, c.i
            else:
                a = sp_end
                while a < sb and toks[a].t in (",", ":"):
                    a += 1
                b = sb
        else:
            a = c.j
            if c.inverted:
                a = c.speaker[1]
            # the addressee: "told reporters that", "urged Lee to"
            if c.lemma in rules.addressee and not c.inverted:
                np = P._np_fwd(a, sb)
                # "promising lower taxes for farmers": a phrase followed by a preposition is
                # what was promised, not to whom
                if np is not None and np[1] > a and not (np[1] < sb and toks[np[1]].low in rules.object_prepositions):
                    a = np[1]
            verb_end = a  # right after the verb and its addressee
            # time and channel phrases right after the verb, then "that"
            while a < sb:
                t = toks[a]
                if t.quoted:
                    close = next((x for x in range(a, sb) if not toks[x].quoted), sb)
                    title = [q for q in quotes if toks[a].s <= q.start < toks[min(close, sb) - 1].e]
                    if a > 0 and title and _is_title(P, title[0], a) and close < sb and toks[close].low in ("that", ","):
                        a = close  # "told MSNBC's "Morning Joe" that …": past the show's title
                        continue
                    break
                if t.low in ("in", "on", "during", "at", "via", "through", "to", "with"):
                    chans = _channels_in(P, t.s, toks[min(a + 5, sb - 1)].e, [])
                    if chans and chans[0][0] <= toks[min(a + 2, sb - 1)].s:
                        a = P.tok_at(max(ch[1] for ch in chans if ch[0] <= toks[min(a + 2, sb - 1)].s))
                        continue
                if t.low in rules.time_words or t.low.isdigit() or t.t == ",":
                    a += 1
                    continue
                if t.low in rules.time_prefixes and a + 1 < sb and (toks[a + 1].low in rules.time_words or toks[a + 1].low.isdigit()):
                    a += 1
                    continue
                if t.low in ("that", ":"):
                    a += 1
                    break
                # "said in a statement that …", "told reporters that …": an adjunct or the
                # addressee before "that"; but "attacked loopholes that benefit others" reports
                # the loopholes, "that" being a relative pronoun after the verb's object
                adjunct = t.low in rules.boundaries or t.low in rules.time_words or t.low.endswith("ly") or c.lemma in rules.addressee
                for x in range(a, min(a + 8, sb) if adjunct else a):
                    if toks[x].quoted or toks[x].t in (",", ";", ".") or x > a and toks[x].low in rules.forms:
                        break
                    if toks[x].low == "that":
                        a = x + 1
                        break
                break
            b = sb
            if c.inverted or (a >= sb - 1) or toks[a].t in (".", ";") or toks[a].low in ("and", "but") and c.speaker[0] > sa and toks[c.speaker[0] - 1].t == "," or c.cls in SPEECH_CLASSES and P._only_adjuncts(c.j, sb):
                postposed = True
                # "…, President Lee said." : the content is before the speaker
                start = c.speaker[0] if not c.inverted else c.i
                back = 0
                while not c.inverted and back < 4 and start - 1 > sa and _is_word(toks[start - 1].t) and toks[start - 1].low not in rules.boundaries and toks[start].low not in rules.determiners:
                    start -= 1  # "…, RNC spokesman Sean Spicer said."
                    back += 1
                if start <= sa or toks[start - 1].t not in (",", "—", "-"):
                    continue
                e = start - 1
                while e > sa and toks[e].t in (",", "—", "-"):
                    e -= 1
                a, b = sa, e + 1
        wraps = False
        if not postposed and not c.phrase and not c.inverted and verb_end < sb and toks[verb_end].t == "," and _wrapped_attribution(P, c, sa):
            # "The museum, Mr. Obama said, would make visitors …": the attribution interrupts
            # the statement, whose subject comes before it; the content is the whole sentence
            a, wraps = sa, True
        if not postposed and not c.phrase and c.speaker[0] > sa and toks[c.speaker[0] - 1].t in _DASHES:
            # an aside between dashes: "… radar - some lobbyists said they know … - and develop …"
            b = next((k for k in range(a, b) if toks[k].t in _DASHES and not toks[k].quoted), b)
        for d in P.cues_between(a + 1, b):
            if d.phrase and a < d.i < b and not c.phrase:
                b = d.i  # "…, according to X": the channel is not content
                break
        # Trim at the next attribution inside the content: "A said X, and B said Y"; "A said X,
        # adding that Y" (the participle reports Y itself). Quotes do not overlap, so a nested
        # report ("A said B's remarks suggest Y") leaves A the words before B's. A postposed
        # attribution ("X, analysts said.") reports its whole sentence, reports inside it
        # ("As B tries to …, Y, experts say.") included.
        for d in ([] if postposed else P.cues_between(a + 1, b)):
            if d is c or d.speaker is None or d.used or d.phrase:
                continue
            if d.borrowed:
                if toks[d.i - 1].t == "," and P._reports_clause(d):
                    b = d.i - 1
                    break
                continue
            if d.speaker[0] > a and toks[d.speaker[0] - 1].low in rules.free_relatives:
                continue  # "… against what it called a threat": a thing inside the content
            # a participle that attributes a partial quote of its own makes a statement of its
            # own ("…, with the former secretary calling the move "deeply troubling"")
            opens = d.speaker[0] if d.used_by_partial and toks[d.j - 1].low.endswith("ing") else _clause_start(P, d.speaker[0], a)
            if opens is None:
                continue  # "said B's remarks suggest Y": a report nested in the content stays in it (PolNeAR)
            if d.lemma not in rules.quote_only and d.speaker[0] > a and d.cls in SPEECH_CLASSES:
                b = min(d.speaker[0], max(opens, a + 1))
                break  # a thought or intention inside the content ("said Democrats are the ones trying to …") stays in it
        b = min(b, a + 150)  # no reported clause is longer; keeps long lines linear
        a = max(a, b - 150)
        while b > a and (toks[b - 1].t in (".", ",", ";", ":", "—", "-", "!", "?") or toks[b - 1].low in rules.clause_joiners or b - 2 > a and toks[b - 2].t == "," and toks[b - 1].low in rules.boundaries):
            b -= 1  # "… went well, and" before the next report
        if b <= a:
            continue
        if not postposed and not c.phrase and toks[a].low in rules.adjunct_openers and toks[a - 1].low != "that" and not any(t.t == "," and not t.quoted for t in toks[a:b]):
            continue  # "said when she resigned": when it was said, not what
        content = [t for t in toks[a:b]]
        holds = False
        if any(t.quoted for t in content):
            x = next(n for n, t in enumerate(content) if t.quoted)
            if x >= 4 and content[x - 1].t in (",", ":", "—"):
                b = a + x - 1
                content = content[: x - 1]
            else:
                holds = True
        if len(list(islice((t for t in content if _is_word(t.t)), 2))) < 2:
            continue  # fewer than two words
        if c.speaker[0] < b and c.speaker[1] > a and not wraps:
            continue
        if not postposed and not c.phrase and a == verb_end and _opens_with_place(P, a, b):
            continue  # "did not respond to a request for comment": to whom, not what
        if c.speaker[1] - c.speaker[0] == 1 and toks[c.speaker[0]].low in rules.pronouns.get("addressee", ()):
            continue  # "Can you imagine if …": the reader addressed, no source
        s, e = toks[a].s, toks[b - 1].e
        speaker = _offs(P, c.speaker)
        cue_off = (toks[c.i].s, toks[c.j - 1].e)
        exclude = [(s, e)] + ([speaker] if speaker and not c.phrase else [])
        channel, ctype = _pick_channel(P, max(toks[sa].s, cue_off[0] - 600), min(toks[sb - 1].e, cue_off[1] + 600), exclude, cue_off[0])
        if c.phrase:
            channel, ctype = None, ""
            ch2, ct2 = _pick_channel(P, speaker[0], speaker[1], [], speaker[0])
            if ch2 is not None:
                channel, ctype = speaker, ct2
        o = _Out(s, e, "reported", speaker, cue_off, channel, ctype, _sentence_of(sentences, sent_starts, s), pi, cue_obj=c, marked=False)
        o.pronoun = c.speaker[1] - c.speaker[0] == 1 and toks[c.speaker[0]].low in rules.pronoun_set
        o.add_cue = c.lemma == "add"
        o.holds_quotes = holds
        outs.append(o)
    return outs


def _link_continuations(outs: list[_Out], copy: str, rules: AttributionRules) -> None:
    """Set ``continues``: run-on paragraphs, unattributed follow-on quotes, "…," X said, "…", "he added"."""
    last_attr: _Out | None = None
    prev: _Out | None = None
    prev_marked: _Out | None = None
    for o in outs:
        if o.kind == "headline" or o.title:
            continue
        if o.cont_runon and prev is not None and prev.runon:
            o.continues = prev
            if o.speaker is None and prev.kind == "direct":
                o.kind = "direct"
        elif o.marked and o.cue is None and o.sentence_start and prev_marked is not None and (len(copy[o.start : o.end].split()) >= 4 or o.paragraph == prev_marked.paragraph) and (
            (prev_marked.speaker is not None or prev_marked.continues is not None) and o.paragraph - prev_marked.paragraph <= 1
        ):
            o.continues = prev_marked  # reported speech between them ("…," X said, calling …) is no break
        elif o.marked and prev is not None and prev.marked and o.cue is not None and o.cue == prev.cue and o.paragraph == prev.paragraph:
            o.continues = prev  # "…," X said, "…"
        elif (o.pronoun or o.add_cue) and last_attr is not None and o.paragraph - last_attr.paragraph <= 1 and o.speaker is not None:
            same = True
            if not o.pronoun:
                a = copy[o.speaker[0] : o.speaker[1]].split()
                b = copy[last_attr.speaker[0] : last_attr.speaker[1]].split() if last_attr.speaker else []
                same = bool(a and b and (a[-1].lower() == b[-1].lower() or a[-1].lower() == b[0].lower()))
            if same and last_attr is not o:
                o.continues = last_attr
        if o.speaker is not None and not o.pronoun:
            last_attr = o
        prev = o
        if o.marked:
            prev_marked = o

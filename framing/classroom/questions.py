"""The lesson's questions, computed from what the handout shows: who gets the microphone,
whose voice is missing, the channel, the same quote in two outlets, the loaded word,
headline versus body and what the numbers cannot tell; each answer cites paragraphs and
quotes their exact (blinded) words. ``lesson`` makes the handout's view of the articles
(trimmed at the short level) and its questions."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..measures.quotes import counts_as_speaker
from ..pipeline import AnalysisResult
from .blinding import EVIDENCE_WORDS, LEVELS, REDACTED, SHORT_WORDS, Redactor, blind, make_redactor

@dataclass
class Shown:
    """One article as the handout shows it: blinded headline and numbered body paragraphs."""

    outlet: str
    label: str  # "A", or "A2" when the outlet has several articles shown
    analysis: Any
    headline: str  # blinded; "" when none
    paragraphs: dict[int, str]  # paragraph number (1-based, body paragraphs) -> blinded text
    para_of_sentence: dict[int, int]  # sentence index -> paragraph number (body only)
    headings: dict[int, str] = field(default_factory=dict)  # paragraph number -> heading shown before it
    shown: list[int] = field(default_factory=list)  # paragraph numbers shown (all at full level)

    def text(self, n: int) -> str:
        return self.headline if n == 0 else self.paragraphs[n]


@dataclass(frozen=True)
class Evidence:
    ref: str  # article label ("A", "B2")
    para: int  # paragraph number; 0 is the headline
    words: str  # exact words of that paragraph (blinded)
    note: str = ""  # what the words show ("quote 3 of Jane Roe")

    @property
    def cite(self) -> str:
        return f"{self.ref} headline" if self.para == 0 else f"{self.ref} \u00b6{self.para}"


@dataclass(frozen=True)
class Question:
    kind: str
    text: str
    answer: str
    evidence: list[Evidence]
    why: str = ""  # the reasoning, for the teacher guide
    facts: dict[str, Any] = field(default_factory=dict)  # machine-readable answer, for checks


def _shown_article(a, outlet: str, label: str, redact) -> Shown:
    text = a.article.text
    number: dict[int, int] = {}
    paragraphs: dict[int, str] = {}
    headings: dict[int, str] = {}
    pending = ""
    for p in a.paragraphs:
        if p.role == "body":
            n = len(paragraphs) + 1
            number[p.index] = n
            paragraphs[n] = redact(text[p.span.start : p.span.end].strip())
            if pending:
                headings[n], pending = pending, ""
        elif p.role == "heading":
            pending = redact(text[p.span.start : p.span.end].strip())
    heads = [s for s in a.sentences if s.role == "headline"]
    headline = redact(a.article.title or (text[heads[0].span.start : heads[0].span.end] if heads else "")).strip()
    para_of = {s.index: number[s.paragraph] for s in a.sentences if s.paragraph in number}
    return Shown(outlet, label, a, headline, paragraphs, para_of, headings, sorted(paragraphs))


def _words(text: str, limit: int = EVIDENCE_WORDS) -> str:
    words = text.split()
    return " ".join(words[:limit])


def _evidence(s: Shown, span, redact, note: str = "", limit: int = EVIDENCE_WORDS) -> Evidence | None:
    """The blinded words of ``span`` (cut to ``limit`` words) in the paragraph that holds it,
    or None when the span lies in no shown paragraph or its words are not found there."""
    a = s.analysis
    sent = next((x for x in a.sentences if x.span.start <= span.start < x.span.end), None)
    n = s.para_of_sentence.get(sent.index) if sent else None
    if n is None or n not in s.shown:
        return None
    words = _words(redact(a.article.text[span.start : span.end]).strip(" ,.;:\u201c\u201d\"'"), limit)
    para = s.paragraphs[n]
    if not words or words not in para:
        return None
    return Evidence(s.label, n, words, note)


def _words_span(q):
    """The quote's own words: its first run between quote marks, else the reported clause."""
    return q.quoted[0] if q.quoted else q.span


def _quote_para(s: Shown, q) -> int | None:
    return s.para_of_sentence.get(q.sentence_index)


def _name_forms(name: str) -> set[str]:
    parts = [w for w in re.findall(r"[\w'-]+", name) if len(w) > 2]
    return {name.casefold(), *(p.casefold() for p in parts[-1:])}


# ---- questions ------------------------------------------------------------------------------


def _voice(q) -> str:
    """Who speaks, across articles: the lexicon actor, or for a speaker found in the text
    (``person_...``) their surname, so "Berg" and "Anna Berg" are one voice."""
    if q.speaker_id and q.speaker_id.startswith("person_"):
        words = re.findall(r"[\w'-]+", q.speaker)
        return "person:" + (words[-1].casefold() if words else q.speaker_id)
    return q.speaker_id or ""


def _voice_names(view: list[Shown]) -> dict[str, str]:
    """Voice -> its fullest name in the view ("Anna Berg" over "Berg")."""
    seen: dict[str, str] = {}
    for s in view:
        for q in s.analysis.quotes:
            if counts_as_speaker(q):
                k = _voice(q)
                if len(q.speaker) > len(seen.get(k, "")):
                    seen[k] = q.speaker
    return seen


def _counted(s: Shown) -> list:
    """The quotes that give someone the microphone in the shown paragraphs."""
    return [q for q in s.analysis.quotes if counts_as_speaker(q) and _quote_para(s, q) in s.shown]


def _q_microphone(view: list[Shown], names, redact) -> Question | None:
    per: dict[str, tuple[str, str, int, int, list[Evidence]]] = {}
    for outlet in sorted({s.outlet for s in view}, key=lambda o: names[o]):
        arts = [s for s in view if s.outlet == outlet]
        quotes = [(s, q) for s in arts for q in _counted(s)]
        if not quotes:
            continue
        counts = Counter(_voice(q) for _, q in quotes)
        first = _voice_names(arts)
        top, n = min(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))
        ev = [e for s, q in quotes if _voice(q) == top for e in [_evidence(s, _words_span(q), redact, f"{first[top]} (as {q.speaker})" if q.speaker != first[top] else first[top])] if e]
        if len(ev) != n:
            continue
        tied = sorted(first[k] for k, m in counts.items() if m == n and k != top)
        per[outlet] = (top, first[top], n, len(quotes), ev, tied)
    if not per:
        return None
    answer = "; ".join(f"{names[o]}: {v[1]}, {v[2]} of its {v[3]} quote(s)" + (f" (tied with {', '.join(v[5])})" if v[5] else "") for o, v in per.items())
    one = max(per, key=lambda o: (per[o][2] / per[o][3], per[o][3], names[o]))
    return Question(
        "microphone",
        "Who gets the microphone? For each outlet, count its quotes: the words it says someone said, in quotation marks "
        "or reported (\u201cshe said that ...\u201d). Whose words does it quote most often, and how many of its quotes are theirs?",
        answer,
        [e for v in per.values() for e in v[4]],
        f"Count every quote with its speaker. {names[one]} gives the largest share of its quotes to one voice "
        f"({per[one][1]}, {per[one][2]} of {per[one][3]}). Quoting one side most is not bias by itself: ask who else could have been asked.",
        {"per_outlet": {names[o]: {"speaker": v[1], "n": v[2], "of": v[3]} for o, v in per.items()}},
    )


def _speaker_type_of(view: list[Shown], voice: str) -> str:
    types = Counter(q.speaker_type for s in view for q in s.analysis.quotes if _voice(q) == voice and q.speaker_type and q.speaker_type != "other")
    return min(types, key=lambda t: (-types[t], t)) if types else "other"


class _Groupish:
    """Whether a name holds a word that names experts as a group ("analysts"): the language
    lexicon's ``[classroom] expert_group_words``; with none listed, no name does."""

    def __init__(self, words: Iterable[str]):
        alts = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
        self._re = re.compile(rf"(?i)(?<!\w)(?:{alts})(?!\w)") if alts else None

    def search(self, name: str) -> bool:
        return bool(self._re and self._re.search(name))

    def fullmatch(self, name: str) -> bool:
        return bool(self._re and self._re.fullmatch(name))


def _really_absent(arts: list[Shown], voice: str, name: str, stype: str, groupish: _Groupish) -> tuple[bool, int]:
    """Whether no article of the outlet gives ``speaker_id`` a voice: no quote of theirs (any
    kind), their name in no quoted words, no unattributed quote in a sentence that names them,
    and, for an expert or a group ("analysts"), no quote of any expert or analyst. Returns
    (absent, how often the articles mention them)."""
    forms = _name_forms(name)
    named_re = re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in sorted(forms, key=lambda n: (-len(n), n))), re.IGNORECASE)
    actor_id = voice if not voice.startswith("person:") else None
    mentions = 0
    for s in arts:
        a = s.analysis
        text = a.article.text
        named = {x.index for x in a.sentences if named_re.search(text[x.span.start : x.span.end])}
        named |= {x.index for m in a.mentions if m.actor_id == actor_id for x in a.sentences if x.span.contains(m.span)}
        mentions += len(named_re.findall(text)) if actor_id is None else sum(m.actor_id == actor_id for m in a.mentions)
        for q in a.quotes:
            words = text[q.span.start : q.span.end].casefold()
            if _voice(q) == voice or any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", words) for f in forms):
                return False, mentions
            if (not q.speaker_id or not counts_as_speaker(q)) and q.sentence_index in named:
                return False, mentions
            if stype in ("expert", "group", "unnamed", "other") and groupish.search(name or ""):
                if q.speaker_type == "expert" or groupish.search(q.speaker or ""):
                    return False, mentions
            if stype == "expert" and q.speaker_type == "expert":
                return False, mentions
    return True, mentions


def _q_missing(view: list[Shown], names, redact, groupish: _Groupish) -> Question | None:
    outlets = sorted({s.outlet for s in view}, key=lambda o: names[o])
    if len(outlets) < 2:
        return None
    carriers: dict[str, dict[str, list]] = defaultdict(dict)  # speaker -> outlet -> [(s, q)]
    speaker_name = _voice_names(view)
    for s in view:
        for q in _counted(s):
            carriers[_voice(q)].setdefault(s.outlet, []).append((s, q))
    candidates = []
    for sid, by in carriers.items():
        if len(by) < min(2, len(outlets) - 1) or groupish.fullmatch(speaker_name[sid].strip()):
            continue
        stype = _speaker_type_of(view, sid)
        if stype == "group":
            continue  # "both sides", "officials": not one voice a reader could miss
        for o in outlets:
            if o in by:
                continue
            absent, mentions = _really_absent([s for s in view if s.outlet == o], sid, speaker_name[sid], stype, groupish)
            if absent:
                n_quotes = sum(len(v) for v in by.values())
                candidates.append((-len(by), stype != "expert", -n_quotes, names[o], speaker_name[sid], sid, o, mentions, stype))
    if not candidates:
        return None
    candidates.sort()
    _, _, _, _, name, sid, o, mentions, stype = candidates[0]
    also = [f"{names[c[6]]} never quotes {c[4]}" for c in candidates[1:4]]
    ev = []
    for other in sorted(carriers[sid], key=lambda x: names[x]):
        s, q = carriers[sid][other][0]
        e = _evidence(s, _words_span(q), redact, f"{name} quoted by {names[other]}")
        if e:
            ev.append(e)
    if len(ev) < min(2, len(outlets) - 1):
        return None
    kind = {"expert": "an expert", "government": "an official", "business": "a company voice", "state_media": "state media"}.get(stype, "a source")
    others = "the other outlet quotes" if len(outlets) == 2 else f"{len(carriers[sid])} other outlets quote"
    mentioned = f" {names[o]} names {name} {mentions} time(s) but never quotes them." if mentions else f" {names[o]} does not name {name} at all."
    find = "a person whom one outlet quotes and the other never quotes" if len(outlets) == 2 else "a person whom two or more outlets quote but another outlet never quotes"
    return Question(
        "missing",
        f"Whose voice is missing? Find {find}. Which outlet leaves them out, and what does its reader miss?",
        f"{names[o]} never quotes {name} ({kind}), whom {others}.{mentioned}" + (f" Also right: {'; '.join(also)}." if also else ""),
        ev,
        f"Check every quote of {names[o]}, attributed or not, and every mention: {name} is never given the microphone there"
        + (" and no other expert is quoted either, so the expert view is absent" if stype == "expert" else "")
        + ". A missing voice can be an editorial choice or the reporter's access: ask the class which.",
        {"outlet": names[o], "speaker": name, "voice": sid, "speaker_type": stype, "quoted_by": sorted(names[x] for x in carriers[sid])},
    )


def _q_channel(view: list[Shown], names, redact) -> Question | None:
    items = []
    for s in sorted(view, key=lambda s: s.label):
        for q in s.analysis.quotes:
            if q.channel and q.channel_span is not None and _quote_para(s, q) in s.shown:
                words = redact(s.analysis.article.text[q.channel_span.start : q.channel_span.end]).strip()
                if REDACTED in words:
                    continue  # the outlet's own interview: naming the channel would name the outlet
                e = _evidence(s, q.channel_span, redact, f"{q.speaker or 'a quote'} via {q.channel_type.replace('_', ' ')}")
                if e:
                    items.append((q.channel_type != "state_media", s.label, e, q))
    if not items:
        return None
    picked, seen = [], set()
    for item in sorted(items, key=lambda x: (x[0], x[1], x[2].para)):
        if item[1] not in seen and len(picked) < 4:
            picked.append(item)
            seen.add(item[1])
    places = ", ".join(e.cite for _, _, e, _ in picked)
    return Question(
        "channel",
        f"Which channel did the quote come through? Read {places}: how did the quoted words reach the reporter "
        "(an interview, a news agency, a broadcaster, a press event, social media)? Which of these channels is run by a government?",
        "; ".join(f"{e.cite}: {q.speaker or 'the quote'} through \u201c{e.words}\u201d ({q.channel_type.replace('_', ' ')})" for _, _, e, q in picked),
        [e for _, _, e, _ in picked],
        "A quote relayed by state media is the words a government chose to publish, not words the reporter heard: "
        "the outlet passes on another medium's framing.",
        {"channels": [{"cite": e.cite, "type": q.channel_type} for _, _, e, q in picked]},
    )


def _q_shared(view: list[Shown], names, redact, rows: list[dict]) -> Question | None:
    by_id = {s.analysis.article.id: s for s in view}
    groups: dict[Any, list[dict]] = defaultdict(list)
    for r in rows:
        if r["level"] == "quote" and r["status"] == "shared" and r["article"] in by_id:
            groups[r["group"]].append(r)
    best = None
    for g, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        ev, outlets = [], []
        for r in members:
            s = by_id[r["article"]]
            if s.outlet in outlets:
                continue
            q = next((q for q in s.analysis.quotes if counts_as_speaker(q) and s.analysis.article.text[q.span.start : q.span.end] == r["text"]), None)
            e = _evidence(s, q.span, redact, r["speaker"]) if q else None
            if e:
                ev.append((e, r["speaker"], _voice(q)))
                outlets.append(s.outlet)
        voices = Counter(v for _, _, v in ev)
        if not voices:
            continue
        voice, n = min(voices.items(), key=lambda kv: (-kv[1], kv[0]))
        ev = [(e, sp) for e, sp, v in ev if v == voice]
        if n >= 2 and (best is None or n > len(best[0])):
            best = (ev[:3], g)
    if best is None:
        return None
    ev = best[0]
    places = " and ".join(e.cite for e, _ in ev)
    speakers = sorted({sp for _, sp in ev})
    return Question(
        "shared",
        f"The same quote in two outlets: {places} report the same statement. Compare the words: are they identical, "
        "who is said to have said them, and what does each outlet put around them?",
        "; ".join(f"{e.cite}: {sp}, \u201c{e.words}\u201d" for e, sp in ev)
        + (". The same speaker in each." if len(speakers) == 1 else f". Different speakers: {', '.join(speakers)}."),
        [e for e, _ in ev],
        "The statement reached several outlets (a press conference, a wire or a state agency), but each chose the words "
        "to quote and whether to quote or paraphrase them.",
        {"speakers": speakers},
    )


def _q_scare(view: list[Shown], names, redact) -> Question | None:
    ev = []
    for s in sorted(view, key=lambda s: s.label):
        for q in s.analysis.quotes:
            if q.kind == "scare":
                e = _evidence(s, q.span, redact, "scare quotes")
                if e and len(ev) < 4:
                    ev.append(e)
    if not ev:
        return None
    return Question(
        "scare",
        "The loaded word: find words in quotation marks that nobody in the sentence is said to have said (scare quotes). "
        "What do the marks tell the reader about the writer's view of those words?",
        "; ".join(f"{e.cite}: \u201c{e.words}\u201d" for e in ev),
        ev,
        "Quotation marks without a speaker keep a distance: the writer shows the words are someone else's label, "
        "often one they doubt.",
        {},
    )


def _q_headline(view: list[Shown], names, redact, digests: dict[str, Any]) -> Question | None:
    rows = []
    for s in sorted(view, key=lambda s: s.label):
        h = digests.get(s.analysis.article.id)
        part = h.parts.get("headline") if h is not None else None
        if part is None or part.tone_gap is None or not s.headline:
            continue
        rows.append((s, part))
    if len(rows) < 2:
        return None
    s, part = min(rows, key=lambda r: (r[1].tone_gap, r[0].label))
    ev = [Evidence(x.label, 0, x.headline, f"headline tone {p.headline_tone:+.2f}, body {p.body_tone:+.2f}") for x, p in rows]
    return Question(
        "headline",
        "Headline versus body: read each headline, then its article. Which headline sounds darker (or sunnier) than "
        "the story under it? Quote the words that make the difference.",
        f"{s.label}'s headline is the furthest below its body in tone (headline {part.headline_tone:+.2f}, body mean {part.body_tone:+.2f}, "
        "on VADER's scale from -1 to +1). " + "; ".join(f"{x.label}: {p.headline_tone:+.2f} vs {p.body_tone:+.2f}" for x, p in rows),
        ev,
        "Many readers see only the headline. The tone score is a word count (VADER), blind to irony: treat it as a "
        "prompt to read, not a verdict.",
        {"darkest": s.label},
    )


def _q_limits(view: list[Shown], names, redact) -> Question | None:
    per = Counter(s.outlet for s in view)
    ev = []
    for s in sorted(view, key=lambda s: s.label):
        if s.headline:
            ev.append(Evidence(s.label, 0, s.headline, "the article shown"))
        elif s.shown:
            ev.append(Evidence(s.label, s.shown[0], _words(s.paragraphs[s.shown[0]]), "the article shown"))
    counts = sorted(set(per.values()))
    how = "one article" if counts == [1] else f"{'-'.join(map(str, counts))} articles"
    return Question(
        "limits",
        "What can the numbers not tell? You counted quotes and words in "
        + ("one article per outlet" if counts == [1] else "a few articles per outlet")
        + ". What would you need to know before saying how an outlet always covers this story?",
        f"The handout shows {how} per outlet ({len(view)} in all). Counts from so few articles say what these articles did, "
        "not what an outlet always does; the reporter's access, the article's type (news, analysis, interview) and the day it "
        "was written all change whom it quotes.",
        ev,
        "This question guards against over-reading: a difference of one or two quotes in one article is no pattern.",
        {"articles_per_outlet": {names[o]: n for o, n in sorted(per.items(), key=lambda kv: names[kv[0]])}},
    )


ORDER = ("microphone", "missing", "channel", "shared", "scare", "headline", "limits")
SHORT_QUESTIONS = 4


def _all_questions(result: AnalysisResult, view: list[Shown], names, redact) -> dict[str, Question]:
    rows = result.comparison.shared_quotes if result.comparison else []
    digests = {d.id: d for d in result.digests}
    made = {
        "microphone": _q_microphone(view, names, redact),
        "missing": _q_missing(view, names, redact, _Groupish(result.lexicons.language.expert_group_words)),
        "channel": _q_channel(view, names, redact),
        "shared": _q_shared(view, names, redact, rows),
        "scare": _q_scare(view, names, redact),
        "headline": _q_headline(view, names, redact, digests),
        "limits": _q_limits(view, names, redact),
    }
    return {k: q for k, q in made.items() if q is not None}


@dataclass
class Lesson:
    level: str
    names: dict[str, str]
    view: list[Shown]
    questions: list[Question]
    redact: Redactor

    def article(self, ref: str) -> Shown:
        return next(s for s in self.view if s.label == ref)


def _view(result: AnalysisResult, names: dict[str, str], redact, level: str) -> list[Shown]:
    view = []
    for outlet in sorted(result.corpus.outlets, key=lambda o: names[o]):
        arts = sorted((a for a in result.analyses if a.article.outlet == outlet), key=lambda a: a.article.id)
        if level == "short" and arts:
            arts = [min(arts, key=lambda a: (-sum(counts_as_speaker(q) for q in a.quotes), a.article.id))]
        letter = names[outlet].split()[-1]
        for k, a in enumerate(arts, 1):
            view.append(_shown_article(a, outlet, letter if len(arts) == 1 else f"{letter}{k}", redact))
    return view


def lesson(result: AnalysisResult, seed: int, level: str = "short") -> Lesson:
    """The handout's articles and the questions computed from what it shows."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    names = blind(list(result.corpus.outlets), seed)
    redact = make_redactor(result)
    view = _view(result, names, redact, level)
    made = _all_questions(result, view, names, redact)
    if level == "full":
        return Lesson(level, names, view, [made[k] for k in ORDER if k in made], redact)
    chosen = [k for k in ORDER if k in made and k != "limits"][:SHORT_QUESTIONS]
    # Trim: the lead paragraph, the paragraphs the chosen questions (other than the count)
    # cite, and quote paragraphs up to a word budget for the microphone count.
    for s in view:
        keep = {s.shown[0]} if s.shown else set()
        keep |= {e.para for k in chosen if k != "microphone" for e in made[k].evidence if e.ref == s.label and e.para}
        budget = SHORT_WORDS
        for n in sorted({_quote_para(s, q) for q in _counted(s)} - {None}):
            if n in keep:
                continue
            words = len(s.paragraphs[n].split())
            if words <= budget:
                keep.add(n)
                budget -= words
        s.shown = sorted(keep)
    again = _all_questions(result, view, names, redact)
    return Lesson(level, names, view, [again[k] for k in chosen if k in again], redact)


def questions(result: AnalysisResult, names: dict[str, str], redact) -> list[Question]:
    """Every question the full articles support (the full level's questions)."""
    view = _view(result, names, redact, "full")
    made = _all_questions(result, view, names, redact)
    return [made[k] for k in ORDER if k in made]

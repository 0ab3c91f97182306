"""The quotes family: who gets the microphone, through which channel, in which form.

Owns which quotes count as giving someone the microphone (``counts_as_speaker``), the
article's quote records in the digest, the ``quotes`` feature block (shares of quotes per
speaker, speaker type, channel, kind and reporting-verb stance), quotes.csv with its column
declarations, and the report's "Who gets the microphone" section. Extraction and
attribution themselves are ``framing.quotes``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ..actors import UNRESOLVED
from ..report.palette import MEANING_COLOURS, OTHERS_COLOUR, SPEAKER_PALETTE, TOP_SPEAKERS, figure_html
from ..types import SPEECH_CLASSES, VERB_CLASSES, ArticleAnalysis, Quote
from .base import ARTICLE, OUTLET, Column, Family, Finding, RowContext, TableSpec, span_text
from .intervals import wilson

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
class QuoteRecord:
    """One quote as the charts and the shared-quote search see it."""

    kind: str
    speaker_id: str  # "" when nobody is said to have said it
    speaker: str
    speaker_type: str
    channel_type: str
    words: int  # whitespace words of the quoted text
    counted: bool  # ``counts_as_speaker``: charted and compared
    text: str  # the quoted words, kept only when ``counted`` (shared quotes need them)


@dataclass(frozen=True, slots=True)
class QuoteFacts:
    """What one quote contributes to its sentence's unit."""

    speaker_id: str  # "" when it does not count as anyone's
    speaker_type: str
    channel_type: str
    kind: str
    stance: str


def digest(a: ArticleAnalysis, context) -> tuple[QuoteRecord, ...]:
    text = a.article.text
    records = []
    for q, counted in zip(a.quotes, context.counted):
        quoted = text[q.span.start : q.span.end]
        records.append(QuoteRecord(q.kind, q.speaker_id or "", q.speaker, q.speaker_type, q.channel_type, len(quoted.split()), counted, quoted if counted else ""))
    return tuple(records)


def sentence_part(a: ArticleAnalysis, context) -> list[tuple[QuoteFacts, ...]]:
    facts: dict[int, list[QuoteFacts]] = defaultdict(list)
    for q, counted in zip(a.quotes, context.counted):
        if q.kind in SPEECH_KINDS or q.kind == "scare":
            speaker = q.speaker_id if counted else ""
            facts[q.sentence_index].append(QuoteFacts(speaker, q.speaker_type if speaker else "", q.channel_type or "none", q.kind, q.stance or "none"))
    return [tuple(facts.get(s.index, ())) for s in context.body]


def features(units, slot: int) -> dict[str, float]:
    out: dict[str, float] = {}
    quotes = [q for u in units for q in u.parts[slot]]
    if not quotes:
        return out
    for kind, n in Counter(q.kind for q in quotes).items():
        out[f"kind:{kind}"] = n / len(quotes)
    speech = [q for q in quotes if q.kind in SPEECH_KINDS]
    if speech:
        attributed = [q for q in speech if q.speaker_id]
        for field, prefix in ((lambda q: q.speaker_id, "quote_share"), (lambda q: q.speaker_type, "speaker_type")):
            for key, n in Counter(field(q) for q in attributed).items():
                out[f"{prefix}:{key}"] = n / len(speech)
        for key, n in Counter(q.channel_type for q in speech).items():
            out[f"channel:{key}"] = n / len(speech)
        for key, n in Counter(q.stance for q in speech).items():
            out[f"stance:{key}"] = n / len(speech)
    return out


def quote_rows(a: ArticleAnalysis, context: RowContext | None = None) -> list[dict[str, Any]]:
    return [
        {
            "article": a.article.id,
            "outlet": a.article.outlet,
            "text": span_text(a, q.span),
            "quoted": " … ".join(span_text(a, x) for x in q.quoted),
            "kind": q.kind,
            "speaker": q.speaker,
            "speaker_id": q.speaker_id or "",
            "speaker_type": q.speaker_type,
            "speaker_start": q.speaker_span.start if q.speaker_span else None,
            "speaker_end": q.speaker_span.end if q.speaker_span else None,
            "speaker_text": span_text(a, q.speaker_span) if q.speaker_span else "",
            "cue": q.cue,
            "stance": q.stance,
            "channel": q.channel,
            "channel_type": q.channel_type,
            "start": q.span.start,
            "end": q.span.end,
            "sentence": q.sentence_index,
            "tone": q.tone,
            "counted": counts_as_speaker(q),
            "corrected": q.corrected,
        }
        for q in a.quotes
    ]


QUOTES_TABLE = TableSpec("quotes.csv", "quote found in an article", (
    ARTICLE,
    OUTLET,
    Column("text", "text", "what the speaker is reported to have said: the quoted words of a direct quote (an interrupted one from its first piece to its last), the clause of reported speech, and for a partial quote the clause that holds its quoted words ('called the plan \"a disaster\"' gives 'the plan \"a disaster\"')"),
    Column("quoted", "text", "the words between quotation marks inside text, pieces joined by ' … '; empty for reported speech. The microphone counts quotes, not words: one per attribution, whatever its form"),
    Column("kind", "text", "direct (a full quoted statement), partial (a few quoted words inside the writer's sentence), reported (indirect speech: 'X said that ...'), scare (quotation marks around a word, no speaker) or headline (a quote or attribution in the headline, with the speaker the headline names, if any; never counted)"),
    Column("speaker", "text", "who said it: the actor's canonical name, or the name as written for a speaker no lexicon lists; empty when no speaker is given"),
    Column("speaker_id", "text", "snake_case id of the speaker: the lexicon actor id, or 'person_<name>' for a speaker found in the text; empty when no speaker"),
    Column("speaker_type", "text", "government, state_media, expert, business, media, group, unnamed or other (from the actors lexicon or role cues in the text); empty when no speaker"),
    Column("speaker_start", "integer", "offset where the mention naming the speaker for this quote starts; empty when no speaker"),
    Column("speaker_end", "integer", "offset where the mention naming the speaker ends (exclusive); empty when no speaker"),
    Column("speaker_text", "text", "the words of that speaker mention as written ('he', 'the minister', 'Smith'); empty when no speaker"),
    Column("cue", "text", "the reporting verb or phrase that attributes the quote ('said', 'according to'); empty when none"),
    Column("stance", "text", "the cue's class in the attribution lexicon: neutral, distancing or emphatic (verbs of speech), thought, intention or evidence ('believes', 'wants to', 'shows'); other for a cue that is no listed verb ('according to'); empty when no cue"),
    Column("channel", "text", "the phrase saying how the quote reached the writer ('told Reuters', 'in a statement'); empty when none"),
    Column("channel_type", "text", "state_media, other_outlet, own_interview (the outlet's own interview), press_event, social_media, official_statement or other; empty when no channel"),
    Column("start", "integer", "offset where text starts"),
    Column("end", "integer", "offset where text ends (exclusive)"),
    Column("sentence", "integer", "index of the sentence the quote starts in"),
    Column("tone", "number", "VADER compound score of the quoted words (the speaker's own voice, as in actor_tone.csv voice), of the reported clause for reported speech, 4 decimals; 0 when no speaker", "in [-1, 1]"),
    Column("counted", "true/false", "true when the quote gives its speaker the microphone: it is counted in the speaker charts, shared_quotes.csv, actor_tone.csv voice and the comparison's quote features. False for scare and headline quotes, no speaker, an unresolved pronoun, a phrase that names no source ('the visit said'), and reported speech whose stance is thought, intention or evidence"),
    Column("corrected", "text", "how a coder's hand correction (framing analyze --corrections) changed the quote: 'added' (a quote framing missed), or the fields changed ('speaker', 'speaker,kind'); empty when as framing found it. A quote a coder said is no quote is not in the table (analysis.json counts them)"),
), quote_rows, per_article=True)


def microphone_figure(report):
    """Quotes per outlet, stacked by speaker (the ``TOP_SPEAKERS`` most quoted; the rest as
    "others")."""
    import plotly.graph_objects as go

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d in report.result.digests:
        for q in d.parts["quotes"]:
            if q.counted:
                counts[q.speaker_id][d.outlet] += 1
    outlets, ranked, names, colour_of = report.outlets, report.ranked_speakers, report.speaker_names, report.speaker_colours
    fig = go.Figure()
    for speaker_id in ranked[:TOP_SPEAKERS]:
        fig.add_bar(name=names[speaker_id], x=outlets, y=[counts[speaker_id][o] for o in outlets], marker_color=colour_of[speaker_id], meta={"reader": {"speaker": speaker_id}})
    if len(ranked) > TOP_SPEAKERS:
        rest = Counter()
        for key in ranked[TOP_SPEAKERS:]:
            rest.update(counts[key])
        fig.add_bar(name="others", x=outlets, y=[rest[o] for o in outlets], marker_color=OTHERS_COLOUR, meta={"reader": {"speaker": ""}})
    fig.update_layout(barmode="stack", title="Attributed quotes per outlet, by speaker (click a bar to read them)", yaxis_title="quotes")
    return fig


def share_figure(report, field: str, title: str, *, words: bool = False, colour_of: dict[str, str] | None = None, top: int = TOP_SPEAKERS):
    """Per outlet, the share of its attributed quotes (or of their words) by ``field`` of
    the quote (speaker_id, speaker_type, channel_type or kind), as 100% stacked bars: the
    ``top`` largest values, the rest as "others". With ``colour_of``, only its keys are shown
    one by one (the speakers the other charts colour), in its order."""
    import plotly.graph_objects as go

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d in report.result.digests:
        for q in d.parts["quotes"]:
            if q.kind in SPEECH_KINDS and (field == "kind" or q.counted):
                value = getattr(q, field) or "none"
                counts[d.outlet][value] += q.words if words else 1
    outlets, names = report.outlets, report.speaker_names
    totals: Counter[str] = Counter()
    for c in counts.values():
        totals.update(c)
    ranked = sorted(totals, key=lambda v: (-totals[v], v))
    shown = [v for v in colour_of if v in totals] if colour_of is not None else ranked[:top]
    if len(shown) < len(ranked):  # the rest as "others", so the legend stays readable
        rest = set(ranked) - set(shown)
        for c in counts.values():
            c["others"] = sum(n for v, n in c.items() if v in rest)
    meaning = MEANING_COLOURS.get(field, {})  # one palette per meaning: a type's colour is never a speaker's
    first = {v: OTHERS_COLOUR for v in shown} if meaning else dict(zip(shown, SPEAKER_PALETTE))
    colours_of = {**first, **meaning, **(colour_of or {}), "others": OTHERS_COLOUR}
    bars = [*shown, "others"] if len(shown) < len(ranked) else shown
    fig = go.Figure()
    for v in bars:
        label = names.get(v, v) if field == "speaker_id" else v.replace("_", " ")
        shares = [counts[o][v] / max(1, sum(counts[o][k] for k in bars)) for o in outlets]
        fig.add_bar(name=label, x=outlets, y=shares, marker_color=colours_of[v], meta={"reader": _quote_filter(field, v)},
                    customdata=[counts[o][v] for o in outlets], hovertemplate="%{x}<br>%{y:.0%} (%{customdata})<extra>" + label + "</extra>")
    fig.update_layout(barmode="stack", title=title, yaxis_tickformat=".0%", height=330)
    return fig


#: How far the speakers can be trusted, in a sentence (benchmarks/attribution.py, PolNeAR test split).
ATTRIBUTION_VALIDITY = "Speakers are found by rules: on the PolNeAR test split they are right for 91% of direct, 65% of partial and 52% of reported attributions."


def findings(report) -> list[Finding]:
    """Who each outlet quotes most, with the share's Wilson interval, and the voices only
    one outlet carries."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d in report.result.digests:
        for q in d.parts["quotes"]:
            if q.counted:
                counts[d.outlet][q.speaker_id] += 1
    names = report.speaker_names
    parts = []
    for outlet in report.outlets:
        c = counts[outlet]
        n = sum(c.values())
        if not n:
            parts.append(f"{outlet} attributes no quote")
            continue
        top, k = min(c.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
        low, high = wilson(k, n)
        parts.append(f"{outlet} gives {names.get(top, top)} {k} of its {n} attributed quotes ({k / n:.0%}, 95% interval {low:.0%} to {high:.0%})")
    if not any(counts.values()):
        return []
    lead = report.ranked_speakers[0] if report.ranked_speakers else ""
    out = [Finding("Who gets the microphone", "; ".join(parts) + ".", ATTRIBUTION_VALIDITY, "fig-microphone", (("speaker", lead),))]
    if len(report.outlets) > 1:
        quoted_by: dict[str, list[str]] = defaultdict(list)
        for outlet in report.outlets:
            for speaker, k in counts[outlet].items():
                quoted_by[speaker].append(outlet)
        only = sorted(((counts[o[0]][s], s, o[0]) for s, o in quoted_by.items() if len(o) == 1 and counts[o[0]][s] >= 2), key=lambda t: (-t[0], names.get(t[1], t[1])))[:4]
        if only:
            said = "; ".join(f"only {o} quotes {names.get(s, s)} ({k} quotes)" for k, s, o in only)
            out.append(Finding("Whose voice only one outlet carries", said[0].upper() + said[1:] + ".",
                               "A voice missing from an outlet may be a quote framing did not attribute: check the others' articles.", "fig-microphone", (("speaker", only[0][1]), ("outlet", only[0][2]))))
    return out


def _quote_filter(field: str, value: str) -> dict[str, Any]:
    """What the reader shows for a bar of ``share_figure``: the speaker's quotes, or the quotes
    of that type, channel or kind (the reader's quote marks carry these as data attributes)."""
    if value == "others":
        return {}
    if field == "speaker_id":
        return {"speaker": value}
    return {"quotes": {{"speaker_type": "speakerType", "channel_type": "channelType", "kind": "kind"}[field]: value}}


def section(report) -> str:
    return f"""<section id="microphone"><h2>Who gets the microphone</h2>
<p class="how">How to read this: each bar is one outlet; its segments count the direct, partial and reported quotes attributed to each named or typed speaker (quotes with no speaker, an unresolved "he said", an untyped phrase, and reported thoughts, intentions and evidence such as "officials believe" or "polls show" are in the data, marked counted = false, not in the chart). Data: <a href="data/quotes.csv">quotes.csv</a>.</p>
{figure_html(microphone_figure(report), "fig-microphone")}
{figure_html(share_figure(report, "speaker_id", "Share of quoted words per speaker", words=True, colour_of=report.speaker_colours), "fig-quoted-words")}
{figure_html(share_figure(report, "speaker_type", "Quotes by type of speaker"), "fig-speaker-types")}
{figure_html(share_figure(report, "channel_type", "Quotes by channel: how the words reached the writer"), "fig-channels")}
{figure_html(share_figure(report, "kind", "Direct, partial and reported quotes"), "fig-quote-kinds")}</section>"""


FAMILY = Family(
    name="quotes",
    digest=digest,
    sentence_part=sentence_part,
    features=features,
    block=("quote_share", "speaker_type", "channel", "kind", "stance"),
    tables=(QUOTES_TABLE,),
    section=section,
    nav=(("microphone", "Microphone"),),
    findings=findings,
)

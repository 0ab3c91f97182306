"""The data that flows through framing: frozen, slotted dataclasses of plain values.

Every extracted thing points into the original ``Article.text`` by character offsets
(``Span``); nothing is copied and re-found. The invariant tested everywhere is that
``article.text[span.start:span.end]`` is what the record claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["headline", "heading", "byline", "caption", "boilerplate", "body"]
QuoteKind = Literal["direct", "partial", "reported", "scare", "headline"]
MentionVia = Literal["name", "alias", "title+surname", "surname", "descriptor", "pronoun", "role"]

#: Speaker types a quote's source can have (issue: "who gets the microphone").
SPEAKER_TYPES = ("government", "state_media", "expert", "business", "media", "group", "unnamed", "other")
#: Channel types: how a quote reached the writer.
CHANNEL_TYPES = ("state_media", "other_outlet", "own_interview", "press_event", "social_media", "official_statement", "other")
#: Classes of reporting verbs in the attribution lexicon, by stance. PolNeAR annotates all of
#: them as attributions; only the first three report an act of speech, so only those put a
#: source's words in a reported quote ("she said the talks ...", not "she plans to visit ...").
VERB_CLASSES = ("neutral", "distancing", "emphatic", "thought", "intention", "evidence")
SPEECH_CLASSES = frozenset({"neutral", "distancing", "emphatic"})


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    outlet: str
    title: str
    text: str
    source: str = ""  # where it was read from: a file name or "corpus.jsonl:12"
    published: str = ""  # ISO date when known, else ""
    url: str = ""
    author: str = ""  # the byline's names when the source gives them (a page's byline)
    extractor: str = ""  # what took the text out of its source ("trafilatura 2.3.1"); "" for plain text


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the article text with the role the cleaner gave it."""

    span: Span
    role: Role


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    span: Span
    role: Role


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int
    span: Span
    paragraph: int
    role: Role


@dataclass(frozen=True, slots=True)
class Actor:
    """A person or organisation from an actors lexicon."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    surname: str = ""
    titles: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    not_aliases: tuple[str, ...] = ()
    gender: Literal["male", "female", "group", "unknown"] = "unknown"
    type: str = "other"  # one of SPEAKER_TYPES
    lexicon: str = ""  # id of the lexicon that defined it


@dataclass(frozen=True, slots=True)
class ActorsLexicon:
    """One actors lexicon: its id, label and actors."""

    id: str
    label: str
    actors: tuple[Actor, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in the text that refers to an actor (lexicon actor or a speaker found in the text)."""

    article_id: str
    actor_id: str
    span: Span
    via: MentionVia


@dataclass(frozen=True, slots=True)
class Quote:
    article_id: str
    # What the speaker is reported to have said: the quoted words (direct), the reported
    # clause (reported), the clause holding the quoted words (partial: "called it 'a
    # disaster'" gives it 'a disaster').
    span: Span
    kind: QuoteKind
    speaker_id: str | None  # None when nobody is said to have said it
    speaker: str  # canonical actor name or the surface name; "" when no speaker
    speaker_type: str  # one of SPEAKER_TYPES, "" when no speaker
    speaker_span: Span | None  # the mention that names the speaker for this quote
    cue: str  # the reporting verb or phrase, "" when none
    cue_span: Span | None
    channel: str  # "according to Reuters", "" when none
    channel_type: str  # one of CHANNEL_TYPES, "" when none
    channel_span: Span | None
    sentence_index: int
    tone: float = 0.0  # VADER compound of the quoted words (the speaker's own voice)
    # The cue's verb class in the attribution lexicon (VERB_CLASSES); "other" for a cue that
    # is no listed verb ("according to"), "" when there is no cue.
    stance: str = ""
    quoted: tuple[Span, ...] = ()  # the words between quote marks inside span; () for reported speech
    # How a coder's hand correction changed it (``framing.coding.corrections``): "added", or
    # the fields changed ("speaker", "speaker,kind"); "" when as framing found it.
    corrected: str = ""


@dataclass(frozen=True, slots=True)
class AboutTone:
    """Tone toward an actor: one per body sentence about the actor outside their own quotes
    (the first mention there is the target; see ``measures.tone.about_tones``)."""

    article_id: str
    sentence_index: int
    actor_id: str
    span: Span  # the mention scored
    compound: float


@dataclass(frozen=True, slots=True)
class SentenceTone:
    article_id: str
    sentence_index: int
    role: Role
    compound: float
    pos: float
    neu: float
    neg: float


@dataclass(frozen=True, slots=True)
class TopicTerm:
    """One term of a topic lexicon.

    ``text`` is the term as written; ``prefix`` is True for a trailing-``*`` wildcard
    (``militar*`` matches militarism, militaristic); ``case_sensitive`` terms match only
    with the exact capitalisation (``US`` is the United States, ``us`` is not).
    """

    text: str
    prefix: bool = False
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class TopicLexicon:
    id: str
    label: str
    description: str
    version: str
    terms: tuple[TopicTerm, ...]
    exclude: tuple[str, ...] = ()  # phrases whose matches cancel any term hit inside them
    source: str = ""  # file it was loaded from


@dataclass(frozen=True, slots=True)
class TopicHit:
    article_id: str
    topic_id: str
    term: str  # the lexicon term that matched
    span: Span
    sentence_index: int = -1


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything the per-article stages found in one article."""

    article: Article
    lines: tuple[Line, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    tones: tuple[SentenceTone, ...] = ()
    topic_hits: tuple[TopicHit, ...] = ()
    about: tuple[AboutTone, ...] = ()
    speakers: tuple[Actor, ...] = field(default=())  # speakers found in the text but not in a lexicon

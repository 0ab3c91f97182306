"""The per-article stages and the run over a corpus: the Python API behind ``framing analyze``.

``Analyzer`` compiles the lexicons once; ``Analyzer.analyze_article`` is a pure function of
one article (safe to run in parallel), and ``analyze`` runs it over a corpus in id order.
Each analysis is reduced to an ``ArticleDigest`` where it was made, and handed to
``on_article`` as it arrives (``framing analyze`` has the worker render its rows as text
and writes them to disk there); only the digests, and the first ``keep`` analyses, stay in
memory.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from dataclasses import dataclass

from .actors import UNRESOLVED, MentionFinder, pronoun_mentions
from .quotes.speaker_phrase import NO_SPEAKER, speaker_words
from .quotes.speakers import SpeakerResolver, type_cue_patterns
from .measures.quotes import SPEECH_KINDS
from .measures.tone import about_tones
from .text.clean import line_roles, matching_copy
from .text import Corpus
from .measures.digest import ArticleDigest, digest_article
from . import interrupts
from .errors import FramingError
from .settings import Settings
from .lexicons import LexiconSet
from .text.segment import paragraphs_from_lines, sentences_in
from .sentiment import polarity
from .types import Actor, Article, ArticleAnalysis, Mention, Quote, Sentence, SentenceTone, TopicHit

if TYPE_CHECKING:  # imported where it runs: the per-article stages do not need the comparison
    from .coding.corrections import Corrections
    from .compare import Comparison

NON_BODY = frozenset({"headline", "heading", "byline", "caption", "boilerplate"})


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    corpus: Corpus
    lexicons: LexiconSet
    analyses: tuple[ArticleAnalysis, ...]  # every article's, or the first ``keep`` of a streamed run
    digests: tuple[ArticleDigest, ...]  # one per article, in corpus order
    settings: Settings
    comparison: Comparison | None = None
    skipped: tuple[tuple[str, str], ...] = ()  # (article id, why) of articles not analysed
    corrections: Corrections | None = None  # the hand corrections applied to the quotes
    validation: tuple[Any, ...] = ()  # ``coding.score.Scores`` of hand-coded sheets, one per kind

    @property
    def complete(self) -> bool:
        """Whether ``analyses`` holds every article (not only the first ``keep``)."""
        return len(self.analyses) == len(self.digests)


#: The young-generation threshold of Python's cyclic garbage collector while articles are
#: analysed. One article allocates tens of thousands of short-lived containers, which
#: reference counting frees; at CPython's default threshold (700) the collector still ran
#: every few hundred allocations and took a quarter of the per-article time
#: (benchmarks/speed.py). Collections still happen, just less often.
GC_YOUNG_THRESHOLD = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's young-generation threshold to ``GC_YOUNG_THRESHOLD`` for the
    duration (never lower it), then put it back."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_YOUNG_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


_BUILT = itertools.count()
#: Analyzers this process rebuilt from a pickle, by key (see ``Analyzer.__reduce__``).
_UNPICKLED: dict[str, Analyzer] = {}


def _unpickled_analyzer(key: str, pickled_lexicons: bytes, outlets: tuple[str, ...] = (), corrections: Corrections | None = None) -> Analyzer:
    analyzer = _UNPICKLED.get(key)
    if analyzer is None:
        _UNPICKLED.clear()  # a worker serves one run at a time; keep only the newest
        analyzer = _UNPICKLED[key] = Analyzer(pickle.loads(pickled_lexicons), key=key, outlets=outlets, corrections=corrections)
    return analyzer


class Analyzer:
    """Holds the compiled lexicons; ``analyze_article`` is pure and parallel-safe.
    ``outlets``: the corpus's outlet names, channels of quotes as the lexicon's outlets are
    ("told the Harbour Gazette"). ``corrections``: a coder's hand corrections of quotes
    (``framing.coding.corrections``), applied before any measure reads the quotes."""

    def __init__(self, lexicons: LexiconSet, *, key: str | None = None, outlets: Iterable[str] = (), corrections: Corrections | None = None):
        from .quotes.rules import with_outlets
        from .quotes.speakers import surname_index
        from .topics import TopicMatcher

        self.key = key or f"{os.getpid()}-{next(_BUILT)}"
        self._pickled_lexicons: bytes | None = None
        self.lexicons = lexicons
        self.outlets = tuple(sorted(set(outlets)))
        self.attribution = with_outlets(lexicons.attribution, self.outlets)
        self.mention_finder = MentionFinder(lexicons.actors)
        self.topic_matcher = TopicMatcher(lexicons.topics)
        self.actors = {a.id: a for a in lexicons.actors}
        self._actor_genders = {a.id: a.gender for a in lexicons.actors}  # for the pronouns of about_mentions
        self._person_pronouns = {"male": lexicons.language.male_pronouns, "female": lexicons.language.female_pronouns}
        # Lexicon surname -> actor, once per lexicon set: a speaker's short form is looked up
        # in it, not searched for among all the actors at every quote of every article.
        self.surnames = surname_index(self.actors)
        self.topic_ids = tuple(t.id for t in lexicons.topics)
        self.type_cues = type_cue_patterns(lexicons.attribution.source_types)
        self.speaker_words = speaker_words(lexicons.attribution, lexicons.language.relative_pronouns, lexicons.language.function_words)
        self.corrections = corrections
        self._corrected_names = None  # name -> actor for corrected speakers, built on first use

    def __reduce__(self):
        # Parallel workers receive the analyzer with every batch of articles. Rebuilding it
        # compiles some 600 regular expressions (more than ``re`` caches), which cost as
        # much as analysing the batch; so a pickle carries a key and the lexicons as bytes,
        # and each worker unpickles them and builds the analyzer once per run.
        if self._pickled_lexicons is None:
            self._pickled_lexicons = pickle.dumps(self.lexicons)
        return (_unpickled_analyzer, (self.key, self._pickled_lexicons, self.outlets, self.corrections))

    def prepare(self, article: Article):
        """Matching copy, line roles, paragraphs and sentences of one article."""
        language = self.lexicons.language
        copy = matching_copy(article.text)
        lines = line_roles(
            article.text,
            title=article.title,
            boilerplate=language.boilerplate,
            byline=language.byline,
            caption=language.caption,
            credit=language.credit,
        )
        paragraphs = paragraphs_from_lines(lines)
        sentences = sentences_in(article.id, copy, paragraphs, language.abbreviations, language.sentence_starters)
        return copy, lines, paragraphs, sentences

    def analyze_article(self, article: Article, *, only_quotes: bool = False) -> ArticleAnalysis:
        """Every stage of one article; with ``only_quotes``, only what its quotes need (line
        roles, sentences, mentions, quotes and their speakers: no sentence tone, topic or
        tone toward actors), for ``framing quotes``: the same quotes, sooner."""
        from .quotes import extract_quotes

        check_prose(article)
        copy, lines, paragraphs, sentences = self.prepare(article)
        mentions = self.mention_finder.find(copy, article.id)
        heading_paragraphs = frozenset(p.index for p in paragraphs if p.role in NON_BODY)
        candidates = extract_quotes(article.text, paragraphs, sentences, self.attribution, heading_paragraphs=heading_paragraphs)
        quotes, extra_mentions, speakers = self._attribute(article, copy, sentences, mentions, candidates)
        if self.corrections is not None and self.corrections.of(article.id):
            quotes = self._corrected(article, quotes, sentences, speakers)
        # A speaker shared by two quotes ("X said …, adding that …") is one mention, not two.
        unique = dict.fromkeys([*mentions, *extra_mentions])
        all_mentions = sorted(unique, key=lambda m: (m.span.start, m.span.end, m.actor_id))
        if only_quotes:
            return ArticleAnalysis(article=article, lines=lines, paragraphs=paragraphs, sentences=sentences, mentions=tuple(all_mentions), quotes=tuple(quotes), speakers=tuple(speakers))
        tones = tuple(
            SentenceTone(article.id, s.index, s.role, **polarity(article.text[s.span.start : s.span.end]))
            for s in sentences
            if s.role != "boilerplate"
        )
        body = [s for s in sentences if s.role == "body"]
        hits = self.topic_matcher.find(copy, article.id, [s.span for s in body])
        starts = [s.span.start for s in sentences]
        hits = [TopicHit(h.article_id, h.topic_id, h.term, h.span, sentences[bisect.bisect_right(starts, h.span.start) - 1].index) for h in hits]
        return ArticleAnalysis(
            article=article,
            lines=lines,
            paragraphs=paragraphs,
            sentences=sentences,
            mentions=tuple(all_mentions),
            quotes=tuple(quotes),
            tones=tones,
            topic_hits=tuple(hits),
            about=tuple(about_tones(article.id, article.text, sentences, self.about_mentions(article, sentences, all_mentions, quotes, speakers), quotes, {t.sentence_index: {"compound": t.compound, "pos": t.pos, "neu": t.neu, "neg": t.neg} for t in tones})),
            speakers=tuple(speakers),
        )

    def _corrected(self, article: Article, quotes, sentences, speakers) -> list:
        from .coding.corrections import actor_names, apply_corrections

        if self._corrected_names is None:
            self._corrected_names = actor_names(self.lexicons.actors)
        names = {**actor_names(speakers), **self._corrected_names}  # a lexicon actor before a name of the text
        return apply_corrections(quotes, self.corrections.of(article.id), article.id, sentences, names)

    def about_mentions(self, article: Article, sentences, mentions: list[Mention], quotes, speakers) -> list[Mention]:
        """The mentions the tone toward an actor reads: every mention, and the pronouns that
        can stand for only one person (``actors.pronoun_mentions``)."""
        genders = dict(self._actor_genders)
        for p in speakers:
            genders.setdefault(p.id, p.gender)
        extra = pronoun_mentions(
            article.text, article.id, sentences, mentions, genders, self._person_pronouns,
            skip=[piece for q in quotes for piece in q.quoted], function_words=self.lexicons.language.function_words,
        )
        return sorted([*mentions, *extra], key=lambda m: (m.span.start, m.span.end, m.actor_id)) if extra else mentions

    def digest(self, analysis: ArticleAnalysis) -> ArticleDigest:
        return digest_article(analysis, self.topic_ids, stopwords=self.lexicons.language.stopwords, topic_matcher=self.topic_matcher)

    def analyze_and_digest(self, article: Article) -> tuple[ArticleAnalysis, ArticleDigest]:
        """The analysis and its digest, made where the article was analysed (a worker)."""
        analysis = self.analyze_article(article)
        return analysis, self.digest(analysis)

    def _attribute(self, article: Article, copy: str, sentences: tuple[Sentence, ...], mentions, candidates):
        """Resolve each quote candidate's speaker mention to an actor or a new speaker."""
        rules = self.attribution
        resolver = SpeakerResolver(
            copy, article.id, sentences, mentions, self.actors, rules.pronouns, self.type_cues, self.lexicons.language.relative_pronouns,
            rules.metonyms, surnames=self.surnames, words=self.speaker_words,
        )
        resolved: list[tuple[str, str, str, Any] | None] = []
        quotes: list[Quote] = []
        previous_speaker: str | None = None
        for n, c in enumerate(candidates):
            who = None
            speaker_span = c.speaker_span
            if c.kind == "headline":
                # who the headline quotes, named there ("Obama Says …"); no pronoun or
                # continuation reaches into a headline, nor does it lend one to the body
                if speaker_span is not None:
                    who = resolver.resolve(speaker_span, c.sentence_index, None)
                    speaker_span = who[3] if who is not None else None
            else:
                if speaker_span is not None and c.channel_type == "social_media" and c.channel_span is not None and speaker_span.overlaps(c.channel_span):
                    who = (*NO_SPEAKER, speaker_span)  # "… on X": the platform is the channel, not a speaker
                elif speaker_span is not None:
                    who = resolver.resolve(speaker_span, c.sentence_index, previous_speaker)
                elif c.continues is not None and 0 <= c.continues < n:
                    who = resolved[c.continues]
                if who is not None:
                    speaker_span = who[3]
            resolved.append(who)
            if who is not None and who[0] and who[0] != UNRESOLVED and c.kind != "headline":
                previous_speaker = who[0]
            channel = copy[c.channel_span.start : c.channel_span.end] if c.channel_span else ""
            cue = copy[c.cue_span.start : c.cue_span.end] if c.cue_span else ""
            channel_type = c.channel_type
            if channel_type == "other_outlet" and article.outlet and article.outlet.casefold() in channel.casefold():
                channel_type = "own_interview"  # "told the Daily" in an article of the Daily
            quotes.append(
                Quote(
                    article_id=article.id,
                    span=c.span,
                    kind=c.kind,
                    speaker_id=who[0] or None if who else None,  # "": a source that names no speaker
                    speaker=who[1] if who else "",
                    speaker_type=who[2] if who else "",
                    speaker_span=speaker_span if who else None,
                    cue=cue,
                    cue_span=c.cue_span,
                    channel=article.text[c.channel_span.start : c.channel_span.end] if c.channel_span else "",
                    channel_type=channel_type if c.channel_span else "",
                    channel_span=c.channel_span,
                    sentence_index=c.sentence_index,
                    # Only an attributed quote has a voice to score.
                    # the speaker's own words where there are some, else what is reported
                    tone=polarity(" ".join(article.text[s.start : s.end] for s in c.quoted or (c.span,)))["compound"] if c.kind in SPEECH_KINDS and who is not None and who[0] else 0.0,
                    stance=rules.stance(cue),
                    quoted=c.quoted,
                )
            )
        speakers = [
            Actor(id=p.id, name=p.name, gender=p.gender, type=p.type)  # type: ignore[arg-type]
            for p in sorted(resolver.people.values(), key=lambda p: p.id)
        ]
        return quotes, resolver.extra_mentions, speakers


#: More sentence ends than this is not one article but a page of dots or a dump of lists:
#: a long-form news feature has a few thousand. Such a text is skipped before Punkt, whose
#: cost it would multiply (400,000 ". " took 17 s to segment).
MAX_SENTENCE_ENDS = 50_000


class ArticleSkipped(FramingError):
    """This one article cannot be analysed; the run goes on without it."""


def check_prose(article: Article) -> None:
    ends = article.text.count(".") + article.text.count("?") + article.text.count("!")
    if ends > MAX_SENTENCE_ENDS:
        raise ArticleSkipped(f"{ends:,} sentence ends ('.', '?', '!') is not one article (limit {MAX_SENTENCE_ENDS:,})")


def analyze_or_skip(analyzer: Analyzer, article: Article, *, only_quotes: bool = False) -> ArticleAnalysis | str:
    """The article's analysis, or why it was skipped. One pathological article never
    aborts a run: an error in its analysis skips it, named, and the others go on.
    ``FRAMING_DEBUG=1`` (``framing --debug``) lets the error through, with its traceback."""
    try:
        return analyzer.analyze_article(article, only_quotes=only_quotes)
    except ArticleSkipped as exc:
        return str(exc)
    except Exception as exc:  # a bug met on this text (or a RecursionError): say so, go on
        if os.environ.get("FRAMING_DEBUG"):
            raise
        return f"its analysis failed ({type(exc).__name__}: {exc}); this is a bug in framing, please report it with the article"


@dataclass(frozen=True, slots=True)
class Skipped:
    article_id: str
    why: str


@dataclass(frozen=True, slots=True)
class ArticleWork:
    """What a worker does with the ``index``-th article: its analysis (only while
    ``index < keep``), its digest, and ``render(analysis)`` when given. Picklable, so it can
    be shipped to joblib and Dask workers."""

    analyzer: Analyzer
    keep: int | None = None
    render: Callable[[ArticleAnalysis], Any] | None = None

    def __call__(self, index: int, article: Article) -> tuple[ArticleAnalysis | None, ArticleDigest | Skipped, Any]:
        """(analysis or None, digest, rendered), or (None, Skipped, None)."""
        with fewer_collections():  # in a worker process too
            analysis = analyze_or_skip(self.analyzer, article)
            if isinstance(analysis, str):
                return None, Skipped(article.id, analysis), None
            digest = self.analyzer.digest(analysis)
            rendered = self.render(analysis) if self.render is not None else None
        return (analysis if self.keep is None or index < self.keep else None), digest, rendered


def analyze(
    corpus: Corpus,
    lexicons: LexiconSet,
    settings: Settings = Settings(),
    *,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
    on_article: Callable[[Any], None] | None = None,
    keep: int | None = None,
    render: Callable[[ArticleAnalysis], Any] | None = None,
    corrections: Corrections | None = None,
    validation: tuple[Any, ...] = (),
) -> AnalysisResult:
    """Run the per-article stages over ``corpus`` (in id order), then compare the outlets.

    ``settings`` (``framing.settings.Settings``) gives the seed, the bootstrap resamples and
    the block weights of the comparison, and where articles are analysed: with
    ``settings.jobs > 1`` by a joblib process pool in batches; with ``settings.scheduler``
    ("tcp://host:port" or "local:N") by the workers of a Dask cluster. Either
    way the results come back in corpus order, so the output is identical to ``jobs = 1``.

    Each analysis goes to ``on_article`` as it arrives, or, with ``render``, what
    ``render(analysis)`` returns (``render`` runs where the article was analysed, so a
    worker sends back, say, the article's rows as text instead of the whole analysis). The
    result keeps every article's digest but only the first ``keep`` analyses (all of them
    when ``keep`` is None); the others never leave the worker.

    ``corrections`` (``framing.coding.corrections``) are applied to each article's quotes
    before any measure; ``validation`` (the scores of hand-coded sheets) rides along to the
    report's method section.
    """
    work = ArticleWork(Analyzer(lexicons, outlets=(a.outlet for a in corpus.articles), corrections=corrections), keep, render)
    articles = enumerate(corpus.articles)
    jobs, scheduler = settings.jobs, settings.scheduler
    if scheduler:
        stream: Iterable[tuple[ArticleAnalysis | None, ArticleDigest, Any]] = _on_dask(work, articles, scheduler)
    elif jobs > 1 and len(corpus.articles) > 1:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=jobs, batch_size=16, return_as="generator")
        stream = parallel(delayed(work)(i, a) for i, a in articles)
    else:
        stream = (work(i, a) for i, a in articles)
    if progress is not None:
        stream = progress(stream)
    kept: list[ArticleAnalysis] = []
    digests: list[ArticleDigest] = []
    skipped: list[tuple[str, str]] = []
    with fewer_collections():
        for analysis, digest, rendered in stream:
            interrupts.check()  # a signal whose exception a finaliser swallowed
            if isinstance(digest, Skipped):
                skipped.append((digest.article_id, digest.why))
                continue
            if on_article is not None:
                on_article(analysis if render is None else rendered)
            if analysis is not None:
                kept.append(analysis)
            digests.append(digest.share_feature_names())
    from .compare import compare

    if not digests:
        raise FramingError(f"{corpus.name}: no article could be analysed ({skipped[0][0]}: {skipped[0][1]})" if skipped else f"{corpus.name}: the corpus has no articles")
    from .measures.duplicates import copies_to_leave_out

    copies = set() if settings.keep_copies else copies_to_leave_out(digests, settings.duplicates)
    compared = [d for d in digests if d.id not in copies] if copies else digests  # one of each pair stays
    comparison = compare(compared, seed=settings.seed, n_boot=settings.n_boot, weights=settings.block_weights, house_style=frozenset(lexicons.language.honorifics))
    if compared is not digests:
        many = len(copies) != 1
        comparison.notes.append(
            f"{len(copies)} article{'s' if many else ''} ({', '.join(sorted(copies)[:3])}{', ...' if len(copies) > 3 else ''}) {'are' if many else 'is'} left out of the comparison "
            "as a copy of another outlet's article (duplicates.csv): a wire story printed twice makes two outlets look alike; --keep-copies keeps them in."
        )
    return AnalysisResult(
        corpus=corpus,
        lexicons=lexicons,
        analyses=tuple(kept),
        digests=tuple(digests),
        settings=settings,
        comparison=comparison,
        skipped=tuple(skipped),
        corrections=corrections,
        validation=validation,
    )


def _on_dask(work: ArticleWork, articles: Iterable[tuple[int, Article]], scheduler: str) -> Iterator[Any]:
    """Analyse articles on a Dask cluster (``pip install framing[dask]``) through joblib's
    dask backend: an existing scheduler ("tcp://host:port") or a local one ("local:N")."""
    try:
        from dask.distributed import Client, LocalCluster
        from joblib import Parallel, delayed, parallel_config
    except ImportError:
        raise FramingError("--scheduler needs Dask: pip install 'framing[dask]'") from None
    cluster = None
    if scheduler.startswith("local:"):
        try:
            workers = int(scheduler.split(":", 1)[1])
        except ValueError:
            raise FramingError(f"--scheduler {scheduler!r}: expected local:N with N a number of workers") from None
        if workers < 1:
            raise FramingError(f"--scheduler {scheduler!r}: need at least one worker")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        address = cluster
    elif scheduler.startswith("tcp://"):
        address = scheduler
    else:
        raise FramingError(f"--scheduler {scheduler!r}: expected tcp://host:port or local:N")
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise FramingError(f"--scheduler {scheduler!r}: cannot reach the Dask scheduler ({exc})") from None
    try:
        with parallel_config(backend="dask"):
            results = Parallel(batch_size=16, return_as="generator")(delayed(work)(i, a) for i, a in articles)
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

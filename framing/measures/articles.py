"""The articles family: what was read, sentence by sentence, and who is mentioned.

Owns the article counts of the digest and the tables that describe the corpus itself:
articles.csv, sentences.csv and mentions.csv with their column declarations. It adds no
feature to the comparison; the report's overview of the run is ``framing.report.page``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..types import ArticleAnalysis
from .base import ARTICLE, END, OUTLET, START, Column, Family, RowContext, TableSpec, span_text


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    sentences: int
    body_sentences: int
    quotes: int  # not counting headline quotes
    mentions: int
    topic_hits: int


def digest(a: ArticleAnalysis, context) -> ArticleCounts:
    return ArticleCounts(
        sentences=len(a.sentences),
        body_sentences=sum(1 for s in a.sentences if s.role == "body"),
        quotes=sum(1 for q in a.quotes if q.kind != "headline"),
        mentions=len(a.mentions),
        topic_hits=len(a.topic_hits),
    )


def article_rows(result) -> list[dict[str, Any]]:
    rows = []
    for d in result.digests:
        n = d.parts["articles"]
        rows.append({
            "id": d.id, "outlet": d.outlet, "title": d.title, "date": d.published, "url": d.url, "source": d.source,
            "author": d.author, "extractor": d.extractor,
            "sentences": n.sentences, "body_sentences": n.body_sentences, "body_words": d.body_words,
            "quotes": n.quotes, "mentions": n.mentions, "topic_hits": n.topic_hits,
        })
    return rows


def sentence_rows(a: ArticleAnalysis, context: RowContext | None = None) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{a.article.id}:{s.index}", "article": a.article.id, "outlet": a.article.outlet, "index": s.index,
            "paragraph": s.paragraph, "role": s.role, "start": s.span.start, "end": s.span.end, "text": span_text(a, s.span),
        }
        for s in a.sentences
    ]


def mention_rows(a: ArticleAnalysis, context: RowContext) -> list[dict[str, Any]]:
    """A speaker not in a lexicon is named as this article names it."""
    own = {s.id: s.name for s in a.speakers}
    names = context.actor_names
    return [
        {
            "article": a.article.id, "outlet": a.article.outlet, "actor_id": m.actor_id,
            "actor": names.get(m.actor_id) or own.get(m.actor_id, m.actor_id),
            "via": m.via, "start": m.span.start, "end": m.span.end, "text": span_text(a, m.span),
        }
        for m in a.mentions
    ]


TABLES = (
    TableSpec("articles.csv", "article", (
        ARTICLE.renamed("id"),
        OUTLET,
        Column("title", "text", "the headline (from the manifest, else the first non-empty line of the text)"),
        Column("date", "text", "publication date as given in the manifest or corpus (ISO YYYY-MM-DD when known); empty when unknown"),
        Column("url", "text", "where the article was published; empty when unknown"),
        Column("source", "text", "where the text was read from: a file name, or 'corpus.jsonl:12' (file and line)"),
        Column("author", "text", "the byline's names as the page gives them ('; ' between several); empty when unknown"),
        Column("extractor", "text", "what took the text out of its source and its version ('trafilatura 2.3.1' for a web page); empty for plain text"),
        Column("sentences", "integer", "number of sentences of every role (headline, heading, byline, caption, boilerplate, body)"),
        Column("body_sentences", "integer", "number of body sentences (the article prose that tone, topics and comparisons use)"),
        Column("body_words", "integer", "number of word tokens in the body sentences (runs of letters/digits; hyphen- and apostrophe-joined words count once)"),
        Column("quotes", "integer", "number of quotes found, not counting headline quotes"),
        Column("mentions", "integer", "number of mentions of actors (lexicon actors and speakers found in the text, pronouns included)"),
        Column("topic_hits", "integer", "number of topic-term hits in body sentences, over all topic lexicons"),
    ), article_rows),
    TableSpec("sentences.csv", "sentence of an article (every role)", (
        Column("id", "text", "sentence id, '<article>:<index>'"),
        ARTICLE,
        OUTLET,
        Column("index", "integer", "position of the sentence in its article, 0-based"),
        Column("paragraph", "integer", "index of the paragraph that holds the sentence, 0-based"),
        Column("role", "text", "what the sentence is: headline, heading, byline, caption, boilerplate (page furniture) or body"),
        START,
        END,
        Column("text", "text", "the sentence as it appears in the article"),
    ), sentence_rows, per_article=True),
    TableSpec("mentions.csv", "mention of an actor (lexicon actor or a speaker found in the text)", (
        ARTICLE,
        OUTLET,
        Column("actor_id", "text", "id of the actor mentioned: a lexicon actor id, or 'person_<name>' for a speaker found in the text"),
        Column("actor", "text", "the actor's canonical name (the lexicon's name, or for a speaker found in the text the name as this article first writes it)"),
        Column("via", "text", "how the mention was resolved: name, alias, title+surname, surname, descriptor ('the South Korean leader'), pronoun, or role (a speaker named in the text, not in a lexicon)"),
        START,
        END,
        Column("text", "text", "the mention as written in the article"),
    ), mention_rows, per_article=True),
)

FAMILY = Family(name="articles", digest=digest, tables=TABLES)

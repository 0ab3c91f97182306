"""The codebook: what every column of every table ``framing analyze`` writes means.

``CODEBOOK[file][column]`` is one sentence per column giving its type, unit and meaning.
``codebook_json()`` and ``codebook_markdown()`` render it (stable bytes: sorted files, columns
in the order the table writes them); ``write_codebook(folder)`` writes ``codebook.json`` and
``codebook.md`` into a folder. A test checks that the codebook and ``framing.tables.all_tables``
name exactly the same files and columns.

Conventions that hold for every table (stated once in ``CONVENTIONS``): character offsets
index the article's original text (0-based, end exclusive, Python ``str`` positions), an
empty cell means "none" or "not computed", true/false cells are written ``true``/``false``,
and numbers are rounded (4 decimals where framing rounds, at most 6 in the CSV).
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["CODEBOOK", "COLUMN_KINDS", "CONVENTIONS", "OTHER_FILES", "TABLE_UNITS", "codebook_json", "codebook_markdown", "column_kind", "columns", "write_codebook"]

CONVENTIONS = (
    "Offsets (start, end, speaker_start, speaker_end) are character positions in the article's text as framing read it (in Unicode NFC): 0-based, end exclusive, so text[start:end] is the span.",
    "CSV formula guard: a CSV text cell that starts with =, +, -, @, a tab or a carriage return is written with a leading apostrophe, so that a spreadsheet shows it instead of running it as a formula; such a cell is then not text[start:end]. JSON lines and Parquet keep the text as it is, and --no-formula-guard writes CSV cells as they are (analysis.json then says csv_formula_guard false).",
    "An empty cell means none, unknown or not computed; the column's description says which.",
    "true/false columns are written as the words true and false.",
    "Tone scores are VADER compound scores in [-1, 1] (Hutto & Gilbert 2014); a label is positive at >= 0.05, negative at <= -0.05, neutral in between.",
    "Intervals are 95% percentile bootstrap intervals, seeded (--seed) with --bootstrap resamples; the same input and seed give the same numbers.",
    "A mean tone needs at least 3 observations (framing.sentiment.MIN_SENTENCES); with fewer, value, ci_low and ci_high are empty and note says 'not enough text'.",
    "unit 'article' means too few articles per outlet (fewer than 4) for outlet-level claims: each outlet is one text and intervals resample its sentences; unit 'outlet' means intervals resample whole articles within outlets.",
)

#: One row per ... of each table.
TABLE_UNITS: dict[str, str] = {
    "articles.csv": "article",
    "sentences.csv": "sentence of an article (every role)",
    "quotes.csv": "quote found in an article",
    "mentions.csv": "mention of an actor (lexicon actor or a speaker found in the text)",
    "tones.csv": "sentence that is not page furniture (boilerplate sentences are not scored)",
    "article_tone.csv": "article",
    "actor_tone.csv": "outlet x actor x measure (about, voice), for actors an outlet mentions or quotes",
    "topic_tone.csv": "outlet x topic lexicon",
    "topics.csv": "article x topic lexicon (every topic, zero when absent)",
    "topic_hits.csv": "hit of a topic term in a body sentence",
    "features.csv": "article x comparison feature (long format)",
    "similarity.csv": "pair of outlets (each unordered pair once, and each outlet with itself)",
    "projection.csv": "outlet x draw on the 2-D map (the point estimate and up to 100 bootstrap resamples)",
    "distinctive_features.csv": "outlet x one of its 8 most distinctive features",
    "distinctive_terms.csv": "outlet x one of the 25 words it over-uses most against the other outlets",
    "shared_quotes.csv": "quote in a group of same or near-same quotes (level quote), or outlet x speaker (level speaker)",
}

_ARTICLE = "text: the article id (from the manifest, else the file name without its extension, or the id field of a JSONL/CSV corpus)"
_OUTLET = "text: the outlet that published the article (from the manifest or corpus file; else the file name)"
_SENTENCE = "integer: index of the sentence in its article (0-based, as in sentences.csv index)"
_START = "integer: character offset where the span starts in the article text"
_END = "integer: character offset where the span ends (exclusive) in the article text"
_UNIT = "text: unit of analysis of the comparison, 'article' or 'outlet' (see the conventions)"
_EST_VALUE = "number in [-1, 1]: mean tone of the n observations; empty when n is below the minimum of 3"
_EST_LOW = "number: lower end of the 95% percentile bootstrap interval of value; empty when value is empty"
_EST_HIGH = "number: upper end of the 95% percentile bootstrap interval of value; empty when value is empty"
_EST_NOTE = "text: 'not enough text' when n is below the minimum of 3 (value withheld), else empty"

CODEBOOK: dict[str, dict[str, str]] = {
    "articles.csv": {
        "id": _ARTICLE,
        "outlet": _OUTLET,
        "title": "text: the headline (from the manifest, else the first non-empty line of the text)",
        "date": "text: publication date as given in the manifest or corpus (ISO YYYY-MM-DD when known); empty when unknown",
        "url": "text: where the article was published; empty when unknown",
        "source": "text: where the text was read from: a file name, or 'corpus.jsonl:12' (file and line)",
        "sentences": "integer: number of sentences of every role (headline, heading, byline, caption, boilerplate, body)",
        "body_sentences": "integer: number of body sentences (the article prose that tone, topics and comparisons use)",
        "body_words": "integer: number of word tokens in the body sentences (runs of letters/digits; hyphen- and apostrophe-joined words count once)",
        "quotes": "integer: number of quotes found, not counting headline quotes",
        "mentions": "integer: number of mentions of actors (lexicon actors and speakers found in the text, pronouns included)",
        "topic_hits": "integer: number of topic-term hits in body sentences, over all topic lexicons",
    },
    "sentences.csv": {
        "id": "text: sentence id, '<article>:<index>'",
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "index": "integer: position of the sentence in its article, 0-based",
        "paragraph": "integer: index of the paragraph that holds the sentence, 0-based",
        "role": "text: what the sentence is: headline, heading, byline, caption, boilerplate (page furniture) or body",
        "start": _START,
        "end": _END,
        "text": "text: the sentence as it appears in the article",
    },
    "quotes.csv": {
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "text": "text: the quoted words, without the quotation marks",
        "kind": "text: direct (a full quoted statement), partial (a few quoted words inside the writer's sentence), reported (indirect speech: 'X said that ...'), scare (quotation marks around a word, no speaker) or headline (a quote in the headline)",
        "speaker": "text: who said it: the actor's canonical name, or the name as written for a speaker no lexicon lists; empty when no speaker is given",
        "speaker_id": "text: snake_case id of the speaker: the lexicon actor id, or 'person_<name>' for a speaker found in the text; empty when no speaker",
        "speaker_type": "text: government, state_media, expert, business, media, group, unnamed or other (from the actors lexicon or role cues in the text); empty when no speaker",
        "speaker_start": "integer: offset where the mention naming the speaker for this quote starts; empty when no speaker",
        "speaker_end": "integer: offset where the mention naming the speaker ends (exclusive); empty when no speaker",
        "speaker_text": "text: the words of that speaker mention as written ('he', 'the minister', 'Smith'); empty when no speaker",
        "cue": "text: the reporting verb or phrase that attributes the quote ('said', 'according to'); empty when none",
        "stance": "text: the cue's class in the attribution lexicon: neutral, distancing or emphatic (verbs of speech), thought, intention or evidence ('believes', 'wants to', 'shows'); other for a cue that is no listed verb ('according to'); empty when no cue",
        "channel": "text: the phrase saying how the quote reached the writer ('told Reuters', 'in a statement'); empty when none",
        "channel_type": "text: state_media, other_outlet, own_interview (the outlet's own interview), press_event, social_media, official_statement or other; empty when no channel",
        "start": "integer: offset where the quoted words start",
        "end": "integer: offset where the quoted words end (exclusive)",
        "sentence": "integer: index of the sentence the quote starts in",
        "tone": "number in [-1, 1]: VADER compound score of the quoted words (the speaker's own voice, as in actor_tone.csv voice), 4 decimals",
        "counted": "true/false: true when the quote gives its speaker the microphone: it is counted in the speaker charts, shared_quotes.csv, actor_tone.csv voice and the comparison's quote features. False for scare and headline quotes, no speaker, an unresolved pronoun, a phrase that names no source ('the visit said'), and reported speech whose stance is thought, intention or evidence",
    },
    "mentions.csv": {
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "actor_id": "text: id of the actor mentioned: a lexicon actor id, or 'person_<name>' for a speaker found in the text",
        "actor": "text: the actor's canonical name (the lexicon's name, or for a speaker found in the text the name as this article first writes it)",
        "via": "text: how the mention was resolved: name, alias, title+surname, surname, descriptor ('the South Korean leader'), pronoun, or role (a speaker named in the text, not in a lexicon)",
        "start": _START,
        "end": _END,
        "text": "text: the mention as written in the article",
    },
    "tones.csv": {
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "sentence": _SENTENCE,
        "role": "text: the sentence's role (headline, heading, byline, caption or body)",
        "compound": "number in [-1, 1]: VADER compound score of the sentence (negative to positive), 4 decimals",
        "pos": "number in [0, 1]: VADER's share of the sentence's sentiment-bearing text that is positive",
        "neu": "number in [0, 1]: VADER's share that is neutral (pos + neu + neg is about 1)",
        "neg": "number in [0, 1]: VADER's share that is negative",
        "label": "text: positive (compound >= 0.05), negative (<= -0.05) or neutral",
    },
    "article_tone.csv": {
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "tone": "number in [-1, 1]: mean VADER compound of the article's body sentences; empty when it has no body sentence",
        "ci_low": "number: lower end of the 95% percentile bootstrap interval of tone (resampling body sentences); empty when tone is empty",
        "ci_high": "number: upper end of the 95% percentile bootstrap interval of tone; empty when tone is empty",
        "n": "integer: number of body sentences behind tone",
        "positive_share": "number in [0, 1]: share of body sentences labelled positive; empty when there are none",
        "neutral_share": "number in [0, 1]: share of body sentences labelled neutral; empty when there are none",
        "negative_share": "number in [0, 1]: share of body sentences labelled negative; empty when there are none",
        "headline_tone": "number in [-1, 1]: VADER compound of the headline sentence; empty when the article has no headline",
    },
    "actor_tone.csv": {
        "outlet": _OUTLET,
        "actor_id": "text: id of the actor (lexicon actor id or 'person_<name>')",
        "actor": "text: the actor's canonical name",
        "measure": "text: about (how the outlet's own words talk around the actor: one target-aware tone score per body sentence that mentions the actor outside quotes, quoted words blanked out) or voice (the tone of the actor's own quoted words: one VADER compound per quote attributed to the actor that quotes.csv marks counted)",
        "value": _EST_VALUE,
        "ci_low": _EST_LOW,
        "ci_high": _EST_HIGH,
        "n": "integer: number of observations behind value: sentences for about, quotes for voice",
        "note": _EST_NOTE,
        "unit": "text: what one observation is: 'sentence' (about) or 'quote' (voice)",
    },
    "topic_tone.csv": {
        "outlet": _OUTLET,
        "topic": "text: topic lexicon id",
        "label": "text: the topic lexicon's label",
        "measure": "text: always 'tone': mean VADER compound of the body sentences in which the topic's terms occur (each sentence counted once per topic)",
        "value": _EST_VALUE,
        "ci_low": _EST_LOW,
        "ci_high": _EST_HIGH,
        "n": "integer: number of the outlet's body sentences with at least one hit of the topic",
        "note": _EST_NOTE,
        "unit": "text: what one observation is: always 'sentence'",
    },
    "topics.csv": {
        "outlet": _OUTLET,
        "article": _ARTICLE,
        "topic": "text: topic lexicon id",
        "hits": "integer: number of hits of the topic's terms in the article's body sentences",
        "per_1k": "number: hits per 1,000 body word tokens (articles.csv body_words), 4 decimals; 0 when the article has no body",
        "sentence_share": "number in [0, 1]: share of the article's body sentences with at least one hit of the topic, 4 decimals",
    },
    "topic_hits.csv": {
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "topic": "text: id of the topic lexicon the term belongs to (a span two topics both list gives one row per topic)",
        "term": "text: the lexicon term that matched, as written in the lexicon ('tariff*')",
        "start": _START,
        "end": _END,
        "sentence": _SENTENCE,
        "text": "text: the matched words as written in the article",
    },
    "features.csv": {
        "article": _ARTICLE,
        "outlet": _OUTLET,
        "block": "text: the feature's block: quotes, tone or topics (each block is standardised and weighted with --weight)",
        "feature": "text: 'prefix:key' name of the feature: quote_share:<speaker id>, speaker_type:<type>, channel:<type or none>, kind:<quote kind>, stance:<stance of the reporting verb in the attribution lexicon; 'other' for an unlisted cue, 'none' without a cue> (shares of the article's quotes: kind over all quotes, the others over direct, partial and reported quotes); tone:article, tone:headline, about:<actor id>, voice:<actor id> (mean tones); topic:<topic id> (hits per 1,000 body tokens)",
        "value": "number: the feature's raw value for the article (a share in [0, 1], a tone in [-1, 1] or a rate per 1,000 tokens); 0 when the article lacks it, 4 decimals",
        "standardised": "number: value centred on the mean over articles, divided by its standard deviation (0 for a constant feature) and multiplied by the block's weight; the input of every distance",
        "unit": _UNIT,
    },
    "similarity.csv": {
        "outlet_a": "text: the first outlet of the pair (outlet_a <= outlet_b alphabetically)",
        "outlet_b": "text: the second outlet of the pair (equal to outlet_a on the diagonal)",
        "distance": "number >= 0: root-mean-square difference between the two outlets' mean standardised, weighted feature vectors (0 = framed alike); 0 on the diagonal",
        "ci_low": "number: lower end of the 95% percentile bootstrap interval of distance; empty on the diagonal or with --bootstrap 0",
        "ci_high": "number: upper end of the 95% percentile bootstrap interval of distance; empty on the diagonal or with --bootstrap 0",
        "floor_a": "number >= 0: noise floor of outlet_a: the mean distance between two random halves of its sentences (unit article) or articles (unit outlet), divided by sqrt(2)",
        "floor_b": "number >= 0: noise floor of outlet_b, computed the same way",
        "closer_than_noise": "true/false: true when ci_high is below both noise floors, so the two outlets differ less than each differs from itself; false on the diagonal and without resamples",
        "unit": _UNIT,
        "n_boot": "integer: number of bootstrap resamples (--bootstrap)",
        "seed": "integer: the random seed of the run (--seed)",
    },
    "projection.csv": {
        "outlet": _OUTLET,
        "kind": "text: point (the outlet's position from all the data) or resample (its position in one bootstrap resample, to show the spread)",
        "draw": "integer: the bootstrap resample number, 0-based; -1 for the point",
        "x": "number: first principal component of the outlets' mean standardised feature vectors (PCA fitted on the points; resamples projected onto the same axes)",
        "y": "number: second principal component; 0 when there are too few outlets or features for a second one",
    },
    "distinctive_features.csv": {
        "outlet": _OUTLET,
        "feature": "text: the feature name without its block (as in features.csv feature)",
        "block": "text: quotes, tone or topics",
        "delta": "number: the outlet's standardised, weighted value minus the mean of the other outlets' (positive: more of it than the others)",
        "ci_low": "number: lower end of the 95% percentile bootstrap interval of delta; empty with --bootstrap 0",
        "ci_high": "number: upper end of the 95% percentile bootstrap interval of delta; empty with --bootstrap 0",
        "excludes_zero": "true/false: true when the interval lies wholly above or below 0",
        "rank": "integer: 1 for the feature with the largest absolute delta for this outlet, up to 8",
        "unit": _UNIT,
    },
    "distinctive_terms.csv": {
        "outlet": _OUTLET,
        "term": "text: a lower-cased word of the body sentences (stop words and one-letter words left out)",
        "count": "integer: times the word occurs in the outlet's body sentences",
        "count_rest": "integer: times it occurs in the other outlets' body sentences",
        "rate_per_1k": "number: count per 1,000 counted words of the outlet",
        "rate_rest_per_1k": "number: count_rest per 1,000 counted words of the other outlets",
        "delta": "number: log-odds ratio of the word in the outlet against the rest, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)",
        "z": "number: delta divided by its estimated standard deviation; the ranking score",
        "rank": "integer: 1 for the word with the highest z for this outlet, up to 25",
        "null_threshold": "number: 95th percentile of the largest z of any word when the units (body sentences with one article per outlet, whole articles with several; see the unit column) are shuffled between the outlet and the rest (sizes kept); the same for all rows of an outlet",
        "above_null": "true/false: true when z is above null_threshold, that is above what chance gives the top word",
        "prior": "number: the prior pseudo-count of the word (its count in the whole corpus)",
        "unit": _UNIT,
    },
    "shared_quotes.csv": {
        "level": "text: quote (one row per quote, grouped with same or near-same quotes in other outlets) or speaker (one row per outlet x speaker)",
        "group": "integer: number of the group of near-identical quotes (at least 60% shared words, across outlets); empty on speaker rows",
        "outlet": _OUTLET,
        "article": "text: the article id of the quote; empty on speaker rows",
        "speaker_id": "text: id of the quote's speaker (lexicon actor id or 'person_<name>')",
        "speaker": "text: the speaker's name",
        "text": "text: the quoted words; empty on speaker rows",
        "n_outlets": "integer: number of outlets that carry the quote group (quote rows) or quote the speaker (speaker rows)",
        "status": "text: shared (carried by several outlets), unique (by this outlet only) or omitted (speaker rows only: the outlet does not quote a speaker that more than half of the other outlets quote)",
    },
}

#: Files beside the tables, described in the Markdown codebook.
OTHER_FILES: dict[str, str] = {
    "analysis.json": "The run: corpus, event, seed, bootstrap resamples, lexicons with versions, unit of analysis, warnings, the columns of every table and the command that reproduces the run.",
    "clusters.json": "The average-linkage tree of the outlets on the distances of similarity.csv, with each grouping's stability: the share of bootstrap resamples whose tree has the same grouping.",
    "classifier.json": "Only with several articles per outlet: cross-validated accuracy of a ridge classifier that predicts the outlet from an article's features, against chance, and the features most often among its five largest coefficients across the folds.",
    "codebook.json": "This codebook as JSON: file -> column -> description.",
    "codebook.md": "This codebook as Markdown.",
}


#: The kinds of value a column holds: every description opens with one of them.
COLUMN_KINDS = ("text", "integer", "number", "true/false")


def columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` in the order its files write them: the codebook is the one
    declaration of a column (its name, its kind, its meaning), and the CSV header, the
    Parquet schema and the codebook files all come from it."""
    return tuple(CODEBOOK[table])


def column_kind(table: str, column: str) -> str:
    """The kind of value ``column`` of ``table`` holds ("text", "integer", "number" or
    "true/false"), read from the first word of its description: typed exports (Parquet)
    take their schema from here, so the codebook and the files cannot disagree."""
    kind = CODEBOOK[table][column].split(None, 1)[0].rstrip(":")
    if kind not in COLUMN_KINDS:
        raise ValueError(f"codebook: {table} {column}: description should open with one of {', '.join(COLUMN_KINDS)}")
    return kind


def codebook_json() -> str:
    """The codebook as JSON (sorted keys, two-space indent, one trailing newline)."""
    return json.dumps(CODEBOOK, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def codebook_markdown() -> str:
    """The codebook as Markdown: the conventions, then one table of columns per file."""
    out = [
        "# Codebook",
        "",
        "What every column of every table in `data/` means: its type, unit and meaning.",
        "",
        "## Conventions",
        "",
        *[f"- {c}" for c in CONVENTIONS],
        "",
    ]
    for name in sorted(CODEBOOK):
        out += [f"## {name}", "", f"One row per {TABLE_UNITS.get(name, 'record')}.", "", "| column | type: meaning |", "|---|---|"]
        out += [f"| `{column}` | {_md(text)} |" for column, text in CODEBOOK[name].items()]
        out.append("")
    out += ["## Other files", ""]
    out += [f"- `{name}`: {_md(text)}" for name, text in sorted(OTHER_FILES.items())]
    return "\n".join(out) + "\n"


def write_codebook(folder: Path | str) -> list[Path]:
    """Write ``codebook.json`` and ``codebook.md`` into ``folder`` (call it inside the atomic
    output folder of a run); return the two paths."""
    from .export import write_text

    folder = Path(folder)
    paths = [folder / "codebook.json", folder / "codebook.md"]
    write_text(paths[0], codebook_json())
    write_text(paths[1], codebook_markdown())
    return paths

"""Quotes and reported speech: what was said, by whom, with which cue, through which channel.

``extract_quotes`` finds, in one article:

* quotes between quote marks (straight or curly, single or double, NYT-style ``''``), with
  mismatched closers read by context, apostrophes told apart from single quotes, and a
  quote that runs on into the next paragraph;
* their kind: ``direct`` (a quoted sentence or clause), ``partial`` (quoted words inside
  the writer's sentence), ``scare`` (quoted words nobody is said to have said),
  ``headline`` (in a heading paragraph);
* reported speech without quote marks (``reported``): "Lee reiterated that …";
* for each, the mention naming the speaker, the reporting cue and the channel.

All English knowledge (verbs, pronouns, channels, outlets, function words) is lexicon data
from ``lexicons/language/attribution-en.toml``; the code knows only the shapes of
attribution. Everything is offsets into the original text; matching runs on
``clean.matching_copy`` (same length). The work is linear in the text: regular
expressions are compiled once per rule set and contain no nested repeats.
"""

from .extract import QuoteCandidate, extract_quotes
from .rules import DEFAULT_LEXICON, AttributionRules, load_default_rules, load_rules, parse_attribution_lexicon

__all__ = ["QuoteCandidate", "AttributionRules", "parse_attribution_lexicon", "load_default_rules", "load_rules", "extract_quotes", "DEFAULT_LEXICON"]

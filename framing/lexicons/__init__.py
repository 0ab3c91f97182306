"""Lexicons: the data that says what an event's actors and topics are, and how a language
writes attribution. ``load`` reads and validates them into a ``LexiconSet`` (each kind's
parser lives with the code that uses it: ``actors``, ``topics``, ``quotes.rules``),
``schema`` holds the validation helpers every parser shares, ``liwc`` converts LIWC-style
``.dic`` dictionaries, ``scaffold`` writes new lexicons and corpus folders."""

from .load import ActorsLexicon, LanguageRules, LexiconInfo, LexiconSet, check_paths, lexicon_files, load_lexicons, read_lexicon_file, shipped_lexicons_dir
from .schema import read_lexicon_data

__all__ = ["ActorsLexicon", "LanguageRules", "LexiconInfo", "LexiconSet", "check_paths", "lexicon_files", "load_lexicons", "read_lexicon_data", "read_lexicon_file", "shipped_lexicons_dir"]

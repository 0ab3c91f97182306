"""Errors a user can cause. The CLI prints them as one line ``Error: ...`` and exits 1."""


class FramingError(Exception):
    """A problem with the user's input (corpus, lexicon, options, output path)."""


class CorpusError(FramingError):
    """The corpus cannot be read as given."""


class LexiconError(FramingError):
    """A lexicon file is malformed. The message reads ``file: key: problem``."""

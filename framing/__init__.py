"""framing: how different news outlets frame the same event.

Quote attribution, VADER tone, lexicon topic weights and comparative models over a corpus
of articles, with one offline HTML dashboard and tidy data exports.
"""

__version__ = "0.1.0"

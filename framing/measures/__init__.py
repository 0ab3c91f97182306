"""The measures, one module per family, and the plain tuple the generic layers loop over.

``FAMILIES`` lists each family's ``Family`` record (``framing.measures.base``) in the order
their tables, features and report sections appear. The digest, the sentence units the
comparison resamples, the feature blocks, the tables, the codebook and the report read
this tuple; a new measure is a module here and one entry below.
"""

from __future__ import annotations

from . import articles, duplicates, headline, quotes, tone, topics
from .base import Family

FAMILIES: tuple[Family, ...] = (articles.FAMILY, duplicates.FAMILY, quotes.FAMILY, tone.FAMILY, topics.FAMILY, headline.FAMILY)


def feature_blocks() -> dict[str, tuple[str, ...]]:
    """Block name -> its feature-name prefixes, for the families with a block."""
    return {f.name: f.block for f in FAMILIES if f.block}

"""Text in: corpus readers (``reader``: a folder with its ``manifest``, ``records`` for JSONL
and CSV), the cleaning that keeps offsets (``clean``) and segmentation into paragraphs and
sentences (``segment``)."""

from .corpus import Corpus, decode_text
from .reader import read_corpus

__all__ = ["Corpus", "decode_text", "read_corpus"]

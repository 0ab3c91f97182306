"""Wire copies and near-duplicates: articles that share most of their text.

A wire story republished by several outlets makes those outlets look alike although none of
them framed anything, so a comparison must know about it. Each article's body is read as a
set of word 5-gram shingles (Broder 1997); a MinHash signature of it (``SIGNATURE_SIZE``
seeded hash functions over shingle codes made from the words' CRC-32, so the same text always gives the same
signature) is made where the article is analysed, and pairs whose signatures agree in at
least ``Settings.duplicates`` of their places (the estimated Jaccard similarity of their
shingles) are listed. Candidate pairs come from locality-sensitive hashing of the
signatures in bands (Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3), so
a large corpus is not compared pair by pair. Identical bodies are "exact".

Owns the digest part (the signature), duplicates.csv with its column declarations, and the
report's note; ``duplicate_pairs(result)`` is what the CLI's warning and the comparison read.
"""

from __future__ import annotations

import html
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import Column, Family, TableSpec

SHINGLE_WORDS = 5
SIGNATURE_SIZE = 64
BANDS = 16  # of SIGNATURE_SIZE // BANDS rows: pairs above about 0.5 similarity become candidates
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20260105)  # fixed: signatures must be the same in every run
_A = (_rng.integers(0, 1 << 31, SIGNATURE_SIZE, dtype=np.uint64) * 2 + 1).astype(np.uint32)  # odd multipliers
_B = _rng.integers(0, 1 << 32, SIGNATURE_SIZE, dtype=np.uint64).astype(np.uint32)
_BASE = 1_000_003  # of the shingle codes' polynomial hash
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class DuplicateDigest:
    signature: tuple[int, ...]  # () when the body has fewer words than one shingle
    body_crc: int  # of the body's words, to tell exact copies


def signature(words: list[str]) -> tuple[tuple[int, ...], int]:
    """(MinHash signature, CRC-32 of the words) of a body's lower-case words. A shingle's
    code is a polynomial hash of its five words' CRC-32 codes (one CRC per distinct word,
    then whole arrays at once: the digest runs for every article)."""
    crc = zlib.crc32(" ".join(words).encode("utf-8"))
    n = len(words) - SHINGLE_WORDS + 1  # shingle codes below 2^31, so uint32 holds them
    if n < 1:
        return (), crc
    word_codes: dict[str, int] = {}
    w = np.array([word_codes.setdefault(x, zlib.crc32(x.encode("utf-8")) % _PRIME) for x in words], dtype=np.int64)
    codes = np.zeros(n, dtype=np.int64)
    for k in range(SHINGLE_WORDS):  # ((c * B + w_k) mod p): every product stays below 2^62
        codes = (codes * _BASE + w[k : k + n]) % _PRIME
    codes = np.unique(codes).astype(np.uint32)
    # h_j(x) = (a_j x + b_j) mod 2^32 with a_j odd: a random permutation of the 32-bit
    # codes, the wrap-around of unsigned arithmetic being the modulus (no division, and
    # 32-bit lanes: the digest runs for every article)
    values = codes[None, :] * _A[:, None] + _B[:, None]
    return tuple(values.min(axis=1).tolist()), crc


def digest(a, context) -> DuplicateDigest:
    text = a.article.text
    words = [w for s in context.body for w in _WORD.findall(text[s.span.start : s.span.end].lower())]
    sig, crc = signature(words)
    return DuplicateDigest(sig, crc)


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: Any  # ArticleDigest
    second: Any
    similarity: float
    kind: str  # "exact" or "near"


def duplicate_pairs(result, threshold: float | None = None) -> list[DuplicatePair]:
    """The pairs of articles whose bodies share at least ``threshold`` (default: the run's
    ``Settings.duplicates``) of their shingles, by estimate, in id order."""
    return pairs_among(result.digests, result.settings.duplicates if threshold is None else threshold)


def copies_to_leave_out(digests, threshold: float) -> set[str]:
    """The articles the outlet comparison leaves out: of each pair from two outlets, the
    second (in id order), so that one copy of the story stays and no outlet looks like
    another for printing the same wire text."""
    return {p.second.id for p in pairs_among(digests, threshold) if p.first.outlet != p.second.outlet}


def pairs_among(all_digests, threshold: float) -> list[DuplicatePair]:
    digests = [d for d in all_digests if d.parts.get("duplicates") is not None and d.parts["duplicates"].signature]
    rows = SIGNATURE_SIZE // BANDS
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for k, d in enumerate(digests):
        sig = d.parts["duplicates"].signature
        for band in range(BANDS):
            buckets[band, sig[band * rows : (band + 1) * rows]].append(k)
    candidates = {(i, j) for members in buckets.values() if len(members) > 1 for x, i in enumerate(members) for j in members[x + 1 :]}
    out = []
    for i, j in sorted(candidates):
        a, b = digests[i].parts["duplicates"], digests[j].parts["duplicates"]
        similarity = sum(x == y for x, y in zip(a.signature, b.signature)) / SIGNATURE_SIZE
        if similarity >= threshold:
            first, second = sorted((digests[i], digests[j]), key=lambda d: d.id)
            out.append(DuplicatePair(first, second, round(similarity, 4), "exact" if a.body_crc == b.body_crc else "near"))
    return sorted(out, key=lambda p: (p.first.id, p.second.id))


def duplicate_rows(result) -> list[dict[str, Any]]:
    return [
        {"article": p.first.id, "outlet": p.first.outlet, "copy": p.second.id, "copy_outlet": p.second.outlet, "similarity": p.similarity, "kind": p.kind, "same_outlet": p.first.outlet == p.second.outlet}
        for p in duplicate_pairs(result)
    ]


TABLES = (
    TableSpec("duplicates.csv", "pair of articles whose bodies share most of their text (wire copies, republished or near-identical stories)", (
        Column("article", "text", "id of the first article of the pair (in id order)"),
        Column("outlet", "text", "the outlet of the first article"),
        Column("copy", "text", "id of the other article"),
        Column("copy_outlet", "text", "the outlet of the other article"),
        Column("similarity", "number", f"estimated Jaccard similarity of the two bodies' word {SHINGLE_WORDS}-gram shingles (MinHash, {SIGNATURE_SIZE} hashes)", "in [0, 1]"),
        Column("kind", "text", "exact (the same body words) or near"),
        Column("same_outlet", "true/false", "whether both articles are from one outlet"),
    ), duplicate_rows),
)


def section(report) -> str | None:
    rows = report.tables["duplicates.csv"][1]
    if not rows:
        return None
    items = "".join(
        f"<li>{html.escape(r['article'])} ({html.escape(r['outlet'])}) and {html.escape(r['copy'])} ({html.escape(r['copy_outlet'])}): "
        f"{r['similarity']:.0%} of their text shared{' (identical)' if r['kind'] == 'exact' else ''}</li>"
        for r in rows
    )
    return f"""<section id="duplicates"><h2>Shared copy</h2>
<p class="how" id="duplicates-note">These articles share most of their text (a wire story republished, or one story run twice). Outlets that print the same copy look alike without having framed anything alike: read "How alike" with this in mind. Data: <a href="data/duplicates.csv">duplicates.csv</a>.</p>
<ul>{items}</ul></section>"""


FAMILY = Family(name="duplicates", digest=digest, tables=TABLES, section=section, nav=(("duplicates", "Shared copy"),))

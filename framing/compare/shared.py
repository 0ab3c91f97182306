"""Shared, unique and omitted quotes: the same words carried by several outlets, quotes only
one outlet carries, and speakers an outlet leaves out that most others quote."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any


from ..measures.digest import ArticleDigest
from ..text.tokens import term_words
from ..types import ArticleAnalysis
from .common import _as_digests

def _quote_tokens(text: str) -> list[str]:
    return term_words(text)


def shared_quotes(analyses: Sequence[ArticleAnalysis] | Sequence[ArticleDigest], *, min_overlap: float = 0.6) -> list[dict[str, Any]]:
    """Quotes carried by several outlets (the same or near-same words), quotes only one
    outlet carries, and speakers an outlet leaves out that most others quote."""
    digests = _as_digests(analyses, frozenset())
    # Each quote's words as a sorted tuple of word ids: a tenth of the memory of a set of
    # strings, which counts with a hundred thousand quotes.
    word_id: dict[str, int] = {}
    items = []
    for d in digests:
        for q in d.parts["quotes"]:
            if q.counted:
                key = tuple(sorted({word_id.setdefault(t, len(word_id)) for t in _quote_tokens(q.text)}))
                items.append((d.outlet, d.id, q.speaker_id, q.speaker, q.text, key))
    words = sorted(word_id, key=word_id.__getitem__)  # id -> word
    # Identical word sets are one quote at once (wire copy carried verbatim by many outlets);
    # only the distinct sets are compared pairwise.
    distinct: dict[tuple[int, ...], int] = {}
    member_of = [distinct.setdefault(item[5], len(distinct)) for item in items]
    sets = list(distinct)
    outlets_of: list[set[str]] = [set() for _ in sets]
    for item, k in zip(items, member_of):
        outlets_of[k].add(item[0])
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidate pairs share one of their rarest words (an inverted index), so the work grows
    # with the corpus, not with its square.
    df = Counter(t for s in sets for t in s)
    postings: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(sets):
        if len(s) >= 3:
            for t in sorted(s, key=lambda t: (df[t], words[t]))[:3]:
                postings[t].append(k)
    # A word in hundreds of quotes is no sign of a shared quote; skip such postings.
    pairs = sorted({(i, j) for ids in postings.values() if len(ids) <= 200 for n, i in enumerate(ids) for j in ids[n + 1 :]})
    for i, j in pairs:
        a, b = sets[i], sets[j]
        if outlets_of[i] == outlets_of[j] and len(outlets_of[i]) == 1:
            continue  # one outlet repeating itself is not a shared quote
        if len(set(a).intersection(b)) / min(len(a), len(b)) >= min_overlap:
            parent[find(j)] = find(i)
    # A quote of under three words ("yes") is too short to call shared: its own group.
    groups: dict[int, list[int]] = defaultdict(list)
    for i, k in enumerate(member_of):
        groups[find(k) if len(sets[k]) >= 3 else -1 - i].append(i)
    outlets = sorted({d.outlet for d in digests})
    rows = []
    for number, members in enumerate(sorted(groups.values(), key=lambda m: m[0]), 1):
        carriers = sorted({items[i][0] for i in members})
        for i in members:
            outlet, article, speaker_id, speaker, text, _ = items[i]
            rows.append({"level": "quote", "group": number, "outlet": outlet, "article": article, "speaker_id": speaker_id, "speaker": speaker, "text": text, "n_outlets": len(carriers), "status": "shared" if len(carriers) > 1 else "unique"})
    # Speakers: who each outlet quotes, and who it leaves out that most others quote.
    quoted: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for outlet, _, speaker_id, speaker, _, _ in items:
        quoted[speaker_id].add(outlet)
        names[speaker_id] = speaker
    for speaker_id in sorted(quoted):
        carriers = quoted[speaker_id]
        for outlet in outlets:
            others = [o for o in outlets if o != outlet]
            carried_by_others = sum(o in carriers for o in others)
            if outlet in carriers:
                status = "unique" if len(carriers) == 1 else "shared"
            elif others and carried_by_others / len(others) > 0.5:
                status = "omitted"
            else:
                continue
            rows.append({"level": "speaker", "group": "", "outlet": outlet, "article": "", "speaker_id": speaker_id, "speaker": names[speaker_id], "text": "", "n_outlets": len(carriers), "status": status})
    return rows

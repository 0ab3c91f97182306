"""One paragraph read for attribution (``_Para``): its tokens, its cues, and, from the
two readings mixed in (``phrases``: noun phrases; ``attribution``: whose cue it is), the
speaker of each cue."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from functools import cached_property
from itertools import groupby

from ..text.tokens import ATTRIBUTION_TOKEN_RE
from ..types import Paragraph, Sentence
from .attribution import _CueAttribution
from .marks import _RawQuote
from .phrases import _PhraseReading
from .rules import AttributionRules
from .tokens import _Cue, _Tok, _is_cap, _token_sentences


def _without_name_tags(matches: list, copy: str, qspans: list[tuple[int, int]], tags) -> list:
    """The tokens without the tags set off after a name (``grammar.name_tags``: "Sen. Rand
    Paul, R-Ky., said", "Lauten, 31, who …"): read without them, the name stands next to its
    verb, and a tag is never taken for the speaker. Offsets are kept, so a speaker or content
    span that runs across a tag still covers it in the text."""
    if tags is None:
        return matches
    drop: list[tuple[int, int]] = []
    for m in matches:
        t = m.group()
        if t[:1].isupper() and (not drop or m.start() >= drop[-1][1]):
            hit = tags.match(copy, m.end())
            if hit is not None and not any(a <= m.end() < b for a, b in qspans):
                drop.append((m.end(), hit.end()))
    if not drop:
        return matches
    starts = [a for a, _ in drop]
    out = []
    for m in matches:
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or m.start() >= drop[k][1]:
            out.append(m)
    return out


_NAME_BIGRAMS: dict[int, tuple[AttributionRules, frozenset[str]]] = {}


class _Para(_PhraseReading, _CueAttribution):
    """One paragraph's tokens, cues and attributions."""

    def __init__(self, copy: str, para: Paragraph, sentences: Sequence[Sentence], quotes: list[_RawQuote], rules: AttributionRules, *, headline: bool = False):
        self.copy = copy
        self.headline = headline  # a headline in title case capitalises its verbs too ("Obama Says …")
        self.rules = rules
        self.ps, self.pe = para.span.start, para.span.end
        qspans = sorted((q.open_mark, q.close_end) for q in quotes)
        self.qspans = qspans
        self.sentences = sentences
        # The tokens, built a column at a time: a loop doing all of it per token was the
        # main cost of the whole extraction.
        matches = _without_name_tags(list(ATTRIBUTION_TOKEN_RE.finditer(copy, self.ps, self.pe)), copy, qspans, rules.name_tags)
        starts = [m.start() for m in matches]
        texts = [m.group() for m in matches]
        n = len(texts)
        quoted = [False] * n  # inside a quote (or a quote mark): a <= start < b
        for a, b in qspans:
            i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            quoted[i:j] = [True] * (j - i)
        sents = _token_sentences(starts, sentences)
        toks = list(map(_Tok, starts, [m.end() for m in matches], texts, [t.lower() for t in texts], quoted, sents))
        self.toks = toks
        self.starts = starts
        # parenthesis depth of each token (no parenthesis, no loop)
        depth = [0] * n
        if "(" in texts:
            d = 0
            for x, t in enumerate(toks):
                if t.t == "(" and not t.quoted:
                    d += 1
                depth[x] = d
                if t.t == ")" and not t.quoted and d > 0:
                    d -= 1
        self.depth = depth
        # the token range [lo, hi) of each token's sentence: runs of equal sentence index
        lo_: list[int] = []
        hi_: list[int] = []
        x = 0
        for _, run in groupby(sents):
            size = len(list(run))
            lo_ += [x] * size
            hi_ += [x + size] * size
            x += size
        self.sent_lo, self.sent_hi = lo_, hi_
        self.qends = [b for _, b in qspans]
        self.qstarts = [a for a, _ in qspans]
        self.qspan_set = frozenset(qspans)
        self.cues = self._find_cues()
        self.cue_starts = [c.i for c in self.cues]
        for cue in self.cues:
            self._attribute(cue)
        for cue in self.cues:
            if cue.speaker is None and not cue.phrase and (
                toks[cue.j - 1].low.endswith("ing") or cue.i > 0 and toks[cue.i - 1].low in ("and", "but", "or", "then")
            ):
                self._borrow(cue)

    # -- helpers ------------------------------------------------------------------------
    @cached_property
    def chan(self) -> list[tuple[int, int, str]]:
        """Channel phrases (start, end, text), found once per paragraph on first use: a
        third of paragraphs never ask, and the scan costs as much as the tokens."""
        return [(m.start(), m.end(), m.group()) for m in self.rules.channel_re.finditer(self.copy, self.ps, self.pe)]

    @cached_property
    def chan_starts(self) -> list[int]:
        return [c[0] for c in self.chan]

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token i."""
        if i >= len(self.toks):
            return len(self.toks), len(self.toks)
        return self.sent_lo[i], self.sent_hi[i]

    def cues_between(self, a: int, b: int) -> list[_Cue]:
        """Cues whose first token is in [a, b)."""
        return self.cues[bisect.bisect_left(self.cue_starts, a) : bisect.bisect_left(self.cue_starts, b)]

    def _find_cues(self) -> list[_Cue]:
        rules = self.rules
        cues = []
        toks = self.toks
        by_first = rules.cue_index
        # Only the few tokens that can start a cue are looked at; a cue's tokens are not
        # looked at again (cues do not overlap).
        first_words = by_first.keys()
        end = 0
        for i in [i for i, t in enumerate(toks) if t.low in first_words and not t.quoted]:
            if i < end:
                continue
            j = self._longest_at(by_first, i)
            if not j or self._longest_at(rules.source_phrase_index, i) > j:
                continue  # "state media said", "the state broadcaster said": a source, not the verb "state"
            if _is_cap(toks[i].t) and i > 0 and toks[i - 1].sent == toks[i].sent and toks[i - 1].t not in ('"', "''", "'", "(", "—"):
                if not self.headline or f"{toks[i - 1].low} {toks[i].low}" in self._name_bigrams():
                    continue  # "United States", "Global Times": a name, not a verb
            key = " ".join(x.low for x in toks[i:j])
            if key in rules.forms:
                lemma, cls = rules.forms[key]
                if key != lemma and key.endswith("s") and self._after_determiner(i):
                    continue  # "his prepared remarks", "Trump's claims": a plural noun, not a verb
                if key == lemma and i > 0 and not toks[i - 1].quoted and (toks[i - 1].low in rules.determiners and toks[i - 1].low not in rules.standalone or toks[i - 1].low.endswith(("'s", "s'"))):
                    continue  # "the outline", "Trump's claim", "a promise": a noun ("the two say" is a verb)
                if key.endswith("ing") and i > 0 and toks[i - 1].low in ("the", "a", "an") and not toks[i - 1].quoted:
                    continue  # "the posting", "a briefing": a noun, not a participle
                cues.append(_Cue(i, j, lemma, cls, False))
            else:
                cues.append(_Cue(i, j, key, "phrase", key in rules.source_after))
            end = j
        return cues

    def _name_bigrams(self) -> frozenset[str]:
        """The first two words of the lexicon's places and outlets ("united states", "global
        times"): in a title-case headline they are a name, not a name and a verb."""
        got = _NAME_BIGRAMS.get(id(self.rules))
        if got is None or got[0] is not self.rules:
            names = [*self.rules.metonyms, *(n for ns in self.rules.outlets.values() for n in ns)]
            bigrams = frozenset(" ".join(n.casefold().split()[:2]) for n in names if len(n.split()) >= 2)
            got = _NAME_BIGRAMS[id(self.rules)] = (self.rules, bigrams)
        return got[1]

    def _only_adjuncts(self, a: int, b: int) -> bool:
        """Whether tokens a..b (a sentence's end) hold only time words and one short
        prepositional phrase, no clause: "…, Liu wrote Thursday on 38 North, a website …",
        "…, she said in a statement." An attribution ending so reports what came before it."""
        toks = self.toks
        rules = self.rules
        while b > a and toks[b - 1].t in (".", "!", "?"):
            b -= 1
        while a < b and (toks[a].low in rules.time_words or toks[a].low in rules.time_prefixes and a + 1 < b and toks[a + 1].low in rules.time_words):
            a += 1  # "Thursday", "on Thursday", "last year"
        if a + 1 < b and toks[a].t == "," and toks[a + 1].low in rules.clause_openers and toks[a + 1].low != "that":
            return True  # "…, lawmakers said Friday, as they bristled at …": the clause after is no content
        while a < b and toks[a].t == ",":
            a += 1
        comma = next((k for k in range(a + 1, b - 1) if toks[k].t == ","), None)
        if comma is not None and toks[comma + 1].low in ("a", "an", "the"):
            b = comma  # "… on 38 North, a website devoted to …": the channel's appositive
        if not 1 < b - a <= 5 or toks[a].low not in rules.channel_prepositions:
            return False
        return not any(t.quoted or t.low in rules.between or t.low in rules.boundaries and n or self._verb_like(t) for n, t in enumerate(toks[a:b]))

    def _after_determiner(self, i: int) -> bool:
        """Whether token i follows a determiner or a possessive ("the", "his", "Trump's"),
        over adjectives in -ed and -ing ("his prepared", "the repeated"): where a word like
        "remarks" or "claims" is a noun's plural."""
        k = i - 1
        while k >= 0 and self.toks[k].t.islower() and self.toks[k].low.endswith(("ed", "ing")) and not self.toks[k].quoted:
            k -= 1
        if k < 0 or self.toks[k].quoted or self.toks[k].sent != self.toks[i].sent:
            return False
        prev = self.toks[k].low
        return prev in self.rules.determiners or prev.endswith(("'s", "s'"))

    def _longest_at(self, index: Mapping[str, tuple[tuple[str, ...], ...]], i: int) -> int:
        """The end of the longest word sequence of ``index`` (first word -> sequences, longest
        first) that starts at token i outside quotes, or 0."""
        toks = self.toks
        for words in index.get(toks[i].low, ()):
            k = len(words)
            if i + k <= len(toks) and all(toks[i + x].low == words[x] and not toks[i + x].quoted for x in range(1, k)):
                return i + k
        return 0

    def _skip_between(self, j: int, lo: int) -> int:
        """Move left over auxiliaries, -ly adverbs and time phrases; return the new index."""
        rules = self.rules
        toks = self.toks
        while j >= lo:
            t = toks[j]
            if t.quoted:
                return j
            if t.low in rules.between or (t.low.endswith("ly") and len(t.low) > 4 and t.t.islower() and not (j - 1 >= lo and toks[j - 1].low in rules.determiners)):
                j -= 1
                continue
            if t.low in rules.time_words or t.low.isdigit() and (j - 1 >= lo and toks[j - 1].low in rules.time_words):
                j -= 1
                while j >= lo and (toks[j].low in rules.time_prefixes or toks[j].low.isdigit() or toks[j].low in rules.time_words or toks[j].t == "."):
                    j -= 1
                continue
            return j
        return j

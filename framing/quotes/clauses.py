"""Where a statement's clause starts and ends around its cue: the words before a partial
quote that belong to its clause, a report nested in a content or one that opens its own
clause, an attribution wrapped inside its statement, and a clause that says where or to
whom, not what. Pure functions over a paragraph's tokens (``_Para``)."""

from __future__ import annotations

from .paragraph import _Para
from .tokens import _Cue, _is_cap, _is_word


def _clause_before_quote(P: _Para, cue: _Cue, sa: int, qi: int, tail: bool) -> bool:
    """Whether the words from the sentence start to a partial quote are the start of the
    clause its cue reports: the cue follows the quote (a tail) or is set off by commas
    inside the clause ("The weapons, he added, are like …"), and the words before the quote
    hold no other quote, no cue and no clause break of their own."""
    toks = P.toks
    if qi - sa < 2 or qi - sa > 40:
        return False
    if tail:
        lo = sa
    elif cue.speaker is not None and cue.speaker[0] > sa and cue.j < qi and toks[cue.j].t == "," and _wrapped_attribution(P, cue, sa):
        lo = cue.j + 1
    else:
        return False
    if any(t.quoted or t.t in (";", ":", "—") for t in toks[lo:qi]) or toks[qi - 1].t == ",":
        return False
    return not any(c is not cue and c.speaker is not None for c in P.cues_between(sa, qi))


def _clause_start(P: _Para, i: int, lo: int) -> int | None:
    """Where the clause of the speaker phrase at token ``i`` starts when it is a clause of
    its own: after punctuation or a quote, or at a clause joiner ("A said X, and B said Y")
    or a relative pronoun ("Japan, whose Prime Minister X suggested …") within the four
    words before it, with no preposition or verb between. None: a report nested in the
    content before it ("said the report shows …")."""
    toks = P.toks
    rules = P.rules
    for k in range(i - 1, max(lo, i - 5) - 1, -1):
        t = toks[k]
        if t.quoted or not _is_word(t.t) and t.t != ".":
            return k + 1
        if t.low in rules.clause_joiners or t.low in rules.relative_openers:
            return k
        if t.low in rules.boundaries or t.low in rules.forms:
            return None  # "said the report shows", "believe the data show": inside the content
    return i if i - 1 < lo else None


def _wrapped_attribution(P: _Para, c: _Cue, sa: int) -> bool:
    """Whether the cue's clause ("Mr. Obama said") is set off by commas inside a statement
    whose first words come before it: "The museum, Mr. Obama said, would …", "The average
    benefit, it says, would be $300". The words before are a short phrase with no quote and
    no cue of their own (else they are a statement of their own, or another's)."""
    toks = P.toks
    comma = c.speaker[0] - 1
    while comma > sa and c.speaker[0] - comma <= 4 and (_is_cap(toks[comma].t) or toks[comma].t == "."):
        comma -= 1  # past the title the speaker's name was cut from ("Mayor Ines Vidal")
    if comma <= sa or toks[comma].t != "," or comma - sa > 15:
        return False
    before = toks[sa:comma]
    if P._opens_with_adjunct(sa):
        return False  # "On Monday, Lee said, the talks …": when, not the statement's subject
    return not any(t.quoted or t.t in (",", ";", ":") for t in before) and not P.cues_between(sa, comma)


def _opens_with_place(P: _Para, a: int, b: int) -> bool:
    """Whether a reported clause would open with a prepositional phrase of place, direction
    or time (grammar non_content_prepositions) and so report where, when or to whom, not
    what: "did not respond to a request for comment", "reported from Kyiv", "called into a
    radio show". The preposition counts only before a clear noun phrase (a determiner or
    possessive, a capitalised word, a number): "urged them to resign" keeps its infinitive."""
    toks = P.toks
    if a + 1 >= b or toks[a].quoted or toks[a].low not in P.rules.non_content_prepositions:
        return False
    if any(t.quoted for t in toks[a:b]):
        return False
    comma = next((x for x in range(a, b) if toks[x].t == ","), None)
    if comma is not None and not (comma + 1 < b and toks[comma + 1].low in P.rules.clause_joiners):
        return False  # "said on the other hand, …": an adverbial before the clause
    n = toks[a + 1]
    if n.low in P.rules.non_content_prepositions and a + 2 < b:
        n = toks[a + 2]  # "called in to a town hall"
    # a title-case headline capitalises every word: "Vows To Eliminate …" keeps its infinitive
    return n.low in P.rules.determiners or _is_cap(n.t) and not P.headline or n.t[:1].isdigit()

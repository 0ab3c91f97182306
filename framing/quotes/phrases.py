"""Noun phrases read from the tokens of a paragraph, leftwards from a cue (the subject:
"Foreign Minister Wang Yi said") and rightwards (the inverted subject: "said Wang Yi"),
with titles, honorifics and appositives."""

from __future__ import annotations


from .tokens import _is_cap, _is_word


class _PhraseReading:
    """Noun phrases of ``_Para`` (mixed into it; reads ``self.toks`` and ``self.rules``)."""

    def _np_back(self, j: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase ending at token j (inclusive) reading leftwards, as a token range."""
        rules = self.rules
        toks = self.toks
        if j < lo or toks[j].quoted:
            return None
        t = toks[j]
        if t.low in rules.pronoun_set or t.low.split("'")[0] in rules.pronoun_set and "'" in t.low:
            return (j, j + 1)
        if t.low in rules.determiners and t.low not in rules.boundaries:
            return self._standalone_determiner(j, lo)
        if not _is_word(t.t) or t.low in rules.boundaries or t.low.endswith("'s") or t.low.endswith("s'"):
            return None
        if not _is_cap(t.t) and not (j - 1 >= lo and toks[j - 1].low in rules.determiners):
            verb_form = t.low in rules.forms and rules.forms[t.low][0] != t.low
            prev_word = j - 1 >= lo and _is_word(toks[j - 1].t) and toks[j - 1].low not in rules.boundaries and toks[j - 1].low not in rules.between
            if t.low.endswith("ed") or t.low in rules.past_forms or verb_form or t.low.endswith("ing") and not prev_word:
                return None  # a verb, not a speaker
        k = j
        while k - 1 >= lo and j - k < 7:
            p = toks[k - 1]
            if p.quoted:
                break
            if p.t == "." and k - 2 >= lo and (toks[k - 2].low in rules.honorifics or len(toks[k - 2].t) == 1 and toks[k - 2].t.isupper() or toks[k - 2].low in rules.titles):
                k -= 1
                continue
            if not _is_word(p.t) or p.low in rules.pronoun_set:
                break
            if p.low in rules.determiners:
                k -= 1
                break
            if p.low in rules.boundaries:
                if p.low == "of" and k - 2 >= lo and _is_cap(toks[k - 2].t) and _is_cap(toks[k].t):
                    k -= 1  # Chief of Staff, Ministry of Commerce
                    continue
                break
            if not _is_cap(p.t) and (p.low in rules.forms and rules.forms[p.low][0] != p.low or p.low.endswith("ed") or p.low in rules.past_forms):
                break
            k -= 1
        return self._name_part(k, j + 1)

    def _standalone_determiner(self, j: int, lo: int) -> tuple[int, int] | None:
        """A determiner that can stand for its noun (grammar.standalone: "Another said",
        "The two said", "Some warned") when it opens its clause and an inflected verb
        follows: not "the proposed merger", "had their say" or "most forecast models"."""
        toks = self.toks
        rules = self.rules
        verb = toks[j + 1].low if j + 1 < len(toks) else ""
        if toks[j].low not in rules.standalone or verb not in rules.forms or rules.forms[verb][0].split()[0] == verb:
            return None
        k = j - 1 if j - 1 >= lo and toks[j - 1].low in rules.determiners and not toks[j - 1].quoted else j
        if k == lo or not _is_word(toks[k - 1].t) or toks[k - 1].low in rules.coordinators:
            return (k, j + 1)
        return None

    def _name_part(self, a: int, b: int) -> tuple[int, int]:
        """Within an NP, the trailing proper name without leading titles (honorifics kept)."""
        rules = self.rules
        toks = self.toks
        if not _is_cap(toks[b - 1].t) or toks[b - 1].low in rules.titles and b - a > 1 and not _is_cap(toks[b - 2].t):
            return (a, b)
        k = b - 1
        while k - 1 >= a and (_is_cap(toks[k - 1].t) or toks[k - 1].t == "." or toks[k - 1].low in ("de", "van", "von", "bin", "al", "da")
                              or toks[k - 1].low == "of" and k - 2 >= a and _is_cap(toks[k - 2].t)):
            k -= 1  # "of" inside the name as _np_back joined it: "Ministry of Commerce", "Bernie Sanders of Vermont"
        # strip titles from the front, keep an honorific
        m = k
        while m < b - 1 and (toks[m].low in rules.titles or toks[m].t == "." or toks[m].low.endswith("'s") or toks[m].low == "of" and m > k and toks[m - 1].low in rules.titles):
            m += 1  # "Chief of Staff John Kelly": "of" between title words goes with them
        if m > k and toks[m - 1].t == "." and m - 2 >= k and toks[m - 2].low in rules.honorifics:
            m -= 2
        elif m > k and toks[m - 1].low in rules.honorifics:
            m -= 1
        if toks[m].t == ".":
            m += 1
        if m >= b:
            m = k
        if toks[m].low in rules.honorifics or m + 1 < b and toks[m + 1].t == "." and toks[m].low in rules.honorifics:
            pass
        # an honorific right before the name: "Mr Lee"
        if m - 1 >= a and toks[m - 1].low in rules.honorifics:
            m -= 1
        elif m - 2 >= a and toks[m - 1].t == "." and toks[m - 2].low in rules.honorifics:
            m -= 2
        return (m, b)

    def _skip_fwd(self, j: int) -> int:
        while j < len(self.toks) and (self.toks[j].low in self.rules.between or self.toks[j].low.endswith("ly") and self.toks[j].t.islower()):
            j += 1
        return j

    def _np_fwd(self, i: int, hi: int) -> tuple[int, int] | None:
        """The noun phrase starting at token i reading rightwards."""
        rules = self.rules
        toks = self.toks
        if i >= hi or toks[i].quoted:
            return None
        t = toks[i]
        if t.low in rules.pronoun_set:
            return (i, i + 1)
        if not _is_word(t.t) or (t.low in rules.boundaries and t.low not in rules.determiners):
            return None
        k = i + 1
        while k < hi and k - i < 9:
            p = toks[k]
            if p.quoted:
                break
            if p.t == "." and (toks[k - 1].low in rules.honorifics or len(toks[k - 1].t) == 1 and toks[k - 1].t.isupper() or toks[k - 1].low in rules.titles) and k + 1 < hi and _is_cap(toks[k + 1].t):
                k += 1
                continue
            if p.t in ("/", "-") and k + 1 < hi and toks[k - 1].e == p.s and toks[k + 1].s == p.e and _is_word(toks[k + 1].t):
                k += 2  # "9/11 widow Terry Strada": one word written with a slash or hyphen
                continue
            if not _is_word(p.t):
                break
            if p.low in rules.boundaries:
                if p.low == "of" and k + 1 < hi and _is_cap(toks[k + 1].t):
                    k += 1
                    continue
                if p.low in rules.coordinators and self._shared_head(i, k, hi):
                    k += 1  # "South Korean and Chinese broadcasters": one source
                    continue
                break
            if p.low in rules.forms and not _is_cap(p.t):
                break
            k += 1
        # the name inside: "Rep. Jerry Nadler" -> keep; "the daily" -> keep
        a, b = i, k
        caps = [x for x in range(a, b) if _is_cap(toks[x].t)]
        if caps and toks[a].low in rules.titles and any(toks[x].low not in rules.titles for x in caps):
            a2 = a
            while a2 < b and (toks[a2].low in rules.titles or toks[a2].t == "."):
                a2 += 1
            if a2 < b:
                a = a2
        return (a, b)

    def _shared_head(self, i: int, k: int, hi: int) -> bool:
        """Whether the coordinator at token k joins two modifiers of one head noun: the words
        before it (from i) are all capitalised ("South Korean", "U.S."), and after it come
        capitalised words and then a lower-case noun ("Chinese broadcasters"). Two names
        ("Weller and Brandt") or a name and a phrase ("Reuters and the AP") are not joined."""
        rules = self.rules
        toks = self.toks
        if not all(_is_cap(toks[x].t) or toks[x].t == "." for x in range(i, k)):
            return False
        m = k + 1
        while m < hi and (_is_cap(toks[m].t) or toks[m].t == ".") and not toks[m].quoted:
            m += 1
        if m == k + 1 or m >= hi:
            return False
        head = toks[m]
        return _is_word(head.t) and not head.quoted and head.t.islower() and head.low not in rules.boundaries and head.low not in rules.forms and head.low not in rules.determiners

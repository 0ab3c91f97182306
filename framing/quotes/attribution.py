"""Whose cue it is: the subject before a cue, the inverted one after it, the subject a
participle or a second verb borrows ("..., saying"), appositives and named tails."""

from __future__ import annotations

import bisect
import re

from ..types import SPEECH_CLASSES
from .tokens import _Cue, _Tok, _is_cap, _is_word


class _CueAttribution:
    """The speaker of each cue of ``_Para`` (mixed into it)."""

    def _attribute(self, cue: _Cue) -> None:
        """Find the speaker of a cue: subject before, inverted after, or (phrases) after."""
        rules = self.rules
        toks = self.toks
        sa, sb = self.sent_bounds(cue.i)
        if cue.lemma in rules.quote_only:
            nxt = self._skip_fwd(cue.j)
            after_q = cue.i > 0 and (toks[cue.i - 1].quoted or toks[cue.i - 1].t == "," and cue.i > 1 and toks[cue.i - 2].quoted)
            if not after_q and nxt < len(toks) and _is_word(toks[nxt].t) and toks[nxt].low != "that" and not toks[nxt].quoted and not self._named_tail(cue, sb):
                return  # "adds complexity", "continued to hold": not reporting anything
        if cue.phrase:
            cue.speaker = self._np_fwd(cue.j, sb)
            cue.inverted = True
            return
        ing = toks[cue.j - 1].low.endswith("ing") or toks[cue.i].low.endswith("ing")
        prev = cue.i - 1
        lo = sa
        # a quote closing right before the cue bounds the search
        qk = bisect.bisect_right(self.qends, toks[cue.i].s)
        for a, b in self.qspans[max(0, qk - 1) : qk]:
            if b <= toks[cue.i].s and b > (toks[lo].s if lo < len(toks) else 0):
                qa = self.tok_at(a)
                if qa <= sa or toks[qa - 1].t in (",", ":", ";", "(", "—") or toks[qa - 1].low in self.rules.forms:
                    lo = max(lo, self.tok_at(b))
        # Inverted: "…," said X / …, says the daily.
        after_quote = prev >= 0 and (toks[prev].quoted or toks[prev].t in ('"', "'", "''"))
        if not ing and not after_quote and prev >= lo and toks[prev].t == ",":
            named = self._appositive(prev, lo)
            if named is not None and all(_is_cap(toks[x].t) or toks[x].t == "." for x in range(*named)) and (named[1] == prev or toks[named[1]].low in ("who", "whose")):
                cue.speaker = named  # ", Steve Mnuchin, told The Washington Post"; "Ruiz, 59, who …, said"
                return
        if not ing and (prev < lo or after_quote or toks[prev].t == "," and cue.lemma not in rules.addressee):
            np = self._np_fwd(cue.j, sb)
            if np is not None:
                after = np[1]
                head = toks[np[0]]
                end_ok = after >= sb or toks[after].t in (",", ".", ";", ":", "!", "?", "—", "-", "(")
                if prev >= 0 and toks[prev].quoted:  # "…," said Edward Alden of the Council …
                    end_ok = end_ok or _is_cap(head.t) or head.low in rules.determiners
                if end_ok and (head.low not in rules.boundaries or head.low in rules.determiners):
                    cue.speaker, cue.inverted = np, True
                    return
        if ing and (prev < lo or toks[prev].t in (",", "—", "(") or toks[prev].low in rules.participle_intro):
            return  # a participle: borrows later
        if prev >= lo and toks[prev].low in ("and", "but", "or", "then"):
            return  # "… and called Clinton the Devil": the subject of the first verb (borrowed later)
        j = self._skip_between(prev, lo)
        if j >= lo and toks[j].low == "to" and toks[cue.i].low == cue.lemma.split()[0]:
            # "went on to say", "wants to tell": the subject of the verb chain
            j2 = j - 1
            n = 0
            while j2 >= lo and n < 3 and _is_word(toks[j2].t) and toks[j2].t.islower() and toks[j2].low not in rules.pronoun_set:
                j2 -= 1
                n += 1
            j2 = self._skip_between(j2, lo)
            if n and j2 >= lo:
                np = self._np_back(j2, lo)
                if np is not None and (_is_cap(toks[np[1] - 1].t) or np[1] - np[0] == 1 and toks[np[0]].low in rules.pronoun_set):
                    cue.speaker = np
            return
        if j < lo:
            return
        if j < prev and toks[j + 1].low in ("be", "been", "being", "was", "were", "is", "are") and not toks[cue.i].low.endswith("ing") and toks[cue.i].low != cue.lemma.split()[0]:
            if cue.cls in SPEECH_CLASSES and not any(toks[cue.i].low.startswith(p.split()[0]) for p in rules.passive_quoted):
                return  # passive: "should be charged", "Shelby, who shot him, was charged"
        if toks[j].t == ",":
            cue.speaker = self._appositive(j, lo)
            return
        np = self._np_back(j, lo)
        if np is None and j - 1 > lo and toks[j].low in rules.standalone and toks[j - 1].low in rules.subject_prepositions:
            np = self._subject_before_preposition((j, j + 1), lo, sa)  # "the mother of three replied"
        rel = next((x for x in range(j, max(lo, j - 10) - 1, -1) if toks[x].low == "who" and not toks[x].quoted), None)
        if rel is not None and rel > lo and rel < j and all(_is_word(toks[x].t) for x in range(rel + 1, j + 1)) and not self.cues_between(rel + 1, j + 1):
            # "Voters who came early said …": the phrase the relative clause restricts
            np = self._np_back(rel - 1, lo) or np
        if np is None and j == prev and not ing:
            # a relative clause with no "who": "all the experts I interviewed said", "the
            # officials we spoke to said": the phrase before the clause's pronoun subject
            for x in range(j - 1, max(lo, j - 3) - 1, -1):
                if toks[x].low in rules.pronoun_set and not toks[x].quoted:
                    if x > lo and self._verb_like(toks[x + 1]) and all(_is_word(toks[y].t) and toks[y].t.islower() for y in range(x + 1, j + 1)):
                        head = self._np_back(x - 1, lo)
                        if head is not None and toks[head[1] - 1].t.islower() and toks[head[1] - 1].low not in rules.pronoun_set:
                            np = head
                    break
        form = toks[cue.i].low
        head_form = form.split()[0] if form else form
        noun_like = head_form == cue.lemma.split()[0] or (head_form.endswith("s") and not head_form.endswith("ss") and rules.forms.get(head_form, ("", ""))[0] != head_form)
        if np is not None and noun_like and j == prev:
            h = toks[np[1] - 1]
            det_led = toks[np[0]].low in rules.determiners or toks[np[0]].low.endswith("'s")  # "Clinton's team says"
            if not (_is_cap(h.t) or h.low in rules.pronoun_set or det_led or head_form == cue.lemma.split()[0]):
                np = None  # "voter fraud claims", "diverse states": a noun, not a verb
            elif cue.j < len(toks) and toks[cue.j].t == "," and head_form != cue.lemma.split()[0] and not det_led and not _is_cap(h.t) and h.low not in rules.pronoun_set:
                np = None  # "Despite the ongoing challenges, …"
        if np is not None and ing and toks[np[0]].low in ("a", "an"):
            return  # "issued a statement saying": the object, not the speaker (borrowed later)
        if np is not None and ing and cue.cls in SPEECH_CLASSES:
            head = np
            while head is not None and head[0] - 2 >= lo and toks[head[0] - 1].low == "of":
                head = self._np_back(head[0] - 2, lo)  # "the board of elections": the board's preposition
            if head is not None and head[0] - 1 >= lo and toks[head[0] - 1].low in self.rules.place_prepositions:
                return  # "gave a statement to the board on Monday saying": not the board (borrowed later)
        if ing and prev >= 0 and toks[prev].quoted:
            return
        if np is not None and toks[cue.i].low == cue.lemma.split()[0] and j == prev:
            # a base form ("say", "show") needs a plural or I/we/they/you subject: "the state visit" is no cue
            head = toks[np[1] - 1].low
            singular = toks[np[0]].low in ("a", "an", "this", "his", "her", "its", "that", "another", "each", "every")
            plural = self._is_plural(head)
            if singular and not plural or not (head in ("i", "we", "they", "you", "who") or plural or toks[np[0]].low in ("both", "many", "some", "several", "most")):
                np = self._plural_before_preposition(np, lo)  # "advisers to Mr. Obama say"
        if np is not None:
            np = self._subject_before_preposition(np, lo, sa) or np
        cue.speaker = np

    def _subject_before_preposition(self, np: tuple[int, int], lo: int, sa: int) -> tuple[int, int] | None:
        """When the phrase right before a cue is the object of a preposition (grammar
        subject_prepositions), the subject is the common noun phrase it hangs on: "the mayor
        of Halvik said" and "residents of the town said" (the whole as the mention, as a
        description of the speaker), "protesters marching through the streets chanted" (the
        noun before the participle). A place or an organisation after the preposition is not
        the speaker. None when no such phrase (a name before the preposition is left alone:
        "Ana Berg in Vienna said" is too rare in news to read)."""
        toks = self.toks
        rules = self.rules
        p = np[0] - 1
        if p - 1 < lo or toks[p].quoted or toks[p].low not in rules.subject_prepositions:
            return None
        q = p - 1
        participle = toks[q].t.islower() and _is_word(toks[q].t) and (toks[q].low.endswith("ing") or toks[q].low.endswith("ed") or toks[q].low in rules.past_forms)
        if participle:
            q -= 1
        if q < lo:
            return None
        head = self._np_back(q, lo)
        if head is None or head[1] != q + 1:
            return None
        h = toks[head[1] - 1]
        if h.low in rules.pronoun_set or h.low in rules.determiners:
            return None
        # a common noun: lower case, or a title ("The Governor of California"), or capitalised
        # only as the sentence's first word ("Residents of the town")
        common = h.t.islower() or h.low in rules.titles or head == (sa, sa + 1)
        plural = self._is_plural(h.low)
        led = toks[head[0]].low in rules.determiners
        if not common or not (plural or led or h.low in rules.titles):
            return None
        return head if participle else (head[0], np[1])

    def _plural_before_preposition(self, np: tuple[int, int], lo: int) -> tuple[int, int] | None:
        """The subject of a base-form verb when the phrase right before it is the object of a
        preposition: a plural noun phrase before that preposition ("advisers to Mr. Obama
        say", "experts on North Korea say"), the whole as the mention; else None."""
        toks = self.toks
        p = np[0] - 1
        if p - 1 < lo or toks[p].low not in self.rules.boundaries or toks[p].low in self.rules.determiners or toks[p].quoted:
            return None
        head = self._np_back(p - 1, lo)
        if head is None:
            return None
        if not self._is_plural(toks[head[1] - 1].low, listed=False) or _is_cap(toks[head[1] - 1].t):
            return None
        return (head[0], np[1])

    def _is_plural(self, word: str, *, listed: bool = True) -> bool:
        """A plural noun by its ending ("advisers", not "boss" or "Lee's"), or (``listed``) one
        of the lexicon's plural nouns with none ("police", "people"). ``_plural_before_preposition``
        reads only the ending, as it did before the list existed (with the list, one PolNeAR
        dev attribution went to the wrong phrase)."""
        return word.endswith("s") and not word.endswith(("'s", "ss")) or listed and word in self.rules.plural_nouns

    def _reports_clause(self, cue: _Cue) -> bool:
        """Whether the cue can introduce reported speech: any verb but a quote-only one, which
        needs "that" after it ("he added that …") or to stand inverted after its content
        ("…, adds Jane Roe."); "added 5,000 jobs" and "continued to hold" report nothing."""
        if cue.lemma not in self.rules.quote_only or cue.inverted:
            return True
        nxt = self._skip_fwd(cue.j)
        return nxt < len(self.toks) and self.toks[nxt].low == "that"

    def _named_tail(self, cue: _Cue, sb: int) -> bool:
        """``…, adds psychologist Jane Roe.``: after a comma, the cue and then a capitalised
        or determiner-led noun phrase that ends the sentence (an inverted attribution, which
        even a quote-only verb such as "add" can make)."""
        toks = self.toks
        if cue.i == 0 or toks[cue.i - 1].t != ",":
            return False
        np = self._np_fwd(cue.j, sb)
        if np is None or np[1] < sb and toks[np[1]].t not in (".", "!", "?"):
            return False
        return _is_cap(toks[np[1] - 1].t) or toks[np[0]].low in self.rules.determiners

    def _appositive(self, comma: int, lo: int) -> tuple[int, int] | None:
        """X, an adviser, said / Professor at Y, X, said / X, who …, said."""
        rules = self.rules
        toks = self.toks
        k = comma - 1
        while k >= lo and comma - k <= 60 and (toks[k].quoted or toks[k].t != "," and toks[k].t not in (";", ":", "(", ")")):
            k -= 1
        seg = (k + 1, comma)
        if seg[0] >= seg[1] or comma - k > 40:
            return None
        names = [toks[x] for x in range(*seg) if not toks[x].quoted]
        name_like = all(_is_cap(t.t) or t.t == "." or t.low in ("de", "van", "von", "bin") for t in names) and len(names) <= 6
        if name_like and k >= lo and toks[k].t == ",":
            return self._name_part(*seg)
        if k >= lo and toks[k].t == ",":
            first = toks[seg[0]]
            # the segment before the appositive must end in a noun phrase
            np = self._np_back(k - 1, lo)
            if np is not None and (first.low in rules.determiners or first.low in ("who", "which", "whose") or not _is_cap(first.t) or first.low.endswith("'s") or _is_cap(toks[np[1] - 1].t)):
                return np
        # "Rawlings, 59, of Ashton, Md., who watched …, said": read without its name tags the
        # name stands right before "who"
        rel = next((x for x in range(seg[0] + 1, seg[1]) if toks[x].low in ("who", "whose") and not toks[x].quoted), None)
        if rel is not None and _is_cap(toks[rel - 1].t) and toks[rel - 1].e < toks[rel].s - 1:
            return self._np_back(rel - 1, max(lo, seg[0]))
        return None

    def _borrow(self, cue: _Cue) -> None:
        """A participle cue takes the speaker of another attribution in its sentence."""
        sent = self.toks[cue.i].sent
        depth = self.depth
        sa_, sb_ = self.sent_bounds(cue.i)
        near = self.cues_between(max(sa_, cue.i - 80), min(sb_, cue.i + 80))
        before = [c for c in near if c is not cue and c.speaker is not None and not c.borrowed and self.toks[c.i].sent == sent and c.i < cue.i and depth[c.i] == depth[cue.i]]
        after = [c for c in near if c is not cue and c.speaker is not None and not c.borrowed and self.toks[c.i].sent == sent and c.i > cue.i and depth[c.i] == depth[cue.i]]
        # A participle's subject is the main clause's (subject control of adjunct clauses,
        # Quirk et al. 1985, 15.59): a later attribution lends its speaker only to a
        # participle that opens the sentence ("Speaking on Monday, X said") or whose speaker
        # comes first ("X, speaking on Monday, said"); "X moved on Sunday, urging voters …,
        # even as Y said …" is X's.
        opens = all(t.low in self.rules.participle_intro or t.low.endswith("ly") for t in self.toks[sa_ : cue.i])
        after = [c for c in after if opens or c.speaker[0] < cue.i]
        # A cue whose subject is a clause word ("an architect who said ...") sits in a
        # relative clause, which controls no participle of the main clause: "Trump ... an
        # architect who said ..., saying ..." is Trump's.
        before = [c for c in before if not (c.speaker[1] - c.speaker[0] == 1 and self.toks[c.speaker[0]].low in self.rules.boundaries and self.toks[c.speaker[0]].low in self.rules.pronoun_set)]
        lender = before[0] if before else after[0] if after else None
        if lender is not None:
            cue.speaker, cue.borrowed = lender.speaker, True
            return
        # the sentence's subject: "The minister highlighted …, urging the president to …",
        # after an opening adjunct: "During the session, she reignited …, reiterating …",
        # "Speaking in Tallinn, Estonia, at a rally, Jones lit into …, vowing …". The adjunct
        # may hold commas of its own, so each comma is tried until a subject follows it.
        sa, _ = self.sent_bounds(cue.i)
        subject = self._object_verb_subject(cue, sa) or self._main_subject(sa, cue.i)
        if subject is not None:
            cue.speaker, cue.borrowed = subject, True

    def _main_subject(self, sa: int, end: int) -> tuple[int, int] | None:
        """The subject of the main clause of the sentence at token ``sa``, whose verb comes
        before token ``end``; after an opening adjunct ("During the session, she …",
        "Speaking in Tallinn, Estonia, at a rally, Jones …") each comma is tried until a
        subject follows it, since the adjunct may hold commas of its own."""
        subject = None
        if sa < end and self._opens_with_adjunct(sa):
            commas = (k for k in range(sa + 1, end) if self.toks[k].t == "," and not self.toks[k].quoted)
            subject = next((s for s in (self._sentence_subject(k + 1, end) for k in commas) if s is not None), None)
        return subject or self._sentence_subject(sa, end)

    def _object_verb_subject(self, cue: _Cue, sa: int) -> tuple[int, int] | None:
        """A participle right after an object describes the object ("issued a statement
        saying …", "delivered a speech blaming …", "gave a statement to the board on Monday
        saying …"); its speaker is the subject of the verb that took the object, in the
        clause that verb opens ("… grew so loud that the embassy issued …", "where she
        delivered …"). None when a comma comes first or no such clause is found."""
        toks = self.toks
        if cue.i - 1 <= sa or not _is_word(toks[cue.i - 1].t):
            return None
        verb = next((k for k in range(cue.i - 1, max(sa, cue.i - 16), -1) if toks[k].quoted or not _is_word(toks[k].t) or self._verb_like(toks[k])), None)
        if verb is None or toks[verb].quoted or not _is_word(toks[verb].t) or toks[verb + 1].low not in self.rules.determiners:
            return None
        opener = next((k for k in range(verb - 1, sa - 1, -1) if toks[k].low in self.rules.clause_openers and not toks[k].quoted), None)
        if opener is None:
            return None
        return self._sentence_subject(opener + 1, verb + 1)

    def _opens_with_adjunct(self, sa: int) -> bool:
        """Whether the sentence at token ``sa`` opens with an adverbial before its subject:
        a preposition or time word ("During the session, …", "Yesterday, …") or a participle
        clause ("Looking out at the crowd, …", "Asked about the talks, …"): an -ing or -ed
        form followed by a lower-case word that is no verb ("Vienna urged" is a subject)."""
        toks = self.toks
        t = toks[sa]
        if t.low in self.rules.boundaries or t.low in self.rules.time_words:
            return True
        if len(t.low) < 5 or not t.low.endswith(("ing", "ed")) or sa + 1 >= len(toks):
            return False
        n = toks[sa + 1]
        return n.t.islower() and _is_word(n.t) and n.low not in self.rules.between and not self._verb_like(n)

    def _sentence_subject(self, sa: int, end: int) -> tuple[int, int] | None:
        """The subject at token ``sa`` of a clause whose verb comes before token ``end``: a
        pronoun, a name ("Ilse Brandt met …", "Smith and Jones cast …": the last name, as
        "Smith and Jones said" gives) or a phrase ("the minister highlighted …")."""
        toks = self.toks
        rules = self.rules
        t = toks[sa] if sa < len(toks) else None
        if t is None or t.quoted or sa >= end:
            return None
        if t.low in rules.pronoun_set:
            return (sa, sa + 1)
        if not (_is_cap(t.t) or t.low in rules.determiners) or t.low in rules.boundaries:
            return None
        named = self._is_name_start(sa)
        start = k = sa
        while k + 1 < end and k - start < 6:
            n = toks[k + 1]
            if n.quoted or not _is_word(n.t) and n.t != ".":
                break
            if named and n.low in rules.coordinators and k + 2 < end and _is_cap(toks[k + 2].t):
                start = k = k + 2
                continue
            if n.low in rules.boundaries or n.low in rules.between or self._verb_like(n) and not (k == start and t.low in rules.determiners):
                break  # (after a determiner, "-ed" is an adjective: "The registered voter")
            if toks[k].low.endswith("'s"):
                named = False  # a possessive opens a phrase: "Trump's campaign manager Kellyanne Conway did"
            if named and n.t.islower() and (n.low.endswith("ly") or not (k + 2 < end and self._verb_like(toks[k + 2]))):
                break  # a name ends at its first lower-case word, its verb ("Jones cast …") or an adverb ("Jones mostly read …")
            k += 1
        n = toks[k + 1] if k + 1 < end else None
        if n is not None and n.t == "," and (named or _is_cap(toks[k].t) or toks[start].low in rules.determiners):
            # an aside after the subject: "Donald Trump, despite making an effort …, deviated …",
            # "The registered voter, who was threatened …, gave …"
            close = next((x for x in range(k + 2, min(end, k + 30)) if toks[x].t == "," and not toks[x].quoted), None)
            if close is not None and close + 1 < end and (toks[close + 1].low in rules.between or self._verb_like(toks[close + 1])):
                return self._name_part(start, k + 1)
            return None
        if n is None or not n.t.islower() or not _is_word(n.t):
            return None
        if n.low in rules.between or self._verb_like(n) or n.low.endswith("s") or named and n.low not in rules.boundaries:
            return self._name_part(start, k + 1)
        return None

    def _verb_like(self, tok: _Tok) -> bool:
        """A word that is a verb by its form: a cue verb's form, or in lower case "-ed" or
        an irregular past tense from the lexicon ("met", "spoke")."""
        return tok.low in self.rules.forms or tok.t.islower() and (tok.low.endswith("ed") or tok.low in self.rules.past_forms)

    def _is_name_start(self, i: int) -> bool:
        """Whether the capitalised word at token i, which may only be capitalised because it
        opens the sentence, starts a name: an honorific, a title before a capitalised word
        ("Senator Brandt"), or a word this article never writes in lower case ("Officials
        met" and "First ladies met" are not names when "officials" and "first" occur).
        The document-centred test of Mikheev (2002, Computational Linguistics 28(3))."""
        t = self.toks[i]
        if not _is_cap(t.t) or t.low in self.rules.determiners:
            return False
        if t.low in self.rules.honorifics or t.low in self.rules.titles and i + 1 < len(self.toks) and _is_cap(self.toks[i + 1].t):
            return True
        return re.search(rf"(?<![\w'-]){re.escape(t.low)}(?![\w'-])", self.copy) is None

"""Score framing against hand-coded sheets, and the coders against each other.

Per field and coder (and, with two or more coders, their majority):
- the first field ("is it a quote / a mention / about the topic"): **precision**, the share
  of framing's items the coder confirms; for tone, **accuracy**, the share where the coder
  gives framing's label;
- the other fields (speaker, kind, channel, actor): **accuracy** among the items the coder
  confirmed, framing's value against the coder's (names compared by ``actors.name_key``:
  case, spacing, accents and punctuation aside);
- for quotes, **recall within the sampled contexts**: confirmed quotes / (confirmed + the
  quotes the coder added as missed). It counts only what a coder saw: the paragraphs around
  quotes framing found, so it is an upper bound on recall over all text.
Each share has a 95% Wilson interval, overall, by outlet and by kind (the sample's strata).

Agreement, per field, over the items both (or all) coded: Krippendorff's alpha (nominal)
across all coders, Cohen's kappa for each pair of coders and of each coder with framing,
and the raw share agreeing. Framing's first field is always "yes", so a kappa of a coder
with framing on it is undefined (chance agreement equals observed); its precision says it.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..actors import name_key
from ..errors import FramingError
from ..measures.intervals import wilson
from .agreement import cohen_kappa, krippendorff_alpha
from .items import FIELDS, CodedItem, CodedSheet

MAJORITY = "majority"
FRAMING = "framing"
NONE = "(none)"  # "no speaker", "no channel": a value to agree on, not a missing one
FREE_TEXT_FIELDS = frozenset(f.name for fields in FIELDS.values() for f in fields if not f.choices)


@dataclass(frozen=True, slots=True)
class Share:
    """One row of validation.csv: a share with its Wilson interval."""

    what: str
    field: str
    statistic: str  # precision | accuracy | recall
    coder: str
    group: str  # all | outlet | kind
    value: str  # the outlet or kind; "" for all
    agree: int
    n: int

    @property
    def estimate(self) -> float:
        return self.agree / self.n if self.n else 0.0

    def row(self) -> dict[str, Any]:
        low, high = wilson(self.agree, self.n)
        return {"what": self.what, "field": self.field, "statistic": self.statistic, "coder": self.coder, "group": self.group, "value": self.value,
                "agree": self.agree, "n": self.n, "estimate": round(self.estimate, 4), "ci_low": round(low, 4), "ci_high": round(high, 4)}


@dataclass(frozen=True, slots=True)
class Agreement:
    """One row of agreement.csv."""

    what: str
    field: str
    between: str  # "ana ~ ben", "ana ~ framing", or "all coders"
    statistic: str  # krippendorff_alpha | cohen_kappa | percent_agreement
    value: float | None
    units: int

    def row(self) -> dict[str, Any]:
        return {"what": self.what, "field": self.field, "between": self.between, "statistic": self.statistic,
                "value": None if self.value is None else round(self.value, 4), "units": self.units}


VALIDATION_COLUMNS = ("what", "field", "statistic", "coder", "group", "value", "agree", "n", "estimate", "ci_low", "ci_high")
AGREEMENT_COLUMNS = ("what", "field", "between", "statistic", "value", "units")


@dataclass(frozen=True, slots=True)
class Scores:
    what: str
    coders: tuple[str, ...]
    items: int  # items coded by at least one coder
    shares: tuple[Share, ...]
    agreements: tuple[Agreement, ...]
    sources: tuple[tuple[str, str, str], ...]  # (file, coder, sha256)

    def headline(self, statistic: str, field: str, coder: str | None = None, group: tuple[str, str] = ("all", "")) -> Share | None:
        """The overall share of ``field`` for ``coder`` (the majority when several coded)."""
        coder = coder or (MAJORITY if len(self.coders) > 1 else self.coders[0])
        return next((s for s in self.shares if s.field == field and s.statistic == statistic and s.coder == coder and (s.group, s.value) == group), None)


def _normal(field: str, value: str) -> str:
    return name_key(value) if field in FREE_TEXT_FIELDS else value


def _checked(sheets: Sequence[CodedSheet]) -> str:
    if not sheets:
        raise FramingError("no coded sheet to score")
    kinds = sorted({s.what for s in sheets})
    if len(kinds) > 1:
        raise FramingError(f"the coded sheets code different kinds of items ({', '.join(kinds)}): score one kind at a time")
    coders = [s.coder for s in sheets]
    twice = sorted(c for c, n in Counter(coders).items() if n > 1)
    if twice:
        raise FramingError(f"coder {twice[0]!r} has more than one sheet: merge them, or name the coders apart (the \"coder\" of each file)")
    return kinds[0]


def score(sheets: Sequence[CodedSheet]) -> Scores:
    what = _checked(sheets)
    fields = FIELDS[what]
    coded: dict[str, dict[str, CodedItem]] = {s.coder: {c.id: c for c in s.items if c.coded} for s in sheets}
    coders = tuple(sorted(coded))
    items: dict[str, CodedItem] = {}
    for by_id in coded.values():
        for item_id, c in by_id.items():
            items.setdefault(item_id, c)
    judges = {c: coded[c] for c in coders}
    if len(coders) > 1:
        judges[MAJORITY] = _majority(coded, fields)
    shares: list[Share] = []
    for coder, by_id in judges.items():
        shares += _shares(what, coder, by_id, fields)
    if what == "quotes":
        for s in sheets:
            shares += _recall(what, s.coder, coded[s.coder], s.added)
    agreements = _agreements(what, coded, items, fields)
    return Scores(what, coders, len(items), tuple(shares), tuple(agreements), tuple((s.source, s.coder, s.sha256) for s in sheets))


def _majority(coded: dict[str, dict[str, CodedItem]], fields) -> dict[str, CodedItem]:
    """Per item, the value most coders gave to each field (a tie leaves the field out)."""
    from dataclasses import replace

    out: dict[str, CodedItem] = {}
    ids = sorted({i for by_id in coded.values() for i in by_id})
    for item_id in ids:
        versions = [by_id[item_id] for by_id in coded.values() if item_id in by_id]
        values: dict[str, str] = {}
        for f in fields:
            votes = Counter(_normal(f.name, v.coded[f.name]) for v in versions if f.name in v.coded)
            if not votes:
                continue
            (top, n), *rest = votes.most_common()
            if rest and rest[0][1] == n:
                continue
            # the first coder's own spelling of the winning value, among the coders who coded
            # the field (one who left it out cannot have spelled it, even when the value is "")
            values[f.name] = next(v.coded[f.name] for v in versions if f.name in v.coded and _normal(f.name, v.coded[f.name]) == top)
        if values:
            out[item_id] = replace(versions[0], coded=values)
    return out


GROUPS = ("all", "outlet", "kind", "counted")


def _groups(c: CodedItem) -> tuple[tuple[str, str], ...]:
    """The rows an item counts in: all, its outlet, its kind, and for quotes whether the
    microphone counts it (framing's "counted")."""
    counted = (("counted", c.framing["counted"]),) if "counted" in c.framing else ()
    return (("all", ""), ("outlet", c.outlet), ("kind", c.stratum), *counted)


def _shares(what: str, coder: str, by_id: dict[str, CodedItem], fields) -> list[Share]:
    first = fields[0]
    counts: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for c in by_id.values():
        confirmed = first.choices != ("yes", "no") or c.coded.get(first.name) == "yes"
        for f in fields:
            if f.name not in c.coded or (f is not first and (not confirmed or f.name not in c.framing)):
                continue
            statistic = "precision" if f is first and first.choices == ("yes", "no") else "accuracy"
            agree = _normal(f.name, c.coded[f.name]) == _normal(f.name, c.framing.get(f.name, ""))
            for group, value in _groups(c):
                cell = counts[(f.name, statistic, group, value)]
                cell[0] += agree
                cell[1] += 1
    order = {f.name: i for i, f in enumerate(fields)}
    return [Share(what, field, statistic, coder, group, value, a, n)
            for (field, statistic, group, value), (a, n) in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1], GROUPS.index(kv[0][2]), kv[0][3]))]


def _recall(what: str, coder: str, by_id: dict[str, CodedItem], added: Sequence[CodedItem]) -> list[Share]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    found = [c for c in by_id.values() if c.coded.get("is_quote") == "yes"]
    for c, hit in [*((c, True) for c in found), *((a, False) for a in added)]:
        kind = c.coded.get("kind", c.stratum) if hit else c.coded.get("kind", "")
        for group, value in (("all", ""), ("outlet", c.outlet), ("kind", kind)):
            cell = counts[(group, value)]
            cell[0] += hit
            cell[1] += 1
    return [Share(what, "is_quote", "recall", coder, group, value, a, n)
            for (group, value), (a, n) in sorted(counts.items(), key=lambda kv: (GROUPS.index(kv[0][0]), kv[0][1]))]


def _agreements(what: str, coded: dict[str, dict[str, CodedItem]], items: dict[str, CodedItem], fields) -> list[Agreement]:
    ids = sorted(items)
    out: list[Agreement] = []
    first = fields[0].name
    coders = sorted(coded)

    def values(coder: str, field: str) -> list[str | None]:
        """The coder's value per item; a later field only where the coder confirmed the item."""
        vals: list[str | None] = []
        for i in ids:
            c = coded[coder].get(i) if coder != FRAMING else items[i]
            answers = (c.framing if coder == FRAMING else c.coded) if c else {}
            ok = field == first or answers.get(first, "yes") == "yes"
            vals.append((_normal(field, answers[field]) or NONE) if ok and field in answers else None)
        return vals

    for f in fields:
        table = {c: values(c, f.name) for c in [*coders, FRAMING]}
        if len(coders) > 1:
            units = [[table[c][j] for c in coders] for j in range(len(ids))]
            pairable = sum(1 for u in units if sum(v is not None for v in u) >= 2)
            out.append(Agreement(what, f.name, "all coders", "krippendorff_alpha", krippendorff_alpha(units), pairable))
        for a, b in itertools.combinations([*coders, FRAMING], 2):
            both = [(x, y) for x, y in zip(table[a], table[b]) if x is not None and y is not None]
            between = f"{a} ~ {b}"
            out.append(Agreement(what, f.name, between, "percent_agreement", sum(x == y for x, y in both) / len(both) if both else None, len(both)))
            kappa = None if (b == FRAMING and f.name == first and fields[0].choices == ("yes", "no")) else cohen_kappa(table[a], table[b])
            out.append(Agreement(what, f.name, between, "cohen_kappa", kappa, len(both)))
    return out


FIRST_FIELD_FIGURE = {"quotes": "quote precision (the share of its quotes that are quotes)", "mentions": "mention precision",
                      "topics": "topic-term precision", "tone": "tone-label accuracy"}


def methods_paragraph(scores: Scores, corpus: str = "") -> str:
    """A short methods paragraph with the figures, for a paper's appendix."""
    what = scores.what
    first = FIELDS[what][0].name
    n_coders = len(scores.coders)
    who = f"{n_coders} coder{'s' if n_coders != 1 else ''} ({', '.join(scores.coders)})"
    parts = [f"To validate framing's {what} we hand-checked a stratified random sample (by outlet and kind) of {scores.items} items"
             + (f" from {corpus}" if corpus else "") + f", coded by {who}."]

    def share(s: Share | None, what_it_is: str) -> str:
        if s is None or not s.n:
            return ""
        low, high = wilson(s.agree, s.n)
        return f"{what_it_is} {s.estimate:.2f} (95% Wilson interval {low:.2f}-{high:.2f}, n = {s.n})"

    figures = []
    base = scores.headline("precision", first) or scores.headline("accuracy", first)
    figures.append(share(base, FIRST_FIELD_FIGURE[what]))
    if what == "quotes":
        coder = MAJORITY if n_coders > 1 else scores.coders[0]
        figures.append(share(scores.headline("precision", first, coder, ("counted", "yes")), "among the quotes the microphone counts, precision"))
    for f in FIELDS[what][1:]:
        figures.append(share(scores.headline("accuracy", f.name), f"{f.name} accuracy among confirmed items"))
    if what == "quotes":
        for coder in scores.coders:
            figures.append(share(scores.headline("recall", "is_quote", coder), "recall within the sampled paragraphs" + (f" ({coder})" if n_coders > 1 else "")))
    figures = [x for x in figures if x]
    judge = "the coders' majority" if n_coders > 1 else "the coder"
    if figures:
        parts.append(f"Against {judge}, framing reached " + "; ".join(figures) + ".")
    alphas = [a for a in scores.agreements if a.statistic == "krippendorff_alpha" and a.value is not None]
    if alphas:
        parts.append("Agreement between coders (Krippendorff's alpha, nominal): " + "; ".join(f"{a.field.replace('_', ' ')} {a.value:.2f} ({a.units} items)" for a in alphas) + ".")
    parts.append("Intervals are 95% Wilson score intervals; names are compared ignoring case, spacing, accents and punctuation"
                 + ("; recall counts only the quotes coders added in the paragraphs shown, so it overstates recall over whole articles." if what == "quotes" else "."))
    return " ".join(parts)

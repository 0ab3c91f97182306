"""Agreement statistics of hand-coding: Cohen's kappa for two coders, Krippendorff's alpha
(nominal) for any number of coders with missing values (a share's Wilson interval is
``measures.intervals.wilson``).

Pure functions over plain values; ``None`` or "" is a missing value (not coded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

def _present(value) -> bool:
    return value is not None and value != ""


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa (1960) over the units both coded; None when undefined (no shared unit,
    or chance agreement is 1: both always gave the same single value)."""
    if len(first) != len(second):
        raise ValueError("cohen_kappa: the two codings must cover the same units")
    pairs = [(a, b) for a, b in zip(first, second) if _present(a) and _present(b)]
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha for nominal data (Krippendorff 2004, ch. 11; Hayes & Krippendorff
    2007): ``units`` holds, per unit, the values the coders gave (missing values left out
    or None). Units with fewer than two values are not pairable and do not count. None when
    undefined (fewer than two pairable values, or a single value throughout)."""
    coincidence: Counter[tuple[Hashable, Hashable]] = Counter()
    for unit in units:
        values = [v for v in unit if _present(v)]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                coincidence[(c, k)] += pairs / (m - 1)
    marginals: Counter[Hashable] = Counter()
    for (c, _), o in coincidence.items():
        marginals[c] += o
    n = sum(marginals.values())
    if n < 2:
        return None
    disagreement = sum(o for (c, k), o in coincidence.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * disagreement / expected

"""Agreement statistics of hand-coding: Wilson score intervals for a share, Cohen's kappa for
two coders, Krippendorff's alpha (nominal) for any number of coders with missing values.

Pure functions over plain values; ``None`` or "" is a missing value (not coded).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``successes / n`` (Wilson 1927; Brown, Cai & DasGupta 2001
    recommend it over the normal interval for small n and shares near 0 or 1). ``n = 0``
    gives (0, 1): nothing is known."""
    if n <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= n:
        raise ValueError(f"wilson: {successes} successes out of {n}")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    if successes == n:  # the bounds are exact there; floating point would give 0.9999999999999999
        return max(0.0, centre - half), 1.0
    if successes == 0:
        return 0.0, min(1.0, centre + half)
    return max(0.0, centre - half), min(1.0, centre + half)


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

"""Means with honest uncertainty: a seeded percentile bootstrap (Efron & Tibshirani 1993),
Wilson score intervals for shares and exact intervals for counts, and the ``Estimate`` every aggregate table row reports (value, interval, n, and "not
enough text" below ``sentiment.MIN_SENTENCES`` observations)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import math
from functools import lru_cache
from typing import Any

import numpy as np

from ..sentiment import MIN_SENTENCES


#: Up to this many resampled positions (n values x n_boot), the resamples of a length are
#: drawn once and reused: a run asks for thousands of intervals over a few lengths (one per
#: article), and the draws depend only on (n, n_boot, seed), so they are the same draws.
_CACHED_RESAMPLES = 20_000


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


def poisson_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood 1936) interval of a Poisson count: a lexicon's hits in a text."""
    alpha = 1 - level
    low = 0.0 if count == 0 else _chi2_ppf(alpha / 2, 2 * count) / 2
    return low, _chi2_ppf(1 - alpha / 2, 2 * count + 2) / 2


def _chi2_ppf(q: float, df: int) -> float:
    """``scipy.stats.chi2.ppf(q, df)``, computed as it computes it (the same floats):
    importing scipy.stats takes a quarter of a second, scipy.special a small part of that."""
    from scipy.special import gammaincinv

    return float(2 * gammaincinv(df / 2, q))


@lru_cache(maxsize=128)
def _resamples(n: int, n_boot: int, seed: int) -> np.ndarray:
    """``n_boot`` rows of ``n`` positions drawn with replacement, as ``bootstrap_mean`` draws
    them in one batch (read-only: shared between calls)."""
    draws = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    draws.flags.writeable = False
    return draws


def bootstrap_mean(
    values: Sequence[float], *, n_boot: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """``(mean, ci_low, ci_high)`` by a seeded percentile bootstrap, rounded to 4 decimals.

    Deterministic for given values, ``n_boot`` and ``seed`` (numpy ``default_rng(seed)``).
    One value gives ``(v, v, v)``; no value raises ValueError, as does a non-finite value.
    The interval always contains the mean (a percentile interval that does not is clipped).
    """
    arr = np.asarray(list(values), dtype=float).ravel()
    if arr.size == 0:
        raise ValueError("bootstrap_mean needs at least one value")
    if not np.all(np.isfinite(arr)):
        raise ValueError("bootstrap_mean: values must be finite numbers")
    if not 0.0 < level < 1.0:
        raise ValueError(f"bootstrap_mean: level must be between 0 and 1, got {level}")
    if n_boot < 1:
        raise ValueError(f"bootstrap_mean: n_boot must be at least 1, got {n_boot}")
    mean = float(arr.mean())
    if arr.size == 1:
        m = round(mean, 4)
        return m, m, m
    n = arr.size
    if n * n_boot <= _CACHED_RESAMPLES:
        means = arr[_resamples(n, n_boot, seed)].mean(axis=1)
    else:
        rng = np.random.default_rng(seed)
        batch = max(1, min(n_boot, 2_000_000 // n))  # bound memory for long inputs
        means = np.empty(n_boot)
        for lo in range(0, n_boot, batch):
            hi = min(n_boot, lo + batch)
            means[lo:hi] = arr[rng.integers(0, n, size=(hi - lo, n))].mean(axis=1)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    low, high = min(float(low), mean), max(float(high), mean)
    return round(mean, 4), round(low, 4), round(high, 4)


@dataclass(frozen=True, slots=True)
class Estimate:
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    note: str = ""

    def row(self) -> dict[str, Any]:
        return {"value": self.value, "ci_low": self.ci_low, "ci_high": self.ci_high, "n": self.n, "note": self.note}


def estimate(values: Sequence[float], *, n_boot: int, seed: int, minimum: int = MIN_SENTENCES) -> Estimate:
    """The mean of ``values`` with a seeded percentile-bootstrap interval; withheld ("not
    enough text") below ``minimum`` observations."""
    if len(values) < minimum:
        return Estimate(None, None, None, len(values), "not enough text")
    if n_boot < 1:  # --bootstrap 0: point estimates only
        return Estimate(round(sum(values) / len(values), 4), None, None, len(values), "no bootstrap")
    mean, low, high = bootstrap_mean(values, n_boot=n_boot, seed=seed)
    return Estimate(mean, low, high, len(values))

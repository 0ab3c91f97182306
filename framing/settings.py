"""The settings of a run: how it draws, weighs and spreads its work, in one record.

Every random step (bootstrap intervals, noise floors, permutations, the classifier's folds,
the outlet map) is seeded from ``seed``; ``n_boot`` resamples make every interval, whether
it is drawn while comparing (``framing.compare``) or while writing a table
(``framing.measures.base.run_estimate``); both read this record, carried by the run's
``AnalysisResult``. ``jobs`` and ``scheduler`` say where articles are analysed; they never
change an output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    seed: int = 0
    n_boot: int = 200  # bootstrap resamples per interval; 0 gives point estimates only
    weights: tuple[tuple[str, float], ...] = ()  # feature block -> weight (default 1)
    jobs: int = 1  # processes analysing articles (joblib)
    scheduler: str | None = None  # a Dask scheduler ("tcp://host:port" or "local:N")
    duplicates: float = 0.8  # shared share of text from which two articles are copies of one story
    keep_copies: bool = False  # compare outlets with such copies in (by default one copy is left out)

    @classmethod
    def of(cls, *, weights: Mapping[str, float] | None = None, **fields) -> Settings:
        """Settings from keyword values, the block weights given as a mapping."""
        return cls(weights=tuple(sorted((weights or {}).items())), **fields)

    @property
    def block_weights(self) -> dict[str, float]:
        return dict(self.weights)

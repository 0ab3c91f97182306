"""Interpretable framing features, as transformers with scikit-learn's interface.

``framing.measures.units.article_features`` gives each article (or resample of its sentences) a
plain dict of named features; the transformers here turn those dicts into the matrix the
comparison uses.

Feature names are ``block:name``; blocks are

- ``quotes``: share of quotes per speaker (``quote_share:jake_tapper``), by speaker type,
  by channel type, by kind (direct / partial / reported / scare), by reporting-verb stance;
- ``tone``: article tone, headline tone, tone about and in the voice of each actor;
- ``topics``: hits per 1,000 body tokens of each topic lexicon.

``BlockVectorizer`` turns the dicts of one block into a matrix (fit learns the feature
names), and ``make_feature_union`` standardises each block and weights it
(``transformer_weights``), so each block's weight is visible and settable.

Nothing here imports scikit-learn: any part of it loads its whole base (scipy.stats among
it), about 0.4 s more than the rest of ``framing analyze seeds`` imports, and the
comparison needs it only where it fits the classifier. The transformers keep its contract
(``get_params``, ``clone``, ``NotFittedError``), so they still work in its pipelines;
``FeatureBlocks`` computes what a ``FeatureUnion`` of one ``Pipeline(select, scale)`` per
block computed, in the same operations, so the same bits.
"""

from __future__ import annotations

import inspect
import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from ..measures import feature_blocks

#: Which feature-name prefixes make up each block: each measure family declares its own.
BLOCKS: dict[str, tuple[str, ...]] = feature_blocks()


def _check_fitted(estimator, attribute: str) -> None:
    """scikit-learn's ``check_is_fitted``: its error, imported only when it is raised."""
    if not hasattr(estimator, attribute):
        from sklearn.exceptions import NotFittedError

        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator."
        )


class _Transformer:
    """What ``BaseEstimator`` and ``TransformerMixin`` give these transformers: parameters
    are the ``__init__`` arguments, stored under their names (none is an estimator, so
    ``deep`` changes nothing)."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        if cls.__init__ is object.__init__:  # no parameters (Standardise)
            return []
        return sorted(p.name for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self" and p.kind is not p.VAR_KEYWORD)

    def get_params(self, deep: bool = True) -> dict[str, object]:
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params):
        for name, value in params.items():
            if name not in self._get_param_names():
                raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}. Valid parameters are: {self._get_param_names()!r}.")
            setattr(self, name, value)
        return self

    def fit_transform(self, X, y=None) -> np.ndarray:
        return self.fit(X, y).transform(X)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def __sklearn_tags__(self):
        # Asked only by scikit-learn's own pipelines and checks, so it is imported already.
        from sklearn.utils import Tags, TargetTags, TransformerTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False), transformer_tags=TransformerTags())


class BlockVectorizer(_Transformer):
    """Select the features of one block from feature dicts and return them as a matrix.

    ``fit`` learns the sorted names of the block's features seen in the data, at most
    ``max_per_prefix`` of each prefix (those present in the most rows: the 30 most widely
    quoted speakers, not every name quoted once); a feature an article lacks (an actor it
    never quotes) is ``fill_value``.
    """

    def __init__(self, prefixes: tuple[str, ...] = (), fill_value: float = 0.0, max_per_prefix: int = 30):
        self.prefixes = prefixes
        self.fill_value = fill_value
        self.max_per_prefix = max_per_prefix

    def _keep(self, name: str) -> bool:
        return name.split(":", 1)[0] in self.prefixes

    def fit(self, X: Sequence[Mapping[str, float]], y=None):
        df = Counter(itertools.chain.from_iterable(X))  # each name once per row
        df = Counter({k: n for k, n in df.items() if self._keep(k)})
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for name in sorted(df, key=lambda k: (-df[k], k)):
            by_prefix[name.split(":", 1)[0]].append(name)
        names = sorted(n for group in by_prefix.values() for n in group[: self.max_per_prefix])
        self.feature_names_ = np.asarray(names, dtype=object)
        self.n_features_in_ = len(names)
        return self

    def transform(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        _check_fitted(self, "feature_names_")
        out = np.full((len(X), len(self.feature_names_)), float(self.fill_value))
        index = {name: j for j, name in enumerate(self.feature_names_)}
        for i, row in enumerate(X):
            for name, value in row.items():
                j = index.get(name)
                if j is not None:
                    out[i, j] = value
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        _check_fitted(self, "feature_names_")
        return self.feature_names_.copy()


class Standardise(_Transformer):
    """Centre and scale each column to unit variance, like ``StandardScaler``, but a block
    with no columns (no quotes anywhere in the corpus) passes through as an empty matrix."""

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.n_features_in_ = X.shape[1]
        self.mean_ = X.mean(axis=0) if len(X) else np.zeros(X.shape[1])
        scale = X.std(axis=0) if len(X) else np.ones(X.shape[1])
        self.scale_ = np.where(scale > 0, scale, 1.0)  # a constant column stays 0, as in StandardScaler
        return self

    def transform(self, X) -> np.ndarray:
        _check_fitted(self, "mean_")
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        _check_fitted(self, "mean_")
        return np.asarray(input_features if input_features is not None else [f"x{i}" for i in range(self.n_features_in_)], dtype=object)


class FeatureBlocks:
    """Each block's columns selected (``BlockVectorizer``), standardised (``Standardise``) and
    multiplied by the block's weight, the blocks side by side in ``BLOCKS`` order: the
    matrix a ``FeatureUnion`` of one ``Pipeline`` per block made, named as it named them
    (``block__feature``)."""

    def __init__(self, blocks: Sequence[tuple[str, BlockVectorizer, Standardise]], transformer_weights: Mapping[str, float]):
        self.blocks = list(blocks)
        self.transformer_weights = dict(transformer_weights)

    def fit_transform(self, X: Sequence[Mapping[str, float]], y=None) -> np.ndarray:
        return np.hstack([scale.fit_transform(select.fit_transform(X)) * self.transformer_weights[name] for name, select, scale in self.blocks])

    def transform(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        return np.hstack([scale.transform(select.transform(X)) * self.transformer_weights[name] for name, select, scale in self.blocks])

    def selected(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The same columns before standardising and weighting."""
        return np.hstack([select.transform(X) for _, select, _ in self.blocks])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray([f"{name}__{feature}" for name, select, _ in self.blocks for feature in select.get_feature_names_out()], dtype=object)


def make_feature_union(weights: Mapping[str, float] | None = None) -> FeatureBlocks:
    """One standardised, weighted block per entry of ``BLOCKS`` (weights default to 1)."""
    weights = {name: 1.0 for name in BLOCKS} | dict(weights or {})
    unknown = set(weights) - set(BLOCKS)
    if unknown:
        raise ValueError(f"unknown feature block(s): {', '.join(sorted(unknown))} (blocks: {', '.join(BLOCKS)})")
    return FeatureBlocks([(name, BlockVectorizer(prefixes), Standardise()) for name, prefixes in BLOCKS.items()], transformer_weights=weights)

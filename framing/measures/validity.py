"""How far the tone measures can be trusted: their agreement with human labels, as measured
by ``benchmarks/validity.py`` and shipped in ``framing/data/validity.json`` (a test
recomputes it when the benchmark data is there).

``tone_validity()`` gives the sentences the report prints beside the tone charts and the
codebook prints under the tone tables; they say in words when agreement is low.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["figures", "about_validity", "article_tone_validity", "voice_validity"]

#: Below this rank correlation with human judgement a measure is called weak in words.
WEAK_CORRELATION = 0.3


@lru_cache(maxsize=1)
def figures() -> dict[str, Any]:
    """The shipped figures (see benchmarks/validity.py for each one's data and method)."""
    return json.loads(resources.files("framing").joinpath("data").joinpath("validity.json").read_text(encoding="utf-8"))


def about_validity() -> str:
    """How far the "about" tone toward an actor can be trusted, in two sentences."""
    f = figures()
    m, fe, t = f["newsmtsc"]["tone_toward"], f["basil_feelings"], f["basil_targets"]
    sentence = (
        f"How far to trust it: sentence by sentence, the target-aware tone agrees with human labels of the tone toward a person "
        f"at macro-F1 {m['macro_f1']:.2f} (accuracy {m['accuracy']:.2f}; VADER on the whole sentence: {f['newsmtsc']['sentence_vader']['macro_f1']:.2f}) "
        f"on NewsMTSC test, and gets the sign of {t['tone_toward']:.0%} of annotated judgements of a named person right on basil-dev "
        f"(sentence VADER {t['sentence_vader']:.0%})."
    )
    rho = fe["about"]["spearman"]
    article = (
        f" Summed up per article it tracks annotators' judgement of how the article treats the person only weakly "
        f"(Spearman {rho:.2f} on basil-dev, {fe['n']} article × person pairs; the article's plain mean tone: {fe['article_vader']['spearman']:.2f}): "
        "read a difference between outlets as a difference in the words around the person, not as a verdict on how the outlet treats them."
        if rho < WEAK_CORRELATION else
        f" Per article it tracks annotators' judgement of how the article treats the person at Spearman {rho:.2f} on basil-dev."
    )
    return sentence + article


def voice_validity() -> str:
    return ("\"voice\" is VADER on the actor's own quoted words: how they speak, not how they are treated; "
            "it has not been checked against human labels of quotes.")


def article_tone_validity() -> str:
    f = figures()
    rho = f["basil_feelings"]["article_vader"]["spearman"]
    return (f"How far to trust it: article tone is the mean VADER compound of body sentences, not aimed at anyone; on basil-dev it "
            f"correlates with annotators' judgement of how an article treats its main people at Spearman {rho:.2f} only.")

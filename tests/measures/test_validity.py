"""The tone measures' agreement with human labels, as shipped in framing/data/validity.json
and shown in the report and the codebook, is what benchmarks/validity.py measures now."""

from __future__ import annotations

import sys

from framing.codebook import codebook_markdown
from framing.measures.validity import WEAK_CORRELATION, about_validity, figures

from ..conftest import REPO, need_shared


def test_the_shipped_figures_are_what_the_code_measures():
    need_shared(REPO.parent / "shared" / "benchmarks" / "basil-dev" / "corpus.jsonl")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import validity
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    assert validity.render(validity.measure()) == (REPO / "framing" / "data" / "validity.json").read_text(encoding="utf-8"), (
        "framing/data/validity.json is out of date: python benchmarks/validity.py --write"
    )


def test_the_codebook_says_how_far_tone_can_be_trusted():
    md = codebook_markdown()
    section = md.split("## actor_tone.csv", 1)[1].split("\n## ", 1)[0]
    assert about_validity() in section and "NewsMTSC" in section and "basil-dev" in section
    assert "How far to trust it" in md.split("## article_tone.csv", 1)[1].split("\n## ", 1)[0]


def test_low_agreement_is_said_in_words():
    rho = figures()["basil_feelings"]["about"]["spearman"]
    assert ("weakly" in about_validity()) == (rho < WEAK_CORRELATION)

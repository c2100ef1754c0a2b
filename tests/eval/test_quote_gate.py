"""Eval gate: the quotation stage on PolNeAR may not fall below its recorded floors.

The subset is fixed: every other article of the test split, by id (42 articles), scored as
``benchmarks/quotes.py`` scores the whole split.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.polnear import load_split, score_all, storyline_quotes, text_shift

import storyline
from tests.eval import baseline

BASELINE = baseline("quote")
FLOORS: dict[str, float] = BASELINE["floors"]

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, float]:
    articles = load_split(shared_data, "test")[::2]
    assert len(articles) == BASELINE["articles"]
    predictions = {}
    for article in articles:
        document = storyline.analyze(article.text, published=article.published)
        mention, _ = storyline_quotes(document, text_shift(article.text, document.text))
        predictions[article.id] = mention
    scores = score_all(articles, predictions)
    speaker = scores["speaker"]["detected"]["accuracy"]
    assert speaker is not None
    return {
        "direct_overlap_f1": scores["direct"]["overlap"]["f1"],
        "direct_exact_f1": scores["direct"]["exact"]["f1"],
        "all_overlap_f1": scores["all"]["overlap"]["f1"],
        "all_exact_f1": scores["all"]["exact"]["f1"],
        "speaker_accuracy": float(speaker),
        "cue_f1": scores["cue"]["f1"],
    }


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quote_gate(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= FLOORS[metric], f"{metric}: {figures[metric]:.4f} < floor"

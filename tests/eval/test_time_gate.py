"""Eval gate: the time stage on MEANTIME may not fall below its recorded floors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.meantime import (
    SpanScores,
    anchor_accuracy,
    anchor_cases,
    in_scope,
    load_corpus,
    match_overlaps,
    score_spans,
    value_accuracy,
    without_dct,
)

from storyline.nlp import times
from tests.eval import baseline

BASELINE = baseline("time")
FLOORS: dict[str, float] = BASELINE["floors"]

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, float]:
    docs = load_corpus(shared_data)
    every, no_dct, pairs = SpanScores(), SpanScores(), []
    for doc in docs:
        predicted = in_scope(doc, times.tag(doc.text, doc.dct))
        every.add(score_spans(doc.timexes, predicted))
        gold, rest = without_dct(doc, predicted)
        no_dct.add(score_spans(gold, rest))
        pairs.extend(match_overlaps(doc.timexes, predicted))
    cases = anchor_cases(docs)

    def predict(case: Any) -> str | None:
        found = times.normalise(case.doc.text, case.timex.start, case.timex.end, case.doc.dct)
        return found.value if found else None

    anchors, _ = anchor_accuracy(cases, predict)
    assert (anchors["all"].total, anchors["no_year"].total) == (204, 150)
    return {
        "span_overlap_f1": every.prf(every.overlap)["f1"],
        "span_overlap_f1_without_dct": no_dct.prf(no_dct.overlap)["f1"],
        "span_exact_f1": every.prf(every.exact)["f1"],
        "date_value_accuracy": _ratio(value_accuracy(pairs)["DATE"]),
        "anchor_204_accuracy": _ratio(anchors["all"]),
        "anchor_150_without_year_accuracy": _ratio(anchors["no_year"]),
        "anchor_54_with_year_accuracy": _ratio(anchors["with_year"]),
    }


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_time_gate(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= FLOORS[metric], f"{metric}: {figures[metric]:.4f} < floor"


def _ratio(ratio: Any) -> float:
    value = ratio.accuracy
    assert value is not None
    return float(value)

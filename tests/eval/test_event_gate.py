"""Eval gate: event coding and merging may not fall below their recorded floors.

The figures of ``benchmarks/events.py`` (about a minute): PLOVER type accuracy, macro-F1,
actor F1 and context agreement on the development half, the held-out half and all 322 gold
records; the temporal-awareness F1 (full and ordering-only) of storyline's timelines on the
three SemEval-2015 TimeLine test corpora; CoNLL F1 (and MUC, B³, CEAF-e) of event merging on
MEANTIME's gold event mentions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import baseline, benchmark, benchmarks_on_path

BASELINE = baseline("event")
FLOORS: dict[str, float] = BASELINE["floors"]

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, float]:
    with benchmarks_on_path():  # the script imports its parts as it runs
        found: dict[str, float] = benchmark("events").gate_figures(shared_data)
    return found


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_event_gate(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= FLOORS[metric], f"{metric}: {figures[metric]:.4f} < floor"

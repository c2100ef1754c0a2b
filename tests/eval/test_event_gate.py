"""Eval gate: event coding and merging may not fall below their recorded floors.

The figures of ``benchmarks/events.py`` (about a minute): PLOVER type accuracy, macro-F1,
actor F1 and context agreement on the development half, the held-out half and all 322 gold
records; the temporal-awareness F1 (full and ordering-only) of storyline's timelines on the
three SemEval-2015 TimeLine test corpora; CoNLL F1 (and MUC, B³, CEAF-e) of event merging on
MEANTIME's gold event mentions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BASELINE = json.loads((Path(__file__).with_name("event_baseline.json")).read_text())
FLOORS: dict[str, float] = BASELINE["floors"]

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, float]:
    sys.path.insert(0, str(REPO / "benchmarks"))  # the benchmark scripts import as scripts
    try:
        from events import gate_figures  # type: ignore[import-not-found]

        found: dict[str, float] = gate_figures(shared_data)  # imports its parts as it runs
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return found


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_event_gate(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= FLOORS[metric], f"{metric}: {figures[metric]:.4f} < floor"

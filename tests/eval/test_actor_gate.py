"""Eval gate: the actors stage on MEANTIME may not fall below its recorded floors.

Every document of the cross-document folder (120), scored as ``benchmarks/actors.py``
scores them: NER micro F1 on named mentions (exact span and overlap), and CoNLL F1 of
cross-document coreference on gold mentions (every mention, names only) and end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import baseline, benchmark

BASELINE = baseline("actor")
FLOORS: dict[str, float] = BASELINE["floors"]

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, float]:
    found: dict[str, float] = benchmark("actors").gate_figures(shared_data)
    return found


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_actor_gate(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= FLOORS[metric], f"{metric}: {figures[metric]:.4f} < floor"

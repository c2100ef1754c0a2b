"""``benchmarks/cameo_examples.py``: the codebook's text repair, the code → type lookup and
the choice of examples that are in no GSR record (``corpus`` tests read ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import benchmark

cameo = benchmark("cameo_examples")
plover = benchmark("plover")


def test_repair_undoes_the_codebooks_double_misreading_of_curly_quotes_and_dashes() -> None:
    assert cameo.repair("Kosovo\x82\u00c4\u00f4s army") == "Kosovo\u2019s army"
    assert cameo.repair("\x82\u00c4\u00fahello\x82\u00c4\u00f9") == "\u201chello\u201d"
    assert cameo.repair("plain text, caf\u00e9") == "plain text, caf\u00e9"


def test_a_code_takes_its_own_type_else_its_parents_else_its_roots() -> None:
    table = {"08": "CONCEDE", "084": "RETREAT", "0871": "RETREAT", "11": "ACCUSE"}
    assert cameo.type_of("0841", table) == "RETREAT"  # the three-digit parent
    assert cameo.type_of("0811", table) == "CONCEDE"  # the root
    assert cameo.type_of("1124", table) == "ACCUSE"
    assert cameo.type_of("20", table) is None


@pytest.mark.corpus
def test_the_examples_are_typed_and_none_is_a_gsr_sentence(shared_data: Path) -> None:
    examples = cameo.load_examples(shared_data)
    assert len(examples) == 69
    assert sum(e.id.startswith("CAMEO-02") for e in examples) == 26  # appeals: REQUEST
    assert all(e.event in plover.PLOVER_TYPES for e in examples)
    gsr = {cameo.letters(r.text)[:50] for r in plover.load_gsr(shared_data)}
    assert not any(cameo.letters(e.text)[:50] in gsr for e in examples)
    assert not any("\x82" in e.text for e in examples)  # every misread quote repaired

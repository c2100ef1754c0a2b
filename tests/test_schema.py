"""The JSON Schema itself: valid documents pass, broken ones fail."""

from __future__ import annotations

from tests.factories import document
from tests.schema import schema_errors


def test_schema_accepts_a_full_document() -> None:
    assert schema_errors(document().to_dict()) == []


def test_schema_rejects_missing_and_mistyped_fields() -> None:
    data = document().to_dict()
    del data["times"]
    data["events"][0]["modality"] = "rumoured"
    errors = schema_errors(data)
    assert any("'times' is a required property" in e for e in errors)
    assert any("rumoured" in e for e in errors)


def test_schema_catches_offsets_that_do_not_match_the_text() -> None:
    data = document().to_dict()
    data["entities"][0]["mentions"][0]["start"] += 1
    assert any("not 'Jerusalem'" in e for e in schema_errors(data))

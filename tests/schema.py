"""The published JSON Schema of the analysis contract, for validating output in tests."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator

from tests.conftest import REPO

SCHEMA_PATH = REPO / "docs" / "schema" / "document.schema.json"
VALIDATOR = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the schema, plus offsets that do not match the text."""
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    text = document["text"]
    get = document.get
    spans = [m for e in get("entities", []) for m in e["mentions"]]
    spans += [q for q in get("quotes", [])] + [t for t in get("times", [])]
    spans += [q["cue"] for q in get("quotes", []) if q["cue"]]
    spans += [q["speaker_span"] for q in get("quotes", []) if q.get("speaker_span")]
    spans += [s for q in get("quotes", []) for s in q.get("insertions", [])]
    spans += [e["trigger"] for e in get("events", [])]
    errors += [
        f"span {s['start']}:{s['end']} is {text[s['start'] : s['end']]!r}, not {s['text']!r}"
        for s in spans
        if text[s["start"] : s["end"]] != s["text"]
    ]
    errors += [
        f"sentence {s} outside the text"
        for s in get("sentences", [])
        if not 0 <= s["start"] <= s["end"] <= len(text)
    ]
    return errors

"""Exports: every stored document as JSON lines, or as flat CSV tables."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from storyline.model import Document, Entity, Event, Quote, TimeExpr

CSV_TABLES = ("articles", "entities", "mentions", "quotes", "times", "events")
TABLE_TYPES: dict[str, type] = {
    "entities": Entity, "quotes": Quote, "times": TimeExpr, "events": Event,
}  # fmt: skip
ARTICLE_COLUMNS = (
    "id", "title", "byline", "outlet", "url", "published", "published_source", "syndicated_of",
    "flags", "pipeline",
)  # fmt: skip


def write_jsonl(documents: Iterable[Document], out: TextIO) -> int:
    """One contract document per line; returns how many were written."""
    count = 0
    for document in documents:
        out.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A flat row: nested objects become ``key_sub`` columns, lists of words are joined with
    ``; ``, lists of objects (a quote's ``insertions``) are written as JSON."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten(value, f"{name}_"))
        elif isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
            row[name] = json.dumps(value, ensure_ascii=False)  # spans: a JSON list in one cell
        elif isinstance(value, list):
            row[name] = "; ".join(str(v) for v in value)
        else:
            row[name] = value
    return row


def table_rows(document: Document) -> dict[str, list[dict[str, Any]]]:
    """The document as rows of the flat tables, each row carrying ``article_id``."""
    data = document.to_dict()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in CSV_TABLES}
    rows["articles"].append({k: flatten({k: data[k]})[k] for k in ARTICLE_COLUMNS})
    for entity in data["entities"]:
        mentions = entity.pop("mentions")
        entity["mentions"] = len(mentions)
        rows["entities"].append({"article_id": document.id, **flatten(entity)})
        rows["mentions"].extend(
            {"article_id": document.id, "entity_id": entity["id"], **m} for m in mentions
        )
    for name in ("quotes", "times", "events"):
        rows[name] = [{"article_id": document.id, **flatten(r)} for r in data[name]]
    return rows


def columns(table: str) -> list[str]:
    """The columns of one flat table (nested spans become ``name_start``/``_end``/``_text``)."""
    if table == "articles":
        return list(ARTICLE_COLUMNS)
    if table == "mentions":
        return ["article_id", "entity_id", "start", "end", "text"]
    names = ["article_id"]
    for f in fields(TABLE_TYPES[table]):
        if f.type in ("Span", "Span | None"):
            names.extend(f"{f.name}_{part}" for part in ("start", "end", "text"))
        else:
            names.append(f.name)
    return names


def write_csv(documents: Iterable[Document], folder: Path) -> dict[str, int]:
    """Write ``articles.csv``, ``entities.csv`` … into ``folder``; returns rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(CSV_TABLES, 0)
    with ExitStack() as stack:
        writers = {}
        for name in CSV_TABLES:
            handle = stack.enter_context(
                (folder / f"{name}.csv").open("w", newline="", encoding="utf-8")
            )
            writers[name] = csv.DictWriter(
                handle, fieldnames=columns(name), restval="", extrasaction="ignore"
            )
            writers[name].writeheader()
        for document in documents:
            for name, rows in table_rows(document).items():
                writers[name].writerows(rows)
                counts[name] += len(rows)
    return counts

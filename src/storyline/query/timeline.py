"""Timelines: the events and quotations of an actor (or of a pair), by their own date.

An item is a merged event (with every report of it) or a quotation by or about the actor.
Items are ordered by their own date — the day an event happened or a quotation was said, as
the text gives it — not by when they were published; items without a date of their own come
last, ordered by their bound (they happened before the article that reports them).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select

from storyline.model import MergedEvent
from storyline.nlp.events import REPORTING
from storyline.query.quotes import QuoteRow, iter_quotes
from storyline.query.views import table
from storyline.store import Store
from storyline.store import schema as s
from storyline.store.actors import ActorSummary
from storyline.store.events import list_events

SENTENCE_WIDTH = 100


@dataclass
class TimelineReport:
    """Where an item was reported."""

    article: str
    outlet: str | None
    published: str | None
    sentence: str | None


@dataclass
class TimelineItem:
    """One event or quotation on a timeline."""

    kind: str  # event | quote
    id: str
    date: str | None  # its own date
    before: str | None  # undated: it happened before this
    type: str  # PLOVER type, STATEMENT, OTHER; for a quotation its kind
    intensity: float | None
    modality: str
    summary: str
    reports: list[TimelineReport] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form."""
        return asdict(self)


def actor_names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Display names of actor ids (ids without an actor row keep their id)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(s.actors.c.id, s.actors.c.name).where(s.actors.c.id.in_(wanted))
    with store.engine.connect() as conn:
        found = {row.id: row.name for row in conn.execute(query)}
    return {i: found.get(i, i) for i in wanted}


def event_item(event: MergedEvent) -> TimelineItem:
    """A merged event as a timeline item."""
    return TimelineItem(
        kind="event",
        id=event.id,
        date=event.date,
        before=event.before,
        type=event.type,
        intensity=event.intensity,
        modality=event.modality,
        summary=event.summary,
        reports=[
            TimelineReport(r.article, r.outlet, r.published, r.sentence) for r in event.reports
        ],
        disagreements=[d.aspect for d in event.disagreements],
    )


def quote_item(row: QuoteRow) -> TimelineItem:
    """A quotation as a timeline item."""
    speaker = row.speaker_name or row.speaker_text or "someone"
    return TimelineItem(
        kind="quote",
        id=f"{row.article_id}:{row.quote_id}",
        date=row.date,
        before=None if row.date else row.said_before,
        type=row.kind,
        intensity=None,
        modality="claimed",
        summary=f"{speaker}: “{_short(row.text, 90)}”",
        reports=[TimelineReport(row.article_id, row.outlet, row.published, None)],
    )


def timeline(
    store: Store,
    actor: ActorSummary,
    other: ActorSummary | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    quotes: bool = True,
) -> list[TimelineItem]:
    """The events and quotations of ``actor`` (with ``other``: between the two), by date."""
    events = list_events(store.engine, involving=[actor.id], date_from=date_from, date_to=date_to)
    if other is not None:
        events = [e for e in events if _between(with_countries(e), actor.id, other.id)]
    if quotes:  # what was said is listed as the quotation, not as "X said"
        events = [e for e in events if not (e.type == "OTHER" and e.mode in REPORTING)]
    items = [event_item(e) for e in events]
    if quotes:
        pairs = (
            [(actor.name, None), (None, actor.name)]
            if other is None
            else [(actor.name, other.name), (other.name, actor.name)]
        )
        seen: set[str] = set()
        for speaker, about in pairs:
            for row in iter_quotes(
                store, speaker=speaker, about=about, date_from=date_from, date_to=date_to,
                copies=False, actors=[actor.id],
            ):  # fmt: skip
                item = quote_item(row)
                if item.id not in seen:
                    seen.add(item.id)
                    items.append(item)
    items.sort(key=_order)
    return items


def with_countries(event: MergedEvent) -> MergedEvent:
    """The event with the countries its actors and recipients act for counted among them:
    what Egypt's president does, Egypt does."""
    return dataclasses.replace(
        event,
        actor=list(dict.fromkeys([*event.actor, *event.actor_countries])),
        recipient=list(dict.fromkeys([*event.recipient, *event.recipient_countries])),
    )


def _between(event: MergedEvent, a: str, b: str) -> bool:
    return (a in event.actor and b in event.recipient) or (
        b in event.actor and a in event.recipient
    )


def _order(item: TimelineItem) -> tuple[bool, str, str]:
    return (item.date is None, item.date or item.before or "", item.id)


def _short(text: str | None, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_table(items: Sequence[TimelineItem]) -> str:
    """The timeline for the terminal: one line per item, then its reports."""
    lines = []
    for item in items:
        when = item.date or f"before {item.before}" if item.before else (item.date or "undated")
        intensity = "" if item.intensity is None else f"{item.intensity:+g}"
        flags = "" if item.modality == "asserted" else f" [{item.modality}]"
        if item.disagreements:
            flags += f" (reports disagree on {', '.join(item.disagreements)})"
        lines.append(f"{when:<18} {item.type:<10} {intensity:>5}  {item.summary}{flags}")
        for report in item.reports:
            source = f"{report.outlet or '?'}, {report.published or 'undated'}"
            sentence = f": {_short(report.sentence)}" if report.sentence else ""
            lines.append(f"{'':<36}{source} ({report.article}){sentence}")
    return "\n".join(lines) if lines else "(no events or quotations)"


def events_table(events: Sequence[MergedEvent], names: dict[str, str]) -> str:
    """Merged events as a table."""
    rows = [
        [
            e.date or (f"<{e.before}" if e.before else ""),
            e.type,
            "" if e.intensity is None else f"{e.intensity:+g}",
            e.modality,
            ", ".join(names.get(a, a) for a in e.actor),
            ", ".join(names.get(a, a) for a in e.recipient),
            len({r.article for r in e.reports}),
            _short(e.summary, 60),
        ]
        for e in events
    ]
    headers = ["date", "type", "int.", "modality", "actor", "recipient", "articles", "summary"]
    return table(headers, rows)


CSV_FIELDS = [
    "id", "date", "before", "type", "mode", "cameo", "intensity", "modality", "actor",
    "recipient", "actor_names", "recipient_names", "reports", "outlets", "articles", "summary",
    "disagreements",
]  # fmt: skip


def events_csv(events: Sequence[MergedEvent], names: dict[str, str]) -> str:
    """Merged events as CSV, one row per event; lists are joined with ``;``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow(
            {
                "id": e.id,
                "date": e.date,
                "before": e.before,
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "intensity": e.intensity,
                "modality": e.modality,
                "actor": ";".join(e.actor),
                "recipient": ";".join(e.recipient),
                "actor_names": ";".join(names.get(a, a) for a in e.actor),
                "recipient_names": ";".join(names.get(a, a) for a in e.recipient),
                "reports": len({r.article for r in e.reports}),
                "outlets": ";".join(sorted({r.outlet for r in e.reports if r.outlet})),
                "articles": ";".join(r.article for r in e.reports),
                "summary": e.summary,
                "disagreements": json.dumps(
                    {d.aspect: d.versions for d in e.disagreements}, ensure_ascii=False
                )
                if e.disagreements
                else "",
            }
        )
    return out.getvalue()

"""Corpus-wide events in the database: the merger's SQL store, and the event queries.

:class:`SqlEvents` is the :class:`~storyline.resolve.events.EventStore` of a database. Reads
go to the database with the changes of the document being merged laid over them; the changes
are written by :func:`write_events` in that document's own transaction, so an article is
stored with its events or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select

from storyline.model import MergedEvent
from storyline.store import schema as s
from storyline.store.actors import upsert


@dataclass
class EventChange:
    """A merged event to write (or to delete), with its new blocking keys."""

    event: MergedEvent
    keys: list[str] = field(default_factory=list)
    deleted: bool = False


class SqlEvents:
    """The merged events of a database, as the merger reads and changes them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pending: dict[str, EventChange] = {}

    def candidates(self, keys: Collection[str]) -> list[MergedEvent]:
        """The events that have any of these blocking keys (pending changes included)."""
        if not keys:
            return []
        wanted = sorted(keys)
        ids = select(s.event_keys.c.event_id).where(s.event_keys.c.key.in_(wanted)).distinct()
        query = select(s.merged_events.c.data).where(s.merged_events.c.id.in_(ids))
        with self.engine.connect() as conn:
            found = {e.id: e for e in (_event(r.data) for r in conn.execute(query))}
        for ident, change in self.pending.items():
            if change.deleted:
                found.pop(ident, None)
            elif ident in found or set(change.keys) & set(keys):
                found[ident] = change.event
        return [found[i] for i in sorted(found)]

    def of_article(self, article: str) -> list[MergedEvent]:
        """The events one article reports."""
        r, m = s.event_reports, s.merged_events
        query = select(m.c.data).join(r, r.c.event_id == m.c.id).where(r.c.article_id == article)
        with self.engine.connect() as conn:
            found = {e.id: e for e in (_event(row.data) for row in conn.execute(query))}
        for ident, change in self.pending.items():
            if change.deleted:
                found.pop(ident, None)
            elif any(rep.article == article for rep in change.event.reports):
                found[ident] = change.event
        return [found[i] for i in sorted(found)]

    def exists(self, ident: str) -> bool:
        """Whether an event has this id (in the database or pending)."""
        if ident in self.pending:
            return not self.pending[ident].deleted
        query = select(s.merged_events.c.id).where(s.merged_events.c.id == ident)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def put(self, event: MergedEvent, keys: Collection[str]) -> None:
        """Keep a changed event until its document's transaction writes it."""
        known = self.pending.get(event.id)
        merged_keys = sorted(set(known.keys if known else ()) | set(keys))
        self.pending[event.id] = EventChange(event, merged_keys)

    def delete(self, ident: str) -> None:
        """Delete an event when the document's transaction is written."""
        self.pending[ident] = EventChange(MergedEvent(id=ident, type="OTHER"), deleted=True)

    def take(self) -> list[EventChange]:
        """The pending changes, handed over once."""
        pending = list(self.pending.values())
        self.pending = {}
        return pending


def _event(data: dict[str, Any]) -> MergedEvent:
    return MergedEvent.from_dict(data)


def _row(event: MergedEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "date": event.date,
        "before": event.before,
        "modality": event.modality,
        "intensity": event.intensity,
        "reports": len(event.reports),
        "data": event.to_dict(),
    }


def write_events(conn: Connection, changes: Iterable[EventChange]) -> None:
    """Write changed events, their actors, keys and reports (in the caller's transaction)."""
    changes = list(changes)
    if not changes:
        return
    gone = [c.event.id for c in changes if c.deleted]
    kept = [c for c in changes if not c.deleted]
    ids = [c.event.id for c in kept]
    if gone:
        for table in (s.event_actors, s.event_keys, s.event_reports):
            conn.execute(delete(table).where(table.c.event_id.in_(gone)))
        conn.execute(delete(s.merged_events).where(s.merged_events.c.id.in_(gone)))
    if not kept:
        return
    conn.execute(upsert(conn, s.merged_events, update=True), [_row(c.event) for c in kept])
    conn.execute(delete(s.event_actors).where(s.event_actors.c.event_id.in_(ids)))
    conn.execute(delete(s.event_reports).where(s.event_reports.c.event_id.in_(ids)))
    roles = [
        {"event_id": c.event.id, "actor_id": actor, "role": role}
        for c in kept
        for role, actors in (
            ("actor", [*c.event.actor, *c.event.actor_countries]),
            ("recipient", [*c.event.recipient, *c.event.recipient_countries]),
        )
        for actor in dict.fromkeys(actors)
    ]
    if roles:
        conn.execute(insert(s.event_actors), roles)
    reports = [
        {"event_id": c.event.id, "article_id": article}
        for c in kept
        for article in dict.fromkeys(r.article for r in c.event.reports)
    ]
    if reports:
        conn.execute(insert(s.event_reports), reports)
    keyed = [{"key": k, "event_id": c.event.id} for c in kept for k in c.keys]
    if keyed:
        conn.execute(upsert(conn, s.event_keys, update=False), keyed)


# ------------------------------------------------------------------------------ queries


def list_events(
    engine: Engine,
    actors: Sequence[str] = (),
    recipients: Sequence[str] = (),
    types: Collection[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    involving: Sequence[str] = (),
    limit: int | None = None,
) -> list[MergedEvent]:
    """Merged events, filtered, ordered by their own date (undated last, by their bound).

    ``actors``/``recipients``: actor ids that must act / receive (any of them);
    ``involving``: actor ids that must take part in either role. ``date_from``/``date_to``
    are ISO days; an event is kept when its date's span meets the range, and an undated one
    when its bound does not fall before ``date_from``.
    """
    m, ea = s.merged_events, s.event_actors
    query = select(m.c.data)
    for wanted, role in ((actors, "actor"), (recipients, "recipient"), (involving, None)):
        if wanted:
            sub = select(ea.c.event_id).where(ea.c.actor_id.in_(sorted(set(wanted))))
            if role is not None:
                sub = sub.where(ea.c.role == role)
            query = query.where(m.c.id.in_(sub))
    if types:
        query = query.where(m.c.type.in_(sorted(types)))
    if date_from:
        query = query.where(
            or_(
                and_(m.c.date.is_not(None), _date_end(m.c.date) >= date_from),
                and_(m.c.date.is_(None), m.c.before >= date_from),
            )
        )
    if date_to:
        query = query.where(or_(m.c.date.is_(None), m.c.date <= date_to))
    query = query.order_by(m.c.date.is_(None), m.c.date, m.c.before, m.c.id)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [_event(r.data) for r in conn.execute(query)]


def _date_end(column: Any) -> Any:
    """A partial date compared as the end of its span: "2019" sorts after "2019-12-31"."""
    return column + "~"


def count_events(engine: Engine) -> int:
    """How many merged events the corpus has."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(s.merged_events)).scalar_one())

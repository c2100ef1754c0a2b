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
from storyline.nlp.temporal.intervals import date_interval
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
        self._keys: dict[str, set[str]] = {}  # prefetched: key -> event ids
        self._events: dict[str, MergedEvent] = {}  # prefetched events
        self._fetched: set[str] = set()  # the keys prefetched (with or without events)

    def prefetch(self, keys: Collection[str]) -> None:
        """Read, in one query, every stored event with any of these keys (all the blocking keys
        of one document), so that :meth:`candidates` answers from memory."""
        self._keys, self._events = {}, {}
        self._fetched = set(keys)
        if not keys:
            return
        k, m = s.event_keys, s.merged_events
        query = (
            select(k.c.key, m.c.id, m.c.data)
            .join(m, m.c.id == k.c.event_id)
            .where(k.c.key.in_(sorted(keys)))
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                self._keys.setdefault(row.key, set()).add(row.id)
                if row.id not in self._events:
                    self._events[row.id] = _event(row.data)

    def candidates(self, keys: Collection[str]) -> list[MergedEvent]:
        """The events that have any of these blocking keys (pending changes included)."""
        if not keys:
            return []
        if self._fetched.issuperset(keys):
            ids = {i for key in keys for i in self._keys.get(key, ())}
            found = {i: self._events[i] for i in ids}
        else:
            wanted = sorted(keys)
            ids_query = select(s.event_keys.c.event_id).where(s.event_keys.c.key.in_(wanted))
            query = select(s.merged_events.c.data).where(
                s.merged_events.c.id.in_(ids_query.distinct())
            )
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
    span = date_interval(event.date)
    return {
        "id": event.id,
        "type": event.type,
        "date": event.date,
        "first_day": span[0].isoformat() if span is not None else None,
        "last_day": span[1].isoformat() if span is not None else None,
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
    are ISO days (``YYYY-MM-DD``); an event is kept when the days its date spans meet the
    range, and an undated one when its bound does not fall before ``date_from``. An event
    whose date names no calendar span (``XXXX-SU``) sorts and filters as undated.
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
            or_(m.c.last_day >= date_from, and_(m.c.first_day.is_(None), m.c.before >= date_from))
        )
    if date_to:
        query = query.where(or_(m.c.first_day.is_(None), m.c.first_day <= date_to))
    query = query.order_by(m.c.first_day.is_(None), m.c.first_day, m.c.before, m.c.id)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [_event(r.data) for r in conn.execute(query)]


def count_events(engine: Engine) -> int:
    """How many merged events the corpus has."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(s.merged_events)).scalar_one())

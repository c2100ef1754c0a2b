"""Schema versions: a numbered list of migrations and the table that records them.

A new database is created at the newest schema and stamped with every version; an older one
gets the migrations it lacks, each in its own transaction. To change the schema: edit
``schema.py`` and append a ``Migration`` that brings a database of the previous version to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, inspect, select, text

from storyline.errors import StorageError
from storyline.store.schema import (
    EVENT_TABLES,
    actor_keys,
    actors,
    metadata,
    schema_migrations,
)


@dataclass(frozen=True)
class Migration:
    """One step of the schema's history."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _create_v1(conn: Connection) -> None:
    metadata.create_all(conn)


def _actors_v2(conn: Connection) -> None:
    """Corpus-wide actors: the actor tables, the entity's actor and the mention's kind.
    Articles analysed before it have no actor until ``storyline reanalyze`` redoes them
    (their pipeline version is older)."""
    actors.create(conn)
    actor_keys.create(conn)
    conn.execute(text("ALTER TABLE entities ADD COLUMN actor VARCHAR(200)"))
    conn.execute(text("ALTER TABLE mentions ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'name'"))
    conn.execute(text("CREATE INDEX ix_entities_actor ON entities (actor)"))


def _events_v3(conn: Connection) -> None:
    """Corpus-wide events. Articles analysed before it have no merged events until
    ``storyline reanalyze`` redoes them (their pipeline version is older)."""
    for table in EVENT_TABLES:
        table.create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, analyses and annotations", _create_v1),
    Migration(2, "actors across documents", _actors_v2),
    Migration(3, "events across documents", _events_v3),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The schema version of a database (0 for an empty one)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    versions = conn.execute(select(schema_migrations.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Bring the database to the newest schema; returns the version it is at."""
    with engine.begin() as conn:
        version = current_version(conn)
        if version > LATEST:
            raise StorageError(
                f"the database is at schema version {version}, newer than this storyline"
                f" ({LATEST}): upgrade storyline"
            )
        if version == 0:
            metadata.create_all(conn)
            for migration in MIGRATIONS:
                _stamp(conn, migration)
            return LATEST
    for migration in MIGRATIONS:
        if migration.version > version:
            with engine.begin() as conn:
                migration.apply(conn)
                _stamp(conn, migration)
    return LATEST


def _stamp(conn: Connection, migration: Migration) -> None:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute(
        insert(schema_migrations).values(
            version=migration.version, name=migration.name, applied_at=now
        )
    )

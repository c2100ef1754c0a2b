"""Corpus-wide actors in the SQL store: the resolver's actor store, and the actor queries.

:class:`SqlActors` is the :class:`~storyline.resolve.actors.ActorStore` of a database: it
reads the actors that share a blocking key with an entity, and keeps the actors a document
changed until :meth:`Store.add` (or :meth:`Store.save_analysis`) writes them in that
document's own transaction, so an article and the actors it changed are stored together or
not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, func, select
from sqlalchemy.dialects import postgresql, sqlite

from storyline.resolve.actors import Actor, keys
from storyline.store import schema as s

COMPANY_KEPT = 100  # actors named alongside one that are remembered (the most frequent)


@dataclass
class ActorChange:
    """An actor a document created or changed, and its new blocking keys."""

    actor: Actor
    keys: list[str]


class SqlActors:
    """The actors of a database, as the resolver reads and changes them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pending: list[ActorChange] = []

    def candidates(self, wanted: Collection[str]) -> list[Actor]:
        """The actors that have any of these blocking keys."""
        if not wanted:
            return []
        ids = select(s.actor_keys.c.actor_id).where(s.actor_keys.c.key.in_(sorted(wanted)))
        query = select(s.actors).where(s.actors.c.id.in_(ids.distinct())).order_by(s.actors.c.id)
        with self.engine.connect() as conn:
            return [_actor(row._mapping) for row in conn.execute(query)]

    def get(self, ident: str) -> Actor | None:
        """The actor with this id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.actors).where(s.actors.c.id == ident)).first()
        return None if row is None else _actor(row._mapping)

    def get_many(self, idents: Collection[str]) -> dict[str, Actor]:
        """The actors with these ids (those that exist)."""
        if not idents:
            return {}
        query = select(s.actors).where(s.actors.c.id.in_(sorted(idents)))
        with self.engine.connect() as conn:
            return {r.id: _actor(r._mapping) for r in conn.execute(query)}

    def put(self, actor: Actor, new_keys: Collection[str]) -> None:
        """Keep a changed actor until its document's transaction writes it."""
        self.pending.append(ActorChange(actor, list(new_keys)))

    def take(self) -> list[ActorChange]:
        """The pending changes, handed over once."""
        pending, self.pending = self.pending, []
        return pending


def _actor(row: Any) -> Actor:
    data = row["data"] or {}
    return Actor(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        aliases=Counter(data.get("aliases", {})),
        country=row["country"],
        sector=row["sector"],
        wikidata=row["wikidata"],
        gazetteer=row["gazetteer"],
        articles=int(data.get("articles", 0)),
        mentions=int(data.get("mentions", 0)),
        company=Counter(data.get("company", {})),
    )


def _row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "sector": actor.sector,
        "wikidata": actor.wikidata,
        "gazetteer": actor.gazetteer,
        "data": {
            "aliases": dict(actor.aliases),
            "company": dict(actor.company.most_common(COMPANY_KEPT)),
            "articles": actor.articles,
            "mentions": actor.mentions,
        },
    }


def upsert(conn: Connection, table: Table, update: bool) -> Any:
    """An INSERT that updates (``update``) or skips the rows already there (by primary key)."""
    dialect = conn.dialect.name
    if dialect not in ("postgresql", "sqlite"):  # pragma: no cover - the supported stores
        raise NotImplementedError(f"no upsert for {dialect}")
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    if update:
        keys = [c.name for c in table.primary_key.columns]
        columns = [c.name for c in table.columns if c.name not in keys]
        return statement.on_conflict_do_update(
            index_elements=keys, set_={c: statement.excluded[c] for c in columns}
        )
    return statement.on_conflict_do_nothing()


def write_actors(conn: Connection, changes: Iterable[ActorChange]) -> None:
    """Insert or update changed actors and add their new keys (in the caller's transaction):
    two statements for all of a document's actors."""
    changes = list(changes)
    if not changes:
        return
    conn.execute(upsert(conn, s.actors, update=True), [_row(c.actor) for c in changes])
    keyed = [{"key": k, "actor_id": c.actor.id} for c in changes for k in sorted(set(c.keys))]
    if keyed:
        conn.execute(upsert(conn, s.actor_keys, update=False), keyed)


# ------------------------------------------------------------------------------ queries


@dataclass
class ActorSummary:
    """One actor as the ``actors`` listing shows it."""

    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    wikidata: str | None
    aliases: list[str]
    articles: int
    mentions: int
    gazetteer: str | None = None


@dataclass
class ActorQuote:
    """A quotation by or about an actor, with where it was published."""

    article_id: str
    published: str | None
    outlet: str | None
    kind: str
    text: str
    speaker: str | None
    relation: str  # "by" or "about"


@dataclass
class ActorDetail:
    """One actor with its articles and the quotations by and about it."""

    actor: ActorSummary
    articles: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[ActorQuote] = field(default_factory=list)


def _counts(conn: Connection, ids: list[str] | None) -> dict[str, tuple[int, int]]:
    """Articles (originals only, not syndicated copies) and mentions per actor id."""
    e, m, a = s.entities, s.mentions, s.articles
    query = (
        select(e.c.actor, func.count(func.distinct(e.c.article_id)), func.count(m.c.start))
        .join(a, a.c.id == e.c.article_id)
        .join(m, and_(m.c.article_id == e.c.article_id, m.c.entity_id == e.c.id))
        .where(e.c.actor.is_not(None), a.c.syndicated_of.is_(None))
        .group_by(e.c.actor)
    )
    if ids is not None:
        query = query.where(e.c.actor.in_(ids))
    return {actor: (articles, mentions) for actor, articles, mentions in conn.execute(query)}


def _summary(row: Any, counts: dict[str, tuple[int, int]]) -> ActorSummary:
    actor = _actor(row)
    articles, mentions = counts.get(actor.id, (0, 0))
    aliases = [n for n, _ in actor.aliases.most_common() if n != actor.name]
    return ActorSummary(
        actor.id, actor.name, actor.type, actor.country, actor.sector, actor.wikidata,
        aliases, articles, mentions, actor.gazetteer,
    )  # fmt: skip


def list_actors(
    engine: Engine, kind: str | None = None, limit: int | None = None
) -> list[ActorSummary]:
    """Every actor (or those of one type), the most written about first."""
    with engine.connect() as conn:
        query = select(s.actors)
        if kind is not None:
            query = query.where(s.actors.c.type == kind)
        counts = _counts(conn, None)
        found = [_summary(r._mapping, counts) for r in conn.execute(query)]
    found.sort(key=lambda a: (-a.articles, -a.mentions, a.name))
    return found[:limit] if limit is not None else found


def find_actors(engine: Engine, name: str) -> list[ActorSummary]:
    """The actors an id, a name or an alias denotes ("Erdogan", "AMLO", "country:tr")."""
    wanted = {k for k in keys(name, "person") | keys(name, "organisation") if k.startswith("n:")}
    with engine.connect() as conn:
        ids = set(conn.execute(select(s.actors.c.id).where(s.actors.c.id == name)).scalars())
        if wanted:
            query = select(s.actor_keys.c.actor_id).where(s.actor_keys.c.key.in_(sorted(wanted)))
            ids.update(conn.execute(query).scalars())
        if not ids:
            return []
        rows = conn.execute(select(s.actors).where(s.actors.c.id.in_(sorted(ids)))).all()
        counts = _counts(conn, sorted(ids))
        found = [_summary(r._mapping, counts) for r in rows]
    found.sort(key=lambda a: (-a.articles, a.id))
    return found


def actor_detail(engine: Engine, summary: ActorSummary, limit: int = 50) -> ActorDetail:
    """The articles that name an actor and the quotations by and about it."""
    e, a, q, m = s.entities, s.articles, s.quotes, s.mentions
    detail = ActorDetail(summary)
    with engine.connect() as conn:
        naming = select(e.c.article_id).where(e.c.actor == summary.id)
        query = (
            select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.syndicated_of)
            .where(a.c.id.in_(naming))
            .order_by(a.c.published.is_(None), a.c.published, a.c.id)
            .limit(limit)
        )
        detail.articles = [dict(r._mapping) for r in conn.execute(query)]
        by = (
            select(q.c.article_id, q.c.id, a.c.published, a.c.outlet, q.c.data)
            .join(e, and_(e.c.article_id == q.c.article_id, e.c.id == q.c.speaker))
            .join(a, a.c.id == q.c.article_id)
            .where(e.c.actor == summary.id, q.c.kind != "mention")
            .order_by(a.c.published, q.c.article_id, q.c.seq)
            .limit(limit)
        )
        about = (
            select(q.c.article_id, q.c.id, a.c.published, a.c.outlet, q.c.data)
            .join(
                m,
                and_(m.c.article_id == q.c.article_id, m.c.start >= q.c.start, m.c.end <= q.c.end),
            )  # fmt: skip
            .join(e, and_(e.c.article_id == m.c.article_id, e.c.id == m.c.entity_id))
            .join(a, a.c.id == q.c.article_id)
            .where(e.c.actor == summary.id, q.c.kind != "mention")
            .order_by(a.c.published, q.c.article_id, q.c.seq)
            .limit(limit * 4)  # one row per mention inside the quotation
        )
        seen: set[tuple[str, str]] = set()
        for relation, query in (("by", by), ("about", about)):
            for row in conn.execute(query):
                data = row.data
                key = (row.article_id, data["id"])
                if relation == "about" and (key in seen or len(seen) >= 2 * limit):
                    continue
                seen.add(key)
                detail.quotes.append(
                    ActorQuote(
                        row.article_id,
                        row.published,
                        row.outlet,
                        data["kind"],
                        data["text"],
                        data.get("speaker_text"),
                        relation,
                    )  # fmt: skip
                )
    return detail

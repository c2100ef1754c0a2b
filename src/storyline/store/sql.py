"""The store: articles, their fingerprints and their analyses, over any SQLAlchemy URL.

Every write that belongs to one article happens in one transaction, so an interrupted run
leaves each article either fully stored (with its analysis) or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StorageError
from storyline.ingest.dedup import Fingerprint
from storyline.model import Article, Boilerplate, Document, Mention, content_hash, id_from_hash
from storyline.store import schema as s
from storyline.store.actors import ActorChange, write_actors
from storyline.store.events import EventChange, write_events
from storyline.store.migrations import migrate


@dataclass
class Candidate:
    """A stored article that shares an LSH bucket with a new one."""

    id: str
    signature: bytes
    published: str | None
    syndicated_of: str | None


@dataclass
class ArticleSummary:
    """One line of an article listing."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    syndicated_of: str | None
    analysed_by: str | None


@dataclass
class Stats:
    """Counts over the whole store."""

    articles: int = 0
    syndicated: int = 0
    analysed: int = 0
    outdated: int = 0
    annotations: dict[str, int] = field(default_factory=dict)
    outlets: dict[str, int] = field(default_factory=dict)
    first_published: str | None = None
    last_published: str | None = None


def open_store(url: str) -> Store:
    """Open (creating and migrating when needed) the store at a SQLAlchemy URL."""
    return Store(url)


class Store:
    """Articles and their annotations in a SQL database."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
        except (SQLAlchemyError, ImportError) as exc:
            raise StorageError(f"cannot open the database {_safe(url)}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.schema_version = migrate(self.engine)
        except (SQLAlchemyError, StorageError) as exc:
            self.engine.dispose()
            if isinstance(exc, StorageError):
                raise
            raise StorageError(f"cannot open the database {_safe(url)}: {exc}") from exc

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingestion -------------------------------------------------------------------------

    def find_copy(self, text: str) -> str | None:
        """The id of a stored article with the same normalised text, if any."""
        query = select(s.articles.c.id).where(s.articles.c.content_hash == content_hash(text))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def candidates(self, buckets: list[str]) -> list[Candidate]:
        """Stored articles sharing at least one LSH band bucket."""
        if not buckets:
            return []
        match = or_(
            *(
                (s.lsh_bands.c.band == i) & (s.lsh_bands.c.bucket == b)
                for i, b in enumerate(buckets)
            )
        )
        ids = select(s.lsh_bands.c.article_id).where(match).distinct()
        query = (
            select(
                s.articles.c.id,
                s.signatures.c.minhash,
                s.articles.c.published,
                s.articles.c.syndicated_of,
            )
            .join(s.signatures, s.signatures.c.article_id == s.articles.c.id)
            .where(s.articles.c.id.in_(ids))
        )
        with self.engine.connect() as conn:
            return [Candidate(*row) for row in conn.execute(query)]

    def add(
        self,
        article: Article,
        fingerprint: Fingerprint,
        document: Document | None = None,
        syndicated_of: str | None = None,
        similarity: float | None = None,
        original_of: str | None = None,
        actors: Sequence[ActorChange] = (),
        events: Sequence[EventChange] = (),
    ) -> str:
        """Store an article, its fingerprint and (optionally) its analysis in one transaction,
        with the corpus-wide ``actors`` and ``events`` its analysis created or changed.

        ``original_of``: the id of a stored original this article turns out to be an earlier
        copy of; that article and its copies are relinked to this one in the same transaction.
        """
        row = _article_row(article, syndicated_of, similarity)
        article_id = row["id"]  # a hash of the whole text: computed once
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(s.articles).values(row))
                conn.execute(
                    insert(s.signatures).values(
                        article_id=article_id, minhash=fingerprint.signature
                    )
                )
                conn.execute(
                    insert(s.lsh_bands),
                    [
                        {"article_id": article_id, "band": i, "bucket": b}
                        for i, b in enumerate(fingerprint.buckets)
                    ],
                )
                if document is not None:
                    _write_analysis(conn, document)
                write_actors(conn, actors)
                write_events(conn, events)
                if original_of is not None:
                    _relink(conn, original_of, article_id)
        except SQLAlchemyError as exc:
            raise StorageError(f"{article.location}: cannot store the article: {exc}") from exc
        return str(article_id)

    def save_analysis(
        self,
        document: Document,
        actors: Sequence[ActorChange] = (),
        events: Sequence[EventChange] = (),
    ) -> None:
        """Replace the stored analysis of one article (and save the actors and events it
        changed), in one transaction."""
        try:
            with self.engine.begin() as conn:
                _write_analysis(conn, document)
                write_actors(conn, actors)
                write_events(conn, events)
        except SQLAlchemyError as exc:
            raise StorageError(f"{document.id}: cannot store the analysis: {exc}") from exc

    # -- reading ---------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, without its analysis."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.articles).where(s.articles.c.id == article_id)).first()
        return None if row is None else _article_from_row(row._mapping)

    def syndicated_of(self, article_id: str) -> str | None:
        """The article a stored article is a syndicated copy of (None for an original)."""
        query = select(s.articles.c.syndicated_of).where(s.articles.c.id == article_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def syndication_group(self, article_id: str) -> list[str]:
        """An article with its syndicated copies or fellow copies: the original first."""
        a = s.articles.c
        root = self.syndicated_of(article_id) or article_id
        query = select(a.id).where(or_(a.id == root, a.syndicated_of == root))
        with self.engine.connect() as conn:
            found = list(conn.execute(query).scalars())
        return sorted(found, key=lambda i: i != root)

    def articles_with_events(self, ids: Sequence[str]) -> set[str]:
        """Which of these articles carry reports of corpus-wide events."""
        query = select(s.event_reports.c.article_id).where(s.event_reports.c.article_id.in_(ids))
        with self.engine.connect() as conn:
            return set(conn.execute(query.distinct()).scalars())

    def resolve_id(self, prefix: str) -> list[str]:
        """The article ids that start with ``prefix`` (at most two: one means it is unique)."""
        query = select(s.articles.c.id).where(s.articles.c.id.startswith(prefix)).limit(2)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def get_document(self, article_id: str) -> Document | None:
        """The article with its stored analysis (empty lists when not analysed)."""
        docs = list(self.iter_documents([article_id]))
        return docs[0] if docs else None

    def iter_documents(
        self, ids: Iterable[str] | None = None, batch: int = 200
    ) -> Iterator[Document]:
        """Stored documents: all in publication order, or those with ``ids`` in that order."""
        if ids is None:
            order = [s.articles.c.published.is_(None), s.articles.c.published, s.articles.c.id]
            with self.engine.connect() as conn:
                wanted = list(conn.execute(select(s.articles.c.id).order_by(*order)).scalars())
        else:
            wanted = list(ids)
        for start in range(0, len(wanted), batch):
            with self.engine.connect() as conn:
                yield from _load_documents(conn, wanted[start : start + batch])

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Articles in publication order (undated last)."""
        a = s.articles
        query = (
            select(
                a.c.id,
                a.c.title,
                a.c.outlet,
                a.c.published,
                a.c.source,
                a.c.syndicated_of,
                s.analyses.c.pipeline,
            )
            .outerjoin(s.analyses, s.analyses.c.article_id == a.c.id)
            .order_by(a.c.published.is_(None), a.c.published, a.c.id)
            .offset(offset)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [ArticleSummary(*row) for row in conn.execute(query)]

    def outdated(self, pipeline: str) -> list[str]:
        """Ids of articles not analysed, or analysed by another pipeline version."""
        query = (
            select(s.articles.c.id)
            .outerjoin(s.analyses, s.analyses.c.article_id == s.articles.c.id)
            .where(or_(s.analyses.c.pipeline.is_(None), s.analyses.c.pipeline != pipeline))
            .order_by(s.articles.c.id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def stats(self, pipeline: str | None = None) -> Stats:
        """Counts of articles, copies, analyses and annotations, and the outlets."""
        a = s.articles
        with self.engine.connect() as conn:
            stats = Stats(
                articles=conn.execute(select(func.count()).select_from(a)).scalar_one(),
                syndicated=conn.execute(
                    select(func.count()).where(a.c.syndicated_of.is_not(None))
                ).scalar_one(),
                analysed=conn.execute(select(func.count()).select_from(s.analyses)).scalar_one(),
                first_published=conn.execute(select(func.min(a.c.published))).scalar(),
                last_published=conn.execute(select(func.max(a.c.published))).scalar(),
            )
            for table in s.ANNOTATION_TABLES:
                count = conn.execute(select(func.count()).select_from(table)).scalar_one()
                stats.annotations[table.name] = count
            outlets = select(a.c.outlet, func.count()).group_by(a.c.outlet)
            stats.outlets = {o or "(unknown)": n for o, n in conn.execute(outlets)}
        if pipeline is not None:
            stats.outdated = len(self.outdated(pipeline))
        return stats


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _safe(url: str) -> str:
    """A URL with its password hidden, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _article_row(article: Article, syndicated_of: str | None, sim: float | None) -> dict[str, Any]:
    data = article.to_dict()
    data.pop("body")
    text = article.text
    digest = content_hash(text)
    return {
        **data,
        "id": id_from_hash(digest),
        "content_hash": digest,
        "text": text,
        "syndicated_of": syndicated_of,
        "similarity": sim,
        "ingested_at": _now(),
    }


def _article_from_row(row: Any) -> Article:
    text: str = row["text"]
    title: str | None = row["title"]
    body = text[len(title) + 2 :] if title and text.startswith(title + "\n\n") else text
    return Article(
        body=body,
        title=title,
        byline=list(row["byline"]),
        outlet=row["outlet"],
        url=row["url"],
        published=row["published"],
        published_source=row["published_source"],
        boilerplate=[Boilerplate(**b) for b in row["boilerplate"]],
        source=row["source"],
        record=row["record"],
        external_id=row["external_id"],
        encoding=row["encoding"],
        flags=list(row["flags"]),
    )


def _relink(conn: Connection, old_root: str, new_root: str) -> None:
    """Make ``new_root`` the original of ``old_root`` and of every copy of it."""
    a = s.articles
    conn.execute(update(a).where(a.c.syndicated_of == old_root).values(syndicated_of=new_root))
    conn.execute(update(a).where(a.c.id == old_root).values(syndicated_of=new_root))
    conn.execute(update(a).where(a.c.id == new_root).values(syndicated_of=None))


def _write_analysis(conn: Connection, doc: Document) -> None:
    """Replace the analysis rows of one document (inside the caller's transaction)."""
    for table in (*s.ANNOTATION_TABLES, s.analyses):
        conn.execute(delete(table).where(table.c.article_id == doc.id))
    conn.execute(
        insert(s.analyses).values(
            article_id=doc.id,
            pipeline=doc.pipeline or "unknown",
            model=doc.model or "unknown",
            schema_version=doc.schema_version,
            analysed_at=_now(),
            sentences=[{"start": x.start, "end": x.end} for x in doc.sentences],
        )
    )
    payload = doc.to_dict()
    entity_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    for seq, (entity, data) in enumerate(zip(doc.entities, payload["entities"], strict=True)):
        data.pop("mentions")
        entity_rows.append(
            {
                "article_id": doc.id,
                "id": entity.id,
                "seq": seq,
                "name": entity.name,
                "type": entity.type,
                "wikidata": entity.wikidata,
                "actor": entity.actor,
                "data": data,
            }
        )
        mention_rows.extend(
            {
                "article_id": doc.id,
                "entity_id": entity.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": m.kind,
            }
            for m in entity.mentions
        )
    rows: dict[str, list[dict[str, Any]]] = {
        "entities": entity_rows,
        "mentions": mention_rows,
        "quotes": [
            {
                "article_id": doc.id,
                "id": q["id"],
                "seq": i,
                "kind": q["kind"],
                "start": q["start"],
                "end": q["end"],
                "speaker": q["speaker"],
                "data": q,
            }
            for i, q in enumerate(payload["quotes"])
        ],
        "times": [
            {
                "article_id": doc.id,
                "id": t["id"],
                "seq": i,
                "start": t["start"],
                "end": t["end"],
                "type": t["type"],
                "value": t["value"],
                "data": t,
            }
            for i, t in enumerate(payload["times"])
        ],
        "events": [
            {
                "article_id": doc.id,
                "id": e["id"],
                "seq": i,
                "type": e["type"],
                "date": e["date"],
                "modality": e["modality"],
                "data": e,
            }
            for i, e in enumerate(payload["events"])
        ],
    }
    for table in s.ANNOTATION_TABLES:
        if rows[table.name]:
            conn.execute(insert(table), rows[table.name])


def _load_documents(conn: Connection, ids: list[str]) -> Iterator[Document]:
    """Documents for a batch of ids, in the order given."""
    if not ids:
        return
    articles = {
        r.id: r._mapping for r in conn.execute(select(s.articles).where(s.articles.c.id.in_(ids)))
    }
    analyses = {
        r.article_id: r._mapping
        for r in conn.execute(select(s.analyses).where(s.analyses.c.article_id.in_(ids)))
    }
    per_table: dict[str, dict[str, list[Any]]] = {}
    for table in (s.entities, s.quotes, s.times, s.events):
        grouped: dict[str, list[Any]] = {}
        query = (
            select(table.c.article_id, table.c.data)
            .where(table.c.article_id.in_(ids))
            .order_by(table.c.article_id, table.c.seq)
        )
        for article_id, data in conn.execute(query):
            grouped.setdefault(article_id, []).append(data)
        per_table[table.name] = grouped
    mentions: dict[tuple[str, str], list[Mention]] = {}
    query = select(s.mentions).where(s.mentions.c.article_id.in_(ids)).order_by(s.mentions.c.start)
    for m in conn.execute(query):
        mentions.setdefault((m.article_id, m.entity_id), []).append(
            Mention(m.start, m.end, m.text, m.kind)
        )
    for article_id in ids:
        row = articles.get(article_id)
        if row is None:
            continue
        doc = Document.from_article(_article_from_row(row))
        doc.syndicated_of = row["syndicated_of"]
        analysis = analyses.get(article_id)
        if analysis is not None:
            entities = [
                {**e, "mentions": [vars(m) for m in mentions.get((article_id, e["id"]), [])]}
                for e in per_table["entities"].get(article_id, [])
            ]
            doc = Document.from_dict(
                {
                    **doc.to_dict(),
                    "pipeline": analysis["pipeline"],
                    "model": analysis["model"],
                    "sentences": analysis["sentences"],
                    "entities": entities,
                    "quotes": per_table["quotes"].get(article_id, []),
                    "times": per_table["times"].get(article_id, []),
                    "events": per_table["events"].get(article_id, []),
                }
            )
        yield doc

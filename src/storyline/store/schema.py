"""The database schema (SQLAlchemy Core), documented in ``docs/storage.md``.

Annotations are stored one row each with the columns queries filter on plus ``data``, the
full record as JSON in the form of the analysis contract.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _article_fk() -> Column[str]:
    return Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )


schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("byline", JSON, nullable=False),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(10)),
    Column("published_source", String(16)),
    Column("text", Text, nullable=False),
    Column("boilerplate", JSON, nullable=False),
    Column("source", Text, nullable=False),
    Column("record", Text),
    Column("external_id", Text),
    Column("encoding", String(40)),
    Column("flags", JSON, nullable=False),
    Column("syndicated_of", String(32), ForeignKey("articles.id", ondelete="SET NULL")),
    Column("similarity", Float),  # estimated Jaccard with the article it is a copy of
    Column("ingested_at", String(40), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_syndicated_of", "syndicated_of"),
)

# MinHash signature of each article, and its LSH band keys for finding near-duplicates.
signatures = Table(
    "signatures",
    metadata,
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("minhash", LargeBinary, nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    _article_fk(),
    Column("band", Integer, nullable=False),
    Column("bucket", String(40), nullable=False),
    Index("ix_lsh_bands_bucket", "band", "bucket"),
    Index("ix_lsh_bands_article", "article_id"),
)

analyses = Table(
    "analyses",
    metadata,
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("pipeline", String(100), nullable=False),
    Column("model", String(100), nullable=False),
    Column("schema_version", String(10), nullable=False),
    Column("analysed_at", String(40), nullable=False),
    Column("sentences", JSON, nullable=False),
    Index("ix_analyses_pipeline", "pipeline"),
)


def _annotation_table(name: str, *columns: Column[object]) -> Table:
    return Table(
        name,
        metadata,
        _article_fk(),
        Column("id", String(32), nullable=False),
        Column("seq", Integer, nullable=False),  # order within the document
        *columns,
        Column("data", JSON, nullable=False),
        Index(f"ix_{name}_article", "article_id", "seq", unique=True),
    )


entities = _annotation_table(
    "entities",
    Column("name", Text, nullable=False),
    Column("type", String(40), nullable=False),
    Column("wikidata", String(20)),
    Column("actor", String(200)),  # the corpus-wide actor (schema 2)
)
Index("ix_entities_actor", entities.c.actor)
mentions = Table(
    "mentions",
    metadata,
    _article_fk(),
    Column("entity_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(20), nullable=False, server_default="name"),  # schema 2
    Index("ix_mentions_article", "article_id", "entity_id"),
    Index("ix_mentions_text", "text"),
)
quotes = _annotation_table(
    "quotes",
    Column("kind", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", String(32)),
)
times = _annotation_table(
    "times",
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", String(40)),
)
events = _annotation_table(
    "events",
    Column("type", String(40), nullable=False),
    Column("date", String(40)),
    Column("modality", String(20), nullable=False),
)

ANNOTATION_TABLES = (entities, mentions, quotes, times, events)

# Corpus-wide actors (schema 2): one row per actor, ``data`` holding its aliases (with how
# often each was used) and the actors named alongside it; ``actor_keys`` are its blocking
# keys, so that resolving an entity reads only the actors that share one.
actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(40), nullable=False),
    Column("country", String(8)),
    Column("sector", String(60)),
    Column("wikidata", String(20)),
    Column("gazetteer", String(200)),
    Column("data", JSON, nullable=False),
    Index("ix_actors_name", "name"),
)
actor_keys = Table(
    "actor_keys",
    metadata,
    Column("key", String(300), nullable=False),
    Column("actor_id", String(200), ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("key", "actor_id"),
)

# Corpus-wide events (schema 3): one row per real-world event, ``data`` holding the whole
# MergedEvent (reports, disagreements); ``event_actors`` index it by actor and role,
# ``event_keys`` are its blocking keys, ``event_reports`` the articles that report it.
merged_events = Table(
    "merged_events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("date", String(40)),  # the event's own date (ISO, possibly partial) or NULL
    Column("first_day", String(10)),  # the days that date spans ("2019": 2019-01-01 …)
    Column("last_day", String(10)),
    Column("before", String(10)),  # undated: the bound (the earliest report's publication)
    Column("modality", String(20), nullable=False),
    Column("intensity", Float),
    Column("reports", Integer, nullable=False),  # mentions reporting it (several per article)
    Column("data", JSON, nullable=False),
    Index("ix_merged_events_days", "first_day", "last_day"),
    Index("ix_merged_events_type", "type"),
)


def _merged_fk() -> Column[str]:
    return Column(
        "event_id", String(40), ForeignKey("merged_events.id", ondelete="CASCADE"), nullable=False
    )


event_actors = Table(
    "event_actors",
    metadata,
    _merged_fk(),
    Column("actor_id", String(200), nullable=False),
    Column("role", String(10), nullable=False),  # actor | recipient
    PrimaryKeyConstraint("event_id", "actor_id", "role"),
    Index("ix_event_actors_actor", "actor_id", "role"),
)
event_keys = Table(
    "event_keys",
    metadata,
    Column("key", String(300), nullable=False),
    _merged_fk(),
    PrimaryKeyConstraint("key", "event_id"),
)
event_reports = Table(
    "event_reports",
    metadata,
    _article_fk(),
    _merged_fk(),
    PrimaryKeyConstraint("article_id", "event_id"),
    Index("ix_event_reports_event", "event_id"),
)
EVENT_TABLES = (merged_events, event_actors, event_keys, event_reports)

"""Actors in the store: the resolver's SQL actor store, written with the article, and the
actor queries; run against every backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from storyline.errors import StorageError
from storyline.gazetteer import Gazetteer
from storyline.ingest.dedup import fingerprint
from storyline.model import Document, Entity, Mention, Quote
from storyline.resolve.actors import ActorIndex
from storyline.store import open_store
from storyline.store import sql as sql_module
from storyline.store.actors import SqlActors, actor_detail, find_actors, list_actors
from storyline.store.migrations import LATEST
from tests.factories import article


def _analysed(body: str, *names: tuple[str, str]) -> tuple[object, Document]:
    """An article whose entities are the given (name, type) pairs, each mentioned where
    its name first occurs, and a quote by the first about the second."""
    art = article(body=body, title=None)
    doc = Document.from_article(art)
    doc.pipeline, doc.model = "test:1", "test-model"
    for number, (name, kind) in enumerate(names, start=1):
        at = doc.text.index(name)
        doc.entities.append(
            Entity(f"e{number}", name, kind, mentions=[Mention(at, at + len(name), name)])
        )
    quote = doc.text.index("“")
    end = doc.text.index("”") + 1
    doc.quotes = [Quote("q1", "direct", quote, end, doc.text[quote:end], speaker="e1")]
    return art, doc


def _store(store: object, art: object, doc: Document, index: ActorIndex) -> None:
    actors = index.store
    assert isinstance(actors, SqlActors)
    index.resolve(doc)
    store.add(art, fingerprint(art.text), doc, actors=actors.take())  # type: ignore[attr-defined]


def test_actors_are_stored_with_their_article_and_resolved_across_articles(db_url: str) -> None:
    with open_store(db_url) as store:
        index = ActorIndex(Gazetteer(), SqlActors(store.engine))
        first = _analysed("Muammar Gaddafi said “Nicolas Sarkozy lied.”", ("Muammar Gaddafi",
                          "person"), ("Nicolas Sarkozy", "person"))  # fmt: skip
        second = _analysed("Moammar Qaddafi told him “Sarkozy owes us.”",
                           ("Moammar Qaddafi", "person"), ("Sarkozy", "person"))  # fmt: skip
        _store(store, *first, index)
        _store(store, *second, index)
        stored = store.get_document(second[0].id)  # type: ignore[attr-defined]
        assert stored is not None
        assert [e.actor for e in stored.entities] == ["muammar-gaddafi", "nicolas-sarkozy"]
        listed = list_actors(store.engine)
        gaddafi = next(a for a in listed if a.id == "muammar-gaddafi")
        assert (gaddafi.articles, gaddafi.mentions) == (2, 2)
        assert gaddafi.aliases == ["Moammar Qaddafi"]
        assert [a.id for a in find_actors(store.engine, "Qaddafi")] == []  # surnames: no key
        assert [a.id for a in find_actors(store.engine, "moammar QADDAFI")] == ["muammar-gaddafi"]
        detail = actor_detail(store.engine, find_actors(store.engine, "Nicolas Sarkozy")[0])
        assert {q.relation for q in detail.quotes} == {"about"} and len(detail.articles) == 2
        by = actor_detail(store.engine, gaddafi).quotes
        assert [q.relation for q in by].count("by") == 2


def test_a_failed_write_stores_no_actor(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: object, doc: object) -> None:
        raise sql_module.SQLAlchemyError("disk full")

    with open_store(db_url) as store:
        index = ActorIndex(Gazetteer(), SqlActors(store.engine))
        art, doc = _analysed("Ana Lima said “no”.", ("Ana Lima", "person"))
        monkeypatch.setattr(sql_module, "_write_analysis", broken)
        with pytest.raises(StorageError):
            _store(store, art, doc, index)
        assert list_actors(store.engine) == []
        assert index.store.take() == []  # type: ignore[attr-defined]


def test_a_version_1_database_is_migrated_to_actors(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/old.db"
    open_store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:  # take the database back to schema 1
        conn.execute(text("DROP INDEX ix_entities_actor"))
        conn.execute(text("ALTER TABLE entities DROP COLUMN actor"))
        conn.execute(text("ALTER TABLE mentions DROP COLUMN kind"))
        conn.execute(text("DROP TABLE actor_keys"))
        conn.execute(text("DROP TABLE actors"))
        for table in ("event_reports", "event_keys", "event_actors", "merged_events"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version >= 2"))
    engine.dispose()
    with open_store(url) as store:
        assert store.schema_version == LATEST == 3
        index = ActorIndex(Gazetteer(), SqlActors(store.engine))
        _store(store, *_analysed("Ana Lima said “no”.", ("Ana Lima", "person")), index)
        assert [a.id for a in list_actors(store.engine)] == ["ana-lima"]

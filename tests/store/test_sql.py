"""The storage contract, run against every backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, insert

from storyline.errors import StorageError
from storyline.ingest.dedup import fingerprint
from storyline.store import open_store
from storyline.store import sql as sql_module
from storyline.store.migrations import LATEST
from storyline.store.schema import schema_migrations
from tests.factories import article, document


def test_sql_new_database_is_at_latest_schema(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.schema_version == LATEST
    with open_store(db_url) as store:  # reopening migrates nothing and loses nothing
        assert store.schema_version == LATEST


def test_sql_refuses_a_newer_schema(db_url: str) -> None:
    open_store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(insert(schema_migrations).values(version=LATEST + 1, name="x", applied_at="-"))
    engine.dispose()
    with pytest.raises(StorageError, match="newer than this storyline"):
        open_store(db_url)


def test_sql_document_round_trip(db_url: str) -> None:
    art = article()
    doc = document(art)
    with open_store(db_url) as store:
        store.add(art, fingerprint(art.text), doc)
        assert store.get_document(art.id) == doc
        assert store.get_article(art.id) == art


def test_sql_article_without_analysis_has_empty_annotations(db_url: str) -> None:
    art = article()
    with open_store(db_url) as store:
        store.add(art, fingerprint(art.text))
        stored = store.get_document(art.id)
    assert stored is not None
    assert stored.text == art.text and stored.entities == [] and stored.pipeline is None


def test_sql_find_copy_ignores_case_and_spacing(db_url: str) -> None:
    art = article()
    with open_store(db_url) as store:
        store.add(art, fingerprint(art.text))
        assert store.find_copy(art.text.upper().replace(" ", "  ")) == art.id
        assert store.find_copy("something else entirely") is None


def test_sql_save_analysis_replaces_the_old_one(db_url: str) -> None:
    art = article()
    old = document(art, pipeline="old:1")
    new = document(art, pipeline="new:2")
    new.entities = new.entities[:1]
    new.quotes = []
    with open_store(db_url) as store:
        store.add(art, fingerprint(art.text), old)
        assert store.outdated("new:2") == [art.id]
        store.save_analysis(new)
        assert store.get_document(art.id) == new
        assert store.outdated("new:2") == []
        assert store.stats().annotations["quotes"] == 0


def test_sql_failed_write_stores_nothing_of_the_article(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = article()

    def broken(conn: object, doc: object) -> None:
        raise sql_module.SQLAlchemyError("disk full")

    monkeypatch.setattr(sql_module, "_write_analysis", broken)
    with open_store(db_url) as store:
        with pytest.raises(StorageError, match="fixture.txt: cannot store"):
            store.add(art, fingerprint(art.text), document(art))
        assert store.get_article(art.id) is None
        assert store.candidates(fingerprint(art.text).buckets) == []


def test_sql_candidates_and_relink(db_url: str) -> None:
    first = article(published="1977-11-21")
    copy = article(title="Another headline", published="1977-11-22")
    with open_store(db_url) as store:
        store.add(first, fingerprint(first.text))
        found = store.candidates(fingerprint(copy.text).buckets)
        assert [c.id for c in found] == [first.id]
        store.add(copy, fingerprint(copy.text), syndicated_of=first.id, similarity=0.9)
        earlier = article(title="Earliest", published="1977-11-19")
        store.add(earlier, fingerprint(earlier.text), original_of=first.id)
        listing = {a.id: a.syndicated_of for a in store.list_articles()}
    assert listing == {earlier.id: None, first.id: earlier.id, copy.id: earlier.id}


def test_sql_listing_and_documents_in_publication_order(db_url: str) -> None:
    late = article(body="A later story about the talks.", published="1978-09-17")
    undated = article(body="A story with no date at all.", published=None)
    early = article(published="1977-11-20")
    with open_store(db_url) as store:
        for art in (late, undated, early):
            store.add(art, fingerprint(art.text), document(art) if art is early else None)
        order = [a.id for a in store.list_articles()]
        assert order == [early.id, late.id, undated.id]
        assert [d.id for d in store.iter_documents(batch=1)] == order
        assert store.resolve_id(early.id[:8]) == [early.id]
        assert len(store.resolve_id("a")) == 2
        stats = store.stats("test:1")
    assert (stats.articles, stats.analysed, stats.outdated) == (3, 1, 2)
    assert stats.first_published == "1977-11-20" and stats.outlets == {"The Test Courier": 3}


def test_sql_cannot_open_a_bad_url() -> None:
    with pytest.raises(StorageError, match="cannot open the database"):
        open_store("sqlite:////nonexistent-folder/x/y.db")

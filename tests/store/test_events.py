"""Merged events in the store: written with their article, merged across articles, queried;
run against every backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storyline.errors import StorageError
from storyline.ingest.dedup import fingerprint
from storyline.model import Document
from storyline.resolve.events import EventIndex
from storyline.store import Store, open_store
from storyline.store import schema as s
from storyline.store import sql as sql_module
from storyline.store.events import SqlEvents, count_events, list_events
from tests.factories import article
from tests.factories import event_document as _doc


def _add(store: Store, index: EventIndex, doc: Document, copy_of: str | None = None) -> str:
    """Store a hand-made document as an article (its id is the article's) with its events."""
    art = article(body=f"{doc.text} [{doc.published}]", title=None, published=doc.published)
    doc.id, doc.text = art.id, art.text
    index.add(doc, copy_of=copy_of)
    events = index.store
    assert isinstance(events, SqlEvents)
    return store.add(art, fingerprint(art.text), doc, events=events.take())


def test_events_are_merged_across_articles_and_queried(db_url: str) -> None:
    with open_store(db_url) as store:
        index = EventIndex(SqlEvents(store.engine))
        first = _add(store, index, _doc("x", "2019-05-01", "struck", "ASSAULT", "us", "iran",
                                        "2018-03-04"))  # fmt: skip
        second = _add(store, index, _doc("x", "2020-06-01", "bombed", "ASSAULT", "us", "iran",
                                         "2018-03"))  # fmt: skip
        _add(store, index, _doc("x", "2019-05-01", "accused", "ACCUSE", "iran", "us", "2019-04"))
        assert count_events(store.engine) == 2
        found = list_events(store.engine, actors=["country:us"])
        assert len(found) == 1 and found[0].date == "2018-03-04"
        assert [r.article for r in found[0].reports] == [first, second]
        assert [e.type for e in list_events(store.engine, involving=["country:us"])] == [
            "ASSAULT",
            "ACCUSE",
        ]  # by their own date
        assert [e.type for e in list_events(store.engine, recipients=["country:us"])] == ["ACCUSE"]
        assert list_events(store.engine, types={"ACCUSE"}, date_from="2019-04-15")[0].type == (
            "ACCUSE"
        )
        assert list_events(store.engine, date_from="2019-05-01") == []
        assert [e.type for e in list_events(store.engine, date_to="2018-12-31")] == ["ASSAULT"]


def test_analysing_an_article_again_replaces_its_reports(db_url: str) -> None:
    with open_store(db_url) as store:
        index = EventIndex(SqlEvents(store.engine))
        doc = _doc("x", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30")
        ident = _add(store, index, doc)
        again = _doc("x", "2019-05-01", "accused", "ACCUSE", "us", "iran", "2019-04-30")
        again.id, again.text = ident, doc.text
        index.add(again)
        events = index.store
        assert isinstance(events, SqlEvents)
        store.save_analysis(again, events=events.take())
        assert [e.type for e in list_events(store.engine)] == ["ACCUSE"]
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(s.event_reports)).scalar() == 1


def test_a_syndicated_copy_adds_no_report(db_url: str) -> None:
    with open_store(db_url) as store:
        index = EventIndex(SqlEvents(store.engine))
        original = _add(store, index, _doc("x", "2019-05-01", "struck", "ASSAULT", "us", "iran",
                                           "2019-04-30"))  # fmt: skip
        copy = _doc("x", "2019-05-02", "struck", "ASSAULT", "us", "iran", "2019-04-30")
        _add(store, index, copy, copy_of=original)
        (event,) = list_events(store.engine)
        assert [(r.article, r.copies) for r in event.reports] == [(original, 1)]


def test_a_failed_write_stores_no_event(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: object, doc: object) -> None:
        raise sql_module.SQLAlchemyError("disk full")

    with open_store(db_url) as store:
        index = EventIndex(SqlEvents(store.engine))
        monkeypatch.setattr(sql_module, "_write_analysis", broken)
        with pytest.raises(StorageError):
            _add(store, index, _doc("x", "2019-05-01", "struck", "ASSAULT", "us", "iran"))
        assert list_events(store.engine) == []
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(s.event_actors)).scalar() == 0


def test_date_filters_read_dates_of_any_precision(db_url: str) -> None:
    with open_store(db_url) as store:
        index = EventIndex(SqlEvents(store.engine))
        _add(store, index, _doc("x", "1977-11-22", "met", "CONSULT", "us", "iran",
                                "1977-11-21TMO"))  # fmt: skip
        _add(store, index, _doc("x", "1978-12-01", "met", "CONSULT", "us", "iraq", "1978"))
        _add(store, index, _doc("x", "1978-05-01", "struck", "ASSAULT", "us", "iraq",
                                "1978-04"))  # fmt: skip
        dates = [e.date for e in list_events(store.engine, date_to="1977-11-21")]
        assert dates == ["1977-11-21TMO"]
        dates = [e.date for e in list_events(store.engine, date_from="1978-06-01")]
        assert dates == ["1978"]  # the year overlaps; April does not
        dates = [e.date for e in list_events(store.engine, date_from="1978-01-01",
                                             date_to="1978-12-31")]  # fmt: skip
        assert dates == ["1978", "1978-04"]  # by the first day of their span

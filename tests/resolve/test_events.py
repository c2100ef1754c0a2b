"""Cross-document event merging: one event per real-world event, with all its reports."""

from __future__ import annotations

import datetime as dt
import gc

from storyline.model import Document, Event
from storyline.resolve.events import (
    EventIndex,
    collector_paused,
    dates_compatible,
    merge_events,
    reports_of,
)
from tests.factories import event_document as _doc


def test_a_strike_told_a_year_and_two_years_later_is_one_event_dated_by_its_own_date() -> None:
    merged = merge_events(
        [
            _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2018-03-04"),
            _doc("a2", "2020-06-01", "bombed", "ASSAULT", "us", "iran", "2018-03"),
        ]
    )
    assert len(merged) == 1
    event = merged[0]
    assert event.date == "2018-03-04" and event.granularity == "day"
    assert [r.article for r in event.reports] == ["a1", "a2"]
    assert [r.published for r in event.reports] == ["2019-05-01", "2020-06-01"]
    assert event.summary == "United States struck Iran"
    assert event.reports[0].sentence == "United States struck Iran."
    assert event.intensity == -9 and event.cameo is not None


def test_different_recipients_types_or_dates_are_different_events() -> None:
    merged = merge_events(
        [
            _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2018-03-04"),
            _doc("a2", "2019-05-01", "struck", "ASSAULT", "us", "iraq", "2018-03-04"),
            _doc("a3", "2019-05-01", "accused", "ACCUSE", "us", "iran", "2018-03-04"),
            _doc("a4", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2017-01-09"),
        ]
    )
    assert len(merged) == 4


def test_a_government_and_its_leader_are_compatible_actors() -> None:
    merged = merge_events(
        [
            _doc("a1", "2019-05-01", "sanctioned", "SANCTION", "us", "iran", "2019-04-30"),
            _doc("a2", "2019-05-02", "sanctioned", "SANCTION", "trump", "iran", "2019-04-30"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].actor == ["country:us", "donald-trump"]
    assert merged[0].disagreements == []


def test_an_undated_report_joins_a_dated_event_of_the_weeks_before_it() -> None:
    dated = _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-28")
    soon = _doc("a2", "2019-05-03", "struck", "ASSAULT", "us", "iran")
    late = _doc("a3", "2019-09-03", "struck", "ASSAULT", "us", "iran")
    merged = merge_events([dated, soon, late])
    assert sorted(len(m.reports) for m in merged) == [1, 2]
    undated = [m for m in merged if len(m.reports) == 1][0]
    assert undated.date is None and undated.before == "2019-09-03"


def test_reports_that_differ_on_the_date_or_on_whether_it_happened_say_so() -> None:
    merged = merge_events(
        [
            _doc("a1", "2019-05-05", "struck", "ASSAULT", "us", "iran", "2019-05-03"),
            _doc("a2", "2019-05-05", "struck", "ASSAULT", "us", "iran", "2019-05-04"),
            _doc("a3", "2019-05-06", "struck", "ASSAULT", "us", "iran", "2019-05-03", "negated"),
        ]
    )
    assert len(merged) == 1
    found = {d.aspect: d.versions for d in merged[0].disagreements}
    assert found["date"] == {"2019-05-03": ["a1", "a3"], "2019-05-04": ["a2"]}
    assert found["modality"] == {"happened": ["a1", "a2"], "negated": ["a3"]}
    assert merged[0].date == "2019-05-03"


def test_a_syndicated_copy_counts_once() -> None:
    original = _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30")
    copy = _doc("a2", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30", outlet="AP")
    copy.syndicated_of = "a1"
    merged = merge_events([original, copy])
    assert len(merged) == 1 and len(merged[0].reports) == 1
    assert merged[0].reports[0].copies == 1


def test_analysing_an_article_again_replaces_its_reports_and_keeps_ids() -> None:
    index = EventIndex()
    first = _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30")
    second = _doc("a2", "2019-05-02", "struck", "ASSAULT", "us", "iran", "2019-04-30")
    ident = index.add(first)[0].id
    assert index.add(second)[0].id == ident
    again = _doc("a1", "2019-05-01", "accused", "ACCUSE", "us", "iran", "2019-04-30")
    changed = index.add(again)
    struck = [e for e in changed if e.id == ident][0]
    assert [r.article for r in struck.reports] == ["a2"]
    assert any(e.type == "ACCUSE" for e in changed)


def test_a_second_mention_in_one_article_joins_unless_something_tells_them_apart() -> None:
    doc = _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30")
    doc.events.append(Event(**{**doc.events[0].__dict__, "id": "v2"}))
    (merged,) = merge_events([doc])
    assert [(r.article, r.event) for r in merged.reports] == [("a1", "v1"), ("a1", "v2")]
    other = _doc("a2", "2019-05-01", "struck", "ASSAULT", "us", "iraq", "2019-04-30")
    doc2 = _doc("a2", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30")
    doc2.entities += other.entities[1:]
    doc2.events.append(Event(**{**doc2.events[0].__dict__, "id": "v2", "recipient": ["e4"]}))
    assert len(merge_events([doc2])) == 2  # Iran, then Iraq: two strikes


def test_date_compatibility() -> None:
    ((a, _, _),) = reports_of(_doc("a1", "2019-05-01", "x", "OTHER", "us", "iran", "2018"))
    ((b, _, _),) = reports_of(_doc("a2", "2019-05-01", "x", "OTHER", "us", "iran", "2018-07-02"))
    ((c, _, _),) = reports_of(_doc("a3", "2019-05-01", "x", "OTHER", "us", "iran", "2019-01"))
    assert dates_compatible(a, b) and not dates_compatible(b, c) and not dates_compatible(a, c)


def test_the_nearest_candidates_are_compared_when_a_block_is_large() -> None:
    days = [(dt.date(2019, 1, 1) + dt.timedelta(days=3 * i)).isoformat() for i in range(60)]
    docs = [
        _doc(f"a{i}", day, "struck", "ASSAULT", "us", "iran", day) for i, day in enumerate(days)
    ]
    last = docs[-1].events[0].date
    again = _doc("b", "2019-12-30", "bombed", "ASSAULT", "us", "iran", last)
    merged = merge_events([*docs, again])
    assert len(merged) == 60
    joined = [m for m in merged if any(r.article == "b" for r in m.reports)][0]
    assert [r.article for r in joined.reports] == ["a59", "b"]


def test_a_report_without_an_actor_joins_through_its_recipient_and_the_day() -> None:
    passive = _doc("a2", "2019-03-05", "struck", "ASSAULT", "us", "iran", "2019-03-04")
    passive.events[0].actor = []
    merged = merge_events(
        [_doc("a1", "2019-03-05", "struck", "ASSAULT", "us", "iran", "2019-03-04"), passive]
    )
    assert len(merged) == 1 and len(merged[0].reports) == 2


def test_reports_that_disagree_on_who_acted_the_same_day_join_and_say_so() -> None:
    merged = merge_events(
        [
            _doc("a1", "2019-03-05", "struck", "ASSAULT", "us", "iran", "2019-03-04"),
            _doc("a2", "2019-03-05", "struck", "ASSAULT", "iraq", "iran", "2019-03-04"),
        ]
    )
    assert len(merged) == 1
    assert {d.aspect: d.versions for d in merged[0].disagreements}["actor"] == {
        "country:us": ["a1"],
        "country:iq": ["a2"],
    }
    vaguer = merge_events(
        [
            _doc("a1", "2019-03-05", "struck", "ASSAULT", "us", "iran", "2019-03-04"),
            _doc("a3", "2019-03-05", "struck", "ASSAULT", "iraq", "iran", "2019-03"),
        ]
    )
    assert len(vaguer) == 2  # a month is not the same day


def test_an_announced_event_is_not_the_event_done() -> None:
    done = _doc("a1", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-28")
    announced = _doc("a2", "2019-05-03", "strike", "ASSAULT", "us", "iran", None, "future")
    merged = merge_events([done, announced])
    assert len(merged) == 2
    future = [m for m in merged if m.modality == "future"][0]
    assert future.before is None and future.date is None  # no "happened before" bound


def test_dates_of_any_precision_are_read() -> None:
    week = _doc("a1", "2024-05-10", "visited", "CONSULT", "us", "iran", "2024-W20")
    timed = _doc("a2", "1977-11-21", "visited", "CONSULT", "us", "iraq", "1977-11-21TMO")
    merged = {m.reports[0].article: m for m in merge_events([week, timed])}
    assert (merged["a1"].date, merged["a1"].granularity) == ("2024-W20", "week")
    assert (merged["a2"].date, merged["a2"].granularity) == ("1977-11-21TMO", "day")


def test_a_reciprocal_event_keeps_its_actors_as_recipients() -> None:
    doc = _doc("a1", "2019-05-01", "met", "CONSULT", "us", "iran", "2019-04-30")
    doc.events[0].recipient = ["e1", "e2"]
    doc.events[0].actor = ["e1", "e2"]
    (merged,) = merge_events([doc])
    assert merged.actor == merged.recipient == ["country:us", "country:ir"]


def test_a_second_mention_needs_the_same_word_or_someone_in_common() -> None:
    doc = _doc("a1", "2019-05-01", "invited", "REQUEST", "us", "iran")
    doc.events.append(
        Event(**{**doc.events[0].__dict__, "id": "v2", "lemma": "urged", "actor": [],
                 "recipient": [], "participants": []})
    )  # fmt: skip
    assert len(merge_events([doc])) == 2


def test_statements_are_one_utterance_each() -> None:
    first = _doc("a1", "2019-05-01", "said", "OTHER", "us", "iran")
    again = _doc("a2", "2019-05-02", "said", "OTHER", "us", "iran")
    first.events[0].lemma = again.events[0].lemma = "say"
    first.events.append(Event(**{**first.events[0].__dict__, "id": "v2"}))
    assert len(merge_events([first, again])) == 3


def test_a_report_with_nobody_and_no_date_is_at_most_a_second_mention() -> None:
    def bare(ident: str, mentions: int) -> Document:
        doc = _doc(ident, "2019-03-06", "attack", "ASSAULT", "us", "iran")
        doc.events[0].actor = doc.events[0].recipient = []
        doc.events += [Event(**{**doc.events[0].__dict__, "id": f"v{n + 2}"})
                       for n in range(mentions - 1)]  # fmt: skip
        return doc

    crowd = [bare(f"a{i}", 1) for i in range(200)]  # the same day: a crowded block
    merged = merge_events([*crowd, bare("z", 2)])
    assert len(merged) == 201  # "an attack" in two articles: too little to join them
    assert [[(r.article, r.event) for r in m.reports] for m in merged][-1] == [
        ("z", "v1"),
        ("z", "v2"),  # "the attack ... the attack": found among all the others
    ]


def test_merging_makes_no_reference_cycles_and_restores_the_collector() -> None:
    docs = [
        _doc(f"a{i}", "2019-05-01", "struck", "ASSAULT", "us", "iran", "2019-04-30")
        for i in range(3)
    ]
    gc.collect()
    with collector_paused():
        merged = merge_events(docs)
        del merged
        assert gc.collect() == 0  # nothing for the paused collector to have freed
    assert gc.isenabled()
    gc.disable()
    try:
        merge_events(docs)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()

"""The relation between two actors: periods, weights, the index, the table and the chart."""

from __future__ import annotations

import datetime as dt
import json
import math
import struct
from pathlib import Path

import pytest

from storyline.model import MergedEvent, Report
from storyline.query.relations import (
    CLAIMED_WEIGHT,
    MODALITY_WEIGHTS,
    NoDatedEventsError,
    Relation,
    date_interval,
    main_events,
    plot_relation,
    relation,
    relation_table,
    smoothed_index,
)

A, B, C = "actor:eg", "actor:il", "actor:us"
_count = 0


def ev(
    date: str | None,
    intensity: float | None = -5.0,
    actor: str | list[str] = A,
    recipient: str | list[str] = B,
    modality: str = "asserted",
    type: str = "ASSAULT",
    summary: str = "",
    **kw: object,
) -> MergedEvent:
    """A merged event from ``actor`` to ``recipient``."""
    global _count
    _count += 1
    return MergedEvent(
        id=f"m{_count}",
        type=type,
        intensity=intensity,
        actor=[actor] if isinstance(actor, str) else actor,
        recipient=[recipient] if isinstance(recipient, str) else recipient,
        date=date,
        modality=modality,
        summary=summary,
        **kw,  # type: ignore[arg-type]
    )


def labels(rel: Relation) -> list[str]:
    return [p.label for p in rel.periods]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2019-03-04", "2019-03-04", "2019-03-04"),
        ("2019-03-04T14:30", "2019-03-04", "2019-03-04"),
        ("2019-03", "2019-03-01", "2019-03-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2019", "2019-01-01", "2019-12-31"),
        ("2019-W10", "2019-03-04", "2019-03-10"),
        ("2019-W10-WE", "2019-03-09", "2019-03-10"),
        ("2019-W10-3", "2019-03-06", "2019-03-06"),
        ("2019-Q2", "2019-04-01", "2019-06-30"),
        ("2019-H2", "2019-07-01", "2019-12-31"),
        ("2019-SU", "2019-06-01", "2019-08-31"),
        ("2019-WI", "2019-12-01", "2020-02-29"),
        ("199X", "1990-01-01", "1999-12-31"),
        ("19", "1900-01-01", "1999-12-31"),
    ],
)
def test_date_interval(value: str, first: str, last: str) -> None:
    assert date_interval(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize(
    "value", [None, "", "XXXX-SU", "P3Y", "PRESENT_REF", "2019-02-30", "2019-13"]
)
def test_date_interval_none(value: str | None) -> None:
    assert date_interval(value) is None


# --- periods -------------------------------------------------------------------------------


def test_bucketing_by_month_quarter_and_year() -> None:
    events = [ev("2019-01-15", -4), ev("2019-02-03", -2), ev("2019-04-01", 6)]
    by_month = relation(events, A, B, by="month")
    assert labels(by_month) == ["2019-01", "2019-02", "2019-03", "2019-04"]
    assert [s.count for s in by_month.a_to_b.stats] == [1, 1, 0, 1]
    assert [s.mean for s in by_month.a_to_b.stats] == [-4, -2, None, 6]

    by_quarter = relation(events, A, B, by="quarter")
    assert labels(by_quarter) == ["2019-Q1", "2019-Q2"]
    assert [s.count for s in by_quarter.a_to_b.stats] == [2, 1]
    assert [s.mean for s in by_quarter.a_to_b.stats] == [-3, 6]
    assert [s.sum for s in by_quarter.a_to_b.stats] == [-6, 6]
    assert by_quarter.periods[0].start == dt.date(2019, 1, 1)
    assert by_quarter.periods[0].end == dt.date(2019, 3, 31)

    by_year = relation(events, A, B, by="year")
    assert labels(by_year) == ["2019"]
    assert by_year.a_to_b.stats[0].count == 3
    assert by_year.a_to_b.stats[0].mean == pytest.approx(0.0)


def test_empty_periods_are_filled_across_years() -> None:
    rel = relation([ev("2018-11-20", -6), ev("2019-02-01", -2, actor=B, recipient=A)], A, B)
    assert labels(rel) == ["2018-11", "2018-12", "2019-01", "2019-02"]
    assert [s.count for s in rel.a_to_b.stats] == [1, 0, 0, 0]
    assert [s.count for s in rel.b_to_a.stats] == [0, 0, 0, 1]
    empty = rel.a_to_b.stats[1]
    assert (empty.count, empty.weight, empty.sum, empty.mean) == (0, 0.0, 0.0, None)


def test_coarse_dates_are_imprecise_not_in_the_mean() -> None:
    events = [
        ev("2019-01-10", -2),
        ev("2019", -10),  # a year, by month
        ev("2019-Q1", 8),  # a quarter, by month
        ev("2019-W09", 6),  # 25 February – 3 March: across two months
        ev("2019-W10", 4),  # 4–10 March: within one
    ]
    rel = relation(events, A, B, by="month")
    assert labels(rel) == ["2019-01", "2019-02", "2019-03"]
    jan, feb, mar = rel.a_to_b.stats
    assert (jan.count, jan.imprecise, jan.mean) == (1, 2, -2)
    assert (feb.count, feb.imprecise, feb.mean) == (0, 1, None)
    assert (mar.count, mar.imprecise, mar.mean) == (1, 0, 4)
    flagged = {e.event.date: e for e in rel.a_to_b.events}
    assert flagged["2019"].imprecise and flagged["2019"].period == "2019-01"
    assert "imprecise" in flagged["2019"].flags and not flagged["2019"].counted
    assert flagged["2019-W09"].period == "2019-02"
    assert not flagged["2019-W10"].imprecise

    # the same events by year: all precise
    year = relation(events, A, B, by="year").a_to_b.stats
    assert len(year) == 1
    assert (year[0].count, year[0].imprecise) == (5, 0)
    assert year[0].mean == pytest.approx((-2 - 10 + 8 + 6 + 4) / 5)
    # by quarter: only the year is coarser than a quarter
    quarter = relation(events, A, B, by="quarter").a_to_b.stats
    assert (quarter[0].count, quarter[0].imprecise) == (4, 1)


def test_imprecise_event_alone_still_makes_its_period() -> None:
    rel = relation([ev("2019-06-02", 3), ev("2018", -7, actor=B, recipient=A)], A, B)
    assert labels(rel)[0] == "2018-01" and labels(rel)[-1] == "2019-06"
    assert len(rel.periods) == 18
    assert rel.b_to_a.stats[0].imprecise == 1
    assert all(s.index is None for s in rel.b_to_a.stats)  # no mean: no index


def test_undated_events_are_listed_apart() -> None:
    events = [
        ev("2019-05-05", -3),
        ev(None, -8, before="2019-06-01"),
        ev("XXXX-SU", -1),
        ev(None, 2, actor=B, recipient=A, before="2019-02-01"),
    ]
    rel = relation(events, A, B)
    assert labels(rel) == ["2019-05"]
    assert rel.a_to_b.stats[0].count == 1
    assert [e.event.date for e in rel.a_to_b.undated] == ["XXXX-SU", None]  # by `before`
    assert [e.flags for e in rel.a_to_b.undated] == [["unreadable-date"], ["undated"]]
    assert all(e.period is None and not e.counted for e in rel.a_to_b.undated)
    assert len(rel.b_to_a.undated) == 1 and rel.b_to_a.events == []
    assert rel.a_to_b.total.count == 1
    data = rel.to_dict()
    assert data["a_to_b"]["totals"]["undated"] == 2
    assert data["a_to_b"]["undated"][1]["before"] == "2019-06-01"


def test_only_undated_events() -> None:
    rel = relation([ev(None, -3), ev(None, 4, actor=B, recipient=A)], A, B)
    assert rel.periods == [] and not rel.dated
    assert len(rel.a_to_b.undated) == len(rel.b_to_a.undated) == 1
    assert "(no dated events)" in relation_table(rel)
    json.dumps(rel.to_dict())


# --- intensity and modality ----------------------------------------------------------------


def test_modality_weights_and_missing_intensity() -> None:
    assert MODALITY_WEIGHTS == {
        "asserted": 1.0,
        "claimed": 0.5,
        "negated": 0.0,
        "future": 0.0,
        "hypothetical": 0.0,
    }
    events = [
        ev("2019-03-01", -8),
        ev("2019-03-02", 4, modality="claimed"),
        ev("2019-03-03", -10, modality="negated"),
        ev("2019-03-04", -10, modality="future"),
        ev("2019-03-05", 10, modality="hypothetical"),
        ev("2019-03-06", None),
        ev("2019-03-07", 9, modality="rumoured"),  # unknown: weighs 0
    ]
    s = relation(events, A, B).a_to_b.stats[0]
    assert s.count == 7
    assert s.excluded == 4
    assert s.weight == pytest.approx(1 + CLAIMED_WEIGHT)
    assert s.sum == pytest.approx(-8 + 0.5 * 4)  # -6
    assert s.mean == pytest.approx(-6 / 1.5)  # -4
    by_id = {e.event.modality: e for e in relation(events, A, B).a_to_b.events}
    assert by_id["negated"].flags == ["negated"] and not by_id["negated"].counted
    assert by_id["claimed"].weight == 0.5 and by_id["claimed"].counted
    assert by_id["asserted"].flags in ([], ["no-intensity"])


def test_period_with_only_unreal_events_has_no_mean() -> None:
    events = [ev("2019-01-02", -6), ev("2019-02-02", -9, modality="future")]
    rel = relation(events, A, B, half_life=1)
    feb = rel.a_to_b.stats[1]
    assert (feb.count, feb.excluded, feb.mean) == (1, 1, None)
    assert feb.index == pytest.approx(-3.0)  # decays as if nothing happened


# --- directions ----------------------------------------------------------------------------


def test_both_directions_are_kept_apart() -> None:
    events = [
        ev("2019-01-01", -6),  # A → B
        ev("2019-01-02", -2, actor=[A, C], recipient=[B]),  # A (with C) → B
        ev("2019-01-03", 5, actor=B, recipient=A),  # B → A
        ev("2019-01-04", 9, actor=[A, B], recipient=C),  # together: neither direction
        ev("2019-01-05", 9, actor=A, recipient=C),  # someone else
        ev("2019-01-06", 1, actor=C, recipient=[A, B]),  # both recipients: neither
    ]
    rel = relation(events, A, B)
    ab, ba = rel.a_to_b.stats[0], rel.b_to_a.stats[0]
    assert (ab.count, ab.sum, ab.mean) == (2, -8, -4)
    assert (ba.count, ba.sum, ba.mean) == (1, 5, 5)
    assert (rel.a_to_b.source, rel.a_to_b.target) == (A, B)
    assert (rel.b_to_a.source, rel.b_to_a.target) == (B, A)
    # swapping the actors swaps the directions
    swapped = relation(events, B, A)
    assert swapped.a_to_b.stats[0].mean == 5 and swapped.b_to_a.stats[0].mean == -4


def test_events_of_a_direction_are_in_date_order() -> None:
    events = [ev("2019-03-02", 1), ev("2019-01", 2), ev("2019-01-05", 3)]
    rel = relation(events, A, B)
    assert [e.event.date for e in rel.a_to_b.events] == ["2019-01", "2019-01-05", "2019-03-02"]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="two different actors"):
        relation([], A, A)
    with pytest.raises(ValueError, match="by must be one of"):
        relation([], A, B, by="week")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="half_life"):
        relation([], A, B, half_life=0)


# --- the index -----------------------------------------------------------------------------


def test_index_formula_by_hand() -> None:
    # h = 1: λ = 0.5. Means 4, (none), -2: 4; 0.5·4 = 2; 0.5·2 + 0.5·(-2) = 0.
    assert smoothed_index([4.0, None, -2.0], half_life=1) == [4.0, 2.0, 0.0]
    # nothing before the first mean
    assert smoothed_index([None, None, 6.0, None], half_life=1) == [None, None, 6.0, 3.0]
    # h = 2: λ = 2^-1/2. Means -6, -2: -6; λ·(-6) + (1 - λ)·(-2) = -2 - 4λ = -2 - 2√2 ≈ -4.828
    index = smoothed_index([-6.0, -2.0], half_life=2)
    assert index[1] == pytest.approx(-2 - 2 * math.sqrt(2))
    # a half-life of h periods halves the index in h empty periods
    assert smoothed_index([8.0, None, None, None], half_life=3)[3] == pytest.approx(4.0)


def test_index_in_a_relation() -> None:
    events = [
        ev("2019-01-10", 4),
        ev("2019-03-10", -2),
        ev("2019-02-10", 3, actor=B, recipient=A),
    ]
    rel = relation(events, A, B, half_life=1)
    assert [s.index for s in rel.a_to_b.stats] == [4.0, 2.0, 0.0]
    assert [s.index for s in rel.b_to_a.stats] == [None, 3.0, 1.5]
    default = relation(events, A, B)
    assert default.half_life == 3.0
    lam = 2 ** (-1 / 3)
    assert default.a_to_b.stats[1].index == pytest.approx(4 * lam)


# --- output --------------------------------------------------------------------------------


def test_to_dict() -> None:
    events = [
        ev(
            "2019-01-10",
            -4,
            summary="Egypt shells Israeli positions",
            reports=[Report(article="a2", event="v1"), Report(article="a1", event="v3")],
        ),
        ev("2019-02", 6, actor=B, recipient=A, modality="claimed"),
    ]
    data = relation(events, A, B, by="month", half_life=2).to_dict()
    json.dumps(data)  # JSON-ready
    assert (data["a"], data["b"], data["by"], data["half_life"]) == (A, B, "month", 2)
    assert data["weights"]["claimed"] == 0.5
    assert [p["period"] for p in data["periods"]] == ["2019-01", "2019-02"]
    jan = data["periods"][0]
    assert (jan["start"], jan["end"]) == ("2019-01-01", "2019-01-31")
    assert jan["a_to_b"] == {
        "count": 1,
        "imprecise": 0,
        "excluded": 0,
        "weight": 1.0,
        "sum": -4.0,
        "mean": -4.0,
        "index": -4.0,
    }
    assert jan["b_to_a"]["mean"] is None and jan["b_to_a"]["index"] is None
    assert data["periods"][1]["b_to_a"]["sum"] == 3.0
    first = data["a_to_b"]["events"][0]
    assert first["articles"] == ["a1", "a2"]
    assert first["summary"] == "Egypt shells Israeli positions"
    assert first["period"] == "2019-01" and first["counted"] is True
    assert data["b_to_a"]["events"][0]["flags"] == ["claimed"]
    assert data["b_to_a"]["totals"]["weight"] == 0.5
    assert data["a_to_b"]["source"] == A and data["b_to_a"]["source"] == B


def test_relation_table() -> None:
    events = [ev("2019-01-10", -4), ev("2019-03-01", 6, actor=B, recipient=A), ev(None, 2)]
    text = relation_table(relation(events, A, B, half_life=1), names=("Egypt", "Israel"))
    lines = text.splitlines()
    assert "Egypt → Israel" in lines[0] and "Israel → Egypt" in lines[0]
    assert lines[1].split("|")[0].strip() == "period"
    rows = {line.split("|")[0].strip(): line for line in lines[3:6]}
    assert list(rows) == ["2019-01", "2019-02", "2019-03"]
    assert rows["2019-01"].split("|")[1].split() == ["1", "-4.00", "-4.00", "-4.00"]
    assert rows["2019-02"].split("|")[1].split() == ["0", "-", "0.00", "-2.00"]
    assert rows["2019-03"].split("|")[2].split() == ["1", "6.00", "6.00", "6.00"]
    assert "Egypt → Israel: 1 undated event(s)" in text
    assert all(line == line.rstrip() for line in lines)


def test_main_events() -> None:
    events = [
        ev(f"2019-0{m}-01", i) for m, i in zip(range(1, 9), [1, -9, 3, 8, -2, 9, 5, 7], strict=True)
    ]
    events.append(ev("2019-05-05", -10, modality="negated"))  # not counted: not a main event
    events.append(ev("2019-05-06", 9, modality="claimed"))  # ties go to the asserted one
    chosen = main_events(relation(events, A, B), limit=4)
    assert [e.event.intensity for _, e in chosen] == [-9, 9, 9, 8]
    assert [e.weight for _, e in chosen] == [1.0, 1.0, 0.5, 1.0]


# --- the chart -----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_plot_writes_a_png(tmp_path: Path) -> None:
    events = [
        ev("1973-10-06", -10, summary="Egypt crosses the Suez Canal"),
        ev("1973-10-06", -9, actor=B, recipient=A, summary="Israel strikes back"),
        ev("1974-01-18", 7, actor=B, recipient=A, type="AGREE", summary="Sinai I agreement"),
        ev("1977-11-19", 8, type="COOPERATE", summary="Sadat addresses the Knesset in a speech"),
        ev("1978", 5, type="CONSULT"),
        ev(None, -3),
        ev("1979-03-26", 9, type="AGREE", summary="Peace treaty signed in Washington"),
    ]
    out = plot_relation(
        relation(events, A, B, by="quarter"), tmp_path / "r.png", names=("Egypt", "Israel")
    )
    assert out == tmp_path / "r.png"
    width, height = png_size(out)
    assert width > 800 and height > 400
    assert out.stat().st_size > 20_000


def test_plot_single_period_one_direction_empty(tmp_path: Path) -> None:
    rel = relation([ev("2019-03-04", -6, summary="Shelling")], A, B)
    assert len(rel.periods) == 1 and rel.b_to_a.events == []
    out = plot_relation(rel, tmp_path / "one.png")
    png_size(out)
    assert out.stat().st_size > 10_000


def test_plot_without_dated_events_raises(tmp_path: Path) -> None:
    rel = relation([ev(None, -6)], A, B)
    with pytest.raises(NoDatedEventsError, match="no dated events between Egypt and Israel"):
        plot_relation(rel, tmp_path / "none.png", names=("Egypt", "Israel"))
    assert not (tmp_path / "none.png").exists()
    assert issubclass(NoDatedEventsError, ValueError)

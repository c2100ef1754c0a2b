"""Calendar arithmetic for time values."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.nlp.temporal import resolve as r

WEDNESDAY = dt.date(2009, 3, 11)


@pytest.mark.parametrize(
    ("month", "day", "tense", "year"),
    [
        (10, 25, "past", 2008),  # the most recent past October 25th
        (10, 25, "future", 2009),
        (10, 25, "present", 2008),  # nearer than the coming one
        (3, 11, "past", 2009),  # the publication day itself
        (4, None, "present", 2009),
        (1, None, "future", 2010),
        (12, None, "past", 2008),
    ],
)
def test_resolve_pick_year(month: int, day: int | None, tense: r.Tense, year: int) -> None:
    assert r.pick_year(month, day, WEDNESDAY, tense) == year


@pytest.mark.parametrize(
    ("weekday", "tense", "relative", "date"),
    [
        (0, "past", None, "2009-03-09"),  # Monday before a Wednesday
        (2, "past", None, "2009-03-11"),  # "Wednesday" on a Wednesday, past: that day
        (2, "past", "last", "2009-03-04"),
        (4, "future", None, "2009-03-13"),
        (2, "future", None, "2009-03-18"),
        (4, "past", None, "2009-03-06"),
        (4, "present", "this", "2009-03-13"),
        (0, "past", "next", "2009-03-16"),
    ],
)
def test_resolve_weekday(weekday: int, tense: r.Tense, relative: str | None, date: str) -> None:
    assert r.weekday_date(weekday, WEDNESDAY, tense, relative).isoformat() == date


@pytest.mark.parametrize(
    ("point", "amount", "value"),
    [
        (r.week(WEDNESDAY), -1, "2009-W10"),
        (r.month(2009, 1), -1, "2008-12"),
        (r.year(2009), 2, "2011"),
        (r.quarter(2009, 1), -1, "2008-Q4"),
        (r.decade(1995), 1, "200X"),
        (r.season(2008, "WI"), 1, "2009-WI"),
        (r.day(dt.date(2009, 3, 1)), -1, "2009-02-28"),
    ],
)
def test_resolve_shift(point: r.Point, amount: int, value: str) -> None:
    assert point.shifted(amount).value == value


def test_resolve_intervals() -> None:
    assert (r.season(2008, "WI").start, r.season(2008, "WI").end) == (
        dt.date(2008, 12, 1),
        dt.date(2009, 2, 28),
    )
    assert r.week(WEDNESDAY).start == dt.date(2009, 3, 9)
    assert r.century(19).value == "19" and r.century(19).start == dt.date(1900, 1, 1)


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [(3, "year", "P3Y"), (None, "month", "PXM"), (6, "hour", "PT6H"), (1.5, "day", "P1.5D"),
     (2, "decade", "P2DE"), (1, "fortnight", "P2W")],
)  # fmt: skip
def test_resolve_duration(amount: float | None, unit: str, value: str) -> None:
    assert r.duration(amount, unit) == value


def test_resolve_move_clips_month_ends() -> None:
    assert r.move(dt.date(2009, 3, 31), "month", -1) == dt.date(2009, 2, 28)
    assert r.move(dt.date(2009, 3, 11), "week", -2) == dt.date(2009, 2, 25)

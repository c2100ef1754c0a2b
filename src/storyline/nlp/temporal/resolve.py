"""Calendar arithmetic for time values: TIMEX3 strings from dates, shifts and intervals."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

Tense = Literal["past", "present", "future"]
Granularity = Literal[
    "century", "decade", "year", "season", "quarter", "month", "week", "day", "part", "time"
]


@dataclass(frozen=True)
class Point:
    """A resolved calendar time: a TIMEX3 value, its granularity and its interval."""

    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date  # inclusive

    def shifted(self, amount: int) -> Point:
        """The same kind of period ``amount`` periods later (earlier when negative)."""
        return shift(self, amount)


def day(date: dt.date) -> Point:
    """One day."""
    return Point(date.isoformat(), "day", date, date)


def month(year: int, number: int) -> Point:
    """One month."""
    last = calendar.monthrange(year, number)[1]
    return Point(f"{year:04d}-{number:02d}", "month", dt.date(year, number, 1),
                 dt.date(year, number, last))  # fmt: skip


def year(number: int) -> Point:
    """One year."""
    return Point(f"{number:04d}", "year", dt.date(number, 1, 1), dt.date(number, 12, 31))


def week(date: dt.date) -> Point:
    """The ISO week holding ``date``."""
    iso_year, iso_week, _ = date.isocalendar()
    monday = date - dt.timedelta(days=date.weekday())
    return Point(f"{iso_year:04d}-W{iso_week:02d}", "week", monday,
                 monday + dt.timedelta(days=6))  # fmt: skip


def weekend(date: dt.date) -> Point:
    """The weekend of the ISO week holding ``date``."""
    base = week(date)
    saturday = base.start + dt.timedelta(days=5)
    return Point(base.value + "-WE", "week", saturday, base.end)


def decade(first_year: int) -> Point:
    """A decade (``199X``)."""
    start = first_year - first_year % 10
    return Point(f"{start // 10:03d}X", "decade", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


def century(number: int) -> Point:
    """A century in the TIMEX3 sense (``19`` is 1900-1999)."""
    return Point(f"{number:02d}", "century", dt.date(max(number * 100, 1), 1, 1),
                 dt.date(number * 100 + 99, 12, 31))  # fmt: skip


def quarter(year_number: int, number: int) -> Point:
    """A quarter (``2009-Q3``)."""
    first = 3 * (number - 1) + 1
    return Point(f"{year_number:04d}-Q{number}", "quarter", dt.date(year_number, first, 1),
                 month(year_number, first + 2).end)  # fmt: skip


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def season(year_number: int, code: str) -> Point:
    """A season (``2024-SU``); winter runs from December into the next year."""
    first, last = SEASON_MONTHS[code]
    end_year = year_number + (last - 1) // 12
    end_month = (last - 1) % 12 + 1
    return Point(f"{year_number:04d}-{code}", "season", dt.date(year_number, first, 1),
                 month(end_year, end_month).end)  # fmt: skip


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` moved by whole months (the day clipped to the month's length)."""
    index = date.year * 12 + date.month - 1 + months
    y, m = divmod(index, 12)
    return dt.date(y, m + 1, min(date.day, calendar.monthrange(y, m + 1)[1]))


def shift(point: Point, amount: int) -> Point:
    """The period of the same granularity ``amount`` periods away."""
    g = point.granularity
    if g == "day":
        return day(point.start + dt.timedelta(days=amount))
    if g == "week":
        moved = week(point.start + dt.timedelta(weeks=amount))
        return weekend(moved.start) if point.value.endswith("-WE") else moved
    if g == "month":
        moved_date = add_months(point.start, amount)
        return month(moved_date.year, moved_date.month)
    if g == "year":
        return year(point.start.year + amount)
    if g == "decade":
        return decade(point.start.year + 10 * amount)
    if g == "quarter":
        index = point.start.year * 4 + (point.start.month - 1) // 3 + amount
        return quarter(index // 4, index % 4 + 1)
    if g == "season":
        return season(point.start.year + amount, point.value[-2:])
    if g == "century":
        return century(int(point.value) + amount)
    return point


def unit_point(date: dt.date, unit: str) -> Point:
    """The period of kind ``unit`` (day, week, month, year …) that holds ``date``."""
    if unit == "week":
        return week(date)
    if unit == "weekend":
        return weekend(date)
    if unit == "month":
        return month(date.year, date.month)
    if unit == "year":
        return year(date.year)
    if unit == "decade":
        return decade(date.year)
    if unit == "century":
        return century(date.year // 100)
    if unit == "quarter":
        return quarter(date.year, (date.month - 1) // 3 + 1)
    return day(date)


def move(date: dt.date, unit: str, amount: float) -> dt.date:
    """``date`` moved by ``amount`` units (fractions of days are dropped)."""
    if unit in ("day", "hour", "minute", "second"):
        hours = {"day": 24, "hour": 1, "minute": 1 / 60, "second": 1 / 3600}[unit]
        return date + dt.timedelta(days=int(amount * hours // 24))
    if unit in ("week", "weekend", "fortnight"):
        return date + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(date, int(round(amount * months)))


def pick_year(month_number: int, day_number: int | None, dct: dt.date, tense: Tense) -> int:
    """The year of a month (and day) given without one, as the clause's tense implies.

    Past: the latest occurrence up to the publication date; future: the first from it on;
    present or unknown: the occurrence nearest to it.
    """
    ref = (dct.year, dct.month, dct.day if day_number else 0)
    keys = {y: (y, month_number, day_number or 0) for y in (dct.year - 1, dct.year, dct.year + 1)}
    if tense == "past":
        return max(y for y, k in keys.items() if k <= ref)
    if tense == "future":
        return min(y for y, k in keys.items() if k >= ref)

    def distance(y: int) -> int:
        return abs((y - dct.year) * 12 + month_number - dct.month)

    return min(keys, key=lambda y: (distance(y), y != dct.year))


def weekday_date(weekday: int, dct: dt.date, tense: Tense, relative: str | None = None) -> dt.date:
    """The date of a weekday named in a text published on ``dct``.

    ``last Monday`` and a past-tense clause give the most recent one up to the publication
    day; ``next Monday`` and a future clause the coming one after it; ``this Monday`` and a
    present clause the one in the publication week.
    """
    delta = (weekday - dct.weekday()) % 7
    if relative == "next" or (relative is None and tense == "future"):
        return dct + dt.timedelta(days=delta or 7)
    if relative == "this" or (relative is None and tense == "present"):
        return dct + dt.timedelta(days=weekday - dct.weekday())
    back = (dct.weekday() - weekday) % 7
    if relative == "last" and back == 0:
        back = 7
    return dct - dt.timedelta(days=back)


def duration(amount: float | None, unit: str) -> str:
    """An ISO 8601 duration: ``P3Y``, ``PT6H``, ``PXM`` (unknown count)."""
    letter = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
              "decade": "DE", "century": "CE"}[unit]  # fmt: skip
    if amount is None:
        count = "X"
    else:
        if unit == "fortnight":
            amount *= 2
        count = str(int(amount)) if float(amount).is_integer() else str(amount)
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    return f"{prefix}{count}{letter}"

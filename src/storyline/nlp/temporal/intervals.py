"""The calendar interval a TIMEX3/ISO date value denotes: ``2019`` is 2019-01-01 … 2019-12-31.

Used wherever dates are compared as spans of days: merging event reports, filtering events by
date, bucketing them by period.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from storyline.nlp.temporal import resolve as r

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE|[1-7]))?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


@functools.lru_cache(maxsize=65536)
def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day (inclusive) a TIMEX3/ISO date value denotes, or ``None``.

    Reads days (``2019-03-04``, with or without a time part), months (``2019-03``), years
    (``2019``), ISO weeks (``2019-W10``, ``2019-W10-WE``, ``2019-W10-3``), quarters
    (``2019-Q1``), halves (``2019-H2``), seasons (``2019-SU``; winter runs into the next year),
    decades (``199X``) and centuries (``19`` or ``19XX``). Anything else (``XXXX-SU``, ``P3Y``,
    ``PRESENT_REF``, an impossible day) is ``None``: no calendar interval.
    """
    if not value:
        return None
    value = value.strip()
    point = _point(value)
    return None if point is None else (point.start, point.end)


def _point(value: str) -> r.Point | None:
    try:
        if m := _DAY.match(value):
            return r.day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        if m := _MONTH.match(value):
            return r.month(int(m[1]), int(m[2]))
        if m := _YEAR.match(value):
            return r.year(int(m[1]))
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3] == "WE":
                return r.weekend(monday)
            if m[3]:
                return r.day(monday + dt.timedelta(days=int(m[3]) - 1))
            return r.week(monday)
        if m := _QUARTER.match(value):
            return r.quarter(int(m[1]), int(m[2]))
        if m := _HALF.match(value):
            first = 1 if m[2] == "1" else 7
            return r.Point(value, "month", r.month(int(m[1]), first).start,
                           r.month(int(m[1]), first + 5).end)  # fmt: skip
        if m := _SEASON.match(value):
            return r.season(int(m[1]), m[2])
        if m := _DECADE.match(value):
            return r.decade(int(m[1]) * 10)
        if m := _CENTURY.match(value):
            return r.century(int(m[1]))
    except ValueError:  # month 13, 30 February, week 54, year 0 …
        return None
    return None

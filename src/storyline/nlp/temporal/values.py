"""From a detected candidate to its TIMEX3 value: one small function per rule.

Each resolver gets the candidate, the context (publication date, the clause's tense, the
time it may be anchored to) and returns a :class:`Resolution`, or None when the expression
cannot be resolved (the value then stays null; the expression is still reported).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from storyline.nlp.temporal import resolve as r
from storyline.nlp.temporal.detect import Candidate
from storyline.nlp.temporal.lexicon import (
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    number,
)

# How fine each granularity is: an expression of one unit refers back to the last time
# mentioned at that granularity or finer ("the day before" needs a day, "the year prior" any).
FINENESS = {"time": 0, "part": 0, "day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3,
            "season": 3, "year": 4, "decade": 5, "century": 6}  # fmt: skip


@dataclass(frozen=True)
class Anchor:
    """A time mentioned earlier in the text, which later expressions may refer back to."""

    point: r.Point
    id: str


@dataclass(frozen=True)
class Context:
    """What a value depends on besides the words."""

    dct: dt.date | None
    tense: r.Tense
    anchors: tuple[Anchor, ...] = ()  # earlier times in the text, most recent last

    def anchor_for(self, unit: str) -> Anchor | None:
        """The most recent earlier time at least as fine as ``unit``."""
        limit = FINENESS.get(unit, 0)
        for anchor in reversed(self.anchors):
            if FINENESS.get(anchor.point.granularity, 9) <= limit:
                return anchor
        return None


@dataclass(frozen=True)
class Resolution:
    """A resolved value."""

    value: str | None
    granularity: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    vague: bool = False
    anchor: str | None = None  # id of the earlier time it was resolved against, if any


def of_point(point: r.Point, anchor: Anchor | None = None, suffix: str = "") -> Resolution:
    """A resolution of a calendar point (``suffix`` adds a part of day: ``TMO``)."""
    granularity = "part" if suffix else point.granularity
    ident = anchor.id if anchor else None
    return Resolution(point.value + suffix, granularity, point.start, point.end, False, ident)


PAST_REF = "PAST_REF"
PRESENT_REF = "PRESENT_REF"
FUTURE_REF = "FUTURE_REF"
_REFS = {
    "now": PRESENT_REF, "currently": PRESENT_REF, "at present": PRESENT_REF,
    "nowadays": PRESENT_REF, "presently": PRESENT_REF, "these days": PRESENT_REF,
    "the present": PRESENT_REF, "recently": PAST_REF, "lately": PAST_REF,
    "in the past": PAST_REF, "once": PAST_REF, "formerly": PAST_REF, "earlier": PAST_REF,
    "the past": PAST_REF, "soon": FUTURE_REF, "in the future": FUTURE_REF,
    "the future": FUTURE_REF, "the time being": PRESENT_REF, "the long term": FUTURE_REF,
    "the near term": FUTURE_REF, "the short term": FUTURE_REF, "the long run": FUTURE_REF,
    "recent": PAST_REF, "current": PRESENT_REF,
}  # fmt: skip


def ref(kind: str, dct: dt.date | None) -> Resolution:
    """A vague reference to the past, present or future, bounded by the publication date."""
    if kind == PAST_REF:
        return Resolution(kind, None, None, dct, vague=True)
    if kind == FUTURE_REF:
        return Resolution(kind, None, dct, None, vague=True)
    return Resolution(kind, None, dct, dct, vague=False)


def _year(text: str, dct: dt.date | None) -> int:
    if text.startswith("'"):
        two = int(text[1:])
        century = (dct.year // 100) * 100 if dct else 2000
        return (
            century + two
            if century + two <= (dct.year if dct else 2099) + 1
            else century - 100 + two
        )
    return int(text)


def _month(g: dict[str, str]) -> int:
    return MONTHS[g["month"].lower().rstrip(".")]


def _relative(g: dict[str, str]) -> str | None:
    rel = " ".join(g.get("rel", "").lower().split())
    if not rel:
        return None
    if rel in ("last", "past", "previous", "this past", "the past", "the previous", "the last"):
        return "last"
    if rel in ("next", "coming", "the coming", "the next"):
        return "next"
    if rel in ("following", "the following"):
        return "following"
    return "this"


def month_day(c: Candidate, ctx: Context) -> Resolution | None:
    """``March 4th, 2018``, ``4 March``, ``Wednesday, March 4``: a day."""
    g = c.groups
    month_number, day_number = _month(g), int(g["day"])
    if "year" in g:
        year_number = _year(g["year"], ctx.dct)
    elif ctx.dct is not None:
        year_number = r.pick_year(month_number, day_number, ctx.dct, ctx.tense)
    else:
        return Resolution(f"XXXX-{month_number:02d}-{day_number:02d}", "day", vague=True)
    try:
        return of_point(r.day(dt.date(year_number, month_number, day_number)))
    except ValueError:
        return None


def ordinal_day(c: Candidate, ctx: Context) -> Resolution | None:
    """``the 4th``: a day of the month last mentioned, else of the publication month."""
    day_number = int(c.groups["day"])
    anchor = ctx.anchor_for("month")
    if anchor is not None:
        base, used = anchor.point.start, anchor
    elif ctx.dct is not None:
        base, used = ctx.dct, None
        if ctx.tense == "past" and day_number > ctx.dct.day:
            base = r.add_months(ctx.dct.replace(day=1), -1)
        elif ctx.tense == "future" and day_number < ctx.dct.day:
            base = r.add_months(ctx.dct.replace(day=1), 1)
    else:
        return None
    try:
        return of_point(r.day(base.replace(day=day_number)), used)
    except ValueError:
        return None


def iso(c: Candidate, ctx: Context) -> Resolution | None:
    """``2018-03-04``."""
    try:
        return of_point(r.day(dt.date.fromisoformat(c.groups["iso"])))
    except ValueError:
        return None


def numeric(c: Candidate, ctx: Context) -> Resolution | None:
    """``3/4/2018`` (month first unless the first number cannot be a month)."""
    a, b, y = int(c.groups["n1"]), int(c.groups["n2"]), c.groups["n3"]
    year_number = _year("'" + y if len(y) == 2 else y, ctx.dct)
    month_number, day_number = (b, a) if a > 12 else (a, b)
    try:
        return of_point(r.day(dt.date(year_number, month_number, day_number)))
    except ValueError:
        return None


_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def month(c: Candidate, ctx: Context) -> Resolution | None:
    """``March 2018``, ``March``, ``last March``, ``early March``: a month."""
    g = c.groups
    month_number = _month(g)
    rel = _relative(g)
    if "year" in g:
        year_number = _year(g["year"], ctx.dct)
    elif ctx.dct is None:
        return Resolution(f"XXXX-{month_number:02d}", "month", vague=True)
    elif "yrel" in g:
        year_number = ctx.dct.year + _YEAR_SHIFT[g["yrel"].lower()]
    elif rel == "last":
        year_number = ctx.dct.year if month_number < ctx.dct.month else ctx.dct.year - 1
    elif rel == "next":
        year_number = ctx.dct.year if month_number > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year_number = ctx.dct.year
    else:
        year_number = r.pick_year(month_number, None, ctx.dct, ctx.tense)
    return of_point(r.month(year_number, month_number))


def season(c: Candidate, ctx: Context) -> Resolution | None:
    """``summer 2019``, ``last winter``, ``this spring``."""
    g = c.groups
    code = SEASONS[g["season"].lower()]
    if "year" in g:
        return of_point(r.season(_year(g["year"], ctx.dct), code))
    if ctx.dct is None:
        return Resolution(f"XXXX-{code}", "season", vague=True)
    first = r.SEASON_MONTHS[code][0]
    current = ctx.dct.year if ctx.dct.month >= first or code != "WI" else ctx.dct.year - 1
    explicit = _relative(g)
    rel = explicit or {"past": "last", "future": "next"}.get(ctx.tense, "this")
    point = r.season(current, code)
    if rel == "last" and (point.start > ctx.dct or (explicit and point.end >= ctx.dct)):
        point = point.shifted(-1)  # "last summer" in July: the summer before this one
    elif rel in ("next", "this") and point.end < ctx.dct:
        point = point.shifted(1)  # "this winter" in July: the coming one
    return of_point(point)


def quarter(c: Candidate, ctx: Context) -> Resolution | None:
    """``the first quarter``, ``Q3 2009``, ``the fourth quarter of 2008``."""
    g = c.groups
    number_ = int(g["q"][1]) if "q" in g else ORDINALS[g["ordinal"].lower()]
    if "year" in g:
        return of_point(r.quarter(_year(g["year"], ctx.dct), number_))
    if ctx.dct is None:
        return Resolution(f"XXXX-Q{number_}", "quarter", vague=True)
    if "yrel" in g:
        return of_point(r.quarter(ctx.dct.year + _YEAR_SHIFT[g["yrel"].lower()], number_))
    current = (ctx.dct.month - 1) // 3 + 1
    year_number = ctx.dct.year - (1 if ctx.tense == "past" and number_ > current else 0)
    return of_point(r.quarter(year_number, number_))


def decade(c: Candidate, ctx: Context) -> Resolution | None:
    """``the 1990s``, ``the '90s``, ``the nineties``."""
    word = c.groups["decade"].lower()
    if word in DECADE_WORDS:
        return of_point(r.decade(1900 + 10 * DECADE_WORDS[word]))
    if not word[:4].isdigit():
        return of_point(r.decade(_year("'" + word.lstrip("'’")[:2], ctx.dct)))
    return of_point(r.decade(int(word[:4])))


def century(c: Candidate, ctx: Context) -> Resolution | None:
    """``the 20th century`` → ``19``."""
    number_ = int(c.groups["century"])
    return of_point(r.century(number_ - 1)) if 1 <= number_ <= 21 else None


def year(c: Candidate, ctx: Context) -> Resolution | None:
    """``2019``, ``the year 2019``, ``'82``."""
    return of_point(r.year(_year(c.groups["year"].replace("’", "'"), ctx.dct)))


def weekday(c: Candidate, ctx: Context) -> Resolution | None:
    """``Wednesday``, ``last Friday``, ``Monday morning``."""
    g = c.groups
    if ctx.dct is None:
        return Resolution(f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()] + 1}", "day", vague=True)
    rel = _relative(g)
    date = r.weekday_date(WEEKDAYS[g["weekday"].lower()], ctx.dct, ctx.tense,
                          rel if rel in ("last", "next", "this") else None)  # fmt: skip
    part = PARTS_OF_DAY.get(g.get("part", "").lower())
    return of_point(r.day(date), suffix=f"T{part}" if part else "")


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip


def deictic(c: Candidate, ctx: Context) -> Resolution | None:
    """``today``, ``yesterday``, ``tomorrow``, ``tonight``."""
    word = " ".join(c.groups["word"].lower().split())
    if ctx.dct is None:
        return None
    point = r.day(ctx.dct + dt.timedelta(days=_DEICTIC[word]))
    return of_point(point, suffix="TNI" if word == "tonight" else "")


def part_of_day(c: Candidate, ctx: Context) -> Resolution | None:
    """``this morning``, ``last night``, ``yesterday afternoon``."""
    if ctx.dct is None:
        return None
    this = c.groups["this"].lower()
    part = PARTS_OF_DAY[c.groups["part"].lower()]
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1 if part == "NI" else 0}.get(this, 0)
    anchor = ctx.anchor_for("day")
    if this == "that" and anchor is not None:
        return of_point(r.day(anchor.point.start), anchor, suffix=f"T{part}")
    return of_point(r.day(ctx.dct + dt.timedelta(days=offset)), suffix=f"T{part}")


def reference(c: Candidate, ctx: Context) -> Resolution | None:
    """``now``, ``recently``, ``in the past``, ``soon``."""
    return ref(_REFS[" ".join(c.groups["ref"].lower().split())], ctx.dct)


def _unit(c: Candidate) -> str:
    unit = (c.groups.get("unit") or c.groups.get("bare") or "").lower()
    return "week" if unit == "fortnight" else unit


def _plural(c: Candidate, text: str) -> bool:
    return text.rstrip().lower().endswith("s")


def unit_relative(c: Candidate, ctx: Context, text: str) -> Resolution | None:
    """``last week``, ``this year``, ``earlier this year``, ``the following day``."""
    unit = _unit(c)
    rel = _relative(c.groups) or "this"
    if _plural(c, text) or unit in ("second", "minute", "hour"):
        return ref(PAST_REF if rel == "last" else FUTURE_REF, ctx.dct)
    if rel == "following" or (
        rel in ("next", "last") and c.groups.get("rel", "").startswith("the")
    ):
        anchor = ctx.anchor_for(unit)
        base = anchor.point.start if anchor else ctx.dct
        if base is None:
            return None
        point = r.unit_point(base, unit).shifted(-1 if rel == "last" else 1)
        return of_point(point, anchor)
    if ctx.dct is None:
        return None
    res = of_point(r.unit_point(ctx.dct, unit).shifted({"last": -1, "next": 1}.get(rel, 0)))
    within = c.groups.get("within", "").lower()
    if within == "earlier":  # "earlier this year": the part of the year before publication
        return Resolution(res.value, res.granularity, res.start, ctx.dct)
    if within == "later":  # "later this month": the part after it
        return Resolution(res.value, res.granularity, ctx.dct, res.end)
    return res


def ago(c: Candidate, ctx: Context) -> Resolution | None:
    """``two years ago``, ``three days earlier``, ``a week later``."""
    unit = _unit(c)
    amount = number(c.groups["amount"])
    direction = c.groups["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    anchor = ctx.anchor_for(unit) if direction != "ago" else None
    base = anchor.point.start if anchor is not None else ctx.dct
    if base is None or unit in ("second", "minute", "hour"):
        return None
    if amount is None:
        return ref(PAST_REF if sign < 0 else FUTURE_REF, base)
    moved = r.move(base, unit, sign * amount)
    point = r.day(moved) if unit in ("day", "week", "fortnight") else r.unit_point(moved, unit)
    return of_point(point, anchor)


def anchored(c: Candidate, ctx: Context) -> Resolution | None:
    """``the year prior``, ``the day before``, ``that week``, ``the same day``."""
    unit = _unit(c)
    direction = (c.groups.get("dir") or "").lower()
    shift = -1 if direction in ("before", "prior", "earlier", "previous") else 1 if direction else 0
    anchor = ctx.anchor_for(unit)
    if anchor is not None:
        return of_point(r.unit_point(anchor.point.start, unit).shifted(shift), anchor)
    if ctx.dct is None:
        return None
    point = r.unit_point(ctx.dct, unit)
    if unit == "weekend" and not direction:
        # "the weekend": the one just past in a past clause, the coming one otherwise
        point = point.shifted(-1) if ctx.tense == "past" and point.start > ctx.dct else point
    return of_point(point.shifted(shift))


def anchored_part(c: Candidate, ctx: Context) -> Resolution | None:
    """``the night before``, ``that morning``."""
    part = PARTS_OF_DAY[c.groups["part"].lower()]
    direction = (c.groups.get("dir") or "").lower()
    anchor = ctx.anchor_for("day")
    base = anchor.point.start if anchor is not None else ctx.dct
    if base is None:
        return None
    shift = {"before": -1, "after": 1}.get(direction, 0)
    return of_point(r.day(base + dt.timedelta(days=shift)), anchor, f"T{part}")


def vague_relative(c: Candidate, ctx: Context) -> Resolution | None:
    """``months later``, ``years earlier``, ``decades ago``: a bounded but unknown time."""
    direction = c.groups["dir"].lower()
    anchor = ctx.anchor_for("century") if direction != "ago" else None
    base = anchor.point.end if anchor is not None else ctx.dct
    kind = FUTURE_REF if direction in ("later", "after") else PAST_REF
    res = ref(kind, base)
    return Resolution(res.value, None, res.start, res.end, True, anchor.id if anchor else None)


def span_relative(c: Candidate, ctx: Context) -> Resolution | None:
    """``the past three years``, ``the next few days``: a duration."""
    amount = number(c.groups["amount"]) if "amount" in c.groups else 1.0
    vague = c.groups.get("amount", "").lower() in VAGUE_QUANTITIES
    return Resolution(_duration_value(None if vague else amount, _unit(c)), _unit(c), vague=vague)


def coming(c: Candidate, ctx: Context, text: str) -> Resolution | None:
    """``the coming weeks``, ``recent years``, ``next few days``."""
    words = text.lower()
    kind = PAST_REF if any(w in words for w in ("past", "last", "recent")) else FUTURE_REF
    if not _plural(c, text):
        return unit_relative(c, ctx, text)
    return ref(kind, ctx.dct)


def duration(c: Candidate, ctx: Context) -> Resolution | None:
    """``three years``, ``24 hours``, ``several months``, ``a two-day visit``."""
    raw = c.groups["amount"].lower()
    amount = None if raw in VAGUE_QUANTITIES else number(raw)
    if amount is not None and "half" in c.groups:
        amount += 0.5
    return Resolution(_duration_value(amount, _unit(c)), _unit(c), vague=amount is None)


def _duration_value(amount: float | None, unit: str) -> str:
    """A duration value; counted decades and centuries are written in years (``P10Y``)."""
    if amount is not None and unit in ("decade", "century"):
        return r.duration(amount * (10 if unit == "decade" else 100), "year")
    return r.duration(amount, unit)


def bare_units(c: Candidate, ctx: Context) -> Resolution | None:
    """``for months``, ``decades-long``: an unknown number of units."""
    return Resolution(r.duration(None, _unit(c)), _unit(c), vague=True)


_ADVERB_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
                "quarterly": "P3M",
                "biannually": "P6M"}  # fmt: skip


def every(c: Candidate, ctx: Context) -> Resolution | None:
    """``every year``, ``each Monday``, ``weekly``: a set."""
    g = c.groups
    if "adverb" in g:
        return Resolution(_ADVERB_SETS[g["adverb"].lower()], None)
    if "per" in g:  # "twice a year": the period it recurs in
        return Resolution(_duration_value(1, g["per"].lower()), None)
    if "weekday" in g:
        return Resolution(f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()] + 1}", None)
    if "month" in g:
        return Resolution(f"XXXX-{_month(g):02d}", None)
    step = 2 if g.get("step", "").lower() == "other" else number(g.get("step", "")) or 1
    return Resolution(_duration_value(step, _unit(c)), None)


def clock(c: Candidate, ctx: Context) -> Resolution | None:
    """``6 p.m.``, ``10:30``, ``noon``: a time on the anchoring day (or the publication day)."""
    g = c.groups
    if "noon" in g:
        hour, minute = (12, 0) if g["noon"].lower() in ("noon", "midday") else (24, 0)
    elif "hm" in g or "hm2" in g:
        digits = (g.get("hm") or g["hm2"]).replace(":", "")
        hour, minute = int(digits[:-2]), int(digits[-2:])
    else:
        hour, minute = int(g["hour"]) % 12, int(g.get("minute", 0))
        hour += 12 if g["ampm"].lower().startswith("p") else 0
    anchor = ctx.anchor_for("day")
    date = anchor.point.start if anchor else ctx.dct
    if date is None:
        return Resolution(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "time", vague=True)
    zone = "Z" if g.get("tz", "").upper() in ("UTC", "GMT") else ""
    return Resolution(f"{date.isoformat()}T{hour:02d}:{minute:02d}{zone}", "time", date, date,
                      anchor=anchor.id if anchor else None)  # fmt: skip


Resolver = Callable[[Candidate, Context], "Resolution | None"]
RESOLVERS: dict[str, Resolver] = {
    "iso": iso, "ordinal_day": ordinal_day, "weekday_full": month_day, "month_day": month_day,
    "day_month": month_day,
    "numeric": numeric, "month_year": month, "month": month, "season": season,
    "quarter": quarter, "quarter_code": quarter, "decade": decade, "century": century,
    "year": year, "weekday": weekday, "deictic": deictic, "part_of_day": part_of_day,
    "ref": reference, "ago": ago, "anchored": anchored, "anchored_part": anchored_part,
    "vague_rel": vague_relative, "span_rel": span_relative, "past_unit": span_relative,
    "duration": duration,
    "bare_units": bare_units, "set": every, "clock": clock,
}  # fmt: skip
# Resolvers that also need the expression's text.
TEXT_RESOLVERS = {"unit_rel": unit_relative, "coming": coming, "quarter_rel": unit_relative}


def resolve_candidate(c: Candidate, ctx: Context, text: str) -> Resolution | None:
    """The value of one candidate in its context."""
    if c.rule.name in TEXT_RESOLVERS:
        return TEXT_RESOLVERS[c.rule.name](c, ctx, text)
    return RESOLVERS[c.rule.name](c, ctx)

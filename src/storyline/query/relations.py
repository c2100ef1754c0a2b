"""The relation between two actors over time: who did what to whom, period by period.

:func:`relation` takes corpus-level events (:class:`~storyline.model.MergedEvent`) and two
corpus-wide actor ids ``a`` and ``b`` and builds the *directed* relation both ways: ``a → b``
(``a`` among the event's actors, ``b`` among its recipients) and ``b → a``. An event where the
two only act together (both actors, or both recipients) is in neither direction.

Periods
    Events are bucketed by the period (month ``2019-03``, quarter ``2019-Q1`` or year ``2019``)
    holding the start of the interval their date denotes (:func:`date_interval`: ``2019`` is
    2019-01-01 … 2019-12-31, ``2019-W10`` a week, ``2019-SU`` a summer, ``199X`` a decade …).
    An event whose interval lies in one period is *precise* for that bucketing. One whose
    interval spans several periods (``2019`` by month, ``2019-W09`` across February and March,
    ``2019-Q1`` by month) is *imprecise*: it is shown in the period holding its start, in that
    period's separate ``imprecise`` count, and left out of the period's ``count``, ``sum``,
    ``mean`` and so of the index, so that a year-dated event does not pass for a January one.
    Events without a date, or with one that names no calendar interval (``XXXX-SU``, ``P3Y``),
    are *undated*: listed apart (with their ``before`` bound), in no period. The periods run
    without gaps from the first to the last period holding an event of either direction.

Intensity and modality
    ``intensity`` runs from −10 (conflict) to +10 (cooperation). Each event weighs
    :data:`MODALITY_WEIGHTS` of its modality: asserted 1, claimed :data:`CLAIMED_WEIGHT` (0.5:
    someone says it happened, the reporter does not), negated, future and hypothetical 0 (they
    did not happen, or not yet: listed and flagged, never in the intensity). A modality not in
    the table weighs 0 too. Per period and direction: ``count`` is the number of precise
    events (every modality, with or without an intensity); ``weight`` the summed weight of the
    precise events that have an intensity; ``sum`` = Σ weight·intensity over them; ``mean`` =
    ``sum / weight`` (``None`` when ``weight`` is 0).

The index
    A smoothed relation index per direction: an exponentially weighted moving average of the
    per-period means over consecutive periods, in which a period without a mean counts as 0, so
    the index decays toward 0 while nothing happens. With the half-life ``h`` in periods and
    ``λ = 2 ** (-1 / h)``::

        index[t] = None                                before the first period with a mean
        index[t] = mean[t]                             at that first period
        index[t] = λ · index[t-1] + (1 - λ) · mean[t]  after it, in a period with a mean
        index[t] = λ · index[t-1]                      after it, in a period without one

    With ``h = 1`` (λ = 0.5), means 4, (none), −2 give the index 4, 2, 0.

:func:`relation_table` renders a :class:`Relation` for the terminal, :func:`plot_relation`
as a PNG chart, and :meth:`Relation.to_dict` as JSON-ready data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from storyline.model import MergedEvent
from storyline.nlp.temporal import resolve as r
from storyline.nlp.temporal.intervals import date_interval

By = Literal["month", "quarter", "year"]
BY_VALUES: tuple[str, ...] = get_args(By)

ASSERTED_WEIGHT = 1.0
CLAIMED_WEIGHT = 0.5
UNREAL_WEIGHT = 0.0  # negated, future, hypothetical: not (yet) happened
MODALITY_WEIGHTS: dict[str, float] = {
    "asserted": ASSERTED_WEIGHT,
    "claimed": CLAIMED_WEIGHT,
    "negated": UNREAL_WEIGHT,
    "future": UNREAL_WEIGHT,
    "hypothetical": UNREAL_WEIGHT,
}
DEFAULT_HALF_LIFE = 3.0  # periods
PLOT_LABELS = 6  # events annotated on the chart at most

INTENSITY_MIN, INTENSITY_MAX = -10.0, 10.0


class NoDatedEventsError(ValueError):
    """A relation has no dated event, so there is nothing to draw over time."""


# --- dates and periods ---------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    """One month, quarter or year: its label (``2019-03``, ``2019-Q1``, ``2019``) and its days."""

    start: dt.date
    end: dt.date  # inclusive
    label: str

    @property
    def middle(self) -> dt.date:
        """The day halfway through the period (where a chart draws it)."""
        return self.start + (self.end - self.start) / 2

    def next(self, by: By) -> Period:
        """The period after this one."""
        return period_of(self.end + dt.timedelta(days=1), by)


def period_of(day: dt.date, by: By) -> Period:
    """The month, quarter or year holding ``day``."""
    if by == "month":
        point = r.month(day.year, day.month)
    elif by == "quarter":
        point = r.quarter(day.year, (day.month - 1) // 3 + 1)
    elif by == "year":
        point = r.year(day.year)
    else:
        raise ValueError(f"by must be one of {', '.join(BY_VALUES)}, not {by!r}")
    return Period(point.start, point.end, point.value)


def periods_between(first: Period, last: Period, by: By) -> list[Period]:
    """Every period from ``first`` to ``last``, both included, in order."""
    out = [first]
    while out[-1] < last:
        out.append(out[-1].next(by))
    return out


# --- the relation --------------------------------------------------------------------------


@dataclass
class RelationEvent:
    """One event of a direction, with where it falls and how much it weighs."""

    event: MergedEvent
    weight: float  # the weight of its modality (MODALITY_WEIGHTS)
    start: dt.date | None = None  # the interval its date denotes; None: undated
    end: dt.date | None = None
    period: str | None = None  # label of the period holding ``start``
    imprecise: bool = False  # its interval spans more than one period
    flags: list[str] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        """Whether it enters the intensity (sum, mean, index) of its period."""
        return (
            self.period is not None
            and not self.imprecise
            and self.event.intensity is not None
            and self.weight > 0
        )

    def to_dict(self) -> dict[str, Any]:
        """A compact JSON-ready form: the event's coding, its place in the relation, its sources."""
        e = self.event
        return {
            "id": e.id,
            "type": e.type,
            "mode": e.mode,
            "date": e.date,
            "before": e.before,
            "period": self.period,
            "modality": e.modality,
            "intensity": e.intensity,
            "weight": self.weight,
            "counted": self.counted,
            "flags": list(self.flags),
            "summary": e.summary,
            "actor": list(e.actor),
            "recipient": list(e.recipient),
            "articles": sorted({report.article for report in e.reports}),
        }


@dataclass
class PeriodStats:
    """One direction in one period."""

    count: int = 0  # precise events, every modality, with or without an intensity
    imprecise: int = 0  # events dated more coarsely than the period, starting in it
    excluded: int = 0  # of ``count``: weight 0 (negated, future, hypothetical)
    weight: float = 0.0  # summed weight of the counted events (those with an intensity)
    sum: float = 0.0  # Σ weight · intensity
    mean: float | None = None  # sum / weight
    index: float | None = None  # the smoothed relation index (see the module docstring)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "count": self.count,
            "imprecise": self.imprecise,
            "excluded": self.excluded,
            "weight": self.weight,
            "sum": self.sum,
            "mean": self.mean,
            "index": self.index,
        }


@dataclass
class Direction:
    """``source → target``: its statistics per period and its events."""

    source: str
    target: str
    stats: list[PeriodStats]  # one per period of the relation, in the same order
    events: list[RelationEvent]  # dated, in date order
    undated: list[RelationEvent]

    @property
    def total(self) -> PeriodStats:
        """The statistics over every period (no index)."""
        total = PeriodStats()
        for s in self.stats:
            total.count += s.count
            total.imprecise += s.imprecise
            total.excluded += s.excluded
            total.weight += s.weight
            total.sum += s.sum
        total.mean = total.sum / total.weight if total.weight else None
        return total

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the per-period statistics are in :meth:`Relation.to_dict`)."""
        total = self.total.to_dict()
        del total["index"]
        total["undated"] = len(self.undated)
        return {
            "source": self.source,
            "target": self.target,
            "totals": total,
            "events": [e.to_dict() for e in self.events],
            "undated": [e.to_dict() for e in self.undated],
        }


@dataclass
class Relation:
    """The directed relation between ``a`` and ``b`` both ways, period by period."""

    a: str
    b: str
    by: By
    half_life: float
    periods: list[Period]
    a_to_b: Direction
    b_to_a: Direction

    @property
    def dated(self) -> bool:
        """Whether any event of either direction is dated (there is a period)."""
        return bool(self.periods)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form.

        ``{"a", "b", "by", "half_life", "weights": MODALITY_WEIGHTS,
        "periods": [{"period", "start", "end", "a_to_b": stats, "b_to_a": stats}],
        "a_to_b": direction, "b_to_a": direction}`` where ``stats`` is
        ``{"count", "imprecise", "excluded", "weight", "sum", "mean", "index"}`` and
        ``direction`` is ``{"source", "target", "totals", "events", "undated"}`` (totals: the
        stats over all periods without the index, plus ``undated``; events:
        :meth:`RelationEvent.to_dict`).
        """
        return {
            "a": self.a,
            "b": self.b,
            "by": self.by,
            "half_life": self.half_life,
            "weights": dict(MODALITY_WEIGHTS),
            "periods": [
                {
                    "period": p.label,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "a_to_b": ab.to_dict(),
                    "b_to_a": ba.to_dict(),
                }
                for p, ab, ba in zip(
                    self.periods, self.a_to_b.stats, self.b_to_a.stats, strict=True
                )
            ],
            "a_to_b": self.a_to_b.to_dict(),
            "b_to_a": self.b_to_a.to_dict(),
        }


def modality_weight(modality: str) -> float:
    """The weight of an event of this modality in the intensity (0 for an unknown one)."""
    return MODALITY_WEIGHTS.get(modality, 0.0)


def smoothed_index(means: Sequence[float | None], half_life: float) -> list[float | None]:
    """The relation index of a series of per-period means (see the module docstring)."""
    if not half_life > 0:
        raise ValueError(f"half_life must be a positive number of periods, not {half_life!r}")
    decay = 2.0 ** (-1.0 / half_life)
    out: list[float | None] = []
    current: float | None = None
    for mean in means:
        if current is None:
            current = mean
        else:
            current = decay * current + (1.0 - decay) * (0.0 if mean is None else mean)
        out.append(current)
    return out


def relation(
    events: Iterable[MergedEvent],
    a: str,
    b: str,
    by: By = "month",
    half_life: float = DEFAULT_HALF_LIFE,
) -> Relation:
    """The directed relation between actors ``a`` and ``b`` (corpus-wide ids), both ways.

    ``by`` is the period (month, quarter or year); ``half_life`` that of the smoothed index,
    in periods. Events that are not between ``a`` and ``b`` are ignored. See the module
    docstring for the periods, weights and index.
    """
    if a == b:
        raise ValueError(f"a relation needs two different actors, got {a!r} twice")
    if by not in BY_VALUES:
        raise ValueError(f"by must be one of {', '.join(BY_VALUES)}, not {by!r}")
    if not half_life > 0:
        raise ValueError(f"half_life must be a positive number of periods, not {half_life!r}")
    forward: list[RelationEvent] = []
    backward: list[RelationEvent] = []
    for event in events:
        if a in event.actor and b in event.recipient:
            forward.append(_place(event, by))
        if b in event.actor and a in event.recipient:
            backward.append(_place(event, by))
    starts = [e.start for e in forward + backward if e.start is not None]
    periods = (
        periods_between(period_of(min(starts), by), period_of(max(starts), by), by)
        if starts
        else []
    )
    return Relation(
        a=a,
        b=b,
        by=by,
        half_life=half_life,
        periods=periods,
        a_to_b=_direction(a, b, forward, periods, half_life),
        b_to_a=_direction(b, a, backward, periods, half_life),
    )


def _place(event: MergedEvent, by: By) -> RelationEvent:
    weight = modality_weight(event.modality)
    flags = [] if event.modality == "asserted" else [event.modality]
    if event.intensity is None:
        flags.append("no-intensity")
    interval = date_interval(event.date)
    if interval is None:
        flags.append("undated" if not event.date else "unreadable-date")
        return RelationEvent(event, weight, flags=flags)
    start, end = interval
    period = period_of(start, by)
    imprecise = end > period.end
    if imprecise:
        flags.append("imprecise")
    return RelationEvent(event, weight, start, end, period.label, imprecise, flags)


def _direction(
    source: str,
    target: str,
    placed: list[RelationEvent],
    periods: list[Period],
    half_life: float,
) -> Direction:
    stats = {p.label: PeriodStats() for p in periods}
    dated = sorted((e for e in placed if e.period is not None), key=_date_order)
    for e in dated:
        s = stats[e.period]  # type: ignore[index]
        if e.imprecise:
            s.imprecise += 1
            continue
        s.count += 1
        if e.weight <= 0:
            s.excluded += 1
        elif e.event.intensity is not None:
            s.weight += e.weight
            s.sum += e.weight * e.event.intensity
    ordered = [stats[p.label] for p in periods]
    for s in ordered:
        s.mean = s.sum / s.weight if s.weight else None
    for s, value in zip(ordered, smoothed_index([s.mean for s in ordered], half_life), strict=True):
        s.index = value
    undated = sorted(
        (e for e in placed if e.period is None), key=lambda e: (e.event.before or "", e.event.id)
    )
    return Direction(source, target, ordered, dated, undated)


def _date_order(e: RelationEvent) -> tuple[dt.date, dt.date, str]:
    assert e.start is not None and e.end is not None
    return (e.start, e.end, e.event.id)


# --- the terminal table --------------------------------------------------------------------


def _num(value: float | None, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.2f}"


def relation_table(rel: Relation, names: tuple[str, str] | None = None) -> str:
    """A plain-text table of the relation: per period, both directions' count, mean, sum, index.

    ``n`` counts the precise events; ``~`` the imprecise ones (dated more coarsely than the
    period, not in the intensity); a period without a mean shows ``-``.
    """
    name_a, name_b = names or (rel.a, rel.b)
    cols = f"{'n':>4} {'~':>3} {'mean':>6} {'sum':>7} {'index':>6}"
    block = len(cols)
    width = max([len("period"), *(len(p.label) for p in rel.periods)])
    heads = [_fit(f"{name_a} → {name_b}", block), _fit(f"{name_b} → {name_a}", block)]
    lines = [
        f"{'':<{width}} | {heads[0]:<{block}} | {heads[1]:<{block}}",
        f"{'period':<{width}} | {cols} | {cols}",
        f"{'-' * width}-+-{'-' * block}-+-{'-' * block}",
    ]
    for period, ab, ba in zip(rel.periods, rel.a_to_b.stats, rel.b_to_a.stats, strict=True):
        lines.append(f"{period.label:<{width}} | {_row(ab)} | {_row(ba)}")
    if not rel.periods:
        lines.append("(no dated events)")
    notes = [
        f"by {rel.by}; mean and sum weighted by modality (claimed {CLAIMED_WEIGHT:g}; negated, "
        f"future and hypothetical 0); index: moving average, half-life {rel.half_life:g} "
        f"{rel.by}s, decaying toward 0 without events",
    ]
    for d, name, other in ((rel.a_to_b, name_a, name_b), (rel.b_to_a, name_b, name_a)):
        if d.undated:
            notes.append(f"{name} → {other}: {len(d.undated)} undated event(s) not in a period")
    return "\n".join(line.rstrip() for line in [*lines, "", *notes])


def _row(s: PeriodStats) -> str:
    imprecise = str(s.imprecise) if s.imprecise else ""
    return f"{s.count:>4} {imprecise:>3} {_num(s.mean, 6)} {_num(s.sum, 7)} {_num(s.index, 6)}"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the chart -----------------------------------------------------------------------------

_COLOURS = ("#1f5fa8", "#d9480f")  # a → b blue, b → a orange


def plot_relation(
    rel: Relation,
    path: str | Path,
    names: tuple[str, str] | None = None,
    labels: int = PLOT_LABELS,
) -> Path:
    """Draw the relation as a PNG at ``path`` and return the path.

    The chart is titled "Relation between A and B"; x is time, y the intensity (−10 conflict …
    +10 cooperation, with a zero line). Each direction has its dots (the weighted mean per
    period, sized by the number of events) and a line (the smoothed index); the ``labels``
    events with the largest |intensity| among those counted (:func:`main_events`) are drawn as
    diamonds over their period and annotated (type, date, a short summary), each label placed
    where it covers no other label and no dot when there is such a place. A footnote says
    what the marks mean and how many events are not shown (undated, imprecise). A direction
    without events is drawn empty and said so in the legend. Uses matplotlib's Agg canvas on a
    :class:`~matplotlib.figure.Figure` of its own: no global pyplot state, no display.

    Raises :class:`NoDatedEventsError` (a ``ValueError``) when no event of either direction is
    dated: there is no time axis to draw.
    """
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    name_a, name_b = names or (rel.a, rel.b)
    if not rel.periods:
        undated = len(rel.a_to_b.undated) + len(rel.b_to_a.undated)
        raise NoDatedEventsError(
            f"no dated events between {name_a} and {name_b} to plot ({undated} undated)"
        )
    fig = Figure(figsize=(11, 6.2), dpi=110)
    canvas = FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.84, bottom=0.2)
    ax = fig.add_subplot()
    ax.set_ylim(INTENSITY_MIN - 1.5, INTENSITY_MAX + 1.5)
    ax.set_yticks([-10, -5, 0, 5, 10])
    ax.axhspan(0, INTENSITY_MAX + 1.5, color="#2b8a3e", alpha=0.04, lw=0)
    ax.axhspan(INTENSITY_MIN - 1.5, 0, color="#c92a2a", alpha=0.04, lw=0)
    ax.axhline(0, color="#444444", lw=0.9, zorder=1)
    ax.set_ylabel("conflict ← intensity → cooperation")
    ax.grid(True, axis="y", color="#dddddd", lw=0.6)

    first, last = rel.periods[0], rel.periods[-1]
    span = (last.end - first.start).days + 1
    pad = dt.timedelta(days=max(span * 0.03, 1))
    ax.set_xlim(_x(first.start - pad), _x(last.end + pad))
    if len(rel.periods) <= 16:
        ax.set_xticks([_x(p.middle) for p in rel.periods])
        ax.set_xticklabels([p.label for p in rel.periods], fontsize=8)
    else:
        locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(formatter)

    handles = []
    for direction, colour, label in (
        (rel.a_to_b, _COLOURS[0], f"{name_a} → {name_b}"),
        (rel.b_to_a, _COLOURS[1], f"{name_b} → {name_a}"),
    ):
        points = [(_x(p.middle), s) for p, s in zip(rel.periods, direction.stats, strict=True)]
        means = [(x, s.mean, s.count) for x, s in points if s.mean is not None]
        if means:
            ax.scatter(
                [x for x, _, _ in means],
                [m for _, m, _ in means],
                s=[18 + 14 * math.sqrt(n) for _, _, n in means],
                color=colour,
                alpha=0.75,
                edgecolors="white",
                linewidths=0.6,
                zorder=3,
            )
        index = [(x, s.index) for x, s in points if s.index is not None]
        if index:
            ax.plot(
                [x for x, _ in index],
                [i for _, i in index],
                color=colour,
                lw=2,
                marker="" if len(index) > 1 else "_",
                markersize=14,
                zorder=2,
            )
        if not direction.events:
            label += " (no dated events)"
        handles.append(Line2D([], [], color=colour, lw=2, marker="o", label=label))
    fig.suptitle(f"Relation between {name_a} and {name_b}", fontsize=14, fontweight="bold")
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.935), ncol=2,
               frameon=False, fontsize=10)  # fmt: skip
    fig.text(0.01, 0.015, _footnote(rel), fontsize=8, color="#555555", va="bottom", wrap=True)
    _annotate(ax, canvas, rel, labels)
    path = Path(path)
    fig.savefig(path, format="png")
    return path


def _x(day: dt.date) -> float:
    """A day as a matplotlib date number (x on the time axis)."""
    from matplotlib import dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _footnote(rel: Relation) -> str:
    per = {"month": "month", "quarter": "quarter", "year": "year"}[rel.by]
    lines = [
        f"Dots: mean intensity per {per} (size: number of events). Lines: smoothed index "
        f"(moving average, half-life {rel.half_life:g} {per}s, decaying toward 0 when "
        f"nothing happens).",
        f"Diamonds: the events of largest |intensity|, labelled. Claimed events weigh "
        f"{CLAIMED_WEIGHT:g}; negated, future and hypothetical events do not count toward "
        "intensity.",
    ]
    undated = len(rel.a_to_b.undated) + len(rel.b_to_a.undated)
    imprecise = sum(s.imprecise for d in (rel.a_to_b, rel.b_to_a) for s in d.stats)
    missing = []
    if undated:
        missing.append(f"{undated} undated event{'s' if undated != 1 else ''}")
    if imprecise:
        missing.append(
            f"{imprecise} event{'s' if imprecise != 1 else ''} dated more coarsely than a {per}"
        )
    if missing:
        lines.append("Not shown: " + " and ".join(missing) + ".")
    return "\n".join(lines)


def _label(e: RelationEvent, limit: int = 42) -> str:
    event = e.event
    head = f"{event.type.replace('_', ' ').capitalize()} {event.date}"
    summary = " ".join(event.summary.split())
    if not summary:
        return head
    if len(summary) > limit:
        summary = summary[: limit - 1].rstrip() + "…"
    return f"{head}\n{summary}"


def main_events(rel: Relation, limit: int = PLOT_LABELS) -> list[tuple[int, RelationEvent]]:
    """The ``limit`` counted events with the largest |intensity|, with their direction (0, 1).

    Ties go to the heavier (asserted before claimed), then the earlier event.
    """
    candidates = [
        (side, e)
        for side, d in enumerate((rel.a_to_b, rel.b_to_a))
        for e in d.events
        if e.counted and e.event.intensity is not None
    ]

    def key(item: tuple[int, RelationEvent]) -> tuple[float, float, dt.date, str]:
        e = item[1]
        assert e.event.intensity is not None and e.start is not None
        return (-abs(e.event.intensity), -e.weight, e.start, e.event.id)

    return sorted(candidates, key=key)[: max(limit, 0)]


def _annotate(ax: Any, canvas: Any, rel: Relation, limit: int) -> None:
    """Label the main events, each where its box covers no other label and no dot.

    The most intense event is placed first; each label tries positions near its event (toward
    the middle of the chart first, then away, then to the sides) and takes the first that stays
    inside the axes and overlaps nothing placed so far, or the least crowded one.
    """
    from matplotlib.transforms import Bbox

    chosen = main_events(rel, limit)
    if not chosen:
        return
    renderer = canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    middles = {p.label: _x(p.middle) for p in rel.periods}
    obstacles = [_dot_box(ax, x, y) for x, y in _dots(rel, middles)]
    placed: list[Bbox] = []
    for side, e in chosen:
        assert e.period is not None and e.event.intensity is not None
        x, y = middles[e.period], float(e.event.intensity)
        colour = _COLOURS[side]
        ax.scatter([x], [y], s=22, marker="D", color=colour, edgecolors="black", linewidths=0.5,
                   zorder=4)  # fmt: skip
        note = ax.annotate(
            _label(e),
            xy=(x, y),
            xytext=(0, 0),
            textcoords="offset pixels",
            ha="center",
            va="center",
            fontsize=7.5,
            zorder=5,
            annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": colour, "alpha": 0.92},
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.8, "shrinkB": 4},
        )
        box = note.get_window_extent(renderer)
        px, py = ax.transData.transform((x, y))
        toward_middle_up = (0 <= y < 6) or y <= -6
        best: tuple[int, float, float] | None = None
        for dx, dy in _offsets(box.width, box.height, up_first=toward_middle_up):
            moved = Bbox.from_bounds(px + dx - box.width / 2, py + dy - box.height / 2,
                                     box.width, box.height)  # fmt: skip
            inside = frame.containsx(moved.x0) and frame.containsx(moved.x1)
            inside = inside and frame.containsy(moved.y0) and frame.containsy(moved.y1)
            clashes = sum(moved.overlaps(other) for other in placed + obstacles)
            score = clashes + (0 if inside else 100)
            if best is None or score < best[0]:
                best = (score, dx, dy)
            if score == 0:
                break
        assert best is not None
        note.set_position((best[1], best[2]))
        placed.append(note.get_window_extent(renderer))


def _dots(rel: Relation, middles: dict[str, float]) -> list[tuple[float, float]]:
    """Where the chart has a dot: each period's means and each event of a period."""
    dots = []
    for direction in (rel.a_to_b, rel.b_to_a):
        for period, s in zip(rel.periods, direction.stats, strict=True):
            if s.mean is not None:
                dots.append((middles[period.label], s.mean))
        for e in direction.events:
            if e.counted and e.period is not None and e.event.intensity is not None:
                dots.append((middles[e.period], float(e.event.intensity)))
    return dots


def _dot_box(ax: Any, x: float, y: float, radius: float = 6.0) -> Any:
    from matplotlib.transforms import Bbox

    px, py = ax.transData.transform((x, y))
    return Bbox.from_extents(px - radius, py - radius, px + radius, py + radius)


def _offsets(width: float, height: float, up_first: bool) -> list[tuple[float, float]]:
    """Candidate label offsets (pixels from the event), nearest first."""
    base = height / 2 + 14
    step = height * 0.6
    side = width / 2 + 12
    out = []
    for k in range(14):
        for sign in (1, -1) if up_first else (-1, 1):
            for dx in (0.0, side, -side):
                out.append((dx, sign * (base + k * step)))
    return out

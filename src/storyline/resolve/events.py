"""Cross-document events: reports of the same real-world event become one event.

Each event of an analysed article is a *report*. A report joins an existing event when:

- the kind agrees: the same PLOVER type (the same mode too for statements), or the same
  predicate lemma for ``OTHER`` events; and both are said to have happened, or both are
  announced or imagined (future, hypothetical): "will strike" is not the strike;
- the actors agree: they share an actor, or a country they act for (a government and its
  leader: "Turkey" and "Erdoğan" both act for ``country:tr``); when both reports name no actor,
  they must share a recipient;
- the recipients do not contradict each other (both named and disjoint → not the same);
- the dates are compatible: one contains the other ("2018" and "2018-03-04"); an undated
  report, which only says the event happened before it was published, joins a dated event
  published within :data:`UNDATED_WINDOW_DAYS` of it, and another undated report published
  within :data:`NEWS_CYCLE_DAYS` of it.

A reporting event ("Jobs said") is one utterance: it is never merged (the quotation stage
holds what was said). A report of an event its own article already reported (a second
mention: "the sale ... the sale") joins it when nothing tells the two apart: no actors,
recipients or other participants named on both sides and disjoint, no incompatible dates,
and the two share the predicate's word or a participant. A report that names nobody and
gives no date ("the attack") can only be such a second mention.

When several events qualify the report joins the one it shares most with. Reports that agree
on what and to whom but differ on the date (a day apart), on who acted (the same day), or on
whether it happened (asserted against negated) still join, and the event records the
disagreement with each version's articles (``disagreements``). A syndicated copy adds no
report: the report of the article it copies counts it in ``copies``.

Nothing is compared with everything: a report is compared only with the events that share a
blocking key with it (each actor and recipient, or the country it acts for, with the event
kind and a year the event may fall in; the kind and the year for events with neither), the
nearest :data:`MAX_CANDIDATES` of them. Merging is incremental (:class:`EventIndex` takes
one document at a time) and an event keeps the id it was given first.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from storyline.gazetteer import COUNTRY_PREFIX, Gazetteer, load_gazetteer
from storyline.model import Disagreement, Document, Entity, Event, MergedEvent, Report, Span
from storyline.nlp.eventing.lexicon import cameo_of, intensity
from storyline.nlp.events import REPORTING
from storyline.nlp.temporal.intervals import date_interval

UNREAL = frozenset(("future", "hypothetical"))  # announced or imagined: not (yet) happened
UNDATED_WINDOW_DAYS = 31
NEWS_CYCLE_DAYS = 7
DATE_SLACK_DAYS = 1  # dates this far apart are one event told two ways (a disagreement)
MAX_CANDIDATES = 50
SENTENCE_MAX = 400  # characters of evidence kept per report
SUMMARY_MAX = 120
# Sectors whose people act for their country.
STATE_SECTORS = frozenset(["government", "military", "diplomacy", "state"])


class EventStore(Protocol):
    """Where merged events live between documents (memory, or the SQL store)."""

    def candidates(self, keys: Collection[str]) -> list[MergedEvent]:
        """The events that have any of these blocking keys."""
        ...

    def put(self, event: MergedEvent, keys: Collection[str]) -> None:
        """Save an event (new or changed) and its blocking keys."""
        ...

    def of_article(self, article: str) -> list[MergedEvent]:
        """The events one article reports."""
        ...

    def exists(self, ident: str) -> bool:
        """Whether an event has this id."""
        ...

    def delete(self, ident: str) -> None:
        """Forget an event that has no report left."""
        ...


@dataclass
class MemoryEvents:
    """Merged events in memory: for benchmarks, tests and one-off runs."""

    events: dict[str, MergedEvent] = field(default_factory=dict)
    blocks: dict[str, set[str]] = field(default_factory=dict)
    by_article: dict[str, set[str]] = field(default_factory=dict)  # may hold stale ids

    def candidates(self, keys: Collection[str]) -> list[MergedEvent]:
        """The events that have any of these blocking keys."""
        ids: set[str] = set()
        for key in keys:
            ids.update(self.blocks.get(key, ()))
        return [self.events[i] for i in sorted(ids) if i in self.events]

    def put(self, event: MergedEvent, keys: Collection[str]) -> None:
        """Save an event and its blocking keys."""
        self.events[event.id] = event
        for key in keys:
            self.blocks.setdefault(key, set()).add(event.id)
        for report in event.reports:
            self.by_article.setdefault(report.article, set()).add(event.id)

    def of_article(self, article: str) -> list[MergedEvent]:
        """The events one article reports."""
        found = (self.events.get(i) for i in sorted(self.by_article.get(article, ())))
        return [e for e in found if e is not None and any(r.article == article
                                                         for r in e.reports)]  # fmt: skip

    def delete(self, ident: str) -> None:
        """Forget an event."""
        self.events.pop(ident, None)

    def exists(self, ident: str) -> bool:
        """Whether an event has this id."""
        return ident in self.events


def kind_of(report: Report) -> str:
    """What must agree for two reports to be one event: type, mode of a statement, lemma of
    an ``OTHER`` event; and whether it is said to have happened: an announced or imagined
    event (future, hypothetical) is never the same as one reported done."""
    kind = report.type or "OTHER"
    if kind in ("OTHER", "STATEMENT"):
        kind = f"{kind}:{report.mode}"
    return kind + ("?" if report.modality in UNREAL else "")


def event_kind(event: MergedEvent) -> str:
    """The kind of a merged event (as :func:`kind_of`, from its first report)."""
    return kind_of(event.reports[0]) if event.reports else event.type


def blocking_keys(report: Report) -> set[str]:
    """The keys a report is stored and looked up under: each actor and each recipient (or the
    country it acts for) with the event kind and a year the event may fall in (the year of
    its date; undated, the year of its bound and the one before); for an event with neither,
    the kind and the year alone."""
    kind = kind_of(report)
    span = date_interval(report.date)
    if span is not None:
        years = {span[0].year, span[1].year}
    else:
        bound = date_interval(report.before)
        years = {bound[0].year, bound[0].year - 1} if bound is not None else {0}
    who = set(report.actor) | set(report.actor_sides)
    whom = set(report.recipient) | set(report.recipient_sides)
    keys = {f"a|{kind}|{w}|{y}" for w in who for y in years}
    keys |= {f"r|{kind}|{w}|{y}" for w in whom for y in years}
    return keys or {f"l|{kind}|{y}" for y in years}


def dates_compatible(a: Report, b: Report, slack: int = 0) -> bool:
    """Whether two reports' dates can be the same event's (see the module docstring)."""
    first, second = date_interval(a.date), date_interval(b.date)
    if first is not None and second is not None:
        gap = dt.timedelta(days=slack)
        return first[0] - gap <= second[1] and second[0] - gap <= first[1]
    bound_a, bound_b = date_interval(a.before), date_interval(b.before)
    if first is None and second is None:
        if bound_a is None or bound_b is None:
            return bound_a is None and bound_b is None
        return abs((bound_a[0] - bound_b[0]).days) <= NEWS_CYCLE_DAYS
    dated, bound = (first, bound_b) if first is not None else (second, bound_a)
    assert dated is not None
    if bound is None:
        return True
    return dated[0] <= bound[0] and (bound[0] - dated[1]).days <= UNDATED_WINDOW_DAYS


def _fit(report: Report, event: MergedEvent) -> int | None:
    """How well a report fits an event (a score); None when it cannot be the same event."""
    if kind_of(report) != event_kind(event):
        return None
    actors = set(report.actor) | set(report.actor_sides)
    recipients = set(report.recipient) | set(report.recipient_sides)
    event_actors = set(event.actor) | set(event.actor_countries)  # the reports' unions
    event_recipients = set(event.recipient) | set(event.recipient_countries)
    shared_actors = actors & event_actors
    shared_recipients = recipients & event_recipients
    if (
        actors
        and event_actors
        and not shared_actors
        and not (shared_recipients and _same_day(report, event.reports))
    ):
        return None  # who acted differs: the same event only if whom and the day agree
    if (
        not actors
        and not event_actors
        and not shared_recipients
        and (recipients or event_recipients or not report.date)
    ):
        return None
    if recipients and event_recipients and not shared_recipients:
        return None
    score = 2 * len(shared_actors) + len(shared_recipients)
    if all(dates_compatible(report, r) for r in event.reports):
        return score + 1
    close = all(dates_compatible(report, r, DATE_SLACK_DAYS) for r in event.reports)
    if shared_actors and shared_recipients and report.date and close:
        return score  # a day apart: one event told two ways
    return None


def _same_day(report: Report, others: Sequence[Report]) -> bool:
    """Whether a report and every other give the same single day."""
    day = date_interval(report.date)
    return (
        day is not None and day[0] == day[1] and all(date_interval(o.date) == day for o in others)
    )


def _bare(report: Report) -> bool:
    """A report with no actor, no recipient and no date ("the attack"): too little to tell
    it is another article's event; it can only be a second mention of its own article's."""
    return not (report.actor or report.actor_sides or report.recipient
                or report.recipient_sides or report.date)  # fmt: skip


def _statement(report: Report) -> bool:
    """A reporting event ("Jobs said"): each is its own utterance, never merged."""
    return report.type == "OTHER" and report.lemma in REPORTING


def _nearest(report: Report, candidates: list[MergedEvent]) -> list[MergedEvent]:
    """The :data:`MAX_CANDIDATES` candidates nearest a report: most actors and recipients in
    common, then closest in date."""
    if len(candidates) <= MAX_CANDIDATES:
        return candidates
    mine = set(report.actor + report.actor_sides + report.recipient + report.recipient_sides)
    when = date_interval(report.date) or date_interval(report.before)

    def distance(event: MergedEvent) -> tuple[int, int]:
        theirs = set(event.actor + event.recipient + event.actor_countries
                     + event.recipient_countries)  # fmt: skip
        span = date_interval(event.date) or date_interval(event.before)
        days = abs((span[0] - when[0]).days) if span is not None and when is not None else 10**6
        return (-len(mine & theirs), days)

    return sorted(candidates, key=distance)[:MAX_CANDIDATES]


def _fit_again(report: Report, earlier: Sequence[Report]) -> int | None:
    """How well a report fits an event its own article already reported: the second mention
    of it ("the sale ... the sale"). The kind agrees (the candidates share it); nothing may
    tell them apart — actors, recipients or other participants named on both sides and
    disjoint, or incompatible dates — and they share the predicate's word or a participant."""
    score = 1
    for other in earlier:
        if not dates_compatible(report, other):
            return None
        shared = set(report.actor + report.recipient + report.participants) & set(
            other.actor + other.recipient + other.participants
        )
        if report.lemma != other.lemma and not shared:
            return None  # a different word with nobody in common: another event
        for mine, theirs in (
            (report.actor + report.actor_sides, other.actor + other.actor_sides),
            (report.recipient + report.recipient_sides, other.recipient + other.recipient_sides),
            (report.participants, other.participants),
        ):
            if mine and theirs:
                if not set(mine) & set(theirs):
                    return None
                score += 1
    return score


def sides(entities: Iterable[Entity | None], gazetteer: Gazetteer) -> list[str]:
    """The countries entities act for, as country actor ids ("country:eg"): a country
    itself, a state body or office holder, a nationality acting ("Egyptian"), a capital
    standing for its government ("Cairo")."""
    found: list[str] = []
    for entity in entities:
        if entity is None:
            continue
        code = None
        if entity.country and (
            (entity.gazetteer or "").startswith(COUNTRY_PREFIX) or entity.sector in STATE_SECTORS
        ):
            code = entity.country
        elif entity.type == "group":
            entry = gazetteer.demonym(entity.name)
            code = entry.country if entry is not None else None
        elif entity.type == "place":
            entry = gazetteer.capital(entity.name)
            code = entry.country if entry is not None else None
        if code:
            found.append(COUNTRY_PREFIX + code)
    return sorted(set(found))


def actor_id(document: Document, entity: Entity) -> str:
    """The corpus-wide actor of an entity, or a document-local id when it has none."""
    return entity.actor or f"{document.id}:{entity.id}"


def reports_of(
    document: Document, gazetteer: Gazetteer | None = None
) -> list[tuple[Report, Event, str]]:
    """Each event of a document as a report, with the event and a one-line summary."""
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    entities = {e.id: e for e in document.entities}
    ids = {e.id: actor_id(document, e) for e in document.entities}
    countries: dict[str, list[str]] = {}  # filled for the entities events name

    def actors_of(entity_ids: Sequence[str]) -> list[str]:
        return [ids[i] for i in entity_ids if i in ids]

    def countries_of(entity_ids: Sequence[str]) -> list[str]:
        found: set[str] = set()
        for i in entity_ids:
            if i not in countries:
                countries[i] = sides([entities.get(i)], gazetteer)
            found.update(countries[i])
        return sorted(found)

    found = []
    for event in document.events:
        sentence = None
        if event.sentence is not None and event.sentence < len(document.sentences):
            bounds = document.sentences[event.sentence]
            sentence = document.text[bounds.start : bounds.end][:SENTENCE_MAX]
        report = Report(
            article=document.id,
            event=event.id,
            outlet=document.outlet,
            published=document.published,
            sentence=sentence,
            trigger=Span(event.trigger.start, event.trigger.end, event.trigger.text),
            date=event.date if date_interval(event.date) is not None else None,
            modality=event.modality,
            actor=actors_of(event.actor),
            recipient=actors_of(event.recipient),
            participants=actors_of(event.participants),
            actor_sides=countries_of(event.actor),
            recipient_sides=countries_of(event.recipient),
            type=event.type,
            mode=event.mode,
            before=None if event.modality in UNREAL else event.before or document.published,
            lemma=event.lemma,
        )
        found.append((report, event, summarise(event, entities)))
    return found


def summarise(event: Event, entities: dict[str, Entity]) -> str:
    """ "Erdoğan accused Israel": the actors, the predicate as written, the recipients."""

    def names(ids: Sequence[str]) -> str:
        return " and ".join(entities[i].name for i in ids if i in entities)

    negation = "not " if event.modality == "negated" else ""
    parts = [names(event.actor), negation + event.trigger.text, names(event.recipient)]
    return " ".join(p for p in parts if p)[:SUMMARY_MAX]


class EventIndex:
    """Merges the events of documents, one document at a time, into corpus-wide events."""

    def __init__(self, store: EventStore | None = None, gazetteer: Gazetteer | None = None):
        self.store: EventStore = store if store is not None else MemoryEvents()
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()

    def add(
        self, document: Document, copy_of: str | None = None, copies: int | None = None
    ) -> list[MergedEvent]:
        """Merge a document's events; return the events created or changed. A syndicated
        copy (``copy_of``: the article it copies) adds to its original's ``copies``. An
        article analysed again keeps its count of copies, unless ``copies`` gives it."""
        if copy_of is not None:
            return self._count_copy(copy_of)
        previous = self.store.of_article(document.id)
        if copies is None:
            copies = max(
                (r.copies for e in previous for r in e.reports if r.article == document.id),
                default=0,
            )
        changed = {e.id: e for e in self.forget(document.id)}
        seen = bool(previous)  # analysed before: its old ids may still be taken
        found = reports_of(document, self.gazetteer)
        keyed = [(r, e, s, set() if _statement(r) else blocking_keys(r)) for r, e, s in found]
        prefetch = getattr(self.store, "prefetch", None)
        if prefetch is not None:  # a database: one read for the whole document
            prefetch({k for *_, keys in keyed for k in keys})
        local: dict[str, dict[str, MergedEvent]] = {}  # key -> this document's events
        for report, event, summary, keys in keyed:
            if _bare(report):  # nobody and no date: at most a second mention
                mine = {e.id: e for k in keys for e in local.get(k, {}).values()}
                candidates = [mine[i] for i in sorted(mine)]  # in id order, as the store's
            else:
                candidates = self.store.candidates(keys) if keys else []
            candidates = _nearest(report, candidates)
            best: tuple[int, MergedEvent] | None = None
            for candidate in candidates:
                own = [r for r in candidate.reports if r.article == document.id]
                fit = _fit_again(report, own) if own else _fit(report, candidate)
                if fit is not None and (best is None or fit > best[0]):
                    best = (fit, candidate)
            if best is None:
                merged = MergedEvent(id=self._new_id(report, seen), type=event.type,
                                     summary=summary)  # fmt: skip
            else:
                merged = best[1]
            report.copies = copies  # analysed again: its syndicated copies still count
            merged.reports.append(report)
            settle(merged)
            self.store.put(merged, keys)
            changed[merged.id] = merged
            for key in keys:
                local.setdefault(key, {})[merged.id] = merged
        return list(changed.values())

    def forget(self, article: str) -> list[MergedEvent]:
        """Remove an article's reports (before it is analysed again); events left with no
        report are deleted. Returns the events changed."""
        changed = []
        for event in self.store.of_article(article):
            event.reports = [r for r in event.reports if r.article != article]
            if not event.reports:
                self.store.delete(event.id)
                continue
            settle(event)
            self.store.put(event, ())
            changed.append(event)
        return changed

    def _new_id(self, report: Report, seen: bool) -> str:
        """A new event's id: derived from its first report, so runs are reproducible, and
        never one already taken. Only an article analysed before can meet an id of its own
        (article ids are unique, and so are event ids within one analysis)."""
        seed = f"{report.article}|{report.event}|{kind_of(report)}"
        for attempt in range(1000):
            digest = hashlib.sha1(f"{seed}|{attempt}".encode()).hexdigest()
            ident = "e" + digest[:15]
            if not seen or not self.store.exists(ident):
                return ident
        raise RuntimeError(f"no free event id for {seed}")

    def _count_copy(self, original: str) -> list[MergedEvent]:
        changed = []
        for event in self.store.of_article(original):
            for report in event.reports:
                if report.article == original:
                    report.copies += 1
            self.store.put(event, ())
            changed.append(event)
        return changed


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def settle(event: MergedEvent) -> None:
    """Recompute an event's fields from its reports and record where they disagree."""
    reports = event.reports
    if len(reports) == 1:  # most events: one report, nothing to weigh
        _settle_one(event, reports[0])
        return
    event.type = _most_common(r.type for r in reports) or event.type
    event.mode = _most_common(r.mode for r in reports)
    event.intensity = intensity(event.type, event.mode) if event.type != "OTHER" else None
    event.cameo = cameo_of(event.type, event.mode)
    event.actor = _union(r.actor for r in reports)
    event.recipient = _union(r.recipient for r in reports)  # reciprocal: the actors too
    event.actor_countries = _union(r.actor_sides for r in reports)
    event.recipient_countries = _union(r.recipient_sides for r in reports)
    dated = [r for r in reports if r.date]
    if dated:
        # the most precise date that the most reports agree with
        event.date = max(
            (r.date for r in dated if r.date),
            key=lambda d: (sum(dates_compatible(_at(d), r) for r in dated), len(d)),
        )
        event.before = None
    else:
        event.date = None
        event.before = min((r.before for r in reports if r.before), default=None)
    event.granularity = granularity_of(event.date)
    modalities = Counter(r.modality for r in reports)
    event.modality = modalities.most_common(1)[0][0]
    event.disagreements = _disagreements(reports)


def _settle_one(event: MergedEvent, report: Report) -> None:
    event.type = report.type or event.type
    event.mode = report.mode
    event.intensity = intensity(event.type, event.mode) if event.type != "OTHER" else None
    event.cameo = cameo_of(event.type, event.mode)
    event.actor, event.recipient = list(report.actor), list(report.recipient)
    event.actor_countries = list(report.actor_sides)
    event.recipient_countries = list(report.recipient_sides)
    event.date = report.date
    event.before = None if report.date else report.before
    event.granularity = granularity_of(event.date)
    event.modality = report.modality
    event.disagreements = []


def granularity_of(value: str | None) -> str | None:
    """How precise a date value is: day, week, month, quarter, season, year, decade …"""
    span = date_interval(value)
    if span is None or value is None:
        return None
    days = (span[1] - span[0]).days + 1
    if days == 1:
        return "day"
    if "W" in value:
        return "week"
    for limit, name in ((31, "month"), (92, "quarter"), (184, "half-year"), (366, "year")):
        if days <= limit:
            return "season" if value[5:7] in ("SP", "SU", "FA", "WI") else name
    return "decade" if days <= 3653 else "century"


def _at(date: str) -> Report:
    return Report(article="", event="", date=date)


def _union(lists: Iterable[list[str]]) -> list[str]:
    found: dict[str, None] = {}
    for values in lists:
        found.update(dict.fromkeys(values))
    return list(found)


def _disagreements(reports: Sequence[Report]) -> list[Disagreement]:
    found = []
    dated = [r for r in reports if r.date]
    if any(not dates_compatible(a, b) for a in dated for b in dated):
        found.append(_versions("date", reports, lambda r: [r.date] if r.date else []))
    who = [set(r.actor) | set(r.actor_sides) for r in reports if r.actor]
    if len(who) > 1 and not set.intersection(*who):
        found.append(_versions("actor", reports, lambda r: r.actor))
    happened = {"negated" if r.modality == "negated" else "asserted" for r in reports}
    if len(happened) > 1:
        found.append(
            _versions(
                "modality",
                reports,
                lambda r: ["negated" if r.modality == "negated" else "happened"],
            )  # fmt: skip
        )
    return found


def _versions(name: str, reports: Sequence[Report], values: object) -> Disagreement:
    assert callable(values)
    versions: dict[str, list[str]] = {}
    for report in reports:
        for value in values(report):
            articles = versions.setdefault(value, [])
            if report.article not in articles:
                articles.append(report.article)
    return Disagreement(name, versions)


def merge_events(
    documents: Iterable[Document], gazetteer: Gazetteer | None = None
) -> list[MergedEvent]:
    """The corpus-wide events of documents whose entities have their actors (run
    :func:`storyline.resolve.actors.resolve` first). Syndicated copies count once."""
    index = EventIndex(gazetteer=gazetteer)
    store = index.store
    assert isinstance(store, MemoryEvents)
    with collector_paused():
        for document in documents:
            index.add(document, copy_of=document.syndicated_of)
    return list(store.events.values())


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while merging. Merging makes no reference cycles (a
    test holds it to that), so the collector has nothing to free; but each of its full passes
    walks every object the caller holds, such as a corpus of analysed documents, and on the
    Wikinews corpus those passes took about a third of the merge."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

"""A corpus: the store, the analyzer and the settings, and the runs that fill them.

``Corpus.ingest`` reads sources, drops exact copies, links syndicated copies to the earliest
copy, analyses new articles in batches and stores each article with its analysis in one
transaction. ``Corpus.reanalyze`` redoes articles analysed by an older pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from storyline.config import Settings
from storyline.errors import InputError, StorageError
from storyline.ingest import read_source
from storyline.ingest.clean import RULE_SYNDICATION
from storyline.ingest.dedup import fingerprint, similarity
from storyline.ingest.sources import Source, expand
from storyline.model import Article, Document, MergedEvent
from storyline.nlp.pipeline import PIPELINE_VERSION, Analyzer
from storyline.query.quotes import QuoteRow, date_bound, iter_quotes
from storyline.query.relations import Relation, relation
from storyline.query.timeline import TimelineItem, timeline, with_countries
from storyline.resolve.actors import ActorIndex
from storyline.resolve.events import EventIndex
from storyline.store import Store, open_store
from storyline.store.actors import (
    ActorChange,
    ActorDetail,
    ActorSummary,
    SqlActors,
    actor_detail,
    find_actors,
    list_actors,
)
from storyline.store.events import EventChange, SqlEvents, list_events

# Exit codes of runs that read inputs (documented in docs/cli.md).
EXIT_OK = 0
EXIT_PARTIAL = 1  # some inputs or records failed; everything else was stored
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_FAILED = 3  # nothing could be read, or the database could not be used
EXIT_INTERRUPTED = 130  # stopped by Ctrl-C; every article stored so far is complete

# One article the database refuses is reported and skipped; this many in a row mean the
# database is failing, and the run stops.
MAX_CONSECUTIVE_STORAGE_FAILURES = 5


@dataclass
class Duplicate:
    """An article not stored because the same text is stored already."""

    location: str
    of: str


@dataclass
class Syndicated:
    """An article stored as a copy of an earlier one."""

    id: str
    of: str
    similarity: float


@dataclass
class IngestReport:
    """What an ingest run did."""

    sources: int = 0
    read: int = 0
    stored: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    syndicated: list[Syndicated] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when everything was read, 1 when some inputs failed, 3 when all did."""
        if not self.errors:
            return EXIT_OK
        return EXIT_PARTIAL if self.read else EXIT_FAILED


def is_earlier_copy(article: Article, other: Article) -> bool:
    """Whether ``article`` is the original of which ``other`` is a copy.

    The earlier publication date decides; on equal or unknown dates, the copy is the one that
    carries a syndication note ("first published by … republished with permission").
    """
    if article.published and other.published and article.published != other.published:
        return article.published < other.published
    return _syndication_note(other) and not _syndication_note(article)


def _syndication_note(article: Article) -> bool:
    return any(b.rule == RULE_SYNDICATION for b in article.boilerplate)


class Corpus:
    """A store of articles with the pipeline that analyses them."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.store: Store = open_store(self.settings.db_url)
        self._analyzer: Analyzer | None = None
        self._actor_store = SqlActors(self.store.engine)
        self._actor_index: ActorIndex | None = None
        self._event_store = SqlEvents(self.store.engine)
        self.event_index = EventIndex(self._event_store)

    @property
    def analyzer(self) -> Analyzer:
        """The analyzer, loaded on first use (loading the model takes a second)."""
        if self._analyzer is None:
            self._analyzer = Analyzer(self.settings)
        return self._analyzer

    @property
    def actor_index(self) -> ActorIndex:
        """Cross-document actor resolution against this corpus's actors."""
        if self._actor_index is None:
            self._actor_index = ActorIndex(self.analyzer.gazetteer, self._actor_store)
        return self._actor_index

    def _resolve_actors(self, document: Document) -> list[ActorChange]:
        """Give the document's entities their corpus-wide actors; the changes to store."""
        self._actor_store.take()  # nothing left over from a failed article
        self.actor_index.resolve(document)
        return self._actor_store.take()

    def _merge_events(self, document: Document, copy_of: str | None) -> list[EventChange]:
        """Merge the document's events into the corpus's events (a syndicated copy only
        counts on its original's reports); the changes to store."""
        self._event_store.take()  # nothing left over from a failed article
        self.event_index.add(document, copy_of=copy_of)
        return self._event_store.take()

    def _remerge_events(self, document: Document) -> list[EventChange]:
        """Merge the events of an article analysed again. Of a set of syndicated copies, one
        article carries the reports (the one stored first) and the others count on it: the
        carrier's reports are replaced, with the others as its copies; the others change
        nothing."""
        group = self.store.syndication_group(document.id)
        carriers = self.store.articles_with_events(group)
        if carriers and document.id not in carriers:
            return []
        self._event_store.take()
        self.event_index.add(document, copies=len(group) - 1)
        return self._event_store.take()

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        inputs: Iterable[str | Source | InputError],
        progress: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Read, deduplicate, analyse and store every article of ``inputs`` (paths or sources)."""
        report = IngestReport()
        batch: list[Article] = []
        pending: set[str] = set()  # ids of the articles in the batch
        for source in _sources(inputs):
            report.sources += 1
            if isinstance(source, InputError):
                report.errors.append(source)
                continue
            for item in read_source(source, self.settings):
                if isinstance(item, InputError):
                    report.errors.append(item)
                    continue
                report.read += 1
                article_id = item.id  # a hash of the whole text: computed once here
                if self._is_duplicate(item, article_id, pending, report):
                    continue
                batch.append(item)
                pending.add(article_id)
                if len(batch) >= self.settings.batch_size:
                    self._store_batch(batch, report)
                    batch, pending = [], set()
            if progress is not None:
                progress(source.name)
        self._store_batch(batch, report)
        return report

    def _is_duplicate(
        self, article: Article, article_id: str, pending: set[str], report: IngestReport
    ) -> bool:
        """Whether the article is waiting in the batch or stored already (then reported)."""
        original = article_id if article_id in pending else self.store.find_copy(article.text)
        if original is not None:
            report.duplicates.append(Duplicate(article.location, original))
        return original is not None

    def _store_batch(self, batch: list[Article], report: IngestReport) -> None:
        failures = 0
        for article, document in zip(batch, self.analyzer.analyze_many(batch), strict=True):
            try:
                self._store_one(article, document, report)
                failures = 0
            except StorageError as exc:
                failures += 1
                if failures > MAX_CONSECUTIVE_STORAGE_FAILURES:
                    raise  # the database itself is failing, not one article
                reason = str(exc).splitlines()[0].removeprefix(f"{article.location}: ")
                report.errors.append(InputError(article.source, reason, article.record))

    def _store_one(self, article: Article, document: Document, report: IngestReport) -> None:
        actors = self._resolve_actors(document)
        prints = fingerprint(article.text)
        best, score = None, 0.0
        for candidate in self.store.candidates(prints.buckets):
            value = similarity(prints.signature, candidate.signature)
            if value > score:
                best, score = candidate, value
        if best is None or score < self.settings.syndication_threshold:
            events = self._merge_events(document, None)
            stored = self.store.add(article, prints, document, actors=actors, events=events)
        else:
            root_id = best.syndicated_of or best.id
            root = self.store.get_article(root_id)
            # the copy stored first carries the reports; any later copy counts on them
            events = self._merge_events(document, root_id)
            if root is not None and is_earlier_copy(article, root):
                stored = self.store.add(
                    article, prints, document, original_of=root_id, actors=actors,
                    events=events,
                )  # fmt: skip
                report.syndicated.append(Syndicated(root_id, stored, score))
            else:
                stored = self.store.add(
                    article, prints, document, syndicated_of=root_id, similarity=score,
                    actors=actors, events=events,
                )  # fmt: skip
                report.syndicated.append(Syndicated(stored, root_id, score))
        report.stored.append(stored)

    def reanalyze(
        self, everything: bool = False, progress: Callable[[str], None] | None = None
    ) -> list[str]:
        """Re-run the pipeline on articles analysed by another version (or on all)."""
        ids = (
            [a.id for a in self.store.list_articles()]
            if everything
            else self.store.outdated(PIPELINE_VERSION)
        )
        articles = (self.store.get_article(i) for i in ids)
        for document in self.analyzer.analyze_many(a for a in articles if a is not None):
            actors = self._resolve_actors(document)
            events = self._remerge_events(document)
            self.store.save_analysis(document, actors=actors, events=events)
            if progress is not None:
                progress(document.id)
        return ids

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """Stored documents with their analyses."""
        return self.store.iter_documents(ids)

    def actors(self, kind: str | None = None, limit: int | None = None) -> list[ActorSummary]:
        """The corpus's actors (of one type), the most written about first."""
        return list_actors(self.store.engine, kind, limit)

    def actor(self, name: str) -> list[ActorDetail]:
        """The actors an id, name or alias denotes, each with its articles and quotations."""
        return [actor_detail(self.store.engine, a) for a in find_actors(self.store.engine, name)]

    def find_actor(self, name: str) -> ActorSummary | None:
        """The actor an id, name or alias denotes (the most written about of several)."""
        found = find_actors(self.store.engine, name)
        return found[0] if found else None

    def events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        types: Collection[str] = (),
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        limit: int | None = None,
    ) -> list[MergedEvent]:
        """Corpus-wide events, by their own date; ``actor``/``recipient`` are names, ids
        or aliases of actors (every actor the name denotes); ``date_from``/``date_to`` are
        ISO dates, a year or a month standing for its first or last day. Raises LookupError
        for a name no actor has."""
        return list_events(
            self.store.engine,
            actors=self._actor_ids(actor),
            recipients=self._actor_ids(recipient),
            types=types,
            date_from=_day(date_from),
            date_to=_day(date_to, end=True),
            limit=limit,
        )

    def _actor_ids(self, name: str | None) -> list[str]:
        if name is None:
            return []
        found = find_actors(self.store.engine, name)
        if not found:
            raise LookupError(f"no actor is called {name!r} (storyline actors lists them)")
        return [a.id for a in found]

    def timeline(
        self,
        actor: ActorSummary,
        other: ActorSummary | None = None,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
    ) -> list[TimelineItem]:
        """The events and quotations of an actor (or between two), by their own date;
        ``date_from``/``date_to`` as in :meth:`events`."""
        return timeline(self.store, actor, other, _day(date_from), _day(date_to, end=True))

    def relation(self, a: ActorSummary, b: ActorSummary, by: str = "month") -> Relation:
        """The directed relation between two actors over time, both ways."""
        events = [with_countries(e) for e in list_events(self.store.engine, involving=[a.id])]
        return relation(events, a.id, b.id, by=by)  # type: ignore[arg-type]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        kinds: Collection[str] | None = None,
        copies: bool = True,
        limit: int | None = None,
    ) -> Iterator[QuoteRow]:
        """Stored quotations across the corpus, filtered (see :func:`iter_quotes`)."""
        return iter_quotes(
            self.store,
            speaker=speaker,
            about=about,
            date_from=date_from,
            date_to=date_to,
            kinds=kinds,
            copies=copies,
            limit=limit,
        )


def _day(value: str | dt.date | None, end: bool = False) -> str | None:
    """An ISO day from a date bound ("1978" → 1978-01-01, or 1978-12-31 as an end)."""
    bound = date_bound(value, end=end)
    return bound.isoformat() if bound is not None else None


def _sources(inputs: Iterable[str | Source | InputError]) -> Iterator[Source | InputError]:
    for item in inputs:
        if isinstance(item, str):
            yield from expand([item])
        else:
            yield item


def open_corpus(db: str | None = None, settings: Settings | None = None) -> Corpus:
    """Open the corpus at ``db`` (a path or URL; default: the settings' database)."""
    return Corpus((settings or Settings.from_env()).with_db(db))

"""The one data model every stage exchanges.

An :class:`Article` is what ingestion produces: cleaned text and metadata, not yet analysed.
A :class:`Document` is the analysis contract (``docs/schema.md``): the article plus every
annotation, each carrying character offsets into ``Document.text``. Both serialise to plain
JSON-compatible dicts with ``to_dict`` / ``from_dict``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar

SCHEMA_VERSION = "1.5"

PublishedSource = Literal["metadata", "argument", "inferred"]

_WS = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """Text reduced to what makes two copies "the same": NFKC, case- and space-folded."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def article_id_for(text: str) -> str:
    """The stable article id: ``a`` and the first 16 hex digits of the content hash."""
    return id_from_hash(content_hash(text))


def id_from_hash(digest: str) -> str:
    """The article id for a content hash already computed."""
    return "a" + digest[:16]


def compose_text(title: str | None, body: str) -> str:
    """The document text: the title as first paragraph (when there is one), then the body."""
    body = body.strip("\n")
    return f"{title}\n\n{body}" if title else body


@dataclass
class Boilerplate:
    """A piece of text removed from an article by a cleaning rule, kept for the record."""

    rule: str
    text: str


@dataclass
class Article:
    """An ingested article: cleaned body and metadata, as a reader produced it."""

    body: str
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or None
    published_source: PublishedSource | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    source: str = "<memory>"  # file path, "-" for stdin
    record: str | None = None  # line / record number / WARC record id within the source
    external_id: str | None = None  # the id the source gave the article, if any
    encoding: str | None = None
    flags: list[str] = field(default_factory=list)  # e.g. "replaced-undecodable-bytes"

    @property
    def text(self) -> str:
        """The document text: title paragraph, then body."""
        return compose_text(self.title, self.body)

    @property
    def id(self) -> str:
        """Stable id derived from the normalised text."""
        return article_id_for(self.text)

    @property
    def location(self) -> str:
        """Where the article came from, for messages: ``file`` or ``file:record``."""
        return f"{self.source}:{self.record}" if self.record else self.source

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["boilerplate"] = [Boilerplate(**b) for b in data.get("boilerplate", [])]
        return _build(cls, data)


@dataclass
class Span:
    """A stretch of ``Document.text``."""

    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """A sentence boundary."""

    start: int
    end: int


@dataclass
class Mention:
    """One place an entity is mentioned."""

    start: int
    end: int
    text: str
    # name | description ("the Turkish leader") | demonym ("Turkish troops") | pronoun
    kind: str = "name"


@dataclass
class Entity:
    """An entity within one document with all its mentions."""

    id: str
    name: str
    type: str  # person | organisation | country | place | group | other ...
    label: str | None = None  # the NER label it came from (spaCy: PERSON, ORG, GPE ...)
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-2, lower case ("tr"); "eu" for the EU
    sector: str | None = None  # government | military | media | armed group | ...
    gazetteer: str | None = None  # the gazetteer entry it is linked to ("country:tr")
    actor: str | None = None  # the corpus-wide actor (set by cross-document resolution)


QUOTE_KINDS = ("direct", "partial", "indirect", "headline", "mention")


@dataclass
class Quote:
    """A quotation or a piece of reported speech (issue "Quotations")."""

    id: str
    kind: str  # direct | partial | indirect | headline | mention ...
    start: int
    end: int
    text: str
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    speaker_kind: str | None = None  # named | anonymous | unknown
    speaker_span: Span | None = None  # the words naming the speaker at this quote ("she")
    speaker_count: int | None = None  # an unnamed source: how many ("two aides" → 2)
    speaker_affiliation: str | None = None  # an unnamed source: tied to whom
    cue: Span | None = None
    addressee: str | None = None
    medium: str | None = None
    setting: str | None = None
    time: str | None = None  # id of a TimeExpr
    date: str | None = None  # the value of that time; None when the text gives none
    before: str | None = None  # without a date: it was said before this (the publication date)
    parent: str | None = None  # id of the enclosing quote
    via: list[str] = field(default_factory=list)
    insertions: list[Span] = field(default_factory=list)  # "[the Germans]": an editor's words
    confidence: float | None = None


@dataclass
class TimeExpr:
    """A time expression, normalised (issue "Time")."""

    id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None = None
    granularity: str | None = None
    anchor: str | None = None  # "dct" or the id of the anchoring TimeExpr
    vague: bool = False
    interval: list[str | None] | None = None  # [first day, last day]; None = unbounded side
    confidence: float | None = None


EVENT_MODALITIES = ("asserted", "negated", "future", "hypothetical", "claimed")


@dataclass
class Event:
    """A coded event (issue "Events"): who did what to whom, when, and on whose word."""

    id: str
    type: str  # one of the 16 PLOVER types, STATEMENT, or OTHER
    trigger: Span  # the predicate: "accused", "withdrawal", "falling-out"
    lemma: str | None = None  # the predicate's lemma ("accuse", "withdrawal")
    mode: str | None = None  # PLOVER mode ("visit", "arrest"), statement kind, or the lemma
    context: str | None = None  # PLOVER context where the text gives one ("military")
    cameo: str | None = None  # CAMEO root code ("12")
    intensity: float | None = None  # -10 (conflict) ... +10 (cooperation)
    actor: list[str] = field(default_factory=list)  # entity ids
    recipient: list[str] = field(default_factory=list)  # entity ids
    participants: list[str] = field(default_factory=list)  # other entities in its arguments
    time: str | None = None  # id of the TimeExpr dating it
    date: str | None = None  # the event's own date; never the publication date
    granularity: str | None = None  # of that date: day, month, year ...
    before: str | None = None  # without a date: it happened before this (the publication date)
    modality: str = "asserted"  # asserted | negated | future | hypothetical | claimed
    sentence: int | None = None  # index into Document.sentences
    quote: str | None = None  # the quote or reported speech it is told in (claimed)
    source: str | None = None  # entity id of who claims it
    source_text: str | None = None  # who claims it, as written ("two aides")
    confidence: float | None = None


@dataclass
class Report:
    """One article's report of a corpus-level event."""

    article: str  # article id
    event: str  # the event's id within that article ("v3")
    outlet: str | None = None
    published: str | None = None  # when the report was published
    sentence: str | None = None  # the evidence: the sentence that reports it
    trigger: Span | None = None  # the predicate, offsets into the article text
    date: str | None = None  # the date this report gives the event (None: it gives none)
    modality: str = "asserted"
    actor: list[str] = field(default_factory=list)  # actor ids as this report has them
    recipient: list[str] = field(default_factory=list)
    # the countries the actors act for ("country:tr"), so a government and its leader agree
    actor_sides: list[str] = field(default_factory=list)
    recipient_sides: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # other actors in its arguments
    lemma: str | None = None  # the predicate's lemma
    type: str | None = None  # the type this report was coded with
    mode: str | None = None
    before: str | None = None  # undated report: the event happened before this
    copies: int = 0  # syndicated copies of the article, counted once


@dataclass
class Disagreement:
    """Reports of one event that do not agree on a field."""

    aspect: str  # date | actor | modality: what the reports disagree on
    versions: dict[str, list[str]] = field(default_factory=dict)  # value -> article ids


@dataclass
class MergedEvent:
    """One real-world event with every report of it (cross-document event merging)."""

    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    intensity: float | None = None
    actor: list[str] = field(default_factory=list)  # corpus-wide actor ids
    recipient: list[str] = field(default_factory=list)
    # the countries the actors and recipients act for ("country:eg" for Egypt's president)
    actor_countries: list[str] = field(default_factory=list)
    recipient_countries: list[str] = field(default_factory=list)
    date: str | None = None  # the event's own date, from the reports that give one
    granularity: str | None = None
    before: str | None = None  # undated: it happened before this (the earliest report)
    modality: str = "asserted"
    summary: str = ""  # one line built from the evidence
    reports: list[Report] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form (as ``dataclasses.asdict`` gives it, built without its deep copy:
        every field is a plain value, a list of plain values, or a dataclass of them)."""
        data = {name: _plain(value) for name, value in vars(self).items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergedEvent:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["reports"] = [_report(r) for r in data.get("reports", [])]
        data["disagreements"] = [_build(Disagreement, d) for d in data.get("disagreements", [])]
        return _build(cls, data)


def _plain(value: Any) -> Any:
    """A value of a dataclass field as plain data (lists copied, dataclasses as dicts)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(v) for name, v in vars(value).items()}
    return value


def _report(data: dict[str, Any]) -> Report:
    data = dict(data)
    if data.get("trigger") is not None:
        data["trigger"] = Span(**data["trigger"])
    return _build(Report, data)


@dataclass
class Document:
    """One analysed article: the analysis contract (``docs/schema/document.schema.json``)."""

    id: str
    text: str
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: PublishedSource | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "replaced-undecodable-bytes"
    syndicated_of: str | None = None  # id of the earliest copy, for a syndicated copy
    pipeline: str | None = None  # version of the pipeline that produced the annotations
    model: str | None = None  # the spaCy model used
    schema_version: str = SCHEMA_VERSION

    @classmethod
    def from_article(cls, article: Article) -> Document:
        """An unannotated document carrying the article's text and metadata."""
        return cls(
            id=article.id,
            text=article.text,
            title=article.title,
            byline=list(article.byline),
            outlet=article.outlet,
            url=article.url,
            published=article.published,
            published_source=article.published_source,
            boilerplate=list(article.boilerplate),
            flags=list(article.flags),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form, in the contract's field order."""
        data = asdict(self)
        return {"schema_version": data.pop("schema_version"), **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["boilerplate"] = [Boilerplate(**b) for b in data.get("boilerplate", [])]
        data["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        data["entities"] = [entity_from_dict(e) for e in data.get("entities", [])]
        data["quotes"] = [quote_from_dict(q) for q in data.get("quotes", [])]
        data["times"] = [_build(TimeExpr, t) for t in data.get("times", [])]
        data["events"] = [event_from_dict(e) for e in data.get("events", [])]
        return _build(cls, data)


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """Construct a dataclass from a dict, ignoring keys it does not know (forward compatible)."""
    names = _field_names(cls)  # type: ignore[arg-type]  # a class is hashable
    return cls(**{k: v for k, v in data.items() if k in names})


@functools.cache
def _field_names(cls: Any) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def entity_from_dict(data: dict[str, Any]) -> Entity:
    """An :class:`Entity` from its dict form."""
    data = dict(data)
    data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
    return _build(Entity, data)


def quote_from_dict(data: dict[str, Any]) -> Quote:
    """A :class:`Quote` from its dict form."""
    data = dict(data)
    for key in ("cue", "speaker_span"):
        if data.get(key) is not None:
            data[key] = Span(**data[key])
    data["insertions"] = [Span(**s) for s in data.get("insertions", [])]
    return _build(Quote, data)


def event_from_dict(data: dict[str, Any]) -> Event:
    """An :class:`Event` from its dict form."""
    data = dict(data)
    data["trigger"] = Span(**data["trigger"])
    return _build(Event, data)

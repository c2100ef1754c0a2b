"""Quotations across the corpus: who said what, when, in which outlet and article.

:func:`iter_quotes` streams the stored quotations, one :class:`QuoteRow` each, filtered by
speaker, by who or what they mention, by date and by kind. What SQL can decide exactly is
decided there (kinds, copies, the publication date of undated quotes); the rest (names,
dates given in the text) is decided here, a batch of articles at a time.

Names are matched by :func:`match_name` (case-, accent- and punctuation-insensitive, whole
words) against every name of an entity: its name, its mentions (not pronouns), and the name
and aliases of the corpus-wide actor it was resolved to, so ``Anwar Sadat`` finds the
quotations of an article that calls him "Anwar el-Sadat".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, Row, Select, and_, or_, select

from storyline.nlp.temporal.intervals import date_interval
from storyline.store import Store
from storyline.store import schema as s

# Quotation marks that are not speech (scare quotes, titles): left out unless asked for.
NOT_SPEECH = "mention"

DatedBy = Literal["text", "publication"]

NameMatcher = Callable[[str, Sequence[str]], bool]
"""``matcher(query, names)``: whether the name ``query`` is one of ``names`` (or in them)."""


@dataclass
class QuoteRow:
    """One quotation with its speaker, its date and the article that reports it."""

    article_id: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    syndicated_of: str | None  # the article is a syndicated copy of this one
    quote_id: str
    kind: str
    text: str
    speaker: str | None  # entity id within the article
    speaker_name: str | None  # that entity's name
    speaker_text: str | None  # how the article names the speaker
    speaker_kind: str | None
    cue: str | None  # the reporting verb ("said", "told")
    addressee: str | None
    via: list[str] = field(default_factory=list)
    medium: str | None = None  # interview, statement, social media post …
    setting: str | None = None  # where it was said
    parent: str | None = None  # the quote (same article) whose words hold this one
    date: str | None = None  # the quote's own date as the text gives it (TIMEX3 value)
    said_before: str | None = None  # without a date: it was said before this (publication)
    dated_by: DatedBy | None = None  # what the date filter used: the text's date or publication
    confidence: float | None = None


# -- names -------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` folded for matching: no accents, no case, no punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORD.findall(bare.casefold()))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def match_name(query: str, names: Sequence[str]) -> bool:
    """Whether ``query`` names one of ``names``: its words appear, in order and whole, in one.

    "Sadat" and "anwar SADAT" match "Anwar Sadat"; "Muller" matches "Jürgen Müller"; "Al"
    does not match "Alan". The words must be consecutive: "Anwar Sadat" does not match
    "Anwar el-Sadat" (telling aliases apart is the actors stage's work).
    """
    wanted = words(query)
    return bool(wanted) and any(_contains(words(name), wanted) for name in names if name)


# -- dates -------------------------------------------------------------------------------------

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a time value (``2019-03-04``, ``2019-03``, ``2019``,
    ``2019-W10``, ``2019-Q1``, ``2019-SU``, ``201X``, ``20``); None when it is not one
    (:func:`storyline.nlp.temporal.intervals.date_interval`)."""
    return date_interval(value)


def date_bound(value: str | dt.date | None, end: bool = False) -> dt.date | None:
    """A ``--from`` (``end=False``) or ``--to`` bound: an ISO date, or a year or month, which
    stands for its first day (``--from``) or its last (``--to``).

    Raises ValueError for anything else.
    """
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    bounds = period(text) if _DAY.fullmatch(text) and len(text) == 10 else None
    if bounds is None and (_MONTH.fullmatch(text) or _YEAR.fullmatch(text)):
        bounds = period(text)
    if bounds is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return bounds[1] if end else bounds[0]


# -- the query ---------------------------------------------------------------------------------


@dataclass
class _Names:
    """The entity names and mentions of one article, for matching."""

    names: dict[str, list[str]] = field(default_factory=dict)  # entity id → name, mentions
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # mention start, end, entity


def iter_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    kinds: Collection[str] | None = None,
    copies: bool = True,
    limit: int | None = None,
    matcher: NameMatcher = match_name,
    batch: int = 200,
    actors: Collection[str] | None = None,
) -> Iterator[QuoteRow]:
    """Stored quotations matching every filter given, in publication order (undated last).

    ``speaker``: a name of the speaker (its entity's name or any of its mentions in the
    article, or the name the attribution gives; not the description of an anonymous source
    such as "an aide to Sadat"). ``about``: a name in the quotation, in its text, its
    addressee or an entity mentioned inside it. ``date_from``/``date_to``: ISO dates (a year
    or month stands for its first or last day); a quotation is kept when its own date's days
    overlap the range or, without a date of its own, when the article was published in it.
    ``kinds``: the kinds to list (default: all but ``mention``, marks that are not speech).
    ``copies``: include the quotations of syndicated copies. ``actors``: only in the
    articles that name one of these corpus-wide actors (a fast first cut for an actor's
    timeline).
    """
    if limit is not None and limit <= 0:
        return
    start, end = date_bound(date_from), date_bound(date_to, end=True)
    if speaker is not None and not words(speaker):
        raise ValueError(f"not a name: {speaker!r}")
    if about is not None and not words(about):
        raise ValueError(f"not a name: {about!r}")
    query = _select(start, end, kinds, copies, speaker is not None, actors)
    need_names = speaker is not None or about is not None
    count = 0
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=500).execute(query)
        for chunk in _by_articles(result, batch):
            names = _load_names(store, {r.article_id for r in chunk}) if need_names else {}
            for row in chunk:
                found = _row(row, start, end)
                if found is None:
                    continue
                data, article_names = row.data, names.get(row.article_id, _Names())
                if speaker is not None and not matcher(
                    speaker, _speaker_names(row, data, article_names)
                ):
                    continue
                if about is not None and not matcher(about, _about_names(data, article_names)):
                    continue
                yield found
                count += 1
                if limit is not None and count >= limit:
                    return


def _select(
    start: dt.date | None,
    end: dt.date | None,
    kinds: Collection[str] | None,
    copies: bool,
    attributed: bool,
    actors: Collection[str] | None = None,
) -> Select[Any]:
    q, a, e = s.quotes, s.articles, s.entities
    query = (
        select(
            q.c.article_id,
            q.c.data,
            q.c.speaker,
            e.c.name.label("speaker_name"),
            a.c.outlet,
            a.c.published,
            a.c.title,
            a.c.url,
            a.c.syndicated_of,
        )
        .join(a, a.c.id == q.c.article_id)
        .outerjoin(e, and_(e.c.article_id == q.c.article_id, e.c.id == q.c.speaker))
        .order_by(a.c.published.is_(None), a.c.published, q.c.article_id, q.c.seq)
    )
    if kinds is None:
        query = query.where(q.c.kind != NOT_SPEECH)
    else:
        query = query.where(q.c.kind.in_(sorted(kinds)))
    if not copies:
        query = query.where(a.c.syndicated_of.is_(None))
    if actors:  # only the articles that name one of these actors
        named = s.entities.alias("named")
        query = query.where(
            q.c.article_id.in_(select(named.c.article_id).where(named.c.actor.in_(sorted(actors))))
        )
    if attributed:  # a quotation without a speaker can match no speaker's name
        query = query.where(
            or_(q.c.speaker.is_not(None), q.c.data["speaker_text"].as_string().is_not(None))
        )
    if start is not None or end is not None:
        # Dated in the text: decided in Python (values such as "2019-W10" or "199X" do not
        # compare as strings). Undated: the publication date decides, and it is a column.
        published: list[ColumnElement[bool]] = [a.c.published.is_not(None)]
        if start is not None:
            published.append(a.c.published >= start.isoformat())
        if end is not None:
            published.append(a.c.published <= end.isoformat())
        query = query.where(or_(q.c.data["date"].as_string().is_not(None), and_(*published)))
    return query


def _by_articles(rows: Any, size: int) -> Iterator[list[Row[Any]]]:
    """The rows in chunks holding whole articles, about ``size`` articles each."""
    chunk: list[Row[Any]] = []
    articles: set[str] = set()
    for row in rows:
        if row.article_id not in articles and len(articles) >= size:
            yield chunk
            chunk, articles = [], set()
        chunk.append(row)
        articles.add(row.article_id)
    if chunk:
        yield chunk


def _load_names(store: Store, ids: set[str]) -> dict[str, _Names]:
    found: dict[str, _Names] = {}
    e, m, actors = s.entities, s.mentions, s.actors
    entities = (
        select(e.c.article_id, e.c.id, e.c.name, actors.c.name, actors.c.data)
        .outerjoin(actors, actors.c.id == e.c.actor)
        .where(e.c.article_id.in_(ids))
    )
    with store.engine.connect() as conn:
        for article_id, entity_id, name, actor_name, actor_data in conn.execute(entities):
            known = found.setdefault(article_id, _Names()).names.setdefault(entity_id, [])
            known.append(name)
            if actor_name is not None:  # every name the corpus-wide actor goes by
                known.append(actor_name)
                known.extend((actor_data or {}).get("aliases", {}))
        mentions = select(
            m.c.article_id, m.c.entity_id, m.c.start, m.c.end, m.c.text, m.c.kind
        ).where(m.c.article_id.in_(ids))
        for article_id, entity_id, start, end, text, kind in conn.execute(mentions):
            names = found.setdefault(article_id, _Names())
            if kind != "pronoun":  # "he" is no one's name
                names.names.setdefault(entity_id, []).append(text)
            names.spans.append((start, end, entity_id))
    return found


def _speaker_names(row: Row[Any], data: dict[str, Any], names: _Names) -> list[str]:
    found = list(names.names.get(row.speaker, [])) if row.speaker else []
    if row.speaker_name:
        found.append(row.speaker_name)
    # An anonymous source's description names someone else ("an aide to Sadat").
    if data.get("speaker_text") and data.get("speaker_kind") != "anonymous":
        found.append(data["speaker_text"])
    return found


def _about_names(data: dict[str, Any], names: _Names) -> list[str]:
    found = [data.get("text") or "", data.get("addressee") or ""]
    start, end = data.get("start", 0), data.get("end", 0)
    for m_start, m_end, entity_id in names.spans:
        if start <= m_start and m_end <= end:
            found.extend(names.names.get(entity_id, []))
    return found


def _row(row: Row[Any], start: dt.date | None, end: dt.date | None) -> QuoteRow | None:
    """The row for one quotation, or None when it falls outside ``start``–``end``."""
    data: dict[str, Any] = row.data
    date = data.get("date")
    days = period(date)
    dated_by: DatedBy | None = "text"
    if days is None:
        published = period(row.published)
        days, dated_by = (published, "publication") if published else (None, None)
    if start is not None or end is not None:
        if days is None:
            return None
        if (start is not None and days[1] < start) or (end is not None and days[0] > end):
            return None
    cue = data.get("cue")
    return QuoteRow(
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        title=row.title,
        url=row.url,
        syndicated_of=row.syndicated_of,
        quote_id=data.get("id", ""),
        kind=data.get("kind", ""),
        text=data.get("text", ""),
        speaker=row.speaker,
        speaker_name=row.speaker_name,
        speaker_text=data.get("speaker_text"),
        speaker_kind=data.get("speaker_kind"),
        cue=cue.get("text") if isinstance(cue, dict) else None,
        addressee=data.get("addressee"),
        via=list(data.get("via") or []),
        medium=data.get("medium"),
        setting=data.get("setting"),
        parent=data.get("parent"),
        date=date,
        said_before=(data.get("before") or row.published) if date is None else None,
        dated_by=dated_by,
        confidence=data.get("confidence"),
    )

"""Feed reader: one article per entry of an RSS 2.0, RSS 1.0 or Atom feed (feedparser).

The feed is parsed from bytes already read, never from a URL. feedparser 6 does not load
external entities or DTDs (its SAX parser has external general entities switched off and it
strips entity declarations from the DOCTYPE), so parsing cannot reach the network.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError, MalformedInputError
from storyline.ingest.encoding import decode, printable
from storyline.ingest.html import fragment_to_text
from storyline.ingest.metadata import outlet_from_url, parse_date, split_byline
from storyline.ingest.records import MULTI_RECORD_LIMIT_FACTOR, article_from
from storyline.ingest.sources import Source
from storyline.model import Article

# We turn content into plain text, so links need no resolving; sanitising first drops
# scripts and styles whose text would otherwise leak into the body.
RESOLVE_RELATIVE_URIS = False
SANITIZE_HTML = True
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_EMAIL_AND_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")
# XML errors that are common in real feeds and harmless once the lenient parser has read them
# (expat's message for an HTML entity such as &nbsp; that XML does not define).
HARMLESS_XML_ERRORS = ("undefined entity",)
# The start of the first element (feedparser's own test for where the prolog ends).
_ELEMENT_START = re.compile(rb"<\w")


def read(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """One article (or error) per feed entry; the file is rejected only when it has none."""
    raw = source.read_bytes(settings.max_bytes * MULTI_RECORD_LIMIT_FACTOR)
    decode(raw, source.name)  # empty or binary input fails here, with a clear message
    parsed = feedparser.parse(
        io.BytesIO(raw),
        resolve_relative_uris=RESOLVE_RELATIVE_URIS,
        sanitize_html=SANITIZE_HTML,
    )
    if not parsed.entries:
        raise _no_entries(parsed, source.name)
    entries = list(parsed.entries)
    if _cut_short(parsed, raw):
        # The feed breaks off: its last entry is cut short, so it is not read as an article.
        entries.pop()
        yield _syntax_error(
            parsed, source.name, "the feed is cut short",
            f"; entries before it are read, entry {len(entries) + 1} is not",
        )  # fmt: skip
    elif _broken_inside(parsed, raw):
        line = parsed["bozo_exception"].getLineNumber()
        lenient = "; entries were read with a lenient parser"
        yield _syntax_error(parsed, source.name, f"not well-formed XML at line {line}", lenient)
    feed_title = _text_of(parsed.feed.get("title_detail")) or None
    encoding = parsed.get("encoding") or None
    for number, entry in enumerate(entries, start=1):
        article = from_entry(entry, source.name, f"entry {number}", feed_title)
        if isinstance(article, Article):
            article.encoding = encoding
        yield article


def _no_entries(parsed: Any, name: str) -> InputError:
    """The error for a feed without entries: broken (bozo) or merely empty."""
    if not parsed.get("bozo"):
        return EmptyInputError(name, "feed has no entries")
    problem = parsed.get("bozo_exception")
    if hasattr(problem, "getLineNumber"):  # an XML syntax error, with its position
        return _syntax_error(parsed, name, "not a readable feed")
    return MalformedInputError(name, f"not a readable feed: {printable(problem)}")


def _cut_short(parsed: Any, raw: bytes) -> bool:
    """Whether the feed's XML breaks off at the end of the file (a truncated download)."""
    problem: Any = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not hasattr(problem, "getLineNumber"):
        return False
    return bool(problem.getLineNumber() >= raw.rstrip().count(b"\n") + 1)


def _broken_inside(parsed: Any, raw: bytes) -> bool:
    """Whether the feed's elements have an XML syntax error (not a harmless one)."""
    problem: Any = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not hasattr(problem, "getLineNumber"):  # e.g. a character-encoding override
        return False
    if str(problem.getMessage()) in HARMLESS_XML_ERRORS:
        return False
    return (problem.getLineNumber(), problem.getColumnNumber()) >= _root_position(raw)


def _root_position(raw: bytes) -> tuple[int, int]:
    """Line and column of the root element: feedparser rewrites the DOCTYPE before it."""
    found = _ELEMENT_START.search(raw)
    if found is None:
        return (1, 0)
    before = raw[: found.start()]
    return (before.count(b"\n") + 1, found.start() - (before.rfind(b"\n") + 1))


def _syntax_error(parsed: Any, name: str, what: str, tail: str = "") -> MalformedInputError:
    """The feed's XML syntax error, with its line and column."""
    problem = parsed["bozo_exception"]
    reason = printable(problem.getMessage())
    message = f"{what}: {reason} (column {problem.getColumnNumber()}){tail}"
    return MalformedInputError(name, message, f"line {problem.getLineNumber()}")


def from_entry(entry: Any, name: str, record: str, outlet: str | None) -> Article | InputError:
    """An article from one feed entry: its longest content, else its summary."""
    body = _entry_body(entry)
    if not body.strip():
        return EmptyInputError(name, "feed entry has no content or summary", record)
    url = entry.get("link") or None
    published = _entry_date(entry)
    title = _text_of(entry.get("title_detail")) or None
    return article_from(
        body,
        title,
        published,
        byline=_entry_byline(entry),
        outlet=outlet or outlet_from_url(url),
        url=url,
        source=name,
        record=record,
    )


def _entry_body(entry: Any) -> str:
    """The entry's text: the longest ``content`` value, else the summary."""
    contents = [item for item in entry.get("content") or [] if item.get("value")]
    if contents:
        return _text_of(max(contents, key=lambda item: len(item["value"])))
    return _text_of(entry.get("summary_detail"))


def _text_of(detail: Any) -> str:
    """Plain text of a feedparser text construct (HTML converted, plain text as is)."""
    if not detail or not detail.get("value"):
        return ""
    value = str(detail["value"])
    if detail.get("type") in _HTML_TYPES or "<" in value:
        return fragment_to_text(value)
    return value.strip()


def _entry_date(entry: Any) -> str | None:
    """The entry's published (else updated) date, as an ISO date."""
    for key in ("published", "updated", "created"):
        found = parse_date(entry.get(key))  # the feed's own local date, not UTC
        if found:
            return found
        parsed = entry.get(f"{key}_parsed")  # feedparser reads formats dateutil does not
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _entry_byline(entry: Any) -> list[str]:
    """Author names of an entry: RSS "email (Name)", else ``authors``, else ``author``."""
    author = str(entry.get("author") or "")
    match = _EMAIL_AND_NAME.match(author)
    if match:  # feedparser splits these wrongly for long top-level domains
        return split_byline(match["name"])
    names = split_byline(entry.get("authors") or None) or split_byline(author or None)
    return [name for name in names if "@" not in name]  # an address alone is not a name

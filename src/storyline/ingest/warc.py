"""WARC reader: one article per HTML response record of a (gzipped) web archive.

The archive is streamed record by record with warcio; only one record's payload is in
memory at a time. A corrupt or truncated archive ends the read with an error that says how
far it got, after the articles already read.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from storyline.config import Settings
from storyline.errors import InputError, MalformedInputError, TooLargeError
from storyline.ingest import html
from storyline.ingest.encoding import decode, printable
from storyline.ingest.sources import Source
from storyline.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


class _TruncatedStream(Exception):
    """The compressed stream ended early (an EOFError warcio would take for a clean end)."""


class _BadHeader(Exception):
    """A record header without the fields every record has (warcio reads junk as ARC)."""


# What a broken archive raises (warcio trips with AttributeError on a cut-off header).
_BROKEN = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    _TruncatedStream,
    _BadHeader,
    OSError,
    zlib.error,
    ValueError,
    AttributeError,
)


class _Guarded:
    """A read-only stream handing out short reads and reporting truncation as an error."""

    def __init__(self, stream: BinaryIO) -> None:
        self._read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (fewer as soon as some are ready, so less is lost on damage)."""
        try:
            return self._read(size)
        except EOFError as exc:
            raise _TruncatedStream(str(exc) or "unexpected end of data") from exc


def read(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """One article (or error) per HTML response record; other records are skipped."""
    with source.open() as stream:
        records = ArchiveIterator(_Guarded(stream), check_digests=False)
        yield from _walk(records, source.name, settings)


def _walk(records: Any, name: str, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from the records of an archive, stopping with an error where it breaks."""
    last: str | None = None
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
            check_header(record)
            item = _from_record(record, name, settings) if is_html(record) else None
            records.read_to_end()
        except StopIteration:
            if last is None:
                raise MalformedInputError(name, "not a WARC archive: no records found") from None
            return
        except _BROKEN as exc:
            yield _broken(name, last, records.offset, _reason(exc))
            return
        if getattr(record.raw_stream, "limit", 0) > 0:
            reason = f"record {record_id(record)} ends before its Content-Length"
            yield _broken(name, last, records.get_record_offset(), reason)
            return
        last = record_id(record)
        if item is not None:
            yield item


def _broken(name: str, last: str | None, offset: int, reason: str) -> MalformedInputError:
    """The error for an archive that cannot be read past some point."""
    where = f"after record {printable(last)}" if last else "at the first record"
    message = f"corrupt or truncated WARC {where} (offset {offset}): {reason}"
    return MalformedInputError(name, message)


def _reason(exc: Exception) -> str:
    """A readable reason for a reading failure."""
    if isinstance(exc, AttributeError | StatusAndHeadersParserException | _BadHeader):
        return "unreadable record header"
    return printable(exc) or type(exc).__name__


def check_header(record: Any) -> None:
    """Raise _BadHeader unless the record has an id (WARC) and a numeric length."""
    headers = record.rec_headers
    length = headers.get_header("length" if record.format == "arc" else "Content-Length")
    if not str(length or "").strip().isdigit():
        raise _BadHeader("record without a valid length")
    if record.format != "arc" and not headers.get_header("WARC-Record-ID"):
        raise _BadHeader("record without a WARC-Record-ID")


def record_id(record: Any) -> str:
    """The WARC-Record-ID of a record (without the angle brackets)."""
    value = record.rec_headers.get_header("WARC-Record-ID")  # ARC records have none
    return str(value).strip("<>") if value else str(record.rec_headers.get_header("uri"))


def is_html(record: Any) -> bool:
    """True for an HTTP 200 response record whose payload is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _from_record(record: Any, name: str, settings: Settings) -> Article | InputError:
    """An article from one HTML response record (errors carry the record id)."""
    rid = record_id(record)
    payload = record.content_stream().read(settings.max_bytes + 1)
    if len(payload) > settings.max_bytes:
        limit = f"{settings.max_bytes:,}"
        return TooLargeError(name, f"page over the size limit of {limit} bytes", rid)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        decoded = decode(payload, name, _declared(record, payload))
        article = html.extract(decoded.text, name, url=url)
    except InputError as exc:
        return type(exc)(name, exc.message, rid)
    article.record = rid
    article.encoding = decoded.encoding
    article.flags = [*decoded.flags, *article.flags]
    # A page without a date stays undated: WARC-Date is when it was crawled, not published.
    return article


def _declared(record: Any, payload: bytes) -> str | None:
    """The charset named in the HTTP Content-Type header, else in a ``<meta>`` tag."""
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return html.declared_charset(payload)

"""Record readers: one article per JSON object (JSONL, JSON array) or per CSV/TSV row.

Keys are matched case-insensitively; unknown keys are ignored. A bad record (broken JSON, no
text, a row with the wrong number of fields) becomes an InputError naming the file and the
line or row, and reading carries on with the next record.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from storyline.config import Settings
from storyline.errors import BinaryInputError, EmptyInputError, InputError, MalformedInputError
from storyline.ingest.clean import Cleaned, clean_body, drop_headline, normalise_whitespace
from storyline.ingest.encoding import FLAG_REPLACED, decode, looks_binary, printable
from storyline.ingest.metadata import outlet_from_url, parse_date, split_byline
from storyline.ingest.sources import Source, header_delimiter
from storyline.model import Article

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title",)
DATE_KEYS = ("published", "date", "published_at", "pubdate")
URL_KEYS = ("url",)
BYLINE_KEYS = ("byline", "author", "authors")
OUTLET_KEYS = ("outlet", "source", "site")
ID_KEYS = ("id",)
# A file of many records may be larger than one article: a whole-file JSON document (or a
# feed) may be this many times the per-article limit (STORYLINE_MAX_BYTES).
MULTI_RECORD_LIMIT_FACTOR = 50
# csv's default field limit (128 KiB) is below a long article; allow anything up to 1 GiB.
CSV_FIELD_SIZE_LIMIT = 1 << 30
# Bytes looked at to choose the encoding of a CSV file before streaming it.
CSV_ENCODING_SNIFF_BYTES = 1 << 16
_STREAMED_JSON_SUFFIXES = (".jsonl", ".ndjson")
_Line = TypeVar("_Line", str, bytes)
_NO_TEXT = "record has no text (expected a field named " + ", ".join(TEXT_KEYS) + ")"


def read_jsonl(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from JSON lines, or from a .json file holding one object or an array of them."""
    if source.suffix in _STREAMED_JSON_SUFFIXES:
        refuse_binary(source)
        with source.open() as stream:
            yield from _json_lines(_guarded(stream, source.name), source.name)
        return
    limit = settings.max_bytes * MULTI_RECORD_LIMIT_FACTOR
    raw = source.read_bytes(limit)
    document = _whole_json(raw, source.name)
    if document is None:
        yield from _json_lines(io.BytesIO(raw), source.name)
    elif document == []:
        raise EmptyInputError(source.name, "no records: the JSON array is empty")
    elif isinstance(document, list):
        for number, item in enumerate(document, start=1):
            yield _from_json_value(item, source.name, f"item {number}", [])
    else:
        yield _from_json_value(document, source.name, None, [])


def refuse_binary(source: Source) -> None:
    """Raise one BinaryInputError for a file that is not text, before reading it as records."""
    if looks_binary(source.decompressed_head()):
        raise BinaryInputError(source.name, "binary data, not text (is this the right file?)")


def _guarded(stream: Iterable[_Line], name: str) -> Iterator[_Line]:
    """The lines of a stream; a read failure (a truncated .gz) becomes a MalformedInputError."""
    try:
        yield from stream
    except (OSError, EOFError) as exc:
        raise MalformedInputError(name, f"cannot read further: {printable(exc)}") from exc


def _whole_json(raw: bytes, name: str) -> Any:
    """The file parsed as one JSON document, or None when it is not one (JSON lines, say)."""
    decoded = decode(raw, name)
    try:
        return json.loads(decoded.text)
    except (ValueError, RecursionError):
        return None


def _json_lines(stream: Iterable[bytes], name: str) -> Iterator[Article | InputError]:
    """One article (or error) per non-blank line of a JSON-lines stream."""
    seen = False
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        seen = True
        record = f"line {number}"
        flags: list[str] = []
        try:
            text = line.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, flags = line.decode("utf-8", errors="replace"), [FLAG_REPLACED]
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as exc:
            yield MalformedInputError(name, f"invalid JSON: {_json_problem(exc)}", record)
            continue
        yield _from_json_value(value, name, record, flags)
    if not seen:
        raise EmptyInputError(name, "no records: the file is empty or has only blank lines")


def _json_problem(exc: Exception) -> str:
    """What is wrong with a line that json cannot parse."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return printable(exc)


def _from_json_value(
    value: Any, name: str, record: str | None, flags: list[str]
) -> Article | InputError:
    """An article from one parsed JSON value, which must be an object."""
    if not isinstance(value, dict):
        kind = type(value).__name__
        return MalformedInputError(name, f"expected a JSON object, found {kind}", record)
    article = from_fields(value, name, record)
    if isinstance(article, Article):
        article.encoding = "utf-8"
        article.flags = list(flags)
    return article


def from_fields(fields: Mapping[str, Any], name: str, record: str | None) -> Article | InputError:
    """An article from one record's fields (keys matched case-insensitively)."""
    lowered = {str(key).strip().lower(): value for key, value in fields.items()}
    body = _first(lowered, TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        return EmptyInputError(name, _NO_TEXT, record)
    url = _string(_first(lowered, URL_KEYS))
    published = parse_date(_first(lowered, DATE_KEYS))
    identifier = _first(lowered, ID_KEYS)
    title = _string(_first(lowered, TITLE_KEYS))
    return article_from(
        body,
        title,
        published,
        byline=split_byline(_first(lowered, BYLINE_KEYS) or None),
        outlet=_string(_first(lowered, OUTLET_KEYS)) or outlet_from_url(url),
        url=url,
        source=name,
        record=record,
        external_id=None if identifier in (None, "") else str(identifier),
    )


def article_from(body: str, title: str | None, published: str | None, **fields: Any) -> Article:
    """An article from a record's fields: the body cleaned, a repeated headline dropped."""
    cleaned = drop_headline(clean_text(body), title)
    return Article(
        body=cleaned.body,
        title=title,
        published=published,
        published_source="metadata" if published else None,
        boilerplate=cleaned.removed,
        **fields,
    )


def clean_text(body: str) -> Cleaned:
    """The cleaned body; a body that is all boilerplate (a bare dateline, say) is kept as is."""
    cleaned = clean_body(body)
    if cleaned.body.strip() or not body.strip():
        return cleaned
    return Cleaned(body=normalise_whitespace(body))


def _first(fields: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of ``keys`` present with a non-empty value."""
    for key in keys:
        value = fields.get(key)
        if value not in (None, ""):
            return value
    return None


def _string(value: Any) -> str | None:
    """A stripped string, or None for a missing or blank value."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_csv(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from the rows of a CSV (or TSV: by extension, else by header) with a header row."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_SIZE_LIMIT))
    refuse_binary(source)
    encoding = _csv_encoding(source)
    with (
        source.open() as raw,
        io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") as stream,
    ):
        rows = csv.reader(_guarded(stream, source.name), delimiter=_csv_delimiter(source))
        header = _header(rows, source.name)
        yield from _csv_rows(rows, header, source.name, encoding)


def _csv_delimiter(source: Source) -> str:
    """Tab for .tsv, comma for .csv; without either extension, the header row decides."""
    if source.suffix in (".csv", ".tsv"):
        return "\t" if source.suffix == ".tsv" else ","
    first_line = source.decompressed_head().partition(b"\n")[0]
    return header_delimiter(first_line).decode()


def _csv_encoding(source: Source) -> str:
    """The encoding of a CSV file, chosen from its first bytes."""
    head = source.decompressed_head(CSV_ENCODING_SNIFF_BYTES)
    return decode(head, source.name).encoding


def _header(rows: Iterator[list[str]], name: str) -> list[str]:
    """The header row; an InputError (raised) when the file has none."""
    try:
        header = next(rows)
    except StopIteration:
        raise EmptyInputError(name, "empty CSV file: no header row") from None
    except csv.Error as exc:
        raise MalformedInputError(name, f"unreadable header: {printable(exc)}", "row 1") from exc
    return [column.strip().lstrip("\ufeff") for column in header]


def _csv_rows(
    rows: Iterator[list[str]], header: list[str], name: str, encoding: str
) -> Iterator[Article | InputError]:
    """One article (or error) per data row; the header is row 1, as in a spreadsheet."""
    number, seen = 1, False
    while True:
        number += 1
        record = f"row {number}"
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            yield MalformedInputError(name, f"unreadable row: {printable(exc)}", record)
            seen = True
            continue
        if not any(cell.strip() for cell in row):
            continue
        seen = True
        yield _from_row(row, header, name, record, encoding)
    if not seen:
        raise EmptyInputError(name, "no records: the CSV file has a header row but no rows")


def _from_row(
    row: list[str], header: list[str], name: str, record: str, encoding: str
) -> Article | InputError:
    """An article from one CSV row, checked against the header."""
    if len(row) != len(header):
        message = f"expected {len(header)} fields (as in the header), found {len(row)}"
        return MalformedInputError(name, message, record)
    article = from_fields(dict(zip(header, row, strict=True)), name, record)
    if isinstance(article, Article):
        article.encoding = encoding
        article.flags = [FLAG_REPLACED] if any("\ufffd" in cell for cell in row) else []
    return article

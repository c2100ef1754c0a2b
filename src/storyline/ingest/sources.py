"""Where articles come from: paths, folders, globs and stdin, and which reader reads each.

A reader is a function ``read(source, settings) -> Iterator[Article | InputError]``. It yields
an :class:`~storyline.errors.InputError` for a bad record and carries on with the next one; it
raises one only when the whole source is unreadable.
"""

from __future__ import annotations

import glob
import gzip
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storyline.config import Settings
from storyline.errors import InputError, MalformedInputError, TooLargeError
from storyline.ingest.encoding import printable
from storyline.model import Article

Reader = Callable[["Source", Settings], Iterator["Article | InputError"]]

EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}
_SNIFF = 4096
# A JSON array of objects: "[" then "{" then a key or "}" (prose in brackets is not one).
_JSON_ARRAY = re.compile(rb"\[\s*\{\s*[\"}]")
# An HTML fragment opens with a well-formed start tag of a block element.
_HTML_FRAGMENT = re.compile(
    rb"<(?:article|aside|blockquote|div|figure|h[1-6]|header|main|ol|p|section|table|ul)"
    rb"(?:\s[^<>]{0,500})?>"
)
# A CSV header cell is a short column name ("text", "published_at", "Body Text").
_COLUMN_NAME = re.compile(rb"[a-z_][a-z0-9_ .-]{0,39}")
# A CSV header line is no longer than this.
MAX_CSV_HEADER_BYTES = 1000


@dataclass
class Source:
    """One input: a file on disk, or bytes read from stdin (``name == "-"``)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def gzipped(self) -> bool:
        """True when the content is gzip-compressed."""
        return self.head(2) == b"\x1f\x8b"

    @property
    def suffix(self) -> str:
        """The format-bearing extension, lower case, ignoring a trailing ``.gz``."""
        name = self.name.lower()
        if name.endswith(".gz"):
            name = name[:-3]
        return Path(name).suffix

    def open(self) -> BinaryIO:
        """A binary stream of the (decompressed) content."""
        if self.gzipped:
            # gzip.open must own the file it reads, or closing the stream leaks the file handle.
            target = io.BytesIO(self.data) if self.data is not None else self.path
            assert target is not None
            return gzip.open(target)  # type: ignore[return-value]
        return io.BytesIO(self.data) if self.data is not None else self._open_path()

    def read_bytes(self, limit: int) -> bytes:
        """The decompressed content; :class:`TooLargeError` past ``limit`` bytes."""
        try:
            with self.open() as stream:
                raw = stream.read(limit + 1)
        except (OSError, EOFError) as exc:  # gzip errors are OSError / EOFError
            raise MalformedInputError(self.name, f"cannot read: {printable(exc)}") from exc
        if len(raw) > limit:
            raise TooLargeError(
                self.name, f"over the size limit of {limit:,} bytes (STORYLINE_MAX_BYTES)"
            )
        return raw

    def head(self, size: int = _SNIFF) -> bytes:
        """The first ``size`` raw (still compressed) bytes."""
        if self.data is not None:
            return self.data[:size]
        with self._open_path() as stream:
            return stream.read(size)

    def decompressed_head(self, size: int = _SNIFF) -> bytes:
        """The first ``size`` decompressed bytes ("" when unreadable)."""
        try:
            with self.open() as stream:
                return stream.read(size)
        except (OSError, EOFError):
            return b""

    def _open_path(self) -> BinaryIO:
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise InputError(self.name, f"cannot open: {exc.strerror or exc}") from exc


def expand(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Source | InputError]:
    """Sources named by ``paths``: files, folders (recursively, sorted), globs and ``-``."""
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Source("-", data=stream.read())
            continue
        path = Path(given).expanduser()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield Source(str(child), path=child)
        elif path.is_file():
            yield Source(given, path=path)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield InputError(given, "no file matches this pattern")
            for match in matches:
                yield from expand([match], stdin)
        else:
            yield InputError(given, "no such file or folder")


def detect_format(source: Source) -> str:
    """The reader for a source: by extension, else by sniffing the first bytes."""
    by_extension = EXTENSIONS.get(source.suffix)
    if by_extension is not None:
        return by_extension
    return sniff(source.decompressed_head())


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes of a file."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if text.startswith(b"<?xml"):
        return "feed" if any(tag in text for tag in (b"<rss", b"<feed", b"<rdf:rdf")) else "html"
    if text.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if text.startswith(b"{") or _JSON_ARRAY.match(text):
        return "jsonl"
    if _HTML_FRAGMENT.match(text):
        return "html"
    if is_csv_header(text):
        return "csv"
    return "text"


def is_csv_header(head: bytes) -> bool:
    """True when the first line (lower case) names CSV/TSV columns, one of them the text."""
    from storyline.ingest.records import TEXT_KEYS  # records imports this module

    line, _, rest = head.partition(b"\n")
    line = line.rstrip(b"\r")
    if len(line) > MAX_CSV_HEADER_BYTES or (rest and not rest.partition(b"\n")[0].strip()):
        return False  # a headline over a blank line is prose, not a header over its rows
    cells = [cell.strip().strip(b'"').strip() for cell in line.split(header_delimiter(line))]
    return (
        len(cells) >= 2
        and all(_COLUMN_NAME.fullmatch(cell) for cell in cells)
        and any(cell.decode() in TEXT_KEYS for cell in cells)
    )


def header_delimiter(line: bytes) -> bytes:
    """The delimiter of a CSV/TSV header line: a tab when it has tabs and no commas."""
    return b"\t" if b"\t" in line and b"," not in line else b","


def readers() -> dict[str, Reader]:
    """Format name → reader function."""
    # By full name: mypy rejects `from storyline.ingest import text` here (attr-defined).
    import storyline.ingest.feeds as feeds
    import storyline.ingest.html as html
    import storyline.ingest.records as records
    import storyline.ingest.text as text
    import storyline.ingest.warc as warc

    return {
        "text": text.read,
        "html": html.read,
        "jsonl": records.read_jsonl,
        "csv": records.read_csv,
        "feed": feeds.read,
        "warc": warc.read,
    }

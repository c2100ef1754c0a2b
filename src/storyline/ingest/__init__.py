"""Ingestion: turn files into cleaned :class:`~storyline.model.Article` records.

``read(paths)`` yields an ``Article`` for every article found and an ``InputError`` for every
file or record that could not be read, so one bad input never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError, TooLargeError
from storyline.ingest.sources import Source, detect_format, expand, readers
from storyline.model import Article

__all__ = ["read", "read_source", "Source"]


def read(
    paths: Iterable[str], settings: Settings | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """Every article (or error) in the files, folders, globs and ``-`` named by ``paths``."""
    settings = settings or Settings.from_env()
    for source in expand(paths, stdin):
        if isinstance(source, InputError):
            yield source
        else:
            yield from read_source(source, settings)


def read_source(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """Every article (or error) in one source, with the article-level checks applied."""
    try:
        reader = readers()[detect_format(source)]
        for item in reader(source, settings):
            yield item if isinstance(item, InputError) else check(item, settings)
    except InputError as exc:
        yield exc


def check(article: Article, settings: Settings) -> Article | InputError:
    """The article, or the error that keeps it out (empty, or over the size limit)."""
    if not article.body.strip():
        return EmptyInputError(article.source, "no article text found", article.record)
    size = len(article.text.encode("utf-8"))
    if size > settings.max_bytes:
        return TooLargeError(
            article.source,
            f"article text is {size:,} bytes, over the limit of {settings.max_bytes:,}"
            " (STORYLINE_MAX_BYTES)",
            article.record,
        )
    return article

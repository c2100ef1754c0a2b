"""Ingestion: turn files into cleaned :class:`~storyline.model.Article` records.

``read(paths)`` yields an ``Article`` for every article found and an ``InputError`` for every
file or record that could not be read, so one bad input never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError, TooLargeError
from storyline.ingest.encoding import FLAG_REPLACED, printable, scrub
from storyline.ingest.sources import Source, detect_format, expand, readers
from storyline.model import Article, Boilerplate

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
    except Exception as exc:  # a reader bug must not end the run (KeyboardInterrupt still does)
        yield unexpected_error(source, exc)


def unexpected_error(source: Source, exc: Exception) -> InputError:
    """The error reported for an exception no reader expected, after what was already read."""
    reason = f"{type(exc).__name__}: {printable(exc)}"
    message = f"unexpected error while reading ({reason}); the rest of this file was skipped"
    return InputError(source.name, message)


def check(article: Article, settings: Settings) -> Article | InputError:
    """The article made storable, or the error that keeps it out (empty, or over the limit)."""
    if scrub_article(article) and FLAG_REPLACED not in article.flags:
        article.flags = [*article.flags, FLAG_REPLACED]
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


def scrub_article(article: Article) -> bool:
    """Scrub every text field in place (see :func:`encoding.scrub`); True if any changed."""
    body, changed = scrub(article.body)
    article.body = body
    fixes = [changed]
    article.title = _scrub_optional(article.title, fixes)
    article.outlet = _scrub_optional(article.outlet, fixes)
    article.url = _scrub_optional(article.url, fixes)
    article.external_id = _scrub_optional(article.external_id, fixes)
    names = (_scrub_optional(name, fixes) for name in article.byline)
    article.byline = [name for name in names if name]
    article.boilerplate = [
        Boilerplate(item.rule, _scrub_optional(item.text, fixes) or "")
        for item in article.boilerplate
    ]
    return any(fixes)


def _scrub_optional(text: str | None, fixes: list[bool]) -> str | None:
    """A scrubbed optional string (None if scrubbing left nothing); records whether it changed."""
    if text is None:
        return None
    scrubbed, changed = scrub(text)
    fixes.append(changed)
    return None if changed and not scrubbed.strip() else scrubbed

"""Errors storyline raises.

::

    StorylineError
     ├── InputError          bad input: names the file and, where it applies, the line or record
     │    ├── EmptyInputError
     │    ├── BinaryInputError
     │    ├── TooLargeError
     │    └── MalformedInputError
     ├── StorageError        the database cannot be opened, migrated or written
     └── ConfigError         a setting has an unusable value (e.g. an uninstalled spaCy model)

Readers never raise ``InputError`` for one bad record of a multi-record file: they yield it,
so the rest of the file is still read (see :mod:`storyline.ingest`).
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input file, or one record of it, cannot be read as an article."""

    def __init__(self, source: str, message: str, record: str | int | None = None) -> None:
        self.source = source
        self.record = None if record is None else str(record)
        self.message = message
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """``file`` or ``file:record``."""
        return f"{self.source}:{self.record}" if self.record else self.source

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is not text (an image, an archive that is not a WARC, ...)."""


class TooLargeError(InputError):
    """The input is over the size limit (``STORYLINE_MAX_BYTES``)."""


class MalformedInputError(InputError):
    """The input is of a known format but broken (bad JSON line, broken feed, ...)."""


class StorageError(StorylineError):
    """The database cannot be opened, migrated or written."""


class ConfigError(StorylineError):
    """A setting has an unusable value."""

"""Metadata helpers every reader shares: dates, bylines, outlets from URLs."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from dateutil import parser as dateutil_parser

# Dates outside this range in metadata are errors (a 1970 epoch default, a typo'd year).
EARLIEST_YEAR = 1800
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.IGNORECASE)
_BYLINE_TAIL = re.compile(
    r"\s*,\s*(?:[\w ]+ )?(?:writer|reporter|correspondent|editor)s?\b.*$",
    re.IGNORECASE,
)


def parse_date(value: object) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a metadata value (string, date, datetime), else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        text = text[:10]
    try:
        parsed = dateutil_parser.parse(text, default=dt.datetime(1, 1, 1), ignoretz=True)
        # A second parse with other defaults tells whether the text named a whole date.
        check = dateutil_parser.parse(text, default=dt.datetime(2, 2, 2), ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.date() != check.date():
        return None  # "1977" or "November 1977": not a day
    if parsed.year < EARLIEST_YEAR or parsed.year > dt.date.today().year + 1:
        return None
    day: dt.date = parsed.date()
    return day.isoformat()


def split_byline(value: object) -> list[str]:
    """Author names from a byline string or list: "By A and B, Staff Writer" → [A, B]."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        names: list[str] = []
        for item in value:
            names.extend(split_byline(item.get("name") if isinstance(item, dict) else item))
        return _unique(names)
    text = _BYLINE_TAIL.sub("", _BY.sub("", str(value).strip()))
    return _unique(part.strip(" .") for part in _BYLINE_SPLIT.split(text) if part.strip(" ."))


def outlet_from_url(url: str | None) -> str | None:
    """The host of a URL without ``www.``, as a fallback outlet name."""
    if not url:
        return None
    host = urlparse(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _unique(items: object) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:  # type: ignore[attr-defined]
        seen.setdefault(item, None)
    return list(seen)

"""The plain-text reader: ``.txt``, ``.md`` and any file no other reader claims.

Layout it understands (every part optional but the body)::

    # Headline without a final period          <- title ("# " stripped in Markdown)

    By Jane Doe and John Smith, The Daily Planet  <- byline (and outlet)

    Friday, January 4, 2019                    <- dateline: ``published`` when nothing else gives it

    Body paragraphs, separated by blank lines ...

    Jane Doe is a reporter at The Daily Planet.  <- bio: author and outlet
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError
from storyline.ingest import clean
from storyline.ingest.encoding import decode
from storyline.ingest.metadata import parse_date, split_byline
from storyline.ingest.sources import Source
from storyline.model import Article

# A headline is short: at most this many words ...
MAX_TITLE_WORDS = 20
# ... and at most this many characters.
MAX_TITLE_CHARS = 200
# A byline ("By Jane Doe and John Smith, The Daily Planet") is at most this many words.
MAX_BYLINE_WORDS = 15

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)$")
_BYLINE_START = re.compile(r"^by\s+", re.IGNORECASE)
# Lower-case words a name may contain ("Ludwig van Beethoven", "Jane Doe and John Smith").
_NAME_PARTICLES = frozenset(
    {"and", "&", "of", "the", "de", "da", "di", "du", "del", "der", "van", "von", "la", "le", "al"}
)
_ROLE = re.compile(
    r"^(?:(?:senior|chief|special|foreign|political|staff|contributing|associate|managing|"
    r"deputy|the)\s+)*(?:staff|writer|reporter|correspondent|editor|columnist|contributor)s?$",
    re.IGNORECASE,
)


@dataclass
class Header:
    """What the lines before the body told: headline, authors, outlet."""

    title: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None


def read(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """Read one plain-text or Markdown file as one article."""
    decoded = decode(source.read_bytes(settings.max_bytes), source.name)
    article = parse(decoded.text, source.name, markdown=source.suffix == ".md")
    article.encoding = decoded.encoding
    article.flags = decoded.flags
    yield article


def parse(text: str, name: str = "<memory>", markdown: bool = False) -> Article:
    """An article from decoded text: title, byline, cleaned body, dates and bio metadata."""
    paragraphs = clean.split_paragraphs(clean.normalise_whitespace(text.lstrip("\ufeff")))
    header = Header()
    paragraphs = split_header(paragraphs, header, markdown)
    cleaned = clean.clean_body("\n\n".join(paragraphs))
    if not cleaned.body.strip():
        raise EmptyInputError(name, "no article text left after the headline and boilerplate")
    article = Article(
        body=cleaned.body,
        title=header.title,
        byline=list(header.byline),
        outlet=header.outlet,
        boilerplate=cleaned.removed,
        source=name,
        record=None,
    )
    apply_bios(article, cleaned.texts(clean.RULE_BIO))
    apply_dateline(article, cleaned.texts(clean.RULE_DATELINE))
    return article


def split_header(paragraphs: list[str], header: Header, markdown: bool = False) -> list[str]:
    """Fill ``header`` from the title and byline paragraphs; return the paragraphs after them."""
    rest = list(paragraphs)
    # A dateline may stand above the headline; leave it in the body for the dateline rule.
    lead = rest[:1] if rest and clean.is_dateline(rest[0]) else []
    rest = rest[len(lead) :]
    if len(rest) > 1:
        header.title = title_of(rest[0], markdown)
        if header.title is not None:
            rest = rest[1:]
    if rest:
        first, _, after = rest[0].partition("\n")
        byline = parse_byline(first)
        if byline is not None and (after.strip() or len(rest) > 1):
            header.byline, header.outlet = byline.byline, byline.outlet
            rest = ([after] if after.strip() else []) + rest[1:]
    return lead + rest


def title_of(paragraph: str, markdown: bool = False) -> str | None:
    """The paragraph as a headline, or None when it does not read as one."""
    lines = paragraph.split("\n")
    if len(lines) == 2 and _SETEXT_UNDERLINE.match(lines[1].strip()):
        lines = lines[:1]
    if len(lines) != 1:
        return None
    line = lines[0].strip()
    if markdown or _MARKDOWN_HEADING.match(line):
        line = _MARKDOWN_HEADING.sub("", line).strip()
    if not line or not is_headline(line):
        return None
    return line


def is_headline(line: str) -> bool:
    """True for a short line without a final period (a final ? ! or closing quote is fine)."""
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    if line.endswith((".", ",", ";", ":")) or clean.is_dateline(line):
        return False
    return not _BYLINE_START.match(line) and not clean.is_separator(line)


def parse_byline(line: str) -> Header | None:
    """Authors and outlet (no title) from a "By NAME[ and NAME][, Outlet]" line, else None."""
    line = line.strip().strip("*_").strip()
    if not _BYLINE_START.match(line) or line.endswith("."):
        return None
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    names_part, outlet = _split_outlet(_BYLINE_START.sub("", line))
    if not names_part or not all(_is_name_chunk(chunk) for chunk in names_part.split(",")):
        return None
    names = split_byline(names_part)
    return Header(byline=names, outlet=outlet) if names else None


def apply_bios(article: Article, bios: list[str]) -> None:
    """Add the authors and outlet that trailing bio lines name."""
    for text in bios:
        bio = clean.parse_bio(text)
        if bio is None:
            continue
        if bio.name not in article.byline:
            article.byline.append(bio.name)
        if article.outlet is None:
            article.outlet = bio.outlet


def apply_dateline(article: Article, datelines: list[str]) -> None:
    """Use a removed dateline as the publication date when the article has none."""
    if article.published is not None or not datelines:
        return
    published = parse_date(datelines[0])
    if published is not None:
        article.published = published
        article.published_source = "metadata"


def _split_outlet(text: str) -> tuple[str, str | None]:
    """Names and outlet of a byline: "A and B, The Planet" → ("A and B", "The Planet")."""
    head, comma, tail = text.rpartition(",")
    tail = tail.strip()
    if not comma or not tail:
        return text.strip(), None
    if _ROLE.match(tail) or re.search(r"\band\b|&", tail, re.IGNORECASE):
        return text.strip(), None  # "A, Staff Writer" or "A, B and C": all names
    if not _is_name_chunk(tail):
        return "", None
    return head.strip(), tail


def _is_name_chunk(chunk: str) -> bool:
    """True when every word of a chunk is capitalised or a name particle ("van", "and")."""
    words = chunk.split()
    if not words:
        return False
    if _ROLE.match(chunk.strip()):
        return True
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES for w in words)

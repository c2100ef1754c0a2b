"""Tests for the plain-text reader (storyline.ingest.text)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import BinaryInputError, EmptyInputError, InputError, TooLargeError
from storyline.ingest import text
from storyline.ingest.clean import RULE_BIO, RULE_DATELINE, RULE_SYNDICATION
from storyline.ingest.encoding import FLAG_REPLACED
from storyline.ingest.sources import Source
from storyline.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = Settings()
BODY = "The pier closed on Thursday after an engineer found its piles rotten."
MORE = "Ferries will use the east quay from Monday."


def read_bytes(raw: bytes, name: str = "story.txt", settings: Settings = SETTINGS) -> Article:
    """The one article the text reader makes of some bytes."""
    items = list(text.read(Source(name, data=raw), settings))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Article)
    return item


def read_str(content: str, name: str = "story.txt") -> Article:
    """The one article the text reader makes of a UTF-8 string."""
    return read_bytes(content.encode("utf-8"), name)


def test_text_reads_fixture_with_every_part() -> None:
    path = FIXTURES / "harbour.txt"
    items = list(text.read(Source(str(path), path=path), SETTINGS))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article)
    assert article.title == "Harbour board votes to close the old ferry pier"
    assert article.byline == ["Jane Doe", "Omar Haddad"]
    assert article.outlet == "The Daily Planet"
    assert article.published == "2019-01-04"
    assert article.published_source == "metadata"
    assert article.body.startswith("The harbour board voted on Thursday")
    assert article.body.endswith("Questions go to.")
    for gone in ("* * *", "Photo:", "[email", "staff writer", "originally published"):
        assert gone not in article.body
    assert [b.rule for b in article.boilerplate] == [
        "dateline",
        "separator",
        "photo-credit",
        "email-obfuscation",
        "bio",
        "syndication",
    ]
    assert article.source == str(path)
    assert article.record is None
    assert article.encoding == "utf-8"
    assert article.flags == []


def test_text_reads_markdown_fixture() -> None:
    path = FIXTURES / "lighthouse.md"
    article = next(iter(text.read(Source(str(path), path=path), SETTINGS)))
    assert isinstance(article, Article)
    assert article.title == "Will the lighthouse keep its keeper?"
    assert article.byline == ["Sam Green"]
    assert article.outlet == "Coastal Weekly"
    assert article.published is None
    assert article.body.startswith("The county council will decide")
    assert "Coastal Weekly" not in article.body


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (f"Pier to close\n\n{BODY}", "Pier to close"),
        (f"Will the pier close?\n\n{BODY}", "Will the pier close?"),
        (f"Pier closes at last!\n\n{BODY}", "Pier closes at last!"),
        (f"'Unsafe,' says engineer\n\n{BODY}", "'Unsafe,' says engineer"),
        (f"Board: \u201cWe had no choice\u201d\n\n{BODY}", "Board: \u201cWe had no choice\u201d"),
        (f"# Pier to close\n\n{BODY}", "Pier to close"),
        (f"Pier to close\n=============\n\n{BODY}", "Pier to close"),
        (f"The pier closed on Thursday.\n\n{MORE}", None),
        (f"Pier to close\n{BODY}", None),
        (f"{BODY}", None),
        ("Pier to close", None),
        (" ".join(["word"] * 25) + f"\n\n{BODY}", None),
        ("By Jane Doe\n\n" + BODY, None),
        ("Residents said:\n\n" + BODY, None),
    ],
)
def test_text_title(content: str, expected: str | None) -> None:
    assert read_str(content).title == expected


def test_text_markdown_heading_stripped_only_in_title() -> None:
    article = read_str(f"# Pier to close\n\n{BODY}\n\n## Next steps\n\n{MORE}", "story.md")
    assert article.title == "Pier to close"
    assert "## Next steps" in article.body


def test_text_body_without_title_keeps_first_line() -> None:
    article = read_str(f"{BODY}\n\n{MORE}")
    assert article.title is None
    assert article.body == f"{BODY}\n\n{MORE}"


@pytest.mark.parametrize(
    ("byline", "names", "outlet"),
    [
        ("By Jane Doe", ["Jane Doe"], None),
        ("by Jane Doe", ["Jane Doe"], None),
        ("By Jane Doe and Omar Haddad", ["Jane Doe", "Omar Haddad"], None),
        ("By Jane Doe, The Daily Planet", ["Jane Doe"], "The Daily Planet"),
        ("By Jane Doe and Omar Haddad, Reuters", ["Jane Doe", "Omar Haddad"], "Reuters"),
        ("By Jane Doe, Staff Writer", ["Jane Doe"], None),
        ("By Jane Doe, Omar Haddad and Li Wei", ["Jane Doe", "Omar Haddad", "Li Wei"], None),
        ("By Ludwig van Berg", ["Ludwig van Berg"], None),
        ("**By Jane Doe**", ["Jane Doe"], None),
    ],
)
def test_text_byline(byline: str, names: list[str], outlet: str | None) -> None:
    article = read_str(f"Pier to close\n\n{byline}\n\n{BODY}")
    assert article.byline == names
    assert article.outlet == outlet
    assert article.body == BODY


@pytest.mark.parametrize(
    "first",
    [
        "By the time the ferry arrived, the pier had been closed.",
        "By Monday, the river had risen",
        "By then the board had voted",
    ],
)
def test_text_byline_not_taken_from_prose(first: str) -> None:
    article = read_str(f"Pier to close\n\n{first}\n\n{BODY}")
    assert article.byline == []
    assert article.body.startswith(first)


def test_text_byline_line_followed_by_body_lines() -> None:
    article = read_str(f"Pier to close\n\nBy Jane Doe\n{BODY}")
    assert article.byline == ["Jane Doe"]
    assert article.body == BODY


@pytest.mark.parametrize(
    ("content", "byline", "outlet"),
    [
        (
            f"{BODY}\n\nJane Doe is a reporter at The Daily Planet.",
            ["Jane Doe"],
            "The Daily Planet",
        ),
        (
            f"Pier\n\nBy Jane Doe\n\n{BODY}\n\nJane Doe is a reporter at The Daily Planet.",
            ["Jane Doe"],
            "The Daily Planet",
        ),
        (
            f"Pier\n\nBy Jane Doe, Reuters\n\n{BODY}\n\nOmar Haddad is an editor at Metro Times.",
            ["Jane Doe", "Omar Haddad"],
            "Reuters",
        ),
    ],
)
def test_text_bio_fills_byline_and_outlet(
    content: str, byline: list[str], outlet: str | None
) -> None:
    article = read_str(content)
    assert article.byline == byline
    assert article.outlet == outlet
    assert article.body == BODY
    assert [b.rule for b in article.boilerplate] == [RULE_BIO]


@pytest.mark.parametrize(
    ("content", "title", "published"),
    [
        (f"Pier to close\n\nFriday, January 4, 2019\n\n{BODY}", "Pier to close", "2019-01-04"),
        (f"Friday, January 4, 2019\n\nPier to close\n\n{BODY}", "Pier to close", "2019-01-04"),
        (f"Pier to close\n\nBy Jane Doe\n\n4 March 2020\n\n{BODY}", "Pier to close", "2020-03-04"),
        (f"Pier to close\n\n{BODY}\n\nFriday, January 4, 2019", "Pier to close", None),
    ],
)
def test_text_dateline_gives_published(content: str, title: str, published: str | None) -> None:
    article = read_str(content)
    assert article.title == title
    assert article.published == published
    assert article.published_source == ("metadata" if published else None)
    if published:
        assert article.body == BODY
        assert [b.rule for b in article.boilerplate] == [RULE_DATELINE]


def test_text_trailing_syndication_removed() -> None:
    article = read_str(f"Pier to close\n\n{BODY}\n\nRepublished with permission.")
    assert article.body == BODY
    assert [b.rule for b in article.boilerplate] == [RULE_SYNDICATION]


@pytest.mark.parametrize(
    ("raw", "encoding", "flags"),
    [
        ("Pier to close\r\n\r\nThe caf\u00e9 stays open.\r\n".encode(), "utf-8", []),
        (b"\xef\xbb\xbfPier to close\n\nThe caf\xc3\xa9 stays open.\n", "utf-8-sig", []),
        (
            "Pier to close\n\nThe caf\u00e9 stays open, the na\u00efve say.\n".encode()
            + b"A broken \xff byte here.\n"
            + b"Plain words follow to make the damage a small share of the text. " * 5,
            "utf-8",
            [FLAG_REPLACED],
        ),
    ],
)
def test_text_encoding_and_flags(raw: bytes, encoding: str, flags: list[str]) -> None:
    article = read_bytes(raw)
    assert article.title == "Pier to close"
    assert article.encoding == encoding
    assert article.flags == flags
    assert "caf\u00e9" in article.body
    assert "\r" not in article.body


def test_text_cp1252_file() -> None:
    body = "The caf\u00e9 by the pier served cr\u00e8me br\u00fbl\u00e9e to visitors. " * 3
    body += "Most of the rest of this story is plain English without accents at all. " * 10
    article = read_bytes(f"Pier to close\n\n{body}".encode("cp1252"))
    assert article.encoding == "cp1252"
    assert "cr\u00e8me br\u00fbl\u00e9e" in article.body
    assert article.flags == []


def test_text_gzipped_source_is_read() -> None:
    article = read_bytes(gzip.compress(f"Pier to close\n\n{BODY}".encode()), "story.txt.gz")
    assert article.title == "Pier to close"
    assert article.body == BODY


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\n \n", EmptyInputError),
        (b"* * *\n\nPhoto: Harbour Board\n", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", BinaryInputError),
    ],
)
def test_text_unreadable_input_raises_named_error(raw: bytes, error: type[InputError]) -> None:
    with pytest.raises(error) as caught:
        list(text.read(Source("bad.txt", data=raw), SETTINGS))
    assert caught.value.source == "bad.txt"
    assert str(caught.value).startswith("bad.txt: ")


def test_text_too_large_raises() -> None:
    with pytest.raises(TooLargeError, match="big.txt"):
        list(text.read(Source("big.txt", data=b"x" * 200), Settings(max_bytes=100)))


def test_text_parse_defaults_to_memory_source() -> None:
    article = text.parse(f"Pier to close\n\n{BODY}")
    assert article.source == "<memory>"
    assert article.title == "Pier to close"

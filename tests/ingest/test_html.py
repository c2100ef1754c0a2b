"""Tests for the HTML reader (storyline.ingest.html)."""

from __future__ import annotations

import gzip
import socket
from pathlib import Path
from typing import Any

import htmldate
import pytest

from storyline.config import Settings
from storyline.errors import EmptyInputError, MalformedInputError
from storyline.ingest import clean, html
from storyline.ingest.sources import Source
from storyline.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = Settings()
PARAGRAPH = (
    "<p>The harbour board agreed on Wednesday to dredge the northern channel before the "
    "summer, after two fishing boats ran aground there in a single week.</p>"
)


def page(body: str, head: str = "<title>Harbour dredging</title>") -> str:
    """A minimal HTML page around a body."""
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def read_one(raw: bytes, name: str = "page.html") -> Article:
    """The one article the HTML reader makes of some bytes."""
    items = list(html.read(Source(name, data=raw), SETTINGS))
    assert len(items) == 1 and isinstance(items[0], Article)
    return items[0]


def test_html_read_extracts_body_and_metadata() -> None:
    article = read_one((FIXTURES / "council.html").read_bytes(), "council.html")
    assert article.title == "Millbrook council backs new bridge"
    assert article.byline == ["Priya Raman"]
    assert article.outlet == "The Valley Courier"
    assert article.url == "https://www.valleycourier.example/news/millbrook-bridge"
    assert article.published == "2023-04-18"
    assert article.published_source == "metadata"
    assert article.body.startswith("Millbrook town council voted eleven to four")
    assert "Families have waited long enough" in article.body
    assert "Contact us" not in article.body and "Sport" not in article.body
    assert article.source == "council.html"
    assert article.encoding == "utf-8"


def test_html_read_separates_paragraphs_with_blank_lines() -> None:
    article = read_one((FIXTURES / "council.html").read_bytes(), "council.html")
    assert article.body.count("\n\n") == 4
    assert "footbridge over the River Wend" in article.body  # the source's line break is gone


def test_html_read_records_cleaned_boilerplate_and_headline() -> None:
    article = read_one((FIXTURES / "council.html").read_bytes(), "council.html")
    rules = {item.rule: item.text for item in article.boilerplate}
    assert rules[clean.RULE_HEADLINE] == "Millbrook council backs new bridge"
    assert "originally published" in rules["syndication"]
    assert "originally published" not in article.body


def test_html_read_gzipped_page() -> None:
    raw = gzip.compress((FIXTURES / "council.html").read_bytes())
    article = read_one(raw, "council.html.gz")
    assert article.title == "Millbrook council backs new bridge"


def test_html_read_honours_meta_charset() -> None:
    text = "<p>" + "Der Bürgermeister von Zürich eröffnete das Café am Fluss. " * 6 + "</p>"
    raw = page(text, '<meta charset="windows-1252"><title>Café</title>').encode("cp1252")
    article = read_one(raw)
    assert "Bürgermeister von Zürich eröffnete das Café" in article.body
    assert article.encoding == "windows-1252"
    assert article.flags == []


def test_html_declared_charset_reads_meta_tags() -> None:
    assert html.declared_charset(b'<meta charset="ISO-8859-1">') == "iso-8859-1"
    content_type = b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    assert html.declared_charset(content_type) == "koi8-r"
    assert html.declared_charset(b"<p>no charset here</p>") is None


def test_html_extract_uses_given_url_and_outlet_from_it() -> None:
    article = html.extract(page(PARAGRAPH * 3), "x.warc", url="https://www.harbour.example/a")
    assert article.url == "https://www.harbour.example/a"
    assert article.outlet == "harbour.example"


def test_html_extract_without_date_leaves_published_empty() -> None:
    article = html.extract(page(PARAGRAPH * 3), "page.html")
    assert article.published is None
    assert article.published_source is None


def test_html_extract_falls_back_to_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_find_date(tree: object, **options: Any) -> str:
        calls.append({"tree": tree, **options})
        return "2022-11-03"

    monkeypatch.setattr(htmldate, "find_date", fake_find_date)
    article = html.extract(page(PARAGRAPH * 3), "page.html")
    assert article.published == "2022-11-03"
    assert article.published_source == "metadata"
    assert calls[0]["extensive_search"] is True and calls[0]["original_date"] is True
    assert not isinstance(calls[0]["tree"], str | bytes)  # a tree: never a URL to fetch


def test_html_extract_no_body_names_the_file() -> None:
    with pytest.raises(EmptyInputError) as caught:
        html.extract(page("<div></div><script>var a = 1;</script>"), "empty.html")
    assert caught.value.source == "empty.html"
    assert "no article text found in HTML" in str(caught.value)


def test_html_read_unparseable_page_is_malformed() -> None:
    with pytest.raises(MalformedInputError) as caught:
        list(html.read(Source("words.html", data=b"just a few words"), SETTINGS))
    assert str(caught.value).startswith("words.html: ")
    assert "cannot parse as HTML" in str(caught.value)


def test_html_extract_never_opens_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    canonical = '<link rel="canonical" href="https://news.example/2021/05/02/story">'
    article = html.extract(page(PARAGRAPH * 3, canonical), "https://news.example/a")
    assert article.published == "2021-05-02"


def test_html_fragment_to_text_keeps_paragraphs_and_breaks() -> None:
    fragment = (
        "<p>First   paragraph\n with <b>bold</b> text.</p><script>var x = 1;</script>"
        "<ul><li>one</li><li>two</li></ul>Line one<br>Line two"
    )
    assert html.fragment_to_text(fragment) == (
        "First paragraph with bold text.\n\none\n\ntwo\n\nLine one\nLine two"
    )


def test_html_paragraphs_turns_lines_into_paragraphs() -> None:
    assert html.paragraphs("One.\n  \nTwo. \nThree.") == "One.\n\nTwo.\n\nThree."


def test_html_read_bare_fragment() -> None:
    article = read_one(PARAGRAPH.encode(), "-")
    assert article.body.startswith("The harbour board agreed on Wednesday")


def test_html_read_fragment_with_headline() -> None:
    raw = f"<div><h1>Harbour to be dredged</h1>{PARAGRAPH * 2}</div>".encode()
    article = read_one(raw, "-")
    assert "fishing boats ran aground" in article.body

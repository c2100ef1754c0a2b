"""Tests for the feed reader (storyline.ingest.feeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError, MalformedInputError
from storyline.ingest import clean, feeds
from storyline.ingest.sources import Source
from storyline.model import Article

SETTINGS = Settings()

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Lakeside Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Lake level falls to record low</title>
    <link>https://gazette.example/lake-level</link>
    <description>Short teaser about the lake.</description>
    <content:encoded><![CDATA[<p>The lake fell another ten centimetres in June.</p>
      <p>Boat clubs have moved their <b>moorings</b> further out.</p>]]></content:encoded>
    <pubDate>Mon, 05 Jun 2023 23:30:00 -0500</pubDate>
    <author>desk@gazette.example (Maria Holm)</author>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <description>Plain summary of the new ferry times.</description>
    <dc:creator>Jon Berg</dc:creator>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Hill Town Bulletin</title>
  <id>urn:example:bulletin</id>
  <updated>2022-09-01T12:00:00Z</updated>
  <entry>
    <title type="html">Road &lt;em&gt;reopens&lt;/em&gt;</title>
    <id>urn:example:1</id>
    <link href="https://bulletin.example/road"/>
    <updated>2022-08-30T08:00:00Z</updated>
    <author><name>Lena Voss</name></author>
    <author><name>Omar Said</name></author>
    <summary>Summary only.</summary>
    <content type="html">&lt;p&gt;The hill road reopened after resurfacing.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.example/">
    <title>Valley Wire</title>
    <link>https://valley.example/</link>
    <description>Local news</description>
  </channel>
  <item rdf:about="https://valley.example/mill">
    <title>Old mill sold</title>
    <link>https://valley.example/mill</link>
    <description>The old mill was sold to a housing cooperative.</description>
    <dc:date>2021-11-12T09:00:00+00:00</dc:date>
    <dc:creator>Ida Kern</dc:creator>
  </item>
</rdf:RDF>
"""


def read(raw: bytes, name: str = "news.xml") -> list[Article | InputError]:
    """Everything the feed reader yields for some bytes."""
    return list(feeds.read(Source(name, data=raw), SETTINGS))


def test_feeds_rss2_entry_becomes_article() -> None:
    first, second = read(RSS2, "gazette.rss")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Lake level falls to record low"
    assert first.body == (
        "The lake fell another ten centimetres in June.\n\n"
        "Boat clubs have moved their moorings further out."
    )
    assert first.url == "https://gazette.example/lake-level"
    assert first.published == "2023-06-05"  # the feed's own date, not the UTC one
    assert first.published_source == "metadata"
    assert first.byline == ["Maria Holm"]
    assert first.outlet == "Lakeside Gazette"
    assert first.location == "gazette.rss:entry 1"
    assert second.body == "Plain summary of the new ferry times."
    assert second.byline == ["Jon Berg"] and second.record == "entry 2"


def test_feeds_atom_entry_uses_content_authors_and_updated() -> None:
    [entry] = read(ATOM, "bulletin.atom")
    assert isinstance(entry, Article)
    assert entry.title == "Road reopens"
    assert entry.body == "The hill road reopened after resurfacing."
    assert entry.byline == ["Lena Voss", "Omar Said"]
    assert entry.published == "2022-08-30"
    assert entry.url == "https://bulletin.example/road"
    assert entry.outlet == "Hill Town Bulletin"


def test_feeds_rss1_entry_reads_dublin_core() -> None:
    [entry] = read(RSS1, "valley.rdf")
    assert isinstance(entry, Article)
    assert entry.body == "The old mill was sold to a housing cooperative."
    assert entry.published == "2021-11-12" and entry.byline == ["Ida Kern"]
    assert entry.outlet == "Valley Wire"


def test_feeds_entry_without_text_is_empty_error() -> None:
    raw = RSS2.replace(b"<description>Plain summary of the new ferry times.</description>", b"")
    items = read(raw, "gazette.rss")
    assert isinstance(items[0], Article)
    assert isinstance(items[1], EmptyInputError)
    assert str(items[1]).startswith("gazette.rss:entry 2: ")


def test_feeds_broken_feed_without_entries_names_file_and_line() -> None:
    raw = b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>X &amp; Y</title>\n<<<\n'
    with pytest.raises(MalformedInputError) as caught:
        read(raw, "broken.rss")
    assert caught.value.location == "broken.rss:line 4"
    assert "not a readable feed: not well-formed" in str(caught.value)


def test_feeds_bozo_feed_with_entries_is_still_read() -> None:
    raw = RSS2.replace(b"Short teaser", b"Short &nbsp; teaser").replace(b"</rss>", b"")
    items = read(raw, "gazette.rss")
    assert [type(item) for item in items] == [Article, Article]


def test_feeds_valid_feed_without_entries_is_empty() -> None:
    raw = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    with pytest.raises(EmptyInputError) as caught:
        read(raw, "quiet.rss")
    assert str(caught.value) == "quiet.rss: feed has no entries"


def test_feeds_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FILE-CONTENT")
    raw = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>T</title><item><title>A</title>'
        "<description>Before &leak; after.</description></item></channel></rss>"
    ).encode()
    [entry] = read(raw)
    assert isinstance(entry, Article)
    assert "SECRET" not in entry.body


def test_feeds_author_address_alone_is_not_a_byline() -> None:
    raw = RSS2.replace(b"desk@gazette.example (Maria Holm)", b"desk@gazette.com")
    first = read(raw)[0]
    assert isinstance(first, Article)
    assert first.byline == []


def test_feeds_cut_short_feed_keeps_whole_entries_and_drops_the_cut_one() -> None:
    cut = RSS2.index(b"new ferry times")
    items = read(RSS2[:cut])
    assert [type(item) for item in items] == [MalformedInputError, Article]
    assert str(items[0]).startswith("news.xml:line 18: the feed is cut short")
    assert "entry 2 is not" in str(items[0])
    assert isinstance(items[1], Article) and items[1].title == "Lake level falls to record low"


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (b"<title>Ferry timetable changes</title>", b"<title>Ferry & timetable</title>", 17),
        (b"</item>\n  <item>", b"</itm>\n  <item>", 15),
    ],
)
def test_feeds_xml_broken_inside_is_reported_with_the_entries(
    old: bytes, new: bytes, line: int
) -> None:
    items = read(RSS2.replace(old, new), "gazette.rss")
    assert [type(item) for item in items] == [MalformedInputError, Article, Article]
    error = items[0]
    assert error.location == f"gazette.rss:line {line}"
    assert error.message.startswith(f"not well-formed XML at line {line}: ")
    assert error.message.endswith("; entries were read with a lenient parser")


def test_feeds_encoding_override_is_not_an_error() -> None:
    raw = RSS2.replace(b'encoding="utf-8"', b'encoding="us-ascii"')
    raw = raw.replace(b"Short teaser", "Short caf\u00e9 teaser".encode())
    assert [type(item) for item in read(raw)] == [Article, Article]


def test_feeds_undefined_entity_is_not_an_error() -> None:
    raw = RSS2.replace(b"Short teaser", b"Short&nbsp;teaser &eacute;")
    assert [type(item) for item in read(raw)] == [Article, Article]


def test_feeds_drops_headline_repeated_in_entry() -> None:
    raw = RSS2.replace(
        b"<p>The lake fell", b"<h1>Lake level falls to record low</h1><p>The lake fell"
    )
    first = read(raw)[0]
    assert isinstance(first, Article)
    assert first.body.startswith("The lake fell another ten centimetres in June.")
    assert [item.rule for item in first.boilerplate] == [clean.RULE_HEADLINE]

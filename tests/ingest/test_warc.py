"""Tests for the WARC reader (storyline.ingest.warc); archives are built with warcio."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError, MalformedInputError
from storyline.ingest import warc
from storyline.ingest.sources import Source
from storyline.model import Article

SETTINGS = Settings()
WARC_DATE = "2024-02-29T10:11:12Z"
STORY = (
    "<p>The river authority opened the flood gates at dawn on Sunday, after three days of "
    "heavy rain raised the water to within a metre of the town wall.</p>"
)


def page(title: str, extra_head: str = "", body: str = STORY * 3) -> bytes:
    """An HTML page as bytes."""
    head = f"<title>{title}</title>{extra_head}"
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def response(
    writer: WARCWriter,
    url: str,
    payload: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> str:
    """Write one response record; its WARC-Record-ID without brackets."""
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        http_headers=http,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)
    record.raw_stream.close()  # warcio spools the payload to a temporary file
    return str(record.rec_headers.get_header("WARC-Record-ID")).strip("<>")


def archive(path: Path, gzip: bool = False) -> list[str]:
    """A small archive: two HTML pages among records the reader must skip; their ids."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        http = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "town.example")], is_http_request=True)
        request = writer.create_warc_record(
            "https://town.example/a", "request", payload=io.BytesIO(b""), http_headers=http
        )
        writer.write_record(request)
        request.raw_stream.close()
        first = response(writer, "https://town.example/a", page("Flood gates opened"))
        response(writer, "https://town.example/logo.png", b"\x89PNG\r\n", "image/png")
        response(writer, "https://town.example/gone", page("Gone"), status="404 Not Found")
        dated = '<meta property="article:published_time" content="2024-01-15">'
        second = response(writer, "https://town.example/b", page("Wall holds", dated))
    return [first, second]


def read(path: Path) -> list[Article | InputError]:
    """Everything the WARC reader yields for a file."""
    return list(warc.read(Source(str(path), path=path), SETTINGS))


def test_warc_reads_html_responses_only(tmp_path: Path) -> None:
    ids = archive(tmp_path / "crawl.warc")
    items = read(tmp_path / "crawl.warc")
    assert all(isinstance(item, Article) for item in items)
    assert [item.record for item in items] == ids
    assert [item.title for item in items] == ["Flood gates opened", "Wall holds"]  # type: ignore[union-attr]


def test_warc_article_has_target_uri_and_body(tmp_path: Path) -> None:
    archive(tmp_path / "crawl.warc")
    first = read(tmp_path / "crawl.warc")[0]
    assert isinstance(first, Article)
    assert first.url == "https://town.example/a"
    assert first.outlet == "town.example"
    assert first.body.startswith("The river authority opened the flood gates")
    assert first.location == f"{tmp_path / 'crawl.warc'}:{first.record}"


def test_warc_crawl_date_is_not_a_publication_date(tmp_path: Path) -> None:
    archive(tmp_path / "crawl.warc")
    first, second = read(tmp_path / "crawl.warc")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published is None and first.published_source is None  # not WARC-Date
    assert second.published == "2024-01-15" and second.published_source == "metadata"


def test_warc_gzipped_archive(tmp_path: Path) -> None:
    ids = archive(tmp_path / "crawl.warc.gz", gzip=True)
    items = read(tmp_path / "crawl.warc.gz")
    assert [item.record for item in items] == ids


def test_warc_charset_from_http_header(tmp_path: Path) -> None:
    path = tmp_path / "latin.warc"
    text = "<p>" + "Der Fährmann überquerte den Fluss bei Hochwasser nicht. " * 6 + "</p>"
    with path.open("wb") as out:
        response(
            WARCWriter(out, gzip=False),
            "https://f.example/",
            page("F", body=text).decode().encode("latin-1"),
            "text/html; charset=ISO-8859-1",
        )
    [article] = read(path)
    assert isinstance(article, Article)
    assert "Der Fährmann überquerte den Fluss" in article.body
    assert article.encoding == "iso-8859-1"


def test_warc_page_without_text_is_error_with_record_id(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    with path.open("wb") as out:
        rid = response(WARCWriter(out, gzip=False), "https://e.example/", page("E", body=""))
    [error] = read(path)
    assert isinstance(error, EmptyInputError)
    assert error.location == f"{path}:{rid}"
    assert "no article text found in HTML" in str(error)


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_truncated_archive_keeps_earlier_articles(tmp_path: Path, gzip: bool) -> None:
    full = tmp_path / "full.warc"
    ids = archive(full, gzip=gzip)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full.read_bytes()[:-60])
    items = read(cut)
    assert [type(item) for item in items] == [Article, MalformedInputError]
    assert items[0].record == ids[0]
    message = str(items[1])
    assert message.startswith(f"{cut}: corrupt or truncated WARC after record ")
    assert "(offset " in message


def test_warc_garbage_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive at all\n" * 5)
    [error] = read(path)
    assert isinstance(error, MalformedInputError)
    assert str(error) == (
        f"{path}: corrupt or truncated WARC at the first record (offset 0):"
        " unreadable record header"
    )


def test_warc_empty_file_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"\n")
    with pytest.raises(MalformedInputError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: not a WARC archive: no records found"


def test_warc_damaged_first_record_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: resp")
    [error] = read(path)
    assert isinstance(error, MalformedInputError)
    assert str(error).startswith(
        f"{path}: corrupt or truncated WARC at the first record (offset 0)"
    )


def test_warc_garbage_error_message_is_ascii_and_short(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"\xff\xfe\x00garbage\xc3\x1b[2J" * 40)
    [error] = read(path)
    assert isinstance(error, MalformedInputError)
    assert error.message.isascii() and error.message.isprintable()
    reason = error.message.partition("(offset 0): ")[2]
    assert 0 < len(reason) <= 80 and reason.endswith("...")

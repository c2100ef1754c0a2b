"""Tests for the JSON and CSV record readers (storyline.ingest.records)."""

from __future__ import annotations

import gzip
import json
import os

import pytest

from storyline.config import Settings
from storyline.errors import BinaryInputError, EmptyInputError, InputError, MalformedInputError
from storyline.ingest import clean, records
from storyline.ingest.encoding import FLAG_REPLACED
from storyline.ingest.sources import Source
from storyline.model import Article

SETTINGS = Settings()
TEXT = "The ferry company cut its winter timetable to two crossings a day."
OTHER = "Shops in the old town will stay open late on Thursdays from May."


def jsonl(*lines: object) -> bytes:
    """JSON lines from Python values (strings are taken as raw lines)."""
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


def read_json(raw: bytes, name: str = "items.jsonl") -> list[Article | InputError]:
    """Everything the JSON reader yields for some bytes."""
    return list(records.read_jsonl(Source(name, data=raw), SETTINGS))


def read_csv(raw: bytes, name: str = "items.csv") -> list[Article | InputError]:
    """Everything the CSV reader yields for some bytes."""
    return list(records.read_csv(Source(name, data=raw), SETTINGS))


def only_articles(items: list[Article | InputError]) -> list[Article]:
    """The articles among reader output."""
    return [item for item in items if isinstance(item, Article)]


def test_records_jsonl_maps_fields_case_insensitively() -> None:
    record = {
        "Content": TEXT,
        "TITLE": "Ferries cut",
        "pubDate": "Tue, 07 Mar 2023 10:00:00 GMT",
        "URL": "https://www.coastnews.example/ferries",
        "Authors": ["Ana Lopes", "Ben Ode"],
        "ID": 42,
        "extra": "ignored",
    }
    [article] = read_json(jsonl(record))
    assert isinstance(article, Article)
    assert article.body == TEXT and article.title == "Ferries cut"
    assert article.published == "2023-03-07" and article.published_source == "metadata"
    assert article.url == "https://www.coastnews.example/ferries"
    assert article.outlet == "coastnews.example"  # from the URL when no outlet field
    assert article.byline == ["Ana Lopes", "Ben Ode"]
    assert article.external_id == "42"
    assert article.record == "line 1" and article.location == "items.jsonl:line 1"


def test_records_jsonl_prefers_outlet_field_and_splits_byline_string() -> None:
    record = {"body": TEXT, "source": "Coast News", "byline": "By Ana Lopes and Ben Ode"}
    [article] = read_json(jsonl(record))
    assert isinstance(article, Article)
    assert article.outlet == "Coast News"
    assert article.byline == ["Ana Lopes", "Ben Ode"]
    assert article.published is None and article.published_source is None


def test_records_jsonl_broken_line_is_reported_and_skipped() -> None:
    items = read_json(jsonl({"text": TEXT}, '{"text": "unterminated', {"text": OTHER}))
    assert [type(item) for item in items] == [Article, MalformedInputError, Article]
    error = items[1]
    assert isinstance(error, MalformedInputError)
    assert str(error).startswith("items.jsonl:line 2: invalid JSON")


def test_records_jsonl_record_without_text_is_empty_error() -> None:
    items = read_json(jsonl({"text": TEXT}, "", {"title": "No body"}, {"text": "   "}))
    errors = [item for item in items if isinstance(item, InputError)]
    assert [type(e) for e in errors] == [EmptyInputError, EmptyInputError]
    assert [e.location for e in errors] == ["items.jsonl:line 3", "items.jsonl:line 4"]
    assert "no text" in errors[0].message


def test_records_jsonl_non_object_line_is_malformed() -> None:
    [error] = read_json(jsonl([1, 2]))
    assert isinstance(error, MalformedInputError)
    assert str(error) == "items.jsonl:line 1: expected a JSON object, found list"


def test_records_jsonl_undecodable_bytes_are_flagged() -> None:
    raw = b'{"text": "Caf\xe9 owners met the mayor on the quay to discuss parking."}'
    [article] = read_json(raw)
    assert isinstance(article, Article)
    assert article.flags == [FLAG_REPLACED]


def test_records_json_array_reads_every_item() -> None:
    raw = json.dumps([{"text": TEXT}, {"nothing": 1}, {"text": OTHER}], indent=2).encode()
    items = read_json(raw, "items.json")
    assert [type(item) for item in items] == [Article, EmptyInputError, Article]
    assert items[1].location == "items.json:item 2"


def test_records_json_single_object_is_one_article() -> None:
    raw = json.dumps({"text": TEXT, "title": "One"}, indent=2).encode()
    [article] = read_json(raw, "story.json")
    assert isinstance(article, Article)
    assert article.title == "One" and article.record is None


def test_records_json_file_of_json_lines_is_read_line_by_line() -> None:
    items = read_json(jsonl({"text": TEXT}, {"text": OTHER}), "lines.json")
    assert [item.record for item in only_articles(items)] == ["line 1", "line 2"]


def test_records_csv_counts_rows_like_a_spreadsheet() -> None:
    raw = (
        "url,date,title,text\n"
        f'https://a.example/1,2020-02-03,First,"{TEXT}\n\nA second paragraph."\n'
        f"https://a.example/2,2020-02-04,Second,{OTHER}\n"
    ).encode()
    first, second = only_articles(read_csv(raw))
    assert first.record == "row 2" and second.record == "row 3"
    assert first.body == TEXT + "\n\nA second paragraph."
    assert first.published == "2020-02-03" and first.outlet == "a.example"


def test_records_csv_wrong_field_count_is_reported_and_skipped() -> None:
    raw = f"title,text\nOne,{TEXT}\nTwo,{OTHER},surplus\nThree,{OTHER}\n".encode()
    items = read_csv(raw, "feed.csv")
    assert [type(item) for item in items] == [Article, MalformedInputError, Article]
    assert str(items[1]) == "feed.csv:row 3: expected 2 fields (as in the header), found 3"


def test_records_csv_row_without_text_is_empty_error() -> None:
    raw = f"title,body\nOne,{TEXT}\nTwo,\n".encode()
    items = read_csv(raw)
    assert isinstance(items[1], EmptyInputError)
    assert items[1].location == "items.csv:row 3"


def test_records_csv_accepts_fields_over_the_default_limit() -> None:
    long_text = "word " * 60_000  # 300 kB, over csv's 128 KiB default field limit
    [article] = read_csv(f'title,text\nLong,"{long_text}"\n'.encode())
    assert isinstance(article, Article)
    assert len(article.body.split()) == 60_000


def test_records_tsv_uses_tabs() -> None:
    raw = f"title\ttext\nTabbed, with comma\t{TEXT}\n".encode()
    [article] = read_csv(raw, "items.tsv")
    assert isinstance(article, Article)
    assert article.title == "Tabbed, with comma"


def test_records_csv_detects_a_legacy_encoding() -> None:
    text = "Le maire a inauguré le café près de la forêt, où l'été sera animé. " * 5
    raw = f'title,text\nCafé,"{text}"\n'.encode("cp1252")
    [article] = read_csv(raw)
    assert isinstance(article, Article)
    assert "inauguré le café près de la forêt" in article.body
    assert article.flags == []


def test_records_csv_empty_file_is_an_error_naming_it() -> None:
    with pytest.raises(EmptyInputError) as caught:
        read_csv(b"", "nothing.csv")
    assert caught.value.source == "nothing.csv"


def test_records_body_that_is_only_a_dateline_is_kept() -> None:
    [article] = read_json(jsonl({"text": "Monday, March 15, 2021", "title": "Test"}))
    assert isinstance(article, Article)
    assert article.body == "Monday, March 15, 2021"


def test_records_jsonl_deeply_nested_line_is_malformed_and_reading_goes_on() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    items = read_json(jsonl(deep, {"text": TEXT}))
    assert [type(item) for item in items] == [MalformedInputError, Article]
    assert str(items[0]) == "items.jsonl:line 1: invalid JSON: nested too deeply"


def test_records_json_deeply_nested_file_is_malformed() -> None:
    [error] = read_json(("[" * 100_000 + "]" * 100_000).encode(), "deep.json")
    assert isinstance(error, MalformedInputError)
    assert error.location == "deep.json:line 1"


def test_records_jsonl_number_too_long_is_malformed() -> None:
    items = read_json(jsonl('{"text": "x", "id": ' + "9" * 5000 + "}", {"text": TEXT}))
    assert [type(item) for item in items] == [MalformedInputError, Article]
    assert items[0].message.startswith("invalid JSON: ")


@pytest.mark.parametrize("raw", [b"", b"\n  \n\r\n"])
def test_records_jsonl_without_records_is_empty_error(raw: bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        read_json(raw, "none.jsonl")
    assert caught.value.source == "none.jsonl"
    assert "no records" in caught.value.message


def test_records_json_empty_array_is_empty_error() -> None:
    with pytest.raises(EmptyInputError) as caught:
        read_json(b"[ ]\n", "none.json")
    assert str(caught.value) == "none.json: no records: the JSON array is empty"


@pytest.mark.parametrize("raw", [b"title,text\n", b"title,text\r\n\r\n,\n"])
def test_records_csv_header_without_rows_is_empty_error(raw: bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        read_csv(raw, "none.csv")
    assert caught.value.source == "none.csv"
    assert "no records" in caught.value.message


def test_records_jsonl_binary_file_is_one_binary_error() -> None:
    raw = os.urandom(1000) + b"\x00\n" + os.urandom(50_000)
    with pytest.raises(BinaryInputError) as caught:
        read_json(raw, "dump.jsonl")
    assert caught.value.source == "dump.jsonl"


def test_records_jsonl_truncated_gzip_is_malformed_after_earlier_records() -> None:
    raw = gzip.compress(jsonl(*[{"text": f"{TEXT} {n}"} for n in range(2000)]))
    items: list[Article | InputError] = []
    with pytest.raises(MalformedInputError, match="items.jsonl.gz: cannot read further: "):
        items.extend(records.read_jsonl(Source("items.jsonl.gz", data=raw[:-100]), SETTINGS))
    assert len(items) > 1000 and all(isinstance(item, Article) for item in items)


def test_records_csv_without_extension_detects_tabs_from_header() -> None:
    raw = f"title\tText\nTabbed, with comma\t{TEXT}\n".encode()
    [article] = read_csv(raw, "-")
    assert isinstance(article, Article)
    assert article.title == "Tabbed, with comma" and article.body == TEXT


def test_records_csv_without_extension_keeps_commas() -> None:
    raw = f'title,text\nOne,"{TEXT}\tand a tab"\n'.encode()
    [article] = read_csv(raw, "-")
    assert isinstance(article, Article)
    assert article.title == "One"


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_records_jsonl_drops_headline_repeated_in_body(separator: str) -> None:
    title = "Sadat lands in Israel"
    [article] = read_json(jsonl({"title": title, "text": f"{title}{separator}{TEXT}"}))
    assert isinstance(article, Article)
    assert article.body == TEXT and article.text == f"{title}\n\n{TEXT}"
    assert article.boilerplate[0].rule == clean.RULE_HEADLINE


def test_records_csv_drops_headline_repeated_in_body() -> None:
    [article] = read_csv(f'title,text\nFerries cut,"Ferries  cut\n\n{TEXT}"\n'.encode())
    assert isinstance(article, Article)
    assert article.body == TEXT

"""Tests for the ingestion entry points (storyline.ingest: read, read_source, check)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline.ingest as ingest
from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError
from storyline.ingest import Source, check, read, read_source
from storyline.ingest.encoding import FLAG_REPLACED
from storyline.model import Article, Boilerplate

SETTINGS = Settings()
TEXT = "The ferry company cut its winter timetable to two crossings a day."
OTHER = "Shops in the old town will stay open late on Thursdays from May."


def test_ingest_check_replaces_lone_surrogates() -> None:
    article = check(Article(body=f"{TEXT} \ud800 end", title="Half \udc00 pair"), SETTINGS)
    assert isinstance(article, Article)
    assert article.body == f"{TEXT} \ufffd end" and article.title == "Half \ufffd pair"
    assert article.flags == [FLAG_REPLACED]
    article.text.encode("utf-8")  # storable


def test_ingest_check_removes_nul_and_control_characters() -> None:
    article = Article(
        body=f"{TEXT}\x00\x07\x1b\x0c\n\n\tIndented\r\nline",
        title="Ferries\x00 cut",
        byline=["Ana\x00 Lopes", "\x00"],
        outlet="Coast\x1f News",
        boilerplate=[Boilerplate("bio", "Ana\x00 Lopes writes.")],
        flags=["other"],
    )
    checked = check(article, SETTINGS)
    assert isinstance(checked, Article)
    assert checked.body == f"{TEXT}\n\n\tIndented\r\nline"
    assert checked.title == "Ferries cut" and checked.outlet == "Coast News"
    assert checked.byline == ["Ana Lopes"]
    assert checked.boilerplate == [Boilerplate("bio", "Ana Lopes writes.")]
    assert checked.flags == ["other", FLAG_REPLACED]


def test_ingest_check_leaves_clean_article_unflagged() -> None:
    article = check(
        Article(body=f"{TEXT}\n\n\t{OTHER}\r\n", title="Caf\u00e9 \U0001f600"), SETTINGS
    )
    assert isinstance(article, Article)
    assert article.flags == [] and article.title == "Caf\u00e9 \U0001f600"


def test_ingest_check_body_of_only_control_characters_is_empty() -> None:
    error = check(Article(body="\x00\x01\x02", source="x.jsonl", record="line 1"), SETTINGS)
    assert isinstance(error, EmptyInputError)
    assert error.location == "x.jsonl:line 1"


def test_ingest_read_source_jsonl_with_surrogate_and_nul() -> None:
    raw = json.dumps({"text": f"{TEXT} \ud800"}) + "\n" + json.dumps({"text": f"{OTHER}\x00"})
    source = Source("items.jsonl", data=raw.encode())
    first, second = read_source(source, SETTINGS)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.body == f"{TEXT} \ufffd" and second.body == OTHER
    assert first.flags == second.flags == [FLAG_REPLACED]


def _failing_reader(source: Source, settings: Settings) -> Iterator[Article | InputError]:
    """A reader that reads one article, then fails as a reader bug would."""
    yield Article(body=TEXT, source=source.name)
    raise ValueError("bad state \x00\udcff")


def test_ingest_read_source_unexpected_error_is_reported_after_articles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ingest, "readers", lambda: {"text": _failing_reader})
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(OTHER)
    items = list(read([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], SETTINGS))
    assert [type(item) for item in items] == [Article, InputError, Article, InputError]
    error = items[1]
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / "a.txt")
    assert error.message == (
        "unexpected error while reading (ValueError: bad state \\x00\\udcff);"
        " the rest of this file was skipped"
    )


def test_ingest_read_source_keyboard_interrupt_is_not_swallowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(source: Source, settings: Settings) -> Iterator[Article | InputError]:
        raise KeyboardInterrupt
        yield  # a generator, like every reader

    monkeypatch.setattr(ingest, "readers", lambda: {"text": interrupted})
    with pytest.raises(KeyboardInterrupt):
        list(read_source(Source("a.txt", data=TEXT.encode()), SETTINGS))


@pytest.mark.parametrize(
    ("raw", "body"),
    [
        (json.dumps([{"text": TEXT}], indent=2).encode(), TEXT),
        (f"<p>{TEXT} {OTHER}</p>".encode(), f"{TEXT} {OTHER}"),
        (f"title\ttext\nFerries\t{TEXT}\n".encode(), TEXT),
        (f'title,Body\nFerries,"{TEXT}"\n'.encode(), TEXT),
    ],
)
def test_ingest_read_sniffs_stdin(raw: bytes, body: str) -> None:
    [article] = read(["-"], SETTINGS, stdin=io.BytesIO(raw))
    assert isinstance(article, Article)
    assert article.body == body

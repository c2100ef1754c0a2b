"""Quotations across the corpus: filters, name matching, dating, and the `quotes` command."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.ingest.dedup import fingerprint
from storyline.model import Article, Document, Entity, Mention, Quote, Span
from storyline.query.quotes import date_bound, iter_quotes, match_name, period
from storyline.store import Store, open_store

# Three articles and a syndicated copy of the first, with hand-placed annotations.
SUMMIT = (
    "Anwar Sadat, the Egyptian president, said on March 4: “We will talk to Begin.” "
    "Alan Smith said Egypt was ready. "
    "“Nothing is agreed,” an aide to Sadat told reporters. "
    "The so-called “peace dividend” was discussed. "
    "Jürgen Müller said the talks went well."
)
CLIMATE = (
    "Al Gore told Anwar Sadat that “the climate matters”. "
    "Gore said a year ago that the treaty would hold."
)
UNDATED = "Menachem Begin said the visit was historic and that "
LONG = "the negotiations " + "went on and on " * 10 + "until dawn"


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _quote(
    doc: Document, ident: str, kind: str, part: str, cue: str | None = None, **kw: Any
) -> Quote:
    start, end = _span(doc.text, part)
    cue_span = None
    if cue is not None:  # the occurrence of the cue nearest to the quotation
        found = [i for i in range(len(doc.text)) if doc.text.startswith(cue, i)]
        c = min(found, key=lambda i: abs(i - start))
        cue_span = Span(c, c + len(cue), cue)
    return Quote(ident, kind, start, end, part, cue=cue_span, confidence=0.9, **kw)


def _entity(doc: Document, ident: str, name: str, *mentions: str, after: int = 0) -> Entity:
    """An entity whose mentions are found in order from ``after``."""
    found = []
    for text in mentions:
        start, end = _span(doc.text, text, after)
        found.append(Mention(start, end, text))
        after = end
    return Entity(ident, name, "person", "PERSON", None, found)


def _document(art: Article) -> Document:
    doc = Document.from_article(art)
    doc.pipeline, doc.model = "test:1", "test-model"
    return doc


def summit(outlet: str = "The Courier", title: str = "Summit talks") -> tuple[Article, Document]:
    art = Article(SUMMIT, title=title, outlet=outlet, url="https://courier.example/summit",
                  published="2019-03-15", published_source="metadata")  # fmt: skip
    doc = _document(art)
    doc.entities = [
        _entity(doc, "e1", "Anwar Sadat", "Anwar Sadat", "the Egyptian president", "Sadat"),
        _entity(doc, "e2", "Alan Smith", "Alan Smith"),
        _entity(doc, "e3", "Menachem Begin", "Begin"),
        _entity(doc, "e4", "Jürgen Müller", "Jürgen Müller"),
        _entity(doc, "e5", "Egypt", "Egypt", after=doc.text.index("Egypt was")),
    ]
    doc.quotes = [
        _quote(doc, "q1", "direct", "“We will talk to Begin.”", "said", speaker="e1",
               speaker_text="Anwar Sadat", speaker_kind="named", time="t1", date="2019-03-04"),
        _quote(doc, "q2", "indirect", "Egypt was ready", "said", speaker="e2",
               speaker_text="Alan Smith", speaker_kind="named", before="2019-03-15"),
        _quote(doc, "q3", "direct", "“Nothing is agreed,”", "told", speaker_text="an aide to Sadat",
               speaker_kind="anonymous", addressee="reporters", date="2019-02"),
        _quote(doc, "q4", "mention", "“peace dividend”"),
        _quote(doc, "q5", "indirect", "the talks went well", "said", speaker="e4",
               speaker_text="Jürgen Müller", speaker_kind="named", before="2019-03-15"),
    ]  # fmt: skip
    return art, doc


def climate() -> tuple[Article, Document]:
    art = Article(CLIMATE, title="Climate", outlet="The Gazette", published="2020-01-10",
                  published_source="metadata")  # fmt: skip
    doc = _document(art)
    doc.entities = [
        _entity(doc, "e1", "Al Gore", "Al Gore", "Gore"),
        _entity(doc, "e2", "Anwar Sadat", "Anwar Sadat"),
    ]
    doc.quotes = [
        _quote(doc, "q1", "partial", "“the climate matters”", "told", speaker="e1",
               speaker_text="Al Gore", speaker_kind="named", addressee="Anwar Sadat",
               before="2020-01-10"),
        # said in March 2019, reported in 2020: the text's date decides, not publication
        _quote(doc, "q2", "indirect", "the treaty would hold", "said", speaker="e1",
               speaker_text="Gore", speaker_kind="named", date="2019-03-05"),
    ]  # fmt: skip
    return art, doc


def undated() -> tuple[Article, Document]:
    art = Article(UNDATED + LONG, title=None, outlet=None)
    doc = _document(art)
    doc.quotes = [
        # no entity for the speaker: the attribution's name is all there is
        _quote(doc, "q1", "indirect", "the visit was historic", "said",
               speaker_text="Menachem Begin", speaker_kind="named"),
        _quote(doc, "q2", "indirect", LONG, "said", speaker_text="Menachem Begin",
               speaker_kind="named"),
    ]  # fmt: skip
    return art, doc


@pytest.fixture
def corpus(db_url: str) -> Iterator[tuple[Store, dict[str, str]]]:
    """A store holding the three articles and a syndicated copy; the ids by name."""
    ids: dict[str, str] = {}
    with open_store(db_url) as store:
        for name, (art, doc) in {
            "summit": summit(),
            "climate": climate(),
            "undated": undated(),
        }.items():
            ids[name] = store.add(art, fingerprint(art.text), doc)
        art, doc = summit(outlet="The Echo", title="Summit talks (wire)")
        ids["copy"] = store.add(art, fingerprint(art.text), doc, syndicated_of=ids["summit"])
        yield store, ids


def keys(store: Store, **filters: Any) -> list[tuple[str, str]]:
    """(article, quote id) of each row, with the article named as in the fixture."""
    return [(r.article_id, r.quote_id) for r in iter_quotes(store, **filters)]


def named(ids: dict[str, str], *pairs: str) -> list[tuple[str, str]]:
    """``named(ids, "summit:q1")`` → [(id of summit, "q1")]."""
    return [(ids[p.split(":")[0]], p.split(":")[1]) for p in pairs]


# -- the library -------------------------------------------------------------------------------


def test_quotes_all_but_mentions_in_publication_order(corpus: tuple[Store, dict[str, str]]) -> None:
    store, ids = corpus
    summit_copy = sorted([ids["summit"], ids["copy"]])  # same date: by article id
    expected = [(a, q) for a in summit_copy for q in ("q1", "q2", "q3", "q5")] + named(
        ids, "climate:q1", "climate:q2", "undated:q1", "undated:q2"
    )
    assert keys(store) == expected


def test_quotes_row_carries_article_speaker_and_dates(corpus: tuple[Store, dict[str, str]]) -> None:
    store, ids = corpus
    rows = {(r.article_id, r.quote_id): r for r in iter_quotes(store)}
    q1 = rows[(ids["summit"], "q1")]
    assert (q1.outlet, q1.published, q1.title, q1.url) == (
        "The Courier", "2019-03-15", "Summit talks", "https://courier.example/summit",
    )  # fmt: skip
    assert (q1.kind, q1.text, q1.speaker, q1.speaker_name, q1.cue) == (
        "direct", "“We will talk to Begin.”", "e1", "Anwar Sadat", "said",
    )  # fmt: skip
    assert (q1.date, q1.said_before, q1.dated_by, q1.confidence) == (
        "2019-03-04", None, "text", 0.9,
    )  # fmt: skip
    q2 = rows[(ids["summit"], "q2")]
    assert (q2.date, q2.said_before, q2.dated_by) == (None, "2019-03-15", "publication")
    q3 = rows[(ids["summit"], "q3")]
    assert (q3.speaker, q3.speaker_name, q3.speaker_text) == (None, None, "an aide to Sadat")
    assert q3.addressee == "reporters" and q3.cue == "told"
    assert rows[(ids["copy"], "q1")].syndicated_of == ids["summit"]
    assert rows[(ids["copy"], "q1")].outlet == "The Echo"
    loose = rows[(ids["undated"], "q1")]
    assert (loose.published, loose.date, loose.said_before, loose.dated_by) == (
        None, None, None, None,
    )  # fmt: skip


def test_quotes_kinds(corpus: tuple[Store, dict[str, str]]) -> None:
    store, ids = corpus
    assert keys(store, kinds={"mention"}, copies=False) == named(ids, "summit:q4")
    assert keys(store, kinds=["direct", "partial"], copies=False) == named(
        ids, "summit:q1", "summit:q3", "climate:q1"
    )


def test_quotes_without_copies(corpus: tuple[Store, dict[str, str]]) -> None:
    store, ids = corpus
    found = {a for a, _ in keys(store, copies=False)}
    assert found == {ids["summit"], ids["climate"], ids["undated"]}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sadat", ["summit:q1"]),  # surname; not the anonymous "aide to Sadat"
        ("anwar SADAT", ["summit:q1"]),
        ("Egyptian president", ["summit:q1"]),  # another mention of the speaker's entity
        ("Müller", ["summit:q5"]),
        ("jurgen muller", ["summit:q5"]),  # accents optional in the query
        ("Al", ["climate:q1", "climate:q2"]),  # a whole word: not "Alan Smith"
        ("Alan", ["summit:q2"]),
        ("Gore", ["climate:q1", "climate:q2"]),
        ("Begin", ["undated:q1", "undated:q2"]),  # speaker_text, no entity; not "talk to Begin"
        ("Sadat Anwar", []),  # words in order
        ("Sad", []),
    ],
)
def test_quotes_by_speaker(
    corpus: tuple[Store, dict[str, str]], name: str, expected: list[str]
) -> None:
    store, ids = corpus
    assert keys(store, speaker=name, copies=False) == named(ids, *expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Begin", ["summit:q1"]),  # in the text; not Begin's own words
        ("Menachem Begin", ["summit:q1"]),  # the entity mentioned inside the quotation
        ("Sadat", ["climate:q1"]),  # the addressee; not the aide's quotation
        ("egypt", ["summit:q2"]),
        ("dawn", ["undated:q2"]),
        ("Gore", []),
    ],
)
def test_quotes_about(corpus: tuple[Store, dict[str, str]], name: str, expected: list[str]) -> None:
    store, ids = corpus
    assert keys(store, about=name, copies=False) == named(ids, *expected)


def test_quotes_speaker_and_about_together(corpus: tuple[Store, dict[str, str]]) -> None:
    store, ids = corpus
    assert keys(store, speaker="Gore", about="Sadat") == named(ids, "climate:q1")
    assert keys(store, speaker="Sadat", about="Gore") == []


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # a day named in the text; the quotes dated by publication (03-15) are outside
        ("2019-03-01", "2019-03-10", ["summit:q1", "climate:q2"]),
        # "2019-02" covers the whole month
        ("2019-02-20", "2019-02-21", ["summit:q3"]),
        # undated quotes fall back to the publication date
        ("2019-03-15", "2019-03-15", ["summit:q2", "summit:q5"]),
        ("2020-01-10", None, ["climate:q1"]),
        (None, "2019-02-28", ["summit:q3"]),
        # a month or a year as a bound: from its first day, to its last
        ("2019-03", "2019-03", ["summit:q1", "summit:q2", "summit:q5", "climate:q2"]),
        ("2020", "2020", ["climate:q1"]),
        ("2021-01-01", None, []),
    ],
)
def test_quotes_by_date(
    corpus: tuple[Store, dict[str, str]], start: str | None, end: str | None, expected: list[str]
) -> None:
    store, ids = corpus
    assert keys(store, date_from=start, date_to=end, copies=False) == named(ids, *expected)


def test_quotes_dated_by_publication_says_so(corpus: tuple[Store, dict[str, str]]) -> None:
    store, _ = corpus
    rows = list(iter_quotes(store, date_from=dt.date(2019, 3, 15), date_to=dt.date(2020, 1, 10)))
    assert {(r.quote_id, r.dated_by, r.date, r.said_before) for r in rows} == {
        ("q2", "publication", None, "2019-03-15"),
        ("q5", "publication", None, "2019-03-15"),
        ("q1", "publication", None, "2020-01-10"),
    }


def test_quotes_limit_stops_early(corpus: tuple[Store, dict[str, str]]) -> None:
    store, ids = corpus
    assert len(keys(store, limit=3)) == 3
    assert keys(store, limit=0) == []
    assert keys(store, speaker="Gore", limit=1) == named(ids, "climate:q1")


def test_quotes_small_batches_give_the_same_rows(corpus: tuple[Store, dict[str, str]]) -> None:
    store, _ = corpus
    everything = keys(store, about="Sadat")
    batched = [(r.article_id, r.quote_id) for r in iter_quotes(store, about="Sadat", batch=1)]
    assert batched == everything and len(everything) == 1


def test_quotes_refuse_bad_arguments(corpus: tuple[Store, dict[str, str]]) -> None:
    store, _ = corpus
    with pytest.raises(ValueError, match="not a date"):
        list(iter_quotes(store, date_from="March"))
    with pytest.raises(ValueError, match="not a name"):
        list(iter_quotes(store, speaker=" -- "))


def test_quotes_on_an_empty_store(db_url: str) -> None:
    with open_store(db_url) as store:
        assert list(iter_quotes(store, speaker="Sadat", date_from="2019")) == []


# -- names and dates ---------------------------------------------------------------------------


def test_match_name_whole_words_any_case_or_accent() -> None:
    assert match_name("Sadat", ["Anwar Sadat"])
    assert match_name("anwar el-sadat", ["Anwar el-Sadat"])
    assert match_name("Muller", ["Jürgen Müller"]) and match_name("MÜLLER", ["Jurgen Muller"])
    assert match_name("Sadat", ["Sadat's"])
    assert match_name("Sadat", ["", "Begin", "Mr. Sadat"])
    assert not match_name("Al", ["Alan Smith"])
    assert not match_name("Smith", ["Smithson"])
    assert not match_name("Anwar Sadat", ["Anwar el-Sadat"])
    assert not match_name("Anwar Sadat", ["Sadat"])
    assert not match_name("", ["Anwar Sadat"]) and not match_name("Sadat", [])


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2019-03-04", "2019-03-04", "2019-03-04"),
        ("2019-03-04T14:30", "2019-03-04", "2019-03-04"),
        ("2019-03-04TEV", "2019-03-04", "2019-03-04"),
        ("2019-02", "2019-02-01", "2019-02-28"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2019", "2019-01-01", "2019-12-31"),
        ("2019-W10", "2019-03-04", "2019-03-10"),
        ("2019-W10-WE", "2019-03-09", "2019-03-10"),
        ("2019-Q4", "2019-10-01", "2019-12-31"),
        ("2019-WI", "2019-12-01", "2020-02-29"),
        ("199X", "1990-01-01", "1999-12-31"),
        ("19", "1900-01-01", "1999-12-31"),
    ],
)
def test_period_of_time_values(value: str, first: str, last: str) -> None:
    assert period(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("value", [None, "", "P3Y", "PRESENT_REF", "2019-13", "2019-02-30"])
def test_period_of_what_is_not_a_calendar_time(value: str | None) -> None:
    assert period(value) is None


def test_date_bound() -> None:
    assert date_bound("2019-03") == dt.date(2019, 3, 1)
    assert date_bound("2019-03", end=True) == dt.date(2019, 3, 31)
    assert date_bound("2019", end=True) == dt.date(2019, 12, 31)
    assert date_bound(" 2019-03-04 ") == dt.date(2019, 3, 4)
    assert date_bound(None) is None
    for bad in ("2019-W10", "March 2019", "2019-3-4", "2019-02-30", "199X"):
        with pytest.raises(ValueError, match="not a date"):
            date_bound(bad)


# -- the command -------------------------------------------------------------------------------


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["quotes", *args], catch_exceptions=False)


def test_cli_quotes_json(corpus: tuple[Store, dict[str, str]], db_url: str) -> None:
    _, ids = corpus
    result = invoke("--db", db_url, "--speaker", "sadat", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["article_id"], r["quote_id"]) for r in rows] == sorted(
        [(ids["summit"], "q1"), (ids["copy"], "q1")]
    )
    first = rows[0]
    assert first["speaker_name"] == "Anwar Sadat" and first["date"] == "2019-03-04"
    assert first["dated_by"] == "text" and first["text"] == "“We will talk to Begin.”"
    assert {"outlet", "published", "title", "url", "cue", "addressee", "via"} <= set(first)
    empty = invoke("--db", db_url, "--speaker", "Nobody", "--format", "json")
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []


def test_cli_quotes_table(corpus: tuple[Store, dict[str, str]], db_url: str) -> None:
    _, ids = corpus
    result = invoke("--db", db_url, "--no-copies", "--kind", "indirect,partial")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "speaker", "kind", "quotation", "outlet", "article"]
    body = lines[2:]
    assert len(body) == 6
    assert body[0].split()[:4] == ["before", "2019-03-15", "Alan", "Smith"]
    assert "Egypt was ready" in body[0] and "The Courier" in body[0] and ids["summit"] in body[0]
    assert body[2].startswith("before 2020-01-10") and "“the climate matters”" in body[2]
    assert body[3].split()[:2] == ["2019-03-05", "Gore"]
    long = body[5]  # the long quotation, shortened; undated and unpublished
    assert long.startswith("?") and "the negotiations went on" in long and "…" in long
    assert "until dawn" not in long and ids["undated"] in long


def test_cli_quotes_filters_and_limit(corpus: tuple[Store, dict[str, str]], db_url: str) -> None:
    _, ids = corpus
    args = ["--db", db_url, "--format", "json", "--no-copies"]
    dated = json.loads(invoke(*args, "--from", "2019-03-01", "--to", "2019-03-10").stdout)
    assert [r["quote_id"] for r in dated] == ["q1", "q2"]
    assert [r["article_id"] for r in dated] == [ids["summit"], ids["climate"]]
    about = json.loads(invoke(*args, "--about", "Menachem Begin").stdout)
    assert [r["quote_id"] for r in about] == ["q1"]
    mentions = json.loads(invoke(*args, "--kind", "mention").stdout)
    assert [r["text"] for r in mentions] == ["“peace dividend”"]
    assert len(json.loads(invoke(*args, "--limit", "2").stdout)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2019-02-30"], "Invalid value for '--from': not a date: '2019-02-30'"),
        (["--to", "yesterday"], "Invalid value for '--to': not a date: 'yesterday'"),
        (["--from", "2020", "--to", "2019"], "--from 2020-01-01 is after --to 2019-12-31"),
        (["--speaker", "  "], "Invalid value for '--speaker': not a name"),
        (["--limit", "-1"], "Invalid value for '--limit'"),
    ],
)
def test_cli_quotes_usage_errors(tmp_path: Any, args: list[str], message: str) -> None:
    result = invoke("--db", str(tmp_path / "q.db"), *args)
    assert result.exit_code == 2 and message in result.stderr


def test_cli_quotes_bad_database(tmp_path: Any) -> None:
    result = invoke("--db", "/nonexistent-folder/x.db")
    assert result.exit_code == 3 and "cannot open the database" in result.stderr

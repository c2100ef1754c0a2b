"""The event commands: events, timeline and relation, on a small corpus ingested end to end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_cli import invoke

FIRST = """Russia invades Ukraine

Friday, February 25, 2022

Russia invaded Ukraine on Thursday. Germany condemned Russia on Friday.
"""
SECOND = """A year of war

Saturday, February 25, 2023

Russia invaded Ukraine on February 24, 2022. Ukraine accused Russia of war crimes on Monday.
Poland sent aid to Ukraine in March 2022.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for number, text in enumerate((FIRST, SECOND)):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "events.db")
    assert invoke("ingest", str(folder), "--db", db, "--quiet").exit_code == 0
    return db


def test_cli_events_merges_reports_and_filters(corpus: str) -> None:
    rows = json.loads(
        invoke("events", "--actor", "Russia", "--recipient", "Ukraine", "--db", corpus,
               "--format", "json").output
    )  # fmt: skip
    invasion = [r for r in rows if r["type"] == "ASSAULT"]
    assert len(invasion) == 1, rows
    assert invasion[0]["date"] == "2022-02-24" and len(invasion[0]["reports"]) == 2
    assert invasion[0]["actor_names"] == ["Russia"] and invasion[0]["recipient_names"] == [
        "Ukraine"
    ]
    accused = json.loads(
        invoke("events", "--type", "accuse", "--db", corpus, "--format", "json").output
    )
    assert [(r["date"], r["actor_names"]) for r in accused] == [
        ("2022-02-25", ["Germany"]),  # "condemned" is an ACCUSE too
        ("2023-02-20", ["Ukraine"]),
    ]
    early = json.loads(
        invoke("events", "--to", "2022-02", "--db", corpus, "--format", "json").output
    )
    assert {r["type"] for r in early} >= {"ASSAULT", "ACCUSE"}  # Germany condemned Russia
    assert all(r["date"] <= "2022-02-28" for r in early if r["date"])
    table = csv.DictReader(io.StringIO(invoke("events", "--db", corpus, "--format", "csv").output))
    assert {"ASSAULT", "AID"} <= {r["type"] for r in table}
    assert "Russia" in invoke("events", "--db", corpus).output


def test_cli_events_reports_bad_options(corpus: str) -> None:
    bad = invoke("events", "--type", "HUG", "--db", corpus)
    assert bad.exit_code == 2 and "HUG" in bad.output
    missing = invoke("events", "--actor", "Nobody Atall", "--db", corpus)
    assert missing.exit_code == 3 and "no actor is called" in missing.stderr


def test_cli_timeline_orders_by_the_events_own_date(corpus: str) -> None:
    result = invoke("timeline", "Ukraine", "--db", corpus, "--format", "json")
    items = json.loads(result.output)
    dates = [i["date"] for i in items if i["date"]]
    assert dates == sorted(dates) and dates[0] == "2022-02-24"
    assert items[0]["reports"][0]["published"] in ("2022-02-25", "2023-02-25")
    pair = json.loads(
        invoke("timeline", "Russia", "--with", "Germany", "--db", corpus, "--format",
               "json").output
    )  # fmt: skip
    assert [(i["kind"], i["type"]) for i in pair if i["kind"] == "event"] == [("event", "ACCUSE")]
    text = invoke("timeline", "Russia", "--db", corpus).output
    assert text.startswith("Timeline of Russia") and "2022-02-24" in text


def test_cli_relation_writes_the_series_and_the_chart(corpus: str, tmp_path: Path) -> None:
    chart = tmp_path / "relation.png"
    result = invoke("relation", "Russia", "Ukraine", "--by", "year", "--plot", str(chart),
                    "--db", corpus, "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "chart written" in result.stderr
    assert data["names"] == ["Russia", "Ukraine"]
    first = data["periods"][0]
    assert first["period"] == "2022" and first["a_to_b"]["count"] == 1
    assert first["a_to_b"]["mean"] == -9
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    same = invoke("relation", "Russia", "Russia", "--db", corpus)
    assert same.exit_code == 3 and "same actor" in same.stderr


def test_cli_show_lists_an_articles_coded_events(corpus: str) -> None:
    rows = json.loads(invoke("articles", "--db", corpus, "--format", "json").output)
    first = next(r["id"] for r in rows if r["title"] == "Russia invades Ukraine")
    shown = invoke("show", first, "--db", corpus).output
    assert "events (" in shown
    assert "ASSAULT" in shown and "Russia [invaded] Ukraine  2022-02-24" in shown


def test_cli_relation_reports_an_unwritable_chart(corpus: str, tmp_path: Path) -> None:
    chart = tmp_path / "no-such-folder" / "relation.png"
    result = invoke("relation", "Russia", "Ukraine", "--plot", str(chart), "--db", corpus)
    assert result.exit_code == 3 and "cannot write the chart" in result.stderr


def test_api_date_bounds_stand_for_whole_years_and_months(corpus: str) -> None:
    from storyline import open_corpus

    with open_corpus(corpus) as opened:
        in_2022 = opened.events(date_from="2022", date_to="2022")
        in_march = opened.events(date_from="2022-03", date_to="2022-03")
    assert "2022-02-24" in {e.date for e in in_2022}
    assert all((e.date or "").startswith("2022-03") for e in in_march if e.date)


@pytest.mark.parametrize("copy_first", [False, True])
def test_cli_reanalysis_keeps_syndicated_copies_counted_once(
    tmp_path: Path, copy_first: bool
) -> None:
    examples = REPO / "examples"
    db = str(tmp_path / "copies.db")
    inputs = [
        str(examples / "wire.jsonl"),
        str(examples / "articles" / "1978-12-16-riverside-sentinel-syndicated.txt"),
    ]
    for path in reversed(inputs) if copy_first else inputs:  # the copy first: relinked later
        assert invoke("ingest", path, "--db", db, "--quiet").exit_code <= 1
    before = json.loads(invoke("events", "--db", db, "--format", "json").output)
    assert invoke("reanalyze", "--all", "--db", db).exit_code == 0
    after = json.loads(invoke("events", "--db", db, "--format", "json").output)
    assert len(after) == len(before) > 0
    articles = json.loads(invoke("articles", "--db", db, "--format", "json").output)
    group = {a["id"] for a in articles if a["syndicated_of"]} | {
        a["syndicated_of"] for a in articles if a["syndicated_of"]
    }
    reports = [r for e in after for r in e["reports"]]
    carriers = {r["article"] for r in reports} & group
    assert len(group) == 2 and len(carriers) == 1  # one carries, the other counts on it
    assert {r["copies"] for r in reports if r["article"] in carriers} == {1}
    assert [r["copies"] for e in before for r in e["reports"]] == [
        r["copies"] for e in after for r in e["reports"]
    ]

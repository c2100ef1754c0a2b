"""The command line: each command run for real, asserting on what it stored or wrote."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.store import open_store
from tests.conftest import REPO
from tests.schema import schema_errors

ARTICLE = """Sadat arrives in Jerusalem

By Ada Reporter

Sunday, November 20, 1977

Anwar Sadat arrived in Jerusalem on Saturday evening, the first visit by an Egyptian
leader to Israel. Menachem Begin met him at the airport near Tel Aviv.

Officials in Cairo said the president would address the Knesset.
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "visit.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": "A short story about Cairo."}\n{oops\n')
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_cli_ingest_stores_and_reports_partial(inputs: Path, db: str) -> None:
    result = invoke("ingest", str(inputs), "--db", db)
    assert result.exit_code == 1, result.output
    assert "broken.jsonl:line 2" in result.stderr
    with open_store(f"sqlite:///{db}") as store:
        titles = sorted(a.title or "" for a in store.list_articles())
    assert titles == ["", "Sadat arrives in Jerusalem"]
    again = invoke("ingest", str(inputs / "visit.txt"), "--db", db)
    assert again.exit_code == 0 and "1 duplicates" in again.output


def test_cli_ingest_reads_stdin(db: str) -> None:
    result = invoke("ingest", "-", "--db", db, input=ARTICLE)
    assert result.exit_code == 0
    with open_store(f"sqlite:///{db}") as store:
        assert [a.source for a in store.list_articles()] == ["-"]


def test_cli_analyze_prints_a_schema_valid_document(inputs: Path) -> None:
    result = invoke("analyze", str(inputs / "visit.txt"), "--published", "1977-11-20")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert schema_errors(data) == []
    assert data["published_source"] == "argument" and data["byline"] == ["Ada Reporter"]


def test_cli_analyze_rejects_a_bad_date(inputs: Path) -> None:
    result = invoke("analyze", str(inputs / "visit.txt"), "--published", "soon")
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_cli_listing_show_and_stats(inputs: Path, db: str) -> None:
    invoke("ingest", str(inputs), "--db", db)
    listing = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    assert len(listing) == 2
    visit = next(a for a in listing if a["title"])
    shown = json.loads(invoke("show", visit["id"][:8], "--db", db, "--format", "json").stdout)
    assert shown["title"] == "Sadat arrives in Jerusalem" and shown["entities"]
    assert invoke("show", "zzz", "--db", db).exit_code == 3
    stats = json.loads(invoke("stats", "--db", db, "--format", "json").stdout)
    assert stats["articles"] == 2 and stats["analysed"] == 2 and stats["outdated"] == 0


def test_cli_export_jsonl_and_csv(inputs: Path, db: str, tmp_path: Path) -> None:
    invoke("ingest", str(inputs), "--db", db)
    out = tmp_path / "all.jsonl"
    assert invoke("export", "--db", db, "--format", "jsonl", "-o", str(out)).exit_code == 0
    documents = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(documents) == 2 and all(schema_errors(d) == [] for d in documents)
    folder = tmp_path / "csv"
    invoke("export", "--db", db, "--format", "csv", "-o", str(folder))
    with (folder / "articles.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == 2
    with (folder / "mentions.csv").open() as handle:
        mentions = list(csv.DictReader(handle))
    entity_count = sum(len(e["mentions"]) for d in documents for e in d["entities"])
    assert len(mentions) == entity_count > 0
    for name in ("entities", "quotes", "times", "events"):
        assert (folder / f"{name}.csv").read_text().startswith("article_id")


def test_cli_reanalyze_reports_the_count(inputs: Path, db: str) -> None:
    invoke("ingest", str(inputs), "--db", db)
    assert "reanalysed 0 articles" in invoke("reanalyze", "--db", db).output
    assert "reanalysed 2 articles" in invoke("reanalyze", "--all", "--db", db).output


def test_cli_bad_database_is_a_clear_error(inputs: Path) -> None:
    result = invoke("stats", "--db", "/nonexistent-folder/x.db")
    assert result.exit_code == 3 and "cannot open the database" in result.stderr


def test_cli_every_command_has_help_and_is_documented() -> None:
    reference = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## `storyline ([a-z-]+)", reference, re.MULTILINE))
    assert documented == set(main.commands)
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        assert invoke(name, "--help").exit_code == 0


def test_cli_show_refuses_an_ambiguous_prefix(inputs: Path, db: str) -> None:
    invoke("ingest", str(inputs), "--db", db)
    result = invoke("show", "a", "--db", db)
    assert result.exit_code == 3 and "more than one article" in result.stderr


def test_cli_show_and_export_tell_a_syndicated_copy(tmp_path: Path, db: str) -> None:
    body = ARTICLE.split("\n\n", 3)[3] * 3
    (tmp_path / "first.txt").write_text(f"First headline\n\n{body}", encoding="utf-8")
    (tmp_path / "copy.txt").write_text(f"Another headline\n\n{body}\n\nRepublished.\n")
    invoke("ingest", str(tmp_path / "first.txt"), str(tmp_path / "copy.txt"), "--db", db)
    listing = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    copy = next(a for a in listing if a["syndicated_of"])
    shown = invoke("show", copy["id"], "--db", db).stdout
    assert f"copy of:    {copy['syndicated_of']} (syndicated copy)" in shown
    folder = tmp_path / "csv"
    invoke("export", "--db", db, "--format", "csv", "-o", str(folder))
    with (folder / "articles.csv").open() as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows[copy["id"]]["syndicated_of"] == copy["syndicated_of"]


def _ingest_talk(folder: Path, db: str, body: str) -> None:
    """Ingest one article, "Talks in Ankara", published 2019-03-08 (a Friday)."""
    path = folder / "talk.txt"
    path.write_text(f"Talks in Ankara\n\nPublished: 2019-03-08\n\n{body}\n", encoding="utf-8")
    invoke("ingest", str(path), "--db", db)


def test_cli_show_lists_quotations_with_their_circumstances(tmp_path: Path, db: str) -> None:
    _ingest_talk(
        tmp_path,
        db,
        "Erdogan said in an interview on Tuesday that Turkey would not bow. "
        "“We are patient,” he told a rally in his home town.",
    )
    listing = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    shown = invoke("show", listing[0]["id"], "--db", db).stdout
    assert "Erdogan [said]: 'Turkey would not bow'  (2019-03-05; interview)" in shown
    assert "[told]: '“We are patient,”'  (at a rally in his home town)" in shown


def test_cli_quotes_rows_and_csv_keep_structure(tmp_path: Path, db: str) -> None:
    _ingest_talk(
        tmp_path,
        db,
        "“They [the Germans] never agreed,” two aides said in an interview. "
        "Erdogan said the talks were “a waste of time” on Tuesday.",
    )
    rows = json.loads(invoke("quotes", "--db", db, "--format", "json").stdout)
    by_text = {r["text"]: r for r in rows}
    fragment = by_text["“a waste of time”"]
    clause = next(r for r in rows if r["quote_id"] == fragment["parent"])
    assert "“a waste of time”" in clause["text"] and clause["parent"] is None
    assert by_text["“They [the Germans] never agreed,”"]["medium"] == "interview"
    bad = invoke("quotes", "--db", db, "--kind", "direct,speech")
    assert bad.exit_code == 2 and "speech" in bad.stderr
    folder = tmp_path / "csv"
    invoke("export", "--db", db, "--format", "csv", "-o", str(folder))
    with (folder / "quotes.csv").open(encoding="utf-8") as handle:
        cells = [r["insertions"] for r in csv.DictReader(handle) if r["insertions"]]
    assert [[s["text"] for s in json.loads(c)] for c in cells] == [["[the Germans]"]]

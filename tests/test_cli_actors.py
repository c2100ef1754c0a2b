"""The actor commands: actors, actor, gazetteer import, and quotes found through actors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.gazetteer import load_gazetteer
from tests.test_cli import invoke

FIRST = """Sadat arrives in Jerusalem

Sunday, November 20, 1977

Anwar Sadat arrived in Jerusalem on Saturday. Sadat said: “We come in peace.”
"""
SECOND = """Treaty signed

Monday, March 26, 1979

Anwar el-Sadat signed the treaty with Menachem Begin. “This is a great day,” el-Sadat said.
German Chancellor Helmut Schmidt praised Sadat.
"""
THIRD = """Merkel in Paris

Monday, March 1, 2010

German Chancellor Angela Merkel met the French president. “Europe needs France,” she said.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for number, text in enumerate((FIRST, SECOND, THIRD)):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "actors.db")
    assert invoke("ingest", str(folder), "--db", db, "--quiet").exit_code == 0
    return db


def test_cli_actors_resolves_name_variants_across_articles(corpus: str) -> None:
    rows = json.loads(invoke("actors", "--db", corpus, "--format", "json").output)
    sadat = [r for r in rows if "Sadat" in r["name"]]
    assert len(sadat) == 1, sadat
    assert sadat[0]["articles"] == 2 and "Anwar el-Sadat" in [
        sadat[0]["name"],
        *sadat[0]["aliases"],
    ]
    merkel = next(r for r in rows if r["name"] == "Angela Merkel")
    assert (merkel["id"], merkel["country"], merkel["wikidata"]) == ("angela-merkel", "de", "Q567")
    people = json.loads(
        invoke("actors", "--type", "person", "--db", corpus, "--format", "json").output
    )
    assert {r["type"] for r in people} == {"person"}
    assert "Anwar" in invoke("actors", "--db", corpus).output  # the table


def test_cli_actor_shows_offices_articles_and_quotations(corpus: str) -> None:
    result = invoke("actor", "angela merkel", "--db", corpus)
    assert result.exit_code == 0, result.output
    assert "office: Chancellor of Germany, 2005-11-22 – 2021-12-08" in result.output
    assert "Europe needs France" in result.output
    detail = json.loads(invoke("actor", "Anwar Sadat", "--db", corpus, "--format", "json").output)
    assert len(detail) == 1 and len(detail[0]["articles"]) == 2
    said = [q["text"] for q in detail[0]["quotes"] if q["relation"] == "by"]
    assert "“We come in peace.”" in said and "“This is a great day,”" in said
    missing = invoke("actor", "Nobody Atall", "--db", corpus)
    assert missing.exit_code == 3 and "no actor is called" in missing.stderr


def test_cli_quotes_by_speaker_go_through_the_actor(corpus: str) -> None:
    rows = json.loads(
        invoke("quotes", "--speaker", "Anwar Sadat", "--db", corpus, "--format", "json").output
    )
    assert "“This is a great day,”" in [r["text"] for r in rows]  # said by "el-Sadat"


def test_cli_gazetteer_import_csv_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(
        "qid,name,aliases,type,country\n"
        "Q123456789,Ana Lima,A. Lima|Anita Lima,person,Brazil\n"
        "X1,Bad Id,,person,br\n"
        "Q567,Angela Merkel,Mutti,person,de\n"
        ",Acme Corp,Acme,organisation,us\n",
        encoding="utf-8",
    )
    folder = tmp_path / "gaz"
    result = invoke("gazetteer", "import", str(source), "--into", str(folder))
    assert result.exit_code == 1, result.output
    assert "people.csv:line 3" in result.stderr and "'X1'" in result.stderr
    assert "imported 3 entries" in result.output
    gazetteer = load_gazetteer(folder)
    lima = gazetteer.lookup("Anita Lima")
    assert [(e.id, e.country, e.type) for e in lima] == [("Q123456789", "br", "person")]
    merkel = gazetteer.get("angela-merkel")
    assert merkel is not None and "Mutti" in merkel.aliases  # joins the known entry
    assert [e.id for e in gazetteer.lookup("acme")] == ["acme-corp"]


def test_cli_gazetteer_import_wikidata_dump_with_offices(tmp_path: Path) -> None:
    def item(qid: str, label: str, claims: dict[str, object]) -> str:
        body = {
            "id": qid,
            "type": "item",
            "labels": {"en": {"language": "en", "value": label}},
            "aliases": {"en": [{"language": "en", "value": label.upper()}]},
            "claims": claims,
        }
        return json.dumps(body) + ",\n"  # fmt: skip

    def ref(prop: str, qid: str, **qualifiers: str) -> dict[str, object]:
        claim: dict[str, object] = {
            "mainsnak": {"property": prop, "datavalue": {"value": {"id": qid}}}
        }
        if qualifiers:
            claim["qualifiers"] = {
                p: [{"datavalue": {"value": {"time": f"+{t}T00:00:00Z"}}}]
                for p, t in qualifiers.items()
            }
        return claim

    dump = tmp_path / "latest-all.json"
    dump.write_text(
        "[\n"
        + item("Q900001", "Mayor of Testville", {})
        + item("Q900002", "Jo Doe", {"P31": [ref("P31", "Q5")], "P27": [ref("P27", "Q43")],
               "P39": [ref("P39", "Q900001", P580="2019-06-01", P582="2023-05-31")]})
        + "{not json\n"
        + item("Q900003", "Testville Party", {"P31": [ref("P31", "Q7278")]}).rstrip(",\n")
        + "\n]\n",
        encoding="utf-8",
    )  # fmt: skip
    folder = tmp_path / "gaz"
    result = invoke("gazetteer", "import", str(dump), "--into", str(folder))
    assert result.exit_code == 1 and "latest-all.json:line 4" in result.stderr
    assert "1 office terms" in result.output
    gazetteer = load_gazetteer(folder)
    doe = gazetteer.get("Q900002")
    assert doe is not None and (doe.type, doe.country) == ("person", "tr")
    assert [(o.office, o.titles, str(o.start)) for o in doe.offices] == [
        ("Mayor of Testville", ("mayor",), "2019-06-01")
    ]
    party = gazetteer.get("Q900003")
    assert party is not None and party.type == "organisation"

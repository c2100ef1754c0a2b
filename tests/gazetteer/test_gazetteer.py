"""The gazetteer: loading, normalised lookup, demonyms, offices at a date, bad files."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.errors import MalformedInputError
from storyline.gazetteer import (
    Gazetteer,
    load_gazetteer,
    normalize,
    one_edit,
    people_entries,
    plain_entries,
)

PEOPLE = (
    "id\tname\taliases\twikidata\tcountry\toffice\trole\ttitle\tstart\tend\n"
    "ana-lima\tAna Lima\tA. Lima\t\txx\tPresident of X\thead_of_state\tpresident\t2001-01-01"
    "\t2004-12-31\n"
    "ana-lima\tAna Lima\t\t\txx\tForeign Minister of X\tforeign_minister\tforeign minister"
    "\t1998-01-01\t2000-12-31\n"
    "bo-ek\tBo Ek\t\tQ1\txx\tPresident of X\thead_of_state\tpresident\t2005-01-01\t\n"
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Erdoğan", "erdogan"),
        ("the U.S.", "us"),
        ("al-Assad", "al assad"),
        ("Politico’s", "politicos"),
    ],
)
def test_normalize_ignores_case_diacritics_punctuation_and_the(name: str, key: str) -> None:
    assert normalize(name) == key


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("erdgoan", "erdogan", True), ("zelensky", "zelenskyy", True), ("obama", "osama", True),
     ("trump", "trump", False), ("bush", "busk", False), ("merkel", "markus", False)],
)  # fmt: skip
def test_one_edit_is_one_typo_on_words_of_five_letters_or_more(
    a: str, b: str, expected: bool
) -> None:
    assert one_edit(a, b) is expected


def test_one_edit_without_substitution_keeps_obama_and_osama_apart() -> None:
    assert not one_edit("obama", "osama", substitution=False)
    assert one_edit("erdgoan", "erdogan", substitution=False)


def test_people_rows_of_one_id_merge_into_one_entry_with_every_office() -> None:
    gazetteer = Gazetteer(people_entries(PEOPLE, "people.tsv"))
    lima = gazetteer.get("ana-lima")
    assert lima is not None and len(lima.offices) == 2 and lima.aliases == ["A. Lima"]
    assert [e.id for e in gazetteer.lookup("a lima")] == ["ana-lima"]


def test_holders_are_found_by_title_country_and_date() -> None:
    gazetteer = Gazetteer(people_entries(PEOPLE, "people.tsv"))
    on = dt.date(2003, 6, 1)
    assert [e.id for e in gazetteer.holders("president", "xx", on)] == ["ana-lima"]
    assert [e.id for e in gazetteer.holders("President", "xx", dt.date(2010, 1, 1))] == ["bo-ek"]
    assert [e.id for e in gazetteer.holders("president", "xx", None)] == ["bo-ek"]  # in office
    assert gazetteer.holders("president", "yy", on) == []


def test_a_bad_date_names_the_file_and_line() -> None:
    bad = PEOPLE.replace("2005-01-01", "2005-13-01")
    with pytest.raises(MalformedInputError, match=r"people.tsv:line 4.*2005-13-01"):
        list(people_entries(bad, "people.tsv"))


def test_a_short_row_and_an_unknown_type_are_errors_with_their_line() -> None:
    header = "id\tname\taliases\twikidata\ttype\tcountry\tsector\n"
    with pytest.raises(MalformedInputError, match="orgs.tsv:line 2"):
        list(plain_entries(header + "x\tX\n", "orgs.tsv"))
    with pytest.raises(MalformedInputError, match="line 2.*'planet'"):
        list(plain_entries(header + "x\tX\t\t\tplanet\t\t\n", "orgs.tsv"))


def test_builtin_gazetteer_has_countries_with_wikidata_and_demonyms() -> None:
    gazetteer = load_gazetteer()
    turkey = gazetteer.country("tr")
    assert turkey is not None and turkey.name == "Turkey" and turkey.wikidata == "Q43"
    assert gazetteer.demonym("Turkish") is turkey and gazetteer.capital("Ankara") is turkey
    assert gazetteer.lookup("Türkiye") == [turkey]
    us = gazetteer.country("us")
    assert us is not None and gazetteer.lookup("U.S.") == [us]


def test_builtin_gazetteer_knows_office_holders_at_a_date() -> None:
    gazetteer = load_gazetteer()
    chancellors = gazetteer.holders("chancellor", "de", dt.date(2010, 1, 1))
    assert [e.name for e in chancellors] == ["Angela Merkel"]
    presidents = gazetteer.holders("president", "us", dt.date(2012, 1, 1))
    assert [e.name for e in presidents] == ["Barack Obama"]


def test_user_folder_adds_entries(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "mine.tsv").write_text(
        "id\tname\taliases\twikidata\ttype\tcountry\tsector\n"
        "acme\tAcme Corp\tAcme\tQ999999\torganisation\tus\tbusiness\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(folder)
    assert [e.id for e in gazetteer.lookup("ACME")] == ["acme"]
    assert gazetteer.by_wikidata("Q999999") is gazetteer.get("acme")

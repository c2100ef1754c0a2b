"""``storyline gazetteer import``: extend the gazetteer from Wikidata or a CSV.

Two inputs:

- a **Wikidata JSON dump** (the public format: one entity per line inside a JSON array,
  lines ending in a comma; ``.json``, ``.json.gz`` or ``.json.bz2``), or any file with one
  entity object per line. The English label and aliases become the name and aliases;
  "instance of" (P31) gives the type; citizenship (P27) or country (P17) the country; and
  "position held" (P39) with its start (P580) and end (P582) the offices, named by the
  position's label when the position is in the same file.
- a **CSV** with the columns ``qid,name,aliases,type,country`` (aliases ``|``-separated;
  country an ISO code or a country name).

The entries are written to the user's gazetteer folder as ``NAME.tsv`` (and
``NAME-people.tsv`` for office terms), in the formats of docs/gazetteer.md. An entry whose
Wikidata id the gazetteer already has keeps that entry's id, so its names and offices join
it. A bad line or record is reported with its file and line, and the import goes on.
"""

from __future__ import annotations

import bz2
import csv
import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from storyline.errors import InputError, MalformedInputError
from storyline.gazetteer import (
    ACTOR_TYPES,
    ENTRY_COLUMNS,
    PEOPLE_COLUMNS,
    Entry,
    Gazetteer,
    Office,
    normalize,
)

CSV_COLUMNS = ("qid", "name", "aliases", "type", "country")
QID = re.compile(r"^Q[1-9][0-9]*$")
# Wikidata classes (P31 values) and the actor type they mean.
TYPE_OF_CLASS = {
    "Q5": "person",
    "Q6256": "country",
    "Q3624078": "country",  # sovereign state
    "Q7278": "organisation",  # political party
    "Q43229": "organisation",
    "Q4830453": "organisation",  # business
    "Q484652": "organisation",  # international organisation
    "Q11032": "organisation",  # newspaper
}  # any other class: organisation
_WIKIDATA_TIME = re.compile(r"^[+]?(\d{4})-(\d{2})-(\d{2})")


@dataclass
class ImportReport:
    """What an import read and wrote."""

    entries: int = 0
    offices: int = 0
    errors: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8", newline="")


def _country_code(value: str, gazetteer: Gazetteer) -> str | None:
    """A country code from an ISO code, a Wikidata id or a country name."""
    value = value.strip()
    if not value:
        return None
    if QID.match(value):
        entry = gazetteer.by_wikidata(value)
    elif len(value) == 2 and gazetteer.country(value) is not None:
        return value.lower()
    else:
        entry = next((e for e in gazetteer.lookup(value) if e.type == "country"), None)
    return entry.country if entry is not None and entry.type == "country" else None


# ------------------------------------------------------------------------------ CSV


def read_csv(path: Path, gazetteer: Gazetteer) -> Iterator[Entry | InputError]:
    """The entries of a ``qid,name,aliases,type,country`` CSV, or an error per bad row."""
    with _open(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            yield MalformedInputError(str(path), f"missing column(s) {', '.join(missing)}")
            return
        for number, row in enumerate(reader, start=2):
            where = f"line {number}"
            qid, name = (row.get("qid") or "").strip(), (row.get("name") or "").strip()
            kind = (row.get("type") or "").strip().lower() or "organisation"
            if None in row.values() or not name:
                yield MalformedInputError(str(path), "expected a name in 5 columns", where)
            elif qid and not QID.match(qid):
                yield MalformedInputError(str(path), f"{qid!r} is not a Wikidata id", where)
            elif kind not in ACTOR_TYPES:
                allowed = ", ".join(ACTOR_TYPES)
                yield MalformedInputError(
                    str(path), f"type {kind!r} is not one of {allowed}", where
                )
            else:
                country = _country_code(row.get("country") or "", gazetteer)
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                yield Entry(qid or _slug(name), name, kind, aliases, country, wikidata=qid or None)


def _slug(name: str) -> str:
    return normalize(name).replace(" ", "-") or "entry"


# ------------------------------------------------------------------------------ Wikidata


def _label(values: dict[str, Any]) -> str | None:
    """The English label (or, lacking one, any) of a labels object."""
    if "en" in values:
        return str(values["en"]["value"])
    return next((str(v["value"]) for v in values.values()), None)


def _claim_ids(entity: dict[str, Any], prop: str) -> list[str]:
    found = []
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            found.append(str(value["id"]))
    return found


def _qualifier_date(claim: dict[str, Any], prop: str) -> dt.date | None:
    for snak in claim.get("qualifiers", {}).get(prop, []):
        value = snak.get("datavalue", {}).get("value", {})
        match = _WIKIDATA_TIME.match(str(value.get("time", "")))
        if match:
            year, month, day = (int(x) for x in match.groups())
            return dt.date(year, max(month, 1), max(day, 1))
    return None


def _entities(path: Path) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """The entity objects of a dump, one per line, each with its line number."""
    with _open(path) as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            try:
                entity = json.loads(line)
            except json.JSONDecodeError as exc:
                yield (
                    number,
                    MalformedInputError(str(path), f"not JSON: {exc.msg}", f"line {number}"),
                )
                continue
            if not isinstance(entity, dict) or not QID.match(str(entity.get("id", ""))):
                yield (
                    number,
                    MalformedInputError(str(path), "not a Wikidata item", f"line {number}"),
                )
                continue
            yield number, entity


def read_wikidata(path: Path, gazetteer: Gazetteer) -> Iterator[Entry | InputError]:
    """The entries of a Wikidata JSON dump (two passes: positions are named from the file)."""
    labels: dict[str, str] = {}
    for _, item in _entities(path):
        if isinstance(item, dict) and (label := _label(item.get("labels", {}))):
            labels[item["id"]] = label
    for number, item in _entities(path):
        if not isinstance(item, dict):
            yield item
            continue
        name = labels.get(item["id"])
        if name is None:
            yield MalformedInputError(str(path), f"{item['id']} has no label", f"line {number}")
            continue
        classes = _claim_ids(item, "P31")
        kind = next((TYPE_OF_CLASS[c] for c in classes if c in TYPE_OF_CLASS), "organisation")
        places = _claim_ids(item, "P27") or _claim_ids(item, "P17")
        country = next((c for c in (_country_code(p, gazetteer) for p in places) if c), None)
        aliases = [str(a["value"]) for a in item.get("aliases", {}).get("en", [])]
        entry = Entry(item["id"], name, kind, aliases, country, wikidata=item["id"])
        for claim in item.get("claims", {}).get("P39", []):
            position = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
            office = labels.get(str(position.get("id", "")), str(position.get("id", "")))
            title = normalize(office.split(" of ")[0]) if office else ""
            entry.offices.append(
                Office(office, "office", (title,) if title else (), country,
                       _qualifier_date(claim, "P580"), _qualifier_date(claim, "P582"))
            )  # fmt: skip
        yield entry


# ------------------------------------------------------------------------------ writing


def _joined(values: Iterable[str]) -> str:
    return "|".join(v.replace("\t", " ").replace("|", "/") for v in values)


def write_entries(entries: list[Entry], folder: Path, stem: str) -> list[Path]:
    """Write entries (and their offices) to the user's gazetteer folder."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / f"{stem}.tsv"
    people = folder / f"{stem}-people.tsv"
    with plain.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(ENTRY_COLUMNS) + "\n")
        for e in entries:
            fields = (e.id, e.name, _joined(e.aliases), e.wikidata or "", e.type, e.country or "",
                      e.sector or "")  # fmt: skip
            handle.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")
    written = [plain]
    terms = [(e, o) for e in entries for o in e.offices]
    if terms:
        with people.open("w", encoding="utf-8", newline="") as handle:
            handle.write("\t".join(PEOPLE_COLUMNS) + "\n")
            for e, o in terms:
                term = (
                    e.id, e.name, _joined(e.aliases), e.wikidata or "", o.country or "",
                    o.office, o.role, _joined(o.titles), o.start.isoformat() if o.start else "",
                    o.end.isoformat() if o.end else "",
                )  # fmt: skip
                handle.write("\t".join(f.replace("\t", " ") for f in term) + "\n")
        written.append(people)
    return written


def import_file(path: Path, folder: Path, gazetteer: Gazetteer, kind: str = "auto") -> ImportReport:
    """Import a Wikidata dump or a CSV into the user's gazetteer folder."""
    report = ImportReport()
    if kind == "auto":
        kind = "csv" if ".csv" in path.suffixes else "wikidata"
    reader = read_csv if kind == "csv" else read_wikidata
    entries: list[Entry] = []
    for item in reader(path, gazetteer):
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        known = gazetteer.by_wikidata(item.wikidata) if item.wikidata else None
        if known is not None:
            item.id = known.id  # its names and offices join the known entry
        entries.append(item)
    report.entries = len(entries)
    report.offices = sum(len(e.offices) for e in entries)
    if entries:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.name.split(".")[0]) or "imported"
        report.written = write_entries(entries, folder, stem)
    return report

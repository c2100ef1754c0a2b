"""The gazetteer: known actors (countries, office holders, organisations, outlets) by name.

Sources, merged in this order (a later file may add aliases and offices to an id it shares):

- countries and territories from the ``rigour`` package (names and Wikidata ids), with the
  team's table ``data/countries.tsv`` (extra names, demonyms, capitals);
- ``data/people/*.tsv``: heads of state and government and ministers, one row per term in
  an office (see docs/gazetteer.md for the columns);
- ``data/organisations.tsv``: international organisations, armed groups, state bodies,
  news outlets and platforms;
- the user's files in the gazetteer folder (``STORYLINE_GAZETTEER``), written by
  ``storyline gazetteer import``, in the organisations format.

Names are matched after :func:`normalize` (case, diacritics, punctuation and a leading
"the" do not matter), so "Erdogan", "Erdoğan" and "ERDOGAN" are one key.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from storyline.errors import MalformedInputError

ACTOR_TYPES = ("person", "organisation", "country", "group")
COUNTRY_PREFIX = "country:"
PEOPLE_COLUMNS = (
    "id", "name", "aliases", "wikidata", "country", "office", "role", "title", "start", "end",
)  # fmt: skip
ENTRY_COLUMNS = ("id", "name", "aliases", "wikidata", "type", "country", "sector")
# Particles that belong to a surname: "el-Sadat", "al-Assad", "de Gaulle", "von der Leyen".
PARTICLES = frozenset(
    ("al", "el", "ad", "ash", "as", "at", "ibn", "bin", "bint", "abu", "de", "del", "della",
     "di", "da", "du", "le", "la", "van", "von", "der", "den")
)  # fmt: skip
# Honorifics that are not part of a name: "Mr. Lee Hsien Loong" is "Lee Hsien Loong".
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx"])
_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """The matching key of a name: no diacritics, case, punctuation or leading "the"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    # "U.S." and "US" are one key; other punctuation separates words ("al-Assad")
    bare = re.sub(r"(?<=\b\w)\.(?=\w\b|\s|$)", "", bare.replace("’", "'"))
    key = _SPACES.sub(" ", _PUNCTUATION.sub(" ", bare.replace("'", ""))).strip().casefold()
    return key[4:] if key.startswith("the ") else key


@functools.lru_cache(maxsize=200_000)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name after :func:`normalize`, without honorifics."""
    return tuple(w for w in normalize(name).split() if w not in HONORIFICS)


def one_edit(a: str, b: str, *, substitution: bool = True) -> bool:
    """Whether two words differ by one typo: a letter added, dropped, changed (unless
    ``substitution`` is false: "Obama" / "Osama"), or two neighbours swapped ("Erdgoan" /
    "Erdogan"). Words under five letters never do."""
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return substitution
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


@dataclass(frozen=True)
class Office:
    """One term of one person in one office."""

    office: str  # "President of Turkey"
    role: str  # head_of_state | head_of_government | foreign_minister | defence_minister ...
    titles: tuple[str, ...]  # words used for it in news: "president", "prime minister"
    country: str | None  # rigour / ISO 3166-1 alpha-2 code, lower case; "eu" for the EU
    start: dt.date | None
    end: dt.date | None  # None: still in office

    def held_on(self, day: dt.date | None) -> bool:
        """Whether the term covers ``day`` (no day: whether it is the current term)."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Entry:
    """One known actor."""

    id: str
    name: str
    type: str  # person | organisation | country | group
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    offices: list[Office] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The name and every alias."""
        return [self.name, *self.aliases]


class Gazetteer:
    """Entries by id, by normalised name, by demonym and by office title."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self._names: dict[str, list[str]] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._by_wikidata: dict[str, str] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Add an entry, or merge it into the entry with the same id."""
        known = self.entries.get(entry.id)
        if known is None:
            self.entries[entry.id] = known = entry
        else:
            known.aliases.extend(a for a in entry.names if a not in known.names)
            known.offices.extend(o for o in entry.offices if o not in known.offices)
            known.demonyms.extend(d for d in entry.demonyms if d not in known.demonyms)
            known.capitals.extend(c for c in entry.capitals if c not in known.capitals)
            known.wikidata = known.wikidata or entry.wikidata
            known.country = known.country or entry.country
            known.sector = known.sector or entry.sector
        for name in known.names:
            ids = self._names.setdefault(normalize(name), [])
            if known.id not in ids:
                ids.append(known.id)
        for word in known.demonyms:
            self._demonyms.setdefault(normalize(word), known.id)
        for city in known.capitals:
            self._capitals.setdefault(normalize(city), known.id)
        if known.wikidata:
            self._by_wikidata.setdefault(known.wikidata, known.id)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, ident: str) -> Entry | None:
        """The entry with this id."""
        return self.entries.get(ident)

    def lookup(self, name: str) -> list[Entry]:
        """Every entry one of whose names is ``name`` (after :func:`normalize`)."""
        return [self.entries[i] for i in self._names.get(normalize(name), ())]

    def by_wikidata(self, qid: str) -> Entry | None:
        """The entry with this Wikidata id."""
        ident = self._by_wikidata.get(qid)
        return self.entries[ident] if ident else None

    def demonym(self, word: str) -> Entry | None:
        """The country a demonym or nationality adjective names ("Turkish" → Turkey)."""
        ident = self._demonyms.get(normalize(word))
        return self.entries[ident] if ident else None

    def capital(self, city: str) -> Entry | None:
        """The country whose capital ``city`` is ("Ankara" → Turkey)."""
        ident = self._capitals.get(normalize(city))
        return self.entries[ident] if ident else None

    def country(self, code: str) -> Entry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self.entries.get(COUNTRY_PREFIX + code.lower())

    def names(self) -> Iterator[tuple[str, Entry]]:
        """Every (name, entry) pair: names and aliases."""
        for entry in self.entries.values():
            for name in entry.names:
                yield name, entry

    def holders(
        self,
        title: str,
        country: str | None,
        day: dt.date | None,
        roles: Collection[str] | None = None,
    ) -> list[Entry]:
        """Who held an office with this title ("prime minister") in ``country`` on ``day``
        (and, given ``roles``, one of those roles), in the gazetteer's order."""
        found: list[Entry] = []
        for entry, office in self._offices_by_title.get(normalize(title), ()):
            if (
                (country is None or office.country == country)
                and (roles is None or office.role in roles)
                and office.held_on(day)
                and (not found or found[-1] is not entry)
            ):
                found.append(entry)
        return found

    def offices_in(self, country: str) -> list[tuple[Entry, Office]]:
        """Every office term in a country, with its holder, in the gazetteer's order."""
        return self._offices_by_country.get(country, [])

    @functools.cached_property
    def _offices_by_title(self) -> dict[str, list[tuple[Entry, Office]]]:
        index: dict[str, list[tuple[Entry, Office]]] = {}
        for entry in self.entries.values():
            for office in entry.offices:
                for title in dict.fromkeys(office.titles):
                    index.setdefault(title, []).append((entry, office))
        return index

    @functools.cached_property
    def _offices_by_country(self) -> dict[str, list[tuple[Entry, Office]]]:
        index: dict[str, list[tuple[Entry, Office]]] = {}
        for entry in self.entries.values():
            for office in entry.offices:
                if office.country:
                    index.setdefault(office.country, []).append((entry, office))
        return index

    @functools.cached_property
    def titles(self) -> frozenset[str]:
        """Every normalised office title ("prime minister", "chancellor")."""
        return frozenset(self._offices_by_title)

    @functools.cached_property
    def titles_of(self) -> frozenset[str]:
        """The titles with an "of" ("secretary of state"), whose last word is no name."""
        return frozenset(t for t in self.titles if " of " in t)


# ------------------------------------------------------------------------------ loading


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@dataclass(frozen=True)
class _Where:
    source: str
    line: int

    def error(self, message: str) -> MalformedInputError:
        return MalformedInputError(self.source, message, f"line {self.line}")


def _date(value: str | None, where: _Where) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise where.error(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _rows(
    text: str, source: str, columns: tuple[str, ...], key: str = "id"
) -> Iterator[tuple[_Where, dict[str, str]]]:
    """The rows of a tab-separated table with a header, each with where it is."""
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise MalformedInputError(source, f"missing column(s) {', '.join(missing)}", "line 1")
    for number, row in enumerate(reader, start=2):
        where = _Where(source, number)
        if None in row or None in row.values() or not (row.get(key) or "").strip():
            width = len(reader.fieldnames or [])
            raise where.error(f"expected {width} tab-separated fields, the {key} not empty")
        yield where, {k: (v or "").strip() for k, v in row.items()}


def people_entries(text: str, source: str) -> Iterator[Entry]:
    """Entries from a table of office terms (one row per person and term)."""
    for where, row in _rows(text, source, PEOPLE_COLUMNS):
        country = row["country"].lower() or None
        office = Office(
            office=row["office"],
            role=row["role"],
            titles=tuple(normalize(t) for t in _split(row["title"])),
            country=country,
            start=_date(row["start"], where),
            end=_date(row["end"], where),
        )
        yield Entry(
            id=row["id"],
            name=row["name"],
            type="person",
            aliases=_split(row["aliases"]),
            country=country,
            sector="government",
            wikidata=row["wikidata"] or None,
            offices=[office] if row["office"] else [],
        )


def plain_entries(text: str, source: str) -> Iterator[Entry]:
    """Entries from a table in the organisations format (also the user's imported files)."""
    for where, row in _rows(text, source, ENTRY_COLUMNS):
        kind = row["type"] or "organisation"
        if kind not in ACTOR_TYPES:
            raise where.error(f"type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
        yield Entry(
            id=row["id"],
            name=row["name"],
            type=kind,
            aliases=_split(row["aliases"]),
            country=row["country"].lower() or None,
            sector=row["sector"] or None,
            wikidata=row["wikidata"] or None,
        )


def country_entries(table: str) -> Iterator[Entry]:
    """Every current country from ``rigour``, with the team's names, demonyms and capitals."""
    from rigour.territories import get_territories

    extra = {}
    columns = ("code", "aliases", "demonyms", "capital")
    for _, row in _rows(table, "countries.tsv", columns, key="code"):
        extra[row["code"]] = row
    for territory in get_territories():
        if not territory.is_country or territory.is_historical:
            continue
        row = extra.get(territory.code, {})
        team = _split(row.get("aliases"))
        name = team[0] if team else territory.name  # the usual English name ("Turkey")
        names = [territory.name, territory.full_name, *team]
        yield Entry(
            id=COUNTRY_PREFIX + territory.code,
            name=name,
            type="country",
            aliases=[n for n in dict.fromkeys(names) if n != name],
            country=territory.code,
            sector="government",
            wikidata=territory.qid if territory.qid.startswith("Q") else None,
            demonyms=_split(row.get("demonyms")),
            capitals=_split(row.get("capital")),
        )


def _packaged(path: str) -> str:
    return resources.files("storyline.gazetteer").joinpath("data", path).read_text("utf-8")


def builtin_entries() -> Iterator[Entry]:
    """The entries shipped with storyline."""
    yield from country_entries(_packaged("countries.tsv"))
    people = resources.files("storyline.gazetteer").joinpath("data", "people")
    for item in sorted(people.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".tsv"):
            yield from people_entries(item.read_text("utf-8"), f"people/{item.name}")
    yield from plain_entries(_packaged("organisations.tsv"), "organisations.tsv")


def user_entries(folder: Path | None) -> Iterator[Entry]:
    """The entries of the user's gazetteer folder: ``*.tsv`` files in the organisations
    format, or in the people format (a header with an ``office`` column)."""
    if folder is None or not folder.is_dir():
        return
    for path in sorted(folder.glob("*.tsv")):
        text = path.read_text("utf-8")
        header = text.partition("\n")[0].split("\t")
        reader = people_entries if "office" in header else plain_entries
        yield from reader(text, str(path))


@functools.cache
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """The built-in gazetteer plus the user's folder (loaded once per folder)."""
    return Gazetteer([*builtin_entries(), *user_entries(folder)])

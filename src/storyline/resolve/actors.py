"""Cross-document actors: every document entity gets one corpus-wide actor id.

An entity linked to the gazetteer is the gazetteer's actor (its id is the actor id). Any
other entity is compared only with the actors that share a blocking key with it:

- its normalised name and aliases ("erdogan");
- the phonetic key of a person's surname after transliteration folding (q→k, dh→d, kh→k,
  double letters), so Gaddafi / Qaddafi / Kadhafi / Gadhafi share a block, and so do
  Zelensky / Zelenskyy and the typo Erdgoan / Erdogan;
- an organisation's initials (AMLO, NATO) and the acronym itself.

A candidate is the same actor when the types agree and the names do: the same normalised
name or alias; for people, the same surname (or one typo apart) and compatible given names
("Donald Trump" / "Donald J. Trump" / "D. Trump"), or a surname alone that only one known
person carries (the one most often named alongside the article's other actors when
several do); for organisations, an acronym and its expansion. Two actors linked to
different gazetteer entries never merge. Nothing is compared with everything: the work per
entity is the size of its blocks, so a million mentions stay far from a million squared.

Resolution is incremental (:class:`ActorIndex` takes one document at a time) and ids are
stable: an actor keeps the id it was given first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rigour.text.phonetics import metaphone

from storyline.gazetteer import (
    PARTICLES,
    Gazetteer,
    load_gazetteer,
    name_words,
    normalize,
    one_edit,
)
from storyline.model import Document, Entity
from storyline.nlp.words import word_set

# Entity types that are actors; products, works, laws and events are not resolved.
ACTOR_TYPES = frozenset(["person", "organisation", "country", "group", "place", "product"])
# First words that say nothing about which organisation it is ("National", "United").
GENERIC_FIRST = word_set(
    """the national united american international new general first royal federal state
    european world global central great north south east west"""
)
# A model designation in a product's name: "A380", "787", "737-800", "F-150".
MODEL_WORD = re.compile(r"^(?:[a-z]{0,3}\d{2,4}[a-z0-9]*)$")
ALIASES_COMPARED = 30  # an actor's most used names that a candidate name is compared with
# Candidates compared per entity: the most written about of those sharing a blocking key
# (a block as large as "every actor whose name starts with Airbus" stays bounded).
MAX_CANDIDATES = 50
_FAMILY = {"country": "place", "place": "place"}
_FOLD = [("dh", "d"), ("kh", "k"), ("q", "k"), ("ph", "f"), ("w", "v"), ("y", "i"), ("j", "i")]
_DOUBLES = re.compile(r"(.)\1+")
_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """A word with transliteration variants folded ("Qaddafi" and "Gadhafi": "gadafi")."""
    word = normalize(word).replace(" ", "")
    for old, new in _FOLD:
        word = word.replace(old, new)
    word = _DOUBLES.sub(r"\1", word)
    return word


def phonetic(word: str) -> str:
    """The phonetic key of a folded word."""
    return metaphone(fold(word)) or fold(word)


def slug(name: str) -> str:
    """An id-friendly form of a name ("Recep Tayyip Erdoğan" → "recep-tayyip-erdogan")."""
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", bare.lower()).strip("-") or "actor"


def _words(name: str) -> list[str]:
    return list(name_words(name))


def _lone(name: str) -> bool:
    """Whether a person's name is a surname alone ("Sadat", "el-Sadat")."""
    return len([w for w in _words(name) if w not in PARTICLES]) == 1


def _initials(name: str) -> str:
    skip = {"of", "the", "and", "for", "on", "in"}
    return "".join(w[0] for w in _words(name) if w not in skip)


@dataclass
class Actor:
    """One real-world actor across the corpus."""

    id: str
    name: str
    type: str
    aliases: Counter[str] = field(default_factory=Counter)  # every name, how often given
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    gazetteer: str | None = None
    articles: int = 0
    mentions: int = 0
    company: Counter[str] = field(default_factory=Counter)  # actors named alongside it

    @property
    def family(self) -> str:
        """Types that can be one actor: a country is a place."""
        return _FAMILY.get(self.type, self.type)


class ActorStore(Protocol):
    """Where actors live between documents: a narrow interface with two implementations,
    :class:`MemoryActors` and the SQL store's (:class:`storyline.store.actors.SqlActors`)."""

    def candidates(self, keys: Collection[str]) -> list[Actor]:
        """The actors that have any of these blocking keys."""
        ...

    def get(self, ident: str) -> Actor | None:
        """The actor with this id."""
        ...

    def get_many(self, idents: Collection[str]) -> dict[str, Actor]:
        """The actors with these ids (those that exist)."""
        ...

    def put(self, actor: Actor, keys: Collection[str]) -> None:
        """Save an actor (new or changed) and its new blocking keys."""
        ...


class MemoryActors:
    """Actors in memory: for benchmarks, tests and one-off runs."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.blocks: dict[str, set[str]] = {}

    def candidates(self, keys: Collection[str]) -> list[Actor]:
        """The actors that have any of these blocking keys."""
        ids: set[str] = set()
        for key in keys:
            ids.update(self.blocks.get(key, ()))
        return [self.actors[i] for i in sorted(ids)]

    def get(self, ident: str) -> Actor | None:
        """The actor with this id."""
        return self.actors.get(ident)

    def get_many(self, idents: Collection[str]) -> dict[str, Actor]:
        """The actors with these ids (those that exist)."""
        return {i: self.actors[i] for i in idents if i in self.actors}

    def put(self, actor: Actor, keys: Collection[str]) -> None:
        """Save an actor and its new blocking keys."""
        self.actors[actor.id] = actor
        for key in keys:
            self.blocks.setdefault(key, set()).add(actor.id)


def _family(entity: Entity) -> str:
    return _FAMILY.get(entity.type, entity.type)


def _names(entity: Entity) -> list[str]:
    """An entity's names: its name and the names it is mentioned by. A person named in full
    is not also matched by the surname the article shortened it to ("Mary Trump", then
    "Trump", is not the known "Trump")."""
    full = entity.type == "person" and not _lone(entity.name)
    found = [entity.name]
    for mention in entity.mentions:
        if mention.kind == "name" and not (full and _lone(mention.text)):
            found.append(mention.text)
    return list(dict.fromkeys(n.strip() for n in found if n.strip()))


@functools.lru_cache(maxsize=200_000)
def _keys(name: str, kind: str) -> frozenset[str]:
    return frozenset(_compute_keys(name, kind))


def keys(name: str, kind: str) -> set[str]:
    """The blocking keys of one name."""
    return set(_keys(name, kind))


def _compute_keys(name: str, kind: str) -> set[str]:
    words = _words(name)
    if not words:
        return set()
    found = {f"n:{' '.join(words)}"}
    if kind == "person":
        found.add(f"p:{phonetic(words[-1])}")
    elif kind == "product":
        found.update(f"model:{m}" for m in _models(words))
    else:
        found.add(f"a:{_initials(name)}")
        if len(words) == 1:
            found.add(f"a:{words[0]}")
        found.add(f"m:{' '.join(phonetic(w) for w in words)}")
        if len(words[0]) >= 4 and words[0] not in GENERIC_FIRST:
            found.add(f"f:{words[0]}")  # "Lockheed" and "Lockheed Martin" meet here
    return found


def _models(words: list[str]) -> list[str]:
    """The model designations of a product name ("boeing 737s" → "737")."""
    found = []
    for word in words:
        bare = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if MODEL_WORD.match(bare) and any(c.isdigit() for c in bare):
            found.append(bare)
    return found


def same_product(name: str, other: str) -> bool:
    """Whether two product names are one model: "Airbus A380" / "A380s" / "the A380"."""
    a, b = _words(name), _words(other)
    models_a, models_b = _models(a), _models(b)
    if not models_a or models_a != models_b:
        return False
    makers_a, makers_b = {w for w in a if not _models([w])}, {w for w in b if not _models([w])}
    return not (makers_a and makers_b) or bool(makers_a & makers_b)


def short_form(name: str, known: str) -> bool:
    """Whether an organisation name is the first words of a known one ("Lockheed" for
    "Lockheed Martin", "China Eastern" for "China Eastern Airlines"; never the other way:
    "Congress of the Philippines" is not the known "Congress")."""
    short, long_ = _words(name), _words(known)
    return (
        0 < len(short) < len(long_)
        and long_[: len(short)] == short
        and len(short[0]) >= 4
        and short[0] not in GENERIC_FIRST
    )


def _given_names_agree(a: list[str], b: list[str]) -> bool:
    """ "donald" / "donald j", "d" / "donald", "vladimir" / "vladimir vladimirovich"."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    return (
        x == y
        or one_edit(x, y)
        or (len(x) == 1 and y.startswith(x))
        or (len(y) == 1 and x.startswith(y))
    )


def _surnames_agree(a: str, b: str) -> bool:
    """Equal after folding, or one typo apart that sounds the same ("Obama" is not "Osama")."""
    if a == b or fold(a) == fold(b):
        return True
    return one_edit(fold(a), fold(b)) and phonetic(a) == phonetic(b)


def same_person(name: str, other: str) -> bool:
    """Whether two full person names can be one person (variants, typos, initials)."""
    a, b = _words(name), _words(other)
    if len(a) < 2 or len(b) < 2:
        return False
    return _surnames_agree(a[-1], b[-1]) and _given_names_agree(a[:-1], b[:-1])


def same_organisation(name: str, known: str) -> bool:
    """Whether an organisation or place name is a known one's: a variant, a typo of a long
    name that sounds the same, or an acronym of the known name ("NATO"; a long name never
    joins a known acronym: "Alliance Party" is not "AP")."""
    a, b = " ".join(_words(name)), " ".join(_words(known))
    if not a or not b:
        return False
    if a == b or fold(a) == fold(b):
        return True
    if " " not in a and " " in b and a == _initials(known):
        return len(a) >= 2
    return len(a) >= 8 and one_edit(fold(a), fold(b)) and phonetic(a) == phonetic(b)


class ActorIndex:
    """Resolves one document at a time against the actors of a store."""

    def __init__(self, gazetteer: Gazetteer | None = None, store: ActorStore | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.store: ActorStore = store if store is not None else MemoryActors()
        self._touched: dict[str, Actor] = {}  # actors read or changed for this document
        self._new_keys: dict[str, set[str]] = {}
        self._pool: dict[str, list[Actor]] = {}  # stored actors by blocking key, per document
        self._known: dict[str, Actor] = {}  # stored gazetteer actors of the document
        self._taken: set[str] = set()

    def resolve(self, document: Document) -> dict[str, str]:
        """Each actor-like entity of a document → its actor id. Sets ``entity.actor`` and
        saves the new and changed actors to the store."""
        self._touched, self._new_keys = {}, {}
        self._prefetch([e for e in document.entities if e.type in ACTOR_TYPES])
        found: dict[str, str] = {}
        pending: list[Entity] = []
        for entity in document.entities:
            if entity.type not in ACTOR_TYPES:
                continue
            if entity.gazetteer:
                found[entity.id] = self._gazetteer_actor(entity).id
            else:
                pending.append(entity)
        context = set(found.values())
        # full names before lone surnames, so "Smith" can follow "John Smith" of this article
        pending.sort(key=lambda e: e.type == "person" and _lone(e.name))
        for entity in pending:
            actor = self._match(entity, context) or self._new(entity)
            found[entity.id] = actor.id
            context.add(actor.id)
        counted: set[str] = set()
        for entity in document.entities:
            ident = found.get(entity.id)
            if ident is not None:
                entity.actor = ident
                self._record(self._touched[ident], entity, ident not in counted, context)
                counted.add(ident)
        for ident in counted:
            self.store.put(self._touched[ident], sorted(self._new_keys.get(ident, ())))
        return found

    def _prefetch(self, entities: list[Entity]) -> None:
        """Read once every actor the document's entities may be: their gazetteer actors and
        the actors sharing a blocking key with them (two reads per document, not two per
        entity)."""
        wanted = {
            k for e in entities if not e.gazetteer for n in _names(e) for k in keys(n, e.type)
        }
        linked = {e.gazetteer for e in entities if e.gazetteer}
        self._pool = {}
        self._known = self.store.get_many(linked) if linked else {}
        # ids a new actor might be given that are already someone's ("jerusalem")
        self._taken = set(self.store.get_many({slug(e.name) for e in entities if not e.gazetteer}))
        for actor in self.store.candidates(wanted) if wanted else []:
            for name, _ in actor.aliases.most_common(ALIASES_COMPARED * 4):
                for key in keys(name, actor.type) & wanted:
                    pool = self._pool.setdefault(key, [])
                    if not pool or pool[-1] is not actor:
                        pool.append(actor)

    def _load(self, actors: Iterable[Actor]) -> list[Actor]:
        """Actors as this document sees them (with its own changes)."""
        return [self._touched.setdefault(a.id, a) for a in actors]

    def _gazetteer_actor(self, entity: Entity) -> Actor:
        ident = entity.gazetteer or ""
        if ident in self._touched:
            return self._touched[ident]
        stored = self._known.get(ident)
        if stored is not None:
            return self._load([stored])[0]
        entry = self.gazetteer.get(ident)
        actor = Actor(
            id=ident, name=entity.name, type=entity.type, country=entity.country,
            sector=entity.sector, wikidata=entity.wikidata, gazetteer=ident,
        )  # fmt: skip
        self._add(actor, [entity.name, *(entry.names if entry else [])])
        return actor

    def _candidates(self, entity: Entity) -> list[Actor]:
        wanted = {k for name in _names(entity) for k in keys(name, entity.type)}
        pooled = [a for k in sorted(wanted) for a in self._pool.get(k, ())]
        found = {a.id: a for a in self._load(pooled)}
        for ident, new in self._new_keys.items():  # actors this document made or renamed
            if new & wanted:
                found.setdefault(ident, self._touched[ident])
        family = _family(entity)
        fitting = [found[i] for i in sorted(found) if found[i].family == family]
        fitting.sort(key=lambda a: (-a.articles, a.id))
        return fitting[:MAX_CANDIDATES]

    def _match(self, entity: Entity, context: set[str]) -> Actor | None:
        names = _names(entity)
        candidates = self._candidates(entity)
        exact = {" ".join(_words(n)) for n in names}
        scored: list[tuple[float, Actor]] = []
        for actor in candidates:
            aliases = [a for a, _ in actor.aliases.most_common(ALIASES_COMPARED)]
            known = {" ".join(_words(a)) for a in aliases}
            lone = entity.type == "person" and _lone(entity.name)
            if lone:  # a surname alone is anyone's who carries it: the one fitting actor
                score = 0.5 if self._carries_surname(aliases, entity.name) else 0
            elif exact & known:
                score = 2.0
            elif entity.type == "person":
                score = 1.0 if any(same_person(n, a) for n in names for a in aliases) else 0
            elif entity.type == "product":
                score = 1.0 if any(same_product(n, a) for n in names for a in aliases) else 0
            elif any(same_organisation(n, a) for n in names for a in aliases):
                score = 1.0
            elif any(short_form(n, a) for n in names for a in aliases):
                score = 0.5  # like a surname alone: only when one actor fits
            else:
                score = 0
            if score:
                together = sum(actor.company[c] for c in context)
                scored.append((score + min(together, 10) / 100, actor))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], s[1].id))
        best, actor = scored[0]
        if best < 1.0:  # a surname or short form: one known bearer, or the one in company
            rivals = [s for s in scored if s[0] >= 0.5]
            if len(rivals) > 1 and rivals[1][0] == best:
                return None
        return actor

    @staticmethod
    def _carries_surname(aliases: list[str], surname: str) -> bool:
        word = _words(surname)[-1] if _words(surname) else ""
        return any(_words(a) and _surnames_agree(_words(a)[-1], word) for a in aliases)

    def _new(self, entity: Entity) -> Actor:
        base = slug(entity.name)
        ident, number = base, 1
        while (
            ident in self._touched
            or ident in self._taken
            or (number > 1 and self.store.get(ident) is not None)
        ):
            number += 1
            ident = f"{base}-{number}"
        actor = Actor(
            id=ident, name=entity.name, type=entity.type, country=entity.country,
            sector=entity.sector, wikidata=entity.wikidata,
        )  # fmt: skip
        self._add(actor, _names(entity))
        return actor

    def _add(self, actor: Actor, names: Iterable[str]) -> None:
        self._touched[actor.id] = actor
        self._alias(actor, names)

    def _alias(self, actor: Actor, names: Iterable[str]) -> None:
        new = self._new_keys.setdefault(actor.id, set())
        for name in names:
            if name not in actor.aliases:
                actor.aliases[name] += 0
                new.update(keys(name, actor.type))

    def _record(self, actor: Actor, entity: Entity, first: bool, context: set[str]) -> None:
        names = _names(entity)
        self._alias(actor, names)
        actor.aliases.update(names)
        if not actor.gazetteer and _better_name(entity.name, actor.name, entity.type):
            actor.name = entity.name
        actor.mentions += len(entity.mentions)
        actor.country = actor.country or entity.country
        actor.sector = actor.sector or entity.sector
        if first:
            actor.articles += 1
            actor.company.update(i for i in context if i != actor.id)


def _better_name(name: str, current: str, kind: str) -> bool:
    """Whether an actor is better called ``name``: "Washington" rather than a dateline's
    "WASHINGTON", and for a person the fuller name ("Donald J. Trump" after "Trump")."""
    if current.isupper() and not name.isupper():
        return True
    return kind == "person" and len(name) > len(current) and not name.isupper()


def resolve(
    documents: Sequence[Document], gazetteer: Gazetteer | None = None
) -> list[dict[str, str]]:
    """For each document, its entity ids → corpus-wide actor ids (documents in order)."""
    index = ActorIndex(gazetteer)
    return [index.resolve(d) for d in documents]

"""One entity per actor within an article: names, titles, descriptions, demonyms, pronouns.

- Names: a full name, its surname or first name alone ("Erdogan", "Hillary"), its
  gazetteer aliases ("AMLO") and an organisation's acronym ("NATO" after "North Atlantic
  Treaty Organization") are one entity.
- Titles: "President X", "Turkish President X", "X, the prime minister," record the title.
- Descriptions: "the Turkish leader", "the prime minister", "Israel's prime minister" are the
  person who had that title earlier in the article, else the gazetteer's holder of the
  office in that country on the article's date.
- Demonyms: "Turkish troops", "the Turks said" are the country, as an actor.
- Governments: "the Turkish government", "Turkey's government", "the government of Turkey",
  "the Erdogan government" are the country's government, an actor of its own.
- Pronouns and descriptions by type ("he", "its", "which", "the company", "the aircraft"):
  see :mod:`storyline.nlp.actors.anaphora`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.gazetteer import PARTICLES, Entry, Gazetteer, name_words, normalize, one_edit
from storyline.model import Entity, Mention
from storyline.nlp.actors import anaphora
from storyline.nlp.actors.gender import find_gender
from storyline.nlp.actors.repair import Link
from storyline.nlp.eventing.lexicon import PLOVER_TYPES, STATEMENT, default_lexicon
from storyline.nlp.words import word_set

# spaCy (OntoNotes) labels kept as entities, and the type each maps to. Dates, times,
# numbers and money belong to other stages (times) or are not entities.
ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "NORP": "group",
    "LOC": "place",
    "FAC": "facility",
    "PRODUCT": "product",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "law",
}
# Nouns a demonym makes the country act through ("Turkish troops", "Israeli officials").
ACTOR_NOUNS = word_set(
    """government governments officials official forces troops soldiers military army navy
    authorities diplomats diplomat ministry ministers negotiators delegation police
    intelligence leadership regime administration warplanes jets drones envoy ambassador
    embassy spokesman spokeswoman spokesperson leader head president premier minister
    chancellor king queen emir"""
)
# Nouns of what a state says or holds ("the Egyptian proposals", "the Turkish position");
# with the coded event nouns ("the Russian invasion", "Israeli airstrikes") a demonym in
# front of them is the country acting too.
STATE_ACT_NOUNS = word_set(
    """proposal demand position stance policy decision response plan offer statement claim
    bid initiative"""
)
# Event types whose noun a people does rather than its state ("Egyptian protests").
PEOPLES_ACTS = frozenset(["PROTEST"])
GOVERNMENT_NOUNS = frozenset(["government", "administration", "regime", "cabinet"])
# "the leader" of a country: these countries' presidents lead; elsewhere the head of
# government does (a monarch or a ceremonial president does not).
EXECUTIVE_PRESIDENCIES = word_set(
    "us fr ru tr br mx ar kr id za eg sy ua by ve cl co pe ng ke af ph kz uz az tn dz ye cy ps lb"
)
LEADER_ROLES = ("supreme_leader", "de_facto_leader", "head_of_state", "head_of_government")
# Offices a bare description ("the prime minister") may name from the gazetteer; other
# titles ("the general", "the speaker") only name someone the article gave that title.
OFFICE_ROLES = frozenset(
    ["head_of_state", "head_of_government", "foreign_minister", "defence_minister",
     "supreme_leader"]
)  # fmt: skip


@dataclass
class Cluster:
    """The mentions of one entity as they are gathered."""

    label: str
    name: str
    entry: Entry | None = None
    mentions: list[Mention] = field(default_factory=list)
    titles: set[tuple[str, str | None]] = field(default_factory=set)  # (title, country)
    subjects: list[int] = field(default_factory=list)  # token indices where it is a subject

    @property
    def words(self) -> list[str]:
        """The words of the name, lower case, without honorifics."""
        return list(name_words(self.name))


def _clean(span: Span) -> str:
    """An entity's words without a possessive ending ("Erdogan's", "Reuters'")."""
    return _without_possessive(span.text, ("'s", "’s", "'", "’")).strip()


class Builder:
    """Gathers one article's clusters."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, day: dt.date | None) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.gazetteer = gazetteer
        self.day = day
        self.clusters: list[Cluster] = []
        self.by_entry: dict[str, Cluster] = {}
        self.by_key: dict[tuple[str, str], Cluster] = {}
        self.covered: set[int] = set()  # token indices inside a mention
        self._genders: dict[int, str | None] = {}

    # -------------------------------------------------------------- clusters

    def cluster_for(self, label: str, name: str, entry: Entry | None) -> Cluster:
        """The cluster of a name (new when it is the first mention)."""
        if entry is not None and entry.id in self.by_entry:
            return self.by_entry[entry.id]
        key = (_family(label), normalize(name))
        if key in self.by_key:
            found = self.by_key[key]
            if entry is not None and found.entry is None:
                self._link(found, entry)
            return found
        cluster = Cluster(label, name, entry)
        self.clusters.append(cluster)
        self.by_key[key] = cluster
        if entry is not None:
            self._link(cluster, entry)
        return cluster

    def _link(self, cluster: Cluster, entry: Entry) -> None:
        cluster.entry = entry
        self.by_entry.setdefault(entry.id, cluster)

    def add(self, cluster: Cluster, start: int, end: int, kind: str = "name") -> None:
        """Add a mention (character offsets) to a cluster."""
        text = self.text[start:end]
        cluster.mentions.append(Mention(start, end, text, kind))
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            self.covered.update(range(span.start, span.end))
            if span.root.dep_ in ("nsubj", "nsubjpass"):
                cluster.subjects.append(span.root.i)

    # -------------------------------------------------------------- names

    def names(self, links: dict[int, Link]) -> None:
        """Every named entity into a cluster."""
        singles: list[tuple[Span, str]] = []
        for span in self.doc.ents:
            if span.label_ not in ENTITY_TYPES:
                continue
            link = links.get(span.start)
            name = _clean(span)
            if link is not None and link.demonym:
                self._demonym(span, link.entry)
                continue
            entry = link.entry if link is not None else self._known(span.label_, name)
            if span.label_ == "PERSON" and entry is None:
                words = list(name_words(name))
                surname = [w for w in words if w not in PARTICLES]
                if len(surname) == 1:  # "Sadat", "el-Sadat"
                    singles.append((span, surname[0]))
                    continue
                cluster = self._same_person(words) or self.cluster_for("PERSON", name, None)
            elif span.label_ == "ORG" and entry is None and _acronym(name):
                cluster = self._expansion(name) or self.cluster_for("ORG", name, None)
            elif span.label_ == "ORG" and entry is None:
                cluster = self._longer_org(name) or self.cluster_for("ORG", name, None)
            else:
                cluster = self.cluster_for(span.label_, name, entry)
            bare = _without_the(name)  # "the Mediterranean Wire Service": the name is bare
            longer = len(bare) > len(cluster.name) or cluster.name.isupper() and not bare.isupper()
            if cluster.name == name or longer and cluster.entry is None:
                cluster.name = bare  # "Washington" rather than a dateline's "WASHINGTON"
            self.add(cluster, span.start_char, span.start_char + len(name))
            if span.label_ == "PERSON":
                self._titles(span, cluster)
        for span, word in singles:  # surnames and first names, once every full name is known
            cluster = self._partial(word, span.start_char) or self.cluster_for(
                "PERSON", _clean(span), None
            )
            self.add(cluster, span.start_char, span.start_char + len(_clean(span)))
            self._titles(span, cluster)

    def _known(self, label: str, name: str) -> Entry | None:
        """The gazetteer entry a name denotes when it is unambiguous and of the right type."""
        wanted = {"PERSON": ("person",), "GPE": ("country",), "ORG": ("organisation", "group")}
        types = wanted.get(label)
        if types is None:
            return None
        found = [e for e in self.gazetteer.lookup(name) if e.type in types]
        return found[0] if len(found) == 1 else None

    def _same_person(self, words: list[str]) -> Cluster | None:
        """A person already named with the same first and last word ("Donald J. Trump")."""
        for cluster in self.clusters:
            other = cluster.words
            person = cluster.label == "PERSON" and len(other) > 1
            if person and (other[0], other[-1]) == (words[0], words[-1]):
                return cluster
        return None

    def _partial(self, word: str, at: int) -> Cluster | None:
        """The person a surname or first name alone stands for: the full name last mentioned
        before it ending (else starting) with it, else the first one after."""
        candidates = []
        for cluster in self.clusters:
            words = cluster.words
            if cluster.label != "PERSON" or len(words) < 2:
                continue
            if word not in (words[0], words[-1]) and not one_edit(
                word, words[-1], substitution=False
            ):
                continue  # "Erdgoan" for "Erdogan" is a typo of the surname
            starts = [m.start for m in cluster.mentions]
            before = [s for s in starts if s < at]
            order = (1, max(before)) if before else (0, -min(starts))
            candidates.append((words[-1] == word, order, cluster))
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c[1], c[0]))[2]

    def _expansion(self, acronym: str) -> Cluster | None:
        """The organisation whose initials an acronym is ("NATO", "the IAEA")."""
        letters = acronym.replace(".", "").upper()
        for cluster in self.clusters:
            if cluster.label == "ORG" and _initials(cluster.name) == letters:
                return cluster
        return None

    def _longer_org(self, name: str) -> Cluster | None:
        """The organisation named in full before a short form of it ("Lockheed" after
        "Lockheed Martin", "AirTran" after "AirTran Airways")."""
        words = normalize(_without_the(name)).split()
        if not words or len(words[0]) < 4:
            return None
        for cluster in reversed(self.clusters):
            other = cluster.words
            if cluster.label == "ORG" and len(other) > len(words) and other[: len(words)] == words:
                return cluster
        return None

    def _titles(self, span: Span, cluster: Cluster) -> None:
        """The titles a person mention carries: "Turkish President X", "X, the president,"."""
        doc = self.doc
        words: list[Token] = []
        at = span.start - 1
        while (
            at >= 0
            and (doc[at].is_title or doc[at].lower_ in ("of", "-"))
            and (doc[at].ent_type_ in ("", "NORP", "GPE", "ORG") and at >= span.sent.start)
        ):  # "Former Secretary of State Hillary Clinton" ("State" may be typed ORG)
            words.insert(0, doc[at])
            at -= 1
        found = self._title_in(words)
        for child in span.root.children:
            if child.dep_ == "appos" and child.i >= span.end:
                found = found or self._title_in(list(child.subtree))
        if found is not None:
            cluster.titles.add(found)
            if cluster.entry is None:
                self._holder_of(cluster, *found)

    def _title_in(self, words: list[Token]) -> tuple[str, str | None] | None:
        """(title, country) in a run of words: "Turkish President", "the Israeli prime
        minister", "Secretary of State"."""
        text = normalize(" ".join(w.text for w in words))
        country = self._country_in(words)
        padded = f" {text} "
        found = [t for t in self.gazetteer.titles if f" {t} " in padded]
        return (max(found, key=len), country) if found else None

    def _country_in(self, words: list[Token]) -> str | None:
        for word in words:
            name = _without_possessive(word.text)
            entry = self.gazetteer.demonym(word.text) or next(
                (e for e in self.gazetteer.lookup(name) if e.type == "country"), None
            )
            if entry is not None and entry.type == "country":
                return entry.country
        return None

    def _holder_of(self, cluster: Cluster, title: str, country: str | None) -> None:
        """Link a titled person to the gazetteer's holder when their surname agrees."""
        words = cluster.words
        for entry in self.gazetteer.holders(title, country, self.day):
            names = [normalize(n).split() for n in entry.names]
            # the surname agrees, and so does the given name when the article gives one
            # ("President Andrew Johnson" is not Boris Johnson)
            if any(
                n and n[-1] == words[-1] and (len(words) == 1 or n[0] == words[0]) for n in names
            ):
                if entry.id not in self.by_entry:
                    self._link(cluster, entry)
                return

    def untagged_surnames(self) -> None:
        """Surnames of the article's people the model did not tag ("Sadat met Begin")."""
        surnames: dict[str, Cluster] = {}
        for cluster in self.clusters:
            if cluster.label == "PERSON" and len(cluster.words) > 1:
                surnames.setdefault(cluster.words[-1], cluster)
        for token in self.doc:
            if token.i in self.covered or not token.is_title or token.pos_ != "PROPN":
                continue
            bearer = surnames.get(normalize(token.text))
            if bearer is not None and len(token) > 2:
                self.add(bearer, token.idx, token.idx + len(token))

    # -------------------------------------------------------------- demonyms, governments

    def _demonym(self, span: Span, country: Entry) -> None:
        """A demonym: the country when it acts ("Turkish troops", "the Turks said"), else
        a group of people ("Turkish voters", "a Turkish citizen")."""
        root = span.root
        head = root.head if root.dep_ in ("amod", "compound") else root
        if head.lower_ in GOVERNMENT_NOUNS:
            return  # the government phrase takes it
        plural_noun = head is root and (root.tag_ == "NNPS" or span.text.endswith("s"))
        acting = (
            head.lower_ in ACTOR_NOUNS
            or (head is not root and _states_act(head))
            or (plural_noun and root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
        )
        if acting:
            cluster = self.cluster_for("GPE", country.name, country)
            self.add(cluster, span.start_char, span.end_char, "demonym")
        else:
            cluster = self.cluster_for("NORP", span.text, None)
            self.add(cluster, span.start_char, span.end_char)

    def governments(self) -> None:
        """ "The Turkish government", "Turkey's government", "the government of Turkey"."""
        for token in self.doc:
            if token.lower_ not in GOVERNMENT_NOUNS or token.i in self.covered:
                continue
            country: str | None = None
            start, end = token.left_edge.i, token.i + 1
            for child in token.children:
                if child.dep_ in ("amod", "compound", "poss") and child.i < token.i:
                    country = country or self._country_of(child)
                elif child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and (found := self._country_of(objects[0])):
                        country, end = found, objects[0].right_edge.i + 1
            entry = self.gazetteer.country(country) if country else None
            if entry is None:
                continue
            name = f"Government of {entry.name}"
            cluster = self.cluster_for("ORG", name, None)
            cluster.entry = cluster.entry or Entry(
                id=f"government:{entry.country}", name=name, type="organisation",
                country=entry.country, sector="government",
            )  # fmt: skip
            while start < token.i and self.doc[start].lower_ in ("the", "a"):
                start += 1
            span = self.doc[start:end]
            self.add(cluster, span.start_char, span.end_char, "description")

    def _country_of(self, token: Token) -> str | None:
        """The country a modifier names: a demonym, a country, or a linked person's."""
        entry = self.gazetteer.demonym(token.text)
        if entry is None:
            name = _without_possessive(" ".join(t.text for t in token.subtree if t.dep_ != "case"))
            entry = next((e for e in self.gazetteer.lookup(name) if e.type == "country"), None)
        if entry is None and token.ent_type_ == "PERSON":
            cluster = self._at(token.idx)
            entry = cluster.entry if cluster is not None else None
        return entry.country if entry is not None else None

    def _at(self, offset: int) -> Cluster | None:
        for cluster in self.clusters:
            if any(m.start <= offset < m.end for m in cluster.mentions):
                return cluster
        return None

    # -------------------------------------------------------------- descriptions, pronouns

    def descriptions(self) -> None:
        """ "the Turkish leader", "the prime minister", "Israel's prime minister"."""
        titles = self.gazetteer.titles
        heads = {t.split()[-1] for t in titles} | {"leader"}
        for token in self.doc:
            if token.lower_ not in heads or token.i in self.covered or token.pos_ != "NOUN":
                continue
            if token.head.ent_type_ == "PERSON" and token.dep_ == "compound":
                continue  # a title before a name
            words = [t for t in token.subtree if t.i <= token.i]
            tail = [t for t in token.subtree if t.i > token.i]
            if tail and tail[0].lower_ == "of" and len(tail) <= 3:
                words += tail  # "the former secretary of state", "the minister of defence"
            first = words[0].lower_ if words else ""
            if first not in ("the",) and not any(w.dep_ == "poss" for w in words):
                continue
            said = {w.lower_ for w in words}
            if said & {"next", "new", "future"}:
                continue  # someone not yet in office
            # "the former president": only someone the article gave that title, never the
            # holder on the publication date
            past = bool(said & {"former", "late", "then", "ex"})
            text = normalize(" ".join(w.text for w in words))
            country = self._country_in(words)
            if token.lower_ == "leader":
                person = None if past else self._leader(country, text)
            else:
                title = max((t for t in titles if text.endswith(t)), key=len, default=None)
                person = self._titled(title, country, past) if title else None
            if person is not None:
                start = words[0].idx if first != "the" else words[1].idx if len(words) > 1 else 0
                self.add(person, start, words[-1].idx + len(words[-1]), "description")

    def _titled(self, title: str, country: str | None, past: bool = False) -> Cluster | None:
        """Who had this title: earlier in the article, else (not ``past``) in the gazetteer
        on the date."""
        for cluster in reversed(self.clusters):
            for had, where in cluster.titles:
                if had == title and (country is None or where in (None, country)):
                    return cluster
        if past:
            return None
        holders = self.gazetteer.holders(title, country, self.day, OFFICE_ROLES)
        if country is None:  # "the prime minister": of a country the article names
            named = {c.entry.country for c in self.clusters if c.entry and c.label == "GPE"}
            holders = [h for h in holders if any(o.country in named for o in h.offices)]
        if len(holders) != 1:
            return None
        return self.cluster_for("PERSON", holders[0].name, holders[0])

    def _leader(self, country: str | None, text: str) -> Cluster | None:
        """ "the Turkish leader": the country's executive on the date."""
        if country is None:
            return None
        best: Entry | None = None
        rank = len(LEADER_ROLES)
        for entry, office in self.gazetteer.offices_in(country):
            if not office.held_on(self.day) or office.role not in LEADER_ROLES:
                continue
            order = LEADER_ROLES.index(office.role)
            if office.role == "head_of_state" and country not in EXECUTIVE_PRESIDENCIES:
                order = len(LEADER_ROLES)
            if order < rank:
                best, rank = entry, order
        if best is None:
            return None
        return self.cluster_for("PERSON", best.name, best)

    def gender_of(self, cluster: Cluster) -> str | None:
        """ "he", "she" or None, from the names the cluster was mentioned by (worked out
        once: anaphora runs after every name is gathered)."""
        if id(cluster) not in self._genders:
            names = [m for m in cluster.mentions if m.kind == "name"]
            self._genders[id(cluster)] = find_gender(self.doc, names)
        return self._genders[id(cluster)]

    # -------------------------------------------------------------- output

    def entities(self) -> list[Entity]:
        """The clusters as entities, numbered in order of their first mention."""
        ordered = sorted(
            (c for c in self.clusters if c.mentions), key=lambda c: min(m.start for m in c.mentions)
        )
        out = []
        for number, cluster in enumerate(ordered, start=1):
            entry = cluster.entry
            mentions = sorted(cluster.mentions, key=lambda m: (m.start, m.end))
            kind = ENTITY_TYPES.get(cluster.label, "other")
            if entry is not None:
                kind = entry.type
            out.append(
                Entity(
                    id=f"e{number}",
                    name=entry.name if entry is not None else cluster.name,
                    type=kind,
                    label=cluster.label,
                    wikidata=entry.wikidata if entry is not None else None,
                    mentions=mentions,
                    country=entry.country if entry is not None else None,
                    sector=entry.sector if entry is not None else None,
                    gazetteer=entry.id if entry is not None else None,
                )
            )
        return out


def _family(label: str) -> str:
    """Labels whose names are one namespace (a place and a country share one)."""
    return {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}.get(label, label)


def _acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _initials(name: str) -> str:
    skip = {"of", "the", "and", "for", "on", "in", "&"}
    return "".join(w[0] for w in name.split() if w.lower() not in skip and w[0].isalpha()).upper()


def _without_the(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " and len(name) > 4 else name


def _without_possessive(text: str, endings: tuple[str, ...] = ("'s", "’s")) -> str:
    for ending in endings:
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text


def build(
    doc: Doc, gazetteer: Gazetteer, links: dict[int, Link], day: dt.date | None
) -> list[Entity]:
    """The entities of an article."""
    builder = Builder(doc, gazetteer, day)
    builder.names(links)
    builder.untagged_surnames()
    builder.governments()
    builder.descriptions()
    anaphora.resolve(builder)
    return builder.entities()


def _states_act(noun: Token) -> bool:
    """Whether a noun names what a state does or says: a coded event noun ("invasion",
    "airstrikes", "sanctions") other than a people's own acts, or a proposal, a demand, a
    position."""
    lemma = noun.lemma_.lower()
    if lemma in STATE_ACT_NOUNS:
        return True
    code = default_lexicon().noun(lemma)
    return (
        code is not None
        and (code.type in PLOVER_TYPES or code.type == STATEMENT)
        and code.type not in PEOPLES_ACTS
    )

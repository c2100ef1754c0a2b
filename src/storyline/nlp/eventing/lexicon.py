"""The event lexicon: which predicates are which PLOVER events, and how intense each is.

``lexicon.tsv`` (package data, written by the team) maps predicates to a PLOVER type, a mode
and a CAMEO root code. A key is a lemma (``accuse``), a lemma with its particle or
preposition (``pull out``, ``call for``), or a lemma with the lemma of its direct object
(``impose ~sanction``). Light verbs (``launched an attack``) are listed with type ``LIGHT``:
they take their event from their object noun.

Intensities are on PLOVER's cooperation–conflict scale, −10 … +10. The values for PLOVER
types and modes are the PLOVER manual's scores (``../shared/data/cameo/
plover_scores_from_manual.csv``), with one correction: the manual gives ACCUSE a base of +3,
which is a sign error (every ACCUSE mode is negative), so the base is −3. Statement kinds,
which PLOVER does not code, take the Goldstein value of the nearest CAMEO code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from storyline.errors import ConfigError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATEMENT = "STATEMENT"
OTHER = "OTHER"
LIGHT = "LIGHT"
EVENT_TYPES = (*PLOVER_TYPES, STATEMENT, OTHER)
# Types that are mutual when several actors do them together ("Hungary and Romania agreed").
RECIPROCAL = frozenset(("AGREE", "CONSULT", "COOPERATE", "STATEMENT"))

# PLOVER manual scores by (type, mode); (type, None) is the type's base score.
PLOVER_SCORES: dict[tuple[str, str | None], float] = {
    ("AGREE", None): 2.5,
    ("CONSULT", None): 2.5, ("CONSULT", "visit"): 4, ("CONSULT", "third-party"): 1,
    ("CONSULT", "multilateral"): 4, ("CONSULT", "phone"): 1.5,
    ("SUPPORT", None): 5,
    ("CONCEDE", None): 4.5,
    ("COOPERATE", None): 9.5,
    ("AID", None): 10,
    ("RETREAT", None): 6.5, ("RETREAT", "withdraw"): 8, ("RETREAT", "release"): 6.5,
    ("RETREAT", "disarm"): 10, ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5,
    ("RETREAT", "resign"): 4.5,
    ("REQUEST", None): 0, ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1,
    ("REQUEST", "yield"): -1, ("REQUEST", "meet"): 0,
    ("ACCUSE", None): -3, ("ACCUSE", "disapprove"): -2, ("ACCUSE", "investigate"): -3.5,
    ("ACCUSE", "allege"): -3.5,
    ("REJECT", None): -2, ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2,
    ("REJECT", "yield"): -2, ("REJECT", "meet"): -2,
    ("THREATEN", None): -3.5, ("THREATEN", "restrict"): -3, ("THREATEN", "arrest"): -3.5,
    ("THREATEN", "relations"): -3.5, ("THREATEN", "expel"): -3.5,
    ("THREATEN", "territory"): -4, ("THREATEN", "violence"): -3.5,
    ("PROTEST", None): -5, ("PROTEST", "demo"): -5, ("PROTEST", "riot"): -7,
    ("PROTEST", "strike"): -5, ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5,
    ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", None): -6, ("SANCTION", "convict"): -6, ("SANCTION", "expel"): -5.5,
    ("SANCTION", "withdraw"): -6, ("SANCTION", "discontinue"): -6,
    ("MOBILIZE", None): -5.5, ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5,
    ("MOBILIZE", "police"): -5.5, ("MOBILIZE", "militia"): -6,
    ("COERCE", None): -7, ("COERCE", "seize"): -7, ("COERCE", "restrict"): -7,
    ("COERCE", "censor"): -6.5, ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5,
    ("COERCE", "arrest"): -7, ("COERCE", "deport"): -7, ("COERCE", "withhold"): -7,
    ("COERCE", "misinformation"): -6.5, ("COERCE", "cyber"): -7,
    ("ASSAULT", None): -9, ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5,
    ("ASSAULT", "torture"): -8.5, ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5,
    ("ASSAULT", "destroy"): -8.5, ("ASSAULT", "primitive"): -8, ("ASSAULT", "firearms"): -9,
    ("ASSAULT", "explosives"): -9, ("ASSAULT", "suicide-attack"): -9.5,
    ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5, ("ASSAULT", "heavy-weapons"): -9.5,
    ("ASSAULT", "crowd-control"): -7.5, ("ASSAULT", "unconventional"): -10,
}  # fmt: skip

# Statement kinds, with the Goldstein value of the nearest CAMEO code (in brackets).
STATEMENT_SCORES: dict[str, float] = {
    "congratulate": 3.4,  # 051 praise or endorse
    "thank": 3.4,  # 051
    "condole": 3.4,  # 018 make empathetic comment
    "reconcile": 7.0,  # 056 forgive
    "grievance": -2.0,  # 111 criticize or denounce
    "break": -4.0,  # 161 reduce or break diplomatic relations
}
CAMEO_ROOTS = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation", "07": "provide aid", "08": "yield",
    "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce",
    "18": "assault", "19": "fight", "20": "use unconventional mass violence",
}  # fmt: skip


def intensity(kind: str, mode: str | None) -> float | None:
    """The cooperation–conflict score of an event type and mode; None for ``OTHER``."""
    if kind == STATEMENT:
        return STATEMENT_SCORES.get(mode or "")
    if (kind, mode) in PLOVER_SCORES:
        return PLOVER_SCORES[(kind, mode)]
    return PLOVER_SCORES.get((kind, None))


@dataclass(frozen=True)
class Code:
    """How a predicate is coded."""

    type: str
    mode: str | None
    cameo: str | None
    needs: str | None = None  # "obj": only with a direct object; "agent": with an actor as one


@dataclass(frozen=True)
class Lexicon:
    """The predicates storyline codes, by part of speech and key."""

    verbs: dict[str, Code]
    nouns: dict[str, Code]
    light: frozenset[str]

    def verb(self, key: str) -> Code | None:
        """The code of a verb key (``accuse``, ``pull out``, ``impose ~sanction``)."""
        return self.verbs.get(key)

    def noun(self, key: str) -> Code | None:
        """The code of a nominal predicate (``withdrawal``, ``hunger strike``)."""
        return self.nouns.get(key)

    @functools.cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """The verbs the lexicon names (the first word of each verb key, light verbs too)."""
        return frozenset(key.split()[0] for key in [*self.verbs, *self.light])


def read_lexicon(path: Path | str) -> Lexicon:
    """Read a lexicon file; a malformed line is an error naming the file and line."""
    verbs: dict[str, Code] = {}
    nouns: dict[str, Code] = {}
    light: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 6 or cells[1] not in ("V", "N"):
                raise ConfigError(f"{path}:{number}: expected key, V|N, type, mode, cameo, needs")
            key, pos, kind, mode, cameo, needs = cells
            if kind == LIGHT:
                light.add(key)
                continue
            if kind not in EVENT_TYPES:
                raise ConfigError(f"{path}:{number}: unknown event type {kind!r}")
            table = verbs if pos == "V" else nouns
            if key in table:
                raise ConfigError(f"{path}:{number}: {key!r} ({pos}) is listed twice")
            table[key] = Code(
                kind, None if mode == "-" else mode, None if cameo == "-" else cameo,
                None if needs == "-" else needs,
            )  # fmt: skip
    return Lexicon(verbs, nouns, frozenset(light))


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with storyline."""
    with resources.as_file(resources.files(__package__) / "lexicon.tsv") as path:
        return read_lexicon(path)


def cameo_of(kind: str, mode: str | None) -> str | None:
    """The CAMEO root the lexicon gives a type and mode (its first entry for the type when
    the mode has none)."""
    return _cameo_roots().get((kind, mode)) or _cameo_roots().get((kind, None))


@functools.cache
def _cameo_roots() -> dict[tuple[str, str | None], str]:
    lexicon = default_lexicon()
    found: dict[tuple[str, str | None], str] = {}
    for code in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        if code.cameo is not None:
            found.setdefault((code.type, code.mode), code.cameo)
            found.setdefault((code.type, None), code.cameo)
    return found


# PLOVER contexts and the words that put an event in one (the team's list). An event's context
# is the one whose words its sentence uses most (ties: the earlier in this table).
CONTEXT_WORDS: dict[str, frozenset[str]] = {
    context: frozenset(words.split())
    for context, words in {
        "cbrn": "chemical biological nuclear radiological uranium enrichment plutonium warhead",
        "cyber": "cyber cyberattack hacker hacking malware ransomware website internet",
        "terrorism": "terrorist terrorism militant jihadist extremist bombing bomber hostage"
        " insurgent suicide",
        "military": "troop army military soldier force weapon missile tank warship navy"
        " artillery militia ceasefire defence defense airstrike rocket drone jet battalion"
        " offensive",
        "election": "election vote ballot poll candidate campaign voter electoral referendum",
        "refugee": "refugee asylum migrant displaced deportee",
        "humanitarian": "humanitarian food medicine relief famine shelter aid",
        "legal": "court judge trial law lawsuit prosecutor indictment verdict sentence"
        " constitution constitutional legal justice",
        "economic": "trade tariff economy economic investment loan debt market bank currency"
        " export import tax budget finance financial business company",
        "resource": "oil gas water pipeline energy mining fishery fisheries electricity",
        "rights": "rights freedom censorship dissident torture repression",
        "diplomatic": "ambassador embassy diplomat diplomatic envoy summit treaty consulate"
        " relation recognition minister",
        "political": "party opposition parliament legislature coalition reform regime government",
    }.items()
}


def context_of(lemmas: list[str]) -> str | None:
    """The PLOVER context the words of a clause support most, or None."""
    best, count = None, 0
    for context, words in CONTEXT_WORDS.items():
        found = sum(lemma in words for lemma in lemmas)
        if found > count:
            best, count = context, found
    return best

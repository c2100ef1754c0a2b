"""PLOVER gold-standard records: event type and source / target actors of coded sentences.

Usage: ``.venv/bin/python benchmarks/plover.py [--data ../shared/data] [--split
dev|heldout|all] [--systems majority,storyline,gold] [--errors N] [--json FILE]``.

Data: ``plover/PLOVER_GSR_CAMEO.json``, the PLOVER gold-standard records (GSR) coded from
the CAMEO manual's example sentences: 323 records, the first a DOCUMENT record (skipped), then
322 coded sentences. Each has ``text``, ``event`` (a PLOVER 0.5 category), sometimes ``mode``
and ``context``, ``source`` / ``target`` (lists of ``{actorText, code, sector}``; a missing
target is absent, ``""`` or, once, the stray string "diplomatic": all read as no target) and
``textInfo.markup``, the sentence with ``(SRC: ...)``, ``(TAR: ...)``, ``(SRC/TAR: ...)``
(reciprocal: the actors act on each other), ``(EVT: ...)`` and ``(LOC: ...)`` spans (once a
plain string instead of ``{"markup": ...}``; some spans are nested, some brackets unbalanced or
closed by ``}``: see :func:`parse_markup`). The sentence given to a system is ``text`` with
outer spaces and a wrapping ``{...}`` removed and LaTeX quotes (````...''``) made plain ``"``.
One id, PLOVER-GSR01-COERCE-0004, is used by two different records: the second is given the
id ``PLOVER-GSR01-COERCE-0004/2`` (its number, 4, is unchanged). Two records carry an
``event`` other than their id's category (SANCTION-0010 and COERCE-0002 are coded FIGHT): the
``event`` field is the gold.

Categories: the GSR is coded in PLOVER 0.5 (18 categories); storyline emits the 16 types of
the current manual (``CAMEO2PLOVER-2021.txt``, draft 0.8). :data:`OLD_TO_CURRENT` maps each
old category, with its reason; :data:`OLD_MODES` maps each (old category, old mode) pair the
GSR uses to the current type and mode, and overrides the category map where the 2021 table
puts that mode's action under another type (COERCE/destroy and COERCE/detain → ASSAULT,
FIGHT/deport → COERCE). Records without a mode keep the category map, even where the 2021
table would split their old category by content (an embargo under SANCTION is COERCE in 2021,
lifting a curfew under CONCEDE is RETREAT, a resignation under RETREAT is CONCEDE): the GSR
gives no field to tell those apart, and re-coding them by hand would be a new gold standard.

Split: a record whose id's number (``...-0007``) is odd is in the development half (rules
may be tuned on it), even in the held-out half. Figures are given for dev, held-out and all.

Scoring, per split:

* event type: accuracy, and macro-F1 over the current types that occur in the gold or the
  predictions of the scored records (types that occur in neither would add an undefined 0/0);
  a prediction outside the 16 types (OTHER, STATEMENT, NONE when nothing was coded) is wrong
  and counts against the gold type's recall, but is not a class of the macro-average.
  Per-type precision / recall / F1 and the confusion counts (gold → predicted).
* actors: source and target precision / recall / F1 over actor occurrences. A predicted actor
  (a set of strings: the entity's name and its mentions' texts) matches a gold ``actorText``
  when one of its strings shares a word with it, or names the same country; pairs are matched
  one to one (a maximum bipartite matching), so TP = matched pairs, FP = unmatched predicted
  actors, FN = unmatched gold actors. Words: :func:`storyline.gazetteer.normalize` (case,
  diacritics and punctuation folded, "U.S." = "us"), stop words dropped unless written in
  capitals ("US"), a plural or possessive ``s`` removed ("Palestinians" = "Palestinian").
  Countries (with the storyline gazetteer): a word that is a demonym ("Hungarian" →
  Hungary) and a capitalised phrase of up to four words that is a country name or alias
  ("Hungary", "U.S.", "United States"), so gold "Hungarian" matches the predicted entity
  "Hungary", and gold "U.S. Secretary of State Warren Christopher" matches "United States"
  (the GSR codes actors by country, CAMEO style).
  A record with no gold target makes every predicted target a false positive. Reciprocal
  records (``SRC/TAR``: the GSR lists the actors as sources and gives no target) pool the
  predicted sources and targets and compare them with the gold actors, and the result counts
  once as source and once as target.

Systems:

* ``majority``: every record gets the most frequent current type of the development half
  (ties: alphabetical); no actors.
* ``storyline``: ``storyline.nlp.pipeline.Analyzer`` on the sentence (published 2000-01-01,
  the GSR's date), through ``Analyzer.to_document`` on the annotated spaCy Doc so that the
  parse is at hand; the prediction is the sentence's primary event: among the events whose
  type is one of the 16 (all events when none is), the one whose trigger is highest in the
  dependency tree (fewest arcs to its sentence's root), then nearest the root, then earliest.
  An OTHER or STATEMENT primary event predicts that type (wrong by construction). Its actors:
  ``event.actor`` (sources) and ``event.recipient`` (targets), entity ids of
  ``document.entities``. A sentence the pipeline fails on predicts nothing (counted).
* ``gold``: the gold itself, a sanity check of the harness (every figure 1.0).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import DEFAULT_DATA, Stopwatch, header, print_header, write_json

GSR_FILE = "PLOVER_GSR_CAMEO.json"
PUBLISHED = "2000-01-01"  # the GSR's ``date`` of every record
SPLITS = ("dev", "heldout", "all")
SYSTEMS = ("majority", "storyline", "gold")
NO_EVENT = "NONE"  # the label of a prediction without any event

# The 16 event types of the current PLOVER manual.
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class Recode:
    """A current PLOVER type (and mode) for an old category or mode, and why."""

    event: str
    mode: str | None
    reason: str


# PLOVER 0.5 category → current type; CAMEO codes as in CAMEO2PLOVER-2021.txt.
OLD_TO_CURRENT: dict[str, Recode] = {
    "AGREE": Recode("AGREE", None, "CAMEO 03 (intent to cooperate, yield, meet, mediate) is AGREE"),
    "CONSULT": Recode("CONSULT", None, "CAMEO 04 (consult, visit, meet, mediate) is CONSULT"),
    "SUPPORT": Recode(
        "SUPPORT", None, "CAMEO 05 (praise, defend, recognise, apologise, sign) is SUPPORT"
    ),
    "COOPERATE": Recode(
        "COOPERATE", None, "CAMEO 06 (material, military, judicial, intelligence) is COOPERATE"
    ),
    "AID": Recode("AID", None, "CAMEO 07 (economic, military, humanitarian aid, asylum) is AID"),
    "CONCEDE": Recode(
        "CONCEDE", None, "CAMEO 080-083 (ease sanctions or dissent, accede to demands) is CONCEDE"
    ),
    "RETREAT": Recode(
        "RETREAT", None, "CAMEO 084-087 (release, allow access, ceasefire, withdraw) is RETREAT"
    ),
    "INVESTIGATE": Recode(
        "ACCUSE", "investigate", "CAMEO 09 (investigate) is ACCUSE, mode investigate"
    ),
    "DEMAND": Recode("REQUEST", None, "CAMEO 10 (demand) is REQUEST: demands and requests merged"),
    "DISAPPROVE": Recode(
        "ACCUSE", None, "CAMEO 11 (criticise, accuse, complain, sue) is ACCUSE (disapprove/allege)"
    ),
    "REJECT": Recode("REJECT", None, "CAMEO 12 (reject, refuse, decline, defy, veto) is REJECT"),
    "THREATEN": Recode("THREATEN", None, "CAMEO 13 (threaten, give an ultimatum) is THREATEN"),
    "PROTEST": Recode("PROTEST", None, "CAMEO 14 (demonstrate, strike, obstruct, riot) is PROTEST"),
    "MOBILIZE": Recode("MOBILIZE", None, "CAMEO 15 (raise alert, mobilise police or troops)"),
    "SANCTION": Recode(
        "SANCTION", None, "CAMEO 16 (cut relations or aid, halt talks, expel) is SANCTION"
    ),
    "COERCE": Recode(
        "COERCE", None, "CAMEO 17 (seize, restrict, ban, curfew, arrest, deport) is COERCE"
    ),
    "ASSAULT": Recode(
        "ASSAULT", None, "CAMEO 18 and 20 (beatings, bombings, assassinations) are ASSAULT"
    ),
    "FIGHT": Recode("ASSAULT", None, "CAMEO 19 (conventional military force) is ASSAULT"),
}

# (PLOVER 0.5 category, GSR mode) → current type and mode; every pair the GSR uses. Where the
# type differs from OLD_TO_CURRENT the 2021 table puts the mode's action under another type.
OLD_MODES: dict[tuple[str, str], Recode] = {
    ("CONSULT", "visit"): Recode("CONSULT", "visit", "CAMEO 042 make a visit"),
    ("CONSULT", "host"): Recode("CONSULT", "visit", "CAMEO 043 host a visit: mode visit"),
    ("CONSULT", "phone"): Recode("CONSULT", "phone", "CAMEO 041 discuss by telephone"),
    ("CONSULT", "third-party"): Recode("CONSULT", "third-party", "CAMEO 044 third location"),
    ("CONSULT", "multilateral"): Recode("CONSULT", None, "no multilateral mode in 2021"),
    ("FIGHT", "heavy-weapons"): Recode("ASSAULT", "heavy-weapons", "CAMEO 194-195"),
    ("FIGHT", "firearms"): Recode("ASSAULT", "firearms", "CAMEO 193 small arms"),
    ("FIGHT", "explosives"): Recode("ASSAULT", "explosives", "CAMEO 1832-1833 bombings"),
    ("FIGHT", "assassinate"): Recode("ASSAULT", "assassinate", "CAMEO 186 assassinate"),
    ("FIGHT", "other"): Recode("ASSAULT", None, "'other' names no mode"),
    ("FIGHT", "deport"): Recode(
        "COERCE", "deport", "CAMEO 174 expel or deport individuals is COERCE deport in 2021"
    ),
    ("PROTEST", "demo-org"): Recode("PROTEST", "demo", "CAMEO 141: organised or not is one mode"),
    ("PROTEST", "demo-spon"): Recode("PROTEST", "demo", "CAMEO 141: organised or not is one mode"),
    ("PROTEST", "strike-hun"): Recode("PROTEST", "hunger", "CAMEO 142 hunger strike"),
    ("PROTEST", "strike-gen"): Recode("PROTEST", "boycott", "CAMEO 143 strike or boycott"),
    ("PROTEST", "riot-spon"): Recode("PROTEST", "riot", "CAMEO 145 violent protest, riot"),
    ("PROTEST", "riot"): Recode("PROTEST", "riot", "CAMEO 145 violent protest, riot"),
    ("PROTEST", "obstruct"): Recode("PROTEST", "obstruct", "CAMEO 144 obstruct passage"),
    ("THREATEN", "violence"): Recode("THREATEN", "violence", "CAMEO 137-138, 1383-1384"),
    ("THREATEN", "restrict"): Recode("THREATEN", "restrict", "CAMEO 1312 sanctions, 1381"),
    ("THREATEN", "relations"): Recode("THREATEN", "relations", "CAMEO 1311, 1313, 134-135"),
    ("THREATEN", "curfew"): Recode("THREATEN", "restrict", "CAMEO 1323 threaten curfew"),
    ("THREATEN", "martial-law"): Recode("THREATEN", "restrict", "CAMEO 1324 martial law"),
    ("THREATEN", "political"): Recode("THREATEN", "political", "CAMEO 1321 restrict freedoms"),
    ("MOBILIZE", "troops"): Recode("MOBILIZE", "troops", "CAMEO 152, 154 armed forces"),
    ("MOBILIZE", "police"): Recode("MOBILIZE", "police", "CAMEO 151, 153 police power"),
    ("MOBILIZE", "weapons"): Recode("MOBILIZE", None, "no weapons mode in 2021"),
    ("COERCE", "restrict"): Recode("COERCE", "restrict", "CAMEO 172, 191 restrictions, blockade"),
    ("COERCE", "confiscate"): Recode("COERCE", "seize", "CAMEO 1711 confiscate: mode seize"),
    ("COERCE", "destroy"): Recode(
        "ASSAULT", "seize", "CAMEO 1712 destroy property is ASSAULT (mode seize) in 2021"
    ),
    ("COERCE", "ban"): Recode("COERCE", "ban", "CAMEO 1722 ban parties or politicians"),
    ("COERCE", "censor"): Recode("COERCE", "restrict", "CAMEO 1721 restrict freedom of speech"),
    ("COERCE", "curfew"): Recode("COERCE", "curfew", "CAMEO 1723 impose curfew"),
    ("COERCE", "martial-law"): Recode("COERCE", "martial-law", "CAMEO 1724 state of emergency"),
    ("COERCE", "arrest"): Recode("COERCE", "arrest", "CAMEO 173 arrest, detain, charge"),
    ("COERCE", "deport"): Recode("COERCE", "deport", "CAMEO 174 expel or deport individuals"),
    ("COERCE", "detain"): Recode(
        "ASSAULT",
        "abduct",
        "its records are a kidnapping and human shields (CAMEO 181, 184): ASSAULT abduct",
    ),
    ("COERCE", "firearms"): Recode(
        "COERCE", None, "no COERCE firearms mode; its one record marks an arrest as the event"
    ),
    ("ASSAULT", "primitive"): Recode("ASSAULT", None, "no mode for primitive weapons in 2021"),
    ("ASSAULT", "beat"): Recode("ASSAULT", "beat", "CAMEO 182 physically assault"),
    ("ASSAULT", "sexual"): Recode("ASSAULT", "sexual", "CAMEO 1821 sexually assault"),
    ("ASSAULT", "torture"): Recode("ASSAULT", "torture", "CAMEO 1822 torture"),
    ("ASSAULT", "explosives"): Recode("ASSAULT", "explosives", "CAMEO 1832-1833 bombings"),
    ("ASSAULT", "suicide-attack"): Recode("ASSAULT", "suicide-attack", "CAMEO 1831"),
    ("ASSAULT", "assassinate"): Recode("ASSAULT", "assassinate", "CAMEO 185-186"),
}


def recode(old_event: str, old_mode: str | None) -> Recode:
    """The current type and mode of an old category and mode (the mode's entry first)."""
    if old_mode and (old_event, old_mode) in OLD_MODES:
        return OLD_MODES[(old_event, old_mode)]
    return OLD_TO_CURRENT[old_event]


# --------------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class GoldRecord:
    """One coded GSR sentence, with its category in the current PLOVER types."""

    id: str
    number: int  # the id's number: odd → development half, even → held out
    text: str  # the sentence as given to a system (see the module docstring)
    old_event: str  # the PLOVER 0.5 category
    event: str  # the current type
    old_mode: str | None
    mode: str | None  # the current mode, where the old one has a clear equivalent
    context: str | None
    sources: tuple[str, ...]  # actorText of each source
    targets: tuple[str, ...]  # actorText of each target
    reciprocal: bool  # the markup has SRC/TAR spans: the actors act on each other
    triggers: tuple[str, ...]  # the EVT spans of the markup
    markup: str = field(default="", repr=False)

    @property
    def split(self) -> str:
        """The half it is in: "dev" (odd number) or "heldout" (even number)."""
        return "dev" if self.number % 2 else "heldout"


TAG_OPEN = re.compile(r"\(\s*(SRC/TAR|SRC/LOC|TAR/LOC|SRC|TAR|EVT|LOC)\s*:\s*")
CLAUSE_END = re.compile(r"[,.;]")
SPACES = re.compile(r"\s+")


def parse_markup(markup: str) -> list[tuple[str, str]]:
    """The (tag, text) spans of a GSR markup string, in the order they open.

    Spans nest ("(LOC: into (TAR: Kabul))" gives LOC "into Kabul" and TAR "Kabul"); a plain
    bracket inside a span is text ("(SRC: Homeland Union) (Conservatives)"); a ``}`` closes
    the innermost open span (one record writes "(EVT: has sent}"); a closing bracket with
    nothing open is a stray and ignored. A span never closed ends where the first span opened
    inside it starts, else at the next comma, full stop or semicolon.
    """
    plain: list[str] = []
    opened: list[list[Any]] = []  # [tag, start, end or None]
    stack: list[int | None] = []  # an index into ``opened``, or None for a plain bracket
    i = 0
    while i < len(markup):
        tag = TAG_OPEN.match(markup, i)
        if tag:
            opened.append([tag.group(1), len(plain), None])
            stack.append(len(opened) - 1)
            i = tag.end()
            continue
        char = markup[i]
        if char == "(":
            stack.append(None)
            plain.append(char)
        elif (char == ")" and stack) or (char == "}" and stack and stack[-1] is not None):
            top = stack.pop()
            if top is None:
                plain.append(char)  # the end of a plain bracket
            else:
                opened[top][2] = len(plain)
        elif char != ")":  # a ")" with nothing open is a stray
            plain.append(char)
        i += 1
    text = "".join(plain)
    spans: list[tuple[str, str]] = []
    for n, (tag, start, end) in enumerate(opened):
        if end is None:
            inner = [s for _, s, _ in opened[n + 1 :] if s >= start]
            stop = CLAUSE_END.search(text, start)
            end = inner[0] if inner else (stop.start() if stop else len(text))
        spans.append((tag, SPACES.sub(" ", text[start:end]).strip()))
    return spans


def clean_sentence(text: str) -> str:
    """A GSR sentence as plain text: outer spaces and a wrapping {...} off, LaTeX quotes off."""
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    return text.replace("``", '"').replace("''", '"')


def _actor_texts(value: object) -> tuple[str, ...]:
    """The actorText of each actor of a source or target field (anything else: none)."""
    if not isinstance(value, list):
        return ()
    return tuple(str(a["actorText"]) for a in value if isinstance(a, dict) and a.get("actorText"))


def gsr_path(data: str | Path) -> Path:
    """The GSR file: ``data`` itself, ``data/PLOVER_GSR_CAMEO.json`` or ``data/plover/...``."""
    base = Path(data)
    for candidate in (base, base / GSR_FILE, base / "plover" / GSR_FILE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no {GSR_FILE} under {base}")


def record_from_json(raw: dict[str, Any], record_id: str) -> GoldRecord:
    """One GSR record (not a DOCUMENT one) as a :class:`GoldRecord`."""
    info = raw.get("textInfo")
    markup = str(info.get("markup", "") if isinstance(info, dict) else info or "")
    spans = parse_markup(markup)
    old_mode = raw.get("mode") or None
    current = recode(raw["event"], old_mode)
    return GoldRecord(
        id=record_id,
        number=int(str(raw["id"]).rsplit("-", 1)[1]),
        text=clean_sentence(str(raw["text"])),
        old_event=str(raw["event"]),
        event=current.event,
        old_mode=old_mode,
        mode=current.mode,
        context=raw.get("context") or None,
        sources=_actor_texts(raw.get("source")),
        targets=_actor_texts(raw.get("target")),
        reciprocal=any(tag == "SRC/TAR" for tag, _ in spans),
        triggers=tuple(text for tag, text in spans if tag == "EVT"),
        markup=markup,
    )


def load_gsr(data_dir: str | Path = DEFAULT_DATA) -> list[GoldRecord]:
    """Every coded sentence of the GSR, in file order (the DOCUMENT record skipped)."""
    raw = json.loads(gsr_path(data_dir).read_text(encoding="utf-8"))
    records: list[GoldRecord] = []
    seen: Counter[str] = Counter()
    for item in raw:
        if item.get("event") == "DOCUMENT":
            continue
        seen[item["id"]] += 1
        record_id = item["id"] if seen[item["id"]] == 1 else f"{item['id']}/{seen[item['id']]}"
        records.append(record_from_json(item, record_id))
    return records


def select(records: Sequence[GoldRecord], split: str) -> list[GoldRecord]:
    """The records of a split: "dev", "heldout" or "all"."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: one of {', '.join(SPLITS)}")
    return [r for r in records if split == "all" or r.split == split]


# --------------------------------------------------------------------------------- scoring

PredictedActor = tuple[str, ...]  # the strings that name one predicted actor


@dataclass(frozen=True)
class Prediction:
    """A system's answer for one sentence: its event type and actors (None: no event)."""

    event: str | None
    sources: tuple[PredictedActor, ...] = ()
    targets: tuple[PredictedActor, ...] = ()
    trigger: str | None = None
    context: str | None = None

    @property
    def label(self) -> str:
        """The predicted type, NONE when there is none."""
        return self.event or NO_EVENT


@dataclass
class Tally:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        """Count ``tp`` matches among ``predicted`` predictions and ``gold`` gold items."""
        self.tp += tp
        self.fp += predicted - tp
        self.fn += gold - tp

    def prf(self) -> dict[str, float | int]:
        """Precision, recall and F1 (0 where undefined) with the counts."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = precision + recall
        return {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / total if total else 0.0,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def score_types(
    records: Sequence[GoldRecord], predictions: dict[str, Prediction]
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-type P/R/F1 and confusion counts of the event types."""
    pairs = [(r.event, predictions[r.id].label) for r in records]
    correct = sum(g == p for g, p in pairs)
    types = sorted({x for pair in pairs for x in pair if x in PLOVER_TYPES})
    per_type: dict[str, dict[str, float | int]] = {}
    for kind in types:
        tally = Tally()
        tally.add(
            sum(g == p == kind for g, p in pairs),
            sum(p == kind for _, p in pairs),
            sum(g == kind for g, _ in pairs),
        )
        figures = tally.prf()
        per_type[kind] = {
            "precision": figures["precision"],
            "recall": figures["recall"],
            "f1": figures["f1"],
            "gold": tally.tp + tally.fn,
            "predicted": tally.tp + tally.fp,
            "correct": tally.tp,
        }
    confusion: dict[str, dict[str, int]] = {}
    for (gold, predicted), count in sorted(Counter(pairs).items()):
        confusion.setdefault(gold, {})[predicted] = count
    return {
        "records": len(pairs),
        "correct": correct,
        "accuracy": correct / len(pairs) if pairs else 0.0,
        "macro_f1": sum(float(t["f1"]) for t in per_type.values()) / len(types) if types else 0.0,
        "macro_types": types,
        "per_type": per_type,
        "confusion": confusion,
    }


STOP_WORDS = frozenset(
    {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by",
        "with", "into", "over", "under", "about", "against", "between", "among", "as", "its",
        "it", "their", "his", "her", "our", "your", "my", "they", "them", "he", "she", "we",
        "us", "i", "you", "this", "that", "these", "those", "who", "which", "whom", "what",
        "all", "both", "some", "any", "other", "others", "s",
    }
)  # fmt: skip
CAPITALISED = re.compile(r"[A-Z]")
LONGEST_COUNTRY_NAME = 4  # words in a phrase looked up as a country name


class CountryBook:
    """What actor matching needs of a gazetteer (``storyline.gazetteer.Gazetteer`` fits)."""

    def __init__(self, gazetteer: Any = None) -> None:
        self.gazetteer = gazetteer

    def countries(self, text: str) -> frozenset[str]:
        """The ids of the countries a text names by demonym or by name."""
        if self.gazetteer is None:
            return frozenset()
        words = text.split()
        found: set[str] = set()
        for word in words:
            entry = self.gazetteer.demonym(word.strip(".,;:'\"()"))
            if entry is not None and entry.type == "country":
                found.add(entry.id)
        for size in range(1, LONGEST_COUNTRY_NAME + 1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i : i + size]).strip(",;:'\"()")
                if not CAPITALISED.match(phrase):
                    continue  # "us" the pronoun is not the US
                found.update(e.id for e in self.gazetteer.lookup(phrase) if e.type == "country")
        return frozenset(found)


def _normalize(text: str) -> str:
    """:func:`storyline.gazetteer.normalize` (imported late: the parent stays light)."""
    from storyline.gazetteer import normalize

    result: str = normalize(text)
    return result


def content_words(text: str) -> frozenset[str]:
    """The words of an actor text that can match: normalised, no plural s, no stop words
    (unless written in capitals: "US", "U.S." are the country, not the pronoun)."""
    words = set()
    for chunk in text.split():
        letters = [c for c in chunk if c.isalpha()]
        capitals = len(letters) > 1 and all(c.isupper() for c in letters)
        for word in _normalize(chunk).split():
            if word in STOP_WORDS and not capitals:
                continue
            if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
            words.add(word)
    return frozenset(words)


class ActorMatcher:
    """Whether a predicted actor is a gold actor: a shared word or the same country."""

    def __init__(self, gazetteer: Any = None) -> None:
        self.book = CountryBook(gazetteer)
        self._words: dict[str, frozenset[str]] = {}
        self._countries: dict[str, frozenset[str]] = {}

    def words(self, text: str) -> frozenset[str]:
        """:func:`content_words`, cached."""
        if text not in self._words:
            self._words[text] = content_words(text)
        return self._words[text]

    def countries(self, text: str) -> frozenset[str]:
        """:meth:`CountryBook.countries`, cached."""
        if text not in self._countries:
            self._countries[text] = self.book.countries(text)
        return self._countries[text]

    def same(self, gold: str, predicted: PredictedActor) -> bool:
        """Whether one of the predicted actor's strings shares a word or a country with gold."""
        return any(
            self.words(gold) & self.words(text) or self.countries(gold) & self.countries(text)
            for text in predicted
        )

    def matched(self, gold: Sequence[str], predicted: Sequence[PredictedActor]) -> int:
        """The size of a maximum one-to-one matching of predicted to gold actors."""
        edges = [[j for j, g in enumerate(gold) if self.same(g, p)] for p in predicted]
        owner: dict[int, int] = {}  # gold index → predicted index

        def augment(i: int, seen: set[int]) -> bool:
            for j in edges[i]:
                if j in seen:
                    continue
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
            return False

        return sum(augment(i, set()) for i in range(len(predicted)))


def _unique(actors: Iterable[PredictedActor]) -> list[PredictedActor]:
    """The actors without repeats, in order."""
    return list(dict.fromkeys(actors))


def score_actors(
    records: Sequence[GoldRecord], predictions: dict[str, Prediction], matcher: ActorMatcher
) -> dict[str, dict[str, float | int]]:
    """Source and target P/R/F1 over actor occurrences (reciprocal records pooled)."""
    sources, targets = Tally(), Tally()
    for record in records:
        found = predictions[record.id]
        if record.reciprocal:
            gold = [*record.sources, *record.targets]
            pooled = _unique([*found.sources, *found.targets])
            matched = matcher.matched(gold, pooled)
            sources.add(matched, len(pooled), len(gold))
            targets.add(matched, len(pooled), len(gold))
            continue
        said = _unique(found.sources)
        sources.add(matcher.matched(record.sources, said), len(said), len(record.sources))
        done = _unique(found.targets)
        targets.add(matcher.matched(record.targets, done), len(done), len(record.targets))
    return {"source": sources.prf(), "target": targets.prf()}


def score(
    records: Sequence[GoldRecord], predictions: dict[str, Prediction], matcher: ActorMatcher
) -> dict[str, Any]:
    """Every figure of one system on one set of records."""
    return {
        "type": score_types(records, predictions),
        **score_actors(records, predictions, matcher),
        "context": score_context(records, predictions),
    }


def gold_contexts(record: GoldRecord) -> set[str]:
    """The contexts a record is coded with ("diplomatic, military" is two), folded to the
    names the coder uses (the GSR writes "refugees" and "refugee")."""
    names = {c.strip().lower() for c in (record.context or "").split(",") if c.strip()}
    return {"refugee" if n == "refugees" else n for n in names if n != "none"}


def score_context(
    records: Sequence[GoldRecord], predictions: dict[str, Prediction]
) -> dict[str, Any]:
    """Context agreement on the records that have a gold context: the predicted context is
    right when it is one of the record's; no prediction counts as wrong (``accuracy``), and
    ``precision`` is over the records where a context was predicted."""
    scored = [r for r in records if gold_contexts(r)]
    predicted = [r for r in scored if predictions[r.id].context]
    correct = sum(predictions[r.id].context in gold_contexts(r) for r in predicted)
    return {
        "records": len(scored),
        "predicted": len(predicted),
        "correct": correct,
        "accuracy": correct / len(scored) if scored else 0.0,
        "precision": correct / len(predicted) if predicted else 0.0,
    }


def mistakes(
    records: Sequence[GoldRecord],
    predictions: dict[str, Prediction],
    matcher: ActorMatcher,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to ``limit`` records a system got wrong: wrong types first, then wrong actors."""
    typed: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    for record in records:
        found = predictions[record.id]
        figures = score_actors([record], {record.id: found}, matcher)
        wrong_actors = any(figures[side]["fp"] or figures[side]["fn"] for side in figures)
        if found.label == record.event and not wrong_actors:
            continue
        row = {
            "id": record.id,
            "text": record.text,
            "gold": {
                "event": record.event,
                "old": record.old_event,
                "triggers": list(record.triggers),
                "sources": list(record.sources),
                "targets": list(record.targets),
                "reciprocal": record.reciprocal,
            },
            "predicted": {
                "event": found.label,
                "trigger": found.trigger,
                "sources": [a[0] for a in found.sources if a],
                "targets": [a[0] for a in found.targets if a],
            },
        }
        (typed if found.label != record.event else actors).append(row)
    return (typed + actors)[:limit]


# --------------------------------------------------------------------------------- systems


@dataclass
class SystemRun:
    """One system's predictions for every record, and what happened on the way."""

    name: str
    predictions: dict[str, Prediction]
    available: bool = True
    note: str = ""
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def majority_type(records: Sequence[GoldRecord]) -> str:
    """The most frequent current type of the development half (ties: alphabetical)."""
    counts = Counter(r.event for r in select(records, "dev"))
    return min(counts, key=lambda kind: (-counts[kind], kind))


def majority_context(records: Sequence[GoldRecord]) -> str:
    """The most frequent gold context of the development half (ties: alphabetical)."""
    counts = Counter(c for r in select(records, "dev") for c in gold_contexts(r))
    return min(counts, key=lambda name: (-counts[name], name))


def run_majority(records: Sequence[GoldRecord]) -> SystemRun:
    """The majority baseline: the development half's most frequent type and context for
    every record."""
    kind, context = majority_type(records), majority_context(records)
    predictions = {r.id: Prediction(kind, context=context) for r in records}
    note = f"always {kind}, context {context} (most frequent in dev)"
    return SystemRun("majority", predictions, note=note)


def run_gold(records: Sequence[GoldRecord]) -> SystemRun:
    """The gold itself: a sanity check of the harness."""
    predictions = {
        r.id: Prediction(
            r.event,
            tuple((s,) for s in r.sources),
            tuple((t,) for t in r.targets),
            r.triggers[0] if r.triggers else None,
            min(gold_contexts(r), default=None),
        )
        for r in records
    }
    return SystemRun("gold", predictions, note="the gold records (sanity check)")


def analyse(analyzer: Any, article: Any) -> tuple[Any, Any]:
    """An article's storyline Document and the spaCy Doc it was built from.

    Exactly what ``Analyzer.analyze`` does (``Analyzer._analyze_batch``: the Doc carries the
    publication date and the gazetteer, the pipeline annotates it, ``to_document`` reads it),
    one article at a time, keeping the Doc for the caller.
    """
    doc = analyzer.nlp.make_doc(article.text)
    doc._.published = article.published
    doc._.gazetteer = analyzer.gazetteer
    doc = analyzer.nlp(doc)
    return analyzer.to_document(article, doc), doc


def _depth(token: Any) -> int:
    """Arcs from a token up to its sentence's root."""
    steps = 0
    while token.head.i != token.i and steps < len(token.doc):
        token = token.head
        steps += 1
    return steps


def trigger_rank(doc: Any, start: int, end: int) -> tuple[int, int, int]:
    """(depth in the tree, distance to the root, start) of a trigger: smaller is more central."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not tokens:
        return (len(doc) + 1, len(doc) + 1, start)
    depth, distance = min((_depth(t), abs(t.i - t.sent.root.i)) for t in tokens)
    return (depth, distance, start)


def primary_event(document: Any, doc: Any) -> Any | None:
    """The sentence's main event: a coded one highest in the tree, then nearest the root."""
    coded = [e for e in document.events if e.type in PLOVER_TYPES]
    pool = coded or list(document.events)
    if not pool:
        return None
    return min(pool, key=lambda e: trigger_rank(doc, e.trigger.start, e.trigger.end))


def actor_strings(document: Any, ids: Iterable[str]) -> tuple[PredictedActor, ...]:
    """Each entity id as the strings naming it: the entity's name, then its mentions' texts."""
    entities = {e.id: e for e in document.entities}
    found: list[PredictedActor] = []
    for ident in ids:
        entity = entities.get(ident)
        if entity is not None:
            texts = [entity.name, *(m.text for m in entity.mentions)]
            found.append(tuple(dict.fromkeys(t for t in texts if t)))
    return tuple(found)


def storyline_prediction(document: Any, doc: Any) -> Prediction:
    """The prediction for one analysed sentence: its primary event and that event's actors."""
    event = primary_event(document, doc)
    if event is None:
        return Prediction(None)
    return Prediction(
        str(event.type),
        actor_strings(document, event.actor),
        actor_strings(document, event.recipient),
        event.trigger.text,
        event.context,
    )


def run_storyline(records: Sequence[GoldRecord]) -> SystemRun:
    """storyline on every sentence; unavailable (predicting nothing) when it cannot start."""
    empty = {r.id: Prediction(None) for r in records}
    try:
        from storyline.model import Article
        from storyline.nlp.pipeline import Analyzer

        analyzer = Analyzer()
    except Exception as error:  # any failure to set up: scored as predicting nothing
        note = f"cannot start storyline ({type(error).__name__}: {error})"
        return SystemRun("storyline", empty, available=False, note=note)
    found = SystemRun("storyline", dict(empty), note="storyline.nlp.pipeline.Analyzer")
    counts: Counter[str] = Counter()
    watch = Stopwatch()
    with watch:
        for record in records:
            try:
                document, doc = analyse(analyzer, Article(body=record.text, published=PUBLISHED))
                prediction = storyline_prediction(document, doc)
            except Exception:  # one failing sentence predicts nothing; the failure is kept
                found.failures.append(f"{record.id}: {traceback.format_exc(limit=3)}")
                continue
            found.predictions[record.id] = prediction
            counts["events"] += len(document.events)
            counts["coded events"] += sum(e.type in PLOVER_TYPES for e in document.events)
            counts["sentences with an event"] += bool(document.events)
            counts["sentences with a coded event"] += prediction.label in PLOVER_TYPES
    found.seconds = watch.seconds
    found.counts = {"sentences": len(records), **counts, "failures": len(found.failures)}
    if not counts["events"]:
        found.note += ": no events emitted (is the events stage in place?)"
    return found


RUNNERS: dict[str, Callable[[Sequence[GoldRecord]], SystemRun]] = {
    "majority": run_majority,
    "storyline": run_storyline,
    "gold": run_gold,
}


def load_matcher() -> tuple[ActorMatcher, str]:
    """An actor matcher with the storyline gazetteer, or without (words only) and why."""
    try:
        from storyline.gazetteer import load_gazetteer

        return ActorMatcher(load_gazetteer()), "words and countries (storyline gazetteer)"
    except Exception as error:  # no gazetteer: words only
        return ActorMatcher(None), f"words only (no gazetteer: {type(error).__name__})"


def run(
    split: str | None = None,
    data: str | Path = DEFAULT_DATA,
    systems: Sequence[str] = ("majority", "storyline"),
    errors: int = 0,
) -> dict[str, Any]:
    """Score the systems on one split (None: on dev, held-out and all) and return the figures.

    Shape: ``{"benchmark", "data", "records": {split: n}, "types": {split: {type: n}},
    "matching", "majority_type", "systems": {name: {"available", "note", "seconds",
    "counts", "failures", "errors"}}, "splits": {split: {name: {"type": {"records",
    "correct", "accuracy", "macro_f1", "macro_types", "per_type": {type: {"precision",
    "recall", "f1", "gold", "predicted", "correct"}}, "confusion": {gold: {predicted: n}}},
    "source" | "target": {"precision", "recall", "f1", "tp", "fp", "fn"}}}}}``. ``errors``:
    up to that many mistakes per system (:func:`mistakes`) on the last split scored ("all"
    when ``split`` is None).
    """
    records = load_gsr(data)
    splits = list(SPLITS) if split is None else [split]
    unknown = [s for s in systems if s not in RUNNERS]
    if unknown:
        raise ValueError(f"unknown system(s) {unknown}: one of {', '.join(RUNNERS)}")
    matcher, matching = load_matcher()
    runs = [RUNNERS[name](records) for name in systems]
    scope = select(records, splits[-1])
    return {
        "benchmark": "plover",
        "data": str(gsr_path(data)),
        "records": {s: len(select(records, s)) for s in SPLITS},
        "types": {
            s: dict(Counter(r.event for r in select(records, s)).most_common()) for s in splits
        },
        "matching": matching,
        "majority_type": majority_type(records),
        "systems": {
            r.name: {
                "available": r.available,
                "note": r.note,
                "seconds": r.seconds,
                "counts": r.counts,
                "failures": r.failures[:5],
                "errors": mistakes(scope, r.predictions, matcher, errors) if errors else [],
            }
            for r in runs
        },
        "splits": {
            s: {r.name: score(select(records, s), r.predictions, matcher) for r in runs}
            for s in splits
        },
    }


# --------------------------------------------------------------------------------- output


def _cells(figures: dict[str, float | int]) -> str:
    """P/R/F1 as three percentages."""
    return " ".join(f"{100 * float(figures[k]):5.1f}" for k in ("precision", "recall", "f1"))


def print_summary(result: dict[str, Any]) -> None:
    """One line per split and system: accuracy, macro-F1, source and target P/R/F1."""
    print()
    print(f"{'split':<8} {'system':<10} {'n':>4} {'acc':>6} {'macroF1':>7}   "
          f"{'source P     R    F1':<20}   {'target P     R    F1':<20}")  # fmt: skip
    for split, systems in result["splits"].items():
        for name, figures in systems.items():
            kind = figures["type"]
            print(
                f"{split:<8} {name:<10} {kind['records']:>4} {100 * kind['accuracy']:6.1f}"
                f" {100 * kind['macro_f1']:7.1f}   {_cells(figures['source'])}   "
                f"{_cells(figures['target'])}"
            )


def print_types(split: str, name: str, figures: dict[str, Any]) -> None:
    """Per-type P/R/F1 of one system on one split, and its most frequent confusions."""
    kind = figures["type"]
    print(f"\n{name} on {split}: per type (macro over {len(kind['macro_types'])} types)")
    print(f"  {'type':<10} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for label, row in kind["per_type"].items():
        print(
            f"  {label:<10} {row['gold']:>4} {row['predicted']:>4} {100 * row['precision']:6.1f}"
            f" {100 * row['recall']:6.1f} {100 * row['f1']:6.1f}"
        )
    wrong = Counter(
        {(g, p): n for g, row in kind["confusion"].items() for p, n in row.items() if g != p}
    )
    if wrong:
        pairs = ", ".join(f"{g}→{p} {n}" for (g, p), n in wrong.most_common(12))
        print(f"  confusions (gold→predicted): {pairs}")


def print_errors(name: str, rows: Sequence[dict[str, Any]]) -> None:
    """A system's mistakes: sentence, gold, prediction."""
    print(f"\n{name}: {len(rows)} mistakes")
    for row in rows:
        gold, found = row["gold"], row["predicted"]
        print(f"- {row['id']}: {row['text']}")
        recip = " (reciprocal)" if gold["reciprocal"] else ""
        print(
            f"    gold: {gold['event']} ({gold['old']}) {gold['triggers']}"
            f" src={gold['sources']} tar={gold['targets']}{recip}"
        )
        print(
            f"    got:  {found['event']} [{found['trigger']}]"
            f" src={found['sources']} tar={found['targets']}"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="the shared data folder")
    parser.add_argument("--split", choices=SPLITS, help="one split (default: all three)")
    parser.add_argument(
        "--systems", default="majority,storyline", help=f"comma-separated: {', '.join(SYSTEMS)}"
    )
    parser.add_argument("--errors", type=int, default=0, help="print N mistakes per system")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    args = parse_args(argv)
    info = header("plover")
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    print_header(info, {"data": args.data, "systems": ", ".join(systems)})
    result = run(args.split, args.data, systems, args.errors)
    counts = result["records"]
    print(
        f"records:  {counts['all']} ({counts['dev']} dev: odd ids, {counts['heldout']} held out:"
        f" even ids); actors matched by {result['matching']}"
    )
    for name, system in result["systems"].items():
        extra = ", ".join(f"{k} {v}" for k, v in system["counts"].items())
        state = "" if system["available"] else " [UNAVAILABLE]"
        print(f"{name}:{state} {system['note']} ({system['seconds']:.1f} s{', ' if extra else ''}"
              f"{extra})")  # fmt: skip
        for failure in system["failures"]:
            print("    failure: " + failure.strip().replace("\n", "\n    "))
    print_summary(result)
    last = list(result["splits"])[-1]
    for name, figures in result["splits"][last].items():
        if name != "gold":
            print_types(last, name, figures)
    for name, system in result["systems"].items():
        if args.errors and name != "gold":
            print_errors(name, system["errors"])
    if args.json:
        write_json(args.json, {"header": info, **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())

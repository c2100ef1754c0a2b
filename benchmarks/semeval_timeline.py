"""SemEval-2015 Task 4 "TimeLine", Track A: cross-document event timelines of target entities.

Usage: ``.venv/bin/python benchmarks/semeval_timeline.py [--data ../shared/data]
[--split trial|test] [--systems gold dct storyline storyline+dct] [--ord-also] [--timelines]
[--out DIR] [--json FILE]``. Other scripts call :func:`run` for the figures as a dict.

Data (``DATA/semeval2015-timeline``): the trial set (30 Wikinews articles about Apple,
``Corpus-trial-data_task4``, six gold timelines in ``TimeLines_trial_data_task4_v1.2``) is the
development set; the three test corpora (``SemEval_Task4_data/corpus_{1,2,3}``: airlines, the
car industry, stock markets; 30 articles each) are for reporting only. Track A gives raw text
only: the CAT XML files of ``corpus_trackA_CAT`` (tokens with a sentence id and a number, and
the CREATION_TIME) and a list of target entities; a system writes, per target entity, the
timeline of the events the entity takes part in.

Loader: each CAT document becomes a :class:`CatDocument`: its id (the number heading the gold
event ids, ``11778-2-launch``), its tokens (sentence id, token number, text) with character
offsets into a rebuilt plain text (``meantime.rebuild_text``: the title and the dateline are
paragraphs of their own, tokens joined with spaces the way running text has them) and its
publication date (``meantime.decide_dct``: the dateline, cross-checked against the
CREATION_TIME). Targets: the test corpora's ``list_target_entities_corpus_N.txt`` (38 names),
each naming the gold file ``name.lower()`` with spaces turned into underscores (corpus 3 also
holds ``s_and_p_500.txt``, a byte-identical copy of ``s&p_500.txt`` that is on no list: it is
not scored twice); the trial set has no list, so its targets are its six gold files (entity =
the file's first line).

Timeline format (the scorer README's): a first line naming the entity, then one row per line,
``position<TAB>anchor<TAB>event[<TAB>event...]``; several events on one row are coreferent
mentions, several rows may share a position (simultaneous events). An event is
``docid-sentid-extent`` (a multi-token extent joined with ``_``). Position 0 holds the events
that could not be ordered: they are ignored.

Metric: temporal awareness (UzZaman & Allen 2011; TempEval-3), as the scorer README describes
it, computed by this module (the official scorer is not in the data; nothing is copied from
it). Each timeline becomes a graph of stated relations:

* full variant: every event mention (position > 0) is a node; a row's events are
  SIMULTANEOUS with a TIMEX node for the row's anchor; events at one position are
  SIMULTANEOUS with each other; an event at an earlier position is BEFORE one at a later
  position.
* ordering-only variant (``ord``): the same without the TIMEX nodes.

Decisions on what the README leaves open:

* Node identity. An event is its id string, compared exactly (case included). An id listed in
  several rows or columns is one node (so two positions sharing an event become one class). A
  TIMEX node is its anchor value *normalised*: trailing unknown parts are dropped
  (``2008-02-XX`` = ``2008-02``, ``2008-XX-XX`` = ``2008``), so the trial set's style and the
  test set's style name the same node; an anchor whose year is unknown (``XXXX-XX-XX``, also
  the bogus ``ZZZZ`` of an ordering-only run) gives no TIMEX node — it is no time.
* Anchors are not related among themselves: the README creates no TIMEX-TIMEX relation, so
  ``2008`` is not stated BEFORE ``2009`` nor ``2008-02`` inside ``2008`` (containment is not
  expressible with BEFORE/SIMULTANEOUS anyway). Anchors get ordered only through their events,
  in the closure.
* Closure: classes of nodes joined by SIMULTANEOUS links; BEFORE between classes follows the
  positions. SIMULTANEOUS wins over BEFORE: when one anchor value sits at several positions
  (the gold does this: 2005-06-06 at positions 9, 10 and 11 of steve_jobs, a finer order within
  the day) the anchor joins them into one class and the stated BEFOREs among them are dropped
  as contradicted (the ordering-only variant keeps them). Where a class spans positions that
  enclose another class (a value or an event id at non-adjacent positions; never in the gold,
  possible in a system file), the whole stretch becomes one block (the BEFORE cycle collapses).
  The closure is therefore a chain of blocks: x SIMULTANEOUS y iff they share a block, x BEFORE
  y iff x's block comes first.
* Reduced graph: a minimal subset of the stated relations with the same closure: per class of
  k nodes a spanning tree of its stated SIMULTANEOUS links (k-1 relations), and one BEFORE
  relation between each pair of consecutive blocks, between two events (TIMEX-TIMEX relations
  are never stated). Such a reduction is not unique; the one used is the one most verifiable
  in the other graph, which makes the score independent of row and file order: a class
  contributes k - c verified links, c = the number of connected pieces its stated links fall
  into when only the links whose two ends share a block of the other graph are kept (the MUC
  link count: a class split in two by the other side loses one link); a BEFORE between
  consecutive blocks is verified when some event of the first is BEFORE some event of the
  second in the other graph's closure. A node missing from the other graph verifies nothing.
* Precision = verified reduced system relations / reduced system relations; recall = verified
  reduced gold relations / reduced gold relations (a missing system file is an empty timeline).
  Per-corpus and overall figures are micro averages: the four counts summed over the
  timelines, P and R from the sums, F1 the harmonic mean of those P and R. That is what the
  README's example output shows (MICRO-PRECISION 92.0732 = 151/164 and MICRO-RECALL 57.8059 =
  137/237 from its six timelines' own fractions; its MICRO-FSCORE 71.022233145 is exactly
  the harmonic mean of those two figures rounded to four decimals, while the mean of the six
  timelines' F1 would be 78.20), although its text says "micro-average of the individual F1
  scores". Per timeline, a side with no relation has P (or R) 1 when the other side has none
  either, else 0.
* Comparability: the official scorer builds the reduced graphs with TempEval-3's own code,
  whose choice among equivalent reductions depends on the order relations are added; the
  most verifiable choice made here is an upper bound of any such choice, so these figures
  are not strictly comparable with the scores published for the 2015 task.

Systems, each written in the official format (one folder per system and corpus under
``--out``, one file per target) and scored from the files it wrote:

* ``gold``: the gold timelines themselves, written and read back (sanity check: 100).
* ``dct`` (baseline): storyline's event mentions of the target, each anchored at its
  article's publication date and ordered by it.
* ``storyline``: the same events anchored at their own date (``Event.date``, truncated to
  year, month or day); undated events go to position 0 (ignored by the scorer).
* ``storyline+dct``: as ``storyline``, but undated events are anchored at the publication date.

Events come from ``storyline.nlp.pipeline.Analyzer`` run on each rebuilt text (title None, the
text as body, published = the DCT), so ``Document.text`` is the rebuilt text and trigger
offsets index it; a trigger covers the CAT tokens its span overlaps (within the first one's
sentence), which give ``docid-sentid-extent`` with the token texts joined by ``_``. An event
belongs to a target's timeline when one of its actor or recipient entities matches the
target (the task's entities are the event's participants, its agent or patient; storyline's
``participants``, any other entity inside its arguments' phrases — "owners of its new iPhone
4" — are not used: on trial they added 58 listed mentions of which 4 were in the gold, 37.5 →
40.4 F1 without them): the entity's name or any of its mentions' texts, lower-cased with
possessive 's and dots removed and split into word tokens (``&`` kept: ``s&p``), matches when
it (1) contains every token of the target name ("the Boeing 787 Dreamliner"), or is made of
the target's tokens only and (2) includes its last one, the head ("Dreamliner", "787
Dreamliner", "Gallois", "Federal Reserve"), or (3) includes its first one when no other
target of the corpus has that word and the entity is not a country, place or location
("Nasdaq", "Dow Jones", "FTSE 100", "Northrop", "Daimler"; but "Boeing" alone is not "Boeing
777", "General Motors" is not "General Motors creditors", "US" is none of "US Dollar" and "US
Federal Reserve", the country "Singapore" is not "Singapore Airlines"), or (4) is the
target's initials as a single word ("GM", "UAW", "NYSE"). Ordering: anchors chronologically
by (year, month, day) with a missing month or day counting as 0, so a coarser anchor comes
before the finer ones inside it (2008 < 2008-01 < 2008-01-15 < 2008-02), which is what the gold
does (77 of 86 such pairs); events with the same anchor share a position. Anchors are written
``YYYY-MM-DD`` with ``XX`` for unknown parts, the test gold's style. An event id met twice
keeps its first anchor (document order).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from common import DEFAULT_DATA, Stopwatch, header, print_header, write_json
from meantime import Token, creation_time, decide_dct, parse_dateline, rebuild_text

if TYPE_CHECKING:
    from storyline.model import Document, Entity

DATASET = "semeval2015-timeline"
TRIAL_CAT = "Corpus-trial-data_task4"
TRIAL_GOLD = "TimeLines_trial_data_task4_v1.2"
TEST_ROOT = "SemEval_Task4_data"
TEST_CORPORA = ("corpus_1", "corpus_2", "corpus_3")
TEST_CAT = "corpus_trackA_CAT"
TEST_GOLD = "TimeLines_Gold_Standard"
SPLITS = ("trial", "test")
SYSTEMS = ("gold", "dct", "storyline", "storyline+dct")
STORYLINE_SYSTEMS = ("dct", "storyline", "storyline+dct")
VARIANTS = ("full", "ord")  # with time anchors; ordering only
UNORDERED = 0  # the position of events that could not be ordered
UNKNOWN_ANCHOR = "XXXX-XX-XX"
ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
NAME_TOKEN = re.compile(r"[a-z0-9&]+")
POSSESSIVE = re.compile(r"['’]s\b")
DATELINE_SENTENCE = 1
PLACE_TYPES = frozenset({"country", "place", "location"})

Node = tuple[str, str]  # ("event", "11778-2-launch") or ("timex", "2008-02")
Anchor = tuple[int, int, int]  # year, month, day; 0 where unknown

# ------------------------------------------------------------------------------------ loading


@dataclass(frozen=True)
class CatToken:
    """One CAT token: its id, number, sentence, text and character span in the rebuilt text."""

    t_id: int
    number: int
    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CatDocument:
    """One Track A document: id, publication date, rebuilt text and its tokens."""

    doc_id: str
    name: str
    dct: str
    dct_note: str | None
    text: str
    tokens: tuple[CatToken, ...]

    def covered(self, start: int, end: int) -> list[CatToken]:
        """The tokens a character span overlaps, within the sentence of the first of them."""
        hits = [t for t in self.tokens if t.start < end and start < t.end]
        return [t for t in hits if t.sentence == hits[0].sentence] if hits else []

    def mention_id(self, start: int, end: int) -> str | None:
        """The ``docid-sentid-extent`` id of the tokens a span covers (None: it covers none)."""
        tokens = self.covered(start, end)
        if not tokens:
            return None
        return f"{self.doc_id}-{tokens[0].sentence}-{'_'.join(t.text for t in tokens)}"


@dataclass(frozen=True)
class TimelineRow:
    """One row of a timeline: its position, time anchor and (coreferent) event mentions."""

    position: int
    anchor: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    """A target entity's timeline: the entity as written on the first line, and its rows."""

    entity: str
    rows: tuple[TimelineRow, ...]


@dataclass(frozen=True)
class Target:
    """A target entity: its name and the file name (without ``.txt``) of its timeline."""

    name: str
    file: str


@dataclass(frozen=True)
class Corpus:
    """One corpus of the split: its documents, target entities and gold timelines."""

    name: str
    documents: tuple[CatDocument, ...]
    targets: tuple[Target, ...]
    gold: Mapping[str, Timeline]  # by target file


def load_cat_document(path: Path) -> CatDocument:
    """Read one CAT XML file: tokens, rebuilt text with token offsets, DCT."""
    root = ET.parse(path).getroot()
    raw = sorted(
        (
            (int(t.get("t_id", "0")), int(t.get("number", "0")), int(t.get("sentence", "0")))
            + (t.text or "",)
            for t in root.iter("token")
        ),
        key=lambda t: t[0],
    )
    text, spans = rebuild_text(
        [Token(str(t_id), sentence, word) for t_id, _, sentence, word in raw]
    )
    tokens = tuple(
        CatToken(t_id, number, sentence, word, *spans[str(t_id)])
        for t_id, number, sentence, word in raw
    )
    dateline = [t for t in tokens if t.sentence == DATELINE_SENTENCE]
    dateline_text = text[dateline[0].start : dateline[-1].end] if dateline else ""
    dct, note = decide_dct(creation_time(root), parse_dateline(dateline_text))
    return CatDocument(
        doc_id=root.get("doc_id") or path.name.split("_")[0].split("-")[0],
        name=root.get("doc_name", path.stem),
        dct=dct,
        dct_note=note,
        text=text,
        tokens=tokens,
    )


def parse_timeline(text: str) -> Timeline:
    """A timeline from the tab format (first line: the entity; blank lines are skipped)."""
    lines = text.splitlines()
    if not lines:
        return Timeline("", ())
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0].isdigit():
            raise ValueError(f"line {number}: not 'position<TAB>anchor<TAB>events': {line!r}")
        events = tuple(c for c in cells[2:] if c)
        rows.append(TimelineRow(int(cells[0]), cells[1], events))
    return Timeline(lines[0].strip(), tuple(rows))


def read_timeline(path: Path) -> Timeline:
    """Read a timeline file."""
    return parse_timeline(path.read_text(encoding="utf-8"))


def format_timeline(timeline: Timeline) -> str:
    """A timeline in the tab format."""
    lines = [timeline.entity]
    lines += ["\t".join([str(r.position), r.anchor, *r.events]) for r in timeline.rows]
    return "\n".join(lines) + "\n"


def write_timeline(path: Path, timeline: Timeline) -> None:
    """Write a timeline file (its folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_timeline(timeline), encoding="utf-8")


def target_file(name: str) -> str:
    """A target's timeline file name (no ``.txt``): lower case, ``_`` for spaces."""
    return "_".join(name.lower().split())


def dataset_dir(data: str | Path) -> Path:
    """The dataset folder under a data directory (``DATA/semeval2015-timeline``, or DATA itself)."""
    base = Path(data)
    for candidate in (base / DATASET, base):
        if (candidate / TEST_ROOT).is_dir() or (candidate / TRIAL_GOLD).is_dir():
            return candidate
    raise FileNotFoundError(f"no {DATASET}/ under {base}")


def load_gold(folder: Path, targets: Sequence[Target]) -> dict[str, Timeline]:
    """The gold timeline of each target (a missing file is an error)."""
    gold = {}
    for target in targets:
        path = folder / f"{target.file}.txt"
        if not path.is_file():
            raise FileNotFoundError(f"no gold timeline for {target.name!r}: {path}")
        gold[target.file] = read_timeline(path)
    return gold


def load_documents(folder: Path) -> tuple[CatDocument, ...]:
    """Every CAT document of a folder, by id."""
    documents = [load_cat_document(p) for p in sorted(folder.glob("*.xml"))]
    if not documents:
        raise FileNotFoundError(f"no CAT documents in {folder}")
    return tuple(sorted(documents, key=lambda d: int(d.doc_id) if d.doc_id.isdigit() else 0))


def load_split(data: str | Path, split: str) -> list[Corpus]:
    """The corpora of a split: ``trial`` (one corpus) or ``test`` (three)."""
    base = dataset_dir(data)
    if split == "trial":
        gold_dir = base / TRIAL_GOLD
        files = sorted(p.stem for p in gold_dir.glob("*.txt"))
        gold = {f: read_timeline(gold_dir / f"{f}.txt") for f in files}
        targets = tuple(Target(gold[f].entity, f) for f in files)
        return [Corpus("trial", load_documents(base / TRIAL_CAT), targets, gold)]
    if split != "test":
        raise ValueError(f"unknown split {split!r}: trial or test")
    corpora = []
    for name in TEST_CORPORA:
        folder = base / TEST_ROOT / name
        listed = (folder / f"list_target_entities_{name}.txt").read_text(encoding="utf-8")
        names = list(dict.fromkeys(n.strip() for n in listed.splitlines() if n.strip()))
        targets = tuple(Target(n, target_file(n)) for n in names)
        gold = load_gold(folder / TEST_GOLD, targets)
        corpora.append(Corpus(name, load_documents(folder / TEST_CAT), targets, gold))
    return corpora


# ------------------------------------------------------------------------------------ anchors


def normalize_anchor(anchor: str) -> str | None:
    """An anchor without its unknown trailing parts (``2008-02-XX`` → ``2008-02``).

    None when it has no year (``XXXX-XX-XX``, ``ZZZZ``).
    """
    match = ISO_PREFIX.match(anchor.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None or not 1 <= int(day) <= 31:
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def anchor_key(anchor: str) -> Anchor:
    """The chronological sort key of a normalised anchor: a coarser one sorts first."""
    parts = [int(p) for p in anchor.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def format_anchor(anchor: str) -> str:
    """A normalised anchor in the test gold's style (``2008-02`` → ``2008-02-XX``)."""
    parts = anchor.split("-")
    return "-".join(parts + ["XX"] * (3 - len(parts)))


# ------------------------------------------------------------------------------------- metric


class _Partition:
    """Union-find over hashable items."""

    def __init__(self, items: Iterable[Node] = ()) -> None:
        self.parent: dict[Node, Node] = {x: x for x in items}

    def find(self, x: Node) -> Node:
        """The representative of x's class (path halving)."""
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: Node, y: Node) -> None:
        """Join the classes of x and y."""
        self.parent[self.find(x)] = self.find(y)

    def classes(self) -> list[list[Node]]:
        """The classes, each sorted, in order of their smallest member."""
        found: dict[Node, list[Node]] = defaultdict(list)
        for x in self.parent:
            found[self.find(x)].append(x)
        return sorted((sorted(c) for c in found.values()), key=lambda c: c[0])


@dataclass(frozen=True)
class SimClass:
    """A class of nodes joined by stated SIMULTANEOUS links, and those links."""

    nodes: tuple[Node, ...]
    links: tuple[tuple[Node, Node], ...]


@dataclass(frozen=True)
class TimelineGraph:
    """A timeline's relation graph: its SIMULTANEOUS classes and the chain of its blocks.

    ``block_of`` gives every node's block: nodes in one block are SIMULTANEOUS in the closure,
    nodes of an earlier block BEFORE those of a later one. ``block_events`` lists each block's
    event nodes (the ends of its BEFORE relations).
    """

    classes: tuple[SimClass, ...]
    block_events: tuple[tuple[Node, ...], ...]
    block_of: Mapping[Node, int]

    @property
    def relations(self) -> int:
        """The number of relations of the reduced graph."""
        links = sum(len(c.nodes) - 1 for c in self.classes)
        return links + max(0, len(self.block_events) - 1)

    def simultaneous(self, x: Node, y: Node) -> bool:
        """Whether the closure has x SIMULTANEOUS y (both nodes present, same block)."""
        bx, by = self.block_of.get(x), self.block_of.get(y)
        return bx is not None and bx == by

    def before(self, x: Node, y: Node) -> bool:
        """Whether the closure has x BEFORE y."""
        bx, by = self.block_of.get(x), self.block_of.get(y)
        return bx is not None and by is not None and bx < by

    def verified_in(self, other: TimelineGraph) -> int:
        """How many of this graph's reduced relations the other graph's closure verifies."""
        verified = 0
        for sim in self.classes:
            pieces = _Partition(sim.nodes)
            for x, y in sim.links:
                if other.simultaneous(x, y):
                    pieces.union(x, y)
            verified += len(sim.nodes) - len(pieces.classes())
        for first, second in itertools.pairwise(self.block_events):
            verified += any(other.before(x, y) for x in first for y in second)
        return verified


def timeline_graph(timeline: Timeline | None, anchors: bool = True) -> TimelineGraph:
    """The relation graph of a timeline (``anchors``: the full variant, with TIMEX nodes)."""
    positions: dict[Node, set[int]] = defaultdict(set)
    at: dict[int, dict[Node, None]] = defaultdict(dict)  # events at each position, in order
    links: list[tuple[Node, Node]] = []
    for row in timeline.rows if timeline else ():
        if row.position == UNORDERED:
            continue
        timex = normalize_anchor(row.anchor) if anchors else None
        for event in row.events:
            node = ("event", event)
            positions[node].add(row.position)
            at[row.position][node] = None
            if timex is not None:
                links.append((node, ("timex", timex)))
    for events in at.values():
        links.extend(itertools.combinations(events, 2))
    partition = _Partition(positions)
    for x, y in links:
        partition.union(x, y)
    by_root: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for x, y in links:
        by_root[partition.find(x)].append((x, y))
    classes = [
        SimClass(tuple(c), tuple(by_root[partition.find(c[0])])) for c in partition.classes()
    ]
    block_events, block_of = _chain(classes, positions)
    return TimelineGraph(tuple(classes), block_events, block_of)


def _chain(
    classes: Sequence[SimClass], positions: Mapping[Node, set[int]]
) -> tuple[tuple[tuple[Node, ...], ...], dict[Node, int]]:
    """The blocks of the closure (their events, each node's block): classes ordered by
    position, a class whose span overlaps the block before it merged into that block."""
    spans = []
    for sim in classes:
        held = [p for node in sim.nodes for p in positions.get(node, ())]
        spans.append((min(held), max(held), sim))
    spans.sort(key=lambda s: (s[0], s[1]))
    blocks: list[list[SimClass]] = []
    reach = -1
    for low, high, sim in spans:
        if blocks and low <= reach:
            blocks[-1].append(sim)  # the class overlaps the block: a BEFORE cycle collapses
        else:
            blocks.append([sim])
        reach = max(reach, high)
    block_of = {node: i for i, block in enumerate(blocks) for sim in block for node in sim.nodes}
    block_events = tuple(
        tuple(sorted(n for sim in block for n in sim.nodes if n[0] == "event")) for block in blocks
    )
    return block_events, block_of


@dataclass
class Counts:
    """The counts behind temporal-awareness precision and recall (summable: micro average)."""

    system_verified: int = 0
    system_relations: int = 0
    gold_verified: int = 0
    gold_relations: int = 0

    def add(self, other: Counts) -> None:
        """Add another timeline's counts."""
        self.system_verified += other.system_verified
        self.system_relations += other.system_relations
        self.gold_verified += other.gold_verified
        self.gold_relations += other.gold_relations

    @property
    def precision(self) -> float:
        """Verified system relations over system relations (1 when both sides have none)."""
        if not self.system_relations:
            return 0.0 if self.gold_relations else 1.0
        return self.system_verified / self.system_relations

    @property
    def recall(self) -> float:
        """Verified gold relations over gold relations (1 when both sides have none)."""
        if not self.gold_relations:
            return 0.0 if self.system_relations else 1.0
        return self.gold_verified / self.gold_relations

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        """Precision, recall, F1 and the counts."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "system_verified": self.system_verified,
            "system_relations": self.system_relations,
            "gold_verified": self.gold_verified,
            "gold_relations": self.gold_relations,
        }


def score_timeline(gold: Timeline, system: Timeline | None, anchors: bool = True) -> Counts:
    """Temporal awareness of one system timeline (None: missing) against the gold one."""
    gold_graph = timeline_graph(gold, anchors)
    system_graph = timeline_graph(system, anchors)
    return Counts(
        system_verified=system_graph.verified_in(gold_graph),
        system_relations=system_graph.relations,
        gold_verified=gold_graph.verified_in(system_graph),
        gold_relations=gold_graph.relations,
    )


def score_folder(
    gold: Mapping[str, Timeline], folder: Path, anchors: bool = True
) -> tuple[Counts, dict[str, Counts]]:
    """Micro-averaged counts of a folder of system timelines, and each timeline's counts."""
    total, each = Counts(), {}
    for name, timeline in gold.items():
        path = folder / f"{name}.txt"
        counts = score_timeline(timeline, read_timeline(path) if path.is_file() else None, anchors)
        total.add(counts)
        each[name] = counts
    return total, each


# ------------------------------------------------------------------------------------ systems


@dataclass(frozen=True)
class EntityNames:
    """What target matching needs of an entity: the tokens of its names, whether a place."""

    names: tuple[tuple[str, ...], ...]  # its name and its mentions' texts, as name tokens
    place: bool  # a country, place or location ("Singapore" is not Singapore Airlines)


@dataclass(frozen=True)
class SystemEvent:
    """An event mention a system found: its id, own date (normalised) and entity names."""

    mention: str  # docid-sentid-extent
    dct: str  # the publication date of its article
    date: str | None  # its own date: YYYY, YYYY-MM or YYYY-MM-DD; None when undated
    entities: tuple[EntityNames, ...]  # its actors and recipients


@dataclass
class Analysis:
    """storyline's events for every document of a corpus, and how the mapping went."""

    events: list[SystemEvent] = field(default_factory=list)
    found: int = 0  # events storyline produced
    unmapped: int = 0  # events whose trigger covers no CAT token
    seconds: float = 0.0


def name_tokens(text: str) -> tuple[str, ...]:
    """The word tokens of a name: lower case, possessive 's and dots removed, ``&`` kept."""
    cleaned = POSSESSIVE.sub("", text.lower()).replace(".", "")
    return tuple(NAME_TOKEN.findall(cleaned))


def matches_target(
    target: Sequence[str],
    candidate: Sequence[str],
    shared: Collection[str] = (),
    place: bool = False,
) -> bool:
    """Whether a name (tokens) designates the target entity (tokens): see the module docstring.

    ``shared``: the words of the corpus' other target names; ``place``: the name is a place's.
    """
    if not target or not candidate:
        return False
    wanted, have = set(target), set(candidate)
    if wanted <= have:
        return True
    if have <= wanted:
        if target[-1] in have:
            return True
        if target[0] in have and target[0] not in shared and not place:
            return True
    initials = "".join(word[0] for word in target)
    return len(target) > 1 and len(candidate) == 1 and candidate[0] == initials


def entity_names(entity: Entity) -> EntityNames:
    """The distinct name tokens of an entity (its name, its mentions' texts) and its kind."""
    names = [name_tokens(entity.name), *(name_tokens(m.text) for m in entity.mentions)]
    return EntityNames(tuple(dict.fromkeys(n for n in names if n)), entity.type in PLACE_TYPES)


def takes_part(event: SystemEvent, target: Sequence[str], shared: Collection[str] = ()) -> bool:
    """Whether one of an event's entities matches the target."""
    return any(
        matches_target(target, name, shared, entity.place)
        for entity in event.entities
        for name in entity.names
    )


def event_date(value: str | None) -> str | None:
    """An event date as an anchor: year, month or day of an ISO value (None: not a date)."""
    return normalize_anchor(value) if value else None


def document_events(doc: CatDocument, analysed: Document, analysis: Analysis) -> None:
    """Add the events of one analysed document to ``analysis`` (with ids and entity names)."""
    if analysed.text != doc.text:
        raise ValueError(f"document {doc.doc_id}: storyline changed the text; offsets unusable")
    entities = {e.id: e for e in analysed.entities}
    for event in analysed.events:
        analysis.found += 1
        mention = doc.mention_id(event.trigger.start, event.trigger.end)
        if mention is None:
            analysis.unmapped += 1
            continue
        ids = dict.fromkeys([*event.actor, *event.recipient])
        found = tuple(entity_names(entities[i]) for i in ids if i in entities)
        analysis.events.append(SystemEvent(mention, doc.dct, event_date(event.date), found))


def analyze_corpus(documents: Sequence[CatDocument]) -> Analysis:
    """Run storyline's pipeline on every document (title None, rebuilt text as body)."""
    from storyline.model import Article
    from storyline.nlp.pipeline import Analyzer

    analysis = Analysis()
    with Stopwatch() as clock:
        analyzer = Analyzer()
        articles = (Article(body=d.text, title=None, published=d.dct) for d in documents)
        for doc, analysed in zip(documents, analyzer.analyze_many(articles), strict=True):
            document_events(doc, analysed, analysis)
    analysis.seconds = clock.seconds
    return analysis


def build_timeline(entity: str, events: Iterable[tuple[str, str | None]]) -> Timeline:
    """A timeline of (mention id, normalised anchor or None) pairs: by anchor, ties together.

    Undated mentions go to position 0; a mention met twice keeps its first anchor.
    """
    anchors: dict[str, str | None] = {}
    for mention, anchor in events:
        anchors.setdefault(mention, anchor)
    dated = sorted({a for a in anchors.values() if a is not None}, key=anchor_key)
    position = {a: i for i, a in enumerate(dated, start=1)}
    rows = [TimelineRow(UNORDERED, UNKNOWN_ANCHOR, (m,)) for m, a in anchors.items() if a is None]
    rows += sorted(
        (
            TimelineRow(position[a], format_anchor(a), (m,))
            for m, a in anchors.items()
            if a is not None
        ),
        key=lambda r: r.position,
    )
    return Timeline(entity, tuple(rows))


def system_anchor(system: str, event: SystemEvent) -> str | None:
    """The anchor a storyline-based system gives an event."""
    if system == "dct":
        return event.dct
    if system == "storyline":
        return event.date
    if system == "storyline+dct":
        return event.date or event.dct
    raise ValueError(f"unknown system {system!r}")


def system_timelines(
    system: str, corpus: Corpus, analysis: Analysis | None
) -> Iterator[tuple[Target, Timeline]]:
    """Each target's timeline as a system produces it."""
    for target in corpus.targets:
        if system == "gold":
            yield target, corpus.gold[target.file]
            continue
        if analysis is None:
            raise ValueError(f"system {system!r} needs storyline's analysis")
        wanted = name_tokens(target.name)
        others = {w for t in corpus.targets if t != target for w in name_tokens(t.name)}
        mine = (e for e in analysis.events if takes_part(e, wanted, others))
        pairs = ((e.mention, system_anchor(system, e)) for e in mine)
        yield target, build_timeline(target.name, pairs)


def event_counts(gold: Mapping[str, Timeline], folder: Path) -> dict[str, int]:
    """Event mentions a system listed (ordered ones apart), and the ordered ones in the gold."""
    listed = ordered = in_gold = 0
    for name, timeline in gold.items():
        path = folder / f"{name}.txt"
        if not path.is_file():
            continue
        truth = {e for r in timeline.rows if r.position != UNORDERED for e in r.events}
        rows = read_timeline(path).rows
        mentions = {e for r in rows for e in r.events}
        placed = {e for r in rows if r.position != UNORDERED for e in r.events}
        listed += len(mentions)
        ordered += len(placed)
        in_gold += len(placed & truth)
    gold_events = sum(
        len({e for r in t.rows if r.position != UNORDERED for e in r.events}) for t in gold.values()
    )
    return {"listed": listed, "ordered": ordered, "ordered_in_gold": in_gold, "gold": gold_events}


# ------------------------------------------------------------------------------------- runner


def run(
    split: str = "trial",
    data: str | Path = DEFAULT_DATA,
    systems: Sequence[str] = SYSTEMS,
    out: str | Path | None = None,
) -> dict[str, Any]:
    """Write every system's timelines for the split's corpora, score them, return the figures.

    Returns ``{"split", "data", "out", "systems", "corpora", "overall"}``: ``corpora`` maps each
    corpus (``trial``; ``corpus_1``..``corpus_3``) to ``{"documents", "targets", "analysis",
    "systems"}``, where ``systems[name]`` is ``{"full", "ord", "events"}``; ``full`` and ``ord``
    hold ``precision``, ``recall``, ``f1`` (micro over the corpus' timelines, 0-1), the four
    relation counts and ``timelines`` (target file → precision, recall, f1); ``events`` counts
    the mentions listed and ordered and those in the gold. ``overall[name][variant]`` is the
    micro average over all the split's corpora (no ``timelines``). ``out=None`` writes to a
    temporary folder that is removed afterwards.
    """
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise ValueError(f"unknown systems {unknown}: choose from {SYSTEMS}")
    if out is None:
        with tempfile.TemporaryDirectory(prefix="semeval-timeline-") as tmp:
            return _run(split, Path(data), systems, Path(tmp), keep=False)
    return _run(split, Path(data), systems, Path(out), keep=True)


def _run(split: str, data: Path, systems: Sequence[str], out: Path, keep: bool) -> dict[str, Any]:
    corpora = load_split(data, split)
    overall = {s: {v: Counts() for v in VARIANTS} for s in systems}
    report: dict[str, Any] = {}
    for corpus in corpora:
        needs_storyline = bool(set(systems) & set(STORYLINE_SYSTEMS))
        analysis = analyze_corpus(corpus.documents) if needs_storyline else None
        figures: dict[str, Any] = {}
        for system in systems:
            folder = out / corpus.name / system
            for target, timeline in system_timelines(system, corpus, analysis):
                write_timeline(folder / f"{target.file}.txt", timeline)
            figures[system] = {"events": event_counts(corpus.gold, folder)}
            for variant in VARIANTS:
                total, each = score_folder(corpus.gold, folder, anchors=variant == "full")
                overall[system][variant].add(total)
                figures[system][variant] = total.as_dict() | {
                    "timelines": {
                        name: {"precision": c.precision, "recall": c.recall, "f1": c.f1}
                        for name, c in each.items()
                    }
                }
        report[corpus.name] = {
            "documents": len(corpus.documents),
            "targets": [t.file for t in corpus.targets],
            "analysis": None
            if analysis is None
            else {
                "events": analysis.found,
                "unmapped_triggers": analysis.unmapped,
                "mapped": len(analysis.events),
                "seconds": round(analysis.seconds, 2),
            },
            "systems": figures,
        }
    return {
        "split": split,
        "data": str(dataset_dir(data)),
        "out": str(out) if keep else None,
        "systems": list(systems),
        "corpora": report,
        "overall": {s: {v: c.as_dict() for v, c in by.items()} for s, by in overall.items()},
    }


# ------------------------------------------------------------------------------------- report


def _row(label: str, figures: Mapping[str, Any]) -> str:
    system = f"{figures['system_verified']}/{figures['system_relations']}"
    gold = f"{figures['gold_verified']}/{figures['gold_relations']}"
    return (
        f"  {label:<15}{100 * figures['precision']:7.2f}{100 * figures['recall']:7.2f}"
        f"{100 * figures['f1']:7.2f}   {system:>13} {gold:>13}"
    )


def print_report(result: Mapping[str, Any], ord_also: bool, timelines: bool) -> None:
    """Print the per-corpus and overall tables."""
    variants = VARIANTS if ord_also else ("full",)
    titles = {"full": "ordering and time anchors", "ord": "ordering only (--ord)"}
    columns = (
        f"  {'system':<15}{'P':>7}{'R':>7}{'F1':>7}   {'sys verified':>13} {'gold verified':>13}"
    )
    for name, corpus in result["corpora"].items():
        analysis = corpus["analysis"]
        print(f"\n== {name}: {corpus['documents']} documents, {len(corpus['targets'])} targets ==")
        if analysis:
            print(
                f"storyline: {analysis['events']} events, {analysis['unmapped_triggers']} triggers"
                f" on no token, {analysis['seconds']:.1f} s"
            )
        for system, figures in corpus["systems"].items():
            ev = figures["events"]
            print(
                f"  {system}: {ev['listed']} mentions listed, {ev['ordered']} ordered,"
                f" {ev['ordered_in_gold']} of them in the gold (which orders {ev['gold']})"
            )
        for variant in variants:
            print(f"-- {titles[variant]} (micro over the timelines)\n{columns}")
            for system, figures in corpus["systems"].items():
                print(_row(system, figures[variant]))
                if timelines:
                    for target, t in figures[variant]["timelines"].items():
                        print(
                            f"      {target:<28}{100 * t['precision']:7.2f}"
                            f"{100 * t['recall']:7.2f}{100 * t['f1']:7.2f}"
                        )
    if len(result["corpora"]) > 1:
        print(f"\n== all {len(result['corpora'])} corpora together (micro) ==")
        for variant in variants:
            print(f"-- {titles[variant]}\n{columns}")
            for system, by in result["overall"].items():
                print(_row(system, by[variant]))
    if result["out"]:
        print(f"\ntimelines written under {result['out']}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--split", choices=SPLITS, default="trial", help="trial (dev) or test")
    parser.add_argument(
        "--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS), help="systems to score"
    )
    parser.add_argument("--ord-also", action="store_true", help="also print ordering-only")
    parser.add_argument("--timelines", action="store_true", help="print each timeline's figures")
    parser.add_argument("--out", type=Path, default=None, help="keep the timelines here")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    args = parse_args(argv)
    info = header("semeval2015-timeline")
    print_header(info, {"split": args.split, "systems": " ".join(args.systems)})
    result = run(args.split, args.data, args.systems, args.out)
    print(f"data:     {result['data']}")
    print_report(result, args.ord_also, args.timelines)
    if args.json:
        write_json(args.json, info | {"results": result})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

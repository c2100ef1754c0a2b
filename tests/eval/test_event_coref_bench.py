"""``benchmarks/event_coref.py`` and the event loader of ``benchmarks/meantime.py``.

The clustering and pair scores are checked on hand-made mentions whose figures are worked out
in the comments; the loader on the real MEANTIME folder (``corpus`` tests, skipped without
../shared/data). storyline is not run here (it needs the spaCy model): its plumbing is fed
stand-ins for ``resolve`` and ``merge_events``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from storyline.model import MergedEvent, Report
from tests.eval import benchmark

event_coref = benchmark("event_coref")
meantime = benchmark("meantime")


def mention(doc: str, m_id: str, instance: str = "", start: int = 0) -> Any:
    """A hand-made gold event mention."""
    return meantime.GoldEventMention(
        id=m_id,
        doc_id=doc,
        start=start,
        end=start + 4,
        text="said",
        tokens=("said",),
        token_spans=((start, start + 4),),
        sentence=2,
        pos="VERB",
        pred="say",
        polarity="POS",
        certainty="CERTAIN",
        event="9",
        event_class="SPEECH_COGNITIVE",
        instance=instance or f"{doc}/ev9",
        cross_doc=bool(instance),
        in_scope=True,
        layer="document",
    )


# ------------------------------------------------------------------------------- scoring

# Key: X = {A/1, A/2, B/1}, Y = {B/2}. Response: R1 = {A/1, B/1}, R2 = {A/2, B/2}.
KEY = {("A", "1"): "X", ("A", "2"): "X", ("B", "1"): "X", ("B", "2"): "Y"}
RESPONSE = {("A", "1"): "R1", ("B", "1"): "R1", ("A", "2"): "R2", ("B", "2"): "R2"}


def test_pair_counts() -> None:
    # {A,A,B}: 3 pairs, 1 within A, 2 across; {A,B}: 1 across; {B}: none
    groups = [[("A", "1"), ("A", "2"), ("B", "1")], [("A", "3"), ("B", "3")], [("B", "4")]]
    assert event_coref.pair_counts(groups) == (1, 3)


def test_pair_scores_by_hand() -> None:
    # Gold pairs: within A/1-A/2; across A/1-B/1, A/2-B/1. Response pairs: across A/1-B/1 and
    # A/2-B/2. Right: A/1-B/1 (X and R1) only. Across: P 1/2, R 1/2. Within: none predicted
    # (P 0 by convention), R 0/1.
    pairs = event_coref.pair_scores(KEY, RESPONSE)
    across, within = pairs["cross_document"], pairs["within_document"]
    assert (across["tp"], across["predicted"], across["gold"]) == (1, 2, 2)
    assert across["precision"] == across["recall"] == across["f1"] == pytest.approx(0.5)
    assert (within["tp"], within["predicted"], within["gold"]) == (0, 0, 1)
    assert within["f1"] == 0.0


def test_score_labels_uses_the_coreference_metrics() -> None:
    figures = event_coref.score_labels(KEY, RESPONSE)
    # MUC recall: X = {A/1,A/2,B/1} split by the response into {A/1,B/1}{A/2}: 3 - 2 = 1 of 2;
    # Y adds 0 of 0. Precision: R1 within X: 1 of 1; R2 split {A/2}{B/2}: 0 of 1. P = R = 1/2.
    assert figures["muc"]["precision"] == figures["muc"]["recall"] == pytest.approx(0.5)
    assert figures["clusters"] == figures["non_singleton_clusters"] == 2
    assert 0 < figures["conll"]["f1"] < 1
    assert event_coref.score_labels(KEY, KEY)["conll"]["f1"] == pytest.approx(1.0)


def test_baseline_labels() -> None:
    mentions = [mention("A", "1"), mention("A", "2"), mention("B", "1")]
    lemmas = {("A", "1"): "say", ("A", "2"): "win", ("B", "1"): "say"}
    labels = event_coref.lemma_labels(mentions, lemmas)
    assert labels[("A", "1")] == labels[("B", "1")] != labels[("A", "2")]
    by_doc = event_coref.lemma_labels(mentions, lemmas, lambda m: m.doc_id)
    assert by_doc[("A", "1")] != by_doc[("B", "1")]
    singles = event_coref.singleton_labels(mentions)
    assert len(set(singles.values())) == 3
    assert [len(c) for c in event_coref.clusters_of(labels)] == [2, 1]


def test_gold_labels_are_instances() -> None:
    mentions = [mention("A", "1", "OTH1"), mention("B", "7", "OTH1"), mention("B", "8")]
    assert event_coref.gold_labels(mentions) == {
        ("A", "1"): "OTH1",
        ("B", "7"): "OTH1",
        ("B", "8"): "B/ev9",
    }


# ------------------------------------------------------------------ storyline's plumbing


def test_storyline_unavailable_when_its_modules_are_missing(monkeypatch: Any) -> None:
    real = importlib.import_module

    def failing(name: str, package: str | None = None) -> ModuleType:
        if name == "storyline.resolve.events":
            raise ImportError("not written yet")
        return real(name, package)

    monkeypatch.setattr(event_coref.importlib, "import_module", failing)
    found = event_coref.run_storyline([])
    assert not found.available
    assert "not written yet" in found.note
    assert found.labels == {}


class FakeEntry:
    """Stands in for a MEANTIME EventDocument: only ``doc.doc_id`` is read."""

    def __init__(self, doc_id: str) -> None:
        self.doc = type("Doc", (), {"doc_id": doc_id})()


def test_merged_labels_read_the_reports() -> None:
    coded = event_coref.Coded(
        documents={"100": {"id": "a1"}, "200": {"id": "a2"}},
        meantime_id={"a1": "100", "a2": "200"},
    )
    resolved: list[int] = []

    def merge(documents: list[Any]) -> list[MergedEvent]:
        assert documents == [{"id": "a1"}, {"id": "a2"}]  # copies, in order
        return [
            MergedEvent("m1", "AGREE", reports=[Report("a1", "5"), Report("a2", "7")]),
            MergedEvent("m2", "OTHER", reports=[Report("a2", "7"), Report("a2", "8")]),
        ]

    watches = {"resolve": event_coref.Stopwatch(), "merge": event_coref.Stopwatch()}
    labels, tally = event_coref.merged_labels(
        coded,
        [FakeEntry("100"), FakeEntry("200")],
        "corpus0:",
        lambda documents: resolved.append(len(documents)),
        merge,
        watches,
    )
    assert resolved == [2]  # actors resolved before merging
    assert labels == {
        ("100", "5"): "corpus0:0",
        ("200", "7"): "corpus0:0",
        ("200", "8"): "corpus0:1",
    }
    assert tally == Counter({"merged events": 2, "reports in two merged events": 1})
    assert coded.documents["100"] == {"id": "a1"}  # the originals are left alone


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def corpus(shared_data: Path) -> list[Any]:
    found: list[Any] = meantime.load_event_corpus(shared_data)
    return found


@pytest.mark.corpus
def test_event_mentions_load(corpus: list[Any]) -> None:
    every = [m for ed in corpus for m in ed.mentions]
    scored = event_coref.scored_mentions(corpus)
    assert len(corpus) == 120
    assert len(every) == 2699
    assert len(scored) == 2110
    assert sum(m.layer == "document" for m in scored) == 2095
    assert sum(len(ed.multi_reference) for ed in corpus) == 9
    assert all(ed.doc.text[m.start : m.end] == m.text for ed in corpus for m in ed.mentions)
    assert all(
        ed.doc.text[s:e] == token
        for ed in corpus
        for m in ed.mentions
        for (s, e), token in zip(m.token_spans, m.tokens, strict=True)
    )
    first = next(ed for ed in corpus if ed.doc.doc_id == "100911").scoped[0]
    assert (first.text, first.pred, first.instance) == ("defeat", "defeat", "OTH40007248568632246")
    counts = event_coref.counts(corpus)
    assert counts["gold_clusters"] == 1695
    assert counts["gold_clusters_across_documents"] == 12


@pytest.mark.corpus
def test_event_and_entity_layers_share_text(shared_data: Path, corpus: list[Any]) -> None:
    entities = meantime.load_entity_corpus(shared_data, corpora={"airbus"})
    events = {ed.doc.doc_id: ed.doc for ed in corpus}
    for ed in entities:
        assert events[ed.doc.doc_id].text == ed.doc.text
        assert events[ed.doc.doc_id].annotated_end == ed.doc.annotated_end

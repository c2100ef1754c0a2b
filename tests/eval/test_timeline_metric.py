"""The SemEval-2015 TimeLine metric of ``benchmarks/semeval_timeline.py`` on cases worked by hand.

Events are letters (the metric only compares id strings); a timeline is written as in the
task's tab format. Every expected number is derived in the comment above it from the rules in
the module docstring: reduced relations = per SIMULTANEOUS class of k nodes, k-1 links (a class
split into c pieces by the other graph verifies k-c), plus one BEFORE per pair of consecutive
blocks (verified when some event of the first is BEFORE some event of the second in the other
graph); the full variant adds one TIMEX node per distinct anchor, the ``ord`` variant none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.eval import benchmark

tl = benchmark("semeval_timeline")


def timeline(text: str) -> Any:
    """A timeline from rows written with spaces for tabs (first line: the entity)."""
    lines = text.strip().splitlines()
    rows = ["\t".join(line.split()) for line in lines[1:]]
    return tl.parse_timeline("\n".join([lines[0].strip(), *rows]))


def close(counts: Any, precision: float, recall: float, f1: float) -> None:
    """Assert a ``Counts``' precision, recall and F1."""
    assert counts.precision == pytest.approx(precision)
    assert counts.recall == pytest.approx(recall)
    assert counts.f1 == pytest.approx(f1)


# Gold: A in 2003; B and C in 2007 (simultaneous); D in 2008.
GOLD = timeline(
    """
    target
    1 2003 A
    2 2007 B C
    3 2008 D
    """
)
# System: A in 2003; B and D together in 2008; C missed.
SYSTEM = timeline(
    """
    target
    1 2003 A
    2 2008 B D
    """
)


def test_worked_example_full() -> None:
    # Gold classes {A,T03} 1 link, {B,C,T07} 2 links, {D,T08} 1 link; 2 BEFOREs: 6 relations.
    # System classes {A,T03} 1, {B,D,T08} 2; 1 BEFORE: 4 relations.
    # Precision: {A,T03} verified (1). {B,D,T08}: B-D no (gold blocks 2 and 3), B-T08 no,
    #   D-T08 yes -> pieces {D,T08}{B}: 3-2 = 1. BEFORE {A}->{B,D}: A<B in gold: 1. P = 3/4.
    # Recall: {A,T03} 1; {B,C,T07}: C and T07 absent from the system -> 0; {D,T08} 1;
    #   {A}->{B,C}: A<B in the system: 1; {B,C}->{D}: B and D share a system block, C absent: 0.
    #   R = 3/6. F1 = 2(3/4)(1/2)/(5/4) = 0.6.
    counts = tl.score_timeline(GOLD, SYSTEM, anchors=True)
    assert (counts.system_verified, counts.system_relations) == (3, 4)
    assert (counts.gold_verified, counts.gold_relations) == (3, 6)
    close(counts, 0.75, 0.5, 0.6)


def test_worked_example_ordering_only() -> None:
    # Gold: {A}, {B,C} (1 link), {D}; 2 BEFOREs: 3 relations. System: {A}, {B,D} (1 link);
    # 1 BEFORE: 2 relations.
    # Precision: B-D not simultaneous in the gold: 0; A<B: 1. P = 1/2.
    # Recall: B-C: C absent: 0; A<B: 1; B<D: same system block: 0. R = 1/3.
    # F1 = 2(1/2)(1/3)/(5/6) = 0.4.
    close(tl.score_timeline(GOLD, SYSTEM, anchors=False), 0.5, 1 / 3, 0.4)


# The scorer README's own example timeline.
ITUNES = timeline(
    """
    iTunes
    1 2003 11778-3-launch 11778-4-launch
    2 2007 11778-4-pass
    3 2008-01 11778-7-hold
    4 2008-02 11778-2-pass 11778-5-pass
    4 2008-02 11778-3-accounts_for
    """
)


def test_readme_example_relation_counts() -> None:
    # Full: {launch3, launch4, T2003} 2 links, {pass4, T2007} 1, {hold, T2008-01} 1,
    #   {pass2, pass5, accounts_for, T2008-02} 3 (rows of one position are one class); 3 BEFOREs.
    # Ordering only: 1 + 0 + 0 + 2 links and 3 BEFOREs.
    assert tl.timeline_graph(ITUNES, anchors=True).relations == 10
    assert tl.timeline_graph(ITUNES, anchors=False).relations == 6
    for anchors in (True, False):
        close(tl.score_timeline(ITUNES, ITUNES, anchors), 1.0, 1.0, 1.0)


def test_position_zero_is_ignored() -> None:
    # Events at position 0 are no nodes: listing more of them changes nothing.
    padded = tl.Timeline(SYSTEM.entity, (*SYSTEM.rows, tl.TimelineRow(0, "XXXX-XX-XX", ("C", "E"))))
    assert tl.score_timeline(GOLD, padded) == tl.score_timeline(GOLD, SYSTEM)


def test_missing_timeline_scores_zero() -> None:
    # No system file: no system relation; 0 of the gold's 6 verified.
    counts = tl.score_timeline(GOLD, None)
    assert counts.gold_relations == 6 and counts.system_relations == 0
    close(counts, 0.0, 0.0, 0.0)


def test_split_class_counts_links_like_muc() -> None:
    # Gold: A B C D all in 2008: one class {A,B,C,D,T08}: 4 links, no BEFORE.
    # System: {A,B,T08} before {C,D,T09}: 2 + 2 links and 1 BEFORE: 5 relations.
    # Recall: the gold class falls into the system blocks {A,B,T08} and {C,D}: 5-2 = 3 of 4.
    # Precision: {A,B,T08}: 2; {C,D,T09}: C-D yes, T09 absent from the gold: 3-2 = 1;
    #   A<C is not in the gold (simultaneous): 0. P = 3/5. F1 = 2(3/5)(3/4)/(27/20) = 2/3.
    gold = timeline("x\n1 2008 A B C D")
    system = timeline("x\n1 2008 A B\n2 2009 C D")
    close(tl.score_timeline(gold, system), 3 / 5, 3 / 4, 2 / 3)


def test_one_anchor_at_several_positions_joins_them() -> None:
    # Gold orders A before B within 2005 (positions 1 and 2, one anchor), then C in 2006.
    # Full: the anchor joins A and B: {A,B,T05} 2 links, {C,T06} 1 link, 1 BEFORE: 4; the
    #   system that puts A and B at one position has the same closure: 1.0 both ways.
    # Ordering only: gold {A}<{B}<{C}: 2 BEFOREs; system {A,B} 1 link < {C} 1 BEFORE.
    #   P: A-B not simultaneous in the gold 0, {A,B}->{C} 1: 1/2. R: A<B no, B<C yes: 1/2.
    gold = timeline("x\n1 2005 A\n2 2005 B\n3 2006 C")
    system = timeline("x\n1 2005 A B\n2 2006 C")
    assert tl.timeline_graph(gold).relations == 4
    close(tl.score_timeline(gold, system, anchors=True), 1.0, 1.0, 1.0)
    close(tl.score_timeline(gold, system, anchors=False), 0.5, 0.5, 0.5)


def test_anchor_at_enclosing_positions_collapses_the_cycle() -> None:
    # System: A (2008) < B (2009) < C (2008): T08 joins A and C around B, so positions 1-3 are
    #   one block; relations: links A-T08, C-T08 (2) and B-T09 (1), no BEFORE: 3.
    # Gold: {A,C,T08} (2 links) before {B,T09} (1): 4 relations.
    # P: A-T08, C-T08 verified (2), B-T09 (1): 3/3. R: gold links 2 + 1 = 3 verified; the
    #   BEFORE {A,C}->{B} is not (one system block): 3/4. F1 = 2(3/4)/(7/4) = 6/7.
    gold = timeline("x\n1 2008 A C\n2 2009 B")
    system = timeline("x\n1 2008 A\n2 2009 B\n3 2008 C")
    assert tl.timeline_graph(system).relations == 3
    close(tl.score_timeline(gold, system), 1.0, 3 / 4, 6 / 7)


def test_event_id_on_two_rows_is_one_node() -> None:
    # A listed at positions 1 and 2 joins them: ordering only, {A,B} 1 link, then {C}: 2.
    graph = tl.timeline_graph(timeline("x\n1 2008 A\n2 2009 A B\n3 2010 C"), anchors=False)
    assert graph.relations == 2
    assert graph.simultaneous(("event", "A"), ("event", "B"))


def test_wrong_anchor_costs_its_link_only() -> None:
    # Same order, B anchored in 2007 instead of 2008: classes {A,T06}, {B,T07} against
    #   {A,T06}, {B,T08}; 1 BEFORE each. P = R = 2/3 (A's link and the BEFORE).
    gold = timeline("x\n1 2006 A\n2 2008 B")
    system = timeline("x\n1 2006 A\n2 2007 B")
    close(tl.score_timeline(gold, system), 2 / 3, 2 / 3, 2 / 3)
    close(tl.score_timeline(gold, system, anchors=False), 1.0, 1.0, 1.0)


def test_anchor_styles_name_one_node() -> None:
    # 2008-02-XX (test style) and 2008-02 (trial style) are one TIMEX; XXXX-XX-XX is none.
    gold = timeline("x\n1 2008-02-XX A\n2 XXXX-XX-XX B")
    system = timeline("x\n1 2008-02 A\n2 ZZZZ B")
    close(tl.score_timeline(gold, system), 1.0, 1.0, 1.0)
    assert tl.timeline_graph(gold).relations == 2  # A-T, A<B
    assert tl.normalize_anchor("2008-XX-XX") == "2008"
    assert tl.normalize_anchor("2008-02-14") == "2008-02-14"
    assert tl.normalize_anchor("2008-W05") == "2008"
    assert tl.normalize_anchor("XXX-XX-XX") is None
    assert tl.format_anchor("2008") == "2008-XX-XX"


def test_micro_average_is_f1_of_summed_counts() -> None:
    # The README's example: MICRO-PRECISION 92.0732 = 151/164, MICRO-RECALL 57.8059 = 137/237,
    # MICRO-FSCORE 71.0222 their harmonic mean (not the mean of the timelines' F1).
    total = tl.Counts()
    total.add(
        tl.Counts(system_verified=77, system_relations=79, gold_verified=65, gold_relations=146)
    )
    total.add(
        tl.Counts(system_verified=74, system_relations=85, gold_verified=72, gold_relations=91)
    )
    assert 100 * total.precision == pytest.approx(92.0732, abs=5e-5)
    assert 100 * total.recall == pytest.approx(57.8059, abs=5e-5)
    assert 100 * total.f1 == pytest.approx(71.0222, abs=5e-5)
    # The README's 71.022233145 is exactly the harmonic mean of the two rounded figures; the
    # mean of its six timelines' F1 would be 78.2030.
    harmonic = 2 * 92.0732 * 57.8059 / (92.0732 + 57.8059)
    assert harmonic == pytest.approx(71.022233145)


def test_build_timeline_orders_coarse_anchors_first() -> None:
    # 2008 < 2008-01 < 2008-01-15 < 2008-02; ties share a position; undated at position 0.
    built = tl.build_timeline(
        "x",
        [("d", "2008-02"), ("c", "2008-01-15"), ("u", None), ("a", "2008"), ("b", "2008-01")]
        + [("e", "2008-02"), ("a", "2009")],  # a second "a" keeps its first anchor
    )
    assert [(r.position, r.anchor, r.events) for r in built.rows] == [
        (0, "XXXX-XX-XX", ("u",)),
        (1, "2008-XX-XX", ("a",)),
        (2, "2008-01-XX", ("b",)),
        (3, "2008-01-15", ("c",)),
        (4, "2008-02-XX", ("d",)),
        (4, "2008-02-XX", ("e",)),
    ]
    assert tl.parse_timeline(tl.format_timeline(built)) == built


# (target, name, words of the corpus' other targets, the name is a place's, expected)
MATCHES = [
    ("Boeing 787 Dreamliner", "the Boeing 787 Dreamliner", "boeing", False, True),  # contains it
    ("Boeing 787 Dreamliner", "Dreamliner", "boeing", False, True),  # its head word
    ("Louis Gallois", "Gallois's", "", False, True),
    ("Boeing 777", "Boeing", "boeing", False, False),  # "Boeing" is another target
    ("General Motors creditors", "General Motors", "general motors", False, False),
    ("NASDAQ Composite", "Nasdaq", "us dollar", False, True),  # first word, no other target's
    ("Singapore Airlines", "Singapore", "airbus", True, False),  # the country
    ("Singapore Airlines", "Singapore", "airbus", False, True),
    ("General Motors", "GM", "ford", False, True),  # initials
    ("US Dollar", "U.S. dollar", "us federal reserve", False, True),
    ("US Dollar", "US", "us federal reserve", False, False),
]


@pytest.mark.parametrize(("target", "name", "others", "place", "expected"), MATCHES)
def test_matches_target(target: str, name: str, others: str, place: bool, expected: bool) -> None:
    wanted, candidate = tl.name_tokens(target), tl.name_tokens(name)
    assert tl.matches_target(wanted, candidate, set(others.split()), place) is expected


def test_trigger_maps_to_token_ids() -> None:
    # Tokens of sentence 2 of document 11778 at offsets into "Five years after its launch".
    words = ["Five", "years", "after", "its", "launch"]
    tokens, at = [], 0
    for i, word in enumerate(words):
        tokens.append(tl.CatToken(i + 1, i, 2, word, at, at + len(word)))
        at += len(word) + 1
    doc = tl.CatDocument("11778", "x", "2008-04-09", None, " ".join(words), tuple(tokens))
    assert doc.mention_id(21, 27) == "11778-2-launch"
    assert doc.mention_id(11, 20) == "11778-2-after_its"
    assert doc.mention_id(5, 5) is None


def test_systems_from_events(tmp_path: Path) -> None:
    # Two events of Airbus in article 1 (published 2008-01-10): "sold" dated 2007-05, "said"
    # undated; one of Boeing in article 2. dct: both at the publication date; storyline:
    # "said" unordered; storyline+dct: "said" at the publication date, after 2007-05.
    airbus = tl.EntityNames(names=(("airbus",), ("it",)), place=False)
    boeing = tl.EntityNames(names=(("boeing",),), place=False)
    analysis = tl.Analysis(
        events=[
            tl.SystemEvent("1-2-sold", "2008-01-10", "2007-05", (airbus,)),
            tl.SystemEvent("1-3-said", "2008-01-10", None, (boeing, airbus)),
            tl.SystemEvent("2-1-flew", "2008-02-01", "2008-01-10", (boeing,)),
        ]
    )
    corpus = tl.Corpus("c", (), (tl.Target("Airbus", "airbus"),), {"airbus": GOLD})
    expected = {
        "dct": [(1, "2008-01-10", "1-2-sold"), (1, "2008-01-10", "1-3-said")],
        "storyline": [(0, "XXXX-XX-XX", "1-3-said"), (1, "2007-05-XX", "1-2-sold")],
        "storyline+dct": [(1, "2007-05-XX", "1-2-sold"), (2, "2008-01-10", "1-3-said")],
    }
    for system, rows in expected.items():
        ((target, built),) = tl.system_timelines(system, corpus, analysis)
        assert [(r.position, r.anchor, *r.events) for r in built.rows] == rows
    # No events at all (the events stage silent): empty timelines, written, read, scored 0.
    ((target, empty),) = tl.system_timelines("storyline", corpus, tl.Analysis())
    tl.write_timeline(tmp_path / f"{target.file}.txt", empty)
    total, each = tl.score_folder(corpus.gold, tmp_path)
    assert total.system_relations == 0 and total.gold_relations == 6
    close(total, 0.0, 0.0, 0.0)


@pytest.mark.corpus
def test_gold_against_itself_on_the_trial_set(shared_data: Path) -> None:
    (corpus,) = tl.load_split(shared_data, "trial")
    assert len(corpus.documents) == 30 and len(corpus.targets) == 6
    for doc in corpus.documents:
        assert doc.dct[:4].isdigit()
        for token in doc.tokens:
            assert doc.text[token.start : token.end] in (token.text, '"', "'")
    for name, gold in corpus.gold.items():
        for anchors in (True, False):
            counts = tl.score_timeline(gold, gold, anchors)
            assert counts.gold_relations > 0, name
            close(counts, 1.0, 1.0, 1.0)


@pytest.mark.corpus
def test_gold_system_scores_100_end_to_end(shared_data: Path, tmp_path: Path) -> None:
    # Written to files in the official format, read back and scored: every figure 1.0.
    result = tl.run("trial", shared_data, systems=["gold"], out=tmp_path)
    figures = result["overall"]["gold"]
    assert figures["full"]["f1"] == 1.0 and figures["ord"]["f1"] == 1.0
    assert (tmp_path / "trial" / "gold" / "steve_jobs.txt").is_file()

"""``benchmarks/plover.py``: the GSR loader, the category map, the markup and the scorers.

The scorers are checked on small hand-made records whose figures are worked out in the
comments; the loader and the map on the real GSR (``corpus`` tests, skipped without
../shared/data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from storyline.gazetteer import Entry, Gazetteer
from storyline.model import Event, Span
from tests.eval import benchmark

plover = benchmark("plover")

# The 18 categories of PLOVER 0.5 that the GSR uses.
GSR_CATEGORIES = (
    "AGREE", "DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT", "DISAPPROVE",
    "ASSAULT", "RETREAT", "SANCTION", "SUPPORT", "CONCEDE", "CONSULT", "AID", "INVESTIGATE",
    "MOBILIZE", "COOPERATE",
)  # fmt: skip


def record(
    number: int,
    event: str = "AGREE",
    sources: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    reciprocal: bool = False,
    context: str | None = None,
) -> Any:
    """A hand-made gold record."""
    return plover.GoldRecord(
        id=f"R-{number:04d}",
        number=number,
        text="...",
        old_event=event,
        event=event,
        old_mode=None,
        mode=None,
        context=context,
        sources=sources,
        targets=targets,
        reciprocal=reciprocal,
        triggers=(),
    )


# ------------------------------------------------------------------------ the category map


def test_map_covers_every_gsr_category_with_a_current_type() -> None:
    assert set(plover.OLD_TO_CURRENT) == set(GSR_CATEGORIES)
    assert len(plover.PLOVER_TYPES) == len(set(plover.PLOVER_TYPES)) == 16
    for recode in [*plover.OLD_TO_CURRENT.values(), *plover.OLD_MODES.values()]:
        assert recode.event in plover.PLOVER_TYPES
        assert recode.reason
    assert {old for old, _ in plover.OLD_MODES} <= set(GSR_CATEGORIES)


def test_map_follows_the_2021_table() -> None:
    current = {old: r.event for old, r in plover.OLD_TO_CURRENT.items()}
    assert current["DEMAND"] == "REQUEST"
    assert current["DISAPPROVE"] == "ACCUSE"
    assert current["INVESTIGATE"] == "ACCUSE"
    assert plover.OLD_TO_CURRENT["INVESTIGATE"].mode == "investigate"
    assert current["FIGHT"] == "ASSAULT"
    unchanged = set(GSR_CATEGORIES) - {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"}
    assert all(current[old] == old for old in unchanged)


def test_recode_prefers_the_mode() -> None:
    assert plover.recode("COERCE", "destroy").event == "ASSAULT"  # CAMEO 1712
    assert plover.recode("COERCE", "arrest") == plover.Recode(
        "COERCE", "arrest", plover.OLD_MODES[("COERCE", "arrest")].reason
    )
    assert plover.recode("FIGHT", "deport").event == "COERCE"  # CAMEO 174
    assert plover.recode("PROTEST", "strike-hun").mode == "hunger"
    assert plover.recode("COERCE", None).event == "COERCE"
    assert plover.recode("COERCE", "").event == "COERCE"
    assert plover.recode("FIGHT", None).event == "ASSAULT"


# ---------------------------------------------------------------------------------- markup


def test_markup_nested_spans() -> None:
    spans = plover.parse_markup(
        "(SRC: Afghan guerillas) (EVT: blew up) lines leading (LOC: into (TAR: Kabul)) today."
    )
    assert spans == [
        ("SRC", "Afghan guerillas"),
        ("EVT", "blew up"),
        ("LOC", "into Kabul"),
        ("TAR", "Kabul"),
    ]


def test_markup_brackets_strays_and_braces() -> None:
    # a plain bracket inside a span is text; a stray ")" is dropped; "}" closes the open span
    assert plover.parse_markup("(SRC: Homeland Union (Conservatives))) (EVT: began)") == [
        ("SRC", "Homeland Union (Conservatives)"),
        ("EVT", "began"),
    ]
    assert plover.parse_markup("The (SRC: UN) (EVT: has sent} 21 people") == [
        ("SRC", "UN"),
        ("EVT", "has sent"),
    ]


def test_markup_unclosed_span_ends_at_the_next_span_or_clause() -> None:
    spans = plover.parse_markup("was (EVT: thwarted (LOC: in (SRC: Khanty-Mansiysk)), police")
    assert spans[0] == ("EVT", "thwarted")
    assert plover.parse_markup("(TAR: Gaza, later")[0] == ("TAR", "Gaza")


def test_clean_sentence() -> None:
    assert plover.clean_sentence(" {France is ``ready''.} ") == 'France is "ready".'


# --------------------------------------------------------------------------------- scoring


def predict(event: str | None, sources: Any = (), targets: Any = ()) -> Any:
    return plover.Prediction(event, tuple(sources), tuple(targets))


def test_type_scores_by_hand() -> None:
    records = [record(1, "AGREE"), record(2, "AGREE"), record(3, "REJECT"), record(4, "ASSAULT")]
    found = {
        "R-0001": predict("AGREE"),
        "R-0002": predict("REJECT"),
        "R-0003": predict("REJECT"),
        "R-0004": predict("OTHER"),
    }
    scores = plover.score_types(records, found)
    # accuracy 2/4. AGREE: P 1/1, R 1/2, F1 2/3; REJECT: P 1/2, R 1/1, F1 2/3; ASSAULT: nothing
    # predicted, F1 0. OTHER is not one of the 16 types: no class. Macro = (2/3 + 2/3 + 0) / 3.
    assert scores["accuracy"] == pytest.approx(0.5)
    assert scores["macro_types"] == ["AGREE", "ASSAULT", "REJECT"]
    assert scores["per_type"]["AGREE"]["precision"] == pytest.approx(1.0)
    assert scores["per_type"]["AGREE"]["recall"] == pytest.approx(0.5)
    assert scores["per_type"]["REJECT"]["f1"] == pytest.approx(2 / 3)
    assert scores["per_type"]["ASSAULT"]["f1"] == 0.0
    assert scores["macro_f1"] == pytest.approx(4 / 9)
    assert scores["confusion"] == {
        "AGREE": {"AGREE": 1, "REJECT": 1},
        "ASSAULT": {"OTHER": 1},
        "REJECT": {"REJECT": 1},
    }


def test_no_prediction_is_wrong() -> None:
    scores = plover.score_types([record(1, "AGREE")], {"R-0001": predict(None)})
    assert scores["accuracy"] == 0.0
    assert scores["confusion"] == {"AGREE": {"NONE": 1}}


def small_gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            Entry("country:hu", "Hungary", "country", demonyms=["Hungarian"]),
            Entry("country:us", "United States", "country", aliases=["U.S.", "US"]),
        ]
    )


def test_actor_words_and_countries() -> None:
    words = plover.ActorMatcher()
    assert words.same("Palestinians", ("Palestinian Authority",))  # plural s folded
    assert not words.same("the United Nations", ("the Security Council",))  # "the" is no match
    assert not words.same("Hungarian", ("Hungary",))  # no gazetteer: words only
    countries = plover.ActorMatcher(small_gazetteer())
    assert countries.same("Hungarian", ("Hungary",))  # a demonym and the country's name
    assert countries.same("U.S. Secretary of State", ("United States",))
    assert not countries.same("U.S. officials", ("us",))  # the pronoun is not the country


def test_actor_matching_is_one_to_one_and_maximal() -> None:
    matcher = plover.ActorMatcher()
    # The first prediction fits both gold actors, the second only the first: a greedy pass
    # that gives the first gold actor to the first prediction finds 1 pair, the maximum is 2.
    gold = ["Bosnian Serb army", "Bosnian government"]
    assert matcher.matched(gold, [("Bosnian",), ("Serb army",)]) == 2
    assert matcher.matched(["Israel"], [("Israel",), ("Israeli state",)]) == 1


def test_actor_scores_by_hand() -> None:
    records = [
        record(1, sources=("Israel",), targets=("Lebanon",)),
        record(2, sources=("Hamas",)),  # no target: a predicted target is a false positive
        record(3, sources=("Jordan", "Britain"), reciprocal=True),
    ]
    found = {
        "R-0001": predict("AGREE", [("Israel",)], [("Syria",)]),
        "R-0002": predict("AGREE", [], [("Israel",)]),
        "R-0003": predict("AGREE", [("Jordan",)], [("Britain",), ("Britain",)]),
    }
    scores = plover.score_actors(records, found, plover.ActorMatcher())
    # Sources: R1 tp 1; R2 fn 1; R3 pooled {Jordan, Britain} against both: tp 2.
    #   tp 3, fp 0, fn 1: P 1, R 3/4.
    # Targets: R1 Syria fp 1, Lebanon fn 1; R2 fp 1; R3 tp 2 (the same pool).
    #   tp 2, fp 2, fn 1: P 1/2, R 2/3, F1 4/7.
    assert (scores["source"]["tp"], scores["source"]["fp"], scores["source"]["fn"]) == (3, 0, 1)
    assert scores["source"]["recall"] == pytest.approx(0.75)
    assert (scores["target"]["tp"], scores["target"]["fp"], scores["target"]["fn"]) == (2, 2, 1)
    assert scores["target"]["precision"] == pytest.approx(0.5)
    assert scores["target"]["f1"] == pytest.approx(4 / 7)


def test_majority_and_split() -> None:
    records = [
        record(1, "ASSAULT"),
        record(3, "AGREE"),
        record(5, "ASSAULT"),
        record(7, "AGREE"),
        *[record(n, "REJECT") for n in (2, 4, 6, 8, 10)],
    ]
    assert [r.split for r in records[:5]] == ["dev", "dev", "dev", "dev", "heldout"]
    assert len(plover.select(records, "heldout")) == 5
    assert plover.majority_type(records) == "AGREE"  # a dev tie, alphabetical; REJECT is held out
    with pytest.raises(ValueError):
        plover.select(records, "test")


def test_mistakes_list_wrong_types_first() -> None:
    records = [record(1, "AGREE", sources=("Israel",)), record(2, "REJECT"), record(3, "AID")]
    found = {"R-0001": predict("AGREE"), "R-0002": predict("AID"), "R-0003": predict("AID")}
    rows = plover.mistakes(records, found, plover.ActorMatcher(), 5)
    assert [r["id"] for r in rows] == ["R-0002", "R-0001"]
    assert plover.mistakes(records, found, plover.ActorMatcher(), 1)[0]["id"] == "R-0002"


# ------------------------------------------------------------------- the storyline system


@dataclass
class FakeToken:
    """What :func:`plover.trigger_rank` reads of a spaCy token."""

    i: int
    idx: int
    text: str
    head_i: int
    doc: FakeDoc

    def __len__(self) -> int:
        return len(self.text)

    @property
    def head(self) -> FakeToken:
        return self.doc.tokens[self.head_i]

    @property
    def sent(self) -> Any:
        return type("Sent", (), {"root": self.doc.tokens[self.doc.root]})()


@dataclass
class FakeDoc:
    """A parsed sentence: words and heads (the root is its own head)."""

    words: list[str]
    heads: list[int]
    tokens: list[FakeToken] = field(default_factory=list)

    def __post_init__(self) -> None:
        start = 0
        for i, (word, head) in enumerate(zip(self.words, self.heads, strict=True)):
            self.tokens.append(FakeToken(i, start, word, head, self))
            start += len(word) + 1
        self.root = next(i for i, h in enumerate(self.heads) if h == i)

    def __iter__(self) -> Any:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)


def event(ident: str, kind: str, doc: FakeDoc, index: int, actor: list[str]) -> Event:
    token = doc.tokens[index]
    span = Span(token.idx, token.idx + len(token), token.text)
    return Event(ident, kind, span, actor=actor)


@dataclass
class FakeDocument:
    events: list[Event]
    entities: list[Any] = field(default_factory=list)


def test_primary_event_is_the_coded_one_highest_in_the_tree() -> None:
    # "Officials said Israel agreed to withdraw": said (root) → agreed → withdraw
    doc = FakeDoc(["Officials", "said", "Israel", "agreed", "to", "withdraw"], [1, 1, 3, 1, 5, 3])
    said = event("v1", "STATEMENT", doc, 1, [])
    agreed = event("v2", "AGREE", doc, 3, ["e1"])
    withdraw = event("v3", "RETREAT", doc, 5, [])
    document = FakeDocument([withdraw, said, agreed])
    assert plover.primary_event(document, doc) is agreed  # the coded one nearest the root
    assert plover.primary_event(FakeDocument([said, withdraw]), doc) is withdraw
    assert plover.primary_event(FakeDocument([said]), doc) is said  # only uncoded: that one
    assert plover.primary_event(FakeDocument([]), doc) is None


def test_storyline_prediction_names_actors() -> None:
    doc = FakeDoc(["Israel", "agreed"], [1, 1])
    entity = type("E", (), {"id": "e1", "name": "Israel", "mentions": []})()
    document = FakeDocument([event("v1", "AGREE", doc, 1, ["e1", "e9"])], [entity])
    found = plover.storyline_prediction(document, doc)
    assert (found.event, found.sources, found.targets) == ("AGREE", (("Israel",),), ())


# ---------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def gsr(shared_data: Path) -> list[Any]:
    found: list[Any] = plover.load_gsr(shared_data)
    return found


@pytest.mark.corpus
def test_gsr_loads(gsr: list[Any]) -> None:
    assert len(gsr) == 322
    assert len({r.id for r in gsr}) == 322  # the repeated COERCE-0004 made unique
    assert "PLOVER-GSR01-COERCE-0004/2" in {r.id for r in gsr}
    assert len(plover.select(gsr, "dev")) + len(plover.select(gsr, "heldout")) == 322
    assert all(r.split == ("dev" if r.number % 2 else "heldout") for r in gsr)
    assert sum(r.reciprocal for r in gsr) == 18
    by_id = {r.id: r for r in gsr}
    first = by_id["PLOVER-GSR01-AGREE-0001"]
    assert first.sources == ("Hungarian", "Romanian") and first.targets == ()
    assert first.reciprocal and first.triggers == ("agreed", "cooperate")
    assert by_id["PLOVER-GSR01-INVESTIGATE-0002"].triggers == ("has sent", "to investigate")
    assert by_id["PLOVER-GSR01-INVESTIGATE-0002"].event == "ACCUSE"
    assert by_id["PLOVER-GSR01-AGREE-0007"].targets == ()  # the stray string "diplomatic"
    assert not by_id["PLOVER-GSR01-AGREE-0016"].text.startswith("{")
    assert by_id["PLOVER-GSR01-SANCTION-0010"].old_event == "FIGHT"  # the event field rules
    assert all(r.triggers for r in gsr)


@pytest.mark.corpus
def test_map_covers_the_gsr(gsr: list[Any]) -> None:
    assert {r.old_event for r in gsr} == set(GSR_CATEGORIES)
    used = {(r.old_event, r.old_mode) for r in gsr if r.old_mode}
    assert used <= set(plover.OLD_MODES), used - set(plover.OLD_MODES)
    assert {r.event for r in gsr} <= set(plover.PLOVER_TYPES)


@pytest.mark.corpus
def test_gold_system_scores_one_and_majority_agrees_with_counts(gsr: list[Any]) -> None:
    matcher = plover.ActorMatcher()
    gold = plover.run_gold(gsr)
    for split in plover.SPLITS:
        figures = plover.score(plover.select(gsr, split), gold.predictions, matcher)
        assert figures["type"]["accuracy"] == figures["type"]["macro_f1"] == 1.0
        assert figures["source"]["f1"] == figures["target"]["f1"] == 1.0
    majority = plover.run_majority(gsr)
    kind = plover.majority_type(gsr)
    dev = plover.select(gsr, "dev")
    figures = plover.score(dev, majority.predictions, matcher)
    assert figures["type"]["correct"] == sum(r.event == kind for r in dev)
    assert figures["source"]["tp"] == figures["target"]["tp"] == 0


def test_context_agreement_counts_only_records_with_a_gold_context() -> None:
    records = [
        record(1, "AGREE", context="diplomatic, military"),
        record(3, "AGREE", context="refugees"),
        record(5, "AGREE", context=None),
        record(7, "AGREE", context="legal"),
    ]
    predictions = {
        records[0].id: plover.Prediction("AGREE", context="military"),  # one of two: right
        records[1].id: plover.Prediction("AGREE", context="refugee"),  # folded plural: right
        records[2].id: plover.Prediction("AGREE", context="economic"),  # no gold: not scored
        records[3].id: plover.Prediction("AGREE"),  # nothing predicted: wrong
    }
    found = plover.score_context(records, predictions)
    assert (found["records"], found["predicted"], found["correct"]) == (3, 2, 2)
    assert found["accuracy"] == 2 / 3 and found["precision"] == 1.0

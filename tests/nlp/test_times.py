"""The time stage with the real model: detection, values, anchoring, tense, attachment."""

from __future__ import annotations

import pytest

import storyline
from storyline.config import Settings
from storyline.model import Article, TimeExpr
from storyline.nlp.pipeline import Analyzer
from storyline.nlp.times import dating, tag, time_of
from tests.schema import schema_errors

DCT = "2009-03-11"  # a Wednesday


def values(text: str, published: str | None = DCT) -> dict[str, str | None]:
    return {t.text: t.value for t in tag(text, published)}


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The general was killed on March 4th, 2018.", "March 4th, 2018", "2018-03-04"),
        ("It happened on 4 Mar 2018.", "4 Mar 2018", "2018-03-04"),
        ("The file is dated 2018-03-04.", "2018-03-04", "2018-03-04"),
        ("Talks began on Mar. 4.", "Mar. 4", "2009-03-04"),
        ("They met on October 25th.", "October 25th", "2008-10-25"),
        ("They will meet on October 25th.", "October 25th", "2009-10-25"),
        ("He resigned in 2019.", "2019", "2019"),
        ("Prices rose in the 1990s.", "the 1990s", "199X"),
        ("Sales fell in the first quarter.", "the first quarter", "2009-Q1"),
        ("The plant opened in summer 2007.", "summer 2007", "2007-SU"),
        ("The minister spoke on Wednesday.", "Wednesday", "2009-03-11"),
        ("The minister spoke on Monday.", "Monday", "2009-03-09"),
        ("The minister will speak on Saturday.", "Saturday", "2009-03-14"),
        ("He will visit next week.", "next week", "2009-W12"),
        ("He visited last week.", "last week", "2009-W10"),
        ("Exports fell last month.", "last month", "2009-02"),
        ("The firm was founded two years ago.", "two years ago", "2007"),
        ("Officials met today.", "today", "2009-03-11"),
        ("Officials met yesterday.", "yesterday", "2009-03-10"),
        ("Sales grew earlier this year.", "earlier this year", "2009"),
        ("It had been planned recently.", "recently", "PAST_REF"),
        ("He has led the party for three years.", "three years", "P3Y"),
        ("The meeting lasted over eight hours.", "over eight hours", "PT8H"),
        ("The board meets every year.", "every year", "P1Y"),
        ("Talks resume at 6 p.m.", "6 p.m.", "2009-03-11T18:00"),
        ("The talks began on the 4th.", "the 4th", "2009-03-04"),
        ("They will resume on the 28th.", "the 28th", "2009-03-28"),
        ("The vote was held on the 20th.", "the 20th", "2009-02-20"),
        ("The vote is scheduled for Friday.", "Friday", "2009-03-13"),
        ("The summit is set for Monday.", "Monday", "2009-03-16"),
        ("Elections are held every four years.", "every four years", "P4Y"),
        ("The board meets twice a year.", "twice a year", "P1Y"),
        ("Prices rose over the past decade.", "the past decade", "P10Y"),
        ("He visited Paris last winter.", "last winter", "2008-WI"),
        ("He will visit Paris this summer.", "this summer", "2009-SU"),
    ],
)
def test_times_values(text: str, mention: str, value: str) -> None:
    assert values(text).get(mention) == value


def test_times_anchored_to_an_earlier_time_not_the_publication_date() -> None:
    found = tag("In a 2019 interview, he said the year prior had been hard.", DCT)
    year, prior = found
    assert (year.value, prior.text, prior.value, prior.anchor) == ("2019", "the year prior",
                                                                  "2018", year.id)  # fmt: skip
    night = tag("The general was killed on March 4th, 2018. The night before, he met aides.", DCT)
    assert night[1].value == "2018-03-03TNI" and night[1].anchor == night[0].id


def test_times_relative_expressions_are_anchored_to_the_dct() -> None:
    (week,) = tag("He visited last week.", DCT)
    assert week.anchor == "dct" and week.interval == ["2009-03-02", "2009-03-08"]
    (explicit,) = tag("He visited in 2019.", DCT)
    assert explicit.anchor is None


def test_times_vague_expressions_are_flagged_with_a_bound() -> None:
    (recent,) = tag("The talks recently stalled.", DCT)
    assert recent.vague and recent.interval == [None, DCT]
    (decades,) = tag("The decades-long feud ended.", DCT)
    assert decades.type == "DURATION" and decades.value == "PXDE" and decades.vague


@pytest.mark.parametrize(
    "text",
    [
        "He may go.",
        "2000 people marched.",
        "Sales rose 3 percent.",
        "It is the 4th largest city.",
        "It was the second time the team had won.",
        "The minute he arrived, they left.",
        "Theresa May met Macron.",
        "May's government collapsed.",
        "The Sunday Times reported it.",
        "Black Friday sales rose.",
        "He lives at 1600 Pennsylvania Avenue.",
        "He is in his 40s.",
    ],
)
def test_times_not_time_expressions(text: str) -> None:
    assert tag(text, DCT) == []


def test_times_never_resolved_against_today_without_a_date() -> None:
    found = tag("The summit opened on Monday, June 1, 1998. A day later it closed.", None)
    assert [t.value for t in found] == ["1998-06-01", "1998-06-02"]
    assert found[1].confidence == 1.0 and found[1].anchor == found[0].id
    assert tag("The summit opened on Monday.", None)[0].value == "XXXX-WXX-1"


def test_times_inferred_publication_date_is_marked() -> None:
    doc = storyline.analyze("The summit opened on June 1, 1998. Leaders met on Tuesday.")
    assert (doc.published, doc.published_source) == ("1998-06-01", "inferred")
    tuesday = doc.times[1]
    assert tuesday.value == "1998-05-26" and tuesday.confidence is not None
    assert tuesday.confidence < 1
    assert schema_errors(doc.to_dict()) == []


def test_times_time_of_a_span_is_the_nearest_date_in_its_sentence() -> None:
    doc = storyline.analyze(
        "Erdogan in a 2019 interview accused the minister. The general was killed on"
        " March 4th, 2018, officials said.",
        published=DCT,
    )
    accused = doc.text.index("accused")
    killed = doc.text.index("killed")
    found = time_of(doc, accused, accused + 7)
    assert isinstance(found, TimeExpr) and found.value == "2019"
    found = time_of(doc, killed, killed + 6)
    assert found is not None and found.value == "2018-03-04"
    assert time_of(doc, 0, 7) is not None  # same sentence as "2019"
    nothing = storyline.analyze("The minister resigned.", published=DCT)
    assert time_of(nothing, 4, 12) is None


def test_times_dating_without_a_time_is_null_with_an_upper_bound() -> None:
    doc = storyline.analyze(
        "The minister resigned. In 2019 she had accused the mayor.", published=DCT
    )
    resigned = doc.text.index("resigned")
    accused = doc.text.index("accused")
    undated = dating(doc, resigned, resigned + 8)
    assert (undated.time, undated.date, undated.before) == (None, None, DCT)
    dated = dating(doc, accused, accused + 7)
    assert dated.date == "2019" and dated.before is None and dated.time == doc.times[0].id


def test_times_inferred_publication_date_ignores_dates_announced_for_later() -> None:
    doc = storyline.analyze(
        "Leaders met on March 2, 1998. They will meet again on June 5, 1998. On Tuesday they spoke."
    )
    assert (doc.published, doc.published_source) == ("1998-03-02", "inferred")
    assert doc.times[-1].value == "1998-02-24"


@pytest.mark.parametrize("text", ["It was the 0th century.", "It happened on February 30."])
def test_times_impossible_dates_get_no_value_and_do_not_crash(text: str) -> None:
    assert all(t.value is None for t in tag(text, DCT))


@pytest.mark.parametrize(
    ("text", "word", "date"),
    [
        ("Officials said Monday that the general was killed on March 4th, 2018.", "killed",
         "2018-03-04"),
        ("Officials said Monday that the general was killed.", "killed", None),
        ("Officials said Monday that the general was killed.", "said", "2009-03-09"),
        ("The general, who was born in 1950, was killed on March 4th, 2018.", "killed",
         "2018-03-04"),
        ("Erdogan in a 2019 interview accused the minister.", "accused", "2019"),
    ],
)  # fmt: skip
def test_times_clause_time_is_the_clauses_own(text: str, word: str, date: str | None) -> None:
    analyzer = Analyzer(Settings())
    doc = analyzer.nlp.make_doc(text)
    doc._.published = DCT
    doc = analyzer.nlp(doc)
    document = analyzer.to_document(Article(body=text, published=DCT), doc)
    start = text.index(word)
    found = dating(document, start, start + len(word), doc)
    assert found.date == date
    assert found.before == (DCT if date is None else None)


def test_times_earlier_and_later_this_period_stop_at_publication() -> None:
    (earlier,) = tag("Sales grew earlier this year.", DCT)
    assert earlier.value == "2009" and earlier.interval == ["2009-01-01", DCT]
    (later,) = tag("They will meet later this month.", DCT)
    assert later.value == "2009-03" and later.interval == [DCT, "2009-03-31"]

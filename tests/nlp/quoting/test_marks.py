"""Quotation-mark scanning."""

from __future__ import annotations

import pytest

from storyline.nlp.quoting.marks import find_marked


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_marked(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We are ready,” he said.", ["“We are ready,”"]),
        ('"Straight works," he said. "Yes," she said.', ['"Straight works,"', '"Yes,"']),
        ("«Bonjour», dit-il. „Guten Tag“, sagte er.", ["«Bonjour»", "„Guten Tag“"]),
        ("He called the talks “a waste of time” and left.", ["“a waste of time”"]),
        ("They’re sure Putin’s plan from the ’90s works.", []),
        ("The players' union said 'no'.", ["'no'"]),
        # the New York Times' two apostrophes are one double mark
        ("''It's fine,'' he said. ''You'd see.''", ["''It's fine,''", "''You'd see.''"]),
        # a curly opening closed by a straight mark, and the reverse
        ('“No evidence," he said. "None yet”.', ['“No evidence,"', '"None yet”']),
        # a nested quotation closing just before the outer one, with a space between
        (
            "\"I hate the term 'outreach,' \" he said.",
            ["\"I hate the term 'outreach,' \"", "'outreach,'"],
        ),
        # a straight apostrophe is no mark: nothing is quoted
        ("It was the '90s and Putin's plan failed. Everyone agreed.", []),
        ("Smith's 'plan' and Jones' idea.", ["'plan'"]),
        # French guillemets with spaces inside
        ("« Nous sommes prêts », a dit Macron.", ["« Nous sommes prêts »"]),
        # marks around nothing are not quotations
        ('“”‘’" and “ ” here.', []),
        # a paragraph opened with a closing mark
        ("Intro.\n”Fear is all I feel.” ― Edwin", ["”Fear is all I feel.”"]),
    ],
)
def test_marks_find_quoted_stretches(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_marks_multi_paragraph_quotation_is_one() -> None:
    text = "“First part of it.\n\n“Second part,” she added.\n\nNext."
    (quote,) = find_marked(text)
    assert quote.paragraphs == 2 and text[quote.start : quote.end].endswith("part,”")


def test_marks_nested_quotations_have_a_parent() -> None:
    text = "“He told me, ‘Do not go,’ and I said, ‘I will,’” she said."
    outer, first, second = find_marked(text)
    assert (outer.level, first.parent, second.parent) == (0, 0, 0)
    assert text[first.start : first.end] == "‘Do not go,’"


def test_marks_unbalanced_quotation_stops_at_its_paragraph() -> None:
    text = "“Never closed.\n\nThe rest is plain text. “Closed,” he said."
    unbalanced, closed = find_marked(text)
    assert not unbalanced.balanced and text[unbalanced.start : unbalanced.end] == "“Never closed."
    assert text[closed.start : closed.end] == "“Closed,”"


def test_marks_an_empty_pair_keeps_later_nested_parents() -> None:
    text = "He typed “” into the box. “She told me, ‘We must leave now,’ and I agreed,” he said."
    outer, nested = find_marked(text)
    assert text[nested.start : nested.end] == "‘We must leave now,’"
    assert nested.parent == 0 and text[outer.start : outer.start + 4] == "“She"

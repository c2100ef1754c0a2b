"""Tests for the shared cleaning rules (storyline.ingest.clean)."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import (
    RULE_BIO,
    RULE_CALL_TO_ACTION,
    RULE_DATELINE,
    RULE_EMAIL,
    RULE_HEADLINE,
    RULE_PHOTO_CREDIT,
    RULE_SEPARATOR,
    RULE_SYNDICATION,
    Bio,
    Cleaned,
    clean_body,
    drop_headline,
    is_dateline,
    normalise_whitespace,
    parse_bio,
)
from storyline.model import Boilerplate

PROSE = "The harbour board met on Tuesday and voted to close the old ferry pier."
MORE = "Residents said the pier had been unsafe for years."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"),
        ("one\rtwo", "one\ntwo"),
        ("trailing   \nspaces\t\n", "trailing\nspaces"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("a\n  \n \t\nb", "a\n\nb"),
        ("\n\nleading and trailing blank lines\n\n\n", "leading and trailing blank lines"),
        ("non-breaking\u00a0\nspace", "non-breaking\nspace"),
    ],
)
def test_clean_normalise_whitespace(text: str, expected: str) -> None:
    assert normalise_whitespace(text) == expected


def test_clean_whitespace_is_not_boilerplate() -> None:
    cleaned = clean_body(f"{PROSE}   \r\n\r\n\r\n\r\n{MORE}\r\n")
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert cleaned.removed == []


@pytest.mark.parametrize(
    ("footer", "rule"),
    [
        ("This article was originally published by The Harbour Times.", RULE_SYNDICATION),
        ("This story first appeared in Coastal Weekly.", RULE_SYNDICATION),
        ("Republished with permission.", RULE_SYNDICATION),
        ("© 2019 Reuters. All rights reserved.", RULE_SYNDICATION),
        ("Copyright 2021 The Associated Press. All rights reserved.", RULE_SYNDICATION),
        ("Copyright © Harbour Media Group", RULE_SYNDICATION),
        (
            "This story is published under a Creative Commons licence, CC BY-ND 4.0.",
            RULE_SYNDICATION,
        ),
        ("Distributed by Tribune Content Agency.", RULE_SYNDICATION),
        ("*Originally published on Harbourside News.*", RULE_SYNDICATION),
        ("Jane Doe is a reporter at The Daily Planet.", RULE_BIO),
        (
            "John Smith is a senior correspondent for Metro Times covering city hall.",
            RULE_BIO,
        ),
        ("Follow us on Twitter", RULE_CALL_TO_ACTION),
        ("Follow Jane Doe on Instagram @janedoe.", RULE_CALL_TO_ACTION),
        ("Sign up for our newsletter to get the news every morning.", RULE_CALL_TO_ACTION),
        ("Click here to subscribe.", RULE_CALL_TO_ACTION),
        ("Subscribe now!", RULE_CALL_TO_ACTION),
        ("Share this article on Facebook", RULE_CALL_TO_ACTION),
    ],
)
def test_clean_removes_trailing_boilerplate(footer: str, rule: str) -> None:
    cleaned = clean_body(f"{PROSE}\n\n{MORE}\n\n{footer}")
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert cleaned.removed == [Boilerplate(rule, footer)]


def test_clean_trailing_rules_stack_from_the_end() -> None:
    text = (
        f"{PROSE}\n\n{MORE}\n\n"
        "Jane Doe is a reporter at The Daily Planet.\n\n"
        "© 2019 Daily Planet Media. All rights reserved.\n\n"
        "Follow us on Facebook\n"
        "Sign up for our newsletter"
    )
    cleaned = clean_body(text)
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert [b.rule for b in cleaned.removed] == [RULE_BIO, RULE_SYNDICATION, RULE_CALL_TO_ACTION]


def test_clean_trailing_line_inside_last_paragraph() -> None:
    cleaned = clean_body(f"{PROSE}\n\n{MORE}\nRepublished with permission.")
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert cleaned.removed == [Boilerplate(RULE_SYNDICATION, "Republished with permission.")]


def test_clean_trailing_rules_stop_at_prose() -> None:
    text = f"Republished with permission.\n\n{PROSE}\n\n{MORE}"
    cleaned = clean_body(text)
    assert cleaned.body == text
    assert cleaned.removed == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Copyright lawyers say the ruling will change how the pier's photos are licensed.",
        "The photo, taken by a passer-by, shows the pier collapsing into the water.",
        "Photos by the dozen were shared online within minutes of the collapse, and the council"
        " later asked residents to stop sending them to the harbour office because staff could"
        " not keep up with the volume of messages that arrived that evening and overnight.",
        "This report was published on Monday by the harbour board and found half the piers unsafe.",
        "Like many on social media, residents were angry about the closure.",
        "Follow the money, the mayor told reporters on Tuesday.",
        "She said she would subscribe to any plan that kept the ferry running.",
        "Shares on the harbour exchange fell after the vote.",
        "Mary Jones is a teacher at Harbour Primary School.",
        "By the end of the meeting the board had voted to close the pier.",
        "(c) the board may close any pier it finds unsafe.",
    ],
)
def test_clean_keeps_prose_that_mentions_boilerplate_words(paragraph: str) -> None:
    text = f"{PROSE}\n\n{paragraph}"
    cleaned = clean_body(text)
    assert cleaned.body == text
    assert cleaned.removed == []


@pytest.mark.parametrize(
    "credit",
    [
        "Photo “Harbour at dusk” by Jane Doe, CC BY 2.0.",
        "Photo: AFP/Getty",
        "(Photo by Ann Lee/Reuters)",
        "Image credit: Harbour Board",
        "Photograph: Sam Green for The Planet",
        "Image: Nicholas Example.",
        "The old pier at low tide. Image: Jane Doe (flickr).",
        "Ferry passengers waiting in the rain (Image: Harbour Board)",
    ],
)
def test_clean_removes_photo_credits_anywhere(credit: str) -> None:
    cleaned = clean_body(f"{PROSE}\n\n{credit}\n\n{MORE}")
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert cleaned.removed == [Boilerplate(RULE_PHOTO_CREDIT, credit)]


def test_clean_removes_photo_credit_line_inside_paragraph() -> None:
    cleaned = clean_body(f"{PROSE}\nPhoto: AFP/Getty\n\n{MORE}")
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert cleaned.removed == [Boilerplate(RULE_PHOTO_CREDIT, "Photo: AFP/Getty")]


@pytest.mark.parametrize("separator", ["– – –", "***", "* * *", "---", "___", "• • •", "======"])
def test_clean_removes_separators_anywhere(separator: str) -> None:
    cleaned = clean_body(f"{PROSE}\n\n{separator}\n\n{MORE}\n{separator}")
    assert cleaned.body == f"{PROSE}\n\n{MORE}"
    assert cleaned.removed == [Boilerplate(RULE_SEPARATOR, separator)] * 2


@pytest.mark.parametrize("line", ["--", "— said the mayor", "* a list item", "-30 degrees"])
def test_clean_keeps_lines_that_only_start_like_separators(line: str) -> None:
    text = f"{PROSE}\n\n{line}\n\n{MORE}"
    assert clean_body(text).body == text


@pytest.mark.parametrize(
    ("paragraph", "expected", "artefact"),
    [
        (
            "Write to the board at [email protected] with your views.",
            "Write to the board at with your views.",
            "[email protected]",
        ),
        (
            "Questions go to [email&#160;protected].",
            "Questions go to.",
            "[email&#160;protected]",
        ),
        ("[email protected] is the address.", "is the address.", "[email protected]"),
    ],
)
def test_clean_removes_email_artefacts_inside_paragraph(
    paragraph: str, expected: str, artefact: str
) -> None:
    cleaned = clean_body(f"{PROSE}\n\n{paragraph}")
    assert cleaned.body == f"{PROSE}\n\n{expected}"
    assert cleaned.removed == [Boilerplate(RULE_EMAIL, artefact)]


@pytest.mark.parametrize(
    ("text", "expected_body", "dateline"),
    [
        (f"Friday, January 4, 2019\n\n{PROSE}", PROSE, "Friday, January 4, 2019"),
        (f"Friday, March 29, 2019\u00a0\n{PROSE}", PROSE, "Friday, March 29, 2019"),
        (f"2020-05-17\n\n{PROSE}", PROSE, "2020-05-17"),
        (f"{PROSE}\n\nFriday, January 4, 2019", f"{PROSE}\n\nFriday, January 4, 2019", None),
        (f"January 2019\n\n{PROSE}", f"January 2019\n\n{PROSE}", None),
        (f"Friday\n\n{PROSE}", f"Friday\n\n{PROSE}", None),
    ],
)
def test_clean_removes_leading_dateline(
    text: str, expected_body: str, dateline: str | None
) -> None:
    cleaned = clean_body(text)
    assert cleaned.body == expected_body
    assert cleaned.texts(RULE_DATELINE) == ([dateline] if dateline else [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday, January 4, 2019", True),
        ("4 January 2019", True),
        ("2019", False),
        ("Friday, January 4, 2019 was a cold day in the harbour town", False),
        ("The harbour board met on 4 January 2019", False),
    ],
)
def test_clean_is_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Jane Doe is a reporter at The Daily Planet.", Bio("Jane Doe", "The Daily Planet")),
        (
            "John Smith is a senior correspondent for Metro Times covering transport.",
            Bio("John Smith", "Metro Times"),
        ),
        (
            "Priya Raman is the political editor of the Harbour Gazette and a lecturer.",
            Bio("Priya Raman", "Harbour Gazette"),
        ),
        (
            "*Ana María Ruiz is a freelance journalist with The Times of Malta.*",
            Bio("Ana María Ruiz", "The Times of Malta"),
        ),
        ("Mary Jones is a teacher at Harbour Primary School.", None),
        ("The mayor is a former reporter.", None),
        ("Jane Doe said she is a reporter at heart.", None),
    ],
)
def test_clean_parse_bio(paragraph: str, expected: Bio | None) -> None:
    assert parse_bio(paragraph) == expected


def test_clean_keeps_rules_records_and_body_together() -> None:
    text = (
        "Saturday, January 5, 2019\n\n"
        f"{PROSE}\n\n"
        "* * *\n\n"
        "Photo: Harbour Board\n\n"
        f"{MORE} Email [email protected] for details.\n\n"
        "Jane Doe is a reporter at The Daily Planet.\n\n"
        "This article was originally published by The Daily Planet."
    )
    cleaned = clean_body(text)
    assert cleaned.body == f"{PROSE}\n\n{MORE} Email for details."
    assert [b.rule for b in cleaned.removed] == [
        RULE_DATELINE,
        RULE_SEPARATOR,
        RULE_PHOTO_CREDIT,
        RULE_EMAIL,
        RULE_BIO,
        RULE_SYNDICATION,
    ]


def test_clean_empty_text() -> None:
    cleaned = clean_body("\n\n  \n")
    assert cleaned.body == ""
    assert cleaned.removed == []


@pytest.mark.parametrize(
    "body",
    [f"Pier to close\n\n{PROSE}", f"PIER  to close\n{PROSE}", f"Pier to close\n\n\n{PROSE}"],
)
def test_clean_drop_headline_removes_repeated_title(body: str) -> None:
    cleaned = drop_headline(clean_body(body), "Pier to close")
    assert cleaned.body == PROSE
    assert cleaned.texts(RULE_HEADLINE) == [body.partition("\n")[0]]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("Pier to close", "Pier to close"),  # nothing else: the body stays
        (f"Pier to close soon\n\n{PROSE}", "Pier to close"),
        (f"{PROSE}\n\nPier to close", "Pier to close"),
        (f"Pier to close\n\n{PROSE}", None),
    ],
)
def test_clean_drop_headline_keeps_other_bodies(body: str, title: str | None) -> None:
    assert drop_headline(Cleaned(body), title) == Cleaned(body)

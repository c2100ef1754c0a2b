"""The data model: ids, text composition and the dict round trip."""

from __future__ import annotations

import pytest

from storyline.model import Article, Document, article_id_for, compose_text, content_hash
from tests.factories import article, document


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sadat flew to Jerusalem.", "sadat  flew to\nJerusalem."),
        ("Full-width ＡＢＣ", "full-width abc"),
    ],
)
def test_model_hash_ignores_case_spacing_and_width(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)
    assert article_id_for(a) == article_id_for(b)


def test_model_hash_differs_for_other_words() -> None:
    assert content_hash("Sadat flew to Jerusalem.") != content_hash("Begin flew to Cairo.")


@pytest.mark.parametrize(
    ("title", "body", "text"),
    [
        ("Headline", "Body.\n", "Headline\n\nBody."),
        (None, "\nBody.", "Body."),
    ],
)
def test_model_title_is_the_first_paragraph(title: str | None, body: str, text: str) -> None:
    assert compose_text(title, body) == text
    assert Article(body=body, title=title).text == text


def test_model_document_round_trip() -> None:
    doc = document()
    assert Document.from_dict(doc.to_dict()) == doc
    assert list(doc.to_dict())[0] == "schema_version"


def test_model_from_dict_ignores_unknown_fields() -> None:
    data = document().to_dict()
    data["quotes"][0]["added_in_a_later_version"] = 1
    data["something_new"] = True
    assert Document.from_dict(data) == document()


def test_model_article_round_trip_and_location() -> None:
    art = article(record="line 3")
    assert Article.from_dict(art.to_dict()) == art
    assert art.location == "fixture.txt:line 3"

"""The analysis pipeline with the real model: the contract it returns."""

from __future__ import annotations

import pytest
import spacy

import storyline
from storyline.config import Settings
from storyline.errors import ConfigError
from storyline.gazetteer import Gazetteer
from storyline.model import Article
from storyline.nlp.actors.group import build
from storyline.nlp.paragraphs import paragraph_starts
from storyline.nlp.pipeline import PIPELINE_VERSION, Analyzer
from tests.schema import schema_errors

TEXT = (
    "Anwar Sadat flew to Jerusalem on Saturday. Sadat met Menachem Begin at the Knesset.\n\n"
    "Officials in Cairo said the visit was historic."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(Settings())


def test_pipeline_analyze_returns_a_valid_contract_document() -> None:
    doc = storyline.analyze(TEXT, published="1977-11-21", title="Sadat in Jerusalem")
    data = doc.to_dict()
    assert schema_errors(data) == []
    assert (doc.published, doc.published_source) == ("1977-11-21", "argument")
    assert doc.text.startswith("Sadat in Jerusalem\n\n") and doc.pipeline == PIPELINE_VERSION


def test_pipeline_title_and_paragraphs_are_their_own_sentences(analyzer: Analyzer) -> None:
    doc = analyzer.analyze(Article(body=TEXT, title="Sadat in Jerusalem"))
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert sentences[0] == "Sadat in Jerusalem"
    assert sentences[-1] == "Officials in Cairo said the visit was historic."


def test_pipeline_repeated_names_are_one_entity(analyzer: Analyzer) -> None:
    body = "Jimmy Carter spoke in Washington. Later, Jimmy Carter flew to Cairo."
    doc = analyzer.analyze(Article(body=body))
    carters = [e for e in doc.entities if e.name == "Jimmy Carter"]
    assert len(carters) == 1 and len(carters[0].mentions) == 2


def test_pipeline_batches_keep_the_order(analyzer: Analyzer) -> None:
    articles = [Article(body=f"Story number {i} about Cairo.") for i in range(5)]
    docs = list(analyzer.analyze_many(articles))
    assert [d.id for d in docs] == [a.id for a in articles]


def test_pipeline_rejects_a_bad_published_date() -> None:
    with pytest.raises(ValueError, match="published must be a date"):
        storyline.analyze("Text.", published="someday")


def test_pipeline_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="no_such_model_installed"):
        Analyzer(Settings(spacy_model="no_such_model_installed"))


@pytest.mark.parametrize(
    ("text", "starts"),
    [("One.\n\nTwo.", ["Two"]), ("One.\nTwo.", []), ("A\n\n\nB\n\nC", ["B", "C"])],
)
def test_paragraphs_start_after_blank_lines(text: str, starts: list[str]) -> None:
    doc = spacy.blank("en")(text)
    assert [doc[i].text for i in paragraph_starts(doc)] == starts


def test_entities_skip_dates_and_numbers() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Sadat spoke on Saturday to 300 people")
    doc.ents = [doc.char_span(0, 5, "PERSON"), doc.char_span(15, 23, "DATE"),
                doc.char_span(27, 30, "CARDINAL")]  # fmt: skip
    found = build(doc, Gazetteer(), {}, None)
    assert [(e.name, e.type) for e in found] == [("Sadat", "person")]

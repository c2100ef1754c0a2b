"""The tagger's training script: gold roles per token from PolNeAR attributions."""

from __future__ import annotations

import spacy

from storyline.nlp.quoting.tagger import LABELS
from tests.eval import benchmark

polnear = benchmark("polnear")
training = benchmark("train_quote_tagger")


def span(text: str, words: str, after: int = 0) -> object:
    start = text.index(words, after)
    return polnear.Span(start, start + len(words), words)


def test_train_gold_roles_mark_sources_cues_and_content_begin_and_inside() -> None:
    text = "\nSmith said the plan , he added , would fail ."
    source, cue = span(text, "Smith"), span(text, "said")
    content = [span(text, "the plan"), span(text, "would fail")]
    attribution = polnear.Attribution("E1", [source], [cue], content)
    article = polnear.Article("a", "test", "p", None, "", "x", ["x"], text, [attribution])
    doc = spacy.blank("en")(text.lstrip("\n"))
    labels = [LABELS[i] for i in training.gold_roles(doc, article, shift=1)]
    assert list(zip([t.text for t in doc], labels, strict=True)) == [
        ("Smith", "B-SRC"),
        ("said", "B-CUE"),
        ("the", "B-CON"),
        ("plan", "I-CON"),
        (",", "O"),
        ("he", "O"),
        ("added", "O"),
        (",", "O"),
        ("would", "I-CON"),  # a later fragment continues the content
        ("fail", "I-CON"),
        (".", "O"),
    ]

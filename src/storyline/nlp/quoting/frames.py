"""Attribution frames: verbs and where their content hangs in the parse.

A frame is ``(lemma, relation)``: ``("claim", "ccomp")`` for "X claimed that …",
``("urge", "dobj+xcomp")`` for "X urged voters to …", ``("point", "prep:to")`` for "X pointed
to …". ``frames.tsv`` beside this module lists the frames that PolNeAR's train split uses
for attributions, with how often each is a cue when it occurs (derived by
``benchmarks/polnear_frames.py``, which uses :func:`frame_of` and :func:`frames_at` so that the
derivation and the stage describe frames the same way).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import combinations
from pathlib import Path

from spacy.tokens import Span, Token

FRAME_HEADER = "lemma\trelation\tas_cue\tuses\tprecision"
FRAMES_FILE = Path(__file__).with_name("frames.tsv")
# Dependencies of a verb that can hold what it attributes.
CONTENT_DEPS = frozenset(["ccomp", "xcomp", "dobj", "advcl", "oprd", "dative", "attr", "acomp"])
# ... and of a noun ("his claim that …", "her remarks about …").
NOUN_CONTENT_DEPS = frozenset(["acl", "ccomp", "xcomp"])
# A frame whose verb is itself the parenthetical cue of its head's clause ("X, he said, …").
PARENTHETICAL = "^parataxis"


def _relation(child: Token) -> str | None:
    """How a child of a verb (or noun) may hold content: its dependency, or ``prep:<word>``."""
    deps = NOUN_CONTENT_DEPS if child.head.pos_ in ("NOUN", "PROPN") else CONTENT_DEPS
    if child.dep_ in deps:
        return str(child.dep_)
    if child.dep_ == "prep" and any(c.dep_ in ("pobj", "pcomp") for c in child.children):
        return f"prep:{child.lower_}"
    return None


def _candidates(verb: Token) -> list[tuple[str, Token]]:
    """The children after a verb that may hold its content, with their relation."""
    found = []
    for child in verb.rights:
        relation = _relation(child)
        if relation is not None:
            found.append((relation, child))
    return found


def _overlaps(token: Token, spans: Iterable[tuple[int, int]]) -> bool:
    start, last = token.left_edge, token.right_edge
    end = last.idx + len(last)
    return any(start.idx < e and s < end for s, e in spans)


def frame_of(verb: Token, content: list[tuple[int, int]]) -> tuple[str, str] | None:
    """The frame of a cue verb whose content is at the character spans ``content``."""
    lemma = verb.lemma_.lower()
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        head = verb.head
        inside = head.idx < max(e for _, e in content) and min(s for s, _ in content) < head.idx
        if inside or _overlaps(head, content):
            return lemma, PARENTHETICAL
    holders = sorted({r for r, child in _candidates(verb) if _overlaps(child, content)})
    if not holders or len(holders) > 2:
        return None
    return lemma, "+".join(holders)


def noun_source(noun: Token) -> Span | None:
    """Whose a cue noun is: "Trump's claim", "a statement by the White House"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun.doc[child.left_edge.i : child.i + 1]
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return noun.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    return None


def is_cue_word(token: Token) -> bool:
    """Whether a word can be a frame's cue: a verb, or a noun whose source is named."""
    return token.pos_ == "VERB" or (token.pos_ == "NOUN" and noun_source(token) is not None)


def frames_at(verb: Token) -> list[tuple[str, str]]:
    """Every frame a verb (or a noun with a source) occurs in: its content-holding children,
    alone and in pairs."""
    if not is_cue_word(verb):
        return []
    lemma = verb.lemma_.lower()
    relations = sorted({r for r, _ in _candidates(verb)})
    found = [(lemma, r) for r in relations]
    found += [(lemma, f"{a}+{b}") for a, b in combinations(relations, 2)]
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        found.append((lemma, PARENTHETICAL))
    return found


def content_of(verb: Token, relation: str) -> Span | None:
    """The words a verb attributes under a frame's relation, if the verb has them."""
    doc = verb.doc
    if relation == PARENTHETICAL:
        head = verb.head
        return doc[head.left_edge.i : head.right_edge.i + 1]
    wanted = set(relation.split("+"))
    children = [child for r, child in _candidates(verb) if r in wanted]
    if {_relation(c) for c in children} != wanted:
        return None
    first = min(children, key=lambda c: c.i)
    last = max(children, key=lambda c: c.i)
    start = first.left_edge.i
    if first.dep_ == "prep":  # "pointed to X": the content is X, not "to X"
        start = first.i + 1
    return doc[start : last.right_edge.i + 1]


@cache
def lexicon(path: Path = FRAMES_FILE) -> dict[tuple[str, str], float]:
    """The frames of ``frames.tsv`` with their precision as a cue."""
    found: dict[tuple[str, str], float] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if line.strip():
            lemma, relation, _, _, precision = line.split("\t")
            found[(lemma, relation)] = float(precision)
    return found


@cache
def cue_lemmas(path: Path = FRAMES_FILE) -> frozenset[str]:
    """The lemmas of the listed frames (a quick test before a word's frames are worked out)."""
    return frozenset(lemma for lemma, _ in lexicon(path))


def best_frame(verb: Token, threshold: float) -> tuple[str, Span] | None:
    """The most reliable listed frame a verb occurs in (precision at least ``threshold``), and
    the content it gives."""
    known = lexicon()
    if verb.lemma_.lower() not in cue_lemmas():
        return None
    ranked = sorted(
        ((known[f], f[1]) for f in frames_at(verb) if known.get(f, 0.0) >= threshold),
        reverse=True,
    )
    for _, relation in ranked:
        content = content_of(verb, relation)
        if content is not None:
            return relation, content
    return None

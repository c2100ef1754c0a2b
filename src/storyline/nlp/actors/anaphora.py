"""Anaphora within an article: the words that stand for an entity already named.

- Personal pronouns: "he", "him", "his", "she", "her" are the person named last nearby
  (a subject first), when the gender does not clash; "it" and "its" are the organisation,
  product or country named last nearby ("Airbus said it would ...", "the A380 and its
  wings"), when "it" is a subject that is not empty ("it is expected that ...").
- Relative pronouns: "which", "who", "whose", "that" opening a relative clause are the name
  the clause is attached to ("Airbus, which builds the A380").
- Definite descriptions by type: "the company", "the carmaker", "the firm" are the
  organisation named last; "the aircraft", "the plane", "the phone" the product; "the
  country" the country.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.nlp.words import word_set

if TYPE_CHECKING:
    from storyline.nlp.actors.group import Builder, Cluster

PERSON_PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she"}
THING_PRONOUNS = frozenset(["it", "its"])
RELATIVE_PRONOUNS = frozenset(["which", "who", "whom", "whose", "that"])
# Heads of definite descriptions and the labels of the entities they may stand for.
DESCRIBED = {
    **dict.fromkeys(
        word_set("""company firm carmaker automaker airline manufacturer maker planemaker
        corporation conglomerate retailer bank lender insurer carrier giant group business
        agency organisation organization broadcaster newspaper"""),
        ("ORG",),
    ),
    **dict.fromkeys(
        word_set("""aircraft plane airplane jet airliner jetliner device phone handset
        smartphone product car vehicle model superjumbo"""),
        ("PRODUCT",),
    ),
    **dict.fromkeys(["country", "nation"], ("GPE",)),
}
THING_LABELS = frozenset(["ORG", "PRODUCT", "GPE"])
# Verbs whose "it" is usually empty: "it is expected that", "it seems".
EMPTY_IT_VERBS = frozenset(["be", "seem", "appear", "take", "remain", "become"])
NEARBY_SENTENCES = 2  # how far back a personal pronoun looks


@dataclass(frozen=True)
class Named:
    """A mention already gathered: where its head is, and whose it is."""

    token: int  # the head word's index
    sentence: int
    subject: bool
    cluster: Cluster


def _named(builder: Builder, sentence_of: list[int]) -> list[Named]:
    found = []
    for cluster in builder.clusters:
        for mention in cluster.mentions:
            span = builder.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            subject = root.dep_ in ("nsubj", "nsubjpass")
            found.append(Named(root.i, sentence_of[root.i], subject, cluster))
    return sorted(found, key=lambda n: n.token)


def _nearest(
    named: list[Named], starts: list[int], token: Token, sentence: int,
    fits: Callable[[Cluster], bool], window: int | None,
) -> Cluster | None:  # fmt: skip
    """The cluster named last before ``token`` that fits, a subject first, within
    ``window`` sentences (None: anywhere before)."""
    earlier = named[: bisect_left(starts, token.i)]
    near = [
        n for n in earlier
        if fits(n.cluster) and (window is None or sentence - n.sentence <= window)
    ]  # fmt: skip
    if not near:
        return None
    subjects = [n for n in near if n.subject and n.sentence >= near[-1].sentence - 1]
    return (subjects or near)[-1].cluster


def _labelled(labels: tuple[str, ...]) -> Callable[[Cluster], bool]:
    return lambda cluster: cluster.label in labels


def _thing_reference(token: Token) -> bool:
    """An "its", or an "it" as a subject that stands for something: not "it is expected
    that", "it seems", and not an object "it", which is as often an event ("denied it")."""
    if token.lower_ == "its":
        return True
    head = token.head
    empty = head.lemma_ in EMPTY_IT_VERBS and any(
        c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children
    )
    return token.dep_ in ("nsubj", "nsubjpass") and not empty


def resolve(builder: Builder) -> None:
    """Add the pronouns and descriptions of an article to the entities they stand for."""
    doc = builder.doc
    sentence_of = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
    named = _named(builder, sentence_of)
    starts = [n.token for n in named]
    at: dict[int, Cluster] = {}
    for n in named:
        at.setdefault(n.token, n.cluster)
    for token in doc:
        if token.i in builder.covered:
            continue
        word, here = token.lower_, sentence_of[token.i]
        found: Cluster | None = None
        end = token.idx + len(token)
        start = token.idx
        if word in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            found = at.get(token.head.head.i)
        elif word in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[word]

            def person(c: Cluster, gender: str = gender) -> bool:
                return c.label == "PERSON" and builder.gender_of(c) in (None, gender)

            found = _nearest(named, starts, token, here, person, NEARBY_SENTENCES)
        elif word in THING_PRONOUNS and _thing_reference(token):
            found = _nearest(named, starts, token, here, lambda c: c.label in THING_LABELS, 1)
        elif word in DESCRIBED and token.tag_ == "NN" and _definite(token):
            found = _nearest(named, starts, token, here, _labelled(DESCRIBED[word]), None)
            start = token.left_edge.idx
        if found is not None:
            kind = "description" if word in DESCRIBED else "pronoun"
            builder.add(found, start, end, kind)


def _definite(token: Token) -> bool:
    """ "the company", "the new phone", "the company's" (not "a company")."""
    dets = [c.lower_ for c in token.children if c.dep_ == "det"]
    return dets[:1] in (["the"], ["this"])

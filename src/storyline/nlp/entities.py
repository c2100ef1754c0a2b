"""Entities: named-entity mentions grouped into one entity per name within a document.

This stage takes the spaCy model's entities as they are; the actors issue adds repair,
coreference and linking on top of it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from storyline.model import Document, Entity, Mention
from storyline.nlp.stages import Stage

# spaCy (OntoNotes) labels kept as entities, and the actor type each maps to. Dates, times,
# numbers and money belong to other stages (times) or are not entities.
ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "NORP": "group",
    "LOC": "place",
    "FAC": "facility",
    "PRODUCT": "product",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "law",
}
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")


def entity_key(span: Span) -> str:
    """The key that makes two mentions one entity: label and case-folded bare name."""
    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", span.text.strip()))
    return f"{span.label_}|{name.casefold()}"


def find_entities(doc: Doc) -> list[Entity]:
    """One :class:`Entity` per distinct name among the document's named entities."""
    grouped: dict[str, list[Span]] = {}
    for span in doc.ents:
        if span.label_ in ENTITY_TYPES:
            grouped.setdefault(entity_key(span), []).append(span)
    entities = []
    for number, spans in enumerate(grouped.values(), start=1):
        name = max((s.text for s in spans), key=len)
        entities.append(
            Entity(
                id=f"e{number}",
                name=_POSSESSIVE.sub("", _LEADING_THE.sub("", name)).strip(),
                type=ENTITY_TYPES[spans[0].label_],
                label=spans[0].label_,
                mentions=[Mention(s.start_char, s.end_char, s.text) for s in spans],
            )
        )
    return entities


def extract(doc: Doc, document: Document) -> None:
    """Fill ``document.entities`` from the Doc."""
    document.entities = find_entities(doc)


STAGE = Stage(name="entities", version="1", extract=extract)
